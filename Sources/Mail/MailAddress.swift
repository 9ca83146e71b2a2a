/// An e-mail address as the form and the SMTP envelope take it: a bare `addr-spec`
/// (RFC 5322 §3.4.1) in its dot-atom form, with an ASCII domain of at least two labels.
/// Quoted local parts, comments, IP literals and internationalised addresses are refused:
/// nobody types them for a car buyer, and each is a way to smuggle something past a check.
public struct MailAddress: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The address, its domain folded to lower case.
    public let address: String

    public var description: String { address }

    public var domain: Substring { address[address.index(after: address.lastIndex(of: "@")!)...] }

    /// Parses one address (surrounding blanks ignored); nil when it is not a plain address.
    public init?(_ text: String) {
        let s = text.trimmingCharacters(in: " \t")
        guard !s.isEmpty, s.utf8.count <= 254, s.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 32 && $0.value < 127 }) else { return nil }
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let local = parts[0], domain = parts[1]
        guard MailAddress.isDotAtom(local), local.utf8.count <= 64 else { return nil }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, domain.utf8.count <= 253 else { return nil }
        for label in labels {
            guard (1...63).contains(label.utf8.count), label.first != "-", label.last != "-",
                  label.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
            else { return nil }
        }
        guard let tld = labels.last, tld.count >= 2, tld.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) }) else { return nil }
        address = String(local) + "@" + domain.lowercased()
    }

    /// RFC 5322 `atext` (letters, digits and ``!#$%&'*+-/=?^_`{|}~``), in dot-separated runs.
    static func isDotAtom(_ s: Substring) -> Bool {
        guard !s.isEmpty, s.first != ".", s.last != ".", !s.contains("..") else { return false }
        return s.unicodeScalars.allSatisfy { c in
            ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || "!#$%&'*+-/=?^_`{|}~.".unicodeScalars.contains(c)
        }
    }

    /// Several addresses typed in one field, separated by commas, semicolons, blanks or new
    /// lines: the parsed ones, and the pieces that are not addresses (as typed).
    public static func list(_ text: String) -> (addresses: [MailAddress], invalid: [String]) {
        var addresses: [MailAddress] = [], invalid: [String] = []
        let separators: Set<Character> = [",", ";", " ", "\t", "\r", "\n", "\r\n"]
        for piece in text.split(whereSeparator: { separators.contains($0) }) {
            if let a = MailAddress(String(piece)) {
                if !addresses.contains(a) { addresses.append(a) }
            } else {
                invalid.append(String(piece))
            }
        }
        return (addresses, invalid)
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
