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
        #expect(page.first("nav", class: "tabs")?.all("a").map(\.text) == ["Details", "Follow-up", "Contacts", "Quotes"])
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

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The Swift sources of every module (`Sources/<Module>/…`), read from disk.
    static func moduleSources() throws -> [(module: String, name: String, text: String)] {
        let sources = repository.appendingPathComponent("Sources")
        var out: [(module: String, name: String, text: String)] = []
        for module in try FileManager.default.contentsOfDirectory(atPath: sources.path).sorted() {
            let folder = sources.appendingPathComponent(module)
            guard let walker = FileManager.default.enumerator(atPath: folder.path) else { continue }
            for case let name as String in walker where name.hasSuffix(".swift") {
                out.append((module, name, try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)))
            }
        }
        return out.sorted { ($0.module, $0.name) < ($1.module, $1.name) }
    }

    /// The Pages sources.
    static func pageSources() throws -> [(name: String, text: String)] {
        try moduleSources().filter { $0.module == "Pages" }.map { ($0.name, $0.text) }
    }

    static func keyLikeLiteral() throws -> Regex<AnyRegexOutput> { try Regex("\"([a-z][a-z0-9_]*(?:\\.[a-z0-9_\\-]+)+)\"") }

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
        let literal = try Self.keyLikeLiteral()
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

    /// Catalog keys live only in Pages: every other module speaks in codes (`RuleViolation`,
    /// `StoreError`, `HTTPError.Reason`…) that Pages maps to keys. A literal there that is a
    /// catalog key is a text chosen outside Pages.
    @Test func noModuleButPagesNamesACatalogKey() throws {
        let sources = try Self.moduleSources()
        let modules = Set(sources.map(\.module))
        for expected in ["Showroom", "Store", "Web", "Documents", "Security", "FastCGI", "Pages"] {
            #expect(modules.contains(expected), "the scan found Sources/\(expected)")
        }
        let literal = try Self.keyLikeLiteral()
        var scanned = 0
        for (module, name, text) in sources where module != "Pages" {
            scanned += 1
            for match in text.matches(of: literal) {
                // Permission names are stored codes (`documents.upload`) that some keys happen to share.
                guard let key = match.output[1].substring.map(String.init), Permission(rawValue: key) == nil else { continue }
                #expect(Catalog.entries[key] == nil, "\(module)/\(name) names the catalog key \"\(key)\"; give it a code that Pages maps")
            }
        }
        #expect(scanned > 30, "scanned \(scanned) files outside Pages")
    }

    /// Every code another module can hand to Pages has its sentence, in every language.
    @Test func everyCodeHasASentenceInEveryLanguage() {
        var keys: [(String, String)] = []
        keys += RuleViolation.allCases.map { ("\($0)", $0.catalogKey) }
        keys += [HTTPError.Reason.malformed, .forged].map { ("\($0)", $0.catalogKey) }
        keys += LeadStatus.allCases.map { ("\($0)", $0.labelKey) }
        for (code, key) in keys {
            let entry = Catalog.entries[key]
            #expect(entry != nil, "\(code) → \(key), which the catalog lacks")
            for language in Language.allCases {
                #expect(entry.map { !$0.text(language).trimmingCharacters(in: .whitespaces).isEmpty } == true, "\(code) → \(key) has no \(language.rawValue)")
            }
        }
        // Two codes never share a sentence (each says what it means).
        #expect(Set(RuleViolation.allCases.map(\.catalogKey)).count == RuleViolation.allCases.count)
        #expect(RuleViolation.assigneeUnknown.catalogKey == "assign.unknown_user")
        #expect(HTTPError.Reason.key("error.conflict").catalogKey == "error.conflict")
    }

    /// The status names and colours are Pages' (the domain has only the status).
    @Test func statusLabelsAndColoursAreTheCatalogsAndTheStylesheets() throws {
        #expect(LeadStatus.inProgress.labelKey == "status.in_progress")
        #expect(LeadStatus.won.labelKey == "status.won")
        #expect(LeadStatus.lost.labelKey == "status.lost")
        #expect(LeadStatus.inProgress.colourName == "in-progress")
        #expect(LeadStatus.won.colourName == "won")
        #expect(LeadStatus.lost.colourName == "lost")
        #expect(Set(LeadStatus.allCases.map(\.colourName)).count == LeadStatus.allCases.count)
        #expect(Set(LeadStatus.allCases.map(\.labelKey)).count == LeadStatus.allCases.count)
        let css = try String(contentsOf: Self.repository.appendingPathComponent("www/showroom.css"), encoding: .utf8)
        for status in LeadStatus.allCases {
            #expect(css.contains(".status-\(status.colourName)"), "no .status-\(status.colourName) in the stylesheet")
            #expect(css.contains(".badge-\(status.colourName)"), "no .badge-\(status.colourName) in the stylesheet")
        }
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
