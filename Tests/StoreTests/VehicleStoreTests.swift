import Foundation
import GRDB
import Showroom
@testable import Store
import Testing

@Suite struct VehicleStoreTests {
    static let now = Instant(seconds: 1_784_116_800) // 2026-07-15
    /// Sees the stock of Gent only (a salesperson there: own leads, the branch's cars).
    static let gentSeller = Viewer(userID: Fixture.sofie, visibility: .own(userID: Fixture.sofie, branches: [Fixture.gent]))
    static let namurSeller = Viewer(userID: Fixture.julien, visibility: .branches([Fixture.namur]))
    static let everyone = Viewer(userID: Fixture.sofie, visibility: .all)

    static func car(_ vin: String, make: String = "Volkswagen", model: String = "Golf", branch: Int64 = Fixture.gent, euros: Int64 = 36_990,
                    fuel: Fuel = .petrol, condition: VehicleCondition = .new, colour: String = "Zwart") -> VehicleInput {
        var i = VehicleInput()
        i.vin = vin
        i.make = make
        i.model = model
        i.version = "1.5 eTSI Life"
        i.fuel = fuel
        i.powerKW = 110
        i.colour = colour
        i.condition = condition
        i.branchID = branch
        i.askingPrice = Money(cents: euros * 100)
        if condition == .new {
            i.wltpTenths = fuel == .electric ? 154 : 55
            i.co2GramsPerKm = fuel == .electric ? 0 : 125
        } else {
            i.firstRegistration = CalendarDate(year: 2022, month: 5, day: 3)
            i.odometerKm = 48_000
        }
        return i
    }

    /// A fixture with four cars: three in Gent, one in Namur (the fixture's own car 1 is in Gent too).
    func stocked() throws -> (Fixture, [Int64]) {
        let f = try Fixture()
        let db = f.database
        let ids = [
            try db.createVehicle(Self.car("WVWZZZ1KZAW000010", euros: 36_990), viewer: Self.everyone, now: Self.now),
            try db.createVehicle(Self.car("WVWZZZE1ZNP000011", model: "ID.3", euros: 39_990, fuel: .electric, colour: "Moonstone Grey"), viewer: Self.everyone, now: Self.now),
            try db.createVehicle(Self.car("VF1RK3EYCER000012", make: "Renault", model: "Clio", euros: 14_500, condition: .used), viewer: Self.everyone, now: Self.now),
            try db.createVehicle(Self.car("VF3UPHNSKR0000013", make: "Peugeot", model: "208", branch: Fixture.namur, euros: 22_990), viewer: Self.everyone, now: Self.now),
        ]
        return (f, ids)
    }

    @Test func createdCarReadsBackWithEveryField() throws {
        let f = try Fixture()
        var input = Self.car("WVWZZZ1KZAW000010", condition: .used)
        input.options = ["Trekhaak", "Winterpakket"]
        input.colourCode = "2T"
        input.body = "Hatchback"
        input.gearbox = .automatic
        input.purchasePrice = Money(cents: 1_200_000)
        input.vatRegime = .margin
        input.status = .reserved
        let id = try f.database.createVehicle(input, viewer: Self.gentSeller, now: Self.now)
        let read = try #require(try f.database.vehicle(id: id, viewer: Self.gentSeller))
        #expect(read.vehicle.input == input)
        #expect(read.vehicle.version == 1)
        #expect(read.vehicle.createdAt == Self.now)
        #expect(read.branchName.nl == "Gent")
        #expect(read.changes.map(\.field) == ["created"])
        #expect(read.changes.first?.actorName == "Sofie Peeters")
    }

    @Test func filtersNarrowTheList() throws {
        let (f, ids) = try stocked()
        let db = f.database
        func list(_ change: (inout VehicleFilter) -> Void) throws -> [Int64] {
            var filter = VehicleFilter()
            change(&filter)
            return try db.vehicles(filter, viewer: Self.everyone).rows.map(\.id)
        }
        #expect(try list { _ in }.count == 5)
        #expect(Set(try list { $0.make = "Volkswagen" }) == [1, ids[0], ids[1]])
        #expect(try list { $0.fuel = .electric } == [ids[1]])
        #expect(try list { $0.condition = .used } == [ids[2]])
        #expect(try list { $0.branchID = Fixture.namur } == [ids[3]])
        #expect(Set(try list { $0.minPrice = Money(cents: 2_000_000); $0.maxPrice = Money(cents: 3_700_000) }) == [1, ids[0], ids[3]])
        try db.write { db in try AppDatabase.reserve(db, vehicleID: ids[0], viewer: Self.everyone, now: Self.now) }
        #expect(try list { $0.status = .reserved } == [ids[0]])
        #expect(!(try list { $0.status = .available }).contains(ids[0]))
    }

    @Test func textSearchFindsMakeModelVersionVINAndColour() throws {
        let (f, ids) = try stocked()
        func search(_ text: String) throws -> [Int64] {
            var filter = VehicleFilter()
            filter.text = text
            return try f.database.vehicles(filter, viewer: Self.everyone).rows.map(\.id)
        }
        #expect(try search("clio") == [ids[2]])
        #expect(try search("moonstone") == [ids[1]])
        #expect(try search("000013") == [ids[3]])
        #expect(try search("golf etsi") == [ids[0]])
        #expect(try search("volkswagen id.3") == [ids[1]])
        #expect(try search("tesla").isEmpty)
        // LIKE's wildcards are searched for as themselves.
        #expect(try search("%").isEmpty)
        #expect(try search("_").isEmpty)
    }

    @Test func pagesHoldFiftyCars() throws {
        let f = try Fixture()
        for n in 0..<55 {
            _ = try f.database.createVehicle(Self.car("WVWZZZ1KZAW1" + String(format: "%05d", n)), viewer: Self.everyone, now: Self.now)
        }
        var filter = VehicleFilter()
        let first = try f.database.vehicles(filter, viewer: Self.everyone)
        #expect(first.rows.count == 50 && first.hasNextPage)
        filter.page = 2
        let second = try f.database.vehicles(filter, viewer: Self.everyone)
        #expect(second.rows.count == 6 && !second.hasNextPage)
        #expect(Set(first.rows.map(\.id)).isDisjoint(with: second.rows.map(\.id)))
    }

    @Test func anotherBranchsCarIsNotFound() throws {
        let (f, ids) = try stocked()
        let db = f.database
        let namurCar = ids[3]
        #expect(try db.vehicle(id: namurCar, viewer: Self.gentSeller) == nil)
        #expect(try db.vehicle(id: namurCar, viewer: Self.namurSeller) != nil)
        #expect(!(try db.vehicles(VehicleFilter(), viewer: Self.gentSeller).rows.map(\.id)).contains(namurCar))
        #expect(try db.vehicles(VehicleFilter(), viewer: Self.namurSeller).rows.map(\.id) == [namurCar])
        #expect(try db.vehicleMakes(viewer: Self.namurSeller) == ["Peugeot"])
        // A filter on the other branch shows nothing rather than its cars.
        var filter = VehicleFilter()
        filter.branchID = Fixture.namur
        #expect(try db.vehicles(filter, viewer: Self.gentSeller).rows.isEmpty)
        #expect(throws: StoreError.notFound) {
            try db.updateVehicle(id: namurCar, Self.car("VF3UPHNSKR0000013", branch: Fixture.namur), version: 1, viewer: Self.gentSeller, now: Self.now)
        }
        #expect(throws: StoreError.notFound) { try db.write { db in try AppDatabase.reserve(db, vehicleID: namurCar, viewer: Self.gentSeller, now: Self.now) } }
        // Nor may a car be put into (or moved to) a branch outside one's stock.
        #expect(throws: StoreError.invalid(.invalidChoice)) {
            _ = try db.createVehicle(Self.car("WVWZZZ1KZAW000099", branch: Fixture.namur), viewer: Self.gentSeller, now: Self.now)
        }
        #expect(throws: StoreError.invalid(.invalidChoice)) {
            try db.updateVehicle(id: ids[0], Self.car("WVWZZZ1KZAW000010", branch: Fixture.namur), version: 1, viewer: Self.gentSeller, now: Self.now)
        }
    }

    @Test func staleVersionIsAConflictAndNothingIsOverwritten() throws {
        let (f, ids) = try stocked()
        let db = f.database
        var mine = Self.car("WVWZZZ1KZAW000010", euros: 35_990)
        var theirs = Self.car("WVWZZZ1KZAW000010", euros: 34_990)
        theirs.colour = "Wit"
        try db.updateVehicle(id: ids[0], theirs, version: 1, viewer: Self.gentSeller, now: Self.now)
        #expect(throws: StoreError.conflict) { try db.updateVehicle(id: ids[0], mine, version: 1, viewer: Self.gentSeller, now: Self.now) }
        let read = try #require(try db.vehicle(id: ids[0], viewer: Self.gentSeller))
        #expect(read.vehicle.input == theirs)
        #expect(read.vehicle.version == 2)
        #expect(Set(read.changes.map(\.field)) == ["created", "price_cents", "colour"])
        mine.colour = "Wit"
        try db.updateVehicle(id: ids[0], mine, version: 2, viewer: Self.gentSeller, now: Self.now)
        #expect(try db.vehicle(id: ids[0], viewer: Self.gentSeller)?.vehicle.version == 3)
    }

    @Test func vinIsUniqueAcrossTheStock() throws {
        let (f, ids) = try stocked()
        let db = f.database
        // Also a car the viewer cannot see: the VIN names one physical car.
        #expect(throws: StoreError.invalid(.vinTaken)) {
            _ = try db.createVehicle(Self.car("VF3UPHNSKR0000013"), viewer: Self.gentSeller, now: Self.now)
        }
        #expect(throws: StoreError.invalid(.vinTaken)) {
            try db.updateVehicle(id: ids[0], Self.car("WVWZZZE1ZNP000011"), version: 1, viewer: Self.gentSeller, now: Self.now)
        }
        // Saving a car with its own VIN is no clash.
        try db.updateVehicle(id: ids[0], Self.car("WVWZZZ1KZAW000010", euros: 30_000), version: 1, viewer: Self.gentSeller, now: Self.now)
    }

    @Test func theStoreRefusesWhatTheRulesRefuse() throws {
        let f = try Fixture()
        var car = Self.car("WVWZZZ1KZAW000010")
        car.wltpTenths = nil
        #expect(throws: StoreError.invalid(.wltpRequired)) { _ = try f.database.createVehicle(car, viewer: Self.everyone, now: Self.now) }
        car = Self.car("WVWZZZ1KZAW00001O")
        #expect(throws: StoreError.invalid(.vinInvalid)) { _ = try f.database.createVehicle(car, viewer: Self.everyone, now: Self.now) }
        #expect(try f.scalar("SELECT count(*) FROM vehicles") == 1)
    }

    @Test func reserveOnlyAnAvailableCarInsideTheCallersTransaction() throws {
        let (f, ids) = try stocked()
        let db = f.database
        try db.write { db in try AppDatabase.reserve(db, vehicleID: ids[0], viewer: Self.gentSeller, now: Self.now) }
        #expect(try db.vehicle(id: ids[0], viewer: Self.gentSeller)?.vehicle.input.status == .reserved)
        // A second reservation is refused, and the caller's other writes roll back with it.
        #expect(throws: StoreError.invalid(.vehicleNotAvailable)) {
            try db.write { db in
                try db.execute(sql: "UPDATE settings SET value = '48' WHERE key = 'opportunity_deadline_hours'")
                try AppDatabase.reserve(db, vehicleID: ids[0], viewer: Self.gentSeller, now: Self.now)
            }
        }
        #expect(try db.read { db in try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = 'opportunity_deadline_hours'") } == "24")
        try db.write { db in try AppDatabase.markSold(db, vehicleID: ids[0], viewer: Self.gentSeller, now: Self.now) }
        #expect(throws: StoreError.invalid(.vehicleNotAvailable)) {
            try db.write { db in try AppDatabase.markSold(db, vehicleID: ids[0], viewer: Self.gentSeller, now: Self.now) }
        }
        #expect(throws: StoreError.invalid(.vehicleNotAvailable)) {
            try db.write { db in try AppDatabase.release(db, vehicleID: ids[0], viewer: Self.gentSeller, now: Self.now) }
        }
        let read = try #require(try db.vehicle(id: ids[0], viewer: Self.gentSeller))
        #expect(read.vehicle.input.status == .sold)
        #expect(read.changes.filter { $0.field == "status" }.map { "\($0.oldValue)>\($0.newValue)" } == ["reserved>sold", "available>reserved"])
        // Reserve, then release: available again.
        try db.write { db in
            try AppDatabase.reserve(db, vehicleID: ids[1], viewer: Self.gentSeller, now: Self.now)
            try AppDatabase.release(db, vehicleID: ids[1], viewer: Self.gentSeller, now: Self.now)
        }
        #expect(try db.write { db in try AppDatabase.vehicleStatus(db, vehicleID: ids[1], viewer: Self.gentSeller) } == .available)
    }

    @Test func migrationKeepsTheFirstSchemasCarsAndWhatPointsAtThem() throws {
        // The fixture's car 1 was inserted with the first schema's columns only.
        let f = try Fixture()
        let lead = try f.addLead()
        try f.database.write { db in
            try db.execute(sql: "INSERT INTO testdrives (lead_id, vehicle_id, starts_at, duration_minutes, created_at) VALUES (?, 1, 0, 30, 0)", arguments: [lead])
        }
        let car = try #require(try f.database.vehicle(id: 1, viewer: Self.everyone))
        #expect(car.vehicle.input.vin == "WVWZZZ1KZAW000001")
        #expect(car.vehicle.input.vatRegime == .normal)
        #expect(try f.scalar("SELECT count(*) FROM testdrives WHERE vehicle_id = 1") == 1)
        // The rebuilt table is the one the foreign keys point at: a test drive of a car that is not there is refused.
        #expect(throws: DatabaseError.self) {
            try f.database.write { db in
                try db.execute(sql: "INSERT INTO testdrives (lead_id, vehicle_id, starts_at, duration_minutes, created_at) VALUES (?, 999, 0, 30, 0)", arguments: [lead])
            }
        }
        #expect(try f.database.read { db in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") }.isEmpty)
    }
}
