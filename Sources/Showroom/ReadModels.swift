/// A name entered by the dealer in each of the three languages (lead types, sources,
/// lost reasons).
public struct LocalizedName: Equatable, Sendable {
    public var nl: String, fr: String, en: String
    public init(nl: String, fr: String, en: String) { self.nl = nl; self.fr = fr; self.en = en }
    public func `in`(_ language: String) -> String {
        switch language {
        case "fr": return fr.isEmpty ? nl : fr
        case "en": return en.isEmpty ? nl : en
        default: return nl
        }
    }
}

/// How many of each related element a lead has (the header's blue box).
public struct LeadCounters: Equatable, Sendable {
    public var tradeIns: Int, testDrives: Int, quotes: Int
    public init(tradeIns: Int, testDrives: Int, quotes: Int) {
        self.tradeIns = tradeIns; self.testDrives = testDrives; self.quotes = quotes
    }
}

public enum ContactKind: String, Sendable { case person, company }

public struct ContactCard: Equatable, Sendable {
    public var id: Int64
    public var kind: ContactKind
    public var firstName: String, lastName: String, companyName: String
    public var email: String, phone: String
    public var street: String, postalCode: String, city: String, country: String
    public var vatNumber: String
    public var language: String
    /// `main`, `co-buyer`, `contact-person`…
    public var role: String

    public init(id: Int64, kind: ContactKind, firstName: String, lastName: String, companyName: String, email: String, phone: String,
                street: String = "", postalCode: String = "", city: String = "", country: String = "BE", vatNumber: String = "", language: String = "nl", role: String = "main") {
        self.id = id; self.kind = kind; self.firstName = firstName; self.lastName = lastName; self.companyName = companyName
        self.email = email; self.phone = phone; self.street = street; self.postalCode = postalCode; self.city = city
        self.country = country; self.vatNumber = vatNumber; self.language = language; self.role = role
    }

    public var displayName: String {
        ContactCard.displayName(kind: kind, firstName: firstName, lastName: lastName, companyName: companyName)
    }

    public static func displayName(kind: ContactKind, firstName: String, lastName: String, companyName: String) -> String {
        switch kind {
        case .company: return companyName
        case .person: return firstName.isEmpty ? lastName : firstName + " " + lastName
        }
    }
}

/// One row of the leads overview.
public struct LeadOverviewRow: Equatable, Sendable {
    public var id: Int64
    public var code: String
    public var status: LeadStatus
    public var contactName: String
    public var type: LocalizedName
    public var source: LocalizedName
    public var responsibleName: String
    public var branchName: LocalizedName
    public var nextDeadline: Instant?
    public var createdAt: Instant
    public var lastActivityAt: Instant
    public var counters: LeadCounters

    public init(id: Int64, code: String, status: LeadStatus, contactName: String, type: LocalizedName, source: LocalizedName,
                responsibleName: String, branchName: LocalizedName, nextDeadline: Instant?, createdAt: Instant, lastActivityAt: Instant, counters: LeadCounters) {
        self.id = id; self.code = code; self.status = status; self.contactName = contactName; self.type = type; self.source = source
        self.responsibleName = responsibleName; self.branchName = branchName; self.nextDeadline = nextDeadline
        self.createdAt = createdAt; self.lastActivityAt = lastActivityAt; self.counters = counters
    }

    /// Closing a lead stops its deadline clock.
    public func countdown(now: Instant) -> Countdown {
        status.isClosed ? .none : Countdown(now: now, due: nextDeadline)
    }
}

/// The kinds of deadline a lead can have.
public enum DeadlineKind: String, CaseIterable, Sendable {
    case contactProspect = "contact_prospect"
    case followUp = "follow_up"
    case other
}

public struct DeadlineEntry: Equatable, Sendable {
    public var id: Int64
    public var version: Int64 = 1
    public var kind: DeadlineKind
    public var dueAt: Instant
    public var doneAt: Instant?
    /// Whether the prospect was reached; nil while not recorded.
    public var contacted: Bool?
    public var note: String
    public init(id: Int64, kind: DeadlineKind, dueAt: Instant, doneAt: Instant?, contacted: Bool?, note: String) {
        self.id = id; self.kind = kind; self.dueAt = dueAt; self.doneAt = doneAt; self.contacted = contacted; self.note = note
    }
}

public struct CommentEntry: Equatable, Sendable {
    public var id: Int64
    public var authorID: Int64? = nil
    public var version: Int64 = 1
    public var authorName: String
    public var at: Instant
    public var body: String
    /// When the author last changed the text, if ever.
    public var editedAt: Instant? = nil
    public init(id: Int64, authorName: String, at: Instant, body: String) {
        self.id = id; self.authorName = authorName; self.at = at; self.body = body
    }
}

/// What happened on a lead. Stored as the raw value; never rename.
public enum TimelineKind: String, CaseIterable, Sendable {
    case created, comment, statusChanged = "status", assigned, tradeIn = "tradein", quote, testDrive = "testdrive"
    case taskDone = "task_done", documentAdded = "document_added", documentRenamed = "document_renamed"
    case documentDeleted = "document_deleted", mailSent = "mail_sent", deadlineChanged = "deadline_changed"
    case deadlineAdded = "deadline_added", deadlineDone = "deadline_done", contactChanged = "contact_changed"
    case commentDeleted = "comment_deleted", taskAdded = "task_added", contactLinked = "contact_linked", taskChanged = "task_changed"
    case commentEdited = "comment_edited"
}

public struct TimelineEntry: Equatable, Sendable {
    public var id: Int64
    public var at: Instant
    public var kind: TimelineKind
    public var actorName: String?
    /// What the event is about, in words the user typed (a comment, a document title…).
    public var detail: String
    public var oldValue: String?
    public var newValue: String?
    /// The element the event is about (a comment, a task, a deadline…), if any.
    public var subjectID: Int64?
    /// `detail` in each language, when it names things that have names in three (branches).
    public var localizedDetail: LocalizedName?
    /// A mail's entry: the mail as it is now (its state moves after the entry was written).
    public var mail: MailSummary?
    public init(id: Int64, at: Instant, kind: TimelineKind, actorName: String?, detail: String, oldValue: String?, newValue: String?) {
        self.id = id; self.at = at; self.kind = kind; self.actorName = actorName; self.detail = detail
        self.oldValue = oldValue; self.newValue = newValue
    }
}

/// Everything the lead page shows about one lead.
public struct LeadDetail: Equatable, Sendable {
    public var id: Int64
    public var code: String
    public var status: LeadStatus
    public var contact: ContactCard
    public var type: LocalizedName
    public var source: LocalizedName
    public var responsibleID: Int64
    public var responsibleName: String
    public var branchID: Int64
    public var branchName: LocalizedName
    public var createdAt: Instant
    public var lastActivityAt: Instant
    public var closedAt: Instant?
    public var counters: LeadCounters
    public var currentDeadline: DeadlineEntry?
    public var version: Int64
    public var lostReasonID: Int64? = nil

    public init(id: Int64, code: String, status: LeadStatus, contact: ContactCard, type: LocalizedName, source: LocalizedName,
                responsibleID: Int64, responsibleName: String, branchID: Int64, branchName: LocalizedName, createdAt: Instant,
                lastActivityAt: Instant, closedAt: Instant?, counters: LeadCounters, currentDeadline: DeadlineEntry?, version: Int64) {
        self.id = id; self.code = code; self.status = status; self.contact = contact; self.type = type; self.source = source
        self.responsibleID = responsibleID; self.responsibleName = responsibleName; self.branchID = branchID; self.branchName = branchName
        self.createdAt = createdAt; self.lastActivityAt = lastActivityAt; self.closedAt = closedAt; self.counters = counters
        self.currentDeadline = currentDeadline; self.version = version
    }

    public func countdown(now: Instant) -> Countdown {
        status.isClosed ? .none : Countdown(now: now, due: currentDeadline?.dueAt)
    }

    /// Time since creation (up to closing, for a closed lead).
    public func age(now: Instant) -> Span { Span(seconds: (closedAt ?? now).seconds - createdAt.seconds) }
}

/// The filter, sort and page of the leads overview, as read from the address.
public struct LeadFilter: Equatable, Sendable {
    public enum Sort: String, CaseIterable, Sendable { case created, activity, deadline }

    public var status: LeadStatus?
    public var responsibleID: Int64?
    public var branchID: Int64?
    public var typeID: Int64?
    public var sourceID: Int64?
    /// Created on or after / before (exclusive) these instants.
    public var createdFrom: Instant?
    public var createdBefore: Instant?
    /// Only open leads whose next deadline has passed.
    public var overdueOnly = false
    /// The filters the insights' figures link with (issue 13).
    public var lostReasonID: Int64?
    /// First contacted within this bucket; `notContacted` for never.
    public var contactWithin: ContactSpeed?
    public var notContacted = false
    /// A quote sent (or further) / accepted.
    public var quoteStage: QuoteStage?
    /// At least one test drive.
    public var testDriven = false
    /// Won or lost after this long in progress.
    public var took: CloseSpeed?
    /// A quote accepted on or after / before (exclusive) these instants.
    public var acceptedFrom: Instant?
    public var acceptedBefore: Instant?
    /// Words to find in code, contact name, e-mail or phone.
    public var text = ""
    public var sort: Sort = .created
    public var ascending = false
    public var page: Int
    public static let pageSize = 50
    public init(status: LeadStatus? = nil, page: Int = 1) { self.status = status; self.page = max(1, page) }
}
