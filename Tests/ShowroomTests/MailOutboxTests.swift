@testable import Showroom
import Testing

@Suite("Domain: the mail outbox and templates")
struct MailOutboxTests {
    let now = Instant(seconds: 1_800_000_000)

    @Test func backoffDoublesFromTheBaseAndStopsAtTheCap() {
        let p = OutboxPolicy(baseDelaySeconds: 30, maxDelaySeconds: 600, maxAttempts: 10)
        #expect((1...7).map { p.delay(afterAttempt: $0) } == [30, 60, 120, 240, 480, 600, 600])
        #expect(p.delay(afterAttempt: 1000) == 600, "no overflow however many attempts")
    }

    @Test func aDeliveredMailIsSent() {
        let r = OutboxPolicy().after(attempt: 1, .delivered(reply: "250 OK"), now: now)
        #expect(r.state == .sent && r.nextAttemptAt == nil && r.reason == "250 OK")
    }

    @Test func aTemporaryFailureQueuesItAgainLaterUntilTheLastAttempt() {
        let p = OutboxPolicy(baseDelaySeconds: 10, maxDelaySeconds: 100, maxAttempts: 3)
        let first = p.after(attempt: 1, .temporary(reason: "451 busy"), now: now)
        #expect(first.state == .queued && first.nextAttemptAt == Instant(seconds: now.seconds + 10) && first.reason == "451 busy")
        #expect(p.after(attempt: 2, .temporary(reason: "x"), now: now).nextAttemptAt == Instant(seconds: now.seconds + 20))
        let last = p.after(attempt: 3, .temporary(reason: "451 still busy"), now: now)
        #expect(last.state == .failed && last.nextAttemptAt == nil && last.reason == "451 still busy")
    }

    @Test func aPermanentFailureFailsAtOnceWithTheReply() {
        let r = OutboxPolicy().after(attempt: 1, .permanent(reason: "550 5.1.1 unknown user"), now: now)
        #expect(r.state == .failed && r.reason == "550 5.1.1 unknown user")
    }

    @Test func onlyWaitingOrFailedMailsCanBeRetriedOrCancelled() {
        #expect(MailState.allCases.filter(\.mayRetry) == [.queued, .failed])
        #expect(MailState.allCases.filter(\.mayCancel) == [.queued, .failed])
    }

    @Test func thePolicyKeepsItsNumbersSane() {
        let p = OutboxPolicy(baseDelaySeconds: 0, maxDelaySeconds: -5, maxAttempts: 0, leaseSeconds: 1)
        #expect(p.baseDelaySeconds == 1 && p.maxDelaySeconds == 1 && p.maxAttempts == 1 && p.leaseSeconds == 10)
    }

    @Test func aTemplateIsFilledAndWhatCannotBeFilledIsNamed() {
        let (text, unfilled) = MailTemplateFiller.fill("Beste {contact}, offerte {quote_number} ({quote_total}) — {unknown} {contact}",
                                                       [.contact: "An Peeters", .quoteNumber: "", .quoteTotal: "€ 1,00"])
        #expect(text == "Beste An Peeters, offerte {quote_number} (€ 1,00) — {unknown} An Peeters")
        #expect(unfilled == [.quoteNumber])
        #expect(MailQuoteAttachments.both.overview && MailQuoteAttachments.both.orderForm && !MailQuoteAttachments.overview.orderForm)
    }
}
