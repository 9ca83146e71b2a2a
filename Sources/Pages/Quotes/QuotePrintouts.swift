import Showroom
import Store
import Web

/// `/quotes/{id}/overview.pdf` and `/quotes/{id}/order-form.pdf`: the customer's documents,
/// rendered on request in the contact's language, under the same permission and branch scope
/// as the lead (another branch's quote is "not found", like its page).
enum QuotePrintouts {
    static func overview(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        let revision = c.request.query["revision"].flatMap { Int($0) }
        let (model, language, q) = try load(c, db, id: id, revision: revision, orderForm: false)
        let bytes = try QuoteOverviewPrintout.render(model, language: language)
        return pdf(bytes, fileName: overviewFileName(q))
    }

    /// The overview's file name: the quote's number, and the version when an older one is shown.
    static func overviewFileName(_ q: QuoteView) -> String {
        q.number + (q.showsCurrent ? "" : "-v\(q.shown.number)") + ".pdf"
    }

    static func orderForm(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        let (model, language, q) = try load(c, db, id: id, revision: nil, orderForm: true)
        guard let order = q.order else { throw HTTPError.notFound }
        let bytes = try OrderFormPrintout.render(model, language: language)
        return pdf(bytes, fileName: order.number + ".pdf")
    }

    /// A PDF download: its type, a file name made only of safe characters (the numbers are
    /// ours, but the header is written as if they were not), never sniffed, never cached.
    static func pdf(_ bytes: [UInt8], fileName: String) -> Response {
        let safe = String(fileName.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == ".") }.map(Character.init))
        return Response(status: .ok, headers: [("Content-Type", "application/pdf"),
                                               ("Content-Disposition", "attachment; filename=\"\(safe.isEmpty ? "document.pdf" : safe)\""),
                                               ("Cache-Control", "private, no-store")],
                        body: .bytes(bytes))
    }

    /// The printout's view-model: the quote (or one of its revisions), its lead's contact, the
    /// car, the company, the salesperson, and the order form's facts once accepted; numbered as
    /// the quote (`O-…`) or, for the order form, as the order form (`B-…`).
    static func load(_ c: RequestContext, _ db: AppDatabase, id: Int64, revision: Int?, orderForm: Bool) throws -> (PrintoutModel, Language, QuoteView) {
        guard let q = try db.quote(id: id, revision: revision, visibleTo: c.viewer),
              let lead = try db.leadHeader(id: q.leadID, visibleTo: c.viewer) else { throw HTTPError.notFound }
        let company = try db.companyProfile()
        let contact = lead.contact
        let language = Language(rawValue: contact.language) ?? .nl
        let r = q.shown
        let car = q.vehicle?.input ?? VehicleInput()
        let used = car.condition != .new
        let tradeInLine = r.lines.first { $0.line.kind == .tradeInCredit }
        let order = q.order?.input
        let model = PrintoutModel(
            company: printoutCompany(company),
            customer: PrintoutCustomer(name: contact.displayName,
                                       address: PrintoutAddress([contact.street, [contact.postalCode, contact.city].filter { !$0.isEmpty }.joined(separator: " "), contact.country].filter { !$0.isEmpty }),
                                       phone: contact.phone, email: contact.email, vatNumber: contact.vatNumber.isEmpty ? nil : contact.vatNumber),
            salesperson: PrintoutSalesperson(name: q.createdByName ?? lead.responsibleName, phone: company.phone, email: q.createdByEmail ?? company.email),
            documentNumber: orderForm ? (q.order?.number ?? q.number) : q.number,
            // The order form is a document of its own (version 1); the quote's version is the overview's.
            version: orderForm ? 1 : r.number,
            date: order?.signedOn ?? r.issuedOn, validUntil: r.validUntil, placeOfSigning: order?.signedPlace ?? "",
            car: printoutCar(car, language: language),
            lines: r.lines.map(printoutLine),
            totals: PrintoutTotals(exclVATCents: r.exclCents, vatCents: r.vatCents, inclVATCents: r.inclCents),
            marginScheme: r.marginScheme,
            tradeIn: try tradeInLine.map { line in
                // The credited trade-in's own facts (make, model, VIN, first registration, odometer);
                // a line written before lines named their trade-in prints its description.
                if let id = line.line.tradeInID, let ti = try db.tradeIn(id: id, visibleTo: c.viewer) {
                    let i = ti.input
                    return PrintoutTradeIn(make: i.make, model: i.model, version: i.version, engine: "", colour: i.colour, vin: i.vin,
                                           firstRegistration: i.firstRegistration, odometerKm: i.odometerKm, creditedCents: line.line.unitPriceCents)
                }
                return PrintoutTradeIn(make: line.line.description, model: "", version: "", engine: "", colour: "", vin: "",
                                       firstRegistration: nil, creditedCents: line.line.unitPriceCents)
            },
            essentialCharacteristics: order?.essentials ?? "", depositCents: order?.depositCents ?? 0, latestDelivery: order?.deliveryBy,
            legalWarranty: Translator(language)("order.warranty_months", ["n": String(order?.warrantyMonths ?? 24)]) + warrantyText(company.legalWarranty, language),
            commercialWarranty: company.commercialWarranty.in(language.rawValue),
            saleChannel: order?.channel ?? .showroom,
            documentsHandedOver: OrderFormRules.documentsHandedOver(usedCar: used))
        return (model, language, q)
    }

    /// The dealer as every printout names it (the company mentions of art. 2:20 WVV).
    static func printoutCompany(_ company: CompanyProfile) -> PrintoutCompany {
        PrintoutCompany(name: company.name, tradeName: company.tradeName.isEmpty ? nil : company.tradeName, legalForm: company.legalForm,
                        address: PrintoutAddress([company.street, [company.postalCode, company.city].filter { !$0.isEmpty }.joined(separator: " "), company.country].filter { !$0.isEmpty }),
                        enterpriseNumber: CompanyRules.formatEnterpriseNumber(company.enterpriseNumber),
                        vatNumber: company.vatNumber.isEmpty ? "" : "BE " + CompanyRules.formatEnterpriseNumber(company.enterpriseNumber),
                        registerCourt: company.rprCourt, iban: CompanyRules.groupIBAN(company.iban), bic: company.bic.isEmpty ? nil : company.bic,
                        phone: company.phone, email: company.email, website: company.website, logo: company.logo)
    }

    static func warrantyText(_ text: LocalizedName, _ language: Language) -> String {
        let t = text.in(language.rawValue)
        return t.isEmpty ? "" : " — " + t
    }

    static func printoutCar(_ v: VehicleInput, language: Language) -> PrintoutCar {
        let fuel: PrintoutFuel
        switch v.fuel {
        case .petrol: fuel = .petrol
        case .diesel: fuel = .diesel
        case .hybrid: fuel = .hybrid
        case .plugInHybrid: fuel = .pluginHybrid
        case .electric: fuel = .electric
        case .cngLpg: fuel = .cng
        }
        let condition: PrintoutCondition = v.condition == .new ? .new : (v.condition == .used ? .used : .demo)
        // The stock has no engine field (the version names it, e.g. "1.5 eTSI Life"); the body
        // style is not an engine. The gearbox in the customer's words.
        return PrintoutCar(make: v.make, model: v.model, version: v.version, engine: "", powerKW: v.powerKW ?? 0, fuel: fuel,
                           gearbox: Translator(language)("gearbox." + v.gearbox.rawValue), colour: v.colour, colourCode: v.colourCode, options: v.options, condition: condition,
                           vin: v.vin.isEmpty ? nil : v.vin, odometerKm: v.odometerKm,
                           firstRegistration: v.firstRegistration,
                           wltpConsumptionTenths: v.wltpTenths, consumptionUnit: v.fuel == .electric ? .kilowattHoursPer100km : .litresPer100km,
                           co2GramsPerKm: v.co2GramsPerKm)
    }

    static func printoutLine(_ l: QuotedLine) -> PrintoutLine {
        let kind: PrintoutLineKind
        switch l.line.kind {
        case .vehicle: kind = .vehicle
        case .option: kind = .option
        case .accessory: kind = .accessory
        case .fee: kind = .fee
        case .service: kind = .service
        case .discount: kind = .discount
        case .tradeInCredit: kind = .tradeIn
        }
        // The printout's unit price column is excl. VAT (lines are entered incl. VAT): one unit's
        // VAT taken out the way the line's is; a discount or trade-in is one unit.
        let unit = l.line.kind == .discount || l.line.kind == .tradeInCredit || l.line.quantity == 1 ? l.exclCents
            : l.line.unitPriceCents - QuoteCalculation.vat(ofIncl: l.line.unitPriceCents, l.line.vat)
        return PrintoutLine(kind: kind, description: l.line.description, quantityMilli: Int64(l.line.quantity) * 1000, unitPriceCents: unit,
                            vatRateBasisPoints: l.line.vat.rate?.basisPoints,
                            totalExclVATCents: l.exclCents, vatCents: l.vatCents, totalInclVATCents: l.inclCents)
    }
}
