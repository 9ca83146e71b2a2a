import Foundation
import Testing

/// Handlers load, views render: a function that writes HTML (it has an `inout HTML` parameter or
/// returns `[UInt8]`) never receives the store, and never reaches it; neither does a `{ h in … }`
/// closure, which is where a handler writes its page. No `try?` throws a store error away, and no
/// page calls another page's handler (the route table is the only caller of handlers).
/// Read from the Pages sources, with comments and string literals blanked out.
@Suite("Views take view-models")
struct ViewModelTests {
    /// One function of the Pages sources: its type (`enum X` / `extension X` it is in), name,
    /// signature (up to its body) and body.
    struct Function {
        var file: String
        var type: String
        var name: String
        var signature: String
        var body: String
        var writesHTML: Bool { signature.contains("inout HTML") || signature.contains("-> [UInt8]") }
        /// A route's handler, or a helper that loads and answers like one (`(c, db, …) -> Response`).
        var isHandler: Bool { signature.contains("_ db: AppDatabase") && signature.contains("-> Response") }
    }

    /// The Pages sources, code only: comments and the text of string literals are spaces
    /// (interpolations stay code), so braces and names in HTML fragments do not count.
    static func code() throws -> [(name: String, code: String)] {
        try LanguageTests.pageSources().map { ($0.name, blankLiterals($0.text)) }
    }

    static func blankLiterals(_ text: String) -> String {
        let s = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        func at(_ j: Int) -> Unicode.Scalar? { j < s.count ? s[j] : nil }
        func blank(_ c: Unicode.Scalar) { out.append(c == "\n" ? "\n" : " ") }
        /// Code until the closing `)` of an interpolation (depth 0) or the end.
        func code(untilParen: Bool) {
            var depth = 0
            while i < s.count {
                let c = s[i]
                if c == "/" && at(i + 1) == "/" {
                    while i < s.count && s[i] != "\n" { blank(s[i]); i += 1 }
                } else if c == "/" && at(i + 1) == "*" {
                    while i < s.count && !(s[i] == "*" && at(i + 1) == "/") { blank(s[i]); i += 1 }
                    if i < s.count { blank(s[i]); blank(s[i + 1]); i += 2 }
                } else if c == "\"" {
                    string()
                } else {
                    if untilParen {
                        if c == "(" { depth += 1 }
                        if c == ")" { if depth == 0 { return }; depth -= 1 }
                    }
                    out.append(c); i += 1
                }
            }
        }
        func string() {
            let multiline = at(i + 1) == "\"" && at(i + 2) == "\""
            let quotes = multiline ? 3 : 1
            for _ in 0..<quotes { out.append("\""); i += 1 }
            while i < s.count {
                let c = s[i]
                if c == "\\" && at(i + 1) == "(" {
                    out.append("\\"); out.append("("); i += 2
                    code(untilParen: true)
                    if i < s.count { out.append(")"); i += 1 }
                } else if c == "\\" {
                    blank(c); if let n = at(i + 1) { blank(n) }; i += 2
                } else if c == "\"" && (!multiline || (at(i + 1) == "\"" && at(i + 2) == "\"")) {
                    for _ in 0..<quotes { out.append("\""); i += 1 }
                    return
                } else {
                    blank(c); i += 1
                }
            }
        }
        code(untilParen: false)
        return String(out)
    }

    /// The text from `open` (a `{`) to its matching `}`, inclusive.
    static func block(_ s: [Character], from open: Int) -> String {
        var depth = 0
        var j = open
        while j < s.count {
            if s[j] == "{" { depth += 1 }
            if s[j] == "}" { depth -= 1; if depth == 0 { break } }
            j += 1
        }
        return String(s[open...min(j, s.count - 1)])
    }

    static func functions() throws -> [Function] {
        let declaration = try Regex("\\bfunc\\s+([A-Za-z_][A-Za-z0-9_]*)")
        let typeDeclaration = try Regex("(?:^|\\n)(?:enum|struct|extension)\\s+([A-Za-z_][A-Za-z0-9_]*)")
        var out: [Function] = []
        for (file, code) in try code() {
            let chars = Array(code)
            // The outermost types of the file, by character offset.
            var types: [(offset: Int, name: String)] = []
            for m in code.matches(of: typeDeclaration) {
                types.append((code.distance(from: code.startIndex, to: m.range.lowerBound), String(m.output[1].substring ?? "")))
            }
            for m in code.matches(of: declaration) {
                let start = code.distance(from: code.startIndex, to: m.range.lowerBound)
                guard let open = chars[start...].firstIndex(of: "{") else { continue }
                let signature = String(chars[start..<open])
                let type = types.last { $0.offset < start }?.name ?? ""
                out.append(Function(file: file, type: type, name: String(m.output[1].substring ?? ""), signature: signature,
                                    body: block(chars, from: open)))
            }
        }
        return out
    }

    @Test func theScanSeesTheViewsAndTheHandlers() throws {
        let all = try Self.functions()
        let views = all.filter(\.writesHTML)
        let handlers = all.filter(\.isHandler)
        #expect(views.count > 30, "found \(views.count) view functions")
        #expect(handlers.count > 40, "found \(handlers.count) handlers")
        #expect(views.contains { $0.name == "frame" && $0.type == "LeadPage" })
        #expect(handlers.contains { $0.name == "followUp" && $0.type == "LeadPage" })
        // The blanking keeps code and removes text: `h.raw("<p>{</p>")` has no brace left.
        let blanked = Self.blankLiterals(#"h.raw("{ db.x }") // db"#)
        #expect(!blanked.contains("db") && !blanked.contains("{") && blanked.hasPrefix("h.raw(\""))
        #expect(Self.blankLiterals(#"t("a", ["n": "\(db.count)"])"#) == #"t(" ", [" ": "\(db.count)"])"#)
        #expect(Self.blankLiterals("let s = \"\"\"\n  {db}\n  \"\"\"; db") == "let s = \"\"\"\n      \n  \"\"\"; db")
    }

    /// A rule that the scan below would catch, to show the check is not blind.
    @Test func theCheckCatchesAViewThatQueries() throws {
        let bad = Self.blankLiterals("""
            static func render(_ c: RequestContext, _ db: AppDatabase) -> [UInt8] {
                let staff = (try? db.staff()) ?? []
                return Layout.page(title: "x", context: c) { h in h.text(staff.first?.name ?? "") }
            }
            """)
        #expect(Self.problems(signature: String(bad.prefix { $0 != "{" }), body: bad).count == 2)
    }

    /// What is wrong with a view function: the store in its signature, the store in its body.
    static func problems(signature: String, body: String) -> [String] {
        var found: [String] = []
        let store = try! Regex("AppDatabase(?![.A-Za-z0-9_])")
        let database = try! Regex("\\bdb\\b")
        if signature.contains(store) { found.append("takes AppDatabase") }
        if body.contains(database) || body.contains(store) { found.append("reaches the store") }
        return found
    }

    @Test func noViewTakesOrReachesTheStore() throws {
        for f in try Self.functions() where f.writesHTML {
            for problem in Self.problems(signature: f.signature, body: f.body) {
                Issue.record("\(f.file): \(f.type).\(f.name) writes HTML and \(problem); load in the handler, pass a view-model")
            }
        }
    }

    @Test func noPageClosureReachesTheStore() throws {
        let closure = try Regex("\\{\\s*h\\s+in\\b")
        let database = try Regex("\\bdb\\b")
        var seen = 0
        for (file, code) in try Self.code() {
            let chars = Array(code)
            for m in code.matches(of: closure) {
                seen += 1
                let body = Self.block(chars, from: code.distance(from: code.startIndex, to: m.range.lowerBound))
                let reaches = body.contains(database)
                #expect(!reaches, "\(file): a `{ h in … }` page closure reaches the store: \(body.prefix(120))")
            }
        }
        #expect(seen > 20)
    }

    @Test func noTryQuestionMarkHidesAStoreError() throws {
        let hidden = try Regex("try\\?\\s*db\\.")
        #expect("let s = (try? db.staff())".contains(hidden), "the pattern finds what it is for")
        #expect(try Self.code().count >= 10, "the Pages sources were read")
        for (file, code) in try Self.code() {
            let hides = code.contains(hidden)
            #expect(!hides, "\(file): `try? db.…` turns a database error into silence")
        }
    }

    /// Handlers are called by the route table and their own page only: a page that needs
    /// another page's piece calls its view (with a view-model) or its loader, never a function
    /// of it that loads and answers.
    @Test func onlyTheRouteTableCallsHandlers() throws {
        let all = try Self.functions()
        let handlers = all.filter(\.isHandler)
        for (file, code) in try Self.code() where file != "ShowroomApp.swift" {
            for h in handlers {
                // `Type.handler(` from another file: its own page may share its helpers.
                guard !(code.contains("enum \(h.type) ") || code.contains("extension \(h.type) ")) else { continue }
                let qualified = h.type + "." + h.name + "("
                let calls = code.contains(qualified)
                #expect(!calls, "\(file) calls the handler \(h.type).\(h.name)")
            }
        }
    }
}
