import Showroom
import Store
import Web

/// Trade-ins (issue 11): `/leads/{id}/tradeins/new` (the *Overname* button) and its POST,
/// `/tradeins/{id}` (the trade-in with its decision block for `tradeins.approve` holders),
/// `/tradeins/{id}/edit` and its POST, the decision and the delete. A trade-in whose lead the
/// user may not see is not found (404). Photos and inspection reports are the lead's documents.
enum TradeInsPage {
    // MARK: - New

    static func newForm(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let leadID = try c.parameters.id("id")
        guard let lead = try db.leadHeader(id: leadID, visibleTo: c.viewer) else { throw HTTPError.notFound }
        var texts = TradeInForm.texts(TradeInInput())
        texts[TradeInForm.fuel.name] = ""
        return form(c, lead: lead, id: nil, texts: texts, version: 0, errors: FieldErrors(), conflict: [], status: .ok)
    }

    static func create(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let leadID = try c.parameters.id("id")
        guard let lead = try db.leadHeader(id: leadID, visibleTo: c.viewer) else { throw HTTPError.notFound }
        var (input, errors, texts) = TradeInForm.parse(c.form, today: CalendarDate.brussels(c.now))
        if errors.isEmpty {
            do {
                let id = try db.createTradeIn(leadID: leadID, input, by: c.viewer, now: c.now)
                return .redirect(to: "/tradeins/\(id)?done=created")
            } catch StoreError.invalid(let v) {
                errors.add(field(of: v), v)
            }
        }
        if !input.vin.isEmpty { texts[TradeInForm.vin.name] = input.vin }
        return form(c, lead: lead, id: nil, texts: texts, version: 0, errors: errors, conflict: [], status: .unprocessable)
    }

    // MARK: - Edit

    static func editForm(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        guard let ti = try db.tradeIn(id: id, visibleTo: c.viewer), let lead = try db.leadHeader(id: ti.leadID, visibleTo: c.viewer) else {
            throw HTTPError.notFound
        }
        return form(c, lead: lead, id: id, texts: TradeInForm.texts(ti.input), version: ti.version, errors: FieldErrors(), conflict: [], status: .ok)
    }

    static func update(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        guard let current = try db.tradeIn(id: id, visibleTo: c.viewer), let lead = try db.leadHeader(id: current.leadID, visibleTo: c.viewer) else {
            throw HTTPError.notFound
        }
        let version = FormField.version.value(c.form) ?? -1
        var (input, errors, texts) = TradeInForm.parse(c.form, today: CalendarDate.brussels(c.now))
        if errors.isEmpty {
            do {
                let status = try db.updateTradeIn(id: id, input, version: version, by: c.viewer, now: c.now)
                let backToProposed = status == .proposed && current.status != .proposed
                return .redirect(to: "/tradeins/\(id)?done=" + (backToProposed ? "proposed" : "saved"))
            } catch StoreError.conflict {
                // What the other person saved beside what this user typed; nothing is overwritten.
                let theirs = TradeInForm.texts(current.input)
                let mine = TradeInForm.texts(input)
                let diff = TradeInForm.conflictFields.compactMap { (name, key) -> (String, String, String)? in
                    theirs[name] == mine[name] ? nil : (key, theirs[name] ?? "", mine[name] ?? "")
                }
                return form(c, lead: lead, id: id, texts: texts, version: current.version, errors: FieldErrors(), conflict: diff, status: .conflict)
            } catch StoreError.invalid(let v) {
                errors.add(field(of: v), v)
            }
        }
        if !input.vin.isEmpty { texts[TradeInForm.vin.name] = input.vin }
        return form(c, lead: lead, id: id, texts: texts, version: version, errors: errors, conflict: [], status: .unprocessable)
    }

    /// The form field a store refusal belongs beside (the form checks the same rules first, so
    /// this is only reached when they change between the two).
    static func field(of violation: RuleViolation) -> String {
        switch violation {
        case .vinInvalid: return TradeInForm.vin.name
        case .firstRegistrationInFuture: return TradeInForm.firstRegistration.name
        case .odometerOutOfRange: return TradeInForm.odometer.name
        default: return TradeInForm.offeredPrice.name
        }
    }

    static func form(_ c: RequestContext, lead: LeadDetail, id: Int64?, texts: TradeInForm.Texts, version: Int64, errors: FieldErrors,
                     conflict: [(String, String, String)], status: HTTPStatus) -> Response {
        let t = c.t
        let title = id == nil ? t("tradeins.new") : t("tradeins.edit")
        return .html(LeadPage.frame(lead, tab: .details, context: c) { h in
            h.raw("<section class=\"card\" aria-labelledby=\"tradein-form-h\"><p class=\"crumbs\"><a href=\"")
            if let id { h.raw("/tradeins/"); h.int(id) } else { h.raw("/leads/"); h.int(lead.id) }
            h.raw("\">← ")
            h.text(t(id == nil ? "tradeins.back" : "tradeins.back_to_tradein"))
            h.raw("</a></p><h2 id=\"tradein-form-h\">")
            h.text(title)
            h.raw("</h2>")
            if !conflict.isEmpty {
                h.raw("<div class=\"alert\" role=\"alert\"><p>")
                h.text(t("tradeins.conflict"))
                h.raw("</p><dl class=\"diff\">")
                for (key, theirs, mine) in conflict {
                    h.raw("<div><dt>")
                    h.text(t(key))
                    h.raw("</dt><dd>")
                    h.text(t("conflict.theirs"))
                    h.raw(": <strong>")
                    h.text(theirs.isEmpty ? "—" : theirs)
                    h.raw("</strong> · ")
                    h.text(t("conflict.yours"))
                    h.raw(": ")
                    h.text(mine.isEmpty ? "—" : mine)
                    h.raw("</dd></div>")
                }
                h.raw("</dl></div>")
            } else if !errors.isEmpty {
                h.raw("<p class=\"alert\" role=\"alert\">")
                h.text(t("tradeins.form_errors"))
                h.raw("</p>")
            }
            h.raw("<form method=\"post\" action=\"")
            if let id { h.raw("/tradeins/"); h.int(id) } else { h.raw("/leads/"); h.int(lead.id); h.raw("/tradeins") }
            h.raw("\" class=\"vehicle-form\">")
            h.csrf(c.user?.csrfToken ?? "")
            if id != nil { h.hidden(FormField.version.name, String(version)) }
            TradeInForm.fields(texts, errors: errors, t: t, into: &h)
            h.raw("<p class=\"hint\">")
            h.text(t("tradeins.documents"))
            h.raw(" <a href=\"/leads/")
            h.int(lead.id)
            h.raw("#documents\">")
            h.text(t("tradeins.documents_link"))
            h.raw("</a></p><div class=\"form-actions\"><button type=\"submit\" class=\"primary\">")
            h.text(t("form.save"))
            h.raw("</button></div></form></section>")
        }, status: status)
    }

    // MARK: - A trade-in's page

    static func show(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        guard let ti = try db.tradeIn(id: id, visibleTo: c.viewer), let lead = try db.leadHeader(id: ti.leadID, visibleTo: c.viewer) else {
            throw HTTPError.notFound
        }
        let notices = ["created": "tradeins.created", "saved": "tradeins.saved", "proposed": "tradeins.back_to_proposed", "decided": "tradeins.decided"]
        return page(c, lead: lead, ti, notice: c.request.query["done"].flatMap { notices[$0] }, alert: nil, reason: "", errors: FieldErrors(), deletable: try isDeletable(db, ti.id, c), status: .ok)
    }

    static func badge(_ status: TradeInStatus, t: Translator, into h: inout HTML) {
        h.raw("<span class=\"badge ")
        h.raw(status == .approved ? "badge-won" : status == .refused ? "badge-lost" : "badge-reserved")
        h.raw("\">")
        h.text(t("tradein.status." + status.rawValue))
        h.raw("</span>")
    }

    static func page(_ c: RequestContext, lead: LeadDetail, _ ti: TradeIn, notice: String?, alert: String?, reason: String, errors: FieldErrors,
                     deletable: Bool, status: HTTPStatus) -> Response {
        let t = c.t, f = c.format
        let i = ti.input
        return .html(LeadPage.frame(lead, tab: .details, context: c) { h in
            h.raw("<section class=\"card\" aria-labelledby=\"tradein-h\"><p class=\"crumbs\"><a href=\"/leads/")
            h.int(lead.id)
            h.raw("\">← ")
            h.text(t("tradeins.back"))
            h.raw("</a></p><div class=\"card-head\"><h2 id=\"tradein-h\">")
            h.text(t("tradein.title", ["car": i.title]))
            h.raw("</h2>")
            badge(ti.status, t: t, into: &h)
            if c.may(.tradeinsManage) {
                h.raw("<a class=\"button\" href=\"/tradeins/")
                h.int(ti.id)
                h.raw("/edit\">")
                h.text(t("tradeins.edit"))
                h.raw("</a>")
            }
            h.raw("</div>")
            h.outcome(notice: notice, alert: alert, t: t)
            func row(_ key: String, _ value: String) { h.fact(t(key), value) }
            h.raw("<h3>")
            h.text(t("tradeins.group.car"))
            h.raw("</h3><dl class=\"vehicle-facts\">")
            row("tradein.make", i.make)
            row("tradein.model", i.model)
            row("tradein.version", i.version)
            row("vehicle.vin", i.vin)
            row("tradein.plate", i.plate)
            row("tradein.first_registration", i.firstRegistration?.belgian ?? "")
            row("vehicles.col.km", i.odometerKm.map(VehiclesPage.kilometres) ?? "")
            row("tradein.fuel", t(VehicleForm.labelKey(i.fuel)))
            row("tradein.colour", i.colour)
            h.raw("</dl><h3>")
            h.text(t("tradeins.group.state"))
            h.raw("</h3><dl class=\"vehicle-facts\">")
            row("tradein.condition_notes", i.conditionNotes)
            row("tradein.damage", i.damage)
            row("tradein.repair_cost", i.expectedRepairCost.map(f.money) ?? "")
            h.raw("</dl><h3>")
            h.text(t("tradeins.group.price"))
            h.raw("</h3><dl class=\"vehicle-facts\">")
            row("tradein.outstanding_finance", i.outstandingFinance.map(f.money) ?? "")
            row("tradein.estimated_value", i.estimatedValue.map(f.money) ?? "")
            row("tradein.offered_price", f.money(i.offeredPrice))
            h.raw("</dl>")
            if let value = i.estimatedValue, i.offeredPrice > value {
                h.raw("<p class=\"alert\">")
                h.text(t("tradein.above_value"))
                h.raw("</p>")
            }
            h.raw("<p class=\"hint\">")
            h.text(t("tradeins.documents"))
            h.raw(" <a href=\"/leads/")
            h.int(lead.id)
            h.raw("#documents\">")
            h.text(t("tradeins.documents_link"))
            h.raw("</a></p></section>")

            // The decision: who proposed, who decided and why; the buttons for approvers.
            h.raw("<section class=\"card\" aria-labelledby=\"decision-h\"><h2 id=\"decision-h\">")
            h.text(t("tradeins.group.decision"))
            h.raw("</h2><p class=\"meta\">")
            h.text(t("tradein.proposed_by", ["name": ti.createdByName ?? "—", "date": f.dateTime(ti.createdAt)]))
            h.raw("</p>")
            if ti.status != .proposed, let at = ti.decidedAt {
                h.raw("<p>")
                h.text(t("tradein.decided_by", ["status": t("tradein.status." + ti.status.rawValue), "name": ti.decidedByName ?? "—", "date": f.dateTime(at)]))
                h.raw("</p>")
                if !ti.decisionReason.isEmpty {
                    h.raw("<dl class=\"vehicle-facts\">")
                    row("tradein.reason", ti.decisionReason)
                    h.raw("</dl>")
                }
            } else if ti.status == .proposed {
                h.raw("<p class=\"muted\">")
                h.text(t("tradein.waiting"))
                h.raw("</p>")
                if c.may(.tradeinsApprove) {
                    h.raw("<form method=\"post\" action=\"/tradeins/")
                    h.int(ti.id)
                    h.raw("/decision\">")
                    h.csrf(c.user?.csrfToken ?? "")
                    h.hidden(FormField.version.name, String(ti.version))
                    h.field(TradeInForm.reason, value: reason, errors: errors, t: t)
                    h.raw("<div class=\"form-actions\"><button type=\"submit\" class=\"primary\" name=\"decision\" value=\"approve\">")
                    h.text(t("tradein.approve"))
                    h.raw("</button><button type=\"submit\" name=\"decision\" value=\"refuse\">")
                    h.text(t("tradein.refuse"))
                    h.raw("</button></div></form>")
                }
            }
            h.raw("</section>")
            if c.may(.tradeinsManage) {
                h.raw("<section class=\"card\" aria-labelledby=\"tradein-delete-h\"><h2 id=\"tradein-delete-h\">")
                h.text(t("tradein.delete"))
                h.raw("</h2>")
                if deletable {
                    h.raw("<form method=\"post\" action=\"/tradeins/")
                    h.int(ti.id)
                    h.raw("/delete\">")
                    h.csrf(c.user?.csrfToken ?? "")
                    h.hidden(FormField.version.name, String(ti.version))
                    h.raw("<button type=\"submit\">")
                    h.text(t("tradein.delete"))
                    h.raw("</button></form>")
                } else {
                    h.raw("<p class=\"muted\">")
                    h.text(t("tradein.delete_approved"))
                    h.raw("</p>")
                }
                h.raw("</section>")
            }
        }, status: status)
    }

    static func isDeletable(_ db: AppDatabase, _ id: Int64, _ c: RequestContext) throws -> Bool {
        try db.tradeInIsDeletable(id: id, visibleTo: c.viewer) ?? false
    }

    // MARK: - Decision and delete

    static func decide(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        guard let ti = try db.tradeIn(id: id, visibleTo: c.viewer), let lead = try db.leadHeader(id: ti.leadID, visibleTo: c.viewer) else {
            throw HTTPError.notFound
        }
        guard let approve = TradeInForm.decision.value(c.form) else { throw HTTPError(.badRequest, reason: .malformed) }
        var errors = FieldErrors()
        let reason = TradeInForm.reason.readText(c.form, errors: &errors)
        let version = FormField.version.value(c.form) ?? -1
        if errors.isEmpty {
            do {
                try db.decideTradeIn(id: id, approve: approve, reason: reason, mayApprove: c.may(.tradeinsApprove), version: version, by: c.viewer, now: c.now)
                return .redirect(to: "/tradeins/\(id)?done=decided")
            } catch StoreError.conflict {
                return page(c, lead: lead, ti, notice: nil, alert: "tradeins.stale", reason: reason, errors: errors, deletable: try isDeletable(db, ti.id, c), status: .conflict)
            } catch StoreError.invalid(let v) where v == .tradeInReasonRequired {
                errors.add(TradeInForm.reason.name, v)
            } catch StoreError.invalid(let v) {
                return page(c, lead: lead, ti, notice: nil, alert: v.catalogKey, reason: reason, errors: errors, deletable: try isDeletable(db, ti.id, c), status: .unprocessable)
            }
        }
        return page(c, lead: lead, ti, notice: nil, alert: nil, reason: reason, errors: errors, deletable: try isDeletable(db, ti.id, c), status: .unprocessable)
    }

    static func delete(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        guard let ti = try db.tradeIn(id: id, visibleTo: c.viewer), let lead = try db.leadHeader(id: ti.leadID, visibleTo: c.viewer) else {
            throw HTTPError.notFound
        }
        do {
            let leadID = try db.deleteTradeIn(id: id, version: FormField.version.value(c.form) ?? -1, by: c.viewer, now: c.now)
            return .redirect(to: "/leads/\(leadID)?done=tradein-deleted")
        } catch StoreError.conflict {
            return page(c, lead: lead, ti, notice: nil, alert: "tradeins.stale", reason: "", errors: FieldErrors(), deletable: try isDeletable(db, ti.id, c), status: .conflict)
        } catch StoreError.invalid(let v) {
            return page(c, lead: lead, ti, notice: nil, alert: v.catalogKey, reason: "", errors: FieldErrors(), deletable: try isDeletable(db, ti.id, c), status: .unprocessable)
        }
    }

    // MARK: - The lead's card

    /// The lead's trade-ins as a small table (the Details tab's card).
    static func summaryTable(_ items: [TradeInSummary], context c: RequestContext, into h: inout HTML) {
        let t = c.t, f = c.format
        h.raw("<div class=\"table-wrap\"><table class=\"quotes-table\"><thead><tr>")
        for key in ["tradeins.col.car", "tradeins.col.status", "tradeins.col.offered", "tradeins.col.value"] {
            h.raw(key == "tradeins.col.offered" || key == "tradeins.col.value" ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">")
            h.text(t(key))
            h.raw("</th>")
        }
        h.raw("</tr></thead><tbody>")
        for item in items {
            h.raw("<tr><td><a href=\"/tradeins/")
            h.int(item.id)
            h.raw("\">")
            h.text(item.title)
            h.raw("</a>")
            if !item.plate.isEmpty {
                h.raw(" <span class=\"code muted\">")
                h.text(item.plate)
                h.raw("</span>")
            }
            h.raw("</td><td>")
            badge(item.status, t: t, into: &h)
            h.raw("</td><td class=\"num nowrap\">")
            h.text(f.money(item.offeredPrice))
            h.raw("</td><td class=\"num nowrap\">")
            h.text(item.estimatedValue.map(f.money) ?? "—")
            h.raw("</td></tr>")
        }
        h.raw("</tbody></table></div>")
    }
}
