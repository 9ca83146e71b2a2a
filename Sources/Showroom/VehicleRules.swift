/// The rules of a car in stock, without I/O. The form and the store both ask `check`; the
/// store also keeps the structural ones in the schema (CHECK constraints).
public enum VehicleRules {
    /// A field of the vehicle form: where a violation is shown.
    public enum Field: String, CaseIterable, Sendable {
        case vin, make, model, version, body, fuel, gearbox, powerKW, colour, colourCode, options, firstRegistration, odometerKm,
             condition, status, branch, askingPrice, purchasePrice, vatRegime, wltp, co2
    }

    /// The highest price accepted: € 10 million, in cents.
    public static let maxPriceCents: Int64 = 1_000_000_000
    public static let maxOdometerKm = 2_000_000
    public static let powerRange = 1...1_000
    /// 0,1 … 100,0 (l or kWh per 100 km), in tenths.
    public static let wltpRange = 1...1_000
    public static let co2Range = 0...999
    public static let maxOptions = 100
    public static let maxOptionLength = 200

    /// The conditions that may use the margin scheme. *(check)* Our reading of art. 58 §4
    /// WBTW: only second-hand cars bought without deductible VAT, so used cars; a demo car was
    /// bought by the dealer with VAT. Never a new car (the schema refuses that too).
    public static let defaultMarginConditions: Set<VehicleCondition> = [.used]

    /// VIN: spaces, dashes and dots dropped, upper case (`wvw zzz…` → `WVWZZZ…`).
    public static func normalizeVIN(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0 != " " && $0 != "-" && $0 != "." && $0 != "\t" }.map { Character($0) }).uppercased()
    }

    /// 17 characters of A–Z and 0–9, never I, O or Q (ISO 3779).
    public static func isValidVIN(_ vin: String) -> Bool {
        vin.utf8.count == 17 && vin.utf8.allSatisfy { b in
            (b >= 48 && b <= 57) || (b >= 65 && b <= 90 && b != 73 && b != 79 && b != 81)
        }
    }

    /// hp = round(kW × 1.35962), in whole numbers (half up).
    public static func horsepower(kW: Int) -> Int { (kW * 135_962 + 50_000) / 100_000 }

    /// Every rule `input` breaks, by field (at most one per field), in field order.
    /// `today` is the Brussels day (no first registration after it).
    public static func check(_ input: VehicleInput, today: CalendarDate,
                             marginConditions: Set<VehicleCondition> = defaultMarginConditions) -> [(Field, RuleViolation)] {
        var out: [Field: RuleViolation] = [:]
        func add(_ f: Field, _ v: RuleViolation) { if out[f] == nil { out[f] = v } }
        if !isValidVIN(input.vin) { add(.vin, .vinInvalid) }
        for (f, text, limit) in [(Field.make, input.make, 60), (.model, input.model, 60)] {
            if text.isEmpty { add(f, .required) } else if text.count > limit { add(f, .tooLong) }
        }
        for (f, text, limit) in [(Field.version, input.version, 100), (.body, input.body, 40), (.colour, input.colour, 60), (.colourCode, input.colourCode, 20)]
        where text.count > limit { add(f, .tooLong) }
        if input.options.count > maxOptions || input.options.contains(where: { $0.count > maxOptionLength }) { add(.options, .tooLong) }
        if let kw = input.powerKW { if !powerRange.contains(kw) { add(.powerKW, .powerOutOfRange) } } else { add(.powerKW, .required) }
        if input.askingPrice.cents <= 0 || input.askingPrice.cents > maxPriceCents { add(.askingPrice, .askingPriceOutOfRange) }
        if let p = input.purchasePrice, p.cents < 0 || p.cents > maxPriceCents { add(.purchasePrice, .askingPriceOutOfRange) }
        if let km = input.odometerKm, km < 0 || km > maxOdometerKm { add(.odometerKm, .odometerOutOfRange) }
        // (`CalendarDate` has no year before 1900; a later one than today is refused here.)
        if let d = input.firstRegistration, d > today { add(.firstRegistration, .firstRegistrationInFuture) }
        if input.condition != .new {
            if input.firstRegistration == nil { add(.firstRegistration, .firstRegistrationRequired) }
            if input.odometerKm == nil { add(.odometerKm, .odometerRequired) }
        }
        if input.vatRegime == .margin && !(marginConditions.contains(input.condition) && input.condition != .new) { add(.vatRegime, .marginOnlyForUsed) }
        if let w = input.wltpTenths, !wltpRange.contains(w) { add(.wltp, .wltpOutOfRange) }
        if let c = input.co2GramsPerKm, !co2Range.contains(c) { add(.co2, .co2OutOfRange) }
        if input.condition == .new {
            if input.wltpTenths == nil { add(.wltp, .wltpRequired) }
            if input.co2GramsPerKm == nil { add(.co2, .co2Required) }
        }
        return Field.allCases.compactMap { f in out[f].map { (f, $0) } }
    }

    /// Whether a car in `status` may be reserved (by an accepted quote).
    public static func canReserve(_ status: VehicleStatus) -> Bool { status == .available }
    /// Whether a car in `status` may be marked sold: an available car or a reserved one.
    public static func canSell(_ status: VehicleStatus) -> Bool { status != .sold }

    /// An amount of euros as typed: `12.345,67`, `12345,67`, `12 345`, `€ 12345.67`,
    /// `12345`. A dot followed by exactly three digits groups thousands; otherwise the last
    /// `,` or `.` is the decimal sign (at most two decimals). Nil for anything else.
    public static func parseEuros(_ text: String) -> Money? {
        var s = String(text.unicodeScalars.filter { $0 != " " && $0 != "\u{00A0}" && $0 != "€" && $0 != "\u{202F}" }.map(Character.init))
        guard !s.isEmpty, s.count <= 20 else { return nil }
        if s.hasPrefix("-") { return nil }
        var decimals = ""
        if let comma = s.lastIndex(of: ",") {
            decimals = String(s[s.index(after: comma)...])
            s = String(s[..<comma])
        } else if let dot = s.lastIndex(of: "."), s.distance(from: dot, to: s.endIndex) - 1 != 3 {
            decimals = String(s[s.index(after: dot)...])
            s = String(s[..<dot])
        }
        // Thousands dots group by three: `1.234.567`, never `12.3.4`.
        let groups = s.split(separator: ".", omittingEmptySubsequences: false)
        guard groups.count == 1 || (!groups[0].isEmpty && groups[0].count <= 3 && groups.dropFirst().allSatisfy { $0.count == 3 }) else { return nil }
        s = s.replacingDots()
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && $0.isNumber }), decimals.count <= 2, decimals.allSatisfy({ $0.isASCII && $0.isNumber }),
              s.count <= 12, let euros = Int64(s) else { return nil }
        let cents = decimals.isEmpty ? 0 : Int64(decimals.count == 1 ? decimals + "0" : decimals) ?? 0
        return Money(cents: euros * 100 + cents)
    }

    /// A figure with at most one decimal (`5,4`, `5.4`, `16`) in tenths: 54, 54, 160.
    public static func parseTenths(_ text: String) -> Int? {
        let s = text.replacing(",", with: ".")
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }), !parts[0].isEmpty, parts[0].count <= 6,
              let whole = Int(parts[0]) else { return nil }
        if parts.count == 1 { return whole * 10 }
        guard parts[1].count == 1, let tenth = Int(parts[1]) else { return nil }
        return whole * 10 + tenth
    }

    /// Tenths as written for people: `5,4`.
    public static func tenthsText(_ tenths: Int) -> String { String(tenths / 10) + "," + String(tenths % 10) }
}

extension String {
    fileprivate func replacingDots() -> String { String(filter { $0 != "." }) }
    fileprivate func replacing(_ a: Character, with b: Character) -> String { String(map { $0 == a ? b : $0 }) }
}
