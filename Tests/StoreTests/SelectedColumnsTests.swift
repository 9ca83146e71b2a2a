import Foundation
import GRDB
import Showroom
import Testing
@testable import Store

/// Rows are read by the name of a declared column, at the position the declaration gives it
/// (issue 8, item 1): a column added anywhere moves no other read.
struct SelectedColumnsTests {
    enum Probe: Int, SelectedColumns { case first, addedInTheMiddle, last }

    @Test func aReadNamesItsColumnWhereverItWasDeclared() throws {
        let database = try AppDatabase(inMemory: ())
        let values = ["first": "'a'", "added_in_the_middle": "'b'", "last": "'c'"]
        let row = try #require(try database.read { db in try Row.fetchOne(db, sql: "SELECT " + Probe.selection { values[$0.columnName]! }) })
        #expect(row[Probe.first] as String == "a")
        #expect(row[Probe.addedInTheMiddle] as String == "b")
        #expect(row[Probe.last] as String == "c")
        #expect(row.columnNames.map { $0 } == ["first", "addedInTheMiddle", "last"])
    }

    @Test func caseNamesAreColumnNamesInSnakeCase() {
        #expect(LeadRecord.Columns.lostReasonNL.columnName == "lost_reason_nl")
        #expect(ContactRecord.Columns.vatRatePermille.columnName == "vat_rate_permille")
        #expect(TaskRecord.Columns.leadID.columnName == "lead_id")
        #expect(SessionRecord.Columns.csrfToken.columnName == "csrf_token")
    }

    /// Every record's SELECT list is valid against the schema and yields its cases in order.
    @Test func everySelectionMatchesTheSchemaAndItsCases() throws {
        let database = try AppDatabase(inMemory: ())
        func check<C: SelectedColumns>(_ columns: C.Type, _ sql: String) throws {
            let names = try database.read { db in try db.makeStatement(sql: sql).columnNames }
            #expect(names == C.allCases.map { "\($0)" }, "\(sql)")
        }
        try check(LeadOverviewRecord.Columns.self, AppDatabase.overviewColumns + """
            FROM leads l CROSS JOIN contacts c ON c.id = l.contact_id CROSS JOIN lead_types t ON t.id = l.type_id
            CROSS JOIN lead_sources s ON s.id = l.source_id CROSS JOIN users u ON u.id = l.responsible_id CROSS JOIN branches b ON b.id = l.branch_id
            """)
        try check(LeadRecord.Columns.self, """
            SELECT \(LeadRecord.selection) FROM leads l JOIN contacts c ON c.id = l.contact_id JOIN lead_types t ON t.id = l.type_id
            JOIN lead_sources s ON s.id = l.source_id JOIN users u ON u.id = l.responsible_id JOIN branches b ON b.id = l.branch_id
            LEFT JOIN lost_reasons r ON r.id = l.lost_reason_id LEFT JOIN deadlines d ON d.lead_id = l.id
            """)
        try check(LeadFacts.Columns.self, "SELECT \(LeadFacts.selection) FROM leads l")
        try check(TimelineEventRecord.Columns.self, "SELECT \(TimelineEventRecord.selection) FROM timeline_events e LEFT JOIN comments cm ON cm.id = e.subject_id")
        try check(CommentRow.Columns.self, "SELECT \(CommentRow.selection) FROM comments c")
        try check(DeadlineRecord.Columns.self, "SELECT \(DeadlineRecord.selection) FROM deadlines d")
        try check(TaskRecord.Columns.self, TaskRecord.select)
        try check(TaskStateRecord.Columns.self, TaskStateRecord.byID)
        try check(AgendaRecord.Columns.self, """
            SELECT \(AgendaRecord.taskSelection) FROM tasks t JOIN leads l ON l.id = t.lead_id JOIN contacts c ON c.id = l.contact_id JOIN users a ON a.id = t.assignee_id
            """)
        try check(AgendaRecord.Columns.self, """
            SELECT \(AgendaRecord.deadlineSelection) FROM deadlines d JOIN leads l ON l.id = d.lead_id JOIN contacts c ON c.id = l.contact_id JOIN users u ON u.id = l.responsible_id
            """)
        try check(NotificationRecord.Columns.self, NotificationRecord.select)
        try check(DocumentRecord.Columns.self, DocumentRecord.select)
        try check(ContactRecord.Columns.self, "SELECT \(ContactRecord.selection) FROM contacts c")
        try check(LookupRecord.Columns.self, "SELECT \(LookupRecord.selection) FROM lost_reasons")
        try check(SessionRecord.Columns.self, """
            SELECT \(SessionRecord.selection) FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN profiles p ON p.id = u.profile_id
            """)
    }
}
