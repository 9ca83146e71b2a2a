import GRDB

extension Migrations {
    /// The lead's first contact, as SQL over its comments, its deadlines completed with
    /// "prospect reached" and its mails sent: the earliest of them, NULL when there is none.
    static func firstContactSQL(_ lead: String) -> String {
        """
        (SELECT min(t) FROM (SELECT min(created_at) AS t FROM comments WHERE lead_id = \(lead)
                             UNION ALL SELECT min(done_at) FROM deadlines WHERE lead_id = \(lead) AND contacted = 1 AND done_at IS NOT NULL
                             UNION ALL SELECT min(sent_at) FROM mails WHERE lead_id = \(lead) AND sent_at IS NOT NULL))
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
        m.registerMigration("v12-insights") { db in
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
            CREATE TRIGGER insights_mail_insert AFTER INSERT ON mails WHEN NEW.sent_at IS NOT NULL BEGIN
                UPDATE leads SET first_contact_at = min(coalesce(first_contact_at, NEW.sent_at), NEW.sent_at) WHERE id = NEW.lead_id;
            END;
            CREATE TRIGGER insights_mail_update AFTER UPDATE OF sent_at, lead_id ON mails BEGIN
                UPDATE leads SET first_contact_at = \(firstContactSQL("NEW.lead_id")) WHERE id = NEW.lead_id;
                UPDATE leads SET first_contact_at = \(firstContactSQL("OLD.lead_id")) WHERE id = OLD.lead_id AND OLD.lead_id <> NEW.lead_id;
            END;
            CREATE TRIGGER insights_mail_delete AFTER DELETE ON mails WHEN OLD.sent_at IS NOT NULL BEGIN
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

extension Migrations {
    /// The Brussels calendar day (days since 1970-01-01) of the instant `ts`, in SQL: UTC+2
    /// from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC, else
    /// UTC+1 (the EU rule `BrusselsTime` follows; a test compares the two).
    static func brusselsDaySQL(_ ts: String) -> String {
        let year = "strftime('%Y', \(ts), 'unixepoch')"
        let dstStart = "(CAST(strftime('%s', \(year) || '-03-25', 'weekday 0') AS INTEGER) + 3600)"
        let dstEnd = "(CAST(strftime('%s', \(year) || '-10-25', 'weekday 0') AS INTEGER) + 3600)"
        return "((\(ts) + CASE WHEN \(ts) >= \(dstStart) AND \(ts) < \(dstEnd) THEN 7200 ELSE 3600 END) / 86400)"
    }

    /// The value columns of `insight_days`, each the SQL of one lead's contribution (0 or 1)
    /// for the lead row `x` (`NEW` or `OLD`).
    static func insightDayColumns(_ x: String) -> [(String, String)] {
        let fc = "(\(x).first_contact_at - \(x).created_at)"
        let took = "(\(x).closed_at - \(x).created_at)"
        var c: [(String, String)] = [
            ("n_progress", "\(x).status = 0"), ("n_won", "\(x).status = 1"), ("n_lost", "\(x).status = 2"),
            ("contacted", "\(x).first_contact_at IS NOT NULL"),
            ("within_30m", "coalesce(\(fc) <= 1800, 0)"), ("within_4h", "coalesce(\(fc) <= 14400, 0)"), ("within_1d", "coalesce(\(fc) <= 86400, 0)"),
            ("quote_sent", "\(x).quote_stage >= 1"), ("quote_sent_won", "\(x).quote_stage >= 1 AND \(x).status = 1"),
            ("quote_accepted", "\(x).quote_stage = 2"), ("quote_accepted_won", "\(x).quote_stage = 2 AND \(x).status = 1"),
            ("test_driven", "\(x).testdrive_count > 0"), ("test_driven_won", "\(x).testdrive_count > 0 AND \(x).status = 1"),
        ]
        let ranges: [(String, String)] = [("week", "\(took) <= 604800"), ("month", "\(took) > 604800 AND \(took) <= 2592000"),
                                          ("quarter", "\(took) > 2592000 AND \(took) <= 7776000"), ("longer", "\(took) > 7776000")]
        for (status, name) in [(1, "won"), (2, "lost")] {
            for (bucket, cond) in ranges {
                c.append(("took_\(bucket)_\(name)", "coalesce(\(x).status = \(status) AND \(x).closed_at IS NOT NULL AND \(cond), 0)"))
            }
        }
        return c
    }

    /// Adds (sign 1) or removes (sign -1) the lead row `x`'s contribution to the summaries.
    static func insightContributionSQL(_ x: String, sign: Int) -> String {
        let columns = insightDayColumns(x)
        let day = brusselsDaySQL("\(x).created_at")
        return """
        INSERT INTO insight_days (day, branch_id, responsible_id, type_id, source_id, \(columns.map(\.0).joined(separator: ", ")))
            VALUES (\(day), \(x).branch_id, \(x).responsible_id, \(x).type_id, \(x).source_id, \(columns.map { "\(sign) * (\($0.1))" }.joined(separator: ", ")))
            ON CONFLICT (day, branch_id, responsible_id, type_id, source_id) DO UPDATE SET
            \(columns.map { "\($0.0) = \($0.0) + excluded.\($0.0)" }.joined(separator: ", "));
        INSERT INTO insight_lost_days (day, branch_id, responsible_id, reason_id, n)
            SELECT \(day), \(x).branch_id, \(x).responsible_id, coalesce(\(x).lost_reason_id, 0), \(sign) WHERE \(x).status = 2
            ON CONFLICT (day, branch_id, responsible_id, reason_id) DO UPDATE SET n = n + excluded.n;
        """
    }

    /// The month (`yyyymm`) of a Brussels day number, in SQL.
    static func monthOfDaySQL(_ day: String) -> String { "CAST(strftime('%Y%m', \(day) * 86400, 'unixepoch') AS INTEGER)" }

    /// The same contribution to `insight_months` (a period's whole months are read from it).
    static func insightMonthContributionSQL(_ x: String, sign: Int) -> String {
        let columns = insightDayColumns(x)
        let month = monthOfDaySQL(brusselsDaySQL("\(x).created_at"))
        return """
        INSERT INTO insight_months (month, branch_id, responsible_id, type_id, source_id, \(columns.map(\.0).joined(separator: ", ")))
            VALUES (\(month), \(x).branch_id, \(x).responsible_id, \(x).type_id, \(x).source_id, \(columns.map { "\(sign) * (\($0.1))" }.joined(separator: ", ")))
            ON CONFLICT (month, branch_id, responsible_id, type_id, source_id) DO UPDATE SET
            \(columns.map { "\($0.0) = \($0.0) + excluded.\($0.0)" }.joined(separator: ", "));
        """
    }

    static let insightMonthTriggerNames = ["insight_months_insert", "insight_months_delete", "insight_months_update"]

    static var insightMonthTriggersSQL: String {
        let changed = insightSourceColumns.map { "OLD.\($0) IS NOT NEW.\($0)" }.joined(separator: " OR ")
        return """
        CREATE TRIGGER insight_months_insert AFTER INSERT ON leads BEGIN
            \(insightMonthContributionSQL("NEW", sign: 1))
        END;
        CREATE TRIGGER insight_months_delete AFTER DELETE ON leads BEGIN
            \(insightMonthContributionSQL("OLD", sign: -1))
        END;
        CREATE TRIGGER insight_months_update AFTER UPDATE OF \(insightSourceColumns.joined(separator: ", ")) ON leads WHEN \(changed) BEGIN
            \(insightMonthContributionSQL("OLD", sign: -1))
            \(insightMonthContributionSQL("NEW", sign: 1))
        END;
        """
    }

    /// `insight_months` from `insight_days` (run after the days are rebuilt).
    static var insightMonthRebuildSQL: String {
        let columns = insightDayColumns("x").map(\.0)
        return """
        DELETE FROM insight_months;
        INSERT INTO insight_months (month, branch_id, responsible_id, type_id, source_id, \(columns.joined(separator: ", ")))
            SELECT \(monthOfDaySQL("d.day")), d.branch_id, d.responsible_id, d.type_id, d.source_id, \(columns.map { "sum(d.\($0))" }.joined(separator: ", "))
            FROM insight_days d GROUP BY 1, 2, 3, 4, 5;
        """
    }

    /// The columns whose change moves a lead's contribution.
    static let insightSourceColumns = ["created_at", "status", "branch_id", "responsible_id", "type_id", "source_id", "lost_reason_id",
                                       "first_contact_at", "closed_at", "quote_stage", "testdrive_count"]

    /// The triggers that keep the summaries, in the transaction of every change to a lead.
    static var insightTriggersSQL: String {
        let changed = insightSourceColumns.map { "OLD.\($0) IS NOT NEW.\($0)" }.joined(separator: " OR ")
        return """
        CREATE TRIGGER insight_summary_insert AFTER INSERT ON leads BEGIN
            \(insightContributionSQL("NEW", sign: 1))
        END;
        CREATE TRIGGER insight_summary_delete AFTER DELETE ON leads BEGIN
            \(insightContributionSQL("OLD", sign: -1))
        END;
        CREATE TRIGGER insight_summary_update AFTER UPDATE OF \(insightSourceColumns.joined(separator: ", ")) ON leads WHEN \(changed) BEGIN
            \(insightContributionSQL("OLD", sign: -1))
            \(insightContributionSQL("NEW", sign: 1))
        END;
        """
    }

    static let insightTriggerNames = ["insight_summary_insert", "insight_summary_delete", "insight_summary_update"]

    /// Rebuilds both summaries from the leads (the migration; a bulk load that went without
    /// the triggers).
    static var insightRebuildSQL: String {
        let columns = insightDayColumns("l")
        let day = brusselsDaySQL("l.created_at")
        return """
        DELETE FROM insight_days;
        DELETE FROM insight_lost_days;
        INSERT INTO insight_days (day, branch_id, responsible_id, type_id, source_id, \(columns.map(\.0).joined(separator: ", ")))
            SELECT \(day), l.branch_id, l.responsible_id, l.type_id, l.source_id, \(columns.map { "sum(\($0.1))" }.joined(separator: ", "))
            FROM leads l GROUP BY 1, 2, 3, 4, 5;
        INSERT INTO insight_lost_days (day, branch_id, responsible_id, reason_id, n)
            SELECT \(day), l.branch_id, l.responsible_id, coalesce(l.lost_reason_id, 0), count(*) FROM leads l WHERE l.status = 2 GROUP BY 1, 2, 3, 4;
        """
    }

    /// Insights at a million leads (issue 13, item 3): per Brussels day, branch, responsible,
    /// type and source, the counts every figure sums (`insight_days`), and the lost leads per
    /// day, branch, responsible and reason (`insight_lost_days`), kept by triggers on `leads`
    /// in the same transaction as the change; built once from the existing leads. A year of
    /// a million-lead demo is ~130,000 day rows instead of ~500,000 leads (see insight_months).
    static func registerInsightSummaries(_ m: inout DatabaseMigrator) {
        m.registerMigration("v12b-insight-summaries") { db in
            let columns = insightDayColumns("x").map { "\($0.0) INTEGER NOT NULL DEFAULT 0" }.joined(separator: ",\n    ")
            try db.execute(sql: """
            CREATE TABLE insight_days (
                day INTEGER NOT NULL,
                branch_id INTEGER NOT NULL,
                responsible_id INTEGER NOT NULL,
                type_id INTEGER NOT NULL,
                source_id INTEGER NOT NULL,
                \(columns),
                PRIMARY KEY (day, branch_id, responsible_id, type_id, source_id)
            ) WITHOUT ROWID;
            CREATE TABLE insight_lost_days (
                day INTEGER NOT NULL,
                branch_id INTEGER NOT NULL,
                responsible_id INTEGER NOT NULL,
                reason_id INTEGER NOT NULL,
                n INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (day, branch_id, responsible_id, reason_id)
            ) WITHOUT ROWID;
            \(insightTriggersSQL)
            \(insightRebuildSQL)
            """)
        }
        m.registerMigration("v12c-insight-months") { db in
            // A year of the million-lead demo is ~130,000 day rows; its whole months are
            // ~5,000 month rows. A period reads its whole months here and only its partial
            // months' days from `insight_days`.
            let columns = insightDayColumns("x").map { "\($0.0) INTEGER NOT NULL DEFAULT 0" }.joined(separator: ",\n    ")
            try db.execute(sql: """
            CREATE TABLE insight_months (
                month INTEGER NOT NULL,
                branch_id INTEGER NOT NULL,
                responsible_id INTEGER NOT NULL,
                type_id INTEGER NOT NULL,
                source_id INTEGER NOT NULL,
                \(columns),
                PRIMARY KEY (month, branch_id, responsible_id, type_id, source_id)
            ) WITHOUT ROWID;
            \(insightMonthTriggersSQL)
            \(insightMonthRebuildSQL)
            """)
        }
        m.registerMigration("v12d-insight-sample") { db in
            // Medians of a large selection (more than `AppDatabase.medianSampleAbove` leads) are
            // read from a systematic one-in-16 sample of the leads: this index holds only them.
            try db.execute(sql: """
            CREATE INDEX leads_insights_sample ON leads(created_at, branch_id, responsible_id, type_id, source_id, status,
                                                        first_contact_at, closed_at) WHERE id % 16 = 0;
            """)
        }
    }
}
