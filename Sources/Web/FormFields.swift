/// Name/value pairs from a query string or an urlencoded body, parsed once.
/// Lookups return the first value; `all(_:)` returns every value of a repeated name.
public struct FormFields: Sendable, Equatable {
    public private(set) var pairs: [(name: String, value: String)]

    public init(pairs: [(name: String, value: String)] = []) { self.pairs = pairs }

    public static func == (a: FormFields, b: FormFields) -> Bool {
        a.pairs.count == b.pairs.count && zip(a.pairs, b.pairs).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    /// Parses `a=1&b=two+words&c=%C3%A9`. Limits keep a hostile input from costing much:
    /// more than `maxPairs` pairs, or a bad escape anywhere, is a 400.
    public static func parse<C: Collection>(urlencoded bytes: C, maxPairs: Int = 1000) throws(HTTPError) -> FormFields where C.Element == UInt8, C.SubSequence: Collection {
        var pairs: [(name: String, value: String)] = []
        if bytes.isEmpty { return FormFields() }
        for part in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            guard pairs.count < maxPairs else { throw HTTPError(.badRequest, reason: .malformed) }
            let eq = part.firstIndex(of: UInt8(ascii: "="))
            let rawName = eq.map { part[part.startIndex..<$0] } ?? part[...]
            let rawValue = eq.map { part[part.index(after: $0)...] } ?? part[part.endIndex...]
            do {
                let name = try PercentDecoding.decode(rawName, plusIsSpace: true)
                let value = try PercentDecoding.decode(rawValue, plusIsSpace: true)
                // A NUL byte has no business in any field and could cut a value short downstream.
                guard !name.utf8.contains(0), !value.utf8.contains(0) else { throw HTTPError(.badRequest, reason: .malformed) }
                pairs.append((name, value))
            } catch {
                throw HTTPError(.badRequest, reason: .malformed)
            }
        }
        return FormFields(pairs: pairs)
    }

    public subscript(name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    public func all(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.map(\.value)
    }

    /// The value with surrounding white space trimmed; nil when absent or blank.
    public func trimmed(_ name: String) -> String? {
        guard let raw = self[name] else { return nil }
        let t = raw.trimmingWhitespace()
        return t.isEmpty ? nil : t
    }

    public mutating func append(_ name: String, _ value: String) { pairs.append((name, value)) }
}

extension String {
    public func trimmingWhitespace() -> String {
        var scalars = Substring(self).unicodeScalars
        while let f = scalars.first, f.properties.isWhitespace { scalars.removeFirst() }
        while let l = scalars.last, l.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
