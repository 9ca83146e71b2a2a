import Showroom
import Testing

@Suite struct TestDriveRulesTests {
    static let now = Instant(seconds: 1_784_116_800) // 2026-07-15 12:00 UTC

    static func valid() -> TestDriveInput {
        var i = TestDriveInput()
        i.vehicleID = 1
        i.startsAt = now.adding(seconds: 3600)
        i.durationMinutes = 60
        i.driver = .other(name: "Tom Peeters", birthDate: CalendarDate(year: 1990, month: 1, day: 1))
        i.licenceNumber = "1234567890"
        i.licenceExpiry = CalendarDate(year: 2030, month: 1, day: 1)
        return i
    }

    func violations(_ i: TestDriveInput) -> [TestDriveRules.Field: RuleViolation] {
        Dictionary(uniqueKeysWithValues: TestDriveRules.check(i, now: Self.now).map { ($0.0, $0.1) })
    }

    @Test func aValidBookingBreaksNoRule() { #expect(violations(Self.valid()).isEmpty) }

    @Test func aStartInThePastBeyondTheGraceIsRefusedAWalkInIsNot() {
        var i = Self.valid()
        i.startsAt = Self.now.adding(seconds: -TestDriveRules.graceSeconds - 60)
        #expect(violations(i)[.startsAt] == .testDriveInPast)
        i.startsAt = Self.now.adding(seconds: -300)
        #expect(violations(i)[.startsAt] == nil)
        i.startsAt = Self.now.adding(seconds: 400 * 86_400)
        #expect(violations(i)[.startsAt] == .testDriveTooFar)
    }

    @Test func aDriveLongerThanADayOrShorterThanAQuarterIsRefused() {
        var i = Self.valid()
        for (minutes, ok) in [(14, false), (15, true), (1440, true), (1441, false)] {
            i.durationMinutes = minutes
            #expect((violations(i)[.duration] == nil) == ok, "\(minutes) minutes")
        }
    }

    @Test func anExpiredLicenceAndAnUnderageDriverAreRefusedOnTheDayOfTheDrive() {
        var i = Self.valid()
        i.licenceExpiry = CalendarDate(year: 2026, month: 7, day: 14)
        #expect(violations(i)[.licenceExpiry] == .licenceExpired)
        i.licenceExpiry = CalendarDate(year: 2026, month: 7, day: 15)
        #expect(violations(i)[.licenceExpiry] == nil)
        // 18 on the day itself is old enough; a day short is not.
        i.driver = .other(name: "Lien", birthDate: CalendarDate(year: 2008, month: 7, day: 15))
        #expect(violations(i)[.driverBirthDate] == nil)
        i.driver = .other(name: "Lien", birthDate: CalendarDate(year: 2008, month: 7, day: 16))
        #expect(violations(i)[.driverBirthDate] == .driverTooYoung)
        i.driver = .other(name: "", birthDate: nil)
        #expect(violations(i)[.driverName] == .required && violations(i)[.driverBirthDate] == .required)
        // The lead's contact needs no name or birth date here.
        i.driver = .contact(id: 4)
        #expect(violations(i).isEmpty)
    }

    @Test func theOdometerMayNotGoBackwardsAndDoneNeedsBothReadings() {
        #expect(TestDriveRules.check(TestDriveOutcome(status: .done, odometerOutKm: 100, odometerInKm: 99), current: .planned).map(\.1) == [.odometerBackwards])
        #expect(TestDriveRules.check(TestDriveOutcome(status: .done, odometerOutKm: 100, odometerInKm: 100), current: .planned).isEmpty)
        #expect(TestDriveRules.check(TestDriveOutcome(status: .done), current: .planned).map(\.1) == [.required, .required])
        #expect(TestDriveRules.check(TestDriveOutcome(status: .noShow), current: .planned).isEmpty)
        #expect(TestDriveRules.check(TestDriveOutcome(status: .cancelled), current: .done).map(\.1) == [.testDriveNotPlanned])
    }

    @Test func bookabilityFollowsStatusAndDemoCondition() {
        #expect(TestDriveRules.isBookable(condition: .new, status: .available))
        #expect(!TestDriveRules.isBookable(condition: .demo, status: .sold))
        #expect(TestDriveRules.isBookable(condition: .demo, status: .reserved))
        #expect(!TestDriveRules.isBookable(condition: .used, status: .reserved))
    }

    @Test func overlapsAreStrictTouchingEndsAreNot() {
        let a = Instant(seconds: 36_000)
        #expect(TestDriveRules.overlaps(a, 60, a.adding(seconds: 3599), 30))
        #expect(!TestDriveRules.overlaps(a, 60, a.adding(seconds: 3600), 30))
        #expect(!TestDriveRules.overlaps(a, 60, a.adding(seconds: -1800), 30))
    }

    @Test func isoWeeksParseAndPrintAcrossYearEnds() throws {
        #expect(CalendarWeek(containing: try #require(CalendarDate(year: 2026, month: 12, day: 2))).iso == "2026-W49")
        #expect(CalendarWeek(containing: try #require(CalendarDate(year: 2021, month: 1, day: 3))).iso == "2020-W53")
        #expect(CalendarWeek(containing: try #require(CalendarDate(year: 2024, month: 12, day: 30))).iso == "2025-W01")
        let w = try #require(CalendarWeek(iso: "2026-W49"))
        #expect(w.monday == CalendarDate(year: 2026, month: 11, day: 30))
        #expect(w.next.iso == "2026-W50" && w.previous.iso == "2026-W48")
        #expect(CalendarWeek(iso: "2025-W53") == nil) // 2025 has 52 ISO weeks; 2026 and 2020 have 53
        #expect(CalendarWeek(iso: "2026-W53")?.monday == CalendarDate(year: 2026, month: 12, day: 28))
        #expect(CalendarWeek(iso: "2020-W53") != nil)
        for bad in ["", "2026-W00", "2026W49", "2026-W4x", "abcd-W01", "2026-W49 "] { #expect(CalendarWeek(iso: bad) == nil, "\(bad)") }
        // The week's range is Monday 00:00 to the next Monday in Brussels (CET in winter).
        #expect(w.range.start == BrusselsTime.instant(from: CivilTime(year: 2026, month: 11, day: 30)))
        #expect(w.range.end.seconds - w.range.start.seconds == 7 * 86_400)
    }
}
