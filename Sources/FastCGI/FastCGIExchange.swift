import CFastCGI

/// One FastCGI request as libfcgi hands it over: the CGI parameters, the body as a stream,
/// and the output stream. It belongs to the worker thread that accepted it and must not
/// escape the handler call.
public final class FastCGIExchange {
    private let request: UnsafeMutablePointer<FCGX_Request>
    /// The CGI parameters nginx sent (REQUEST_METHOD, REQUEST_URI, HTTP_*, …), as received.
    public let params: [String: String]
    /// Set once the first write fails (the client or nginx went away).
    public private(set) var outputFailed = false

    init(request: UnsafeMutablePointer<FCGX_Request>) {
        self.request = request
        var params: [String: String] = [:]
        params.reserveCapacity(32)
        if var cursor = request.pointee.envp {
            while let entry = cursor.pointee {
                let pair = String(cString: entry)
                if let eq = pair.firstIndex(of: "=") {
                    params[String(pair[..<eq])] = String(pair[pair.index(after: eq)...])
                }
                cursor += 1
            }
        }
        self.params = params
    }

    /// Reads up to `buffer.count` bytes of the request body; 0 means the body has ended.
    public func readBody(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let n = FCGX_GetStr(base.assumingMemoryBound(to: CChar.self), Int32(min(buffer.count, Int(Int32.max))), request.pointee.in)
        return n > 0 ? Int(n) : 0
    }

    public func write(_ bytes: UnsafeRawBufferPointer) {
        guard !outputFailed, let base = bytes.baseAddress, bytes.count > 0 else { return }
        let n = FCGX_PutStr(base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), request.pointee.out)
        if n < 0 { outputFailed = true }
    }

    public func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { write($0) }
    }

    public func write(_ string: String) {
        var s = string
        s.withUTF8 { write(UnsafeRawBufferPointer($0)) }
    }
}
