import Foundation
import Showroom
import Web

/// The contact fields, declared once: read from a form into a normalised `ContactInput`
/// with field errors, and written back into a form with the user's values.
enum ContactForm {
    static func parse(_ form: FormFields, prefix: String = "") -> (ContactInput, FieldErrors) {
        var c = ContactInput()
        var errors = FieldErrors()
        func value(_ name: String, max: Int = 200) -> String {
            let v = form.trimmed(prefix + name) ?? ""
            if v.count > max { errors.add(prefix + name, "form.too_long") }
            return v
        }
        c.kind = ContactKind(rawValue: form[prefix + "kind"] ?? "person") ?? .person
        c.firstName = value("first_name", max: 100)
        c.lastName = value("last_name", max: 100)
        c.companyName = value("company_name", max: 200)
        c.email = value("email", max: 254).lowercased()
        let phone = value("phone", max: 40)
        c.street = value("street")
        c.postalCode = value("postal_code", max: 20)
        c.city = value("city", max: 100)
        c.country = value("country", max: 2).uppercased()
        if c.country.isEmpty { c.country = "BE" }
        let vat = value("vat_number", max: 30)
        c.language = form[prefix + "language"] ?? "nl"

        switch c.kind {
        case .person: if c.lastName.isEmpty { errors.add(prefix + "last_name", "form.required") }
        case .company: if c.companyName.isEmpty { errors.add(prefix + "company_name", "form.required") }
        }
        if !c.email.isEmpty && !ContactRules.isPlausibleEmail(c.email) { errors.add(prefix + "email", "form.email_invalid") }
        if !phone.isEmpty {
            if let normalised = ContactRules.normalizePhone(phone) { c.phone = normalised } else { errors.add(prefix + "phone", "contact.phone_invalid"); c.phone = phone }
        }
        if c.email.isEmpty && phone.isEmpty { errors.add(prefix + "email", "contact.email_or_phone") }
        if !vat.isEmpty {
            c.vatNumber = ContactRules.normalizeVAT(vat)
            if !ContactRules.isPlausibleVAT(c.vatNumber) { errors.add(prefix + "vat_number", "contact.vat_invalid"); c.vatNumber = vat }
        }
        if let raw = form.trimmed(prefix + "vat_rate") {
            let cleaned = raw.replacingOccurrences(of: ",", with: ".").replacingOccurrences(of: "%", with: "").trimmingWhitespace()
            if let rate = Double(cleaned), rate >= 0, rate <= 100 { c.vatRatePermille = Int((rate * 10).rounded()) } else { errors.add(prefix + "vat_rate", "contact.vat_rate_invalid") }
        }
        if Language(rawValue: c.language) == nil { errors.add(prefix + "language", "form.invalid_choice"); c.language = "nl" }
        if c.country.count != 2 || !c.country.allSatisfy({ $0.isASCII && $0.isLetter }) { errors.add(prefix + "country", "contact.country_invalid") }
        return (c, errors)
    }

    static func fields(_ c: ContactInput, errors: FieldErrors, t: Translator, prefix: String = "", into h: inout HTML) {
        h.raw("<fieldset class=\"field kind\"><legend>")
        h.text(t("contact.kind"))
        h.raw("</legend>")
        for kind in [ContactKind.person, .company] {
            h.raw("<label><input type=\"radio\" name=\"")
            h.attr(prefix + "kind")
            h.raw("\" value=\"")
            h.attr(kind.rawValue)
            h.raw("\"")
            if c.kind == kind { h.raw(" checked") }
            h.raw("> ")
            h.text(t("contacts.kind." + kind.rawValue))
            h.raw("</label>")
        }
        h.raw("</fieldset>")
        h.field(prefix + "first_name", label: t("contact.first_name"), value: c.firstName, error: errors[prefix + "first_name"], t: t, autocomplete: "given-name", maxLength: 100)
        h.field(prefix + "last_name", label: t("contact.last_name"), value: c.lastName, error: errors[prefix + "last_name"], t: t, autocomplete: "family-name", maxLength: 100)
        h.field(prefix + "company_name", label: t("contact.company_name"), value: c.companyName, error: errors[prefix + "company_name"], t: t, autocomplete: "organization")
        h.field(prefix + "email", label: t("contacts.email"), value: c.email, error: errors[prefix + "email"], t: t, type: "email", autocomplete: "email", maxLength: 254)
        h.field(prefix + "phone", label: t("contacts.phone"), value: c.phone, error: errors[prefix + "phone"], t: t, type: "tel", autocomplete: "tel", maxLength: 40)
        h.field(prefix + "street", label: t("contact.street"), value: c.street, error: errors[prefix + "street"], t: t, autocomplete: "address-line1")
        h.field(prefix + "postal_code", label: t("contact.postal_code"), value: c.postalCode, error: errors[prefix + "postal_code"], t: t, autocomplete: "postal-code", maxLength: 20)
        h.field(prefix + "city", label: t("contact.city"), value: c.city, error: errors[prefix + "city"], t: t, autocomplete: "address-level2", maxLength: 100)
        h.field(prefix + "country", label: t("contact.country"), value: c.country, error: errors[prefix + "country"], t: t, autocomplete: "country", maxLength: 2)
        h.field(prefix + "vat_number", label: t("contacts.vat"), value: c.vatNumber, error: errors[prefix + "vat_number"], t: t, maxLength: 30)
        let rate = c.vatRatePermille.map { $0 % 10 == 0 ? String($0 / 10) : String($0 / 10) + "," + String($0 % 10) } ?? ""
        h.field(prefix + "vat_rate", label: t("contact.vat_rate"), value: rate, error: errors[prefix + "vat_rate"], t: t, maxLength: 6)
        h.select(prefix + "language", label: t("contacts.language"), options: Language.allCases.map { ($0.rawValue, $0.nativeName) }, selected: c.language,
                 error: errors[prefix + "language"], t: t)
    }
}
