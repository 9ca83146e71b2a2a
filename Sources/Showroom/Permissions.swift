/// A named capability. Stored by its raw value; never rename one that shipped.
public enum Permission: String, CaseIterable, Sendable, Comparable {
    case leadsView = "leads.view"
    case leadsCreate = "leads.create"
    case leadsEdit = "leads.edit"
    case leadsAssign = "leads.assign"
    case leadsStatus = "leads.status"
    case leadsReopen = "leads.reopen"
    /// Add and edit cars in stock (everyone with `leads.view` may see the stock).
    case vehiclesManage = "vehicles.manage"
    case tradeinsManage = "tradeins.manage"
    /// Approve or refuse the price offered for a trade-in (so a quote may credit it).
    case tradeinsApprove = "tradeins.approve"
    case quotesManage = "quotes.manage"
    /// Approve a quote whose discounts exceed the limit (`DiscountPolicy`) so it can be sent.
    case quotesApprove = "quotes.approve"
    case testdrivesManage = "testdrives.manage"
    case documentsUpload = "documents.upload"
    case documentsDelete = "documents.delete"
    case tasksManage = "tasks.manage"
    case mailSend = "mail.send"
    /// Send mail from a lead to addresses that are not the lead's contacts'.
    case mailAnyRecipient = "mail.any_recipient"
    case contactsEdit = "contacts.edit"
    case settingsManage = "settings.manage"
    case usersManage = "users.manage"
    case insightsView = "insights.view"

    /// Viewing leads and viewing insights carry a scope (own / branch / all); every other
    /// permission is simply held or not.
    public var isScoped: Bool { self == .leadsView || self == .insightsView }

    public static func < (a: Permission, b: Permission) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// How far `leads.view` (or `insights.view`) reaches.
public enum AccessScope: String, CaseIterable, Sendable, Comparable {
    case own, branch, all
    public static func < (a: AccessScope, b: AccessScope) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A permission as a profile or a user override holds it.
public struct Grant: Equatable, Hashable, Sendable {
    public var permission: Permission
    /// Set for scoped permissions only.
    public var scope: AccessScope?
    public init(_ permission: Permission, scope: AccessScope? = nil) {
        self.permission = permission
        self.scope = permission.isScoped ? (scope ?? .own) : nil
    }
}

/// A user's own exception to their profile, set by an admin.
public enum Override: Equatable, Sendable {
    case grant(AccessScope?)
    case deny
}

/// Where an effective permission comes from, for the admin's "effective access" view.
public enum AccessReason: Equatable, Sendable {
    case profile(String)
    case userGrant
    case userDeny
    case notGranted
}

/// What a user may do, and why. Default deny: anything not granted is refused.
public struct AccessRights: Equatable, Sendable {
    public private(set) var granted: [Permission: AccessScope?]
    public private(set) var reasons: [Permission: AccessReason]

    public init(profileName: String?, profileGrants: [Grant], overrides: [Permission: Override]) {
        var granted: [Permission: AccessScope?] = [:]
        var reasons: [Permission: AccessReason] = [:]
        for g in profileGrants {
            granted[g.permission] = g.scope
            reasons[g.permission] = .profile(profileName ?? "")
        }
        for (permission, o) in overrides {
            switch o {
            case .grant(let scope):
                granted[permission] = permission.isScoped ? (scope ?? .own) : nil
                reasons[permission] = .userGrant
            case .deny:
                granted.removeValue(forKey: permission)
                reasons[permission] = .userDeny
            }
        }
        for p in Permission.allCases where reasons[p] == nil { reasons[p] = .notGranted }
        self.granted = granted
        self.reasons = reasons
    }

    public static let none = AccessRights(profileName: nil, profileGrants: [], overrides: [:])

    public func has(_ permission: Permission) -> Bool { granted[permission] != nil }

    /// The scope of a scoped permission, nil when not held.
    public func scope(of permission: Permission) -> AccessScope? {
        guard let s = granted[permission] else { return nil }
        return s ?? .own
    }

    /// Which leads this user may see, given their id and branches.
    public func leadVisibility(userID: Int64, branches: [Int64]) -> LeadVisibility {
        switch scope(of: .leadsView) {
        case .all: return .all
        case .branch: return .branches(branches)
        case .own: return .own(userID: userID, branches: branches)
        case nil: return .branches([])
        }
    }
}

/// The profiles a new installation starts with.
public enum DefaultProfiles {
    public static let salesperson: [Grant] = [
        Grant(.leadsView, scope: .own), Grant(.leadsCreate), Grant(.leadsEdit), Grant(.leadsStatus),
        Grant(.tradeinsManage), Grant(.quotesManage), Grant(.testdrivesManage), Grant(.documentsUpload),
        Grant(.tasksManage), Grant(.mailSend), Grant(.contactsEdit), Grant(.insightsView, scope: .own),
    ]
    public static let manager: [Grant] = [
        Grant(.leadsView, scope: .branch), Grant(.leadsCreate), Grant(.leadsEdit), Grant(.leadsAssign), Grant(.leadsStatus),
        Grant(.leadsReopen), Grant(.vehiclesManage), Grant(.tradeinsManage), Grant(.tradeinsApprove), Grant(.quotesManage), Grant(.quotesApprove), Grant(.testdrivesManage), Grant(.documentsUpload),
        Grant(.documentsDelete), Grant(.tasksManage), Grant(.mailSend), Grant(.contactsEdit), Grant(.insightsView, scope: .branch),
    ]
    public static let admin: [Grant] = Permission.allCases.map { Grant($0, scope: $0.isScoped ? .all : nil) }

    /// (name, grants) in the order they are created: ids 1, 2, 3.
    public static let all: [(String, [Grant])] = [("Verkoper", salesperson), ("Verkoopverantwoordelijke", manager), ("Admin", admin)]
}
