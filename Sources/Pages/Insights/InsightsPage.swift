import Showroom
import Store
import Web

/// `/insights` (issue 13): how the sales desk is doing, for the leads the viewer's
/// `insights.view` scope covers; `/insights/export/{table}` the same table as CSV.
enum InsightsPage {
    /// Everything a handler needs: the filter, who is asking (narrowed to the insights scope),
    /// the overview filter links start from, and the lookups for the filter form and labels.
    struct Loaded {
        var filter: InsightsFilter
        var viewer: Viewer
        var base: LeadFilter
        var labels: InsightsLabels
        var options: LeadsOverviewPage.Options
    }

    static let maxDays = 1_096

    /// Reads the filter from the address; a value that names nothing is a 400, a branch or
    /// person outside the viewer's scope a 404.
    static func load(_ c: RequestContext, _ db: AppDatabase) throws -> Loaded {
        let user = try c.signedIn
        guard let visibility = user.rights.insightsVisibility(userID: user.id, branches: user.branches) else { throw HTTPError.forbidden }
        let q = c.request.query
        func id(_ name: String) throws(HTTPError) -> Int64? {
            guard let raw = q[name], !raw.isEmpty else { return nil }
            guard let v = RecordID.parse(raw) else { throw HTTPError(.badRequest, reason: .malformed) }
            return v
        }
        func day(_ name: String) throws(HTTPError) -> CalendarDate? {
            guard let raw = q[name], !raw.isEmpty else { return nil }
            guard let d = CalendarDate(iso: raw) else { throw HTTPError(.badRequest, reason: .malformed) }
            return d
        }
        let today = CalendarDate.brussels(c.now)
        let to = try day("to") ?? today
        let from = try day("from") ?? to.adding(days: -364)
        guard from <= to, from.days(until: to) < maxDays else { throw HTTPError(.badRequest, reason: .malformed) }
        var granularity: InsightsFilter.Granularity?
        if let raw = q["by"], !raw.isEmpty {
            guard let g = InsightsFilter.Granularity(rawValue: raw) else { throw HTTPError(.badRequest, reason: .malformed) }
            granularity = g
        }
        var filter = InsightsFilter(from: from, to: to, granularity: granularity)
        filter.branchID = try id("branch")
        filter.responsibleID = try id("responsible")
        filter.typeID = try id("type")
        filter.sourceID = try id("source")

        let types = try db.lookup(.types), sources = try db.lookup(.sources), reasons = try db.lookup(.lostReasons)
        let branches = try db.branches().filter { visibility.includes(branch: $0.id) }
        let people = try db.assignees(branch: nil).filter { visibility.includes(responsible: $0.id, workingIn: $0.branches) }
        // Another branch's or person's figures are not found, as their leads are.
        if let b = filter.branchID, !branches.contains(where: { $0.id == b }) { throw HTTPError.notFound }
        if let r = filter.responsibleID, !people.contains(where: { $0.id == r }) { throw HTTPError.notFound }
        if let v = filter.typeID, !types.contains(where: { $0.id == v }) { throw HTTPError(.badRequest, reason: .malformed) }
        if let v = filter.sourceID, !sources.contains(where: { $0.id == v }) { throw HTTPError(.badRequest, reason: .malformed) }

        var labels = InsightsLabels()
        for x in types { labels.types[x.id] = x.name }
        for x in sources { labels.sources[x.id] = x.name }
        for x in reasons { labels.lostReasons[x.id] = x.name }
        for x in try db.branches() { labels.branches[x.id] = x.name(in: c.language.rawValue) }
        for x in try db.assignees(branch: nil) { labels.people[x.id] = x.name }

        // Links go to the overview, which shows what `leads.view` allows: where the insights
        // scope is narrower, the link carries the narrowing so its count is the figure's.
        var base = LeadFilter()
        base.createdFrom = filter.start
        base.createdBefore = filter.end
        base.branchID = filter.branchID
        base.responsibleID = filter.responsibleID
        base.typeID = filter.typeID
        base.sourceID = filter.sourceID
        switch (visibility, user.leadVisibility) {
        case (.own, .own): break
        case (.own, _): base.responsibleID = base.responsibleID ?? user.id
        case (.branches(let ids), .all) where ids.count == 1: base.branchID = base.branchID ?? ids[0]
        default: break
        }
        return Loaded(filter: filter, viewer: Viewer(userID: user.id, visibility: visibility), base: base, labels: labels,
                      options: .init(types: types, sources: sources, branches: branches, people: people))
    }

    static func handle(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let l = try load(c, db)
        let data = try db.insights(l.filter, visibleTo: l.viewer, now: c.now)
        let tables = InsightsModel.tables(data, filter: l.filter, base: l.base, labels: l.labels, language: c.language)
        return .html(render(tables, filter: l.filter, options: l.options, context: c))
    }

    /// One table as CSV (`;`, UTF-8 with BOM, formula injection defused as in the overview).
    static func export(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        guard let id = c.parameters["table"], InsightsModel.tableIDs.contains(id) else { throw HTTPError.notFound }
        let l = try load(c, db)
        let data = try db.insights(l.filter, visibleTo: l.viewer, now: c.now)
        guard let table = InsightsModel.tables(data, filter: l.filter, base: l.base, labels: l.labels, language: c.language).first(where: { $0.id == id })
        else { throw HTTPError.notFound }
        var text = CSV.line(table.columns)
        for row in table.rows { text += CSV.line(row.map(\.csv)) }
        let name = "insights-\(id)-\(l.filter.from.iso)-\(l.filter.to.iso).csv"
        return Response(status: .ok, headers: [("Content-Type", "text/csv; charset=utf-8"), ("Content-Disposition", "attachment; filename=\"\(name)\""),
                                               ("Cache-Control", "no-store")], body: .bytes([0xEF, 0xBB, 0xBF] + Array(text.utf8)))
    }

    /// The page's own address parameters (for the CSV links).
    static func query(_ f: InsightsFilter) -> String {
        var parts = ["from=" + f.from.iso, "to=" + f.to.iso, "by=" + f.granularity.rawValue]
        if let v = f.branchID { parts.append("branch=\(v)") }
        if let v = f.responsibleID { parts.append("responsible=\(v)") }
        if let v = f.typeID { parts.append("type=\(v)") }
        if let v = f.sourceID { parts.append("source=\(v)") }
        return parts.joined(separator: "&")
    }

    static func render(_ tables: [InsightTableView], filter: InsightsFilter, options: LeadsOverviewPage.Options, context c: RequestContext) -> [UInt8] {
        let t = c.t
        let lang = c.language.rawValue
        return Layout.page(title: t("insights.title"), context: c, section: .insights) { h in
            h.raw("<div class=\"page-head\"><h1>")
            h.text(t("insights.title"))
            h.raw("</h1></div>")
            h.raw("<form method=\"get\" action=\"/insights\" class=\"card filter-bar\" aria-label=\"")
            h.attr(t("insights.filters"))
            h.raw("\">")
            h.field("from", label: t("insights.from"), value: filter.from.iso, error: nil, t: t, type: "date", maxLength: 10)
            h.field("to", label: t("insights.to"), value: filter.to.iso, error: nil, t: t, type: "date", maxLength: 10)
            h.select("by", label: t("insights.by"), options: [("week", t("insights.by.week")), ("month", t("insights.by.month"))],
                     selected: filter.granularity.rawValue, t: t)
            h.select("branch", label: t("leads.col.branch"), options: [("", t("status.all"))] + options.branches.map { (String($0.id), $0.name(in: lang)) },
                     selected: filter.branchID.map(String.init) ?? "", t: t)
            h.select("responsible", label: t("leads.col.responsible"), options: [("", t("status.all"))] + options.people.map { (String($0.id), $0.name) },
                     selected: filter.responsibleID.map(String.init) ?? "", t: t)
            h.select("type", label: t("leads.col.type"), options: [("", t("status.all"))] + options.types.map { (String($0.id), $0.name.in(lang)) },
                     selected: filter.typeID.map(String.init) ?? "", t: t)
            h.select("source", label: t("leads.col.source"), options: [("", t("status.all"))] + options.sources.map { (String($0.id), $0.name.in(lang)) },
                     selected: filter.sourceID.map(String.init) ?? "", t: t)
            h.raw("<div class=\"form-actions\"><button type=\"submit\" class=\"primary\">")
            h.text(t("filter.apply"))
            h.raw("</button><a class=\"button\" href=\"/insights\">")
            h.text(t("filter.reset"))
            h.raw("</a></div></form>")
            h.raw("<p class=\"muted\">")
            h.text(t("insights.intro", ["from": c.format.date(filter.from), "to": c.format.date(filter.to)]))
            h.raw("</p><div class=\"insights\">")
            let query = query(filter)
            for table in tables { InsightsCharts.section(&h, table, exportQuery: query, t: t) }
            h.raw("</div>")
        }
    }
}
