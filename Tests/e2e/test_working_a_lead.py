"""Working a lead (issue 4) through the real stack: nginx, the FastCGI socket, the responder
and the demo database. One test per feature: a new lead for a new contact, comments, a task
planned and marked done from the task overview, assignment, closing as won, moving a
deadline, the CSV export and the text search.

Every test works on leads it creates itself (unique names), so the demo leads the other
tests rely on stay as they are."""
import csv
import io
import random
import re
import time
import uuid

import pytest

from helpers import LEAD_CODE, csrf_token, form_fields, lead_rows, parse

# The Dutch texts the pages show (the demo users speak Dutch).
CREATED = "Lead aangemaakt"
BY = "door {}"
NO_EMAIL_OR_PHONE = "Geef minstens een e-mailadres of een telefoonnummer."
REQUIRED = "Dit veld is verplicht."
REASON_REQUIRED = "Kies waarom de lead verloren is."
CLOSED = "Afgesloten: geen deadline"


def unique(prefix="t"):
    return prefix + uuid.uuid4().hex[:8]


# Endings the demo data never draws (it uses 100000 and more), none twice in a session, and
# none below 20000 (test_browser_lead_flow.py types a fixed one there).
_phone_endings = iter(random.sample(range(20_000, 100_000), 1000))


def unique_phone():
    """A Belgian mobile number nobody else has: (as typed, as stored)."""
    n = next(_phone_endings)
    return f"0470 0{n // 10000} {n // 100 % 100:02d} {n % 100:02d}", f"+324700{n:05d}"


def post_form(html, action):
    """The POST form with this action (a page can also carry a GET form to the same address)."""
    for form in parse(html).find_all("form", action=action):
        if form.attrs.get("method") == "post":
            return form
    raise AssertionError(f"no POST form for {action}")


def fill(fields, **changes):
    """Form fields with some values replaced (or added)."""
    out = [(k, changes.pop(k) if k in changes else v) for k, v in fields]
    return out + list(changes.items())


def field_error(html, name):
    node = parse(html).find("p", id=f"e-{name}")
    return node.text if node is not None else None


def redirect_id(r, prefix):
    assert r.status_code == 303, (r.status_code, r.text[:300])
    location = r.headers["Location"]
    assert location.startswith(prefix), location
    return int(re.match(r"\d+", location[len(prefix):]).group(0))


def new_lead(s, last, first="Test", email=None, phone="", **lead):
    """Creates a lead for a new contact through the new-lead form; returns its id."""
    page = s.get("/leads/new")
    assert page.status_code == 200
    fields = fill(form_fields(post_form(page.text, "/leads/new")), first_name=first, last_name=last,
                  email=email if email is not None else unique() + "@example.be", phone=phone, city="Gent", confirm_new="1",
                  **{k: str(v) for k, v in lead.items()})
    return redirect_id(s.post("/leads/new", data=fields, allow_redirects=False), "/leads/")


def timeline(html):
    """The lead page's timeline, newest first: dicts of kind, title, detail, meta, time."""
    card = parse(html).find("section", class_="timeline-card")
    events = []
    for li in card.find_all("li", class_="event") if card is not None else []:
        kind = next(c[len("event-"):] for c in li.attrs["class"].split() if c.startswith("event-"))
        detail = li.find("p", class_="event-detail")
        events.append({"kind": kind, "title": li.find("p", class_="event-title").text, "detail": detail.text if detail else "",
                       "meta": li.find("p", class_="meta").text, "time": li.find("time").text})
    return events


def status_colour(html):
    """(header colour, status button colour) of a lead page."""
    root = parse(html)
    head = root.find("section", class_="lead-head").attrs["class"].split()
    button = root.find(class_="status-button").attrs["class"].split()
    pick = lambda classes: next(c[len("status-"):] for c in classes if c.startswith("status-") and c != "status-button")  # noqa: E731
    return pick(head), pick(button)


def deadline_box(html):
    box = parse(html).find("div", class_="box-deadline")
    note = box.find("p", class_="box-note")
    return box.find("p", class_="box-value").text, (note.text if note is not None else None), box.attrs["class"].split()


def lead_version(db_query, lead):
    return db_query("SELECT version FROM leads WHERE id = ?", lead)[0][0]


# MARK: - New lead


def test_new_lead_for_a_new_contact(signed_in, db_query, user_id):
    s = signed_in("sofie")
    hours = int((db_query("SELECT value FROM settings WHERE key = 'opportunity_deadline_hours'") or [("24",)])[0][0])
    last = unique("Desmet")
    phone, normalised = unique_phone()

    # A contact without e-mail or phone is refused, with what was typed kept.
    page = s.get("/leads/new").text
    form = form_fields(post_form(page, "/leads/new"))
    bad = s.post("/leads/new", data=fill(form, first_name="An", last_name=last, email="", phone="", city="Brugge"), allow_redirects=False)
    assert bad.status_code == 422
    assert field_error(bad.text, "email") == NO_EMAIL_OR_PHONE
    kept = dict(form_fields(post_form(bad.text, "/leads/new")))
    assert kept["last_name"] == last and kept["city"] == "Brugge"

    before = time.time()
    r = s.post("/leads/new", data=fill(form, first_name="An", last_name=last, email=f"{last.lower()}@example.be", phone=phone, city="Gent"),
               allow_redirects=False)
    lead = redirect_id(r, "/leads/")
    code, contact_phone, created = db_query(
        "SELECT l.code, c.phone, l.created_at FROM leads l JOIN contacts c ON c.id = l.contact_id WHERE l.id = ?", lead)[0]
    assert LEAD_CODE.fullmatch(code) and code[2:6] == time.strftime("%Y")
    assert contact_phone == normalised
    assert abs(created - before) < 60
    # The first deadline: contact the prospect within the configured period.
    assert db_query("SELECT kind, due_at - ? FROM deadlines WHERE lead_id = ?", created, lead) == [("contact_prospect", hours * 3600)]

    page = s.get(f"/leads/{lead}")
    assert page.status_code == 200
    assert code in page.text
    assert status_colour(page.text) == ("in-progress", "in-progress")
    value, note, _ = deadline_box(page.text)
    assert note.startswith("Contact opnemen met de prospect · ")
    assert value.startswith("nog ")
    events = timeline(page.text)
    assert [e["kind"] for e in events] == ["created"]
    assert events[0]["title"] == CREATED and events[0]["meta"] == BY.format("Sofie Peeters")
    assert user_id("sofie") == db_query("SELECT responsible_id FROM leads WHERE id = ?", lead)[0][0]


def test_new_lead_contact_search_and_duplicates(signed_in, db_query):
    s = signed_in("sofie")
    last = unique("Coppens")
    email = f"{last.lower()}@example.be"
    first = new_lead(s, last, first="Bert", email=email)
    contact = db_query("SELECT contact_id FROM leads WHERE id = ?", first)[0][0]

    # The plain search form and the live search's fragment both find the contact.
    full = s.get("/leads/new", params={"q": last})
    assert full.status_code == 200
    assert f"/leads/new?contact={contact}" in full.text
    fragment = s.get("/leads/new", params={"q": email, "fragment": "1"})
    assert fragment.status_code == 200
    assert fragment.text.startswith('<div id="contact-results"') and "<html" not in fragment.text
    assert f"/leads/new?contact={contact}" in fragment.text

    # The same e-mail for a "new" contact: shown as a likely duplicate first.
    form = form_fields(post_form(s.get("/leads/new").text, "/leads/new"))
    warned = s.post("/leads/new", data=fill(form, first_name="Bert", last_name="Anders", email=email.upper()), allow_redirects=False)
    assert warned.status_code == 422
    alert = parse(warned.text).find("div", class_="alert")
    assert last in alert.text and alert.find("input", name="confirm_new") is not None


# MARK: - Comments


def test_comment_add_escape_edit_and_conflict(signed_in, db_query):
    s = signed_in("sofie")
    lead = new_lead(s, unique("Peeters"))
    token = csrf_token(s.get(f"/leads/{lead}").text, f"/leads/{lead}/comments")

    empty = s.post(f"/leads/{lead}/comments", data={"_csrf": token, "body": "  \n "}, allow_redirects=False)
    assert empty.status_code == 422
    assert field_error(empty.text, "body") == REQUIRED

    body = '<script>alert("x")</script> Klant belt <b>morgen</b> terug & "bevestigt"'
    r = s.post(f"/leads/{lead}/comments", data={"_csrf": token, "body": body}, allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == f"/leads/{lead}#comments-h"
    page = s.get(f"/leads/{lead}").text
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert parse(page).find("p", class_="comment-body").text == body
    event = timeline(page)[0]
    assert event["kind"] == "comment" and event["detail"] == body and event["meta"].startswith(BY.format("Sofie Peeters"))

    comment = db_query("SELECT max(id) FROM comments WHERE lead_id = ?", lead)[0][0]
    form = form_fields(post_form(s.get(f"/comments/{comment}/edit").text, f"/comments/{comment}"))
    assert s.post(f"/comments/{comment}", data=fill(form, body="Aangepast"), allow_redirects=False).status_code == 303
    stale = s.post(f"/comments/{comment}", data=fill(form, body="Mijn versie"), allow_redirects=False)
    assert stale.status_code == 409
    assert parse(stale.text).find("blockquote").text == "Aangepast"
    assert parse(stale.text).find("textarea", name="body").text == "Mijn versie"
    assert db_query("SELECT body FROM comments WHERE id = ?", comment)[0][0] == "Aangepast"

    # Another user may not touch it.
    pieter = signed_in("pieter")
    ptoken = csrf_token(pieter.get(f"/leads/{lead}").text, f"/leads/{lead}/comments")
    assert pieter.post(f"/comments/{comment}/delete", data={"_csrf": ptoken}, allow_redirects=False).status_code == 403
    # The author deletes it; the timeline keeps a mark.
    assert s.post(f"/comments/{comment}/delete", data={"_csrf": token}, allow_redirects=False).status_code == 303
    assert [e["kind"] for e in timeline(s.get(f"/leads/{lead}").text)] == ["comment_deleted", "created"]


# MARK: - Tasks


def test_task_planned_and_marked_done_from_the_task_overview(signed_in, db_query):
    s = signed_in("sofie")
    lead = new_lead(s, unique("Maes"))
    form = form_fields(post_form(s.get(f"/leads/{lead}/tasks/new").text, f"/leads/{lead}/tasks"))
    bad = s.post(f"/leads/{lead}/tasks", data=fill(form, starts_at="2026-02-30T10:00", description="Terugbellen"), allow_redirects=False)
    assert bad.status_code == 422
    assert field_error(bad.text, "starts_at") == "Geef een geldige datum en tijd."

    description = unique("Offerte bespreken ")
    task = redirect_id(s.post(f"/leads/{lead}/tasks", data=fill(form, duration="45", description=description), allow_redirects=False), "/tasks/")
    page = s.get(f"/tasks/{task}")
    assert page.status_code == 200 and description in page.text and "45 min" in page.text
    assert timeline(s.get(f"/leads/{lead}").text)[0]["kind"] == "task_added"

    overview = s.get("/tasks")
    assert overview.status_code == 200
    row = next(tr for tr in parse(overview.text).find("table", class_="agenda").find("tbody").find_all("tr")
               if tr.find("a", href=f"/tasks/{task}") is not None)
    done_form = row.find("form", action=f"/tasks/{task}/done")
    r = s.post(f"/tasks/{task}/done", data=form_fields(done_form), allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == "/tasks"
    assert f'href="/tasks/{task}"' not in s.get("/tasks").text
    assert db_query("SELECT done_at IS NOT NULL FROM tasks WHERE id = ?", task)[0][0] == 1

    page = s.get(f"/leads/{lead}").text
    notice = parse(page).find("ul", class_="notifications")
    assert notice is not None and f"Taak afgewerkt door Sofie Peeters: {description}" in notice.text
    event = timeline(page)[0]
    assert event["kind"] == "task_done" and event["title"] == "Taak afgewerkt" and event["meta"].startswith(BY.format("Sofie Peeters"))
    # Shown until seen.
    seen = notice.find("form")
    assert s.post(seen.attrs["action"], data=form_fields(seen), allow_redirects=False).status_code == 303
    assert parse(s.get(f"/leads/{lead}").text).find("ul", class_="notifications") is None
    # Done twice: a clean refusal.
    again = s.post(f"/tasks/{task}/done", data=form_fields(done_form), allow_redirects=False)
    assert 400 <= again.status_code < 500


# MARK: - Assign


def test_assign_to_a_colleague_notifies_them(signed_in, db_query, user_id):
    sofie = signed_in("sofie")
    lead = new_lead(sofie, unique("Jacobs"))
    code = db_query("SELECT code FROM leads WHERE id = ?", lead)[0][0]
    sofie_token = csrf_token(sofie.get(f"/leads/{lead}").text, f"/leads/{lead}/comments")
    # A salesperson may not assign.
    assert sofie.get(f"/leads/{lead}/assign").status_code == 403
    assert sofie.post(f"/leads/{lead}/assign", data={"_csrf": sofie_token, "responsible": user_id("jan"), "branch": "1",
                                                     "version": "1"}, allow_redirects=False).status_code == 403

    pieter = signed_in("pieter")
    form = form_fields(post_form(pieter.get(f"/leads/{lead}/assign").text, f"/leads/{lead}/assign"))
    wrong = pieter.post(f"/leads/{lead}/assign", data=fill(form, responsible=str(user_id("lotte"))), allow_redirects=False)
    assert wrong.status_code == 422
    assert field_error(wrong.text, "responsible") == "Deze gebruiker werkt niet in die vestiging."
    r = pieter.post(f"/leads/{lead}/assign", data=fill(form, responsible=str(user_id("jan"))), allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == f"/leads/{lead}"
    event = timeline(pieter.get(f"/leads/{lead}").text)[0]
    assert event["kind"] == "assigned"
    assert event["title"] == "Toegewezen: Sofie Peeters → Jan Claes"
    assert event["meta"].startswith(BY.format("Pieter Van Damme"))
    # The same form again is stale now.
    assert pieter.post(f"/leads/{lead}/assign", data=fill(form, responsible=str(user_id("sofie"))), allow_redirects=False).status_code == 409

    jan = signed_in("jan")
    page = parse(jan.get("/notifications").text)
    assert int(page.find("a", class_="bell").find("span", class_="count").text) >= 1
    item = next(li for li in page.find("ul", class_="notifications").find_all("li") if code in li.text)
    assert item.find("a").attrs["href"] == f"/leads/{lead}"
    assert f"Pieter Van Damme wees u lead {code} toe" in item.text
    assert sofie.get(f"/leads/{lead}").status_code == 404


# MARK: - Status


def test_status_won_colours_the_header_and_stops_the_clock(signed_in, db_query):
    s = signed_in("sofie")
    lead = new_lead(s, unique("Mertens"))
    assert status_colour(s.get(f"/leads/{lead}").text) == ("in-progress", "in-progress")
    form = form_fields(post_form(s.get(f"/leads/{lead}/status").text, f"/leads/{lead}/status"))

    lost = s.post(f"/leads/{lead}/status", data=fill(form, status="lost", lost_reason=""), allow_redirects=False)
    assert lost.status_code == 422
    assert field_error(lost.text, "lost_reason") == REASON_REQUIRED

    r = s.post(f"/leads/{lead}/status", data=fill(form, status="won"), allow_redirects=False)
    assert r.status_code == 303
    page = s.get(f"/leads/{lead}").text
    assert status_colour(page) == ("won", "won")
    value, note, classes = deadline_box(page)
    assert value == CLOSED and note is None and "overdue" not in classes
    event = timeline(page)[0]
    assert event["kind"] == "status" and event["title"] == "Status gewijzigd: In behandeling → Gewonnen"
    assert db_query("SELECT status, closed_at IS NOT NULL FROM leads WHERE id = ?", lead) == [(1, 1)]
    # Reopening needs leads.reopen, which a salesperson lacks.
    assert s.post(f"/leads/{lead}/status", data=fill(form, status="in-progress", version=str(lead_version(db_query, lead))),
                  allow_redirects=False).status_code == 403


# MARK: - Deadlines


def test_deadline_moved_with_a_reason(signed_in, db_query):
    s = signed_in("sofie")
    lead = new_lead(s, unique("Willems"))
    deadline, due = db_query("SELECT id, due_at FROM deadlines WHERE lead_id = ?", lead)[0]
    tab = s.get(f"/leads/{lead}/follow-up")
    assert tab.status_code == 200
    form = form_fields(post_form(tab.text, f"/deadlines/{deadline}/move"))
    new_due = time.strftime("%Y-%m-%dT%H:%M", time.localtime(time.time() + 3 * 86400))  # the test machine's zone is irrelevant: any future time will do

    no_reason = s.post(f"/deadlines/{deadline}/move", data=fill(form, **{f"due-{deadline}": new_due, f"reason-{deadline}": ""}), allow_redirects=False)
    assert no_reason.status_code == 422
    assert field_error(no_reason.text, f"reason-{deadline}") == REQUIRED
    past = s.post(f"/deadlines/{deadline}/move", data=fill(form, **{f"due-{deadline}": "2020-01-01T10:00", f"reason-{deadline}": "Reis"}),
                  allow_redirects=False)
    assert past.status_code == 422
    assert field_error(past.text, f"due-{deadline}") == "Een deadline ligt in de toekomst."

    r = s.post(f"/deadlines/{deadline}/move", data=fill(form, **{f"due-{deadline}": new_due, f"reason-{deadline}": "Klant op reis"}),
               allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == f"/leads/{lead}/follow-up"
    moved = db_query("SELECT due_at FROM deadlines WHERE id = ?", deadline)[0][0]
    assert moved > due + 86400
    event = timeline(s.get(f"/leads/{lead}").text)[0]
    assert event["kind"] == "deadline_changed" and event["title"].startswith("Deadline verplaatst: ")
    assert event["detail"] == "Klant op reis" and event["meta"].startswith(BY.format("Sofie Peeters"))
    # The header counts down to it.
    _, note, _ = deadline_box(s.get(f"/leads/{lead}/follow-up").text)
    assert note.startswith("Contact opnemen met de prospect · ")
    # The same form again (an old version): refused, nothing overwritten.
    stale = s.post(f"/deadlines/{deadline}/move", data=fill(form, **{f"due-{deadline}": new_due, f"reason-{deadline}": "Nog eens"}),
                   allow_redirects=False)
    assert stale.status_code == 409
    assert db_query("SELECT due_at FROM deadlines WHERE id = ?", deadline)[0][0] == moved


# MARK: - Overview: CSV and search


def test_csv_export_headers_content_and_formula_injection(signed_in, db_query, user_id):
    s = signed_in("sofie")
    marker = unique("x")
    evil = f'=HYPERLINK("http://evil/{marker}")'
    lead = new_lead(s, evil, first="")
    plus = new_lead(s, "+cmd", first="", email=f"{marker}@example.be")
    code, plus_code = (db_query("SELECT code FROM leads WHERE id = ?", i)[0][0] for i in (lead, plus))

    r = s.get("/leads/export")
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert re.fullmatch(r'attachment; filename="leads-\d{4}-\d{2}-\d{2}\.csv"', r.headers["Content-Disposition"])
    assert r.headers.get("Cache-Control") == "no-store"
    assert r.content.startswith(b"\xef\xbb\xbf")
    text = r.content[3:].decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[0][:5] == ["Code", "Status", "Contact", "E-mail", "Telefoon"] and len(rows[0]) == 15
    data = rows[1:]
    assert all(len(row) == 15 for row in data)
    by_code = {row[0]: row for row in data}
    assert by_code[code][2] == "'" + evil
    assert by_code[plus_code][2] == "'+cmd"
    assert not any(cell[:1] in ("=", "+", "-", "@") for row in data for cell in row)
    # Only her own leads.
    own = {c for (c,) in db_query("SELECT code FROM leads WHERE responsible_id = ? AND branch_id = 1", user_id("sofie"))}
    assert set(by_code) == own

    # The export follows the current filter.
    filtered = s.get("/leads/export", params={"q": marker})
    assert filtered.status_code == 200
    codes = [row[0] for row in csv.reader(io.StringIO(filtered.content[3:].decode("utf-8"), newline=""), delimiter=";")][1:]
    assert sorted(codes) == sorted([code, plus_code])


def test_text_search_by_name_email_phone_and_code(signed_in, db_query):
    s = signed_in("sofie")
    last = unique("Vermeulen")
    phone, normalised = unique_phone()
    email = f"{last.lower()}@example.be"
    lead = new_lead(s, last, first="Hanne", email=email, phone=phone)
    code = db_query("SELECT code FROM leads WHERE id = ?", lead)[0][0]

    national = "0" + normalised[3:]
    for q in [f"Hanne {last}", last[:8].lower(), email, national, normalised, national[:4] + "/" + national[4:6] + "." + national[6:8] + "." + national[8:], code]:
        r = s.get("/leads", params={"q": q})
        assert r.status_code == 200, q
        codes = [row["Code"] for row in lead_rows(r.text)]
        assert code in codes, f"search {q!r}"
        if q != last[:8].lower():
            assert len(codes) == 1, f"search {q!r} finds only this lead: {codes}"
    # A code prefix lists codes that start with it.
    prefix = code[:-2]
    codes = [row["Code"] for row in lead_rows(s.get("/leads", params={"q": prefix}).text)]
    assert code in codes and all(c.startswith(prefix) for c in codes)
    # Filters with values that name nothing are refused, not ignored.
    assert s.get("/leads", params={"responsible": "abc"}).status_code == 400
    assert s.get("/leads", params={"from": "2026-02-30"}).status_code == 400


def test_text_search_by_phone_written_in_groups(signed_in):
    s = signed_in("sofie")
    phone, _ = unique_phone()
    lead = new_lead(s, unique("Aerts"), phone=phone)
    r = s.get("/leads", params={"q": phone})
    assert f'href="/leads/{lead}"' in r.text
