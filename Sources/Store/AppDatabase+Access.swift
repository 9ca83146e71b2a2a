import Foundation
import GRDB
import Showroom

/// What sign-in needs to know about an account.
public struct SignInCandidate: Sendable {
    public let id: Int64
    public let passwordHash: String
    public let active: Bool
    public let lockedUntil: Instant?
    /// Two-factor is on for the account, or its profile requires it.
    public let twoFactorEnabled: Bool
    public let twoFactorRequired: Bool
}

public struct NewUser: Sendable {
    public var username: String
    public var displayName: String
    public var email: String
    public var language: String
    public var passwordHash: String
    public var profileID: Int64?
    public var branches: [Int64]
    public init(username: String, displayName: String, email: String, language: String, passwordHash: String, profileID: Int64?, branches: [Int64]) {
        self.username = username; self.displayName = displayName; self.email = email; self.language = language
        self.passwordHash = passwordHash; self.profileID = profileID; self.branches = branches
    }
}

extension AppDatabase {
    // MARK: - Start-up

    /// Creates the default profiles in a database that has none.
    func ensureDefaultProfiles() throws {
        try writer.write { db in
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM profiles") == 0 else { return }
            for (name, grants) in DefaultProfiles.all {
                try db.execute(sql: "INSERT INTO profiles (name) VALUES (?)", arguments: [name])
                let id = db.lastInsertedRowID
                for g in grants {
                    try db.execute(sql: "INSERT INTO profile_grants (profile_id, permission, scope) VALUES (?, ?, ?)",
                                   arguments: [id, g.permission.rawValue, g.scope?.rawValue])
                }
            }
        }
    }

    // MARK: - Sign-in and sessions

    public func signInCandidate(username: String) throws -> SignInCandidate? {
        try writer.read { db in
            try Row.fetchOne(db, sql: """
                SELECT u.id, u.password_hash, u.active, u.locked_until, u.totp_secret IS NOT NULL AS two_factor, coalesce(p.require_two_factor, 0) AS required
                FROM users u LEFT JOIN profiles p ON p.id = u.profile_id WHERE u.username = ?
                """, arguments: [username]).map {
                SignInCandidate(id: $0["id"], passwordHash: $0["password_hash"], active: $0["active"] == 1,
                                lockedUntil: ($0["locked_until"] as Int64?).map(Instant.init(seconds:)),
                                twoFactorEnabled: $0["two_factor"] == 1, twoFactorRequired: $0["required"] == 1)
            }
        }
    }

    /// Counts a failed attempt; the account waits `SignInPolicy.lockSeconds` after too many.
    public func recordFailedSignIn(userID: Int64, now: Instant) throws {
        try writer.write { db in
            try db.execute(sql: """
                UPDATE users SET failed_logins = failed_logins + 1,
                    locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until END
                WHERE id = ?
                """, arguments: [SignInPolicy.maxFailures, now.seconds + SignInPolicy.lockSeconds, userID])
        }
    }

    /// Opens a session after a successful sign-in, and clears the failure counter. The session
    /// the browser held before (`replacing`), whoever's it was, ends: a sign-in always gets a
    /// new session id. The sign-in is recorded in the audit list.
    public func startSession(userID: Int64, tokenHash: [UInt8], csrfToken: String, now: Instant, absoluteSeconds: Int64,
                             replacing: [UInt8]? = nil, address: String = "", userAgent: String = "", outcome: SignInOutcome = .signedIn) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?", arguments: [userID])
            try db.execute(sql: "DELETE FROM sessions WHERE expires_at <= ?", arguments: [now.seconds])
            if let replacing { try db.execute(sql: "DELETE FROM sessions WHERE token_hash = ?", arguments: [Data(replacing)]) }
            try db.execute(sql: "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, address, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           arguments: [Data(tokenHash), userID, csrfToken, now.seconds, now.seconds, now.seconds + absoluteSeconds,
                                       String(address.prefix(64)), String(userAgent.prefix(300))])
            let username = try String.fetchOne(db, sql: "SELECT username FROM users WHERE id = ?", arguments: [userID]) ?? ""
            try Self.logSignIn(db, userID: userID, username: username, outcome: outcome, address: address, userAgent: userAgent, now: now)
        }
    }

    /// The user behind a session token, or nil when the session is unknown, idle too long,
    /// past its absolute end, or its user is deactivated.
    public func signedInUser(tokenHash: [UInt8], now: Instant, idleSeconds: Int64) throws -> SignedInUser? {
        let hash = Data(tokenHash)
        let found: (SignedInUser, Int64)? = try writer.read { db in
            guard let session = try SessionRecord.fetchOne(db.cachedStatement(sql: """
                SELECT \(SessionRecord.selection)
                FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN profiles p ON p.id = u.profile_id
                WHERE s.token_hash = ? AND s.expires_at > ? AND s.last_seen_at > ? AND u.active = 1
                """), arguments: [hash, now.seconds, now.seconds - idleSeconds]) else { return nil }
            let r = session.row
            typealias Columns = SessionRecord.Columns
            let userID: Int64 = r[Columns.userID]
            let profileID: Int64? = r[Columns.profileID]
            let generation: Int64 = r[Columns.generation] ?? 0
            let access: AccessCache.Entry
            if let cached = accessCache.get(userID, generation: generation, profileID: profileID) {
                access = cached
            } else {
                let rights = try Self.rights(db, userID: userID, profileID: profileID, profileName: r[Columns.profileName])
                let branches = try Int64.fetchAll(db.cachedStatement(sql: "SELECT branch_id FROM user_branches WHERE user_id = ? ORDER BY branch_id"), arguments: [userID])
                access = AccessCache.Entry(generation: generation, profileID: profileID, rights: rights, branches: branches)
                accessCache.put(userID, access)
            }
            var user = SignedInUser(id: userID, username: r[Columns.username], displayName: r[Columns.displayName], language: r[Columns.language],
                                    branches: access.branches, rights: access.rights, csrfToken: r[Columns.csrfToken])
            user.unseenNotifications = r[Columns.unseenNotifications]
            return (user, r[Columns.lastSeenAt])
        }
        guard let (user, lastSeen) = found else { return nil }
        // Record activity at most once a minute (or more often for very short idle limits), so
        // that a busy session does not cost a write per request.
        if now.seconds - lastSeen >= min(60, max(1, idleSeconds / 4)) {
            do {
                try writer.write { db in
                    try db.execute(sql: "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", arguments: [now.seconds, hash])
                }
            } catch let error where Self.isDiskFull(error) {
                // A full disk must not stop people reading: the activity mark waits for space.
            }
        }
        return user
    }

    public func endSession(tokenHash: [UInt8]) throws {
        try writer.write { db in try db.execute(sql: "DELETE FROM sessions WHERE token_hash = ?", arguments: [Data(tokenHash)]) }
    }

    static func rights(_ db: Database, userID: Int64, profileID: Int64?, profileName: String?) throws -> AccessRights {
        var grants: [Grant] = []
        if let profileID {
            for r in try Row.fetchAll(db.cachedStatement(sql: "SELECT permission, scope FROM profile_grants WHERE profile_id = ?"), arguments: [profileID]) {
                if let grant = grant(r) { grants.append(grant) }
            }
        }
        var overrides: [Permission: Override] = [:]
        for r in try Row.fetchAll(db.cachedStatement(sql: "SELECT permission, effect, scope FROM user_overrides WHERE user_id = ?"), arguments: [userID]) {
            if let (p, o) = override(r) { overrides[p] = o }
        }
        return AccessRights(profileName: profileName, profileGrants: grants, overrides: overrides)
    }

    /// A grant read from its `permission` and `scope` columns; nil for a permission this version does not know.
    static func grant(_ r: Row) -> Grant? {
        Permission(rawValue: r["permission"]).map { Grant($0, scope: (r["scope"] as String?).flatMap(AccessScope.init(rawValue:))) }
    }

    /// An exception read from its `permission`, `effect` and `scope` columns.
    static func override(_ r: Row) -> (Permission, Override)? {
        guard let p = Permission(rawValue: r["permission"]) else { return nil }
        return (p, (r["effect"] as String) == "deny" ? .deny : .grant((r["scope"] as String?).flatMap(AccessScope.init(rawValue:))))
    }

    public func rights(userID: Int64) throws -> AccessRights {
        try writer.read { db in
            let r = try Row.fetchOne(db, sql: "SELECT u.profile_id, p.name AS profile_name FROM users u LEFT JOIN profiles p ON p.id = u.profile_id WHERE u.id = ?", arguments: [userID])
            return try Self.rights(db, userID: userID, profileID: r?["profile_id"], profileName: r?["profile_name"])
        }
    }

    public func setLanguage(userID: Int64, language: String) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE users SET language = ?, version = version + 1 WHERE id = ?", arguments: [language, userID])
        }
    }

    // MARK: - Users

    public func createUser(_ new: NewUser, actor: Int64?, now: Instant) throws -> Int64 {
        try writer.write { db in
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM users WHERE username = ?", arguments: [new.username]) == nil else {
                throw StoreError.duplicate("username")
            }
            try db.execute(sql: """
                INSERT INTO users (username, display_name, email, language, password_hash, profile_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [new.username, new.displayName, new.email, new.language, new.passwordHash, new.profileID, now.seconds])
            let id = db.lastInsertedRowID
            for b in Set(new.branches) {
                try db.execute(sql: "INSERT INTO user_branches (user_id, branch_id) VALUES (?, ?)", arguments: [id, b])
            }
            let profile = try new.profileID.flatMap { try String.fetchOne(db, sql: "SELECT name FROM profiles WHERE id = ?", arguments: [$0]) } ?? ""
            try Self.log(db, now: now, actor: actor, subject: "user:" + new.username, change: "created", old: "", new: profile)
            return id
        }
    }

    public func staff() throws -> [StaffRecord] {
        try writer.read { db in try Self.staff(db, id: nil) }
    }

    public func staffMember(id: Int64) throws -> StaffRecord? {
        try writer.read { db in try Self.staff(db, id: id).first }
    }

    static func staff(_ db: Database, id: Int64?) throws -> [StaffRecord] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT u.id, u.username, u.display_name, u.email, u.language, u.active, u.profile_id, p.name AS profile_name, u.version
            FROM users u LEFT JOIN profiles p ON p.id = u.profile_id
            WHERE ? IS NULL OR u.id = ? ORDER BY u.active DESC, u.display_name COLLATE NOCASE
            """, arguments: [id, id])
        var branches: [Int64: [Int64]] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT user_id, branch_id FROM user_branches ORDER BY branch_id") {
            branches[r["user_id"], default: []].append(r["branch_id"])
        }
        var overrides: [Int64: [Permission: Override]] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT user_id, permission, effect, scope FROM user_overrides") {
            if let (p, o) = override(r) { overrides[r["user_id"], default: [:]][p] = o }
        }
        return rows.map { r in
            let uid: Int64 = r["id"]
            return StaffRecord(id: uid, username: r["username"], displayName: r["display_name"], email: r["email"], language: r["language"],
                               active: r["active"] == 1, profileID: r["profile_id"], profileName: r["profile_name"],
                               branches: branches[uid] ?? [], overrides: overrides[uid] ?? [:], version: r["version"])
        }
    }

    /// Changes a user's details, profile and branches in one step; refused when `version`
    /// is stale or when it would leave nobody who can manage users.
    public func updateUser(id: Int64, displayName: String, email: String, language: String, profileID: Int64?, branches: [Int64],
                           version: Int64, actor: Int64, now: Instant) throws {
        try writer.write { db in
            guard let before = try Self.staff(db, id: id).first else { throw StoreError.notFound }
            guard before.version == version else { throw StoreError.conflict }
            try db.execute(sql: "UPDATE users SET display_name = ?, email = ?, language = ?, profile_id = ?, version = version + 1 WHERE id = ?",
                           arguments: [displayName, email, language, profileID, id])
            try db.execute(sql: "DELETE FROM user_branches WHERE user_id = ?", arguments: [id])
            for b in Set(branches) {
                try db.execute(sql: "INSERT INTO user_branches (user_id, branch_id) VALUES (?, ?)", arguments: [id, b])
            }
            let subject = "user:" + before.username
            if before.displayName != displayName { try Self.log(db, now: now, actor: actor, subject: subject, change: "display_name", old: before.displayName, new: displayName) }
            if before.email != email { try Self.log(db, now: now, actor: actor, subject: subject, change: "email", old: before.email, new: email) }
            if before.language != language { try Self.log(db, now: now, actor: actor, subject: subject, change: "language", old: before.language, new: language) }
            if before.profileID != profileID {
                let newName = try profileID.flatMap { try String.fetchOne(db, sql: "SELECT name FROM profiles WHERE id = ?", arguments: [$0]) } ?? ""
                try Self.log(db, now: now, actor: actor, subject: subject, change: "profile", old: before.profileName ?? "", new: newName)
            }
            if before.branches.sorted() != Set(branches).sorted() {
                try Self.log(db, now: now, actor: actor, subject: subject, change: "branches", old: try Self.branchNames(db, before.branches), new: try Self.branchNames(db, branches))
            }
            try Self.requireUserManager(db)
        }
    }

    /// Deactivating ends the user's sessions at once.
    public func setActive(userID: Int64, active: Bool, actor: Int64, now: Instant) throws {
        try writer.write { db in
            guard let before = try Self.staff(db, id: userID).first else { throw StoreError.notFound }
            guard before.active != active else { return }
            try db.execute(sql: "UPDATE users SET active = ?, version = version + 1 WHERE id = ?", arguments: [active ? 1 : 0, userID])
            if !active { try db.execute(sql: "DELETE FROM sessions WHERE user_id = ?", arguments: [userID]) }
            try Self.log(db, now: now, actor: actor, subject: "user:" + before.username, change: "active", old: before.active ? "1" : "0", new: active ? "1" : "0")
            try Self.requireUserManager(db)
        }
    }

    /// A new password ends the user's other sessions.
    public func setPassword(userID: Int64, passwordHash: String, actor: Int64?, now: Instant) throws {
        try writer.write { db in
            guard let username = try String.fetchOne(db, sql: "SELECT username FROM users WHERE id = ?", arguments: [userID]) else { throw StoreError.notFound }
            try db.execute(sql: "UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = NULL, version = version + 1 WHERE id = ?", arguments: [passwordHash, userID])
            try db.execute(sql: "DELETE FROM sessions WHERE user_id = ?", arguments: [userID])
            try Self.log(db, now: now, actor: actor, subject: "user:" + username, change: "password", old: "", new: "")
        }
    }

    /// One cell of the users × permissions grid: what the admin saw, and what they chose.
    public struct OverrideChange: Sendable {
        public var userID: Int64
        public var permission: Permission
        public var seen: Override?
        public var wanted: Override?
        public init(userID: Int64, permission: Permission, seen: Override?, wanted: Override?) {
            self.userID = userID; self.permission = permission; self.seen = seen; self.wanted = wanted
        }
    }

    /// Applies a batch of user exceptions in one transaction. When any cell changed since the
    /// admin saw it, nothing is written and `StoreError.conflict` is thrown.
    public func applyOverrides(_ changes: [OverrideChange], actor: Int64, now: Instant) throws {
        try writer.write { db in
            let current = Dictionary(uniqueKeysWithValues: try Self.staff(db, id: nil).map { ($0.id, $0) })
            for change in changes {
                guard let user = current[change.userID] else { throw StoreError.notFound }
                let old = user.overrides[change.permission]
                guard old == change.seen else { throw StoreError.conflict }
                guard old != change.wanted else { continue }
                try db.execute(sql: "DELETE FROM user_overrides WHERE user_id = ? AND permission = ?", arguments: [change.userID, change.permission.rawValue])
                switch change.wanted {
                case .grant(let scope):
                    try db.execute(sql: "INSERT INTO user_overrides (user_id, permission, effect, scope) VALUES (?, ?, 'grant', ?)",
                                   arguments: [change.userID, change.permission.rawValue, change.permission.isScoped ? (scope ?? .own).rawValue : nil])
                case .deny:
                    try db.execute(sql: "INSERT INTO user_overrides (user_id, permission, effect) VALUES (?, ?, 'deny')", arguments: [change.userID, change.permission.rawValue])
                case nil:
                    break
                }
                try db.execute(sql: "UPDATE users SET version = version + 1 WHERE id = ?", arguments: [change.userID])
                try Self.log(db, now: now, actor: actor, subject: "user:" + user.username, change: "permission " + change.permission.rawValue,
                             old: Self.describe(old), new: Self.describe(change.wanted))
            }
            try Self.requireUserManager(db)
        }
    }

    /// Sets (or with nil, removes) one user exception.
    public func setOverride(userID: Int64, permission: Permission, to value: Override?, actor: Int64, now: Instant) throws {
        let seen = try staffMember(id: userID)?.overrides[permission]
        try applyOverrides([OverrideChange(userID: userID, permission: permission, seen: seen, wanted: value)], actor: actor, now: now)
    }

    public static func describe(_ o: Override?) -> String {
        switch o {
        case nil: return "inherit"
        case .deny: return "deny"
        case .grant(let scope?): return "grant:" + scope.rawValue
        case .grant(nil): return "grant"
        }
    }

    // MARK: - Profiles

    public func profiles() throws -> [ProfileRecord] {
        try writer.read { db in try Self.profiles(db) }
    }

    static func profiles(_ db: Database) throws -> [ProfileRecord] {
        var grants: [Int64: [Grant]] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT profile_id, permission, scope FROM profile_grants") {
            if let grant = grant(r) { grants[r["profile_id"], default: []].append(grant) }
        }
        return try Row.fetchAll(db, sql: "SELECT id, name FROM profiles ORDER BY id").map {
            ProfileRecord(id: $0["id"], name: $0["name"], grants: (grants[$0["id"]] ?? []).sorted { $0.permission < $1.permission })
        }
    }

    public func createProfile(name: String, actor: Int64, now: Instant) throws -> Int64 {
        try writer.write { db in
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM profiles WHERE name = ?", arguments: [name]) == nil else { throw StoreError.duplicate("name") }
            try db.execute(sql: "INSERT INTO profiles (name) VALUES (?)", arguments: [name])
            try Self.log(db, now: now, actor: actor, subject: "profile:" + name, change: "created", old: "", new: name)
            return db.lastInsertedRowID
        }
    }

    /// One cell of the profiles × permissions grid. `nil` means not granted; for a scoped
    /// permission the grant carries its scope.
    public struct ProfileGrantChange: Sendable {
        public var profileID: Int64
        public var permission: Permission
        public var seen: Grant?
        public var wanted: Grant?
        public init(profileID: Int64, permission: Permission, seen: Grant?, wanted: Grant?) {
            self.profileID = profileID; self.permission = permission; self.seen = seen; self.wanted = wanted
        }
    }

    /// Applies a batch of profile changes in one transaction; a cell changed meanwhile by
    /// someone else makes the whole batch a conflict.
    public func applyProfileGrants(_ changes: [ProfileGrantChange], actor: Int64, now: Instant) throws {
        try writer.write { db in
            let profiles = Dictionary(uniqueKeysWithValues: try Self.profiles(db).map { ($0.id, $0) })
            for change in changes {
                guard let profile = profiles[change.profileID] else { throw StoreError.notFound }
                let old = profile.grants.first { $0.permission == change.permission }
                guard old == change.seen else { throw StoreError.conflict }
                guard old != change.wanted else { continue }
                try db.execute(sql: "DELETE FROM profile_grants WHERE profile_id = ? AND permission = ?", arguments: [change.profileID, change.permission.rawValue])
                if let g = change.wanted {
                    try db.execute(sql: "INSERT INTO profile_grants (profile_id, permission, scope) VALUES (?, ?, ?)",
                                   arguments: [change.profileID, change.permission.rawValue, g.scope?.rawValue])
                }
                func describe(_ g: Grant?) -> String { g.map { $0.scope?.rawValue ?? "granted" } ?? "none" }
                try Self.log(db, now: now, actor: actor, subject: "profile:" + profile.name, change: "permission " + change.permission.rawValue,
                             old: describe(old), new: describe(change.wanted))
            }
            try Self.requireUserManager(db)
        }
    }

    // MARK: - Branches

    public func branches() throws -> [BranchRecord] {
        try writer.read { db in
            try Self.branchRecords(db)
        }
    }

    /// Every branch with its names in three languages, by Dutch name.
    static func branchRecords(_ db: Database) throws -> [BranchRecord] {
        try Row.fetchAll(db, sql: "SELECT id, name, name_fr, name_en, city, active FROM branches ORDER BY name").map {
            BranchRecord(id: $0["id"], names: LocalizedName(nl: $0["name"], fr: $0["name_fr"], en: $0["name_en"]), city: $0["city"], active: $0["active"] == 1)
        }
    }

    /// A new branch with its name in three languages (the Dutch one unique).
    public func createBranch(names: LocalizedName, city: String, actor: Int64, now: Instant) throws -> Int64 {
        try writer.write { db in
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM branches WHERE name = ?", arguments: [names.nl]) == nil else { throw StoreError.duplicate("name") }
            try db.execute(sql: "INSERT INTO branches (name, name_fr, name_en, city) VALUES (?, ?, ?, ?)", arguments: [names.nl, names.fr, names.en, city])
            try Self.log(db, now: now, actor: actor, subject: "branch:" + names.nl, change: "created", old: "", new: city)
            return db.lastInsertedRowID
        }
    }

    public func updateBranch(id: Int64, names: LocalizedName, city: String, active: Bool, actor: Int64, now: Instant) throws {
        try writer.write { db in
            guard let before = try Row.fetchOne(db, sql: "SELECT name, name_fr, name_en, active FROM branches WHERE id = ?", arguments: [id]) else { throw StoreError.notFound }
            let name = names.nl
            if try Int.fetchOne(db, sql: "SELECT 1 FROM branches WHERE name = ? AND id <> ?", arguments: [name, id]) != nil { throw StoreError.duplicate("name") }
            try db.execute(sql: "UPDATE branches SET name = ?, name_fr = ?, name_en = ?, city = ?, active = ? WHERE id = ?",
                           arguments: [name, names.fr, names.en, city, active ? 1 : 0, id])
            let oldName: String = before["name"]
            if oldName != name { try Self.log(db, now: now, actor: actor, subject: "branch:" + oldName, change: "name", old: oldName, new: name) }
            let oldFR: String = before["name_fr"], oldEN: String = before["name_en"]
            if oldFR != names.fr { try Self.log(db, now: now, actor: actor, subject: "branch:" + name, change: "name_fr", old: oldFR, new: names.fr) }
            if oldEN != names.en { try Self.log(db, now: now, actor: actor, subject: "branch:" + name, change: "name_en", old: oldEN, new: names.en) }
            let wasActive: Int = before["active"]
            if wasActive != (active ? 1 : 0) { try Self.log(db, now: now, actor: actor, subject: "branch:" + name, change: "active", old: String(wasActive), new: active ? "1" : "0") }
        }
    }

    // MARK: - Log

    public func accessLog(limit: Int = 200) throws -> [AccessLogEntry] {
        try writer.read { db in
            try Row.fetchAll(db, sql: Self.accessLogSelect + " ORDER BY l.at DESC, l.id DESC LIMIT ?", arguments: [limit]).map(Self.accessLogEntry)
        }
    }

    /// The changes logged about one subject (`user:jan`, …) at or after `since`, oldest first.
    public func accessLog(subject: String, since: Instant, limit: Int = 50) throws -> [AccessLogEntry] {
        try writer.read { db in
            try Row.fetchAll(db, sql: Self.accessLogSelect + " WHERE l.subject = ? AND l.at >= ? ORDER BY l.at, l.id LIMIT ?",
                             arguments: [subject, since.seconds, limit]).map(Self.accessLogEntry)
        }
    }

    static let accessLogSelect = """
        SELECT l.at, u.display_name AS actor_name, l.subject, l.change, l.old_value, l.new_value
        FROM access_log l LEFT JOIN users u ON u.id = l.actor_id
        """

    static func accessLogEntry(_ r: Row) -> AccessLogEntry {
        AccessLogEntry(at: Instant(seconds: r["at"]), actorName: r["actor_name"], subject: r["subject"], change: r["change"],
                       oldValue: r["old_value"], newValue: r["new_value"])
    }

    static func log(_ db: Database, now: Instant, actor: Int64?, subject: String, change: String, old: String, new: String) throws {
        try db.execute(sql: "INSERT INTO access_log (at, actor_id, subject, change, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [now.seconds, actor, subject, change, old, new])
    }

    static func branchNames(_ db: Database, _ ids: [Int64]) throws -> String {
        guard !ids.isEmpty else { return "" }
        return try String.fetchAll(db, sql: "SELECT name FROM branches WHERE id IN (\(ids.map { _ in "?" }.joined(separator: ","))) ORDER BY name",
                                   arguments: StatementArguments(ids)).joined(separator: ", ")
    }

    /// Refuses (rolling the transaction back) any change that leaves no active user able to
    /// manage users: an admin cannot lock everyone out.
    static func requireUserManager(_ db: Database) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT u.id, u.profile_id, p.name AS profile_name FROM users u LEFT JOIN profiles p ON p.id = u.profile_id WHERE u.active = 1")
        for r in rows where try rights(db, userID: r["id"], profileID: r["profile_id"], profileName: r["profile_name"]).has(.usersManage) { return }
        throw StoreError.lastUserManager
    }
}

extension AppDatabase {
    static func userName(_ db: Database, _ id: Int64) throws -> String {
        try String.fetchOne(db, sql: "SELECT display_name FROM users WHERE id = ?", arguments: [id]) ?? "?"
    }

    /// Another user as a viewer, with the lead visibility of the same rule as a signed-in
    /// user's (`AccessRights.leadVisibility`); nil when the user is unknown or inactive.
    static func viewer(_ db: Database, ofUser user: Int64) throws -> Viewer? {
        guard let rights = try activeUserRights(db, user) else { return nil }
        let branches = try Int64.fetchAll(db, sql: "SELECT branch_id FROM user_branches WHERE user_id = ? ORDER BY branch_id", arguments: [user])
        return Viewer(userID: user, visibility: rights.leadVisibility(userID: user, branches: branches))
    }

    /// The rights of an active user; nil when the user is unknown or inactive.
    static func activeUserRights(_ db: Database, _ user: Int64) throws -> AccessRights? {
        guard let r = try Row.fetchOne(db, sql: """
            SELECT u.profile_id, p.name AS profile_name FROM users u LEFT JOIN profiles p ON p.id = u.profile_id WHERE u.id = ? AND u.active = 1
            """, arguments: [user]) else { return nil }
        return try rights(db, userID: user, profileID: r["profile_id"], profileName: r["profile_name"])
    }

    /// Every active user with their branches, by name: those who can be given work.
    static func activeAssignees(_ db: Database) throws -> [Assignee] {
        var branches: [Int64: [Int64]] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT user_id, branch_id FROM user_branches ORDER BY user_id, branch_id") {
            branches[r["user_id"], default: []].append(r["branch_id"])
        }
        return try Row.fetchAll(db, sql: "SELECT id, display_name FROM users WHERE active = 1 ORDER BY display_name COLLATE NOCASE").map { r in
            Assignee(id: r["id"], name: r["display_name"], branches: branches[r["id"]] ?? [])
        }
    }
}

/// A live session's row: its user, the access generation and the user's unseen notifications
/// (read on every request).
struct SessionRecord: FetchableRecord {
    enum Columns: Int, SelectedColumns {
        case userID, username, displayName, language, csrfToken, lastSeenAt, profileID, profileName, generation, unseenNotifications

        var expression: String {
            switch self {
            case .userID: "u.id"
            case .username, .displayName, .language, .profileID: "u." + columnName
            case .csrfToken, .lastSeenAt: "s." + columnName
            case .profileName: "p.name"
            case .generation: "(SELECT generation FROM access_state WHERE id = 1)"
            case .unseenNotifications: "(SELECT count(*) FROM notifications n WHERE n.user_id = u.id AND n.seen_at IS NULL)"
            }
        }
    }
    static let selection = Columns.selection(\.expression)

    /// The row, read where it is used (the access cache decides what else is needed).
    let row: Row
    init(row: Row) { self.row = row.copy() }
}
