import Showroom
import Store
import Web

/// The Details tab: notifications, comments, the current deadline, documents, the timeline.
extension LeadPage {
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
        guard let data = try db.leadPage(id: id, visibleTo: c.viewer, kinds: kinds) else { throw HTTPError.notFound }
        return .html(frame(data.lead, tab: .details, context: c) { h in detailsTab(data, context: c, timelineFilter: filter, into: &h) })
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
            h.field(LeadFields.comment, value: commentDraft, errors: commentErrors, t: t)
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
        if !data.quotes.isEmpty {
            h.raw("<section class=\"card\" aria-labelledby=\"lead-quotes-h\"><div class=\"card-head\"><h2 id=\"lead-quotes-h\">")
            h.text(t("quotes.title"))
            h.raw("</h2><a href=\"/leads/")
            h.int(lead.id)
            h.raw("/quotes\">")
            h.text(t("quotes.all"))
            h.raw("</a></div>")
            QuotesPage.summaryTable(data.quotes, context: c, into: &h)
            h.raw("</section>")
        }
        if !data.tradeIns.isEmpty {
            elementCard("tradeins", newLink: c.may(.tradeinsManage) ? "/leads/\(lead.id)/tradeins/new" : nil, t: t, into: &h) { h in
                TradeInsPage.summaryTable(data.tradeIns, context: c, into: &h)
            }
        }
        if !data.testDrives.isEmpty {
            elementCard("testdrives", newLink: c.may(.testdrivesManage) ? "/leads/\(lead.id)/testdrives/new" : nil, t: t, into: &h) { h in
                TestDrivesPage.summaryTable(data.testDrives, context: c, into: &h)
            }
        }
        DocumentsPage.box(data, form: documentForm, context: c, into: &h)
        // The timeline depends on the lead's data and the language only: kept per revision.
        let key = FragmentCache.Key(lead: lead.id, revision: data.revision, generation: data.generation, language: c.language, part: "timeline:" + timelineFilter)
        h.append(c.fragments.fragment(key) {
            var t = HTML(capacity: 12 * 1024)
            timelineCard(data, context: c, timelineFilter: timelineFilter, into: &t)
            return t.fragment
        })
    }

    /// A card of the lead's elements (trade-ins, test drives): its title (`{kind}.title`), the
    /// link to record a new one when the user may (`{kind}.new`), and its table.
    static func elementCard(_ kind: String, newLink: String?, t: Translator, into h: inout HTML, table: (inout HTML) -> Void) {
        h.raw("<section class=\"card\" aria-labelledby=\"lead-")
        h.attr(kind)
        h.raw("-h\"><div class=\"card-head\"><h2 id=\"lead-")
        h.attr(kind)
        h.raw("-h\">")
        h.text(t(kind + ".title"))
        h.raw("</h2>")
        if let newLink {
            h.raw("<a href=\"")
            h.attr(newLink)
            h.raw("\">")
            h.text(t(kind + ".new"))
            h.raw("</a>")
        }
        h.raw("</div>")
        table(&h)
        h.raw("</section>")
    }

    static func timelineCard(_ data: LeadPageData, context c: RequestContext, timelineFilter: String, into h: inout HTML) {
        let t = c.t
        let lead = data.lead
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
        case .quote:
            let number = e.detail
            if let new = e.newValue, new.hasPrefix("revision:") {
                h.text(t("event.quote.revision", ["number": number, "n": String(new.dropFirst("revision:".count))]))
            } else if let old = e.oldValue, let new = e.newValue {
                h.text(t("event.quote.status", ["number": number, "old": t("quote.status." + old), "new": t("quote.status." + new)]))
            } else {
                h.text(t("event.quote.created", ["number": number]))
            }
        case .tradeIn:
            if e.newValue == "deleted" {
                h.text(t("event.tradein.deleted", ["car": e.detail]))
            } else if let old = e.oldValue, let new = e.newValue, old != new {
                h.text(t("event.tradein.status", ["car": e.detail, "old": t("tradein.status." + old), "new": t("tradein.status." + new)]))
            } else if e.oldValue != nil {
                h.text(t("event.tradein.edited", ["car": e.detail]))
            } else {
                h.text(t("event.tradein.created", ["car": e.detail]))
            }
        case .testDrive:
            if let old = e.oldValue, let new = e.newValue, old != new {
                h.text(t("event.testdrive.status", ["car": e.detail, "old": t("testdrive.status." + old), "new": t("testdrive.status." + new)]))
            } else if e.oldValue != nil {
                h.text(t("event.testdrive.edited", ["car": e.detail]))
            } else if !e.detail.isEmpty {
                h.text(t("event.testdrive.booked", ["car": e.detail]))
            } else {
                h.text(t("event.testdrive"))
            }
        case .mailSent:
            h.text(t("mail.event", ["subject": e.mail?.subject ?? e.detail]))
            if let mail = e.mail {
                h.raw(" ")
                MailPage.badge(mail.state, t: t, into: &h)
            }
        case .deadlineDone:
            h.text(t("event.deadline_done"))
            h.raw(" · ")
            h.text(e.newValue == "1" ? t("deadline.reached") : t("deadline.not_reached"))
        default:
            h.text(t("event." + e.kind.rawValue))
        }
        h.raw("</p>")
        if e.kind == .mailSent, let mail = e.mail {
            h.raw("<p class=\"event-detail\">")
            h.text(t("mail.event_to", ["to": mail.recipients.joined(separator: ", ")]))
            if !mail.attachments.isEmpty {
                h.raw("<br>")
                h.text(t("mail.event_attachments", ["files": mail.attachments.joined(separator: ", ")]))
            }
            if mail.state == .failed || (mail.state == .queued && !mail.lastReply.isEmpty) {
                h.raw("<br>")
                h.text(t("mail.failed_reason", ["reason": mail.lastReply]))
            }
            h.raw("</p>")
        } else if !e.detail.isEmpty && e.kind != .quote && e.kind != .tradeIn && e.kind != .testDrive && e.kind != .mailSent {
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
            case .tradeIn:
                h.raw(" · <a href=\"/tradeins/")
                h.int(subject)
                h.raw("\">")
                h.text(t("timeline.open"))
                h.raw("</a>")
            case .testDrive:
                h.raw(" · <a href=\"/testdrives/")
                h.int(subject)
                h.raw("\">")
                h.text(t("timeline.open"))
                h.raw("</a>")
            case .quote:
                h.raw(" · <a href=\"/quotes/")
                h.int(subject)
                h.raw("\">")
                h.text(t("timeline.open"))
                h.raw("</a>")
            case .mailSent:
                h.raw(" · <a href=\"/mails/")
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
}
