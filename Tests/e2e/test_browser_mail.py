"""Issue 12's "Done when", in real Chromium through nginx: Julien (French, Brussel) opens a lead
of his whose customer reads French and has an accepted quote, presses *Communication*, picks
the order-form template (subject, text and both PDFs filled in, in French), sends it, sees it
queued (the SMTP sink puts it off with a 451 at first) and then sent on the lead's timeline,
opens the mail and its .eml; the .eml is byte for byte what the SMTP server received, and the
PDFs in it are the ones the lead page offers."""
import email
import email.policy
import time

import pytest

from browser import WAIT, browsers, require_chromium, sign_in, press  # noqa: F401 (browsers is a fixture)
from helpers import Client
from test_mail import arrived, quoted_lead

require_chromium()

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402


def test_a_salesperson_sends_a_quote_with_its_order_form_in_french(browsers, mail_stack, smtp_sink, tmp_path):
    base = mail_stack.url
    with Client(base) as http:
        http.sign_in("julien")
        lead, quote, address = quoted_lead(http, language="fr", search="Octavia")
        overview_pdf = http.get(f"/quotes/{quote}/overview.pdf").content
        order_pdf = http.get(f"/quotes/{quote}/order-form.pdf").content

    d = browsers(download_dir=str(tmp_path))
    sign_in(d, base, "julien")
    d.get(f"{base}/leads/{lead}")
    press(d, f".action-bar a[href='/leads/{lead}/mail']")

    # The order-form template for this quote: French words, the lead's fields, both PDFs ticked.
    Select(d.find_element(By.ID, "f-template-apply")).select_by_value("2")
    Select(d.find_element(By.ID, "f-quote-apply")).select_by_value(str(quote))
    press(d, "form.mail-template button[type=submit]")
    subject = d.find_element(By.NAME, "subject").get_attribute("value")
    assert subject.startswith("Votre bon de commande pour la "), subject
    body = d.find_element(By.NAME, "body").get_attribute("value")
    assert body.startswith("Bonjour Frédéric Mail") and "{" not in body, body
    assert d.find_element(By.ID, "f-overview").is_selected() and d.find_element(By.ID, "f-order-form").is_selected()
    assert d.find_element(By.CSS_SELECTOR, f"input[name=to][value='{address}']").is_selected()

    # Sent while the server puts mail off: the mail waits in the queue, and says so.
    smtp_sink.mode = "temporary"
    try:
        press(d, "form.mail-form button.primary")
        assert "/mails/" in d.current_url
        state = d.find_element(By.CSS_SELECTOR, ".card-head .mail-state")
        assert state.get_attribute("data-state") in ("queued", "sending") and state.text in ("En file d'attente", "En cours d'envoi")
        d.get(f"{base}/leads/{lead}")
        entry = d.find_element(By.CSS_SELECTOR, "li.event-mail_sent")
        assert subject in entry.text and address in entry.text
    finally:
        smtp_sink.mode = "accept"

    # The server accepts again: the timeline shows it sent.
    deadline = time.time() + 30
    while time.time() < deadline:
        d.get(f"{base}/leads/{lead}")
        badge = d.find_element(By.CSS_SELECTOR, "li.event-mail_sent .mail-state")
        if badge.get_attribute("data-state") == "sent":
            break
        time.sleep(0.5)
    assert badge.text == "Envoyé"

    # The mail's page, the message as text, the .eml: exactly what the server received.
    press(d, "li.event-mail_sent a[href^='/mails/']")
    mail = int(d.current_url.rsplit("/", 1)[1])
    assert d.find_element(By.CSS_SELECTOR, ".card-head .mail-state").text == "Envoyé"
    press(d, f"a[href='/mails/{mail}/source']")
    assert "Message-ID: <" in d.find_element(By.TAG_NAME, "body").text
    session = Client(base)
    for c in d.get_cookies():
        session.cookies.set(c["name"], c["value"])
    eml = session.get(f"/mails/{mail}/message.eml")
    assert eml.status_code == 200 and eml.headers["Content-Type"] == "message/rfc822"
    message_id = email.message_from_bytes(eml.content, policy=email.policy.default)["Message-ID"]
    [got] = arrived(smtp_sink, message_id)
    assert got["content"] == eml.content and got["rcpt_tos"] == [address]
    msg = email.message_from_bytes(got["content"], policy=email.policy.default)
    assert msg["Subject"] == subject
    pdfs = [p.get_content() for p in msg.iter_attachments()]
    assert pdfs == [overview_pdf, order_pdf]
