import Foundation
import Security
import Testing
@testable import Documents

/// A file store in a fresh temporary directory, removed afterwards.
final class TemporaryStore {
    let directory: String
    let store: FileStore

    init() throws {
        directory = NSTemporaryDirectory() + "showroom-filestore-" + UUID().uuidString
        store = FileStore(root: directory + "/documents")
        try store.prepare()
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    func temporaryFiles() -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: store.root + "/tmp")) ?? []
    }

    func contents(of digest: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: try store.path(of: digest))))
    }

    /// Writes `bytes` in pieces, finishes and places them (inside the lock).
    func store(_ bytes: [UInt8], piece: Int = 1000) throws -> FileStore.Placement {
        let writer = try store.beginWrite()
        var i = 0
        while i < bytes.count {
            try writer.write(Array(bytes[i..<min(bytes.count, i + piece)]))
            i += piece
        }
        try writer.finish()
        return try store.withLock { try store.place(writer) }
    }
}

struct FileStoreTests {
    @Test func aFileIsWrittenAsideThenAppearsWholeUnderItsHash() throws {
        let t = try TemporaryStore()
        let bytes = SampleFiles.pdf(padding: 200_000)
        let writer = try t.store.beginWrite()
        try writer.write(Array(bytes[0..<100_000]))
        // While it is written: a temporary file, and nothing under the final name.
        #expect(t.temporaryFiles().count == 1)
        #expect(t.store.storedDigests().isEmpty)
        try writer.write(Array(bytes[100_000...]))
        let digest = try writer.finish()
        #expect(digest == SHA256.hexDigest(bytes))
        #expect(!t.store.contains(digest))
        let placed = try t.store.withLock { try t.store.place(writer) }
        #expect(placed == FileStore.Placement(digest: digest, size: bytes.count, isNew: true))
        #expect(t.store.contains(digest))
        #expect(try t.contents(of: digest) == bytes)
        #expect(t.temporaryFiles().isEmpty)
        #expect(try t.store.relativePath(of: digest) == String(digest.prefix(2)) + "/" + String(digest.dropFirst(2)))
        #expect(t.store.storedDigests() == [digest])
    }

    @Test func aFileOfManyBuffersInOddPiecesArrivesWholeWithItsHash() throws {
        let t = try TemporaryStore()
        var random = SystemRandomNumberGenerator()
        let bytes = (0..<(5 * 1024 * 1024 + 17)).map { _ in UInt8.random(in: 0...255, using: &random) }
        let placed = try t.store(bytes, piece: 65_537)
        #expect(placed.digest == SHA256.hexDigest(bytes))
        #expect(placed.size == bytes.count)
        #expect(try t.contents(of: placed.digest) == bytes)
        // A finished writer takes no more bytes.
        let writer = try t.store.beginWrite()
        try writer.write([1, 2, 3])
        try writer.finish()
        #expect(throws: FileStoreError.closed) { try writer.write([4]) }
        writer.discard()
        #expect(t.temporaryFiles().isEmpty)
    }

    @Test func theHeadKeepsTheFirst64KiBForTheTypeDetector() throws {
        let t = try TemporaryStore()
        let bytes = SampleFiles.pdf(padding: 100_000)
        let writer = try t.store.beginWrite()
        try writer.write(bytes)
        #expect(writer.head == Array(bytes.prefix(BlobWriter.headLimit)))
        #expect(writer.size == bytes.count)
    }

    @Test func theSameContentIsStoredOnce() throws {
        let t = try TemporaryStore()
        let first = try t.store(SampleFiles.png())
        let second = try t.store(SampleFiles.png(), piece: 7)
        #expect(first.isNew && !second.isNew)
        #expect(first.digest == second.digest)
        #expect(t.store.storedDigests() == [first.digest])
        #expect(t.temporaryFiles().isEmpty)
        let other = try t.store(SampleFiles.jpeg())
        #expect(other.isNew)
        #expect(t.store.storedDigests().count == 2)
    }

    @Test func aWriterDroppedBeforeItIsPlacedLeavesNothing() throws {
        let t = try TemporaryStore()
        do {
            let writer = try t.store.beginWrite()
            try writer.write(SampleFiles.text)
            #expect(t.temporaryFiles().count == 1)
        }
        #expect(t.temporaryFiles().isEmpty)
        let finished = try t.store.beginWrite()
        try finished.write(SampleFiles.text)
        try finished.finish()
        finished.discard()
        #expect(t.temporaryFiles().isEmpty)
        #expect(t.store.storedDigests().isEmpty)
    }

    @Test func theSweepRemovesLeftoversButNotLiveUploads() throws {
        let t = try TemporaryStore()
        // What a crash leaves: files in tmp that nobody holds.
        for name in ["upload-crashed", "upload-other"] {
            #expect(FileManager.default.createFile(atPath: t.store.root + "/tmp/" + name, contents: Data([1, 2, 3])))
        }
        let live = try t.store.beginWrite()
        try live.write(SampleFiles.text)
        #expect(t.temporaryFiles().count == 3)
        #expect(t.store.sweepTemporaryFiles() == 2)
        #expect(t.temporaryFiles() == [(live.temporaryPath as NSString).lastPathComponent])
        // A second store on the same root sweeps too, and leaves the live upload alone.
        let again = FileStore(root: t.store.root)
        try again.prepare()
        #expect(again.sweepTemporaryFiles() == 0)
        try live.finish()
        #expect(t.store.sweepTemporaryFiles() == 0)
        let placed = try t.store.withLock { try t.store.place(live) }
        #expect(try t.contents(of: placed.digest) == SampleFiles.text)
    }

    @Test func removeDeletesTheFileAndAcceptsOnlyDigests() throws {
        let t = try TemporaryStore()
        let placed = try t.store(SampleFiles.csv)
        try t.store.withLock { try t.store.remove(placed.digest) }
        #expect(!t.store.contains(placed.digest))
        // Gone already is fine.
        try t.store.remove(placed.digest)
        #expect(throws: FileStoreError.badDigest) { try t.store.remove("../../etc/passwd") }
        #expect(throws: FileStoreError.badDigest) { try t.store.path(of: String(repeating: "A", count: 64)) }
        #expect(throws: FileStoreError.badDigest) { try t.store.relativePath(of: "ab") }
    }

    @Test func orphansAreSweptOnlyWhenOldAndUnreferenced() throws {
        let t = try TemporaryStore()
        let kept = try t.store(SampleFiles.png())
        let orphan = try t.store(SampleFiles.jpeg())
        let young = try t.store(SampleFiles.text)
        // Age two of them by an hour.
        for d in [kept.digest, orphan.digest] {
            var times = [timeval(tv_sec: time(nil) - 3600, tv_usec: 0), timeval(tv_sec: time(nil) - 3600, tv_usec: 0)]
            #expect(utimes(try t.store.path(of: d), &times) == 0)
        }
        let removed = t.store.sweepOrphans(olderThan: 600) { $0 == kept.digest }
        #expect(removed == 1)
        #expect(Set(t.store.storedDigests()) == [kept.digest, young.digest])
    }

    @Test func filesAreReadableByTheOwnerAndGroupOnly() throws {
        let t = try TemporaryStore()
        let placed = try t.store(SampleFiles.pdf())
        var st = stat()
        #expect(stat(try t.store.path(of: placed.digest), &st) == 0)
        #expect(st.st_mode & 0o777 == 0o640)
        #expect(stat(t.store.root, &st) == 0)
        #expect(st.st_mode & 0o7777 == 0o2750)
    }

    @Test func theHasherMatchesLibsodiumOnEveryLengthAndSplit() {
        var random = SystemRandomNumberGenerator()
        for length in [0, 1, 55, 56, 63, 64, 65, 1000, 70_000] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            let cut = length == 0 ? 0 : Int.random(in: 0...length, using: &random)
            let hasher = ContentHasher()
            bytes[..<cut].withUnsafeBytes { hasher.update($0) }
            bytes[cut...].withUnsafeBytes { hasher.update($0) }
            #expect(hasher.finish() == SHA256.hexDigest(bytes), "length \(length)")
        }
        #expect(ContentHasher.isDigest(SHA256.hexDigest([1])))
        #expect(!ContentHasher.isDigest("xyz"))
    }
}
