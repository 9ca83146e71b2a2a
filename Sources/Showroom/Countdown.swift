/// How a deadline stands at a given moment: time left, or how long it is overdue.
public enum Countdown: Equatable, Sendable {
    case remaining(Span)
    case overdue(Span)
    /// No open deadline (none set, or the lead is closed: closing stops the clock).
    case none

    public init(now: Instant, due: Instant?) {
        guard let due else { self = .none; return }
        if due > now {
            self = .remaining(Span(seconds: due.seconds - now.seconds))
        } else {
            self = .overdue(Span(seconds: now.seconds - due.seconds))
        }
    }

    public var isOverdue: Bool {
        if case .overdue = self { return true }
        return false
    }
}
