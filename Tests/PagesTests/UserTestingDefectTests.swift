import Foundation
import GRDB
@testable import Pages
import Showroom
import Store
import Testing
import Web

// Issue 8, item 8: defects found by using the application as a user would, each replayed
// through the in-process dispatcher the way it was found.

@Suite("Issue 8: defects found by user testing")
struct UserTestingDefectTests {
    static let fr = Translator(.fr)

    // MARK: - A deadline-move conflict keeps what was typed and shows what changed

    @Test func aDeadlineMoveConflictKeepsWhatWasTypedAndShowsTheOtherMove() throws {
        let app = try TestApp()
        let sofie = try app.signIn("sofie")
        let pieter = try app.signIn("pieter")
        let lead = try W.newLead(app, as: sofie, last: "Desmet")
        let deadline = try W.firstOpenDeadline(app, lead)
        let action = "/deadlines/\(deadline.id)/move"
        // Both open the follow-up tab.
        let mine = try #require(HTMLDocument(try app.get("/leads/\(lead)/follow-up", as: sofie)).postForm(action))
        let theirs = try #require(HTMLDocument(try app.get("/leads/\(lead)/follow-up", as: pieter)).postForm(action))
        #expect(mine.value("loaded_at") == String(app.clock.now.seconds))

        // Pieter moves it first.
        app.clock.advance(seconds: 60)
        let pietersDue = W.local(app, 5 * 3600)
        let moved = try app.post(action, as: pieter, form: theirs.fields(changing: ["due-\(deadline.id)": pietersDue, "reason-\(deadline.id)": "Klant belde af"])
            .filter { $0.0 != "_csrf" })
        #expect(moved.status == .seeOther)

        // Sofie's move, typed on the old page: refused, nothing overwritten…
        app.clock.advance(seconds: 60)
        let sofiesDue = W.local(app, 9 * 3600)
        let stale = try app.post(action, as: sofie, form: mine.fields(changing: ["due-\(deadline.id)": sofiesDue, "reason-\(deadline.id)": "Klant op reis"])
            .filter { $0.0 != "_csrf" })
        #expect(stale.status == .conflict)
        let pietersInstant = try #require(BrusselsTime.parseHTMLLocal(pietersDue))
        #expect(try app.int("SELECT due_at FROM deadlines WHERE id = ?", [deadline.id]) == pietersInstant.seconds)
        let page = HTMLDocument(stale)
        #expect(page.fieldError("due-\(deadline.id)") == W.nl("conflict.deadline"))
        // …what she typed is still in the form, now on the current version…
        let again = try #require(page.postForm(action))
        #expect(again.value("due-\(deadline.id)") == sofiesDue)
        #expect(again.value("reason-\(deadline.id)") == "Klant op reis")
        #expect(again.value("version") == String(deadline.version + 1))
        // …and beside it, what Pieter did: both versions.
        let item = try #require(page.all("li", class: "deadline").first { $0.first("div", class: "alert") != nil })
        let alert = try #require(item.first("div", class: "alert"))
        #expect(alert.text.contains(W.nl("conflict.deadline_changes")))
        let event = try #require(alert.all("li", class: "event").map(LeadView.event).first)
        #expect(event.kind == "deadline_changed")
        #expect(event.title == W.nl("event.deadline_changed", ["old": W.f.dateTime(Instant(seconds: deadline.due)), "new": W.f.dateTime(pietersInstant)]))
        #expect(event.detail == "Klant belde af")
        #expect(event.meta.contains("Pieter Van Damme"))
        let sofiesInstant = try #require(BrusselsTime.parseHTMLLocal(sofiesDue))
        #expect(alert.text.contains(W.nl("conflict.yours") + ": " + W.f.dateTime(sofiesInstant) + " · Klant op reis"))

        // Saving again, having seen it, goes ahead.
        let saved = try app.post(action, as: sofie, form: again.fields.filter { $0.0 != "_csrf" })
        #expect(saved.status == .seeOther)
        #expect(try app.int("SELECT due_at FROM deadlines WHERE id = ?", [deadline.id]) == sofiesInstant.seconds)
    }

    @Test func aRefusedMoveKeepsTheReasonThatWasTyped() throws {
        let app = try TestApp()
        let sofie = try app.signIn("sofie")
        let lead = try W.newLead(app, as: sofie, last: "Desmet")
        let deadline = try W.firstOpenDeadline(app, lead)
        let answer = try app.post("/deadlines/\(deadline.id)/move", as: sofie, form: [
            ("version", String(deadline.version)), ("lead", String(lead)), ("due-\(deadline.id)", W.local(app, -60)), ("reason-\(deadline.id)", "Klant op reis"),
        ])
        #expect(answer.status == .unprocessable)
        let form = try #require(HTMLDocument(answer).postForm("/deadlines/\(deadline.id)/move"))
        #expect(form.value("reason-\(deadline.id)") == "Klant op reis")
        #expect(form.value("due-\(deadline.id)") == W.local(app, -60))
    }

    // MARK: - A user-edit conflict shows every field that changed

    @Test func aUserEditConflictShowsEveryChangedFieldAndKeepsWhatWasTyped() throws {
        let app = try TestApp()
        let admin = try app.signIn("admin")
        let jan = try app.userID("jan")
        let action = "/admin/users/\(jan)"
        let first = try #require(HTMLDocument(try app.get(action, as: admin)).form(action: action))
        let second = try #require(HTMLDocument(try app.get(action, as: admin)).form(action: action))
        let oldEmail = try #require(first.value("email"))
        // The first admin changes only the e-mail address.
        app.clock.advance(seconds: 30)
        #expect(try app.post(action, as: admin, form: first.fields(changing: ["email": "jan.claes@example.be"]).filter { $0.0 != "_csrf" }).status == .seeOther)
        // The second changes the name, on the old version.
        app.clock.advance(seconds: 30)
        let stale = try app.post(action, as: admin, form: second.fields(changing: ["display_name": "Jan Claes-Tweede"]).filter { $0.0 != "_csrf" })
        #expect(stale.status == .conflict)
        #expect(try app.string("SELECT email FROM users WHERE id = ?", [jan]) == "jan.claes@example.be")
        #expect(try app.string("SELECT display_name FROM users WHERE id = ?", [jan]) == "Jan Claes")
        let page = HTMLDocument(stale)
        // The e-mail change is shown, old and new, and marked beside its field.
        let alert = try #require(page.first("div", class: "alert"))
        #expect(alert.text.contains(W.nl("conflict.user")))
        let changes = alert.all("li").map(\.text)
        #expect(changes.count == 1)
        let change = try #require(changes.first)
        #expect(change.hasPrefix(W.nl("admin.user.email") + ":"))
        #expect(change.contains((oldEmail.isEmpty ? "—" : oldEmail) + " → jan.claes@example.be"))
        #expect(page.fieldError("email") == W.nl("error.conflict_reload"))
        // What the second admin typed is kept.
        let again = try #require(page.form(action: action))
        #expect(again.value("display_name") == "Jan Claes-Tweede")
        #expect(again.value("version") == String(try #require(try app.int("SELECT version FROM users WHERE id = ?", [jan]))))
    }

    // MARK: - A task only for someone who can see its lead

    @Test func aTaskCannotBeGivenToSomeoneWhoCannotOpenItsLead() throws {
        let app = try TestApp()
        let admin = try app.signIn("admin")
        let sofie = try app.signIn("sofie")
        let jansLead = try app.leadID(.jansInBranch1)
        let newForm = HTMLDocument(try app.get("/leads/\(jansLead)/tasks/new", as: admin))
        let offered = newForm.options("assignee").map(\.1)
        #expect(offered.contains("Jan Claes") && offered.contains("Pieter Van Damme"))
        #expect(!offered.contains("Sofie Peeters"), "she cannot open Jan's lead")
        #expect(!offered.contains("Lotte Wouters"))

        // Sending her anyway (an old page, a crafted form): refused beside the field, input kept.
        let tasks = try app.int("SELECT count(*) FROM tasks")
        let answer = try app.post("/leads/\(jansLead)/tasks", as: admin, form: [
            ("starts_at", "2026-07-16T10:00"), ("duration", "45"), ("assignee", String(try app.userID("sofie"))), ("description", "Offerte opsturen"),
        ])
        #expect(answer.status == .unprocessable)
        let page = HTMLDocument(answer)
        #expect(page.fieldError("assignee") == W.nl("task.assignee_cannot_see"))
        #expect(page.textarea("description") == "Offerte opsturen")
        #expect(page.postForm("/leads/\(jansLead)/tasks")?.value("starts_at") == "2026-07-16T10:00")
        #expect(try app.int("SELECT count(*) FROM tasks") == tasks)
        #expect(!(try app.get("/tasks", as: sofie).html.contains("Offerte opsturen")))
        #expect(!(try app.get("/notifications", as: sofie).html.contains("Offerte opsturen")))

        // Someone who can open it gets it, and both their links work.
        let task = try W.id(try app.post("/leads/\(jansLead)/tasks", as: admin, form: [
            ("starts_at", "2026-07-16T10:00"), ("duration", "45"), ("assignee", String(try app.userID("jan"))), ("description", "Offerte opsturen"),
        ]), after: "/tasks/")
        let jan = try app.signIn("jan")
        let row = try #require(HTMLDocument(try app.get("/tasks", as: jan)).agendaRows.first { $0.href == "/tasks/\(task)" })
        #expect(try app.get(row.href, as: jan).status == .ok)
        #expect(try app.get("/leads/\(jansLead)", as: jan).status == .ok)

        // Reassigning it to Sofie from the task page: refused too, nothing changed.
        let edit = try app.post("/tasks/\(task)", as: admin, form: [
            ("version", "1"), ("starts_at", "2026-07-16T10:00"), ("duration", "45"), ("assignee", String(try app.userID("sofie"))), ("description", "Offerte opsturen"),
        ])
        #expect(edit.status == .unprocessable)
        #expect(HTMLDocument(edit).fieldError("assignee") == W.nl("task.assignee_cannot_see"))
        #expect(try app.int("SELECT assignee_id FROM tasks WHERE id = ?", [task]) == (try app.userID("jan")))
        #expect(!HTMLDocument(try app.get("/tasks/\(task)", as: admin)).options("assignee").contains { $0.1 == "Sofie Peeters" })
    }

    // MARK: - Editing a comment leaves a trace

    @Test func anEditedCommentIsMarkedAndOnTheTimelineWithWhoAndWhen() throws {
        let app = try TestApp()
        let sofie = try app.signIn("sofie")
        let lead = try W.newLead(app, as: sofie, last: "Desmet")
        let comment = try W.addComment(app, as: sofie, lead: lead, "Klant wil rood")
        let written = app.clock.now
        app.clock.advance(seconds: 3600)
        #expect(try app.post("/comments/\(comment)", as: sofie, form: [("version", "1"), ("body", "Klant wil blauw")]).status == .seeOther)

        let view = LeadView(try app.get("/leads/\(lead)", as: sofie))
        let edited = try #require(view.events.first)
        #expect(edited.kind == "comment_edited")
        #expect(edited.title == W.nl("event.comment_edited"))
        #expect(edited.detail == "Klant wil blauw")
        #expect(edited.time == W.f.dateTime(app.clock.now))
        #expect(edited.meta == W.nl("details.by", ["name": "Sofie Peeters"]))
        let original = try #require(view.events.first { $0.kind == "comment" })
        #expect(original.time == W.f.dateTime(written))
        #expect(original.detail == "Klant wil rood", "the entry at the original time keeps the original text")
        // The comment itself says it was edited, and when.
        let shown = try #require(view.doc.first("ul", class: "comments")?.all("li").first)
        #expect(shown.first("p", class: "comment-body")?.text == "Klant wil blauw")
        #expect(shown.first("span", class: "edited")?.text == W.nl("comment.edited", ["date": W.f.dateTime(app.clock.now)]))
        // The comments filter of the timeline includes edits.
        #expect(LeadView(try app.get("/leads/\(lead)?kind=comments", as: sofie)).events.map(\.kind) == ["comment_edited", "comment"])
    }

    // MARK: - The overview's filters offer only what is in the viewer's scope

    @Test(arguments: ["sofie", "pieter", "admin"])
    func overviewFiltersOfferOnlyTheViewersScope(_ username: String) throws {
        let app = try Shared.app.get()
        let session = try Shared.session(username)
        let page = HTMLDocument(try app.get("/leads", as: session))
        let people = Set(page.options("responsible").map(\.1).filter { $0 != W.nl("status.all") })
        let branches = Set(page.options("branch").map(\.1).filter { $0 != W.nl("status.all") })
        switch username {
        case "sofie":
            #expect(people == ["Sofie Peeters"])
            #expect(branches == ["Gent"])
        case "pieter":
            #expect(branches == ["Gent", "Antwerpen"])
            #expect(people.isSuperset(of: ["Sofie Peeters", "Jan Claes", "Lotte Wouters", "Bram Janssens", "Pieter Van Damme"]))
            #expect(people.isDisjoint(with: ["Julien Lambert", "Camille Martin", "Thomas Leclercq", "Nathalie Dubois"]))
        default:
            #expect(branches.count == 5)
            #expect(people.contains("Julien Lambert") && people.contains("Sofie Peeters"))
        }
        // Every responsible shown in the viewer's own overview is offered in the filter.
        for row in try app.allOverviewRows(session) { #expect(people.contains(row.responsible), "\(row.responsible) missing from the filter") }
    }

    // MARK: - The task overview has pages

    @Test func theTaskOverviewHasPagesThatKeepTheFilters() throws {
        let app = try TestApp(leadCount: 60)
        let sofie = try app.signIn("sofie")
        let sofieID = try app.userID("sofie")
        let lead = try app.leadID(.sofiesOwn)
        try app.database.write { db in
            for n in 0..<120 {
                try db.execute(sql: "INSERT INTO tasks (lead_id, assignee_id, starts_at, duration_minutes, description, created_at) VALUES (?, ?, ?, 30, ?, 0)",
                               arguments: [lead, sofieID, fixedNow.seconds + Int64((n - 30) * 1800), "Taak \(n)"])
            }
        }
        let first = HTMLDocument(try app.get("/tasks?what=tasks", as: sofie))
        #expect(first.agendaRows.count == 50)
        let next = try #require(first.nextPageLink)
        #expect(next == "/tasks?what=tasks&page=2")
        #expect(first.all("a").first { $0["rel"] == "prev" } == nil)

        var hrefs: [String] = []
        var target: String? = "/tasks?what=tasks"
        var pages = 0
        var dues: [String] = []
        while let t = target {
            let page = HTMLDocument(try app.get(t, as: sofie))
            let onlyTasks = page.agendaRows.allSatisfy { $0.isTask }
            #expect(onlyTasks, "the filter holds on every page")
            hrefs += page.agendaRows.map(\.href)
            dues += page.agendaRows.map(\.due)
            target = page.nextPageLink
            pages += 1
            guard pages < 20 else { throw TestFailure("the pager does not end") }
        }
        let open = try app.int("SELECT count(*) FROM tasks WHERE assignee_id = ? AND done_at IS NULL", [sofieID]) ?? 0
        #expect(open >= 120)
        #expect(hrefs.count == Int(open) && Set(hrefs).count == hrefs.count, "every open task once")
        #expect(pages == (Int(open) + 49) / 50)
        #expect(dues == dues.sorted(), "in due order across pages")
        let last = HTMLDocument(try app.get("/tasks?what=tasks&page=\(pages)", as: sofie))
        #expect(last.all("a").first { $0["rel"] == "prev" }?["href"] == (pages == 2 ? "/tasks?what=tasks" : "/tasks?what=tasks&page=\(pages - 1)"))
        for bad in ["0", "-1", "abc", "100001"] { #expect(try app.get("/tasks?page=\(bad)", as: sofie).status == .badRequest) }
    }

    // MARK: - French task list; branch names in the viewer's language

    @Test func theTaskOverviewsColumnHeadsDifferInEveryLanguage() throws {
        for language in Language.allCases {
            let t = Translator(language)
            let heads = ["tasks.col.due", "tasks.col.kind", "tasks.col.what", "tasks.col.lead", "tasks.col.owner", "tasks.col.action"].map { t($0) }
            #expect(Set(heads).count == heads.count, "\(language): \(heads)")
        }
    }

    @Test func branchNamesAreShownInTheViewersLanguage() throws {
        let app = try TestApp()
        let nathalie = try app.signIn("nathalie")
        let admin = try app.signIn("admin")
        // The admin gives Brussel its French and English names.
        let brussel = try #require(try app.int("SELECT id FROM branches WHERE name = 'Brussel'"))
        let form = try #require(HTMLDocument(try app.get("/admin/branches", as: admin)).form(action: "/admin/branches/\(brussel)"))
        #expect(form.value("name_fr") == "Bruxelles" && form.value("name_en") == "Brussels")
        #expect(try app.post("/admin/branches/\(brussel)", as: admin, form: form.fields(changing: ["name_fr": "Bruxelles-Centre", "name_en": "Brussels Centre"])
            .filter { $0.0 != "_csrf" }).status == .seeOther)
        #expect(try app.string("SELECT name_fr FROM branches WHERE id = ?", [brussel]) == "Bruxelles-Centre")
        #expect(try app.string("SELECT name FROM branches WHERE id = ?", [brussel]) == "Brussel")

        // Nathalie reads French: overview cells, the branch filter, the lead header, the assign form.
        let rows = try app.allOverviewRows(nathalie)
        #expect(rows.contains { $0.branch == "Bruxelles-Centre" })
        #expect(!rows.contains { $0.branch == "Brussel" })
        let overview = HTMLDocument(try app.get("/leads", as: nathalie))
        #expect(overview.options("branch").map(\.1).contains("Bruxelles-Centre"))
        let lead = try #require(try app.int("SELECT id FROM leads WHERE branch_id = ? ORDER BY id LIMIT 1", [brussel]))
        let view = LeadView(try app.get("/leads/\(lead)", as: nathalie))
        #expect(view.facts[Self.fr("lead.branch")] == "Bruxelles-Centre")
        #expect(HTMLDocument(try app.get("/leads/\(lead)/assign", as: nathalie)).options("branch").map(\.1).contains("Bruxelles-Centre"))
        // An English reader gets the English name; a Dutch one the Dutch name.
        let bram = try app.signIn("bram")
        #expect(HTMLDocument(try app.get("/leads", as: bram)).options("branch").map(\.1) == [Translator(.en)("status.all"), "Antwerp"])
        let pieter = try app.signIn("pieter")
        #expect(HTMLDocument(try app.get("/leads", as: pieter)).options("branch").map(\.1) == [W.nl("status.all"), "Antwerpen", "Gent"])
    }
}

extension UserTestingDefectTests {
    /// The timeline's "moved to another branch" shows the branch names in the reader's language.
    @Test func anAssignmentToAnotherBranchNamesTheBranchesInTheReadersLanguage() throws {
        let app = try TestApp()
        let nathalie = try app.signIn("nathalie")
        let admin = try app.signIn("admin")
        let lead = try #require(try app.int("SELECT id FROM leads WHERE branch_id = 4 AND status = 0 ORDER BY id LIMIT 1"))  // Namur
        #expect(try W.assign(app, as: admin, lead: lead, to: try app.userID("julien"), branch: 3).status == .seeOther)  // → Brussel
        let french = try #require(LeadView(try app.get("/leads/\(lead)", as: nathalie)).events.first)
        #expect(french.kind == "assigned")
        #expect(french.detail == "Namur → Bruxelles")
        let dutch = try #require(LeadView(try app.get("/leads/\(lead)", as: admin)).events.first)
        #expect(dutch.detail == "Namur → Brussel")
    }
}
