/// What a handler of a streamed multipart form receives: plain fields whole (UTF-8, within
/// the field limit), files as a head, pieces of body and an end. Throwing stops the read.
public protocol MultipartFormHandler {
    mutating func field(name: String, value: String) throws
    mutating func beginFile(_ head: MultipartPartHead) throws
    mutating func fileData(_ bytes: UnsafeRawBufferPointer) throws
    mutating func endFile() throws
}

extension Request {
    /// Reads a `multipart/form-data` body as a stream, in 64 KiB pieces, through `handler`.
    ///
    /// - 400 (`error.malformed`) when the Content-Type or the body breaks the syntax, or the
    ///   body ends before its closing delimiter (a client that went away);
    /// - 413 when the body is, or turns out to be, longer than `maxBodyBytes`;
    /// - errors thrown by `handler` come out unchanged.
    public func readMultipart<H: MultipartFormHandler>(maxBodyBytes: Int, limits: MultipartLimits = MultipartLimits(), into handler: inout H) throws {
        let boundary: String
        do {
            boundary = try MultipartParser.boundary(contentType: header("content-type") ?? "")
        } catch {
            throw HTTPError(.badRequest, reason: .malformed)
        }
        guard contentLength <= maxBodyBytes else { throw HTTPError.payloadTooLarge }
        var parser = try MultipartParser(boundary: boundary, limits: limits)
        var fieldName: String?
        var fieldBytes: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
        defer { buffer.deallocate() }
        var total = 0
        do {
            while !parser.isComplete {
                let n = body.read(into: buffer)
                if n == 0 { break }
                total += n
                guard total <= maxBodyBytes else { throw HTTPError.payloadTooLarge }
                try parser.feed(UnsafeRawBufferPointer(rebasing: buffer[0..<n])) { event in
                    switch event {
                    case .partBegin(let head):
                        if head.isFile {
                            fieldName = nil
                            try handler.beginFile(head)
                        } else {
                            fieldName = head.name
                            fieldBytes.removeAll(keepingCapacity: true)
                        }
                    case .partData(let bytes):
                        if fieldName != nil { fieldBytes.append(contentsOf: bytes) } else { try handler.fileData(bytes) }
                    case .partEnd:
                        if let name = fieldName {
                            try handler.field(name: name, value: String(decoding: fieldBytes, as: UTF8.self))
                            fieldName = nil
                        } else {
                            try handler.endFile()
                        }
                    }
                }
            }
            try parser.finish()
        } catch is MultipartError {
            throw HTTPError(.badRequest, reason: .malformed)
        }
    }
}
