import Documents
import Showroom
import Store
import Web

/// `/settings/company` (`settings.manage`): the dealer's company details that quotes, order
/// forms and mail footers print (art. 2:20 WVV, KB 5/4/2019), and the logo.
///
/// The logo is a separate multipart form (`POST /settings/company/logo`): its body is small
/// (≤ 1 MB of image, under nginx's normal 1 MiB body limit), so it goes through nginx's
/// ordinary location, which buffers the whole body before the responder reads it.
enum CompanyPage {
    /// Each field of the profile, declared once: its form name is the rule's field name, its
    /// label `company.field.<name>`, its limit the rule's.
    static let fields: [CompanyField: FormField<String>] = Dictionary(uniqueKeysWithValues: CompanyField.allCases.map { f in
        (f, declare(f))
    })

    static func declare(_ f: CompanyField) -> FormField<String> {
        let label = FormField<String>.Label.key("company.field." + f.rawValue)
        let max = CompanyRules.maxLength(f)
        let required: Bool = [.name, .legalForm, .street, .postalCode, .city, .country, .enterpriseNumber, .rprCourt, .email,
                              .depositBasisPoints, .deliveryDays, .quoteValidityDays, .discountApprovalBasisPoints].contains(f)
        switch f {
        case .email: return .text(f.rawValue, label, type: "email", autocomplete: "email", required: required, maxLength: max)
        case .phone: return .text(f.rawValue, label, type: "tel", autocomplete: "tel", required: required, maxLength: max)
        case .legalWarrantyNL, .legalWarrantyFR, .legalWarrantyEN, .commercialWarrantyNL, .commercialWarrantyFR, .commercialWarrantyEN:
            return .textarea(f.rawValue, label, rows: 3, maxLength: max)
        default: return .text(f.rawValue, label, required: required, maxLength: max)
        }
    }

    /// The groups of the form, in order, with their heading keys.
    static let groups: [(String, [CompanyField])] = [
        ("company.group.identity", [.name, .tradeName, .legalForm, .enterpriseNumber, .rprCourt]),
        ("company.group.address", [.street, .postalCode, .city, .country]),
        ("company.group.contact", [.phone, .email, .website, .iban, .bic]),
        ("company.group.sales", [.depositBasisPoints, .deliveryDays, .quoteValidityDays, .discountApprovalBasisPoints]),
        ("company.group.warranty", [.legalWarrantyNL, .legalWarrantyFR, .legalWarrantyEN, .commercialWarrantyNL, .commercialWarrantyFR, .commercialWarrantyEN]),
    ]

    static let logoField = "logo"

    // MARK: - Showing

    static func show(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let p = try db.companyProfile()
        let notice: String? = switch c.request.query["done"] {
        case "saved": "admin.done.saved"
        case "logo": "company.logo.saved"
        case "logo_removed": "company.logo.removed"
        default: nil
        }
        return .html(render(c, State(profile: p, texts: texts(of: p), notice: notice)))
    }

    /// What the page shows: the stored profile (its version and logo), the texts in the form
    /// (the stored ones, or what the user typed), errors, and after a conflict what is stored now.
    struct State {
        var profile: CompanyProfile
        var texts: [CompanyField: String]
        var errors = FieldErrors()
        var conflict: [(CompanyField, mine: String, theirs: String)]? = nil
        var notice: String? = nil
    }

    /// The profile's values as the form shows them (enterprise number with dots, IBAN in
    /// groups of four, percentages with a comma).
    static func texts(of p: CompanyProfile) -> [CompanyField: String] {
        [.name: p.name, .tradeName: p.tradeName, .legalForm: p.legalForm, .street: p.street, .postalCode: p.postalCode, .city: p.city,
         .country: p.country, .enterpriseNumber: CompanyRules.formatEnterpriseNumber(p.enterpriseNumber), .rprCourt: p.rprCourt,
         .iban: CompanyRules.groupIBAN(p.iban), .bic: p.bic, .phone: p.phone, .email: p.email, .website: p.website,
         .depositBasisPoints: CompanyRules.formatPercent(p.depositBasisPoints), .deliveryDays: String(p.deliveryDays),
         .quoteValidityDays: String(p.quoteValidityDays), .discountApprovalBasisPoints: CompanyRules.formatPercent(p.discountApprovalBasisPoints),
         .legalWarrantyNL: p.legalWarranty.nl, .legalWarrantyFR: p.legalWarranty.fr, .legalWarrantyEN: p.legalWarranty.en,
         .commercialWarrantyNL: p.commercialWarranty.nl, .commercialWarrantyFR: p.commercialWarranty.fr, .commercialWarrantyEN: p.commercialWarranty.en]
    }

    static func render(_ c: RequestContext, _ s: State) -> [UInt8] {
        let t = c.t
        let csrf = c.user?.csrfToken ?? ""
        return Layout.page(title: t("company.title"), context: c, section: .settings) { h in
            h.raw("<p class=\"crumbs\"><a href=\"/settings\">← ")
            h.text(t("settings.title"))
            h.raw("</a></p><h1>")
            h.text(t("company.title"))
            h.raw("</h1><p class=\"hint\">")
            h.text(t("company.intro"))
            h.raw("</p>")
            if let notice = s.notice {
                h.raw("<p class=\"notice\" role=\"status\">")
                h.text(t(notice))
                h.raw("</p>")
            }
            if let conflict = s.conflict {
                h.raw("<div class=\"alert\" role=\"alert\"><p>")
                h.text(t("company.conflict"))
                h.raw("</p><dl class=\"diff\">")
                for (field, mine, theirs) in conflict {
                    h.raw("<div><dt>")
                    h.text(t("company.field." + field.rawValue))
                    h.raw("</dt><dd>")
                    h.text(t("conflict.theirs"))
                    h.raw(": <strong>")
                    h.text(theirs.isEmpty ? "—" : theirs)
                    h.raw("</strong> · ")
                    h.text(t("conflict.yours"))
                    h.raw(": ")
                    h.text(mine.isEmpty ? "—" : mine)
                    h.raw("</dd></div>")
                }
                h.raw("</dl></div>")
            }
            h.raw("<form method=\"post\" action=\"/settings/company\" class=\"card\">")
            h.csrf(csrf)
            h.hidden(FormField.version.name, String(s.profile.version))
            for (heading, members) in groups {
                h.raw("<fieldset class=\"grid-form\"><legend>")
                h.text(t(heading))
                h.raw("</legend>")
                for f in members {
                    h.field(fields[f]!, value: s.texts[f] ?? "", errors: s.errors, t: t)
                }
                h.raw("</fieldset>")
            }
            h.raw("<div class=\"form-actions\"><button type=\"submit\" class=\"primary\">")
            h.text(t("form.save"))
            h.raw("</button></div></form>")

            // The logo: its own multipart form, the CSRF token first.
            h.raw("<section class=\"card\" aria-labelledby=\"logo-h\"><h2 id=\"logo-h\">")
            h.text(t("company.logo.title"))
            h.raw("</h2>")
            if let type = s.profile.logoMimeType, let bytes = s.profile.logo {
                h.raw("<p><img class=\"company-logo\" src=\"/settings/company/logo\" alt=\"")
                h.attr(t("company.logo.alt", ["name": s.profile.name]))
                h.raw("\"></p><p class=\"hint\">")
                h.text(t("company.logo.current", ["type": type == "image/png" ? "PNG" : "JPEG", "size": DocumentsPage.size(Int64(bytes.count), t: t)]))
                h.raw("</p>")
            } else {
                h.raw("<p class=\"empty\">")
                h.text(t("company.logo.none"))
                h.raw("</p>")
            }
            h.raw("<form method=\"post\" action=\"/settings/company/logo\" enctype=\"multipart/form-data\">")
            h.csrf(csrf)
            let error = s.errors[logoField]
            h.raw("<div class=\"field")
            if error != nil { h.raw(" has-error") }
            h.raw("\"><label for=\"f-logo\">")
            h.text(t("company.logo.file"))
            h.raw(" <span class=\"req\" aria-hidden=\"true\">*</span></label><input id=\"f-logo\" name=\"logo\" type=\"file\" required accept=\".png,.jpg,.jpeg,image/png,image/jpeg\" aria-describedby=\"logo-hint")
            if error != nil { h.raw(" e-logo\" aria-invalid=\"true") }
            h.raw("\"><p class=\"hint\" id=\"logo-hint\">")
            h.text(t("company.logo.hint"))
            h.raw("</p>")
            h.fieldError(logoField, error, t: t)
            h.raw("</div><div class=\"form-actions\"><button type=\"submit\">")
            h.text(t("company.logo.upload"))
            h.raw("</button></div></form>")
            if s.profile.logo != nil {
                h.raw("<form method=\"post\" action=\"/settings/company/logo/delete\">")
                h.csrf(csrf)
                h.raw("<button type=\"submit\" class=\"small\">")
                h.text(t("company.logo.remove"))
                h.raw("</button></form>")
            }
            h.raw("</section>")
        }
    }

    // MARK: - Saving the details

    /// Reads the form into a profile; the texts as typed come back with the errors.
    static func parse(_ form: FormFields, into base: CompanyProfile) -> (CompanyProfile, [CompanyField: String], FieldErrors) {
        var errors = FieldErrors()
        var texts: [CompanyField: String] = [:]
        for f in CompanyField.allCases { texts[f] = fields[f]!.readText(form, errors: &errors) }
        var p = base
        func text(_ f: CompanyField) -> String { texts[f] ?? "" }
        func fail(_ f: CompanyField, _ v: RuleViolation) { errors.add(f.rawValue, v.catalogKey) }
        p.name = text(.name); p.tradeName = text(.tradeName); p.legalForm = text(.legalForm); p.street = text(.street)
        p.postalCode = text(.postalCode); p.city = text(.city); p.country = text(.country); p.rprCourt = text(.rprCourt)
        p.phone = text(.phone); p.email = text(.email); p.website = text(.website)
        p.bic = String(text(.bic).uppercased().filter { $0 != " " })
        p.enterpriseNumber = ""
        if !text(.enterpriseNumber).isEmpty {
            if let n = CompanyRules.normalizeEnterpriseNumber(text(.enterpriseNumber)) { p.enterpriseNumber = n } else { fail(.enterpriseNumber, .companyEnterpriseNumberInvalid) }
        }
        p.iban = ""
        if !text(.iban).isEmpty {
            if let n = CompanyRules.normalizeIBAN(text(.iban)) { p.iban = n } else { fail(.iban, .companyIBANInvalid) }
        }
        for (f, range, violation) in [(CompanyField.depositBasisPoints, CompanyRules.depositRange, RuleViolation.companyDepositRange),
                                      (.discountApprovalBasisPoints, CompanyRules.discountApprovalRange, .companyPercentRange)] {
            guard !text(f).isEmpty else { continue }
            guard let bp = CompanyRules.parsePercent(text(f)), range.contains(bp) else { fail(f, violation); continue }
            if f == .depositBasisPoints { p.depositBasisPoints = bp } else { p.discountApprovalBasisPoints = bp }
        }
        for f in [CompanyField.deliveryDays, .quoteValidityDays] {
            guard !text(f).isEmpty else { continue }
            guard let n = Int(text(f)), CompanyRules.dayRange.contains(n) else { fail(f, .companyDaysRange); continue }
            if f == .deliveryDays { p.deliveryDays = n } else { p.quoteValidityDays = n }
        }
        p.legalWarranty = LocalizedName(nl: text(.legalWarrantyNL), fr: text(.legalWarrantyFR), en: text(.legalWarrantyEN))
        p.commercialWarranty = LocalizedName(nl: text(.commercialWarrantyNL), fr: text(.commercialWarrantyFR), en: text(.commercialWarrantyEN))
        // The domain's rules (shape of e-mail, phone, website, BIC…) for what passed the form.
        for (f, v) in CompanyRules.check(p) where errors[f.rawValue] == nil && !(v == .required && !text(f).isEmpty) {
            fail(f, v)
        }
        return (p, texts, errors)
    }

    /// `POST /settings/company`
    static func save(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let current = try db.companyProfile()
        let (input, texts, errors) = parse(c.form, into: current)
        let version = FormField.version.value(c.form) ?? -1
        var shown = current
        shown.version = version
        guard errors.isEmpty else {
            return .html(render(c, State(profile: shown, texts: texts, errors: errors)), status: .unprocessable)
        }
        do {
            try db.saveCompanyProfile(input, version: version, actor: try c.signedIn.id, now: c.now)
        } catch StoreError.conflict {
            // What the other person saved beside what this user typed; nothing is overwritten.
            let theirs = Self.texts(of: current)
            let diff = CompanyField.allCases.compactMap { f -> (CompanyField, mine: String, theirs: String)? in
                let mine = Self.texts(of: input)[f] ?? ""
                return mine == theirs[f] ? nil : (f, mine, theirs[f] ?? "")
            }
            return .html(render(c, State(profile: current, texts: texts, conflict: diff)), status: .conflict)
        }
        return .redirect(to: "/settings/company?done=saved")
    }

    // MARK: - The logo

    /// `POST /settings/company/logo` (multipart, read here): the CSRF token must come first;
    /// the image is kept in memory (≤ 1 MB), typed by libmagic from its content (never the
    /// name or the browser's type), and stored only when it is a PNG or a JPEG.
    static func uploadLogo(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let user = try c.signedIn
        var reader = LogoReader(context: c)
        var problem: RuleViolation?
        do {
            try c.request.readMultipart(maxBodyBytes: logoBodyLimit,
                                        limits: MultipartLimits(maxHeaderBytes: 8 * 1024, maxParts: 4, maxFieldBytes: 4 * 1024), into: &reader)
        } catch let e as HTTPError where e.status == .payloadTooLarge {
            guard reader.csrfChecked else { throw e }
            problem = .companyLogoTooLarge
        }
        guard reader.csrfChecked else { throw HTTPError(.forbidden, reason: .forged) }
        let type = reader.bytes.isEmpty ? nil : TypeDetector().mimeType(of: reader.bytes)
        problem = problem ?? (reader.tooLarge ? .companyLogoTooLarge : CompanyRules.checkLogo(detectedType: type, size: reader.bytes.count))
        if let problem {
            var errors = FieldErrors()
            errors.add(logoField, problem.catalogKey)
            let p = try db.companyProfile()
            return .html(render(c, State(profile: p, texts: texts(of: p), errors: errors)),
                         status: problem == .companyLogoTooLarge ? .payloadTooLarge : .unprocessable)
        }
        let hasher = ContentHasher()
        reader.bytes.withUnsafeBytes { hasher.update($0) }
        try db.setCompanyLogo(bytes: reader.bytes, mimeType: type!, sha256: hasher.finish(), actor: user.id, now: c.now)
        return .redirect(to: "/settings/company?done=logo")
    }

    /// The most a logo upload's body may weigh: nginx's normal limit (1 MiB), which leaves
    /// room for the form around a 1 MB image.
    static let logoBodyLimit = 1024 * 1024

    /// Collects the logo upload: the token first, then the one file, in memory.
    struct LogoReader: MultipartFormHandler {
        let context: RequestContext
        var csrfChecked = false
        var bytes: [UInt8] = []
        var tooLarge = false
        private var inLogo = false
        private var seenLogo = false

        init(context: RequestContext) { self.context = context }

        mutating func field(name: String, value: String) throws { try requireToken(name, value) }

        mutating func beginFile(_ head: MultipartPartHead) throws {
            try requireToken(head.name, nil)
            inLogo = head.name == CompanyPage.logoField && !seenLogo
            seenLogo = seenLogo || inLogo
        }

        mutating func fileData(_ chunk: UnsafeRawBufferPointer) throws {
            guard inLogo, !tooLarge else { return }
            if bytes.count + chunk.count > CompanyRules.logoMaxBytes { tooLarge = true; bytes = []; return }
            bytes.append(contentsOf: chunk)
        }

        mutating func endFile() throws { inLogo = false }

        private mutating func requireToken(_ name: String, _ value: String?) throws {
            if csrfChecked { return }
            guard name == "_csrf", let value else { throw HTTPError(.forbidden, reason: .forged) }
            try context.checkCSRF(value)
            csrfChecked = true
        }
    }

    /// `GET /_errors/logo-too-large`: the page nginx shows (through `error_page 413`) when a
    /// logo upload's body is over its 1 MiB limit before the responder sees it.
    static func logoTooLarge(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        DocumentsPage.refusedUpload(c, status: .payloadTooLarge, title: c.t("company.logo.too_large"), text: c.t("company.error.logo_size"),
                                    back: c.user == nil ? nil : "/settings/company")
    }

    /// `POST /settings/company/logo/delete`
    static func removeLogo(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        try db.removeCompanyLogo(actor: try c.signedIn.id, now: c.now)
        return .redirect(to: "/settings/company?done=logo_removed")
    }

    /// `GET /settings/company/logo` (any signed-in user: it is printed on their documents).
    /// Served with the type libmagic found at upload, never sniffed, revalidated by its hash.
    static func logo(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        guard let logo = try db.companyLogo() else { throw HTTPError.notFound }
        let etag = "\"" + logo.sha256 + "\""
        let headers: [(String, String)] = [("Content-Type", logo.mimeType), ("Cache-Control", "private, no-cache"), ("ETag", etag)] + SecurityHeaders.file
        if c.request.header("if-none-match")?.split(separator: ",").contains(where: { String($0).trimmingWhitespace() == etag }) == true {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .bytes(c.request.method == .head ? [] : logo.bytes))
    }
}
