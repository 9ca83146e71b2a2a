/// Insights (issue 13): what the sales desk figures are made of. Pure values and arithmetic;
/// the store fills them, the pages draw them.

/// The insights' own filter, read from the address: a period of creation days (Brussels),
/// and optionally one branch, responsible, type and source.
public struct InsightsFilter: Equatable, Sendable {
    public enum Granularity: String, CaseIterable, Sendable { case week, month }
    /// First and last day of the period, inclusive.
    public var from: CalendarDate
    public var to: CalendarDate
    public var branchID: Int64?
    public var responsibleID: Int64?
    public var typeID: Int64?
    public var sourceID: Int64?
    public var granularity: Granularity

    public init(from: CalendarDate, to: CalendarDate, granularity: Granularity? = nil) {
        self.from = from
        self.to = to
        // A quarter or less reads best per week; longer per month.
        self.granularity = granularity ?? (from.days(until: to) <= 92 ? .week : .month)
    }

    /// The default: the last 365 days up to today.
    public static func lastYear(today: CalendarDate) -> InsightsFilter {
        InsightsFilter(from: today.adding(days: -364), to: today)
    }

    /// The start of the first day and of the day after the last, as instants.
    public var start: Instant { BrusselsTime.instant(from: CivilTime(year: from.year, month: from.month, day: from.day)) }
    public var end: Instant {
        let d = to.adding(days: 1)
        return BrusselsTime.instant(from: CivilTime(year: d.year, month: d.month, day: d.day))
    }

    /// The buckets of the time series: each bucket's first day, clipped to the period, and
    /// the first day after the period last (so bucket i is [days[i], days[i+1])).
    public var bucketDays: [CalendarDate] {
        var days = [from]
        var next: CalendarDate
        switch granularity {
        case .week:
            // Weeks start on Monday (ISO). 1970-01-01 was a Thursday: day 0 → weekday 3.
            let weekday = Int((from.daysSinceEpoch + 3) % 7)
            next = from.adding(days: 7 - weekday)
        case .month:
            next = CalendarDate(year: from.year, month: from.month, day: 1)!.adding(months: 1)
        }
        let after = to.adding(days: 1)
        while next < after {
            days.append(next)
            next = granularity == .week ? next.adding(days: 7) : next.adding(months: 1)
        }
        days.append(after)
        return days
    }

    /// The instants of `bucketDays` (Brussels midnights).
    public var bucketBounds: [Instant] {
        bucketDays.map { BrusselsTime.instant(from: CivilTime(year: $0.year, month: $0.month, day: $0.day)) }
    }
}

/// How fast a lead was first contacted, in the buckets peers use.
public enum ContactSpeed: String, CaseIterable, Sendable {
    case within30m = "30m", within4h = "4h", within1d = "1d"
    /// The bucket's upper limit (inclusive), seconds after creation.
    public var seconds: Int64 {
        switch self {
        case .within30m: return 1_800
        case .within4h: return 14_400
        case .within1d: return 86_400
        }
    }
}

/// How long a lead was in progress before it was won or lost.
public enum CloseSpeed: String, CaseIterable, Sendable {
    case week, month, quarter, longer
    /// (more than, at most) seconds after creation; nil means no bound.
    public var range: (above: Int64?, atMost: Int64?) {
        switch self {
        case .week: return (nil, 7 * 86_400)
        case .month: return (7 * 86_400, 30 * 86_400)
        case .quarter: return (30 * 86_400, 90 * 86_400)
        case .longer: return (90 * 86_400, nil)
        }
    }
}

/// What a lead's quotes have reached: none sent, one sent (or declined or expired after being
/// sent), one accepted. Kept beside the lead by triggers (`leads.quote_stage`).
public enum QuoteStage: Int, Sendable { case none = 0, sent = 1, accepted = 2 }

/// The leads created in the period with the same branch, responsible, type and source, and
/// what happened to them (read from the summary `insight_days`).
public struct InsightGroup: Equatable, Sendable {
    public var branchID: Int64
    public var responsibleID: Int64
    public var typeID: Int64
    public var sourceID: Int64
    public var counts = StatusCounts()
    /// Leads contacted at all, and within 30 min, 4 h, 1 day.
    public var contacted = 0, within30m = 0, within4h = 0, within1d = 0
    /// Leads with a quote sent (or further), with one accepted, with a test drive; and the
    /// won ones among each.
    public var quoteSent = 0, quoteSentWon = 0, quoteAccepted = 0, quoteAcceptedWon = 0, testDriven = 0, testDrivenWon = 0
    /// Closed leads per status and close-speed bucket.
    public var took: [LeadStatus: [CloseSpeed: Int]] = [:]

    public init(branchID: Int64, responsibleID: Int64, typeID: Int64, sourceID: Int64) {
        self.branchID = branchID; self.responsibleID = responsibleID; self.typeID = typeID; self.sourceID = sourceID
    }
}

/// Won / lost / in progress counts of a group of leads.
public struct StatusCounts: Equatable, Sendable {
    public var inProgress = 0, won = 0, lost = 0
    public init(inProgress: Int = 0, won: Int = 0, lost: Int = 0) { self.inProgress = inProgress; self.won = won; self.lost = lost }
    public var total: Int { inProgress + won + lost }
    /// Won among the closed ones, in basis points (nil when none is closed).
    public var winRateBasisPoints: Int? { won + lost == 0 ? nil : (won * 10_000 + (won + lost) / 2) / (won + lost) }
    public mutating func add(_ status: LeadStatus, _ n: Int) {
        switch status {
        case .inProgress: inProgress += n
        case .won: won += n
        case .lost: lost += n
        }
    }
    public func count(_ status: LeadStatus) -> Int {
        switch status {
        case .inProgress: return inProgress
        case .won: return won
        case .lost: return lost
        }
    }
}

/// A histogram of durations: `counts[i]` values fell in bucket i, whose lower bound (seconds)
/// is `lowerBounds[i]`. Percentiles are read to the bucket's resolution.
public struct DurationHistogram: Equatable, Sendable {
    public var counts: [Int: Int] = [:]
    public init() {}
    public var total: Int { counts.values.reduce(0, +) }

    /// Minutes for the first day, then hours up to 90 days, then days: the bucket index of a
    /// duration in seconds (negative durations count as 0).
    public static func bucket(seconds: Int64) -> Int {
        let s = max(0, seconds)
        if s < 86_400 { return Int(s / 60) }
        if s < 90 * 86_400 { return 1_440 + Int((s - 86_400) / 3_600) }
        return 1_440 + 89 * 24 + Int((s - 90 * 86_400) / 86_400)
    }

    /// The smallest duration that falls in bucket `b`.
    public static func lowerBound(of b: Int) -> Int64 {
        if b < 1_440 { return Int64(b) * 60 }
        if b < 1_440 + 89 * 24 { return 86_400 + Int64(b - 1_440) * 3_600 }
        return 90 * 86_400 + Int64(b - 1_440 - 89 * 24) * 86_400
    }

    /// The duration at quantile `q` (0.5 = median; nearest rank), to the bucket's lower bound.
    public func quantile(_ q: Double) -> Int64? {
        let n = total
        guard n > 0 else { return nil }
        let rank = max(1, Int((q * Double(n)).rounded(.up)))
        var seen = 0
        for b in counts.keys.sorted() {
            seen += counts[b]!
            if seen >= rank { return Self.lowerBound(of: b) }
        }
        return nil
    }
}

/// Everything the insights page shows, read in one transaction.
public struct InsightsData: Equatable, Sendable {
    public var groups: [InsightGroup] = []
    /// Leads created per bucket of the time series (index into `InsightsFilter.bucketDays`).
    public var series: [Int: StatusCounts] = [:]
    /// Lost leads per lost reason (0: none recorded).
    public var lost: [Int64: Int] = [:]
    /// Time to first contact of the period's contacted leads.
    public var firstContact = DurationHistogram()
    /// Time from creation to won, and to lost, of the period's closed leads.
    public var toWon = DurationHistogram()
    public var toLost = DurationHistogram()
    /// Whether the histograms were read from the one-in-16 sample (a large selection).
    public var sampledContact = false
    public var sampledClosing = false
    /// Open leads whose next deadline has passed, per responsible (now, not per period).
    public var overdue: [Int64: Int] = [:]
    /// Accepted quotes per responsible and month of acceptance (in the period): leads and
    /// revenue incl. VAT in cents.
    public var revenue: [RevenueCell] = []
    public init() {}

    /// Status counts of the groups, by `key`.
    public func statusCounts<K: Hashable>(by key: (InsightGroup) -> K) -> [K: StatusCounts] {
        var out: [K: StatusCounts] = [:]
        for g in groups {
            var s = out[key(g)] ?? StatusCounts()
            s.inProgress += g.counts.inProgress; s.won += g.counts.won; s.lost += g.counts.lost
            out[key(g)] = s
        }
        return out
    }

    public var totals: StatusCounts { statusCounts { _ in 0 }[0] ?? StatusCounts() }

    public func sum(_ value: (InsightGroup) -> Int) -> Int { groups.reduce(0) { $0 + value($1) } }

    /// Closed leads of `status` in close-speed bucket `speed`.
    public func took(_ status: LeadStatus, _ speed: CloseSpeed) -> Int { sum { $0.took[status]?[speed] ?? 0 } }
}

public struct RevenueCell: Equatable, Sendable {
    public var responsibleID: Int64
    /// Index into the month buckets of the period.
    public var month: Int
    public var leads: Int
    public var cents: Int64
    public init(responsibleID: Int64, month: Int, leads: Int, cents: Int64) {
        self.responsibleID = responsibleID; self.month = month; self.leads = leads; self.cents = cents
    }
}

extension AccessRights {
    /// Whose figures this user may see: `insights.view`'s scope, never wider than what
    /// `leads.view` lets them open (every figure links to those leads); nil without
    /// `insights.view`.
    public func insightsVisibility(userID: Int64, branches: [Int64]) -> LeadVisibility? {
        guard let insights = scope(of: .insightsView), let leads = scope(of: .leadsView) else { return nil }
        switch min(insights, leads) {
        case .all: return .all
        case .branch: return .branches(branches)
        case .own: return .own(userID: userID, branches: branches)
        }
    }
}
