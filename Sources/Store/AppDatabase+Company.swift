import Foundation
import GRDB
import Showroom

// The dealer's company profile (one row) and its logo (one row at most).

extension AppDatabase {
    /// The company profile with its logo, as the settings page and the PDFs need it.
    /// The company profile; `withLogo: false` leaves the logo's bytes unread (the settings
    /// quotes use on every step need no image).
    public func companyProfile(withLogo: Bool = true) throws -> CompanyProfile {
        try writer.read { db in try Self.companyProfile(db, withLogo: withLogo) }
    }

    static func companyProfile(_ db: Database, withLogo: Bool = true) throws -> CompanyProfile {
        var p = try CompanyRecord.find(db)?.profile ?? CompanyProfile()
        if withLogo, let logo = try Row.fetchOne(db, sql: "SELECT mime_type, bytes FROM company_logo WHERE id = 1") {
            p.logoMimeType = logo["mime_type"]
            p.logo = [UInt8](logo["bytes"] as Data)
        }
        return p
    }

    /// The logo's type, bytes and content hash (for the ETag), or nil without a logo.
    public func companyLogo() throws -> (mimeType: String, bytes: [UInt8], sha256: String)? {
        try writer.read { db in
            guard let r = try Row.fetchOne(db, sql: "SELECT mime_type, bytes, sha256 FROM company_logo WHERE id = 1") else { return nil }
            return (r["mime_type"], [UInt8](r["bytes"] as Data), r["sha256"])
        }
    }

    /// Saves the profile's fields (not the logo) when `version` is still the stored one; each
    /// changed field is logged. Throws `.invalid` for a rule broken (the page checks first),
    /// `.conflict` when someone saved in between.
    public func saveCompanyProfile(_ profile: CompanyProfile, version: Int64, actor: Int64, now: Instant) throws {
        if let first = CompanyRules.check(profile).first { throw StoreError.invalid(first.violation) }
        try writer.write { db in
            let old = try CompanyRecord.find(db) ?? CompanyRecord(profile: CompanyProfile())
            guard old.profile.version == version else { throw StoreError.conflict }
            let new = CompanyRecord(profile: profile)
            let assignments = CompanyRecord.Columns.details.map { "\($0.rawValue) = ?" }.joined(separator: ", ")
            try db.execute(sql: "UPDATE company_profile SET \(assignments), version = version + 1, updated_at = ?, updated_by = ? WHERE id = 1 AND version = ?",
                           arguments: StatementArguments(CompanyRecord.Columns.details.map(new.value)) + [now.seconds, actor, version])
            guard db.changesCount == 1 else { throw StoreError.conflict }
            for column in CompanyRecord.Columns.details {
                let before = old.text(column), after = new.text(column)
                if before != after { try Self.log(db, now: now, actor: actor, subject: "settings:company", change: "company." + column.rawValue, old: before, new: after) }
            }
        }
    }

    /// Replaces the logo. The caller has typed the bytes by their content (libmagic) and
    /// passes the detected type; the table refuses anything but PNG and JPEG up to 1 MB.
    public func setCompanyLogo(bytes: [UInt8], mimeType: String, sha256: String, actor: Int64, now: Instant) throws {
        if let problem = CompanyRules.checkLogo(detectedType: mimeType, size: bytes.count) { throw StoreError.invalid(problem) }
        try writer.write { db in
            let old = try Row.fetchOne(db, sql: "SELECT mime_type, length(bytes) FROM company_logo WHERE id = 1")
            try db.execute(sql: """
                INSERT INTO company_logo (id, mime_type, bytes, sha256, uploaded_at, uploaded_by) VALUES (1, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET mime_type = excluded.mime_type, bytes = excluded.bytes, sha256 = excluded.sha256,
                    uploaded_at = excluded.uploaded_at, uploaded_by = excluded.uploaded_by
                """, arguments: [mimeType, Data(bytes), sha256, now.seconds, actor])
            try Self.log(db, now: now, actor: actor, subject: "settings:company", change: "company.logo",
                         old: old.map { "\($0[0] as String), \($0[1] as Int) B" } ?? "", new: "\(mimeType), \(bytes.count) B")
        }
    }

    /// Removes the logo (logged); nothing happens without one.
    public func removeCompanyLogo(actor: Int64, now: Instant) throws {
        try writer.write { db in
            guard let old = try Row.fetchOne(db, sql: "SELECT mime_type, length(bytes) FROM company_logo WHERE id = 1") else { return }
            try db.execute(sql: "DELETE FROM company_logo WHERE id = 1")
            try Self.log(db, now: now, actor: actor, subject: "settings:company", change: "company.logo", old: "\(old[0] as String), \(old[1] as Int) B", new: "")
        }
    }
}

/// The profile row as stored.
struct CompanyRecord: FetchableRecord {
    static let databaseTableName = "company_profile"
    /// The columns, by their SQL names; `details` are those a user edits (and the log names).
    enum Columns: String, CaseIterable, ColumnExpression {
        case name, tradeName = "trade_name", legalForm = "legal_form", street, postalCode = "postal_code", city, country
        case enterpriseNumber = "enterprise_number", rprCourt = "rpr_court", iban, bic, phone, email, website
        case depositBasisPoints = "deposit_basis_points", deliveryDays = "delivery_days", quoteValidityDays = "quote_validity_days"
        case discountApprovalBasisPoints = "discount_approval_basis_points"
        case legalWarrantyNL = "legal_warranty_nl", legalWarrantyFR = "legal_warranty_fr", legalWarrantyEN = "legal_warranty_en"
        case commercialWarrantyNL = "commercial_warranty_nl", commercialWarrantyFR = "commercial_warranty_fr", commercialWarrantyEN = "commercial_warranty_en"
        case version

        static let details: [Columns] = allCases.filter { $0 != .version }
        var name: String { rawValue }
    }

    var profile: CompanyProfile

    init(profile: CompanyProfile) { self.profile = profile }

    init(row r: Row) {
        var p = CompanyProfile()
        p.name = r[Columns.name]; p.tradeName = r[Columns.tradeName]; p.legalForm = r[Columns.legalForm]
        p.street = r[Columns.street]; p.postalCode = r[Columns.postalCode]; p.city = r[Columns.city]; p.country = r[Columns.country]
        p.enterpriseNumber = r[Columns.enterpriseNumber]; p.rprCourt = r[Columns.rprCourt]; p.iban = r[Columns.iban]; p.bic = r[Columns.bic]
        p.phone = r[Columns.phone]; p.email = r[Columns.email]; p.website = r[Columns.website]
        p.depositBasisPoints = r[Columns.depositBasisPoints]; p.deliveryDays = r[Columns.deliveryDays]
        p.quoteValidityDays = r[Columns.quoteValidityDays]; p.discountApprovalBasisPoints = r[Columns.discountApprovalBasisPoints]
        p.legalWarranty = LocalizedName(nl: r[Columns.legalWarrantyNL], fr: r[Columns.legalWarrantyFR], en: r[Columns.legalWarrantyEN])
        p.commercialWarranty = LocalizedName(nl: r[Columns.commercialWarrantyNL], fr: r[Columns.commercialWarrantyFR], en: r[Columns.commercialWarrantyEN])
        p.version = r[Columns.version]
        profile = p
    }

    static func find(_ db: Database) throws -> CompanyRecord? {
        let columns = Columns.allCases.map(\.rawValue).joined(separator: ", ")
        return try fetchOne(db, sql: "SELECT \(columns) FROM company_profile WHERE id = 1")
    }

    /// A column's value as stored.
    func value(_ column: Columns) -> DatabaseValue {
        let p = profile
        switch column {
        case .name: return p.name.databaseValue
        case .tradeName: return p.tradeName.databaseValue
        case .legalForm: return p.legalForm.databaseValue
        case .street: return p.street.databaseValue
        case .postalCode: return p.postalCode.databaseValue
        case .city: return p.city.databaseValue
        case .country: return p.country.databaseValue
        case .enterpriseNumber: return p.enterpriseNumber.databaseValue
        case .rprCourt: return p.rprCourt.databaseValue
        case .iban: return p.iban.databaseValue
        case .bic: return p.bic.databaseValue
        case .phone: return p.phone.databaseValue
        case .email: return p.email.databaseValue
        case .website: return p.website.databaseValue
        case .depositBasisPoints: return p.depositBasisPoints.databaseValue
        case .deliveryDays: return p.deliveryDays.databaseValue
        case .quoteValidityDays: return p.quoteValidityDays.databaseValue
        case .discountApprovalBasisPoints: return p.discountApprovalBasisPoints.databaseValue
        case .legalWarrantyNL: return p.legalWarranty.nl.databaseValue
        case .legalWarrantyFR: return p.legalWarranty.fr.databaseValue
        case .legalWarrantyEN: return p.legalWarranty.en.databaseValue
        case .commercialWarrantyNL: return p.commercialWarranty.nl.databaseValue
        case .commercialWarrantyFR: return p.commercialWarranty.fr.databaseValue
        case .commercialWarrantyEN: return p.commercialWarranty.en.databaseValue
        case .version: return p.version.databaseValue
        }
    }

    /// A column's value as text for the change log.
    func text(_ column: Columns) -> String {
        switch value(column).storage {
        case .string(let s): return s
        case .int64(let n): return String(n)
        default: return ""
        }
    }
}
