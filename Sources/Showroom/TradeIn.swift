/// The customer's current car, taken in part payment (spec: sales-documents.md, "Trade-in
/// (Overname)"). The salesperson proposes an offered price; a holder of `tradeins.approve`
/// approves or refuses it. Stored by the raw values below; never rename one that shipped.
public enum TradeInStatus: String, CaseIterable, Sendable {
    case proposed, approved, refused
}

/// What a person enters for a trade-in: the fields of the form and of the store's create/update.
public struct TradeInInput: Equatable, Sendable {
    public var make = ""
    public var model = ""
    /// Version / trim (`2.0 TDI Style`).
    public var version = ""
    /// Optional for a trade-in (the papers may not be at hand), but a valid VIN when given.
    public var vin = ""
    public var plate = ""
    public var firstRegistration: CalendarDate?
    public var odometerKm: Int?
    public var fuel: Fuel = .petrol
    public var colour = ""
    public var conditionNotes = ""
    public var damage = ""
    public var expectedRepairCost: Money?
    /// What the customer still owes on the car (a loan or lease to settle).
    public var outstandingFinance: Money?
    public var estimatedValue: Money?
    /// The price offered to the customer: what a quote may credit once approved.
    public var offeredPrice = Money(cents: 0)

    public init() {}

    /// `Volkswagen Golf 2.0 TDI Style`: what a quote's credit line and the timeline call it.
    public var title: String { [make, model, version].filter { !$0.isEmpty }.joined(separator: " ") }
}

/// The decision on a trade-in's offered price.
public struct TradeInDecision: Equatable, Sendable {
    public let status: TradeInStatus
    public let byUserID: Int64
    public let at: Instant
    /// Why; required when refusing, optional when approving.
    public let reason: String
    public init(status: TradeInStatus, byUserID: Int64, at: Instant, reason: String) {
        self.status = status; self.byUserID = byUserID; self.at = at; self.reason = reason
    }
}

/// A trade-in as stored: its input plus identity, status, decision, version and times.
public struct TradeIn: Equatable, Sendable {
    public let id: Int64
    public let leadID: Int64
    public var input: TradeInInput
    public let status: TradeInStatus
    /// Who decided, when, why: set once approved or refused; cleared when a price edit sends
    /// the trade-in back to proposed.
    public let decidedByName: String?
    public let decidedAt: Instant?
    public let decisionReason: String
    public let createdByName: String?
    public let createdAt: Instant
    public let updatedAt: Instant
    public let version: Int64
    public init(id: Int64, leadID: Int64, input: TradeInInput, status: TradeInStatus, decidedByName: String?, decidedAt: Instant?,
                decisionReason: String, createdByName: String?, createdAt: Instant, updatedAt: Instant, version: Int64) {
        self.id = id; self.leadID = leadID; self.input = input; self.status = status; self.decidedByName = decidedByName
        self.decidedAt = decidedAt; self.decisionReason = decisionReason; self.createdByName = createdByName
        self.createdAt = createdAt; self.updatedAt = updatedAt; self.version = version
    }
}

/// An approved trade-in as a quote needs it: what to credit, as its own line.
public struct ApprovedTradeIn: Equatable, Sendable {
    public let id: Int64
    /// `Overname Volkswagen Golf 2.0 TDI Style (1-ABC-123)`-style words are the page's; this is
    /// the car's own title plus its plate when known: `Volkswagen Golf 2.0 TDI Style · 1-ABC-123`.
    public let description: String
    public let offeredPrice: Money
    public init(id: Int64, description: String, offeredPrice: Money) {
        self.id = id; self.description = description; self.offeredPrice = offeredPrice
    }
}
