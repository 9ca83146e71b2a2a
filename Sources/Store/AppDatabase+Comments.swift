import Foundation
import GRDB
import Showroom

// Comments on a lead: add, read, edit (author only, versioned), delete.

extension AppDatabase {
    public func addComment(leadID: Int64, body: String, by viewer: Viewer, now: Instant) throws -> Int64 {
        try writer.write { db in
            _ = try Self.visibleLead(db, leadID, viewer)
            let id = try CommentRow.insert(db, leadID: leadID, authorID: viewer.userID, body: body, at: now)
            try Self.record(db, lead: leadID, at: now, actor: viewer.userID, .comment, subject: id)
            return id
        }
    }

    public struct CommentRecord: Sendable {
        public let id: Int64, leadID: Int64, authorID: Int64?, body: String, version: Int64
    }

    public func comment(id: Int64, visibleTo viewer: Viewer) throws -> CommentRecord? {
        try writer.read { db in
            guard let c = try CommentRow.find(db, id: id), try Self.leadIsVisible(db, c.leadID, viewer) else { return nil }
            return CommentRecord(id: c.id, leadID: c.leadID, authorID: c.authorID, body: c.body, version: c.version)
        }
    }

    /// Only the author edits a comment; a stale `version` is a conflict. The edit is an event
    /// of its own (who, when, the new text); the original entry keeps the text as first written.
    public func updateComment(id: Int64, body: String, version: Int64, by viewer: Viewer, now: Instant) throws {
        try writer.write { db in
            guard let c = try CommentRow.find(db, id: id) else { throw StoreError.notFound }
            let leadID = c.leadID
            _ = try Self.visibleLead(db, leadID, viewer)
            guard c.authorID == viewer.userID else { throw StoreError.forbidden }
            guard c.version == version else { throw StoreError.conflict }
            let old = c.body
            guard old != body else { return }
            try db.execute(sql: "UPDATE comments SET body = ?, updated_at = ?, version = version + 1 WHERE id = ?", arguments: [body, now.seconds, id])
            // A comment entry without text of its own shows the comment's current text: freeze the first one.
            try db.execute(sql: "UPDATE timeline_events SET detail = ? WHERE kind = 'comment' AND subject_id = ? AND detail = ''", arguments: [old, id])
            try Self.record(db, lead: leadID, at: now, actor: viewer.userID, .commentEdited, subject: id, detail: body)
        }
    }

    public func deleteComment(id: Int64, by viewer: Viewer, now: Instant) throws -> Int64 {
        try writer.write { db in
            guard let c = try CommentRow.find(db, id: id) else { throw StoreError.notFound }
            let leadID = c.leadID
            _ = try Self.visibleLead(db, leadID, viewer)
            guard c.authorID == viewer.userID else { throw StoreError.forbidden }
            try db.execute(sql: "DELETE FROM timeline_events WHERE kind IN ('comment', 'comment_edited') AND subject_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM comments WHERE id = ?", arguments: [id])
            try Self.record(db, lead: leadID, at: now, actor: viewer.userID, .commentDeleted)
            return leadID
        }
    }

    /// The newest comments of a lead for its page (no visibility check: the caller made it).
    static func latestComments(_ db: Database, leadID: Int64, names: [Int64: String], limit: Int = 5) throws -> [CommentEntry] {
        var comments: [CommentEntry] = []
        let cursor = try CommentRow.fetchCursor(db.cachedStatement(sql: """
            SELECT \(CommentRow.selection) FROM comments c
            WHERE c.lead_id = ? ORDER BY c.created_at DESC, c.id DESC LIMIT ?
            """), arguments: [leadID, limit])
        while let c = try cursor.next() { comments.append(c.entry(names: names)) }
        return comments
    }
}

/// A comment as read for the lead page (the author's name comes from the staff names).
struct CommentRow: FetchableRecord {
    enum Columns: Int, SelectedColumns {
        case id, leadID, authorID, createdAt, updatedAt, body, version
    }
    static let selection = Columns.selection { "c." + $0.columnName }

    var id: Int64, leadID: Int64, authorID: Int64?, createdAt: Int64, updatedAt: Int64?, body: String, version: Int64

    init(row r: Row) {
        id = r[Columns.id]; leadID = r[Columns.leadID]; authorID = r[Columns.authorID]; createdAt = r[Columns.createdAt]
        updatedAt = r[Columns.updatedAt]; body = r[Columns.body]; version = r[Columns.version]
    }

    /// The entry to show, with the author's name; marked edited when changed after it was written.
    func entry(names: [Int64: String]) -> CommentEntry {
        var entry = CommentEntry(id: id, authorName: authorID.flatMap { names[$0] } ?? "", at: Instant(seconds: createdAt), body: body)
        entry.authorID = authorID
        entry.version = version
        if let updatedAt, updatedAt > createdAt { entry.editedAt = Instant(seconds: updatedAt) }
        return entry
    }

    static func find(_ db: Database, id: Int64) throws -> CommentRow? {
        try fetchOne(db.cachedStatement(sql: "SELECT \(selection) FROM comments c WHERE c.id = ?"), arguments: [id])
    }

    /// Writes a new comment; returns its id.
    static func insert(_ db: Database, leadID: Int64, authorID: Int64, body: String, at now: Instant) throws -> Int64 {
        try NewComment(leadID: leadID, authorID: authorID, body: body, at: now).insert(db)
        return db.lastInsertedRowID
    }
}

/// A comment as first written.
struct NewComment: Encodable, PersistableRecord {
    static let databaseTableName = "comments"
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    let leadID: Int64
    let authorID: Int64
    let body: String
    let createdAt: Int64
    let updatedAt: Int64

    init(leadID: Int64, authorID: Int64, body: String, at now: Instant) {
        self.leadID = leadID; self.authorID = authorID; self.body = body; createdAt = now.seconds; updatedAt = now.seconds
    }
}
