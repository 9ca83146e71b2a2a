import Security
import Showroom
import Store
import Web

/// The fields of the user form, read and validated in one place.
struct UserInput {
    var username = ""
    var displayName = ""
    var email = ""
    var language = "nl"
    var profileID: Int64?
    var branches: [Int64] = []
    var password = ""
    var version: Int64 = 0

    static let usernameAlphabet = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
    static let minPasswordLength = 10

    static let username = FormField.text("username", .key("admin.user.username"), required: true, maxLength: 64)
    static let displayName = FormField.text("display_name", .key("admin.user.display_name"), required: true, maxLength: 100)
    static let email = FormField.text("email", .key("admin.user.email"), type: "email", autocomplete: "email", maxLength: 200)
    static let language = FormField<Language>.choice("language", .key("admin.user.language")) { Language(rawValue: $0) }
    static let profile = FormField<Int64>.choice("profile", .key("admin.user.profile"))
    /// Checkboxes, one per branch (`branch=1&branch=3`).
    static let branch = FormField<Int64>.choice("branch", .key("admin.user.branches"))
    /// Taken as typed; its rule (`passwordError`) counts bytes, as the hash does.
    static let password = FormField.text("password", .key("admin.user.password"), type: "password", autocomplete: "new-password",
                                         required: true, maxLength: 1024, trims: false)
    static let newPassword = FormField.text("password", .key("admin.user.new_password"), type: "password", autocomplete: "new-password",
                                            required: true, maxLength: 1024, trims: false)
    static let version = FormField<Int64>.hiddenNumber("version")
    static let loadedAt = FormField<Int64>.hiddenNumber("loaded_at")
    static let active = FormField<Bool>.choice("active", .none) { $0 == "1" ? true : $0 == "0" ? false : nil }

    /// Reads the form; `isNew` also reads username and the first password.
    static func parse(_ form: FormFields, isNew: Bool, profiles: [ProfileRecord], branches: [BranchRecord]) -> (UserInput, FieldErrors) {
        var input = UserInput()
        var errors = FieldErrors()
        input.displayName = displayName.readText(form, errors: &errors)
        input.email = email.readText(form, errors: &errors)
        input.version = version.value(form) ?? 0
        if !input.email.isEmpty && !ContactRules.isPlausibleEmail(input.email) { errors.add(email.name, "form.email_invalid") }
        input.language = (language.read(form, errors: &errors) ?? .nl).rawValue
        if let id = profile.read(form, errors: &errors) {
            if profiles.contains(where: { $0.id == id }) { input.profileID = id } else { errors.add(profile.name, "form.invalid_choice") }
        }
        for raw in form.all(branch.name) {
            if let id = branch.convert(raw), branches.contains(where: { $0.id == id }) { input.branches.append(id) } else { errors.add(branch.name, "form.invalid_choice") }
        }
        if input.branches.isEmpty { errors.add("branch", "admin.user.branch_required") }
        if isNew {
            input.username = username.text(form).lowercased()
            if input.username.count < 2 || input.username.count > 64 || !input.username.allSatisfy(usernameAlphabet.contains) {
                errors.add("username", "admin.user.username_rule")
            }
            input.password = password.text(form)
            if let e = passwordError(input.password) { errors.add("password", e) }
        }
        return (input, errors)
    }

    static func passwordError(_ password: String) -> String? {
        if password.count < minPasswordLength { return "admin.user.password_rule" }
        if password.utf8.count > 1024 { return "form.too_long" }
        return nil
    }
}

/// `/admin/users…`: create, edit, deactivate users, reset passwords, see effective access.
enum AdminUsersPage {
    /// What the user form offers: every profile and every branch.
    struct Choices {
        var profiles: [ProfileRecord]
        var branches: [BranchRecord]

        init(_ db: AppDatabase) throws {
            profiles = try db.profiles()
            branches = try db.branches()
        }
    }

    static func list(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        .html(render(c, staff: try db.staff(), choices: try Choices(db), input: UserInput(language: c.language.rawValue), errors: FieldErrors(),
                     notice: c.request.query["done"]))
    }

    /// The list of users and the new-user form.
    static func render(_ c: RequestContext, staff: [StaffRecord], choices: Choices, input: UserInput, errors: FieldErrors, notice: String?) -> [UInt8] {
        let t = c.t
        let profiles = choices.profiles, branches = choices.branches
        let branchName = Dictionary(uniqueKeysWithValues: branches.map { ($0.id, $0.name(in: c.language.rawValue)) })
        return Layout.page(title: t("admin.users.title"), context: c, section: .users) { h in
            h.raw("<div class=\"page-head\"><h1>")
            h.text(t("admin.users.title"))
            h.raw("</h1></div>")
            notify(notice, t: t, into: &h)
            h.raw("<div class=\"table-wrap\"><table><thead><tr>")
            for key in ["admin.user.display_name", "admin.user.username", "admin.user.profile", "admin.user.branches", "admin.user.language", "admin.user.state"] {
                h.raw("<th scope=\"col\">")
                h.text(t(key))
                h.raw("</th>")
            }
            h.raw("</tr></thead><tbody>")
            for s in staff {
                h.raw("<tr><td><a href=\"/admin/users/")
                h.int(s.id)
                h.raw("\">")
                h.text(s.displayName)
                h.raw("</a></td><td class=\"code\">")
                h.text(s.username)
                h.raw("</td><td>")
                h.text(s.profileName ?? "—")
                h.raw("</td><td>")
                h.text(s.branches.compactMap { branchName[$0] }.joined(separator: ", "))
                h.raw("</td><td>")
                h.text(Language(rawValue: s.language)?.nativeName ?? s.language)
                h.raw("</td><td>")
                h.text(s.active ? t("admin.user.active") : t("admin.user.inactive"))
                h.raw("</td></tr>")
            }
            h.raw("</tbody></table></div>")

            h.raw("<section class=\"card form-card\" aria-labelledby=\"new-user-h\"><h2 id=\"new-user-h\">")
            h.text(t("admin.users.new"))
            h.raw("</h2><form method=\"post\" action=\"/admin/users\" class=\"grid-form\">")
            h.csrf(c.user?.csrfToken ?? "")
            h.field(UserInput.username, value: input.username, errors: errors, t: t)
            userFields(input, errors: errors, profiles: profiles, branches: branches, t: t, into: &h)
            h.field(UserInput.password, value: "", errors: errors, t: t)
            h.raw("<div class=\"form-actions\"><button type=\"submit\" class=\"primary\">")
            h.text(t("admin.users.create"))
            h.raw("</button></div></form></section>")
        }
    }

    static func userFields(_ input: UserInput, errors: FieldErrors, profiles: [ProfileRecord], branches: [BranchRecord], t: Translator, into h: inout HTML) {
        h.field(UserInput.displayName, value: input.displayName, errors: errors, t: t)
        h.field(UserInput.email, value: input.email, errors: errors, t: t)
        h.select(UserInput.language, options: Language.allCases.map { ($0.rawValue, $0.nativeName) }, selected: input.language, errors: errors, t: t)
        h.select(UserInput.profile, options: [("", "—")] + profiles.map { (String($0.id), $0.name) },
                 selected: input.profileID.map(String.init) ?? "", errors: errors, t: t)
        h.raw("<fieldset class=\"field checks")
        if errors[UserInput.branch.name] != nil { h.raw(" has-error") }
        h.raw("\"><legend>")
        h.text(UserInput.branch.labelText(t) ?? "")
        h.raw("</legend>")
        for b in branches where b.active || input.branches.contains(b.id) {
            h.raw("<label><input type=\"checkbox\" name=\"branch\" value=\"")
            h.int(b.id)
            h.raw("\"")
            if input.branches.contains(b.id) { h.raw(" checked") }
            h.raw("> ")
            h.text(b.name(in: t.language.rawValue))
            h.raw("</label>")
        }
        h.fieldError(UserInput.branch.name, errors[UserInput.branch.name], t: t)
        h.raw("</fieldset>")
    }

    static func create(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let choices = try Choices(db)
        let (input, errors) = UserInput.parse(c.form, isNew: true, profiles: choices.profiles, branches: choices.branches)
        var e = errors
        if errors.isEmpty {
            do {
                let hash = try PasswordHash(hashing: input.password)
                let id = try db.createUser(NewUser(username: input.username, displayName: input.displayName, email: input.email, language: input.language,
                                                   passwordHash: hash.encoded, profileID: input.profileID, branches: input.branches),
                                           actor: try c.signedIn.id, now: c.now)
                return .redirect(to: "/admin/users/\(id)?done=created")
            } catch StoreError.duplicate {
                e.add("username", "admin.user.username_taken")
            }
        }
        return .html(render(c, staff: try db.staff(), choices: choices, input: input, errors: e, notice: nil), status: .unprocessable)
    }

    static func edit(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        guard let s = try db.staffMember(id: try c.parameters.id("id")) else { throw HTTPError.notFound }
        let input = UserInput(username: s.username, displayName: s.displayName, email: s.email, language: s.language, profileID: s.profileID,
                              branches: s.branches, version: s.version)
        return .html(renderEdit(c, s, choices: try Choices(db), input: input, errors: FieldErrors(), notice: c.request.query["done"]))
    }

    /// The form field and the label of each change the access log records about a user.
    static let changeFields: [String: (field: String, label: String)] = [
        "display_name": ("display_name", "admin.user.display_name"), "email": ("email", "admin.user.email"),
        "language": ("language", "admin.user.language"), "profile": ("profile", "admin.user.profile"),
        "branches": ("branch", "admin.user.branches"), "active": ("", "admin.user.state"), "password": ("", "admin.user.password_reset"),
    ]

    /// One user's page: details, password reset, (de)activation; after a conflict, `changes`
    /// are what others saved since the form was loaded.
    static func renderEdit(_ c: RequestContext, _ s: StaffRecord, choices: Choices, input: UserInput, errors: FieldErrors, notice: String?,
                           passwordError: String? = nil, changes: [AccessLogEntry]? = nil) -> [UInt8] {
        let t = c.t
        let profiles = choices.profiles, branches = choices.branches
        let csrf = c.user?.csrfToken ?? ""
        return Layout.page(title: s.displayName, context: c, section: .users) { h in
            h.raw("<p class=\"crumbs\"><a href=\"/admin/users\">")
            h.text(t("admin.users.title"))
            h.raw("</a></p><div class=\"page-head\"><h1>")
            h.text(s.displayName)
            h.raw(" <span class=\"code muted\">")
            h.text(s.username)
            h.raw("</span></h1><a class=\"button\" href=\"/admin/users/")
            h.int(s.id)
            h.raw("/access\">")
            h.text(t("admin.access.title"))
            h.raw("</a></div>")
            notify(notice, t: t, into: &h)
            if let changes {
                // Saved by someone else since this form was loaded: every change, old and new, beside what was typed below.
                h.raw("<div class=\"alert\" role=\"alert\"><p>")
                h.text(t("conflict.user"))
                h.raw("</p><ul class=\"conflict-changes\">")
                for e in changes {
                    h.raw("<li>")
                    let label: String
                    if let known = changeFields[e.change] { label = t(known.label) }
                    else if e.change.hasPrefix("permission "), let p = Permission(rawValue: String(e.change.dropFirst("permission ".count))) { label = t("perm." + p.rawValue) }
                    else { label = e.change }
                    h.text(label + ": ")
                    if e.change == "password" {
                        h.text(t("admin.user.password_changed"))
                    } else {
                        h.raw("<del>")
                        h.text(e.oldValue.isEmpty ? "—" : e.oldValue)
                        h.raw("</del> → <ins>")
                        h.text(e.newValue.isEmpty ? "—" : e.newValue)
                        h.raw("</ins>")
                    }
                    h.text(" · " + c.format.dateTime(e.at))
                    if let who = e.actorName { h.text(" · " + t("details.by", ["name": who])) }
                    h.raw("</li>")
                }
                h.raw("</ul></div>")
            }
            h.raw("<section class=\"card form-card\"><h2>")
            h.text(t("admin.user.details"))
            h.raw("</h2><form method=\"post\" action=\"/admin/users/")
            h.int(s.id)
            h.raw("\" class=\"grid-form\">")
            h.csrf(csrf)
            h.field(UserInput.version, value: String(input.version), errors: errors, t: t)
            h.field(UserInput.loadedAt, value: String(c.now.seconds), errors: errors, t: t)
            userFields(input, errors: errors, profiles: profiles, branches: branches, t: t, into: &h)
            h.raw("<div class=\"form-actions\"><button type=\"submit\" class=\"primary\">")
            h.text(t("form.save"))
            h.raw("</button></div></form></section>")

            h.raw("<div class=\"two-col\"><section class=\"card\"><h2>")
            h.text(t("admin.user.password_reset"))
            h.raw("</h2><form method=\"post\" action=\"/admin/users/")
            h.int(s.id)
            h.raw("/password\">")
            h.csrf(csrf)
            var passwordErrors = FieldErrors()
            if let passwordError { passwordErrors.add(UserInput.newPassword.name, passwordError) }
            h.field(UserInput.newPassword, value: "", errors: passwordErrors, t: t)
            h.raw("<button type=\"submit\">")
            h.text(t("admin.user.password_set"))
            h.raw("</button></form></section><section class=\"card\"><h2>")
            h.text(t("admin.user.state"))
            h.raw("</h2><p>")
            h.text(s.active ? t("admin.user.active_explain") : t("admin.user.inactive_explain"))
            h.raw("</p><form method=\"post\" action=\"/admin/users/")
            h.int(s.id)
            h.raw("/active\">")
            h.csrf(csrf)
            h.hidden(UserInput.active.name, s.active ? "0" : "1")
            h.raw("<button type=\"submit\"")
            if s.active { h.raw(" class=\"danger\"") }
            h.raw(">")
            h.text(s.active ? t("admin.user.deactivate") : t("admin.user.activate"))
            h.raw("</button></form></section></div>")
        }
    }

    static func update(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        guard let s = try db.staffMember(id: try c.parameters.id("id")) else { throw HTTPError.notFound }
        let choices = try Choices(db)
        let (input, errors) = UserInput.parse(c.form, isNew: false, profiles: choices.profiles, branches: choices.branches)
        var withUsername = input
        withUsername.username = s.username
        guard errors.isEmpty else {
            return .html(renderEdit(c, s, choices: choices, input: withUsername, errors: errors, notice: nil), status: .unprocessable)
        }
        do {
            try db.updateUser(id: s.id, displayName: input.displayName, email: input.email, language: input.language, profileID: input.profileID,
                              branches: input.branches, version: input.version, actor: try c.signedIn.id, now: c.now)
        } catch StoreError.conflict {
            // Someone saved this user meanwhile: show the current state, keep what was typed.
            // Every change logged since the form was loaded is listed (old → new), and each
            // field it touched is marked; what this admin typed stays in the form.
            let current = try db.staffMember(id: s.id) ?? s
            withUsername.version = current.version
            let loadedAt = Instant(seconds: UserInput.loadedAt.value(c.form) ?? 0)
            let changes = try db.accessLog(subject: "user:" + current.username, since: loadedAt)
            var e = FieldErrors()
            for change in changes {
                if let field = changeFields[change.change]?.field, !field.isEmpty, e[field] == nil { e.add(field, "error.conflict_reload") }
            }
            if e.isEmpty { e.add("display_name", "error.conflict_reload") }
            return .html(renderEdit(c, current, choices: choices, input: withUsername, errors: e, notice: nil, changes: changes), status: .conflict)
        }
        return .redirect(to: "/admin/users/\(s.id)?done=saved")
    }

    static func setActive(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        guard let active = UserInput.active.value(c.form) else { throw HTTPError(.badRequest, reason: .malformed) }
        try db.setActive(userID: id, active: active, actor: try c.signedIn.id, now: c.now)
        return .redirect(to: "/admin/users/\(id)?done=saved")
    }

    static func resetPassword(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        guard let s = try db.staffMember(id: try c.parameters.id("id")) else { throw HTTPError.notFound }
        let password = UserInput.newPassword.text(c.form)
        if let error = UserInput.passwordError(password) {
            let input = UserInput(username: s.username, displayName: s.displayName, email: s.email, language: s.language, profileID: s.profileID, branches: s.branches, version: s.version)
            return .html(renderEdit(c, s, choices: try Choices(db), input: input, errors: FieldErrors(), notice: nil, passwordError: error), status: .unprocessable)
        }
        try db.setPassword(userID: s.id, passwordHash: try PasswordHash(hashing: password).encoded, actor: try c.signedIn.id, now: c.now)
        return .redirect(to: "/admin/users/\(s.id)?done=password")
    }

    /// What a user may do, and why: profile, individual grant, individual refusal, or nothing.
    static func effectiveAccess(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        guard let s = try db.staffMember(id: try c.parameters.id("id")) else { throw HTTPError.notFound }
        let rights = try db.rights(userID: s.id)
        let branchNames = Dictionary(uniqueKeysWithValues: try db.branches().map { ($0.id, $0.name(in: c.language.rawValue)) })
        let t = c.t
        return .html(Layout.page(title: t("admin.access.title") + " · " + s.displayName, context: c, section: .users) { h in
            h.raw("<p class=\"crumbs\"><a href=\"/admin/users/")
            h.int(s.id)
            h.raw("\">")
            h.text(s.displayName)
            h.raw("</a></p><h1>")
            h.text(t("admin.access.title"))
            h.raw(": ")
            h.text(s.displayName)
            h.raw("</h1><p>")
            h.text(t("admin.access.summary", ["profile": s.profileName ?? "—", "branches": s.branches.compactMap { branchNames[$0] }.joined(separator: ", ")]))
            if !s.active { h.raw(" <strong>"); h.text(t("admin.access.inactive")); h.raw("</strong>") }
            h.raw("</p><div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">")
            h.text(t("admin.access.permission"))
            h.raw("</th><th scope=\"col\">")
            h.text(t("admin.access.allowed"))
            h.raw("</th><th scope=\"col\">")
            h.text(t("admin.access.why"))
            h.raw("</th></tr></thead><tbody>")
            for p in Permission.allCases {
                let allowed = rights.has(p) && s.active
                h.raw("<tr><th scope=\"row\">")
                h.text(t("perm." + p.rawValue))
                h.raw(" <span class=\"code muted\">")
                h.text(p.rawValue)
                h.raw("</span></th><td class=\"")
                h.raw(allowed ? "yes" : "no")
                h.raw("\">")
                h.text(allowed ? t("followup.yes") : t("followup.no"))
                if allowed, let scope = rights.scope(of: p), p.isScoped {
                    h.raw(" · ")
                    h.text(t("scope." + scope.rawValue))
                }
                h.raw("</td><td>")
                switch rights.reasons[p] ?? .notGranted {
                case .profile(let name): h.text(t("admin.access.from_profile", ["profile": name]))
                case .userGrant: h.text(t("admin.access.user_grant"))
                case .userDeny: h.text(t("admin.access.user_deny"))
                case .notGranted: h.text(t("admin.access.not_granted"))
                }
                h.raw("</td></tr>")
            }
            h.raw("</tbody></table></div>")
        })
    }

    static func notify(_ notice: String?, t: Translator, into h: inout HTML) {
        guard let notice, ["created", "saved", "password"].contains(notice) else { return }
        h.raw("<p class=\"notice\" role=\"status\">")
        h.text(t("admin.done." + notice))
        h.raw("</p>")
    }
}
