import Foundation
import Security
import Testing
@testable import Web

/// A CGI exchange in memory: parameters and body in, the written bytes out.
final class FakeExchange: GatewayExchange {
    let params: [String: String]
    private let body: BytesBody
    private(set) var output: [UInt8] = []
    init(_ params: [String: String], body: [UInt8] = []) {
        self.params = params
        self.body = BytesBody(body)
    }
    func readBody(into buffer: UnsafeMutableRawBufferPointer) -> Int { body.read(into: buffer) }
    func write(_ bytes: [UInt8]) { output += bytes }
    var text: String { String(decoding: output, as: UTF8.self) }
    /// The head's lines, without the status line.
    var headerLines: [String] {
        let head = text.components(separatedBy: "\r\n\r\n").first ?? ""
        return Array(head.components(separatedBy: "\r\n").dropFirst())
    }
}

/// A responder that remembers what it was asked and answers with what the test set.
final class RecordingResponder: Responder, @unchecked Sendable {
    var seen: Request?
    var seenBody: [UInt8] = []
    var unparsable: (HTTPError, String?)?
    var reply = Response.text("hello\n")

    func answer(_ request: Request) -> Response {
        seen = request
        seenBody = (try? request.readBody(limit: 1 << 20)) ?? []
        return reply
    }

    func answer(unparsable error: HTTPError, acceptLanguage: String?) -> Response {
        unparsable = (error, acceptLanguage)
        return .text("bad\n", status: error.status)
    }
}

@Suite("Web's edge: the FastCGI adapter, security headers, cookies, CSRF")
struct EdgeTests {
    static let base = ["REQUEST_METHOD": "GET", "REQUEST_URI": "/leads?status=won", "REMOTE_ADDR": "10.0.0.7",
                       "SHOWROOM_ORIGIN": "https://crm.example"]

    @Test func parametersBecomeATypedRequest() throws {
        let responder = RecordingResponder()
        var params = Self.base
        params["REQUEST_METHOD"] = "POST"
        params["HTTP_ACCEPT_LANGUAGE"] = "fr"
        params["HTTP_SEC_FETCH_SITE"] = "same-origin"
        params["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
        params["CONTENT_LENGTH"] = "7"
        params["HTTPS"] = "on"
        let exchange = FakeExchange(params, body: Array("a=1&b=2".utf8))
        FastCGIAdapter(responder).handle(exchange)
        let request = try #require(responder.seen)
        #expect(request.method == .post)
        #expect(request.path == "/leads" && request.query["status"] == "won")
        #expect(request.header("accept-language") == "fr")
        #expect(request.header("sec-fetch-site") == "same-origin")
        #expect(request.header("content-type") == "application/x-www-form-urlencoded")
        #expect(request.contentLength == 7)
        #expect(request.isSecure && request.siteOrigin == "https://crm.example" && request.remoteAddress == "10.0.0.7")
        #expect(responder.seenBody == Array("a=1&b=2".utf8))
    }

    @Test func theAnswerIsWrittenWithItsSecurityHeaders() {
        let responder = RecordingResponder()
        let exchange = FakeExchange(Self.base)
        FastCGIAdapter(responder).handle(exchange)
        #expect(exchange.text.hasPrefix("Status: 200 OK\r\n"))
        #expect(exchange.text.hasSuffix("\r\n\r\nhello\n"))
        for (name, value) in SecurityHeaders.page {
            #expect(exchange.headerLines.filter { $0.hasPrefix(name + ": ") } == [name + ": " + value])
        }
        #expect(exchange.headerLines.contains("Content-Type: text/plain; charset=utf-8"))
    }

    @Test func headGetsTheHeadOnly() {
        let responder = RecordingResponder()
        var params = Self.base
        params["REQUEST_METHOD"] = "HEAD"
        let exchange = FakeExchange(params)
        FastCGIAdapter(responder).handle(exchange)
        #expect(exchange.text.hasPrefix("Status: 200 OK\r\n"))
        #expect(exchange.text.hasSuffix("\r\n\r\n"))
        #expect(!exchange.text.contains("hello"))
    }

    @Test("A request that cannot be parsed gets the responder's error page, with the headers",
          arguments: [["REQUEST_URI": "no-slash"], ["REQUEST_URI": "/%zz"], ["CONTENT_LENGTH": "-1"]])
    func unparsableRequest(change: [String: String]) {
        let responder = RecordingResponder()
        var params = Self.base.merging(change) { $1 }
        params["HTTP_ACCEPT_LANGUAGE"] = "en-GB"
        let exchange = FakeExchange(params)
        FastCGIAdapter(responder).handle(exchange)
        #expect(responder.seen == nil)
        #expect(responder.unparsable?.0.status == .badRequest)
        #expect(responder.unparsable?.1 == "en-GB")
        #expect(exchange.text.hasPrefix("Status: 400 Bad Request\r\n"))
        #expect(exchange.headerLines.contains("X-Frame-Options: DENY"))
    }

    @Test func aBodyNginxLeftInAFileIsReadFromThereOnlyInsideItsFolder() throws {
        let dir = NSTemporaryDirectory() + "showroom-edge-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(FileManager.default.createFile(atPath: dir + "/0000000001", contents: Data("a=from-file".utf8)))
        var params = Self.base
        params["REQUEST_METHOD"] = "POST"
        params["CONTENT_LENGTH"] = "11"
        params["SHOWROOM_BODY_FILE"] = dir + "/0000000001"
        let inside = RecordingResponder()
        FastCGIAdapter(inside, bodyFileDirectory: dir).handle(FakeExchange(params, body: Array("a=from-sock".utf8)))
        #expect(inside.seenBody == Array("a=from-file".utf8))
        // Without the folder, or with a file outside it: a 500, nothing read.
        for directory in [nil, dir + "/other"] {
            let outside = RecordingResponder()
            let exchange = FakeExchange(params)
            FastCGIAdapter(outside, bodyFileDirectory: directory).handle(exchange)
            #expect(outside.seen == nil && outside.unparsable?.0.status == .internalServerError)
            #expect(exchange.text.hasPrefix("Status: 500 "))
        }
    }

    @Test func aHeaderValueWithALineBreakIsDropped() {
        let responder = RecordingResponder()
        responder.reply.headers.append(("X-Evil", "a\r\nSet-Cookie: x=1"))
        let exchange = FakeExchange(Self.base)
        FastCGIAdapter(responder).handle(exchange)
        #expect(!exchange.text.contains("X-Evil") && !exchange.text.contains("x=1"))
    }

    // MARK: - Security headers

    @Test func aHandlersOwnSecurityHeaderIsKeptAndNothingIsDoubled() {
        var r = Response(status: .ok, headers: [("content-security-policy", "sandbox")])
        r.addSecurityHeaders()
        r.addSecurityHeaders()
        #expect(r.headers.filter { $0.0.lowercased() == "content-security-policy" }.map(\.1) == ["sandbox"])
        for (name, value) in SecurityHeaders.page where name != "Content-Security-Policy" {
            #expect(r.headers.filter { $0.0 == name }.map(\.1) == [value])
        }
        #expect(r.headers.count == SecurityHeaders.page.count)
    }

    @Test func headerNamesCompareWithoutCase() {
        #expect(sameHeaderName("X-Frame-Options", "x-frame-options"))
        #expect(sameHeaderName("X-FRAME-OPTIONS", "X-Frame-Options"))
        #expect(!sameHeaderName("X-Frame-Option", "X-Frame-Options"))
        #expect(!sameHeaderName("X-Frame-Optionz", "X-Frame-Options"))
        // Only letters fold: `-` (0x2D) and `\r` (0x0D) differ by 0x20 but are not the same.
        #expect(!sameHeaderName("a-b", "a\rb"))
        #expect(!sameHeaderName("a@", "a`"))
    }

    // MARK: - Cookies

    @Test func sessionCookieOverHttpAndHttps() throws {
        let plain = try Request(method: .get, target: "/", headers: ["Cookie": "showroom_session=abc; other=1"])
        let secure = try Request(method: .get, target: "/", headers: ["Cookie": "showroom_session=abc; __Host-showroom_session=def"], isSecure: true)
        #expect(EdgeCookie.session.value(in: plain) == "abc")
        // Over https only the prefixed name counts.
        #expect(EdgeCookie.session.value(in: secure) == "def")
        #expect(EdgeCookie.session.set("t", maxAge: 60, for: plain) == ("Set-Cookie", "showroom_session=t; Path=/; HttpOnly; SameSite=Lax; Max-Age=60"))
        #expect(EdgeCookie.session.set("t", maxAge: 60, for: secure).1 == "__Host-showroom_session=t; Path=/; HttpOnly; SameSite=Lax; Max-Age=60; Secure")
        #expect(EdgeCookie.signInForm.set("t", maxAge: 3600, for: plain).1 == "showroom_signin=t; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600")
        #expect(EdgeCookie.session.expire(for: secure).1 == "__Host-showroom_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure")
        // Only a value shaped like a token is a session token.
        #expect(EdgeCookie.sessionToken(in: plain) == nil)
        let token = SecureToken.random()
        let withToken = try Request(method: .get, target: "/", headers: ["Cookie": "showroom_session=" + token.text])
        #expect(EdgeCookie.sessionToken(in: withToken)?.text == token.text)
    }

    // MARK: - CSRF

    static func post(_ body: String, headers: [String: String] = [:]) throws -> Request {
        try Request(method: .post, target: "/x", headers: headers.merging(["Content-Type": "application/x-www-form-urlencoded"]) { a, _ in a },
                    body: Array(body.utf8))
    }

    @Test func aFormMustCarryTheSessionsToken() throws {
        let token = SecureToken.random().text
        let other = SecureToken.random().text
        #expect(try CSRF.checkedForm(try Self.post("_csrf=\(token)&a=1"), sessionToken: token)["a"] == "1")
        #expect(throws: CSRF.refused) { try CSRF.checkedForm(try Self.post("_csrf=\(other)&a=1"), sessionToken: token) }
        #expect(throws: CSRF.refused) { try CSRF.checkedForm(try Self.post("a=1"), sessionToken: token) }
        #expect(throws: CSRF.refused) { try CSRF.checkedForm(try Self.post("_csrf=&a=1"), sessionToken: token) }
        // Without a session and without the sign-in cookie, nothing is expected, so nothing passes.
        #expect(throws: CSRF.refused) { try CSRF.checkedForm(try Self.post("_csrf=\(token)"), sessionToken: nil) }
        // A body that is not a form is a bad request.
        #expect(throws: HTTPError(.badRequest, reason: .malformed)) {
            try CSRF.checkedForm(try Request(method: .post, target: "/x", headers: ["Content-Type": "application/json"], body: Array("{}".utf8)), sessionToken: token)
        }
    }

    @Test func beforeSignInTheFormCookieIsTheToken() throws {
        let token = SecureToken.random().text
        let request = try Self.post("_csrf=\(token)", headers: ["Cookie": "showroom_signin=\(token)"])
        #expect(CSRF.expectedToken(session: nil, request: request) == token)
        #expect(try CSRF.checkedForm(request, sessionToken: nil)["_csrf"] == token)
        // With a session, the session's token wins over the cookie.
        #expect(throws: CSRF.refused) { try CSRF.checkedForm(try Self.post("_csrf=\(token)", headers: ["Cookie": "showroom_signin=\(token)"]), sessionToken: SecureToken.random().text) }
    }

    @Test("Cross-site posts are refused", arguments: [
        ["Origin": "http://evil.example"], ["Sec-Fetch-Site": "cross-site"], ["Sec-Fetch-Site": "same-site"],
    ])
    func crossSiteIsRefused(headers: [String: String]) throws {
        #expect(throws: CSRF.refused) { try CSRF.refuseCrossSite(try Self.post("", headers: headers)) }
    }

    @Test func sameOriginIsLetThrough() throws {
        try CSRF.refuseCrossSite(try Self.post("", headers: ["Origin": "http://127.0.0.1:8080", "Sec-Fetch-Site": "same-origin"]))
        try CSRF.refuseCrossSite(try Self.post(""))
    }
}
