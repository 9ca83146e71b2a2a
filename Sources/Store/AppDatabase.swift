import Foundation
import GRDB
import Showroom

/// The store's façade: owns the database connection(s), runs the migrations when opened,
/// and offers intention-revealing methods — one transaction per business operation.
public final class AppDatabase: Sendable {
    let writer: any DatabaseWriter
    /// Effective rights and branches per user, valid for one access generation.
    let accessCache = AccessCache()
    /// Downloads waiting to be written, committed in groups (see `recordDownload`).
    let downloadLog = DownloadLog()
    /// Lead pages' data by lead, valid for one (revision, generation) (see `leadPage`).
    let leadPageCache = LeadPageCache()

    /// Opens (and migrates) the database file at `path` with a pool of readers in WAL mode.
    /// The writer runs with `synchronous = FULL`: a committed lead survives a power loss.
    public init(path: String, readers: Int = 8) throws {
        var config = Configuration()
        config.busyMode = .timeout(5)
        config.maximumReaderCount = readers
        let pool = try DatabasePool(path: path, configuration: config)
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        writer = pool
        try Migrations.migrator.migrate(pool)
        try ensureDefaultProfiles()
    }

    /// A fresh private in-memory database (tests).
    public init(inMemory: ()) throws {
        let queue = try DatabaseQueue()
        writer = queue
        try Migrations.migrator.migrate(queue)
        try ensureDefaultProfiles()
    }

    /// True when the database answers a trivial query.
    public func isHealthy() -> Bool {
        (try? writer.read { db in try Int.fetchOne(db, sql: "SELECT 1") }) == 1
    }

    /// The `synchronous` setting of the connection that writes (2 = FULL).
    public func writerSynchronousMode() throws -> Int {
        try writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    public func journalMode() throws -> String {
        try writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// Runs `body` in a read transaction (for tests and tools).
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.read(body)
    }

    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.write(body)
    }
}

/// Each user's effective rights and branches, remembered while the access generation (moved
/// by triggers on every change of profiles, exceptions, branches or users) stays the same.
final class AccessCache: @unchecked Sendable {
    struct Entry { let generation: Int64; let profileID: Int64?; let rights: AccessRights; let branches: [Int64] }
    private let lock = NSLock()
    private var entries: [Int64: Entry] = [:]

    func get(_ userID: Int64, generation: Int64, profileID: Int64?) -> Entry? {
        lock.lock(); defer { lock.unlock() }
        guard let e = entries[userID], e.generation == generation, e.profileID == profileID else { return nil }
        return e
    }

    func put(_ userID: Int64, _ entry: Entry) {
        lock.lock(); defer { lock.unlock() }
        if entries.count > 10_000 { entries.removeAll() }
        entries[userID] = entry
    }

    private var names: (generation: Int64, byID: [Int64: String])?

    /// Every user's display name, read again only when the generation moved.
    func staffNames(_ db: Database) throws -> [Int64: String] {
        let generation = try Int64.fetchOne(db.cachedStatement(sql: "SELECT generation FROM access_state WHERE id = 1")) ?? 0
        lock.lock()
        if let names, names.generation == generation { lock.unlock(); return names.byID }
        lock.unlock()
        var byID: [Int64: String] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT id, display_name FROM users") { byID[r[0]] = r[1] }
        lock.lock(); defer { lock.unlock() }
        names = (generation, byID)
        return byID
    }
}

/// The data of recently read lead pages, each under the lead's revision and the global
/// generation it was read at. Both are moved by the schema's triggers in the transaction that
/// changes what the page shows, so an entry whose stamp still matches is the database's
/// current answer; a stale one is simply not used. Bounded: when full, the oldest half goes.
final class LeadPageCache: @unchecked Sendable {
    struct Key: Hashable { let id: Int64; let limit: Int; let kinds: [String] }
    private struct Entry { let revision: Int64; let generation: Int64; let data: LeadPageData; let order: UInt64 }
    static let capacity = 2_048
    private let lock = NSLock()
    private var entries: [Key: Entry] = [:]
    private var clock: UInt64 = 0

    func get(_ key: Key, revision: Int64, generation: Int64) -> LeadPageData? {
        lock.lock(); defer { lock.unlock() }
        guard let e = entries[key], e.revision == revision, e.generation == generation else { return nil }
        return e.data
    }

    func put(_ key: Key, _ data: LeadPageData) {
        lock.lock(); defer { lock.unlock() }
        clock += 1
        if entries.count >= Self.capacity {
            let cut = entries.values.map(\.order).sorted()[entries.count / 2]
            entries = entries.filter { $0.value.order >= cut }
        }
        entries[key] = Entry(revision: data.revision, generation: data.generation, data: data, order: clock)
    }

    var count: Int { lock.lock(); defer { lock.unlock() }; return entries.count }
}
