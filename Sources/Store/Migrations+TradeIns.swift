import GRDB

extension Migrations {
    /// Trade-ins (issue 11). The first schema's `tradeins` table had a few columns; the new ones
    /// are added with ALTER TABLE (the table is not rebuilt, so its rows, ids and the header
    /// counter's triggers stay exactly as they were). The old free `condition` column holds the
    /// condition notes; fuel, stored in Dutch words by the first demo data, becomes `Fuel`'s raw
    /// value; a row without an offered price gets none (0 is refused by the form, so it shows as
    /// something to fill in). Every existing row is proposed until someone decides.
    ///
    /// `tradeins.approve` goes to every profile whose `leads.view` reaches beyond its own leads
    /// (as `quotes.approve` did), written to the access log by "system".
    static func registerTradeIns(_ m: inout DatabaseMigrator) {
        m.registerMigration("v8-tradeins") { db in
            try db.execute(sql: """
            ALTER TABLE tradeins ADD COLUMN colour TEXT NOT NULL DEFAULT '' CHECK (length(colour) <= 60);
            ALTER TABLE tradeins ADD COLUMN damage TEXT NOT NULL DEFAULT '' CHECK (length(damage) <= 4000);
            ALTER TABLE tradeins ADD COLUMN repair_cost_cents INTEGER CHECK (repair_cost_cents BETWEEN 0 AND 1000000000);
            ALTER TABLE tradeins ADD COLUMN outstanding_finance_cents INTEGER CHECK (outstanding_finance_cents BETWEEN 0 AND 1000000000);
            ALTER TABLE tradeins ADD COLUMN status TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'approved', 'refused'));
            ALTER TABLE tradeins ADD COLUMN decided_by INTEGER REFERENCES users(id);
            ALTER TABLE tradeins ADD COLUMN decided_at INTEGER;
            ALTER TABLE tradeins ADD COLUMN decision_reason TEXT NOT NULL DEFAULT '' CHECK (length(decision_reason) <= 4000);
            ALTER TABLE tradeins ADD COLUMN created_by INTEGER REFERENCES users(id);
            ALTER TABLE tradeins ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
            UPDATE tradeins SET updated_at = created_at,
                fuel = CASE fuel WHEN 'benzine' THEN 'petrol' WHEN 'essence' THEN 'petrol' WHEN 'hybride' THEN 'hybrid'
                                 WHEN 'elektrisch' THEN 'electric' WHEN 'électrique' THEN 'electric'
                                 WHEN 'diesel' THEN 'diesel' WHEN 'petrol' THEN 'petrol' WHEN 'hybrid' THEN 'hybrid'
                                 WHEN 'plug_in_hybrid' THEN 'plug_in_hybrid' WHEN 'electric' THEN 'electric' WHEN 'cng_lpg' THEN 'cng_lpg'
                                 ELSE 'petrol' END;
            -- The approval queue and the lead's list.
            CREATE INDEX tradeins_lead_status ON tradeins(lead_id, status);
            INSERT INTO access_log (at, actor_id, subject, change, old_value, new_value)
                SELECT CAST(strftime('%s', 'now') AS INTEGER), NULL, 'profile:' || p.name, 'permission tradeins.approve', 'none', 'granted'
                FROM profiles p JOIN profile_grants g ON g.profile_id = p.id
                WHERE g.permission = 'leads.view' AND g.scope IN ('branch', 'all')
                  AND NOT EXISTS (SELECT 1 FROM profile_grants x WHERE x.profile_id = p.id AND x.permission = 'tradeins.approve');
            INSERT INTO profile_grants (profile_id, permission, scope)
                SELECT g.profile_id, 'tradeins.approve', NULL FROM profile_grants g
                WHERE g.permission = 'leads.view' AND g.scope IN ('branch', 'all')
                  AND NOT EXISTS (SELECT 1 FROM profile_grants x WHERE x.profile_id = g.profile_id AND x.permission = 'tradeins.approve');
            """)
        }
        // A quote's trade-in credit line names the approved trade-in it credits (issue 11:
        // "only an approved trade-in can be credited"). Lines written before keep NULL.
        m.registerMigration("v8b-quote-line-tradein") { db in
            try db.execute(sql: """
            ALTER TABLE quote_lines ADD COLUMN tradein_id INTEGER REFERENCES tradeins(id) CHECK (tradein_id IS NULL OR kind = 'trade_in_credit');
            CREATE INDEX quote_lines_tradein ON quote_lines(tradein_id) WHERE tradein_id IS NOT NULL;
            """)
        }
    }
}
