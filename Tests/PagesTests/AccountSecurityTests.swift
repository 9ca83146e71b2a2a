import Foundation
import GRDB
@testable import Pages
import Security
import Showroom
import Store
import Testing
import Web

/// Account security in process (issue 15, point 7): changing one's own password, two-step
/// sign-in with TOTP and recovery codes, the profile that requires it, one's own sessions, the
/// audit list — and the attacks: a replayed code, guessing codes, session fixation, ending
/// someone else's session.
@Suite("Account security")
struct AccountSecurityTests {
    static let challengeCookie = EdgeCookie.signInChallenge.baseName

    /// The second step's form: GET it with the challenge cookie, POST `code` with the form's
    /// double-submit cookie and token. Returns the POST's answer.
    static func sendCode(_ app: TestApp, challenge: String, code: String, path: String = "/login/code") throws -> Response {
        let form = try app.get(path, headers: ["Cookie": "\(challengeCookie)=\(challenge)"])
        guard form.status == .ok, let formCookie = form.cookie(named: EdgeCookie.signInForm.baseName),
              let token = HTMLDocument(form).csrfTokens.first else { throw TestFailure("GET \(path) answered \(form.status.code)") }
        return try app.post(path, as: nil, form: [("code", code)], csrf: .value(token),
                            headers: ["Cookie": "\(challengeCookie)=\(challenge); \(EdgeCookie.signInForm.baseName)=\(formCookie)"])
    }

    /// Signs in with the password; returns the challenge cookie of the second step.
    static func passwordStep(_ app: TestApp, _ username: String, password: String = DemoData.password, expect path: String = "/login/code") throws -> String {
        let answer = try app.attemptSignIn(username, password: password)
        #expect(answer.status == .seeOther && answer.location == path)
        #expect(answer.cookie(named: EdgeCookie.session.baseName) == nil, "no session before the second step")
        return try #require(answer.cookie(named: challengeCookie))
    }

    static func session(_ app: TestApp, _ username: String, from answer: Response) throws -> Session {
        let cookie = try #require(answer.cookie(named: EdgeCookie.session.baseName))
        let page = try app.request(.get, "/account", headers: ["Cookie": "\(EdgeCookie.session.baseName)=\(cookie)"])
        return Session(username: username, cookie: cookie, csrf: try #require(HTMLDocument(page).csrfTokens.first))
    }

    static func secret(_ app: TestApp, _ username: String, pending: Bool = false) throws -> [UInt8] {
        let column = pending ? "totp_pending" : "totp_secret"
        return try app.database.read { db in
            [UInt8](try Data.fetchOne(db, sql: "SELECT \(column) FROM users WHERE username = ?", arguments: [username])!)
        }
    }

    /// Turns two-step sign-in on for a signed-in user through the account page; returns the recovery codes shown.
    static func setUpTwoFactor(_ app: TestApp, _ s: Session) throws -> [String] {
        #expect(try app.post("/account/two-factor/start", as: s, form: []).location == "/account/two-factor")
        let page = try app.get("/account/two-factor", as: s)
        let secret = try Self.secret(app, s.username, pending: true)
        #expect(page.status == .ok && page.html.contains(Base32.grouped(secret)))
        #expect(page.html.contains("otpauth://totp/Showroom:\(s.username)?secret=\(Base32.encode(secret))"))
        let wrong = try app.post("/account/two-factor", as: s, form: [("code", "000000")])
        #expect(wrong.status == .unprocessable)
        let ok = try app.post("/account/two-factor", as: s, form: [("code", TOTP(secret: secret).code(at: app.clock.now.seconds))])
        #expect(ok.status == .ok)
        return HTMLDocument(ok).all("code").map(\.text)
    }

    static func outcomes(_ app: TestApp, _ username: String) throws -> [String] {
        try app.database.read { db in try String.fetchAll(db, sql: "SELECT outcome FROM sign_in_log WHERE username = ? ORDER BY id", arguments: [username]) }
    }

    // MARK: - Password

    @Test func changingThePasswordNeedsTheCurrentOneAndEndsTheOtherSessions() throws {
        let app = try TestApp()
        let here = try app.signIn("sofie")
        let elsewhere = try app.signIn("sofie")
        let wrong = try app.post("/account/password", as: here, form: [("current_password", "nope-nope-nope"), ("new_password", "een-nieuw-wachtwoord"),
                                                                        ("repeat_password", "een-nieuw-wachtwoord")])
        #expect(wrong.status == .unprocessable)
        #expect(HTMLDocument(wrong).first("p", class: "error")?.text == Translator(.nl)("account.password.wrong"))
        let mismatch = try app.post("/account/password", as: here, form: [("current_password", DemoData.password), ("new_password", "een-nieuw-wachtwoord"),
                                                                           ("repeat_password", "een-ander-wachtwoord")])
        #expect(mismatch.status == .unprocessable)
        let short = try app.post("/account/password", as: here, form: [("current_password", DemoData.password), ("new_password", "kort"), ("repeat_password", "kort")])
        #expect(short.status == .unprocessable)
        #expect(try app.get("/leads", as: elsewhere).status == .ok, "nothing changed yet")

        let done = try app.post("/account/password", as: here, form: [("current_password", DemoData.password), ("new_password", "een-nieuw-wachtwoord"),
                                                                       ("repeat_password", "een-nieuw-wachtwoord")])
        #expect(done.status == .seeOther && done.location == "/account?done=password")
        #expect(try app.get("/leads", as: here).status == .ok, "this session stays")
        #expect(try app.get("/leads", as: elsewhere).status == .seeOther, "the other one ended")
        #expect(try app.attemptSignIn("sofie", password: DemoData.password).status == .unprocessable)
        #expect(try app.attemptSignIn("sofie", password: "een-nieuw-wachtwoord").status == .seeOther)
        #expect(try Self.outcomes(app, "sofie").contains("password_changed"))
        #expect(try Self.outcomes(app, "sofie").contains("password_wrong"), "the wrong current password is audited")
        // Without the session's token the form is refused (CSRF).
        #expect(try app.post("/account/password", as: here, form: [("current_password", "een-nieuw-wachtwoord"), ("new_password", "x-x-x-x-x-x-x"),
                                                                   ("repeat_password", "x-x-x-x-x-x-x")], csrf: .none).status == .forbidden)
    }

    // MARK: - Two-step sign-in

    @Test func aCodeSignsInOnceAndAReplayedCodeIsRefused() throws {
        let app = try TestApp()
        let codes = try Self.setUpTwoFactor(app, try app.signIn("jan"))
        #expect(codes.count == 10)
        let secret = try Self.secret(app, "jan")
        app.clock.advance(seconds: 60)
        let code = TOTP(secret: secret).code(at: app.clock.now.seconds)

        let challenge = try Self.passwordStep(app, "jan")
        let signedIn = try Self.sendCode(app, challenge: challenge, code: code)
        #expect(signedIn.status == .seeOther && signedIn.location == "/leads")
        #expect(try app.get("/leads", as: try Self.session(app, "jan", from: signedIn)).status == .ok)
        // The challenge is used up.
        #expect(try app.get("/login/code", headers: ["Cookie": "\(Self.challengeCookie)=\(challenge)"]).location == "/login")

        // Someone who saw the code (and knows the password) tries it again within its 30 s.
        let again = try Self.passwordStep(app, "jan")
        let replay = try Self.sendCode(app, challenge: again, code: code)
        #expect(replay.status == .unprocessable)
        #expect(replay.cookie(named: EdgeCookie.session.baseName) == nil)
        #expect(try Self.outcomes(app, "jan").last == "code_replayed")
        // The next code works.
        app.clock.advance(seconds: 30)
        let next = try Self.sendCode(app, challenge: again, code: TOTP(secret: secret).code(at: app.clock.now.seconds))
        #expect(next.status == .seeOther)
    }

    @Test func guessingCodesLocksTheAccountEvenForTheRightCode() throws {
        let app = try TestApp()
        _ = try Self.setUpTwoFactor(app, try app.signIn("jan"))
        let secret = try Self.secret(app, "jan")
        app.clock.advance(seconds: 90)
        let challenge = try Self.passwordStep(app, "jan")
        let right = TOTP(secret: secret).code(at: app.clock.now.seconds)
        var guesses = 0
        for n in 0..<SignInPolicy.maxFailures {
            let guess = String(format: "%06d", (Int(right)! + 1 + n) % 1_000_000)
            let answer = try Self.sendCode(app, challenge: challenge, code: guess)
            #expect(answer.status == .unprocessable)
            guesses += 1
        }
        #expect(guesses == 5)
        // Locked: the challenge no longer leads anywhere, the right code opens nothing.
        let form = try app.get("/login/code", headers: ["Cookie": "\(Self.challengeCookie)=\(challenge)"])
        #expect(form.status == .seeOther && form.location == "/login")
        #expect(try app.post("/login/code", as: nil, form: [("code", right)], csrf: .none,
                             headers: ["Cookie": "\(Self.challengeCookie)=\(challenge)"]).cookie(named: EdgeCookie.session.baseName) == nil)
        // And the password step refuses until the wait is over.
        #expect(try app.attemptSignIn("jan", password: DemoData.password).status == .unprocessable)
        #expect(try Self.outcomes(app, "jan").suffix(6) == Array(repeating: "code_wrong", count: 5) + ["locked"])
        app.clock.advance(seconds: SignInPolicy.lockSeconds + 1)
        let fresh = try Self.passwordStep(app, "jan")
        #expect(try Self.sendCode(app, challenge: fresh, code: TOTP(secret: secret).code(at: app.clock.now.seconds)).status == .seeOther)
    }

    @Test func aRecoveryCodeWorksOnceAndTheChallengeExpires() throws {
        let app = try TestApp()
        let codes = try Self.setUpTwoFactor(app, try app.signIn("jan"))
        let first = try Self.passwordStep(app, "jan")
        let used = try Self.sendCode(app, challenge: first, code: codes[3].uppercased())
        #expect(used.status == .seeOther)
        #expect(try Self.outcomes(app, "jan").last == "recovery_code_used")
        let second = try Self.passwordStep(app, "jan")
        #expect(try Self.sendCode(app, challenge: second, code: codes[3]).status == .unprocessable, "a recovery code works once")
        #expect(try app.database.twoFactor(userID: try app.userID("jan")).recoveryCodesLeft == 9)
        // A half-done sign-in lasts five minutes.
        app.clock.advance(seconds: AccountSecurityPolicy.challengeSeconds + 1)
        #expect(try app.get("/login/code", headers: ["Cookie": "\(Self.challengeCookie)=\(second)"]).location == "/login")
    }

    @Test func aProfileThatRequiresTwoStepMakesItsUsersSetItUpAndKeepIt() throws {
        let app = try TestApp()
        let sofie = try app.signIn("sofie")
        let admin = try app.signIn("admin")
        let profile = try #require(try app.int("SELECT profile_id FROM users WHERE username = 'sofie'"))
        #expect(try app.post("/admin/security/profiles/\(profile)", as: sofie, form: [("required", "1")]).status == .forbidden)
        #expect(try app.post("/admin/security/profiles/\(profile)", as: admin, form: [("required", "1")]).location == "/admin/security?done=saved")
        #expect(try app.get("/leads", as: sofie).status == .seeOther, "her session ended: she has no two-step sign-in yet")
        #expect(try app.int("SELECT count(*) FROM access_log WHERE change = 'two_factor_required'") == 1)

        let challenge = try Self.passwordStep(app, "sofie", expect: "/login/two-factor")
        let setup = try app.get("/login/two-factor", headers: ["Cookie": "\(Self.challengeCookie)=\(challenge)"])
        let pending = try Self.secret(app, "sofie", pending: true)
        #expect(setup.status == .ok && setup.html.contains(Base32.grouped(pending)))
        #expect(try Self.sendCode(app, challenge: challenge, code: "123456", path: "/login/two-factor").status == .unprocessable)
        let done = try Self.sendCode(app, challenge: challenge, code: TOTP(secret: pending).code(at: app.clock.now.seconds), path: "/login/two-factor")
        #expect(done.status == .ok)
        #expect(HTMLDocument(done).all("code").count == 10, "the recovery codes, once")
        let s = try Self.session(app, "sofie", from: done)
        #expect(try app.get("/leads", as: s).status == .ok)
        // Required: it cannot be turned off.
        #expect(try app.post("/account/two-factor/off", as: s, form: [("current_password", DemoData.password)]).status == .conflict)
        #expect(try app.database.twoFactor(userID: try app.userID("sofie")).enabled)
    }

    @Test func twoStepCanBeTurnedOffWithThePasswordWhenNotRequired() throws {
        let app = try TestApp()
        let jan = try app.signIn("jan")
        _ = try Self.setUpTwoFactor(app, jan)
        #expect(try app.post("/account/two-factor/off", as: jan, form: [("current_password", "wrong-password")]).status == .unprocessable)
        #expect(try app.database.twoFactor(userID: try app.userID("jan")).enabled)
        #expect(try app.post("/account/two-factor/off", as: jan, form: [("current_password", DemoData.password)]).location == "/account?done=two_factor_off")
        #expect(try app.attemptSignIn("jan", password: DemoData.password).location == "/leads")
    }

    // MARK: - Sessions

    /// Posts the sign-in form with `cookie` (a session cookie planted in the browser) sent along.
    static func signIn(_ app: TestApp, _ username: String, plantedSession cookie: String) throws -> Response {
        let login = try app.get("/login")
        let formCookie = try #require(login.cookie(named: EdgeCookie.signInForm.baseName))
        let token = try #require(HTMLDocument(login).csrfTokens.first)
        return try app.post("/login", as: nil, form: [("username", username), ("password", DemoData.password), ("next", "")], csrf: .value(token),
                            headers: ["Cookie": "\(EdgeCookie.signInForm.baseName)=\(formCookie); \(EdgeCookie.session.baseName)=\(cookie)"])
    }

    @Test func signingInAlwaysGivesANewSessionIdAndEndsThePlantedOne() throws {
        let app = try TestApp()
        // A made-up token planted in the victim's browser is never adopted.
        let planted = SecureToken.random().text
        let answer = try Self.signIn(app, "sofie", plantedSession: planted)
        #expect(answer.status == .seeOther)
        let issued = try #require(answer.cookie(named: EdgeCookie.session.baseName))
        #expect(issued != planted)
        #expect(try app.request(.get, "/leads", headers: ["Cookie": "\(EdgeCookie.session.baseName)=\(planted)"]).status == .seeOther)
        // An old session left in the browser (idle too long) is replaced, not revived: its row goes.
        let old = try app.signIn("sofie")
        app.clock.advance(seconds: SignInPolicy.defaultIdleSeconds + 60)
        let again = try Self.signIn(app, "sofie", plantedSession: old.cookie)
        #expect(again.status == .seeOther)
        #expect(try #require(again.cookie(named: EdgeCookie.session.baseName)) != old.cookie)
        #expect(try app.int("SELECT count(*) FROM sessions WHERE token_hash = ?", [Data(SecureToken(parsing: old.cookie)!.storageHash)]) == 0)
        // A live session of the attacker's own planted in the browser: the sign-in form's token
        // is not that session's, so the post is refused and no session is issued.
        let attacker = try app.signIn("jan")
        let victim = try Self.signIn(app, "sofie", plantedSession: attacker.cookie)
        #expect(victim.status == .forbidden)
        #expect(victim.cookie(named: EdgeCookie.session.baseName) == nil)
    }

    @Test func aUserSeesAndEndsTheirOwnSessionsButNobodyElses() throws {
        let app = try TestApp()
        let here = try app.signIn("sofie")
        let phone = try app.signIn("sofie")
        let jan = try app.signIn("jan")
        let page = try app.get("/account", as: here)
        let forms = HTMLDocument(page).all("form").filter { $0["action"] == "/account/sessions/end" }.map(FormElement.init)
        #expect(forms.count == 1, "one other session to end; this one is marked")
        #expect(HTMLDocument.plainText(page.html).contains(Translator(.nl)("account.sessions.this_one")))
        let janID = try #require(try app.database.sessions(userID: try app.userID("jan"), current: [], now: app.clock.now, idleSeconds: 7200).first?.id)
        #expect(try app.post("/account/sessions/end", as: here, form: [("session", janID)]).status == .notFound)
        #expect(try app.get("/leads", as: jan).status == .ok, "someone else's session is out of reach")
        #expect(try app.post("/account/sessions/end", as: here, form: [("session", "zz")]).status == .notFound)
        let id = try #require(forms.first?.value("session"))
        #expect(try app.post("/account/sessions/end", as: here, form: [("session", id)]).location == "/account?done=session_ended")
        #expect(try app.get("/leads", as: phone).status == .seeOther)
        #expect(try app.get("/leads", as: here).status == .ok)
        let third = try app.signIn("sofie")
        #expect(try app.post("/account/sessions/end-others", as: here, form: []).location == "/account?done=sessions_ended")
        #expect(try app.get("/leads", as: third).status == .seeOther)
        #expect(try app.get("/leads", as: here).status == .ok)
    }

    // MARK: - Audit list

    @Test func signInsAndFailuresAreListedForAdminsOnly() throws {
        let app = try TestApp()
        _ = try app.attemptSignIn("sofie", password: "wrong-password")
        _ = try app.attemptSignIn("nobody", password: "wrong-password")
        let sofie = try app.signIn("sofie")
        #expect(try app.get("/admin/security", as: sofie).status == .forbidden)
        let admin = try app.signIn("admin")
        let all = try app.get("/admin/security", as: admin)
        #expect(all.status == .ok)
        let rows = HTMLDocument(all).all("tr").map(\.text)
        let t = Translator(.nl)
        #expect(rows.contains { $0.contains("Sofie Peeters") && $0.contains(t("signin.outcome.password_wrong")) })
        #expect(rows.contains { $0.contains("nobody") && $0.contains(t("signin.outcome.unknown_user")) })
        #expect(rows.contains { $0.contains("Sofie Peeters") && $0.contains(t("signin.outcome.signed_in")) })
        let failures = HTMLDocument(try app.get("/admin/security?failures=1", as: admin)).all("tr", class: "refused")
        #expect(failures.count == 2)
        #expect(HTMLDocument(try app.get("/admin/security?failures=1", as: admin)).all("tr").count == 3, "header + the two refusals")
    }
}
