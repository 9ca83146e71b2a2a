/// A car in stock (spec: sales-documents.md, "Vehicles (stock)"). Stored by the raw values
/// below; never rename one that shipped.
public enum Fuel: String, CaseIterable, Sendable {
    case petrol, diesel, hybrid
    case plugInHybrid = "plug_in_hybrid"
    case electric
    case cngLpg = "cng_lpg"

    /// The unit of the WLTP use figure: kWh/100 km for an electric car; l/100 km for every
    /// other fuel, plug-in hybrids included (their official weighted combined figure is fuel).
    public var wltpUnit: WLTPUnit { self == .electric ? .kilowattHours : .litres }
}

public enum WLTPUnit: String, Sendable { case litres, kilowattHours }

public enum Gearbox: String, CaseIterable, Sendable { case manual, automatic }

public enum VehicleCondition: String, CaseIterable, Sendable { case new, used, demo }

public enum VehicleStatus: String, CaseIterable, Sendable { case available, reserved, sold }

/// Normal VAT, or the margin scheme for second-hand goods (art. 58 §4 WBTW).
public enum VATRegime: String, CaseIterable, Sendable { case normal, margin }

/// What a person enters for a car: the fields of the form and of the store's create/update.
public struct VehicleInput: Equatable, Sendable {
    public var vin = ""
    public var make = ""
    public var model = ""
    /// Version / trim (`1.5 eTSI Life`).
    public var version = ""
    public var body = ""
    public var fuel: Fuel = .petrol
    public var gearbox: Gearbox = .manual
    public var powerKW: Int?
    public var colour = ""
    public var colourCode = ""
    /// Options, one per entry (one per line in the form).
    public var options: [String] = []
    public var firstRegistration: CalendarDate?
    public var odometerKm: Int?
    public var condition: VehicleCondition = .new
    public var status: VehicleStatus = .available
    public var branchID: Int64 = 0
    /// The asking price including VAT.
    public var askingPrice = Money(cents: 0)
    public var purchasePrice: Money?
    public var vatRegime: VATRegime = .normal
    /// WLTP combined use in tenths (54 = 5,4 l/100 km, or 15,9 kWh/100 km for an electric car).
    public var wltpTenths: Int?
    /// WLTP CO₂ in g/km.
    public var co2GramsPerKm: Int?

    public init() {}

    /// Horsepower shown beside the kW figure.
    public var horsepower: Int? { powerKW.map(VehicleRules.horsepower(kW:)) }
}

/// A car as stored: its input plus identity, version and times.
public struct Vehicle: Equatable, Sendable {
    public let id: Int64
    public var input: VehicleInput
    public let version: Int64
    public let createdAt: Instant
    public let updatedAt: Instant
    public init(id: Int64, input: VehicleInput, version: Int64, createdAt: Instant, updatedAt: Instant) {
        self.id = id; self.input = input; self.version = version; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}
