import Showroom
import Store
import Web

/// `/vehicles`: the stock the user may see (everyone who sells: `leads.view`), filtered and
/// searched; `/vehicles/{id}`: one car; `/vehicles/new` and `/vehicles/{id}/edit`: the forms
/// (`vehicles.manage`). A car of a branch outside the user's stock is not found (404).
enum VehiclesPage {
    // MARK: - List

    /// Reads the filter from the address. A value that names nothing is a 400, never ignored.
    static func filter(from q: FormFields) throws(HTTPError) -> VehicleFilter {
        var f = VehicleFilter()
        func value<V>(_ name: String, _ parse: (String) -> V?) throws(HTTPError) -> V? {
            guard let raw = q[name]?.trimmingWhitespace(), !raw.isEmpty else { return nil }
            guard let v = parse(raw) else { throw HTTPError(.badRequest, reason: .malformed) }
            return v
        }
        f.make = try value("make") { $0.count <= 60 ? $0 : nil }
        f.fuel = try value("fuel", Fuel.init(rawValue:))
        f.condition = try value("condition", VehicleCondition.init(rawValue:))
        f.status = try value("status", VehicleStatus.init(rawValue:))
        f.branchID = try value("branch", RecordID.parse)
        f.minPrice = try value("min", VehicleRules.parseEuros)
        f.maxPrice = try value("max", VehicleRules.parseEuros)
        f.text = String((q["q"] ?? "").trimmingWhitespace().prefix(100))
        f.page = try value("page") { Int($0).flatMap { (1...100_000).contains($0) ? $0 : nil } } ?? 1
        return f
    }

    static func query(_ f: VehicleFilter, page: Int) -> String {
        var parts: [String] = []
        func add(_ k: String, _ v: String?) { if let v, !v.isEmpty { parts.append(k + "=" + PercentDecoding.encodeQueryValue(v)) } }
        add("q", f.text)
        add("make", f.make)
        add("fuel", f.fuel?.rawValue)
        add("condition", f.condition?.rawValue)
        add("status", f.status?.rawValue)
        add("branch", f.branchID.map(String.init))
        add("min", f.minPrice.map(VehicleForm.amountText))
        add("max", f.maxPrice.map(VehicleForm.amountText))
        if page > 1 { add("page", String(page)) }
        return parts.isEmpty ? "/vehicles" : "/vehicles?" + parts.joined(separator: "&")
    }

    struct ListOptions { let makes: [String]; let branches: [BranchRecord] }

    static func list(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let filter = try filter(from: c.request.query)
        let page = try db.vehicles(filter, viewer: c.viewer)
        let viewer = c.viewer
        let options = ListOptions(makes: try db.vehicleMakes(viewer: viewer), branches: try db.branches().filter { viewer.seesStock(ofBranch: $0.id) })
        return .html(renderList(page, filter: filter, options: options, context: c))
    }

    static func renderList(_ page: VehicleListPage, filter: VehicleFilter, options: ListOptions, context c: RequestContext) -> [UInt8] {
        let t = c.t, f = c.format
        let lang = c.language.rawValue
        return Layout.page(title: t("vehicles.title"), context: c, section: .vehicles) { h in
            h.raw("<div class=\"page-head\"><h1>")
            h.text(t("vehicles.title"))
            h.raw("</h1><div class=\"head-actions\">")
            if c.may(.vehiclesManage) {
                h.raw("<a class=\"button primary\" href=\"/vehicles/new\">")
                h.text(t("vehicles.new"))
                h.raw("</a>")
            }
            h.raw("</div></div>")
            h.raw("<form method=\"get\" action=\"/vehicles\" class=\"card filter-bar\" role=\"search\">")
            h.field("q", label: t("vehicles.search"), value: filter.text, error: nil, t: t, type: "search", maxLength: 100)
            let all = [("", t("status.all"))]
            h.select("make", label: t("vehicle.make"), options: all + options.makes.map { ($0, $0) }, selected: filter.make ?? "", t: t)
            h.select("fuel", label: t("vehicle.fuel"), options: all + Fuel.allCases.map { ($0.rawValue, t(VehicleForm.labelKey($0))) }, selected: filter.fuel?.rawValue ?? "", t: t)
            h.select("condition", label: t("vehicle.condition"), options: all + VehicleCondition.allCases.map { ($0.rawValue, t("condition." + $0.rawValue)) },
                     selected: filter.condition?.rawValue ?? "", t: t)
            h.select("status", label: t("vehicle.status"), options: all + VehicleStatus.allCases.map { ($0.rawValue, t("vstatus." + $0.rawValue)) },
                     selected: filter.status?.rawValue ?? "", t: t)
            h.select("branch", label: t("vehicle.branch"), options: all + options.branches.map { (String($0.id), $0.name(in: lang)) },
                     selected: filter.branchID.map(String.init) ?? "", t: t)
            h.field("min", label: t("vehicles.price_min"), value: filter.minPrice.map(VehicleForm.amountText) ?? "", error: nil, t: t, maxLength: 20)
            h.field("max", label: t("vehicles.price_max"), value: filter.maxPrice.map(VehicleForm.amountText) ?? "", error: nil, t: t, maxLength: 20)
            h.raw("<div class=\"form-actions\"><button type=\"submit\" class=\"primary\">")
            h.text(t("filter.apply"))
            h.raw("</button><a class=\"button\" href=\"/vehicles\">")
            h.text(t("filter.reset"))
            h.raw("</a></div></form>")

            if page.rows.isEmpty {
                h.raw("<p class=\"empty\">")
                h.text(t("vehicles.empty"))
                h.raw("</p>")
                return
            }
            h.raw("<div class=\"table-wrap\"><table class=\"vehicles\"><thead><tr>")
            for key in ["vehicle.status", "vehicles.col.car", "vehicle.fuel", "vehicles.col.power", "vehicles.col.km", "vehicle.condition", "vehicle.branch", "vehicle.price"] {
                h.raw("<th scope=\"col\"")
                if key == "vehicle.price" || key == "vehicles.col.km" { h.raw(" class=\"num\"") }
                h.raw(">")
                h.text(t(key))
                h.raw("</th>")
            }
            h.raw("</tr></thead><tbody>")
            for row in page.rows {
                h.raw("<tr><td>")
                badge(&h, row.status, t)
                h.raw("</td><td><a href=\"/vehicles/")
                h.int(row.id)
                h.raw("\">")
                h.text(row.make + " " + row.model)
                h.raw("</a><br><span class=\"muted\">")
                h.text([row.version, row.colour].filter { !$0.isEmpty }.joined(separator: " · "))
                h.raw("</span><br><span class=\"code muted\">")
                h.text(row.vin)
                h.raw("</span></td><td>")
                h.text(t(VehicleForm.labelKey(row.fuel)))
                h.raw("</td><td class=\"nowrap\">")
                h.text(power(row.powerKW, t))
                h.raw("</td><td class=\"num nowrap\">")
                h.text(row.odometerKm.map { kilometres($0) } ?? "—")
                if let d = row.firstRegistration {
                    h.raw("<br><span class=\"muted\">")
                    h.text(d.belgian)
                    h.raw("</span>")
                }
                h.raw("</td><td>")
                h.text(t("condition." + row.condition.rawValue))
                h.raw("</td><td>")
                h.text(row.branchName.in(lang))
                h.raw("</td><td class=\"num nowrap\">")
                h.text(f.money(row.price))
                h.raw("</td></tr>")
            }
            h.raw("</tbody></table></div><nav class=\"pager\" aria-label=\"")
            h.attr(t("leads.pagination"))
            h.raw("\">")
            if filter.page > 1 {
                h.raw("<a rel=\"prev\" href=\"")
                h.attr(query(filter, page: filter.page - 1))
                h.raw("\">← ")
                h.text(t("leads.previous"))
                h.raw("</a>")
            }
            h.raw("<span>")
            h.text(t("leads.page", ["n": String(filter.page)]))
            h.raw("</span>")
            if page.hasNextPage {
                h.raw("<a rel=\"next\" href=\"")
                h.attr(query(filter, page: filter.page + 1))
                h.raw("\">")
                h.text(t("leads.next"))
                h.raw(" →</a>")
            }
            h.raw("</nav>")
        }
    }

    static func badge(_ h: inout HTML, _ status: VehicleStatus, _ t: Translator) {
        h.raw("<span class=\"badge badge-")
        h.raw(status == .available ? "available" : status == .reserved ? "reserved" : "sold")
        h.raw("\">")
        h.text(t("vstatus." + status.rawValue))
        h.raw("</span>")
    }

    /// `110 kW (150 pk)`
    static func power(_ kW: Int?, _ t: Translator) -> String {
        guard let kW else { return "—" }
        return t("vehicle.power_value", ["kw": String(kW), "hp": String(VehicleRules.horsepower(kW: kW))])
    }

    /// `123.456 km`
    static func kilometres(_ km: Int) -> String {
        let digits = String(km)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(".") }
            out.append(ch)
        }
        return out + " km"
    }

    /// `5,4 l/100 km` or `15,9 kWh/100 km`.
    static func wltp(_ tenths: Int?, fuel: Fuel) -> String {
        guard let tenths else { return "—" }
        return VehicleRules.tenthsText(tenths) + (fuel.wltpUnit == .kilowattHours ? " kWh/100 km" : " l/100 km")
    }

    // MARK: - Detail

    static func show(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        guard let detail = try db.vehicle(id: id, viewer: c.viewer) else { throw HTTPError.notFound }
        return .html(renderDetail(detail, notice: c.request.query["done"], context: c))
    }

    static func renderDetail(_ d: VehicleDetail, notice: String?, context c: RequestContext) -> [UInt8] {
        let t = c.t, f = c.format
        let v = d.vehicle.input
        let title = v.make + " " + v.model
        return Layout.page(title: title, context: c, section: .vehicles) { h in
            h.raw("<p class=\"crumbs\"><a href=\"/vehicles\">← ")
            h.text(t("vehicles.back"))
            h.raw("</a></p><div class=\"page-head\"><h1>")
            h.text(title + (v.version.isEmpty ? "" : " " + v.version))
            h.raw(" ")
            badge(&h, v.status, t)
            h.raw("</h1><div class=\"head-actions\">")
            if c.may(.vehiclesManage) {
                h.raw("<a class=\"button primary\" href=\"/vehicles/")
                h.int(d.vehicle.id)
                h.raw("/edit\">")
                h.text(t("vehicles.edit"))
                h.raw("</a>")
            }
            h.raw("</div></div>")
            if notice == "saved" || notice == "created" {
                h.raw("<p class=\"notice\" role=\"status\">")
                h.text(t(notice == "saved" ? "admin.done.saved" : "vehicles.created"))
                h.raw("</p>")
            }
            func row(_ key: String, _ value: String) { h.fact(t(key), value) }
            h.raw("<section class=\"card\"><h2>")
            h.text(t("vehicle.group.car"))
            h.raw("</h2><dl class=\"vehicle-facts\">")
            row("vehicle.vin", v.vin)
            row("vehicle.make", v.make)
            row("vehicle.model", v.model)
            row("vehicle.version", v.version)
            row("vehicle.body", v.body)
            row("vehicle.fuel", t(VehicleForm.labelKey(v.fuel)))
            row("vehicle.gearbox", t("gearbox." + v.gearbox.rawValue))
            row("vehicles.col.power", power(v.powerKW, t))
            row("vehicle.colour", v.colour + (v.colourCode.isEmpty ? "" : " (" + v.colourCode + ")"))
            h.raw("</dl></section><section class=\"card\"><h2>")
            h.text(t("vehicle.group.stock"))
            h.raw("</h2><dl class=\"vehicle-facts\">")
            row("vehicle.condition", t("condition." + v.condition.rawValue))
            row("vehicle.status", t("vstatus." + v.status.rawValue))
            row("vehicle.branch", d.branchName.in(c.language.rawValue))
            row("vehicle.first_registration", v.firstRegistration?.belgian ?? "")
            row("vehicle.odometer", v.odometerKm.map(kilometres) ?? "")
            h.raw("</dl></section><section class=\"card\"><h2>")
            h.text(t("vehicle.group.price"))
            h.raw("</h2><dl class=\"vehicle-facts\">")
            row("vehicle.price", f.money(v.askingPrice))
            if c.may(.vehiclesManage) { row("vehicle.purchase_price", v.purchasePrice.map(f.money) ?? "") }
            row("vehicle.vat_regime", t("vat." + v.vatRegime.rawValue))
            h.raw("</dl>")
            if v.vatRegime == .margin {
                h.raw("<p class=\"muted\">")
                h.text(t("vehicle.margin_mention"))
                h.raw("</p>")
            }
            h.raw("</section><section class=\"card\"><h2>")
            h.text(t("vehicle.group.wltp"))
            h.raw("</h2><dl class=\"vehicle-facts\">")
            row("vehicle.wltp", wltp(v.wltpTenths, fuel: v.fuel))
            row("vehicle.co2", v.co2GramsPerKm.map { String($0) + " g/km" } ?? "")
            h.raw("</dl></section><section class=\"card\"><h2>")
            h.text(t("vehicle.options"))
            h.raw("</h2>")
            if v.options.isEmpty {
                h.raw("<p class=\"muted\">—</p>")
            } else {
                h.raw("<ul class=\"options\">")
                for o in v.options {
                    h.raw("<li>")
                    h.text(o)
                    h.raw("</li>")
                }
                h.raw("</ul>")
            }
            h.raw("</section>")
            if c.may(.vehiclesManage) {
                h.raw("<section class=\"card\"><h2>")
                h.text(t("vehicle.history"))
                h.raw("</h2><ul class=\"history\">")
                for change in d.changes {
                    h.raw("<li>")
                    h.time(change.at, f)
                    h.raw(" · ")
                    h.text(change.actorName ?? "—")
                    h.raw(" · ")
                    h.text(change.field == "created" ? t("vehicle.history.created") : t("vehicle.history.field", ["field": change.field, "old": change.oldValue.isEmpty ? "—" : change.oldValue, "new": change.newValue.isEmpty ? "—" : change.newValue]))
                    h.raw("</li>")
                }
                h.raw("</ul></section>")
            }
        }
    }

    // MARK: - Forms

    static func newForm(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        var blank = VehicleInput()
        let branches = try stockBranches(c, db)
        if branches.count == 1 { blank.branchID = branches[0].id }
        var texts = VehicleForm.texts(blank)
        texts[VehicleForm.price.name] = ""
        return .html(renderForm(c, id: nil, texts: texts, version: 0, errors: FieldErrors(), conflict: [], branches: branches))
    }

    static func create(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let branches = try stockBranches(c, db)
        var (input, errors, texts) = VehicleForm.parse(c.form, today: CalendarDate.brussels(c.now))
        if errors.isEmpty {
            do {
                let id = try db.createVehicle(input, viewer: c.viewer, now: c.now)
                return .redirect(to: "/vehicles/\(id)?done=created")
            } catch StoreError.invalid(let violation) where field(of: violation) != nil {
                errors.add(field(of: violation)!, violation)
            }
        }
        texts[VehicleForm.vin.name] = input.vin.isEmpty ? texts[VehicleForm.vin.name] : input.vin
        return .html(renderForm(c, id: nil, texts: texts, version: 0, errors: errors, conflict: [], branches: branches), status: .unprocessable)
    }

    static func editForm(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        guard let d = try db.vehicle(id: id, viewer: c.viewer) else { throw HTTPError.notFound }
        return .html(renderForm(c, id: id, texts: VehicleForm.texts(d.vehicle.input), version: d.vehicle.version, errors: FieldErrors(), conflict: [],
                                branches: try stockBranches(c, db)))
    }

    static func update(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        guard let current = try db.vehicle(id: id, viewer: c.viewer) else { throw HTTPError.notFound }
        let branches = try stockBranches(c, db)
        let version = FormField.version.value(c.form) ?? -1
        var (input, errors, texts) = VehicleForm.parse(c.form, today: CalendarDate.brussels(c.now))
        if errors.isEmpty {
            do {
                try db.updateVehicle(id: id, input, version: version, viewer: c.viewer, now: c.now)
                return .redirect(to: "/vehicles/\(id)?done=saved")
            } catch StoreError.conflict {
                // What the other person saved beside what this user typed; nothing is overwritten.
                let theirs = VehicleForm.texts(current.vehicle.input)
                let mine = VehicleForm.texts(input)
                let diff = conflictFields.compactMap { (name, key) -> (String, String, String)? in
                    theirs[name] == mine[name] ? nil : (key, theirs[name] ?? "", mine[name] ?? "")
                }
                return .html(renderForm(c, id: id, texts: texts, version: current.vehicle.version, errors: FieldErrors(), conflict: diff, branches: branches),
                             status: .conflict)
            } catch StoreError.invalid(let violation) where field(of: violation) != nil {
                errors.add(field(of: violation)!, violation)
            }
        }
        return .html(renderForm(c, id: id, texts: texts, version: version, errors: errors, conflict: [], branches: branches), status: .unprocessable)
    }

    /// The form field a store refusal belongs beside.
    static func field(of violation: RuleViolation) -> String? {
        switch violation {
        case .vinTaken, .vinInvalid: return VehicleForm.vin.name
        case .invalidChoice: return VehicleForm.branch.name
        default: return nil
        }
    }

    /// Fields compared on a conflict: (form name, label key).
    static let conflictFields: [(String, String)] = [
        (VehicleForm.vin.name, "vehicle.vin"), (VehicleForm.make.name, "vehicle.make"), (VehicleForm.model.name, "vehicle.model"),
        (VehicleForm.version.name, "vehicle.version"), (VehicleForm.body.name, "vehicle.body"), (VehicleForm.fuel.name, "vehicle.fuel"),
        (VehicleForm.gearbox.name, "vehicle.gearbox"), (VehicleForm.powerKW.name, "vehicle.power_kw"), (VehicleForm.colour.name, "vehicle.colour"),
        (VehicleForm.colourCode.name, "vehicle.colour_code"), (VehicleForm.options.name, "vehicle.options"),
        (VehicleForm.firstRegistration.name, "vehicle.first_registration"), (VehicleForm.odometer.name, "vehicle.odometer"),
        (VehicleForm.condition.name, "vehicle.condition"), (VehicleForm.status.name, "vehicle.status"), (VehicleForm.branch.name, "vehicle.branch"),
        (VehicleForm.price.name, "vehicle.price"), (VehicleForm.purchasePrice.name, "vehicle.purchase_price"),
        (VehicleForm.vatRegime.name, "vehicle.vat_regime"), (VehicleForm.wltp.name, "vehicle.wltp"), (VehicleForm.co2.name, "vehicle.co2"),
    ]

    /// The active branches whose stock the user may change.
    static func stockBranches(_ c: RequestContext, _ db: AppDatabase) throws -> [BranchRecord] {
        let viewer = c.viewer
        return try db.branches().filter { $0.active && viewer.seesStock(ofBranch: $0.id) }
    }

    static func renderForm(_ c: RequestContext, id: Int64?, texts: VehicleForm.Texts, version: Int64, errors: FieldErrors,
                           conflict: [(String, String, String)], branches: [BranchRecord]) -> [UInt8] {
        let t = c.t
        let title = id == nil ? t("vehicles.new") : t("vehicles.edit")
        return Layout.page(title: title, context: c, section: .vehicles) { h in
            h.raw("<p class=\"crumbs\"><a href=\"")
            if let id { h.raw("/vehicles/"); h.int(id) } else { h.raw("/vehicles") }
            h.raw("\">← ")
            h.text(t(id == nil ? "vehicles.back" : "vehicles.back_to_car"))
            h.raw("</a></p><h1>")
            h.text(title)
            h.raw("</h1>")
            if !conflict.isEmpty {
                h.raw("<div class=\"alert\" role=\"alert\"><p>")
                h.text(t("conflict.vehicle"))
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
                h.text(t("vehicles.form_errors"))
                h.raw("</p>")
            }
            h.raw("<form method=\"post\" action=\"")
            if let id { h.raw("/vehicles/"); h.int(id) } else { h.raw("/vehicles/new") }
            h.raw("\" class=\"card vehicle-form\">")
            h.csrf(c.user?.csrfToken ?? "")
            if id != nil { h.hidden(FormField.version.name, String(version)) }
            VehicleForm.fields(texts, errors: errors, branches: branches, t: t, language: c.language.rawValue, into: &h)
            h.raw("<div class=\"form-actions\"><button type=\"submit\" class=\"primary\">")
            h.text(t("form.save"))
            h.raw("</button></div></form>")
        }
    }
}
