import GRDB
import Showroom
import Testing
@testable import Store

/// A lead outside the user's scope is simply not found, in every query.
struct VisibilityTests {
    static let gent = "Gent" // branch 1 of the demo data

    func leadID(_ database: AppDatabase, _ sql: String) throws -> Int64 {
        try #require(try database.read { db in try Int64.fetchOne(db, sql: sql) })
    }

    @Test func branchScopeListsOnlyThatBranch() throws {
        let database = try Demo.database()
        let rows = try Demo.allRows(database, visibleTo: seeing(.branches([1])))
        let expected = try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM leads WHERE branch_id = 1") }
        #expect(!rows.isEmpty)
        #expect(rows.count == expected)
        #expect(rows.allSatisfy { $0.branchName.nl == Self.gent })
    }

    @Test func twoBranchScopeListsBoth() throws {
        let database = try Demo.database()
        let rows = try Demo.allRows(database, visibleTo: seeing(.branches([1, 2])))
        let expected = try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM leads WHERE branch_id IN (1, 2)") }
        #expect(rows.count == expected)
        #expect(Set(rows.map(\.branchName.nl)) == ["Gent", "Antwerpen"])
    }

    @Test func emptyBranchScopeSeesNothing() throws {
        let database = try Demo.database()
        let page = try database.leads(LeadFilter(), visibleTo: seeing(.branches([])))
        #expect(page.rows.isEmpty)
        #expect(!page.hasNextPage)
        let any = try leadID(database, "SELECT id FROM leads LIMIT 1")
        #expect(try database.leadPage(id: any, visibleTo: seeing(.branches([]))) == nil)
        #expect(try database.deadlines(leadID: any, visibleTo: seeing(.branches([]))) == nil)
        #expect(try database.contacts(leadID: any, visibleTo: seeing(.branches([]))) == nil)
    }

    /// A user with the "own" scope but no branches should see nothing. The scope's SQL is `0`
    /// but its arguments still hold the user id, so SQLite refuses the statement ("wrong number
    /// of statement arguments") and every lead query throws (a 500 instead of an empty list).
    /// Sources/Store/AppDatabase+Leads.swift, `VisibilityCondition.init`, case `.own` (lines 17-19).
    @Test func ownScopeWithoutBranchesSeesNothing() throws {
        let database = try Demo.database()
        let any = try leadID(database, "SELECT id FROM leads WHERE responsible_id = 3 LIMIT 1")
        let scope = LeadVisibility.own(userID: 3, branches: [])
        do {
            let rows = try database.leads(LeadFilter(), visibleTo: seeing(scope)).rows
            #expect(rows.isEmpty)
        }
        do {
            let page = try database.leadPage(id: any, visibleTo: seeing(scope))
            #expect(page == nil)
        }
        do {
            let deadlines = try database.deadlines(leadID: any, visibleTo: seeing(scope))
            #expect(deadlines == nil)
        }
    }

    @Test func ownScopeListsOnlyTheUsersLeadsInTheirBranches() throws {
        let database = try Demo.database()
        // Sofie Peeters (user 3) works in Gent.
        let rows = try Demo.allRows(database, visibleTo: seeing(.own(userID: 3, branches: [1])))
        let expected = try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM leads WHERE responsible_id = 3 AND branch_id = 1") }
        #expect(!rows.isEmpty)
        #expect(rows.count == expected)
        #expect(rows.allSatisfy { $0.responsibleName == "Sofie Peeters" && $0.branchName.nl == Self.gent })
    }

    @Test func allScopeListsEverything() throws {
        let database = try Demo.database()
        #expect(try Demo.allRows(database, visibleTo: seeing(.all)).count == 300)
    }

    @Test func leadOfOtherBranchIsNotFound() throws {
        let database = try Demo.database()
        let other = try leadID(database, "SELECT id FROM leads WHERE branch_id = 3 LIMIT 1")
        #expect(try database.leadPage(id: other, visibleTo: seeing(.branches([1]))) == nil)
        #expect(try database.leadPage(id: other, visibleTo: seeing(.branches([1, 2]))) == nil)
        #expect(try database.leadHeader(id: other, visibleTo: seeing(.branches([1]))) == nil)
        #expect(try database.leadPage(id: other, visibleTo: seeing(.branches([3]))) != nil)
        #expect(try database.leadPage(id: other, visibleTo: seeing(.all)) != nil)
    }

    @Test func leadOfOtherBranchIsNotFoundWithOwnScopeEither() throws {
        let database = try Demo.database()
        // A lead in Brussel (3), seen by Sofie (user 3, Gent) with the "own" scope.
        let other = try leadID(database, "SELECT id FROM leads WHERE branch_id = 3 LIMIT 1")
        #expect(try database.leadPage(id: other, visibleTo: seeing(.own(userID: 3, branches: [1]))) == nil)
        // Even when the user is named responsible, a branch outside the scope hides it.
        let responsible = try #require(try database.read { db in try Int64.fetchOne(db, sql: "SELECT responsible_id FROM leads WHERE id = ?", arguments: [other]) })
        #expect(try database.leadPage(id: other, visibleTo: seeing(.own(userID: responsible, branches: [1]))) == nil)
        #expect(try database.leadPage(id: other, visibleTo: seeing(.own(userID: responsible, branches: [3]))) != nil)
    }

    @Test func colleaguesLeadIsNotFoundWithOwnScope() throws {
        let database = try Demo.database()
        // Jan Claes (user 4) and Sofie Peeters (user 3) both work in Gent.
        let jans = try leadID(database, "SELECT id FROM leads WHERE branch_id = 1 AND responsible_id = 4 LIMIT 1")
        #expect(try database.leadPage(id: jans, visibleTo: seeing(.own(userID: 3, branches: [1]))) == nil)
        #expect(try database.leadPage(id: jans, visibleTo: seeing(.own(userID: 4, branches: [1]))) != nil)
        #expect(try database.leadPage(id: jans, visibleTo: seeing(.branches([1]))) != nil)
    }

    @Test func unknownLeadIsNotFound() throws {
        let database = try Demo.database()
        #expect(try database.leadPage(id: 999_999, visibleTo: seeing(.all)) == nil)
        #expect(try database.leadPage(id: 0, visibleTo: seeing(.all)) == nil)
        #expect(try database.leadPage(id: -1, visibleTo: seeing(.all)) == nil)
        #expect(try database.deadlines(leadID: 999_999, visibleTo: seeing(.all)) == nil)
        #expect(try database.contacts(leadID: 999_999, visibleTo: seeing(.all)) == nil)
    }

    @Test func deadlinesAndContactsOfAnInvisibleLeadAreNil() throws {
        let database = try Demo.database()
        let other = try leadID(database, "SELECT id FROM leads WHERE branch_id = 4 LIMIT 1")
        #expect(try database.deadlines(leadID: other, visibleTo: seeing(.branches([1]))) == nil)
        #expect(try database.contacts(leadID: other, visibleTo: seeing(.branches([1]))) == nil)
        #expect(try database.deadlines(leadID: other, visibleTo: seeing(.own(userID: 3, branches: [1]))) == nil)
        #expect(try database.contacts(leadID: other, visibleTo: seeing(.own(userID: 3, branches: [1]))) == nil)
        #expect(try database.deadlines(leadID: other, visibleTo: seeing(.branches([]))) == nil)
        #expect(try database.contacts(leadID: other, visibleTo: seeing(.branches([]))) == nil)
        #expect(try database.deadlines(leadID: other, visibleTo: seeing(.branches([4]))) != nil)
        #expect(try database.contacts(leadID: other, visibleTo: seeing(.branches([4]))) != nil)
    }

    /// Two users, two branches, built row by row: the rule holds without demo data too.
    @Test func twoUsersOfDifferentBranchesSeeOnlyTheirOwnLead() throws {
        let f = try Fixture()
        let gentLead = try f.addLead(branch: Fixture.gent, responsible: Fixture.sofie)
        let namurLead = try f.addLead(branch: Fixture.namur, responsible: Fixture.julien)
        let sofie = LeadVisibility.branches([Fixture.gent])
        let julien = LeadVisibility.branches([Fixture.namur])
        #expect(try f.database.leads(LeadFilter(), visibleTo: seeing(sofie)).rows.map(\.id) == [gentLead])
        #expect(try f.database.leads(LeadFilter(), visibleTo: seeing(julien)).rows.map(\.id) == [namurLead])
        #expect(try f.database.leadPage(id: namurLead, visibleTo: seeing(sofie)) == nil)
        #expect(try f.database.leadPage(id: gentLead, visibleTo: seeing(julien)) == nil)
        #expect(try f.database.leadPage(id: gentLead, visibleTo: seeing(sofie))?.lead.id == gentLead)
        #expect(try f.database.leadPage(id: namurLead, visibleTo: seeing(julien))?.lead.branchName.nl == "Namur")
    }
}
