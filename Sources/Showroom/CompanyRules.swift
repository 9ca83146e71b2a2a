/// The dealer's own company as it appears on quotes, order forms and mail footers (art. 2:20
/// WVV mentions, KB 5 April 2019 art. 3, 1°). One profile per installation.
///
/// The same value is what the settings form edits (the logo fields are then ignored: the logo
/// has its own upload) and what `AppDatabase.companyProfile()` hands to the PDF code.
public struct CompanyProfile: Equatable, Sendable {
    public var name = ""
    public var tradeName = ""
    /// Short free text: BV, NV, SRL, SA, CommV…
    public var legalForm = ""
    /// Street and number.
    public var street = ""
    public var postalCode = ""
    public var city = ""
    public var country = "België"
    /// Ten digits, no dots or prefix (`0403170701`); `CompanyRules.formatEnterpriseNumber` shows it.
    public var enterpriseNumber = ""
    /// The register of legal persons and its court, as printed (`Gent, afdeling Gent`).
    public var rprCourt = ""
    /// Compact, upper-case (`BE68539007547034`); `CompanyRules.groupIBAN` shows it.
    public var iban = ""
    /// Optional.
    public var bic = ""
    public var phone = ""
    public var email = ""
    public var website = ""
    /// The default deposit on an order form, in basis points of the price (1000 = 10 %).
    public var depositBasisPoints = 0
    /// The default delivery period, in days after signing.
    public var deliveryDays = 30
    /// How long a quote stays valid by default, in days.
    public var quoteValidityDays = 30
    /// A discount above this share of a line (basis points) needs `quotes.approve`.
    public var discountApprovalBasisPoints = 500
    /// The legal warranty text printed on the order form, per language.
    public var legalWarranty = LocalizedName(nl: "", fr: "", en: "")
    /// The commercial warranty text (may be empty), per language.
    public var commercialWarranty = LocalizedName(nl: "", fr: "", en: "")
    /// The logo's bytes (PNG or JPEG, checked by libmagic when uploaded); nil without a logo.
    public var logo: [UInt8]? = nil
    /// `image/png` or `image/jpeg`; nil without a logo.
    public var logoMimeType: String? = nil
    /// The profile's version (optimistic concurrency); 1 for a new installation.
    public var version: Int64 = 1

    public init() {}

    /// The VAT number: `BE` and the enterprise number (`BE0403170701`), "" without one.
    public var vatNumber: String { enterpriseNumber.isEmpty ? "" : "BE" + enterpriseNumber }
}

/// One field of the company profile, as the rules and the form name it.
public enum CompanyField: String, CaseIterable, Sendable {
    case name, tradeName = "trade_name", legalForm = "legal_form", street, postalCode = "postal_code", city, country
    case enterpriseNumber = "enterprise_number", rprCourt = "rpr_court", iban, bic, phone, email, website
    case depositBasisPoints = "deposit", deliveryDays = "delivery_days", quoteValidityDays = "quote_validity_days"
    case discountApprovalBasisPoints = "discount_approval"
    case legalWarrantyNL = "legal_warranty_nl", legalWarrantyFR = "legal_warranty_fr", legalWarrantyEN = "legal_warranty_en"
    case commercialWarrantyNL = "commercial_warranty_nl", commercialWarrantyFR = "commercial_warranty_fr", commercialWarrantyEN = "commercial_warranty_en"
}

/// Rules about the company profile, free of I/O.
public enum CompanyRules {
    /// Longest text per field (characters).
    public static func maxLength(_ field: CompanyField) -> Int {
        switch field {
        case .legalForm: return 20
        case .postalCode: return 12
        case .enterpriseNumber: return 20
        case .iban: return 50
        case .bic: return 11
        case .phone: return 30
        case .email: return 254
        case .website: return 200
        case .depositBasisPoints, .deliveryDays, .quoteValidityDays, .discountApprovalBasisPoints: return 10
        case .legalWarrantyNL, .legalWarrantyFR, .legalWarrantyEN, .commercialWarrantyNL, .commercialWarrantyFR, .commercialWarrantyEN: return 2_000
        default: return 200
        }
    }

    /// The deposit may not pass 15 % of the price (KB 5/4/2019, our reading: *check*).
    public static let depositRange = 0...1_500
    public static let dayRange = 1...365
    public static let discountApprovalRange = 0...10_000
    /// The logo's largest size in bytes (1 MB): it fits the normal 1 MiB body limit of nginx.
    public static let logoMaxBytes = 1_000_000
    public static let logoTypes: Set<String> = ["image/png", "image/jpeg"]

    // MARK: Enterprise number (KBO/BCE)

    /// The ten digits of a Belgian enterprise number typed any way (`BE 0403.170.701`,
    /// `0403 170 701`, `403170701` — the old nine-digit form gets its leading 0), or nil when
    /// it is not ten digits starting with 0 or 1 whose last two are 97 − (first eight mod 97).
    public static func normalizeEnterpriseNumber(_ raw: String) -> String? {
        var text = Substring(raw.uppercased())
        while let f = text.first, f == " " { text = text.dropFirst() }
        if text.hasPrefix("BE") { text = text.dropFirst(2) }
        var digits = ""
        for ch in text {
            if ch.isASCII && ch.isNumber { digits.append(ch) }
            else if " .-/".contains(ch) { continue }
            else { return nil }
        }
        if digits.count == 9 { digits = "0" + digits }
        return isValidEnterpriseNumber(digits) ? digits : nil
    }

    /// Ten ASCII digits, the first 0 or 1, with the mod-97 check.
    public static func isValidEnterpriseNumber(_ digits: String) -> Bool {
        let u = Array(digits.utf8)
        guard u.count == 10, u.allSatisfy({ $0 >= 48 && $0 <= 57 }), u[0] == 48 || u[0] == 49 else { return false }
        let body = u[0..<8].reduce(0) { $0 * 10 + Int($1 - 48) }
        let check = Int(u[8] - 48) * 10 + Int(u[9] - 48)
        return check == 97 - body % 97
    }

    /// `0403170701` → `0403.170.701` (anything else is returned as it is).
    public static func formatEnterpriseNumber(_ digits: String) -> String {
        let c = Array(digits)
        guard c.count == 10 else { return digits }
        return String(c[0..<4]) + "." + String(c[4..<7]) + "." + String(c[7..<10])
    }

    // MARK: IBAN (ISO 13616)

    /// An IBAN typed any way (spaces, lower case) in compact upper-case form, or nil when its
    /// shape (two letters, two digits, 11–30 letters or digits; 16 characters for Belgium) or
    /// its mod-97 check fails.
    public static func normalizeIBAN(_ raw: String) -> String? {
        var compact = ""
        for ch in raw.uppercased() {
            if ch == " " || ch == "-" { continue }
            guard ch.isASCII, ch.isLetter || ch.isNumber else { return nil }
            compact.append(ch)
        }
        let u = Array(compact.utf8)
        guard (15...34).contains(u.count), u[0...1].allSatisfy(isLetter), u[2...3].allSatisfy(isDigit) else { return nil }
        if compact.hasPrefix("BE") && u.count != 16 { return nil }
        // Move the first four characters to the end, letters become 10…35, then mod 97 = 1.
        var remainder = 0
        for b in u[4...] + u[0..<4] {
            if isDigit(b) { remainder = (remainder * 10 + Int(b - 48)) % 97 }
            else { remainder = (remainder * 100 + Int(b - 65 + 10)) % 97 }
        }
        return remainder == 1 ? compact : nil
    }

    /// `BE68539007547034` → `BE68 5390 0754 7034`.
    public static func groupIBAN(_ compact: String) -> String {
        var out = ""
        for (i, ch) in compact.enumerated() {
            if i > 0 && i % 4 == 0 { out.append(" ") }
            out.append(ch)
        }
        return out
    }

    /// A BIC: 8 or 11 letters or digits, the first six letters (bank and country).
    public static func isValidBIC(_ raw: String) -> Bool {
        let u = Array(raw.utf8)
        guard u.count == 8 || u.count == 11 else { return false }
        return u[0..<6].allSatisfy(isLetter) && u[6...].allSatisfy { isLetter($0) || isDigit($0) }
    }

    /// A web address as printed: a host name with a dot, optionally `http(s)://` and a path;
    /// no spaces, quotes or angle brackets.
    public static func isPlausibleWebsite(_ raw: String) -> Bool {
        var rest = Substring(raw.lowercased())
        if rest.hasPrefix("https://") { rest = rest.dropFirst(8) } else if rest.hasPrefix("http://") { rest = rest.dropFirst(7) }
        let host = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard host.contains("."), !host.hasPrefix("."), !host.hasSuffix("."), !host.contains("..") else { return false }
        guard host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }) else { return false }
        return !raw.contains(where: { $0.isWhitespace || "<>\"'`\\".contains($0) })
    }

    private static func isLetter(_ b: UInt8) -> Bool { b >= 65 && b <= 90 }
    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    // MARK: The whole profile

    /// Every rule the profile breaks, per field (empty when it may be saved). Expects the
    /// enterprise number and IBAN already normalised where they could be (the form does so);
    /// text fields trimmed.
    public static func check(_ p: CompanyProfile) -> [(field: CompanyField, violation: RuleViolation)] {
        var out: [(CompanyField, RuleViolation)] = []
        let texts: [(CompanyField, String)] = [
            (.name, p.name), (.tradeName, p.tradeName), (.legalForm, p.legalForm), (.street, p.street), (.postalCode, p.postalCode),
            (.city, p.city), (.country, p.country), (.enterpriseNumber, p.enterpriseNumber), (.rprCourt, p.rprCourt), (.iban, p.iban),
            (.bic, p.bic), (.phone, p.phone), (.email, p.email), (.website, p.website),
            (.legalWarrantyNL, p.legalWarranty.nl), (.legalWarrantyFR, p.legalWarranty.fr), (.legalWarrantyEN, p.legalWarranty.en),
            (.commercialWarrantyNL, p.commercialWarranty.nl), (.commercialWarrantyFR, p.commercialWarranty.fr), (.commercialWarrantyEN, p.commercialWarranty.en),
        ]
        let required: Set<CompanyField> = [.name, .legalForm, .street, .postalCode, .city, .country, .enterpriseNumber, .rprCourt, .email]
        var bad = Set<CompanyField>()
        for (field, text) in texts {
            if text.isEmpty {
                if required.contains(field) { out.append((field, .required)); bad.insert(field) }
            } else if text.count > maxLength(field) {
                out.append((field, .tooLong)); bad.insert(field)
            }
        }
        func add(_ field: CompanyField, _ v: RuleViolation) { if !bad.contains(field) { out.append((field, v)); bad.insert(field) } }
        if !p.enterpriseNumber.isEmpty && !isValidEnterpriseNumber(p.enterpriseNumber) { add(.enterpriseNumber, .companyEnterpriseNumberInvalid) }
        if !p.iban.isEmpty && normalizeIBAN(p.iban) != p.iban { add(.iban, .companyIBANInvalid) }
        if !p.bic.isEmpty && !isValidBIC(p.bic) { add(.bic, .companyBICInvalid) }
        if !p.email.isEmpty && !ContactRules.isPlausibleEmail(p.email) { add(.email, .companyEmailInvalid) }
        if !p.phone.isEmpty && ContactRules.normalizePhone(p.phone) == nil { add(.phone, .companyPhoneInvalid) }
        if !p.website.isEmpty && !isPlausibleWebsite(p.website) { add(.website, .companyWebsiteInvalid) }
        if !depositRange.contains(p.depositBasisPoints) { add(.depositBasisPoints, .companyDepositRange) }
        if !dayRange.contains(p.deliveryDays) { add(.deliveryDays, .companyDaysRange) }
        if !dayRange.contains(p.quoteValidityDays) { add(.quoteValidityDays, .companyDaysRange) }
        if !discountApprovalRange.contains(p.discountApprovalBasisPoints) { add(.discountApprovalBasisPoints, .companyPercentRange) }
        return out
    }

    /// Whether a detected MIME type may be the logo, and the size fits.
    public static func checkLogo(detectedType: String?, size: Int) -> RuleViolation? {
        if size == 0 { return .companyLogoEmpty }
        if size > logoMaxBytes { return .companyLogoTooLarge }
        guard let type = detectedType, logoTypes.contains(type) else { return .companyLogoType }
        return nil
    }

    // MARK: Percentages as typed

    /// Basis points from a percentage typed the Belgian or English way (`5`, `7,5`, `7.25`,
    /// `10 %`): at most two decimals, not negative. Nil otherwise.
    public static func parsePercent(_ raw: String) -> Int? {
        let text = raw.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: " ", with: "").replacingOccurrences(of: ",", with: ".")
        if text.isEmpty { return nil }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let wholeText = parts.first, !wholeText.isEmpty, wholeText.count <= 5, wholeText.allSatisfy({ $0.isASCII && $0.isNumber }),
              let whole = Int(wholeText) else { return nil }
        var fraction = 0
        if parts.count == 2 {
            let f = parts[1]
            guard (1...2).contains(f.count), f.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            fraction = Int(f)! * (f.count == 1 ? 10 : 1)
        }
        return whole * 100 + fraction
    }

    /// Basis points as a percentage for a form (`750` → `7,5`, `500` → `5`), with a comma.
    public static func formatPercent(_ basisPoints: Int) -> String {
        let whole = basisPoints / 100, fraction = basisPoints % 100
        if fraction == 0 { return String(whole) }
        return fraction % 10 == 0 ? "\(whole),\(fraction / 10)" : "\(whole),\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
