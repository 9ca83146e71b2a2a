import CMagic
#if canImport(Glibc)
import Glibc
#endif

/// The MIME type of a file from its content, by libmagic. A `magic_t` is not thread-safe
/// and costs up to 2 ms to open and load, so each thread opens one on first use and keeps
/// it (a pthread key closes it when the thread ends). Only the first 64 KiB are looked at:
/// the same answer for large files, at a bounded cost.
public struct TypeDetector: Sendable {
    /// How many leading bytes are examined.
    public static let headBytes = 64 * 1024

    /// MIME type only; no decompression, no tar, no OS/2 app types, no ELF details (an ELF
    /// is refused on its magic alone): less parsing of hostile input. The text, CSV and CDF
    /// (old Office) checks stay on: the allow-list needs them.
    public static let flags: Int32 = MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS | MAGIC_NO_CHECK_TAR
        | MAGIC_NO_CHECK_APPTYPE | MAGIC_NO_CHECK_ELF

    public init() {}

    /// The detected type (`image/png`, `text/plain`…), or nil when libmagic could not run.
    public func mimeType(of bytes: UnsafeRawBufferPointer) -> String? {
        guard let cookie = Self.threadCookie() else { return nil }
        let n = min(bytes.count, Self.headBytes)
        // magic_buffer wants a pointer even for an empty buffer.
        var empty: UInt8 = 0
        let result: UnsafePointer<CChar>? = withUnsafePointer(to: &empty) { emptyPointer in
            magic_buffer(cookie, bytes.baseAddress ?? UnsafeRawPointer(emptyPointer), n)
        }
        // The string belongs to the cookie and is overwritten by its next call: copy it now.
        guard let result else { return nil }
        let type = String(cString: result)
        return type.isEmpty ? nil : type
    }

    public func mimeType(of bytes: [UInt8]) -> String? {
        bytes.withUnsafeBytes { mimeType(of: $0) }
    }

    // MARK: - One cookie per thread

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let rc = pthread_key_create(&key) { cookie in
            magic_close(OpaquePointer(cookie))
        }
        precondition(rc == 0, "pthread_key_create failed")
        return key
    }()

    private static func threadCookie() -> magic_t? {
        if let existing = pthread_getspecific(key) { return OpaquePointer(existing) }
        guard let cookie = magic_open(flags) else { return nil }
        guard magic_load(cookie, nil) == 0 else {
            magic_close(cookie)
            return nil
        }
        pthread_setspecific(key, UnsafeRawPointer(cookie))
        return cookie
    }
}
