import Foundation
import GRDB
import Showroom
@testable import Store
import Testing

// Issue 8, item 8: defects found by using the application as a user would. The pages side
// is in PagesTests/UserTestingDefectTests; these are the store's rules underneath.

extension AppDatabase {
    fileprivate func id(ofUser username: String) throws -> Int64 {
        guard let id = try read({ db in try Int64.fetchOne(db, sql: "SELECT id FROM users WHERE username = ?", arguments: [username]) }) else {
            throw StoreTestFailure("no user \(username)")
        }
        return id
    }

    fileprivate func firstLead(responsible username: String, branch: Int64) throws -> Int64 {
        let user = try id(ofUser: username)
        guard let id = try read({ db in
            try Int64.fetchOne(db, sql: "SELECT id FROM leads WHERE responsible_id = ? AND branch_id = ? AND status = 0 ORDER BY id LIMIT 1", arguments: [user, branch])
        }) else { throw StoreTestFailure("no open lead of \(username) in branch \(branch)") }
        return id
    }
}

struct StoreTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

@Suite("Issue 8: defects found by user testing (store)")
struct UserTestingDefectStoreTests {
    // MARK: A task only for someone who can see its lead

    @Test func aTaskCannotGoToSomeoneWhoCannotSeeItsLead() throws {
        let database = try Demo.database()
        let jansLead = try database.firstLead(responsible: "jan", branch: 1)
        let admin = try database.id(ofUser: "admin"), sofie = try database.id(ofUser: "sofie"), pieter = try database.id(ofUser: "pieter")
        let before = try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM tasks") }
        // Sofie works in Gent too, but a salesperson sees only her own leads.
        #expect(throws: StoreError.invalid(.taskAssigneeCannotSeeLead)) {
            _ = try database.createTask(leadID: jansLead, assignee: sofie, startsAt: Demo.now.adding(seconds: 3600), durationMinutes: 30,
                                        description: "Bellen", by: seeing(.all, as: admin), now: Demo.now)
        }
        #expect(try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM tasks") } == before)
        #expect(try database.notifications(userID: sofie).isEmpty)

        // Who is offered: exactly those who can open the lead.
        let offered = Set(try database.taskAssignees(leadID: jansLead).map(\.name))
        #expect(offered.contains("Jan Claes") && offered.contains("Pieter Van Damme") && offered.contains("Annelies Admin"))
        #expect(!offered.contains("Sofie Peeters"), "own scope, someone else's lead")
        #expect(!offered.contains("Lotte Wouters"), "another branch")
        #expect(!offered.contains("Nathalie Dubois"), "a manager of other branches")

        // The manager of the branch may get it; reassigning it to Sofie is refused too.
        let task = try database.createTask(leadID: jansLead, assignee: pieter, startsAt: Demo.now.adding(seconds: 3600), durationMinutes: 30,
                                           description: "Bellen", by: seeing(.all, as: admin), now: Demo.now)
        #expect(throws: StoreError.invalid(.taskAssigneeCannotSeeLead)) {
            try database.updateTask(id: task, assignee: sofie, startsAt: Demo.now.adding(seconds: 3600), durationMinutes: 30, description: "Bellen",
                                    version: 1, by: seeing(.all, as: admin), now: Demo.now)
        }
        #expect(try database.read { db in try Int64.fetchOne(db, sql: "SELECT assignee_id FROM tasks WHERE id = ?", arguments: [task]) } == pieter)
    }

    // MARK: Editing a comment leaves a trace

    @Test func editingACommentIsAnEventAndTheFirstTextStays() throws {
        let database = try Demo.database()
        let lead = try database.firstLead(responsible: "sofie", branch: 1)
        let sofie = try database.id(ofUser: "sofie")
        let comment = try database.addComment(leadID: lead, body: "Eerste versie", by: seeing(.all, as: sofie), now: Demo.now)
        let later = Demo.now.adding(seconds: 600)
        try database.updateComment(id: comment, body: "Tweede versie", version: 1, by: seeing(.all, as: sofie), now: later)

        let page = try #require(try database.leadPage(id: lead, visibleTo: seeing(.all)))
        let edited = try #require(page.timeline.first)
        #expect(edited.kind == .commentEdited)
        #expect(edited.at == later)
        #expect(edited.actorName == "Sofie Peeters")
        #expect(edited.detail == "Tweede versie")
        #expect(edited.subjectID == comment)
        let original = try #require(page.timeline.first { $0.kind == .comment && $0.subjectID == comment })
        #expect(original.at == Demo.now)
        #expect(original.detail == "Eerste versie", "the entry at the original time keeps what was written then")
        let shown = try #require(page.comments.first { $0.id == comment })
        #expect(shown.body == "Tweede versie")
        #expect(shown.editedAt == later)

        // Saving the same text again is not an edit.
        try database.updateComment(id: comment, body: "Tweede versie", version: 2, by: seeing(.all, as: sofie), now: later.adding(seconds: 60))
        #expect(try database.leadPage(id: lead, visibleTo: seeing(.all))?.timeline.filter { $0.kind == .commentEdited }.count == 1)

        // Deleting the comment takes its text off the timeline, edits included.
        _ = try database.deleteComment(id: comment, by: seeing(.all, as: sofie), now: later.adding(seconds: 120))
        let after = try #require(try database.leadPage(id: lead, visibleTo: seeing(.all)))
        #expect(!after.timeline.contains { $0.detail.contains("versie") })
        #expect(after.timeline.first?.kind == .commentDeleted)
    }

    // MARK: The task overview in pages

    @Test func theAgendaComesInPagesThatTogetherAreTheWholeList() throws {
        let database = try Demo.database()
        let sofie = try database.id(ofUser: "sofie")
        let lead = try database.firstLead(responsible: "sofie", branch: 1)
        // 130 open tasks, some overdue, some sharing a start time with each other.
        try database.write { db in
            for n in 0..<130 {
                try db.execute(sql: "INSERT INTO tasks (lead_id, assignee_id, starts_at, duration_minutes, description, created_at) VALUES (?, ?, ?, 30, ?, 0)",
                               arguments: [lead, sofie, Demo.now.seconds + Int64((n % 65 - 20) * 3600), "Taak \(n)"])
            }
        }
        let whole = try database.agenda(for: seeing(.all, as: sofie), mineOnly: true, includeTasks: true, includeDeadlines: true,
                                        dueBefore: nil, now: Demo.now, limit: 10_000)
        #expect(whole.count > 130, "the tasks and sofie's deadlines")
        var paged: [AgendaItem] = []
        var page = 1
        while true {
            let p = try database.agenda(for: seeing(.all, as: sofie), mineOnly: true, includeTasks: true, includeDeadlines: true,
                                        dueBefore: nil, now: Demo.now, page: page, pageSize: 50)
            #expect(p.items.count <= 50)
            if p.hasNextPage { #expect(p.items.count == 50) }
            paged += p.items
            guard p.hasNextPage else { break }
            page += 1
            guard page < 50 else { throw StoreTestFailure("pages do not end") }
        }
        #expect(page == (whole.count + 49) / 50)
        #expect(paged == whole, "every item once, in the overview's order")
        #expect(try database.agenda(for: seeing(.all, as: sofie), mineOnly: true, includeTasks: true, includeDeadlines: true,
                                    dueBefore: nil, now: Demo.now, page: page + 1, pageSize: 50).items.isEmpty)
    }

    // MARK: Branch names in three languages

    @Test func branchesHaveNamesInThreeLanguagesEverywhereTheyAreRead() throws {
        let database = try Demo.database()
        let gent = try #require(try database.branches().first { $0.name == "Gent" })
        #expect(gent.names == LocalizedName(nl: "Gent", fr: "Gand", en: "Ghent"))
        #expect(gent.name(in: "fr") == "Gand")
        let lead = try database.firstLead(responsible: "sofie", branch: 1)
        #expect(try database.leadPage(id: lead, visibleTo: seeing(.all))?.lead.branchName.in("en") == "Ghent")
        #expect(try database.leads(LeadFilter(), visibleTo: seeing(.branches([1]))).rows.allSatisfy { $0.branchName.in("fr") == "Gand" })

        // An admin renames all three; an empty translation falls back to the Dutch name.
        try database.updateBranch(id: gent.id, names: LocalizedName(nl: "Gent-Zuid", fr: "Gand-Sud", en: ""), city: "Gent", active: true, actor: 1, now: Demo.now)
        let renamed = try #require(try database.branches().first { $0.id == gent.id })
        #expect(renamed.names == LocalizedName(nl: "Gent-Zuid", fr: "Gand-Sud", en: ""))
        #expect(renamed.name(in: "en") == "Gent-Zuid")
        #expect(try database.accessLog().contains { $0.change == "name_fr" && $0.oldValue == "Gand" && $0.newValue == "Gand-Sud" })
    }

    @Test func theBranchNamesMigrationCopiesTheDutchNameIntoTheOtherTwo() throws {
        let queue = try DatabaseQueue()
        var migrator = Migrations.migrator
        try migrator.migrate(queue, upTo: "v4-documents")
        try queue.write { db in try db.execute(sql: "INSERT INTO branches (name, city) VALUES ('Brugge', 'Brugge')") }
        migrator = Migrations.migrator
        try migrator.migrate(queue)
        let row = try queue.read { db in try Row.fetchOne(db, sql: "SELECT name, name_fr, name_en FROM branches") }
        #expect(row?[0] == "Brugge" && row?[1] == "Brugge" && row?[2] == "Brugge")
    }
}

// Issue 8, item 2 (first step): the lead-visibility rule is one `SQL` value that carries its
// own arguments, and a database error is never read as "not found".
@Suite("Lead scope: one composed condition; errors stay errors")
struct LeadScopeTests {
    @Test func theConditionCarriesItsValuesInPlace() throws {
        let queue = try DatabaseQueue()
        func built(_ v: LeadVisibility) throws -> (String, StatementArguments) {
            try queue.read { db in try SQL("SELECT 1 FROM leads l WHERE l.id = \(42) AND \(LeadScope(seeing(v))) LIMIT \(7)").build(db) }
        }
        #expect(try built(.all) == ("SELECT 1 FROM leads l WHERE l.id = ? AND 1 LIMIT ?", [42, 7]))
        #expect(try built(.branches([])) == ("SELECT 1 FROM leads l WHERE l.id = ? AND 0 LIMIT ?", [42, 7]))
        #expect(try built(.branches([3, 5])) == ("SELECT 1 FROM leads l WHERE l.id = ? AND l.branch_id IN (?,?) LIMIT ?", [42, 3, 5, 7]))
        #expect(try built(.own(userID: 9, branches: [1])) == ("SELECT 1 FROM leads l WHERE l.id = ? AND (l.responsible_id = ? AND l.branch_id IN (?)) LIMIT ?", [42, 9, 1, 7]))
        #expect(try built(.own(userID: 9, branches: [])) == ("SELECT 1 FROM leads l WHERE l.id = ? AND 0 LIMIT ?", [42, 7]))
    }

    /// Two users, every rewritten query: sofie (own, Gent) sees her lead and not jan's.
    @Test func everyScopedQueryKeepsTheRule() throws {
        let f = try Fixture()
        let mine = try f.addLead(responsible: Fixture.sofie, lastName: "Mijn")
        let his = try f.addLead(responsible: Fixture.jan, lastName: "Zijn")
        let sofie = LeadVisibility.own(userID: Fixture.sofie, branches: [Fixture.gent])
        let db = f.database
        #expect(try db.leadPage(id: mine, visibleTo: seeing(sofie)) != nil && db.leadPage(id: his, visibleTo: seeing(sofie)) == nil)
        #expect(try db.deadlines(leadID: mine, visibleTo: seeing(sofie)) != nil && db.deadlines(leadID: his, visibleTo: seeing(sofie)) == nil)
        #expect(try db.contacts(leadID: mine, visibleTo: seeing(sofie)) != nil && db.contacts(leadID: his, visibleTo: seeing(sofie)) == nil)
        #expect(try db.leadVersion(id: mine, visibleTo: seeing(sofie)) != nil && db.leadVersion(id: his, visibleTo: seeing(sofie)) == nil)
        #expect(try db.leadIsVisible(id: mine, visibleTo: seeing(sofie)) && !db.leadIsVisible(id: his, visibleTo: seeing(sofie)))
        #expect(try db.documents(leadID: mine, visibleTo: seeing(sofie)) != nil && db.documents(leadID: his, visibleTo: seeing(sofie)) == nil)
        #expect(try db.leads(LeadFilter(), visibleTo: seeing(sofie)).rows.map(\.id) == [mine])
        var search = LeadFilter()
        search.text = "an@example.be"
        #expect(try db.leads(search, visibleTo: seeing(sofie)).rows.map(\.id) == [mine])
        #expect(try Set(db.searchContacts("an@example.be", visibleTo: seeing(.all)).map(\.name)) == ["An Mijn", "An Zijn"])
        #expect(try db.searchContacts("an@example.be", visibleTo: seeing(sofie)).map(\.name) == ["An Mijn"])
        var probe = ContactInput()
        probe.email = "an@example.be"
        let duplicates = try db.likelyDuplicates(of: probe, visibleTo: seeing(sofie))
        #expect(duplicates.visible.map(\.name) == ["An Mijn"] && duplicates.hidden == 1)
        // (The fixture's users have no profile, so no store rule would give Jan a task: written directly.)
        let task = try db.write { d in
            try d.execute(sql: "INSERT INTO tasks (lead_id, assignee_id, starts_at, duration_minutes, description, created_at) VALUES (?, ?, 1800000000, 30, 'X', 0)",
                          arguments: [his, Fixture.jan])
            return d.lastInsertedRowID
        }
        #expect(try db.task(id: task, visibleTo: seeing(sofie, as: Fixture.sofie)) == nil)
        #expect(try db.task(id: task, visibleTo: seeing(.own(userID: Fixture.jan, branches: [Fixture.gent]), as: Fixture.jan)) != nil)
        let team = try db.agenda(for: seeing(sofie, as: Fixture.sofie), mineOnly: false, includeTasks: true, includeDeadlines: true,
                                 dueBefore: nil, now: Instant(seconds: 1_790_000_000), limit: 100)
        #expect(!team.contains { $0.leadID == his })
        // A task of Sofie's on a lead that has since left her scope (reassigned to Jan): not in
        // her agenda either, mine or all (its link would be a 404).
        try db.write { d in
            try d.execute(sql: "INSERT INTO tasks (lead_id, assignee_id, starts_at, duration_minutes, description, created_at) VALUES (?, ?, 1800000000, 30, 'Y', 0)",
                          arguments: [his, Fixture.sofie])
        }
        for mineOnly in [true, false] {
            let agenda = try db.agenda(for: seeing(sofie, as: Fixture.sofie), mineOnly: mineOnly, includeTasks: true, includeDeadlines: true,
                                       dueBefore: nil, now: Instant(seconds: 1_790_000_000), limit: 100)
            #expect(!agenda.contains { $0.leadID == his }, "mineOnly: \(mineOnly)")
        }
    }

    /// A broken database answers with an error, never with "not found" (which would be a 404
    /// that hides the fault).
    @Test func aDatabaseErrorIsNotNotFound() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        let comment = try f.database.addComment(leadID: lead, body: "Hallo", by: seeing(.all, as: Fixture.sofie), now: Instant(seconds: 1_790_000_000))
        try f.database.write { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: "PRAGMA legacy_alter_table = ON")
            try db.execute(sql: "ALTER TABLE leads RENAME TO leads_gone")
        }
        let sofie = LeadVisibility.own(userID: Fixture.sofie, branches: [Fixture.gent])
        #expect(throws: DatabaseError.self) { _ = try f.database.comment(id: comment, visibleTo: seeing(sofie)) }
        #expect(throws: DatabaseError.self) { _ = try f.database.leadVersion(id: lead, visibleTo: seeing(sofie)) }
        #expect(throws: DatabaseError.self) { _ = try f.database.leadIsVisible(id: lead, visibleTo: seeing(sofie)) }
        #expect(throws: DatabaseError.self) { _ = try f.database.documents(leadID: lead, visibleTo: seeing(sofie)) }
        #expect(throws: DatabaseError.self) { _ = try f.database.deadlines(leadID: lead, visibleTo: seeing(sofie)) }
    }
}
