import Showroom
import Web

/// The one place where money, dates and durations become text (Belgian formats,
/// Europe/Brussels).
public struct Format: Sendable {
    public let t: Translator

    public init(_ t: Translator) { self.t = t }

    /// `29/11/2026 14:05`
    public func dateTime(_ instant: Instant) -> String { BrusselsTime.civil(instant).belgianDateTime }
    /// `29/11/2026`
    public func date(_ instant: Instant) -> String { BrusselsTime.civil(instant).belgianDate }
    /// `2026-11-29T14:05+01:00`: the machine-readable form of a moment, for `<time datetime>`
    /// (HTML's "valid global date and time string", Brussels time with its offset).
    public func machineDateTime(_ instant: Instant) -> String {
        let offset = BrusselsTime.offset(at: instant)
        let minutes = abs(offset) / 60
        let hh = minutes / 60, mm = minutes % 60
        return BrusselsTime.civil(instant).htmlLocal + (offset < 0 ? "-" : "+") + (hh < 10 ? "0" : "") + String(hh) + ":" + (mm < 10 ? "0" : "") + String(mm)
    }
    /// `€ 12.345,67`
    public func money(_ amount: Money) -> String { amount.belgian }
    /// `€ 12.345,67` from cents.
    public func money(cents: Int64) -> String { Money(cents: cents).belgian }
    /// `12.345,67`: an amount as it is typed into a form (no euro sign).
    public static func amount(_ cents: Int64) -> String {
        let text = Money(cents: cents).belgian
        return text.hasPrefix("-") ? "-" + text.dropFirst(3) : String(text.dropFirst(2))
    }
    /// `29/11/2026`
    public func date(_ day: CalendarDate) -> String { day.belgian }

    /// `2 d 4 u`, `3 u 20 min`, `12 min` — the two largest units that matter.
    public func span(_ span: Span) -> String {
        if span.days > 0 {
            return span.hours > 0 ? "\(span.days) \(t("unit.day")) \(span.hours) \(t("unit.hour"))" : "\(span.days) \(t("unit.day"))"
        }
        if span.hours > 0 {
            return span.minutes > 0 ? "\(span.hours) \(t("unit.hour")) \(span.minutes) \(t("unit.minute"))" : "\(span.hours) \(t("unit.hour"))"
        }
        return "\(span.minutes) \(t("unit.minute"))"
    }

    /// `nog 2 d 4 u` or `3 u te laat`.
    public func countdown(_ countdown: Countdown, closed: Bool = false) -> String {
        switch countdown {
        case .remaining(let s): return t("countdown.remaining", ["span": span(s)])
        case .overdue(let s): return t("countdown.overdue", ["span": span(s)])
        case .none: return closed ? t("countdown.closed") : t("countdown.none")
        }
    }
}

extension HTML {
    /// `<time datetime="2026-11-29T14:05+01:00">29/11/2026 14:05</time>`
    mutating func time(_ instant: Instant, _ f: Format) {
        raw("<time datetime=\"")
        attr(f.machineDateTime(instant))
        raw("\">")
        text(f.dateTime(instant))
        raw("</time>")
    }
}
