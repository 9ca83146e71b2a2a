// libFuzzer harness for the streaming multipart parser (Sources/Web/Multipart.swift).
// Built and run by scripts/fuzz-multipart.sh with -sanitize=fuzzer,address. The first byte
// of each input chooses how the rest is cut into chunks; the parse must never crash, and the
// outcome (the parts, or the error) must be the same as when the body is fed whole.

struct Outcome: Equatable {
    var parts: [[UInt8]] = []
    var heads: [String] = []
    var error: MultipartError?
}

func parse(_ body: ArraySlice<UInt8>, chunk: Int) -> Outcome {
    var out = Outcome()
    var current: [UInt8]?
    do {
        var parser = try MultipartParser(boundary: "b0undary", limits: MultipartLimits(maxHeaderBytes: 512, maxParts: 8, maxFieldBytes: 256))
        var i = body.startIndex
        while i < body.endIndex {
            let n = min(chunk, body.endIndex - i)
            try body[i..<(i + n)].withUnsafeBytes { raw in
                try parser.feed(raw) { event in
                    switch event {
                    case .partBegin(let head):
                        precondition(current == nil)
                        current = []
                        out.heads.append("\(head.name)|\(head.filename ?? "-")|\(head.safeFilename ?? "-")|\(head.contentType ?? "-")")
                    case .partData(let bytes):
                        current!.append(contentsOf: bytes)
                    case .partEnd:
                        out.parts.append(current!)
                        current = nil
                    }
                }
            }
            i += n
        }
        try parser.finish()
    } catch let e as MultipartError {
        out.error = e
    } catch {
        fatalError("unexpected error \(error)")
    }
    return out
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let chunk = Int(bytes[0] % 64) + 1
    let body = bytes[1...]
    let whole = parse(body, chunk: max(1, body.count))
    let cut = parse(body, chunk: chunk)
    if whole != cut {
        fatalError("chunking changes the outcome: whole \(whole) vs \(chunk)-byte pieces \(cut)")
    }
    for part in whole.heads { _ = UploadFileName.sanitize(part) }
    return 0
}
