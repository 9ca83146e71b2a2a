import Foundation
import GRDB
import Showroom
@testable import Store

/// A fresh in-memory database with two branches, three users, one type and one source, and
/// helpers to add leads, so a test builds exactly the rows it needs.
struct Fixture {
    let database: AppDatabase

    static let gent: Int64 = 1
    static let namur: Int64 = 2
    static let sofie: Int64 = 1   // sales, Gent
    static let jan: Int64 = 2     // sales, Gent
    static let julien: Int64 = 3  // sales, Namur

    init() throws {
        database = try AppDatabase(inMemory: ())
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO branches (id, name, name_fr, name_en, city) VALUES (1, 'Gent', 'Gand', 'Ghent', 'Gent'), (2, 'Namur', 'Namur', 'Namur', 'Namur');
                INSERT INTO users (id, username, display_name, created_at) VALUES
                    (1, 'sofie', 'Sofie Peeters', 0), (2, 'jan', 'Jan Claes', 0), (3, 'julien', 'Julien Lambert', 0);
                INSERT INTO user_branches (user_id, branch_id) VALUES (1, 1), (2, 1), (3, 2);
                INSERT INTO lead_types (id, name_nl, name_fr, name_en) VALUES (1, 'Nieuwe wagen', 'Voiture neuve', 'New car');
                INSERT INTO lead_sources (id, name_nl, name_fr, name_en) VALUES (1, 'Website', 'Site web', 'Website');
                INSERT INTO vehicles (id, vin, make, model, condition, price_cents, branch_id) VALUES (1, 'WVWZZZ1KZAW000001', 'Volkswagen', 'Golf', 'new', 3499000, 1);
                """)
        }
    }

    /// Adds a contact and a lead; returns the lead's id.
    @discardableResult
    func addLead(branch: Int64 = Fixture.gent, responsible: Int64 = Fixture.sofie, status: LeadStatus = .inProgress,
                 createdAt: Int64 = 1_767_222_000, lastName: String = "Peeters") throws -> Int64 {
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO contacts (kind, first_name, last_name, email, created_at, updated_at)
                VALUES ('person', 'An', ?, 'an@example.be', ?, ?)
                """, arguments: [lastName, createdAt, createdAt])
            let contact = db.lastInsertedRowID
            let n = try Int.fetchOne(db, sql: "SELECT count(*) FROM leads")! + 1
            try db.execute(sql: """
                INSERT INTO leads (code, status, contact_id, type_id, source_id, branch_id, responsible_id, created_at, last_activity_at)
                VALUES (?, ?, ?, 1, 1, ?, ?, ?, ?)
                """, arguments: [SystemCode(year: 2026, sequence: n).description, status.rawValue, contact, branch, responsible, createdAt, createdAt])
            return db.lastInsertedRowID
        }
    }

    @discardableResult
    func addDeadline(lead: Int64, dueAt: Int64, doneAt: Int64? = nil, kind: String = "follow_up") throws -> Int64 {
        try database.write { db in
            try db.execute(sql: "INSERT INTO deadlines (lead_id, kind, due_at, done_at, created_at) VALUES (?, ?, ?, ?, 0)",
                           arguments: [lead, kind, dueAt, doneAt])
            return db.lastInsertedRowID
        }
    }

    func scalar(_ sql: String, _ arguments: StatementArguments = []) throws -> Int64? {
        try database.read { db in try Int64.fetchOne(db, sql: sql, arguments: arguments) }
    }

    func nextDeadline(_ lead: Int64) throws -> Int64? {
        try scalar("SELECT next_deadline_at FROM leads WHERE id = ?", [lead])
    }
}

/// Demo data at a fixed moment: 300 leads over five branches.
enum Demo {
    static let now = Instant(seconds: 1_784_116_800) // 2026-07-15T12:00:00Z
    /// The store knows no cryptography; a stand-in keeps the demo load fast.
    static let fakeHash: @Sendable (String) throws -> String = { _ in "test-hash" }

    static func database(leadCount: Int = 300) throws -> AppDatabase {
        let database = try AppDatabase(inMemory: ())
        try DemoData(leadCount: leadCount, now: now, hashPassword: fakeHash).load(into: database)
        return database
    }

    /// Every row of every page of the overview.
    static func allRows(_ database: AppDatabase, status: LeadStatus? = nil, visibleTo viewer: Viewer) throws -> [LeadOverviewRow] {
        var rows: [LeadOverviewRow] = []
        var page = 1
        while true {
            let p = try database.leads(LeadFilter(status: status, page: page), visibleTo: viewer)
            rows += p.rows
            guard p.hasNextPage, page < 1_000 else { break }
            page += 1
        }
        return rows
    }
}

/// A temporary directory removed when the test ends.
final class TemporaryDirectory {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("showroom-tests-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    deinit { try? FileManager.default.removeItem(at: url) }
}
