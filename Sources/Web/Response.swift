/// What the application answers. Written to FastCGI in one place (`FastCGIAdapter`).
public struct Response {
    public enum Body {
        case bytes([UInt8])
        /// Produced while writing, for large answers (CSV exports).
        case stream((_ emit: ([UInt8]) -> Void) throws -> Void)
    }

    public var status: HTTPStatus
    public var headers: [(String, String)]
    public var body: Body

    public init(status: HTTPStatus = .ok, headers: [(String, String)] = [], body: Body = .bytes([])) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public static func html(_ bytes: [UInt8], status: HTTPStatus = .ok) -> Response {
        Response(status: status, headers: [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")], body: .bytes(bytes))
    }

    public static func text(_ text: String, status: HTTPStatus = .ok) -> Response {
        Response(status: status, headers: [("Content-Type", "text/plain; charset=utf-8"), ("Cache-Control", "no-store")], body: .bytes(Array(text.utf8)))
    }

    /// A 303 to a local path. Only paths starting with a single `/` are accepted, so a
    /// redirect can never leave the site.
    public static func redirect(to localPath: String) -> Response {
        let safe = Response.isLocalPath(localPath) ? localPath : "/"
        return Response(status: .seeOther, headers: [("Location", safe), ("Cache-Control", "no-store")])
    }

    public static func isLocalPath(_ path: String) -> Bool {
        let u = Array(path.utf8)
        guard u.first == UInt8(ascii: "/") else { return false }
        if u.count > 1 && (u[1] == UInt8(ascii: "/") || u[1] == UInt8(ascii: "\\")) { return false }
        return !u.contains { $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "\\") }
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    public var bodyBytes: [UInt8] {
        switch body {
        case .bytes(let b): return b
        case .stream(let produce):
            var out: [UInt8] = []
            try? produce { out.append(contentsOf: $0) }
            return out
        }
    }
}
