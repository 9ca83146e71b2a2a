import Showroom
import Store
import Web

/// `/settings` (`settings.manage`): the opportunity deadline period and the lists of lead
/// types, lead sources and lost reasons. Items are renamed or deactivated, never deleted, so
/// no lead loses its label.
enum SettingsPage {
    static let lists: [(AppDatabase.LookupList, String)] = [(.types, "settings.types"), (.sources, "settings.sources"), (.lostReasons, "settings.lost_reasons")]

    static func show(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        .html(render(c, lists: try items(db), hours: String(try db.deadlineHours()), errors: FieldErrors(), saved: c.request.query["done"] == "saved"))
    }

    /// Each list with its title key and its items (inactive ones too).
    static func items(_ db: AppDatabase) throws -> [(AppDatabase.LookupList, String, [LookupItem])] {
        try lists.map { ($0.0, $0.1, try db.lookup($0.0)) }
    }

    static func render(_ c: RequestContext, lists: [(AppDatabase.LookupList, String, [LookupItem])], hours: String, errors: FieldErrors, saved: Bool) -> [UInt8] {
        let t = c.t
        let csrf = c.user?.csrfToken ?? ""
        return Layout.page(title: t("settings.title"), context: c, section: .settings) { h in
            h.raw("<h1>")
            h.text(t("settings.title"))
            h.raw("</h1>")
            if saved {
                h.raw("<p class=\"notice\" role=\"status\">")
                h.text(t("admin.done.saved"))
                h.raw("</p>")
            }
            h.raw("<p><a class=\"button\" href=\"/settings/company\">")
            h.text(t("company.title"))
            h.raw("</a> <a class=\"button\" href=\"/settings/mail\">")
            h.text(t("mail.settings"))
            h.raw("</a></p><section class=\"card\"><h2>")
            h.text(t("settings.deadline"))
            h.raw("</h2><form method=\"post\" action=\"/settings/deadline\" class=\"inline-form\">")
            h.csrf(csrf)
            h.field(Self.hours, value: hours, errors: errors, t: t)
            h.raw("<button type=\"submit\">")
            h.text(t("form.save"))
            h.raw("</button></form></section>")
            for (list, key, items) in lists {
                h.raw("<section class=\"card\"><h2>")
                h.text(t(key))
                h.raw("</h2><div class=\"lookup-list\">")
                for item in items {
                    h.raw("<form method=\"post\" action=\"/settings/")
                    h.attr(list.rawValue)
                    h.raw("/")
                    h.int(item.id)
                    h.raw("\" class=\"inline-form lookup-item")
                    if !item.active { h.raw(" inactive") }
                    h.raw("\">")
                    h.csrf(csrf)
                    nameFields(prefix: "\(list.rawValue)-\(item.id)", name: item.name, errors: errors, t: t, into: &h)
                    h.select(active, options: [("1", t("admin.user.active")), ("0", t("settings.inactive"))],
                             selected: item.active ? "1" : "0", errors: FieldErrors(), t: t, id: "active-\(list.rawValue)-\(item.id)")
                    h.raw("<button type=\"submit\" class=\"small\">")
                    h.text(t("form.save"))
                    h.raw("</button></form>")
                }
                h.raw("</div><form method=\"post\" action=\"/settings/")
                h.attr(list.rawValue)
                h.raw("\" class=\"inline-form new-item\">")
                h.csrf(csrf)
                nameFields(prefix: "\(list.rawValue)-new", name: LocalizedName(nl: "", fr: "", en: ""), errors: errors, t: t, into: &h)
                h.raw("<button type=\"submit\">")
                h.text(t("settings.add"))
                h.raw("</button></form></section>")
            }
        }
    }

    static let hours = FormField<Int>("hours", label: .key("settings.deadline_hours"), control: .input(type: "number", autocomplete: "off"),
                                      required: true, maxLength: 4, invalid: "settings.hours_range") { Int($0).flatMap { (1...720).contains($0) ? $0 : nil } }
    /// A list item's name in each language, under `prefix` (`types-new-nl`, `sources-12-fr`).
    static let nameNL = FormField.text("-nl", .verbatim("Nederlands"), required: true, maxLength: 100)
    static let nameFR = FormField.text("-fr", .verbatim("Français"), maxLength: 100)
    static let nameEN = FormField.text("-en", .verbatim("English"), maxLength: 100)
    static let active = FormField<Bool>.choice("active", .key("admin.user.state")) { $0 != "0" }

    static func nameFields(prefix: String, name: LocalizedName, errors: FieldErrors, t: Translator, into h: inout HTML) {
        for (field, value) in [(nameNL, name.nl), (nameFR, name.fr), (nameEN, name.en)] {
            h.field(field, value: value, errors: errors, t: t, prefix: prefix)
        }
    }

    static func parseName(_ form: FormFields, prefix: String, errors: inout FieldErrors) -> LocalizedName {
        LocalizedName(nl: nameNL.readText(form, prefix: prefix, errors: &errors), fr: nameFR.readText(form, prefix: prefix, errors: &errors),
                      en: nameEN.readText(form, prefix: prefix, errors: &errors))
    }

    static func list(_ c: RequestContext) throws -> AppDatabase.LookupList {
        guard let list = AppDatabase.LookupList(rawValue: c.parameters["list"] ?? "") else { throw HTTPError.notFound }
        return list
    }

    static func saveDeadline(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let raw = self.hours.text(c.form)
        guard let hours = self.hours.value(c.form) else {
            // Blank, too long or out of range: one sentence says what is accepted.
            var errors = FieldErrors()
            errors.add(self.hours.name, "settings.hours_range")
            return .html(render(c, lists: try items(db), hours: raw, errors: errors, saved: false), status: .unprocessable)
        }
        try db.setDeadlineHours(hours, actor: try c.signedIn.id, now: c.now)
        return .redirect(to: "/settings?done=saved")
    }

    static func addItem(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let list = try list(c)
        var errors = FieldErrors()
        let name = parseName(c.form, prefix: "\(list.rawValue)-new", errors: &errors)
        guard errors.isEmpty else { return .html(render(c, lists: try items(db), hours: String(try db.deadlineHours()), errors: errors, saved: false), status: .unprocessable) }
        try db.addLookupItem(list, name: name, actor: try c.signedIn.id, now: c.now)
        return .redirect(to: "/settings?done=saved")
    }

    static func updateItem(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let list = try list(c)
        let id = try c.parameters.id("id")
        var errors = FieldErrors()
        let name = parseName(c.form, prefix: "\(list.rawValue)-\(id)", errors: &errors)
        guard errors.isEmpty else { return .html(render(c, lists: try items(db), hours: String(try db.deadlineHours()), errors: errors, saved: false), status: .unprocessable) }
        try db.updateLookupItem(list, id: id, name: name, active: active.value(c.form) ?? true, actor: try c.signedIn.id, now: c.now)
        return .redirect(to: "/settings?done=saved")
    }
}

/// `/notifications`: the user's own unseen notifications (leads assigned to them, tasks).
enum NotificationsPage {
    static func show(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let user = try c.signedIn
        let items = try db.notifications(userID: user.id)
        let t = c.t, f = c.format
        return .html(Layout.page(title: t("notifications.title"), context: c, section: .none) { h in
            h.raw("<h1>")
            h.text(t("notifications.title"))
            h.raw("</h1>")
            if items.isEmpty {
                h.raw("<p class=\"empty\">")
                h.text(t("notifications.empty"))
                h.raw("</p>")
                return
            }
            h.raw("<ul class=\"notifications\">")
            for n in items {
                h.raw("<li class=\"card\"><span>")
                if let lead = n.leadID {
                    h.raw("<a href=\"/leads/")
                    h.int(lead)
                    h.raw("\">")
                    h.text(t("notification." + n.kind, ["detail": n.detail, "actor": n.actorName ?? ""]))
                    h.raw("</a>")
                } else {
                    h.text(t("notification." + n.kind, ["detail": n.detail, "actor": n.actorName ?? ""]))
                }
                h.raw(" · ")
                h.time(n.at, f)
                h.raw("</span><form method=\"post\" action=\"/notifications/")
                h.int(n.id)
                h.raw("/seen\" class=\"inline\">")
                h.csrf(user.csrfToken)
                h.hidden(LeadFields.back.name, "notifications")
                h.raw("<button type=\"submit\" class=\"small\">")
                h.text(t("notifications.seen"))
                h.raw("</button></form></li>")
            }
            h.raw("</ul>")
        })
    }
}
