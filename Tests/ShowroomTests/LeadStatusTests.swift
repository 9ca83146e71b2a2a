import Testing
@testable import Showroom

struct LeadStatusTests {
    @Test func storedRawValuesNeverChange() {
        #expect(LeadStatus.inProgress.rawValue == 0)
        #expect(LeadStatus.won.rawValue == 1)
        #expect(LeadStatus.lost.rawValue == 2)
        #expect(LeadStatus(rawValue: 3) == nil)
        #expect(LeadStatus(rawValue: -1) == nil)
        #expect(LeadStatus.allCases == [.inProgress, .won, .lost])
    }

    // The colour names and catalog keys of the statuses are Pages' (StatusPresentationTests).

    @Test func slugsAreDistinct() {
        #expect(Set(LeadStatus.allCases.map(\.slug)).count == LeadStatus.allCases.count)
    }

    @Test func onlyInProgressIsOpen() {
        #expect(!LeadStatus.inProgress.isClosed)
        #expect(LeadStatus.won.isClosed)
        #expect(LeadStatus.lost.isClosed)
    }

    @Test(arguments: LeadStatus.allCases)
    func slugRoundTrips(status: LeadStatus) {
        #expect(LeadStatus(slug: status.slug) == status)
    }

    @Test func slugsAsUsedInAddresses() {
        #expect(LeadStatus(slug: "in-progress") == .inProgress)
        #expect(LeadStatus(slug: "won") == .won)
        #expect(LeadStatus(slug: "lost") == .lost)
    }

    @Test(arguments: ["", "Won", "WON", "in_progress", "inProgress", "0", "1", " won", "won ", "lost\u{0}", "gewonnen", "won&x=1"])
    func unknownSlugIsRejected(slug: String) {
        #expect(LeadStatus(slug: slug) == nil)
    }
}
