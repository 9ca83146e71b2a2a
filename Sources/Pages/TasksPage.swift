import Showroom
import Store
import Web

/// `/tasks` (the task overview), `/tasks/{id}` (a task's own page) and the new-task form.
enum TasksPage {
    struct Input {
        var assignee: Int64?
        var start = ""
        var duration = "30"
        var description = ""
    }

    static let start = FormField<Instant>("starts_at", label: .key("task.start"), control: .input(type: "datetime-local", autocomplete: "off"),
                                          required: true, maxLength: 19, convert: BrusselsTime.parseHTMLLocal)
    static let duration = FormField<Int>.choice("duration", .key("task.duration")) { Int($0) }
    static let assignee = FormField<Int64>.choice("assignee", .key("task.assignee"))
    static let description = FormField.textarea("description", .key("task.description"), rows: 3, maxLength: LeadRules.taskDescriptionMaxLength)

    /// The task form: the typed values, with the domain's rules (`LeadRules.checkTask`) as
    /// the errors beside the fields.
    static func parse(_ form: FormFields, now: Instant) -> (Input, Instant?, Int?, FieldErrors) {
        var input = Input()
        input.assignee = assignee.value(form)
        input.start = Self.start.text(form)
        input.duration = Self.duration.text(form)
        input.description = description.text(form)
        let start = Self.start.value(form)
        let duration = Self.duration.value(form)
        var errors = FieldErrors()
        for (field, key) in LeadRules.checkTask(start: start, durationMinutes: duration, description: input.description, now: now).sorted(by: { $0.key < $1.key }) {
            errors.add(field, key)
        }
        if input.assignee == nil { errors.add(assignee.name, "form.invalid_choice") }
        return (input, start, duration, errors)
    }

    // MARK: - Overview

    /// Rows per page of the task overview, as on the leads overview.
    static let pageSize = LeadFilter.pageSize

    static func overview(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let user = try c.signedIn
        let mayTeam = (user.rights.scope(of: .leadsView) ?? .own) != .own
        let who = c.request.query["who"] == "team" && mayTeam ? "team" : "mine"
        let what = ["tasks", "deadlines"].contains(c.request.query["what"] ?? "") ? c.request.query["what"]! : "all"
        let period = ["today", "week"].contains(c.request.query["period"] ?? "") ? c.request.query["period"]! : "all"
        var before: Instant? = nil
        if period != "all" {
            let today = BrusselsTime.civil(c.now)
            let midnight = BrusselsTime.instant(from: CivilTime(year: today.year, month: today.month, day: today.day))
            before = midnight.adding(seconds: period == "today" ? 86_400 : 7 * 86_400)
        }
        var page = 1
        if let raw = c.request.query["page"], !raw.isEmpty {
            guard let n = Int(raw), n >= 1, n <= 100_000 else { throw HTTPError(.badRequest, reason: "error.malformed") }
            page = n
        }
        let agenda = try db.agenda(for: c.viewer, mineOnly: who == "mine", includeTasks: what != "deadlines",
                                   includeDeadlines: what != "tasks", dueBefore: before, now: c.now, page: page, pageSize: pageSize)
        let items = agenda.items
        // Planned test drives are appointments too: the first page lists the coming ones.
        let drives = page == 1 && what != "deadlines"
            ? try db.plannedTestDrives(for: c.viewer, mineOnly: who == "mine", from: c.now, before: before, limit: 20) : []
        // The pager's links keep the filters, like the leads overview's.
        func link(_ n: Int) -> String {
            var parts: [String] = []
            if who != "mine" { parts.append("who=" + who) }
            if what != "all" { parts.append("what=" + what) }
            if period != "all" { parts.append("period=" + period) }
            if n > 1 { parts.append("page=" + String(n)) }
            return parts.isEmpty ? "/tasks" : "/tasks?" + parts.joined(separator: "&")
        }
        let t = c.t, f = c.format
        return .html(Layout.page(title: t("tasks.title"), context: c, section: .tasks) { h in
            h.raw("<h1>")
            h.text(t("tasks.title"))
            h.raw("</h1><form method=\"get\" action=\"/tasks\" class=\"card filter-bar\">")
            var whoOptions = [("mine", t("tasks.who.mine"))]
            if mayTeam { whoOptions.append(("team", t("tasks.who.team"))) }
            h.select("who", label: t("tasks.who"), options: whoOptions, selected: who, t: t)
            h.select("what", label: t("tasks.what"), options: [("all", t("tasks.what.all")), ("tasks", t("tasks.what.tasks")), ("deadlines", t("tasks.what.deadlines"))], selected: what, t: t)
            h.select("period", label: t("tasks.period"), options: [("all", t("tasks.period.all")), ("today", t("tasks.period.today")), ("week", t("tasks.period.week"))], selected: period, t: t)
            h.raw("<button type=\"submit\">")
            h.text(t("filter.apply"))
            h.raw("</button></form>")
            if !drives.isEmpty {
                h.raw("<section class=\"card\" aria-labelledby=\"planned-drives-h\"><h2 id=\"planned-drives-h\">")
                h.text(t("testdrives.planned"))
                h.raw("</h2><ul class=\"plain\">")
                for d in drives {
                    h.raw("<li><a href=\"/testdrives/")
                    h.int(d.id)
                    h.raw("\">")
                    h.text(f.dateTime(d.startsAt) + "–" + BrusselsTime.civil(d.endsAt).belgianTime)
                    h.raw("</a> · ")
                    h.text(d.vehicleTitle)
                    if let leadID = d.leadID, let code = d.leadCode {
                        h.raw(" · <a class=\"code\" href=\"/leads/")
                        h.int(leadID)
                        h.raw("\">")
                        h.text(code)
                        h.raw("</a> ")
                        h.text(d.driverName ?? "")
                    }
                    h.raw("</li>")
                }
                h.raw("</ul></section>")
            }
            if items.isEmpty && page == 1 {
                h.raw("<p class=\"empty\">")
                h.text(t("tasks.empty"))
                h.raw("</p>")
                return
            }
            h.raw("<div class=\"table-wrap\"><table class=\"agenda\"><thead><tr>")
            for key in ["tasks.col.due", "tasks.col.kind", "tasks.col.what", "tasks.col.lead", "tasks.col.owner", "tasks.col.action"] {
                h.raw("<th scope=\"col\">")
                h.text(t(key))
                h.raw("</th>")
            }
            h.raw("</tr></thead><tbody>")
            for item in items {
                let overdue = item.isOverdue(now: c.now)
                h.raw("<tr")
                if overdue { h.raw(" class=\"is-overdue\"") }
                h.raw("><td class=\"nowrap")
                if overdue { h.raw(" overdue\"><span class=\"flag\" aria-hidden=\"true\">!</span> ") } else { h.raw("\">") }
                h.text(f.dateTime(item.due))
                if overdue {
                    h.raw("<br><span class=\"muted\">")
                    h.text(f.countdown(Countdown(now: c.now, due: item.due)))
                    h.raw("</span>")
                }
                h.raw("</td><td>")
                h.text(t("tasks.kind." + item.kind.rawValue))
                h.raw("</td><td>")
                switch item.kind {
                case .task:
                    h.raw("<a href=\"/tasks/")
                    h.int(item.id)
                    h.raw("\">")
                    h.text(item.title)
                    h.raw("</a>")
                case .deadline:
                    // A deadline has no page of its own: it opens its lead.
                    h.raw("<a href=\"/leads/")
                    h.int(item.leadID)
                    h.raw("/follow-up\">")
                    h.text(t("deadline." + (item.deadlineKind ?? .other).rawValue))
                    h.raw("</a>")
                    if !item.title.isEmpty { h.raw("<br><span class=\"muted\">"); h.text(item.title); h.raw("</span>") }
                }
                h.raw("</td><td><a class=\"code\" href=\"/leads/")
                h.int(item.leadID)
                h.raw("\">")
                h.text(item.leadCode)
                h.raw("</a><br>")
                h.text(item.contactName)
                h.raw("</td><td>")
                h.text(item.ownerName)
                h.raw("</td><td>")
                if item.kind == .task && c.may(.tasksManage) {
                    h.raw("<form method=\"post\" action=\"/tasks/")
                    h.int(item.id)
                    h.raw("/done\" class=\"inline\">")
                    h.csrf(user.csrfToken)
                    h.hidden(FormField.version.name, String(item.version))
                    h.hidden(LeadFields.back.name, "tasks")
                    h.raw("<button type=\"submit\" class=\"small\">")
                    h.text(t("task.done"))
                    h.raw("</button></form>")
                }
                h.raw("</td></tr>")
            }
            h.raw("</tbody></table></div><nav class=\"pager\" aria-label=\"")
            h.attr(t("leads.pagination"))
            h.raw("\">")
            if page > 1 {
                h.raw("<a rel=\"prev\" href=\"")
                h.attr(link(page - 1))
                h.raw("\">← ")
                h.text(t("leads.previous"))
                h.raw("</a>")
            }
            h.raw("<span>")
            h.text(t("leads.page", ["n": String(page)]))
            h.raw("</span>")
            if agenda.hasNextPage {
                h.raw("<a rel=\"next\" href=\"")
                h.attr(link(page + 1))
                h.raw("\">")
                h.text(t("leads.next"))
                h.raw(" →</a>")
            }
            h.raw("</nav>")
        })
    }

    // MARK: - New task

    static func newForm(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let leadID = try c.parameters.id("id")
        guard let lead = try db.leadHeader(id: leadID, visibleTo: c.viewer) else { throw HTTPError.notFound }
        var input = Input()
        input.assignee = try c.signedIn.id
        input.start = BrusselsTime.civil(c.now.adding(seconds: 3600 - c.now.seconds % 3600)).htmlLocal
        return .html(renderNew(c, lead, assignees: try newTaskAssignees(db, lead), input: input, errors: FieldErrors()))
    }

    /// Who a new task on this lead can be given to: only people who can open the lead (the
    /// store refuses anyone else).
    static func newTaskAssignees(_ db: AppDatabase, _ lead: LeadDetail) throws -> [Assignee] {
        try db.taskAssignees(leadID: lead.id)
    }

    static func renderNew(_ c: RequestContext, _ lead: LeadDetail, assignees: [Assignee], input: Input, errors: FieldErrors) -> [UInt8] {
        let t = c.t
        return LeadPage.frame(lead, tab: .details, context: c) { h in
            h.raw("<section class=\"card\" aria-labelledby=\"task-h\"><h2 id=\"task-h\">")
            h.text(t("task.new"))
            h.raw("</h2><form method=\"post\" action=\"/leads/")
            h.int(lead.id)
            h.raw("/tasks\" class=\"grid-form\">")
            h.csrf(c.user?.csrfToken ?? "")
            taskFields(input, errors: errors, assignees: assignees, t: t, into: &h)
            h.raw("<div class=\"form-actions\"><button type=\"submit\" class=\"primary\">")
            h.text(t("task.create"))
            h.raw("</button><a class=\"button\" href=\"/leads/")
            h.int(lead.id)
            h.raw("\">")
            h.text(t("form.cancel"))
            h.raw("</a></div></form></section>")
        }
    }

    static func taskFields(_ input: Input, errors: FieldErrors, assignees: [Assignee], t: Translator, into h: inout HTML) {
        h.field(start, value: input.start, errors: errors, t: t)
        h.select(duration, options: LeadRules.taskDurations.map { (String($0), "\($0) \(t("unit.minute"))") },
                 selected: input.duration, errors: errors, t: t)
        h.select(assignee, options: assignees.map { (String($0.id), $0.name) }, selected: input.assignee.map(String.init),
                 errors: errors, t: t)
        h.raw("<div class=\"wide\">")
        h.field(description, value: input.description, errors: errors, t: t)
        h.raw("</div>")
    }

    static func create(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let leadID = try c.parameters.id("id")
        guard let lead = try db.leadHeader(id: leadID, visibleTo: c.viewer) else { throw HTTPError.notFound }
        var (input, start, duration, errors) = parse(c.form, now: c.now)
        if errors.isEmpty, let start, let duration, let assignee = input.assignee {
            do {
                let id = try db.createTask(leadID: leadID, assignee: assignee, startsAt: start, durationMinutes: duration, description: input.description,
                                           by: c.viewer, now: c.now)
                return .redirect(to: "/tasks/\(id)")
            } catch StoreError.invalid(let key) {
                errors.add(Self.assignee.name, key)
            }
        }
        input.description = String(input.description.prefix(Self.description.maxLength))
        return .html(renderNew(c, lead, assignees: try newTaskAssignees(db, lead), input: input, errors: errors), status: .unprocessable)
    }

    // MARK: - A task's page

    static func show(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        _ = try c.signedIn
        guard let task = try db.task(id: try c.parameters.id("id"), visibleTo: c.viewer) else { throw HTTPError.notFound }
        let input = Input(assignee: task.assigneeID, start: BrusselsTime.civil(task.startsAt).htmlLocal, duration: String(task.durationMinutes), description: task.description)
        return .html(render(c, task, assignees: try taskAssignees(db, task), input: input, version: task.version, errors: FieldErrors(), conflict: nil))
    }

    /// Who an existing task can be given to: people who can open the lead, and whoever has
    /// the task now (so saving keeps them).
    static func taskAssignees(_ db: AppDatabase, _ task: TaskEntry) throws -> [Assignee] {
        var assignees = try db.taskAssignees(leadID: task.leadID)
        if !assignees.contains(where: { $0.id == task.assigneeID }) { assignees.append(Assignee(id: task.assigneeID, name: task.assigneeName, branches: [])) }
        return assignees
    }

    static func render(_ c: RequestContext, _ task: TaskEntry, assignees: [Assignee], input: Input, version: Int64, errors: FieldErrors, conflict: TaskEntry?) -> [UInt8] {
        let t = c.t, f = c.format
        let csrf = c.user?.csrfToken ?? ""
        return Layout.page(title: t("task.title"), context: c, section: .tasks) { h in
            h.raw("<p class=\"crumbs\"><a href=\"/tasks\">")
            h.text(t("tasks.title"))
            h.raw("</a> · <a href=\"/leads/")
            h.int(task.leadID)
            h.raw("\">")
            h.text(task.leadCode + " · " + task.contactName)
            h.raw("</a></p><h1>")
            h.text(t("task.title"))
            h.raw("</h1>")
            if let conflict {
                h.raw("<div class=\"alert\" role=\"alert\"><p>")
                h.text(t("conflict.task"))
                h.raw("</p><p>")
                h.text(f.dateTime(conflict.startsAt) + " · \(conflict.durationMinutes) \(t("unit.minute")) · " + conflict.assigneeName)
                h.raw("</p><blockquote>")
                h.text(conflict.description)
                h.raw("</blockquote></div>")
            }
            h.raw("<section class=\"card\"><dl class=\"task-facts\"><div><dt>")
            h.text(t("task.start"))
            h.raw("</dt><dd>")
            h.text(f.dateTime(task.startsAt))
            h.raw("</dd></div><div><dt>")
            h.text(t("task.duration"))
            h.raw("</dt><dd>")
            h.int(task.durationMinutes)
            h.raw(" ")
            h.text(t("unit.minute"))
            h.raw("</dd></div><div><dt>")
            h.text(t("task.assignee"))
            h.raw("</dt><dd>")
            h.text(task.assigneeName)
            h.raw("</dd></div><div><dt>")
            h.text(t("followup.col.state"))
            h.raw("</dt><dd>")
            if let done = task.doneAt {
                h.text(t("task.done_on", ["date": f.dateTime(done), "name": task.doneByName ?? ""]))
            } else if task.startsAt <= c.now {
                h.raw("<span class=\"overdue\">")
                h.text(f.countdown(Countdown(now: c.now, due: task.startsAt)))
                h.raw("</span>")
            } else {
                h.text(t("followup.open"))
            }
            h.raw("</dd></div></dl><p class=\"task-description\">")
            h.text(task.description)
            h.raw("</p>")
            if task.doneAt == nil && c.may(.tasksManage) {
                h.raw("<form method=\"post\" action=\"/tasks/")
                h.int(task.id)
                h.raw("/done\">")
                h.csrf(csrf)
                h.hidden(FormField.version.name, String(task.version))
                h.raw("<button type=\"submit\" class=\"primary\">")
                h.text(t("task.done"))
                h.raw("</button></form>")
            }
            h.raw("</section>")
            guard task.doneAt == nil && c.may(.tasksManage) else { return }
            h.raw("<section class=\"card\"><h2>")
            h.text(t("task.edit"))
            h.raw("</h2><form method=\"post\" action=\"/tasks/")
            h.int(task.id)
            h.raw("\" class=\"grid-form\">")
            h.csrf(csrf)
            h.hidden(FormField.version.name, String(version))
            taskFields(input, errors: errors, assignees: assignees, t: t, into: &h)
            h.raw("<div class=\"form-actions\"><button type=\"submit\">")
            h.text(t("form.save"))
            h.raw("</button></div></form></section>")
        }
    }

    static func update(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        _ = try c.signedIn
        guard let task = try db.task(id: try c.parameters.id("id"), visibleTo: c.viewer) else { throw HTTPError.notFound }
        var (input, start, duration, errors) = parse(c.form, now: c.now)
        let version = FormField.version.value(c.form) ?? -1
        if errors.isEmpty, let start, let duration, let assignee = input.assignee {
            do {
                try db.updateTask(id: task.id, assignee: assignee, startsAt: start, durationMinutes: duration, description: input.description, version: version,
                                  by: c.viewer, now: c.now)
                return .redirect(to: "/tasks/\(task.id)")
            } catch StoreError.conflict {
                return .html(render(c, task, assignees: try taskAssignees(db, task), input: input, version: task.version, errors: errors, conflict: task), status: .conflict)
            } catch StoreError.invalid(let key) {
                errors.add(Self.assignee.name, key)
            }
        }
        input.description = String(input.description.prefix(Self.description.maxLength))
        return .html(render(c, task, assignees: try taskAssignees(db, task), input: input, version: version, errors: errors, conflict: nil), status: .unprocessable)
    }

    static func complete(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        _ = try c.signedIn
        let id = try c.parameters.id("id")
        let version = FormField.version.value(c.form) ?? -1
        do {
            _ = try db.completeTask(id: id, version: version, by: c.viewer, now: c.now)
        } catch StoreError.conflict {
            guard let task = try db.task(id: id, visibleTo: c.viewer) else { throw HTTPError.notFound }
            let input = Input(assignee: task.assigneeID, start: BrusselsTime.civil(task.startsAt).htmlLocal, duration: String(task.durationMinutes), description: task.description)
            return .html(render(c, task, assignees: try taskAssignees(db, task), input: input, version: task.version, errors: FieldErrors(), conflict: task), status: .conflict)
        }
        return .redirect(to: LeadFields.back.value(c.form) == "tasks" ? "/tasks" : "/tasks/\(id)")
    }
}
