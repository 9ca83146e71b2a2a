/// The rules for working a lead, free of I/O: which status changes are allowed, what a
/// deadline, a task and a comment must look like. Each returns the rule broken, or nil
/// when all is well.
public enum LeadRules {
    public enum StatusProblem: Equatable, Sendable {
        /// The user may not make this change (403).
        case forbidden
        /// Losing a lead needs a reason from the list.
        case reasonRequired
        /// Nothing would change.
        case unchanged
    }

    /// In progress → won/lost needs `leads.status` (lost: with a reason); a closed lead is
    /// reopened (or switched between won and lost) only with `leads.reopen`.
    public static func checkStatusChange(from old: LeadStatus, to new: LeadStatus, lostReason: Int64?, rights: AccessRights) -> StatusProblem? {
        guard old != new else { return .unchanged }
        guard rights.has(.leadsStatus) else { return .forbidden }
        if old.isClosed && !rights.has(.leadsReopen) { return .forbidden }
        if new == .lost && lostReason == nil { return .reasonRequired }
        return nil
    }

    public static let commentMaxLength = 10_000
    public static let noteMaxLength = 500

    public static func checkComment(_ body: String) -> RuleViolation? {
        if body.isEmpty { return .required }
        if body.count > commentMaxLength { return .tooLong }
        return nil
    }

    /// A deadline lies in the future, within two years.
    public static func checkDeadline(due: Instant?, now: Instant) -> RuleViolation? {
        guard let due else { return .invalidDateTime }
        if due <= now { return .deadlineInPast }
        if due.seconds - now.seconds > 2 * 366 * 86_400 { return .deadlineTooFar }
        return nil
    }

    /// Moving a deadline needs a reason (kept on the timeline).
    public static func checkMoveReason(_ reason: String) -> RuleViolation? {
        if reason.isEmpty { return .required }
        if reason.count > noteMaxLength { return .tooLong }
        return nil
    }

    public static let taskDescriptionMaxLength = 2000
    public static let taskDurations = [15, 30, 45, 60, 90, 120, 180, 240, 480]

    /// The rule each field breaks (field name → rule).
    public static func checkTask(start: Instant?, durationMinutes: Int?, description: String, now: Instant) -> [String: RuleViolation] {
        var problems: [String: RuleViolation] = [:]
        if start == nil { problems["starts_at"] = .invalidDateTime }
        if let start, start.seconds < now.seconds - 366 * 86_400 || start.seconds > now.seconds + 2 * 366 * 86_400 { problems["starts_at"] = .taskStartOutOfRange }
        if durationMinutes == nil || !taskDurations.contains(durationMinutes!) { problems["duration"] = .taskDurationOutOfRange }
        if description.isEmpty { problems["description"] = .required }
        if description.count > taskDescriptionMaxLength { problems["description"] = .tooLong }
        return problems
    }

    /// Every lead starts with a deadline to contact the prospect, `hours` after creation.
    public static func firstDeadline(createdAt: Instant, hours: Int) -> Instant {
        createdAt.adding(seconds: Int64(max(1, hours)) * 3600)
    }
}
