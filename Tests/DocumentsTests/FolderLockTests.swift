import Documents
import Foundation
import Glibc
import Testing

/// The documents folder's owner lock: housekeeping runs only for the process that is alone.
/// A second `FolderLock` on the same folder stands for a second responder (flock locks
/// belong to the open file, so two opens in one process conflict as two processes do).
@Suite struct FolderLockTests {
    private func folder() throws -> String {
        let dir = NSTemporaryDirectory() + "showroom-folderlock-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func theFirstProcessDoesTheHousekeepingAndTheSecondSkipsIt() throws {
        let dir = try folder()
        let first = try FolderLock(directory: dir)
        #expect(try first.shareAfter { "swept" } == "swept")
        let second = try FolderLock(directory: dir)
        var ran = false
        let result: String? = try second.shareAfter { ran = true; return "swept" }
        #expect(result == nil)
        #expect(!ran)
    }

    @Test func housekeepingRunsAgainOnceTheOtherProcessHasGone() throws {
        let dir = try folder()
        var first: FolderLock? = try FolderLock(directory: dir)
        _ = try first!.shareAfter { 1 }
        first = nil // the process ended: its lock is released with the file
        let next = try FolderLock(directory: dir)
        #expect(try next.shareAfter { 2 } == 2)
    }

    @Test func aProcessThatSkippedHousekeepingStillKeepsOthersFromSweeping() throws {
        let dir = try folder()
        var first: FolderLock? = try FolderLock(directory: dir)
        _ = try first!.shareAfter { 1 }
        let second = try FolderLock(directory: dir)
        #expect(try second.shareAfter { 2 } == nil)
        // The first one restarts while the second still runs: it must not sweep.
        first = nil
        let restarted = try FolderLock(directory: dir)
        #expect(try restarted.shareAfter { 3 } == nil)
        withExtendedLifetime(second) {}
    }

    @Test func aFailingHousekeepingReleasesTheLock() throws {
        struct Boom: Error {}
        let dir = try folder()
        let first = try FolderLock(directory: dir)
        #expect(throws: Boom.self) { try first.shareAfter { throw Boom() } }
        let next = try FolderLock(directory: dir)
        #expect(try next.shareAfter { 4 } == 4)
    }
}
