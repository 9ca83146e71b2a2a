import CFileIO
#if canImport(Glibc)
import Glibc
#endif

/// An upload on its way to the store: a temporary file in `root/tmp` that receives the bytes
/// as they arrive, while their SHA-256 is computed and the first 64 KiB are kept for type
/// detection. `finish()` makes it durable (fdatasync); `FileStore.place` then gives it its
/// name. A writer that is dropped before being placed removes its file: an upload that fails
/// half-way leaves nothing behind.
///
/// The file is held under an exclusive `flock` while open, so a start-up sweep (even in
/// another process) can tell a live upload from the leftover of a crash.
public final class BlobWriter {
    /// How many leading bytes are kept for the type detector.
    public static let headLimit = 64 * 1024
    /// Writeback to the disk is started every this many bytes, so the final sync is short.
    static let writebackEvery = 8 * 1024 * 1024

    public let temporaryPath: String
    private var fd: Int32
    private let hasher = ContentHasher()
    public private(set) var size = 0
    /// The first `headLimit` bytes.
    public private(set) var head: [UInt8] = []
    private var writebackFrom = 0
    /// The SHA-256 (hex), once finished.
    public private(set) var digest: String?
    var placed = false

    init(temporaryPath: String, fd: Int32) {
        self.temporaryPath = temporaryPath
        self.fd = fd
        head.reserveCapacity(4096)
    }

    deinit { discard() }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(FileStoreError) {
        guard fd >= 0, digest == nil else { throw .closed }
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        if head.count < Self.headLimit {
            head.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[0..<min(bytes.count, Self.headLimit - head.count)]))
        }
        hasher.update(bytes)
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, base + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw .io("write", errno)
            }
            done += n
        }
        size += bytes.count
        if size - writebackFrom >= Self.writebackEvery {
            _ = showroom_start_writeback(fd, Int64(writebackFrom), Int64(size - writebackFrom))
            writebackFrom = size
        }
    }

    public func write(_ bytes: [UInt8]) throws(FileStoreError) {
        let result: Result<Void, FileStoreError> = bytes.withUnsafeBytes { raw in Result { () throws(FileStoreError) in try write(raw) } }
        try result.get()
    }

    /// Flushes the file to the disk; returns its SHA-256 (hex). The file stays open, and
    /// locked, until it is placed or discarded.
    @discardableResult
    public func finish() throws(FileStoreError) -> String {
        if let digest { return digest }
        guard fd >= 0 else { throw .closed }
        guard fdatasync(fd) == 0 else { throw .io("fdatasync", errno) }
        let d = hasher.finish()
        digest = d
        return d
    }

    /// Called by the store once the file has its final name.
    func didPlace() {
        placed = true
        if fd >= 0 {
            close(fd)
            fd = -1
        }
    }

    /// Closes and removes the temporary file (nothing happens once it has been placed).
    public func discard() {
        guard !placed else { return }
        placed = true
        // Unlink first, while the lock still keeps a sweep away.
        unlink(temporaryPath)
        if fd >= 0 {
            close(fd)
            fd = -1
        }
    }
}
