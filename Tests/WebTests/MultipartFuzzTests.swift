import Testing
@testable import Web

/// Random bodies, random cuts, random damage: the parser must never crash, must give the
/// same answer however the body is cut into chunks, and must find exactly the parts that
/// were put in. Seeds are fixed so a failure can be replayed.
struct MultipartFuzzTests {
    static let boundary = "----ShowroomFuzz7d1"

    /// Bytes that stress the delimiter search: CR, LF, dashes and pieces of the boundary.
    static func nastyBytes(_ count: Int, _ rng: inout SplitMix64) -> [UInt8] {
        let pieces: [[UInt8]] = [[13], [10], [13, 10], Array("--".utf8), Array("\r\n--".utf8), Array("\r\n----Showroom".utf8),
                                 Array("\r\n--\(boundary.dropLast())".utf8), Array(boundary.utf8.dropLast(2)), [0], [0xFF]]
        var out: [UInt8] = []
        while out.count < count {
            if Int.random(in: 0..<4, using: &rng) == 0 {
                out += pieces.randomElement(using: &rng)!
            } else {
                out.append(UInt8.random(in: 0...255, using: &rng))
            }
        }
        out = Array(out.prefix(count))
        // The one thing a body may not contain is its own delimiter: break any that formed.
        let delimiter = Array("\r\n--\(boundary)".utf8)
        var i = 0
        while i + delimiter.count <= out.count {
            if out[i..<(i + delimiter.count)].elementsEqual(delimiter) { out[i + delimiter.count - 1] ^= 0x20 }
            i += 1
        }
        return out
    }

    static func randomName(_ rng: inout SplitMix64) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzÉéèçàüöß北京東京ĐŠ-_. 0123456789")
        return String((0..<Int.random(in: 1...12, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
    }

    /// A valid body of random parts, and the parts a correct parser must find.
    static func randomForm(_ rng: inout SplitMix64) -> ([UInt8], [CollectedPart]) {
        var specs: [([String], [UInt8])] = []
        var expected: [CollectedPart] = []
        for i in 0..<Int.random(in: 0...6, using: &rng) {
            let name = "f\(i)-" + randomName(&rng).filter { $0 != "\"" }
            let size = [0, 1, 5, 100, 3000, 70_000].randomElement(using: &rng)!
            if Bool.random(using: &rng) {
                let value = randomName(&rng)
                specs.append(fieldPart(name, value))
                expected.append(CollectedPart(MultipartPartHead(name: name), Array(value.utf8)))
            } else {
                let filename = randomName(&rng)
                let body = nastyBytes(size, &rng)
                specs.append(filePart(name, filename: filename, body))
                expected.append(CollectedPart(MultipartPartHead(name: name, filename: filename, contentType: "application/octet-stream"), body))
            }
        }
        let preamble = Bool.random(using: &rng) ? "" : "preamble \r\n with lines"
        return (multipartBody(specs, boundary: boundary, preamble: preamble, epilogue: Bool.random(using: &rng) ? "" : "\r\nepilogue"), expected)
    }

    /// Every way to cut a body the tests use: whole, byte by byte, fixed sizes around the
    /// delimiter's length, and random sizes.
    static func chunkings(_ rng: inout SplitMix64) -> [(String, (Int) -> Int)] {
        let d = boundary.utf8.count + 4
        var seeded = SplitMix64(seed: rng.next())
        return [
            ("whole", { $0 }),
            ("1", { _ in 1 }),
            ("2", { _ in 2 }),
            ("d-1", { _ in d - 1 }),
            ("d", { _ in d }),
            ("d+1", { _ in d + 1 }),
            ("4096", { _ in 4096 }),
            ("random", { left in Int.random(in: 1...max(1, min(left, 9000)), using: &seeded) }),
        ]
    }

    @Test(arguments: 0..<40)
    func randomFormsParseToTheirPartsUnderEveryChunking(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &* 7919 &+ 1)
        let (body, expected) = Self.randomForm(&rng)
        for (label, cut) in Self.chunkings(&rng) {
            let outcome = parseMultipart(body, boundary: Self.boundary, limits: MultipartLimits(maxFieldBytes: 100_000), nextSize: cut)
            #expect(outcome == .parts(expected), "seed \(seed), chunking \(label)")
        }
    }

    @Test(arguments: 0..<60)
    func damagedFormsNeverCrashAndGiveOneAnswerUnderEveryChunking(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &* 104_729 &+ 3)
        var (body, _) = Self.randomForm(&rng)
        // Damage: flip, insert, delete or cut, a few times.
        for _ in 0..<Int.random(in: 1...4, using: &rng) where !body.isEmpty {
            let at = Int.random(in: 0..<body.count, using: &rng)
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: body[at] = UInt8.random(in: 0...255, using: &rng)
            case 1: body.insert(contentsOf: Self.nastyBytes(Int.random(in: 1...8, using: &rng), &rng), at: at)
            case 2: body.remove(at: at)
            default: body.removeSubrange(at...)
            }
        }
        var outcomes: [(String, ParseOutcome)] = []
        for (label, cut) in Self.chunkings(&rng) {
            outcomes.append((label, parseMultipart(body, boundary: Self.boundary, nextSize: cut)))
        }
        for (label, outcome) in outcomes.dropFirst() {
            #expect(outcome == outcomes[0].1, "seed \(seed): chunking \(label) differs from whole")
        }
    }

    @Test(arguments: 0..<200)
    func randomBytesNeverCrashTheParser(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &+ 99)
        let prefix = Bool.random(using: &rng) ? Array("--\(Self.boundary)\r\n".utf8) : []
        let body = prefix + Self.nastyBytes(Int.random(in: 0...600, using: &rng), &rng)
        let whole = parseMultipart(body, boundary: Self.boundary)
        #expect(parseMultipart(body, boundary: Self.boundary, nextSize: { _ in 1 }) == whole)
        #expect(parseMultipart(body, boundary: Self.boundary, nextSize: { _ in 3 }) == whole)
    }

    @Test func aLargeFileStreamsInPiecesWithoutHoldingItWhole() throws {
        // 8 MB in 64 KiB chunks: the parser hands out each piece as it comes (never more than
        // the chunk plus a delimiter at a time).
        var rng = SplitMix64(seed: 42)
        let block = Self.nastyBytes(65_521, &rng).map { $0 == 13 ? 12 : $0 }
        let content = Array([[UInt8]](repeating: block, count: 128).joined())
        let body = multipartBody([fieldPart("_csrf", "t"), filePart("files", filename: "big.bin", content)], boundary: Self.boundary)
        var parser = try MultipartParser(boundary: Self.boundary)
        var largestPiece = 0
        var received = 0
        var i = 0
        while i < body.count {
            let n = min(65536, body.count - i)
            try body[i..<(i + n)].withUnsafeBytes { raw in
                try parser.feed(raw) { event in
                    if case .partData(let bytes) = event {
                        largestPiece = max(largestPiece, bytes.count)
                        received += bytes.count
                    }
                }
            }
            i += n
        }
        try parser.finish()
        #expect(received == content.count + 1) // and the one-byte token
        #expect(largestPiece <= 65536)
    }
}
