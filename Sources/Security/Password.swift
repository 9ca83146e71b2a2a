import CSodium

/// A password hash (argon2id, libsodium's encoded form `$argon2id$v=19$m=…`). Its only
/// operations are making one from a password and checking a password against it.
public struct PasswordHash: Equatable, Sendable {
    /// The encoded hash, with its salt and parameters, as stored.
    public let encoded: String

    public init(encoded: String) { self.encoded = encoded }

    /// argon2id with 64 MiB and 2 passes (libsodium's "interactive" level), above OWASP's
    /// minimum of 19 MiB and 2 passes.
    public static let opsLimit = UInt64(crypto_pwhash_OPSLIMIT_INTERACTIVE)
    public static let memLimit = Int(crypto_pwhash_MEMLIMIT_INTERACTIVE)

    public enum Failure: Error { case outOfMemory }

    public init(hashing password: String) throws {
        Sodium.ensureInitialised()
        var out = [CChar](repeating: 0, count: Int(crypto_pwhash_STRBYTES))
        let pw = Array(password.utf8).map { CChar(bitPattern: $0) }
        let rc = crypto_pwhash_str_alg(&out, pw, UInt64(pw.count), Self.opsLimit, Self.memLimit, crypto_pwhash_ALG_ARGON2ID13)
        guard rc == 0 else { throw Failure.outOfMemory }
        encoded = String(cString: out)
    }

    /// True when `password` is the one this hash was made from. Constant time in libsodium.
    public func verify(_ password: String) -> Bool {
        Sodium.ensureInitialised()
        guard !encoded.isEmpty else { return false }
        let pw = Array(password.utf8).map { CChar(bitPattern: $0) }
        return encoded.withCString { h in crypto_pwhash_str_verify(h, pw, UInt64(pw.count)) == 0 }
    }

    /// A hash of a random password: verifying against it costs as much as against a real
    /// one, so a sign-in for an unknown user takes as long as one with a wrong password.
    public static let decoy: PasswordHash = {
        (try? PasswordHash(hashing: SecureToken.random().text)) ?? PasswordHash(encoded: "")
    }()
}

enum Sodium {
    static let initialised: Bool = sodium_init() >= 0
    static func ensureInitialised() { precondition(initialised, "libsodium failed to initialise") }
}
