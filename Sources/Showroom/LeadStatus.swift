/// The state of a lead. Stored as its raw value; never reorder.
public enum LeadStatus: Int, CaseIterable, Sendable {
    case inProgress = 0
    case won = 1
    case lost = 2

    /// The CSS name of the status colour shared by the header and the status button.
    public var colourName: String {
        switch self {
        case .inProgress: return "in-progress"
        case .won: return "won"
        case .lost: return "lost"
        }
    }

    public var isClosed: Bool { self != .inProgress }

    /// The catalog key of the status name.
    public var labelKey: String {
        switch self {
        case .inProgress: return "status.in_progress"
        case .won: return "status.won"
        case .lost: return "status.lost"
        }
    }

    /// The value used in addresses (`/leads?status=won`).
    public var slug: String { colourName }
    public init?(slug: String) {
        guard let s = LeadStatus.allCases.first(where: { $0.slug == slug }) else { return nil }
        self = s
    }
}
