import COpenSSL
import CSodium

/// Time-based one-time passwords (RFC 6238): HMAC-SHA-1 through libcrypto over the number of
/// 30-second steps since the Unix epoch, dynamically truncated (RFC 4226) to 6 digits — what
/// authenticator apps show. A code is accepted for its own step and one step either side (clock
/// drift), and only for a step later than the last one used (`lastUsedStep`), so a code seen
/// once can never be replayed.
public struct TOTP: Sendable {
    public static let stepSeconds: Int64 = 30
    /// Steps accepted either side of now.
    public static let window: Int64 = 1
    public let secret: [UInt8]
    public let digits: Int

    public init(secret: [UInt8], digits: Int = 6) {
        precondition((6...8).contains(digits))
        self.secret = secret
        self.digits = digits
    }

    /// A fresh 160-bit secret (RFC 4226's recommended length), from the system's CSPRNG.
    public static func newSecret() -> [UInt8] {
        Sodium.ensureInitialised()
        var bytes = [UInt8](repeating: 0, count: 20)
        randombytes_buf(&bytes, 20)
        return bytes
    }

    public static func step(at unixSeconds: Int64) -> Int64 { unixSeconds >= 0 ? unixSeconds / stepSeconds : 0 }

    /// The code of one step, with its leading zeros.
    public func code(step: Int64) -> String {
        var counter = [UInt8](repeating: 0, count: 8)
        var s = UInt64(bitPattern: step)
        for i in (0..<8).reversed() { counter[i] = UInt8(s & 0xff); s >>= 8 }
        var mac = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard HMAC(EVP_sha1(), secret, Int32(secret.count), counter, counter.count, &mac, &length) != nil, length == 20 else {
            fatalError("libcrypto cannot compute an HMAC-SHA-1")
        }
        let offset = Int(mac[19] & 0x0f)
        let binary = (UInt32(mac[offset] & 0x7f) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let n = String(binary % modulus)
        return String(repeating: "0", count: digits - n.count) + n
    }

    public func code(at unixSeconds: Int64) -> String { code(step: Self.step(at: unixSeconds)) }

    /// The step whose code `typed` is (spaces ignored), within the window around `now` and later
    /// than `lastUsedStep`; nil otherwise. Every candidate is compared in constant time.
    public func matchingStep(_ typed: String, at now: Int64, after lastUsedStep: Int64) -> Int64? {
        let cleaned = Array(typed.utf8.filter { $0 != 32 })
        guard cleaned.count == digits, cleaned.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let current = Self.step(at: now)
        var found: Int64?
        for step in (current - Self.window)...(current + Self.window) where step > lastUsedStep {
            let expected = Array(code(step: step).utf8)
            if sodium_memcmp(expected, cleaned, expected.count) == 0 && found == nil { found = step }
        }
        return found
    }

    /// `otpauth://totp/Showroom:anna?secret=…&issuer=Showroom`: what an authenticator app reads.
    public func provisioningURI(account: String, issuer: String = "Showroom") -> String {
        func escape(_ s: String) -> String {
            var out = ""
            for b in s.utf8 {
                if (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 45 || b == 46 || b == 95 {
                    out.unicodeScalars.append(Unicode.Scalar(b))
                } else {
                    out += "%" + String(b, radix: 16, uppercase: true).leftPadded(to: 2)
                }
            }
            return out
        }
        return "otpauth://totp/\(escape(issuer)):\(escape(account))?secret=\(Base32.encode(secret))&issuer=\(escape(issuer))&algorithm=SHA1&digits=\(digits)&period=30"
    }
}

private extension String {
    func leftPadded(to n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}

/// RFC 4648 base32 (A–Z, 2–7), without padding: how TOTP secrets are typed into apps.
public enum Base32 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for b in bytes {
            buffer = (buffer << 8) | UInt32(b)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[Int((buffer >> UInt32(bits - 5)) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { out.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes base32 typed any way (lower case, spaces, `=` padding); nil for anything else.
    public static func decode(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for c in text.utf8 where c != 32 && c != 61 {
            let upper = (c >= 97 && c <= 122) ? c - 32 : c
            guard let v = alphabet.firstIndex(of: upper) else { return nil }
            buffer = (buffer << 5) | UInt32(v)
            bits += 5
            if bits >= 8 {
                out.append(UInt8((buffer >> UInt32(bits - 8)) & 0xff))
                bits -= 8
            }
        }
        return out
    }

    /// The secret in groups of four, for typing by hand.
    public static func grouped(_ bytes: [UInt8]) -> String {
        let s = Array(encode(bytes))
        return stride(from: 0, to: s.count, by: 4).map { String(s[$0..<min($0 + 4, s.count)]) }.joined(separator: " ")
    }
}

/// One-time recovery codes for a lost authenticator: 10 codes of 10 base32 characters (50
/// bits each), shown once, stored only as SHA-256, each usable once.
public enum RecoveryCodes {
    public static let count = 10

    public static func generate() -> [String] {
        (0..<count).map { _ in
            Sodium.ensureInitialised()
            var bytes = [UInt8](repeating: 0, count: 7)
            randombytes_buf(&bytes, 7)
            let s = Array(Base32.encode(bytes).lowercased().prefix(10))
            return String(s[0..<5]) + "-" + String(s[5..<10])
        }
    }

    /// The normalised form of a typed code (`ABCDE FGHIJ` → `abcde-fghij`), nil when it cannot be one.
    public static func normalise(_ typed: String) -> String? {
        let letters = typed.lowercased().utf8.filter { $0 != 32 && $0 != 45 }
        guard letters.count == 10, letters.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 50 && $0 <= 55) }) else { return nil }
        let s = Array(letters)
        return String(decoding: s[0..<5], as: UTF8.self) + "-" + String(decoding: s[5..<10], as: UTF8.self)
    }

    /// What is stored for a code.
    public static func storageHash(_ normalised: String) -> [UInt8] { SHA256.digest(Array(normalised.utf8)) }
}
