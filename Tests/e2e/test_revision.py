"""Issue 14: the lead page is kept between requests (its data per lead revision, its timeline
per revision and language), so this test looks for stale pages: it loads a lead's page through
nginx (filling the caches), changes one kind of record the page shows, and loads it again — for
comments, their edits, deadlines, the contact, trade-ins, test drives, a car on the page, a
document, the status, and a staff member's name — and the new state must be there each time."""
import datetime
import re

from helpers import form_fields, parse
from test_working_a_lead import fill, new_lead, post_form, unique


def main_text(html):
    return " ".join(parse(html).find("main").text.split())


def test_every_kind_of_change_shows_at_once_on_a_page_that_was_cached(signed_in, db_query, admin_create_user):
    sofie = signed_in("sofie")
    lead = new_lead(sofie, "Vers" + unique())
    page = lambda: sofie.get(f"/leads/{lead}").text  # noqa: E731

    def changed(what, change, expect):
        for _ in range(2):
            page()  # warm: the data and the timeline are now kept
        change()
        after = page()
        assert expect(after), f"stale lead page after: {what}"

    token = lambda action: form_fields(post_form(page(), action))  # noqa: E731
    comment_text = "Eerste " + unique()
    changed("a comment", lambda: sofie.post(f"/leads/{lead}/comments", data=fill(token(f"/leads/{lead}/comments"), body=comment_text)),
            lambda html: comment_text in html)
    comment = db_query("SELECT max(id) FROM comments WHERE lead_id = ?", lead)[0][0]
    edited = "Aangepast " + unique()
    changed("a comment's edit", lambda: sofie.post(f"/comments/{comment}", data=fill(form_fields(post_form(sofie.get(f"/comments/{comment}/edit").text, f"/comments/{comment}")), body=edited)),
            lambda html: parse(html).find("p", class_="comment-body").text == edited)

    contact = db_query("SELECT contact_id FROM leads WHERE id = ?", lead)[0][0]
    new_name = "Herdoopt" + unique()
    changed("the contact's name", lambda: sofie.post(f"/contacts/{contact}", data=fill(form_fields(post_form(sofie.get(f"/contacts/{contact}").text, f"/contacts/{contact}")), last_name=new_name)),
            lambda html: new_name in parse(html).find("h1").text)

    def trade_in():
        form = post_form(sofie.get(f"/leads/{lead}/tradeins/new").text, f"/leads/{lead}/tradeins")
        assert sofie.post(f"/leads/{lead}/tradeins", data=fill(form_fields(form), make="Citroën", model="C4", fuel="diesel", offered_price="3.000"),
                          allow_redirects=False).status_code == 303
    changed("a trade-in", trade_in, lambda html: "<strong>1</strong> Overnames" in html and "Citroën C4" in html)

    car = db_query("SELECT v.id FROM vehicles v WHERE v.branch_id = 1 AND v.status = 'available' ORDER BY v.id DESC LIMIT 1")[0][0]
    day = (datetime.date.today() + datetime.timedelta(days=40)).isoformat()

    def test_drive():
        form = post_form(sofie.get(f"/leads/{lead}/testdrives/new").text, f"/leads/{lead}/testdrives")
        r = sofie.post(f"/leads/{lead}/testdrives", data=fill(form_fields(form), vehicle=str(car), starts_at=day + "T13:00", licence_number="R1",
                                                                 licence_expiry="2031-01-01"), allow_redirects=False)
        assert r.status_code == 303, r.status_code
    changed("a test drive", test_drive, lambda html: "<strong>1</strong> Testritten" in html)

    admin = signed_in("admin")
    version = "Revisie " + unique()
    changed("the car's version, shown on the test-drive card",
            lambda: admin.post(f"/vehicles/{car}", data=fill(form_fields(post_form(admin.get(f"/vehicles/{car}/edit").text, f"/vehicles/{car}")), model_version=version)),
            lambda html: version in html)

    def document():
        fields = [(k, v) for k, v in form_fields(post_form(page(), f"/leads/{lead}/documents")) if k != "title"] + [("title", "Offerte scan")]
        r = sofie.post(f"/leads/{lead}/documents", data=fields, files=[("files", ("notitie.txt", b"Klant wil een trekhaak.\n", "text/plain"))],
                       allow_redirects=False)
        assert r.status_code == 303, r.status_code
    changed("a document", document, lambda html: "Offerte scan" in html)

    deadlines_before = []

    def deadline():
        deadlines_before.append(page().count("event-deadline_added"))
        due = (datetime.datetime.now() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT10:00")
        follow = sofie.get(f"/leads/{lead}/follow-up").text
        fields = fill(form_fields(post_form(follow, f"/leads/{lead}/deadlines")), kind="follow_up", due=due, note="Bellen")
        assert sofie.post(f"/leads/{lead}/deadlines", data=fields, allow_redirects=False).status_code == 303
    changed("a deadline", deadline, lambda html: html.count("event-deadline_added") == deadlines_before[0] + 1)

    # A staff member's name (the global generation): a colleague renamed by the admin shows
    # renamed on the timeline of a lead he commented on.
    name, password, uid = admin_create_user("rev", profile="Verkoper", branches=(1,))
    colleague = signed_in(name, password)
    colleague_lead = new_lead(colleague, "Collega" + unique())
    colleague.post(f"/leads/{colleague_lead}/comments", data=fill(form_fields(post_form(colleague.get(f"/leads/{colleague_lead}").text, f"/leads/{colleague_lead}/comments")), body="Hallo"))
    renamed = "Hernoemd " + unique()
    colleague.get(f"/leads/{colleague_lead}")
    edit = post_form(admin.get(f"/admin/users/{uid}").text, f"/admin/users/{uid}")
    assert admin.post(f"/admin/users/{uid}", data=fill(form_fields(edit), display_name=renamed), allow_redirects=False).status_code == 303
    assert renamed in colleague.get(f"/leads/{colleague_lead}").text

    # The status last (closing the lead changes what may be done on it).
    def won():
        form = post_form(sofie.get(f"/leads/{lead}/status").text, f"/leads/{lead}/status")
        assert sofie.post(f"/leads/{lead}/status", data=fill(form_fields(form), status="won"), allow_redirects=False).status_code == 303
    changed("the status", won, lambda html: "status-won" in html)
    assert re.search(r"Gewonnen", page())
