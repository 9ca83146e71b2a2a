import Foundation
@testable import Pages
import Showroom
import Store
import Testing
import Web

@Suite("Languages and the catalog")
struct LanguageTests {
    // MARK: - Choosing the language

    @Test("Sign-in page follows Accept-Language", arguments: [
        ("fr-BE,fr;q=0.9,en;q=0.5", "fr"), ("en-GB", "en"), ("nl-BE", "nl"), ("de-DE", "nl"), ("", "nl"),
        ("de;q=1, en;q=0.4, fr;q=0.6", "fr"),
    ])
    func signInPageFollowsAcceptLanguage(header: String, language: String) throws {
        let app = try Shared.app.get()
        let answer = try app.get("/login", headers: header.isEmpty ? [:] : ["Accept-Language": header])
        let page = HTMLDocument(answer)
        #expect(page.language == language)
        let t = Translator(Language(rawValue: language)!)
        #expect(page.first("h1")?.text == t("signin.title"))
        #expect(page.all("label").contains { $0.text.hasPrefix(t("signin.password")) })
    }

    @Test func frenchSignInFailureIsInFrench() throws {
        let app = try Shared.app.get()
        let answer = try app.attemptSignIn("sofie", password: "faux", headers: ["Accept-Language": "fr"])
        #expect(HTMLDocument(answer).language == "fr")
        #expect(HTMLDocument(answer).first("p", class: "alert")?.text == Translator(.fr)("signin.failed"))
    }

    @Test func usersLanguageWinsOverTheBrowsers() throws {
        let app = try Shared.app.get()
        // nathalie's setting is French, sofie's Dutch; their browsers ask for English.
        let nathalie = HTMLDocument(try app.get("/leads", as: try Shared.session("nathalie"), headers: ["Accept-Language": "en"]))
        #expect(nathalie.language == "fr")
        #expect(nathalie.first("h1")?.text == Translator(.fr)("leads.title"))
        #expect(nathalie.first("table", class: "leads")?.first("thead")?.all("th").first?.text == Translator(.fr)("leads.col.status"))
        let sofie = HTMLDocument(try app.get("/leads", as: try Shared.session("sofie"), headers: ["Accept-Language": "en"]))
        #expect(sofie.language == "nl")
        #expect(sofie.first("table", class: "leads")?.first("thead")?.all("th").first?.text == Translator(.nl)("leads.col.status"))
        // The lead types and sources are shown in the user's language too.
        let row = try #require(nathalie.overviewRows.first)
        let type = try #require(try app.string("SELECT t.name_fr FROM leads l JOIN lead_types t ON t.id = l.type_id WHERE l.id = ?", [row.id]))
        #expect(row.cells[3] == type)
    }

    @Test func switchingLanguageTakesEffectAndReturnsToThePage() throws {
        let app = try TestApp()
        let sofie = try app.signIn("sofie")
        let lead = try app.leadID(.sofiesOwn)
        let answer = try app.post("/account/language", as: sofie, form: [("language", "en")],
                                  headers: ["Referer": "http://127.0.0.1:8080/leads/\(lead)/contacts"])
        #expect(answer.status == .seeOther)
        #expect(answer.location == "/leads/\(lead)/contacts")
        let page = HTMLDocument(try app.get("/leads/\(lead)/contacts", as: sofie, headers: ["Accept-Language": "nl"]))
        #expect(page.language == "en")
        #expect(page.first("nav", class: "tabs")?.all("a").map(\.text) == ["Details", "Follow-up", "Contacts"])
        // The switcher shows the current language selected.
        let switcher = try #require(page.form(action: "/account/language"))
        #expect(switcher.value("language") == "en")
        #expect(try app.string("SELECT language FROM users WHERE username = 'sofie'") == "en")
        // And back to French, from a page without a usable Referer.
        let back = try app.post("/account/language", as: sofie, form: [("language", "fr")], headers: ["Referer": "http://evil.example//evil.example/x"])
        #expect(back.location == "/leads")
        #expect(HTMLDocument(try app.get("/leads", as: sofie)).language == "fr")
    }

    @Test("An unknown language is a bad request", arguments: ["de", "", "FR", "en-GB"])
    func unknownLanguageIsRefused(value: String) throws {
        let app = try TestApp()
        let sofie = try app.signIn("sofie")
        let answer = try app.post("/account/language", as: sofie, form: [("language", value)])
        #expect(answer.status == .badRequest)
        #expect(try app.string("SELECT language FROM users WHERE username = 'sofie'") == "nl")
    }

    // MARK: - The catalog

    @Test func everyEntryHasAllThreeLanguages() {
        #expect(!Catalog.entries.isEmpty)
        for (key, entry) in Catalog.entries.sorted(by: { $0.key < $1.key }) {
            for language in Language.allCases {
                #expect(!entry.text(language).trimmingCharacters(in: .whitespaces).isEmpty, "\(key) has no \(language.rawValue)")
            }
        }
    }

    @Test func placeholdersAreTheSameInEveryLanguage() throws {
        let placeholder = try Regex("\\{[a-z_]+\\}")
        for (key, entry) in Catalog.entries.sorted(by: { $0.key < $1.key }) {
            func names(_ s: String) -> Set<String> { Set(s.matches(of: placeholder).map { String(s[$0.range]) }) }
            let nl = names(entry.nl)
            #expect(names(entry.fr) == nl, "\(key): fr placeholders differ from nl")
            #expect(names(entry.en) == nl, "\(key): en placeholders differ from nl")
        }
    }

    /// The Pages sources, read from disk next to this file.
    static func pageSources() throws -> [(name: String, text: String)] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("Sources/Pages")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }.sorted()
        return try names.map { ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) }
    }

    @Test func everyLiteralKeyUsedWithTExists() throws {
        let sources = try Self.pageSources()
        #expect(sources.count >= 10, "found the Pages sources")
        // `t("key")`, not `select("…")` or `Set("…")`; a literal followed by `+` is the
        // prefix of a dynamic family (`t("perm." + p.rawValue)`), checked below.
        let call = try Regex("(?:^|[^A-Za-z0-9_])t\\(\"([a-z0-9_.\\-]+)\"(\\s*\\+)?").anchorsMatchLineEndings()
        var used: Set<String> = []
        for (name, text) in sources {
            for match in text.matches(of: call) {
                guard let key = match.output[1].substring.map(String.init) else { continue }
                if match.output[2].substring != nil {
                    #expect(Catalog.entries.keys.contains { $0.hasPrefix(key) }, "\(name): no catalog key starts with \"\(key)\"")
                    continue
                }
                used.insert(key)
                #expect(Catalog.entries[key] != nil, "\(name) uses t(\"\(key)\"), which the catalog lacks")
            }
        }
        #expect(used.count > 100, "the regex found the t(\"…\") calls (\(used.count))")
    }

    /// Keys also travel as plain literals before they reach `t`: field errors
    /// (`errors.add("username", "admin.user.username_rule")`), error reasons, column lists.
    @Test func everyKeyLikeLiteralInPagesExists() throws {
        let namespaces = Set(Catalog.entries.keys.compactMap { $0.split(separator: ".").first.map(String.init) })
        let literal = try Regex("\"([a-z][a-z0-9_]*(?:\\.[a-z0-9_\\-]+)+)\"")
        var checked = 0
        for (name, text) in try Self.pageSources() where name != "Catalog.swift" {
            for match in text.matches(of: literal) {
                guard let key = match.output[1].substring.map(String.init),
                      let namespace = key.split(separator: ".").first.map(String.init), namespaces.contains(namespace) else { continue }
                checked += 1
                #expect(Catalog.entries[key] != nil, "\(name) has the literal \"\(key)\", which the catalog lacks")
            }
        }
        #expect(checked > 100)
    }

    @Test func everyDynamicKeyFamilyIsComplete() {
        var keys: [String] = []
        keys += Permission.allCases.map { "perm." + $0.rawValue }
        keys += AccessScope.allCases.map { "scope." + $0.rawValue }
        keys += LeadStatus.allCases.map(\.labelKey)
        keys += TimelineKind.allCases.map { "event." + $0.rawValue }
        keys += DeadlineKind.allCases.map { "deadline." + $0.rawValue }
        keys += [400, 403, 404, 405, 409, 413, 422, 429, 500].map { "error.\($0)" }
        keys += ["person", "company"].map { "contacts.kind." + $0 }
        keys += ["main", "co-buyer", "contact-person"].map { "contacts.role." + $0 }
        keys += ["created", "saved", "password"].map { "admin.done." + $0 }
        // Every `change` the store writes to the access log.
        keys += ["created", "display_name", "email", "language", "profile", "branches", "active", "password", "name", "name_fr", "name_en"].map { "admin.log.change." + $0 }
        keys += ["admin.log.change.permission", "status.all"]
        for key in keys {
            #expect(Catalog.entries[key] != nil, "missing catalog key \(key)")
        }
        #expect(Set(LeadStatus.allCases.map(\.labelKey)).count == LeadStatus.allCases.count)
    }

    @Test func pagesShowNoRawKeys() throws {
        // A key missing from the catalog shows as itself; no page should show one.
        let app = try Shared.app.get()
        let admin = try Shared.session("admin")
        let lead = try app.leadID(.sofiesOwn)
        let keyLike = try Regex(">\\s*(?:[a-z]+\\.)+[a-z_]+\\s*<")
        for target in ["/leads", "/leads/\(lead)", "/leads/\(lead)/follow-up", "/leads/\(lead)/contacts", "/admin/users", "/admin/permissions",
                       "/admin/branches", "/admin/users/3", "/admin/users/3/access", "/nope"] {
            let html = try app.get(target, as: admin).html
            let hits = html.matches(of: keyLike).map { String(html[$0.range]) }
                .filter { hit in !Permission.allCases.contains { hit.contains(">" + $0.rawValue + "<") } }
            #expect(hits.isEmpty, "\(target) shows \(hits)")
        }
    }
}
