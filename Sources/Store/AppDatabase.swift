import GRDB

/// The store's façade: owns the database connection(s), runs the migrations when opened,
/// and offers intention-revealing methods — one transaction per business operation.
public final class AppDatabase: Sendable {
    let writer: any DatabaseWriter

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
