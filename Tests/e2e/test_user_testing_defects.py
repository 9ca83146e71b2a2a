"""Issue 8, item 8: the defects found by using the application as a user would, replayed
through nginx and the FastCGI socket. The security-relevant ones (who may be given a task,
what the overview's filters reveal) and the two conflicts; the others are covered
in-process (PagesTests/UserTestingDefectTests)."""
import time

from helpers import form_fields, parse
from test_working_a_lead import field_error, fill, new_lead, post_form, redirect_id, timeline, unique

ALL = "Alle"  # status.all in Dutch
CANNOT_SEE = "Deze persoon kan deze lead niet openen; kies iemand die dat wel kan."
CONFLICT_RELOAD = ("Iemand anders wijzigde deze gebruiker intussen. Hieronder staat de huidige versie met uw invoer; "
                   "sla opnieuw op om door te gaan.")


def options(html, name):
    """(value, label) of the options of the select named `name`."""
    select = parse(html).find("select", name=name)
    return [(o.attrs.get("value", ""), o.text) for o in select.find_all("option")] if select is not None else []


def agenda_links(html):
    table = parse(html).find("table", class_="agenda")
    if table is None:
        return []
    return [a.attrs["href"] for a in table.find("tbody").find_all("a") if a.attrs.get("href", "").startswith("/tasks/")]


def rel_link(html, rel):
    node = parse(html).find("a", rel=rel)
    return node.attrs["href"] if node is not None else None


def test_a_task_cannot_go_to_someone_who_cannot_open_its_lead(signed_in, db_query, user_id):
    admin = signed_in("admin")
    sofie = signed_in("sofie")
    jans_lead = db_query("SELECT id FROM leads WHERE responsible_id = ? AND branch_id = 1 AND status = 0 ORDER BY id LIMIT 1", user_id("jan"))[0][0]
    assert sofie.get(f"/leads/{jans_lead}").status_code == 404, "the premise: sofie cannot open jan's lead"

    page = admin.get(f"/leads/{jans_lead}/tasks/new")
    assert page.status_code == 200
    offered = [label for _, label in options(page.text, "assignee")]
    assert "Jan Claes" in offered and "Pieter Van Damme" in offered
    assert "Sofie Peeters" not in offered

    # Sent anyway: refused beside the field, what was typed kept, nothing stored or announced.
    description = unique("Offerte ")
    before = db_query("SELECT count(*) FROM tasks")[0][0]
    form = form_fields(post_form(page.text, f"/leads/{jans_lead}/tasks"))
    r = admin.post(f"/leads/{jans_lead}/tasks", data=fill(form, assignee=str(user_id("sofie")), description=description), allow_redirects=False)
    assert r.status_code == 422
    assert field_error(r.text, "assignee") == CANNOT_SEE
    assert parse(r.text).find("textarea", name="description").text == description
    assert db_query("SELECT count(*) FROM tasks")[0][0] == before
    assert description not in sofie.get("/tasks").text
    assert description not in sofie.get("/notifications").text

    # To someone who can open it: stored, and both of their links answer.
    task = redirect_id(admin.post(f"/leads/{jans_lead}/tasks", data=fill(form, assignee=str(user_id("jan")), description=description),
                                  allow_redirects=False), "/tasks/")
    jan = signed_in("jan")
    assert jan.get(f"/tasks/{task}").status_code == 200
    assert jan.get(f"/leads/{jans_lead}").status_code == 200


def test_a_salespersons_overview_filters_list_only_their_scope(signed_in):
    sofie = signed_in("sofie").get("/leads").text
    assert options(sofie, "responsible") == [("", ALL), (options(sofie, "responsible")[1][0], "Sofie Peeters")]
    assert [label for _, label in options(sofie, "branch")] == [ALL, "Gent"]
    pieter = signed_in("pieter").get("/leads").text
    assert [label for _, label in options(pieter, "branch")] == [ALL, "Antwerpen", "Gent"]
    people = {label for _, label in options(pieter, "responsible")}
    assert {"Sofie Peeters", "Lotte Wouters"} <= people and not {"Julien Lambert", "Nathalie Dubois"} & people
    admin = signed_in("admin").get("/leads").text
    assert len(options(admin, "branch")) == 1 + 5


def test_a_deadline_move_conflict_keeps_the_input_and_shows_the_other_move(signed_in, db_query):
    sofie = signed_in("sofie")
    pieter = signed_in("pieter")
    lead = new_lead(sofie, unique("Maes"))
    deadline, version = db_query("SELECT id, version FROM deadlines WHERE lead_id = ? AND done_at IS NULL", lead)[0]
    action = f"/deadlines/{deadline}/move"
    mine = form_fields(post_form(sofie.get(f"/leads/{lead}/follow-up").text, action))
    theirs = form_fields(post_form(pieter.get(f"/leads/{lead}/follow-up").text, action))
    day = time.strftime("%Y-%m-%d", time.localtime(time.time() + 3 * 86400))
    r = pieter.post(action, data=fill(theirs, **{f"due-{deadline}": f"{day}T10:00", f"reason-{deadline}": "Klant belde af"}), allow_redirects=False)
    assert r.status_code == 303

    stale = sofie.post(action, data=fill(mine, **{f"due-{deadline}": f"{day}T16:30", f"reason-{deadline}": "Klant op reis"}), allow_redirects=False)
    assert stale.status_code == 409
    kept = dict(form_fields(post_form(stale.text, action)))
    assert kept[f"due-{deadline}"] == f"{day}T16:30"
    assert kept[f"reason-{deadline}"] == "Klant op reis"
    assert kept["version"] == str(version + 1)
    alert = parse(stale.text).find("div", class_="alert")
    assert alert is not None and "Klant belde af" in alert.text and "Pieter Van Damme" in alert.text
    assert "10:00" in alert.text and "16:30" in alert.text, "both versions"

    assert sofie.post(action, data=list(kept.items()), allow_redirects=False).status_code == 303
    assert timeline(sofie.get(f"/leads/{lead}").text)[0]["detail"] == "Klant op reis"


def test_a_user_edit_conflict_lists_every_change(signed_in, admin_create_user, db_query):
    _, _, uid = admin_create_user("conflict")
    first_admin = signed_in("admin")
    second_admin = signed_in("admin")
    action = f"/admin/users/{uid}"
    first = form_fields(parse(first_admin.get(action).text).find("form", action=action))
    second = form_fields(parse(second_admin.get(action).text).find("form", action=action))
    email = unique("mail") + "@example.be"
    assert first_admin.post(action, data=fill(first, email=email), allow_redirects=False).status_code == 303

    stale = second_admin.post(action, data=fill(second, display_name="Naam van de tweede"), allow_redirects=False)
    assert stale.status_code == 409
    assert db_query("SELECT email FROM users WHERE id = ?", uid)[0][0] == email
    alert = parse(stale.text).find("div", class_="alert")
    assert alert is not None and email in alert.text
    assert field_error(stale.text, "email") == CONFLICT_RELOAD
    kept = dict(form_fields(parse(stale.text).find("form", action=action)))
    assert kept["display_name"] == "Naam van de tweede"


def test_the_task_overview_has_pages(signed_in, admin_create_user, user_id):
    username, password, uid = admin_create_user("pager")
    admin = signed_in("admin")
    lead = new_lead(admin, unique("Pager"), responsible=uid, branch=1)
    form = form_fields(post_form(admin.get(f"/leads/{lead}/tasks/new").text, f"/leads/{lead}/tasks"))
    for n in range(53):
        redirect_id(admin.post(f"/leads/{lead}/tasks", data=fill(form, assignee=str(uid), description=f"Taak {n}"), allow_redirects=False), "/tasks/")

    user = signed_in(username, password)
    first = user.get("/tasks?what=tasks")
    assert first.status_code == 200
    assert len(agenda_links(first.text)) == 50
    assert len(first.content) < 200_000
    assert rel_link(first.text, "next") == "/tasks?what=tasks&page=2", "the pager keeps the filter"
    second = user.get("/tasks?what=tasks&page=2")
    assert len(agenda_links(second.text)) == 3 and rel_link(second.text, "next") is None
    assert set(agenda_links(first.text)).isdisjoint(agenda_links(second.text))
    assert user.get("/tasks?page=0").status_code == 400


def test_french_task_heads_and_branch_names(signed_in):
    nathalie = signed_in("nathalie")
    heads = [th.text for th in parse(nathalie.get("/tasks").text).find("table", class_="agenda").find("thead").find_all("th")]
    assert len(set(heads)) == len(heads), heads
    overview = nathalie.get("/leads", params={"branch": "3"}).text
    assert "Bruxelles" in [label for _, label in options(overview, "branch")]
    cells = [td.text for td in parse(overview).find("table", class_="leads").find("tbody").find_all("td")]
    assert "Bruxelles" in cells and "Brussel" not in cells
