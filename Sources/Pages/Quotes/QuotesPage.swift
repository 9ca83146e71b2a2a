import Showroom
import Store
import Web

/// The lead's quotes: the Quotes tab (every quote of the lead), picking a car from stock, the
/// editor, a quote's page with its revisions and the steps of its life, and accepting it
/// (the order form's facts). The PDFs are in `QuotePrintouts`.
enum QuotesPage {
    // MARK: - The Quotes tab

    static func list(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let leadID = try c.parameters.id("id")
        guard let lead = try db.leadHeader(id: leadID, visibleTo: c.viewer), let quotes = try db.quotes(leadID: leadID, visibleTo: c.viewer) else {
            throw HTTPError.notFound
        }
        return .html(LeadPage.frame(lead, tab: .quotes, context: c) { h in listTab(lead, quotes, context: c, into: &h) })
    }

    static func listTab(_ lead: LeadDetail, _ quotes: [QuoteSummary], context c: RequestContext, into h: inout HTML) {
        let t = c.t
        h.raw("<section class=\"card\" aria-labelledby=\"quotes-h\"><div class=\"card-head\"><h2 id=\"quotes-h\">")
        h.text(t("quotes.title"))
        h.raw("</h2>")
        if c.may(.quotesManage) {
            h.raw("<a class=\"button primary\" href=\"/leads/")
            h.int(lead.id)
            h.raw("/quotes/new\">")
            h.text(t("quotes.new"))
            h.raw("</a>")
        }
        h.raw("</div>")
        summaryTable(quotes, context: c, into: &h)
        h.raw("</section>")
    }

    /// The quotes as a table (the Quotes tab and the Details tab's card).
    static func summaryTable(_ quotes: [QuoteSummary], context c: RequestContext, into h: inout HTML) {
        let t = c.t, f = c.format
        guard !quotes.isEmpty else {
            h.raw("<p class=\"muted\">")
            h.text(t("quotes.none"))
            h.raw("</p>")
            return
        }
        h.raw("<div class=\"table-wrap\"><table class=\"quotes-table\"><thead><tr><th scope=\"col\">")
        for key in ["quotes.col.number", "quotes.col.vehicle", "quotes.col.status", "quotes.col.total", "quotes.col.valid_until"] {
            if key == "quotes.col.total" { h.raw("</th><th scope=\"col\" class=\"num\">") }
            else if key != "quotes.col.number" { h.raw("</th><th scope=\"col\">") }
            h.text(t(key))
        }
        h.raw("</th></tr></thead><tbody>")
        let today = CalendarDate.brussels(c.now)
        for q in quotes {
            h.raw("<tr><td><a class=\"code\" href=\"/quotes/")
            h.int(q.id)
            h.raw("\">")
            h.text(q.number)
            h.raw("</a>")
            if q.revision > 1 {
                h.raw(" <span class=\"muted\">")
                h.text(t("quote.revision_short", ["n": String(q.revision)]))
                h.raw("</span>")
            }
            h.raw("</td><td>")
            h.text(q.vehicleDescription)
            h.raw("</td><td>")
            statusBadge(q.status, validUntil: q.validUntil, today: today, t: t, into: &h)
            if let order = q.orderNumber {
                h.raw(" <span class=\"code\">")
                h.text(order)
                h.raw("</span>")
            }
            h.raw("</td><td class=\"num\">")
            h.text(f.money(cents: q.totalInclCents))
            h.raw("</td><td>")
            h.text(f.date(q.validUntil))
            h.raw("</td></tr>")
        }
        h.raw("</tbody></table></div>")
    }

    static func statusBadge(_ status: QuoteStatus, validUntil: CalendarDate, today: CalendarDate, t: Translator, into h: inout HTML) {
        // A sent quote past its validity date shows as expired before anyone marks it.
        let shown = status == .sent && QuoteValidity.isExpired(validUntil: validUntil, today: today) ? .expired : status
        h.raw("<span class=\"badge quote-")
        h.attr(shown.rawValue)
        h.raw("\">")
        h.text(t("quote.status." + shown.rawValue))
        h.raw("</span>")
    }

    // MARK: - A new quote: pick a car, then the editor

    static func newQuote(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let leadID = try c.parameters.id("id")
        guard let lead = try db.leadHeader(id: leadID, visibleTo: c.viewer) else { throw HTTPError.notFound }
        if let raw = c.request.query["vehicle"] {
            guard let id = Int64(raw), let car = try db.vehicle(id: id, viewer: c.viewer)?.vehicle, car.input.status != .sold else {
                return try picker(c, db, lead: lead, error: "quote.vehicle_unavailable", status: .unprocessable)
            }
            let settings = try QuoteSettings(db)
            let echo = QuoteForm.newEcho(car: car, contactVAT: try db.contactVATRate(leadID: leadID, visibleTo: c.viewer),
                                         validUntil: QuoteValidity.defaultValidUntil(issuedOn: CalendarDate.brussels(c.now), days: settings.validityDays),
                                         tradeIns: try db.approvedTradeIns(leadID: leadID, visibleTo: c.viewer) ?? [], t: c.t)
            return editor(c, lead: lead, car: car, echo: echo, action: "/leads/\(leadID)/quotes", errors: FieldErrors(), status: .ok)
        }
        return try picker(c, db, lead: lead, error: nil, status: .ok)
    }

    /// Stock the user may quote: available and demo cars of their branches, searchable.
    static func picker(_ c: RequestContext, _ db: AppDatabase, lead: LeadDetail, error: String?, status: HTTPStatus) throws -> Response {
        let t = c.t, f = c.format
        let text = String((c.request.query["q"] ?? "").prefix(100))
        var filter = VehicleFilter()
        filter.text = text
        filter.status = .available
        let page = try db.vehicles(filter, viewer: c.viewer)
        return .html(LeadPage.frame(lead, tab: .quotes, context: c) { h in
            h.raw("<section class=\"card\" aria-labelledby=\"pick-h\"><h2 id=\"pick-h\">")
            h.text(t("quote.pick_vehicle"))
            h.raw("</h2>")
            if let error {
                h.raw("<p class=\"alert\" role=\"alert\">")
                h.text(t(error))
                h.raw("</p>")
            }
            h.raw("<form method=\"get\" action=\"/leads/")
            h.int(lead.id)
            h.raw("/quotes/new\" class=\"inline-form\" role=\"search\">")
            h.field("q", label: t("quote.search_stock"), value: text, error: nil, t: t, type: "search", id: "pick-q")
            h.raw("<button type=\"submit\">")
            h.text(t("search.button"))
            h.raw("</button></form>")
            if page.rows.isEmpty {
                h.raw("<p class=\"muted\">")
                h.text(t("quote.no_vehicles"))
                h.raw("</p>")
            } else {
                h.raw("<ul class=\"matches\">")
                for v in page.rows {
                    h.raw("<li><a href=\"/leads/")
                    h.int(lead.id)
                    h.raw("/quotes/new?vehicle=")
                    h.int(v.id)
                    h.raw("\">")
                    h.text([v.make, v.model, v.version].filter { !$0.isEmpty }.joined(separator: " "))
                    h.raw("</a> <span class=\"muted\">")
                    h.text(t("condition." + v.condition.rawValue))
                    h.raw(" · ")
                    h.text(f.money(v.price))
                    h.raw(" · ")
                    h.text(v.branchName.in(c.language.rawValue))
                    h.raw("</span></li>")
                }
                h.raw("</ul>")
            }
            h.raw("</section>")
        }, status: status)
    }

    static func editor(_ c: RequestContext, lead: LeadDetail, car: Vehicle?, echo: QuoteForm.Echo, action: String, errors: FieldErrors,
                       status: HTTPStatus, title: String? = nil) -> Response {
        let t = c.t
        return .html(LeadPage.frame(lead, tab: .quotes, context: c) { h in
            h.raw("<section aria-labelledby=\"quote-edit-h\"><h2 id=\"quote-edit-h\">")
            h.text(title ?? t("quote.new_title"))
            h.raw("</h2>")
            if let car {
                h.raw("<p class=\"chosen\">")
                h.text(VehicleSummary.title(car.input))
                if !car.input.vin.isEmpty {
                    h.raw(" · <span class=\"code\">")
                    h.text(car.input.vin)
                    h.raw("</span>")
                }
                h.raw("</p>")
            }
            QuoteForm.write(echo, action: action, marginCar: car?.input.vatRegime == .margin, errors: errors, context: c, into: &h)
            h.raw("</section>")
        }, status: status)
    }

    static func create(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let leadID = try c.parameters.id("id")
        guard let lead = try db.leadHeader(id: leadID, visibleTo: c.viewer) else { throw HTTPError.notFound }
        let carID = QuoteForm.vehicle.value(c.form) ?? 0
        guard let car = try db.vehicle(id: carID, viewer: c.viewer)?.vehicle else {
            return try picker(c, db, lead: lead, error: "quote.vehicle_unavailable", status: .unprocessable)
        }
        let action = "/leads/\(leadID)/quotes"
        var errors = FieldErrors()
        let (draft, echo) = QuoteForm.read(c.form, marginCar: car.input.vatRegime == .margin, errors: &errors)
        if QuoteForm.wantsMoreRows(c.form) {
            return editor(c, lead: lead, car: car, echo: withMoreRows(echo), action: action, errors: FieldErrors(), status: .ok)
        }
        guard let draft else { return editor(c, lead: lead, car: car, echo: echo, action: action, errors: errors, status: .unprocessable) }
        do {
            let id = try db.createQuote(leadID: leadID, draft, by: c.viewer, now: c.now)
            return .redirect(to: "/quotes/\(id)")
        } catch StoreError.invalid(let v) {
            errors.add(QuoteForm.field(of: v), v.catalogKey)
            return editor(c, lead: lead, car: car, echo: echo, action: action, errors: errors, status: .unprocessable)
        }
    }

    static func withMoreRows(_ echo: QuoteForm.Echo) -> QuoteForm.Echo {
        var e = echo
        let vat = e.rows.last.flatMap { VATRate(percentText: $0.vat) } ?? .standard
        e.rows += QuoteForm.blankRows(min(2, QuoteLimits.maxLines - e.rows.count), vat: vat)
        return e
    }

    // MARK: - A quote's page

    static func show(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        let revision = c.request.query["revision"].flatMap { Int($0) }
        guard let q = try db.quote(id: id, revision: revision, visibleTo: c.viewer),
              let lead = try db.leadHeader(id: q.leadID, visibleTo: c.viewer) else { throw HTTPError.notFound }
        return quotePage(c, lead: lead, q, alert: nil, status: .ok)
    }

    static func quotePage(_ c: RequestContext, lead: LeadDetail, _ q: QuoteView, alert: String?, status: HTTPStatus) -> Response {
        let t = c.t, f = c.format
        let r = q.shown
        let today = CalendarDate.brussels(c.now)
        return .html(LeadPage.frame(lead, tab: .quotes, context: c) { h in
            h.raw("<section class=\"card quote\" aria-labelledby=\"quote-h\"><div class=\"card-head\"><h2 id=\"quote-h\">")
            h.text(t("quote.title", ["number": q.number]))
            h.raw(" <span class=\"muted\">")
            h.text(t("quote.revision", ["n": String(r.number)]))
            h.raw("</span></h2>")
            if q.showsCurrent { statusBadge(q.status, validUntil: r.validUntil, today: today, t: t, into: &h) }
            h.raw("</div>")
            if let alert {
                h.raw("<p class=\"alert\" role=\"alert\">")
                h.text(t(alert))
                h.raw("</p>")
            }
            if !q.showsCurrent {
                h.raw("<p class=\"notice\">")
                h.text(t("quote.older_revision", ["n": String(q.currentRevision)]))
                h.raw(" <a href=\"/quotes/")
                h.int(q.id)
                h.raw("\">")
                h.text(t("quote.to_current"))
                h.raw("</a></p>")
            } else if q.status.isFrozen && q.status != .accepted {
                h.raw("<p class=\"muted\">")
                h.text(t("quote.frozen"))
                h.raw("</p>")
            }
            h.raw("<dl class=\"task-facts\"><div><dt>")
            h.text(t("quote.issued_on"))
            h.raw("</dt><dd>")
            h.text(f.date(r.issuedOn))
            h.raw("</dd></div><div><dt>")
            h.text(t("quote.valid_until"))
            h.raw("</dt><dd>")
            h.text(f.date(r.validUntil))
            h.raw("</dd></div>")
            if let sent = r.sentAt {
                h.raw("<div><dt>")
                h.text(t("quote.sent_at"))
                h.raw("</dt><dd>")
                h.time(sent, f)
                if let by = r.sentByName { h.raw(" · "); h.text(by) }
                h.raw("</dd></div>")
            }
            if let by = q.approvedByName, let at = q.approvedAt {
                h.raw("<div><dt>")
                h.text(t("quote.approved_by"))
                h.raw("</dt><dd>")
                h.text(by)
                h.raw(" · ")
                h.time(at, f)
                h.raw("</dd></div>")
            }
            if let order = q.order {
                h.raw("<div><dt>")
                h.text(t("quote.order_form"))
                h.raw("</dt><dd class=\"code\">")
                h.text(order.number)
                h.raw("</dd></div>")
            }
            h.raw("</dl>")
            linesTable(r, context: c, into: &h)
            if !r.note.isEmpty {
                h.raw("<p class=\"task-description\">")
                h.text(r.note)
                h.raw("</p>")
            }
            documentLinks(q, context: c, into: &h)
            if q.showsCurrent { actions(q, today: today, context: c, into: &h) }
            if q.revisions.count > 1 {
                h.raw("<h3>")
                h.text(t("quote.revisions"))
                h.raw("</h3><ul class=\"contact-leads\">")
                for rev in q.revisions {
                    h.raw("<li><a href=\"/quotes/")
                    h.int(q.id)
                    h.raw("?revision=")
                    h.int(rev.number)
                    h.raw("\"")
                    if rev.number == r.number { h.raw(" aria-current=\"page\"") }
                    h.raw(">")
                    h.text(t("quote.revision", ["n": String(rev.number)]))
                    h.raw("</a> · ")
                    h.text(f.date(rev.issuedOn))
                    h.raw(" · ")
                    h.text(f.money(cents: rev.inclCents))
                    if rev.sentAt != nil { h.raw(" · "); h.text(t("quote.status.sent")) }
                    h.raw("</li>")
                }
                h.raw("</ul>")
            }
            h.raw("</section>")
        }, status: status)
    }

    /// The lines with their amounts and the totals; a margin-scheme line shows no VAT, and the
    /// mention says why.
    static func linesTable(_ r: QuoteRevision, context c: RequestContext, into h: inout HTML) {
        let t = c.t, f = c.format
        h.raw("<div class=\"table-wrap\"><table class=\"quote-lines-table\"><thead><tr><th scope=\"col\">")
        h.text(t("quote.line.description"))
        for key in ["quote.line.quantity", "quote.line.unit_price", "quote.line.vat", "quote.col.excl", "quote.col.vat", "quote.col.incl"] {
            h.raw("</th><th scope=\"col\" class=\"num\">")
            h.text(t(key))
        }
        h.raw("</th></tr></thead><tbody>")
        for l in r.lines {
            let line = l.line
            h.raw("<tr><td>")
            h.text(line.description)
            h.raw(" <span class=\"muted\">")
            h.text(t("quote.kind." + line.kind.rawValue))
            h.raw("</span></td><td class=\"num\">")
            h.int(line.quantity)
            h.raw("</td><td class=\"num\">")
            if let bp = line.discountBasisPoints {
                h.text(VATRate(basisPoints: bp).percentText + " %")
            } else {
                h.text(f.money(cents: line.unitPriceCents))
            }
            h.raw("</td><td class=\"num\">")
            // The stored treatment is the one that applied (a discount takes its line's).
            if let rate = line.vat.rate { h.text(rate.percentText + " %") } else { h.raw("—") }
            let margin = line.vat == .marginScheme
            h.raw("</td><td class=\"num\">")
            if margin { h.raw("—") } else { h.text(f.money(cents: l.exclCents)) }
            h.raw("</td><td class=\"num\">")
            if margin { h.raw("—") } else { h.text(f.money(cents: l.vatCents)) }
            h.raw("</td><td class=\"num\">")
            h.text(f.money(cents: l.inclCents))
            h.raw("</td></tr>")
        }
        h.raw("</tbody><tfoot><tr><th scope=\"row\" colspan=\"4\">")
        h.text(t("quote.totals"))
        h.raw("</th><td class=\"num\">")
        h.text(f.money(cents: r.exclCents))
        h.raw("</td><td class=\"num\">")
        h.text(f.money(cents: r.vatCents))
        h.raw("</td><td class=\"num\"><strong>")
        h.text(f.money(cents: r.inclCents))
        h.raw("</strong></td></tr></tfoot></table></div>")
        if r.marginScheme {
            h.raw("<p class=\"margin-note\">")
            h.text(t("quote.margin_scheme"))
            h.raw("</p>")
        }
    }

    static func documentLinks(_ q: QuoteView, context c: RequestContext, into h: inout HTML) {
        let t = c.t
        h.raw("<p class=\"head-actions\"><a class=\"button\" href=\"/quotes/")
        h.int(q.id)
        h.raw("/overview.pdf")
        if !q.showsCurrent { h.raw("?revision="); h.int(q.shown.number) }
        h.raw("\">")
        h.text(t("quote.download_overview"))
        h.raw("</a>")
        if q.order != nil && q.showsCurrent {
            h.raw("<a class=\"button\" href=\"/quotes/")
            h.int(q.id)
            h.raw("/order-form.pdf\">")
            h.text(t("quote.download_order_form"))
            h.raw("</a>")
        }
        h.raw("</p>")
    }

    /// The steps the user may take now, each a small form with the version it was shown at.
    static func actions(_ q: QuoteView, today: CalendarDate, context c: RequestContext, into h: inout HTML) {
        let t = c.t
        guard c.may(.quotesManage) || c.may(.quotesApprove) else { return }
        var steps: [QuoteAction] = []
        switch q.status {
        case .draft: steps = [.send, .requestApproval]
        case .approvalRequested: steps = c.may(.quotesApprove) ? [.approve, .rejectApproval] : []
        case .approved: steps = [.send]
        case .sent: steps = QuoteValidity.isExpired(validUntil: q.shown.validUntil, today: today) ? [.expire] : [.decline]
        case .accepted, .declined, .expired: steps = []
        }
        if !c.may(.quotesManage) { steps.removeAll { $0 != .approve && $0 != .rejectApproval } }
        h.raw("<div class=\"form-actions quote-actions\">")
        if c.may(.quotesManage) && q.status != .accepted {
            h.raw("<a class=\"button\" href=\"/quotes/")
            h.int(q.id)
            h.raw("/edit\">")
            h.text(t(q.status.isFrozen ? "quote.new_revision" : "quote.edit"))
            h.raw("</a>")
        }
        if c.may(.quotesManage) && q.status == .sent && !QuoteValidity.isExpired(validUntil: q.shown.validUntil, today: today) {
            h.raw("<a class=\"button primary\" href=\"/quotes/")
            h.int(q.id)
            h.raw("/accept\">")
            h.text(t("quote.action.accept"))
            h.raw("</a>")
        }
        for step in steps {
            h.raw("<form method=\"post\" action=\"/quotes/")
            h.int(q.id)
            h.raw("/status\" class=\"inline\">")
            h.csrf(c.user?.csrfToken ?? "")
            h.hidden("version", String(q.version))
            h.raw("<button type=\"submit\" name=\"")
            h.attr(QuoteForm.step.name)
            h.raw("\" value=\"")
            h.attr(step.rawValue)
            h.raw("\"")
            if step == .send || step == .approve { h.raw(" class=\"primary\"") }
            h.raw(">")
            h.text(t("quote.action." + step.rawValue))
            h.raw("</button></form>")
        }
        h.raw("</div>")
    }

    // MARK: - Editing

    static func edit(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        guard let q = try db.quote(id: id, visibleTo: c.viewer), let lead = try db.leadHeader(id: q.leadID, visibleTo: c.viewer) else { throw HTTPError.notFound }
        guard q.status != .accepted else { return quotePage(c, lead: lead, q, alert: RuleViolation.quoteTransitionNotAllowed.catalogKey, status: .conflict) }
        let car = try q.shown.vehicleID.flatMap { try db.vehicle(id: $0, viewer: c.viewer)?.vehicle }
        var echo = QuoteForm.echo(of: q, contactVAT: try db.contactVATRate(leadID: q.leadID, visibleTo: c.viewer))
        // A validity date already past would only be refused: offer the default from today instead
        // (a new version of an expired quote is issued today).
        let today = CalendarDate.brussels(c.now)
        if q.shown.validUntil < today {
            echo.validUntil = QuoteValidity.defaultValidUntil(issuedOn: today, days: try QuoteSettings(db).validityDays).iso
        }
        return editor(c, lead: lead, car: car, echo: echo, action: "/quotes/\(id)", errors: FieldErrors(), status: .ok, title: editTitle(q, t: c.t))
    }

    static func editTitle(_ q: QuoteView, t: Translator) -> String {
        q.status.isFrozen ? t("quote.new_revision_title", ["number": q.number, "n": String(q.currentRevision + 1)])
                          : t("quote.edit_title", ["number": q.number])
    }

    static func update(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        guard let q = try db.quote(id: id, visibleTo: c.viewer), let lead = try db.leadHeader(id: q.leadID, visibleTo: c.viewer) else { throw HTTPError.notFound }
        let carID = QuoteForm.vehicle.value(c.form) ?? 0
        guard let car = try db.vehicle(id: carID, viewer: c.viewer)?.vehicle else { throw HTTPError.notFound }
        let action = "/quotes/\(id)"
        var errors = FieldErrors()
        let (draft, echo) = QuoteForm.read(c.form, marginCar: car.input.vatRegime == .margin, errors: &errors)
        let title = editTitle(q, t: c.t)
        if QuoteForm.wantsMoreRows(c.form) {
            return editor(c, lead: lead, car: car, echo: withMoreRows(echo), action: action, errors: FieldErrors(), status: .ok, title: title)
        }
        guard let draft, let version = echo.version else {
            return editor(c, lead: lead, car: car, echo: echo, action: action, errors: errors, status: .unprocessable, title: title)
        }
        do {
            try db.updateQuote(id: id, draft, version: version, by: c.viewer, now: c.now)
            return .redirect(to: "/quotes/\(id)")
        } catch StoreError.invalid(let v) {
            errors.add(QuoteForm.field(of: v), v.catalogKey)
            return editor(c, lead: lead, car: car, echo: echo, action: action, errors: errors, status: .unprocessable, title: title)
        } catch StoreError.conflict {
            // Someone changed the quote since: what they saved is on the quote's page; what
            // this person typed stays in the form, with the newest version to save over.
            var fresh = echo
            fresh.version = q.version
            errors.add("lines", "quote.conflict")
            return editor(c, lead: lead, car: car, echo: fresh, action: action, errors: errors, status: .conflict, title: title)
        }
    }

    // MARK: - Steps

    static func changeStatus(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        guard let action = QuoteForm.step.value(c.form), action != .accept,
              let version = FormField<Int64>.version.value(c.form) else { throw HTTPError.badRequest }
        if action == .approve || action == .rejectApproval { try c.require(.quotesApprove) } else { try c.require(.quotesManage) }
        let settings = try QuoteSettings(db)
        do {
            try db.changeQuote(id: id, action, policy: settings.discountPolicy, mayApprove: c.may(.quotesApprove), version: version, by: c.viewer, now: c.now)
            return .redirect(to: "/quotes/\(id)")
        } catch StoreError.invalid(let v) {
            guard let q = try db.quote(id: id, visibleTo: c.viewer), let lead = try db.leadHeader(id: q.leadID, visibleTo: c.viewer) else { throw HTTPError.notFound }
            return quotePage(c, lead: lead, q, alert: v.catalogKey, status: .unprocessable)
        } catch StoreError.conflict {
            guard let q = try db.quote(id: id, visibleTo: c.viewer), let lead = try db.leadHeader(id: q.leadID, visibleTo: c.viewer) else { throw HTTPError.notFound }
            return quotePage(c, lead: lead, q, alert: "quote.conflict", status: .conflict)
        }
    }

    // MARK: - Accepting: the order form's facts

    enum AcceptFields {
        static let place = FormField<String>.text("signed_place", .key("order.signed_place"), required: true, maxLength: 100)
        static let signedOn = FormField<CalendarDate>("signed_on", label: .key("order.signed_on"), control: .input(type: "date", autocomplete: "off"),
                                                      required: true, maxLength: 10, invalid: "form.date_invalid") { CalendarDate(iso: $0) }
        static let deposit = FormField<Money>("deposit", label: .key("order.deposit"), control: .input(type: "text", autocomplete: "off"),
                                              maxLength: 20, invalid: "form.amount_invalid") { VehicleRules.parseEuros($0) }
        static let delivery = FormField<CalendarDate>("delivery_by", label: .key("order.delivery_by"), control: .input(type: "date", autocomplete: "off"),
                                                      required: true, maxLength: 10, invalid: "form.date_invalid") { CalendarDate(iso: $0) }
        static let channel = FormField<SaleChannel>.choice("channel", .key("order.channel"), required: true) { SaleChannel(rawValue: $0) }
        static let essentials = FormField<String>.textarea("essentials", .key("order.essentials"), rows: 3, maxLength: 2000)
        static let warranty = FormField<Int>.choice("warranty_months", .key("order.warranty"), required: true) { Int($0) }
    }

    struct AcceptEcho {
        var place = "", signedOn = "", deposit = "", delivery = "", channel = SaleChannel.showroom.rawValue, essentials = "", warranty = "24"
    }

    static func acceptForm(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        guard let q = try db.quote(id: id, visibleTo: c.viewer), let lead = try db.leadHeader(id: q.leadID, visibleTo: c.viewer) else { throw HTTPError.notFound }
        // Only a sent quote can be accepted: anything else shows the quote with the reason.
        guard q.status == .sent else { return quotePage(c, lead: lead, q, alert: RuleViolation.quoteTransitionNotAllowed.catalogKey, status: .conflict) }
        let settings = try QuoteSettings(db)
        let today = CalendarDate.brussels(c.now)
        let echo = AcceptEcho(place: settings.defaultPlace, signedOn: today.iso,
                              deposit: Format.amount(settings.defaultDepositCents(totalInclCents: q.shown.inclCents)),
                              delivery: OrderFormRules.defaultLatestDelivery(signedOn: today, policy: settings.orderFormPolicy).iso)
        return acceptPage(c, lead: lead, q, echo: echo, errors: FieldErrors(), status: .ok)
    }

    static func acceptPage(_ c: RequestContext, lead: LeadDetail, _ q: QuoteView, echo: AcceptEcho, errors: FieldErrors, status: HTTPStatus) -> Response {
        let t = c.t, f = c.format
        let used = q.vehicle.map { $0.input.condition != .new } ?? true
        return .html(LeadPage.frame(lead, tab: .quotes, context: c) { h in
            h.raw("<section class=\"card\" aria-labelledby=\"accept-h\"><h2 id=\"accept-h\">")
            h.text(t("order.title", ["number": q.number]))
            h.raw("</h2><p>")
            h.text(t("order.total", ["total": f.money(cents: q.shown.inclCents)]))
            h.raw("</p>")
            if let e = errors["form"] {
                h.raw("<p class=\"alert\" role=\"alert\">")
                h.text(t(e))
                h.raw("</p>")
            }
            h.raw("<form method=\"post\" action=\"/quotes/")
            h.int(q.id)
            h.raw("/accept\" class=\"grid-form\" novalidate>")
            h.csrf(c.user?.csrfToken ?? "")
            h.hidden("version", String(q.version))
            h.field(AcceptFields.place, value: echo.place, errors: errors, t: t)
            h.field(AcceptFields.signedOn, value: echo.signedOn, errors: errors, t: t)
            h.field(AcceptFields.deposit, value: echo.deposit, errors: errors, t: t)
            h.field(AcceptFields.delivery, value: echo.delivery, errors: errors, t: t)
            h.select(AcceptFields.channel, options: SaleChannel.allCases.map { ($0.rawValue, t("order.channel." + $0.rawValue)) }, selected: echo.channel, errors: errors, t: t)
            h.select(AcceptFields.warranty, options: LegalWarranty.allowedMonths(usedCar: used).map { (String($0), t("order.warranty_months", ["n": String($0)])) },
                     selected: echo.warranty, errors: errors, t: t)
            h.raw("<div class=\"wide\">")
            h.field(AcceptFields.essentials, value: echo.essentials, errors: errors, t: t)
            h.raw("</div><div class=\"form-actions wide\"><button type=\"submit\" class=\"primary\">")
            h.text(t("order.accept"))
            h.raw("</button><a class=\"button\" href=\"/quotes/")
            h.int(q.id)
            h.raw("\">")
            h.text(t("form.cancel"))
            h.raw("</a></div></form></section>")
        }, status: status)
    }

    static func accept(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        guard let q = try db.quote(id: id, visibleTo: c.viewer), let lead = try db.leadHeader(id: q.leadID, visibleTo: c.viewer) else { throw HTTPError.notFound }
        let form = c.form
        typealias F = AcceptFields
        var errors = FieldErrors()
        let echo = AcceptEcho(place: F.place.text(form), signedOn: F.signedOn.text(form), deposit: F.deposit.text(form), delivery: F.delivery.text(form),
                              channel: F.channel.text(form), essentials: F.essentials.text(form), warranty: F.warranty.text(form))
        let place = F.place.readText(form, errors: &errors)
        let signedOn = F.signedOn.read(form, errors: &errors)
        let deposit = F.deposit.read(form, errors: &errors) ?? Money(cents: 0)
        let delivery = F.delivery.read(form, errors: &errors)
        let channel = F.channel.read(form, errors: &errors)
        let essentials = F.essentials.readText(form, errors: &errors)
        let warranty = F.warranty.read(form, errors: &errors)
        let settings = try QuoteSettings(db)
        if let signedOn, let delivery, let channel, let warranty, errors.isEmpty {
            let input = OrderFormInput(signedPlace: place, signedOn: signedOn, depositCents: deposit.cents, deliveryBy: delivery, channel: channel,
                                       essentials: essentials, warrantyMonths: warranty)
            // The rules of the order form, each beside its field, before the store checks them again.
            if let v = OrderFormRules.checkDeposit(deposit.cents, totalInclCents: q.shown.inclCents, policy: settings.orderFormPolicy) {
                errors.add(F.deposit.name, v.catalogKey)
            }
            if let v = OrderFormRules.checkLatestDelivery(delivery, signedOn: signedOn) { errors.add(F.delivery.name, v.catalogKey) }
            if let v = LegalWarranty.check(months: warranty, usedCar: q.vehicle.map { $0.input.condition != .new } ?? true) { errors.add(F.warranty.name, v.catalogKey) }
            if errors.isEmpty, let version = FormField<Int64>.version.value(form) {
                do {
                    try db.acceptQuote(id: id, order: input, policy: settings.orderFormPolicy, version: version, by: c.viewer, now: c.now)
                    return .redirect(to: "/quotes/\(id)")
                } catch StoreError.invalid(let v) {
                    errors.add("form", v.catalogKey)
                } catch StoreError.conflict {
                    errors.add("form", "quote.conflict")
                }
            }
        }
        guard let fresh = try db.quote(id: id, visibleTo: c.viewer) else { throw HTTPError.notFound }
        return acceptPage(c, lead: lead, fresh, echo: echo, errors: errors, status: errors["form"] == "quote.conflict" ? .conflict : .unprocessable)
    }
}

/// The car's title as people say it: make, model, version.
enum VehicleSummary {
    static func title(_ v: VehicleInput) -> String {
        [v.make, v.model, v.version].filter { !$0.isEmpty }.joined(separator: " ")
    }
}
