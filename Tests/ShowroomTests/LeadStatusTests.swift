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

    @Test func colourNamesAreTheCSSNames() {
        #expect(LeadStatus.inProgress.colourName == "in-progress")
        #expect(LeadStatus.won.colourName == "won")
        #expect(LeadStatus.lost.colourName == "lost")
    }

    @Test func colourNamesAreDistinct() {
        #expect(Set(LeadStatus.allCases.map(\.colourName)).count == LeadStatus.allCases.count)
        #expect(Set(LeadStatus.allCases.map(\.slug)).count == LeadStatus.allCases.count)
        #expect(Set(LeadStatus.allCases.map(\.labelKey)).count == LeadStatus.allCases.count)
    }

    @Test func onlyInProgressIsOpen() {
        #expect(!LeadStatus.inProgress.isClosed)
        #expect(LeadStatus.won.isClosed)
        #expect(LeadStatus.lost.isClosed)
    }

    @Test func labelKeysPointIntoTheCatalog() {
        #expect(LeadStatus.inProgress.labelKey == "status.in_progress")
        #expect(LeadStatus.won.labelKey == "status.won")
        #expect(LeadStatus.lost.labelKey == "status.lost")
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
