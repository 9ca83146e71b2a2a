import Foundation
import GRDB
import Showroom
@testable import Store
import Testing

/// The insight summaries (issue 13): kept by triggers in the transaction of every change, they
/// must always equal what a fresh count of the leads gives; the Brussels day in SQL must be
/// `BrusselsTime`'s; first contact and quote stage follow their records.
@Suite struct InsightSummaryTests {
    /// The summaries as they are, and as a fresh GROUP BY of the leads makes them (zero rows,
    /// left by changes, dropped).
    func summaries(_ db: Database) throws -> (kept: [String], fresh: [String]) {
        let columns = Migrations.insightDayColumns("x").map(\.0)
        let nonZero = columns.map { "\($0) <> 0" }.joined(separator: " OR ")
        func read(_ days: String, _ lost: String) throws -> [String] {
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(days) WHERE \(nonZero) ORDER BY 1, 2, 3, 4, 5")
                + Row.fetchAll(db, sql: "SELECT * FROM \(lost) WHERE n <> 0 ORDER BY 1, 2, 3, 4")
            return rows.map(\.description)
        }
        let kept = try read("insight_days", "insight_lost_days")
        try db.execute(sql: """
            CREATE TEMP TABLE fresh_days AS SELECT * FROM insight_days WHERE 0;
            CREATE TEMP TABLE fresh_lost AS SELECT * FROM insight_lost_days WHERE 0;
            """)
        let rebuild = Migrations.insightRebuildSQL
            .replacingOccurrences(of: "DELETE FROM insight_days;", with: "")
            .replacingOccurrences(of: "DELETE FROM insight_lost_days;", with: "")
            .replacingOccurrences(of: "INSERT INTO insight_days", with: "INSERT INTO fresh_days")
            .replacingOccurrences(of: "INSERT INTO insight_lost_days", with: "INSERT INTO fresh_lost")
        try db.execute(sql: rebuild)
        var fresh = try read("fresh_days", "fresh_lost")
        // And the months, summed here from the fresh days.
        let monthSums = columns.map { "sum(\($0)) AS \($0)" }.joined(separator: ", ")
        let keptMonths = try Row.fetchAll(db, sql: "SELECT * FROM insight_months WHERE \(nonZero) ORDER BY 1, 2, 3, 4, 5").map(\.description)
        let freshMonths = try Row.fetchAll(db, sql: """
            SELECT * FROM (SELECT CAST(strftime('%Y%m', day * 86400, 'unixepoch') AS INTEGER) AS month, branch_id, responsible_id, type_id, source_id, \(monthSums)
                           FROM fresh_days GROUP BY 1, 2, 3, 4, 5) WHERE \(nonZero) ORDER BY 1, 2, 3, 4, 5
            """).map(\.description)
        try db.execute(sql: "DROP TABLE fresh_days; DROP TABLE fresh_lost;")
        fresh += freshMonths
        return (kept + keptMonths, fresh)
    }

    @Test func everyKindOfChangeKeepsTheSummariesEqualToAFreshCount() throws {
        let database = try Demo.database(leadCount: 200)
        let admin = Viewer(userID: 1, visibility: .all)
        let now = Demo.now
        try database.write { db in
            let s = try summaries(db)
            #expect(s.kept == s.fresh)
            #expect(s.kept.count > 100)
        }
        let open = try database.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM leads WHERE status = 0 ORDER BY id LIMIT 6") }
        #expect(open.count == 6)
        func version(_ id: Int64) throws -> Int64 { try database.read { db in try Int64.fetchOne(db, sql: "SELECT version FROM leads WHERE id = ?", arguments: [id])! } }
        // Won, lost with a reason, reopened, reassigned to another branch, commented, a
        // deadline completed with the prospect reached, a comment deleted, a quote's status,
        // a test drive, a lead deleted.
        try database.setStatus(leadID: open[0], to: .won, lostReason: nil, version: try version(open[0]), by: admin, now: now)
        try database.setStatus(leadID: open[1], to: .lost, lostReason: 3, version: try version(open[1]), by: admin, now: now)
        try database.setStatus(leadID: open[1], to: .inProgress, lostReason: nil, version: try version(open[1]), by: admin, now: now)
        try database.setStatus(leadID: open[1], to: .lost, lostReason: 5, version: try version(open[1]), by: admin, now: now)
        let (branch, person) = try database.read { db in
            try Row.fetchOne(db, sql: "SELECT b.branch_id, b.user_id FROM user_branches b JOIN leads l ON l.id = ? WHERE b.branch_id <> l.branch_id AND b.user_id > 1 LIMIT 1",
                             arguments: [open[2]]).map { ($0[0] as Int64, $0[1] as Int64) }!
        }
        try database.assign(leadID: open[2], to: person, branch: branch, version: try version(open[2]), by: admin, now: now)
        let comment = try database.addComment(leadID: open[3], body: "Gebeld", by: admin, now: now)
        _ = try database.deleteComment(id: comment, by: admin, now: now)
        let deadline = try database.read { db in
            try Row.fetchOne(db, sql: "SELECT id, version FROM deadlines WHERE lead_id = ? AND done_at IS NULL", arguments: [open[4]])
        }
        if let deadline { _ = try database.completeDeadline(id: deadline[0], contacted: true, version: deadline[1], by: admin, now: now) }
        try database.write { db in
            try db.execute(sql: "UPDATE quotes SET status = 'accepted' WHERE id = (SELECT min(id) FROM quotes WHERE status = 'sent')")
            try db.execute(sql: "INSERT INTO testdrives (lead_id, vehicle_id, starts_at, duration_minutes, created_at) VALUES (?, 1, ?, 30, ?)",
                           arguments: [open[5], now.seconds, now.seconds])
            try db.execute(sql: "DELETE FROM leads WHERE id = (SELECT max(id) FROM leads WHERE status = 2)")
            try db.execute(sql: "UPDATE leads SET created_at = created_at - 86400 * 40, type_id = 1, source_id = 2 WHERE id = ?", arguments: [open[5]])
        }
        try database.write { db in
            let s = try summaries(db)
            #expect(s.kept == s.fresh)
        }
    }

    @Test func firstContactAndQuoteStageFollowTheirRecords() throws {
        let f = try Fixture()
        let lead = try f.addLead(createdAt: 1_767_222_000)
        #expect(try f.scalar("SELECT first_contact_at FROM leads WHERE id = ?", [lead]) == nil)
        let d = try f.addDeadline(lead: lead, dueAt: 1_767_300_000)
        try f.database.write { db in try db.execute(sql: "UPDATE deadlines SET done_at = 1767229000, contacted = 1 WHERE id = ?", arguments: [d]) }
        #expect(try f.scalar("SELECT first_contact_at FROM leads WHERE id = ?", [lead]) == 1_767_229_000)
        try f.database.write { db in
            try db.execute(sql: "INSERT INTO comments (lead_id, body, created_at, updated_at) VALUES (?, 'x', 1767225000, 1767225000)", arguments: [lead])
        }
        #expect(try f.scalar("SELECT first_contact_at FROM leads WHERE id = ?", [lead]) == 1_767_225_000)
        try f.database.write { db in try db.execute(sql: "DELETE FROM comments WHERE lead_id = ?", arguments: [lead]) }
        #expect(try f.scalar("SELECT first_contact_at FROM leads WHERE id = ?", [lead]) == 1_767_229_000)
        // Not reached: no contact.
        try f.database.write { db in try db.execute(sql: "UPDATE deadlines SET contacted = 0 WHERE id = ?", arguments: [d]) }
        #expect(try f.scalar("SELECT first_contact_at FROM leads WHERE id = ?", [lead]) == nil)

        try f.database.write { db in
            try db.execute(sql: """
                INSERT INTO quotes (lead_id, number, year, seq, status, vehicle_id, created_at, updated_at) VALUES (?, 'O-2026-000001', 2026, 1, 'draft', 1, 0, 0)
                """, arguments: [lead])
        }
        #expect(try f.scalar("SELECT quote_stage FROM leads WHERE id = ?", [lead]) == 0)
        try f.database.write { db in try db.execute(sql: "UPDATE quotes SET status = 'sent'") }
        #expect(try f.scalar("SELECT quote_stage FROM leads WHERE id = ?", [lead]) == 1)
        try f.database.write { db in try db.execute(sql: "UPDATE quotes SET status = 'accepted'") }
        #expect(try f.scalar("SELECT quote_stage FROM leads WHERE id = ?", [lead]) == 2)
        try f.database.write { db in try db.execute(sql: "DELETE FROM quotes") }
        #expect(try f.scalar("SELECT quote_stage FROM leads WHERE id = ?", [lead]) == 0)
    }

    @Test func theBrusselsDayInSQLIsBrusselsTimes() throws {
        let database = try AppDatabase(inMemory: ())
        // Every 3 h 7 min over two years, and each side of the 2025 and 2026 clock changes.
        var instants: [Int64] = stride(from: Int64(1_735_689_600), to: 1_798_761_600, by: 11_220).map { $0 }
        for change in [Int64(1_743_296_400), 1_761_440_400, 1_774_746_000, 1_792_890_000] { instants += [change - 1, change, change + 1] }
        let sql = Migrations.brusselsDaySQL("?")
        try database.read { db in
            for t in instants {
                let day = try Int64.fetchOne(db, sql: "SELECT \(sql)", arguments: StatementArguments(Array(repeating: t, count: 5)))
                #expect(day == CalendarDate.brussels(Instant(seconds: t)).daysSinceEpoch, "\(t)")
            }
        }
    }

    @Test func aLargeSelectionsMediansComeFromTheOneInSixteenSample() throws {
        let database = try Demo.database(leadCount: 400)
        let filter = InsightsFilter(from: CalendarDate(year: 2024, month: 7, day: 16)!, to: CalendarDate(year: 2026, month: 7, day: 15)!)
        let all = Viewer(userID: 1, visibility: .all)
        let exact = try database.insights(filter, visibleTo: all, now: Demo.now)
        let sampled = try database.insights(filter, visibleTo: all, now: Demo.now, sampleAbove: 0)
        #expect(!exact.sampledContact && sampled.sampledContact && sampled.sampledClosing)
        // The sample's histogram is that of the leads with id % 16 = 0, counted here.
        let expected = try database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM leads WHERE id % 16 = 0 AND first_contact_at IS NOT NULL AND created_at >= ? AND created_at < ?",
                             arguments: [filter.start.seconds, filter.end.seconds])
        }
        #expect(sampled.firstContact.total == expected)
        #expect(exact.firstContact.total > sampled.firstContact.total * 8)
        // And the summaries' counts are the same either way.
        #expect(sampled.groups == exact.groups)
    }
}
