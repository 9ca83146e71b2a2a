import Showroom
import Store
import Web

/// `/leads/{id}` and its tabs: the header coloured by status, the action bar, the tabs.
enum LeadPage {
    enum Tab { case details, followUp, contacts }

    /// The timeline's filter groups: what a user picks, and the event kinds each covers.
    static let timelineFilters: [(String, [TimelineKind])] = [
        ("comments", [.comment, .commentEdited, .commentDeleted]),
        ("status", [.statusChanged, .assigned, .created]),
        ("deadlines", [.deadlineAdded, .deadlineChanged, .deadlineDone]),
        ("tasks", [.taskAdded, .taskChanged, .taskDone]),
        ("elements", [.tradeIn, .quote, .testDrive]),
        ("documents", [.documentAdded, .documentRenamed, .documentDeleted, .mailSent]),
        ("contacts", [.contactChanged, .contactLinked]),
    ]

    static func details(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        let filter = c.request.query["kind"] ?? ""
        let kinds = timelineFilters.first { $0.0 == filter }?.1 ?? []
        guard let data = try db.leadPage(id: id, visibleTo: c.visibility, kinds: kinds) else { throw HTTPError.notFound }
        return .html(frame(data.lead, tab: .details, context: c) { h in detailsTab(data, context: c, timelineFilter: filter, into: &h) })
    }

    static func followUp(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        try followUpPage(c, db, leadID: try c.parameters.id("id"), draft: nil, errors: FieldErrors(), status: .ok)
    }

    /// What was typed into one deadline's move form, shown again after a refusal; after a
    /// conflict also what others changed on that deadline since the form was loaded.
    struct MoveDraft {
        var deadlineID: Int64
        var due: String
        var reason: String
        var changes: [TimelineEntry]? = nil
    }

    /// The follow-up tab, optionally with a new-deadline draft, a move draft and errors to show again.
    static func followUpPage(_ c: RequestContext, _ db: AppDatabase, leadID: Int64, draft: (String, String, DeadlineKind)?, move: MoveDraft? = nil,
                             errors: FieldErrors, status: HTTPStatus) throws -> Response {
        guard let lead = try db.leadHeader(id: leadID, visibleTo: c.visibility),
              let deadlines = try db.deadlines(leadID: leadID, visibleTo: c.visibility) else { throw HTTPError.notFound }
        return .html(frame(lead, tab: .followUp, context: c) { h in
            followUpTab(lead, deadlines, draft: draft, move: move, errors: errors, context: c, into: &h)
        }, status: status)
    }

    static func contacts(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        try contactsPage(c, db, leadID: try c.parameters.id("id"), draft: nil, errors: FieldErrors(), status: .ok)
    }

    static func contactsPage(_ c: RequestContext, _ db: AppDatabase, leadID: Int64, draft: ContactInput?, errors: FieldErrors, status: HTTPStatus) throws -> Response {
        guard let lead = try db.leadHeader(id: leadID, visibleTo: c.visibility),
              let contacts = try db.contacts(leadID: leadID, visibleTo: c.visibility) else { throw HTTPError.notFound }
        let query = c.request.query["q"]?.trimmingWhitespace() ?? ""
        let matches = query.isEmpty ? [] : try db.searchContacts(query, visibleTo: c.visibility)
        return .html(frame(lead, tab: .contacts, context: c) { h in
            contactsTab(contacts, leadID: leadID, context: c, into: &h)
            if c.may(.contactsEdit) { linkForm(leadID: leadID, query: query, matches: matches, draft: draft ?? ContactInput(), errors: errors, context: c, into: &h) }
        }, status: status)
    }

    static func linkForm(leadID: Int64, query: String, matches: [ContactMatch], draft: ContactInput, errors: FieldErrors, context c: RequestContext, into h: inout HTML) {
        let t = c.t
        let csrf = c.user?.csrfToken ?? ""
        h.raw("<section class=\"card\" aria-labelledby=\"link-h\"><h2 id=\"link-h\">")
        h.text(t("contacts.link"))
        h.raw("</h2>")
        if let e = errors["link"] {
            h.raw("<p class=\"alert\" role=\"alert\">")
            h.text(t(e))
            h.raw("</p>")
        }
        h.raw("<form method=\"get\" action=\"/leads/")
        h.int(leadID)
        h.raw("/contacts\" class=\"inline-form\" role=\"search\">")
        h.field("q", label: t("newlead.search_label"), value: query, error: nil, t: t, type: "search", maxLength: 100)
        h.raw("<button type=\"submit\">")
        h.text(t("newlead.search_button"))
        h.raw("</button></form>")
        if !matches.isEmpty {
            h.raw("<ul class=\"matches\">")
            for m in matches {
                h.raw("<li><span><strong>")
                h.text(m.name)
                h.raw("</strong> <span class=\"muted\">")
                h.text([m.email, m.phone, m.city].filter { !$0.isEmpty }.joined(separator: " · "))
                h.raw("</span></span><form method=\"post\" action=\"/leads/")
                h.int(leadID)
                h.raw("/contacts\" class=\"inline\">")
                h.csrf(csrf)
                h.hidden("contact_id", String(m.id))
                h.select("role", label: nil, options: ContactsPage.roles.map { ($0, t("contacts.role." + $0)) }, selected: "co-buyer", t: t, id: "role-\(m.id)")
                h.raw("<label class=\"visually-hidden\" for=\"role-")
                h.int(m.id)
                h.raw("\">")
                h.text(t("contacts.role"))
                h.raw("</label><button type=\"submit\" class=\"small\">")
                h.text(t("newlead.choose"))
                h.raw("</button></form></li>")
            }
            h.raw("</ul>")
        }
        h.raw("<details")
        if !errors.isEmpty && errors["link"] == nil { h.raw(" open") }
        h.raw("><summary>")
        h.text(t("contacts.link_new"))
        h.raw("</summary><form method=\"post\" action=\"/leads/")
        h.int(leadID)
        h.raw("/contacts\"><div class=\"grid-form\">")
        h.csrf(csrf)
        h.select("role", label: t("contacts.role"), options: ContactsPage.roles.map { ($0, t("contacts.role." + $0)) }, selected: "co-buyer", t: t)
        ContactForm.fields(draft, errors: errors, t: t, prefix: "new_", into: &h)
        h.raw("</div><div class=\"form-actions\"><button type=\"submit\" class=\"primary\">")
        h.text(t("contacts.link"))
        h.raw("</button></div></form></details></section>")
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
        for key in ["action.tradein", "action.quote", "action.testdrive"] {
            disabledAction(key, t: t, into: &h)
        }
        if c.may(.leadsEdit) { actionLink("/leads/\(lead.id)#f-body", t("action.comment"), into: &h) }
        if c.may(.documentsUpload) { actionLink("/leads/\(lead.id)#documents", t("action.document"), into: &h) }
        disabledAction("action.mail", t: t, into: &h)
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

    static func detailsTab(_ data: LeadPageData, context c: RequestContext, timelineFilter: String = "", commentDraft: String = "",
                           commentErrors: FieldErrors = FieldErrors(), documentForm: DocumentUploadForm = DocumentUploadForm(), into h: inout HTML) {
        let t = c.t, f = c.format
        let lead = data.lead
        if !data.notifications.isEmpty {
            h.raw("<ul class=\"notifications\" aria-label=\"")
            h.attr(t("notifications.title"))
            h.raw("\">")
            for n in data.notifications {
                h.raw("<li class=\"notice\"><span>")
                h.text(t("notification." + n.kind, ["detail": n.detail, "actor": n.actorName ?? ""]))
                h.raw(" · ")
                h.time(n.at, f)
                h.raw("</span><form method=\"post\" action=\"/notifications/")
                h.int(n.id)
                h.raw("/seen\" class=\"inline\">")
                h.csrf(c.user?.csrfToken ?? "")
                h.raw("<button type=\"submit\" class=\"small\">")
                h.text(t("notifications.seen"))
                h.raw("</button></form></li>")
            }
            h.raw("</ul>")
        }
        if lead.status == .lost, let reason = data.lostReason {
            h.raw("<p class=\"alert\">")
            h.text(t("status.lost_because", ["reason": reason.in(c.language.rawValue)]))
            h.raw("</p>")
        }
        h.raw("<div class=\"details-grid\"><section class=\"card\" aria-labelledby=\"comments-h\"><h2 id=\"comments-h\">")
        h.text(t("details.comments"))
        h.raw("</h2>")
        if c.may(.leadsEdit) {
            h.raw("<form method=\"post\" action=\"/leads/")
            h.int(lead.id)
            h.raw("/comments\" class=\"comment-form\">")
            h.csrf(c.user?.csrfToken ?? "")
            h.textarea("body", label: t("comment.new"), value: commentDraft, error: commentErrors["body"], t: t, rows: 3, maxLength: LeadRules.commentMaxLength)
            h.raw("<button type=\"submit\" class=\"primary\">")
            h.text(t("comment.add"))
            h.raw("</button></form>")
        }
        if data.comments.isEmpty {
            h.raw("<p class=\"muted\">")
            h.text(t("details.no_comments"))
            h.raw("</p>")
        } else {
            h.raw("<ul class=\"comments\">")
            for comment in data.comments.prefix(5) {
                h.raw("<li><p class=\"comment-body\">")
                h.text(comment.body)
                h.raw("</p><p class=\"meta\">")
                h.text(comment.authorName)
                h.raw(" · ")
                h.time(comment.at, f)
                if let edited = comment.editedAt {
                    h.raw(" · <span class=\"edited\">")
                    h.text(t("comment.edited", ["date": f.dateTime(edited)]))
                    h.raw("</span>")
                }
                if comment.authorID != nil && comment.authorID == c.user?.id {
                    h.raw(" · <a href=\"/comments/")
                    h.int(comment.id)
                    h.raw("/edit\">")
                    h.text(t("comment.edit"))
                    h.raw("</a>")
                }
                h.raw("</p></li>")
            }
            h.raw("</ul>")
        }
        h.raw("</section><section class=\"card\" aria-labelledby=\"deadline-h\"><h2 id=\"deadline-h\">")
        h.text(t("details.deadline"))
        h.raw("</h2>")
        let countdown = lead.countdown(now: c.now)
        if let d = lead.currentDeadline, !lead.status.isClosed {
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
            h.text(f.countdown(.none, closed: lead.status.isClosed))
            h.raw("</p>")
        }
        h.raw("<p><a href=\"/leads/")
        h.int(lead.id)
        h.raw("/follow-up\">")
        h.text(t("details.manage_deadlines"))
        h.raw("</a></p></section></div>")
        DocumentsPage.box(data, form: documentForm, context: c, into: &h)
        h.raw("<section class=\"card timeline-card\" aria-labelledby=\"timeline-h\"><div class=\"card-head\"><h2 id=\"timeline-h\">")
        h.text(t("details.timeline"))
        h.raw("</h2><form method=\"get\" action=\"/leads/")
        h.int(lead.id)
        h.raw("\" class=\"inline\">")
        h.select("kind", label: nil, options: [("", t("timeline.filter.all"))] + timelineFilters.map { ($0.0, t("timeline.filter." + $0.0)) },
                 selected: timelineFilter, t: t, id: "timeline-kind")
        h.raw("<label class=\"visually-hidden\" for=\"timeline-kind\">")
        h.text(t("timeline.filter"))
        h.raw("</label><button type=\"submit\" class=\"small\">")
        h.text(t("timeline.filter"))
        h.raw("</button></form></div>")
        if data.timeline.isEmpty {
            h.raw("<p class=\"muted\">")
            h.text(t("details.no_events"))
            h.raw("</p>")
        } else {
            h.raw("<ol class=\"timeline\">")
            for event in data.timeline { timelineItem(event, leadID: lead.id, context: c, into: &h) }
            h.raw("</ol>")
        }
        h.raw("</section>")
    }

    static func timelineItem(_ e: TimelineEntry, leadID: Int64, context c: RequestContext, into h: inout HTML) {
        let t = c.t, f = c.format
        h.raw("<li class=\"event event-")
        h.attr(e.kind.rawValue)
        h.raw("\">")
        h.time(e.at, f)
        h.raw("<div><p class=\"event-title\">")
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
        case .deadlineDone:
            h.text(t("event.deadline_done"))
            h.raw(" · ")
            h.text(e.newValue == "1" ? t("deadline.reached") : t("deadline.not_reached"))
        default:
            h.text(t("event." + e.kind.rawValue))
        }
        h.raw("</p>")
        if !e.detail.isEmpty {
            h.raw("<p class=\"event-detail\">")
            if e.kind == .contactChanged {
                // Stored as "field: old → new" lines; the field names are words for people.
                let lines = e.detail.split(separator: "\n").map { line -> String in
                    guard let colon = line.firstIndex(of: ":") else { return String(line) }
                    let field = String(line.prefix(upTo: colon))
                    let label = Catalog.entries["field." + field] != nil ? t("field." + field) : field
                    return label + String(line.suffix(from: colon))
                }
                h.text(lines.joined(separator: "\n"))
            } else {
                h.text(e.localizedDetail?.in(c.language.rawValue) ?? e.detail)
            }
            h.raw("</p>")
        }
        h.raw("<p class=\"meta\">")
        if let actor = e.actorName { h.text(t("details.by", ["name": actor])) }
        if leadID > 0, let subject = e.subjectID {
            switch e.kind {
            case .taskAdded, .taskChanged, .taskDone:
                h.raw(" · <a href=\"/tasks/")
                h.int(subject)
                h.raw("\">")
                h.text(t("timeline.open"))
                h.raw("</a>")
            case .deadlineAdded, .deadlineChanged, .deadlineDone:
                h.raw(" · <a href=\"/leads/")
                h.int(leadID)
                h.raw("/follow-up\">")
                h.text(t("timeline.open"))
                h.raw("</a>")
            case .contactChanged, .contactLinked:
                h.raw(" · <a href=\"/contacts/")
                h.int(subject)
                h.raw("\">")
                h.text(t("timeline.open"))
                h.raw("</a>")
            case .documentAdded, .documentRenamed:
                h.raw(" · <a href=\"/documents/")
                h.int(subject)
                h.raw("\" download>")
                h.text(t("documents.download"))
                h.raw("</a>")
            default: break
            }
        }
        h.raw("</p></div></li>")
    }

    // MARK: - Follow-up

    static func followUpTab(_ lead: LeadDetail, _ deadlines: [DeadlineEntry], draft: (String, String, DeadlineKind)?, move: MoveDraft? = nil, errors: FieldErrors,
                            context c: RequestContext, into h: inout HTML) {
        let t = c.t, f = c.format
        let editable = c.may(.leadsEdit) && !lead.status.isClosed
        let csrf = c.user?.csrfToken ?? ""
        h.raw("<section class=\"card\" aria-labelledby=\"followup-h\"><h2 id=\"followup-h\">")
        h.text(t("followup.title"))
        h.raw("</h2>")
        if deadlines.isEmpty {
            h.raw("<p class=\"muted\">")
            h.text(t("followup.none"))
            h.raw("</p>")
        }
        h.raw("<ul class=\"deadlines\">")
        for d in deadlines {
            // A closed lead's clock has stopped: no countdown, nothing overdue.
            let countdown = d.doneAt == nil && !lead.status.isClosed ? Countdown(now: c.now, due: d.dueAt) : .none
            h.raw("<li class=\"deadline")
            if countdown.isOverdue { h.raw(" is-overdue") }
            if d.doneAt != nil { h.raw(" is-done") }
            h.raw("\"><div class=\"deadline-head\"><strong>")
            h.text(t("deadline." + d.kind.rawValue))
            h.raw("</strong> <span class=\"nowrap\">")
            h.text(f.dateTime(d.dueAt))
            h.raw("</span> <span class=\"")
            h.raw(countdown.isOverdue ? "overdue" : "muted")
            h.raw("\">")
            if let done = d.doneAt {
                h.text(t("followup.done", ["date": f.dateTime(done)]))
                h.raw(" · ")
                h.text(t("followup.col.contacted"))
                h.raw(": ")
                h.text(d.contacted.map { $0 ? t("followup.yes") : t("followup.no") } ?? t("followup.unknown"))
            } else {
                h.text(f.countdown(countdown, closed: lead.status.isClosed))
            }
            h.raw("</span>")
            if !d.note.isEmpty {
                h.raw("<p class=\"muted\">")
                h.text(d.note)
                h.raw("</p>")
            }
            h.raw("</div>")
            let typed = move?.deadlineID == d.id ? move : nil
            if let changes = typed?.changes {
                // Someone changed this deadline since the form was loaded: what they did, beside what was typed.
                h.raw("<div class=\"alert\" role=\"alert\"><p>")
                h.text(t("conflict.deadline_changes"))
                h.raw("</p>")
                if !changes.isEmpty {
                    h.raw("<ol class=\"timeline\">")
                    for e in changes { timelineItem(e, leadID: 0, context: c, into: &h) }
                    h.raw("</ol>")
                }
                if let typed, !typed.due.isEmpty || !typed.reason.isEmpty {
                    h.raw("<p>")
                    h.text(t("conflict.yours") + ": " + (BrusselsTime.parseHTMLLocal(typed.due).map(f.dateTime) ?? typed.due)
                           + (typed.reason.isEmpty ? "" : " · " + typed.reason))
                    h.raw("</p>")
                }
                h.raw("</div>")
            }
            if editable && d.doneAt == nil {
                h.raw("<div class=\"deadline-forms\"><form method=\"post\" action=\"/deadlines/")
                h.int(d.id)
                h.raw("/done\" class=\"inline-form\">")
                h.csrf(csrf)
                h.hidden("version", String(d.version))
                h.hidden("lead", String(lead.id))
                h.hidden("loaded_at", String(c.now.seconds))
                h.raw("<fieldset class=\"field checks")
                if errors["contacted-\(d.id)"] != nil { h.raw(" has-error") }
                h.raw("\"><legend>")
                h.text(t("deadline.was_contacted"))
                h.raw("</legend><label><input type=\"radio\" name=\"contacted\" value=\"1\"> ")
                h.text(t("followup.yes"))
                h.raw("</label><label><input type=\"radio\" name=\"contacted\" value=\"0\"> ")
                h.text(t("followup.no"))
                h.raw("</label>")
                h.fieldError("contacted-\(d.id)", errors["contacted-\(d.id)"], t: t)
                h.raw("</fieldset><button type=\"submit\">")
                h.text(t("deadline.complete"))
                h.raw("</button></form><form method=\"post\" action=\"/deadlines/")
                h.int(d.id)
                h.raw("/move\" class=\"inline-form\">")
                h.csrf(csrf)
                h.hidden("version", String(d.version))
                h.hidden("lead", String(lead.id))
                h.hidden("loaded_at", String(c.now.seconds))
                h.field("due-\(d.id)", label: t("deadline.new_due"), value: typed?.due ?? BrusselsTime.civil(d.dueAt).htmlLocal, error: errors["due-\(d.id)"], t: t, type: "datetime-local", required: true, maxLength: 19)
                h.field("reason-\(d.id)", label: t("deadline.reason"), value: typed?.reason ?? "", error: errors["reason-\(d.id)"], t: t, required: true, maxLength: LeadRules.noteMaxLength)
                h.raw("<button type=\"submit\">")
                h.text(t("deadline.move"))
                h.raw("</button></form></div>")
            }
            h.raw("</li>")
        }
        h.raw("</ul></section>")
        guard editable else {
            // The add form is not shown for a closed lead; a refused attempt still says why.
            if let problem = errors["due"] {
                h.raw("<p class=\"alert\" role=\"alert\">")
                h.text(t(problem))
                h.raw("</p>")
            }
            return
        }
        let (dueDraft, noteDraft, kindDraft) = draft ?? (BrusselsTime.civil(c.now.adding(seconds: 86_400)).htmlLocal, "", .followUp)
        h.raw("<section class=\"card\" aria-labelledby=\"new-deadline-h\"><h2 id=\"new-deadline-h\">")
        h.text(t("deadline.add"))
        h.raw("</h2><form method=\"post\" action=\"/leads/")
        h.int(lead.id)
        h.raw("/deadlines\" class=\"inline-form\">")
        h.csrf(csrf)
        h.select("kind", label: t("followup.col.what"), options: DeadlineKind.allCases.map { ($0.rawValue, t("deadline." + $0.rawValue)) }, selected: kindDraft.rawValue, t: t)
        h.field("due", label: t("followup.col.due"), value: dueDraft, error: errors["due"], t: t, type: "datetime-local", required: true, maxLength: 19)
        h.field("note", label: t("deadline.note"), value: noteDraft, error: errors["note"], t: t, maxLength: LeadRules.noteMaxLength)
        h.raw("<button type=\"submit\" class=\"primary\">")
        h.text(t("deadline.add"))
        h.raw("</button></form></section>")
    }

    // MARK: - Contacts

    static func contactsTab(_ contacts: [ContactCard], leadID: Int64, context c: RequestContext, into h: inout HTML) {
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
            h.raw("</dl><p><a class=\"button small\" href=\"/contacts/")
            h.int(contact.id)
            h.raw("?lead=")
            h.int(leadID)
            h.raw("\">")
            h.text(c.may(.contactsEdit) ? t("contacts.edit") : t("contacts.open"))
            h.raw("</a></p></section>")
        }
        h.raw("</div>")
    }
}
