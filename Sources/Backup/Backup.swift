import Documents
import Foundation
import Store
#if canImport(Glibc)
import Glibc
#endif

/// A backup folder: the database copy, the stored files it refers to (content-addressed,
/// as in the live documents folder) and a manifest that says what must be there.
///
///     DIR/showroom.sqlite
///     DIR/documents/ab/cdef…
///     DIR/backup.json
public enum BackupLayout {
    public static let database = "showroom.sqlite"
    public static let documents = "documents"
    public static let manifest = "backup.json"
}

/// What a backup holds, written last (as `backup.json`) and checked by `restore`.
public struct BackupManifest: Codable, Sendable, Equatable {
    public var format: Int
    /// When the database copy was taken (UTC, ISO 8601).
    public var created: String
    public var databaseSHA256: String
    public var databaseBytes: Int64
    public var migrations: [String]
    public var leads: Int
    /// Document rows in the copy, and the distinct stored files they refer to.
    public var documents: Int
    public var files: Int
    public var fileBytes: Int64
}

public enum BackupError: Error, Equatable, CustomStringConvertible {
    /// The destination of a backup exists and is not empty.
    case destinationNotEmpty(String)
    /// Files the database copy refers to that are not in the live documents folder, after
    /// the given number of fresh copies (a document deleted during the backup is not missing).
    case missingFiles([String], attempts: Int)
    /// A file whose content does not match its name (its SHA-256).
    case contentMismatch(String, expected: String, found: String)
    /// The folder is not a complete backup (the reason).
    case notABackup(String, String)
    /// Restore: the target is in use or not empty; nothing was touched.
    case refusingToOverwrite(String)
    case io(String)

    public var description: String {
        switch self {
        case .destinationNotEmpty(let p): return "\(p) exists and is not empty: give a new folder for each backup"
        case .missingFiles(let digests, let attempts):
            return "\(digests.count) stored file(s) referred to by the database are missing from the documents folder (after \(attempts) attempt(s)): \(digests.prefix(5).joined(separator: ", "))"
        case .contentMismatch(let p, let expected, let found): return "\(p): content does not match its name (expected SHA-256 \(expected), found \(found))"
        case .notABackup(let p, let why): return "\(p) is not a complete Showroom backup: \(why)"
        case .refusingToOverwrite(let why): return "refusing to restore: \(why)"
        case .io(let what): return what
        }
    }
}

public struct BackupReport: Sendable, Equatable {
    public var manifest: BackupManifest
    /// How many database copies were taken (more than one when a referenced file was
    /// deleted by a user while the backup ran).
    public var attempts: Int
}

/// Backup and restore of a Showroom installation (database + documents folder).
public enum Backup {
    /// Makes a backup in `destination` (created; it must not exist or be empty) while the
    /// responder keeps serving: a `VACUUM INTO` copy of the database (one consistent moment),
    /// then every stored file that copy refers to, each re-hashed on the way (a file whose
    /// content does not match its name fails the backup), synced. When a referenced file has
    /// gone in between (a user deleted the document), a fresh copy of the database is taken,
    /// up to `attempts` times. The copy must pass `PRAGMA integrity_check` and the foreign
    /// keys check, and the number of files must equal the number of distinct references.
    /// Everything is written into a hidden sibling folder first and renamed at the end: a
    /// `destination` that exists is complete.
    public static func make(database: String, documents: String, to destination: String, attempts: Int = 3,
                            now: Date = Date()) throws -> BackupReport {
        try make(database: database, documents: documents, to: destination, attempts: attempts, now: now, afterCopy: { _ in })
    }

    /// `afterCopy(attempt)` runs between the database copy and the copying of its files (tests
    /// delete a document there, as a user could).
    static func make(database: String, documents: String, to destination: String, attempts: Int, now: Date,
                     afterCopy: (Int) throws -> Void) throws -> BackupReport {
        let dest = trimmed(destination)
        if FileManager.default.fileExists(atPath: dest) {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: dest)) ?? ["?"]
            guard entries.isEmpty else { throw BackupError.destinationNotEmpty(dest) }
        }
        guard FileManager.default.fileExists(atPath: database) else { throw BackupError.io("no database at \(database)") }
        let parent = (dest as NSString).deletingLastPathComponent.isEmpty ? "." : (dest as NSString).deletingLastPathComponent
        try createDirectory(parent)
        let work = parent + "/." + (dest as NSString).lastPathComponent + ".partial-\(getpid())"
        try? FileManager.default.removeItem(atPath: work)
        try createDirectory(work)
        var finished = false
        defer { if !finished { try? FileManager.default.removeItem(atPath: work) } }

        let copyPath = work + "/" + BackupLayout.database
        let source = FileStore(root: trimmed(documents))
        let target = FileStore(root: work + "/" + BackupLayout.documents)
        do { try target.prepare() } catch { throw BackupError.io("\(target.root): \(error)") }

        var attempt = 0
        var summary: DatabaseCopy.Summary
        var taken = now
        while true {
            attempt += 1
            try? FileManager.default.removeItem(atPath: copyPath)
            taken = attempt == 1 ? now : Date()
            try DatabaseCopy.snapshot(of: database, into: copyPath)
            summary = try DatabaseCopy.verify(copyPath)
            try afterCopy(attempt)
            let wanted = Set(summary.documentDigests)
            // Files of an earlier attempt whose rows were deleted since: not in this copy.
            for digest in target.storedDigests() where !wanted.contains(digest) { try? target.remove(digest) }
            var missing: [String] = []
            for digest in summary.documentDigests where !target.contains(digest) {
                guard let from = try? source.path(of: digest) else { missing.append(digest); continue }
                guard try copyFile(from, digest: digest, into: target) else { missing.append(digest); continue }
            }
            if missing.isEmpty { break }
            if attempt >= attempts { throw BackupError.missingFiles(missing, attempts: attempt) }
        }
        let stored = target.storedDigests()
        guard stored == summary.documentDigests else {
            throw BackupError.io("file count check failed: \(stored.count) files copied, \(summary.documentDigests.count) referred to")
        }
        rmdir(target.root + "/tmp")
        var fileBytes: Int64 = 0
        for digest in stored { fileBytes += fileSize(try! target.path(of: digest)) }
        let manifest = BackupManifest(format: 1, created: iso8601(taken), databaseSHA256: try hashFile(copyPath),
                                      databaseBytes: fileSize(copyPath), migrations: summary.migrations, leads: summary.leads,
                                      documents: summary.documents, files: stored.count, fileBytes: fileBytes)
        try writeManifest(manifest, to: work + "/" + BackupLayout.manifest)
        try syncDirectory(work)
        if FileManager.default.fileExists(atPath: dest) { rmdir(dest) }  // empty (checked above)
        guard rename(work, dest) == 0 else { throw BackupError.io("rename \(work) → \(dest): \(String(cString: strerror(errno)))") }
        try syncDirectory(parent)
        finished = true
        return BackupReport(manifest: manifest, attempts: attempt)
    }

    /// Reads and checks a backup without changing anything: the manifest, the database's
    /// SHA-256 and integrity, and every file (present, and its content matching its name).
    public static func verify(_ folder: String) throws -> BackupManifest {
        let dir = trimmed(folder)
        let manifest = try readManifest(dir)
        let copy = dir + "/" + BackupLayout.database
        try checkDatabase(copy, against: manifest, in: dir)
        let summary = try DatabaseCopy.verify(copy)
        let store = FileStore(root: dir + "/" + BackupLayout.documents)
        for digest in summary.documentDigests {
            let path = try store.path(of: digest)
            guard FileManager.default.fileExists(atPath: path) else { throw BackupError.notABackup(dir, "file \(digest) is missing") }
            let found = try hashFile(path)
            guard found == digest else { throw BackupError.contentMismatch(path, expected: digest, found: found) }
        }
        return manifest
    }

    /// Brings a backup back into an empty location: `database` must not exist (nor its WAL
    /// files) and `documents` must be missing or empty — a live installation is never
    /// overwritten. The backup is checked first (manifest, SHA-256 and integrity of the
    /// database); each file is re-hashed as it is copied; the database arrives last, under a
    /// temporary name, and takes its final name with `link` (which cannot replace a file that
    /// appeared meanwhile). Sessions are not restored: everyone signs in again. On any
    /// failure what was created is removed.
    public static func restore(from folder: String, database: String, documents: String, group: String? = nil) throws -> BackupManifest {
        let dir = trimmed(folder)
        let docs = trimmed(documents)
        let manifest = try readManifest(dir)
        for suffix in ["", "-wal", "-shm", "-journal"] where FileManager.default.fileExists(atPath: database + suffix) {
            throw BackupError.refusingToOverwrite("\(database + suffix) exists — a database is there (perhaps live); move it away first or choose another path")
        }
        var createdDocuments = false
        if FileManager.default.fileExists(atPath: docs) {
            let entries = ((try? FileManager.default.contentsOfDirectory(atPath: docs)) ?? ["?"]).filter { $0 != ".lock" && $0 != "tmp" }
            guard entries.isEmpty else { throw BackupError.refusingToOverwrite("\(docs) is not empty — choose an empty documents folder") }
        } else {
            createdDocuments = true
        }
        let copy = dir + "/" + BackupLayout.database
        try checkDatabase(copy, against: manifest, in: dir)
        let summary = try DatabaseCopy.verify(copy)
        guard summary.documentDigests.count == manifest.files else {
            throw BackupError.notABackup(dir, "the manifest counts \(manifest.files) files, the database refers to \(summary.documentDigests.count)")
        }

        let dbDir = (database as NSString).deletingLastPathComponent.isEmpty ? "." : (database as NSString).deletingLastPathComponent
        try createDirectory(dbDir)
        let temporary = database + ".restoring-\(getpid())"
        let target = FileStore(root: docs, group: group)
        var done = false
        defer {
            if !done {
                unlink(temporary)
                if createdDocuments { try? FileManager.default.removeItem(atPath: docs) } else {
                    for digest in target.storedDigests() { try? target.remove(digest) }
                }
            }
        }
        do { try target.prepare() } catch { throw BackupError.io("\(docs): \(error)") }
        let source = FileStore(root: dir + "/" + BackupLayout.documents)
        for digest in summary.documentDigests {
            let from = try source.path(of: digest)
            guard try copyFile(from, digest: digest, into: target) else { throw BackupError.notABackup(dir, "file \(digest) is missing") }
        }
        guard target.storedDigests() == summary.documentDigests else { throw BackupError.io("file count check failed after copying the documents") }

        let hash = try copyPlain(copy, to: temporary)
        guard hash == manifest.databaseSHA256 else { throw BackupError.contentMismatch(copy, expected: manifest.databaseSHA256, found: hash) }
        try DatabaseCopy.endSessions(temporary)
        _ = try DatabaseCopy.verify(temporary)
        try DatabaseCopy.syncFile(temporary)
        guard link(temporary, database) == 0 else {
            let e = errno
            throw e == EEXIST ? BackupError.refusingToOverwrite("\(database) appeared while restoring; left as it is")
                              : BackupError.io("link \(temporary) → \(database): \(String(cString: strerror(e)))")
        }
        unlink(temporary)
        try syncDirectory(dbDir)
        done = true
        return manifest
    }

    // MARK: - Files

    /// Copies the stored file at `path` into `store` under `digest`, re-hashing it: false
    /// when the source does not exist, `contentMismatch` when its content is not `digest`.
    static func copyFile(_ path: String, digest: String, into store: FileStore) throws -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        if fd < 0 {
            if errno == ENOENT { return false }
            throw BackupError.io("open \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let writer: BlobWriter
        do { writer = try store.beginWrite() } catch { throw BackupError.io("\(store.root): \(error)") }
        defer { writer.discard() }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer.baseAddress, buffer.count)
            if n < 0 {
                if errno == EINTR { continue }
                throw BackupError.io("read \(path): \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            do { try writer.write(UnsafeRawBufferPointer(rebasing: buffer[0..<n])) } catch { throw BackupError.io("\(store.root): \(error)") }
        }
        let found: String
        do { found = try writer.finish() } catch { throw BackupError.io("\(store.root): \(error)") }
        guard found == digest else { throw BackupError.contentMismatch(path, expected: digest, found: found) }
        do { _ = try store.withLock { try store.place(writer) } } catch { throw BackupError.io("\(store.root): \(error)") }
        return true
    }

    /// Copies a plain file (synced), returning the SHA-256 of what was copied.
    static func copyPlain(_ from: String, to: String) throws -> String {
        let input = open(from, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw BackupError.io("open \(from): \(String(cString: strerror(errno)))") }
        defer { close(input) }
        let output = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o640)
        guard output >= 0 else { throw BackupError.io("create \(to): \(String(cString: strerror(errno)))") }
        defer { close(output) }
        let hasher = ContentHasher()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = read(input, buffer.baseAddress, buffer.count)
            if n < 0 { if errno == EINTR { continue }; throw BackupError.io("read \(from): \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            var done = 0
            while done < n {
                let w = write(output, buffer.baseAddress! + done, n - done)
                if w < 0 { if errno == EINTR { continue }; throw BackupError.io("write \(to): \(String(cString: strerror(errno)))") }
                done += w
            }
        }
        guard fsync(output) == 0 else { throw BackupError.io("fsync \(to): \(String(cString: strerror(errno)))") }
        return hasher.finish()
    }

    static func hashFile(_ path: String) throws -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw BackupError.io("open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let hasher = ContentHasher()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer.baseAddress, buffer.count)
            if n < 0 { if errno == EINTR { continue }; throw BackupError.io("read \(path): \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
        return hasher.finish()
    }

    static func checkDatabase(_ copy: String, against manifest: BackupManifest, in dir: String) throws {
        guard FileManager.default.fileExists(atPath: copy) else { throw BackupError.notABackup(dir, "\(BackupLayout.database) is missing") }
        let hash = try hashFile(copy)
        guard hash == manifest.databaseSHA256 else { throw BackupError.contentMismatch(copy, expected: manifest.databaseSHA256, found: hash) }
    }

    static func readManifest(_ dir: String) throws -> BackupManifest {
        let path = dir + "/" + BackupLayout.manifest
        guard let data = FileManager.default.contents(atPath: path) else { throw BackupError.notABackup(dir, "\(BackupLayout.manifest) is missing (an unfinished backup?)") }
        guard let manifest = try? JSONDecoder().decode(BackupManifest.self, from: data) else { throw BackupError.notABackup(dir, "\(BackupLayout.manifest) cannot be read") }
        guard manifest.format == 1 else { throw BackupError.notABackup(dir, "format \(manifest.format) is not known to this version") }
        return manifest
    }

    static func writeManifest(_ manifest: BackupManifest, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(manifest)
        guard FileManager.default.createFile(atPath: path, contents: data + Data("\n".utf8)) else { throw BackupError.io("cannot write \(path)") }
        try DatabaseCopy.syncFile(path)
    }

    static func fileSize(_ path: String) -> Int64 {
        var st = stat()
        return stat(path, &st) == 0 ? Int64(st.st_size) : 0
    }

    static func createDirectory(_ path: String) throws {
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw BackupError.io("cannot create \(path): \(error.localizedDescription)")
        }
    }

    static func syncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw BackupError.io("open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw BackupError.io("fsync \(path): \(String(cString: strerror(errno)))") }
    }

    static func trimmed(_ path: String) -> String {
        var p = path
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        return p
    }

    static func iso8601(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date)
    }
}
