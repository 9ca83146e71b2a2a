import Foundation
import GRDB
import Showroom

// Search through the FTS5 index `lead_search` (the query text itself is parsed by `SearchQuery`, in Showroom).

extension AppDatabase {
    /// Contacts whose leads the user may see, found by name, e-mail, phone or lead code.
    public func searchContacts(_ text: String, visibleTo viewer: Viewer, limit: Int = 20) throws -> [ContactMatch] {
        guard let match = SearchQuery.match(text) else { return [] }
        let scope = LeadScope(viewer)
        // Further contacts (co-buyers, contact persons) are not in the search index; there are
        // few of them, so they are matched by name, e-mail or phone directly.
        let like = "%" + text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
        let phone = ContactRules.normalizePhone(text).map { "%" + $0.dropFirst(3) + "%" } ?? like
        return try writer.read { db in
            try ContactRecord.fetchAll(db, literal: """
                SELECT \(sql: ContactRecord.selection)
                FROM contacts c WHERE c.id IN (
                    SELECT l.contact_id FROM lead_search s CROSS JOIN leads l ON l.id = s.rowid
                    WHERE lead_search MATCH \(match) AND \(scope) ORDER BY s.rowid DESC LIMIT 200)
                OR c.id IN (
                    SELECT lc.contact_id FROM lead_contacts lc JOIN leads l ON l.id = lc.lead_id JOIN contacts x ON x.id = lc.contact_id
                    WHERE \(scope) AND (x.first_name || ' ' || x.last_name LIKE \(like) OR x.company_name LIKE \(like) OR x.email LIKE \(like) OR x.phone LIKE \(phone)))
                ORDER BY c.last_name, c.first_name, c.company_name LIMIT \(limit)
                """).map(\.match)
        }
    }
}
