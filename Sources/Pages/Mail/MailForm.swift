import Mail
import Showroom
import Store
import Web

/// The compose form's fields, declared once, and what the form reads into.
enum MailForm {
    static let template = FormField<Int64>.choice("template", .key("mail.template"))
    static let quote = FormField<Int64>.choice("quote", .key("mail.quote"))
    static let to = FormField.text("to", .key("mail.to"), maxLength: 254)
    static let extra = FormField.text("extra", .key("mail.extra"), type: "text", autocomplete: "off", maxLength: 2000)
    static let subject = FormField.text("subject", .key("mail.subject"), required: true, maxLength: 200)
    static let body = FormField.textarea("body", .key("mail.body"), rows: 14, required: true, maxLength: 50_000)
    static let overview = FormField<Bool>.choice("overview", .key("mail.attach_overview")) { $0 == "1" }
    static let orderForm = FormField<Bool>.choice("order_form", .key("mail.attach_order_form")) { $0 == "1" }
    static let document = FormField<Int64>.choice("document", .key("mail.documents"))

    /// What was typed and chosen (kept to show the form again).
    struct Draft: Equatable {
        var templateID: Int64?
        var to: [String] = []
        var extra = ""
        var subject = ""
        var body = ""
        var quoteID: Int64?
        var overview = false
        var orderForm = false
        var documentIDs: [Int64] = []
    }

    /// Reads the posted form; each refusal is filed beside its field. Which addresses and
    /// records are allowed is checked by the handler, which knows the lead.
    static func parse(_ form: FormFields) -> (Draft, FieldErrors) {
        var errors = FieldErrors()
        var d = Draft()
        d.templateID = template.value(form)
        d.to = form.all(to.name).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        d.extra = extra.readText(form, errors: &errors)
        d.subject = subject.readText(form, errors: &errors)
        d.body = body.readText(form, errors: &errors)
        d.quoteID = quote.value(form)
        d.overview = overview.value(form) ?? false
        d.orderForm = orderForm.value(form) ?? false
        d.documentIDs = form.all(document.name).compactMap { document.convert($0) }
        // A subject is one header line: a CR, LF or other control character would start a header of its own.
        if MailMessage.hasControlCharacters(d.subject) { errors.add(subject.name, "mail.line_break") }
        return (d, errors)
    }
}
