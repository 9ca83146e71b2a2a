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

    /// All contacts linked to a visible lead, the main contact first; nil when not visible.
    public func contacts(leadID: Int64, visibleTo visibility: LeadVisibility) throws -> [ContactCard]? {
        try writer.read { db in
            guard let mainID = try Int64.fetchOne(db, literal: "SELECT l.contact_id FROM leads l WHERE l.id = \(leadID) AND \(LeadScope(visibility))") else { return nil }
            let rows = try Row.fetchAll(db, sql: """
                SELECT c.id, c.kind, c.first_name, c.last_name, c.company_name, c.email, c.phone, c.street, c.postal_code,
                       c.city, c.country, c.vat_number, c.language, coalesce(lc.role, 'main')
                FROM contacts c LEFT JOIN lead_contacts lc ON lc.contact_id = c.id AND lc.lead_id = ?
                WHERE c.id = ? OR c.id IN (SELECT contact_id FROM lead_contacts WHERE lead_id = ?)
                ORDER BY c.id = ? DESC, c.id
                """, arguments: [leadID, mainID, leadID, mainID])
            return rows.map { c in
                ContactCard(id: c[0], kind: ContactKind(rawValue: c[1]) ?? .person, firstName: c[2], lastName: c[3], companyName: c[4],
                            email: c[5], phone: c[6], street: c[7], postalCode: c[8], city: c[9], country: c[10],
                            vatNumber: c[11], language: c[12], role: c[0] == mainID ? "main" : c[13])
            }
        }
    }
}
