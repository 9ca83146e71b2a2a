import Showroom

// Plain view-models for the two printouts (quote overview, order form). The quote store fills
// them; the printouts only lay them out. Money is in integer cents, already computed (line
// totals, VAT, totals): the printouts add nothing up. Dates are calendar days.

/// The dealer, with the mentions every company document carries (art. 2:20 WVV).
public struct PrintoutCompany: Sendable, Equatable {
    public var name: String
    /// Trade name when it differs from the legal name (KB 5/4/2019 1°); nil when none.
    public var tradeName: String?
    /// `NV`, `BV`, `SA`, `SRL`…
    public var legalForm: String
    /// Registered office.
    public var address: PrintoutAddress
    /// Enterprise number, `0123.456.789`.
    public var enterpriseNumber: String
    /// VAT number, `BE0123.456.789`.
    public var vatNumber: String
    /// The court of the RPR/RPM, e.g. `Gent, afdeling Gent` / `Bruxelles`.
    public var registerCourt: String
    public var iban: String
    public var bic: String?
    public var phone: String
    public var email: String
    public var website: String
    /// PNG or JPEG bytes, or nil for no logo.
    public var logo: [UInt8]?

    public init(name: String, tradeName: String? = nil, legalForm: String, address: PrintoutAddress, enterpriseNumber: String,
                vatNumber: String, registerCourt: String, iban: String, bic: String? = nil, phone: String, email: String,
                website: String, logo: [UInt8]? = nil) {
        self.name = name; self.tradeName = tradeName; self.legalForm = legalForm; self.address = address
        self.enterpriseNumber = enterpriseNumber; self.vatNumber = vatNumber; self.registerCourt = registerCourt
        self.iban = iban; self.bic = bic; self.phone = phone; self.email = email; self.website = website; self.logo = logo
    }
}

/// A postal address as printed: one or more lines (`Kerkstraat 1`, `9000 Gent`, `België`).
public struct PrintoutAddress: Sendable, Equatable {
    public var lines: [String]
    public init(_ lines: [String]) { self.lines = lines }
    /// The lines joined with ", " for one-line use.
    public var oneLine: String { lines.joined(separator: ", ") }
}

public struct PrintoutCustomer: Sendable, Equatable {
    public var name: String
    public var address: PrintoutAddress
    public var phone: String
    public var email: String
    /// The customer's VAT number when a company buys; nil for a consumer.
    public var vatNumber: String?
    public init(name: String, address: PrintoutAddress, phone: String, email: String, vatNumber: String? = nil) {
        self.name = name; self.address = address; self.phone = phone; self.email = email; self.vatNumber = vatNumber
    }
}

public struct PrintoutSalesperson: Sendable, Equatable {
    public var name: String
    public var phone: String
    public var email: String
    public init(name: String, phone: String, email: String) { self.name = name; self.phone = phone; self.email = email }
}

public enum PrintoutCondition: String, Sendable, Equatable, CaseIterable { case new, used, demo }

public enum PrintoutFuel: String, Sendable, Equatable, CaseIterable {
    case petrol, diesel, hybrid, pluginHybrid, electric, cng, lpg
}

/// The official WLTP consumption unit.
public enum ConsumptionUnit: String, Sendable, Equatable {
    /// l/100 km
    case litresPer100km
    /// kWh/100 km
    case kilowattHoursPer100km
    var symbol: String { self == .litresPer100km ? "l/100 km" : "kWh/100 km" }
}

public struct PrintoutCar: Sendable, Equatable {
    public var make: String
    public var model: String
    /// Version / type / trim, e.g. `1.5 TSI Life`.
    public var version: String
    /// Engine description, e.g. `1.5 TSI 4-cilinder`; may be empty.
    public var engine: String
    public var powerKW: Int
    public var fuel: PrintoutFuel
    public var gearbox: String?
    public var colour: String
    public var colourCode: String
    /// Options and accessories fitted, one per entry.
    public var options: [String]
    public var condition: PrintoutCondition
    /// Printed for every car that has one (the KB asks it for used cars).
    public var vin: String?
    public var odometerKm: Int?
    public var firstRegistration: CalendarDate?
    /// WLTP combined use in tenths of the unit (`54` = 5,4 l/100 km); required for a new car.
    public var wltpConsumptionTenths: Int?
    public var consumptionUnit: ConsumptionUnit
    /// WLTP CO₂ in g/km; required for a new car.
    public var co2GramsPerKm: Int?

    public init(make: String, model: String, version: String, engine: String = "", powerKW: Int, fuel: PrintoutFuel,
                gearbox: String? = nil, colour: String, colourCode: String, options: [String] = [], condition: PrintoutCondition,
                vin: String? = nil, odometerKm: Int? = nil, firstRegistration: CalendarDate? = nil, wltpConsumptionTenths: Int? = nil,
                consumptionUnit: ConsumptionUnit = .litresPer100km, co2GramsPerKm: Int? = nil) {
        self.make = make; self.model = model; self.version = version; self.engine = engine; self.powerKW = powerKW
        self.fuel = fuel; self.gearbox = gearbox; self.colour = colour; self.colourCode = colourCode; self.options = options
        self.condition = condition; self.vin = vin; self.odometerKm = odometerKm; self.firstRegistration = firstRegistration
        self.wltpConsumptionTenths = wltpConsumptionTenths; self.consumptionUnit = consumptionUnit; self.co2GramsPerKm = co2GramsPerKm
    }

    /// Horsepower (DIN hp), from kW: kW × 1.35962, rounded.
    public var powerHP: Int { (powerKW * 135_962 + 50_000) / 100_000 }
}

public enum PrintoutLineKind: String, Sendable, Equatable, CaseIterable {
    case vehicle, option, accessory, fee, service, discount, tradeIn
}

/// One quote line, every amount already computed by the quote rules.
public struct PrintoutLine: Sendable, Equatable {
    public var kind: PrintoutLineKind
    public var description: String
    /// Quantity in thousandths (`1000` = 1, `2500` = 2,5).
    public var quantityMilli: Int64
    public var unitPriceCents: Int64
    /// VAT rate in basis points (`2100` = 21 %); nil for a line under the margin scheme.
    public var vatRateBasisPoints: Int?
    public var totalExclVATCents: Int64
    public var vatCents: Int64
    public var totalInclVATCents: Int64

    public init(kind: PrintoutLineKind, description: String, quantityMilli: Int64 = 1000, unitPriceCents: Int64,
                vatRateBasisPoints: Int?, totalExclVATCents: Int64, vatCents: Int64, totalInclVATCents: Int64) {
        self.kind = kind; self.description = description; self.quantityMilli = quantityMilli; self.unitPriceCents = unitPriceCents
        self.vatRateBasisPoints = vatRateBasisPoints; self.totalExclVATCents = totalExclVATCents; self.vatCents = vatCents
        self.totalInclVATCents = totalInclVATCents
    }
}

public struct PrintoutTotals: Sendable, Equatable {
    public var exclVATCents: Int64
    public var vatCents: Int64
    public var inclVATCents: Int64
    public init(exclVATCents: Int64, vatCents: Int64, inclVATCents: Int64) {
        self.exclVATCents = exclVATCents; self.vatCents = vatCents; self.inclVATCents = inclVATCents
    }
}

/// The customer's current car taken in part-exchange.
public struct PrintoutTradeIn: Sendable, Equatable {
    public var make: String
    public var model: String
    public var version: String
    public var engine: String
    public var colour: String
    public var vin: String
    public var firstRegistration: CalendarDate?
    public var odometerKm: Int?
    /// The price credited to the customer.
    public var creditedCents: Int64
    public init(make: String, model: String, version: String, engine: String, colour: String, vin: String,
                firstRegistration: CalendarDate?, odometerKm: Int? = nil, creditedCents: Int64) {
        self.make = make; self.model = model; self.version = version; self.engine = engine; self.colour = colour
        self.vin = vin; self.firstRegistration = firstRegistration; self.odometerKm = odometerKm; self.creditedCents = creditedCents
    }
}

/// Everything both printouts show. The quote overview ignores the order-form-only fields
/// (place of signing, deposit, delivery, warranty, withdrawal, hand-over, essential characteristics).
public struct PrintoutModel: Sendable, Equatable {
    public var company: PrintoutCompany
    public var customer: PrintoutCustomer
    public var salesperson: PrintoutSalesperson
    /// `O-2026-000042`
    public var documentNumber: String
    public var version: Int
    /// The date of the quote, or of signing for the order form; also the PDF's creation date
    /// (so the same model gives the same bytes).
    public var date: CalendarDate
    public var validUntil: CalendarDate
    /// Place of signing (order form), e.g. `Gent`.
    public var placeOfSigning: String
    public var car: PrintoutCar
    public var lines: [PrintoutLine]
    public var totals: PrintoutTotals
    /// True when the car is sold under the margin scheme: no VAT amount or column anywhere.
    public var marginScheme: Bool
    public var tradeIn: PrintoutTradeIn?
    /// What the customer said matters to them (KB 5/4/2019 5°); may be empty.
    public var essentialCharacteristics: String
    public var depositCents: Int64
    /// Latest delivery date; nil prints "30 days after signing".
    public var latestDelivery: CalendarDate?
    /// Legal warranty text, e.g. "2 jaar vanaf de levering" (in the customer's language).
    public var legalWarranty: String
    /// Commercial warranty text; empty when none.
    public var commercialWarranty: String
    /// Showroom: no right of withdrawal; at a distance or off the premises: 14 days (art. VI.47 WER).
    public var saleChannel: SaleChannel
    /// The documents handed over with the car (KB 5/4/2019 12°), e.g. `OrderFormRules.documentsHandedOver(usedCar:)`.
    public var documentsHandedOver: [HandedOverDocument]

    public init(company: PrintoutCompany, customer: PrintoutCustomer, salesperson: PrintoutSalesperson, documentNumber: String,
                version: Int = 1, date: CalendarDate, validUntil: CalendarDate, placeOfSigning: String, car: PrintoutCar,
                lines: [PrintoutLine], totals: PrintoutTotals, marginScheme: Bool, tradeIn: PrintoutTradeIn? = nil,
                essentialCharacteristics: String = "", depositCents: Int64 = 0, latestDelivery: CalendarDate? = nil,
                legalWarranty: String, commercialWarranty: String = "", saleChannel: SaleChannel = .showroom,
                documentsHandedOver: [HandedOverDocument]) {
        self.company = company; self.customer = customer; self.salesperson = salesperson; self.documentNumber = documentNumber
        self.version = version; self.date = date; self.validUntil = validUntil; self.placeOfSigning = placeOfSigning
        self.car = car; self.lines = lines; self.totals = totals; self.marginScheme = marginScheme; self.tradeIn = tradeIn
        self.essentialCharacteristics = essentialCharacteristics; self.depositCents = depositCents
        self.latestDelivery = latestDelivery; self.legalWarranty = legalWarranty; self.commercialWarranty = commercialWarranty
        self.saleChannel = saleChannel; self.documentsHandedOver = documentsHandedOver
    }
}
