import Testing
@testable import Web

/// Expects `body` to throw an `HTTPError` with `status`.
func expectHTTPError(_ status: HTTPStatus, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    let error = #expect(throws: HTTPError.self, comment, sourceLocation: sourceLocation, performing: body)
    #expect(error?.status == status, comment, sourceLocation: sourceLocation)
}

struct RequestTests {
    // MARK: the target

    @Test func parsesPathSegmentsAndQuery() throws {
        let r = try Request(method: .get, target: "/leads/12?status=won&page=2")
        #expect(r.path == "/leads/12")
        #expect(r.segments == ["leads", "12"])
        #expect(r.target == "/leads/12?status=won&page=2")
        #expect(r.query["status"] == "won")
        #expect(r.query["page"] == "2")
        #expect(r.method == .get)
    }

    @Test func rootHasNoSegments() throws {
        let r = try Request(method: .get, target: "/")
        #expect(r.path == "/")
        #expect(r.segments == [])
        #expect(r.query.pairs.isEmpty)
    }

    @Test func emptySegmentsAreDropped() throws {
        #expect(try Request(method: .get, target: "/leads//12/").segments == ["leads", "12"])
        #expect(try Request(method: .get, target: "//leads").segments == ["leads"])
    }

    @Test func pathIsPercentDecodedButPlusStaysPlus() throws {
        let r = try Request(method: .get, target: "/contacts/Li%C3%A8ge/a+b%20c")
        #expect(r.path == "/contacts/Liège/a+b c")
        #expect(r.segments == ["contacts", "Liège", "a+b c"])
    }

    @Test func queryPlusIsASpace() throws {
        let r = try Request(method: .get, target: "/leads?q=Jan+Claes&q=%2B32")
        #expect(r.query["q"] == "Jan Claes")
        #expect(r.query.all("q") == ["Jan Claes", "+32"])
    }

    @Test func onlyTheFirstQuestionMarkStartsTheQuery() throws {
        let r = try Request(method: .get, target: "/leads?a=1?b=2")
        #expect(r.path == "/leads")
        #expect(r.query["a"] == "1?b=2")
    }

    @Test func emptyQuery() throws {
        let r = try Request(method: .get, target: "/leads?")
        #expect(r.path == "/leads")
        #expect(r.query.pairs.isEmpty)
    }

    @Test(arguments: ["", "leads", "leads/12", "http://example.com/leads", "https://x", "*", " /leads", "?a=1", "\\leads"])
    func targetWithoutLeadingSlashIsABadRequest(target: String) {
        expectHTTPError(.badRequest) { _ = try Request(method: .get, target: target) }
    }

    @Test(arguments: ["/%", "/%4", "/%zz", "/leads/%ff", "/leads/%c3", "/leads/%ed%a0%80", "/a%2"])
    func badEscapeInThePathIsABadRequest(target: String) {
        expectHTTPError(.badRequest) { _ = try Request(method: .get, target: target) }
    }

    @Test(arguments: ["/%00", "/leads/1%00", "/leads%00/12", "/a\u{0}b"])
    func nulInThePathIsRefused(target: String) {
        expectHTTPError(.badRequest) { _ = try Request(method: .get, target: target) }
    }

    @Test(arguments: ["/leads?q=%", "/leads?q=%zz", "/leads?q=%ff", "/leads?%4=1"])
    func badEscapeInTheQueryIsABadRequest(target: String) {
        expectHTTPError(.badRequest) { _ = try Request(method: .get, target: target) }
    }

    @Test func targetOf8192BytesIsAccepted() throws {
        let target = "/" + String(repeating: "a", count: 8191)
        #expect(target.utf8.count == 8192)
        #expect(try Request(method: .get, target: target).segments.first?.utf8.count == 8191)
    }

    @Test func targetOver8192BytesIsABadRequest() {
        let target = "/" + String(repeating: "a", count: 8192)
        expectHTTPError(.badRequest) { _ = try Request(method: .get, target: target) }
        let withQuery = "/leads?q=" + String(repeating: "x", count: 9000)
        expectHTTPError(.badRequest) { _ = try Request(method: .get, target: withQuery) }
    }

    @Test func queryIsLimitedToAHundredPairs() throws {
        let ok = "/leads?" + Array(repeating: "a=1", count: 100).joined(separator: "&")
        #expect(try Request(method: .get, target: ok).query.pairs.count == 100)
        let tooMany = "/leads?" + Array(repeating: "a=1", count: 101).joined(separator: "&")
        expectHTTPError(.badRequest) { _ = try Request(method: .get, target: tooMany) }
    }

    // MARK: headers

    @Test func headerNamesAreLowerCased() throws {
        let r = try Request(method: .get, target: "/", headers: ["Accept-Language": "fr-BE", "X-Thing": "1"])
        #expect(r.header("accept-language") == "fr-BE")
        #expect(r.header("x-thing") == "1")
        #expect(r.header("Accept-Language") == nil)
    }

    @Test func contentLengthComesFromTheHeader() throws {
        #expect(try Request(method: .post, target: "/", headers: ["Content-Length": "0"]).contentLength == 0)
        #expect(try Request(method: .post, target: "/", headers: ["Content-Length": "42"]).contentLength == 42)
        #expect(try Request(method: .get, target: "/").contentLength == 0)
        #expect(try Request(method: .post, target: "/", body: Array("a=1".utf8)).contentLength == 3)
    }

    @Test(arguments: ["-1", "-0x1", "abc", "", " 5", "5 ", "1.5", "0x10", "99999999999999999999", "1e3", "５"])
    func invalidContentLengthIsABadRequest(value: String) {
        expectHTTPError(.badRequest) { _ = try Request(method: .post, target: "/", headers: ["content-length": value]) }
    }

    @Test func methods() {
        #expect(HTTPMethod("GET") == .get)
        #expect(HTTPMethod("HEAD") == .head)
        #expect(HTTPMethod("POST") == .post)
        #expect(HTTPMethod("get") == .other("get"))
        #expect(HTTPMethod("DELETE") == .other("DELETE"))
    }

    // MARK: the body

    @Test func readsTheWholeBody() throws {
        let body = Array(repeating: UInt8(ascii: "x"), count: 40_000) // more than one read chunk
        let r = try Request(method: .post, target: "/", body: body)
        #expect(try r.readBody(limit: 40_000) == body)
    }

    @Test func bodyOverTheLimitByContentLengthIsTooLarge() throws {
        let r = try Request(method: .post, target: "/", body: Array(repeating: 0x61, count: 11))
        expectHTTPError(.payloadTooLarge) { _ = try r.readBody(limit: 10) }
    }

    @Test func bodyLongerThanItsContentLengthIsStillCappedAtTheLimit() throws {
        let r = try Request(method: .post, target: "/", headers: ["Content-Length": "1"], body: Array(repeating: 0x61, count: 100_000))
        #expect(r.contentLength == 1)
        expectHTTPError(.payloadTooLarge) { _ = try r.readBody(limit: 10) }
    }

    @Test func hugeDeclaredContentLengthIsRefusedBeforeReading() throws {
        let r = try Request(method: .post, target: "/", headers: ["Content-Length": String(Int.max)])
        expectHTTPError(.payloadTooLarge) { _ = try r.readBody(limit: 1 << 20) }
    }

    @Test func emptyBody() throws {
        let r = try Request(method: .post, target: "/")
        #expect(try r.readBody(limit: 0) == [])
    }

    // MARK: the form

    @Test func formIsReadFromAnURLEncodedBody() throws {
        let r = try Request(method: .post, target: "/leads/12",
                            headers: ["Content-Type": "application/x-www-form-urlencoded"],
                            body: Array("comment=Belt+terug%21&x=1&x=2".utf8))
        let f = try r.form()
        #expect(f["comment"] == "Belt terug!")
        #expect(f.all("x") == ["1", "2"])
    }

    @Test(arguments: ["application/x-www-form-urlencoded; charset=UTF-8", "Application/X-WWW-Form-URLEncoded"])
    func formAcceptsParametersAndAnyCase(contentType: String) throws {
        let r = try Request(method: .post, target: "/", headers: ["Content-Type": contentType], body: Array("a=1".utf8))
        #expect(try r.form()["a"] == "1")
    }

    @Test(arguments: ["", "text/plain", "multipart/form-data; boundary=x", "application/json", " application/x-www-form-urlencoded"])
    func formRequiresTheURLEncodedContentType(contentType: String) throws {
        let r = try Request(method: .post, target: "/", headers: ["Content-Type": contentType], body: Array("a=1".utf8))
        expectHTTPError(.badRequest) { _ = try r.form() }
    }

    @Test func formWithoutContentTypeIsABadRequest() throws {
        let r = try Request(method: .post, target: "/", body: Array("a=1".utf8))
        expectHTTPError(.badRequest) { _ = try r.form() }
    }

    @Test func formOverTheLimitIsTooLarge() throws {
        let body = Array("a=".utf8) + Array(repeating: UInt8(ascii: "x"), count: 256 * 1024)
        let r = try Request(method: .post, target: "/", headers: ["Content-Type": "application/x-www-form-urlencoded"], body: body)
        expectHTTPError(.payloadTooLarge) { _ = try r.form() }
        let r2 = try Request(method: .post, target: "/", headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Array("a=12345".utf8))
        expectHTTPError(.payloadTooLarge) { _ = try r2.form(limit: 6) }
    }

    @Test func formWithABadEscapeIsABadRequest() throws {
        let r = try Request(method: .post, target: "/", headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Array("a=%zz".utf8))
        expectHTTPError(.badRequest) { _ = try r.form() }
    }
}
