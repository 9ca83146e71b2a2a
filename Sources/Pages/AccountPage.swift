import Security
import Showroom
import Store
import Web

/// `/account`: the signed-in user's own security — change the password (the current one
/// required; their other sessions end), two-factor sign-in (set up with an authenticator app,
/// recovery codes, turn off unless the profile requires it), and their open sessions (see them,
/// end one or all others).
enum AccountPage {
    static let currentPassword = FormField.text("current_password", .key("account.password.current"), type: "password",
                                                autocomplete: "current-password", required: true, maxLength: 1024, trims: false)
    static let newPassword = FormField.text("new_password", .key("account.password.new"), type: "password",
                                            autocomplete: "new-password", required: true, maxLength: 1024, trims: false)
    static let repeatPassword = FormField.text("repeat_password", .key("account.password.repeat"), type: "password",
                                               autocomplete: "new-password", required: true, maxLength: 1024, trims: false)
    static let session = FormField.text("session", .none, maxLength: 64)

    struct Messages {
        var notice: String?
        var passwordErrors = FieldErrors()
        var twoFactorErrors = FieldErrors()
    }

    static func show(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let done = c.request.query["done"].flatMap { ["password", "two_factor_on", "two_factor_off", "session_ended", "sessions_ended"].contains($0) ? $0 : nil }
        return try page(c, db, Messages(notice: done.map { "account.done." + $0 }), status: .ok)
    }

    static func page(_ c: RequestContext, _ db: AppDatabase, _ m: Messages, status: HTTPStatus) throws -> Response {
        let user = try c.signedIn
        let state = try db.twoFactor(userID: user.id)
        let current = EdgeCookie.sessionToken(in: c.request)?.storageHash ?? []
        let sessions = try db.sessions(userID: user.id, current: current, now: c.now, idleSeconds: c.configuration.sessionIdleSeconds)
        let t = c.t, f = c.format
        return .html(Layout.page(title: t("account.title"), context: c, section: .account) { h in
            h.raw("<h1>")
            h.text(t("account.title"))
            h.raw("</h1>")
            if let notice = m.notice {
                h.raw("<p class=\"notice\" role=\"status\">")
                h.text(t(notice))
                h.raw("</p>")
            }
            // Password
            h.raw("<section class=\"card\" aria-labelledby=\"password-h\"><h2 id=\"password-h\">")
            h.text(t("account.password.title"))
            h.raw("</h2><p>")
            h.text(t("account.password.intro"))
            h.raw("</p><form method=\"post\" action=\"/account/password\">")
            h.csrf(user.csrfToken)
            for field in [currentPassword, newPassword, repeatPassword] { h.field(field, value: "", errors: m.passwordErrors, t: t) }
            h.raw("<button type=\"submit\" class=\"primary\">")
            h.text(t("account.password.submit"))
            h.raw("</button></form></section>")

            // Two-factor
            h.raw("<section class=\"card\" aria-labelledby=\"twofactor-h\"><h2 id=\"twofactor-h\">")
            h.text(t("twofactor.title"))
            h.raw("</h2><p>")
            h.text(t(state.enabled ? "twofactor.state.on" : "twofactor.state.off"))
            if state.required {
                h.raw(" ")
                h.text(t("twofactor.state.required"))
            }
            h.raw("</p>")
            if state.enabled {
                h.raw("<p>")
                h.text(t("twofactor.recovery.left", ["n": String(state.recoveryCodesLeft)]))
                h.raw("</p><form method=\"post\" action=\"/account/two-factor/recovery-codes\" class=\"inline-form\">")
                h.csrf(user.csrfToken)
                h.field(currentPassword, value: "", errors: m.twoFactorErrors, t: t, id: "f-recovery-password")
                h.raw("<button type=\"submit\">")
                h.text(t("twofactor.recovery.new"))
                h.raw("</button></form>")
                if !state.required {
                    h.raw("<form method=\"post\" action=\"/account/two-factor/off\" class=\"inline-form\">")
                    h.csrf(user.csrfToken)
                    h.field(currentPassword, value: "", errors: FieldErrors(), t: t, id: "f-off-password")
                    h.raw("<button type=\"submit\">")
                    h.text(t("twofactor.off"))
                    h.raw("</button></form>")
                }
            } else {
                h.raw("<form method=\"post\" action=\"/account/two-factor/start\">")
                h.csrf(user.csrfToken)
                h.raw("<button type=\"submit\" class=\"primary\">")
                h.text(t("twofactor.start"))
                h.raw("</button></form>")
            }
            h.raw("</section>")

            // Sessions
            h.raw("<section class=\"card\" aria-labelledby=\"sessions-h\"><h2 id=\"sessions-h\">")
            h.text(t("account.sessions.title"))
            h.raw("</h2><div class=\"table-wrap\"><table><thead><tr>")
            for key in ["account.sessions.started", "account.sessions.last_seen", "account.sessions.address", "account.sessions.browser", "account.sessions.action"] {
                h.raw("<th scope=\"col\">")
                h.text(t(key))
                h.raw("</th>")
            }
            h.raw("</tr></thead><tbody>")
            for s in sessions {
                h.raw("<tr><td>")
                h.time(s.createdAt, f)
                h.raw("</td><td>")
                h.time(s.lastSeenAt, f)
                h.raw("</td><td>")
                h.text(s.address)
                h.raw("</td><td>")
                h.text(String(s.userAgent.prefix(120)))
                h.raw("</td><td>")
                if s.isCurrent {
                    h.text(t("account.sessions.this_one"))
                } else {
                    h.raw("<form method=\"post\" action=\"/account/sessions/end\" class=\"inline\">")
                    h.csrf(user.csrfToken)
                    h.hidden(session.name, s.id)
                    h.raw("<button type=\"submit\" class=\"small\">")
                    h.text(t("account.sessions.end"))
                    h.raw("</button></form>")
                }
                h.raw("</td></tr>")
            }
            h.raw("</tbody></table></div>")
            if sessions.count > 1 {
                h.raw("<form method=\"post\" action=\"/account/sessions/end-others\">")
                h.csrf(user.csrfToken)
                h.raw("<button type=\"submit\">")
                h.text(t("account.sessions.end_others"))
                h.raw("</button></form>")
            }
            h.raw("</section>")
        }, status: status)
    }

    /// Checks the current password typed on an account form; a wrong one counts as a failed
    /// sign-in (five lock the account) and is audited.
    static func checkPassword(_ c: RequestContext, _ db: AppDatabase, errors: inout FieldErrors, field: String = currentPassword.name) throws -> Bool {
        let user = try c.signedIn
        let typed = currentPassword.text(c.form)
        guard !typed.isEmpty else { errors.add(field, "form.required"); return false }
        guard let candidate = try db.signInCandidate(username: user.username) else { throw StoreError.notFound }
        let locked = candidate.lockedUntil.map { $0 > c.now } ?? false
        guard !locked, typed.utf8.count <= 1024, PasswordHash(encoded: candidate.passwordHash).verify(typed) else {
            if !locked { try db.recordFailedSignIn(userID: user.id, now: c.now) }
            try db.logSignIn(userID: user.id, username: user.username, outcome: locked ? .locked : .passwordWrong, address: c.request.remoteAddress,
                             userAgent: c.request.header("user-agent") ?? "", now: c.now)
            errors.add(field, locked ? "account.password.locked" : "account.password.wrong")
            return false
        }
        return true
    }

    static func changePassword(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let user = try c.signedIn
        var errors = FieldErrors()
        let new = newPassword.readText(c.form, errors: &errors)
        let again = repeatPassword.readText(c.form, errors: &errors)
        if errors[newPassword.name] == nil, new.count < AccountSecurityPolicy.minimumPasswordLength { errors.add(newPassword.name, "account.password.too_short") }
        if errors[repeatPassword.name] == nil, new != again { errors.add(repeatPassword.name, "account.password.mismatch") }
        if try checkPassword(c, db, errors: &errors), errors.isEmpty, new == currentPassword.text(c.form) {
            errors.add(newPassword.name, "account.password.same")
        }
        guard errors.isEmpty, let token = EdgeCookie.sessionToken(in: c.request) else {
            return try page(c, db, Messages(passwordErrors: errors), status: .unprocessable)
        }
        try db.changeOwnPassword(userID: user.id, passwordHash: try PasswordHash(hashing: new).encoded, keep: token.storageHash,
                                 address: c.request.remoteAddress, userAgent: c.request.header("user-agent") ?? "", now: c.now)
        return .redirect(to: "/account?done=password")
    }

    // MARK: - Two-factor

    static func startTwoFactor(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let user = try c.signedIn
        guard try db.twoFactor(userID: user.id).secret == nil else { return .redirect(to: "/account") }
        try db.setPendingTwoFactor(userID: user.id, secret: TOTP.newSecret())
        return .redirect(to: "/account/two-factor")
    }

    static func showSetup(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let user = try c.signedIn
        let state = try db.twoFactor(userID: user.id)
        guard state.secret == nil, let pending = state.pending else { return .redirect(to: "/account") }
        return setupPage(c, user: user, secret: pending, error: nil, status: .ok)
    }

    static func setupPage(_ c: RequestContext, user: SignedInUser, secret: [UInt8], error: String?, status: HTTPStatus) -> Response {
        .html(Layout.page(title: c.t("twofactor.setup.title"), context: c, section: .account) { h in
            h.raw("<section class=\"card\">")
            setupBody(c, username: user.username, secret: secret, action: "/account/two-factor", csrf: user.csrfToken, error: error, required: false, into: &h)
            h.raw("</section>")
        }, status: status)
    }

    /// The set-up step, at sign-in and on the account page: the secret to add to an
    /// authenticator app (as a link apps open, and typed in groups of four), and its first code.
    static func setupBody(_ c: RequestContext, username: String, secret: [UInt8], action: StaticString, csrf: String, error: String?, required: Bool,
                          into h: inout HTML) {
        let t = c.t
        h.raw("<h1>")
        h.text(t("twofactor.setup.title"))
        h.raw("</h1>")
        if required {
            h.raw("<p>")
            h.text(t("twofactor.setup.required"))
            h.raw("</p>")
        }
        h.raw("<ol class=\"steps\"><li>")
        h.text(t("twofactor.setup.step_app"))
        h.raw(" <a href=\"")
        h.attr(TOTP(secret: secret).provisioningURI(account: username))
        h.raw("\">")
        h.text(t("twofactor.setup.open_app"))
        h.raw("</a></li><li>")
        h.text(t("twofactor.setup.step_key"))
        h.raw(" <code class=\"secret\">")
        h.text(Base32.grouped(secret))
        h.raw("</code></li><li>")
        h.text(t("twofactor.setup.step_code"))
        h.raw("</li></ol>")
        if let error {
            h.raw("<p class=\"alert\" role=\"alert\">")
            h.text(t(error))
            h.raw("</p>")
        }
        h.raw("<form method=\"post\" action=\"")
        h.raw(action)
        h.raw("\">")
        h.csrf(csrf)
        var errors = FieldErrors()
        if let error { errors.add(TwoFactorSignInPage.code.name, error) }
        h.field(TwoFactorSignInPage.code, value: "", errors: errors, t: t)
        h.raw("<button type=\"submit\" class=\"primary\">")
        h.text(t("twofactor.setup.submit"))
        h.raw("</button></form>")
    }

    static func confirmSetup(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let user = try c.signedIn
        let state = try db.twoFactor(userID: user.id)
        guard state.secret == nil, let pending = state.pending else { return .redirect(to: "/account") }
        guard let step = TOTP(secret: pending).matchingStep(TwoFactorSignInPage.code.text(c.form), at: c.now.seconds, after: 0) else {
            return setupPage(c, user: user, secret: pending, error: "twofactor.code_wrong", status: .unprocessable)
        }
        let codes = RecoveryCodes.generate()
        guard try db.confirmTwoFactor(userID: user.id, step: step, recoveryCodeHashes: codes.map(RecoveryCodes.storageHash), now: c.now) else {
            return .redirect(to: "/account")
        }
        try db.logSignIn(userID: user.id, username: user.username, outcome: .twoFactorSetUp, address: c.request.remoteAddress,
                         userAgent: c.request.header("user-agent") ?? "", now: c.now)
        return .html(recoveryCodesPage(c, codes: codes, next: "/account?done=two_factor_on"))
    }

    static func newRecoveryCodes(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let user = try c.signedIn
        var errors = FieldErrors()
        guard try checkPassword(c, db, errors: &errors) else { return try page(c, db, Messages(twoFactorErrors: errors), status: .unprocessable) }
        guard try db.twoFactor(userID: user.id).enabled else { return .redirect(to: "/account") }
        let codes = RecoveryCodes.generate()
        try db.replaceRecoveryCodes(userID: user.id, hashes: codes.map(RecoveryCodes.storageHash))
        return .html(recoveryCodesPage(c, codes: codes, next: "/account"))
    }

    static func turnOff(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let user = try c.signedIn
        let state = try db.twoFactor(userID: user.id)
        guard !state.required else { throw HTTPError(.conflict, reason: "twofactor.required_by_profile") }
        var errors = FieldErrors()
        guard try checkPassword(c, db, errors: &errors) else { return try page(c, db, Messages(twoFactorErrors: errors), status: .unprocessable) }
        try db.disableTwoFactor(userID: user.id, actor: user.id, now: c.now)
        return .redirect(to: "/account?done=two_factor_off")
    }

    /// The recovery codes, shown once.
    static func recoveryCodesPage(_ c: RequestContext, codes: [String], next: String) -> [UInt8] {
        let t = c.t
        return Layout.page(title: t("twofactor.recovery.title"), context: c, section: .account) { h in
            h.raw("<section class=\"card\"><h1>")
            h.text(t("twofactor.recovery.title"))
            h.raw("</h1><p>")
            h.text(t("twofactor.recovery.intro"))
            h.raw("</p><ol class=\"recovery-codes\">")
            for code in codes {
                h.raw("<li><code>")
                h.text(code)
                h.raw("</code></li>")
            }
            h.raw("</ol><p><a class=\"button primary\" href=\"")
            h.attr(Response.isLocalPath(next) ? next : "/leads")
            h.raw("\">")
            h.text(t("twofactor.recovery.continue"))
            h.raw("</a></p></section>")
        }
    }

    // MARK: - Sessions

    static func endSession(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let user = try c.signedIn
        // Another user's session id (or a made-up one) ends nothing: not found.
        guard try db.endOwnSession(userID: user.id, id: session.text(c.form)) else { throw HTTPError.notFound }
        return .redirect(to: "/account?done=session_ended")
    }

    static func endOtherSessions(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let user = try c.signedIn
        guard let token = EdgeCookie.sessionToken(in: c.request) else { throw HTTPError.forbidden }
        _ = try db.endOtherSessions(userID: user.id, keep: token.storageHash)
        return .redirect(to: "/account?done=sessions_ended")
    }
}
