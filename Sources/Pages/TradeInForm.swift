import Showroom
import Web

/// The trade-in fields, declared once: read from a form into a `TradeInInput` with field
/// errors (the text as typed kept for the form), and written back into the form.
enum TradeInForm {
    static let make = FormField.text("make", .key("tradein.make"), required: true, maxLength: 60)
    static let model = FormField.text("model", .key("tradein.model"), required: true, maxLength: 60)
    static let version = FormField.text("model_version", .key("tradein.version"), maxLength: 100)
    static let vin = FormField.text("vin", .key("tradein.vin"), maxLength: 30)
    static let plate = FormField.text("plate", .key("tradein.plate"), maxLength: 20)
    static let firstRegistration = FormField<CalendarDate>("first_registration", label: .key("tradein.first_registration"),
                                                           control: .input(type: "date", autocomplete: "off"), maxLength: 10,
                                                           invalid: "vehicle.date_invalid") { CalendarDate(iso: $0) }
    static let odometer = FormField<Int>("odometer_km", label: .key("tradein.odometer"), control: .input(type: "text", autocomplete: "off"),
                                         maxLength: 9, invalid: "tradein.km_invalid") { Int($0.filter { $0 != "." && $0 != " " }) }
    static let fuel = FormField<Fuel>.choice("fuel", .key("tradein.fuel"), required: true) { Fuel(rawValue: $0) }
    static let colour = FormField.text("colour", .key("tradein.colour"), maxLength: 60)
    static let conditionNotes = FormField.textarea("condition_notes", .key("tradein.condition_notes"), rows: 3, maxLength: TradeInRules.maxNotes)
    static let damage = FormField.textarea("damage", .key("tradein.damage"), rows: 3, maxLength: TradeInRules.maxNotes)
    static func amount(_ name: String, _ key: String, required: Bool = false) -> FormField<Money> {
        FormField<Money>(name, label: .key(key), control: .input(type: "text", autocomplete: "off"), required: required, maxLength: 20,
                         invalid: "vehicle.amount_invalid") { VehicleRules.parseEuros($0) }
    }
    static let repairCost = amount("repair_cost", "tradein.repair_cost")
    static let outstandingFinance = amount("outstanding_finance", "tradein.outstanding_finance")
    static let estimatedValue = amount("estimated_value", "tradein.estimated_value")
    static let offeredPrice = amount("offered_price", "tradein.offered_price", required: true)
    /// The decision's reason (required when refusing: the store's rule, shown beside it).
    static let reason = FormField.textarea("reason", .key("tradein.reason_field"), rows: 2, maxLength: TradeInRules.maxNotes)
    /// Which decision button was pressed.
    static let decision = FormField<Bool>.choice("decision", .none) { $0 == "approve" ? true : $0 == "refuse" ? false : nil }

    /// The form's field for each field of the domain's rules.
    static func name(of field: TradeInRules.Field) -> String {
        switch field {
        case .make: return make.name
        case .model: return model.name
        case .version: return version.name
        case .vin: return vin.name
        case .plate: return plate.name
        case .firstRegistration: return firstRegistration.name
        case .odometerKm: return odometer.name
        case .fuel: return fuel.name
        case .colour: return colour.name
        case .conditionNotes: return conditionNotes.name
        case .damage: return damage.name
        case .repairCost: return repairCost.name
        case .outstandingFinance: return outstandingFinance.name
        case .estimatedValue: return estimatedValue.name
        case .offeredPrice: return offeredPrice.name
        }
    }

    typealias Texts = [String: String]

    /// Reads the form: the trade-in (valid only when `errors` is empty), the errors beside their
    /// fields (the form's own first, then the domain's rules), and the texts as typed.
    static func parse(_ form: FormFields, today: CalendarDate) -> (TradeInInput, FieldErrors, Texts) {
        var errors = FieldErrors()
        var i = TradeInInput()
        var texts: Texts = [:]
        func text(_ f: FormField<String>) -> String { let v = f.readText(form, errors: &errors); texts[f.name] = v; return v }
        func read<V>(_ f: FormField<V>) -> V? { texts[f.name] = f.text(form); return f.read(form, errors: &errors) }
        i.make = text(make)
        i.model = text(model)
        i.version = text(version)
        i.vin = VehicleRules.normalizeVIN(text(vin))
        i.plate = TradeInRules.normalizePlate(text(plate))
        i.firstRegistration = read(firstRegistration)
        i.odometerKm = read(odometer)
        i.fuel = read(fuel) ?? .petrol
        i.colour = text(colour)
        i.conditionNotes = text(conditionNotes)
        i.damage = text(damage)
        i.expectedRepairCost = read(repairCost)
        i.outstandingFinance = read(outstandingFinance)
        i.estimatedValue = read(estimatedValue)
        i.offeredPrice = read(offeredPrice) ?? Money(cents: 0)
        // A field the form already refused keeps the form's message (`add` keeps the first).
        for (field, violation) in TradeInRules.check(i, today: today) { errors.add(name(of: field), violation) }
        return (i, errors, texts)
    }

    /// A trade-in's values as the form shows them.
    static func texts(_ i: TradeInInput) -> Texts {
        let amount = VehicleForm.amountText
        return [make.name: i.make, model.name: i.model, version.name: i.version, vin.name: i.vin, plate.name: i.plate,
                firstRegistration.name: i.firstRegistration?.iso ?? "", odometer.name: i.odometerKm.map(String.init) ?? "", fuel.name: i.fuel.rawValue,
                colour.name: i.colour, conditionNotes.name: i.conditionNotes, damage.name: i.damage,
                repairCost.name: i.expectedRepairCost.map(amount) ?? "", outstandingFinance.name: i.outstandingFinance.map(amount) ?? "",
                estimatedValue.name: i.estimatedValue.map(amount) ?? "", offeredPrice.name: i.offeredPrice.cents > 0 ? amount(i.offeredPrice) : ""]
    }

    /// Fields compared on a conflict: (form name, label key).
    static let conflictFields: [(String, String)] = [
        (make.name, "tradein.make"), (model.name, "tradein.model"), (version.name, "tradein.version"), (vin.name, "tradein.vin"),
        (plate.name, "tradein.plate"), (firstRegistration.name, "tradein.first_registration"), (odometer.name, "tradein.odometer"),
        (fuel.name, "tradein.fuel"), (colour.name, "tradein.colour"), (conditionNotes.name, "tradein.condition_notes"), (damage.name, "tradein.damage"),
        (repairCost.name, "tradein.repair_cost"), (outstandingFinance.name, "tradein.outstanding_finance"),
        (estimatedValue.name, "tradein.estimated_value"), (offeredPrice.name, "tradein.offered_price"),
    ]

    /// Writes the controls, grouped, with the texts and errors.
    static func fields(_ texts: Texts, errors: FieldErrors, t: Translator, into h: inout HTML) {
        func field<V>(_ f: FormField<V>) { h.field(f, value: texts[f.name] ?? "", errors: errors, t: t) }
        func group(_ legend: String, _ body: () -> Void) {
            h.raw("<fieldset class=\"grid-form vehicle-group\"><legend>")
            h.text(legend)
            h.raw("</legend>")
            body()
            h.raw("</fieldset>")
        }
        group(t("tradeins.group.car")) {
            field(make); field(model); field(version); field(vin); field(plate); field(firstRegistration); field(odometer)
            h.select(fuel, options: Fuel.allCases.map { ($0.rawValue, t(VehicleForm.labelKey($0))) }, selected: texts[fuel.name], errors: errors, t: t)
            field(colour)
        }
        group(t("tradeins.group.state")) { field(conditionNotes); field(damage); field(repairCost) }
        group(t("tradeins.group.price")) {
            field(outstandingFinance); field(estimatedValue); field(offeredPrice)
            h.raw("<p class=\"hint\">")
            h.text(t("tradein.price_hint"))
            h.raw("</p>")
        }
    }
}
