import Foundation

/// The encodings an Internet message needs: RFC 2047 encoded-words for headers in UTF-8,
/// quoted-printable and base64 bodies (RFC 2045), RFC 2231 file names, the RFC 5322 date.
public enum MIME {
    /// True when `s` may stand in a header as it is: printable ASCII and blanks, and no
    /// `=?` that a reader would take for the start of an encoded-word.
    static func isPlainHeaderText(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { $0 == " " || ($0.value > 32 && $0.value < 127) } && !s.contains("=?")
    }

    /// A header value of free text (a subject): as it is when it is plain ASCII, otherwise
    /// RFC 2047 "B" encoded-words of at most 75 characters, never splitting a character,
    /// joined by folding (CRLF + space). CR and LF must have been refused before.
    public static func encodeHeaderText(_ s: String, firstLineUsed: Int = 9) -> String {
        if isPlainHeaderText(s) { return fold(s, firstLineUsed: firstLineUsed) }
        return encodedWords(s).joined(separator: "\r\n ")
    }

    /// `s` as "=?UTF-8?B?…?=" words, each holding at most 45 bytes of whole characters
    /// (60 base64 characters + 12 = 72 ≤ 75).
    public static func encodedWords(_ s: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        func flush() {
            if !chunk.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
            chunk.removeAll(keepingCapacity: true)
        }
        for ch in s {
            let bytes = Array(String(ch).utf8)
            if chunk.count + bytes.count > 45 { flush() }
            chunk += bytes
        }
        flush()
        return words.isEmpty ? ["=?UTF-8?B??="] : words
    }

    /// Folds plain header text at blanks so that no line passes 78 characters where possible.
    static func fold(_ s: String, firstLineUsed: Int) -> String {
        var out = ""
        var column = firstLineUsed
        for (i, word) in s.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            if i > 0 {
                // Folding puts CRLF before the blank: unfolding gives the text back unchanged.
                if column + 1 + word.count > 78 && column > 1 { out += "\r\n "; column = 1 } else { out += " "; column += 1 }
            }
            out += word
            column += word.count
        }
        return out
    }

    /// A display name in an address header: an atom phrase as is, other ASCII as a quoted
    /// string, anything else as encoded-words.
    public static func encodeDisplayName(_ name: String) -> String {
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~ ".unicodeScalars)
        if name.unicodeScalars.allSatisfy({ atext.contains($0) }) && !name.contains("=?") { return name }
        if isPlainHeaderText(name) {
            return "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return encodedWords(name).joined(separator: " ")
    }

    /// Quoted-printable (RFC 2045 §6.7) of UTF-8 text whose lines end in CRLF: lines of at most
    /// 76 characters with soft breaks, `=` and non-ASCII as `=XX`, blanks before a line end encoded.
    public static func quotedPrintable(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        for (i, line) in lines.enumerated() {
            var column = 0
            let bytes = Array(line.utf8)
            for (j, b) in bytes.enumerated() {
                let last = j == bytes.count - 1
                var token: [UInt8]
                if (b >= 33 && b <= 126 && b != 61) || ((b == 32 || b == 9) && !last) {
                    token = [b]
                } else {
                    token = [61, hex[Int(b >> 4)], hex[Int(b & 15)]]
                }
                // A soft break keeps every line at 76 characters or fewer, "=" included.
                if column + token.count > 75 {
                    out += [61, 13, 10]
                    column = 0
                }
                out += token
                column += token.count
            }
            if i < lines.count - 1 { out += [13, 10] }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Base64 in lines of 76 characters ending in CRLF.
    public static func base64Lines(_ bytes: [UInt8]) -> String {
        let s = Array(Data(bytes).base64EncodedString().utf8)
        var out: [UInt8] = []
        out.reserveCapacity(s.count + s.count / 38 + 2)
        var i = 0
        while i < s.count {
            let end = min(i + 76, s.count)
            out += s[i..<end]
            out += [13, 10]
            i = end
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A `filename` parameter: the name as a quoted string when it is plain ASCII, otherwise an
    /// ASCII stand-in plus the RFC 2231 `filename*` with the UTF-8 name percent-encoded.
    public static func fileNameParameters(_ name: String, parameter: String = "filename") -> String {
        let safe = name.unicodeScalars.allSatisfy { $0.value >= 32 && $0.value < 127 && $0 != "\"" && $0 != "\\" }
        if safe { return "\(parameter)=\"\(name)\"" }
        let fallback = String(name.unicodeScalars.map { ($0.value >= 32 && $0.value < 127 && $0 != "\"" && $0 != "\\") ? Character($0) : "_" })
        var encoded = ""
        for b in name.utf8 {
            let c = Character(Unicode.Scalar(b))
            if b < 128 && (c.isLetter || c.isNumber || "!#$&+-.^_`|~".contains(c)) { encoded.append(c) }
            else { encoded += String(format: "%%%02X", b) }
        }
        return "\(parameter)=\"\(fallback)\"; \(parameter)*=UTF-8''\(encoded)"
    }

    /// RFC 5322 date-time in UTC: `Wed, 02 Dec 2026 10:33:17 +0000`.
    public static func date(epochSeconds: Int64) -> String {
        let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let day = epochSeconds >= 0 ? epochSeconds / 86_400 : (epochSeconds - 86_399) / 86_400
        let secs = epochSeconds - day * 86_400
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = day + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        let weekday = days[Int(((day % 7) + 7) % 7)]
        return String(format: "%@, %02d %@ %04d %02d:%02d:%02d +0000", weekday, Int(d), months[Int(m - 1)], Int(y),
                      Int(secs / 3600), Int(secs % 3600 / 60), Int(secs % 60))
    }

    /// Random hex of `bytes` bytes (boundaries, Message-IDs).
    static func randomHex(_ bytes: Int) -> String {
        var g = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &g)) }.joined()
    }
}
