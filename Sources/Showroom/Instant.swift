/// A moment in time, stored and compared in UTC as whole seconds since 1970.
public struct Instant: Comparable, Hashable, Sendable {
    public var seconds: Int64
    public init(seconds: Int64) { self.seconds = seconds }
    public static func < (a: Instant, b: Instant) -> Bool { a.seconds < b.seconds }
    public func adding(seconds delta: Int64) -> Instant { Instant(seconds: seconds + delta) }
}

/// A span of time split the way people read it: days, hours, minutes.
public struct Span: Equatable, Sendable {
    public var totalSeconds: Int64
    public init(seconds: Int64) { totalSeconds = max(0, seconds) }
    public var days: Int64 { totalSeconds / 86_400 }
    public var hours: Int64 { totalSeconds % 86_400 / 3_600 }
    public var minutes: Int64 { totalSeconds % 3_600 / 60 }
}
