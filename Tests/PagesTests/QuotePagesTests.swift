import Foundation
import GRDB
@testable import Pages
import Showroom
import Store
import Testing
import Web

/// Quotes through the pages, in process: who may do what (403 without the permission, 404
/// outside the lead's scope, CSRF on every POST), bad input refused beside its field with the
/// input kept and nothing written, the money as the page and the PDFs show it, revisions.
@Suite struct QuotePagesTests {
    /// A fresh demo application, Sofie signed in, her first Gent lead and cars of the demo stock.
    struct World {
        let app: TestApp
        var sofie: Session
        /// Sofie's own lead in Gent.
        let lead: Int64
        /// Gent: a new car (normal VAT), a used car under the margin scheme, a sold car.
        let newCar: Int64, marginCar: Int64, soldCar: Int64
        /// Brussel: a car and a lead outside Sofie's and Pieter's branches.
        let brusselCar: Int64, brusselLead: Int64
    }

    static func world() throws -> World {
        let app = try TestApp()
        func car(_ condition: String) throws -> Int64 {
            guard let id = try app.int("SELECT id FROM vehicles WHERE \(condition) ORDER BY id LIMIT 1") else { throw TestFailure("no demo car where \(condition)") }
            return id
        }
        return World(app: app, sofie: try app.signIn("sofie"), lead: try app.leadID(.sofiesOwn),
                     newCar: try car("branch_id = 1 AND status = 'available' AND condition = 'new' AND vat_regime = 'normal'"),
                     marginCar: try car("branch_id = 1 AND status = 'available' AND vat_regime = 'margin'"),
                     soldCar: try car("branch_id = 1 AND status = 'sold'"),
                     brusselCar: try car("branch_id = 3 AND status = 'available'"), brusselLead: try app.leadID(.branch3))
    }

    /// What a refused request must leave as it was: quotes, revisions, lines, order forms, the
    /// quote events on timelines, the number sequences, reserved cars, every quote's version.
    static func snapshot(_ app: TestApp) throws -> [String] {
        try [
            "SELECT count(*) FROM quotes", "SELECT count(*) FROM quote_revisions", "SELECT count(*) FROM quote_lines",
            "SELECT count(*) FROM order_forms", "SELECT count(*) FROM timeline_events WHERE kind = 'quote'",
            "SELECT coalesce(sum(last), 0) FROM document_sequences", "SELECT count(*) FROM vehicles WHERE status = 'reserved'",
            "SELECT coalesce(sum(version), 0) FROM quotes", "SELECT coalesce(sum(incl_cents), 0) FROM quote_revisions",
        ].map { sql in "\(sql) = \(try app.int(sql) ?? -1)" }
    }

    // MARK: - Going through the pages

    /// The editor for a new quote on `car`, as the page writes it.
    static func editorForm(_ w: World, car: Int64, lead: Int64? = nil, as session: Session? = nil) throws -> FormElement {
        let lead = lead ?? w.lead
        let page = try w.app.get("/leads/\(lead)/quotes/new?vehicle=\(car)", as: session ?? w.sofie)
        guard page.status == .ok, let form = HTMLDocument(page).form(action: "/leads/\(lead)/quotes") else {
            throw TestFailure("the editor for car \(car) answered \(page.status.code)")
        }
        return form
    }

    /// A quote made through the editor with `changes` to what it shows; its id.
    static func makeQuote(_ w: World, car: Int64, _ changes: [String: String] = [:], lead: Int64? = nil, as session: Session? = nil) throws -> Int64 {
        let lead = lead ?? w.lead
        let form = try editorForm(w, car: car, lead: lead, as: session)
        let answer = try w.app.post("/leads/\(lead)/quotes", as: session ?? w.sofie, form: form.fields(changing: changes))
        guard answer.status == .seeOther, let location = answer.location, location.hasPrefix("/quotes/"),
              let id = Int64(location.dropFirst("/quotes/".count)) else {
            let errors = HTMLDocument(answer).all("p", class: "error").map { "\($0["id"] ?? ""): \($0.text)" }
            throw TestFailure("creating a quote answered \(answer.status.code) \(errors) \(HTMLDocument(answer).first("p", class: "alert")?.text ?? "")")
        }
        return id
    }

    static func version(_ w: World, _ id: Int64) throws -> String { String(try w.app.int("SELECT version FROM quotes WHERE id = ?", [id]) ?? -1) }
    static func status(_ w: World, _ id: Int64) throws -> String? { try w.app.string("SELECT status FROM quotes WHERE id = ?", [id]) }

    /// One of the quote page's step buttons, pressed with the version the page carries.
    static func step(_ w: World, _ id: Int64, _ action: QuoteAction, as session: Session? = nil) throws -> Response {
        try w.app.post("/quotes/\(id)/status", as: session ?? w.sofie, form: [("version", try version(w, id)), ("action", action.rawValue)])
    }

    /// The acceptance form as the page fills it, with `changes`.
    static func acceptFields(_ w: World, _ id: Int64, _ changes: [String: String] = [:], as session: Session? = nil) throws -> [(String, String)] {
        let page = try w.app.get("/quotes/\(id)/accept", as: session ?? w.sofie)
        guard page.status == .ok, let form = HTMLDocument(page).form(action: "/quotes/\(id)/accept") else {
            throw TestFailure("the acceptance form answered \(page.status.code)")
        }
        return form.fields(changing: changes)
    }

    static let nl = Translator(.nl)
    static func errorText(_ page: HTMLDocument, _ field: String) -> String? { page.element(id: "e-" + field)?.text }

    // MARK: - 1. Permissions

    @Test func withoutQuotesManageTheEditorAndEveryStepAre403AndTheOfferteActionIsNotShown() throws {
        var w = try Self.world()
        let id = try Self.makeQuote(w, car: w.newCar)
        #expect(try Self.step(w, id, .send).status == .seeOther)
        // With the permission: the action bar's Offerte, the tab's "new quote", the steps.
        #expect(try w.app.get("/leads/\(w.lead)", as: w.sofie).html.contains("href=\"/leads/\(w.lead)/quotes/new\""))
        let admin = try w.app.userID("admin"), sofie = try w.app.userID("sofie")
        try w.app.database.setOverride(userID: sofie, permission: .quotesManage, to: .deny, actor: admin, now: fixedNow)
        w.sofie = try w.app.signIn("sofie")
        let before = try Self.snapshot(w.app)

        let leadPage = try w.app.get("/leads/\(w.lead)", as: w.sofie)
        #expect(leadPage.status == .ok)
        #expect(!leadPage.html.contains("/quotes/new"), "no Offerte action without quotes.manage")
        let tab = try w.app.get("/leads/\(w.lead)/quotes", as: w.sofie)
        #expect(tab.status == .ok && tab.html.contains("href=\"/quotes/\(id)\"") && !tab.html.contains("/quotes/new"))
        let quotePage = try w.app.get("/quotes/\(id)", as: w.sofie)
        #expect(quotePage.status == .ok)
        #expect(!quotePage.html.contains("/quotes/\(id)/edit") && !quotePage.html.contains("/quotes/\(id)/accept")
                && HTMLDocument(quotePage).form(action: "/quotes/\(id)/status") == nil)
        #expect(try w.app.get("/quotes/\(id)/overview.pdf", as: w.sofie).status == .ok, "viewing and printing stay with leads.view")

        let form = try Self.editorForm(w, car: w.newCar, as: try w.app.signIn("pieter")).fields
        let refused: [(String, Response)] = [
            ("new", try w.app.get("/leads/\(w.lead)/quotes/new", as: w.sofie)),
            ("new with a car", try w.app.get("/leads/\(w.lead)/quotes/new?vehicle=\(w.newCar)", as: w.sofie)),
            ("create", try w.app.post("/leads/\(w.lead)/quotes", as: w.sofie, form: form)),
            ("edit", try w.app.get("/quotes/\(id)/edit", as: w.sofie)),
            ("update", try w.app.post("/quotes/\(id)", as: w.sofie, form: form + [("version", try Self.version(w, id))])),
            ("decline", try Self.step(w, id, .decline)),
            ("expire", try Self.step(w, id, .expire)),
            ("accept form", try w.app.get("/quotes/\(id)/accept", as: w.sofie)),
            ("accept", try w.app.post("/quotes/\(id)/accept", as: w.sofie, form: [("version", try Self.version(w, id)), ("signed_place", "Gent"),
                ("signed_on", "2026-07-15"), ("deposit", "0"), ("delivery_by", "2026-08-15"), ("channel", "showroom"), ("warranty_months", "24")])),
        ]
        for (what, answer) in refused { #expect(answer.status == .forbidden, "\(what) answered \(answer.status.code)") }
        #expect(try Self.snapshot(w.app) == before)
        #expect(try Self.status(w, id) == "sent")
    }

    @Test func approvingNeedsQuotesApproveASalespersonIsRefused403AndAManagerApproves() throws {
        let w = try Self.world()
        // 15 % off the car: above the demo's 5 % limit.
        let id = try Self.makeQuote(w, car: w.newCar, ["l1.kind": "discount", "l1.description": "Actie", "l1.discount_percent": "15", "l1.discount_of": "0"])
        let refusedSend = try Self.step(w, id, .send)
        #expect(refusedSend.status == .unprocessable)
        #expect(HTMLDocument(refusedSend).first("p", class: "alert")?.text == Self.nl(RuleViolation.quoteNeedsApproval.catalogKey))
        #expect(try Self.status(w, id) == "draft")
        #expect(try Self.step(w, id, .requestApproval).status == .seeOther)
        #expect(try Self.status(w, id) == "approval_requested")
        // Sofie holds quotes.manage, not quotes.approve: no buttons, and the POSTs are 403.
        let page = try w.app.get("/quotes/\(id)", as: w.sofie).html
        #expect(!page.contains("value=\"approve\"") && !page.contains("value=\"reject_approval\""))
        let before = try Self.snapshot(w.app)
        #expect(try Self.step(w, id, .approve).status == .forbidden)
        #expect(try Self.step(w, id, .rejectApproval).status == .forbidden)
        #expect(try Self.snapshot(w.app) == before)
        // Pieter (manager of Gent) sees the buttons and approves; Sofie can send then.
        let pieter = try w.app.signIn("pieter")
        let his = try w.app.get("/quotes/\(id)", as: pieter).html
        #expect(his.contains("value=\"approve\"") && his.contains("value=\"reject_approval\""))
        #expect(try Self.step(w, id, .approve, as: pieter).status == .seeOther)
        #expect(try Self.status(w, id) == "approved")
        #expect(try w.app.get("/quotes/\(id)", as: w.sofie).html.contains("Pieter"))
        #expect(try Self.step(w, id, .send).status == .seeOther)
        #expect(try Self.status(w, id) == "sent")
        // A manager who may approve but not manage quotes: approve only.
        let id2 = try Self.makeQuote(w, car: w.newCar, ["l1.kind": "discount", "l1.description": "Actie", "l1.discount_percent": "15", "l1.discount_of": "0"])
        #expect(try Self.step(w, id2, .requestApproval).status == .seeOther)
        try w.app.database.setOverride(userID: try w.app.userID("pieter"), permission: .quotesManage, to: .deny, actor: try w.app.userID("admin"), now: fixedNow)
        let approverOnly = try w.app.signIn("pieter")
        let onlyApprove = try w.app.get("/quotes/\(id2)", as: approverOnly).html
        #expect(onlyApprove.contains("value=\"approve\"") && !onlyApprove.contains("/quotes/\(id2)/edit"))
        #expect(try Self.step(w, id2, .rejectApproval, as: approverOnly).status == .seeOther)
        #expect(try Self.status(w, id2) == "draft")
        #expect(try Self.step(w, id2, .send, as: approverOnly).status == .forbidden)
    }

    @Test func anotherBranchsQuoteIsNotFoundOnEveryRoute() throws {
        let w = try Self.world()
        let id = try Self.makeQuote(w, car: w.newCar)
        #expect(try Self.step(w, id, .send).status == .seeOther)
        let accept = try Self.acceptFields(w, id)
        let edit = try #require(HTMLDocument(try w.app.get("/quotes/\(id)/edit", as: w.sofie)).form(action: "/quotes/\(id)")).fields
        let create = try Self.editorForm(w, car: w.newCar).fields
        let before = try Self.snapshot(w.app)
        // Nathalie manages Brussel, Namur and Liège (quotes.manage and quotes.approve); Jan sells
        // in Gent but sees only his own leads.
        for name in ["nathalie", "jan"] {
            let other = try w.app.signIn(name)
            let v = try Self.version(w, id)
            let answers: [(String, Response)] = [
                ("tab", try w.app.get("/leads/\(w.lead)/quotes", as: other)),
                ("picker", try w.app.get("/leads/\(w.lead)/quotes/new", as: other)),
                ("editor", try w.app.get("/leads/\(w.lead)/quotes/new?vehicle=\(w.newCar)", as: other)),
                ("create", try w.app.post("/leads/\(w.lead)/quotes", as: other, form: create)),
                ("page", try w.app.get("/quotes/\(id)", as: other)),
                ("revision", try w.app.get("/quotes/\(id)?revision=1", as: other)),
                ("edit", try w.app.get("/quotes/\(id)/edit", as: other)),
                ("update", try w.app.post("/quotes/\(id)", as: other, form: edit)),
                ("decline", try w.app.post("/quotes/\(id)/status", as: other, form: [("version", v), ("action", "decline")])),
                ("accept form", try w.app.get("/quotes/\(id)/accept", as: other)),
                ("accept", try w.app.post("/quotes/\(id)/accept", as: other, form: accept)),
                ("overview", try w.app.get("/quotes/\(id)/overview.pdf", as: other)),
                ("order form", try w.app.get("/quotes/\(id)/order-form.pdf", as: other)),
                ("no such quote", try w.app.get("/quotes/999999", as: other)),
            ]
            for (what, answer) in answers {
                #expect(answer.status == .notFound, "\(name): \(what) answered \(answer.status.code)")
                #expect(!answer.html.contains("O-2026"), "\(name): \(what) shows a quote number")
            }
            if name == "nathalie" {
                #expect(try w.app.post("/quotes/\(id)/status", as: other, form: [("version", v), ("action", "approve")]).status == .notFound)
            }
        }
        #expect(try Self.snapshot(w.app) == before)
        #expect(try Self.status(w, id) == "sent")
    }

    @Test func everyQuotePostWithoutTheSessionsTokenIsRefused() throws {
        let w = try Self.world()
        let id = try Self.makeQuote(w, car: w.newCar)
        let edit = try #require(HTMLDocument(try w.app.get("/quotes/\(id)/edit", as: w.sofie)).form(action: "/quotes/\(id)")).fields.filter { $0.0 != "_csrf" }
        let create = try Self.editorForm(w, car: w.newCar).fields.filter { $0.0 != "_csrf" }
        #expect(try Self.step(w, id, .send).status == .seeOther)
        let accept = try Self.acceptFields(w, id).filter { $0.0 != "_csrf" }
        let v = try Self.version(w, id)
        let before = try Self.snapshot(w.app)
        let posts: [(String, [(String, String)])] = [
            ("/leads/\(w.lead)/quotes", create), ("/quotes/\(id)", edit), ("/quotes/\(id)/status", [("version", v), ("action", "decline")]),
            ("/quotes/\(id)/accept", accept),
        ]
        for (path, form) in posts {
            for csrf in [TestApp.CSRF.none, .value("forged"), .value("")] {
                let answer = try w.app.post(path, as: w.sofie, form: form, csrf: csrf)
                #expect(answer.status == .forbidden, "\(path) with \(csrf) answered \(answer.status.code)")
            }
            // Cross-site, even with the right token.
            #expect(try w.app.post(path, as: w.sofie, form: form, headers: ["Sec-Fetch-Site": "cross-site"]).status == .forbidden)
        }
        #expect(try Self.snapshot(w.app) == before)
    }

    // MARK: - 2. Bad input

    struct BadLine: CustomTestStringConvertible, Sendable {
        let name: String
        let changes: [String: String]
        let field: String
        let key: String
        var testDescription: String { name }
    }

    static let option = ["l1.kind": "option", "l1.description": "Trekhaak", "l1.unit_price": "850,00", "l1.vat": "21"]
    static let discount = ["l1.kind": "discount", "l1.description": "Korting", "l1.discount_of": "0"]

    static let badLines: [BadLine] = [
        BadLine(name: "negative quantity", changes: option.merging(["l1.quantity": "-1"]) { $1 }, field: "l1.quantity", key: "quote.quantity_range"),
        BadLine(name: "quantity 0", changes: option.merging(["l1.quantity": "0"]) { $1 }, field: "l1.quantity", key: "quote.quantity_range"),
        BadLine(name: "quantity 1000", changes: option.merging(["l1.quantity": "1000"]) { $1 }, field: "l1.quantity", key: "quote.quantity_range"),
        BadLine(name: "car over 10 million", changes: ["l0.unit_price": "10.000.000,01"], field: "l0.unit_price", key: "quote.price_range"),
        BadLine(name: "unparseable price", changes: option.merging(["l1.unit_price": "12,3,4"]) { $1 }, field: "l1.unit_price", key: "form.amount_invalid"),
        BadLine(name: "VAT 150 %", changes: option.merging(["l1.vat": "150"]) { $1 }, field: "l1.vat", key: "quote.vat_rate_range"),
        BadLine(name: "VAT -1 %", changes: option.merging(["l1.vat": "-1"]) { $1 }, field: "l1.vat", key: "quote.vat_rate_range"),
        BadLine(name: "VAT on the car 150 %", changes: ["l0.vat": "150"], field: "l0.vat", key: "quote.vat_rate_range"),
        BadLine(name: "discount amount over the car", changes: discount.merging(["l1.unit_price": "10.000.000,00"]) { $1 },
                field: "l1.unit_price", key: "quote.discount_exceeds_line"),
        BadLine(name: "discount 150 %", changes: discount.merging(["l1.discount_percent": "150"]) { $1 }, field: "l1.discount_percent",
                key: "quote.discount_percent_range"),
        BadLine(name: "two discounts together over the car", changes: discount.merging(["l1.discount_percent": "60", "l2.kind": "discount",
                "l2.description": "Nog meer", "l2.discount_percent": "50", "l2.discount_of": "0"]) { $1 }, field: "l2.discount_percent",
                key: "quote.discount_exceeds_line"),
        BadLine(name: "discount on a blank row", changes: discount.merging(["l1.unit_price": "100", "l1.discount_of": "3"]) { $1 },
                field: "l1.discount_of", key: "quote.discount_target"),
        BadLine(name: "discount on itself", changes: discount.merging(["l1.unit_price": "100", "l1.discount_of": "1"]) { $1 },
                field: "l1.discount_of", key: "quote.discount_target"),
        BadLine(name: "discount without an amount", changes: discount, field: "l1.unit_price", key: "form.required"),
        BadLine(name: "discount of quantity 3", changes: discount.merging(["l1.unit_price": "100", "l1.quantity": "3"]) { $1 },
                field: "l1.quantity", key: "quote.quantity_range"),
        BadLine(name: "discount with VAT 150 %", changes: discount.merging(["l1.unit_price": "100", "l1.vat": "150"]) { $1 },
                field: "l1.vat", key: "quote.vat_rate_range"),
        BadLine(name: "trade-in of quantity 2", changes: ["l1.kind": "trade_in_credit", "l1.description": "Overname Polo", "l1.unit_price": "5.000,00",
                                                          "l1.quantity": "2", "l1.tradein": "1"], field: "l1.quantity", key: "quote.quantity_range"),
        BadLine(name: "a line without a description", changes: ["l2.unit_price": "100", "l2.vat": "21"], field: "l2.description", key: "form.required"),
        BadLine(name: "validity before today", changes: ["valid_until": "2026-07-01"], field: "valid_until", key: "quote.validity_before_issue"),
    ]

    @Test(arguments: badLines)
    func aBadLineComesBackBesideItsFieldWithTheInputKeptAndNothingWritten(_ bad: BadLine) throws {
        let w = try Self.world()
        let form = try Self.editorForm(w, car: w.newCar)
        let before = try Self.snapshot(w.app)
        let answer = try w.app.post("/leads/\(w.lead)/quotes", as: w.sofie, form: form.fields(changing: bad.changes))
        #expect(answer.status == .unprocessable)
        let page = HTMLDocument(answer)
        #expect(Self.errorText(page, bad.field) == Self.nl(bad.key), "errors: \(page.all("p", class: "error").map { ($0["id"] ?? "") + " " + $0.text })")
        #expect(page.all("p", class: "error").count == 1, "only the bad field is marked")
        let again = try #require(page.form(action: "/leads/\(w.lead)/quotes"))
        for (name, value) in bad.changes { #expect(again.value(name) == value, "\(name) kept") }
        #expect(again.value("l0.description") == form.value("l0.description"))
        #expect(try Self.snapshot(w.app) == before)

        // The same line on an existing draft: refused the same way, the draft unchanged.
        let id = try Self.makeQuote(w, car: w.newCar)
        let edit = try #require(HTMLDocument(try w.app.get("/quotes/\(id)/edit", as: w.sofie)).form(action: "/quotes/\(id)"))
        let stored = try Self.snapshot(w.app)
        // The edit form has the stored lines then two blank rows: the same row numbers apply
        // (the draft has only the car, so l1… are blank).
        let update = try w.app.post("/quotes/\(id)", as: w.sofie, form: edit.fields(changing: bad.changes))
        #expect(update.status == .unprocessable)
        #expect(Self.errorText(HTMLDocument(update), bad.field) == Self.nl(bad.key))
        #expect(try Self.snapshot(w.app) == stored)
    }

    @Test func moreRowsAndMarkupWriteNothingUnexpected() throws {
        let w = try Self.world()
        let form = try Self.editorForm(w, car: w.newCar)
        let before = try Self.snapshot(w.app)
        // "More lines" sends the form back with two more rows, what was typed kept, nothing saved.
        let more = try w.app.post("/leads/\(w.lead)/quotes", as: w.sofie, form: form.fields(changing: ["l1.description": "Matten", "more": "1"]))
        #expect(more.status == .ok)
        let wider = try #require(HTMLDocument(more).form(action: "/leads/\(w.lead)/quotes"))
        #expect(wider.value("rows") == "6" && wider.value("l1.description") == "Matten" && wider.value("l5.vat") == "21")
        #expect(try Self.snapshot(w.app) == before)
        // Markup typed in a line is text on the page.
        let id = try Self.makeQuote(w, car: w.newCar, ["l1.description": "<script>alert(1)</script>", "l1.unit_price": "10", "l1.vat": "21"])
        let page = try w.app.get("/quotes/\(id)", as: w.sofie).html
        #expect(!page.contains("<script>alert(1)") && page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func aCarTheUserMayNotQuoteIsRefusedAndNothingIsWritten() throws {
        let w = try Self.world()
        let form = try Self.editorForm(w, car: w.newCar)
        let before = try Self.snapshot(w.app)
        // Another branch's car (a crafted vehicle_id): refused, the stock offered again.
        let foreign = try w.app.post("/leads/\(w.lead)/quotes", as: w.sofie, form: form.fields(changing: ["vehicle_id": String(w.brusselCar)]))
        #expect(foreign.status == .unprocessable)
        #expect(HTMLDocument(foreign).first("p", class: "alert")?.text == Self.nl("quote.vehicle_unavailable"))
        #expect(try w.app.get("/leads/\(w.lead)/quotes/new?vehicle=\(w.brusselCar)", as: w.sofie).status == .unprocessable)
        // A sold car: not offered, and refused when sent anyway, with the rows kept.
        #expect(try w.app.get("/leads/\(w.lead)/quotes/new?vehicle=\(w.soldCar)", as: w.sofie).status == .unprocessable)
        let sold = try w.app.post("/leads/\(w.lead)/quotes", as: w.sofie,
                                  form: form.fields(changing: ["vehicle_id": String(w.soldCar), "l0.unit_price": "12.345,67"]))
        #expect(sold.status == .unprocessable)
        let page = HTMLDocument(sold)
        #expect(page.first("p", class: "alert")?.text == Self.nl(RuleViolation.vehicleNotAvailable.catalogKey))
        #expect(page.form(action: "/leads/\(w.lead)/quotes")?.value("l0.unit_price") == "12.345,67")
        #expect(try Self.snapshot(w.app) == before)
        // Editing a quote onto another branch's car: that car is not found; onto a sold one: refused.
        let id = try Self.makeQuote(w, car: w.newCar)
        let edit = try #require(HTMLDocument(try w.app.get("/quotes/\(id)/edit", as: w.sofie)).form(action: "/quotes/\(id)"))
        let stored = try Self.snapshot(w.app)
        #expect(try w.app.post("/quotes/\(id)", as: w.sofie, form: edit.fields(changing: ["vehicle_id": String(w.brusselCar)])).status == .notFound)
        let soldEdit = try w.app.post("/quotes/\(id)", as: w.sofie, form: edit.fields(changing: ["vehicle_id": String(w.soldCar)]))
        #expect(soldEdit.status == .unprocessable)
        #expect(HTMLDocument(soldEdit).first("p", class: "alert")?.text == Self.nl(RuleViolation.vehicleNotAvailable.catalogKey))
        #expect(try Self.snapshot(w.app) == stored)
    }

    @Test func aStaleEditIsAConflictWithWhatWasTypedKept() throws {
        let w = try Self.world()
        let id = try Self.makeQuote(w, car: w.newCar, ["l0.unit_price": "30.000,00"])
        let pieter = try w.app.signIn("pieter")
        let hers = try #require(HTMLDocument(try w.app.get("/quotes/\(id)/edit", as: w.sofie)).form(action: "/quotes/\(id)"))
        let his = try #require(HTMLDocument(try w.app.get("/quotes/\(id)/edit", as: pieter)).form(action: "/quotes/\(id)"))
        #expect(try w.app.post("/quotes/\(id)", as: pieter, form: his.fields(changing: ["l0.unit_price": "29.000,00"])).status == .seeOther)
        let stored = try Self.snapshot(w.app)
        let stale = try w.app.post("/quotes/\(id)", as: w.sofie, form: hers.fields(changing: ["l0.unit_price": "28.500,00", "l1.description": "Matten",
                                                                                              "l1.unit_price": "120", "l1.vat": "21"]))
        #expect(stale.status == .conflict)
        let page = HTMLDocument(stale)
        #expect(page.first("p", class: "alert")?.text == Self.nl("quote.conflict"))
        let kept = try #require(page.form(action: "/quotes/\(id)"))
        #expect(kept.value("l0.unit_price") == "28.500,00" && kept.value("l1.description") == "Matten")
        #expect(kept.value("version") == (try Self.version(w, id)))
        #expect(try Self.snapshot(w.app) == stored)
        #expect(try w.app.int("SELECT incl_cents FROM quote_revisions WHERE quote_id = ?", [id]) == 29_000_00)
        // Saving again from the conflict page goes through.
        #expect(try w.app.post("/quotes/\(id)", as: w.sofie, form: kept.fields).status == .seeOther)
        #expect(try w.app.int("SELECT incl_cents FROM quote_revisions WHERE quote_id = ?", [id]) == 28_620_00)
        // A stale step (the page of before) is a conflict too.
        let staleStep = try w.app.post("/quotes/\(id)/status", as: w.sofie, form: [("version", "1"), ("action", "send")])
        #expect(staleStep.status == .conflict)
        #expect(try Self.status(w, id) == "draft")
    }

    @Test func theAcceptFormRefusesADepositOver15PercentAndADeliveryBeforeSigningBesideTheFields() throws {
        let w = try Self.world()
        let id = try Self.makeQuote(w, car: w.newCar, ["l0.unit_price": "30.000,00"])
        #expect(try Self.step(w, id, .send).status == .seeOther)
        let before = try Self.snapshot(w.app)
        let carStatus = try w.app.string("SELECT status FROM vehicles WHERE id = ?", [w.newCar])
        // 15 % of € 30.000,00 is € 4.500,00: one cent more is too much.
        let answer = try w.app.post("/quotes/\(id)/accept", as: w.sofie,
                                    form: try Self.acceptFields(w, id, ["deposit": "4.500,01", "signed_on": "2026-07-15", "delivery_by": "2026-07-14",
                                                                        "essentials": "Trekhaak"]))
        #expect(answer.status == .unprocessable)
        let page = HTMLDocument(answer)
        #expect(Self.errorText(page, "deposit") == Self.nl(RuleViolation.depositTooHigh.catalogKey))
        #expect(Self.errorText(page, "delivery_by") == Self.nl(RuleViolation.deliveryBeforeSigning.catalogKey))
        let kept = try #require(page.form(action: "/quotes/\(id)/accept"))
        #expect(kept.value("deposit") == "4.500,01" && kept.value("delivery_by") == "2026-07-14")
        #expect(page.source.contains(">Trekhaak</textarea>"))
        #expect(try Self.snapshot(w.app) == before)
        #expect(try Self.status(w, id) == "sent")
        #expect(try w.app.string("SELECT status FROM vehicles WHERE id = ?", [w.newCar]) == carStatus)
        // Exactly 15 % goes through: the car is reserved, the order form made.
        let ok = try w.app.post("/quotes/\(id)/accept", as: w.sofie, form: try Self.acceptFields(w, id, ["deposit": "4.500,00"]))
        #expect(ok.status == .seeOther)
        #expect(try Self.status(w, id) == "accepted")
        #expect(try w.app.string("SELECT status FROM vehicles WHERE id = ?", [w.newCar]) == "reserved")
        #expect(try w.app.int("SELECT deposit_cents FROM order_forms WHERE quote_id = ?", [id]) == 4_500_00)
    }

    @Test func aCarAcceptedOnOneLeadCannotBeAcceptedOnAnotherAndOnlyASentQuoteOffersTheAcceptForm() throws {
        let w = try Self.world()
        let pieter = try w.app.signIn("pieter")
        let jansLead = try w.app.leadID(.jansInBranch1)
        let first = try Self.makeQuote(w, car: w.newCar, lead: w.lead, as: pieter)
        let second = try Self.makeQuote(w, car: w.newCar, lead: jansLead, as: pieter)
        // A draft has no accept form: its page with the refusal.
        let early = try w.app.get("/quotes/\(first)/accept", as: pieter)
        #expect(early.status == .conflict)
        #expect(HTMLDocument(early).first("p", class: "alert")?.text == Self.nl(RuleViolation.quoteTransitionNotAllowed.catalogKey))
        #expect(HTMLDocument(early).form(action: "/quotes/\(first)/accept") == nil)
        for id in [first, second] { #expect(try Self.step(w, id, .send, as: pieter).status == .seeOther) }
        let secondForm = try Self.acceptFields(w, second, as: pieter)
        #expect(try w.app.post("/quotes/\(first)/accept", as: pieter, form: try Self.acceptFields(w, first, as: pieter)).status == .seeOther)
        #expect(try w.app.string("SELECT status FROM vehicles WHERE id = ?", [w.newCar]) == "reserved")
        // Accepted: no accept form any more.
        #expect(try w.app.get("/quotes/\(first)/accept", as: pieter).status == .conflict)
        // The same car on Jan's lead: refused with the form kept, nothing written.
        let before = try Self.snapshot(w.app)
        let refused = try w.app.post("/quotes/\(second)/accept", as: pieter, form: secondForm)
        #expect(refused.status == .unprocessable)
        #expect(HTMLDocument(refused).first("p", class: "alert")?.text == Self.nl(RuleViolation.vehicleNotAvailable.catalogKey))
        #expect(HTMLDocument(refused).form(action: "/quotes/\(second)/accept") != nil)
        #expect(try Self.snapshot(w.app) == before)
        #expect(try Self.status(w, second) == "sent")
        #expect(try w.app.get("/quotes/\(second)/order-form.pdf", as: pieter).status == .notFound)
    }

    @Test func anExpiredQuoteCannotBeAccepted() throws {
        var w = try Self.world()
        let id = try Self.makeQuote(w, car: w.newCar, ["valid_until": "2026-07-20"])
        #expect(try Self.step(w, id, .send).status == .seeOther)
        let fields = try Self.acceptFields(w, id)
        // Six days later the quote has passed its validity date (the session has timed out too).
        w.app.clock.advance(seconds: 6 * 86_400)
        w.sofie = try w.app.signIn("sofie")
        let page = HTMLDocument(try w.app.get("/quotes/\(id)", as: w.sofie))
        #expect(!page.source.contains("/quotes/\(id)/accept\""), "no accept button on an expired quote")
        #expect(page.source.contains(Self.nl("quote.status.expired")))
        let before = try Self.snapshot(w.app)
        let answer = try w.app.post("/quotes/\(id)/accept", as: w.sofie, form: fields.map { ($0.0, $0.0 == "_csrf" ? w.sofie.csrf : $0.1) })
        #expect(answer.status == .unprocessable)
        #expect(HTMLDocument(answer).first("p", class: "alert")?.text == Self.nl(RuleViolation.quoteExpired.catalogKey))
        #expect(HTMLDocument(answer).form(action: "/quotes/\(id)/accept")?.value("signed_place") == fields.first { $0.0 == "signed_place" }?.1)
        #expect(try Self.snapshot(w.app) == before)
        #expect(try w.app.string("SELECT status FROM vehicles WHERE id = ?", [w.newCar]) == "available")
        // Marking it expired is what remains, or a new version: offered with a validity date
        // from today (the old one would only be refused), saved as version 2.
        #expect(try Self.step(w, id, .expire).status == .seeOther)
        #expect(try Self.status(w, id) == "expired")
        let edit = try #require(HTMLDocument(try w.app.get("/quotes/\(id)/edit", as: w.sofie)).form(action: "/quotes/\(id)"))
        #expect(edit.value("valid_until") == "2026-08-20", "today (21/07) + the demo's 30 days")
        #expect(try w.app.post("/quotes/\(id)", as: w.sofie, form: edit.fields).status == .seeOther)
        #expect(try w.app.int("SELECT revision FROM quotes WHERE id = ?", [id]) == 2)
        #expect(try w.app.string("SELECT valid_until FROM quote_revisions WHERE quote_id = ? AND revision = 1", [id]) == "2026-07-20")
    }

    // MARK: - 3. Money on the page

    @Test func thePageShowsTheTotalsAsComputedWithTheContactsOwnVATRatePrefilled() throws {
        let w = try Self.world()
        // The contact carries 6 %: the editor offers it on the car and on the blank rows.
        try w.app.database.write { db in
            try db.execute(sql: "UPDATE contacts SET vat_rate_permille = 60 WHERE id = (SELECT contact_id FROM leads WHERE id = ?)", arguments: [w.lead])
        }
        let form = try Self.editorForm(w, car: w.newCar)
        #expect(form.value("l0.vat") == "6" && form.value("l1.vat") == "6" && form.value("l3.vat") == "6")
        // The car at 21 % after all, two accessories at the contact's 6 %, 4 % off the car.
        let id = try Self.makeQuote(w, car: w.newCar, ["l0.unit_price": "30.000,00", "l0.vat": "21",
                                                        "l1.kind": "accessory", "l1.description": "Laadkabel", "l1.quantity": "2", "l1.unit_price": "150",
                                                        "l2.kind": "discount", "l2.description": "Actie", "l2.discount_percent": "4", "l2.discount_of": "0"])
        // Independently: car 3.000.000 incl. 21 % → VAT 520.661 (÷121, half away from zero);
        // 2 × 15.000 incl. 6 % → VAT 1.698; −4 % of the car = −120.000 at 21 % → VAT −20.826.
        let vat: Int64 = 520_661 + 1_698 - 20_826
        let incl: Int64 = 3_000_000 + 30_000 - 120_000
        #expect(vat == 501_533 && incl == 2_910_000)
        let page = HTMLDocument(try w.app.get("/quotes/\(id)", as: w.sofie))
        let table = try #require(page.first("table", class: "quote-lines-table"))
        let rows = try #require(table.first("tbody")).all("tr").map { $0.all("td").map(\.text) }
        #expect(rows.count == 3)
        #expect(rows[0].suffix(4) == ["21 %", "€ 24.793,39", "€ 5.206,61", "€ 30.000,00"])
        #expect(rows[1].suffix(5) == ["€ 150,00", "6 %", "€ 283,02", "€ 16,98", "€ 300,00"] && rows[1][1] == "2")
        #expect(rows[2].suffix(4) == ["21 %", "-€ 991,74", "-€ 208,26", "-€ 1.200,00"] || rows[2].suffix(4) == ["21 %", "€ -991,74", "€ -208,26", "€ -1.200,00"],
                "discount row: \(rows[2])")
        let foot = try #require(table.first("tfoot")).all("td").map(\.text)
        #expect(foot == [Money(cents: incl - vat).belgian, Money(cents: vat).belgian, Money(cents: incl).belgian])
        #expect(foot == ["€ 24.084,67", "€ 5.015,33", "€ 29.100,00"])
        #expect(page.first("p", class: "margin-note") == nil)
        // The lead's Quotes tab shows the same total.
        #expect(try w.app.get("/leads/\(w.lead)/quotes", as: w.sofie).html.contains("€ 29.100,00"))
    }

    @Test func aMarginSchemeCarShowsNoVATForItsLineAndTheMention() throws {
        let w = try Self.world()
        let form = try Self.editorForm(w, car: w.marginCar)
        #expect(form.value("l0.vat") == nil, "no VAT field for the margin car")
        let id = try Self.makeQuote(w, car: w.marginCar, ["l0.unit_price": "14.500,00", "l1.kind": "fee", "l1.description": "Inschrijving",
                                                           "l1.unit_price": "450", "l1.vat": "21"])
        let page = HTMLDocument(try w.app.get("/quotes/\(id)", as: w.sofie))
        let table = try #require(page.first("table", class: "quote-lines-table"))
        let rows = try #require(table.first("tbody")).all("tr").map { $0.all("td").map(\.text) }
        #expect(rows[0].suffix(4) == ["—", "—", "—", "€ 14.500,00"], "car row: \(rows[0])")
        // 450,00 incl. 21 %: VAT 78,10 (45.000 × 21 / 121 = 7.809,9…).
        #expect(rows[1].suffix(4) == ["21 %", "€ 371,90", "€ 78,10", "€ 450,00"])
        #expect(try #require(table.first("tfoot")).all("td").map(\.text).last == "€ 14.950,00")
        #expect(page.first("p", class: "margin-note")?.text == Self.nl("quote.margin_scheme"))
        #expect(try w.app.int("SELECT margin_scheme FROM quote_revisions WHERE quote_id = ?", [id]) == 1)
        #expect(try w.app.string("SELECT vat_treatment FROM quote_lines ql JOIN quote_revisions r ON r.id = ql.revision_id WHERE r.quote_id = ? AND ql.position = 0", [id]) == "margin")
    }

    // MARK: - 4. PDFs

    static func expectPDFHeaders(_ answer: Response, fileName: String) {
        #expect(answer.status == .ok)
        #expect(answer.header("Content-Type") == "application/pdf")
        #expect(answer.header("Content-Disposition") == "attachment; filename=\"\(fileName)\"")
        #expect(answer.header("X-Content-Type-Options") == "nosniff")
        #expect(answer.header("Content-Security-Policy") != nil)
        #expect(answer.header("X-Frame-Options") == "DENY")
        #expect(answer.header("Cache-Control")?.contains("no-store") == true)
        #expect(answer.bodyBytes.starts(with: Array("%PDF-".utf8)))
    }

    @Test func thePDFsAreServedInTheContactsLanguageWithTheTotalsAsOnThePage() throws {
        let w = try Self.world()
        try w.app.database.write { db in
            try db.execute(sql: "UPDATE contacts SET language = 'fr' WHERE id = (SELECT contact_id FROM leads WHERE id = ?)", arguments: [w.lead])
        }
        let id = try Self.makeQuote(w, car: w.newCar, ["l0.unit_price": "30.000,00", "l1.kind": "accessory", "l1.description": "Câble de recharge",
                                                        "l1.quantity": "2", "l1.unit_price": "150", "l1.vat": "6"])
        let number = try #require(try w.app.string("SELECT number FROM quotes WHERE id = ?", [id]))
        #expect(number.hasPrefix("O-2026-"))
        // The order form does not exist before acceptance.
        #expect(try w.app.get("/quotes/\(id)/order-form.pdf", as: w.sofie).status == .notFound)
        #expect(!(try w.app.get("/quotes/\(id)", as: w.sofie).html.contains("order-form.pdf")))

        let page = HTMLDocument(try w.app.get("/quotes/\(id)", as: w.sofie))
        let foot = try #require(page.first("table", class: "quote-lines-table")?.first("tfoot")).all("td").map(\.text)
        #expect(foot == ["€ 25.076,41", "€ 5.223,59", "€ 30.300,00"])
        let overview = try w.app.get("/quotes/\(id)/overview.pdf", as: w.sofie)
        Self.expectPDFHeaders(overview, fileName: number + ".pdf")
        let fr = Translator(.fr)
        let text = PDFTools.flat(try PDFTools.text(overview.bodyBytes))
        for phrase in [fr("print.quote.title", ["number": number]), fr("print.total.excl"), fr("print.total.incl")] + foot + ["Câble de recharge"] {
            #expect(text.contains(PDFTools.flat(phrase)), "overview lacks “\(phrase)”")
        }
        // pdftotext may drop the narrow space of a right-aligned "6 %".
        #expect(text.contains("21 %") && (text.contains("6 %") || text.contains("6%")))
        #expect(!text.contains(Self.nl("print.total.incl")), "no Dutch on a French customer's quote")
        // The unit price column is excl. VAT: the car's € 24.793,39 (as unit and as line total),
        // the cable's € 141,51 (€ 283,02 for two); € 30.000,00 only as the car's total incl. VAT.
        #expect(text.components(separatedBy: "€ 24.793,39").count - 1 == 2)
        #expect(text.contains("€ 141,51") && text.components(separatedBy: "€ 30.000,00").count - 1 == 1)
        // The car's facts in French, not the stock's raw values.
        let gearbox = try #require(try w.app.string("SELECT gearbox FROM vehicles WHERE id = ?", [w.newCar]))
        #expect(text.contains(fr("print.car.gearbox") + " ") && text.contains(fr("gearbox." + gearbox)) && !text.contains(" \(gearbox) "))

        // Sent and accepted: the order form, numbered, in French, with the same total.
        #expect(try Self.step(w, id, .send).status == .seeOther)
        #expect(try w.app.post("/quotes/\(id)/accept", as: w.sofie, form: try Self.acceptFields(w, id, ["deposit": "1.000"])).status == .seeOther)
        let orderNumber = try #require(try w.app.string("SELECT number FROM order_forms WHERE quote_id = ?", [id]))
        let order = try w.app.get("/quotes/\(id)/order-form.pdf", as: w.sofie)
        Self.expectPDFHeaders(order, fileName: orderNumber + ".pdf")
        let orderText = PDFTools.flat(try PDFTools.text(order.bodyBytes))
        for phrase in [fr("print.order.title", ["number": orderNumber]), "€ 30.300,00", "€ 1.000,00", fr("print.order.deposit")] {
            #expect(orderText.contains(PDFTools.flat(phrase)), "order form lacks “\(phrase)”")
        }
        #expect(try w.app.get("/quotes/\(id)", as: w.sofie).html.contains("/quotes/\(id)/order-form.pdf"))
        // The overview stays the quote's document, with the quote's number, after acceptance.
        let later = try w.app.get("/quotes/\(id)/overview.pdf", as: w.sofie)
        Self.expectPDFHeaders(later, fileName: number + ".pdf")
        let laterText = PDFTools.flat(try PDFTools.text(later.bodyBytes))
        #expect(laterText.contains(PDFTools.flat(fr("print.quote.title", ["number": number]))) && !laterText.contains(orderNumber))
    }

    @Test func aMarginSchemeQuotePDFShowsTheMentionAndNoVATAmount() throws {
        let w = try Self.world()
        try w.app.database.write { db in
            try db.execute(sql: "UPDATE contacts SET language = 'fr' WHERE id = (SELECT contact_id FROM leads WHERE id = ?)", arguments: [w.lead])
        }
        let id = try Self.makeQuote(w, car: w.marginCar, ["l0.unit_price": "14.500,00"])
        let number = try #require(try w.app.string("SELECT number FROM quotes WHERE id = ?", [id]))
        let answer = try w.app.get("/quotes/\(id)/overview.pdf", as: w.sofie)
        Self.expectPDFHeaders(answer, fileName: number + ".pdf")
        let fr = Translator(.fr)
        let text = PDFTools.flat(try PDFTools.text(answer.bodyBytes))
        #expect(text.contains(PDFTools.flat(fr("print.margin_scheme"))))
        #expect(text.contains("€ 14.500,00"))
        #expect(!text.contains(fr("print.total.excl")) && !text.contains(fr("print.total.incl")))
        #expect(!text.contains("21 %") && !text.contains("€ 2.516,53"), "no VAT rate or amount (14.500 × 21/121 = 2.516,53)")
    }

    // MARK: - 5. Revisions

    @Test func sendingThenEditingMakesVersionTwoAndVersionOneStaysAsItWas() throws {
        let w = try Self.world()
        let id = try Self.makeQuote(w, car: w.newCar, ["l0.unit_price": "30.000,00"])
        // A draft changes in place.
        let draftEdit = try #require(HTMLDocument(try w.app.get("/quotes/\(id)/edit", as: w.sofie)).form(action: "/quotes/\(id)"))
        #expect(try w.app.post("/quotes/\(id)", as: w.sofie, form: draftEdit.fields(changing: ["l0.unit_price": "29.500,00"])).status == .seeOther)
        #expect(try w.app.int("SELECT count(*) FROM quote_revisions WHERE quote_id = ?", [id]) == 1)
        #expect(try Self.step(w, id, .send).status == .seeOther)
        let v1Lines = try w.app.ints("SELECT ql.incl_cents FROM quote_lines ql JOIN quote_revisions r ON r.id = ql.revision_id WHERE r.quote_id = ? AND r.revision = 1", [id])

        // Sent: frozen, the edit makes version 2.
        let sentPage = try w.app.get("/quotes/\(id)", as: w.sofie).html
        #expect(sentPage.contains(Self.nl("quote.frozen")) && sentPage.contains(Self.nl("quote.new_revision")))
        let editPage = HTMLDocument(try w.app.get("/quotes/\(id)/edit", as: w.sofie))
        let number = try #require(try w.app.string("SELECT number FROM quotes WHERE id = ?", [id]))
        #expect(editPage.element(id: "quote-edit-h")?.text == Self.nl("quote.new_revision_title", ["number": number, "n": "2"]))
        let edit = try #require(editPage.form(action: "/quotes/\(id)"))
        #expect(edit.value("l0.unit_price") == "29.500,00")
        #expect(try w.app.post("/quotes/\(id)", as: w.sofie, form: edit.fields(changing: ["l0.unit_price": "28.750,00"])).status == .seeOther)
        #expect(try w.app.int("SELECT revision FROM quotes WHERE id = ?", [id]) == 2)
        #expect(try Self.status(w, id) == "draft")
        #expect(try w.app.ints("SELECT ql.incl_cents FROM quote_lines ql JOIN quote_revisions r ON r.id = ql.revision_id WHERE r.quote_id = ? AND r.revision = 1", [id]) == v1Lines)

        let current = HTMLDocument(try w.app.get("/quotes/\(id)", as: w.sofie))
        #expect(current.element(id: "quote-h")?.text.contains(Self.nl("quote.revision", ["n": "2"])) == true)
        #expect(current.first("table", class: "quote-lines-table")?.first("tfoot")?.text.contains("€ 28.750,00") == true)
        #expect(current.source.contains("href=\"/quotes/\(id)?revision=1\"") && current.source.contains("href=\"/quotes/\(id)?revision=2\""))
        let old = try w.app.get("/quotes/\(id)?revision=1", as: w.sofie)
        #expect(old.status == .ok)
        let oldPage = HTMLDocument(old)
        #expect(oldPage.element(id: "quote-h")?.text.contains(Self.nl("quote.revision", ["n": "1"])) == true)
        #expect(oldPage.first("p", class: "notice")?.text.contains(Self.nl("quote.older_revision", ["n": "2"])) == true)
        #expect(oldPage.first("table", class: "quote-lines-table")?.first("tfoot")?.text.contains("€ 29.500,00") == true)
        #expect(oldPage.form(action: "/quotes/\(id)/status") == nil && !old.html.contains("/quotes/\(id)/edit"), "an old version has no steps")
        #expect(old.html.contains("/quotes/\(id)/overview.pdf?revision=1"))
        let oldPDF = try w.app.get("/quotes/\(id)/overview.pdf?revision=1", as: w.sofie)
        Self.expectPDFHeaders(oldPDF, fileName: number + "-v1.pdf")
        #expect(PDFTools.flat(try PDFTools.text(oldPDF.bodyBytes)).contains("€ 29.500,00"))
        #expect(try w.app.get("/quotes/\(id)?revision=3", as: w.sofie).status == .notFound)

        // The lead's timeline: made, sent, version 2 — each linking to the quote.
        let lead = HTMLDocument(try w.app.get("/leads/\(w.lead)", as: w.sofie))
        let events = lead.all("li").filter { $0.inner.contains("href=\"/quotes/\(id)\"") }.map(\.text)
        for sentence in [Self.nl("event.quote.created", ["number": number]),
                         Self.nl("event.quote.status", ["number": number, "old": Self.nl("quote.status.draft"), "new": Self.nl("quote.status.sent")]),
                         Self.nl("event.quote.revision", ["number": number, "n": "2"])] {
            #expect(events.contains { $0.contains(sentence) }, "timeline lacks “\(sentence)”: \(events)")
        }
        // The header's counter counts the quote once, whatever its versions.
        let quotes = try #require(try w.app.int("SELECT count(*) FROM quotes WHERE lead_id = ?", [w.lead]))
        let counter = lead.first("div", class: "box-counters")?.all("li").map(\.text).first { $0.hasSuffix(Self.nl("lead.count.quotes")) }
        #expect(counter == "\(quotes) " + Self.nl("lead.count.quotes"))
    }

    @Test func theLeadsApprovedTradeInsArePrefilledAsCreditRowsAndOthersAreNot() throws {
        let w = try Self.world()
        try w.app.database.write { db in
            for (model, status, euros) in [("Polo", "approved", 6_500), ("Corsa", "proposed", 4_000), ("Clio", "refused", 3_000)] {
                try db.execute(sql: """
                    INSERT INTO tradeins (lead_id, make, model, offered_price_cents, estimated_value_cents, status, created_at)
                    VALUES (?, 'Volkswagen', ?, ?, ?, ?, 0)
                    """, arguments: [w.lead, model, euros * 100, euros * 100, status])
            }
        }
        let rows = Dictionary(try Self.editorForm(w, car: w.newCar).fields, uniquingKeysWith: { first, _ in first })
        let credits = rows.filter { $0.key.hasSuffix(".kind") && $0.value == "trade_in_credit" }.map { String($0.key.dropLast(".kind".count)) }
        #expect(credits.count == 1)
        let row = try #require(credits.first)
        #expect(rows[row + ".description"]?.contains("Polo") == true)
        #expect(rows[row + ".unit_price"] == "6.500,00")
        #expect(!rows.values.contains { $0.contains("Corsa") || $0.contains("Clio") })
    }

}
