import GRDB

extension Migrations {
    /// Account security (issue 15, point 7): two-factor sign-in (a user's TOTP secret, the last
    /// step used so a code is never taken twice, a secret being set up, one-time recovery codes
    /// stored as SHA-256), a profile that requires it, the half-done sign-ins waiting for their
    /// code, where each session was opened from (the user's own sessions list), and the audit
    /// list of sign-ins and failures.
    static func registerAccountSecurity(_ m: inout DatabaseMigrator) {
        m.registerMigration("v13-account-security") { db in
            try db.execute(sql: """
            ALTER TABLE users ADD COLUMN totp_secret BLOB CHECK (totp_secret IS NULL OR length(totp_secret) = 20);
            ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE users ADD COLUMN totp_pending BLOB CHECK (totp_pending IS NULL OR length(totp_pending) = 20);
            ALTER TABLE profiles ADD COLUMN require_two_factor INTEGER NOT NULL DEFAULT 0 CHECK (require_two_factor IN (0, 1));
            ALTER TABLE sessions ADD COLUMN address TEXT NOT NULL DEFAULT '';
            ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
            CREATE TABLE recovery_codes (
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                code_hash BLOB NOT NULL CHECK (length(code_hash) = 32),
                used_at INTEGER,
                PRIMARY KEY (user_id, code_hash)
            ) WITHOUT ROWID;
            -- A sign-in whose password was right, waiting for its second step (a code, or
            -- setting up two-factor when the profile requires it): a few minutes, a few tries.
            CREATE TABLE sign_in_challenges (
                token_hash BLOB PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                next TEXT NOT NULL DEFAULT '',
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                failures INTEGER NOT NULL DEFAULT 0
            ) WITHOUT ROWID;
            CREATE TABLE sign_in_log (
                id INTEGER PRIMARY KEY,
                at INTEGER NOT NULL,
                user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
                username TEXT NOT NULL CHECK (length(username) <= 64),
                outcome TEXT NOT NULL CHECK (outcome IN ('signed_in', 'password_wrong', 'unknown_user', 'locked', 'inactive',
                                                         'code_wrong', 'code_replayed', 'recovery_code_used', 'two_factor_set_up',
                                                         'password_changed', 'signed_out')),
                address TEXT NOT NULL DEFAULT '' CHECK (length(address) <= 64),
                user_agent TEXT NOT NULL DEFAULT '' CHECK (length(user_agent) <= 300)
            );
            CREATE INDEX sign_in_log_at ON sign_in_log(at);
            CREATE INDEX sign_in_log_user ON sign_in_log(user_id, at);
            """)
        }
    }
}
