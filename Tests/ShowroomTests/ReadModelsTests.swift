import Testing
@testable import Showroom

/// The read models the pages show: closing a lead stops its deadline clock.
struct ReadModelsTests {
    static let created = Instant(seconds: 1_767_222_000)
    static let due = Instant(seconds: 1_768_478_400)

    func row(status: LeadStatus, deadline: Instant?) -> LeadOverviewRow {
        LeadOverviewRow(id: 1, code: "L-2026-000001", status: status, contactName: "An Peeters",
                        type: LocalizedName(nl: "Nieuwe wagen", fr: "Voiture neuve", en: "New car"),
                        source: LocalizedName(nl: "Website", fr: "Site web", en: ""),
                        responsibleName: "Sofie Peeters", branchName: LocalizedName(nl: "Gent", fr: "Gand", en: "Ghent"), nextDeadline: deadline,
                        createdAt: Self.created, lastActivityAt: Self.created, counters: LeadCounters(tradeIns: 0, testDrives: 0, quotes: 0))
    }

    func detail(status: LeadStatus, deadline: Instant?, closedAt: Instant? = nil) -> LeadDetail {
        LeadDetail(id: 1, code: "L-2026-000001", status: status,
                   contact: ContactCard(id: 1, kind: .person, firstName: "An", lastName: "Peeters", companyName: "", email: "an@example.be", phone: ""),
                   type: LocalizedName(nl: "Nieuwe wagen", fr: "", en: ""), source: LocalizedName(nl: "Website", fr: "", en: ""),
                   responsibleID: 3, responsibleName: "Sofie Peeters", branchID: 1, branchName: LocalizedName(nl: "Gent", fr: "Gand", en: "Ghent"),
                   createdAt: Self.created, lastActivityAt: Self.created, closedAt: closedAt,
                   counters: LeadCounters(tradeIns: 1, testDrives: 0, quotes: 2),
                   currentDeadline: deadline.map { DeadlineEntry(id: 9, kind: .followUp, dueAt: $0, doneAt: nil, contacted: nil, note: "") },
                   version: 1)
    }

    @Test func openLeadRowCountsDown() {
        let now = Self.due.adding(seconds: -7_200)
        #expect(row(status: .inProgress, deadline: Self.due).countdown(now: now) == .remaining(Span(seconds: 7_200)))
    }

    @Test func openLeadRowShowsOverdue() {
        let now = Self.due.adding(seconds: 60)
        #expect(row(status: .inProgress, deadline: Self.due).countdown(now: now) == .overdue(Span(seconds: 60)))
    }

    @Test(arguments: [LeadStatus.won, .lost])
    func closedLeadRowHasNoCountdownEvenWhenOverdue(status: LeadStatus) {
        let now = Self.due.adding(seconds: 86_400)
        #expect(row(status: status, deadline: Self.due).countdown(now: now) == .none)
        #expect(row(status: status, deadline: Self.due).countdown(now: Self.due.adding(seconds: -10)) == .none)
    }

    @Test func openLeadRowWithoutDeadlineHasNoCountdown() {
        #expect(row(status: .inProgress, deadline: nil).countdown(now: Self.due) == .none)
    }

    @Test func openLeadDetailCountsDownToTheCurrentDeadline() {
        let now = Self.due.adding(seconds: -90)
        #expect(detail(status: .inProgress, deadline: Self.due).countdown(now: now) == .remaining(Span(seconds: 90)))
        #expect(detail(status: .inProgress, deadline: Self.due).countdown(now: Self.due.adding(seconds: 5)).isOverdue)
        #expect(detail(status: .inProgress, deadline: nil).countdown(now: now) == .none)
    }

    @Test(arguments: [LeadStatus.won, .lost])
    func closedLeadDetailHasNoCountdown(status: LeadStatus) {
        let d = detail(status: status, deadline: Self.due, closedAt: Self.due)
        #expect(d.countdown(now: Self.due.adding(seconds: 86_400)) == .none)
        #expect(!d.countdown(now: Self.due.adding(seconds: 86_400)).isOverdue)
    }

    @Test func ageOfAnOpenLeadRunsUntilNow() {
        let d = detail(status: .inProgress, deadline: nil)
        #expect(d.age(now: Self.created.adding(seconds: 3 * 86_400 + 7_260)) == Span(seconds: 3 * 86_400 + 7_260))
    }

    @Test func ageOfAClosedLeadStopsAtClosing() {
        let d = detail(status: .won, deadline: nil, closedAt: Self.created.adding(seconds: 86_400))
        #expect(d.age(now: Self.created.adding(seconds: 100 * 86_400)) == Span(seconds: 86_400))
    }

    @Test func localizedNameFallsBackToDutch() {
        let name = LocalizedName(nl: "Website", fr: "Site web", en: "")
        #expect(name.in("nl") == "Website")
        #expect(name.in("fr") == "Site web")
        #expect(name.in("en") == "Website")
        #expect(name.in("de") == "Website")
        #expect(name.in("") == "Website")
    }

    @Test func contactDisplayName() {
        #expect(ContactCard.displayName(kind: .person, firstName: "An", lastName: "Peeters", companyName: "X") == "An Peeters")
        #expect(ContactCard.displayName(kind: .person, firstName: "", lastName: "Peeters", companyName: "") == "Peeters")
        #expect(ContactCard.displayName(kind: .company, firstName: "An", lastName: "Peeters", companyName: "Bouw Peeters BV") == "Bouw Peeters BV")
    }

    @Test func filterPageIsAtLeastOne() {
        #expect(LeadFilter(page: 0).page == 1)
        #expect(LeadFilter(page: -7).page == 1)
        #expect(LeadFilter(page: 3).page == 3)
        #expect(LeadFilter.pageSize == 50)
    }
}
