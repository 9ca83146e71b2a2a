/// A VAT rate in basis points: 2100 is 21 %, 600 is 6 %, 0 is 0 %. Valid rates are 0...10000
/// (0–100 %); an out-of-range rate can be held (a form's input) but a quote refuses it with
/// `RuleViolation.vatRateOutOfRange`.
public struct VATRate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let basisPoints: Int
    public init(basisPoints: Int) { self.basisPoints = basisPoints }

    /// The Belgian standard rate, 21 %.
    public static let standard = VATRate(basisPoints: 2100)
    public static let zero = VATRate(basisPoints: 0)
    public static let validRange = 0...10_000

    public var isValid: Bool { VATRate.validRange.contains(basisPoints) }

    public static func < (a: VATRate, b: VATRate) -> Bool { a.basisPoints < b.basisPoints }

    /// `21`, `5,5`, `12,25`: the rate as a Belgian percentage, without the `%` sign.
    public var percentText: String {
        let m = basisPoints.magnitude, whole = String(m / 100), rest = m % 100
        let sign = basisPoints < 0 ? "-" : ""
        if rest == 0 { return sign + whole }
        return sign + whole + "," + (rest % 10 == 0 ? String(rest / 10) : (rest < 10 ? "0" : "") + String(rest))
    }

    /// Reads a percentage as typed in a form (`21`, `21 %`, `5,5`, `5.5`, at most two decimals)
    /// into basis points. Nil when it is not a number; a number outside 0–100 is returned as
    /// typed so the quote can refuse it beside the field.
    public init?(percentText text: String) {
        var t = Substring(text.trimmingWhitespace())
        if t.hasSuffix("%") { t = Substring(String(t.dropLast()).trimmingWhitespace()) }
        var negative = false
        if t.hasPrefix("-") { negative = true; t = t.dropFirst() }
        let parts = t.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "," || $0 == "." })
        guard parts.count == 1 || parts.count == 2, let first = parts.first, !first.isEmpty, first.count <= 6,
              first.allSatisfy(\.isASCIIDigit), let whole = Int(first) else { return nil }
        var fraction = 0
        if parts.count == 2 {
            let f = parts[1]
            guard !f.isEmpty, f.count <= 2, f.allSatisfy(\.isASCIIDigit), let v = Int(f) else { return nil }
            fraction = f.count == 1 ? v * 10 : v
        }
        let bp = whole * 100 + fraction
        self.init(basisPoints: negative ? -bp : bp)
    }

    public var description: String { percentText + " %" }
}

/// How VAT applies to one quote line.
public enum VATTreatment: Hashable, Sendable {
    /// VAT at this rate, shown on the document.
    case rate(VATRate)
    /// Margin scheme for second-hand goods (art. 58 §4 WBTW): the line shows its price only.
    /// The VAT due on the dealer's margin (margin × 21/121) is the dealer's internal affair and is
    /// never computed here nor printed; the document carries the margin-scheme mention instead.
    case marginScheme
    /// Outside the scope of VAT: the trade-in credit (the customer's car bought back, typically
    /// from a private person) *(check)*. No VAT on the line.
    case outsideScope

    /// The rate, for `.rate` only.
    public var rate: VATRate? {
        if case .rate(let r) = self { return r }
        return nil
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}

/// Integer division rounded half away from zero (1.5 → 2, -1.5 → -2, 1.49 → 1): the rounding
/// of every amount in a quote. `denominator` must be positive.
public func divideRoundingHalfAwayFromZero(_ numerator: Int64, by denominator: Int64) -> Int64 {
    precondition(denominator > 0)
    let q = numerator / denominator, r = numerator % denominator   // r has numerator's sign
    if r.magnitude * 2 >= denominator.magnitude { return numerator >= 0 ? q + 1 : q - 1 }
    return q
}
