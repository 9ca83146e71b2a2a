/// An amount in euro cents. Money is never a floating-point number.
public struct Money: Equatable, Comparable, Hashable, Sendable {
    public var cents: Int64
    public init(cents: Int64) { self.cents = cents }
    public static func < (a: Money, b: Money) -> Bool { a.cents < b.cents }

    /// Belgian notation: `€ 12.345,67`, `-€ 5,00` for negatives.
    public var belgian: String {
        let negative = cents < 0
        let magnitude = cents.magnitude
        let euros = String(magnitude / 100)
        var grouped = ""
        for (i, ch) in euros.enumerated() {
            if i > 0 && (euros.count - i) % 3 == 0 { grouped.append(".") }
            grouped.append(ch)
        }
        let rest = magnitude % 100
        return (negative ? "-€ " : "€ ") + grouped + "," + (rest < 10 ? "0" : "") + String(rest)
    }
}
