import Foundation
@testable import Pages
import Testing
import Web

/// A field declared once reads the form and writes the control with the same name and limits.
@Suite("Pages: form fields declared once")
struct FormFieldTests {
    static let t = Translator(.en)

    static func form(_ pairs: (String, String)...) -> FormFields { FormFields(pairs: pairs.map { (name: $0.0, value: $0.1) }) }

    static func render(_ body: (inout HTML) -> Void) -> String {
        var h = HTML()
        body(&h)
        return String(decoding: h.bytes, as: UTF8.self)
    }

    @Test func textIsTrimmedAndCheckedAgainstItsDeclaredLimits() {
        let city = FormField.text("city", .key("contact.city"), required: true, maxLength: 5)
        var errors = FieldErrors()
        #expect(city.read(Self.form(("city", "  Gent ")), errors: &errors) == "Gent")
        #expect(errors.isEmpty)

        #expect(city.read(Self.form(("city", "   ")), errors: &errors) == nil)
        #expect(errors["city"] == "form.required")

        errors = FieldErrors()
        #expect(city.readText(Self.form(("city", "Antwerpen")), errors: &errors) == "Antwerpen", "the text is kept for the form shown again")
        #expect(errors["city"] == "form.too_long")

        errors = FieldErrors()
        #expect(city.read(Self.form(("p-city", "Gent")), prefix: "p-", errors: &errors) == "Gent")
        #expect(city.read(Self.form(("city", "Gent")), prefix: "p-", errors: &errors) == nil)
        #expect(errors["p-city"] == "form.required", "the error is filed under the prefixed name")
    }

    @Test func anOptionalBlankFieldIsNilWithoutAnError() {
        let note = FormField.text("note", .key("deadline.note"), maxLength: 10)
        var errors = FieldErrors()
        #expect(note.read(Self.form(), errors: &errors) == nil)
        #expect(errors.isEmpty)
    }

    @Test func passwordsAreTakenAsTyped() {
        let password = FormField.text("password", .key("admin.user.password"), type: "password", trims: false)
        #expect(password.value(Self.form(("password", " a b "))) == " a b ")
    }

    @Test func typedValuesAreConvertedOrRefusedWithTheDeclaredMessage() {
        let reason = FormField<Int64>.choice("lost_reason", .key("status.lost_reason"))
        var errors = FieldErrors()
        #expect(reason.read(Self.form(("lost_reason", "12")), errors: &errors) == 12)
        #expect(reason.read(Self.form(("lost_reason", "12x")), errors: &errors) == nil)
        #expect(errors["lost_reason"] == "form.invalid_choice")

        let version = FormField<Int64>.hiddenNumber("version")
        #expect(version.value(Self.form(("version", "7"))) == 7)
        #expect(version.value(Self.form(("version", "-"))) == nil)
        #expect(version.value(Self.form()) == nil)
    }

    @Test func theControlCarriesTheDeclaredNameLabelAndLimits() {
        let email = FormField.text("email", .key("contacts.email"), type: "email", autocomplete: "email", required: true, maxLength: 254)
        var errors = FieldErrors()
        errors.add("email", "form.email_invalid")
        let html = Self.render { $0.field(email, value: "a@b", errors: errors, t: Self.t) }
        #expect(html.contains("name=\"email\""))
        #expect(html.contains("type=\"email\""))
        #expect(html.contains("maxlength=\"254\""))
        #expect(html.contains("autocomplete=\"email\""))
        #expect(html.contains(" required"))
        #expect(html.contains("value=\"a@b\""))
        #expect(html.contains(Self.t("contacts.email")))
        #expect(html.contains(Self.t("form.email_invalid")), "the error is shown beside the field")
        // The same as the hand-written control it replaces.
        let byHand = Self.render { $0.field("email", label: Self.t("contacts.email"), value: "a@b", error: "form.email_invalid", t: Self.t,
                                            type: "email", required: true, autocomplete: "email", maxLength: 254) }
        #expect(html == byHand)
    }

    @Test func limitsAndAutofillStayOffInputsThatDoNotTakeThem() {
        let hours = FormField<Int>("hours", label: .key("settings.deadline_hours"), control: .input(type: "number", autocomplete: "off"),
                                   required: true, maxLength: 4) { Int($0) }
        let html = Self.render { $0.field(hours, value: "48", errors: FieldErrors(), t: Self.t) }
        #expect(html.contains("type=\"number\""))
        #expect(!html.contains("maxlength"))
        #expect(!html.contains("autocomplete"))
        var errors = FieldErrors()
        #expect(hours.read(Self.form(("hours", "12345")), errors: &errors) == nil, "the server keeps the limit the page no longer states")
        #expect(errors["hours"] == "form.too_long")
    }

    @Test func aTextareaAndASelectAreWrittenFromTheirDeclarations() {
        let body = FormField.textarea("body", .key("comment.new"), rows: 3, maxLength: 500)
        let area = Self.render { $0.field(body, value: "hallo", errors: FieldErrors(), t: Self.t) }
        #expect(area.contains("<textarea id=\"f-body\" name=\"body\" rows=\"3\" maxlength=\"500\""))
        #expect(area.contains(">hallo</textarea>"))

        let branch = FormField<Int64>.choice("branch", .key("lead.branch"))
        var errors = FieldErrors()
        errors.add("branch", "form.invalid_choice")
        let select = Self.render { $0.select(branch, options: [("1", "Gent"), ("2", "Antwerpen")], selected: "2", errors: errors, t: Self.t) }
        #expect(select.contains("<select id=\"f-branch\" name=\"branch\">"))
        #expect(select.contains("<option value=\"2\" selected>Antwerpen</option>"))
        #expect(select.contains(Self.t("form.invalid_choice")))
    }

    /// Every handler reads its fields through a declaration: no page reads a raw form value
    /// (`c.form["…"]`, `form["…"]`, `form.trimmed(…)`) with its own name, default and limit.
    /// `FormField` itself is the one place that touches `FormFields` by name.
    @Test func noPageReadsARawFormField() throws {
        let raw = try Regex(#"(?:\bform\s*\[|\.form\s*\[|\bform\.trimmed\(|\.form\.trimmed\()"#)
        let sources = try LanguageTests.pageSources()
        #expect(sources.count >= 10, "found the Pages sources")
        var offenders: [String] = []
        for (name, text) in sources where name != "FormField.swift" {
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where line.contains(raw) {
                offenders.append("\(name):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(offenders.isEmpty, "raw form reads: \(offenders.joined(separator: "\n"))")
        // The check finds what it looks for.
        #expect("let v = c.form[\"body\"] ?? \"\"".contains(raw))
        #expect("form.trimmed(\"name\")".contains(raw))
    }
}
