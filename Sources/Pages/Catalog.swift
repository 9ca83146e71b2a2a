import Foundation

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

    /// Fills `{name}` placeholders.
    public func callAsFunction(_ key: String, _ values: KeyValuePairs<String, String>) -> String {
        var text = self(key)
        for (name, value) in values {
            text = text.replacingOccurrences(of: "{" + name + "}", with: value)
        }
        return text
    }
}
