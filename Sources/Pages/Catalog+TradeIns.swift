extension Catalog {
    /// The words of trade-ins (form, page, decision, the lead's card, the timeline).
    static func tradeInEntries(_ add: (String, String, String, String) -> Void) {
        add("perm.tradeins.approve", "Overnameprijzen goedkeuren", "Approuver les prix de reprise", "Approve trade-in prices")
        add("tradeins.title", "Overnames", "Reprises", "Trade-ins")
        add("tradeins.new", "Overname registreren", "Enregistrer une reprise", "Record a trade-in")
        add("tradeins.edit", "Overname bewerken", "Modifier la reprise", "Edit trade-in")
        add("tradeins.back", "Terug naar de lead", "Retour au lead", "Back to the lead")
        add("tradeins.back_to_tradein", "Terug naar de overname", "Retour à la reprise", "Back to the trade-in")
        add("tradeins.created", "De overname is geregistreerd en wacht op goedkeuring.", "La reprise est enregistrée et attend l'approbation.", "The trade-in is recorded and awaits approval.")
        add("tradeins.saved", "De overname is opgeslagen.", "La reprise est enregistrée.", "The trade-in is saved.")
        add("tradeins.back_to_proposed", "De aangeboden prijs is gewijzigd: de overname wacht opnieuw op goedkeuring.", "Le prix offert a changé : la reprise attend à nouveau l'approbation.", "The offered price changed: the trade-in awaits approval again.")
        add("tradeins.decided", "De beslissing is opgeslagen.", "La décision est enregistrée.", "The decision is saved.")
        add("tradeins.deleted", "De overname is verwijderd.", "La reprise a été supprimée.", "The trade-in was deleted.")
        add("tradeins.form_errors", "Niet opgeslagen: verbeter de aangeduide velden.", "Pas enregistré : corrigez les champs signalés.", "Not saved: correct the fields marked.")
        add("tradeins.conflict", "Iemand wijzigde deze overname intussen; er werd niets overschreven. Verschillen (uw invoer staat nog in het formulier):",
            "Quelqu'un a modifié cette reprise entre-temps ; rien n'a été écrasé. Différences (votre saisie est toujours dans le formulaire) :",
            "Someone changed this trade-in in the meantime; nothing was overwritten. Differences (what you typed is still in the form):")
        add("tradeins.stale", "Iemand wijzigde deze overname intussen. Bekijk ze opnieuw en probeer nog eens.", "Quelqu'un a modifié cette reprise entre-temps. Vérifiez-la et réessayez.", "Someone changed this trade-in in the meantime. Look at it again and retry.")
        add("tradeins.none", "Nog geen overnames.", "Pas encore de reprises.", "No trade-ins yet.")
        add("tradeins.col.car", "Wagen", "Véhicule", "Car")
        add("tradeins.col.status", "Status", "Statut", "Status")
        add("tradeins.col.offered", "Aangeboden", "Offert", "Offered")
        add("tradeins.col.value", "Marktwaarde", "Valeur marchande", "Market value")
        add("tradeins.documents", "Foto's en keuringsverslagen staan bij de documenten van de lead.", "Les photos et rapports d'inspection se trouvent dans les documents du lead.", "Photos and inspection reports are among the lead's documents.")
        add("tradeins.documents_link", "Naar de documenten", "Vers les documents", "To the documents")
        add("tradeins.group.car", "Wagen van de klant", "Véhicule du client", "The customer's car")
        add("tradeins.group.state", "Staat", "État", "Condition")
        add("tradeins.group.price", "Waarde en prijs", "Valeur et prix", "Value and price")
        add("tradeins.group.decision", "Beslissing", "Décision", "Decision")
        add("tradein.title", "Overname {car}", "Reprise {car}", "Trade-in {car}")
        add("tradein.make", "Merk", "Marque", "Make")
        add("tradein.model", "Model", "Modèle", "Model")
        add("tradein.version", "Versie", "Version", "Version")
        add("tradein.vin", "Chassisnummer (VIN, optioneel)", "Numéro de châssis (VIN, facultatif)", "Chassis number (VIN, optional)")
        add("tradein.plate", "Nummerplaat", "Plaque d'immatriculation", "Number plate")
        add("tradein.first_registration", "Eerste inschrijving", "Première immatriculation", "First registration")
        add("tradein.odometer", "Kilometerstand (km)", "Kilométrage (km)", "Odometer (km)")
        add("tradein.fuel", "Brandstof", "Carburant", "Fuel")
        add("tradein.colour", "Kleur", "Couleur", "Colour")
        add("tradein.condition_notes", "Staat (opmerkingen)", "État (remarques)", "Condition notes")
        add("tradein.damage", "Schade", "Dégâts", "Damage")
        add("tradein.repair_cost", "Verwachte herstelkosten (€)", "Frais de réparation prévus (€)", "Expected repair cost (€)")
        add("tradein.outstanding_finance", "Openstaande financiering (€)", "Financement en cours (€)", "Outstanding finance (€)")
        add("tradein.estimated_value", "Geschatte marktwaarde (€)", "Valeur marchande estimée (€)", "Estimated market value (€)")
        add("tradein.offered_price", "Aangeboden prijs (€)", "Prix offert (€)", "Offered price (€)")
        add("tradein.price_hint", "Een wijziging van de aangeboden prijs stuurt een goedgekeurde overname terug ter goedkeuring.",
            "Modifier le prix offert renvoie une reprise approuvée à l'approbation.", "Changing the offered price sends an approved trade-in back for approval.")
        add("tradein.above_value", "De aangeboden prijs ligt boven de geschatte marktwaarde.", "Le prix offert dépasse la valeur marchande estimée.", "The offered price is above the estimated market value.")
        add("tradein.status", "Status", "Statut", "Status")
        add("tradein.status.proposed", "Voorgesteld", "Proposée", "Proposed")
        add("tradein.status.approved", "Goedgekeurd", "Approuvée", "Approved")
        add("tradein.status.refused", "Geweigerd", "Refusée", "Refused")
        add("tradein.proposed_by", "Voorgesteld door {name} op {date}", "Proposée par {name} le {date}", "Proposed by {name} on {date}")
        add("tradein.decided_by", "{status} door {name} op {date}", "{status} par {name} le {date}", "{status} by {name} on {date}")
        add("tradein.reason", "Reden", "Motif", "Reason")
        add("tradein.reason_field", "Reden (verplicht bij weigeren)", "Motif (obligatoire en cas de refus)", "Reason (required when refusing)")
        add("tradein.approve", "Goedkeuren", "Approuver", "Approve")
        add("tradein.refuse", "Weigeren", "Refuser", "Refuse")
        add("tradein.waiting", "Wacht op goedkeuring door een verkoopverantwoordelijke.", "En attente d'approbation par un responsable des ventes.", "Waiting for a sales manager's approval.")
        add("tradein.delete", "Overname verwijderen", "Supprimer la reprise", "Delete trade-in")
        add("tradein.delete_approved", "Deze overname staat op een verstuurde offerte en blijft dus bewaard.",
            "Cette reprise figure sur une offre envoyée et reste donc conservée.",
            "This trade-in is on a quote that was sent, so it is kept.")
        add("tradein.amount_range", "Geef een bedrag tussen € 0 en € 10.000.000 (de aangeboden prijs groter dan € 0).",
            "Indiquez un montant entre 0 € et 10.000.000 € (le prix offert supérieur à 0 €).", "Enter an amount between € 0 and € 10,000,000 (the offered price above € 0).")
        add("tradein.reason_required", "Geef een reden om te weigeren.", "Indiquez un motif de refus.", "Give a reason for refusing.")
        add("tradein.already_decided", "Over deze overname is al beslist.", "Cette reprise a déjà fait l'objet d'une décision.", "This trade-in has already been decided.")
        add("tradein.approval_not_permitted", "U mag overnameprijzen niet goedkeuren.", "Vous ne pouvez pas approuver les prix de reprise.", "You may not approve trade-in prices.")
        add("tradein.in_use", "Deze overname staat op een verstuurde offerte en wordt niet verwijderd.", "Cette reprise figure sur une offre envoyée et n'est pas supprimée.",
            "This trade-in is on a quote that was sent and is not deleted.")
        add("quote.tradein_not_approved", "Een overnamekrediet komt van een goedgekeurde overname van deze lead (knop Overname, daarna goedkeuring).",
            "Un crédit de reprise provient d'une reprise approuvée de ce lead (bouton Reprise, puis approbation).",
            "A trade-in credit comes from an approved trade-in of this lead (Trade-in button, then approval).")
        add("quote.tradein_price_differs", "Het overnamekrediet is precies de goedgekeurde prijs; een korting staat op een eigen lijn.",
            "Le crédit de reprise est exactement le prix approuvé ; une remise figure sur sa propre ligne.",
            "The trade-in credit is exactly the approved price; a discount goes on a line of its own.")
        add("tradein.km_invalid", "Geef een kilometerstand in hele km.", "Indiquez un kilométrage en km entiers.", "Enter the odometer in whole km.")
        add("event.tradein.created", "Overname {car} voorgesteld", "Reprise {car} proposée", "Trade-in {car} proposed")
        add("event.tradein.edited", "Overname {car} gewijzigd", "Reprise {car} modifiée", "Trade-in {car} changed")
        add("event.tradein.status", "Overname {car}: {old} → {new}", "Reprise {car} : {old} → {new}", "Trade-in {car}: {old} → {new}")
        add("event.tradein.deleted", "Overname {car} verwijderd", "Reprise {car} supprimée", "Trade-in {car} deleted")
    }
}
