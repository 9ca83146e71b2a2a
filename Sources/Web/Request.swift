import Glibc

public enum HTTPMethod: Equatable, Hashable, Sendable {
    case get, head, post, other(String)

    public init(_ raw: String) {
        switch raw {
        case "GET": self = .get
        case "HEAD": self = .head
        case "POST": self = .post
        default: self = .other(raw)
        }
    }
}

/// Where the request body comes from: the FastCGI stream (`FastCGIAdapter`), or bytes in a test.
public protocol RequestBodySource: AnyObject {
    /// Reads up to `buffer.count` bytes; 0 means the body has ended.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int
}

public final class BytesBody: RequestBodySource {
    private var bytes: [UInt8]
    private var offset = 0
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let n = min(buffer.count, bytes.count - offset)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { src in
            buffer.baseAddress!.copyMemory(from: src.baseAddress! + offset, byteCount: n)
        }
        offset += n
        return n
    }
}

/// A body nginx has already received whole and left in a file of its own
/// (`client_body_in_file_only`, the path in the `SHOWROOM_BODY_FILE` parameter): read from
/// there, so a slow or stalled client never holds a worker thread while it sends. nginx removes
/// the file when the request ends; this only reads it.
public final class FileBody: RequestBodySource {
    private let fd: Int32

    /// Opens `path` when it is a regular file directly inside `directory` (nginx's
    /// `client_body_temp_path`, an absolute path): anything else is refused, whatever the
    /// parameter says.
    public init?(path: String, inside directory: String) {
        guard directory.hasPrefix("/"), !directory.hasSuffix("/"), path.hasPrefix(directory + "/") else { return nil }
        let name = path.dropFirst(directory.count + 1)
        guard !name.isEmpty, !name.contains("/"), name != "..", name != "." else { return nil }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return nil }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            return nil
        }
        _ = posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)
        self.fd = fd
    }

    deinit { close(fd) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = Glibc.read(fd, base, buffer.count)
            if n >= 0 { return n }
            if errno != EINTR { return 0 }
        }
    }
}

/// A request after parsing: typed values only. Built once per request from the FastCGI
/// parameters (`FastCGIAdapter`, or directly in tests); handlers never see raw parameters.
public struct Request {
    public let method: HTTPMethod
    /// The decoded path, e.g. `/leads/12`.
    public let path: String
    /// The path split on `/`, decoded, without empty segments.
    public let segments: [String]
    /// The raw request target as sent (path and query), for redirects back to it.
    public let target: String
    public let query: FormFields
    /// Lower-cased header names, e.g. `accept-language`.
    public let headers: [String: String]
    public let contentLength: Int
    public let remoteAddress: String
    /// True when the client reached nginx over https.
    public let isSecure: Bool
    /// This site's origin as nginx saw it (`http://127.0.0.1:8080`), for the cross-site check.
    public let siteOrigin: String?
    public let body: RequestBodySource

    public init(method: HTTPMethod, target: String, headers: [String: String] = [:], body: [UInt8] = [], remoteAddress: String = "127.0.0.1",
                isSecure: Bool = false, siteOrigin: String? = "http://127.0.0.1:8080") throws(HTTPError) {
        var lowered: [String: String] = [:]
        for (k, v) in headers { lowered[k.lowercased()] = v }
        if !body.isEmpty, lowered["content-length"] == nil { lowered["content-length"] = String(body.count) }
        try self.init(method: method, target: target, loweredHeaders: lowered, body: BytesBody(body), remoteAddress: remoteAddress,
                      isSecure: isSecure, siteOrigin: siteOrigin)
    }

    init(method: HTTPMethod, target: String, loweredHeaders: [String: String], body: RequestBodySource, remoteAddress: String,
         isSecure: Bool, siteOrigin: String?) throws(HTTPError) {
        self.method = method
        self.isSecure = isSecure
        self.siteOrigin = siteOrigin
        self.target = target
        self.headers = loweredHeaders
        self.body = body
        self.remoteAddress = remoteAddress
        if let raw = loweredHeaders["content-length"] {
            guard !raw.isEmpty, raw.utf8.count <= 19, raw.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int(raw) else { throw HTTPError.badRequest }
            contentLength = n
        } else {
            contentLength = 0
        }
        let bytes = Array(target.utf8)
        guard bytes.first == UInt8(ascii: "/"), bytes.count <= 8192 else { throw HTTPError.badRequest }
        let q = bytes.firstIndex(of: UInt8(ascii: "?"))
        let rawPath = q.map { bytes[..<$0] } ?? bytes[...]
        let rawQuery = q.map { bytes[bytes.index(after: $0)...] } ?? bytes[bytes.endIndex...]
        do {
            path = try PercentDecoding.decode(rawPath, plusIsSpace: false)
        } catch {
            throw HTTPError(.badRequest, reason: .malformed)
        }
        guard !path.utf8.contains(0) else { throw HTTPError.badRequest }
        segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        query = try FormFields.parse(urlencoded: rawQuery, maxPairs: 100)
    }

    public func header(_ lowercasedName: String) -> String? { headers[lowercasedName] }

    /// Reads the whole body, refusing one over `limit` bytes (413).
    public func readBody(limit: Int) throws(HTTPError) -> [UInt8] {
        guard contentLength <= limit else { throw HTTPError.payloadTooLarge }
        var out: [UInt8] = []
        out.reserveCapacity(contentLength)
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { body.read(into: $0) }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
            guard out.count <= limit else { throw HTTPError.payloadTooLarge }
        }
        return out
    }

    /// The urlencoded form of a POST (at most 256 KiB).
    public func form(limit: Int = 256 * 1024) throws(HTTPError) -> FormFields {
        let type = header("content-type")?.lowercased() ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else {
            throw HTTPError(.badRequest, reason: .malformed)
        }
        let bytes = try readBody(limit: limit)
        return try FormFields.parse(urlencoded: bytes)
    }
}
