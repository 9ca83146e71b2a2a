import Security
import Showroom
import Store
import Web

/// The second step of a sign-in, after the right password, for an account with two-factor on
/// (`/login/code`: a code from the authenticator app, or a recovery code) or whose profile
/// requires it and that has not set it up yet (`/login/two-factor`: set it up now). The half-done
/// sign-in is a challenge (a cookie of its own, a few minutes); the session starts only after
/// this step, with a new id. Each wrong code counts as a failed sign-in (the account waits
/// after five), a code is taken once (a replayed one is refused), and every step is audited.
enum TwoFactorSignInPage {
    static let code = FormField.text("code", .key("twofactor.code"), autocomplete: "one-time-code", required: true, maxLength: 20)

    /// The live challenge behind the request's cookie, or nil (expired, unknown, account locked).
    static func challenge(_ c: RequestContext, _ db: AppDatabase) throws -> (token: SecureToken, userID: Int64, username: String, next: String)? {
        guard let token = EdgeCookie.challengeToken(in: c.request),
              let found = try db.challenge(tokenHash: token.storageHash, now: c.now) else { return nil }
        return (token, found.userID, found.username, found.next)
    }

    /// Back to the password step, the half-done sign-in forgotten.
    static func restart(_ c: RequestContext) -> Response {
        var response = Response.redirect(to: "/login")
        response.headers.append(EdgeCookie.signInChallenge.expire(for: c.request))
        return response
    }

    // MARK: - /login/code

    static func showCode(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        guard try challenge(c, db) != nil else { return restart(c) }
        return codeForm(c, error: nil, status: .ok)
    }

    static func codeForm(_ c: RequestContext, error: String?, status: HTTPStatus) -> Response {
        let t = c.t
        let token = SecureToken.random()
        var response = Response.html(Layout.page(title: t("twofactor.signin.title"), context: c, section: .none) { h in
            h.raw("<section class=\"signin card\"><h1>")
            h.text(t("twofactor.signin.title"))
            h.raw("</h1><p>")
            h.text(t("twofactor.signin.intro"))
            h.raw("</p>")
            if let error {
                h.raw("<p class=\"alert\" role=\"alert\">")
                h.text(t(error))
                h.raw("</p>")
            }
            h.raw("<form method=\"post\" action=\"/login/code\">")
            h.csrf(token.text)
            var errors = FieldErrors()
            if let error { errors.add(code.name, error) }
            h.field(code, value: "", errors: errors, t: t)
            h.raw("<button type=\"submit\" class=\"primary\">")
            h.text(t("twofactor.signin.submit"))
            h.raw("</button></form><p><a href=\"/login\">")
            h.text(t("twofactor.signin.restart"))
            h.raw("</a></p></section>")
        }, status: status)
        response.headers.append(EdgeCookie.signInForm.set(token.text, maxAge: 600, for: c.request))
        return response
    }

    static func checkCode(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        guard let challenge = try challenge(c, db) else { return restart(c) }
        let state = try db.twoFactor(userID: challenge.userID)
        guard let secret = state.secret else { return restart(c) }
        let typed = code.text(c.form)
        let address = c.request.remoteAddress, agent = c.request.header("user-agent") ?? ""
        let totp = TOTP(secret: secret)
        var outcome: SignInOutcome?
        if let step = totp.matchingStep(typed, at: c.now.seconds, after: state.lastStep), try db.useTOTPStep(userID: challenge.userID, step: step) {
            outcome = .signedIn
        } else if let recovery = RecoveryCodes.normalise(typed),
                  try db.useRecoveryCode(userID: challenge.userID, codeHash: RecoveryCodes.storageHash(recovery), now: c.now) {
            outcome = .recoveryCodeUsed
        }
        guard let outcome else {
            // A code that was right once but is used again is a replay: refused, and named so in the audit list.
            let replayed = totp.matchingStep(typed, at: c.now.seconds, after: Int64.min) != nil
            try db.recordFailedSignIn(userID: challenge.userID, now: c.now)
            try db.logSignIn(userID: challenge.userID, username: challenge.username, outcome: replayed ? .codeReplayed : .codeWrong,
                             address: address, userAgent: agent, now: c.now)
            guard try self.challenge(c, db) != nil else {
                // Locked now: the sign-in starts again (and waits).
                return SignInPage.form(c, username: challenge.username, next: "", error: "signin.failed", status: .unprocessable)
            }
            return codeForm(c, error: "twofactor.code_wrong", status: .unprocessable)
        }
        try db.endChallenge(tokenHash: challenge.token.storageHash)
        var response = Response.redirect(to: challenge.next.isEmpty ? "/leads" : challenge.next)
        try SignInPage.openSession(c, db, userID: challenge.userID, outcome: outcome, into: &response)
        return response
    }

    // MARK: - /login/two-factor (required by the profile, not set up yet)

    static func showSetup(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        guard let challenge = try challenge(c, db) else { return restart(c) }
        let state = try db.twoFactor(userID: challenge.userID)
        guard state.secret == nil, let pending = state.pending else { return restart(c) }
        return setupForm(c, username: challenge.username, secret: pending, error: nil, status: .ok)
    }

    static func setupForm(_ c: RequestContext, username: String, secret: [UInt8], error: String?, status: HTTPStatus) -> Response {
        let token = SecureToken.random()
        var response = Response.html(Layout.page(title: c.t("twofactor.setup.title"), context: c, section: .none) { h in
            h.raw("<section class=\"signin card\">")
            AccountPage.setupBody(c, username: username, secret: secret, action: "/login/two-factor", csrf: token.text, error: error, required: true, into: &h)
            h.raw("</section>")
        }, status: status)
        response.headers.append(EdgeCookie.signInForm.set(token.text, maxAge: 600, for: c.request))
        return response
    }

    static func confirmSetup(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        guard let challenge = try challenge(c, db) else { return restart(c) }
        let state = try db.twoFactor(userID: challenge.userID)
        guard state.secret == nil, let pending = state.pending else { return restart(c) }
        guard let step = TOTP(secret: pending).matchingStep(code.text(c.form), at: c.now.seconds, after: 0) else {
            try db.recordFailedSignIn(userID: challenge.userID, now: c.now)
            try db.logSignIn(userID: challenge.userID, username: challenge.username, outcome: .codeWrong, address: c.request.remoteAddress,
                             userAgent: c.request.header("user-agent") ?? "", now: c.now)
            guard try self.challenge(c, db) != nil else { return restart(c) }
            return setupForm(c, username: challenge.username, secret: pending, error: "twofactor.code_wrong", status: .unprocessable)
        }
        let codes = RecoveryCodes.generate()
        guard try db.confirmTwoFactor(userID: challenge.userID, step: step, recoveryCodeHashes: codes.map(RecoveryCodes.storageHash), now: c.now) else { return restart(c) }
        try db.endChallenge(tokenHash: challenge.token.storageHash)
        try db.logSignIn(userID: challenge.userID, username: challenge.username, outcome: .twoFactorSetUp, address: c.request.remoteAddress,
                         userAgent: c.request.header("user-agent") ?? "", now: c.now)
        // The recovery codes are shown once, on the answer that also starts the session.
        var response = Response.html(AccountPage.recoveryCodesPage(c, codes: codes, next: challenge.next.isEmpty ? "/leads" : challenge.next))
        try SignInPage.openSession(c, db, userID: challenge.userID, outcome: .signedIn, into: &response)
        return response
    }
}
