import Logging
import Showroom
import Web

/// What a handler gets: the parsed request, the route's values, and who is asking in which
/// language. Handlers never touch raw FastCGI parameters.
public struct RequestContext {
    public let request: Request
    public let parameters: RouteParameters
    public let language: Language
    public let now: Instant
    public let visibility: LeadVisibility
    public let logger: Logger

    public var t: Translator { Translator(language) }
    public var format: Format { Format(Translator(language)) }
}
