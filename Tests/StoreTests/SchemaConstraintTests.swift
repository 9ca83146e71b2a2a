import GRDB
import Showroom
import Testing
@testable import Store

/// Constraints live in the schema: a bad row is refused whatever code writes it.
struct SchemaConstraintTests {
    /// Expects `sql` to be refused with a constraint error and to leave nothing behind.
    func expectRefused(_ f: Fixture, _ sql: String, _ arguments: StatementArguments = [], table: String,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try f.scalar("SELECT count(*) FROM \(table)")
        let error = #expect(throws: DatabaseError.self, sourceLocation: sourceLocation) {
            try f.database.write { db in try db.execute(sql: sql, arguments: arguments) }
        }
        #expect(error?.resultCode == .SQLITE_CONSTRAINT, sourceLocation: sourceLocation)
        #expect(try f.scalar("SELECT count(*) FROM \(table)") == before, sourceLocation: sourceLocation)
    }

    @Test func contactWithoutEmailAndPhoneIsRefused() throws {
        let f = try Fixture()
        try expectRefused(f, "INSERT INTO contacts (kind, last_name, created_at, updated_at) VALUES ('person', 'Peeters', 0, 0)", table: "contacts")
        try expectRefused(f, "INSERT INTO contacts (kind, last_name, email, phone, created_at, updated_at) VALUES ('person', 'Peeters', '', '', 0, 0)", table: "contacts")
    }

    @Test func contactWithOnlyAPhoneOrOnlyAnEmailIsAccepted() throws {
        let f = try Fixture()
        try f.database.write { db in
            try db.execute(sql: "INSERT INTO contacts (kind, last_name, phone, created_at, updated_at) VALUES ('person', 'Peeters', '+32 470 12 34 56', 0, 0)")
            try db.execute(sql: "INSERT INTO contacts (kind, last_name, email, created_at, updated_at) VALUES ('person', 'Maes', 'm@example.be', 0, 0)")
        }
        #expect(try f.scalar("SELECT count(*) FROM contacts") == 2)
    }

    @Test func personNeedsALastNameAndCompanyAName() throws {
        let f = try Fixture()
        try expectRefused(f, "INSERT INTO contacts (kind, first_name, email, created_at, updated_at) VALUES ('person', 'An', 'a@example.be', 0, 0)", table: "contacts")
        try expectRefused(f, "INSERT INTO contacts (kind, last_name, email, created_at, updated_at) VALUES ('company', 'Peeters', 'a@example.be', 0, 0)", table: "contacts")
        try expectRefused(f, "INSERT INTO contacts (kind, last_name, email, created_at, updated_at) VALUES ('robot', 'Peeters', 'a@example.be', 0, 0)", table: "contacts")
        try expectRefused(f, "INSERT INTO contacts (kind, last_name, email, language, created_at, updated_at) VALUES ('person', 'Peeters', 'a@example.be', 'de', 0, 0)", table: "contacts")
    }

    @Test(arguments: [3, -1, 99])
    func leadWithUnknownStatusIsRefused(status: Int) throws {
        let f = try Fixture()
        let lead = try f.addLead()
        let contact = try #require(try f.scalar("SELECT contact_id FROM leads WHERE id = ?", [lead]))
        try expectRefused(f, """
            INSERT INTO leads (code, status, contact_id, type_id, source_id, branch_id, responsible_id, created_at, last_activity_at)
            VALUES ('L-2026-999999', ?, ?, 1, 1, 1, 1, 0, 0)
            """, [status, contact], table: "leads")
        // Nor can an existing lead be moved to it.
        try expectRefused(f, "UPDATE leads SET status = ? WHERE id = ?", [status, lead], table: "leads")
        #expect(try f.scalar("SELECT status FROM leads WHERE id = ?", [lead]) == 0)
    }

    @Test func leadCodeIsUnique() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        let contact = try #require(try f.scalar("SELECT contact_id FROM leads WHERE id = ?", [lead]))
        try expectRefused(f, """
            INSERT INTO leads (code, contact_id, type_id, source_id, branch_id, responsible_id, created_at, last_activity_at)
            VALUES ('L-2026-000001', ?, 1, 1, 1, 1, 0, 0)
            """, [contact], table: "leads")
    }

    @Test func leadMustReferToExistingRows() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        let contact = try #require(try f.scalar("SELECT contact_id FROM leads WHERE id = ?", [lead]))
        try expectRefused(f, """
            INSERT INTO leads (code, contact_id, type_id, source_id, branch_id, responsible_id, created_at, last_activity_at)
            VALUES ('L-2026-000777', 9999, 1, 1, 1, 1, 0, 0)
            """, table: "leads")
        try expectRefused(f, """
            INSERT INTO leads (code, contact_id, type_id, source_id, branch_id, responsible_id, created_at, last_activity_at)
            VALUES ('L-2026-000777', ?, 1, 1, 42, 1, 0, 0)
            """, [contact], table: "leads")
        try expectRefused(f, "INSERT INTO deadlines (lead_id, kind, due_at, created_at) VALUES (9999, 'other', 0, 0)", table: "deadlines")
    }

    @Test func deadlineKindAndContactedAreChecked() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        try expectRefused(f, "INSERT INTO deadlines (lead_id, kind, due_at, created_at) VALUES (?, 'later', 0, 0)", [lead], table: "deadlines")
        try expectRefused(f, "INSERT INTO deadlines (lead_id, kind, due_at, contacted, created_at) VALUES (?, 'other', 0, 2, 0)", [lead], table: "deadlines")
        #expect(try f.nextDeadline(lead) == nil)
    }

    @Test func emptyOrHugeCommentIsRefused() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        try expectRefused(f, "INSERT INTO comments (lead_id, body, created_at, updated_at) VALUES (?, '', 0, 0)", [lead], table: "comments")
        try expectRefused(f, "INSERT INTO comments (lead_id, body, created_at, updated_at) VALUES (?, ?, 0, 0)", [lead, String(repeating: "x", count: 10_001)], table: "comments")
    }

    @Test func vehicleRowsAreChecked() throws {
        let f = try Fixture()
        let insert = "INSERT INTO vehicles (vin, make, model, condition, price_cents, branch_id, vat_regime) VALUES (?, 'VW', 'Golf', ?, ?, ?, ?)"
        // The row below is accepted: each refusal differs from it in one value.
        try f.database.write { db in try db.execute(sql: insert, arguments: ["WVWZZZ1KZAW000003", "used", 1, 1, "margin"]) }
        try expectRefused(f, insert, ["SHORTVIN", "new", 1, 1, "normal"], table: "vehicles")
        try expectRefused(f, insert, ["WVWZZZ1KZAW00000I", "new", 1, 1, "normal"], table: "vehicles")
        try expectRefused(f, insert, ["wvwzzz1kzaw000002", "new", 1, 1, "normal"], table: "vehicles")
        try expectRefused(f, insert, ["WVWZZZ1KZAW000002", "new", -1, 1, "normal"], table: "vehicles")
        try expectRefused(f, insert, ["WVWZZZ1KZAW000002", "new", 1_000_000_001, 1, "normal"], table: "vehicles")
        try expectRefused(f, insert, ["WVWZZZ1KZAW000002", "broken", 1, 1, "normal"], table: "vehicles")
        try expectRefused(f, insert, ["WVWZZZ1KZAW000001", "new", 1, 1, "normal"], table: "vehicles")
        try expectRefused(f, insert, ["WVWZZZ1KZAW000002", "new", 1, 1, "margin"], table: "vehicles")
        try expectRefused(f, insert, ["WVWZZZ1KZAW000002", "new", 1, 99, "normal"], table: "vehicles")
        try expectRefused(f, insert, ["WVWZZZ1KZAW000002", "new", 1, nil, "normal"], table: "vehicles")
    }

    @Test func testDriveDurationIsBounded() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        try expectRefused(f, "INSERT INTO testdrives (lead_id, vehicle_id, starts_at, duration_minutes, created_at) VALUES (?, 1, 0, 4, 0)", [lead], table: "testdrives")
        try expectRefused(f, "INSERT INTO testdrives (lead_id, vehicle_id, starts_at, duration_minutes, created_at) VALUES (?, 1, 0, 1441, 0)", [lead], table: "testdrives")
        #expect(try f.scalar("SELECT testdrive_count FROM leads WHERE id = ?", [lead]) == 0)
    }

    @Test func usernamesAreUniqueRegardlessOfCase() throws {
        let f = try Fixture()
        try expectRefused(f, "INSERT INTO users (username, display_name, created_at) VALUES ('SOFIE', 'Another Sofie', 0)", table: "users")
    }

    @Test func deletingALeadDeletesItsDependentRows() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        try f.addDeadline(lead: lead, dueAt: 1_000)
        try f.database.write { db in
            try db.execute(sql: "INSERT INTO tradeins (lead_id, make, model, created_at) VALUES (?, 'Peugeot', '208', 0)", arguments: [lead])
            try db.execute(sql: "INSERT INTO timeline_events (lead_id, at, kind) VALUES (?, 0, 'created')", arguments: [lead])
            try db.execute(sql: "DELETE FROM leads WHERE id = ?", arguments: [lead])
        }
        #expect(try f.scalar("SELECT count(*) FROM deadlines") == 0)
        #expect(try f.scalar("SELECT count(*) FROM tradeins") == 0)
        #expect(try f.scalar("SELECT count(*) FROM timeline_events") == 0)
    }
}
