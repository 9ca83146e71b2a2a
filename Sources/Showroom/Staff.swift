/// The person behind a request, with everything the server checks: their branches and
/// their effective rights.
public struct SignedInUser: Equatable, Sendable {
    public var id: Int64
    public var username: String
    public var displayName: String
    public var language: String
    public var branches: [Int64]
    public var rights: AccessRights
    /// The session's CSRF token, put in every form this user is shown.
    public var csrfToken: String
    /// How many of the user's own notifications are unseen (read with the session).
    public var unseenNotifications = 0

    public init(id: Int64, username: String, displayName: String, language: String, branches: [Int64], rights: AccessRights, csrfToken: String) {
        self.id = id; self.username = username; self.displayName = displayName; self.language = language
        self.branches = branches; self.rights = rights; self.csrfToken = csrfToken
    }

    public var leadVisibility: LeadVisibility { rights.leadVisibility(userID: id, branches: branches) }
    public func may(_ permission: Permission) -> Bool { rights.has(permission) }
}

/// A user as the admin screens show them.
public struct StaffRecord: Equatable, Sendable {
    public var id: Int64
    public var username: String
    public var displayName: String
    public var email: String
    public var language: String
    public var active: Bool
    public var profileID: Int64?
    public var profileName: String?
    public var branches: [Int64]
    public var overrides: [Permission: Override]
    public var version: Int64

    public init(id: Int64, username: String, displayName: String, email: String, language: String, active: Bool,
                profileID: Int64?, profileName: String?, branches: [Int64], overrides: [Permission: Override], version: Int64) {
        self.id = id; self.username = username; self.displayName = displayName; self.email = email; self.language = language
        self.active = active; self.profileID = profileID; self.profileName = profileName; self.branches = branches
        self.overrides = overrides; self.version = version
    }
}

public struct ProfileRecord: Equatable, Sendable {
    public var id: Int64
    public var name: String
    public var grants: [Grant]
    public init(id: Int64, name: String, grants: [Grant]) { self.id = id; self.name = name; self.grants = grants }
}

public struct BranchRecord: Equatable, Sendable {
    public var id: Int64
    /// The branch's name in the three languages; the Dutch one is its key in the access log.
    public var names: LocalizedName
    public var city: String
    public var active: Bool
    public init(id: Int64, names: LocalizedName, city: String, active: Bool) { self.id = id; self.names = names; self.city = city; self.active = active }
    /// The Dutch name (unique among branches).
    public var name: String { names.nl }
    /// The name a user of `language` reads.
    public func name(in language: String) -> String { names.in(language) }
}

public struct AccessLogEntry: Equatable, Sendable {
    public var at: Instant
    public var actorName: String?
    public var subject: String
    public var change: String
    public var oldValue: String
    public var newValue: String
    public init(at: Instant, actorName: String?, subject: String, change: String, oldValue: String, newValue: String) {
        self.at = at; self.actorName = actorName; self.subject = subject; self.change = change; self.oldValue = oldValue; self.newValue = newValue
    }
}

/// Sign-in rules: after this many failures in a row an account waits before it may try again.
public enum SignInPolicy {
    public static let maxFailures = 5
    public static let lockSeconds: Int64 = 15 * 60
    /// A session ends after this long without a request…
    public static let defaultIdleSeconds: Int64 = 2 * 3600
    /// …and in any case this long after sign-in.
    public static let defaultAbsoluteSeconds: Int64 = 12 * 3600
}
