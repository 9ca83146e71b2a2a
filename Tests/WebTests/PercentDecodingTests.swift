import Testing
@testable import Web

struct PercentDecodingTests {
    func decode(_ s: String, plusIsSpace: Bool = true) throws(PercentDecoding.Failure) -> String {
        try PercentDecoding.decode(Array(s.utf8), plusIsSpace: plusIsSpace)
    }

    static let good: [(String, String)] = [
        ("", ""),
        ("abc", "abc"),
        ("%41%42%43", "ABC"),
        ("%c3%a9", "é"),
        ("%C3%A9", "é"),
        ("%C3%a9", "é"),
        ("caf%C3%A9", "café"),
        ("%E2%82%AC%20100", "€ 100"),
        ("%F0%9F%9A%97", "🚗"),
        ("%20", " "),
        ("%25", "%"),
        ("100%25", "100%"),
        ("%2B", "+"),
        ("%26%3D", "&="),
        ("Li%C3%A8ge", "Liège"),
        ("Liège", "Liège"),       // raw UTF-8 passes through
        ("a~b-c_d.e", "a~b-c_d.e"),
    ]

    @Test(arguments: good)
    func decodesGoodEscapes(input: String, expected: String) throws {
        #expect(try decode(input) == expected)
        #expect(try decode(input, plusIsSpace: false) == expected)
    }

    @Test func plusIsASpaceInForms() throws {
        #expect(try decode("two+words", plusIsSpace: true) == "two words")
        #expect(try decode("+++", plusIsSpace: true) == "   ")
    }

    @Test func plusStaysAPlusInPaths() throws {
        #expect(try decode("two+words", plusIsSpace: false) == "two+words")
    }

    @Test func encodedPlusIsAlwaysAPlus() throws {
        #expect(try decode("1%2B1", plusIsSpace: true) == "1+1")
    }

    static let badEscapes = ["%", "%4", "a%", "a%2", "%zz", "%4g", "%g4", "%%41", "% 41", "%-1", "%+1", "%0x", "abc%", "%E2%82%A", "%\u{00e9}"]

    @Test(arguments: badEscapes)
    func rejectsBadEscapes(input: String) {
        #expect(throws: PercentDecoding.Failure.badEscape) { try decode(input) }
        #expect(throws: PercentDecoding.Failure.badEscape) { try decode(input, plusIsSpace: false) }
    }

    static let invalidUTF8 = [
        "%ff",            // never valid in UTF-8
        "%fe",
        "%80",            // a lone continuation byte
        "%c3",            // truncated sequence
        "%c3%28",         // bad continuation
        "%e2%82",         // truncated three-byte sequence
        "%c0%af",         // overlong encoding of '/'
        "%e0%80%af",      // overlong three-byte '/'
        "%ed%a0%80",      // UTF-16 surrogate
        "%f4%90%80%80",   // above U+10FFFF
        "abc%ffdef",
    ]

    @Test(arguments: invalidUTF8)
    func rejectsInvalidUTF8(input: String) {
        #expect(throws: PercentDecoding.Failure.invalidUTF8) { try decode(input) }
    }

    @Test func rejectsRawInvalidUTF8Bytes() {
        #expect(throws: PercentDecoding.Failure.invalidUTF8) { try PercentDecoding.decode([0x61, 0xFF, 0x62], plusIsSpace: false) }
        #expect(throws: PercentDecoding.Failure.invalidUTF8) { try PercentDecoding.decode([0xC3], plusIsSpace: true) }
    }

    /// The decoder itself keeps an encoded NUL (it is valid UTF-8); the request parser refuses it
    /// in paths (see `RequestTests.nulInThePathIsRefused`).
    @Test func encodedNULDecodesToAScalarZero() throws {
        let s = try decode("a%00b")
        #expect(Array(s.utf8) == [0x61, 0x00, 0x62])
    }

    @Test func decodesASliceWithAnOffsetStartIndex() throws {
        let bytes = Array("xxxx/a%20b+c".utf8)
        #expect(try PercentDecoding.decode(bytes[4...], plusIsSpace: true) == "/a b c")
        #expect(try PercentDecoding.decode(bytes[4...], plusIsSpace: false) == "/a b+c")
    }

    @Test func hexDigits() {
        #expect(PercentDecoding.hex(UInt8(ascii: "0")) == 0)
        #expect(PercentDecoding.hex(UInt8(ascii: "9")) == 9)
        #expect(PercentDecoding.hex(UInt8(ascii: "a")) == 10)
        #expect(PercentDecoding.hex(UInt8(ascii: "F")) == 15)
        #expect(PercentDecoding.hex(UInt8(ascii: "g")) == nil)
        #expect(PercentDecoding.hex(UInt8(ascii: "G")) == nil)
        #expect(PercentDecoding.hex(UInt8(ascii: "/")) == nil)
        #expect(PercentDecoding.hex(UInt8(ascii: ":")) == nil)
        #expect(PercentDecoding.hex(0xFF) == nil)
    }

    @Test func encodesQueryValues() {
        #expect(PercentDecoding.encodeQueryValue("abcXYZ019-_.~") == "abcXYZ019-_.~")
        #expect(PercentDecoding.encodeQueryValue("a b&c=d/é+") == "a%20b%26c%3Dd%2F%C3%A9%2B")
        #expect(PercentDecoding.encodeQueryValue("") == "")
        #expect(PercentDecoding.encodeQueryValue("\r\n") == "%0D%0A")
    }

    @Test(arguments: ["", "plain", "two words", "a+b", "100%", "&=?#/", "Liège € 🚗", "\u{0}\u{7F}", "L-2026-000123", "<script>"])
    func encodedValuesDecodeBackUnchanged(value: String) throws {
        let encoded = PercentDecoding.encodeQueryValue(value)
        #expect(encoded.utf8.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "&") && $0 != UInt8(ascii: "=") })
        #expect(try decode(encoded, plusIsSpace: true) == value)
    }
}
