/// A day on the calendar (no time, no zone): a quote's validity date, an order form's signing
/// and delivery dates, a car's first registration. "Today" is always the Brussels day.
public struct CalendarDate: Comparable, Hashable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil for a date that does not exist (31 April, 29 February 2027) or a year outside 1900...9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1900...9999).contains(year), (1...12).contains(month), (1...CalendarDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int) { self.year = year; self.month = month; self.day = day }

    /// The Brussels calendar day of `instant`.
    public static func brussels(_ instant: Instant) -> CalendarDate {
        let c = BrusselsTime.civil(instant)
        return CalendarDate(unchecked: c.year, c.month, c.day)
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01.
    public var daysSinceEpoch: Int64 { CivilTime.days(year: year, month: month, day: day) }

    /// This date moved by `days` (negative goes back).
    public func adding(days: Int) -> CalendarDate {
        let c = CivilTime.from(secondsSinceEpoch: (daysSinceEpoch + Int64(days)) * 86_400)
        return CalendarDate(unchecked: c.year, c.month, c.day)
    }

    /// This date moved by whole calendar months; a day that does not exist in the target
    /// month becomes that month's last day (31 August + 6 months = 28/29 February).
    public func adding(months: Int) -> CalendarDate {
        let index = year * 12 + (month - 1) + months
        let y = index / 12, m = index % 12 + 1
        return CalendarDate(unchecked: y, m, min(day, CalendarDate.daysIn(month: m, year: y)))
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: CalendarDate) -> Int { Int(other.daysSinceEpoch - daysSinceEpoch) }

    /// `2026-12-02`, as stored and as `<input type="date">` wants it.
    public var iso: String {
        String(year) + "-" + (month < 10 ? "0" : "") + String(month) + "-" + (day < 10 ? "0" : "") + String(day)
    }
    public var description: String { iso }

    /// `02/12/2026`
    public var belgian: String { CivilTime(year: year, month: month, day: day).belgianDate }

    /// Parses `2026-12-02` exactly (the value of a date input); nil for anything else.
    public init?(iso text: String) {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            guard u[r].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return Int(String(decoding: u[r], as: UTF8.self))
        }
        guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }
}
