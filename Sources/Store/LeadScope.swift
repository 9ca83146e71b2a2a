import GRDB
import Showroom

/// The lead-visibility rule as one SQL condition on `leads AS l` that carries its own
/// values. Every lead query composes it into a GRDB `SQL` literal with `\(scope)`: the
/// values sit where the condition sits, so no query lists the rule's arguments by hand in
/// an order that could slip (issue 8, item 2).
struct LeadScope {
    let condition: SQL

    init(_ viewer: Viewer) {
        switch viewer.visibility {
        case .all:
            condition = "1"
        case .branches(let ids):
            condition = ids.isEmpty ? "0" : "l.branch_id IN \(ids)"
        case .own(let userID, let ids):
            condition = ids.isEmpty ? "0" : "(l.responsible_id = \(userID) AND l.branch_id IN \(ids))"
        }
    }
}

extension SQLInterpolation {
    /// `\(scope)` in an `SQL` literal: the visibility condition with its values.
    mutating func appendInterpolation(_ scope: LeadScope) {
        appendInterpolation(scope.condition)
    }
}

// Fetching from an `SQL` literal (values inside it), through the statement cache.
extension Row {
    static func fetchAll(_ db: Database, literal sql: SQL) throws -> [Row] { try fetchAll(db.cachedStatement(literal: sql)) }
    static func fetchOne(_ db: Database, literal sql: SQL) throws -> Row? { try fetchOne(db.cachedStatement(literal: sql)) }
}

extension DatabaseValueConvertible where Self: StatementColumnConvertible {
    static func fetchAll(_ db: Database, literal sql: SQL) throws -> [Self] { try fetchAll(db.cachedStatement(literal: sql)) }
    static func fetchOne(_ db: Database, literal sql: SQL) throws -> Self? { try fetchOne(db.cachedStatement(literal: sql)) }
}
