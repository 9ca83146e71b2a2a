import GRDB
import Showroom

/// What a store operation can refuse, in domain terms. Pages map these to HTTP in one place.
public enum StoreError: Error, Equatable {
    /// The record does not exist, or is outside the user's scope.
    case notFound
    /// Someone else changed the record since it was read (stale version).
    case conflict
    /// The change would leave no active user who can manage users.
    case lastUserManager
    /// The user may not do this to this record (an author-only edit, say).
    case forbidden
    /// The input breaks a rule the store enforces.
    case invalid(RuleViolation)
    /// A unique value is already taken (the field's name).
    case duplicate(String)
}

extension AppDatabase {
    /// True when `error` is SQLite saying the disk (or the database's file system) is full:
    /// the transaction was rolled back, nothing was written, and it works again once space is freed.
    public static func isDiskFull(_ error: any Error) -> Bool {
        guard let e = error as? DatabaseError else { return false }
        return e.resultCode == .SQLITE_FULL
    }
}
