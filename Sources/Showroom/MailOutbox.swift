import Foundation

/// A mail's place in the outbox. `queued` waits for its next attempt; `sending` is held by a
/// sender for one attempt (a lease: if the sender dies, the mail is due again when the lease
/// ends); `sent` and `cancelled` are final; `failed` waits for a person (retry or cancel).
public enum MailState: String, CaseIterable, Sendable {
    case queued, sending, sent, failed, cancelled

    /// A person may put it back in the queue (now).
    public var mayRetry: Bool { self == .failed || self == .queued }
    public var mayCancel: Bool { self == .failed || self == .queued }
}

/// What one delivery attempt came to (the transport's answer in domain words).
public enum DeliveryResult: Equatable, Sendable {
    case delivered(reply: String)
    case temporary(reason: String)
    case permanent(reason: String)
}

/// The outbox's timing rules: exponential backoff on temporary failures, a lease per attempt,
/// and a last attempt after which a mail that never got through fails with its last reason.
///
/// Delivery is **at least once**: a mail is marked sent only after the server accepted it, in
/// a transaction of its own; a crash between the server's "250" and that commit leaves the
/// mail `sending`, and it is sent again when its lease ends — with the same Message-ID, so a
/// receiving system or mail client can recognise the duplicate. At-most-once (marking it sent
/// before talking to the server) would lose mails on every crash or network cut, which a
/// salesperson cannot see; a rare duplicate they can.
public struct OutboxPolicy: Equatable, Sendable {
    /// Delay after the first temporary failure; doubled after each further one.
    public var baseDelaySeconds: Int64
    /// The delay never grows past this.
    public var maxDelaySeconds: Int64
    /// After this many attempts a temporary failure becomes `failed`.
    public var maxAttempts: Int
    /// How long one attempt may hold a mail; longer than the transport's own timeout.
    public var leaseSeconds: Int64

    public init(baseDelaySeconds: Int64 = 30, maxDelaySeconds: Int64 = 3600, maxAttempts: Int = 12, leaseSeconds: Int64 = 300) {
        self.baseDelaySeconds = max(1, baseDelaySeconds); self.maxDelaySeconds = max(self.baseDelaySeconds, maxDelaySeconds)
        self.maxAttempts = max(1, maxAttempts); self.leaseSeconds = max(10, leaseSeconds)
    }

    /// The wait after attempt number `attempt` (1-based) failed for a while.
    public func delay(afterAttempt attempt: Int) -> Int64 {
        let shift = min(max(attempt - 1, 0), 20)
        return min(maxDelaySeconds, baseDelaySeconds << Int64(shift))
    }

    /// The mail's next state after attempt number `attempt` ended with `result` at `now`:
    /// its state, when it is due again (queued only), and the reason to show.
    public func after(attempt: Int, _ result: DeliveryResult, now: Instant) -> (state: MailState, nextAttemptAt: Instant?, reason: String) {
        switch result {
        case .delivered(let reply):
            return (.sent, nil, reply)
        case .permanent(let reason):
            return (.failed, nil, reason)
        case .temporary(let reason):
            if attempt >= maxAttempts { return (.failed, nil, reason) }
            return (.queued, Instant(seconds: now.seconds + delay(afterAttempt: attempt)), reason)
        }
    }
}

/// The values a mail template may name, as `{name}` in its subject and body.
public enum MailTemplateField: String, CaseIterable, Sendable {
    case contact, salesperson, car, quoteNumber = "quote_number", quoteTotal = "quote_total", validUntil = "valid_until", company, leadCode = "lead_code"
}

/// Fills a template: each `{field}` it names is replaced by its value; a field without a value
/// (no quote chosen, say) is left as it is and reported, so it is never sent half-filled unseen.
public enum MailTemplateFiller {
    public static func fill(_ text: String, _ values: [MailTemplateField: String]) -> (text: String, unfilled: [MailTemplateField]) {
        var out = text
        var unfilled: [MailTemplateField] = []
        for field in MailTemplateField.allCases {
            let token = "{" + field.rawValue + "}"
            guard out.contains(token) else { continue }
            if let value = values[field], !value.isEmpty {
                out = out.replacingOccurrences(of: token, with: value)
            } else {
                unfilled.append(field)
            }
        }
        return (out, unfilled)
    }
}

/// Which printouts of a quote a template attaches.
public enum MailQuoteAttachments: String, CaseIterable, Sendable {
    case none, overview, orderForm = "order_form", both

    public var overview: Bool { self == .overview || self == .both }
    public var orderForm: Bool { self == .orderForm || self == .both }
}

/// One mail as the lead's timeline and the mail's page show it.
public struct MailSummary: Equatable, Sendable {
    public var id: Int64
    public var leadID: Int64
    public var state: MailState
    public var recipients: [String]
    public var subject: String
    public var attachments: [String]
    public var attempts: Int
    /// The server's last reply (the reason of a failure, or its "250 …").
    public var lastReply: String
    public var createdAt: Instant
    public var sentAt: Instant?
    public var nextAttemptAt: Instant
    public var createdByName: String?
    public var size: Int64
    public var messageID: String

    public init(id: Int64, leadID: Int64, state: MailState, recipients: [String], subject: String, attachments: [String], attempts: Int,
                lastReply: String, createdAt: Instant, sentAt: Instant?, nextAttemptAt: Instant, createdByName: String?, size: Int64, messageID: String) {
        self.id = id; self.leadID = leadID; self.state = state; self.recipients = recipients; self.subject = subject
        self.attachments = attachments; self.attempts = attempts; self.lastReply = lastReply; self.createdAt = createdAt
        self.sentAt = sentAt; self.nextAttemptAt = nextAttemptAt; self.createdByName = createdByName; self.size = size; self.messageID = messageID
    }
}
