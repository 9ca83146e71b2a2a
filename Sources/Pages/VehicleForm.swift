import Showroom
import Web

/// The vehicle fields, declared once: read from a form into a `VehicleInput` with field
/// errors (the text as typed kept for the form), and written back into the form.
enum VehicleForm {
    static let vin = FormField.text("vin", .key("vehicle.vin"), required: true, maxLength: 30)
    static let make = FormField.text("make", .key("vehicle.make"), required: true, maxLength: 60)
    static let model = FormField.text("model", .key("vehicle.model"), required: true, maxLength: 60)
    static let version = FormField.text("model_version", .key("vehicle.version"), maxLength: 100)
    static let body = FormField.text("body", .key("vehicle.body"), maxLength: 40)
    static let fuel = FormField<Fuel>.choice("fuel", .key("vehicle.fuel"), required: true) { Fuel(rawValue: $0) }
    static let gearbox = FormField<Gearbox>.choice("gearbox", .key("vehicle.gearbox"), required: true) { Gearbox(rawValue: $0) }
    static let powerKW = FormField<Int>("power_kw", label: .key("vehicle.power_kw"), control: .input(type: "text", autocomplete: "off"), required: true,
                                        maxLength: 5, invalid: "vehicle.number_invalid") { Int($0) }
    static let colour = FormField.text("colour", .key("vehicle.colour"), maxLength: 60)
    static let colourCode = FormField.text("colour_code", .key("vehicle.colour_code"), maxLength: 20)
    static let options = FormField.textarea("options", .key("vehicle.options"), rows: 5, maxLength: 21_000)
    static let firstRegistration = FormField<CalendarDate>("first_registration", label: .key("vehicle.first_registration"), control: .input(type: "date", autocomplete: "off"),
                                                      maxLength: 10, invalid: "vehicle.date_invalid") { CalendarDate(iso: $0) }
    static let odometer = FormField<Int>("odometer_km", label: .key("vehicle.odometer"), control: .input(type: "text", autocomplete: "off"),
                                         maxLength: 9, invalid: "vehicle.number_invalid") { Int($0.filter { $0 != "." && $0 != " " }) }
    static let condition = FormField<VehicleCondition>.choice("condition", .key("vehicle.condition"), required: true) { VehicleCondition(rawValue: $0) }
    static let status = FormField<VehicleStatus>.choice("status", .key("vehicle.status"), required: true) { VehicleStatus(rawValue: $0) }
    static let branch = FormField<Int64>.choice("branch", .key("vehicle.branch"), required: true)
    static let price = FormField<Money>("price", label: .key("vehicle.price"), control: .input(type: "text", autocomplete: "off"), required: true,
                                        maxLength: 20, invalid: "vehicle.amount_invalid") { VehicleRules.parseEuros($0) }
    static let purchasePrice = FormField<Money>("purchase_price", label: .key("vehicle.purchase_price"), control: .input(type: "text", autocomplete: "off"),
                                                maxLength: 20, invalid: "vehicle.amount_invalid") { VehicleRules.parseEuros($0) }
    static let vatRegime = FormField<VATRegime>.choice("vat_regime", .key("vehicle.vat_regime"), required: true) { VATRegime(rawValue: $0) }
    static let wltp = FormField<Int>("wltp", label: .key("vehicle.wltp"), control: .input(type: "text", autocomplete: "off"),
                                     maxLength: 8, invalid: "vehicle.number_invalid") { VehicleRules.parseTenths($0) }
    static let co2 = FormField<Int>("co2", label: .key("vehicle.co2"), control: .input(type: "text", autocomplete: "off"),
                                    maxLength: 4, invalid: "vehicle.number_invalid") { Int($0) }

    /// The form's field for each field of the domain's rules.
    static func name(of field: VehicleRules.Field) -> String {
        switch field {
        case .vin: return vin.name
        case .make: return make.name
        case .model: return model.name
        case .version: return version.name
        case .body: return body.name
        case .fuel: return fuel.name
        case .gearbox: return gearbox.name
        case .powerKW: return powerKW.name
        case .colour: return colour.name
        case .colourCode: return colourCode.name
        case .options: return options.name
        case .firstRegistration: return firstRegistration.name
        case .odometerKm: return odometer.name
        case .condition: return condition.name
        case .status: return status.name
        case .branch: return branch.name
        case .askingPrice: return price.name
        case .purchasePrice: return purchasePrice.name
        case .vatRegime: return vatRegime.name
        case .wltp: return wltp.name
        case .co2: return co2.name
        }
    }

    /// The texts of the form, by field name: what the user typed, or a car's values.
    typealias Texts = [String: String]

    /// Reads the form: the car (valid only when `errors` is empty), the errors beside their
    /// fields (the form's own, then the domain's rules), and the texts as typed.
    static func parse(_ form: FormFields, today: CalendarDate) -> (VehicleInput, FieldErrors, Texts) {
        var errors = FieldErrors()
        var i = VehicleInput()
        var texts: Texts = [:]
        func text(_ f: FormField<String>) -> String { let v = f.readText(form, errors: &errors); texts[f.name] = v; return v }
        func read<V>(_ f: FormField<V>) -> V? { texts[f.name] = f.text(form); return f.read(form, errors: &errors) }
        i.vin = VehicleRules.normalizeVIN(text(vin))
        i.make = text(make)
        i.model = text(model)
        i.version = text(version)
        i.body = text(body)
        i.fuel = read(fuel) ?? .petrol
        i.gearbox = read(gearbox) ?? .manual
        i.powerKW = read(powerKW)
        i.colour = text(colour)
        i.colourCode = text(colourCode)
        i.options = text(options).split(whereSeparator: \.isNewline).map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
        i.firstRegistration = read(firstRegistration)
        i.odometerKm = read(odometer)
        i.condition = read(condition) ?? .used
        i.status = read(status) ?? .available
        i.branchID = read(branch) ?? 0
        i.askingPrice = read(price) ?? Money(cents: 0)
        i.purchasePrice = read(purchasePrice)
        i.vatRegime = read(vatRegime) ?? .normal
        i.wltpTenths = read(wltp)
        i.co2GramsPerKm = read(co2)
        // A field the form already refused keeps the form's message (`add` keeps the first).
        for (field, violation) in VehicleRules.check(i, today: today) { errors.add(name(of: field), violation) }
        return (i, errors, texts)
    }

    /// A car's values as the form shows them.
    static func texts(_ i: VehicleInput) -> Texts {
        [vin.name: i.vin, make.name: i.make, model.name: i.model, version.name: i.version, body.name: i.body, fuel.name: i.fuel.rawValue,
         gearbox.name: i.gearbox.rawValue, powerKW.name: i.powerKW.map(String.init) ?? "", colour.name: i.colour, colourCode.name: i.colourCode,
         options.name: i.options.joined(separator: "\n"), firstRegistration.name: i.firstRegistration?.iso ?? "",
         odometer.name: i.odometerKm.map(String.init) ?? "", condition.name: i.condition.rawValue, status.name: i.status.rawValue,
         branch.name: i.branchID > 0 ? String(i.branchID) : "", price.name: i.askingPrice.cents > 0 ? amountText(i.askingPrice) : "",
         purchasePrice.name: i.purchasePrice.map(amountText) ?? "", vatRegime.name: i.vatRegime.rawValue,
         wltp.name: i.wltpTenths.map(VehicleRules.tenthsText) ?? "", co2.name: i.co2GramsPerKm.map(String.init) ?? ""]
    }

    /// `12345,67` (no thousands dots: what a person types back).
    static func amountText(_ m: Money) -> String {
        let rest = m.cents % 100
        return String(m.cents / 100) + (rest == 0 ? "" : "," + (rest < 10 ? "0" : "") + String(rest))
    }

    /// Writes the controls, grouped, with the texts and errors.
    static func fields(_ texts: Texts, errors: FieldErrors, branches: [BranchRecord], t: Translator, language: String, into h: inout HTML) {
        func field(_ f: FormField<String>) { h.field(f, value: texts[f.name] ?? "", errors: errors, t: t) }
        func field<V>(_ f: FormField<V>) { h.field(f, value: texts[f.name] ?? "", errors: errors, t: t) }
        func choice<V>(_ f: FormField<V>, _ options: [(String, String)]) { h.select(f, options: options, selected: texts[f.name], errors: errors, t: t) }
        open(&h, t("vehicle.group.car"))
        field(vin); field(make); field(model); field(version); field(body)
        choice(fuel, Fuel.allCases.map { ($0.rawValue, t(labelKey($0))) })
        choice(gearbox, Gearbox.allCases.map { ($0.rawValue, t("gearbox." + $0.rawValue)) })
        field(powerKW); field(colour); field(colourCode)
        h.raw("</fieldset>")
        open(&h, t("vehicle.group.stock"))
        choice(condition, VehicleCondition.allCases.map { ($0.rawValue, t("condition." + $0.rawValue)) })
        choice(status, VehicleStatus.allCases.map { ($0.rawValue, t("vstatus." + $0.rawValue)) })
        choice(branch, [("", "—")] + branches.map { (String($0.id), $0.name(in: language)) })
        field(firstRegistration); field(odometer)
        h.raw("</fieldset>")
        open(&h, t("vehicle.group.price"))
        field(price); field(purchasePrice)
        choice(vatRegime, VATRegime.allCases.map { ($0.rawValue, t("vat." + $0.rawValue)) })
        h.raw("</fieldset>")
        open(&h, t("vehicle.group.wltp"))
        field(wltp); field(co2)
        h.raw("<p class=\"hint\">")
        h.text(t("vehicle.wltp_hint"))
        h.raw("</p></fieldset>")
        open(&h, t("vehicle.options"), plain: true)
        field(options)
        h.raw("</fieldset>")
    }

    private static func open(_ h: inout HTML, _ legend: String, plain: Bool = false) {
        h.raw(plain ? "<fieldset class=\"vehicle-group\"><legend class=\"visually-hidden\">" : "<fieldset class=\"grid-form vehicle-group\"><legend>")
        h.text(legend)
        h.raw("</legend>")
    }

    static func labelKey(_ fuel: Fuel) -> String { "fuel." + fuel.rawValue }
}
