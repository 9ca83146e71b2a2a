import Foundation
import GRDB
import Showroom

// Tasks on leads, their assignees, and the agenda (open tasks and deadlines).

extension AppDatabase {
    /// A task goes only to an active user who may open its lead: otherwise it would sit in
    /// their task list and notifications with links that answer "not found".
    static func requireTaskAssignee(_ db: Database, user: Int64, lead: Int64) throws {
        guard let viewer = try viewer(db, ofUser: user) else { throw StoreError.invalid(.assigneeUnknown) }
        guard try leadIsVisible(db, lead, viewer) else { throw StoreError.invalid(.taskAssigneeCannotSeeLead) }
    }

    /// Active users who may be given a task on `leadID`: those who can see the lead. The
    /// caller has checked that the asking user may see the lead (or its task).
    public func taskAssignees(leadID: Int64) throws -> [Assignee] {
        try writer.read { db in
            try Self.activeAssignees(db).filter { a in
                guard let viewer = try Self.viewer(db, ofUser: a.id) else { return false }
                return try Self.leadIsVisible(db, leadID, viewer)
            }
        }
    }

    public func createTask(leadID: Int64, assignee: Int64, startsAt: Instant, durationMinutes: Int, description: String,
                           by viewer: Viewer, now: Instant) throws -> Int64 {
        try writer.write { db in
            _ = try Self.visibleLead(db, leadID, viewer)
            try Self.requireTaskAssignee(db, user: assignee, lead: leadID)
            try NewTask(leadID: leadID, assigneeID: assignee, startsAt: startsAt, durationMinutes: durationMinutes, description: description,
                        createdAt: now, createdBy: viewer.userID).insert(db)
            let id = db.lastInsertedRowID
            try Self.record(db, lead: leadID, at: now, actor: viewer.userID, .taskAdded, subject: id, detail: description, new: String(startsAt.seconds))
            if assignee != viewer.userID { try Self.notify(db, user: assignee, lead: leadID, kind: "task", detail: description, actor: viewer.userID, now: now) }
            return id
        }
    }

    /// A task the user may see: its lead is visible, or it is assigned to them.
    public func task(id: Int64, visibleTo viewer: Viewer) throws -> TaskEntry? {
        try writer.read { db in
            try TaskRecord.fetchOne(db.cachedStatement(literal: "\(sql: TaskRecord.select) WHERE t.id = \(id) AND (t.assignee_id = \(viewer.userID) OR \(LeadScope(viewer)))"))?.entry
        }
    }

    public func tasks(leadID: Int64, visibleTo viewer: Viewer) throws -> [TaskEntry] {
        try writer.read { db in
            _ = try Self.visibleLead(db, leadID, viewer)
            return try TaskRecord.fetchAll(db, sql: TaskRecord.select + " WHERE t.lead_id = ? ORDER BY t.done_at IS NOT NULL, t.starts_at", arguments: [leadID]).map(\.entry)
        }
    }

    public func updateTask(id: Int64, assignee: Int64, startsAt: Instant, durationMinutes: Int, description: String, version: Int64,
                           by viewer: Viewer, now: Instant) throws {
        try writer.write { db in
            guard let task = try TaskStateRecord.fetchOne(db, sql: TaskStateRecord.byID, arguments: [id]) else { throw StoreError.notFound }
            let lead = try Self.visibleTaskLead(db, leadID: task.leadID, assignee: task.assigneeID, viewer)
            guard task.version == version else { throw StoreError.conflict }
            guard !task.isDone else { throw StoreError.invalid(.taskAlreadyDone) }
            // A task kept by its assignee stays editable; a new assignee must be able to see the lead.
            if assignee != task.assigneeID { try Self.requireTaskAssignee(db, user: assignee, lead: lead.id) }
            try db.execute(sql: "UPDATE tasks SET assignee_id = ?, starts_at = ?, duration_minutes = ?, description = ?, version = version + 1 WHERE id = ?",
                           arguments: [assignee, startsAt.seconds, durationMinutes, description, id])
            let oldAssignee = task.assigneeID
            try Self.record(db, lead: lead.id, at: now, actor: viewer.userID, .taskChanged, subject: id, detail: description,
                            old: try Self.userName(db, oldAssignee), new: try Self.userName(db, assignee))
            if assignee != oldAssignee && assignee != viewer.userID {
                try Self.notify(db, user: assignee, lead: lead.id, kind: "task", detail: description, actor: viewer.userID, now: now)
            }
        }
    }

    /// The assignee may work on their task even if the lead is outside their scope.
    static func visibleTaskLead(_ db: Database, leadID: Int64, assignee: Int64, _ viewer: Viewer) throws -> LeadFacts {
        if assignee == viewer.userID { return try visibleLead(db, leadID, Viewer(userID: viewer.userID, visibility: .all)) }
        return try visibleLead(db, leadID, viewer)
    }

    /// Marks a task done: a timeline entry and a notification on the lead page.
    public func completeTask(id: Int64, version: Int64, by viewer: Viewer, now: Instant) throws -> Int64 {
        try writer.write { db in
            guard let task = try TaskStateRecord.fetchOne(db, sql: TaskStateRecord.byID, arguments: [id]) else { throw StoreError.notFound }
            let lead = try Self.visibleTaskLead(db, leadID: task.leadID, assignee: task.assigneeID, viewer)
            guard !task.isDone else { throw StoreError.invalid(.taskAlreadyDone) }
            guard task.version == version else { throw StoreError.conflict }
            try db.execute(sql: "UPDATE tasks SET done_at = ?, done_by = ?, version = version + 1 WHERE id = ?", arguments: [now.seconds, viewer.userID, id])
            try Self.record(db, lead: lead.id, at: now, actor: viewer.userID, .taskDone, subject: id, detail: task.description)
            try Self.notify(db, user: nil, lead: lead.id, kind: "task_done", detail: task.description, actor: viewer.userID, now: now)
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
    public func agenda(for viewer: Viewer, mineOnly: Bool, includeTasks: Bool, includeDeadlines: Bool,
                       dueBefore: Instant?, now: Instant, page: Int = 1, pageSize: Int = 50) throws -> AgendaPage {
        let page = max(1, page), pageSize = max(1, pageSize)
        let start = (page - 1) * pageSize
        let items = try agenda(for: viewer, mineOnly: mineOnly, includeTasks: includeTasks, includeDeadlines: includeDeadlines,
                               dueBefore: dueBefore, now: now, limit: start + pageSize + 1)
        return AgendaPage(items: Array(items.dropFirst(start).prefix(pageSize)), hasNextPage: items.count > start + pageSize)
    }

    func agenda(for viewer: Viewer, mineOnly: Bool, includeTasks: Bool, includeDeadlines: Bool,
                dueBefore: Instant?, now: Instant, limit: Int) throws -> [AgendaItem] {
        let scope = LeadScope(viewer)
        return try writer.read { db in
            var items: [AgendaItem] = []
            let before = dueBefore?.seconds ?? Int64.max
            if includeTasks {
                // Only leads the user can see, also for tasks assigned to them: a lead that left
                // their scope since (reassigned, a branch taken away) is "not found" here too.
                let who: SQL = mineOnly ? "t.assignee_id = \(viewer.userID) AND \(scope)" : "\(scope)"
                items += try AgendaRecord.fetchAll(db, literal: """
                    SELECT \(sql: AgendaRecord.taskSelection)
                    FROM tasks t JOIN leads l ON l.id = t.lead_id JOIN contacts c ON c.id = l.contact_id JOIN users a ON a.id = t.assignee_id
                    WHERE t.done_at IS NULL AND \(who) AND t.starts_at < \(before) ORDER BY t.starts_at, t.id LIMIT \(limit)
                    """).map(\.item)
            }
            if includeDeadlines {
                let who: SQL = mineOnly ? "l.responsible_id = \(viewer.userID) AND \(scope)" : "\(scope)"
                items += try AgendaRecord.fetchAll(db, literal: """
                    SELECT \(sql: AgendaRecord.deadlineSelection)
                    FROM deadlines d JOIN leads l ON l.id = d.lead_id JOIN contacts c ON c.id = l.contact_id JOIN users u ON u.id = l.responsible_id
                    WHERE d.done_at IS NULL AND l.status = 0 AND \(who) AND d.due_at < \(before) ORDER BY d.due_at, d.id LIMIT \(limit)
                    """).map(\.item)
            }
            return Array(items.sorted(by: AgendaItem.agendaOrder(now: now)).prefix(limit))
        }
    }
}

/// A task as read, with its lead's code, the contact's name and the people's names.
struct TaskRecord: FetchableRecord {
    enum Columns: Int, SelectedColumns {
        case id, leadID, leadCode, contactKind, firstName, lastName, companyName, assigneeID, assigneeName
        case startsAt, durationMinutes, description, doneAt, doneByName, version

        var expression: String {
            switch self {
            case .leadCode: "l.code"
            case .contactKind: "c.kind"
            case .firstName, .lastName, .companyName: "c." + columnName
            case .assigneeName: "a.display_name"
            case .doneByName: "d.display_name"
            default: "t." + columnName
            }
        }
    }
    /// The tasks with their lead, contact and people; a WHERE clause follows.
    static let select = """
        SELECT \(Columns.selection(\.expression))
        FROM tasks t JOIN leads l ON l.id = t.lead_id JOIN contacts c ON c.id = l.contact_id
        JOIN users a ON a.id = t.assignee_id LEFT JOIN users d ON d.id = t.done_by
        """

    var entry: TaskEntry

    init(row r: Row) {
        entry = TaskEntry(id: r[Columns.id], leadID: r[Columns.leadID], leadCode: r[Columns.leadCode],
                          contactName: r.contactName(Columns.contactKind, Columns.firstName, Columns.lastName, Columns.companyName),
                          assigneeID: r[Columns.assigneeID], assigneeName: r[Columns.assigneeName], startsAt: r.instant(Columns.startsAt),
                          durationMinutes: r[Columns.durationMinutes], description: r[Columns.description],
                          doneAt: r.instant(Columns.doneAt), doneByName: r[Columns.doneByName], version: r[Columns.version])
    }
}

/// What a change to a task checks first: its lead, assignee, version, state and text.
struct TaskStateRecord: FetchableRecord {
    enum Columns: Int, SelectedColumns {
        case leadID, assigneeID, version, doneAt, description
    }
    static let byID = "SELECT \(Columns.selection(\.columnName)) FROM tasks WHERE id = ?"

    var leadID: Int64, assigneeID: Int64, version: Int64, isDone: Bool, description: String

    init(row r: Row) {
        leadID = r[Columns.leadID]; assigneeID = r[Columns.assigneeID]; version = r[Columns.version]
        isDone = (r[Columns.doneAt] as Int64?) != nil; description = r[Columns.description]
    }
}

/// One open item of the agenda as read: a task or a deadline, with its lead and owner.
struct AgendaRecord: FetchableRecord {
    /// The same columns for both kinds, from different expressions.
    enum Columns: Int, SelectedColumns {
        case id, leadID, leadCode, contactKind, firstName, lastName, companyName, ownerName, due, title, version, deadlineKind

        func expression(_ kind: AgendaItem.Kind) -> String {
            let task = kind == .task
            switch self {
            case .id: return task ? "t.id" : "d.id"
            case .leadID: return task ? "t.lead_id" : "d.lead_id"
            case .leadCode: return "l.code"
            case .contactKind: return "c.kind"
            case .firstName: return "c.first_name"
            case .lastName: return "c.last_name"
            case .companyName: return "c.company_name"
            case .ownerName: return task ? "a.display_name" : "u.display_name"
            case .due: return task ? "t.starts_at" : "d.due_at"
            case .title: return task ? "t.description" : "d.note"
            case .version: return task ? "t.version" : "d.version"
            case .deadlineKind: return task ? "NULL" : "d.kind"
            }
        }
    }
    static let taskSelection = Columns.selection { $0.expression(.task) }
    static let deadlineSelection = Columns.selection { $0.expression(.deadline) }

    var item: AgendaItem

    init(row r: Row) {
        let deadlineKind = r[Columns.deadlineKind] as String?
        item = AgendaItem(kind: deadlineKind == nil ? .task : .deadline, id: r[Columns.id], leadID: r[Columns.leadID], leadCode: r[Columns.leadCode],
                          contactName: r.contactName(Columns.contactKind, Columns.firstName, Columns.lastName, Columns.companyName),
                          ownerName: r[Columns.ownerName], due: r.instant(Columns.due), title: r[Columns.title],
                          deadlineKind: deadlineKind.flatMap(DeadlineKind.init(rawValue:)), version: r[Columns.version])
    }
}

/// A task as first given.
struct NewTask: Encodable, PersistableRecord {
    static let databaseTableName = "tasks"
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    let leadID: Int64
    let assigneeID: Int64
    let startsAt: Int64
    let durationMinutes: Int
    let description: String
    let createdAt: Int64
    let createdBy: Int64

    init(leadID: Int64, assigneeID: Int64, startsAt: Instant, durationMinutes: Int, description: String, createdAt: Instant, createdBy: Int64) {
        self.leadID = leadID; self.assigneeID = assigneeID; self.startsAt = startsAt.seconds; self.durationMinutes = durationMinutes
        self.description = description; self.createdAt = createdAt.seconds; self.createdBy = createdBy
    }
}
