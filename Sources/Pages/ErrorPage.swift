import Web

/// The page for every error status: says what happened in the user's language, never
/// internal details.
enum ErrorPage {
    static func render(_ error: HTTPError, context c: RequestContext) -> Response {
        let t = c.t
        let code = error.status.code
        let message = Catalog.entries["error.\(code)"] != nil ? t("error.\(code)") : t("error.500")
        var response = Response.html(Layout.page(title: t("error.title", ["code": String(code)]), context: c, section: .none) { h in
            h.raw("<section class=\"error-page\"><p class=\"error-code\">")
            h.int(code)
            h.raw("</p><h1>")
            h.text(message)
            h.raw("</h1>")
            if let reason = error.reason?.catalogKey, Catalog.entries[reason] != nil {
                h.raw("<p>")
                h.text(t(reason))
                h.raw("</p>")
            }
            h.raw("<p><a class=\"button\" href=\"/leads\">")
            h.text(t("error.back"))
            h.raw("</a></p></section>")
        }, status: error.status)
        response.headers.append(("X-Robots-Tag", "noindex"))
        return response
    }
}
