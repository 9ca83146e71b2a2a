import Foundation
import GRDB
import Showroom

// Deadlines of a lead: add, list, move (with a reason), complete.

extension AppDatabase {
    public func addDeadline(leadID: Int64, kind: DeadlineKind, due: Instant, note: String, by viewer: Viewer, now: Instant) throws {
        try writer.write { db in
            let lead = try Self.visibleLead(db, leadID, viewer)
            guard !lead.status.isClosed else { throw StoreError.invalid(.deadlineLeadClosed) }
            try NewDeadline(leadID: leadID, kind: kind, dueAt: due, note: note, createdAt: now, createdBy: viewer.userID).insert(db)
            try Self.record(db, lead: leadID, at: now, actor: viewer.userID, .deadlineAdded, subject: db.lastInsertedRowID, detail: note, new: String(due.seconds))
        }
    }

    /// The deadline if the user may see its lead; `StoreError.notFound` otherwise.
    static func visibleDeadline(_ db: Database, _ id: Int64, _ viewer: Viewer) throws -> DeadlineRecord {
        guard let d = try DeadlineRecord.fetchOne(db.cachedStatement(sql: "SELECT \(DeadlineRecord.selection) FROM deadlines d WHERE d.id = ?"), arguments: [id]) else {
            throw StoreError.notFound
        }
        _ = try visibleLead(db, d.leadID, viewer)
        return d
    }

    /// Moves an open deadline; the reason goes on the timeline.
    public func moveDeadline(id: Int64, to due: Instant, reason: String, version: Int64, by viewer: Viewer, now: Instant) throws -> Int64 {
        try writer.write { db in
            let d = try Self.visibleDeadline(db, id, viewer)
            guard d.entry.doneAt == nil else { throw StoreError.invalid(.deadlineAlreadyDone) }
            guard d.entry.version == version else { throw StoreError.conflict }
            try db.execute(sql: "UPDATE deadlines SET due_at = ?, version = version + 1 WHERE id = ?", arguments: [due.seconds, id])
            try Self.record(db, lead: d.leadID, at: now, actor: viewer.userID, .deadlineChanged, subject: id, detail: reason, old: String(d.entry.dueAt.seconds), new: String(due.seconds))
            return d.leadID
        }
    }

    /// Completes a deadline, recording whether the prospect was reached.
    public func completeDeadline(id: Int64, contacted: Bool, version: Int64, by viewer: Viewer, now: Instant) throws -> Int64 {
        try writer.write { db in
            let d = try Self.visibleDeadline(db, id, viewer)
            guard d.entry.doneAt == nil else { throw StoreError.invalid(.deadlineAlreadyDone) }
            guard d.entry.version == version else { throw StoreError.conflict }
            try db.execute(sql: "UPDATE deadlines SET done_at = ?, contacted = ?, version = version + 1 WHERE id = ?", arguments: [now.seconds, contacted ? 1 : 0, id])
            try Self.record(db, lead: d.leadID, at: now, actor: viewer.userID, .deadlineDone, subject: id, new: contacted ? "1" : "0")
            return d.leadID
        }
    }

    /// The open and done deadlines of a visible lead, soonest first; nil when not visible.
    public func deadlines(leadID: Int64, visibleTo viewer: Viewer) throws -> [DeadlineEntry]? {
        try writer.read { db in
            guard try Self.leadIsVisible(db, leadID, viewer) else { return nil }
            return try DeadlineRecord.fetchAll(db, sql: """
                SELECT \(DeadlineRecord.selection) FROM deadlines d WHERE d.lead_id = ?
                ORDER BY d.done_at IS NOT NULL, d.due_at
                """, arguments: [leadID]).map(\.entry)
        }
    }
}

/// A deadline as read.
struct DeadlineRecord: FetchableRecord {
    enum Columns: Int, SelectedColumns {
        case id, leadID, kind, dueAt, doneAt, contacted, note, version
    }
    static let selection = Columns.selection { "d." + $0.columnName }

    var leadID: Int64
    var entry: DeadlineEntry

    init(row r: Row) {
        leadID = r[Columns.leadID]
        entry = DeadlineEntry(id: r[Columns.id], kind: DeadlineKind(rawValue: r[Columns.kind]) ?? .other, dueAt: r.instant(Columns.dueAt),
                              doneAt: r.instant(Columns.doneAt), contacted: (r[Columns.contacted] as Int?).map { $0 == 1 }, note: r[Columns.note])
        entry.version = r[Columns.version]
    }
}

/// A deadline as first set.
struct NewDeadline: Encodable, PersistableRecord {
    static let databaseTableName = "deadlines"
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    let leadID: Int64
    let kind: String
    let dueAt: Int64
    let note: String
    let createdAt: Int64
    let createdBy: Int64

    init(leadID: Int64, kind: DeadlineKind, dueAt: Instant, note: String, createdAt: Instant, createdBy: Int64) {
        self.leadID = leadID; self.kind = kind.rawValue; self.dueAt = dueAt.seconds; self.note = note
        self.createdAt = createdAt.seconds; self.createdBy = createdBy
    }
}
