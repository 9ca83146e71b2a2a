import Testing
@testable import Web

struct ResponseTests {
    @Test(arguments: ["/", "/leads", "/leads/12", "/leads?status=won&page=2", "/leads/12/follow-up#x", "/contacts/Li%C3%A8ge", "/Liège"])
    func redirectToALocalPathKeepsIt(path: String) {
        let r = Response.redirect(to: path)
        #expect(r.status == .seeOther)
        #expect(r.status.code == 303)
        #expect(r.header("Location") == path)
        #expect(r.header("cache-control") == "no-store")
    }

    static let foreign = [
        "//evil.example",
        "//evil.example/leads",
        "/\\evil.example",
        "\\\\evil.example",
        "\\/evil.example",
        "https://x",
        "http://evil.example/",
        "javascript:alert(1)",
        "evil.example",
        "",
        " /leads",
        "/a\r\nSet-Cookie: x",
        "/a\nLocation: //evil",
        "/a\rb",
        "/\t/evil.example",
        "/a\u{0}b",
        "/a\u{7F}",
        "/leads\\..\\..",
    ]

    @Test(arguments: foreign)
    func redirectRefusesNonLocalTargets(target: String) {
        #expect(!Response.isLocalPath(target))
        let r = Response.redirect(to: target)
        #expect(r.status == .seeOther)
        #expect(r.header("Location") == "/")
    }

    @Test(arguments: ["/", "/leads", "/leads/12?x=1", "/%2F%2Fevil.example", "/é"])
    func localPaths(path: String) {
        #expect(Response.isLocalPath(path))
    }

    @Test func htmlResponse() {
        let r = Response.html(Array("<p>x</p>".utf8))
        #expect(r.status == .ok)
        #expect(r.header("Content-Type") == "text/html; charset=utf-8")
        #expect(r.header("Cache-Control") == "no-store")
        #expect(r.bodyBytes == Array("<p>x</p>".utf8))
        #expect(Response.html([], status: .notFound).status.code == 404)
    }

    @Test func textResponse() {
        let r = Response.text("ok\n", status: .serviceUnavailable)
        #expect(r.status.code == 503)
        #expect(r.header("content-type") == "text/plain; charset=utf-8")
        #expect(r.bodyBytes == Array("ok\n".utf8))
    }

    @Test func headerLookupIsCaseInsensitiveAndTakesTheFirst() {
        let r = Response(headers: [("X-A", "1"), ("x-a", "2")])
        #expect(r.header("x-A") == "1")
        #expect(r.header("missing") == nil)
    }

    @Test func streamedBodyIsCollected() {
        let r = Response(body: .stream { emit in
            emit(Array("a,b\n".utf8))
            emit(Array("1,2\n".utf8))
        })
        #expect(r.bodyBytes == Array("a,b\n1,2\n".utf8))
    }

    @Test func statusCodes() {
        #expect(HTTPStatus.payloadTooLarge.code == 413)
        #expect(HTTPStatus.methodNotAllowed.code == 405)
        #expect(HTTPError.payloadTooLarge.status == .payloadTooLarge)
        #expect(HTTPError.notFound.status.code == 404)
        #expect(HTTPError.badRequest.reason == nil)
    }
}
