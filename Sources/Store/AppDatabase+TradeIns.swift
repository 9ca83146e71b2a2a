import Foundation
import GRDB
import Showroom

// Trade-ins: the customer's car taken in part payment, on a lead. Every read and change takes
// a `Viewer`; a trade-in whose lead the viewer may not see is not found (another branch's
// trade-in answers 404). The header counter (`leads.tradein_count`) is kept by the schema's
// triggers on insert and delete. Every change is an entry on the lead's timeline
// (`TimelineKind.tradeIn`, subject = the trade-in): created (new = proposed), edited
// (old = new = status, or old → proposed when a price change sent it back), decided
// (proposed → approved/refused), deleted (new = "deleted", no subject).

/// One trade-in in a lead's list (the Details tab's card).
public struct TradeInSummary: Equatable, Sendable {
    public let id: Int64
    public let title: String
    public let plate: String
    public let status: TradeInStatus
    public let offeredPrice: Money
    public let estimatedValue: Money?
    public let createdAt: Instant
}

extension AppDatabase {
    // MARK: - Reading

    /// The trade-ins of a lead, newest first; nil when the lead is not visible.
    public func tradeIns(leadID: Int64, visibleTo viewer: Viewer) throws -> [TradeInSummary]? {
        try writer.read { db in
            guard try Self.leadIsVisible(db, leadID, viewer) else { return nil }
            return try Self.tradeInSummaries(db, leadID: leadID)
        }
    }

    static func tradeInSummaries(_ db: Database, leadID: Int64) throws -> [TradeInSummary] {
        try TradeInRecord.fetchAll(db, literal: "SELECT \(sql: TradeInRecord.selection) FROM tradeins t WHERE t.lead_id = \(leadID) ORDER BY t.id DESC")
            .map(\.summary)
    }

    /// One trade-in with the names of who made and who decided it; nil when it does not exist
    /// or its lead is not visible.
    public func tradeIn(id: Int64, visibleTo viewer: Viewer) throws -> TradeIn? {
        try writer.read { db in
            guard let r = try Self.visibleTradeIn(db, id, viewer) else { return nil }
            return try r.tradeIn(createdByName: Self.displayName(db, ofUser: r.createdBy), decidedByName: Self.displayName(db, ofUser: r.decidedBy))
        }
    }

    /// The lead's approved trade-ins, oldest first, as a quote credits them (one line each, at
    /// the offered price); nil when the lead is not visible. Proposed and refused ones are
    /// never offered.
    public func approvedTradeIns(leadID: Int64, visibleTo viewer: Viewer) throws -> [ApprovedTradeIn]? {
        try writer.read { db in
            guard try Self.leadIsVisible(db, leadID, viewer) else { return nil }
            return try TradeInRecord.fetchAll(db, literal: """
                SELECT \(sql: TradeInRecord.selection) FROM tradeins t WHERE t.lead_id = \(leadID) AND t.status = 'approved' ORDER BY t.id
                """).map { r in
                let i = r.input
                return ApprovedTradeIn(id: r.id, description: i.plate.isEmpty ? i.title : i.title + " · " + i.plate, offeredPrice: i.offeredPrice)
            }
        }
    }

    static func visibleTradeIn(_ db: Database, _ id: Int64, _ viewer: Viewer) throws -> TradeInRecord? {
        try TradeInRecord.fetchOne(db, literal: """
            SELECT \(sql: TradeInRecord.selection) FROM tradeins t JOIN leads l ON l.id = t.lead_id
            WHERE t.id = \(id) AND \(LeadScope(viewer))
            """)
    }

    static func requireVisibleTradeIn(_ db: Database, _ id: Int64, _ viewer: Viewer, version: Int64) throws -> TradeInRecord {
        guard let r = try visibleTradeIn(db, id, viewer) else { throw StoreError.notFound }
        guard r.version == version else { throw StoreError.conflict }
        return r
    }

    /// Whether a quote version that was sent (or a quote no longer a draft) credits the trade-in.
    static func tradeInOnIssuedQuote(_ db: Database, _ id: Int64) throws -> Bool {
        try Bool.fetchOne(db, literal: """
            SELECT EXISTS (SELECT 1 FROM quote_lines ql JOIN quote_revisions r ON r.id = ql.revision_id JOIN quotes q ON q.id = r.quote_id
                           WHERE ql.tradein_id = \(id) AND (r.sent_at IS NOT NULL OR q.status <> 'draft'))
            """) ?? true
    }

    /// Whether the trade-in may still be deleted (no issued quote credits it); nil when not visible.
    public func tradeInIsDeletable(id: Int64, visibleTo viewer: Viewer) throws -> Bool? {
        try writer.read { db in
            guard try Self.visibleTradeIn(db, id, viewer) != nil else { return nil }
            return TradeInRules.mayDelete(usedOnIssuedQuote: try Self.tradeInOnIssuedQuote(db, id))
        }
    }

    // MARK: - Changing

    /// Records a trade-in on a lead the viewer may see, proposed. Refuses
    /// (`StoreError.invalid`) what `TradeInRules.check` refuses. Returns the new id.
    public func createTradeIn(leadID: Int64, _ input: TradeInInput, by viewer: Viewer, now: Instant) throws -> Int64 {
        try writer.write { db in
            _ = try Self.visibleLead(db, leadID, viewer)
            if let (_, v) = TradeInRules.check(input, today: CalendarDate.brussels(now)).first { throw StoreError.invalid(v) }
            try db.execute(literal: """
                INSERT INTO tradeins (lead_id, make, model, model_version, vin, plate, first_registration, mileage_km, fuel, colour, condition, damage,
                    repair_cost_cents, outstanding_finance_cents, estimated_value_cents, offered_price_cents, status, created_at, created_by, updated_at)
                VALUES (\(leadID), \(input.make), \(input.model), \(input.version), \(input.vin), \(input.plate), \(input.firstRegistration?.iso ?? ""),
                    \(input.odometerKm), \(input.fuel.rawValue), \(input.colour), \(input.conditionNotes), \(input.damage), \(input.expectedRepairCost?.cents),
                    \(input.outstandingFinance?.cents), \(input.estimatedValue?.cents), \(input.offeredPrice.cents), 'proposed', \(now.seconds), \(viewer.userID),
                    \(now.seconds))
                """)
            let id = db.lastInsertedRowID
            try Self.record(db, lead: leadID, at: now, actor: viewer.userID, .tradeIn, subject: id, detail: input.title, new: TradeInStatus.proposed.rawValue)
            return id
        }
    }

    /// Saves a trade-in. `version` is the one the form was loaded with: a stale one is
    /// `StoreError.conflict` and nothing is written. A change of the offered price sends an
    /// approved or refused trade-in back to proposed (its decision cleared). Returns the status
    /// after the save.
    @discardableResult
    public func updateTradeIn(id: Int64, _ input: TradeInInput, version: Int64, by viewer: Viewer, now: Instant) throws -> TradeInStatus {
        try writer.write { db in
            let current = try Self.requireVisibleTradeIn(db, id, viewer, version: version)
            if let (_, v) = TradeInRules.check(input, today: CalendarDate.brussels(now)).first { throw StoreError.invalid(v) }
            guard current.input != input else { return current.status }
            let next = TradeInRules.statusAfterEdit(current.status, oldPrice: current.input.offeredPrice, newPrice: input.offeredPrice)
            let clear = next != current.status
            try db.execute(literal: """
                UPDATE tradeins SET make = \(input.make), model = \(input.model), model_version = \(input.version), vin = \(input.vin), plate = \(input.plate),
                    first_registration = \(input.firstRegistration?.iso ?? ""), mileage_km = \(input.odometerKm), fuel = \(input.fuel.rawValue),
                    colour = \(input.colour), condition = \(input.conditionNotes), damage = \(input.damage), repair_cost_cents = \(input.expectedRepairCost?.cents),
                    outstanding_finance_cents = \(input.outstandingFinance?.cents), estimated_value_cents = \(input.estimatedValue?.cents),
                    offered_price_cents = \(input.offeredPrice.cents), status = \(next.rawValue),
                    decided_by = CASE WHEN \(clear) THEN NULL ELSE decided_by END, decided_at = CASE WHEN \(clear) THEN NULL ELSE decided_at END,
                    decision_reason = CASE WHEN \(clear) THEN '' ELSE decision_reason END,
                    updated_at = \(now.seconds), version = version + 1
                WHERE id = \(id) AND version = \(version)
                """)
            guard db.changesCount == 1 else { throw StoreError.conflict }
            try Self.record(db, lead: current.leadID, at: now, actor: viewer.userID, .tradeIn, subject: id, detail: input.title,
                            old: current.status.rawValue, new: next.rawValue)
            return next
        }
    }

    /// Approves or refuses a proposed trade-in's offered price. `mayApprove`: the viewer holds
    /// `tradeins.approve` (else `.invalid(.tradeInApprovalNotPermitted)`); refusing needs a
    /// reason (`.tradeInReasonRequired`); a trade-in already decided is `.tradeInAlreadyDecided`.
    public func decideTradeIn(id: Int64, approve: Bool, reason: String, mayApprove: Bool, version: Int64, by viewer: Viewer, now: Instant) throws {
        try writer.write { db in
            let current = try Self.requireVisibleTradeIn(db, id, viewer, version: version)
            let next: TradeInStatus
            switch TradeInRules.decide(current.status, approve: approve, reason: reason, mayApprove: mayApprove) {
            case .success(let s): next = s
            case .failure(let v): throw StoreError.invalid(v)
            }
            try db.execute(literal: """
                UPDATE tradeins SET status = \(next.rawValue), decided_by = \(viewer.userID), decided_at = \(now.seconds), decision_reason = \(reason),
                    updated_at = \(now.seconds), version = version + 1
                WHERE id = \(id) AND version = \(version)
                """)
            guard db.changesCount == 1 else { throw StoreError.conflict }
            try Self.record(db, lead: current.leadID, at: now, actor: viewer.userID, .tradeIn, subject: id, detail: current.input.title,
                            old: current.status.rawValue, new: next.rawValue)
        }
    }

    /// Deletes a trade-in unless a quote that left the house credits it (`.invalid(.tradeInInUse)`:
    /// a sent version of a quote, whatever the quote's status now). Draft lines crediting it lose
    /// their link. The header counter drops by the schema's trigger. Returns the lead's id.
    @discardableResult
    public func deleteTradeIn(id: Int64, version: Int64, by viewer: Viewer, now: Instant) throws -> Int64 {
        try writer.write { db in
            let current = try Self.requireVisibleTradeIn(db, id, viewer, version: version)
            guard TradeInRules.mayDelete(usedOnIssuedQuote: try Self.tradeInOnIssuedQuote(db, id)) else { throw StoreError.invalid(.tradeInInUse) }
            try db.execute(literal: "UPDATE quote_lines SET tradein_id = NULL WHERE tradein_id = \(id)")
            try db.execute(literal: "DELETE FROM tradeins WHERE id = \(id) AND version = \(version)")
            guard db.changesCount == 1 else { throw StoreError.conflict }
            // The entries about it stay, but no longer link to a record that is gone.
            try db.execute(literal: "UPDATE timeline_events SET subject_id = NULL WHERE kind = 'tradein' AND subject_id = \(id) AND lead_id = \(current.leadID)")
            try Self.record(db, lead: current.leadID, at: now, actor: viewer.userID, .tradeIn, detail: current.input.title,
                            old: current.status.rawValue, new: "deleted")
            return current.leadID
        }
    }
}

/// A trade-in as stored.
struct TradeInRecord: FetchableRecord {
    enum Columns: Int, SelectedColumns {
        case id, leadID, make, model, modelVersion, vin, plate, firstRegistration, mileageKm, fuel, colour, condition, damage,
             repairCostCents, outstandingFinanceCents, estimatedValueCents, offeredPriceCents, status, decidedBy, decidedAt, decisionReason,
             createdAt, createdBy, updatedAt, version
    }
    static let selection = Columns.selection { "t." + $0.columnName }

    let id: Int64
    let leadID: Int64
    let input: TradeInInput
    let status: TradeInStatus
    let decidedBy: Int64?
    let decidedAt: Instant?
    let decisionReason: String
    let createdAt: Instant
    let createdBy: Int64?
    let updatedAt: Instant
    let version: Int64

    init(row r: Row) {
        var i = TradeInInput()
        i.make = r[Columns.make]
        i.model = r[Columns.model]
        i.version = r[Columns.modelVersion]
        i.vin = r[Columns.vin]
        i.plate = r[Columns.plate]
        i.firstRegistration = CalendarDate(iso: r[Columns.firstRegistration] as String)
        i.odometerKm = r[Columns.mileageKm]
        i.fuel = Fuel(rawValue: r[Columns.fuel]) ?? .petrol
        i.colour = r[Columns.colour]
        i.conditionNotes = r[Columns.condition]
        i.damage = r[Columns.damage]
        i.expectedRepairCost = (r[Columns.repairCostCents] as Int64?).map(Money.init(cents:))
        i.outstandingFinance = (r[Columns.outstandingFinanceCents] as Int64?).map(Money.init(cents:))
        i.estimatedValue = (r[Columns.estimatedValueCents] as Int64?).map(Money.init(cents:))
        i.offeredPrice = Money(cents: (r[Columns.offeredPriceCents] as Int64?) ?? 0)
        id = r[Columns.id]
        leadID = r[Columns.leadID]
        input = i
        status = TradeInStatus(rawValue: r[Columns.status]) ?? .proposed
        decidedBy = r[Columns.decidedBy]
        decidedAt = r.instant(Columns.decidedAt)
        decisionReason = r[Columns.decisionReason]
        createdAt = r.instant(Columns.createdAt)
        createdBy = r[Columns.createdBy]
        updatedAt = r.instant(Columns.updatedAt)
        version = r[Columns.version]
    }

    var summary: TradeInSummary {
        TradeInSummary(id: id, title: input.title, plate: input.plate, status: status, offeredPrice: input.offeredPrice,
                       estimatedValue: input.estimatedValue, createdAt: createdAt)
    }

    func tradeIn(createdByName: String?, decidedByName: String?) -> TradeIn {
        TradeIn(id: id, leadID: leadID, input: input, status: status, decidedByName: decidedByName, decidedAt: decidedAt,
                decisionReason: decisionReason, createdByName: createdByName, createdAt: createdAt, updatedAt: updatedAt, version: version)
    }
}
