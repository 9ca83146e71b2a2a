import GRDB

extension Migrations {
    /// The documents schema (issue 5), registered after the others.
    static func registerDocuments(_ m: inout DatabaseMigrator) {
    }
}
