import Foundation
import GRDB
import Showroom

/// Account security (issue 15, point 7): the sign-in audit list, two-factor secrets and their
/// replay guard, recovery codes, half-done sign-ins, and a user's own sessions.
extension AppDatabase {
    // MARK: - Audit list

    /// Records a sign-in, a refusal or an account-security step. `username` is cut to 64
    /// characters, `userAgent` to 300, `address` to 64.
    public func logSignIn(userID: Int64?, username: String, outcome: SignInOutcome, address: String, userAgent: String, now: Instant) throws {
        try writer.write { db in
            try Self.logSignIn(db, userID: userID, username: username, outcome: outcome, address: address, userAgent: userAgent, now: now)
        }
    }

    static func logSignIn(_ db: Database, userID: Int64?, username: String, outcome: SignInOutcome, address: String, userAgent: String, now: Instant) throws {
        try db.execute(sql: "INSERT INTO sign_in_log (at, user_id, username, outcome, address, user_agent) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [now.seconds, userID, String(username.prefix(64)), outcome.rawValue, String(address.prefix(64)), String(userAgent.prefix(300))])
    }

    /// The newest entries first; only failures with `failuresOnly`; one user's with `userID`.
    public func signInLog(limit: Int = 200, failuresOnly: Bool = false, userID: Int64? = nil) throws -> [SignInAuditEntry] {
        let failures = SignInOutcome.allCases.filter(\.isFailure).map(\.rawValue)
        return try writer.read { db in
            var sql = "SELECT l.at, l.user_id, coalesce(u.display_name, l.username) AS name, l.outcome, l.address, l.user_agent FROM sign_in_log l LEFT JOIN users u ON u.id = l.user_id WHERE 1"
            var arguments: StatementArguments = []
            if failuresOnly {
                sql += " AND l.outcome IN (\(failures.map { _ in "?" }.joined(separator: ",")))"
                arguments += StatementArguments(failures)
            }
            if let userID { sql += " AND l.user_id = ?"; arguments += [userID] }
            sql += " ORDER BY l.at DESC, l.id DESC LIMIT ?"
            arguments += [limit]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap { r in
                SignInOutcome(rawValue: r["outcome"]).map {
                    SignInAuditEntry(at: Instant(seconds: r["at"]), userID: r["user_id"], name: r["name"], outcome: $0, address: r["address"], userAgent: r["user_agent"])
                }
            }
        }
    }

    // MARK: - Two-factor

    public func twoFactor(userID: Int64) throws -> TwoFactorState {
        try writer.read { db in try Self.twoFactor(db, userID: userID) }
    }

    static func twoFactor(_ db: Database, userID: Int64) throws -> TwoFactorState {
        guard let r = try Row.fetchOne(db, sql: """
            SELECT u.totp_secret, u.totp_last_step, u.totp_pending, coalesce(p.require_two_factor, 0) AS required,
                   (SELECT count(*) FROM recovery_codes c WHERE c.user_id = u.id AND c.used_at IS NULL) AS left
            FROM users u LEFT JOIN profiles p ON p.id = u.profile_id WHERE u.id = ?
            """, arguments: [userID]) else { throw StoreError.notFound }
        return TwoFactorState(secret: (r["totp_secret"] as Data?).map { [UInt8]($0) }, lastStep: r["totp_last_step"],
                              pending: (r["totp_pending"] as Data?).map { [UInt8]($0) }, required: r["required"] == 1, recoveryCodesLeft: r["left"])
    }

    /// Takes TOTP step `step` for the user when it is later than the last one taken: true once,
    /// false for the same (or an earlier) step however often it is tried, also at the same
    /// moment from two places (one conditional UPDATE).
    public func useTOTPStep(userID: Int64, step: Int64) throws -> Bool {
        try writer.write { db in
            try db.execute(sql: "UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ? AND totp_secret IS NOT NULL",
                           arguments: [step, userID, step])
            return db.changesCount == 1
        }
    }

    /// Uses one of the user's recovery codes (by its hash): true once per code.
    public func useRecoveryCode(userID: Int64, codeHash: [UInt8], now: Instant) throws -> Bool {
        try writer.write { db in
            try db.execute(sql: "UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL",
                           arguments: [now.seconds, userID, Data(codeHash)])
            return db.changesCount == 1
        }
    }

    /// A new secret being set up (replacing one that was never confirmed).
    public func setPendingTwoFactor(userID: Int64, secret: [UInt8]) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE users SET totp_pending = ? WHERE id = ?", arguments: [Data(secret), userID])
        }
    }

    /// Turns two-factor on with the pending secret once the user typed its code for `step`;
    /// replaces the recovery codes. False when nothing was pending (set up elsewhere meanwhile).
    public func confirmTwoFactor(userID: Int64, step: Int64, recoveryCodeHashes: [[UInt8]], now: Instant) throws -> Bool {
        try writer.write { db in
            try db.execute(sql: "UPDATE users SET totp_secret = totp_pending, totp_pending = NULL, totp_last_step = ?, version = version + 1 WHERE id = ? AND totp_pending IS NOT NULL",
                           arguments: [step, userID])
            guard db.changesCount == 1 else { return false }
            try Self.replaceRecoveryCodes(db, userID: userID, hashes: recoveryCodeHashes)
            let username = try String.fetchOne(db, sql: "SELECT username FROM users WHERE id = ?", arguments: [userID]) ?? ""
            try Self.log(db, now: now, actor: userID, subject: "user:" + username, change: "two_factor", old: "off", new: "on")
            return true
        }
    }

    /// Turns two-factor off (the caller checked the password and that the profile does not
    /// require it); the recovery codes go too.
    public func disableTwoFactor(userID: Int64, actor: Int64, now: Instant) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE users SET totp_secret = NULL, totp_pending = NULL, version = version + 1 WHERE id = ?", arguments: [userID])
            try db.execute(sql: "DELETE FROM recovery_codes WHERE user_id = ?", arguments: [userID])
            let username = try String.fetchOne(db, sql: "SELECT username FROM users WHERE id = ?", arguments: [userID]) ?? ""
            try Self.log(db, now: now, actor: actor, subject: "user:" + username, change: "two_factor", old: "on", new: "off")
        }
    }

    public func replaceRecoveryCodes(userID: Int64, hashes: [[UInt8]]) throws {
        try writer.write { db in try Self.replaceRecoveryCodes(db, userID: userID, hashes: hashes) }
    }

    static func replaceRecoveryCodes(_ db: Database, userID: Int64, hashes: [[UInt8]]) throws {
        try db.execute(sql: "DELETE FROM recovery_codes WHERE user_id = ?", arguments: [userID])
        for h in hashes {
            try db.execute(sql: "INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)", arguments: [userID, Data(h)])
        }
    }

    /// Profiles with whether they require two-factor sign-in.
    public func twoFactorRequirements() throws -> [(id: Int64, name: String, required: Bool)] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, require_two_factor FROM profiles ORDER BY id").map { ($0["id"], $0["name"], $0["require_two_factor"] == 1) }
        }
    }

    /// Requires (or no longer requires) two-factor for a profile. Requiring it ends the sessions
    /// of the profile's users who have not set it up: they set it up at their next sign-in.
    public func setTwoFactorRequired(profileID: Int64, required: Bool, actor: Int64, now: Instant) throws {
        try writer.write { db in
            guard let name = try String.fetchOne(db, sql: "SELECT name FROM profiles WHERE id = ?", arguments: [profileID]) else { throw StoreError.notFound }
            let before = try Int.fetchOne(db, sql: "SELECT require_two_factor FROM profiles WHERE id = ?", arguments: [profileID]) == 1
            guard before != required else { return }
            try db.execute(sql: "UPDATE profiles SET require_two_factor = ? WHERE id = ?", arguments: [required ? 1 : 0, profileID])
            if required {
                try db.execute(sql: "DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE profile_id = ? AND totp_secret IS NULL)", arguments: [profileID])
            }
            try Self.log(db, now: now, actor: actor, subject: "profile:" + name, change: "two_factor_required", old: before ? "1" : "0", new: required ? "1" : "0")
        }
    }

    // MARK: - Half-done sign-ins

    public func startChallenge(userID: Int64, tokenHash: [UInt8], next: String, now: Instant) throws {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM sign_in_challenges WHERE expires_at <= ?", arguments: [now.seconds])
            try db.execute(sql: "INSERT INTO sign_in_challenges (token_hash, user_id, next, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [Data(tokenHash), userID, String(next.prefix(2048)), now.seconds, now.seconds + AccountSecurityPolicy.challengeSeconds])
        }
    }

    /// The user and the page to go to of a live challenge whose account is active and not locked.
    public func challenge(tokenHash: [UInt8], now: Instant) throws -> (userID: Int64, username: String, next: String)? {
        try writer.read { db in
            try Row.fetchOne(db, sql: """
                SELECT c.user_id, u.username, c.next FROM sign_in_challenges c JOIN users u ON u.id = c.user_id
                WHERE c.token_hash = ? AND c.expires_at > ? AND u.active = 1 AND (u.locked_until IS NULL OR u.locked_until <= ?)
                """, arguments: [Data(tokenHash), now.seconds, now.seconds]).map { ($0["user_id"], $0["username"], $0["next"]) }
        }
    }

    public func endChallenge(tokenHash: [UInt8]) throws {
        try writer.write { db in try db.execute(sql: "DELETE FROM sign_in_challenges WHERE token_hash = ?", arguments: [Data(tokenHash)]) }
    }

    // MARK: - Own sessions and password

    /// The user's live sessions, the current one first, then by last activity.
    public func sessions(userID: Int64, current: [UInt8], now: Instant, idleSeconds: Int64) throws -> [SessionSummary] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT token_hash, created_at, last_seen_at, address, user_agent FROM sessions
                WHERE user_id = ? AND expires_at > ? AND last_seen_at > ? ORDER BY last_seen_at DESC
                """, arguments: [userID, now.seconds, now.seconds - idleSeconds]).map { r in
                let hash = [UInt8](r["token_hash"] as Data)
                return SessionSummary(id: Self.hex(hash), createdAt: Instant(seconds: r["created_at"]), lastSeenAt: Instant(seconds: r["last_seen_at"]),
                                      address: r["address"], userAgent: r["user_agent"], isCurrent: hash == current)
            }.sorted { $0.isCurrent && !$1.isCurrent }
        }
    }

    /// Ends one of the user's own sessions (by its id from `sessions`): false when it is not
    /// theirs or no longer open.
    public func endOwnSession(userID: Int64, id: String) throws -> Bool {
        guard let hash = Self.unhex(id), hash.count == 32 else { return false }
        return try writer.write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE token_hash = ? AND user_id = ?", arguments: [Data(hash), userID])
            return db.changesCount == 1
        }
    }

    /// Ends every session of the user but `keep`; returns how many ended.
    public func endOtherSessions(userID: Int64, keep: [UInt8]) throws -> Int {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", arguments: [userID, Data(keep)])
            return db.changesCount
        }
    }

    /// The user's own new password (the caller checked the current one): every other session
    /// of theirs ends, this one stays; logged in the access log and the sign-in list.
    public func changeOwnPassword(userID: Int64, passwordHash: String, keep: [UInt8], address: String, userAgent: String, now: Instant) throws {
        try writer.write { db in
            guard let username = try String.fetchOne(db, sql: "SELECT username FROM users WHERE id = ?", arguments: [userID]) else { throw StoreError.notFound }
            try db.execute(sql: "UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = NULL, version = version + 1 WHERE id = ?", arguments: [passwordHash, userID])
            try db.execute(sql: "DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", arguments: [userID, Data(keep)])
            try Self.log(db, now: now, actor: userID, subject: "user:" + username, change: "password", old: "", new: "")
            try Self.logSignIn(db, userID: userID, username: username, outcome: .passwordChanged, address: address, userAgent: userAgent, now: now)
        }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    static func unhex(_ s: String) -> [UInt8]? {
        let u = Array(s.utf8)
        guard u.count % 2 == 0, u.count <= 128 else { return nil }
        func v(_ c: UInt8) -> UInt8? { c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : nil }
        var out: [UInt8] = []
        for i in stride(from: 0, to: u.count, by: 2) {
            guard let a = v(u[i]), let b = v(u[i + 1]) else { return nil }
            out.append(a << 4 | b)
        }
        return out
    }
}
