import Foundation
import Logging
import Mail
import Showroom
import Store

/// Wakes the sender when a mail is queued (or put back in the queue).
public final class OutboxSignal: @unchecked Sendable {
    private let condition = NSCondition()
    private var pending = false

    public init() {}

    public func notify() {
        condition.lock()
        pending = true
        condition.signal()
        condition.unlock()
    }

    /// Waits until notified or `seconds` have passed.
    func wait(seconds: Double) {
        condition.lock()
        if !pending { _ = condition.wait(until: Date(timeIntervalSinceNow: max(0.001, seconds))) }
        pending = false
        condition.unlock()
    }
}

/// The outbox's delivery thread: takes the mail that is due first (committing `sending` and
/// the attempt before talking to the server), hands it to the transport, and records the
/// outcome by the `OutboxPolicy` (sent; queued again with backoff on a 4xx or no connection;
/// failed with the server's reply on a 5xx). Mails queued while no server is set up wait. A
/// restarted responder finds the queue as it was; a mail left `sending` by a crash is due
/// again when its lease ends (at-least-once: see `OutboxPolicy`).
public final class OutboxSender: @unchecked Sendable {
    let database: AppDatabase
    let policy: OutboxPolicy
    let signal: OutboxSignal
    let logger: Logger
    let clock: @Sendable () -> Instant
    let transport: @Sendable (SMTPConfiguration) -> any MailTransport
    /// The longest sleep between two looks at the queue (mails queued by another process).
    let pollSeconds: Double
    private let lock = NSLock()
    private var stopping = false
    private var thread: Thread?
    private let finished = DispatchSemaphore(value: 0)

    public init(database: AppDatabase, policy: OutboxPolicy, signal: OutboxSignal, logger: Logger, pollSeconds: Double = 5,
                clock: @escaping @Sendable () -> Instant = ShowroomApp.systemClock,
                transport: @escaping @Sendable (SMTPConfiguration) -> any MailTransport = { SMTPTransport($0) }) {
        self.database = database; self.policy = policy; self.signal = signal; self.logger = logger; self.pollSeconds = pollSeconds
        self.clock = clock; self.transport = transport
    }

    /// The transport as the settings say now (nil while no server or sender is set).
    func currentTransport() throws -> (any MailTransport, MailAddress)? {
        let (s, password) = try database.mailTransportSettings()
        guard !s.host.isEmpty, let sender = MailAddress(s.senderAddress) else { return nil }
        let security = SMTPConfiguration.Security(rawValue: s.security) ?? .starttls
        return (transport(SMTPConfiguration(host: s.host, port: s.port, security: security, username: s.username, password: password)), sender)
    }

    /// One attempt at the mail that is due first; false when nothing was due (or no server is set).
    @discardableResult
    public func deliverNext() throws -> Bool {
        guard let (transport, _) = try currentTransport() else { return false }
        let now = clock()
        guard let item = try database.claimDueMail(now: now, leaseSeconds: policy.leaseSeconds) else { return false }
        let recipients = item.recipients.compactMap(MailAddress.init)
        let outcome: SMTPOutcome
        if let from = MailAddress(item.sender), recipients.count == item.recipients.count {
            outcome = transport.deliver(item.message, from: from, to: recipients)
        } else {
            outcome = .permanent(reason: "invalid envelope address")
        }
        let result: DeliveryResult
        switch outcome {
        case .delivered(let reply): result = .delivered(reply: reply)
        case .temporary(let reason): result = .temporary(reason: reason)
        case .permanent(let reason): result = .permanent(reason: reason)
        }
        let next = policy.after(attempt: item.attempt, result, now: clock())
        try database.finishMailAttempt(id: item.id, attempt: item.attempt, state: next.state, nextAttemptAt: next.nextAttemptAt, reply: next.reason, now: clock())
        logger.info("mail attempt", metadata: ["mail": "\(item.id)", "attempt": "\(item.attempt)", "state": "\(next.state.rawValue)", "reply": "\(next.reason)"])
        return true
    }

    /// Starts the thread.
    public func start() {
        let t = Thread { [self] in
            run()
            finished.signal()
        }
        t.name = "showroom-outbox"
        thread = t
        t.start()
    }

    /// Asks the thread to stop after the attempt in hand, and waits for it (at most `seconds`).
    public func stop(seconds: Double = 10) {
        lock.lock()
        stopping = true
        lock.unlock()
        signal.notify()
        if thread != nil { _ = finished.wait(timeout: .now() + seconds) }
    }

    var isStopping: Bool {
        lock.lock(); defer { lock.unlock() }
        return stopping
    }

    func run() {
        while !isStopping {
            do {
                if try deliverNext() { continue }
                // Nothing due: sleep until the next mail falls due, a new one is queued, or the poll interval ends.
                var wait = pollSeconds
                if let due = try database.nextMailDue() { wait = min(wait, Double(max(0, due.seconds - clock().seconds)) + 0.05) }
                signal.wait(seconds: wait)
            } catch {
                logger.error("outbox", metadata: ["error": "\(String(reflecting: error))"])
                signal.wait(seconds: pollSeconds)
            }
        }
    }
}
