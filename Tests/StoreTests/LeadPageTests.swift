import GRDB
import Showroom
import Testing
@testable import Store

struct LeadPageTests {
    /// The demo lead with the longest history (every 500th lead, starting at the 8th, has 40 events).
    static let longHistory: Int64 = 8

    @Test func timelineIsNewestFirst() throws {
        let database = try Demo.database()
        let page = try #require(try database.leadPage(id: Self.longHistory, visibleTo: seeing(.all)))
        #expect(page.timeline.count >= 40)
        for (a, b) in zip(page.timeline, page.timeline.dropFirst()) {
            #expect(a.at > b.at || (a.at == b.at && a.id > b.id), "\(a.id) before \(b.id)")
        }
        #expect(page.timeline.last?.kind == .created)
    }

    @Test func timelineHoldsEveryEventUpToTheLimit() throws {
        let database = try Demo.database()
        let stored = try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM timeline_events WHERE lead_id = ?", arguments: [Self.longHistory]) }
        let full = try #require(try database.leadPage(id: Self.longHistory, visibleTo: seeing(.all)))
        #expect(full.timeline.count == stored)
    }

    @Test func timelineIsLimitedToTheNewest() throws {
        let database = try Demo.database()
        let full = try #require(try database.leadPage(id: Self.longHistory, visibleTo: seeing(.all)))
        let limited = try #require(try database.leadPage(id: Self.longHistory, visibleTo: seeing(.all), timelineLimit: 10))
        #expect(limited.timeline.count == 10)
        #expect(limited.timeline == Array(full.timeline.prefix(10)))
        #expect(try database.leadPage(id: Self.longHistory, visibleTo: seeing(.all), timelineLimit: 0)?.timeline.isEmpty == true)
    }

    @Test func commentEventsShowTheCommentText() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        try f.database.write { db in
            try db.execute(sql: "INSERT INTO comments (lead_id, author_id, body, created_at, updated_at) VALUES (?, 1, 'Belt volgende week terug <b>', 100, 100)", arguments: [lead])
            let comment = db.lastInsertedRowID
            try db.execute(sql: "INSERT INTO timeline_events (lead_id, at, actor_id, kind, subject_id) VALUES (?, 100, 1, 'comment', ?)", arguments: [lead, comment])
            try db.execute(sql: "INSERT INTO timeline_events (lead_id, at, actor_id, kind) VALUES (?, 50, 2, 'created')", arguments: [lead])
        }
        let page = try #require(try f.database.leadPage(id: lead, visibleTo: seeing(.all)))
        #expect(page.timeline.map(\.kind) == [.comment, .created])
        #expect(page.timeline.first?.detail == "Belt volgende week terug <b>")
        #expect(page.timeline.first?.actorName == "Sofie Peeters")
        #expect(page.timeline.last?.actorName == "Jan Claes")
        #expect(page.comments.map(\.body) == ["Belt volgende week terug <b>"])
        #expect(page.comments.first?.authorName == "Sofie Peeters")
    }

    /// The comments box shows the latest five; the timeline has them all.
    @Test func commentsAreNewestFirstAndAtMostFive() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        try f.database.write { db in
            for i in 1...60 {
                try db.execute(sql: "INSERT INTO comments (lead_id, author_id, body, created_at, updated_at) VALUES (?, 1, ?, ?, ?)", arguments: [lead, "c\(i)", i * 10, i * 10])
            }
        }
        let page = try #require(try f.database.leadPage(id: lead, visibleTo: seeing(.all)))
        #expect(page.comments.count == 5)
        #expect(page.comments.first?.body == "c60")
        #expect(page.comments.last?.body == "c56")
    }

    @Test func headerShowsTheEarliestOpenDeadline() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        try f.addDeadline(lead: lead, dueAt: 3_000)
        try f.addDeadline(lead: lead, dueAt: 1_000, doneAt: 900)
        try f.addDeadline(lead: lead, dueAt: 2_000, kind: "contact_prospect")
        let header = try #require(try f.database.leadHeader(id: lead, visibleTo: seeing(.all)))
        #expect(header.currentDeadline?.dueAt == Instant(seconds: 2_000))
        #expect(header.currentDeadline?.kind == .contactProspect)
        #expect(header.contact.displayName == "An Peeters")
        #expect(header.branchID == Fixture.gent)
        #expect(header.responsibleID == Fixture.sofie)
        #expect(header.version == 1)
    }

    /// The header is the lead page's own lead, read on its own (no comments, timeline or
    /// documents): the frame of the Follow-up, Contacts, task and document pages.
    @Test func headerIsTheLeadPagesLead() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        try f.addDeadline(lead: lead, dueAt: 3_000)
        try f.addDeadline(lead: lead, dueAt: 2_000, kind: "contact_prospect")
        let header = try #require(try f.database.leadHeader(id: lead, visibleTo: seeing(.all)))
        let page = try #require(try f.database.leadPage(id: lead, visibleTo: seeing(.all)))
        #expect(header == page.lead)
        #expect(header.currentDeadline?.dueAt == Instant(seconds: 2_000))
    }

    /// The frame of the Follow-up, Contacts, status, assign, task and document pages costs one
    /// SELECT: no comments, timeline, notifications or documents are read for it.
    @Test func headerIsOneSelectWithoutHistory() throws {
        final class Recorder: @unchecked Sendable { var statements: [String] = [] }
        let f = try Fixture()
        let lead = try f.addLead()
        try f.addDeadline(lead: lead, dueAt: 2_000)
        let recorder = Recorder()
        try f.database.writer.writeWithoutTransaction { db in db.trace { recorder.statements.append("\($0)") } }
        func selects(_ read: () throws -> Void) rethrows -> [String] {
            recorder.statements = []
            try read()
            return recorder.statements.filter { $0.uppercased().hasPrefix("SELECT") }
        }
        let history = ["timeline_events", "comments", "notifications", "documents"]
        let header = try selects { _ = try f.database.leadHeader(id: lead, visibleTo: seeing(.all)) }
        #expect(header.count == 1, "\(header)")
        #expect(!header.contains { s in history.contains { s.contains($0) } }, "\(header)")
        // The recorder sees what the full page reads.
        let page = try selects { _ = try f.database.leadPage(id: lead, visibleTo: seeing(.all)) }
        #expect(page.contains { $0.contains("timeline_events") })
        #expect(page.count > header.count)
    }

    @Test func headerOfALeadWithOnlyDoneDeadlinesHasNone() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        try f.addDeadline(lead: lead, dueAt: 1_000, doneAt: 900)
        let header = try #require(try f.database.leadHeader(id: lead, visibleTo: seeing(.all)))
        #expect(header.currentDeadline == nil)
        #expect(try f.database.leadPage(id: lead, visibleTo: seeing(.all))?.lead.currentDeadline == nil)
    }

    @Test func deadlinesListOpenOnesFirstSoonestFirst() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        try f.addDeadline(lead: lead, dueAt: 3_000)
        try f.addDeadline(lead: lead, dueAt: 1_000, doneAt: 900)
        try f.addDeadline(lead: lead, dueAt: 2_000)
        let list = try #require(try f.database.deadlines(leadID: lead, visibleTo: seeing(.branches([Fixture.gent]))))
        #expect(list.map(\.dueAt.seconds) == [2_000, 3_000, 1_000])
        #expect(list.map { $0.doneAt == nil } == [true, true, false])
    }

    @Test func contactsListTheMainContactFirst() throws {
        let f = try Fixture()
        let lead = try f.addLead(lastName: "Maes")
        try f.database.write { db in
            try db.execute(sql: "INSERT INTO contacts (kind, company_name, phone, created_at, updated_at) VALUES ('company', 'Bouw Maes BV', '+32 9 123 45 67', 0, 0)")
            try db.execute(sql: "INSERT INTO lead_contacts (lead_id, contact_id, role) VALUES (?, ?, 'co-buyer')", arguments: [lead, db.lastInsertedRowID])
        }
        let contacts = try #require(try f.database.contacts(leadID: lead, visibleTo: seeing(.all)))
        #expect(contacts.map(\.displayName) == ["An Maes", "Bouw Maes BV"])
        #expect(contacts.map(\.role) == ["main", "co-buyer"])
        #expect(contacts.last?.kind == .company)
    }
}
