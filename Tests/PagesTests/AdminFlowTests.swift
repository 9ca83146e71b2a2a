import GRDB
@testable import Pages
import Showroom
import Store
import Testing
import Web

/// One row of the effective-access table.
struct AccessRow {
    let permission: String
    let allowed: Bool
    let allowedText: String
    let why: String
}

/// One row of the change log on /admin/permissions.
struct LogRow {
    let who: String, subject: String, change: String, old: String, new: String
}

extension HTMLDocument {
    var accessRows: [AccessRow] {
        guard let body = first("table")?.first("tbody") else { return [] }
        return body.all("tr").compactMap { tr in
            guard let code = tr.first("th")?.first("span", class: "code")?.text else { return nil }
            let tds = tr.all("td")
            guard tds.count == 2 else { return nil }
            return AccessRow(permission: code, allowed: tds[0].hasClass("yes"), allowedText: tds[0].text, why: tds[1].text)
        }
    }

    var logRows: [LogRow] {
        guard let section = all("section", class: "card").first(where: { $0["aria-labelledby"] == "log-h" }),
              let body = section.first("tbody") else { return [] }
        return body.all("tr").compactMap { tr in
            let c = tr.all("td").map(\.text)
            guard c.count == 6 else { return nil }
            return LogRow(who: c[1], subject: c[2], change: c[3], old: c[4], new: c[5])
        }
    }

    /// The message shown beside field `name` (`<p class="error" id="e-name">`).
    func fieldError(_ name: String) -> String? {
        all("p", class: "error").first { $0["id"] == "e-" + name }?.text
    }
}

@Suite("Admin: users, permissions, branches, effective access")
struct AdminFlowTests {
    let nl = Translator(.nl)

    // MARK: - Creating users

    @Test func badUserInputIsShownAgainWithErrorsBesideTheFields() throws {
        let app = try TestApp()
        let admin = try app.signIn("admin")
        let before = try app.int("SELECT count(*) FROM users")
        let answer = try app.post("/admin/users", as: admin, form: [
            ("username", "A B"), ("display_name", "Nieuwe Collega"), ("email", "nieuw@showroom.example"), ("language", "fr"),
            ("profile", "2"), ("password", "kort"),
        ])
        #expect(answer.status == .unprocessable)
        let page = HTMLDocument(answer)
        #expect(page.fieldError("username") == nl("admin.user.username_rule"))
        #expect(page.fieldError("password") == nl("admin.user.password_rule"))
        #expect(page.fieldError("branch") == nl("admin.user.branch_required"))
        #expect(page.fieldError("display_name") == nil)
        #expect(page.fieldError("email") == nil)
        // The field is marked and tied to its message for screen readers.
        let username = try #require(page.all("input").first { $0["name"] == "username" })
        #expect(username["aria-invalid"] == "true")
        #expect(username["aria-describedby"] == "e-username")
        // What was typed is kept (the user name as the app normalises it), except the password.
        let form = try #require(page.form(action: "/admin/users"))
        #expect(form.value("username")?.lowercased() == "a b")
        #expect(form.value("display_name") == "Nieuwe Collega")
        #expect(form.value("email") == "nieuw@showroom.example")
        #expect(form.value("language") == "fr")
        #expect(form.value("profile") == "2")
        #expect(form.value("password") == "")
        #expect(try app.int("SELECT count(*) FROM users") == before)
    }

    @Test("Invalid user fields are refused", arguments: [
        ("username", "x", "admin.user.username_rule"),
        ("username", "élodie", "admin.user.username_rule"),
        ("username", String(repeating: "a", count: 65), "admin.user.username_rule"),
        ("display_name", "   ", "form.required"),
        ("display_name", String(repeating: "n", count: 101), "form.too_long"),
        ("email", "geen-adres", "form.email_invalid"),
        ("language", "de", "form.invalid_choice"),
        ("profile", "99", "form.invalid_choice"),
        ("branch", "99", "form.invalid_choice"),
        ("password", "123456789", "admin.user.password_rule"),
    ])
    func invalidUserField(field: String, value: String, message: String) throws {
        let app = try Shared.app.get()
        let admin = try Shared.session("admin")
        var form: [String: String] = ["username": "geldig.\(field)", "display_name": "Geldige Naam", "email": "", "language": "nl",
                                      "profile": "1", "branch": "1", "password": "een-lang-wachtwoord"]
        form[field] = value
        let answer = try app.post("/admin/users", as: admin, form: form.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        #expect(answer.status == .unprocessable)
        #expect(HTMLDocument(answer).fieldError(field) == nl(message))
        #expect(try app.int("SELECT count(*) FROM users WHERE username = ?", ["geldig.\(field)"]) == 0)
    }

    @Test func validUserIsCreatedAndCanSignIn() throws {
        let app = try TestApp()
        let admin = try app.signIn("admin")
        let answer = try app.post("/admin/users", as: admin, form: [
            ("username", "Elise.V"), ("display_name", "Elise Verhaeghe"), ("email", "elise@showroom.example"), ("language", "en"),
            ("profile", "1"), ("branch", "2"), ("branch", "1"), ("password", "een-lang-wachtwoord"),
        ])
        #expect(answer.status == .seeOther)
        let id = try #require(try app.int("SELECT id FROM users WHERE username = 'elise.v'"))
        #expect(answer.location == "/admin/users/\(id)?done=created")
        #expect(try app.ints("SELECT branch_id FROM user_branches WHERE user_id = ? ORDER BY branch_id", [id]) == [1, 2])
        // The edit page confirms and shows what was saved.
        let edit = HTMLDocument(try app.get(try #require(answer.location), as: admin))
        #expect(edit.first("p", class: "notice")?.text == nl("admin.done.created"))
        let form = try #require(edit.form(action: "/admin/users/\(id)"))
        #expect(form.value("display_name") == "Elise Verhaeghe")
        #expect(Set(form.fields.filter { $0.0 == "branch" }.map(\.1)) == ["1", "2"])
        // She signs in with that password, in her language, and sees her (no) own leads.
        let elise = try app.signIn("elise.v", password: "een-lang-wachtwoord")
        let leads = try app.get("/leads", as: elise)
        #expect(leads.status == .ok)
        #expect(HTMLDocument(leads).language == "en")
        #expect(HTMLDocument(leads).overviewRows.isEmpty)
        // The creation is logged.
        let log = HTMLDocument(try app.get("/admin/permissions", as: admin)).logRows
        #expect(log.contains { $0.subject == "user:elise.v" && $0.change == nl("admin.log.change.created") && $0.new == "Verkoper" })
    }

    @Test("Duplicate user name is refused beside the field", arguments: ["jan", "JAN", " jan "])
    func duplicateUsername(username: String) throws {
        let app = try Shared.app.get()
        let admin = try Shared.session("admin")
        let before = try app.int("SELECT count(*) FROM users")
        let answer = try app.post("/admin/users", as: admin, form: [
            ("username", username), ("display_name", "Een Andere Jan"), ("email", ""), ("language", "nl"),
            ("profile", "1"), ("branch", "1"), ("password", "een-lang-wachtwoord"),
        ])
        #expect(answer.status == .unprocessable)
        #expect(HTMLDocument(answer).fieldError("username") == nl("admin.user.username_taken"))
        #expect(HTMLDocument(answer).form(action: "/admin/users")?.value("display_name") == "Een Andere Jan")
        #expect(try app.int("SELECT count(*) FROM users") == before)
        #expect(try app.string("SELECT display_name FROM users WHERE username = 'jan'") == "Jan Claes")
    }

    // MARK: - Editing users

    @Test func staleVersionIsAConflictAndOverwritesNothing() throws {
        let app = try TestApp()
        let admin = try app.signIn("admin")
        let jan = try app.userID("jan")
        let action = "/admin/users/\(jan)"
        // Two admins open the same form.
        let first = try #require(HTMLDocument(try app.get(action, as: admin)).form(action: action))
        let second = try #require(HTMLDocument(try app.get(action, as: admin)).form(action: action))
        #expect(first.value("version") != nil)
        // The first saves.
        let saved = try app.post(action, as: admin, form: first.fields(changing: ["display_name": "Jan Claes-Eerst"]).filter { $0.0 != "_csrf" })
        #expect(saved.status == .seeOther)
        #expect(saved.location == "/admin/users/\(jan)?done=saved")
        // The second, on the old version, gets a conflict.
        let stale = try app.post(action, as: admin, form: second.fields(changing: ["display_name": "Jan Claes-Tweede", "language": "fr"]).filter { $0.0 != "_csrf" })
        #expect(stale.status == .conflict)
        #expect(try app.string("SELECT display_name FROM users WHERE id = ?", [jan]) == "Jan Claes-Eerst")
        #expect(try app.string("SELECT language FROM users WHERE id = ?", [jan]) == "nl")
        // The answer says so beside the field, keeps what was typed, and carries the current version…
        let page = HTMLDocument(stale)
        #expect(page.fieldError("display_name") == nl("error.conflict_reload"))
        let again = try #require(page.form(action: action))
        #expect(again.value("display_name") == "Jan Claes-Tweede")
        let currentVersion = try #require(try app.int("SELECT version FROM users WHERE id = ?", [jan]))
        #expect(again.value("version") == String(currentVersion))
        // …so saving it again goes ahead.
        #expect(try app.post(action, as: admin, form: again.fields.filter { $0.0 != "_csrf" }).status == .seeOther)
        #expect(try app.string("SELECT display_name FROM users WHERE id = ?", [jan]) == "Jan Claes-Tweede")
    }

    @Test func editingAnUnknownUserIsNotFound() throws {
        let app = try Shared.app.get()
        let admin = try Shared.session("admin")
        #expect(try app.get("/admin/users/9999", as: admin).status == .notFound)
        #expect(try app.get("/admin/users/9999/access", as: admin).status == .notFound)
        #expect(try app.post("/admin/users/9999", as: admin, form: [("display_name", "X"), ("branch", "1"), ("version", "1")]).status == .notFound)
    }

    // MARK: - Permission grid

    @Test func grantingLeadsViewBranchLetsSofieSeeJansLead() throws {
        let app = try TestApp()
        let admin = try app.signIn("admin")
        let sofie = try app.signIn("sofie")
        let sofieID = try app.userID("sofie")
        let jansLead = try app.leadID(.jansInBranch1)
        #expect(try app.get("/leads/\(jansLead)", as: sofie).status == .notFound)

        let grid = try #require(HTMLDocument(try app.get("/admin/permissions", as: admin)).form(action: "/admin/permissions"))
        let cell = "u\(sofieID).leads.view"
        #expect(grid.value(cell) == "inherit")
        #expect(grid.value("was." + cell) == "inherit")
        // Every cell of every active user is in the form, with what the admin saw.
        #expect(grid.fields.filter { $0.0.hasPrefix("was.u") }.count == 10 * Permission.allCases.count)
        let saved = try app.post("/admin/permissions", as: admin, form: grid.fields(changing: [cell: "grant:branch"]).filter { $0.0 != "_csrf" })
        #expect(saved.status == .seeOther)
        #expect(saved.location == "/admin/permissions?done=saved")

        // Only that one cell changed.
        #expect(try app.int("SELECT count(*) FROM user_overrides") == 1)
        #expect(try app.string("SELECT effect || ':' || scope FROM user_overrides WHERE user_id = ? AND permission = 'leads.view'", [sofieID]) == "grant:branch")
        // Her open session sees it at once: jan's lead, and all of branch 1 in the overview.
        #expect(try app.get("/leads/\(jansLead)", as: sofie).status == .ok)
        #expect(try app.get("/leads/\(try app.leadID(.branch3))", as: sofie).status == .notFound)
        let rows = try app.allOverviewRows(sofie)
        #expect(Set(rows.map(\.id)) == Set(try app.ints("SELECT id FROM leads WHERE branch_id = 1")))

        // The grid shows the new state, and the log has the change: who, what, old → new.
        let after = HTMLDocument(try app.get("/admin/permissions?done=saved", as: admin))
        #expect(after.first("p", class: "notice")?.text == nl("admin.done.saved"))
        #expect(after.form(action: "/admin/permissions")?.value(cell) == "grant:branch")
        let entry = try #require(after.logRows.first)
        #expect(entry.who == "Annelies Admin")
        #expect(entry.subject == "user:sofie")
        #expect(entry.change == nl("admin.log.change.permission", ["permission": nl("perm.leads.view")]))
        #expect(entry.old == "inherit")
        #expect(entry.new == "grant:branch")
    }

    @Test func staleGridCellIsAConflictAndNothingIsSaved() throws {
        let app = try TestApp()
        let admin = try app.signIn("admin")
        let sofieID = try app.userID("sofie"), janID = try app.userID("jan")
        let grid = try #require(HTMLDocument(try app.get("/admin/permissions", as: admin)).form(action: "/admin/permissions"))
        // Meanwhile another admin refuses sofie quotes.manage.
        let other = try app.post("/admin/permissions", as: admin, form: [("was.u\(sofieID).quotes.manage", "inherit"), ("u\(sofieID).quotes.manage", "deny")])
        #expect(other.status == .seeOther)
        let logBefore = try app.int("SELECT count(*) FROM access_log")
        // The first admin, on the old grid, changes jan's mail.send and sofie's quotes.manage.
        let answer = try app.post("/admin/permissions", as: admin, form: grid.fields(changing: [
            "u\(janID).mail.send": "deny", "u\(sofieID).quotes.manage": "grant",
        ]).filter { $0.0 != "_csrf" })
        #expect(answer.status == .conflict)
        #expect(HTMLDocument(answer).first("p", class: "alert")?.text == nl("admin.permissions.conflict"))
        // Nothing of the batch was written: not even jan's cell, which was not stale.
        #expect(try app.int("SELECT count(*) FROM user_overrides WHERE user_id = ?", [janID]) == 0)
        #expect(try app.string("SELECT effect FROM user_overrides WHERE user_id = ? AND permission = 'quotes.manage'", [sofieID]) == "deny")
        #expect(try app.int("SELECT count(*) FROM access_log") == logBefore)
        // The conflict page shows the current state to start again from.
        #expect(HTMLDocument(answer).form(action: "/admin/permissions")?.value("was.u\(sofieID).quotes.manage") == "deny")
    }

    @Test func forgedWasValueIsAConflict() throws {
        let app = try TestApp()
        let admin = try app.signIn("admin")
        let sofieID = try app.userID("sofie")
        let grid = try #require(HTMLDocument(try app.get("/admin/permissions", as: admin)).form(action: "/admin/permissions"))
        let answer = try app.post("/admin/permissions", as: admin, form: grid.fields(changing: [
            "was.u\(sofieID).leads.view": "deny", "u\(sofieID).leads.view": "grant:all",
        ]).filter { $0.0 != "_csrf" })
        #expect(answer.status == .conflict)
        #expect(try app.int("SELECT count(*) FROM user_overrides") == 0)
    }

    @Test("Malformed grid values are a bad request", arguments: [
        ("u3.leads.view", "grant", "inherit"),          // a scoped permission needs a scope
        ("u3.mail.send", "grant:all", "inherit"),       // an unscoped one takes none
        ("u3.mail.send", "maybe", "inherit"),
        ("u3.no.such.permission", "deny", "inherit"),
        ("uX.mail.send", "deny", "inherit"),
        ("u3.mail.send", "deny", "garbage"),
    ])
    func malformedGridValues(name: String, value: String, was: String) throws {
        let app = try TestApp()
        let admin = try app.signIn("admin")
        let answer = try app.post("/admin/permissions", as: admin, form: [("was." + name, was), (name, value)])
        #expect(answer.status == .badRequest)
        #expect(try app.int("SELECT count(*) FROM user_overrides") == 0)
    }

    @Test func grantingUsersManageIndividuallyOpensTheAdminScreens() throws {
        let app = try TestApp()
        let admin = try app.signIn("admin")
        let lotte = try app.signIn("lotte")
        let lotteID = try app.userID("lotte")
        #expect(try app.get("/admin/users", as: lotte).status == .forbidden)
        let saved = try app.post("/admin/permissions", as: admin, form: [("was.u\(lotteID).users.manage", "inherit"), ("u\(lotteID).users.manage", "grant")])
        #expect(saved.status == .seeOther)
        #expect(try app.get("/admin/users", as: lotte).status == .ok)
        #expect(HTMLDocument(try app.get("/leads", as: lotte)).navLinks.contains("/admin/users"))
    }

    // MARK: - Nobody left to manage users

    @Test func denyingUsersManageToTheOnlyAdminIsRefused() throws {
        let app = try TestApp()
        let admin = try app.signIn("admin")
        let adminID = try app.userID("admin")
        let grid = try #require(HTMLDocument(try app.get("/admin/permissions", as: admin)).form(action: "/admin/permissions"))
        let answer = try app.post("/admin/permissions", as: admin, form: grid.fields(changing: ["u\(adminID).users.manage": "deny"]).filter { $0.0 != "_csrf" })
        #expect(answer.status == .conflict)
        #expect(answer.html.contains(nl("error.last_user_manager")))
        #expect(try app.int("SELECT count(*) FROM user_overrides") == 0)
        #expect(try app.get("/admin/users", as: admin).status == .ok)
    }

    @Test func changingTheOnlyAdminsProfileIsRefused() throws {
        let app = try TestApp()
        let admin = try app.signIn("admin")
        let adminID = try app.userID("admin")
        let action = "/admin/users/\(adminID)"
        let form = try #require(HTMLDocument(try app.get(action, as: admin)).form(action: action))
        #expect(form.value("profile") == "3")
        let answer = try app.post(action, as: admin, form: form.fields(changing: ["profile": "1", "display_name": "Annelies Verkoper"]).filter { $0.0 != "_csrf" })
        #expect(answer.status == .conflict)
        #expect(answer.html.contains(nl("error.last_user_manager")))
        #expect(try app.int("SELECT profile_id FROM users WHERE id = ?", [adminID]) == 3)
        #expect(try app.string("SELECT display_name FROM users WHERE id = ?", [adminID]) == "Annelies Admin")
        #expect(try app.get("/admin/users", as: admin).status == .ok)
    }

    @Test func removingUsersManageFromTheAdminProfileOrDeactivatingTheAdminIsRefused() throws {
        let app = try TestApp()
        let admin = try app.signIn("admin")
        let adminID = try app.userID("admin")
        let profiles = try #require(HTMLDocument(try app.get("/admin/permissions", as: admin)).form(action: "/admin/profiles"))
        #expect(profiles.value("p3.users.manage") == "granted")
        let answer = try app.post("/admin/profiles", as: admin, form: profiles.fields(changing: ["p3.users.manage": "none"]).filter { $0.0 != "_csrf" })
        #expect(answer.status == .conflict)
        #expect(try app.int("SELECT count(*) FROM profile_grants WHERE profile_id = 3 AND permission = 'users.manage'") == 1)
        let off = try app.post("/admin/users/\(adminID)/active", as: admin, form: [("active", "0")])
        #expect(off.status == .conflict)
        #expect(try app.int("SELECT active FROM users WHERE id = ?", [adminID]) == 1)
        #expect(try app.get("/admin/users", as: admin).status == .ok)
    }

    @Test func withASecondAdminTheFirstCanStepDown() throws {
        let app = try TestApp()
        let admin = try app.signIn("admin")
        let adminID = try app.userID("admin"), pieterID = try app.userID("pieter")
        #expect(try app.post("/admin/permissions", as: admin, form: [("was.u\(pieterID).users.manage", "inherit"), ("u\(pieterID).users.manage", "grant")]).status == .seeOther)
        #expect(try app.post("/admin/permissions", as: admin, form: [("was.u\(adminID).users.manage", "inherit"), ("u\(adminID).users.manage", "deny")]).status == .seeOther)
        #expect(try app.get("/admin/users", as: admin).status == .forbidden)
    }

    // MARK: - Profiles

    @Test func profileGridChangeReachesItsUsers() throws {
        let app = try TestApp()
        let admin = try app.signIn("admin")
        let sofie = try app.signIn("sofie")
        let jansLead = try app.leadID(.jansInBranch1)
        let grid = try #require(HTMLDocument(try app.get("/admin/permissions", as: admin)).form(action: "/admin/profiles"))
        #expect(grid.value("p1.leads.view") == "own")
        let saved = try app.post("/admin/profiles", as: admin, form: grid.fields(changing: ["p1.leads.view": "branch"]).filter { $0.0 != "_csrf" })
        #expect(saved.status == .seeOther)
        #expect(try app.get("/leads/\(jansLead)", as: sofie).status == .ok)
        let entry = try #require(HTMLDocument(try app.get("/admin/permissions", as: admin)).logRows.first)
        #expect(entry.subject == "profile:Verkoper")
        #expect(entry.old == "own")
        #expect(entry.new == "branch")
    }

    @Test func profilesAreCreatedOnceByName() throws {
        let app = try TestApp()
        let admin = try app.signIn("admin")
        #expect(try app.post("/admin/profiles/new", as: admin, form: [("name", "Stagiair")]).status == .seeOther)
        let grid = try #require(HTMLDocument(try app.get("/admin/permissions", as: admin)).form(action: "/admin/profiles"))
        let id = try #require(try app.int("SELECT id FROM profiles WHERE name = 'Stagiair'"))
        #expect(grid.value("p\(id).leads.view") == "none")
        #expect(try app.post("/admin/profiles/new", as: admin, form: [("name", "Stagiair")]).status == .conflict)
        #expect(try app.post("/admin/profiles/new", as: admin, form: [("name", "  ")]).status == .unprocessable)
        #expect(try app.int("SELECT count(*) FROM profiles WHERE name = 'Stagiair'") == 1)
    }

    // MARK: - Effective access

    @Test func effectiveAccessExplainsWhy() throws {
        let app = try TestApp()
        let admin = try app.signIn("admin")
        let sofieID = try app.userID("sofie")
        #expect(try app.post("/admin/permissions", as: admin, form: [
            ("was.u\(sofieID).leads.view", "inherit"), ("u\(sofieID).leads.view", "grant:branch"),
            ("was.u\(sofieID).mail.send", "inherit"), ("u\(sofieID).mail.send", "deny"),
        ]).status == .seeOther)
        let answer = try app.get("/admin/users/\(sofieID)/access", as: admin)
        #expect(answer.status == .ok)
        let rows = Dictionary(uniqueKeysWithValues: HTMLDocument(answer).accessRows.map { ($0.permission, $0) })
        #expect(rows.count == Permission.allCases.count)

        let view = try #require(rows["leads.view"])
        #expect(view.allowed)
        #expect(view.allowedText == nl("followup.yes") + " · " + nl("scope.branch"))
        #expect(view.why == nl("admin.access.user_grant"))

        let mail = try #require(rows["mail.send"])
        #expect(!mail.allowed)
        #expect(mail.why == nl("admin.access.user_deny"))

        let quotes = try #require(rows["quotes.manage"])
        #expect(quotes.allowed)
        #expect(quotes.why == nl("admin.access.from_profile", ["profile": "Verkoper"]))

        let users = try #require(rows["users.manage"])
        #expect(!users.allowed)
        #expect(users.why == nl("admin.access.not_granted"))

        // And the summary names her profile and branch.
        #expect(HTMLDocument(answer).all("p").contains { $0.text == nl("admin.access.summary", ["profile": "Verkoper", "branches": "Gent"]) })
    }

    @Test func effectiveAccessMatchesTheDoorForEveryDemoUser() throws {
        let app = try Shared.app.get()
        let admin = try Shared.session("admin")
        for (username, leadsScope, managesUsers) in [("sofie", "own", false), ("pieter", "branch", false), ("admin", "all", true), ("thomas", "own", false)] {
            let rows = HTMLDocument(try app.get("/admin/users/\(try app.userID(username))/access", as: admin)).accessRows
            let byPermission = Dictionary(uniqueKeysWithValues: rows.map { ($0.permission, $0) })
            #expect(byPermission["leads.view"]?.allowedText == nl("followup.yes") + " · " + nl("scope." + leadsScope), "\(username)")
            #expect(byPermission["users.manage"]?.allowed == managesUsers, "\(username)")
            #expect(rows.allSatisfy { $0.why != nl("admin.access.user_grant") && $0.why != nl("admin.access.user_deny") })
        }
    }

    // MARK: - Branches

    @Test func branchesAreCreatedRenamedAndDeactivated() throws {
        let app = try TestApp()
        let admin = try app.signIn("admin")
        #expect(try app.post("/admin/branches", as: admin, form: [("active", "1"), ("name", "Brugge"), ("city", "Brugge")]).status == .seeOther)
        let id = try #require(try app.int("SELECT id FROM branches WHERE name = 'Brugge'"))

        let empty = try app.post("/admin/branches", as: admin, form: [("active", "1"), ("name", " "), ("city", "X")])
        #expect(empty.status == .unprocessable)
        #expect(HTMLDocument(empty).fieldError("name") == nl("form.required"))
        #expect(HTMLDocument(empty).form(action: "/admin/branches")?.value("city") == "X")

        let duplicate = try app.post("/admin/branches", as: admin, form: [("active", "1"), ("name", "Gent"), ("city", "")])
        #expect(duplicate.status == .unprocessable)
        #expect(HTMLDocument(duplicate).fieldError("name") == nl("admin.branch.name_taken"))

        let renameToExisting = try app.post("/admin/branches/\(id)", as: admin, form: [("name", "Gent"), ("city", ""), ("active", "1")])
        #expect(renameToExisting.status == .unprocessable)
        #expect(try app.string("SELECT name FROM branches WHERE id = ?", [id]) == "Brugge")

        #expect(try app.post("/admin/branches/\(id)", as: admin, form: [("name", "Brugge-Centrum"), ("city", "Brugge"), ("active", "0")]).status == .seeOther)
        #expect(try app.int("SELECT active FROM branches WHERE id = ?", [id]) == 0)
        // An inactive branch is no longer offered for new users.
        let newUser = try #require(HTMLDocument(try app.get("/admin/users", as: admin)).form(action: "/admin/users"))
        let offered = newUser.element.all("input").filter { $0["name"] == "branch" }.compactMap { $0["value"] }
        #expect(Set(offered) == ["1", "2", "3", "4", "5"])
        let log = HTMLDocument(try app.get("/admin/permissions", as: admin)).logRows
        #expect(log.contains { $0.subject == "branch:Brugge" && $0.old == "Brugge" && $0.new == "Brugge-Centrum" })
    }
}
