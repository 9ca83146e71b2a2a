import Showroom
import Store
import Web

/// The Follow-up tab: every deadline of the lead, to complete or move, and a new one.
extension LeadPage {
    /// What the Follow-up tab shows: the lead's header and every deadline of the lead.
    struct FollowUp {
        var lead: LeadDetail
        var deadlines: [DeadlineEntry]

        /// Loads it; a lead that does not exist or is not visible is a 404.
        init(_ db: AppDatabase, leadID: Int64, context c: RequestContext) throws {
            guard let lead = try db.leadHeader(id: leadID, visibleTo: c.viewer),
                  let deadlines = try db.deadlines(leadID: leadID, visibleTo: c.viewer) else { throw HTTPError.notFound }
            self.lead = lead
            self.deadlines = deadlines
        }
    }

    static func followUp(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        followUpPage(c, try FollowUp(db, leadID: try c.parameters.id("id"), context: c), draft: nil, errors: FieldErrors(), status: .ok)
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
    static func followUpPage(_ c: RequestContext, _ data: FollowUp, draft: (String, String, DeadlineKind)?, move: MoveDraft? = nil,
                             errors: FieldErrors, status: HTTPStatus) -> Response {
        .html(frame(data.lead, tab: .followUp, context: c) { h in
            followUpTab(data.lead, data.deadlines, draft: draft, move: move, errors: errors, context: c, into: &h)
        }, status: status)
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
                h.hidden(FormField.version.name, String(d.version))
                h.hidden(LeadFields.lead.name, String(lead.id))
                h.hidden(FormField.loadedAt.name, String(c.now.seconds))
                h.raw("<fieldset class=\"field checks")
                if errors["contacted-\(d.id)"] != nil { h.raw(" has-error") }
                h.raw("\"><legend>")
                h.text(LeadFields.contacted.labelText(t) ?? "")
                h.raw("</legend><label><input type=\"radio\" name=\"")
                h.attr(LeadFields.contacted.name)
                h.raw("\" value=\"1\"> ")
                h.text(t("followup.yes"))
                h.raw("</label><label><input type=\"radio\" name=\"")
                h.attr(LeadFields.contacted.name)
                h.raw("\" value=\"0\"> ")
                h.text(t("followup.no"))
                h.raw("</label>")
                h.fieldError("contacted-\(d.id)", errors["contacted-\(d.id)"], t: t)
                h.raw("</fieldset><button type=\"submit\">")
                h.text(t("deadline.complete"))
                h.raw("</button></form><form method=\"post\" action=\"/deadlines/")
                h.int(d.id)
                h.raw("/move\" class=\"inline-form\">")
                h.csrf(csrf)
                h.hidden(FormField.version.name, String(d.version))
                h.hidden(LeadFields.lead.name, String(lead.id))
                h.hidden(FormField.loadedAt.name, String(c.now.seconds))
                h.field(LeadFields.newDue(d.id), value: typed?.due ?? BrusselsTime.civil(d.dueAt).htmlLocal, errors: errors, t: t)
                h.field(LeadFields.moveReason(d.id), value: typed?.reason ?? "", errors: errors, t: t)
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
        h.select(LeadFields.kind, options: DeadlineKind.allCases.map { ($0.rawValue, t("deadline." + $0.rawValue)) }, selected: kindDraft.rawValue, errors: FieldErrors(), t: t)
        h.field(LeadFields.due, value: dueDraft, errors: errors, t: t)
        h.field(LeadFields.note, value: noteDraft, errors: errors, t: t)
        h.raw("<button type=\"submit\" class=\"primary\">")
        h.text(t("deadline.add"))
        h.raw("</button></form></section>")
    }
}
