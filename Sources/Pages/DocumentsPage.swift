import Documents
import Foundation
import Showroom
import Store
import Web

/// Where documents live and what they may be: set once by `serve`.
public struct DocumentsConfiguration: Sendable {
    public var store: FileStore
    /// The most the files of one upload may weigh together.
    public var maxUploadBytes: Int
    public var policy: DocumentTypePolicy

    public static let defaultMaxUploadBytes = 50 * 1024 * 1024
    /// Room for the form's fields and part headers on top of the files.
    public static let formOverheadBytes = 1024 * 1024

    public init(root: String = "var/documents", group: String? = nil, maxUploadBytes: Int = DocumentsConfiguration.defaultMaxUploadBytes,
                policy: DocumentTypePolicy = .standard) {
        store = FileStore(root: root, group: group)
        self.maxUploadBytes = maxUploadBytes
        self.policy = policy
    }
}

/// What the upload box shows again after a refused upload: the title typed, and why.
struct DocumentUploadForm {
    var title = ""
    var errors = FieldErrors()
    /// Catalog keys with their values (a file name, a type…), one per problem.
    var problems: [(key: String, values: [String: String])] = []
    var isEmpty: Bool { errors.isEmpty && problems.isEmpty }
}

/// Documents on a lead: the box under Details (list, paperclip menu, upload form), the
/// streamed upload, the download through nginx, the document's page (rename, delete, who
/// downloaded it).
enum DocumentsPage {
    /// The title of an upload, and the new title of a stored document (the same rule,
    /// `DocumentRules.checkTitle`, after `cleanTitle`).
    static let title = FormField.text("title", .key("documents.field.title"), required: true, maxLength: DocumentRules.titleMaxLength)
    static let newTitle = FormField.text("title", .key("documents.new_title"), required: true, maxLength: DocumentRules.titleMaxLength)

    // MARK: - Upload

    /// `POST /leads/{id}/documents` (multipart). The body is read as a stream: the CSRF token
    /// must come first; each file goes to a temporary file as it arrives and is typed from
    /// its first 64 KiB. Only when the whole body is in and every file is acceptable are the
    /// files synced, named and recorded, with their timeline events, together. Anything
    /// else leaves no file and no row.
    static func upload(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let leadID = try c.parameters.id("id")
        let user = try c.signedIn
        let config = c.configuration.documents
        guard try db.leadIsVisible(id: leadID, visibleTo: c.viewer) else { throw HTTPError.notFound }

        var reader = UploadReader(context: c, config: config)
        do {
            try c.request.readMultipart(maxBodyBytes: config.maxUploadBytes + DocumentsConfiguration.formOverheadBytes,
                                        limits: MultipartLimits(maxHeaderBytes: 8 * 1024, maxParts: DocumentRules.maxFilesPerUpload + 8, maxFieldBytes: 16 * 1024),
                                        into: &reader)
        } catch let e as HTTPError where e.status == .payloadTooLarge {
            reader.discardAll()
            return tooLargeResponse(c, leadID: leadID)
        } catch let e where isStorageFull(e) {
            reader.discardAll()
            return storageFullResponse(c, leadID: leadID, error: e)
        } catch {
            reader.discardAll()
            throw error
        }
        guard reader.csrfChecked else { throw HTTPError(.forbidden, reason: .forged) }

        var form = DocumentUploadForm(title: reader.title)
        if let problem = DocumentRules.checkTitle(reader.title) { form.errors.add(DocumentsPage.title.name, problem) }
        if reader.files.isEmpty && reader.skippedFiles == 0 { form.problems.append(("documents.error.no_file", [:])) }
        if reader.skippedFiles > 0 { form.problems.append(("documents.error.too_many", ["n": String(DocumentRules.maxFilesPerUpload)])) }
        for file in reader.files {
            if case .refused(let why) = config.policy.verdict(detected: file.mimeType, size: file.writer.size) {
                form.problems.append(refusalMessage(why, name: file.name, c: c))
            }
        }
        guard form.isEmpty else {
            reader.discardAll()
            return try lead(c, db, leadID: leadID, form: form, status: .unprocessable)
        }

        // Durable first, then named and recorded under the store's lock, so a concurrent
        // delete of the same content cannot remove a file this upload is about to use.
        do {
            try storeFiles(c, db, reader: reader, leadID: leadID, store: config.store)
        } catch let e where isStorageFull(e) || AppDatabase.isDiskFull(e) {
            reader.discardAll()
            return storageFullResponse(c, leadID: leadID, error: e)
        } catch {
            reader.discardAll()
            throw error
        }
        return .redirect(to: "/leads/\(leadID)#documents")
    }

    /// Syncs, names and records the files of an accepted upload; on any failure the files this
    /// upload placed are removed again (the caller discards the temporary ones).
    static func storeFiles(_ c: RequestContext, _ db: AppDatabase, reader: UploadReader, leadID: Int64, store: FileStore) throws {
        for file in reader.files { try file.writer.finish() }
        _ = try store.withLock {
            var placed: [FileStore.Placement] = []
            do {
                for file in reader.files { placed.append(try store.place(file.writer)) }
                let documents = zip(reader.files, placed).map { file, p in
                    NewDocument(title: reader.title, originalName: file.name, mimeType: file.mimeType, size: Int64(p.size), sha256: p.digest)
                }
                return try db.addDocuments(leadID: leadID, documents, by: c.viewer, now: c.now)
            } catch {
                for p in placed where p.isNew { try? store.remove(p.digest) }
                throw error
            }
        }
    }

    /// True when a file could not be written because its file system is full (or the user's
    /// quota, or the process's file size limit, is reached).
    static func isStorageFull(_ error: any Error) -> Bool {
        if case FileStoreError.io(_, let code) = error { return code == ENOSPC || code == EDQUOT || code == EFBIG }
        return false
    }

    /// 507 with a page that says the documents' disk is full and nothing was saved (a plain
    /// page: the lead page itself may need the disk too).
    static func storageFullResponse(_ c: RequestContext, leadID: Int64, error: any Error) -> Response {
        c.logger.critical("documents' disk full: an upload was refused", metadata: ["lead": "\(leadID)", "error": "\(error)"])
        return ErrorPage.render(HTTPError(.insufficientStorage, reason: "documents.error.storage_full"), context: c)
    }

    /// Collects an upload as the multipart reader hands it over.
    struct UploadReader: MultipartFormHandler {
        struct File {
            let writer: BlobWriter
            /// The cleaned name as sent ("" when the client sent none).
            let name: String
            var mimeType = ""
        }

        let context: RequestContext
        let config: DocumentsConfiguration
        var csrfChecked = false
        var title = ""
        var files: [File] = []
        /// Files past the limit of one upload (read and dropped).
        var skippedFiles = 0
        private var current: File?
        private var skipping = false
        private var fileBytes = 0

        init(context: RequestContext, config: DocumentsConfiguration) {
            self.context = context
            self.config = config
        }

        mutating func field(name: String, value: String) throws {
            try requireToken(name, value)
            if name == DocumentsPage.title.name { title = DocumentRules.cleanTitle(value) }
        }

        mutating func beginFile(_ head: MultipartPartHead) throws {
            try requireToken(head.name, nil)
            // An empty file input sends a part without a name and without content.
            if head.filename == "" {
                skipping = true
                return
            }
            guard files.count < DocumentRules.maxFilesPerUpload else {
                skippedFiles += 1
                skipping = true
                return
            }
            skipping = false
            current = File(writer: try config.store.beginWrite(), name: head.safeFilename ?? "")
        }

        mutating func fileData(_ bytes: UnsafeRawBufferPointer) throws {
            guard !skipping, let file = current else { return }
            fileBytes += bytes.count
            guard fileBytes <= config.maxUploadBytes else { throw HTTPError.payloadTooLarge }
            try file.writer.write(bytes)
        }

        mutating func endFile() throws {
            defer { skipping = false }
            guard !skipping, var file = current else { return }
            current = nil
            file.mimeType = file.writer.head.withUnsafeBytes { TypeDetector().mimeType(of: $0) } ?? "application/octet-stream"
            files.append(file)
        }

        /// The form's first field must be the session's CSRF token: nothing is written before.
        private mutating func requireToken(_ name: String, _ value: String?) throws {
            if csrfChecked { return }
            guard name == "_csrf", let value else { throw HTTPError(.forbidden, reason: .forged) }
            try context.checkCSRF(value)
            csrfChecked = true
        }

        func discardAll() {
            current?.writer.discard()
            for f in files { f.writer.discard() }
        }
    }

    static func refusalMessage(_ why: DocumentTypePolicy.Refusal, name: String, c: RequestContext) -> (key: String, values: [String: String]) {
        let shown = name.isEmpty ? c.t("documents.unnamed") : name
        switch why {
        case .empty: return ("documents.error.empty", ["name": shown])
        case .html: return ("documents.error.html", ["name": shown])
        case .svg: return ("documents.error.svg", ["name": shown])
        case .script: return ("documents.error.script", ["name": shown])
        case .executable: return ("documents.error.executable", ["name": shown])
        case .notAccepted(let type): return ("documents.error.not_accepted", ["name": shown, "type": type])
        }
    }

    /// The lead page (Details) with the upload box showing what went wrong.
    static func lead(_ c: RequestContext, _ db: AppDatabase, leadID: Int64, form: DocumentUploadForm, status: HTTPStatus) throws -> Response {
        guard let data = try db.leadPage(id: leadID, visibleTo: c.viewer) else { throw HTTPError.notFound }
        return .html(LeadPage.frame(data.lead, tab: .details, context: c) { h in
            LeadPage.detailsTab(data, context: c, documentForm: form, into: &h)
        }, status: status)
    }

    // MARK: - Too large

    /// `GET /_errors/413`: the page nginx shows (through `error_page 413`) when an upload is
    /// over its limit before the responder sees it.
    static func tooLarge(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        tooLargeResponse(c, back: sameSiteReferer(c))
    }

    static func tooLargeResponse(_ c: RequestContext, leadID: Int64) -> Response {
        tooLargeResponse(c, back: "/leads/\(leadID)#documents")
    }

    static func tooLargeResponse(_ c: RequestContext, back: String?) -> Response {
        let limit = size(Int64(c.configuration.documents.maxUploadBytes), t: c.t)
        return refusedUpload(c, status: .payloadTooLarge, title: c.t("documents.too_large.title"),
                             text: c.t("documents.too_large.text", ["limit": limit]), back: back)
    }

    /// `GET /_errors/uploads-busy`: the page nginx shows (through `error_page 429`) when one
    /// address already has as many uploads running as it may.
    static func busy(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        refusedUpload(c, status: .tooManyRequests, title: c.t("documents.busy.title"), text: c.t("documents.busy.text"), back: sameSiteReferer(c))
    }

    /// The referring page when it is one of ours (the way back from an error page).
    static func sameSiteReferer(_ c: RequestContext) -> String? {
        guard let referer = c.request.header("referer"), let origin = c.request.siteOrigin, referer.hasPrefix(origin + "/") else { return nil }
        return String(referer.dropFirst(origin.count))
    }

    /// An upload nginx refused before the responder read it: what happened, that nothing was
    /// saved, and the way back.
    static func refusedUpload(_ c: RequestContext, status: HTTPStatus, title: String, text: String, back: String?) -> Response {
        let t = c.t
        var response = Response.html(Layout.page(title: title, context: c, section: .leads) { h in
            h.raw("<section class=\"error-page\"><p class=\"error-code\">")
            h.int(status.code)
            h.raw("</p><h1>")
            h.text(title)
            h.raw("</h1><p>")
            h.text(text)
            h.raw("</p><p><a class=\"button\" href=\"")
            h.attr(back.flatMap { Response.isLocalPath($0) ? $0 : nil } ?? "/leads")
            h.raw("\">")
            h.text(back?.hasPrefix("/leads/") == true ? t("documents.back") : t("error.back"))
            h.raw("</a></p></section>")
        }, status: status)
        response.headers.append(("X-Robots-Tag", "noindex"))
        return response
    }

    // MARK: - Download

    /// `GET /documents/{id}`: the permission and scope are checked here; nginx then serves
    /// the file from its internal `/_files/` location (X-Accel-Redirect), with sendfile.
    static func download(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        let user = try c.signedIn
        guard let d = try db.downloadableDocument(id: id, visibleTo: c.viewer) else { throw HTTPError.notFound }
        let path = try c.configuration.documents.store.relativePath(of: d.sha256)
        if c.request.method != .head { try db.recordDownload(documentID: id, userID: user.id, now: c.now) }
        let name = DocumentTypePolicy.downloadName(original: d.originalName, fallback: d.title, mime: d.mimeType)
        return Response(status: .ok, headers: [
            ("Content-Type", d.mimeType),
            ("Content-Disposition", ContentDisposition.attachment(filename: name)),
            // Shared showroom computers: nothing of a customer's document stays in a cache.
            ("Cache-Control", "no-store"),
            ("X-Accel-Redirect", "/_files/" + path),
        ] + SecurityHeaders.file)
    }

    // MARK: - The document's page: rename, delete, downloads

    /// `GET /documents/{id}/edit`
    static func show(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        guard let d = try db.document(id: id, visibleTo: c.viewer) else { throw HTTPError.notFound }
        return page(c, try Shown(db, d, context: c), draft: d.title, version: d.version, error: nil, conflict: nil, status: .ok)
    }

    /// Users who (re)assign leads or manage users see who downloaded what.
    /// One entry of a document's paperclip menu: a link to a part of its page.
    static func menuItem(_ id: Int64, _ anchor: StaticString, _ label: String, into h: inout HTML) {
        h.raw("<li><a href=\"/documents/")
        h.int(id)
        h.raw(anchor)
        h.raw("\">")
        h.text(label)
        h.raw("</a></li>")
    }

    static func seesDownloads(_ c: RequestContext) -> Bool { c.may(.leadsAssign) || c.may(.usersManage) }

    /// What a document's page shows: its lead's header, the document, and its downloads for
    /// those who see them.
    struct Shown {
        var lead: LeadDetail
        var document: DocumentEntry
        var downloads: [DocumentDownload]?

        init(_ db: AppDatabase, _ d: DocumentEntry, context c: RequestContext) throws {
            guard let lead = try db.leadHeader(id: d.leadID, visibleTo: c.viewer) else { throw HTTPError.notFound }
            self.lead = lead
            document = d
            downloads = seesDownloads(c) ? try db.downloads(documentID: d.id, visibleTo: c.viewer) ?? [] : nil
        }
    }

    static func page(_ c: RequestContext, _ shown: Shown, draft: String, version: Int64, error: String?, conflict: String?, status: HTTPStatus) -> Response {
        let lead = shown.lead, d = shown.document, downloads = shown.downloads
        let t = c.t, f = c.format
        let csrf = c.user?.csrfToken ?? ""
        return .html(LeadPage.frame(lead, tab: .details, context: c) { h in
            h.raw("<p class=\"crumbs\"><a href=\"/leads/")
            h.int(d.leadID)
            h.raw("#documents\">← ")
            h.text(t("documents.back"))
            h.raw("</a></p><section class=\"card document-page\" aria-labelledby=\"document-h\"><h2 id=\"document-h\">")
            h.text(t("documents.page_title", ["title": d.title]))
            h.raw("</h2><dl class=\"document-facts\"><div><dt>")
            h.text(t("documents.original_name"))
            h.raw("</dt><dd>")
            h.text(d.originalName.isEmpty ? t("documents.unnamed") : d.originalName)
            h.raw("</dd></div><div><dt>")
            h.text(t("documents.type"))
            h.raw("</dt><dd>")
            h.text(kindLabel(d.mimeType, t: t))
            h.raw("</dd></div><div><dt>")
            h.text(t("documents.size"))
            h.raw("</dt><dd>")
            h.text(size(d.size, t: t))
            h.raw("</dd></div><div><dt>")
            h.text(t("documents.added"))
            h.raw("</dt><dd>")
            h.text(t("documents.added_by", ["date": f.dateTime(d.createdAt), "name": d.createdByName ?? "?"]))
            h.raw("</dd></div></dl><p><a class=\"button primary\" href=\"/documents/")
            h.int(d.id)
            h.raw("\" download>")
            h.text(t("documents.download"))
            h.raw("</a></p></section>")

            if c.may(.documentsUpload) {
                h.raw("<section class=\"card\" id=\"rename\" aria-labelledby=\"rename-h\"><h2 id=\"rename-h\">")
                h.text(t("documents.rename"))
                h.raw("</h2>")
                if let conflict {
                    h.raw("<p class=\"alert\" role=\"alert\">")
                    h.text(t("documents.conflict", ["title": conflict]))
                    h.raw("</p>")
                }
                h.raw("<form method=\"post\" action=\"/documents/")
                h.int(d.id)
                h.raw("/rename\" class=\"inline-form\">")
                h.csrf(csrf)
                h.field(FormField.version, value: String(version), errors: FieldErrors(), t: t)
                var errors = FieldErrors()
                if let error { errors.add(newTitle.name, error) }
                h.field(newTitle, value: draft, errors: errors, t: t)
                h.raw("<button type=\"submit\" class=\"primary\">")
                h.text(t("form.save"))
                h.raw("</button></form></section>")
            }
            if c.may(.documentsDelete) {
                h.raw("<section class=\"card\" id=\"delete\" aria-labelledby=\"delete-h\"><h2 id=\"delete-h\">")
                h.text(t("documents.delete"))
                h.raw("</h2><p>")
                h.text(t("documents.delete_explain"))
                h.raw("</p><form method=\"post\" action=\"/documents/")
                h.int(d.id)
                h.raw("/delete\">")
                h.csrf(csrf)
                h.raw("<button type=\"submit\" class=\"danger\">")
                h.text(t("documents.delete_button"))
                h.raw("</button></form></section>")
            }
            if let downloads {
                h.raw("<section class=\"card\" id=\"downloads\" aria-labelledby=\"downloads-h\"><h2 id=\"downloads-h\">")
                h.text(t("documents.downloads"))
                h.raw("</h2>")
                if downloads.isEmpty {
                    h.raw("<p class=\"muted\">")
                    h.text(t("documents.downloads_none"))
                    h.raw("</p>")
                } else {
                    h.raw("<table class=\"downloads\"><thead><tr><th scope=\"col\">")
                    h.text(t("documents.downloads_who"))
                    h.raw("</th><th scope=\"col\">")
                    h.text(t("documents.downloads_when"))
                    h.raw("</th></tr></thead><tbody>")
                    for x in downloads {
                        h.raw("<tr><td>")
                        h.text(x.userName)
                        h.raw("</td><td>")
                        h.text(f.dateTime(x.at))
                        h.raw("</td></tr>")
                    }
                    h.raw("</tbody></table>")
                }
                h.raw("</section>")
            }
        }, status: status)
    }

    /// `POST /documents/{id}/rename`: a new title, never a new file.
    static func rename(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        let user = try c.signedIn
        guard let d = try db.document(id: id, visibleTo: c.viewer) else { throw HTTPError.notFound }
        // `cleanTitle` is the domain's rule for what a title keeps (control characters go).
        let title = DocumentRules.cleanTitle(newTitle.text(c.form))
        let version = FormField.version.value(c.form) ?? -1
        if let problem = DocumentRules.checkTitle(title) {
            return page(c, try Shown(db, d, context: c), draft: title, version: version, error: problem.catalogKey, conflict: nil, status: .unprocessable)
        }
        do {
            try db.renameDocument(id: id, title: title, version: version, by: c.viewer, now: c.now)
        } catch StoreError.conflict {
            // Someone renamed it meanwhile: show their title, keep ours, offer the new version.
            return page(c, try Shown(db, d, context: c), draft: title, version: d.version, error: nil, conflict: d.title, status: .conflict)
        }
        return .redirect(to: "/leads/\(d.leadID)#documents")
    }

    /// `POST /documents/{id}/delete`: the row goes at once; the file when nothing refers to
    /// it any more (checked again under the store's lock, after the commit).
    static func delete(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        let user = try c.signedIn
        let deleted = try db.deleteDocument(id: id, by: c.viewer, now: c.now)
        if !deleted.fileStillReferenced {
            let store = c.configuration.documents.store
            do {
                try store.withLock {
                    if try !db.isFileReferenced(deleted.sha256) { try store.remove(deleted.sha256) }
                }
            } catch {
                // The row is gone; a file left behind is removed by the start-up sweep.
                c.logger.error("document file not removed", metadata: ["sha256": "\(deleted.sha256)", "error": "\(error)"])
            }
        }
        return .redirect(to: "/leads/\(deleted.leadID)#documents")
    }

    // MARK: - The box under Details

    static let paperclip: StaticString = "<svg class=\"icon\" viewBox=\"0 0 24 24\" width=\"20\" height=\"20\" aria-hidden=\"true\" focusable=\"false\"><path fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\" stroke-linecap=\"round\" stroke-linejoin=\"round\" d=\"M21.4 11.1l-9.2 9.2a6 6 0 0 1-8.5-8.5l9.2-9.2a4 4 0 0 1 5.7 5.7l-9.2 9.2a2 2 0 0 1-2.8-2.8l8.5-8.5\"/></svg>"

    /// The "Documenten" box: the list with a paperclip menu per document, and the upload
    /// form for users who may upload.
    static func box(_ data: LeadPageData, form: DocumentUploadForm, context c: RequestContext, into h: inout HTML) {
        let t = c.t, f = c.format
        let leadID = data.lead.id
        h.raw("<section class=\"card documents\" id=\"documents\" aria-labelledby=\"documents-h\"><h2 id=\"documents-h\">")
        h.text(t("documents.title"))
        h.raw("</h2>")
        if data.documents.isEmpty {
            h.raw("<p class=\"muted\">")
            h.text(t("documents.empty"))
            h.raw("</p>")
        } else {
            h.raw("<ul class=\"document-list\">")
            for d in data.documents {
                h.raw("<li class=\"document\"><span class=\"document-icon\">")
                h.raw(paperclip)
                h.raw("</span><div class=\"document-main\"><a class=\"document-title\" href=\"/documents/")
                h.int(d.id)
                h.raw("\" download>")
                h.text(d.title)
                h.raw("</a><p class=\"meta\">")
                h.text(t("documents.meta", ["name": d.originalName.isEmpty ? t("documents.unnamed") : d.originalName,
                                            "type": kindLabel(d.mimeType, t: t), "size": size(d.size, t: t),
                                            "date": f.dateTime(d.createdAt), "by": d.createdByName ?? "?"]))
                h.raw("</p></div><details class=\"paperclip\"><summary title=\"")
                h.attr(t("documents.menu", ["title": d.title]))
                h.raw("\">")
                h.raw(paperclip)
                h.raw("<span class=\"visually-hidden\">")
                h.text(t("documents.menu", ["title": d.title]))
                h.raw("</span></summary><ul class=\"menu\"><li><a href=\"/documents/")
                h.int(d.id)
                h.raw("\" download>")
                h.text(t("documents.download"))
                h.raw("</a></li>")
                if c.may(.documentsUpload) { menuItem(d.id, "/edit#rename", t("documents.rename"), into: &h) }
                if c.may(.documentsDelete) { menuItem(d.id, "/edit#delete", t("documents.delete"), into: &h) }
                if seesDownloads(c) { menuItem(d.id, "/edit#downloads", t("documents.downloads"), into: &h) }
                h.raw("</ul></details></li>")
            }
            h.raw("</ul>")
        }
        if c.may(.documentsUpload) { uploadForm(leadID: leadID, form: form, context: c, into: &h) }
        h.raw("</section>")
    }

    static func uploadForm(leadID: Int64, form: DocumentUploadForm, context c: RequestContext, into h: inout HTML) {
        let t = c.t
        let config = c.configuration.documents
        let accepted = DocumentTypePolicy.standardTypes.filter { config.policy.accepted.contains($0.mime) }
        let limit = size(Int64(config.maxUploadBytes), t: t)
        h.raw("<form method=\"post\" action=\"/leads/")
        h.int(leadID)
        h.raw("/documents\" enctype=\"multipart/form-data\" class=\"upload-form\" data-upload data-uploading=\"")
        h.attr(t("documents.uploading"))
        h.raw("\" data-checking=\"")
        h.attr(t("documents.checking"))
        h.raw("\" data-failed=\"")
        h.attr(t("documents.failed"))
        h.raw("\" data-saved=\"")
        h.attr(t("documents.saved"))
        h.raw("\" data-max-bytes=\"")
        h.int(config.maxUploadBytes)
        h.raw("\" data-too-large=\"")
        h.attr(t("documents.too_large.text", ["limit": limit]))
        h.raw("\"><h3>")
        h.text(t("documents.upload"))
        h.raw("</h3>")
        // The token comes first: the responder checks it before it writes anything.
        h.csrf(c.user?.csrfToken ?? "")
        if !form.problems.isEmpty {
            h.raw("<div class=\"alert\" role=\"alert\"><p>")
            h.text(t("documents.nothing_saved"))
            h.raw("</p><ul>")
            for p in form.problems {
                h.raw("<li>")
                var text = t(p.key)
                for (k, v) in p.values { text = text.replacingOccurrences(of: "{" + k + "}", with: v) }
                h.text(text)
                h.raw("</li>")
            }
            h.raw("</ul></div>")
        }
        h.field(DocumentsPage.title, value: form.title, errors: form.errors, t: t)
        h.raw("<div class=\"field dropzone\" data-dropzone><label for=\"f-files\">")
        h.text(t("documents.field.files"))
        h.raw(" <span class=\"req\" aria-hidden=\"true\">*</span></label><input id=\"f-files\" name=\"files\" type=\"file\" multiple required accept=\"")
        h.attr(accepted.flatMap { $0.extensions.map { "." + $0 } }.joined(separator: ","))
        h.raw("\" aria-describedby=\"upload-hint\"><p class=\"hint\" id=\"upload-hint\">")
        h.text(t("documents.hint", ["limit": limit, "types": accepted.map { t("documents.kind." + $0.extensions[0]) }.joined(separator: ", ")]))
        h.raw("</p><p class=\"hint drop-hint\" hidden>")
        h.text(t("documents.drop"))
        h.raw("</p></div><div class=\"upload-progress\" hidden><progress max=\"100\" value=\"0\" aria-label=\"")
        h.attr(t("documents.progress"))
        h.raw("\"></progress></div><p class=\"upload-status\" role=\"status\" aria-live=\"polite\"></p><button type=\"submit\" class=\"primary\">")
        h.text(t("documents.submit"))
        h.raw("</button></form>")
    }

    // MARK: - Words for sizes and kinds

    /// `812 B`, `14 kB`, `1,2 MB` (binary units, Belgian decimal comma).
    static func size(_ bytes: Int64, t: Translator) -> String {
        if bytes < 1024 { return t("documents.size.b", ["n": String(bytes)]) }
        let units: [(String, Double)] = [("documents.size.gb", 1_073_741_824), ("documents.size.mb", 1_048_576), ("documents.size.kb", 1024)]
        let (key, unit) = units.first { Double(bytes) >= $0.1 } ?? units[2]
        let value = Double(bytes) / unit
        let text: String
        if value < 10 {
            let tenths = Int((value * 10).rounded())
            text = tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10),\(tenths % 10)"
        } else {
            text = String(Int(value.rounded()))
        }
        return t(key, ["n": text])
    }

    /// "PDF", "Word", "JPEG-foto"… for a detected type; the type itself when it has no name.
    static func kindLabel(_ mime: String, t: Translator) -> String {
        guard let ext = DocumentTypePolicy.standardTypes.first(where: { $0.mime == mime })?.extensions.first else { return mime }
        return t("documents.kind." + ext)
    }
}
