"""Issue 11's "Done when", in real Chromium through nginx, once per language: a salesperson who
works in that language (Sofie nl, Julien fr, Bram en) records a trade-in from the lead's
Overname button, the branch's manager approves it, the salesperson credits it on a quote (the
editor offers it as its own credit line), books a test drive from the calendar (branch → car →
a free hour), tries the same slot again and is refused with the other booking shown, downloads
the agreement (a PDF in the driver's language) and marks the drive done with the odometer."""
import os
import re
import shutil
import subprocess
import time

import pytest

from browser import WAIT, browsers, require_chromium, sign_in, wait_for_new_page, press, type_into, download  # noqa: F401 (browsers is a fixture)
from helpers import Client
from test_working_a_lead import new_lead, unique

require_chromium()

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

RUNS = {
    "nl": dict(user="sofie", manager="pieter", approved="Goedgekeurd", planned="Gepland", done="Gereden", title="Testritovereenkomst",
               booked="Sofie Peeters"),
    "fr": dict(user="julien", manager="nathalie", approved="Approuvée", planned="Planifié", done="Effectué", title="Convention d'essai",
               booked="Julien"),
    "en": dict(user="bram", manager="pieter", approved="Approved", planned="Planned", done="Done", title="Test-drive agreement",
               booked="Bram"),
}


def set_value(d, name, value):
    """Date and datetime inputs take their value in ISO form whatever the browser's locale."""
    d.execute_script("document.getElementsByName(arguments[0])[0].value = arguments[1]", name, value)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) is missing")
@pytest.mark.parametrize("lang", list(RUNS))
def test_trade_in_approved_credited_then_a_test_drive_booked_refused_printed_and_done(lang, browsers, base_url, db_query, tmp_path):
    run = RUNS[lang]
    with Client(base_url) as http:
        http.sign_in(run["user"])
        lead = new_lead(http, "Rit" + unique(), language=lang)
    d = browsers(download_dir=str(tmp_path))
    sign_in(d, base_url, run["user"])

    # 1. The trade-in, from the Overname button.
    d.get(f"{base_url}/leads/{lead}")
    press(d, f".action-bar a[href='/leads/{lead}/tradeins/new']")
    type_into(d, "make", "Opel")
    type_into(d, "model", "Astra")
    Select(d.find_element(By.NAME, "fuel")).select_by_value("diesel")
    type_into(d, "odometer_km", "120000")
    type_into(d, "offered_price", "6.500")
    press(d, "form.vehicle-form button.primary")
    tradein = int(re.search(r"/tradeins/(\d+)", d.current_url).group(1))

    # 2. The manager approves it, in the manager's own browser.
    m = browsers()
    sign_in(m, base_url, run["manager"])
    m.get(f"{base_url}/tradeins/{tradein}")
    press(m, "button[name=decision][value=approve]")
    assert db_query("SELECT status FROM tradeins WHERE id = ?", tradein) == [("approved",)]
    d.get(f"{base_url}/tradeins/{tradein}")
    assert run["approved"] in d.find_element(By.CSS_SELECTOR, ".card-head .badge").text

    # 3. Credited on a quote: the editor offers it as its own credit line at the approved price.
    d.get(f"{base_url}/leads/{lead}")
    press(d, f".action-bar a[href='/leads/{lead}/quotes/new']")
    cars = d.find_elements(By.CSS_SELECTOR, "ul.matches li a")
    assert cars
    wait_for_new_page(d, cars[0].click)
    assert Select(d.find_element(By.NAME, "l1.kind")).first_selected_option.get_attribute("value") == "trade_in_credit"
    assert "Opel Astra" in d.find_element(By.NAME, "l1.description").get_attribute("value")
    assert d.find_element(By.NAME, "l1.unit_price").get_attribute("value") in ("6.500,00", "6500,00", "6.500")
    press(d, "form.quote-form button.primary")
    quote = int(re.search(r"/quotes/(\d+)$", d.current_url).group(1))
    assert db_query("SELECT count(*) FROM quote_lines ql JOIN quote_revisions r ON r.id = ql.revision_id WHERE r.quote_id = ? AND ql.kind = 'trade_in_credit' AND unit_price_cents = 650000", quote) == [(1,)]

    # 4. A test drive from the calendar: Testrit → the branch's calendar → a car → two weeks on → a free hour.
    d.get(f"{base_url}/leads/{lead}")
    press(d, f".action-bar a[href='/leads/{lead}/testdrives/new']")
    press(d, "a[href^='/test-drives?branch=']")
    vehicle_form = [f for f in d.find_elements(By.CSS_SELECTOR, "form[action='/test-drives']") if f.find_elements(By.NAME, "vehicle")][0]
    wait_for_new_page(d, lambda: vehicle_form.find_element(By.CSS_SELECTOR, "button[type=submit]").click())
    assert re.search(r"/vehicles/\d+/test-drives", d.current_url)
    press(d, ".week-nav a:last-child")
    press(d, ".week-nav a:last-child")
    book = d.find_elements(By.CSS_SELECTOR, "table.week-grid a.book")[0].get_attribute("href")
    d.get(book)
    type_into(d, "licence_number", "B 1234 5678")
    set_value(d, "licence_expiry", "2031-06-30")
    d.find_element(By.NAME, "licence_checked").click()
    press(d, "form.vehicle-form button.primary")
    m2 = re.search(r"/testdrives/(\d+)", d.current_url)
    assert m2, d.find_element(By.TAG_NAME, "main").text[:500]
    drive = int(m2.group(1))
    assert run["planned"] in d.find_element(By.CSS_SELECTOR, ".card-head .badge").text

    # 5. The same slot again (the link followed a second time): refused, the other booking named.
    d.get(book)
    type_into(d, "licence_number", "B 1234 5678")
    set_value(d, "licence_expiry", "2031-06-30")
    press(d, "form.vehicle-form button.primary")
    alert = d.find_element(By.CSS_SELECTOR, "div.alert").text
    start = re.search(r"start=\d{4}-\d\d-\d\dT(\d\d:\d\d)", book).group(1)
    assert start in alert and run["booked"] in alert, alert
    assert d.find_element(By.ID, "e-starts_at").text
    assert db_query("SELECT count(*) FROM testdrives WHERE lead_id = ?", lead) == [(1,)]

    # 6. The agreement, downloaded from the drive's page, in the driver's (the contact's) language.
    d.get(f"{base_url}/testdrives/{drive}")
    path = download(d, str(tmp_path), f"a[href='/testdrives/{drive}/agreement.pdf']")
    with open(path, "rb") as f:
        assert f.read(5) == b"%PDF-"
    words = " ".join(subprocess.run(["pdftotext", path, "-"], check=True, capture_output=True, text=True).stdout.split())
    assert f"{run['title']} T-{drive:06d}" in words and "B 1234 5678" in words

    # 7. Done, with the odometer out and in.
    Select(d.find_element(By.NAME, "outcome")).select_by_value("done")
    type_into(d, "odometer_out", "5120")
    type_into(d, "odometer_in", "5161")
    press(d, f"form[action='/testdrives/{drive}/outcome'] button.primary")
    assert run["done"] in d.find_element(By.CSS_SELECTOR, ".card-head .badge").text
    assert db_query("SELECT status, odometer_out, odometer_in FROM testdrives WHERE id = ?", drive) == [("done", 5120, 5161)]
