// swift-tools-version:6.1
import PackageDescription

let grdb: Target.Dependency = .product(name: "GRDB", package: "GRDB.swift")
let logging: Target.Dependency = .product(name: "Logging", package: "swift-log")

let package = Package(
    name: "Showroom",
    products: [
        // The binary keeps the name `showroom` (.build/*/showroom); its target is
        // ShowroomCommand, so no two target names differ only in case (Showroom is the domain).
        .executable(name: "showroom", targets: ["ShowroomCommand"]),
        .executable(name: "fcgi-hello", targets: ["fcgi-hello"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // C libraries from Debian, as system-library targets.
        .systemLibrary(name: "CFastCGI", pkgConfig: "fcgi", providers: [.apt(["libfcgi-dev"])]),
        .systemLibrary(name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),
        .systemLibrary(name: "CMagic", pkgConfig: "libmagic", providers: [.apt(["libmagic-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CPangoCairo", pkgConfig: "pangocairo", providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]),
        // One Linux call Swift's Glibc module does not expose (sync_file_range).
        .target(name: "CFileIO"),
        // libcurl's SMTP client behind one typed C call (curl_easy_setopt is variadic, which
        // Swift cannot call): Debian's libcurl4-openssl-dev.
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("curl")]),

        // The libfcgi worker pool: knows requests and responses, nothing of leads.
        .target(name: "FastCGI", dependencies: ["CFastCGI", logging]),
        // The HTTP edge: untrusted input parsed once into typed values (from CGI parameters);
        // routing; responses with their security headers; session cookie and CSRF; the HTML writer.
        .target(name: "Web", dependencies: ["Security"]),
        // libsodium behind small types: password hashes, random tokens, SHA-256; TOTP (libcrypto HMAC).
        .target(name: "Security", dependencies: ["CSodium", "COpenSSL"]),
        // Uploaded documents on disk: streamed, typed by libmagic, content-addressed, swept.
        .target(name: "Documents", dependencies: ["CMagic", "COpenSSL", "CFileIO", "Security"]),
        // A4 PDFs on cairo + pango with one pinned font (DejaVu Sans): text, tables that break
        // across pages, boxes, images, footers. Knows nothing of leads or quotes.
        .target(name: "Printing", dependencies: ["CPangoCairo"]),
        // E-mail, knowing nothing of leads: addresses, RFC 5322 / MIME messages (RFC 2045, 2047,
        // 2231), Message-ID and Date; delivery over SMTP with libcurl.
        .target(name: "Mail", dependencies: ["CCurl"]),
        // The domain: plain types and rules, no I/O.
        .target(name: "Showroom"),
        // GRDB façade: migrations, scoped queries, one transaction per business operation.
        .target(name: "Store", dependencies: ["Showroom", grdb]),
        // Backup and restore of an installation: the database copy and the files it refers to.
        .target(name: "Backup", dependencies: ["Store", "Documents"]),
        // Screens: handlers and typed views; the translation catalog.
        .target(name: "Pages", dependencies: ["Web", "Security", "Showroom", "Store", "Documents", "Printing", "Mail", logging]),
        // The command: serve, migrate, demo.
        .executableTarget(name: "ShowroomCommand", dependencies: [
            "FastCGI", "Web", "Security", "Store", "Pages", "Documents", "Printing", "Mail", "Backup", logging,
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Baseline for the benchmark: the smallest responder on the same FastCGI layer.
        .executableTarget(name: "fcgi-hello", dependencies: ["FastCGI", logging]),

        .testTarget(name: "ShowroomTests", dependencies: ["Showroom"]),
        .testTarget(name: "WebTests", dependencies: ["Web", "Security"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", grdb]),
        .testTarget(name: "PagesTests", dependencies: ["Pages", "Web", "Store", "Security", "Printing", "Mail", grdb]),
        .testTarget(name: "PrintingTests", dependencies: ["Printing"]),
        .testTarget(name: "MailTests", dependencies: ["Mail"]),
        .testTarget(name: "BackupTests", dependencies: ["Backup", "Store", "Documents", "Showroom", grdb]),
        .testTarget(name: "DocumentsTests", dependencies: ["Documents", "Web", "Pages", "Store", "Security", "Showroom", grdb]),
    ]
)
