@testable import Backup
import Documents
import Foundation
import GRDB
import Showroom
import Store
import Testing

/// A throw-away installation on disk: a demo database (WAL, as served) and its documents folder.
final class Installation: @unchecked Sendable {
    let dir: String
    let databasePath: String
    let documentsPath: String
    let database: AppDatabase
    let store: FileStore
    let admin: Viewer
    let leads: [Int64]

    init(leads count: Int = 30) throws {
        dir = NSTemporaryDirectory() + "showroom-backup-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        databasePath = dir + "/live/showroom.sqlite"
        documentsPath = dir + "/live/documents"
        try FileManager.default.createDirectory(atPath: dir + "/live", withIntermediateDirectories: true)
        database = try AppDatabase(path: databasePath)
        try DemoData(leadCount: count, now: Instant(seconds: 1_784_116_800), hashPassword: { _ in "test-hash" }).load(into: database)
        store = FileStore(root: documentsPath)
        try store.prepare()
        let adminID = try database.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM users WHERE username = 'admin'")! }
        admin = Viewer(userID: adminID, visibility: .all)
        leads = try database.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM leads ORDER BY id") }
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    /// Stores `bytes` and records them as a document of `lead`, as an upload does.
    @discardableResult
    func addDocument(lead: Int64, _ bytes: [UInt8], title: String = "Offerte") throws -> (id: Int64, sha: String) {
        let writer = try store.beginWrite()
        try writer.write(bytes)
        let sha = try writer.finish()
        let id = try store.withLock {
            _ = try store.place(writer)
            return try database.addDocuments(leadID: lead, [NewDocument(title: title, originalName: "x.pdf", mimeType: "application/pdf",
                                                                        size: Int64(bytes.count), sha256: sha)],
                                             by: admin, now: Instant(seconds: 1_784_116_900))[0]
        }
        return (id, sha)
    }

    func deleteDocument(_ id: Int64) throws {
        try store.withLock {
            let deleted = try database.deleteDocument(id: id, by: admin, now: Instant(seconds: 1_784_117_000))
            if try !database.isFileReferenced(deleted.sha256) { try store.remove(deleted.sha256) }
        }
    }

    func count(_ sql: String, in path: String? = nil) throws -> Int {
        if let path {
            let q = try DatabaseQueue(path: path)
            defer { try? q.close() }
            return try q.read { db in try Int.fetchOne(db, sql: sql)! }
        }
        return try database.read { db in try Int.fetchOne(db, sql: sql)! }
    }

    static func bytes(_ n: Int, seed: Int) -> [UInt8] {
        (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ seed &* 7 &+ ($0 >> 8)) }
    }
}

struct BackupTests {
    @Test func aBackupTakenWhileOthersWriteRestoresEveryRowAndFileItRefersTo() throws {
        let live = try Installation()
        for i in 0..<5 { try live.addDocument(lead: live.leads[i], Installation.bytes(20_000 + i, seed: i)) }
        let before = (comments: try live.count("SELECT count(*) FROM comments"), documents: try live.count("SELECT count(*) FROM documents"))

        // Writers keep adding comments and documents while the backup runs.
        let stop = ManagedAtomicFlag()
        let written = LockedCounter()
        let writer = Thread {
            var i = 0
            while !stop.isSet {
                i += 1
                let lead = live.leads[i % live.leads.count]
                do {
                    _ = try live.database.addComment(leadID: lead, body: "tijdens de back-up \(i)", by: live.admin, now: Instant(seconds: 1_784_116_900))
                    try live.addDocument(lead: lead, Installation.bytes(5_000 + i, seed: 100 + i))
                    written.add()
                } catch {
                    Issue.record("write failed during the backup: \(error)")
                    return
                }
            }
        }
        writer.start()
        while written.value < 3 { usleep(1_000) }
        let report = try Backup.make(database: live.databasePath, documents: live.documentsPath, to: live.dir + "/backups/first")
        let duringBackup = written.value
        stop.set()
        while !writer.isFinished { usleep(1_000) }
        #expect(written.value > 3, "the writer kept writing")
        #expect(report.attempts == 1)

        let m = report.manifest
        let backupDB = live.dir + "/backups/first/" + BackupLayout.database
        // The copy holds at least what was committed before it started, and is one moment.
        #expect(m.documents >= before.documents + 3)
        #expect(try live.count("SELECT count(*) FROM comments", in: backupDB) >= before.comments + 3)
        #expect(m.documents == (try live.count("SELECT count(*) FROM documents", in: backupDB)))
        #expect(m.files == (try live.count("SELECT count(DISTINCT sha256) FROM documents", in: backupDB)))
        #expect(m.leads == live.leads.count)
        #expect(m.documents <= before.documents + duringBackup + 1)
        #expect(try Backup.verify(live.dir + "/backups/first") == m)
        #expect(!FileManager.default.fileExists(atPath: live.dir + "/backups/.first.partial-\(getpid())"))

        // Restored into a fresh location: every document's file is there with its content.
        let restoredDB = live.dir + "/restored/db/showroom.sqlite"
        let restoredDocs = live.dir + "/restored/documents"
        #expect(try Backup.restore(from: live.dir + "/backups/first", database: restoredDB, documents: restoredDocs) == m)
        let restored = try AppDatabase(path: restoredDB)
        let rows = try restored.read { db in try Row.fetchAll(db, sql: "SELECT sha256, size FROM documents") }
        #expect(rows.count == m.documents)
        let store = FileStore(root: restoredDocs)
        for row in rows {
            let sha: String = row["sha256"]
            let path = try store.path(of: sha)
            #expect(try Backup.hashFile(path) == sha)
            #expect(Backup.fileSize(path) == row["size"] as Int64)
        }
        #expect(store.storedDigests().count == m.files, "no file without its row")
        #expect(try restored.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") } == ["ok"])
    }

    @Test func aDocumentDeletedWhileTheBackupRunsMakesItTakeAFreshCopy() throws {
        let live = try Installation()
        let kept = try live.addDocument(lead: live.leads[0], Installation.bytes(10_000, seed: 1))
        let doomed = try live.addDocument(lead: live.leads[1], Installation.bytes(10_000, seed: 2))
        let report = try Backup.make(database: live.databasePath, documents: live.documentsPath, to: live.dir + "/b", attempts: 3, now: Date(),
                                     afterCopy: { attempt in if attempt == 1 { try live.deleteDocument(doomed.id) } })
        #expect(report.attempts == 2)
        #expect(report.manifest.files == 1)
        #expect(FileStore(root: live.dir + "/b/documents").storedDigests() == [kept.sha])
        _ = try Backup.verify(live.dir + "/b")
    }

    @Test func aFileMissingFromTheLiveFolderFailsTheBackupAndLeavesNothing() throws {
        let live = try Installation()
        let lost = try live.addDocument(lead: live.leads[0], Installation.bytes(10_000, seed: 3))
        try live.store.withLock { try live.store.remove(lost.sha) }
        #expect(throws: BackupError.missingFiles([lost.sha], attempts: 2)) {
            try Backup.make(database: live.databasePath, documents: live.documentsPath, to: live.dir + "/b", attempts: 2)
        }
        #expect(!FileManager.default.fileExists(atPath: live.dir + "/b"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: live.dir).sorted() == ["live"], "no partial folder left")
    }

    @Test func aBackupNeverWritesIntoAFolderThatHoldsSomething() throws {
        let live = try Installation(leads: 3)
        try FileManager.default.createDirectory(atPath: live.dir + "/b", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: live.dir + "/b/notes.txt", contents: Data("mine".utf8))
        #expect(throws: BackupError.destinationNotEmpty(live.dir + "/b")) {
            try Backup.make(database: live.databasePath, documents: live.documentsPath, to: live.dir + "/b/")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: live.dir + "/b") == ["notes.txt"])
        // An empty folder is fine.
        try FileManager.default.createDirectory(atPath: live.dir + "/empty", withIntermediateDirectories: true)
        _ = try Backup.make(database: live.databasePath, documents: live.documentsPath, to: live.dir + "/empty")
        #expect(FileManager.default.fileExists(atPath: live.dir + "/empty/backup.json"))
    }

    @Test func restoreRefusesALiveDatabaseOrAFilledDocumentsFolderAndTouchesNothing() throws {
        let live = try Installation(leads: 5)
        try live.addDocument(lead: live.leads[0], Installation.bytes(3_000, seed: 4))
        _ = try Backup.make(database: live.databasePath, documents: live.documentsPath, to: live.dir + "/b")
        let liveBytes = try Data(contentsOf: URL(fileURLWithPath: live.databasePath))
        let liveFiles = live.store.storedDigests()

        // Over the live installation itself: refused (the database is open and served).
        #expect(throws: BackupError.self) {
            try Backup.restore(from: live.dir + "/b", database: live.databasePath, documents: live.documentsPath)
        }
        // Only its WAL is left (say the main file was moved): still refused.
        FileManager.default.createFile(atPath: live.dir + "/other.sqlite-wal", contents: Data())
        #expect(throws: BackupError.self) {
            try Backup.restore(from: live.dir + "/b", database: live.dir + "/other.sqlite", documents: live.dir + "/fresh-docs")
        }
        #expect(!FileManager.default.fileExists(atPath: live.dir + "/fresh-docs"))
        // A new database but the live documents folder: refused too.
        #expect(throws: BackupError.self) {
            try Backup.restore(from: live.dir + "/b", database: live.dir + "/new.sqlite", documents: live.documentsPath)
        }
        #expect(!FileManager.default.fileExists(atPath: live.dir + "/new.sqlite"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: live.databasePath)) == liveBytes)
        #expect(live.store.storedDigests() == liveFiles)
        #expect(live.database.isHealthy())
    }

    @Test func aDamagedBackupIsRefusedAndARestoreLeavesNothingHalfWritten() throws {
        let live = try Installation(leads: 5)
        let doc = try live.addDocument(lead: live.leads[0], Installation.bytes(3_000, seed: 5))
        try live.addDocument(lead: live.leads[1], Installation.bytes(4_000, seed: 6))
        _ = try Backup.make(database: live.databasePath, documents: live.documentsPath, to: live.dir + "/b")
        // One stored file of the backup changed on the backup disk.
        let path = try FileStore(root: live.dir + "/b/documents").path(of: doc.sha)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[10] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(throws: BackupError.self) { try Backup.verify(live.dir + "/b") }
        #expect(throws: BackupError.self) {
            try Backup.restore(from: live.dir + "/b", database: live.dir + "/r/showroom.sqlite", documents: live.dir + "/r/documents")
        }
        #expect(!FileManager.default.fileExists(atPath: live.dir + "/r/showroom.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: live.dir + "/r/documents"), "the documents folder it created is gone again")
        #expect((try FileManager.default.contentsOfDirectory(atPath: live.dir + "/r")).isEmpty)

        // The database copy changed: its SHA-256 no longer matches the manifest.
        _ = try Backup.make(database: live.databasePath, documents: live.documentsPath, to: live.dir + "/c")
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: live.dir + "/c/showroom.sqlite"))
        try handle.seek(toOffset: 5000)
        try handle.write(contentsOf: Data([0x42]))
        try handle.close()
        #expect(throws: BackupError.self) {
            try Backup.restore(from: live.dir + "/c", database: live.dir + "/r/showroom.sqlite", documents: live.dir + "/r/documents")
        }
        // A backup without its manifest (an unfinished one) is not a backup.
        try FileManager.default.removeItem(atPath: live.dir + "/c/backup.json")
        #expect(throws: BackupError.notABackup(live.dir + "/c", "backup.json is missing (an unfinished backup?)")) {
            try Backup.verify(live.dir + "/c")
        }
    }

    @Test func sessionsAreNotRestored() throws {
        let live = try Installation(leads: 3)
        try live.database.write { db in
            try db.execute(sql: "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) VALUES (x'01', ?, 'c', 0, 0, 99999999999)",
                           arguments: [live.admin.userID])
        }
        _ = try Backup.make(database: live.databasePath, documents: live.documentsPath, to: live.dir + "/b")
        #expect(try live.count("SELECT count(*) FROM sessions", in: live.dir + "/b/showroom.sqlite") == 1)
        _ = try Backup.restore(from: live.dir + "/b", database: live.dir + "/r.sqlite", documents: live.dir + "/r-docs")
        #expect(try live.count("SELECT count(*) FROM sessions", in: live.dir + "/r.sqlite") == 0)
        #expect(try live.count("SELECT count(*) FROM users", in: live.dir + "/r.sqlite") == (try live.count("SELECT count(*) FROM users")))
    }
}

final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return flag }
    func set() { lock.lock(); flag = true; lock.unlock() }
}

final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    var value: Int { lock.lock(); defer { lock.unlock() }; return n }
    func add() { lock.lock(); n += 1; lock.unlock() }
}
