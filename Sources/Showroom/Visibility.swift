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
