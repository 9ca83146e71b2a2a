/// What a quote line is. Stored by its raw value.
public enum QuoteLineKind: String, CaseIterable, Sendable {
    case vehicle
    case option
    case accessory
    /// Registration, delivery pack, fuel and other costs of putting the car on the road.
    case fee
    case service
    /// Reduces one other line of the quote, by an amount or a percentage.
    case discount
    /// The customer's car taken back: a separate negative line, never hidden in a price.
    case tradeInCredit = "trade_in_credit"
}

/// One line of a quote as entered (the form's fields, typed).
///
/// **Prices are entered including VAT** — dealers think in consumer prices (the asking price of a
/// car is incl. VAT) — and all amounts entered are positive: a discount or a trade-in credit is
/// typed as the amount taken off and the calculation gives it its minus sign. From the price incl.
/// VAT the calculation derives the VAT of the line, rounded half away from zero to the cent, and
/// excl. = incl. − VAT, so each line adds up exactly (`QuoteCalculation`).
///
/// Per kind:
/// - vehicle, option, accessory, fee, service: `quantity` 1...999 × `unitPriceCents` (0...€ 10
///   million), `vat` `.rate(…)`; only the vehicle line may be `.marginScheme` (accessories and
///   services sold with a margin-scheme car are normal VAT lines *(check)*).
/// - discount: `discountOf` names the line it reduces (its index in the quote); either
///   `discountBasisPoints` (a percentage of that line's price incl. VAT, 1...10000) or, when nil,
///   `unitPriceCents` as the amount incl. VAT. Quantity 1. Its `vat` is not used: a discount takes
///   the VAT treatment of the line it reduces (a discount on a margin-scheme car stays margin
///   scheme; on a 21 % accessory it is a 21 % line). The discounts of one line together may not
///   exceed that line.
/// - tradeInCredit: `unitPriceCents` is the credit, quantity 1; its `vat` is not used: a
///   trade-in credit is outside the scope of VAT *(check)*.
public struct QuoteLine: Hashable, Sendable {
    public var kind: QuoteLineKind
    public var description: String
    public var quantity: Int
    /// The price of one unit in cents, VAT included (the amount of a discount by amount; the
    /// credit of a trade-in). Positive.
    public var unitPriceCents: Int64
    public var vat: VATTreatment
    /// Discount lines only: the index (0-based, in this quote's lines) of the line reduced.
    public var discountOf: Int?
    /// Discount lines only: a percentage in basis points (1000 = 10 %) instead of an amount.
    public var discountBasisPoints: Int?
    /// Trade-in credit lines only: the approved trade-in credited (the store checks it is one
    /// of the lead's, approved, at its approved price).
    public var tradeInID: Int64?

    public init(kind: QuoteLineKind, description: String, quantity: Int = 1, unitPriceCents: Int64,
                vat: VATTreatment = .rate(.standard), discountOf: Int? = nil, discountBasisPoints: Int? = nil, tradeInID: Int64? = nil) {
        self.kind = kind; self.description = description; self.quantity = quantity
        self.unitPriceCents = unitPriceCents; self.vat = vat
        self.discountOf = discountOf; self.discountBasisPoints = discountBasisPoints; self.tradeInID = tradeInID
    }

    /// A discount of a fixed amount incl. VAT on the line at index `line`.
    public static func discount(_ description: String, amountCents: Int64, of line: Int) -> QuoteLine {
        QuoteLine(kind: .discount, description: description, unitPriceCents: amountCents, vat: .outsideScope, discountOf: line)
    }

    /// A discount of `basisPoints` (1000 = 10 %) of the price incl. VAT of the line at index `line`.
    public static func discount(_ description: String, basisPoints: Int, of line: Int) -> QuoteLine {
        QuoteLine(kind: .discount, description: description, unitPriceCents: 0, vat: .outsideScope, discountOf: line, discountBasisPoints: basisPoints)
    }

    /// The credit for the customer's car, as a separate line outside the scope of VAT.
    public static func tradeInCredit(_ description: String, creditCents: Int64, tradeIn: Int64? = nil) -> QuoteLine {
        QuoteLine(kind: .tradeInCredit, description: description, unitPriceCents: creditCents, vat: .outsideScope, tradeInID: tradeIn)
    }
}

/// The limits a quote line must stay within.
public enum QuoteLimits {
    public static let descriptionLength = 1...200
    public static let quantity = 1...999
    /// € 10,000,000.00 per unit.
    public static let unitPriceCents: ClosedRange<Int64> = 0...1_000_000_000
    public static let discountBasisPoints = 1...10_000
    /// More lines than a car quote ever needs; keeps every sum far from overflowing.
    public static let maxLines = 100
}

/// Where on the quote form a rule was broken, so the sentence can be shown beside the field.
public enum QuoteField: String, Sendable, CaseIterable {
    case kind
    case description
    case quantity
    case unitPrice = "unit_price"
    case vat
    case discountOf = "discount_of"
    case discountPercent = "discount_percent"
    /// The quote as a whole (no line, or not exactly one vehicle line, or too many lines).
    case lines
    /// The quote's total.
    case total
}

/// A rule broken on a quote: which line (nil for the whole quote), which field, which rule.
public struct QuoteIssue: Hashable, Sendable, CustomStringConvertible {
    public let line: Int?
    public let field: QuoteField
    public let violation: RuleViolation
    public init(line: Int?, field: QuoteField, violation: RuleViolation) {
        self.line = line; self.field = field; self.violation = violation
    }
    public var description: String { "line \(line.map(String.init) ?? "-") \(field.rawValue): \(violation)" }
}

/// Every rule a quote's lines break, in line order (quote-level issues last).
public struct QuoteIssues: Error, Hashable, Sendable {
    public let issues: [QuoteIssue]
    public init(_ issues: [QuoteIssue]) { self.issues = issues }
    /// The issues of one line, for the form.
    public func on(line: Int) -> [QuoteIssue] { issues.filter { $0.line == line } }
    /// The first rule broken on one field of one line (nil `line` for the quote's own fields).
    public func violation(line: Int?, field: QuoteField) -> RuleViolation? {
        issues.first { $0.line == line && $0.field == field }?.violation
    }
}
