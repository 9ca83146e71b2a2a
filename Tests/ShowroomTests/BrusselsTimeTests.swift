import Foundation
import Testing
@testable import Showroom

/// Europe/Brussels: CET (UTC+1) in winter, CEST (UTC+2) in summer. In 2026 summer time starts on
/// 29 March at 01:00 UTC (02:00 → 03:00 local) and ends on 25 October at 01:00 UTC (03:00 → 02:00).
struct BrusselsTimeTests {
    static let springForward2026: Int64 = 1_774_746_000 // 2026-03-29T01:00:00Z
    static let fallBack2026: Int64 = 1_792_890_000      // 2026-10-25T01:00:00Z

    // MARK: civil conversion

    @Test func winterIsUTCPlusOne() {
        let i = Instant(seconds: 1_768_478_400) // 2026-01-15T12:00:00Z
        #expect(BrusselsTime.offset(at: i) == 3_600)
        #expect(BrusselsTime.civil(i) == CivilTime(year: 2026, month: 1, day: 15, hour: 13))
    }

    @Test func summerIsUTCPlusTwo() {
        let i = Instant(seconds: 1_784_116_800) // 2026-07-15T12:00:00Z
        #expect(BrusselsTime.offset(at: i) == 7_200)
        #expect(BrusselsTime.civil(i) == CivilTime(year: 2026, month: 7, day: 15, hour: 14))
    }

    @Test func newYearsEveInUTCIsAlreadyNewYearInBrussels() {
        let i = Instant(seconds: 1_798_761_600 - 1_800) // 2026-12-31T23:30:00Z
        #expect(BrusselsTime.civil(i) == CivilTime(year: 2027, month: 1, day: 1, hour: 0, minute: 30))
    }

    @Test func springForwardDay2026() {
        let t = Self.springForward2026
        #expect(BrusselsTime.offset(at: Instant(seconds: t - 1)) == 3_600)
        #expect(BrusselsTime.offset(at: Instant(seconds: t)) == 7_200)
        #expect(BrusselsTime.civil(Instant(seconds: t - 1)) == CivilTime(year: 2026, month: 3, day: 29, hour: 1, minute: 59, second: 59))
        #expect(BrusselsTime.civil(Instant(seconds: t)) == CivilTime(year: 2026, month: 3, day: 29, hour: 3))
        // Midnight and noon that day.
        #expect(BrusselsTime.civil(Instant(seconds: t - 7_200)) == CivilTime(year: 2026, month: 3, day: 29, hour: 0))
        #expect(BrusselsTime.civil(Instant(seconds: t + 9 * 3_600)) == CivilTime(year: 2026, month: 3, day: 29, hour: 12))
    }

    @Test func fallBackDay2026() {
        let t = Self.fallBack2026
        #expect(BrusselsTime.offset(at: Instant(seconds: t - 1)) == 7_200)
        #expect(BrusselsTime.offset(at: Instant(seconds: t)) == 3_600)
        #expect(BrusselsTime.civil(Instant(seconds: t - 1)) == CivilTime(year: 2026, month: 10, day: 25, hour: 2, minute: 59, second: 59))
        #expect(BrusselsTime.civil(Instant(seconds: t)) == CivilTime(year: 2026, month: 10, day: 25, hour: 2))
        // 02:00 local happens twice: at 00:00Z and at 01:00Z.
        #expect(BrusselsTime.civil(Instant(seconds: t - 3_600)) == CivilTime(year: 2026, month: 10, day: 25, hour: 2))
        #expect(BrusselsTime.civil(Instant(seconds: t + 10 * 3_600)) == CivilTime(year: 2026, month: 10, day: 25, hour: 12))
    }

    @Test func localTimeInsideTheSpringGapIsMovedForwardByTheGap() {
        let c = CivilTime(year: 2026, month: 3, day: 29, hour: 2, minute: 30)
        let i = BrusselsTime.instant(from: c)
        #expect(i.seconds == Self.springForward2026 + 1_800) // 01:30Z = 03:30 CEST
        #expect(BrusselsTime.civil(i) == CivilTime(year: 2026, month: 3, day: 29, hour: 3, minute: 30))
    }

    @Test func localTimesAroundTheSpringGap() {
        #expect(BrusselsTime.instant(from: CivilTime(year: 2026, month: 3, day: 29, hour: 1, minute: 59, second: 59)).seconds == Self.springForward2026 - 1)
        #expect(BrusselsTime.instant(from: CivilTime(year: 2026, month: 3, day: 29, hour: 3)).seconds == Self.springForward2026)
    }

    @Test func repeatedAutumnHourTakesTheSummerTimeReading() {
        let c = CivilTime(year: 2026, month: 10, day: 25, hour: 2, minute: 30)
        #expect(BrusselsTime.instant(from: c).seconds == Self.fallBack2026 - 1_800) // 00:30Z, still CEST
        #expect(BrusselsTime.instant(from: CivilTime(year: 2026, month: 10, day: 25, hour: 3)).seconds == Self.fallBack2026 + 3_600)
        #expect(BrusselsTime.instant(from: CivilTime(year: 2026, month: 10, day: 25, hour: 1, minute: 59)).seconds == Self.fallBack2026 - 3_660)
    }

    @Test func everyQuarterHourOf2026RoundTrips() {
        let start: Int64 = 1_767_222_000 // 2026-01-01T00:00 Brussels
        let end: Int64 = 1_798_758_000   // 2027-01-01T00:00 Brussels
        var failures = 0
        for s in stride(from: start, to: end, by: 900) {
            let i = Instant(seconds: s)
            let back = BrusselsTime.instant(from: BrusselsTime.civil(i))
            // The second pass through the repeated autumn hour reads as the first.
            let expected = (Self.fallBack2026..<Self.fallBack2026 + 3_600).contains(s) ? s - 3_600 : s
            if back.seconds != expected { failures += 1; if failures < 5 { Issue.record("\(s) → \(back.seconds)") } }
        }
        #expect(failures == 0)
    }

    // MARK: the offset table against the system's zone data

    @Test func offsetAgreesWithFoundationFrom1990To2090() throws {
        let zone = try #require(TimeZone(identifier: "Europe/Brussels"))
        let from: Int64 = 631_152_000    // 1990-01-01
        let to: Int64 = 3_786_912_000    // 2090-01-01
        var mismatches = 0
        var checked = 0
        // An odd step so the samples fall on every time of day over the years.
        for s in stride(from: from, to: to, by: 9_973) {
            checked += 1
            let expected = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(s)))
            let got = BrusselsTime.offset(at: Instant(seconds: s))
            if got != expected { mismatches += 1; if mismatches < 5 { Issue.record("at \(s): \(got) ≠ \(expected)") } }
        }
        #expect(checked > 300_000)
        #expect(mismatches == 0)
    }

    @Test func offsetAgreesWithFoundationOnBothSidesOfEveryTransition() throws {
        let zone = try #require(TimeZone(identifier: "Europe/Brussels"))
        var date = Date(timeIntervalSince1970: 631_152_000)
        let end = Date(timeIntervalSince1970: 3_786_912_000)
        var transitions = 0
        while let next = zone.nextDaylightSavingTimeTransition(after: date), next < end {
            transitions += 1
            let t = Int64(next.timeIntervalSince1970)
            for s in [t - 3_601, t - 1, t, t + 1, t + 3_600] {
                let expected = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(s)))
                #expect(BrusselsTime.offset(at: Instant(seconds: s)) == expected, "around transition \(t), at \(s)")
            }
            date = next
        }
        #expect(transitions == 200) // two a year for 100 years
    }

    /// An independent check that does not use Foundation: the EU rule since 1996 is summer time
    /// from the last Sunday of March to the last Sunday of October, both at 01:00 UTC.
    @Test func offsetFollowsTheEURuleFrom1996To2090() {
        func lastSunday(year: Int, month: Int) -> Int64 {
            let firstOfNext = CivilTime.days(year: month == 12 ? year + 1 : year, month: month == 12 ? 1 : month + 1, day: 1)
            var d = firstOfNext - 1
            while (d + 4) % 7 != 0 { d -= 1 } // 1970-01-01 was a Thursday: (days + 4) % 7 == 0 is Sunday
            return d
        }
        for year in 1996...2089 {
            let start = lastSunday(year: year, month: 3) * 86_400 + 3_600
            let end = lastSunday(year: year, month: 10) * 86_400 + 3_600
            #expect(BrusselsTime.offset(at: Instant(seconds: start - 1)) == 3_600, "\(year) before spring")
            #expect(BrusselsTime.offset(at: Instant(seconds: start)) == 7_200, "\(year) spring")
            #expect(BrusselsTime.offset(at: Instant(seconds: end - 1)) == 7_200, "\(year) before autumn")
            #expect(BrusselsTime.offset(at: Instant(seconds: end)) == 3_600, "\(year) autumn")
            #expect(BrusselsTime.offset(at: Instant(seconds: (start + end) / 2)) == 7_200, "\(year) mid-summer")
        }
        #expect(lastSunday(year: 2026, month: 3) * 86_400 + 3_600 == Self.springForward2026)
        #expect(lastSunday(year: 2026, month: 10) * 86_400 + 3_600 == Self.fallBack2026)
    }

    @Test func offsetOutsideTheTableStillComesFromTheZone() throws {
        let zone = try #require(TimeZone(identifier: "Europe/Brussels"))
        for s: Int64 in [0, 100_000_000, 315_532_799, 315_532_800, 4_102_444_800, 4_200_000_000] {
            #expect(BrusselsTime.offset(at: Instant(seconds: s)) == zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(s))), "at \(s)")
        }
    }

    // MARK: parsing `datetime-local` values

    @Test func parsesAWinterValue() {
        #expect(BrusselsTime.parseHTMLLocal("2026-11-29T14:05") == Instant(seconds: 1_795_957_500))
    }

    @Test func parsesASummerValue() {
        #expect(BrusselsTime.parseHTMLLocal("2026-07-15T14:00") == Instant(seconds: 1_784_116_800))
    }

    @Test func parsesSeconds() {
        #expect(BrusselsTime.parseHTMLLocal("2026-07-15T14:00:30") == Instant(seconds: 1_784_116_830))
    }

    @Test func parsesLeapDays() {
        #expect(BrusselsTime.parseHTMLLocal("2024-02-29T10:00") != nil)
        #expect(BrusselsTime.parseHTMLLocal("2000-02-29T10:00") != nil)
        #expect(BrusselsTime.parseHTMLLocal("2026-12-31T23:59") != nil)
        #expect(BrusselsTime.parseHTMLLocal("1970-01-01T00:00") != nil)
    }

    @Test func parsesTheSpringGapAsTheTimeAfterTheGap() {
        #expect(BrusselsTime.parseHTMLLocal("2026-03-29T02:30") == Instant(seconds: Self.springForward2026 + 1_800))
    }

    @Test func parsesTheRepeatedAutumnHourAsSummerTime() {
        #expect(BrusselsTime.parseHTMLLocal("2026-10-25T02:30") == Instant(seconds: Self.fallBack2026 - 1_800))
    }

    @Test(arguments: [
        "2026-02-30T10:00",   // no 30 February
        "2026-02-29T10:00",   // 2026 is no leap year
        "1900-02-29T10:00",   // nor is 1900 (and it is before 1970)
        "2100-02-29T10:00",
        "2026-04-31T10:00",
        "2026-13-01T10:00",
        "2026-00-10T10:00",
        "2026-01-00T10:00",
        "2026-01-32T10:00",
        "2026-01-01T24:00",
        "2026-01-01T23:60",
        "2026-01-01T10:00:60",
        "2026-01-01T99:99",
        "1969-12-31T23:59",   // before 1970
        "0000-01-01T00:00",
        "2026-0a-01T10:00",   // letters
        "abcd-ef-ghTij:kl",
        "2026-01-01T1O:00",
        "2026-01-01t10:00",   // lower-case separator
        "2026-01-01 10:00",   // space instead of T
        "2026/01/01T10:00",
        "2026-01-01T10.00",
        "2026-01-01T10:00Z",  // wrong length: a zone is not a local time
        "2026-01-01T10:0",
        "2026-01-01T10:000",
        "2026-01-01T10",
        "2026-01-01",
        "2026-01-01T10:00:3",
        "2026-01-01T10:00:300",
        "2026-01-01T10:00x30",
        "+026-01-01T10:00",
        "-026-01-01T10:00",
        "2026-+1-01T10:00",
        "2026- 1-01T10:00",
        "2026-01-01T10:é",    // 16 bytes with a multibyte letter
        "２０２６-01-01T10:00",
        "2026-01-01T10:0٠",
        "2026-01-01T10:00\u{0}",
        "",
        "                ",
    ])
    func rejectsInvalidValues(text: String) {
        #expect(BrusselsTime.parseHTMLLocal(text) == nil)
    }

    @Test func parsedValueRoundTripsThroughTheFormField() {
        // What the form shows (`htmlLocal`) parses back to the same instant, all year round.
        let start: Int64 = 1_767_222_000
        for s in stride(from: start, to: start + 366 * 86_400, by: 3_547 * 60) {
            let i = Instant(seconds: s)
            let shown = BrusselsTime.civil(i).htmlLocal
            let back = BrusselsTime.parseHTMLLocal(shown)
            let expected = (Self.fallBack2026..<Self.fallBack2026 + 3_600).contains(s) ? s - 3_600 : s
            #expect(back == Instant(seconds: expected), "\(s) shown as \(shown)")
        }
    }

    // MARK: formatting

    @Test func belgianFormats() {
        let c = CivilTime(year: 2026, month: 11, day: 29, hour: 14, minute: 5, second: 9)
        #expect(c.belgianDateTime == "29/11/2026 14:05")
        #expect(c.belgianDate == "29/11/2026")
        #expect(c.belgianTime == "14:05")
        #expect(c.htmlLocal == "2026-11-29T14:05")
        let early = CivilTime(year: 2026, month: 1, day: 2, hour: 3, minute: 4)
        #expect(early.belgianDateTime == "02/01/2026 03:04")
        #expect(early.htmlLocal == "2026-01-02T03:04")
        #expect(CivilTime(year: 2026, month: 12, day: 31, hour: 23, minute: 59).belgianDateTime == "31/12/2026 23:59")
    }

    @Test func formattedInstantInBrussels() {
        #expect(BrusselsTime.civil(Instant(seconds: 1_795_957_500)).belgianDateTime == "29/11/2026 14:05")
    }

    // MARK: the calendar arithmetic underneath

    @Test func daysSinceEpochOfKnownDates() {
        #expect(CivilTime.days(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilTime.days(year: 1969, month: 12, day: 31) == -1)
        #expect(CivilTime.days(year: 2000, month: 3, day: 1) == 11_017)
        #expect(CivilTime.days(year: 2026, month: 3, day: 29) * 86_400 + 3_600 == Self.springForward2026)
    }

    @Test func civilFromSecondsAgreesWithFoundationsGregorianCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        for s in stride(from: Int64(-2_208_988_800), through: 4_102_444_800, by: 1_234_567) {
            let c = CivilTime.from(secondsSinceEpoch: s)
            let f = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: Double(s)))
            #expect(c == CivilTime(year: f.year!, month: f.month!, day: f.day!, hour: f.hour!, minute: f.minute!, second: f.second!), "at \(s)")
            #expect(CivilTime.days(year: c.year, month: c.month, day: c.day) * 86_400 + Int64(c.hour * 3_600 + c.minute * 60 + c.second) == s)
        }
    }

    @Test func oneSecondBeforeTheEpoch() {
        #expect(CivilTime.from(secondsSinceEpoch: -1) == CivilTime(year: 1969, month: 12, day: 31, hour: 23, minute: 59, second: 59))
        #expect(CivilTime.from(secondsSinceEpoch: -86_400) == CivilTime(year: 1969, month: 12, day: 31))
    }
}
