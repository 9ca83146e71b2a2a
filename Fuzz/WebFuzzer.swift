// libFuzzer harnesses for the HTTP edge's parsers of untrusted text (Sources/Web): urlencoded
// forms, request targets with their query, the Cookie header, percent-decoding. One binary;
// FUZZ_TARGET (form, query, cookie, percent) picks the parser. Built and run by scripts/fuzz.sh
// with -sanitize=fuzzer,address. Besides "never crashes", each checks a property:
//   form     a parsed form, written back with encodeQueryValue, parses to the same pairs
//   query    a parsed target's query equals the query parsed on its own; segments hold no '/'
//   cookie   no parsed name or value holds ';', names are trimmed, the first value wins
//   percent  a decoded string, encoded again, decodes to itself (with and without '+')

import Glibc

nonisolated(unsafe) var target = "form"

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> Int32 {
    if let t = getenv("FUZZ_TARGET") { target = String(cString: t) }
    guard ["form", "query", "cookie", "percent"].contains(target) else { fatalError("FUZZ_TARGET must be form, query, cookie or percent") }
    return 0
}

func encode(_ f: FormFields) -> [UInt8] {
    Array(f.pairs.map { PercentDecoding.encodeQueryValue($0.name) + "=" + PercentDecoding.encodeQueryValue($0.value) }.joined(separator: "&").utf8)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    switch target {
    case "form":
        guard let form = try? FormFields.parse(urlencoded: bytes) else { return 0 }
        guard let again = try? FormFields.parse(urlencoded: encode(form)) else { fatalError("an encoded form does not parse: \(form.pairs)") }
        // Empty pairs (`&&`, a lone `=`) are dropped or kept as ("", ""): compare what remains.
        let a = form.pairs.filter { !($0.name.isEmpty && $0.value.isEmpty) }, b = again.pairs.filter { !($0.name.isEmpty && $0.value.isEmpty) }
        guard a.count == b.count, zip(a, b).allSatisfy({ $0.name == $1.name && $0.value == $1.value }) else {
            fatalError("round trip changes the form: \(a) vs \(b)")
        }
    case "query":
        let text = String(decoding: bytes, as: UTF8.self)
        guard let request = try? Request(method: .get, target: text) else { return 0 }
        precondition(request.segments.allSatisfy { !$0.contains("/") && !$0.isEmpty }, "a segment holds a slash or is empty")
        if let q = text.utf8.firstIndex(of: UInt8(ascii: "?")) {
            let query = try? FormFields.parse(urlencoded: Array(text.utf8[text.utf8.index(after: q)...]), maxPairs: 100)
            precondition(query == request.query, "the target's query differs from the query alone")
        } else {
            precondition(request.query.pairs.isEmpty)
        }
    case "cookie":
        let header = String(decoding: bytes, as: UTF8.self)
        let cookies = Cookies(header: header)
        var seen: Set<String> = []
        for part in header.split(separator: ";") {
            guard let eq = part.firstIndex(of: "=") else { continue }
            let name = String(part[..<eq]).trimmingSpacesForFuzz()
            guard !name.isEmpty, header.utf8.count <= 8192 else { continue }
            guard let value = cookies[name] else { fatalError("cookie \(name) lost") }
            precondition(!value.contains(";"), "a value holds ';'")
            if !seen.contains(name) {
                var expected = String(part[part.index(after: eq)...]).trimmingSpacesForFuzz()
                if expected.hasPrefix("\"") && expected.hasSuffix("\"") && expected.count >= 2 { expected = String(expected.dropFirst().dropLast()) }
                precondition(value == expected, "the first value of \(name) does not win")
                seen.insert(name)
            }
        }
    default:  // percent
        for plus in [false, true] {
            guard let decoded = try? PercentDecoding.decode(bytes, plusIsSpace: plus) else { continue }
            let encoded = PercentDecoding.encodeQueryValue(decoded)
            guard let back = try? PercentDecoding.decode(Array(encoded.utf8), plusIsSpace: true), back == decoded else {
                fatalError("encode then decode changes \(decoded.debugDescription)")
            }
        }
    }
    return 0
}

extension String {
    func trimmingSpacesForFuzz() -> String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
