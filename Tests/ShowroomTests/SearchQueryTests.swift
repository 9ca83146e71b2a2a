import Showroom
import Testing

/// What a user types becomes an FTS5 query of quoted prefix terms: no FTS syntax they type is
/// ever interpreted, and a phone number is one term of its digits however it is written.
struct SearchQueryTests {
    @Test func wordsBecomeQuotedPrefixTerms() {
        #expect(SearchQuery.match("Jan Peeters") == "\"Jan\"* \"Peeters\"*")
    }

    @Test func ftsSyntaxIsNotInterpreted() {
        #expect(SearchQuery.match("peeters OR \"x\" NEAR(a b) *") == "\"peeters\"* \"OR\"* \"x\"* \"NEARa\"* \"b\"*")
        #expect(SearchQuery.match("\" * ( )") == nil)
    }

    @Test func aPhoneNumberTypedInGroupsIsOneNumber() {
        #expect(SearchQuery.match("0475 12 34 56") == "\"0475123456\"*")
        #expect(SearchQuery.match("+32 475/12.34.56") == "\"32475123456\"*")
        #expect(SearchQuery.match("0032 475 12 34 56") == "\"32475123456\"*")
    }

    @Test func atMostEightWords() {
        #expect(SearchQuery.match("a b c d e f g h i j")?.split(separator: " ").count == 8)
    }
}
