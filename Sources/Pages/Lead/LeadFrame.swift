import Showroom
import Store
import Web

/// `/leads/{id}` and its tabs: the header coloured by status, the action bar, the tabs.
/// Each tab has its own file in this folder (DetailsTab, FollowUpTab, ContactsTab); the frame
/// around them is here, shared by every page about one lead.
enum LeadPage {
    enum Tab { case details, followUp, contacts, quotes }

    // MARK: - Frame: header, action bar, tabs

    /// A page about one lead: its header, action bar and tabs around `content`. The header's
    /// view-model is the lead's own row (`AppDatabase.leadHeader`, one statement; the Details
    /// tab gets it with the rest of its data from `leadPage`), so a page that only needs the
    /// frame never reads the timeline.
    static func frame(_ lead: LeadDetail, tab: Tab, context c: RequestContext, content: (inout HTML) -> Void) -> [UInt8] {
        let t = c.t, f = c.format
        let lang = c.language.rawValue
        let title = lead.contact.displayName + " · " + lead.code
        return Layout.page(title: title, context: c, section: .leads) { h in
            let countdown = lead.countdown(now: c.now)
            h.raw("<section class=\"lead-head status-")
            h.attr(lead.status.colourName)
            h.raw("\" aria-labelledby=\"lead-name\"><div class=\"lead-id\"><p class=\"lead-status\">")
            h.text(t(lead.status.labelKey))
            h.raw("</p><h1 id=\"lead-name\">")
            h.text(lead.contact.displayName)
            h.raw("</h1><dl class=\"facts\"><div><dt>")
            h.text(t("lead.code"))
            h.raw("</dt><dd class=\"code\">")
            h.text(lead.code)
            h.raw("</dd></div><div><dt>")
            h.text(t("lead.responsible"))
            h.raw("</dt><dd>")
            h.text(lead.responsibleName)
            h.raw("</dd></div><div><dt>")
            h.text(t("lead.type"))
            h.raw("</dt><dd>")
            h.text(lead.type.in(lang))
            h.raw("</dd></div><div><dt>")
            h.text(t("lead.source"))
            h.raw("</dt><dd>")
            h.text(lead.source.in(lang))
            h.raw("</dd></div><div><dt>")
            h.text(t("lead.branch"))
            h.raw("</dt><dd>")
            h.text(lead.branchName.in(lang))
            h.raw("</dd></div></dl></div>")

            // White box: the countdown to the earliest open deadline.
            h.raw("<div class=\"box box-deadline")
            if countdown.isOverdue { h.raw(" overdue") }
            h.raw("\"><p class=\"box-label\">")
            h.text(t("lead.deadline_box"))
            h.raw("</p><p class=\"box-value\">")
            if countdown.isOverdue { h.raw("<span class=\"flag\" aria-hidden=\"true\">!</span> ") }
            h.text(f.countdown(countdown, closed: lead.status.isClosed))
            h.raw("</p>")
            if let d = lead.currentDeadline, !lead.status.isClosed {
                h.raw("<p class=\"box-note\">")
                h.text(t("deadline." + d.kind.rawValue))
                h.raw(" · ")
                h.text(f.dateTime(d.dueAt))
                h.raw("</p>")
            }
            h.raw("</div>")

            // Blue box: counters.
            h.raw("<div class=\"box box-counters\"><p class=\"box-label\">")
            h.text(t("lead.counters_box"))
            h.raw("</p><ul>")
            for (key, n) in [("lead.count.tradeins", lead.counters.tradeIns), ("lead.count.testdrives", lead.counters.testDrives), ("lead.count.quotes", lead.counters.quotes)] {
                h.raw("<li><strong>")
                h.int(n)
                h.raw("</strong> ")
                h.text(t(key))
                h.raw("</li>")
            }
            h.raw("</ul></div>")

            // Right: dates.
            h.raw("<dl class=\"lead-dates\"><div><dt>")
            h.text(t("lead.created"))
            h.raw("</dt><dd>")
            h.text(f.dateTime(lead.createdAt))
            h.raw("</dd></div><div><dt>")
            h.text(t("lead.last_activity"))
            h.raw("</dt><dd>")
            h.text(f.dateTime(lead.lastActivityAt))
            h.raw("</dd></div><div><dt>")
            h.text(t("lead.age"))
            h.raw("</dt><dd>")
            h.text(f.span(lead.age(now: c.now)))
            h.raw("</dd></div></dl></section>")

            actionBar(lead, context: c, into: &h)
            tabs(lead, active: tab, context: c, into: &h)
            h.raw("<div class=\"tab-panel\">")
            content(&h)
            h.raw("</div>")
        }
    }

    /// The action bar: what the user may do is a link to its form; actions that are not
    /// built yet are shown disabled, never faked; what the user may not do is not shown.
    static func actionBar(_ lead: LeadDetail, context c: RequestContext, into h: inout HTML) {
        let t = c.t
        h.raw("<div class=\"action-bar\" role=\"toolbar\" aria-label=\"")
        h.attr(t("actions.label"))
        h.raw("\">")
        if c.may(.tradeinsManage) { actionLink("/leads/\(lead.id)/tradeins/new", t("action.tradein"), into: &h) }
        if c.may(.quotesManage) { actionLink("/leads/\(lead.id)/quotes/new", t("action.quote"), into: &h) }
        if c.may(.testdrivesManage) { actionLink("/leads/\(lead.id)/testdrives/new", t("action.testdrive"), into: &h) }
        if c.may(.leadsEdit) { actionLink("/leads/\(lead.id)#f-body", t("action.comment"), into: &h) }
        if c.may(.documentsUpload) { actionLink("/leads/\(lead.id)#documents", t("action.document"), into: &h) }
        if c.may(.mailSend) { actionLink("/leads/\(lead.id)/mail", t("action.mail"), into: &h) }
        if c.may(.tasksManage) { actionLink("/leads/\(lead.id)/tasks/new", t("action.task"), into: &h) }
        if c.may(.leadsAssign) { actionLink("/leads/\(lead.id)/assign", t("action.assign"), into: &h) }
        h.raw("<span class=\"spacer\"></span>")
        let mayChange = c.may(.leadsStatus) && (!lead.status.isClosed || c.may(.leadsReopen))
        if mayChange {
            h.raw("<a class=\"button status-button status-")
            h.attr(lead.status.colourName)
            h.raw("\" href=\"/leads/")
            h.int(lead.id)
            h.raw("/status\">")
        } else {
            h.raw("<span class=\"button status-button status-")
            h.attr(lead.status.colourName)
            h.raw("\">")
        }
        h.text(t("lead.status"))
        h.raw(": ")
        h.text(t(lead.status.labelKey))
        h.raw(mayChange ? "</a></div>" : "</span></div>")
    }

    static func actionLink(_ href: String, _ label: String, into h: inout HTML) {
        h.raw("<a class=\"button action\" href=\"")
        h.attr(href)
        h.raw("\">")
        h.text(label)
        h.raw("</a>")
    }

    static func disabledAction(_ key: String, t: Translator, into h: inout HTML) {
        h.raw("<button type=\"button\" class=\"action\" disabled title=\"")
        h.attr(t("action.unavailable"))
        h.raw("\">")
        h.text(t(key))
        h.raw("</button>")
    }

    static func tabs(_ lead: LeadDetail, active: Tab, context c: RequestContext, into h: inout HTML) {
        let t = c.t
        h.raw("<nav class=\"tabs\" aria-label=\"")
        h.attr(t("tabs.label"))
        h.raw("\"><ul>")
        for (tab, suffix, key) in [(Tab.details, "", "tab.details"), (.followUp, "/follow-up", "tab.followup"), (.contacts, "/contacts", "tab.contacts"), (.quotes, "/quotes", "tab.quotes")] {
            h.raw("<li><a href=\"/leads/")
            h.int(lead.id)
            h.attr(suffix)
            h.raw("\"")
            if tab == active { h.raw(" aria-current=\"page\"") }
            h.raw(">")
            h.text(t(key))
            h.raw("</a></li>")
        }
        h.raw("</ul></nav>")
    }
}
