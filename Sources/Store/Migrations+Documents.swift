import GRDB

extension Migrations {
    /// The documents schema (issue 5), registered after the others.
    ///
    /// A document row names its file by the SHA-256 of the content (the file store's key);
    /// several rows may share one file. Every download is a row in `document_downloads`.
    static func registerDocuments(_ m: inout DatabaseMigrator) {
        m.registerMigration("v4-documents") { db in
            try db.execute(sql: """
            CREATE TABLE documents (
                id INTEGER PRIMARY KEY,
                lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
                title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
                original_name TEXT NOT NULL DEFAULT '' CHECK (length(CAST(original_name AS BLOB)) <= 255),
                mime_type TEXT NOT NULL CHECK (length(mime_type) BETWEEN 3 AND 255),
                size INTEGER NOT NULL CHECK (size > 0),
                sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
                created_at INTEGER NOT NULL,
                created_by INTEGER REFERENCES users(id),
                version INTEGER NOT NULL DEFAULT 1
            );
            CREATE INDEX documents_lead ON documents(lead_id, created_at);
            CREATE INDEX documents_sha256 ON documents(sha256);
            CREATE TABLE document_downloads (
                id INTEGER PRIMARY KEY,
                document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                user_id INTEGER NOT NULL REFERENCES users(id),
                at INTEGER NOT NULL
            );
            CREATE INDEX document_downloads_document ON document_downloads(document_id, at);
            """)
        }
    }
}
