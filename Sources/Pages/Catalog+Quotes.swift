extension Catalog {
    /// The words of quotes and order forms on screen (the PDFs have their own, in Catalog+Printouts).
    static func quoteEntries(_ add: (String, String, String, String) -> Void) {
        add("tab.quotes", "Offertes", "Offres", "Quotes")
        add("form.date_invalid", "Geef een geldige datum.", "Indiquez une date valable.", "Enter a valid date.")
        add("form.amount_invalid", "Geef een bedrag zoals 12.345,67.", "Indiquez un montant comme 12.345,67.", "Enter an amount such as 12.345,67.")
        add("form.fix_errors", "Niet opgeslagen: verbeter de aangeduide velden.", "Pas enregistré : corrigez les champs signalés.", "Not saved: correct the fields marked.")
        add("search.button", "Zoeken", "Rechercher", "Search")

        // The Quotes tab
        add("quotes.title", "Offertes", "Offres", "Quotes")
        add("quotes.all", "Alle offertes", "Toutes les offres", "All quotes")
        add("quotes.new", "Nieuwe offerte", "Nouvelle offre", "New quote")
        add("quotes.none", "Nog geen offertes voor deze lead.", "Pas encore d'offre pour ce lead.", "No quotes for this lead yet.")
        add("quotes.col.number", "Nummer", "Numéro", "Number")
        add("quotes.col.vehicle", "Voertuig", "Véhicule", "Vehicle")
        add("quotes.col.status", "Status", "Statut", "Status")
        add("quotes.col.total", "Totaal incl. btw", "Total TVAC", "Total incl. VAT")
        add("quotes.col.valid_until", "Geldig tot", "Valable jusqu'au", "Valid until")
        add("quote.revision_short", "v{n}", "v{n}", "v{n}")
        add("quote.status.draft", "Ontwerp", "Brouillon", "Draft")
        add("quote.status.approval_requested", "Wacht op goedkeuring", "En attente d'approbation", "Awaiting approval")
        add("quote.status.approved", "Goedgekeurd", "Approuvée", "Approved")
        add("quote.status.sent", "Verstuurd", "Envoyée", "Sent")
        add("quote.status.accepted", "Aanvaard", "Acceptée", "Accepted")
        add("quote.status.declined", "Geweigerd", "Refusée", "Declined")
        add("quote.status.expired", "Verlopen", "Expirée", "Expired")

        // Picking a car
        add("quote.pick_vehicle", "Kies een wagen uit de voorraad", "Choisissez une voiture du stock", "Choose a car from stock")
        add("quote.search_stock", "Merk, model, versie, VIN of kleur", "Marque, modèle, version, VIN ou couleur", "Make, model, version, VIN or colour")
        add("quote.no_vehicles", "Geen beschikbare wagens gevonden.", "Aucune voiture disponible trouvée.", "No available cars found.")
        add("quote.vehicle_unavailable", "Deze wagen kan niet in een offerte: hij is verkocht of niet in uw voorraad.",
            "Cette voiture ne peut pas faire l'objet d'une offre : elle est vendue ou hors de votre stock.",
            "This car cannot be quoted: it is sold or not in your stock.")

        // The editor
        add("quote.new_title", "Nieuwe offerte", "Nouvelle offre", "New quote")
        add("quote.edit_title", "Offerte {number} wijzigen", "Modifier l'offre {number}", "Edit quote {number}")
        add("quote.new_revision_title", "Offerte {number}: versie {n} maken", "Offre {number} : créer la version {n}", "Quote {number}: make version {n}")
        add("quote.tradein_row", "Overname {car}", "Reprise {car}", "Trade-in {car}")
        add("quote.line.number", "Lijn {n}", "Ligne {n}", "Line {n}")
        add("quote.line.kind", "Soort", "Type", "Kind")
        add("quote.line.description", "Omschrijving", "Description", "Description")
        add("quote.line.quantity", "Aantal", "Quantité", "Quantity")
        add("quote.line.unit_price", "Prijs per stuk incl. btw (€)", "Prix unitaire TVAC (€)", "Unit price incl. VAT (€)")
        add("quote.line.vat", "Btw (%)", "TVA (%)", "VAT (%)")
        add("quote.line.discount_percent", "Korting (%)", "Remise (%)", "Discount (%)")
        add("quote.line.discount_of", "Korting op", "Remise sur", "Discount on")
        add("quote.kind.vehicle", "Voertuig", "Véhicule", "Vehicle")
        add("quote.kind.option", "Optie", "Option", "Option")
        add("quote.kind.accessory", "Accessoire", "Accessoire", "Accessory")
        add("quote.kind.fee", "Kosten", "Frais", "Fee")
        add("quote.kind.service", "Dienst", "Service", "Service")
        add("quote.kind.discount", "Korting", "Remise", "Discount")
        add("quote.kind.trade_in_credit", "Overname", "Reprise", "Trade-in")
        add("quote.rows_hint", "Lege lijnen worden genegeerd. Een korting geldt op de gekozen lijn: vul een percentage of een bedrag in. Een overname is een aparte lijn zonder btw.",
            "Les lignes vides sont ignorées. Une remise porte sur la ligne choisie : indiquez un pourcentage ou un montant. Une reprise est une ligne séparée sans TVA.",
            "Empty lines are ignored. A discount applies to the line chosen: enter a percentage or an amount. A trade-in is a separate line without VAT.")
        add("quote.valid_until", "Geldig tot", "Valable jusqu'au", "Valid until")
        add("quote.note", "Opmerking", "Remarque", "Note")
        add("quote.save", "Offerte opslaan", "Enregistrer l'offre", "Save quote")
        add("quote.more_rows", "Meer lijnen", "Plus de lignes", "More lines")
        add("quote.margin_scheme", "Bijzondere regeling – tweedehandse goederen: geen btw vermeld voor dit voertuig.",
            "Régime particulier – biens d'occasion : pas de TVA mentionnée pour ce véhicule.",
            "Margin scheme – second-hand goods: no VAT shown for this vehicle.")
        add("quote.conflict", "Iemand anders wijzigde deze offerte intussen. Bekijk de offerte; uw invoer staat hieronder nog.",
            "Quelqu'un d'autre a modifié cette offre entre-temps. Consultez l'offre ; votre saisie figure toujours ci-dessous.",
            "Someone else changed this quote meanwhile. Look at the quote; what you typed is still below.")

        // A quote's page
        add("quote.title", "Offerte {number}", "Offre {number}", "Quote {number}")
        add("quote.revision", "versie {n}", "version {n}", "version {n}")
        add("quote.revisions", "Versies", "Versions", "Versions")
        add("quote.older_revision", "Dit is een oudere versie; de huidige is versie {n}.", "Ceci est une version antérieure ; la version actuelle est la {n}.", "This is an older version; the current one is version {n}.")
        add("quote.to_current", "Naar de huidige versie", "Vers la version actuelle", "To the current version")
        add("quote.frozen", "Verstuurd en dus vastgelegd: een wijziging maakt een nieuwe versie.", "Envoyée et donc figée : une modification crée une nouvelle version.", "Sent and therefore frozen: a change makes a new version.")
        add("quote.issued_on", "Datum", "Date", "Date")
        add("quote.sent_at", "Verstuurd", "Envoyée", "Sent")
        add("quote.approved_by", "Goedgekeurd door", "Approuvée par", "Approved by")
        add("quote.order_form", "Bestelbon", "Bon de commande", "Order form")
        add("quote.col.excl", "Excl. btw", "HTVA", "Excl. VAT")
        add("quote.col.vat", "Btw", "TVA", "VAT")
        add("quote.col.incl", "Incl. btw", "TVAC", "Incl. VAT")
        add("quote.totals", "Totaal", "Total", "Total")
        add("quote.download_overview", "Offerteoverzicht (PDF)", "Récapitulatif de l'offre (PDF)", "Quote overview (PDF)")
        add("quote.download_order_form", "Bestelbon (PDF)", "Bon de commande (PDF)", "Order form (PDF)")
        add("quote.edit", "Wijzigen", "Modifier", "Edit")
        add("quote.new_revision", "Nieuwe versie maken", "Créer une nouvelle version", "Make a new version")
        add("quote.action.send", "Markeren als verstuurd", "Marquer comme envoyée", "Mark as sent")
        add("quote.action.request_approval", "Goedkeuring vragen", "Demander l'approbation", "Ask for approval")
        add("quote.action.approve", "Goedkeuren", "Approuver", "Approve")
        add("quote.action.reject_approval", "Goedkeuring weigeren", "Refuser l'approbation", "Refuse approval")
        add("quote.action.accept", "Aanvaard: bestelbon maken", "Acceptée : créer le bon de commande", "Accepted: make the order form")
        add("quote.action.decline", "Geweigerd door de klant", "Refusée par le client", "Declined by the customer")
        add("quote.action.expire", "Als verlopen markeren", "Marquer comme expirée", "Mark as expired")
        add("event.quote.status", "Offerte {number}: {old} → {new}", "Offre {number} : {old} → {new}", "Quote {number}: {old} → {new}")
        add("event.quote.created", "Offerte {number} gemaakt", "Offre {number} créée", "Quote {number} made")
        add("event.quote.revision", "Offerte {number}: versie {n} gemaakt", "Offre {number} : version {n} créée", "Quote {number}: version {n} made")

        // Accepting: the order form's facts
        add("order.title", "Offerte {number} aanvaarden", "Accepter l'offre {number}", "Accept quote {number}")
        add("order.total", "Totaalprijs incl. btw en alle kosten: {total}. Die prijs kan na ondertekening niet meer stijgen.",
            "Prix total TVAC et tous frais compris : {total}. Ce prix ne peut plus augmenter après la signature.",
            "Total price incl. VAT and all costs: {total}. This price cannot rise after signing.")
        add("order.signed_place", "Plaats van ondertekening", "Lieu de signature", "Place of signing")
        add("order.signed_on", "Datum van ondertekening", "Date de signature", "Date of signing")
        add("order.deposit", "Voorschot (€)", "Acompte (€)", "Deposit (€)")
        add("order.delivery_by", "Uiterste leverdatum", "Date de livraison au plus tard", "Latest delivery date")
        add("order.channel", "Waar wordt verkocht", "Lieu de la vente", "Where the sale is made")
        add("order.channel.showroom", "In de toonzaal (geen herroepingsrecht)", "Au showroom (pas de droit de rétractation)", "In the showroom (no right of withdrawal)")
        add("order.channel.distance", "Op afstand (14 dagen herroepingsrecht)", "À distance (14 jours de rétractation)", "At a distance (14 days to withdraw)")
        add("order.channel.off_premises", "Buiten de verkoopruimte (14 dagen herroepingsrecht)", "Hors établissement (14 jours de rétractation)", "Off the premises (14 days to withdraw)")
        add("order.essentials", "Specifieke essentiële kenmerken voor de klant", "Caractéristiques essentielles spécifiques pour le client", "Specific essential characteristics for the customer")
        add("order.warranty", "Wettelijke garantie", "Garantie légale", "Legal warranty")
        add("order.warranty_months", "{n} maanden", "{n} mois", "{n} months")
        add("order.accept", "Aanvaarden en bestelbon maken", "Accepter et créer le bon de commande", "Accept and make the order form")
    }
}
