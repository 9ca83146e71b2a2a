import Showroom
import Store
import Web

/// `/admin/permissions`: the users × permissions grid (exceptions to a user's profile), the
/// profiles × permissions grid, and the log of every change.
enum AdminPermissionsPage {
    /// What the page shows: the active users, every profile, the latest changes.
    struct Grids {
        var staff: [StaffRecord]
        var profiles: [ProfileRecord]
        var log: [AccessLogEntry]

        init(_ db: AppDatabase) throws {
            staff = try db.staff().filter(\.active)
            profiles = try db.profiles()
            log = try db.accessLog()
        }
    }

    static func show(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        .html(render(c, try Grids(db), notice: c.request.query["done"], conflict: false), status: .ok)
    }

    static func render(_ c: RequestContext, _ grids: Grids, notice: String?, conflict: Bool) -> [UInt8] {
        let t = c.t, f = c.format
        let staff = grids.staff, profiles = grids.profiles, log = grids.log
        let csrf = c.user?.csrfToken ?? ""
        return Layout.page(title: t("admin.permissions.title"), context: c, section: .permissions) { h in
            h.raw("<h1>")
            h.text(t("admin.permissions.title"))
            h.raw("</h1>")
            if conflict {
                h.raw("<p class=\"alert\" role=\"alert\">")
                h.text(t("admin.permissions.conflict"))
                h.raw("</p>")
            }
            if let notice, notice == "saved" {
                h.raw("<p class=\"notice\" role=\"status\">")
                h.text(t("admin.done.saved"))
                h.raw("</p>")
            }

            // Users × permissions.
            h.raw("<section class=\"card\" aria-labelledby=\"grid-users-h\"><h2 id=\"grid-users-h\">")
            h.text(t("admin.permissions.users"))
            h.raw("</h2><p class=\"muted\">")
            h.text(t("admin.permissions.users_help"))
            h.raw("</p><form method=\"post\" action=\"/admin/permissions\">")
            h.csrf(csrf)
            tableHead(t("admin.user.display_name"), t: t, into: &h)
            for s in staff {
                h.raw("<tr><th scope=\"row\"><a href=\"/admin/users/")
                h.int(s.id)
                h.raw("/access\">")
                h.text(s.displayName)
                h.raw("</a><br><span class=\"muted\">")
                h.text(s.profileName ?? "—")
                h.raw("</span></th>")
                let profileGrants = profiles.first { $0.id == s.profileID }?.grants ?? []
                for p in Permission.allCases {
                    let name = "u\(s.id).\(p.rawValue)"
                    let current = AppDatabase.describe(s.overrides[p])
                    let inherited = profileGrants.first { $0.permission == p }
                    let inheritLabel = t("admin.permissions.inherit") + " (" + (inherited.map { $0.scope.map { t("scope." + $0.rawValue) } ?? "✓" } ?? "✗") + ")"
                    var options: [(String, String)] = [("inherit", inheritLabel)]
                    if p.isScoped {
                        for scope in AccessScope.allCases { options.append(("grant:" + scope.rawValue, "✓ " + t("scope." + scope.rawValue))) }
                    } else {
                        options.append(("grant", "✓ " + t("admin.permissions.grant")))
                    }
                    options.append(("deny", "✗ " + t("admin.permissions.deny")))
                    cell(name, current: current, label: s.displayName + " · " + t("perm." + p.rawValue), options: options, t: t, into: &h)
                }
                h.raw("</tr>")
            }
            h.raw("</tbody></table></div><div class=\"form-actions\"><button type=\"submit\" class=\"primary\">")
            h.text(t("form.save"))
            h.raw("</button></div></form></section>")

            // Profiles × permissions.
            h.raw("<section class=\"card\" aria-labelledby=\"grid-profiles-h\"><h2 id=\"grid-profiles-h\">")
            h.text(t("admin.permissions.profiles"))
            h.raw("</h2><form method=\"post\" action=\"/admin/profiles\">")
            h.csrf(csrf)
            tableHead(t("admin.user.profile"), t: t, into: &h)
            for profile in profiles {
                h.raw("<tr><th scope=\"row\">")
                h.text(profile.name)
                h.raw("</th>")
                for p in Permission.allCases {
                    let name = "p\(profile.id).\(p.rawValue)"
                    let current = describe(profile.grants.first { $0.permission == p })
                    var options: [(String, String)] = [("none", "✗")]
                    if p.isScoped {
                        for scope in AccessScope.allCases { options.append((scope.rawValue, "✓ " + t("scope." + scope.rawValue))) }
                    } else {
                        options.append(("granted", "✓"))
                    }
                    cell(name, current: current, label: profile.name + " · " + t("perm." + p.rawValue), options: options, t: t, into: &h)
                }
                h.raw("</tr>")
            }
            h.raw("</tbody></table></div><div class=\"form-actions\"><button type=\"submit\" class=\"primary\">")
            h.text(t("form.save"))
            h.raw("</button></div></form><form method=\"post\" action=\"/admin/profiles/new\" class=\"inline-form\">")
            h.csrf(csrf)
            h.field(profileName, value: "", errors: FieldErrors(), t: t)
            h.raw("<button type=\"submit\">")
            h.text(t("admin.permissions.create_profile"))
            h.raw("</button></form></section>")

            // Log.
            h.raw("<section class=\"card\" aria-labelledby=\"log-h\"><h2 id=\"log-h\">")
            h.text(t("admin.log.title"))
            h.raw("</h2>")
            if log.isEmpty {
                h.raw("<p class=\"muted\">")
                h.text(t("admin.log.empty"))
                h.raw("</p>")
            } else {
                h.raw("<div class=\"table-wrap\"><table><thead><tr>")
                for key in ["admin.log.when", "admin.log.who", "admin.log.subject", "admin.log.change", "admin.log.old", "admin.log.new"] {
                    h.raw("<th scope=\"col\">")
                    h.text(t(key))
                    h.raw("</th>")
                }
                h.raw("</tr></thead><tbody>")
                for e in log {
                    h.raw("<tr><td class=\"nowrap\">")
                    h.text(f.dateTime(e.at))
                    h.raw("</td><td>")
                    h.text(e.actorName ?? t("admin.log.system"))
                    h.raw("</td><td>")
                    h.text(e.subject)
                    h.raw("</td><td>")
                    if e.change.hasPrefix("permission ") {
                        h.text(t("admin.log.change.permission", ["permission": t("perm." + e.change.dropFirst(11))]))
                    } else {
                        h.text(t("admin.log.change." + e.change))
                    }
                    h.raw("</td><td>")
                    h.text(e.oldValue)
                    h.raw("</td><td>")
                    h.text(e.newValue)
                    h.raw("</td></tr>")
                }
                h.raw("</tbody></table></div>")
            }
            h.raw("</section>")
        }
    }

    /// The grid's head: the row label's column, then one column per permission.
    static func tableHead(_ first: String, t: Translator, into h: inout HTML) {
        h.raw("<div class=\"table-wrap\"><table class=\"grid\"><thead><tr><th scope=\"col\">")
        h.text(first)
        h.raw("</th>")
        for p in Permission.allCases { header(p, t: t, into: &h) }
        h.raw("</tr></thead><tbody>")
    }

    /// One cell: the value the admin saw (to detect someone else's change), and the choice.
    static func cell(_ name: String, current: String, label: String, options: [(String, String)], t: Translator, into h: inout HTML) {
        h.raw("<td>")
        h.hidden(seen(name).name, current)
        h.raw("<label class=\"visually-hidden\" for=\"")
        h.attr(name)
        h.raw("\">")
        h.text(label)
        h.raw("</label>")
        h.select(name, label: nil, options: options, selected: current, t: t, id: name)
        h.raw("</td>")
    }

    static func header(_ p: Permission, t: Translator, into h: inout HTML) {
        h.raw("<th scope=\"col\" class=\"perm\"><span title=\"")
        h.attr(p.rawValue)
        h.raw("\">")
        h.text(t("perm." + p.rawValue))
        h.raw("</span></th>")
    }

    static func describe(_ g: Grant?) -> String { g.map { $0.scope?.rawValue ?? "granted" } ?? "none" }

    static func parseOverride(_ raw: String, for p: Permission) -> Override?? {
        switch raw {
        case "inherit": return .some(nil)
        case "deny": return .some(.deny)
        case "grant" where !p.isScoped: return .some(.grant(nil))
        default:
            if raw.hasPrefix("grant:"), p.isScoped, let scope = AccessScope(rawValue: String(raw.dropFirst(6))) { return .some(.grant(scope)) }
            return nil
        }
    }

    static func parseGrant(_ raw: String, for p: Permission) -> Grant?? {
        if raw == "none" { return .some(nil) }
        if raw == "granted", !p.isScoped { return .some(Grant(p)) }
        if p.isScoped, let scope = AccessScope(rawValue: raw) { return .some(Grant(p, scope: scope)) }
        return nil
    }

    /// A grid cell's value as the page showed it (`was.u12.leads.view`): a change is made only
    /// where what was seen still holds.
    static func seen(_ cell: String) -> FormField<String> { FormField<String>("was." + cell, label: .none, control: .hidden, maxLength: 100) { $0 } }
    static let profileName = FormField.text("name", .key("admin.permissions.new_profile"), required: true, maxLength: 100)

    static func saveUsers(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        var changes: [AppDatabase.OverrideChange] = []
        for (name, value) in c.form.pairs where name.hasPrefix("u") {
            guard let dot = name.firstIndex(of: "."), let userID = Int64(name[name.index(after: name.startIndex)..<dot]),
                  let p = Permission(rawValue: String(name[name.index(after: dot)...])),
                  let wanted = parseOverride(value, for: p), let seen = parseOverride(seen(name).text(c.form), for: p) else {
                throw HTTPError(.badRequest, reason: .malformed)
            }
            if wanted != seen { changes.append(.init(userID: userID, permission: p, seen: seen, wanted: wanted)) }
        }
        do {
            try db.applyOverrides(changes, actor: try c.signedIn.id, now: c.now)
        } catch StoreError.conflict {
            return .html(render(c, try Grids(db), notice: nil, conflict: true), status: .conflict)
        }
        return .redirect(to: "/admin/permissions?done=saved")
    }

    static func saveProfiles(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        var changes: [AppDatabase.ProfileGrantChange] = []
        for (name, value) in c.form.pairs where name.hasPrefix("p") {
            guard let dot = name.firstIndex(of: "."), let profileID = Int64(name[name.index(after: name.startIndex)..<dot]),
                  let p = Permission(rawValue: String(name[name.index(after: dot)...])),
                  let wanted = parseGrant(value, for: p), let seen = parseGrant(seen(name).text(c.form), for: p) else {
                throw HTTPError(.badRequest, reason: .malformed)
            }
            if wanted != seen { changes.append(.init(profileID: profileID, permission: p, seen: seen, wanted: wanted)) }
        }
        do {
            try db.applyProfileGrants(changes, actor: try c.signedIn.id, now: c.now)
        } catch StoreError.conflict {
            return .html(render(c, try Grids(db), notice: nil, conflict: true), status: .conflict)
        }
        return .redirect(to: "/admin/permissions?done=saved")
    }

    static func createProfile(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        guard let name = profileName.value(c.form) else { throw HTTPError(.unprocessable, reason: "form.required") }
        do {
            _ = try db.createProfile(name: name, actor: try c.signedIn.id, now: c.now)
        } catch StoreError.duplicate {
            throw HTTPError(.conflict, reason: "admin.permissions.profile_exists")
        }
        return .redirect(to: "/admin/permissions?done=saved")
    }
}
