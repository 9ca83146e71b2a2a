import Foundation
import Logging
import Security
import Showroom
import Store
import Web

/// Who may reach a route: checked at the door, before the handler runs.
enum Access {
    /// Anyone, signed in or not (sign-in page, health check).
    case anyone
    /// Any signed-in user.
    case signedIn
    /// A signed-in user holding this permission.
    case permission(Permission)
}

/// The application: routes a parsed request, checks the session, CSRF and the route's
/// permission, runs the handler, and turns errors into error pages. It is the `Responder`
/// behind Web's edge: tests call `respond(to:)` in process, the FastCGI loop calls
/// `FastCGIAdapter(app).handle(_:)`; both add the security headers.
public final class ShowroomApp: Responder {
    typealias Handler = @Sendable (RequestContext, AppDatabase) throws -> Response
    struct Route {
        let access: Access
        let handler: Handler
        /// The handler reads a multipart body itself, as a stream, and checks the CSRF token
        /// (the form's first field) before it stores anything.
        var multipart = false
    }

    private let database: AppDatabase
    /// Page parts that depend on a lead's data and the language only (the timeline), kept
    /// per (lead, revision, generation, language, filter).
    private let fragments = FragmentCache()
    private let router: RouterBox
    private let logger: Logger
    private let clock: @Sendable () -> Instant
    public let configuration: AppConfiguration

    public init(database: AppDatabase, logger: Logger, configuration: AppConfiguration = AppConfiguration(),
                clock: @escaping @Sendable () -> Instant = ShowroomApp.systemClock) {
        self.database = database
        self.logger = logger
        self.clock = clock
        self.configuration = configuration
        let r = Router<Route>()
        func get(_ path: String, _ access: Access, _ handler: @escaping Handler) { r.get(path, Route(access: access, handler: handler)) }
        func post(_ path: String, _ access: Access, _ handler: @escaping Handler) { r.post(path, Route(access: access, handler: handler)) }
        func upload(_ path: String, _ access: Access, _ handler: @escaping Handler) { r.post(path, Route(access: access, handler: handler, multipart: true)) }

        get("/", .anyone) { c, _ in .redirect(to: c.user == nil ? "/login" : "/leads") }
        get("/healthz", .anyone) { _, db in
            db.isHealthy() ? .text("ok\n") : .text("database unavailable\n", status: .serviceUnavailable)
        }
        get("/login", .anyone, SignInPage.show)
        post("/login", .anyone, SignInPage.signIn)
        post("/logout", .signedIn, SignInPage.signOut)
        post("/account/language", .signedIn, SignInPage.setLanguage)
        // Account security (issue 15): the second sign-in step, the user's own page.
        get("/login/code", .anyone, TwoFactorSignInPage.showCode)
        post("/login/code", .anyone, TwoFactorSignInPage.checkCode)
        get("/login/two-factor", .anyone, TwoFactorSignInPage.showSetup)
        post("/login/two-factor", .anyone, TwoFactorSignInPage.confirmSetup)
        get("/account", .signedIn, AccountPage.show)
        post("/account/password", .signedIn, AccountPage.changePassword)
        post("/account/two-factor/start", .signedIn, AccountPage.startTwoFactor)
        get("/account/two-factor", .signedIn, AccountPage.showSetup)
        post("/account/two-factor", .signedIn, AccountPage.confirmSetup)
        post("/account/two-factor/recovery-codes", .signedIn, AccountPage.newRecoveryCodes)
        post("/account/two-factor/off", .signedIn, AccountPage.turnOff)
        post("/account/sessions/end", .signedIn, AccountPage.endSession)
        post("/account/sessions/end-others", .signedIn, AccountPage.endOtherSessions)

        get("/leads", .permission(.leadsView), LeadsOverviewPage.handle)
        get("/leads/export", .permission(.leadsView), LeadsOverviewPage.export)
        get("/leads/new", .permission(.leadsCreate), NewLeadPage.show)
        post("/leads/new", .permission(.leadsCreate), NewLeadPage.create)
        get("/leads/{id}", .permission(.leadsView), LeadPage.details)
        get("/leads/{id}/follow-up", .permission(.leadsView), LeadPage.followUp)
        get("/leads/{id}/contacts", .permission(.leadsView), LeadPage.contacts)
        post("/leads/{id}/contacts", .permission(.contactsEdit), LeadPage.linkContact)
        post("/leads/{id}/comments", .permission(.leadsEdit), LeadActions.addComment)
        get("/comments/{id}/edit", .permission(.leadsEdit), LeadActions.editComment)
        post("/comments/{id}", .permission(.leadsEdit), LeadActions.updateComment)
        post("/comments/{id}/delete", .permission(.leadsEdit), LeadActions.deleteComment)
        get("/leads/{id}/status", .permission(.leadsStatus), LeadActions.statusForm)
        post("/leads/{id}/status", .permission(.leadsStatus), LeadActions.setStatus)
        get("/leads/{id}/assign", .permission(.leadsAssign), LeadActions.assignForm)
        post("/leads/{id}/assign", .permission(.leadsAssign), LeadActions.assign)
        post("/leads/{id}/deadlines", .permission(.leadsEdit), LeadActions.addDeadline)
        post("/deadlines/{id}/move", .permission(.leadsEdit), LeadActions.moveDeadline)
        post("/deadlines/{id}/done", .permission(.leadsEdit), LeadActions.completeDeadline)
        get("/leads/{id}/tasks/new", .permission(.tasksManage), TasksPage.newForm)
        post("/leads/{id}/tasks", .permission(.tasksManage), TasksPage.create)
        get("/tasks", .signedIn, TasksPage.overview)
        get("/tasks/{id}", .signedIn, TasksPage.show)
        post("/tasks/{id}", .permission(.tasksManage), TasksPage.update)
        post("/tasks/{id}/done", .permission(.tasksManage), TasksPage.complete)
        // Quotes (issue 10): the lead's Quotes tab, a new quote from stock, a quote's page and its steps.
        get("/leads/{id}/quotes", .permission(.leadsView), QuotesPage.list)
        get("/leads/{id}/quotes/new", .permission(.quotesManage), QuotesPage.newQuote)
        post("/leads/{id}/quotes", .permission(.quotesManage), QuotesPage.create)
        get("/quotes/{id}", .permission(.leadsView), QuotesPage.show)
        get("/quotes/{id}/edit", .permission(.quotesManage), QuotesPage.edit)
        post("/quotes/{id}", .permission(.quotesManage), QuotesPage.update)
        // Approving needs quotes.approve, the other steps quotes.manage: checked by the handler.
        post("/quotes/{id}/status", .permission(.leadsView), QuotesPage.changeStatus)
        get("/quotes/{id}/accept", .permission(.quotesManage), QuotesPage.acceptForm)
        post("/quotes/{id}/accept", .permission(.quotesManage), QuotesPage.accept)
        get("/quotes/{id}/overview.pdf", .permission(.leadsView), QuotePrintouts.overview)
        get("/quotes/{id}/order-form.pdf", .permission(.leadsView), QuotePrintouts.orderForm)
        // Trade-ins (issue 11): the Overname button, a trade-in's page, its edit, decision and delete.
        get("/leads/{id}/tradeins/new", .permission(.tradeinsManage), TradeInsPage.newForm)
        post("/leads/{id}/tradeins", .permission(.tradeinsManage), TradeInsPage.create)
        get("/tradeins/{id}", .permission(.leadsView), TradeInsPage.show)
        get("/tradeins/{id}/edit", .permission(.tradeinsManage), TradeInsPage.editForm)
        post("/tradeins/{id}", .permission(.tradeinsManage), TradeInsPage.update)
        post("/tradeins/{id}/decision", .permission(.tradeinsApprove), TradeInsPage.decide)
        post("/tradeins/{id}/delete", .permission(.tradeinsManage), TradeInsPage.delete)
        // Test drives (issue 11): the Testrit button, a drive's page, its edit, outcome and
        // agreement; the calendars of a car and of a branch.
        get("/leads/{id}/testdrives/new", .permission(.testdrivesManage), TestDrivesPage.newForm)
        post("/leads/{id}/testdrives", .permission(.testdrivesManage), TestDrivesPage.create)
        get("/testdrives/{id}", .permission(.leadsView), TestDrivesPage.show)
        get("/testdrives/{id}/edit", .permission(.testdrivesManage), TestDrivesPage.editForm)
        post("/testdrives/{id}", .permission(.testdrivesManage), TestDrivesPage.update)
        post("/testdrives/{id}/outcome", .permission(.testdrivesManage), TestDrivesPage.recordOutcome)
        get("/testdrives/{id}/agreement.pdf", .permission(.leadsView), TestDrivesPage.agreement)
        get("/test-drives", .permission(.leadsView), TestDriveCalendar.branch)
        get("/vehicles/{id}/test-drives", .permission(.leadsView), TestDriveCalendar.vehicle)
        // E-mail (issue 12): compose from the lead (Communicatie), the mail's page, its exact message, retry and cancel.
        get("/leads/{id}/mail", .permission(.mailSend), MailPage.compose)
        post("/leads/{id}/mail", .permission(.mailSend), MailPage.send)
        get("/mails/{id}", .permission(.leadsView), MailPage.show)
        get("/mails/{id}/source", .permission(.leadsView), MailPage.source)
        get("/mails/{id}/message.eml", .permission(.leadsView), MailPage.eml)
        post("/mails/{id}/retry", .permission(.mailSend), MailPage.retry)
        post("/mails/{id}/cancel", .permission(.mailSend), MailPage.cancel)
        // Insights (issue 13): figures scoped by insights.view, every figure a link to its leads.
        get("/insights", .permission(.insightsView), InsightsPage.handle)
        get("/insights/export/{table}", .permission(.insightsView), InsightsPage.export)
        get("/contacts/{id}", .permission(.leadsView), ContactsPage.show)
        post("/contacts/{id}", .permission(.contactsEdit), ContactsPage.update)
        get("/notifications", .signedIn, NotificationsPage.show)
        post("/notifications/{id}/seen", .signedIn, LeadActions.markSeen)
        get("/settings", .permission(.settingsManage), SettingsPage.show)
        post("/settings/deadline", .permission(.settingsManage), SettingsPage.saveDeadline)
        get("/settings/company", .permission(.settingsManage), CompanyPage.show)
        post("/settings/company", .permission(.settingsManage), CompanyPage.save)
        upload("/settings/company/logo", .permission(.settingsManage), CompanyPage.uploadLogo)
        get("/settings/company/logo", .signedIn, CompanyPage.logo)
        post("/settings/company/logo/delete", .permission(.settingsManage), CompanyPage.removeLogo)
        get("/settings/mail", .permission(.settingsManage), MailSettingsPage.show)
        post("/settings/mail", .permission(.settingsManage), MailSettingsPage.save)
        post("/settings/mail/templates", .permission(.settingsManage), MailSettingsPage.addTemplate)
        post("/settings/mail/templates/{id}", .permission(.settingsManage), MailSettingsPage.saveTemplate)
        post("/settings/{list}", .permission(.settingsManage), SettingsPage.addItem)
        post("/settings/{list}/{id}", .permission(.settingsManage), SettingsPage.updateItem)

        // Stock (issue 10): everyone who sells sees it; changing it needs vehicles.manage.
        get("/vehicles", .permission(.leadsView), VehiclesPage.list)
        get("/vehicles/new", .permission(.vehiclesManage), VehiclesPage.newForm)
        post("/vehicles/new", .permission(.vehiclesManage), VehiclesPage.create)
        get("/vehicles/{id}", .permission(.leadsView), VehiclesPage.show)
        get("/vehicles/{id}/edit", .permission(.vehiclesManage), VehiclesPage.editForm)
        post("/vehicles/{id}", .permission(.vehiclesManage), VehiclesPage.update)

        // Documents (issue 5): routes go here.
        upload("/leads/{id}/documents", .permission(.documentsUpload), DocumentsPage.upload)
        get("/documents/{id}", .permission(.leadsView), DocumentsPage.download)
        get("/documents/{id}/edit", .permission(.leadsView), DocumentsPage.show)
        post("/documents/{id}/rename", .permission(.documentsUpload), DocumentsPage.rename)
        post("/documents/{id}/delete", .permission(.documentsDelete), DocumentsPage.delete)
        // nginx's `error_page 413` for uploads over the limit lands here.
        get("/_errors/413", .anyone, DocumentsPage.tooLarge)
        // nginx's `error_page 429` for an address with too many uploads running lands here.
        get("/_errors/uploads-busy", .anyone, DocumentsPage.busy)
        // nginx's `error_page 413` for a company logo over its body limit lands here.
        get("/_errors/logo-too-large", .anyone, CompanyPage.logoTooLarge)

        get("/admin/users", .permission(.usersManage), AdminUsersPage.list)
        post("/admin/users", .permission(.usersManage), AdminUsersPage.create)
        get("/admin/users/{id}", .permission(.usersManage), AdminUsersPage.edit)
        post("/admin/users/{id}", .permission(.usersManage), AdminUsersPage.update)
        post("/admin/users/{id}/active", .permission(.usersManage), AdminUsersPage.setActive)
        post("/admin/users/{id}/password", .permission(.usersManage), AdminUsersPage.resetPassword)
        get("/admin/users/{id}/access", .permission(.usersManage), AdminUsersPage.effectiveAccess)
        get("/admin/permissions", .permission(.usersManage), AdminPermissionsPage.show)
        post("/admin/permissions", .permission(.usersManage), AdminPermissionsPage.saveUsers)
        post("/admin/profiles", .permission(.usersManage), AdminPermissionsPage.saveProfiles)
        post("/admin/profiles/new", .permission(.usersManage), AdminPermissionsPage.createProfile)
        get("/admin/security", .permission(.usersManage), AdminSecurityPage.show)
        post("/admin/security/profiles/{id}", .permission(.usersManage), AdminSecurityPage.saveProfile)
        get("/admin/branches", .permission(.usersManage), AdminBranchesPage.show)
        post("/admin/branches", .permission(.usersManage), AdminBranchesPage.create)
        post("/admin/branches/{id}", .permission(.usersManage), AdminBranchesPage.update)
        router = RouterBox(router: r)
    }

    @Sendable public static func systemClock() -> Instant {
        Instant(seconds: Int64(Date().timeIntervalSince1970))
    }

    /// The page for a request the edge could not parse (a bad target or length).
    public func answer(unparsable error: HTTPError, acceptLanguage: String?) -> Response {
        ErrorPage.render(error, context: bareContext(language: Language.negotiate(acceptLanguage)))
    }

    /// The application's answer; callers go through `respond(to:)`, which adds the
    /// security headers.
    public func answer(_ request: Request) -> Response {
        let now = clock()
        var language = Language.negotiate(request.header("accept-language"))
        // Who is asking (also for error pages, which speak the user's language).
        let user: SignedInUser?
        do {
            user = try EdgeCookie.sessionToken(in: request).flatMap { try database.signedInUser(tokenHash: $0.storageHash, now: now, idleSeconds: configuration.sessionIdleSeconds) }
        } catch {
            return errorResponse(error, context: bareContext(request, language: language, now: now))
        }
        if let user, let l = Language(rawValue: user.language) { language = l }

        let route: Route
        let parameters: RouteParameters
        switch router.router.match(method: request.method, segments: request.segments) {
        case .notFound:
            return ErrorPage.render(.notFound, context: bareContext(request, language: language, now: now, user: user))
        case .methodNotAllowed(let allowed):
            var response = ErrorPage.render(.methodNotAllowed, context: bareContext(request, language: language, now: now, user: user))
            response.headers.append(("Allow", allowed.map(Self.methodName).joined(separator: ", ")))
            return response
        case .found(let r, let p):
            route = r
            parameters = p
        }

        do {
            // The door: sign-in, then (below) the route's permission.
            switch route.access {
            case .anyone: break
            case .signedIn, .permission:
                guard user != nil else {
                    if request.method == .post { return Response.redirect(to: "/login") }
                    return Response.redirect(to: "/login?next=" + PercentDecoding.encodeQueryValue(request.target))
                }
            }

            // State changes: never cross-site, always with the session's (or sign-in form's) token.
            var form = FormFields()
            if request.method == .post {
                try CSRF.refuseCrossSite(request)
                if !route.multipart { form = try CSRF.checkedForm(request, sessionToken: user?.csrfToken) }
            }
            var context = RequestContext(request: request, parameters: parameters, language: language, now: now, user: user,
                                         form: form, configuration: configuration, logger: logger)
            context.fragments = fragments

            do {
                if case .permission(let p) = route.access { try context.require(p) }
                return try route.handler(context, database)
            } catch {
                return errorResponse(error, context: context)
            }
        } catch {
            return errorResponse(error, context: bareContext(request, language: language, now: now, user: user))
        }
    }

    /// The one place where errors become HTTP answers.
    private func errorResponse(_ error: any Error, context: RequestContext) -> Response {
        switch error {
        case let e as HTTPError:
            return ErrorPage.render(e, context: context)
        case StoreError.notFound:
            return ErrorPage.render(.notFound, context: context)
        case StoreError.conflict:
            return ErrorPage.render(HTTPError(.conflict, reason: "error.conflict"), context: context)
        case StoreError.lastUserManager:
            return ErrorPage.render(HTTPError(.conflict, reason: "error.last_user_manager"), context: context)
        case StoreError.forbidden:
            return ErrorPage.render(.forbidden, context: context)
        case StoreError.invalid(let violation):
            return ErrorPage.render(HTTPError(.unprocessable, reason: .key(violation.catalogKey)), context: context)
        case StoreError.duplicate:
            return ErrorPage.render(HTTPError(.conflict, reason: "error.conflict"), context: context)
        case let e where AppDatabase.isDiskFull(e) || DocumentsPage.isStorageFull(e):
            // The disk is full: nothing was written (the transaction rolled back, no file kept);
            // reads go on working, and writes again once space is freed.
            logger.critical("storage full: a write was refused", metadata: ["path": "\(context.request.path)", "error": "\(String(reflecting: e))"])
            return ErrorPage.render(HTTPError(.insufficientStorage, reason: "error.storage_full"), context: context)
        default:
            logger.error("request failed", metadata: ["path": "\(context.request.path)", "error": "\(String(reflecting: error))"])
            return ErrorPage.render(HTTPError(.internalServerError), context: context)
        }
    }

    private func bareContext(_ request: Request? = nil, language: Language, now: Instant? = nil, user: SignedInUser? = nil) -> RequestContext {
        // `/` always parses.
        let request = request ?? (try! Request(method: .get, target: "/"))
        return RequestContext(request: request, parameters: RouteParameters(), language: language, now: now ?? clock(), user: user,
                              form: FormFields(), configuration: configuration, logger: logger)
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
    let router: Router<ShowroomApp.Route>
    init(router: Router<ShowroomApp.Route>) { self.router = router }
}
