/// The one HTML writer. Markup goes in only as `StaticString` literals (`raw`), so no
/// value computed at run time can reach the page unescaped; every value goes through
/// `text` (element content) or `attr` (attribute values), which escape.
public struct HTML {
    public private(set) var bytes: [UInt8]

    public init(capacity: Int = 16 * 1024) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Markup an `HTML` writer made earlier (kept by a cache): it went through `raw`, `text`
    /// and `attr` when it was written, so it is appended as it is.
    public mutating func append(_ fragment: HTMLFragment) {
        bytes.append(contentsOf: fragment.bytes)
    }

    /// What was written so far, as a fragment to keep and append to another page later.
    public var fragment: HTMLFragment { HTMLFragment(bytes: bytes) }

    /// Literal markup written by the programmer.
    @inline(__always)
    public mutating func raw(_ markup: StaticString) {
        markup.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Text content, escaped for use between tags and inside quoted attributes.
    public mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { append(escaping: $0) }
    }

    public mutating func text(_ value: Substring) { text(String(value)) }

    /// An attribute value; the caller writes the surrounding quotes as markup: `raw("<a href=\"")`.
    @inline(__always)
    public mutating func attr(_ value: String) { text(value) }

    public mutating func int<I: BinaryInteger>(_ value: I) {
        bytes.append(contentsOf: String(value).utf8)
    }

    private mutating func append(escaping source: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for i in 0..<source.count {
            let replacement: StaticString
            switch source[i] {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'"): replacement = "&#39;"
            default: continue
            }
            if i > start { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[start..<i])) }
            replacement.withUTF8Buffer { bytes.append(contentsOf: $0) }
            start = i + 1
        }
        if start < source.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[start...])) }
    }

    public var string: String { String(decoding: bytes, as: UTF8.self) }
}

/// A piece of a page written by `HTML` (escaped when it was written). Only an `HTML` writer
/// makes one, so a fragment can never carry unescaped text from elsewhere.
public struct HTMLFragment: Sendable {
    fileprivate let bytes: [UInt8]
    public var count: Int { bytes.count }
}
