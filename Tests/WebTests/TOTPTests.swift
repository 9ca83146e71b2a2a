import Foundation
import Security
import Testing

/// TOTP against the published test vectors, the window, replay refusal, base32 and recovery codes.
struct TOTPTests {
    static let rfcSecret = Array("12345678901234567890".utf8)

    /// RFC 6238, appendix B (SHA-1, 8 digits).
    @Test(arguments: [(Int64(59), "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"),
                      (1_234_567_890, "89005924"), (2_000_000_000, "69279037"), (20_000_000_000, "65353130")])
    func rfc6238Vectors(time: Int64, code: String) {
        #expect(TOTP(secret: Self.rfcSecret, digits: 8).code(at: time) == code)
    }

    /// RFC 4226, appendix D (HOTP, 6 digits, counters 0…9): the truncation under the TOTP.
    @Test func rfc4226Vectors() {
        let expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]
        let totp = TOTP(secret: Self.rfcSecret)
        #expect((0..<10).map { totp.code(step: Int64($0)) } == expected)
    }

    @Test func aCodeIsTakenWithinOneStepOfNowAndNeverTwice() {
        let totp = TOTP(secret: TOTP.newSecret())
        let now: Int64 = 1_784_116_815
        let step = TOTP.step(at: now)
        #expect(totp.matchingStep(totp.code(step: step), at: now, after: 0) == step)
        #expect(totp.matchingStep(totp.code(step: step - 1), at: now, after: 0) == step - 1, "30 s of clock drift")
        #expect(totp.matchingStep(totp.code(step: step + 1), at: now, after: 0) == step + 1)
        #expect(totp.matchingStep(totp.code(step: step - 2), at: now, after: 0) == nil, "too old")
        #expect(totp.matchingStep(totp.code(step: step + 2), at: now, after: 0) == nil)
        // Replay: once the step is used, the same code (and any earlier one) is refused.
        #expect(totp.matchingStep(totp.code(step: step), at: now, after: step) == nil)
        #expect(totp.matchingStep(totp.code(step: step - 1), at: now, after: step) == nil)
        #expect(totp.matchingStep(totp.code(step: step + 1), at: now, after: step) == step + 1)
        // Spaces as apps show them; anything but six digits is no code.
        let c = totp.code(step: step)
        #expect(totp.matchingStep(String(c.prefix(3)) + " " + String(c.suffix(3)), at: now, after: 0) == step)
        for bad in ["", "12345", "1234567", "abcdef", "12345a", "١٢٣٤٥٦"] { #expect(totp.matchingStep(bad, at: now, after: 0) == nil) }
    }

    @Test func base32RoundTripsAndReadsWhatPeopleType() {
        #expect(Base32.encode(Array("foobar".utf8)) == "MZXW6YTBOI")  // RFC 4648 §10
        #expect(Base32.encode(Array("f".utf8)) == "MY")
        #expect(Base32.decode("mzxw 6ytb oi======") == Array("foobar".utf8))
        #expect(Base32.decode("MZXW1") == nil)
        let secret = TOTP.newSecret()
        #expect(secret.count == 20 && Base32.decode(Base32.encode(secret)) == secret)
        #expect(Base32.grouped(secret).split(separator: " ").count == 8)
        let uri = TOTP(secret: secret).provisioningURI(account: "anna b")
        #expect(uri.hasPrefix("otpauth://totp/Showroom:anna%20b?secret=" + Base32.encode(secret) + "&issuer=Showroom"))
    }

    @Test func recoveryCodesAreDistinctAndNormalised() {
        let codes = RecoveryCodes.generate()
        #expect(codes.count == 10 && Set(codes).count == 10)
        for c in codes { #expect(RecoveryCodes.normalise(c.uppercased().replacingOccurrences(of: "-", with: " ")) == c) }
        #expect(RecoveryCodes.normalise("abcde-fghi") == nil)
        #expect(RecoveryCodes.normalise("abcde-fghi1") == nil, "1 is not base32")
        #expect(RecoveryCodes.storageHash("abcde-fghij").count == 32)
    }
}
