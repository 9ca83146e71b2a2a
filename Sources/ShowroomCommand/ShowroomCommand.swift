import ArgumentParser
import Backup
import Documents
import FastCGI
import Foundation
import Logging
import Mail
import Pages
import Security
import Showroom
import Store
import Web

@main
struct ShowroomCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "showroom",
        abstract: "Showroom: the sales desk of a car dealership (FastCGI responder and tools).",
        subcommands: [Serve.self, Migrate.self, Demo.self, InsightsRebuild.self, UserCommand.self, ProfileCommand.self, BenchPDF.self,
                      BackupCommand.self, RestoreCommand.self])
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
    @Option(help: "Seconds without a request after which a session ends.")
    var sessionIdleSeconds: Int64 = SignInPolicy.defaultIdleSeconds
    @Option(help: "Seconds after sign-in after which a session ends in any case.")
    var sessionAbsoluteSeconds: Int64 = SignInPolicy.defaultAbsoluteSeconds
    @Option(help: "Directory of uploaded documents, outside any web root (nginx's internal /_files/ location points here).")
    var documents: String = "var/documents"
    @Option(help: "Most bytes the files of one upload may weigh together; nginx's client_max_body_size for uploads must be this plus 1 MiB.")
    var maxUploadBytes: Int = DocumentsConfiguration.defaultMaxUploadBytes
    @Option(help: "Directory where nginx leaves upload bodies it has received whole (the upload location's client_body_temp_path); bodies handed over as files are read only from there.")
    var uploadBodies: String?
    @Option(help: "Accepted document types, detected from the content: comma-separated MIME types (HTML, SVG, scripts and programs stay refused).")
    var documentTypes: String?

    @Option(help: "Seconds before the first retry of a mail the server put off (4xx, no connection); doubled after each further try.")
    var mailRetrySeconds: Int64 = 30
    @Option(help: "The longest wait between two tries of one mail, in seconds.")
    var mailRetryMaxSeconds: Int64 = 3600
    @Option(help: "Tries after which a mail the server keeps putting off is marked failed.")
    var mailMaxAttempts: Int = 12
    @Flag(help: "Do not deliver mail from this process (mails stay queued for another responder).")
    var noMailSender = false

    func validate() throws {
        guard (1...86_400).contains(mailRetrySeconds), (1...86_400).contains(mailRetryMaxSeconds), (1...1000).contains(mailMaxAttempts) else {
            throw ValidationError("--mail-retry-seconds and --mail-retry-max-seconds: 1…86400; --mail-max-attempts: 1…1000")
        }
        guard (1...64).contains(threads) else { throw ValidationError("--threads must be between 1 and 64") }
        guard (1...(8 << 30)).contains(maxUploadBytes) else { throw ValidationError("--max-upload-bytes must be between 1 and 8 GiB") }
        if let documentTypes, DocumentTypePolicy(list: documentTypes) == nil { throw ValidationError("--document-types: comma-separated MIME types, e.g. application/pdf,image/png") }
    }

    func run() throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        let logger = Logger(label: "showroom")
        let database = try db.open()
        var configuration = AppConfiguration(sessionIdleSeconds: sessionIdleSeconds, sessionAbsoluteSeconds: sessionAbsoluteSeconds)
        configuration.documents = DocumentsConfiguration(root: documents, group: socketGroup, maxUploadBytes: maxUploadBytes,
                                                         policy: documentTypes.flatMap(DocumentTypePolicy.init(list:)) ?? .standard)
        let store = configuration.documents.store
        let folderLock: FolderLock
        do {
            try store.prepare()
            folderLock = try FolderLock(directory: store.root)
        } catch {
            throw ValidationError("documents directory \(store.root): \(error)")
        }
        if let uploadBodies {
            var path = uploadBodies.hasPrefix("/") ? uploadBodies : FileManager.default.currentDirectoryPath + "/" + uploadBodies
            while path.count > 1, path.hasSuffix("/") { path.removeLast() }
            configuration.bodyFileDirectory = path
        }
        // libcurl is set up once, before any thread may use it.
        SMTPTransport.globalInit()
        let outboxSignal = OutboxSignal()
        configuration.outbox = outboxSignal
        let sender = OutboxSender(database: database, policy: OutboxPolicy(baseDelaySeconds: mailRetrySeconds, maxDelaySeconds: mailRetryMaxSeconds,
                                                                             maxAttempts: mailMaxAttempts),
                                  signal: outboxSignal, logger: logger)
        var senderStarted = false
        let app = ShowroomApp(database: database, logger: logger, configuration: configuration)
        let dir = (socket as NSString).deletingLastPathComponent
        if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        let edge = FastCGIAdapter(app, bodyFileDirectory: configuration.bodyFileDirectory)
        let server = FastCGIServer(socketPath: socket, threads: threads, socketGroup: socketGroup, logger: logger, handler: { edge.handle($0) })
        do {
            try server.run(whenListening: {
                // What a crash left behind (half-written uploads, files whose row never
                // committed) is swept only by the responder that owns the socket and is alone
                // on the documents folder: never by a second one, whose sweep could take a
                // live instance's files in flight.
                let swept = try folderLock.shareAfter {
                    (store.sweepTemporaryFiles(), try store.sweepOrphans(olderThan: 3600) { try database.isFileReferenced($0) })
                }
                // The outbox is delivered by the responder that owns the socket (the queue is
                // in the database: a restarted one picks up where the last one stopped).
                if !noMailSender {
                    sender.start()
                    senderStarted = true
                    logger.info("outbox sender started")
                }
                if let (temporary, orphans) = swept {
                    logger.info("documents ready", metadata: ["root": "\(store.root)", "temporary files swept": "\(temporary)", "orphans removed": "\(orphans)"])
                } else {
                    logger.info("documents shared with another running responder: housekeeping left to it", metadata: ["root": "\(store.root)"])
                }
            }, onReady: {
                if let pidFile { try? "\(getpid())\n".write(toFile: pidFile, atomically: true, encoding: .utf8) }
            })
        } catch let error as FastCGIServerError {
            // One clear line, no usage text: a second start is an everyday mistake.
            logger.error("\(error.description)")
            throw ExitCode(3)
        }
        if senderStarted { sender.stop() }
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

struct InsightsRebuild: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "insights-rebuild",
                                                    abstract: "Rebuild the insight summaries from the leads (after a bulk import that went around their triggers).")
    @OptionGroup var db: DatabaseOption

    func run() throws {
        let start = Date()
        try db.open().rebuildInsightSummaries()
        print(String(format: "insight summaries rebuilt in %.1f s (%@)", Date().timeIntervalSince(start), db.database))
    }
}

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Fill an empty database with realistic Belgian demo data.")
    @OptionGroup var db: DatabaseOption
    @Option(help: "How many leads to create (1 … 1,000,000).")
    var leads: Int = 2_000
    @Option(help: "Seed of the random generator: the same seed gives the same data.")
    var seed: UInt64 = 2026
    @Option(help: "SQLite page cache of the bulk load, in MiB (0 keeps SQLite's 2 MB).")
    var cacheMib: Int = 512
    @Option(help: "SQLite memory map of the bulk load, in MiB (0: none).")
    var mmapMib: Int = 0

    func validate() throws {
        guard (0...65_536).contains(cacheMib), (0...65_536).contains(mmapMib) else { throw ValidationError("--cache-mib and --mmap-mib must be between 0 and 65536") }
        guard (1...1_000_000).contains(leads) else { throw ValidationError("--leads must be between 1 and 1000000") }
    }

    func run() throws {
        let database = try db.open()
        let start = Date()
        var demo = DemoData(leadCount: leads, seed: seed, now: Instant(seconds: Int64(start.timeIntervalSince1970)),
                            hashPassword: { try PasswordHash(hashing: $0).encoded })
        demo.cacheMiB = cacheMib == 0 ? 2 : cacheMib
        demo.mmapMiB = mmapMib
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

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage users from the command line.",
                                                    subcommands: [CreateUser.self])
}

struct CreateUser: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a user; with --admin, one who may do everything (the first admin).")
    @OptionGroup var db: DatabaseOption
    @Option(help: "Sign-in name: 2-64 lower-case letters, digits, '.', '-' or '_'.")
    var username: String
    @Option(help: "The name shown to others.")
    var name: String
    @Option(help: "nl, fr or en.")
    var language: String = "nl"
    @Flag(help: "Give the user the Admin profile and every branch.")
    var admin = false
    @Flag(help: "Read the password from standard input instead of asking for it.")
    var passwordStdin = false

    func validate() throws {
        guard username.count >= 2, username.count <= 64, username.allSatisfy({ Set("abcdefghijklmnopqrstuvwxyz0123456789._-").contains($0) }) else {
            throw ValidationError("--username: 2-64 lower-case letters, digits, '.', '-' or '_'")
        }
        guard ["nl", "fr", "en"].contains(language) else { throw ValidationError("--language must be nl, fr or en") }
    }

    func run() throws {
        let password: String
        if passwordStdin {
            password = (readLine(strippingNewline: true) ?? "")
        } else {
            guard let p = getpass("Password for \(username): ") else { throw ValidationError("no password given") }
            password = String(cString: p)
        }
        guard password.count >= 10 else { throw ValidationError("a password has at least 10 characters") }
        let database = try db.open()
        let profiles = try database.profiles()
        let branches = try database.branches()
        let profileID = admin ? profiles.first(where: { $0.grants.contains(Grant(.usersManage)) })?.id : profiles.first?.id
        let id = try database.createUser(NewUser(username: username, displayName: name, email: "", language: language,
                                                 passwordHash: try PasswordHash(hashing: password).encoded, profileID: profileID,
                                                 branches: admin ? branches.map(\.id) : []),
                                         actor: nil, now: Instant(seconds: Int64(Date().timeIntervalSince1970)))
        print("user \(username) created (id \(id))")
    }
}

/// Times the application in-process (no socket, no nginx): how much server time a page costs.
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "profile", abstract: "Time a page in-process: server time per request, without socket or nginx.")
    @OptionGroup var db: DatabaseOption
    @Option(help: "The page to request.")
    var path: String = "/healthz"
    @Option(help: "Sign in first as this user (password from --password).")
    var user: String?
    @Option(help: "The password of --user.")
    var password: String = DemoData.password
    @Option(help: "How many requests to time.")
    var count: Int = 2000

    func run() throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        let app = ShowroomApp(database: try db.open(), logger: Logger(label: "profile"))
        var headers: [String: String] = [:]
        if let user {
            let form = app.respond(to: try Request(method: .get, target: "/login"))
            let cookie = form.headers.first { $0.0 == "Set-Cookie" }?.1.split(separator: ";").first.map(String.init) ?? ""
            let token = String(cookie.split(separator: "=").last ?? "")
            let body = "_csrf=\(token)&username=\(user)&password=\(password)"
            let signedIn = app.respond(to: try Request(method: .post, target: "/login",
                                                       headers: ["Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie], body: Array(body.utf8)))
            guard let session = signedIn.headers.first(where: { $0.0 == "Set-Cookie" && $0.1.contains("showroom_session=") })?.1.split(separator: ";").first else {
                throw ValidationError("sign-in failed")
            }
            headers["Cookie"] = String(session)
        }
        let request = try Request(method: .get, target: path, headers: headers)
        if request.segments.count == 2, request.segments[0] == "leads", let id = RecordID.parse(request.segments[1]) {
            // The store's share of a lead page: the read alone.
            let database = try db.open()
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<count { _ = try database.leadPage(id: id, visibleTo: Viewer(userID: 0, visibility: .all)) }
            print(String(format: "store.leadPage alone: %.1f µs", Double(DispatchTime.now().uptimeNanoseconds - start) / 1000 / Double(count)))
        }
        let first = app.respond(to: request)
        print("status \(first.status.code), \(first.bodyBytes.count) bytes")
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<count { _ = app.respond(to: request).bodyBytes.count }
        let micros = Double(DispatchTime.now().uptimeNanoseconds - start) / 1000 / Double(count)
        print(String(format: "%@: %.1f µs per request (%d requests, one thread)", path, micros, count))
    }
}

/// The FastCGI worker's exchange is the edge's: Web reads parameters and writes answers
/// through this protocol and knows nothing of libfcgi.
extension FastCGIExchange: GatewayExchange {}
