import Testing
@testable import Showroom

struct DocumentNumberTests {
    @Test func formatsQuoteAndOrderFormNumbers() {
        #expect(DocumentNumber(series: .quote, year: 2026, sequence: 42)?.description == "O-2026-000042")
        #expect(DocumentNumber(series: .orderForm, year: 2026, sequence: 7)?.description == "B-2026-000007")
        #expect(DocumentNumber(series: .quote, year: 2026, sequence: 1_234_567)?.description == "O-2026-1234567")
        #expect(DocumentNumber(series: .quote, year: 2026, sequence: 0) == nil)
        #expect(DocumentNumber(series: .quote, year: 999, sequence: 1) == nil)
        #expect(DocumentNumber(series: .quote, year: 2026, sequence: 1_000_000_000) == nil)
    }

    @Test(arguments: [(DocumentNumber.Series.quote, 2026, 42), (.orderForm, 2026, 7), (.quote, 1000, 999_999_999), (.orderForm, 9999, 1)])
    func parsesWhatItFormats(series: DocumentNumber.Series, year: Int, sequence: Int) throws {
        let n = try #require(DocumentNumber(series: series, year: year, sequence: sequence))
        #expect(DocumentNumber(parsing: n.description) == n)
        #expect(DocumentNumber(parsing: n.description.lowercased()) == n)
        #expect(DocumentNumber(parsing: n.description, expected: series) == n)
    }

    @Test(arguments: ["", "O-2026-42", "O-2026-0000042", "X-2026-000042", "L-2026-000042", "O2026000042", "O-26-000042",
                      "O-2026-000000", "O-2026-00004a", "O-2026-000042 ", " O-2026-000042", "O-2026-+00042", "O--2026-000042", "O-2026-1234567890"])
    func refusesAnythingElse(text: String) {
        #expect(DocumentNumber(parsing: text) == nil)
    }

    @Test func theExpectedSeriesMustMatch() {
        #expect(DocumentNumber(parsing: "B-2026-000007", expected: .quote) == nil)
        #expect(DocumentNumber(parsing: "O-2026-000042", expected: .orderForm) == nil)
    }

    @Test func theSequenceRestartsEachYearWithoutGaps() {
        let last = DocumentNumber(series: .quote, year: 2026, sequence: 41)
        #expect(DocumentNumber.next(after: last, series: .quote, year: 2026)?.description == "O-2026-000042")
        #expect(DocumentNumber.next(after: nil, series: .quote, year: 2027)?.description == "O-2027-000001")
        #expect(DocumentNumber.next(after: nil, series: .orderForm, year: 2026)?.description == "B-2026-000001")
        // A last number of another year or series is a caller's mistake, not a silent restart.
        #expect(DocumentNumber.next(after: last, series: .quote, year: 2027) == nil)
        #expect(DocumentNumber.next(after: last, series: .orderForm, year: 2026) == nil)
        #expect(DocumentNumber.next(after: DocumentNumber(series: .quote, year: 2026, sequence: 999_999_999), series: .quote, year: 2026) == nil)
    }
}
