/// Which leads a signed-in user may see. Every store query that reads leads takes one, so
/// a lead outside it is simply not found.
public enum LeadVisibility: Equatable, Sendable {
    /// Every lead of every branch.
    case all
    /// The leads of these branches.
    case branches([Int64])
    /// Only the leads this user is responsible for (within these branches).
    case own(userID: Int64, branches: [Int64])
}

extension LeadVisibility {
    /// Whether leads of `branch` can be in view: what a branch filter may offer.
    public func includes(branch: Int64) -> Bool {
        switch self {
        case .all: return true
        case .branches(let ids), .own(_, let ids): return ids.contains(branch)
        }
    }

    /// Whether leads that `user` (working in `branches`) is responsible for can be in view:
    /// what a responsible filter may offer. With "own" scope that is only oneself.
    public func includes(responsible user: Int64, workingIn branches: [Int64]) -> Bool {
        switch self {
        case .all: return true
        case .branches(let ids): return branches.contains(where: ids.contains)
        case .own(let me, let ids): return user == me && !ids.isEmpty
        }
    }
}

/// Who is asking, once: the signed-in user and the leads they may see. Every store call that
/// reads or changes lead data takes one value of this, so the acting user and the scope used to
/// check the record can never disagree (issue 8, item 2).
public struct Viewer: Equatable, Sendable {
    public let userID: Int64
    public let visibility: LeadVisibility

    public init(userID: Int64, visibility: LeadVisibility) {
        self.userID = userID
        self.visibility = visibility
    }

    /// The branches whose stock this viewer may see and quote from; nil means every branch.
    /// Stock follows the branches of the lead scope: "own leads" still sees the branch's cars.
    public var stockBranches: [Int64]? {
        switch visibility {
        case .all: return nil
        case .branches(let ids), .own(_, let ids): return ids
        }
    }

    /// Whether a car of `branch` is in this viewer's stock.
    public func seesStock(ofBranch branch: Int64) -> Bool {
        stockBranches.map { $0.contains(branch) } ?? true
    }
}
