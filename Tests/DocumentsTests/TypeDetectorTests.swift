import Foundation
import Testing
@testable import Documents

struct TypeDetectorTests {
    let detector = TypeDetector()
    let policy = DocumentTypePolicy.standard

    func detect(_ bytes: [UInt8]) -> String? { detector.mimeType(of: bytes) }

    /// The accepted kinds: a generated file of each, and the type libmagic must find.
    static let acceptedKinds: [String: ([UInt8], String)] = [
        "png": (SampleFiles.png(), "image/png"),
        "jpeg": (SampleFiles.jpeg(), "image/jpeg"),
        "pdf": (SampleFiles.pdf(), "application/pdf"),
        "webp": (SampleFiles.webp(), "image/webp"),
        "heic": (SampleFiles.heic(), "image/heic"),
        "docx": (SampleFiles.ooxml(.docx), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        "xlsx": (SampleFiles.ooxml(.xlsx), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        "pptx": (SampleFiles.ooxml(.pptx), "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        "odt": (SampleFiles.odf(spreadsheet: false), "application/vnd.oasis.opendocument.text"),
        "ods": (SampleFiles.odf(spreadsheet: true), "application/vnd.oasis.opendocument.spreadsheet"),
        "doc": (SampleFiles.compoundFile(stream: "WordDocument"), "application/msword"),
        "xls": (SampleFiles.compoundFile(stream: "Workbook"), "application/vnd.ms-excel"),
        "text": (SampleFiles.text, "text/plain"),
        "csv": (SampleFiles.csv, "text/csv"),
    ]

    @Test(arguments: ["png", "jpeg", "pdf", "webp", "heic", "docx", "xlsx", "pptx", "odt", "ods", "doc", "xls", "text", "csv"])
    func acceptedKindsAreDetectedFromTheirContent(_ kind: String) throws {
        let (bytes, expected) = try #require(Self.acceptedKinds[kind])
        #expect(detect(bytes) == expected, "\(kind)")
        #expect(policy.verdict(detected: expected, size: bytes.count) == .accepted, "\(kind)")
    }

    @Test func everyStandardTypeHasASample() {
        #expect(Set(Self.acceptedKinds.values.map(\.1)).union(["image/heif"]) == Set(DocumentTypePolicy.standardTypes.map(\.mime)))
    }

    @Test func htmlIsRefusedAsAWebPage() {
        let type = detect(SampleFiles.html)
        #expect(type == "text/html")
        #expect(policy.verdict(detected: type ?? "", size: SampleFiles.html.count) == .refused(.html))
    }

    @Test func svgIsRefusedAsAnImageThatMayCarryScripts() {
        let type = detect(SampleFiles.svg)
        #expect(type == "image/svg+xml")
        #expect(policy.verdict(detected: type ?? "", size: 1) == .refused(.svg))
    }

    @Test(arguments: ["sh", "python", "php"])
    func scriptsAreRefused(_ kind: String) throws {
        let bytes = try #require(["sh": SampleFiles.shellScript, "python": SampleFiles.pythonScript, "php": SampleFiles.php][kind])
        let type = detect(bytes) ?? ""
        #expect(policy.verdict(detected: type, size: bytes.count) == .refused(.script), "\(kind) detected as \(type)")
    }

    @Test func anElfProgramIsRefusedAsAProgram() throws {
        let elf = try SampleFiles.elf()
        let type = detect(elf)
        #expect(type == "application/x-sharedlib" || type == "application/x-pie-executable" || type == "application/x-executable")
        #expect(policy.verdict(detected: type ?? "", size: elf.count) == .refused(.executable))
    }

    @Test func anEmptyFileIsRefusedAsEmpty() {
        let type = detect([])
        #expect(type == "application/x-empty")
        #expect(policy.verdict(detected: type ?? "", size: 0) == .refused(.empty))
    }

    @Test func contentWinsOverWhatTheBytesClaimToBeCalled() {
        // A PNG is a PNG whatever its name; the detector never sees the name at all.
        #expect(detect(SampleFiles.png()) == "image/png")
        // HTML after a few lines of text is still HTML.
        let disguised = Array("Beste klant,\n\n".utf8) + SampleFiles.html
        #expect(policy.verdict(detected: detect(disguised) ?? "", size: disguised.count) != .accepted)
    }

    @Test func onlyTheFirst64KiBAreExamined() {
        // A large PDF: its type comes from its head; bytes past 64 KiB do not matter.
        var big = SampleFiles.pdf(padding: 300_000)
        #expect(big.count > 300_000)
        #expect(detect(big) == "application/pdf")
        big.replaceSubrange((big.count - 1000)..<big.count, with: SampleFiles.html.prefix(1000))
        #expect(detect(big) == "application/pdf")
    }

    @Test func anUnknownBinaryIsNotAccepted() {
        var random = SystemRandomNumberGenerator()
        let noise = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &random) }
        let type = detect(noise) ?? ""
        #expect(policy.verdict(detected: type, size: noise.count) == .refused(.notAccepted(type)))
    }

    @Test func eachThreadGetsItsOwnCookieAndTheSameAnswers() async {
        let samples: [([UInt8], String)] = [(SampleFiles.png(), "image/png"), (SampleFiles.pdf(), "application/pdf"),
                                            (SampleFiles.text, "text/plain"), (SampleFiles.html, "text/html")]
        let results = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<16 {
                group.addTask {
                    let detector = TypeDetector()
                    for round in 0..<50 {
                        let (bytes, expected) = samples[(i + round) % samples.count]
                        if detector.mimeType(of: bytes) != expected { return false }
                    }
                    return true
                }
            }
            var all: [Bool] = []
            for await r in group { all.append(r) }
            return all
        }
        #expect(results.count == 16 && results.allSatisfy { $0 })
    }

    @Test func dangerousKindsStayRefusedEvenWhenListed() {
        let policy = DocumentTypePolicy(accepting: ["text/html", "image/svg+xml", "application/x-sharedlib", "text/x-shellscript", "image/png"])
        #expect(policy.accepted == ["image/png"])
        #expect(policy.verdict(detected: "text/html", size: 10) == .refused(.html))
        #expect(policy.verdict(detected: "image/png", size: 10) == .accepted)
        #expect(policy.verdict(detected: "application/pdf", size: 10) == .refused(.notAccepted("application/pdf")))
    }

    @Test func theListIsReadFromACommaSeparatedOption() {
        #expect(DocumentTypePolicy(list: "application/pdf, image/png")?.accepted == ["application/pdf", "image/png"])
        #expect(DocumentTypePolicy(list: "") == nil)
        #expect(DocumentTypePolicy(list: "pdf") == nil)
        #expect(DocumentTypePolicy(list: "application/pdf;x") == nil)
    }

    @Test func aDownloadNameGetsTheExtensionOfTheDetectedType() {
        #expect(DocumentTypePolicy.downloadName(original: "scan.pdf", fallback: "x", mime: "image/png") == "scan.png")
        #expect(DocumentTypePolicy.downloadName(original: "Scan.PDF", fallback: "x", mime: "application/pdf") == "Scan.PDF")
        #expect(DocumentTypePolicy.downloadName(original: "foto.jpeg", fallback: "x", mime: "image/jpeg") == "foto.jpeg")
        #expect(DocumentTypePolicy.downloadName(original: "rijbewijs", fallback: "x", mime: "image/jpeg") == "rijbewijs.jpg")
        #expect(DocumentTypePolicy.downloadName(original: "", fallback: "Inschrijving", mime: "application/pdf") == "Inschrijving.pdf")
        #expect(DocumentTypePolicy.downloadName(original: "notes", fallback: "x", mime: "application/x-unknown") == "notes")
    }
}
