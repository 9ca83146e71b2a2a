import Showroom
import Store
import Web

/// The test-drive fields, declared once: read from a form into a `TestDriveInput` (or an
/// outcome) with field errors beside each field and the texts as typed, and written back.
enum TestDriveForm {
    static let vehicle = FormField<Int64>.choice("vehicle", .key("testdrive.vehicle"), required: true)
    static let start = FormField<Instant>("starts_at", label: .key("testdrive.start"), control: .input(type: "datetime-local", autocomplete: "off"),
                                          required: true, maxLength: 19, invalid: "form.datetime_invalid", convert: BrusselsTime.parseHTMLLocal)
    static let duration = FormField<Int>.choice("duration", .key("testdrive.duration"), required: true) { Int($0) }
    /// `contact:{id}` for one of the lead's contacts, `other` for another person.
    static let driver = FormField<String>.choice("driver", .key("testdrive.driver"), required: true) { $0 }
    static let driverName = FormField.text("driver_name", .key("testdrive.driver_name"), autocomplete: "off", maxLength: 120)
    static let birthDate = FormField<CalendarDate>("driver_birth_date", label: .key("testdrive.driver_birth_date"),
                                                   control: .input(type: "date", autocomplete: "off"), maxLength: 10,
                                                   invalid: "vehicle.date_invalid") { CalendarDate(iso: $0) }
    static let language = FormField<Language>.choice("driver_language", .key("testdrive.driver_language")) { Language(rawValue: $0) }
    static let licenceNumber = FormField.text("licence_number", .key("testdrive.licence_number"), required: true, maxLength: 30)
    static let licenceCategory = FormField<LicenceCategory>.choice("licence_category", .key("testdrive.licence_category"), required: true) {
        LicenceCategory(rawValue: $0)
    }
    static let licenceExpiry = FormField<CalendarDate>("licence_expiry", label: .key("testdrive.licence_expiry"),
                                                       control: .input(type: "date", autocomplete: "off"), required: true, maxLength: 10,
                                                       invalid: "vehicle.date_invalid") { CalendarDate(iso: $0) }
    /// The checkbox "I have seen the licence".
    static let licenceChecked = FormField<Bool>.choice("licence_checked", .none) { $0 == "1" ? true : nil }
    static let plate = FormField.text("plate", .key("testdrive.plate"), maxLength: 20)
    static let notes = FormField.textarea("notes", .key("testdrive.notes"), rows: 3, maxLength: TestDriveRules.maxNotes)
    // The outcome.
    static let outcome = FormField<TestDriveStatus>.choice("outcome", .key("testdrive.outcome"), required: true) {
        TestDriveStatus(rawValue: $0).flatMap { $0 == .planned ? nil : $0 }
    }
    static func kilometres(_ name: String, _ key: String) -> FormField<Int> {
        FormField<Int>(name, label: .key(key), control: .input(type: "text", autocomplete: "off"), maxLength: 9,
                       invalid: "tradein.km_invalid") { Int($0.filter { $0 != "." && $0 != " " }) }
    }
    static let odometerOut = kilometres("odometer_out", "testdrive.odometer_out")
    static let odometerIn = kilometres("odometer_in", "testdrive.odometer_in")

    typealias Texts = [String: String]

    /// The form's field for each field of the domain's rules.
    static func name(of field: TestDriveRules.Field) -> String {
        switch field {
        case .vehicle: return vehicle.name
        case .startsAt: return start.name
        case .duration: return duration.name
        case .driver: return driver.name
        case .driverName: return driverName.name
        case .driverBirthDate: return birthDate.name
        case .licenceNumber: return licenceNumber.name
        case .licenceCategory: return licenceCategory.name
        case .licenceExpiry: return licenceExpiry.name
        case .plate: return plate.name
        case .notes: return notes.name
        case .odometerOut: return odometerOut.name
        case .odometerIn: return odometerIn.name
        case .status: return outcome.name
        }
    }

    /// The field a store refusal belongs beside.
    static func field(of violation: RuleViolation) -> String {
        switch violation {
        case .testDriveOverlap, .testDriveInPast, .testDriveTooFar: return start.name
        case .vehicleNotBookable, .invalidChoice: return vehicle.name
        case .licenceExpired: return licenceExpiry.name
        case .driverTooYoung: return birthDate.name
        case .driverNotOnLead: return driver.name
        case .testDriveDurationOutOfRange: return duration.name
        case .odometerBackwards: return odometerIn.name
        default: return start.name
        }
    }

    /// Reads the booking form: the drive (valid only when `errors` is empty), the errors
    /// beside their fields (the form's own first, then the domain's rules) and the texts.
    static func parse(_ form: FormFields, now: Instant) -> (TestDriveInput, FieldErrors, Texts) {
        var errors = FieldErrors()
        var i = TestDriveInput()
        var texts: Texts = [:]
        func text(_ f: FormField<String>) -> String { let v = f.readText(form, errors: &errors); texts[f.name] = v; return v }
        func read<V>(_ f: FormField<V>) -> V? { texts[f.name] = f.text(form); return f.read(form, errors: &errors) }
        i.vehicleID = read(vehicle) ?? 0
        let startValue = read(start)
        i.startsAt = startValue ?? now
        i.durationMinutes = read(duration) ?? 0
        let who = read(driver) ?? ""
        let typedName = text(driverName)
        let birth = read(birthDate)
        if who == "other" {
            i.driver = .other(name: typedName, birthDate: birth)
        } else if who.hasPrefix("contact:"), let id = Int64(who.dropFirst("contact:".count)) {
            i.driver = .contact(id: id)
        } else if !who.isEmpty {
            errors.add(driver.name, "form.invalid_choice")
        }
        i.driverLanguage = (read(language) ?? .nl).rawValue
        i.licenceNumber = text(licenceNumber).uppercased()
        i.licenceCategory = read(licenceCategory) ?? .b
        i.licenceExpiry = read(licenceExpiry)
        i.licenceChecked = licenceChecked.value(form) == true
        texts[licenceChecked.name] = i.licenceChecked ? "1" : ""
        i.plate = TradeInRules.normalizePlate(text(plate))
        i.notes = text(notes)
        for (field, violation) in TestDriveRules.check(i, now: now) {
            // A start the form could not read has its own message already.
            if field == .startsAt && startValue == nil { continue }
            errors.add(name(of: field), violation)
        }
        return (i, errors, texts)
    }

    /// Reads the outcome form.
    static func parseOutcome(_ form: FormFields, current: TestDriveStatus) -> (TestDriveOutcome, FieldErrors, Texts) {
        var errors = FieldErrors()
        var texts: Texts = [:]
        func read<V>(_ f: FormField<V>) -> V? { texts[f.name] = f.text(form); return f.read(form, errors: &errors) }
        let status = read(outcome)
        let out = read(odometerOut), back = read(odometerIn)
        let note = notes.readText(form, errors: &errors)
        texts[notes.name] = note
        let result = TestDriveOutcome(status: status ?? .planned, odometerOutKm: out, odometerInKm: back, notes: note)
        if status != nil {
            for (field, violation) in TestDriveRules.check(result, current: current) { errors.add(name(of: field), violation) }
        }
        return (result, errors, texts)
    }

    /// A drive's values as the form shows them.
    static func texts(_ i: TestDriveInput) -> Texts {
        var texts: Texts = [vehicle.name: i.vehicleID > 0 ? String(i.vehicleID) : "", start.name: BrusselsTime.civil(i.startsAt).htmlLocal,
                            duration.name: String(i.durationMinutes), language.name: i.driverLanguage, licenceNumber.name: i.licenceNumber,
                            licenceCategory.name: i.licenceCategory.rawValue, licenceExpiry.name: i.licenceExpiry?.iso ?? "",
                            licenceChecked.name: i.licenceChecked ? "1" : "", plate.name: i.plate, notes.name: i.notes]
        switch i.driver {
        case .contact(let id): texts[driver.name] = "contact:\(id)"
        case .other(let name, let birth):
            texts[driver.name] = "other"; texts[driverName.name] = name; texts[birthDate.name] = birth?.iso ?? ""
        }
        return texts
    }

    /// Writes the booking controls, grouped, with the texts and errors.
    static func fields(_ texts: Texts, vehicles: [BookableVehicle], contacts: [(Int64, String)], errors: FieldErrors, context c: RequestContext,
                       into h: inout HTML) {
        let t = c.t
        func field<V>(_ f: FormField<V>) { h.field(f, value: texts[f.name] ?? "", errors: errors, t: t) }
        func group(_ legend: String, _ body: () -> Void) {
            h.raw("<fieldset class=\"grid-form vehicle-group\"><legend>")
            h.text(legend)
            h.raw("</legend>")
            body()
            h.raw("</fieldset>")
        }
        group(t("testdrive.group.slot")) {
            let options = [("", t("testdrive.vehicle_pick"))] + vehicles.map { v in
                (String(v.id), v.title + " · " + v.vin.suffix(6) + " · " + v.branchName.in(c.language.rawValue)
                    + (v.condition == .demo ? " · " + t("condition.demo") : ""))
            }
            h.select(vehicle, options: options, selected: texts[vehicle.name], errors: errors, t: t)
            field(start)
            let minutes = TestDriveRules.durations.map { (String($0), durationLabel($0, t: t)) }
            h.select(duration, options: minutes, selected: texts[duration.name] ?? "60", errors: errors, t: t)
            field(plate)
        }
        group(t("testdrive.group.driver")) {
            let options = contacts.map { ("contact:\($0.0)", $0.1) } + [("other", t("testdrive.driver_other"))]
            h.select(driver, options: options, selected: texts[driver.name], errors: errors, t: t)
            field(driverName)
            field(birthDate)
            h.select(language, options: Language.allCases.map { ($0.rawValue, t("testdrive.lang." + $0.rawValue)) }, selected: texts[language.name],
                     errors: errors, t: t)
            h.raw("<p class=\"hint\">")
            h.text(t("testdrive.driver_hint"))
            h.raw("</p>")
        }
        group(t("testdrive.group.licence")) {
            field(licenceNumber)
            h.select(licenceCategory, options: LicenceCategory.allCases.map { ($0.rawValue, $0.rawValue) }, selected: texts[licenceCategory.name],
                     errors: errors, t: t)
            field(licenceExpiry)
            h.raw("<label class=\"check\"><input type=\"checkbox\" name=\"")
            h.attr(licenceChecked.name)
            h.raw("\" value=\"1\"")
            if texts[licenceChecked.name] == "1" { h.raw(" checked") }
            h.raw("> ")
            h.text(t("testdrive.licence_checked"))
            h.raw("</label><p class=\"hint\">")
            h.text(t("testdrive.licence_privacy"))
            h.raw("</p>")
        }
        group(t("testdrive.notes")) { field(notes) }
    }

    /// `30 min`, `1 u 30`, `1 dag`.
    static func durationLabel(_ minutes: Int, t: Translator) -> String {
        if minutes >= 1440 { return t("testdrive.duration.day") }
        if minutes < 60 { return t("testdrive.duration.minutes", ["n": String(minutes)]) }
        let hours = minutes / 60, rest = minutes % 60
        return t("testdrive.duration.hours", ["h": String(hours), "m": rest == 0 ? "" : String(rest)]).trimmingWhitespace()
    }
}
