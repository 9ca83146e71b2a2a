import Logging
import Showroom
import Web

/// What a handler gets: the parsed request and form, the route's values, who is asking, in
/// which language. Handlers never touch raw FastCGI parameters.
public struct RequestContext {
    public let request: Request
    public let parameters: RouteParameters
    public let language: Language
    public let now: Instant
    /// The signed-in user; nil only on public routes.
    public let user: SignedInUser?
    /// The urlencoded form of a POST, already checked for its CSRF token.
    public let form: FormFields
    public let configuration: AppConfiguration
    public let logger: Logger
    /// Rendered page parts kept between requests by the app that answers them.
    var fragments: FragmentCache = FragmentCache()
    /// How many of the user's own notifications are unseen (the top bar's counter).
    public var unseenNotifications: Int { user?.unseenNotifications ?? 0 }

    public var t: Translator { Translator(language) }
    public var format: Format { Format(Translator(language)) }

    /// The leads this user may see; nothing without a user.
    public var visibility: LeadVisibility { user?.leadVisibility ?? .branches([]) }

    /// Who is asking and what they may see, as one value for the store. Without a user
    /// (public routes) it sees nothing.
    public var viewer: Viewer { Viewer(userID: user?.id ?? 0, visibility: visibility) }

    /// The signed-in user (routes other than public ones always have one).
    public var signedIn: SignedInUser {
        get throws(HTTPError) {
            guard let user else { throw HTTPError.forbidden }
            return user
        }
    }

    /// Refuses with 403 unless the user holds `permission`.
    public func require(_ permission: Permission) throws(HTTPError) {
        guard user?.may(permission) == true else { throw HTTPError.forbidden }
    }

    public func may(_ permission: Permission) -> Bool { user?.may(permission) == true }

    /// For handlers that read a multipart body themselves: refuses (403) unless `sent` is
    /// the session's CSRF token. Call before storing anything.
    public func checkCSRF(_ sent: String?) throws(HTTPError) {
        try CSRF.check(expected: user?.csrfToken, sent: sent)
    }
}

public struct AppConfiguration: Sendable {
    public var sessionIdleSeconds: Int64
    public var sessionAbsoluteSeconds: Int64
    /// The document store, the upload limit and the accepted types.
    public var documents = DocumentsConfiguration()
    /// Where nginx leaves the upload bodies it has received whole (the upload location's
    /// `client_body_temp_path`, absolute). Bodies handed over as a file are read only from here.
    public var bodyFileDirectory: String?
    /// Woken when a mail is queued, so the sender thread delivers it at once (nil: no sender in this process).
    public var outbox: OutboxSignal?
    public init(sessionIdleSeconds: Int64 = SignInPolicy.defaultIdleSeconds, sessionAbsoluteSeconds: Int64 = SignInPolicy.defaultAbsoluteSeconds) {
        self.sessionIdleSeconds = sessionIdleSeconds
        self.sessionAbsoluteSeconds = sessionAbsoluteSeconds
    }
}
