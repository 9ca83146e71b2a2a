/// What happened at a sign-in (or to an account's own security), as the audit list records it.
public enum SignInOutcome: String, Sendable, CaseIterable {
    case signedIn = "signed_in"
    case passwordWrong = "password_wrong"
    case unknownUser = "unknown_user"
    case locked
    case inactive
    case codeWrong = "code_wrong"
    case codeReplayed = "code_replayed"
    case recoveryCodeUsed = "recovery_code_used"
    case twoFactorSetUp = "two_factor_set_up"
    case passwordChanged = "password_changed"
    case signedOut = "signed_out"

    /// Whether the entry is a refusal (shown as such in the list).
    public var isFailure: Bool {
        switch self {
        case .passwordWrong, .unknownUser, .locked, .inactive, .codeWrong, .codeReplayed: return true
        default: return false
        }
    }
}

public struct SignInAuditEntry: Equatable, Sendable {
    public var at: Instant
    public var userID: Int64?
    /// The account's display name when it exists, else the name as typed.
    public var name: String
    public var outcome: SignInOutcome
    public var address: String
    public var userAgent: String
    public init(at: Instant, userID: Int64?, name: String, outcome: SignInOutcome, address: String, userAgent: String) {
        self.at = at; self.userID = userID; self.name = name; self.outcome = outcome; self.address = address; self.userAgent = userAgent
    }
}

/// One of a user's open sessions, as their own sessions list shows it. `id` names it in forms
/// (the hex of the stored token hash: not the token, and useless to anyone but its owner).
public struct SessionSummary: Equatable, Sendable {
    public var id: String
    public var createdAt: Instant
    public var lastSeenAt: Instant
    public var address: String
    public var userAgent: String
    public var isCurrent: Bool
    public init(id: String, createdAt: Instant, lastSeenAt: Instant, address: String, userAgent: String, isCurrent: Bool) {
        self.id = id; self.createdAt = createdAt; self.lastSeenAt = lastSeenAt; self.address = address; self.userAgent = userAgent; self.isCurrent = isCurrent
    }
}

/// A user's two-factor state.
public struct TwoFactorState: Equatable, Sendable {
    /// The secret in use, when two-factor is on.
    public var secret: [UInt8]?
    public var lastStep: Int64
    /// A secret being set up (shown to the user until confirmed with a code).
    public var pending: [UInt8]?
    /// The user's profile requires two-factor sign-in.
    public var required: Bool
    public var recoveryCodesLeft: Int
    public var enabled: Bool { secret != nil }
    public init(secret: [UInt8]?, lastStep: Int64, pending: [UInt8]?, required: Bool, recoveryCodesLeft: Int) {
        self.secret = secret; self.lastStep = lastStep; self.pending = pending; self.required = required; self.recoveryCodesLeft = recoveryCodesLeft
    }
}

public enum AccountSecurityPolicy {
    /// A password's least length (as for `showroom user create` and the admin's reset).
    public static let minimumPasswordLength = 10
    /// How long the second step of a sign-in may wait.
    public static let challengeSeconds: Int64 = 5 * 60
}
