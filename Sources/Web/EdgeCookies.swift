import Security

/// The two cookies the edge sets: the session, after sign-in, and the sign-in form's CSRF
/// cookie before it (double submit: there is no session yet). Over https their names carry
/// the `__Host-` prefix and they are Secure (`SetCookie`).
public struct EdgeCookie: Sendable {
    /// The name without the `__Host-` prefix.
    public let baseName: String
    let sameSite: String

    public static let session = EdgeCookie(baseName: "showroom_session", sameSite: "Lax")
    public static let signInForm = EdgeCookie(baseName: "showroom_signin", sameSite: "Strict")
    /// A sign-in whose password was right, waiting for its two-factor step (a few minutes).
    public static let signInChallenge = EdgeCookie(baseName: "showroom_challenge", sameSite: "Strict")

    /// The name on this request's connection (prefixed over https).
    public func name(for request: Request) -> String { SetCookie.name(baseName, secure: request.isSecure) }

    /// The value the client sent, if any.
    public func value(in request: Request) -> String? { request.cookies[name(for: request)] }

    /// The `Set-Cookie` header that gives the client `value` for `maxAge` seconds.
    public func set(_ value: String, maxAge: Int64, for request: Request) -> (String, String) {
        ("Set-Cookie", SetCookie(name: name(for: request), value: value, maxAge: maxAge, secure: request.isSecure, sameSite: sameSite).headerValue)
    }

    /// The `Set-Cookie` header that makes the client forget the cookie.
    public func expire(for request: Request) -> (String, String) {
        ("Set-Cookie", SetCookie(name: name(for: request), value: "", maxAge: 0, secure: request.isSecure, sameSite: sameSite).headerValue)
    }
}

extension EdgeCookie {
    /// The session token the client sent, if it has the shape of one.
    public static func sessionToken(in request: Request) -> SecureToken? {
        session.value(in: request).flatMap(SecureToken.init(parsing:))
    }

    /// The half-done sign-in's token the client sent, if it has the shape of one.
    public static func challengeToken(in request: Request) -> SecureToken? {
        signInChallenge.value(in: request).flatMap(SecureToken.init(parsing:))
    }
}

/// The CSRF defence of every state change, in one place: a POST a browser marks as
/// cross-site is refused, and its form must carry the expected token, which is the
/// session's (or, before sign-in, the sign-in form cookie's).
public enum CSRF {
    public static let refused = HTTPError(.forbidden, reason: .forged)

    /// True when `sent` is the token `expected` (compared in constant time).
    public static func matches(expected: String?, sent: String?) -> Bool {
        guard let expected, let sent, let token = SecureToken(parsing: expected) else { return false }
        return token.matches(sent)
    }

    /// Refuses (403) unless `sent` is the token `expected`.
    public static func check(expected: String?, sent: String?) throws(HTTPError) {
        guard matches(expected: expected, sent: sent) else { throw refused }
    }

    /// Refuses (403) a request a browser marks as coming from another site.
    public static func refuseCrossSite(_ request: Request) throws(HTTPError) {
        guard !request.isCrossSite else { throw refused }
    }

    /// The token a form must carry: the session's, or without a session the sign-in form's
    /// cookie.
    public static func expectedToken(session: String?, request: Request) -> String? {
        session ?? EdgeCookie.signInForm.value(in: request)
    }

    /// The urlencoded form of a POST, read and checked: its `_csrf` field must be the
    /// expected token (400 for a body that is not a form, 403 for a wrong token).
    public static func checkedForm(_ request: Request, sessionToken: String?) throws(HTTPError) -> FormFields {
        let form = try request.form()
        try check(expected: expectedToken(session: sessionToken, request: request), sent: form["_csrf"])
        return form
    }
}
