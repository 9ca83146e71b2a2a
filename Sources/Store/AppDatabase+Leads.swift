import Foundation
import GRDB
import Showroom

public struct LeadListPage: Sendable {
    public var rows: [LeadOverviewRow]
    public var hasNextPage: Bool
}

/// Everything the lead page needs, read in one transaction.
public struct LeadPageData: Sendable {
    public var lead: LeadDetail
    public var comments: [CommentEntry]
    public var timeline: [TimelineEntry]
    /// Unseen notifications shown on the lead page (a task done, …).
    public var notifications: [NotificationEntry]
    /// Why the lead was lost, when it was.
    public var lostReason: LocalizedName?
    /// The lead's documents, newest first.
    public var documents: [DocumentEntry] = []
}

extension AppDatabase {
    static let overviewColumns = """
        SELECT l.id, l.code, l.status, c.kind, c.first_name, c.last_name, c.company_name,
               t.name_nl, t.name_fr, t.name_en, s.name_nl, s.name_fr, s.name_en,
               u.display_name, b.name, l.next_deadline_at, l.created_at, l.last_activity_at,
               l.tradein_count, l.testdrive_count, l.quote_count, c.email, c.phone, b.name_fr, b.name_en

        """

    /// FROM … WHERE … ORDER BY for the overview: the user's scope, the filters, the sort.
    /// Newest first means highest id first: ids grow with creation time.
    static func overviewQuery(_ filter: LeadFilter, visibility: LeadVisibility, now: Instant, contactID: Int64?) -> SQL {
        var conditions: [SQL] = ["\(LeadScope(visibility))"]
        var from = "leads l"
        if let match = filter.text.isEmpty ? nil : SearchQuery.match(filter.text) {
            from = "lead_search CROSS JOIN leads l ON l.id = lead_search.rowid"
            conditions.insert("lead_search MATCH \(match)", at: 0)
        }
        if let v = filter.status?.rawValue { conditions.append("l.status = \(v)") }
        if let v = filter.responsibleID { conditions.append("l.responsible_id = \(v)") }
        if let v = filter.branchID { conditions.append("l.branch_id = \(v)") }
        if let v = filter.typeID { conditions.append("l.type_id = \(v)") }
        if let v = filter.sourceID { conditions.append("l.source_id = \(v)") }
        if let v = filter.createdFrom?.seconds { conditions.append("l.created_at >= \(v)") }
        if let v = filter.createdBefore?.seconds { conditions.append("l.created_at < \(v)") }
        if filter.overdueOnly { conditions.append("l.status = 0 AND l.next_deadline_at <= \(now.seconds)") }
        if let contactID {
            conditions.append("(l.contact_id = \(contactID) OR l.id IN (SELECT lead_id FROM lead_contacts WHERE contact_id = \(contactID)))")
        }
        let direction = filter.ascending ? "ASC" : "DESC"
        let order: String
        switch filter.sort {
        case .created: order = from.hasPrefix("lead_search") ? "lead_search.rowid \(direction)" : "l.created_at \(direction), l.id \(direction)"
        case .activity: order = "l.last_activity_at \(direction), l.id \(direction)"
        // Leads without an open deadline (closed ones among them) sort after all others, on an
        // expression index (migration v3e).
        case .deadline: order = "coalesce(l.next_deadline_at, 9223372036854775807) \(direction), l.id \(direction)"
        }
        // CROSS JOIN keeps the leads (or the search hits) as the outer loop: the planner must
        // never start from a small table such as lead_types and sort a million rows.
        return """
            FROM \(sql: from)
            CROSS JOIN contacts c ON c.id = l.contact_id
            CROSS JOIN lead_types t ON t.id = l.type_id
            CROSS JOIN lead_sources s ON s.id = l.source_id
            CROSS JOIN users u ON u.id = l.responsible_id
            CROSS JOIN branches b ON b.id = l.branch_id
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY \(sql: order)
            """
    }

    static func overviewRow(_ r: Row) -> LeadOverviewRow {
        LeadOverviewRow(
            id: r[0], code: r[1], status: LeadStatus(rawValue: r[2]) ?? .inProgress,
            contactName: ContactCard.displayName(kind: ContactKind(rawValue: r[3]) ?? .person, firstName: r[4], lastName: r[5], companyName: r[6]),
            type: LocalizedName(nl: r[7], fr: r[8], en: r[9]),
            source: LocalizedName(nl: r[10], fr: r[11], en: r[12]),
            responsibleName: r[13], branchName: LocalizedName(nl: r[14], fr: r[23], en: r[24]),
            nextDeadline: (r[15] as Int64?).map(Instant.init(seconds:)),
            createdAt: Instant(seconds: r[16]), lastActivityAt: Instant(seconds: r[17]),
            counters: LeadCounters(tradeIns: r[18], testDrives: r[19], quotes: r[20]))
    }

    /// The page of the leads overview that `filter` names, among the leads `visibility` allows.
    public func leads(_ filter: LeadFilter, visibleTo visibility: LeadVisibility, now: Instant = Instant(seconds: 0), contactID: Int64? = nil) throws -> LeadListPage {
        let query = Self.overviewQuery(filter, visibility: visibility, now: now, contactID: contactID)
        let sql: SQL = "\(sql: Self.overviewColumns)\(query) LIMIT \(LeadFilter.pageSize + 1) OFFSET \((filter.page - 1) * LeadFilter.pageSize)"
        return try writer.read { db in
            var rows: [LeadOverviewRow] = []
            rows.reserveCapacity(LeadFilter.pageSize + 1)
            let cursor = try Row.fetchCursor(db.cachedStatement(literal: sql))
            while let r = try cursor.next() { rows.append(Self.overviewRow(r)) }
            let more = rows.count > LeadFilter.pageSize
            if more { rows.removeLast() }
            return LeadListPage(rows: rows, hasNextPage: more)
        }
    }

    /// Every lead the filter selects (no paging), one at a time, for the CSV export; with the
    /// contact's e-mail and phone.
    public func exportLeads(_ filter: LeadFilter, visibleTo visibility: LeadVisibility, now: Instant, limit: Int = 1_000_000,
                            each: (LeadOverviewRow, _ email: String, _ phone: String) throws -> Void) throws {
        let query = Self.overviewQuery(filter, visibility: visibility, now: now, contactID: nil)
        try writer.read { db in
            let cursor = try Row.fetchCursor(db.makeStatement(literal: "\(sql: Self.overviewColumns)\(query) LIMIT \(limit)"))
            while let r = try cursor.next() { try each(Self.overviewRow(r), r[21], r[22]) }
        }
    }

    /// A lead's header (the frame of every page about one lead: name, status, facts, the
    /// current deadline, counters, dates), without comments, timeline or documents; nil when
    /// the lead does not exist or is not visible. One statement.
    public func leadHeader(id: Int64, visibleTo visibility: LeadVisibility) throws -> LeadDetail? {
        return try writer.read { db in try Self.leadRow(db, id: id, visibility: visibility)?.lead }
    }

    /// The lead's own row with its names and its current (earliest open) deadline, and the
    /// name of its lost reason if any.
    static func leadRow(_ db: Database, id: Int64, visibility: LeadVisibility) throws -> (lead: LeadDetail, lostReason: LocalizedName?)? {
        let leadSQL: SQL = """
            SELECT l.id, l.code, l.status, l.created_at, l.last_activity_at, l.closed_at, l.version,
                   l.tradein_count, l.testdrive_count, l.quote_count,
                   c.id, c.kind, c.first_name, c.last_name, c.company_name, c.email, c.phone,
                   c.street, c.postal_code, c.city, c.country, c.vat_number, c.language,
                   t.name_nl, t.name_fr, t.name_en, s.name_nl, s.name_fr, s.name_en,
                   u.id, u.display_name, b.id, b.name, r.name_nl, r.name_fr, r.name_en, l.lost_reason_id,
                   b.name_fr, b.name_en,
                   d.id, d.kind, d.due_at, d.contacted, d.note, d.version
            FROM leads l
            JOIN contacts c ON c.id = l.contact_id
            JOIN lead_types t ON t.id = l.type_id
            JOIN lead_sources s ON s.id = l.source_id
            JOIN users u ON u.id = l.responsible_id
            JOIN branches b ON b.id = l.branch_id
            LEFT JOIN lost_reasons r ON r.id = l.lost_reason_id
            LEFT JOIN deadlines d ON d.id = (SELECT id FROM deadlines WHERE lead_id = l.id AND done_at IS NULL ORDER BY due_at LIMIT 1)
            WHERE l.id = \(id) AND \(LeadScope(visibility))
            """
        guard let r = try Row.fetchOne(db.cachedStatement(literal: leadSQL)) else { return nil }
        let contact = ContactCard(id: r[10], kind: ContactKind(rawValue: r[11]) ?? .person, firstName: r[12], lastName: r[13],
                                  companyName: r[14], email: r[15], phone: r[16], street: r[17], postalCode: r[18],
                                  city: r[19], country: r[20], vatNumber: r[21], language: r[22])
        var deadline: DeadlineEntry?
        if let deadlineID = r[39] as Int64? {
            var entry = DeadlineEntry(id: deadlineID, kind: DeadlineKind(rawValue: r[40]) ?? .other, dueAt: Instant(seconds: r[41]),
                                      doneAt: nil, contacted: (r[42] as Int?).map { $0 == 1 }, note: r[43])
            entry.version = r[44]
            deadline = entry
        }
        var lead = LeadDetail(
            id: r[0], code: r[1], status: LeadStatus(rawValue: r[2]) ?? .inProgress, contact: contact,
            type: LocalizedName(nl: r[23], fr: r[24], en: r[25]), source: LocalizedName(nl: r[26], fr: r[27], en: r[28]),
            responsibleID: r[29], responsibleName: r[30], branchID: r[31], branchName: LocalizedName(nl: r[32], fr: r[37], en: r[38]),
            createdAt: Instant(seconds: r[3]), lastActivityAt: Instant(seconds: r[4]),
            closedAt: (r[5] as Int64?).map(Instant.init(seconds:)),
            counters: LeadCounters(tradeIns: r[7], testDrives: r[8], quotes: r[9]),
            currentDeadline: deadline, version: r[6])
        lead.lostReasonID = r[36]
        let lostReason = (r[33] as String?).map { LocalizedName(nl: $0, fr: r[34], en: r[35]) }
        return (lead, lostReason)
    }

    /// The lead page's data, or nil when the lead does not exist or is not visible: the two
    /// are deliberately the same answer.
    public func leadPage(id: Int64, visibleTo visibility: LeadVisibility, timelineLimit: Int = 200, kinds: [TimelineKind] = []) throws -> LeadPageData? {
        return try writer.read { db in
            guard let (lead, lostReason) = try Self.leadRow(db, id: id, visibility: visibility) else { return nil }

            var comments: [CommentEntry] = []
            let commentCursor = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT c.id, c.author_id, c.created_at, c.body, c.author_id, c.version, c.updated_at FROM comments c
                WHERE c.lead_id = ? ORDER BY c.created_at DESC, c.id DESC LIMIT 5
                """), arguments: [id])
            let names = try accessCache.staffNames(db)
            while let c = try commentCursor.next() {
                var entry = CommentEntry(id: c[0], authorName: (c[1] as Int64?).flatMap { names[$0] } ?? "", at: Instant(seconds: c[2]), body: c[3])
                entry.authorID = c[4]
                entry.version = c[5]
                if let edited = c[6] as Int64?, edited > (c[2] as Int64) { entry.editedAt = Instant(seconds: edited) }
                comments.append(entry)
            }

            var timeline: [TimelineEntry] = []
            timeline.reserveCapacity(48)
            let kindFilter = kinds.isEmpty ? "" : " AND e.kind IN (" + kinds.map { _ in "?" }.joined(separator: ",") + ")"
            let eventCursor = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT e.id, e.at, e.kind, e.actor_id, coalesce(nullif(e.detail, ''), cm.body, ''), e.old_value, e.new_value, e.subject_id
                FROM timeline_events e
                LEFT JOIN comments cm ON e.kind = 'comment' AND cm.id = e.subject_id
                WHERE e.lead_id = ?\(kindFilter) ORDER BY e.at DESC, e.id DESC LIMIT ?
                """), arguments: StatementArguments([id] + kinds.map(\.rawValue) as [any DatabaseValueConvertible]) + [timelineLimit])
            while let e = try eventCursor.next() {
                guard let kind = TimelineKind(rawValue: e[2]) else { continue }
                var entry = TimelineEntry(id: e[0], at: Instant(seconds: e[1]), kind: kind, actorName: (e[3] as Int64?).flatMap { names[$0] },
                                          detail: e[4], oldValue: e[5], newValue: e[6])
                entry.subjectID = e[7]
                timeline.append(entry)
            }
            // An assignment that moved the lead to another branch records "old → new" in Dutch
            // names; readers get them in each language (a branch renamed since stays as written).
            if timeline.contains(where: { $0.kind == .assigned && !$0.detail.isEmpty }) {
                let branches = Dictionary(try Row.fetchAll(db, sql: "SELECT name, name_fr, name_en FROM branches").map { ($0[0] as String, LocalizedName(nl: $0[0], fr: $0[1], en: $0[2])) },
                                          uniquingKeysWith: { first, _ in first })
                for i in timeline.indices where timeline[i].kind == .assigned {
                    let parts = timeline[i].detail.components(separatedBy: " → ")
                    guard parts.count == 2, let old = branches[parts[0]], let new = branches[parts[1]] else { continue }
                    timeline[i].localizedDetail = LocalizedName(nl: old.nl + " → " + new.nl, fr: old.in("fr") + " → " + new.in("fr"), en: old.in("en") + " → " + new.in("en"))
                }
            }
            let notifications = try Row.fetchAll(db.cachedStatement(sql: Self.notificationSelect + " WHERE n.lead_id = ? AND n.user_id IS NULL AND n.seen_at IS NULL ORDER BY n.id DESC LIMIT 10"),
                                                 arguments: [id]).map(Self.notification)
            var data = LeadPageData(lead: lead, comments: comments, timeline: timeline, notifications: notifications, lostReason: lostReason)
            if timelineLimit > 0 { data.documents = try Self.documentEntries(db, leadID: id) }
            return data
        }
    }
}

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

extension AppDatabase {
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
}
