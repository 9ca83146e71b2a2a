import CSodium

/// 256 random bits from the system's CSPRNG, written as unpadded base64url (43 characters).
/// Used for session cookies and CSRF tokens.
public struct SecureToken: Equatable, Sendable {
    public let text: String

    public static func random() -> SecureToken {
        Sodium.ensureInitialised()
        var bytes = [UInt8](repeating: 0, count: 32)
        randombytes_buf(&bytes, 32)
        return SecureToken(text: Base64URL.encode(bytes))
    }

    /// Accepts only a well-formed token as received from a client (43 base64url characters).
    public init?(parsing text: String) {
        guard text.utf8.count == 43, text.utf8.allSatisfy(Base64URL.isAlphabet) else { return nil }
        self.text = text
    }

    private init(text: String) { self.text = text }

    /// What is stored: the SHA-256 of the token, so a copy of the database holds no usable session.
    public var storageHash: [UInt8] { SHA256.digest(Array(text.utf8)) }

    /// Constant-time comparison with another token's text.
    public func matches(_ other: String) -> Bool {
        let a = Array(text.utf8), b = Array(other.utf8)
        guard a.count == b.count else { return false }
        return sodium_memcmp(a, b, a.count) == 0
    }
}

public enum SHA256 {
    public static func digest(_ bytes: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(crypto_hash_sha256_BYTES))
        _ = crypto_hash_sha256(&out, bytes, UInt64(bytes.count))
        return out
    }

    /// The SHA-256 of `bytes` as 64 lower-case hex digits.
    public static func hexDigest(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in digest(bytes) { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}

enum Base64URL {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func isAlphabet(_ c: UInt8) -> Bool {
        (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == 45 || c == 95
    }

    static func encode(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        var i = 0
        while i + 3 <= bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            for shift in [18, 12, 6, 0] { out.append(alphabet[Int(n >> UInt32(shift) & 63)]) }
            i += 3
        }
        let rest = bytes.count - i
        if rest == 1 {
            let n = UInt32(bytes[i]) << 16
            out.append(alphabet[Int(n >> 18 & 63)]); out.append(alphabet[Int(n >> 12 & 63)])
        } else if rest == 2 {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
            out.append(alphabet[Int(n >> 18 & 63)]); out.append(alphabet[Int(n >> 12 & 63)]); out.append(alphabet[Int(n >> 6 & 63)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
