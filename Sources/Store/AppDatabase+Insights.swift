import Foundation
import GRDB
import Showroom

// Insights (issue 13): the figures of a period's leads, read in one transaction, scoped by the
// viewer. The leads of the period are read from the covering index `leads_insights` (or
// `leads_insights_responsible` for one person), never from the table: one pass groups them into
// a small cube (bucket × status × lost reason × branch × responsible × type × source, with
// the contact, quote and test-drive counts as sums) from which every count figure is summed.

extension AppDatabase {
    /// Above this many leads, medians and percentiles are estimated from a one-in-16 sample.
    public static let medianSampleAbove = 50_000

    /// The conditions every insights query shares: the viewer's scope and the filter's
    /// branch, responsible, type and source (not the period).
    static func insightsConditions(_ f: InsightsFilter, viewer: Viewer) -> [SQL] {
        var c: [SQL] = ["\(LeadScope(viewer))"]
        if let v = f.branchID { c.append("l.branch_id = \(v)") }
        if let v = f.responsibleID { c.append("l.responsible_id = \(v)") }
        if let v = f.typeID { c.append("l.type_id = \(v)") }
        if let v = f.sourceID { c.append("l.source_id = \(v)") }
        return c
    }

    /// `CASE` as a balanced tree over sorted bounds: the index i with bounds[i] <= x < bounds[i+1]
    /// in about log2(n) comparisons per row.
    static func bucketSQL(_ column: String, bounds: [Int64]) -> String {
        func tree(_ lo: Int, _ hi: Int) -> String {
            // Buckets lo..<hi; bucket i starts at bounds[i].
            if hi - lo <= 1 { return String(lo) }
            let mid = (lo + hi) / 2
            return "CASE WHEN \(column) < \(bounds[mid]) THEN \(tree(lo, mid)) ELSE \(tree(mid, hi)) END"
        }
        return tree(0, max(1, bounds.count - 1))
    }

    /// Duration buckets of `DurationHistogram`, in SQL.
    static func durationBucketSQL(_ d: String) -> String {
        "CASE WHEN \(d) < 0 THEN 0 WHEN \(d) < 86400 THEN \(d) / 60 WHEN \(d) < \(90 * 86_400) THEN 1440 + (\(d) - 86400) / 3600 ELSE \(1_440 + 89 * 24) + (\(d) - \(90 * 86_400)) / 86400 END"
    }

    /// Everything `/insights` shows for `filter`, among the leads `viewer` may see (the
    /// viewer's visibility is already narrowed to their `insights.view` scope by the caller).
    public func insights(_ filter: InsightsFilter, visibleTo viewer: Viewer, now: Instant, sampleAbove: Int = medianSampleAbove) throws -> InsightsData {
        let start = filter.start.seconds, end = filter.end.seconds
        let firstDay = filter.from.daysSinceEpoch, lastDay = filter.to.daysSinceEpoch
        let common = Self.insightsConditions(filter, viewer: viewer)
        // The summaries carry branch and responsible (so the scope applies to them as to
        // leads, aliased `l`), type and source.
        let daysWhere = (["l.day >= \(firstDay)", "l.day <= \(lastDay)"] + common).joined(separator: " AND ")
        let period: [SQL] = common + ["l.created_at >= \(start)", "l.created_at < \(end)"]
        let whereClause = period.joined(separator: " AND ")
        let index = filter.responsibleID != nil || { if case .own = viewer.visibility { return true } else { return false } }()
            ? "leads_insights_responsible" : "leads_insights"
        let fc = "(l.first_contact_at - l.created_at)"
        let took = "(l.closed_at - l.created_at)"
        let columns = Migrations.insightDayColumns("x").map(\.0)
        let bucketStarts = filter.bucketDays.map(\.daysSinceEpoch)
        return try writer.read { db in
            var data = InsightsData()
            // One pass over the period's summary rows, grouped by branch, responsible, type, source.
            // The period's whole months from `insight_months`, its other days from `insight_days`.
            let (months, edges) = Self.wholeMonths(filter)
            let monthsWhere = (months.map { ["l.month >= \($0.first)", "l.month <= \($0.last)"] } ?? ["0"]) + common
            let edgeDays: [SQL] = edges.map { "(l.day >= \($0.0) AND l.day <= \($0.1))" }
            let edgeWhere = ([edgeDays.isEmpty ? "0" : "(" + edgeDays.joined(separator: " OR ") + ")"] + common).joined(separator: " AND ")
            let sums = columns.map { "sum(\($0))" }.joined(separator: ", ")
            let parts = columns.map { "l.\($0)" }.joined(separator: ", ")
            let groups: SQL = """
                SELECT branch_id, responsible_id, type_id, source_id, \(sql: sums) FROM (
                    SELECT l.branch_id, l.responsible_id, l.type_id, l.source_id, \(sql: parts) FROM insight_months l WHERE \(monthsWhere.joined(separator: " AND "))
                    UNION ALL
                    SELECT l.branch_id, l.responsible_id, l.type_id, l.source_id, \(sql: parts) FROM insight_days l WHERE \(edgeWhere))
                GROUP BY 1, 2, 3, 4
                """
            for row in try Row.fetchAll(db, literal: groups) {
                var g = InsightGroup(branchID: row[0], responsibleID: row[1], typeID: row[2], sourceID: row[3])
                var v: [String: Int] = [:]
                for (i, c) in columns.enumerated() { v[c] = row[4 + i] }
                g.counts = StatusCounts(inProgress: v["n_progress"]!, won: v["n_won"]!, lost: v["n_lost"]!)
                g.contacted = v["contacted"]!; g.within30m = v["within_30m"]!; g.within4h = v["within_4h"]!; g.within1d = v["within_1d"]!
                g.quoteSent = v["quote_sent"]!; g.quoteSentWon = v["quote_sent_won"]!
                g.quoteAccepted = v["quote_accepted"]!; g.quoteAcceptedWon = v["quote_accepted_won"]!
                g.testDriven = v["test_driven"]!; g.testDrivenWon = v["test_driven_won"]!
                for speed in CloseSpeed.allCases {
                    g.took[.won, default: [:]][speed] = v["took_\(speed.rawValue)_won"]!
                    g.took[.lost, default: [:]][speed] = v["took_\(speed.rawValue)_lost"]!
                }
                if g.counts.total > 0 { data.groups.append(g) }
            }
            // The time series: per day in key order (no sort), put in its bucket here.
            let series: SQL = "SELECT l.day, sum(l.n_progress), sum(l.n_won), sum(l.n_lost) FROM insight_days l WHERE \(daysWhere) GROUP BY l.day"
            var bucket = 0
            for row in try Row.fetchAll(db, literal: series) {
                let day: Int64 = row[0]
                while bucket + 1 < bucketStarts.count - 1 && day >= bucketStarts[bucket + 1] { bucket += 1 }
                var s = data.series[bucket] ?? StatusCounts()
                s.inProgress += row[1]; s.won += row[2]; s.lost += row[3]
                data.series[bucket] = s
            }
            // Lost reasons: from their summary, which has no type or source; with either
            // filter, from the lost leads themselves.
            let lost: SQL
            if filter.typeID == nil && filter.sourceID == nil {
                lost = "SELECT l.reason_id, sum(l.n) FROM insight_lost_days l WHERE \(daysWhere) GROUP BY 1"
            } else {
                lost = """
                    SELECT coalesce(l.lost_reason_id, 0), count(*) FROM leads l INDEXED BY \(sql: index)
                    WHERE \(whereClause) AND l.status = 2 GROUP BY 1
                    """
            }
            for row in try Row.fetchAll(db, literal: lost) where (row[1] as Int) != 0 { data.lost[row[0]] = row[1] }
            // Medians and 90th percentiles: from the leads, read from the covering index; for a
            // selection of more than `medianSampleAbove` leads from the one-in-16 sample (ids are
            // given in order of creation, unrelated to how fast a lead was answered or closed).
            let contacted = data.sum { $0.contacted }, closed = data.sum { $0.counts.won + $0.counts.lost }
            data.sampledContact = contacted > sampleAbove
            data.sampledClosing = closed > sampleAbove
            func source(_ sampled: Bool) -> SQL {
                sampled ? "leads l INDEXED BY leads_insights_sample WHERE \(whereClause) AND l.id % 16 = 0"
                        : "leads l INDEXED BY \(sql: index) WHERE \(whereClause)"
            }
            let contact: SQL = """
                SELECT \(sql: Self.durationBucketSQL(fc)), count(*) FROM \(source(data.sampledContact))
                AND l.first_contact_at IS NOT NULL GROUP BY 1
                """
            for row in try Row.fetchAll(db, literal: contact) { data.firstContact.counts[row[0]] = row[1] }
            let closing: SQL = """
                SELECT l.status, \(sql: Self.durationBucketSQL(took)), count(*) FROM \(source(data.sampledClosing))
                AND l.status IN (1, 2) AND l.closed_at IS NOT NULL GROUP BY 1, 2
                """
            for row in try Row.fetchAll(db, literal: closing) {
                let status: Int = row[0]
                if status == LeadStatus.won.rawValue { data.toWon.counts[row[1]] = row[2] } else { data.toLost.counts[row[1]] = row[2] }
            }
            // Overdue now: open leads whose next deadline has passed (the overview's "overdue").
            let overdue: SQL = """
                SELECT l.responsible_id, count(*) FROM leads l INDEXED BY leads_status_deadline
                WHERE l.status = 0 AND l.next_deadline_at <= \(now.seconds) AND \(common.joined(separator: " AND ")) GROUP BY 1
                """
            for row in try Row.fetchAll(db, literal: overdue) { data.overdue[row[0]] = row[1] }
            // Revenue: accepted quotes by month of acceptance within the period, at the amount
            // of the revision the order form was made from.
            let monthBounds = InsightsFilter(from: filter.from, to: filter.to, granularity: .month).bucketBounds.map(\.seconds)
            let revenue: SQL = """
                SELECT l.responsible_id, \(sql: Self.bucketSQL("q.decided_at", bounds: monthBounds)), count(DISTINCT l.id), sum(r.incl_cents)
                FROM quotes q INDEXED BY quotes_status_decided
                CROSS JOIN leads l ON l.id = q.lead_id
                JOIN order_forms o ON o.quote_id = q.id
                JOIN quote_revisions r ON r.id = o.revision_id
                WHERE q.status = 'accepted' AND q.decided_at >= \(start) AND q.decided_at < \(end) AND \(common.joined(separator: " AND "))
                GROUP BY 1, 2
                """
            for row in try Row.fetchAll(db, literal: revenue) {
                data.revenue.append(RevenueCell(responsibleID: row[0], month: row[1], leads: row[2], cents: row[3]))
            }
            return data
        }
    }
}

extension AppDatabase {
    /// The whole calendar months inside the period (`yyyymm`, first and last; nil when none)
    /// and the day ranges (inclusive day numbers) of the period outside them.
    static func wholeMonths(_ f: InsightsFilter) -> (months: (first: Int, last: Int)?, edges: [(Int64, Int64)]) {
        let firstWhole = f.from.day == 1 ? f.from : CalendarDate(year: f.from.year, month: f.from.month, day: 1)!.adding(months: 1)
        let afterTo = f.to.adding(days: 1)
        let endWhole = afterTo.day == 1 ? afterTo : CalendarDate(year: afterTo.year, month: afterTo.month, day: 1)!
        guard firstWhole < endWhole else { return (nil, [(f.from.daysSinceEpoch, f.to.daysSinceEpoch)]) }
        let lastWhole = endWhole.adding(months: -1)
        var edges: [(Int64, Int64)] = []
        if f.from < firstWhole { edges.append((f.from.daysSinceEpoch, firstWhole.daysSinceEpoch - 1)) }
        if endWhole <= f.to { edges.append((endWhole.daysSinceEpoch, f.to.daysSinceEpoch)) }
        return ((firstWhole.year * 100 + firstWhole.month, lastWhole.year * 100 + lastWhole.month), edges)
    }

    /// Rebuilds the insight summaries from the leads and (re)creates their triggers, in one
    /// transaction: after a bulk load that went around them (`showroom insights-rebuild`).
    public func rebuildInsightSummaries() throws {
        try writer.write { db in
            for name in Migrations.insightTriggerNames + Migrations.insightMonthTriggerNames { try db.execute(sql: "DROP TRIGGER IF EXISTS \(name)") }
            try db.execute(sql: Migrations.insightRebuildSQL)
            try db.execute(sql: Migrations.insightMonthRebuildSQL)
            try db.execute(sql: Migrations.insightTriggersSQL)
            try db.execute(sql: Migrations.insightMonthTriggersSQL)
        }
    }
}
