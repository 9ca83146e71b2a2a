import GRDB

extension Migrations {
    /// The tables whose rows show on a lead's pages, and how a row finds its lead(s): the
    /// triggers of `v10-lead-revision` are generated from this list, and `RevisionTests` fails
    /// when a table is in neither this list, `globalTables` nor `tablesOffTheLeadPage`.
    static let leadTables: [(table: String, lead: @Sendable (String) -> String)] = [
        ("comments", { "\($0).lead_id" }),
        ("deadlines", { "\($0).lead_id" }),
        ("tasks", { "\($0).lead_id" }),
        ("timeline_events", { "\($0).lead_id" }),
        ("notifications", { "\($0).lead_id" }),
        ("documents", { "\($0).lead_id" }),
        ("document_downloads", { "(SELECT d.lead_id FROM documents d WHERE d.id = \($0).document_id)" }),
        ("lead_contacts", { "\($0).lead_id" }),
        ("tradeins", { "\($0).lead_id" }),
        ("quotes", { "\($0).lead_id" }),
        ("quote_revisions", { "(SELECT q.lead_id FROM quotes q WHERE q.id = \($0).quote_id)" }),
        ("quote_lines", { "(SELECT q.lead_id FROM quote_revisions r JOIN quotes q ON q.id = r.quote_id WHERE r.id = \($0).revision_id)" }),
        ("order_forms", { "(SELECT q.lead_id FROM quotes q WHERE q.id = \($0).quote_id)" }),
        ("testdrives", { "\($0).lead_id" }),
    ]

    /// Tables whose rows show on every lead's page (names of staff, branches, types, sources,
    /// lost reasons; settings): a change moves the global generation (`access_state`), which
    /// every cached lead page is keyed by too.
    static let globalTables = ["users", "branches", "lead_types", "lead_sources", "lost_reasons", "settings"]

    /// Tables that never show on a lead's page, and why (checked by `RevisionTests`).
    static let tablesOffTheLeadPage: [String: String] = [
        "grdb_migrations": "GRDB's own bookkeeping",
        "code_sequences": "the next lead code: shown only once it is a lead's code",
        "document_sequences": "the next quote/order number: shown only once on a quote",
        "sessions": "who is signed in",
        "recovery_codes": "two-step recovery codes (the user's own account page)",
        "sign_in_challenges": "sign-ins waiting for their two-step code",
        "sign_in_log": "the admins' audit list of sign-ins",
        "access_log": "the admins' log of access changes",
        "access_state": "the generations themselves",
        "profiles": "rights: the access generation already moves (users see their rights fresh)",
        "profile_grants": "rights: the access generation already moves",
        "user_overrides": "rights: the access generation already moves",
        "user_branches": "rights: the access generation already moves",
        "vehicle_changes": "a car's history, on the car's page",
        "company_profile": "printouts and settings only",
        "company_logo": "printouts and settings only",
        "lead_search": "the search index (and its shadow tables)",
        "insight_days": "insights' counts per day, on /insights only",
        "insight_months": "insights' counts per month, on /insights only",
        "insight_lost_days": "insights' lost reasons per day, on /insights only",
        "mail_settings": "the SMTP settings: the sender and the settings page only",
        "mail_templates": "read fresh by the compose form, never part of the cached lead page",
    ]

    /// A counter per lead, moved by the schema in the same transaction as every change that
    /// shows on the lead's pages (issue 14): a cache keyed by (lead, revision, generation) can
    /// never serve a page older than the database. Leads move their own revision on any
    /// update; contacts and cars move the leads that show them.
    static func registerLeadRevision(_ m: inout DatabaseMigrator) {
        m.registerMigration("v10-lead-revision") { db in
            try db.execute(sql: """
            ALTER TABLE leads ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
            CREATE TRIGGER leads_revision AFTER UPDATE ON leads WHEN NEW.revision = OLD.revision BEGIN
                UPDATE leads SET revision = revision + 1 WHERE id = NEW.id;
            END;
            CREATE TRIGGER contacts_revision AFTER UPDATE ON contacts BEGIN
                UPDATE leads SET revision = revision + 1
                WHERE contact_id = NEW.id OR id IN (SELECT lead_id FROM lead_contacts WHERE contact_id = NEW.id);
            END;
            CREATE TRIGGER vehicles_revision AFTER UPDATE ON vehicles BEGIN
                UPDATE leads SET revision = revision + 1
                WHERE id IN (SELECT lead_id FROM quotes WHERE vehicle_id = NEW.id UNION SELECT lead_id FROM testdrives WHERE vehicle_id = NEW.id);
            END;
            """)
            for (table, lead) in leadTables {
                try db.execute(sql: """
                CREATE TRIGGER \(table)_revision_insert AFTER INSERT ON \(table) BEGIN
                    UPDATE leads SET revision = revision + 1 WHERE id = \(lead("NEW"));
                END;
                CREATE TRIGGER \(table)_revision_update AFTER UPDATE ON \(table) BEGIN
                    UPDATE leads SET revision = revision + 1 WHERE id IN (\(lead("OLD")), \(lead("NEW")));
                END;
                CREATE TRIGGER \(table)_revision_delete BEFORE DELETE ON \(table) BEGIN
                    UPDATE leads SET revision = revision + 1 WHERE id = \(lead("OLD"));
                END;
                """)
            }
            for table in globalTables {
                for event in ["INSERT", "UPDATE", "DELETE"] {
                    try db.execute(sql: """
                    CREATE TRIGGER IF NOT EXISTS \(table)_generation_\(event.lowercased()) AFTER \(event) ON \(table) BEGIN
                        UPDATE access_state SET generation = generation + 1 WHERE id = 1;
                    END;
                    """)
                }
            }
        }
    }
}
