import Showroom
import Store
import Web

/// The insights page as tables: each figure is a table of cells (text, CSV value, the link to
/// exactly its leads) with the chart drawn from it. Built from `InsightsData` without I/O; the
/// HTML view and the CSV export both read the same model.
struct InsightCellView: Equatable {
    var text: String
    /// The value as a spreadsheet reads it (no thousands separator, dot decimals).
    var csv: String
    /// Link to the leads overview filtered to exactly the leads this number counts.
    var href: String?
    /// The number a chart draws (count or cents).
    var value: Int64?
}

struct InsightTableView {
    enum Chart {
        /// One bar per row from `column`.
        case bars(column: Int)
        /// One bar per row stacked from the in-progress, won and lost columns.
        case stacked(inProgress: Int?, won: Int, lost: Int)
        /// A line over the rows (time) from `column`.
        case line(column: Int)
        case none
    }
    var id: String
    var title: String
    /// A sentence under the title (medians, what is counted).
    var summary: [String] = []
    var columns: [String]
    var rows: [[InsightCellView]]
    var chart: Chart
}

struct InsightsLabels {
    var types: [Int64: LocalizedName] = [:]
    var sources: [Int64: LocalizedName] = [:]
    var lostReasons: [Int64: LocalizedName] = [:]
    var branches: [Int64: String] = [:]
    var people: [Int64: String] = [:]
}

enum InsightsModel {
    /// Every table ids, in page order (also the CSV export's names).
    static let tableIDs = ["created", "status", "source", "type", "branch", "responsible", "lost", "contact", "overdue", "quotes", "revenue", "duration"]

    /// `base` is the overview filter every link starts from: the period, the insights filters,
    /// and any narrowing the viewer's insights scope needs.
    static func tables(_ data: InsightsData, filter: InsightsFilter, base: LeadFilter, labels: InsightsLabels, language: Language) -> [InsightTableView] {
        let t = Translator(language), f = Format(t)
        let lang = language.rawValue
        func link(_ change: (inout LeadFilter) -> Void) -> String {
            var lf = base
            change(&lf)
            return LeadsOverviewPage.link(lf)
        }
        func count(_ n: Int, _ change: (inout LeadFilter) -> Void) -> InsightCellView {
            InsightCellView(text: f.count(n), csv: String(n), href: link(change), value: Int64(n))
        }
        func plain(_ text: String, csv: String? = nil) -> InsightCellView { InsightCellView(text: text, csv: csv ?? text, href: nil, value: nil) }
        func rate(_ s: StatusCounts) -> InsightCellView {
            guard let bp = s.winRateBasisPoints else { return plain("–", csv: "") }
            return plain(f.percent(basisPoints: bp), csv: Format.decimal(basisPoints: bp))
        }
        func share(_ part: Int, of whole: Int) -> InsightCellView {
            guard whole > 0 else { return plain("–", csv: "") }
            let bp = (part * 10_000 + whole / 2) / whole
            return plain(f.percent(basisPoints: bp), csv: Format.decimal(basisPoints: bp))
        }
        let statusColumns = [t("insights.col.total"), t("status.in_progress"), t("status.won"), t("status.lost"), t("insights.col.win_rate")]
        func statusRow(_ label: String, _ s: StatusCounts, _ narrow: @escaping (inout LeadFilter) -> Void) -> [InsightCellView] {
            [plain(label), count(s.total, narrow),
             count(s.inProgress) { narrow(&$0); $0.status = .inProgress },
             count(s.won) { narrow(&$0); $0.status = .won },
             count(s.lost) { narrow(&$0); $0.status = .lost }, rate(s)]
        }
        var tables: [InsightTableView] = []

        // Leads created per week or month.
        let days = filter.bucketDays
        let bounds = filter.bucketBounds
                var createdRows: [[InsightCellView]] = []
        for i in 0..<(days.count - 1) {
            let first = days[i], last = days[i + 1].adding(days: -1)
            let label = filter.granularity == .month ? f.month(first) : f.date(first) + " – " + f.date(last)
            let s = data.series[i] ?? StatusCounts()
            createdRows.append(statusRow(label, s) { $0.createdFrom = bounds[i]; $0.createdBefore = bounds[i + 1] })
        }
        tables.append(InsightTableView(id: "created", title: t(filter.granularity == .month ? "insights.created.month" : "insights.created.week"),
                                       columns: [t(filter.granularity == .month ? "insights.col.month" : "insights.col.week")] + statusColumns,
                                       rows: createdRows, chart: .line(column: 1)))

        // Won, lost, in progress and the win rate.
        let totals = data.totals
        tables.append(InsightTableView(id: "status", title: t("insights.status"),
                                       summary: [t("insights.status.summary", ["rate": totals.winRateBasisPoints.map { f.percent(basisPoints: $0) } ?? "–"])],
                                       columns: [t("insights.col.period")] + statusColumns,
                                       rows: [statusRow(f.date(filter.from) + " – " + f.date(filter.to), totals) { _ in }],
                                       chart: .stacked(inProgress: 2, won: 3, lost: 4)))

        // By source, type, branch, responsible.
        func byDimension(_ id: String, _ titleKey: String, _ columnKey: String, key: (InsightGroup) -> Int64, name: (Int64) -> String,
                         narrow: @escaping (inout LeadFilter, Int64) -> Void) {
            let groups = data.statusCounts(by: key)
            let rows = groups.sorted { ($0.value.total, name($1.key)) > ($1.value.total, name($0.key)) }.map { k, s in
                statusRow(name(k), s) { narrow(&$0, k) }
            }
            tables.append(InsightTableView(id: id, title: t(titleKey), columns: [t(columnKey)] + statusColumns, rows: rows,
                                           chart: .stacked(inProgress: 2, won: 3, lost: 4)))
        }
        byDimension("source", "insights.by_source", "leads.col.source", key: { $0.sourceID }, name: { labels.sources[$0]?.in(lang) ?? "#\($0)" },
                    narrow: { $0.sourceID = $1 })
        byDimension("type", "insights.by_type", "leads.col.type", key: { $0.typeID }, name: { labels.types[$0]?.in(lang) ?? "#\($0)" },
                    narrow: { $0.typeID = $1 })
        byDimension("branch", "insights.by_branch", "leads.col.branch", key: { $0.branchID }, name: { labels.branches[$0] ?? "#\($0)" },
                    narrow: { $0.branchID = $1 })
        byDimension("responsible", "insights.by_responsible", "leads.col.responsible", key: { $0.responsibleID },
                    name: { labels.people[$0] ?? "#\($0)" }, narrow: { $0.responsibleID = $1 })

        // Lost reasons.
        let lost = data.lost
        let lostTotal = lost.values.reduce(0, +)
        let lostRows = lost.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { id, n -> [InsightCellView] in
            [plain(id == 0 ? t("insights.lost.no_reason") : labels.lostReasons[id]?.in(lang) ?? "#\(id)"),
             count(n) { $0.status = .lost; $0.lostReasonID = id }, share(n, of: lostTotal)]
        }
        tables.append(InsightTableView(id: "lost", title: t("insights.lost"), columns: [t("insights.col.reason"), t("insights.col.leads"), t("insights.col.share")],
                                       rows: lostRows, chart: .bars(column: 1)))

        // Time to first contact.
        let all = totals.total
        let contacted = data.sum { $0.contacted }
        var contactSummary = [t("insights.contact.definition")]
        if let median = data.firstContact.quantile(0.5), let p90 = data.firstContact.quantile(0.9) {
            contactSummary.append(t("insights.contact.median", ["median": f.span(Span(seconds: median)), "p90": f.span(Span(seconds: p90))]))
            if data.sampledContact { contactSummary.append(t("insights.sampled")) }
        }
        var contactRows: [[InsightCellView]] = []
        for speed in ContactSpeed.allCases {
            let n: Int
            switch speed {
            case .within30m: n = data.sum { $0.within30m }
            case .within4h: n = data.sum { $0.within4h }
            case .within1d: n = data.sum { $0.within1d }
            }
            let key: String
            switch speed {
            case .within30m: key = "insights.contact.within_30m"
            case .within4h: key = "insights.contact.within_4h"
            case .within1d: key = "insights.contact.within_1d"
            }
            contactRows.append([plain(t(key)), count(n) { $0.contactWithin = speed }, share(n, of: all)])
        }
        contactRows.append([plain(t("insights.contact.never")), count(all - contacted) { $0.notContacted = true }, share(all - contacted, of: all)])
        tables.append(InsightTableView(id: "contact", title: t("insights.contact"), summary: contactSummary,
                                       columns: [t("insights.col.first_contact"), t("insights.col.leads"), t("insights.col.share")],
                                       rows: contactRows, chart: .bars(column: 1)))

        // Overdue now, per responsible (not limited to the period).
        var overdueBase = base
        overdueBase.createdFrom = nil
        overdueBase.createdBefore = nil
        let overdueRows = data.overdue.sorted { ($0.value, labels.people[$1.key] ?? "") > ($1.value, labels.people[$0.key] ?? "") }.map { id, n -> [InsightCellView] in
            var lf = overdueBase
            lf.responsibleID = id
            lf.overdueOnly = true
            return [plain(labels.people[id] ?? "#\(id)"), InsightCellView(text: f.count(n), csv: String(n), href: LeadsOverviewPage.link(lf), value: Int64(n))]
        }
        tables.append(InsightTableView(id: "overdue", title: t("insights.overdue"), summary: [t("insights.overdue.definition")],
                                       columns: [t("leads.col.responsible"), t("insights.col.leads")], rows: overdueRows, chart: .bars(column: 1)))

        // Quotes sent and accepted, test drives, and how many of those leads were won.
        func stageRow(_ key: String, _ value: (InsightGroup) -> Int, won: (InsightGroup) -> Int, _ narrow: @escaping (inout LeadFilter) -> Void) -> [InsightCellView] {
            let n = data.sum(value)
            let w = data.sum(won)
            return [plain(t(key)), count(n, narrow), count(w) { narrow(&$0); $0.status = .won }, share(w, of: n)]
        }
        tables.append(InsightTableView(id: "quotes", title: t("insights.quotes"), summary: [t("insights.quotes.definition")],
                                       columns: [t("insights.col.what"), t("insights.col.leads"), t("insights.col.won"), t("insights.col.share_won")],
                                       rows: [stageRow("insights.quotes.sent", { $0.quoteSent }, won: { $0.quoteSentWon }) { $0.quoteStage = .sent },
                                              stageRow("insights.quotes.accepted", { $0.quoteAccepted }, won: { $0.quoteAcceptedWon }) { $0.quoteStage = .accepted },
                                              stageRow("insights.quotes.testdrive", { $0.testDriven }, won: { $0.testDrivenWon }) { $0.testDriven = true }],
                                       chart: .bars(column: 1)))

        // Revenue of accepted quotes per salesperson per month (of acceptance).
        let months = InsightsFilter(from: filter.from, to: filter.to, granularity: .month)
        let monthDays = months.bucketDays
        let revenueRows = data.revenue.sorted { ($0.month, labels.people[$0.responsibleID] ?? "") < ($1.month, labels.people[$1.responsibleID] ?? "") }
            .map { r -> [InsightCellView] in
                var lf = base
                lf.createdFrom = nil
                lf.createdBefore = nil
                lf.responsibleID = r.responsibleID
                lf.acceptedFrom = BrusselsTime.instant(from: CivilTime(year: monthDays[r.month].year, month: monthDays[r.month].month, day: monthDays[r.month].day))
                let last = monthDays[r.month + 1].adding(days: -1)
                lf.acceptedBefore = BrusselsTime.instant(from: CivilTime(year: last.year, month: last.month, day: last.day)).adding(seconds: 86_400)
                lf.quoteStage = .accepted
                return [plain(f.month(monthDays[r.month])), plain(labels.people[r.responsibleID] ?? "#\(r.responsibleID)"),
                        InsightCellView(text: f.count(r.leads), csv: String(r.leads), href: LeadsOverviewPage.link(lf), value: Int64(r.leads)),
                        InsightCellView(text: f.money(cents: r.cents), csv: Format.csvAmount(r.cents), href: LeadsOverviewPage.link(lf), value: r.cents)]
            }
        tables.append(InsightTableView(id: "revenue", title: t("insights.revenue"), summary: [t("insights.revenue.definition")],
                                       columns: [t("insights.col.month"), t("leads.col.responsible"), t("insights.col.leads"), t("insights.col.revenue")],
                                       rows: revenueRows, chart: .bars(column: 3)))

        // Time in progress before won or lost.
        var durationSummary: [String] = []
        for (status, h) in [(LeadStatus.won, data.toWon), (.lost, data.toLost)] {
            if let median = h.quantile(0.5), let p90 = h.quantile(0.9) {
                durationSummary.append(t(status == .won ? "insights.duration.median_won" : "insights.duration.median_lost",
                                         ["median": f.span(Span(seconds: median)), "p90": f.span(Span(seconds: p90))]))
            }
        }
        if data.sampledClosing && !durationSummary.isEmpty { durationSummary.append(t("insights.sampled")) }
        let durationRows = CloseSpeed.allCases.map { speed -> [InsightCellView] in
            let won = data.took(.won, speed), lostN = data.took(.lost, speed)
            let key: String
            switch speed {
            case .week: key = "insights.duration.week"
            case .month: key = "insights.duration.month"
            case .quarter: key = "insights.duration.quarter"
            case .longer: key = "insights.duration.longer"
            }
            return [plain(t(key)), count(won + lostN) { $0.took = speed },
                    count(won) { $0.took = speed; $0.status = .won }, count(lostN) { $0.took = speed; $0.status = .lost },
                    rate(StatusCounts(won: won, lost: lostN))]
        }
        tables.append(InsightTableView(id: "duration", title: t("insights.duration"), summary: durationSummary,
                                       columns: [t("insights.col.in_progress_for"), t("insights.col.total"), t("status.won"), t("status.lost"), t("insights.col.win_rate")],
                                       rows: durationRows, chart: .stacked(inProgress: nil, won: 2, lost: 3)))
        return tables
    }
}

extension Format {
    /// `12.345`
    func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = n < 0 ? "-" : ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(".") }
            out.append(ch)
        }
        return out
    }

    /// `45,3 %` from basis points.
    func percent(basisPoints bp: Int) -> String {
        let tenths = (bp + 5) / 10
        return String(tenths / 10) + "," + String(tenths % 10) + " %"
    }

    /// `45,3` from basis points, for the CSV (Belgian decimal comma, as the `;`-separated
    /// export's spreadsheets expect).
    static func decimal(basisPoints bp: Int) -> String {
        let tenths = (bp + 5) / 10
        return String(tenths / 10) + "," + String(tenths % 10)
    }

    /// `12345,67` from cents, for the CSV (no thousands separator, no euro sign).
    static func csvAmount(_ cents: Int64) -> String {
        let m = cents.magnitude
        return (cents < 0 ? "-" : "") + String(m / 100) + "," + (m % 100 < 10 ? "0" : "") + String(m % 100)
    }

    /// `november 2026`
    func month(_ day: CalendarDate) -> String {
        t("month.\(day.month)") + " " + String(day.year)
    }
}
