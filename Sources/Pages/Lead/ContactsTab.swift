import Showroom
import Store
import Web

/// The Contacts tab: every contact linked to the lead, and linking a further one.
extension LeadPage {
    /// What the Contacts tab shows: the lead's header, its contacts, and the contacts found by
    /// the link form's search (`?q=`).
    struct Contacts {
        var lead: LeadDetail
        var contacts: [ContactCard]
        var query: String
        var matches: [ContactMatch]

        /// Loads it; a lead that does not exist or is not visible is a 404.
        init(_ db: AppDatabase, leadID: Int64, context c: RequestContext) throws {
            guard let lead = try db.leadHeader(id: leadID, visibleTo: c.viewer),
                  let contacts = try db.contacts(leadID: leadID, visibleTo: c.viewer) else { throw HTTPError.notFound }
            self.lead = lead
            self.contacts = contacts
            query = NewLeadPage.query.text(c.request.query)
            matches = query.isEmpty ? [] : try db.searchContacts(query, visibleTo: c.viewer)
        }
    }

    static func contacts(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        contactsPage(c, try Contacts(db, leadID: try c.parameters.id("id"), context: c), draft: nil, errors: FieldErrors(), status: .ok)
    }

    static func contactsPage(_ c: RequestContext, _ data: Contacts, draft: ContactInput?, errors: FieldErrors, status: HTTPStatus) -> Response {
        let leadID = data.lead.id
        return .html(frame(data.lead, tab: .contacts, context: c) { h in
            contactsTab(data.contacts, leadID: leadID, context: c, into: &h)
            if c.may(.contactsEdit) { linkForm(leadID: leadID, query: data.query, matches: data.matches, draft: draft ?? ContactInput(), errors: errors, context: c, into: &h) }
        }, status: status)
    }

    static let contactRoles = ["co-buyer", "contact-person"]
    /// How a further contact stands to the lead; anything else is taken as a co-buyer.
    static let contactRole = FormField<String>.choice("role", .key("contacts.role")) { contactRoles.contains($0) ? $0 : nil }

    /// Links a further contact: an existing one found by search, or a new one.
    static func linkContact(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let leadID = try c.parameters.id("id")
        let role = contactRole.value(c.form) ?? "co-buyer"
        let choice: ContactChoice
        if NewLeadPage.contactID.isPresent(c.form) {
            guard let id = NewLeadPage.contactID.value(c.form) else { throw HTTPError.notFound }
            choice = .existing(id)
        } else {
            let (input, errors) = ContactForm.parse(c.form, prefix: "new_")
            guard errors.isEmpty else { return contactsPage(c, try Contacts(db, leadID: leadID, context: c), draft: input, errors: errors, status: .unprocessable) }
            choice = .new(input)
        }
        do {
            try db.linkContact(leadID: leadID, contact: choice, role: role, by: c.viewer, now: c.now)
        } catch StoreError.invalid(let key) {
            var errors = FieldErrors()
            errors.add("link", key)
            return contactsPage(c, try Contacts(db, leadID: leadID, context: c), draft: nil, errors: errors, status: .unprocessable)
        }
        return .redirect(to: "/leads/\(leadID)/contacts")
    }

    static func linkForm(leadID: Int64, query: String, matches: [ContactMatch], draft: ContactInput, errors: FieldErrors, context c: RequestContext, into h: inout HTML) {
        let t = c.t
        let csrf = c.user?.csrfToken ?? ""
        h.raw("<section class=\"card\" aria-labelledby=\"link-h\"><h2 id=\"link-h\">")
        h.text(t("contacts.link"))
        h.raw("</h2>")
        if let e = errors["link"] {
            h.raw("<p class=\"alert\" role=\"alert\">")
            h.text(t(e))
            h.raw("</p>")
        }
        h.raw("<form method=\"get\" action=\"/leads/")
        h.int(leadID)
        h.raw("/contacts\" class=\"inline-form\" role=\"search\">")
        h.field(NewLeadPage.query, value: query, errors: FieldErrors(), t: t)
        h.raw("<button type=\"submit\">")
        h.text(t("newlead.search_button"))
        h.raw("</button></form>")
        if !matches.isEmpty {
            h.raw("<ul class=\"matches\">")
            for m in matches {
                h.raw("<li><span><strong>")
                h.text(m.name)
                h.raw("</strong> <span class=\"muted\">")
                h.text([m.email, m.phone, m.city].filter { !$0.isEmpty }.joined(separator: " · "))
                h.raw("</span></span><form method=\"post\" action=\"/leads/")
                h.int(leadID)
                h.raw("/contacts\" class=\"inline\">")
                h.csrf(csrf)
                h.hidden(NewLeadPage.contactID.name, String(m.id))
                h.select(contactRole.name, label: nil, options: contactRoles.map { ($0, t("contacts.role." + $0)) }, selected: "co-buyer", t: t, id: "role-\(m.id)")
                h.raw("<label class=\"visually-hidden\" for=\"role-")
                h.int(m.id)
                h.raw("\">")
                h.text(t("contacts.role"))
                h.raw("</label><button type=\"submit\" class=\"small\">")
                h.text(t("newlead.choose"))
                h.raw("</button></form></li>")
            }
            h.raw("</ul>")
        }
        h.raw("<details")
        if !errors.isEmpty && errors["link"] == nil { h.raw(" open") }
        h.raw("><summary>")
        h.text(t("contacts.link_new"))
        h.raw("</summary><form method=\"post\" action=\"/leads/")
        h.int(leadID)
        h.raw("/contacts\"><div class=\"grid-form\">")
        h.csrf(csrf)
        h.select(contactRole, options: contactRoles.map { ($0, t("contacts.role." + $0)) }, selected: "co-buyer", errors: FieldErrors(), t: t)
        ContactForm.fields(draft, errors: errors, t: t, prefix: "new_", into: &h)
        h.raw("</div><div class=\"form-actions\"><button type=\"submit\" class=\"primary\">")
        h.text(t("contacts.link"))
        h.raw("</button></div></form></details></section>")
    }
    // MARK: - Contacts

    static func contactsTab(_ contacts: [ContactCard], leadID: Int64, context c: RequestContext, into h: inout HTML) {
        let t = c.t
        h.raw("<h2 class=\"visually-hidden\">")
        h.text(t("contacts.title"))
        h.raw("</h2><div class=\"contact-grid\">")
        for contact in contacts {
            h.raw("<section class=\"card contact\"><p class=\"role\">")
            h.text(t("contacts.role." + contact.role))
            h.raw(" · ")
            h.text(t("contacts.kind." + contact.kind.rawValue))
            h.raw("</p><h3>")
            h.text(contact.displayName)
            h.raw("</h3><dl>")
            func row(_ key: String, _ value: String, into h: inout HTML) {
                guard !value.isEmpty else { return }
                h.raw("<div><dt>")
                h.text(t(key))
                h.raw("</dt><dd>")
                h.text(value)
                h.raw("</dd></div>")
            }
            row("contacts.email", contact.email, into: &h)
            row("contacts.phone", contact.phone, into: &h)
            let address = [contact.street, [contact.postalCode, contact.city].filter { !$0.isEmpty }.joined(separator: " "), contact.country]
                .filter { !$0.isEmpty }.joined(separator: ", ")
            row("contacts.address", address, into: &h)
            row("contacts.vat", contact.vatNumber, into: &h)
            row("contacts.language", Language(rawValue: contact.language)?.nativeName ?? contact.language, into: &h)
            h.raw("</dl><p><a class=\"button small\" href=\"/contacts/")
            h.int(contact.id)
            h.raw("?lead=")
            h.int(leadID)
            h.raw("\">")
            h.text(c.may(.contactsEdit) ? t("contacts.edit") : t("contacts.open"))
            h.raw("</a></p></section>")
        }
        h.raw("</div>")
    }
}
