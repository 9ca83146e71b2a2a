import Testing
@testable import Showroom

struct CalendarDateTests {
    func d(_ y: Int, _ m: Int, _ day: Int) -> CalendarDate { CalendarDate(year: y, month: m, day: day)! }

    @Test func refusesDaysThatDoNotExist() {
        #expect(CalendarDate(year: 2026, month: 4, day: 31) == nil)
        #expect(CalendarDate(year: 2027, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2028, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2026, month: 13, day: 1) == nil)
        #expect(CalendarDate(year: 2026, month: 1, day: 0) == nil)
    }

    @Test func addsDaysAcrossMonthsAndYears() {
        #expect(d(2026, 12, 2).adding(days: 30) == d(2027, 1, 1))
        #expect(d(2028, 2, 28).adding(days: 1) == d(2028, 2, 29))
        #expect(d(2026, 3, 1).adding(days: -1) == d(2026, 2, 28))
        #expect(d(2026, 12, 2).days(until: d(2027, 1, 1)) == 30)
    }

    @Test func addsMonthsClampingToTheLastDay() {
        #expect(d(2026, 8, 31).adding(months: 6) == d(2027, 2, 28))
        #expect(d(2027, 8, 31).adding(months: 6) == d(2028, 2, 29))
        #expect(d(2026, 1, 15).adding(months: 6) == d(2026, 7, 15))
        #expect(d(2026, 10, 31).adding(months: 1) == d(2026, 11, 30))
        #expect(d(2026, 12, 2).adding(months: -12) == d(2025, 12, 2))
    }

    @Test func readsAndWritesISOAndBelgian() {
        #expect(CalendarDate(iso: "2026-12-02") == d(2026, 12, 2))
        #expect(d(2026, 12, 2).iso == "2026-12-02")
        #expect(d(2026, 12, 2).belgian == "02/12/2026")
        for bad in ["2026-2-02", "2026-02-30", "26-12-02", "2026/12/02", "2026-12-0a", ""] { #expect(CalendarDate(iso: bad) == nil) }
    }

    @Test func todayIsTheBrusselsDay() {
        // 2026-12-01 23:30 UTC is already 2 December in Brussels (UTC+1).
        let instant = Instant(seconds: CivilTime.days(year: 2026, month: 12, day: 1) * 86_400 + 23 * 3600 + 1800)
        #expect(CalendarDate.brussels(instant) == d(2026, 12, 2))
        // 2026-07-01 21:59 UTC is 23:59 in Brussels (UTC+2): still 1 July.
        let summer = Instant(seconds: CivilTime.days(year: 2026, month: 7, day: 1) * 86_400 + 21 * 3600 + 59 * 60)
        #expect(CalendarDate.brussels(summer) == d(2026, 7, 1))
    }
}
