import Testing
@testable import Web

struct FormFieldsTests {
    func parse(_ s: String, maxPairs: Int = 1000) throws(HTTPError) -> FormFields {
        try FormFields.parse(urlencoded: Array(s.utf8), maxPairs: maxPairs)
    }

    @Test func parsesNamesAndValues() throws {
        let f = try parse("a=1&b=two+words&c=%C3%A9")
        #expect(f.pairs.count == 3)
        #expect(f["a"] == "1")
        #expect(f["b"] == "two words")
        #expect(f["c"] == "é")
        #expect(f["d"] == nil)
    }

    @Test func repeatedNameGivesTheFirstValueAndAllValuesInOrder() throws {
        let f = try parse("x=1&y=a&x=2&x=3")
        #expect(f["x"] == "1")
        #expect(f.all("x") == ["1", "2", "3"])
        #expect(f.all("y") == ["a"])
        #expect(f.all("z") == [])
    }

    @Test func emptyInputHasNoFields() throws {
        #expect(try parse("").pairs.isEmpty)
        #expect(try parse("&&&").pairs.isEmpty)
    }

    @Test func nameWithoutEqualsHasAnEmptyValue() throws {
        let f = try parse("flag&x=1")
        #expect(f["flag"] == "")
        #expect(f["x"] == "1")
    }

    @Test func onlyTheFirstEqualsSeparates() throws {
        let f = try parse("a=1=2&=v")
        #expect(f["a"] == "1=2")
        #expect(f[""] == "v")
    }

    @Test func escapedSeparatorsAreData() throws {
        let f = try parse("q=a%26b%3Dc&n%3Dx=1")
        #expect(f["q"] == "a&b=c")
        #expect(f["n=x"] == "1")
        #expect(f.pairs.count == 2)
    }

    @Test func exactlyMaxPairsIsAccepted() throws {
        let s = (0..<10).map { "k\($0)=v" }.joined(separator: "&")
        #expect(try parse(s, maxPairs: 10).pairs.count == 10)
    }

    @Test func oneMoreThanMaxPairsIsABadRequest() {
        let s = (0..<11).map { "k\($0)=v" }.joined(separator: "&")
        let error = #expect(throws: HTTPError.self) { try parse(s, maxPairs: 10) }
        #expect(error?.status == .badRequest)
    }

    @Test func defaultLimitIsAThousandPairs() throws {
        let ok = Array(repeating: "a=1", count: 1000).joined(separator: "&")
        #expect(try parse(ok).pairs.count == 1000)
        let tooMany = Array(repeating: "a=1", count: 1001).joined(separator: "&")
        let error = #expect(throws: HTTPError.self) { try parse(tooMany) }
        #expect(error?.status == .badRequest)
    }

    @Test func emptySegmentsDoNotCountTowardsTheLimit() throws {
        #expect(try parse("a=1&&&&&&&&&&&&b=2", maxPairs: 2).pairs.count == 2)
    }

    @Test(arguments: ["a=%", "a=%zz", "%4=1", "a=1&b=%ff", "a=%c3", "ok=1&x=%e2%82"])
    func badEscapeAnywhereIsABadRequest(input: String) {
        let error = #expect(throws: HTTPError.self) { try parse(input) }
        #expect(error?.status == .badRequest)
        #expect(error?.reason == .malformed)
    }

    @Test func trimmedDropsSurroundingWhiteSpace() throws {
        let f = try parse("a=++x+y++&b=+++&c=%C2%A0z%09&d=")
        #expect(f.trimmed("a") == "x y")
        #expect(f.trimmed("b") == nil)
        #expect(f.trimmed("c") == "z")
        #expect(f.trimmed("d") == nil)
        #expect(f.trimmed("missing") == nil)
    }

    @Test func appendAddsAPair() {
        var f = FormFields()
        f.append("a", "1")
        f.append("a", "2")
        #expect(f["a"] == "1")
        #expect(f.all("a") == ["1", "2"])
        #expect(f == FormFields(pairs: [("a", "1"), ("a", "2")]))
        #expect(f != FormFields(pairs: [("a", "2"), ("a", "1")]))
    }

    @Test func trimmingWhitespace() {
        #expect("  a b \n".trimmingWhitespace() == "a b")
        #expect("\u{00A0}\u{2003}x\u{3000}".trimmingWhitespace() == "x")
        #expect("".trimmingWhitespace() == "")
        #expect(" \t ".trimmingWhitespace() == "")
    }
}
