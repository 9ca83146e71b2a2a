import GRDB

extension Migrations {
    /// The dealer's company profile (issue 10, item 3): one row (`id = 1`), created empty by
    /// the migration so there is always one to read and to save with a version. The logo
    /// lives in a table of its own, at most one row, so reading the profile's fields does not
    /// drag up to 1 MB of image along, and replacing the logo is one row written in the same
    /// transaction as its log entry.
    static func registerCompany(_ m: inout DatabaseMigrator) {
        m.registerMigration("v7-company-profile") { db in
            try db.execute(sql: """
            CREATE TABLE company_profile (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                name TEXT NOT NULL DEFAULT '' CHECK (length(name) <= 200),
                trade_name TEXT NOT NULL DEFAULT '' CHECK (length(trade_name) <= 200),
                legal_form TEXT NOT NULL DEFAULT '' CHECK (length(legal_form) <= 20),
                street TEXT NOT NULL DEFAULT '' CHECK (length(street) <= 200),
                postal_code TEXT NOT NULL DEFAULT '' CHECK (length(postal_code) <= 12),
                city TEXT NOT NULL DEFAULT '' CHECK (length(city) <= 200),
                country TEXT NOT NULL DEFAULT '' CHECK (length(country) <= 200),
                enterprise_number TEXT NOT NULL DEFAULT '' CHECK (enterprise_number = '' OR (length(enterprise_number) = 10 AND enterprise_number NOT GLOB '*[^0-9]*')),
                rpr_court TEXT NOT NULL DEFAULT '' CHECK (length(rpr_court) <= 200),
                iban TEXT NOT NULL DEFAULT '' CHECK (length(iban) <= 34 AND iban NOT GLOB '*[^0-9A-Z]*'),
                bic TEXT NOT NULL DEFAULT '' CHECK (length(bic) IN (0, 8, 11)),
                phone TEXT NOT NULL DEFAULT '' CHECK (length(phone) <= 30),
                email TEXT NOT NULL DEFAULT '' CHECK (length(email) <= 254),
                website TEXT NOT NULL DEFAULT '' CHECK (length(website) <= 200),
                deposit_basis_points INTEGER NOT NULL DEFAULT 0 CHECK (deposit_basis_points BETWEEN 0 AND 1500),
                delivery_days INTEGER NOT NULL DEFAULT 30 CHECK (delivery_days BETWEEN 1 AND 365),
                quote_validity_days INTEGER NOT NULL DEFAULT 30 CHECK (quote_validity_days BETWEEN 1 AND 365),
                discount_approval_basis_points INTEGER NOT NULL DEFAULT 500 CHECK (discount_approval_basis_points BETWEEN 0 AND 10000),
                legal_warranty_nl TEXT NOT NULL DEFAULT '' CHECK (length(legal_warranty_nl) <= 2000),
                legal_warranty_fr TEXT NOT NULL DEFAULT '' CHECK (length(legal_warranty_fr) <= 2000),
                legal_warranty_en TEXT NOT NULL DEFAULT '' CHECK (length(legal_warranty_en) <= 2000),
                commercial_warranty_nl TEXT NOT NULL DEFAULT '' CHECK (length(commercial_warranty_nl) <= 2000),
                commercial_warranty_fr TEXT NOT NULL DEFAULT '' CHECK (length(commercial_warranty_fr) <= 2000),
                commercial_warranty_en TEXT NOT NULL DEFAULT '' CHECK (length(commercial_warranty_en) <= 2000),
                version INTEGER NOT NULL DEFAULT 1,
                updated_at INTEGER,
                updated_by INTEGER REFERENCES users(id)
            );
            INSERT INTO company_profile (id, country) VALUES (1, 'België');
            CREATE TABLE company_logo (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                mime_type TEXT NOT NULL CHECK (mime_type IN ('image/png', 'image/jpeg')),
                bytes BLOB NOT NULL CHECK (length(bytes) BETWEEN 1 AND 1000000),
                sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
                uploaded_at INTEGER NOT NULL,
                uploaded_by INTEGER REFERENCES users(id)
            );
            """)
        }
    }
}
