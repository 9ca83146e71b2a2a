import Foundation
import Showroom
import Store
import Web

/// `/leads`: the table of leads the user may see — filtered, searched, sorted, paginated —
/// and `/leads/export`, the same selection as CSV.
enum LeadsOverviewPage {
    /// Reads the filter from the address. A value that names nothing is a 400, never ignored.
    static func filter(from q: FormFields) throws(HTTPError) -> LeadFilter {
        var f = LeadFilter()
        func id(_ name: String) throws(HTTPError) -> Int64? {
            guard let raw = q[name], !raw.isEmpty else { return nil }
            guard let v = RecordID.parse(raw) else { throw HTTPError(.badRequest, reason: .malformed) }
            return v
        }
        if let raw = q["status"], !raw.isEmpty {
            guard let status = LeadStatus(slug: raw) else { throw HTTPError(.badRequest, reason: .malformed) }
            f.status = status
        }
        f.responsibleID = try id("responsible")
        f.branchID = try id("branch")
        f.typeID = try id("type")
        f.sourceID = try id("source")
        if let raw = q["from"], !raw.isEmpty {
            guard let d = parseDate(raw) else { throw HTTPError(.badRequest, reason: .malformed) }
            f.createdFrom = d
        }
        if let raw = q["to"], !raw.isEmpty {
            guard let d = parseDate(raw) else { throw HTTPError(.badRequest, reason: .malformed) }
            f.createdBefore = d.adding(seconds: 86_400)
        }
        f.overdueOnly = q["overdue"] == "1"
        // The filters the insights link with (issue 13).
        f.lostReasonID = q["lost_reason"] == "none" ? 0 : try id("lost_reason")
        if let raw = q["contact"], !raw.isEmpty {
            if raw == "none" { f.notContacted = true } else {
                guard let s = ContactSpeed(rawValue: raw) else { throw HTTPError(.badRequest, reason: .malformed) }
                f.contactWithin = s
            }
        }
        if let raw = q["quote"], !raw.isEmpty {
            switch raw {
            case "sent": f.quoteStage = .sent
            case "accepted": f.quoteStage = .accepted
            default: throw HTTPError(.badRequest, reason: .malformed)
            }
        }
        f.testDriven = q["testdrive"] == "1"
        if let raw = q["took"], !raw.isEmpty {
            guard let t = CloseSpeed(rawValue: raw) else { throw HTTPError(.badRequest, reason: .malformed) }
            f.took = t
        }
        if let raw = q["accepted_from"], !raw.isEmpty {
            guard let d = parseDate(raw) else { throw HTTPError(.badRequest, reason: .malformed) }
            f.acceptedFrom = d
        }
        if let raw = q["accepted_to"], !raw.isEmpty {
            guard let d = parseDate(raw) else { throw HTTPError(.badRequest, reason: .malformed) }
            f.acceptedBefore = d.adding(seconds: 86_400)
        }
        f.text = String((q["q"] ?? "").trimmingWhitespace().prefix(100))
        if let raw = q["sort"], !raw.isEmpty {
            guard let s = LeadFilter.Sort(rawValue: raw) else { throw HTTPError(.badRequest, reason: .malformed) }
            f.sort = s
        }
        f.ascending = q["dir"] == "asc" || (q["dir"] == nil && f.sort == .deadline)
        if let raw = q["page"], !raw.isEmpty {
            guard let n = Int(raw), n >= 1, n <= 100_000 else { throw HTTPError(.badRequest, reason: .malformed) }
            f.page = n
        }
        return f
    }

    /// `2026-11-29` (the value of a date input), as the start of that day in Brussels.
    static func parseDate(_ raw: String) -> Instant? {
        BrusselsTime.parseHTMLLocal(raw + "T00:00")
    }

    static func query(_ f: LeadFilter, page: Int? = nil, sort: LeadFilter.Sort? = nil, ascending: Bool? = nil) -> String {
        var parts: [String] = []
        func add(_ k: String, _ v: String?) { if let v, !v.isEmpty { parts.append(k + "=" + PercentDecoding.encodeQueryValue(v)) } }
        add("q", f.text)
        add("status", f.status?.slug)
        add("responsible", f.responsibleID.map(String.init))
        add("branch", f.branchID.map(String.init))
        add("type", f.typeID.map(String.init))
        add("source", f.sourceID.map(String.init))
        add("from", f.createdFrom.map { BrusselsTime.civil($0).htmlLocal.prefix(10) }.map(String.init))
        add("to", f.createdBefore.map { BrusselsTime.civil($0.adding(seconds: -86_400)).htmlLocal.prefix(10) }.map(String.init))
        if f.overdueOnly { add("overdue", "1") }
        for (k, v) in insightsParameters(f) { add(k, v) }
        let s = sort ?? f.sort
        if s != .created { add("sort", s.rawValue) }
        let asc = ascending ?? f.ascending
        if asc != (s == .deadline) { add("dir", asc ? "asc" : "desc") }
        let p = page ?? f.page
        if p > 1 { add("page", String(p)) }
        return parts.joined(separator: "&")
    }

    /// The insights' link filters as address parameters (also kept as hidden fields by the form).
    static func insightsParameters(_ f: LeadFilter) -> [(String, String)] {
        var out: [(String, String)] = []
        func day(_ i: Instant) -> String { String(BrusselsTime.civil(i).htmlLocal.prefix(10)) }
        if let v = f.lostReasonID { out.append(("lost_reason", v == 0 ? "none" : String(v))) }
        if let v = f.contactWithin { out.append(("contact", v.rawValue)) }
        if f.notContacted { out.append(("contact", "none")) }
        if let v = f.quoteStage { out.append(("quote", v == .accepted ? "accepted" : "sent")) }
        if f.testDriven { out.append(("testdrive", "1")) }
        if let v = f.took { out.append(("took", v.rawValue)) }
        if let v = f.acceptedFrom { out.append(("accepted_from", day(v))) }
        if let v = f.acceptedBefore { out.append(("accepted_to", day(v.adding(seconds: -86_400)))) }
        return out
    }

    static func link(_ f: LeadFilter, page: Int? = nil, sort: LeadFilter.Sort? = nil, ascending: Bool? = nil) -> String {
        let q = query(f, page: page, sort: sort, ascending: ascending)
        return q.isEmpty ? "/leads" : "/leads?" + q
    }

    struct Options {
        let types: [LookupItem], sources: [LookupItem], branches: [BranchRecord], people: [Assignee]
    }

    static func handle(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let filter = try filter(from: c.request.query)
        let page = try db.leads(filter, visibleTo: c.viewer, now: c.now)
        // Counted exactly when the view is one a figure links to (a creation period, overdue, or
        // a figure's filter): that count is the figure. Otherwise up to 10,000, so the plain
        // overview of a million leads does not count them all on every page.
        let exact = filter.createdFrom != nil || filter.createdBefore != nil || filter.overdueOnly || !insightsParameters(filter).isEmpty
        let cap = exact ? 1_000_000 : 10_000
        let total = try db.countLeads(filter, visibleTo: c.viewer, now: c.now, cap: cap)
        // The filters offer only what can be in the viewer's scope: a salesperson sees
        // their own branches and themselves, not the company's staff list.
        let scope = c.visibility
        let options = Options(types: try db.lookup(.types), sources: try db.lookup(.sources),
                              branches: try db.branches().filter { scope.includes(branch: $0.id) },
                              people: try db.assignees(branch: nil).filter { scope.includes(responsible: $0.id, workingIn: $0.branches) })
        return .html(render(page, filter: filter, options: options, total: total, cap: cap, context: c))
    }

    static func render(_ page: LeadListPage, filter: LeadFilter, options: Options, total: Int? = nil, cap: Int = 10_000, context c: RequestContext) -> [UInt8] {
        let t = c.t, f = c.format
        let lang = c.language.rawValue
        return Layout.page(title: t("leads.title"), context: c, section: .leads) { h in
            h.raw("<div class=\"page-head\"><h1>")
            h.text(t("leads.title"))
            h.raw("</h1><div class=\"head-actions\">")
            if c.may(.leadsCreate) {
                h.raw("<a class=\"button primary\" href=\"/leads/new\">")
                h.text(t("leads.new"))
                h.raw("</a>")
            }
            h.raw("<a class=\"button\" href=\"/leads/export")
            let q = query(filter, page: 1)
            if !q.isEmpty { h.raw("?"); h.attr(q) }
            h.raw("\" download>")
            h.text(t("leads.export"))
            h.raw("</a></div></div><nav class=\"filters\" aria-label=\"")
            h.attr(t("leads.filter.status"))
            h.raw("\"><ul class=\"pills\">")
            for status in [nil] + LeadStatus.allCases.map(Optional.some) {
                var target = filter
                target.status = status
                target.page = 1
                h.raw("<li><a class=\"pill")
                if let status { h.raw(" pill-"); h.attr(status.colourName) }
                h.raw("\" href=\"")
                h.attr(link(target))
                h.raw("\"")
                if status == filter.status { h.raw(" aria-current=\"page\"") }
                h.raw(">")
                h.text(status.map { t($0.labelKey) } ?? t("status.all"))
                h.raw("</a></li>")
            }
            h.raw("</ul></nav>")

            // Filters: a plain GET form, so every view is an address that can be shared.
            h.raw("<form method=\"get\" action=\"/leads\" class=\"card filter-bar\" role=\"search\">")
            if let s = filter.status { h.hidden("status", s.slug) }
            for (k, v) in insightsParameters(filter) { h.hidden(k, v) }
            h.field("q", label: t("leads.search"), value: filter.text, error: nil, t: t, type: "search", maxLength: 100)
            h.select("responsible", label: t("leads.col.responsible"), options: [("", t("status.all"))] + options.people.map { (String($0.id), $0.name) },
                     selected: filter.responsibleID.map(String.init) ?? "", t: t)
            h.select("branch", label: t("leads.col.branch"), options: [("", t("status.all"))] + options.branches.map { (String($0.id), $0.name(in: lang)) },
                     selected: filter.branchID.map(String.init) ?? "", t: t)
            h.select("type", label: t("leads.col.type"), options: [("", t("status.all"))] + options.types.map { (String($0.id), $0.name.in(lang)) },
                     selected: filter.typeID.map(String.init) ?? "", t: t)
            h.select("source", label: t("leads.col.source"), options: [("", t("status.all"))] + options.sources.map { (String($0.id), $0.name.in(lang)) },
                     selected: filter.sourceID.map(String.init) ?? "", t: t)
            h.field("from", label: t("leads.from"), value: filter.createdFrom.map { String(BrusselsTime.civil($0).htmlLocal.prefix(10)) } ?? "", error: nil, t: t, type: "date", maxLength: 10)
            h.field("to", label: t("leads.to"), value: filter.createdBefore.map { String(BrusselsTime.civil($0.adding(seconds: -86_400)).htmlLocal.prefix(10)) } ?? "", error: nil, t: t, type: "date", maxLength: 10)
            h.raw("<label class=\"check\"><input type=\"checkbox\" name=\"overdue\" value=\"1\"")
            if filter.overdueOnly { h.raw(" checked") }
            h.raw("> ")
            h.text(t("leads.overdue_only"))
            h.raw("</label><div class=\"form-actions\"><button type=\"submit\" class=\"primary\">")
            h.text(t("filter.apply"))
            h.raw("</button><a class=\"button\" href=\"/leads\">")
            h.text(t("filter.reset"))
            h.raw("</a></div></form>")
            let extra = insightsParameters(filter)
            if !extra.isEmpty {
                h.raw("<p class=\"hint\">")
                h.text(t("leads.insights_filter"))
                h.raw("</p>")
            }
            h.raw("<p class=\"result-count\" id=\"result-count\" data-count=\"")
            if let total { h.int(total) } else { h.raw("more") }
            h.raw("\">")
            if let total { h.text(t("leads.count", ["n": f.count(total)])) } else { h.text(t("leads.count_many", ["n": f.count(cap)])) }
            h.raw("</p>")

            if page.rows.isEmpty {
                h.raw("<p class=\"empty\">")
                h.text(t("leads.empty"))
                h.raw("</p>")
                return
            }
            h.raw("<div class=\"table-wrap\"><table class=\"leads\"><thead><tr>")
            let columns: [(String, LeadFilter.Sort?)] = [
                ("leads.col.status", nil), ("leads.col.code", nil), ("leads.col.contact", nil), ("leads.col.type", nil), ("leads.col.source", nil),
                ("leads.col.responsible", nil), ("leads.col.branch", nil), ("leads.col.deadline", .deadline), ("leads.col.created", .created),
                ("leads.col.activity", .activity),
            ]
            for (key, sort) in columns {
                h.raw("<th scope=\"col\"")
                if let sort, sort == filter.sort { h.raw(filter.ascending ? " aria-sort=\"ascending\"" : " aria-sort=\"descending\"") }
                h.raw(">")
                if let sort {
                    let ascending = sort == filter.sort ? !filter.ascending : sort == .deadline
                    h.raw("<a href=\"")
                    h.attr(link(filter, page: 1, sort: sort, ascending: ascending))
                    h.raw("\">")
                    h.text(t(key))
                    if sort == filter.sort { h.raw(filter.ascending ? " ▲" : " ▼") }
                    h.raw("</a>")
                } else {
                    h.text(t(key))
                }
                h.raw("</th>")
            }
            h.raw("<th scope=\"col\"><abbr title=\"")
            h.attr(t("leads.col.counters"))
            h.raw("\">")
            h.text(t("leads.col.counters_short"))
            h.raw("</abbr></th></tr></thead><tbody>")
            for row in page.rows {
                let countdown = row.countdown(now: c.now)
                h.raw("<tr class=\"status-")
                h.attr(row.status.colourName)
                if countdown.isOverdue { h.raw(" is-overdue") }
                h.raw("\"><td><span class=\"badge badge-")
                h.attr(row.status.colourName)
                h.raw("\">")
                h.text(t(row.status.labelKey))
                h.raw("</span></td><td><a class=\"code\" href=\"/leads/")
                h.int(row.id)
                h.raw("\">")
                h.text(row.code)
                h.raw("</a></td><td>")
                h.text(row.contactName)
                h.raw("</td><td>")
                h.text(row.type.in(lang))
                h.raw("</td><td>")
                h.text(row.source.in(lang))
                h.raw("</td><td>")
                h.text(row.responsibleName)
                h.raw("</td><td>")
                h.text(row.branchName.in(lang))
                h.raw("</td><td class=\"countdown")
                if countdown.isOverdue { h.raw(" overdue\"><span class=\"flag\" aria-hidden=\"true\">!</span> ") } else { h.raw("\">") }
                h.text(f.countdown(countdown, closed: row.status.isClosed))
                h.raw("</td><td>")
                h.time(row.createdAt, f)
                h.raw("</td><td>")
                h.time(row.lastActivityAt, f)
                h.raw("</td><td class=\"counters nowrap\">")
                h.int(row.counters.tradeIns)
                h.raw(" / ")
                h.int(row.counters.testDrives)
                h.raw(" / ")
                h.int(row.counters.quotes)
                h.raw("</td></tr>")
            }
            h.raw("</tbody></table></div><nav class=\"pager\" aria-label=\"")
            h.attr(t("leads.pagination"))
            h.raw("\">")
            if filter.page > 1 {
                h.raw("<a rel=\"prev\" href=\"")
                h.attr(link(filter, page: filter.page - 1))
                h.raw("\">← ")
                h.text(t("leads.previous"))
                h.raw("</a>")
            }
            h.raw("<span>")
            h.text(t("leads.page", ["n": String(filter.page)]))
            h.raw("</span>")
            if page.hasNextPage {
                h.raw("<a rel=\"next\" href=\"")
                h.attr(link(filter, page: filter.page + 1))
                h.raw("\">")
                h.text(t("leads.next"))
                h.raw(" →</a>")
            }
            h.raw("</nav>")
        }
    }

    // MARK: - CSV

    /// The current selection as CSV (`;`-separated, UTF-8 with BOM, as Belgian spreadsheets
    /// expect), streamed row by row. Cells that a spreadsheet would run as a formula are
    /// defused with a leading apostrophe.
    static func export(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let filter = try filter(from: c.request.query)
        let t = c.t, f = c.format
        let lang = c.language.rawValue
        let viewer = c.viewer
        let now = c.now
        let header = ["leads.col.code", "leads.col.status", "leads.col.contact", "contacts.email", "contacts.phone", "leads.col.type", "leads.col.source",
                      "leads.col.responsible", "leads.col.branch", "leads.col.deadline", "leads.col.created", "leads.col.activity",
                      "lead.count.tradeins", "lead.count.testdrives", "lead.count.quotes"].map { t($0) }
        let body: Response.Body = .stream { emit in
            emit([0xEF, 0xBB, 0xBF] + Array((CSV.line(header)).utf8))
            var buffer: [UInt8] = []
            buffer.reserveCapacity(64 * 1024)
            try db.exportLeads(filter, visibleTo: viewer, now: now) { row, email, phone in
                let cells = [row.code, t(row.status.labelKey), row.contactName, email, phone, row.type.in(lang), row.source.in(lang), row.responsibleName,
                             row.branchName.in(lang), row.nextDeadline.map(f.dateTime) ?? "", f.dateTime(row.createdAt), f.dateTime(row.lastActivityAt),
                             String(row.counters.tradeIns), String(row.counters.testDrives), String(row.counters.quotes)]
                buffer.append(contentsOf: CSV.line(cells).utf8)
                if buffer.count >= 60 * 1024 { emit(buffer); buffer.removeAll(keepingCapacity: true) }
            }
            if !buffer.isEmpty { emit(buffer) }
        }
        let day = BrusselsTime.civil(c.now)
        let name = "leads-\(day.year)-\(day.month < 10 ? "0" : "")\(day.month)-\(day.day < 10 ? "0" : "")\(day.day).csv"
        return Response(status: .ok, headers: [("Content-Type", "text/csv; charset=utf-8"), ("Content-Disposition", "attachment; filename=\"\(name)\""),
                                               ("Cache-Control", "no-store")], body: body)
    }
}

/// CSV writing that is safe to open in a spreadsheet.
enum CSV {
    static func cell(_ value: String) -> String {
        var v = value
        // A cell starting with = + - @ (or a tab / carriage return before one) is a formula to
        // Excel and LibreOffice: prefix it so it stays text (OWASP "CSV injection").
        if let first = v.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { v = "'" + v }
        return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func line(_ cells: [String]) -> String { cells.map(cell).joined(separator: ";") + "\r\n" }
}
