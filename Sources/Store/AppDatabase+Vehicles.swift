import Foundation
import GRDB
import Showroom

// Stock: the dealer's cars. Every read and change takes a `Viewer`; a car of a branch outside
// `viewer.stockBranches` is not found. Changes are versioned and written to `vehicle_changes`.

/// The list's filters, read from the address.
public struct VehicleFilter: Equatable, Sendable {
    public var make: String?
    public var fuel: Fuel?
    public var condition: VehicleCondition?
    public var status: VehicleStatus?
    public var branchID: Int64?
    public var minPrice: Money?
    public var maxPrice: Money?
    /// Words that must each occur in make, model, version, VIN or colour.
    public var text = ""
    public var page = 1
    public static let pageSize = 50
    public init() {}
}

/// One line of the stock list.
public struct VehicleListRow: Equatable, Sendable {
    public let id: Int64
    public let vin: String, make: String, model: String, version: String
    public let fuel: Fuel, gearbox: Gearbox
    public let powerKW: Int?
    public let colour: String
    public let condition: VehicleCondition, status: VehicleStatus
    public let branchName: LocalizedName
    public let price: Money
    public let odometerKm: Int?
    public let firstRegistration: CalendarDate?
}

public struct VehicleListPage: Sendable {
    public let rows: [VehicleListRow]
    public let hasNextPage: Bool
}

/// A car's page: the car, its branch's name and its history.
public struct VehicleDetail: Sendable {
    public let vehicle: Vehicle
    public let branchName: LocalizedName
    public let changes: [VehicleChange]
}

/// One change of a car: who, when, which field (the store's column name), old → new.
public struct VehicleChange: Equatable, Sendable {
    public let at: Instant
    public let actorName: String?
    public let field: String
    public let oldValue: String, newValue: String
}

extension AppDatabase {
    /// A page of the stock the viewer may see, filtered, by make, model and id.
    public func vehicles(_ filter: VehicleFilter, viewer: Viewer) throws -> VehicleListPage {
        try writer.read { db in
            var sql: SQL = "SELECT \(sql: VehicleRow.selection) FROM vehicles v JOIN branches b ON b.id = v.branch_id WHERE 1"
            if let branches = viewer.stockBranches { sql += " AND v.branch_id IN \(branches)" }
            if let make = filter.make { sql += " AND v.make = \(make)" }
            if let fuel = filter.fuel { sql += " AND v.fuel = \(fuel.rawValue)" }
            if let condition = filter.condition { sql += " AND v.condition = \(condition.rawValue)" }
            if let status = filter.status { sql += " AND v.status = \(status.rawValue)" }
            if let branch = filter.branchID { sql += " AND v.branch_id = \(branch)" }
            if let min = filter.minPrice { sql += " AND v.price_cents >= \(min.cents)" }
            if let max = filter.maxPrice { sql += " AND v.price_cents <= \(max.cents)" }
            for word in Self.searchWords(filter.text) {
                // A stock is hundreds or thousands of cars: a scan with LIKE is well under a
                // millisecond and needs no index to keep in step.
                let pattern = "%" + word + "%"
                sql += " AND (v.make || ' ' || v.model || ' ' || v.model_version || ' ' || v.vin || ' ' || v.colour || ' ' || v.colour_code) LIKE \(pattern) ESCAPE '\\'"
            }
            let page = max(1, filter.page)
            sql += " ORDER BY v.make, v.model, v.id LIMIT \(VehicleFilter.pageSize + 1) OFFSET \((page - 1) * VehicleFilter.pageSize)"
            let rows = try VehicleRow.fetchAll(db, literal: sql)
            return VehicleListPage(rows: rows.prefix(VehicleFilter.pageSize).map(\.listRow), hasNextPage: rows.count > VehicleFilter.pageSize)
        }
    }

    /// Search words, with LIKE's wildcards escaped; at most five, each up to 40 characters.
    static func searchWords(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" }).prefix(5).map { word in
            String(word.prefix(40)).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
        }
    }

    /// The makes in the viewer's stock, for the list's make filter.
    public func vehicleMakes(viewer: Viewer) throws -> [String] {
        try writer.read { db in
            var sql: SQL = "SELECT DISTINCT make FROM vehicles"
            if let branches = viewer.stockBranches { sql += " WHERE branch_id IN \(branches)" }
            sql += " ORDER BY make"
            return try String.fetchAll(db.cachedStatement(literal: sql))
        }
    }

    /// One car with its branch's name and its history; nil when it does not exist or is of a
    /// branch outside the viewer's stock.
    public func vehicle(id: Int64, viewer: Viewer) throws -> VehicleDetail? {
        try writer.read { db in
            guard let row = try Self.visibleVehicle(db, id, viewer) else { return nil }
            let changes = try Row.fetchAll(db, sql: """
                SELECT c.at, u.display_name, c.field, c.old_value, c.new_value FROM vehicle_changes c LEFT JOIN users u ON u.id = c.actor_id
                WHERE c.vehicle_id = ? ORDER BY c.at DESC, c.id DESC LIMIT 100
                """, arguments: [id]).map { r in
                VehicleChange(at: Instant(seconds: r[0]), actorName: r[1], field: r[2], oldValue: r[3], newValue: r[4])
            }
            return VehicleDetail(vehicle: row.vehicle, branchName: row.branchName, changes: changes)
        }
    }

    /// Adds a car to stock. Refuses (`StoreError.invalid`) what `VehicleRules.check` refuses,
    /// a VIN already in stock (`.vinTaken`) and a branch outside the viewer's stock
    /// (`.invalidChoice`). Returns the new id.
    public func createVehicle(_ input: VehicleInput, viewer: Viewer, now: Instant) throws -> Int64 {
        try writer.write { db in
            try Self.checkVehicle(db, input, id: nil, viewer: viewer, now: now)
            let sql: SQL = """
                INSERT INTO vehicles (vin, make, model, model_version, body, fuel, gearbox, power_kw, colour, colour_code, options, first_registration,
                    odometer_km, condition, status, branch_id, price_cents, purchase_price_cents, vat_regime, wltp_tenths, co2_g_km, created_at, updated_at)
                VALUES (\(input.vin), \(input.make), \(input.model), \(input.version), \(input.body), \(input.fuel.rawValue), \(input.gearbox.rawValue),
                    \(input.powerKW), \(input.colour), \(input.colourCode), \(input.options.joined(separator: "\n")), \(input.firstRegistration?.iso),
                    \(input.odometerKm), \(input.condition.rawValue), \(input.status.rawValue), \(input.branchID), \(input.askingPrice.cents),
                    \(input.purchasePrice?.cents), \(input.vatRegime.rawValue), \(input.wltpTenths), \(input.co2GramsPerKm), \(now.seconds), \(now.seconds))
                """
            try db.execute(literal: sql)
            let id = db.lastInsertedRowID
            try Self.logVehicleChange(db, id, now: now, actor: viewer.userID, field: "created", old: "", new: "\(input.make) \(input.model) \(input.vin)")
            return id
        }
    }

    /// Saves a car. `version` is the one the form was loaded with: a stale one is
    /// `StoreError.conflict` and nothing is written. Every changed field is recorded.
    public func updateVehicle(id: Int64, _ input: VehicleInput, version: Int64, viewer: Viewer, now: Instant) throws {
        try writer.write { db in
            guard let current = try Self.visibleVehicle(db, id, viewer) else { throw StoreError.notFound }
            guard current.version == version else { throw StoreError.conflict }
            try Self.checkVehicle(db, input, id: id, viewer: viewer, now: now)
            let changes = Self.changedFields(current.vehicle.input, input)
            guard !changes.isEmpty else { return }
            try db.execute(literal: """
                UPDATE vehicles SET vin = \(input.vin), make = \(input.make), model = \(input.model), model_version = \(input.version), body = \(input.body),
                    fuel = \(input.fuel.rawValue), gearbox = \(input.gearbox.rawValue), power_kw = \(input.powerKW), colour = \(input.colour),
                    colour_code = \(input.colourCode), options = \(input.options.joined(separator: "\n")), first_registration = \(input.firstRegistration?.iso),
                    odometer_km = \(input.odometerKm), condition = \(input.condition.rawValue), status = \(input.status.rawValue), branch_id = \(input.branchID),
                    price_cents = \(input.askingPrice.cents), purchase_price_cents = \(input.purchasePrice?.cents), vat_regime = \(input.vatRegime.rawValue),
                    wltp_tenths = \(input.wltpTenths), co2_g_km = \(input.co2GramsPerKm), updated_at = \(now.seconds), version = version + 1
                WHERE id = \(id) AND version = \(version)
                """)
            guard db.changesCount == 1 else { throw StoreError.conflict }
            for (field, old, new) in changes { try Self.logVehicleChange(db, id, now: now, actor: viewer.userID, field: field, old: old, new: new) }
        }
    }

    // MARK: - Status changes inside another operation (quotes, sales)

    /// Reserves an available car, inside the caller's transaction (an accepted quote). Not
    /// found when the car is outside the viewer's stock; `.invalid(.vehicleNotAvailable)` when
    /// it is reserved or sold already — throw it on, and the caller's transaction rolls back.
    /// Two quotes accepted at the same moment cannot both reserve: writes are serialised and
    /// the UPDATE only moves a car that is still available.
    public static func reserve(_ db: Database, vehicleID: Int64, viewer: Viewer, now: Instant) throws {
        try setStatus(db, vehicleID, to: .reserved, from: [.available], viewer: viewer, now: now)
    }

    /// Marks an available or reserved car sold, inside the caller's transaction.
    public static func markSold(_ db: Database, vehicleID: Int64, viewer: Viewer, now: Instant) throws {
        try setStatus(db, vehicleID, to: .sold, from: [.available, .reserved], viewer: viewer, now: now)
    }

    /// Makes a reserved car available again (a quote cancelled after acceptance).
    public static func release(_ db: Database, vehicleID: Int64, viewer: Viewer, now: Instant) throws {
        try setStatus(db, vehicleID, to: .available, from: [.reserved], viewer: viewer, now: now)
    }

    /// The status of a car the viewer may see (nil: not found), inside the caller's transaction.
    public static func vehicleStatus(_ db: Database, vehicleID: Int64, viewer: Viewer) throws -> VehicleStatus? {
        try visibleVehicle(db, vehicleID, viewer)?.vehicle.input.status
    }

    static func setStatus(_ db: Database, _ id: Int64, to status: VehicleStatus, from allowed: Set<VehicleStatus>, viewer: Viewer, now: Instant) throws {
        guard let current = try visibleVehicle(db, id, viewer) else { throw StoreError.notFound }
        let old = current.vehicle.input.status
        guard allowed.contains(old) else { throw StoreError.invalid(.vehicleNotAvailable) }
        try db.execute(literal: """
            UPDATE vehicles SET status = \(status.rawValue), updated_at = \(now.seconds), version = version + 1
            WHERE id = \(id) AND status = \(old.rawValue)
            """)
        guard db.changesCount == 1 else { throw StoreError.invalid(.vehicleNotAvailable) }
        try logVehicleChange(db, id, now: now, actor: viewer.userID, field: "status", old: old.rawValue, new: status.rawValue)
    }

    // MARK: - Shared steps

    static func visibleVehicle(_ db: Database, _ id: Int64, _ viewer: Viewer) throws -> VehicleRow? {
        guard let row = try VehicleRow.fetchOne(db, literal: "SELECT \(sql: VehicleRow.selection) FROM vehicles v JOIN branches b ON b.id = v.branch_id WHERE v.id = \(id)"),
              viewer.seesStock(ofBranch: row.vehicle.input.branchID) else { return nil }
        return row
    }

    static func checkVehicle(_ db: Database, _ input: VehicleInput, id: Int64?, viewer: Viewer, now: Instant) throws {
        if let (_, violation) = VehicleRules.check(input, today: CalendarDate.brussels(now)).first { throw StoreError.invalid(violation) }
        guard viewer.seesStock(ofBranch: input.branchID),
              try Bool.fetchOne(db, sql: "SELECT active FROM branches WHERE id = ?", arguments: [input.branchID]) == true else {
            throw StoreError.invalid(.invalidChoice)
        }
        if try Int64.fetchOne(db, sql: "SELECT id FROM vehicles WHERE vin = ? AND id IS NOT ?", arguments: [input.vin, id]) != nil {
            throw StoreError.invalid(.vinTaken)
        }
    }

    static func logVehicleChange(_ db: Database, _ id: Int64, now: Instant, actor: Int64, field: String, old: String, new: String) throws {
        try db.execute(sql: "INSERT INTO vehicle_changes (vehicle_id, at, actor_id, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [id, now.seconds, actor > 0 ? actor : nil, field, old, new])
    }

    /// (column, old, new) for each field that differs, as stored text.
    static func changedFields(_ a: VehicleInput, _ b: VehicleInput) -> [(String, String, String)] {
        func s(_ v: Int?) -> String { v.map(String.init) ?? "" }
        func s(_ v: Int64?) -> String { v.map(String.init) ?? "" }
        let pairs: [(String, String, String)] = [
            ("vin", a.vin, b.vin), ("make", a.make, b.make), ("model", a.model, b.model), ("model_version", a.version, b.version), ("body", a.body, b.body),
            ("fuel", a.fuel.rawValue, b.fuel.rawValue), ("gearbox", a.gearbox.rawValue, b.gearbox.rawValue), ("power_kw", s(a.powerKW), s(b.powerKW)),
            ("colour", a.colour, b.colour), ("colour_code", a.colourCode, b.colourCode),
            ("options", a.options.joined(separator: "\n"), b.options.joined(separator: "\n")),
            ("first_registration", a.firstRegistration?.iso ?? "", b.firstRegistration?.iso ?? ""), ("odometer_km", s(a.odometerKm), s(b.odometerKm)),
            ("condition", a.condition.rawValue, b.condition.rawValue), ("status", a.status.rawValue, b.status.rawValue),
            ("branch_id", String(a.branchID), String(b.branchID)), ("price_cents", String(a.askingPrice.cents), String(b.askingPrice.cents)),
            ("purchase_price_cents", s(a.purchasePrice?.cents), s(b.purchasePrice?.cents)), ("vat_regime", a.vatRegime.rawValue, b.vatRegime.rawValue),
            ("wltp_tenths", s(a.wltpTenths), s(b.wltpTenths)), ("co2_g_km", s(a.co2GramsPerKm), s(b.co2GramsPerKm)),
        ]
        return pairs.filter { $0.1 != $0.2 }
    }
}

/// A car as read, with its branch's names.
struct VehicleRow: FetchableRecord {
    enum Columns: Int, SelectedColumns {
        case id, vin, make, model, modelVersion, body, fuel, gearbox, powerKw, colour, colourCode, options, firstRegistration, odometerKm,
             condition, status, branchID, priceCents, purchasePriceCents, vatRegime, wltpTenths, co2GKm, createdAt, updatedAt, version,
             branchNl, branchFr, branchEn
    }
    static let selection = Columns.selection { c in
        switch c {
        case .branchNl: return "b.name"
        case .branchFr: return "b.name_fr"
        case .branchEn: return "b.name_en"
        case .co2GKm: return "v.co2_g_km"
        default: return "v." + c.columnName
        }
    }

    let vehicle: Vehicle
    let branchName: LocalizedName

    init(row r: Row) {
        var i = VehicleInput()
        i.vin = r[Columns.vin]
        i.make = r[Columns.make]
        i.model = r[Columns.model]
        i.version = r[Columns.modelVersion]
        i.body = r[Columns.body]
        i.fuel = Fuel(rawValue: r[Columns.fuel]) ?? .petrol
        i.gearbox = Gearbox(rawValue: r[Columns.gearbox]) ?? .manual
        i.powerKW = r[Columns.powerKw]
        i.colour = r[Columns.colour]
        i.colourCode = r[Columns.colourCode]
        let options: String = r[Columns.options]
        i.options = options.isEmpty ? [] : options.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        i.firstRegistration = (r[Columns.firstRegistration] as String?).flatMap(CalendarDate.init(iso:))
        i.odometerKm = r[Columns.odometerKm]
        i.condition = VehicleCondition(rawValue: r[Columns.condition]) ?? .used
        i.status = VehicleStatus(rawValue: r[Columns.status]) ?? .available
        i.branchID = r[Columns.branchID]
        i.askingPrice = Money(cents: r[Columns.priceCents])
        i.purchasePrice = (r[Columns.purchasePriceCents] as Int64?).map(Money.init(cents:))
        i.vatRegime = VATRegime(rawValue: r[Columns.vatRegime]) ?? .normal
        i.wltpTenths = r[Columns.wltpTenths]
        i.co2GramsPerKm = r[Columns.co2GKm]
        vehicle = Vehicle(id: r[Columns.id], input: i, version: r[Columns.version], createdAt: r.instant(Columns.createdAt), updatedAt: r.instant(Columns.updatedAt))
        branchName = r.localized(Columns.branchNl, Columns.branchFr, Columns.branchEn)
    }

    var version: Int64 { vehicle.version }

    var listRow: VehicleListRow {
        let i = vehicle.input
        return VehicleListRow(id: vehicle.id, vin: i.vin, make: i.make, model: i.model, version: i.version, fuel: i.fuel, gearbox: i.gearbox, powerKW: i.powerKW,
                              colour: i.colour, condition: i.condition, status: i.status, branchName: branchName, price: i.askingPrice,
                              odometerKm: i.odometerKm, firstRegistration: i.firstRegistration)
    }
}
