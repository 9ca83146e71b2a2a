import Foundation
@testable import Pages
import Showroom
import Store
import Testing
import Web

/// The HTTP edge as the application uses it: every answer of the responder carries the
/// security headers exactly once, whatever produced it, with the values nginx uses for
/// what it answers alone.
@Suite("The HTTP edge: security headers on every answer")
struct EdgeTests {
    /// Each header of `expected` appears exactly once, with its value.
    static func expectHeaders(_ response: Response, _ expected: [(String, String)], _ what: String,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        for (name, value) in expected {
            let values = response.headers.filter { $0.0.lowercased() == name.lowercased() }.map(\.1)
            #expect(values == [value], "\(what): \(name) is \(values)", sourceLocation: sourceLocation)
        }
    }

    enum Answer: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case signInPage, healthCheck, headOfHealthCheck, redirectToSignIn, notFound, methodNotAllowed, overview, csvExport,
             leadOutOfScope, wrongToken, crossSite, notAForm, forbiddenByPermission, tooLargePage, signIn, signOut
        var testDescription: String { rawValue }
    }

    @Test("Every kind of answer carries each security header once", arguments: Answer.allCases)
    func everyAnswerCarriesTheSecurityHeaders(answer: Answer) throws {
        let app = try TestApp(leadCount: 40)
        let sofie = try app.signIn("sofie")
        let form = ["Content-Type": "application/x-www-form-urlencoded", "Cookie": sofie.cookieHeader]
        let response: Response
        let status: HTTPStatus
        switch answer {
        case .signInPage: (response, status) = (try app.get("/login"), .ok)
        case .healthCheck: (response, status) = (try app.get("/healthz"), .ok)
        case .headOfHealthCheck: (response, status) = (try app.request(.head, "/healthz"), .ok)
        case .redirectToSignIn: (response, status) = (try app.get("/leads"), .seeOther)
        case .notFound: (response, status) = (try app.get("/no/such/page", as: sofie), .notFound)
        case .methodNotAllowed: (response, status) = (try app.request(.post, "/healthz"), .methodNotAllowed)
        case .overview: (response, status) = (try app.get("/leads", as: sofie), .ok)
        case .csvExport: (response, status) = (try app.get("/leads/export", as: sofie), .ok)
        case .leadOutOfScope: (response, status) = (try app.get("/leads/\(try app.leadID(.branch3))", as: sofie), .notFound)
        case .wrongToken: (response, status) = (try app.post("/account/language", as: sofie, form: [("language", "en")], csrf: .none), .forbidden)
        case .crossSite:
            (response, status) = (try app.post("/account/language", as: sofie, form: [("language", "en")], headers: ["Origin": "http://evil.example"]), .forbidden)
        case .notAForm: (response, status) = (try app.request(.post, "/account/language", headers: ["Cookie": sofie.cookieHeader], body: "{}"), .badRequest)
        case .forbiddenByPermission: (response, status) = (try app.get("/admin/users", as: sofie), .forbidden)
        case .tooLargePage: (response, status) = (try app.get("/_errors/413", as: sofie), .payloadTooLarge)
        case .signIn: (response, status) = (try app.attemptSignIn("jan", password: DemoData.password), .seeOther)
        case .signOut: (response, status) = (try app.request(.post, "/logout", headers: form, body: urlencode([("_csrf", sofie.csrf)])), .seeOther)
        }
        #expect(response.status == status)
        Self.expectHeaders(response, SecurityHeaders.page, answer.rawValue)
    }

    @Test func aRequestThatCannotBeParsedGetsItsPageWithTheHeaders() throws {
        let app = try Shared.app.get()
        let response = app.app.respond(unparsable: HTTPError(.badRequest, reason: .malformed), acceptLanguage: "fr-BE,fr;q=0.9")
        #expect(response.status == .badRequest)
        let page = HTMLDocument(response)
        #expect(page.language == "fr")
        #expect(page.errorCode == 400)
        Self.expectHeaders(response, SecurityHeaders.page, "unparsable")
    }

    /// The policy itself, spelled out: a test that holds even if the list were emptied.
    @Test func thePagePolicyIsStrict() throws {
        let headers = Dictionary(uniqueKeysWithValues: SecurityHeaders.page.map { ($0.0.lowercased(), $0.1) })
        #expect(headers.count == 6)
        let csp = try #require(headers["content-security-policy"])
        let directives = Dictionary(uniqueKeysWithValues: csp.split(separator: ";").map { d in
            let words = d.split(separator: " ").map(String.init)
            return (words[0], Array(words.dropFirst()))
        })
        #expect(directives["default-src"] == ["'none'"])
        #expect(directives["script-src"] == ["'self'"])
        #expect(directives["object-src"] == ["'none'"])
        #expect(directives["base-uri"] == ["'none'"])
        #expect(directives["frame-ancestors"] == ["'none'"])
        #expect(directives["form-action"] == ["'self'"])
        #expect(!csp.contains("unsafe"))
        #expect(headers["x-content-type-options"] == "nosniff")
        #expect(headers["x-frame-options"] == "DENY")
        #expect(headers["referrer-policy"] == "same-origin")
        let files = Dictionary(uniqueKeysWithValues: SecurityHeaders.file.map { ($0.0.lowercased(), $0.1) })
        #expect(files["content-security-policy"] == "sandbox; default-src 'none'")
        #expect(files["x-content-type-options"] == "nosniff")
    }

    // MARK: - The same headers as nginx's

    static func nginxTemplate() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("nginx/showroom.conf.in"), encoding: .utf8)
    }

    /// nginx adds the page set where the responder did not (static files, its own errors):
    /// its values (the maps) are the responder's, and the server block adds every one.
    @Test func nginxAddsTheSameHeadersAsTheResponder() throws {
        let conf = try Self.nginxTemplate()
        let map = try Regex(#"map \$upstream_http_([a-z_]+) \$(edge_[a-z_]+) \{ "" "([^"]*)"; default ""; \}"#)
        var fromNginx: [String: String] = [:]
        for m in conf.matches(of: map) {
            let header = String(m.output[1].substring!).replacingOccurrences(of: "_", with: "-")
            let variable = String(m.output[2].substring!)
            fromNginx[header] = String(m.output[3].substring!)
            // The server block adds it under the same name.
            #expect(conf.contains("add_header \(Self.canonical(header, in: SecurityHeaders.page)) $\(variable) always;"), "\(header) is added")
        }
        let responder = Dictionary(uniqueKeysWithValues: SecurityHeaders.page.map { ($0.0.lowercased(), $0.1) })
        #expect(fromNginx == responder)
    }

    /// Downloads are served by nginx from `/_files/` (X-Accel-Redirect), which does not pass
    /// on the responder's security headers: that location sets the file set itself.
    @Test func nginxServesFilesWithTheFileHeaders() throws {
        let conf = try Self.nginxTemplate()
        let start = try #require(conf.range(of: "location /_files/ {"))
        // The block ends at the first closing brace on a line of its own.
        let rest = conf[start.upperBound...]
        let block = rest[..<(rest.range(of: "\n        }\n")?.lowerBound ?? rest.endIndex)]
        let line = try Regex(#"add_header ([A-Za-z-]+) "([^"]*)" always;"#)
        var fromNginx: [String] = []
        for m in block.matches(of: line) {
            let name = String(m.output[1].substring!), value = String(m.output[2].substring!)
            fromNginx.append(name.lowercased() + ": " + value)
        }
        let responder: [String] = SecurityHeaders.file.map { $0.0.lowercased() + ": " + $0.1 }
        #expect(fromNginx.sorted() == responder.sorted())
    }

    static func canonical(_ lowercased: String, in headers: [(String, String)]) -> String {
        headers.first { $0.0.lowercased() == lowercased }?.0 ?? lowercased
    }
}
