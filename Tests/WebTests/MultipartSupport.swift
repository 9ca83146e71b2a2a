import Testing
@testable import Web

/// One part as the tests see it: its head and its whole body.
struct CollectedPart: Equatable {
    var head: MultipartPartHead
    var body: [UInt8]

    init(_ head: MultipartPartHead, _ body: [UInt8]) {
        self.head = head
        self.body = body
    }

    init(field name: String, _ value: String) {
        self.init(MultipartPartHead(name: name), Array(value.utf8))
    }
}

extension CollectedPart: CustomTestStringConvertible {
    /// Short: a failed comparison of megabytes of body must not flood the log.
    var testDescription: String {
        var h: UInt64 = 1469598103934665603
        for b in body { h = (h ^ UInt64(b)) &* 1099511628211 }
        return "\(head.name)|\(head.filename ?? "-")|\(head.contentType ?? "-")|\(body.count) bytes #\(String(h, radix: 16))"
    }
}

/// The outcome of a parse: the parts, or the error that stopped it.
enum ParseOutcome: Equatable {
    case parts([CollectedPart])
    case failed(MultipartError)
}

/// Feeds `body` to a parser in pieces whose sizes come from `nextSize` (called with the
/// number of bytes left), then declares the end.
func parseMultipart(_ body: [UInt8], boundary: String = "XyZ", limits: MultipartLimits = MultipartLimits(),
                    nextSize: (Int) -> Int = { $0 }) -> ParseOutcome {
    var parts: [CollectedPart] = []
    var current: CollectedPart?
    do {
        var parser = try MultipartParser(boundary: boundary, limits: limits)
        var i = 0
        while i < body.count {
            let n = max(1, min(nextSize(body.count - i), body.count - i))
            let piece = Array(body[i..<(i + n)])
            try piece.withUnsafeBytes { raw in
                try parser.feed(raw) { event in
                    switch event {
                    case .partBegin(let head):
                        precondition(current == nil, "part began inside a part")
                        current = CollectedPart(head, [])
                    case .partData(let bytes):
                        precondition(current != nil, "data outside a part")
                        current!.body.append(contentsOf: bytes)
                    case .partEnd:
                        parts.append(current!)
                        current = nil
                    }
                }
            }
            i += n
        }
        try parser.finish()
        precondition(current == nil, "complete with an open part")
        return .parts(parts)
    } catch let e as MultipartError {
        return .failed(e)
    } catch {
        fatalError("unexpected error \(error)")
    }
}

/// Builds a body: each part as (headers, body), CRLF line ends, and the closing delimiter.
func multipartBody(_ parts: [([String], [UInt8])], boundary: String = "XyZ", preamble: String = "", epilogue: String = "") -> [UInt8] {
    var out = Array(preamble.utf8)
    for (index, (headers, body)) in parts.enumerated() {
        // The first delimiter may open the body without a CRLF before it.
        out += Array(((index == 0 && preamble.isEmpty ? "" : "\r\n") + "--\(boundary)\r\n").utf8)
        for h in headers { out += Array((h + "\r\n").utf8) }
        out += Array("\r\n".utf8)
        out += body
    }
    out += Array("\r\n--\(boundary)--\r\n".utf8)
    out += Array(epilogue.utf8)
    return out
}

func fieldPart(_ name: String, _ value: String) -> ([String], [UInt8]) {
    (["Content-Disposition: form-data; name=\"\(name)\""], Array(value.utf8))
}

func filePart(_ name: String, filename: String, type: String = "application/octet-stream", _ body: [UInt8]) -> ([String], [UInt8]) {
    (["Content-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"", "Content-Type: \(type)"], body)
}

/// A small, seedable generator: the fuzz tests are random but repeatable.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
