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
