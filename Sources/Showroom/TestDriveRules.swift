/// The rules of a test drive, without I/O. The form and the store both ask `check`; the store
/// adds what only it can know (the car's status, other bookings), and the schema itself refuses
/// two overlapping bookings of one car (see Migrations+TestDrives).
public enum TestDriveRules {
    /// A field of the test-drive form: where a violation is shown.
    public enum Field: String, CaseIterable, Sendable {
        case vehicle, startsAt, duration, driver, driverName, driverBirthDate, licenceNumber, licenceCategory, licenceExpiry,
             plate, notes, odometerOut, odometerIn, status
    }

    /// The durations offered, in minutes (a day at most).
    public static let durations = [15, 30, 45, 60, 90, 120, 180, 240, 480, 1440]
    public static let minDuration = 15
    public static let maxDuration = 1440
    /// A drive may start this many seconds in the past: the customer is at the desk now.
    public static let graceSeconds: Int64 = 15 * 60
    public static let maxAheadSeconds: Int64 = 366 * 86_400
    public static let maxNotes = 4_000
    public static let minimumAge = 18

    /// Every rule `input` breaks, by field (at most one per field), in field order. `now` is
    /// the moment of booking: a new or moved drive may not start in the past.
    public static func check(_ input: TestDriveInput, now: Instant) -> [(Field, RuleViolation)] {
        var out: [Field: RuleViolation] = [:]
        func add(_ f: Field, _ v: RuleViolation) { if out[f] == nil { out[f] = v } }
        if input.vehicleID <= 0 { add(.vehicle, .required) }
        if input.startsAt.seconds < now.seconds - graceSeconds { add(.startsAt, .testDriveInPast) }
        else if input.startsAt.seconds > now.seconds + maxAheadSeconds { add(.startsAt, .testDriveTooFar) }
        if input.durationMinutes < minDuration || input.durationMinutes > maxDuration { add(.duration, .testDriveDurationOutOfRange) }
        let day = CalendarDate.brussels(input.startsAt)
        if case .other(let name, let birth) = input.driver {
            if name.isEmpty { add(.driverName, .required) } else if name.count > 120 { add(.driverName, .tooLong) }
            if let birth {
                if birth > day.adding(months: -12 * minimumAge) { add(.driverBirthDate, .driverTooYoung) }
            } else {
                add(.driverBirthDate, .required)
            }
        }
        let licence = input.licenceNumber
        if licence.isEmpty { add(.licenceNumber, .required) } else if licence.count > 30 { add(.licenceNumber, .tooLong) }
        if let expiry = input.licenceExpiry {
            if expiry < day { add(.licenceExpiry, .licenceExpired) }
        } else {
            add(.licenceExpiry, .required)
        }
        if input.plate.count > 20 { add(.plate, .tooLong) }
        if input.notes.count > maxNotes { add(.notes, .tooLong) }
        return Field.allCases.compactMap { f in out[f].map { (f, $0) } }
    }

    /// Whether a car of this condition and status may be booked: a sold car never; a reserved
    /// car only when it is a demo car (the showroom's demo cars stay bookable); an available one.
    public static func isBookable(condition: VehicleCondition, status: VehicleStatus) -> Bool {
        switch status {
        case .sold: return false
        case .reserved: return condition == .demo
        case .available: return true
        }
    }

    /// Whether two slots overlap (touching ends do not: 10:00–10:30 and 10:30–11:00 are fine).
    public static func overlaps(_ aStart: Instant, _ aMinutes: Int, _ bStart: Instant, _ bMinutes: Int) -> Bool {
        aStart.seconds < bStart.seconds + Int64(bMinutes) * 60 && bStart.seconds < aStart.seconds + Int64(aMinutes) * 60
    }

    /// The outcome of a planned drive. Done needs both odometer readings, the return not below
    /// the departure; no-show and cancelled need none.
    public static func check(_ outcome: TestDriveOutcome, current: TestDriveStatus) -> [(Field, RuleViolation)] {
        var out: [(Field, RuleViolation)] = []
        guard current == .planned else { return [(.status, .testDriveNotPlanned)] }
        if outcome.status == .planned { out.append((.status, .invalidChoice)) }
        if outcome.status == .done {
            if outcome.odometerOutKm == nil { out.append((.odometerOut, .required)) }
            if outcome.odometerInKm == nil { out.append((.odometerIn, .required)) }
        }
        for (f, km) in [(Field.odometerOut, outcome.odometerOutKm), (.odometerIn, outcome.odometerInKm)] {
            if let km, km < 0 || km > VehicleRules.maxOdometerKm { out.append((f, .odometerOutOfRange)) }
        }
        if let a = outcome.odometerOutKm, let b = outcome.odometerInKm, b < a, !out.contains(where: { $0.0 == .odometerIn }) {
            out.append((.odometerIn, .odometerBackwards))
        }
        if outcome.notes.count > maxNotes { out.append((.notes, .tooLong)) }
        return out
    }
}
