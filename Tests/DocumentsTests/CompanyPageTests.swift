import Documents
import Foundation
@testable import Pages
import Showroom
import Store
import Testing
@testable import Web

/// `/settings/company` in process, with the real libmagic typing the logo.
struct CompanyPageTests {
    static func logoUpload(_ t: DocumentsApp, as s: DocumentsApp.Session, token: String? = nil, filename: String, _ bytes: [UInt8]) throws -> Response {
        let body = DocumentsApp.body([.field("_csrf", token ?? s.csrf), .file("logo", filename: filename, bytes)])
        return try t.request(.post, "/settings/company/logo", as: s, headers: ["Content-Type": "multipart/form-data; boundary=\(DocumentsApp.boundary)"], body: body)
    }

    static func form(_ p: [String: String]) -> [(String, String)] {
        var base: [String: String] = [
            "version": "", "name": "Garage Peeters", "trade_name": "", "legal_form": "BV", "street": "Kerkstraat 1", "postal_code": "9000", "city": "Gent",
            "country": "België", "enterprise_number": "BE 0403.170.701", "rpr_court": "Gent, afdeling Gent", "iban": "be68 5390 0754 7034", "bic": "",
            "phone": "09 210 45 00", "email": "info@peeters.be", "website": "www.peeters.be", "deposit": "7,5", "delivery_days": "45",
            "quote_validity_days": "14", "discount_approval": "5", "legal_warranty_nl": "Twee jaar", "legal_warranty_fr": "Deux ans",
            "legal_warranty_en": "Two years", "commercial_warranty_nl": "", "commercial_warranty_fr": "", "commercial_warranty_en": "",
        ]
        for (k, v) in p { base[k] = v }
        return base.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    @Test func onlySettingsManagersReachThePageAndItsForms() throws {
        let t = try DocumentsApp()
        let sofie = try t.session("sofie")
        #expect(try t.get("/settings/company", as: sofie).status == .forbidden)
        let before = try t.database.companyProfile()
        #expect(try t.post("/settings/company", as: sofie, form: Self.form(["version": String(before.version), "name": "Hacked"])).status == .forbidden)
        #expect(try Self.logoUpload(t, as: sofie, filename: "x.png", SampleFiles.png()).status == .forbidden)
        #expect(try t.post("/settings/company/logo/delete", as: sofie, form: []).status == .forbidden)
        #expect(try t.database.companyProfile() == before)
        // Signed out: to the sign-in page.
        #expect(try t.get("/settings/company", as: nil).status == .seeOther)
        #expect(try t.get("/settings/company/logo", as: nil).status == .seeOther)

        let admin = try t.session("admin")
        let page = try t.get("/settings/company", as: admin)
        #expect(page.status == .ok)
        #expect(page.text.contains("value=\"0712.345.630\""), "the demo enterprise number, shown with dots")
        #expect(page.text.contains("value=\"BE94 7350 0123 4514\""), "the IBAN in groups of four")
        #expect(page.text.contains("enctype=\"multipart/form-data\""))
        #expect(try t.get("/settings", as: admin).text.contains("href=\"/settings/company\""))
    }

    @Test func aValidFormIsSavedNormalisedAndLogged() throws {
        let t = try DocumentsApp()
        let admin = try t.session("admin")
        let version = try t.database.companyProfile().version
        let r = try t.post("/settings/company", as: admin, form: Self.form(["version": String(version)]))
        #expect(r.status == .seeOther)
        #expect(r.header("Location") == "/settings/company?done=saved")
        let p = try t.database.companyProfile()
        #expect(p.name == "Garage Peeters")
        #expect(p.enterpriseNumber == "0403170701" && p.vatNumber == "BE0403170701")
        #expect(p.iban == "BE68539007547034")
        #expect(p.depositBasisPoints == 750 && p.deliveryDays == 45 && p.quoteValidityDays == 14 && p.discountApprovalBasisPoints == 500)
        #expect(p.version == version + 1)
        #expect(p.logoMimeType == "image/png", "the demo logo stays")
        #expect(try t.count("SELECT count(*) FROM access_log WHERE subject = 'settings:company' AND change = 'company.name'") == 1)
    }

    @Test func anInvalidEnterpriseNumberComesBackBesideTheFieldWithTheInputKept() throws {
        let t = try DocumentsApp()
        let admin = try t.session("admin")
        let before = try t.database.companyProfile()
        let r = try t.post("/settings/company", as: admin, form: Self.form(["version": String(before.version), "enterprise_number": "0403.170.702",
                                                                               "iban": "BE68 5390 0754 7035", "deposit": "16", "name": "Nieuwe Naam"]))
        #expect(r.status == .unprocessable)
        let html = r.text
        #expect(html.contains("value=\"0403.170.702\""), "what was typed comes back")
        #expect(html.contains("value=\"Nieuwe Naam\""))
        #expect(html.contains("value=\"BE68 5390 0754 7035\""))
        #expect(html.contains("id=\"e-enterprise_number\""))
        #expect(html.contains("id=\"e-iban\""))
        #expect(html.contains("id=\"e-deposit\""))
        #expect(html.contains(Translator(.nl)("company.error.enterprise_number")))
        #expect(try t.database.companyProfile() == before, "nothing saved")
    }

    @Test func aBadCSRFTokenIsRefusedAndNothingChanges() throws {
        let t = try DocumentsApp()
        let admin = try t.session("admin")
        let before = try t.database.companyProfile()
        let r = try t.post("/settings/company", as: admin, form: Self.form(["version": String(before.version), "name": "X"]), token: "wrong")
        #expect(r.status == .forbidden)
        let u = try Self.logoUpload(t, as: admin, token: "wrong", filename: "logo.png", SampleFiles.png(width: 8, height: 8))
        #expect(u.status == .forbidden)
        #expect(try t.database.companyProfile() == before)
    }

    @Test func aStaleVersionShowsBothAndOverwritesNothing() throws {
        let t = try DocumentsApp()
        let admin = try t.session("admin")
        let version = try t.database.companyProfile().version
        #expect(try t.post("/settings/company", as: admin, form: Self.form(["version": String(version), "name": "Eerst Opgeslagen"])).status == .seeOther)
        let r = try t.post("/settings/company", as: admin, form: Self.form(["version": String(version), "name": "Later Getypt"]))
        #expect(r.status == .conflict)
        #expect(r.text.contains("Eerst Opgeslagen"), "what is stored now")
        #expect(r.text.contains("value=\"Later Getypt\""), "what the user typed, still in the form")
        #expect(r.text.contains("name=\"version\" value=\"\(version + 1)\""), "the form now carries the current version")
        #expect(try t.database.companyProfile().name == "Eerst Opgeslagen")
    }

    @Test func aPNGOrJPEGLogoIsStoredAndServedWithItsTypeAndNosniff() throws {
        let t = try DocumentsApp()
        let admin = try t.session("admin")
        let sofie = try t.session("sofie")
        // A JPEG named .png: the content decides.
        let jpeg = SampleFiles.jpeg()
        let r = try Self.logoUpload(t, as: admin, filename: "logo.png", jpeg)
        #expect(r.status == .seeOther)
        let p = try t.database.companyProfile()
        #expect(p.logo == jpeg && p.logoMimeType == "image/jpeg")
        // Any signed-in user may fetch it (their documents print it).
        let served = try t.get("/settings/company/logo", as: sofie)
        #expect(served.status == .ok)
        #expect(served.header("Content-Type") == "image/jpeg")
        #expect(served.header("X-Content-Type-Options") == "nosniff")
        #expect(served.header("Cache-Control") == "private, no-cache")
        #expect(served.bodyBytes == jpeg)
        let etag = try #require(served.header("ETag"))
        let again = try t.request(.get, "/settings/company/logo", as: sofie, headers: ["If-None-Match": etag])
        #expect(again.status == .notModified)
        #expect(again.bodyBytes.isEmpty)

        let png = SampleFiles.png(width: 16, height: 16)
        #expect(try Self.logoUpload(t, as: admin, filename: "logo.jpg", png).status == .seeOther)
        #expect(try t.get("/settings/company/logo", as: sofie).header("Content-Type") == "image/png")
        #expect(try t.get("/settings/company/logo", as: sofie).header("ETag") != etag)
        #expect(try t.get("/settings/company", as: admin).text.contains("src=\"/settings/company/logo\""))
    }

    @Test func aNonImageIsRefusedBesideTheFieldAndNothingIsStored() throws {
        let t = try DocumentsApp()
        let admin = try t.session("admin")
        let before = try t.database.companyProfile()
        let svg = Array("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".utf8)
        let text = Array("Dit is geen afbeelding, enkel tekst met een .png-naam.\n".utf8)
        for (name, bytes) in [("logo.png", SampleFiles.pdf()), ("logo.svg", svg), ("logo.png", text), ("logo.png", SampleFiles.webp())] {
            let r = try Self.logoUpload(t, as: admin, filename: name, bytes)
            #expect(r.status == .unprocessable, "\(name)")
            #expect(r.text.contains("id=\"e-logo\""))
            #expect(r.text.contains(Translator(.nl)("company.error.logo_type")))
        }
        let empty = try Self.logoUpload(t, as: admin, filename: "", [])
        #expect(empty.status == .unprocessable)
        #expect(empty.text.contains(Translator(.nl)("company.error.logo_empty")))
        #expect(try t.database.companyProfile() == before, "the demo logo is untouched")
        #expect(try t.count("SELECT count(*) FROM access_log WHERE change = 'company.logo'") == 0)
    }

    @Test func aLogoOverOneMegabyteIsRefusedAndNothingIsStored() throws {
        let t = try DocumentsApp()
        let admin = try t.session("admin")
        let before = try t.database.companyProfile()
        // A real PNG just over the limit (stored deflate blocks: about 3 bytes a pixel).
        let big = SampleFiles.png(width: 600, height: 560)
        #expect(big.count > CompanyRules.logoMaxBytes && big.count < CompanyPage.logoBodyLimit - 1000)
        let r = try Self.logoUpload(t, as: admin, filename: "big.png", big)
        #expect(r.status == .payloadTooLarge)
        #expect(r.text.contains(Translator(.nl)("company.error.logo_size")))
        // A body over the route's limit is refused the same way.
        let huge = SampleFiles.png(width: 700, height: 600)
        #expect(huge.count > CompanyPage.logoBodyLimit)
        #expect(try Self.logoUpload(t, as: admin, filename: "huge.png", huge).status == .payloadTooLarge)
        #expect(try t.database.companyProfile() == before)
    }

    @Test func theDemoLogoIsAPNGByLibmagic() throws {
        let t = try DocumentsApp()
        let logo = try #require(try t.database.companyProfile().logo)
        #expect(TypeDetector().mimeType(of: logo) == "image/png")
    }

    @Test func thePageSpeaksEachLanguage() throws {
        for lang in Language.allCases {
            let t = Translator(lang)
            for f in CompanyField.allCases { #expect(t("company.field." + f.rawValue) != "company.field." + f.rawValue) }
            #expect(t("company.title") != "company.title")
        }
    }
}
