import Web

/// One form field, declared once: its name, the label's catalog key, its limits and how its
/// text becomes a typed value. The same declaration reads the submitted form (a typed value,
/// or the catalog key of the error shown beside the field) and writes the control with the
/// same limits, so a limit cannot be one number in the parser and another in the page.
///
/// Reading a field: absent or blank → `required` error (when required), else `nil`; longer
/// than `maxLength` characters → `form.too_long`; text that `convert` refuses → `invalid`.
/// The text is trimmed first unless `trims` is off (passwords are taken as typed).
struct FormField<Value>: Sendable {
    enum Label: Sendable {
        /// A catalog key, translated when the control is written.
        case key(String)
        /// Shown as it is (a language's own name).
        case verbatim(String)
        /// No visible label of its own (a hidden field, or a control labelled by its context).
        case none
    }

    enum Control: Sendable {
        case input(type: StaticString, autocomplete: StaticString)
        case textarea(rows: Int)
        case select
        case hidden
    }

    let name: String
    let label: Label
    let control: Control
    let required: Bool
    let maxLength: Int
    let trims: Bool
    /// The catalog key shown when `convert` refuses the text.
    let invalid: String
    let convert: @Sendable (String) -> Value?

    init(_ name: String, label: Label, control: Control, required: Bool = false, maxLength: Int = 200, trims: Bool = true,
         invalid: String = "form.invalid_choice", convert: @escaping @Sendable (String) -> Value?) {
        self.name = name
        self.label = label
        self.control = control
        self.required = required
        self.maxLength = maxLength
        self.trims = trims
        self.invalid = invalid
        self.convert = convert
    }

    /// The text as submitted (trimmed unless the field keeps it as typed), "" when absent:
    /// what the form shows again when it comes back with errors.
    func text(_ form: FormFields, prefix: String = "") -> String {
        let raw = form[prefix + name] ?? ""
        return trims ? raw.trimmingWhitespace() : raw
    }

    /// Whether the form carries the field at all (even blank): which of two forms was sent.
    func isPresent(_ form: FormFields, prefix: String = "") -> Bool { form[prefix + name] != nil }

    /// The typed value, or nil with the error recorded in `errors` under the field's name.
    /// A blank optional field is nil without an error.
    func read(_ form: FormFields, prefix: String = "", errors: inout FieldErrors) -> Value? {
        let text = text(form, prefix: prefix)
        if text.isEmpty {
            if required { errors.add(prefix + name, "form.required") }
            return nil
        }
        if text.count > maxLength { errors.add(prefix + name, "form.too_long"); return nil }
        guard let value = convert(text) else { errors.add(prefix + name, invalid); return nil }
        return value
    }

    /// The typed value, nil when absent, too long or not convertible — for fields a person does
    /// not type (hidden versions, times, the button pressed), where a bad value is no one's error
    /// to show beside a field.
    func value(_ form: FormFields, prefix: String = "") -> Value? {
        var ignored = FieldErrors()
        return read(form, prefix: prefix, errors: &ignored)
    }
}

extension FormField where Value == String {
    /// A text input; the value is the trimmed text.
    static func text(_ name: String, _ label: Label, type: StaticString = "text", autocomplete: StaticString = "off",
                     required: Bool = false, maxLength: Int = 200, trims: Bool = true) -> FormField<String> {
        FormField(name, label: label, control: .input(type: type, autocomplete: autocomplete), required: required, maxLength: maxLength, trims: trims) { $0 }
    }

    /// The text as submitted (kept in the form even when it is wrong), with its errors recorded.
    func readText(_ form: FormFields, prefix: String = "", errors: inout FieldErrors) -> String {
        _ = read(form, prefix: prefix, errors: &errors)
        return text(form, prefix: prefix)
    }

    /// A textarea; the value is the trimmed text.
    static func textarea(_ name: String, _ label: Label, rows: Int = 4, required: Bool = false, maxLength: Int = 10_000) -> FormField<String> {
        FormField(name, label: label, control: .textarea(rows: rows), required: required, maxLength: maxLength) { $0 }
    }
}

extension FormField where Value == Int64 {
    /// A hidden whole number the page wrote itself (a version, the time the form was loaded).
    static func hiddenNumber(_ name: String) -> FormField<Int64> {
        FormField(name, label: .none, control: .hidden, maxLength: 20, invalid: "form.invalid_choice") { Int64($0) }
    }

    /// The version of the record the form was loaded with (a stale save is a conflict).
    static var version: FormField<Int64> { hiddenNumber("version") }
    /// When the form was loaded (Unix seconds): what changed since is shown on a conflict.
    static var loadedAt: FormField<Int64> { hiddenNumber("loaded_at") }

    /// A `<select>` of record ids.
    static func choice(_ name: String, _ label: Label, required: Bool = false) -> FormField<Int64> {
        FormField(name, label: label, control: .select, required: required, maxLength: 20) { Int64($0) }
    }
}

extension FormField {
    /// A `<select>` (or radio buttons) of fixed values, each the raw value of `Value`.
    static func choice(_ name: String, _ label: Label, required: Bool = false, _ convert: @escaping @Sendable (String) -> Value?) -> FormField<Value> {
        FormField(name, label: label, control: .select, required: required, maxLength: 100, convert: convert)
    }

    func labelText(_ t: Translator) -> String? {
        switch label {
        case .key(let key): return t(key)
        case .verbatim(let text): return text
        case .none: return nil
        }
    }
}

/// Writing a declared field: the same markup as `field`/`textarea`/`select`, with the limits
/// taken from the declaration.
extension HTML {
    mutating func field<V>(_ f: FormField<V>, value: String, errors: FieldErrors, t: Translator, prefix: String = "", id: String? = nil) {
        let name = prefix + f.name
        switch f.control {
        case .input(let type, let autocomplete):
            field(name, label: f.labelText(t) ?? "", value: value, error: errors[name], t: t, type: type, required: f.required,
                  autocomplete: autocomplete, maxLength: f.maxLength, id: id)
        case .textarea(let rows):
            textarea(name, label: f.labelText(t) ?? "", value: value, error: errors[name], t: t, rows: rows, maxLength: f.maxLength)
        case .hidden:
            hidden(name, value)
        case .select:
            preconditionFailure("a select needs its options: use select(_:options:selected:errors:t:)")
        }
    }

    mutating func select<V>(_ f: FormField<V>, options: [(String, String)], selected: String?, errors: FieldErrors, t: Translator,
                            prefix: String = "", id: String? = nil) {
        let name = prefix + f.name
        select(name, label: f.labelText(t), options: options, selected: selected, error: errors[name], t: t, id: id)
    }
}
