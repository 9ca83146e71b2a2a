/// Where a quote (one version of it) stands. Stored by its raw value.
///
/// ```
/// draft ──send──────────────────────────────────▶ sent ──accept──▶ accepted
///   │ (discounts over the limit)                    │ ──decline─▶ declined
///   └─requestApproval─▶ approvalRequested ─approve─▶ approved ─send─▶ sent
///                           └─rejectApproval─▶ draft   └─expire (validity date passed)─▶ expired
/// ```
/// Drafts, and quotes waiting for or holding approval, can be edited in place (an edit of the
/// latter two brings them back to draft: what was approved is no longer what would be sent).
/// A sent, accepted, declined or expired quote is frozen: changing it makes version n+1, a new
/// draft, and the old version stays readable.
public enum QuoteStatus: String, CaseIterable, Sendable {
    case draft
    case approvalRequested = "approval_requested"
    case approved
    case sent
    case accepted
    case declined
    case expired

    /// Frozen: never changed again; an edit makes a new version.
    public var isFrozen: Bool {
        switch self {
        case .sent, .accepted, .declined, .expired: return true
        case .draft, .approvalRequested, .approved: return false
        }
    }

    /// What an edit of a quote in this status does.
    public var edit: QuoteEdit {
        switch self {
        case .draft: return .inPlace
        case .approvalRequested, .approved: return .inPlaceBackToDraft
        case .sent, .accepted, .declined, .expired: return .newVersion
        }
    }

    /// The status after `action`, or the rule that refuses it.
    /// - `needsApproval`: `DiscountPolicy.needsApproval` of the quote's current lines.
    /// - `actorMayApprove`: the acting user holds `quotes.approve`.
    /// - `validUntil`, `today` (Brussels): a quote is valid through its validity date; after it
    ///   it cannot be accepted (`quoteExpired`) and may be marked expired.
    public func applying(_ action: QuoteAction, needsApproval: Bool, actorMayApprove: Bool,
                         validUntil: CalendarDate, today: CalendarDate) -> Result<QuoteStatus, RuleViolation> {
        let expired = QuoteValidity.isExpired(validUntil: validUntil, today: today)
        switch (self, action) {
        case (.draft, .send):
            return needsApproval ? .failure(.quoteNeedsApproval) : .success(.sent)
        case (.approved, .send):
            return .success(.sent)
        case (.draft, .requestApproval):
            return needsApproval ? .success(.approvalRequested) : .failure(.quoteTransitionNotAllowed)
        case (.approvalRequested, .approve):
            return actorMayApprove ? .success(.approved) : .failure(.quoteApprovalNotPermitted)
        case (.approvalRequested, .rejectApproval):
            return actorMayApprove ? .success(.draft) : .failure(.quoteApprovalNotPermitted)
        case (.sent, .accept):
            return expired ? .failure(.quoteExpired) : .success(.accepted)
        case (.sent, .decline):
            return .success(.declined)
        case (.sent, .expire):
            return expired ? .success(.expired) : .failure(.quoteTransitionNotAllowed)
        default:
            return .failure(.quoteTransitionNotAllowed)
        }
    }
}

/// A step in a quote's life (see `QuoteStatus`).
public enum QuoteAction: String, CaseIterable, Sendable {
    case requestApproval = "request_approval"
    case approve
    case rejectApproval = "reject_approval"
    case send
    case accept
    case decline
    case expire
}

/// What editing a quote does.
public enum QuoteEdit: Equatable, Sendable {
    /// Change this version.
    case inPlace
    /// Change this version and bring it back to draft (an approval no longer holds).
    case inPlaceBackToDraft
    /// Leave this version as it is and make version n+1 as a draft.
    case newVersion
}

/// A quote's validity date.
public enum QuoteValidity {
    /// Default number of days a quote is valid (settings may change it) *(check)*.
    public static let defaultDays = 30

    /// The default validity date: issue date + `days`.
    public static func defaultValidUntil(issuedOn: CalendarDate, days: Int = defaultDays) -> CalendarDate {
        issuedOn.adding(days: days)
    }

    /// A quote is valid through its validity date (Brussels days): expired from the day after.
    public static func isExpired(validUntil: CalendarDate, today: CalendarDate) -> Bool {
        validUntil < today
    }

    /// A validity date chosen by hand may not lie before the issue date.
    public static func check(validUntil: CalendarDate, issuedOn: CalendarDate) -> RuleViolation? {
        validUntil < issuedOn ? .quoteValidityBeforeIssue : nil
    }
}
