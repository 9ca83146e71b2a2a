import Showroom
import Testing

struct CompanyRulesTests {
    // MARK: Enterprise number

    @Test func enterpriseNumbersTypedAnyWayAreNormalisedWhenTheirCheckDigitsHold() {
        // 0403.170.701: 97 − (4031707 mod 97) = 01.
        for typed in ["0403.170.701", "BE 0403.170.701", "be0403170701", "0403 170 701", "403.170.701", "  BE0403-170-701"] {
            #expect(CompanyRules.normalizeEnterpriseNumber(typed) == "0403170701", "\(typed)")
        }
        #expect(CompanyRules.normalizeEnterpriseNumber("0712.345.630") == "0712345630")
        // A second-series number (starting with 1) with its check digits.
        // 97 − (10002345 mod 97) = 04.
        #expect(CompanyRules.normalizeEnterpriseNumber("1000.234.504") == "1000234504")
        #expect(CompanyRules.normalizeEnterpriseNumber("1000.234.505") == nil)
    }

    @Test func enterpriseNumbersWithWrongCheckDigitsShapeOrLettersAreRefused() {
        for typed in ["0403.170.702", "0403.170.710", "0712.345.631", "2403.170.701", "12345", "04031707011", "0403.17O.701", "NL0403170701",
                      "", "BE", "0403170701x"] {
            #expect(CompanyRules.normalizeEnterpriseNumber(typed) == nil, "\(typed)")
        }
        #expect(!CompanyRules.isValidEnterpriseNumber("403170701"))
        #expect(CompanyRules.formatEnterpriseNumber("0403170701") == "0403.170.701")
    }

    // MARK: IBAN

    @Test func ibansPassTheISO13616CheckAndAreStoredCompact() {
        #expect(CompanyRules.normalizeIBAN("BE68 5390 0754 7034") == "BE68539007547034")
        #expect(CompanyRules.normalizeIBAN("be94 7350 0123 4514") == "BE94735001234514")
        #expect(CompanyRules.normalizeIBAN("NL91ABNA0417164300") == "NL91ABNA0417164300")
        #expect(CompanyRules.normalizeIBAN("DE89 3704 0044 0532 0130 00") == "DE89370400440532013000")
        #expect(CompanyRules.groupIBAN("BE68539007547034") == "BE68 5390 0754 7034")
    }

    @Test func ibansWithATypoOrTheWrongShapeAreRefused() {
        for typed in ["BE68 5390 0754 7035", "BE86 5390 0754 7034", "BE68 5390 0754 703", "BE685390075470344", "NL91ABNA0417164301",
                      "68BE539007547034", "BE68-5390-0754-7034!", "", "BE68", "BE68 5390 0754 7O34"] {
            #expect(CompanyRules.normalizeIBAN(typed) == nil, "\(typed)")
        }
    }

    // MARK: Other fields

    @Test func bicWebsiteAndPercentRules() {
        #expect(CompanyRules.isValidBIC("GKCCBEBB"))
        #expect(CompanyRules.isValidBIC("KREDBEBB123"))
        #expect(!CompanyRules.isValidBIC("GKCCBEB"))
        #expect(!CompanyRules.isValidBIC("12CCBEBB"))
        #expect(CompanyRules.isPlausibleWebsite("www.vandenbroucke-cars.be"))
        #expect(CompanyRules.isPlausibleWebsite("https://example.be/nl"))
        #expect(!CompanyRules.isPlausibleWebsite("javascript:alert(1)"))
        #expect(!CompanyRules.isPlausibleWebsite("exa mple.be"))
        #expect(!CompanyRules.isPlausibleWebsite("localhost"))
        #expect(CompanyRules.parsePercent("5") == 500)
        #expect(CompanyRules.parsePercent("7,5") == 750)
        #expect(CompanyRules.parsePercent("12.25 %") == 1225)
        #expect(CompanyRules.parsePercent("-1") == nil)
        #expect(CompanyRules.parsePercent("1,234") == nil)
        #expect(CompanyRules.parsePercent("abc") == nil)
        #expect(CompanyRules.formatPercent(750) == "7,5")
        #expect(CompanyRules.formatPercent(1225) == "12,25")
        #expect(CompanyRules.formatPercent(1005) == "10,05")
        #expect(CompanyRules.formatPercent(500) == "5")
    }

    static func valid() -> CompanyProfile {
        var p = CompanyProfile()
        p.name = "Garage Test"; p.legalForm = "BV"; p.street = "Kerkstraat 1"; p.postalCode = "9000"; p.city = "Gent"
        p.enterpriseNumber = "0403170701"; p.rprCourt = "Gent, afdeling Gent"; p.email = "info@garage.be"
        p.iban = "BE68539007547034"
        return p
    }

    @Test func aCompleteProfilePassesAndEachBrokenRuleIsNamedOnItsField() {
        #expect(CompanyRules.check(Self.valid()).isEmpty)
        var p = Self.valid()
        p.name = ""
        p.enterpriseNumber = "0403170702"
        p.iban = "BE68539007547035"
        p.email = "info@garage"
        p.phone = "call me"
        p.depositBasisPoints = 1_501
        p.deliveryDays = 0
        p.quoteValidityDays = 366
        p.discountApprovalBasisPoints = -1
        p.legalForm = String(repeating: "B", count: 21)
        let found = Dictionary(CompanyRules.check(p).map { ($0.field, $0.violation) }, uniquingKeysWith: { a, _ in a })
        #expect(found == [.name: .required, .enterpriseNumber: .companyEnterpriseNumberInvalid, .iban: .companyIBANInvalid,
                          .email: .companyEmailInvalid, .phone: .companyPhoneInvalid, .depositBasisPoints: .companyDepositRange,
                          .deliveryDays: .companyDaysRange, .quoteValidityDays: .companyDaysRange,
                          .discountApprovalBasisPoints: .companyPercentRange, .legalForm: .tooLong])
        p = Self.valid()
        p.depositBasisPoints = 1_500
        #expect(CompanyRules.check(p).isEmpty, "15 % is the most, and allowed")
        #expect(p.vatNumber == "BE0403170701")
    }

    @Test func onlyPNGAndJPEGUpToOneMegabyteMayBeTheLogo() {
        #expect(CompanyRules.checkLogo(detectedType: "image/png", size: 10) == nil)
        #expect(CompanyRules.checkLogo(detectedType: "image/jpeg", size: 1_000_000) == nil)
        #expect(CompanyRules.checkLogo(detectedType: "image/jpeg", size: 1_000_001) == .companyLogoTooLarge)
        #expect(CompanyRules.checkLogo(detectedType: "image/svg+xml", size: 10) == .companyLogoType)
        #expect(CompanyRules.checkLogo(detectedType: "application/pdf", size: 10) == .companyLogoType)
        #expect(CompanyRules.checkLogo(detectedType: nil, size: 10) == .companyLogoType)
        #expect(CompanyRules.checkLogo(detectedType: "image/png", size: 0) == .companyLogoEmpty)
    }
}
