/// The settings the order-form rules read (from the dealer's settings).
public struct OrderFormPolicy: Hashable, Sendable {
    /// The largest deposit, as a share of the total incl. VAT (1500 = 15 %) *(check)*.
    public var maxDepositBasisPoints: Int
    /// The latest delivery date when none is agreed: signing date + this many days.
    public var deliveryDays: Int
    public init(maxDepositBasisPoints: Int = 1_500, deliveryDays: Int = 30) {
        self.maxDepositBasisPoints = maxDepositBasisPoints; self.deliveryDays = deliveryDays
    }
    public static let `default` = OrderFormPolicy()
}

/// Where the sale is concluded; decides the right of withdrawal (art. VI.47 WER).
public enum SaleChannel: String, CaseIterable, Sendable {
    case showroom
    /// At a distance (phone, web, e-mail).
    case distance
    /// Off the premises (at the customer's home, at a fair…).
    case offPremises = "off_premises"

    /// Days the consumer may withdraw: none for a showroom sale, 14 otherwise.
    public var withdrawalDays: Int { self == .showroom ? 0 : 14 }
}

/// A document handed over with the car, listed on the order form.
public enum HandedOverDocument: String, CaseIterable, Sendable {
    /// Kentekenbewijs / certificat d'immatriculation.
    case registrationCertificate = "registration_certificate"
    /// Gelijkvormigheidsattest / certificat de conformité (COC).
    case certificateOfConformity = "certificate_of_conformity"
    /// Car-Pass (used cars: without it the buyer may annul the sale).
    case carPass = "car_pass"
}

/// The legal warranty on the order form.
public enum LegalWarranty {
    /// Two years, the legal period.
    public static let standardMonths = 24
    /// A used car's warranty may be shortened to one year by agreement *(check)*.
    public static let usedCarMinimumMonths = 12

    /// The periods an order form may state: 24 months, or 12 for a used car by agreement.
    public static func allowedMonths(usedCar: Bool) -> [Int] {
        usedCar ? [usedCarMinimumMonths, standardMonths] : [standardMonths]
    }

    public static func check(months: Int, usedCar: Bool) -> RuleViolation? {
        allowedMonths(usedCar: usedCar).contains(months) ? nil : .warrantyNotAllowed
    }
}

/// The rules of the order form (bestelbon) of a consumer car sale, KB 5 April 2019.
/// A "used car" here is one that is not new for VAT purposes or was registered before
/// (the caller decides from the vehicle's condition; a demo car that was registered is used *(check)*).
public enum OrderFormRules {
    /// The largest deposit allowed on `totalInclCents`, rounded down to the cent.
    public static func maxDepositCents(totalInclCents: Int64, policy: OrderFormPolicy = .default) -> Int64 {
        guard totalInclCents > 0 else { return 0 }
        return totalInclCents * Int64(policy.maxDepositBasisPoints) / 10_000
    }

    /// Nil when `depositCents` (0 = no deposit) is allowed on a total of `totalInclCents`.
    public static func checkDeposit(_ depositCents: Int64, totalInclCents: Int64, policy: OrderFormPolicy = .default) -> RuleViolation? {
        if depositCents < 0 { return .depositNegative }
        return depositCents > maxDepositCents(totalInclCents: totalInclCents, policy: policy) ? .depositTooHigh : nil
    }

    /// The latest delivery date when none is agreed: signing date + `policy.deliveryDays` (30).
    public static func defaultLatestDelivery(signedOn: CalendarDate, policy: OrderFormPolicy = .default) -> CalendarDate {
        signedOn.adding(days: policy.deliveryDays)
    }

    /// An agreed latest delivery date may not lie before the signing date.
    public static func checkLatestDelivery(_ date: CalendarDate, signedOn: CalendarDate) -> RuleViolation? {
        date < signedOn ? .deliveryBeforeSigning : nil
    }

    /// The documents handed over with the car: the registration certificate and the
    /// certificate of conformity, and the Car-Pass for a used car.
    public static func documentsHandedOver(usedCar: Bool) -> [HandedOverDocument] {
        usedCar ? [.registrationCertificate, .certificateOfConformity, .carPass] : [.registrationCertificate, .certificateOfConformity]
    }

    /// The number of months of legal warranty a new order form starts with.
    public static func defaultWarrantyMonths() -> Int { LegalWarranty.standardMonths }

    /// "New" for VAT (art. 8bis §2 2° WBTW): a car supplied at most 6 months after its first
    /// registration, or with at most 6,000 km. A car never registered is new.
    /// - `firstRegistration`: nil when never registered. `odometerKm`: nil when unknown.
    public static func isNewForVAT(firstRegistration: CalendarDate?, odometerKm: Int?, suppliedOn: CalendarDate) -> Bool {
        guard let first = firstRegistration else { return true }
        if suppliedOn <= first.adding(months: 6) { return true }
        if let km = odometerKm, km <= 6_000 { return true }
        return false
    }
}
