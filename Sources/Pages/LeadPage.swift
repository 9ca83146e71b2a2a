import Showroom
import Store
import Web

/// `/leads/{id}` and its tabs: the header coloured by status, the action bar, the tabs.
enum LeadPage {
    enum Tab { case details, followUp, contacts }

    static func details(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        guard let data = try db.leadPage(id: id, visibleTo: c.visibility) else { throw HTTPError.notFound }
        return .html(frame(data.lead, tab: .details, context: c) { h in detailsTab(data, context: c, into: &h) })
    }

    static func followUp(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        guard let lead = try db.leadHeader(id: id, visibleTo: c.visibility),
              let deadlines = try db.deadlines(leadID: id, visibleTo: c.visibility) else { throw HTTPError.notFound }
        return .html(frame(lead, tab: .followUp, context: c) { h in followUpTab(deadlines, context: c, into: &h) })
    }

    static func contacts(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        guard let lead = try db.leadHeader(id: id, visibleTo: c.visibility),
              let contacts = try db.contacts(leadID: id, visibleTo: c.visibility) else { throw HTTPError.notFound }
        return .html(frame(lead, tab: .contacts, context: c) { h in contactsTab(contacts, context: c, into: &h) })
    }

    // MARK: - Frame: header, action bar, tabs

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
            h.text(lead.branchName)
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

    /// The action bar. Actions that later issues deliver are shown disabled, never faked.
    static func actionBar(_ lead: LeadDetail, context c: RequestContext, into h: inout HTML) {
        let t = c.t
        h.raw("<div class=\"action-bar\" role=\"toolbar\" aria-label=\"")
        h.attr(t("actions.label"))
        h.raw("\">")
        for key in ["action.tradein", "action.quote", "action.testdrive", "action.comment", "action.document", "action.mail", "action.task", "action.assign"] {
            h.raw("<button type=\"button\" class=\"action\" disabled title=\"")
            h.attr(t("action.unavailable"))
            h.raw("\">")
            h.text(t(key))
            h.raw("</button>")
        }
        h.raw("<span class=\"spacer\"></span><button type=\"button\" class=\"status-button status-")
        h.attr(lead.status.colourName)
        h.raw("\" disabled title=\"")
        h.attr(t("action.unavailable"))
        h.raw("\">")
        h.text(t("lead.status"))
        h.raw(": ")
        h.text(t(lead.status.labelKey))
        h.raw("</button></div>")
    }

    static func tabs(_ lead: LeadDetail, active: Tab, context c: RequestContext, into h: inout HTML) {
        let t = c.t
        h.raw("<nav class=\"tabs\" aria-label=\"")
        h.attr(t("tabs.label"))
        h.raw("\"><ul>")
        for (tab, suffix, key) in [(Tab.details, "", "tab.details"), (.followUp, "/follow-up", "tab.followup"), (.contacts, "/contacts", "tab.contacts")] {
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

    // MARK: - Details

    static func detailsTab(_ data: LeadPageData, context c: RequestContext, into h: inout HTML) {
        let t = c.t, f = c.format
        h.raw("<div class=\"details-grid\"><section class=\"card\" aria-labelledby=\"comments-h\"><h2 id=\"comments-h\">")
        h.text(t("details.comments"))
        h.raw("</h2>")
        if data.comments.isEmpty {
            h.raw("<p class=\"muted\">")
            h.text(t("details.no_comments"))
            h.raw("</p>")
        } else {
            h.raw("<ul class=\"comments\">")
            for comment in data.comments.prefix(5) {
                h.raw("<li><p>")
                h.text(comment.body)
                h.raw("</p><p class=\"meta\">")
                h.text(comment.authorName)
                h.raw(" · <time>")
                h.text(f.dateTime(comment.at))
                h.raw("</time></p></li>")
            }
            h.raw("</ul>")
        }
        h.raw("</section><section class=\"card\" aria-labelledby=\"deadline-h\"><h2 id=\"deadline-h\">")
        h.text(t("details.deadline"))
        h.raw("</h2>")
        let countdown = data.lead.countdown(now: c.now)
        if let d = data.lead.currentDeadline, !data.lead.status.isClosed {
            h.raw("<p class=\"deadline-what\">")
            h.text(t("deadline." + d.kind.rawValue))
            h.raw("</p><p>")
            h.text(t("details.due", ["date": f.dateTime(d.dueAt)]))
            h.raw("</p><p class=\"countdown")
            if countdown.isOverdue { h.raw(" overdue") }
            h.raw("\">")
            h.text(f.countdown(countdown))
            h.raw("</p>")
        } else {
            h.raw("<p class=\"muted\">")
            h.text(f.countdown(.none, closed: data.lead.status.isClosed))
            h.raw("</p>")
        }
        h.raw("</section></div><section class=\"card timeline-card\" aria-labelledby=\"timeline-h\"><h2 id=\"timeline-h\">")
        h.text(t("details.timeline"))
        h.raw("</h2>")
        if data.timeline.isEmpty {
            h.raw("<p class=\"muted\">")
            h.text(t("details.no_events"))
            h.raw("</p>")
        } else {
            h.raw("<ol class=\"timeline\">")
            for event in data.timeline { timelineItem(event, context: c, into: &h) }
            h.raw("</ol>")
        }
        h.raw("</section>")
    }

    static func timelineItem(_ e: TimelineEntry, context c: RequestContext, into h: inout HTML) {
        let t = c.t, f = c.format
        h.raw("<li class=\"event event-")
        h.attr(e.kind.rawValue)
        h.raw("\"><time>")
        h.text(f.dateTime(e.at))
        h.raw("</time><div><p class=\"event-title\">")
        switch e.kind {
        case .statusChanged:
            let old = e.oldValue.flatMap { Int($0) }.flatMap(LeadStatus.init(rawValue:)).map { t($0.labelKey) } ?? "?"
            let new = e.newValue.flatMap { Int($0) }.flatMap(LeadStatus.init(rawValue:)).map { t($0.labelKey) } ?? "?"
            h.text(t("event.status", ["old": old, "new": new]))
        case .assigned:
            h.text(t("event.assigned", ["old": e.oldValue ?? "?", "new": e.newValue ?? "?"]))
        case .deadlineChanged:
            let old = e.oldValue.flatMap { Int64($0) }.map { f.dateTime(Instant(seconds: $0)) } ?? "?"
            let new = e.newValue.flatMap { Int64($0) }.map { f.dateTime(Instant(seconds: $0)) } ?? "?"
            h.text(t("event.deadline_changed", ["old": old, "new": new]))
        default:
            h.text(t("event." + e.kind.rawValue))
        }
        h.raw("</p>")
        if !e.detail.isEmpty {
            h.raw("<p class=\"event-detail\">")
            h.text(e.detail)
            h.raw("</p>")
        }
        if let actor = e.actorName {
            h.raw("<p class=\"meta\">")
            h.text(t("details.by", ["name": actor]))
            h.raw("</p>")
        }
        h.raw("</div></li>")
    }

    // MARK: - Follow-up

    static func followUpTab(_ deadlines: [DeadlineEntry], context c: RequestContext, into h: inout HTML) {
        let t = c.t, f = c.format
        h.raw("<section class=\"card\" aria-labelledby=\"followup-h\"><h2 id=\"followup-h\">")
        h.text(t("followup.title"))
        h.raw("</h2>")
        guard !deadlines.isEmpty else {
            h.raw("<p class=\"muted\">")
            h.text(t("followup.none"))
            h.raw("</p></section>")
            return
        }
        h.raw("<table class=\"plain\"><thead><tr>")
        for key in ["followup.col.what", "followup.col.due", "followup.col.state", "followup.col.contacted"] {
            h.raw("<th scope=\"col\">")
            h.text(t(key))
            h.raw("</th>")
        }
        h.raw("</tr></thead><tbody>")
        for d in deadlines {
            let countdown = d.doneAt == nil ? Countdown(now: c.now, due: d.dueAt) : .none
            h.raw("<tr")
            if countdown.isOverdue { h.raw(" class=\"is-overdue\"") }
            h.raw("><td>")
            h.text(t("deadline." + d.kind.rawValue))
            if !d.note.isEmpty {
                h.raw("<br><span class=\"muted\">")
                h.text(d.note)
                h.raw("</span>")
            }
            h.raw("</td><td class=\"nowrap\">")
            h.text(f.dateTime(d.dueAt))
            h.raw("</td><td")
            if countdown.isOverdue { h.raw(" class=\"overdue\"") }
            h.raw(">")
            if let done = d.doneAt {
                h.text(t("followup.done", ["date": f.dateTime(done)]))
            } else {
                h.text(f.countdown(countdown))
            }
            h.raw("</td><td>")
            h.text(d.contacted.map { $0 ? t("followup.yes") : t("followup.no") } ?? t("followup.unknown"))
            h.raw("</td></tr>")
        }
        h.raw("</tbody></table></section>")
    }

    // MARK: - Contacts

    static func contactsTab(_ contacts: [ContactCard], context c: RequestContext, into h: inout HTML) {
        let t = c.t
        h.raw("<h2 class=\"visually-hidden\">")
        h.text(t("contacts.title"))
        h.raw("</h2><div class=\"contact-grid\">")
        for contact in contacts {
            h.raw("<section class=\"card contact\"><p class=\"role\">")
            h.text(t("contacts.role." + contact.role))
            h.raw(" · ")
            h.text(t("contacts.kind." + contact.kind.rawValue))
            h.raw("</p><h3>")
            h.text(contact.displayName)
            h.raw("</h3><dl>")
            func row(_ key: String, _ value: String, into h: inout HTML) {
                guard !value.isEmpty else { return }
                h.raw("<div><dt>")
                h.text(t(key))
                h.raw("</dt><dd>")
                h.text(value)
                h.raw("</dd></div>")
            }
            row("contacts.email", contact.email, into: &h)
            row("contacts.phone", contact.phone, into: &h)
            let address = [contact.street, [contact.postalCode, contact.city].filter { !$0.isEmpty }.joined(separator: " "), contact.country]
                .filter { !$0.isEmpty }.joined(separator: ", ")
            row("contacts.address", address, into: &h)
            row("contacts.vat", contact.vatNumber, into: &h)
            row("contacts.language", Language(rawValue: contact.language)?.nativeName ?? contact.language, into: &h)
            h.raw("</dl></section>")
        }
        h.raw("</div>")
    }
}
