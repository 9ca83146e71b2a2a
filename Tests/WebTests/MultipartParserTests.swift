import Testing
@testable import Web

struct MultipartParserTests {
    // MARK: - Good input

    @Test func fieldsAndAFileArriveWithTheirHeadsAndBodies() {
        let pdf: [UInt8] = Array("%PDF-1.4\r\n\r\n--Xy\r\n--XyY binary --XyZ\0\u{1} end".utf8)
        let body = multipartBody([fieldPart("_csrf", "token"), fieldPart("title", "Rijbewijs"),
                                  filePart("files", filename: "scan.pdf", type: "application/pdf", pdf)])
        #expect(parseMultipart(body) == .parts([
            CollectedPart(field: "_csrf", "token"),
            CollectedPart(field: "title", "Rijbewijs"),
            CollectedPart(MultipartPartHead(name: "files", filename: "scan.pdf", contentType: "application/pdf"), pdf),
        ]))
    }

    @Test func aBrowserBodyWithPreambleEpilogueAndAQuotedBoundaryParses() throws {
        let boundary = try MultipartParser.boundary(contentType: "multipart/form-data; boundary=\"----WebKitFormBoundary7MA4YWxkTrZu0gW\"")
        #expect(boundary == "----WebKitFormBoundary7MA4YWxkTrZu0gW")
        let body = multipartBody([fieldPart("a", "1")], boundary: boundary, preamble: "This is the preamble.", epilogue: "and an epilogue")
        #expect(parseMultipart(body, boundary: boundary) == .parts([CollectedPart(field: "a", "1")]))
    }

    @Test func emptyValuesAndEmptyFilesAreParts() {
        let body = multipartBody([fieldPart("title", ""), filePart("files", filename: "", [])])
        #expect(parseMultipart(body) == .parts([
            CollectedPart(field: "title", ""),
            CollectedPart(MultipartPartHead(name: "files", filename: "", contentType: "application/octet-stream"), []),
        ]))
    }

    @Test func anEmptyFormIsJustTheClosingDelimiter() {
        #expect(parseMultipart(Array("--XyZ--\r\n".utf8)) == .parts([]))
        #expect(parseMultipart(Array("--XyZ--".utf8)) == .parts([]))
    }

    @Test func paddingAfterADelimiterIsAllowed() {
        let body = Array("--XyZ \t \r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--".utf8)
        #expect(parseMultipart(body) == .parts([CollectedPart(field: "a", "1")]))
    }

    @Test func headerNamesAreCaseInsensitiveAndFoldedLinesAreJoined() {
        let body = Array("--XyZ\r\ncontent-DISPOSITION: form-data;\r\n name=\"a\"\r\nCONTENT-TYPE:  text/plain \r\nX-Other: 1\r\n\r\nv\r\n--XyZ--".utf8)
        #expect(parseMultipart(body) == .parts([CollectedPart(MultipartPartHead(name: "a", contentType: "text/plain"), Array("v".utf8))]))
    }

    @Test func bytesThatAlmostMatchTheDelimiterAreData() {
        // Ends in the first bytes of the delimiter, right before the real one.
        let tricky: [UInt8] = Array("\r\n--XyY\r\n--Xy\r\r\n-\r\n--\r\n\r\r\n--X".utf8)
        let body = multipartBody([filePart("f", filename: "a.bin", tricky)])
        #expect(parseMultipart(body) == .parts([CollectedPart(MultipartPartHead(name: "f", filename: "a.bin", contentType: "application/octet-stream"), tricky)]))
    }

    // MARK: - File names (RFC 7578 §4.2)

    func filename(_ disposition: String) -> String?? {
        let body = Array("--XyZ\r\nContent-Disposition: \(disposition)\r\n\r\nx\r\n--XyZ--".utf8)
        guard case .parts(let parts) = parseMultipart(body), let part = parts.first else { return .none }
        return .some(part.head.filename)
    }

    @Test func filenameStarWinsOverFilename() {
        #expect(filename("form-data; name=\"f\"; filename=\"fallback.pdf\"; filename*=UTF-8''%E2%82%AC%20rates.pdf") == "€ rates.pdf")
        #expect(filename("form-data; name=\"f\"; filename*=utf-8'nl'Offerte%C3%A9.pdf; filename=\"x.pdf\"") == "Offerteé.pdf")
        #expect(filename("form-data; name=\"f\"; filename*=ISO-8859-1''caf%E9.txt") == "café.txt")
    }

    @Test func aBrokenFilenameStarFallsBackToFilename() {
        #expect(filename("form-data; name=\"f\"; filename=\"plain.pdf\"; filename*=UTF-8''%ZZ") == "plain.pdf")
        #expect(filename("form-data; name=\"f\"; filename=\"plain.pdf\"; filename*=UTF-8''%C3") == "plain.pdf")
        #expect(filename("form-data; name=\"f\"; filename=\"plain.pdf\"; filename*=KOI8-R''x") == "plain.pdf")
        #expect(filename("form-data; name=\"f\"; filename=\"plain.pdf\"; filename*=noquotes") == "plain.pdf")
    }

    @Test func rawUTF8QuotesAndBrowserEscapesInFilenames() {
        #expect(filename("form-data; name=\"f\"; filename=\"Überweisung 北京.pdf\"") == "Überweisung 北京.pdf")
        // Browsers write a quote as %22 and CR/LF as %0D/%0A; a quoted-pair \" is read too.
        #expect(filename("form-data; name=\"f\"; filename=\"say %22hi%22.txt\"") == "say \"hi\".txt")
        #expect(filename("form-data; name=\"f\"; filename=\"a%0D%0Ab.txt\"") == "a\r\nb.txt")
        #expect(filename("form-data; name=\"f\"; filename=\"say \\\"hi\\\".txt\"") == "say \"hi\".txt")
        // Other percent signs and backslashes stay what they are (a Windows path).
        #expect(filename("form-data; name=\"f\"; filename=\"100%25 C:\\dir\\x.txt\"") == "100%25 C:\\dir\\x.txt")
        #expect(filename("form-data; name=\"f\"; filename=token.txt") == "token.txt")
    }

    @Test func aFieldHasNoFilenameAndAnEmptyFilenameIsAnEmptyFileInput() {
        #expect(filename("form-data; name=\"title\"") == .some(nil))
        #expect(filename("form-data; name=\"files\"; filename=\"\"") == "")
    }

    // MARK: - Malformed input: refused, never guessed

    @Test(arguments: [
        "--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--",                                   // no disposition
        "--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--XyZ--",                // not form-data
        "--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--",                              // no name
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n--XyZ--",                   // unterminated quote
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\nX: y\r\n\r\nx\r\n--XyZ--",            // bare LF
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\rX: y\r\n\r\nx\r\n--XyZ--",            // bare CR
        "--XyZ\r\nContent-Disposition form-data; name=\"a\"\r\n\r\nx\r\n--XyZ--",                  // no colon
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\nx\r\n--XyZ--",
        "--XyZ\r\n\r\nx\r\n--XyZ--",                                                                // no headers at all
        "--XyZX\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--XyZ--",                // garbage after delimiter
        "--XyZ-\r\n",                                                                               // one dash
        "--XyZ\rContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--XyZ--",                   // CR without LF
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"; =x\r\n\r\nx\r\n--XyZ--",             // empty parameter name
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\" junk\r\n\r\nx\r\n--XyZ--",            // junk after quoted value
    ])
    func malformedBodiesAreRefused(_ body: String) {
        guard case .failed(let error) = parseMultipart(Array(body.utf8)), case .malformed = error else {
            Issue.record("accepted: \(body.debugDescription)")
            return
        }
    }

    @Test(arguments: [
        "",                                                                            // nothing at all
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nhalf a fil",     // cut in a body
        "--XyZ\r\nContent-Disposition: form-dat",                                      // cut in the headers
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--XyZ",     // no closing --
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--Xy",      // cut in a delimiter
        "just some bytes without any delimiter",
    ])
    func aBodyThatStopsEarlyIsIncomplete(_ body: String) {
        #expect(parseMultipart(Array(body.utf8)) == .failed(.incomplete))
    }

    @Test(arguments: ["", String(repeating: "a", count: 71), "has\"quote", "tab\there", "ends with space ", "semi;colon", "nl\n"])
    func badBoundariesAreRefused(_ boundary: String) {
        #expect(throws: MultipartError.notMultipart) { try MultipartParser(boundary: boundary) }
    }

    @Test(arguments: ["text/plain", "multipart/form-data", "multipart/mixed; boundary=abc", "multipart/form-data; boundary=",
                      "multipart/form-data; boundary=\"unterminated", "application/x-www-form-urlencoded"])
    func contentTypesWithoutAFormDataBoundaryAreRefused(_ contentType: String) {
        #expect(throws: MultipartError.notMultipart) { try MultipartParser.boundary(contentType: contentType) }
    }

    @Test func boundaryCharactersOfRFC2046AreAccepted() throws {
        #expect(try MultipartParser.boundary(contentType: "Multipart/Form-Data; charset=utf-8; boundary=a'()+_,-./:=?b") == "a'()+_,-./:=?b")
        #expect(try MultipartParser.boundary(contentType: "multipart/form-data;boundary=\"with space\"") == "with space")
    }

    // MARK: - Limits

    @Test func aHeaderBlockOverTheLimitIsRefused() {
        let long = "X-Long: " + String(repeating: "a", count: 9000)
        let body = multipartBody([(["Content-Disposition: form-data; name=\"a\"", long], Array("x".utf8))])
        #expect(parseMultipart(body) == .failed(.headerTooLarge))
        #expect(parseMultipart(body, limits: MultipartLimits(maxHeaderBytes: 10_000)) == .parts([CollectedPart(field: "a", "x")]))
    }

    @Test func tooManyPartsAreRefused() {
        let parts = (0..<5).map { fieldPart("f\($0)", "v") }
        #expect(parseMultipart(multipartBody(parts), limits: MultipartLimits(maxParts: 4)) == .failed(.tooManyParts))
        guard case .parts(let ok) = parseMultipart(multipartBody(parts), limits: MultipartLimits(maxParts: 5)) else {
            Issue.record("five parts refused with a limit of five")
            return
        }
        #expect(ok.count == 5)
    }

    @Test func aPlainFieldOverTheLimitIsRefusedButAFileIsNot() {
        let big = String(repeating: "b", count: 2000)
        let limits = MultipartLimits(maxFieldBytes: 1000)
        #expect(parseMultipart(multipartBody([fieldPart("title", big)]), limits: limits) == .failed(.fieldTooLarge))
        #expect(parseMultipart(multipartBody([filePart("f", filename: "a.txt", Array(big.utf8))]), limits: limits)
            == .parts([CollectedPart(MultipartPartHead(name: "f", filename: "a.txt", contentType: "application/octet-stream"), Array(big.utf8))]))
        #expect(parseMultipart(multipartBody([fieldPart("title", String(repeating: "b", count: 1000))]), limits: limits) != .failed(.fieldTooLarge))
    }

    // MARK: - The safe file name

    @Test func safeFilenameStripsPathsAndControls() {
        #expect(MultipartPartHead(name: "f", filename: "../../etc/passwd").safeFilename == "passwd")
        #expect(MultipartPartHead(name: "f", filename: "a\r\nb.txt").safeFilename == "ab.txt")
        #expect(MultipartPartHead(name: "f").safeFilename == nil)
    }
}
