import Foundation
import GRDB
import Showroom
@testable import Store
import Testing

struct CompanyStoreTests {
    static let now = Instant(seconds: 1_784_116_800)

    static func valid() -> CompanyProfile {
        var p = CompanyProfile()
        p.name = "Garage Test"; p.legalForm = "NV"; p.street = "Kerkstraat 1"; p.postalCode = "9000"; p.city = "Gent"
        p.enterpriseNumber = "0403170701"; p.rprCourt = "Gent, afdeling Gent"; p.email = "info@garage.be"; p.iban = "BE68539007547034"
        p.legalWarranty = LocalizedName(nl: "Twee jaar", fr: "Deux ans", en: "Two years")
        return p
    }

    @Test func aNewDatabaseHasOneEmptyProfileWithTheDefaults() throws {
        let f = try Fixture()
        let p = try f.database.companyProfile()
        #expect(p.name == "")
        #expect(p.version == 1)
        #expect(p.deliveryDays == 30 && p.quoteValidityDays == 30 && p.discountApprovalBasisPoints == 500 && p.depositBasisPoints == 0)
        #expect(p.logo == nil && p.logoMimeType == nil)
    }

    @Test func savingStoresEveryFieldBumpsTheVersionAndLogsEachChange() throws {
        let f = try Fixture()
        var p = Self.valid()
        p.depositBasisPoints = 1_000
        p.commercialWarranty = LocalizedName(nl: "Fabriek", fr: "Usine", en: "Factory")
        try f.database.saveCompanyProfile(p, version: 1, actor: Fixture.sofie, now: Self.now)
        let read = try f.database.companyProfile()
        var expected = p
        expected.version = 2
        #expect(read == expected)
        let changes = try f.database.read { db in
            try String.fetchAll(db, sql: "SELECT change FROM access_log WHERE subject = 'settings:company' ORDER BY change")
        }
        #expect(changes.contains("company.name") && changes.contains("company.enterprise_number") && changes.contains("company.deposit_basis_points"))
        #expect(!changes.contains("company.delivery_days"), "unchanged fields are not logged")
    }

    @Test func aStaleVersionIsAConflictAndNothingIsWritten() throws {
        let f = try Fixture()
        try f.database.saveCompanyProfile(Self.valid(), version: 1, actor: Fixture.sofie, now: Self.now)
        var other = Self.valid()
        other.name = "Someone Else BV"
        #expect(throws: StoreError.conflict) { try f.database.saveCompanyProfile(other, version: 1, actor: Fixture.jan, now: Self.now) }
        #expect(try f.database.companyProfile().name == "Garage Test")
        #expect(try f.database.companyProfile().version == 2)
    }

    @Test func aProfileBreakingARuleIsRefusedByTheStoreAndTheSchema() throws {
        let f = try Fixture()
        var p = Self.valid()
        p.enterpriseNumber = "0403170702"
        #expect(throws: StoreError.invalid(.companyEnterpriseNumberInvalid)) { try f.database.saveCompanyProfile(p, version: 1, actor: Fixture.sofie, now: Self.now) }
        #expect(try f.database.companyProfile().enterpriseNumber == "")
        // The table's own constraints hold even for SQL that bypasses the façade.
        #expect(throws: DatabaseError.self) { try f.database.write { db in try db.execute(sql: "UPDATE company_profile SET deposit_basis_points = 1501") } }
        #expect(throws: DatabaseError.self) { try f.database.write { db in try db.execute(sql: "INSERT INTO company_profile (id) VALUES (2)") } }
        #expect(throws: DatabaseError.self) {
            try f.database.write { db in try db.execute(sql: "INSERT INTO company_logo (id, mime_type, bytes, sha256, uploaded_at) VALUES (1, 'image/svg+xml', x'3c', ?, 0)", arguments: [String(repeating: "a", count: 64)]) }
        }
    }

    @Test func theLogoIsReplacedRemovedAndLoggedAndComesBackWithTheProfile() throws {
        let f = try Fixture()
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]
        try f.database.setCompanyLogo(bytes: png, mimeType: "image/png", sha256: String(repeating: "b", count: 64), actor: Fixture.sofie, now: Self.now)
        var p = try f.database.companyProfile()
        #expect(p.logo == png && p.logoMimeType == "image/png")
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0]
        try f.database.setCompanyLogo(bytes: jpeg, mimeType: "image/jpeg", sha256: String(repeating: "c", count: 64), actor: Fixture.sofie, now: Self.now)
        p = try f.database.companyProfile()
        #expect(p.logo == jpeg && p.logoMimeType == "image/jpeg")
        #expect(try f.database.companyLogo()?.sha256 == String(repeating: "c", count: 64))
        #expect(throws: StoreError.invalid(.companyLogoType)) {
            try f.database.setCompanyLogo(bytes: [1], mimeType: "application/pdf", sha256: String(repeating: "d", count: 64), actor: Fixture.sofie, now: Self.now)
        }
        try f.database.removeCompanyLogo(actor: Fixture.sofie, now: Self.now)
        #expect(try f.database.companyProfile().logo == nil)
        let logged = try f.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM access_log WHERE change = 'company.logo'") }
        #expect(logged == 3)
    }

    @Test func theDemoDealerHasValidCheckDigitsAndAPNGLogo() throws {
        let db = try AppDatabase(inMemory: ())
        try DemoData(leadCount: 5, seed: 1, now: Self.now, hashPassword: { _ in "x" }).load(into: db)
        let p = try db.companyProfile()
        #expect(CompanyRules.check(p).isEmpty)
        #expect(CompanyRules.isValidEnterpriseNumber(p.enterpriseNumber))
        #expect(CompanyRules.normalizeIBAN(p.iban) == p.iban)
        #expect(p.logoMimeType == "image/png")
        #expect(Array(p.logo?.prefix(8) ?? []) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }
}
