import Foundation
@testable import Pages
import Printing
import Showroom
import Testing

/// The two printouts, read back with poppler: every mandatory mention in each language, the
/// totals as shown, no VAT under the margin scheme, fonts embedded, stable bytes.
@Suite("Printouts: quote overview and order form")
struct PrintoutTests {
    static let newCar = PrintoutSamples.newCar
    static let marginCar = PrintoutSamples.usedMarginCar

    static func text(_ pdf: [UInt8]) throws -> String { PDFTools.flat(try PDFTools.text(pdf)) }

    static func expectAll(_ phrases: [String], in text: String, _ what: String) {
        for phrase in phrases {
            #expect(text.contains(PDFTools.flat(phrase)), "\(what): missing “\(phrase)”")
        }
    }

    /// Art. 2:20 WVV (and KB 5/4/2019 1°): the company's mentions.
    static func companyMentions(_ t: Translator) -> [String] {
        let c = newCar.company
        return [c.name, c.tradeName!, c.legalForm, c.enterpriseNumber, t("print.register", ["court": c.registerCourt]),
                c.vatNumber, c.iban, c.phone, c.email, c.website] + c.address.lines
    }

    @Test("Order form carries every item of KB 5/4/2019 and art. 2:20 WVV", arguments: Language.allCases)
    func orderFormNewCar(language: Language) throws {
        let t = Translator(language)
        let m = Self.newCar
        let (pdf, pages) = try OrderFormPrintout.renderCountingPages(m, language: language)
        let text = try Self.text(pdf)
        let f = PrintoutParts(m, language)
        Self.expectAll([t("print.order.title", ["number": "O-2026-000042"])], in: text, "title")
        Self.expectAll(Self.companyMentions(t), in: text, "1° dealer / 2:20 WVV")
        Self.expectAll([m.customer.name, m.customer.phone, m.customer.email] + m.customer.address.lines, in: text, "2° consumer")
        Self.expectAll([t("print.order.signing"), "Sint-Denijs-Westrem, 02/12/2026"], in: text, "3° place and date")
        Self.expectAll(["Volkswagen Tiguan", "1.5 eTSI Life DSG", "1.5 eTSI mild hybrid", "Kings Red metallic (P8P8)",
                        "Pakket Comfort", "Trekhaak, elektrisch uitklapbaar", "110 kW", t("print.fuel.hybrid")], in: text, "4° car")
        Self.expectAll([t("print.order.essentials"), m.essentialCharacteristics], in: text, "5° essential characteristics")
        Self.expectAll([t("print.tradein"), "Opel Astra", "1.4 Turbo Innovation", "1.4 benzine, 103 kW", "Grijs", "W0LPD6EC8EG012345",
                        "17/03/2014", t("print.tradein.price"), "€ 6.500,00"], in: text, "6° trade-in")
        Self.expectAll([t("print.total.incl"), Money(cents: m.totals.inclVATCents).belgian, t("print.order.total_statement")],
                       in: text, "7° total price")
        Self.expectAll([t("print.order.deposit"), "€ 4.000,00", t("print.order.balance"),
                        Money(cents: m.totals.inclVATCents - 400_000).belgian], in: text, "8° deposit")
        Self.expectAll([t("print.order.delivery"), "15/02/2027"], in: text, "9° delivery")
        Self.expectAll([t("print.order.legal_warranty"), m.legalWarranty, t("print.order.commercial_warranty"), m.commercialWarranty],
                       in: text, "10° warranty")
        Self.expectAll([t("print.order.withdrawal"), t("print.order.withdrawal_none")], in: text, "11° withdrawal")
        Self.expectAll([t("print.order.documents"), t("print.order.doc.registration_certificate"), t("print.order.doc.certificate_of_conformity")],
                       in: text, "12° documents")
        Self.expectAll([t("print.wltp.fuel"), "6,3 l/100 km", t("print.wltp.co2"), "143 g/km"], in: text, "13° WLTP")
        Self.expectAll([t("print.order.signature_buyer"), t("print.order.signature_seller")], in: text, "14° signatures")
        // Totals as computed, VAT shown.
        Self.expectAll([t("print.total.excl"), f.money(m.totals.exclVATCents), t("print.total.vat"), f.money(m.totals.vatCents),
                        t("print.col.rate"), "21 %"], in: text, "totals")
        #expect(m.totals.exclVATCents + m.totals.vatCents == m.totals.inclVATCents)
        #expect(!text.contains(t("print.margin_scheme")))
        // Company mentions in the footer of every page, with the page count.
        for page in 1...pages {
            let pageText = PDFTools.flat(try PDFTools.text(pdf, page: page))
            #expect(pageText.contains(m.company.enterpriseNumber), "page \(page) lacks the enterprise number")
            #expect(pageText.contains(t("print.page", ["page": "\(page)", "pages": "\(pages)"])))
        }
    }

    @Test("Used car: VIN, odometer, first registration, Car-Pass, 14 days off premises", arguments: Language.allCases)
    func orderFormUsedCar(language: Language) throws {
        let t = Translator(language)
        let text = try Self.text(try OrderFormPrintout.render(Self.marginCar, language: language))
        Self.expectAll(["WBA8H71000K654321", "87.400 km", "30/06/2020", t("print.order.doc.car_pass"), t("print.order.carpass_note"),
                        t("print.order.withdrawal_14"), t("print.order.no_deposit"), t("print.order.delivery_default"),
                        t("print.order.total_statement_margin"), t("print.order.no_commercial_warranty")], in: text, "used car")
        // No WLTP box for a used car.
        #expect(!text.contains(t("print.wltp.title")))
    }

    @Test("Margin scheme: the mention, and no VAT amount or column anywhere", arguments: Language.allCases)
    func marginSchemeHidesVAT(language: Language) throws {
        let t = Translator(language)
        for pdf in [try OrderFormPrintout.render(Self.marginCar, language: language),
                    try QuoteOverviewPrintout.render(Self.marginCar, language: language)] {
            let text = try Self.text(pdf)
            Self.expectAll([t("print.margin_scheme"), t("print.total.price"), "€ 19.250,00", "€ 18.950,00", "€ 300,00"], in: text, "margin")
            for absent in [t("print.col.rate"), t("print.col.unit_price"), t("print.col.incl"), t("print.total.excl"), t("print.total.incl"),
                           "21 %", "€ 52,07", "€ 247,93", "€ 0,00"] {
                #expect(!text.contains(absent), "margin scheme shows “\(absent)”")
            }
        }
        #expect(Translator(.nl)("print.margin_scheme") == "Bijzondere regeling – tweedehandse goederen")
        #expect(Translator(.fr)("print.margin_scheme") == "Régime particulier – biens d'occasion")
        #expect(Translator(.en)("print.margin_scheme") == "Margin scheme – second-hand goods")
    }

    @Test("WLTP figures are printed in the size of the total price")
    func wltpAsLegibleAsThePrice() throws {
        let pdf = try OrderFormPrintout.render(Self.newCar, language: .nl)
        let bbox = try PDFTools.run("pdftotext", ["-bbox"], pdf: pdf)
        func height(of word: String) -> Double? {
            for line in bbox.split(separator: "\n") where line.hasSuffix(">\(word)</word>") {
                func value(_ name: String) -> Double? {
                    guard let r = line.range(of: name + "=\"") else { return nil }
                    return Double(line[r.upperBound...].prefix { $0 != "\"" })
                }
                if let a = value("yMin"), let b = value("yMax") { return b - a }
            }
            return nil
        }
        let price = try #require(height(of: "41.485,00"))
        #expect(try #require(height(of: "143")) >= price - 0.01)
        #expect(try #require(height(of: "6,3")) >= price - 0.01)
        #expect(try #require(height(of: "Volkswagen")) < price)   // ordinary text is smaller
    }

    @Test("Quote overview: company, logo, customer, car, lines, totals, validity, WLTP, trade-in, salesperson", arguments: Language.allCases)
    func quoteOverview(language: Language) throws {
        let t = Translator(language)
        let m = Self.newCar
        let pdf = try QuoteOverviewPrintout.render(m, language: language)
        let text = try Self.text(pdf)
        Self.expectAll([t("print.quote.title", ["number": "O-2026-000042"])] + Self.companyMentions(t), in: text, "company")
        Self.expectAll([m.customer.name, m.customer.email, t("print.salesperson"), "Sofie Claes", "+32 9 123 45 70",
                        "sofie.claes@showroom-gent.be"], in: text, "people")
        Self.expectAll(["Volkswagen Tiguan", "Kings Red metallic (P8P8)"] + m.lines.map(\.description), in: text, "car and lines")
        Self.expectAll([Money(cents: m.totals.exclVATCents).belgian, Money(cents: m.totals.vatCents).belgian,
                        Money(cents: m.totals.inclVATCents).belgian, "€ 45.000,00"], in: text, "totals")
        Self.expectAll([t("print.valid_until"), "01/01/2027", t("print.validity_note", ["date": "01/01/2027"])], in: text, "validity")
        Self.expectAll(["6,3 l/100 km", "143 g/km"], in: text, "WLTP")
        Self.expectAll([t("print.tradein.credit", ["price": "€ 6.500,00"]), "W0LPD6EC8EG012345"], in: text, "trade-in")
        let images = try PDFTools.run("pdfimages", ["-list"], pdf: pdf).split(separator: "\n")
        #expect(images.count == 3, "one logo expected")
    }

    @Test("Every font is embedded, and only the pinned DejaVu Sans")
    func fontsEmbedded() throws {
        for pdf in [try OrderFormPrintout.render(Self.newCar, language: .fr), try QuoteOverviewPrintout.render(Self.marginCar, language: .en)] {
            let fonts = try PDFTools.fonts(pdf)
            #expect(fonts.count >= 2)
            for font in fonts {
                #expect(font.embedded, "\(font.name) not embedded")
                #expect(font.name.contains("DejaVuSans"))
            }
        }
    }

    @Test("The same model gives the same bytes, also rendered on several threads at once")
    func stableAndParallel() throws {
        let expected = try OrderFormPrintout.render(Self.newCar, language: .nl)
        #expect(try OrderFormPrintout.render(Self.newCar, language: .nl) == expected)
        #expect(try OrderFormPrintout.render(Self.newCar, language: .fr) != expected)
        let results = PrintoutResults(count: 6)
        DispatchQueue.concurrentPerform(iterations: 6) { i in
            results.set(i, i.isMultiple(of: 2) ? (try? OrderFormPrintout.render(Self.newCar, language: .nl)) ?? []
                                               : (try? QuoteOverviewPrintout.render(Self.marginCar, language: .en)) ?? [])
        }
        let quote = try QuoteOverviewPrintout.render(Self.marginCar, language: .en)
        for (i, r) in results.values.enumerated() { #expect(r == (i.isMultiple(of: 2) ? expected : quote)) }
    }

    @Test("Number formats: quantities, VAT rates, power in hp")
    func formats() {
        let f = PrintoutParts(Self.newCar, .nl)
        #expect(f.quantity(1000) == "1")
        #expect(f.quantity(2500) == "2,5")
        #expect(f.quantity(1250) == "1,25")
        #expect(f.rate(2100) == "21 %")
        #expect(f.rate(550) == "5,5 %")
        #expect(f.rate(nil) == "")
        #expect(f.grouped(148_250) == "148.250")
        #expect(PrintoutSamples.newCar.car.powerHP == 150)
        for document in HandedOverDocument.allCases { #expect(Catalog.entries["print.order.doc." + document.rawValue] != nil) }
        for fuel in PrintoutFuel.allCases { #expect(Catalog.entries["print.fuel." + fuel.rawValue] != nil) }
        for condition in PrintoutCondition.allCases { #expect(Catalog.entries["print.condition." + condition.rawValue] != nil) }
    }
}

final class PrintoutResults: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [[UInt8]]
    init(count: Int) { storage = Array(repeating: [], count: count) }
    func set(_ i: Int, _ v: [UInt8]) { lock.lock(); storage[i] = v; lock.unlock() }
    var values: [[UInt8]] { lock.lock(); defer { lock.unlock() }; return storage }
}
