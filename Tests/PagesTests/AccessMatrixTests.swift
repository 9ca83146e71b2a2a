import GRDB
@testable import Pages
import Showroom
import Store
import Testing
import Web

/// Who asks: one per default profile.
enum Who: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sofie   // salesperson, branch 1 (leads.view own)
    case pieter  // manager of branches 1 and 2 (leads.view branch)
    case admin   // Admin profile (leads.view all, users.manage)
    var testDescription: String { rawValue }
}

/// Which lead is asked for, seen from sofie.
enum Which: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sofiesOwn        // branch 1, responsible sofie
    case jansInBranch1    // branch 1, responsible jan
    case branch3          // branch 3 (Brussel), none of sofie's or pieter's branches
    var testDescription: String { rawValue }
}

enum LeadTab: String, CaseIterable, Sendable {
    case details = "", followUp = "/follow-up", contacts = "/contacts"
}

/// The expected answer for each profile × lead: the lead page and its tabs answer 200 only
/// inside the user's scope, and 404 (never 403: existence is not revealed) outside it.
func expectedStatus(_ who: Who, _ which: Which) -> HTTPStatus {
    switch (who, which) {
    case (.sofie, .sofiesOwn): return .ok
    case (.sofie, _): return .notFound
    case (.pieter, .branch3): return .notFound
    case (.pieter, _): return .ok
    case (.admin, _): return .ok
    }
}

extension TestApp {
    func leadID(_ which: Which) throws -> Int64 {
        let sofie = try userID("sofie"), jan = try userID("jan")
        let id: Int64?
        switch which {
        case .sofiesOwn: id = try int("SELECT id FROM leads WHERE responsible_id = ? AND branch_id = 1 ORDER BY id LIMIT 1", [sofie])
        case .jansInBranch1: id = try int("SELECT id FROM leads WHERE responsible_id = ? AND branch_id = 1 ORDER BY id LIMIT 1", [jan])
        case .branch3: id = try int("SELECT id FROM leads WHERE branch_id = 3 ORDER BY id LIMIT 1")
        }
        guard let id else { throw TestFailure("the demo data has no lead for \(which)") }
        return id
    }
}

@Suite("Access matrix: profiles × leads × actions")
struct AccessMatrixTests {
    @Test("Lead page and tabs answer by scope", arguments: Who.allCases, Which.allCases)
    func leadPageByScope(who: Who, which: Which) throws {
        let app = try Shared.app.get()
        let session = try Shared.session(who.rawValue)
        let id = try app.leadID(which)
        let code = try #require(try app.string("SELECT code FROM leads WHERE id = ?", [id]))
        let expected = expectedStatus(who, which)
        for tab in LeadTab.allCases {
            let answer = try app.get("/leads/\(id)\(tab.rawValue)", as: session)
            #expect(answer.status == expected, "\(who) GET /leads/\(id)\(tab.rawValue)")
            let page = HTMLDocument(answer)
            if expected == .ok {
                // The page really is this lead's, with the tab marked current.
                let shownCode = page.first("section", class: "lead-head")?.first("dd", class: "code")?.text
                #expect(shownCode == code)
                let current = page.first("nav", class: "tabs")?.all("a").first { $0.has("aria-current") }?["href"]
                #expect(current == "/leads/\(id)\(tab.rawValue)")
            } else {
                // A lead outside the scope is "not found", and nothing of it leaks.
                #expect(page.errorCode == 404)
                #expect(page.first("section", class: "lead-head") == nil)
                #expect(!answer.html.contains(code))
            }
        }
    }

    @Test("Leads overview lists exactly the leads in scope", arguments: Who.allCases)
    func overviewListsOnlyLeadsInScope(who: Who) throws {
        let app = try Shared.app.get()
        let session = try Shared.session(who.rawValue)
        let first = try app.get("/leads", as: session)
        #expect(first.status == .ok)
        let rows = try app.allOverviewRows(session)
        let expected: [Int64]
        switch who {
        case .sofie:
            expected = try app.ints("SELECT id FROM leads WHERE responsible_id = ? AND branch_id IN (1)", [try app.userID("sofie")])
        case .pieter:
            expected = try app.ints("SELECT id FROM leads WHERE branch_id IN (1, 2)")
        case .admin:
            expected = try app.ints("SELECT id FROM leads")
        }
        #expect(!expected.isEmpty)
        #expect(rows.count == expected.count, "no lead listed twice or left out")
        #expect(Set(rows.map(\.id)) == Set(expected))
        let branches = Set(rows.map(\.branch))
        switch who {
        case .sofie:
            #expect(Set(rows.map(\.responsible)) == ["Sofie Peeters"])
            #expect(branches == ["Gent"])
        case .pieter:
            #expect(branches == ["Gent", "Antwerpen"])
        case .admin:
            #expect(branches == ["Gent", "Antwerpen", "Brussel", "Namur", "Liège"])
        }
    }

    @Test("Overview's status filter keeps the scope", arguments: Who.allCases)
    func statusFilterKeepsScope(who: Who) throws {
        let app = try Shared.app.get()
        let session = try Shared.session(who.rawValue)
        let rows = try app.allOverviewRows(session, start: "/leads?status=won")
        let visible: String
        switch who {
        case .sofie: visible = "responsible_id = \(try app.userID("sofie")) AND branch_id IN (1)"
        case .pieter: visible = "branch_id IN (1, 2)"
        case .admin: visible = "1"
        }
        let expected = try app.ints("SELECT id FROM leads WHERE status = 1 AND \(visible)")
        #expect(Set(rows.map(\.id)) == Set(expected))
        #expect(rows.allSatisfy { $0.classes.contains("status-won") })
    }

    /// GETs of every admin screen: 403 for a salesperson and a manager, 200 for the admin.
    @Test("Admin screens are for users.manage only", arguments: Who.allCases)
    func adminScreens(who: Who) throws {
        let app = try Shared.app.get()
        let session = try Shared.session(who.rawValue)
        let expected: HTTPStatus = who == .admin ? .ok : .forbidden
        let sofie = try app.userID("sofie")
        for target in ["/admin/users", "/admin/permissions", "/admin/branches", "/admin/users/1/access", "/admin/users/\(sofie)",
                       "/admin/users/\(sofie)/access"] {
            let answer = try app.get(target, as: session)
            #expect(answer.status == expected, "\(who) GET \(target)")
            if expected == .forbidden {
                #expect(HTMLDocument(answer).errorCode == 403)
            }
        }
    }

    /// POSTs of the admin screens with a valid CSRF token: refused with 403 and nothing
    /// written for anyone without users.manage.
    @Test("Admin actions are refused without users.manage", arguments: Who.allCases)
    func adminActions(who: Who) throws {
        let app = try TestApp()
        let session = try app.signIn(who.rawValue)
        let usersBefore = try app.int("SELECT count(*) FROM users")
        let branchesBefore = try app.int("SELECT count(*) FROM branches")
        let logBefore = try app.int("SELECT count(*) FROM access_log")
        let newUser = try app.post("/admin/users", as: session, form: [
            ("username", "nieuw.\(who.rawValue)"), ("display_name", "Nieuwe Collega"), ("email", ""), ("language", "nl"),
            ("profile", "1"), ("branch", "1"), ("password", "een-lang-wachtwoord"),
        ])
        let newBranch = try app.post("/admin/branches", as: session, form: [("active", "1"), ("name", "Brugge \(who.rawValue)"), ("city", "Brugge")])
        let sofie = try app.userID("sofie")
        let grant = try app.post("/admin/permissions", as: session, form: [
            ("was.u\(sofie).leads.view", "inherit"), ("u\(sofie).leads.view", "grant:all"),
        ])
        let deactivate = try app.post("/admin/users/\(sofie)/active", as: session, form: [("active", "0")])
        if who == .admin {
            #expect(newUser.status == .seeOther)
            #expect(newUser.location?.hasPrefix("/admin/users/") == true)
            #expect(newBranch.status == .seeOther)
            #expect(newBranch.location == "/admin/branches")
            #expect(grant.status == .seeOther)
            #expect(deactivate.status == .seeOther)
            #expect(try app.int("SELECT count(*) FROM users") == usersBefore.map { $0 + 1 })
            #expect(try app.int("SELECT count(*) FROM branches") == branchesBefore.map { $0 + 1 })
        } else {
            for answer in [newUser, newBranch, grant, deactivate] {
                #expect(answer.status == .forbidden)
                #expect(HTMLDocument(answer).errorCode == 403)
            }
            #expect(try app.int("SELECT count(*) FROM users") == usersBefore)
            #expect(try app.int("SELECT count(*) FROM branches") == branchesBefore)
            #expect(try app.int("SELECT count(*) FROM access_log") == logBefore)
            #expect(try app.int("SELECT count(*) FROM user_overrides") == 0)
            #expect(try app.int("SELECT active FROM users WHERE id = ?", [sofie]) == 1)
        }
    }

    /// What a user may not do is not shown: the admin links appear for the admin only.
    @Test("Navigation shows admin screens only to users.manage", arguments: Who.allCases)
    func navigationFollowsPermissions(who: Who) throws {
        let app = try Shared.app.get()
        let answer = try app.get("/leads", as: try Shared.session(who.rawValue))
        let links = HTMLDocument(answer).navLinks
        #expect(links.contains("/leads"))
        let adminLinks = links.filter { $0.hasPrefix("/admin/") }
        if who == .admin {
            #expect(adminLinks == ["/admin/users", "/admin/permissions", "/admin/branches", "/admin/security"])
        } else {
            #expect(adminLinks.isEmpty)
        }
    }

    /// A user whose profile grants nothing (no leads.view) is refused the overview and the
    /// lead pages, but stays signed in.
    @Test func userWithoutLeadsViewIsRefused() throws {
        let app = try TestApp()
        try app.database.write { db in
            try db.execute(sql: "UPDATE users SET profile_id = NULL WHERE username = 'jan'")
        }
        let jan = try app.signIn("jan")
        #expect(try app.get("/leads", as: jan).status == .forbidden)
        let own = try #require(try app.int("SELECT id FROM leads WHERE responsible_id = ?", [try app.userID("jan")]))
        #expect(try app.get("/leads/\(own)", as: jan).status == .forbidden)
        #expect(HTMLDocument(try app.get("/leads", as: jan)).navLinks.contains("/leads") == false)
    }

    /// Two managers of different branches each see only their own branches' leads.
    @Test func managersSeeOnlyTheirBranches() throws {
        let app = try Shared.app.get()
        let nathalie = try Shared.session("nathalie")
        let pieter = try Shared.session("pieter")
        let gent = try #require(try app.int("SELECT id FROM leads WHERE branch_id = 1 LIMIT 1"))
        let namur = try #require(try app.int("SELECT id FROM leads WHERE branch_id = 4 LIMIT 1"))
        #expect(try app.get("/leads/\(gent)", as: nathalie).status == .notFound)
        #expect(try app.get("/leads/\(namur)", as: nathalie).status == .ok)
        #expect(try app.get("/leads/\(namur)", as: pieter).status == .notFound)
        let rows = try app.allOverviewRows(nathalie)
        // Nathalie reads French: the branches carry their French names.
        #expect(Set(rows.map(\.branch)) == ["Bruxelles", "Namur", "Liège"])
    }
}
