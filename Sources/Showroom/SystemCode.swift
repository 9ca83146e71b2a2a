/// The human-readable, unique code of a lead: `L-2026-000123` (year of creation and a
/// sequence number that restarts each year, at least six digits).
public struct SystemCode: Equatable, Hashable, Sendable, CustomStringConvertible {
    public let year: Int
    public let sequence: Int

    public init(year: Int, sequence: Int) {
        precondition(year >= 1000 && year <= 9999 && sequence > 0)
        self.year = year
        self.sequence = sequence
    }

    public var description: String {
        let digits = String(sequence)
        return "L-\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// Parses `L-2026-000123` (case-insensitive prefix); nil for anything else.
    public init?(parsing text: String) {
        let parts = text.uppercased().split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "L", parts[1].count == 4, parts[2].count >= 6, parts[2].count <= 9,
              parts[1].allSatisfy(\.isASCIIDigit), parts[2].allSatisfy(\.isASCIIDigit),
              let year = Int(parts[1]), let seq = Int(parts[2]), year >= 1000, seq > 0 else { return nil }
        // Only the canonical spelling names a lead (no extra leading zeros).
        guard SystemCode(year: year, sequence: seq).description == text.uppercased() else { return nil }
        self.year = year
        self.sequence = seq
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
