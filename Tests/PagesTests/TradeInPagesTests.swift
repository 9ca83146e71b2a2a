import Foundation
@testable import Pages
import Showroom
import Store
import Testing
import Web

/// Trade-ins in process: the Overname button, the forms (errors beside fields with input
/// kept, CSRF, conflict), the decision for approvers only, foreign branches 404.
@Suite struct TradeInPagesTests {
    static func form(offered: String = "12.500", vin: String = "wvw zzz 1kz aw000 010") -> [(String, String)] {
        [("make", "Volkswagen"), ("model", "Golf"), ("model_version", "2.0 TDI Style"), ("vin", vin), ("plate", "1-abc-123"),
         ("first_registration", "2019-03-01"), ("odometer_km", "98.000"), ("fuel", "diesel"), ("colour", "Zwart"),
         ("condition_notes", "Onderhoudsboekje volledig"), ("damage", "Kras achterbumper"), ("repair_cost", "450"),
         ("outstanding_finance", ""), ("estimated_value", "14.000"), ("offered_price", offered)]
    }

    /// A lead of sofie's in Gent, and one of branch 3 (Brussel).
    static func leads(_ app: TestApp) throws -> (own: Int64, foreign: Int64) {
        let sofie = try app.userID("sofie")
        let own = try #require(try app.int("SELECT id FROM leads WHERE responsible_id = ? AND branch_id = 1 ORDER BY id LIMIT 1", [sofie]))
        let foreign = try #require(try app.int("SELECT id FROM leads WHERE branch_id = 3 ORDER BY id LIMIT 1"))
        return (own, foreign)
    }

    /// Records the standard trade-in on `lead`; returns its id.
    static func record(_ app: TestApp, _ lead: Int64, as session: Session) throws -> Int64 {
        let location = try #require(try app.post("/leads/\(lead)/tradeins", as: session, form: form()).location)
        return try #require(Int64(location.dropFirst("/tradeins/".count).prefix { $0.isNumber }))
    }

    static func errorFields(_ r: Response) -> [String] {
        HTMLDocument(r).all("div", class: "has-error").compactMap { div in
            (div.first("input") ?? div.first("textarea") ?? div.first("select"))?["name"]
        }
    }

    @Test func aSalespersonRecordsATradeInFromTheOvernameButtonAndAManagerApprovesIt() throws {
        let app = try TestApp()
        let sofie = try app.signIn("sofie")
        let (lead, _) = try Self.leads(app)
        let before = try #require(try app.int("SELECT tradein_count FROM leads WHERE id = ?", [lead]))
        let leadPage = try app.get("/leads/\(lead)", as: sofie)
        #expect(HTMLDocument(leadPage).all("a").contains { $0["href"] == "/leads/\(lead)/tradeins/new" })
        let blank = try app.get("/leads/\(lead)/tradeins/new", as: sofie)
        #expect(blank.status == .ok)
        #expect(HTMLDocument(blank).form(action: "/leads/\(lead)/tradeins") != nil)
        let created = try app.post("/leads/\(lead)/tradeins", as: sofie, form: Self.form())
        #expect(created.status == .seeOther)
        let location = try #require(created.location)
        #expect(location.hasSuffix("?done=created"))
        let id = try #require(Int64(location.dropFirst("/tradeins/".count).prefix { $0.isNumber }))
        #expect(try app.string("SELECT vin FROM tradeins WHERE id = ?", [id]) == "WVWZZZ1KZAW000010")
        #expect(try app.string("SELECT plate FROM tradeins WHERE id = ?", [id]) == "1-ABC-123")
        #expect(try app.int("SELECT offered_price_cents FROM tradeins WHERE id = ?", [id]) == 1_250_000)
        #expect(try app.int("SELECT mileage_km FROM tradeins WHERE id = ?", [id]) == 98_000)
        #expect(try app.int("SELECT tradein_count FROM leads WHERE id = ?", [lead]) == before + 1)
        let page = try app.get(location, as: sofie)
        #expect(page.status == .ok)
        #expect(page.html.contains("€ 12.500,00"))
        #expect(page.html.contains("01/03/2019"))
        #expect(page.html.contains("98.000 km"))
        #expect(HTMLDocument(page).form(action: "/tradeins/\(id)/decision") == nil, "a salesperson gets no decision buttons")
        // A salesperson may not decide.
        #expect(try app.post("/tradeins/\(id)/decision", as: sofie, form: [("version", "1"), ("decision", "approve"), ("reason", "")]).status == .forbidden)
        // The manager refuses without a reason: refused beside the field, nothing changes.
        let pieter = try app.signIn("pieter")
        let managerPage = HTMLDocument(try app.get("/tradeins/\(id)", as: pieter))
        #expect(managerPage.form(action: "/tradeins/\(id)/decision") != nil)
        let noReason = try app.post("/tradeins/\(id)/decision", as: pieter, form: [("version", "1"), ("decision", "refuse"), ("reason", "  ")])
        #expect(noReason.status == .unprocessable)
        #expect(Self.errorFields(noReason) == ["reason"])
        #expect(try app.string("SELECT status FROM tradeins WHERE id = ?", [id]) == "proposed")
        let approved = try app.post("/tradeins/\(id)/decision", as: pieter, form: [("version", "1"), ("decision", "approve"), ("reason", "")])
        #expect(approved.status == .seeOther)
        #expect(try app.string("SELECT status FROM tradeins WHERE id = ?", [id]) == "approved")
        // The proposer sees who decided; the Details card and the timeline link to it.
        let seen = try app.get("/tradeins/\(id)", as: sofie)
        #expect(seen.html.contains("Pieter Van Damme"))
        let details = HTMLDocument(try app.get("/leads/\(lead)", as: sofie))
        #expect(details.all("a").filter { $0["href"] == "/tradeins/\(id)" }.count >= 2)
    }

    @Test func aRefusalShowsItsReasonAndAPriceEditSendsAnApprovalBack() throws {
        let app = try TestApp()
        let sofie = try app.signIn("sofie")
        let pieter = try app.signIn("pieter")
        let (lead, _) = try Self.leads(app)
        let a = try Self.record(app, lead, as: sofie)
        let refused = try app.post("/tradeins/\(a)/decision", as: pieter, form: [("version", "1"), ("decision", "refuse"), ("reason", "Te hoog voor de km-stand")])
        #expect(refused.status == .seeOther)
        let page = try app.get("/tradeins/\(a)", as: sofie)
        #expect(page.html.contains("Te hoog voor de km-stand"))
        #expect(page.html.contains("Geweigerd"))
        let b = try Self.record(app, lead, as: sofie)
        _ = try app.post("/tradeins/\(b)/decision", as: pieter, form: [("version", "1"), ("decision", "approve"), ("reason", "")])
        let edit = HTMLDocument(try app.get("/tradeins/\(b)/edit", as: sofie))
        let fields = try #require(edit.form(action: "/tradeins/\(b)")).fields(changing: ["offered_price": "13.000"])
        let saved = try app.post("/tradeins/\(b)", as: sofie, form: fields.filter { $0.0 != "_csrf" })
        #expect(saved.status == .seeOther)
        #expect(saved.location == "/tradeins/\(b)?done=proposed")
        #expect(try app.string("SELECT status FROM tradeins WHERE id = ?", [b]) == "proposed")
    }

    @Test func badInputComesBackBesideItsFieldWithWhatWasTyped() throws {
        let app = try TestApp()
        let sofie = try app.signIn("sofie")
        let (lead, _) = try Self.leads(app)
        let before = try app.int("SELECT count(*) FROM tradeins")
        var bad = Self.form(offered: "twaalf", vin: "WVWZZZ1KZAW0000I0")
        bad = bad.map { $0.0 == "first_registration" ? ($0.0, "2030-01-01") : $0.0 == "make" ? ($0.0, "") : $0 }
        let answer = try app.post("/leads/\(lead)/tradeins", as: sofie, form: bad)
        #expect(answer.status == .unprocessable)
        #expect(Set(Self.errorFields(answer)) == ["make", "vin", "first_registration", "offered_price"])
        let form = try #require(HTMLDocument(answer).form(action: "/leads/\(lead)/tradeins"))
        #expect(form.value("offered_price") == "twaalf")
        #expect(form.value("vin") == "WVWZZZ1KZAW0000I0")
        #expect(HTMLDocument(answer).all("textarea").first { $0["name"] == "damage" }?.text == "Kras achterbumper")
        let tooMuch = try app.post("/leads/\(lead)/tradeins", as: sofie, form: Self.form(offered: "10.000.000,01"))
        #expect(tooMuch.status == .unprocessable)
        #expect(Self.errorFields(tooMuch) == ["offered_price"])
        #expect(try app.int("SELECT count(*) FROM tradeins") == before)
    }

    @Test func withoutCSRFOrPermissionNothingIsWrittenAndForeignTradeInsAreNotFound() throws {
        let app = try TestApp()
        let sofie = try app.signIn("sofie")
        let (lead, foreign) = try Self.leads(app)
        let before = try app.int("SELECT count(*) FROM tradeins")
        #expect(try app.post("/leads/\(lead)/tradeins", as: sofie, form: Self.form(), csrf: .none).status == .forbidden)
        #expect(try app.post("/leads/\(lead)/tradeins", as: sofie, form: Self.form(), csrf: .value("forged")).status == .forbidden)
        // Another branch's lead and trade-in: 404, never 403.
        #expect(try app.get("/leads/\(foreign)/tradeins/new", as: sofie).status == .notFound)
        #expect(try app.post("/leads/\(foreign)/tradeins", as: sofie, form: Self.form()).status == .notFound)
        let foreignTradeIn = try #require(try app.int("SELECT t.id FROM tradeins t JOIN leads l ON l.id = t.lead_id WHERE l.branch_id = 3 LIMIT 1"))
        let pieter = try app.signIn("pieter")
        #expect(try app.get("/tradeins/\(foreignTradeIn)", as: pieter).status == .notFound)
        #expect(try app.get("/tradeins/\(foreignTradeIn)/edit", as: pieter).status == .notFound)
        #expect(try app.post("/tradeins/\(foreignTradeIn)", as: pieter, form: Self.form() + [("version", "1")]).status == .notFound)
        #expect(try app.post("/tradeins/\(foreignTradeIn)/decision", as: pieter, form: [("version", "1"), ("decision", "approve")]).status == .notFound)
        #expect(try app.post("/tradeins/\(foreignTradeIn)/delete", as: pieter, form: [("version", "1")]).status == .notFound)
        #expect(try app.get("/tradeins/99999", as: pieter).status == .notFound)
        // Without tradeins.manage: no button, 403 on the forms.
        let sofieID = try app.userID("sofie")
        try app.database.write { db in
            try db.execute(sql: "INSERT INTO user_overrides (user_id, permission, effect) VALUES (?, 'tradeins.manage', 'deny')", arguments: [sofieID])
        }
        let leadPage = try app.get("/leads/\(lead)", as: sofie)
        #expect(!leadPage.html.contains("/leads/\(lead)/tradeins/new"))
        #expect(try app.get("/leads/\(lead)/tradeins/new", as: sofie).status == .forbidden)
        #expect(try app.post("/leads/\(lead)/tradeins", as: sofie, form: Self.form()).status == .forbidden)
        #expect(try app.int("SELECT count(*) FROM tradeins") == before)
    }

    @Test func aStaleSaveShowsBothVersionsAndKeepsTheInput() throws {
        let app = try TestApp()
        let sofie = try app.signIn("sofie")
        let (lead, _) = try Self.leads(app)
        let id = try Self.record(app, lead, as: sofie)
        let form = try #require(HTMLDocument(try app.get("/tradeins/\(id)/edit", as: sofie)).form(action: "/tradeins/\(id)"))
        let first = try app.post("/tradeins/\(id)", as: sofie, form: form.fields(changing: ["colour": "Wit"]).filter { $0.0 != "_csrf" })
        #expect(first.status == .seeOther)
        let stale = try app.post("/tradeins/\(id)", as: sofie, form: form.fields(changing: ["colour": "Rood"]).filter { $0.0 != "_csrf" })
        #expect(stale.status == .conflict)
        let diff = try #require(HTMLDocument(stale).first("dl", class: "diff")).text
        #expect(diff.contains("Wit") && diff.contains("Rood"))
        #expect(HTMLDocument(stale).form(action: "/tradeins/\(id)")?.value("colour") == "Rood")
        #expect(try app.string("SELECT colour FROM tradeins WHERE id = ?", [id]) == "Wit")
    }

    @Test func deletingAProposedTradeInCountsItOffButOneCreditedOnASentQuoteStays() throws {
        let app = try TestApp()
        let sofie = try app.signIn("sofie")
        let (lead, _) = try Self.leads(app)
        let before = try #require(try app.int("SELECT tradein_count FROM leads WHERE id = ?", [lead]))
        let id = try Self.record(app, lead, as: sofie)
        let deleted = try app.post("/tradeins/\(id)/delete", as: sofie, form: [("version", "1")])
        #expect(deleted.status == .seeOther)
        #expect(try app.int("SELECT tradein_count FROM leads WHERE id = ?", [lead]) == before)
        let approved = try #require(try app.int("SELECT id FROM tradeins WHERE status = 'approved' LIMIT 1"))
        // Credited on a quote version that was sent: it stays.
        try app.database.write { db in
            try db.execute(sql: """
                UPDATE quote_lines SET tradein_id = ? WHERE id = (SELECT ql.id FROM quote_lines ql JOIN quote_revisions r ON r.id = ql.revision_id
                                                               WHERE r.sent_at IS NOT NULL AND ql.kind = 'trade_in_credit' LIMIT 1)
                """, arguments: [approved])
            #expect(db.changesCount == 1)
        }
        let admin = try app.signIn("admin")
        let version = try #require(try app.int("SELECT version FROM tradeins WHERE id = ?", [approved]))
        let kept = try app.post("/tradeins/\(approved)/delete", as: admin, form: [("version", String(version))])
        #expect(kept.status == .unprocessable)
        #expect(try app.int("SELECT count(*) FROM tradeins WHERE id = ?", [approved]) == 1)
    }

    @Test func everyScreenSpeaksThreeLanguages() throws {
        let app = try TestApp()
        let (lead, _) = try Self.leads(app)
        let id = try #require(try app.int("SELECT id FROM tradeins WHERE lead_id IN (SELECT id FROM leads WHERE branch_id = 1) LIMIT 1"))
        for (user, word) in [("pieter", "Overname"), ("nathalie", "Reprise"), ("bram", "Trade-in")] {
            let s = try app.signIn(user)
            if user == "pieter" {
                #expect(try app.get("/leads/\(lead)/tradeins/new", as: s).html.contains("Overname registreren"))
                #expect(try app.get("/tradeins/\(id)", as: s).html.contains(word))
            } else {
                let own = try #require(try app.int("SELECT t.id FROM tradeins t JOIN leads l ON l.id = t.lead_id JOIN user_branches ub ON ub.branch_id = l.branch_id JOIN users u ON u.id = ub.user_id WHERE u.username = ? AND (l.responsible_id = u.id OR ? = 'nathalie') LIMIT 1", [user, user]))
                let page = try app.get("/tradeins/\(own)", as: s)
                #expect(page.status == .ok)
                #expect(page.html.contains(word))
            }
        }
    }
}
