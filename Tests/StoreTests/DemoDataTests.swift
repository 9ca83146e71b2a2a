import GRDB
import Showroom
import Testing
@testable import Store

struct DemoDataTests {
    @Test func loadsIntoAFreshDatabase() throws {
        let database = try Demo.database()
        try database.read { (db: Database) throws in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM leads") == 300)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM branches") == DemoData.branches.count)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM users") == DemoData.staff.count)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM contacts") == 300)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM leads WHERE created_at > ?", arguments: [Demo.now.seconds]) == 0)
            // Every status occurs.
            #expect(try Int.fetchOne(db, sql: "SELECT count(DISTINCT status) FROM leads") == 3)
        }
    }

    @Test func refusesASecondLoad() throws {
        let database = try Demo.database()
        #expect(throws: DemoData.Failure.self) {
            try DemoData(leadCount: 10, now: Demo.now, hashPassword: Demo.fakeHash).load(into: database)
        }
        #expect(try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM leads") } == 300)
        #expect(try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM branches") } == DemoData.branches.count)
    }

    @Test func codesAreUniqueValidSystemCodesMatchingTheYearOfCreation() throws {
        let database = try Demo.database()
        let rows = try database.read { db in try Row.fetchAll(db, sql: "SELECT code, created_at FROM leads") }
        #expect(Set(rows.map { $0[0] as String }).count == 300)
        for row in rows {
            let code = try #require(SystemCode(parsing: row[0]), "code \(row[0] as String)")
            #expect(code.description == row[0] as String)
            #expect(code.year == BrusselsTime.civil(Instant(seconds: row[1])).year)
        }
        // The yearly sequences continue after the highest code of each year.
        let sequences = try database.read { db in try Row.fetchAll(db, sql: "SELECT year, last FROM code_sequences") }
        for s in sequences {
            let year: Int = s[0], last: Int = s[1]
            let highest = rows.compactMap { SystemCode(parsing: $0[0]) }.filter { $0.year == year }.map(\.sequence).max()
            #expect(highest == last, "year \(year)")
        }
    }

    @Test func isReproducibleForTheSameSeed() throws {
        let a = try Demo.database(leadCount: 50)
        let b = try Demo.database(leadCount: 50)
        let sql = "SELECT code || ':' || status || ':' || branch_id || ':' || responsible_id FROM leads ORDER BY id"
        #expect(try a.read { db in try String.fetchAll(db, sql: sql) } == b.read { db in try String.fetchAll(db, sql: sql) })
    }

    @Test func everyResponsibleWorksInTheLeadsBranch() throws {
        let database = try Demo.database()
        let stray = try database.read { (db: Database) throws in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM leads l
                WHERE NOT EXISTS (SELECT 1 FROM user_branches ub WHERE ub.user_id = l.responsible_id AND ub.branch_id = l.branch_id)
                """)
        }
        #expect(stray == 0)
    }

    @Test func countersMatchTheRowsTheyCount() throws {
        let database = try Demo.database()
        let wrong = try database.read { (db: Database) throws in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM leads l WHERE
                    l.tradein_count <> (SELECT count(*) FROM tradeins WHERE lead_id = l.id) OR
                    l.quote_count <> (SELECT count(*) FROM quotes WHERE lead_id = l.id) OR
                    l.testdrive_count <> (SELECT count(*) FROM testdrives WHERE lead_id = l.id)
                """)
        }
        #expect(wrong == 0)
        #expect(try database.read { db in try Int.fetchOne(db, sql: "SELECT sum(tradein_count + quote_count + testdrive_count) FROM leads") ?? 0 } > 0)
    }

    @Test func quotesAndTestDrivesUseACarOfTheLeadsBranch() throws {
        let database = try Demo.database()
        try database.read { (db: Database) throws in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM testdrives") ?? 0 > 10)
            #expect(try Int.fetchOne(db, sql: """
                SELECT count(*) FROM testdrives t JOIN leads l ON l.id = t.lead_id JOIN vehicles v ON v.id = t.vehicle_id WHERE v.branch_id <> l.branch_id
                """) == 0)
            #expect(try Int.fetchOne(db, sql: """
                SELECT count(*) FROM quotes q JOIN leads l ON l.id = q.lead_id JOIN vehicles v ON v.id = q.vehicle_id WHERE v.branch_id <> l.branch_id
                """) == 0)
        }
    }

    @Test func nextDeadlineIsTheEarliestOpenDeadline() throws {
        let database = try Demo.database()
        let wrong = try database.read { (db: Database) throws in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM leads l
                WHERE l.next_deadline_at IS NOT (SELECT min(due_at) FROM deadlines WHERE lead_id = l.id AND done_at IS NULL)
                """)
        }
        #expect(wrong == 0)
    }

    @Test func closedLeadsHaveAClosingTimeAndOpenOnesDoNot() throws {
        let database = try Demo.database()
        try database.read { (db: Database) throws in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM leads WHERE status <> 0 AND closed_at IS NULL") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM leads WHERE status = 0 AND closed_at IS NOT NULL") == 0)
        }
    }
}
