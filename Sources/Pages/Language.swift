/// The languages Showroom speaks. Dutch is the default.
public enum Language: String, CaseIterable, Sendable {
    case nl, fr, en

    /// Picks the best of nl/fr/en from an `Accept-Language` header (`fr-BE,fr;q=0.9,en;q=0.5`);
    /// Dutch when none fits or the header is absent or malformed.
    public static func negotiate(_ header: String?) -> Language {
        guard let header, !header.isEmpty, header.utf8.count <= 1024 else { return .nl }
        var best: (Language, Double)? = nil
        for item in header.split(separator: ",").prefix(32) {
            let parts = item.split(separator: ";")
            guard let tag = parts.first?.trimmingCharacters() else { continue }
            let primary = tag.split(separator: "-").first.map { $0.lowercased() } ?? ""
            guard let language = Language(rawValue: primary) else { continue }
            var q = 1.0
            for p in parts.dropFirst() {
                let kv = p.trimmingCharacters()
                if kv.hasPrefix("q="), let v = Double(kv.dropFirst(2)), v >= 0, v <= 1 { q = v }
            }
            if q > 0, q > (best?.1 ?? -1) { best = (language, q) }
        }
        return best?.0 ?? .nl
    }

    /// The language's name in itself, for choosers.
    public var nativeName: String {
        switch self {
        case .nl: return "Nederlands"
        case .fr: return "Français"
        case .en: return "English"
        }
    }
}

extension Substring {
    fileprivate func trimmingCharacters() -> String {
        String(self).trimmingWhitespaceOnly()
    }
}

extension String {
    fileprivate func trimmingWhitespaceOnly() -> String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return String(s)
    }
}
