/// What a rule of the domain or the store refuses, as a code. The domain names no text:
/// Pages turns each code into a sentence in the user's language.
public enum RuleViolation: Error, Hashable, Sendable, CaseIterable {
    // Any field.
    case required
    case tooLong
    case invalidDateTime
    /// A value that is not one of those offered (an inactive branch, an unknown source).
    case invalidChoice

    // Deadlines.
    case deadlineInPast
    case deadlineTooFar
    /// A closed lead gets no new deadlines.
    case deadlineLeadClosed
    case deadlineAlreadyDone

    // Tasks.
    case taskStartOutOfRange
    case taskDurationOutOfRange
    case taskAlreadyDone
    /// The chosen assignee could not open the task's lead.
    case taskAssigneeCannotSeeLead

    // Assigning a lead.
    /// The chosen responsible is not an active user who may see leads.
    case assigneeUnknown
    /// The chosen responsible does not work in the chosen branch.
    case assigneeNotInBranch
    case assignmentUnchanged

    // Status.
    /// Losing a lead needs a reason from the list.
    case lostReasonRequired

    // Contacts.
    case contactAlreadyLinked
}
