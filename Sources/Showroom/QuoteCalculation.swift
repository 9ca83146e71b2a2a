/// The amounts of one quote line, in cents, signed (a discount or a trade-in credit is negative).
/// Always `exclCents + vatCents == inclCents`.
public struct QuoteLineAmounts: Hashable, Sendable {
    public let index: Int
    public let kind: QuoteLineKind
    /// The treatment that applied: a discount's is that of the line it reduces; a trade-in's is
    /// `.outsideScope`.
    public let vat: VATTreatment
    public let quantity: Int
    /// One unit incl. VAT, signed (for a percentage discount: the whole discount).
    public let unitPriceCents: Int64
    public let inclCents: Int64
    /// Zero on a margin-scheme or outside-scope line.
    public let vatCents: Int64
    /// `inclCents - vatCents`. On a margin-scheme line this is the full price (no VAT is shown).
    public let exclCents: Int64
}

/// The sums of the lines that share one VAT treatment (one row of the VAT breakdown).
public struct VATBreakdownLine: Hashable, Sendable {
    public let treatment: VATTreatment
    public let exclCents: Int64
    public let vatCents: Int64
    public let inclCents: Int64
}

/// A quote's money, computed from its lines (prices entered incl. VAT, see `QuoteLine`).
///
/// Per line: incl. = quantity × unit price (a discount: minus its amount, a percentage of the
/// reduced line's incl. rounded half away from zero); VAT = incl. × rate / (100 % + rate), rounded
/// half away from zero to the cent (0 for margin scheme and outside scope); excl. = incl. − VAT.
/// Totals are the sums of the rounded lines, so `totalExclCents + totalVATCents == totalInclCents`
/// always, and each breakdown row adds up the same way.
public struct QuoteCalculation: Hashable, Sendable {
    public let lines: [QuoteLineAmounts]
    public let totalExclCents: Int64
    public let totalVATCents: Int64
    public let totalInclCents: Int64
    /// Rows per treatment present: rates from high to low, then margin scheme, then outside scope.
    /// A margin-scheme row's `vatCents` is 0 and must not be printed as VAT.
    public let breakdown: [VATBreakdownLine]
    /// True when a line is under the margin scheme: the document shows the margin-scheme mention
    /// in the customer's language instead of VAT amounts for those lines.
    public let hasMarginScheme: Bool
    /// The price incl. VAT of the vehicle line (quantity × unit price, before discounts).
    public let vehiclePriceCents: Int64
    /// The sum of all discounts, positive (trade-in credit is not a discount).
    public let totalDiscountCents: Int64
    /// The trade-in credits, positive.
    public let tradeInCreditCents: Int64

    /// The discounts as a share of the vehicle's price, in basis points rounded half away from
    /// zero (for display; `DiscountPolicy` compares exactly). Nil when the vehicle's price is 0.
    public var discountShareBasisPoints: Int? {
        guard vehiclePriceCents > 0 else { return nil }
        return Int(divideRoundingHalfAwayFromZero(totalDiscountCents * 10_000, by: vehiclePriceCents))
    }

    /// Checks `lines` against every rule and computes the amounts; all broken rules are
    /// returned together, each with its line and field. Rules: see `QuoteLine`, `QuoteLimits`;
    /// the quote needs at least one line and exactly one vehicle line; its total incl. VAT may
    /// not be negative.
    public static func calculate(_ lines: [QuoteLine]) -> Result<QuoteCalculation, QuoteIssues> {
        var issues: [QuoteIssue] = []
        func refuse(_ i: Int?, _ f: QuoteField, _ v: RuleViolation) { issues.append(QuoteIssue(line: i, field: f, violation: v)) }

        // 1. Each line on its own.
        for (i, l) in lines.enumerated() {
            let text = l.description.trimmingWhitespace()
            if text.isEmpty { refuse(i, .description, .required) }
            else if text.count > QuoteLimits.descriptionLength.upperBound { refuse(i, .description, .tooLong) }
            switch l.kind {
            case .vehicle, .option, .accessory, .fee, .service:
                if !QuoteLimits.quantity.contains(l.quantity) { refuse(i, .quantity, .quantityOutOfRange) }
                if !QuoteLimits.unitPriceCents.contains(l.unitPriceCents) { refuse(i, .unitPrice, .priceOutOfRange) }
                switch l.vat {
                case .rate(let r): if !r.isValid { refuse(i, .vat, .vatRateOutOfRange) }
                case .marginScheme: if l.kind != .vehicle { refuse(i, .vat, .vatTreatmentNotAllowed) }
                case .outsideScope: refuse(i, .vat, .vatTreatmentNotAllowed)
                }
                if l.discountOf != nil { refuse(i, .discountOf, .invalidChoice) }
                if l.discountBasisPoints != nil { refuse(i, .discountPercent, .invalidChoice) }
            case .discount:
                if l.quantity != 1 { refuse(i, .quantity, .quantityOutOfRange) }
                if let t = l.discountOf, t != i, lines.indices.contains(t), lines[t].kind != .discount, lines[t].kind != .tradeInCredit {
                } else { refuse(i, .discountOf, .discountTargetInvalid) }
                if let bp = l.discountBasisPoints {
                    if !QuoteLimits.discountBasisPoints.contains(bp) { refuse(i, .discountPercent, .discountPercentOutOfRange) }
                } else if !(1...QuoteLimits.unitPriceCents.upperBound).contains(l.unitPriceCents) {
                    refuse(i, .unitPrice, .priceOutOfRange)
                }
            case .tradeInCredit:
                if l.quantity != 1 { refuse(i, .quantity, .quantityOutOfRange) }
                if !(1...QuoteLimits.unitPriceCents.upperBound).contains(l.unitPriceCents) { refuse(i, .unitPrice, .priceOutOfRange) }
                if l.discountOf != nil { refuse(i, .discountOf, .invalidChoice) }
                if l.discountBasisPoints != nil { refuse(i, .discountPercent, .invalidChoice) }
            }
        }
        // 2. The quote as a whole.
        if lines.isEmpty { refuse(nil, .lines, .quoteEmpty) }
        else if lines.count > QuoteLimits.maxLines { refuse(nil, .lines, .tooLong) }
        else if lines.filter({ $0.kind == .vehicle }).count != 1 { refuse(nil, .lines, .quoteVehicleCount) }
        guard issues.isEmpty else { return .failure(QuoteIssues(issues)) }

        // 3. Amounts. Priced lines first: discounts need the price of the line they reduce.
        var gross = [Int64](repeating: 0, count: lines.count)
        for (i, l) in lines.enumerated() where l.kind != .discount && l.kind != .tradeInCredit {
            gross[i] = Int64(l.quantity) * l.unitPriceCents
        }
        var discounted = [Int64](repeating: 0, count: lines.count)
        var amounts: [QuoteLineAmounts] = []
        amounts.reserveCapacity(lines.count)
        for (i, l) in lines.enumerated() {
            let treatment: VATTreatment
            let unit: Int64
            let incl: Int64
            switch l.kind {
            case .discount:
                let t = l.discountOf!
                let amount = l.discountBasisPoints.map { divideRoundingHalfAwayFromZero(gross[t] * Int64($0), by: 10_000) } ?? l.unitPriceCents
                discounted[t] += amount
                if discounted[t] > gross[t] {
                    refuse(i, l.discountBasisPoints == nil ? .unitPrice : .discountPercent, .discountExceedsLine)
                }
                treatment = lines[t].vat
                unit = -amount
                incl = -amount
            case .tradeInCredit:
                treatment = .outsideScope
                unit = -l.unitPriceCents
                incl = -l.unitPriceCents
            default:
                treatment = l.vat
                unit = l.unitPriceCents
                incl = gross[i]
            }
            let vat = Self.vat(ofIncl: incl, treatment)
            amounts.append(QuoteLineAmounts(index: i, kind: l.kind, vat: treatment, quantity: l.quantity,
                                            unitPriceCents: unit, inclCents: incl, vatCents: vat, exclCents: incl - vat))
        }
        let totalIncl = amounts.reduce(0) { $0 + $1.inclCents }
        if issues.isEmpty && totalIncl < 0 { refuse(nil, .total, .quoteTotalNegative) }
        guard issues.isEmpty else { return .failure(QuoteIssues(issues)) }

        // 4. Breakdown per treatment.
        var rows: [VATTreatment: (Int64, Int64, Int64)] = [:]
        for a in amounts {
            let r = rows[a.vat] ?? (0, 0, 0)
            rows[a.vat] = (r.0 + a.exclCents, r.1 + a.vatCents, r.2 + a.inclCents)
        }
        func order(_ t: VATTreatment) -> (Int, Int) {
            switch t {
            case .rate(let r): return (0, -r.basisPoints)
            case .marginScheme: return (1, 0)
            case .outsideScope: return (2, 0)
            }
        }
        let breakdown = rows.keys.sorted { order($0) < order($1) }.map {
            VATBreakdownLine(treatment: $0, exclCents: rows[$0]!.0, vatCents: rows[$0]!.1, inclCents: rows[$0]!.2)
        }
        let vehicle = lines.firstIndex { $0.kind == .vehicle }!
        return .success(QuoteCalculation(
            lines: amounts,
            totalExclCents: amounts.reduce(0) { $0 + $1.exclCents },
            totalVATCents: amounts.reduce(0) { $0 + $1.vatCents },
            totalInclCents: totalIncl,
            breakdown: breakdown,
            hasMarginScheme: amounts.contains { $0.vat == .marginScheme },
            vehiclePriceCents: gross[vehicle],
            totalDiscountCents: -amounts.filter { $0.kind == .discount }.reduce(0) { $0 + $1.inclCents },
            tradeInCreditCents: -amounts.filter { $0.kind == .tradeInCredit }.reduce(0) { $0 + $1.inclCents }))
    }

    /// The VAT included in `inclCents` under `treatment`, rounded half away from zero.
    public static func vat(ofIncl inclCents: Int64, _ treatment: VATTreatment) -> Int64 {
        guard case .rate(let r) = treatment else { return 0 }
        return divideRoundingHalfAwayFromZero(inclCents * Int64(r.basisPoints), by: 10_000 + Int64(r.basisPoints))
    }
}

/// Who may send a discounted quote: discounts above `limitBasisPoints` of the vehicle's price
/// need the approval of someone holding `quotes.approve` before the quote can be sent.
/// The limit comes from the settings (default 10 % *(check)*: the dealer's own policy).
public struct DiscountPolicy: Hashable, Sendable {
    public var limitBasisPoints: Int
    public init(limitBasisPoints: Int) { self.limitBasisPoints = limitBasisPoints }
    public static let `default` = DiscountPolicy(limitBasisPoints: 1_000)

    /// True when the discounts exceed the limit (exactly: discount / vehicle price > limit).
    /// Any discount on a car priced 0 exceeds it.
    public func needsApproval(_ quote: QuoteCalculation) -> Bool {
        needsApproval(discountCents: quote.totalDiscountCents, vehiclePriceCents: quote.vehiclePriceCents)
    }

    public func needsApproval(discountCents: Int64, vehiclePriceCents: Int64) -> Bool {
        guard discountCents > 0 else { return false }
        return discountCents * 10_000 > Int64(limitBasisPoints) * vehiclePriceCents
    }
}
