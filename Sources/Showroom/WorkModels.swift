/// A planned task about a lead: it starts at a time, lasts a while, and has an assignee.
public struct TaskEntry: Equatable, Sendable {
    public var id: Int64
    public var leadID: Int64
    public var leadCode: String
    public var contactName: String
    public var assigneeID: Int64
    public var assigneeName: String
    public var startsAt: Instant
    public var durationMinutes: Int
    public var description: String
    public var doneAt: Instant?
    public var doneByName: String?
    public var version: Int64
    public init(id: Int64, leadID: Int64, leadCode: String, contactName: String, assigneeID: Int64, assigneeName: String, startsAt: Instant,
                durationMinutes: Int, description: String, doneAt: Instant?, doneByName: String?, version: Int64) {
        self.id = id; self.leadID = leadID; self.leadCode = leadCode; self.contactName = contactName; self.assigneeID = assigneeID
        self.assigneeName = assigneeName; self.startsAt = startsAt; self.durationMinutes = durationMinutes; self.description = description
        self.doneAt = doneAt; self.doneByName = doneByName; self.version = version
    }
}

/// One line of the task overview: an open task or an open deadline.
public struct AgendaItem: Equatable, Sendable {
    public enum Kind: String, Sendable { case task, deadline }
    public var kind: Kind
    public var id: Int64
    public var leadID: Int64
    public var leadCode: String
    public var contactName: String
    public var ownerName: String
    /// When it is due: a task's start, a deadline's due time.
    public var due: Instant
    public var title: String
    public var deadlineKind: DeadlineKind?
    public var version: Int64
    public init(kind: Kind, id: Int64, leadID: Int64, leadCode: String, contactName: String, ownerName: String, due: Instant, title: String,
                deadlineKind: DeadlineKind?, version: Int64) {
        self.kind = kind; self.id = id; self.leadID = leadID; self.leadCode = leadCode; self.contactName = contactName
        self.ownerName = ownerName; self.due = due; self.title = title; self.deadlineKind = deadlineKind; self.version = version
    }

    public func isOverdue(now: Instant) -> Bool { due <= now }

    /// Overdue first (oldest first), then by due time.
    public static func agendaOrder(now: Instant) -> (AgendaItem, AgendaItem) -> Bool {
        { a, b in
            let ao = a.isOverdue(now: now), bo = b.isOverdue(now: now)
            if ao != bo { return ao }
            // A total order (due, kind, id), so that pages never share or skip an item.
            if a.due != b.due { return a.due < b.due }
            return a.kind == b.kind ? a.id < b.id : a.kind.rawValue < b.kind.rawValue
        }
    }
}

public struct NotificationEntry: Equatable, Sendable {
    public var id: Int64
    public var leadID: Int64?
    public var leadCode: String?
    public var kind: String
    public var detail: String
    public var actorName: String?
    public var at: Instant
    public init(id: Int64, leadID: Int64?, leadCode: String?, kind: String, detail: String, actorName: String?, at: Instant) {
        self.id = id; self.leadID = leadID; self.leadCode = leadCode; self.kind = kind; self.detail = detail; self.actorName = actorName; self.at = at
    }
}

/// A contact found by the new-lead search or shown as a likely duplicate.
public struct ContactMatch: Equatable, Sendable {
    public var id: Int64
    public var name: String
    public var email: String
    public var phone: String
    public var city: String
    public var vatNumber: String
    public init(id: Int64, name: String, email: String, phone: String, city: String, vatNumber: String) {
        self.id = id; self.name = name; self.email = email; self.phone = phone; self.city = city; self.vatNumber = vatNumber
    }
}

/// An item of a configurable list (lead types, sources, lost reasons).
public struct LookupItem: Equatable, Sendable {
    public var id: Int64
    public var name: LocalizedName
    public var active: Bool
    public init(id: Int64, name: LocalizedName, active: Bool) { self.id = id; self.name = name; self.active = active }
}

/// What a user typed for a contact, already validated and normalised.
public struct ContactInput: Equatable, Sendable {
    public var kind: ContactKind = .person
    public var firstName = "", lastName = "", companyName = ""
    public var email = "", phone = ""
    public var street = "", postalCode = "", city = "", country = "BE"
    public var vatNumber = ""
    /// VAT rate in per mille (210 = 21 %); nil = the default rate.
    public var vatRatePermille: Int?
    public var language = "nl"
    public init() {}
}

/// A user who can be made responsible for a lead or assigned a task.
public struct Assignee: Equatable, Sendable {
    public var id: Int64
    public var name: String
    public var branches: [Int64]
    public init(id: Int64, name: String, branches: [Int64]) { self.id = id; self.name = name; self.branches = branches }
}
