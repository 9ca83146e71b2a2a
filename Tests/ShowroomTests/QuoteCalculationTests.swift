import Testing
@testable import Showroom

/// The money rules of a quote (issue 10): prices incl. VAT, VAT per line rounded half away from
/// zero, excl. = incl. − VAT, totals summed from the rounded lines.
struct QuoteCalculationTests {
    static let car = QuoteLine(kind: .vehicle, description: "Volkswagen Golf 1.5 eTSI Life", unitPriceCents: 2_500_000)

    func calculate(_ lines: [QuoteLine]) throws -> QuoteCalculation {
        switch QuoteCalculation.calculate(lines) {
        case .success(let c): return c
        case .failure(let issues): throw issues
        }
    }

    func issues(_ lines: [QuoteLine]) -> [QuoteIssue] {
        if case .failure(let i) = QuoteCalculation.calculate(lines) { return i.issues }
        return []
    }

    func assertAddsUp(_ c: QuoteCalculation) {
        for l in c.lines { #expect(l.exclCents + l.vatCents == l.inclCents) }
        #expect(c.totalExclCents + c.totalVATCents == c.totalInclCents)
        #expect(c.totalInclCents == c.lines.reduce(0) { $0 + $1.inclCents })
        #expect(c.breakdown.reduce(0) { $0 + $1.inclCents } == c.totalInclCents)
        #expect(c.breakdown.reduce(0) { $0 + $1.vatCents } == c.totalVATCents)
        for b in c.breakdown { #expect(b.exclCents + b.vatCents == b.inclCents) }
    }

    @Test func aQuoteWithEveryKindOfLine() throws {
        let c = try calculate([
            Self.car,
            QuoteLine(kind: .option, description: "Panoramadak", unitPriceCents: 121_000),
            QuoteLine(kind: .accessory, description: "Rubberen matten", quantity: 2, unitPriceCents: 4_999),
            QuoteLine(kind: .fee, description: "Inschrijving", unitPriceCents: 15_000, vat: .rate(.zero)),
            .discount("Showroomkorting", amountCents: 50_000, of: 0),
            .tradeInCredit("Overname Opel Corsa 1-ABC-123", creditCents: 800_000),
        ])
        let expected: [(Int64, Int64, Int64)] = [   // incl, VAT, excl
            (2_500_000, 433_884, 2_066_116),         // 2,500,000 × 21/121 = 433,884.30
            (121_000, 21_000, 100_000),
            (9_998, 1_735, 8_263),                   // 9,998 × 21/121 = 1,735.19
            (15_000, 0, 15_000),
            (-50_000, -8_678, -41_322),              // −8,677.69
            (-800_000, 0, -800_000),
        ]
        #expect(c.lines.map { ($0.inclCents, $0.vatCents, $0.exclCents) }.elementsEqual(expected) { $0 == $1 })
        #expect(c.totalInclCents == 1_795_998)
        #expect(c.totalVATCents == 447_941)
        #expect(c.totalExclCents == 1_348_057)
        #expect(c.lines[2].unitPriceCents == 4_999 && c.lines[2].quantity == 2)
        #expect(c.lines[4].vat == .rate(.standard))
        #expect(c.lines[5].vat == .outsideScope)
        #expect(c.breakdown == [
            VATBreakdownLine(treatment: .rate(.standard), exclCents: 2_133_057, vatCents: 447_941, inclCents: 2_580_998),
            VATBreakdownLine(treatment: .rate(.zero), exclCents: 15_000, vatCents: 0, inclCents: 15_000),
            VATBreakdownLine(treatment: .outsideScope, exclCents: -800_000, vatCents: 0, inclCents: -800_000),
        ])
        #expect(!c.hasMarginScheme)
        #expect(c.vehiclePriceCents == 2_500_000)
        #expect(c.totalDiscountCents == 50_000)
        #expect(c.tradeInCreditCents == 800_000)
        #expect(c.discountShareBasisPoints == 200)
        assertAddsUp(c)
    }

    @Test func marginSchemeLinesCarryNoVATAndTheirDiscountStaysMarginScheme() throws {
        let c = try calculate([
            QuoteLine(kind: .vehicle, description: "BMW 320d 2019", unitPriceCents: 1_500_000, vat: .marginScheme),
            QuoteLine(kind: .accessory, description: "Trekhaak", unitPriceCents: 12_100),
            .discount("Korting 10 %", basisPoints: 1_000, of: 0),
            .discount("Korting trekhaak", amountCents: 1_000, of: 1),
        ])
        #expect(c.hasMarginScheme)
        #expect(c.lines[0].vat == .marginScheme && c.lines[0].vatCents == 0 && c.lines[0].exclCents == 1_500_000)
        #expect(c.lines[1].vat == .rate(.standard) && c.lines[1].vatCents == 2_100)
        #expect(c.lines[2].vat == .marginScheme && c.lines[2].inclCents == -150_000 && c.lines[2].vatCents == 0)
        #expect(c.lines[3].vat == .rate(.standard) && c.lines[3].vatCents == -174)   // −173.55
        #expect(c.totalInclCents == 1_361_100)
        #expect(c.totalVATCents == 1_926)
        #expect(c.breakdown == [
            VATBreakdownLine(treatment: .rate(.standard), exclCents: 9_174, vatCents: 1_926, inclCents: 11_100),
            VATBreakdownLine(treatment: .marginScheme, exclCents: 1_350_000, vatCents: 0, inclCents: 1_350_000),
        ])
        #expect(c.totalDiscountCents == 151_000)
        #expect(c.discountShareBasisPoints == 1_007)   // 10.0667 %
        assertAddsUp(c)
    }

    @Test(arguments: [
        // (rate bp, incl, expected VAT): exact halves round away from zero.
        (10_000, Int64(1), Int64(1)), (10_000, 3, 2), (10_000, -1, -1), (10_000, -3, -2),
        (1_200, 14, 2), (1_200, -14, -2),          // 14 × 12/112 = 1.5
        (2_100, 121, 21), (2_100, 1, 0), (2_100, 3, 1), (2_100, -3, -1),   // 0.52 → 1
        (600, 53, 3), (0, 999, 0),
    ] as [(Int, Int64, Int64)])
    func vatOfALineRoundsHalfAwayFromZero(rate: Int, incl: Int64, vat: Int64) {
        #expect(QuoteCalculation.vat(ofIncl: incl, .rate(VATRate(basisPoints: rate))) == vat)
    }

    @Test func halfCentCasesOnLinesAndDiscounts() throws {
        let c = try calculate([
            QuoteLine(kind: .vehicle, description: "Auto", unitPriceCents: 3, vat: .rate(VATRate(basisPoints: 10_000))),
            QuoteLine(kind: .option, description: "Optie", unitPriceCents: 105, vat: .rate(.zero)),
            .discount("10 %", basisPoints: 1_000, of: 1),           // 10.5 → 11
            QuoteLine(kind: .service, description: "Onderhoud", unitPriceCents: 14, vat: .rate(VATRate(basisPoints: 1_200))),
            .discount("Korting", amountCents: 14, of: 3),            // VAT −1.5 → −2
            QuoteLine(kind: .accessory, description: "Ventiel", unitPriceCents: 1, vat: .rate(.zero)),
            .discount("Halve cent", basisPoints: 5_000, of: 5),      // 0.5 → 1
        ])
        #expect(c.lines[0].vatCents == 2 && c.lines[0].exclCents == 1)
        #expect(c.lines[2].inclCents == -11)
        #expect(c.lines[3].vatCents == 2 && c.lines[3].exclCents == 12)
        #expect(c.lines[4].vatCents == -2 && c.lines[4].exclCents == -12)
        #expect(c.lines[6].inclCents == -1)
        assertAddsUp(c)
    }

    @Test func aDiscountByPercentageIsOfTheWholeLineInclVAT() throws {
        let c = try calculate([
            Self.car,
            QuoteLine(kind: .accessory, description: "Velgen", quantity: 4, unitPriceCents: 33_333),
            .discount("15 % op velgen", basisPoints: 1_500, of: 1),
        ])
        #expect(c.lines[2].inclCents == -20_000)   // 133,332 × 15 % = 19,999.8 → 20,000
        #expect(c.lines[2].unitPriceCents == -20_000)
        assertAddsUp(c)
    }

    @Test func aDiscountMayTakeAWholeLineButNotMore() throws {
        let whole = try calculate([Self.car, QuoteLine(kind: .service, description: "Poetsbeurt", unitPriceCents: 12_100),
                                   .discount("Gratis", basisPoints: 10_000, of: 1)])
        #expect(whole.lines[2].inclCents == -12_100)
        #expect(issues([Self.car, QuoteLine(kind: .service, description: "Poetsbeurt", unitPriceCents: 12_100),
                        .discount("Te veel", amountCents: 12_101, of: 1)])
                == [QuoteIssue(line: 2, field: .unitPrice, violation: .discountExceedsLine)])
        // Two discounts that together exceed the line: the one that crosses it is refused.
        #expect(issues([Self.car, .discount("60 %", basisPoints: 6_000, of: 0), .discount("50 %", basisPoints: 5_000, of: 0)])
                == [QuoteIssue(line: 2, field: .discountPercent, violation: .discountExceedsLine)])
    }

    @Test func aTradeInLargerThanTheSaleMakesANegativeTotalWhichIsRefused() {
        #expect(issues([Self.car, .tradeInCredit("Overname", creditCents: 2_500_001)])
                == [QuoteIssue(line: nil, field: .total, violation: .quoteTotalNegative)])
        #expect(issues([Self.car, .tradeInCredit("Overname", creditCents: 2_500_000)]).isEmpty)
    }

    @Test func aTradeInIsOutsideVATWhateverItsInputSays() throws {
        var tradeIn = QuoteLine.tradeInCredit("Overname", creditCents: 100_000)
        tradeIn.vat = .rate(.standard)
        let c = try calculate([Self.car, tradeIn])
        #expect(c.lines[1].vat == .outsideScope && c.lines[1].vatCents == 0 && c.lines[1].inclCents == -100_000)
        #expect(c.totalDiscountCents == 0)
    }

    // MARK: - Refusals, each beside its field

    @Test func aQuoteNeedsExactlyOneVehicleLine() {
        #expect(issues([]) == [QuoteIssue(line: nil, field: .lines, violation: .quoteEmpty)])
        #expect(issues([QuoteLine(kind: .accessory, description: "Matten", unitPriceCents: 100)])
                == [QuoteIssue(line: nil, field: .lines, violation: .quoteVehicleCount)])
        #expect(issues([Self.car, Self.car]) == [QuoteIssue(line: nil, field: .lines, violation: .quoteVehicleCount)])
        #expect(issues(Array(repeating: QuoteLine(kind: .fee, description: "x", unitPriceCents: 1), count: QuoteLimits.maxLines) + [Self.car])
                == [QuoteIssue(line: nil, field: .lines, violation: .tooLong)])
    }

    @Test(arguments: [0, -1, -999, 1_000, Int.max, Int.min])
    func quantitiesOutside1To999AreRefused(quantity: Int) {
        var line = QuoteLine(kind: .accessory, description: "Matten", unitPriceCents: 100)
        line.quantity = quantity
        #expect(issues([Self.car, line]) == [QuoteIssue(line: 1, field: .quantity, violation: .quantityOutOfRange)])
    }

    @Test func quantitiesAtTheLimitsAreAccepted() {
        for q in [1, 999] {
            #expect(issues([Self.car, QuoteLine(kind: .accessory, description: "Matten", quantity: q, unitPriceCents: 1_000_000_000)]).isEmpty)
        }
    }

    @Test(arguments: [Int64(-1), -1_000, 1_000_000_001, Int64.max, Int64.min])
    func pricesBelowZeroOrAboveTenMillionAreRefused(price: Int64) {
        #expect(issues([QuoteLine(kind: .vehicle, description: "Auto", unitPriceCents: price)])
                == [QuoteIssue(line: 0, field: .unitPrice, violation: .priceOutOfRange)])
    }

    @Test func pricesOfZeroAndTenMillionAreAccepted() {
        #expect(issues([QuoteLine(kind: .vehicle, description: "Auto", unitPriceCents: 1_000_000_000)]).isEmpty)
        #expect(issues([Self.car, QuoteLine(kind: .service, description: "Gratis controle", unitPriceCents: 0)]).isEmpty)
    }

    @Test(arguments: [-1, -2100, 10_001, 2_100_000])
    func vatRatesOutside0To100PercentAreRefused(bp: Int) {
        #expect(issues([QuoteLine(kind: .vehicle, description: "Auto", unitPriceCents: 100, vat: .rate(VATRate(basisPoints: bp)))])
                == [QuoteIssue(line: 0, field: .vat, violation: .vatRateOutOfRange)])
    }

    @Test func marginSchemeOnlyOnTheVehicleAndOutsideScopeOnlyOnTradeIns() {
        #expect(issues([Self.car, QuoteLine(kind: .accessory, description: "Matten", unitPriceCents: 100, vat: .marginScheme)])
                == [QuoteIssue(line: 1, field: .vat, violation: .vatTreatmentNotAllowed)])
        #expect(issues([QuoteLine(kind: .vehicle, description: "Auto", unitPriceCents: 100, vat: .outsideScope)])
                == [QuoteIssue(line: 0, field: .vat, violation: .vatTreatmentNotAllowed)])
    }

    @Test func descriptionsAreRequiredAndAtMost200Characters() {
        for (text, expected) in [("", RuleViolation.required), ("   ", .required), (String(repeating: "é", count: 201), .tooLong)] {
            #expect(issues([QuoteLine(kind: .vehicle, description: text, unitPriceCents: 1)])
                    == [QuoteIssue(line: 0, field: .description, violation: expected)])
        }
        #expect(issues([QuoteLine(kind: .vehicle, description: String(repeating: "é", count: 200), unitPriceCents: 1)]).isEmpty)
    }

    @Test func aDiscountMustNameALineThatIsSold() {
        let tradeIn = QuoteLine.tradeInCredit("Overname", creditCents: 100)
        for target in [nil, 1, 5, -1] as [Int?] {
            var d = QuoteLine.discount("Korting", amountCents: 100, of: 0)
            d.discountOf = target
            #expect(issues([Self.car, d]) == [QuoteIssue(line: 1, field: .discountOf, violation: .discountTargetInvalid)])
        }
        #expect(issues([Self.car, tradeIn, .discount("Korting", amountCents: 1, of: 1)])
                == [QuoteIssue(line: 2, field: .discountOf, violation: .discountTargetInvalid)])
        #expect(issues([Self.car, .discount("A", amountCents: 1, of: 0), .discount("B", amountCents: 1, of: 1)])
                == [QuoteIssue(line: 2, field: .discountOf, violation: .discountTargetInvalid)])
    }

    @Test func discountAmountsAndPercentagesMustBeInRange() {
        for bp in [0, -1, 10_001] {
            #expect(issues([Self.car, .discount("K", basisPoints: bp, of: 0)])
                    == [QuoteIssue(line: 1, field: .discountPercent, violation: .discountPercentOutOfRange)])
        }
        for cents in [Int64(0), -5, 1_000_000_001] {
            #expect(issues([Self.car, .discount("K", amountCents: cents, of: 0)])
                    == [QuoteIssue(line: 1, field: .unitPrice, violation: .priceOutOfRange)])
        }
        var twice = QuoteLine.discount("K", amountCents: 1, of: 0)
        twice.quantity = 2
        #expect(issues([Self.car, twice]) == [QuoteIssue(line: 1, field: .quantity, violation: .quantityOutOfRange)])
        #expect(issues([Self.car, .tradeInCredit("Overname", creditCents: 0)])
                == [QuoteIssue(line: 1, field: .unitPrice, violation: .priceOutOfRange)])
    }

    @Test func discountFieldsOnOtherLinesAreRefused() {
        var option = QuoteLine(kind: .option, description: "Optie", unitPriceCents: 1)
        option.discountOf = 0
        option.discountBasisPoints = 100
        #expect(issues([Self.car, option]) == [
            QuoteIssue(line: 1, field: .discountOf, violation: .invalidChoice),
            QuoteIssue(line: 1, field: .discountPercent, violation: .invalidChoice),
        ])
    }

    @Test func everyBrokenRuleIsReportedAtOnceBesideItsField() throws {
        let failure = QuoteIssues(issues([
            QuoteLine(kind: .vehicle, description: "", quantity: 0, unitPriceCents: -1, vat: .rate(VATRate(basisPoints: 20_000))),
            QuoteLine(kind: .accessory, description: "Matten", quantity: 1, unitPriceCents: 100, vat: .marginScheme),
        ]))
        #expect(failure.on(line: 0).map(\.field) == [.description, .quantity, .unitPrice, .vat])
        #expect(failure.violation(line: 1, field: .vat) == .vatTreatmentNotAllowed)
        #expect(failure.violation(line: 1, field: .quantity) == nil)
    }

    // MARK: - Discount approval

    @Test func discountsAboveTheLimitNeedApprovalComparedExactly() throws {
        let c = try calculate([
            QuoteLine(kind: .vehicle, description: "Auto", unitPriceCents: 1_500_000, vat: .marginScheme),
            .discount("K", amountCents: 151_000, of: 0),   // 10.0667 %
        ])
        #expect(DiscountPolicy(limitBasisPoints: 1_000).needsApproval(c))
        #expect(DiscountPolicy(limitBasisPoints: 1_006).needsApproval(c))
        #expect(!DiscountPolicy(limitBasisPoints: 1_007).needsApproval(c))
        // Exactly at the limit is allowed.
        #expect(!DiscountPolicy(limitBasisPoints: 1_000).needsApproval(discountCents: 150_000, vehiclePriceCents: 1_500_000))
        #expect(DiscountPolicy(limitBasisPoints: 1_000).needsApproval(discountCents: 150_001, vehiclePriceCents: 1_500_000))
        #expect(!DiscountPolicy.default.needsApproval(discountCents: 0, vehiclePriceCents: 0))
        #expect(DiscountPolicy.default.needsApproval(discountCents: 1, vehiclePriceCents: 0))
        #expect(DiscountPolicy.default.limitBasisPoints == 1_000)
    }

    @Test func discountsOnOtherLinesCountTowardsTheShareTradeInsDoNot() throws {
        let c = try calculate([
            Self.car,
            QuoteLine(kind: .accessory, description: "Velgen", unitPriceCents: 300_000),
            .discount("Velgen half", basisPoints: 5_000, of: 1),
            .tradeInCredit("Overname", creditCents: 1_000_000),
        ])
        #expect(c.totalDiscountCents == 150_000)
        #expect(c.discountShareBasisPoints == 600)
        #expect(!DiscountPolicy(limitBasisPoints: 600).needsApproval(c))
        #expect(DiscountPolicy(limitBasisPoints: 599).needsApproval(c))
    }

    @Test func noShareOfAFreeCar() throws {
        let c = try calculate([QuoteLine(kind: .vehicle, description: "Auto", unitPriceCents: 0)])
        #expect(c.discountShareBasisPoints == nil)
        #expect(c.totalInclCents == 0)
    }
}

struct QuotePermissionTests {
    @Test func quotesApproveGoesToManagersAndAdminsNotSalespeople() {
        #expect(Permission(rawValue: "quotes.approve") == .quotesApprove)
        #expect(!DefaultProfiles.salesperson.contains(Grant(.quotesApprove)))
        #expect(DefaultProfiles.manager.contains(Grant(.quotesApprove)))
        #expect(DefaultProfiles.admin.contains(Grant(.quotesApprove)))
        #expect(!Permission.quotesApprove.isScoped)
    }
}
