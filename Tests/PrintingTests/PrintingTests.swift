import Foundation
@testable import Printing
import Testing

@Suite("PDF writer")
struct PrintingTests {
    static let date = PrintDate(year: 2026, month: 12, day: 2, hour: 9, minute: 30)

    static func document(_ blocks: [Block], footer: String = "Voettekst – Showroom NV") -> PrintDocument {
        PrintDocument(title: "Testdocument", author: "Showroom", creationDate: date, footer: footer,
                      pageLabel: { "pagina \($0) / \($1)" }, blocks: blocks)
    }

    static let sample: [Block] = [
        .heading("Bestelbon O-2026-000042", style: .title),
        .text("Één lange alinea met é ë ç € CO₂ „quotes“ die over meerdere regels loopt. " + String(repeating: "Nog wat woorden om te breken. ", count: 12)),
        .keyValues([KeyValue("Naam", "Jan Peeters"), KeyValue("Adres", "Kerkstraat 1\n9000 Gent")]),
        .table(columns: [TableColumn("Omschrijving", width: 3), TableColumn("Bedrag", width: 1, alignment: .right)],
               rows: [TableRow(["Wagen", "€ 30.000,00"]), TableRow(["Totaal", "€ 30.000,00"], style: .bold)]),
        .box(title: "Specifieke essentiële kenmerken", content: [.text("Trekhaak")], minHeight: 60),
        .sideBySide([.box(title: "De koper", content: [], minHeight: 50), .box(title: "De verkoper", content: [], minHeight: 50)]),
    ]

    @Test func textIsExtractableAndEveryFontEmbeddedDejaVu() throws {
        let pdf = try Self.document(Self.sample).render()
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
        let text = PDFTools.flat(try PDFTools.text(pdf))
        for phrase in ["Bestelbon O-2026-000042", "é ë ç € CO₂", "Kerkstraat 1", "€ 30.000,00", "Specifieke essentiële kenmerken",
                       "De koper", "De verkoper", "Voettekst – Showroom NV", "pagina 1 / 1"] {
            #expect(text.contains(phrase), "missing \(phrase)")
        }
        let fonts = try PDFTools.fonts(pdf)
        #expect(!fonts.isEmpty)
        for font in fonts {
            #expect(font.embedded, "\(font.name) not embedded")
            #expect(font.name.contains("DejaVuSans"), "unexpected font \(font.name)")
        }
        #expect(fonts.contains { $0.name.hasSuffix("DejaVuSans-Bold") })
    }

    @Test func metadataCarriesTitleAuthorAndTheGivenDate() throws {
        let pdf = try Self.document(Self.sample).render()
        let info = PDFTools.flat(try PDFTools.run("pdfinfo", ["-isodates"], pdf: pdf))
        #expect(info.contains("Title: Testdocument"))
        #expect(info.contains("Author: Showroom"))
        #expect(info.contains("CreationDate: 2026-12-02T09:30:00Z"))
    }

    @Test func sameInputGivesTheSameBytes() throws {
        let a = try Self.document(Self.sample).render()
        let b = try Self.document(Self.sample).render()
        #expect(a == b)
        var other = Self.sample
        other.append(.text("één regel meer"))
        #expect(try Self.document(other).render() != a)
    }

    @Test func aLongTableSpansPagesAndRepeatsItsHeader() throws {
        let rows = (1...60).map { TableRow(["Regel \($0) met een omschrijving die lang genoeg is om soms te moeten afbreken in de kolom", "€ \($0),00"]) }
        let doc = Self.document([
            .heading("Lijst"),
            .table(columns: [TableColumn("Omschrijving", width: 2), TableColumn("Prijs", width: 1, alignment: .right)], rows: rows),
        ])
        let (pdf, pages) = try doc.renderCountingPages()
        #expect(pages >= 2)
        #expect(try PDFTools.pageCount(pdf) == pages)
        let page2 = try PDFTools.text(pdf, page: 2)
        #expect(page2.contains("Omschrijving"))
        #expect(page2.contains("Prijs"))
        #expect(page2.contains("pagina 2 / \(pages)"))
        let all = PDFTools.flat(try PDFTools.text(pdf))
        for n in [1, 30, 60] { #expect(all.contains("Regel \(n) met")) }
        // The header appears once per page.
        #expect(all.components(separatedBy: "Omschrijving").count - 1 == pages)
    }

    @Test func longTextContinuesOnTheNextPage() throws {
        let text = (1...150).map { "Zin nummer \($0)." }.joined(separator: "\n")
        let (pdf, pages) = try Self.document([.text(text)]).renderCountingPages()
        #expect(pages >= 2)
        let all = PDFTools.flat(try PDFTools.text(pdf))
        #expect(all.contains("Zin nummer 1.") && all.contains("Zin nummer 150."))
    }

    @Test func parallelRendersGiveTheSameBytesAsOne() throws {
        let expected = try Self.document(Self.sample).render()
        let results = UnsafeSendableBox(Array(repeating: [UInt8](), count: 8))
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            let bytes = (try? Self.document(Self.sample).render()) ?? []
            results.set(i, bytes)
        }
        for r in results.values { #expect(r == expected) }
    }

    @Test func missingFontFailsWithItsPath() throws {
        var doc = Self.document(Self.sample)
        doc.fonts = FontFiles(directory: "/nonexistent/fonts")
        #expect(throws: PrintingError.fontMissing(path: "/nonexistent/fonts/DejaVuSans.ttf")) { try doc.render() }
        #expect(PrintingError.fontMissing(path: "/x").description.contains("fonts-dejavu-core"))
    }

    @Test func pngAndJPEGLogosAreEmbedded() throws {
        // Images made by poppler from a rendered page: a real PNG and a real JPEG.
        let page = try Self.document([.heading("Logo")]).render()
        let png = try PDFTools.picture(page, format: "png", dpi: 20)
        let jpeg = try PDFTools.picture(page, format: "jpeg", dpi: 20)
        #expect(png.starts(with: [0x89, 0x50]))
        #expect(JPEG.size(jpeg).map { [$0.0, $0.1] } == [166, 234])   // A4 at 20 dpi
        let pdf = try Self.document([
            .image(bytes: png, maxWidth: 120, maxHeight: 60, alignment: .right),
            .image(bytes: jpeg, maxWidth: 120, maxHeight: 60),
        ]).render()
        let list = try PDFTools.run("pdfimages", ["-list"], pdf: pdf)
        #expect(list.contains("jpeg"), "JPEG not passed through: \(list)")
        #expect(list.split(separator: "\n").count == 4)   // two header lines, two images
        #expect(throws: PrintingError.self) { try Self.document([.image(bytes: [1, 2, 3], maxWidth: 10, maxHeight: 10)]).render() }
    }

    @Test func jpegSizeComesFromTheFrameHeader() {
        // SOI, APP0 (length 4), SOF0 with height 2 and width 3.
        let bytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x02, 0x00, 0x03, 0x03, 0, 0, 0, 0]
        #expect(JPEG.size(bytes)! == (3, 2))
        #expect(JPEG.size([0xFF, 0xD8, 0xFF, 0xD9, 0, 0, 0, 0, 0, 0, 0, 0]) == nil)
    }
}

/// Results written from concurrent iterations, each to its own index.
final class UnsafeSendableBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [[UInt8]]
    init(_ values: [[UInt8]]) { storage = values }
    func set(_ i: Int, _ v: [UInt8]) { lock.lock(); storage[i] = v; lock.unlock() }
    var values: [[UInt8]] { lock.lock(); defer { lock.unlock() }; return storage }
}
