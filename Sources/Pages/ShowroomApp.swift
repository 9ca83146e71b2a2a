import FastCGI
import Foundation
import Logging
import Showroom
import Store
import Web

/// The application: routes a parsed request to its page handler, turns errors into error
/// pages. `respond(to:)` is the in-process entry point used by tests; `handle(_:)` is the
/// one the FastCGI loop calls.
public final class ShowroomApp: Sendable {
    typealias Handler = @Sendable (RequestContext, AppDatabase) throws -> Response

    private let database: AppDatabase
    private let router: RouterBox
    private let logger: Logger
    private let clock: @Sendable () -> Instant

    public init(database: AppDatabase, logger: Logger, clock: @escaping @Sendable () -> Instant = ShowroomApp.systemClock) {
        self.database = database
        self.logger = logger
        self.clock = clock
        let r = Router<Handler>()
        r.get("/", { _, _ in .redirect(to: "/leads") })
        r.get("/healthz", { _, db in
            db.isHealthy() ? .text("ok\n") : .text("database unavailable\n", status: .serviceUnavailable)
        })
        r.get("/leads", LeadsOverviewPage.handle)
        r.get("/leads/{id}", LeadPage.details)
        r.get("/leads/{id}/follow-up", LeadPage.followUp)
        r.get("/leads/{id}/contacts", LeadPage.contacts)
        router = RouterBox(router: r)
    }

    @Sendable public static func systemClock() -> Instant {
        Instant(seconds: Int64(Date().timeIntervalSince1970))
    }

    /// Answers one FastCGI request: parse, respond, write. Nothing here knows about leads.
    public func handle(_ exchange: FastCGIExchange) {
        let response: Response
        let method = HTTPMethod(exchange.params["REQUEST_METHOD"] ?? "GET")
        do {
            let request = try Request(exchange: exchange)
            response = respond(to: request)
        } catch {
            let context = fallbackContext(language: Language.negotiate(exchange.params["HTTP_ACCEPT_LANGUAGE"]))
            response = ErrorPage.render(error, context: context)
        }
        response.write(to: exchange, includeBody: method != .head)
    }

    public func respond(to request: Request) -> Response {
        let language = Language.negotiate(request.header("accept-language"))
        switch router.router.match(method: request.method, segments: request.segments) {
        case .notFound:
            return ErrorPage.render(.notFound, context: context(request, language: language))
        case .methodNotAllowed(let allowed):
            var response = ErrorPage.render(.methodNotAllowed, context: context(request, language: language))
            response.headers.append(("Allow", allowed.map(Self.methodName).joined(separator: ", ")))
            return response
        case .found(let handler, let parameters):
            let c = context(request, language: language, parameters: parameters)
            do {
                return try handler(c, database)
            } catch let error as HTTPError {
                return ErrorPage.render(error, context: c)
            } catch {
                logger.error("request failed", metadata: ["path": "\(request.path)", "error": "\(String(reflecting: error))"])
                return ErrorPage.render(HTTPError(.internalServerError), context: c)
            }
        }
    }

    private func context(_ request: Request, language: Language, parameters: RouteParameters = RouteParameters()) -> RequestContext {
        RequestContext(request: request, parameters: parameters, language: language, now: clock(), visibility: .all, logger: logger)
    }

    private func fallbackContext(language: Language) -> RequestContext {
        // Only reached when the request itself could not be parsed.
        let request = try! Request(method: .get, target: "/")
        return context(request, language: language)
    }

    static func methodName(_ m: HTTPMethod) -> String {
        switch m {
        case .get: return "GET, HEAD"
        case .head: return "HEAD"
        case .post: return "POST"
        case .other(let s): return s
        }
    }
}

/// The router is filled once in `init` and only read afterwards.
private final class RouterBox: @unchecked Sendable {
    let router: Router<ShowroomApp.Handler>
    init(router: Router<ShowroomApp.Handler>) { self.router = router }
}
