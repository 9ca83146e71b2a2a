import Showroom
import Store
import Web

/// Test drives (issue 11): `/leads/{id}/testdrives/new` (the *Testrit* button, or a free slot
/// of a calendar with `?vehicle=&start=`) and its POST, `/testdrives/{id}` (the drive, its
/// agreement and its outcome), `/testdrives/{id}/edit` and its POST, the outcome's POST. A
/// drive whose lead the user may not see is not found (404). A refused overlap names the other
/// booking and links to the car's calendar.
enum TestDrivesPage {
    // MARK: - New

    static func newForm(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let leadID = try c.parameters.id("id")
        guard let lead = try db.leadHeader(id: leadID, visibleTo: c.viewer) else { throw HTTPError.notFound }
        var input = TestDriveInput()
        input.driver = .contact(id: lead.contact.id)
        input.driverLanguage = lead.contact.language
        input.durationMinutes = 60
        // A free slot of a calendar: the car and the start come in the address.
        if let raw = c.request.query["vehicle"], let v = Int64(raw), v > 0 { input.vehicleID = v }
        if let raw = c.request.query["start"], let start = BrusselsTime.parseHTMLLocal(raw) {
            input.startsAt = start
        } else {
            // The next whole hour.
            input.startsAt = Instant(seconds: (c.now.seconds / 3600 + 1) * 3600)
        }
        var texts = TestDriveForm.texts(input)
        texts[TestDriveForm.licenceNumber.name] = ""
        texts[TestDriveForm.licenceExpiry.name] = ""
        return try form(c, db, lead: lead, id: nil, texts: texts, version: 0, errors: FieldErrors(), overlap: nil, conflict: false, status: .ok)
    }

    static func create(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let leadID = try c.parameters.id("id")
        guard let lead = try db.leadHeader(id: leadID, visibleTo: c.viewer) else { throw HTTPError.notFound }
        var (input, errors, texts) = TestDriveForm.parse(c.form, now: c.now)
        var overlap: TestDriveSlot?
        if errors.isEmpty {
            do {
                let id = try db.createTestDrive(leadID: leadID, input, by: c.viewer, now: c.now)
                return .redirect(to: "/testdrives/\(id)?done=booked")
            } catch StoreError.invalid(let v) {
                errors.add(TestDriveForm.field(of: v), v)
                if v == .testDriveOverlap {
                    overlap = try db.overlappingTestDrive(vehicleID: input.vehicleID, start: input.startsAt, minutes: input.durationMinutes,
                                                          excluding: nil, visibleTo: c.viewer)
                }
            }
        }
        return try form(c, db, lead: lead, id: nil, texts: texts, version: 0, errors: errors, overlap: overlap, conflict: false, status: .unprocessable)
    }

    // MARK: - Edit

    static func editForm(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        guard let drive = try db.testDrive(id: id, visibleTo: c.viewer), let lead = try db.leadHeader(id: drive.leadID, visibleTo: c.viewer) else {
            throw HTTPError.notFound
        }
        guard drive.status == .planned else { return .redirect(to: "/testdrives/\(id)") }
        return try form(c, db, lead: lead, id: id, texts: TestDriveForm.texts(drive.input), version: drive.version,
                        errors: FieldErrors(), overlap: nil, conflict: false, status: .ok)
    }

    static func update(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        guard let current = try db.testDrive(id: id, visibleTo: c.viewer), let lead = try db.leadHeader(id: current.leadID, visibleTo: c.viewer) else {
            throw HTTPError.notFound
        }
        let version = FormField.version.value(c.form) ?? -1
        // A drive kept where it was may keep a start that has since passed.
        let unmoved = TestDriveForm.start.value(c.form) == current.input.startsAt
        var (input, errors, texts) = TestDriveForm.parse(c.form, now: unmoved ? min(c.now, current.input.startsAt) : c.now)
        var overlap: TestDriveSlot?
        if errors.isEmpty {
            do {
                try db.updateTestDrive(id: id, input, version: version, by: c.viewer, now: c.now)
                return .redirect(to: "/testdrives/\(id)?done=saved")
            } catch StoreError.conflict {
                return try form(c, db, lead: lead, id: id, texts: texts, version: current.version, errors: errors, overlap: nil, conflict: true, status: .conflict)
            } catch StoreError.invalid(let v) {
                errors.add(TestDriveForm.field(of: v), v)
                if v == .testDriveOverlap {
                    overlap = try db.overlappingTestDrive(vehicleID: input.vehicleID, start: input.startsAt, minutes: input.durationMinutes,
                                                          excluding: id, visibleTo: c.viewer)
                }
            }
        }
        return try form(c, db, lead: lead, id: id, texts: texts, version: version, errors: errors, overlap: overlap, conflict: false, status: .unprocessable)
    }

    static func form(_ c: RequestContext, _ db: AppDatabase, lead: LeadDetail, id: Int64?, texts: TestDriveForm.Texts, version: Int64,
                     errors: FieldErrors, overlap: TestDriveSlot?, conflict: Bool, status: HTTPStatus) throws -> Response {
        let t = c.t, f = c.format
        let vehicles = try db.bookableVehicles(visibleTo: c.viewer)
        let contacts = [(lead.contact.id, lead.contact.displayName)]
        let title = id == nil ? t("testdrives.new") : t("testdrives.edit")
        return .html(LeadPage.frame(lead, tab: .details, context: c) { h in
            h.raw("<section class=\"card\" aria-labelledby=\"testdrive-form-h\"><p class=\"crumbs\"><a href=\"")
            if let id { h.raw("/testdrives/"); h.int(id) } else { h.raw("/leads/"); h.int(lead.id) }
            h.raw("\">← ")
            h.text(t(id == nil ? "tradeins.back" : "testdrives.back_to_drive"))
            h.raw("</a></p><h2 id=\"testdrive-form-h\">")
            h.text(title)
            h.raw("</h2><p><a href=\"/test-drives?branch=")
            h.int(lead.branchID)
            h.raw("&amp;lead=")
            h.int(lead.id)
            h.raw("\">")
            h.text(t("testdrives.pick_from_calendar"))
            h.raw("</a></p>")
            if conflict {
                h.raw("<p class=\"alert\" role=\"alert\">")
                h.text(t("testdrives.stale"))
                h.raw("</p>")
            } else if !errors.isEmpty {
                h.raw("<div class=\"alert\" role=\"alert\"><p>")
                h.text(t("tradeins.form_errors"))
                h.raw("</p>")
                if let o = overlap {
                    h.raw("<p>")
                    h.text(t("testdrives.overlap_with", ["car": o.vehicleTitle, "from": f.dateTime(o.startsAt), "to": BrusselsTime.civil(o.endsAt).belgianTime,
                                                         "who": o.bookedByName ?? "—"]))
                    if let code = o.leadCode {
                        h.raw(" <a href=\"/testdrives/")
                        h.int(o.id)
                        h.raw("\">")
                        h.text(t("testdrives.overlap_open", ["code": code, "driver": o.driverName ?? ""]))
                        h.raw("</a>")
                    }
                    h.raw(" · <a href=\"/vehicles/")
                    h.int(o.vehicleID)
                    h.raw("/test-drives?week=")
                    h.text(CalendarWeek(containing: CalendarDate.brussels(o.startsAt)).iso)
                    h.raw("&amp;lead=")
                    h.int(lead.id)
                    h.raw("\">")
                    h.text(t("testdrives.see_calendar"))
                    h.raw("</a></p>")
                }
                h.raw("</div>")
            }
            h.raw("<form method=\"post\" action=\"")
            if let id { h.raw("/testdrives/"); h.int(id) } else { h.raw("/leads/"); h.int(lead.id); h.raw("/testdrives") }
            h.raw("\" class=\"vehicle-form\">")
            h.csrf(c.user?.csrfToken ?? "")
            if id != nil { h.hidden(FormField.version.name, String(version)) }
            TestDriveForm.fields(texts, vehicles: vehicles, contacts: contacts, errors: errors, context: c, into: &h)
            h.raw("<div class=\"form-actions\"><button type=\"submit\" class=\"primary\">")
            h.text(t(id == nil ? "testdrives.book" : "form.save"))
            h.raw("</button></div></form></section>")
        }, status: status)
    }

    // MARK: - A drive's page

    static func show(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        guard let drive = try db.testDrive(id: id, visibleTo: c.viewer), let lead = try db.leadHeader(id: drive.leadID, visibleTo: c.viewer) else {
            throw HTTPError.notFound
        }
        let notices = ["booked": "testdrives.booked", "saved": "testdrives.saved", "outcome": "testdrives.outcome_saved"]
        var texts: TestDriveForm.Texts = [TestDriveForm.outcome.name: "done"]
        if let km = drive.odometerOutKm { texts[TestDriveForm.odometerOut.name] = String(km) }
        return page(c, lead: lead, drive, notice: c.request.query["done"].flatMap { notices[$0] }, alert: nil, texts: texts, errors: FieldErrors(), status: .ok)
    }

    static func badge(_ status: TestDriveStatus, t: Translator, into h: inout HTML) {
        h.raw("<span class=\"badge ")
        switch status {
        case .done: h.raw("badge-won")
        case .noShow, .cancelled: h.raw("badge-lost")
        case .planned: h.raw("badge-reserved")
        }
        h.raw("\">")
        h.text(t("testdrive.status." + status.rawValue))
        h.raw("</span>")
    }

    static func page(_ c: RequestContext, lead: LeadDetail, _ d: TestDrive, notice: String?, alert: String?, texts: TestDriveForm.Texts,
                     errors: FieldErrors, status: HTTPStatus) -> Response {
        let t = c.t, f = c.format
        let i = d.input
        return .html(LeadPage.frame(lead, tab: .details, context: c) { h in
            h.raw("<section class=\"card\" aria-labelledby=\"testdrive-h\"><p class=\"crumbs\"><a href=\"/leads/")
            h.int(lead.id)
            h.raw("\">← ")
            h.text(t("tradeins.back"))
            h.raw("</a></p><div class=\"card-head\"><h2 id=\"testdrive-h\">")
            h.text(t("testdrive.title", ["car": d.vehicleTitle]))
            h.raw("</h2>")
            badge(d.status, t: t, into: &h)
            if c.may(.testdrivesManage) && d.status == .planned {
                h.raw("<a class=\"button\" href=\"/testdrives/")
                h.int(d.id)
                h.raw("/edit\">")
                h.text(t("testdrives.edit"))
                h.raw("</a>")
            }
            h.raw("<a class=\"button\" href=\"/testdrives/")
            h.int(d.id)
            h.raw("/agreement.pdf\" download>")
            h.text(t("testdrives.agreement"))
            h.raw("</a></div>")
            h.outcome(notice: notice, alert: alert, t: t)
            func row(_ key: String, _ value: String) { h.fact(t(key), value) }
            h.raw("<dl class=\"vehicle-facts\">")
            row("testdrive.vehicle", d.vehicleTitle + " · " + d.vehicleVIN)
            row("testdrive.plate", i.plate)
            row("testdrive.start", f.dateTime(i.startsAt))
            row("testdrive.end", f.dateTime(i.endsAt))
            row("testdrive.driver", d.driverName)
            if case .other(_, let birth) = i.driver { row("testdrive.driver_birth_date", birth?.belgian ?? "") }
            row("testdrive.licence_number", i.licenceNumber)
            row("testdrive.licence_category", i.licenceCategory.rawValue)
            row("testdrive.licence_expiry", i.licenceExpiry?.belgian ?? "")
            row("testdrive.licence_checked_by", d.licenceCheckedAt.map { t("testdrive.checked_by_value", ["name": d.licenceCheckedByName ?? "—", "date": f.dateTime($0)]) }
                ?? t("testdrive.licence_not_checked"))
            row("testdrive.odometer_out", d.odometerOutKm.map(VehiclesPage.kilometres) ?? "")
            row("testdrive.odometer_in", d.odometerInKm.map(VehiclesPage.kilometres) ?? "")
            if let a = d.odometerOutKm, let b = d.odometerInKm { row("testdrive.distance", VehiclesPage.kilometres(b - a)) }
            row("testdrive.notes", i.notes)
            row("testdrive.booked_by", t("testdrive.booked_by_value", ["name": d.createdByName ?? "—", "date": f.dateTime(d.createdAt)]))
            h.raw("</dl><p><a href=\"/vehicles/")
            h.int(i.vehicleID)
            h.raw("/test-drives?week=")
            h.text(CalendarWeek(containing: CalendarDate.brussels(i.startsAt)).iso)
            h.raw("\">")
            h.text(t("testdrives.see_calendar"))
            h.raw("</a></p></section>")

            if d.status == .planned && c.may(.testdrivesManage) {
                h.raw("<section class=\"card\" aria-labelledby=\"outcome-h\"><h2 id=\"outcome-h\">")
                h.text(t("testdrive.outcome"))
                h.raw("</h2><form method=\"post\" action=\"/testdrives/")
                h.int(d.id)
                h.raw("/outcome\" class=\"grid-form\">")
                h.csrf(c.user?.csrfToken ?? "")
                h.hidden(FormField.version.name, String(d.version))
                h.select(TestDriveForm.outcome, options: [TestDriveStatus.done, .noShow, .cancelled].map { ($0.rawValue, t("testdrive.status." + $0.rawValue)) },
                         selected: texts[TestDriveForm.outcome.name], errors: errors, t: t)
                h.field(TestDriveForm.odometerOut, value: texts[TestDriveForm.odometerOut.name] ?? "", errors: errors, t: t)
                h.field(TestDriveForm.odometerIn, value: texts[TestDriveForm.odometerIn.name] ?? "", errors: errors, t: t)
                h.field(TestDriveForm.notes, value: texts[TestDriveForm.notes.name] ?? "", errors: errors, t: t)
                h.raw("<div class=\"form-actions\"><button type=\"submit\" class=\"primary\">")
                h.text(t("testdrive.save_outcome"))
                h.raw("</button></div></form></section>")
            }
        }, status: status)
    }

    // MARK: - Outcome

    static func recordOutcome(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        guard let drive = try db.testDrive(id: id, visibleTo: c.viewer), let lead = try db.leadHeader(id: drive.leadID, visibleTo: c.viewer) else {
            throw HTTPError.notFound
        }
        var (outcome, errors, texts) = TestDriveForm.parseOutcome(c.form, current: drive.status)
        let version = FormField.version.value(c.form) ?? -1
        if errors.isEmpty {
            do {
                try db.recordTestDriveOutcome(id: id, outcome, version: version, by: c.viewer, now: c.now)
                return .redirect(to: "/testdrives/\(id)?done=outcome")
            } catch StoreError.conflict {
                return page(c, lead: lead, drive, notice: nil, alert: "testdrives.stale", texts: texts, errors: errors, status: .conflict)
            } catch StoreError.invalid(let v) where v == .testDriveNotPlanned {
                return page(c, lead: lead, drive, notice: nil, alert: v.catalogKey, texts: texts, errors: errors, status: .unprocessable)
            } catch StoreError.invalid(let v) {
                errors.add(TestDriveForm.field(of: v), v)
            }
        }
        if errors[TestDriveForm.outcome.name] == RuleViolation.testDriveNotPlanned.catalogKey {
            return page(c, lead: lead, drive, notice: nil, alert: RuleViolation.testDriveNotPlanned.catalogKey, texts: texts, errors: FieldErrors(), status: .unprocessable)
        }
        return page(c, lead: lead, drive, notice: nil, alert: nil, texts: texts, errors: errors, status: .unprocessable)
    }

    // MARK: - The agreement

    /// `/testdrives/{id}/agreement.pdf`: in the driver's language (the contact's own, or the
    /// one chosen for another driver), under the lead's scope like the drive's page.
    static func agreement(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        guard let d = try db.testDrive(id: id, visibleTo: c.viewer), let lead = try db.leadHeader(id: d.leadID, visibleTo: c.viewer) else {
            throw HTTPError.notFound
        }
        let company = try db.companyProfile()
        let language = Language(rawValue: d.input.driverLanguage) ?? .nl
        let t = Translator(language)
        var car = try db.vehicle(id: d.input.vehicleID, viewer: c.viewer).map { QuotePrintouts.printoutCar($0.vehicle.input, language: language) }
            ?? PrintoutCar(make: d.vehicleTitle, model: "", version: "", powerKW: 0, fuel: .petrol, colour: "", colourCode: "", condition: .used, vin: d.vehicleVIN)
        car.odometerKm = nil
        var address = PrintoutAddress([])
        var phone = "", email = "", birth: CalendarDate?
        switch d.input.driver {
        case .contact(let contactID) where contactID == lead.contact.id:
            let k = lead.contact
            address = PrintoutAddress([k.street, [k.postalCode, k.city].filter { !$0.isEmpty }.joined(separator: " ")].filter { !$0.isEmpty })
            phone = k.phone; email = k.email
        case .other(_, let b): birth = b
        default: break
        }
        let model = TestDriveAgreementModel(
            company: QuotePrintouts.printoutCompany(company), number: agreementNumber(d.id), date: CalendarDate.brussels(d.input.startsAt),
            driverName: d.driverName, driverBirthDate: birth, driverAddress: address, driverPhone: phone, driverEmail: email,
            licenceNumber: d.input.licenceNumber, licenceCategory: d.input.licenceCategory.rawValue, licenceExpiry: d.input.licenceExpiry,
            licenceChecked: d.licenceCheckedAt.map { t("testdrive.checked_by_value", ["name": d.licenceCheckedByName ?? "—", "date": BrusselsTime.civil($0).belgianDateTime]) },
            car: car, plate: d.input.plate, start: BrusselsTime.civil(d.input.startsAt).belgianDateTime, end: BrusselsTime.civil(d.input.endsAt).belgianDateTime,
            odometerOutKm: d.odometerOutKm, odometerInKm: d.odometerInKm, salesperson: d.createdByName ?? lead.responsibleName)
        let bytes = try TestDriveAgreementPrintout.render(model, language: language)
        return QuotePrintouts.pdf(bytes, fileName: agreementNumber(d.id) + ".pdf")
    }

    /// `T-000042`: the drive's own number (its id), on the agreement and its file name.
    static func agreementNumber(_ id: Int64) -> String {
        let digits = String(id)
        return "T-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    // MARK: - The lead's card

    /// The lead's test drives as a small table (the Details tab's card).
    static func summaryTable(_ items: [TestDriveSlot], context c: RequestContext, into h: inout HTML) {
        let t = c.t, f = c.format
        h.raw("<div class=\"table-wrap\"><table class=\"quotes-table\"><thead><tr>")
        for key in ["testdrives.col.when", "tradeins.col.car", "testdrive.driver", "tradeins.col.status"] {
            h.raw("<th scope=\"col\">")
            h.text(t(key))
            h.raw("</th>")
        }
        h.raw("</tr></thead><tbody>")
        for item in items {
            h.raw("<tr><td class=\"nowrap\"><a href=\"/testdrives/")
            h.int(item.id)
            h.raw("\">")
            h.text(f.dateTime(item.startsAt))
            h.raw("</a></td><td>")
            h.text(item.vehicleTitle)
            h.raw("</td><td>")
            h.text(item.driverName ?? "—")
            h.raw("</td><td>")
            badge(item.status, t: t, into: &h)
            h.raw("</td></tr>")
        }
        h.raw("</tbody></table></div>")
    }
}
