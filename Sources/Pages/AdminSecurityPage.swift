import Showroom
import Store
import Web

/// `/admin/security` (`users.manage`): which profiles must sign in with two-factor, and the
/// audit list of sign-ins, refusals and account-security steps (newest 200; `?failures=1` for
/// refusals only).
enum AdminSecurityPage {
    static let required = FormField<Bool>.choice("required", .key("admin.security.required")) { $0 == "1" ? true : $0 == "0" ? false : nil }

    static func show(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let failuresOnly = c.request.query["failures"] == "1"
        let profiles = try db.twoFactorRequirements()
        let log = try db.signInLog(limit: 200, failuresOnly: failuresOnly)
        let t = c.t, f = c.format
        let csrf = c.user?.csrfToken ?? ""
        let done = c.request.query["done"] == "saved"
        return .html(Layout.page(title: t("admin.security.title"), context: c, section: .security) { h in
            h.raw("<h1>")
            h.text(t("admin.security.title"))
            h.raw("</h1>")
            if done {
                h.raw("<p class=\"notice\" role=\"status\">")
                h.text(t("admin.done.saved"))
                h.raw("</p>")
            }
            h.raw("<section class=\"card\" aria-labelledby=\"required-h\"><h2 id=\"required-h\">")
            h.text(t("admin.security.two_factor"))
            h.raw("</h2><p>")
            h.text(t("admin.security.two_factor_intro"))
            h.raw("</p>")
            for p in profiles {
                h.raw("<form method=\"post\" action=\"/admin/security/profiles/")
                h.int(p.id)
                h.raw("\" class=\"inline-form\">")
                h.csrf(csrf)
                h.raw("<p class=\"profile-name\">")
                h.text(p.name)
                h.raw("</p>")
                h.select(required, options: [("0", t("admin.security.optional")), ("1", t("admin.security.required"))],
                         selected: p.required ? "1" : "0", errors: FieldErrors(), t: t, id: "required-\(p.id)")
                h.raw("<button type=\"submit\">")
                h.text(t("form.save"))
                h.raw("</button></form>")
            }
            h.raw("</section><section class=\"card\" aria-labelledby=\"log-h\"><h2 id=\"log-h\">")
            h.text(t("admin.security.log"))
            h.raw("</h2><p>")
            if failuresOnly {
                h.raw("<a href=\"/admin/security\">")
                h.text(t("admin.security.show_all"))
            } else {
                h.raw("<a href=\"/admin/security?failures=1\">")
                h.text(t("admin.security.show_failures"))
            }
            h.raw("</a></p><div class=\"table-wrap\"><table><thead><tr>")
            for key in ["admin.security.at", "admin.security.user", "admin.security.outcome", "account.sessions.address", "account.sessions.browser"] {
                h.raw("<th scope=\"col\">")
                h.text(t(key))
                h.raw("</th>")
            }
            h.raw("</tr></thead><tbody>")
            for e in log {
                h.raw(e.outcome.isFailure ? "<tr class=\"refused\"><td>" : "<tr><td>")
                h.time(e.at, f)
                h.raw("</td><td>")
                h.text(e.name)
                h.raw("</td><td>")
                h.text(t("signin.outcome." + e.outcome.rawValue))
                h.raw("</td><td>")
                h.text(e.address)
                h.raw("</td><td>")
                h.text(String(e.userAgent.prefix(80)))
                h.raw("</td></tr>")
            }
            if log.isEmpty {
                h.raw("<tr><td colspan=\"5\">")
                h.text(t("admin.security.empty"))
                h.raw("</td></tr>")
            }
            h.raw("</tbody></table></div></section>")
        })
    }

    static func saveProfile(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        guard let value = required.value(c.form) else { throw HTTPError(.badRequest, reason: .malformed) }
        try db.setTwoFactorRequired(profileID: id, required: value, actor: try c.signedIn.id, now: c.now)
        return .redirect(to: "/admin/security?done=saved")
    }
}
