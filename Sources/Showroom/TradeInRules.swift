/// The rules of a trade-in, without I/O. The form and the store both ask `check`.
public enum TradeInRules {
    /// A field of the trade-in form: where a violation is shown.
    public enum Field: String, CaseIterable, Sendable {
        case make, model, version, vin, plate, firstRegistration, odometerKm, fuel, colour, conditionNotes, damage,
             repairCost, outstandingFinance, estimatedValue, offeredPrice
    }

    /// The highest amount accepted: € 10 million, in cents (as for stock).
    public static let maxAmountCents: Int64 = VehicleRules.maxPriceCents
    public static let maxOdometerKm = VehicleRules.maxOdometerKm
    public static let maxNotes = 4_000

    /// Every rule `input` breaks, by field (at most one per field), in field order.
    /// `today` is the Brussels day (no first registration after it).
    public static func check(_ input: TradeInInput, today: CalendarDate) -> [(Field, RuleViolation)] {
        var out: [Field: RuleViolation] = [:]
        func add(_ f: Field, _ v: RuleViolation) { if out[f] == nil { out[f] = v } }
        for (f, text, limit) in [(Field.make, input.make, 60), (.model, input.model, 60)] {
            if text.isEmpty { add(f, .required) } else if text.count > limit { add(f, .tooLong) }
        }
        for (f, text, limit) in [(Field.version, input.version, 100), (.plate, input.plate, 20), (.colour, input.colour, 60),
                                 (.conditionNotes, input.conditionNotes, maxNotes), (.damage, input.damage, maxNotes)]
        where text.count > limit { add(f, .tooLong) }
        if !input.vin.isEmpty && !VehicleRules.isValidVIN(input.vin) { add(.vin, .vinInvalid) }
        if let d = input.firstRegistration, d > today { add(.firstRegistration, .firstRegistrationInFuture) }
        if let km = input.odometerKm, km < 0 || km > maxOdometerKm { add(.odometerKm, .odometerOutOfRange) }
        func amount(_ f: Field, _ m: Money?) {
            if let m, m.cents < 0 || m.cents > maxAmountCents { add(f, .tradeInAmountOutOfRange) }
        }
        amount(.repairCost, input.expectedRepairCost)
        amount(.outstandingFinance, input.outstandingFinance)
        amount(.estimatedValue, input.estimatedValue)
        if input.offeredPrice.cents <= 0 || input.offeredPrice.cents > maxAmountCents { add(.offeredPrice, .tradeInAmountOutOfRange) }
        return Field.allCases.compactMap { f in out[f].map { (f, $0) } }
    }

    /// The plate as stored: upper case, spaces kept single (`1-abc-123` → `1-ABC-123`).
    public static func normalizePlate(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ").uppercased()
    }

    /// The status after a decision. Only a proposed trade-in is decided; refusing needs a
    /// reason (blank is none). Approve and refuse need `tradeins.approve` (`mayApprove`).
    public static func decide(_ current: TradeInStatus, approve: Bool, reason: String, mayApprove: Bool) -> Result<TradeInStatus, RuleViolation> {
        guard mayApprove else { return .failure(.tradeInApprovalNotPermitted) }
        guard current == .proposed else { return .failure(.tradeInAlreadyDecided) }
        if !approve && reason.allSatisfy({ $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }) { return .failure(.tradeInReasonRequired) }
        if reason.count > maxNotes { return .failure(.tooLong) }
        return .success(approve ? .approved : .refused)
    }

    /// The status after an edit: a change of the offered price sends an approved (or refused)
    /// trade-in back for approval; any other edit keeps the status.
    public static func statusAfterEdit(_ current: TradeInStatus, oldPrice: Money, newPrice: Money) -> TradeInStatus {
        oldPrice == newPrice ? current : .proposed
    }

    /// Whether a trade-in may be deleted: not while a quote that left the house (sent,
    /// accepted, declined, expired, in any of its versions) credits it. Draft quotes crediting
    /// it lose the credit's link (their next save asks for an approved trade-in again).
    public static func mayDelete(usedOnIssuedQuote: Bool) -> Bool { !usedOnIssuedQuote }
}
