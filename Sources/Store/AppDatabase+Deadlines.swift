import Foundation
import GRDB
import Showroom

// Deadlines of a lead: add, list, move (with a reason), complete.

extension AppDatabase {
    public func addDeadline(leadID: Int64, kind: DeadlineKind, due: Instant, note: String, actor: Int64, visibleTo visibility: LeadVisibility, now: Instant) throws {
        try writer.write { db in
            let lead = try Self.visibleLead(db, leadID, visibility)
            guard !lead.status.isClosed else { throw StoreError.invalid(.deadlineLeadClosed) }
            try db.execute(sql: "INSERT INTO deadlines (lead_id, kind, due_at, note, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [leadID, kind.rawValue, due.seconds, note, now.seconds, actor])
            try Self.record(db, lead: leadID, at: now, actor: actor, .deadlineAdded, subject: db.lastInsertedRowID, detail: note, new: String(due.seconds))
        }
    }

    static func visibleDeadline(_ db: Database, _ id: Int64, _ visibility: LeadVisibility) throws -> (leadID: Int64, due: Int64, done: Int64?, version: Int64) {
        guard let r = try Row.fetchOne(db, sql: "SELECT lead_id, due_at, done_at, version FROM deadlines WHERE id = ?", arguments: [id]) else { throw StoreError.notFound }
        _ = try visibleLead(db, r[0], visibility)
        return (r[0], r[1], r[2], r[3])
    }

    /// Moves an open deadline; the reason goes on the timeline.
    public func moveDeadline(id: Int64, to due: Instant, reason: String, version: Int64, actor: Int64, visibleTo visibility: LeadVisibility, now: Instant) throws -> Int64 {
        try writer.write { db in
            let d = try Self.visibleDeadline(db, id, visibility)
            guard d.done == nil else { throw StoreError.invalid(.deadlineAlreadyDone) }
            guard d.version == version else { throw StoreError.conflict }
            try db.execute(sql: "UPDATE deadlines SET due_at = ?, version = version + 1 WHERE id = ?", arguments: [due.seconds, id])
            try Self.record(db, lead: d.leadID, at: now, actor: actor, .deadlineChanged, subject: id, detail: reason, old: String(d.due), new: String(due.seconds))
            return d.leadID
        }
    }

    /// Completes a deadline, recording whether the prospect was reached.
    public func completeDeadline(id: Int64, contacted: Bool, version: Int64, actor: Int64, visibleTo visibility: LeadVisibility, now: Instant) throws -> Int64 {
        try writer.write { db in
            let d = try Self.visibleDeadline(db, id, visibility)
            guard d.done == nil else { throw StoreError.invalid(.deadlineAlreadyDone) }
            guard d.version == version else { throw StoreError.conflict }
            try db.execute(sql: "UPDATE deadlines SET done_at = ?, contacted = ?, version = version + 1 WHERE id = ?", arguments: [now.seconds, contacted ? 1 : 0, id])
            try Self.record(db, lead: d.leadID, at: now, actor: actor, .deadlineDone, subject: id, new: contacted ? "1" : "0")
            return d.leadID
        }
    }

    /// The open and done deadlines of a visible lead, soonest first; nil when not visible.
    public func deadlines(leadID: Int64, visibleTo visibility: LeadVisibility) throws -> [DeadlineEntry]? {
        try writer.read { db in
            guard try Self.leadIsVisible(db, leadID, visibility) else { return nil }
            return try Row.fetchAll(db, sql: """
                SELECT id, kind, due_at, done_at, contacted, note, version FROM deadlines WHERE lead_id = ?
                ORDER BY done_at IS NOT NULL, due_at
                """, arguments: [leadID]).map { d in
                var entry = DeadlineEntry(id: d[0], kind: DeadlineKind(rawValue: d[1]) ?? .other, dueAt: Instant(seconds: d[2]),
                                          doneAt: (d[3] as Int64?).map(Instant.init(seconds:)), contacted: (d[4] as Int?).map { $0 == 1 }, note: d[5])
                entry.version = d[6]
                return entry
            }
        }
    }
}
