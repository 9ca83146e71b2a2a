@testable import Pages
import Showroom
import Store
import Testing
import Web

@Suite("Sign-in, sessions and CSRF")
struct SignInTests {
    // MARK: - Sign-in

    @Test func rightPasswordOpensASessionAndLandsOnLeads() throws {
        let app = try TestApp()
        let answer = try app.attemptSignIn("sofie", password: DemoData.password)
        #expect(answer.status == .seeOther)
        #expect(answer.location == "/leads")
        let cookie = try #require(answer.setCookieHeader(named: EdgeCookie.session.baseName))
        #expect(cookie.contains("HttpOnly"))
        #expect(cookie.contains("SameSite="))
        #expect(!cookie.contains("Secure"), "plain http in tests")
        // The sign-in form cookie is cleared.
        #expect(answer.setCookieHeader(named: EdgeCookie.signInForm.baseName)?.contains("Max-Age=0") == true)
        let session = try #require(answer.cookie(named: EdgeCookie.session.baseName))
        let leads = try app.request(.get, "/leads", headers: ["Cookie": "\(EdgeCookie.session.baseName)=\(session)"])
        #expect(leads.status == .ok)
        #expect(HTMLDocument(leads).first("span", class: "user-name")?.text == "Sofie Peeters")
        // Only a hash of the token is stored.
        #expect(try app.int("SELECT count(*) FROM sessions WHERE token_hash = CAST(? AS BLOB)", [session]) == 0)
        #expect(try app.int("SELECT count(*) FROM sessions") == 1)
    }

    @Test func wrongPasswordAndUnknownUserGetTheSameAnswer() throws {
        let app = try TestApp()
        let wrong = try app.attemptSignIn("sofie", password: "not-the-password")
        let unknown = try app.attemptSignIn("nobody", password: "not-the-password")
        for answer in [wrong, unknown] {
            #expect(answer.status == .unprocessable)
            #expect(answer.cookie(named: EdgeCookie.session.baseName) == nil)
        }
        let wrongAlert = HTMLDocument(wrong).first("p", class: "alert")?.text
        let unknownAlert = HTMLDocument(unknown).first("p", class: "alert")?.text
        #expect(wrongAlert == Translator(.nl)("signin.failed"))
        #expect(wrongAlert == unknownAlert)
        // The typed user name is kept; the password never is.
        let form = try #require(HTMLDocument(wrong).form(action: "/login"))
        #expect(form.value("username") == "sofie")
        #expect(form.value("password") == "")
        // A fresh form token comes with the answer, so the user can try again.
        #expect(wrong.cookie(named: EdgeCookie.signInForm.baseName) != nil)
    }

    @Test func emptyFieldsAreRefusedLikeAWrongPassword() throws {
        let app = try TestApp()
        let answer = try app.attemptSignIn("", password: "")
        #expect(answer.status == .unprocessable)
        #expect(HTMLDocument(answer).first("p", class: "alert")?.text == Translator(.nl)("signin.failed"))
    }

    @Test func fiveFailuresLockTheAccountEvenForTheRightPassword() throws {
        let app = try TestApp()
        for _ in 1...SignInPolicy.maxFailures {
            #expect(try app.attemptSignIn("jan", password: "wrong-password").status == .unprocessable)
        }
        let locked = try app.attemptSignIn("jan", password: DemoData.password)
        #expect(locked.status == .unprocessable)
        #expect(locked.cookie(named: EdgeCookie.session.baseName) == nil)
        // The same sentence as any other failure: a lock is not revealed.
        #expect(HTMLDocument(locked).first("p", class: "alert")?.text == Translator(.nl)("signin.failed"))
        // Other accounts are not affected.
        #expect(try app.attemptSignIn("sofie", password: DemoData.password).status == .seeOther)
        // After the lock period the right password works again.
        app.clock.advance(seconds: SignInPolicy.lockSeconds + 1)
        #expect(try app.attemptSignIn("jan", password: DemoData.password).status == .seeOther)
    }

    @Test func fourFailuresThenSuccessResetTheCounter() throws {
        let app = try TestApp()
        for _ in 1..<SignInPolicy.maxFailures {
            _ = try app.attemptSignIn("jan", password: "wrong-password")
        }
        #expect(try app.attemptSignIn("jan", password: DemoData.password).status == .seeOther)
        #expect(try app.int("SELECT failed_logins FROM users WHERE username = 'jan'") == 0)
        _ = try app.attemptSignIn("jan", password: "wrong-password")
        #expect(try app.attemptSignIn("jan", password: DemoData.password).status == .seeOther)
    }

    @Test func deactivatedUserCannotSignInAndTheirSessionEnds() throws {
        let app = try TestApp()
        let admin = try app.signIn("admin")
        let sofie = try app.signIn("sofie")
        #expect(try app.get("/leads", as: sofie).status == .ok)
        let sofieID = try app.userID("sofie")
        let off = try app.post("/admin/users/\(sofieID)/active", as: admin, form: [("active", "0")])
        #expect(off.status == .seeOther)
        // Her open session no longer works…
        let after = try app.get("/leads", as: sofie)
        #expect(after.status == .seeOther)
        #expect(after.location?.hasPrefix("/login") == true)
        // …and the right password does not sign her in, with the usual sentence.
        let again = try app.attemptSignIn("sofie", password: DemoData.password)
        #expect(again.status == .unprocessable)
        #expect(HTMLDocument(again).first("p", class: "alert")?.text == Translator(.nl)("signin.failed"))
        // The effective-access page says she may do nothing.
        let access = HTMLDocument(try app.get("/admin/users/\(sofieID)/access", as: admin))
        #expect(access.all("td", class: "yes").isEmpty)
        // Reactivated, she can sign in again.
        #expect(try app.post("/admin/users/\(sofieID)/active", as: admin, form: [("active", "1")]).status == .seeOther)
        #expect(try app.attemptSignIn("sofie", password: DemoData.password).status == .seeOther)
    }

    @Test func passwordResetEndsTheUsersSessions() throws {
        let app = try TestApp()
        let admin = try app.signIn("admin")
        let jan = try app.signIn("jan")
        let janID = try app.userID("jan")
        let reset = try app.post("/admin/users/\(janID)/password", as: admin, form: [("password", "een-nieuw-wachtwoord")])
        #expect(reset.status == .seeOther)
        #expect(try app.get("/leads", as: jan).status == .seeOther)
        #expect(try app.attemptSignIn("jan", password: DemoData.password).status == .unprocessable)
        #expect(try app.attemptSignIn("jan", password: "een-nieuw-wachtwoord").status == .seeOther)
        // Too short: refused beside the field, nothing changed.
        let short = try app.post("/admin/users/\(janID)/password", as: admin, form: [("password", "kort")])
        #expect(short.status == .unprocessable)
        #expect(HTMLDocument(short).element(id: "e-password") != nil)
        #expect(try app.attemptSignIn("jan", password: "een-nieuw-wachtwoord").status == .seeOther)
    }

    // MARK: - next

    @Test("next accepts local paths only", arguments: [
        ("/leads/5", "/leads/5"),
        ("/leads?status=won", "/leads?status=won"),
        ("//evil.example/steal", "/leads"),
        ("https://evil.example/", "/leads"),
        ("/\\evil.example", "/leads"),
        ("javascript:alert(1)", "/leads"),
        ("", "/leads"),
    ])
    func nextAcceptsOnlyLocalPaths(next: String, landing: String) throws {
        let app = try Shared.app.get()
        let answer = try app.attemptSignIn("jan", password: DemoData.password, next: next)
        #expect(answer.status == .seeOther)
        #expect(answer.location == landing)
    }

    @Test func loginPageKeepsOnlyALocalNext() throws {
        let app = try Shared.app.get()
        let local = HTMLDocument(try app.get("/login?next=%2Fleads%2F7%3Fx%3D1")).form(action: "/login")
        #expect(local?.value("next") == "/leads/7?x=1")
        let foreign = HTMLDocument(try app.get("/login?next=%2F%2Fevil.example")).form(action: "/login")
        #expect(foreign?.value("next") == "")
    }

    @Test("Unauthenticated GET of a protected route goes to the sign-in page", arguments: [
        "/leads", "/leads?status=won&page=2", "/leads/1", "/leads/1/follow-up", "/leads/1/contacts", "/admin/users", "/admin/users/1",
        "/admin/users/1/access", "/admin/permissions", "/admin/branches",
    ])
    func unauthenticatedGetRedirects(target: String) throws {
        let app = try Shared.app.get()
        let answer = try app.get(target)
        #expect(answer.status == .seeOther)
        #expect(answer.location == "/login?next=" + PercentDecoding.encodeQueryValue(target))
        // The sign-in page carries it on, and signing in lands there.
        let login = HTMLDocument(try app.get(try #require(answer.location))).form(action: "/login")
        #expect(login?.value("next") == target)
    }

    @Test func signingInAfterTheRedirectLandsOnTheRequestedPage() throws {
        let app = try Shared.app.get()
        let target = "/leads?status=lost"
        let redirect = try app.get(target)
        let login = try app.get(try #require(redirect.location))
        let next = try #require(HTMLDocument(login).form(action: "/login")?.value("next"))
        let answer = try app.attemptSignIn("pieter", password: DemoData.password, next: next)
        #expect(answer.location == target)
    }

    @Test func unauthenticatedPostGoesToSignInWithoutDoingAnything() throws {
        let app = try TestApp()
        let answer = try app.post("/admin/branches", as: nil, form: [("_csrf", "x"), ("name", "Brugge"), ("active", "1")], csrf: .none)
        #expect(answer.status == .seeOther)
        #expect(answer.location == "/login")
        #expect(try app.int("SELECT count(*) FROM branches WHERE name = 'Brugge'") == 0)
    }

    @Test func rootRedirectsBySignInState() throws {
        let app = try Shared.app.get()
        #expect(try app.get("/").location == "/login")
        #expect(try app.get("/", as: try Shared.session("sofie")).location == "/leads")
        // A signed-in user asking for the sign-in page goes to the leads.
        #expect(try app.get("/login", as: try Shared.session("sofie")).location == "/leads")
    }

    // MARK: - CSRF and origin

    @Test func postWithoutOrWithAWrongTokenIsRefused() throws {
        let app = try TestApp()
        let sofie = try app.signIn("sofie")
        let admin = try app.signIn("admin")
        let cases: [(String, TestApp.CSRF)] = [
            ("no token", .none), ("empty", .value("")), ("garbage", .value("abc")),
            ("another session's token", .value(admin.csrf)),
            ("token with a changed last character", .value(String(sofie.csrf.dropLast()) + (sofie.csrf.last == "A" ? "B" : "A"))),
        ]
        for (label, csrf) in cases {
            let answer = try app.post("/account/language", as: sofie, form: [("language", "fr")], csrf: csrf)
            #expect(answer.status == .forbidden, "\(label)")
            #expect(HTMLDocument(answer).errorCode == 403, "\(label)")
        }
        #expect(try app.string("SELECT language FROM users WHERE username = 'sofie'") == "nl")
        // With her own token it works.
        #expect(try app.post("/account/language", as: sofie, form: [("language", "fr")]).status == .seeOther)
        #expect(try app.string("SELECT language FROM users WHERE username = 'sofie'") == "fr")
    }

    @Test func adminPostWithoutTokenChangesNothing() throws {
        let app = try TestApp()
        let admin = try app.signIn("admin")
        let answer = try app.post("/admin/branches", as: admin, form: [("active", "1"), ("name", "Brugge")], csrf: .none)
        #expect(answer.status == .forbidden)
        #expect(try app.int("SELECT count(*) FROM branches WHERE name = 'Brugge'") == 0)
    }

    @Test("Cross-site requests are refused even with a valid token", arguments: [
        ["Origin": "http://evil.example"],
        ["Origin": "null"],
        ["Origin": "https://127.0.0.1:8080"],
        ["Sec-Fetch-Site": "cross-site"],
        ["Sec-Fetch-Site": "same-site"],
    ])
    func crossSiteIsRefused(headers: [String: String]) throws {
        let app = try TestApp()
        let admin = try app.signIn("admin")
        let answer = try app.post("/admin/branches", as: admin, form: [("active", "1"), ("name", "Brugge")], headers: headers)
        #expect(answer.status == .forbidden)
        #expect(try app.int("SELECT count(*) FROM branches WHERE name = 'Brugge'") == 0)
    }

    @Test func sameOriginPostIsAccepted() throws {
        let app = try TestApp()
        let admin = try app.signIn("admin")
        let answer = try app.post("/admin/branches", as: admin, form: [("active", "1"), ("name", "Brugge")],
                                  headers: ["Origin": "http://127.0.0.1:8080", "Sec-Fetch-Site": "same-origin"])
        #expect(answer.status == .seeOther)
        #expect(try app.int("SELECT count(*) FROM branches WHERE name = 'Brugge'") == 1)
    }

    @Test func signInFormNeedsItsCookieAndToken() throws {
        let app = try TestApp()
        let login = try app.get("/login")
        let formCookie = try #require(login.cookie(named: EdgeCookie.signInForm.baseName))
        let token = try #require(HTMLDocument(login).csrfTokens.first)
        let fields = [("username", "sofie"), ("password", DemoData.password), ("next", "")]
        func post(cookie: String?, token: String?, headers: [String: String] = [:]) throws -> Response {
            var h = headers
            h["Content-Type"] = "application/x-www-form-urlencoded"
            if let cookie { h["Cookie"] = "\(EdgeCookie.signInForm.baseName)=\(cookie)" }
            return try app.request(.post, "/login", headers: h, body: urlencode((token.map { [("_csrf", $0)] } ?? []) + fields))
        }
        #expect(try post(cookie: nil, token: token).status == .forbidden, "token without its cookie")
        #expect(try post(cookie: formCookie, token: nil).status == .forbidden, "cookie without a token")
        let other = try #require(HTMLDocument(try app.get("/login")).csrfTokens.first)
        #expect(try post(cookie: formCookie, token: other).status == .forbidden, "another form's token")
        #expect(try post(cookie: formCookie, token: token, headers: ["Origin": "http://evil.example"]).status == .forbidden, "cross-site")
        #expect(try app.int("SELECT count(*) FROM sessions") == 0)
        #expect(try post(cookie: formCookie, token: token).status == .seeOther)
    }

    @Test func formWithAnotherContentTypeIsABadRequest() throws {
        let app = try TestApp()
        let admin = try app.signIn("admin")
        let answer = try app.request(.post, "/admin/branches", headers: ["Cookie": admin.cookieHeader, "Content-Type": "application/json"],
                                     body: "{\"_csrf\":\"\(admin.csrf)\",\"name\":\"Brugge\"}")
        #expect(answer.status == .badRequest)
        #expect(try app.int("SELECT count(*) FROM branches WHERE name = 'Brugge'") == 0)
    }

    // MARK: - Sign-out and expiry

    @Test func signOutEndsTheSession() throws {
        let app = try TestApp()
        let sofie = try app.signIn("sofie")
        let other = try app.signIn("sofie")  // a second browser
        let out = try app.post("/logout", as: sofie, form: [])
        #expect(out.status == .seeOther)
        #expect(out.location == "/login")
        #expect(out.setCookieHeader(named: EdgeCookie.session.baseName)?.contains("Max-Age=0") == true)
        // The old cookie no longer works, even if the browser kept it.
        let again = try app.get("/leads", as: sofie)
        #expect(again.status == .seeOther)
        #expect(again.location == "/login?next=%2Fleads")
        // Her session in the other browser is a separate one.
        #expect(try app.get("/leads", as: other).status == .ok)
    }

    @Test func signOutNeedsTheToken() throws {
        let app = try TestApp()
        let sofie = try app.signIn("sofie")
        #expect(try app.post("/logout", as: sofie, form: [], csrf: .none).status == .forbidden)
        #expect(try app.get("/leads", as: sofie).status == .ok)
    }

    @Test func idleSessionExpires() throws {
        let app = try TestApp()
        let sofie = try app.signIn("sofie")
        app.clock.advance(seconds: SignInPolicy.defaultIdleSeconds - 60)
        #expect(try app.get("/leads", as: sofie).status == .ok, "still within the idle limit; this request renews it")
        app.clock.advance(seconds: SignInPolicy.defaultIdleSeconds - 60)
        #expect(try app.get("/leads", as: sofie).status == .ok, "renewed by the previous request")
        app.clock.advance(seconds: SignInPolicy.defaultIdleSeconds + 1)
        #expect(try app.get("/leads", as: sofie).status == .seeOther)
    }

    @Test func sessionEndsAtItsAbsoluteLimitEvenWhenUsed() throws {
        let app = try TestApp()
        let sofie = try app.signIn("sofie")
        var elapsed: Int64 = 0
        while elapsed + 3600 < SignInPolicy.defaultAbsoluteSeconds {
            app.clock.advance(seconds: 3600)
            elapsed += 3600
            #expect(try app.get("/leads", as: sofie).status == .ok)
        }
        app.clock.advance(seconds: SignInPolicy.defaultAbsoluteSeconds - elapsed)
        #expect(try app.get("/leads", as: sofie).status == .seeOther)
    }

    @Test func httpsUsesHostPrefixedSecureCookies() throws {
        let app = try TestApp()
        let login = try app.request(.get, "/login", isSecure: true)
        let formCookieHeader = try #require(login.setCookieHeader(named: "__Host-" + EdgeCookie.signInForm.baseName))
        #expect(formCookieHeader.contains("Secure"))
        let formCookie = try #require(login.cookie(named: "__Host-" + EdgeCookie.signInForm.baseName))
        let token = try #require(HTMLDocument(login).csrfTokens.first)
        let answer = try app.request(.post, "/login", headers: [
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": "__Host-\(EdgeCookie.signInForm.baseName)=\(formCookie)",
        ], body: urlencode([("_csrf", token), ("username", "sofie"), ("password", DemoData.password), ("next", "")]), isSecure: true)
        #expect(answer.status == .seeOther)
        let session = try #require(answer.cookie(named: "__Host-" + EdgeCookie.session.baseName))
        #expect(answer.setCookieHeader(named: "__Host-" + EdgeCookie.session.baseName)?.contains("Secure") == true)
        #expect(try app.request(.get, "/leads", headers: ["Cookie": "__Host-\(EdgeCookie.session.baseName)=\(session)"], isSecure: true).status == .ok)
        // Over https the unprefixed name is not accepted.
        #expect(try app.request(.get, "/leads", headers: ["Cookie": "\(EdgeCookie.session.baseName)=\(session)"], isSecure: true).status == .seeOther)
    }

    @Test func usernameIsCaseInsensitive() throws {
        let app = try Shared.app.get()
        #expect(try app.attemptSignIn("SOFIE", password: DemoData.password).status == .seeOther)
        #expect(try app.attemptSignIn("  sofie  ", password: DemoData.password).status == .seeOther)
    }
}
