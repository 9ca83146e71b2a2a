import GRDB
@testable import Pages
import Showroom
import Store
import Testing
import Web

extension HTMLDocument {
    var leadHead: Element? { first("section", class: "lead-head") }

    /// The header's facts: label → value.
    var leadFacts: [String: String] {
        guard let facts = leadHead?.first("dl", class: "facts") else { return [:] }
        var out: [String: String] = [:]
        for div in facts.all("div") {
            if let dt = div.first("dt")?.text, let dd = div.first("dd")?.text { out[dt] = dd }
        }
        return out
    }

    /// The follow-up tab's deadlines.
    var deadlineItems: [Element] { first("ul", class: "deadlines")?.all("li", class: "deadline") ?? [] }

    /// The blue box: (number, label) per counter.
    var leadCounters: [(Int, String)] {
        guard let box = leadHead?.first("div", class: "box-counters") else { return [] }
        return box.all("li").map { li in (Int(li.first("strong")?.text ?? "") ?? -1, li.text) }
    }
}

@Suite("Pages: health, errors, lead page, escaping")
struct PageTests {
    let nl = Translator(.nl)

    @Test func healthCheckAnswersOK() throws {
        let app = try Shared.app.get()
        let answer = try app.get("/healthz")
        #expect(answer.status == .ok)
        #expect(answer.html == "ok\n")
        #expect(answer.header("Content-Type")?.hasPrefix("text/plain") == true)
        #expect(try app.request(.head, "/healthz").status == .ok)
    }

    // MARK: - Error pages

    @Test func unknownPathIsA404Page() throws {
        let app = try Shared.app.get()
        let answer = try app.get("/no/such/page", headers: ["Accept-Language": "en"])
        #expect(answer.status == .notFound)
        let page = HTMLDocument(answer)
        #expect(page.errorCode == 404)
        #expect(page.language == "en")
        #expect(page.first("h1")?.text == Translator(.en)("error.404"))
        #expect(answer.header("X-Robots-Tag") == "noindex")
        #expect(answer.header("Cache-Control") == "no-store")
    }

    /// A signed-in user's own language setting decides the language of every page, error
    /// pages included. nathalie's setting is French; her browser sends no preference.
    @Test func errorPagesOfARoutedRequestAreInTheUsersLanguage() throws {
        let app = try Shared.app.get()
        let nathalie = try Shared.session("nathalie")
        let notFound = HTMLDocument(try app.get("/leads/999999", as: nathalie))
        #expect(notFound.errorCode == 404)
        #expect(notFound.language == "fr")
        #expect(notFound.first("h1")?.text == Translator(.fr)("error.404"))
        let forbidden = HTMLDocument(try app.get("/admin/users", as: nathalie))
        #expect(forbidden.errorCode == 403)
        #expect(forbidden.language == "fr")
        #expect(forbidden.first("h1")?.text == Translator(.fr)("error.403"))
    }

    @Test func unknownPathAndWrongMethodPagesAreInTheUsersLanguage() throws {
        let app = try Shared.app.get()
        let nathalie = try Shared.session("nathalie")
        let notFound = try app.get("/no/such/page", as: nathalie)
        let wrongMethod = try app.get("/logout", as: nathalie)
        #expect(notFound.status == .notFound)
        #expect(wrongMethod.status == .methodNotAllowed)
        // Not Accept-Language (here: none, so Dutch) but the user's French, with her navigation.
        #expect(HTMLDocument(notFound).language == "fr")
        #expect(HTMLDocument(notFound).first("h1")?.text == Translator(.fr)("error.404"))
        #expect(HTMLDocument(wrongMethod).language == "fr")
        #expect(HTMLDocument(notFound).navLinks.contains("/leads"))
    }

    @Test("Wrong method is a 405 with Allow", arguments: [
        (HTTPMethod.post, "/leads", "GET, HEAD"),
        (.post, "/leads/1", "GET, HEAD"),
        (.get, "/logout", "POST"),
        (.get, "/account/language", "POST"),
        (.post, "/healthz", "GET, HEAD"),
        (.get, "/admin/users/1/active", "POST"),
        (.other("DELETE"), "/admin/users", "GET, HEAD, POST"),
        (.other("PUT"), "/login", "GET, HEAD, POST"),
    ])
    func wrongMethodIs405(method: HTTPMethod, target: String, allow: String) throws {
        let app = try Shared.app.get()
        let answer = try app.request(method, target, headers: ["Cookie": try Shared.session("admin").cookieHeader])
        #expect(answer.status == .methodNotAllowed)
        #expect(answer.header("Allow") == allow)
        #expect(HTMLDocument(answer).errorCode == 405)
    }

    @Test("Malformed or unknown ids are a 404", arguments: [
        "/leads/abc", "/leads/0", "/leads/-1", "/leads/1.5", "/leads/0x1F", "/leads/12abc", "/leads/99999999999999999999",
        "/leads/999999", "/leads/abc/follow-up", "/leads/-3/contacts", "/leads/1/nope", "/admin/users/abc", "/admin/users/0/access",
        "/admin/users/1e3", "/leads/%2e%2e",
    ])
    func malformedIdIsNotFound(target: String) throws {
        let app = try Shared.app.get()
        let answer = try app.get(target, as: try Shared.session("admin"))
        #expect(answer.status == .notFound)
        #expect(HTMLDocument(answer).errorCode == 404)
    }

    @Test("Malformed overview filters are a 400", arguments: [
        "/leads?status=bogus", "/leads?status=WON", "/leads?page=0", "/leads?page=-1", "/leads?page=abc", "/leads?page=100001", "/leads?page=1e2",
    ])
    func malformedFilterIsABadRequest(target: String) throws {
        let app = try Shared.app.get()
        let answer = try app.get(target, as: try Shared.session("admin"))
        #expect(answer.status == .badRequest)
        #expect(HTMLDocument(answer).errorCode == 400)
    }

    @Test func pageBeyondTheLastIsEmpty() throws {
        let app = try Shared.app.get()
        let page = HTMLDocument(try app.get("/leads?page=999", as: try Shared.session("admin")))
        #expect(page.overviewRows.isEmpty)
        #expect(page.first("p", class: "empty")?.text == nl("leads.empty"))
    }

    @Test func badPercentEncodingIsRefusedWhenParsed() {
        let error = #expect(throws: HTTPError.self) { try Request(method: .get, target: "/leads/%ZZ") }
        #expect(error?.status == .badRequest)
    }

    // MARK: - Lead page header

    @Test("Lead page header shows code, people, type, source, status and counters", arguments: LeadStatus.allCases)
    func leadHeader(status: LeadStatus) throws {
        let app = try Shared.app.get()
        let admin = try Shared.session("admin")
        // A lead of this status with as many counters as possible.
        let id = try #require(try app.int("""
            SELECT id FROM leads WHERE status = ? ORDER BY (tradein_count > 0) + (testdrive_count > 0) + (quote_count > 0) DESC, id LIMIT 1
            """, [status.rawValue]))
        let row = try #require(try app.database.read { db in
            try Row.fetchOne(db, sql: """
                SELECT l.code, u.display_name, t.name_nl, s.name_nl, b.name, l.tradein_count, l.testdrive_count, l.quote_count,
                       c.first_name, c.last_name, c.company_name, c.kind
                FROM leads l JOIN users u ON u.id = l.responsible_id JOIN lead_types t ON t.id = l.type_id
                JOIN lead_sources s ON s.id = l.source_id JOIN branches b ON b.id = l.branch_id JOIN contacts c ON c.id = l.contact_id
                WHERE l.id = ?
                """, arguments: [id])
        })
        let answer = try app.get("/leads/\(id)", as: admin)
        #expect(answer.status == .ok)
        let page = HTMLDocument(answer)
        let head = try #require(page.leadHead)
        #expect(head.hasClass("status-" + status.colourName))
        #expect(head.first("p", class: "lead-status")?.text == nl(status.labelKey))
        let contactName: String = (row[11] as String) == "company" ? row[10] : [row[8] as String, row[9] as String].filter { !$0.isEmpty }.joined(separator: " ")
        #expect(page.element(id: "lead-name")?.text == contactName)
        let facts = page.leadFacts
        #expect(facts[nl("lead.code")] == (row[0] as String))
        #expect(facts[nl("lead.responsible")] == (row[1] as String))
        #expect(facts[nl("lead.type")] == (row[2] as String))
        #expect(facts[nl("lead.source")] == (row[3] as String))
        #expect(facts[nl("lead.branch")] == (row[4] as String))
        let counters = page.leadCounters
        #expect(counters.map(\.0) == [row[5] as Int, row[6] as Int, row[7] as Int])
        #expect(counters.map(\.1) == ["\(row[5] as Int) \(nl("lead.count.tradeins"))", "\(row[6] as Int) \(nl("lead.count.testdrives"))",
                                      "\(row[7] as Int) \(nl("lead.count.quotes"))"])
        // The status button carries the same colour.
        let bar = try #require(page.first("div", class: "action-bar"))
        let button = ["a", "span", "button"].lazy.compactMap { bar.first($0, class: "status-button") }.first
        #expect(button?.hasClass("status-" + status.colourName) == true)
        #expect(button?.text.hasSuffix(nl(status.labelKey)) == true)
        // The dates box has creation, last activity and age.
        #expect(head.first("dl", class: "lead-dates")?.all("dt").map(\.text) == [nl("lead.created"), nl("lead.last_activity"), nl("lead.age")])
        // A closed lead's clock is stopped.
        let deadlineBox = try #require(head.first("div", class: "box-deadline"))
        if status.isClosed {
            #expect(deadlineBox.first("p", class: "box-value")?.text == nl("countdown.closed"))
            #expect(!deadlineBox.hasClass("overdue"))
        }
        // The title names the contact and the code.
        #expect(page.title?.hasPrefix(contactName + " · " + (row[0] as String)) == true)
    }

    @Test func overdueLeadIsFlaggedEverywhere() throws {
        let app = try Shared.app.get()
        let admin = try Shared.session("admin")
        let id = try #require(try app.int("SELECT id FROM leads WHERE status = 0 AND next_deadline_at < ? ORDER BY id LIMIT 1", [fixedNow.seconds]))
        let page = HTMLDocument(try app.get("/leads/\(id)", as: admin))
        let box = try #require(page.leadHead?.first("div", class: "box-deadline"))
        #expect(box.hasClass("overdue"))
        #expect(box.first("span", class: "flag") != nil)
        let value = try #require(box.first("p", class: "box-value")?.text)
        #expect(value.hasSuffix(nl("countdown.overdue", ["span": ""]).trimmingCharacters(in: .whitespaces)))
        // The details tab's deadline card says so too.
        #expect(page.all("p", class: "countdown").contains { $0.hasClass("overdue") })
        // In the overview its row is marked.
        let row = try #require(try app.allOverviewRows(admin).first { $0.id == id })
        #expect(row.classes.contains("is-overdue"))
        // In the follow-up tab its open deadline is marked.
        let followUp = HTMLDocument(try app.get("/leads/\(id)/follow-up", as: admin))
        #expect(followUp.deadlineItems.contains { $0.hasClass("is-overdue") })
    }

    @Test func leadOnTimeIsNotFlagged() throws {
        let app = try Shared.app.get()
        let admin = try Shared.session("admin")
        let id = try #require(try app.int("SELECT id FROM leads WHERE status = 0 AND next_deadline_at > ? ORDER BY id LIMIT 1", [fixedNow.seconds]))
        let page = HTMLDocument(try app.get("/leads/\(id)", as: admin))
        let box = try #require(page.leadHead?.first("div", class: "box-deadline"))
        #expect(!box.hasClass("overdue"))
        #expect(box.first("span", class: "flag") == nil)
        let row = try #require(try app.allOverviewRows(admin).first { $0.id == id })
        #expect(!row.classes.contains("is-overdue"))
        #expect(row.classes.contains("status-in-progress"))
    }

    @Test func overviewRowsCarryTheirStatusColour() throws {
        let app = try Shared.app.get()
        let rows = try app.allOverviewRows(try Shared.session("admin"))
        let statuses = Dictionary(uniqueKeysWithValues: try app.database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, status FROM leads").map { ($0[0] as Int64, $0[1] as Int) }
        })
        for row in rows {
            let status = try #require(LeadStatus(rawValue: statuses[row.id] ?? -1))
            #expect(row.classes.contains("status-" + status.colourName), "lead \(row.id)")
        }
        #expect(Set(rows.compactMap { r in r.classes.first { $0.hasPrefix("status-") } }) == ["status-in-progress", "status-won", "status-lost"])
    }

    @Test func followUpAndContactsTabsShowTheirContent() throws {
        let app = try Shared.app.get()
        let admin = try Shared.session("admin")
        let id = try app.leadID(.sofiesOwn)
        let followUp = HTMLDocument(try app.get("/leads/\(id)/follow-up", as: admin))
        let deadlineCount = try app.int("SELECT count(*) FROM deadlines WHERE lead_id = ?", [id])
        #expect(Int64(followUp.deadlineItems.count) == deadlineCount)
        let open = try app.int("SELECT count(*) FROM deadlines WHERE lead_id = ? AND done_at IS NULL", [id])
        #expect(Int64(followUp.deadlineItems.filter { !$0.hasClass("is-done") }.count) == open)
        let contacts = HTMLDocument(try app.get("/leads/\(id)/contacts", as: admin))
        let cards = contacts.all("section", class: "contact")
        #expect(cards.count == 1)
        #expect(cards.first?.first("p", class: "role")?.text.hasPrefix(nl("contacts.role.main")) == true)
        let email = try #require(try app.string("SELECT c.email FROM leads l JOIN contacts c ON c.id = l.contact_id WHERE l.id = ?", [id]))
        if !email.isEmpty { #expect(cards.first?.all("dd").map(\.text).contains(email) == true) }
    }

    // MARK: - Escaping

    @Test func userTextIsEscapedEverywhere() throws {
        let app = try TestApp()
        let admin = try app.signIn("admin")
        let id = try app.leadID(.sofiesOwn)
        let script = "<script>alert(1)</script>"
        let breakout = "\"><img src=x>"
        try app.database.write { db in
            try db.execute(sql: """
                UPDATE contacts SET kind = 'person', first_name = '', last_name = ?, email = ?, city = ?
                WHERE id = (SELECT contact_id FROM leads WHERE id = ?)
                """, arguments: [script, "x\"onmouseover=\"alert(1)@example.be", "Gent' onfocus='alert(1)", id])
            try db.execute(sql: "INSERT INTO comments (lead_id, author_id, body, created_at, updated_at) VALUES (?, 1, ?, ?, ?)",
                           arguments: [id, breakout, fixedNow.seconds - 60, fixedNow.seconds - 60])
            try db.execute(sql: "INSERT INTO timeline_events (lead_id, at, actor_id, kind, subject_id) VALUES (?, ?, 1, 'comment', ?)",
                           arguments: [id, fixedNow.seconds - 60, db.lastInsertedRowID])
            try db.execute(sql: "UPDATE users SET display_name = ? WHERE username = 'sofie'", arguments: ["Sofie <b>&amp;</b>"])
        }
        for target in ["/leads/\(id)", "/leads/\(id)/contacts", "/leads/\(id)/follow-up", "/leads", "/admin/users", "/admin/permissions"] {
            let answer = try app.get(target, as: admin)
            #expect(answer.status == .ok, "\(target)")
            let html = answer.html
            #expect(!html.contains("<script>alert"), "\(target)")
            #expect(!html.contains("<img src=x>"), "\(target)")
            #expect(!html.contains("<b>&amp;</b>"), "\(target)")
            #expect(!html.contains("\"onmouseover=\""), "\(target)")
            #expect(!html.contains("' onfocus='"), "\(target)")
        }
        let details = HTMLDocument(try app.get("/leads/\(id)", as: admin))
        #expect(details.source.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(details.source.contains("&quot;&gt;&lt;img src=x&gt;"))
        // Parsed back, the texts are exactly what was stored: shown, not run.
        #expect(details.element(id: "lead-name")?.text == script)
        #expect(details.first("ul", class: "comments")?.first("li")?.first("p")?.text == breakout)
        #expect(details.leadFacts[nl("lead.responsible")] == "Sofie <b>&amp;</b>")
        #expect(details.all("p", class: "event-detail").contains { $0.text == breakout })
        #expect(details.title?.hasPrefix(script) == true)
        let contacts = HTMLDocument(try app.get("/leads/\(id)/contacts", as: admin))
        #expect(contacts.all("dd").contains { $0.text == "x\"onmouseover=\"alert(1)@example.be" })
        let overview = try app.allOverviewRows(admin).first { $0.id == id }
        #expect(overview?.cells[2] == script)
    }

    @Test func typedFormValuesAreEscapedWhenShownAgain() throws {
        let app = try Shared.app.get()
        let admin = try Shared.session("admin")
        let answer = try app.post("/admin/users", as: admin, form: [
            ("username", "\"><script>x</script>"), ("display_name", "\"><img src=x onerror=alert(1)>"), ("email", ""),
            ("language", "nl"), ("profile", "1"), ("password", "kort"),
        ])
        #expect(answer.status == .unprocessable)
        #expect(!answer.html.contains("<img src=x"))
        #expect(!answer.html.contains("<script>x"))
        #expect(HTMLDocument(answer).form(action: "/admin/users")?.value("display_name") == "\"><img src=x onerror=alert(1)>")
        let login = try app.attemptSignIn("<script>alert(1)</script>", password: "x")
        #expect(!login.html.contains("<script>alert"))
        #expect(HTMLDocument(login).form(action: "/login")?.value("username") == "<script>alert(1)</script>")
    }
}
