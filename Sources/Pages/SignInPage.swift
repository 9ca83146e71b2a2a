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
            h.field(Self.next, value: next, errors: FieldErrors(), t: t)
            h.field(Self.username, value: username, errors: FieldErrors(), t: t)
            h.field(Self.password, value: "", errors: FieldErrors(), t: t)
            h.raw("<button type=\"submit\" class=\"primary\">")
            h.text(t("signin.submit"))
            h.raw("</button></form></section>")
        }, status: status)
        // Double submit: before sign-in there is no session to hold the token.
        response.headers.append(EdgeCookie.signInForm.set(token.text, maxAge: 3600, for: c.request))
        return response
    }

    static let username = FormField.text("username", .key("signin.username"), autocomplete: "username", required: true, maxLength: 64)
    static let password = FormField.text("password", .key("signin.password"), type: "password", autocomplete: "current-password",
                                         required: true, maxLength: 1024, trims: false)
    /// Where to go after signing in: only a local path is followed.
    static let next = FormField<String>("next", label: .none, control: .hidden, maxLength: 2048, trims: false) { Response.isLocalPath($0) ? $0 : nil }
    /// The language chosen in the top bar (any page).
    static let language = FormField<Language>.choice("language", .key("account.language")) { Language(rawValue: $0) }

    /// Checks the password; the answer to any failure is the same sentence, so it never
    /// tells whether an account exists, is locked or is deactivated.
    static func signIn(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        // Every failure, a too-long name or password included, gets the same sentence.
        let username = Self.username.text(c.form)
        let password = Self.password.text(c.form)
        let next = Self.next.value(c.form) ?? "/leads"
        let failed = form(c, username: String(username.prefix(64)), next: next == "/leads" ? "" : next, error: "signin.failed", status: .unprocessable)
        guard !username.isEmpty, username.utf8.count <= 64, !password.isEmpty, password.utf8.count <= 1024 else { return failed }

        let address = c.request.remoteAddress, agent = c.request.header("user-agent") ?? ""
        guard let candidate = try db.signInCandidate(username: username) else {
            _ = PasswordHash.decoy.verify(password)
            try db.logSignIn(userID: nil, username: username, outcome: .unknownUser, address: address, userAgent: agent, now: c.now)
            return failed
        }
        let locked = candidate.lockedUntil.map { $0 > c.now } ?? false
        let matches = PasswordHash(encoded: candidate.passwordHash).verify(password)
        guard matches, candidate.active, !locked else {
            if !matches && candidate.active && !locked { try db.recordFailedSignIn(userID: candidate.id, now: c.now) }
            let outcome: SignInOutcome = !candidate.active ? .inactive : locked ? .locked : .passwordWrong
            try db.logSignIn(userID: candidate.id, username: username, outcome: outcome, address: address, userAgent: agent, now: c.now)
            c.logger.notice("sign-in refused", metadata: ["user": "\(candidate.id)"])
            return failed
        }
        if candidate.twoFactorEnabled || candidate.twoFactorRequired {
            // The password was right; the session comes only after the second step.
            let challenge = SecureToken.random()
            try db.startChallenge(userID: candidate.id, tokenHash: challenge.storageHash, next: next, now: c.now)
            if !candidate.twoFactorEnabled { try db.setPendingTwoFactor(userID: candidate.id, secret: TOTP.newSecret()) }
            var response = Response.redirect(to: candidate.twoFactorEnabled ? "/login/code" : "/login/two-factor")
            response.headers.append(EdgeCookie.signInChallenge.set(challenge.text, maxAge: AccountSecurityPolicy.challengeSeconds, for: c.request))
            return response
        }
        var response = Response.redirect(to: next)
        try openSession(c, db, userID: candidate.id, outcome: .signedIn, into: &response)
        return response
    }

    /// A new session (never the one the browser had: that one ends) and its cookie, added to
    /// `response`; the sign-in is audited.
    static func openSession(_ c: RequestContext, _ db: AppDatabase, userID: Int64, outcome: SignInOutcome, into response: inout Response) throws {
        let session = SecureToken.random()
        try db.startSession(userID: userID, tokenHash: session.storageHash, csrfToken: SecureToken.random().text,
                            now: c.now, absoluteSeconds: c.configuration.sessionAbsoluteSeconds,
                            replacing: EdgeCookie.sessionToken(in: c.request)?.storageHash,
                            address: c.request.remoteAddress, userAgent: c.request.header("user-agent") ?? "", outcome: outcome)
        response.headers.append(EdgeCookie.session.set(session.text, maxAge: c.configuration.sessionAbsoluteSeconds, for: c.request))
        response.headers.append(EdgeCookie.signInForm.expire(for: c.request))
        if EdgeCookie.challengeToken(in: c.request) != nil { response.headers.append(EdgeCookie.signInChallenge.expire(for: c.request)) }
    }

    static func signOut(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        if let token = EdgeCookie.sessionToken(in: c.request) {
            try db.endSession(tokenHash: token.storageHash)
        }
        if let user = c.user {
            try db.logSignIn(userID: user.id, username: user.username, outcome: .signedOut, address: c.request.remoteAddress,
                             userAgent: c.request.header("user-agent") ?? "", now: c.now)
        }
        var response = Response.redirect(to: "/login")
        response.headers.append(EdgeCookie.session.expire(for: c.request))
        return response
    }

    static func setLanguage(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        guard let language = Self.language.value(c.form) else { throw HTTPError(.badRequest, reason: .malformed) }
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
