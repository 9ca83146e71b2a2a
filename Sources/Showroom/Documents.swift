/// A document on a lead, as lists and pages show it.
public struct DocumentEntry: Equatable, Sendable {
    public var id: Int64
    public var leadID: Int64
    public var title: String
    /// The file's name as uploaded (cleaned); may be empty.
    public var originalName: String
    /// The type detected from the content, never the browser's claim.
    public var mimeType: String
    public var size: Int64
    /// The SHA-256 of the content (hex): the file store's key.
    public var sha256: String
    public var createdAt: Instant
    public var createdByName: String?
    public var version: Int64

    public init(id: Int64, leadID: Int64, title: String, originalName: String, mimeType: String, size: Int64, sha256: String,
                createdAt: Instant, createdByName: String?, version: Int64) {
        self.id = id; self.leadID = leadID; self.title = title; self.originalName = originalName; self.mimeType = mimeType
        self.size = size; self.sha256 = sha256; self.createdAt = createdAt; self.createdByName = createdByName; self.version = version
    }
}

/// One download of a document: who, when.
public struct DocumentDownload: Equatable, Sendable {
    public var userName: String
    public var at: Instant
    public init(userName: String, at: Instant) { self.userName = userName; self.at = at }
}

public enum DocumentRules {
    public static let titleMaxLength = 200
    /// Files in one upload.
    public static let maxFilesPerUpload = 20

    /// A title as typed, without control characters (line breaks included) and surrounding
    /// white space.
    public static func cleanTitle(_ raw: String) -> String {
        var scalars = String.UnicodeScalarView(raw.unicodeScalars.filter { $0.properties.generalCategory != .control })
        while let f = scalars.first, f.properties.isWhitespace { scalars.removeFirst() }
        while let l = scalars.last, l.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }

    /// What is wrong with a cleaned title, or nil.
    public static func checkTitle(_ title: String) -> RuleViolation? {
        if title.isEmpty { return .required }
        if title.unicodeScalars.count > titleMaxLength { return .tooLong }
        return nil
    }
}
