import Foundation
import GRDB
import Showroom

// Tasks on leads, their assignees, and the agenda (open tasks and deadlines).

extension AppDatabase {
    /// A task goes only to an active user who may open its lead: otherwise it would sit in
    /// their task list and notifications with links that answer "not found".
    static func requireTaskAssignee(_ db: Database, user: Int64, lead: Int64) throws {
        guard let visibility = try leadVisibility(db, ofUser: user) else { throw StoreError.invalid(.assigneeUnknown) }
        guard try leadIsVisible(db, lead, visibility) else { throw StoreError.invalid(.taskAssigneeCannotSeeLead) }
    }

    /// Active users who may be given a task on `leadID`: those who can see the lead. The
    /// caller has checked that the asking user may see the lead (or its task).
    public func taskAssignees(leadID: Int64) throws -> [Assignee] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id, display_name FROM users WHERE active = 1 ORDER BY display_name COLLATE NOCASE").compactMap { r in
                let id: Int64 = r[0]
                guard let visibility = try Self.leadVisibility(db, ofUser: id), try Self.leadIsVisible(db, leadID, visibility) else { return nil }
                return Assignee(id: id, name: r[1], branches: try Int64.fetchAll(db, sql: "SELECT branch_id FROM user_branches WHERE user_id = ?", arguments: [id]))
            }
        }
    }

    public func createTask(leadID: Int64, assignee: Int64, startsAt: Instant, durationMinutes: Int, description: String, actor: Int64,
                           visibleTo visibility: LeadVisibility, now: Instant) throws -> Int64 {
        try writer.write { db in
            _ = try Self.visibleLead(db, leadID, visibility)
            try Self.requireTaskAssignee(db, user: assignee, lead: leadID)
            try db.execute(sql: "INSERT INTO tasks (lead_id, assignee_id, starts_at, duration_minutes, description, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           arguments: [leadID, assignee, startsAt.seconds, durationMinutes, description, now.seconds, actor])
            let id = db.lastInsertedRowID
            try Self.record(db, lead: leadID, at: now, actor: actor, .taskAdded, subject: id, detail: description, new: String(startsAt.seconds))
            if assignee != actor { try Self.notify(db, user: assignee, lead: leadID, kind: "task", detail: description, actor: actor, now: now) }
            return id
        }
    }

    static let taskSelect = """
        SELECT t.id, t.lead_id, l.code, c.kind, c.first_name, c.last_name, c.company_name, t.assignee_id, a.display_name, t.starts_at,
               t.duration_minutes, t.description, t.done_at, d.display_name, t.version
        FROM tasks t JOIN leads l ON l.id = t.lead_id JOIN contacts c ON c.id = l.contact_id
        JOIN users a ON a.id = t.assignee_id LEFT JOIN users d ON d.id = t.done_by
        """

    static func task(_ r: Row) -> TaskEntry {
        TaskEntry(id: r[0], leadID: r[1], leadCode: r[2],
                  contactName: ContactCard.displayName(kind: ContactKind(rawValue: r[3]) ?? .person, firstName: r[4], lastName: r[5], companyName: r[6]),
                  assigneeID: r[7], assigneeName: r[8], startsAt: Instant(seconds: r[9]), durationMinutes: r[10], description: r[11],
                  doneAt: (r[12] as Int64?).map(Instant.init(seconds:)), doneByName: r[13], version: r[14])
    }

    /// A task the user may see: its lead is visible, or it is assigned to them.
    public func task(id: Int64, userID: Int64, visibleTo visibility: LeadVisibility) throws -> TaskEntry? {
        try writer.read { db in
            try Row.fetchOne(db, literal: "\(sql: Self.taskSelect) WHERE t.id = \(id) AND (t.assignee_id = \(userID) OR \(LeadScope(visibility)))").map(Self.task)
        }
    }

    public func tasks(leadID: Int64, visibleTo visibility: LeadVisibility) throws -> [TaskEntry] {
        try writer.read { db in
            _ = try Self.visibleLead(db, leadID, visibility)
            return try Row.fetchAll(db, sql: Self.taskSelect + " WHERE t.lead_id = ? ORDER BY t.done_at IS NOT NULL, t.starts_at", arguments: [leadID]).map(Self.task)
        }
    }

    public func updateTask(id: Int64, assignee: Int64, startsAt: Instant, durationMinutes: Int, description: String, version: Int64, actor: Int64,
                           visibleTo visibility: LeadVisibility, now: Instant) throws {
        try writer.write { db in
            guard let r = try Row.fetchOne(db, sql: "SELECT lead_id, assignee_id, version, done_at FROM tasks WHERE id = ?", arguments: [id]) else { throw StoreError.notFound }
            let lead = try Self.visibleTaskLead(db, leadID: r[0], assignee: r[1], actor: actor, visibility)
            guard (r[2] as Int64) == version else { throw StoreError.conflict }
            guard (r[3] as Int64?) == nil else { throw StoreError.invalid(.taskAlreadyDone) }
            // A task kept by its assignee stays editable; a new assignee must be able to see the lead.
            if assignee != (r[1] as Int64) { try Self.requireTaskAssignee(db, user: assignee, lead: lead.id) }
            try db.execute(sql: "UPDATE tasks SET assignee_id = ?, starts_at = ?, duration_minutes = ?, description = ?, version = version + 1 WHERE id = ?",
                           arguments: [assignee, startsAt.seconds, durationMinutes, description, id])
            let oldAssignee: Int64 = r[1]
            try Self.record(db, lead: lead.id, at: now, actor: actor, .taskChanged, subject: id, detail: description,
                            old: try Self.userName(db, oldAssignee), new: try Self.userName(db, assignee))
            if assignee != oldAssignee && assignee != actor {
                try Self.notify(db, user: assignee, lead: lead.id, kind: "task", detail: description, actor: actor, now: now)
            }
        }
    }

    /// The assignee may work on their task even if the lead is outside their scope.
    static func visibleTaskLead(_ db: Database, leadID: Int64, assignee: Int64, actor: Int64, _ visibility: LeadVisibility) throws -> LeadFacts {
        if assignee == actor { return try visibleLead(db, leadID, .all) }
        return try visibleLead(db, leadID, visibility)
    }

    /// Marks a task done: a timeline entry and a notification on the lead page.
    public func completeTask(id: Int64, version: Int64, actor: Int64, visibleTo visibility: LeadVisibility, now: Instant) throws -> Int64 {
        try writer.write { db in
            guard let r = try Row.fetchOne(db, sql: "SELECT lead_id, assignee_id, version, done_at, description FROM tasks WHERE id = ?", arguments: [id]) else { throw StoreError.notFound }
            let lead = try Self.visibleTaskLead(db, leadID: r[0], assignee: r[1], actor: actor, visibility)
            guard (r[3] as Int64?) == nil else { throw StoreError.invalid(.taskAlreadyDone) }
            guard (r[2] as Int64) == version else { throw StoreError.conflict }
            try db.execute(sql: "UPDATE tasks SET done_at = ?, done_by = ?, version = version + 1 WHERE id = ?", arguments: [now.seconds, actor, id])
            try Self.record(db, lead: lead.id, at: now, actor: actor, .taskDone, subject: id, detail: r[4])
            try Self.notify(db, user: nil, lead: lead.id, kind: "task_done", detail: r[4], actor: actor, now: now)
            return lead.id
        }
    }

    /// One page of the agenda, and whether another follows.
    public struct AgendaPage: Sendable {
        public var items: [AgendaItem]
        public var hasNextPage: Bool
    }

    /// Open tasks and deadlines, overdue first, then by due time, in pages of `pageSize`.
    /// `mineOnly`: the user's own tasks and the deadlines of leads they are responsible for;
    /// otherwise everything open on the leads they may see. Both kinds are read in due order,
    /// each up to the end of the page, and merged; the order is by due time throughout
    /// (overdue items are due earliest), so the merge is exact.
    public func agenda(userID: Int64, mineOnly: Bool, visibleTo visibility: LeadVisibility, includeTasks: Bool, includeDeadlines: Bool,
                       dueBefore: Instant?, now: Instant, page: Int = 1, pageSize: Int = 50) throws -> AgendaPage {
        let page = max(1, page), pageSize = max(1, pageSize)
        let start = (page - 1) * pageSize
        let items = try agenda(userID: userID, mineOnly: mineOnly, visibleTo: visibility, includeTasks: includeTasks, includeDeadlines: includeDeadlines,
                               dueBefore: dueBefore, now: now, limit: start + pageSize + 1)
        return AgendaPage(items: Array(items.dropFirst(start).prefix(pageSize)), hasNextPage: items.count > start + pageSize)
    }

    func agenda(userID: Int64, mineOnly: Bool, visibleTo visibility: LeadVisibility, includeTasks: Bool, includeDeadlines: Bool,
                dueBefore: Instant?, now: Instant, limit: Int) throws -> [AgendaItem] {
        let scope = LeadScope(visibility)
        return try writer.read { db in
            var items: [AgendaItem] = []
            let before = dueBefore?.seconds ?? Int64.max
            func name(_ r: Row, _ offset: Int) -> String {
                ContactCard.displayName(kind: ContactKind(rawValue: r[offset]) ?? .person, firstName: r[offset + 1], lastName: r[offset + 2], companyName: r[offset + 3])
            }
            if includeTasks {
                let who: SQL = mineOnly ? "t.assignee_id = \(userID)" : "(t.assignee_id = \(userID) OR \(scope))"
                for r in try Row.fetchAll(db, literal: """
                    SELECT t.id, t.lead_id, l.code, c.kind, c.first_name, c.last_name, c.company_name, a.display_name, t.starts_at, t.description, t.version
                    FROM tasks t JOIN leads l ON l.id = t.lead_id JOIN contacts c ON c.id = l.contact_id JOIN users a ON a.id = t.assignee_id
                    WHERE t.done_at IS NULL AND \(who) AND t.starts_at < \(before) ORDER BY t.starts_at, t.id LIMIT \(limit)
                    """) {
                    items.append(AgendaItem(kind: .task, id: r[0], leadID: r[1], leadCode: r[2], contactName: name(r, 3), ownerName: r[7],
                                            due: Instant(seconds: r[8]), title: r[9], deadlineKind: nil, version: r[10]))
                }
            }
            if includeDeadlines {
                let who: SQL = mineOnly ? "l.responsible_id = \(userID)" : "\(scope)"
                for r in try Row.fetchAll(db, literal: """
                    SELECT d.id, d.lead_id, l.code, c.kind, c.first_name, c.last_name, c.company_name, u.display_name, d.due_at, d.note, d.version, d.kind
                    FROM deadlines d JOIN leads l ON l.id = d.lead_id JOIN contacts c ON c.id = l.contact_id JOIN users u ON u.id = l.responsible_id
                    WHERE d.done_at IS NULL AND l.status = 0 AND \(who) AND d.due_at < \(before) ORDER BY d.due_at, d.id LIMIT \(limit)
                    """) {
                    items.append(AgendaItem(kind: .deadline, id: r[0], leadID: r[1], leadCode: r[2], contactName: name(r, 3), ownerName: r[7],
                                            due: Instant(seconds: r[8]), title: r[9], deadlineKind: DeadlineKind(rawValue: r[11]), version: r[10]))
                }
            }
            return Array(items.sorted(by: AgendaItem.agendaOrder(now: now)).prefix(limit))
        }
    }
}
