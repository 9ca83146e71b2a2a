import Showroom
import Testing

@Suite struct TradeInRulesTests {
    static let today = CalendarDate(year: 2026, month: 7, day: 15)!

    static func golf() -> TradeInInput {
        var i = TradeInInput()
        i.make = "Volkswagen"
        i.model = "Golf"
        i.version = "2.0 TDI Style"
        i.offeredPrice = Money(cents: 12_500_00)
        return i
    }

    @Test func aCompleteTradeInBreaksNoRule() {
        var i = Self.golf()
        i.vin = "WVWZZZ1KZAW000010"
        i.firstRegistration = CalendarDate(year: 2019, month: 3, day: 1)
        i.odometerKm = 98_000
        i.estimatedValue = Money(cents: 14_000_00)
        i.expectedRepairCost = Money(cents: 0)
        #expect(TradeInRules.check(i, today: Self.today).isEmpty)
        #expect(i.title == "Volkswagen Golf 2.0 TDI Style")
    }

    @Test func theVINIsOptionalButValidWhenGiven() {
        var i = Self.golf()
        i.vin = ""
        #expect(TradeInRules.check(i, today: Self.today).isEmpty)
        for bad in ["WVWZZZ1KZAW00001", "WVWZZZ1KZAW0000I0", "WVWZZZ1KZAW00O010", "wvwzzz1kzaw000010"] {
            i.vin = bad
            #expect(TradeInRules.check(i, today: Self.today).map(\.1) == [.vinInvalid], "\(bad)")
        }
    }

    @Test func makeModelAndAPositiveOfferedPriceAreRequired() {
        var i = TradeInInput()
        let v = TradeInRules.check(i, today: Self.today)
        #expect(v.map(\.0) == [.make, .model, .offeredPrice])
        #expect(v.map(\.1) == [.required, .required, .tradeInAmountOutOfRange])
        i = Self.golf()
        i.offeredPrice = Money(cents: 1_000_000_001)
        #expect(TradeInRules.check(i, today: Self.today).map(\.1) == [.tradeInAmountOutOfRange])
        i.offeredPrice = Money(cents: 1_000_000_000)
        #expect(TradeInRules.check(i, today: Self.today).isEmpty)
    }

    @Test func amountsOdometerAndDatesHaveLimits() {
        var i = Self.golf()
        i.estimatedValue = Money(cents: -1)
        i.outstandingFinance = Money(cents: 1_000_000_001)
        i.expectedRepairCost = Money(cents: -100)
        i.odometerKm = 2_000_001
        i.firstRegistration = CalendarDate(year: 2026, month: 7, day: 16)
        let fields = TradeInRules.check(i, today: Self.today).map(\.0)
        #expect(fields == [.firstRegistration, .odometerKm, .repairCost, .outstandingFinance, .estimatedValue])
        i.plate = String(repeating: "A", count: 21)
        #expect(TradeInRules.check(i, today: Self.today).contains { $0 == (.plate, .tooLong) })
    }

    @Test func typedAmountsUseTheStocksParser() {
        #expect(VehicleRules.parseEuros("12.345,67") == Money(cents: 1_234_567))
        #expect(VehicleRules.parseEuros("€ 9500") == Money(cents: 950_000))
        #expect(VehicleRules.parseEuros("-5") == nil)
        #expect(TradeInRules.normalizePlate("  1-abc-123 ") == "1-ABC-123")
    }

    @Test func onlyAnApproverDecidesAProposedTradeInAndRefusingNeedsAReason() {
        #expect(TradeInRules.decide(.proposed, approve: true, reason: "", mayApprove: true) == .success(.approved))
        #expect(TradeInRules.decide(.proposed, approve: false, reason: "Te hoog", mayApprove: true) == .success(.refused))
        #expect(TradeInRules.decide(.proposed, approve: false, reason: "  \n ", mayApprove: true) == .failure(.tradeInReasonRequired))
        #expect(TradeInRules.decide(.proposed, approve: true, reason: "", mayApprove: false) == .failure(.tradeInApprovalNotPermitted))
        #expect(TradeInRules.decide(.approved, approve: false, reason: "x", mayApprove: true) == .failure(.tradeInAlreadyDecided))
        #expect(TradeInRules.decide(.refused, approve: true, reason: "", mayApprove: true) == .failure(.tradeInAlreadyDecided))
    }

    @Test func aPriceEditSendsItBackAndOnlyUnapprovedOnesAreDeleted() {
        let a = Money(cents: 100), b = Money(cents: 200)
        #expect(TradeInRules.statusAfterEdit(.approved, oldPrice: a, newPrice: b) == .proposed)
        #expect(TradeInRules.statusAfterEdit(.refused, oldPrice: a, newPrice: b) == .proposed)
        #expect(TradeInRules.statusAfterEdit(.approved, oldPrice: a, newPrice: a) == .approved)
        #expect(TradeInRules.mayDelete(usedOnIssuedQuote: false) && !TradeInRules.mayDelete(usedOnIssuedQuote: true))
    }
}
