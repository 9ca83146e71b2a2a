import GRDB
import Showroom

/// The columns a record reads, declared once: an `Int` enum whose cases, in declaration
/// order, are the SELECT list (`selection`: each case's SQL expression `AS "caseName"`). A read
/// names its case (`row[Columns.code]`) and costs what a read by position costs (the case's
/// raw value *is* its position); adding a column is adding a case, and no other read moves.
protocol SelectedColumns: CaseIterable, RawRepresentable<Int>, Sendable {}

extension SelectedColumns {
    /// `expression AS "name", …` in declaration order. Raw values must be 0, 1, 2… (the
    /// default for an `Int` enum without explicit values), which is checked here.
    static func selection(_ expression: (Self) -> String) -> String {
        precondition(allCases.enumerated().allSatisfy { $0.offset == $0.element.rawValue }, "\(Self.self): raw values must be 0, 1, 2… in order")
        return allCases.map { "\(expression($0)) AS \"\($0)\"" }.joined(separator: ", ")
    }

    /// The case's name in snake_case (`leadID` → `lead_id`): the column's name where the two agree.
    var columnName: String {
        var name = ""
        var previous: Character?
        for c in String(describing: self) {
            if c.isUppercase, let p = previous, p.isLowercase || p.isNumber { name += "_" }
            name += c.lowercased()
            previous = c
        }
        return name
    }
}

extension Row {
    /// The value of a declared column, read at its position.
    @inline(__always)
    subscript<Value: DatabaseValueConvertible & StatementColumnConvertible, Column: SelectedColumns>(_ column: Column) -> Value {
        self[column.rawValue]
    }

    /// The value of a declared column as a `DatabaseValue` (to compare before and after).
    subscript<Column: SelectedColumns>(_ column: Column) -> DatabaseValue {
        self[column.rawValue]
    }
}

// Values that take more than one column, or a conversion, read the same way everywhere.
extension Row {
    /// A name in three languages from its three columns.
    func localized<Column: SelectedColumns>(_ nl: Column, _ fr: Column, _ en: Column) -> LocalizedName {
        LocalizedName(nl: self[nl], fr: self[fr], en: self[en])
    }

    /// A contact's display name from its kind and name columns.
    func contactName<Column: SelectedColumns>(_ kind: Column, _ first: Column, _ last: Column, _ company: Column) -> String {
        ContactCard.displayName(kind: ContactKind(rawValue: self[kind]) ?? .person, firstName: self[first], lastName: self[last], companyName: self[company])
    }

    /// An instant stored as seconds.
    func instant<Column: SelectedColumns>(_ column: Column) -> Instant { Instant(seconds: self[column]) }

    /// An instant stored as seconds, or nil.
    func instant<Column: SelectedColumns>(_ column: Column) -> Instant? { (self[column] as Int64?).map(Instant.init(seconds:)) }
}

// Fetching records from an `SQL` literal (values inside it), through the statement cache.
extension FetchableRecord {
    static func fetchAll(_ db: Database, literal sql: SQL) throws -> [Self] { try fetchAll(db.cachedStatement(literal: sql)) }
    static func fetchOne(_ db: Database, literal sql: SQL) throws -> Self? { try fetchOne(db.cachedStatement(literal: sql)) }
}
