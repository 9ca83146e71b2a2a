import Foundation
import GRDB
import Showroom

// E-mail from the lead (issue 12): the outbox, the SMTP settings, the templates.

/// The SMTP settings as the settings page shows them: never the password, only whether one is set.
public struct MailSettings: Equatable, Sendable {
    public var host: String = ""
    public var port: Int = 587
    /// `none`, `starttls` or `tls`.
    public var security: String = "starttls"
    public var username: String = ""
    public var hasPassword: Bool = false
    public var senderAddress: String = ""
    public var senderName: String = ""
    public var maxAttachmentBytes: Int64 = 20 * 1024 * 1024
    public var version: Int64 = 1
    public init() {}
}

/// A mail template: a name, a subject and body per language, the quote printouts it attaches.
public struct MailTemplate: Equatable, Sendable {
    public var id: Int64
    public var name: String
    public var subject: LocalizedName
    public var body: LocalizedName
    public var attach: MailQuoteAttachments
    public var active: Bool
    public var version: Int64
    public init(id: Int64, name: String, subject: LocalizedName, body: LocalizedName, attach: MailQuoteAttachments, active: Bool = true, version: Int64 = 1) {
        self.id = id; self.name = name; self.subject = subject; self.body = body; self.attach = attach; self.active = active; self.version = version
    }
}

/// A message ready for the outbox, rendered whole by the caller.
public struct NewMail: Sendable {
    public var leadID: Int64
    public var quoteID: Int64?
    public var sender: String
    public var recipients: [String]
    public var subject: String
    public var attachmentNames: [String]
    public var messageID: String
    public var message: [UInt8]
    public init(leadID: Int64, quoteID: Int64?, sender: String, recipients: [String], subject: String, attachmentNames: [String],
                messageID: String, message: [UInt8]) {
        self.leadID = leadID; self.quoteID = quoteID; self.sender = sender; self.recipients = recipients; self.subject = subject
        self.attachmentNames = attachmentNames; self.messageID = messageID; self.message = message
    }
}

/// One attempt's work for the sender: the envelope and the bytes.
public struct OutboxItem: Sendable, Equatable {
    public var id: Int64
    public var attempt: Int
    public var sender: String
    public var recipients: [String]
    public var message: [UInt8]
}

extension AppDatabase {
    // MARK: - Settings

    public func mailSettings() throws -> MailSettings {
        try writer.read { db in try Self.mailSettingsRow(db).0 }
    }

    /// The settings with the password, for the sender only.
    public func mailTransportSettings() throws -> (MailSettings, password: String) {
        try writer.read { db in try Self.mailSettingsRow(db) }
    }

    static func mailSettingsRow(_ db: Database) throws -> (MailSettings, String) {
        var s = MailSettings()
        guard let r = try Row.fetchOne(db, sql: """
            SELECT host, port, security, username, password, sender_address, sender_name, max_attachment_bytes, version FROM mail_settings WHERE id = 1
            """) else { return (s, "") }
        s.host = r["host"]; s.port = r["port"]; s.security = r["security"]; s.username = r["username"]
        let password: String = r["password"]
        s.hasPassword = !password.isEmpty
        s.senderAddress = r["sender_address"]; s.senderName = r["sender_name"]; s.maxAttachmentBytes = r["max_attachment_bytes"]; s.version = r["version"]
        return (s, password)
    }

    /// Saves the SMTP settings when `version` is still the stored one. `password` nil keeps the
    /// stored one; "" removes it. Every change is in the access log (the password as "changed").
    public func saveMailSettings(_ s: MailSettings, password: String?, version: Int64, actor: Int64, now: Instant) throws {
        try writer.write { db in
            let (old, _) = try Self.mailSettingsRow(db)
            guard old.version == version else { throw StoreError.conflict }
            try db.execute(sql: """
                UPDATE mail_settings SET host = ?, port = ?, security = ?, username = ?, sender_address = ?, sender_name = ?,
                    max_attachment_bytes = ?, version = version + 1, updated_at = ? WHERE id = 1 AND version = ?
                """, arguments: [s.host, s.port, s.security, s.username, s.senderAddress, s.senderName, s.maxAttachmentBytes, now.seconds, version])
            guard db.changesCount == 1 else { throw StoreError.conflict }
            if let password {
                try db.execute(sql: "UPDATE mail_settings SET password = ? WHERE id = 1", arguments: [password])
                try Self.log(db, now: now, actor: actor, subject: "settings:mail", change: "mail.password", old: old.hasPassword ? "set" : "none",
                             new: password.isEmpty ? "none" : "changed")
            }
            let pairs: [(String, String, String)] = [
                ("host", old.host, s.host), ("port", String(old.port), String(s.port)), ("security", old.security, s.security),
                ("username", old.username, s.username), ("sender_address", old.senderAddress, s.senderAddress),
                ("sender_name", old.senderName, s.senderName), ("max_attachment_bytes", String(old.maxAttachmentBytes), String(s.maxAttachmentBytes)),
            ]
            for (field, before, after) in pairs where before != after {
                try Self.log(db, now: now, actor: actor, subject: "settings:mail", change: "mail." + field, old: before, new: after)
            }
        }
    }

    // MARK: - Templates

    static let templateColumns = "id, name, subject_nl, subject_fr, subject_en, body_nl, body_fr, body_en, attach, active, version"

    static func template(_ r: Row) -> MailTemplate {
        MailTemplate(id: r["id"], name: r["name"], subject: LocalizedName(nl: r["subject_nl"], fr: r["subject_fr"], en: r["subject_en"]),
                     body: LocalizedName(nl: r["body_nl"], fr: r["body_fr"], en: r["body_en"]),
                     attach: MailQuoteAttachments(rawValue: r["attach"]) ?? .none, active: r["active"] == 1, version: r["version"])
    }

    public func mailTemplates(activeOnly: Bool = true) throws -> [MailTemplate] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.templateColumns) FROM mail_templates\(activeOnly ? " WHERE active = 1" : "") ORDER BY position, id").map(Self.template)
        }
    }

    public func mailTemplate(id: Int64) throws -> MailTemplate? {
        try writer.read { db in try Row.fetchOne(db, sql: "SELECT \(Self.templateColumns) FROM mail_templates WHERE id = ?", arguments: [id]).map(Self.template) }
    }

    /// Adds a template (`id` nil) or saves one when `version` is still the stored one.
    @discardableResult
    public func saveMailTemplate(_ t: MailTemplate, id: Int64?, actor: Int64, now: Instant) throws -> Int64 {
        try writer.write { db in
            let values: [any DatabaseValueConvertible] = [t.name, t.subject.nl, t.subject.fr, t.subject.en, t.body.nl, t.body.fr, t.body.en, t.attach.rawValue, t.active ? 1 : 0]
            let saved: Int64
            if let id {
                try db.execute(sql: """
                    UPDATE mail_templates SET name = ?, subject_nl = ?, subject_fr = ?, subject_en = ?, body_nl = ?, body_fr = ?, body_en = ?,
                        attach = ?, active = ?, version = version + 1 WHERE id = ? AND version = ?
                    """, arguments: StatementArguments(values + [id, t.version]))
                guard db.changesCount == 1 else {
                    throw try Int.fetchOne(db, sql: "SELECT 1 FROM mail_templates WHERE id = ?", arguments: [id]) == nil ? StoreError.notFound : StoreError.conflict
                }
                saved = id
            } else {
                try db.execute(sql: """
                    INSERT INTO mail_templates (name, subject_nl, subject_fr, subject_en, body_nl, body_fr, body_en, attach, active, position)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM mail_templates))
                    """, arguments: StatementArguments(values))
                saved = db.lastInsertedRowID
            }
            try Self.log(db, now: now, actor: actor, subject: "settings:mail_template:\(saved)", change: id == nil ? "mail_template.created" : "mail_template.saved",
                         old: "", new: t.name)
            return saved
        }
    }

    // MARK: - The outbox, seen from the lead

    /// Puts a rendered mail in the outbox and its entry on the lead's timeline, in one
    /// transaction; the mail is due at once. `.notFound` when the lead is not visible.
    public func queueMail(_ m: NewMail, by viewer: Viewer, now: Instant) throws -> Int64 {
        try writer.write { db in
            _ = try Self.visibleLead(db, m.leadID, viewer)
            if let quote = m.quoteID {
                guard try Int.fetchOne(db, sql: "SELECT 1 FROM quotes WHERE id = ? AND lead_id = ?", arguments: [quote, m.leadID]) != nil else {
                    throw StoreError.notFound
                }
            }
            try db.execute(sql: """
                INSERT INTO mails (lead_id, created_by, created_at, state, message_id, sender, recipients, subject, attachments, quote_id,
                                   message, size, next_attempt_at, updated_at)
                VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [m.leadID, viewer.userID, now.seconds, m.messageID, m.sender, m.recipients.joined(separator: "\n"), m.subject,
                                 m.attachmentNames.joined(separator: "\n"), m.quoteID, Data(m.message), m.message.count, now.seconds, now.seconds])
            let id = db.lastInsertedRowID
            try Self.record(db, lead: m.leadID, at: now, actor: viewer.userID, .mailSent, subject: id, detail: m.subject)
            return id
        }
    }

    static let mailColumns = """
        m.id, m.lead_id, m.state, m.recipients, m.subject, m.attachments, m.attempts, m.last_reply, m.created_at, m.sent_at,
        m.next_attempt_at, m.created_by, m.size, m.message_id
        """

    static func mailSummary(_ r: Row, names: [Int64: String]) -> MailSummary {
        let recipients: String = r["recipients"], attachments: String = r["attachments"]
        return MailSummary(id: r["id"], leadID: r["lead_id"], state: MailState(rawValue: r["state"]) ?? .queued,
                           recipients: recipients.split(separator: "\n").map(String.init), subject: r["subject"],
                           attachments: attachments.split(separator: "\n").map(String.init), attempts: r["attempts"], lastReply: r["last_reply"],
                           createdAt: Instant(seconds: r["created_at"]), sentAt: (r["sent_at"] as Int64?).map(Instant.init(seconds:)),
                           nextAttemptAt: Instant(seconds: r["next_attempt_at"]), createdByName: (r["created_by"] as Int64?).flatMap { names[$0] },
                           size: r["size"], messageID: r["message_id"])
    }

    /// A mail, if the user may see its lead; nil otherwise (the same answer as not existing).
    public func mail(id: Int64, visibleTo viewer: Viewer) throws -> MailSummary? {
        try writer.read { db in
            let names = try accessCache.staffNames(db)
            return try Row.fetchOne(db, literal: """
                SELECT \(sql: Self.mailColumns) FROM mails m JOIN leads l ON l.id = m.lead_id WHERE m.id = \(id) AND \(LeadScope(viewer))
                """).map { Self.mailSummary($0, names: names) }
        }
    }

    /// The exact message as queued (and sent), if the user may see its lead.
    public func mailMessage(id: Int64, visibleTo viewer: Viewer) throws -> (MailSummary, [UInt8])? {
        try writer.read { db in
            let names = try accessCache.staffNames(db)
            return try Row.fetchOne(db, literal: """
                SELECT \(sql: Self.mailColumns), m.message FROM mails m JOIN leads l ON l.id = m.lead_id WHERE m.id = \(id) AND \(LeadScope(viewer))
                """).map { (Self.mailSummary($0, names: names), [UInt8]($0["message"] as Data)) }
        }
    }

    /// The mails of the given ids (the timeline's), by id; no visibility check (the caller read the lead).
    static func mailSummaries(_ db: Database, ids: [Int64], names: [Int64: String]) throws -> [Int64: MailSummary] {
        guard !ids.isEmpty else { return [:] }
        let rows = try Row.fetchAll(db, sql: "SELECT \(mailColumns) FROM mails m WHERE m.id IN (\(ids.map { _ in "?" }.joined(separator: ",")))",
                                    arguments: StatementArguments(ids))
        return Dictionary(uniqueKeysWithValues: rows.map { r in let m = mailSummary(r, names: names); return (m.id, m) })
    }

    /// The lead's mails, newest first; nil when the lead is not visible.
    public func mails(leadID: Int64, visibleTo viewer: Viewer) throws -> [MailSummary]? {
        try writer.read { db in
            guard try Self.leadIsVisible(db, leadID, viewer) else { return nil }
            let names = try accessCache.staffNames(db)
            return try Row.fetchAll(db, sql: "SELECT \(Self.mailColumns) FROM mails m WHERE m.lead_id = ? ORDER BY m.id DESC LIMIT 200", arguments: [leadID])
                .map { Self.mailSummary($0, names: names) }
        }
    }

    /// Puts a failed (or waiting) mail back in the queue, due now; a failed one starts its
    /// attempts again. `.invalid(.mailNotRetryable)` for a mail that is sending, sent or cancelled.
    public func retryMail(id: Int64, by viewer: Viewer, now: Instant) throws {
        try writer.write { db in
            let state = try Self.visibleMailState(db, id, viewer)
            guard state.mayRetry else { throw StoreError.invalid(.mailNotRetryable) }
            try db.execute(sql: """
                UPDATE mails SET state = 'queued', next_attempt_at = ?, attempts = CASE state WHEN 'failed' THEN 0 ELSE attempts END, updated_at = ?
                WHERE id = ? AND state = ?
                """, arguments: [now.seconds, now.seconds, id, state.rawValue])
            guard db.changesCount == 1 else { throw StoreError.conflict }
        }
    }

    /// Cancels a waiting or failed mail: it will not be sent. `.invalid(.mailNotCancellable)` otherwise.
    public func cancelMail(id: Int64, by viewer: Viewer, now: Instant) throws {
        try writer.write { db in
            let state = try Self.visibleMailState(db, id, viewer)
            guard state.mayCancel else { throw StoreError.invalid(.mailNotCancellable) }
            try db.execute(sql: "UPDATE mails SET state = 'cancelled', updated_at = ? WHERE id = ? AND state = ?", arguments: [now.seconds, id, state.rawValue])
            guard db.changesCount == 1 else { throw StoreError.conflict }
        }
    }

    static func visibleMailState(_ db: Database, _ id: Int64, _ viewer: Viewer) throws -> MailState {
        guard let raw = try String.fetchOne(db, literal: """
            SELECT m.state FROM mails m JOIN leads l ON l.id = m.lead_id WHERE m.id = \(id) AND \(LeadScope(viewer))
            """) else { throw StoreError.notFound }
        return MailState(rawValue: raw) ?? .queued
    }

    // MARK: - The outbox, seen from the sender

    /// Takes the mail that is due first (a queued one whose time has come, or one whose
    /// sender's lease ran out) for one attempt: `sending`, its attempts counted, leased until
    /// `now + lease`. Committed before the server is contacted. Nil when nothing is due.
    public func claimDueMail(now: Instant, leaseSeconds: Int64) throws -> OutboxItem? {
        try writer.write { db in
            guard let r = try Row.fetchOne(db, sql: """
                SELECT id, attempts, sender, recipients, message FROM mails
                WHERE state IN ('queued', 'sending') AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT 1
                """, arguments: [now.seconds]) else { return nil }
            let id: Int64 = r["id"]
            let attempt: Int = r["attempts"] + 1
            try db.execute(sql: "UPDATE mails SET state = 'sending', attempts = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?",
                           arguments: [attempt, now.seconds + leaseSeconds, now.seconds, id])
            let recipients: String = r["recipients"]
            return OutboxItem(id: id, attempt: attempt, sender: r["sender"], recipients: recipients.split(separator: "\n").map(String.init),
                              message: [UInt8](r["message"] as Data))
        }
    }

    /// Records how attempt `attempt` ended. Ignored (false) when the mail is no longer held by
    /// that attempt (cancelled meanwhile, or its lease ran out and another attempt took it).
    @discardableResult
    public func finishMailAttempt(id: Int64, attempt: Int, state: MailState, nextAttemptAt: Instant?, reply: String, now: Instant) throws -> Bool {
        try writer.write { db in
            try db.execute(sql: """
                UPDATE mails SET state = ?, next_attempt_at = coalesce(?, next_attempt_at), last_reply = ?,
                    sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END, updated_at = ?
                WHERE id = ? AND state = 'sending' AND attempts = ?
                """, arguments: [state.rawValue, nextAttemptAt?.seconds, String(reply.prefix(1000)), state.rawValue, now.seconds, now.seconds, id, attempt])
            return db.changesCount == 1
        }
    }

    /// When the next mail falls due (nil when the outbox is empty of waiting mails).
    public func nextMailDue() throws -> Instant? {
        try writer.read { db in
            try Int64.fetchOne(db, sql: "SELECT min(next_attempt_at) FROM mails WHERE state IN ('queued', 'sending')").map(Instant.init(seconds:))
        }
    }
}
