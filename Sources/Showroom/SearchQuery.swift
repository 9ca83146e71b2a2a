import Foundation

/// Turns what a user typed into an FTS5 query: each word becomes a quoted prefix term, so no
/// FTS syntax typed by a user is ever interpreted. Phone numbers are matched on their digits.
public enum SearchQuery {
    public static func match(_ text: String) -> String? {
        // A phone number typed in groups (`0475 12 34 56`) is one number.
        let compact = text.filter { !$0.isWhitespace }
        if compact.filter(\.isNumber).count >= 6, compact.allSatisfy({ $0.isNumber || "+-./()".contains($0) }) {
            var digits = compact.filter(\.isNumber)
            if digits.hasPrefix("00") { digits.removeFirst(2) }
            return "\"" + digits + "\"*"
        }
        var terms: [String] = []
        for word in text.split(whereSeparator: { $0.isWhitespace }).prefix(8) {
            var w = String(word)
            let digits = w.filter(\.isNumber)
            if digits.count >= 4 && w.allSatisfy({ $0.isNumber || "+-./()".contains($0) }) {
                w = digits
                if w.hasPrefix("00") { w.removeFirst(2) }
            }
            let cleaned = w.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "@" || $0 == "." }
            let term = String(String.UnicodeScalarView(cleaned)).replacingOccurrences(of: "\"", with: "")
            guard !term.isEmpty else { continue }
            terms.append("\"" + term + "\"*")
        }
        return terms.isEmpty ? nil : terms.joined(separator: " ")
    }
}
