import Foundation
import GRDB
@testable import Pages
import Showroom
import Store
import Testing
import Web

/// Insights (issue 13): every figure checked against a count written here in SQL (not the
/// store's query, not the trigger-kept columns), for each filter; every link leads to an
/// overview whose count equals its figure; scopes.
@Suite struct InsightsPageTests {
    /// A demo of 600 leads, a few of whose quotes were accepted (with an order form), so the
    /// revenue figures have something to count.
    static let app: Result<TestApp, any Error> = Result {
        let app = try TestApp(leadCount: 600)
        try app.database.write { db in
            let ids = try Int64.fetchAll(db, sql: """
                SELECT q.id FROM quotes q JOIN leads l ON l.id = q.lead_id
                WHERE q.status = 'sent' AND l.status = 1 AND q.vehicle_id IS NOT NULL AND q.created_at BETWEEN ? AND ?
                GROUP BY q.vehicle_id ORDER BY q.id LIMIT 12
                """, arguments: [start, end - 3 * 86_400])
            for (n, id) in ids.enumerated() {
                let decided = try Int64.fetchOne(db, sql: "SELECT created_at + 86400 FROM quotes WHERE id = ?", arguments: [id])!
                try db.execute(sql: "UPDATE quotes SET status = 'accepted', decided_at = ? WHERE id = ?", arguments: [decided, id])
                let rev = try Int64.fetchOne(db, sql: "SELECT id FROM quote_revisions WHERE quote_id = ? ORDER BY revision DESC LIMIT 1", arguments: [id])!
                try db.execute(sql: """
                    INSERT INTO order_forms (quote_id, revision_id, number, year, seq, signed_place, signed_on, deposit_cents, delivery_by,
                        sale_channel, warranty_months, created_at)
                    VALUES (?, ?, ?, 2026, ?, 'Gent', '2026-01-01', 0, '2026-02-01', 'showroom', 24, ?)
                    """, arguments: [id, rev, "B-2026-\(100_000 + n)", n + 1, decided])
            }
        }
        return app
    }

    static let sessions: Result<[String: Session], any Error> = Result {
        let app = try InsightsPageTests.app.get()
        var out: [String: Session] = [:]
        for name in ["sofie", "pieter", "nathalie", "bram", "admin"] { out[name] = try app.signIn(name) }
        return out
    }

    func session(_ name: String) throws -> Session { try #require(try Self.sessions.get()[name]) }

    /// The period the tests look at: the year before the demo's "now".
    static let from = "2025-07-16", to = "2026-07-15"
    static var start: Int64 { BrusselsTime.instant(from: CivilTime(year: 2025, month: 7, day: 16)).seconds }
    static var end: Int64 { BrusselsTime.instant(from: CivilTime(year: 2026, month: 7, day: 16)).seconds }

    /// The numbers of one figure's table: row label → the column's number.
    func column(_ page: HTMLDocument, table: String, column: Int) throws -> [String: Int] {
        let section = try #require(page.element(id: "insight-" + table), "no table \(table)")
        var out: [String: Int] = [:]
        for row in section.all("tr").dropFirst() {
            let label = try #require(row.first("th")).text
            let cells = row.all("td")
            guard column - 1 < cells.count else { continue }
            out[label] = Int(cells[column - 1].text.replacingOccurrences(of: ".", with: ""))
        }
        return out
    }

    /// (number shown, link) of every linked count on the page.
    func links(_ page: HTMLDocument) -> [(Int, String)] {
        page.all("table", class: "insight-table").flatMap { $0.all("a") }.compactMap { a in
            guard let href = a["href"], href.hasPrefix("/leads") else { return nil }
            // Money cells link too; their number is not a count of leads.
            guard !a.text.contains("€"), let n = Int(a.text.replacingOccurrences(of: ".", with: "")) else { return nil }
            return (n, href)
        }
    }

    func overviewCount(_ app: TestApp, _ href: String, as s: Session) throws -> Int {
        let answer = try app.get(href, as: s)
        #expect(answer.status == .ok, "\(href) answered \(answer.status.code)")
        let p = try #require(HTMLDocument(answer).element(id: "result-count"))
        return try #require(Int(p["data-count"] ?? ""), "no count on \(href)")
    }

    func sql(_ app: TestApp, _ q: String, _ args: StatementArguments = []) throws -> [Int64: Int] {
        try app.database.read { db in
            var out: [Int64: Int] = [:]
            for row in try Row.fetchAll(db, sql: q, arguments: args) { out[(row[0] as Int64?) ?? 0] = row[1] }
            return out
        }
    }

    // MARK: Figures against counts written here

    @Test(arguments: ["", "&branch=1", "&source=3", "&type=2", "&responsible=3", "&branch=2&type=1"])
    func figuresEqualIndependentCounts(extra: String) throws {
        let app = try Self.app.get()
        let admin = try session("admin")
        let answer = try app.get("/insights?from=\(Self.from)&to=\(Self.to)" + extra, as: admin)
        #expect(answer.status == .ok)
        let page = HTMLDocument(answer)
        // The same filter, written independently as SQL over the base tables.
        var cond = "l.created_at >= \(Self.start) AND l.created_at < \(Self.end)"
        var always = "1"
        for part in extra.split(separator: "&") {
            let kv = part.split(separator: "=")
            let column = ["branch": "branch_id", "source": "source_id", "type": "type_id", "responsible": "responsible_id"][String(kv[0])]!
            cond += " AND l.\(column) = \(kv[1])"
            always += " AND l.\(column) = \(kv[1])"
        }
        let names = try sql(app, "SELECT id, 0 FROM lead_sources").keys
        #expect(!names.isEmpty)

        // Totals by status.
        let byStatus = try sql(app, "SELECT status, count(*) FROM leads l WHERE \(cond) GROUP BY status")
        let status = try column(page, table: "status", column: 1)
        #expect(status.values.first == byStatus.values.reduce(0, +))
        #expect(try column(page, table: "status", column: 3).values.first == byStatus[1] ?? 0)
        #expect(try column(page, table: "status", column: 4).values.first == byStatus[2] ?? 0)

        // By source (label → count), compared by the sources' Dutch names.
        let bySource = try app.database.read { db in
            try Row.fetchAll(db, sql: "SELECT s.name_nl, count(*) FROM leads l JOIN lead_sources s ON s.id = l.source_id WHERE \(cond) GROUP BY s.id")
                .reduce(into: [String: Int]()) { $0[$1[0]] = $1[1] }
        }
        #expect(try column(page, table: "source", column: 1) == bySource)
        let byType = try app.database.read { db in
            try Row.fetchAll(db, sql: "SELECT t.name_nl, count(*) FROM leads l JOIN lead_types t ON t.id = l.type_id WHERE \(cond) GROUP BY t.id")
                .reduce(into: [String: Int]()) { $0[$1[0]] = $1[1] }
        }
        #expect(try column(page, table: "type", column: 1) == byType)
        let byResponsible = try app.database.read { db in
            try Row.fetchAll(db, sql: "SELECT u.display_name, count(*) FROM leads l JOIN users u ON u.id = l.responsible_id WHERE \(cond) GROUP BY u.id")
                .reduce(into: [String: Int]()) { $0[$1[0]] = $1[1] }
        }
        #expect(try column(page, table: "responsible", column: 1) == byResponsible)

        // Lost reasons.
        let lost = try app.database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT coalesce(r.name_nl, 'Geen reden opgegeven'), count(*) FROM leads l LEFT JOIN lost_reasons r ON r.id = l.lost_reason_id
                WHERE \(cond) AND l.status = 2 GROUP BY r.id
                """).reduce(into: [String: Int]()) { $0[$1[0]] = $1[1] }
        }
        #expect(try column(page, table: "lost", column: 1) == lost)

        // Time to first contact, from the comments and deadlines themselves.
        let firstContact = """
            (SELECT min(t) FROM (SELECT min(c.created_at) AS t FROM comments c WHERE c.lead_id = l.id
                                 UNION ALL SELECT min(d.done_at) FROM deadlines d WHERE d.lead_id = l.id AND d.contacted = 1
                                 UNION ALL SELECT min(m.sent_at) FROM mails m WHERE m.lead_id = l.id))
            """
        let contact = try column(page, table: "contact", column: 1)
        for (label, limit) in [("Binnen 30 minuten", 1_800), ("Binnen 4 uur", 14_400), ("Binnen 1 dag", 86_400)] {
            let n = try app.int("SELECT count(*) FROM leads l WHERE \(cond) AND \(firstContact) - l.created_at <= \(limit)") ?? -1
            #expect(contact[label] == Int(n), "\(label)")
        }
        #expect(contact["Nog niet gecontacteerd"] == Int(try app.int("SELECT count(*) FROM leads l WHERE \(cond) AND \(firstContact) IS NULL") ?? -1))

        // Quotes sent and accepted, test drives, and the won among them.
        let quotes = try column(page, table: "quotes", column: 1)
        let quotesWon = try column(page, table: "quotes", column: 2)
        let sent = "EXISTS (SELECT 1 FROM quotes q WHERE q.lead_id = l.id AND q.status IN ('sent', 'accepted', 'declined', 'expired'))"
        let accepted = "EXISTS (SELECT 1 FROM quotes q WHERE q.lead_id = l.id AND q.status = 'accepted')"
        let drove = "EXISTS (SELECT 1 FROM testdrives d WHERE d.lead_id = l.id)"
        for (label, c) in [("Offerte verstuurd", sent), ("Offerte aanvaard", accepted), ("Proefrit", drove)] {
            #expect(quotes[label] == Int(try app.int("SELECT count(*) FROM leads l WHERE \(cond) AND \(c)") ?? -1), "\(label)")
            #expect(quotesWon[label] == Int(try app.int("SELECT count(*) FROM leads l WHERE \(cond) AND \(c) AND l.status = 1") ?? -1), "\(label) won")
        }

        // Overdue now: open leads with an open deadline past due (whatever their creation).
        let overdue = try app.database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT u.display_name, count(*) FROM leads l JOIN users u ON u.id = l.responsible_id
                WHERE \(always) AND l.status = 0 AND EXISTS (SELECT 1 FROM deadlines d WHERE d.lead_id = l.id AND d.done_at IS NULL AND d.due_at <= ?)
                GROUP BY u.id
                """, arguments: [fixedNow.seconds]).reduce(into: [String: Int]()) { $0[$1[0]] = $1[1] }
        }
        #expect(try column(page, table: "overdue", column: 1) == overdue)

        // Revenue: the accepted quotes' order-form revisions, summed here.
        let revenueCents = try app.int("""
            SELECT coalesce(sum(r.incl_cents), 0) FROM quotes q JOIN leads l ON l.id = q.lead_id JOIN order_forms o ON o.quote_id = q.id
            JOIN quote_revisions r ON r.id = o.revision_id
            WHERE q.status = 'accepted' AND q.decided_at >= \(Self.start) AND q.decided_at < \(Self.end) AND \(always)
            """) ?? -1
        let shown = try #require(page.element(id: "insight-revenue")).all("tr").dropFirst().compactMap { $0.all("td").last?.text }
            .map { Int64($0.filter(\.isNumber)) ?? 0 }.reduce(0, +)
        #expect(shown == revenueCents)
        if extra.isEmpty { #expect(revenueCents > 0, "the fixture accepted some quotes in the period") }

        // Every linked number leads to an overview counting exactly as many leads.
        let linked = links(page)
        #expect(linked.count > 20)
        for (n, href) in linked where n > 0 || href.contains("status=lost") {
            #expect(try overviewCount(app, href, as: admin) == n, "\(href)")
        }
    }

    @Test func weeksAndMonthsAddUpToThePeriod() throws {
        let app = try Self.app.get()
        for by in ["week", "month"] {
            let page = HTMLDocument(try app.get("/insights?from=\(Self.from)&to=\(Self.to)&by=\(by)", as: try session("admin")))
            let created = try column(page, table: "created", column: 1)
            #expect(created.count == (by == "week" ? 53 : 13))
            #expect(created.values.reduce(0, +) == Int(try app.int("SELECT count(*) FROM leads WHERE created_at >= \(Self.start) AND created_at < \(Self.end)") ?? -1))
        }
    }

    // MARK: Scope

    @Test func aSalespersonSeesOnlyTheirOwnFigures() throws {
        let app = try Self.app.get()
        let sofie = try session("sofie")
        let page = HTMLDocument(try app.get("/insights?from=\(Self.from)&to=\(Self.to)", as: sofie))
        let id = try app.userID("sofie")
        let own = try app.int("SELECT count(*) FROM leads WHERE responsible_id = ? AND created_at >= \(Self.start) AND created_at < \(Self.end)", [id])
        #expect(try column(page, table: "status", column: 1).values.first == Int(own ?? -1))
        #expect(Array(try column(page, table: "responsible", column: 1).keys) == ["Sofie Peeters"])
        #expect(Array(try column(page, table: "branch", column: 1).keys) == ["Gent"])
        // Another branch's or colleague's figures are not found; her own links count right.
        #expect(try app.get("/insights?branch=2", as: sofie).status == .notFound)
        #expect(try app.get("/insights?responsible=\(try app.userID("jan"))", as: sofie).status == .notFound)
        #expect(try app.get("/insights/export/branch?branch=3", as: sofie).status == .notFound)
        for (n, href) in links(page).prefix(15) { #expect(try overviewCount(app, href, as: sofie) == n, "\(href)") }
    }

    @Test func aManagerSeesTheirBranchesOnly() throws {
        let app = try Self.app.get()
        let pieter = try session("pieter")
        let page = HTMLDocument(try app.get("/insights?from=\(Self.from)&to=\(Self.to)", as: pieter))
        let mine = try app.int("SELECT count(*) FROM leads WHERE branch_id IN (1, 2) AND created_at >= \(Self.start) AND created_at < \(Self.end)")
        #expect(try column(page, table: "status", column: 1).values.first == Int(mine ?? -1))
        #expect(Set(try column(page, table: "branch", column: 1).keys) == ["Gent", "Antwerpen"])
        #expect(try app.get("/insights?branch=3", as: pieter).status == .notFound)
        #expect(try app.get("/insights?branch=1", as: pieter).status == .ok)
    }

    @Test func withoutThePermissionItIsForbidden() throws {
        let app = try TestApp(leadCount: 20)
        try app.database.write { db in try db.execute(sql: "DELETE FROM profile_grants WHERE permission = 'insights.view' AND profile_id = 1") }
        let sofie = try app.signIn("sofie")
        #expect(try app.get("/insights", as: sofie).status == .forbidden)
        #expect(!HTMLDocument(try app.get("/leads", as: sofie)).navLinks.contains("/insights"))
        let pieter = try app.signIn("pieter")
        #expect(HTMLDocument(try app.get("/leads", as: pieter)).navLinks.contains("/insights"))
    }

    @Test(arguments: ["from=2026-02-30", "from=2026-07-01&to=2026-06-01", "from=2020-01-01&to=2026-01-01", "by=day", "branch=x", "type=99"])
    func badFiltersAreRefused(query: String) throws {
        let app = try Self.app.get()
        #expect(try app.get("/insights?" + query, as: try session("admin")).status == .badRequest)
    }

    // MARK: Languages, CSV

    @Test(arguments: [("pieter", "nl", "Nieuwe leads per maand"), ("nathalie", "fr", "Nouveaux leads par mois"), ("bram", "en", "New leads per month")])
    func thePageSpeaksEachLanguage(user: String, language: String, heading: String) throws {
        let app = try Self.app.get()
        let answer = try app.get("/insights?from=\(Self.from)&to=\(Self.to)", as: try session(user))
        #expect(answer.status == .ok)
        let page = HTMLDocument(answer)
        #expect(page.language == language)
        #expect(page.element(id: "h-created")?.text == heading)
        #expect(!answer.html.contains(">insights."), "a catalog key shows as itself")
        #expect(answer.html.contains("<svg"))
        // Belgian formats: a period in dd/mm/yyyy.
        #expect(answer.html.contains("16/07/2025"))
    }

    @Test func csvIsSafeAndMatchesTheTable() throws {
        let app = try TestApp(leadCount: 200)
        try app.database.write { db in try db.execute(sql: "UPDATE lost_reasons SET name_nl = '=HYPERLINK(\"http://x\")' WHERE id = 1") }
        let admin = try app.signIn("admin")
        let csv = try app.get("/insights/export/lost?from=2024-07-16&to=2026-07-15", as: admin)
        #expect(csv.status == .ok)
        #expect(csv.header("Content-Type") == "text/csv; charset=utf-8")
        let text = String(decoding: csv.bodyBytes.dropFirst(3), as: UTF8.self)
        #expect(text.contains("\"'=HYPERLINK(\"\"http://x\"\")\""))
        #expect(!text.contains("\";\"=HYPERLINK"))
        let lost = try app.int("SELECT count(*) FROM leads WHERE status = 2 AND lost_reason_id = 1 AND created_at >= ?",
                               [BrusselsTime.instant(from: CivilTime(year: 2024, month: 7, day: 16)).seconds]) ?? -1
        #expect(text.contains("\"'=HYPERLINK(\"\"http://x\"\")\";\"\(lost)\""))
        #expect(try app.get("/insights/export/nothing", as: admin).status == .notFound)
    }
}
