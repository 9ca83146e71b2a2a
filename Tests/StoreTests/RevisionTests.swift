import Foundation
import GRDB
import Showroom
@testable import Store
import Testing

/// Issue 14's lead revision: a counter per lead that the schema moves in the transaction of
/// every change that shows on the lead's pages, and a global generation for names and labels.
/// The first test enumerates the schema, so a new table cannot be forgotten: it has the
/// triggers, or it is named as never shown on a lead page, with the reason.
@Suite struct RevisionTests {
    static let now = TestDriveStoreTests.now
    static let sofie = TestDriveStoreTests.sofie

    @Test func everyTableMovesTheRevisionOrIsNamedAsOffTheLeadPage() throws {
        let f = try Fixture()
        let (tables, triggers) = try f.database.read { db in
            (try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'lead_search_%'"),
             Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'")))
        }
        let covered = Set((Migrations.leadTables + Migrations.mailLeadTables).map(\.table)).union(Migrations.globalTables).union(["leads", "contacts", "vehicles"])
        let unaccounted = tables.filter { !covered.contains($0) && Migrations.tablesOffTheLeadPage[$0] == nil }
        #expect(unaccounted.isEmpty, "tables neither moving a lead's revision nor named as off the lead page: \(unaccounted)")
        for (table, _) in Migrations.leadTables + Migrations.mailLeadTables {
            for event in ["insert", "update", "delete"] { #expect(triggers.contains("\(table)_revision_\(event)"), "\(table) \(event)") }
        }
        for table in Migrations.globalTables {
            for event in ["insert", "update", "delete"] { #expect(triggers.contains("\(table)_generation_\(event)"), "\(table) \(event)") }
        }
        #expect(triggers.isSuperset(of: ["leads_revision", "contacts_revision", "vehicles_revision"]))
    }

    func revision(_ w: TestDriveStoreTests.World, _ lead: Int64) throws -> Int64 { try w.f.scalar("SELECT revision FROM leads WHERE id = ?", [lead])! }
    func generation(_ w: TestDriveStoreTests.World) throws -> Int64 { try w.f.scalar("SELECT generation FROM access_state WHERE id = 1")! }

    /// Runs `change` and checks that `lead`'s revision moved and `other`'s did not.
    func moves(_ w: TestDriveStoreTests.World, _ what: String, lead: Int64, _ change: () throws -> Void) throws {
        let before = try revision(w, lead), otherBefore = try revision(w, w.namurLead)
        try change()
        #expect(try revision(w, lead) > before, "\(what) did not move the lead's revision")
        #expect(try revision(w, w.namurLead) == otherBefore, "\(what) moved another lead's revision")
    }

    @Test func everyKindOfChangeMovesTheRevisionOfItsLeadOnly() throws {
        let w = try TestDriveStoreTests().world()
        let db = w.db, lead = w.lead, me = Self.sofie, now = Self.now
        var comment: Int64 = 0
        try moves(w, "comment", lead: lead) { comment = try db.addComment(leadID: lead, body: "Belt terug", by: me, now: now) }
        try moves(w, "comment edit", lead: lead) { try db.updateComment(id: comment, body: "Belde terug", version: 1, by: me, now: now) }
        try moves(w, "comment delete", lead: lead) { _ = try db.deleteComment(id: comment, by: me, now: now) }
        try moves(w, "deadline", lead: lead) { try db.addDeadline(leadID: lead, kind: .followUp, due: now.adding(seconds: 86_400), note: "", by: me, now: now) }
        var tradeIn: Int64 = 0
        try moves(w, "trade-in", lead: lead) { tradeIn = try db.createTradeIn(leadID: lead, TradeInStoreTests.golf(), by: me, now: now) }
        try moves(w, "trade-in decision", lead: lead) {
            try db.decideTradeIn(id: tradeIn, approve: true, reason: "", mayApprove: true, version: 1, by: TradeInStoreTests.gentManager, now: now)
        }
        try moves(w, "test drive", lead: lead) { _ = try db.createTestDrive(leadID: lead, TestDriveStoreTests.input(car: w.golf), by: me, now: now) }
        try moves(w, "quote", lead: lead) {
            _ = try db.createQuote(leadID: lead, QuoteStoreTests.draft(car: w.clio, price: 14_500_00, vat: .rate(.standard)), by: me, now: now)
        }
        try moves(w, "the car on its quote and drive changes", lead: lead) {
            try db.write { d in try d.execute(sql: "UPDATE vehicles SET colour = 'Rood' WHERE id = ?", arguments: [w.golf]) }
        }
        try moves(w, "the contact changes", lead: lead) {
            try db.write { d in try d.execute(sql: "UPDATE contacts SET phone = '+32470000000' WHERE id = (SELECT contact_id FROM leads WHERE id = ?)", arguments: [lead]) }
        }
        try moves(w, "a notification", lead: lead) {
            try db.write { d in try d.execute(sql: "INSERT INTO notifications (lead_id, kind, detail, created_at) VALUES (?, 'task_done', '', 0)", arguments: [lead]) }
        }
        try moves(w, "status", lead: lead) {
            let version = try w.f.scalar("SELECT version FROM leads WHERE id = ?", [lead])!
            try db.setStatus(leadID: lead, to: .won, lostReason: nil, version: version, by: me, now: now)
        }
        // Names and labels move the global generation instead.
        for (what, sql) in [("a user's name", "UPDATE users SET display_name = 'Sofie P.' WHERE id = 1"), ("a branch", "UPDATE branches SET name_fr = 'Gand!' WHERE id = 1"),
                            ("a source", "UPDATE lead_sources SET name_en = 'Web' WHERE id = 1")] {
            let before = try generation(w)
            try db.write { d in try d.execute(sql: sql) }
            #expect(try generation(w) > before, "\(what)")
        }
    }

    @Test func thePageDataIsReusedUntilTheRevisionMovesAndTheScopeIsCheckedEveryTime() throws {
        let w = try TestDriveStoreTests().world()
        let first = try #require(try w.db.leadPage(id: w.lead, visibleTo: Self.sofie))
        let again = try #require(try w.db.leadPage(id: w.lead, visibleTo: Self.sofie))
        #expect(again.revision == first.revision && again.comments == first.comments)
        #expect(w.db.leadPageCache.count == 1)
        // Out of scope: not found, whatever the cache holds.
        #expect(try w.db.leadPage(id: w.lead, visibleTo: TestDriveStoreTests.julien) == nil)
        // A change: the next read is fresh.
        _ = try w.db.addComment(leadID: w.lead, body: "Nieuw", by: Self.sofie, now: Self.now)
        let fresh = try #require(try w.db.leadPage(id: w.lead, visibleTo: Self.sofie))
        #expect(fresh.revision > first.revision && fresh.comments.first?.body == "Nieuw")
        // A rename (global generation): fresh names.
        try w.db.write { d in try d.execute(sql: "UPDATE users SET display_name = 'Sofie Peeters-Claes' WHERE id = 1") }
        let renamed = try #require(try w.db.leadPage(id: w.lead, visibleTo: Self.sofie))
        #expect(renamed.comments.first?.authorName == "Sofie Peeters-Claes")
    }
}
