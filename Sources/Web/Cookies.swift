/// Cookies sent by the client, parsed from the `Cookie` header. Malformed pairs are skipped;
/// a name sent twice keeps its first value (the most specific path, per RFC 6265).
public struct Cookies: Sendable {
    private var values: [String: String] = [:]

    public init(header: String?) {
        guard let header, header.utf8.count <= 8192 else { return }
        for part in header.split(separator: ";") {
            guard let eq = part.firstIndex(of: "=") else { continue }
            let name = part[..<eq].trimmingSpaces()
            var value = part[part.index(after: eq)...].trimmingSpaces()
            if value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            guard !name.isEmpty, values[name] == nil else { continue }
            values[name] = value
        }
    }

    public subscript(name: String) -> String? { values[name] }
}

/// A `Set-Cookie` value. Session cookies are HttpOnly and SameSite; over https they are also
/// Secure and carry the `__Host-` prefix (no Domain, Path=/).
public struct SetCookie: Sendable {
    public var name: String
    public var value: String
    public var maxAge: Int64?
    public var secure: Bool
    public var sameSite: String

    public init(name: String, value: String, maxAge: Int64?, secure: Bool, sameSite: String = "Lax") {
        self.name = name; self.value = value; self.maxAge = maxAge; self.secure = secure; self.sameSite = sameSite
    }

    /// The cookie name for `base` on a connection that is (or is not) https.
    public static func name(_ base: String, secure: Bool) -> String { secure ? "__Host-" + base : base }

    public var headerValue: String {
        var s = name + "=" + value + "; Path=/; HttpOnly; SameSite=" + sameSite
        if let maxAge { s += "; Max-Age=" + String(maxAge) }
        if secure { s += "; Secure" }
        return s
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        var s = self
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return String(s)
    }
}

extension Request {
    public var cookies: Cookies { Cookies(header: header("cookie")) }

    /// True when a browser marks this request as coming from another site
    /// (`Sec-Fetch-Site`), or its `Origin` is not this site. Requests without these headers
    /// (older clients, scripts) are left to the CSRF token check.
    public var isCrossSite: Bool {
        if let site = header("sec-fetch-site"), site == "cross-site" || site == "same-site" { return true }
        guard let origin = header("origin") else { return false }
        guard let siteOrigin else { return true }
        return origin != siteOrigin
    }
}
