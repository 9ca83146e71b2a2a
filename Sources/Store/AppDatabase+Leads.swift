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
    /// The lead's quotes, newest first (read only when its counter says there are some).
    public var quotes: [QuoteSummary] = []
    /// The lead's trade-ins, newest first (read only when its counter says there are some).
    public var tradeIns: [TradeInSummary] = []
    /// The lead's test drives, latest first (read only when its counter says there are some).
    public var testDrives: [TestDriveSlot] = []
    /// The lead's revision and the global generation this data was read at: together they
    /// name it (a page fragment rendered from it may be kept under the same name).
    public var revision: Int64 = 0
    public var generation: Int64 = 0
}

extension AppDatabase {
    static let overviewColumns = "SELECT \(LeadOverviewRecord.selection)\n"

    /// FROM … WHERE … ORDER BY for the overview: the user's scope, the filters, the sort.
    /// Newest first means highest id first: ids grow with creation time.
    static func overviewSelection(_ filter: LeadFilter, visibleTo viewer: Viewer, now: Instant, contactID: Int64?) -> (from: String, conditions: [SQL]) {
        var conditions: [SQL] = ["\(LeadScope(viewer))"]
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
        conditions += insightsLinkConditions(filter)
        if let contactID {
            conditions.append("(l.contact_id = \(contactID) OR l.id IN (SELECT lead_id FROM lead_contacts WHERE contact_id = \(contactID)))")
        }
        return (from, conditions)
    }

    static func overviewQuery(_ filter: LeadFilter, visibleTo viewer: Viewer, now: Instant, contactID: Int64?) -> SQL {
        let (from, conditions) = overviewSelection(filter, visibleTo: viewer, now: now, contactID: contactID)
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

    /// The overview filters the insights link with (issue 13), each the same condition the
    /// figure counted with.
    static func insightsLinkConditions(_ filter: LeadFilter) -> [SQL] {
        var c: [SQL] = []
        // 0 names "no reason recorded" (ids start at 1).
        if let v = filter.lostReasonID { c.append(v == 0 ? "l.lost_reason_id IS NULL" : "l.lost_reason_id = \(v)") }
        if let s = filter.contactWithin { c.append("l.first_contact_at IS NOT NULL AND l.first_contact_at - l.created_at <= \(s.seconds)") }
        if filter.notContacted { c.append("l.first_contact_at IS NULL") }
        if let q = filter.quoteStage { c.append(q == .accepted ? "l.quote_stage = 2" : "l.quote_stage >= \(q.rawValue)") }
        if filter.testDriven { c.append("l.testdrive_count > 0") }
        if let t = filter.took {
            c.append("l.status IN (1, 2) AND l.closed_at IS NOT NULL")
            if let a = t.range.above { c.append("l.closed_at - l.created_at > \(a)") }
            if let b = t.range.atMost { c.append("l.closed_at - l.created_at <= \(b)") }
        }
        if filter.acceptedFrom != nil || filter.acceptedBefore != nil {
            let from = filter.acceptedFrom?.seconds ?? Int64.min, before = filter.acceptedBefore?.seconds ?? Int64.max
            c.append("EXISTS (SELECT 1 FROM quotes q WHERE q.lead_id = l.id AND q.status = 'accepted' AND q.decided_at >= \(from) AND q.decided_at < \(before))")
        }
        return c
    }

    /// How many leads `filter` selects, counted up to `cap` (nil above it).
    public func countLeads(_ filter: LeadFilter, visibleTo viewer: Viewer, now: Instant, cap: Int = 100_000) throws -> Int? {
        let (from, conditions) = Self.overviewSelection(filter, visibleTo: viewer, now: now, contactID: nil)
        let sql: SQL = "SELECT count(*) FROM (SELECT 1 FROM \(sql: from) WHERE \(conditions.joined(separator: " AND ")) LIMIT \(cap + 1))"
        let n = try writer.read { db in try Int.fetchOne(db, literal: sql) ?? 0 }
        return n > cap ? nil : n
    }

    /// The page of the leads overview that `filter` names, among the leads `visibility` allows.
    public func leads(_ filter: LeadFilter, visibleTo viewer: Viewer, now: Instant = Instant(seconds: 0), contactID: Int64? = nil) throws -> LeadListPage {
        let query = Self.overviewQuery(filter, visibleTo: viewer, now: now, contactID: contactID)
        let sql: SQL = "\(sql: Self.overviewColumns)\(query) LIMIT \(LeadFilter.pageSize + 1) OFFSET \((filter.page - 1) * LeadFilter.pageSize)"
        return try writer.read { db in
            var rows: [LeadOverviewRow] = []
            rows.reserveCapacity(LeadFilter.pageSize + 1)
            let cursor = try LeadOverviewRecord.fetchCursor(db.cachedStatement(literal: sql))
            while let record = try cursor.next() { rows.append(record.lead) }
            let more = rows.count > LeadFilter.pageSize
            if more { rows.removeLast() }
            return LeadListPage(rows: rows, hasNextPage: more)
        }
    }

    /// Every lead the filter selects (no paging), one at a time, for the CSV export; with the
    /// contact's e-mail and phone.
    public func exportLeads(_ filter: LeadFilter, visibleTo viewer: Viewer, now: Instant, limit: Int = 1_000_000,
                            each: (LeadOverviewRow, _ email: String, _ phone: String) throws -> Void) throws {
        let query = Self.overviewQuery(filter, visibleTo: viewer, now: now, contactID: nil)
        try writer.read { db in
            let cursor = try LeadOverviewRecord.fetchCursor(db.makeStatement(literal: "\(sql: Self.overviewColumns)\(query) LIMIT \(limit)"))
            while let record = try cursor.next() { try each(record.lead, record.email, record.phone) }
        }
    }

    /// The lead page's data, or nil when the lead does not exist or is not visible: the two
    /// are deliberately the same answer.
    public func leadPage(id: Int64, visibleTo viewer: Viewer, timelineLimit: Int = 200, kinds: [TimelineKind] = []) throws -> LeadPageData? {
        return try writer.read { db in
            // One small read names the page's data: the lead's revision (moved by the schema with
            // every change that shows on it) and the global generation (names, labels). Seen
            // before under the same name, the data is reused; the lead's scope is checked here
            // every time, whatever the cache holds.
            guard let stamp = try Row.fetchOne(db, literal: """
                SELECT l.revision, (SELECT generation FROM access_state WHERE id = 1) FROM leads l WHERE l.id = \(id) AND \(LeadScope(viewer))
                """) else { return nil }
            let key = LeadPageCache.Key(id: id, limit: timelineLimit, kinds: kinds.map(\.rawValue))
            let revision: Int64 = stamp[0], generation: Int64 = stamp[1]
            if let hit = leadPageCache.get(key, revision: revision, generation: generation) { return hit }
            guard var data = try Self.readLeadPage(db, id: id, viewer: viewer, timelineLimit: timelineLimit, kinds: kinds, names: accessCache.staffNames(db)) else { return nil }
            data.revision = revision
            data.generation = generation
            leadPageCache.put(key, data)
            return data
        }
    }

    static func readLeadPage(_ db: Database, id: Int64, viewer: Viewer, timelineLimit: Int, kinds: [TimelineKind], names: [Int64: String]) throws -> LeadPageData? {
        do {
            guard let record = try Self.leadRecord(db, id: id, visibleTo: viewer) else { return nil }
            let lead = record.lead
            let comments = try Self.latestComments(db, leadID: id, names: names)

            var timeline: [TimelineEntry] = []
            timeline.reserveCapacity(48)
            let kindFilter = kinds.isEmpty ? "" : " AND e.kind IN (" + kinds.map { _ in "?" }.joined(separator: ",") + ")"
            let eventCursor = try TimelineEventRecord.fetchCursor(db.cachedStatement(sql: """
                SELECT \(TimelineEventRecord.selection)
                FROM timeline_events e
                LEFT JOIN comments cm ON e.kind = 'comment' AND cm.id = e.subject_id
                WHERE e.lead_id = ?\(kindFilter) ORDER BY e.at DESC, e.id DESC LIMIT ?
                """), arguments: StatementArguments([id] + kinds.map(\.rawValue) as [any DatabaseValueConvertible]) + [timelineLimit])
            while let event = try eventCursor.next() {
                if let entry = event.entry(names: names) { timeline.append(entry) }
            }
            // An assignment that moved the lead to another branch records "old → new" in Dutch
            // names; readers get them in each language (a branch renamed since stays as written).
            if timeline.contains(where: { $0.kind == .assigned && !$0.detail.isEmpty }) {
                let branches = Dictionary(try Self.branchRecords(db).map { ($0.names.nl, $0.names) }, uniquingKeysWith: { first, _ in first })
                for i in timeline.indices where timeline[i].kind == .assigned {
                    let parts = timeline[i].detail.components(separatedBy: " → ")
                    guard parts.count == 2, let old = branches[parts[0]], let new = branches[parts[1]] else { continue }
                    timeline[i].localizedDetail = LocalizedName(nl: old.nl + " → " + new.nl, fr: old.in("fr") + " → " + new.in("fr"), en: old.in("en") + " → " + new.in("en"))
                }
            }
            // A mail's entry shows the mail's state now (queued, sent, failed and why).
            let mailIDs = timeline.compactMap { $0.kind == .mailSent ? $0.subjectID : nil }
            if !mailIDs.isEmpty {
                let mails = try Self.mailSummaries(db, ids: mailIDs, names: names)
                for i in timeline.indices where timeline[i].kind == .mailSent { timeline[i].mail = timeline[i].subjectID.flatMap { mails[$0] } }
            }
            let notifications = try Self.leadPageNotifications(db, leadID: id)
            var data = LeadPageData(lead: lead, comments: comments, timeline: timeline, notifications: notifications, lostReason: record.lostReason)
            if timelineLimit > 0 { data.documents = try Self.documentEntries(db, leadID: id) }
            if timelineLimit > 0 && lead.counters.quotes > 0 { data.quotes = try Self.quoteSummaries(db, leadID: id) }
            if timelineLimit > 0 && lead.counters.tradeIns > 0 { data.tradeIns = try Self.tradeInSummaries(db, leadID: id) }
            if timelineLimit > 0 && lead.counters.testDrives > 0 { data.testDrives = try Self.testDriveSlots(db, leadID: id) }
            return data
        }
    }

    /// The lead's own row with its contact, names and current (earliest open) deadline, and the
    /// name of its lost reason if any; nil unless `visibility` lets its holder see it.
    static func leadRecord(_ db: Database, id: Int64, visibleTo viewer: Viewer) throws -> LeadRecord? {
        try LeadRecord.fetchOne(db.cachedStatement(literal: """
            SELECT \(sql: LeadRecord.selection)
            FROM leads l
            JOIN contacts c ON c.id = l.contact_id
            JOIN lead_types t ON t.id = l.type_id
            JOIN lead_sources s ON s.id = l.source_id
            JOIN users u ON u.id = l.responsible_id
            JOIN branches b ON b.id = l.branch_id
            LEFT JOIN lost_reasons r ON r.id = l.lost_reason_id
            LEFT JOIN deadlines d ON d.id = (SELECT id FROM deadlines WHERE lead_id = l.id AND done_at IS NULL ORDER BY due_at LIMIT 1)
            WHERE l.id = \(id) AND \(LeadScope(viewer))
            """))
    }

    /// A lead's header (the frame of every page about one lead: name, status, facts, the
    /// current deadline, counters, dates), without comments, timeline or documents; nil when
    /// the lead does not exist or is not visible. One statement.
    public func leadHeader(id: Int64, visibleTo viewer: Viewer) throws -> LeadDetail? {
        try writer.read { db in try Self.leadRecord(db, id: id, visibleTo: viewer)?.lead }
    }
}

/// The facts about a visible lead that the work operations check.
struct LeadFacts: FetchableRecord {
    enum Columns: Int, SelectedColumns {
        case id, status, branchID, responsibleID, contactID, version

        var expression: String { "l." + columnName }
    }
    static let selection = Columns.selection(\.expression)

    let id: Int64
    let status: LeadStatus
    let branchID: Int64
    let responsibleID: Int64
    let contactID: Int64
    let version: Int64

    init(row r: Row) {
        id = r[Columns.id]; status = LeadStatus(rawValue: r[Columns.status]) ?? .inProgress; branchID = r[Columns.branchID]
        responsibleID = r[Columns.responsibleID]; contactID = r[Columns.contactID]; version = r[Columns.version]
    }
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
    static func visibleLead(_ db: Database, _ id: Int64, _ viewer: Viewer) throws -> LeadFacts {
        guard let lead = try visibleLeadIfAny(db, id, viewer) else { throw StoreError.notFound }
        return lead
    }

    /// The lead if the user may see it, nil otherwise; a database error is thrown, never read
    /// as "not found".
    static func visibleLeadIfAny(_ db: Database, _ id: Int64, _ viewer: Viewer) throws -> LeadFacts? {
        try LeadFacts.fetchOne(db, literal: "SELECT \(sql: LeadFacts.selection) FROM leads l WHERE l.id = \(id) AND \(LeadScope(viewer))")
    }

    /// Whether the lead exists and `visibility` lets its holder see it; a database error is thrown, never read as "no".
    static func leadIsVisible(_ db: Database, _ id: Int64, _ viewer: Viewer) throws -> Bool {
        try Int.fetchOne(db, literal: "SELECT 1 FROM leads l WHERE l.id = \(id) AND \(LeadScope(viewer))") != nil
    }

    /// Records an event on the lead's timeline and makes it the lead's last activity.
    static func record(_ db: Database, lead: Int64, at now: Instant, actor: Int64?, _ kind: TimelineKind, subject: Int64? = nil,
                       detail: String = "", old: String? = nil, new: String? = nil) throws {
        try NewTimelineEvent(leadID: lead, at: now, actorID: actor, kind: kind, subjectID: subject, detail: detail, oldValue: old, newValue: new).insert(db)
        try db.execute(sql: "UPDATE leads SET last_activity_at = max(last_activity_at, ?) WHERE id = ?", arguments: [now.seconds, lead])
    }

    /// An active user who works in `branch` (or may see every lead).
    static func requireAssignable(_ db: Database, user: Int64, branch: Int64) throws {
        guard let rights = try activeUserRights(db, user) else { throw StoreError.invalid(.assigneeUnknown) }
        let inBranch = try Int.fetchOne(db, sql: "SELECT 1 FROM user_branches WHERE user_id = ? AND branch_id = ?", arguments: [user, branch]) != nil
        guard inBranch || rights.scope(of: .leadsView) == .all else { throw StoreError.invalid(.assigneeNotInBranch) }
    }

    /// Active users who may be made responsible in `branch` (or in any branch when nil).
    public func assignees(branch: Int64?) throws -> [Assignee] {
        try writer.read { db in
            try Self.activeAssignees(db).filter { a in branch.map(a.branches.contains) ?? true }
        }
    }

    /// Creates a lead with its system code, its first deadline and its first timeline entry,
    /// in one transaction. Returns the new lead's id.
    public func createLead(_ lead: NewLead, contact: ContactChoice, by viewer: Viewer, now: Instant) throws -> Int64 {
        try writer.write { db in
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM branches WHERE id = ? AND active = 1", arguments: [lead.branchID]) != nil else { throw StoreError.invalid(.invalidChoice) }
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM lead_types WHERE id = ? AND active = 1", arguments: [lead.typeID]) != nil,
                  try Int.fetchOne(db, sql: "SELECT 1 FROM lead_sources WHERE id = ? AND active = 1", arguments: [lead.sourceID]) != nil else { throw StoreError.invalid(.invalidChoice) }
            try Self.requireAssignable(db, user: lead.responsibleID, branch: lead.branchID)
            let contactID = try Self.contactID(db, for: contact, visibleTo: viewer, now: now)
            let year = BrusselsTime.civil(now).year
            let sequence = try Int.fetchOne(db, sql: "INSERT INTO code_sequences (year, last) VALUES (?, 1) ON CONFLICT(year) DO UPDATE SET last = last + 1 RETURNING last", arguments: [year]) ?? 1
            let code = SystemCode(year: year, sequence: sequence).description
            try db.execute(sql: """
                INSERT INTO leads (code, status, contact_id, type_id, source_id, branch_id, responsible_id, created_at, last_activity_at)
                VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [code, contactID, lead.typeID, lead.sourceID, lead.branchID, lead.responsibleID, now.seconds, now.seconds])
            let id = db.lastInsertedRowID
            let hours = try Self.deadlineHours(db)
            try NewDeadline(leadID: id, kind: .contactProspect, dueAt: LeadRules.firstDeadline(createdAt: now, hours: hours), note: "",
                            createdAt: now, createdBy: viewer.userID).insert(db)
            try Self.record(db, lead: id, at: now, actor: viewer.userID, .created)
            if lead.responsibleID != viewer.userID {
                try Self.notify(db, user: lead.responsibleID, lead: id, kind: "assigned", detail: code, actor: viewer.userID, now: now)
            }
            return id
        }
    }

    /// Gives the lead to another user and/or branch; the new responsible is notified.
    public func assign(leadID: Int64, to responsible: Int64, branch: Int64, version: Int64, by viewer: Viewer, now: Instant) throws {
        try writer.write { db in
            let lead = try Self.visibleLead(db, leadID, viewer)
            guard lead.version == version else { throw StoreError.conflict }
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM branches WHERE id = ? AND active = 1", arguments: [branch]) != nil else { throw StoreError.invalid(.invalidChoice) }
            try Self.requireAssignable(db, user: responsible, branch: branch)
            guard responsible != lead.responsibleID || branch != lead.branchID else { throw StoreError.invalid(.assignmentUnchanged) }
            try db.execute(sql: "UPDATE leads SET responsible_id = ?, branch_id = ?, version = version + 1 WHERE id = ?", arguments: [responsible, branch, leadID])
            let oldName = try Self.userName(db, lead.responsibleID), newName = try Self.userName(db, responsible)
            var detail = ""
            if branch != lead.branchID {
                let names = try Row.fetchAll(db, sql: "SELECT id, name FROM branches WHERE id IN (?, ?)", arguments: [lead.branchID, branch])
                let byID = Dictionary(uniqueKeysWithValues: names.map { ($0["id"] as Int64, $0["name"] as String) })
                detail = (byID[lead.branchID] ?? "?") + " → " + (byID[branch] ?? "?")
            }
            try Self.record(db, lead: leadID, at: now, actor: viewer.userID, .assigned, detail: detail, old: oldName, new: newName)
            if responsible != viewer.userID {
                let code = try String.fetchOne(db, sql: "SELECT code FROM leads WHERE id = ?", arguments: [leadID]) ?? ""
                try Self.notify(db, user: responsible, lead: leadID, kind: "assigned", detail: code, actor: viewer.userID, now: now)
            }
        }
    }

    /// Changes the status after the domain rules allowed it. Closing stops the deadline clock;
    /// reopening starts it again.
    public func setStatus(leadID: Int64, to status: LeadStatus, lostReason: Int64?, version: Int64, by viewer: Viewer, now: Instant) throws {
        try writer.write { db in
            let lead = try Self.visibleLead(db, leadID, viewer)
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
            try Self.record(db, lead: leadID, at: now, actor: viewer.userID, .statusChanged, subject: status == .lost ? lostReason : nil, detail: reasonName,
                            old: String(lead.status.rawValue), new: String(status.rawValue))
        }
    }

    public func leadVersion(id: Int64, visibleTo viewer: Viewer) throws -> Int64? {
        try writer.read { db in try Self.visibleLeadIfAny(db, id, viewer)?.version }
    }
}

/// One row of the leads overview as read, with the contact's e-mail and phone (the CSV export).
struct LeadOverviewRecord: FetchableRecord {
    enum Columns: Int, SelectedColumns {
        case id, code, status, contactKind, firstName, lastName, companyName
        case typeNL, typeFR, typeEN, sourceNL, sourceFR, sourceEN, responsibleName, branchNL, branchFR, branchEN
        case nextDeadlineAt, createdAt, lastActivityAt, tradeIns, testDrives, quotes, email, phone

        var expression: String {
            switch self {
            case .contactKind: "c.kind"
            case .firstName, .lastName, .companyName, .email, .phone: "c." + columnName
            case .typeNL, .typeFR, .typeEN: "t.name_" + columnName.suffix(2)
            case .sourceNL, .sourceFR, .sourceEN: "s.name_" + columnName.suffix(2)
            case .responsibleName: "u.display_name"
            case .branchNL: "b.name"
            case .branchFR, .branchEN: "b.name_" + columnName.suffix(2)
            case .tradeIns: "l.tradein_count"
            case .testDrives: "l.testdrive_count"
            case .quotes: "l.quote_count"
            default: "l." + columnName
            }
        }
    }
    static let selection = Columns.selection(\.expression)

    var lead: LeadOverviewRow
    var email: String
    var phone: String

    init(row r: Row) {
        lead = LeadOverviewRow(
            id: r[Columns.id], code: r[Columns.code], status: LeadStatus(rawValue: r[Columns.status]) ?? .inProgress,
            contactName: r.contactName(Columns.contactKind, Columns.firstName, Columns.lastName, Columns.companyName),
            type: r.localized(Columns.typeNL, Columns.typeFR, Columns.typeEN),
            source: r.localized(Columns.sourceNL, Columns.sourceFR, Columns.sourceEN),
            responsibleName: r[Columns.responsibleName], branchName: r.localized(Columns.branchNL, Columns.branchFR, Columns.branchEN),
            nextDeadline: r.instant(Columns.nextDeadlineAt),
            createdAt: r.instant(Columns.createdAt), lastActivityAt: r.instant(Columns.lastActivityAt),
            counters: LeadCounters(tradeIns: r[Columns.tradeIns], testDrives: r[Columns.testDrives], quotes: r[Columns.quotes]))
        email = r[Columns.email]
        phone = r[Columns.phone]
    }
}

/// A lead's own row with its contact and the names it refers to (the lead page's header).
struct LeadRecord: FetchableRecord {
    enum Columns: Int, SelectedColumns {
        case id, code, status, createdAt, lastActivityAt, closedAt, version, tradeIns, testDrives, quotes
        case contactID, contactKind, firstName, lastName, companyName, email, phone, street, postalCode, city, country, vatNumber, language
        case typeNL, typeFR, typeEN, sourceNL, sourceFR, sourceEN, responsibleID, responsibleName
        case branchID, branchNL, branchFR, branchEN, lostReasonID, lostReasonNL, lostReasonFR, lostReasonEN
        case deadlineID, deadlineKind, deadlineDueAt, deadlineContacted, deadlineNote, deadlineVersion

        var expression: String {
            switch self {
            case .contactID: "c.id"
            case .contactKind: "c.kind"
            case .firstName, .lastName, .companyName, .email, .phone, .street, .postalCode, .city, .country, .vatNumber, .language: "c." + columnName
            case .typeNL, .typeFR, .typeEN: "t.name_" + columnName.suffix(2)
            case .sourceNL, .sourceFR, .sourceEN: "s.name_" + columnName.suffix(2)
            case .responsibleID: "u.id"
            case .responsibleName: "u.display_name"
            case .branchID: "b.id"
            case .branchNL: "b.name"
            case .branchFR, .branchEN: "b.name_" + columnName.suffix(2)
            case .lostReasonNL, .lostReasonFR, .lostReasonEN: "r.name_" + columnName.suffix(2)
            case .deadlineID: "d.id"
            case .deadlineKind: "d.kind"
            case .deadlineDueAt: "d.due_at"
            case .deadlineContacted: "d.contacted"
            case .deadlineNote: "d.note"
            case .deadlineVersion: "d.version"
            case .tradeIns: "l.tradein_count"
            case .testDrives: "l.testdrive_count"
            case .quotes: "l.quote_count"
            default: "l." + columnName
            }
        }
    }
    static let selection = Columns.selection(\.expression)

    var lead: LeadDetail
    /// Why the lead was lost, when it was.
    var lostReason: LocalizedName?

    init(row r: Row) {
        let contact = ContactCard(id: r[Columns.contactID], kind: ContactKind(rawValue: r[Columns.contactKind]) ?? .person,
                                  firstName: r[Columns.firstName], lastName: r[Columns.lastName], companyName: r[Columns.companyName],
                                  email: r[Columns.email], phone: r[Columns.phone], street: r[Columns.street], postalCode: r[Columns.postalCode],
                                  city: r[Columns.city], country: r[Columns.country], vatNumber: r[Columns.vatNumber], language: r[Columns.language])
        lead = LeadDetail(
            id: r[Columns.id], code: r[Columns.code], status: LeadStatus(rawValue: r[Columns.status]) ?? .inProgress, contact: contact,
            type: r.localized(Columns.typeNL, Columns.typeFR, Columns.typeEN), source: r.localized(Columns.sourceNL, Columns.sourceFR, Columns.sourceEN),
            responsibleID: r[Columns.responsibleID], responsibleName: r[Columns.responsibleName],
            branchID: r[Columns.branchID], branchName: r.localized(Columns.branchNL, Columns.branchFR, Columns.branchEN),
            createdAt: r.instant(Columns.createdAt), lastActivityAt: r.instant(Columns.lastActivityAt), closedAt: r.instant(Columns.closedAt),
            counters: LeadCounters(tradeIns: r[Columns.tradeIns], testDrives: r[Columns.testDrives], quotes: r[Columns.quotes]),
            currentDeadline: nil, version: r[Columns.version])
        if let deadlineID = r[Columns.deadlineID] as Int64? {
            var deadline = DeadlineEntry(id: deadlineID, kind: DeadlineKind(rawValue: r[Columns.deadlineKind]) ?? .other, dueAt: r.instant(Columns.deadlineDueAt),
                                         doneAt: nil, contacted: (r[Columns.deadlineContacted] as Int?).map { $0 == 1 }, note: r[Columns.deadlineNote])
            deadline.version = r[Columns.deadlineVersion]
            lead.currentDeadline = deadline
        }
        lead.lostReasonID = r[Columns.lostReasonID]
        lostReason = (r[Columns.lostReasonNL] as String?).map { LocalizedName(nl: $0, fr: r[Columns.lostReasonFR], en: r[Columns.lostReasonEN]) }
    }
}

/// One event of a lead's timeline as read (a comment's entry shows the comment's text).
struct TimelineEventRecord: FetchableRecord {
    enum Columns: Int, SelectedColumns {
        case id, at, kind, actorID, detail, oldValue, newValue, subjectID

        var expression: String {
            self == .detail ? "coalesce(nullif(e.detail, ''), cm.body, '')" : "e." + columnName
        }
    }
    static let selection = Columns.selection(\.expression)

    var id: Int64, at: Int64, kind: String, actorID: Int64?, detail: String, oldValue: String?, newValue: String?, subjectID: Int64?

    init(row r: Row) {
        id = r[Columns.id]; at = r[Columns.at]; kind = r[Columns.kind]; actorID = r[Columns.actorID]
        detail = r[Columns.detail]; oldValue = r[Columns.oldValue]; newValue = r[Columns.newValue]; subjectID = r[Columns.subjectID]
    }

    /// The entry to show, with the actor's name; nil for a kind this version does not know.
    func entry(names: [Int64: String]) -> TimelineEntry? {
        guard let kind = TimelineKind(rawValue: kind) else { return nil }
        var entry = TimelineEntry(id: id, at: Instant(seconds: at), kind: kind, actorName: actorID.flatMap { names[$0] },
                                  detail: detail, oldValue: oldValue, newValue: newValue)
        entry.subjectID = subjectID
        return entry
    }
}

/// An event as it goes on a lead's timeline.
struct NewTimelineEvent: Encodable, PersistableRecord {
    static let databaseTableName = "timeline_events"
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    let leadID: Int64
    let at: Int64
    let actorID: Int64?
    let kind: String
    let subjectID: Int64?
    let detail: String
    let oldValue: String?
    let newValue: String?

    init(leadID: Int64, at: Instant, actorID: Int64?, kind: TimelineKind, subjectID: Int64?, detail: String, oldValue: String?, newValue: String?) {
        self.leadID = leadID; self.at = at.seconds; self.actorID = actorID; self.kind = kind.rawValue; self.subjectID = subjectID
        self.detail = detail; self.oldValue = oldValue; self.newValue = newValue
    }
}
