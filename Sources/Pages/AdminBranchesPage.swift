import Showroom
import Store
import Web

/// `/admin/branches`: create, rename and (de)activate branches. A branch is never deleted:
/// leads and users refer to it.
enum AdminBranchesPage {
    struct Input { var name = "", city = "", active = true }

    static func parse(_ form: FormFields) -> (Input, FieldErrors) {
        var input = Input()
        var errors = FieldErrors()
        input.name = form.trimmed("name") ?? ""
        input.city = form.trimmed("city") ?? ""
        input.active = form["active"] == "1"
        if input.name.isEmpty { errors.add("name", "form.required") }
        if input.name.count > 100 { errors.add("name", "form.too_long") }
        if input.city.count > 100 { errors.add("city", "form.too_long") }
        return (input, errors)
    }

    static func show(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        .html(render(c, db, newInput: Input(), newErrors: FieldErrors(), editing: nil))
    }

    static func render(_ c: RequestContext, _ db: AppDatabase, newInput: Input, newErrors: FieldErrors, editing: (Int64, Input, FieldErrors)?) -> [UInt8] {
        let t = c.t
        let branches = (try? db.branches()) ?? []
        let csrf = c.user?.csrfToken ?? ""
        return Layout.page(title: t("admin.branches.title"), context: c, section: .branches) { h in
            h.raw("<h1>")
            h.text(t("admin.branches.title"))
            h.raw("</h1><div class=\"branch-list\">")
            for b in branches {
                let (input, errors) = editing.flatMap { $0.0 == b.id ? ($0.1, $0.2) : nil } ?? (Input(name: b.name, city: b.city, active: b.active), FieldErrors())
                h.raw("<form method=\"post\" action=\"/admin/branches/")
                h.int(b.id)
                h.raw("\" class=\"card inline-form\">")
                h.csrf(csrf)
                h.field("name", label: t("admin.branch.name"), value: input.name, error: errors["name"], t: t, required: true, maxLength: 100, id: "f-name-\(b.id)")
                h.field("city", label: t("admin.branch.city"), value: input.city, error: errors["city"], t: t, maxLength: 100, id: "f-city-\(b.id)")
                h.select("active", label: t("admin.user.state"), options: [("1", t("admin.user.active")), ("0", t("admin.user.inactive"))],
                         selected: input.active ? "1" : "0", t: t, id: "active-\(b.id)")
                h.raw("<button type=\"submit\">")
                h.text(t("form.save"))
                h.raw("</button></form>")
            }
            h.raw("</div><section class=\"card\"><h2>")
            h.text(t("admin.branches.new"))
            h.raw("</h2><form method=\"post\" action=\"/admin/branches\" class=\"inline-form\">")
            h.csrf(csrf)
            h.hidden("active", "1")
            h.field("name", label: t("admin.branch.name"), value: newInput.name, error: newErrors["name"], t: t, required: true, maxLength: 100)
            h.field("city", label: t("admin.branch.city"), value: newInput.city, error: newErrors["city"], t: t, maxLength: 100)
            h.raw("<button type=\"submit\" class=\"primary\">")
            h.text(t("admin.branches.create"))
            h.raw("</button></form></section>")
        }
    }

    static func create(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        var (input, errors) = parse(c.form)
        if errors.isEmpty {
            do {
                _ = try db.createBranch(name: input.name, city: input.city, actor: try c.signedIn.id, now: c.now)
                return .redirect(to: "/admin/branches")
            } catch StoreError.duplicate {
                errors.add("name", "admin.branch.name_taken")
            }
        }
        input.active = true
        return .html(render(c, db, newInput: input, newErrors: errors, editing: nil), status: .unprocessable)
    }

    static func update(_ c: RequestContext, _ db: AppDatabase) throws -> Response {
        let id = try c.parameters.id("id")
        var (input, errors) = parse(c.form)
        if errors.isEmpty {
            do {
                try db.updateBranch(id: id, name: input.name, city: input.city, active: input.active, actor: try c.signedIn.id, now: c.now)
                return .redirect(to: "/admin/branches")
            } catch StoreError.duplicate {
                errors.add("name", "admin.branch.name_taken")
            }
        }
        return .html(render(c, db, newInput: Input(), newErrors: FieldErrors(), editing: (id, input, errors)), status: .unprocessable)
    }
}
