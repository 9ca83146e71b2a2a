import Foundation
import Security
#if canImport(Glibc)
import Glibc
#endif

public enum FileStoreError: Error, Equatable, CustomStringConvertible {
    /// A system call failed (its name and errno).
    case io(String, Int32)
    /// A writer used after it was closed, or placed before it was finished.
    case closed
    /// A name that is not a SHA-256 in hex (never touched on disk).
    case badDigest

    public var description: String {
        switch self {
        case .io(let call, let code): return "\(call) failed: \(String(cString: strerror(code)))"
        case .closed: return "blob writer used after it was closed or before it was finished"
        case .badDigest: return "not a SHA-256 digest"
        }
    }
}

/// Uploaded files on disk, outside any web root, named by the SHA-256 of their content:
/// `root/ab/cdef…` (the first two hex digits make a directory). The same content is stored
/// once. A file is written to `root/tmp`, synced, then renamed into place (and the directory
/// synced), so a name in the store always stands for complete, durable content.
///
/// Placing a file and committing the row that refers to it, and deleting a row and removing
/// its file, must not interleave: callers do both inside `withLock`.
public final class FileStore: @unchecked Sendable {
    public let root: String
    /// The group given read access (nginx's workers), when it exists and may be set.
    public let group: String?
    private let lock = NSLock()

    public init(root: String, group: String? = nil) {
        var r = root
        while r.count > 1 && r.hasSuffix("/") { r.removeLast() }
        self.root = r
        self.group = group
    }

    var temporaryDirectory: String { root + "/tmp" }

    /// Creates the directories (group-readable, setgid so files inherit the group). Sweeping
    /// what a crash left is separate (`sweepTemporaryFiles`, `sweepOrphans`): only the one
    /// process that holds the folder's `FolderLock` alone may do it.
    public func prepare() throws(FileStoreError) {
        let parent = (root as NSString).deletingLastPathComponent
        if !parent.isEmpty { try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true) }
        try makeDirectory(root, fixUp: true)
        try makeDirectory(temporaryDirectory, fixUp: true)
    }

    /// Opens a new temporary file for an upload.
    public func beginWrite() throws(FileStoreError) -> BlobWriter {
        try makeDirectory(root, fixUp: false)
        try makeDirectory(temporaryDirectory, fixUp: false)
        while true {
            let path = temporaryDirectory + "/upload-" + SecureToken.random().text
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o640)
            if fd < 0 {
                if errno == EEXIST || errno == EINTR { continue }
                throw .io("open", errno)
            }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
                let e = errno
                close(fd)
                unlink(path)
                throw .io("flock", e)
            }
            return BlobWriter(temporaryPath: path, fd: fd)
        }
    }

    /// `ab/cdef…`: where the file of `digest` lies below the root (and below nginx's
    /// internal `/_files/` location).
    public func relativePath(of digest: String) throws(FileStoreError) -> String {
        guard ContentHasher.isDigest(digest) else { throw .badDigest }
        return String(digest.prefix(2)) + "/" + String(digest.dropFirst(2))
    }

    public func path(of digest: String) throws(FileStoreError) -> String {
        root + "/" + (try relativePath(of: digest))
    }

    public func contains(_ digest: String) -> Bool {
        guard let p = try? path(of: digest) else { return false }
        return access(p, F_OK) == 0
    }

    public struct Placement: Equatable, Sendable {
        public let digest: String
        public let size: Int
        /// False when the same content was already stored (the upload's file was dropped).
        public let isNew: Bool
    }

    /// Gives a finished writer's file its content-addressed name, or drops it when the same
    /// content is already stored. Call inside `withLock`, together with the database commit.
    public func place(_ writer: BlobWriter) throws(FileStoreError) -> Placement {
        guard let digest = writer.digest else { throw .closed }
        let directory = root + "/" + String(digest.prefix(2))
        try makeDirectory(directory, fixUp: false)
        let final = try path(of: digest)
        if access(final, F_OK) == 0 {
            // Refresh its time: the orphan sweep leaves recently used files alone.
            utimes(final, nil)
            writer.discard()
            return Placement(digest: digest, size: writer.size, isNew: false)
        }
        guard rename(writer.temporaryPath, final) == 0 else { throw .io("rename", errno) }
        writer.didPlace()
        try syncDirectory(directory)
        return Placement(digest: digest, size: writer.size, isNew: true)
    }

    /// Removes the file of `digest` (gone already is fine). Call inside `withLock`, after
    /// checking that no row refers to it any more.
    public func remove(_ digest: String) throws(FileStoreError) {
        let p = try path(of: digest)
        if unlink(p) != 0 && errno != ENOENT { throw .io("unlink", errno) }
        try? syncDirectory(root + "/" + String(digest.prefix(2)))
    }

    public func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Removes files in `tmp` that no live upload holds (their `flock` is free): what a
    /// crash left. Returns how many were removed.
    @discardableResult
    public func sweepTemporaryFiles() -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: temporaryDirectory) else { return 0 }
        var removed = 0
        for name in names {
            let path = temporaryDirectory + "/" + name
            let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
            if fd < 0 {
                // Not a regular file we can open (a symlink, say): nothing of ours; remove it.
                if errno == ELOOP, unlink(path) == 0 { removed += 1 }
                continue
            }
            if flock(fd, LOCK_EX | LOCK_NB) == 0, unlink(path) == 0 { removed += 1 }
            close(fd)
        }
        return removed
    }

    /// Every digest stored (for the orphan sweep and for tests).
    public func storedDigests() -> [String] {
        let fm = FileManager.default
        guard let dirs = try? fm.contentsOfDirectory(atPath: root) else { return [] }
        var out: [String] = []
        for dir in dirs where dir.utf8.count == 2 {
            guard let names = try? fm.contentsOfDirectory(atPath: root + "/" + dir) else { continue }
            for name in names where ContentHasher.isDigest(dir + name) { out.append(dir + name) }
        }
        return out.sorted()
    }

    /// Removes stored files that no row refers to and that were not touched for
    /// `olderThan` seconds (a crash between placing a file and committing its row leaves
    /// such a file). Returns how many were removed.
    @discardableResult
    public func sweepOrphans(olderThan seconds: Int, isReferenced: (String) throws -> Bool) rethrows -> Int {
        let limit = time(nil) - seconds
        var removed = 0
        for digest in storedDigests() {
            guard let p = try? path(of: digest) else { continue }
            var st = stat()
            guard stat(p, &st) == 0, st.st_mtim.tv_sec < limit else { continue }
            try withLock {
                if try !isReferenced(digest) {
                    try? remove(digest)
                    removed += 1
                }
            }
        }
        return removed
    }

    // MARK: - Directories

    private func makeDirectory(_ path: String, fixUp: Bool) throws(FileStoreError) {
        if mkdir(path, 0o750) == 0 {
            try? syncDirectory((path as NSString).deletingLastPathComponent)
        } else if errno != EEXIST {
            throw .io("mkdir", errno)
        } else if !fixUp {
            return
        }
        // setgid: files and directories made inside inherit the group.
        chmod(path, 0o2750)
        if let group, let g = getgrnam(group) {
            chown(path, uid_t.max, g.pointee.gr_gid)
        }
    }

    private func syncDirectory(_ path: String) throws(FileStoreError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .io("open", errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .io("fsync", errno) }
    }
}
