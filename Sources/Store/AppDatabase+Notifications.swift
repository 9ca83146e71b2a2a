import Foundation
import GRDB
import Showroom

// Notifications: for a user (assigned, a task) or on a lead page (a task done).

extension AppDatabase {
    static func notify(_ db: Database, user: Int64?, lead: Int64?, kind: String, detail: String, actor: Int64?, now: Instant) throws {
        try db.execute(sql: "INSERT INTO notifications (lead_id, user_id, kind, detail, actor_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [lead, user, kind, detail, actor, now.seconds])
    }

    static let notificationSelect = """
        SELECT n.id, n.lead_id, l.code, n.kind, n.detail, a.display_name, n.created_at
        FROM notifications n LEFT JOIN leads l ON l.id = n.lead_id LEFT JOIN users a ON a.id = n.actor_id
        """

    static func notification(_ r: Row) -> NotificationEntry {
        NotificationEntry(id: r[0], leadID: r[1], leadCode: r[2], kind: r[3], detail: r[4], actorName: r[5], at: Instant(seconds: r[6]))
    }

    /// The user's own unseen notifications (newest first).
    public func notifications(userID: Int64, limit: Int = 50) throws -> [NotificationEntry] {
        try writer.read { db in
            try Row.fetchAll(db, sql: Self.notificationSelect + " WHERE n.user_id = ? AND n.seen_at IS NULL ORDER BY n.id DESC LIMIT ?", arguments: [userID, limit]).map(Self.notification)
        }
    }

    /// Marks one notification seen: the user's own, or one on a lead they can see.
    public func markNotificationSeen(id: Int64, userID: Int64, visibleTo visibility: LeadVisibility, now: Instant) throws -> Int64? {
        try writer.write { db in
            guard let r = try Row.fetchOne(db, sql: "SELECT user_id, lead_id FROM notifications WHERE id = ?", arguments: [id]) else { throw StoreError.notFound }
            let owner: Int64? = r[0]
            let lead: Int64? = r[1]
            if let owner { guard owner == userID else { throw StoreError.notFound } }
            else if let lead { _ = try Self.visibleLead(db, lead, visibility) }
            try db.execute(sql: "UPDATE notifications SET seen_at = ? WHERE id = ? AND seen_at IS NULL", arguments: [now.seconds, id])
            return lead
        }
    }
}
