import Foundation
import GRDB
import Showroom
import Testing
@testable import Store

struct DocumentStoreTests {
    let f: Fixture
    let now = Instant(seconds: 1_767_300_000)
    let gentLead: Int64
    let namurLead: Int64

    init() throws {
        f = try Fixture()
        gentLead = try f.addLead(branch: Fixture.gent, responsible: Fixture.sofie)
        namurLead = try f.addLead(branch: Fixture.namur, responsible: Fixture.julien, lastName: "Dubois")
    }

    static let sha = String(repeating: "ab", count: 32)
    static let otherSha = String(repeating: "cd", count: 32)

    func doc(_ title: String = "Rijbewijs", name: String = "rijbewijs.jpg", sha: String = DocumentStoreTests.sha) -> NewDocument {
        NewDocument(title: title, originalName: name, mimeType: "image/jpeg", size: 1234, sha256: sha)
    }

    let gent = LeadVisibility.branches([Fixture.gent])
    let namur = LeadVisibility.branches([Fixture.namur])

    @Test func addingDocumentsWritesRowsAndTimelineEventsInOneGo() throws {
        let ids = try f.database.addDocuments(leadID: gentLead, [doc(), doc("Rijbewijs", name: "achterkant.jpg", sha: Self.otherSha)],
                                              by: seeing(gent, as: Fixture.sofie), now: now)
        #expect(ids.count == 2)
        let list = try #require(try f.database.documents(leadID: gentLead, visibleTo: seeing(gent)))
        #expect(list.map(\.id) == ids.reversed())
        #expect(list.allSatisfy { $0.createdByName == "Sofie Peeters" && $0.mimeType == "image/jpeg" && $0.size == 1234 && $0.version == 1 })
        let events = try f.database.read { db in
            try Row.fetchAll(db, sql: "SELECT kind, subject_id, detail, new_value FROM timeline_events WHERE lead_id = ? ORDER BY id", arguments: [gentLead])
        }
        #expect(events.map { $0[0] as String } == ["document_added", "document_added"])
        #expect(events.map { $0[1] as Int64 } == ids)
        #expect(events.map { $0[3] as String } == ["rijbewijs.jpg", "achterkant.jpg"])
        #expect(try f.scalar("SELECT last_activity_at FROM leads WHERE id = ?", [gentLead]) == now.seconds)
        // The lead page carries them too.
        let page = try #require(try f.database.leadPage(id: gentLead, visibleTo: seeing(gent)))
        #expect(page.documents.map(\.id) == ids.reversed())
    }

    @Test func anotherBranchsLeadTakesNoDocumentsAndShowsNone() throws {
        #expect(throws: StoreError.notFound) {
            try f.database.addDocuments(leadID: namurLead, [doc()], by: seeing(gent, as: Fixture.sofie), now: now)
        }
        #expect(try f.scalar("SELECT count(*) FROM documents") == 0)
        #expect(try f.database.documents(leadID: namurLead, visibleTo: seeing(gent)) == nil)
        #expect(try f.database.leadIsVisible(id: namurLead, visibleTo: seeing(gent)) == false)
        #expect(try f.database.leadIsVisible(id: gentLead, visibleTo: seeing(gent)) == true)
    }

    @Test func anotherBranchsDocumentIsNotFoundForEveryOperation() throws {
        let id = try #require(try f.database.addDocuments(leadID: namurLead, [doc()], by: seeing(namur, as: Fixture.julien), now: now).first)
        #expect(try f.database.document(id: id, visibleTo: seeing(namur)) != nil)
        #expect(try f.database.document(id: id, visibleTo: seeing(gent)) == nil)
        #expect(try f.database.document(id: id, visibleTo: seeing(.own(userID: Fixture.sofie, branches: [Fixture.gent, Fixture.namur]))) == nil)
        #expect(try f.database.downloads(documentID: id, visibleTo: seeing(gent)) == nil)
        #expect(throws: StoreError.notFound) {
            try f.database.renameDocument(id: id, title: "x", version: 1, by: seeing(gent, as: Fixture.sofie), now: now)
        }
        #expect(throws: StoreError.notFound) { try f.database.deleteDocument(id: id, by: seeing(gent, as: Fixture.sofie), now: now) }
        #expect(try f.database.document(id: 999_999, visibleTo: seeing(.all)) == nil)
        // Nothing changed.
        #expect(try f.database.document(id: id, visibleTo: seeing(.all))?.title == "Rijbewijs")
    }

    @Test func renamingChecksTheVersionAndLandsOnTheTimeline() throws {
        let id = try #require(try f.database.addDocuments(leadID: gentLead, [doc()], by: seeing(gent, as: Fixture.sofie), now: now).first)
        try f.database.renameDocument(id: id, title: "Rijbewijs (voorkant)", version: 1, by: seeing(gent, as: Fixture.jan), now: now.adding(seconds: 60))
        let renamed = try #require(try f.database.document(id: id, visibleTo: seeing(gent)))
        #expect(renamed.title == "Rijbewijs (voorkant)" && renamed.version == 2 && renamed.sha256 == Self.sha)
        // A second editor with the old version is told, and nothing is overwritten.
        #expect(throws: StoreError.conflict) {
            try f.database.renameDocument(id: id, title: "Iets anders", version: 1, by: seeing(gent, as: Fixture.sofie), now: now)
        }
        #expect(throws: StoreError.invalid(.required)) {
            try f.database.renameDocument(id: id, title: "", version: 2, by: seeing(gent, as: Fixture.sofie), now: now)
        }
        #expect(throws: StoreError.invalid(.tooLong)) {
            try f.database.renameDocument(id: id, title: String(repeating: "x", count: 201), version: 2, by: seeing(gent, as: Fixture.sofie), now: now)
        }
        #expect(try f.database.document(id: id, visibleTo: seeing(gent))?.title == "Rijbewijs (voorkant)")
        let event = try f.database.read { db in
            try Row.fetchOne(db, sql: "SELECT detail, old_value, new_value, actor_id FROM timeline_events WHERE kind = 'document_renamed'")
        }
        #expect(event?[0] == "Rijbewijs (voorkant)")
        #expect(event?[1] == "Rijbewijs")
        #expect(event?[3] == Fixture.jan)
    }

    @Test func deletingTellsWhetherTheFileIsStillNeeded() throws {
        let ids = try f.database.addDocuments(leadID: gentLead, [doc(), doc("Kopie")], by: seeing(gent, as: Fixture.sofie), now: now)
        let first = try f.database.deleteDocument(id: ids[0], by: seeing(gent, as: Fixture.sofie), now: now)
        #expect(first == DeletedDocument(leadID: gentLead, sha256: Self.sha, fileStillReferenced: true))
        #expect(try f.database.isFileReferenced(Self.sha))
        let second = try f.database.deleteDocument(id: ids[1], by: seeing(gent, as: Fixture.sofie), now: now)
        #expect(second.fileStillReferenced == false)
        #expect(try f.database.isFileReferenced(Self.sha) == false)
        #expect(try f.database.document(id: ids[0], visibleTo: seeing(.all)) == nil)
        // The timeline says it was deleted, and no longer links to it.
        let links = try f.scalar("SELECT count(*) FROM timeline_events WHERE subject_id IN (?, ?) AND kind LIKE 'document%'", [ids[0], ids[1]])
        #expect(links == 0)
        #expect(try f.scalar("SELECT count(*) FROM timeline_events WHERE kind = 'document_deleted' AND lead_id = ?", [gentLead]) == 2)
    }

    @Test func downloadsAreRecordedAndListedNewestFirst() throws {
        let id = try #require(try f.database.addDocuments(leadID: gentLead, [doc()], by: seeing(gent, as: Fixture.sofie), now: now).first)
        try f.database.recordDownload(documentID: id, userID: Fixture.sofie, now: now.adding(seconds: 10))
        try f.database.recordDownload(documentID: id, userID: Fixture.jan, now: now.adding(seconds: 20))
        let log = try #require(try f.database.downloads(documentID: id, visibleTo: seeing(gent)))
        #expect(log == [DocumentDownload(userName: "Jan Claes", at: now.adding(seconds: 20)),
                        DocumentDownload(userName: "Sofie Peeters", at: now.adding(seconds: 10))])
        // The writer is back at FULL after the download's NORMAL commit.
        #expect(try f.database.writerSynchronousMode() == 2)
        // A document's downloads go with it.
        _ = try f.database.deleteDocument(id: id, by: seeing(gent, as: Fixture.sofie), now: now)
        #expect(try f.scalar("SELECT count(*) FROM document_downloads") == 0)
    }

    @Test func downloadsArrivingTogetherAreAllRecorded() throws {
        let id = try #require(try f.database.addDocuments(leadID: gentLead, [doc()], by: seeing(gent, as: Fixture.sofie), now: now).first)
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for i in 0..<25 {
                try? f.database.recordDownload(documentID: id, userID: Fixture.sofie, now: now.adding(seconds: Int64(thread * 100 + i)))
            }
        }
        #expect(try f.scalar("SELECT count(*) FROM document_downloads WHERE document_id = ?", [id]) == 200)
        #expect(try f.scalar("SELECT count(DISTINCT at) FROM document_downloads") == 200)
        // A failed write fails the downloads it held, not the later ones.
        #expect(throws: (any Error).self) { try f.database.recordDownload(documentID: 999_999, userID: Fixture.sofie, now: now) }
        try f.database.recordDownload(documentID: id, userID: Fixture.jan, now: now)
        #expect(try f.scalar("SELECT count(*) FROM document_downloads") == 201)
    }

    @Test func theDownloadLookupAppliesTheScopeInOneStatement() throws {
        let id = try #require(try f.database.addDocuments(leadID: namurLead, [doc()], by: seeing(namur, as: Fixture.julien), now: now).first)
        #expect(try f.database.downloadableDocument(id: id, visibleTo: seeing(namur))?.id == id)
        #expect(try f.database.downloadableDocument(id: id, visibleTo: seeing(.all))?.id == id)
        #expect(try f.database.downloadableDocument(id: id, visibleTo: seeing(gent)) == nil)
        #expect(try f.database.downloadableDocument(id: id, visibleTo: seeing(.own(userID: Fixture.sofie, branches: [Fixture.namur]))) == nil)
        #expect(try f.database.downloadableDocument(id: id, visibleTo: seeing(.own(userID: Fixture.julien, branches: [Fixture.namur])))?.id == id)
        #expect(try f.database.downloadableDocument(id: id, visibleTo: seeing(.branches([]))) == nil)
        #expect(try f.database.downloadableDocument(id: id + 1, visibleTo: seeing(.all)) == nil)
    }

    @Test func theSchemaRefusesBadRows() throws {
        func insert(_ title: String, sha: String = DocumentStoreTests.sha, size: Int = 1) throws {
            try f.database.write { db in
                try db.execute(sql: "INSERT INTO documents (lead_id, title, mime_type, size, sha256, created_at) VALUES (?, ?, 'text/plain', ?, ?, 0)",
                               arguments: [gentLead, title, size, sha])
            }
        }
        #expect(throws: (any Error).self) { try insert("") }
        #expect(throws: (any Error).self) { try insert(String(repeating: "x", count: 201)) }
        #expect(throws: (any Error).self) { try insert("x", sha: "../../etc/passwd") }
        #expect(throws: (any Error).self) { try insert("x", sha: String(repeating: "A", count: 64)) }
        #expect(throws: (any Error).self) { try insert("x", size: 0) }
        try insert("x")
    }
}
