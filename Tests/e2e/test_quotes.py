"""Quotes (issue 10) through nginx, the FastCGI socket and the responder: a salesperson picks
a car from stock for her own lead, quotes it with an option and a trade-in credit (amounts
checked to the cent against a computation in this file), sends it, makes version 2, gets it
accepted (the car is reserved) and downloads both PDFs; another branch sees none of it; bad
input is refused beside its field without writing anything; a reserved car cannot be accepted
on a second lead; a discount over the company's limit waits for a manager's approval.

Every test works on leads it creates itself (and on cars it picks from what is still
available), so the demo data the other tests rely on stays as it is."""
import re
import shutil
import subprocess

import pytest

from helpers import form_fields, parse
from test_working_a_lead import field_error, fill, new_lead, post_form, unique

STANDARD_VAT = 2100  # basis points


# --- The money, computed here independently of the app ---------------------------------------

def half_away(numerator, denominator):
    q, r = divmod(abs(numerator), denominator)
    if 2 * r >= denominator:
        q += 1
    return q if numerator >= 0 else -q


def vat_of_incl(incl, bp):
    """The VAT inside an amount incl. VAT, rounded half away from zero per line."""
    return half_away(incl * bp, 10_000 + bp)


def line(incl, bp):
    """(excl, vat, incl) of one line entered incl. VAT; bp None: outside VAT (a trade-in)."""
    vat = vat_of_incl(incl, bp) if bp is not None else 0
    return incl - vat, vat, incl


def totals(lines):
    return tuple(sum(x[i] for x in lines) for i in range(3))


def euro(cents):
    """Belgian format as the pages and PDFs show it: € 12.345,67 and -€ 5.000,00."""
    sign = "-" if cents < 0 else ""
    euros, c = divmod(abs(cents), 100)
    return f"{sign}€ {euros:,}".replace(",", ".") + f",{c:02d}"


def cents(text):
    """'€ 36.990,00' → 3699000."""
    m = re.fullmatch(r"(-?)€ ([\d.]+),(\d\d)", text.strip())
    assert m, text
    return (-1 if m.group(1) else 1) * (int(m.group(2).replace(".", "")) * 100 + int(m.group(3)))


# --- Reading the pages -------------------------------------------------------------------------

def quote_table(html):
    """The quote page's lines as [description cell, qty, unit, vat %, excl, vat, incl] and the
    footer's (excl, vat, incl) texts."""
    table = parse(html).find("table", class_="quote-lines-table")
    assert table is not None, "no lines table on the quote page"
    rows = [[td.text for td in tr.find_all("td")] for tr in table.find("tbody").find_all("tr")]
    foot = [td.text for td in table.find("tfoot").find_all("td")]
    return rows, tuple(foot)


def main_text(html):
    return " ".join(parse(html).find("main").text.split())


def status_of(html):
    badge = parse(html).find("section", class_="quote").find("span", class_="badge")
    return badge.text if badge is not None else None


def pick_car(s, lead, search):
    """Searches the picker and opens the editor for the first car it offers; returns (car id,
    the editor's response)."""
    r = s.get(f"/leads/{lead}/quotes/new", params={"q": search})
    assert r.status_code == 200
    offered = [int(m) for m in re.findall(rf'href="/leads/{lead}/quotes/new\?vehicle=(\d+)"', r.text)]
    assert offered, f"no available car for {search!r}"
    items = parse(r.text).find("ul", class_="matches").find_all("li")
    assert all(search.lower() in li.text.lower() for li in items), [li.text for li in items]
    editor = s.get(f"/leads/{lead}/quotes/new?vehicle={offered[0]}")
    assert editor.status_code == 200
    return offered[0], editor


def approved_trade_in(s, approver, lead, price, model="Polo 2015"):
    """Records a trade-in on the lead and has `approver` approve it: what a quote may credit."""
    form = post_form(s.get(f"/leads/{lead}/tradeins/new").text, f"/leads/{lead}/tradeins")
    r = s.post(f"/leads/{lead}/tradeins", data=fill(form_fields(form), make="Volkswagen", model=model, fuel="petrol", offered_price=price),
               allow_redirects=False)
    assert r.status_code == 303, (r.status_code, main_text(r.text)[-400:])
    tradein = int(re.search(r"/tradeins/(\d+)", r.headers["Location"]).group(1))
    form = post_form(approver.get(f"/tradeins/{tradein}").text, f"/tradeins/{tradein}/decision")
    assert approver.post(f"/tradeins/{tradein}/decision", data=form_fields(form) + [("decision", "approve")], allow_redirects=False).status_code == 303
    return tradein


def create_quote(s, lead, editor, **rows):
    fields = fill(form_fields(post_form(editor.text, f"/leads/{lead}/quotes")), **rows)
    r = s.post(f"/leads/{lead}/quotes", data=fields, allow_redirects=False)
    assert r.status_code == 303, (r.status_code, main_text(r.text)[-600:])
    m = re.fullmatch(r"/quotes/(\d+)", r.headers["Location"])
    assert m, r.headers["Location"]
    return int(m.group(1))


def step(s, quote, action, expect=303):
    """Presses a step button (send, approve…) on the quote's page."""
    page = s.get(f"/quotes/{quote}").text
    forms = [f for f in parse(page).find_all("form", action=f"/quotes/{quote}/status") if f.find("button", value=action)]
    assert forms, f"no {action} button on quote {quote}: {main_text(page)[-400:]}"
    r = s.post(f"/quotes/{quote}/status", data=form_fields(forms[0]) + [("action", action)], allow_redirects=False)
    assert r.status_code == expect, (action, r.status_code, main_text(r.text)[-400:])
    return r


def accept(s, quote, expect=303):
    page = s.get(f"/quotes/{quote}/accept")
    assert page.status_code == 200
    r = s.post(f"/quotes/{quote}/accept", data=form_fields(post_form(page.text, f"/quotes/{quote}/accept")), allow_redirects=False)
    assert r.status_code == expect, (r.status_code, main_text(r.text)[-400:])
    return r


def pdf_text(content, tmp_path, name):
    """pdftotext's words on one line, and pdffonts' rows."""
    path = tmp_path / name
    path.write_bytes(content)
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout.splitlines()[2:]
    return " ".join(text.split()), fonts


def assert_pdf_download(r, pattern):
    assert r.status_code == 200, r.status_code
    assert r.headers["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF-")
    m = re.fullmatch(r'attachment; filename="([A-Za-z0-9.-]+)"', r.headers["Content-Disposition"])
    assert m and re.fullmatch(pattern, m.group(1)), r.headers["Content-Disposition"]
    return m.group(1)


def db_counts(db_query):
    return tuple(db_query(f"SELECT count(*) FROM {t}")[0][0] for t in ("quotes", "quote_revisions", "quote_lines", "order_forms", "timeline_events"))


needs_poppler = pytest.mark.skipif(not (shutil.which("pdftotext") and shutil.which("pdffonts")), reason="poppler-utils (pdftotext, pdffonts) is missing")


# --- The tests ---------------------------------------------------------------------------------

@needs_poppler
def test_a_quote_from_stock_to_accepted_with_both_pdfs(signed_in, db_query, tmp_path):
    sofie = signed_in("sofie")
    lead = new_lead(sofie, "Offerte" + unique(), language="fr")  # the contact reads French: so do the PDFs
    tradein = approved_trade_in(sofie, signed_in("pieter"), lead, "5.000,00")

    # The picker: a search of the stock she may sell, then the editor with the car's price.
    car, editor = pick_car(sofie, lead, "Golf")
    form = post_form(editor.text, f"/leads/{lead}/quotes")
    car_price = cents("€ " + form.find("input", name="l0.unit_price").attrs["value"])
    assert form.find("input", name="l0.vat").attrs["value"] == "21"
    quote = create_quote(sofie, lead, editor, **{
        "l1.kind": "option", "l1.description": "Trekhaak", "l1.quantity": "2", "l1.unit_price": "456,78", "l1.vat": "21",
        "l2.kind": "trade_in_credit", "l2.description": "Overname Polo 2015", "l2.unit_price": "5.000,00", "l2.vat": "",
        "l2.tradein": str(tradein)})

    # The amounts, each line and the totals, to the cent.
    expected = [line(car_price, STANDARD_VAT), line(2 * 45678, STANDARD_VAT), line(-500_000, None)]
    page = sofie.get(f"/quotes/{quote}")
    assert page.status_code == 200
    number = re.search(r"O-\d{4}-\d{6}", main_text(page.text)).group(0)
    rows, foot = quote_table(page.text)
    assert [[cents(x) for x in r[4:7]] for r in rows] == [list(e) for e in expected]
    assert [cents(x) for x in foot] == list(totals(expected))
    assert rows[1][1:4] == ["2", "€ 456,78", "21 %"]
    assert status_of(page.text) == "Ontwerp"
    assert db_query("SELECT status, revision FROM quotes WHERE id = ?", quote) == [("draft", 1)]

    # Sent: frozen; changing it makes version 2.
    step(sofie, quote, "send")
    page = sofie.get(f"/quotes/{quote}").text
    assert status_of(page) == "Verstuurd" and "vastgelegd" in main_text(page)
    edit = sofie.get(f"/quotes/{quote}/edit")
    assert "versie 2" in parse(edit.text).find("h2", id="quote-edit-h").text
    fields = fill(form_fields(post_form(edit.text, f"/quotes/{quote}")), **{"l1.quantity": "1"})
    r = sofie.post(f"/quotes/{quote}", data=fields, allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == f"/quotes/{quote}"
    expected2 = [expected[0], line(45678, STANDARD_VAT), expected[2]]
    page = sofie.get(f"/quotes/{quote}").text
    _, foot = quote_table(page)
    assert [cents(x) for x in foot] == list(totals(expected2))
    assert "versie 2" in main_text(page) and status_of(page) == "Ontwerp"
    # Version 1 as it was sent, still readable.
    old = sofie.get(f"/quotes/{quote}?revision=1")
    assert old.status_code == 200 and "oudere versie" in main_text(old.text)
    _, foot = quote_table(old.text)
    assert [cents(x) for x in foot] == list(totals(expected))
    assert db_query("SELECT count(*) FROM quote_revisions WHERE quote_id = ?", quote) == [(2,)]

    # Sent again and accepted: the order form is made and the car is reserved.
    step(sofie, quote, "send")
    accept(sofie, quote)
    page = sofie.get(f"/quotes/{quote}").text
    assert status_of(page) == "Aanvaard"
    # Accepted once: the accept form is not offered again.
    again = sofie.get(f"/quotes/{quote}/accept")
    assert again.status_code == 409 and parse(again.text).find(role="alert") is not None
    assert not parse(again.text).find("form", action=f"/quotes/{quote}/accept")
    order = re.search(r"B-\d{4}-\d{6}", main_text(page)).group(0)
    assert db_query("SELECT status FROM vehicles WHERE id = ?", car) == [("reserved",)]
    assert "Gereserveerd" in main_text(sofie.get(f"/vehicles/{car}").text)

    # The PDFs: what the page shows, in the contact's language, fonts embedded.
    total = euro(totals(expected2)[2])
    r = sofie.get(f"/quotes/{quote}/overview.pdf")
    assert assert_pdf_download(r, re.escape(number) + r"\.pdf")
    text, fonts = pdf_text(r.content, tmp_path, "overview.pdf")
    assert f"Offre {number}" in text, text[:300]
    for mention in ("Détail du prix", "Total TVA comprise", "Données officielles de consommation et de CO₂ (WLTP)", "valable jusqu'au",
                    euro(expected2[0][2]), euro(totals(expected2)[0]), euro(totals(expected2)[1]), total, "Numéro d'entreprise"):
        assert mention in text, mention
    assert fonts and all(f.split()[-5] == "yes" for f in fonts), fonts
    assert re.search(r"\b(Manuelle|Automatique)\b", text) and not re.search(r"\b(manual|automatic)\b", text), "the gearbox in the customer's words"

    r = sofie.get(f"/quotes/{quote}/overview.pdf?revision=1")
    assert_pdf_download(r, re.escape(number) + r"-v1\.pdf")
    text, _ = pdf_text(r.content, tmp_path, "overview-v1.pdf")
    assert number in text and euro(totals(expected)[2]) in text and total not in text
    # The unit price column says excl. VAT: 2 × € 456,78 incl. shows € 377,50 a unit.
    assert f"2 {euro(45678 - vat_of_incl(45678, STANDARD_VAT))} {euro(expected[1][0])}" in text, text

    r = sofie.get(f"/quotes/{quote}/order-form.pdf")
    assert_pdf_download(r, re.escape(order) + r"\.pdf")
    text, fonts = pdf_text(r.content, tmp_path, "order.pdf")
    assert f"Bon de commande {order}" in text
    for mention in ("Lieu et date de signature", "Acompte", "Garantie légale", "Droit de rétractation", "Reprise", total):
        assert mention in text, mention
    assert fonts and all(f.split()[-5] == "yes" for f in fonts), fonts

    # Another branch's salesperson (Julien, Brussel) finds none of it.
    julien = signed_in("julien")
    for path in (f"/quotes/{quote}", f"/quotes/{quote}?revision=1", f"/quotes/{quote}/overview.pdf", f"/quotes/{quote}/order-form.pdf",
                 f"/quotes/{quote}/edit", f"/quotes/{quote}/accept", f"/leads/{lead}/quotes"):
        assert julien.get(path).status_code == 404, path
    token = julien.csrf()
    before = db_counts(db_query)
    for path, data in ((f"/quotes/{quote}/status", {"action": "decline", "version": "99"}), (f"/quotes/{quote}", {"version": "99"}),
                       (f"/quotes/{quote}/accept", {"version": "99"})):
        assert julien.post(path, data={"_csrf": token, **data}, allow_redirects=False).status_code == 404, path
    # Nor can he quote Gent's car on a lead of his own: the picker says it is not available.
    own = new_lead(julien, "Bruxelles" + unique())
    assert julien.get(f"/leads/{own}/quotes/new?vehicle={car}").status_code == 422
    r = julien.post(f"/leads/{own}/quotes", data={"_csrf": token, "vehicle_id": str(car), "rows": "1", "l0.description": "Golf",
                                                  "l0.quantity": "1", "l0.unit_price": "1,00", "l0.vat": "21", "valid_until": "2030-01-01"},
                    allow_redirects=False)
    assert r.status_code == 422 and parse(r.text).find(role="alert") is not None
    assert db_counts(db_query)[:4] == before[:4]


def test_a_demo_quote_of_another_branch_is_not_found(signed_in, db_query):
    quote = db_query("SELECT q.id FROM quotes q JOIN leads l ON l.id = q.lead_id WHERE l.branch_id = 1 ORDER BY q.id LIMIT 1")[0][0]
    assert signed_in("pieter").get(f"/quotes/{quote}").status_code == 200
    julien = signed_in("julien")
    for path in (f"/quotes/{quote}", f"/quotes/{quote}/overview.pdf", f"/quotes/{quote}/order-form.pdf"):
        assert julien.get(path).status_code == 404, path


def test_bad_input_is_refused_beside_the_field_and_nothing_is_written(signed_in, db_query):
    sofie = signed_in("sofie")
    lead = new_lead(sofie, "Fout" + unique())
    _, editor = pick_car(sofie, lead, "Golf")
    base = form_fields(post_form(editor.text, f"/leads/{lead}/quotes"))
    before = db_counts(db_query)
    cases = [
        ("l1.quantity", {"l1.description": "Trekhaak", "l1.quantity": "-2", "l1.unit_price": "456,78"}, "-2", "tussen 1 en 999"),
        ("l1.unit_price", {"l1.description": "Goud", "l1.unit_price": "10.000.000,01"}, "10.000.000,01", "€ 10.000.000,00"),
        ("l1.vat", {"l1.description": "Trekhaak", "l1.unit_price": "456,78", "l1.vat": "150"}, "150", "tussen 0 % en 100 %"),
        ("l1.unit_price", {"l1.kind": "discount", "l1.description": "Korting", "l1.unit_price": "99.999,00", "l1.discount_of": "0"},
         "99.999,00", "groter dan de lijn"),
    ]
    for name, typed, kept, message in cases:
        r = sofie.post(f"/leads/{lead}/quotes", data=fill(base, **typed), allow_redirects=False)
        assert r.status_code == 422, (name, r.status_code)
        assert message in (field_error(r.text, name) or ""), (name, field_error(r.text, name))
        field = parse(r.text).find("input", name=name)
        assert field.attrs["value"] == kept and field.attrs.get("aria-describedby") == f"e-{name}"
        assert post_form(r.text, f"/leads/{lead}/quotes").find("input", name="l1.description").attrs["value"] == typed["l1.description"]
    assert db_counts(db_query) == before

    # A stale version: two tabs open on the same draft; the second save is refused (409), what
    # was typed stays in the form, and the quote keeps the first save.
    quote = create_quote(sofie, lead, editor, **{"l1.description": "Matten", "l1.unit_price": "120,00"})
    first = form_fields(post_form(sofie.get(f"/quotes/{quote}/edit").text, f"/quotes/{quote}"))
    second = form_fields(post_form(sofie.get(f"/quotes/{quote}/edit").text, f"/quotes/{quote}"))
    send_form = next(f for f in parse(sofie.get(f"/quotes/{quote}").text).find_all("form", action=f"/quotes/{quote}/status") if f.find("button", value="send"))
    assert sofie.post(f"/quotes/{quote}", data=fill(first, **{"l1.unit_price": "130,00"}), allow_redirects=False).status_code == 303
    before = db_counts(db_query)
    lines = db_query("SELECT * FROM quote_lines WHERE revision_id IN (SELECT id FROM quote_revisions WHERE quote_id = ?)", quote)
    r = sofie.post(f"/quotes/{quote}", data=fill(second, **{"l1.unit_price": "140,00"}), allow_redirects=False)
    assert r.status_code == 409
    assert parse(r.text).find(role="alert") is not None
    assert parse(r.text).find("input", name="l1.unit_price").attrs["value"] == "140,00"
    assert db_counts(db_query) == before
    assert db_query("SELECT * FROM quote_lines WHERE revision_id IN (SELECT id FROM quote_revisions WHERE quote_id = ?)", quote) == lines
    assert "€ 130,00" in main_text(sofie.get(f"/quotes/{quote}").text)
    # A step pressed on a page shown before that save is refused the same way.
    r = sofie.post(f"/quotes/{quote}/status", data=form_fields(send_form) + [("action", "send")], allow_redirects=False)
    assert r.status_code == 409 and parse(r.text).find(role="alert") is not None
    assert db_query("SELECT status FROM quotes WHERE id = ?", quote) == [("draft",)]


def test_a_reserved_car_cannot_be_accepted_on_another_lead(signed_in, db_query):
    sofie = signed_in("sofie")
    first, second = new_lead(sofie, "Eerste" + unique()), new_lead(sofie, "Tweede" + unique())
    car, editor = pick_car(sofie, first, "Yaris")
    one = create_quote(sofie, first, editor)
    step(sofie, one, "send")
    accept(sofie, one)
    assert db_query("SELECT status FROM vehicles WHERE id = ?", car) == [("reserved",)]

    # The car is no longer offered in the picker; asked for by its id, it can still be quoted…
    assert f"vehicle={car}\"" not in sofie.get(f"/leads/{second}/quotes/new", params={"q": "Yaris"}).text
    two = create_quote(sofie, second, sofie.get(f"/leads/{second}/quotes/new?vehicle={car}"))
    step(sofie, two, "send")
    # …but not accepted: the form comes back with the reason, and nothing is written.
    before = db_counts(db_query)
    r = accept(sofie, two, expect=422)
    assert "niet meer beschikbaar" in (parse(r.text).find(role="alert") or parse("<p></p>")).text
    assert db_counts(db_query) == before
    assert db_query("SELECT status FROM quotes WHERE id = ?", two) == [("sent",)]
    assert db_query("SELECT count(*) FROM order_forms WHERE quote_id = ?", two) == [(0,)]


def test_a_discount_over_the_limit_waits_for_a_managers_approval(signed_in, db_query):
    limit = db_query("SELECT discount_approval_basis_points FROM company_profile")[0][0]
    sofie = signed_in("sofie")
    lead = new_lead(sofie, "Korting" + unique())
    _, editor = pick_car(sofie, lead, "Golf")
    over = f"{(limit + 100) // 100},{(limit + 100) % 100:02d}"  # one point over the limit, as a percentage
    quote = create_quote(sofie, lead, editor, **{"l1.kind": "discount", "l1.description": "Salonkorting", "l1.discount_percent": over,
                                                "l1.discount_of": "0", "l1.unit_price": ""})
    # She may not send it: the page says why, and nothing changes.
    r = step(sofie, quote, "send", expect=422)
    assert parse(r.text).find(role="alert") is not None
    assert db_query("SELECT status FROM quotes WHERE id = ?", quote) == [("draft",)]
    step(sofie, quote, "request_approval")
    page = sofie.get(f"/quotes/{quote}").text
    assert status_of(page) == "Wacht op goedkeuring"
    assert not parse(page).find("button", value="send") and not parse(page).find("button", value="approve")

    # Pieter (manager of her branch) approves; then she can send it.
    step(signed_in("pieter"), quote, "approve")
    page = sofie.get(f"/quotes/{quote}").text
    assert status_of(page) == "Goedgekeurd" and "Pieter" in main_text(page)
    step(sofie, quote, "send")
    assert db_query("SELECT status, approved_by = (SELECT id FROM users WHERE username = 'pieter') FROM quotes WHERE id = ?", quote) == [("sent", 1)]
