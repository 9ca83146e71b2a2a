import Showroom
import Testing

@Suite struct VehicleRulesTests {
    static let today = CalendarDate(year: 2026, month: 7, day: 15)!

    /// A new car that breaks no rule; each test changes one thing.
    static func newCar() -> VehicleInput {
        var i = VehicleInput()
        i.vin = "WVWZZZ1KZAW000001"
        i.make = "Volkswagen"
        i.model = "Golf"
        i.fuel = .petrol
        i.powerKW = 110
        i.condition = .new
        i.branchID = 1
        i.askingPrice = Money(cents: 3_699_000)
        i.wltpTenths = 55
        i.co2GramsPerKm = 125
        return i
    }

    static func usedCar() -> VehicleInput {
        var i = newCar()
        i.condition = .used
        i.wltpTenths = nil
        i.co2GramsPerKm = nil
        i.firstRegistration = CalendarDate(year: 2021, month: 3, day: 1)
        i.odometerKm = 64_000
        return i
    }

    func violations(_ i: VehicleInput) -> [VehicleRules.Field: RuleViolation] {
        Dictionary(uniqueKeysWithValues: VehicleRules.check(i, today: Self.today).map { ($0.0, $0.1) })
    }

    @Test func aCompleteNewCarAndAUsedCarPass() {
        #expect(violations(Self.newCar()).isEmpty)
        #expect(violations(Self.usedCar()).isEmpty)
    }

    @Test(arguments: ["WVWZZZ1KZAW000001", "VF1RK3EYCER103571", "5YJ3E1EA7KF317000", "JTMW1RFV80D012345"])
    func validVINsPass(_ vin: String) { #expect(VehicleRules.isValidVIN(vin)) }

    @Test(arguments: [
        "WVWZZZ1KZAW00000I", "WVWZZZ1KZAW00000O", "WVWZZZ1KZAW00000Q", // I, O and Q never occur
        "WVWZZZ1KZAW00001", "WVWZZZ1KZAW0000011", "", // 16 and 18 characters, nothing
        "wvwzzz1kzaw000001", "WVWZZZ1KZAW-00001", "WVWZZZ1KZAW 00001", "WVWZZZ1KZAWÉ00001",
    ])
    func invalidVINsAreRefused(_ vin: String) {
        #expect(!VehicleRules.isValidVIN(vin))
        var car = Self.newCar()
        car.vin = vin
        #expect(violations(car)[.vin] == .vinInvalid)
    }

    @Test func vinIsNormalisedFromSpacesDashesAndLowerCase() {
        #expect(VehicleRules.normalizeVIN(" wvw zzz-1kz.aw000001 ") == "WVWZZZ1KZAW000001")
        #expect(VehicleRules.isValidVIN(VehicleRules.normalizeVIN("wvw zzz 1kz aw0 000 01")))
    }

    @Test func aNewCarNeedsWLTPAndCO2() {
        var car = Self.newCar()
        car.wltpTenths = nil
        car.co2GramsPerKm = nil
        #expect(violations(car)[.wltp] == .wltpRequired)
        #expect(violations(car)[.co2] == .co2Required)
        // An electric car's CO₂ is 0, which is a value, not a missing one.
        car.fuel = .electric
        car.wltpTenths = 154
        car.co2GramsPerKm = 0
        #expect(violations(car).isEmpty)
        // A used car does without.
        #expect(violations(Self.usedCar())[.wltp] == nil)
    }

    @Test func wltpAndCO2AreBounded() {
        var car = Self.newCar()
        car.wltpTenths = 0
        car.co2GramsPerKm = 1_000
        #expect(violations(car)[.wltp] == .wltpOutOfRange)
        #expect(violations(car)[.co2] == .co2OutOfRange)
    }

    @Test func usedAndDemoCarsNeedFirstRegistrationAndOdometer() {
        for condition in [VehicleCondition.used, .demo] {
            var car = Self.usedCar()
            car.condition = condition
            car.firstRegistration = nil
            car.odometerKm = nil
            #expect(violations(car)[.firstRegistration] == .firstRegistrationRequired)
            #expect(violations(car)[.odometerKm] == .odometerRequired)
        }
        var future = Self.usedCar()
        future.firstRegistration = CalendarDate(year: 2026, month: 7, day: 16)
        #expect(violations(future)[.firstRegistration] == .firstRegistrationInFuture)
        var tooFar = Self.usedCar()
        tooFar.odometerKm = 2_000_001
        #expect(violations(tooFar)[.odometerKm] == .odometerOutOfRange)
    }

    @Test func marginSchemeOnlyForUsedCars() {
        var used = Self.usedCar()
        used.vatRegime = .margin
        #expect(violations(used).isEmpty)
        var new = Self.newCar()
        new.vatRegime = .margin
        #expect(violations(new)[.vatRegime] == .marginOnlyForUsed)
        var demo = Self.usedCar()
        demo.condition = .demo
        demo.vatRegime = .margin
        #expect(violations(demo)[.vatRegime] == .marginOnlyForUsed)
        // Configurable (check): a dealer may allow demo cars; a new car never.
        #expect(VehicleRules.check(demo, today: Self.today, marginConditions: [.used, .demo]).isEmpty)
        #expect(VehicleRules.check(new, today: Self.today, marginConditions: [.new, .used]).contains { $0.1 == .marginOnlyForUsed })
    }

    @Test func priceIsPositiveAndAtMostTenMillion() {
        var car = Self.newCar()
        car.askingPrice = Money(cents: 1_000_000_000)
        #expect(violations(car).isEmpty)
        car.askingPrice = Money(cents: 1_000_000_001)
        #expect(violations(car)[.askingPrice] == .askingPriceOutOfRange)
        car.askingPrice = Money(cents: 0)
        #expect(violations(car)[.askingPrice] == .askingPriceOutOfRange)
        car = Self.newCar()
        car.purchasePrice = Money(cents: -1)
        #expect(violations(car)[.purchasePrice] == .askingPriceOutOfRange)
    }

    @Test func powerIsRequiredAndBounded() {
        var car = Self.newCar()
        car.powerKW = nil
        #expect(violations(car)[.powerKW] == .required)
        car.powerKW = 0
        #expect(violations(car)[.powerKW] == .powerOutOfRange)
        car.powerKW = 1_001
        #expect(violations(car)[.powerKW] == .powerOutOfRange)
    }

    @Test func horsepowerIsKilowattsTimes1_35962Rounded() {
        #expect(VehicleRules.horsepower(kW: 110) == 150)   // 149.56
        #expect(VehicleRules.horsepower(kW: 74) == 101)    // 100.61
        #expect(VehicleRules.horsepower(kW: 55) == 75)     // 74.78
        #expect(VehicleRules.horsepower(kW: 1) == 1)
        #expect(VehicleRules.horsepower(kW: 1_000) == 1_360)
        for kW in 1...1_000 {
            #expect(VehicleRules.horsepower(kW: kW) == Int((Double(kW) * 1.35962).rounded()))
        }
    }

    @Test func wltpUnitFollowsTheFuel() {
        #expect(Fuel.electric.wltpUnit == .kilowattHours)
        for fuel in Fuel.allCases where fuel != .electric { #expect(fuel.wltpUnit == .litres) }
    }

    @Test func eurosAreReadAsBelgiansTypeThem() {
        #expect(VehicleRules.parseEuros("24.990") == Money(cents: 2_499_000))
        #expect(VehicleRules.parseEuros("24990") == Money(cents: 2_499_000))
        #expect(VehicleRules.parseEuros("24.990,50") == Money(cents: 2_499_050))
        #expect(VehicleRules.parseEuros("€ 24 990,5") == Money(cents: 2_499_050))
        #expect(VehicleRules.parseEuros("24990.50") == Money(cents: 2_499_050))
        #expect(VehicleRules.parseEuros("1.234.567") == Money(cents: 123_456_700))
        for bad in ["", "abc", "-5", "12,345", "1,2,3", "12.3.4,5", "١٢"] { #expect(VehicleRules.parseEuros(bad) == nil, "\(bad)") }
    }

    @Test func tenthsAreReadWithCommaOrDot() {
        #expect(VehicleRules.parseTenths("5,4") == 54)
        #expect(VehicleRules.parseTenths("5.4") == 54)
        #expect(VehicleRules.parseTenths("16") == 160)
        for bad in ["", "5,45", "a", "5,", ",5", "-1"] { #expect(VehicleRules.parseTenths(bad) == nil, "\(bad)") }
        #expect(VehicleRules.tenthsText(54) == "5,4")
    }

    @Test func onlyAnAvailableCarCanBeReservedAndASoldOneNeverSoldAgain() {
        #expect(VehicleRules.canReserve(.available))
        #expect(!VehicleRules.canReserve(.reserved))
        #expect(!VehicleRules.canReserve(.sold))
        #expect(VehicleRules.canSell(.reserved))
        #expect(!VehicleRules.canSell(.sold))
    }
}
