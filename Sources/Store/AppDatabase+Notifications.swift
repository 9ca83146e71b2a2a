import Foundation
import GRDB
import Showroom

// Notifications: for a user (assigned, a task) or on a lead page (a task done).

extension AppDatabase {
    static func notify(_ db: Database, user: Int64?, lead: Int64?, kind: String, detail: String, actor: Int64?, now: Instant) throws {
        try NewNotification(leadID: lead, userID: user, kind: kind, detail: detail, actorID: actor, createdAt: now).insert(db)
    }

    /// The user's own unseen notifications (newest first).
    public func notifications(userID: Int64, limit: Int = 50) throws -> [NotificationEntry] {
        try writer.read { db in
            try NotificationRecord.fetchAll(db, sql: NotificationRecord.select + " WHERE n.user_id = ? AND n.seen_at IS NULL ORDER BY n.id DESC LIMIT ?",
                                            arguments: [userID, limit]).map(\.entry)
        }
    }

    /// The unseen notifications on a lead's page (no visibility check: the caller made it).
    static func leadPageNotifications(_ db: Database, leadID: Int64) throws -> [NotificationEntry] {
        try NotificationRecord.fetchAll(db.cachedStatement(sql: NotificationRecord.select + " WHERE n.lead_id = ? AND n.user_id IS NULL AND n.seen_at IS NULL ORDER BY n.id DESC LIMIT 10"),
                                        arguments: [leadID]).map(\.entry)
    }

    /// Marks one notification seen: the user's own, or one on a lead they can see.
    public func markNotificationSeen(id: Int64, visibleTo viewer: Viewer, now: Instant) throws -> Int64? {
        try writer.write { db in
            guard let n = try NotificationRecord.fetchOne(db, sql: NotificationRecord.select + " WHERE n.id = ?", arguments: [id]) else { throw StoreError.notFound }
            if let owner = n.userID { guard owner == viewer.userID else { throw StoreError.notFound } }
            else if let lead = n.entry.leadID { _ = try Self.visibleLead(db, lead, viewer) }
            try db.execute(sql: "UPDATE notifications SET seen_at = ? WHERE id = ? AND seen_at IS NULL", arguments: [now.seconds, id])
            return n.entry.leadID
        }
    }
}

/// A notification as read, with its lead's code and the name of who caused it.
struct NotificationRecord: FetchableRecord {
    enum Columns: Int, SelectedColumns {
        case id, leadID, userID, leadCode, kind, detail, actorName, createdAt

        var expression: String {
            switch self {
            case .leadCode: "l.code"
            case .actorName: "a.display_name"
            default: "n." + columnName
            }
        }
    }
    /// The notifications with their lead and actor; a WHERE clause follows.
    static let select = "SELECT \(Columns.selection(\.expression)) FROM notifications n LEFT JOIN leads l ON l.id = n.lead_id LEFT JOIN users a ON a.id = n.actor_id"

    var entry: NotificationEntry
    /// Whose it is; nil for one shown on its lead's page.
    var userID: Int64?

    init(row r: Row) {
        userID = r[Columns.userID]
        entry = NotificationEntry(id: r[Columns.id], leadID: r[Columns.leadID], leadCode: r[Columns.leadCode], kind: r[Columns.kind],
                                  detail: r[Columns.detail], actorName: r[Columns.actorName], at: r.instant(Columns.createdAt))
    }
}

/// A notification as first written.
struct NewNotification: Encodable, PersistableRecord {
    static let databaseTableName = "notifications"
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    let leadID: Int64?
    let userID: Int64?
    let kind: String
    let detail: String
    let actorID: Int64?
    let createdAt: Int64

    init(leadID: Int64?, userID: Int64?, kind: String, detail: String, actorID: Int64?, createdAt: Instant) {
        self.leadID = leadID; self.userID = userID; self.kind = kind; self.detail = detail; self.actorID = actorID; self.createdAt = createdAt.seconds
    }
}
