import Foundation
import Web

/// Rendered parts of pages that depend only on what names them (a lead's revision, the global
/// generation, the language, a filter), never on who asks: the lead page's timeline. A key
/// holds the lead's revision, so a changed lead is a new key and an old entry is never served
/// for it; bounded, the oldest half goes when full.
final class FragmentCache: @unchecked Sendable {
    struct Key: Hashable {
        let lead: Int64, revision: Int64, generation: Int64
        let language: Language
        let part: String
    }
    static let capacity = 4_096
    private let lock = NSLock()
    private var entries: [Key: (fragment: HTMLFragment, order: UInt64)] = [:]
    private var clock: UInt64 = 0

    /// The kept fragment for `key`, or `render`'s, kept for next time.
    func fragment(_ key: Key, render: () -> HTMLFragment) -> HTMLFragment {
        lock.lock()
        if let hit = entries[key] { lock.unlock(); return hit.fragment }
        lock.unlock()
        let made = render()
        lock.lock(); defer { lock.unlock() }
        clock += 1
        if entries.count >= Self.capacity {
            let cut = entries.values.map(\.order).sorted()[entries.count / 2]
            entries = entries.filter { $0.value.order >= cut }
        }
        entries[key] = (made, clock)
        return made
    }

    var count: Int { lock.lock(); defer { lock.unlock() }; return entries.count }
}
