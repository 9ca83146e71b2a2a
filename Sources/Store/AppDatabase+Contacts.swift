import Foundation
import GRDB
import Showroom

// Contacts: the people and companies behind leads, their visibility, duplicates, details and links to leads.

public enum ContactChoice: Sendable {
    case existing(Int64)
    case new(ContactInput)
}

extension AppDatabase {
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
