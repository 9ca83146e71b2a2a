import Foundation
import GRDB
import Showroom
@testable import Store
import Testing

/// Quotes in the store: numbering without gaps, revisions frozen once sent, approval of large
/// discounts, acceptance reserving the car in the same transaction, and the lead's scope.
@Suite struct QuoteStoreTests {
    static let now = VehicleStoreTests.now // 2026-07-15
    static let sofie = Viewer(userID: Fixture.sofie, visibility: .own(userID: Fixture.sofie, branches: [Fixture.gent]))
    static let jan = Viewer(userID: Fixture.jan, visibility: .own(userID: Fixture.jan, branches: [Fixture.gent]))
    static let julien = Viewer(userID: Fixture.julien, visibility: .branches([Fixture.namur]))
    static let manager = Viewer(userID: Fixture.jan, visibility: .all)
    static let today = CalendarDate.brussels(now)

    struct World {
        let f: Fixture
        let lead: Int64, otherLead: Int64, namurLead: Int64
        let golf: Int64, clio: Int64, peugeot: Int64
        var db: AppDatabase { f.database }
    }

    func world() throws -> World {
        let (f, cars) = try VehicleStoreTests().stocked()
        var clio = VehicleStoreTests.car("VF1RK3EYCER000099", make: "Renault", model: "Clio", euros: 14_500, condition: .used)
        clio.vatRegime = .margin
        let marginClio = try f.database.createVehicle(clio, viewer: VehicleStoreTests.everyone, now: Self.now)
        return World(f: f, lead: try f.addLead(), otherLead: try f.addLead(responsible: Fixture.jan, lastName: "Janssens"),
                     namurLead: try f.addLead(branch: Fixture.namur, responsible: Fixture.julien, lastName: "Dubois"),
                     golf: cars[0], clio: marginClio, peugeot: cars[3])
    }

    static func draft(car: Int64, price: Int64 = 36_990_00, extra: [QuoteLine] = [], vat: VATTreatment = .rate(.standard), days: Int = 30) -> QuoteDraft {
        QuoteDraft(vehicleID: car, lines: [QuoteLine(kind: .vehicle, description: "Volkswagen Golf 1.5 eTSI Life", unitPriceCents: price, vat: vat)] + extra,
                   validUntil: today.adding(days: days))
    }

    func count(_ w: World, _ sql: String) throws -> Int64 { try w.f.scalar(sql) ?? -1 }

    @Test func aNewQuoteIsNumberedWithItsLinesAndCounted() throws {
        let w = try world()
        let id = try w.db.createQuote(leadID: w.lead, Self.draft(car: w.golf, extra: [QuoteLine(kind: .accessory, description: "Winterbanden", unitPriceCents: 1_150_00)]),
                                      by: Self.sofie, now: Self.now)
        let q = try #require(try w.db.quote(id: id, visibleTo: Self.sofie))
        #expect(q.number == "O-2026-000001")
        #expect(q.status == .draft && q.currentRevision == 1)
        #expect(q.shown.lines.count == 2)
        // 36.990,00 incl. 21 %: VAT 6.419,75 (36.990 × 21 / 121 = 6.419,752…), excl. 30.570,25.
        #expect(q.shown.lines[0].vatCents == 6_419_75 && q.shown.lines[0].exclCents == 30_570_25)
        #expect(q.shown.inclCents == 38_140_00 && q.shown.exclCents + q.shown.vatCents == q.shown.inclCents)
        #expect(try w.db.leadHeader(id: w.lead, visibleTo: Self.sofie)?.counters.quotes == 1)
        #expect(try count(w, "SELECT count(*) FROM timeline_events WHERE kind = 'quote' AND subject_id = \(id)") == 1)
    }

    @Test func numbersHaveNoGapsEvenWhenACreateFails() throws {
        let w = try world()
        _ = try w.db.createQuote(leadID: w.lead, Self.draft(car: w.golf), by: Self.sofie, now: Self.now)
        // Refused inside the transaction (a discount larger than the car): the number goes back.
        let tooMuch = Self.draft(car: w.golf, extra: [.discount("Te veel", amountCents: 40_000_00, of: 0)])
        #expect(throws: StoreError.invalid(.discountExceedsLine)) { try w.db.createQuote(leadID: w.lead, tooMuch, by: Self.sofie, now: Self.now) }
        let id = try w.db.createQuote(leadID: w.lead, Self.draft(car: w.golf), by: Self.sofie, now: Self.now)
        #expect(try w.db.quote(id: id, visibleTo: Self.sofie)?.number == "O-2026-000002")
        #expect(try count(w, "SELECT count(*) FROM quotes") == 2)
        #expect(try count(w, "SELECT count(*) FROM quote_revisions") == 2)
    }

    @Test func anotherBranchsQuoteAndCarAreNotFound() throws {
        let w = try world()
        let id = try w.db.createQuote(leadID: w.lead, Self.draft(car: w.golf), by: Self.sofie, now: Self.now)
        #expect(try w.db.quote(id: id, visibleTo: Self.julien) == nil)
        #expect(try w.db.quotes(leadID: w.lead, visibleTo: Self.julien) == nil)
        // Jan (own leads in Gent) does not see Sofie's lead's quote either.
        #expect(try w.db.quote(id: id, visibleTo: Self.jan) == nil)
        #expect(throws: StoreError.notFound) {
            try w.db.changeQuote(id: id, .send, policy: .default, mayApprove: true, version: 1, by: Self.julien, now: Self.now)
        }
        #expect(throws: StoreError.notFound) {
            try w.db.updateQuote(id: id, Self.draft(car: w.golf, price: 1_00), version: 1, by: Self.julien, now: Self.now)
        }
        // Julien may not quote a Gent car on his Namur lead, nor quote on a Gent lead at all.
        #expect(throws: StoreError.invalid(.vehicleNotAvailable)) {
            try w.db.createQuote(leadID: w.namurLead, Self.draft(car: w.golf), by: Self.julien, now: Self.now)
        }
        #expect(throws: StoreError.notFound) { try w.db.createQuote(leadID: w.lead, Self.draft(car: w.peugeot), by: Self.julien, now: Self.now) }
        #expect(try count(w, "SELECT count(*) FROM quotes") == 1)
    }

    @Test func aSentQuoteIsFrozenAndAChangeMakesVersionTwo() throws {
        let w = try world()
        let id = try w.db.createQuote(leadID: w.lead, Self.draft(car: w.golf), by: Self.sofie, now: Self.now)
        // A draft changes in place.
        try w.db.updateQuote(id: id, Self.draft(car: w.golf, price: 35_990_00), version: 1, by: Self.sofie, now: Self.now)
        #expect(try w.db.quote(id: id, visibleTo: Self.sofie)?.currentRevision == 1)
        try w.db.changeQuote(id: id, .send, policy: .default, mayApprove: false, version: 2, by: Self.sofie, now: Self.now)
        let sent = try #require(try w.db.quote(id: id, visibleTo: Self.sofie))
        #expect(sent.status == .sent && sent.shown.sentAt == Self.now)
        let written = try w.db.updateQuote(id: id, Self.draft(car: w.golf, price: 34_990_00), version: sent.version, by: Self.sofie, now: Self.now)
        #expect(written == 2)
        let v2 = try #require(try w.db.quote(id: id, visibleTo: Self.sofie))
        #expect(v2.status == .draft && v2.currentRevision == 2 && v2.shown.inclCents == 34_990_00 && v2.shown.sentAt == nil)
        let v1 = try #require(try w.db.quote(id: id, revision: 1, visibleTo: Self.sofie))
        #expect(v1.shown.inclCents == 35_990_00 && v1.shown.sentAt == Self.now && !v1.showsCurrent)
        #expect(v2.revisions.map(\.number) == [1, 2])
        // Still one quote on the lead's counter.
        #expect(try w.db.leadHeader(id: w.lead, visibleTo: Self.sofie)?.counters.quotes == 1)
    }

    @Test func aStaleVersionIsAConflictAndChangesNothing() throws {
        let w = try world()
        let id = try w.db.createQuote(leadID: w.lead, Self.draft(car: w.golf), by: Self.sofie, now: Self.now)
        try w.db.updateQuote(id: id, Self.draft(car: w.golf, price: 35_000_00), version: 1, by: Self.sofie, now: Self.now)
        #expect(throws: StoreError.conflict) {
            try w.db.updateQuote(id: id, Self.draft(car: w.golf, price: 1_000_00), version: 1, by: Self.sofie, now: Self.now)
        }
        #expect(try w.db.quote(id: id, visibleTo: Self.sofie)?.shown.inclCents == 35_000_00)
    }

    @Test func aDiscountOverTheLimitWaitsForAManagersApproval() throws {
        let w = try world()
        let big = Self.draft(car: w.golf, extra: [.discount("Actie", basisPoints: 1_500, of: 0)])
        let id = try w.db.createQuote(leadID: w.lead, big, by: Self.sofie, now: Self.now)
        let policy = DiscountPolicy(limitBasisPoints: 1_000)
        #expect(throws: StoreError.invalid(.quoteNeedsApproval)) {
            try w.db.changeQuote(id: id, .send, policy: policy, mayApprove: false, version: 1, by: Self.sofie, now: Self.now)
        }
        try w.db.changeQuote(id: id, .requestApproval, policy: policy, mayApprove: false, version: 1, by: Self.sofie, now: Self.now)
        // The salesperson cannot approve their own request.
        #expect(throws: StoreError.invalid(.quoteApprovalNotPermitted)) {
            try w.db.changeQuote(id: id, .approve, policy: policy, mayApprove: false, version: 2, by: Self.sofie, now: Self.now)
        }
        try w.db.changeQuote(id: id, .approve, policy: policy, mayApprove: true, version: 2, by: Self.manager, now: Self.now)
        let approved = try #require(try w.db.quote(id: id, visibleTo: Self.sofie))
        #expect(approved.status == .approved && approved.approvedByName == "Jan Claes")
        try w.db.changeQuote(id: id, .send, policy: policy, mayApprove: false, version: approved.version, by: Self.sofie, now: Self.now)
        #expect(try w.db.quote(id: id, visibleTo: Self.sofie)?.status == .sent)
    }

    static let order = OrderFormInput(signedPlace: "Gent", signedOn: today, depositCents: 1_000_00, deliveryBy: today.adding(days: 30), channel: .showroom,
                                      essentials: "Trekhaak nodig voor de caravan", warrantyMonths: 24)

    func sentQuote(_ w: World, lead: Int64, car: Int64, by viewer: Viewer, days: Int = 30) throws -> Int64 {
        let id = try w.db.createQuote(leadID: lead, Self.draft(car: car, days: days), by: viewer, now: Self.now)
        try w.db.changeQuote(id: id, .send, policy: .default, mayApprove: false, version: 1, by: viewer, now: Self.now)
        return id
    }

    @Test func acceptingReservesTheCarAndMakesTheOrderForm() throws {
        let w = try world()
        let id = try sentQuote(w, lead: w.lead, car: w.golf, by: Self.sofie)
        let number = try w.db.acceptQuote(id: id, order: Self.order, policy: .default, version: 2, by: Self.sofie, now: Self.now)
        #expect(number == "B-2026-000001")
        let q = try #require(try w.db.quote(id: id, visibleTo: Self.sofie))
        #expect(q.status == .accepted && q.order?.number == number && q.order?.input == Self.order)
        #expect(try w.db.vehicle(id: w.golf, viewer: Self.sofie)?.vehicle.input.status == .reserved)
        // Accepted is final: no new version.
        #expect(throws: StoreError.invalid(.quoteTransitionNotAllowed)) {
            try w.db.updateQuote(id: id, Self.draft(car: w.golf), version: q.version, by: Self.sofie, now: Self.now)
        }
    }

    @Test func aCarAcceptedOnOneLeadCannotBeAcceptedOnAnotherAndNothingIsHalfWritten() throws {
        let w = try world()
        let first = try sentQuote(w, lead: w.lead, car: w.golf, by: Self.sofie)
        let second = try sentQuote(w, lead: w.otherLead, car: w.golf, by: Self.jan)
        try w.db.acceptQuote(id: first, order: Self.order, policy: .default, version: 2, by: Self.sofie, now: Self.now)
        #expect(throws: StoreError.invalid(.vehicleNotAvailable)) {
            try w.db.acceptQuote(id: second, order: Self.order, policy: .default, version: 2, by: Self.jan, now: Self.now)
        }
        #expect(try w.db.quote(id: second, visibleTo: Self.jan)?.status == .sent)
        #expect(try count(w, "SELECT count(*) FROM order_forms") == 1)
        #expect(try count(w, "SELECT last FROM document_sequences WHERE kind = 'order'") == 1)
        // The database refuses a second accepted quote for one car on its own, too.
        #expect(throws: DatabaseError.self) {
            try w.db.write { db in try db.execute(sql: "UPDATE quotes SET status = 'accepted' WHERE id = ?", arguments: [second]) }
        }
    }

    @Test func anExpiredQuoteCannotBeAccepted() throws {
        let w = try world()
        let id = try sentQuote(w, lead: w.lead, car: w.golf, by: Self.sofie, days: 2)
        let later = Instant(seconds: Self.now.seconds + 5 * 86_400)
        var order = Self.order
        order.signedOn = CalendarDate.brussels(later)
        order.deliveryBy = order.signedOn.adding(days: 30)
        #expect(throws: StoreError.invalid(.quoteExpired)) {
            try w.db.acceptQuote(id: id, order: order, policy: .default, version: 2, by: Self.sofie, now: later)
        }
        #expect(try w.db.vehicle(id: w.golf, viewer: Self.sofie)?.vehicle.input.status == .available)
        // Marking it expired is allowed once the date has passed.
        try w.db.changeQuote(id: id, .expire, policy: .default, mayApprove: false, version: 2, by: Self.sofie, now: later)
        #expect(try w.db.quote(id: id, visibleTo: Self.sofie)?.status == .expired)
    }

    @Test func aDepositAboveTheLimitIsRefusedAndNothingIsReserved() throws {
        let w = try world()
        let id = try sentQuote(w, lead: w.lead, car: w.golf, by: Self.sofie)
        var order = Self.order
        order.depositCents = 36_990_00 * 16 / 100
        #expect(throws: StoreError.invalid(.depositTooHigh)) {
            try w.db.acceptQuote(id: id, order: order, policy: .default, version: 2, by: Self.sofie, now: Self.now)
        }
        #expect(try w.db.vehicle(id: w.golf, viewer: Self.sofie)?.vehicle.input.status == .available)
        #expect(try count(w, "SELECT count(*) FROM order_forms") == 0)
    }

    @Test func aSoldCarCannotBeQuoted() throws {
        let w = try world()
        try w.db.write { db in try AppDatabase.markSold(db, vehicleID: w.golf, viewer: Self.manager, now: Self.now) }
        #expect(throws: StoreError.invalid(.vehicleNotAvailable)) {
            try w.db.createQuote(leadID: w.lead, Self.draft(car: w.golf), by: Self.sofie, now: Self.now)
        }
    }

    @Test func aMarginSchemeCarShowsNoVATOnItsLine() throws {
        let w = try world()
        let d = Self.draft(car: w.clio, price: 14_500_00, extra: [QuoteLine(kind: .accessory, description: "Trekhaak", unitPriceCents: 605_00)], vat: .marginScheme)
        let id = try w.db.createQuote(leadID: w.lead, d, by: Self.sofie, now: Self.now)
        let q = try #require(try w.db.quote(id: id, visibleTo: Self.sofie))
        #expect(q.shown.marginScheme)
        #expect(q.shown.lines[0].vatCents == 0 && q.shown.lines[0].line.vat == .marginScheme)
        // The accessory stays a 21 % line: 605 × 21 / 121 = 105,00.
        #expect(q.shown.lines[1].vatCents == 105_00 && q.shown.vatCents == 105_00)
    }

    @Test func theContactsOwnVATRateIsReadInTheLeadsScope() throws {
        let w = try world()
        try w.db.write { db in
            try db.execute(sql: "UPDATE contacts SET vat_rate_permille = 60 WHERE id = (SELECT contact_id FROM leads WHERE id = ?)", arguments: [w.lead])
        }
        #expect(try w.db.contactVATRate(leadID: w.lead, visibleTo: Self.sofie) == VATRate(basisPoints: 600))
        #expect(try w.db.contactVATRate(leadID: w.lead, visibleTo: Self.julien) == nil)
        #expect(try w.db.contactVATRate(leadID: w.otherLead, visibleTo: Self.jan) == nil) // no rate of their own
    }

    @Test func demoQuotesAreRealAndMatchTheCounters() throws {
        let db = try Demo.database()
        let mismatched = try db.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM leads l WHERE l.quote_count <> (SELECT count(*) FROM quotes q WHERE q.lead_id = l.id)")
        }
        #expect(mismatched == 0)
        let (quotes, withoutLines) = try db.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM quotes") ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM quote_revisions r WHERE NOT EXISTS (SELECT 1 FROM quote_lines WHERE revision_id = r.id)") ?? -1)
        }
        #expect(quotes > 50 && withoutLines == 0)
        // Numbers are gapless per year.
        let gaps = try db.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT year, max(seq) - count(*) AS gap FROM quotes GROUP BY year) WHERE gap <> 0")
        }
        #expect(gaps == 0)
    }
}
