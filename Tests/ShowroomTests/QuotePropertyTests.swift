import Foundation
import Testing
@testable import Showroom

/// 1,000 random quotes (a seeded generator: the same quotes on every run) checked against an
/// independent computation written differently: Foundation `Decimal` arithmetic with
/// `NSDecimalRound` (round half up on the magnitude, sign put back), VAT as incl. × r / (1 + r)
/// with r a decimal fraction, its own validity decisions, and its own breakdown.
struct QuotePropertyTests {
    /// SplitMix64: small, deterministic, good enough to spread test cases.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
        mutating func int64(_ range: ClosedRange<Int64>) -> Int64 { range.lowerBound + Int64(next() % UInt64(range.upperBound - range.lowerBound + 1)) }
        mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }
    }

    static func price(_ g: inout Generator) -> Int64 {
        switch g.int(0...9) {
        case 0: return g.int64(0...200)                        // cents: where halves show up
        case 1: return g.int64(0...1_000_000_000)              // anything up to € 10 million
        case 2: return [0, 1, 999_999_999, 1_000_000_000][g.int(0...3)]
        default: return g.int64(100...5_000_000)               // € 1 – € 50,000
        }
    }

    static func rate(_ g: inout Generator) -> VATRate {
        VATRate(basisPoints: [2100, 2100, 2100, 600, 1200, 0, 10_000, 550, g.int(0...10_000)][g.int(0...8)])
    }

    static func randomQuote(_ g: inout Generator) -> [QuoteLine] {
        var lines: [QuoteLine] = []
        lines.append(QuoteLine(kind: .vehicle, description: "Auto", unitPriceCents: g.chance(50) ? g.int64(500_000...10_000_000) : price(&g),
                               vat: g.chance(30) ? .marginScheme : .rate(rate(&g))))
        for _ in 0..<g.int(0...8) {
            let kind = [QuoteLineKind.option, .accessory, .fee, .service][g.int(0...3)]
            let quantity = g.chance(70) ? 1 : g.int(1...999)
            lines.append(QuoteLine(kind: kind, description: "Lijn", quantity: quantity, unitPriceCents: price(&g), vat: .rate(rate(&g))))
        }
        let priced = lines.count
        for _ in 0..<g.int(0...3) {
            let target = g.int(0...(priced - 1))
            if g.chance(50) {
                lines.append(.discount("Korting", basisPoints: g.chance(20) ? 5_000 : g.int(1...(g.chance(80) ? 2_000 : 10_000)), of: target))
            } else {
                lines.append(.discount("Korting", amountCents: g.int64(1...(g.chance(80) ? 300_000 : 1_000_000_000)), of: target))
            }
        }
        if g.chance(40) { lines.append(.tradeInCredit("Overname", creditCents: g.int64(1...(g.chance(30) ? 20_000_000 : 3_000_000)))) }
        // Shuffle so discounts may come before the line they reduce (indexes follow the moves).
        var order = Array(lines.indices)
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, g.int(0...i)) }
        let newIndex = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        return order.map { old in
            var l = lines[old]
            if let t = l.discountOf { l.discountOf = newIndex[t] }
            return l
        }
    }

    // MARK: - The independent computation

    struct Expected {
        var lines: [(incl: Int64, vat: Int64, excl: Int64, treatment: String)] = []
        var totals = (incl: Int64(0), vat: Int64(0), excl: Int64(0))
        var breakdown: [String: (excl: Int64, vat: Int64, incl: Int64)] = [:]
        var discounts = Int64(0)
        var vehicle = Int64(0)
        var refused: String?
    }

    static func roundHalfAway(_ x: Decimal) -> Int64 {
        var magnitude = x < 0 ? -x : x
        var rounded = Decimal()
        NSDecimalRound(&rounded, &magnitude, 0, .plain)
        let n = Int64(rounded.description)!
        return x < 0 ? -n : n
    }

    static func key(_ t: VATTreatment) -> String {
        switch t {
        case .rate(let r): return "rate \(r.basisPoints)"
        case .marginScheme: return "margin"
        case .outsideScope: return "outside"
        }
    }

    static func independent(_ lines: [QuoteLine]) -> Expected {
        var e = Expected()
        // What each sold line is worth, and what its discounts take off it.
        var worth: [Int: Decimal] = [:]
        for (i, l) in lines.enumerated() where l.kind != .discount && l.kind != .tradeInCredit {
            worth[i] = Decimal(l.quantity) * Decimal(l.unitPriceCents)
        }
        var taken: [Int: Decimal] = [:]
        for l in lines {
            let incl: Decimal
            let treatment: VATTreatment
            switch l.kind {
            case .discount:
                let base = worth[l.discountOf!]!
                let off: Decimal = l.discountBasisPoints.map { Decimal(roundHalfAway(base * Decimal($0) / Decimal(10_000))) } ?? Decimal(l.unitPriceCents)
                taken[l.discountOf!, default: 0] += off
                if taken[l.discountOf!]! > base { e.refused = "exceeds" }
                incl = -off
                treatment = lines[l.discountOf!].vat
                e.discounts += Int64(off.description)!
            case .tradeInCredit:
                incl = -Decimal(l.unitPriceCents)
                treatment = .outsideScope
            default:
                incl = Decimal(l.quantity) * Decimal(l.unitPriceCents)
                treatment = l.vat
                if l.kind == .vehicle { e.vehicle = Int64(incl.description)! }
            }
            let vat: Int64
            if case .rate(let r) = treatment {
                let fraction = Decimal(r.basisPoints) / Decimal(10_000)
                vat = roundHalfAway(incl * fraction / (1 + fraction))
            } else {
                vat = 0
            }
            let inclCents = Int64(incl.description)!
            e.lines.append((inclCents, vat, inclCents - vat, key(treatment)))
            e.totals.incl += inclCents
            e.totals.vat += vat
            e.totals.excl += inclCents - vat
            let b = e.breakdown[key(treatment)] ?? (0, 0, 0)
            e.breakdown[key(treatment)] = (b.excl + inclCents - vat, b.vat + vat, b.incl + inclCents)
        }
        if e.refused == nil && e.totals.incl < 0 { e.refused = "negative" }
        return e
    }

    @Test func aThousandRandomQuotesAgreeWithAnIndependentComputation() {
        var g = Generator(state: 20_261_202)
        var computed = 0, exceeded = 0, negative = 0, margin = 0, halves = 0
        for n in 0..<1_000 {
            let lines = Self.randomQuote(&g)
            let e = Self.independent(lines)
            switch QuoteCalculation.calculate(lines) {
            case .failure(let issues):
                let expected: RuleViolation = e.refused == "negative" ? .quoteTotalNegative : .discountExceedsLine
                #expect(e.refused != nil, "quote \(n) refused: \(issues.issues)")
                #expect(issues.issues.allSatisfy { $0.violation == expected }, "quote \(n): \(issues.issues)")
                if e.refused == "exceeds" { exceeded += 1 } else { negative += 1 }
            case .success(let c):
                computed += 1
                #expect(e.refused == nil, "quote \(n) should have been refused: \(e.refused ?? "")")
                #expect(c.lines.count == e.lines.count)
                for (a, x) in zip(c.lines, e.lines) {
                    #expect(a.inclCents == x.incl && a.vatCents == x.vat && a.exclCents == x.excl && Self.key(a.vat) == x.treatment,
                            "quote \(n) line \(a.index): \(a) vs \(x)")
                    if case .rate(let r) = a.vat, r.basisPoints > 0,
                       (a.inclCents * Int64(r.basisPoints) * 2) % (10_000 + Int64(r.basisPoints)) == 0,
                       (a.inclCents * Int64(r.basisPoints)) % (10_000 + Int64(r.basisPoints)) != 0 { halves += 1 }
                }
                #expect(c.totalInclCents == e.totals.incl && c.totalVATCents == e.totals.vat && c.totalExclCents == e.totals.excl, "quote \(n) totals")
                #expect(c.totalExclCents + c.totalVATCents == c.totalInclCents)
                #expect(c.breakdown.count == e.breakdown.count)
                for b in c.breakdown {
                    let x = e.breakdown[Self.key(b.treatment)]
                    #expect(x?.excl == b.exclCents && x?.vat == b.vatCents && x?.incl == b.inclCents, "quote \(n) breakdown \(b.treatment)")
                }
                #expect(c.totalDiscountCents == e.discounts)
                #expect(c.vehiclePriceCents == e.vehicle)
                #expect(c.hasMarginScheme == e.breakdown.keys.contains("margin"))
                if c.hasMarginScheme { margin += 1 }
            }
        }
        // The generator reaches every branch: computed quotes, both refusals, margin scheme, exact half cents.
        #expect(computed > 600)
        #expect(exceeded > 10)
        #expect(negative > 10)
        #expect(margin > 100)
        #expect(halves > 0)
        print("random quotes: \(computed) computed, \(exceeded) discount too large, \(negative) negative, \(margin) margin scheme, \(halves) half-cent VAT lines")
    }
}
