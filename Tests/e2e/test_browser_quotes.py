"""Issue 10's "Done when", in real Chromium through nginx, once per language: a salesperson who
works in that language (Sofie nl, Julien fr, Bram en) opens a fresh lead of hers (its contact
speaks the same language), finds a car with the picker's search, quotes it with an option and a
trade-in credit, sends it, sees it frozen, makes version 2, sends that, gets it accepted (the
car shows reserved) and downloads the quote overview and the order form; the downloaded files
are PDFs with the right numbers and totals (pdftotext)."""
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

# Who works in which language, a car of her branch's stock, and the words the screens and PDFs use.
RUNS = {
    "nl": dict(user="sofie", search="Octavia", sent="Verstuurd", accepted="Aanvaard", reserved="Gereserveerd", frozen="vastgelegd",
               overview="Offerte {}", order="Bestelbon {}", incl="Totaal incl. btw", version="versie {}", make=" maken"),
    "fr": dict(user="julien", search="Octavia", sent="Envoyée", accepted="Acceptée", reserved="Réservé", frozen="figée",
               overview="Offre {}", order="Bon de commande {}", incl="Total TVA comprise", version="créer la version {}", make=""),
    "en": dict(user="bram", search="Octavia", sent="Sent", accepted="Accepted", reserved="Reserved", frozen="frozen",
               overview="Quote {}", order="Order form {}", incl="Total incl. VAT", version="make version {}", make=""),
}


def badge(d):
    return d.find_element(By.CSS_SELECTOR, "section.quote .card-head .badge").text


def total_incl(d):
    return d.find_element(By.CSS_SELECTOR, "table.quote-lines-table tfoot td:last-child").text


def pdf_words(path):
    with open(path, "rb") as f:
        assert f.read(5) == b"%PDF-"
    return " ".join(subprocess.run(["pdftotext", path, "-"], check=True, capture_output=True, text=True).stdout.split())


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) is missing")
@pytest.mark.parametrize("lang", list(RUNS))
def test_a_salesperson_quotes_a_car_to_accepted_and_downloads_both_pdfs(lang, browsers, base_url, db_query, tmp_path):
    run = RUNS[lang]
    with Client(base_url) as http:
        http.sign_in(run["user"])
        lead = new_lead(http, "Quote" + unique(), language=lang)
    d = browsers(download_dir=str(tmp_path))
    sign_in(d, base_url, run["user"])
    assert d.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang

    # The lead's Offerte button, the picker's search, a car.
    d.get(f"{base_url}/leads/{lead}")
    press(d, f".action-bar a[href='/leads/{lead}/quotes/new']")
    type_into(d, "q", run["search"])
    press(d, "form[role=search] button[type=submit]")
    cars = d.find_elements(By.CSS_SELECTOR, "ul.matches li a")
    assert cars and all(run["search"] in a.text for a in cars)
    car = int(re.search(r"vehicle=(\d+)", cars[0].get_attribute("href")).group(1))
    wait_for_new_page(d, cars[0].click)

    # The editor: an option and a trade-in credit beside the car.
    type_into(d, "l1.description", "Winter pack")
    type_into(d, "l1.quantity", "2")
    type_into(d, "l1.unit_price", "456,78")
    # (A trade-in credit needs an approved trade-in: test_browser_testdrives.py credits one.)
    Select(d.find_element(By.NAME, "l2.kind")).select_by_value("fee")
    type_into(d, "l2.description", "Delivery pack")
    type_into(d, "l2.unit_price", "350,00")
    press(d, "form.quote-form button.primary")
    m = re.search(r"/quotes/(\d+)$", d.current_url)
    assert m, d.current_url
    quote = int(m.group(1))
    number = db_query("SELECT number FROM quotes WHERE id = ?", quote)[0][0]
    assert number in d.find_element(By.ID, "quote-h").text
    first_total = total_incl(d)

    # Sent, and frozen: the page says so and editing makes version 2.
    press(d, "button[name=action][value=send]")
    assert badge(d) == run["sent"]
    assert run["frozen"] in d.find_element(By.CSS_SELECTOR, "section.quote").text
    press(d, f"a[href='/quotes/{quote}/edit']")
    assert d.find_element(By.ID, "quote-edit-h").text.endswith(run["version"].format(2) + run["make"])
    type_into(d, "l1.quantity", "1")
    press(d, "form.quote-form button.primary")
    second_total = total_incl(d)
    assert second_total != first_total
    revisions = d.find_elements(By.CSS_SELECTOR, f"a[href='/quotes/{quote}?revision=1']")
    assert revisions, "version 1 is listed"
    press(d, "button[name=action][value=send]")

    # Accepted on the order form's screen: the car is reserved.
    press(d, f"a[href='/quotes/{quote}/accept']")
    press(d, f"form[action='/quotes/{quote}/accept'] button[type=submit]")
    assert badge(d) == run["accepted"]
    order = db_query("SELECT number FROM order_forms WHERE quote_id = ?", quote)[0][0]
    assert order in d.find_element(By.CSS_SELECTOR, "section.quote").text

    # Both documents, downloaded as a user does, in the contact's language.
    overview = pdf_words(download(d, str(tmp_path), f"a[href='/quotes/{quote}/overview.pdf']"))
    assert run["overview"].format(number) in overview and second_total in overview and run["incl"] in overview
    order_form = pdf_words(download(d, str(tmp_path), f"a[href='/quotes/{quote}/order-form.pdf']"))
    assert run["order"].format(order) in order_form and second_total in order_form

    d.get(f"{base_url}/vehicles/{car}")
    assert run["reserved"] in d.find_element(By.TAG_NAME, "main").text
    assert db_query("SELECT status FROM vehicles WHERE id = ?", car) == [("reserved",)]
