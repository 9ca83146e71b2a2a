import Security
import Showroom
import Store
import Web

/// `/login`, `/logout` and the user's own language.
enum SignInPage {
    static func show(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        if c.user != nil { return .redirect(to: "/leads") }
        let next = c.request.query["next"].flatMap { Response.isLocalPath($0) ? $0 : nil } ?? ""
        return form(c, username: "", next: next, error: nil, status: .ok)
    }

    static func form(_ c: RequestContext, username: String, next: String, error: String?, status: HTTPStatus) -> Response {
        let t = c.t
        let token = SecureToken.random()
        var response = Response.html(Layout.page(title: t("signin.title"), context: c, section: .none) { h in
            h.raw("<section class=\"signin card\"><h1>")
            h.text(t("signin.title"))
            h.raw("</h1>")
            if let error {
                h.raw("<p class=\"alert\" role=\"alert\">")
                h.text(t(error))
                h.raw("</p>")
            }
            h.raw("<form method=\"post\" action=\"/login\">")
            h.csrf(token.text)
            h.hidden("next", next)
            h.field("username", label: t("signin.username"), value: username, error: nil, t: t, required: true, autocomplete: "username", maxLength: 64)
            h.field("password", label: t("signin.password"), value: "", error: nil, t: t, type: "password", required: true, autocomplete: "current-password", maxLength: 1024)
            h.raw("<button type=\"submit\" class=\"primary\">")
            h.text(t("signin.submit"))
            h.raw("</button></form></section>")
        }, status: status)
        // Double submit: before sign-in there is no session to hold the token.
        response.headers.append(EdgeCookie.signInForm.set(token.text, maxAge: 3600, for: c.request))
        return response
    }

    /// Checks the password; the answer to any failure is the same sentence, so it never
    /// tells whether an account exists, is locked or is deactivated.
    static func signIn(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let username = (c.form["username"] ?? "").trimmingWhitespace()
        let password = c.form["password"] ?? ""
        let next = c.form["next"].flatMap { Response.isLocalPath($0) && !$0.isEmpty ? $0 : nil } ?? "/leads"
        let failed = form(c, username: String(username.prefix(64)), next: next == "/leads" ? "" : next, error: "signin.failed", status: .unprocessable)
        guard !username.isEmpty, username.utf8.count <= 64, !password.isEmpty, password.utf8.count <= 1024 else { return failed }

        guard let candidate = try db.signInCandidate(username: username) else {
            _ = PasswordHash.decoy.verify(password)
            return failed
        }
        let locked = candidate.lockedUntil.map { $0 > c.now } ?? false
        let matches = PasswordHash(encoded: candidate.passwordHash).verify(password)
        guard matches, candidate.active, !locked else {
            if !matches && candidate.active && !locked { try db.recordFailedSignIn(userID: candidate.id, now: c.now) }
            c.logger.notice("sign-in refused", metadata: ["user": "\(candidate.id)"])
            return failed
        }
        let session = SecureToken.random()
        try db.startSession(userID: candidate.id, tokenHash: session.storageHash, csrfToken: SecureToken.random().text,
                            now: c.now, absoluteSeconds: c.configuration.sessionAbsoluteSeconds)
        var response = Response.redirect(to: next)
        response.headers.append(EdgeCookie.session.set(session.text, maxAge: c.configuration.sessionAbsoluteSeconds, for: c.request))
        response.headers.append(EdgeCookie.signInForm.expire(for: c.request))
        return response
    }

    static func signOut(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        if let token = EdgeCookie.sessionToken(in: c.request) {
            try db.endSession(tokenHash: token.storageHash)
        }
        var response = Response.redirect(to: "/login")
        response.headers.append(EdgeCookie.session.expire(for: c.request))
        return response
    }

    static func setLanguage(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        guard let language = c.form["language"].flatMap(Language.init(rawValue:)) else { throw HTTPError(.badRequest, reason: .malformed) }
        try db.setLanguage(userID: try c.signedIn.id, language: language.rawValue)
        let back = c.request.header("referer").flatMap(localPath(fromReferer:)) ?? "/leads"
        return .redirect(to: back)
    }

    /// The path of a same-site `Referer`, to return the user where they were.
    static func localPath(fromReferer referer: String) -> String? {
        guard let schemeEnd = referer.range(of: "://") else { return nil }
        let afterScheme = referer[schemeEnd.upperBound...]
        guard let slash = afterScheme.firstIndex(of: "/") else { return nil }
        let path = String(afterScheme[slash...])
        return Response.isLocalPath(path) ? path : nil
    }
}
