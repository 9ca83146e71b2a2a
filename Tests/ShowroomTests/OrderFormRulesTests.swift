import Testing
@testable import Showroom

struct OrderFormRulesTests {
    func d(_ y: Int, _ m: Int, _ day: Int) -> CalendarDate { CalendarDate(year: y, month: m, day: day)! }

    @Test func theDepositIsAtMost15PercentOfTheTotal() {
        #expect(OrderFormRules.maxDepositCents(totalInclCents: 2_500_000) == 375_000)
        #expect(OrderFormRules.maxDepositCents(totalInclCents: 1_795_998) == 269_399)   // 269,399.7 rounded down
        #expect(OrderFormRules.checkDeposit(375_000, totalInclCents: 2_500_000) == nil)
        #expect(OrderFormRules.checkDeposit(375_001, totalInclCents: 2_500_000) == .depositTooHigh)
        #expect(OrderFormRules.checkDeposit(0, totalInclCents: 2_500_000) == nil)
        #expect(OrderFormRules.checkDeposit(-1, totalInclCents: 2_500_000) == .depositNegative)
        #expect(OrderFormRules.checkDeposit(1, totalInclCents: 0) == .depositTooHigh)
    }

    @Test func theDepositLimitIsConfigurable() {
        let policy = OrderFormPolicy(maxDepositBasisPoints: 2_000)
        #expect(OrderFormRules.checkDeposit(500_000, totalInclCents: 2_500_000, policy: policy) == nil)
        #expect(OrderFormRules.checkDeposit(500_001, totalInclCents: 2_500_000, policy: policy) == .depositTooHigh)
        #expect(OrderFormPolicy.default.maxDepositBasisPoints == 1_500)
    }

    @Test func theLatestDeliveryDefaultsTo30DaysAfterSigning() {
        #expect(OrderFormRules.defaultLatestDelivery(signedOn: d(2026, 12, 2)) == d(2027, 1, 1))
        #expect(OrderFormRules.defaultLatestDelivery(signedOn: d(2026, 12, 2), policy: OrderFormPolicy(deliveryDays: 60)) == d(2027, 1, 31))
        #expect(OrderFormRules.checkLatestDelivery(d(2026, 12, 1), signedOn: d(2026, 12, 2)) == .deliveryBeforeSigning)
        #expect(OrderFormRules.checkLatestDelivery(d(2026, 12, 2), signedOn: d(2026, 12, 2)) == nil)
    }

    @Test func theLegalWarrantyIsTwoYearsOrOneForAUsedCarByAgreement() {
        #expect(OrderFormRules.defaultWarrantyMonths() == 24)
        #expect(LegalWarranty.check(months: 24, usedCar: false) == nil)
        #expect(LegalWarranty.check(months: 12, usedCar: false) == .warrantyNotAllowed)
        #expect(LegalWarranty.check(months: 12, usedCar: true) == nil)
        #expect(LegalWarranty.check(months: 24, usedCar: true) == nil)
        for bad in [0, 6, 11, 18, 36, -12] { #expect(LegalWarranty.check(months: bad, usedCar: true) == .warrantyNotAllowed) }
    }

    @Test func withdrawalOnlyForDistanceAndOffPremisesSales() {
        #expect(SaleChannel.showroom.withdrawalDays == 0)
        #expect(SaleChannel.distance.withdrawalDays == 14)
        #expect(SaleChannel.offPremises.withdrawalDays == 14)
    }

    @Test func documentsHandedOverIncludeTheCarPassForAUsedCar() {
        #expect(OrderFormRules.documentsHandedOver(usedCar: false) == [.registrationCertificate, .certificateOfConformity])
        #expect(OrderFormRules.documentsHandedOver(usedCar: true) == [.registrationCertificate, .certificateOfConformity, .carPass])
    }

    @Test func newForVATMeansAtMostSixMonthsOrAtMost6000Km() {
        let first = d(2026, 6, 15)
        #expect(OrderFormRules.isNewForVAT(firstRegistration: nil, odometerKm: 50_000, suppliedOn: d(2026, 12, 2)))
        #expect(OrderFormRules.isNewForVAT(firstRegistration: first, odometerKm: 20_000, suppliedOn: d(2026, 12, 15)))   // exactly 6 months
        #expect(!OrderFormRules.isNewForVAT(firstRegistration: first, odometerKm: 20_000, suppliedOn: d(2026, 12, 16)))
        #expect(OrderFormRules.isNewForVAT(firstRegistration: first, odometerKm: 6_000, suppliedOn: d(2028, 1, 1)))   // old but little used
        #expect(!OrderFormRules.isNewForVAT(firstRegistration: first, odometerKm: 6_001, suppliedOn: d(2028, 1, 1)))
        #expect(!OrderFormRules.isNewForVAT(firstRegistration: first, odometerKm: nil, suppliedOn: d(2028, 1, 1)))
        // 31 August + 6 months is the last day of February.
        #expect(OrderFormRules.isNewForVAT(firstRegistration: d(2026, 8, 31), odometerKm: 9_000, suppliedOn: d(2027, 2, 28)))
        #expect(!OrderFormRules.isNewForVAT(firstRegistration: d(2026, 8, 31), odometerKm: 9_000, suppliedOn: d(2027, 3, 1)))
    }

    @Test func choicesAreStoredByStableNames() {
        #expect(SaleChannel.allCases.map(\.rawValue) == ["showroom", "distance", "off_premises"])
        #expect(HandedOverDocument.allCases.map(\.rawValue) == ["registration_certificate", "certificate_of_conformity", "car_pass"])
    }
}
