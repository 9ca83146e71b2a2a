import Foundation
import GRDB
import Showroom

// Test drives: a car from the viewer's stock booked for a lead's driver. Every read and change
// takes a `Viewer`: a drive whose lead the viewer may not see is not found (another branch's
// drive answers 404), a car outside their stock cannot be booked. Calendars show every drive
// of a car the viewer's stock holds (the slot is taken whoever booked it), but the lead and the
// driver only when the viewer may see the lead.
//
// No double booking: the store looks for an overlapping drive first (to name it in the
// refusal), and the schema's trigger refuses the insert or update inside the same transaction
// (`testdrive_overlap`), so two bookings at the same second cannot both be written.
//
// Timeline (`TimelineKind.testDrive`, subject = the drive, detail = the car): booked
// (new = planned), edited (old = new = planned), outcome (planned → done/no_show/cancelled).

/// A car that may be booked, for the form's list.
public struct BookableVehicle: Equatable, Sendable {
    public let id: Int64
    public let title: String
    public let vin: String
    public let condition: VehicleCondition
    public let branchID: Int64
    public let branchName: LocalizedName
}

extension AppDatabase {
    // MARK: - Reading

    /// The lead's test drives, latest start first; nil when the lead is not visible.
    public func testDrives(leadID: Int64, visibleTo viewer: Viewer) throws -> [TestDriveSlot]? {
        try writer.read { db in
            guard try Self.leadIsVisible(db, leadID, viewer) else { return nil }
            return try Self.testDriveSlots(db, leadID: leadID)
        }
    }

    static func testDriveSlots(_ db: Database, leadID: Int64) throws -> [TestDriveSlot] {
        try TestDriveSlotRecord.fetchAll(db, literal: """
            SELECT \(sql: TestDriveSlotRecord.selection), 1 FROM testdrives t JOIN vehicles v ON v.id = t.vehicle_id
            LEFT JOIN users u ON u.id = t.created_by JOIN leads l ON l.id = t.lead_id
            WHERE t.lead_id = \(leadID) ORDER BY t.starts_at DESC, t.id DESC
            """).map(\.slot)
    }

    /// One test drive; nil when it does not exist or its lead is not visible.
    public func testDrive(id: Int64, visibleTo viewer: Viewer) throws -> TestDrive? {
        try writer.read { db in
            guard let r = try Self.visibleTestDrive(db, id, viewer) else { return nil }
            return try r.testDrive(createdByName: Self.displayName(db, ofUser: r.createdBy),
                                   checkedByName: Self.displayName(db, ofUser: r.licenceCheckedBy))
        }
    }

    /// The cars the viewer may book: in their stock, not sold, available or a demo car; by
    /// branch, make, model.
    public func bookableVehicles(visibleTo viewer: Viewer) throws -> [BookableVehicle] {
        try writer.read { db in
            var sql: SQL = """
                SELECT v.id, v.make, v.model, v.model_version, v.vin, v.condition, v.status, v.branch_id, b.name, b.name_fr, b.name_en
                FROM vehicles v JOIN branches b ON b.id = v.branch_id
                WHERE v.status <> 'sold' AND (v.status = 'available' OR v.condition = 'demo')
                """
            if let branches = viewer.stockBranches { sql = sql + " AND v.branch_id IN \(branches)" }
            sql = sql + " ORDER BY b.id, v.make, v.model, v.id"
            return try Row.fetchAll(db, literal: sql).map { r in
                let parts: [String] = [r[1], r[2], r[3]]
                return BookableVehicle(id: r[0], title: parts.filter { !$0.isEmpty }.joined(separator: " "),
                                vin: r[4], condition: VehicleCondition(rawValue: r[5]) ?? .used, branchID: r[7],
                                branchName: LocalizedName(nl: r[8], fr: r[9], en: r[10]))
            }
        }
    }

    /// A car's drives that touch `range` (the week of its calendar), and the car; nil when the
    /// car is not in the viewer's stock.
    public func testDriveCalendar(vehicleID: Int64, from start: Instant, to end: Instant, visibleTo viewer: Viewer) throws -> (VehicleDetail, [TestDriveSlot])? {
        try writer.read { db in
            guard let row = try Self.visibleVehicle(db, vehicleID, viewer) else { return nil }
            let slots = try Self.calendarSlots(db, "t.vehicle_id = \(vehicleID)", from: start, to: end, viewer: viewer)
            return (VehicleDetail(vehicle: row.vehicle, branchName: row.branchName, changes: []), slots)
        }
    }

    /// A branch's drives that touch `range`; nil when the branch is not in the viewer's stock.
    public func testDriveCalendar(branchID: Int64, from start: Instant, to end: Instant, visibleTo viewer: Viewer) throws -> [TestDriveSlot]? {
        guard viewer.seesStock(ofBranch: branchID) else { return nil }
        return try writer.read { db in
            try Self.calendarSlots(db, "v.branch_id = \(branchID)", from: start, to: end, viewer: viewer)
        }
    }

    /// The planned drives from `start` on (before `end` when given) of the leads the viewer may
    /// see; with `mineOnly`, those they booked or whose lead is theirs. Soonest first.
    public func plannedTestDrives(for viewer: Viewer, mineOnly: Bool, from start: Instant, before end: Instant?, limit: Int) throws -> [TestDriveSlot] {
        try writer.read { db in
            var sql: SQL = """
                SELECT \(sql: TestDriveSlotRecord.selection), 1 FROM testdrives t JOIN vehicles v ON v.id = t.vehicle_id
                LEFT JOIN users u ON u.id = t.created_by JOIN leads l ON l.id = t.lead_id
                WHERE t.status = 'planned' AND t.starts_at + t.duration_minutes * 60 > \(start.seconds) AND \(LeadScope(viewer))
                """
            if let end { sql = sql + " AND t.starts_at < \(end.seconds)" }
            if mineOnly { sql = sql + " AND (t.created_by = \(viewer.userID) OR l.responsible_id = \(viewer.userID))" }
            sql = sql + " ORDER BY t.starts_at, t.id LIMIT \(limit)"
            return try TestDriveSlotRecord.fetchAll(db, literal: sql).map(\.slot)
        }
    }

    /// The drive that holds `vehicleID` at a time overlapping `start` for `minutes`, other than
    /// `excluding`: what a refused booking names. The lead only when the viewer may see it.
    public func overlappingTestDrive(vehicleID: Int64, start: Instant, minutes: Int, excluding: Int64?, visibleTo viewer: Viewer) throws -> TestDriveSlot? {
        try writer.read { db in
            try Self.overlapping(db, vehicleID: vehicleID, start: start, minutes: minutes, excluding: excluding, viewer: viewer)
        }
    }

    static func overlapping(_ db: Database, vehicleID: Int64, start: Instant, minutes: Int, excluding: Int64?, viewer: Viewer) throws -> TestDriveSlot? {
        let end = start.seconds + Int64(minutes) * 60
        return try TestDriveSlotRecord.fetchOne(db, literal: """
            SELECT \(sql: TestDriveSlotRecord.selection), \(LeadScope(viewer)) FROM testdrives t JOIN vehicles v ON v.id = t.vehicle_id
            LEFT JOIN users u ON u.id = t.created_by JOIN leads l ON l.id = t.lead_id
            WHERE t.vehicle_id = \(vehicleID) AND t.status <> 'cancelled' AND t.id IS NOT \(excluding)
              AND t.starts_at > \(start.seconds - 86_400) AND t.starts_at < \(end) AND t.starts_at + t.duration_minutes * 60 > \(start.seconds)
            ORDER BY t.starts_at LIMIT 1
            """)?.slot
    }

    static func calendarSlots(_ db: Database, _ condition: SQL, from start: Instant, to end: Instant, viewer: Viewer) throws -> [TestDriveSlot] {
        try TestDriveSlotRecord.fetchAll(db, literal: """
            SELECT \(sql: TestDriveSlotRecord.selection), \(LeadScope(viewer)) FROM testdrives t JOIN vehicles v ON v.id = t.vehicle_id
            LEFT JOIN users u ON u.id = t.created_by JOIN leads l ON l.id = t.lead_id
            WHERE \(condition) AND t.status <> 'cancelled' AND t.starts_at > \(start.seconds - 86_400) AND t.starts_at < \(end.seconds)
              AND t.starts_at + t.duration_minutes * 60 > \(start.seconds)
            ORDER BY t.starts_at, t.id
            """).map(\.slot)
    }

    static func visibleTestDrive(_ db: Database, _ id: Int64, _ viewer: Viewer) throws -> TestDriveRecord? {
        try TestDriveRecord.fetchOne(db, literal: """
            SELECT \(sql: TestDriveRecord.selection) FROM testdrives t JOIN vehicles v ON v.id = t.vehicle_id JOIN leads l ON l.id = t.lead_id
            WHERE t.id = \(id) AND \(LeadScope(viewer))
            """)
    }

    // MARK: - Changing

    /// Books a test drive for a lead the viewer may see. Refuses (`StoreError.invalid`) what
    /// `TestDriveRules.check` refuses, a car outside the viewer's stock (`.invalidChoice`) or
    /// not bookable (`.vehicleNotBookable`), a driver contact not on the lead
    /// (`.driverNotOnLead`) and a slot that overlaps another drive of the car
    /// (`.testDriveOverlap`, also when only the schema's trigger saw it). Returns the new id.
    public func createTestDrive(leadID: Int64, _ input: TestDriveInput, by viewer: Viewer, now: Instant) throws -> Int64 {
        try writer.write { db in
            let lead = try Self.visibleLead(db, leadID, viewer)
            let (title, driverName, language) = try Self.checkTestDrive(db, input, lead: lead, excluding: nil, viewer: viewer, now: now)
            let (contactID, birth) = Self.driverColumns(input.driver)
            try Self.mappingOverlap {
                try db.execute(literal: """
                    INSERT INTO testdrives (lead_id, vehicle_id, starts_at, duration_minutes, driver_name, licence_number, created_at, status,
                        driver_contact_id, driver_birth_date, driver_language, licence_category, licence_expiry, licence_checked_by, licence_checked_at,
                        plate, notes, created_by, updated_at)
                    VALUES (\(leadID), \(input.vehicleID), \(input.startsAt.seconds), \(input.durationMinutes), \(driverName), \(input.licenceNumber),
                        \(now.seconds), 'planned', \(contactID), \(birth), \(language), \(input.licenceCategory.rawValue), \(input.licenceExpiry?.iso),
                        \(input.licenceChecked ? viewer.userID : nil), \(input.licenceChecked ? now.seconds : nil), \(input.plate), \(input.notes),
                        \(viewer.userID), \(now.seconds))
                    """)
            }
            let id = db.lastInsertedRowID
            try Self.record(db, lead: leadID, at: now, actor: viewer.userID, .testDrive, subject: id, detail: title, new: TestDriveStatus.planned.rawValue)
            return id
        }
    }

    /// Saves a planned test drive (another car, time, driver, licence…). A stale `version` is
    /// `StoreError.conflict`; a drive that is no longer planned is `.testDriveNotPlanned`.
    /// The licence check keeps who and when it was first recorded; unticking clears it.
    public func updateTestDrive(id: Int64, _ input: TestDriveInput, version: Int64, by viewer: Viewer, now: Instant) throws {
        try writer.write { db in
            guard let current = try Self.visibleTestDrive(db, id, viewer) else { throw StoreError.notFound }
            guard current.version == version else { throw StoreError.conflict }
            guard current.status == .planned else { throw StoreError.invalid(.testDriveNotPlanned) }
            let lead = try Self.visibleLead(db, current.leadID, viewer)
            // A drive kept at the time it had may stay there even once that time has passed.
            let unmoved = input.startsAt == current.input.startsAt && input.durationMinutes == current.input.durationMinutes
            let (title, driverName, language) = try Self.checkTestDrive(db, input, lead: lead, excluding: id, viewer: viewer,
                                                                        now: unmoved ? min(now, input.startsAt) : now)
            let (contactID, birth) = Self.driverColumns(input.driver)
            let keepCheck = input.licenceChecked && current.input.licenceChecked
            try Self.mappingOverlap {
                try db.execute(literal: """
                    UPDATE testdrives SET vehicle_id = \(input.vehicleID), starts_at = \(input.startsAt.seconds), duration_minutes = \(input.durationMinutes),
                        driver_name = \(driverName), licence_number = \(input.licenceNumber), driver_contact_id = \(contactID), driver_birth_date = \(birth),
                        driver_language = \(language), licence_category = \(input.licenceCategory.rawValue), licence_expiry = \(input.licenceExpiry?.iso),
                        licence_checked_by = \(keepCheck ? current.licenceCheckedBy : (input.licenceChecked ? viewer.userID : nil)),
                        licence_checked_at = \(keepCheck ? current.licenceCheckedAt?.seconds : (input.licenceChecked ? now.seconds : nil)),
                        plate = \(input.plate), notes = \(input.notes), updated_at = \(now.seconds), version = version + 1
                    WHERE id = \(id) AND version = \(version)
                    """)
            }
            guard db.changesCount == 1 else { throw StoreError.conflict }
            try Self.record(db, lead: current.leadID, at: now, actor: viewer.userID, .testDrive, subject: id, detail: title,
                            old: TestDriveStatus.planned.rawValue, new: TestDriveStatus.planned.rawValue)
        }
    }

    /// Ends a planned drive: done (with the odometer out and in), no-show or cancelled (which
    /// frees the slot). Refuses what `TestDriveRules.check(_:current:)` refuses.
    public func recordTestDriveOutcome(id: Int64, _ outcome: TestDriveOutcome, version: Int64, by viewer: Viewer, now: Instant) throws {
        try writer.write { db in
            guard let current = try Self.visibleTestDrive(db, id, viewer) else { throw StoreError.notFound }
            guard current.version == version else { throw StoreError.conflict }
            if let (_, v) = TestDriveRules.check(outcome, current: current.status).first { throw StoreError.invalid(v) }
            let notes = outcome.notes.isEmpty ? current.input.notes : outcome.notes
            try db.execute(literal: """
                UPDATE testdrives SET status = \(outcome.status.rawValue), odometer_out = \(outcome.odometerOutKm), odometer_in = \(outcome.odometerInKm),
                    notes = \(notes), updated_at = \(now.seconds), version = version + 1
                WHERE id = \(id) AND version = \(version)
                """)
            guard db.changesCount == 1 else { throw StoreError.conflict }
            try Self.record(db, lead: current.leadID, at: now, actor: viewer.userID, .testDrive, subject: id, detail: current.vehicleTitle,
                            old: current.status.rawValue, new: outcome.status.rawValue)
        }
    }

    // MARK: - Shared steps

    /// Checks a booking inside the write: the rules, the car (in stock, bookable), the driver
    /// contact (on the lead), a free slot. Returns the car's title, the driver's name and the
    /// agreement's language.
    static func checkTestDrive(_ db: Database, _ input: TestDriveInput, lead: LeadFacts, excluding: Int64?, viewer: Viewer,
                               now: Instant) throws -> (String, String, String) {
        if let (_, v) = TestDriveRules.check(input, now: now).first { throw StoreError.invalid(v) }
        guard let car = try visibleVehicle(db, input.vehicleID, viewer) else { throw StoreError.invalid(.invalidChoice) }
        let v = car.vehicle.input
        guard TestDriveRules.isBookable(condition: v.condition, status: v.status) else { throw StoreError.invalid(.vehicleNotBookable) }
        var driverName = "", language = input.driverLanguage
        switch input.driver {
        case .contact(let contactID):
            guard let row = try Row.fetchOne(db, sql: """
                SELECT c.kind, c.first_name, c.last_name, c.company_name, c.language FROM contacts c
                WHERE c.id = ? AND (c.id = ? OR EXISTS (SELECT 1 FROM lead_contacts lc WHERE lc.lead_id = ? AND lc.contact_id = c.id))
                """, arguments: [contactID, lead.contactID, lead.id]) else { throw StoreError.invalid(.driverNotOnLead) }
            driverName = ContactCard.displayName(kind: ContactKind(rawValue: row[0]) ?? .person, firstName: row[1], lastName: row[2], companyName: row[3])
            language = row[4]
        case .other(let name, _):
            driverName = name
        }
        if try overlapping(db, vehicleID: input.vehicleID, start: input.startsAt, minutes: input.durationMinutes, excluding: excluding, viewer: viewer) != nil {
            throw StoreError.invalid(.testDriveOverlap)
        }
        return ([v.make, v.model, v.version].filter { !$0.isEmpty }.joined(separator: " "), driverName, language)
    }

    static func driverColumns(_ driver: TestDriveDriver) -> (Int64?, String?) {
        switch driver {
        case .contact(let id): return (id, nil)
        case .other(_, let birth): return (nil, birth?.iso)
        }
    }

    /// Runs a write and turns the schema's refusal of an overlap into the rule's code.
    static func mappingOverlap(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT && (error.message ?? "").contains("testdrive_overlap") {
            throw StoreError.invalid(.testDriveOverlap)
        }
    }
}

/// A drive as a calendar or a list shows it. The last column says whether the viewer may see
/// the lead (1 or 0).
struct TestDriveSlotRecord: FetchableRecord {
    enum Columns: Int, SelectedColumns {
        case id, vehicleID, make, model, modelVersion, startsAt, durationMinutes, status, bookedBy, leadID, leadCode, driverName, visible
    }
    static let selection = Columns.allCases.dropLast().map { c -> String in
        switch c {
        case .make, .model: return "v.\(c.columnName) AS \"\(c)\""
        case .modelVersion: return "v.model_version AS \"\(c)\""
        case .bookedBy: return "u.display_name AS \"\(c)\""
        case .leadCode: return "l.code AS \"\(c)\""
        default: return "t.\(c.columnName) AS \"\(c)\""
        }
    }.joined(separator: ", ")

    let slot: TestDriveSlot

    init(row r: Row) {
        let visible: Bool = r[Columns.visible]
        let parts: [String] = [r[Columns.make], r[Columns.model], r[Columns.modelVersion]]
        let title = parts.filter { !$0.isEmpty }.joined(separator: " ")
        slot = TestDriveSlot(id: r[Columns.id], vehicleID: r[Columns.vehicleID], vehicleTitle: title, startsAt: r.instant(Columns.startsAt),
                             durationMinutes: r[Columns.durationMinutes], status: TestDriveStatus(rawValue: r[Columns.status]) ?? .planned,
                             bookedByName: r[Columns.bookedBy], leadID: visible ? r[Columns.leadID] : nil,
                             leadCode: visible ? r[Columns.leadCode] : nil, driverName: visible ? r[Columns.driverName] : nil)
    }
}

/// A test drive as stored, with its car's title.
struct TestDriveRecord: FetchableRecord {
    enum Columns: Int, SelectedColumns {
        case id, leadID, vehicleID, startsAt, durationMinutes, driverName, licenceNumber, status, driverContactID, driverBirthDate,
             driverLanguage, licenceCategory, licenceExpiry, licenceCheckedBy, licenceCheckedAt, plate, odometerOut, odometerIn, notes,
             createdBy, createdAt, version, make, model, modelVersion, vin, branchID
    }
    static let selection = Columns.selection { c in
        switch c {
        case .make, .model, .vin: return "v." + c.columnName
        case .modelVersion: return "v.model_version"
        case .branchID: return "v.branch_id"
        default: return "t." + c.columnName
        }
    }

    let id: Int64
    let leadID: Int64
    let input: TestDriveInput
    let status: TestDriveStatus
    let driverName: String
    let licenceCheckedBy: Int64?
    let licenceCheckedAt: Instant?
    let odometerOut: Int?
    let odometerIn: Int?
    let createdBy: Int64?
    let createdAt: Instant
    let version: Int64
    let vehicleTitle: String
    let vin: String
    let branchID: Int64

    init(row r: Row) {
        var i = TestDriveInput()
        i.vehicleID = r[Columns.vehicleID]
        i.startsAt = r.instant(Columns.startsAt)
        i.durationMinutes = r[Columns.durationMinutes]
        let name: String = r[Columns.driverName]
        if let contact: Int64 = r[Columns.driverContactID] {
            i.driver = .contact(id: contact)
        } else {
            i.driver = .other(name: name, birthDate: (r[Columns.driverBirthDate] as String?).flatMap { CalendarDate(iso: $0) })
        }
        i.driverLanguage = r[Columns.driverLanguage]
        i.licenceNumber = r[Columns.licenceNumber]
        i.licenceCategory = LicenceCategory(rawValue: r[Columns.licenceCategory]) ?? .b
        i.licenceExpiry = (r[Columns.licenceExpiry] as String?).flatMap { CalendarDate(iso: $0) }
        licenceCheckedBy = r[Columns.licenceCheckedBy]
        licenceCheckedAt = r.instant(Columns.licenceCheckedAt)
        i.licenceChecked = licenceCheckedAt != nil
        i.plate = r[Columns.plate]
        i.notes = r[Columns.notes]
        id = r[Columns.id]
        leadID = r[Columns.leadID]
        input = i
        status = TestDriveStatus(rawValue: r[Columns.status]) ?? .planned
        driverName = name
        odometerOut = r[Columns.odometerOut]
        odometerIn = r[Columns.odometerIn]
        createdBy = r[Columns.createdBy]
        createdAt = r.instant(Columns.createdAt)
        version = r[Columns.version]
        let parts: [String] = [r[Columns.make], r[Columns.model], r[Columns.modelVersion]]
        vehicleTitle = parts.filter { !$0.isEmpty }.joined(separator: " ")
        vin = r[Columns.vin]
        branchID = r[Columns.branchID]
    }

    func testDrive(createdByName: String?, checkedByName: String?) -> TestDrive {
        TestDrive(id: id, leadID: leadID, input: input, status: status, driverName: driverName, vehicleTitle: vehicleTitle, vehicleVIN: vin,
                  vehicleBranchID: branchID, licenceCheckedByName: checkedByName, licenceCheckedAt: licenceCheckedAt, odometerOutKm: odometerOut,
                  odometerInKm: odometerIn, createdByName: createdByName, createdAt: createdAt, version: version)
    }
}
