import Foundation

/// A wall-clock reading: a date and a time of day, without a zone.
public struct CivilTime: Equatable, Sendable {
    public var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year; self.month = month; self.day = day
        self.hour = hour; self.minute = minute; self.second = second
    }

    /// `29/11/2026 14:05` (written byte by byte: it is on every line of every page).
    public var belgianDateTime: String {
        guard (1000...9999).contains(year) else { return belgianDate + " " + two(hour) + ":" + two(minute) }
        let zero = UInt8(ascii: "0")
        let bytes: [UInt8] = [
            zero + UInt8(day / 10), zero + UInt8(day % 10), UInt8(ascii: "/"), zero + UInt8(month / 10), zero + UInt8(month % 10), UInt8(ascii: "/"),
            zero + UInt8(year / 1000), zero + UInt8(year / 100 % 10), zero + UInt8(year / 10 % 10), zero + UInt8(year % 10), UInt8(ascii: " "),
            zero + UInt8(hour / 10), zero + UInt8(hour % 10), UInt8(ascii: ":"), zero + UInt8(minute / 10), zero + UInt8(minute % 10),
        ]
        return String(decoding: bytes, as: UTF8.self)
    }
    /// `29/11/2026`
    public var belgianDate: String { two(day) + "/" + two(month) + "/" + String(year) }
    /// `14:05`
    public var belgianTime: String { two(hour) + ":" + two(minute) }
    /// `2026-11-29T14:05` as used by `<input type="datetime-local">`.
    public var htmlLocal: String {
        String(year) + "-" + two(month) + "-" + two(day) + "T" + two(hour) + ":" + two(minute)
    }

    private func two(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func from(secondsSinceEpoch s: Int64) -> CivilTime {
        let days = s >= 0 ? s / 86_400 : (s - 86_399) / 86_400
        let secs = Int(s - days * 86_400)
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = Int(doy - (153 * mp + 2) / 5 + 1)
        let m = Int(mp < 10 ? mp + 3 : mp - 9)
        let y = Int(yoe + era * 400) + (m <= 2 ? 1 : 0)
        return CivilTime(year: y, month: m, day: d, hour: secs / 3600, minute: secs % 3600 / 60, second: secs % 60)
    }
}

/// Europe/Brussels wall-clock time. The zone's transitions come from the system's time-zone
/// data (Foundation) once at start-up; each conversion is then a binary search, cheap enough
/// for every date on a page.
public enum BrusselsTime {
    struct Transition: Sendable { let at: Int64; let offsetAfter: Int }

    static let zone = TimeZone(identifier: "Europe/Brussels")!
    static let table: (initialOffset: Int, transitions: [Transition]) = {
        var list: [Transition] = []
        var date = Date(timeIntervalSince1970: 315_532_800) // 1980-01-01
        let end = Date(timeIntervalSince1970: 4_102_444_800) // 2100-01-01
        let initial = zone.secondsFromGMT(for: date)
        while let next = zone.nextDaylightSavingTimeTransition(after: date), next < end {
            list.append(Transition(at: Int64(next.timeIntervalSince1970), offsetAfter: zone.secondsFromGMT(for: next)))
            date = next
        }
        return (initial, list)
    }()

    /// Seconds east of UTC at `instant`.
    public static func offset(at instant: Instant) -> Int {
        let t = table.transitions
        var lo = 0, hi = t.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if t[mid].at <= instant.seconds { lo = mid + 1 } else { hi = mid }
        }
        if lo == 0 { return instant.seconds < 315_532_800 || t.isEmpty ? zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant.seconds))) : table.initialOffset }
        if lo == t.count, instant.seconds >= 4_102_444_800 { return zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant.seconds))) }
        return t[lo - 1].offsetAfter
    }

    public static func civil(_ instant: Instant) -> CivilTime {
        CivilTime.from(secondsSinceEpoch: instant.seconds + Int64(offset(at: instant)))
    }

    /// The instant a Brussels wall-clock reading stands for. In the autumn hour that occurs
    /// twice the first (summer-time) one is taken; a reading inside the spring gap is moved
    /// forward by the gap, as clocks are.
    public static func instant(from civil: CivilTime) -> Instant {
        let local = CivilTime.days(year: civil.year, month: civil.month, day: civil.day) * 86_400
            + Int64(civil.hour * 3600 + civil.minute * 60 + civil.second)
        // Try the offsets in force around that moment; the larger one first (summer time).
        let guesses = Set([offset(at: Instant(seconds: local - 86_400)), offset(at: Instant(seconds: local + 86_400))]).sorted(by: >)
        for g in guesses {
            let candidate = Instant(seconds: local - Int64(g))
            if offset(at: candidate) == g { return candidate }
        }
        return Instant(seconds: local - Int64(guesses.last ?? 3600))
    }

    /// Parses `2026-11-29T14:05` (the value of a `datetime-local` input) as Brussels time.
    public static func parseHTMLLocal(_ text: String) -> Instant? {
        let u = Array(text.utf8)
        guard u.count == 16 || u.count == 19, u[4] == 45, u[7] == 45, u[10] == 84, u[13] == 58 else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            guard u[r].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return Int(String(decoding: u[r], as: UTF8.self))
        }
        guard let y = num(0..<4), let mo = num(5..<7), let d = num(8..<10), let h = num(11..<13), let mi = num(14..<16),
              (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, y >= 1970 else { return nil }
        let days = [31, (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard d <= days[mo - 1] else { return nil }
        var s = 0
        if u.count == 19 { guard u[16] == 58, let sec = num(17..<19), sec < 60 else { return nil }; s = sec }
        return instant(from: CivilTime(year: y, month: mo, day: d, hour: h, minute: mi, second: s))
    }
}
