import GRDB
import Showroom
import Testing
@testable import Store

/// The leads overview query: newest first, pages of 50, filtered by status.
struct LeadListTests {
    @Test func firstPageHasFiftyRowsAndMore() throws {
        let database = try Demo.database()
        let page = try database.leads(LeadFilter(), visibleTo: seeing(.all))
        #expect(page.rows.count == LeadFilter.pageSize)
        #expect(page.hasNextPage)
    }

    @Test func threeHundredLeadsMakeSixFullPages() throws {
        let database = try Demo.database()
        for n in 1...5 {
            let p = try database.leads(LeadFilter(page: n), visibleTo: seeing(.all))
            #expect(p.rows.count == 50, "page \(n)")
            #expect(p.hasNextPage, "page \(n)")
        }
        let last = try database.leads(LeadFilter(page: 6), visibleTo: seeing(.all))
        #expect(last.rows.count == 50)
        #expect(!last.hasNextPage)
        let beyond = try database.leads(LeadFilter(page: 7), visibleTo: seeing(.all))
        #expect(beyond.rows.isEmpty)
        #expect(!beyond.hasNextPage)
    }

    @Test func partialLastPage() throws {
        let database = try Demo.database(leadCount: 120)
        let p3 = try database.leads(LeadFilter(page: 3), visibleTo: seeing(.all))
        #expect(p3.rows.count == 20)
        #expect(!p3.hasNextPage)
        #expect(try database.leads(LeadFilter(page: 2), visibleTo: seeing(.all)).hasNextPage)
    }

    @Test func exactlyOnePageHasNoNextPage() throws {
        let database = try Demo.database(leadCount: 50)
        let p = try database.leads(LeadFilter(), visibleTo: seeing(.all))
        #expect(p.rows.count == 50)
        #expect(!p.hasNextPage)
    }

    @Test func pagesAreNewestFirstAndDoNotOverlap() throws {
        let database = try Demo.database()
        let rows = try Demo.allRows(database, visibleTo: seeing(.all))
        #expect(rows.count == 300)
        #expect(Set(rows.map(\.id)).count == 300)
        for (a, b) in zip(rows, rows.dropFirst()) {
            #expect(a.createdAt >= b.createdAt, "\(a.id) before \(b.id)")
        }
    }

    @Test func pageBelowOneIsTheFirstPage() throws {
        let database = try Demo.database()
        let zero = try database.leads(LeadFilter(page: 0), visibleTo: seeing(.all))
        let one = try database.leads(LeadFilter(page: 1), visibleTo: seeing(.all))
        #expect(zero.rows.map(\.id) == one.rows.map(\.id))
    }

    @Test(arguments: LeadStatus.allCases)
    func statusFilterKeepsOnlyThatStatus(status: LeadStatus) throws {
        let database = try Demo.database()
        let rows = try Demo.allRows(database, status: status, visibleTo: seeing(.all))
        let expected = try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM leads WHERE status = ?", arguments: [status.rawValue]) }
        #expect(rows.count == expected)
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0.status == status })
    }

    @Test func rowsCarryTheJoinedNamesAndCounters() throws {
        let f = try Fixture()
        let lead = try f.addLead(lastName: "Maes")
        try f.database.write { db in
            try db.execute(sql: "INSERT INTO tradeins (lead_id, make, model, created_at) VALUES (?, 'Peugeot', '208', 0)", arguments: [lead])
        }
        try f.addDeadline(lead: lead, dueAt: 1_800_000_000)
        let row = try #require(try f.database.leads(LeadFilter(), visibleTo: seeing(.all)).rows.first)
        #expect(row.id == lead)
        #expect(row.code == "L-2026-000001")
        #expect(row.contactName == "An Maes")
        #expect(row.type.in("fr") == "Voiture neuve")
        #expect(row.source.in("nl") == "Website")
        #expect(row.responsibleName == "Sofie Peeters")
        #expect(row.branchName == LocalizedName(nl: "Gent", fr: "Gand", en: "Ghent"))
        #expect(row.nextDeadline == Instant(seconds: 1_800_000_000))
        #expect(row.counters == LeadCounters(tradeIns: 1, testDrives: 0, quotes: 0))
    }
}
