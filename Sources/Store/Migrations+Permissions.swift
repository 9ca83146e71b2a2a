import GRDB

extension Migrations {
    /// `quotes.approve` (issue 10): new databases get it through `DefaultProfiles` (manager and
    /// admin). In a database made before it existed, it goes to every profile whose
    /// `leads.view` reaches beyond its own leads (scope branch or all) — the default manager and
    /// admin profiles and any profile an admin shaped like them; salespeople (scope own) do not
    /// get it. Each grant is written to the access log by "system" so admins can see where it
    /// came from.
    static func registerQuotesApprove(_ m: inout DatabaseMigrator) {
        m.registerMigration("v6-permission-quotes-approve") { db in
            try db.execute(sql: """
            INSERT INTO access_log (at, actor_id, subject, change, old_value, new_value)
                SELECT CAST(strftime('%s', 'now') AS INTEGER), NULL, 'profile:' || p.name, 'permission quotes.approve', 'none', 'granted'
                FROM profiles p JOIN profile_grants g ON g.profile_id = p.id
                WHERE g.permission = 'leads.view' AND g.scope IN ('branch', 'all')
                  AND NOT EXISTS (SELECT 1 FROM profile_grants x WHERE x.profile_id = p.id AND x.permission = 'quotes.approve');
            INSERT INTO profile_grants (profile_id, permission, scope)
                SELECT g.profile_id, 'quotes.approve', NULL FROM profile_grants g
                WHERE g.permission = 'leads.view' AND g.scope IN ('branch', 'all')
                  AND NOT EXISTS (SELECT 1 FROM profile_grants x WHERE x.profile_id = g.profile_id AND x.permission = 'quotes.approve');
            """)
        }
    }
}
