import Foundation
import GRDB
import Showroom
@testable import Store
import Testing

@Suite struct TradeInStoreTests {
    static let now = Instant(seconds: 1_784_116_800) // 2026-07-15
    static let gentSeller = Viewer(userID: Fixture.sofie, visibility: .own(userID: Fixture.sofie, branches: [Fixture.gent]))
    static let gentManager = Viewer(userID: Fixture.jan, visibility: .branches([Fixture.gent]))
    static let namurSeller = Viewer(userID: Fixture.julien, visibility: .branches([Fixture.namur]))

    static func golf(euros: Int64 = 12_500) -> TradeInInput {
        var i = TradeInInput()
        i.make = "Volkswagen"
        i.model = "Golf"
        i.version = "2.0 TDI Style"
        i.vin = "WVWZZZ1KZAW000010"
        i.plate = "1-ABC-123"
        i.firstRegistration = CalendarDate(year: 2019, month: 3, day: 1)
        i.odometerKm = 98_000
        i.fuel = .diesel
        i.colour = "Zwart"
        i.conditionNotes = "Onderhoudsboekje volledig"
        i.damage = "Kras achterbumper"
        i.expectedRepairCost = Money(cents: 450_00)
        i.outstandingFinance = Money(cents: 3_000_00)
        i.estimatedValue = Money(cents: 14_000_00)
        i.offeredPrice = Money(cents: euros * 100)
        return i
    }

    func counter(_ f: Fixture, _ lead: Int64) throws -> Int64? { try f.scalar("SELECT tradein_count FROM leads WHERE id = ?", [lead]) }

    @Test func aRecordedTradeInReadsBackWithEveryFieldProposedAndCounted() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        let id = try f.database.createTradeIn(leadID: lead, Self.golf(), by: Self.gentSeller, now: Self.now)
        let ti = try #require(try f.database.tradeIn(id: id, visibleTo: Self.gentSeller))
        #expect(ti.input == Self.golf())
        #expect(ti.status == .proposed)
        #expect(ti.createdByName == "Sofie Peeters")
        #expect(ti.decidedAt == nil)
        #expect(try counter(f, lead) == 1)
        let page = try #require(try f.database.leadPage(id: lead, visibleTo: Self.gentSeller))
        #expect(page.lead.counters.tradeIns == 1)
        #expect(page.tradeIns.map(\.id) == [id])
        let event = try #require(page.timeline.first { $0.kind == .tradeIn })
        #expect(event.subjectID == id)
        #expect(event.detail == "Volkswagen Golf 2.0 TDI Style")
        #expect(event.newValue == "proposed")
    }

    @Test func anotherBranchsTradeInIsNotFound() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        let id = try f.database.createTradeIn(leadID: lead, Self.golf(), by: Self.gentSeller, now: Self.now)
        #expect(try f.database.tradeIn(id: id, visibleTo: Self.namurSeller) == nil)
        #expect(try f.database.tradeIns(leadID: lead, visibleTo: Self.namurSeller) == nil)
        #expect(try f.database.approvedTradeIns(leadID: lead, visibleTo: Self.namurSeller) == nil)
        #expect(throws: StoreError.notFound) { try f.database.createTradeIn(leadID: lead, Self.golf(), by: Self.namurSeller, now: Self.now) }
        #expect(throws: StoreError.notFound) { try f.database.updateTradeIn(id: id, Self.golf(euros: 1), version: 1, by: Self.namurSeller, now: Self.now) }
        #expect(throws: StoreError.notFound) {
            try f.database.decideTradeIn(id: id, approve: true, reason: "", mayApprove: true, version: 1, by: Self.namurSeller, now: Self.now)
        }
        #expect(throws: StoreError.notFound) { try f.database.deleteTradeIn(id: id, version: 1, by: Self.namurSeller, now: Self.now) }
        // Another salesperson of the same branch (own leads only) does not see it either.
        let jan = Viewer(userID: Fixture.jan, visibility: .own(userID: Fixture.jan, branches: [Fixture.gent]))
        #expect(try f.database.tradeIn(id: id, visibleTo: jan) == nil)
        #expect(try f.scalar("SELECT offered_price_cents FROM tradeins WHERE id = ?", [id]) == 12_500_00)
    }

    @Test func aStaleVersionIsAConflictAndWritesNothing() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        let id = try f.database.createTradeIn(leadID: lead, Self.golf(), by: Self.gentSeller, now: Self.now)
        var mine = Self.golf()
        mine.colour = "Wit"
        try f.database.updateTradeIn(id: id, mine, version: 1, by: Self.gentSeller, now: Self.now)
        var theirs = Self.golf()
        theirs.colour = "Rood"
        #expect(throws: StoreError.conflict) { try f.database.updateTradeIn(id: id, theirs, version: 1, by: Self.gentSeller, now: Self.now) }
        #expect(throws: StoreError.conflict) {
            try f.database.decideTradeIn(id: id, approve: true, reason: "", mayApprove: true, version: 1, by: Self.gentManager, now: Self.now)
        }
        #expect(throws: StoreError.conflict) { try f.database.deleteTradeIn(id: id, version: 1, by: Self.gentSeller, now: Self.now) }
        let ti = try #require(try f.database.tradeIn(id: id, visibleTo: Self.gentSeller))
        #expect(ti.input.colour == "Wit")
        #expect(ti.version == 2)
        #expect(ti.status == .proposed)
    }

    @Test func approvalNeedsThePermissionAndRefusingAReasonWithWhoWhenAndWhy() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        let a = try f.database.createTradeIn(leadID: lead, Self.golf(), by: Self.gentSeller, now: Self.now)
        let b = try f.database.createTradeIn(leadID: lead, Self.golf(euros: 20_000), by: Self.gentSeller, now: Self.now)
        #expect(throws: StoreError.invalid(.tradeInApprovalNotPermitted)) {
            try f.database.decideTradeIn(id: a, approve: true, reason: "", mayApprove: false, version: 1, by: Self.gentSeller, now: Self.now)
        }
        #expect(throws: StoreError.invalid(.tradeInReasonRequired)) {
            try f.database.decideTradeIn(id: b, approve: false, reason: " ", mayApprove: true, version: 1, by: Self.gentManager, now: Self.now)
        }
        let later = Self.now.adding(seconds: 3_600)
        try f.database.decideTradeIn(id: a, approve: true, reason: "", mayApprove: true, version: 1, by: Self.gentManager, now: later)
        try f.database.decideTradeIn(id: b, approve: false, reason: "Te hoog voor 98.000 km", mayApprove: true, version: 1, by: Self.gentManager, now: later)
        let approved = try #require(try f.database.tradeIn(id: a, visibleTo: Self.gentSeller))
        #expect(approved.status == .approved)
        #expect(approved.decidedByName == "Jan Claes")
        #expect(approved.decidedAt == later)
        let refused = try #require(try f.database.tradeIn(id: b, visibleTo: Self.gentSeller))
        #expect(refused.status == .refused)
        #expect(refused.decisionReason == "Te hoog voor 98.000 km")
        #expect(throws: StoreError.invalid(.tradeInAlreadyDecided)) {
            try f.database.decideTradeIn(id: b, approve: true, reason: "", mayApprove: true, version: 2, by: Self.gentManager, now: later)
        }
        // Only the approved one is offered to a quote, at its offered price.
        let offered = try #require(try f.database.approvedTradeIns(leadID: lead, visibleTo: Self.gentSeller))
        #expect(offered == [ApprovedTradeIn(id: a, description: "Volkswagen Golf 2.0 TDI Style · 1-ABC-123", offeredPrice: Money(cents: 12_500_00))])
        let events = try #require(try f.database.leadPage(id: lead, visibleTo: Self.gentSeller)).timeline.filter { $0.kind == .tradeIn }
        #expect(events.contains { $0.subjectID == b && $0.oldValue == "proposed" && $0.newValue == "refused" && $0.actorName == "Jan Claes" })
    }

    @Test func editingAnApprovedTradeInsPriceSendsItBackToProposed() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        let id = try f.database.createTradeIn(leadID: lead, Self.golf(), by: Self.gentSeller, now: Self.now)
        try f.database.decideTradeIn(id: id, approve: true, reason: "ok", mayApprove: true, version: 1, by: Self.gentManager, now: Self.now)
        // Another field: still approved.
        var edited = Self.golf()
        edited.colour = "Wit"
        #expect(try f.database.updateTradeIn(id: id, edited, version: 2, by: Self.gentSeller, now: Self.now) == .approved)
        #expect(try f.database.approvedTradeIns(leadID: lead, visibleTo: Self.gentSeller)?.count == 1)
        // The price: back to proposed, the decision cleared, no longer offered to quotes.
        edited.offeredPrice = Money(cents: 13_000_00)
        #expect(try f.database.updateTradeIn(id: id, edited, version: 3, by: Self.gentSeller, now: Self.now) == .proposed)
        let ti = try #require(try f.database.tradeIn(id: id, visibleTo: Self.gentSeller))
        #expect(ti.status == .proposed)
        #expect(ti.decidedAt == nil && ti.decidedByName == nil && ti.decisionReason.isEmpty)
        #expect(try f.database.approvedTradeIns(leadID: lead, visibleTo: Self.gentSeller) == [])
    }

    @Test func invalidInputIsRefusedByTheStoreToo() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        var bad = Self.golf()
        bad.vin = "WVWZZZ1KZAW0000I0"
        #expect(throws: StoreError.invalid(.vinInvalid)) { try f.database.createTradeIn(leadID: lead, bad, by: Self.gentSeller, now: Self.now) }
        bad = Self.golf(euros: 10_000_001)
        #expect(throws: StoreError.invalid(.tradeInAmountOutOfRange)) { try f.database.createTradeIn(leadID: lead, bad, by: Self.gentSeller, now: Self.now) }
        #expect(try counter(f, lead) == 0)
    }

    @Test func deletingDropsTheCounterButOneCreditedOnASentQuoteIsKept() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        let a = try f.database.createTradeIn(leadID: lead, Self.golf(), by: Self.gentSeller, now: Self.now)
        let b = try f.database.createTradeIn(leadID: lead, Self.golf(), by: Self.gentSeller, now: Self.now)
        #expect(try counter(f, lead) == 2)
        try f.database.decideTradeIn(id: a, approve: true, reason: "", mayApprove: true, version: 1, by: Self.gentManager, now: Self.now)
        // Credited on a quote: deletable while the quote is a draft, kept once a version was sent.
        let draft = QuoteDraft(vehicleID: 1, lines: [QuoteLine(kind: .vehicle, description: "Golf", unitPriceCents: 34_990_00),
                                                     .tradeInCredit("Overname Golf", creditCents: 12_500_00, tradeIn: a)],
                               validUntil: CalendarDate.brussels(Self.now).adding(days: 30))
        let quote = try f.database.createQuote(leadID: lead, draft, by: Self.gentSeller, now: Self.now)
        #expect(try f.database.tradeInIsDeletable(id: a, visibleTo: Self.gentSeller) == true)
        try f.database.write { db in try db.execute(sql: "UPDATE quote_revisions SET sent_at = 1 WHERE quote_id = ?", arguments: [quote]) }
        #expect(try f.database.tradeInIsDeletable(id: a, visibleTo: Self.gentSeller) == false)
        #expect(throws: StoreError.invalid(.tradeInInUse)) { try f.database.deleteTradeIn(id: a, version: 2, by: Self.gentSeller, now: Self.now) }
        #expect(try f.database.deleteTradeIn(id: b, version: 1, by: Self.gentSeller, now: Self.now) == lead)
        #expect(try counter(f, lead) == 1)
        #expect(try f.database.tradeIn(id: b, visibleTo: Self.gentSeller) == nil)
        // The entries about it stay on the timeline without a link.
        #expect(try f.scalar("SELECT count(*) FROM timeline_events WHERE kind = 'tradein' AND subject_id = ?", [b]) == 0)
        #expect(try f.scalar("SELECT count(*) FROM timeline_events WHERE kind = 'tradein' AND new_value = 'deleted'") == 1)
    }

    @Test func aQuoteCreditsOnlyAnApprovedTradeInOfItsLeadAtExactlyItsPrice() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        let other = try f.addLead(lastName: "Janssens")
        let proposed = try f.database.createTradeIn(leadID: lead, Self.golf(), by: Self.gentSeller, now: Self.now)
        let approved = try f.database.createTradeIn(leadID: lead, Self.golf(), by: Self.gentSeller, now: Self.now)
        try f.database.decideTradeIn(id: approved, approve: true, reason: "", mayApprove: true, version: 1, by: Self.gentManager, now: Self.now)
        let elsewhere = try f.database.createTradeIn(leadID: other, Self.golf(), by: Self.gentSeller, now: Self.now)
        try f.database.decideTradeIn(id: elsewhere, approve: true, reason: "", mayApprove: true, version: 1, by: Self.gentManager, now: Self.now)
        func draft(_ credit: QuoteLine) -> QuoteDraft {
            QuoteDraft(vehicleID: 1, lines: [QuoteLine(kind: .vehicle, description: "Golf", unitPriceCents: 34_990_00), credit],
                       validUntil: CalendarDate.brussels(Self.now).adding(days: 30))
        }
        for (credit, refusal) in [(QuoteLine.tradeInCredit("Typed by hand", creditCents: 12_500_00), RuleViolation.tradeInCreditNotApproved),
                                  (.tradeInCredit("Proposed", creditCents: 12_500_00, tradeIn: proposed), .tradeInCreditNotApproved),
                                  (.tradeInCredit("Another lead's", creditCents: 12_500_00, tradeIn: elsewhere), .tradeInCreditNotApproved),
                                  (.tradeInCredit("Higher", creditCents: 13_000_00, tradeIn: approved), .tradeInCreditPriceDiffers)] {
            #expect(throws: StoreError.invalid(refusal)) { try f.database.createQuote(leadID: lead, draft(credit), by: Self.gentSeller, now: Self.now) }
        }
        #expect(try f.scalar("SELECT count(*) FROM quotes") == 0)
        let quote = try f.database.createQuote(leadID: lead, draft(.tradeInCredit("Golf", creditCents: 12_500_00, tradeIn: approved)), by: Self.gentSeller, now: Self.now)
        let q = try #require(try f.database.quote(id: quote, revision: nil, visibleTo: Self.gentSeller))
        #expect(q.shown.lines.last?.line.tradeInID == approved)
    }

    @Test func theMigrationKeepsOldRowsCountersAndTriggersAndGrantsApprovers() throws {
        let queue = try DatabaseQueue()
        var migrator = Migrations.migrator
        try migrator.migrate(queue, upTo: "v7-vehicles")
        try queue.write { db in
            try db.execute(sql: """
            INSERT INTO branches (id, name, name_fr, name_en, city) VALUES (1, 'Gent', 'Gand', 'Ghent', 'Gent');
            INSERT INTO users (id, username, display_name, created_at) VALUES (1, 'sofie', 'Sofie Peeters', 0);
            INSERT INTO lead_types (id, name_nl, name_fr, name_en) VALUES (1, 'Nieuwe wagen', 'Voiture neuve', 'New car');
            INSERT INTO lead_sources (id, name_nl, name_fr, name_en) VALUES (1, 'Website', 'Site web', 'Website');
            INSERT INTO contacts (kind, first_name, last_name, email, created_at, updated_at) VALUES ('person', 'An', 'Peeters', 'an@example.be', 0, 0);
            INSERT INTO leads (id, code, status, contact_id, type_id, source_id, branch_id, responsible_id, created_at, last_activity_at)
                VALUES (1, 'L-2026-000001', 0, 1, 1, 1, 1, 1, 0, 0);
            INSERT INTO tradeins (lead_id, make, model, model_version, mileage_km, fuel, estimated_value_cents, created_at)
                VALUES (1, 'Peugeot', '208', 'Active', 120000, 'elektrisch', 900000, 5), (1, 'Renault', 'Clio', '', 80000, 'benzine', 700000, 6);
            INSERT INTO profiles (id, name) VALUES (1, 'Verkoper'), (2, 'Verkoopverantwoordelijke');
            INSERT INTO profile_grants (profile_id, permission, scope) VALUES (1, 'leads.view', 'own'), (2, 'leads.view', 'branch');
            """)
        }
        migrator = Migrations.migrator
        try migrator.migrate(queue)
        try queue.write { db in
            #expect(try Int.fetchOne(db, sql: "SELECT tradein_count FROM leads WHERE id = 1") == 2)
            let rows = try Row.fetchAll(db, sql: "SELECT fuel, status, updated_at FROM tradeins ORDER BY id")
            #expect(rows.map { $0["fuel"] as String } == ["electric", "petrol"])
            #expect(rows.map { $0["status"] as String } == ["proposed", "proposed"])
            #expect(rows.map { $0["updated_at"] as Int64 } == [5, 6])
            // The counter's triggers still work on the altered table.
            try db.execute(sql: "INSERT INTO tradeins (lead_id, make, model, created_at) VALUES (1, 'Kia', 'Niro', 7)")
            #expect(try Int.fetchOne(db, sql: "SELECT tradein_count FROM leads WHERE id = 1") == 3)
            try db.execute(sql: "DELETE FROM tradeins WHERE make = 'Peugeot'")
            #expect(try Int.fetchOne(db, sql: "SELECT tradein_count FROM leads WHERE id = 1") == 2)
            #expect(throws: (any Error).self) { try db.execute(sql: "UPDATE tradeins SET status = 'maybe'") }
            #expect(try Int64.fetchAll(db, sql: "SELECT profile_id FROM profile_grants WHERE permission = 'tradeins.approve'") == [2])
        }
    }

    @Test func demoTradeInsAreRealistic() throws {
        let db = try Demo.database(leadCount: 300)
        let rows = try db.read { db in try Row.fetchAll(db, sql: "SELECT status, offered_price_cents, estimated_value_cents, decided_by, decision_reason, plate FROM tradeins") }
        #expect(rows.count > 20)
        #expect(rows.allSatisfy { ($0["offered_price_cents"] as Int64) > 0 && ($0["offered_price_cents"] as Int64) <= ($0["estimated_value_cents"] as Int64) })
        let statuses = rows.map { $0["status"] as String }
        let approved = statuses.filter { $0 == "approved" }.count, proposed = statuses.filter { $0 == "proposed" }.count
        #expect(approved > proposed && proposed > 0 && approved + proposed > rows.count * 3 / 4)
        #expect(rows.filter { ($0["status"] as String) == "refused" }.allSatisfy { !($0["decision_reason"] as String).isEmpty && ($0["decided_by"] as Int64?) != nil })
        #expect(rows.allSatisfy { !($0["plate"] as String).isEmpty })
        let counted = try db.read { db in try Int.fetchOne(db, sql: "SELECT sum(tradein_count) FROM leads") }
        #expect(counted == rows.count)
    }
}
