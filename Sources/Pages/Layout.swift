import Showroom
import Web

/// The frame around every page: document head, top bar with the navigation the user may
/// use, their name, language and sign-out, and the main landmark.
enum Layout {
    enum Section { case leads, vehicles, tasks, insights, contacts, settings, users, permissions, branches, security, account, none }

    static func page(title: String, context c: RequestContext, section: Section, body: (inout HTML) -> Void) -> [UInt8] {
        let t = c.t
        var h = HTML()
        h.raw("<!DOCTYPE html>\n<html lang=\"")
        h.attr(c.language.rawValue)
        h.raw("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
        h.text(title)
        h.raw(" · Showroom</title><link rel=\"stylesheet\" href=\"/static/showroom.css\"><link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\"><script src=\"/static/showroom.js\" defer></script></head><body>")
        h.raw("<a class=\"skip\" href=\"#main\">")
        h.text(t("nav.skip"))
        h.raw("</a><header class=\"topbar\"><a class=\"brand\" href=\"/\"><span class=\"brand-mark\" aria-hidden=\"true\">S</span><span>Showroom</span><small>")
        h.text(t("app.tagline"))
        h.raw("</small></a>")
        if let user = c.user {
            h.raw("<nav aria-label=\"")
            h.attr(t("nav.main"))
            h.raw("\"><ul>")
            if user.may(.leadsView) {
                navItem(&h, "/leads", t("nav.leads"), current: section == .leads)
                navItem(&h, "/vehicles", t("nav.vehicles"), current: section == .vehicles)
            }
            navItem(&h, "/tasks", t("nav.tasks"), current: section == .tasks)
            if user.may(.insightsView) && user.may(.leadsView) { navItem(&h, "/insights", t("nav.insights"), current: section == .insights) }
            if user.may(.settingsManage) { navItem(&h, "/settings", t("nav.settings"), current: section == .settings) }
            if user.may(.usersManage) {
                navItem(&h, "/admin/users", t("nav.users"), current: section == .users)
                navItem(&h, "/admin/permissions", t("nav.permissions"), current: section == .permissions)
                navItem(&h, "/admin/branches", t("nav.branches"), current: section == .branches)
                navItem(&h, "/admin/security", t("nav.security"), current: section == .security)
            }
            h.raw("</ul></nav><div class=\"user\"><a class=\"bell\" href=\"/notifications\">")
            h.text(t("notifications.title"))
            if c.unseenNotifications > 0 {
                h.raw(" <span class=\"count\">")
                h.int(c.unseenNotifications)
                h.raw("</span>")
            }
            // The user's name leads to their own account page (password, two-step sign-in, sessions).
            h.raw("</a><a class=\"account-link\" href=\"/account\"")
            if section == .account { h.raw(" aria-current=\"page\"") }
            h.raw("><span class=\"user-name\">")
            h.text(user.displayName)
            h.raw("</span><span class=\"visually-hidden\"> (")
            h.text(t("account.title"))
            h.raw(")</span></a><form method=\"post\" action=\"/account/language\" class=\"inline\">")
            h.csrf(user.csrfToken)
            h.select(SignInPage.language.name, label: nil, options: Language.allCases.map { ($0.rawValue, $0.nativeName) }, selected: user.language, t: t, id: "topbar-language")
            h.raw("<label class=\"visually-hidden\" for=\"topbar-language\">")
            h.text(t("account.language"))
            h.raw("</label><button type=\"submit\" class=\"small\">")
            h.text(t("account.language.save"))
            h.raw("</button></form><form method=\"post\" action=\"/logout\" class=\"inline\">")
            h.csrf(user.csrfToken)
            h.raw("<button type=\"submit\" class=\"small\">")
            h.text(t("signin.signout"))
            h.raw("</button></form></div>")
        }
        h.raw("</header><main id=\"main\">")
        body(&h)
        h.raw("</main></body></html>\n")
        return h.bytes
    }

    private static func navItem(_ h: inout HTML, _ href: StaticString, _ label: String, current: Bool) {
        h.raw("<li><a href=\"")
        h.raw(href)
        h.raw("\"")
        if current { h.raw(" aria-current=\"page\"") }
        h.raw(">")
        h.text(label)
        h.raw("</a></li>")
    }
}
