/// The number of a quote (`O-2026-000042`) or an order form (`B-2026-000007`): the series
/// letter, the year, and a sequence that restarts at 1 each year, without gaps, at least six
/// digits. The store allocates the next number in the transaction that issues the document
/// (`next(after:series:year:)` says which).
public struct DocumentNumber: Hashable, Sendable, Comparable, CustomStringConvertible {
    public enum Series: String, CaseIterable, Sendable {
        /// Offerte.
        case quote = "O"
        /// Bestelbon.
        case orderForm = "B"
    }

    public let series: Series
    public let year: Int
    public let sequence: Int

    /// Nil for a year outside 1000...9999 or a sequence outside 1...999,999,999.
    public init?(series: Series, year: Int, sequence: Int) {
        guard (1000...9999).contains(year), (1...999_999_999).contains(sequence) else { return nil }
        self.series = series; self.year = year; self.sequence = sequence
    }

    public var description: String {
        let digits = String(sequence)
        return series.rawValue + "-" + String(year) + "-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// Parses the canonical form (series letter in either case; no extra leading zeros);
    /// nil for anything else, or for another series than `expected` when given.
    public init?(parsing text: String, expected: Series? = nil) {
        let upper = text.uppercased()
        let parts = upper.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, let series = Series(rawValue: String(parts[0])), expected == nil || expected == series,
              parts[1].count == 4, (6...9).contains(parts[2].count),
              parts[1].allSatisfy(\.isASCIIDigit), parts[2].allSatisfy(\.isASCIIDigit),
              let year = Int(parts[1]), let seq = Int(parts[2]),
              let number = DocumentNumber(series: series, year: year, sequence: seq), number.description == upper else { return nil }
        self = number
    }

    /// The number of the next document of `series` issued in `year`, given `last`, the highest
    /// number of that series and year issued so far (nil when none: the year starts at 1).
    /// Nil when `last` is of another series or year, or the year's sequence is exhausted.
    public static func next(after last: DocumentNumber?, series: Series, year: Int) -> DocumentNumber? {
        guard let last else { return DocumentNumber(series: series, year: year, sequence: 1) }
        guard last.series == series, last.year == year else { return nil }
        return DocumentNumber(series: series, year: year, sequence: last.sequence + 1)
    }

    public static func < (a: DocumentNumber, b: DocumentNumber) -> Bool {
        (a.series.rawValue, a.year, a.sequence) < (b.series.rawValue, b.year, b.sequence)
    }
}
