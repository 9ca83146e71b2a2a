/// The security headers of every answer the responder makes. nginx adds the same page set
/// to what it answers alone (static files, its own error pages) and the file set to
/// documents it serves from `/_files/`; on the responder's answers it adds nothing, so each
/// header arrives once (nginx/showroom.conf.in).
public enum SecurityHeaders {
    /// Pages, redirects, errors, exports: nothing runs but the site's own script and style,
    /// the page is never framed, and no sensor is offered.
    public static let page: [(String, String)] = [
        ("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
            + "connect-src 'self'; form-action 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
        ("X-Frame-Options", "DENY"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"),
    ]

    /// Uploaded files handed out as downloads: never sniffed, and sandboxed in case a browser
    /// renders one anyway.
    public static let file: [(String, String)] = [
        ("X-Content-Type-Options", "nosniff"),
        ("Content-Security-Policy", "sandbox; default-src 'none'"),
        ("Referrer-Policy", "same-origin"),
        ("X-Frame-Options", "DENY"),
        ("Cross-Origin-Resource-Policy", "same-origin"),
    ]
}

extension Response {
    /// Adds each header of `SecurityHeaders.page` the response does not set itself (a
    /// download sets the file set, say). Applying it twice changes nothing.
    public mutating func addSecurityHeaders() {
        for (name, value) in SecurityHeaders.page where !headers.contains(where: { sameHeaderName($0.0, name) }) {
            headers.append((name, value))
        }
    }
}

/// Header names compared without case, without allocating (this runs on every answer).
func sameHeaderName(_ a: String, _ b: String) -> Bool {
    guard a.utf8.count == b.utf8.count else { return false }
    for (x, y) in zip(a.utf8, b.utf8) where x != y {
        let lx = x | 0x20
        guard lx == y | 0x20, lx >= UInt8(ascii: "a"), lx <= UInt8(ascii: "z") else { return false }
    }
    return true
}
