import Foundation
import GRDB
import Logging
@testable import Pages
import Security
import Showroom
import Store
import Testing
import Web

// MARK: - A test failure outside of an expectation

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

// MARK: - Time

/// The moment the demo data is built around: 2026-07-15 12:00 UTC.
let fixedNow = Instant(seconds: 1_784_116_800)

/// A clock the test moves by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Instant
    init(_ start: Instant = fixedNow) { current = start }
    var now: Instant { lock.withLock { current } }
    func advance(seconds: Int64) { lock.withLock { current = current.adding(seconds: seconds) } }
}

// MARK: - Password hashes

/// Every demo user has the same password; argon2id at 64 MiB costs about 0.1 s, so the demo
/// hash is made once per test process and shared by every database the tests build. Other
/// passwords (users created through the admin screen) are hashed for real by the app.
enum DemoHash {
    static let encoded: Result<String, any Error> = Result { try PasswordHash(hashing: DemoData.password).encoded }

    static let hashPassword: @Sendable (String) throws -> String = { password in
        password == DemoData.password ? try encoded.get() : try PasswordHash(hashing: password).encoded
    }
}

// MARK: - The application under test

/// A signed-in browser: the session cookie's value and the session's CSRF token.
struct Session: Sendable {
    let username: String
    let cookie: String
    let csrf: String
    var cookieHeader: String { "\(EdgeCookie.session.baseName)=\(cookie)" }
}

/// An in-memory demo database (200 leads, seed 1) behind a `ShowroomApp` with a hand-moved
/// clock. Requests go straight to `respond(to:)`: no socket.
final class TestApp: Sendable {
    let database: AppDatabase
    let app: ShowroomApp
    let clock: TestClock

    init(leadCount: Int = 200) throws {
        database = try AppDatabase(inMemory: ())
        try DemoData(leadCount: leadCount, seed: 1, now: fixedNow, hashPassword: DemoHash.hashPassword).load(into: database)
        clock = TestClock()
        var logger = Logger(label: "pages-tests")
        logger.logLevel = .error
        let clock = self.clock
        app = ShowroomApp(database: database, logger: logger, configuration: AppConfiguration(), clock: { clock.now })
    }

    // MARK: Requests

    func request(_ method: HTTPMethod, _ target: String, headers: [String: String] = [:], body: String = "",
                 isSecure: Bool = false) throws -> Response {
        let request = try Request(method: method, target: target, headers: headers, body: Array(body.utf8), isSecure: isSecure)
        return app.respond(to: request)
    }

    func get(_ target: String, as session: Session? = nil, headers: [String: String] = [:]) throws -> Response {
        var headers = headers
        if let session { headers["Cookie"] = session.cookieHeader }
        return try request(.get, target, headers: headers)
    }

    /// A urlencoded POST; the session's CSRF token is added unless `csrf` says otherwise
    /// (`.none` sends no token, `.value` a chosen one).
    func post(_ target: String, as session: Session?, form: [(String, String)], csrf: CSRF = .session, headers: [String: String] = [:]) throws -> Response {
        var headers = headers
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        if let session, headers["Cookie"] == nil { headers["Cookie"] = session.cookieHeader }
        var pairs: [(String, String)] = []
        switch csrf {
        case .session: if let session { pairs.append(("_csrf", session.csrf)) }
        case .value(let v): pairs.append(("_csrf", v))
        case .none: break
        }
        pairs += form
        return try request(.post, target, headers: headers, body: urlencode(pairs))
    }

    enum CSRF { case session, none, value(String) }

    // MARK: Sign-in

    /// GET /login, then POST it with the form's cookie and token. Returns the POST's answer
    /// and the sign-in form cookie it was sent with.
    func attemptSignIn(_ username: String, password: String, next: String? = nil, headers: [String: String] = [:]) throws -> Response {
        let login = try get("/login", headers: headers)
        guard login.status == .ok, let formCookie = login.cookie(named: EdgeCookie.signInForm.baseName) else {
            throw TestFailure("GET /login answered \(login.status.code) without a sign-in cookie")
        }
        let page = HTMLDocument(login)
        guard let form = page.form(action: "/login") else { throw TestFailure("no sign-in form") }
        var fields = form.fields.filter { $0.0 != "username" && $0.0 != "password" && $0.0 != "next" }
        fields += [("username", username), ("password", password)]
        fields.append(("next", next ?? form.value("next") ?? ""))
        var h = headers
        h["Cookie"] = "\(EdgeCookie.signInForm.baseName)=\(formCookie)"
        h["Content-Type"] = "application/x-www-form-urlencoded"
        return try request(.post, "/login", headers: h, body: urlencode(fields))
    }

    /// Signs `username` in and returns their session cookie and CSRF token (read from the
    /// hidden `_csrf` input of the page they land on).
    func signIn(_ username: String, password: String = DemoData.password) throws -> Session {
        let answer = try attemptSignIn(username, password: password)
        guard answer.status == .seeOther, let cookie = answer.cookie(named: EdgeCookie.session.baseName), !cookie.isEmpty else {
            throw TestFailure("sign-in of \(username) answered \(answer.status.code)")
        }
        let landing = try request(.get, "/leads", headers: ["Cookie": "\(EdgeCookie.session.baseName)=\(cookie)"])
        guard let csrf = HTMLDocument(landing).csrfTokens.first else {
            throw TestFailure("no _csrf input on the page \(username) lands on (status \(landing.status.code))")
        }
        return Session(username: username, cookie: cookie, csrf: csrf)
    }

    // MARK: Database look-ups

    func userID(_ username: String) throws -> Int64 {
        guard let id = try database.read({ db in try Int64.fetchOne(db, sql: "SELECT id FROM users WHERE username = ?", arguments: [username]) }) else {
            throw TestFailure("no user \(username)")
        }
        return id
    }

    func int(_ sql: String, _ arguments: StatementArguments = []) throws -> Int64? {
        try database.read { db in try Int64.fetchOne(db, sql: sql, arguments: arguments) }
    }

    func ints(_ sql: String, _ arguments: StatementArguments = []) throws -> [Int64] {
        try database.read { db in try Int64.fetchAll(db, sql: sql, arguments: arguments) }
    }

    func string(_ sql: String, _ arguments: StatementArguments = []) throws -> String? {
        try database.read { db in try String.fetchOne(db, sql: sql, arguments: arguments) }
    }
}

/// One demo application per test process for tests that only read; tests that change data
/// build their own `TestApp` (cheap: the demo password hash is shared).
enum Shared {
    static let app: Result<TestApp, any Error> = Result { try TestApp() }
    /// Sessions of the users the read-only tests act as, signed in once.
    static let sessions: Result<[String: Session], any Error> = Result {
        let app = try Shared.app.get()
        var sessions: [String: Session] = [:]
        for name in ["sofie", "jan", "pieter", "nathalie", "admin"] { sessions[name] = try app.signIn(name) }
        return sessions
    }

    static func session(_ username: String) throws -> Session {
        guard let s = try sessions.get()[username] else { throw TestFailure("no shared session for \(username)") }
        return s
    }
}

// MARK: - Forms and responses

func urlencode(_ pairs: [(String, String)]) -> String {
    pairs.map { encodeFormComponent($0.0) + "=" + encodeFormComponent($0.1) }.joined(separator: "&")
}

func encodeFormComponent(_ s: String) -> String {
    PercentDecoding.encodeQueryValue(s)
}

extension Response {
    var html: String { String(decoding: bodyBytes, as: UTF8.self) }
    var location: String? { header("Location") }
    var setCookies: [String] { headers.filter { $0.0.lowercased() == "set-cookie" }.map(\.1) }

    /// The value a `Set-Cookie` header gives `name`, if any.
    func cookie(named name: String) -> String? {
        for header in setCookies {
            let first = header.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
            guard let eq = first.firstIndex(of: "=") else { continue }
            if first[..<eq] == name { return String(first[first.index(after: eq)...]) }
        }
        return nil
    }

    /// The whole `Set-Cookie` header for `name`, with its attributes.
    func setCookieHeader(named name: String) -> String? {
        setCookies.first { $0.hasPrefix(name + "=") }
    }
}

// MARK: - A minimal HTML reader

/// One element found in a page: its tag, attributes (entities decoded) and inner markup.
struct Element {
    let tag: String
    let attributes: [String: String]
    let inner: String

    subscript(_ attribute: String) -> String? { attributes[attribute] }
    func has(_ attribute: String) -> Bool { attributes[attribute] != nil }
    var classes: Set<String> { Set((attributes["class"] ?? "").split(separator: " ").map(String.init)) }
    func hasClass(_ c: String) -> Bool { classes.contains(c) }
    /// The visible text, tags removed, entities decoded, white space collapsed.
    var text: String { HTMLDocument.plainText(inner) }

    func all(_ tag: String, class cls: String? = nil) -> [Element] {
        HTMLDocument.elements(in: inner, tag: tag).filter { cls == nil || $0.hasClass(cls!) }
    }
    func first(_ tag: String, class cls: String? = nil) -> Element? { all(tag, class: cls).first }
}

/// The controls of a form as a browser would submit them: inputs (checkboxes only when
/// checked), and each select's selected option (or its first).
struct FormElement {
    let element: Element
    var fields: [(String, String)] {
        var out: [(String, String)] = []
        for input in element.all("input") {
            guard let name = input["name"] else { continue }
            let type = input["type"] ?? "text"
            if type == "submit" || type == "button" { continue }
            if (type == "checkbox" || type == "radio") && !input.has("checked") { continue }
            out.append((name, input["value"] ?? (type == "checkbox" ? "on" : "")))
        }
        for select in element.all("select") {
            guard let name = select["name"] else { continue }
            let options = select.all("option")
            if let chosen = options.first(where: { $0.has("selected") }) ?? options.first { out.append((name, chosen["value"] ?? chosen.text)) }
        }
        return out
    }
    func value(_ name: String) -> String? { fields.first { $0.0 == name }?.1 }
    /// The fields with `changes` applied (replacing a field's value, or adding it).
    func fields(changing changes: [String: String]) -> [(String, String)] {
        var out = fields.map { ($0.0, changes[$0.0] ?? $0.1) }
        for (name, value) in changes where !out.contains(where: { $0.0 == name }) { out.append((name, value)) }
        return out
    }
}

struct HTMLDocument {
    let source: String
    init(_ source: String) { self.source = source }
    init(_ response: Response) { source = response.html }

    func all(_ tag: String, class cls: String? = nil) -> [Element] {
        Self.elements(in: source, tag: tag).filter { cls == nil || $0.hasClass(cls!) }
    }
    func first(_ tag: String, class cls: String? = nil) -> Element? { all(tag, class: cls).first }
    func element(id: String) -> Element? {
        for tag in ["h1", "h2", "section", "div", "p", "select", "input", "form", "table", "main"] {
            if let e = Self.elements(in: source, tag: tag).first(where: { $0["id"] == id }) { return e }
        }
        return nil
    }
    func form(action: String) -> FormElement? {
        all("form").first { $0["action"] == action }.map(FormElement.init)
    }
    /// `lang` of the `<html>` element.
    var language: String? { Self.elements(in: source, tag: "html").first?["lang"] }
    var title: String? { first("title")?.text }
    var csrfTokens: [String] { all("input").filter { $0["name"] == "_csrf" }.compactMap { $0["value"] } }
    /// Links of the top navigation.
    var navLinks: [String] { first("nav")?.all("a").compactMap { $0["href"] } ?? [] }
    /// The error page's status code, when this is one.
    var errorCode: Int? { first("p", class: "error-code").flatMap { Int($0.text) } }

    static let voidTags: Set<String> = ["input", "meta", "link", "br", "img", "hr"]

    /// Every `<tag …>` element of `html`, nested ones included, in document order.
    static func elements(in html: String, tag: String) -> [Element] {
        var result: [Element] = []
        var cursor = html.startIndex
        while let start = nextOpening(of: tag, in: html, from: cursor) {
            guard let close = html.range(of: ">", range: start.upperBound..<html.endIndex) else { break }
            let attributes = parseAttributes(String(html[start.upperBound..<close.lowerBound]))
            if voidTags.contains(tag) {
                result.append(Element(tag: tag, attributes: attributes, inner: ""))
                cursor = close.upperBound
                continue
            }
            var depth = 1
            var scan = close.upperBound
            var innerEnd = html.endIndex
            while depth > 0 {
                guard let end = html.range(of: "</" + tag + ">", range: scan..<html.endIndex) else { break }
                if let nested = nextOpening(of: tag, in: html, from: scan), nested.lowerBound < end.lowerBound {
                    depth += 1
                    scan = nested.upperBound
                } else {
                    depth -= 1
                    scan = end.upperBound
                    if depth == 0 { innerEnd = end.lowerBound }
                }
            }
            result.append(Element(tag: tag, attributes: attributes, inner: String(html[close.upperBound..<innerEnd])))
            cursor = close.upperBound
        }
        return result
    }

    private static func nextOpening(of tag: String, in html: String, from: String.Index) -> Range<String.Index>? {
        var from = from
        while let r = html.range(of: "<" + tag, range: from..<html.endIndex) {
            guard r.upperBound < html.endIndex else { return nil }
            let next = html[r.upperBound]
            if next == " " || next == ">" || next == "/" || next == "\n" { return r }
            from = r.upperBound
        }
        return nil
    }

    static func parseAttributes(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        let scalars = Array(text.unicodeScalars)
        var i = 0
        func isNameChar(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "-" || s == "_" || s == ":" || s == "." }
        while i < scalars.count {
            while i < scalars.count, !isNameChar(scalars[i]) { i += 1 }
            var name = ""
            while i < scalars.count, isNameChar(scalars[i]) { name.unicodeScalars.append(scalars[i]); i += 1 }
            guard !name.isEmpty else { break }
            var value = ""
            if i < scalars.count, scalars[i] == "=" {
                i += 1
                if i < scalars.count, scalars[i] == "\"" {
                    i += 1
                    while i < scalars.count, scalars[i] != "\"" { value.unicodeScalars.append(scalars[i]); i += 1 }
                    i += 1
                } else {
                    while i < scalars.count, scalars[i] != " " { value.unicodeScalars.append(scalars[i]); i += 1 }
                }
            }
            out[name.lowercased()] = decodeEntities(value)
        }
        return out
    }

    static func decodeEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        return s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    static func plainText(_ markup: String) -> String {
        var out = ""
        var inTag = false
        for c in markup {
            if c == "<" { inTag = true; out.append(" "); continue }
            if c == ">" && inTag { inTag = false; continue }
            if !inTag { out.append(c) }
        }
        return decodeEntities(out).split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
    }
}

// MARK: - Page readers

/// The leads overview's table rows.
struct OverviewRow {
    let id: Int64
    let code: String
    let classes: Set<String>
    let cells: [String]
    var branch: String { cells.count > 6 ? cells[6] : "" }
    var responsible: String { cells.count > 5 ? cells[5] : "" }
}

extension HTMLDocument {
    var overviewRows: [OverviewRow] {
        guard let table = first("table", class: "leads"), let body = table.first("tbody") else { return [] }
        return body.all("tr").compactMap { tr in
            guard let link = tr.first("a", class: "code"), let href = link["href"], href.hasPrefix("/leads/"),
                  let id = Int64(href.dropFirst("/leads/".count)) else { return nil }
            return OverviewRow(id: id, code: link.text, classes: tr.classes, cells: tr.all("td").map(\.text))
        }
    }

    var nextPageLink: String? { all("a").first { $0["rel"] == "next" }?["href"] }
}

extension TestApp {
    /// Every row of every page of the overview the session sees, following the pager.
    func allOverviewRows(_ session: Session, start: String = "/leads") throws -> [OverviewRow] {
        var rows: [OverviewRow] = []
        var target: String? = start
        var pages = 0
        while let t = target {
            let answer = try get(t, as: session)
            guard answer.status == .ok else { throw TestFailure("GET \(t) answered \(answer.status.code)") }
            let page = HTMLDocument(answer)
            rows += page.overviewRows
            target = page.nextPageLink
            pages += 1
            guard pages < 100 else { throw TestFailure("pager does not end") }
        }
        return rows
    }
}
