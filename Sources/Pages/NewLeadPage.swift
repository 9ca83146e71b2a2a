import Showroom
import Store
import Web

/// `/leads/new`: find the contact first (or create one, warned about likely duplicates),
/// then the lead's type, source, branch and responsible.
enum NewLeadPage {
    struct LeadInput {
        var typeID: Int64?
        var sourceID: Int64?
        var branchID: Int64?
        var responsibleID: Int64?
    }

    /// The contact search (a GET form; the contacts tab of a lead has the same one).
    static let query = FormField.text("q", .key("newlead.search_label"), type: "search", maxLength: 100)
    /// An existing contact chosen instead of a new one.
    static let contactID = FormField<Int64>("contact_id", label: .none, control: .hidden, maxLength: 20, convert: RecordID.parse)
    static let confirmNew = FormField<Bool>.choice("confirm_new", .key("newlead.create_anyway")) { $0 == "1" }
    static let type = FormField<Int64>.choice("type", .key("lead.type"))
    static let source = FormField<Int64>.choice("source", .key("lead.source"))
    static let branch = FormField<Int64>.choice("branch", .key("lead.branch"))
    static let responsible = FormField<Int64>.choice("responsible", .key("lead.responsible"))

    struct Options {
        let types: [LookupItem]
        let sources: [LookupItem]
        let branches: [BranchRecord]
        let assignees: [Assignee]

        init(_ db: AppDatabase, user: SignedInUser) throws {
            types = try db.lookup(.types, activeOnly: true)
            sources = try db.lookup(.sources, activeOnly: true)
            let all = try db.branches().filter(\.active)
            branches = user.rights.scope(of: .leadsView) == .all ? all : all.filter { user.branches.contains($0.id) }
            assignees = try db.assignees(branch: nil)
        }
    }

    static func show(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let user = try c.signedIn
        let query = self.query.text(c.request.query)
        let matches = query.isEmpty ? [] : try db.searchContacts(query, visibleTo: c.viewer)
        if c.request.query["fragment"] == "1" {
            var h = HTML(capacity: 2048)
            results(matches, query: query, context: c, into: &h)
            return .html(h.bytes)
        }
        var chosen: (Int64, ContactInput)? = nil
        if let raw = c.request.query["contact"], !raw.isEmpty {
            guard let id = RecordID.parse(raw), let (contact, _) = try db.contactRecord(id: id, visibleTo: c.viewer) else { throw HTTPError.notFound }
            chosen = (id, contact)
        }
        let options = try Options(db, user: user)
        var lead = LeadInput()
        lead.branchID = options.branches.first?.id
        lead.responsibleID = user.id
        return .html(render(c, options: options, query: query, matches: matches, chosen: chosen, contact: ContactInput(), contactErrors: FieldErrors(),
                            lead: lead, leadErrors: FieldErrors(), duplicates: nil))
    }

    static func results(_ matches: [ContactMatch], query: String, context c: RequestContext, into h: inout HTML) {
        let t = c.t
        h.raw("<div id=\"contact-results\" aria-live=\"polite\">")
        if !query.isEmpty {
            if matches.isEmpty {
                h.raw("<p class=\"muted\">")
                h.text(t("newlead.no_match"))
                h.raw("</p>")
            } else {
                h.raw("<ul class=\"matches\">")
                for m in matches { match(m, context: c, into: &h) }
                h.raw("</ul>")
            }
        }
        h.raw("</div>")
    }

    static func match(_ m: ContactMatch, context c: RequestContext, into h: inout HTML) {
        h.raw("<li><span><strong>")
        h.text(m.name)
        h.raw("</strong> <span class=\"muted\">")
        h.text([m.email, m.phone, m.city, m.vatNumber].filter { !$0.isEmpty }.joined(separator: " · "))
        h.raw("</span></span><a class=\"button small\" href=\"/leads/new?contact=")
        h.int(m.id)
        h.raw("\">")
        h.text(c.t("newlead.choose"))
        h.raw("</a></li>")
    }

    static func render(_ c: RequestContext, options: Options, query: String, matches: [ContactMatch], chosen: (Int64, ContactInput)?,
                       contact: ContactInput, contactErrors: FieldErrors, lead: LeadInput, leadErrors: FieldErrors,
                       duplicates: (visible: [ContactMatch], hidden: Int)?) -> [UInt8] {
        let t = c.t
        let lang = c.language.rawValue
        return Layout.page(title: t("newlead.title"), context: c, section: .leads) { h in
            h.raw("<h1>")
            h.text(t("newlead.title"))
            h.raw("</h1>")
            if chosen == nil {
                h.raw("<section class=\"card\" aria-labelledby=\"search-h\"><h2 id=\"search-h\">")
                h.text(t("newlead.search"))
                h.raw("</h2><form method=\"get\" action=\"/leads/new\" class=\"inline-form\" role=\"search\" data-live-search=\"contact-results\">")
                h.field(Self.query, value: query, errors: FieldErrors(), t: t)
                h.raw("<button type=\"submit\">")
                h.text(t("newlead.search_button"))
                h.raw("</button></form>")
                results(matches, query: query, context: c, into: &h)
                h.raw("</section>")
            }
            h.raw("<form method=\"post\" action=\"/leads/new\" class=\"card\">")
            h.csrf(c.user?.csrfToken ?? "")
            if let (id, contact) = chosen {
                h.field(contactID, value: String(id), errors: FieldErrors(), t: t)
                h.raw("<h2>")
                h.text(t("newlead.contact"))
                h.raw("</h2><p class=\"chosen\"><strong>")
                h.text(ContactCard.displayName(kind: contact.kind, firstName: contact.firstName, lastName: contact.lastName, companyName: contact.companyName))
                h.raw("</strong> ")
                h.text([contact.email, contact.phone, contact.city].filter { !$0.isEmpty }.joined(separator: " · "))
                h.raw(" <a href=\"/leads/new\">")
                h.text(t("newlead.other_contact"))
                h.raw("</a></p>")
            } else {
                h.raw("<h2>")
                h.text(t("newlead.new_contact"))
                h.raw("</h2>")
                if let duplicates, !duplicates.visible.isEmpty || duplicates.hidden > 0 {
                    h.raw("<div class=\"alert\" role=\"alert\"><p>")
                    h.text(t("newlead.duplicates"))
                    h.raw("</p><ul class=\"matches\">")
                    for m in duplicates.visible { match(m, context: c, into: &h) }
                    h.raw("</ul>")
                    if duplicates.hidden > 0 {
                        h.raw("<p>")
                        h.text(t("newlead.duplicates_hidden", ["n": String(duplicates.hidden)]))
                        h.raw("</p>")
                    }
                    h.raw("<label><input type=\"checkbox\" name=\"")
                    h.attr(confirmNew.name)
                    h.raw("\" value=\"1\"> ")
                    h.text(confirmNew.labelText(t) ?? "")
                    h.raw("</label></div>")
                }
                h.raw("<div class=\"grid-form\">")
                ContactForm.fields(contact, errors: contactErrors, t: t, into: &h)
                h.raw("</div>")
            }
            h.raw("<h2>")
            h.text(t("newlead.lead"))
            h.raw("</h2><div class=\"grid-form\">")
            h.select(type, options: options.types.map { (String($0.id), $0.name.in(lang)) }, selected: lead.typeID.map(String.init), errors: leadErrors, t: t)
            h.select(source, options: options.sources.map { (String($0.id), $0.name.in(lang)) }, selected: lead.sourceID.map(String.init), errors: leadErrors, t: t)
            h.select(branch, options: options.branches.map { (String($0.id), $0.name(in: lang)) }, selected: lead.branchID.map(String.init), errors: leadErrors, t: t)
            h.select(responsible, options: options.assignees.map { (String($0.id), $0.name) }, selected: lead.responsibleID.map(String.init), errors: leadErrors, t: t)
            h.raw("</div><div class=\"form-actions\"><button type=\"submit\" class=\"primary\">")
            h.text(t("newlead.create"))
            h.raw("</button><a class=\"button\" href=\"/leads\">")
            h.text(t("form.cancel"))
            h.raw("</a></div></form>")
        }
    }

    static func create(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let user = try c.signedIn
        let options = try Options(db, user: user)
        var lead = LeadInput()
        var leadErrors = FieldErrors()
        func pick(_ field: FormField<Int64>, _ ids: [Int64]) -> Int64? {
            // Absent, blank or not one of the offered records: the same "choose one of these".
            guard let id = field.value(c.form), ids.contains(id) else { leadErrors.add(field.name, "form.invalid_choice"); return nil }
            return id
        }
        lead.typeID = pick(type, options.types.map(\.id))
        lead.sourceID = pick(source, options.sources.map(\.id))
        lead.branchID = pick(branch, options.branches.map(\.id))
        lead.responsibleID = pick(responsible, options.assignees.map(\.id))
        if let r = lead.responsibleID, let b = lead.branchID, let a = options.assignees.first(where: { $0.id == r }), !a.branches.contains(b) {
            leadErrors.add(responsible.name, "assign.not_in_branch")
        }

        var chosen: (Int64, ContactInput)? = nil
        var contactInput = ContactInput()
        var contactErrors = FieldErrors()
        var duplicates: (visible: [ContactMatch], hidden: Int)? = nil
        if contactID.isPresent(c.form) {
            guard let id = contactID.value(c.form), let (contact, _) = try db.contactRecord(id: id, visibleTo: c.viewer) else { throw HTTPError.notFound }
            chosen = (id, contact)
        } else {
            (contactInput, contactErrors) = ContactForm.parse(c.form)
            if contactErrors.isEmpty && confirmNew.value(c.form) != true {
                let found = try db.likelyDuplicates(of: contactInput, visibleTo: c.viewer)
                if !found.visible.isEmpty || found.hidden > 0 { duplicates = found }
            }
        }
        guard leadErrors.isEmpty, contactErrors.isEmpty, duplicates == nil,
              let typeID = lead.typeID, let sourceID = lead.sourceID, let branchID = lead.branchID, let responsibleID = lead.responsibleID else {
            return .html(render(c, options: options, query: "", matches: [], chosen: chosen, contact: contactInput, contactErrors: contactErrors,
                                lead: lead, leadErrors: leadErrors, duplicates: duplicates), status: .unprocessable)
        }
        do {
            let id = try db.createLead(NewLead(typeID: typeID, sourceID: sourceID, branchID: branchID, responsibleID: responsibleID),
                                       contact: chosen.map { .existing($0.0) } ?? .new(contactInput), by: c.viewer, now: c.now)
            return .redirect(to: "/leads/\(id)")
        } catch StoreError.invalid(let key) {
            leadErrors.add(responsible.name, key)
            return .html(render(c, options: options, query: "", matches: [], chosen: chosen, contact: contactInput, contactErrors: contactErrors,
                                lead: lead, leadErrors: leadErrors, duplicates: nil), status: .unprocessable)
        }
    }
}
