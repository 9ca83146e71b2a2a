import Showroom
import Store
import Web

/// `/leads`: the table of leads the user may see, filtered by status, paginated.
enum LeadsOverviewPage {
    static func handle(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        var filter = LeadFilter()
        if let raw = c.request.query["status"], !raw.isEmpty {
            guard let status = LeadStatus(slug: raw) else { throw HTTPError(.badRequest, reason: "error.malformed") }
            filter.status = status
        }
        if let raw = c.request.query["page"], !raw.isEmpty {
            guard let n = Int(raw), n >= 1, n <= 100_000 else { throw HTTPError(.badRequest, reason: "error.malformed") }
            filter.page = n
        }
        let page = try db.leads(filter, visibleTo: c.visibility)
        return .html(render(page, filter: filter, context: c))
    }

    static func link(_ filter: LeadFilter, page: Int? = nil) -> String {
        var parts: [String] = []
        if let s = filter.status { parts.append("status=" + s.slug) }
        let p = page ?? filter.page
        if p > 1 { parts.append("page=\(p)") }
        return parts.isEmpty ? "/leads" : "/leads?" + parts.joined(separator: "&")
    }

    static func render(_ page: LeadListPage, filter: LeadFilter, context c: RequestContext) -> [UInt8] {
        let t = c.t, f = c.format
        return Layout.page(title: t("leads.title"), context: c, section: .leads) { h in
            h.raw("<div class=\"page-head\"><h1>")
            h.text(t("leads.title"))
            h.raw("</h1></div><nav class=\"filters\" aria-label=\"")
            h.attr(t("leads.filter.status"))
            h.raw("\"><ul class=\"pills\">")
            for status in [nil] + LeadStatus.allCases.map(Optional.some) {
                h.raw("<li><a class=\"pill")
                if let status { h.raw(" pill-"); h.attr(status.colourName) }
                h.raw("\" href=\"")
                h.attr(link(LeadFilter(status: status)))
                h.raw("\"")
                if status == filter.status { h.raw(" aria-current=\"page\"") }
                h.raw(">")
                h.text(status.map { t($0.labelKey) } ?? t("status.all"))
                h.raw("</a></li>")
            }
            h.raw("</ul></nav>")
            if page.rows.isEmpty {
                h.raw("<p class=\"empty\">")
                h.text(t("leads.empty"))
                h.raw("</p>")
                return
            }
            h.raw("<div class=\"table-wrap\"><table class=\"leads\"><thead><tr>")
            for key in ["leads.col.status", "leads.col.code", "leads.col.contact", "leads.col.type", "leads.col.source", "leads.col.responsible",
                        "leads.col.branch", "leads.col.deadline", "leads.col.created", "leads.col.activity"] {
                h.raw("<th scope=\"col\">")
                h.text(t(key))
                h.raw("</th>")
            }
            h.raw("<th scope=\"col\"><abbr title=\"")
            h.attr(t("leads.col.counters"))
            h.raw("\">O/T/O</abbr></th></tr></thead><tbody>")
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
                h.text(row.type.in(c.language.rawValue))
                h.raw("</td><td>")
                h.text(row.source.in(c.language.rawValue))
                h.raw("</td><td>")
                h.text(row.responsibleName)
                h.raw("</td><td>")
                h.text(row.branchName)
                h.raw("</td><td class=\"countdown")
                if countdown.isOverdue { h.raw(" overdue\"><span class=\"flag\" aria-hidden=\"true\">!</span> ") } else { h.raw("\">") }
                h.text(f.countdown(countdown, closed: row.status.isClosed))
                h.raw("</td><td class=\"nowrap\">")
                h.text(f.dateTime(row.createdAt))
                h.raw("</td><td class=\"nowrap\">")
                h.text(f.dateTime(row.lastActivityAt))
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
}
