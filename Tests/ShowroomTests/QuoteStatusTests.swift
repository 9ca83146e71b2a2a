import Testing
@testable import Showroom

struct QuoteStatusTests {
    static let issued = CalendarDate(year: 2026, month: 12, day: 2)!
    static let validUntil = QuoteValidity.defaultValidUntil(issuedOn: issued)

    func step(_ from: QuoteStatus, _ action: QuoteAction, needsApproval: Bool = false, mayApprove: Bool = false,
              today: CalendarDate = issued) -> Result<QuoteStatus, RuleViolation> {
        from.applying(action, needsApproval: needsApproval, actorMayApprove: mayApprove, validUntil: Self.validUntil, today: today)
    }

    @Test func theValidityDateDefaultsTo30DaysAfterIssueOrTheConfiguredNumber() {
        #expect(Self.validUntil == CalendarDate(year: 2027, month: 1, day: 1))
        #expect(QuoteValidity.defaultValidUntil(issuedOn: Self.issued, days: 14) == CalendarDate(year: 2026, month: 12, day: 16))
        #expect(QuoteValidity.defaultDays == 30)
        #expect(QuoteValidity.check(validUntil: Self.issued.adding(days: -1), issuedOn: Self.issued) == .quoteValidityBeforeIssue)
        #expect(QuoteValidity.check(validUntil: Self.issued, issuedOn: Self.issued) == nil)
    }

    @Test func aQuoteIsValidThroughItsValidityDate() {
        #expect(!QuoteValidity.isExpired(validUntil: Self.validUntil, today: Self.validUntil))
        #expect(QuoteValidity.isExpired(validUntil: Self.validUntil, today: Self.validUntil.adding(days: 1)))
    }

    @Test func theHappyPathWithoutApproval() {
        #expect(step(.draft, .send) == .success(.sent))
        #expect(step(.sent, .accept, today: Self.validUntil) == .success(.accepted))
        #expect(step(.sent, .decline) == .success(.declined))
    }

    @Test func aDiscountOverTheLimitWaitsForApprovalBeforeSending() {
        #expect(step(.draft, .send, needsApproval: true) == .failure(.quoteNeedsApproval))
        #expect(step(.draft, .requestApproval, needsApproval: true) == .success(.approvalRequested))
        #expect(step(.approvalRequested, .send, needsApproval: true) == .failure(.quoteTransitionNotAllowed))
        #expect(step(.approvalRequested, .approve, needsApproval: true, mayApprove: false) == .failure(.quoteApprovalNotPermitted))
        #expect(step(.approvalRequested, .approve, needsApproval: true, mayApprove: true) == .success(.approved))
        #expect(step(.approvalRequested, .rejectApproval, needsApproval: true, mayApprove: true) == .success(.draft))
        #expect(step(.approvalRequested, .rejectApproval, needsApproval: true, mayApprove: false) == .failure(.quoteApprovalNotPermitted))
        #expect(step(.approved, .send, needsApproval: true) == .success(.sent))
        // Nothing to approve under the limit.
        #expect(step(.draft, .requestApproval, needsApproval: false) == .failure(.quoteTransitionNotAllowed))
    }

    @Test func anExpiredQuoteCannotBeAcceptedAndMayBeMarkedExpired() {
        let later = Self.validUntil.adding(days: 1)
        #expect(step(.sent, .accept, today: later) == .failure(.quoteExpired))
        #expect(step(.sent, .expire, today: later) == .success(.expired))
        #expect(step(.sent, .expire, today: Self.validUntil) == .failure(.quoteTransitionNotAllowed))
        #expect(step(.expired, .accept, today: Self.issued) == .failure(.quoteTransitionNotAllowed))
    }

    @Test func onlyTheListedStepsAreAllowed() {
        let allowed: Set<String> = ["draft.send", "draft.request_approval", "approval_requested.approve", "approval_requested.reject_approval",
                                    "approved.send", "sent.accept", "sent.decline", "sent.expire"]
        let later = Self.validUntil.adding(days: 1)
        for from in QuoteStatus.allCases {
            for action in QuoteAction.allCases {
                let name = from.rawValue + "." + action.rawValue
                // The most permissive context: approval needed, actor may approve, past validity for expire.
                let result = from.applying(action, needsApproval: true, actorMayApprove: true, validUntil: Self.validUntil,
                                           today: action == .expire ? later : Self.issued)
                if allowed.contains(name) {
                    if name == "draft.send" { #expect(result == .failure(.quoteNeedsApproval)) }
                    else { #expect((try? result.get()) != nil, "\(name)") }
                } else {
                    #expect(result == .failure(.quoteTransitionNotAllowed), "\(name)")
                }
            }
        }
        #expect(step(.draft, .send, needsApproval: false) == .success(.sent))
    }

    @Test func aSentQuoteIsFrozenAndAnEditMakesANewVersion() {
        #expect(QuoteStatus.allCases.filter(\.isFrozen) == [.sent, .accepted, .declined, .expired])
        #expect(QuoteStatus.draft.edit == .inPlace)
        #expect(QuoteStatus.approvalRequested.edit == .inPlaceBackToDraft)
        #expect(QuoteStatus.approved.edit == .inPlaceBackToDraft)
        for s in [QuoteStatus.sent, .accepted, .declined, .expired] { #expect(s.edit == .newVersion) }
    }

    @Test func statusesAreStoredByStableNames() {
        #expect(QuoteStatus.allCases.map(\.rawValue) == ["draft", "approval_requested", "approved", "sent", "accepted", "declined", "expired"])
        #expect(QuoteLineKind.allCases.map(\.rawValue) == ["vehicle", "option", "accessory", "fee", "service", "discount", "trade_in_credit"])
    }
}
