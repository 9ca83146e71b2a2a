import Showroom
import Store

/// The dealer's settings that shape quotes and order forms: how long a quote is valid, the
/// discount above which a manager approves, the deposit and delivery defaults, the place of
/// signing. Read from the company profile in Settings; the domain's defaults where it is blank.
struct QuoteSettings {
    var validityDays = QuoteValidity.defaultDays
    var discountPolicy = DiscountPolicy.default
    var orderFormPolicy = OrderFormPolicy.default
    /// The default deposit, as a share of the total (basis points).
    var depositBasisPoints = 0
    var defaultPlace = ""

    init(_ db: AppDatabase) throws {
        let company = try db.companyProfile(withLogo: false)
        validityDays = company.quoteValidityDays
        discountPolicy = DiscountPolicy(limitBasisPoints: company.discountApprovalBasisPoints)
        orderFormPolicy = OrderFormPolicy(deliveryDays: company.deliveryDays)
        depositBasisPoints = company.depositBasisPoints
        defaultPlace = company.city
    }

    /// The default deposit for a total, rounded down to the euro, never above the maximum.
    func defaultDepositCents(totalInclCents: Int64) -> Int64 {
        let wanted = totalInclCents * Int64(depositBasisPoints) / 10_000 / 100 * 100
        return min(wanted, OrderFormRules.maxDepositCents(totalInclCents: totalInclCents, policy: orderFormPolicy))
    }
}
