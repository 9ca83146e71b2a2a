import Testing
@testable import Showroom

/// The white box of the lead header: time left until the deadline, or how long it is overdue.
struct CountdownTests {
    let due = Instant(seconds: 1_774_746_000)

    @Test func noDeadlineIsNone() {
        #expect(Countdown(now: due, due: nil) == .none)
        #expect(!Countdown(now: due, due: nil).isOverdue)
    }

    @Test func deadlineInTheFutureIsRemaining() {
        let c = Countdown(now: due.adding(seconds: -3_600), due: due)
        #expect(c == .remaining(Span(seconds: 3_600)))
        #expect(!c.isOverdue)
    }

    @Test func oneSecondBeforeTheDeadlineIsStillRemaining() {
        let c = Countdown(now: due.adding(seconds: -1), due: due)
        #expect(c == .remaining(Span(seconds: 1)))
        #expect(!c.isOverdue)
    }

    @Test func atTheExactDeadlineNoTimeIsLeftSoItIsOverdue() {
        let c = Countdown(now: due, due: due)
        #expect(c == .overdue(Span(seconds: 0)))
        #expect(c.isOverdue)
    }

    @Test func oneSecondAfterTheDeadlineIsOverdueByOneSecond() {
        let c = Countdown(now: due.adding(seconds: 1), due: due)
        #expect(c == .overdue(Span(seconds: 1)))
        #expect(c.isOverdue)
    }

    @Test func overdueSpanIsMeasuredFromTheDeadline() {
        let c = Countdown(now: due.adding(seconds: 2 * 86_400 + 3 * 3_600 + 4 * 60 + 5), due: due)
        guard case .overdue(let span) = c else {
            Issue.record("expected overdue, got \(c)")
            return
        }
        #expect(span.days == 2)
        #expect(span.hours == 3)
        #expect(span.minutes == 4)
    }

    @Test func farFutureDeadlineIsRemaining() {
        let c = Countdown(now: Instant(seconds: 0), due: Instant(seconds: 4_102_444_800))
        #expect(c == .remaining(Span(seconds: 4_102_444_800)))
    }
}

struct SpanTests {
    static let splits: [(Int64, Int64, Int64, Int64)] = [
        (0, 0, 0, 0),
        (59, 0, 0, 0),
        (60, 0, 0, 1),
        (3_599, 0, 0, 59),
        (3_600, 0, 1, 0),
        (86_399, 0, 23, 59),
        (86_400, 1, 0, 0),
        (90_061, 1, 1, 1),
        (10 * 86_400 + 23 * 3_600 + 59 * 60 + 59, 10, 23, 59),
        (400 * 86_400, 400, 0, 0),
    ]

    @Test(arguments: splits)
    func splitsIntoDaysHoursMinutes(seconds: Int64, days: Int64, hours: Int64, minutes: Int64) {
        let s = Span(seconds: seconds)
        #expect(s.totalSeconds == seconds)
        #expect(s.days == days)
        #expect(s.hours == hours)
        #expect(s.minutes == minutes)
    }

    @Test func negativeSpanIsClampedToZero() {
        let s = Span(seconds: -5_000)
        #expect(s.totalSeconds == 0)
        #expect(s.days == 0 && s.hours == 0 && s.minutes == 0)
        #expect(s == Span(seconds: 0))
    }

    @Test func partsAlwaysAddUpToTheTotalWithinAMinute() {
        for seconds in stride(from: Int64(0), through: 3 * 86_400, by: 617) {
            let s = Span(seconds: seconds)
            let rebuilt = s.days * 86_400 + s.hours * 3_600 + s.minutes * 60
            #expect(seconds - rebuilt >= 0 && seconds - rebuilt < 60, "seconds \(seconds)")
            #expect((0..<24).contains(s.hours) && (0..<60).contains(s.minutes))
        }
    }
}

struct InstantTests {
    @Test func instantsCompareBySeconds() {
        #expect(Instant(seconds: 1) < Instant(seconds: 2))
        #expect(!(Instant(seconds: 2) < Instant(seconds: 2)))
        #expect(Instant(seconds: -1) < Instant(seconds: 0))
        #expect(Instant(seconds: 10).adding(seconds: -15) == Instant(seconds: -5))
    }
}
