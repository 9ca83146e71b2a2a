extension Catalog {
    /// The words of the two printouts: the quote overview and the order form (bestelbon).
    /// Our own wording of what the KB of 5 April 2019, art. 2:20 WVV and the VAT code ask.
    static func printoutEntries(_ add: (String, String, String, String) -> Void) {
        // Titles and document data
        add("print.quote.title", "Offerte {number}", "Offre {number}", "Quote {number}")
        add("print.order.title", "Bestelbon {number}", "Bon de commande {number}", "Order form {number}")
        add("print.version", "versie {n}", "version {n}", "version {n}")
        add("print.date", "Datum", "Date", "Date")
        add("print.valid_until", "Geldig tot", "Valable jusqu'au", "Valid until")
        add("print.validity_note", "Deze offerte is geldig tot en met {date}. Daarna kunnen prijs en beschikbaarheid wijzigen.",
            "Cette offre est valable jusqu'au {date} inclus. Ensuite, le prix et la disponibilité peuvent changer.",
            "This quote is valid up to and including {date}. After that, price and availability may change.")
        add("print.page", "pagina {page} / {pages}", "page {page} / {pages}", "page {page} / {pages}")

        // Parties
        add("print.seller", "Verkoper", "Vendeur", "Seller")
        add("print.buyer", "Koper", "Acheteur", "Buyer")
        add("print.customer", "Klant", "Client", "Customer")
        add("print.salesperson", "Uw verkoper", "Votre conseiller", "Your salesperson")
        add("print.name", "Naam", "Nom", "Name")
        add("print.trade_name", "Handelsnaam", "Dénomination commerciale", "Trade name")
        add("print.legal_form", "Rechtsvorm", "Forme juridique", "Legal form")
        add("print.address", "Adres", "Adresse", "Address")
        add("print.registered_office", "Zetel", "Siège", "Registered office")
        add("print.enterprise_number", "Ondernemingsnummer", "Numéro d'entreprise", "Enterprise number")
        add("print.register", "RPR {court}", "RPM {court}", "RLE {court}")
        add("print.vat_number", "Btw-nummer", "Numéro de TVA", "VAT number")
        add("print.iban", "IBAN", "IBAN", "IBAN")
        add("print.phone", "Telefoon", "Téléphone", "Phone")
        add("print.email", "E-mail", "E-mail", "E-mail")
        add("print.website", "Website", "Site web", "Website")

        // Car
        add("print.car", "Voertuig", "Véhicule", "Vehicle")
        add("print.car.make_model", "Merk en model", "Marque et modèle", "Make and model")
        add("print.car.version", "Versie / type", "Version / type", "Version / type")
        add("print.car.engine", "Motor", "Moteur", "Engine")
        add("print.car.power", "Vermogen", "Puissance", "Power")
        add("print.car.power_value", "{kw} kW ({hp} pk)", "{kw} kW ({hp} ch)", "{kw} kW ({hp} hp)")
        add("print.car.fuel", "Brandstof", "Carburant", "Fuel")
        add("print.car.gearbox", "Versnellingsbak", "Boîte de vitesses", "Gearbox")
        add("print.car.colour", "Kleur (kleurcode)", "Couleur (code couleur)", "Colour (colour code)")
        add("print.car.options", "Opties en accessoires", "Options et accessoires", "Options and accessories")
        add("print.car.no_options", "Geen", "Aucun", "None")
        add("print.car.condition", "Staat", "État", "Condition")
        add("print.car.vin", "Chassisnummer (VIN)", "Numéro de châssis (VIN)", "Chassis number (VIN)")
        add("print.car.odometer", "Kilometerstand", "Kilométrage", "Odometer reading")
        add("print.car.first_registration", "Eerste inschrijving", "Première immatriculation", "First registration")
        add("print.condition.new", "Nieuw", "Neuf", "New")
        add("print.condition.used", "Tweedehands", "Occasion", "Used")
        add("print.condition.demo", "Demonstratiewagen", "Véhicule de démonstration", "Demonstration car")
        add("print.fuel.petrol", "Benzine", "Essence", "Petrol")
        add("print.fuel.diesel", "Diesel", "Diesel", "Diesel")
        add("print.fuel.hybrid", "Hybride", "Hybride", "Hybrid")
        add("print.fuel.pluginHybrid", "Plug-in hybride", "Hybride rechargeable", "Plug-in hybrid")
        add("print.fuel.electric", "Elektrisch", "Électrique", "Electric")
        add("print.fuel.cng", "CNG (aardgas)", "GNC (gaz naturel)", "CNG (natural gas)")
        add("print.fuel.lpg", "LPG", "GPL", "LPG")

        // WLTP (KB 5 September 2001: as legible as the price)
        add("print.wltp.title", "Officiële verbruiks- en CO₂-gegevens (WLTP)", "Données officielles de consommation et de CO₂ (WLTP)",
            "Official consumption and CO₂ figures (WLTP)")
        add("print.wltp.fuel", "Gecombineerd brandstofverbruik", "Consommation de carburant mixte", "Combined fuel consumption")
        add("print.wltp.energy", "Gecombineerd energieverbruik", "Consommation d'énergie mixte", "Combined energy consumption")
        add("print.wltp.co2", "CO₂-uitstoot", "Émissions de CO₂", "CO₂ emissions")
        add("print.wltp.missing", "niet opgegeven", "non communiqué", "not given")

        // Lines and totals
        add("print.lines", "Prijsopbouw", "Détail du prix", "Price breakdown")
        add("print.col.description", "Omschrijving", "Description", "Description")
        add("print.col.quantity", "Aantal", "Qté", "Qty")
        add("print.col.unit_price", "Eenheidsprijs excl. btw", "Prix unitaire hors TVA", "Unit price excl. VAT")
        add("print.col.excl", "Totaal excl. btw", "Total hors TVA", "Total excl. VAT")
        add("print.col.rate", "Btw %", "TVA %", "VAT %")
        add("print.col.vat", "Btw", "TVA", "VAT")
        add("print.col.incl", "Totaal incl. btw", "Total TVA comprise", "Total incl. VAT")
        add("print.col.amount", "Bedrag", "Montant", "Amount")
        add("print.total.excl", "Totaal excl. btw", "Total hors TVA", "Total excl. VAT")
        add("print.total.vat", "Btw", "TVA", "VAT")
        add("print.total.incl", "Totaal incl. btw", "Total TVA comprise", "Total incl. VAT")
        add("print.total.price", "Totale prijs", "Prix total", "Total price")
        add("print.margin_scheme", "Bijzondere regeling – tweedehandse goederen", "Régime particulier – biens d'occasion",
            "Margin scheme – second-hand goods")
        add("print.margin_scheme.note", "Btw geheven over de winstmarge (art. 58, § 4 W.btw); de btw wordt niet afzonderlijk vermeld.",
            "TVA perçue sur la marge bénéficiaire (art. 58, § 4 CTVA) ; la TVA n'est pas mentionnée séparément.",
            "VAT charged on the profit margin (art. 58, § 4 of the Belgian VAT Code); no VAT amount is shown separately.")

        // Trade-in
        add("print.tradein", "Overname van uw voertuig", "Reprise de votre véhicule", "Trade-in of your vehicle")
        add("print.tradein.price", "Overnameprijs", "Prix de reprise", "Trade-in price")
        add("print.tradein.credit", "De overnameprijs van {price} wordt in mindering gebracht van de totale prijs.",
            "Le prix de reprise de {price} est déduit du prix total.",
            "The trade-in price of {price} is deducted from the total price.")

        // Order form: the KB 5/4/2019 items
        add("print.order.signing", "Plaats en datum van ondertekening", "Lieu et date de signature", "Place and date of signing")
        add("print.order.total_statement",
            "Totale prijs, inclusief btw, alle taksen, de verplichte diensten en de kosten om het voertuig rijklaar te maken. Deze prijs kan na de ondertekening niet meer stijgen.",
            "Prix total, TVA, toutes taxes, services obligatoires et frais de mise en circulation compris. Ce prix ne peut plus augmenter après la signature.",
            "Total price including VAT, all taxes, compulsory services and the costs of making the vehicle ready for the road. This price cannot rise after signing.")
        add("print.order.total_statement_margin",
            "Totale prijs, inclusief alle taksen, de verplichte diensten en de kosten om het voertuig rijklaar te maken. Deze prijs kan na de ondertekening niet meer stijgen.",
            "Prix total, toutes taxes, services obligatoires et frais de mise en circulation compris. Ce prix ne peut plus augmenter après la signature.",
            "Total price including all taxes, compulsory services and the costs of making the vehicle ready for the road. This price cannot rise after signing.")
        add("print.order.conditions", "Betaling, levering en garantie", "Paiement, livraison et garantie", "Payment, delivery and warranty")
        add("print.order.deposit", "Voorschot", "Acompte", "Deposit")
        add("print.order.no_deposit", "Geen voorschot", "Pas d'acompte", "No deposit")
        add("print.order.balance", "Te betalen bij levering", "À payer à la livraison", "Payable on delivery")
        add("print.order.delivery", "Uiterste leveringsdatum", "Date de livraison au plus tard", "Latest delivery date")
        add("print.order.delivery_default", "uiterlijk 30 dagen na de ondertekening", "au plus tard 30 jours après la signature",
            "at the latest 30 days after signing")
        add("print.order.legal_warranty", "Wettelijke garantie", "Garantie légale", "Legal warranty")
        add("print.order.commercial_warranty", "Commerciële garantie", "Garantie commerciale", "Commercial warranty")
        add("print.order.no_commercial_warranty", "Geen", "Aucune", "None")
        add("print.order.withdrawal", "Herroepingsrecht", "Droit de rétractation", "Right of withdrawal")
        add("print.order.withdrawal_none",
            "Deze overeenkomst wordt gesloten in de verkoopruimte van de verkoper: de koper heeft geen herroepingsrecht.",
            "Ce contrat est conclu dans l'établissement du vendeur : l'acheteur ne dispose pas d'un droit de rétractation.",
            "This contract is made on the seller's premises: the buyer has no right of withdrawal.")
        add("print.order.withdrawal_14",
            "Deze overeenkomst wordt op afstand of buiten de verkoopruimte gesloten: de koper kan ze binnen 14 dagen na de levering zonder opgave van redenen herroepen (art. VI.47 WER).",
            "Ce contrat est conclu à distance ou hors établissement : l'acheteur peut se rétracter sans motif dans les 14 jours suivant la livraison (art. VI.47 CDE).",
            "This contract is made at a distance or off the premises: the buyer may withdraw from it without giving reasons within 14 days of delivery (art. VI.47 Code of Economic Law).")
        add("print.order.documents", "Documenten die bij de levering worden overhandigd", "Documents remis à la livraison",
            "Documents handed over on delivery")
        add("print.order.doc.registration_certificate", "Inschrijvingsbewijs", "Certificat d'immatriculation", "Registration certificate")
        add("print.order.doc.certificate_of_conformity", "Gelijkvormigheidsattest", "Certificat de conformité", "Certificate of conformity")
        add("print.order.doc.car_pass", "Car-Pass", "Car-Pass", "Car-Pass")
        add("print.order.carpass_note",
            "Zonder Car-Pass bij een tweedehandsvoertuig kan de koper de verkoop laten vernietigen.",
            "Sans Car-Pass pour un véhicule d'occasion, l'acheteur peut faire annuler la vente.",
            "Without a Car-Pass for a used vehicle, the buyer may have the sale annulled.")
        add("print.order.essentials", "Specifieke essentiële kenmerken", "Caractéristiques essentielles spécifiques",
            "Specific essential characteristics")
        add("print.order.essentials_hint",
            "Wat de koper de verkoper heeft meegedeeld dat voor hem essentieel is:",
            "Ce que l'acheteur a signalé au vendeur comme essentiel pour lui :",
            "What the buyer told the seller is essential to them:")
        add("print.order.signature_buyer", "Handtekening van de koper", "Signature de l'acheteur", "Signature of the buyer")
        add("print.order.signature_seller", "Handtekening van de verkoper (naam en hoedanigheid)",
            "Signature du vendeur (nom et qualité)", "Signature of the seller (name and capacity)")
        add("print.order.read_and_approved", "Gelezen en goedgekeurd. Datum:", "Lu et approuvé. Date :", "Read and approved. Date:")
        add("print.order.copies", "Opgemaakt in twee exemplaren; elke partij ontvangt er één.",
            "Établi en deux exemplaires ; chaque partie en reçoit un.", "Made in two copies; each party receives one.")
    }
}
