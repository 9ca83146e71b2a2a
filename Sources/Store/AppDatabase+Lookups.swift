import Foundation
import GRDB
import Showroom

// Reference lists (lead types, sources, lost reasons) and settings.

extension AppDatabase {
    public enum LookupList: String, CaseIterable, Sendable {
        case types = "lead_types", sources = "lead_sources", lostReasons = "lost_reasons"
    }

    public func lookup(_ list: LookupList, activeOnly: Bool = false) throws -> [LookupItem] {
        try writer.read { db in
            try LookupRecord.fetchAll(db, sql: "SELECT \(LookupRecord.selection) FROM \(list.rawValue) \(activeOnly ? "WHERE active = 1" : "") ORDER BY position, id").map(\.item)
        }
    }

    public func addLookupItem(_ list: LookupList, name: LocalizedName, actor: Int64, now: Instant) throws {
        try writer.write { db in
            let position = try Int.fetchOne(db, sql: "SELECT coalesce(max(position), 0) + 1 FROM \(list.rawValue)") ?? 1
            try db.execute(sql: "INSERT INTO \(list.rawValue) (name_nl, name_fr, name_en, position) VALUES (?, ?, ?, ?)", arguments: [name.nl, name.fr, name.en, position])
            try Self.log(db, now: now, actor: actor, subject: "settings:" + list.rawValue, change: "created", old: "", new: name.nl)
        }
    }

    /// Renames or (de)activates an item; items are never deleted, so leads keep their labels.
    public func updateLookupItem(_ list: LookupList, id: Int64, name: LocalizedName, active: Bool, actor: Int64, now: Instant) throws {
        try writer.write { db in
            guard let old = try String.fetchOne(db, sql: "SELECT name_nl FROM \(list.rawValue) WHERE id = ?", arguments: [id]) else { throw StoreError.notFound }
            try db.execute(sql: "UPDATE \(list.rawValue) SET name_nl = ?, name_fr = ?, name_en = ?, active = ? WHERE id = ?", arguments: [name.nl, name.fr, name.en, active ? 1 : 0, id])
            try Self.log(db, now: now, actor: actor, subject: "settings:" + list.rawValue, change: "name", old: old, new: name.nl + (active ? "" : " (—)"))
        }
    }

    public func deadlineHours() throws -> Int {
        try writer.read { db in try Self.deadlineHours(db) }
    }

    /// The opportunity deadline period: how long after creation a new lead's first deadline falls.
    static func deadlineHours(_ db: Database) throws -> Int {
        Int(try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = 'opportunity_deadline_hours'") ?? "24") ?? 24
    }

    public func setDeadlineHours(_ hours: Int, actor: Int64, now: Instant) throws {
        try writer.write { db in
            let old = try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = 'opportunity_deadline_hours'") ?? ""
            try db.execute(sql: "INSERT INTO settings (key, value) VALUES ('opportunity_deadline_hours', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", arguments: [String(hours)])
            if old != String(hours) { try Self.log(db, now: now, actor: actor, subject: "settings:deadline", change: "deadline_hours", old: old, new: String(hours)) }
        }
    }
}

/// An item of a reference list (lead types, sources, lost reasons) as read.
struct LookupRecord: FetchableRecord {
    enum Columns: Int, SelectedColumns {
        case id, nameNL, nameFR, nameEN, active
    }
    static let selection = Columns.selection(\.columnName)

    var item: LookupItem

    init(row r: Row) {
        item = LookupItem(id: r[Columns.id], name: r.localized(Columns.nameNL, Columns.nameFR, Columns.nameEN), active: r[Columns.active] as Int == 1)
    }
}
