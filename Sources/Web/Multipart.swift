#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// multipart/form-data (RFC 7578, on the multipart syntax of RFC 2046 §5.1.1), parsed as a
// stream: the parser is fed chunks of any size, keeps at most one delimiter's worth of bytes
// between them, and reports each part's head, its body in pieces and its end. It does no I/O
// and allocates nothing per byte of body, so a 200 MB file costs no more memory than a small
// one. Limits bound everything that it must hold: a part's header block, the number of
// parts, the size of a plain field. A protocol error ends the parse; nothing is guessed.

/// What the parser may hold or count for one body.
public struct MultipartLimits: Sendable, Equatable {
    /// Bytes of one part's header block (the lines between the delimiter and the blank line).
    public var maxHeaderBytes: Int
    /// Parts in one body.
    public var maxParts: Int
    /// Bytes of the value of a part that is not a file (a plain form field).
    public var maxFieldBytes: Int

    public init(maxHeaderBytes: Int = 8 * 1024, maxParts: Int = 64, maxFieldBytes: Int = 64 * 1024) {
        self.maxHeaderBytes = maxHeaderBytes
        self.maxParts = maxParts
        self.maxFieldBytes = maxFieldBytes
    }
}

public enum MultipartError: Error, Equatable, Sendable {
    /// The Content-Type is not multipart/form-data with a valid boundary.
    case notMultipart
    /// The body breaks the syntax (the reason is for logs and tests, never for users).
    case malformed(String)
    case headerTooLarge
    case tooManyParts
    case fieldTooLarge
    /// The body ended before the closing delimiter: a client that went away, or a cut body.
    case incomplete
}

/// A part's head: its field name, and for a file its name as sent and its declared type.
public struct MultipartPartHead: Equatable, Sendable {
    public var name: String
    /// The file name as the client sent it (`filename*` preferred over `filename`), decoded
    /// but not cleaned; nil for a plain field. An empty string is a file input left empty.
    public var filename: String?
    /// The client's claim about the type; informational only, never trusted.
    public var contentType: String?

    public init(name: String, filename: String? = nil, contentType: String? = nil) {
        self.name = name
        self.filename = filename
        self.contentType = contentType
    }

    public var isFile: Bool { filename != nil }

    /// The file name made safe to show and to put in a header (see `UploadFileName`).
    public var safeFilename: String? { filename.map(UploadFileName.sanitize) }
}

public enum MultipartEvent {
    case partBegin(MultipartPartHead)
    /// A piece of the current part's body; valid only during the call.
    case partData(UnsafeRawBufferPointer)
    case partEnd
}

public struct MultipartParser {
    private enum State {
        /// Before the first delimiter: bytes are discarded.
        case preamble
        /// Right after a delimiter: `--` (the end), or optional padding and CRLF.
        case delimiterTail
        /// Seen one `-` after the delimiter.
        case closeDash
        /// Seen padding (spaces, tabs) after the delimiter.
        case padding(Int)
        /// Seen CR after the delimiter (and any padding).
        case tailCR
        case headers
        case body
        /// After the closing delimiter: bytes are discarded.
        case epilogue
    }

    private let delimiter: [UInt8]
    private let limits: MultipartLimits
    private var state = State.preamble
    /// Bytes at the end of the last chunk that may begin a delimiter. Always a proper prefix
    /// of `delimiter`, so its only CR is its first byte.
    private var carry: [UInt8]
    private var headerBlock: [UInt8] = []
    private var parts = 0
    private var currentIsFile = false
    private var currentBytes = 0

    /// True once the closing delimiter has been read.
    public private(set) var isComplete = false

    /// `boundary` as given in the Content-Type (1-70 characters of RFC 2046's `bchars`).
    public init(boundary: String, limits: MultipartLimits = MultipartLimits()) throws(MultipartError) {
        guard Self.isValidBoundary(boundary) else { throw .notMultipart }
        delimiter = Array("\r\n--".utf8) + Array(boundary.utf8)
        self.limits = limits
        // The first delimiter may open the body without a CRLF before it: start as if one
        // had just been read.
        carry = [13, 10]
    }

    /// RFC 2046: `boundary := 0*69<bchars> bcharsnospace`.
    public static func isValidBoundary(_ b: String) -> Bool {
        let u = Array(b.utf8)
        guard (1...70).contains(u.count), u.last != 32 else { return false }
        return u.allSatisfy { c in
            (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || "'()+_,-./:=? ".utf8.contains(c)
        }
    }

    /// The boundary of a `multipart/form-data` Content-Type, e.g.
    /// `multipart/form-data; boundary="----x"`; throws `.notMultipart` otherwise.
    public static func boundary(contentType: String) throws(MultipartError) -> String {
        let params = HeaderParameters.parse(contentType)
        guard let params, params.value.lowercased() == "multipart/form-data",
              let boundary = params["boundary"], isValidBoundary(boundary) else { throw .notMultipart }
        return boundary
    }

    /// Feeds the next chunk of the body; `emit` sees the events it completes, in order.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer, _ emit: (MultipartEvent) throws -> Void) throws {
        guard let base = chunk.baseAddress else { return }
        let n = chunk.count
        var i = 0
        while i < n {
            switch state {
            case .preamble, .body:
                i = try scan(base, n, from: i, emit)
            case .delimiterTail:
                let c = base.load(fromByteOffset: i, as: UInt8.self)
                i += 1
                switch c {
                case UInt8(ascii: "-"): state = .closeDash
                case 32, 9: state = .padding(1)
                case 13: state = .tailCR
                default: throw MultipartError.malformed("delimiter not followed by CRLF or --")
                }
            case .closeDash:
                guard base.load(fromByteOffset: i, as: UInt8.self) == UInt8(ascii: "-") else { throw MultipartError.malformed("single dash after delimiter") }
                i += 1
                isComplete = true
                state = .epilogue
            case .padding(let count):
                let c = base.load(fromByteOffset: i, as: UInt8.self)
                i += 1
                switch c {
                case 32, 9:
                    guard count < 256 else { throw MultipartError.malformed("too much padding after delimiter") }
                    state = .padding(count + 1)
                case 13: state = .tailCR
                default: throw MultipartError.malformed("padding not followed by CRLF")
                }
            case .tailCR:
                guard base.load(fromByteOffset: i, as: UInt8.self) == 10 else { throw MultipartError.malformed("CR without LF after delimiter") }
                i += 1
                guard parts < limits.maxParts else { throw MultipartError.tooManyParts }
                headerBlock.removeAll(keepingCapacity: true)
                state = .headers
            case .headers:
                let c = base.load(fromByteOffset: i, as: UInt8.self)
                i += 1
                headerBlock.append(c)
                guard headerBlock.count <= limits.maxHeaderBytes else { throw MultipartError.headerTooLarge }
                let k = headerBlock.count
                if k == 2 && headerBlock[0] == 13 && headerBlock[1] == 10 {
                    throw MultipartError.malformed("part without headers")
                }
                if k >= 4 && headerBlock[k - 4] == 13 && headerBlock[k - 3] == 10 && headerBlock[k - 2] == 13 && headerBlock[k - 1] == 10 {
                    let head = try Self.parseHead(headerBlock[0..<(k - 4)])
                    parts += 1
                    currentIsFile = head.isFile
                    currentBytes = 0
                    state = .body
                    try emit(.partBegin(head))
                }
            case .epilogue:
                i = n
            }
        }
    }

    /// Declares the end of the body: throws `.incomplete` unless the closing delimiter came.
    public func finish() throws(MultipartError) {
        guard isComplete else { throw .incomplete }
    }

    /// Scans for the delimiter from `start`; emits body bytes (in `.body`) or drops them (in
    /// `.preamble`). Returns the index where scanning stopped.
    private mutating func scan(_ base: UnsafeRawPointer, _ n: Int, from start: Int, _ emit: (MultipartEvent) throws -> Void) throws -> Int {
        let i = start
        let d = delimiter.count
        if !carry.isEmpty {
            let need = d - carry.count
            let avail = min(need, n - i)
            let matches = delimiter.withUnsafeBytes { dp in memcmp(base + i, dp.baseAddress! + carry.count, avail) == 0 }
            if matches {
                if avail == need {
                    carry.removeAll(keepingCapacity: true)
                    try delimiterFound(emit)
                    return i + avail
                }
                carry.append(contentsOf: UnsafeRawBufferPointer(start: base + i, count: avail))
                return n
            }
            // Not a delimiter after all: the carried bytes are data. Its only CR was its
            // first byte, so no other delimiter can start inside it.
            let carried = carry
            carry.removeAll(keepingCapacity: true)
            try data(carried, emit)
        }
        var p = i
        while true {
            guard let found = memchr(base + p, 13, n - p) else {
                try data(UnsafeRawBufferPointer(start: base + i, count: n - i), emit)
                return n
            }
            let cr = UnsafeRawPointer(found) - base
            let rest = n - cr
            let compare = min(rest, d)
            let matches = delimiter.withUnsafeBytes { dp in memcmp(base + cr, dp.baseAddress!, compare) == 0 }
            if !matches {
                p = cr + 1
                continue
            }
            try data(UnsafeRawBufferPointer(start: base + i, count: cr - i), emit)
            if rest >= d {
                try delimiterFound(emit)
                return cr + d
            }
            carry.append(contentsOf: UnsafeRawBufferPointer(start: base + cr, count: rest))
            return n
        }
    }

    private mutating func data(_ bytes: [UInt8], _ emit: (MultipartEvent) throws -> Void) throws {
        try bytes.withUnsafeBytes { try data($0, emit) }
    }

    private mutating func data(_ bytes: UnsafeRawBufferPointer, _ emit: (MultipartEvent) throws -> Void) throws {
        guard case .body = state, bytes.count > 0 else { return }
        currentBytes += bytes.count
        if !currentIsFile && currentBytes > limits.maxFieldBytes { throw MultipartError.fieldTooLarge }
        try emit(.partData(bytes))
    }

    private mutating func delimiterFound(_ emit: (MultipartEvent) throws -> Void) throws {
        if case .body = state { try emit(.partEnd) }
        state = .delimiterTail
    }

    /// Reads a part's header block (without its final blank line).
    static func parseHead(_ block: ArraySlice<UInt8>) throws(MultipartError) -> MultipartPartHead {
        // Lines end in CRLF; a bare CR or LF is not allowed; a line starting with white space
        // continues the previous one (obsolete folding, still accepted).
        var lines: [[UInt8]] = []
        var line: [UInt8] = []
        var i = block.startIndex
        while i < block.endIndex {
            let c = block[i]
            if c == 13 {
                guard i + 1 < block.endIndex, block[i + 1] == 10 else { throw .malformed("bare CR in part header") }
                lines.append(line)
                line = []
                i += 2
                continue
            }
            if c == 10 || c == 0 { throw .malformed("bare LF or NUL in part header") }
            line.append(c)
            i += 1
        }
        lines.append(line)
        var unfolded: [[UInt8]] = []
        for l in lines {
            if let f = l.first, f == 32 || f == 9, !unfolded.isEmpty {
                unfolded[unfolded.count - 1].append(32)
                unfolded[unfolded.count - 1].append(contentsOf: l.drop { $0 == 32 || $0 == 9 })
            } else {
                unfolded.append(l)
            }
        }
        var disposition: String?
        var contentType: String?
        for l in unfolded {
            guard let colon = l.firstIndex(of: UInt8(ascii: ":")), colon > 0 else { throw .malformed("header line without a name") }
            let name = l[..<colon]
            guard name.allSatisfy(HeaderParameters.isTokenByte) else { throw .malformed("bad header name") }
            let value = String(decoding: l[(colon + 1)...], as: UTF8.self)
            switch String(decoding: name, as: UTF8.self).lowercased() {
            case "content-disposition":
                guard disposition == nil else { throw .malformed("two Content-Disposition headers") }
                disposition = value
            case "content-type":
                contentType = HeaderParameters.trim(value)
            default:
                break // Content-Transfer-Encoding and others: ignored (RFC 7578 §4.7)
            }
        }
        guard let disposition, let params = HeaderParameters.parse(disposition), params.value.lowercased() == "form-data" else {
            throw .malformed("part without Content-Disposition: form-data")
        }
        guard let name = params["name"] else { throw .malformed("part without a name") }
        var filename: String?
        if let extended = params["filename*"], let decoded = HeaderParameters.decodeExtValue(extended) {
            filename = decoded
        } else if let plain = params["filename"] {
            filename = HeaderParameters.unescapeHTMLFormFilename(plain)
        }
        return MultipartPartHead(name: name, filename: filename, contentType: contentType)
    }
}

/// A header value with parameters: `form-data; name="a"; filename*=UTF-8''%E2%82%AC`.
struct HeaderParameters {
    var value: String
    private var params: [(String, String)]

    subscript(name: String) -> String? { params.first { $0.0 == name }?.1 }

    static func isTokenByte(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || "!#$%&'*+-.^_`|~".utf8.contains(c)
    }

    static func trim(_ s: String) -> String {
        var u = Substring(s).utf8[...]
        while let f = u.first, f == 32 || f == 9 { u = u.dropFirst() }
        while let l = u.last, l == 32 || l == 9 { u = u.dropLast() }
        return String(decoding: u, as: UTF8.self)
    }

    /// Parses `value *( ";" name "=" ( token / quoted-string ) )`; parameter names are
    /// lower-cased, the first of a repeated name wins. Nil when the syntax is broken.
    static func parse(_ header: String) -> HeaderParameters? {
        let u = Array(header.utf8)
        var i = 0
        func skipSpace() { while i < u.count, u[i] == 32 || u[i] == 9 { i += 1 } }
        skipSpace()
        let valueStart = i
        while i < u.count, u[i] != UInt8(ascii: ";") { i += 1 }
        let value = trim(String(decoding: u[valueStart..<i], as: UTF8.self))
        guard !value.isEmpty else { return nil }
        var params: [(String, String)] = []
        while i < u.count {
            // At a ';'.
            i += 1
            skipSpace()
            if i == u.count { break } // a trailing ';' is tolerated
            let nameStart = i
            while i < u.count, isTokenByte(u[i]) { i += 1 }
            guard i > nameStart else { return nil }
            let name = String(decoding: u[nameStart..<i], as: UTF8.self).lowercased()
            skipSpace()
            guard i < u.count, u[i] == UInt8(ascii: "=") else { return nil }
            i += 1
            skipSpace()
            var v: [UInt8] = []
            if i < u.count, u[i] == UInt8(ascii: "\"") {
                i += 1
                var closed = false
                while i < u.count {
                    let c = u[i]
                    if c == UInt8(ascii: "\"") { closed = true; i += 1; break }
                    // A quoted-pair only for `\"` and `\\`: browsers send Windows paths with
                    // bare backslashes, which must stay as they are.
                    if c == UInt8(ascii: "\\"), i + 1 < u.count, u[i + 1] == UInt8(ascii: "\"") || u[i + 1] == UInt8(ascii: "\\") {
                        v.append(u[i + 1])
                        i += 2
                        continue
                    }
                    v.append(c)
                    i += 1
                }
                guard closed else { return nil }
                skipSpace()
            } else {
                let start = i
                while i < u.count, u[i] != UInt8(ascii: ";") { i += 1 }
                v = Array(u[start..<i])
                while let l = v.last, l == 32 || l == 9 { v.removeLast() }
            }
            guard i == u.count || u[i] == UInt8(ascii: ";") else { return nil }
            if !params.contains(where: { $0.0 == name }) {
                params.append((name, String(decoding: v, as: UTF8.self)))
            }
        }
        return HeaderParameters(value: value, params: params)
    }

    /// RFC 8187 (was RFC 5987) `ext-value`: `charset'[language]'pct-encoded`, for UTF-8 and
    /// ISO-8859-1; nil when malformed.
    static func decodeExtValue(_ s: String) -> String? {
        let parts = s.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        let charset = parts[0].lowercased()
        var bytes: [UInt8] = []
        var u = Array(parts[2].utf8)[...]
        while let c = u.first {
            u = u.dropFirst()
            if c == UInt8(ascii: "%") {
                guard u.count >= 2, let h = hex(u[u.startIndex]), let l = hex(u[u.startIndex + 1]) else { return nil }
                bytes.append(h << 4 | l)
                u = u.dropFirst(2)
            } else {
                guard c > 32, c < 127 else { return nil }
                bytes.append(c)
            }
        }
        switch charset {
        case "utf-8":
            // Invalid UTF-8 is refused rather than repaired: the plain `filename` then applies.
            var it = bytes.makeIterator()
            var decoder = UTF8()
            var out = String.UnicodeScalarView()
            while true {
                switch decoder.decode(&it) {
                case .scalarValue(let v): out.append(v)
                case .emptyInput: return String(out)
                case .error: return nil
                }
            }
        case "iso-8859-1":
            return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        default:
            return nil
        }
    }

    /// Browsers write `"` as `%22`, CR as `%0D` and LF as `%0A` inside a quoted filename (the
    /// HTML form-data encoding); nothing else is escaped, so only these are undone.
    static func unescapeHTMLFormFilename(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "%")) else { return s }
        let u = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(u.count)
        var i = 0
        while i < u.count {
            if u[i] == UInt8(ascii: "%"), i + 2 < u.count {
                let code = (hex(u[i + 1]) ?? 0xFF, hex(u[i + 2]) ?? 0xFF)
                if code == (2, 2) { out.append(UInt8(ascii: "\"")); i += 3; continue }
                if code == (0, 0xD) { out.append(13); i += 3; continue }
                if code == (0, 0xA) { out.append(10); i += 3; continue }
            }
            out.append(u[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: return c - 48
        case 65...70: return c - 55
        case 97...102: return c - 87
        default: return nil
        }
    }
}
