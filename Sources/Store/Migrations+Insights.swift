import GRDB

extension Migrations {
    /// The lead's first contact, as SQL over its comments and its deadlines completed with
    /// "prospect reached": the earliest of them, NULL when there is none. (Mails, issue 12,
    /// join this expression when they land, with a trigger of their own.)
    static func firstContactSQL(_ lead: String) -> String {
        """
        (SELECT min(t) FROM (SELECT min(created_at) AS t FROM comments WHERE lead_id = \(lead)
                             UNION ALL SELECT min(done_at) FROM deadlines WHERE lead_id = \(lead) AND contacted = 1 AND done_at IS NOT NULL))
        """
    }

    /// How far the lead's quotes got: 2 one accepted, 1 one sent (declined and expired quotes
    /// were sent first), 0 none sent.
    static func quoteStageSQL(_ lead: String) -> String {
        """
        coalesce((SELECT max(CASE status WHEN 'accepted' THEN 2 WHEN 'sent' THEN 1 WHEN 'declined' THEN 1 WHEN 'expired' THEN 1 ELSE 0 END)
                  FROM quotes WHERE lead_id = \(lead)), 0)
        """
    }

    /// Insights (issue 13).
    ///
    /// - `insights.view` becomes scoped (own / branch / all). Existing grants take the scope of
    ///   the same profile's `leads.view` (own when it has none); user exceptions that grant it
    ///   get "own". Profiles whose `leads.view` is "own" (salespeople) get `insights.view` with
    ///   scope own: their own figures. Every grant is written to the access log by "system".
    /// - Two facts kept beside each lead by triggers, in the transaction of the change:
    ///   `first_contact_at` (the first comment or deadline completed with the prospect reached)
    ///   and `quote_stage` (0 none sent, 1 sent, 2 accepted); the test-drive count already is.
    /// - Covering indexes: the insights read a period of leads from the index alone, never the
    ///   table (see README, Insights).
    static func registerInsights(_ m: inout DatabaseMigrator) {
        m.registerMigration("v9-insights") { db in
            try db.execute(sql: """
            UPDATE profile_grants SET scope = coalesce(
                    (SELECT v.scope FROM profile_grants v WHERE v.profile_id = profile_grants.profile_id AND v.permission = 'leads.view'), 'own')
                WHERE permission = 'insights.view' AND scope IS NULL;
            UPDATE user_overrides SET scope = 'own' WHERE permission = 'insights.view' AND effect = 'grant' AND scope IS NULL;
            INSERT INTO access_log (at, actor_id, subject, change, old_value, new_value)
                SELECT CAST(strftime('%s', 'now') AS INTEGER), NULL, 'profile:' || p.name, 'permission insights.view', 'none', 'own'
                FROM profiles p JOIN profile_grants g ON g.profile_id = p.id
                WHERE g.permission = 'leads.view' AND g.scope = 'own'
                  AND NOT EXISTS (SELECT 1 FROM profile_grants x WHERE x.profile_id = p.id AND x.permission = 'insights.view');
            INSERT INTO profile_grants (profile_id, permission, scope)
                SELECT g.profile_id, 'insights.view', 'own' FROM profile_grants g
                WHERE g.permission = 'leads.view' AND g.scope = 'own'
                  AND NOT EXISTS (SELECT 1 FROM profile_grants x WHERE x.profile_id = g.profile_id AND x.permission = 'insights.view');

            ALTER TABLE leads ADD COLUMN first_contact_at INTEGER;
            ALTER TABLE leads ADD COLUMN quote_stage INTEGER NOT NULL DEFAULT 0 CHECK (quote_stage IN (0, 1, 2));
            UPDATE leads SET first_contact_at = \(firstContactSQL("leads.id")), quote_stage = \(quoteStageSQL("leads.id"));

            CREATE TRIGGER insights_comment_insert AFTER INSERT ON comments BEGIN
                UPDATE leads SET first_contact_at = min(coalesce(first_contact_at, NEW.created_at), NEW.created_at) WHERE id = NEW.lead_id;
            END;
            CREATE TRIGGER insights_comment_update AFTER UPDATE OF lead_id, created_at ON comments BEGIN
                UPDATE leads SET first_contact_at = \(firstContactSQL("NEW.lead_id")) WHERE id = NEW.lead_id;
                UPDATE leads SET first_contact_at = \(firstContactSQL("OLD.lead_id")) WHERE id = OLD.lead_id AND OLD.lead_id <> NEW.lead_id;
            END;
            CREATE TRIGGER insights_comment_delete AFTER DELETE ON comments BEGIN
                UPDATE leads SET first_contact_at = \(firstContactSQL("OLD.lead_id")) WHERE id = OLD.lead_id;
            END;
            CREATE TRIGGER insights_deadline_insert AFTER INSERT ON deadlines WHEN NEW.contacted = 1 AND NEW.done_at IS NOT NULL BEGIN
                UPDATE leads SET first_contact_at = min(coalesce(first_contact_at, NEW.done_at), NEW.done_at) WHERE id = NEW.lead_id;
            END;
            CREATE TRIGGER insights_deadline_update AFTER UPDATE OF done_at, contacted, lead_id ON deadlines BEGIN
                UPDATE leads SET first_contact_at = \(firstContactSQL("NEW.lead_id")) WHERE id = NEW.lead_id;
                UPDATE leads SET first_contact_at = \(firstContactSQL("OLD.lead_id")) WHERE id = OLD.lead_id AND OLD.lead_id <> NEW.lead_id;
            END;
            CREATE TRIGGER insights_deadline_delete AFTER DELETE ON deadlines WHEN OLD.contacted = 1 BEGIN
                UPDATE leads SET first_contact_at = \(firstContactSQL("OLD.lead_id")) WHERE id = OLD.lead_id;
            END;
            CREATE TRIGGER insights_quote_insert AFTER INSERT ON quotes BEGIN
                UPDATE leads SET quote_stage = \(quoteStageSQL("NEW.lead_id")) WHERE id = NEW.lead_id;
            END;
            CREATE TRIGGER insights_quote_update AFTER UPDATE OF status, lead_id ON quotes BEGIN
                UPDATE leads SET quote_stage = \(quoteStageSQL("NEW.lead_id")) WHERE id = NEW.lead_id;
                UPDATE leads SET quote_stage = \(quoteStageSQL("OLD.lead_id")) WHERE id = OLD.lead_id AND OLD.lead_id <> NEW.lead_id;
            END;
            CREATE TRIGGER insights_quote_delete AFTER DELETE ON quotes BEGIN
                UPDATE leads SET quote_stage = \(quoteStageSQL("OLD.lead_id")) WHERE id = OLD.lead_id;
            END;

            -- The period's leads read from the index alone (every column the figures need),
            -- by creation time for a branch or the whole company, by responsible for "own".
            CREATE INDEX leads_insights ON leads(created_at, branch_id, responsible_id, status, lost_reason_id, type_id, source_id,
                                                 first_contact_at, closed_at, quote_stage, testdrive_count);
            CREATE INDEX leads_insights_responsible ON leads(responsible_id, created_at, branch_id, status, lost_reason_id, type_id, source_id,
                                                             first_contact_at, closed_at, quote_stage, testdrive_count);
            -- Revenue: accepted quotes by the moment of acceptance.
            CREATE INDEX quotes_status_decided ON quotes(status, decided_at);
            -- Overview filter on the lost reason.
            CREATE INDEX leads_lost_reason ON leads(lost_reason_id) WHERE lost_reason_id IS NOT NULL;
            """)
        }
    }
}
