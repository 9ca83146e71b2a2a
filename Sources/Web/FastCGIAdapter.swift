/// The application behind the edge. It answers parsed requests; the edge adds what every
/// answer carries (the security headers) and speaks FastCGI. Callers, tests included, go
/// through `respond(to:)`, never `answer(_:)`.
public protocol Responder: Sendable {
    /// The application's own answer to a parsed request.
    func answer(_ request: Request) -> Response
    /// The answer to a request that could not even be built (`error` says why: a bad target
    /// or length, a body file outside its directory), in the language the client asks for
    /// (its raw `Accept-Language`).
    func answer(unparsable error: HTTPError, acceptLanguage: String?) -> Response
}

extension Responder {
    /// Every answer of the responder, with its security headers.
    public func respond(to request: Request) -> Response {
        var response = answer(request)
        response.addSecurityHeaders()
        return response
    }

    public func respond(unparsable error: HTTPError, acceptLanguage: String?) -> Response {
        var response = answer(unparsable: error, acceptLanguage: acceptLanguage)
        response.addSecurityHeaders()
        return response
    }
}

/// One CGI-style exchange: the parameters the web server sent, the body as a stream, the
/// output. The FastCGI module's `FastCGIExchange` is the real one (the command declares
/// the conformance, so neither Web nor anything above it depends on FastCGI); tests use
/// their own.
public protocol GatewayExchange: AnyObject {
    var params: [String: String] { get }
    /// Reads up to `buffer.count` bytes of the body; 0 means it has ended.
    func readBody(into buffer: UnsafeMutableRawBufferPointer) -> Int
    func write(_ bytes: [UInt8])
}

/// The FastCGI edge: raw CGI parameters in, a typed `Request` to the responder, its
/// `Response` written back. The only place that reads the parameters.
public struct FastCGIAdapter<App: Responder>: Sendable {
    public let responder: App
    /// Where nginx leaves upload bodies it has received whole (see `Request(exchange:bodyFileDirectory:)`).
    public let bodyFileDirectory: String?

    public init(_ responder: App, bodyFileDirectory: String? = nil) {
        self.responder = responder
        self.bodyFileDirectory = bodyFileDirectory
    }

    /// Answers one request: parse, respond, write. `HEAD` gets the head only.
    public func handle(_ exchange: some GatewayExchange) {
        let method = HTTPMethod(exchange.params["REQUEST_METHOD"] ?? "GET")
        let response: Response
        do {
            response = responder.respond(to: try Request(exchange: exchange, bodyFileDirectory: bodyFileDirectory))
        } catch {
            response = responder.respond(unparsable: error, acceptLanguage: exchange.params["HTTP_ACCEPT_LANGUAGE"])
        }
        response.write(to: exchange, includeBody: method != .head)
    }
}

/// The request body as the exchange streams it.
final class ExchangeBody<Exchange: GatewayExchange>: RequestBodySource {
    let exchange: Exchange
    init(_ exchange: Exchange) { self.exchange = exchange }
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int { exchange.readBody(into: buffer) }
}

extension Request {
    /// Builds the typed request from CGI parameters: `HTTP_*` become lower-case header
    /// names, `HTTPS=on` means the client reached nginx over https, `SHOWROOM_ORIGIN` is the
    /// site's origin as nginx saw it. When nginx received the body into a file
    /// (`SHOWROOM_BODY_FILE`), the body is read from that file, which must lie directly in
    /// `bodyFileDirectory`; without that directory, or outside it, the request is a 500 (a
    /// configuration error, never the client's doing: nginx sets the parameter, not the client).
    public init(exchange: some GatewayExchange, bodyFileDirectory: String? = nil) throws(HTTPError) {
        let p = exchange.params
        var body: RequestBodySource = ExchangeBody(exchange)
        if let file = p["SHOWROOM_BODY_FILE"], !file.isEmpty {
            guard let directory = bodyFileDirectory, let fileBody = FileBody(path: file, inside: directory) else {
                throw HTTPError(.internalServerError)
            }
            body = fileBody
        }
        var headers: [String: String] = [:]
        headers.reserveCapacity(16)
        for (key, value) in p where key.hasPrefix("HTTP_") {
            headers[String(key.dropFirst(5)).lowercased().replacingUnderscores()] = value
        }
        if let ct = p["CONTENT_TYPE"], !ct.isEmpty { headers["content-type"] = ct }
        if let cl = p["CONTENT_LENGTH"], !cl.isEmpty { headers["content-length"] = cl }
        try self.init(method: HTTPMethod(p["REQUEST_METHOD"] ?? "GET"),
                      target: p["REQUEST_URI"] ?? "/",
                      loweredHeaders: headers,
                      body: body,
                      remoteAddress: p["REMOTE_ADDR"] ?? "",
                      isSecure: p["HTTPS"] == "on",
                      siteOrigin: p["SHOWROOM_ORIGIN"])
    }
}

extension Response {
    /// Writes the CGI response head and the body. `HEAD` requests get the head only.
    public func write(to exchange: some GatewayExchange, includeBody: Bool = true) {
        var head = "Status: \(status.code) \(status.phrase)\r\n"
        for (name, value) in headers {
            // Header values are produced by the application; a CR or LF would split the
            // response, so they are dropped rather than trusted.
            if value.utf8.contains(where: { $0 == 13 || $0 == 10 }) { continue }
            head += name
            head += ": "
            head += value
            head += "\r\n"
        }
        head += "\r\n"
        exchange.write(Array(head.utf8))
        guard includeBody else { return }
        switch body {
        case .bytes(let bytes): exchange.write(bytes)
        case .stream(let produce): try? produce { exchange.write($0) }
        }
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String {
        String(decoding: utf8.map { $0 == UInt8(ascii: "_") ? UInt8(ascii: "-") : $0 }, as: UTF8.self)
    }
}
