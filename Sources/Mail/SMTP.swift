import Foundation
import CCurl

/// How to reach the mail server.
public struct SMTPConfiguration: Equatable, Sendable {
    public enum Security: String, CaseIterable, Sendable {
        /// No TLS: a relay on the same machine or a test sink.
        case none
        /// Plain SMTP upgraded with STARTTLS (required: no fallback to plain text).
        case starttls
        /// TLS from the first byte (SMTPS, usually port 465).
        case tls
    }
    public var host: String
    public var port: Int
    public var security: Security
    public var username: String
    public var password: String
    public var connectTimeoutSeconds: Int
    public var timeoutSeconds: Int

    public init(host: String, port: Int, security: Security, username: String = "", password: String = "",
                connectTimeoutSeconds: Int = 15, timeoutSeconds: Int = 120) {
        self.host = host; self.port = port; self.security = security; self.username = username; self.password = password
        self.connectTimeoutSeconds = connectTimeoutSeconds; self.timeoutSeconds = timeoutSeconds
    }
}

/// What the server made of a message.
public enum SMTPOutcome: Equatable, Sendable {
    /// Accepted (the reply, e.g. "250 OK queued as …").
    case delivered(reply: String)
    /// Worth trying again later: a 4xx reply, or no conversation at all (refused, timeout).
    case temporary(reason: String)
    /// Refused for good: a 5xx reply (the server's words), or a message curl cannot send.
    case permanent(reason: String)
}

/// Something that delivers a rendered message (SMTP here; a fake in tests).
public protocol MailTransport: Sendable {
    func deliver(_ message: [UInt8], from: MailAddress, to: [MailAddress]) -> SMTPOutcome
}

/// Delivery over SMTP with libcurl, one easy handle per message.
public struct SMTPTransport: MailTransport {
    public let configuration: SMTPConfiguration

    public init(_ configuration: SMTPConfiguration) { self.configuration = configuration }

    /// Call once at start-up, before any thread sends.
    public static func globalInit() {
        _ = showroom_curl_global_init()
    }

    public func deliver(_ message: [UInt8], from: MailAddress, to: [MailAddress]) -> SMTPOutcome {
        let c = configuration
        var result = showroom_smtp_result()
        let recipients = to.map { strdup($0.address) }
        defer { recipients.forEach { free($0) } }
        let code: Int32 = recipients.map { UnsafePointer<CChar>($0) }.withUnsafeBufferPointer { rcpt in
            message.withUnsafeBufferPointer { body in
                c.host.withCString { host in
                    c.username.withCString { user in
                        c.password.withCString { password in
                            from.address.withCString { mailFrom in
                                var request = showroom_smtp_request(
                                    host: host, port: c.port,
                                    security: c.security == .none ? 0 : c.security == .starttls ? 1 : 2,
                                    username: user, password: password, mail_from: mailFrom,
                                    recipients: rcpt.baseAddress, recipient_count: Int32(rcpt.count),
                                    message: body.baseAddress, message_length: body.count,
                                    connect_timeout_seconds: c.connectTimeoutSeconds, timeout_seconds: c.timeoutSeconds)
                                return showroom_smtp_send(&request, &result)
                            }
                        }
                    }
                }
            }
        }
        let reply = withUnsafeBytes(of: result.reply) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
        let error = withUnsafeBytes(of: result.error) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
        return Self.classify(curlCode: Int(code), responseCode: result.response_code, connectFailed: result.connect_failed != 0, reply: reply, error: error)
    }

    /// The outcome of one exchange: accepted; 5xx for good; 4xx or no answer for later.
    static func classify(curlCode: Int, responseCode: Int, connectFailed: Bool, reply: String, error: String) -> SMTPOutcome {
        if curlCode == 0 { return .delivered(reply: reply) }
        if (500...599).contains(responseCode) { return .permanent(reason: reply.isEmpty ? error : reply) }
        if (400...499).contains(responseCode) || connectFailed || responseCode == 0 {
            return .temporary(reason: reply.isEmpty || !(400...499).contains(responseCode) ? error : reply)
        }
        // A reply curl did not expect (a 3xx where a 2xx belongs): the server is not speaking SMTP as it should; later.
        return .temporary(reason: reply.isEmpty ? error : reply)
    }
}
