import Showroom
import Web

// The one place where the domain's and the store's codes become catalog keys (and CSS
// names): the domain names no text. The catalog tests check every code has its sentence in
// every language.

extension RuleViolation {
    /// The catalog key of the sentence that explains the rule broken.
    var catalogKey: String {
        switch self {
        case .required: return "form.required"
        case .tooLong: return "form.too_long"
        case .invalidDateTime: return "form.datetime_invalid"
        case .invalidChoice: return "form.invalid_choice"
        case .deadlineInPast: return "deadline.in_past"
        case .deadlineTooFar: return "deadline.too_far"
        case .deadlineLeadClosed: return "deadline.lead_closed"
        case .deadlineAlreadyDone: return "deadline.already_done"
        case .taskStartOutOfRange: return "task.start_range"
        case .taskDurationOutOfRange: return "task.duration_range"
        case .taskAlreadyDone: return "task.already_done"
        case .taskAssigneeCannotSeeLead: return "task.assignee_cannot_see"
        case .assigneeUnknown: return "assign.unknown_user"
        case .assigneeNotInBranch: return "assign.not_in_branch"
        case .assignmentUnchanged: return "assign.unchanged"
        case .lostReasonRequired: return "status.reason_required"
        case .contactAlreadyLinked: return "contacts.already_linked"
        case .quantityOutOfRange: return "quote.quantity_range"
        case .priceOutOfRange: return "quote.price_range"
        case .vatRateOutOfRange: return "quote.vat_rate_range"
        case .vatTreatmentNotAllowed: return "quote.vat_treatment"
        case .discountTargetInvalid: return "quote.discount_target"
        case .discountPercentOutOfRange: return "quote.discount_percent_range"
        case .discountExceedsLine: return "quote.discount_exceeds_line"
        case .quoteEmpty: return "quote.empty"
        case .quoteVehicleCount: return "quote.vehicle_count"
        case .quoteTotalNegative: return "quote.total_negative"
        case .quoteTransitionNotAllowed: return "quote.transition"
        case .quoteNeedsApproval: return "quote.needs_approval"
        case .quoteApprovalNotPermitted: return "quote.approval_not_permitted"
        case .quoteExpired: return "quote.expired"
        case .quoteValidityBeforeIssue: return "quote.validity_before_issue"
        case .depositTooHigh: return "orderform.deposit_too_high"
        case .depositNegative: return "orderform.deposit_negative"
        case .deliveryBeforeSigning: return "orderform.delivery_before_signing"
        case .warrantyNotAllowed: return "orderform.warranty"
        case .companyEnterpriseNumberInvalid: return "company.error.enterprise_number"
        case .companyIBANInvalid: return "company.error.iban"
        case .companyBICInvalid: return "company.error.bic"
        case .companyEmailInvalid: return "company.error.email"
        case .companyPhoneInvalid: return "company.error.phone"
        case .companyWebsiteInvalid: return "company.error.website"
        case .companyDepositRange: return "company.error.deposit"
        case .companyDaysRange: return "company.error.days"
        case .companyPercentRange: return "company.error.percent"
        case .companyLogoType: return "company.error.logo_type"
        case .companyLogoTooLarge: return "company.error.logo_size"
        case .companyLogoEmpty: return "company.error.logo_empty"
        case .vinInvalid: return "vehicle.vin_invalid"
        case .vinTaken: return "vehicle.vin_taken"
        case .wltpRequired: return "vehicle.wltp_required"
        case .co2Required: return "vehicle.co2_required"
        case .wltpOutOfRange: return "vehicle.wltp_range"
        case .co2OutOfRange: return "vehicle.co2_range"
        case .powerOutOfRange: return "vehicle.power_range"
        case .askingPriceOutOfRange: return "vehicle.price_range"
        case .odometerRequired: return "vehicle.odometer_required"
        case .odometerOutOfRange: return "vehicle.odometer_range"
        case .firstRegistrationRequired: return "vehicle.first_registration_required"
        case .firstRegistrationInFuture: return "vehicle.first_registration_future"
        case .marginOnlyForUsed: return "vehicle.margin_used_only"
        case .vehicleNotAvailable: return "vehicle.not_available"
        case .tradeInAmountOutOfRange: return "tradein.amount_range"
        case .tradeInReasonRequired: return "tradein.reason_required"
        case .tradeInAlreadyDecided: return "tradein.already_decided"
        case .tradeInApprovalNotPermitted: return "tradein.approval_not_permitted"
        case .tradeInInUse: return "tradein.in_use"
        case .tradeInCreditNotApproved: return "quote.tradein_not_approved"
        case .tradeInCreditPriceDiffers: return "quote.tradein_price_differs"
        case .testDriveInPast: return "testdrive.in_past"
        case .testDriveTooFar: return "testdrive.too_far"
        case .testDriveDurationOutOfRange: return "testdrive.duration_range"
        case .licenceExpired: return "testdrive.licence_expired"
        case .driverTooYoung: return "testdrive.driver_too_young"
        case .vehicleNotBookable: return "testdrive.not_bookable"
        case .testDriveOverlap: return "testdrive.overlap"
        case .odometerBackwards: return "testdrive.odometer_backwards"
        case .testDriveNotPlanned: return "testdrive.not_planned"
        case .driverNotOnLead: return "testdrive.driver_not_on_lead"
        case .mailNotRetryable: return "mail.not_retryable"
        case .mailNotCancellable: return "mail.not_cancellable"
        }
    }
}

extension HTTPError.Reason {
    /// The catalog key of the explanation on the error page.
    var catalogKey: String {
        switch self {
        case .malformed: return "error.malformed"
        case .forged: return "error.csrf"
        case .key(let key): return key
        }
    }
}

extension LeadStatus {
    /// The catalog key of the status name.
    var labelKey: String {
        switch self {
        case .inProgress: return "status.in_progress"
        case .won: return "status.won"
        case .lost: return "status.lost"
        }
    }

    /// The CSS name of the status colour shared by the lead header, the status button, the
    /// overview's rows and the status choice (`status-won`, `badge-won` in www/showroom.css).
    var colourName: String {
        switch self {
        case .inProgress: return "in-progress"
        case .won: return "won"
        case .lost: return "lost"
        }
    }
}

extension FieldErrors {
    /// Records the rule `field` breaks, as the sentence shown beside it.
    mutating func add(_ field: String, _ violation: RuleViolation) { add(field, violation.catalogKey) }
}
