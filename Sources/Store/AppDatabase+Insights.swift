import Foundation
import GRDB
import Showroom

// Insights (issue 13): the figures of a period's leads, read in one transaction, scoped by the
// viewer. The leads of the period are read from the covering index `leads_insights` (or
// `leads_insights_responsible` for one person), never from the table: one pass groups them into
// a small cube (bucket × status × lost reason × branch × responsible × type × source, with
// the contact, quote and test-drive counts as sums) from which every count figure is summed.

extension AppDatabase {
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
    public func insights(_ filter: InsightsFilter, visibleTo viewer: Viewer, now: Instant) throws -> InsightsData {
        let start = filter.start.seconds, end = filter.end.seconds
        let common = Self.insightsConditions(filter, viewer: viewer)
        let period: [SQL] = common + ["l.created_at >= \(start)", "l.created_at < \(end)"]
        let whereClause = period.joined(separator: " AND ")
        // One person's figures: start from their own index entries.
        let index = filter.responsibleID != nil || { if case .own = viewer.visibility { return true } else { return false } }()
            ? "leads_insights_responsible" : "leads_insights"
        let bucket = Self.bucketSQL("l.created_at", bounds: filter.bucketBounds.map(\.seconds))
        let fc = "(l.first_contact_at - l.created_at)"
        let took = "(l.closed_at - l.created_at)"
        return try writer.read { db in
            var data = InsightsData()
            let cube: SQL = """
                SELECT \(sql: bucket), l.status, l.lost_reason_id, l.branch_id, l.responsible_id, l.type_id, l.source_id, count(*),
                       count(l.first_contact_at), total(\(sql: fc) <= 1800), total(\(sql: fc) <= 14400), total(\(sql: fc) <= 86400),
                       total(l.quote_stage >= 1), total(l.quote_stage = 2), total(l.testdrive_count > 0)
                FROM leads l INDEXED BY \(sql: index)
                WHERE \(whereClause)
                GROUP BY 1, 2, 3, 4, 5, 6, 7
                """
            for row in try Row.fetchAll(db, literal: cube) {
                guard let status = LeadStatus(rawValue: row[1]) else { continue }
                data.cells.append(InsightCell(bucket: row[0], status: status, lostReasonID: row[2], branchID: row[3], responsibleID: row[4],
                                              typeID: row[5], sourceID: row[6], leads: row[7], contacted: row[8],
                                              within30m: Int(row[9] as Double), within4h: Int(row[10] as Double), within1d: Int(row[11] as Double),
                                              quoteSent: Int(row[12] as Double), quoteAccepted: Int(row[13] as Double), testDriven: Int(row[14] as Double)))
            }
            let contact: SQL = """
                SELECT \(sql: Self.durationBucketSQL(fc)), count(*) FROM leads l INDEXED BY \(sql: index)
                WHERE \(whereClause) AND l.first_contact_at IS NOT NULL GROUP BY 1
                """
            for row in try Row.fetchAll(db, literal: contact) { data.firstContact.counts[row[0]] = row[1] }
            let closing: SQL = """
                SELECT l.status, \(sql: Self.durationBucketSQL(took)), count(*) FROM leads l INDEXED BY \(sql: index)
                WHERE \(whereClause) AND l.status IN (1, 2) AND l.closed_at IS NOT NULL GROUP BY 1, 2
                """
            for row in try Row.fetchAll(db, literal: closing) {
                let status: Int = row[0]
                if status == LeadStatus.won.rawValue { data.toWon.counts[row[1]] = row[2] } else { data.toLost.counts[row[1]] = row[2] }
            }
            var speedSums: [String] = []
            for s in CloseSpeed.allCases {
                let r = s.range
                var parts: [String] = []
                if let a = r.above { parts.append("\(took) > \(a)") }
                if let b = r.atMost { parts.append("\(took) <= \(b)") }
                speedSums.append("total(\(parts.joined(separator: " AND ")))")
            }
            let speeds: SQL = """
                SELECT l.status, \(sql: speedSums.joined(separator: ", ")) FROM leads l INDEXED BY \(sql: index)
                WHERE \(whereClause) AND l.status IN (1, 2) AND l.closed_at IS NOT NULL GROUP BY 1
                """
            for row in try Row.fetchAll(db, literal: speeds) {
                guard let status = LeadStatus(rawValue: row[0]) else { continue }
                for (i, s) in CloseSpeed.allCases.enumerated() { data.closeSpeed[status, default: [:]][s] = Int(row[i + 1] as Double) }
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
