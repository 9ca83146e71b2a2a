/// Values captured from `{name}` segments of a route pattern.
public struct RouteParameters: Sendable {
    var values: [String: String] = [:]
    public init() {}

    public subscript(name: String) -> String? { values[name] }

    /// A record number: ASCII digits only, 1 … 10^18. Anything else (negative, huge, `12abc`,
    /// `0x1F`) names no record, so it is a 404, never a crash.
    public func id(_ name: String) throws(HTTPError) -> Int64 {
        guard let raw = values[name], let id = RecordID.parse(raw) else { throw HTTPError.notFound }
        return id
    }
}

public enum RecordID {
    public static func parse(_ raw: String) -> Int64? {
        let u = raw.utf8
        // Digits only, no sign, no leading zero: one text per record.
        guard !u.isEmpty, u.count <= 18, u.first != UInt8(ascii: "0"), u.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int64(raw), n > 0 else { return nil }
        return n
    }
}

/// Matches a method and a decoded path against patterns like `/leads/{id}/follow-up`.
/// A path that exists with another method answers 405 (with the allowed methods).
public final class Router<Handler> {
    private enum Segment: Equatable {
        case literal(String)
        case parameter(String)
    }

    private struct Route {
        let segments: [Segment]
        var handlers: [(HTTPMethod, Handler)]
    }

    public enum Match {
        case found(Handler, RouteParameters)
        case methodNotAllowed(allowed: [HTTPMethod])
        case notFound
    }

    private var routes: [Route] = []

    public init() {}

    public func add(_ method: HTTPMethod, _ pattern: String, _ handler: Handler) {
        let segments: [Segment] = pattern.split(separator: "/").map { part in
            if part.hasPrefix("{") && part.hasSuffix("}") { return .parameter(String(part.dropFirst().dropLast())) }
            return .literal(String(part))
        }
        if let i = routes.firstIndex(where: { $0.segments == segments }) {
            routes[i].handlers.append((method, handler))
        } else {
            routes.append(Route(segments: segments, handlers: [(method, handler)]))
        }
    }

    public func get(_ pattern: String, _ handler: Handler) { add(.get, pattern, handler) }
    public func post(_ pattern: String, _ handler: Handler) { add(.post, pattern, handler) }

    /// The route whose pattern fits best: among the patterns that fit the path, the one with
    /// the most literal segments wins (so `/leads/new` beats `/leads/{id}` whatever the order
    /// they were added in).
    public func match(method: HTTPMethod, segments: [String]) -> Match {
        let wanted = method == .head ? HTTPMethod.get : method
        // A plain scan, no allocation until the best route is known (this runs on every request).
        var best: (index: Int, literals: Int)? = nil
        for (index, route) in routes.enumerated() where route.segments.count == segments.count {
            var literals = 0
            var matches = true
            var i = 0
            while i < segments.count {
                if case .literal(let literal) = route.segments[i] {
                    guard literal == segments[i] else { matches = false; break }
                    literals += 1
                }
                i += 1
            }
            guard matches, literals > (best?.literals ?? -1) else { continue }
            best = (index, literals)
        }
        guard let best else { return .notFound }
        let route = routes[best.index]
        var parameters = RouteParameters()
        for (i, segment) in route.segments.enumerated() {
            if case .parameter(let name) = segment { parameters.values[name] = segments[i] }
        }
        if let handler = route.handlers.first(where: { $0.0 == wanted })?.1 {
            return .found(handler, parameters)
        }
        return .methodNotAllowed(allowed: route.handlers.map(\.0))
    }
}
