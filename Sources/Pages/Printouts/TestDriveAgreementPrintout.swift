import Printing
import Showroom

/// What the test-drive agreement prints: the dealer, the driver and their licence (its number,
/// category and expiry as seen, never a scan), the car and its plate, the times, the odometer,
/// the conditions and the signature blocks.
public struct TestDriveAgreementModel: Sendable, Equatable {
    public var company: PrintoutCompany
    /// `T-000042`.
    public var number: String
    public var date: CalendarDate
    public var driverName: String
    public var driverBirthDate: CalendarDate?
    public var driverAddress: PrintoutAddress
    public var driverPhone: String
    public var driverEmail: String
    public var licenceNumber: String
    public var licenceCategory: String
    public var licenceExpiry: CalendarDate?
    /// `Sarah Peeters, 02/12/2026 10:05`, or nil when nobody recorded seeing the licence.
    public var licenceChecked: String?
    public var car: PrintoutCar
    public var plate: String
    /// `02/12/2026 14:00`.
    public var start: String
    public var end: String
    public var odometerOutKm: Int?
    public var odometerInKm: Int?
    public var salesperson: String

    public init(company: PrintoutCompany, number: String, date: CalendarDate, driverName: String, driverBirthDate: CalendarDate?,
                driverAddress: PrintoutAddress, driverPhone: String, driverEmail: String, licenceNumber: String, licenceCategory: String,
                licenceExpiry: CalendarDate?, licenceChecked: String?, car: PrintoutCar, plate: String, start: String, end: String,
                odometerOutKm: Int?, odometerInKm: Int?, salesperson: String) {
        self.company = company; self.number = number; self.date = date; self.driverName = driverName; self.driverBirthDate = driverBirthDate
        self.driverAddress = driverAddress; self.driverPhone = driverPhone; self.driverEmail = driverEmail; self.licenceNumber = licenceNumber
        self.licenceCategory = licenceCategory; self.licenceExpiry = licenceExpiry; self.licenceChecked = licenceChecked; self.car = car
        self.plate = plate; self.start = start; self.end = end; self.odometerOutKm = odometerOutKm; self.odometerInKm = odometerInKm
        self.salesperson = salesperson
    }
}

/// The test-drive agreement (spec: sales-documents.md, "Test drive"), in the driver's language.
public enum TestDriveAgreementPrintout {
    public static func render(_ model: TestDriveAgreementModel, language: Language) throws -> [UInt8] {
        try document(model, language: language).render()
    }

    /// The conditions the driver signs, in order (catalog keys).
    public static let conditionKeys = (1...7).map { "print.testdrive.cond.\($0)" }

    static func document(_ m: TestDriveAgreementModel, language: Language) -> PrintDocument {
        // The company header, footer and car block are the quote printouts'; the rest of their
        // model (lines, totals, warranties) is not used here.
        let frame = PrintoutModel(company: m.company, customer: PrintoutCustomer(name: m.driverName, address: m.driverAddress, phone: m.driverPhone, email: m.driverEmail),
                                  salesperson: PrintoutSalesperson(name: m.salesperson, phone: m.company.phone, email: m.company.email),
                                  documentNumber: m.number, date: m.date, validUntil: m.date, placeOfSigning: "", car: m.car, lines: [],
                                  totals: PrintoutTotals(exclVATCents: 0, vatCents: 0, inclVATCents: 0), marginScheme: false,
                                  legalWarranty: "", documentsHandedOver: [])
        let p = PrintoutParts(frame, language)
        let t = p.t
        let title = t("print.testdrive.title", ["number": m.number])
        var driver = [KeyValue(t("print.name"), m.driverName)]
        if let birth = m.driverBirthDate { driver.append(KeyValue(t("print.testdrive.birth_date"), birth.belgian)) }
        if !m.driverAddress.lines.isEmpty { driver.append(KeyValue(t("print.address"), m.driverAddress.lines.joined(separator: "\n"))) }
        if !m.driverPhone.isEmpty { driver.append(KeyValue(t("print.phone"), m.driverPhone)) }
        if !m.driverEmail.isEmpty { driver.append(KeyValue(t("print.email"), m.driverEmail)) }
        driver += [
            KeyValue(t("print.testdrive.licence"), m.licenceNumber),
            KeyValue(t("print.testdrive.category"), m.licenceCategory),
            KeyValue(t("print.testdrive.expiry"), m.licenceExpiry?.belgian ?? "—"),
            KeyValue(t("print.testdrive.checked"), m.licenceChecked ?? t("print.testdrive.not_checked")),
        ]
        var car = [
            KeyValue(t("print.car.make_model"), m.car.make + " " + m.car.model),
            KeyValue(t("print.car.version"), m.car.version),
            KeyValue(t("print.car.vin"), m.car.vin ?? "—"),
            KeyValue(t("print.testdrive.plate"), m.plate.isEmpty ? "—" : m.plate),
        ]
        car.append(KeyValue(t("print.car.condition"), t("print.condition." + m.car.condition.rawValue)))
        let km = { (v: Int?) in v.map { p.grouped($0) + " km" } ?? "________ km" }
        let times = [
            KeyValue(t("print.testdrive.start"), m.start),
            KeyValue(t("print.testdrive.end"), m.end),
            KeyValue(t("print.testdrive.odometer_out"), km(m.odometerOutKm)),
            KeyValue(t("print.testdrive.odometer_in"), km(m.odometerInKm)),
        ]
        var blocks: [Block] = [p.header, .rule, .spacer(4), .text(title, style: .title), .spacer(4),
                               .sideBySide([.stack([.heading(t("print.testdrive.driver")), .keyValues(driver, keyFraction: 0.4)]),
                                            .stack([.heading(t("print.car")), .keyValues(car, keyFraction: 0.4)])]),
                               .spacer(4), .heading(t("print.testdrive.when")), .keyValues(times), .spacer(4),
                               .heading(t("print.testdrive.conditions"))]
        for (n, key) in conditionKeys.enumerated() { blocks.append(.text("\(n + 1). " + t(key))) }
        blocks.append(.text(t("print.testdrive.privacy"), style: .small))
        blocks.append(.spacer(6))
        let signature = { (title: String) -> Block in
            .box(title: title, content: [.text(t("print.order.read_and_approved"), style: .small)], minHeight: 78)
        }
        blocks.append(.sideBySide([signature(t("print.testdrive.signature_driver")), signature(t("print.testdrive.signature_dealer", ["name": m.salesperson]))]))
        return p.document(title: title, blocks: blocks)
    }
}
