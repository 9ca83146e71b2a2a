import Documents
import Foundation
import Mail
import Showroom
import Store
import Web

/// E-mail from the lead (issue 12): `/leads/{id}/mail` (the *Communicatie* button: compose,
/// `mail.send`), its POST (the mail and its timeline entry go to the outbox in one transaction;
/// the sender thread delivers), `/mails/{id}` (state, recipients, attachments, retry, cancel),
/// `/mails/{id}/source` and `/mails/{id}/message.eml` (the exact message). A mail whose lead
/// the user may not see is not found (404).
enum MailPage {
    /// Everything the compose form offers for one lead.
    struct Compose {
        var lead: LeadDetail
        /// The lead's contacts' addresses with their names, the main contact first.
        var recipients: [(address: String, name: String)]
        var quotes: [QuoteSummary]
        var documents: [DocumentEntry]
        var templates: [MailTemplate]
        /// The customer's language: templates, PDFs and the footer are written in it.
        var language: Language
        var mayAnyRecipient: Bool
        var maxBytes: Int64
        var configured: Bool
        var footer: String
        var salesperson: String
        var companyName: String
    }

    static func load(_ c: RequestContext, _ db: AppDatabase, leadID: Int64) throws -> (Compose, MailSettings) {
        guard let lead = try db.leadHeader(id: leadID, visibleTo: c.viewer),
              let contacts = try db.contacts(leadID: leadID, visibleTo: c.viewer) else { throw HTTPError.notFound }
        var recipients: [(String, String)] = []
        for contact in contacts {
            if let a = MailAddress(contact.email), !recipients.contains(where: { $0.0 == a.address }) { recipients.append((a.address, contact.displayName)) }
        }
        let settings = try db.mailSettings()
        let company = try db.companyProfile(withLogo: false)
        let language = Language(rawValue: lead.contact.language) ?? .nl
        let compose = Compose(lead: lead, recipients: recipients, quotes: try db.quotes(leadID: leadID, visibleTo: c.viewer) ?? [],
                              documents: try db.documents(leadID: leadID, visibleTo: c.viewer) ?? [], templates: try db.mailTemplates(),
                              language: language, mayAnyRecipient: c.may(.mailAnyRecipient), maxBytes: settings.maxAttachmentBytes,
                              configured: !settings.host.isEmpty && MailAddress(settings.senderAddress) != nil,
                              footer: footer(company, language: language), salesperson: c.user?.displayName ?? "",
                              companyName: company.tradeName.isEmpty ? company.name : company.tradeName)
        return (compose, settings)
    }

    /// The company mentions under every mail (art. 2:20 WVV), in the customer's language.
    static func footer(_ p: CompanyProfile, language: Language) -> String {
        let t = Translator(language)
        var lines: [String] = []
        let name = [p.name, p.legalForm].filter { !$0.isEmpty }.joined(separator: " ")
        lines.append([name, p.tradeName.isEmpty ? "" : "(" + p.tradeName + ")"].filter { !$0.isEmpty }.joined(separator: " "))
        lines.append([p.street, [p.postalCode, p.city].filter { !$0.isEmpty }.joined(separator: " "), p.country].filter { !$0.isEmpty }.joined(separator: ", "))
        if !p.enterpriseNumber.isEmpty {
            let number = CompanyRules.formatEnterpriseNumber(p.enterpriseNumber)
            var s = t("mail.footer.enterprise") + " " + number + " · " + t("mail.footer.vat") + " BE " + number
            if !p.rprCourt.isEmpty { s += " · " + t("mail.footer.rpr") + " " + p.rprCourt }
            lines.append(s)
        }
        lines.append([p.phone, p.email, p.website].filter { !$0.isEmpty }.joined(separator: " · "))
        return lines.filter { !$0.trimmingWhitespace().isEmpty }.joined(separator: "\n")
    }

    /// A template filled in with the lead's fields (and the quote's, when one is chosen), the
    /// attachments it names ticked; the main contact ticked as recipient.
    static func prefill(_ m: Compose, templateID: Int64?, quoteID: Int64?, format f: Format) -> (MailForm.Draft, [MailTemplateField]) {
        var d = MailForm.Draft()
        d.quoteID = quoteID ?? m.quotes.first?.id
        let quote = m.quotes.first { $0.id == d.quoteID }
        if quote == nil { d.quoteID = nil }
        d.to = m.recipients.first.map { [$0.address] } ?? []
        let template = templateID.flatMap { id in m.templates.first { $0.id == id } } ?? (templateID == 0 ? nil : m.templates.first {
            quote == nil ? $0.attach == .none : $0.attach != .none
        })
        guard let template else { return (d, []) }
        d.templateID = template.id
        var values: [MailTemplateField: String] = [.contact: m.lead.contact.displayName, .salesperson: m.salesperson,
                                                   .company: m.companyName, .leadCode: m.lead.code]
        if let quote {
            values[.car] = quote.vehicleDescription
            values[.quoteNumber] = quote.number
            values[.quoteTotal] = f.money(cents: quote.totalInclCents)
            values[.validUntil] = f.date(quote.validUntil)
        }
        let lang = m.language.rawValue
        let subject = MailTemplateFiller.fill(template.subject.in(lang), values)
        let body = MailTemplateFiller.fill(template.body.in(lang), values)
        d.subject = subject.text
        d.body = body.text
        d.overview = quote != nil && template.attach.overview
        d.orderForm = quote?.orderNumber != nil && template.attach.orderForm
        var unfilled = subject.unfilled
        for field in body.unfilled where !unfilled.contains(field) { unfilled.append(field) }
        return (d, unfilled)
    }

    // MARK: - Compose

    /// `GET /leads/{id}/mail[?template=…&quote=…]`
    static func compose(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let leadID = try c.parameters.id("id")
        let (m, _) = try load(c, db, leadID: leadID)
        let templateID = MailForm.template.value(c.request.query)
        let quoteID = MailForm.quote.value(c.request.query)
        let (draft, unfilled) = prefill(m, templateID: templateID, quoteID: quoteID, format: Format(Translator(m.language)))
        return render(c, m, draft, errors: FieldErrors(), unfilled: unfilled, status: .ok)
    }

    /// `POST /leads/{id}/mail`: refused with the form again (input kept, each error beside its
    /// field), or queued with its timeline entry in one transaction; the sender is woken.
    static func send(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let leadID = try c.parameters.id("id")
        let (m, settings) = try load(c, db, leadID: leadID)
        var (d, errors) = MailForm.parse(c.form)
        // Recipients: the lead's contacts' addresses; free ones only with mail.any_recipient.
        var addresses: [MailAddress] = []
        for raw in d.to {
            if let a = MailAddress(raw), m.recipients.contains(where: { $0.address == a.address }) { if !addresses.contains(a) { addresses.append(a) } }
            else { errors.add(MailForm.to.name, "mail.to_not_contact") }
        }
        var extraError: String?
        if !d.extra.isEmpty {
            if !m.mayAnyRecipient {
                errors.add(MailForm.extra.name, "mail.extra_not_allowed")
            } else {
                let (list, invalid) = MailAddress.list(d.extra)
                if let bad = invalid.first { extraError = bad; errors.add(MailForm.extra.name, "mail.address_invalid_plain") }
                for a in list where !addresses.contains(a) { addresses.append(a) }
            }
        }
        if addresses.isEmpty && errors[MailForm.to.name] == nil && errors[MailForm.extra.name] == nil { errors.add(MailForm.to.name, "mail.to_required") }

        // Attachments: a quote of this lead, its printouts, the lead's documents; the total under the limit.
        var attachments: [MailAttachment] = []
        var quote: QuoteView?
        if let id = d.quoteID {
            if let q = try db.quote(id: id, visibleTo: c.viewer), q.leadID == leadID { quote = q } else { errors.add(MailForm.quote.name, "mail.quote_other_lead") }
        }
        if (d.overview || d.orderForm) && d.quoteID == nil { errors.add(MailForm.quote.name, "mail.quote_required") }
        if d.orderForm, let q = quote, q.order == nil { errors.add(attachmentsField, "mail.no_order_form") }
        var documents: [DocumentEntry] = []
        for id in d.documentIDs {
            if let doc = m.documents.first(where: { $0.id == id }) { if !documents.contains(doc) { documents.append(doc) } }
            else { errors.add(attachmentsField, "form.invalid_choice") }
        }
        var total: Int64 = documents.reduce(0) { $0 + $1.size }
        if errors.isEmpty, let q = quote {
            if d.overview {
                let (model, language, shown) = try QuotePrintouts.load(c, db, id: q.id, revision: nil, orderForm: false)
                let bytes = try QuoteOverviewPrintout.render(model, language: language)
                attachments.append(MailAttachment(fileName: QuotePrintouts.overviewFileName(shown), contentType: "application/pdf", bytes: bytes))
            }
            if d.orderForm, let order = q.order {
                let (model, language, _) = try QuotePrintouts.load(c, db, id: q.id, revision: nil, orderForm: true)
                let bytes = try OrderFormPrintout.render(model, language: language)
                attachments.append(MailAttachment(fileName: order.number + ".pdf", contentType: "application/pdf", bytes: bytes))
            }
            total += attachments.reduce(0) { $0 + Int64($1.bytes.count) }
        }
        if total > m.maxBytes { errors.add(attachmentsField, "mail.too_large") }
        if errors.isEmpty {
            for doc in documents {
                let path = try c.configuration.documents.store.path(of: doc.sha256)
                guard let data = FileManager.default.contents(atPath: path) else {
                    c.logger.error("mail: a document's file is missing", metadata: ["document": "\(doc.id)", "path": "\(path)"])
                    throw HTTPError(.internalServerError)
                }
                attachments.append(MailAttachment(fileName: DocumentTypePolicy.downloadName(original: doc.originalName, fallback: doc.title, mime: doc.mimeType),
                                                  contentType: doc.mimeType, bytes: [UInt8](data)))
            }
        }
        guard m.configured, let sender = MailAddress(settings.senderAddress) else {
            return render(c, m, d, errors: errors, unfilled: [], status: .unprocessable, extraError: extraError, alert: "mail.not_configured", attachmentBytes: total)
        }
        if errors.isEmpty {
            let names = Dictionary(m.recipients.map { ($0.address, $0.name) }, uniquingKeysWith: { a, _ in a })
            let message = MailMessage(from: Mailbox(sender, name: settings.senderName), to: addresses.map { Mailbox($0, name: names[$0.address] ?? "") },
                                      subject: d.subject, body: d.body + "\n\n-- \n" + m.footer, attachments: attachments, dateEpochSeconds: c.now.seconds)
            do {
                let bytes = try message.rendered()
                let id = try db.queueMail(NewMail(leadID: leadID, quoteID: quote?.id, sender: sender.address, recipients: addresses.map(\.address),
                                                  subject: d.subject, attachmentNames: attachments.map(\.fileName), messageID: message.messageID, message: bytes),
                                          by: c.viewer, now: c.now)
                c.configuration.outbox?.notify()
                return .redirect(to: "/mails/\(id)?done=queued")
            } catch MailMessageError.controlCharacterInHeader {
                errors.add(MailForm.to.name, "mail.line_break")
            }
        }
        return render(c, m, d, errors: errors, unfilled: [], status: .unprocessable, extraError: extraError, attachmentBytes: total)
    }

    /// The error key of the attachments group.
    static let attachmentsField = "attachments"

    static func render(_ c: RequestContext, _ m: Compose, _ d: MailForm.Draft, errors: FieldErrors, unfilled: [MailTemplateField], status: HTTPStatus,
                       extraError: String? = nil, alert: String? = nil, attachmentBytes: Int64 = 0) -> Response {
        let t = c.t
        let lead = m.lead
        return .html(LeadPage.frame(lead, tab: .details, context: c) { h in
            h.raw("<section class=\"card mail-compose\" aria-labelledby=\"mail-h\"><p class=\"crumbs\"><a href=\"/leads/")
            h.int(lead.id)
            h.raw("\">← ")
            h.text(t("mail.back"))
            h.raw("</a></p><h2 id=\"mail-h\">")
            h.text(t("mail.compose"))
            h.raw("</h2>")
            if let alert {
                h.raw("<p class=\"alert\" role=\"alert\">")
                h.text(t(alert))
                h.raw("</p>")
            } else if !m.configured {
                h.raw("<p class=\"alert\" role=\"alert\">")
                h.text(t("mail.not_configured"))
                h.raw("</p>")
            }
            if !errors.isEmpty {
                h.raw("<p class=\"alert\" role=\"alert\">")
                h.text(t("mail.form_errors"))
                h.raw("</p>")
            }
            if !unfilled.isEmpty {
                h.raw("<p class=\"notice\" role=\"status\">")
                h.text(t("mail.unfilled", ["fields": unfilled.map { t("mail.field." + $0.rawValue) }.joined(separator: ", ")]))
                h.raw("</p>")
            }
            if m.quotes.isEmpty {
                h.raw("<p class=\"hint\">")
                h.text(t("mail.no_quote_yet"))
                h.raw("</p>")
            }
            // Choosing a template (and quote) fills the form again: a GET, so it works without JavaScript.
            h.raw("<form method=\"get\" action=\"/leads/")
            h.int(lead.id)
            h.raw("/mail\" class=\"inline-form mail-template\">")
            h.select(MailForm.template, options: [("0", t("mail.template_none"))] + m.templates.map { (String($0.id), $0.name) },
                     selected: String(d.templateID ?? 0), errors: FieldErrors(), t: t, id: "f-template-apply")
            h.select(MailForm.quote, options: [("", t("mail.quote_none"))] + m.quotes.map { (String($0.id), $0.number + " · " + $0.vehicleDescription) },
                     selected: d.quoteID.map(String.init) ?? "", errors: FieldErrors(), t: t, id: "f-quote-apply")
            h.raw("<button type=\"submit\">")
            h.text(t("mail.apply_template"))
            h.raw("</button></form><p class=\"hint\">")
            h.text(t("mail.apply_hint", ["language": m.language.nativeName]))
            h.raw("</p>")

            h.raw("<form method=\"post\" action=\"/leads/")
            h.int(lead.id)
            h.raw("/mail\" class=\"mail-form\">")
            h.csrf(c.user?.csrfToken ?? "")
            if let id = d.templateID { h.hidden(MailForm.template.name, String(id)) }
            // Recipients.
            h.raw("<fieldset class=\"field")
            if errors[MailForm.to.name] != nil { h.raw(" has-error") }
            h.raw("\"><legend>")
            h.text(t("mail.to"))
            h.raw("</legend>")
            if m.recipients.isEmpty {
                h.raw("<p class=\"muted\">")
                h.text(t("mail.no_contact_address"))
                h.raw("</p>")
            } else {
                h.raw("<p class=\"hint\">")
                h.text(t("mail.to_hint"))
                h.raw("</p>")
            }
            for (i, r) in m.recipients.enumerated() {
                checkbox(MailForm.to.name, value: r.address, label: r.name + " <" + r.address + ">", checked: d.to.contains(r.address), id: "f-to-\(i)", into: &h)
            }
            h.fieldError(MailForm.to.name, errors[MailForm.to.name], t: t)
            h.raw("</fieldset>")
            if m.mayAnyRecipient {
                h.field(MailForm.extra, value: d.extra, errors: errors, t: t)
                if let extraError {
                    h.raw("<p class=\"error\">")
                    h.text(t("mail.address_invalid", ["address": extraError]))
                    h.raw("</p>")
                }
            } else if errors[MailForm.extra.name] != nil {
                // A free address sent without mail.any_recipient (the field is not offered): said all the same.
                h.fieldError(MailForm.extra.name, errors[MailForm.extra.name], t: t)
            }
            // A one-line field cannot hold a line break (HTML forbids it in `value`): shown with a blank in its place.
            h.field(MailForm.subject, value: String(d.subject.unicodeScalars.map { $0.value < 32 || $0.value == 127 ? " " : Character($0) }),
                    errors: errors, t: t)
            h.field(MailForm.body, value: d.body, errors: errors, t: t)
            h.raw("<p class=\"hint\">")
            h.text(t("mail.footer_hint"))
            h.raw("</p><pre class=\"mail-footer\">")
            h.text(m.footer)
            h.raw("</pre>")
            // Attachments.
            h.raw("<fieldset class=\"field")
            if errors[attachmentsField] != nil || errors[MailForm.quote.name] != nil { h.raw(" has-error") }
            h.raw("\"><legend>")
            h.text(t("mail.attachments"))
            h.raw("</legend>")
            if !m.quotes.isEmpty {
                h.select(MailForm.quote, options: [("", t("mail.quote_none"))] + m.quotes.map { (String($0.id), $0.number + " · " + $0.vehicleDescription) },
                         selected: d.quoteID.map(String.init) ?? "", errors: errors, t: t)
                checkbox(MailForm.overview.name, value: "1", label: t("mail.attach_overview"), checked: d.overview, id: "f-overview", into: &h)
                let hasOrder = m.quotes.contains { $0.orderNumber != nil }
                checkbox(MailForm.orderForm.name, value: "1", label: t(hasOrder ? "mail.attach_order_form" : "mail.attach_order_form_none"),
                         checked: d.orderForm, id: "f-order-form", into: &h)
            } else {
                h.fieldError(MailForm.quote.name, errors[MailForm.quote.name], t: t)
            }
            for doc in m.documents {
                checkbox(MailForm.document.name, value: String(doc.id), label: doc.title + " (" + DocumentsPage.size(doc.size, t: t) + ")",
                         checked: d.documentIDs.contains(doc.id), id: "f-document-\(doc.id)", into: &h)
            }
            h.raw("<p class=\"hint\">")
            h.text(t("mail.limit", ["size": DocumentsPage.size(m.maxBytes, t: t)]))
            h.raw("</p>")
            if let e = errors[attachmentsField] {
                h.raw("<p class=\"error\" id=\"e-attachments\">")
                h.text(e == "mail.too_large" ? t(e, ["size": DocumentsPage.size(attachmentBytes, t: t), "max": DocumentsPage.size(m.maxBytes, t: t)]) : t(e))
                h.raw("</p>")
            }
            h.raw("</fieldset><div class=\"form-actions\"><button type=\"submit\" class=\"primary\">")
            h.text(t("mail.send"))
            h.raw("</button></div></form></section>")
        }, status: status)
    }

    static func checkbox(_ name: String, value: String, label: String, checked: Bool, id: String, into h: inout HTML) {
        h.raw("<div class=\"check\"><input type=\"checkbox\" id=\"")
        h.attr(id)
        h.raw("\" name=\"")
        h.attr(name)
        h.raw("\" value=\"")
        h.attr(value)
        h.raw("\"")
        if checked { h.raw(" checked") }
        h.raw("><label for=\"")
        h.attr(id)
        h.raw("\">")
        h.text(label)
        h.raw("</label></div>")
    }

    // MARK: - A mail's page

    static func loadMail(_ c: RequestContext, _ db: AppDatabase) throws -> (MailSummary, LeadDetail) {
        let id = try c.parameters.id("id")
        guard let mail = try db.mail(id: id, visibleTo: c.viewer), let lead = try db.leadHeader(id: mail.leadID, visibleTo: c.viewer) else { throw HTTPError.notFound }
        return (mail, lead)
    }

    /// `GET /mails/{id}`
    static func show(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let (mail, lead) = try loadMail(c, db)
        let notices = ["queued": "mail.queued_notice", "retried": "mail.retried", "cancelled": "mail.cancelled_notice"]
        return page(c, mail, lead: lead, notice: c.request.query["done"].flatMap { notices[$0] }, alert: nil, status: .ok)
    }

    static func badge(_ state: MailState, t: Translator, into h: inout HTML) {
        h.raw("<span class=\"badge mail-state ")
        switch state {
        case .queued: h.raw("badge-reserved")
        case .sending: h.raw("badge-in-progress")
        case .sent: h.raw("badge-won")
        case .failed: h.raw("badge-lost")
        case .cancelled: h.raw("badge-sold")
        }
        h.raw("\" data-state=\"")
        h.attr(state.rawValue)
        h.raw("\">")
        h.text(t("mail.state." + state.rawValue))
        h.raw("</span>")
    }

    static func page(_ c: RequestContext, _ mail: MailSummary, lead: LeadDetail, notice: String?, alert: String?, status: HTTPStatus) -> Response {
        let t = c.t, f = c.format
        return .html(LeadPage.frame(lead, tab: .details, context: c) { h in
            h.raw("<section class=\"card\" aria-labelledby=\"mail-h\"><p class=\"crumbs\"><a href=\"/leads/")
            h.int(lead.id)
            h.raw("\">← ")
            h.text(t("mail.back"))
            h.raw("</a></p><div class=\"card-head\"><h2 id=\"mail-h\">")
            h.text(mail.subject)
            h.raw("</h2>")
            badge(mail.state, t: t, into: &h)
            h.raw("</div>")
            h.outcome(notice: notice, alert: alert, t: t)
            func row(_ key: String, _ value: String) { h.fact(t(key), value) }
            h.raw("<dl class=\"vehicle-facts mail-facts\">")
            row("mail.state", t("mail.state." + mail.state.rawValue))
            row("mail.recipients", mail.recipients.joined(separator: ", "))
            row("mail.attachments", mail.attachments.isEmpty ? t("mail.none") : mail.attachments.joined(separator: ", "))
            row("mail.created", f.dateTime(mail.createdAt))
            row("mail.by", mail.createdByName ?? "")
            if let sent = mail.sentAt { row("mail.sent_at", f.dateTime(sent)) }
            row("mail.attempts", String(mail.attempts))
            if mail.state == .queued && mail.attempts > 0 { row("mail.next_attempt", f.dateTime(mail.nextAttemptAt)) }
            if !mail.lastReply.isEmpty { row("mail.reply", mail.lastReply) }
            row("mail.size", DocumentsPage.size(mail.size, t: t))
            h.raw("</dl><p class=\"form-actions\"><a class=\"button\" href=\"/mails/")
            h.int(mail.id)
            h.raw("/source\">")
            h.text(t("mail.view_source"))
            h.raw("</a> <a class=\"button\" href=\"/mails/")
            h.int(mail.id)
            h.raw("/message.eml\" download>")
            h.text(t("mail.download_eml"))
            h.raw("</a></p>")
            if c.may(.mailSend) && (mail.state.mayRetry || mail.state.mayCancel) {
                h.raw("<div class=\"form-actions\">")
                for (action, key) in [("retry", "mail.retry"), ("cancel", "mail.cancel")] {
                    h.raw("<form method=\"post\" action=\"/mails/")
                    h.int(mail.id)
                    h.raw("/")
                    h.attr(action)
                    h.raw("\" class=\"inline-form\">")
                    h.csrf(c.user?.csrfToken ?? "")
                    h.raw("<button type=\"submit\"")
                    if action == "retry" { h.raw(" class=\"primary\"") }
                    h.raw(">")
                    h.text(t(key))
                    h.raw("</button></form>")
                }
                h.raw("</div>")
            }
            h.raw("</section>")
        }, status: status)
    }

    /// `GET /mails/{id}/source`: the exact message as text, in the browser.
    static func source(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        guard let (_, bytes) = try db.mailMessage(id: id, visibleTo: c.viewer) else { throw HTTPError.notFound }
        return Response(status: .ok, headers: [("Content-Type", "text/plain; charset=utf-8"), ("Cache-Control", "private, no-store")], body: .bytes(bytes))
    }

    /// `GET /mails/{id}/message.eml`: the exact message as a file (RFC 5322, `message/rfc822`).
    static func eml(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        guard let (mail, bytes) = try db.mailMessage(id: id, visibleTo: c.viewer) else { throw HTTPError.notFound }
        return Response(status: .ok, headers: [("Content-Type", "message/rfc822"),
                                               ("Content-Disposition", "attachment; filename=\"mail-\(mail.id).eml\""),
                                               ("Cache-Control", "private, no-store")], body: .bytes(bytes))
    }

    /// `POST /mails/{id}/retry`
    static func retry(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        try step(c, db, done: "retried") { try db.retryMail(id: $0, by: c.viewer, now: c.now) }
    }

    /// `POST /mails/{id}/cancel`
    static func cancel(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        try step(c, db, done: "cancelled") { try db.cancelMail(id: $0, by: c.viewer, now: c.now) }
    }

    static func step(_ c: RequestContext, _ db: AppDatabase, done: String, _ action: (Int64) throws -> Void) throws -> Response {
        let (mail, lead) = try loadMail(c, db)
        do {
            try action(mail.id)
        } catch StoreError.invalid(let v) {
            let (now, _) = try loadMail(c, db)
            return page(c, now, lead: lead, notice: nil, alert: v.catalogKey, status: .conflict)
        } catch StoreError.conflict {
            let (now, _) = try loadMail(c, db)
            return page(c, now, lead: lead, notice: nil, alert: "mail.not_retryable", status: .conflict)
        }
        c.configuration.outbox?.notify()
        return .redirect(to: "/mails/\(mail.id)?done=\(done)")
    }
}
