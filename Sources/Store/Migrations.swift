import GRDB

/// The schema, as frozen migrations: once shipped, a migration is never edited; changes
/// come as new ones. Table names are strings, never app types.
enum Migrations {
    /// SQL for the phone tokens of the search index: the number as typed, its digits, and
    /// for Belgian numbers the national form (`+32 475 12 34 56` → `32475123456 0475123456`).
    static func phoneTokens(_ column: String) -> String {
        let digits = "replace(replace(replace(replace(replace(replace(replace(\(column), ' ', ''), '+', ''), '-', ''), '.', ''), '/', ''), '(', ''), ')', '')"
        return "\(column) || ' ' || \(digits) || CASE WHEN \(digits) LIKE '32%' THEN ' 0' || substr(\(digits), 3) ELSE '' END"
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-foundation") { db in
            try db.execute(sql: """
            CREATE TABLE branches (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
                city TEXT NOT NULL DEFAULT '',
                active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
            );
            CREATE TABLE users (
                id INTEGER PRIMARY KEY,
                username TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(username) BETWEEN 1 AND 64),
                display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
                email TEXT NOT NULL DEFAULT '',
                language TEXT NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'fr', 'en')),
                active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
                created_at INTEGER NOT NULL
            );
            CREATE TABLE user_branches (
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                branch_id INTEGER NOT NULL REFERENCES branches(id),
                PRIMARY KEY (user_id, branch_id)
            ) WITHOUT ROWID;
            CREATE TABLE lead_types (
                id INTEGER PRIMARY KEY,
                name_nl TEXT NOT NULL CHECK (length(name_nl) BETWEEN 1 AND 100),
                name_fr TEXT NOT NULL DEFAULT '',
                name_en TEXT NOT NULL DEFAULT '',
                position INTEGER NOT NULL DEFAULT 0,
                active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
            );
            CREATE TABLE lead_sources (
                id INTEGER PRIMARY KEY,
                name_nl TEXT NOT NULL CHECK (length(name_nl) BETWEEN 1 AND 100),
                name_fr TEXT NOT NULL DEFAULT '',
                name_en TEXT NOT NULL DEFAULT '',
                position INTEGER NOT NULL DEFAULT 0,
                active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
            );
            CREATE TABLE contacts (
                id INTEGER PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind IN ('person', 'company')),
                first_name TEXT NOT NULL DEFAULT '',
                last_name TEXT NOT NULL DEFAULT '',
                company_name TEXT NOT NULL DEFAULT '',
                email TEXT NOT NULL DEFAULT '',
                phone TEXT NOT NULL DEFAULT '',
                street TEXT NOT NULL DEFAULT '',
                postal_code TEXT NOT NULL DEFAULT '',
                city TEXT NOT NULL DEFAULT '',
                country TEXT NOT NULL DEFAULT 'BE',
                vat_number TEXT NOT NULL DEFAULT '',
                vat_rate_permille INTEGER CHECK (vat_rate_permille BETWEEN 0 AND 1000),
                language TEXT NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'fr', 'en')),
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                version INTEGER NOT NULL DEFAULT 1,
                CHECK (email <> '' OR phone <> ''),
                CHECK ((kind = 'person' AND last_name <> '') OR (kind = 'company' AND company_name <> ''))
            );
            CREATE INDEX contacts_email ON contacts(email) WHERE email <> '';
            CREATE INDEX contacts_phone ON contacts(phone) WHERE phone <> '';
            CREATE TABLE code_sequences (
                year INTEGER PRIMARY KEY,
                last INTEGER NOT NULL
            );
            CREATE TABLE leads (
                id INTEGER PRIMARY KEY,
                code TEXT NOT NULL UNIQUE,
                status INTEGER NOT NULL DEFAULT 0 CHECK (status IN (0, 1, 2)),
                contact_id INTEGER NOT NULL REFERENCES contacts(id),
                type_id INTEGER NOT NULL REFERENCES lead_types(id),
                source_id INTEGER NOT NULL REFERENCES lead_sources(id),
                branch_id INTEGER NOT NULL REFERENCES branches(id),
                responsible_id INTEGER NOT NULL REFERENCES users(id),
                created_at INTEGER NOT NULL,
                last_activity_at INTEGER NOT NULL,
                closed_at INTEGER,
                next_deadline_at INTEGER,
                tradein_count INTEGER NOT NULL DEFAULT 0,
                testdrive_count INTEGER NOT NULL DEFAULT 0,
                quote_count INTEGER NOT NULL DEFAULT 0,
                version INTEGER NOT NULL DEFAULT 1
            );
            CREATE INDEX leads_created ON leads(created_at);
            CREATE INDEX leads_status_created ON leads(status, created_at);
            CREATE INDEX leads_branch_status_created ON leads(branch_id, status, created_at);
            CREATE INDEX leads_responsible_status_created ON leads(responsible_id, status, created_at);
            CREATE INDEX leads_status_deadline ON leads(status, next_deadline_at);
            CREATE INDEX leads_contact ON leads(contact_id);
            CREATE TABLE lead_contacts (
                lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
                contact_id INTEGER NOT NULL REFERENCES contacts(id),
                role TEXT NOT NULL,
                PRIMARY KEY (lead_id, contact_id)
            ) WITHOUT ROWID;
            CREATE TABLE deadlines (
                id INTEGER PRIMARY KEY,
                lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
                kind TEXT NOT NULL CHECK (kind IN ('contact_prospect', 'follow_up', 'other')),
                due_at INTEGER NOT NULL,
                done_at INTEGER,
                contacted INTEGER CHECK (contacted IN (0, 1)),
                note TEXT NOT NULL DEFAULT '',
                created_at INTEGER NOT NULL,
                created_by INTEGER REFERENCES users(id),
                version INTEGER NOT NULL DEFAULT 1
            );
            CREATE INDEX deadlines_lead_open ON deadlines(lead_id, done_at, due_at);
            -- The lead's next open deadline is kept beside the lead, so the overview can
            -- sort and filter on it with an index. A closed lead has none: its clock stopped.
            CREATE TRIGGER deadlines_after_insert AFTER INSERT ON deadlines BEGIN
                UPDATE leads SET next_deadline_at = CASE WHEN status = 0 THEN (SELECT min(due_at) FROM deadlines WHERE lead_id = NEW.lead_id AND done_at IS NULL) END WHERE id = NEW.lead_id;
            END;
            CREATE TRIGGER deadlines_after_update AFTER UPDATE OF due_at, done_at, lead_id ON deadlines BEGIN
                UPDATE leads SET next_deadline_at = CASE WHEN status = 0 THEN (SELECT min(due_at) FROM deadlines WHERE lead_id = NEW.lead_id AND done_at IS NULL) END WHERE id = NEW.lead_id;
                UPDATE leads SET next_deadline_at = CASE WHEN status = 0 THEN (SELECT min(due_at) FROM deadlines WHERE lead_id = OLD.lead_id AND done_at IS NULL) END WHERE id = OLD.lead_id AND OLD.lead_id <> NEW.lead_id;
            END;
            CREATE TRIGGER deadlines_after_delete AFTER DELETE ON deadlines BEGIN
                UPDATE leads SET next_deadline_at = CASE WHEN status = 0 THEN (SELECT min(due_at) FROM deadlines WHERE lead_id = OLD.lead_id AND done_at IS NULL) END WHERE id = OLD.lead_id;
            END;
            CREATE TABLE comments (
                id INTEGER PRIMARY KEY,
                lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
                author_id INTEGER REFERENCES users(id),
                body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                version INTEGER NOT NULL DEFAULT 1
            );
            CREATE INDEX comments_lead ON comments(lead_id, created_at);
            CREATE TABLE timeline_events (
                id INTEGER PRIMARY KEY,
                lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
                at INTEGER NOT NULL,
                actor_id INTEGER REFERENCES users(id),
                kind TEXT NOT NULL,
                subject_id INTEGER,
                detail TEXT NOT NULL DEFAULT '',
                old_value TEXT,
                new_value TEXT
            );
            CREATE INDEX timeline_lead_at ON timeline_events(lead_id, at, id);
            CREATE TABLE vehicles (
                id INTEGER PRIMARY KEY,
                vin TEXT NOT NULL UNIQUE CHECK (length(vin) = 17),
                make TEXT NOT NULL,
                model TEXT NOT NULL,
                model_version TEXT NOT NULL DEFAULT '',
                condition TEXT NOT NULL CHECK (condition IN ('new', 'used')),
                price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
                status TEXT NOT NULL DEFAULT 'available' CHECK (status IN ('available', 'reserved', 'sold')),
                branch_id INTEGER REFERENCES branches(id)
            );
            CREATE TABLE tradeins (
                id INTEGER PRIMARY KEY,
                lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
                make TEXT NOT NULL, model TEXT NOT NULL, model_version TEXT NOT NULL DEFAULT '',
                vin TEXT NOT NULL DEFAULT '', plate TEXT NOT NULL DEFAULT '',
                first_registration TEXT NOT NULL DEFAULT '',
                mileage_km INTEGER CHECK (mileage_km >= 0),
                fuel TEXT NOT NULL DEFAULT '', condition TEXT NOT NULL DEFAULT '',
                estimated_value_cents INTEGER, offered_price_cents INTEGER,
                created_at INTEGER NOT NULL,
                version INTEGER NOT NULL DEFAULT 1
            );
            CREATE INDEX tradeins_lead ON tradeins(lead_id);
            CREATE TABLE quotes (
                id INTEGER PRIMARY KEY,
                lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
                vehicle_id INTEGER REFERENCES vehicles(id),
                valid_until INTEGER,
                total_cents INTEGER NOT NULL DEFAULT 0,
                created_at INTEGER NOT NULL,
                created_by INTEGER REFERENCES users(id),
                version INTEGER NOT NULL DEFAULT 1
            );
            CREATE INDEX quotes_lead ON quotes(lead_id);
            CREATE TABLE testdrives (
                id INTEGER PRIMARY KEY,
                lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
                vehicle_id INTEGER NOT NULL REFERENCES vehicles(id),
                starts_at INTEGER NOT NULL,
                duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 1440),
                driver_name TEXT NOT NULL DEFAULT '',
                licence_number TEXT NOT NULL DEFAULT '',
                created_at INTEGER NOT NULL,
                version INTEGER NOT NULL DEFAULT 1
            );
            CREATE INDEX testdrives_lead ON testdrives(lead_id);
            CREATE INDEX testdrives_vehicle ON testdrives(vehicle_id, starts_at);
            """)
            // The header's counters, kept beside the lead by the schema itself.
            for (table, column) in [("tradeins", "tradein_count"), ("quotes", "quote_count"), ("testdrives", "testdrive_count")] {
                try db.execute(sql: """
                CREATE TRIGGER \(table)_count_insert AFTER INSERT ON \(table) BEGIN
                    UPDATE leads SET \(column) = \(column) + 1 WHERE id = NEW.lead_id;
                END;
                CREATE TRIGGER \(table)_count_delete AFTER DELETE ON \(table) BEGIN
                    UPDATE leads SET \(column) = \(column) - 1 WHERE id = OLD.lead_id;
                END;
                CREATE TRIGGER \(table)_count_move AFTER UPDATE OF lead_id ON \(table) WHEN OLD.lead_id <> NEW.lead_id BEGIN
                    UPDATE leads SET \(column) = \(column) - 1 WHERE id = OLD.lead_id;
                    UPDATE leads SET \(column) = \(column) + 1 WHERE id = NEW.lead_id;
                END;
                """)
            }
            try db.execute(sql: """
            CREATE TABLE settings (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL
            ) WITHOUT ROWID;
            INSERT INTO settings (key, value) VALUES ('opportunity_deadline_hours', '24');
            """)
        }
        m.registerMigration("v2-access") { db in
            try db.execute(sql: """
            CREATE TABLE profiles (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100)
            );
            CREATE TABLE profile_grants (
                profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
                permission TEXT NOT NULL,
                scope TEXT CHECK (scope IN ('own', 'branch', 'all')),
                PRIMARY KEY (profile_id, permission)
            ) WITHOUT ROWID;
            ALTER TABLE users ADD COLUMN profile_id INTEGER REFERENCES profiles(id);
            ALTER TABLE users ADD COLUMN password_hash TEXT NOT NULL DEFAULT '';
            ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE users ADD COLUMN locked_until INTEGER;
            ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
            CREATE TABLE user_overrides (
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                permission TEXT NOT NULL,
                effect TEXT NOT NULL CHECK (effect IN ('grant', 'deny')),
                scope TEXT CHECK (scope IN ('own', 'branch', 'all')),
                PRIMARY KEY (user_id, permission)
            ) WITHOUT ROWID;
            CREATE TABLE sessions (
                token_hash BLOB PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                csrf_token TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                last_seen_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX sessions_user ON sessions(user_id);
            -- Every change of who may do what: who, when, old -> new.
            CREATE TABLE access_log (
                id INTEGER PRIMARY KEY,
                at INTEGER NOT NULL,
                actor_id INTEGER REFERENCES users(id),
                subject TEXT NOT NULL,
                change TEXT NOT NULL,
                old_value TEXT NOT NULL DEFAULT '',
                new_value TEXT NOT NULL DEFAULT ''
            );
            CREATE INDEX access_log_at ON access_log(at);
            """)
        }
        m.registerMigration("v3-working-a-lead") { db in
            try db.execute(sql: """
            CREATE TABLE lost_reasons (
                id INTEGER PRIMARY KEY,
                name_nl TEXT NOT NULL CHECK (length(name_nl) BETWEEN 1 AND 100),
                name_fr TEXT NOT NULL DEFAULT '',
                name_en TEXT NOT NULL DEFAULT '',
                position INTEGER NOT NULL DEFAULT 0,
                active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
            );
            INSERT INTO lost_reasons (name_nl, name_fr, name_en, position) VALUES
                ('Te duur', 'Trop cher', 'Too expensive', 1),
                ('Gekocht bij een concurrent', 'Acheté chez un concurrent', 'Bought from a competitor', 2),
                ('Levertermijn te lang', 'Délai de livraison trop long', 'Delivery time too long', 3),
                ('Financiering geweigerd', 'Financement refusé', 'Financing refused', 4),
                ('Geen interesse meer', 'Plus intéressé', 'No longer interested', 5),
                ('Onbereikbaar', 'Injoignable', 'Unreachable', 6);
            ALTER TABLE leads ADD COLUMN lost_reason_id INTEGER REFERENCES lost_reasons(id);
            CREATE INDEX leads_activity ON leads(last_activity_at);
            CREATE TABLE tasks (
                id INTEGER PRIMARY KEY,
                lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
                assignee_id INTEGER NOT NULL REFERENCES users(id),
                starts_at INTEGER NOT NULL,
                duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 1440),
                description TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
                done_at INTEGER,
                done_by INTEGER REFERENCES users(id),
                created_at INTEGER NOT NULL,
                created_by INTEGER REFERENCES users(id),
                version INTEGER NOT NULL DEFAULT 1
            );
            CREATE INDEX tasks_assignee_open ON tasks(assignee_id, done_at, starts_at);
            CREATE INDEX tasks_lead ON tasks(lead_id);
            CREATE INDEX deadlines_open_due ON deadlines(done_at, due_at);
            -- In-app notifications: to one user (user_id set) or on a lead page (user_id NULL).
            CREATE TABLE notifications (
                id INTEGER PRIMARY KEY,
                lead_id INTEGER REFERENCES leads(id) ON DELETE CASCADE,
                user_id INTEGER REFERENCES users(id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                subject_id INTEGER,
                detail TEXT NOT NULL DEFAULT '',
                actor_id INTEGER REFERENCES users(id),
                created_at INTEGER NOT NULL,
                seen_at INTEGER
            );
            CREATE INDEX notifications_user_open ON notifications(user_id, seen_at);
            CREATE INDEX notifications_lead_open ON notifications(lead_id, seen_at);
            CREATE INDEX lead_contacts_contact ON lead_contacts(contact_id);
            CREATE INDEX contacts_vat ON contacts(vat_number) WHERE vat_number <> '';
            -- Text search on code, contact name, e-mail and phone (as typed, and digits only,
            -- international and national), newest lead first by rowid.
            CREATE VIRTUAL TABLE lead_search USING fts5(code, name, email, phone, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 4');
            CREATE TRIGGER lead_search_insert AFTER INSERT ON leads BEGIN
                INSERT INTO lead_search (rowid, code, name, email, phone)
                SELECT NEW.id, NEW.code,
                       CASE c.kind WHEN 'company' THEN c.company_name ELSE c.first_name || ' ' || c.last_name END,
                       c.email, \(Self.phoneTokens("c.phone"))
                FROM contacts c WHERE c.id = NEW.contact_id;
            END;
            CREATE TRIGGER lead_search_contact_change AFTER UPDATE OF contact_id ON leads BEGIN
                UPDATE lead_search SET
                    name = (SELECT CASE c.kind WHEN 'company' THEN c.company_name ELSE c.first_name || ' ' || c.last_name END FROM contacts c WHERE c.id = NEW.contact_id),
                    email = (SELECT c.email FROM contacts c WHERE c.id = NEW.contact_id),
                    phone = (SELECT \(Self.phoneTokens("c.phone")) FROM contacts c WHERE c.id = NEW.contact_id)
                WHERE rowid = NEW.id;
            END;
            CREATE TRIGGER lead_search_contact_update AFTER UPDATE OF kind, first_name, last_name, company_name, email, phone ON contacts BEGIN
                UPDATE lead_search SET
                    name = CASE NEW.kind WHEN 'company' THEN NEW.company_name ELSE NEW.first_name || ' ' || NEW.last_name END,
                    email = NEW.email,
                    phone = \(Self.phoneTokens("NEW.phone"))
                WHERE rowid IN (SELECT id FROM leads WHERE contact_id = NEW.id);
            END;
            CREATE TRIGGER lead_search_delete AFTER DELETE ON leads BEGIN
                DELETE FROM lead_search WHERE rowid = OLD.id;
            END;
            INSERT INTO lead_search (rowid, code, name, email, phone)
            SELECT l.id, l.code, CASE c.kind WHEN 'company' THEN c.company_name ELSE c.first_name || ' ' || c.last_name END,
                   c.email, \(Self.phoneTokens("c.phone"))
            FROM leads l JOIN contacts c ON c.id = l.contact_id;
            """)
        }
        m.registerMigration("v3b-access-generation") { db in
            // A counter that moves whenever anyone's rights or branches may have changed, so
            // the responder can keep each user's effective rights in memory between requests.
            try db.execute(sql: """
            CREATE TABLE access_state (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                generation INTEGER NOT NULL
            );
            INSERT INTO access_state (id, generation) VALUES (1, 1);
            """)
            for table in ["profile_grants", "user_overrides", "user_branches"] {
                for event in ["INSERT", "UPDATE", "DELETE"] {
                    try db.execute(sql: """
                    CREATE TRIGGER \(table)_\(event.lowercased())_access AFTER \(event) ON \(table) BEGIN
                        UPDATE access_state SET generation = generation + 1 WHERE id = 1;
                    END;
                    """)
                }
            }
            try db.execute(sql: """
            CREATE TRIGGER users_access AFTER UPDATE OF profile_id, active ON users BEGIN
                UPDATE access_state SET generation = generation + 1 WHERE id = 1;
            END;
            CREATE TRIGGER profiles_delete_access AFTER DELETE ON profiles BEGIN
                UPDATE access_state SET generation = generation + 1 WHERE id = 1;
            END;
            """)
        }
        m.registerMigration("v3c-staff-names") { db in
            // Display names are kept in memory too (timelines show them on every line).
            try db.execute(sql: """
            CREATE TRIGGER users_name_access AFTER UPDATE OF display_name ON users BEGIN
                UPDATE access_state SET generation = generation + 1 WHERE id = 1;
            END;
            CREATE TRIGGER users_insert_access AFTER INSERT ON users BEGIN
                UPDATE access_state SET generation = generation + 1 WHERE id = 1;
            END;
            """)
        }
        m.registerMigration("v3d-overview-indexes") { db in
            // Sorting the whole overview by deadline.
            try db.execute(sql: "CREATE INDEX leads_deadline ON leads(next_deadline_at)")
        }
        m.registerMigration("v3e-deadline-sort") { db in
            // Sorting by deadline puts leads without an open deadline last, still on an index.
            try db.execute(sql: """
            CREATE INDEX leads_deadline_sort ON leads(coalesce(next_deadline_at, 9223372036854775807));
            CREATE INDEX leads_status_deadline_sort ON leads(status, coalesce(next_deadline_at, 9223372036854775807));
            """)
        }
        m.registerMigration("v3f-analyze") { db in
            // Fresh statistics, so the planner knows the indexes added since the data was
            // loaded (a few seconds on a million leads, once).
            try db.execute(sql: "ANALYZE")
        }
        registerDocuments(&m)
        registerBranchNames(&m)
        registerQuotes(&m)
        registerQuotesApprove(&m)
        registerCompany(&m)
        registerVehicles(&m)
        registerTradeIns(&m)
        registerTestDrives(&m)
        registerLeadRevision(&m)
        registerMail(&m)
        registerInsights(&m)
        registerInsightSummaries(&m)
        registerAccountSecurity(&m)
        return m
    }
}
