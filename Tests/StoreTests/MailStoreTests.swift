import Foundation
import GRDB
import Showroom
@testable import Store
import Testing

@Suite("Store: the mail outbox")
struct MailStoreTests {
    static let sofie = Viewer(userID: Fixture.sofie, visibility: .own(userID: Fixture.sofie, branches: [Fixture.gent]))
    static let jan = Viewer(userID: Fixture.jan, visibility: .own(userID: Fixture.jan, branches: [Fixture.gent]))
    static let julien = Viewer(userID: Fixture.julien, visibility: .branches([Fixture.namur]))
    let now = Instant(seconds: 1_800_000_000)

    static func mail(_ lead: Int64, subject: String = "Uw offerte") -> NewMail {
        NewMail(leadID: lead, quoteID: nil, sender: "verkoop@garage.be", recipients: ["an@example.be", "b@example.be"], subject: subject,
                attachmentNames: ["O-2026-000001.pdf"], messageID: "<\(UUID().uuidString)@garage.be>", message: Array("Subject: x\r\n\r\nbody\r\n".utf8))
    }

    @Test func queueingWritesTheMailAndItsTimelineEntryTogether() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        let id = try f.database.queueMail(Self.mail(lead), by: Self.sofie, now: now)
        let m = try #require(try f.database.mail(id: id, visibleTo: Self.sofie))
        #expect(m.state == .queued && m.recipients == ["an@example.be", "b@example.be"] && m.attachments == ["O-2026-000001.pdf"] && m.attempts == 0)
        #expect(m.createdByName == "Sofie Peeters")
        #expect(try f.scalar("SELECT count(*) FROM timeline_events WHERE lead_id = ? AND kind = 'mail_sent' AND subject_id = ?", [lead, id]) == 1)
        let page = try #require(try f.database.leadPage(id: lead, visibleTo: Self.sofie))
        let entry = try #require(page.timeline.first { $0.kind == .mailSent })
        #expect(entry.mail?.id == id && entry.mail?.state == .queued, "the timeline reads the mail's state now")
        #expect(try f.database.mailMessage(id: id, visibleTo: Self.sofie)?.1 == Array("Subject: x\r\n\r\nbody\r\n".utf8))
    }

    @Test func anotherBranchOrAColleaguesOwnLeadFindsNothing() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        let id = try f.database.queueMail(Self.mail(lead), by: Self.sofie, now: now)
        for viewer in [Self.julien, Self.jan] {
            #expect(try f.database.mail(id: id, visibleTo: viewer) == nil)
            #expect(try f.database.mailMessage(id: id, visibleTo: viewer) == nil)
            #expect(try f.database.mails(leadID: lead, visibleTo: viewer) == nil)
            #expect(throws: StoreError.notFound) { try f.database.retryMail(id: id, by: viewer, now: now) }
            #expect(throws: StoreError.notFound) { try f.database.cancelMail(id: id, by: viewer, now: now) }
            #expect(throws: StoreError.notFound) { try f.database.queueMail(Self.mail(lead), by: viewer, now: now) }
        }
        #expect(try f.scalar("SELECT count(*) FROM mails") == 1, "nothing queued by the refused ones")
    }

    @Test func aQuoteOfAnotherLeadIsRefusedAndNothingIsWritten() throws {
        let f = try Fixture()
        let lead = try f.addLead(), other = try f.addLead(lastName: "Janssens")
        try f.database.write { db in
            try db.execute(sql: "INSERT INTO quotes (id, lead_id, vehicle_id, number, year, seq, created_at, updated_at) VALUES (1, ?, 1, 'O-2026-000001', 2026, 1, 0, 0)", arguments: [other])
        }
        var m = Self.mail(lead)
        m.quoteID = 1
        #expect(throws: StoreError.notFound) { try f.database.queueMail(m, by: Self.sofie, now: now) }
        #expect(try f.scalar("SELECT count(*) FROM mails") == 0)
        #expect(try f.scalar("SELECT count(*) FROM timeline_events WHERE kind = 'mail_sent'") == 0)
    }

    @Test func theSenderClaimsDueMailsOnceAndRecordsEachOutcome() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        let policy = OutboxPolicy(baseDelaySeconds: 30, maxAttempts: 3, leaseSeconds: 60)
        let a = try f.database.queueMail(Self.mail(lead, subject: "a"), by: Self.sofie, now: now)
        let b = try f.database.queueMail(Self.mail(lead, subject: "b"), by: Self.sofie, now: Instant(seconds: now.seconds + 1))
        #expect(try f.database.nextMailDue() == now)

        // a: put off (4xx) → queued again 30 s later; b is due meanwhile.
        let first = try #require(try f.database.claimDueMail(now: now, leaseSeconds: policy.leaseSeconds))
        #expect(first.id == a && first.attempt == 1 && first.recipients == ["an@example.be", "b@example.be"])
        #expect(try f.database.mail(id: a, visibleTo: Self.sofie)?.state == .sending)
        let next = policy.after(attempt: 1, .temporary(reason: "451 busy"), now: now)
        #expect(try f.database.finishMailAttempt(id: a, attempt: 1, state: next.state, nextAttemptAt: next.nextAttemptAt, reply: next.reason, now: now))
        let later = Instant(seconds: now.seconds + 1)
        let second = try #require(try f.database.claimDueMail(now: later, leaseSeconds: 60))
        #expect(second.id == b)
        #expect(try f.database.claimDueMail(now: later, leaseSeconds: 60) == nil, "a waits for its backoff, b is held")
        #expect(try f.database.finishMailAttempt(id: b, attempt: 1, state: .sent, nextAttemptAt: nil, reply: "250 OK", now: later))
        let sent = try #require(try f.database.mail(id: b, visibleTo: Self.sofie))
        #expect(sent.state == .sent && sent.sentAt == later && sent.lastReply == "250 OK")

        // a again after its backoff: refused for good (5xx) → failed with the reply.
        let third = try #require(try f.database.claimDueMail(now: Instant(seconds: now.seconds + 30), leaseSeconds: 60))
        #expect(third.id == a && third.attempt == 2)
        #expect(try f.database.finishMailAttempt(id: a, attempt: 2, state: .failed, nextAttemptAt: nil, reply: "550 no such user", now: now))
        let failed = try #require(try f.database.mail(id: a, visibleTo: Self.sofie))
        #expect(failed.state == .failed && failed.lastReply == "550 no such user")
        #expect(try f.database.claimDueMail(now: Instant(seconds: now.seconds + 10_000), leaseSeconds: 60) == nil, "failed and sent mails are never claimed")

        // Retried by a person: due now, attempts counted afresh; then cancelled.
        try f.database.retryMail(id: a, by: Self.sofie, now: now)
        #expect(try f.database.mail(id: a, visibleTo: Self.sofie)?.attempts == 0)
        try f.database.cancelMail(id: a, by: Self.sofie, now: now)
        #expect(try f.database.claimDueMail(now: Instant(seconds: now.seconds + 10_000), leaseSeconds: 60) == nil)
        #expect(throws: StoreError.invalid(.mailNotRetryable)) { try f.database.retryMail(id: a, by: Self.sofie, now: now) }
        #expect(throws: StoreError.invalid(.mailNotCancellable)) { try f.database.cancelMail(id: b, by: Self.sofie, now: now) }
    }

    /// A sender that died after claiming (a crash between the server's 250 and the commit)
    /// leaves the mail `sending`: it is due again when the lease ends (at least once), and a
    /// late answer from the old attempt no longer counts.
    @Test func aMailLeftSendingByACrashIsDueAgainWhenItsLeaseEnds() throws {
        let f = try Fixture()
        let lead = try f.addLead()
        let id = try f.database.queueMail(Self.mail(lead), by: Self.sofie, now: now)
        _ = try #require(try f.database.claimDueMail(now: now, leaseSeconds: 300))
        #expect(try f.database.claimDueMail(now: Instant(seconds: now.seconds + 299), leaseSeconds: 300) == nil)
        let again = try #require(try f.database.claimDueMail(now: Instant(seconds: now.seconds + 300), leaseSeconds: 300))
        #expect(again.id == id && again.attempt == 2)
        #expect(try !f.database.finishMailAttempt(id: id, attempt: 1, state: .sent, nextAttemptAt: nil, reply: "late", now: now), "the old attempt lost its hold")
        #expect(try f.database.finishMailAttempt(id: id, attempt: 2, state: .sent, nextAttemptAt: nil, reply: "250", now: now))
    }

    @Test func settingsKeepThePasswordUnlessOneIsTypedAndLogEveryChange() throws {
        let f = try Fixture()
        var s = try f.database.mailSettings()
        #expect(s.host == "" && s.port == 587 && s.security == "starttls" && s.maxAttachmentBytes == 20 * 1024 * 1024 && !s.hasPassword)
        s.host = "smtp.example.be"
        s.senderAddress = "verkoop@garage.be"
        try f.database.saveMailSettings(s, password: "geheim", version: s.version, actor: Fixture.sofie, now: now)
        s = try f.database.mailSettings()
        #expect(s.hasPassword && s.host == "smtp.example.be")
        try f.database.saveMailSettings(s, password: nil, version: s.version, actor: Fixture.sofie, now: now)
        #expect(try f.database.mailTransportSettings().password == "geheim")
        #expect(throws: StoreError.conflict) { try f.database.saveMailSettings(s, password: nil, version: s.version, actor: Fixture.sofie, now: now) }
        #expect(try f.scalar("SELECT count(*) FROM access_log WHERE subject = 'settings:mail'") == 3)
        #expect(try f.scalar("SELECT count(*) FROM access_log WHERE subject = 'settings:mail' AND new_value LIKE '%geheim%'") == 0, "the password is never logged")
    }

    @Test func theMigrationSeedsTemplatesInThreeLanguagesAndGrantsAnyRecipientToAdmins() throws {
        let f = try Fixture()
        let templates = try f.database.mailTemplates()
        #expect(templates.map(\.attach) == [.overview, .both, .none])
        for t in templates { #expect(!t.subject.nl.isEmpty && !t.subject.fr.isEmpty && !t.subject.en.isEmpty && !t.body.fr.isEmpty && !t.body.en.isEmpty) }
        #expect(templates[0].body.fr.hasPrefix("Bonjour {contact},\n\nComme promis"))
        let holders = try f.database.read { db in
            try String.fetchAll(db, sql: "SELECT p.name FROM profile_grants g JOIN profiles p ON p.id = g.profile_id WHERE g.permission = 'mail.any_recipient'")
        }
        #expect(holders == ["Admin"])
    }

    /// The lead page is kept per lead revision (issue 14): a mail that goes out, fails or is
    /// cancelled moves its lead's revision, so the timeline never shows a stale state.
    @Test func aMailsStateMovesItsLeadsRevision() throws {
        let f = try Fixture()
        let lead = try f.addLead(), other = try f.addLead(lastName: "Janssens")
        let revision = { try f.scalar("SELECT revision FROM leads WHERE id = ?", [$0]) ?? -1 }
        let id = try f.database.queueMail(Self.mail(lead), by: Self.sofie, now: now)
        let (queued, otherBefore) = (try revision(lead), try revision(other))
        _ = try f.database.claimDueMail(now: now, leaseSeconds: 60)
        try f.database.finishMailAttempt(id: id, attempt: 1, state: .sent, nextAttemptAt: nil, reply: "250", now: now)
        #expect(try revision(lead) > queued)
        #expect(try revision(other) == otherBefore)
        #expect(try f.database.leadPage(id: lead, visibleTo: Self.sofie)?.timeline.first { $0.kind == .mailSent }?.mail?.state == .sent)
    }
}
