/// Rules about contact details, free of I/O.
public enum ContactRules {
    /// A light check that catches typing mistakes (no `@`, no dot in the domain, spaces),
    /// not a full RFC 5322 parser: the mail server is the final judge.
    public static func isPlausibleEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64, email.count <= 254 else { return false }
        let domain = parts[1]
        guard domain.contains("."), !domain.hasPrefix("."), !domain.hasSuffix("."), !domain.contains("..") else { return false }
        return !email.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," || $0 == ";" || $0 == "\"" })
    }
}

extension ContactRules {
    /// A phone number in one comparable form: digits with a leading `+` and country code;
    /// Belgian numbers written nationally (`0475 12 34 56`) get `+32`. Nil when it has too
    /// few or too many digits, or characters a phone number does not contain.
    public static func normalizePhone(_ raw: String) -> String? {
        var digits = ""
        var plus = false
        for (i, ch) in raw.enumerated() {
            if ch.isASCII && ch.isNumber { digits.append(ch) }
            else if ch == "+" && i == 0 { plus = true }
            else if " ./-()".contains(ch) { continue }
            else { return nil }
        }
        if !plus {
            if digits.hasPrefix("00") { digits.removeFirst(2) }
            else if digits.hasPrefix("0") { digits = "32" + digits.dropFirst() }
        }
        guard (8...15).contains(digits.count) else { return nil }
        return "+" + digits
    }

    /// A VAT number without spaces or dots, upper-case (`be 0123.456.789` → `BE0123456789`).
    public static func normalizeVAT(_ raw: String) -> String {
        String(raw.uppercased().filter { $0.isLetter || $0.isNumber })
    }

    /// Belgian VAT numbers: `BE` and 10 digits starting with 0 or 1. Other EU numbers: two
    /// letters and 2–13 letters or digits.
    public static func isPlausibleVAT(_ normalized: String) -> Bool {
        if normalized.hasPrefix("BE") {
            let rest = normalized.dropFirst(2)
            return rest.count == 10 && rest.allSatisfy(\.isNumber) && (rest.first == "0" || rest.first == "1")
        }
        guard normalized.count >= 4, normalized.count <= 15 else { return false }
        return normalized.prefix(2).allSatisfy(\.isLetter)
    }
}
