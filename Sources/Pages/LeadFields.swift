import Showroom
import Web

/// The fields of the small forms on a lead — comments, status, assignment, deadlines — each
/// declared once: the handlers in `LeadActions` read them, the lead pages write them.
/// The domain's rules (`LeadRules`) still judge the values; the declarations carry the names
/// and the limits those rules use.
enum LeadFields {
    /// A new comment (the details tab) and an edited one (its own page).
    static let comment = FormField.textarea("body", .key("comment.new"), rows: 3, maxLength: LeadRules.commentMaxLength)
    static let editedComment = FormField.textarea("body", .key("action.comment"), maxLength: LeadRules.commentMaxLength)

    static let status = FormField<LeadStatus>.choice("status", .key("lead.status")) { LeadStatus(slug: $0) }
    static let lostReason = FormField<Int64>.choice("lost_reason", .key("status.lost_reason"))

    static let branch = FormField<Int64>.choice("branch", .key("lead.branch"))
    static let responsible = FormField<Int64>.choice("responsible", .key("lead.responsible"))

    /// A new deadline: what, when, and a note.
    static let kind = FormField<DeadlineKind>.choice("kind", .key("followup.col.what")) { DeadlineKind(rawValue: $0) }
    static let due = FormField<Instant>("due", label: .key("followup.col.due"), control: .input(type: "datetime-local", autocomplete: "off"),
                                        required: true, maxLength: 19, convert: BrusselsTime.parseHTMLLocal)
    static let note = FormField.text("note", .key("deadline.note"), maxLength: LeadRules.noteMaxLength)

    /// Moving deadline `id`: its own new time and reason (one form per open deadline on the page).
    static func newDue(_ id: Int64) -> FormField<Instant> {
        FormField<Instant>("due-\(id)", label: .key("deadline.new_due"), control: .input(type: "datetime-local", autocomplete: "off"),
                           required: true, maxLength: 19, convert: BrusselsTime.parseHTMLLocal)
    }
    static func moveReason(_ id: Int64) -> FormField<String> {
        .text("reason-\(id)", .key("deadline.reason"), required: true, maxLength: LeadRules.noteMaxLength)
    }

    /// Completing a deadline: was the prospect reached (radio buttons "1"/"0").
    static let contacted = FormField<Bool>.choice("contacted", .key("deadline.was_contacted")) { $0 == "1" ? true : $0 == "0" ? false : nil }

    /// The lead a deadline form came from (where to go back to).
    static let lead = FormField<Int64>("lead", label: .none, control: .hidden, maxLength: 20, convert: RecordID.parse)
    /// Which list a form came from (`notifications`, `tasks`), to go back there.
    static let back = FormField<String>("back", label: .none, control: .hidden, maxLength: 20) { $0 }
}
