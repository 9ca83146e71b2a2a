/// A test drive (Testrit): a car from stock, a driver, a time slot (spec: sales-documents.md,
/// "Test drive"). Stored by the raw values below; never rename one that shipped.
public enum TestDriveStatus: String, CaseIterable, Sendable {
    case planned, done
    case noShow = "no_show"
    case cancelled

    /// A cancelled drive frees its slot; every other status keeps it (a drive that happened,
    /// or a no-show, still had the car set aside).
    public var holdsSlot: Bool { self != .cancelled }
}

/// The driving-licence categories that allow driving a car (B and the categories above it,
/// which a Belgian or EU licence only grants together with B).
public enum LicenceCategory: String, CaseIterable, Sendable {
    case b = "B", be = "BE", c1 = "C1", c1e = "C1E", c = "C", ce = "CE", d1 = "D1", d1e = "D1E", d = "D", de = "DE"
}

/// Who drives: the lead's contact (by default) or another person with a name and birth date.
public enum TestDriveDriver: Equatable, Sendable {
    case contact(id: Int64)
    case other(name: String, birthDate: CalendarDate?)
}

/// What a person enters when booking or editing a test drive.
public struct TestDriveInput: Equatable, Sendable {
    public var vehicleID: Int64 = 0
    public var startsAt = Instant(seconds: 0)
    public var durationMinutes = 30
    public var driver: TestDriveDriver = .other(name: "", birthDate: nil)
    /// The language of the agreement when the driver is not the lead's contact (a contact's
    /// own language is used otherwise).
    public var driverLanguage = "nl"
    public var licenceNumber = ""
    public var licenceCategory: LicenceCategory = .b
    public var licenceExpiry: CalendarDate?
    /// Whether the person booking has seen the licence (who and when are recorded; no scan).
    public var licenceChecked = false
    /// The plate the car drives under (its own, or the dealer's trade plate).
    public var plate = ""
    public var notes = ""

    public init() {}

    public var endsAt: Instant { startsAt.adding(seconds: Int64(durationMinutes) * 60) }
}

/// How a planned test drive ended: done (with the odometer out and in), no-show or cancelled.
public struct TestDriveOutcome: Equatable, Sendable {
    public var status: TestDriveStatus
    public var odometerOutKm: Int?
    public var odometerInKm: Int?
    public var notes: String
    public init(status: TestDriveStatus, odometerOutKm: Int? = nil, odometerInKm: Int? = nil, notes: String = "") {
        self.status = status; self.odometerOutKm = odometerOutKm; self.odometerInKm = odometerInKm; self.notes = notes
    }
}

/// A test drive as stored, with the names a page shows.
public struct TestDrive: Equatable, Sendable {
    public let id: Int64
    public let leadID: Int64
    public var input: TestDriveInput
    public let status: TestDriveStatus
    /// The driver's name as shown: the contact's display name or the other person's name.
    public let driverName: String
    public let vehicleTitle: String
    public let vehicleVIN: String
    public let vehicleBranchID: Int64
    public let licenceCheckedByName: String?
    public let licenceCheckedAt: Instant?
    public let odometerOutKm: Int?
    public let odometerInKm: Int?
    public let createdByName: String?
    public let createdAt: Instant
    public let version: Int64

    public init(id: Int64, leadID: Int64, input: TestDriveInput, status: TestDriveStatus, driverName: String, vehicleTitle: String,
                vehicleVIN: String, vehicleBranchID: Int64, licenceCheckedByName: String?, licenceCheckedAt: Instant?, odometerOutKm: Int?,
                odometerInKm: Int?, createdByName: String?, createdAt: Instant, version: Int64) {
        self.id = id; self.leadID = leadID; self.input = input; self.status = status; self.driverName = driverName
        self.vehicleTitle = vehicleTitle; self.vehicleVIN = vehicleVIN; self.vehicleBranchID = vehicleBranchID
        self.licenceCheckedByName = licenceCheckedByName; self.licenceCheckedAt = licenceCheckedAt
        self.odometerOutKm = odometerOutKm; self.odometerInKm = odometerInKm; self.createdByName = createdByName
        self.createdAt = createdAt; self.version = version
    }
}

/// One booking in a calendar or a list: enough to show the slot, and the lead only to those
/// who may see it (`leadID` nil otherwise: the slot is taken, by whom is not theirs to know
/// beyond the salesperson's name).
public struct TestDriveSlot: Equatable, Sendable {
    public let id: Int64
    public let vehicleID: Int64
    public let vehicleTitle: String
    public let startsAt: Instant
    public let durationMinutes: Int
    public let status: TestDriveStatus
    public let bookedByName: String?
    /// The lead and the driver, when the viewer may see the lead.
    public let leadID: Int64?
    public let leadCode: String?
    public let driverName: String?

    public init(id: Int64, vehicleID: Int64, vehicleTitle: String, startsAt: Instant, durationMinutes: Int, status: TestDriveStatus,
                bookedByName: String?, leadID: Int64?, leadCode: String?, driverName: String?) {
        self.id = id; self.vehicleID = vehicleID; self.vehicleTitle = vehicleTitle; self.startsAt = startsAt
        self.durationMinutes = durationMinutes; self.status = status; self.bookedByName = bookedByName
        self.leadID = leadID; self.leadCode = leadCode; self.driverName = driverName
    }

    public var endsAt: Instant { startsAt.adding(seconds: Int64(durationMinutes) * 60) }
}

/// A week of the calendar: Monday to Sunday in Brussels, named as ISO 8601 writes it
/// (`2026-W49`).
public struct CalendarWeek: Equatable, Hashable, Sendable {
    /// The Monday.
    public let monday: CalendarDate

    /// The week holding `date`.
    public init(containing date: CalendarDate) {
        monday = date.adding(days: -CalendarWeek.weekdayIndex(date))
    }

    /// Parses `2026-W49`; nil for anything else or a week that does not exist.
    public init?(iso text: String) {
        let u = Array(text.utf8)
        guard u.count == 8, u[4] == UInt8(ascii: "-"), u[5] == UInt8(ascii: "W"),
              let year = Int(String(decoding: u[0..<4], as: UTF8.self)), (1970...9998).contains(year),
              u[6...7].allSatisfy({ (48...57).contains($0) }), let week = Int(String(decoding: u[6...7], as: UTF8.self)),
              week >= 1, let jan4 = CalendarDate(year: year, month: 1, day: 4) else { return nil }
        let first = CalendarWeek(containing: jan4).monday
        let candidate = CalendarWeek(containing: first.adding(days: 7 * (week - 1)))
        guard candidate.isoYear == year else { return nil }
        monday = candidate.monday
    }

    /// Monday = 0 … Sunday = 6 (1 January 1970 was a Thursday).
    public static func weekdayIndex(_ d: CalendarDate) -> Int {
        Int(((d.daysSinceEpoch + 3) % 7 + 7) % 7)
    }

    /// The ISO year: the year of the week's Thursday.
    public var isoYear: Int { monday.adding(days: 3).year }
    public var number: Int {
        let thursday = monday.adding(days: 3)
        guard let jan1 = CalendarDate(year: thursday.year, month: 1, day: 1) else { return 1 }
        return Int((thursday.daysSinceEpoch - jan1.daysSinceEpoch) / 7) + 1
    }
    public var iso: String { String(isoYear) + "-W" + (number < 10 ? "0" : "") + String(number) }
    public var days: [CalendarDate] { (0..<7).map { monday.adding(days: $0) } }
    public var next: CalendarWeek { CalendarWeek(containing: monday.adding(days: 7)) }
    public var previous: CalendarWeek { CalendarWeek(containing: monday.adding(days: -7)) }
    /// Monday 00:00 and the next Monday 00:00 in Brussels.
    public var range: (start: Instant, end: Instant) {
        (BrusselsTime.instant(from: CivilTime(year: monday.year, month: monday.month, day: monday.day)),
         BrusselsTime.instant(from: CivilTime(year: next.monday.year, month: next.monday.month, day: next.monday.day)))
    }
}
