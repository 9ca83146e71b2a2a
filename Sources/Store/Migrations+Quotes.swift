import GRDB

extension Migrations {
    /// Quotes for real (issue 10). Wave 1 had a placeholder `quotes` table whose rows had no
    /// content (only demo data wrote it): it is replaced. A quote is one logical offer on a
    /// lead with a gapless per-year number; its content lives in revisions — a sent revision
    /// is frozen, a change makes the next one — each with its lines and the totals as printed.
    /// Accepting makes the order form. Numbers come from `document_sequences`, allocated in
    /// the transaction that uses them, so a rollback leaves no gap.
    static func registerQuotes(_ m: inout DatabaseMigrator) {
        m.registerMigration("v6-quotes") { db in
            try db.execute(sql: """
            DELETE FROM timeline_events WHERE kind = 'quote';
            DROP TABLE quotes;
            UPDATE leads SET quote_count = 0 WHERE quote_count <> 0;

            CREATE TABLE document_sequences (
                kind TEXT NOT NULL CHECK (kind IN ('quote', 'order')),
                year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 9999),
                last INTEGER NOT NULL CHECK (last >= 0),
                PRIMARY KEY (kind, year)
            ) WITHOUT ROWID;

            CREATE TABLE quotes (
                id INTEGER PRIMARY KEY,
                lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
                number TEXT NOT NULL UNIQUE,
                year INTEGER NOT NULL,
                seq INTEGER NOT NULL CHECK (seq >= 1),
                status TEXT NOT NULL DEFAULT 'draft'
                    CHECK (status IN ('draft', 'approval_requested', 'approved', 'sent', 'accepted', 'declined', 'expired')),
                revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
                vehicle_id INTEGER REFERENCES vehicles(id),
                approved_by INTEGER REFERENCES users(id),
                approved_at INTEGER,
                decided_at INTEGER,
                created_at INTEGER NOT NULL,
                created_by INTEGER REFERENCES users(id),
                updated_at INTEGER NOT NULL,
                version INTEGER NOT NULL DEFAULT 1,
                UNIQUE (year, seq)
            );
            CREATE INDEX quotes_lead ON quotes(lead_id);
            -- One car, one accepted quote: the database itself refuses a second.
            CREATE UNIQUE INDEX quotes_accepted_vehicle ON quotes(vehicle_id) WHERE status = 'accepted';

            CREATE TABLE quote_revisions (
                id INTEGER PRIMARY KEY,
                quote_id INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
                revision INTEGER NOT NULL CHECK (revision >= 1),
                vehicle_id INTEGER REFERENCES vehicles(id),
                issued_on TEXT NOT NULL CHECK (issued_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                valid_until TEXT NOT NULL CHECK (valid_until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND valid_until >= issued_on),
                excl_cents INTEGER NOT NULL,
                vat_cents INTEGER NOT NULL,
                incl_cents INTEGER NOT NULL CHECK (incl_cents = excl_cents + vat_cents),
                margin_scheme INTEGER NOT NULL DEFAULT 0 CHECK (margin_scheme IN (0, 1)),
                discount_bp INTEGER NOT NULL DEFAULT 0,
                note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
                created_at INTEGER NOT NULL,
                created_by INTEGER REFERENCES users(id),
                sent_at INTEGER,
                sent_by INTEGER REFERENCES users(id),
                UNIQUE (quote_id, revision)
            );

            CREATE TABLE quote_lines (
                id INTEGER PRIMARY KEY,
                revision_id INTEGER NOT NULL REFERENCES quote_revisions(id) ON DELETE CASCADE,
                position INTEGER NOT NULL CHECK (position >= 0),
                kind TEXT NOT NULL CHECK (kind IN ('vehicle', 'option', 'accessory', 'fee', 'service', 'discount', 'trade_in_credit')),
                description TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 200),
                quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 999),
                unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents BETWEEN 0 AND 1000000000),
                -- Discount lines: the position of the line they reduce, and a percentage
                -- (basis points) or, when NULL, unit_price_cents as the amount.
                discount_of INTEGER CHECK (discount_of >= 0),
                discount_bp INTEGER CHECK (discount_bp BETWEEN 1 AND 10000),
                -- 'rate' with vat_bp, 'margin' (margin scheme: no VAT shown), 'outside' (trade-in credit).
                vat_treatment TEXT NOT NULL CHECK (vat_treatment IN ('rate', 'margin', 'outside')),
                vat_bp INTEGER CHECK (vat_bp BETWEEN 0 AND 10000),
                excl_cents INTEGER NOT NULL,
                vat_cents INTEGER NOT NULL,
                incl_cents INTEGER NOT NULL CHECK (incl_cents = excl_cents + vat_cents),
                CHECK ((vat_treatment = 'rate') = (vat_bp IS NOT NULL)),
                UNIQUE (revision_id, position)
            );

            CREATE TABLE order_forms (
                id INTEGER PRIMARY KEY,
                quote_id INTEGER NOT NULL UNIQUE REFERENCES quotes(id) ON DELETE CASCADE,
                revision_id INTEGER NOT NULL REFERENCES quote_revisions(id),
                number TEXT NOT NULL UNIQUE,
                year INTEGER NOT NULL,
                seq INTEGER NOT NULL CHECK (seq >= 1),
                signed_place TEXT NOT NULL CHECK (length(signed_place) BETWEEN 1 AND 100),
                signed_on TEXT NOT NULL,
                deposit_cents INTEGER NOT NULL CHECK (deposit_cents >= 0),
                delivery_by TEXT NOT NULL CHECK (delivery_by >= signed_on),
                sale_channel TEXT NOT NULL CHECK (sale_channel IN ('showroom', 'distance', 'off_premises')),
                essentials TEXT NOT NULL DEFAULT '' CHECK (length(essentials) <= 2000),
                warranty_months INTEGER NOT NULL CHECK (warranty_months IN (12, 24)),
                created_at INTEGER NOT NULL,
                created_by INTEGER REFERENCES users(id),
                UNIQUE (year, seq)
            );
            """)
            // The header's counter, kept by the schema as for the other elements.
            try db.execute(sql: """
            CREATE TRIGGER quotes_count_insert AFTER INSERT ON quotes BEGIN
                UPDATE leads SET quote_count = quote_count + 1 WHERE id = NEW.lead_id;
            END;
            CREATE TRIGGER quotes_count_delete AFTER DELETE ON quotes BEGIN
                UPDATE leads SET quote_count = quote_count - 1 WHERE id = OLD.lead_id;
            END;
            """)
        }
    }
}
