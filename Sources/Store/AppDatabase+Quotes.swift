import Foundation
import GRDB
import Showroom

// Quotes of a lead: create (numbered, revision 1), edit (in place while a draft, a new revision
// once sent), the steps of their life (approval, send, decline, expire), accept (reserves the
// car and makes the order form, in one transaction). Every call takes the viewer: a quote of a
// lead outside their scope is not found, a car outside their stock cannot be quoted.

/// What the quote form submits, typed: the car from stock, the lines as entered (the vehicle
/// line first), the validity date and a note. The domain checks the lines
/// (`QuoteCalculation`); the store checks them again and the car, in the transaction.
public struct QuoteDraft: Equatable, Sendable {
    public var vehicleID: Int64
    public var lines: [QuoteLine]
    public var validUntil: CalendarDate
    public var note: String
    public init(vehicleID: Int64, lines: [QuoteLine], validUntil: CalendarDate, note: String = "") {
        self.vehicleID = vehicleID; self.lines = lines; self.validUntil = validUntil; self.note = note
    }
}

/// What the acceptance form submits: the order form's own facts.
public struct OrderFormInput: Equatable, Sendable {
    public var signedPlace: String
    public var signedOn: CalendarDate
    public var depositCents: Int64
    public var deliveryBy: CalendarDate
    public var channel: SaleChannel
    /// What the customer told the dealer matters to them (KB 5/4/2019 art. 3, the "specifieke
    /// essentiële kenmerken" box); may be empty.
    public var essentials: String
    public var warrantyMonths: Int
    public init(signedPlace: String, signedOn: CalendarDate, depositCents: Int64, deliveryBy: CalendarDate, channel: SaleChannel,
                essentials: String, warrantyMonths: Int) {
        self.signedPlace = signedPlace; self.signedOn = signedOn; self.depositCents = depositCents; self.deliveryBy = deliveryBy
        self.channel = channel; self.essentials = essentials; self.warrantyMonths = warrantyMonths
    }
}

/// One quote in a lead's list.
public struct QuoteSummary: Equatable, Sendable {
    public let id: Int64
    public let number: String
    public let status: QuoteStatus
    public let revision: Int
    /// The vehicle line's description (the car as quoted).
    public let vehicleDescription: String
    public let totalInclCents: Int64
    public let marginScheme: Bool
    public let validUntil: CalendarDate
    public let createdAt: Instant
    public let orderNumber: String?
}

/// One line as stored: as entered, and its amounts as printed.
public struct QuotedLine: Equatable, Sendable {
    public let line: QuoteLine
    public let exclCents: Int64, vatCents: Int64, inclCents: Int64
}

/// One revision of a quote: what was (or will be) sent.
public struct QuoteRevision: Equatable, Sendable {
    public let number: Int
    public let vehicleID: Int64?
    public let issuedOn: CalendarDate
    public let validUntil: CalendarDate
    public let lines: [QuotedLine]
    public let exclCents: Int64, vatCents: Int64, inclCents: Int64
    public let marginScheme: Bool
    public let note: String
    public let createdAt: Instant
    public let createdByName: String?
    public let sentAt: Instant?
    public let sentByName: String?
}

/// The order form made when a quote was accepted.
public struct OrderForm: Equatable, Sendable {
    public let number: String
    public let revision: Int
    public let input: OrderFormInput
    public let createdAt: Instant
}

/// A quote's page: the quote, the revision shown, the other revisions, the order form.
public struct QuoteView: Sendable {
    public let id: Int64
    public let leadID: Int64
    public let number: String
    public let status: QuoteStatus
    /// The newest revision's number; `shown` may be an older one.
    public let currentRevision: Int
    public let version: Int64
    public let shown: QuoteRevision
    /// Every revision's number, issue date and total, oldest first.
    public let revisions: [(number: Int, issuedOn: CalendarDate, sentAt: Instant?, inclCents: Int64)]
    public let vehicle: Vehicle?
    public let approvedByName: String?
    public let approvedAt: Instant?
    public let createdByName: String?
    /// The e-mail of who made the quote (the salesperson on the printouts).
    public let createdByEmail: String?
    public let order: OrderForm?

    /// The shown revision is the newest one (only it can change).
    public var showsCurrent: Bool { shown.number == currentRevision }
}

extension AppDatabase {
    // MARK: - Reading

    /// The quotes of a lead, newest first; nil when the lead is not visible.
    public func quotes(leadID: Int64, visibleTo viewer: Viewer) throws -> [QuoteSummary]? {
        try writer.read { db in
            guard try Self.leadIsVisible(db, leadID, viewer) else { return nil }
            return try Self.quoteSummaries(db, leadID: leadID)
        }
    }

    static func quoteSummaries(_ db: Database, leadID: Int64) throws -> [QuoteSummary] {
        try QuoteSummaryRecord.fetchAll(db.cachedStatement(sql: QuoteSummaryRecord.byLead), arguments: [leadID]).map(\.summary)
    }

    /// A quote and one of its revisions (the newest when `revision` is nil); nil when the quote
    /// (or that revision) does not exist or its lead is not visible.
    public func quote(id: Int64, revision: Int? = nil, visibleTo viewer: Viewer) throws -> QuoteView? {
        try writer.read { db in
            guard let q = try Self.visibleQuote(db, id, viewer) else { return nil }
            return try Self.quoteView(db, q, revision: revision, viewer: viewer)
        }
    }

    static func quoteView(_ db: Database, _ q: QuoteRow, revision: Int?, viewer: Viewer) throws -> QuoteView? {
        guard let shown = try revisionRow(db, quoteID: q.id, number: revision ?? q.revision) else { return nil }
        let revisions = try Row.fetchAll(db, sql: "SELECT revision, issued_on, sent_at, incl_cents FROM quote_revisions WHERE quote_id = ? ORDER BY revision", arguments: [q.id])
            .map { r in (number: r[0] as Int, issuedOn: CalendarDate(iso: r[1]) ?? shown.issuedOn, sentAt: (r[2] as Int64?).map(Instant.init(seconds:)), inclCents: r[3] as Int64) }
        let vehicle = try shown.vehicleID.flatMap { try visibleVehicle(db, $0, Viewer(userID: viewer.userID, visibility: .all))?.vehicle }
        let order = try OrderFormRecord.fetchOne(db.cachedStatement(sql: OrderFormRecord.byQuote), arguments: [q.id])
        return QuoteView(id: q.id, leadID: q.leadID, number: q.number, status: q.status, currentRevision: q.revision, version: q.version,
                         shown: shown, revisions: revisions, vehicle: vehicle, approvedByName: try displayName(db, ofUser: q.approvedBy),
                         approvedAt: q.approvedAt.map(Instant.init(seconds:)), createdByName: try displayName(db, ofUser: q.createdBy),
                         createdByEmail: try q.createdBy.flatMap { try String.fetchOne(db, sql: "SELECT email FROM users WHERE id = ?", arguments: [$0]) },
                         order: order?.form)
    }

    static func displayName(_ db: Database, ofUser id: Int64?) throws -> String? {
        guard let id else { return nil }
        return try String.fetchOne(db.cachedStatement(sql: "SELECT display_name FROM users WHERE id = ?"), arguments: [id])
    }

    static func revisionRow(_ db: Database, quoteID: Int64, number: Int) throws -> QuoteRevision? {
        guard let r = try RevisionRecord.fetchOne(db.cachedStatement(sql: RevisionRecord.byNumber), arguments: [quoteID, number]) else { return nil }
        let lines = try QuoteLineRecord.fetchAll(db.cachedStatement(sql: QuoteLineRecord.byRevision), arguments: [r.id]).map(\.quoted)
        return r.revision(lines: lines)
    }

    /// The quote if the viewer may see its lead; nil otherwise (a database error is thrown).
    static func visibleQuote(_ db: Database, _ id: Int64, _ viewer: Viewer) throws -> QuoteRow? {
        try QuoteRow.fetchOne(db, literal: """
            SELECT \(sql: QuoteRow.selection) FROM quotes q JOIN leads l ON l.id = q.lead_id
            WHERE q.id = \(id) AND \(LeadScope(viewer))
            """)
    }

    static func requireVisibleQuote(_ db: Database, _ id: Int64, _ viewer: Viewer, version: Int64) throws -> QuoteRow {
        guard let q = try visibleQuote(db, id, viewer) else { throw StoreError.notFound }
        guard q.version == version else { throw StoreError.conflict }
        return q
    }

    // MARK: - Changing

    /// A new quote on a lead: the next number of the year, revision 1 as a draft.
    public func createQuote(leadID: Int64, _ draft: QuoteDraft, by viewer: Viewer, now: Instant) throws -> Int64 {
        try writer.write { db in
            _ = try Self.visibleLead(db, leadID, viewer)
            let calculation = try Self.checkDraft(db, draft, viewer: viewer, now: now)
            try Self.checkTradeInCredits(db, leadID: leadID, draft)
            let today = CalendarDate.brussels(now)
            let seq = try Self.nextSequence(db, kind: "quote", year: today.year)
            guard let number = DocumentNumber(series: .quote, year: today.year, sequence: seq) else { throw StoreError.invalid(.invalidChoice) }
            try db.execute(sql: """
                INSERT INTO quotes (lead_id, number, year, seq, status, revision, vehicle_id, created_at, created_by, updated_at)
                VALUES (?, ?, ?, ?, 'draft', 1, ?, ?, ?, ?)
                """, arguments: [leadID, number.description, today.year, seq, draft.vehicleID, now.seconds, viewer.userID, now.seconds])
            let quoteID = db.lastInsertedRowID
            try Self.insertRevision(db, quoteID: quoteID, number: 1, draft, calculation, issuedOn: today, viewer: viewer, now: now)
            try Self.record(db, lead: leadID, at: now, actor: viewer.userID, .quote, subject: quoteID, detail: number.description, new: QuoteStatus.draft.rawValue)
            return quoteID
        }
    }

    /// Changes a quote: a draft (or one waiting for or holding approval, which goes back to
    /// draft) in place; a sent, accepted, declined or expired one as revision n+1, a new draft,
    /// the old revision kept as it was. Returns the revision written.
    @discardableResult
    public func updateQuote(id: Int64, _ draft: QuoteDraft, version: Int64, by viewer: Viewer, now: Instant) throws -> Int {
        try writer.write { db in
            let q = try Self.requireVisibleQuote(db, id, viewer, version: version)
            guard q.status != .accepted else { throw StoreError.invalid(.quoteTransitionNotAllowed) }
            let calculation = try Self.checkDraft(db, draft, viewer: viewer, now: now)
            try Self.checkTradeInCredits(db, leadID: q.leadID, draft)
            let today = CalendarDate.brussels(now)
            let written: Int
            switch q.status.edit {
            case .inPlace, .inPlaceBackToDraft:
                written = q.revision
                try db.execute(sql: "DELETE FROM quote_revisions WHERE quote_id = ? AND revision = ?", arguments: [id, written])
            case .newVersion:
                written = q.revision + 1
            }
            try Self.insertRevision(db, quoteID: id, number: written, draft, calculation, issuedOn: today, viewer: viewer, now: now)
            try db.execute(sql: """
                UPDATE quotes SET status = 'draft', revision = ?, vehicle_id = ?, approved_by = NULL, approved_at = NULL,
                    updated_at = ?, version = version + 1 WHERE id = ?
                """, arguments: [written, draft.vehicleID, now.seconds, id])
            try Self.record(db, lead: q.leadID, at: now, actor: viewer.userID, .quote, subject: id, detail: q.number,
                            old: q.status.rawValue, new: written == q.revision ? QuoteStatus.draft.rawValue : "revision:\(written)")
            return written
        }
    }

    /// A step in the quote's life other than accepting: request approval, approve, reject the
    /// request, send, decline, expire. `mayApprove`: the viewer holds `quotes.approve`.
    public func changeQuote(id: Int64, _ action: QuoteAction, policy: DiscountPolicy, mayApprove: Bool, version: Int64,
                            by viewer: Viewer, now: Instant) throws {
        precondition(action != .accept, "accepting makes the order form: acceptQuote")
        try writer.write { db in
            let q = try Self.requireVisibleQuote(db, id, viewer, version: version)
            guard let current = try Self.revisionRow(db, quoteID: id, number: q.revision) else { throw StoreError.notFound }
            let needsApproval = try Self.needsApproval(current, policy: policy)
            let next: QuoteStatus
            switch q.status.applying(action, needsApproval: needsApproval, actorMayApprove: mayApprove,
                                     validUntil: current.validUntil, today: CalendarDate.brussels(now)) {
            case .success(let s): next = s
            case .failure(let v): throw StoreError.invalid(v)
            }
            switch action {
            case .approve:
                try db.execute(sql: "UPDATE quotes SET approved_by = ?, approved_at = ? WHERE id = ?", arguments: [viewer.userID, now.seconds, id])
            case .send:
                try db.execute(sql: "UPDATE quote_revisions SET sent_at = ?, sent_by = ? WHERE quote_id = ? AND revision = ?",
                               arguments: [now.seconds, viewer.userID, id, q.revision])
            case .decline, .expire:
                try db.execute(sql: "UPDATE quotes SET decided_at = ? WHERE id = ?", arguments: [now.seconds, id])
            case .requestApproval, .rejectApproval, .accept:
                break
            }
            try db.execute(sql: "UPDATE quotes SET status = ?, updated_at = ?, version = version + 1 WHERE id = ?", arguments: [next.rawValue, now.seconds, id])
            try Self.record(db, lead: q.leadID, at: now, actor: viewer.userID, .quote, subject: id, detail: q.number, old: q.status.rawValue, new: next.rawValue)
        }
    }

    /// Accepts a sent, still valid quote: reserves its car (refused when the car is reserved or
    /// sold — also by another lead's quote accepted a moment earlier), numbers and stores the
    /// order form, all in one transaction. Returns the order form's number.
    @discardableResult
    public func acceptQuote(id: Int64, order: OrderFormInput, policy: OrderFormPolicy, version: Int64, by viewer: Viewer, now: Instant) throws -> String {
        try writer.write { db in
            let q = try Self.requireVisibleQuote(db, id, viewer, version: version)
            guard let current = try Self.revisionRow(db, quoteID: id, number: q.revision) else { throw StoreError.notFound }
            switch q.status.applying(.accept, needsApproval: false, actorMayApprove: false, validUntil: current.validUntil, today: CalendarDate.brussels(now)) {
            case .success: break
            case .failure(let v): throw StoreError.invalid(v)
            }
            let usedCar = try current.vehicleID.flatMap { try Self.visibleVehicle(db, $0, viewer)?.vehicle.input.condition } != .new
            if let v = Self.check(order, totalInclCents: current.inclCents, usedCar: usedCar, policy: policy) { throw StoreError.invalid(v) }
            guard let vehicleID = current.vehicleID else { throw StoreError.invalid(.quoteVehicleCount) }
            try Self.reserve(db, vehicleID: vehicleID, viewer: viewer, now: now)
            let seq = try Self.nextSequence(db, kind: "order", year: order.signedOn.year)
            guard let number = DocumentNumber(series: .orderForm, year: order.signedOn.year, sequence: seq) else { throw StoreError.invalid(.invalidChoice) }
            let revisionID = try Int64.fetchOne(db, sql: "SELECT id FROM quote_revisions WHERE quote_id = ? AND revision = ?", arguments: [id, q.revision])
            try db.execute(sql: """
                INSERT INTO order_forms (quote_id, revision_id, number, year, seq, signed_place, signed_on, deposit_cents, delivery_by,
                    sale_channel, essentials, warranty_months, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, revisionID, number.description, order.signedOn.year, seq, order.signedPlace, order.signedOn.iso, order.depositCents,
                                 order.deliveryBy.iso, order.channel.rawValue, order.essentials, order.warrantyMonths, now.seconds, viewer.userID])
            try db.execute(sql: "UPDATE quotes SET status = 'accepted', decided_at = ?, updated_at = ?, version = version + 1 WHERE id = ?",
                           arguments: [now.seconds, now.seconds, id])
            try Self.record(db, lead: q.leadID, at: now, actor: viewer.userID, .quote, subject: id, detail: q.number + " · " + number.description,
                            old: q.status.rawValue, new: QuoteStatus.accepted.rawValue)
            return number.description
        }
    }

    /// The first rule an order form breaks, if any.
    static func check(_ order: OrderFormInput, totalInclCents: Int64, usedCar: Bool, policy: OrderFormPolicy) -> RuleViolation? {
        if order.signedPlace.trimmingCharacters(in: .whitespaces).isEmpty { return .required }
        if order.signedPlace.count > 100 || order.essentials.count > 2000 { return .tooLong }
        return OrderFormRules.checkDeposit(order.depositCents, totalInclCents: totalInclCents, policy: policy)
            ?? OrderFormRules.checkLatestDelivery(order.deliveryBy, signedOn: order.signedOn)
            ?? LegalWarranty.check(months: order.warrantyMonths, usedCar: usedCar)
    }

    // MARK: - Shared steps

    /// The lines' amounts, or the first broken rule; the car must be in the viewer's stock and
    /// not sold; the validity date not before today.
    static func checkDraft(_ db: Database, _ draft: QuoteDraft, viewer: Viewer, now: Instant) throws -> QuoteCalculation {
        guard let car = try visibleVehicle(db, draft.vehicleID, viewer) else { throw StoreError.invalid(.vehicleNotAvailable) }
        guard car.vehicle.input.status != .sold else { throw StoreError.invalid(.vehicleNotAvailable) }
        if let v = QuoteValidity.check(validUntil: draft.validUntil, issuedOn: CalendarDate.brussels(now)) { throw StoreError.invalid(v) }
        guard draft.note.count <= 2000 else { throw StoreError.invalid(.tooLong) }
        switch QuoteCalculation.calculate(draft.lines) {
        case .success(let c): return c
        case .failure(let issues): throw StoreError.invalid(issues.issues.first?.violation ?? .quoteEmpty)
        }
    }

    static func needsApproval(_ revision: QuoteRevision, policy: DiscountPolicy) throws -> Bool {
        switch QuoteCalculation.calculate(revision.lines.map(\.line)) {
        case .success(let c): return policy.needsApproval(c)
        case .failure(let issues): throw StoreError.invalid(issues.issues.first?.violation ?? .quoteEmpty)
        }
    }

    /// The next number of a gapless per-year sequence, in the caller's transaction: a rollback
    /// gives the number back.
    static func nextSequence(_ db: Database, kind: String, year: Int) throws -> Int {
        try db.execute(sql: """
            INSERT INTO document_sequences (kind, year, last) VALUES (?, ?, 1)
            ON CONFLICT (kind, year) DO UPDATE SET last = last + 1
            """, arguments: [kind, year])
        return try Int.fetchOne(db, sql: "SELECT last FROM document_sequences WHERE kind = ? AND year = ?", arguments: [kind, year]) ?? 1
    }

    /// Every trade-in credit line credits one of the lead's approved trade-ins, each at most
    /// once, at exactly its approved price.
    static func checkTradeInCredits(_ db: Database, leadID: Int64, _ draft: QuoteDraft) throws {
        var seen = Set<Int64>()
        for line in draft.lines where line.kind == .tradeInCredit {
            guard let id = line.tradeInID, seen.insert(id).inserted,
                  let price = try Int64.fetchOne(db, sql: "SELECT offered_price_cents FROM tradeins WHERE id = ? AND lead_id = ? AND status = 'approved'",
                                                 arguments: [id, leadID]) else { throw StoreError.invalid(.tradeInCreditNotApproved) }
            guard price == line.unitPriceCents else { throw StoreError.invalid(.tradeInCreditPriceDiffers) }
        }
    }

    static func insertRevision(_ db: Database, quoteID: Int64, number: Int, _ draft: QuoteDraft, _ c: QuoteCalculation,
                               issuedOn: CalendarDate, viewer: Viewer, now: Instant) throws {
        try db.execute(sql: """
            INSERT INTO quote_revisions (quote_id, revision, vehicle_id, issued_on, valid_until, excl_cents, vat_cents, incl_cents,
                margin_scheme, discount_bp, note, created_at, created_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [quoteID, number, draft.vehicleID, issuedOn.iso, draft.validUntil.iso, c.totalExclCents, c.totalVATCents, c.totalInclCents,
                             c.hasMarginScheme, c.discountShareBasisPoints ?? 0, draft.note, now.seconds, viewer.userID])
        let revisionID = db.lastInsertedRowID
        let insert = try db.cachedStatement(sql: """
            INSERT INTO quote_lines (revision_id, position, kind, description, quantity, unit_price_cents, discount_of, discount_bp,
                vat_treatment, vat_bp, excl_cents, vat_cents, incl_cents, tradein_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (i, (line, amounts)) in zip(draft.lines, c.lines).enumerated() {
            try insert.execute(arguments: [revisionID, i, line.kind.rawValue, line.description.trimmingCharacters(in: .whitespacesAndNewlines), line.quantity,
                                           line.unitPriceCents, line.discountOf, line.discountBasisPoints, QuoteLineRecord.treatmentName(amounts.vat),
                                           amounts.vat.rate?.basisPoints, amounts.exclCents, amounts.vatCents, amounts.inclCents,
                                           line.kind == .tradeInCredit ? line.tradeInID : nil])
        }
    }
}

// MARK: - Records

struct QuoteRow: FetchableRecord {
    enum Columns: Int, SelectedColumns {
        case id, leadID, number, status, revision, approvedBy, approvedAt, createdBy, version
        var expression: String { "q." + columnName }
    }
    static let selection = Columns.selection(\.expression)

    let id: Int64, leadID: Int64, number: String, status: QuoteStatus, revision: Int
    let approvedBy: Int64?, approvedAt: Int64?, createdBy: Int64?, version: Int64

    init(row r: Row) throws {
        id = r[Columns.id]; leadID = r[Columns.leadID]; number = r[Columns.number]
        status = QuoteStatus(rawValue: r[Columns.status]) ?? .draft
        revision = r[Columns.revision]; approvedBy = r[Columns.approvedBy]; approvedAt = r[Columns.approvedAt]
        createdBy = r[Columns.createdBy]; version = r[Columns.version]
    }
}

struct QuoteSummaryRecord: FetchableRecord {
    enum Columns: Int, SelectedColumns {
        case id, number, status, revision, vehicleDescription, inclCents, marginScheme, validUntil, createdAt, orderNumber
        var expression: String {
            switch self {
            case .id, .number, .status, .revision, .createdAt: "q." + columnName
            case .vehicleDescription: "(SELECT description FROM quote_lines WHERE revision_id = r.id AND kind = 'vehicle' ORDER BY position LIMIT 1)"
            case .inclCents, .marginScheme, .validUntil: "r." + columnName
            case .orderNumber: "o.number"
            }
        }
    }
    static let byLead = """
        SELECT \(Columns.selection(\.expression)) FROM quotes q
        JOIN quote_revisions r ON r.quote_id = q.id AND r.revision = q.revision
        LEFT JOIN order_forms o ON o.quote_id = q.id
        WHERE q.lead_id = ? ORDER BY q.id DESC
        """

    let summary: QuoteSummary
    init(row r: Row) throws {
        summary = QuoteSummary(id: r[Columns.id], number: r[Columns.number], status: QuoteStatus(rawValue: r[Columns.status]) ?? .draft,
                               revision: r[Columns.revision], vehicleDescription: (r[Columns.vehicleDescription] as String?) ?? "",
                               totalInclCents: r[Columns.inclCents], marginScheme: r[Columns.marginScheme],
                               validUntil: CalendarDate(iso: r[Columns.validUntil]) ?? CalendarDate.brussels(Instant(seconds: 0)),
                               createdAt: Instant(seconds: r[Columns.createdAt]), orderNumber: r[Columns.orderNumber])
    }
}

struct RevisionRecord: FetchableRecord {
    enum Columns: Int, SelectedColumns {
        case id, revision, vehicleID, issuedOn, validUntil, exclCents, vatCents, inclCents, marginScheme, note, createdAt, createdByName, sentAt, sentByName
        var expression: String {
            switch self {
            case .createdByName: "(SELECT display_name FROM users WHERE id = r.created_by)"
            case .sentByName: "(SELECT display_name FROM users WHERE id = r.sent_by)"
            default: "r." + columnName
            }
        }
    }
    static let byNumber = "SELECT \(Columns.selection(\.expression)) FROM quote_revisions r WHERE r.quote_id = ? AND r.revision = ?"

    let row: Row
    var id: Int64 { row[Columns.id] }
    init(row: Row) throws { self.row = row.copy() }

    func revision(lines: [QuotedLine]) -> QuoteRevision {
        let r = row
        let issued = CalendarDate(iso: r[Columns.issuedOn]) ?? CalendarDate.brussels(Instant(seconds: 0))
        return QuoteRevision(number: r[Columns.revision], vehicleID: r[Columns.vehicleID], issuedOn: issued,
                             validUntil: CalendarDate(iso: r[Columns.validUntil]) ?? issued, lines: lines,
                             exclCents: r[Columns.exclCents], vatCents: r[Columns.vatCents], inclCents: r[Columns.inclCents],
                             marginScheme: r[Columns.marginScheme], note: r[Columns.note], createdAt: Instant(seconds: r[Columns.createdAt]),
                             createdByName: r[Columns.createdByName], sentAt: (r[Columns.sentAt] as Int64?).map(Instant.init(seconds:)),
                             sentByName: r[Columns.sentByName])
    }
}

struct QuoteLineRecord: FetchableRecord {
    enum Columns: Int, SelectedColumns {
        case kind, description, quantity, unitPriceCents, discountOf, discountBp, vatTreatment, vatBp, exclCents, vatCents, inclCents, tradeinID
        var expression: String { "ql." + columnName }
    }
    static let byRevision = "SELECT \(Columns.selection(\.expression)) FROM quote_lines ql WHERE ql.revision_id = ? ORDER BY ql.position"

    static func treatmentName(_ t: VATTreatment) -> String {
        switch t {
        case .rate: "rate"
        case .marginScheme: "margin"
        case .outsideScope: "outside"
        }
    }

    let quoted: QuotedLine
    init(row r: Row) throws {
        let treatment: VATTreatment
        switch r[Columns.vatTreatment] as String {
        case "margin": treatment = .marginScheme
        case "outside": treatment = .outsideScope
        default: treatment = .rate(VATRate(basisPoints: r[Columns.vatBp] ?? 2100))
        }
        let line = QuoteLine(kind: QuoteLineKind(rawValue: r[Columns.kind]) ?? .option, description: r[Columns.description], quantity: r[Columns.quantity],
                             unitPriceCents: r[Columns.unitPriceCents], vat: treatment, discountOf: r[Columns.discountOf],
                             discountBasisPoints: r[Columns.discountBp], tradeInID: r[Columns.tradeinID])
        quoted = QuotedLine(line: line, exclCents: r[Columns.exclCents], vatCents: r[Columns.vatCents], inclCents: r[Columns.inclCents])
    }
}

struct OrderFormRecord: FetchableRecord {
    enum Columns: Int, SelectedColumns {
        case number, revision, signedPlace, signedOn, depositCents, deliveryBy, saleChannel, essentials, warrantyMonths, createdAt
        var expression: String { self == .revision ? "r.revision" : "o." + columnName }
    }
    static let byQuote = "SELECT \(Columns.selection(\.expression)) FROM order_forms o JOIN quote_revisions r ON r.id = o.revision_id WHERE o.quote_id = ?"

    let form: OrderForm
    init(row r: Row) throws {
        let signed = CalendarDate(iso: r[Columns.signedOn]) ?? CalendarDate.brussels(Instant(seconds: 0))
        let input = OrderFormInput(signedPlace: r[Columns.signedPlace], signedOn: signed, depositCents: r[Columns.depositCents],
                                   deliveryBy: CalendarDate(iso: r[Columns.deliveryBy]) ?? signed,
                                   channel: SaleChannel(rawValue: r[Columns.saleChannel]) ?? .showroom, essentials: r[Columns.essentials],
                                   warrantyMonths: r[Columns.warrantyMonths])
        form = OrderForm(number: r[Columns.number], revision: r[Columns.revision], input: input, createdAt: Instant(seconds: r[Columns.createdAt]))
    }
}

extension AppDatabase {
    /// The VAT rate the lead's main contact carries (diplomats, exports), if any; nil when they
    /// have none or the lead is not visible.
    public func contactVATRate(leadID: Int64, visibleTo viewer: Viewer) throws -> VATRate? {
        try writer.read { db in
            let permille = try Int.fetchOne(db, literal: """
                SELECT c.vat_rate_permille FROM leads l JOIN contacts c ON c.id = l.contact_id
                WHERE l.id = \(leadID) AND \(LeadScope(viewer))
                """)
            return permille.map { VATRate(basisPoints: $0 * 10) }
        }
    }
}
