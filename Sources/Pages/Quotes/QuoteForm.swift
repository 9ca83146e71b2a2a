import Showroom
import Store
import Web

/// The quote editor's fields, declared once, and the form read into a `QuoteDraft` with every
/// error beside its field. Lines are numbered rows (`l0.description`, `l1.unit_price`…); row 0
/// is the car. Blank rows are left out; "more rows" sends the form back with two more.
enum QuoteForm {
    static let vehicle = FormField<Int64>.hiddenNumber("vehicle_id")
    static let rowCount = FormField<Int64>.hiddenNumber("rows")
    static let validUntil = FormField<CalendarDate>("valid_until", label: .key("quote.valid_until"), control: .input(type: "date", autocomplete: "off"),
                                                    required: true, maxLength: 10, invalid: "form.date_invalid") { CalendarDate(iso: $0) }
    static let note = FormField<String>.textarea("note", .key("quote.note"), rows: 3, maxLength: 2000)

    // One line's fields (prefixed `l{row}.`); the names are the domain's `QuoteField` names, so
    // a rule the calculation reports lands beside its field.
    static let kind = FormField<QuoteLineKind>.choice(QuoteField.kind.rawValue, .key("quote.line.kind")) { QuoteLineKind(rawValue: $0) }
    static let description = FormField<String>.text(QuoteField.description.rawValue, .key("quote.line.description"), maxLength: QuoteLimits.descriptionLength.upperBound)
    static let quantity = FormField<Int>(QuoteField.quantity.rawValue, label: .key("quote.line.quantity"), control: .input(type: "text", autocomplete: "off"),
                                         maxLength: 4, invalid: "quote.quantity_range") { Int($0) }
    static let unitPrice = FormField<Money>(QuoteField.unitPrice.rawValue, label: .key("quote.line.unit_price"), control: .input(type: "text", autocomplete: "off"),
                                            maxLength: 20, invalid: "form.amount_invalid") { VehicleRules.parseEuros($0) }
    static let vat = FormField<VATRate>(QuoteField.vat.rawValue, label: .key("quote.line.vat"), control: .input(type: "text", autocomplete: "off"),
                                        maxLength: 6, invalid: "quote.vat_rate_range") { VATRate(percentText: $0) }
    static let discountPercent = FormField<VATRate>(QuoteField.discountPercent.rawValue, label: .key("quote.line.discount_percent"),
                                                    control: .input(type: "text", autocomplete: "off"), maxLength: 6,
                                                    invalid: "quote.discount_percent_range") { VATRate(percentText: $0) }
    static let discountOf = FormField<Int>.choice(QuoteField.discountOf.rawValue, .key("quote.line.discount_of")) { Int($0) }
    /// A trade-in credit row's approved trade-in (written by the editor, checked by the store).
    static let tradeIn = FormField<Int64>.hiddenNumber("tradein")

    /// The kinds a person picks for an extra row (the car is row 0 and stays the car).
    static let extraKinds: [QuoteLineKind] = [.option, .accessory, .fee, .service, .discount, .tradeInCredit]

    static func prefix(_ row: Int) -> String { "l\(row)." }

    /// One row as typed: shown again as it was when the form comes back.
    struct Row: Equatable {
        var kind: QuoteLineKind
        var description = ""
        var quantity = "1"
        var unitPrice = ""
        var vat = ""
        var discountPercent = ""
        var discountOf = "0"
        /// The approved trade-in a credit row credits ("" for none).
        var tradeIn = ""

        var isBlank: Bool { description.isEmpty && unitPrice.isEmpty && discountPercent.isEmpty }
    }

    /// The form as typed and what the page needs to write it again.
    struct Echo {
        var vehicleID: Int64
        var rows: [Row]
        var validUntil: String
        var note: String
        var version: Int64?
    }

    /// Rows for a new quote on `car`: the car at its asking price, the contact's VAT rate (or
    /// 21 %) unless the car is sold under the margin scheme, and blank rows.
    static func newEcho(car: Vehicle, contactVAT: VATRate?, validUntil: CalendarDate, tradeIns: [ApprovedTradeIn] = [], t: Translator? = nil) -> Echo {
        let v = car.input
        let title = [v.make, v.model, v.version].filter { !$0.isEmpty }.joined(separator: " ")
        let rate = contactVAT ?? .standard
        var rows = [Row(kind: .vehicle, description: String(title.prefix(QuoteLimits.descriptionLength.upperBound)),
                        unitPrice: Format.amount(v.askingPrice.cents), vat: v.vatRegime == .margin ? "" : rate.percentText)]
        // The lead's approved trade-ins, each as its own credit row at the price a manager approved.
        for tradeIn in tradeIns {
            let words = t.map { $0("quote.tradein_row", ["car": tradeIn.description]) } ?? tradeIn.description
            rows.append(Row(kind: .tradeInCredit, description: String(words.prefix(QuoteLimits.descriptionLength.upperBound)),
                            unitPrice: Format.amount(tradeIn.offeredPrice.cents), tradeIn: String(tradeIn.id)))
        }
        rows += blankRows(3, vat: rate)
        return Echo(vehicleID: car.id, rows: rows, validUntil: validUntil.iso, note: "", version: nil)
    }

    static func blankRows(_ n: Int, vat: VATRate) -> [Row] {
        (0..<n).map { _ in Row(kind: .option, quantity: "1", vat: vat.percentText) }
    }

    /// The rows of a stored revision, to edit (plus blank rows).
    static func echo(of q: QuoteView, contactVAT: VATRate?) -> Echo {
        var rows = q.shown.lines.map { l -> Row in
            let line = l.line
            return Row(kind: line.kind, description: line.description, quantity: String(line.quantity),
                       unitPrice: line.kind == .discount && line.discountBasisPoints != nil ? "" : Format.amount(line.unitPriceCents),
                       vat: line.vat.rate?.percentText ?? "", discountPercent: line.discountBasisPoints.map { VATRate(basisPoints: $0).percentText } ?? "",
                       discountOf: String(line.discountOf ?? 0), tradeIn: line.tradeInID.map(String.init) ?? "")
        }
        rows += blankRows(2, vat: contactVAT ?? .standard)
        return Echo(vehicleID: q.shown.vehicleID ?? 0, rows: rows, validUntil: q.shown.validUntil.iso, note: q.shown.note, version: q.version)
    }

    /// Reads the submitted form. `marginCar`: the car is sold under the margin scheme (its row
    /// gets no VAT rate). Returns the draft when nothing is wrong; the echo always.
    static func read(_ form: FormFields, marginCar: Bool, errors: inout FieldErrors) -> (QuoteDraft?, Echo) {
        let count = min(Int(rowCount.value(form) ?? 4), QuoteLimits.maxLines)
        var rows: [Row] = []
        for i in 0..<max(count, 1) {
            let p = prefix(i)
            let kind = i == 0 ? .vehicle : (kind.value(form, prefix: p).flatMap { extraKinds.contains($0) ? $0 : nil } ?? .option)
            rows.append(Row(kind: kind, description: description.text(form, prefix: p), quantity: quantity.text(form, prefix: p),
                            unitPrice: unitPrice.text(form, prefix: p), vat: vat.text(form, prefix: p),
                            discountPercent: discountPercent.text(form, prefix: p), discountOf: discountOf.text(form, prefix: p),
                            tradeIn: tradeIn.text(form, prefix: p)))
        }
        let echo = Echo(vehicleID: vehicle.value(form) ?? 0, rows: rows, validUntil: validUntil.text(form), note: note.text(form), version: FormField<Int64>.version.value(form))
        let until = validUntil.read(form, errors: &errors)
        let noteText = note.readText(form, errors: &errors)

        // Rows typed → lines; a line's index is its place among the rows kept.
        var lines: [QuoteLine] = []
        var rowOfLine: [Int] = []
        var lineOfRow: [Int: Int] = [:]
        for (i, row) in rows.enumerated() where i == 0 || !row.isBlank {
            lineOfRow[i] = lines.count
            rowOfLine.append(i)
            lines.append(QuoteLine(kind: row.kind, description: row.description, unitPriceCents: 0))
        }
        for (index, i) in rowOfLine.enumerated() {
            let p = prefix(i), row = rows[i]
            var line = lines[index]
            _ = description.read(form, prefix: p, errors: &errors)
            // Every row's quantity is read: a discount or trade-in of more than 1 is refused by
            // the rules beside its field, never silently taken as 1.
            line.quantity = quantity.read(form, prefix: p, errors: &errors) ?? 1
            if row.kind == .discount || row.kind == .tradeInCredit, !row.vat.isEmpty,
               let typed = vat.read(form, prefix: p, errors: &errors), !typed.isValid {
                // Their VAT follows the line they reduce (or there is none), but a rate that
                // can never be right is still named as wrong.
                errors.add(p + QuoteField.vat.rawValue, RuleViolation.vatRateOutOfRange.catalogKey)
            }
            switch row.kind {
            case .discount:
                line.vat = .outsideScope
                if let target = discountOf.value(form, prefix: p), let targetLine = lineOfRow[target] {
                    line.discountOf = targetLine
                } else {
                    errors.add(p + QuoteField.discountOf.rawValue, RuleViolation.discountTargetInvalid.catalogKey)
                }
                if !row.discountPercent.isEmpty {
                    line.discountBasisPoints = discountPercent.read(form, prefix: p, errors: &errors)?.basisPoints
                } else if let amount = unitPrice.read(form, prefix: p, errors: &errors) {
                    line.unitPriceCents = amount.cents
                } else if row.unitPrice.isEmpty {
                    errors.add(p + QuoteField.unitPrice.rawValue, "form.required")
                }
            case .tradeInCredit:
                line.vat = .outsideScope
                // Only an approved trade-in of the lead is credited: the row must come from one.
                line.tradeInID = tradeIn.value(form, prefix: p)
                if line.tradeInID == nil { errors.add(p + QuoteField.description.rawValue, RuleViolation.tradeInCreditNotApproved.catalogKey) }
                if let amount = unitPrice.read(form, prefix: p, errors: &errors) { line.unitPriceCents = amount.cents }
                else if row.unitPrice.isEmpty { errors.add(p + QuoteField.unitPrice.rawValue, "form.required") }
            default:
                if let amount = unitPrice.read(form, prefix: p, errors: &errors) { line.unitPriceCents = amount.cents }
                else if row.unitPrice.isEmpty { errors.add(p + QuoteField.unitPrice.rawValue, "form.required") }
                if row.kind == .vehicle && marginCar {
                    line.vat = .marginScheme
                } else if let rate = vat.read(form, prefix: p, errors: &errors) {
                    line.vat = .rate(rate)
                } else if row.vat.isEmpty {
                    errors.add(p + QuoteField.vat.rawValue, "form.required")
                }
            }
            lines[index] = line
        }
        guard errors.isEmpty else { return (nil, echo) }
        // The domain's rules, each beside the field it concerns.
        if case .failure(let issues) = QuoteCalculation.calculate(lines) {
            for issue in issues.issues {
                if let line = issue.line {
                    errors.add(prefix(rowOfLine[line]) + issue.field.rawValue, issue.violation.catalogKey)
                } else {
                    errors.add("lines", issue.violation.catalogKey)
                }
            }
        }
        guard errors.isEmpty, let until else { return (nil, echo) }
        return (QuoteDraft(vehicleID: echo.vehicleID, lines: lines, validUntil: until, note: noteText), echo)
    }

    /// Where a rule the store refuses goes on the form: a validity date before today beside
    /// the date, anything else (the car, the whole quote) above the lines.
    static func field(of violation: RuleViolation) -> String {
        violation == .quoteValidityBeforeIssue ? validUntil.name : "lines"
    }

    /// The "more rows" button: pressed instead of saving.
    static let moreRows = FormField<Bool>.choice("more", .none) { _ in true }
    /// The step buttons on a quote's page (send, approve…).
    static let step = FormField<QuoteAction>.choice("action", .none) { QuoteAction(rawValue: $0) }

    /// Whether the person asked for more rows instead of saving.
    static func wantsMoreRows(_ form: FormFields) -> Bool { moreRows.isPresent(form) }

    // MARK: - Writing

    /// The editor: the car, the rows, validity and note, and the buttons.
    static func write(_ echo: Echo, action: String, marginCar: Bool, errors: FieldErrors, context c: RequestContext, into h: inout HTML) {
        let t = c.t
        h.raw("<form method=\"post\" action=\"")
        h.attr(action)
        h.raw("\" class=\"card quote-form\" novalidate>")
        h.csrf(c.user?.csrfToken ?? "")
        h.hidden(vehicle.name, String(echo.vehicleID))
        h.hidden(rowCount.name, String(echo.rows.count))
        if let version = echo.version { h.hidden(FormField<Int64>.version.name, String(version)) }
        if let e = errors["lines"] {
            h.raw("<p class=\"alert\" role=\"alert\">")
            h.text(t(e))
            h.raw("</p>")
        } else if !errors.isEmpty {
            h.raw("<p class=\"alert\" role=\"alert\">")
            h.text(t("form.fix_errors"))
            h.raw("</p>")
        }
        h.raw("<div class=\"quote-lines\">")
        let targets = echo.rows.indices.map { (String($0), t("quote.line.number", ["n": String($0 + 1)])) }
        for (i, row) in echo.rows.enumerated() {
            let p = prefix(i)
            h.raw("<fieldset class=\"quote-line\"><legend>")
            h.text(t("quote.line.number", ["n": String(i + 1)]))
            if i == 0 { h.raw(" · "); h.text(t("quote.kind.vehicle")) }
            h.raw("</legend>")
            if i > 0 {
                h.select(kind, options: extraKinds.map { ($0.rawValue, t("quote.kind." + $0.rawValue)) }, selected: row.kind.rawValue, errors: errors, t: t, prefix: p)
            }
            if row.kind == .tradeInCredit && !row.tradeIn.isEmpty { h.hidden(p + tradeIn.name, row.tradeIn) }
            h.field(description, value: row.description, errors: errors, t: t, prefix: p)
            h.field(quantity, value: row.quantity, errors: errors, t: t, prefix: p)
            h.field(unitPrice, value: row.unitPrice, errors: errors, t: t, prefix: p)
            if i == 0 && marginCar {
                h.raw("<p class=\"margin-note\">")
                h.text(t("quote.margin_scheme"))
                h.raw("</p>")
            } else {
                h.field(vat, value: row.vat, errors: errors, t: t, prefix: p)
            }
            if i > 0 {
                h.field(discountPercent, value: row.discountPercent, errors: errors, t: t, prefix: p)
                h.select(discountOf, options: targets, selected: row.discountOf, errors: errors, t: t, prefix: p)
            }
            h.raw("</fieldset>")
        }
        h.raw("</div><p class=\"muted\">")
        h.text(t("quote.rows_hint"))
        h.raw("</p><div class=\"grid-form\">")
        h.field(validUntil, value: echo.validUntil, errors: errors, t: t)
        h.field(note, value: echo.note, errors: errors, t: t)
        h.raw("</div><div class=\"form-actions\"><button type=\"submit\" class=\"primary\">")
        h.text(t("quote.save"))
        h.raw("</button><button type=\"submit\" name=\"")
        h.attr(moreRows.name)
        h.raw("\" value=\"1\">")
        h.text(t("quote.more_rows"))
        h.raw("</button></div></form>")
    }
}
