import Testing
@testable import Web

struct UploadFileNameTests {
    @Test(arguments: [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\system32\\cmd.exe", "cmd.exe"),
        ("C:\\Users\\An\\Documents\\Rijbewijs.pdf", "Rijbewijs.pdf"),
        ("/absolute/path/scan.png", "scan.png"),
        ("dir/", ""),
        ("..", ""),
        (".", ""),
        ("...", ""),
        ("   ", ""),
        ("", ""),
        ("a\r\nX-Injected: 1\r\n.txt", "aX-Injected: 1.txt"),
        ("nul\u{0}byte.pdf", "nulbyte.pdf"),
        ("tab\there.txt", "tabhere.txt"),
        ("del\u{7F}.txt", "del.txt"),
        ("c1\u{85}.txt", "c1.txt"),
        ("invoice\u{202E}fdp.exe", "invoicefdp.exe"),
        ("zero\u{200B}width.txt", "zerowidth.txt"),
        ("  spaced name.pdf  ", "spaced name.pdf"),
        ("trailing dots...", "trailing dots"),
        (".hidden", ".hidden"),
        ("say \"hi\".txt", "say \"hi\".txt"),
        ("Überweisung Straße.pdf", "Überweisung Straße.pdf"),
        ("北京の契約書.pdf", "北京の契約書.pdf"),
        ("Договор.docx", "Договор.docx"),
        ("صورة.jpg", "صورة.jpg"),
        ("emoji 🚗.png", "emoji 🚗.png"),
    ])
    func namesAreCleaned(_ raw: String, _ expected: String) {
        #expect(UploadFileName.sanitize(raw) == expected)
    }

    @Test func longNamesAreCutKeepingTheExtension() {
        let long = String(repeating: "a", count: 400) + ".pdf"
        let cut = UploadFileName.sanitize(long)
        #expect(cut.utf8.count == UploadFileName.maxBytes)
        #expect(cut.hasSuffix(".pdf"))
        // Multi-byte characters are never split.
        let wide = String(repeating: "北", count: 200) + ".docx"
        let wideCut = UploadFileName.sanitize(wide)
        #expect(wideCut.utf8.count <= UploadFileName.maxBytes)
        #expect(wideCut.hasSuffix(".docx"))
        #expect(wideCut.dropLast(5).allSatisfy { $0 == "北" })
        // Without a short extension the name is simply cut.
        #expect(UploadFileName.sanitize(String(repeating: "é", count: 300)).utf8.count <= UploadFileName.maxBytes)
    }

    @Test func theResultNeverHoldsAPathSeparatorOrAControlCharacter() {
        var rng = SplitMix64(seed: 7)
        let alphabet: [Character] = ["a", "/", "\\", ".", "\r", "\n", "\0", "\u{202E}", "é", " ", "\"", "北"]
        for _ in 0..<2000 {
            let raw = String((0..<Int.random(in: 0...30, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            let clean = UploadFileName.sanitize(raw)
            #expect(!clean.contains("/") && !clean.contains("\\"))
            #expect(!clean.unicodeScalars.contains { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format })
            #expect(clean != "." && clean != "..")
            #expect(clean.utf8.count <= UploadFileName.maxBytes)
        }
    }

    // MARK: - Content-Disposition (RFC 6266)

    @Test func attachmentHeaderHasAnASCIIFallbackAndTheUTF8Name() {
        #expect(ContentDisposition.attachment(filename: "Rijbewijs.pdf") == "attachment; filename=\"Rijbewijs.pdf\"; filename*=UTF-8''Rijbewijs.pdf")
        #expect(ContentDisposition.attachment(filename: "Überweisung 北京.pdf")
            == "attachment; filename=\"_berweisung __.pdf\"; filename*=UTF-8''%C3%9Cberweisung%20%E5%8C%97%E4%BA%AC.pdf")
        #expect(ContentDisposition.attachment(filename: "say \"hi\" \\ 100%.txt")
            == "attachment; filename=\"say _hi_ _ 100_.txt\"; filename*=UTF-8''say%20%22hi%22%20%5C%20100%25.txt")
    }

    @Test func theHeaderNeverContainsCRLFOrAQuoteInsideTheFallback() {
        for name in ["a\r\nSet-Cookie: x=1", "\"\"\"", "\u{0}", "é\u{202E}"] {
            let value = ContentDisposition.attachment(filename: name)
            #expect(!value.utf8.contains(13) && !value.utf8.contains(10) && !value.utf8.contains(0))
            let fallback = value.split(separator: ";")[1]
            #expect(fallback.filter { $0 == "\"" }.count == 2)
        }
        #expect(ContentDisposition.asciiFallback("") == "download")
    }
}
