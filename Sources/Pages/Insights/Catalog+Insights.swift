extension Catalog {
    /// The words of `/insights` (issue 13) and the overview's figure filters.
    static func insightsEntries(_ add: (String, String, String, String) -> Void) {
        add("nav.insights", "Inzichten", "Analyses", "Insights")
        add("insights.title", "Inzichten", "Analyses", "Insights")
        add("insights.filters", "Filters van de inzichten", "Filtres des analyses", "Insight filters")
        add("insights.from", "Aangemaakt vanaf", "Créés à partir du", "Created from")
        add("insights.to", "Aangemaakt tot en met", "Créés jusqu'au", "Created up to")
        add("insights.by", "Per", "Par", "Per")
        add("insights.by.week", "Week", "Semaine", "Week")
        add("insights.by.month", "Maand", "Mois", "Month")
        add("insights.intro", "Leads aangemaakt van {from} tot en met {to}, binnen wat u mag zien. Elk getal opent precies die leads.",
            "Leads créés du {from} au {to}, dans ce que vous pouvez voir. Chaque nombre ouvre exactement ces leads.",
            "Leads created from {from} to {to}, within what you may see. Every number opens exactly those leads.")
        add("insights.csv", "CSV", "CSV", "CSV")
        add("insights.empty", "Geen leads in deze selectie.", "Aucun lead dans cette sélection.", "No leads in this selection.")
        add("insights.created.week", "Nieuwe leads per week", "Nouveaux leads par semaine", "New leads per week")
        add("insights.created.month", "Nieuwe leads per maand", "Nouveaux leads par mois", "New leads per month")
        add("insights.status", "Gewonnen, verloren, in behandeling", "Gagnés, perdus, en cours", "Won, lost, in progress")
        add("insights.status.summary", "Winstratio (gewonnen van de afgesloten leads): {rate}", "Taux de réussite (gagnés parmi les leads clôturés) : {rate}",
            "Win rate (won among the closed leads): {rate}")
        add("insights.by_source", "Per bron", "Par source", "By source")
        add("insights.by_type", "Per type", "Par type", "By type")
        add("insights.by_branch", "Per vestiging", "Par site", "By branch")
        add("insights.by_responsible", "Per verantwoordelijke", "Par responsable", "By responsible")
        add("insights.lost", "Redenen van verlies", "Raisons de perte", "Lost reasons")
        add("insights.lost.no_reason", "Geen reden opgegeven", "Aucune raison indiquée", "No reason given")
        add("insights.contact", "Tijd tot eerste contact", "Délai avant le premier contact", "Time to first contact")
        add("insights.contact.definition", "Van de aanmaak tot de eerste opmerking, de eerste verstuurde mail of de eerste termijn afgewerkt met \"prospect bereikt\".",
            "De la création au premier commentaire, au premier e-mail envoyé ou à la première échéance terminée avec « prospect joint ».",
            "From creation to the first comment, the first mail sent or the first deadline completed with \"prospect reached\".")
        add("insights.contact.median", "Mediaan {median}, 90e percentiel {p90}.", "Médiane {median}, 90e centile {p90}.", "Median {median}, 90th percentile {p90}.")
        add("insights.sampled", "Mediaan en percentiel geschat uit een vaste steekproef van 1 op 16 leads (meer dan 50.000 leads in deze selectie).",
            "Médiane et centile estimés sur un échantillon fixe d'un lead sur 16 (plus de 50 000 leads dans cette sélection).",
            "Median and percentile estimated from a fixed sample of 1 in 16 leads (more than 50,000 leads in this selection).")
        add("insights.contact.within_30m", "Binnen 30 minuten", "Dans les 30 minutes", "Within 30 minutes")
        add("insights.contact.within_4h", "Binnen 4 uur", "Dans les 4 heures", "Within 4 hours")
        add("insights.contact.within_1d", "Binnen 1 dag", "Dans la journée (24 h)", "Within 1 day")
        add("insights.contact.never", "Nog niet gecontacteerd", "Pas encore contactés", "Not contacted yet")
        add("insights.overdue", "Termijnen over tijd, nu", "Échéances dépassées, maintenant", "Overdue deadlines, now")
        add("insights.overdue.definition", "Open leads waarvan de volgende termijn verstreken is, per verantwoordelijke (ongeacht de aanmaakdatum).",
            "Leads ouverts dont la prochaine échéance est dépassée, par responsable (quelle que soit la date de création).",
            "Open leads whose next deadline has passed, per responsible (whatever their creation date).")
        add("insights.quotes", "Offertes en proefritten", "Offres et essais", "Quotes and test drives")
        add("insights.quotes.definition", "Leads met minstens één verstuurde offerte, één aanvaarde offerte of één proefrit, en hoeveel ervan gewonnen zijn.",
            "Leads avec au moins une offre envoyée, une offre acceptée ou un essai, et combien ont été gagnés.",
            "Leads with at least one quote sent, one quote accepted or one test drive, and how many of them were won.")
        add("insights.quotes.sent", "Offerte verstuurd", "Offre envoyée", "Quote sent")
        add("insights.quotes.accepted", "Offerte aanvaard", "Offre acceptée", "Quote accepted")
        add("insights.quotes.testdrive", "Proefrit", "Essai", "Test drive")
        add("insights.revenue", "Omzet van aanvaarde offertes", "Chiffre d'affaires des offres acceptées", "Revenue of accepted quotes")
        add("insights.revenue.definition", "Per verkoper en per maand van aanvaarding in de periode, incl. btw, zoals op de bestelbon.",
            "Par vendeur et par mois d'acceptation dans la période, TVA comprise, comme sur le bon de commande.",
            "Per salesperson and month of acceptance in the period, VAT included, as on the order form.")
        add("insights.duration", "Tijd in behandeling tot gewonnen of verloren", "Durée en cours avant gagné ou perdu", "Time in progress before won or lost")
        add("insights.duration.median_won", "Gewonnen: mediaan {median}, 90e percentiel {p90}.", "Gagnés : médiane {median}, 90e centile {p90}.",
            "Won: median {median}, 90th percentile {p90}.")
        add("insights.duration.median_lost", "Verloren: mediaan {median}, 90e percentiel {p90}.", "Perdus : médiane {median}, 90e centile {p90}.",
            "Lost: median {median}, 90th percentile {p90}.")
        add("insights.duration.week", "Tot 7 dagen", "Jusqu'à 7 jours", "Up to 7 days")
        add("insights.duration.month", "8 tot 30 dagen", "8 à 30 jours", "8 to 30 days")
        add("insights.duration.quarter", "31 tot 90 dagen", "31 à 90 jours", "31 to 90 days")
        add("insights.duration.longer", "Meer dan 90 dagen", "Plus de 90 jours", "More than 90 days")
        add("insights.col.total", "Totaal", "Total", "Total")
        add("insights.col.win_rate", "Winstratio", "Taux de réussite", "Win rate")
        add("insights.col.week", "Week", "Semaine", "Week")
        add("insights.col.month", "Maand", "Mois", "Month")
        add("insights.col.period", "Periode", "Période", "Period")
        add("insights.col.reason", "Reden", "Raison", "Reason")
        add("insights.col.leads", "Leads", "Leads", "Leads")
        add("insights.col.share", "Aandeel", "Part", "Share")
        add("insights.col.first_contact", "Eerste contact", "Premier contact", "First contact")
        add("insights.col.what", "Wat", "Quoi", "What")
        add("insights.col.won", "Waarvan gewonnen", "Dont gagnés", "Of which won")
        add("insights.col.share_won", "Aandeel gewonnen", "Part gagnée", "Share won")
        add("insights.col.revenue", "Omzet (incl. btw)", "Chiffre d'affaires (TVAC)", "Revenue (incl. VAT)")
        add("insights.col.in_progress_for", "In behandeling gedurende", "En cours pendant", "In progress for")
        add("insights.legend.solid", "effen", "plein", "solid")
        add("insights.legend.hatched", "gearceerd", "hachuré", "hatched")
        add("insights.legend.dotted", "gestippeld", "pointillé", "dotted")
        let months = [("januari", "janvier", "January"), ("februari", "février", "February"), ("maart", "mars", "March"), ("april", "avril", "April"),
                      ("mei", "mai", "May"), ("juni", "juin", "June"), ("juli", "juillet", "July"), ("augustus", "août", "August"),
                      ("september", "septembre", "September"), ("oktober", "octobre", "October"), ("november", "novembre", "November"),
                      ("december", "décembre", "December")]
        for (i, m) in months.enumerated() { add("month.\(i + 1)", m.0, m.1, m.2) }
        // The leads overview: its count and the filters figures link with.
        add("leads.count", "{n} leads", "{n} leads", "{n} leads")
        add("leads.count_many", "Meer dan {n} leads", "Plus de {n} leads", "More than {n} leads")
        add("leads.insights_filter", "Deze lijst toont de leads van een cijfer uit de inzichten (extra filter actief).",
            "Cette liste montre les leads d'un chiffre des analyses (filtre supplémentaire actif).",
            "This list shows the leads of a figure from the insights (extra filter active).")
    }
}
