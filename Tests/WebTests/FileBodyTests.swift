import Foundation
import Testing
@testable import Web

/// A body nginx received whole into a file: read only from the folder the responder was given.
struct FileBodyTests {
    private func folder() throws -> String {
        let dir = NSTemporaryDirectory() + "showroom-filebody-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    private func readAll(_ body: FileBody) -> [UInt8] {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 7) // odd pieces on purpose
        while true {
            let n = chunk.withUnsafeMutableBytes { body.read(into: $0) }
            if n == 0 { return out }
            out += chunk[0..<n]
        }
    }

    @Test func aFileDirectlyInTheFolderIsReadWhole() throws {
        let dir = try folder()
        let bytes = (0..<1000).map { UInt8($0 % 251) }
        #expect(FileManager.default.createFile(atPath: dir + "/0000000001", contents: Data(bytes)))
        let body = try #require(FileBody(path: dir + "/0000000001", inside: dir))
        #expect(readAll(body) == bytes)
    }

    @Test(arguments: ["/etc/passwd", "{dir}/../x", "{dir}/sub/0000000001", "{dir}", "{dir}/", "{dir}/..", "{dir}-other/1", "{dir}/link", "{dir}/sub", "{dir}/missing"])
    func anythingElseIsRefused(_ template: String) throws {
        let dir = try folder()
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: dir + "/sub/0000000001", contents: Data("x".utf8)))
        try FileManager.default.createSymbolicLink(atPath: dir + "/link", withDestinationPath: "/etc/passwd")
        #expect(FileBody(path: template.replacingOccurrences(of: "{dir}", with: dir), inside: dir) == nil)
    }

    @Test func aRelativeFolderIsRefused() {
        #expect(FileBody(path: "tmp/uploads/1", inside: "tmp/uploads") == nil)
    }
}
