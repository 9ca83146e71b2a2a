import Foundation
import GRDB

/// The database file as a whole, for backup and restore: a consistent copy taken while the
/// responder keeps writing, and the checks a copy must pass before it is trusted. Opens the
/// files itself (never through `AppDatabase`, which would migrate and write).
public enum DatabaseCopy {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// `PRAGMA integrity_check` did not answer `ok` (its first lines).
        case damaged(String, [String])
        /// The file is not a Showroom database (no migrations table).
        case notShowroom(String)

        public var description: String {
            switch self {
            case .damaged(let path, let lines): return "\(path) fails PRAGMA integrity_check: \(lines.prefix(5).joined(separator: "; "))"
            case .notShowroom(let path): return "\(path) is not a Showroom database (no grdb_migrations table)"
            }
        }
    }

    /// What a copy holds: enough to verify it and to compare it with its source.
    public struct Summary: Sendable, Equatable {
        /// Names of the applied migrations, in order.
        public var migrations: [String]
        /// The distinct SHA-256 digests of the stored files the copy refers to.
        public var documentDigests: [String]
        public var leads: Int
        public var documents: Int
    }

    /// Writes a consistent copy of the database at `source` to `target` (which must not
    /// exist) with `VACUUM INTO`: one read transaction of the source, so writers are not held
    /// up (WAL) and the copy is one moment of it. The copy is synced to the disk.
    public static func snapshot(of source: String, into target: String) throws {
        var config = Configuration()
        config.busyMode = .timeout(30)
        let queue = try DatabaseQueue(path: source, configuration: config)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "VACUUM INTO ?", arguments: [target])
        }
        try queue.close()
        try syncFile(target)
    }

    /// Runs `PRAGMA integrity_check` and reads what the copy holds; throws `Failure` when the
    /// file is damaged or not a Showroom database. Opens the file read-only.
    public static func verify(_ path: String) throws -> Summary {
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: config)
        defer { try? queue.close() }
        return try queue.read { db in
            let check = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            guard check == ["ok"] else { throw Failure.damaged(path, check) }
            guard try db.tableExists("grdb_migrations") else { throw Failure.notShowroom(path) }
            let keys = try db.foreignKeyViolations()
            if let first = try keys.next() { throw Failure.damaged(path, ["foreign key: \(first)"]) }
            return Summary(
                migrations: try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid"),
                documentDigests: try String.fetchAll(db, sql: "SELECT DISTINCT sha256 FROM documents ORDER BY sha256"),
                leads: try Int.fetchOne(db, sql: "SELECT count(*) FROM leads") ?? 0,
                documents: try Int.fetchOne(db, sql: "SELECT count(*) FROM documents") ?? 0)
        }
    }

    /// Ends every session in a restored database: a session belongs to the server it was
    /// opened on, and everyone signs in again after a restore. Returns how many ended.
    @discardableResult
    public static func endSessions(_ path: String) throws -> Int {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.write { db in
            try db.execute(sql: "DELETE FROM sessions")
            return db.changesCount
        }
    }

    /// fsync of a file (the copy), then of its directory (its name).
    public static func syncFile(_ path: String) throws {
        for p in [path, (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent] {
            let fd = open(p, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw CocoaError(.fileReadNoPermission, userInfo: [NSFilePathErrorKey: p]) }
            defer { close(fd) }
            guard fsync(fd) == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: p]) }
        }
    }
}
