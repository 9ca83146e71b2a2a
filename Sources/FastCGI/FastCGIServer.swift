import CFastCGI
import Glibc
import Logging

public typealias FastCGIHandler = @Sendable (FastCGIExchange) -> Void

public enum FastCGIServerError: Error, CustomStringConvertible {
    case alreadyRunning(String)
    case cannotOpenSocket(String)
    case cannotStartThread(Int32)

    public var description: String {
        switch self {
        case .alreadyRunning(let path): return "another responder is serving \(path); refusing to steal its socket"
        case .cannotOpenSocket(let path): return "cannot open FastCGI socket at \(path)"
        case .cannotStartThread(let code): return "cannot start worker thread (error \(code))"
        }
    }
}

/// A pool of libfcgi worker threads on one unix socket.
///
/// - Refuses to start while a live instance answers on the socket (libfcgi would unlink it).
/// - The socket is made 0660 and, when a group is given, owned by that group (nginx's workers).
/// - SIGTERM and SIGINT are blocked in every thread and awaited by `run()`: on either, the
///   listening socket is shut down, each worker finishes its current request, and `run()` returns.
public final class FastCGIServer: @unchecked Sendable {
    public let socketPath: String
    public let threadCount: Int
    public let socketGroup: String?
    private let logger: Logger
    private let handler: FastCGIHandler

    public init(socketPath: String, threads: Int, socketGroup: String? = nil, logger: Logger, handler: @escaping FastCGIHandler) {
        self.socketPath = socketPath
        self.threadCount = max(1, threads)
        self.socketGroup = socketGroup
        self.logger = logger
        self.handler = handler
    }

    /// Serves until SIGTERM or SIGINT.
    ///
    /// - `whenListening` runs once this process owns the socket (its `.lock` file's `flock` is
    ///   held and the socket is bound) and before any worker accepts: the place for start-up
    ///   housekeeping, which a second instance that finds the socket taken must never reach.
    /// - `onReady` runs once the workers accept connections.
    public func run(whenListening: () throws -> Void = {}, onReady: () -> Void = {}) throws {
        // Exclusive ownership first: two instances started at the same moment cannot both
        // pass the liveness check and then unlink each other's socket.
        let lockFD = open(socketPath + ".lock", O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard lockFD >= 0 else { throw FastCGIServerError.cannotOpenSocket(socketPath) }
        defer { close(lockFD) }
        guard flock(lockFD, LOCK_EX | LOCK_NB) == 0 else { throw FastCGIServerError.alreadyRunning(socketPath) }
        if UnixSocket.isLive(socketPath) { throw FastCGIServerError.alreadyRunning(socketPath) }

        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGINT)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        signal(SIGPIPE, SIG_IGN)

        FCGX_Init()
        let listenFD = FCGX_OpenSocket(socketPath, 256)
        guard listenFD >= 0 else { throw FastCGIServerError.cannotOpenSocket(socketPath) }
        chmod(socketPath, 0o660)
        if let socketGroup, let group = getgrnam(socketGroup) {
            chown(socketPath, uid_t.max, group.pointee.gr_gid)
        }
        do {
            try whenListening()
        } catch {
            close(listenFD)
            unlink(socketPath)
            throw error
        }

        var threads: [pthread_t] = []
        for index in 0..<threadCount {
            let worker = Worker(listenFD: listenFD, handler: handler, logger: logger, index: index)
            var tid = pthread_t()
            let rc = pthread_create(&tid, nil, { raw in
                let worker = Unmanaged<Worker>.fromOpaque(raw!).takeRetainedValue()
                worker.loop()
                return nil
            }, Unmanaged.passRetained(worker).toOpaque())
            guard rc == 0 else { throw FastCGIServerError.cannotStartThread(rc) }
            threads.append(tid)
        }
        logger.info("serving", metadata: ["socket": "\(socketPath)", "threads": "\(threadCount)"])
        onReady()

        var received: Int32 = 0
        sigwait(&signals, &received)
        logger.info("stopping", metadata: ["signal": "\(received)"])
        FCGX_ShutdownPending()
        shutdown(listenFD, Int32(SHUT_RDWR))
        for tid in threads { pthread_join(tid, nil) }
        close(listenFD)
        unlink(socketPath)
        logger.info("stopped")
    }
}

private final class Worker {
    let listenFD: Int32
    let handler: FastCGIHandler
    let logger: Logger
    let index: Int

    init(listenFD: Int32, handler: @escaping FastCGIHandler, logger: Logger, index: Int) {
        self.listenFD = listenFD
        self.handler = handler
        self.logger = logger
        self.index = index
    }

    func loop() {
        let request = UnsafeMutablePointer<FCGX_Request>.allocate(capacity: 1)
        defer { request.deallocate() }
        guard FCGX_InitRequest(request, listenFD, 0) == 0 else {
            logger.error("cannot initialise request", metadata: ["worker": "\(index)"])
            return
        }
        while FCGX_Accept_r(request) >= 0 {
            handler(FastCGIExchange(request: request))
            FCGX_Finish_r(request)
        }
        FCGX_Free(request, 1)
    }
}

/// Unix-socket helpers.
public enum UnixSocket {
    /// True when something accepts connections on `path` right now.
    public static func isLive(_ path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        return rc == 0
    }
}
