import Mail
import Showroom
import Store
import Web

/// `/settings/mail` (`settings.manage`): the SMTP server (host, port, security, user, password
/// — stored, never shown back —, sender, attachment limit) and the mail templates in nl/fr/en
/// with the quote printouts each attaches.
enum MailSettingsPage {
    static let host = FormField.text("host", .key("mail.settings.host"), maxLength: 253)
    static let port = FormField<Int>("port", label: .key("mail.settings.port"), control: .input(type: "number", autocomplete: "off"),
                                     required: true, maxLength: 5, invalid: "mail.settings.port_range") { Int($0).flatMap { (1...65535).contains($0) ? $0 : nil } }
    static let security = FormField<SMTPConfiguration.Security>.choice("security", .key("mail.settings.security"), required: true) { SMTPConfiguration.Security(rawValue: $0) }
    static let username = FormField.text("username", .key("mail.settings.username"), maxLength: 200)
    static let password = FormField.text("password", .key("mail.settings.password"), type: "password", autocomplete: "new-password", maxLength: 200, trims: false)
    static let clearPassword = FormField<Bool>.choice("clear_password", .key("mail.settings.password_clear")) { $0 == "1" }
    static let senderAddress = FormField<MailAddress>("sender_address", label: .key("mail.settings.sender_address"), control: .input(type: "email", autocomplete: "off"),
                                                      maxLength: 254, invalid: "mail.address_invalid_plain") { MailAddress($0) }
    static let senderName = FormField.text("sender_name", .key("mail.settings.sender_name"), maxLength: 100)
    static let maxMB = FormField<Int>("max_mb", label: .key("mail.settings.max_mb"), control: .input(type: "number", autocomplete: "off"),
                                      required: true, maxLength: 3, invalid: "mail.settings.max_range") { Int($0).flatMap { (1...100).contains($0) ? $0 : nil } }
    static let templateName = FormField.text("name", .key("mail.settings.template_name"), required: true, maxLength: 100)
    static let attach = FormField<MailQuoteAttachments>.choice("attach", .key("mail.settings.attach"), required: true) { MailQuoteAttachments(rawValue: $0) }
    static let active = FormField<Bool>.choice("active", .key("admin.user.state")) { $0 != "0" }
    static let subjects = Language.allCases.map { FormField.text("subject_" + $0.rawValue, .key("mail.subject"), maxLength: 200) }
    static let bodies = Language.allCases.map { FormField.textarea("body_" + $0.rawValue, .key("mail.body"), rows: 8, maxLength: 20_000) }

    typealias Texts = [String: String]

    static func texts(_ s: MailSettings) -> Texts {
        [host.name: s.host, port.name: String(s.port), security.name: s.security, username.name: s.username,
         senderAddress.name: s.senderAddress, senderName.name: s.senderName, maxMB.name: String(max(1, s.maxAttachmentBytes / 1_048_576))]
    }

    static func show(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let s = try db.mailSettings()
        return .html(render(c, settings: s, texts: texts(s), errors: FieldErrors(), templates: try db.mailTemplates(activeOnly: false), templateErrors: [:],
                            notice: c.request.query["done"] == "saved" ? "admin.done.saved" : nil, alert: nil), status: .ok)
    }

    static func save(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let current = try db.mailSettings()
        var errors = FieldErrors()
        var texts: Texts = [:]
        var s = current
        s.host = host.readText(c.form, errors: &errors)
        texts[host.name] = s.host
        texts[port.name] = port.text(c.form)
        if let p = port.read(c.form, errors: &errors) { s.port = p }
        texts[security.name] = security.text(c.form)
        if let v = security.read(c.form, errors: &errors) { s.security = v.rawValue }
        s.username = username.readText(c.form, errors: &errors)
        texts[username.name] = s.username
        texts[senderAddress.name] = senderAddress.text(c.form)
        if let a = senderAddress.read(c.form, errors: &errors) { s.senderAddress = a.address } else if senderAddress.text(c.form).isEmpty { s.senderAddress = "" }
        s.senderName = senderName.readText(c.form, errors: &errors)
        texts[senderName.name] = s.senderName
        if MailMessage.hasControlCharacters(s.senderName) { errors.add(senderName.name, "mail.line_break") }
        if MailMessage.hasControlCharacters(s.host) || s.host.contains(" ") || s.host.contains("/") { errors.add(host.name, "form.invalid_choice") }
        texts[maxMB.name] = maxMB.text(c.form)
        if let mb = maxMB.read(c.form, errors: &errors) { s.maxAttachmentBytes = Int64(mb) * 1_048_576 }
        var newPassword: String? = nil
        let typed = password.text(c.form)
        if MailMessage.hasControlCharacters(typed) { errors.add(password.name, "form.invalid_choice") }
        if !typed.isEmpty { newPassword = typed } else if clearPassword.value(c.form) == true { newPassword = "" }
        let version = FormField.version.value(c.form) ?? -1
        if errors.isEmpty {
            do {
                try db.saveMailSettings(s, password: newPassword, version: version, actor: try c.signedIn.id, now: c.now)
                c.configuration.outbox?.notify()
                return .redirect(to: "/settings/mail?done=saved")
            } catch StoreError.conflict {
                return .html(render(c, settings: current, texts: texts, errors: errors, templates: try db.mailTemplates(activeOnly: false), templateErrors: [:],
                                    notice: nil, alert: "mail.settings.conflict"), status: .conflict)
            }
        }
        return .html(render(c, settings: current, texts: texts, errors: errors, templates: try db.mailTemplates(activeOnly: false), templateErrors: [:],
                            notice: nil, alert: "mail.settings.errors"), status: .unprocessable)
    }

    /// A template as the form sent it (prefix `t{id}-` or `new-`).
    static func parseTemplate(_ c: RequestContext, prefix: String, errors: inout FieldErrors) -> MailTemplate {
        let name = templateName.readText(c.form, prefix: prefix, errors: &errors)
        let sub = subjects.map { $0.readText(c.form, prefix: prefix, errors: &errors) }
        let bod = bodies.map { $0.readText(c.form, prefix: prefix, errors: &errors) }
        for (i, s) in sub.enumerated() where MailMessage.hasControlCharacters(s) { errors.add(prefix + subjects[i].name, "mail.line_break") }
        if sub[0].isEmpty { errors.add(prefix + subjects[0].name, "form.required") }
        if bod[0].isEmpty { errors.add(prefix + bodies[0].name, "form.required") }
        return MailTemplate(id: 0, name: name, subject: LocalizedName(nl: sub[0], fr: sub[1], en: sub[2]), body: LocalizedName(nl: bod[0], fr: bod[1], en: bod[2]),
                            attach: attach.read(c.form, prefix: prefix, errors: &errors) ?? .none, active: active.value(c.form, prefix: prefix) ?? true,
                            version: FormField.version.value(c.form, prefix: prefix) ?? -1)
    }

    static func addTemplate(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        try saveOne(c, db, id: nil)
    }

    static func saveTemplate(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        try saveOne(c, db, id: try c.parameters.id("id"))
    }

    static func saveOne(_ c: RequestContext, _ db: AppDatabase, id: Int64?) throws -> Response {
        let prefix = id.map { "t\($0)-" } ?? "new-"
        var errors = FieldErrors()
        let template = parseTemplate(c, prefix: prefix, errors: &errors)
        var alert = "mail.settings.errors"
        if errors.isEmpty {
            do {
                try db.saveMailTemplate(template, id: id, actor: try c.signedIn.id, now: c.now)
                return .redirect(to: "/settings/mail?done=saved#templates")
            } catch StoreError.conflict {
                alert = "mail.settings.conflict"
            }
        }
        // The other templates as stored, this one as typed.
        var templates = try db.mailTemplates(activeOnly: false)
        if let id, let i = templates.firstIndex(where: { $0.id == id }) {
            var typed = template
            typed.id = id
            typed.version = templates[i].version
            templates[i] = typed
        }
        let s = try db.mailSettings()
        return .html(render(c, settings: s, texts: texts(s), errors: FieldErrors(), templates: templates,
                            templateErrors: [prefix: (errors, id == nil ? template : nil)], notice: nil, alert: alert),
                     status: alert == "mail.settings.conflict" ? .conflict : .unprocessable)
    }

    static func render(_ c: RequestContext, settings s: MailSettings, texts: Texts, errors: FieldErrors, templates: [MailTemplate],
                       templateErrors: [String: (FieldErrors, MailTemplate?)], notice: String?, alert: String?) -> [UInt8] {
        let t = c.t
        let csrf = c.user?.csrfToken ?? ""
        return Layout.page(title: t("mail.settings"), context: c, section: .settings) { h in
            h.raw("<p class=\"crumbs\"><a href=\"/settings\">← ")
            h.text(t("settings.title"))
            h.raw("</a></p><h1>")
            h.text(t("mail.settings"))
            h.raw("</h1>")
            if let notice {
                h.raw("<p class=\"notice\" role=\"status\">")
                h.text(t(notice))
                h.raw("</p>")
            }
            if let alert {
                h.raw("<p class=\"alert\" role=\"alert\">")
                h.text(t(alert))
                h.raw("</p>")
            }
            h.raw("<form method=\"post\" action=\"/settings/mail\" class=\"card\" aria-labelledby=\"smtp-h\"><h2 id=\"smtp-h\">")
            h.text(t("mail.settings.server"))
            h.raw("</h2>")
            h.csrf(csrf)
            h.hidden(FormField.version.name, String(s.version))
            h.field(host, value: texts[host.name] ?? "", errors: errors, t: t)
            h.field(port, value: texts[port.name] ?? "", errors: errors, t: t)
            h.select(security, options: SMTPConfiguration.Security.allCases.map { ($0.rawValue, t("mail.settings.security." + $0.rawValue)) },
                     selected: texts[security.name], errors: errors, t: t)
            h.field(username, value: texts[username.name] ?? "", errors: errors, t: t)
            // The password is never written back into the page.
            h.field(password, value: "", errors: errors, t: t)
            h.raw("<p class=\"hint\">")
            h.text(t(s.hasPassword ? "mail.settings.password_set" : "mail.settings.password_none"))
            h.raw("</p>")
            if s.hasPassword { MailPage.checkbox(clearPassword.name, value: "1", label: t("mail.settings.password_clear"), checked: false, id: "f-clear-password", into: &h) }
            h.field(senderAddress, value: texts[senderAddress.name] ?? "", errors: errors, t: t)
            h.field(senderName, value: texts[senderName.name] ?? "", errors: errors, t: t)
            h.field(maxMB, value: texts[maxMB.name] ?? "", errors: errors, t: t)
            h.raw("<div class=\"form-actions\"><button type=\"submit\" class=\"primary\">")
            h.text(t("form.save"))
            h.raw("</button></div></form>")

            h.raw("<section class=\"card\" id=\"templates\" aria-labelledby=\"templates-h\"><h2 id=\"templates-h\">")
            h.text(t("mail.settings.templates"))
            h.raw("</h2><p class=\"hint\">")
            h.text(t("mail.settings.templates_hint"))
            h.raw(" ")
            h.text(MailTemplateField.allCases.map { "{" + $0.rawValue + "} (" + t("mail.field." + $0.rawValue) + ")" }.joined(separator: ", "))
            h.raw("</p>")
            for template in templates {
                let prefix = "t\(template.id)-"
                templateForm(c, template, prefix: prefix, action: "/settings/mail/templates/\(template.id)", heading: template.name,
                             errors: templateErrors[prefix]?.0 ?? FieldErrors(), into: &h)
            }
            let blank = MailTemplate(id: 0, name: "", subject: LocalizedName(nl: "", fr: "", en: ""), body: LocalizedName(nl: "", fr: "", en: ""), attach: .none)
            templateForm(c, templateErrors["new-"]?.1 ?? blank, prefix: "new-", action: "/settings/mail/templates", heading: t("mail.settings.new_template"),
                         errors: templateErrors["new-"]?.0 ?? FieldErrors(), into: &h)
            h.raw("</section>")
        }
    }

    static func templateForm(_ c: RequestContext, _ tpl: MailTemplate, prefix: String, action: String, heading: String, errors: FieldErrors, into h: inout HTML) {
        let t = c.t
        h.raw("<form method=\"post\" action=\"")
        h.attr(action)
        h.raw("\" class=\"mail-template-form\"><fieldset><legend>")
        h.text(heading)
        h.raw("</legend>")
        h.csrf(c.user?.csrfToken ?? "")
        if tpl.id > 0 { h.hidden(prefix + FormField.version.name, String(tpl.version)) }
        h.field(templateName, value: tpl.name, errors: errors, t: t, prefix: prefix, id: "f-" + prefix + "name")
        h.select(attach, options: MailQuoteAttachments.allCases.map { ($0.rawValue, t("mail.settings.attach." + $0.rawValue)) },
                 selected: tpl.attach.rawValue, errors: errors, t: t, prefix: prefix, id: "f-" + prefix + "attach")
        if tpl.id > 0 {
            h.select(active, options: [("1", t("admin.user.active")), ("0", t("settings.inactive"))], selected: tpl.active ? "1" : "0",
                     errors: errors, t: t, prefix: prefix, id: "f-" + prefix + "active")
        }
        for (i, language) in Language.allCases.enumerated() {
            let subject = [tpl.subject.nl, tpl.subject.fr, tpl.subject.en][i]
            let body = [tpl.body.nl, tpl.body.fr, tpl.body.en][i]
            let sName = prefix + subjects[i].name, bName = prefix + bodies[i].name
            h.field(sName, label: t("mail.settings.subject_lang", ["language": language.nativeName]), value: subject, error: errors[sName], t: t,
                    required: i == 0, maxLength: 200)
            h.textarea(bName, label: t("mail.settings.body_lang", ["language": language.nativeName]), value: body, error: errors[bName], t: t, rows: 8, maxLength: 20_000)
        }
        h.raw("<div class=\"form-actions\"><button type=\"submit\">")
        h.text(t("form.save"))
        h.raw("</button></div></fieldset></form>")
    }
}
