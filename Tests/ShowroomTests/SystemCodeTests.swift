import Testing
@testable import Showroom

struct SystemCodeTests {
    static let formats: [(Int, Int, String)] = [
        (2026, 123, "L-2026-000123"),
        (2026, 1, "L-2026-000001"),
        (2026, 999_999, "L-2026-999999"),
        (2026, 1_000_000, "L-2026-1000000"),
        (1999, 42, "L-1999-000042"),
        (9999, 123_456_789, "L-9999-123456789"),
    ]
    static let roundTrips: [(Int, Int)] = [(2026, 1), (2026, 123), (2030, 999_999), (1000, 1_000_000), (9999, 999_999_999)]

    @Test(arguments: formats)
    func formatsWithAtLeastSixDigits(year: Int, sequence: Int, expected: String) {
        #expect(SystemCode(year: year, sequence: sequence).description == expected)
    }

    @Test func parsesTheCanonicalForm() throws {
        let code = try #require(SystemCode(parsing: "L-2026-000123"))
        #expect(code.year == 2026)
        #expect(code.sequence == 123)
        #expect(code == SystemCode(year: 2026, sequence: 123))
    }

    @Test func prefixIsCaseInsensitive() throws {
        let code = try #require(SystemCode(parsing: "l-2026-000123"))
        #expect(code == SystemCode(year: 2026, sequence: 123))
    }

    @Test func parsesLongSequences() throws {
        #expect(SystemCode(parsing: "L-2026-1234567") == SystemCode(year: 2026, sequence: 1_234_567))
        #expect(SystemCode(parsing: "L-2026-123456789") == SystemCode(year: 2026, sequence: 123_456_789))
    }

    @Test(arguments: roundTrips)
    func descriptionRoundTripsThroughParsing(year: Int, sequence: Int) {
        let code = SystemCode(year: year, sequence: sequence)
        #expect(SystemCode(parsing: code.description) == code)
    }

    @Test(arguments: [
        "",
        "L",
        "L-",
        "L--",
        "L-2026",
        "L-2026-",
        "L-2026-12345",          // fewer than six digits
        "L-2026-1234567890",     // more than nine digits
        "L-26-000123",           // two-digit year
        "L-20266-000123",        // five-digit year
        "L-0999-000123",         // year below 1000
        "L-2026-000000",         // sequence zero
        "X-2026-000123",
        "LL-2026-000123",
        "L_2026_000123",
        "L–2026–000123",         // en dashes
        "L-2026-000123-1",
        "L-2026-00012a",
        "L-2O26-000123",         // letter O
        "L-2026-+00123",
        "L-2026--00123",
        "L-2026- 00123",
        " L-2026-000123",
        "L-2026-000123 ",
        "L-2026-000123\n",
        "L-2026-000123\u{0}",
        "L-２０２６-000123",       // full-width digits
        "L-2026-٠٠٠١٢٣",         // Arabic-Indic digits
        "L-2026-00012\u{0663}",
        "L-2026-000123\u{0301}", // combining accent on the last digit
        "2026-000123",
    ])
    func rejectsMalformedCodes(text: String) {
        #expect(SystemCode(parsing: text) == nil)
    }

    @Test func codesOfDifferentYearsDiffer() {
        #expect(SystemCode(year: 2025, sequence: 1) != SystemCode(year: 2026, sequence: 1))
        #expect(Set([SystemCode(year: 2025, sequence: 1), SystemCode(year: 2026, sequence: 1), SystemCode(year: 2026, sequence: 1)]).count == 2)
    }

    @Test func yearBelowOneThousandIsAProgrammingError() async {
        await #expect(processExitsWith: .failure) {
            _ = SystemCode(year: 999, sequence: 1)
        }
    }

    @Test func sequenceZeroIsAProgrammingError() async {
        await #expect(processExitsWith: .failure) {
            _ = SystemCode(year: 2026, sequence: 0)
        }
    }
}
