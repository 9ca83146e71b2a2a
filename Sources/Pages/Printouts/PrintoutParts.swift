import Printing
import Showroom

/// What the quote overview and the order form have in common: the company header and the
/// footer with the company mentions (art. 2:20 WVV), the car, the WLTP figures, the lines and
/// the totals. Every word from the catalog, every amount in Belgian notation.
struct PrintoutParts {
    let model: PrintoutModel
    let t: Translator

    init(_ model: PrintoutModel, _ language: Language) {
        self.model = model
        self.t = Translator(language)
    }

    func money(_ cents: Int64) -> String { Money(cents: cents).belgian }
    func date(_ d: CalendarDate) -> String { d.belgian }

    /// `12.345`
    func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = n < 0 ? "-" : ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(".") }
            out.append(ch)
        }
        return out
    }

    /// `1`, `2,5`
    func quantity(_ milli: Int64) -> String {
        let whole = milli / 1000, rest = abs(milli % 1000)
        guard rest != 0 else { return String(whole) }
        var decimals = String(rest)
        while decimals.count < 3 { decimals = "0" + decimals }
        while decimals.hasSuffix("0") { decimals.removeLast() }
        return (milli < 0 && whole == 0 ? "-" : "") + String(whole) + "," + decimals
    }

    /// `21 %`, `5,5 %`
    func rate(_ basisPoints: Int?) -> String {
        guard let bp = basisPoints else { return "" }
        let whole = bp / 100, rest = bp % 100
        if rest == 0 { return "\(whole) %" }
        return rest % 10 == 0 ? "\(whole),\(rest / 10) %" : "\(whole),\(rest < 10 ? "0" : "")\(rest) %"
    }

    /// `5,4`
    func tenths(_ n: Int) -> String { "\(n / 10),\(abs(n % 10))" }

    var documentTitle: String {
        let number = model.documentNumber + (model.version > 1 ? " (" + t("print.version", ["n": String(model.version)]) + ")" : "")
        return number
    }

    // MARK: Company

    /// The company's legal mentions on one line, for the footer of every page.
    var footer: String {
        let c = model.company
        var parts = [c.name + " " + c.legalForm]
        if let trade = c.tradeName, !trade.isEmpty { parts.append(t("print.trade_name") + ": " + trade) }
        parts.append(t("print.registered_office") + ": " + c.address.oneLine)
        parts.append(t("print.enterprise_number") + " " + c.enterpriseNumber)
        parts.append(t("print.register", ["court": c.registerCourt]))
        parts.append(t("print.vat_number") + " " + c.vatNumber)
        parts.append(t("print.iban") + " " + c.iban + (c.bic.map { " (BIC " + $0 + ")" } ?? ""))
        parts.append(c.email)
        parts.append(c.website)
        return parts.joined(separator: " · ")
    }

    /// Name, address and contacts left, the logo right.
    var header: Block {
        let c = model.company
        var left: [Block] = [.text(c.tradeName.flatMap { $0.isEmpty ? nil : $0 } ?? c.name, style: .title)]
        if let trade = c.tradeName, !trade.isEmpty { left.append(.text(c.name + " " + c.legalForm, style: .small)) }
        else { left.append(.text(c.legalForm, style: .small)) }
        left.append(.text((c.address.lines + [t("print.phone") + " " + c.phone, c.email + " · " + c.website]).joined(separator: "\n"), style: .small))
        let logo: Block = c.logo.map { .image(bytes: $0, maxWidth: 170, maxHeight: 60, alignment: .right) } ?? .spacer(0)
        return .sideBySide([.stack(left), logo], gap: 14)
    }

    /// The dealer's identification block (KB 5/4/2019 1°).
    var seller: Block {
        let c = model.company
        var pairs = [KeyValue(t("print.name"), c.name + " " + c.legalForm)]
        if let trade = c.tradeName, !trade.isEmpty { pairs.append(KeyValue(t("print.trade_name"), trade)) }
        pairs += [
            KeyValue(t("print.address"), c.address.lines.joined(separator: "\n")),
            KeyValue(t("print.enterprise_number"), c.enterpriseNumber + "\n" + t("print.register", ["court": c.registerCourt])),
            KeyValue(t("print.vat_number"), c.vatNumber),
            KeyValue(t("print.phone"), c.phone),
            KeyValue(t("print.email"), c.email),
        ]
        return .box(title: t("print.seller"), content: [.keyValues(pairs, keyFraction: 0.46, style: .small)])
    }

    /// The customer (KB 5/4/2019 2°).
    func customer(title: String) -> Block {
        let c = model.customer
        var pairs = [
            KeyValue(t("print.name"), c.name),
            KeyValue(t("print.address"), c.address.lines.joined(separator: "\n")),
            KeyValue(t("print.phone"), c.phone),
            KeyValue(t("print.email"), c.email),
        ]
        if let vat = c.vatNumber, !vat.isEmpty { pairs.append(KeyValue(t("print.vat_number"), vat)) }
        return .box(title: title, content: [.keyValues(pairs, keyFraction: 0.36, style: .small)])
    }

    var salesperson: Block {
        let s = model.salesperson
        return .box(title: t("print.salesperson"), content: [.keyValues([
            KeyValue(t("print.name"), s.name),
            KeyValue(t("print.phone"), s.phone),
            KeyValue(t("print.email"), s.email),
        ], keyFraction: 0.36, style: .small)])
    }

    // MARK: Car

    func fuel(_ f: PrintoutFuel) -> String { t("print.fuel." + f.rawValue) }

    /// Make, model, type, engine, power, fuel, colour, options, condition; for a used or demo
    /// car also VIN, odometer and first registration (KB 5/4/2019 4°).
    var car: [Block] {
        let car = model.car
        var pairs = [
            KeyValue(t("print.car.make_model"), car.make + " " + car.model),
            KeyValue(t("print.car.version"), car.version),
        ]
        if !car.engine.isEmpty { pairs.append(KeyValue(t("print.car.engine"), car.engine)) }
        pairs.append(KeyValue(t("print.car.power"), t("print.car.power_value", ["kw": String(car.powerKW), "hp": String(car.powerHP)])))
        pairs.append(KeyValue(t("print.car.fuel"), fuel(car.fuel)))
        if let g = car.gearbox, !g.isEmpty { pairs.append(KeyValue(t("print.car.gearbox"), g)) }
        pairs.append(KeyValue(t("print.car.colour"), car.colour + (car.colourCode.isEmpty ? "" : " (" + car.colourCode + ")")))
        pairs.append(KeyValue(t("print.car.condition"), t("print.condition." + car.condition.rawValue)))
        if let vin = car.vin, !vin.isEmpty { pairs.append(KeyValue(t("print.car.vin"), vin)) }
        if car.condition != .new || car.odometerKm != nil {
            if let km = car.odometerKm { pairs.append(KeyValue(t("print.car.odometer"), grouped(km) + " km")) }
            if let first = car.firstRegistration { pairs.append(KeyValue(t("print.car.first_registration"), date(first))) }
        }
        pairs.append(KeyValue(t("print.car.options"), car.options.isEmpty ? t("print.car.no_options") : car.options.map { "– " + $0 }.joined(separator: "\n")))
        let details = Block.keyValues(pairs, keyFraction: 0.45)
        guard let wltp else { return [.heading(t("print.car")), details] }
        return [.heading(t("print.car")), .sideBySide([details, wltp])]
    }

    /// The WLTP figures of a new car, in the size of the total price (KB 5/9/2001); nil for
    /// a used car. Shown beside the car's details.
    var wltp: Block? {
        let car = model.car
        guard car.condition == .new else { return nil }
        let use = car.wltpConsumptionTenths.map { tenths($0) + " " + car.consumptionUnit.symbol } ?? t("print.wltp.missing")
        let co2 = car.co2GramsPerKm.map { "\($0) g/km" } ?? t("print.wltp.missing")
        let useLabel = car.consumptionUnit == .kilowattHoursPer100km ? t("print.wltp.energy") : t("print.wltp.fuel")
        return .box(title: t("print.wltp.title"), content: [
            .text(useLabel, style: Self.priceStyle.boldVariant), .text(use, style: Self.priceStyle),
            .text(t("print.wltp.co2"), style: Self.priceStyle.boldVariant), .text(co2, style: Self.priceStyle),
        ])
    }

    /// The style of the total price, and of what must be as legible as it.
    static let priceStyle = TextStyle.large

    // MARK: Lines and totals

    /// The lines: with VAT columns, or under the margin scheme only the amounts (no VAT anywhere).
    var lines: [Block] {
        if model.marginScheme {
            let columns = [
                TableColumn(t("print.col.description"), width: 6),
                TableColumn(t("print.col.quantity"), width: 1, alignment: .right),
                TableColumn(t("print.col.amount"), width: 2, alignment: .right),
            ]
            let rows = model.lines.map { TableRow([$0.description, quantity($0.quantityMilli), money($0.totalInclVATCents)]) }
            return [.heading(t("print.lines")), .table(columns: columns, rows: rows)]
        }
        let columns = [
            TableColumn(t("print.col.description"), width: 3.2),
            TableColumn(t("print.col.quantity"), width: 0.9, alignment: .right),
            TableColumn(t("print.col.unit_price"), width: 1.55, alignment: .right),
            TableColumn(t("print.col.excl"), width: 1.55, alignment: .right),
            TableColumn(t("print.col.rate"), width: 0.8, alignment: .right),
            TableColumn(t("print.col.vat"), width: 1.35, alignment: .right),
            TableColumn(t("print.col.incl"), width: 1.55, alignment: .right),
        ]
        let rows = model.lines.map { line in
            TableRow([line.description, quantity(line.quantityMilli), money(line.unitPriceCents), money(line.totalExclVATCents),
                      rate(line.vatRateBasisPoints), money(line.vatCents), money(line.totalInclVATCents)], style: .small)
        }
        return [.heading(t("print.lines")), .table(columns: columns, rows: rows)]
    }

    /// The totals (excl., VAT, incl.), or the total price and the margin-scheme mention; in the
    /// right half, kept together.
    var totals: [Block] {
        let m = model.totals
        let stack: [Block]
        if model.marginScheme {
            stack = [
                .keyValues([KeyValue(t("print.total.price"), money(m.inclVATCents))], keyFraction: 0.5, style: Self.priceStyle),
                .text(t("print.margin_scheme"), style: .bold),
                .text(t("print.margin_scheme.note"), style: .small),
            ]
        } else {
            stack = [
                .keyValues([
                    KeyValue(t("print.total.excl"), money(m.exclVATCents)),
                    KeyValue(t("print.total.vat"), money(m.vatCents)),
                ], keyFraction: 0.5),
                .keyValues([KeyValue(t("print.total.incl"), money(m.inclVATCents))], keyFraction: 0.5, style: Self.priceStyle),
            ]
        }
        return [.sideBySide([.spacer(0), .stack(stack)])]
    }

    /// The trade-in in one paragraph, for the quote overview (its credit is one of the lines).
    func tradeInSummary(_ ti: PrintoutTradeIn) -> [Block] {
        var facts = [[ti.make, ti.model, ti.version].filter { !$0.isEmpty }.joined(separator: " "), ti.engine, ti.colour,
                     ti.vin.isEmpty ? "" : t("print.car.vin") + " " + ti.vin]
        if let first = ti.firstRegistration { facts.append(t("print.car.first_registration") + " " + date(first)) }
        if let km = ti.odometerKm { facts.append(grouped(km) + " km") }
        return [.heading(t("print.tradein")), .text(facts.filter { !$0.isEmpty }.joined(separator: " · ")),
                .text(t("print.tradein.credit", ["price": money(ti.creditedCents)]), style: .bold)]
    }

    /// The trade-in's identification and price (KB 5/4/2019 6°).
    func tradeIn(_ ti: PrintoutTradeIn) -> [Block] {
        var pairs = [
            KeyValue(t("print.car.make_model"), ti.make + " " + ti.model),
            KeyValue(t("print.car.version"), ti.version),
            KeyValue(t("print.car.engine"), ti.engine),
            KeyValue(t("print.car.colour"), ti.colour),
            KeyValue(t("print.car.vin"), ti.vin),
        ]
        if let first = ti.firstRegistration { pairs.append(KeyValue(t("print.car.first_registration"), date(first))) }
        if let km = ti.odometerKm { pairs.append(KeyValue(t("print.car.odometer"), grouped(km) + " km")) }
        pairs.append(KeyValue(t("print.tradein.price"), money(ti.creditedCents)))
        return [.heading(t("print.tradein")), .keyValues(pairs),
                .text(t("print.tradein.credit", ["price": money(ti.creditedCents)]), style: .small)]
    }

    func document(title: String, blocks: [Block]) -> PrintDocument {
        let d = model.date
        return PrintDocument(
            title: title, author: model.company.name + " " + model.company.legalForm,
            creationDate: PrintDate(year: d.year, month: d.month, day: d.day),
            footer: footer, pageLabel: { [t] in t("print.page", ["page": String($0), "pages": String($1)]) },
            blocks: blocks)
    }
}
