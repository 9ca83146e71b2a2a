import Foundation

/// A file attached to a message.
public struct MailAttachment: Equatable, Sendable {
    public var fileName: String
    public var contentType: String
    public var bytes: [UInt8]
    public init(fileName: String, contentType: String, bytes: [UInt8]) {
        self.fileName = fileName; self.contentType = contentType; self.bytes = bytes
    }
}

/// A mailbox in a header: an address and an optional display name.
public struct Mailbox: Equatable, Sendable {
    public var address: MailAddress
    public var name: String
    public init(_ address: MailAddress, name: String = "") {
        self.address = address; self.name = name
    }

    var header: String {
        name.isEmpty ? address.address : MIME.encodeDisplayName(name) + " <" + address.address + ">"
    }
}

public enum MailMessageError: Error, Equatable {
    /// A header value (subject, name, file name) holds a CR, LF or another control character:
    /// written as it is it would start a header of its own.
    case controlCharacterInHeader(String)
    case noRecipients
}

/// A plain-text message with attachments, rendered as RFC 5322 with MIME (RFC 2045-2047):
/// CRLF line ends, UTF-8 headers as encoded-words, the body quoted-printable, files base64.
public struct MailMessage: Equatable, Sendable {
    public var from: Mailbox
    public var to: [Mailbox]
    public var replyTo: Mailbox?
    public var subject: String
    public var body: String
    public var attachments: [MailAttachment]
    /// `<…@domain>` with the angle brackets.
    public var messageID: String
    public var dateEpochSeconds: Int64
    /// Fixed in tests; random otherwise.
    public var boundary: String

    public init(from: Mailbox, to: [Mailbox], replyTo: Mailbox? = nil, subject: String, body: String, attachments: [MailAttachment] = [],
                messageID: String? = nil, dateEpochSeconds: Int64, boundary: String? = nil) {
        self.from = from; self.to = to; self.replyTo = replyTo; self.subject = subject; self.body = body; self.attachments = attachments
        self.messageID = messageID ?? MailMessage.newMessageID(domain: String(from.address.domain))
        self.dateEpochSeconds = dateEpochSeconds
        self.boundary = boundary ?? "=_showroom_" + MIME.randomHex(12)
    }

    /// A fresh, globally unique Message-ID on the sender's domain (RFC 5322 §3.6.4).
    public static func newMessageID(domain: String) -> String {
        "<" + MIME.randomHex(16) + "@" + (domain.isEmpty ? "showroom.invalid" : domain) + ">"
    }

    /// True when `s` holds a character that may not appear in a header value.
    public static func hasControlCharacters(_ s: String) -> Bool {
        s.unicodeScalars.contains { $0.value < 32 || $0.value == 127 || $0 == "\u{2028}" || $0 == "\u{2029}" || $0 == "\u{85}" }
    }

    /// The message, ready for SMTP's DATA (and for a `.eml` file).
    public func rendered() throws(MailMessageError) -> [UInt8] {
        guard !to.isEmpty else { throw .noRecipients }
        for value in [subject, from.name, replyTo?.name ?? ""] + to.map(\.name) + attachments.flatMap({ [$0.fileName, $0.contentType] })
        where Self.hasControlCharacters(value) {
            throw .controlCharacterInHeader(value)
        }
        var h = ""
        func header(_ name: String, _ value: String) { h += name + ": " + value + "\r\n" }
        header("Date", MIME.date(epochSeconds: dateEpochSeconds))
        header("From", from.header)
        header("To", to.map(\.header).joined(separator: ",\r\n "))
        if let replyTo { header("Reply-To", replyTo.header) }
        header("Message-ID", messageID)
        header("Subject", MIME.encodeHeaderText(subject))
        header("MIME-Version", "1.0")
        let text = body.replacingOccurrences(of: "\r\n", with: "\n")
        if attachments.isEmpty {
            header("Content-Type", "text/plain; charset=UTF-8")
            header("Content-Transfer-Encoding", "quoted-printable")
            h += "\r\n" + MIME.quotedPrintable(text) + "\r\n"
            return Array(h.utf8)
        }
        header("Content-Type", "multipart/mixed; boundary=\"\(boundary)\"")
        h += "\r\nThis is a message in MIME format.\r\n"
        h += "--\(boundary)\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        h += MIME.quotedPrintable(text) + "\r\n"
        var out = Array(h.utf8)
        for a in attachments {
            var part = "--\(boundary)\r\n"
            part += "Content-Type: \(a.contentType); " + MIME.fileNameParameters(a.fileName, parameter: "name") + "\r\n"
            part += "Content-Transfer-Encoding: base64\r\n"
            part += "Content-Disposition: attachment; " + MIME.fileNameParameters(a.fileName) + "\r\n\r\n"
            out += Array(part.utf8)
            out += Array(MIME.base64Lines(a.bytes).utf8)
        }
        out += Array("--\(boundary)--\r\n".utf8)
        return out
    }
}
