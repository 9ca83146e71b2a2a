import Foundation
import GRDB
import Showroom
@testable import Store
import Testing

// Issue 10: `quotes.approve` reaches the profiles of a database made before it existed.
@Suite("quotes.approve: granted to managing profiles of an existing database")
struct QuotesApproveMigrationTests {
    @Test func profilesThatSeeBeyondTheirOwnLeadsGetItSalespeopleDoNot() throws {
        let queue = try DatabaseQueue()
        var migrator = Migrations.migrator
        try migrator.migrate(queue, upTo: "v5-branch-names")
        try queue.write { db in
            try db.execute(sql: """
            INSERT INTO profiles (id, name) VALUES (1, 'Verkoper'), (2, 'Verkoopverantwoordelijke'), (3, 'Admin'), (4, 'Boekhouding');
            INSERT INTO profile_grants (profile_id, permission, scope) VALUES
                (1, 'leads.view', 'own'), (1, 'quotes.manage', NULL),
                (2, 'leads.view', 'branch'), (2, 'quotes.manage', NULL),
                (3, 'leads.view', 'all'), (3, 'quotes.approve', NULL),
                (4, 'insights.view', NULL);
            """)
        }
        migrator = Migrations.migrator
        try migrator.migrate(queue)
        let holders = try queue.read { db in
            try Int64.fetchAll(db, sql: "SELECT profile_id FROM profile_grants WHERE permission = 'quotes.approve' ORDER BY profile_id")
        }
        #expect(holders == [2, 3])
        // Logged once, by the system, for the profile that did not have it already.
        let log = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT actor_id, subject, change, old_value, new_value FROM access_log WHERE change = 'permission quotes.approve'")
        }
        #expect(log.count == 1)
        #expect(log.first?["subject"] == "profile:Verkoopverantwoordelijke")
        #expect(log.first?["change"] == "permission quotes.approve")
        #expect((log.first?["actor_id"] as Int64?) == nil)
    }

    @Test func aNewDatabaseGivesItToManagerAndAdminNotToSalespeople() throws {
        let database = try AppDatabase(inMemory: ())
        let grants = try database.read { db in
            try String.fetchAll(db, sql: """
            SELECT p.name FROM profiles p JOIN profile_grants g ON g.profile_id = p.id
            WHERE g.permission = 'quotes.approve' ORDER BY p.id
            """)
        }
        #expect(grants == ["Verkoopverantwoordelijke", "Admin"])
    }
}
