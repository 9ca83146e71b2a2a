import Testing
@testable import Showroom

struct VATTests {
    @Test(arguments: [
        (15, 10, Int64(2)), (14, 10, 1), (-15, 10, -2), (-14, 10, -1), (5, 10, 1), (-5, 10, -1), (4, 10, 0), (-4, 10, 0),
        (0, 7, 0), (1, 2, 1), (-1, 2, -1), (3, 2, 2), (-3, 2, -2), (100, 3, 33), (200, 3, 67), (-200, 3, -67),
    ] as [(Int64, Int64, Int64)])
    func roundsHalfAwayFromZero(numerator: Int64, denominator: Int64, expected: Int64) {
        #expect(divideRoundingHalfAwayFromZero(numerator, by: denominator) == expected)
    }

    @Test func validRatesAreZeroToAHundredPercent() {
        #expect(VATRate(basisPoints: 0).isValid)
        #expect(VATRate(basisPoints: 2100).isValid)
        #expect(VATRate(basisPoints: 10_000).isValid)
        #expect(!VATRate(basisPoints: -1).isValid)
        #expect(!VATRate(basisPoints: 10_001).isValid)
        #expect(VATRate.standard.basisPoints == 2100)
    }

    @Test(arguments: [("21", 2100), ("21 %", 2100), ("21%", 2100), (" 6 ", 600), ("5,5", 550), ("5.5", 550), ("12,25", 1225),
                      ("0", 0), ("100", 10_000), ("101", 10_100), ("-1", -100), ("0,05", 5)])
    func readsPercentagesAsTyped(text: String, basisPoints: Int) throws {
        #expect(try #require(VATRate(percentText: text)).basisPoints == basisPoints)
    }

    @Test(arguments: ["", "%", "abc", "21,", ",5", "1,234", "21,5,1", "2 1", "1e2", "+21", "1234567"])
    func refusesWhatIsNotAPercentage(text: String) {
        #expect(VATRate(percentText: text) == nil)
    }

    @Test func writesPercentagesTheBelgianWay() {
        #expect(VATRate(basisPoints: 2100).percentText == "21")
        #expect(VATRate(basisPoints: 550).percentText == "5,5")
        #expect(VATRate(basisPoints: 1225).percentText == "12,25")
        #expect(VATRate(basisPoints: 5).percentText == "0,05")
        #expect(VATRate(basisPoints: -150).percentText == "-1,5")
        #expect(VATRate(basisPoints: 2100).description == "21 %")
    }
}
