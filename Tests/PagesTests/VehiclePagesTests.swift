import Foundation
@testable import Pages
import Showroom
import Store
import Testing
import Web

/// The stock's pages in process: who may see and change which car, the forms' errors and
/// conflicts. Demo stock: car n is in branch (n - 1) % 5 + 1, so car 1 is in Gent, car 3 in Brussel.
@Suite struct VehiclePagesTests {
    static let gentCar: Int64 = 1
    static let brusselCar: Int64 = 3

    /// A complete new car as the form sends it.
    static func newCarForm(vin: String = "wvw zzz 1kz aw999 001", branch: String = "1") -> [(String, String)] {
        [("vin", vin), ("make", "Volkswagen"), ("model", "Golf"), ("model_version", "1.5 eTSI Life"), ("body", "Hatchback"), ("fuel", "petrol"),
         ("gearbox", "automatic"), ("power_kw", "110"), ("colour", "Zwart metaal"), ("colour_code", "2T"), ("options", "Trekhaak\r\n\r\nWinterpakket"),
         ("first_registration", ""), ("odometer_km", ""), ("condition", "new"), ("status", "available"), ("branch", branch), ("price", "36.990"),
         ("purchase_price", "32.500,50"), ("vat_regime", "normal"), ("wltp", "5,5"), ("co2", "125")]
    }

    @Test func everyoneWhoSellsSeesTheStockOfTheirBranchesButOnlyManagersChangeIt() throws {
        let app = try Shared.app.get()
        let sofie = try Shared.session("sofie")
        let list = try app.get("/vehicles", as: sofie)
        #expect(list.status == .ok)
        let page = HTMLDocument(list)
        #expect(page.navLinks.contains("/vehicles"))
        let ids = page.all("a").compactMap { $0["href"] }.compactMap { href -> Int64? in
            guard href.hasPrefix("/vehicles/"), let id = Int64(href.dropFirst("/vehicles/".count)) else { return nil }
            return id
        }
        #expect(!ids.isEmpty)
        #expect(ids.allSatisfy { ($0 - 1) % 5 == 0 }, "only Gent's cars: \(ids)")
        #expect(!list.html.contains("href=\"/vehicles/new\""))
        let detail = try app.get("/vehicles/\(Self.gentCar)", as: sofie)
        #expect(detail.status == .ok)
        #expect(!detail.html.contains("/vehicles/\(Self.gentCar)/edit"))
        #expect(try app.get("/vehicles/\(Self.gentCar)/edit", as: sofie).status == .forbidden)
        #expect(try app.get("/vehicles/new", as: sofie).status == .forbidden)
        #expect(try app.post("/vehicles/\(Self.gentCar)", as: sofie, form: Self.newCarForm() + [("version", "1")]).status == .forbidden)
        #expect(try app.post("/vehicles/new", as: sofie, form: Self.newCarForm()).status == .forbidden)
        #expect(try app.int("SELECT count(*) FROM vehicles") == 240)
    }

    @Test func anotherBranchsCarIsNotFound() throws {
        let app = try Shared.app.get()
        let pieter = try Shared.session("pieter") // Gent and Antwerpen
        #expect(try app.get("/vehicles/\(Self.brusselCar)", as: pieter).status == .notFound)
        #expect(try app.get("/vehicles/\(Self.brusselCar)/edit", as: pieter).status == .notFound)
        #expect(try app.get("/vehicles/\(Self.gentCar)/edit", as: pieter).status == .ok)
        let nathalie = try Shared.session("nathalie") // Brussel, Namur, Liège
        #expect(try app.get("/vehicles/\(Self.brusselCar)", as: nathalie).status == .ok)
        #expect(try app.get("/vehicles/\(Self.gentCar)", as: nathalie).status == .notFound)
        #expect(try app.get("/vehicles/99999", as: nathalie).status == .notFound)
    }

    @Test func aBadFilterIsABadRequest() throws {
        let app = try Shared.app.get()
        let admin = try Shared.session("admin")
        #expect(try app.get("/vehicles?fuel=steam", as: admin).status == .badRequest)
        #expect(try app.get("/vehicles?min=abc", as: admin).status == .badRequest)
        let electric = try app.get("/vehicles?fuel=electric&status=available", as: admin)
        #expect(electric.status == .ok)
        #expect(electric.html.contains("kWh") == false) // the list shows power and price, not WLTP
        #expect(electric.html.contains("Elektrisch"))
    }

    @Test func aManagerAddsACarAndSeesItWithBelgianFormats() throws {
        let app = try TestApp()
        let pieter = try app.signIn("pieter")
        let answer = try app.post("/vehicles/new", as: pieter, form: Self.newCarForm())
        #expect(answer.status == .seeOther)
        let location = try #require(answer.location)
        #expect(location.hasPrefix("/vehicles/") && location.hasSuffix("?done=created"))
        #expect(try app.string("SELECT vin FROM vehicles ORDER BY id DESC LIMIT 1") == "WVWZZZ1KZAW999001")
        #expect(try app.string("SELECT options FROM vehicles ORDER BY id DESC LIMIT 1") == "Trekhaak\nWinterpakket")
        #expect(try app.int("SELECT purchase_price_cents FROM vehicles ORDER BY id DESC LIMIT 1") == 3_250_050)
        let page = try app.get(location, as: pieter)
        #expect(page.status == .ok)
        let text = HTMLDocument(page).first("main")?.text ?? ""
        #expect(text.contains("110 kW (150 pk)"))
        #expect(text.contains("€ 36.990,00"))
        #expect(text.contains("5,5 l/100 km"))
        #expect(text.contains("125 g/km"))
    }

    @Test func anInvalidFormComesBackWithTheInputAndTheErrorsBesideTheFields() throws {
        let app = try TestApp()
        let pieter = try app.signIn("pieter")
        var form = Self.newCarForm(vin: "WVWZZZ1KZAW00000O").filter { !["price", "wltp", "make"].contains($0.0) }
        form += [("price", "veel"), ("wltp", ""), ("make", "Škoda <b>")]
        let answer = try app.post("/vehicles/new", as: pieter, form: form)
        #expect(answer.status == .unprocessable)
        let page = HTMLDocument(answer)
        let sent = try #require(page.form(action: "/vehicles/new"))
        #expect(sent.value("vin") == "WVWZZZ1KZAW00000O")
        #expect(sent.value("make") == "Škoda <b>")
        #expect(sent.value("price") == "veel")
        #expect(page.element(id: "e-vin")?.text.contains("I, O") == true)
        #expect(page.element(id: "e-price") != nil)
        #expect(page.element(id: "e-wltp")?.text == Translator(.nl)("vehicle.wltp_required"))
        #expect(page.element(id: "e-co2") == nil)
        #expect(try app.int("SELECT count(*) FROM vehicles") == 240)
        // A VIN already in stock: beside the VIN field, nothing written.
        let taken = try app.string("SELECT vin FROM vehicles WHERE id = 3")!
        let again = try app.post("/vehicles/new", as: pieter, form: Self.newCarForm(vin: taken))
        #expect(again.status == .unprocessable)
        #expect(HTMLDocument(again).element(id: "e-vin")?.text == Translator(.nl)("vehicle.vin_taken"))
        // A branch outside the manager's stock is not offered, and refused when sent.
        let foreign = try app.post("/vehicles/new", as: pieter, form: Self.newCarForm(branch: "3"))
        #expect(foreign.status == .unprocessable)
        #expect(HTMLDocument(foreign).element(id: "e-branch") != nil)
        #expect(try app.int("SELECT count(*) FROM vehicles") == 240)
    }

    @Test func aPostWithoutTheSessionsTokenChangesNothing() throws {
        let app = try TestApp()
        let pieter = try app.signIn("pieter")
        #expect(try app.post("/vehicles/new", as: pieter, form: Self.newCarForm(), csrf: .none).status == .forbidden)
        #expect(try app.post("/vehicles/new", as: pieter, form: Self.newCarForm(), csrf: .value("forged")).status == .forbidden)
        let edit = HTMLDocument(try app.get("/vehicles/\(Self.gentCar)/edit", as: pieter)).form(action: "/vehicles/\(Self.gentCar)")!
        #expect(try app.post("/vehicles/\(Self.gentCar)", as: pieter, form: edit.fields(changing: ["price": "1"]).filter { $0.0 != "_csrf" }, csrf: .none).status == .forbidden)
        #expect(try app.int("SELECT count(*) FROM vehicles") == 240)
        #expect(try app.int("SELECT version FROM vehicles WHERE id = ?", [Self.gentCar]) == 1)
    }

    @Test func aStaleEditShowsBothVersionsAndOverwritesNothing() throws {
        let app = try TestApp()
        let pieter = try app.signIn("pieter")
        let admin = try app.signIn("admin")
        let path = "/vehicles/\(Self.gentCar)"
        let pietersForm = try #require(HTMLDocument(try app.get(path + "/edit", as: pieter)).form(action: path))
        let adminsForm = try #require(HTMLDocument(try app.get(path + "/edit", as: admin)).form(action: path))
        let trim = try app.string("SELECT model_version FROM vehicles WHERE id = ?", [Self.gentCar])
        let first = try app.post(path, as: admin, form: adminsForm.fields(changing: ["colour": "Kings Red"]))
        #expect(first.status == .seeOther)
        // The form's trim field and its hidden record version have their own names: saving the
        // form as a browser sends it keeps the trim (it once read the version's "1").
        #expect(try app.string("SELECT model_version FROM vehicles WHERE id = ?", [Self.gentCar]) == trim)
        let stale = try app.post(path, as: pieter, form: pietersForm.fields(changing: ["colour": "Pure White"]))
        #expect(stale.status == .conflict)
        let page = HTMLDocument(stale)
        #expect(page.first("div", class: "alert")?.text.contains("Kings Red") == true)
        let kept = try #require(page.form(action: path))
        #expect(kept.value("colour") == "Pure White")
        #expect(kept.value("version") == "2")
        #expect(try app.string("SELECT colour FROM vehicles WHERE id = ?", [Self.gentCar]) == "Kings Red")
        // Saving again from the conflict page (with the version it carries) goes through.
        #expect(try app.post(path, as: pieter, form: kept.fields).status == .seeOther)
        #expect(try app.string("SELECT colour FROM vehicles WHERE id = ?", [Self.gentCar]) == "Pure White")
        let history = try app.get(path, as: pieter).html
        #expect(history.contains("Kings Red → Pure White"))
    }
}
