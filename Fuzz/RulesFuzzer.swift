// libFuzzer harnesses for the domain's parsers of typed text (Sources/Showroom): amounts of
// money, VAT / enterprise numbers, VINs, e-mail addresses. One binary; FUZZ_TARGET (money,
// vat, vin, email) picks the parser. Built and run by scripts/fuzz.sh with
// -sanitize=fuzzer,address. Besides "never crashes", each checks a property:
//   money   a parsed amount is ≥ 0 and below € 10^12, and its Belgian notation parses back to it
//   vat     a normalised enterprise number passes the mod-97 check and parses back from its
//           dotted and `BE` forms; normalizeVAT is idempotent
//   vin     normalizeVIN is idempotent; a valid VIN is 17 characters without I, O, Q
//   email   a plausible address has exactly one '@', a non-empty local part, no white space

import Glibc

nonisolated(unsafe) var target = "money"

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> Int32 {
    if let t = getenv("FUZZ_TARGET") { target = String(cString: t) }
    guard ["money", "vat", "vin", "email"].contains(target) else { fatalError("FUZZ_TARGET must be money, vat, vin or email") }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    switch target {
    case "money":
        guard let m = VehicleRules.parseEuros(text) else { return 0 }
        precondition(m.cents >= 0 && m.cents < 100_000_000_000_000, "amount out of range: \(m.cents)")
        precondition(VehicleRules.parseEuros(m.belgian) == m, "\(m.belgian) does not parse back to \(m.cents) cents")
    case "vat":
        let v = ContactRules.normalizeVAT(text)
        precondition(ContactRules.normalizeVAT(v) == v, "normalizeVAT is not idempotent")
        _ = ContactRules.isPlausibleVAT(v)
        guard let digits = CompanyRules.normalizeEnterpriseNumber(text) else { return 0 }
        precondition(CompanyRules.isValidEnterpriseNumber(digits), "\(digits) fails its own check")
        precondition(CompanyRules.normalizeEnterpriseNumber(CompanyRules.formatEnterpriseNumber(digits)) == digits)
        precondition(CompanyRules.normalizeEnterpriseNumber("BE" + digits) == digits)
        precondition(ContactRules.isPlausibleVAT("BE" + digits))
    case "vin":
        let v = VehicleRules.normalizeVIN(text)
        precondition(VehicleRules.normalizeVIN(v) == v, "normalizeVIN is not idempotent")
        if VehicleRules.isValidVIN(v) {
            precondition(v.utf8.count == 17 && !v.contains("I") && !v.contains("O") && !v.contains("Q"))
        }
    default:  // email
        guard ContactRules.isPlausibleEmail(text) else { return 0 }
        let at = text.filter { $0 == "@" }.count
        precondition(at == 1, "\(at) '@' in a plausible address")
        precondition(!text.hasPrefix("@") && !text.contains(where: \.isWhitespace), "empty local part or white space")
    }
    return 0
}
