/// The state of a lead. Stored as its raw value; never reorder.
public enum LeadStatus: Int, CaseIterable, Sendable {
    case inProgress = 0
    case won = 1
    case lost = 2

    public var isClosed: Bool { self != .inProgress }

    /// The value used in addresses (`/leads?status=won`).
    public var slug: String {
        switch self {
        case .inProgress: return "in-progress"
        case .won: return "won"
        case .lost: return "lost"
        }
    }
    public init?(slug: String) {
        guard let s = LeadStatus.allCases.first(where: { $0.slug == slug }) else { return nil }
        self = s
    }
}
