import Showroom
import Store
import Web

/// `/contacts/{id}`: a contact's details (editable with `contacts.edit`) and their leads.
/// (Linking a further contact to a lead is the lead's Contacts tab: `Lead/ContactsTab.swift`.)
enum ContactsPage {
    static func show(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        guard let (contact, version) = try db.contactRecord(id: id, visibleTo: c.viewer) else { throw HTTPError.notFound }
        return .html(render(c, id: id, contact: contact, leads: try db.leads(ofContact: id, visibleTo: c.viewer), version: version, errors: FieldErrors(),
                            conflict: nil, saved: c.request.query["done"] == "saved"))
    }

    /// The contact's page; `leads` are the visible leads of the contact.
    static func render(_ c: RequestContext, id: Int64, contact: ContactInput, leads: [LeadOverviewRow], version: Int64, errors: FieldErrors,
                       conflict: ContactInput?, saved: Bool) -> [UInt8] {
        let t = c.t, f = c.format
        let name = ContactCard.displayName(kind: contact.kind, firstName: contact.firstName, lastName: contact.lastName, companyName: contact.companyName)
        let back = c.request.query["lead"].flatMap(RecordID.parse) ?? LeadFields.lead.value(c.form)
        return Layout.page(title: name, context: c, section: .contacts) { h in
            if let back {
                h.raw("<p class=\"crumbs\"><a href=\"/leads/")
                h.int(back)
                h.raw("/contacts\">← ")
                h.text(t("lead.back"))
                h.raw("</a></p>")
            }
            h.raw("<h1>")
            h.text(name)
            h.raw("</h1>")
            if saved {
                h.raw("<p class=\"notice\" role=\"status\">")
                h.text(t("admin.done.saved"))
                h.raw("</p>")
            }
            if let conflict {
                h.raw("<div class=\"alert\" role=\"alert\"><p>")
                h.text(t("conflict.contact"))
                h.raw("</p><dl class=\"diff\">")
                for (key, mine, theirs) in differences(contact, conflict) {
                    h.raw("<div><dt>")
                    h.text(t(key))
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
            if c.may(.contactsEdit) {
                h.raw("<form method=\"post\" action=\"/contacts/")
                h.int(id)
                h.raw("\" class=\"card\">")
                h.csrf(c.user?.csrfToken ?? "")
                h.hidden(FormField.version.name, String(version))
                if let back { h.hidden(LeadFields.lead.name, String(back)) }
                h.raw("<div class=\"grid-form\">")
                ContactForm.fields(contact, errors: errors, t: t, into: &h)
                h.raw("</div><div class=\"form-actions\"><button type=\"submit\" class=\"primary\">")
                h.text(t("form.save"))
                h.raw("</button></div></form>")
            } else {
                h.raw("<section class=\"card\"><p>")
                h.text([contact.email, contact.phone, contact.street, contact.postalCode + " " + contact.city].filter { !$0.trimmingWhitespace().isEmpty }.joined(separator: " · "))
                h.raw("</p></section>")
            }
            h.raw("<section class=\"card\"><h2>")
            h.text(t("contact.leads"))
            h.raw("</h2><ul class=\"contact-leads\">")
            for lead in leads {
                h.raw("<li><a class=\"code\" href=\"/leads/")
                h.int(lead.id)
                h.raw("\">")
                h.text(lead.code)
                h.raw("</a> <span class=\"badge badge-")
                h.attr(lead.status.colourName)
                h.raw("\">")
                h.text(t(lead.status.labelKey))
                h.raw("</span> ")
                h.text(lead.type.in(c.language.rawValue) + " · " + lead.responsibleName + " · " + f.date(lead.createdAt))
                h.raw("</li>")
            }
            h.raw("</ul></section>")
        }
    }

    static func differences(_ mine: ContactInput, _ theirs: ContactInput) -> [(String, String, String)] {
        let pairs: [(String, String, String)] = [
            ("contact.first_name", mine.firstName, theirs.firstName), ("contact.last_name", mine.lastName, theirs.lastName),
            ("contact.company_name", mine.companyName, theirs.companyName), ("contacts.email", mine.email, theirs.email),
            ("contacts.phone", mine.phone, theirs.phone), ("contact.street", mine.street, theirs.street),
            ("contact.postal_code", mine.postalCode, theirs.postalCode), ("contact.city", mine.city, theirs.city),
            ("contact.country", mine.country, theirs.country), ("contacts.vat", mine.vatNumber, theirs.vatNumber),
            ("contacts.language", mine.language, theirs.language),
        ]
        return pairs.filter { $0.1 != $0.2 }
    }

    static func update(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        guard let (current, currentVersion) = try db.contactRecord(id: id, visibleTo: c.viewer) else { throw HTTPError.notFound }
        let (input, errors) = ContactForm.parse(c.form)
        let version = FormField.version.value(c.form) ?? -1
        guard errors.isEmpty else {
            let leads = try db.leads(ofContact: id, visibleTo: c.viewer)
            return .html(render(c, id: id, contact: input, leads: leads, version: version, errors: errors, conflict: nil, saved: false), status: .unprocessable)
        }
        do {
            try db.updateContact(id: id, input, version: version, by: c.viewer, now: c.now)
        } catch StoreError.conflict {
            // Show what the other person saved beside what this user typed; nothing is overwritten.
            let leads = try db.leads(ofContact: id, visibleTo: c.viewer)
            return .html(render(c, id: id, contact: input, leads: leads, version: currentVersion, errors: FieldErrors(), conflict: current, saved: false), status: .conflict)
        }
        if let lead = LeadFields.lead.value(c.form) { return .redirect(to: "/leads/\(lead)/contacts") }
        return .redirect(to: "/contacts/\(id)?done=saved")
    }
}
