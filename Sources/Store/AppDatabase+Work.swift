import Foundation
import GRDB
import Showroom

/// The facts about a visible lead that the work operations check.
struct LeadFacts {
    let id: Int64
    let status: LeadStatus
    let branchID: Int64
    let responsibleID: Int64
    let contactID: Int64
    let version: Int64
}

public struct NewLead: Sendable {
    public var typeID: Int64
    public var sourceID: Int64
    public var branchID: Int64
    public var responsibleID: Int64
    public init(typeID: Int64, sourceID: Int64, branchID: Int64, responsibleID: Int64) {
        self.typeID = typeID; self.sourceID = sourceID; self.branchID = branchID; self.responsibleID = responsibleID
    }
}

public enum ContactChoice: Sendable {
    case existing(Int64)
    case new(ContactInput)
}

extension AppDatabase {
    // MARK: - Shared steps

    /// The lead if the user may see it; `StoreError.notFound` otherwise.
    static func visibleLead(_ db: Database, _ id: Int64, _ visibility: LeadVisibility) throws -> LeadFacts {
        guard let lead = try visibleLeadIfAny(db, id, visibility) else { throw StoreError.notFound }
        return lead
    }

    /// The lead if the user may see it, nil otherwise; a database error is thrown, never read
    /// as "not found".
    static func visibleLeadIfAny(_ db: Database, _ id: Int64, _ visibility: LeadVisibility) throws -> LeadFacts? {
        try Row.fetchOne(db, literal: """
            SELECT l.id, l.status, l.branch_id, l.responsible_id, l.contact_id, l.version FROM leads l WHERE l.id = \(id) AND \(LeadScope(visibility))
            """).map { r in
            LeadFacts(id: r[0], status: LeadStatus(rawValue: r[1]) ?? .inProgress, branchID: r[2], responsibleID: r[3], contactID: r[4], version: r[5])
        }
    }

    /// Whether the lead exists and `visibility` lets its holder see it; a database error is thrown, never read as "no".
    static func leadIsVisible(_ db: Database, _ id: Int64, _ visibility: LeadVisibility) throws -> Bool {
        try Int.fetchOne(db, literal: "SELECT 1 FROM leads l WHERE l.id = \(id) AND \(LeadScope(visibility))") != nil
    }

    /// Records an event on the lead's timeline and makes it the lead's last activity.
    static func record(_ db: Database, lead: Int64, at now: Instant, actor: Int64?, _ kind: TimelineKind, subject: Int64? = nil,
                       detail: String = "", old: String? = nil, new: String? = nil) throws {
        try db.execute(sql: "INSERT INTO timeline_events (lead_id, at, actor_id, kind, subject_id, detail, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       arguments: [lead, now.seconds, actor, kind.rawValue, subject, detail, old, new])
        try db.execute(sql: "UPDATE leads SET last_activity_at = max(last_activity_at, ?) WHERE id = ?", arguments: [now.seconds, lead])
    }

    static func userName(_ db: Database, _ id: Int64) throws -> String {
        try String.fetchOne(db, sql: "SELECT display_name FROM users WHERE id = ?", arguments: [id]) ?? "?"
    }

    /// An active user who works in `branch` (or may see every lead).
    static func requireAssignable(_ db: Database, user: Int64, branch: Int64) throws {
        guard let r = try Row.fetchOne(db, sql: "SELECT u.active, u.profile_id, p.name FROM users u LEFT JOIN profiles p ON p.id = u.profile_id WHERE u.id = ?", arguments: [user]),
              r[0] as Int == 1 else { throw StoreError.invalid(.assigneeUnknown) }
        let inBranch = try Int.fetchOne(db, sql: "SELECT 1 FROM user_branches WHERE user_id = ? AND branch_id = ?", arguments: [user, branch]) != nil
        if !inBranch {
            let rights = try rights(db, userID: user, profileID: r[1], profileName: r[2])
            guard rights.scope(of: .leadsView) == .all else { throw StoreError.invalid(.assigneeNotInBranch) }
        }
    }

    /// The lead visibility of another user, by the same rule as a signed-in user's
    /// (`AccessRights.leadVisibility`); nil when the user is unknown or inactive.
    static func leadVisibility(_ db: Database, ofUser user: Int64) throws -> LeadVisibility? {
        guard let r = try Row.fetchOne(db, sql: "SELECT u.active, u.profile_id, p.name FROM users u LEFT JOIN profiles p ON p.id = u.profile_id WHERE u.id = ?", arguments: [user]),
              r[0] as Int == 1 else { return nil }
        let branches = try Int64.fetchAll(db, sql: "SELECT branch_id FROM user_branches WHERE user_id = ? ORDER BY branch_id", arguments: [user])
        return try rights(db, userID: user, profileID: r[1], profileName: r[2]).leadVisibility(userID: user, branches: branches)
    }

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

    // MARK: - Reference lists

    public enum LookupList: String, CaseIterable, Sendable {
        case types = "lead_types", sources = "lead_sources", lostReasons = "lost_reasons"
    }

    public func lookup(_ list: LookupList, activeOnly: Bool = false) throws -> [LookupItem] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name_nl, name_fr, name_en, active FROM \(list.rawValue) \(activeOnly ? "WHERE active = 1" : "") ORDER BY position, id").map {
                LookupItem(id: $0[0], name: LocalizedName(nl: $0[1], fr: $0[2], en: $0[3]), active: $0[4] == 1)
            }
        }
    }

    public func addLookupItem(_ list: LookupList, name: LocalizedName, actor: Int64, now: Instant) throws {
        try writer.write { db in
            let position = try Int.fetchOne(db, sql: "SELECT coalesce(max(position), 0) + 1 FROM \(list.rawValue)") ?? 1
            try db.execute(sql: "INSERT INTO \(list.rawValue) (name_nl, name_fr, name_en, position) VALUES (?, ?, ?, ?)", arguments: [name.nl, name.fr, name.en, position])
            try Self.log(db, now: now, actor: actor, subject: "settings:" + list.rawValue, change: "created", old: "", new: name.nl)
        }
    }

    /// Renames or (de)activates an item; items are never deleted, so leads keep their labels.
    public func updateLookupItem(_ list: LookupList, id: Int64, name: LocalizedName, active: Bool, actor: Int64, now: Instant) throws {
        try writer.write { db in
            guard let old = try String.fetchOne(db, sql: "SELECT name_nl FROM \(list.rawValue) WHERE id = ?", arguments: [id]) else { throw StoreError.notFound }
            try db.execute(sql: "UPDATE \(list.rawValue) SET name_nl = ?, name_fr = ?, name_en = ?, active = ? WHERE id = ?", arguments: [name.nl, name.fr, name.en, active ? 1 : 0, id])
            try Self.log(db, now: now, actor: actor, subject: "settings:" + list.rawValue, change: "name", old: old, new: name.nl + (active ? "" : " (—)"))
        }
    }

    public func deadlineHours() throws -> Int {
        try writer.read { db in Int(try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = 'opportunity_deadline_hours'") ?? "24") ?? 24 }
    }

    public func setDeadlineHours(_ hours: Int, actor: Int64, now: Instant) throws {
        try writer.write { db in
            let old = try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = 'opportunity_deadline_hours'") ?? ""
            try db.execute(sql: "INSERT INTO settings (key, value) VALUES ('opportunity_deadline_hours', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", arguments: [String(hours)])
            if old != String(hours) { try Self.log(db, now: now, actor: actor, subject: "settings:deadline", change: "deadline_hours", old: old, new: String(hours)) }
        }
    }

    /// Active users who may be made responsible in `branch` (or in any branch when nil).
    public func assignees(branch: Int64?) throws -> [Assignee] {
        try writer.read { db in
            var branches: [Int64: [Int64]] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT user_id, branch_id FROM user_branches") { branches[r[0], default: []].append(r[1]) }
            return try Row.fetchAll(db, sql: "SELECT id, display_name FROM users WHERE active = 1 ORDER BY display_name COLLATE NOCASE").compactMap { r in
                let id: Int64 = r[0]
                let b = branches[id] ?? []
                if let branch, !b.contains(branch) { return nil }
                return Assignee(id: id, name: r[1], branches: b)
            }
        }
    }

    // MARK: - New lead and contacts

    /// Contacts whose leads the user may see, found by name, e-mail, phone or lead code.
    public func searchContacts(_ text: String, visibleTo visibility: LeadVisibility, limit: Int = 20) throws -> [ContactMatch] {
        guard let match = SearchQuery.match(text) else { return [] }
        let scope = LeadScope(visibility)
        // Further contacts (co-buyers, contact persons) are not in the search index; there are
        // few of them, so they are matched by name, e-mail or phone directly.
        let like = "%" + text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
        let phone = ContactRules.normalizePhone(text).map { "%" + $0.dropFirst(3) + "%" } ?? like
        return try writer.read { db in
            try Row.fetchAll(db, literal: """
                SELECT c.id, c.kind, c.first_name, c.last_name, c.company_name, c.email, c.phone, c.city, c.vat_number
                FROM contacts c WHERE c.id IN (
                    SELECT l.contact_id FROM lead_search s CROSS JOIN leads l ON l.id = s.rowid
                    WHERE lead_search MATCH \(match) AND \(scope) ORDER BY s.rowid DESC LIMIT 200)
                OR c.id IN (
                    SELECT lc.contact_id FROM lead_contacts lc JOIN leads l ON l.id = lc.lead_id JOIN contacts x ON x.id = lc.contact_id
                    WHERE \(scope) AND (x.first_name || ' ' || x.last_name LIKE \(like) OR x.company_name LIKE \(like) OR x.email LIKE \(like) OR x.phone LIKE \(phone)))
                ORDER BY c.last_name, c.first_name, c.company_name LIMIT \(limit)
                """).map(Self.contactMatch)
        }
    }

    static func contactMatch(_ r: Row) -> ContactMatch {
        ContactMatch(id: r[0], name: ContactCard.displayName(kind: ContactKind(rawValue: r[1]) ?? .person, firstName: r[2], lastName: r[3], companyName: r[4]),
                     email: r[5], phone: r[6], city: r[7], vatNumber: r[8])
    }

    /// Existing contacts with the same e-mail, phone or VAT number: (the ones the user may see,
    /// how many others exist that they may not see).
    public func likelyDuplicates(of input: ContactInput, visibleTo visibility: LeadVisibility) throws -> (visible: [ContactMatch], hidden: Int) {
        try writer.read { db in
            var conditions: [SQL] = []
            if !input.email.isEmpty { conditions.append("c.email = \(input.email)") }
            if !input.phone.isEmpty { conditions.append("c.phone = \(input.phone)") }
            if !input.vatNumber.isEmpty { conditions.append("c.vat_number = \(input.vatNumber)") }
            guard !conditions.isEmpty else { return ([], 0) }
            let rows = try Row.fetchAll(db, literal: """
                SELECT c.id, c.kind, c.first_name, c.last_name, c.company_name, c.email, c.phone, c.city, c.vat_number,
                       (NOT EXISTS (SELECT 1 FROM leads x WHERE x.contact_id = c.id)
                        OR EXISTS (SELECT 1 FROM leads l WHERE l.contact_id = c.id AND \(LeadScope(visibility)))) AS visible
                FROM contacts c WHERE \(conditions.joined(separator: " OR ")) LIMIT 50
                """)
            let visible = rows.filter { $0[9] as Bool }.map(Self.contactMatch)
            return (visible, rows.count - visible.count)
        }
    }

    /// True when the user may see the contact: one of its leads is visible, or it has none.
    static func contactVisible(_ db: Database, _ id: Int64, _ visibility: LeadVisibility) throws -> Bool {
        guard try Int.fetchOne(db, sql: "SELECT 1 FROM contacts WHERE id = ?", arguments: [id]) != nil else { return false }
        if visibility == .all { return true }
        let any = try Int.fetchOne(db, sql: "SELECT 1 FROM leads WHERE contact_id = ? UNION SELECT 1 FROM lead_contacts WHERE contact_id = ? LIMIT 1", arguments: [id, id]) != nil
        if !any { return true }
        return try Int.fetchOne(db, literal: """
            SELECT 1 FROM leads l WHERE \(LeadScope(visibility)) AND (l.contact_id = \(id) OR l.id IN (SELECT lead_id FROM lead_contacts WHERE contact_id = \(id))) LIMIT 1
            """) != nil
    }

    static func insertContact(_ db: Database, _ c: ContactInput, now: Instant) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO contacts (kind, first_name, last_name, company_name, email, phone, street, postal_code, city, country, vat_number, vat_rate_permille, language, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [c.kind.rawValue, c.firstName, c.lastName, c.companyName, c.email, c.phone, c.street, c.postalCode, c.city, c.country,
                             c.vatNumber, c.vatRatePermille, c.language, now.seconds, now.seconds])
        return db.lastInsertedRowID
    }

    /// Creates a lead with its system code, its first deadline and its first timeline entry,
    /// in one transaction. Returns the new lead's id.
    public func createLead(_ lead: NewLead, contact: ContactChoice, actor: Int64, visibleTo visibility: LeadVisibility, now: Instant) throws -> Int64 {
        try writer.write { db in
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM branches WHERE id = ? AND active = 1", arguments: [lead.branchID]) != nil else { throw StoreError.invalid(.invalidChoice) }
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM lead_types WHERE id = ? AND active = 1", arguments: [lead.typeID]) != nil,
                  try Int.fetchOne(db, sql: "SELECT 1 FROM lead_sources WHERE id = ? AND active = 1", arguments: [lead.sourceID]) != nil else { throw StoreError.invalid(.invalidChoice) }
            try Self.requireAssignable(db, user: lead.responsibleID, branch: lead.branchID)
            let contactID: Int64
            switch contact {
            case .existing(let id):
                guard try Self.contactVisible(db, id, visibility) else { throw StoreError.notFound }
                contactID = id
            case .new(let input):
                contactID = try Self.insertContact(db, input, now: now)
            }
            let year = BrusselsTime.civil(now).year
            let sequence = try Int.fetchOne(db, sql: "INSERT INTO code_sequences (year, last) VALUES (?, 1) ON CONFLICT(year) DO UPDATE SET last = last + 1 RETURNING last", arguments: [year]) ?? 1
            let code = SystemCode(year: year, sequence: sequence).description
            try db.execute(sql: """
                INSERT INTO leads (code, status, contact_id, type_id, source_id, branch_id, responsible_id, created_at, last_activity_at)
                VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [code, contactID, lead.typeID, lead.sourceID, lead.branchID, lead.responsibleID, now.seconds, now.seconds])
            let id = db.lastInsertedRowID
            let hours = Int(try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = 'opportunity_deadline_hours'") ?? "24") ?? 24
            try db.execute(sql: "INSERT INTO deadlines (lead_id, kind, due_at, created_at, created_by) VALUES (?, 'contact_prospect', ?, ?, ?)",
                           arguments: [id, LeadRules.firstDeadline(createdAt: now, hours: hours).seconds, now.seconds, actor])
            try Self.record(db, lead: id, at: now, actor: actor, .created)
            if lead.responsibleID != actor {
                try Self.notify(db, user: lead.responsibleID, lead: id, kind: "assigned", detail: code, actor: actor, now: now)
            }
            return id
        }
    }

    // MARK: - Comments

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

    // MARK: - Deadlines

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

    // MARK: - Tasks

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

    // MARK: - Assignment and status

    /// Gives the lead to another user and/or branch; the new responsible is notified.
    public func assign(leadID: Int64, to responsible: Int64, branch: Int64, version: Int64, actor: Int64, visibleTo visibility: LeadVisibility, now: Instant) throws {
        try writer.write { db in
            let lead = try Self.visibleLead(db, leadID, visibility)
            guard lead.version == version else { throw StoreError.conflict }
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM branches WHERE id = ? AND active = 1", arguments: [branch]) != nil else { throw StoreError.invalid(.invalidChoice) }
            try Self.requireAssignable(db, user: responsible, branch: branch)
            guard responsible != lead.responsibleID || branch != lead.branchID else { throw StoreError.invalid(.assignmentUnchanged) }
            try db.execute(sql: "UPDATE leads SET responsible_id = ?, branch_id = ?, version = version + 1 WHERE id = ?", arguments: [responsible, branch, leadID])
            let oldName = try Self.userName(db, lead.responsibleID), newName = try Self.userName(db, responsible)
            var detail = ""
            if branch != lead.branchID {
                let names = try Row.fetchAll(db, sql: "SELECT id, name FROM branches WHERE id IN (?, ?)", arguments: [lead.branchID, branch])
                let byID = Dictionary(uniqueKeysWithValues: names.map { ($0[0] as Int64, $0[1] as String) })
                detail = (byID[lead.branchID] ?? "?") + " → " + (byID[branch] ?? "?")
            }
            try Self.record(db, lead: leadID, at: now, actor: actor, .assigned, detail: detail, old: oldName, new: newName)
            if responsible != actor {
                let code = try String.fetchOne(db, sql: "SELECT code FROM leads WHERE id = ?", arguments: [leadID]) ?? ""
                try Self.notify(db, user: responsible, lead: leadID, kind: "assigned", detail: code, actor: actor, now: now)
            }
        }
    }

    /// Changes the status after the domain rules allowed it. Closing stops the deadline clock;
    /// reopening starts it again.
    public func setStatus(leadID: Int64, to status: LeadStatus, lostReason: Int64?, version: Int64, actor: Int64, visibleTo visibility: LeadVisibility, now: Instant) throws {
        try writer.write { db in
            let lead = try Self.visibleLead(db, leadID, visibility)
            guard lead.version == version else { throw StoreError.conflict }
            var reasonName = ""
            if status == .lost {
                guard let lostReason, let name = try String.fetchOne(db, sql: "SELECT name_nl FROM lost_reasons WHERE id = ? AND active = 1", arguments: [lostReason]) else {
                    throw StoreError.invalid(.lostReasonRequired)
                }
                reasonName = name
            }
            try db.execute(sql: """
                UPDATE leads SET status = ?, closed_at = ?, lost_reason_id = ?, version = version + 1,
                    next_deadline_at = CASE WHEN ? = 0 THEN (SELECT min(due_at) FROM deadlines WHERE lead_id = leads.id AND done_at IS NULL) END
                WHERE id = ?
                """, arguments: [status.rawValue, status.isClosed ? now.seconds : nil, status == .lost ? lostReason : nil, status.rawValue, leadID])
            try Self.record(db, lead: leadID, at: now, actor: actor, .statusChanged, subject: status == .lost ? lostReason : nil, detail: reasonName,
                            old: String(lead.status.rawValue), new: String(status.rawValue))
        }
    }

    public func leadVersion(id: Int64, visibleTo visibility: LeadVisibility) throws -> Int64? {
        try writer.read { db in try Self.visibleLeadIfAny(db, id, visibility)?.version }
    }

    // MARK: - Contacts of a lead

    public func contactRecord(id: Int64, visibleTo visibility: LeadVisibility) throws -> (ContactInput, version: Int64)? {
        try writer.read { db in
            guard try Self.contactVisible(db, id, visibility),
                  let r = try Row.fetchOne(db, sql: """
                    SELECT kind, first_name, last_name, company_name, email, phone, street, postal_code, city, country, vat_number, vat_rate_permille, language, version
                    FROM contacts WHERE id = ?
                    """, arguments: [id]) else { return nil }
            var c = ContactInput()
            c.kind = ContactKind(rawValue: r[0]) ?? .person
            c.firstName = r[1]; c.lastName = r[2]; c.companyName = r[3]; c.email = r[4]; c.phone = r[5]
            c.street = r[6]; c.postalCode = r[7]; c.city = r[8]; c.country = r[9]; c.vatNumber = r[10]; c.vatRatePermille = r[11]; c.language = r[12]
            return (c, r[13])
        }
    }

    /// The leads of a contact that the user may see, newest first.
    public func leads(ofContact id: Int64, visibleTo visibility: LeadVisibility) throws -> [LeadOverviewRow] {
        var filter = LeadFilter()
        filter.page = 1
        return try leads(filter, visibleTo: visibility, contactID: id).rows
    }

    /// Saves a contact's new details; every changed field goes on the timeline of each of
    /// the contact's leads the user can see. Returns the names of the changed fields.
    @discardableResult
    public func updateContact(id: Int64, _ c: ContactInput, version: Int64, actor: Int64, visibleTo visibility: LeadVisibility, now: Instant) throws -> [String] {
        try writer.write { db in
            guard try Self.contactVisible(db, id, visibility) else { throw StoreError.notFound }
            guard let before = try Row.fetchOne(db, sql: """
                SELECT kind, first_name, last_name, company_name, email, phone, street, postal_code, city, country, vat_number, vat_rate_permille, language, version
                FROM contacts WHERE id = ?
                """, arguments: [id]) else { throw StoreError.notFound }
            guard (before[13] as Int64) == version else { throw StoreError.conflict }
            let newValues: [DatabaseValueConvertible?] = [c.kind.rawValue, c.firstName, c.lastName, c.companyName, c.email, c.phone, c.street, c.postalCode,
                                                           c.city, c.country, c.vatNumber, c.vatRatePermille, c.language]
            let names = ["kind", "first_name", "last_name", "company_name", "email", "phone", "street", "postal_code", "city", "country", "vat_number", "vat_rate", "language"]
            var changed: [(String, String, String)] = []
            for (i, name) in names.enumerated() {
                let old = before[i] as DatabaseValue
                let new = newValues[i]?.databaseValue ?? .null
                if old != new { changed.append((name, old.isNull ? "" : String(describing: old.storage.value ?? ""), new.isNull ? "" : String(describing: new.storage.value ?? ""))) }
            }
            guard !changed.isEmpty else { return [] }
            try db.execute(sql: """
                UPDATE contacts SET kind = ?, first_name = ?, last_name = ?, company_name = ?, email = ?, phone = ?, street = ?, postal_code = ?, city = ?,
                    country = ?, vat_number = ?, vat_rate_permille = ?, language = ?, updated_at = ?, version = version + 1 WHERE id = ?
                """, arguments: StatementArguments(newValues + [now.seconds, id]))
            let leadIDs = try Int64.fetchAll(db, literal: """
                SELECT l.id FROM leads l WHERE (l.contact_id = \(id) OR l.id IN (SELECT lead_id FROM lead_contacts WHERE contact_id = \(id))) AND \(LeadScope(visibility))
                """)
            let summary = changed.map { "\($0.0): \($0.1) → \($0.2)" }.joined(separator: "\n")
            for lead in leadIDs { try Self.record(db, lead: lead, at: now, actor: actor, .contactChanged, subject: id, detail: summary) }
            return changed.map(\.0)
        }
    }

    /// Links a further contact (existing or new) to a lead, with its role.
    public func linkContact(leadID: Int64, contact: ContactChoice, role: String, actor: Int64, visibleTo visibility: LeadVisibility, now: Instant) throws {
        try writer.write { db in
            let lead = try Self.visibleLead(db, leadID, visibility)
            let contactID: Int64
            switch contact {
            case .existing(let id):
                guard try Self.contactVisible(db, id, visibility) else { throw StoreError.notFound }
                contactID = id
            case .new(let input):
                contactID = try Self.insertContact(db, input, now: now)
            }
            guard contactID != lead.contactID,
                  try Int.fetchOne(db, sql: "SELECT 1 FROM lead_contacts WHERE lead_id = ? AND contact_id = ?", arguments: [leadID, contactID]) == nil else {
                throw StoreError.invalid(.contactAlreadyLinked)
            }
            try db.execute(sql: "INSERT INTO lead_contacts (lead_id, contact_id, role) VALUES (?, ?, ?)", arguments: [leadID, contactID, role])
            let name = try Row.fetchOne(db, sql: "SELECT kind, first_name, last_name, company_name FROM contacts WHERE id = ?", arguments: [contactID]).map {
                ContactCard.displayName(kind: ContactKind(rawValue: $0[0]) ?? .person, firstName: $0[1], lastName: $0[2], companyName: $0[3])
            } ?? ""
            try Self.record(db, lead: leadID, at: now, actor: actor, .contactLinked, subject: contactID, detail: name, new: role)
        }
    }

    // MARK: - Notifications

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

/// Turns what a user typed into an FTS5 query: each word becomes a quoted prefix term, so no
/// FTS syntax typed by a user is ever interpreted. Phone numbers are matched on their digits.
public enum SearchQuery {
    public static func match(_ text: String) -> String? {
        // A phone number typed in groups (`0475 12 34 56`) is one number.
        let compact = text.filter { !$0.isWhitespace }
        if compact.filter(\.isNumber).count >= 6, compact.allSatisfy({ $0.isNumber || "+-./()".contains($0) }) {
            var digits = compact.filter(\.isNumber)
            if digits.hasPrefix("00") { digits.removeFirst(2) }
            return "\"" + digits + "\"*"
        }
        var terms: [String] = []
        for word in text.split(whereSeparator: { $0.isWhitespace }).prefix(8) {
            var w = String(word)
            let digits = w.filter(\.isNumber)
            if digits.count >= 4 && w.allSatisfy({ $0.isNumber || "+-./()".contains($0) }) {
                w = digits
                if w.hasPrefix("00") { w.removeFirst(2) }
            }
            let cleaned = w.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "@" || $0 == "." }
            let term = String(String.UnicodeScalarView(cleaned)).replacingOccurrences(of: "\"", with: "")
            guard !term.isEmpty else { continue }
            terms.append("\"" + term + "\"*")
        }
        return terms.isEmpty ? nil : terms.joined(separator: " ")
    }
}
