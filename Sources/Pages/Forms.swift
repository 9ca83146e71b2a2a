import Web

/// Errors of a submitted form: field name → catalog key of the message shown beside it.
struct FieldErrors {
    private(set) var messages: [String: String] = [:]
    var isEmpty: Bool { messages.isEmpty }
    subscript(field: String) -> String? { messages[field] }
    mutating func add(_ field: String, _ key: String) { if messages[field] == nil { messages[field] = key } }
}

/// Form controls written the same way everywhere: a label tied to its control, the user's
/// value put back, the error beside the field (and tied to it for screen readers).
extension HTML {
    mutating func csrf(_ token: String) {
        raw("<input type=\"hidden\" name=\"_csrf\" value=\"")
        attr(token)
        raw("\">")
    }

    mutating func hidden(_ name: String, _ value: String) {
        raw("<input type=\"hidden\" name=\"")
        attr(name)
        raw("\" value=\"")
        attr(value)
        raw("\">")
    }

    /// `<div class="field"><label>…</label><input …><p class="error">…</p></div>`. The
    /// control's id is `f-` + `name` unless `id` is given (a page with several forms of the
    /// same fields). `maxlength` and `autocomplete` are written only where HTML allows and
    /// uses them: text-like inputs (not date, time or number ones).
    mutating func field(_ name: String, label: String, value: String, error: String?, t: Translator,
                        type: StaticString = "text", required: Bool = false, autocomplete: StaticString = "off", maxLength: Int = 200,
                        id: String? = nil) {
        let id = id ?? "f-" + name
        let textLike = Self.textLikeTypes.contains(type.description)
        raw("<div class=\"field")
        if error != nil { raw(" has-error") }
        raw("\"><label for=\"")
        attr(id)
        raw("\">")
        text(label)
        if required { raw(" <span class=\"req\" aria-hidden=\"true\">*</span>") }
        raw("</label><input id=\"")
        attr(id)
        raw("\" name=\"")
        attr(name)
        raw("\" type=\"")
        raw(type)
        raw("\"")
        if textLike {
            raw(" autocomplete=\"")
            raw(autocomplete)
            raw("\" maxlength=\"")
            int(maxLength)
            raw("\"")
        }
        raw(" value=\"")
        attr(value)
        raw("\"")
        if required { raw(" required") }
        if error != nil {
            raw(" aria-invalid=\"true\" aria-describedby=\"e-")
            attr(name)
            raw("\"")
        }
        raw(">")
        fieldError(name, error, t: t)
        raw("</div>")
    }

    /// The input types that take `maxlength` (HTML § 4.10.5.3).
    static let textLikeTypes: Set<String> = ["text", "search", "url", "tel", "email", "password"]

    mutating func fieldError(_ name: String, _ error: String?, t: Translator) {
        guard let error else { return }
        raw("<p class=\"error\" id=\"e-")
        attr(name)
        raw("\">")
        text(t(error))
        raw("</p>")
    }

    /// A `<select>` of (value, label) options with the current value selected.
    mutating func select(_ name: String, label: String?, options: [(String, String)], selected: String?, error: String? = nil, t: Translator, id: String? = nil) {
        let id = id ?? "f-" + name
        if let label {
            raw("<div class=\"field")
            if error != nil { raw(" has-error") }
            raw("\"><label for=\"")
            attr(id)
            raw("\">")
            text(label)
            raw("</label>")
        }
        raw("<select id=\"")
        attr(id)
        raw("\" name=\"")
        attr(name)
        raw("\">")
        for (value, text) in options {
            raw("<option value=\"")
            attr(value)
            raw("\"")
            if value == selected { raw(" selected") }
            raw(">")
            self.text(text)
            raw("</option>")
        }
        raw("</select>")
        if label != nil {
            fieldError(name, error, t: t)
            raw("</div>")
        }
    }

    /// What became of the last step, above a record's facts: the notice of a step done and the
    /// alert of one refused, both catalog keys (nil: nothing to say).
    mutating func outcome(notice: String?, alert: String?, t: Translator) {
        if let notice {
            raw("<p class=\"notice\" role=\"status\">")
            text(t(notice))
            raw("</p>")
        }
        if let alert {
            raw("<p class=\"alert\" role=\"alert\">")
            text(t(alert))
            raw("</p>")
        }
    }

    /// One fact of a record's `<dl>`: its label and value, "—" when there is none.
    mutating func fact(_ label: String, _ value: String) {
        raw("<div><dt>")
        text(label)
        raw("</dt><dd>")
        text(value.isEmpty ? "—" : value)
        raw("</dd></div>")
    }
}
