import Foundation
import Showroom
import Web

/// The contact fields, declared once: read from a form into a normalised `ContactInput`
/// with field errors, and written back into a form with the user's values.
enum ContactForm {
    static let kind = FormField<ContactKind>.choice("kind", .key("contact.kind")) { ContactKind(rawValue: $0) }
    static let firstName = FormField.text("first_name", .key("contact.first_name"), autocomplete: "given-name", maxLength: 100)
    static let lastName = FormField.text("last_name", .key("contact.last_name"), autocomplete: "family-name", maxLength: 100)
    static let companyName = FormField.text("company_name", .key("contact.company_name"), autocomplete: "organization", maxLength: 200)
    static let email = FormField.text("email", .key("contacts.email"), type: "email", autocomplete: "email", maxLength: 254)
    static let phone = FormField.text("phone", .key("contacts.phone"), type: "tel", autocomplete: "tel", maxLength: 40)
    static let street = FormField.text("street", .key("contact.street"), autocomplete: "address-line1", maxLength: 200)
    static let postalCode = FormField.text("postal_code", .key("contact.postal_code"), autocomplete: "postal-code", maxLength: 20)
    static let city = FormField.text("city", .key("contact.city"), autocomplete: "address-level2", maxLength: 100)
    static let country = FormField.text("country", .key("contact.country"), autocomplete: "country", maxLength: 2)
    static let vatNumber = FormField.text("vat_number", .key("contacts.vat"), maxLength: 30)
    static let vatRate = FormField.text("vat_rate", .key("contact.vat_rate"), maxLength: 6)
    static let language = FormField<Language>.choice("language", .key("contacts.language")) { Language(rawValue: $0) }

    static func parse(_ form: FormFields, prefix: String = "") -> (ContactInput, FieldErrors) {
        var c = ContactInput()
        var errors = FieldErrors()
        func value(_ field: FormField<String>) -> String { field.readText(form, prefix: prefix, errors: &errors) }
        c.kind = kind.value(form, prefix: prefix) ?? .person
        c.firstName = value(firstName)
        c.lastName = value(lastName)
        c.companyName = value(companyName)
        c.email = value(email).lowercased()
        let phoneText = value(phone)
        c.street = value(street)
        c.postalCode = value(postalCode)
        c.city = value(city)
        c.country = value(country).uppercased()
        if c.country.isEmpty { c.country = "BE" }
        let vat = value(vatNumber)
        c.language = (language.read(form, prefix: prefix, errors: &errors) ?? .nl).rawValue

        switch c.kind {
        case .person: if c.lastName.isEmpty { errors.add(prefix + "last_name", "form.required") }
        case .company: if c.companyName.isEmpty { errors.add(prefix + "company_name", "form.required") }
        }
        if !c.email.isEmpty && !ContactRules.isPlausibleEmail(c.email) { errors.add(prefix + "email", "form.email_invalid") }
        if !phoneText.isEmpty {
            if let normalised = ContactRules.normalizePhone(phoneText) { c.phone = normalised } else { errors.add(prefix + "phone", "contact.phone_invalid"); c.phone = phoneText }
        }
        if c.email.isEmpty && phoneText.isEmpty { errors.add(prefix + "email", "contact.email_or_phone") }
        if !vat.isEmpty {
            c.vatNumber = ContactRules.normalizeVAT(vat)
            if !ContactRules.isPlausibleVAT(c.vatNumber) { errors.add(prefix + "vat_number", "contact.vat_invalid"); c.vatNumber = vat }
        }
        if case let raw = value(vatRate), !raw.isEmpty, errors[prefix + vatRate.name] == nil {
            let cleaned = raw.replacingOccurrences(of: ",", with: ".").replacingOccurrences(of: "%", with: "").trimmingWhitespace()
            if let rate = Double(cleaned), rate >= 0, rate <= 100 { c.vatRatePermille = Int((rate * 10).rounded()) } else { errors.add(prefix + "vat_rate", "contact.vat_rate_invalid") }
        }
        if c.country.count != 2 || !c.country.allSatisfy({ $0.isASCII && $0.isLetter }) { errors.add(prefix + "country", "contact.country_invalid") }
        return (c, errors)
    }

    static func fields(_ c: ContactInput, errors: FieldErrors, t: Translator, prefix: String = "", into h: inout HTML) {
        h.raw("<fieldset class=\"field kind\"><legend>")
        h.text(kind.labelText(t) ?? "")
        h.raw("</legend>")
        for option in [ContactKind.person, .company] {
            h.raw("<label><input type=\"radio\" name=\"")
            h.attr(prefix + Self.kind.name)
            h.raw("\" value=\"")
            h.attr(option.rawValue)
            h.raw("\"")
            if c.kind == option { h.raw(" checked") }
            h.raw("> ")
            h.text(t("contacts.kind." + option.rawValue))
            h.raw("</label>")
        }
        h.raw("</fieldset>")
        for (field, value) in [(firstName, c.firstName), (lastName, c.lastName), (companyName, c.companyName), (email, c.email), (phone, c.phone),
                               (street, c.street), (postalCode, c.postalCode), (city, c.city), (country, c.country), (vatNumber, c.vatNumber)] {
            h.field(field, value: value, errors: errors, t: t, prefix: prefix)
        }
        let rate = c.vatRatePermille.map { $0 % 10 == 0 ? String($0 / 10) : String($0 / 10) + "," + String($0 % 10) } ?? ""
        h.field(vatRate, value: rate, errors: errors, t: t, prefix: prefix)
        h.select(language, options: Language.allCases.map { ($0.rawValue, $0.nativeName) }, selected: c.language, errors: errors, t: t, prefix: prefix)
    }
}
