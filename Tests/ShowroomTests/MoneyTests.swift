import Testing
@testable import Showroom

struct MoneyTests {
    static let positive: [(Int64, String)] = [
        (0, "€ 0,00"),
        (5, "€ 0,05"),
        (10, "€ 0,10"),
        (99, "€ 0,99"),
        (100, "€ 1,00"),
        (1_234, "€ 12,34"),
        (99_999, "€ 999,99"),
        (100_000, "€ 1.000,00"),
        (1_234_567, "€ 12.345,67"),
        (12_345_678, "€ 123.456,78"),
        (100_000_000, "€ 1.000.000,00"),
        (123_456_789_01, "€ 123.456.789,01"),
        (Int64.max, "€ 92.233.720.368.547.758,07"),
    ]
    static let negative: [(Int64, String)] = [
        (-1, "-€ 0,01"),
        (-5, "-€ 0,05"),
        (-500, "-€ 5,00"),
        (-1_234_567, "-€ 12.345,67"),
        (-100_000, "-€ 1.000,00"),
        (Int64.min, "-€ 92.233.720.368.547.758,08"),
    ]

    @Test(arguments: positive)
    func belgianNotationOfPositiveAmounts(cents: Int64, expected: String) {
        #expect(Money(cents: cents).belgian == expected)
    }

    @Test(arguments: negative)
    func belgianNotationOfNegativeAmounts(cents: Int64, expected: String) {
        #expect(Money(cents: cents).belgian == expected)
    }

    @Test func belgianNotationUsesNoFloatingPointRounding() {
        // 0.1 + 0.2 style errors cannot happen: every cent count prints its own digits.
        for cents in Int64(0)...Int64(2_000) {
            let s = Money(cents: cents).belgian
            let expectedTail = "," + (cents % 100 < 10 ? "0" : "") + String(cents % 100)
            #expect(s.hasSuffix(expectedTail), "\(cents) → \(s)")
            #expect(s.hasPrefix("€ " + String(cents / 100)), "\(cents) → \(s)")
        }
    }

    @Test func moneyIsOrderedByCents() {
        #expect(Money(cents: -1) < Money(cents: 0))
        #expect(Money(cents: 100) > Money(cents: 99))
        #expect([Money(cents: 3), Money(cents: -2), Money(cents: 1)].sorted() == [Money(cents: -2), Money(cents: 1), Money(cents: 3)])
    }
}
