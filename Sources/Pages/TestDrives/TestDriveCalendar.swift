import Showroom
import Store
import Web

/// The booking calendars, a week grid that needs no JavaScript: `/vehicles/{id}/test-drives`
/// (one car: each hour of the week taken or free, a free hour bookable when the calendar was
/// opened from a lead with `lead=`) and `/test-drives?branch=…&week=…` (every drive of a
/// branch's cars, and a car picker leading to that car's grid). The week is ISO (`2026-W49`),
/// the hours are the showroom's (08:00–19:00, Brussels).
enum TestDriveCalendar {
    static let firstHour = 8
    static let lastHour = 19

    struct Query {
        var week: CalendarWeek
        /// The lead a free slot books for (only when the user may see it and manage drives).
        var lead: LeadDetail?
    }

    static func query(_ c: RequestContext, _ db: AppDatabase) throws -> Query {
        let week: CalendarWeek
        if let raw = c.request.query["week"], !raw.isEmpty {
            guard let w = CalendarWeek(iso: raw) else { throw HTTPError(.badRequest, reason: "error.malformed") }
            week = w
        } else {
            week = CalendarWeek(containing: CalendarDate.brussels(c.now))
        }
        var lead: LeadDetail?
        if let raw = c.request.query["lead"], !raw.isEmpty {
            guard let id = Int64(raw), id > 0 else { throw HTTPError(.badRequest, reason: "error.malformed") }
            guard let l = try db.leadHeader(id: id, visibleTo: c.viewer) else { throw HTTPError.notFound }
            lead = l
        }
        return Query(week: week, lead: lead)
    }

    // MARK: - One car

    static func vehicle(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        let q = try query(c, db)
        let range = q.week.range
        guard let (car, slots) = try db.testDriveCalendar(vehicleID: id, from: range.start, to: range.end, visibleTo: c.viewer) else {
            throw HTTPError.notFound
        }
        let t = c.t
        let v = car.vehicle.input
        let title = [v.make, v.model, v.version].filter { !$0.isEmpty }.joined(separator: " ")
        let bookable = TestDriveRules.isBookable(condition: v.condition, status: v.status)
        let mayBook = bookable && c.may(.testdrivesManage) && q.lead != nil
        let base = "/vehicles/\(id)/test-drives"
        return .html(Layout.page(title: t("testdrives.calendar_car", ["car": title]), context: c, section: .vehicles) { h in
            h.raw("<p class=\"crumbs\"><a href=\"")
            if let lead = q.lead { h.raw("/leads/"); h.int(lead.id) } else { h.raw("/vehicles/"); h.int(id) }
            h.raw("\">← ")
            h.text(q.lead.map { t("testdrives.back_to_lead", ["code": $0.code]) } ?? t("testdrives.back_to_car"))
            h.raw("</a></p><h1>")
            h.text(t("testdrives.calendar_car", ["car": title]))
            h.raw("</h1><p class=\"meta\">")
            h.text(v.vin + " · " + car.branchName.in(c.language.rawValue))
            h.raw("</p>")
            if !bookable {
                h.raw("<p class=\"alert\">")
                h.text(t("testdrive.not_bookable"))
                h.raw("</p>")
            } else if q.lead == nil && c.may(.testdrivesManage) {
                h.raw("<p class=\"hint\">")
                h.text(t("testdrives.open_from_lead"))
                h.raw("</p>")
            }
            weekNavigation(base: base, q: q, extra: "", t: t, into: &h)
            grid(q.week, slots: slots, now: c.now, context: c, showCar: false, into: &h) { day, hour in
                guard mayBook, let lead = q.lead else { return nil }
                let start = CivilTime(year: day.year, month: day.month, day: day.day, hour: hour)
                return "/leads/\(lead.id)/testdrives/new?vehicle=\(id)&start=\(start.htmlLocal)"
            }
        })
    }

    // MARK: - A branch

    static func branch(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let q = try query(c, db)
        // The car picker sends `vehicle`: its own calendar, same week and lead.
        if let raw = c.request.query["vehicle"], !raw.isEmpty {
            guard let v = Int64(raw), v > 0 else { throw HTTPError(.badRequest, reason: "error.malformed") }
            return .redirect(to: "/vehicles/\(v)/test-drives?week=\(q.week.iso)" + (q.lead.map { "&lead=\($0.id)" } ?? ""))
        }
        let branches = try db.branches().filter { c.viewer.seesStock(ofBranch: $0.id) && $0.active }
        let branchID: Int64
        if let raw = c.request.query["branch"], !raw.isEmpty {
            guard let b = Int64(raw), b > 0 else { throw HTTPError(.badRequest, reason: "error.malformed") }
            branchID = b
        } else if let lead = q.lead, c.viewer.seesStock(ofBranch: lead.branchID) {
            branchID = lead.branchID
        } else if let first = branches.first {
            branchID = first.id
        } else {
            throw HTTPError.notFound
        }
        let range = q.week.range
        guard let slots = try db.testDriveCalendar(branchID: branchID, from: range.start, to: range.end, visibleTo: c.viewer),
              let branch = try db.branches().first(where: { $0.id == branchID }) else { throw HTTPError.notFound }
        let cars = try db.bookableVehicles(visibleTo: c.viewer).filter { $0.branchID == branchID }
        let t = c.t, lang = c.language.rawValue
        let name = branch.name(in: lang)
        return .html(Layout.page(title: t("testdrives.calendar_branch", ["branch": name]), context: c, section: .vehicles) { h in
            if let lead = q.lead {
                h.raw("<p class=\"crumbs\"><a href=\"/leads/")
                h.int(lead.id)
                h.raw("\">← ")
                h.text(t("testdrives.back_to_lead", ["code": lead.code]))
                h.raw("</a></p>")
            }
            h.raw("<h1>")
            h.text(t("testdrives.calendar_branch", ["branch": name]))
            h.raw("</h1><form method=\"get\" action=\"/test-drives\" class=\"card filter-bar\">")
            h.select("branch", label: t("vehicle.branch"), options: branches.map { (String($0.id), $0.name(in: lang)) }, selected: String(branchID), t: t)
            h.hidden("week", q.week.iso)
            if let lead = q.lead { h.hidden("lead", String(lead.id)) }
            h.raw("<button type=\"submit\">")
            h.text(t("testdrives.show"))
            h.raw("</button></form>")
            // Booking happens on one car's calendar: pick the car.
            h.raw("<form method=\"get\" action=\"/test-drives\" class=\"card filter-bar\">")
            h.select("vehicle", label: t("testdrives.pick_car"), options: cars.map { v in
                (String(v.id), v.title + " · " + v.vin.suffix(6) + (v.condition == .demo ? " · " + t("condition.demo") : ""))
            }, selected: nil, t: t)
            h.hidden("week", q.week.iso)
            if let lead = q.lead { h.hidden("lead", String(lead.id)) }
            h.raw("<button type=\"submit\">")
            h.text(t("testdrives.open_car_calendar"))
            h.raw("</button></form>")
            weekNavigation(base: "/test-drives", q: q, extra: "branch=\(branchID)", t: t, into: &h)
            grid(q.week, slots: slots, now: c.now, context: c, showCar: true, into: &h) { _, _ in nil }
        })
    }

    // MARK: - Shared

    static func weekNavigation(base: String, q: Query, extra: String, t: Translator, into h: inout HTML) {
        func link(_ week: CalendarWeek) -> String {
            var parts = [String]()
            if !extra.isEmpty { parts.append(extra) }
            parts.append("week=" + week.iso)
            if let lead = q.lead { parts.append("lead=\(lead.id)") }
            return base + "?" + parts.joined(separator: "&")
        }
        h.raw("<nav class=\"week-nav\" aria-label=\"")
        h.attr(t("testdrives.weeks"))
        h.raw("\"><a href=\"")
        h.attr(link(q.week.previous))
        h.raw("\">← ")
        h.text(t("testdrives.previous_week"))
        h.raw("</a><strong>")
        h.text(t("testdrives.week", ["n": String(q.week.number), "from": q.week.monday.belgian, "to": q.week.monday.adding(days: 6).belgian]))
        h.raw("</strong><a href=\"")
        h.attr(link(q.week.next))
        h.raw("\">")
        h.text(t("testdrives.next_week"))
        h.raw(" →</a></nav>")
    }

    /// The week as a table: a row per hour, a column per day. A cell lists the drives that
    /// overlap its hour; a free hour still ahead gets the link `bookLink` gives, if any.
    static func grid(_ week: CalendarWeek, slots: [TestDriveSlot], now: Instant, context c: RequestContext, showCar: Bool,
                     into h: inout HTML, bookLink: (CalendarDate, Int) -> String?) {
        let t = c.t
        let days = week.days
        h.raw("<div class=\"table-wrap\"><table class=\"week-grid\"><caption>")
        h.text(t("testdrives.grid_caption"))
        h.raw("</caption><thead><tr><th scope=\"col\">")
        h.text(t("testdrives.hour"))
        h.raw("</th>")
        for day in days {
            h.raw("<th scope=\"col\">")
            h.text(t("weekday.\(CalendarWeek.weekdayIndex(day))") + " " + String(day.belgian.prefix(5)))
            h.raw("</th>")
        }
        h.raw("</tr></thead><tbody>")
        for hour in firstHour...lastHour {
            h.raw("<tr><th scope=\"row\">")
            h.text((hour < 10 ? "0" : "") + String(hour) + ":00")
            h.raw("</th>")
            for day in days {
                let start = BrusselsTime.instant(from: CivilTime(year: day.year, month: day.month, day: day.day, hour: hour))
                let here = slots.filter { TestDriveRules.overlaps($0.startsAt, $0.durationMinutes, start, 60) }
                h.raw(here.isEmpty ? "<td class=\"free\">" : "<td class=\"taken\">")
                for s in here {
                    h.raw("<p class=\"slot\">")
                    if s.leadID != nil {
                        h.raw("<a href=\"/testdrives/")
                        h.int(s.id)
                        h.raw("\">")
                        h.text(BrusselsTime.civil(s.startsAt).belgianTime + "–" + BrusselsTime.civil(s.endsAt).belgianTime)
                        h.raw("</a> ")
                        h.text((showCar ? s.vehicleTitle + " · " : "") + (s.leadCode ?? "") + (s.driverName.map { " · " + $0 } ?? ""))
                    } else {
                        h.text(BrusselsTime.civil(s.startsAt).belgianTime + "–" + BrusselsTime.civil(s.endsAt).belgianTime + " "
                               + (showCar ? s.vehicleTitle + " · " : "") + t("testdrives.booked_by", ["name": s.bookedByName ?? "—"]))
                    }
                    h.raw("</p>")
                }
                if here.isEmpty {
                    if start.seconds >= now.seconds - TestDriveRules.graceSeconds, let href = bookLink(day, hour) {
                        h.raw("<a class=\"book\" href=\"")
                        h.attr(href)
                        h.raw("\">")
                        h.text(t("testdrives.book_slot", ["time": (hour < 10 ? "0" : "") + String(hour) + ":00"]))
                        h.raw("<span class=\"visually-hidden\"> ")
                        h.text(day.belgian)
                        h.raw("</span></a>")
                    } else {
                        h.raw("<span class=\"visually-hidden\">")
                        h.text(t("testdrives.free"))
                        h.raw("</span>")
                    }
                }
                h.raw("</td>")
            }
            h.raw("</tr>")
        }
        h.raw("</tbody></table></div>")
    }
}
