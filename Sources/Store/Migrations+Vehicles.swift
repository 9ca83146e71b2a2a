import GRDB

extension Migrations {
    /// The stock (issue 10): the first schema's `vehicles` table had only a few columns; it is
    /// rebuilt with every field of the spec (SQLite's 12-step table change: GRDB runs a
    /// migration with foreign keys off and checks them all before it commits, so quotes and
    /// test drives keep pointing at the same ids). Existing rows keep their values; the new
    /// columns start empty (a used car without odometer shows as such until someone edits it).
    static func registerVehicles(_ m: inout DatabaseMigrator) {
        m.registerMigration("v7-vehicles") { db in
            try db.execute(sql: """
            CREATE TABLE vehicles_new (
                id INTEGER PRIMARY KEY,
                vin TEXT NOT NULL UNIQUE CHECK (length(vin) = 17 AND vin NOT GLOB '*[^A-HJ-NPR-Z0-9]*'),
                make TEXT NOT NULL CHECK (length(make) BETWEEN 1 AND 60),
                model TEXT NOT NULL CHECK (length(model) BETWEEN 1 AND 60),
                model_version TEXT NOT NULL DEFAULT '' CHECK (length(model_version) <= 100),
                body TEXT NOT NULL DEFAULT '' CHECK (length(body) <= 40),
                fuel TEXT NOT NULL DEFAULT 'petrol' CHECK (fuel IN ('petrol', 'diesel', 'hybrid', 'plug_in_hybrid', 'electric', 'cng_lpg')),
                gearbox TEXT NOT NULL DEFAULT 'manual' CHECK (gearbox IN ('manual', 'automatic')),
                power_kw INTEGER CHECK (power_kw BETWEEN 1 AND 1000),
                colour TEXT NOT NULL DEFAULT '' CHECK (length(colour) <= 60),
                colour_code TEXT NOT NULL DEFAULT '' CHECK (length(colour_code) <= 20),
                options TEXT NOT NULL DEFAULT '' CHECK (length(options) <= 21000),
                first_registration TEXT CHECK (first_registration GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
                odometer_km INTEGER CHECK (odometer_km BETWEEN 0 AND 2000000),
                condition TEXT NOT NULL CHECK (condition IN ('new', 'used', 'demo')),
                status TEXT NOT NULL DEFAULT 'available' CHECK (status IN ('available', 'reserved', 'sold')),
                branch_id INTEGER NOT NULL REFERENCES branches(id),
                price_cents INTEGER NOT NULL CHECK (price_cents BETWEEN 0 AND 1000000000),
                purchase_price_cents INTEGER CHECK (purchase_price_cents BETWEEN 0 AND 1000000000),
                vat_regime TEXT NOT NULL DEFAULT 'normal' CHECK (vat_regime IN ('normal', 'margin')),
                wltp_tenths INTEGER CHECK (wltp_tenths BETWEEN 1 AND 1000),
                co2_g_km INTEGER CHECK (co2_g_km BETWEEN 0 AND 999),
                created_at INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER)),
                updated_at INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER)),
                version INTEGER NOT NULL DEFAULT 1,
                -- The margin scheme is for second-hand goods: never a new car.
                CHECK (vat_regime = 'normal' OR condition <> 'new')
            );
            INSERT INTO vehicles_new (id, vin, make, model, model_version, condition, price_cents, status, branch_id)
            SELECT id, vin, make, model, model_version, condition, price_cents, status, coalesce(branch_id, (SELECT min(id) FROM branches))
            FROM vehicles;
            DROP TABLE vehicles;
            ALTER TABLE vehicles_new RENAME TO vehicles;
            -- The list's filters: branch (always, unless the viewer sees every branch) with status,
            -- make, fuel, condition and price; the default order is make, model.
            CREATE INDEX vehicles_branch_status ON vehicles(branch_id, status);
            CREATE INDEX vehicles_make_model ON vehicles(make, model);
            CREATE INDEX vehicles_status ON vehicles(status);
            CREATE INDEX vehicles_price ON vehicles(price_cents);
            -- Every change of a car: who, when, which field, old -> new.
            CREATE TABLE vehicle_changes (
                id INTEGER PRIMARY KEY,
                vehicle_id INTEGER NOT NULL REFERENCES vehicles(id) ON DELETE CASCADE,
                at INTEGER NOT NULL,
                actor_id INTEGER REFERENCES users(id),
                field TEXT NOT NULL,
                old_value TEXT NOT NULL DEFAULT '',
                new_value TEXT NOT NULL DEFAULT ''
            );
            CREATE INDEX vehicle_changes_vehicle ON vehicle_changes(vehicle_id, at, id);
            -- Managing stock: every profile that manages users or assigns leads (admin and
            -- manager-type profiles) gets it; new installations get it from DefaultProfiles.
            INSERT OR IGNORE INTO profile_grants (profile_id, permission, scope)
            SELECT DISTINCT profile_id, 'vehicles.manage', NULL FROM profile_grants WHERE permission IN ('users.manage', 'leads.assign');
            """)
        }
    }
}
