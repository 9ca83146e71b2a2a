import Foundation
@testable import Pages
import Showroom
import Testing
import Web

/// The checks of the end-to-end screen walk (axe-core, the Nu HTML checker) that are cheap to
/// make in-process: every control labelled, ids unique, `time` elements machine-readable,
/// length limits and autofill hints only where HTML allows them.
@Suite("Pages: markup that browsers, checkers and screen readers can rely on")
struct MarkupTests {
    /// The pages with the most forms, as the admin sees them.
    static func formPages(_ app: TestApp) throws -> [String] {
        let lead = try app.leadID(.sofiesOwn)
        return ["/leads", "/leads/new", "/leads/\(lead)", "/leads/\(lead)/follow-up", "/leads/\(lead)/contacts", "/leads/\(lead)/tasks/new",
                "/leads/\(lead)/status", "/leads/\(lead)/assign", "/tasks", "/settings", "/admin/users", "/admin/permissions", "/admin/branches"]
    }

    static func ids(_ html: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"\sid="([^"]*)""#)
        return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap { Range($0.range(at: 1), in: html).map { String(html[$0]) } }
    }

    @Test func everySelectOnThePermissionsPageHasExactlyOneLabel() throws {
        let app = try Shared.app.get()
        let page = HTMLDocument(try app.get("/admin/permissions", as: try Shared.session("admin")))
        let selects = page.all("select")
        #expect(selects.count > 200, "the users × permissions and profiles × permissions grids")
        var labels: [String: Int] = [:]
        for label in page.all("label") { if let target = label["for"] { labels[target, default: 0] += 1 } }
        for select in selects {
            let id = try #require(select["id"], "a select without an id: \(select.attributes)")
            #expect(labels[id] == 1, "select \(id) has \(labels[id] ?? 0) labels")
        }
        let label = try #require(page.all("label").first { $0["for"] == selects.first { $0["id"]?.hasPrefix("u") == true }?["id"] })
        #expect(label.hasClass("visually-hidden") && !label.text.isEmpty, "out of sight, but read out: \(label.inner)")
    }

    @Test func everyIdIsUniqueAndEveryLabelPointsAtAControl() throws {
        let app = try Shared.app.get()
        let admin = try Shared.session("admin")
        for path in try Self.formPages(app) {
            let answer = try app.get(path, as: admin)
            #expect(answer.status == .ok, "\(path)")
            let ids = Self.ids(answer.html)
            let repeated = Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
            #expect(repeated.isEmpty, "\(path): ids used twice: \(repeated)")
            let page = HTMLDocument(answer)
            let controls = Set((page.all("input") + page.all("select") + page.all("textarea")).compactMap { $0["id"] })
            for label in page.all("label") {
                if let target = label["for"] { #expect(controls.contains(target), "\(path): label for \(target) has no control") }
            }
        }
    }

    @Test func theLanguageChooserHasItsLabel() throws {
        let app = try Shared.app.get()
        let page = HTMLDocument(try app.get("/leads", as: try Shared.session("sofie")))
        let label = try #require(page.all("label").first { $0["for"] == "topbar-language" })
        #expect(label.text == Translator(.nl)("account.language"))
        #expect(label.hasClass("visually-hidden") && !label.has("aria-hidden"))
    }

    @Test func everyTimeElementSaysItsMomentInAMachineReadableForm() throws {
        let app = try Shared.app.get()
        let admin = try Shared.session("admin")
        let lead = try app.leadID(.sofiesOwn)
        let valid = try Regex(#"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}[+-]\d{2}:\d{2}$"#)
        for path in ["/leads", "/leads/\(lead)"] {
            let times = HTMLDocument(try app.get(path, as: admin)).all("time")
            #expect(times.count >= 5, "\(path): \(times.count) time elements")
            for time in times {
                let value = try #require(time["datetime"], "\(path): <time> without datetime: \(time.text)")
                #expect(value.wholeMatch(of: valid) != nil, "\(path): datetime=\(value)")
            }
        }
    }

    @Test("A moment's machine-readable form is Brussels time with its offset", arguments: [
        (Instant(seconds: 1_768_478_400), "2026-01-15T13:00+01:00"),   // 2026-01-15 12:00 UTC, winter time
        (Instant(seconds: 1_784_116_800), "2026-07-15T14:00+02:00"),   // 2026-07-15 12:00 UTC, summer time
        (Instant(seconds: 1_792_889_999), "2026-10-25T02:59+02:00"),   // a second before the clocks go back
        (Instant(seconds: 1_792_890_000), "2026-10-25T02:00+01:00"),   // and at that moment
    ])
    func machineDateTime(_ instant: Instant, _ expected: String) {
        #expect(Format(Translator(.nl)).machineDateTime(instant) == expected)
    }

    @Test func lengthLimitsAndAutofillHintsOnlyOnTextInputs() throws {
        let app = try Shared.app.get()
        let admin = try Shared.session("admin")
        var dated = 0, limited = 0
        for path in try Self.formPages(app) {
            for input in HTMLDocument(try app.get(path, as: admin)).all("input") {
                switch input["type"] ?? "text" {
                case "date", "datetime-local", "number":
                    dated += 1
                    #expect(!input.has("maxlength") && !input.has("autocomplete"), "\(path): \(input.attributes)")
                case "text", "search", "email", "tel", "password":
                    limited += 1
                    #expect(input.has("maxlength"), "\(path): \(input.attributes)")
                default: break
                }
            }
        }
        #expect(dated >= 4 && limited >= 20, "\(dated) date or number inputs, \(limited) text inputs")
    }

    @Test func theStreetIsAutofilledAsAnAddressLine() throws {
        let app = try Shared.app.get()
        let page = HTMLDocument(try app.get("/leads/new", as: try Shared.session("sofie")))
        let street = try #require(page.all("input").first { $0["name"] == "street" })
        #expect(street["autocomplete"] == "address-line1")
    }
}
