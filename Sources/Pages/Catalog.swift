/// Every user-visible word of Showroom, in Dutch, French and English. A key missing a
/// language fails `CatalogTests`. `{name}` marks a value filled in at run time.
public enum Catalog {
    public struct Entry: Sendable {
        public let nl: String, fr: String, en: String
        public func text(_ language: Language) -> String {
            switch language {
            case .nl: return nl
            case .fr: return fr
            case .en: return en
            }
        }
    }

    public static let entries: [String: Entry] = {
        var e: [String: Entry] = [:]
        func add(_ key: String, _ nl: String, _ fr: String, _ en: String) {
            precondition(e[key] == nil, "duplicate catalog key \(key)")
            e[key] = Entry(nl: nl, fr: fr, en: en)
        }
        // Application frame
        add("app.name", "Showroom", "Showroom", "Showroom")
        add("app.tagline", "Verkoopdesk", "Desk de vente", "Sales desk")
        add("nav.main", "Hoofdnavigatie", "Navigation principale", "Main navigation")
        add("nav.leads", "Leads", "Leads", "Leads")
        add("nav.skip", "Naar de inhoud", "Aller au contenu", "Skip to content")

        // Statuses
        add("status.in_progress", "In behandeling", "En cours", "In progress")
        add("status.won", "Gewonnen", "Gagné", "Won")
        add("status.lost", "Verloren", "Perdu", "Lost")
        add("status.all", "Alle", "Tous", "All")

        // Leads overview
        add("leads.title", "Leads", "Leads", "Leads")
        add("leads.filter.status", "Filter op status", "Filtrer par statut", "Filter by status")
        add("leads.col.status", "Status", "Statut", "Status")
        add("leads.col.code", "Code", "Code", "Code")
        add("leads.col.contact", "Contact", "Contact", "Contact")
        add("leads.col.type", "Type", "Type", "Type")
        add("leads.col.source", "Bron", "Source", "Source")
        add("leads.col.responsible", "Verantwoordelijke", "Responsable", "Responsible")
        add("leads.col.branch", "Vestiging", "Site", "Branch")
        add("leads.col.deadline", "Deadline", "Échéance", "Deadline")
        add("leads.col.created", "Aangemaakt", "Créé", "Created")
        add("leads.col.activity", "Laatste activiteit", "Dernière activité", "Last activity")
        add("leads.col.counters", "Overnames / testritten / offertes", "Reprises / essais / offres", "Trade-ins / test drives / quotes")
        add("leads.empty", "Geen leads gevonden.", "Aucun lead trouvé.", "No leads found.")
        add("leads.page", "Pagina {n}", "Page {n}", "Page {n}")
        add("leads.previous", "Vorige", "Précédente", "Previous")
        add("leads.next", "Volgende", "Suivante", "Next")
        add("leads.pagination", "Paginering", "Pagination", "Pagination")
        add("leads.overdue", "Te laat", "En retard", "Overdue")

        // Durations and countdowns
        add("unit.day", "d", "j", "d")
        add("unit.hour", "u", "h", "h")
        add("unit.minute", "min", "min", "min")
        add("countdown.remaining", "nog {span}", "encore {span}", "{span} left")
        add("countdown.overdue", "{span} te laat", "{span} de retard", "{span} overdue")
        add("countdown.none", "Geen open deadline", "Aucune échéance ouverte", "No open deadline")
        add("countdown.closed", "Afgesloten: geen deadline", "Clôturé : pas d'échéance", "Closed: no deadline")

        // Lead page: header
        add("lead.title", "Lead {code}", "Lead {code}", "Lead {code}")
        add("lead.responsible", "Verantwoordelijke", "Responsable", "Responsible")
        add("lead.type", "Type", "Type", "Type")
        add("lead.source", "Bron", "Source", "Source")
        add("lead.branch", "Vestiging", "Site", "Branch")
        add("lead.code", "Systeemcode", "Code système", "System code")
        add("lead.deadline_box", "Volgende deadline", "Prochaine échéance", "Next deadline")
        add("lead.counters_box", "Elementen van deze lead", "Éléments de ce lead", "Items on this lead")
        add("lead.count.tradeins", "Overnames", "Reprises", "Trade-ins")
        add("lead.count.testdrives", "Testritten", "Essais", "Test drives")
        add("lead.count.quotes", "Offertes", "Offres", "Quotes")
        add("lead.created", "Aangemaakt", "Créé le", "Created")
        add("lead.last_activity", "Laatste activiteit", "Dernière activité", "Last activity")
        add("lead.age", "Sinds aanmaak", "Depuis la création", "Since creation")
        add("lead.status", "Status", "Statut", "Status")

        // Lead page: action bar
        add("actions.label", "Acties op deze lead", "Actions sur ce lead", "Actions on this lead")
        add("action.tradein", "Overname", "Reprise", "Trade-in")
        add("action.quote", "Offerte", "Offre", "Quote")
        add("action.testdrive", "Testrit", "Essai", "Test drive")
        add("action.comment", "Opmerking", "Commentaire", "Comment")
        add("action.document", "Document", "Document", "Document")
        add("action.mail", "Communicatie", "Communication", "E-mail")
        add("action.task", "Taak", "Tâche", "Task")
        add("action.assign", "Toewijzen", "Attribuer", "Assign")
        add("action.unavailable", "Nog niet beschikbaar in deze versie", "Pas encore disponible dans cette version", "Not available in this version yet")

        // Lead page: tabs
        add("tabs.label", "Onderdelen van de lead", "Sections du lead", "Lead sections")
        add("tab.details", "Details", "Détails", "Details")
        add("tab.followup", "Opvolging", "Suivi", "Follow-up")
        add("tab.contacts", "Contacten", "Contacts", "Contacts")

        // Details tab
        add("details.comments", "Opmerkingen", "Commentaires", "Comments")
        add("details.no_comments", "Nog geen opmerkingen.", "Pas encore de commentaires.", "No comments yet.")
        add("details.deadline", "Huidige deadline", "Échéance actuelle", "Current deadline")
        add("details.timeline", "Tijdlijn", "Historique", "Timeline")
        add("details.no_events", "Nog geen gebeurtenissen.", "Pas encore d'événements.", "No events yet.")
        add("details.by", "door {name}", "par {name}", "by {name}")
        add("details.due", "Vervalt op {date}", "Échéance le {date}", "Due {date}")

        // Timeline event kinds
        add("event.created", "Lead aangemaakt", "Lead créé", "Lead created")
        add("event.comment", "Opmerking", "Commentaire", "Comment")
        add("event.status", "Status gewijzigd: {old} → {new}", "Statut modifié : {old} → {new}", "Status changed: {old} → {new}")
        add("event.assigned", "Toegewezen: {old} → {new}", "Attribué : {old} → {new}", "Assigned: {old} → {new}")
        add("event.tradein", "Overname toegevoegd", "Reprise ajoutée", "Trade-in added")
        add("event.quote", "Offerte opgesteld", "Offre établie", "Quote drawn up")
        add("event.testdrive", "Testrit gepland", "Essai planifié", "Test drive booked")
        add("event.task_done", "Taak afgewerkt", "Tâche terminée", "Task done")
        add("event.document_added", "Document toegevoegd", "Document ajouté", "Document added")
        add("event.document_renamed", "Document hernoemd", "Document renommé", "Document renamed")
        add("event.document_deleted", "Document verwijderd", "Document supprimé", "Document deleted")
        add("event.mail_sent", "E-mail verstuurd", "E-mail envoyé", "E-mail sent")
        add("event.deadline_changed", "Deadline verplaatst: {old} → {new}", "Échéance déplacée : {old} → {new}", "Deadline moved: {old} → {new}")
        add("event.deadline_added", "Deadline toegevoegd", "Échéance ajoutée", "Deadline added")
        add("event.deadline_done", "Deadline afgewerkt", "Échéance terminée", "Deadline completed")
        add("event.contact_changed", "Contactgegevens gewijzigd", "Coordonnées modifiées", "Contact details changed")

        // Deadlines (follow-up tab)
        add("deadline.contact_prospect", "Contact opnemen met de prospect", "Contacter le prospect", "Contact the prospect")
        add("deadline.follow_up", "Opvolgen", "Relancer", "Follow up")
        add("deadline.other", "Andere", "Autre", "Other")
        add("followup.title", "Deadlines", "Échéances", "Deadlines")
        add("followup.col.what", "Wat", "Quoi", "What")
        add("followup.col.due", "Vervaldatum", "Échéance", "Due")
        add("followup.col.state", "Stand", "État", "State")
        add("followup.col.contacted", "Contact gehad", "Contacté", "Contacted")
        add("followup.open", "Open", "Ouverte", "Open")
        add("followup.done", "Afgewerkt op {date}", "Terminée le {date}", "Done on {date}")
        add("followup.none", "Geen deadlines.", "Aucune échéance.", "No deadlines.")
        add("followup.yes", "Ja", "Oui", "Yes")
        add("followup.no", "Nee", "Non", "No")
        add("followup.unknown", "Niet genoteerd", "Non renseigné", "Not recorded")

        // Contacts tab
        add("contacts.title", "Contacten van deze lead", "Contacts de ce lead", "Contacts of this lead")
        add("contacts.role.main", "Hoofdcontact", "Contact principal", "Main contact")
        add("contacts.role.co-buyer", "Medekoper", "Co-acheteur", "Co-buyer")
        add("contacts.role.contact-person", "Contactpersoon", "Personne de contact", "Contact person")
        add("contacts.email", "E-mail", "E-mail", "E-mail")
        add("contacts.phone", "Telefoon", "Téléphone", "Phone")
        add("contacts.address", "Adres", "Adresse", "Address")
        add("contacts.vat", "Btw-nummer", "Numéro de TVA", "VAT number")
        add("contacts.language", "Taal", "Langue", "Language")
        add("contacts.kind.person", "Persoon", "Personne", "Person")
        add("contacts.kind.company", "Bedrijf", "Société", "Company")

        // Errors
        add("error.title", "Fout {code}", "Erreur {code}", "Error {code}")
        add("error.400", "Dit verzoek kunnen we niet lezen.", "Nous ne pouvons pas lire cette demande.", "We cannot read this request.")
        add("error.403", "U hebt geen toegang tot deze actie.", "Vous n'avez pas accès à cette action.", "You do not have access to this action.")
        add("error.404", "Deze pagina bestaat niet, of u hebt er geen toegang toe.", "Cette page n'existe pas, ou vous n'y avez pas accès.", "This page does not exist, or you do not have access to it.")
        add("error.405", "Deze actie kan niet op deze manier.", "Cette action n'est pas possible de cette manière.", "This action cannot be done this way.")
        add("error.413", "Wat u verstuurde is te groot.", "L'envoi est trop volumineux.", "What you sent is too large.")
        add("error.429", "Te veel pogingen. Wacht even en probeer opnieuw.", "Trop de tentatives. Patientez puis réessayez.", "Too many attempts. Wait a moment and try again.")
        add("error.500", "Er ging iets mis aan onze kant. Het is genoteerd; probeer het zo opnieuw.", "Un problème est survenu de notre côté. Il a été consigné ; réessayez dans un instant.", "Something went wrong on our side. It has been logged; please try again shortly.")
        add("error.malformed", "Het adres of het formulier bevat ongeldige tekens.", "L'adresse ou le formulaire contient des caractères invalides.", "The address or form contains invalid characters.")
        add("error.back", "Terug naar de leads", "Retour aux leads", "Back to the leads")

        // Navigation and account
        add("nav.users", "Gebruikers", "Utilisateurs", "Users")
        add("nav.permissions", "Rechten", "Droits", "Permissions")
        add("nav.branches", "Vestigingen", "Sites", "Branches")
        add("account.language", "Taal", "Langue", "Language")
        add("account.language.save", "Taal wijzigen", "Changer de langue", "Change language")

        // Sign-in
        add("signin.title", "Aanmelden", "Connexion", "Sign in")
        add("signin.username", "Gebruikersnaam", "Nom d'utilisateur", "Username")
        add("signin.password", "Wachtwoord", "Mot de passe", "Password")
        add("signin.submit", "Aanmelden", "Se connecter", "Sign in")
        add("signin.signout", "Afmelden", "Se déconnecter", "Sign out")
        add("signin.failed", "Aanmelden lukte niet. Controleer gebruikersnaam en wachtwoord, of probeer later opnieuw.",
            "La connexion a échoué. Vérifiez le nom d'utilisateur et le mot de passe, ou réessayez plus tard.",
            "Sign-in failed. Check your username and password, or try again later.")

        // Forms
        add("form.save", "Opslaan", "Enregistrer", "Save")
        add("form.required", "Dit veld is verplicht.", "Ce champ est obligatoire.", "This field is required.")
        add("form.too_long", "Deze tekst is te lang.", "Ce texte est trop long.", "This text is too long.")
        add("form.invalid_choice", "Kies een waarde uit de lijst.", "Choisissez une valeur de la liste.", "Choose a value from the list.")
        add("form.email_invalid", "Dit lijkt geen geldig e-mailadres.", "Cette adresse e-mail ne semble pas valide.", "This does not look like a valid e-mail address.")

        // Errors (extra)
        add("error.409", "Dit werd intussen door iemand anders gewijzigd.", "Quelqu'un d'autre a modifié ceci entre-temps.", "Someone else changed this in the meantime.")
        add("error.422", "Het formulier bevat fouten.", "Le formulaire contient des erreurs.", "The form contains errors.")
        add("error.503", "De dienst is even niet beschikbaar.", "Le service est momentanément indisponible.", "The service is briefly unavailable.")
        add("error.csrf", "Dit formulier is verlopen of kwam niet van Showroom. Laad de pagina opnieuw en probeer het nog eens.",
            "Ce formulaire a expiré ou ne provient pas de Showroom. Rechargez la page et réessayez.",
            "This form has expired or did not come from Showroom. Reload the page and try again.")
        add("error.conflict", "Iemand anders wijzigde dit intussen; er werd niets overschreven.", "Quelqu'un d'autre a modifié ceci entre-temps ; rien n'a été écrasé.", "Someone else changed this meanwhile; nothing was overwritten.")
        add("error.conflict_reload", "Iemand anders wijzigde deze gebruiker intussen. Hieronder staat de huidige versie met uw invoer; sla opnieuw op om door te gaan.",
            "Quelqu'un d'autre a modifié cet utilisateur entre-temps. Voici la version actuelle avec votre saisie ; enregistrez à nouveau pour continuer.",
            "Someone else changed this user meanwhile. Below is the current version with what you typed; save again to go ahead.")
        add("error.last_user_manager", "Deze wijziging zou niemand meer toelaten om gebruikers te beheren. Ze werd niet uitgevoerd.",
            "Ce changement ne laisserait plus personne gérer les utilisateurs. Il n'a pas été effectué.",
            "This change would leave nobody able to manage users. It was not made.")

        // Permissions and scopes
        add("perm.leads.view", "Leads bekijken", "Voir les leads", "View leads")
        add("perm.leads.create", "Leads aanmaken", "Créer des leads", "Create leads")
        add("perm.leads.edit", "Leads bewerken", "Modifier les leads", "Edit leads")
        add("perm.leads.assign", "Leads toewijzen", "Attribuer des leads", "Assign leads")
        add("perm.leads.status", "Status wijzigen", "Changer le statut", "Change status")
        add("perm.leads.reopen", "Afgesloten leads heropenen", "Rouvrir des leads clôturés", "Reopen closed leads")
        add("perm.tradeins.manage", "Overnames beheren", "Gérer les reprises", "Manage trade-ins")
        add("perm.quotes.manage", "Offertes beheren", "Gérer les offres", "Manage quotes")
        add("perm.quotes.approve", "Kortingen boven de limiet goedkeuren", "Approuver les remises au-delà de la limite", "Approve discounts above the limit")
        add("perm.testdrives.manage", "Testritten beheren", "Gérer les essais", "Manage test drives")
        add("perm.documents.upload", "Documenten toevoegen", "Ajouter des documents", "Upload documents")
        add("perm.documents.delete", "Documenten verwijderen", "Supprimer des documents", "Delete documents")
        add("perm.tasks.manage", "Taken beheren", "Gérer les tâches", "Manage tasks")
        add("perm.mail.send", "E-mails versturen", "Envoyer des e-mails", "Send e-mails")
        add("perm.contacts.edit", "Contacten bewerken", "Modifier les contacts", "Edit contacts")
        add("perm.settings.manage", "Instellingen beheren", "Gérer les paramètres", "Manage settings")
        add("perm.users.manage", "Gebruikers en rechten beheren", "Gérer utilisateurs et droits", "Manage users and permissions")
        add("perm.insights.view", "Inzichten bekijken", "Voir les analyses", "View insights")
        add("scope.own", "eigen leads", "ses leads", "own leads")
        add("scope.branch", "eigen vestiging(en)", "son/ses site(s)", "own branch(es)")
        add("scope.all", "alle vestigingen", "tous les sites", "all branches")

        // Admin: users
        add("admin.users.title", "Gebruikers", "Utilisateurs", "Users")
        add("admin.users.new", "Nieuwe gebruiker", "Nouvel utilisateur", "New user")
        add("admin.users.create", "Gebruiker aanmaken", "Créer l'utilisateur", "Create user")
        add("admin.user.username", "Gebruikersnaam", "Nom d'utilisateur", "Username")
        add("admin.user.display_name", "Naam", "Nom", "Name")
        add("admin.user.email", "E-mail", "E-mail", "E-mail")
        add("admin.user.language", "Taal", "Langue", "Language")
        add("admin.user.profile", "Profiel", "Profil", "Profile")
        add("admin.user.branches", "Vestigingen", "Sites", "Branches")
        add("admin.user.password", "Wachtwoord (minstens 10 tekens)", "Mot de passe (au moins 10 caractères)", "Password (at least 10 characters)")
        add("admin.user.state", "Toestand", "État", "State")
        add("admin.user.active", "Actief", "Actif", "Active")
        add("admin.user.inactive", "Gedeactiveerd", "Désactivé", "Deactivated")
        add("admin.user.details", "Gegevens, profiel en vestigingen", "Données, profil et sites", "Details, profile and branches")
        add("admin.user.password_reset", "Wachtwoord opnieuw instellen", "Réinitialiser le mot de passe", "Reset password")
        add("admin.user.new_password", "Nieuw wachtwoord (minstens 10 tekens)", "Nouveau mot de passe (au moins 10 caractères)", "New password (at least 10 characters)")
        add("admin.user.password_set", "Wachtwoord instellen", "Définir le mot de passe", "Set password")
        add("admin.user.activate", "Opnieuw activeren", "Réactiver", "Reactivate")
        add("admin.user.deactivate", "Deactiveren", "Désactiver", "Deactivate")
        add("admin.user.active_explain", "Deze gebruiker kan zich aanmelden. Deactiveren beëindigt meteen alle sessies.",
            "Cet utilisateur peut se connecter. La désactivation met fin immédiatement à toutes ses sessions.",
            "This user can sign in. Deactivating ends all their sessions at once.")
        add("admin.user.inactive_explain", "Deze gebruiker kan zich niet aanmelden.", "Cet utilisateur ne peut pas se connecter.", "This user cannot sign in.")
        add("admin.user.branch_required", "Kies minstens één vestiging.", "Choisissez au moins un site.", "Choose at least one branch.")
        add("admin.user.username_rule", "2 tot 64 tekens: kleine letters, cijfers, punt, koppelteken of liggend streepje.",
            "2 à 64 caractères : minuscules, chiffres, point, tiret ou tiret bas.",
            "2 to 64 characters: lower-case letters, digits, dot, hyphen or underscore.")
        add("admin.user.username_taken", "Deze gebruikersnaam is al in gebruik.", "Ce nom d'utilisateur est déjà pris.", "This username is already taken.")
        add("admin.user.password_rule", "Een wachtwoord heeft minstens 10 tekens.", "Un mot de passe compte au moins 10 caractères.", "A password has at least 10 characters.")
        add("admin.done.created", "De gebruiker werd aangemaakt.", "L'utilisateur a été créé.", "The user was created.")
        add("admin.done.saved", "De wijzigingen werden opgeslagen.", "Les modifications ont été enregistrées.", "The changes were saved.")
        add("admin.done.password", "Het wachtwoord werd ingesteld; bestaande sessies werden beëindigd.", "Le mot de passe a été défini ; les sessions existantes ont été fermées.", "The password was set; existing sessions were ended.")

        // Admin: effective access
        add("admin.access.title", "Effectieve toegang", "Accès effectif", "Effective access")
        add("admin.access.summary", "Profiel: {profile}. Vestigingen: {branches}.", "Profil : {profile}. Sites : {branches}.", "Profile: {profile}. Branches: {branches}.")
        add("admin.access.inactive", "Gedeactiveerd: kan niets.", "Désactivé : ne peut rien faire.", "Deactivated: may do nothing.")
        add("admin.access.permission", "Recht", "Droit", "Permission")
        add("admin.access.allowed", "Toegestaan", "Autorisé", "Allowed")
        add("admin.access.why", "Waarom", "Pourquoi", "Why")
        add("admin.access.from_profile", "Via profiel {profile}", "Via le profil {profile}", "Through profile {profile}")
        add("admin.access.user_grant", "Individueel toegekend", "Accordé individuellement", "Granted individually")
        add("admin.access.user_deny", "Individueel geweigerd", "Refusé individuellement", "Refused individually")
        add("admin.access.not_granted", "Niet toegekend (standaard geweigerd)", "Non accordé (refusé par défaut)", "Not granted (denied by default)")

        // Admin: permissions and log
        add("admin.permissions.title", "Rechten", "Droits", "Permissions")
        add("admin.permissions.users", "Gebruikers × rechten", "Utilisateurs × droits", "Users × permissions")
        add("admin.permissions.users_help", "Standaard volgt een gebruiker zijn profiel; hier kent u per gebruiker een recht extra toe of weigert u het.",
            "Par défaut, un utilisateur suit son profil ; ici, vous accordez ou refusez un droit par utilisateur.",
            "By default a user follows their profile; here you grant or refuse a permission per user.")
        add("admin.permissions.profiles", "Profielen × rechten", "Profils × droits", "Profiles × permissions")
        add("admin.permissions.inherit", "Profiel", "Profil", "Profile")
        add("admin.permissions.grant", "toegekend", "accordé", "granted")
        add("admin.permissions.deny", "geweigerd", "refusé", "refused")
        add("admin.permissions.conflict", "Iemand anders wijzigde deze rechten intussen. Er werd niets opgeslagen; hieronder staat de huidige toestand.",
            "Quelqu'un d'autre a modifié ces droits entre-temps. Rien n'a été enregistré ; voici l'état actuel.",
            "Someone else changed these permissions meanwhile. Nothing was saved; below is the current state.")
        add("admin.permissions.new_profile", "Nieuw profiel", "Nouveau profil", "New profile")
        add("admin.permissions.create_profile", "Profiel aanmaken", "Créer le profil", "Create profile")
        add("admin.permissions.profile_exists", "Er bestaat al een profiel met die naam.", "Un profil porte déjà ce nom.", "A profile with that name already exists.")
        add("admin.log.title", "Logboek van wijzigingen", "Journal des modifications", "Change log")
        add("admin.log.empty", "Nog geen wijzigingen.", "Pas encore de modifications.", "No changes yet.")
        add("admin.log.when", "Wanneer", "Quand", "When")
        add("admin.log.who", "Wie", "Qui", "Who")
        add("admin.log.subject", "Onderwerp", "Objet", "Subject")
        add("admin.log.change", "Wijziging", "Modification", "Change")
        add("admin.log.old", "Oud", "Ancien", "Old")
        add("admin.log.new", "Nieuw", "Nouveau", "New")
        add("admin.log.system", "Systeem", "Système", "System")
        add("admin.log.change.permission", "Recht: {permission}", "Droit : {permission}", "Permission: {permission}")
        add("admin.log.change.created", "Aangemaakt", "Créé", "Created")
        add("admin.log.change.display_name", "Naam", "Nom", "Name")
        add("admin.log.change.email", "E-mail", "E-mail", "E-mail")
        add("admin.log.change.language", "Taal", "Langue", "Language")
        add("admin.log.change.profile", "Profiel", "Profil", "Profile")
        add("admin.log.change.branches", "Vestigingen", "Sites", "Branches")
        add("admin.log.change.active", "Actief", "Actif", "Active")
        add("admin.log.change.password", "Wachtwoord", "Mot de passe", "Password")
        add("admin.log.change.name", "Naam", "Nom", "Name")
        add("admin.log.change.name_fr", "Naam (Frans)", "Nom (français)", "Name (French)")
        add("admin.log.change.name_en", "Naam (Engels)", "Nom (anglais)", "Name (English)")

        // Admin: branches
        add("admin.branches.title", "Vestigingen", "Sites", "Branches")
        add("admin.branches.new", "Nieuwe vestiging", "Nouveau site", "New branch")
        add("admin.branches.create", "Vestiging aanmaken", "Créer le site", "Create branch")
        add("admin.branch.name_nl", "Naam (Nederlands)", "Nom (néerlandais)", "Name (Dutch)")
        add("admin.branch.name_fr", "Naam (Frans)", "Nom (français)", "Name (French)")
        add("admin.branch.name_en", "Naam (Engels)", "Nom (anglais)", "Name (English)")
        add("admin.branch.city", "Gemeente", "Commune", "City")
        add("admin.branch.name_taken", "Er bestaat al een vestiging met die naam.", "Un site porte déjà ce nom.", "A branch with that name already exists.")

        // Working a lead: navigation and overview
        add("nav.tasks", "Taken", "Tâches", "Tasks")
        add("nav.settings", "Instellingen", "Paramètres", "Settings")
        add("leads.new", "Nieuwe lead", "Nouveau lead", "New lead")
        add("leads.export", "Exporteren (CSV)", "Exporter (CSV)", "Export (CSV)")
        add("leads.search", "Zoeken (naam, e-mail, telefoon, code)", "Rechercher (nom, e-mail, téléphone, code)", "Search (name, e-mail, phone, code)")
        add("leads.from", "Aangemaakt vanaf", "Créé à partir du", "Created from")
        add("leads.to", "Aangemaakt tot en met", "Créé jusqu'au", "Created up to")
        add("leads.overdue_only", "Alleen te laat", "En retard uniquement", "Overdue only")
        add("leads.col.counters_short", "O/T/O", "R/E/O", "T/D/Q")
        add("filter.apply", "Toepassen", "Appliquer", "Apply")
        add("filter.reset", "Wissen", "Effacer", "Reset")
        add("form.cancel", "Annuleren", "Annuler", "Cancel")
        add("form.datetime_invalid", "Geef een geldige datum en tijd.", "Indiquez une date et une heure valides.", "Give a valid date and time.")
        add("lead.back", "Terug naar de lead", "Retour au lead", "Back to the lead")

        // New lead
        add("newlead.title", "Nieuwe lead", "Nouveau lead", "New lead")
        add("newlead.search", "1. Zoek eerst het contact", "1. Cherchez d'abord le contact", "1. First look for the contact")
        add("newlead.search_label", "Naam, e-mail of telefoon", "Nom, e-mail ou téléphone", "Name, e-mail or phone")
        add("newlead.search_button", "Zoeken", "Rechercher", "Search")
        add("newlead.no_match", "Geen bestaand contact gevonden. Maak hieronder een nieuw contact aan.", "Aucun contact existant trouvé. Créez-en un nouveau ci-dessous.", "No existing contact found. Create a new one below.")
        add("newlead.choose", "Kiezen", "Choisir", "Choose")
        add("newlead.contact", "Contact", "Contact", "Contact")
        add("newlead.other_contact", "Ander contact kiezen", "Choisir un autre contact", "Choose another contact")
        add("newlead.new_contact", "2. Of maak een nieuw contact aan", "2. Ou créez un nouveau contact", "2. Or create a new contact")
        add("newlead.lead", "De lead", "Le lead", "The lead")
        add("newlead.create", "Lead aanmaken", "Créer le lead", "Create lead")
        add("newlead.duplicates", "Er bestaan al contacten met hetzelfde e-mailadres, telefoonnummer of btw-nummer. Kies er een, of bevestig dat u toch een nieuw contact wilt.",
            "Des contacts avec la même adresse e-mail, le même téléphone ou le même numéro de TVA existent déjà. Choisissez-en un, ou confirmez la création d'un nouveau contact.",
            "Contacts with the same e-mail, phone or VAT number already exist. Choose one, or confirm that you want a new contact anyway.")
        add("newlead.duplicates_hidden", "Nog {n} gelijkaardige contact(en) in vestigingen die u niet ziet.", "Encore {n} contact(s) similaire(s) dans des sites que vous ne voyez pas.", "{n} more similar contact(s) in branches you cannot see.")
        add("newlead.create_anyway", "Toch een nieuw contact aanmaken", "Créer quand même un nouveau contact", "Create a new contact anyway")

        // Contact fields
        add("contact.kind", "Soort contact", "Type de contact", "Kind of contact")
        add("contact.first_name", "Voornaam", "Prénom", "First name")
        add("contact.last_name", "Familienaam", "Nom", "Last name")
        add("contact.company_name", "Bedrijfsnaam", "Nom de la société", "Company name")
        add("contact.street", "Straat en nummer", "Rue et numéro", "Street and number")
        add("contact.postal_code", "Postcode", "Code postal", "Postal code")
        add("contact.city", "Gemeente", "Commune", "City")
        add("contact.country", "Land (2 letters)", "Pays (2 lettres)", "Country (2 letters)")
        add("contact.vat_rate", "Eigen btw-tarief (%)", "Taux de TVA propre (%)", "Own VAT rate (%)")
        add("contact.leads", "Leads van dit contact", "Leads de ce contact", "Leads of this contact")
        add("contact.phone_invalid", "Dit is geen geldig telefoonnummer.", "Ce n'est pas un numéro de téléphone valide.", "This is not a valid phone number.")
        add("contact.email_or_phone", "Geef minstens een e-mailadres of een telefoonnummer.", "Indiquez au moins une adresse e-mail ou un téléphone.", "Give at least an e-mail address or a phone number.")
        add("contact.vat_invalid", "Dit lijkt geen geldig btw-nummer (bv. BE0123456789).", "Ce numéro de TVA ne semble pas valide (ex. BE0123456789).", "This does not look like a valid VAT number (e.g. BE0123456789).")
        add("contact.vat_rate_invalid", "Geef een percentage tussen 0 en 100.", "Indiquez un pourcentage entre 0 et 100.", "Give a percentage between 0 and 100.")
        add("contact.country_invalid", "Gebruik de landcode met 2 letters (BE, NL, FR…).", "Utilisez le code pays à 2 lettres (BE, NL, FR…).", "Use the 2-letter country code (BE, NL, FR…).")
        add("contacts.edit", "Gegevens aanpassen", "Modifier les données", "Edit details")
        add("contacts.open", "Bekijken", "Voir", "View")
        add("contacts.link", "Contact toevoegen aan deze lead", "Ajouter un contact à ce lead", "Add a contact to this lead")
        add("contacts.link_new", "Nieuw contact aanmaken en toevoegen", "Créer et ajouter un nouveau contact", "Create and add a new contact")
        add("contacts.role", "Rol", "Rôle", "Role")
        add("contacts.already_linked", "Dit contact hoort al bij deze lead.", "Ce contact fait déjà partie de ce lead.", "This contact is already on this lead.")

        // Quotes and order forms: the rules of Sources/Showroom (Quote*, OrderFormRules)
        add("quote.quantity_range", "Het aantal moet tussen 1 en 999 liggen (1 voor een korting of overname).", "La quantité doit être comprise entre 1 et 999 (1 pour une remise ou une reprise).", "The quantity must be between 1 and 999 (1 for a discount or trade-in).")
        add("quote.price_range", "Een prijs ligt tussen € 0,00 en € 10.000.000,00; een korting of overname tussen € 0,01 en € 10.000.000,00.", "Un prix est compris entre 0,00 € et 10.000.000,00 € ; une remise ou une reprise entre 0,01 € et 10.000.000,00 €.", "A price is between € 0.00 and € 10,000,000.00; a discount or trade-in between € 0.01 and € 10,000,000.00.")
        add("quote.vat_rate_range", "Het btw-tarief moet tussen 0 % en 100 % liggen.", "Le taux de TVA doit être compris entre 0 % et 100 %.", "The VAT rate must be between 0 % and 100 %.")
        add("quote.vat_treatment", "Deze btw-regeling kan niet op deze lijn: de bijzondere regeling geldt enkel voor het voertuig.", "Ce régime de TVA n'est pas possible sur cette ligne : le régime particulier ne vaut que pour le véhicule.", "This VAT treatment is not possible on this line: the margin scheme applies to the vehicle only.")
        add("quote.discount_target", "Kies de lijn waarop de korting geldt.", "Choisissez la ligne à laquelle la remise s'applique.", "Choose the line the discount applies to.")
        add("quote.discount_percent_range", "Het kortingspercentage moet tussen 0,01 % en 100 % liggen.", "Le pourcentage de remise doit être compris entre 0,01 % et 100 %.", "The discount percentage must be between 0.01 % and 100 %.")
        add("quote.discount_exceeds_line", "De korting is groter dan de lijn waarop ze geldt.", "La remise dépasse le montant de la ligne à laquelle elle s'applique.", "The discount is larger than the line it applies to.")
        add("quote.empty", "Een offerte heeft minstens één lijn.", "Une offre comporte au moins une ligne.", "A quote needs at least one line.")
        add("quote.vehicle_count", "Een offerte heeft precies één voertuiglijn.", "Une offre comporte exactement une ligne de véhicule.", "A quote has exactly one vehicle line.")
        add("quote.total_negative", "Het totaal van de offerte mag niet negatief zijn.", "Le total de l'offre ne peut pas être négatif.", "The quote's total cannot be negative.")
        add("quote.transition", "Deze stap is niet mogelijk in de huidige status van de offerte.", "Cette étape n'est pas possible dans le statut actuel de l'offre.", "This step is not possible in the quote's current status.")
        add("quote.needs_approval", "De korting is hoger dan toegelaten: een verantwoordelijke moet de offerte eerst goedkeuren.", "La remise dépasse la limite : un responsable doit d'abord approuver l'offre.", "The discount is above the limit: a manager must approve the quote first.")
        add("quote.approval_not_permitted", "U mag geen offertes goedkeuren.", "Vous ne pouvez pas approuver d'offres.", "You may not approve quotes.")
        add("quote.expired", "De geldigheidsdatum van deze offerte is verstreken: maak een nieuwe versie.", "La date de validité de cette offre est dépassée : créez une nouvelle version.", "This quote's validity date has passed: make a new version.")
        add("quote.validity_before_issue", "De geldigheidsdatum ligt vóór de datum van de offerte.", "La date de validité précède la date de l'offre.", "The validity date is before the quote's date.")
        add("orderform.deposit_too_high", "Het voorschot is hoger dan toegelaten.", "L'acompte dépasse le montant autorisé.", "The deposit is higher than allowed.")
        add("orderform.deposit_negative", "Het voorschot kan niet negatief zijn.", "L'acompte ne peut pas être négatif.", "The deposit cannot be negative.")
        add("orderform.delivery_before_signing", "De uiterste leverdatum ligt vóór de datum van ondertekening.", "La date de livraison limite précède la date de signature.", "The latest delivery date is before the signing date.")
        add("orderform.warranty", "De wettelijke garantie is 2 jaar; 1 jaar kan enkel voor een tweedehandswagen, in onderling akkoord.", "La garantie légale est de 2 ans ; 1 an n'est possible que pour un véhicule d'occasion, de commun accord.", "The legal warranty is 2 years; 1 year is only possible for a used car, by agreement.")

        // Comments
        add("comment.new", "Nieuwe opmerking", "Nouveau commentaire", "New comment")
        add("comment.add", "Opmerking toevoegen", "Ajouter le commentaire", "Add comment")
        add("comment.edit", "Bewerken", "Modifier", "Edit")
        add("comment.delete", "Opmerking verwijderen", "Supprimer le commentaire", "Delete comment")

        // Status and assignment
        add("status.change", "Status wijzigen", "Changer le statut", "Change status")
        add("status.lost_reason", "Reden van verlies", "Raison de la perte", "Reason for losing")
        add("status.reason_required", "Kies waarom de lead verloren is.", "Choisissez pourquoi le lead est perdu.", "Choose why the lead was lost.")
        add("status.lost_because", "Verloren: {reason}", "Perdu : {reason}", "Lost: {reason}")
        add("assign.title", "Lead toewijzen", "Attribuer le lead", "Assign the lead")
        add("assign.unknown_user", "Deze gebruiker bestaat niet of is niet actief.", "Cet utilisateur n'existe pas ou n'est pas actif.", "This user does not exist or is not active.")
        add("assign.not_in_branch", "Deze gebruiker werkt niet in die vestiging.", "Cet utilisateur ne travaille pas dans ce site.", "This user does not work in that branch.")
        add("assign.unchanged", "Kies een andere verantwoordelijke of vestiging.", "Choisissez un autre responsable ou site.", "Choose another responsible or branch.")
        add("conflict.lead", "Iemand anders wijzigde deze lead intussen; er werd niets overschreven. Dit veranderde er:",
            "Quelqu'un d'autre a modifié ce lead entre-temps ; rien n'a été écrasé. Voici ce qui a changé :",
            "Someone else changed this lead meanwhile; nothing was overwritten. This is what changed:")
        add("conflict.comment", "Iemand wijzigde deze opmerking intussen; er werd niets overschreven. De huidige tekst:", "Ce commentaire a été modifié entre-temps ; rien n'a été écrasé. Le texte actuel :", "This comment was changed meanwhile; nothing was overwritten. The current text:")
        add("conflict.task", "Iemand wijzigde deze taak intussen; er werd niets overschreven. De huidige versie:", "Cette tâche a été modifiée entre-temps ; rien n'a été écrasé. La version actuelle :", "This task was changed meanwhile; nothing was overwritten. The current version:")
        add("conflict.contact", "Iemand wijzigde dit contact intussen; er werd niets overschreven. Verschillen:", "Ce contact a été modifié entre-temps ; rien n'a été écrasé. Différences :", "This contact was changed meanwhile; nothing was overwritten. Differences:")
        add("conflict.deadline", "Deze deadline werd intussen gewijzigd; bekijk de huidige stand.", "Cette échéance a été modifiée entre-temps ; voyez l'état actuel.", "This deadline was changed meanwhile; see its current state.")
        add("conflict.deadline_changes", "Iemand wijzigde deze deadline intussen; er werd niets overschreven. Dit veranderde er:",
            "Cette échéance a été modifiée entre-temps ; rien n'a été écrasé. Voici ce qui a changé :", "This deadline was changed meanwhile; nothing was overwritten. What changed:")
        add("conflict.user", "Iemand anders bewaarde deze gebruiker intussen; er werd niets overschreven. Dit veranderde er (uw invoer staat nog in het formulier):",
            "Quelqu'un d'autre a enregistré cet utilisateur entre-temps ; rien n'a été écrasé. Voici ce qui a changé (votre saisie est restée dans le formulaire) :",
            "Someone else saved this user meanwhile; nothing was overwritten. This is what changed (what you typed is still in the form):")
        add("admin.user.password_changed", "nieuw wachtwoord ingesteld", "nouveau mot de passe défini", "new password set")
        add("task.assignee_cannot_see", "Deze persoon kan deze lead niet openen; kies iemand die dat wel kan.",
            "Cette personne ne peut pas ouvrir ce lead ; choisissez quelqu'un qui le peut.", "This person cannot open this lead; choose someone who can.")
        add("conflict.theirs", "nu", "actuel", "now")
        add("conflict.yours", "uw invoer", "votre saisie", "yours")

        // Deadlines
        add("deadline.add", "Deadline toevoegen", "Ajouter une échéance", "Add deadline")
        add("deadline.note", "Notitie", "Note", "Note")
        add("deadline.new_due", "Nieuwe vervaldatum", "Nouvelle échéance", "New due time")
        add("deadline.reason", "Reden", "Raison", "Reason")
        add("deadline.move", "Verplaatsen", "Déplacer", "Move")
        add("deadline.complete", "Afwerken", "Terminer", "Complete")
        add("deadline.was_contacted", "Prospect bereikt?", "Prospect contacté ?", "Prospect reached?")
        add("deadline.contacted_required", "Geef aan of de prospect bereikt werd.", "Indiquez si le prospect a été contacté.", "Say whether the prospect was reached.")
        add("deadline.reached", "prospect bereikt", "prospect contacté", "prospect reached")
        add("deadline.not_reached", "prospect niet bereikt", "prospect non contacté", "prospect not reached")
        add("deadline.in_past", "Een deadline ligt in de toekomst.", "Une échéance se situe dans le futur.", "A deadline lies in the future.")
        add("deadline.too_far", "Dat is meer dan twee jaar vooruit.", "C'est plus de deux ans à l'avance.", "That is more than two years ahead.")
        add("deadline.lead_closed", "Deze lead is afgesloten.", "Ce lead est clôturé.", "This lead is closed.")
        add("deadline.already_done", "Deze deadline is al afgewerkt.", "Cette échéance est déjà terminée.", "This deadline is already completed.")
        add("details.manage_deadlines", "Deadlines beheren", "Gérer les échéances", "Manage deadlines")

        // Tasks
        add("tasks.title", "Taken en deadlines", "Tâches et échéances", "Tasks and deadlines")
        add("tasks.who", "Van wie", "De qui", "Whose")
        add("tasks.who.mine", "Mijn taken en leads", "Mes tâches et leads", "My tasks and leads")
        add("tasks.who.team", "Alle leads die ik zie", "Tous les leads que je vois", "All leads I can see")
        add("tasks.what", "Wat", "Quoi", "What")
        add("tasks.what.all", "Taken en deadlines", "Tâches et échéances", "Tasks and deadlines")
        add("tasks.what.tasks", "Alleen taken", "Tâches uniquement", "Tasks only")
        add("tasks.what.deadlines", "Alleen deadlines", "Échéances uniquement", "Deadlines only")
        add("tasks.period", "Tegen", "Pour", "Due")
        add("tasks.period.all", "Alles", "Tout", "Any time")
        add("tasks.period.today", "Vandaag", "Aujourd'hui", "Today")
        add("tasks.period.week", "Deze week", "Cette semaine", "This week")
        add("tasks.empty", "Niets open. Goed bezig!", "Rien en attente. Bravo !", "Nothing open. Well done!")
        add("tasks.col.due", "Tegen", "Échéance", "Due")
        add("tasks.col.kind", "Soort", "Type", "Kind")
        add("tasks.col.what", "Wat", "Quoi", "What")
        add("tasks.col.lead", "Lead", "Lead", "Lead")
        add("tasks.col.owner", "Voor", "Pour", "For")
        add("tasks.col.action", "Actie", "Action", "Action")
        add("tasks.kind.task", "Taak", "Tâche", "Task")
        add("tasks.kind.deadline", "Deadline", "Échéance", "Deadline")
        add("task.title", "Taak", "Tâche", "Task")
        add("task.new", "Nieuwe taak", "Nouvelle tâche", "New task")
        add("task.create", "Taak plannen", "Planifier la tâche", "Plan task")
        add("task.edit", "Taak aanpassen", "Modifier la tâche", "Edit task")
        add("task.start", "Begint op", "Commence le", "Starts at")
        add("task.duration", "Duur", "Durée", "Duration")
        add("task.assignee", "Uitvoerder", "Exécutant", "Assignee")
        add("task.description", "Omschrijving", "Description", "Description")
        add("task.done", "Afgewerkt", "Terminée", "Done")
        add("task.done_on", "Afgewerkt op {date} door {name}", "Terminée le {date} par {name}", "Done on {date} by {name}")
        add("task.start_range", "Kies een tijdstip binnen een jaar terug en twee jaar vooruit.", "Choisissez un moment entre un an en arrière et deux ans en avant.", "Choose a time between a year ago and two years ahead.")
        add("task.duration_range", "Kies een duur uit de lijst.", "Choisissez une durée dans la liste.", "Choose a duration from the list.")
        add("task.already_done", "Deze taak is al afgewerkt.", "Cette tâche est déjà terminée.", "This task is already done.")

        // Timeline filter and new events
        add("timeline.filter", "Filteren", "Filtrer", "Filter")
        add("timeline.filter.all", "Alle gebeurtenissen", "Tous les événements", "All events")
        add("timeline.filter.comments", "Opmerkingen", "Commentaires", "Comments")
        add("timeline.filter.status", "Status en toewijzing", "Statut et attribution", "Status and assignment")
        add("timeline.filter.deadlines", "Deadlines", "Échéances", "Deadlines")
        add("timeline.filter.tasks", "Taken", "Tâches", "Tasks")
        add("timeline.filter.elements", "Overnames, offertes, testritten", "Reprises, offres, essais", "Trade-ins, quotes, test drives")
        add("timeline.filter.documents", "Documenten en e-mails", "Documents et e-mails", "Documents and e-mails")
        add("timeline.filter.contacts", "Contacten", "Contacts", "Contacts")
        add("timeline.open", "Openen", "Ouvrir", "Open")
        add("event.comment_edited", "Opmerking bewerkt", "Commentaire modifié", "Comment edited")
        add("comment.edited", "bewerkt {date}", "modifié le {date}", "edited {date}")
        add("event.comment_deleted", "Opmerking verwijderd", "Commentaire supprimé", "Comment deleted")
        add("event.task_added", "Taak gepland", "Tâche planifiée", "Task planned")
        add("event.task_changed", "Taak aangepast", "Tâche modifiée", "Task changed")
        add("event.contact_linked", "Contact toegevoegd", "Contact ajouté", "Contact added")

        // Notifications
        add("notifications.title", "Meldingen", "Notifications", "Notifications")
        add("notifications.empty", "Geen nieuwe meldingen.", "Pas de nouvelles notifications.", "No new notifications.")
        add("notifications.seen", "Gezien", "Vu", "Seen")
        add("notification.assigned", "{actor} wees u lead {detail} toe", "{actor} vous a attribué le lead {detail}", "{actor} assigned lead {detail} to you")
        add("notification.task", "{actor} plande een taak voor u: {detail}", "{actor} a planifié une tâche pour vous : {detail}", "{actor} planned a task for you: {detail}")
        add("notification.task_done", "Taak afgewerkt door {actor}: {detail}", "Tâche terminée par {actor} : {detail}", "Task done by {actor}: {detail}")

        // Settings
        add("settings.title", "Instellingen", "Paramètres", "Settings")
        add("settings.deadline", "Verkoop: deadline voor opportuniteiten", "Vente : échéance des opportunités", "Sales: opportunity deadline")
        add("settings.deadline_hours", "Maximale termijn voor het eerste contact (uren)", "Délai maximal pour le premier contact (heures)", "Maximum time to first contact (hours)")
        add("settings.hours_range", "Geef een aantal uren tussen 1 en 720.", "Indiquez un nombre d'heures entre 1 et 720.", "Give a number of hours between 1 and 720.")
        add("settings.types", "Leadtypes", "Types de lead", "Lead types")
        add("settings.sources", "Leadbronnen", "Sources de lead", "Lead sources")
        add("settings.lost_reasons", "Redenen van verlies", "Raisons de perte", "Lost reasons")
        add("settings.add", "Toevoegen", "Ajouter", "Add")
        add("settings.inactive", "Niet meer te kiezen", "Plus sélectionnable", "No longer selectable")
        add("admin.log.change.deadline_hours", "Deadlinetermijn (uren)", "Délai d'échéance (heures)", "Deadline period (hours)")
        // Contact fields as named in the timeline
        add("field.kind", "Soort", "Type", "Kind")
        add("field.first_name", "Voornaam", "Prénom", "First name")
        add("field.last_name", "Familienaam", "Nom", "Last name")
        add("field.company_name", "Bedrijfsnaam", "Société", "Company")
        add("field.email", "E-mail", "E-mail", "E-mail")
        add("field.phone", "Telefoon", "Téléphone", "Phone")
        add("field.street", "Straat", "Rue", "Street")
        add("field.postal_code", "Postcode", "Code postal", "Postal code")
        add("field.city", "Gemeente", "Commune", "City")
        add("field.country", "Land", "Pays", "Country")
        add("field.vat_number", "Btw-nummer", "Numéro de TVA", "VAT number")
        add("field.vat_rate", "Btw-tarief (‰)", "Taux de TVA (‰)", "VAT rate (‰)")
        add("field.language", "Taal", "Langue", "Language")
        documentEntries(add)
        printoutEntries(add)
        companyEntries(add)
        vehicleEntries(add)
        quoteEntries(add)
        tradeInEntries(add)
        testDriveEntries(add)
        mailEntries(add)
        insightsEntries(add)
        accountSecurityEntries(add)
        return e
    }()
}

/// Looks words up in the catalog for one language.
public struct Translator: Sendable {
    public let language: Language

    public init(_ language: Language) { self.language = language }

    public func callAsFunction(_ key: String) -> String {
        // A key the catalog lacks shows as itself; CatalogTests keep that from shipping.
        guard let entry = Catalog.entries[key] else { return key }
        return entry.text(language)
    }

    /// Fills `{name}` placeholders. (A byte scan over the template: this runs for every
    /// timeline line, and character-wise or Foundation string replacement costs far more.)
    public func callAsFunction(_ key: String, _ values: KeyValuePairs<String, String>) -> String {
        var template = self(key)
        return template.withUTF8 { t -> String in
            var out: [UInt8] = []
            out.reserveCapacity(t.count + 32)
            var i = 0
            while i < t.count {
                if t[i] == UInt8(ascii: "{"), let close = t[i...].firstIndex(of: UInt8(ascii: "}")) {
                    let name = UnsafeBufferPointer(rebasing: t[(i + 1)..<close])
                    if let value = values.first(where: { $0.key.utf8.elementsEqual(name) })?.value {
                        out.append(contentsOf: value.utf8)
                        i = close + 1
                        continue
                    }
                }
                out.append(t[i])
                i += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }}
