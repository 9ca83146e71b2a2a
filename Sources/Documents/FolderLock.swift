import Glibc

/// Who may tidy a documents folder. Every responder using the folder holds a shared `flock`
/// on `root/.lock` while it runs; start-up housekeeping (sweeping temporary files and
/// unreferenced files) runs only when the lock can be had exclusively, i.e. when no other
/// responder uses the folder — so a second instance can never sweep away a live one's files.
public final class FolderLock {
    public let path: String
    private let fd: Int32
    private var held = false

    /// Opens (creating it when missing) the lock file of `directory`; takes no lock yet.
    public init(directory: String) throws(FileStoreError) {
        path = directory + "/.lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o640)
        guard fd >= 0 else { throw FileStoreError.io("open", errno) }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Runs `housekeeping` when no other process uses the folder, then keeps a shared lock for
    /// this process's lifetime (also when another one uses it and housekeeping was skipped).
    /// Returns what `housekeeping` returned, or nil when it was skipped.
    public func shareAfter<T>(housekeeping: () throws -> T) throws -> T? {
        precondition(!held, "FolderLock is taken once")
        var result: T?
        if flock(fd, LOCK_EX | LOCK_NB) == 0 {
            do {
                result = try housekeeping()
            } catch {
                _ = flock(fd, LOCK_UN)
                throw error
            }
        }
        // From exclusive to shared, or straight to shared: waits only while another process
        // is doing its own housekeeping.
        while flock(fd, LOCK_SH) != 0 {
            guard errno == EINTR else { throw FileStoreError.io("flock", errno) }
        }
        held = true
        return result
    }
}
