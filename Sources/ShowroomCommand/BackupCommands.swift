import ArgumentParser
import Backup
import Foundation

/// `showroom backup --to DIR`: a consistent copy of the database and the documents it refers
/// to, taken while the responder keeps serving (see `Backup.make`).
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database and its documents into a new folder while Showroom keeps running; verified before it ends.")
    @Option(help: "Path of the SQLite database file.")
    var database: String = "var/showroom.sqlite"
    @Option(help: "The documents directory (as given to serve).")
    var documents: String = "var/documents"
    @Option(help: "The backup folder to create (must not exist, or be empty).")
    var to: String
    @Flag(help: "Also re-read the finished backup and check every file (slower).")
    var verify = false

    func run() throws {
        let start = Date()
        do {
            let report = try Backup.make(database: database, documents: documents, to: to)
            let m = report.manifest
            if verify { _ = try Backup.verify(to) }
            print(String(format: "backup ready in %@ (%.1f s): database %@ (%d leads, %d documents, integrity ok), %d files (%@)%@%@",
                         to, Date().timeIntervalSince(start), bytes(m.databaseBytes), m.leads, m.documents, m.files, bytes(m.fileBytes),
                         report.attempts > 1 ? ", \(report.attempts) database copies (documents were deleted meanwhile)" : "",
                         verify ? ", verified" : ""))
        } catch let error as BackupError {
            throw fail(error.description)
        } catch {
            throw fail("\(error)")
        }
    }
}

/// `showroom restore --from DIR --database … --documents …`: into an empty location only.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Bring a backup back into a new database file and an empty documents folder (never over an existing one).")
    @Option(help: "The backup folder (made by `showroom backup`).")
    var from: String
    @Option(help: "Path of the database file to create (must not exist).")
    var database: String
    @Option(help: "The documents directory to fill (must be missing or empty).")
    var documents: String
    @Option(help: "Group given read access to the documents (nginx's workers); ignored when it does not exist.")
    var group: String = "www-data"

    func run() throws {
        let start = Date()
        do {
            let m = try Backup.restore(from: from, database: database, documents: documents,
                                       group: getgrnam(group) != nil ? group : nil)
            print(String(format: "restored the backup of %@ in %.1f s: %@ (%d leads, %d documents, integrity ok), %d files in %@; sessions were not restored",
                         m.created, Date().timeIntervalSince(start), database, m.leads, m.documents, m.files, documents))
        } catch let error as BackupError {
            throw fail(error.description)
        } catch {
            throw fail("\(error)")
        }
    }
}

private func bytes(_ n: Int64) -> String {
    n >= 10 << 20 ? String(format: "%.0f MiB", Double(n) / 1048576) : n >= 10 << 10 ? String(format: "%.0f KiB", Double(n) / 1024) : "\(n) bytes"
}

/// One line on standard error and exit status 1 (no usage text: the arguments were fine).
private func fail(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data("showroom: \(message)\n".utf8))
    return ExitCode(1)
}
