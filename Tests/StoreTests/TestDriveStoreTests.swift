import Foundation
import GRDB
import Showroom
@testable import Store
import Testing

/// Test drives in the store: booking within scope, the car's bookability, no double booking
/// (refused by the store's check and, underneath it, by the schema's trigger, also under
/// concurrent writers), the outcome with the odometer, versions and the calendars' scope.
@Suite struct TestDriveStoreTests {
    static let now = VehicleStoreTests.now // 2026-07-15 12:00 UTC
    static let sofie = Viewer(userID: Fixture.sofie, visibility: .own(userID: Fixture.sofie, branches: [Fixture.gent]))
    static let jan = Viewer(userID: Fixture.jan, visibility: .own(userID: Fixture.jan, branches: [Fixture.gent]))
    static let julien = Viewer(userID: Fixture.julien, visibility: .branches([Fixture.namur]))

    struct World {
        let f: Fixture
        let lead: Int64, janLead: Int64, namurLead: Int64
        let golf: Int64, clio: Int64, peugeot: Int64
        var db: AppDatabase { f.database }
    }

    func world() throws -> World {
        let (f, cars) = try VehicleStoreTests().stocked()
        return World(f: f, lead: try f.addLead(), janLead: try f.addLead(responsible: Fixture.jan, lastName: "Janssens"),
                     namurLead: try f.addLead(branch: Fixture.namur, responsible: Fixture.julien, lastName: "Dubois"),
                     golf: cars[0], clio: cars[2], peugeot: cars[3])
    }

    /// Tomorrow 10:00 Brussels (08:00 UTC in summer) plus `hours`.
    static func slot(_ hours: Int = 0) -> Instant { Instant(seconds: now.seconds + 20 * 3600 + Int64(hours) * 3600) }

    static func input(car: Int64, contact: Int64? = nil, at start: Instant = slot(), minutes: Int = 60) -> TestDriveInput {
        var i = TestDriveInput()
        i.vehicleID = car
        i.startsAt = start
        i.durationMinutes = minutes
        i.driver = contact.map { .contact(id: $0) } ?? .other(name: "Tom Peeters", birthDate: CalendarDate(year: 1990, month: 4, day: 2))
        i.licenceNumber = "1234567890"
        i.licenceExpiry = CalendarDate(year: 2030, month: 1, day: 1)
        i.licenceChecked = true
        i.plate = "1-ZZZ-999"
        return i
    }

    func contactOf(_ w: World, _ lead: Int64) throws -> Int64 { try w.f.scalar("SELECT contact_id FROM leads WHERE id = ?", [lead])! }

    @Test func aBookedDriveReadsBackCountedOnTheTimelineAndInTheLeadsList() throws {
        let w = try world()
        let contact = try contactOf(w, w.lead)
        let id = try w.db.createTestDrive(leadID: w.lead, Self.input(car: w.golf, contact: contact), by: Self.sofie, now: Self.now)
        let d = try #require(try w.db.testDrive(id: id, visibleTo: Self.sofie))
        #expect(d.status == .planned)
        #expect(d.driverName == "An Peeters")
        #expect(d.input.driver == .contact(id: contact))
        #expect(d.input.licenceChecked && d.licenceCheckedByName == "Sofie Peeters" && d.licenceCheckedAt == Self.now)
        #expect(d.vehicleTitle == "Volkswagen Golf 1.5 eTSI Life")
        let page = try #require(try w.db.leadPage(id: w.lead, visibleTo: Self.sofie))
        #expect(page.lead.counters.testDrives == 1)
        #expect(page.testDrives.map(\.id) == [id])
        let event = try #require(page.timeline.first { $0.kind == .testDrive })
        #expect(event.subjectID == id && event.newValue == "planned" && event.detail == "Volkswagen Golf 1.5 eTSI Life")
    }

    @Test func anotherBranchsDriveIsNotFoundAndItsCarsCannotBeBooked() throws {
        let w = try world()
        let id = try w.db.createTestDrive(leadID: w.lead, Self.input(car: w.golf), by: Self.sofie, now: Self.now)
        #expect(try w.db.testDrive(id: id, visibleTo: Self.julien) == nil)
        #expect(try w.db.testDrives(leadID: w.lead, visibleTo: Self.julien) == nil)
        // Booking on a lead out of scope, or a car out of stock scope.
        #expect(throws: StoreError.notFound) { try w.db.createTestDrive(leadID: w.lead, Self.input(car: w.golf, at: Self.slot(3)), by: Self.julien, now: Self.now) }
        #expect(throws: StoreError.invalid(.invalidChoice)) {
            try w.db.createTestDrive(leadID: w.lead, Self.input(car: w.peugeot), by: Self.sofie, now: Self.now)
        }
        #expect(try w.db.bookableVehicles(visibleTo: Self.sofie).allSatisfy { $0.branchID == Fixture.gent })
        #expect(try w.db.testDriveCalendar(branchID: Fixture.gent, from: Self.now, to: Self.slot(48), visibleTo: Self.julien) == nil)
        #expect(try w.db.testDriveCalendar(vehicleID: w.golf, from: Self.now, to: Self.slot(48), visibleTo: Self.julien) == nil)
    }

    @Test func anOverlappingBookingIsRefusedAndNamedButTouchingEndsAreFine() throws {
        let w = try world()
        let first = try w.db.createTestDrive(leadID: w.lead, Self.input(car: w.golf), by: Self.sofie, now: Self.now)
        // 10:30–11:30 overlaps 10:00–11:00.
        let clash = Self.input(car: w.golf, at: Self.slot().adding(seconds: 1800))
        #expect(throws: StoreError.invalid(.testDriveOverlap)) { try w.db.createTestDrive(leadID: w.janLead, clash, by: Self.jan, now: Self.now) }
        // Jan may not see Sofie's lead: the slot is named with who booked it, not the lead.
        let other = try #require(try w.db.overlappingTestDrive(vehicleID: w.golf, start: clash.startsAt, minutes: 60, excluding: nil, visibleTo: Self.jan))
        #expect(other.id == first && other.bookedByName == "Sofie Peeters" && other.leadID == nil && other.driverName == nil)
        let mine = try #require(try w.db.overlappingTestDrive(vehicleID: w.golf, start: clash.startsAt, minutes: 60, excluding: nil, visibleTo: Self.sofie))
        #expect(mine.leadID == w.lead && mine.driverName == "Tom Peeters")
        // 11:00–12:00 touches the end: fine. Another car at 10:00: fine.
        _ = try w.db.createTestDrive(leadID: w.janLead, Self.input(car: w.golf, at: Self.slot(1)), by: Self.jan, now: Self.now)
        _ = try w.db.createTestDrive(leadID: w.janLead, Self.input(car: w.clio), by: Self.jan, now: Self.now)
        #expect(try w.f.scalar("SELECT count(*) FROM testdrives") == 3)
    }

    @Test func theSchemaItselfRefusesAnOverlapWhateverTheCodeAbove() throws {
        let w = try world()
        _ = try w.db.createTestDrive(leadID: w.lead, Self.input(car: w.golf), by: Self.sofie, now: Self.now)
        let start = Self.slot().seconds + 600
        #expect(throws: DatabaseError.self) {
            try w.db.write { db in
                try db.execute(sql: "INSERT INTO testdrives (lead_id, vehicle_id, starts_at, duration_minutes, created_at) VALUES (?, ?, ?, 30, 0)",
                               arguments: [w.janLead, w.golf, start])
            }
        }
        // Moving another drive onto the slot is refused too; a cancelled drive holds nothing.
        let later = try w.db.createTestDrive(leadID: w.janLead, Self.input(car: w.golf, at: Self.slot(5)), by: Self.jan, now: Self.now)
        #expect(throws: DatabaseError.self) {
            try w.db.write { db in try db.execute(sql: "UPDATE testdrives SET starts_at = ? WHERE id = ?", arguments: [start, later]) }
        }
        try w.db.write { db in
            try db.execute(sql: "INSERT INTO testdrives (lead_id, vehicle_id, starts_at, duration_minutes, created_at, status) VALUES (?, ?, ?, 30, 0, 'cancelled')",
                           arguments: [w.janLead, w.golf, start])
        }
        #expect(try w.f.scalar("SELECT count(*) FROM testdrives WHERE vehicle_id = ?", [w.golf]) == 3)
    }

    @Test func twentyConcurrentBookingsOfOneSlotMakeExactlyOne() throws {
        let dir = try TemporaryDirectory()
        let db = try AppDatabase(path: dir.path("td.sqlite"))
        try db.write { d in
            try d.execute(sql: """
                INSERT INTO branches (id, name, name_fr, name_en, city) VALUES (1, 'Gent', 'Gand', 'Ghent', 'Gent');
                INSERT INTO users (id, username, display_name, created_at) VALUES (1, 'sofie', 'Sofie Peeters', 0);
                INSERT INTO lead_types (id, name_nl, name_fr, name_en) VALUES (1, 'Nieuwe wagen', 'Voiture neuve', 'New car');
                INSERT INTO lead_sources (id, name_nl, name_fr, name_en) VALUES (1, 'Website', 'Site web', 'Website');
                INSERT INTO vehicles (id, vin, make, model, condition, price_cents, branch_id) VALUES (1, 'WVWZZZ1KZAW000001', 'Volkswagen', 'Golf', 'new', 3499000, 1);
                INSERT INTO contacts (id, kind, last_name, email, created_at, updated_at) VALUES (1, 'person', 'Peeters', 'a@b.be', 0, 0);
                INSERT INTO leads (id, code, contact_id, type_id, source_id, branch_id, responsible_id, created_at, last_activity_at)
                    VALUES (1, 'L-2026-000001', 1, 1, 1, 1, 1, 0, 0);
                """)
        }
        let viewer = Viewer(userID: 1, visibility: .all)
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 20) { n in
            // Twenty overlapping slots: the same hour, shifted by a minute each.
            let input = Self.input(car: 1, at: Self.slot().adding(seconds: Int64(n) * 60))
            do {
                _ = try db.createTestDrive(leadID: 1, input, by: viewer, now: Self.now)
                results.add("booked")
            } catch StoreError.invalid(.testDriveOverlap) {
                results.add("overlap")
            } catch {
                results.add("\(error)")
            }
        }
        #expect(results.values.filter { $0 == "booked" }.count == 1)
        #expect(results.values.filter { $0 == "overlap" }.count == 19)
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM testdrives") } == 1)
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT testdrive_count FROM leads WHERE id = 1") } == 1)
    }

    @Test func aSoldCarAndAReservedNonDemoCarCannotBeBookedAReservedDemoCarCan() throws {
        let w = try world()
        try w.db.write { db in try db.execute(sql: "UPDATE vehicles SET status = 'sold' WHERE id = ?", arguments: [w.golf]) }
        #expect(throws: StoreError.invalid(.vehicleNotBookable)) { try w.db.createTestDrive(leadID: w.lead, Self.input(car: w.golf), by: Self.sofie, now: Self.now) }
        try w.db.write { db in try db.execute(sql: "UPDATE vehicles SET status = 'reserved' WHERE id = ?", arguments: [w.clio]) }
        #expect(throws: StoreError.invalid(.vehicleNotBookable)) { try w.db.createTestDrive(leadID: w.lead, Self.input(car: w.clio), by: Self.sofie, now: Self.now) }
        try w.db.write { db in try db.execute(sql: "UPDATE vehicles SET condition = 'demo' WHERE id = ?", arguments: [w.clio]) }
        _ = try w.db.createTestDrive(leadID: w.lead, Self.input(car: w.clio), by: Self.sofie, now: Self.now)
        let bookable = try w.db.bookableVehicles(visibleTo: Self.sofie).map(\.id)
        #expect(!bookable.contains(w.golf) && bookable.contains(w.clio))
    }

    @Test func aDriverContactMustBeOnTheLead() throws {
        let w = try world()
        let stranger = try contactOf(w, w.janLead)
        #expect(throws: StoreError.invalid(.driverNotOnLead)) {
            try w.db.createTestDrive(leadID: w.lead, Self.input(car: w.golf, contact: stranger), by: Self.sofie, now: Self.now)
        }
    }

    @Test func theOutcomeNeedsTheOdometerNotGoingBackwardsAndEndsThePlan() throws {
        let w = try world()
        let id = try w.db.createTestDrive(leadID: w.lead, Self.input(car: w.golf), by: Self.sofie, now: Self.now)
        #expect(throws: StoreError.invalid(.odometerBackwards)) {
            try w.db.recordTestDriveOutcome(id: id, TestDriveOutcome(status: .done, odometerOutKm: 1200, odometerInKm: 1100), version: 1, by: Self.sofie, now: Self.now)
        }
        #expect(throws: StoreError.conflict) {
            try w.db.recordTestDriveOutcome(id: id, TestDriveOutcome(status: .done, odometerOutKm: 1200, odometerInKm: 1230), version: 7, by: Self.sofie, now: Self.now)
        }
        try w.db.recordTestDriveOutcome(id: id, TestDriveOutcome(status: .done, odometerOutKm: 1200, odometerInKm: 1234, notes: "Tevreden"), version: 1, by: Self.sofie, now: Self.now)
        let d = try #require(try w.db.testDrive(id: id, visibleTo: Self.sofie))
        #expect(d.status == .done && d.odometerOutKm == 1200 && d.odometerInKm == 1234 && d.input.notes == "Tevreden" && d.version == 2)
        // Done is done: no second outcome, no edit.
        #expect(throws: StoreError.invalid(.testDriveNotPlanned)) {
            try w.db.recordTestDriveOutcome(id: id, TestDriveOutcome(status: .cancelled), version: 2, by: Self.sofie, now: Self.now)
        }
        #expect(throws: StoreError.invalid(.testDriveNotPlanned)) { try w.db.updateTestDrive(id: id, Self.input(car: w.golf), version: 2, by: Self.sofie, now: Self.now) }
        let last = try #require(try w.db.leadPage(id: w.lead, visibleTo: Self.sofie)?.timeline.first { $0.kind == .testDrive })
        #expect(last.oldValue == "planned" && last.newValue == "done")
    }

    @Test func aCancelledDriveFreesItsSlot() throws {
        let w = try world()
        let id = try w.db.createTestDrive(leadID: w.lead, Self.input(car: w.golf), by: Self.sofie, now: Self.now)
        try w.db.recordTestDriveOutcome(id: id, TestDriveOutcome(status: .cancelled), version: 1, by: Self.sofie, now: Self.now)
        _ = try w.db.createTestDrive(leadID: w.janLead, Self.input(car: w.golf), by: Self.jan, now: Self.now)
        let week = try #require(try w.db.testDriveCalendar(vehicleID: w.golf, from: Self.now, to: Self.slot(48), visibleTo: Self.sofie))
        #expect(week.1.count == 1 && week.1[0].leadID == nil && week.1[0].bookedByName == "Jan Claes")
    }

    @Test func anEditKeepsTheCheckAndAStaleVersionIsAConflict() throws {
        let w = try world()
        let id = try w.db.createTestDrive(leadID: w.lead, Self.input(car: w.golf), by: Self.sofie, now: Self.now)
        var moved = Self.input(car: w.golf, at: Self.slot(2))
        moved.notes = "Klant komt later"
        try w.db.updateTestDrive(id: id, moved, version: 1, by: Self.sofie, now: Self.now.adding(seconds: 60))
        let d = try #require(try w.db.testDrive(id: id, visibleTo: Self.sofie))
        #expect(d.input.startsAt == Self.slot(2) && d.input.notes == "Klant komt later" && d.licenceCheckedAt == Self.now && d.version == 2)
        #expect(throws: StoreError.conflict) { try w.db.updateTestDrive(id: id, moved, version: 1, by: Self.sofie, now: Self.now) }
        // Moving it onto itself (overlapping its own old slot) is no clash.
        try w.db.updateTestDrive(id: id, Self.input(car: w.golf, at: Self.slot(2).adding(seconds: 900)), version: 2, by: Self.sofie, now: Self.now)
    }

    @Test func plannedDrivesForTheTaskOverviewAreMineOrInScope() throws {
        let w = try world()
        _ = try w.db.createTestDrive(leadID: w.lead, Self.input(car: w.golf), by: Self.sofie, now: Self.now)
        _ = try w.db.createTestDrive(leadID: w.janLead, Self.input(car: w.clio), by: Self.jan, now: Self.now)
        #expect(try w.db.plannedTestDrives(for: Self.sofie, mineOnly: true, from: Self.now, before: nil, limit: 20).count == 1)
        let manager = Viewer(userID: Fixture.jan, visibility: .branches([Fixture.gent]))
        #expect(try w.db.plannedTestDrives(for: manager, mineOnly: false, from: Self.now, before: nil, limit: 20).count == 2)
        #expect(try w.db.plannedTestDrives(for: Self.julien, mineOnly: false, from: Self.now, before: nil, limit: 20).isEmpty)
    }
}

/// Strings collected from concurrent work.
final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ s: String) { lock.lock(); list.append(s); lock.unlock() }
    var values: [String] { lock.lock(); defer { lock.unlock() }; return list }
}
