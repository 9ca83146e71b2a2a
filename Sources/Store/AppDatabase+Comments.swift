import Foundation
import GRDB
import Showroom

// Comments on a lead: add, read, edit (author only, versioned), delete.

extension AppDatabase {
    public func addComment(leadID: Int64, body: String, actor: Int64, visibleTo visibility: LeadVisibility, now: Instant) throws -> Int64 {
        try writer.write { db in
            _ = try Self.visibleLead(db, leadID, visibility)
            try db.execute(sql: "INSERT INTO comments (lead_id, author_id, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?)", arguments: [leadID, actor, body, now.seconds, now.seconds])
            let id = db.lastInsertedRowID
            try Self.record(db, lead: leadID, at: now, actor: actor, .comment, subject: id)
            return id
        }
    }

    public struct CommentRecord: Sendable {
        public let id: Int64, leadID: Int64, authorID: Int64?, body: String, version: Int64
    }

    public func comment(id: Int64, visibleTo visibility: LeadVisibility) throws -> CommentRecord? {
        try writer.read { db in
            guard let r = try Row.fetchOne(db, sql: "SELECT id, lead_id, author_id, body, version FROM comments WHERE id = ?", arguments: [id]) else { return nil }
            guard try Self.leadIsVisible(db, r[1], visibility) else { return nil }
            return CommentRecord(id: r[0], leadID: r[1], authorID: r[2], body: r[3], version: r[4])
        }
    }

    /// Only the author edits a comment; a stale `version` is a conflict. The edit is an event
    /// of its own (who, when, the new text); the original entry keeps the text as first written.
    public func updateComment(id: Int64, body: String, version: Int64, actor: Int64, visibleTo visibility: LeadVisibility, now: Instant) throws {
        try writer.write { db in
            guard let r = try Row.fetchOne(db, sql: "SELECT lead_id, author_id, version, body FROM comments WHERE id = ?", arguments: [id]) else { throw StoreError.notFound }
            let leadID: Int64 = r[0]
            _ = try Self.visibleLead(db, leadID, visibility)
            guard (r[1] as Int64?) == actor else { throw StoreError.forbidden }
            guard (r[2] as Int64) == version else { throw StoreError.conflict }
            let old: String = r[3]
            guard old != body else { return }
            try db.execute(sql: "UPDATE comments SET body = ?, updated_at = ?, version = version + 1 WHERE id = ?", arguments: [body, now.seconds, id])
            // A comment entry without text of its own shows the comment's current text: freeze the first one.
            try db.execute(sql: "UPDATE timeline_events SET detail = ? WHERE kind = 'comment' AND subject_id = ? AND detail = ''", arguments: [old, id])
            try Self.record(db, lead: leadID, at: now, actor: actor, .commentEdited, subject: id, detail: body)
        }
    }

    public func deleteComment(id: Int64, actor: Int64, visibleTo visibility: LeadVisibility, now: Instant) throws -> Int64 {
        try writer.write { db in
            guard let r = try Row.fetchOne(db, sql: "SELECT lead_id, author_id FROM comments WHERE id = ?", arguments: [id]) else { throw StoreError.notFound }
            let leadID: Int64 = r[0]
            _ = try Self.visibleLead(db, leadID, visibility)
            guard (r[1] as Int64?) == actor else { throw StoreError.forbidden }
            try db.execute(sql: "DELETE FROM timeline_events WHERE kind IN ('comment', 'comment_edited') AND subject_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM comments WHERE id = ?", arguments: [id])
            try Self.record(db, lead: leadID, at: now, actor: actor, .commentDeleted)
            return leadID
        }
    }
}
