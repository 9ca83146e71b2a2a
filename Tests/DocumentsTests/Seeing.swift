import Showroom

/// A viewer for a test: what a store call sees (`visibility`) and who acts (`user`; 0 where
/// only reading matters).
func seeing(_ visibility: LeadVisibility, as user: Int64 = 0) -> Viewer {
    Viewer(userID: user, visibility: visibility)
}
