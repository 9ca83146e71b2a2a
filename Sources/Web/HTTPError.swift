/// An error that knows the HTTP status it should be answered with. Anything else that
/// reaches the dispatcher becomes a 500 whose details go only to the log.
public struct HTTPError: Error, Equatable, Sendable {
    public let status: HTTPStatus
    /// Why, for an extra explanation on the error page, if any.
    public let reason: Reason?

    /// Why a request was refused. Web names no text: Pages turns each reason into a
    /// sentence in the user's language.
    public enum Reason: Hashable, Sendable, ExpressibleByStringLiteral {
        /// The request, its query or its form could not be parsed.
        case malformed
        /// A state change from another site, or without the right CSRF token.
        case forged
        /// An explanation the application chose (a catalog key of Pages).
        case key(String)

        public init(stringLiteral key: String) { self = .key(key) }
    }

    public init(_ status: HTTPStatus, reason: Reason? = nil) {
        self.status = status
        self.reason = reason
    }

    public static let badRequest = HTTPError(.badRequest)
    public static let notFound = HTTPError(.notFound)
    public static let forbidden = HTTPError(.forbidden)
    public static let methodNotAllowed = HTTPError(.methodNotAllowed)
    public static let payloadTooLarge = HTTPError(.payloadTooLarge)
}

public struct HTTPStatus: Equatable, Hashable, Sendable {
    public let code: Int
    public let phrase: String

    public init(_ code: Int, _ phrase: String) {
        self.code = code
        self.phrase = phrase
    }

    public static let ok = HTTPStatus(200, "OK")
    public static let seeOther = HTTPStatus(303, "See Other")
    public static let notModified = HTTPStatus(304, "Not Modified")
    public static let badRequest = HTTPStatus(400, "Bad Request")
    public static let forbidden = HTTPStatus(403, "Forbidden")
    public static let notFound = HTTPStatus(404, "Not Found")
    public static let methodNotAllowed = HTTPStatus(405, "Method Not Allowed")
    public static let conflict = HTTPStatus(409, "Conflict")
    public static let payloadTooLarge = HTTPStatus(413, "Content Too Large")
    public static let unprocessable = HTTPStatus(422, "Unprocessable Content")
    public static let tooManyRequests = HTTPStatus(429, "Too Many Requests")
    public static let internalServerError = HTTPStatus(500, "Internal Server Error")
    public static let serviceUnavailable = HTTPStatus(503, "Service Unavailable")
    public static let insufficientStorage = HTTPStatus(507, "Insufficient Storage")
}
