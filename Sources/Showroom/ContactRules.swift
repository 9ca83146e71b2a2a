/// Rules about contact details, free of I/O.
public enum ContactRules {
    /// A light check that catches typing mistakes (no `@`, no dot in the domain, spaces),
    /// not a full RFC 5322 parser: the mail server is the final judge.
    public static func isPlausibleEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64, email.count <= 254 else { return false }
        let domain = parts[1]
        guard domain.contains("."), !domain.hasPrefix("."), !domain.hasSuffix("."), !domain.contains("..") else { return false }
        return !email.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," || $0 == ";" || $0 == "\"" })
    }
}
