import GRDB
@testable import Pages
import Showroom
import Store
import Testing
import Web

/// The access matrix continued: every route that acts on one lead (or on a comment,
/// deadline, task or contact of it) keeps to the user's scope. Outside it the answer is 404
/// (or 403 at the door when the permission itself is missing) and nothing is written.
@Suite("Access matrix: actions on a lead")
struct LeadActionScopeTests {
    /// What one lead offers to act on.
    struct Target {
        let lead: Int64
        let version: Int64
        let responsible: Int64
        let branch: Int64
        let contact: Int64
        let comment: Int64
        let deadline: Int64
        let deadlineVersion: Int64
        let task: Int64
    }

    /// An open lead of `which` with a comment and an open deadline; a task is added to it.
    static func target(_ app: TestApp, _ which: Which) throws -> Target {
        let sofie = try app.userID("sofie"), jan = try app.userID("jan")
        let condition: String
        switch which {
        case .sofiesOwn: condition = "l.branch_id = 1 AND l.responsible_id = \(sofie)"
        case .jansInBranch1: condition = "l.branch_id = 1 AND l.responsible_id = \(jan)"
        case .branch3: condition = "l.branch_id = 3"
        }
        guard let row = try app.database.read({ db in
            try Row.fetchOne(db, sql: """
                SELECT l.id, l.version, l.responsible_id, l.branch_id, l.contact_id,
                       (SELECT max(id) FROM comments WHERE lead_id = l.id),
                       (SELECT min(id) FROM deadlines WHERE lead_id = l.id AND done_at IS NULL)
                FROM leads l
                WHERE \(condition) AND l.status = 0
                  AND EXISTS (SELECT 1 FROM comments WHERE lead_id = l.id)
                  AND EXISTS (SELECT 1 FROM deadlines WHERE lead_id = l.id AND done_at IS NULL)
                ORDER BY l.id LIMIT 1
                """)
        }) else { throw TestFailure("no open lead with a comment and a deadline for \(which)") }
        let lead: Int64 = row[0], responsible: Int64 = row[2], deadline: Int64 = row[6]
        let task = try app.database.write { db in
            try db.execute(sql: """
                INSERT INTO tasks (lead_id, assignee_id, starts_at, duration_minutes, description, created_at, created_by)
                VALUES (?, ?, ?, 30, 'Terugbellen', ?, ?)
                """, arguments: [lead, responsible, fixedNow.seconds + 86_400, fixedNow.seconds, responsible])
            return db.lastInsertedRowID
        }
        let deadlineVersion = try app.int("SELECT version FROM deadlines WHERE id = ?", [deadline]) ?? 1
        return Target(lead: lead, version: row[1], responsible: responsible, branch: row[3], contact: row[4], comment: row[5],
                      deadline: deadline, deadlineVersion: deadlineVersion, task: task)
    }

    /// Everything an action could change, in one string.
    static func fingerprint(_ app: TestApp) throws -> String {
        try app.database.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT (SELECT count(*) FROM comments), (SELECT total(length(body)) FROM comments),
                       (SELECT count(*) FROM deadlines), (SELECT total(due_at) FROM deadlines), (SELECT count(*) FROM deadlines WHERE done_at IS NOT NULL),
                       (SELECT count(*) FROM tasks), (SELECT count(*) FROM tasks WHERE done_at IS NOT NULL), (SELECT total(version) FROM tasks),
                       (SELECT count(*) FROM lead_contacts), (SELECT count(*) FROM timeline_events),
                       (SELECT total(status * 100000 + responsible_id * 100 + branch_id) FROM leads), (SELECT total(version) FROM leads),
                       (SELECT total(version) FROM contacts), (SELECT count(*) FROM leads)
                """)
            return row.map { r in (0..<r.count).map { "\(r[$0] as DatabaseValue)" }.joined(separator: "|") } ?? ""
        }
    }

    static let future = BrusselsTime.civil(fixedNow.adding(seconds: 3 * 86_400)).htmlLocal

    /// (label, method, target, form) of every lead-scoped route.
    static func actions(_ t: Target, own: Target) -> [(String, HTTPMethod, String, [(String, String)])] {
        [
            ("details", .get, "/leads/\(t.lead)", []),
            ("status form", .get, "/leads/\(t.lead)/status", []),
            ("new task form", .get, "/leads/\(t.lead)/tasks/new", []),
            ("edit comment", .get, "/comments/\(t.comment)/edit", []),
            ("contact page", .get, "/contacts/\(t.contact)", []),
            ("task page", .get, "/tasks/\(t.task)", []),
            ("add comment", .post, "/leads/\(t.lead)/comments", [("body", "Gebeld, geen antwoord.")]),
            ("update comment", .post, "/comments/\(t.comment)", [("body", "Overschreven"), ("version", "1")]),
            ("delete comment", .post, "/comments/\(t.comment)/delete", []),
            ("set status", .post, "/leads/\(t.lead)/status", [("status", "won"), ("version", String(t.version)), ("loaded_at", String(fixedNow.seconds))]),
            ("add deadline", .post, "/leads/\(t.lead)/deadlines", [("kind", "follow_up"), ("due", future), ("note", "")]),
            ("move deadline", .post, "/deadlines/\(t.deadline)/move", [("version", String(t.deadlineVersion)), ("lead", String(t.lead)),
                                                                       ("due-\(t.deadline)", future), ("reason-\(t.deadline)", "Klant op reis")]),
            ("complete deadline", .post, "/deadlines/\(t.deadline)/done", [("version", String(t.deadlineVersion)), ("lead", String(t.lead)), ("contacted", "1")]),
            ("add task", .post, "/leads/\(t.lead)/tasks", [("assignee", String(t.responsible)), ("starts_at", future), ("duration", "30"), ("description", "Offerte opvolgen")]),
            ("update task", .post, "/tasks/\(t.task)", [("assignee", String(t.responsible)), ("starts_at", future), ("duration", "45"), ("description", "Anders"), ("version", "1")]),
            ("complete task", .post, "/tasks/\(t.task)/done", [("version", "1")]),
            // Linking a contact the user may see to a lead they may not…
            ("link own contact", .post, "/leads/\(t.lead)/contacts", [("contact_id", String(own.contact)), ("role", "co-buyer")]),
            // …and a contact they may not see to their own lead.
            ("link foreign contact", .post, "/leads/\(own.lead)/contacts", [("contact_id", String(t.contact)), ("role", "co-buyer")]),
            ("edit contact", .post, "/contacts/\(t.contact)", [("version", "1"), ("kind", "person"), ("last_name", "Overschreven"), ("email", "x@example.be")]),
            ("new lead for that contact", .post, "/leads/new", [("contact_id", String(t.contact)), ("type", "1"), ("source", "1"),
                                                                ("branch", String(own.branch)), ("responsible", String(own.responsible))]),
            ("assign form", .get, "/leads/\(t.lead)/assign", []),
            ("assign", .post, "/leads/\(t.lead)/assign", [("responsible", String(own.responsible)), ("branch", String(own.branch)),
                                                         ("version", String(t.version)), ("loaded_at", String(fixedNow.seconds))]),
        ]
    }

    @Test("Actions on a lead outside the scope are not found and change nothing", arguments: [
        (Who.sofie, Which.jansInBranch1), (.sofie, .branch3), (.pieter, .branch3),
    ])
    func outOfScope(who: Who, which: Which) throws {
        let app = try TestApp()
        let session = try app.signIn(who.rawValue)
        let own = try Self.target(app, who == .sofie ? .sofiesOwn : .jansInBranch1)
        let foreign = try Self.target(app, which)
        let mayAssign = who != .sofie
        for (label, method, target, form) in Self.actions(foreign, own: own) {
            let before = try Self.fingerprint(app)
            let answer = method == .get ? try app.get(target, as: session) : try app.post(target, as: session, form: form)
            let expected: HTTPStatus = label.hasPrefix("assign") && !mayAssign ? .forbidden : .notFound
            #expect(answer.status == expected, "\(who) \(label): \(method) \(target)")
            #expect(try Self.fingerprint(app) == before, "\(who) \(label) changed the database")
            // Nothing of the foreign lead leaks into the answer.
            let code = try #require(try app.string("SELECT code FROM leads WHERE id = ?", [foreign.lead]))
            #expect(!answer.html.contains(code), "\(who) \(label) shows the lead's code")
        }
    }

    /// The same requests inside the scope do what they say: the 404s above are the scope's
    /// doing, not malformed forms.
    @Test("Actions on a lead inside the scope work", arguments: [
        (Who.sofie, Which.sofiesOwn), (.pieter, .jansInBranch1), (.admin, .branch3),
    ])
    func inScope(who: Who, which: Which) throws {
        let app = try TestApp()
        let session = try app.signIn(who.rawValue)
        let t = try Self.target(app, which)
        let own = t
        let expectations: [String: HTTPStatus] = [
            "details": .ok, "status form": .ok, "new task form": .ok, "contact page": .ok, "task page": .ok,
            "add comment": .seeOther, "add deadline": .seeOther, "add task": .seeOther, "complete task": .seeOther,
            "link own contact": .unprocessable,  // the lead's own main contact: already linked
            "assign form": who == .sofie ? .forbidden : .ok,
        ]
        for (label, method, target, form) in Self.actions(t, own: own) {
            guard let expected = expectations[label] else { continue }
            let answer = method == .get ? try app.get(target, as: session) : try app.post(target, as: session, form: form)
            #expect(answer.status == expected, "\(who) \(label): \(method) \(target)")
        }
        #expect(try app.int("SELECT count(*) FROM comments WHERE lead_id = ? AND body = 'Gebeld, geen antwoord.'", [t.lead]) == 1)
        #expect(try app.int("SELECT count(*) FROM tasks WHERE lead_id = ? AND description = 'Offerte opvolgen'", [t.lead]) == 1)
        #expect(try app.int("SELECT done_at FROM tasks WHERE id = ?", [t.task]) == fixedNow.seconds)
        #expect(try app.int("SELECT count(*) FROM deadlines WHERE lead_id = ? AND due_at = ?",
                            [t.lead, BrusselsTime.parseHTMLLocal(Self.future)?.seconds]) == 1)
    }

    /// The author of a comment may edit it; a manager who sees the lead may not edit
    /// someone else's comment.
    @Test func onlyTheAuthorEditsAComment() throws {
        let app = try TestApp()
        let jansLead = try Self.target(app, .jansInBranch1)
        let pieter = try app.signIn("pieter")
        let jan = try app.signIn("jan")
        #expect(try app.get("/comments/\(jansLead.comment)/edit", as: pieter).status == .forbidden)
        #expect(try app.post("/comments/\(jansLead.comment)/delete", as: pieter, form: []).status == .forbidden)
        #expect(try app.int("SELECT count(*) FROM comments WHERE id = ?", [jansLead.comment]) == 1)
        let form = try #require(HTMLDocument(try app.get("/comments/\(jansLead.comment)/edit", as: jan)).form(action: "/comments/\(jansLead.comment)"))
        let saved = try app.post("/comments/\(jansLead.comment)", as: jan, form: form.fields(changing: ["body": "Aangepast door Jan"]).filter { $0.0 != "_csrf" })
        #expect(saved.status == .seeOther)
        #expect(try app.string("SELECT body FROM comments WHERE id = ?", [jansLead.comment]) == "Aangepast door Jan")
    }

    /// What the user may not do is not offered on the lead page.
    @Test("Action bar offers only what the user may do", arguments: Who.allCases)
    func actionBarFollowsPermissions(who: Who) throws {
        let app = try Shared.app.get()
        let session = try Shared.session(who.rawValue)
        let lead = try app.leadID(.sofiesOwn)
        let bar = try #require(HTMLDocument(try app.get("/leads/\(lead)", as: session)).first("div", class: "action-bar"))
        let links = Set(bar.all("a").compactMap { $0["href"] })
        #expect(links.contains("/leads/\(lead)/assign") == (who != .sofie), "leads.assign")
        #expect(links.contains("/leads/\(lead)/tasks/new"), "tasks.manage")
        // A closed lead can be reopened only with leads.reopen: sofie gets no status link.
        let won = try #require(try app.int("SELECT id FROM leads WHERE status = 1 AND responsible_id = ? LIMIT 1", [try app.userID("sofie")]))
        let wonBar = try #require(HTMLDocument(try app.get("/leads/\(won)", as: session)).first("div", class: "action-bar"))
        #expect((wonBar.first("a", class: "status-button") != nil) == (who != .sofie))
    }

    @Test func reopeningAClosedLeadNeedsLeadsReopen() throws {
        let app = try TestApp()
        let sofie = try app.signIn("sofie")
        let won = try #require(try app.int("SELECT id FROM leads WHERE status = 1 AND responsible_id = ? LIMIT 1", [try app.userID("sofie")]))
        let version = try #require(try app.int("SELECT version FROM leads WHERE id = ?", [won]))
        let answer = try app.post("/leads/\(won)/status", as: sofie, form: [("status", "in-progress"), ("version", String(version)), ("loaded_at", String(fixedNow.seconds))])
        #expect(answer.status == .forbidden)
        #expect(try app.int("SELECT status FROM leads WHERE id = ?", [won]) == 1)
        let pieter = try app.signIn("pieter")
        let reopened = try app.post("/leads/\(won)/status", as: pieter, form: [("status", "in-progress"), ("version", String(version)), ("loaded_at", String(fixedNow.seconds))])
        #expect(reopened.status == .seeOther)
        #expect(try app.int("SELECT status FROM leads WHERE id = ?", [won]) == 0)
    }

    /// The CSV export holds the same leads as the overview.
    @Test("Export keeps the scope", arguments: Who.allCases)
    func exportKeepsScope(who: Who) throws {
        let app = try Shared.app.get()
        let answer = try app.get("/leads/export", as: try Shared.session(who.rawValue))
        #expect(answer.status == .ok)
        let csv = answer.html
        let codes = try app.database.read { db in try String.fetchAll(db, sql: "SELECT code FROM leads") }
        let expected: Set<String>
        switch who {
        case .sofie: expected = Set(try app.database.read { db in try String.fetchAll(db, sql: "SELECT code FROM leads WHERE responsible_id = (SELECT id FROM users WHERE username = 'sofie')") })
        case .pieter: expected = Set(try app.database.read { db in try String.fetchAll(db, sql: "SELECT code FROM leads WHERE branch_id IN (1, 2)") })
        case .admin: expected = Set(codes)
        }
        let listed = Set(codes.filter { csv.contains($0) })
        #expect(listed == expected)
    }
}

/// Whatever is sent, the answer is a page that says what happened — never a 500.
@Suite("Robustness: refusals are never a 500")
struct RefusalTests {
    @Test func deletingSomeoneElsesCommentIsForbiddenNotAnError() throws {
        let app = try TestApp()
        let jansLead = try LeadActionScopeTests.target(app, .jansInBranch1)
        let pieter = try app.signIn("pieter")
        let answer = try app.post("/comments/\(jansLead.comment)/delete", as: pieter, form: [])
        #expect(try app.int("SELECT count(*) FROM comments WHERE id = ?", [jansLead.comment]) == 1, "the comment stays")
        // The store refuses with StoreError.forbidden; the dispatcher answers 403 (it was a 500
        // before 02400f3).
        #expect(answer.status == .forbidden)
        #expect(HTMLDocument(answer).errorCode == 403)
    }

    @Test func completingATaskTwiceIsAnsweredCleanly() throws {
        let app = try TestApp()
        let t = try LeadActionScopeTests.target(app, .sofiesOwn)
        let sofie = try app.signIn("sofie")
        #expect(try app.post("/tasks/\(t.task)/done", as: sofie, form: [("version", "1"), ("back", "tasks")]).status == .seeOther)
        // The same form again (a double click, a second tab): the task is done already.
        let again = try app.post("/tasks/\(t.task)/done", as: sofie, form: [("version", "1"), ("back", "tasks")])
        #expect(try app.int("SELECT count(*) FROM timeline_events WHERE kind = 'task_done' AND subject_id = ?", [t.task]) == 1, "done once")
        // Refused, and the page says why (the task is done already), in 4xx.
        #expect(again.status == .unprocessable)
        #expect(again.html.contains(Translator(.nl)("task.already_done")))
    }

    @Test func completingADeadlineTwiceIsAnsweredCleanly() throws {
        let app = try TestApp()
        let t = try LeadActionScopeTests.target(app, .sofiesOwn)
        let sofie = try app.signIn("sofie")
        let form = [("version", String(t.deadlineVersion)), ("lead", String(t.lead)), ("contacted", "1")]
        #expect(try app.post("/deadlines/\(t.deadline)/done", as: sofie, form: form).status == .seeOther)
        let again = try app.post("/deadlines/\(t.deadline)/done", as: sofie, form: form)
        #expect(try app.int("SELECT count(*) FROM timeline_events WHERE kind = 'deadline_done' AND subject_id = ?", [t.deadline]) == 1, "done once")
        #expect(again.status == .unprocessable)
        #expect(again.html.contains(Translator(.nl)("deadline.already_done")))
    }

    /// Every POST route, with an empty form (but a valid token), as the admin.
    @Test func emptyFormsAreRefusedCleanly() throws {
        let app = try TestApp()
        let admin = try app.signIn("admin")
        let t = try LeadActionScopeTests.target(app, .branch3)
        let targets = [
            "/leads/new", "/leads/\(t.lead)/contacts", "/leads/\(t.lead)/comments", "/comments/\(t.comment)", "/leads/\(t.lead)/status",
            "/leads/\(t.lead)/assign", "/leads/\(t.lead)/deadlines", "/deadlines/\(t.deadline)/move", "/deadlines/\(t.deadline)/done",
            "/leads/\(t.lead)/tasks", "/tasks/\(t.task)", "/tasks/\(t.task)/done", "/contacts/\(t.contact)", "/settings/deadline",
            "/settings/lost_reasons", "/admin/users", "/admin/users/2", "/admin/users/2/active", "/admin/users/2/password", "/admin/permissions",
            "/admin/profiles", "/admin/profiles/new", "/admin/branches", "/admin/branches/1", "/account/language",
        ]
        for target in targets {
            let answer = try app.post(target, as: admin, form: [])
            #expect(answer.status.code < 500, "POST \(target) with an empty form answered \(answer.status.code)")
        }
    }
}
