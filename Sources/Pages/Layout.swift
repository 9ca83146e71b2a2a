import Web

/// The frame around every page: document head, top bar with navigation, main landmark.
enum Layout {
    enum Section { case leads, none }

    static func page(title: String, context: RequestContext, section: Section, body: (inout HTML) -> Void) -> [UInt8] {
        let t = context.t
        var h = HTML()
        h.raw("<!DOCTYPE html>\n<html lang=\"")
        h.attr(context.language.rawValue)
        h.raw("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
        h.text(title)
        h.raw(" · Showroom</title><link rel=\"stylesheet\" href=\"/static/showroom.css\"><link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\"></head><body>")
        h.raw("<a class=\"skip\" href=\"#main\">")
        h.text(t("nav.skip"))
        h.raw("</a><header class=\"topbar\"><a class=\"brand\" href=\"/leads\"><span class=\"brand-mark\" aria-hidden=\"true\">S</span><span>Showroom</span><small>")
        h.text(t("app.tagline"))
        h.raw("</small></a><nav aria-label=\"")
        h.attr(t("nav.main"))
        h.raw("\"><ul>")
        h.raw("<li><a href=\"/leads\"")
        if section == .leads { h.raw(" aria-current=\"page\"") }
        h.raw(">")
        h.text(t("nav.leads"))
        h.raw("</a></li></ul></nav></header><main id=\"main\">")
        body(&h)
        h.raw("</main></body></html>\n")
        return h.bytes
    }
}
