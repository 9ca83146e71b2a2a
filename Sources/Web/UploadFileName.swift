/// The name of an uploaded file, made safe to keep, show and send back in a header. It is
/// never used on disk: stored files are named by their content's hash.
public enum UploadFileName {
    /// At most this many bytes of UTF-8 are kept (the extension survives the cut).
    public static let maxBytes = 255

    /// The last path component (a client may send `C:\Users\an\scan.pdf` or `../../x`),
    /// without control or format characters (CR, LF, NUL, bidi overrides that disguise an
    /// extension…), trimmed, at most `maxBytes`. Letters of any script are kept. Empty when
    /// nothing usable remains (`..`, `/`, only spaces).
    public static func sanitize(_ raw: String) -> String {
        var scalars: [Unicode.Scalar] = []
        for s in raw.unicodeScalars {
            if s == "/" || s == "\\" {
                scalars.removeAll()
                continue
            }
            switch s.properties.generalCategory {
            case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator:
                continue
            default:
                scalars.append(s)
            }
        }
        var name = String(String.UnicodeScalarView(scalars))
        // Surrounding white space, and trailing dots (Windows drops them, which would change
        // the extension), go.
        while let f = name.unicodeScalars.first, f.properties.isWhitespace { name.unicodeScalars.removeFirst() }
        while let l = name.unicodeScalars.last, l.properties.isWhitespace || l == "." { name.unicodeScalars.removeLast() }
        if name.unicodeScalars.allSatisfy({ $0 == "." }) { return "" }
        return truncate(name)
    }

    /// Cuts `name` to `maxBytes` of UTF-8 on a character boundary, keeping a short extension.
    static func truncate(_ name: String) -> String {
        guard name.utf8.count > maxBytes else { return name }
        var ext = ""
        if let dot = name.lastIndex(of: "."), name.distance(from: dot, to: name.endIndex) <= 16 {
            ext = String(name[dot...])
        }
        let stem = ext.isEmpty ? Substring(name) : name[..<name.lastIndex(of: ".")!]
        var kept = ""
        var used = ext.utf8.count
        for ch in stem {
            let n = ch.utf8.count
            if used + n > maxBytes { break }
            kept.append(ch)
            used += n
        }
        return kept + ext
    }
}

/// `Content-Disposition: attachment` with a file name (RFC 6266): a plain ASCII `filename`
/// for old clients and `filename*` (RFC 8187, UTF-8) with the real name.
public enum ContentDisposition {
    public static func attachment(filename: String) -> String {
        "attachment; filename=\"" + asciiFallback(filename) + "\"; filename*=UTF-8''" + percentEncode(filename)
    }

    /// Printable ASCII only, without `"` and `\`; anything else becomes `_`.
    public static func asciiFallback(_ name: String) -> String {
        var out = ""
        for s in name.unicodeScalars {
            if s.value >= 0x20 && s.value < 0x7F && s != "\"" && s != "\\" && s != "%" {
                out.unicodeScalars.append(s)
            } else {
                out.append("_")
            }
        }
        return out.isEmpty ? "download" : out
    }

    /// RFC 8187 `attr-char`s stay, every other byte of the UTF-8 is `%XX`.
    public static func percentEncode(_ name: String) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for c in name.utf8 {
            let keep = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || "!#$&+-.^_`|~".utf8.contains(c)
            if keep {
                out.append(c)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(digits[Int(c >> 4)])
                out.append(digits[Int(c & 15)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
