extension Catalog {
    /// The words of the company details page (`/settings/company`).
    static func companyEntries(_ add: (String, String, String, String) -> Void) {
        add("company.title", "Bedrijfsgegevens", "Données de l'entreprise", "Company details")
        add("company.intro", "Deze gegevens staan op offertes, bestelbonnen en e-mails (wettelijke vermeldingen, art. 2:20 WVV).",
            "Ces données figurent sur les offres, les bons de commande et les e-mails (mentions légales, art. 2:20 CSA).",
            "These details are printed on quotes, order forms and e-mails (legal mentions, art. 2:20 of the Companies Code).")
        add("company.conflict", "Iemand anders bewaarde de bedrijfsgegevens intussen; er werd niets overschreven. Dit veranderde er (uw invoer staat nog in het formulier):",
            "Quelqu'un d'autre a enregistré les données de l'entreprise entre-temps ; rien n'a été écrasé. Voici ce qui a changé (votre saisie est restée dans le formulaire) :",
            "Someone else saved the company details meanwhile; nothing was overwritten. This changed (what you typed is still in the form):")
        add("company.group.identity", "Onderneming", "Entreprise", "Company")
        add("company.group.address", "Maatschappelijke zetel", "Siège social", "Registered office")
        add("company.group.contact", "Contact en bank", "Contact et banque", "Contact and bank")
        add("company.group.sales", "Standaardwaarden voor verkoop", "Valeurs par défaut pour la vente", "Sales defaults")
        add("company.group.warranty", "Waarborg op de bestelbon", "Garantie sur le bon de commande", "Warranty on the order form")

        // Each field: its label on the form (company.field.<form name>) and in the change log
        // (admin.log.change.company.<column>).
        let fields: [(String, String, String, String, String)] = [
            ("name", "name", "Naam", "Nom", "Name"),
            ("trade_name", "trade_name", "Handelsnaam", "Dénomination commerciale", "Trade name"),
            ("legal_form", "legal_form", "Rechtsvorm (bv. BV, NV)", "Forme juridique (p. ex. SRL, SA)", "Legal form (e.g. BV, SRL)"),
            ("street", "street", "Straat en nummer", "Rue et numéro", "Street and number"),
            ("postal_code", "postal_code", "Postcode", "Code postal", "Postal code"),
            ("city", "city", "Gemeente", "Commune", "City"),
            ("country", "country", "Land", "Pays", "Country"),
            ("enterprise_number", "enterprise_number", "Ondernemingsnummer (KBO)", "Numéro d'entreprise (BCE)", "Enterprise number (KBO/BCE)"),
            ("rpr_court", "rpr_court", "RPR – ondernemingsrechtbank", "RPM – tribunal de l'entreprise", "RPR/RPM – enterprise court"),
            ("iban", "iban", "IBAN", "IBAN", "IBAN"),
            ("bic", "bic", "BIC (optioneel)", "BIC (facultatif)", "BIC (optional)"),
            ("phone", "phone", "Telefoon", "Téléphone", "Phone"),
            ("email", "email", "E-mail", "E-mail", "E-mail"),
            ("website", "website", "Website", "Site web", "Website"),
            ("deposit", "deposit_basis_points", "Standaardvoorschot (% van de prijs, hoogstens 15)", "Acompte par défaut (% du prix, 15 au maximum)", "Default deposit (% of the price, at most 15)"),
            ("delivery_days", "delivery_days", "Standaardlevertermijn (dagen)", "Délai de livraison par défaut (jours)", "Default delivery period (days)"),
            ("quote_validity_days", "quote_validity_days", "Geldigheid van een offerte (dagen)", "Validité d'une offre (jours)", "Quote validity (days)"),
            ("discount_approval", "discount_approval_basis_points", "Korting boven dit % vraagt goedkeuring", "Remise au-delà de ce % soumise à approbation", "Discount above this % needs approval"),
            ("legal_warranty_nl", "legal_warranty_nl", "Wettelijke waarborg (Nederlands)", "Garantie légale (néerlandais)", "Legal warranty (Dutch)"),
            ("legal_warranty_fr", "legal_warranty_fr", "Wettelijke waarborg (Frans)", "Garantie légale (français)", "Legal warranty (French)"),
            ("legal_warranty_en", "legal_warranty_en", "Wettelijke waarborg (Engels)", "Garantie légale (anglais)", "Legal warranty (English)"),
            ("commercial_warranty_nl", "commercial_warranty_nl", "Commerciële waarborg (Nederlands)", "Garantie commerciale (néerlandais)", "Commercial warranty (Dutch)"),
            ("commercial_warranty_fr", "commercial_warranty_fr", "Commerciële waarborg (Frans)", "Garantie commerciale (français)", "Commercial warranty (French)"),
            ("commercial_warranty_en", "commercial_warranty_en", "Commerciële waarborg (Engels)", "Garantie commerciale (anglais)", "Commercial warranty (English)"),
        ]
        for (field, column, nl, fr, en) in fields {
            add("company.field." + field, nl, fr, en)
            add("admin.log.change.company." + column, nl, fr, en)
        }
        add("admin.log.change.company.logo", "Logo", "Logo", "Logo")

        add("company.logo.title", "Logo", "Logo", "Logo")
        add("company.logo.alt", "Logo van {name}", "Logo de {name}", "Logo of {name}")
        add("company.logo.current", "Huidig logo: {type}, {size}.", "Logo actuel : {type}, {size}.", "Current logo: {type}, {size}.")
        add("company.logo.none", "Nog geen logo.", "Pas encore de logo.", "No logo yet.")
        add("company.logo.file", "Afbeelding", "Image", "Image")
        add("company.logo.hint", "Een PNG- of JPEG-bestand van hoogstens 1 MB.", "Un fichier PNG ou JPEG de 1 Mo au maximum.", "A PNG or JPEG file of at most 1 MB.")
        add("company.logo.upload", "Logo opladen", "Téléverser le logo", "Upload logo")
        add("company.logo.remove", "Logo verwijderen", "Supprimer le logo", "Remove logo")
        add("company.logo.saved", "Het logo is opgeslagen.", "Le logo a été enregistré.", "The logo was saved.")
        add("company.logo.too_large", "Logo te groot", "Logo trop volumineux", "Logo too large")
        add("company.logo.removed", "Het logo is verwijderd.", "Le logo a été supprimé.", "The logo was removed.")

        add("company.error.enterprise_number", "Geen geldig ondernemingsnummer: 10 cijfers, beginnend met 0 of 1, met kloppend controlegetal (bv. 0403.170.701).",
            "Numéro d'entreprise non valable : 10 chiffres commençant par 0 ou 1, chiffres de contrôle corrects (p. ex. 0403.170.701).",
            "Not a valid enterprise number: 10 digits starting with 0 or 1, with matching check digits (e.g. 0403.170.701).")
        add("company.error.iban", "Geen geldig IBAN (controlegetal klopt niet of verkeerde lengte).", "IBAN non valable (chiffres de contrôle ou longueur incorrects).",
            "Not a valid IBAN (wrong check digits or length).")
        add("company.error.bic", "Een BIC heeft 8 of 11 letters en cijfers (bv. GKCCBEBB).", "Un BIC compte 8 ou 11 lettres et chiffres (p. ex. GKCCBEBB).",
            "A BIC has 8 or 11 letters and digits (e.g. GKCCBEBB).")
        add("company.error.email", "Geen geldig e-mailadres.", "Adresse e-mail non valable.", "Not a valid e-mail address.")
        add("company.error.phone", "Geen geldig telefoonnummer.", "Numéro de téléphone non valable.", "Not a valid phone number.")
        add("company.error.website", "Geen geldig webadres (bv. www.voorbeeld.be).", "Adresse web non valable (p. ex. www.exemple.be).", "Not a valid web address (e.g. www.example.be).")
        add("company.error.deposit", "Geef een percentage tussen 0 en 15.", "Indiquez un pourcentage entre 0 et 15.", "Give a percentage between 0 and 15.")
        add("company.error.days", "Geef een aantal dagen tussen 1 en 365.", "Indiquez un nombre de jours entre 1 et 365.", "Give a number of days between 1 and 365.")
        add("company.error.percent", "Geef een percentage tussen 0 en 100.", "Indiquez un pourcentage entre 0 et 100.", "Give a percentage between 0 and 100.")
        add("company.error.logo_type", "Alleen een PNG- of JPEG-afbeelding kan het logo zijn; dit bestand is dat niet. Er werd niets opgeslagen.",
            "Seule une image PNG ou JPEG peut servir de logo ; ce fichier n'en est pas une. Rien n'a été enregistré.",
            "Only a PNG or JPEG image can be the logo; this file is not one. Nothing was saved.")
        add("company.error.logo_size", "Het logo mag hoogstens 1 MB groot zijn. Er werd niets opgeslagen.", "Le logo ne peut dépasser 1 Mo. Rien n'a été enregistré.",
            "The logo may be 1 MB at most. Nothing was saved.")
        add("company.error.logo_empty", "Kies een afbeelding.", "Choisissez une image.", "Choose an image.")
    }
}
