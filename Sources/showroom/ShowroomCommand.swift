import ArgumentParser
import FastCGI
import Foundation
import Logging
import Pages
import Showroom
import Store

@main
struct ShowroomCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "showroom",
        abstract: "Showroom: the sales desk of a car dealership (FastCGI responder and tools).",
        subcommands: [Serve.self, Migrate.self, Demo.self])
}

struct DatabaseOption: ParsableArguments {
    @Option(name: .long, help: "Path of the SQLite database file.")
    var database: String = "var/showroom.sqlite"

    func open() throws -> AppDatabase {
        let dir = (database as NSString).deletingLastPathComponent
        if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        return try AppDatabase(path: database)
    }
}

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve FastCGI requests on a unix socket until SIGTERM or SIGINT.")

    @OptionGroup var db: DatabaseOption
    @Option(help: "Path of the FastCGI unix socket.")
    var socket: String = "run/showroom.sock"
    @Option(help: "Number of worker threads.")
    var threads: Int = 6
    @Option(help: "Group that may use the socket (nginx's workers); ignored when it does not exist.")
    var socketGroup: String = "www-data"
    @Option(help: "Write the process id to this file once serving.")
    var pidFile: String?

    func validate() throws {
        guard (1...64).contains(threads) else { throw ValidationError("--threads must be between 1 and 64") }
    }

    func run() throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        let logger = Logger(label: "showroom")
        let database = try db.open()
        let app = ShowroomApp(database: database, logger: logger)
        let dir = (socket as NSString).deletingLastPathComponent
        if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        let server = FastCGIServer(socketPath: socket, threads: threads, socketGroup: socketGroup, logger: logger, handler: app.handle)
        do {
            try server.run(onReady: {
                if let pidFile { try? "\(getpid())\n".write(toFile: pidFile, atomically: true, encoding: .utf8) }
            })
        } catch let error as FastCGIServerError {
            throw ValidationError(error.description)
        }
        if let pidFile { try? FileManager.default.removeItem(atPath: pidFile) }
    }
}

struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or upgrade the database schema, then exit.")
    @OptionGroup var db: DatabaseOption

    func run() throws {
        _ = try db.open()
        print("database ready: \(db.database)")
    }
}

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Fill an empty database with realistic Belgian demo data.")
    @OptionGroup var db: DatabaseOption
    @Option(help: "How many leads to create (1 … 1,000,000).")
    var leads: Int = 2_000
    @Option(help: "Seed of the random generator: the same seed gives the same data.")
    var seed: UInt64 = 2026

    func validate() throws {
        guard (1...1_000_000).contains(leads) else { throw ValidationError("--leads must be between 1 and 1000000") }
    }

    func run() throws {
        let database = try db.open()
        let start = Date()
        let demo = DemoData(leadCount: leads, seed: seed, now: Instant(seconds: Int64(start.timeIntervalSince1970)))
        let tty = isatty(1) == 1
        do {
            try demo.load(into: database) { done, total in
                let elapsed = Date().timeIntervalSince(start)
                let width = 30
                let filled = width * done / total
                let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
                let line = String(format: "[%@] %3d%%  %d/%d leads  %.1f s", bar, 100 * done / total, done, total, elapsed)
                if tty { FileHandle.standardOutput.write(Data(("\r" + line).utf8)) }
                else if done == total || done % 100_000 == 0 { print(line) }
            }
        } catch let error as DemoData.Failure {
            throw ValidationError(error.description)
        }
        if tty { print("") }
        print(String(format: "demo data ready: %d leads in %.1f s (%@)", leads, Date().timeIntervalSince(start), db.database))
    }
}
