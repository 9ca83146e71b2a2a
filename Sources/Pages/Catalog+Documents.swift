extension Catalog {
    /// The words of the documents feature (upload, download, rename, delete).
    static func documentEntries(_ add: (String, String, String, String) -> Void) {
    }
}
