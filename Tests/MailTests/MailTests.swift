import Foundation
@testable import Mail
import Testing

@Suite("Mail: addresses")
struct MailAddressTests {
    @Test func plainAddressesAreTakenWithTheirDomainInLowerCase() {
        #expect(MailAddress("an.peeters@Example.BE")?.address == "an.peeters@example.be")
        #expect(MailAddress("  jan+offerte@garage-gent.be ")?.address == "jan+offerte@garage-gent.be")
        #expect(MailAddress("o'brien@mail.co.uk") != nil)
    }

    @Test(arguments: ["", "an", "an@", "@example.be", "an@@example.be", "an@example", "an@example.b", ".an@example.be", "an.@example.be",
                      "a..n@example.be", "an@-example.be", "an@example-.be", "an@exa_mple.be", "an peeters@example.be", "\"an\"@example.be",
                      "an@[127.0.0.1]", "frédéric@example.be", "an@exämple.be", "an@example.be\r\nBcc: x@y.be", "an@example.be\n", "<an@example.be>",
                      "An <an@example.be>", "an@example.123"])
    func everythingElseIsRefused(_ text: String) {
        #expect(MailAddress(text) == nil, "\(text.debugDescription) was taken")
    }

    @Test func aLocalPartOver64OrAnAddressOver254IsRefused() {
        #expect(MailAddress(String(repeating: "a", count: 65) + "@example.be") == nil)
        #expect(MailAddress(String(repeating: "a", count: 64) + "@example.be") != nil)
        let label = String(repeating: "d", count: 60)
        #expect(MailAddress("a@" + [label, label, label, label, label, "be"].joined(separator: ".")) == nil)
    }

    @Test func aListSplitsOnCommasSemicolonsAndBlanksAndNamesWhatIsNotAnAddress() {
        let (list, invalid) = MailAddress.list("a@example.be, b@example.be;c@example.be\nslecht@@x  a@EXAMPLE.be")
        #expect(list.map(\.address) == ["a@example.be", "b@example.be", "c@example.be"])
        #expect(invalid == ["slecht@@x"])
    }
}

@Suite("Mail: MIME and RFC 2047")
struct MIMETests {
    @Test func plainSubjectsStayReadable() {
        #expect(MIME.encodeHeaderText("Your quote O-2026-000042") == "Your quote O-2026-000042")
    }

    @Test func utf8SubjectsBecomeEncodedWordsThatDecodeBack() throws {
        let subject = "Votre offre O-2026-000042 pour la Citroën ë-C4 — prix spécial, valable jusqu'au 31/12/2026 🚗"
        let encoded = MIME.encodeHeaderText(subject)
        let lines = encoded.components(separatedBy: "\r\n ")
        #expect(lines.count > 1, "long subjects are folded")
        for word in lines {
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
            #expect(word.count <= 75, "RFC 2047 §2: an encoded-word is at most 75 characters")
        }
        // Each word holds whole characters: decoding word by word and joining gives the subject.
        let decoded = try lines.map { word -> String in
            let b64 = String(word.dropFirst(10).dropLast(2))
            let data = try #require(Data(base64Encoded: b64))
            return try #require(String(data: data, encoding: .utf8))
        }.joined()
        #expect(decoded == subject)
    }

    @Test func textThatLooksLikeAnEncodedWordIsEncodedItself() {
        #expect(MIME.encodeHeaderText("=?UTF-8?B?aGk=?=").hasPrefix("=?UTF-8?B?PT9"))
    }

    @Test func displayNames() {
        #expect(MIME.encodeDisplayName("An Peeters") == "An Peeters")
        #expect(MIME.encodeDisplayName("Peeters, An") == "\"Peeters, An\"")
        #expect(MIME.encodeDisplayName("Say \"hi\"") == "\"Say \\\"hi\\\"\"")
        #expect(MIME.encodeDisplayName("Frédéric Dubois") == "=?UTF-8?B?RnLDqWTDqXJpYyBEdWJvaXM=?=")
    }

    @Test func quotedPrintableKeepsLinesShortAndEncodesWhatItMust() {
        let qp = MIME.quotedPrintable("Bonjour Frédéric,\n\n" + String(repeating: "x", count: 200) + " \nprix = 5 €")
        for line in qp.components(separatedBy: "\r\n") { #expect(line.count <= 76, "\(line)") }
        #expect(qp.contains("Fr=C3=A9d=C3=A9ric"))
        #expect(qp.contains("x=20\r\n"), "a blank before a line end is encoded")
        #expect(qp.contains("prix =3D 5 =E2=82=AC"))
        #expect(!qp.contains("\n\n") && qp.contains("\r\n\r\n"), "CRLF line ends")
    }

    @Test func base64LinesAre76CharactersWithCRLF() {
        let lines = MIME.base64Lines([UInt8](repeating: 7, count: 1000)).components(separatedBy: "\r\n")
        #expect(lines.dropLast().allSatisfy { $0.count <= 76 } && lines.last == "")
        #expect(Data(base64Encoded: lines.joined()) == Data(repeating: 7, count: 1000))
    }

    @Test func fileNamesOutsideASCIIGetTheRFC2231Form() {
        #expect(MIME.fileNameParameters("O-2026-000042.pdf") == "filename=\"O-2026-000042.pdf\"")
        #expect(MIME.fileNameParameters("Rijbewijs Frédéric.pdf") == "filename=\"Rijbewijs Fr_d_ric.pdf\"; filename*=UTF-8''Rijbewijs%20Fr%C3%A9d%C3%A9ric.pdf")
    }

    @Test func datesAreRFC5322InUTC() {
        #expect(MIME.date(epochSeconds: 0) == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(MIME.date(epochSeconds: 1_796_207_597) == "Wed, 02 Dec 2026 10:33:17 +0000")
        #expect(MIME.date(epochSeconds: 951_782_400) == "Tue, 29 Feb 2000 00:00:00 +0000")
    }
}

@Suite("Mail: messages")
struct MailMessageTests {
    static let from = Mailbox(MailAddress("verkoop@garage.be")!, name: "Garage Démo")
    static let to = [Mailbox(MailAddress("frederic@example.be")!, name: "Frédéric Dubois"), Mailbox(MailAddress("boekhouding@example.be")!)]

    static func text(_ m: MailMessage) throws -> String { String(decoding: try m.rendered(), as: UTF8.self) }

    @Test func aMessageWithAttachmentsIsMultipartMixedWithEveryRequiredHeader() throws {
        let pdf = Array("%PDF-1.4 fake".utf8)
        let m = MailMessage(from: Self.from, to: Self.to, subject: "Votre offre", body: "Bonjour,\nVoici.", 
                            attachments: [MailAttachment(fileName: "O-2026-000042.pdf", contentType: "application/pdf", bytes: pdf)],
                            messageID: "<abc@garage.be>", dateEpochSeconds: 0, boundary: "BOUNDARY")
        let s = try Self.text(m)
        let (head, body) = try #require(s.range(of: "\r\n\r\n").map { (String(s[..<$0.lowerBound]), String(s[$0.upperBound...])) })
        let headers = head.components(separatedBy: "\r\n")
        #expect(headers.contains("Date: Thu, 01 Jan 1970 00:00:00 +0000"))
        #expect(headers.contains("From: =?UTF-8?B?R2FyYWdlIETDqW1v?= <verkoop@garage.be>"))
        #expect(headers.contains("To: =?UTF-8?B?RnLDqWTDqXJpYyBEdWJvaXM=?= <frederic@example.be>,"))
        #expect(headers.contains(" boekhouding@example.be"))
        #expect(headers.contains("Message-ID: <abc@garage.be>"))
        #expect(headers.contains("Subject: Votre offre"))
        #expect(headers.contains("MIME-Version: 1.0"))
        #expect(headers.contains("Content-Type: multipart/mixed; boundary=\"BOUNDARY\""))
        #expect(body.contains("--BOUNDARY\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nBonjour,\r\nVoici.\r\n"))
        #expect(body.contains("Content-Disposition: attachment; filename=\"O-2026-000042.pdf\"\r\n\r\n" + Data(pdf).base64EncodedString() + "\r\n"))
        #expect(body.hasSuffix("--BOUNDARY--\r\n"))
        // No bare LF anywhere: every line ends in CRLF.
        #expect(!s.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func withoutAttachmentsItIsOnePlainPart() throws {
        let s = try Self.text(MailMessage(from: Self.from, to: [Self.to[1]], subject: "Hi", body: "Hello", messageID: "<x@y.be>", dateEpochSeconds: 0))
        #expect(s.contains("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nHello\r\n"))
        #expect(!s.contains("multipart"))
    }

    @Test(arguments: ["Offerte\r\nBcc: everyone@example.com", "Offerte\nBcc: x@y.be", "Offerte\rX", "Tab\tin", "Nul\u{0}", "Line\u{2028}sep"])
    func aHeaderInjectionIsRefused(_ subject: String) {
        let m = MailMessage(from: Self.from, to: Self.to, subject: subject, body: "x", dateEpochSeconds: 0)
        #expect(throws: MailMessageError.controlCharacterInHeader(subject)) { try m.rendered() }
    }

    @Test func aNameWithALineBreakIsRefusedToo() {
        let evil = Mailbox(MailAddress("a@example.be")!, name: "An\r\nBcc: x@y.be")
        #expect(throws: MailMessageError.self) { try MailMessage(from: Self.from, to: [evil], subject: "x", body: "x", dateEpochSeconds: 0).rendered() }
        #expect(throws: MailMessageError.noRecipients) { try MailMessage(from: Self.from, to: [], subject: "x", body: "x", dateEpochSeconds: 0).rendered() }
    }

    @Test func messageIDsAreUniqueOnTheSendersDomain() {
        let a = MailMessage(from: Self.from, to: Self.to, subject: "x", body: "x", dateEpochSeconds: 0)
        let b = MailMessage(from: Self.from, to: Self.to, subject: "x", body: "x", dateEpochSeconds: 0)
        #expect(a.messageID != b.messageID)
        #expect(a.messageID.hasPrefix("<") && a.messageID.hasSuffix("@garage.be>"))
    }
}

@Suite("Mail: SMTP outcomes")
struct SMTPOutcomeTests {
    @Test func repliesAreSortedIntoDeliveredLaterAndNever() {
        #expect(SMTPTransport.classify(curlCode: 0, responseCode: 250, connectFailed: false, reply: "250 OK", error: "") == .delivered(reply: "250 OK"))
        #expect(SMTPTransport.classify(curlCode: 55, responseCode: 451, connectFailed: false, reply: "451 4.3.0 busy", error: "RCPT failed: 451")
                == .temporary(reason: "451 4.3.0 busy"))
        #expect(SMTPTransport.classify(curlCode: 55, responseCode: 550, connectFailed: false, reply: "550 5.1.1 unknown", error: "RCPT failed: 550")
                == .permanent(reason: "550 5.1.1 unknown"))
        #expect(SMTPTransport.classify(curlCode: 7, responseCode: 0, connectFailed: true, reply: "", error: "Failed to connect")
                == .temporary(reason: "Failed to connect"))
        #expect(SMTPTransport.classify(curlCode: 67, responseCode: 535, connectFailed: false, reply: "535 5.7.8 bad credentials", error: "Login denied")
                == .permanent(reason: "535 5.7.8 bad credentials"))
    }

    /// A real exchange with nobody listening: connection refused is worth trying again.
    @Test func aRefusedConnectionIsTemporary() throws {
        SMTPTransport.globalInit()
        let port = try freePort()
        let t = SMTPTransport(SMTPConfiguration(host: "127.0.0.1", port: port, security: .none, connectTimeoutSeconds: 2, timeoutSeconds: 5))
        let outcome = t.deliver(Array("Subject: x\r\n\r\nx\r\n".utf8), from: MailAddress("a@example.be")!, to: [MailAddress("b@example.be")!])
        guard case .temporary = outcome else { Issue.record("got \(outcome)"); return }
    }

    /// A port nothing listens on: bound, read, closed.
    func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}
