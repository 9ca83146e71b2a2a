import FastCGI
import Foundation
import Logging

/// The benchmark's baseline: the smallest useful responder on the same FastCGI layer as
/// Showroom, answering every request with a fixed 12 KB HTML page.
@main
enum HelloResponder {
    static func main() throws {
        let args = CommandLine.arguments
        let socket = args.count > 1 ? args[1] : "run/hello.sock"
        let threads = args.count > 2 ? Int(args[2]) ?? 6 : 6
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        let row = "<tr><td>L-2026-000123</td><td>Emma Peeters</td><td>In behandeling</td><td>29/11/2026 14:05</td></tr>\n"
        var body = "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>hello</title></head><body><table>\n"
        while body.utf8.count < 12 * 1024 - 40 { body += row }
        body += "</table></body></html>\n"
        let response = Array(("Status: 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body).utf8)
        let server = FastCGIServer(socketPath: socket, threads: threads, socketGroup: "www-data", logger: Logger(label: "hello")) { exchange in
            exchange.write(response)
        }
        try server.run()
    }
}
