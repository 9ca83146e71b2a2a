import Foundation
import GRDB
import Showroom
import Testing
@testable import Store

struct AppDatabaseTests {
    @Test func inMemoryDatabaseIsMigrated() throws {
        let database = try AppDatabase(inMemory: ())
        #expect(database.isHealthy())
        try database.read { (db: Database) throws in
            #expect(try Migrations.migrator.hasCompletedMigrations(db))
            #expect(try Migrations.migrator.appliedIdentifiers(db).contains("v1-foundation"))
            for table in ["branches", "users", "contacts", "leads", "deadlines", "comments", "timeline_events", "tradeins", "quotes", "testdrives", "vehicles", "settings"] {
                #expect(try db.tableExists(table), "table \(table)")
            }
            #expect(try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = 'opportunity_deadline_hours'") == "24")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM leads") == 0)
        }
    }

    @Test func foreignKeysAreEnforced() throws {
        let database = try AppDatabase(inMemory: ())
        #expect(try database.read { db in try Int.fetchOne(db, sql: "PRAGMA foreign_keys") } == 1)
    }

    @Test func fileDatabaseWritesWithSynchronousFullInWALMode() throws {
        let dir = try TemporaryDirectory()
        let database = try AppDatabase(path: dir.path("showroom.sqlite"))
        #expect(try database.writerSynchronousMode() == 2)
        #expect(try database.journalMode() == "wal")
        #expect(database.isHealthy())
        #expect(try database.read { db in try Migrations.migrator.hasCompletedMigrations(db) })
    }

    @Test func fileDatabaseStaysSynchronousFullAfterADemoLoad() throws {
        // The demo loader turns synchronous off for speed and must turn it back on.
        let dir = try TemporaryDirectory()
        let database = try AppDatabase(path: dir.path("showroom.sqlite"))
        try DemoData(leadCount: 20, now: Demo.now, hashPassword: Demo.fakeHash).load(into: database)
        #expect(try database.writerSynchronousMode() == 2)
        #expect(try database.journalMode() == "wal")
    }

    @Test func reopeningAFileDatabaseKeepsItsDataAndMigratesNothingTwice() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("showroom.sqlite")
        do {
            let database = try AppDatabase(path: path)
            try database.write { db in try db.execute(sql: "INSERT INTO branches (name) VALUES ('Gent')") }
        }
        let reopened = try AppDatabase(path: path)
        #expect(try reopened.read { db in try String.fetchAll(db, sql: "SELECT name FROM branches") } == ["Gent"])
        #expect(try reopened.writerSynchronousMode() == 2)
    }
}
