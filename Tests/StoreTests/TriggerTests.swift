import GRDB
import Showroom
import Testing
@testable import Store

/// The schema keeps the header's counters and the next deadline beside the lead.
struct CounterTriggerTests {
    func counters(_ f: Fixture, _ lead: Int64) throws -> LeadCounters? {
        try f.database.leadHeader(id: lead, visibleTo: seeing(.all))?.counters
    }

    @Test func insertingATradeInCountsIt() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        let other = try f.addLead()
        #expect(try f.scalar("SELECT tradein_count FROM leads WHERE id = ?", [lead]) == 0)
        try f.database.write { db in
            try db.execute(sql: "INSERT INTO tradeins (lead_id, make, model, created_at) VALUES (?, 'Peugeot', '208', 0)", arguments: [lead])
        }
        #expect(try f.scalar("SELECT tradein_count FROM leads WHERE id = ?", [lead]) == 1)
        #expect(try f.scalar("SELECT tradein_count FROM leads WHERE id = ?", [other]) == 0)
        try f.database.write { db in
            try db.execute(sql: "INSERT INTO tradeins (lead_id, make, model, created_at) VALUES (?, 'Renault', 'Clio', 0)", arguments: [lead])
        }
        #expect(try counters(f, lead) == LeadCounters(tradeIns: 2, testDrives: 0, quotes: 0))
    }

    @Test func deletingATradeInUncountsIt() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        try f.database.write { db in
            try db.execute(sql: "INSERT INTO tradeins (lead_id, make, model, created_at) VALUES (?, 'Peugeot', '208', 0)", arguments: [lead])
            try db.execute(sql: "INSERT INTO tradeins (lead_id, make, model, created_at) VALUES (?, 'Renault', 'Clio', 0)", arguments: [lead])
        }
        #expect(try f.scalar("SELECT tradein_count FROM leads WHERE id = ?", [lead]) == 2)
        try f.database.write { db in try db.execute(sql: "DELETE FROM tradeins WHERE make = 'Peugeot'") }
        #expect(try f.scalar("SELECT tradein_count FROM leads WHERE id = ?", [lead]) == 1)
        try f.database.write { db in try db.execute(sql: "DELETE FROM tradeins") }
        #expect(try f.scalar("SELECT tradein_count FROM leads WHERE id = ?", [lead]) == 0)
    }

    @Test func quotesAndTestDrivesAreCountedToo() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        try f.database.write { db in
            for seq in [1, 2] {
                try db.execute(sql: "INSERT INTO quotes (lead_id, number, year, seq, vehicle_id, created_at, updated_at) VALUES (?, ?, 2026, ?, 1, 0, 0)",
                               arguments: [lead, "O-2026-00000\(seq)", seq])
            }
            try db.execute(sql: "INSERT INTO testdrives (lead_id, vehicle_id, starts_at, duration_minutes, created_at) VALUES (?, 1, 0, 30, 0)", arguments: [lead])
        }
        #expect(try counters(f, lead) == LeadCounters(tradeIns: 0, testDrives: 1, quotes: 2))
        try f.database.write { db in
            try db.execute(sql: "DELETE FROM quotes WHERE seq = 2")
            try db.execute(sql: "DELETE FROM testdrives")
        }
        #expect(try counters(f, lead) == LeadCounters(tradeIns: 0, testDrives: 0, quotes: 1))
    }

    @Test func aRefusedInsertCountsNothing() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        #expect(throws: DatabaseError.self) {
            try f.database.write { db in
                try db.execute(sql: "INSERT INTO tradeins (lead_id, make, model, created_at) VALUES (?, 'Peugeot', '208', 0)", arguments: [lead])
                try db.execute(sql: "INSERT INTO tradeins (lead_id, make, model, mileage_km, created_at) VALUES (?, 'Renault', 'Clio', -5, 0)", arguments: [lead])
            }
        }
        #expect(try f.scalar("SELECT tradein_count FROM leads WHERE id = ?", [lead]) == 0)
        #expect(try f.scalar("SELECT count(*) FROM tradeins") == 0)
    }

    /// Moving a trade-in to another lead (e.g. merging two leads) leaves both counters wrong:
    /// there is no AFTER UPDATE OF lead_id trigger on tradeins/quotes/testdrives.
    /// Sources/Store/Migrations.swift, the `_count_insert` / `_count_delete` triggers.
    @Test func movingATradeInToAnotherLeadMovesItsCount() throws {
        let f = try Fixture()
        let a = try f.addLead()
        let b = try f.addLead()
        try f.database.write { db in
            try db.execute(sql: "INSERT INTO tradeins (lead_id, make, model, created_at) VALUES (?, 'Peugeot', '208', 0)", arguments: [a])
            try db.execute(sql: "UPDATE tradeins SET lead_id = ?", arguments: [b])
        }
        let countA = try f.scalar("SELECT tradein_count FROM leads WHERE id = ?", [a])
        let countB = try f.scalar("SELECT tradein_count FROM leads WHERE id = ?", [b])
        do {
            #expect(countA == 0)
            #expect(countB == 1)
        }
    }
}

struct NextDeadlineTriggerTests {
    @Test func leadWithoutDeadlinesHasNone() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        #expect(try f.nextDeadline(lead) == nil)
    }

    @Test func insertingDeadlinesKeepsTheEarliestOpenOne() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        try f.addDeadline(lead: lead, dueAt: 5_000)
        #expect(try f.nextDeadline(lead) == 5_000)
        try f.addDeadline(lead: lead, dueAt: 3_000)
        #expect(try f.nextDeadline(lead) == 3_000)
        try f.addDeadline(lead: lead, dueAt: 9_000)
        #expect(try f.nextDeadline(lead) == 3_000)
    }

    @Test func aDoneDeadlineDoesNotCount() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        try f.addDeadline(lead: lead, dueAt: 1_000, doneAt: 500)
        #expect(try f.nextDeadline(lead) == nil)
        try f.addDeadline(lead: lead, dueAt: 2_000)
        #expect(try f.nextDeadline(lead) == 2_000)
    }

    @Test func completingTheEarliestMovesToTheNextOne() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        let first = try f.addDeadline(lead: lead, dueAt: 1_000)
        let second = try f.addDeadline(lead: lead, dueAt: 2_000)
        try f.database.write { db in try db.execute(sql: "UPDATE deadlines SET done_at = 1500, contacted = 1 WHERE id = ?", arguments: [first]) }
        #expect(try f.nextDeadline(lead) == 2_000)
        try f.database.write { db in try db.execute(sql: "UPDATE deadlines SET done_at = 2500 WHERE id = ?", arguments: [second]) }
        #expect(try f.nextDeadline(lead) == nil)
        // Reopening one brings it back.
        try f.database.write { db in try db.execute(sql: "UPDATE deadlines SET done_at = NULL WHERE id = ?", arguments: [first]) }
        #expect(try f.nextDeadline(lead) == 1_000)
    }

    @Test func movingADeadlineUpdatesTheLead() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        let d = try f.addDeadline(lead: lead, dueAt: 1_000)
        try f.addDeadline(lead: lead, dueAt: 2_000)
        try f.database.write { db in try db.execute(sql: "UPDATE deadlines SET due_at = 3000 WHERE id = ?", arguments: [d]) }
        #expect(try f.nextDeadline(lead) == 2_000)
        try f.database.write { db in try db.execute(sql: "UPDATE deadlines SET due_at = 500 WHERE id = ?", arguments: [d]) }
        #expect(try f.nextDeadline(lead) == 500)
    }

    @Test func deletingDeadlinesRecomputesOrClears() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        let first = try f.addDeadline(lead: lead, dueAt: 1_000)
        let second = try f.addDeadline(lead: lead, dueAt: 2_000)
        try f.database.write { db in try db.execute(sql: "DELETE FROM deadlines WHERE id = ?", arguments: [first]) }
        #expect(try f.nextDeadline(lead) == 2_000)
        try f.database.write { db in try db.execute(sql: "DELETE FROM deadlines WHERE id = ?", arguments: [second]) }
        #expect(try f.nextDeadline(lead) == nil)
    }

    @Test func otherLeadsAreUntouched() throws {
        let f = try Fixture()
        let a = try f.addLead()
        let b = try f.addLead()
        try f.addDeadline(lead: a, dueAt: 1_000)
        try f.addDeadline(lead: b, dueAt: 7_000)
        let d = try f.addDeadline(lead: a, dueAt: 500)
        try f.database.write { db in try db.execute(sql: "DELETE FROM deadlines WHERE id = ?", arguments: [d]) }
        #expect(try f.nextDeadline(a) == 1_000)
        #expect(try f.nextDeadline(b) == 7_000)
    }

    @Test func overviewRowShowsTheTriggerValue() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        try f.addDeadline(lead: lead, dueAt: 4_000)
        try f.addDeadline(lead: lead, dueAt: 6_000)
        let row = try #require(try f.database.leads(LeadFilter(), visibleTo: seeing(.all)).rows.first)
        #expect(row.nextDeadline == Instant(seconds: 4_000))
        #expect(row.countdown(now: Instant(seconds: 3_000)) == .remaining(Span(seconds: 1_000)))
    }

    /// Moving a deadline from lead A to lead B must recompute A from A's own deadlines. The
    /// update trigger computes `min(due_at)` over NEW.lead_id only and writes it to both leads,
    /// so A gets B's deadline. Sources/Store/Migrations.swift, trigger `deadlines_after_update`.
    @Test func movingADeadlineToAnotherLeadRecomputesBoth() throws {
        let f = try Fixture()
        let a = try f.addLead()
        let b = try f.addLead()
        let moved = try f.addDeadline(lead: a, dueAt: 1_000)
        try f.addDeadline(lead: a, dueAt: 8_000)
        try f.database.write { db in try db.execute(sql: "UPDATE deadlines SET lead_id = ? WHERE id = ?", arguments: [b, moved]) }
        #expect(try f.nextDeadline(b) == 1_000)
        let nextOfA = try f.nextDeadline(a)
        do {
            #expect(nextOfA == 8_000)
        }
    }
}
