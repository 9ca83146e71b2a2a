/// What a rule of the domain or the store refuses, as a code. The domain names no text:
/// Pages turns each code into a sentence in the user's language.
public enum RuleViolation: Error, Hashable, Sendable, CaseIterable {
    // Any field.
    case required
    case tooLong
    case invalidDateTime
    /// A value that is not one of those offered (an inactive branch, an unknown source).
    case invalidChoice

    // Deadlines.
    case deadlineInPast
    case deadlineTooFar
    /// A closed lead gets no new deadlines.
    case deadlineLeadClosed
    case deadlineAlreadyDone

    // Tasks.
    case taskStartOutOfRange
    case taskDurationOutOfRange
    case taskAlreadyDone
    /// The chosen assignee could not open the task's lead.
    case taskAssigneeCannotSeeLead

    // Assigning a lead.
    /// The chosen responsible is not an active user who may see leads.
    case assigneeUnknown
    /// The chosen responsible does not work in the chosen branch.
    case assigneeNotInBranch
    case assignmentUnchanged

    // Status.
    /// Losing a lead needs a reason from the list.
    case lostReasonRequired

    // Contacts.
    case contactAlreadyLinked

    // Quotes (see QuoteLine, QuoteCalculation, QuoteStatus).
    /// A quantity outside 1...999 (or not 1 on a discount or trade-in line).
    case quantityOutOfRange
    /// A price below 0 or above € 10 million (or 0 where an amount is needed).
    case priceOutOfRange
    /// A VAT rate outside 0–100 %.
    case vatRateOutOfRange
    /// Margin scheme on a line other than the vehicle, or "outside VAT" on a sold line.
    case vatTreatmentNotAllowed
    /// A discount that names no line, itself, another discount or a trade-in.
    case discountTargetInvalid
    /// A discount percentage outside 0,01–100 %.
    case discountPercentOutOfRange
    /// The discounts of a line together exceed that line's price.
    case discountExceedsLine
    case quoteEmpty
    /// A quote has exactly one vehicle line.
    case quoteVehicleCount
    /// Trade-in credit and discounts larger than what is sold.
    case quoteTotalNegative
    /// The step is not possible from the quote's current status.
    case quoteTransitionNotAllowed
    /// The discounts exceed the limit: a manager's approval is needed before sending.
    case quoteNeedsApproval
    /// Approving needs `quotes.approve`.
    case quoteApprovalNotPermitted
    /// The validity date has passed: the quote cannot be accepted (make a new version).
    case quoteExpired
    /// A validity date before the issue date.
    case quoteValidityBeforeIssue

    // Order forms.
    /// A deposit above the allowed share of the total incl. VAT, or negative.
    case depositTooHigh
    case depositNegative
    /// A latest delivery date before the signing date.
    case deliveryBeforeSigning
    /// A legal warranty other than 2 years, or 1 year for a used car.
    case warrantyNotAllowed

    // The company profile.
    case companyEnterpriseNumberInvalid
    case companyIBANInvalid
    case companyBICInvalid
    case companyEmailInvalid
    case companyPhoneInvalid
    case companyWebsiteInvalid
    case companyDepositRange
    case companyDaysRange
    case companyPercentRange
    case companyLogoType
    case companyLogoTooLarge
    case companyLogoEmpty
    // Vehicles (stock).
    /// Not 17 characters of A–Z/0–9 without I, O and Q.
    case vinInvalid
    /// Another car in stock has this VIN.
    case vinTaken
    /// A new car needs its WLTP use.
    case wltpRequired
    /// A new car needs its WLTP CO₂.
    case co2Required
    case wltpOutOfRange
    case co2OutOfRange
    case powerOutOfRange
    /// A car's asking price of zero or less, or over € 10 million (a purchase price below zero or over it).
    case askingPriceOutOfRange
    /// A used or demo car needs its odometer reading.
    case odometerRequired
    case odometerOutOfRange
    /// A used or demo car needs its first registration date.
    case firstRegistrationRequired
    case firstRegistrationInFuture
    /// The margin scheme is only for used cars.
    case marginOnlyForUsed
    /// The car is reserved or sold: it cannot be reserved (or sold) again.
    case vehicleNotAvailable

    // Trade-ins (see TradeInRules).
    /// An amount of a trade-in (offered price, value, repair cost, finance) below zero or
    /// over € 10 million; the offered price must be above zero.
    case tradeInAmountOutOfRange
    /// Refusing a trade-in needs a reason.
    case tradeInReasonRequired
    /// Only a proposed trade-in can be approved or refused.
    case tradeInAlreadyDecided
    /// Approving or refusing needs `tradeins.approve`.
    case tradeInApprovalNotPermitted
    /// An approved trade-in may be credited on a quote: it is not deleted.
    case tradeInInUse
    /// A trade-in credit line must credit one of the lead's approved trade-ins.
    case tradeInCreditNotApproved
    /// A trade-in credit line credits exactly the approved price (a discount is never hidden
    /// inside a higher trade-in price).
    case tradeInCreditPriceDiffers

    // Test drives (see TestDriveRules).
    /// The start lies in the past (beyond a few minutes' grace for a walk-in drive).
    case testDriveInPast
    /// The start lies more than a year ahead.
    case testDriveTooFar
    /// Shorter than 15 minutes or longer than a day.
    case testDriveDurationOutOfRange
    /// The licence expires before the drive's day.
    case licenceExpired
    /// The driver is under 18 on the day of the drive.
    case driverTooYoung
    /// The car is sold, or reserved and not a demo car: it cannot be booked.
    case vehicleNotBookable
    /// The car is booked for an overlapping test drive (the store names which).
    case testDriveOverlap
    /// The odometer on return is below the odometer on departure.
    case odometerBackwards
    /// Only a planned test drive can be changed or given an outcome.
    case testDriveNotPlanned
    /// The driver chosen as contact is not one of the lead's contacts.
    case driverNotOnLead
    /// Only a waiting or failed mail can be put back in the queue.
    case mailNotRetryable
    /// Only a waiting or failed mail can be cancelled.
    case mailNotCancellable
}
