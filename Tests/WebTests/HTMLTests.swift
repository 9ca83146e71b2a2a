import Testing
@testable import Web

struct HTMLTests {
    func text(_ s: String) -> String {
        var h = HTML()
        h.text(s)
        return h.string
    }

    @Test func escapesTheFiveSpecialCharacters() {
        #expect(text("&") == "&amp;")
        #expect(text("<") == "&lt;")
        #expect(text(">") == "&gt;")
        #expect(text("\"") == "&quot;")
        #expect(text("'") == "&#39;")
    }

    @Test func escapesAScriptInjection() {
        #expect(text("<script>alert('x')</script>") == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        #expect(text("\" onmouseover=\"x") == "&quot; onmouseover=&quot;x")
    }

    @Test func escapesAnAlreadyEscapedEntityAgain() {
        #expect(text("&amp;") == "&amp;amp;")
        #expect(text("&&") == "&amp;&amp;")
    }

    @Test(arguments: ["", "plain text", "Jan Claes", "L-2026-000123", "€ 12.345,67", "29/11/2026 14:05", "a=b; c/d?e#f%20", "tab\tand\nnewline"])
    func plainTextPassesThroughUnchanged(value: String) {
        #expect(text(value) == value)
    }

    @Test(arguments: ["Liège", "Élodie Lefèvre", "Ærø", "日本語", "🚗💨", "👨‍👩‍👧", "\u{00A0}non-breaking"])
    func multibyteUTF8IsPreserved(value: String) {
        let escaped = text(value)
        #expect(escaped == value)
        #expect(Array(escaped.utf8) == Array(value.utf8))
    }

    @Test func mixedMultibyteAndSpecialCharacters() {
        #expect(text("é<ü>\"€\"'🚗'") == "é&lt;ü&gt;&quot;€&quot;&#39;🚗&#39;")
    }

    @Test func escapesSubstrings() {
        var h = HTML()
        let s = "x<y>z"
        h.text(s.dropFirst())
        #expect(h.string == "&lt;y&gt;z")
    }

    @Test func attributeValuesAreEscaped() {
        var h = HTML()
        h.raw("<a href=\"")
        h.attr("/leads?status=won&page=2\"><script>")
        h.raw("\">")
        h.text("Won & lost")
        h.raw("</a>")
        #expect(h.string == "<a href=\"/leads?status=won&amp;page=2&quot;&gt;&lt;script&gt;\">Won &amp; lost</a>")
    }

    @Test func rawMarkupIsWrittenAsIs() {
        var h = HTML()
        h.raw("<p class=\"x\">")
        h.raw("</p>")
        #expect(h.string == "<p class=\"x\"></p>")
    }

    @Test func integers() {
        var h = HTML()
        h.int(0)
        h.raw(" ")
        h.int(-42)
        h.raw(" ")
        h.int(Int64.max)
        h.raw(" ")
        h.int(UInt8(255))
        #expect(h.string == "0 -42 9223372036854775807 255")
    }

    @Test func longTextWithManySpecialCharactersIsEscapedCompletely() {
        let value = String(repeating: "a<&>\"'é", count: 5_000)
        let escaped = text(value)
        #expect(escaped == String(repeating: "a&lt;&amp;&gt;&quot;&#39;é", count: 5_000))
        #expect(!escaped.contains("<") && !escaped.contains(">") && !escaped.contains("\"") && !escaped.contains("'"))
    }

    @Test func bytesAreUTF8() {
        var h = HTML()
        h.text("é")
        #expect(h.bytes == [0xC3, 0xA9])
    }
}
