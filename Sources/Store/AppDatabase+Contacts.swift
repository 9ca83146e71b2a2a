import Foundation
import GRDB
import Showroom

// Contacts: the people and companies behind leads, their visibility, duplicates, details and links to leads.

public enum ContactChoice: Sendable {
    case existing(Int64)
    case new(ContactInput)
}

extension AppDatabase {
    /// Existing contacts with the same e-mail, phone or VAT number: (the ones the user may see,
    /// how many others exist that they may not see).
    public func likelyDuplicates(of input: ContactInput, visibleTo viewer: Viewer) throws -> (visible: [ContactMatch], hidden: Int) {
        try writer.read { db in
            var conditions: [SQL] = []
            if !input.email.isEmpty { conditions.append("c.email = \(input.email)") }
            if !input.phone.isEmpty { conditions.append("c.phone = \(input.phone)") }
            if !input.vatNumber.isEmpty { conditions.append("c.vat_number = \(input.vatNumber)") }
            guard !conditions.isEmpty else { return ([], 0) }
            let rows = try Row.fetchAll(db, literal: """
                SELECT \(sql: ContactRecord.selection),
                       (NOT EXISTS (SELECT 1 FROM leads x WHERE x.contact_id = c.id)
                        OR EXISTS (SELECT 1 FROM leads l WHERE l.contact_id = c.id AND \(LeadScope(viewer)))) AS visible
                FROM contacts c WHERE \(conditions.joined(separator: " OR ")) LIMIT 50
                """)
            let visible = rows.filter { $0["visible"] as Bool }.map { ContactRecord(row: $0).match }
            return (visible, rows.count - visible.count)
        }
    }

    /// True when the user may see the contact: one of its leads is visible, or it has none.
    static func contactVisible(_ db: Database, _ id: Int64, _ viewer: Viewer) throws -> Bool {
        guard try Int.fetchOne(db, sql: "SELECT 1 FROM contacts WHERE id = ?", arguments: [id]) != nil else { return false }
        if viewer.visibility == .all { return true }
        let any = try Int.fetchOne(db, sql: "SELECT 1 FROM leads WHERE contact_id = ? UNION SELECT 1 FROM lead_contacts WHERE contact_id = ? LIMIT 1", arguments: [id, id]) != nil
        if !any { return true }
        return try Int.fetchOne(db, literal: """
            SELECT 1 FROM leads l WHERE \(LeadScope(viewer)) AND (l.contact_id = \(id) OR l.id IN (SELECT lead_id FROM lead_contacts WHERE contact_id = \(id))) LIMIT 1
            """) != nil
    }

    /// The contact a lead or a link is about: an existing one the user may see, or a new one.
    static func contactID(_ db: Database, for choice: ContactChoice, visibleTo viewer: Viewer, now: Instant) throws -> Int64 {
        switch choice {
        case .existing(let id):
            guard try contactVisible(db, id, viewer) else { throw StoreError.notFound }
            return id
        case .new(let input):
            return try insertContact(db, input, now: now)
        }
    }

    static func insertContact(_ db: Database, _ c: ContactInput, now: Instant) throws -> Int64 {
        try ContactRecord(c, createdAt: now).insert(db)
        return db.lastInsertedRowID
    }

    public func contactRecord(id: Int64, visibleTo viewer: Viewer) throws -> (ContactInput, version: Int64)? {
        try writer.read { db in
            guard try Self.contactVisible(db, id, viewer), let c = try ContactRecord.find(db, id: id) else { return nil }
            return (c.input, c.version)
        }
    }

    /// The leads of a contact that the user may see, newest first.
    public func leads(ofContact id: Int64, visibleTo viewer: Viewer) throws -> [LeadOverviewRow] {
        var filter = LeadFilter()
        filter.page = 1
        return try leads(filter, visibleTo: viewer, contactID: id).rows
    }

    /// Saves a contact's new details; every changed field goes on the timeline of each of
    /// the contact's leads the user can see. Returns the names of the changed fields.
    @discardableResult
    public func updateContact(id: Int64, _ c: ContactInput, version: Int64, by viewer: Viewer, now: Instant) throws -> [String] {
        try writer.write { db in
            guard try Self.contactVisible(db, id, viewer) else { throw StoreError.notFound }
            guard var record = try ContactRecord.find(db, id: id) else { throw StoreError.notFound }
            guard record.version == version else { throw StoreError.conflict }
            let changed = record.changes(to: c)
            guard !changed.isEmpty else { return [] }
            record.input = c
            try record.saveDetails(db, at: now)
            let leadIDs = try Int64.fetchAll(db, literal: """
                SELECT l.id FROM leads l WHERE (l.contact_id = \(id) OR l.id IN (SELECT lead_id FROM lead_contacts WHERE contact_id = \(id))) AND \(LeadScope(viewer))
                """)
            let summary = changed.map { "\($0.field): \($0.old) → \($0.new)" }.joined(separator: "\n")
            for lead in leadIDs { try Self.record(db, lead: lead, at: now, actor: viewer.userID, .contactChanged, subject: id, detail: summary) }
            return changed.map(\.field)
        }
    }

    /// Links a further contact (existing or new) to a lead, with its role.
    public func linkContact(leadID: Int64, contact: ContactChoice, role: String, by viewer: Viewer, now: Instant) throws {
        try writer.write { db in
            let lead = try Self.visibleLead(db, leadID, viewer)
            let contactID = try Self.contactID(db, for: contact, visibleTo: viewer, now: now)
            guard contactID != lead.contactID,
                  try Int.fetchOne(db, sql: "SELECT 1 FROM lead_contacts WHERE lead_id = ? AND contact_id = ?", arguments: [leadID, contactID]) == nil else {
                throw StoreError.invalid(.contactAlreadyLinked)
            }
            try db.execute(sql: "INSERT INTO lead_contacts (lead_id, contact_id, role) VALUES (?, ?, ?)", arguments: [leadID, contactID, role])
            let name = try ContactRecord.find(db, id: contactID)?.card(role: role).displayName ?? ""
            try Self.record(db, lead: leadID, at: now, actor: viewer.userID, .contactLinked, subject: contactID, detail: name, new: role)
        }
    }

    /// All contacts linked to a visible lead, the main contact first; nil when not visible.
    public func contacts(leadID: Int64, visibleTo viewer: Viewer) throws -> [ContactCard]? {
        try writer.read { db in
            guard let mainID = try Int64.fetchOne(db, literal: "SELECT l.contact_id FROM leads l WHERE l.id = \(leadID) AND \(LeadScope(viewer))") else { return nil }
            let rows = try Row.fetchAll(db, sql: """
                SELECT \(ContactRecord.selection), coalesce(lc.role, 'main') AS role
                FROM contacts c LEFT JOIN lead_contacts lc ON lc.contact_id = c.id AND lc.lead_id = ?
                WHERE c.id = ? OR c.id IN (SELECT contact_id FROM lead_contacts WHERE lead_id = ?)
                ORDER BY c.id = ? DESC, c.id
                """, arguments: [leadID, mainID, leadID, mainID])
            return rows.map { row in
                let c = ContactRecord(row: row)
                return c.card(role: c.id == mainID ? "main" : row["role"])
            }
        }
    }
}

/// A contact as stored: read whole (`selection`, on `contacts AS c`), inserted, and saved
/// with a new version.
struct ContactRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "contacts"
    enum Columns: Int, SelectedColumns {
        case id, kind, firstName, lastName, companyName, email, phone, street, postalCode, city, country, vatNumber, vatRatePermille, language, version

        /// The details a user edits (and the change log names).
        static let details: [Columns] = [.kind, .firstName, .lastName, .companyName, .email, .phone, .street, .postalCode, .city, .country,
                                         .vatNumber, .vatRatePermille, .language]

        /// The field's name in the change log on the timeline.
        var logName: String { self == .vatRatePermille ? "vat_rate" : columnName }
    }
    static let selection = Columns.selection { "c." + $0.columnName }

    var id: Int64
    var input: ContactInput
    var version: Int64
    /// Set for a new contact: its creation time.
    var createdAt: Instant?

    init(_ input: ContactInput, createdAt: Instant) {
        id = 0; self.input = input; version = 1; self.createdAt = createdAt
    }

    init(row r: Row) {
        id = r[Columns.id]
        version = r[Columns.version]
        var c = ContactInput()
        c.kind = ContactKind(rawValue: r[Columns.kind]) ?? .person
        c.firstName = r[Columns.firstName]; c.lastName = r[Columns.lastName]; c.companyName = r[Columns.companyName]
        c.email = r[Columns.email]; c.phone = r[Columns.phone]; c.street = r[Columns.street]; c.postalCode = r[Columns.postalCode]
        c.city = r[Columns.city]; c.country = r[Columns.country]; c.vatNumber = r[Columns.vatNumber]
        c.vatRatePermille = r[Columns.vatRatePermille]; c.language = r[Columns.language]
        input = c
    }

    static func find(_ db: Database, id: Int64) throws -> ContactRecord? {
        try fetchOne(db.cachedStatement(sql: "SELECT \(selection) FROM contacts c WHERE c.id = ?"), arguments: [id])
    }

    /// A detail's value as stored.
    func value(_ column: Columns) -> DatabaseValue {
        let c = input
        switch column {
        case .id: return id.databaseValue
        case .kind: return c.kind.rawValue.databaseValue
        case .firstName: return c.firstName.databaseValue
        case .lastName: return c.lastName.databaseValue
        case .companyName: return c.companyName.databaseValue
        case .email: return c.email.databaseValue
        case .phone: return c.phone.databaseValue
        case .street: return c.street.databaseValue
        case .postalCode: return c.postalCode.databaseValue
        case .city: return c.city.databaseValue
        case .country: return c.country.databaseValue
        case .vatNumber: return c.vatNumber.databaseValue
        case .vatRatePermille: return c.vatRatePermille.databaseValue
        case .language: return c.language.databaseValue
        case .version: return version.databaseValue
        }
    }

    /// The details that `new` changes: (log name, old value, new value), as text.
    func changes(to new: ContactInput) -> [(field: String, old: String, new: String)] {
        let after = ContactRecord(new, createdAt: Instant(seconds: 0))
        func text(_ v: DatabaseValue) -> String { v.isNull ? "" : String(describing: v.storage.value ?? "") }
        return Columns.details.compactMap { column in
            let old = value(column), new = after.value(column)
            return old == new ? nil : (column.logName, text(old), text(new))
        }
    }

    /// Saves the details under a new version.
    func saveDetails(_ db: Database, at now: Instant) throws {
        let assignments = Columns.details.map { "\($0.columnName) = ?" }.joined(separator: ", ")
        try db.execute(sql: "UPDATE contacts SET \(assignments), updated_at = ?, version = version + 1 WHERE id = ?",
                       arguments: StatementArguments(Columns.details.map(value) + [now.seconds.databaseValue, id.databaseValue]))
    }

    /// A new contact's row (the id, version and dates are the table's).
    func encode(to container: inout PersistenceContainer) {
        for column in Columns.details { container[column.columnName] = value(column) }
        if let createdAt {
            container["created_at"] = createdAt.seconds
            container["updated_at"] = createdAt.seconds
        }
    }

    func card(role: String) -> ContactCard {
        let c = input
        return ContactCard(id: id, kind: c.kind, firstName: c.firstName, lastName: c.lastName, companyName: c.companyName, email: c.email, phone: c.phone,
                           street: c.street, postalCode: c.postalCode, city: c.city, country: c.country, vatNumber: c.vatNumber, language: c.language, role: role)
    }

    var match: ContactMatch {
        ContactMatch(id: id, name: card(role: "").displayName, email: input.email, phone: input.phone, city: input.city, vatNumber: input.vatNumber)
    }
}
