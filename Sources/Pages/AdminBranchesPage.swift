import Showroom
import Store
import Web

/// `/admin/branches`: create, rename and (de)activate branches. A branch is never deleted:
/// leads and users refer to it.
enum AdminBranchesPage {
    /// `name` is the Dutch name (required, unique); the French and English ones may stay
    /// empty, and then the Dutch one is shown.
    struct Input { var name = "", nameFR = "", nameEN = "", city = "", active = true }

    static let name = FormField.text("name", .key("admin.branch.name_nl"), required: true, maxLength: 100)
    static let nameFR = FormField.text("name_fr", .key("admin.branch.name_fr"), maxLength: 100)
    static let nameEN = FormField.text("name_en", .key("admin.branch.name_en"), maxLength: 100)
    static let city = FormField.text("city", .key("admin.branch.city"), maxLength: 100)
    static let active = FormField<Bool>.choice("active", .key("admin.user.state")) { $0 == "1" }

    static func parse(_ form: FormFields) -> (Input, FieldErrors) {
        var input = Input()
        var errors = FieldErrors()
        input.name = name.readText(form, errors: &errors)
        input.nameFR = nameFR.readText(form, errors: &errors)
        input.nameEN = nameEN.readText(form, errors: &errors)
        input.city = city.readText(form, errors: &errors)
        input.active = active.value(form) ?? false
        return (input, errors)
    }

    static func names(_ input: Input) -> LocalizedName { LocalizedName(nl: input.name, fr: input.nameFR, en: input.nameEN) }

    /// The three name fields; `branch` makes their ids unique when one page has a form per branch.
    static func nameFields(_ input: Input, errors: FieldErrors, t: Translator, branch: Int64? = nil, into h: inout HTML) {
        let suffix = branch.map { "-\($0)" } ?? ""
        for (field, value) in [(name, input.name), (nameFR, input.nameFR), (nameEN, input.nameEN)] {
            h.field(field, value: value, errors: errors, t: t, id: "f-" + field.name + suffix)
        }
    }

    static func show(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        .html(render(c, branches: try db.branches(), newInput: Input(), newErrors: FieldErrors(), editing: nil))
    }

    static func render(_ c: RequestContext, branches: [BranchRecord], newInput: Input, newErrors: FieldErrors, editing: (Int64, Input, FieldErrors)?) -> [UInt8] {
        let t = c.t
        let csrf = c.user?.csrfToken ?? ""
        return Layout.page(title: t("admin.branches.title"), context: c, section: .branches) { h in
            h.raw("<h1>")
            h.text(t("admin.branches.title"))
            h.raw("</h1><div class=\"branch-list\">")
            for b in branches {
                let (input, errors) = editing.flatMap { $0.0 == b.id ? ($0.1, $0.2) : nil } ?? (Input(name: b.names.nl, nameFR: b.names.fr, nameEN: b.names.en, city: b.city, active: b.active), FieldErrors())
                h.raw("<form method=\"post\" action=\"/admin/branches/")
                h.int(b.id)
                h.raw("\" class=\"card inline-form\">")
                h.csrf(csrf)
                nameFields(input, errors: errors, t: t, branch: b.id, into: &h)
                h.field(city, value: input.city, errors: errors, t: t, id: "f-city-\(b.id)")
                h.select(active, options: [("1", t("admin.user.active")), ("0", t("admin.user.inactive"))],
                         selected: input.active ? "1" : "0", errors: FieldErrors(), t: t, id: "active-\(b.id)")
                h.raw("<button type=\"submit\">")
                h.text(t("form.save"))
                h.raw("</button></form>")
            }
            h.raw("</div><section class=\"card\"><h2>")
            h.text(t("admin.branches.new"))
            h.raw("</h2><form method=\"post\" action=\"/admin/branches\" class=\"inline-form\">")
            h.csrf(csrf)
            h.hidden(active.name, "1")
            nameFields(newInput, errors: newErrors, t: t, into: &h)
            h.field(city, value: newInput.city, errors: newErrors, t: t)
            h.raw("<button type=\"submit\" class=\"primary\">")
            h.text(t("admin.branches.create"))
            h.raw("</button></form></section>")
        }
    }

    static func create(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        var (input, errors) = parse(c.form)
        if errors.isEmpty {
            do {
                _ = try db.createBranch(names: names(input), city: input.city, actor: try c.signedIn.id, now: c.now)
                return .redirect(to: "/admin/branches")
            } catch StoreError.duplicate {
                errors.add(name.name, "admin.branch.name_taken")
            }
        }
        input.active = true
        return .html(render(c, branches: try db.branches(), newInput: input, newErrors: errors, editing: nil), status: .unprocessable)
    }

    static func update(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        var (input, errors) = parse(c.form)
        if errors.isEmpty {
            do {
                try db.updateBranch(id: id, names: names(input), city: input.city, active: input.active, actor: try c.signedIn.id, now: c.now)
                return .redirect(to: "/admin/branches")
            } catch StoreError.duplicate {
                errors.add(name.name, "admin.branch.name_taken")
            }
        }
        return .html(render(c, branches: try db.branches(), newInput: Input(), newErrors: FieldErrors(), editing: (id, input, errors)), status: .unprocessable)
    }
}
