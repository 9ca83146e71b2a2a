import GRDB

extension Migrations {
    /// Test drives (issue 11). The first schema's `testdrives` table had the slot, a driver's
    /// name and a licence number; the new columns are added with ALTER TABLE (rows, ids and the
    /// header counter's triggers stay). Existing rows: the lead's contact drives, a drive in the
    /// past is done and one ahead is planned; of two old rows that overlap, the later one is
    /// cancelled, so that the rule below holds for every row from now on.
    ///
    /// **No double booking, in the schema**: a trigger refuses (ABORT, `testdrive_overlap`) an
    /// insert or a change that would give one car two overlapping drives that hold the slot
    /// (every status but cancelled). SQLite runs it inside the writing transaction, after any
    /// check the store made before, so two people booking at the same second cannot both win
    /// whatever the code above does. The lookup is bounded by the longest drive (a day), so it
    /// stays a short range scan of `testdrives_vehicle (vehicle_id, starts_at)`.
    static func registerTestDrives(_ m: inout DatabaseMigrator) {
        m.registerMigration("v9-testdrives") { db in
            try db.execute(sql: """
            ALTER TABLE testdrives ADD COLUMN status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'no_show', 'cancelled'));
            ALTER TABLE testdrives ADD COLUMN driver_contact_id INTEGER REFERENCES contacts(id);
            ALTER TABLE testdrives ADD COLUMN driver_birth_date TEXT CHECK (driver_birth_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]');
            ALTER TABLE testdrives ADD COLUMN driver_language TEXT NOT NULL DEFAULT 'nl' CHECK (driver_language IN ('nl', 'fr', 'en'));
            ALTER TABLE testdrives ADD COLUMN licence_category TEXT NOT NULL DEFAULT 'B' CHECK (licence_category IN ('B', 'BE', 'C1', 'C1E', 'C', 'CE', 'D1', 'D1E', 'D', 'DE'));
            ALTER TABLE testdrives ADD COLUMN licence_expiry TEXT CHECK (licence_expiry GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]');
            ALTER TABLE testdrives ADD COLUMN licence_checked_by INTEGER REFERENCES users(id);
            ALTER TABLE testdrives ADD COLUMN licence_checked_at INTEGER;
            ALTER TABLE testdrives ADD COLUMN plate TEXT NOT NULL DEFAULT '' CHECK (length(plate) <= 20);
            ALTER TABLE testdrives ADD COLUMN odometer_out INTEGER CHECK (odometer_out BETWEEN 0 AND 2000000);
            ALTER TABLE testdrives ADD COLUMN odometer_in INTEGER CHECK (odometer_in BETWEEN 0 AND 2000000 AND (odometer_out IS NULL OR odometer_in >= odometer_out));
            ALTER TABLE testdrives ADD COLUMN notes TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 4000);
            ALTER TABLE testdrives ADD COLUMN created_by INTEGER REFERENCES users(id);
            ALTER TABLE testdrives ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
            UPDATE testdrives SET updated_at = created_at,
                driver_contact_id = (SELECT l.contact_id FROM leads l WHERE l.id = testdrives.lead_id),
                driver_language = coalesce((SELECT c.language FROM leads l JOIN contacts c ON c.id = l.contact_id WHERE l.id = testdrives.lead_id AND c.language IN ('nl', 'fr', 'en')), 'nl'),
                status = CASE WHEN starts_at < CAST(strftime('%s', 'now') AS INTEGER) THEN 'done' ELSE 'planned' END;
            UPDATE testdrives SET status = 'cancelled' WHERE EXISTS (
                SELECT 1 FROM testdrives o WHERE o.vehicle_id = testdrives.vehicle_id AND o.id < testdrives.id
                  AND o.starts_at < testdrives.starts_at + testdrives.duration_minutes * 60
                  AND o.starts_at + o.duration_minutes * 60 > testdrives.starts_at);
            CREATE TRIGGER testdrives_no_overlap_insert BEFORE INSERT ON testdrives WHEN NEW.status <> 'cancelled' BEGIN
                SELECT RAISE(ABORT, 'testdrive_overlap') WHERE EXISTS (
                    SELECT 1 FROM testdrives t WHERE t.vehicle_id = NEW.vehicle_id AND t.status <> 'cancelled'
                      AND t.starts_at > NEW.starts_at - 86400 AND t.starts_at < NEW.starts_at + NEW.duration_minutes * 60
                      AND t.starts_at + t.duration_minutes * 60 > NEW.starts_at);
            END;
            CREATE TRIGGER testdrives_no_overlap_update BEFORE UPDATE OF vehicle_id, starts_at, duration_minutes, status ON testdrives
            WHEN NEW.status <> 'cancelled' BEGIN
                SELECT RAISE(ABORT, 'testdrive_overlap') WHERE EXISTS (
                    SELECT 1 FROM testdrives t WHERE t.vehicle_id = NEW.vehicle_id AND t.id <> NEW.id AND t.status <> 'cancelled'
                      AND t.starts_at > NEW.starts_at - 86400 AND t.starts_at < NEW.starts_at + NEW.duration_minutes * 60
                      AND t.starts_at + t.duration_minutes * 60 > NEW.starts_at);
            END;
            -- The branch calendar and the task overview read drives by time.
            CREATE INDEX testdrives_starts ON testdrives(starts_at);
            """)
        }
    }
}
