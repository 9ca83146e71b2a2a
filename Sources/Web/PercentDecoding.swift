/// Decoding of `application/x-www-form-urlencoded` text and of URL paths.
/// Pure functions over bytes, so a fuzz harness can call them without a server.
public enum PercentDecoding {
    public enum Failure: Error, Equatable { case badEscape, invalidUTF8 }

    /// Decodes `%XX` escapes (and `+` as a space when `plusIsSpace`). A `%` not followed by two
    /// hex digits, or a result that is not UTF-8, is an error: never guessed.
    public static func decode<C: Collection>(_ bytes: C, plusIsSpace: Bool) throws(Failure) -> String where C.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        var plain = true
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                plain = false
                let first = bytes.index(after: index)
                guard first != bytes.endIndex else { throw .badEscape }
                let second = bytes.index(after: first)
                guard second != bytes.endIndex, let hi = hex(bytes[first]), let lo = hex(bytes[second]) else { throw .badEscape }
                out.append(hi << 4 | lo)
                index = bytes.index(after: second)
                continue
            }
            if byte == UInt8(ascii: "+") && plusIsSpace {
                plain = false
                out.append(UInt8(ascii: " "))
            } else {
                out.append(byte)
            }
            index = bytes.index(after: index)
        }
        _ = plain
        guard let string = String(validating: out, as: UTF8.self) else { throw .invalidUTF8 }
        return string
    }

    @inline(__always)
    static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Encodes a string for use as a query value.
    public static func encodeQueryValue(_ string: String) -> String {
        var out = ""
        out.reserveCapacity(string.utf8.count)
        let digits = Array("0123456789ABCDEF".utf8)
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
                 UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(Unicode.Scalar(digits[Int(byte >> 4)]))
                out.unicodeScalars.append(Unicode.Scalar(digits[Int(byte & 0xF)]))
            }
        }
        return out
    }
}
