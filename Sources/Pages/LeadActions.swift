import Showroom
import Store
import Web

/// The actions on a lead that are small forms: comments, status, assignment, deadlines,
/// notifications. Each checks its permission at the door (routes) and the lead's scope in
/// the store; each lands on the timeline.
enum LeadActions {
    // MARK: - Comments

    static func addComment(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        let body = LeadFields.comment.text(c.form)
        if let problem = LeadRules.checkComment(body) {
            // Shown again on the lead page, with what was typed and the error beside it.
            guard let data = try db.leadPage(id: id, visibleTo: c.viewer) else { throw HTTPError.notFound }
            var errors = FieldErrors()
            errors.add(LeadFields.comment.name, problem)
            return .html(LeadPage.frame(data.lead, tab: .details, context: c) { h in
                LeadPage.detailsTab(data, context: c, commentDraft: body, commentErrors: errors, into: &h)
            }, status: .unprocessable)
        }
        _ = try db.addComment(leadID: id, body: body, by: c.viewer, now: c.now)
        return .redirect(to: "/leads/\(id)#comments-h")
    }

    static func editComment(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        guard let comment = try db.comment(id: try c.parameters.id("id"), visibleTo: c.viewer) else { throw HTTPError.notFound }
        guard comment.authorID == c.user?.id else { throw HTTPError.forbidden }
        return .html(commentForm(c, comment: comment, draft: comment.body, errors: FieldErrors(), conflict: nil))
    }

    static func commentForm(_ c: RequestContext, comment: AppDatabase.CommentRecord, draft: String, errors: FieldErrors, conflict: String?) -> [UInt8] {
        let t = c.t
        return Layout.page(title: t("comment.edit"), context: c, section: .leads) { h in
            h.raw("<p class=\"crumbs\"><a href=\"/leads/")
            h.int(comment.leadID)
            h.raw("\">← ")
            h.text(t("lead.back"))
            h.raw("</a></p><h1>")
            h.text(t("comment.edit"))
            h.raw("</h1>")
            if let conflict {
                h.raw("<div class=\"alert\" role=\"alert\"><p>")
                h.text(t("conflict.comment"))
                h.raw("</p><blockquote>")
                h.text(conflict)
                h.raw("</blockquote></div>")
            }
            h.raw("<form method=\"post\" action=\"/comments/")
            h.int(comment.id)
            h.raw("\" class=\"card\">")
            h.csrf(c.user?.csrfToken ?? "")
            h.field(FormField.version, value: String(comment.version), errors: errors, t: t)
            h.field(LeadFields.editedComment, value: draft, errors: errors, t: t)
            h.raw("<div class=\"form-actions\"><button type=\"submit\" class=\"primary\">")
            h.text(t("form.save"))
            h.raw("</button></div></form><form method=\"post\" action=\"/comments/")
            h.int(comment.id)
            h.raw("/delete\" class=\"card\">")
            h.csrf(c.user?.csrfToken ?? "")
            h.raw("<button type=\"submit\" class=\"danger\">")
            h.text(t("comment.delete"))
            h.raw("</button></form>")
        }
    }

    static func updateComment(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let user = try c.signedIn
        guard let comment = try db.comment(id: try c.parameters.id("id"), visibleTo: c.viewer) else { throw HTTPError.notFound }
        guard comment.authorID == user.id else { throw HTTPError.forbidden }
        let body = LeadFields.editedComment.text(c.form)
        let version = FormField.version.value(c.form) ?? -1
        if let problem = LeadRules.checkComment(body) {
            var errors = FieldErrors()
            errors.add(LeadFields.editedComment.name, problem)
            return .html(commentForm(c, comment: comment, draft: body, errors: errors, conflict: nil), status: .unprocessable)
        }
        do {
            try db.updateComment(id: comment.id, body: body, version: version, by: c.viewer, now: c.now)
        } catch StoreError.conflict {
            // Someone changed it meanwhile: show their text, keep ours in the form.
            return .html(commentForm(c, comment: comment, draft: body, errors: FieldErrors(), conflict: comment.body), status: .conflict)
        }
        return .redirect(to: "/leads/\(comment.leadID)#comments-h")
    }

    static func deleteComment(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let leadID = try db.deleteComment(id: try c.parameters.id("id"), by: c.viewer, now: c.now)
        return .redirect(to: "/leads/\(leadID)")
    }

    // MARK: - Status

    static func statusForm(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        guard let lead = try db.leadHeader(id: try c.parameters.id("id"), visibleTo: c.viewer) else { throw HTTPError.notFound }
        return .html(renderStatus(c, lead, reasons: try db.lookup(.lostReasons, activeOnly: true), chosen: lead.status, reason: lead.lostReasonID,
                                  version: lead.version, loadedAt: c.now, errors: FieldErrors(), changes: nil))
    }

    /// The status form in the lead's frame; `reasons` are the active lost reasons to choose from.
    static func renderStatus(_ c: RequestContext, _ lead: LeadDetail, reasons: [LookupItem], chosen: LeadStatus, reason: Int64?, version: Int64, loadedAt: Instant,
                             errors: FieldErrors, changes: [TimelineEntry]?) -> [UInt8] {
        let t = c.t
        let rights = c.user?.rights ?? .none
        return LeadPage.frame(lead, tab: .details, context: c) { h in
            h.raw("<section class=\"card\" aria-labelledby=\"status-h\"><h2 id=\"status-h\">")
            h.text(t("status.change"))
            h.raw("</h2>")
            conflictNotice(changes, context: c, into: &h)
            h.raw("<form method=\"post\" action=\"/leads/")
            h.int(lead.id)
            h.raw("/status\">")
            h.csrf(c.user?.csrfToken ?? "")
            h.field(FormField.version, value: String(version), errors: errors, t: t)
            h.field(FormField.loadedAt, value: String(loadedAt.seconds), errors: errors, t: t)
            h.raw("<fieldset class=\"field status-choice\"><legend>")
            h.text(LeadFields.status.labelText(t) ?? "")
            h.raw("</legend>")
            for s in LeadStatus.allCases {
                let allowed = s == lead.status || LeadRules.checkStatusChange(from: lead.status, to: s, lostReason: 1, rights: rights) == nil
                h.raw("<label class=\"badge badge-")
                h.attr(s.colourName)
                h.raw("\"><input type=\"radio\" name=\"")
                h.attr(LeadFields.status.name)
                h.raw("\" value=\"")
                h.attr(s.slug)
                h.raw("\"")
                if s == chosen { h.raw(" checked") }
                if !allowed { h.raw(" disabled") }
                h.raw("> ")
                h.text(t(s.labelKey))
                h.raw("</label>")
            }
            h.fieldError(LeadFields.status.name, errors[LeadFields.status.name], t: t)
            h.raw("</fieldset>")
            h.select(LeadFields.lostReason, options: [("", "—")] + reasons.map { (String($0.id), $0.name.in(c.language.rawValue)) },
                     selected: reason.map(String.init) ?? "", errors: errors, t: t)
            h.raw("<div class=\"form-actions\"><button type=\"submit\" class=\"primary\">")
            h.text(t("form.save"))
            h.raw("</button><a class=\"button\" href=\"/leads/")
            h.int(lead.id)
            h.raw("\">")
            h.text(t("form.cancel"))
            h.raw("</a></div></form></section>")
        }
    }

    /// "Someone else changed this lead meanwhile": the events since the form was loaded.
    static func conflictNotice(_ changes: [TimelineEntry]?, context c: RequestContext, into h: inout HTML) {
        guard let changes else { return }
        h.raw("<div class=\"alert\" role=\"alert\"><p>")
        h.text(c.t("conflict.lead"))
        h.raw("</p>")
        if !changes.isEmpty {
            h.raw("<ol class=\"timeline\">")
            for e in changes { LeadPage.timelineItem(e, leadID: 0, context: c, into: &h) }
            h.raw("</ol>")
        }
        h.raw("</div>")
    }

    static func changes(since loadedAt: Instant, leadID: Int64, _ c: RequestContext, _ db: AppDatabase) throws -> [TimelineEntry] {
        (try db.leadPage(id: leadID, visibleTo: c.viewer, timelineLimit: 50)?.timeline ?? []).filter { $0.at >= loadedAt }
    }

    static func setStatus(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let user = try c.signedIn
        let id = try c.parameters.id("id")
        guard let lead = try db.leadHeader(id: id, visibleTo: c.viewer) else { throw HTTPError.notFound }
        guard let status = LeadFields.status.value(c.form) else { throw HTTPError(.badRequest, reason: .malformed) }
        let reason = LeadFields.lostReason.value(c.form)
        let version = FormField.version.value(c.form) ?? -1
        let loadedAt = Instant(seconds: FormField.loadedAt.value(c.form) ?? c.now.seconds)
        var errors = FieldErrors()
        switch LeadRules.checkStatusChange(from: lead.status, to: status, lostReason: reason, rights: user.rights) {
        case .forbidden?: throw HTTPError.forbidden
        case .reasonRequired?: errors.add(LeadFields.lostReason.name, "status.reason_required")
        case .unchanged?: return .redirect(to: "/leads/\(id)")
        case nil: break
        }
        if errors.isEmpty {
            do {
                try db.setStatus(leadID: id, to: status, lostReason: status == .lost ? reason : nil, version: version, by: c.viewer, now: c.now)
                return .redirect(to: "/leads/\(id)")
            } catch StoreError.conflict {
                return .html(renderStatus(c, lead, reasons: try db.lookup(.lostReasons, activeOnly: true), chosen: status, reason: reason, version: lead.version,
                                          loadedAt: c.now, errors: errors, changes: try changes(since: loadedAt, leadID: id, c, db)), status: .conflict)
            } catch StoreError.invalid(let key) {
                errors.add(LeadFields.lostReason.name, key)
            }
        }
        return .html(renderStatus(c, lead, reasons: try db.lookup(.lostReasons, activeOnly: true), chosen: status, reason: reason, version: version,
                                  loadedAt: loadedAt, errors: errors, changes: nil), status: .unprocessable)
    }

    // MARK: - Assign

    /// What the assign form offers: the active branches and everyone a lead can be assigned to.
    struct AssignOptions {
        var branches: [BranchRecord]
        var assignees: [Assignee]

        init(_ db: AppDatabase) throws {
            branches = try db.branches().filter(\.active)
            assignees = try db.assignees(branch: nil)
        }
    }

    static func assignForm(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        guard let lead = try db.leadHeader(id: try c.parameters.id("id"), visibleTo: c.viewer) else { throw HTTPError.notFound }
        return .html(renderAssign(c, lead, options: try AssignOptions(db), responsible: lead.responsibleID, branch: lead.branchID, version: lead.version,
                                  loadedAt: c.now, errors: FieldErrors(), changes: nil))
    }

    static func renderAssign(_ c: RequestContext, _ lead: LeadDetail, options: AssignOptions, responsible: Int64?, branch: Int64?, version: Int64, loadedAt: Instant,
                             errors: FieldErrors, changes: [TimelineEntry]?) -> [UInt8] {
        let t = c.t
        let branches = options.branches, assignees = options.assignees
        let lang = c.language.rawValue
        let names = Dictionary(uniqueKeysWithValues: branches.map { ($0.id, $0.name(in: lang)) })
        return LeadPage.frame(lead, tab: .details, context: c) { h in
            h.raw("<section class=\"card\" aria-labelledby=\"assign-h\"><h2 id=\"assign-h\">")
            h.text(t("assign.title"))
            h.raw("</h2>")
            conflictNotice(changes, context: c, into: &h)
            h.raw("<form method=\"post\" action=\"/leads/")
            h.int(lead.id)
            h.raw("/assign\" class=\"grid-form\">")
            h.csrf(c.user?.csrfToken ?? "")
            h.field(FormField.version, value: String(version), errors: errors, t: t)
            h.field(FormField.loadedAt, value: String(loadedAt.seconds), errors: errors, t: t)
            h.select(LeadFields.branch, options: branches.map { (String($0.id), $0.name(in: lang)) }, selected: branch.map(String.init), errors: errors, t: t)
            h.select(LeadFields.responsible,
                     options: assignees.map { (String($0.id), $0.name + " (" + $0.branches.compactMap { names[$0] }.joined(separator: ", ") + ")") },
                     selected: responsible.map(String.init), errors: errors, t: t)
            h.raw("<div class=\"form-actions\"><button type=\"submit\" class=\"primary\">")
            h.text(t("action.assign"))
            h.raw("</button><a class=\"button\" href=\"/leads/")
            h.int(lead.id)
            h.raw("\">")
            h.text(t("form.cancel"))
            h.raw("</a></div></form></section>")
        }
    }

    static func assign(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        _ = try c.signedIn
        let id = try c.parameters.id("id")
        guard let lead = try db.leadHeader(id: id, visibleTo: c.viewer) else { throw HTTPError.notFound }
        let responsible = LeadFields.responsible.value(c.form)
        let branch = LeadFields.branch.value(c.form)
        let version = FormField.version.value(c.form) ?? -1
        let loadedAt = Instant(seconds: FormField.loadedAt.value(c.form) ?? c.now.seconds)
        var errors = FieldErrors()
        if responsible == nil { errors.add(LeadFields.responsible.name, "form.invalid_choice") }
        if branch == nil { errors.add(LeadFields.branch.name, "form.invalid_choice") }
        if let responsible, let branch, errors.isEmpty {
            do {
                try db.assign(leadID: id, to: responsible, branch: branch, version: version, by: c.viewer, now: c.now)
                // The lead may now be outside the user's own scope.
                return .redirect(to: try db.leadVersion(id: id, visibleTo: c.viewer) == nil ? "/leads" : "/leads/\(id)")
            } catch StoreError.conflict {
                return .html(renderAssign(c, lead, options: try AssignOptions(db), responsible: responsible, branch: branch, version: lead.version, loadedAt: c.now,
                                          errors: errors, changes: try changes(since: loadedAt, leadID: id, c, db)), status: .conflict)
            } catch StoreError.invalid(let key) {
                errors.add(key == .invalidChoice ? LeadFields.branch.name : LeadFields.responsible.name, key)
            }
        }
        return .html(renderAssign(c, lead, options: try AssignOptions(db), responsible: responsible, branch: branch, version: version, loadedAt: loadedAt,
                                  errors: errors, changes: nil), status: .unprocessable)
    }

    // MARK: - Deadlines

    static func addDeadline(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        let due = LeadFields.due.value(c.form)
        let kind = LeadFields.kind.value(c.form) ?? .followUp
        var errors = FieldErrors()
        let note = LeadFields.note.readText(c.form, errors: &errors)
        if let problem = LeadRules.checkDeadline(due: due, now: c.now) { errors.add(LeadFields.due.name, problem) }
        if errors.isEmpty, let due {
            do {
                try db.addDeadline(leadID: id, kind: kind, due: due, note: note, by: c.viewer, now: c.now)
                return .redirect(to: "/leads/\(id)/follow-up")
            } catch StoreError.invalid(let key) {
                errors.add(LeadFields.due.name, key)
            }
        }
        return LeadPage.followUpPage(c, try LeadPage.FollowUp(db, leadID: id, context: c), draft: (LeadFields.due.text(c.form), note, kind), errors: errors, status: .unprocessable)
    }

    static func moveDeadline(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let deadlineID = try c.parameters.id("id")
        let dueField = LeadFields.newDue(deadlineID), reasonField = LeadFields.moveReason(deadlineID)
        let leadID = LeadFields.lead.value(c.form) ?? 0
        let due = dueField.value(c.form)
        let reason = reasonField.text(c.form)
        let version = FormField.version.value(c.form) ?? -1
        // What was typed is shown again whatever the refusal; a too-long reason is cut to the field's limit.
        var typed = LeadPage.MoveDraft(deadlineID: deadlineID, due: String(dueField.text(c.form).prefix(dueField.maxLength)),
                                       reason: String(reason.prefix(reasonField.maxLength)))
        var errors = FieldErrors()
        if let problem = LeadRules.checkDeadline(due: due, now: c.now) { errors.add(dueField.name, problem) }
        if let problem = LeadRules.checkMoveReason(reason) { errors.add(reasonField.name, problem) }
        if errors.isEmpty, let due {
            do {
                let lead = try db.moveDeadline(id: deadlineID, to: due, reason: reason, version: version, by: c.viewer, now: c.now)
                return .redirect(to: "/leads/\(lead)/follow-up")
            } catch StoreError.conflict {
                errors.add(dueField.name, "conflict.deadline")
                typed.changes = try deadlineChanges(deadlineID, leadID: leadID, c, db)
                return LeadPage.followUpPage(c, try LeadPage.FollowUp(db, leadID: leadID, context: c), draft: nil, move: typed, errors: errors, status: .conflict)
            } catch StoreError.invalid(let key) {
                errors.add(dueField.name, key)
            }
        }
        return LeadPage.followUpPage(c, try LeadPage.FollowUp(db, leadID: leadID, context: c), draft: nil, move: typed, errors: errors, status: .unprocessable)
    }

    /// What happened to one deadline since its form was loaded (`loaded_at`; its whole story
    /// when the form did not say).
    static func deadlineChanges(_ deadlineID: Int64, leadID: Int64, _ c: RequestContext, _ db: AppDatabase) throws -> [TimelineEntry] {
        let loadedAt = Instant(seconds: FormField.loadedAt.value(c.form) ?? 0)
        let kinds: [TimelineKind] = [.deadlineAdded, .deadlineChanged, .deadlineDone]
        return (try db.leadPage(id: leadID, visibleTo: c.viewer, timelineLimit: 50, kinds: kinds)?.timeline ?? [])
            .filter { $0.subjectID == deadlineID && $0.at >= loadedAt }
    }

    static func completeDeadline(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let deadlineID = try c.parameters.id("id")
        let leadID = LeadFields.lead.value(c.form) ?? 0
        guard let contacted = LeadFields.contacted.value(c.form) else {
            var errors = FieldErrors()
            errors.add("contacted-\(deadlineID)", "deadline.contacted_required")
            return LeadPage.followUpPage(c, try LeadPage.FollowUp(db, leadID: leadID, context: c), draft: nil, errors: errors, status: .unprocessable)
        }
        let version = FormField.version.value(c.form) ?? -1
        do {
            let lead = try db.completeDeadline(id: deadlineID, contacted: contacted, version: version, by: c.viewer, now: c.now)
            return .redirect(to: "/leads/\(lead)/follow-up")
        } catch StoreError.conflict {
            var errors = FieldErrors()
            errors.add("contacted-\(deadlineID)", "conflict.deadline")
            let changes = LeadPage.MoveDraft(deadlineID: deadlineID, due: "", reason: "", changes: try deadlineChanges(deadlineID, leadID: leadID, c, db))
            return LeadPage.followUpPage(c, try LeadPage.FollowUp(db, leadID: leadID, context: c), draft: nil, move: changes, errors: errors, status: .conflict)
        }
    }

    // MARK: - Notifications

    static func markSeen(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        _ = try c.signedIn
        let lead = try db.markNotificationSeen(id: try c.parameters.id("id"), visibleTo: c.viewer, now: c.now)
        if LeadFields.back.value(c.form) == "notifications" { return .redirect(to: "/notifications") }
        return .redirect(to: lead.map { "/leads/\($0)" } ?? "/notifications")
    }
}

extension HTML {
    mutating func textarea(_ name: String, label: String, value: String, error: String?, t: Translator, rows: Int = 4, maxLength: Int = 10_000) {
        raw("<div class=\"field")
        if error != nil { raw(" has-error") }
        raw("\"><label for=\"f-")
        attr(name)
        raw("\">")
        text(label)
        raw("</label><textarea id=\"f-")
        attr(name)
        raw("\" name=\"")
        attr(name)
        raw("\" rows=\"")
        int(rows)
        raw("\" maxlength=\"")
        int(maxLength)
        raw("\"")
        if error != nil {
            raw(" aria-invalid=\"true\" aria-describedby=\"e-")
            attr(name)
            raw("\"")
        }
        raw(">")
        text(value)
        raw("</textarea>")
        fieldError(name, error, t: t)
        raw("</div>")
    }
}
