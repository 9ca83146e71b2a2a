import Documents
import Foundation
import GRDB
import Logging
@testable import Pages
import Security
import Showroom
import Store
import Testing
@testable import Web

/// The documents screens in-process: a demo database in memory, a file store in a fresh
/// temporary directory, requests straight to `respond(to:)`.
final class DocumentsApp {
    let directory: String
    let database: AppDatabase
    let app: ShowroomApp
    let config: DocumentsConfiguration
    static let now = Instant(seconds: 1_784_116_800)

    struct Session { let cookie: String; let csrf: String; let userID: Int64 }

    init(maxUploadBytes: Int = 1024 * 1024) throws {
        directory = NSTemporaryDirectory() + "showroom-docpages-" + UUID().uuidString
        database = try AppDatabase(inMemory: ())
        try DemoData(leadCount: 80, seed: 1, now: Self.now, hashPassword: { _ in "test-hash" }).load(into: database)
        var configuration = AppConfiguration()
        configuration.documents = DocumentsConfiguration(root: directory + "/documents", maxUploadBytes: maxUploadBytes)
        try configuration.documents.store.prepare()
        config = configuration.documents
        var logger = Logger(label: "documents-page-tests")
        logger.logLevel = .critical
        app = ShowroomApp(database: database, logger: logger, configuration: configuration, clock: { DocumentsApp.now })
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    func session(_ username: String) throws -> Session {
        let token = SecureToken.random()
        let csrf = SecureToken.random().text
        let id = try #require(try database.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM users WHERE username = ?", arguments: [username]) })
        try database.startSession(userID: id, tokenHash: token.storageHash, csrfToken: csrf, now: Self.now, absoluteSeconds: 86_400)
        return Session(cookie: "\(EdgeCookie.session.baseName)=\(token.text)", csrf: csrf, userID: id)
    }

    /// A lead `username` may see, and one of a branch they do not work in.
    func leads(visibleTo username: String) throws -> (mine: Int64, other: Int64) {
        let user = try #require(try database.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM users WHERE username = ?", arguments: [username]) })
        let mine = try #require(try database.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM leads WHERE responsible_id = ? ORDER BY id LIMIT 1", arguments: [user]) })
        let other = try #require(try database.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM leads WHERE branch_id NOT IN (SELECT branch_id FROM user_branches WHERE user_id = ?) ORDER BY id LIMIT 1", arguments: [user])
        })
        return (mine, other)
    }

    func request(_ method: HTTPMethod, _ target: String, as s: Session?, headers: [String: String] = [:], body: [UInt8] = []) throws -> Response {
        var h = headers
        if let s { h["Cookie"] = s.cookie }
        return app.respond(to: try Request(method: method, target: target, headers: h, body: body))
    }

    func get(_ target: String, as s: Session?) throws -> Response { try request(.get, target, as: s) }

    func head(_ target: String, as s: Session?) throws -> Response { try request(.head, target, as: s) }

    func post(_ target: String, as s: Session, form: [(String, String)], token: String? = nil) throws -> Response {
        let pairs = [("_csrf", token ?? s.csrf)] + form
        let body = pairs.map { PercentDecoding.encodeQueryValue($0.0) + "=" + PercentDecoding.encodeQueryValue($0.1) }.joined(separator: "&")
        return try request(.post, target, as: s, headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Array(body.utf8))
    }

    static let boundary = "----ShowroomTest9b2"

    enum Part {
        case field(String, String)
        case file(String, filename: String, [UInt8])
    }

    static func body(_ parts: [Part]) -> [UInt8] {
        var out: [UInt8] = []
        for p in parts {
            out += Array("--\(boundary)\r\n".utf8)
            switch p {
            case .field(let name, let value):
                out += Array("Content-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
            case .file(let name, let filename, let bytes):
                out += Array("Content-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
                out += bytes + Array("\r\n".utf8)
            }
        }
        return out + Array("--\(boundary)--\r\n".utf8)
    }

    /// POSTs an upload: the session's token first, a title, and the files.
    func upload(_ lead: Int64, as s: Session, title: String = "Rijbewijs", files: [(String, [UInt8])]) throws -> Response {
        try uploadRaw(lead, as: s, body: Self.body([.field("_csrf", s.csrf), .field("title", title)] + files.map { .file("files", filename: $0.0, $0.1) }))
    }

    func uploadRaw(_ lead: Int64, as s: Session, body: [UInt8], headers: [String: String] = [:]) throws -> Response {
        var h = ["Content-Type": "multipart/form-data; boundary=\(Self.boundary)"]
        for (k, v) in headers { h[k] = v }
        return try request(.post, "/leads/\(lead)/documents", as: s, headers: h, body: body)
    }

    var storedFiles: [String] { config.store.storedDigests() }
    var temporaryFiles: [String] { (try? FileManager.default.contentsOfDirectory(atPath: config.store.root + "/tmp")) ?? [] }

    func documentRows(_ lead: Int64) throws -> [DocumentEntry] { try database.documents(leadID: lead, visibleTo: seeing(.all)) ?? [] }

    func count(_ sql: String, _ args: StatementArguments = []) throws -> Int64 {
        try database.read { db in try Int64.fetchOne(db, sql: sql, arguments: args) ?? -1 }
    }
}

extension Response {
    var text: String { String(decoding: bodyBytes, as: UTF8.self) }
}

struct DocumentsPageTests {
    @Test func anUploadIsStoredTypedFromItsContentAndLandsOnTheTimeline() throws {
        let t = try DocumentsApp()
        let sofie = try t.session("sofie")
        let lead = try t.leads(visibleTo: "sofie").mine
        let r = try t.upload(lead, as: sofie, files: [("scan.pdf", SampleFiles.png()), ("Offerte é.pdf", SampleFiles.pdf())])
        #expect(r.status == .seeOther)
        #expect(r.header("Location") == "/leads/\(lead)#documents")
        let rows = try t.documentRows(lead)
        #expect(Set(rows.map(\.mimeType)) == ["image/png", "application/pdf"])
        #expect(Set(rows.map(\.originalName)) == ["scan.pdf", "Offerte é.pdf"])
        #expect(rows.allSatisfy { $0.title == "Rijbewijs" })
        #expect(Set(t.storedFiles) == Set(rows.map(\.sha256)))
        #expect(t.temporaryFiles.isEmpty)
        #expect(try t.count("SELECT count(*) FROM timeline_events WHERE lead_id = ? AND kind = 'document_added'", [lead]) == 2)
        // The lead page lists them with a paperclip menu, and the timeline links to them.
        let page = try t.get("/leads/\(lead)", as: sofie).text
        for row in rows { #expect(page.contains("href=\"/documents/\(row.id)\" download")) }
        #expect(page.contains("class=\"paperclip\""))
        #expect(page.contains("action=\"/leads/\(lead)/documents\" enctype=\"multipart/form-data\""))
    }

    @Test func theTokenMustComeFirstAndBeTheSessionsOne() throws {
        let t = try DocumentsApp()
        let sofie = try t.session("sofie")
        let lead = try t.leads(visibleTo: "sofie").mine
        let bodies: [[UInt8]] = [
            DocumentsApp.body([.field("title", "x"), .field("_csrf", sofie.csrf), .file("files", filename: "a.png", SampleFiles.png())]),
            DocumentsApp.body([.file("files", filename: "a.png", SampleFiles.png()), .field("_csrf", sofie.csrf)]),
            DocumentsApp.body([.field("_csrf", SecureToken.random().text), .field("title", "x"), .file("files", filename: "a.png", SampleFiles.png())]),
            DocumentsApp.body([.field("title", "x")]),
        ]
        for body in bodies {
            let r = try t.uploadRaw(lead, as: sofie, body: body)
            #expect(r.status == .forbidden)
        }
        #expect(try t.documentRows(lead).isEmpty)
        #expect(t.storedFiles.isEmpty && t.temporaryFiles.isEmpty)
        // A cross-site post is refused before anything is read.
        let cross = try t.uploadRaw(lead, as: sofie, body: DocumentsApp.body([.field("_csrf", sofie.csrf)]), headers: ["Sec-Fetch-Site": "cross-site"])
        #expect(cross.status == .forbidden)
    }

    @Test func oneRefusedFileRefusesTheUploadAndSaysWhy() throws {
        let t = try DocumentsApp()
        let sofie = try t.session("sofie")
        let lead = try t.leads(visibleTo: "sofie").mine
        let elf = try SampleFiles.elf()
        let r = try t.upload(lead, as: sofie, files: [("good.png", SampleFiles.png()), ("photo.jpg", SampleFiles.html), ("notes.txt", elf),
                                                     ("logo.svg", SampleFiles.svg), ("run.sh", SampleFiles.shellScript), ("empty.txt", [])])
        #expect(r.status == .unprocessable)
        let html = r.text
        #expect(html.contains("Er werd niets opgeslagen"))
        #expect(html.contains("“photo.jpg” werd geweigerd: het is een webpagina (HTML)"))
        #expect(html.contains("“notes.txt” werd geweigerd: het is een programma"))
        #expect(html.contains("“logo.svg” werd geweigerd: een SVG-afbeelding"))
        #expect(html.contains("“run.sh” werd geweigerd: het is een script"))
        #expect(html.contains("“empty.txt” is leeg."))
        #expect(!html.contains("good.png"))
        // The title typed is shown again.
        #expect(html.contains("value=\"Rijbewijs\""))
        #expect(try t.documentRows(lead).isEmpty)
        #expect(t.storedFiles.isEmpty && t.temporaryFiles.isEmpty)
    }

    @Test func aTitleAndAtLeastOneFileAreRequired() throws {
        let t = try DocumentsApp()
        let sofie = try t.session("sofie")
        let lead = try t.leads(visibleTo: "sofie").mine
        let noTitle = try t.upload(lead, as: sofie, title: "  \r\n ", files: [("a.png", SampleFiles.png())])
        #expect(noTitle.status == .unprocessable)
        #expect(noTitle.text.contains("Dit veld is verplicht."))
        // An empty file input: a part with an empty name and no content.
        let noFile = try t.upload(lead, as: sofie, title: "Iets", files: [("", [])])
        #expect(noFile.status == .unprocessable)
        #expect(noFile.text.contains("Kies minstens één bestand."))
        #expect(noFile.text.contains("value=\"Iets\""))
        #expect(try t.documentRows(lead).isEmpty && t.storedFiles.isEmpty && t.temporaryFiles.isEmpty)
    }

    @Test func overTheLimitIs413WithAClearPageAndLeavesNothing() throws {
        let t = try DocumentsApp(maxUploadBytes: 100_000)
        let sofie = try t.session("sofie")
        let lead = try t.leads(visibleTo: "sofie").mine
        // The files together are over the limit (the body is within the room for the form).
        let big = SampleFiles.pdf(padding: 120_000)
        let r = try t.upload(lead, as: sofie, files: [("big.pdf", big)])
        #expect(r.status == .payloadTooLarge)
        #expect(r.text.contains("Te groot om op te laden"))
        #expect(r.text.contains("hoogstens 98 kB"))
        #expect(r.text.contains("href=\"/leads/\(lead)#documents\""))
        // A declared length over the limit is refused before anything is read.
        let declared = try t.uploadRaw(lead, as: sofie, body: DocumentsApp.body([.field("_csrf", sofie.csrf)]),
                                       headers: ["Content-Length": String(100_000 + DocumentsConfiguration.formOverheadBytes + 1)])
        #expect(declared.status == .payloadTooLarge)
        #expect(try t.documentRows(lead).isEmpty && t.storedFiles.isEmpty && t.temporaryFiles.isEmpty)
        // nginx's own 413 shows the same page, in the user's language.
        let page = try t.get("/_errors/413", as: try t.session("julien"))
        #expect(page.status == .payloadTooLarge)
        #expect(page.text.contains("Trop volumineux"))
    }

    @Test func aBodyCutHalfWayLeavesNothing() throws {
        let t = try DocumentsApp()
        let sofie = try t.session("sofie")
        let lead = try t.leads(visibleTo: "sofie").mine
        let full = DocumentsApp.body([.field("_csrf", sofie.csrf), .field("title", "Half"), .file("files", filename: "a.pdf", SampleFiles.pdf(padding: 50_000))])
        let r = try t.uploadRaw(lead, as: sofie, body: Array(full.prefix(full.count / 2)))
        #expect(r.status == .badRequest)
        #expect(try t.documentRows(lead).isEmpty && t.storedFiles.isEmpty && t.temporaryFiles.isEmpty)
    }

    @Test func theSameFileTwiceIsStoredOnceAndRemovedWithItsLastDocument() throws {
        let t = try DocumentsApp()
        let pieter = try t.session("pieter")
        let lead = try t.leads(visibleTo: "pieter").mine
        #expect(try t.upload(lead, as: pieter, title: "Eerste", files: [("a.pdf", SampleFiles.pdf())]).status == .seeOther)
        #expect(try t.upload(lead, as: pieter, title: "Tweede", files: [("b.pdf", SampleFiles.pdf())]).status == .seeOther)
        let rows = try t.documentRows(lead)
        #expect(rows.count == 2 && Set(rows.map(\.sha256)).count == 1)
        #expect(t.storedFiles.count == 1)
        #expect(try t.post("/documents/\(rows[0].id)/delete", as: pieter, form: []).status == .seeOther)
        #expect(t.storedFiles.count == 1)
        #expect(try t.post("/documents/\(rows[1].id)/delete", as: pieter, form: []).status == .seeOther)
        #expect(t.storedFiles.isEmpty)
        #expect(try t.count("SELECT count(*) FROM timeline_events WHERE lead_id = ? AND kind = 'document_deleted'", [lead]) == 2)
    }

    @Test func aDownloadIsHandedToNginxWithSafeHeadersAndRecorded() throws {
        let t = try DocumentsApp()
        let sofie = try t.session("sofie")
        let lead = try t.leads(visibleTo: "sofie").mine
        // As a browser sends it: quotes as %22 inside the quoted file name.
        _ = try t.upload(lead, as: sofie, title: "Foto", files: [("Überweisung %22x%22.pdf", SampleFiles.png())])
        let doc = try #require(try t.documentRows(lead).first)
        let r = try t.get("/documents/\(doc.id)", as: sofie)
        #expect(r.status == .ok)
        #expect(r.bodyBytes.isEmpty)
        #expect(r.header("X-Accel-Redirect") == "/_files/" + doc.sha256.prefix(2) + "/" + doc.sha256.dropFirst(2))
        #expect(r.header("Content-Type") == "image/png")
        #expect(r.header("Content-Disposition") == "attachment; filename=\"_berweisung _x_.png\"; filename*=UTF-8''%C3%9Cberweisung%20%22x%22.png")
        #expect(r.header("Cache-Control") == "no-store")
        #expect(r.header("X-Content-Type-Options") == "nosniff")
        // The file's security headers, each once: sandboxed, not the page policy.
        for (name, value) in SecurityHeaders.file {
            #expect(r.headers.filter { $0.0.lowercased() == name.lowercased() }.map(\.1) == [value], "\(name)")
        }
        #expect(r.header("Content-Security-Policy") == "sandbox; default-src 'none'")
        #expect(try t.count("SELECT count(*) FROM document_downloads WHERE document_id = ? AND user_id = ?", [doc.id, sofie.userID]) == 1)
        // A HEAD is not a download.
        #expect(try t.head("/documents/\(doc.id)", as: sofie).status == .ok)
        #expect(try t.count("SELECT count(*) FROM document_downloads") == 1)
        // Signed out: to the sign-in page, nothing handed out.
        let anonymous = try t.get("/documents/\(doc.id)", as: nil)
        #expect(anonymous.status == .seeOther && anonymous.header("X-Accel-Redirect") == nil)
    }

    @Test func anotherBranchsDocumentIsNotFoundEverywhere() throws {
        let t = try DocumentsApp()
        let julien = try t.session("julien")
        let sofie = try t.session("sofie")
        let (sofiesLead, otherLead) = try t.leads(visibleTo: "sofie")
        let juliensLead = try t.leads(visibleTo: "julien").mine
        #expect(try t.upload(juliensLead, as: julien, files: [("a.pdf", SampleFiles.pdf())]).status == .seeOther)
        let doc = try #require(try t.documentRows(juliensLead).first)
        for path in ["/documents/\(doc.id)", "/documents/\(doc.id)/edit"] {
            let r = try t.get(path, as: sofie)
            #expect(r.status == .notFound, "\(path)")
            #expect(r.header("X-Accel-Redirect") == nil)
        }
        #expect(try t.post("/documents/\(doc.id)/rename", as: sofie, form: [("title", "x"), ("version", "1")]).status == .notFound)
        // Uploading to a lead she cannot see: 404, and nothing written.
        let before = t.storedFiles
        let rowsBefore = try t.documentRows(otherLead)
        #expect(try t.upload(otherLead, as: sofie, files: [("b.png", SampleFiles.png())]).status == .notFound)
        #expect(t.storedFiles == before && t.temporaryFiles.isEmpty)
        #expect(try t.documentRows(otherLead) == rowsBefore)
        #expect(try t.documentRows(sofiesLead).isEmpty)
        #expect(try t.documentRows(juliensLead).first?.title == "Rijbewijs")
    }

    @Test func whatAUserMayNotDoIsNotShownAndIsRefused() throws {
        let t = try DocumentsApp()
        let sofie = try t.session("sofie")
        let lead = try t.leads(visibleTo: "sofie").mine
        _ = try t.upload(lead, as: sofie, files: [("a.pdf", SampleFiles.pdf())])
        let doc = try #require(try t.documentRows(lead).first)
        let page = try t.get("/leads/\(lead)", as: sofie).text
        // A salesperson uploads and renames, but does not delete, nor see the download log.
        #expect(page.contains("href=\"/leads/\(lead)#documents\">Document</a>"))
        #expect(page.contains("/documents/\(doc.id)/edit#rename"))
        #expect(!page.contains("/documents/\(doc.id)/edit#delete"))
        #expect(!page.contains("/documents/\(doc.id)/edit#downloads"))
        #expect(try t.post("/documents/\(doc.id)/delete", as: sofie, form: []).status == .forbidden)
        #expect(t.storedFiles.count == 1)
        let show = try t.get("/documents/\(doc.id)/edit", as: sofie).text
        #expect(!show.contains("id=\"downloads\"") && !show.contains("/delete\""))
        // Their manager sees the log.
        let pieter = try t.session("pieter")
        _ = try t.get("/documents/\(doc.id)", as: sofie)
        let managerView = try t.get("/documents/\(doc.id)/edit", as: pieter)
        #expect(managerView.status == .ok)
        #expect(managerView.text.contains("id=\"downloads\""))
        #expect(managerView.text.contains("<td>Sofie Peeters</td>"))
    }

    @Test func renamingKeepsTheFileAndAStaleFormIsToldWhatChanged() throws {
        let t = try DocumentsApp()
        let sofie = try t.session("sofie")
        let jan = try t.session("jan")
        let pieter = try t.session("pieter")
        let lead = try t.leads(visibleTo: "sofie").mine
        _ = try t.upload(lead, as: sofie, files: [("a.pdf", SampleFiles.pdf())])
        let doc = try #require(try t.documentRows(lead).first)
        let ok = try t.post("/documents/\(doc.id)/rename", as: pieter, form: [("title", "Rijbewijs voorkant"), ("version", "1")])
        #expect(ok.status == .seeOther)
        let stale = try t.post("/documents/\(doc.id)/rename", as: sofie, form: [("title", "Iets anders"), ("version", "1")])
        #expect(stale.status == .conflict)
        #expect(stale.text.contains("Rijbewijs voorkant"))
        #expect(stale.text.contains("value=\"Iets anders\""))
        #expect(try t.documentRows(lead).first?.title == "Rijbewijs voorkant")
        #expect(try t.documentRows(lead).first?.sha256 == doc.sha256)
        let empty = try t.post("/documents/\(doc.id)/rename", as: sofie, form: [("title", " "), ("version", "2")])
        #expect(empty.status == .unprocessable)
        _ = jan
        #expect(try t.count("SELECT count(*) FROM timeline_events WHERE kind = 'document_renamed'") == 1)
    }

    @Test func everyDocumentsWordIsInThreeLanguages() {
        for (key, entry) in Catalog.entries where key.hasPrefix("documents.") {
            #expect(!entry.nl.isEmpty && !entry.fr.isEmpty && !entry.en.isEmpty, "\(key)")
        }
        for (_, exts) in DocumentTypePolicy.standardTypes { #expect(Catalog.entries["documents.kind." + exts[0]] != nil) }
        for key in ["documents.error.empty", "documents.error.html", "documents.error.svg", "documents.error.script",
                    "documents.error.executable", "documents.error.not_accepted", "event.document_added", "action.document"] {
            #expect(Catalog.entries[key] != nil, "\(key)")
        }
    }

    @Test func sizesAreWrittenTheBelgianWay() {
        let t = Translator(.nl)
        #expect(DocumentsPage.size(812, t: t) == "812 B")
        #expect(DocumentsPage.size(1536, t: t) == "1,5 kB")
        #expect(DocumentsPage.size(52_428_800, t: t) == "50 MB")
        #expect(DocumentsPage.size(1_288_490_189, t: t) == "1,2 GB")
        #expect(DocumentsPage.size(1536, t: Translator(.fr)) == "1,5 ko")
    }
}
