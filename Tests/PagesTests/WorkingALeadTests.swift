import Foundation
import GRDB
@testable import Pages
import Showroom
import Store
import Testing
import Web

// Issue 4, "Working a lead": every action through the in-process dispatcher, with its
// permission and its bad input. The scope of each action (another branch's lead, a
// colleague's lead) is covered by LeadActionScopeTests and not repeated here.

// MARK: - Readers for the lead page, the task overview and CSV

/// One event of a lead's timeline as the page shows it.
struct ShownEvent {
    let kind: String
    let time: String
    let title: String
    let detail: String
    let meta: String
    let links: [String]
}

/// What the lead page shows: the header's colour, the status button, the deadline box, the
/// notifications and the timeline.
struct LeadView {
    let doc: HTMLDocument
    init(_ response: Response) { doc = HTMLDocument(response) }

    static func colour(_ classes: Set<String>) -> String? {
        classes.first { $0.hasPrefix("status-") && $0 != "status-button" }.map { String($0.dropFirst("status-".count)) }
    }

    var headColour: String? { doc.first("section", class: "lead-head").flatMap { Self.colour($0.classes) } }
    var statusButtons: [Element] { doc.all("a", class: "status-button") + doc.all("span", class: "status-button") }
    var buttonColour: String? { statusButtons.first.flatMap { Self.colour($0.classes) } }
    var statusButtonIsLink: Bool { !doc.all("a", class: "status-button").isEmpty }
    var deadlineBox: Element? { doc.first("div", class: "box-deadline") }
    var deadlineValue: String { deadlineBox?.first("p", class: "box-value")?.text ?? "" }
    var deadlineNote: String? { deadlineBox?.first("p", class: "box-note")?.text }
    var notices: [Element] { doc.first("ul", class: "notifications")?.all("li") ?? [] }
    /// The header's facts (code, responsible, type, source, branch) by their label.
    var facts: [String: String] {
        var out: [String: String] = [:]
        for div in doc.first("dl", class: "facts")?.all("div") ?? [] {
            if let dt = div.first("dt"), let dd = div.first("dd") { out[dt.text] = dd.text }
        }
        return out
    }

    var events: [ShownEvent] {
        guard let card = doc.first("section", class: "timeline-card") else { return [] }
        return card.all("li", class: "event").map(Self.event)
    }

    static func event(_ li: Element) -> ShownEvent {
        ShownEvent(kind: li.classes.first { $0.hasPrefix("event-") }.map { String($0.dropFirst("event-".count)) } ?? "",
                   time: li.first("time")?.text ?? "", title: li.first("p", class: "event-title")?.text ?? "",
                   detail: li.first("p", class: "event-detail").map { HTMLDocument.decodeEntities($0.inner) } ?? "",
                   meta: li.first("p", class: "meta")?.text ?? "", links: li.all("a").compactMap { $0["href"] })
    }
}

/// One line of the task overview.
struct AgendaRow {
    let classes: Set<String>
    let flagged: Bool
    /// `yyyyMMddHHmm` of the due time shown.
    let due: String
    let href: String
    let owner: String
    let doneForm: FormElement?
    var isTask: Bool { href.hasPrefix("/tasks/") }
    var isOverdue: Bool { classes.contains("is-overdue") }
}

extension HTMLDocument {
    var agendaRows: [AgendaRow] {
        guard let body = first("table", class: "agenda")?.first("tbody") else { return [] }
        return body.all("tr").compactMap { tr in
            let cells = tr.all("td")
            guard cells.count == 6 else { return nil }
            return AgendaRow(classes: tr.classes, flagged: cells[0].first("span", class: "flag") != nil, due: W.sortKey(cells[0].text) ?? "",
                             href: cells[2].first("a")?["href"] ?? "", owner: cells[4].text, doneForm: cells[5].first("form").map(FormElement.init))
        }
    }

    /// The POST form with this action (pages also carry GET forms to the same address).
    func postForm(_ action: String) -> FormElement? {
        all("form").first { $0["action"] == action && $0["method"] == "post" }.map(FormElement.init)
    }

    /// The options (value, label) of the select named `name`.
    func options(_ name: String) -> [(String, String)] {
        guard let select = all("select").first(where: { $0["name"] == name }) else { return [] }
        return select.all("option").map { ($0["value"] ?? "", $0.text) }
    }

    func textarea(_ name: String) -> String? {
        all("textarea").first { $0["name"] == name }.map { HTMLDocument.decodeEntities($0.inner) }
    }
}

/// Shared steps of the tests below.
enum W {
    static let nl = Translator(.nl)
    static let f = Format(Translator(.nl))

    static func unique(_ prefix: String = "t") -> String { prefix + UUID().uuidString.prefix(8).lowercased() }

    /// `15/07/2026 14:00` (anywhere in `text`) as `202607151400`.
    static func sortKey(_ text: String) -> String? {
        guard let regex = try? Regex("([0-9]{2})/([0-9]{2})/([0-9]{4}) ([0-9]{2}):([0-9]{2})"),
              let m = text.firstMatch(of: regex), m.count == 6 else { return nil }
        let part = { (i: Int) in m[i].substring.map(String.init) ?? "" }
        return part(3) + part(2) + part(1) + part(4) + part(5)
    }

    static func key(_ instant: Instant) -> String { sortKey(f.dateTime(instant)) ?? "" }

    /// The value of a `datetime-local` input, `offset` seconds from the app's clock.
    static func local(_ app: TestApp, _ offset: Int64) -> String { BrusselsTime.civil(app.clock.now.adding(seconds: offset)).htmlLocal }

    /// A new person's fields as the new-lead form names them.
    static func contact(last: String, first: String = "Tester", email: String? = nil, phone: String = "", vat: String = "",
                        city: String = "Gent", prefix: String = "") -> [(String, String)] {
        [("kind", "person"), ("first_name", first), ("last_name", last), ("company_name", ""), ("email", email ?? unique() + "@example.be"),
         ("phone", phone), ("street", "Kouter 1"), ("postal_code", "9000"), ("city", city), ("country", "BE"), ("vat_number", vat),
         ("vat_rate", ""), ("language", "nl")].map { (prefix + $0.0, $0.1) }
    }

    static func lead(_ app: TestApp, responsible: String = "sofie", branch: Int64 = 1, type: Int64 = 1, source: Int64 = 1) throws -> [(String, String)] {
        [("type", String(type)), ("source", String(source)), ("branch", String(branch)), ("responsible", String(try app.userID(responsible)))]
    }

    static func apply(_ changes: [String: String], to fields: [(String, String)]) -> [(String, String)] {
        var out = fields.map { ($0.0, changes[$0.0] ?? $0.1) }
        for (k, v) in changes where !out.contains(where: { $0.0 == k }) { out.append((k, v)) }
        return out
    }

    /// The id in a redirect to `prefix…`.
    static func id(_ response: Response, after prefix: String) throws -> Int64 {
        guard response.status == .seeOther, let location = response.location, location.hasPrefix(prefix),
              let id = Int64(location.dropFirst(prefix.count).prefix { $0.isNumber }) else {
            throw TestFailure("expected a redirect to \(prefix)…, got \(response.status.code) \(response.location ?? "") \(HTMLDocument(response).all("p", class: "error").map(\.text))")
        }
        return id
    }

    /// Creates a lead for a new contact through POST /leads/new; returns its id.
    static func newLead(_ app: TestApp, as session: Session, last: String, first: String = "Tester", email: String? = nil, phone: String = "",
                        responsible: String = "sofie", branch: Int64 = 1, type: Int64 = 1, source: Int64 = 1) throws -> Int64 {
        let fields = contact(last: last, first: first, email: email, phone: phone)
            + (try lead(app, responsible: responsible, branch: branch, type: type, source: source)) + [("confirm_new", "1")]
        return try id(try app.post("/leads/new", as: session, form: fields), after: "/leads/")
    }

    static func addComment(_ app: TestApp, as session: Session, lead: Int64, _ body: String) throws -> Int64 {
        let answer = try app.post("/leads/\(lead)/comments", as: session, form: [("body", body)])
        guard answer.status == .seeOther else { throw TestFailure("comment answered \(answer.status.code)") }
        guard let id = try app.int("SELECT max(id) FROM comments WHERE lead_id = ?", [lead]) else { throw TestFailure("no comment stored") }
        return id
    }

    static func addTask(_ app: TestApp, as session: Session, lead: Int64, assignee: String, in offset: Int64, _ description: String,
                        duration: String = "30") throws -> Int64 {
        let answer = try app.post("/leads/\(lead)/tasks", as: session, form: [
            ("starts_at", local(app, offset)), ("duration", duration), ("assignee", String(try app.userID(assignee))), ("description", description),
        ])
        return try id(answer, after: "/tasks/")
    }

    static func leadVersion(_ app: TestApp, _ lead: Int64) throws -> Int64 {
        guard let v = try app.int("SELECT version FROM leads WHERE id = ?", [lead]) else { throw TestFailure("no lead \(lead)") }
        return v
    }

    static func setStatus(_ app: TestApp, as session: Session, lead: Int64, _ status: String, reason: String? = nil, version: Int64? = nil,
                          loadedAt: Instant? = nil) throws -> Response {
        var form = [("status", status), ("version", String(try version ?? leadVersion(app, lead))), ("loaded_at", String((loadedAt ?? app.clock.now).seconds))]
        if let reason { form.append(("lost_reason", reason)) }
        return try app.post("/leads/\(lead)/status", as: session, form: form)
    }

    static func assign(_ app: TestApp, as session: Session, lead: Int64, to responsible: Int64, branch: Int64, version: Int64? = nil,
                       loadedAt: Instant? = nil) throws -> Response {
        try app.post("/leads/\(lead)/assign", as: session, form: [
            ("responsible", String(responsible)), ("branch", String(branch)), ("version", String(try version ?? leadVersion(app, lead))),
            ("loaded_at", String((loadedAt ?? app.clock.now).seconds)),
        ])
    }

    /// The open deadline of a lead with the earliest due time: (id, version, due).
    static func firstOpenDeadline(_ app: TestApp, _ lead: Int64) throws -> (id: Int64, version: Int64, due: Int64) {
        guard let row = try app.database.read({ db in
            try Row.fetchOne(db, sql: "SELECT id, version, due_at FROM deadlines WHERE lead_id = ? AND done_at IS NULL ORDER BY due_at LIMIT 1", arguments: [lead])
        }) else { throw TestFailure("lead \(lead) has no open deadline") }
        return (row[0], row[1], row[2])
    }

    static func lastActivity(_ app: TestApp, _ lead: Int64) throws -> Int64? {
        try app.int("SELECT last_activity_at FROM leads WHERE id = ?", [lead])
    }

    /// Rows of a `;`-separated CSV with `"`-quoted cells.
    static func csvRows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var cell = ""
        var quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { cell.append("\""); chars.removeFirst() } else { quoted = false }
                } else { cell.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == ";" {
                row.append(cell); cell = ""
            } else if c == "\r\n" || c == "\n" {
                row.append(cell); cell = ""
                rows.append(row); row = []
            } else {
                cell.append(c)
            }
        }
        if !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
        return rows
    }
}

// MARK: - The tests

@Suite("Working a lead (issue 4)")
struct WorkingALeadTests {
    // MARK: New lead

    @Suite("New lead")
    struct NewLead {
        @Test func forANewContactWithTheConfiguredFirstDeadline() throws {
            let app = try TestApp()
            // The admin sets the opportunity deadline first; the new lead must use it.
            let admin = try app.signIn("admin")
            #expect(try app.post("/settings/deadline", as: admin, form: [("hours", "48")]).location == "/settings?done=saved")
            #expect(try app.database.deadlineHours() == 48)
            #expect(HTMLDocument(try app.get("/settings", as: admin)).postForm("/settings/deadline")?.value("hours") == "48")

            let sofie = try app.signIn("sofie")
            let page = HTMLDocument(try app.get("/leads/new", as: sofie))
            let form = try #require(page.postForm("/leads/new"))
            #expect(form.value("responsible") == String(try app.userID("sofie")), "the user is responsible by default")
            #expect(page.options("branch").map(\.0) == ["1"], "a salesperson offers only her own branch")
            let contactsBefore = try #require(try app.int("SELECT count(*) FROM contacts"))
            let lastCode = try #require(try app.string("SELECT max(code) FROM leads WHERE code LIKE 'L-2026-%'"))

            let fields = form.fields(changing: ["first_name": "An", "last_name": "Desmet", "email": "An.Desmet@Example.be", "phone": "0470 00 00 11",
                                                "street": "Kouter 12", "city": "Gent", "postal_code": "9000", "vat_number": "be 0123.456.749", "vat_rate": "6"])
                .filter { $0.0 != "_csrf" }
            let id = try W.id(try app.post("/leads/new", as: sofie, form: fields), after: "/leads/")

            // A contact and a lead with the next code of the year.
            #expect(try app.int("SELECT count(*) FROM contacts") == contactsBefore + 1)
            let code = try #require(try app.string("SELECT code FROM leads WHERE id = ?", [id]))
            #expect(code.wholeMatch(of: try Regex("L-2026-[0-9]{6}")) != nil, "code \(code)")
            #expect(SystemCode(parsing: code)?.sequence == (SystemCode(parsing: lastCode)?.sequence ?? 0) + 1)
            let contact = try #require(try app.database.read { db in
                try Row.fetchOne(db, sql: "SELECT c.email, c.phone, c.vat_number, c.vat_rate_permille, l.responsible_id, l.status FROM leads l JOIN contacts c ON c.id = l.contact_id WHERE l.id = ?",
                                 arguments: [id])
            })
            #expect(contact[0] as String == "an.desmet@example.be")
            #expect(contact[1] as String == "+32470000011")
            #expect(contact[2] as String == "BE0123456749")
            #expect(contact[3] as Int? == 60)
            #expect(try app.userID("sofie") == contact[4] as Int64)
            #expect(contact[5] as Int == 0)

            // The first deadline: "contact the prospect", 48 hours after creation.
            let due = fixedNow.adding(seconds: 48 * 3600)
            #expect(try app.int("SELECT due_at FROM deadlines WHERE lead_id = ? AND kind = 'contact_prospect' AND done_at IS NULL", [id]) == due.seconds)
            #expect(try app.int("SELECT count(*) FROM deadlines WHERE lead_id = ?", [id]) == 1)
            #expect(try W.lastActivity(app, id) == fixedNow.seconds)

            let view = LeadView(try app.get("/leads/\(id)", as: sofie))
            #expect(view.doc.element(id: "lead-name")?.text == "An Desmet")
            #expect(view.facts[W.nl("lead.code")] == code)
            #expect(view.headColour == "in-progress")
            #expect(view.deadlineNote == W.nl("deadline.contact_prospect") + " · " + W.f.dateTime(due))
            #expect(view.deadlineValue == W.f.countdown(Countdown(now: fixedNow, due: due)))
            let events = view.events
            #expect(events.map(\.kind) == ["created"])
            #expect(events.first?.title == W.nl("event.created"))
            #expect(events.first?.time == W.f.dateTime(fixedNow))
            #expect(events.first?.meta == W.nl("details.by", ["name": "Sofie Peeters"]))
        }

        @Test func forAnExistingContact() throws {
            let app = try TestApp()
            let sofie = try app.signIn("sofie")
            let existing = try app.leadID(.sofiesOwn)
            let contactID = try #require(try app.int("SELECT contact_id FROM leads WHERE id = ?", [existing]))
            let page = HTMLDocument(try app.get("/leads/new?contact=\(contactID)", as: sofie))
            let form = try #require(page.postForm("/leads/new"))
            #expect(form.value("contact_id") == String(contactID))
            #expect(page.first("p", class: "chosen") != nil)
            #expect(form.value("last_name") == nil, "no new-contact fields when one is chosen")
            let contactsBefore = try app.int("SELECT count(*) FROM contacts")

            let id = try W.id(try app.post("/leads/new", as: sofie, form: W.apply(["type": "2", "source": "3"], to: form.fields.filter { $0.0 != "_csrf" })), after: "/leads/")
            #expect(try app.int("SELECT contact_id FROM leads WHERE id = ?", [id]) == contactID)
            #expect(try app.int("SELECT type_id * 10 + source_id FROM leads WHERE id = ?", [id]) == 23)
            #expect(try app.int("SELECT count(*) FROM contacts") == contactsBefore)
            #expect(try app.int("SELECT count(*) FROM deadlines WHERE lead_id = ? AND kind = 'contact_prospect'", [id]) == 1)
            // The contact's page lists both leads.
            let contactPage = try app.get("/contacts/\(contactID)", as: sofie).html
            for lead in [existing, id] { #expect(contactPage.contains("href=\"/leads/\(lead)\"")) }
        }

        enum BadContact: String, CaseIterable, Sendable, CustomTestStringConvertible {
            case noEmailNoPhone, badEmail, badVAT, badPhone
            var testDescription: String { rawValue }
            var changes: [String: String] {
                switch self {
                case .noEmailNoPhone: return ["email": "", "phone": ""]
                case .badEmail: return ["email": "an@@desmet"]
                case .badVAT: return ["vat_number": "BE 123"]
                case .badPhone: return ["phone": "0470-ABC"]
                }
            }
            var field: String {
                switch self {
                case .noEmailNoPhone, .badEmail: return "email"
                case .badVAT: return "vat_number"
                case .badPhone: return "phone"
                }
            }
            var key: String {
                switch self {
                case .noEmailNoPhone: return "contact.email_or_phone"
                case .badEmail: return "form.email_invalid"
                case .badVAT: return "contact.vat_invalid"
                case .badPhone: return "contact.phone_invalid"
                }
            }
        }

        @Test(arguments: BadContact.allCases)
        func invalidContactIsShownAgainWithErrorsBesideTheFields(_ bad: BadContact) throws {
            let app = try TestApp()
            let sofie = try app.signIn("sofie")
            let counts = "SELECT (SELECT count(*) FROM leads) * 100000 + (SELECT count(*) FROM contacts)"
            let before = try app.int(counts)
            let fields = W.apply(bad.changes, to: W.contact(last: "Desmet", first: "An", email: "an.desmet@example.be", phone: "0470 00 00 12", city: "Brugge"))
                + (try W.lead(app, type: 2, source: 4))
            let answer = try app.post("/leads/new", as: sofie, form: fields)
            #expect(answer.status == .unprocessable)
            let page = HTMLDocument(answer)
            #expect(page.fieldError(bad.field) == W.nl(bad.key))
            for other in ["first_name", "last_name", "email", "phone", "vat_number", "type", "source", "responsible"] where other != bad.field {
                #expect(page.fieldError(other) == nil, "no error beside \(other)")
            }
            let input = try #require(page.all("input").first { $0["name"] == bad.field })
            #expect(input["aria-invalid"] == "true")
            // What was typed stays, wrong value included.
            let form = try #require(page.postForm("/leads/new"))
            #expect(form.value("first_name") == "An")
            #expect(form.value("last_name") == "Desmet")
            #expect(form.value("city") == "Brugge")
            #expect(form.value("street") == "Kouter 1")
            if let typed = bad.changes[bad.field], !typed.isEmpty { #expect(form.value(bad.field) == typed) }
            #expect(form.value("type") == "2")
            #expect(form.value("source") == "4")
            #expect(try app.int(counts) == before, "nothing stored")
        }

        enum Duplicate: String, CaseIterable, Sendable, CustomTestStringConvertible {
            case email, phone, vat
            var testDescription: String { rawValue }
            /// The same detail, typed differently.
            var changes: [String: String] {
                switch self {
                case .email: return ["email": "AN.DESMET@example.be"]
                case .phone: return ["phone": "+32 470 00.00.13"]
                case .vat: return ["vat_number": "be 0123.456.749"]
                }
            }
        }

        @Test(arguments: Duplicate.allCases)
        func likelyDuplicateIsShownBeforeANewContactIsCreated(_ d: Duplicate) throws {
            let app = try TestApp()
            let sofie = try app.signIn("sofie")
            let first = W.contact(last: "Desmet", first: "An", email: "an.desmet@example.be", phone: "0470 00 00 13", vat: "BE0123456749")
            let firstLead = try W.id(try app.post("/leads/new", as: sofie, form: first + (try W.lead(app))), after: "/leads/")
            let firstContact = try #require(try app.int("SELECT contact_id FROM leads WHERE id = ?", [firstLead]))
            let contactsBefore = try #require(try app.int("SELECT count(*) FROM contacts"))

            let second = W.apply(d.changes, to: W.contact(last: "Coppens", first: "Bert", email: "bert.coppens@example.be", phone: "0470 00 00 14"))
                + (try W.lead(app))
            let warned = try app.post("/leads/new", as: sofie, form: second)
            #expect(warned.status == .unprocessable)
            let page = HTMLDocument(warned)
            let alert = try #require(page.all("div", class: "alert").first { $0["role"] == "alert" })
            #expect(alert.text.contains(W.nl("newlead.duplicates")))
            #expect(alert.text.contains("An Desmet"))
            #expect(alert.all("a").contains { $0["href"] == "/leads/new?contact=\(firstContact)" }, "the duplicate can be chosen")
            #expect(alert.all("input").contains { $0["name"] == "confirm_new" && $0["type"] == "checkbox" })
            #expect(page.postForm("/leads/new")?.value("last_name") == "Coppens")
            #expect(try app.int("SELECT count(*) FROM contacts") == contactsBefore)

            // Confirmed: created anyway, as a contact of its own.
            let id = try W.id(try app.post("/leads/new", as: sofie, form: second + [("confirm_new", "1")]), after: "/leads/")
            #expect(try app.int("SELECT count(*) FROM contacts") == contactsBefore + 1)
            #expect(try app.int("SELECT contact_id FROM leads WHERE id = ?", [id]) != firstContact)
        }

        @Test func responsibleMustWorkInTheBranch() throws {
            let app = try TestApp()
            let sofie = try app.signIn("sofie")
            let before = try app.int("SELECT count(*) FROM leads")
            // lotte works in Antwerpen (2), not in Gent (1).
            let outside = try app.post("/leads/new", as: sofie, form: W.contact(last: "Desmet") + (try W.lead(app, responsible: "lotte", branch: 1)))
            #expect(outside.status == .unprocessable)
            #expect(HTMLDocument(outside).fieldError("responsible") == W.nl("assign.not_in_branch"))
            // A branch the salesperson does not work in is not a choice.
            let branch = try app.post("/leads/new", as: sofie, form: W.contact(last: "Desmet") + (try W.lead(app, responsible: "sofie", branch: 2)))
            #expect(branch.status == .unprocessable)
            #expect(HTMLDocument(branch).fieldError("branch") == W.nl("form.invalid_choice"))
            #expect(try app.int("SELECT count(*) FROM leads") == before)
        }

        @Test func withoutLeadsCreateIsForbidden() throws {
            let app = try TestApp()
            let sofieID = try app.userID("sofie")
            try app.database.write { db in
                try db.execute(sql: "INSERT INTO user_overrides (user_id, permission, effect, scope) VALUES (?, 'leads.create', 'deny', NULL)", arguments: [sofieID])
            }
            let sofie = try app.signIn("sofie")
            let before = try app.int("SELECT count(*) FROM leads")
            #expect(try app.get("/leads/new", as: sofie).status == .forbidden)
            #expect(try app.get("/leads/new?q=Peeters&fragment=1", as: sofie).status == .forbidden)
            #expect(try app.post("/leads/new", as: sofie, form: W.contact(last: "Desmet") + (try W.lead(app))).status == .forbidden)
            #expect(try app.int("SELECT count(*) FROM leads") == before)
            #expect(!(try app.get("/leads", as: sofie).html.contains("href=\"/leads/new\"")), "no New lead button")
        }

        @Test func contactSearchByNameEmailPhoneAndCodeWithinScope() throws {
            let app = try Shared.app.get()
            let sofie = try Shared.session("sofie")
            let sofieID = try app.userID("sofie"), janID = try app.userID("jan")
            let pick = { (responsible: Int64) throws -> Row in
                guard let r = try app.database.read({ db in
                    try Row.fetchOne(db, sql: """
                        SELECT c.id, c.first_name, c.last_name, c.email, c.phone, l.code FROM leads l JOIN contacts c ON c.id = l.contact_id
                        WHERE l.responsible_id = ? AND l.branch_id = 1 AND c.kind = 'person' AND c.email <> '' AND c.phone LIKE '+324%' ORDER BY l.id LIMIT 1
                        """, arguments: [responsible])
                }) else { throw TestFailure("no contact with e-mail and mobile phone") }
                return r
            }
            let own = try pick(sofieID)
            let ownID: Int64 = own[0]
            let phone: String = own[4]
            let national = "0" + phone.dropFirst(3)
            let link = "/leads/new?contact=\(ownID)"
            for q in [(own[1] as String) + " " + (own[2] as String), own[3] as String, national, phone, own[5] as String] {
                let answer = try app.get("/leads/new?q=" + encodeFormComponent(q), as: sofie)
                #expect(answer.status == .ok)
                let results = try #require(HTMLDocument(answer).all("div").first { $0["id"] == "contact-results" })
                #expect(results.all("a").contains { $0["href"] == link }, "search \(q) finds the contact")
            }

            // Results as you type: only the results, no page around them.
            let fragment = try app.get("/leads/new?fragment=1&q=" + encodeFormComponent(own[3] as String), as: sofie)
            #expect(fragment.status == .ok)
            #expect(fragment.html.hasPrefix("<div id=\"contact-results\""))
            #expect(!fragment.html.contains("<html") && !fragment.html.contains("<form"))
            #expect(fragment.html.contains("href=\"\(link)\""))
            #expect(try app.get("/leads/new?fragment=1&q=zzqqxxnomatch", as: sofie).html.contains(W.nl("newlead.no_match")))

            // A colleague's contact is outside sofie's scope, inside her manager's.
            let janContact = try pick(janID)
            let janEmail: String = janContact[3]
            let janLink = "/leads/new?contact=\(janContact[0] as Int64)"
            #expect(!(try app.get("/leads/new?q=" + encodeFormComponent(janEmail), as: sofie).html.contains(janLink)))
            #expect(try app.get("/leads/new?q=" + encodeFormComponent(janEmail), as: try Shared.session("pieter")).html.contains(janLink))
            // …and choosing it by its id is refused.
            #expect(try app.get(janLink, as: sofie).status == .notFound)
        }

        /// A co-buyer added on a lead's Contacts tab is an existing contact too: a new lead for
        /// them starts from the search, not from a duplicate.
        @Test func aLinkedCoBuyerIsFoundByTheContactSearch() throws {
            let app = try TestApp()
            let sofie = try app.signIn("sofie")
            let lead = try W.newLead(app, as: sofie, last: "Desmet", first: "An")
            #expect(try app.post("/leads/\(lead)/contacts", as: sofie, form: [("role", "co-buyer")]
                                 + W.contact(last: "Claeys", first: "Ine", email: "ine.claeys@example.be", prefix: "new_")).status == .seeOther)
            let coBuyer = try #require(try app.int("SELECT contact_id FROM lead_contacts WHERE lead_id = ?", [lead]))
            // The duplicate check knows her…
            let warned = try app.post("/leads/new", as: sofie, form: W.contact(last: "Claeys", first: "Ine", email: "ine.claeys@example.be") + (try W.lead(app)))
            #expect(warned.status == .unprocessable)
            #expect(warned.html.contains("/leads/new?contact=\(coBuyer)"))
            // …the search should too.
            let found = try app.get("/leads/new?q=ine.claeys%40example.be", as: sofie).html
            do {
                #expect(found.contains("/leads/new?contact=\(coBuyer)"))
            }
        }
    }

    // MARK: Comments

    @Suite("Comments")
    struct Comments {
        @Test(arguments: ["", "   \n\t  "])
        func emptyCommentIsRefused(_ body: String) throws {
            let app = try TestApp()
            let sofie = try app.signIn("sofie")
            let lead = try app.leadID(.sofiesOwn)
            let before = try LeadActionScopeTests.fingerprint(app)
            let activity = try W.lastActivity(app, lead)
            app.clock.advance(seconds: 60)
            let answer = try app.post("/leads/\(lead)/comments", as: sofie, form: [("body", body)])
            #expect(answer.status == .unprocessable)
            #expect(HTMLDocument(answer).fieldError("body") == W.nl("form.required"))
            #expect(try LeadActionScopeTests.fingerprint(app) == before, "nothing stored")
            #expect(try W.lastActivity(app, lead) == activity)
        }

        @Test func oversizedCommentIsRefusedAndTheLimitCountsCharacters() throws {
            let app = try TestApp()
            let sofie = try app.signIn("sofie")
            let lead = try app.leadID(.sofiesOwn)
            let before = try app.int("SELECT count(*) FROM comments")
            let tooLong = String(repeating: "a", count: 10_001)
            let answer = try app.post("/leads/\(lead)/comments", as: sofie, form: [("body", tooLong)])
            #expect(answer.status == .unprocessable)
            let page = HTMLDocument(answer)
            #expect(page.fieldError("body") == W.nl("form.too_long"))
            #expect(page.textarea("body")?.count == 10_001, "the draft is kept")
            #expect(try app.int("SELECT count(*) FROM comments") == before)
            // Exactly the limit, in two-byte characters: accepted.
            let limit = String(repeating: "é", count: 10_000)
            #expect(try app.post("/leads/\(lead)/comments", as: sofie, form: [("body", limit)]).status == .seeOther)
            #expect(try app.string("SELECT body FROM comments WHERE lead_id = ? ORDER BY id DESC LIMIT 1", [lead]) == limit)
        }

        @Test func htmlInACommentIsEscaped() throws {
            let app = try TestApp()
            let sofie = try app.signIn("sofie")
            let lead = try W.newLead(app, as: sofie, last: "Desmet")
            let body = "<script>alert('x')</script> <b>vet</b> & \"quotes\" <img src=x onerror=alert(1)>"
            _ = try W.addComment(app, as: sofie, lead: lead, body)
            let answer = try app.get("/leads/\(lead)", as: sofie)
            #expect(!answer.html.contains("<script>alert"))
            #expect(!answer.html.contains("<img src=x"))
            #expect(!answer.html.contains("<b>vet"))
            #expect(answer.html.contains("&lt;script&gt;alert("))
            let view = LeadView(answer)
            #expect(view.doc.first("p", class: "comment-body").map { HTMLDocument.decodeEntities($0.inner) } == body)
            #expect(view.events.first?.kind == "comment")
            #expect(view.events.first?.detail == body)
        }

        @Test func theAuthorEditsAndAStaleVersionIsAConflict() throws {
            let app = try TestApp()
            let sofie = try app.signIn("sofie")
            let lead = try W.newLead(app, as: sofie, last: "Desmet")
            let comment = try W.addComment(app, as: sofie, lead: lead, "Eerste versie")
            let edit = HTMLDocument(try app.get("/comments/\(comment)/edit", as: sofie))
            let form = try #require(edit.postForm("/comments/\(comment)"))
            #expect(form.value("version") == "1")
            #expect(edit.textarea("body") == "Eerste versie")
            // The comment box offers the author the edit link.
            #expect(try app.get("/leads/\(lead)", as: sofie).html.contains("href=\"/comments/\(comment)/edit\""))

            app.clock.advance(seconds: 60)
            let saved = try app.post("/comments/\(comment)", as: sofie, form: [("version", "1"), ("body", "Tweede versie")])
            #expect(saved.location == "/leads/\(lead)#comments-h")
            #expect(try app.string("SELECT body || '|' || version FROM comments WHERE id = ?", [comment]) == "Tweede versie|2")
            #expect(try W.lastActivity(app, lead) == app.clock.now.seconds)

            // A second tab still holds version 1: refused, the current text shown, the draft kept.
            let stale = try app.post("/comments/\(comment)", as: sofie, form: [("version", "1"), ("body", "Mijn andere versie")])
            #expect(stale.status == .conflict)
            let page = HTMLDocument(stale)
            let alert = try #require(page.all("div", class: "alert").first)
            #expect(alert.text.contains(W.nl("conflict.comment")))
            #expect(alert.first("blockquote")?.text == "Tweede versie")
            #expect(page.textarea("body") == "Mijn andere versie")
            #expect(page.postForm("/comments/\(comment)")?.value("version") == "2", "saving again overwrites knowingly")
            #expect(try app.string("SELECT body FROM comments WHERE id = ?", [comment]) == "Tweede versie")
            #expect(throws: StoreError.conflict) {
                try app.database.updateComment(id: comment, body: "x", version: 1, by: seeing(.all, as: try app.userID("sofie")), now: app.clock.now)
            }
            // An edit may not empty it.
            let emptied = try app.post("/comments/\(comment)", as: sofie, form: [("version", "2"), ("body", "  ")])
            #expect(emptied.status == .unprocessable)
            #expect(HTMLDocument(emptied).fieldError("body") == W.nl("form.required"))

            // Someone else (her manager, who sees the lead) may neither edit nor delete it.
            let pieter = try app.signIn("pieter")
            #expect(try app.get("/comments/\(comment)/edit", as: pieter).status == .forbidden)
            #expect(try app.post("/comments/\(comment)", as: pieter, form: [("version", "2"), ("body", "Overschreven")]).status == .forbidden)
            #expect(try app.post("/comments/\(comment)/delete", as: pieter, form: []).status == .forbidden)
            #expect(try app.string("SELECT body FROM comments WHERE id = ?", [comment]) == "Tweede versie")
            let pieterView = LeadView(try app.get("/leads/\(lead)", as: pieter))
            let box = try #require(pieterView.doc.all("section", class: "card").first { $0["aria-labelledby"] == "comments-h" })
            #expect(box.text.contains("Tweede versie"))
            #expect(!box.all("a").contains { $0["href"] == "/comments/\(comment)/edit" }, "no edit link for others in the comments box")
            let openLinks = pieterView.events.filter { $0.kind == "comment" }.flatMap(\.links)
            do {
                #expect(!openLinks.contains("/comments/\(comment)/edit"), "the timeline offers others a link that is forbidden to them")
            }
            #expect(throws: StoreError.forbidden) {
                try app.database.updateComment(id: comment, body: "x", version: 2, by: seeing(.all, as: try app.userID("pieter")), now: app.clock.now)
            }
        }

        @Test func deletingPutsCommentDeletedOnTheTimeline() throws {
            let app = try TestApp()
            let sofie = try app.signIn("sofie")
            let lead = try W.newLead(app, as: sofie, last: "Desmet")
            let comment = try W.addComment(app, as: sofie, lead: lead, "Weg ermee")
            app.clock.advance(seconds: 120)
            let deleted = try app.post("/comments/\(comment)/delete", as: sofie, form: [])
            #expect(deleted.location == "/leads/\(lead)")
            #expect(try app.int("SELECT count(*) FROM comments WHERE id = ?", [comment]) == 0)
            let view = LeadView(try app.get("/leads/\(lead)", as: sofie))
            #expect(!view.doc.source.contains("Weg ermee"))
            #expect(view.events.map(\.kind) == ["comment_deleted", "created"])
            #expect(view.events.first?.title == W.nl("event.comment_deleted"))
            #expect(view.events.first?.meta == W.nl("details.by", ["name": "Sofie Peeters"]))
            #expect(view.events.first?.time == W.f.dateTime(app.clock.now))
            #expect(try W.lastActivity(app, lead) == app.clock.now.seconds)
            // Deleting it again: not found, not a 500.
            #expect(try app.post("/comments/\(comment)/delete", as: sofie, form: []).status == .notFound)
        }
    }

    // MARK: Tasks

    @Suite("Tasks")
    struct Tasks {
        @Test func planATaskForAColleague() throws {
            let app = try TestApp()
            let sofie = try app.signIn("sofie")
            let lead = try W.newLead(app, as: sofie, last: "Desmet")
            let newForm = HTMLDocument(try app.get("/leads/\(lead)/tasks/new", as: sofie))
            let form = try #require(newForm.postForm("/leads/\(lead)/tasks"))
            #expect(form.value("assignee") == String(try app.userID("sofie")))
            #expect(form.value("starts_at") == "2026-07-15T15:00", "the next full hour")
            #expect(newForm.options("duration").map(\.0) == LeadRules.taskDurations.map(String.init))
            #expect(!newForm.options("assignee").contains { $0.1 == "Lotte Wouters" }, "only people of the lead's branch")
            #expect(!newForm.options("assignee").contains { $0.1 == "Jan Claes" }, "only people who can open the lead")

            app.clock.advance(seconds: 60)
            let answer = try app.post("/leads/\(lead)/tasks", as: sofie, form: W.apply([
                "starts_at": "2026-07-16T10:00", "duration": "45", "assignee": String(try app.userID("pieter")), "description": "Offerte opsturen",
            ], to: form.fields.filter { $0.0 != "_csrf" }))
            let task = try W.id(answer, after: "/tasks/")
            let start = try #require(BrusselsTime.parseHTMLLocal("2026-07-16T10:00"))
            #expect(try app.int("SELECT starts_at FROM tasks WHERE id = ?", [task]) == start.seconds)

            let page = try app.get("/tasks/\(task)", as: sofie)
            #expect(page.status == .ok)
            let facts = try #require(HTMLDocument(page).first("dl", class: "task-facts")).text
            for part in [W.f.dateTime(start), "45 " + W.nl("unit.minute"), "Pieter Van Damme"] { #expect(facts.contains(part)) }
            #expect(HTMLDocument(page).first("p", class: "task-description")?.text == "Offerte opsturen")

            let view = LeadView(try app.get("/leads/\(lead)", as: sofie))
            let event = try #require(view.events.first)
            #expect(event.kind == "task_added")
            #expect(event.detail == "Offerte opsturen")
            #expect(event.links.contains("/tasks/\(task)"))
            #expect(try W.lastActivity(app, lead) == app.clock.now.seconds)
            // Pieter (manager of the lead's branch) hears of it.
            let pieter = try app.signIn("pieter")
            #expect(try app.get("/notifications", as: pieter).html.contains(W.nl("notification.task", ["actor": "Sofie Peeters", "detail": "Offerte opsturen"])))
        }

        enum BadTask: String, CaseIterable, Sendable, CustomTestStringConvertible {
            case impossibleDate, emptyStart, textStart, startTooFar, durationZero, durationText, durationTooLong
            case emptyDescription, longDescription, unknownAssignee, inactiveAssignee, assigneeOfAnotherBranch, assigneeWhoCannotSeeTheLead
            var testDescription: String { rawValue }
            var field: String {
                switch self {
                case .impossibleDate, .emptyStart, .textStart, .startTooFar: return "starts_at"
                case .durationZero, .durationText, .durationTooLong: return "duration"
                case .emptyDescription, .longDescription: return "description"
                case .unknownAssignee, .inactiveAssignee, .assigneeOfAnotherBranch, .assigneeWhoCannotSeeTheLead: return "assignee"
                }
            }
            var key: String {
                switch self {
                case .impossibleDate, .emptyStart, .textStart: return "form.datetime_invalid"
                case .startTooFar: return "task.start_range"
                case .durationZero, .durationText, .durationTooLong: return "task.duration_range"
                case .emptyDescription: return "form.required"
                case .longDescription: return "form.too_long"
                case .unknownAssignee, .inactiveAssignee: return "assign.unknown_user"
                case .assigneeOfAnotherBranch, .assigneeWhoCannotSeeTheLead: return "task.assignee_cannot_see"
                }
            }
            func value(_ app: TestApp) throws -> String {
                switch self {
                case .impossibleDate: return "2026-02-30T10:00"
                case .emptyStart: return ""
                case .textStart: return "abc"
                case .startTooFar: return "2029-01-01T10:00"
                case .durationZero: return "0"
                case .durationText: return "abc"
                case .durationTooLong: return "2000"
                case .emptyDescription: return "   "
                case .longDescription: return String(repeating: "x", count: 2001)
                case .unknownAssignee: return "999999"
                case .inactiveAssignee: return String(try app.userID("jan"))
                case .assigneeOfAnotherBranch: return String(try app.userID("lotte"))
                // Same branch, but a salesperson sees only the leads they are responsible for.
                case .assigneeWhoCannotSeeTheLead: return String(try app.userID("jan"))
                }
            }
        }

        @Test(arguments: BadTask.allCases)
        func badTaskInputIsRefusedBesideItsField(_ bad: BadTask) throws {
            let app = try TestApp()
            if bad == .inactiveAssignee { try app.database.write { db in try db.execute(sql: "UPDATE users SET active = 0 WHERE username = 'jan'") } }
            let sofie = try app.signIn("sofie")
            let lead = try app.leadID(.sofiesOwn)
            let before = try app.int("SELECT count(*) FROM tasks")
            var form = ["starts_at": "2026-07-16T10:00", "duration": "30", "assignee": String(try app.userID("sofie")), "description": "Terugbellen"]
            form[bad.field] = try bad.value(app)
            let answer = try app.post("/leads/\(lead)/tasks", as: sofie, form: form.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
            #expect(answer.status == .unprocessable)
            let page = HTMLDocument(answer)
            #expect(page.fieldError(bad.field) == W.nl(bad.key))
            for other in ["starts_at", "duration", "assignee", "description"] where other != bad.field {
                #expect(page.fieldError(other) == nil, "no error beside \(other)")
            }
            let kept = try #require(page.postForm("/leads/\(lead)/tasks"))
            if bad.field != "starts_at" { #expect(kept.value("starts_at") == "2026-07-16T10:00") }
            if bad.field != "description" { #expect(page.textarea("description") == "Terugbellen") }
            #expect(try app.int("SELECT count(*) FROM tasks") == before, "nothing stored")
        }

        @Test func aDurationThatIsNotInTheListIsRefused() throws {
            let app = try TestApp()
            let sofie = try app.signIn("sofie")
            let lead = try app.leadID(.sofiesOwn)
            let before = try app.int("SELECT count(*) FROM tasks")
            #expect(!LeadRules.taskDurations.contains(37))
            let answer = try app.post("/leads/\(lead)/tasks", as: sofie, form: [
                ("starts_at", "2026-07-16T10:00"), ("duration", "37"), ("assignee", String(try app.userID("sofie"))), ("description", "Terugbellen"),
            ])
            let after = try app.int("SELECT count(*) FROM tasks")
            do {
                #expect(answer.status == .unprocessable)
                #expect(HTMLDocument(answer).fieldError("duration") == W.nl("task.duration_range"))
                #expect(after == before)
            }
        }

        @Test func markedDoneFromTheOverviewNotifiesTheLeadPageUntilSeen() throws {
            let app = try TestApp()
            let sofie = try app.signIn("sofie")
            let lead = try W.newLead(app, as: sofie, last: "Desmet")
            let task = try W.addTask(app, as: sofie, lead: lead, assignee: "sofie", in: 3600, "Proefrit bevestigen")

            let overview = HTMLDocument(try app.get("/tasks", as: sofie))
            let row = try #require(overview.agendaRows.first { $0.href == "/tasks/\(task)" })
            let form = try #require(row.doneForm)
            #expect(form.element["action"] == "/tasks/\(task)/done")
            #expect(form.value("back") == "tasks")
            app.clock.advance(seconds: 300)
            let done = try app.post("/tasks/\(task)/done", as: sofie, form: form.fields.filter { $0.0 != "_csrf" })
            #expect(done.location == "/tasks")
            #expect(try app.int("SELECT done_at FROM tasks WHERE id = ?", [task]) == app.clock.now.seconds)
            #expect(try app.int("SELECT done_by FROM tasks WHERE id = ?", [task]) == app.userID("sofie"))
            #expect(!HTMLDocument(try app.get("/tasks", as: sofie)).agendaRows.contains { $0.href == "/tasks/\(task)" })

            // On the lead page: a notification until it is seen, and the timeline entry.
            var view = LeadView(try app.get("/leads/\(lead)", as: sofie))
            let notice = try #require(view.notices.first)
            #expect(notice.text.contains(W.nl("notification.task_done", ["actor": "Sofie Peeters", "detail": "Proefrit bevestigen"])))
            let event = try #require(view.events.first)
            #expect(event.kind == "task_done")
            #expect(event.title == W.nl("event.task_done"))
            #expect(event.time == W.f.dateTime(app.clock.now))
            #expect(try W.lastActivity(app, lead) == app.clock.now.seconds)
            // Still there on the next visit, gone once seen.
            view = LeadView(try app.get("/leads/\(lead)", as: sofie))
            #expect(view.notices.count == 1)
            let seen = try #require(view.notices.first?.first("form")?["action"])
            #expect(try app.post(seen, as: sofie, form: []).location == "/leads/\(lead)")
            #expect(LeadView(try app.get("/leads/\(lead)", as: sofie)).notices.isEmpty)

            // The task page says who finished it, and offers no second "done".
            let page = try app.get("/tasks/\(task)", as: sofie).html
            #expect(page.contains(W.nl("task.done_on", ["date": W.f.dateTime(app.clock.now), "name": "Sofie Peeters"])))
            #expect(!page.contains("action=\"/tasks/\(task)/done\""))
            // Done twice (a second tab): refused cleanly, once on the timeline.
            let again = try app.post("/tasks/\(task)/done", as: sofie, form: form.fields.filter { $0.0 != "_csrf" })
            #expect(again.status.code < 500)
            #expect(again.status != .seeOther)
            #expect(try app.int("SELECT count(*) FROM timeline_events WHERE kind = 'task_done' AND subject_id = ?", [task]) == 1)
        }

        @Test func aStaleTaskVersionIsAConflict() throws {
            let app = try TestApp()
            let sofie = try app.signIn("sofie")
            let lead = try W.newLead(app, as: sofie, last: "Desmet")
            let task = try W.addTask(app, as: sofie, lead: lead, assignee: "sofie", in: 3600, "Eerste omschrijving")
            let form = try #require(HTMLDocument(try app.get("/tasks/\(task)", as: sofie)).postForm("/tasks/\(task)"))
            let fields = form.fields.filter { $0.0 != "_csrf" }
            #expect(form.value("version") == "1")

            #expect(try app.post("/tasks/\(task)", as: sofie, form: fields + [("description", "Nieuwe omschrijving")]).location == "/tasks/\(task)")
            let stale = try app.post("/tasks/\(task)", as: sofie, form: fields + [("description", "Mijn omschrijving")])
            #expect(stale.status == .conflict)
            let page = HTMLDocument(stale)
            let alert = try #require(page.all("div", class: "alert").first)
            #expect(alert.text.contains(W.nl("conflict.task")))
            #expect(alert.first("blockquote")?.text == "Nieuwe omschrijving")
            #expect(page.textarea("description") == "Mijn omschrijving")
            #expect(try app.string("SELECT description FROM tasks WHERE id = ?", [task]) == "Nieuwe omschrijving")

            // Marking it done from an old page: also a conflict, and it stays open.
            let staleDone = try app.post("/tasks/\(task)/done", as: sofie, form: [("version", "1"), ("back", "tasks")])
            #expect(staleDone.status == .conflict)
            #expect(try app.int("SELECT done_at FROM tasks WHERE id = ?", [task]) == nil)
            #expect(throws: StoreError.conflict) {
                _ = try app.database.completeTask(id: task, version: 1, by: seeing(.all, as: try app.userID("sofie")), now: app.clock.now)
            }
        }

        @Test func theOverviewSortsOverdueFirstThenByDueTimeAndFlagsOverdue() throws {
            let app = try TestApp()
            let sofie = try app.signIn("sofie")
            let lead = try W.newLead(app, as: sofie, last: "Desmet")
            let late = try W.addTask(app, as: sofie, lead: lead, assignee: "sofie", in: -2 * 3600, "Te laat")
            let soon = try W.addTask(app, as: sofie, lead: lead, assignee: "sofie", in: 3600, "Straks")
            let later = try W.addTask(app, as: sofie, lead: lead, assignee: "sofie", in: 3 * 86_400, "Later")

            let page = HTMLDocument(try app.get("/tasks", as: sofie))
            let rows = page.agendaRows
            let now = W.key(app.clock.now)
            #expect(rows.count >= 4)
            #expect(rows.allSatisfy { !$0.due.isEmpty })
            // Overdue first, oldest first; then the rest by due time.
            let overdue = rows.prefix { $0.isOverdue }
            let rest = rows.dropFirst(overdue.count)
            #expect(!overdue.isEmpty && !rest.isEmpty)
            #expect(rest.allSatisfy { !$0.isOverdue }, "no overdue row after the first one that is not")
            #expect(overdue.map(\.due) == overdue.map(\.due).sorted())
            #expect(rest.map(\.due) == rest.map(\.due).sorted())
            // The flag is on exactly the overdue rows, and they are due.
            for row in rows {
                #expect(row.flagged == row.isOverdue)
                #expect(row.isOverdue ? row.due <= now : row.due >= now, "\(row.href) due \(row.due)")
            }
            #expect(rows.first { $0.href == "/tasks/\(late)" }?.isOverdue == true)
            #expect(rows.first { $0.href == "/tasks/\(soon)" }?.isOverdue == false)
            let position = { (id: Int64) in rows.firstIndex { $0.href == "/tasks/\(id)" } ?? -1 }
            #expect(position(late) < position(soon) && position(soon) < position(later))

            // A deadline opens its lead's follow-up tab; it has no page of its own.
            let deadlines = rows.filter { !$0.isTask }
            #expect(!deadlines.isEmpty)
            #expect(deadlines.allSatisfy { $0.href.wholeMatch(of: try! Regex("/leads/[0-9]+/follow-up")) != nil })
            #expect(deadlines.allSatisfy { $0.doneForm == nil })
            #expect(deadlines.contains { $0.href == "/leads/\(lead)/follow-up" })
            let deadline = try W.firstOpenDeadline(app, lead)
            #expect(try app.get("/deadlines/\(deadline.id)", as: sofie).status == .notFound)
        }

        @Test func theOverviewFiltersWhoWhatAndPeriod() throws {
            let app = try TestApp()
            let sofie = try app.signIn("sofie")
            let lead = try W.newLead(app, as: sofie, last: "Desmet")
            _ = try W.addTask(app, as: sofie, lead: lead, assignee: "sofie", in: 3600, "Vandaag")
            _ = try W.addTask(app, as: sofie, lead: lead, assignee: "sofie", in: 3 * 86_400, "Deze week")
            _ = try W.addTask(app, as: sofie, lead: lead, assignee: "sofie", in: 10 * 86_400, "Later")

            let all = HTMLDocument(try app.get("/tasks", as: sofie)).agendaRows
            let tasks = HTMLDocument(try app.get("/tasks?what=tasks", as: sofie)).agendaRows
            let deadlines = HTMLDocument(try app.get("/tasks?what=deadlines", as: sofie)).agendaRows
            #expect(tasks.count >= 3 && !deadlines.isEmpty)
            #expect(tasks.allSatisfy { $0.isTask })
            #expect(deadlines.allSatisfy { !$0.isTask })
            #expect(tasks.count + deadlines.count == all.count)

            let today = HTMLDocument(try app.get("/tasks?period=today", as: sofie)).agendaRows
            let week = HTMLDocument(try app.get("/tasks?period=week", as: sofie)).agendaRows
            #expect(today.allSatisfy { $0.due < "202607160000" }, "due before tomorrow")
            #expect(week.allSatisfy { $0.due < "202607220000" }, "due within seven days")
            #expect(today.count < week.count && week.count < all.count)
            #expect(week.contains { $0.isTask && $0.due.hasPrefix("20260718") })

            // A salesperson has no "team" view: asking for it shows her own.
            let page = HTMLDocument(try app.get("/tasks?who=team", as: sofie))
            #expect(page.options("who").map(\.0) == ["mine"])
            #expect(page.agendaRows.map(\.href) == all.map(\.href))
            #expect(Set(all.map(\.owner)) == ["Sofie Peeters"])

            // Her manager's team view: the open work of his branches, other people's included.
            let pieter = try app.signIn("pieter")
            let team = HTMLDocument(try app.get("/tasks?who=team", as: pieter))
            #expect(team.options("who").map(\.0) == ["mine", "team"])
            let owners = Set(team.agendaRows.map(\.owner))
            #expect(owners.isSuperset(of: ["Sofie Peeters", "Jan Claes"]))
            #expect(!owners.contains("Julien Lambert"), "nothing of Brussel")
        }
    }

    // MARK: Deadlines

    @Suite("Deadlines (Opvolging)")
    struct Deadlines {
        enum BadDue: String, CaseIterable, Sendable, CustomTestStringConvertible {
            case past, now, moreThanTwoYears, impossibleDate, empty
            var testDescription: String { rawValue }
            func value(_ app: TestApp) -> String {
                switch self {
                case .past: return W.local(app, -3600)
                case .now: return W.local(app, 0)
                case .moreThanTwoYears: return W.local(app, 2 * 366 * 86_400 + 86_400)
                case .impossibleDate: return "2026-02-30T10:00"
                case .empty: return ""
                }
            }
            var key: String {
                switch self {
                case .past, .now: return "deadline.in_past"
                case .moreThanTwoYears: return "deadline.too_far"
                case .impossibleDate, .empty: return "form.datetime_invalid"
                }
            }
        }

        @Test(arguments: BadDue.allCases)
        func addingRefusesBadDueTimes(_ bad: BadDue) throws {
            let app = try TestApp()
            let sofie = try app.signIn("sofie")
            let lead = try W.newLead(app, as: sofie, last: "Desmet")
            let before = try app.int("SELECT count(*) FROM deadlines")
            let answer = try app.post("/leads/\(lead)/deadlines", as: sofie, form: [("kind", "follow_up"), ("due", bad.value(app)), ("note", "Na de proefrit")])
            #expect(answer.status == .unprocessable)
            let page = HTMLDocument(answer)
            #expect(page.fieldError("due") == W.nl(bad.key))
            let form = try #require(page.postForm("/leads/\(lead)/deadlines"))
            #expect(form.value("due") == bad.value(app))
            #expect(form.value("note") == "Na de proefrit")
            #expect(try app.int("SELECT count(*) FROM deadlines") == before)
        }

        @Test func addMoveAndCompleteADeadline() throws {
            let app = try TestApp()
            let sofie = try app.signIn("sofie")
            let lead = try W.newLead(app, as: sofie, last: "Desmet")
            let first = try W.firstOpenDeadline(app, lead)

            // Add one before the first: the header now counts down to it.
            app.clock.advance(seconds: 60)
            let due = app.clock.now.adding(seconds: 3 * 3600)
            let added = try app.post("/leads/\(lead)/deadlines", as: sofie, form: [("kind", "follow_up"), ("due", W.local(app, 3 * 3600)), ("note", "Na de proefrit")])
            #expect(added.location == "/leads/\(lead)/follow-up")
            let second = try W.firstOpenDeadline(app, lead)
            #expect(second.id != first.id && second.due == due.seconds)
            var view = LeadView(try app.get("/leads/\(lead)/follow-up", as: sofie))
            #expect(view.deadlineNote == W.nl("deadline.follow_up") + " · " + W.f.dateTime(due))
            #expect(view.deadlineValue == W.f.countdown(.remaining(Span(seconds: 3 * 3600))))
            #expect(view.doc.first("ul", class: "deadlines")?.all("li", class: "deadline").count == 2)
            #expect(LeadView(try app.get("/leads/\(lead)", as: sofie)).events.first?.kind == "deadline_added")

            // Move: a reason is required.
            let moveTo = W.local(app, 5 * 3600)
            let noReason = try app.post("/deadlines/\(second.id)/move", as: sofie, form: [
                ("version", "1"), ("lead", String(lead)), ("due-\(second.id)", moveTo), ("reason-\(second.id)", "  "),
            ])
            #expect(noReason.status == .unprocessable)
            #expect(HTMLDocument(noReason).fieldError("reason-\(second.id)") == W.nl("form.required"))
            #expect(try W.firstOpenDeadline(app, lead).due == due.seconds)
            let past = try app.post("/deadlines/\(second.id)/move", as: sofie, form: [
                ("version", "1"), ("lead", String(lead)), ("due-\(second.id)", W.local(app, -60)), ("reason-\(second.id)", "Klant op reis"),
            ])
            #expect(past.status == .unprocessable)
            #expect(HTMLDocument(past).fieldError("due-\(second.id)") == W.nl("deadline.in_past"))

            app.clock.advance(seconds: 60)
            let moved = try app.post("/deadlines/\(second.id)/move", as: sofie, form: [
                ("version", "1"), ("lead", String(lead)), ("due-\(second.id)", moveTo), ("reason-\(second.id)", "Klant op reis"),
            ])
            #expect(moved.location == "/leads/\(lead)/follow-up")
            let newDue = try #require(BrusselsTime.parseHTMLLocal(moveTo))
            #expect(try app.int("SELECT due_at FROM deadlines WHERE id = ?", [second.id]) == newDue.seconds)
            view = LeadView(try app.get("/leads/\(lead)", as: sofie))
            let event = try #require(view.events.first)
            #expect(event.kind == "deadline_changed")
            #expect(event.title == W.nl("event.deadline_changed", ["old": W.f.dateTime(due), "new": W.f.dateTime(newDue)]))
            #expect(event.detail == "Klant op reis")
            #expect(event.links.contains("/leads/\(lead)/follow-up"))

            // Moving it again from the old page (version 1): refused, nothing overwritten.
            let stale = try app.post("/deadlines/\(second.id)/move", as: sofie, form: [
                ("version", "1"), ("lead", String(lead)), ("due-\(second.id)", W.local(app, 9 * 3600)), ("reason-\(second.id)", "Andere reden"),
            ])
            #expect(stale.status == .conflict)
            #expect(HTMLDocument(stale).fieldError("due-\(second.id)") == W.nl("conflict.deadline"))
            #expect(try app.int("SELECT due_at FROM deadlines WHERE id = ?", [second.id]) == newDue.seconds)

            // Complete: saying whether the prospect was reached is required.
            let noChoice = try app.post("/deadlines/\(second.id)/done", as: sofie, form: [("version", "2"), ("lead", String(lead))])
            #expect(noChoice.status == .unprocessable)
            #expect(HTMLDocument(noChoice).fieldError("contacted-\(second.id)") == W.nl("deadline.contacted_required"))
            #expect(try app.int("SELECT done_at FROM deadlines WHERE id = ?", [second.id]) == nil)
            let staleDone = try app.post("/deadlines/\(second.id)/done", as: sofie, form: [("version", "1"), ("lead", String(lead)), ("contacted", "1")])
            #expect(staleDone.status == .conflict)
            app.clock.advance(seconds: 60)
            let done = try app.post("/deadlines/\(second.id)/done", as: sofie, form: [("version", "2"), ("lead", String(lead)), ("contacted", "0")])
            #expect(done.location == "/leads/\(lead)/follow-up")
            #expect(try app.int("SELECT contacted FROM deadlines WHERE id = ?", [second.id]) == 0)
            view = LeadView(try app.get("/leads/\(lead)/follow-up", as: sofie))
            let doneItem = try #require(view.doc.all("li", class: "is-done").first)
            #expect(doneItem.text.contains(W.nl("followup.col.contacted") + ": " + W.nl("followup.no")))
            // The header is back on the first deadline.
            #expect(view.deadlineNote == W.nl("deadline.contact_prospect") + " · " + W.f.dateTime(Instant(seconds: first.due)))
            let doneEvent = try #require(LeadView(try app.get("/leads/\(lead)", as: sofie)).events.first)
            #expect(doneEvent.kind == "deadline_done")
            #expect(doneEvent.title == W.nl("event.deadline_done") + " · " + W.nl("deadline.not_reached"))
        }

        @Test func anOverdueDeadlineIsUnmistakableInTheHeaderAndTheOverview() throws {
            let app = try TestApp()
            var sofie = try app.signIn("sofie")
            let lead = try W.newLead(app, as: sofie, last: "Vandevelde", first: "Griet")
            let deadline = try W.firstOpenDeadline(app, lead)
            var view = LeadView(try app.get("/leads/\(lead)", as: sofie))
            #expect(view.deadlineBox?.hasClass("overdue") == false)
            // A day and two hours later the first deadline (24 h) is two hours overdue.
            app.clock.advance(seconds: 26 * 3600)
            sofie = try app.signIn("sofie")
            view = LeadView(try app.get("/leads/\(lead)", as: sofie))
            #expect(view.deadlineBox?.hasClass("overdue") == true)
            #expect(view.deadlineBox?.first("span", class: "flag") != nil)
            #expect(view.deadlineValue.hasSuffix(W.f.countdown(Countdown(now: app.clock.now, due: Instant(seconds: deadline.due)))))
            #expect(view.deadlineValue.contains(W.nl("countdown.overdue", ["span": "2 " + W.nl("unit.hour")])))
            let rows = HTMLDocument(try app.get("/leads?q=Vandevelde%20Griet", as: sofie)).overviewRows
            let row = try #require(rows.first { $0.id == lead })
            #expect(row.classes.contains("is-overdue"))
            #expect(try app.allOverviewRows(sofie, start: "/leads?overdue=1").contains { $0.id == lead })
        }

        @Test func closingStopsTheDeadlineClock() throws {
            let app = try TestApp()
            var sofie = try app.signIn("sofie")
            let lead = try W.newLead(app, as: sofie, last: "Vandevelde", first: "Griet")
            #expect(try W.setStatus(app, as: sofie, lead: lead, "won").location == "/leads/\(lead)")
            var view = LeadView(try app.get("/leads/\(lead)", as: sofie))
            #expect(view.deadlineValue == W.nl("countdown.closed"))
            #expect(view.deadlineNote == nil)
            let box = view.doc.all("section", class: "card").first { $0["aria-labelledby"] == "deadline-h" }
            #expect(box?.text.contains(W.nl("countdown.closed")) == true, "the Details tab's deadline card")
            // Later than the deadline: still no clock, not overdue anywhere.
            app.clock.advance(seconds: 30 * 3600)
            sofie = try app.signIn("sofie")
            view = LeadView(try app.get("/leads/\(lead)/follow-up", as: sofie))
            #expect(view.deadlineBox?.hasClass("overdue") == false)
            #expect(view.deadlineValue == W.nl("countdown.closed"))
            #expect(view.doc.postForm("/leads/\(lead)/deadlines") == nil, "a closed lead's deadlines are not edited")
            let listed = view.doc.first("ul", class: "deadlines")?.all("li", class: "deadline") ?? []
            #expect(listed.count == 1)
            do {
                #expect(!listed.contains { $0.hasClass("is-overdue") })
                #expect(!listed.contains { $0.first("span", class: "overdue") != nil }, "no red countdown")
            }
            #expect(!view.doc.source.contains("/move\""))
            #expect(!HTMLDocument(try app.get("/tasks", as: sofie)).agendaRows.contains { $0.href == "/leads/\(lead)/follow-up" })
            let row = try #require(HTMLDocument(try app.get("/leads?q=Vandevelde%20Griet", as: sofie)).overviewRows.first { $0.id == lead })
            #expect(!row.classes.contains("is-overdue"))
            #expect(!(try app.allOverviewRows(sofie, start: "/leads?overdue=1").contains { $0.id == lead }))
            // Adding a deadline to it is refused.
            let add = try app.post("/leads/\(lead)/deadlines", as: sofie, form: [("kind", "follow_up"), ("due", W.local(app, 3600)), ("note", "")])
            #expect(add.status == .unprocessable)
            #expect(try app.int("SELECT count(*) FROM deadlines WHERE lead_id = ?", [lead]) == 1)
            do {
                #expect(HTMLDocument(add).source.contains(W.nl("deadline.lead_closed")))
            }
            #expect(throws: StoreError.invalid(.deadlineLeadClosed)) {
                try app.database.addDeadline(leadID: lead, kind: .followUp, due: app.clock.now.adding(seconds: 3600), note: "", by: seeing(.all, as: try app.userID("sofie")), now: app.clock.now)
            }
        }
    }

    // MARK: Assign

    @Suite("Assign (Toewijzen)")
    struct Assign {
        @Test func toAnotherUserAndBranchNotifiesTheNewResponsible() throws {
            let app = try TestApp()
            let sofie = try app.signIn("sofie")
            let lead = try W.newLead(app, as: sofie, last: "Desmet")
            let code = try #require(try app.string("SELECT code FROM leads WHERE id = ?", [lead]))
            let lotteID = try app.userID("lotte")
            let unseenBefore = try #require(try app.int("SELECT count(*) FROM notifications WHERE user_id = ? AND seen_at IS NULL", [lotteID]))

            let pieter = try app.signIn("pieter")
            let form = try #require(HTMLDocument(try app.get("/leads/\(lead)/assign", as: pieter)).postForm("/leads/\(lead)/assign"))
            #expect(form.value("responsible") == String(try app.userID("sofie")))
            #expect(form.value("branch") == "1")
            app.clock.advance(seconds: 60)
            let answer = try app.post("/leads/\(lead)/assign", as: pieter, form: W.apply(["responsible": String(lotteID), "branch": "2"],
                                                                                       to: form.fields.filter { $0.0 != "_csrf" }))
            #expect(answer.location == "/leads/\(lead)")
            #expect(try app.int("SELECT responsible_id * 10 + branch_id FROM leads WHERE id = ?", [lead]) == lotteID * 10 + 2)

            let view = LeadView(try app.get("/leads/\(lead)", as: pieter))
            #expect(view.facts[W.nl("lead.responsible")] == "Lotte Wouters")
            #expect(view.facts[W.nl("lead.branch")] == "Antwerpen")
            let event = try #require(view.events.first)
            #expect(event.kind == "assigned")
            #expect(event.title == W.nl("event.assigned", ["old": "Sofie Peeters", "new": "Lotte Wouters"]))
            #expect(event.detail == "Gent → Antwerpen")
            #expect(event.meta == W.nl("details.by", ["name": "Pieter Van Damme"]))
            #expect(event.time == W.f.dateTime(app.clock.now))

            // Lotte: the counter in the top bar and the notification on /notifications.
            let lotte = try app.signIn("lotte")
            let list = HTMLDocument(try app.get("/notifications", as: lotte))
            #expect(list.first("a", class: "bell")?.first("span", class: "count")?.text == String(unseenBefore + 1))
            let item = try #require(list.first("ul", class: "notifications")?.all("li").first)
            #expect(item.text.contains(W.nl("notification.assigned", ["actor": "Pieter Van Damme", "detail": code])))
            #expect(item.first("a")?["href"] == "/leads/\(lead)")
            let seen = try #require(item.first("form"))
            #expect(try app.post(seen["action"] ?? "", as: lotte, form: [("back", "notifications")]).location == "/notifications")
            let after = HTMLDocument(try app.get("/leads", as: lotte)).first("a", class: "bell")?.first("span", class: "count")?.text
            #expect(after == (unseenBefore == 0 ? nil : String(unseenBefore)))
            // The lead has left sofie's scope.
            #expect(try app.get("/leads/\(lead)", as: sofie).status == .notFound)
        }

        enum BadAssign: String, CaseIterable, Sendable, CustomTestStringConvertible {
            case unknownUser, inactiveUser, userNotInBranch, unchanged, unknownBranch, missingResponsible
            var testDescription: String { rawValue }
            var field: String { self == .unknownBranch ? "branch" : "responsible" }
            var key: String {
                switch self {
                case .unknownUser, .inactiveUser: return "assign.unknown_user"
                case .userNotInBranch: return "assign.not_in_branch"
                case .unchanged: return "assign.unchanged"
                case .unknownBranch, .missingResponsible: return "form.invalid_choice"
                }
            }
        }

        @Test(arguments: BadAssign.allCases)
        func refusedAssignmentsChangeNothing(_ bad: BadAssign) throws {
            let app = try TestApp()
            let sofie = try app.signIn("sofie")
            let lead = try W.newLead(app, as: sofie, last: "Desmet")
            if bad == .inactiveUser { try app.database.write { db in try db.execute(sql: "UPDATE users SET active = 0 WHERE username = 'jan'") } }
            let pieter = try app.signIn("pieter")
            let (responsible, branch): (String, String)
            switch bad {
            case .unknownUser: (responsible, branch) = ("999999", "1")
            case .inactiveUser: (responsible, branch) = (String(try app.userID("jan")), "1")
            case .userNotInBranch: (responsible, branch) = (String(try app.userID("lotte")), "1")
            case .unchanged: (responsible, branch) = (String(try app.userID("sofie")), "1")
            case .unknownBranch: (responsible, branch) = (String(try app.userID("sofie")), "99")
            case .missingResponsible: (responsible, branch) = ("", "1")
            }
            let before = try LeadActionScopeTests.fingerprint(app)
            let answer = try app.post("/leads/\(lead)/assign", as: pieter, form: [
                ("responsible", responsible), ("branch", branch), ("version", "1"), ("loaded_at", String(app.clock.now.seconds)),
            ])
            #expect(answer.status == .unprocessable)
            #expect(HTMLDocument(answer).fieldError(bad.field) == W.nl(bad.key))
            #expect(try LeadActionScopeTests.fingerprint(app) == before, "nothing changed")
        }

        @Test func aStaleVersionIsAConflictThatListsWhatChanged() throws {
            let app = try TestApp()
            let sofie = try app.signIn("sofie")
            let lead = try W.newLead(app, as: sofie, last: "Desmet")
            app.clock.advance(seconds: 60)
            let pieter = try app.signIn("pieter")
            let form = try #require(HTMLDocument(try app.get("/leads/\(lead)/assign", as: pieter)).postForm("/leads/\(lead)/assign"))
            // Meanwhile the admin gives it to jan.
            app.clock.advance(seconds: 60)
            let admin = try app.signIn("admin")
            #expect(try W.assign(app, as: admin, lead: lead, to: try app.userID("jan"), branch: 1).status == .seeOther)
            app.clock.advance(seconds: 60)
            let stale = try app.post("/leads/\(lead)/assign", as: pieter, form: W.apply(["responsible": String(try app.userID("lotte")), "branch": "2"],
                                                                                      to: form.fields.filter { $0.0 != "_csrf" }))
            #expect(stale.status == .conflict)
            let page = HTMLDocument(stale)
            let alert = try #require(page.all("div", class: "alert").first { $0["role"] == "alert" })
            #expect(alert.text.contains(W.nl("conflict.lead")))
            let changes = alert.all("li", class: "event").map(LeadView.event)
            #expect(changes.map(\.kind) == ["assigned"])
            #expect(changes.first?.title == W.nl("event.assigned", ["old": "Sofie Peeters", "new": "Jan Claes"]))
            #expect(changes.first?.meta == W.nl("details.by", ["name": "Annelies Admin"]))
            #expect(try app.int("SELECT responsible_id FROM leads WHERE id = ?", [lead]) == app.userID("jan"))
            // The page carries the current version and keeps pieter's choice: saving again works.
            let again = try #require(page.postForm("/leads/\(lead)/assign"))
            #expect(again.value("version") == "2")
            #expect(again.value("responsible") == String(try app.userID("lotte")))
            #expect(try app.post("/leads/\(lead)/assign", as: pieter, form: again.fields.filter { $0.0 != "_csrf" }).status == .seeOther)
            #expect(try app.int("SELECT responsible_id FROM leads WHERE id = ?", [lead]) == app.userID("lotte"))
        }

        @Test func withoutLeadsAssignIsForbidden() throws {
            let app = try TestApp()
            let sofie = try app.signIn("sofie")
            let lead = try W.newLead(app, as: sofie, last: "Desmet")
            #expect(try app.get("/leads/\(lead)/assign", as: sofie).status == .forbidden)
            #expect(try W.assign(app, as: sofie, lead: lead, to: try app.userID("jan"), branch: 1).status == .forbidden)
            #expect(try app.int("SELECT responsible_id FROM leads WHERE id = ?", [lead]) == app.userID("sofie"))
            #expect(!(try app.get("/leads/\(lead)", as: sofie).html.contains("/leads/\(lead)/assign")), "no Toewijzen button")
        }
    }

    // MARK: Status

    @Suite("Status")
    struct Status {
        @Test func wonLostAndInProgressColourTheHeaderAndTheButton() throws {
            let app = try TestApp()
            let sofie = try app.signIn("sofie")
            let lead = try W.newLead(app, as: sofie, last: "Desmet")
            var view = LeadView(try app.get("/leads/\(lead)", as: sofie))
            #expect(view.headColour == "in-progress")
            #expect(view.buttonColour == "in-progress")
            #expect(view.statusButtonIsLink)
            let form = HTMLDocument(try app.get("/leads/\(lead)/status", as: sofie))
            #expect(form.options("lost_reason").map(\.1).contains("Te duur"))
            #expect(Set(form.all("input").filter { $0["name"] == "status" }.compactMap { $0["value"] }) == ["in-progress", "won", "lost"])

            // Lost needs a reason from the list.
            let noReason = try W.setStatus(app, as: sofie, lead: lead, "lost")
            #expect(noReason.status == .unprocessable)
            #expect(HTMLDocument(noReason).fieldError("lost_reason") == W.nl("status.reason_required"))
            let unknownReason = try W.setStatus(app, as: sofie, lead: lead, "lost", reason: "999")
            #expect(unknownReason.status == .unprocessable)
            #expect(HTMLDocument(unknownReason).fieldError("lost_reason") == W.nl("status.reason_required"))
            #expect(try app.int("SELECT status FROM leads WHERE id = ?", [lead]) == 0)

            app.clock.advance(seconds: 60)
            #expect(try W.setStatus(app, as: sofie, lead: lead, "lost", reason: "1").location == "/leads/\(lead)")
            view = LeadView(try app.get("/leads/\(lead)", as: sofie))
            #expect(view.headColour == "lost")
            #expect(view.buttonColour == "lost")
            #expect(!view.statusButtonIsLink, "sofie may not reopen it")
            #expect(view.doc.all("p", class: "alert").contains { $0.text == W.nl("status.lost_because", ["reason": "Te duur"]) })
            #expect(view.deadlineValue == W.nl("countdown.closed"))
            let event = try #require(view.events.first)
            #expect(event.kind == "status")
            #expect(event.title == W.nl("event.status", ["old": W.nl("status.in_progress"), "new": W.nl("status.lost")]))
            #expect(event.detail == "Te duur")
            #expect(try app.int("SELECT closed_at FROM leads WHERE id = ?", [lead]) == app.clock.now.seconds)

            // Reopening needs leads.reopen: not sofie, her manager yes.
            #expect(try W.setStatus(app, as: sofie, lead: lead, "in-progress").status == .forbidden)
            #expect(try app.get("/leads/\(lead)/status", as: sofie).status == .ok, "the form itself is only leads.status")
            #expect(try app.int("SELECT status FROM leads WHERE id = ?", [lead]) == 2)
            let pieter = try app.signIn("pieter")
            #expect(try W.setStatus(app, as: pieter, lead: lead, "in-progress").status == .seeOther)
            view = LeadView(try app.get("/leads/\(lead)", as: pieter))
            #expect(view.headColour == "in-progress")
            #expect(view.buttonColour == "in-progress")
            #expect(view.deadlineNote != nil, "reopening starts the clock again")
            #expect(try app.int("SELECT closed_at IS NULL AND lost_reason_id IS NULL FROM leads WHERE id = ?", [lead]) == 1)

            #expect(try W.setStatus(app, as: pieter, lead: lead, "won").status == .seeOther)
            view = LeadView(try app.get("/leads/\(lead)", as: pieter))
            #expect(view.headColour == "won")
            #expect(view.buttonColour == "won")
            #expect(view.statusButtonIsLink, "pieter may reopen")
            #expect(view.deadlineValue == W.nl("countdown.closed"))
            #expect(view.events.prefix(3).map(\.kind) == ["status", "status", "status"])
        }

        @Test func aStaleVersionIsAConflictThatListsWhatChanged() throws {
            let app = try TestApp()
            let sofie = try app.signIn("sofie")
            let lead = try W.newLead(app, as: sofie, last: "Desmet")
            app.clock.advance(seconds: 60)
            let admin = try app.signIn("admin")
            let form = try #require(HTMLDocument(try app.get("/leads/\(lead)/status", as: admin)).postForm("/leads/\(lead)/status"))
            app.clock.advance(seconds: 60)
            let pieter = try app.signIn("pieter")
            #expect(try W.setStatus(app, as: pieter, lead: lead, "lost", reason: "2").status == .seeOther)
            let stale = try app.post("/leads/\(lead)/status", as: admin, form: W.apply(["status": "won"], to: form.fields.filter { $0.0 != "_csrf" }))
            #expect(stale.status == .conflict)
            let alert = try #require(HTMLDocument(stale).all("div", class: "alert").first { $0["role"] == "alert" })
            #expect(alert.text.contains(W.nl("conflict.lead")))
            let changes = alert.all("li", class: "event").map(LeadView.event)
            #expect(changes.map(\.kind) == ["status"])
            #expect(changes.first?.title == W.nl("event.status", ["old": W.nl("status.in_progress"), "new": W.nl("status.lost")]))
            #expect(changes.first?.meta == W.nl("details.by", ["name": "Pieter Van Damme"]))
            #expect(try app.int("SELECT status FROM leads WHERE id = ?", [lead]) == 2)
            #expect(throws: StoreError.conflict) {
                try app.database.setStatus(leadID: lead, to: .won, lostReason: nil, version: 1, by: seeing(.all, as: try app.userID("admin")), now: app.clock.now)
            }
        }
    }

    // MARK: Contacts tab

    @Suite("Contacts tab")
    struct ContactsTab {
        @Test func editingDetailsIsLoggedWithFieldNamesForPeople() throws {
            let app = try TestApp()
            let sofie = try app.signIn("sofie")
            let lead = try W.newLead(app, as: sofie, last: "Desmet", first: "An", email: "an.desmet@example.be")
            let contact = try #require(try app.int("SELECT contact_id FROM leads WHERE id = ?", [lead]))
            let tab = HTMLDocument(try app.get("/leads/\(lead)/contacts", as: sofie))
            #expect(tab.all("a").contains { $0["href"] == "/contacts/\(contact)?lead=\(lead)" })
            let form = try #require(HTMLDocument(try app.get("/contacts/\(contact)?lead=\(lead)", as: sofie)).postForm("/contacts/\(contact)"))
            #expect(form.value("lead") == String(lead))
            app.clock.advance(seconds: 60)
            let saved = try app.post("/contacts/\(contact)", as: sofie, form: W.apply(["email": "an@desmet.be", "city": "Brugge"], to: form.fields.filter { $0.0 != "_csrf" }))
            #expect(saved.location == "/leads/\(lead)/contacts")
            #expect(try app.get("/leads/\(lead)/contacts", as: sofie).html.contains("an@desmet.be"))

            let event = try #require(LeadView(try app.get("/leads/\(lead)", as: sofie)).events.first)
            #expect(event.kind == "contact_changed")
            #expect(event.title == W.nl("event.contact_changed"))
            let lines = event.detail.split(separator: "\n").map(String.init)
            #expect(Set(lines) == [W.nl("field.email") + ": an.desmet@example.be → an@desmet.be", W.nl("field.city") + ": Gent → Brugge"])
            #expect(event.links.contains("/contacts/\(contact)"))
            #expect(try W.lastActivity(app, lead) == app.clock.now.seconds)
            // The search index follows the new address.
            #expect(HTMLDocument(try app.get("/leads?q=an%40desmet.be", as: sofie)).overviewRows.map(\.id) == [lead])
        }

        @Test func aStaleEditShowsBothValuesAndOverwritesNothing() throws {
            let app = try TestApp()
            let sofie = try app.signIn("sofie")
            let lead = try W.newLead(app, as: sofie, last: "Desmet", first: "An")
            let contact = try #require(try app.int("SELECT contact_id FROM leads WHERE id = ?", [lead]))
            let form = try #require(HTMLDocument(try app.get("/contacts/\(contact)?lead=\(lead)", as: sofie)).postForm("/contacts/\(contact)"))
            let fields = form.fields.filter { $0.0 != "_csrf" }
            let pieter = try app.signIn("pieter")
            #expect(try app.post("/contacts/\(contact)", as: pieter, form: W.apply(["city": "Brugge"], to: fields)).status == .seeOther)

            let stale = try app.post("/contacts/\(contact)", as: sofie, form: W.apply(["city": "Leuven"], to: fields))
            #expect(stale.status == .conflict)
            let page = HTMLDocument(stale)
            let alert = try #require(page.all("div", class: "alert").first)
            #expect(alert.text.contains(W.nl("conflict.contact")))
            let diff = try #require(alert.first("dl", class: "diff")).all("div").map(\.text)
            #expect(diff == [W.nl("contact.city") + " " + W.nl("conflict.theirs") + ": Brugge · " + W.nl("conflict.yours") + ": Leuven"])
            #expect(try app.string("SELECT city FROM contacts WHERE id = ?", [contact]) == "Brugge")
            let again = try #require(page.postForm("/contacts/\(contact)"))
            #expect(again.value("city") == "Leuven")
            #expect(again.value("version") == "2")
        }

        @Test func linkAnExistingAndANewContact() throws {
            let app = try TestApp()
            let sofie = try app.signIn("sofie")
            let lead = try W.newLead(app, as: sofie, last: "Desmet", first: "An")
            let other = try W.newLead(app, as: sofie, last: "Coppens", first: "Bert")
            let bert = try #require(try app.int("SELECT contact_id FROM leads WHERE id = ?", [other]))
            let main = try #require(try app.int("SELECT contact_id FROM leads WHERE id = ?", [lead]))

            // Find Bert from the tab and link him as co-buyer.
            let found = HTMLDocument(try app.get("/leads/\(lead)/contacts?q=Coppens", as: sofie))
            let pick = try #require(found.first("ul", class: "matches")?.all("form").map(FormElement.init).first { $0.value("contact_id") == String(bert) })
            app.clock.advance(seconds: 60)
            #expect(try app.post("/leads/\(lead)/contacts", as: sofie, form: pick.fields.filter { $0.0 != "_csrf" }).location == "/leads/\(lead)/contacts")
            var cards = HTMLDocument(try app.get("/leads/\(lead)/contacts", as: sofie)).all("section", class: "contact")
            #expect(cards.map { $0.first("h3")?.text ?? "" } == ["An Desmet", "Bert Coppens"])
            #expect(cards.last?.first("p", class: "role")?.text.hasPrefix(W.nl("contacts.role.co-buyer")) == true)
            let event = try #require(LeadView(try app.get("/leads/\(lead)", as: sofie)).events.first)
            #expect(event.kind == "contact_linked")
            #expect(event.detail == "Bert Coppens")
            #expect(try W.lastActivity(app, lead) == app.clock.now.seconds)

            // Twice, or the main contact: refused.
            for id in [bert, main] {
                let again = try app.post("/leads/\(lead)/contacts", as: sofie, form: [("contact_id", String(id)), ("role", "co-buyer")])
                #expect(again.status == .unprocessable)
                #expect(HTMLDocument(again).all("p", class: "alert").contains { $0.text == W.nl("contacts.already_linked") })
            }
            #expect(try app.int("SELECT count(*) FROM lead_contacts WHERE lead_id = ?", [lead]) == 1)

            // A new contact person, made on the spot; bad details are shown beside the fields.
            let bad = try app.post("/leads/\(lead)/contacts", as: sofie, form: [("role", "contact-person")]
                                   + W.contact(last: "Claeys", first: "Ine", email: "", phone: "", prefix: "new_"))
            #expect(bad.status == .unprocessable)
            #expect(HTMLDocument(bad).fieldError("new_email") == W.nl("contact.email_or_phone"))
            #expect(HTMLDocument(bad).all("input").first { $0["name"] == "new_last_name" }?["value"] == "Claeys", "what was typed stays")
            #expect(bad.html.contains("<details open>"), "the new-contact form stays open")
            let contactsBefore = try #require(try app.int("SELECT count(*) FROM contacts"))
            let made = try app.post("/leads/\(lead)/contacts", as: sofie, form: [("role", "contact-person")]
                                    + W.contact(last: "Claeys", first: "Ine", phone: "0470 00 00 21", prefix: "new_"))
            #expect(made.location == "/leads/\(lead)/contacts")
            #expect(try app.int("SELECT count(*) FROM contacts") == contactsBefore + 1)
            cards = HTMLDocument(try app.get("/leads/\(lead)/contacts", as: sofie)).all("section", class: "contact")
            #expect(cards.count == 3)
            #expect(cards.contains { $0.first("h3")?.text == "Ine Claeys" && $0.first("p", class: "role")?.text.hasPrefix(W.nl("contacts.role.contact-person")) == true })
        }
    }

    // MARK: Settings

    @Suite("Settings")
    struct Settings {
        enum List: String, CaseIterable, Sendable, CustomTestStringConvertible {
            case types = "lead_types", sources = "lead_sources", lostReasons = "lost_reasons"
            var testDescription: String { rawValue }
        }

        /// Where a list's items are offered, and the page that offers them.
        static func offered(_ list: List, _ app: TestApp, _ session: Session, lead: Int64) throws -> [(String, String)] {
            switch list {
            case .types: return HTMLDocument(try app.get("/leads/new", as: session)).options("type")
            case .sources: return HTMLDocument(try app.get("/leads/new", as: session)).options("source")
            case .lostReasons: return HTMLDocument(try app.get("/leads/\(lead)/status", as: session)).options("lost_reason")
            }
        }

        /// Uses item `id` on a lead: a new lead of that type/source, or losing `lead` for it.
        static func use(_ list: List, id: Int64, _ app: TestApp, _ session: Session, lead: Int64) throws -> Response {
            switch list {
            case .types: return try app.post("/leads/new", as: session, form: W.contact(last: "Desmet") + (try W.lead(app, type: id)) + [("confirm_new", "1")])
            case .sources: return try app.post("/leads/new", as: session, form: W.contact(last: "Desmet") + (try W.lead(app, source: id)) + [("confirm_new", "1")])
            case .lostReasons: return try W.setStatus(app, as: session, lead: lead, "lost", reason: String(id))
            }
        }

        @Test(arguments: List.allCases)
        func addRenameAndDeactivate(_ list: List) throws {
            let app = try TestApp()
            let admin = try app.signIn("admin")
            let sofie = try app.signIn("sofie")
            let lead = try W.newLead(app, as: sofie, last: "Desmet")
            let l = list.rawValue

            let added = try app.post("/settings/\(l)", as: admin, form: [("\(l)-new-nl", "Beurs Kortrijk"), ("\(l)-new-fr", "Salon Courtrai"), ("\(l)-new-en", "")])
            #expect(added.location == "/settings?done=saved")
            let id = try #require(try app.int("SELECT max(id) FROM \(l)"))
            #expect(try app.string("SELECT name_nl || '|' || name_fr || '|' || active FROM \(l) WHERE id = ?", [id]) == "Beurs Kortrijk|Salon Courtrai|1")
            #expect(HTMLDocument(try app.get("/settings", as: admin)).postForm("/settings/\(l)/\(id)")?.value("\(l)-\(id)-nl") == "Beurs Kortrijk")
            #expect(try Self.offered(list, app, sofie, lead: lead).contains { $0 == (String(id), "Beurs Kortrijk") })

            // In use on a lead…
            let used = try Self.use(list, id: id, app, sofie, lead: lead)
            #expect(used.status == .seeOther)
            let usedLead = list == .lostReasons ? lead : try W.id(used, after: "/leads/")
            // …renamed: the lead shows the new name…
            #expect(try app.post("/settings/\(l)/\(id)", as: admin, form: [("\(l)-\(id)-nl", "Beurs Gent"), ("\(l)-\(id)-fr", "Salon Gand"), ("\(l)-\(id)-en", ""), ("active", "1")])
                .location == "/settings?done=saved")
            #expect(try app.get("/leads/\(usedLead)", as: sofie).html.contains("Beurs Gent"))
            // …deactivated: no longer offered, never deleted, the lead keeps its label.
            #expect(try app.post("/settings/\(l)/\(id)", as: admin, form: [("\(l)-\(id)-nl", "Beurs Gent"), ("\(l)-\(id)-fr", ""), ("\(l)-\(id)-en", ""), ("active", "0")])
                .status == .seeOther)
            #expect(try app.int("SELECT active FROM \(l) WHERE id = ?", [id]) == 0)
            let otherLead = try W.newLead(app, as: sofie, last: "Peeters")
            #expect(!(try Self.offered(list, app, sofie, lead: otherLead).contains { $0.0 == String(id) }))
            let page = try app.get("/leads/\(usedLead)", as: sofie)
            #expect(page.html.contains("Beurs Gent"))
            if list != .lostReasons {
                let fact = LeadView(page).facts[W.nl(list == .types ? "lead.type" : "lead.source")]
                #expect(fact == "Beurs Gent")
                // The overview can still filter on it, for the leads that carry it.
                #expect(HTMLDocument(try app.get("/leads", as: sofie)).options(list == .types ? "type" : "source").contains { $0.0 == String(id) })
            }
            // Choosing it now is refused.
            let refused = try Self.use(list, id: id, app, sofie, lead: otherLead)
            #expect(refused.status == .unprocessable)
            let field = list == .types ? "type" : list == .sources ? "source" : "lost_reason"
            #expect(HTMLDocument(refused).fieldError(field) != nil)
            #expect(HTMLDocument(try app.get("/settings", as: admin)).all("form", class: "inactive").contains { $0["action"] == "/settings/\(l)/\(id)" })
        }

        @Test(arguments: ["0", "721", "abc", "", "-5", "24.5", "99999999999999999999"])
        func deadlineHoursOutOfRangeAreRefused(_ hours: String) throws {
            let app = try TestApp()
            let admin = try app.signIn("admin")
            let answer = try app.post("/settings/deadline", as: admin, form: [("hours", hours)])
            #expect(answer.status == .unprocessable)
            let page = HTMLDocument(answer)
            #expect(page.fieldError("hours") == W.nl("settings.hours_range"))
            #expect(page.postForm("/settings/deadline")?.value("hours") == hours)
            #expect(try app.database.deadlineHours() == 24)
        }

        @Test func aNameIsRequiredAndLimited() throws {
            let app = try TestApp()
            let admin = try app.signIn("admin")
            let before = try app.int("SELECT count(*) FROM lead_sources")
            let empty = try app.post("/settings/lead_sources", as: admin, form: [("lead_sources-new-nl", "  "), ("lead_sources-new-fr", "Salon")])
            #expect(empty.status == .unprocessable)
            #expect(HTMLDocument(empty).fieldError("lead_sources-new-nl") == W.nl("form.required"))
            let long = try app.post("/settings/lead_sources", as: admin, form: [("lead_sources-new-nl", String(repeating: "x", count: 101))])
            #expect(long.status == .unprocessable)
            #expect(HTMLDocument(long).fieldError("lead_sources-new-nl") == W.nl("form.too_long"))
            #expect(try app.int("SELECT count(*) FROM lead_sources") == before)
            #expect(try app.post("/settings/colours", as: admin, form: [("colours-new-nl", "Rood")]).status == .notFound)
            #expect(try app.post("/settings/lead_sources/999", as: admin, form: [("lead_sources-999-nl", "X"), ("active", "1")]).status == .notFound)
        }

        @Test(arguments: ["sofie", "pieter"])
        func onlyAdminsManageSettings(_ username: String) throws {
            let app = try TestApp()
            let session = try app.signIn(username)
            let before = try app.string("SELECT (SELECT group_concat(name_nl || active) FROM lead_sources) || (SELECT value FROM settings WHERE key = 'opportunity_deadline_hours')")
            #expect(try app.get("/settings", as: session).status == .forbidden)
            #expect(try app.post("/settings/deadline", as: session, form: [("hours", "48")]).status == .forbidden)
            #expect(try app.post("/settings/lead_sources", as: session, form: [("lead_sources-new-nl", "Beurs")]).status == .forbidden)
            #expect(try app.post("/settings/lead_sources/1", as: session, form: [("lead_sources-1-nl", "Web"), ("active", "0")]).status == .forbidden)
            #expect(try app.string("SELECT (SELECT group_concat(name_nl || active) FROM lead_sources) || (SELECT value FROM settings WHERE key = 'opportunity_deadline_hours')") == before)
            #expect(!HTMLDocument(try app.get("/leads", as: session)).navLinks.contains("/settings"))
        }
    }

    // MARK: Overview

    @Suite("Leads overview")
    struct Overview {
        enum Filter: String, CaseIterable, Sendable, CustomTestStringConvertible {
            case responsible, branch, type, source, period, overdue, combined
            var testDescription: String { rawValue }
            func query(_ app: TestApp) throws -> String {
                switch self {
                case .responsible: return "responsible=\(try app.userID("jan"))"
                case .branch: return "branch=2"
                case .type: return "type=3"
                case .source: return "source=5"
                case .period: return "from=2026-01-01&to=2026-03-31"
                case .overdue: return "overdue=1"
                case .combined: return "branch=1&type=2&status=in-progress"
                }
            }
            func condition(_ app: TestApp) throws -> String {
                switch self {
                case .responsible: return "responsible_id = \(try app.userID("jan"))"
                case .branch: return "branch_id = 2"
                case .type: return "type_id = 3"
                case .source: return "source_id = 5"
                case .period:
                    let from = BrusselsTime.parseHTMLLocal("2026-01-01T00:00")!.seconds, to = BrusselsTime.parseHTMLLocal("2026-04-01T00:00")!.seconds
                    return "created_at >= \(from) AND created_at < \(to)"
                case .overdue: return "status = 0 AND next_deadline_at <= \(fixedNow.seconds)"
                case .combined: return "branch_id = 1 AND type_id = 2 AND status = 0"
                }
            }
        }

        @Test(arguments: Filter.allCases)
        func filtersSelectExactlyTheirLeads(_ filter: Filter) throws {
            let app = try Shared.app.get()
            let admin = try Shared.session("admin")
            let q = try filter.query(app)
            let rows = try app.allOverviewRows(admin, start: "/leads?" + q)
            let expected = Set(try app.ints("SELECT id FROM leads WHERE " + filter.condition(app)))
            #expect(!expected.isEmpty)
            #expect(Set(rows.map(\.id)) == expected)
            #expect(rows.count == expected.count, "no lead twice across pages")
            if filter == .overdue { #expect(rows.allSatisfy { $0.classes.contains("is-overdue") }) }
            // The filter form shows the chosen values.
            let page = HTMLDocument(try app.get("/leads?" + q, as: admin))
            for pair in q.split(separator: "&") {
                let parts = pair.split(separator: "=").map(String.init)
                guard parts[0] != "status" else { continue }
                let control = page.all("select").first { $0["name"] == parts[0] }.flatMap { $0.all("option").first { $0.has("selected") }?["value"] }
                    ?? page.all("input").first { $0["name"] == parts[0] && ($0["type"] != "checkbox" || $0.has("checked")) }?["value"]
                #expect(control == parts[1], "\(parts[0]) kept")
            }
            // The pager keeps the filter.
            if let next = page.nextPageLink { #expect(next.contains(q.split(separator: "&").first.map(String.init) ?? "")) }
        }

        @Test func filtersStayWithinTheScope() throws {
            let app = try Shared.app.get()
            let sofie = try Shared.session("sofie")
            #expect(try app.allOverviewRows(sofie, start: "/leads?branch=3").isEmpty)
            let jan = try app.userID("jan")
            #expect(try app.allOverviewRows(sofie, start: "/leads?responsible=\(jan)").isEmpty)
            let own = try app.allOverviewRows(sofie, start: "/leads?overdue=1")
            #expect(Set(own.map(\.id)) == Set(try app.ints("SELECT id FROM leads WHERE responsible_id = ? AND branch_id = 1 AND status = 0 AND next_deadline_at <= ?",
                                                           [try app.userID("sofie"), fixedNow.seconds])))
        }

        enum Search: String, CaseIterable, Sendable, CustomTestStringConvertible {
            case name, email, phoneNational, phoneInternational, phoneWritten, codePrefix
            var testDescription: String { rawValue }
        }

        @Test(arguments: Search.allCases)
        func textSearchFindsTheLead(_ by: Search) throws {
            let app = try Shared.app.get()
            let admin = try Shared.session("admin")
            let row = try #require(try app.database.read { db in
                try Row.fetchOne(db, sql: """
                    SELECT l.id, l.code, c.first_name, c.last_name, c.email, c.phone FROM leads l JOIN contacts c ON c.id = l.contact_id
                    WHERE c.kind = 'person' AND c.email <> '' AND c.phone LIKE '+3247%' ORDER BY l.id DESC LIMIT 1
                    """)
            })
            let id: Int64 = row[0], code: String = row[1], phone: String = row[5]
            let national = "0" + phone.dropFirst(3)
            let q: String
            switch by {
            case .name: q = (row[2] as String) + " " + (row[3] as String)
            case .email: q = row[4]
            case .phoneNational: q = national
            case .phoneInternational: q = phone
            case .phoneWritten: q = national.prefix(4) + "/" + national.dropFirst(4).prefix(2) + "." + national.dropFirst(6).prefix(2) + "." + national.dropFirst(8)
            case .codePrefix: q = String(code.prefix(code.count - 2))
            }
            let rows = try app.allOverviewRows(admin, start: "/leads?q=" + encodeFormComponent(q))
            #expect(rows.contains { $0.id == id }, "\(by) \(q)")
            if by == .codePrefix { #expect(rows.allSatisfy { $0.code.hasPrefix(q) } && rows.count <= 100) }
            if by == .email || by == .phoneNational { #expect(rows.count < 5, "a precise search finds few leads") }
            // The search field keeps what was typed.
            #expect(HTMLDocument(try app.get("/leads?q=" + encodeFormComponent(q), as: admin)).all("input").first { $0["name"] == "q" }?["value"] == q)
        }

        /// Belgians write mobile numbers in groups: "0475 12 34 56".
        @Test func phoneNumberTypedInGroupsIsFound() throws {
            let app = try Shared.app.get()
            let admin = try Shared.session("admin")
            let row = try #require(try app.database.read { db in
                try Row.fetchOne(db, sql: "SELECT l.id, c.phone FROM leads l JOIN contacts c ON c.id = l.contact_id WHERE c.phone LIKE '+3247%' ORDER BY l.id DESC LIMIT 1")
            })
            let id: Int64 = row[0], phone: String = row[1]
            let national = "0" + phone.dropFirst(3)
            let grouped = national.prefix(4) + " " + national.dropFirst(4).prefix(2) + " " + national.dropFirst(6).prefix(2) + " " + national.dropFirst(8)
            let rows = try app.allOverviewRows(admin, start: "/leads?q=" + encodeFormComponent(String(grouped)))
            let contacts = HTMLDocument(try app.get("/leads/new?q=" + encodeFormComponent(String(grouped)), as: admin))
            do {
                #expect(rows.contains { $0.id == id }, "overview search \(grouped)")
                #expect(!contacts.all("ul", class: "matches").isEmpty, "new-lead contact search \(grouped)")
            }
        }

        @Test func sortLinksAndAriaSort() throws {
            let app = try Shared.app.get()
            let admin = try Shared.session("admin")
            func headings(_ doc: HTMLDocument) -> [Element] { doc.first("table", class: "leads")?.first("thead")?.all("th") ?? [] }
            func heading(_ doc: HTMLDocument, _ key: String) -> Element? { headings(doc).first { $0.text.hasPrefix(W.nl(key)) } }

            let start = HTMLDocument(try app.get("/leads", as: admin))
            #expect(headings(start).filter { $0.has("aria-sort") }.count == 1)
            #expect(heading(start, "leads.col.created")?["aria-sort"] == "descending")
            #expect(heading(start, "leads.col.contact")?.first("a") == nil, "not every column sorts")
            let deadlineLink = try #require(heading(start, "leads.col.deadline")?.first("a")?["href"])
            #expect(deadlineLink == "/leads?sort=deadline")

            let byDeadline = HTMLDocument(try app.get(deadlineLink, as: admin))
            #expect(heading(byDeadline, "leads.col.deadline")?["aria-sort"] == "ascending")
            #expect(heading(byDeadline, "leads.col.created")?.has("aria-sort") == false)
            // Soonest (most overdue) deadline first: the leads that need work lead the list.
            let rows = byDeadline.overviewRows
            let ids = rows.map(\.id)
            let urgentFirst = try app.ints("SELECT id FROM leads ORDER BY next_deadline_at IS NULL, next_deadline_at, id LIMIT ?", [ids.count])
            do {
                #expect(ids == urgentFirst)
                #expect(rows.first?.classes.contains("is-overdue") == true, "the most overdue lead is on top")
            }
            #expect(heading(byDeadline, "leads.col.deadline")?.first("a")?["href"] == "/leads?sort=deadline&dir=desc")

            let activityLink = try #require(heading(start, "leads.col.activity")?.first("a")?["href"])
            let byActivity = HTMLDocument(try app.get(activityLink, as: admin))
            #expect(heading(byActivity, "leads.col.activity")?["aria-sort"] == "descending")
            let activityIDs = byActivity.overviewRows.map(\.id)
            #expect(activityIDs == (try app.ints("SELECT id FROM leads ORDER BY last_activity_at DESC, id DESC LIMIT ?", [activityIDs.count])))
            let ascending = try #require(heading(byActivity, "leads.col.activity")?.first("a")?["href"])
            #expect(ascending.contains("dir=asc"))
            #expect(heading(HTMLDocument(try app.get(ascending, as: admin)), "leads.col.activity")?["aria-sort"] == "ascending")
            // Sorting keeps the filter.
            let filtered = HTMLDocument(try app.get("/leads?branch=2", as: admin))
            #expect(heading(filtered, "leads.col.deadline")?.first("a")?["href"] == "/leads?branch=2&sort=deadline")
        }

        @Test(arguments: ["responsible=abc", "branch=-1", "type=1.5", "source=0", "branch=01", "from=2026-02-30", "to=yesterday",
                          "from=2026-1-1", "sort=name", "status=open", "page=0", "page=abc", "page=100001"])
        func badFilterValuesAreABadRequest(_ query: String) throws {
            let app = try Shared.app.get()
            let admin = try Shared.session("admin")
            let answer = try app.get("/leads?" + query, as: admin)
            #expect(answer.status == .badRequest)
            #expect(HTMLDocument(answer).errorCode == 400)
            #expect(try app.get("/leads/export?" + query, as: admin).status == .badRequest)
            let parts = query.split(separator: "=", maxSplits: 1).map(String.init)
            #expect(throws: HTTPError(.badRequest, reason: .malformed)) {
                _ = try LeadsOverviewPage.filter(from: FormFields(pairs: [(name: parts[0], value: parts[1])]))
            }
        }

        @Test func csvExportIsSafeToOpenInASpreadsheet() throws {
            let app = try TestApp()
            let sofie = try app.signIn("sofie")
            let evil = ["=HYPERLINK(\"http://evil\")", "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3"]
            var evilLeads: [String: Int64] = [:]
            for name in evil { evilLeads[name] = try W.newLead(app, as: sofie, last: name, first: "") }
            let mailLead = try W.newLead(app, as: sofie, last: "Desmet", first: "An", email: "=1+2@example.be")

            let answer = try app.get("/leads/export", as: sofie)
            #expect(answer.status == .ok)
            #expect(answer.header("Content-Type") == "text/csv; charset=utf-8")
            let disposition = try #require(answer.header("Content-Disposition"))
            #expect(disposition == "attachment; filename=\"leads-2026-07-15.csv\"")
            let bytes = answer.bodyBytes
            #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "BOM")
            let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            #expect(text.hasPrefix("\"" + W.nl("leads.col.code") + "\";\"" + W.nl("leads.col.status") + "\";"))
            #expect(text.contains("\r\n"))
            let rows = W.csvRows(text)
            let header = try #require(rows.first)
            #expect(header == ["leads.col.code", "leads.col.status", "leads.col.contact", "contacts.email", "contacts.phone", "leads.col.type", "leads.col.source",
                               "leads.col.responsible", "leads.col.branch", "leads.col.deadline", "leads.col.created", "leads.col.activity",
                               "lead.count.tradeins", "lead.count.testdrives", "lead.count.quotes"].map { W.nl($0) })
            let data = rows.dropFirst()
            #expect(data.allSatisfy { $0.count == header.count })
            // Only sofie's leads.
            let codes = Set(data.map { $0[0] })
            let sofieID = try app.userID("sofie")
            #expect(codes == Set(try app.database.read { db in
                try String.fetchAll(db, sql: "SELECT code FROM leads WHERE responsible_id = ? AND branch_id = 1", arguments: [sofieID])
            }))
            // No cell a spreadsheet would run.
            for row in data {
                for cell in row { #expect(!(cell.first.map { "=+-@\t\r".contains($0) } ?? false), "cell \(cell)") }
            }
            for (name, lead) in evilLeads {
                let code = try #require(try app.string("SELECT code FROM leads WHERE id = ?", [lead]))
                #expect(data.first { $0[0] == code }?[2] == "'" + name)
            }
            let mailCode = try #require(try app.string("SELECT code FROM leads WHERE id = ?", [mailLead]))
            #expect(data.first { $0[0] == mailCode }?[3] == "'=1+2@example.be")
            #expect(text.contains("\"'=HYPERLINK(\"\"http://evil\"\")\""))

            // The export follows the current filter.
            let filtered = W.csvRows(String(decoding: try app.get("/leads/export?q=evil", as: sofie).bodyBytes.dropFirst(3), as: UTF8.self))
            let evilCode = try app.string("SELECT code FROM leads WHERE id = ?", [evilLeads[evil[0]] ?? 0])
            #expect(filtered.dropFirst().map { $0[0] } == [evilCode].compactMap { $0 })
            #expect(HTMLDocument(try app.get("/leads?q=evil", as: sofie)).all("a").contains { $0["href"] == "/leads/export?q=evil" })
        }
    }

    // MARK: Timeline and last activity

    @Suite("Timeline and last activity")
    struct Timeline {
        @Test func everyActionIsOnTheTimelineWithActorAndTimeAndMovesLastActivity() throws {
            let app = try TestApp()
            let sofie = try app.signIn("sofie"), pieter = try app.signIn("pieter"), admin = try app.signIn("admin")
            var lead: Int64 = 0
            var step = 0
            func check(_ kind: String, _ actor: String, _ action: () throws -> Void) throws {
                step += 1
                app.clock.advance(seconds: 600)
                try action()
                let now = app.clock.now
                #expect(try W.lastActivity(app, lead) == now.seconds, "step \(step) \(kind): last activity")
                let view = LeadView(try app.get("/leads/\(lead)", as: admin))
                let event = try #require(view.events.first, "step \(step) \(kind)")
                #expect(event.kind == kind, "step \(step)")
                #expect(event.meta.hasPrefix(W.nl("details.by", ["name": actor])), "step \(step) \(kind): actor")
                #expect(event.time == W.f.dateTime(now), "step \(step) \(kind): time")
                #expect(view.events.count == step, "step \(step): one event per action")
                #expect(view.doc.all("dd").contains { $0.text == W.f.dateTime(now) }, "step \(step): the header's last activity")
            }
            try check("created", "Sofie Peeters") { () throws -> Void in lead = try W.newLead(app, as: sofie, last: "Desmet", first: "An") }
            var comment: Int64 = 0
            try check("comment", "Sofie Peeters") { () throws -> Void in comment = try W.addComment(app, as: sofie, lead: lead, "Gebeld") }
            var task: Int64 = 0
            try check("task_added", "Sofie Peeters") { () throws -> Void in task = try W.addTask(app, as: sofie, lead: lead, assignee: "sofie", in: 3600, "Terugbellen") }
            try check("task_done", "Sofie Peeters") { () throws -> Void in #expect(try app.post("/tasks/\(task)/done", as: sofie, form: [("version", "1")]).status == .seeOther) }
            try check("deadline_added", "Sofie Peeters") { () throws -> Void in
                #expect(try app.post("/leads/\(lead)/deadlines", as: sofie, form: [("kind", "other"), ("due", W.local(app, 7200)), ("note", "")]).status == .seeOther)
            }
            let deadline = try W.firstOpenDeadline(app, lead)
            try check("deadline_changed", "Sofie Peeters") { () throws -> Void in
                #expect(try app.post("/deadlines/\(deadline.id)/move", as: sofie, form: [("version", "1"), ("lead", String(lead)), ("due-\(deadline.id)", W.local(app, 9000)),
                                                                                          ("reason-\(deadline.id)", "Later")]).status == .seeOther)
            }
            try check("deadline_done", "Sofie Peeters") { () throws -> Void in
                #expect(try app.post("/deadlines/\(deadline.id)/done", as: sofie, form: [("version", "2"), ("lead", String(lead)), ("contacted", "1")]).status == .seeOther)
            }
            let contact = try #require(try app.int("SELECT contact_id FROM leads WHERE id = ?", [lead]))
            try check("contact_changed", "Sofie Peeters") { () throws -> Void in
                let form = try #require(HTMLDocument(try app.get("/contacts/\(contact)", as: sofie)).postForm("/contacts/\(contact)"))
                #expect(try app.post("/contacts/\(contact)", as: sofie, form: W.apply(["city": "Brugge"], to: form.fields.filter { $0.0 != "_csrf" })).status == .seeOther)
            }
            try check("contact_linked", "Sofie Peeters") { () throws -> Void in
                #expect(try app.post("/leads/\(lead)/contacts", as: sofie, form: [("role", "co-buyer")] + W.contact(last: "Desmet", first: "Bram", prefix: "new_")).status == .seeOther)
            }
            try check("comment_deleted", "Sofie Peeters") { () throws -> Void in
                #expect(try app.post("/comments/\(comment)/delete", as: sofie, form: []).status == .seeOther)
                step -= 1  // the comment's own entry goes with it
            }
            try check("status", "Pieter Van Damme") { () throws -> Void in #expect(try W.setStatus(app, as: pieter, lead: lead, "won").status == .seeOther) }
            try check("assigned", "Pieter Van Damme") { () throws -> Void in #expect(try W.assign(app, as: pieter, lead: lead, to: try app.userID("jan"), branch: 1).status == .seeOther) }

            // Newest first.
            let times = LeadView(try app.get("/leads/\(lead)", as: admin)).events.map { W.sortKey($0.time) ?? "" }
            #expect(times == times.sorted(by: >))
        }

        @Test func editsMoveTheLastActivity() throws {
            let app = try TestApp()
            let sofie = try app.signIn("sofie")
            let lead = try W.newLead(app, as: sofie, last: "Desmet")
            let comment = try W.addComment(app, as: sofie, lead: lead, "Eerste")
            let task = try W.addTask(app, as: sofie, lead: lead, assignee: "sofie", in: 3600, "Terugbellen")
            app.clock.advance(seconds: 600)
            #expect(try app.post("/comments/\(comment)", as: sofie, form: [("version", "1"), ("body", "Tweede")]).status == .seeOther)
            #expect(try W.lastActivity(app, lead) == app.clock.now.seconds)
            app.clock.advance(seconds: 600)
            #expect(try app.post("/tasks/\(task)", as: sofie, form: [("version", "1"), ("starts_at", W.local(app, 7200)), ("duration", "60"),
                                                                     ("assignee", String(try app.userID("pieter"))), ("description", "Terugbellen")]).status == .seeOther)
            #expect(try W.lastActivity(app, lead) == app.clock.now.seconds)
            // The edit shows its new text on the timeline (as an event of its own; see CommentEdits).
            #expect(LeadView(try app.get("/leads/\(lead)", as: sofie)).events.contains { $0.kind == "comment_edited" && $0.detail == "Tweede" })
        }

        @Test func reassigningOrMovingATaskIsOnTheTimeline() throws {
            let app = try TestApp()
            let sofie = try app.signIn("sofie")
            let lead = try W.newLead(app, as: sofie, last: "Desmet")
            let task = try W.addTask(app, as: sofie, lead: lead, assignee: "sofie", in: 3600, "Terugbellen")
            let before = LeadView(try app.get("/leads/\(lead)", as: sofie)).events.count
            app.clock.advance(seconds: 600)
            #expect(try app.post("/tasks/\(task)", as: sofie, form: [("version", "1"), ("starts_at", W.local(app, 86_400)), ("duration", "60"),
                                                                     ("assignee", String(try app.userID("pieter"))), ("description", "Terugbellen")]).status == .seeOther)
            let events = LeadView(try app.get("/leads/\(lead)", as: sofie)).events
            do {
                #expect(events.count == before + 1)
                #expect(events.first?.time == W.f.dateTime(app.clock.now))
            }
        }

        @Test func theTimelineFilterShowsOnlyComments() throws {
            let app = try TestApp()
            let sofie = try app.signIn("sofie")
            let lead = try W.newLead(app, as: sofie, last: "Desmet")
            let kept = try W.addComment(app, as: sofie, lead: lead, "Eerste opmerking")
            let gone = try W.addComment(app, as: sofie, lead: lead, "Tweede opmerking")
            _ = try W.addTask(app, as: sofie, lead: lead, assignee: "sofie", in: 3600, "Terugbellen")
            #expect(try app.post("/comments/\(gone)/delete", as: sofie, form: []).status == .seeOther)
            _ = kept

            let all = LeadView(try app.get("/leads/\(lead)", as: sofie))
            #expect(Set(all.events.map(\.kind)) == ["created", "comment", "task_added", "comment_deleted"])
            let comments = LeadView(try app.get("/leads/\(lead)?kind=comments", as: sofie))
            #expect(comments.events.map(\.kind) == ["comment_deleted", "comment"])
            #expect(comments.events.last?.detail == "Eerste opmerking")
            #expect(comments.doc.all("select").first { $0["name"] == "kind" }?.all("option").first { $0.has("selected") }?["value"] == "comments")
            let tasks = LeadView(try app.get("/leads/\(lead)?kind=tasks", as: sofie))
            #expect(tasks.events.map(\.kind) == ["task_added"])
            // An unknown filter shows everything rather than failing.
            #expect(LeadView(try app.get("/leads/\(lead)?kind=bogus", as: sofie)).events.count == all.events.count)
        }
    }
}
