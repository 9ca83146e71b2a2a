import GRDB

extension Migrations {
    /// Branch names in three languages, like lead types and sources (issue 8): `name` stays
    /// the Dutch name (unique, the key in the access log); the French and English names start
    /// as copies of it until an admin translates them.
    static func registerBranchNames(_ m: inout DatabaseMigrator) {
        m.registerMigration("v5-branch-names") { db in
            try db.execute(sql: """
            ALTER TABLE branches ADD COLUMN name_fr TEXT NOT NULL DEFAULT '' CHECK (length(name_fr) <= 100);
            ALTER TABLE branches ADD COLUMN name_en TEXT NOT NULL DEFAULT '' CHECK (length(name_en) <= 100);
            UPDATE branches SET name_fr = name, name_en = name;
            """)
        }
    }
}
