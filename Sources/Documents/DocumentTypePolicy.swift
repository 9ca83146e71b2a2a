/// Which detected types may be stored, and why the others are refused. Default deny: a type
/// not on the list is refused. Some kinds are refused even if an administrator lists them,
/// because a browser or a desktop could run them: web pages, SVG images, scripts and
/// programs.
public struct DocumentTypePolicy: Sendable, Equatable {
    /// Why a file is refused; each has its own message for the user.
    public enum Refusal: Equatable, Sendable {
        case empty
        /// HTML or XHTML: a page that runs code when opened in a browser.
        case html
        /// SVG: an image that may carry scripts.
        case svg
        /// A script (shell, Python, JavaScript, PHP…).
        case script
        /// A program (ELF, Windows, Mach-O…).
        case executable
        /// Anything else not on the list, with the detected type.
        case notAccepted(String)
    }

    public enum Verdict: Equatable, Sendable {
        case accepted
        case refused(Refusal)
    }

    /// The standard list: MIME type and its file extensions, the usual one first.
    public static let standardTypes: [(mime: String, extensions: [String])] = [
        ("application/pdf", ["pdf"]),
        ("image/jpeg", ["jpg", "jpeg"]),
        ("image/png", ["png"]),
        ("image/webp", ["webp"]),
        ("image/heic", ["heic"]),
        ("image/heif", ["heif"]),
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ["docx"]),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ["xlsx"]),
        ("application/vnd.openxmlformats-officedocument.presentationml.presentation", ["pptx"]),
        ("application/vnd.oasis.opendocument.text", ["odt"]),
        ("application/vnd.oasis.opendocument.spreadsheet", ["ods"]),
        ("application/msword", ["doc"]),
        ("application/vnd.ms-excel", ["xls"]),
        ("text/plain", ["txt"]),
        ("text/csv", ["csv"]),
    ]

    public static let standard = DocumentTypePolicy(accepting: standardTypes.map(\.mime))

    /// The accepted MIME types, lower-case.
    public let accepted: Set<String>

    /// A policy accepting these types (the dangerous kinds stay refused whatever is listed).
    public init(accepting types: [String]) {
        accepted = Set(types.map { $0.lowercased() }.filter { Self.dangerous($0) == nil })
    }

    /// Parses `--document-types`: comma-separated MIME types; nil when one is not of the
    /// form `type/subtype`.
    public init?(list: String) {
        let items = list.split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
        guard !items.isEmpty, items.allSatisfy(Self.looksLikeMIMEType) else { return nil }
        self.init(accepting: items)
    }

    public func verdict(detected mime: String, size: Int) -> Verdict {
        let type = mime.lowercased()
        if size == 0 || type == "application/x-empty" || type == "inode/x-empty" { return .refused(.empty) }
        if let danger = Self.dangerous(type) { return .refused(danger) }
        return accepted.contains(type) ? .accepted : .refused(.notAccepted(type))
    }

    /// The kinds refused whatever the list says.
    static func dangerous(_ type: String) -> Refusal? {
        switch type {
        case "text/html", "application/xhtml+xml": return .html
        case "image/svg+xml": return .svg
        case "application/x-executable", "application/x-sharedlib", "application/x-pie-executable", "application/x-elf",
             "application/x-dosexec", "application/vnd.microsoft.portable-executable", "application/x-msdownload",
             "application/x-mach-binary", "application/x-object", "application/x-coredump", "application/java-archive",
             "application/x-java-applet", "application/x-msi", "application/x-ms-installer":
            return .executable
        default:
            break
        }
        let scriptTypes: Set<String> = ["text/x-php", "application/x-php", "application/x-httpd-php", "text/x-perl", "text/x-python",
                                        "text/x-ruby", "text/x-lua", "text/x-tcl", "text/x-awk", "text/x-msdos-batch", "text/x-nawk",
                                        "text/x-gawk", "text/x-bytecode.python", "application/x-bytecode.python", "text/x-asm",
                                        "application/x-powershell", "text/x-powershell"]
        if scriptTypes.contains(type) || type.contains("script") || type.hasPrefix("text/x-script") { return .script }
        return nil
    }

    static func looksLikeMIMEType(_ s: String) -> Bool {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        return s.utf8.allSatisfy { c in
            (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || "/+-.".utf8.contains(c)
        }
    }

    /// The name a download gets: the uploaded name when its extension fits the detected type
    /// (a PNG sent as `scan.pdf` becomes `scan.png`, so it opens in the right program), or
    /// `fallback` with the type's extension when there is no name.
    public static func downloadName(original: String, fallback: String, mime: String) -> String {
        let extensions = standardTypes.first { $0.mime == mime }?.extensions ?? []
        var name = original.isEmpty ? fallback : original
        if name.isEmpty { name = "document" }
        guard let usual = extensions.first else { return name }
        let ext = fileExtension(name)
        if extensions.contains(ext) { return name }
        if ext.isEmpty { return name + "." + usual }
        return String(name.dropLast(ext.count)) + usual
    }

    /// `pdf` for `Scan.PDF`; "" when the name has no short alphanumeric extension.
    static func fileExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        let ext = name[name.index(after: dot)...]
        guard (1...10).contains(ext.count), ext.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }) else { return "" }
        return ext.lowercased()
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return String(s)
    }
}
