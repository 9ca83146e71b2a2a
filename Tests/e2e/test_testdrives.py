"""Test drives (issue 11, item 2) through nginx, the FastCGI socket and the responder: booking
from the lead's Testrit button, every kind of bad input coming back beside its field, the
overlap refused with the other booking named, twenty concurrent bookings of one slot making
exactly one, the calendars, the task overview, the agreement PDF in the driver's language, the
outcome with the odometer, and another branch's drive not found. Books slots months ahead on
cars it picks itself, so the demo's own drives never collide with it."""
import datetime
import re
import shutil
import subprocess
import threading

import pytest
import requests

from helpers import form_fields, parse
from test_working_a_lead import new_lead, unique


def post_form(html, action):
    for form in parse(html).find_all("form", action=action):
        if form.attrs.get("method") == "post":
            return form
    raise AssertionError(f"no POST form for {action}")


def text_of(html):
    return " ".join(parse(html).find("main").text.split())


def slot(days, hour, minute=0):
    """A local (Brussels) datetime-local value `days` from today at `hour`:`minute`."""
    d = datetime.date.today() + datetime.timedelta(days=days)
    return f"{d.isoformat()}T{hour:02d}:{minute:02d}"


def gent_car(db_query, offset):
    """An available car of Gent (branch 1) that no drive holds: the offset-th such car."""
    rows = db_query("""SELECT v.id FROM vehicles v WHERE v.branch_id = 1 AND v.status = 'available'
                       AND NOT EXISTS (SELECT 1 FROM testdrives t WHERE t.vehicle_id = v.id AND t.starts_at > strftime('%s','now'))
                       ORDER BY v.id LIMIT 1 OFFSET ?""", offset)
    assert rows, "no free car in Gent"
    return rows[0][0]


def booking(session, lead, **typed):
    """Opens the lead, follows its Testrit button, fills the form; returns the answer."""
    page = session.get(f"/leads/{lead}").text
    button = next(a for a in parse(page).find_all("a") if a.attrs.get("href") == f"/leads/{lead}/testdrives/new")
    form = post_form(session.get(button.attrs["href"]).text, f"/leads/{lead}/testdrives")
    values = dict(licence_number="ab 123 456", licence_category="B", licence_expiry="2031-05-01", licence_checked="1", plate="z-abc-123")
    values.update(typed)
    fields = [(k, v) for k, v in form_fields(form) if k not in values] + [(k, v) for k, v in values.items() if v is not None]
    return session.post(f"/leads/{lead}/testdrives", data=fields, allow_redirects=False)


def error_beside(html, field):
    p = parse(html).find("p", id=f"e-{field}")
    return p.text.strip() if p is not None else None


def test_book_from_the_testrit_button_then_calendar_task_overview_and_outcome(signed_in, db_query):
    sofie = signed_in("sofie")
    lead = new_lead(sofie, "Rit" + unique())
    car = gent_car(db_query, 0)
    r = booking(sofie, lead, vehicle=str(car), starts_at=slot(3, 10), duration="60")
    assert r.status_code == 303, error_text(r)
    drive = int(re.match(r"/testdrives/(\d+)\?done=booked", r.headers["Location"]).group(1))
    page = sofie.get(f"/testdrives/{drive}")
    assert page.status_code == 200
    words = text_of(page.text)
    assert "Gepland" in words and "AB 123 456" in words and "Z-ABC-123" in words and "door Sofie Peeters" in words

    # The lead: counter, card, a timeline entry that opens the drive.
    lead_page = sofie.get(f"/leads/{lead}").text
    assert "<strong>1</strong> Testritten" in lead_page
    assert f'href="/testdrives/{drive}"' in lead_page
    assert db_query("SELECT testdrive_count FROM leads WHERE id = ?", lead) == [(1,)]

    # The car's calendar shows the hour taken (with the lead, Sofie may see it) and offers the next one.
    week = datetime.date.today() + datetime.timedelta(days=3)
    iso = "%d-W%02d" % week.isocalendar()[:2]
    cal = sofie.get(f"/vehicles/{car}/test-drives?week={iso}&lead={lead}")
    assert cal.status_code == 200
    assert f'href="/testdrives/{drive}"' in cal.text
    assert f"/leads/{lead}/testdrives/new?vehicle={car}&amp;start={slot(3, 11)}" in cal.text
    assert f"/leads/{lead}/testdrives/new?vehicle={car}&amp;start={slot(3, 10)}" not in cal.text
    # The branch calendar lists it; the task overview lists the coming drive.
    assert f'href="/testdrives/{drive}"' in sofie.get(f"/test-drives?branch=1&week={iso}").text
    assert f'href="/testdrives/{drive}"' in sofie.get("/tasks").text

    # Done with the odometer: backwards first (refused beside the field), then right.
    form = post_form(sofie.get(f"/testdrives/{drive}").text, f"/testdrives/{drive}/outcome")
    base = [(k, v) for k, v in form_fields(form) if k not in ("outcome", "odometer_out", "odometer_in")]
    r = sofie.post(f"/testdrives/{drive}/outcome", data=base + [("outcome", "done"), ("odometer_out", "12.480"), ("odometer_in", "12.400")],
                   allow_redirects=False)
    assert r.status_code == 422 and error_beside(r.text, "odometer_in")
    again = post_form(r.text, f"/testdrives/{drive}/outcome")
    assert again.find("input", name="odometer_in").attrs["value"] == "12.400"
    r = sofie.post(f"/testdrives/{drive}/outcome", data=base + [("outcome", "done"), ("odometer_out", "12.480"), ("odometer_in", "12.517")],
                   allow_redirects=False)
    assert r.status_code == 303
    words = text_of(sofie.get(f"/testdrives/{drive}").text)
    assert "Gereden" in words and "12.480 km" in words and "12.517 km" in words and "37 km" in words
    assert db_query("SELECT status, odometer_out, odometer_in FROM testdrives WHERE id = ?", drive) == [("done", 12480, 12517)]
    # A stale second outcome (its form still at version 1) is refused, nothing changes.
    r = sofie.post(f"/testdrives/{drive}/outcome", data=base + [("outcome", "cancelled")], allow_redirects=False)
    assert r.status_code in (409, 422)
    assert db_query("SELECT status FROM testdrives WHERE id = ?", drive) == [("done",)]


def error_text(r):
    return f"{r.status_code}: " + " ".join(p.text.strip() for p in parse(r.text).find_all("p") if (p.attrs.get("id") or "").startswith("e-"))


def test_bad_input_comes_back_beside_its_field_with_the_input_kept(signed_in, db_query):
    sofie = signed_in("sofie")
    lead = new_lead(sofie, "Fout" + unique())
    car = gent_car(db_query, 1)
    cases = [
        (dict(vehicle=str(car), starts_at=slot(-2, 10)), "starts_at"),                      # in the past
        (dict(vehicle=str(car), starts_at=slot(5, 10), duration="1500"), "duration"),      # longer than a day
        (dict(vehicle=str(car), starts_at=slot(5, 10), licence_expiry="2020-01-01"), "licence_expiry"),  # expired
        (dict(vehicle=str(car), starts_at=slot(5, 10), driver="other", driver_name="Kid", driver_birth_date=str(datetime.date.today().year - 16) + "-01-01"),
         "driver_birth_date"),                                                              # under 18
        (dict(vehicle=str(car), starts_at="morgen"), "starts_at"),                         # unreadable
    ]
    for typed, field in cases:
        r = booking(sofie, lead, **typed)
        assert r.status_code == 422, (typed, r.status_code)
        assert error_beside(r.text, field), (typed, error_text(r))
        form = post_form(r.text, f"/leads/{lead}/testdrives")
        assert form.find("input", name="licence_number").attrs["value"] == "ab 123 456"
    # A sold car is refused beside the car.
    sold = db_query("SELECT id FROM vehicles WHERE branch_id = 1 AND status = 'sold' LIMIT 1")
    if sold:
        r = booking(sofie, lead, vehicle=str(sold[0][0]), starts_at=slot(5, 10))
        assert r.status_code == 422 and error_beside(r.text, "vehicle")
    assert db_query("SELECT count(*) FROM testdrives WHERE lead_id = ?", lead) == [(0,)]


def test_an_overlap_is_refused_with_the_other_booking_shown_and_a_stale_edit_is_a_conflict(signed_in, db_query):
    sofie, jan = signed_in("sofie"), signed_in("jan")
    lead = new_lead(sofie, "Eerst" + unique())
    other = new_lead(jan, "Tweede" + unique())
    car = gent_car(db_query, 2)
    r = booking(sofie, lead, vehicle=str(car), starts_at=slot(6, 14), duration="60")
    assert r.status_code == 303
    drive = int(re.search(r"/testdrives/(\d+)", r.headers["Location"]).group(1))
    # Jan, same branch, books 14:30 on the same car: refused, Sofie's booking named (not her lead).
    r = booking(jan, other, vehicle=str(car), starts_at=slot(6, 14, 30), duration="30")
    assert r.status_code == 422
    assert error_beside(r.text, "starts_at")
    alert = " ".join(parse(r.text).find("div", class_="alert").text.split())
    assert "Sofie Peeters" in alert and "14:00" in alert and "15:00" in alert
    assert f'href="/testdrives/{drive}"' not in r.text
    assert f"/vehicles/{car}/test-drives?week=" in r.text
    # 15:00 touches the end: fine.
    assert booking(jan, other, vehicle=str(car), starts_at=slot(6, 15), duration="30").status_code == 303

    # Two edits from the same form: the second is a conflict, nothing overwritten.
    form = post_form(sofie.get(f"/testdrives/{drive}/edit").text, f"/testdrives/{drive}")
    fields = form_fields(form)
    first = [(k, v) for k, v in fields if k != "notes"] + [("notes", "Eerste")]
    second = [(k, v) for k, v in fields if k != "notes"] + [("notes", "Tweede")]
    assert sofie.post(f"/testdrives/{drive}", data=first, allow_redirects=False).status_code == 303
    r = sofie.post(f"/testdrives/{drive}", data=second, allow_redirects=False)
    assert r.status_code == 409
    assert db_query("SELECT notes FROM testdrives WHERE id = ?", drive) == [("Eerste",)]


def test_twenty_concurrent_bookings_of_one_slot_through_nginx_make_exactly_one(signed_in, db_query, base_url):
    sofie = signed_in("sofie")
    leads = [new_lead(sofie, "Gelijk" + unique()) for _ in range(4)]
    car = gent_car(db_query, 3)
    # Each request carries its own lead and a slightly different start: all overlap.
    forms = []
    for n in range(20):
        lead = leads[n % 4]
        form = post_form(sofie.get(f"/leads/{lead}/testdrives/new").text, f"/leads/{lead}/testdrives")
        values = dict(vehicle=str(car), starts_at=slot(8, 11, n), duration="60", licence_number="X1", licence_expiry="2031-01-01")
        forms.append((lead, [(k, v) for k, v in form_fields(form) if k not in values] + list(values.items())))
    # Under load: readers hammer a lead page while the twenty bookings land at once.
    stop = threading.Event()

    def read_load():
        with requests.Session() as s:
            s.cookies.update(sofie.cookies)
            while not stop.is_set():
                s.get(f"{base_url}/leads/{leads[0]}", timeout=30)

    readers = [threading.Thread(target=read_load) for _ in range(4)]
    for t in readers:
        t.start()
    barrier = threading.Barrier(20)
    answers = [None] * 20

    def book(n):
        lead, fields = forms[n]
        with requests.Session() as s:
            s.cookies.update(sofie.cookies)
            barrier.wait()
            answers[n] = s.post(f"{base_url}/leads/{lead}/testdrives", data=fields, allow_redirects=False, timeout=60).status_code

    threads = [threading.Thread(target=book, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stop.set()
    for t in readers:
        t.join()
    assert sorted(answers) == [303] + [422] * 19, answers
    rows = db_query("SELECT count(*) FROM testdrives WHERE vehicle_id = ? AND status <> 'cancelled' AND lead_id IN (?, ?, ?, ?)", car, *leads)
    assert rows == [(1,)]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) is missing")
def test_the_agreement_is_a_pdf_in_the_drivers_language_and_another_branch_gets_404(signed_in, db_query):
    sofie = signed_in("sofie")
    lead = new_lead(sofie, "Accord" + unique(), language="fr")
    car = gent_car(db_query, 4)
    r = booking(sofie, lead, vehicle=str(car), starts_at=slot(9, 9), duration="45")
    assert r.status_code == 303, error_text(r)
    drive = int(re.search(r"/testdrives/(\d+)", r.headers["Location"]).group(1))
    pdf = sofie.get(f"/testdrives/{drive}/agreement.pdf")
    assert pdf.status_code == 200 and pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.headers["Content-Disposition"] == f'attachment; filename="T-{drive:06d}.pdf"'
    assert pdf.content[:5] == b"%PDF-"
    words = " ".join(subprocess.run(["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True).stdout.decode().split())
    assert f"Convention d'essai T-{drive:06d}" in words and "AB 123 456" in words and "Z-ABC-123" in words
    assert "Signature du conducteur" in words and "Conditions" in words
    # Julien (Namur) does not see Gent's drive, its agreement or Gent's cars' calendars.
    julien = signed_in("julien")
    for path in (f"/testdrives/{drive}", f"/testdrives/{drive}/agreement.pdf", f"/testdrives/{drive}/edit", f"/vehicles/{car}/test-drives",
                 "/test-drives?branch=1"):
        assert julien.get(path).status_code == 404, path
    form = post_form(sofie.get(f"/testdrives/{drive}").text, f"/testdrives/{drive}/outcome")
    r = julien.post(f"/testdrives/{drive}/outcome", data=[(k, v) for k, v in form_fields(form) if k != "_csrf"]
                    + [("_csrf", julien.csrf("/leads"))], allow_redirects=False)
    assert r.status_code == 404
    assert db_query("SELECT status FROM testdrives WHERE id = ?", drive) == [("planned",)]


def test_no_booking_without_the_csrf_token_or_on_get(signed_in, db_query):
    sofie = signed_in("sofie")
    lead = new_lead(sofie, "Csrf" + unique())
    car = gent_car(db_query, 5)
    form = post_form(sofie.get(f"/leads/{lead}/testdrives/new").text, f"/leads/{lead}/testdrives")
    fields = [(k, v) for k, v in form_fields(form) if k not in ("_csrf", "vehicle", "starts_at", "licence_number", "licence_expiry")]
    fields += [("vehicle", str(car)), ("starts_at", slot(10, 10)), ("licence_number", "X1"), ("licence_expiry", "2031-01-01")]
    assert sofie.post(f"/leads/{lead}/testdrives", data=fields, allow_redirects=False).status_code == 403
    assert sofie.get(f"/leads/{lead}/testdrives?vehicle={car}&starts_at={slot(10, 10)}").status_code in (404, 405)
    assert db_query("SELECT count(*) FROM testdrives WHERE lead_id = ?", lead) == [(0,)]
