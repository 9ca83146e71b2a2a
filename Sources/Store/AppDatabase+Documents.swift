import Foundation
import GRDB
import Showroom

/// A document about to be recorded: its file is already in the store, under `sha256`.
public struct NewDocument: Sendable, Equatable {
    public var title: String
    public var originalName: String
    public var mimeType: String
    public var size: Int64
    public var sha256: String
    public init(title: String, originalName: String, mimeType: String, size: Int64, sha256: String) {
        self.title = title; self.originalName = originalName; self.mimeType = mimeType; self.size = size; self.sha256 = sha256
    }
}

/// What deleting a document leaves to do on disk.
public struct DeletedDocument: Sendable, Equatable {
    public let leadID: Int64
    public let sha256: String
    /// True while another row still refers to the same file: then it must stay.
    public let fileStillReferenced: Bool
}

extension AppDatabase {
    /// A lead's documents, newest first (no visibility check: callers have made it).
    static func documentEntries(_ db: Database, leadID: Int64) throws -> [DocumentEntry] {
        try DocumentRecord.fetchAll(db.cachedStatement(sql: DocumentRecord.select + " WHERE d.lead_id = ? ORDER BY d.created_at DESC, d.id DESC LIMIT 500"),
                                    arguments: [leadID]).map(\.entry)
    }

    /// A document and its lead, if the user may see the lead; `StoreError.notFound` otherwise
    /// (the same answer whether it does not exist or is out of scope).
    static func visibleDocument(_ db: Database, _ id: Int64, _ viewer: Viewer) throws -> DocumentEntry {
        guard let entry = try visibleDocumentIfAny(db, id, viewer) else { throw StoreError.notFound }
        return entry
    }

    /// The document if its lead is visible, nil otherwise; a database error is thrown.
    static func visibleDocumentIfAny(_ db: Database, _ id: Int64, _ viewer: Viewer) throws -> DocumentEntry? {
        guard let entry = try DocumentRecord.fetchOne(db.cachedStatement(sql: DocumentRecord.select + " WHERE d.id = ?"), arguments: [id])?.entry else { return nil }
        return try leadIsVisible(db, entry.leadID, viewer) ? entry : nil
    }

    /// True when the user may see the lead (a cheap check before an upload is read).
    public func leadIsVisible(id: Int64, visibleTo viewer: Viewer) throws -> Bool {
        try writer.read { db in try Self.leadIsVisible(db, id, viewer) }
    }

    /// Records uploaded documents on a visible lead, each with its timeline event, in one
    /// transaction. Returns their ids, in order.
    public func addDocuments(leadID: Int64, _ documents: [NewDocument], by viewer: Viewer, now: Instant) throws -> [Int64] {
        try writer.write { db in
            _ = try Self.visibleLead(db, leadID, viewer)
            var ids: [Int64] = []
            for d in documents {
                if let problem = DocumentRules.checkTitle(d.title) { throw StoreError.invalid(problem) }
                try NewDocumentRecord(leadID: leadID, document: d, createdAt: now, createdBy: viewer.userID).insert(db)
                let id = db.lastInsertedRowID
                ids.append(id)
                try Self.record(db, lead: leadID, at: now, actor: viewer.userID, .documentAdded, subject: id, detail: d.title,
                                new: d.originalName.isEmpty ? nil : d.originalName)
            }
            return ids
        }
    }

    /// The documents of a visible lead, newest first; nil when the lead is not visible.
    public func documents(leadID: Int64, visibleTo viewer: Viewer) throws -> [DocumentEntry]? {
        try writer.read { db in
            guard try Self.leadIsVisible(db, leadID, viewer) else { return nil }
            return try Self.documentEntries(db, leadID: leadID)
        }
    }

    /// One document, if its lead is visible to the user; nil otherwise.
    public func document(id: Int64, visibleTo viewer: Viewer) throws -> DocumentEntry? {
        try writer.read { db in
            try Self.visibleDocumentIfAny(db, id, viewer)
        }
    }

    /// Saves a document under a new title (the file is not touched). A stale `version` is a
    /// conflict. Returns the lead's id.
    @discardableResult
    public func renameDocument(id: Int64, title: String, version: Int64, by viewer: Viewer, now: Instant) throws -> Int64 {
        try writer.write { db in
            let d = try Self.visibleDocument(db, id, viewer)
            if let problem = DocumentRules.checkTitle(title) { throw StoreError.invalid(problem) }
            guard d.version == version else { throw StoreError.conflict }
            guard title != d.title else { return d.leadID }
            try db.execute(sql: "UPDATE documents SET title = ?, version = version + 1 WHERE id = ?", arguments: [title, id])
            try Self.record(db, lead: d.leadID, at: now, actor: viewer.userID, .documentRenamed, subject: id, detail: title, old: d.title, new: title)
            return d.leadID
        }
    }

    /// Deletes a document (its downloads go with it); the timeline keeps a "deleted" event
    /// and loses the links to it. The caller removes the file, after this commits, when no
    /// other row refers to it (`fileStillReferenced`).
    public func deleteDocument(id: Int64, by viewer: Viewer, now: Instant) throws -> DeletedDocument {
        try writer.write { db in
            let d = try Self.visibleDocument(db, id, viewer)
            try db.execute(sql: "DELETE FROM documents WHERE id = ?", arguments: [id])
            try db.execute(sql: "UPDATE timeline_events SET subject_id = NULL WHERE lead_id = ? AND subject_id = ? AND kind IN ('document_added', 'document_renamed')",
                           arguments: [d.leadID, id])
            try Self.record(db, lead: d.leadID, at: now, actor: viewer.userID, .documentDeleted, detail: d.title)
            let others = try Int.fetchOne(db, sql: "SELECT count(*) FROM documents WHERE sha256 = ?", arguments: [d.sha256]) ?? 0
            return DeletedDocument(leadID: d.leadID, sha256: d.sha256, fileStillReferenced: others > 0)
        }
    }

    /// True while some document row refers to the file `sha256`.
    public func isFileReferenced(_ sha256: String) throws -> Bool {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT 1 FROM documents WHERE sha256 = ? LIMIT 1", arguments: [sha256]) != nil }
    }

    /// The document behind a download, if its lead is in the user's scope: one cached
    /// statement (the document joined to its lead under the scope), outside a transaction,
    /// because every download passes here.
    public func downloadableDocument(id: Int64, visibleTo viewer: Viewer) throws -> DocumentEntry? {
        try writer.unsafeReentrantRead { db in
            try DocumentRecord.fetchOne(db, literal: "\(sql: DocumentRecord.select) JOIN leads l ON l.id = d.lead_id WHERE d.id = \(id) AND \(LeadScope(viewer))")?.entry
        }
    }

    /// Records that `userID` downloaded the document (the permission check came first);
    /// returns once the record is committed, so nothing is handed out unrecorded.
    ///
    /// Downloads that arrive together are committed together (group commit: one thread
    /// writes the waiting records in one transaction while the others wait for it), at
    /// `synchronous = NORMAL`: in WAL mode durable against a crash of the process, on disk
    /// with the next FULL commit or checkpoint, without an fsync per download.
    public func recordDownload(documentID: Int64, userID: Int64, now: Instant) throws {
        try downloadLog.record(DownloadLog.Entry(documentID: documentID, userID: userID, at: now.seconds)) { batch in
            try writer.writeWithoutTransaction { db in
                try db.cachedStatement(sql: "PRAGMA synchronous = NORMAL").execute()
                defer { try? db.cachedStatement(sql: "PRAGMA synchronous = FULL").execute() }
                try db.inTransaction {
                    let insert = try db.cachedStatement(sql: "INSERT INTO document_downloads (document_id, user_id, at) VALUES (?, ?, ?)")
                    for e in batch { try insert.execute(arguments: [e.documentID, e.userID, e.at]) }
                    return .commit
                }
            }
        }
    }

    /// Who downloaded a document and when, newest first; nil when it is not visible.
    public func downloads(documentID: Int64, visibleTo viewer: Viewer, limit: Int = 200) throws -> [DocumentDownload]? {
        try writer.read { db in
            guard try Self.visibleDocumentIfAny(db, documentID, viewer) != nil else { return nil }
            return try Row.fetchAll(db, sql: """
                SELECT u.display_name AS user_name, x.at FROM document_downloads x JOIN users u ON u.id = x.user_id
                WHERE x.document_id = ? ORDER BY x.at DESC, x.id DESC LIMIT ?
                """, arguments: [documentID, limit]).map { DocumentDownload(userName: $0["user_name"], at: Instant(seconds: $0["at"])) }
        }
    }
}

/// A document as read, with the name of who uploaded it.
struct DocumentRecord: FetchableRecord {
    enum Columns: Int, SelectedColumns {
        case id, leadID, title, originalName, mimeType, size, sha256, createdAt, createdByName, version

        var expression: String { self == .createdByName ? "u.display_name" : "d." + columnName }
    }
    /// The documents with their uploader; a JOIN or WHERE clause follows.
    static let select = "SELECT \(Columns.selection(\.expression)) FROM documents d LEFT JOIN users u ON u.id = d.created_by"

    var entry: DocumentEntry

    init(row r: Row) {
        entry = DocumentEntry(id: r[Columns.id], leadID: r[Columns.leadID], title: r[Columns.title], originalName: r[Columns.originalName],
                              mimeType: r[Columns.mimeType], size: r[Columns.size], sha256: r[Columns.sha256],
                              createdAt: r.instant(Columns.createdAt), createdByName: r[Columns.createdByName], version: r[Columns.version])
    }
}

/// A document's row as first recorded.
struct NewDocumentRecord: Encodable, PersistableRecord {
    static let databaseTableName = "documents"
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    let leadID: Int64
    let title: String
    let originalName: String
    let mimeType: String
    let size: Int64
    let sha256: String
    let createdAt: Int64
    let createdBy: Int64

    init(leadID: Int64, document d: NewDocument, createdAt: Instant, createdBy: Int64) {
        self.leadID = leadID; title = d.title; originalName = d.originalName; mimeType = d.mimeType; size = d.size; sha256 = d.sha256
        self.createdAt = createdAt.seconds; self.createdBy = createdBy
    }
}

/// Group commit for download records: callers add their record and wait until a
/// transaction holding it has committed; whoever finds no write in progress writes
/// everything waiting, for everyone.
final class DownloadLog: @unchecked Sendable {
    struct Entry: Sendable {
        let documentID: Int64
        let userID: Int64
        let at: Int64
    }

    private let condition = NSCondition()
    private var waiting: [Entry] = []
    private var writing = false
    /// Batches are numbered; `done` is the last one written (or failed).
    private var open = 1
    private var done = 0
    private var failures: [Int: any Error] = [:]

    func record(_ entry: Entry, write: ([Entry]) throws -> Void) throws {
        condition.lock()
        waiting.append(entry)
        let mine = open
        while done < mine {
            if writing {
                condition.wait()
                continue
            }
            // Write everything waiting (this batch, with ours in it).
            writing = true
            let batch = waiting
            let number = open
            waiting = []
            open += 1
            condition.unlock()
            var failure: (any Error)?
            do { try write(batch) } catch { failure = error }
            condition.lock()
            writing = false
            done = number
            if let failure {
                if failures.count > 64 { failures.removeAll() }
                failures[number] = failure
            }
            condition.broadcast()
        }
        let failure = failures[mine]
        condition.unlock()
        if let failure { throw failure }
    }
}
