"""E-mail from the lead (issue 12) through nginx, the responder and a real SMTP server
(aiosmtpd on loopback, `smtp_sink` in conftest.py): a quote and its order form reach a French
customer with the PDFs byte for byte as the lead page offers them; a server that puts the mail
off (4xx) keeps it queued until it accepts; a refusal (5xx) fails it with the server's reply,
and it can be sent again or cancelled; with the server down, nothing is lost across a
responder restart; bad input is refused beside its field and nothing is queued; another branch
finds nothing.

The tests run on `mail_stack`: its own copy of the demo database, whose SMTP settings point at
the sink, with retries after 1-2 seconds."""
import email
import email.policy
import re
import sqlite3
import time

import pytest

from helpers import Client, form_fields, parse
from test_documents import upload
from test_quotes import accept, create_quote, pick_car, step
from test_working_a_lead import field_error, new_lead, post_form, timeline, unique


@pytest.fixture
def mail_db(mail_database):
    def run(sql, *args):
        con = sqlite3.connect(f"file:{mail_database}?mode=ro", uri=True, timeout=10)
        try:
            return con.execute(sql, args).fetchall()
        finally:
            con.close()

    return run


@pytest.fixture
def on_mail_stack(mail_stack):
    sessions = []

    def make(username):
        c = Client(mail_stack.url)
        sessions.append(c)
        return c.sign_in(username)

    yield make
    for c in sessions:
        c.close()


@pytest.fixture
def sink(smtp_sink):
    """The sink, accepting again after each test whatever the test did to it."""
    smtp_sink.mode = "accept"
    if smtp_sink.controller is None:
        smtp_sink.start()
    yield smtp_sink
    smtp_sink.mode = "accept"
    if smtp_sink.controller is None:
        smtp_sink.start()


def textarea_value(form, name):
    node = form.find("textarea", name=name)
    return "".join(c for c in node.children if isinstance(c, str))


def compose(s, lead, **params):
    """The compose form (a template and quote chosen through the GET form) as a browser would
    send it: (fields, the page)."""
    page = s.get(f"/leads/{lead}/mail", params=params)
    assert page.status_code == 200, page.status_code
    form = post_form(page.text, f"/leads/{lead}/mail")
    fields = [(k, v) for k, v in form_fields(form) if k != "body"] + [("body", textarea_value(form, "body"))]
    return fields, page


def send(s, lead, fields, expect=303):
    r = s.post(f"/leads/{lead}/mail", data=fields, allow_redirects=False)
    assert r.status_code == expect, (r.status_code, " ".join(parse(r.text).find("main").text.split())[-600:])
    if expect == 303:
        m = re.fullmatch(r"/mails/(\d+)\?done=queued", r.headers["Location"])
        assert m, r.headers["Location"]
        return int(m.group(1))
    return r


def wait_state(mail_db, mail, states, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        row = mail_db("SELECT state, attempts, last_reply FROM mails WHERE id = ?", mail)[0]
        if row[0] in states:
            return row
        time.sleep(0.1)
    raise AssertionError(f"mail {mail} still {row} after {timeout} s, wanted {states}")


def message_id(mail_db, mail):
    return mail_db("SELECT message_id FROM mails WHERE id = ?", mail)[0][0]


def arrived(sink, mid, timeout=30):
    found = sink.wait_for(lambda m: mid.encode() in m["content"], timeout=timeout)
    assert found, f"{mid} never reached the sink"
    return found


def quoted_lead(s, language="fr", accepted=True, search="Golf"):
    """A new lead of `s` with a contact in `language` and a sent (and accepted) quote: (lead, quote, contact e-mail)."""
    address = unique("klant") + "@example.be"
    lead = new_lead(s, "Mail" + unique(), first="Frédéric", email=address, language=language)
    _, editor = pick_car(s, lead, search)
    quote = create_quote(s, lead, editor)
    step(s, quote, "send")
    if accepted:
        accept(s, quote)
    return lead, quote, address


def mail_text(msg):
    return msg.get_body(preferencelist=("plain",)).get_content()


def test_a_quote_and_its_order_form_reach_a_french_customer_byte_for_byte(on_mail_stack, mail_db, sink):
    sofie = on_mail_stack("sofie")
    lead, quote, address = quoted_lead(sofie)
    number = mail_db("SELECT number FROM quotes WHERE id = ?", quote)[0][0]
    order = mail_db("SELECT number FROM order_forms WHERE quote_id = ?", quote)[0][0]

    # The order-form template, in the customer's language, with the lead's fields filled in
    # and both printouts ticked.
    fields, page = compose(sofie, lead, template="2", quote=str(quote))
    values = dict(fields)
    assert values["to"] == address and values["overview"] == "1" and values["order_form"] == "1", values
    assert values["subject"].startswith("Votre bon de commande pour la "), values["subject"]
    assert "Bonjour Frédéric Mail" in values["body"] and number in values["body"] and "{" not in values["body"]
    assert "Sofie" in values["body"], "the salesperson signs"
    mail = send(sofie, lead, fields)

    # Queued at once; the sender delivers it; the page says so.
    row = wait_state(mail_db, mail, ("sent",))
    assert row[1] == 1 and row[2].startswith("250"), row
    [got] = arrived(sink, message_id(mail_db, mail))
    assert got["rcpt_tos"] == [address] and got["mail_from"] == "verkoop@autohuis-demo.be"
    msg = email.message_from_bytes(got["content"], policy=email.policy.default)
    assert msg["Subject"] == values["subject"]
    assert msg["To"].addresses[0].display_name.startswith("Frédéric Mail"), msg["To"]
    assert msg["Date"] and msg["Message-ID"] == message_id(mail_db, mail)
    text = mail_text(msg)
    assert "Merci pour votre commande" in text and "Numéro d'entreprise" in text, text
    files = {p.get_filename(): p.get_content() for p in msg.iter_attachments()}
    assert set(files) == {number + ".pdf", order + ".pdf"}, files.keys()
    # Byte for byte what the lead page offers.
    assert files[number + ".pdf"] == sofie.get(f"/quotes/{quote}/overview.pdf").content
    assert files[order + ".pdf"] == sofie.get(f"/quotes/{quote}/order-form.pdf").content

    # What was sent stays on the lead: the timeline entry, the page, the exact message.
    [entry] = [e for e in timeline(sofie.get(f"/leads/{lead}").text) if e["kind"] == "mail_sent"]
    assert "Verstuurd" in entry["title"] and address in entry["detail"] and order + ".pdf" in entry["detail"], entry
    shown = sofie.get(f"/mails/{mail}")
    assert shown.status_code == 200 and "Verstuurd" in shown.text
    eml = sofie.get(f"/mails/{mail}/message.eml")
    assert eml.status_code == 200 and eml.headers["Content-Type"] == "message/rfc822"
    assert eml.content == got["content"], "the .eml is exactly what the server received"
    source = sofie.get(f"/mails/{mail}/source")
    assert source.status_code == 200 and source.headers["Content-Type"].startswith("text/plain") and source.content == got["content"]

    # Another branch's salesperson finds none of it.
    julien = on_mail_stack("julien")
    for path in (f"/mails/{mail}", f"/mails/{mail}/message.eml", f"/mails/{mail}/source", f"/leads/{lead}/mail"):
        assert julien.get(path).status_code == 404, path
    token = julien.csrf()
    for path in (f"/mails/{mail}/retry", f"/mails/{mail}/cancel", f"/leads/{lead}/mail"):
        assert julien.post(path, data={"_csrf": token}, allow_redirects=False).status_code == 404, path


def test_a_server_that_puts_the_mail_off_keeps_it_queued_until_it_accepts(on_mail_stack, mail_db, sink):
    sofie = on_mail_stack("sofie")
    lead = new_lead(sofie, "Uitstel" + unique(), email=unique("u") + "@example.be", language="nl")
    fields, _ = compose(sofie, lead, template="3")
    sink.mode = "temporary"
    mail = send(sofie, lead, fields)
    deadline = time.time() + 30
    while mail_db("SELECT attempts FROM mails WHERE id = ?", mail)[0][0] < 2 and time.time() < deadline:
        time.sleep(0.1)
    state, attempts, reply = mail_db("SELECT state, attempts, last_reply FROM mails WHERE id = ?", mail)[0]
    assert state in ("queued", "sending") and attempts >= 2 and "451" in reply, (state, attempts, reply)
    page = sofie.get(f"/mails/{mail}").text
    assert "In wachtrij" in page or "Wordt verstuurd" in page
    assert not [m for m in sink.received() if message_id(mail_db, mail).encode() in m["content"]]

    sink.mode = "accept"
    state, _, reply = wait_state(mail_db, mail, ("sent",))
    assert len(arrived(sink, message_id(mail_db, mail))) == 1
    assert "Verstuurd" in [e for e in timeline(sofie.get(f"/leads/{lead}").text) if e["kind"] == "mail_sent"][0]["title"]


def test_a_refusal_fails_the_mail_with_the_reply_then_it_can_be_sent_again_or_cancelled(on_mail_stack, mail_db, sink):
    sofie = on_mail_stack("sofie")
    lead = new_lead(sofie, "Geweigerd" + unique(), email=unique("g") + "@example.be")
    fields, _ = compose(sofie, lead, template="3")
    sink.mode = "permanent"
    first = send(sofie, lead, fields)
    second = send(sofie, lead, fields)
    for mail in (first, second):
        state, attempts, reply = wait_state(mail_db, mail, ("failed",))
        assert attempts == 1 and reply.startswith("550 5.1.1"), reply
    page = sofie.get(f"/mails/{first}").text
    assert "Mislukt" in page and "550 5.1.1 No such mailbox here" in page
    [entry, _] = [e for e in timeline(sofie.get(f"/leads/{lead}").text) if e["kind"] == "mail_sent"]
    assert "Mislukt" in entry["title"] and "550 5.1.1" in entry["detail"]

    sink.mode = "accept"
    page = sofie.get(f"/mails/{first}")
    retry = post_form(page.text, f"/mails/{first}/retry")
    r = sofie.post(f"/mails/{first}/retry", data=form_fields(retry), allow_redirects=False)
    assert r.status_code == 303
    wait_state(mail_db, first, ("sent",))
    assert len(arrived(sink, message_id(mail_db, first))) == 1

    page = sofie.get(f"/mails/{second}")
    r = sofie.post(f"/mails/{second}/cancel", data=form_fields(post_form(page.text, f"/mails/{second}/cancel")), allow_redirects=False)
    assert r.status_code == 303
    assert mail_db("SELECT state FROM mails WHERE id = ?", second) == [("cancelled",)]
    # A sent or cancelled mail is not sent again.
    token = sofie.csrf()
    for mail in (first, second):
        r = sofie.post(f"/mails/{mail}/retry", data={"_csrf": token}, allow_redirects=False)
        assert r.status_code == 409 and parse(r.text).find(role="alert") is not None
    time.sleep(1.5)
    assert not [m for m in sink.received() if message_id(mail_db, second).encode() in m["content"]]


def test_with_the_server_down_nothing_is_lost_across_a_responder_restart(on_mail_stack, mail_stack, mail_db, sink):
    sofie = on_mail_stack("sofie")
    lead = new_lead(sofie, "Herstart" + unique(), email=unique("h") + "@example.be")
    fields, _ = compose(sofie, lead, template="3")
    sink.stop()  # connections refused from now on
    mails = [send(sofie, lead, fields) for _ in range(3)]
    deadline = time.time() + 30
    while min(mail_db(f"SELECT attempts FROM mails WHERE id IN ({','.join('?' * len(mails))})", *mails))[0] < 1 and time.time() < deadline:
        time.sleep(0.1)
    rows = mail_db(f"SELECT state, attempts FROM mails WHERE id IN ({','.join('?' * len(mails))})", *mails)
    assert all(state in ("queued", "sending") and attempts >= 1 for state, attempts in rows), rows

    mail_stack.stop_responder()
    mail_stack.start_responder()
    sink.start()
    for mail in mails:
        wait_state(mail_db, mail, ("sent",))
        assert len(arrived(sink, message_id(mail_db, mail))) == 1, "delivered once"


def test_bad_input_is_refused_beside_its_field_and_nothing_is_queued(on_mail_stack, mail_db, sink):
    sofie = on_mail_stack("sofie")
    lead, quote, address = quoted_lead(sofie, language="nl", accepted=False)
    other_lead, other_quote, _ = quoted_lead(sofie, language="nl", accepted=False)
    fields, _ = compose(sofie, lead, template="1", quote=str(quote))
    count = lambda: mail_db("SELECT count(*) FROM mails")[0][0]  # noqa: E731
    before = count()

    def refused(name, changes, drop=()):
        data = [(k, v) for k, v in fields if k not in changes and k not in drop] + list(changes.items())
        r = send(sofie, lead, data, expect=422)
        assert parse(r.text).find(role="alert") is not None
        return r

    # CR/LF in the subject: a header of its own would follow.
    r = refused("subject", {"subject": "Uw offerte\r\nBcc: iedereen@example.com"})
    assert field_error(r.text, "subject") and "Bcc" in post_form(r.text, f"/leads/{lead}/mail").find("input", name="subject").attrs["value"]
    # An address that is not the lead's contact's, and a free address without mail.any_recipient.
    r = refused("to", {"to": "iemand@elders.be"})
    assert field_error(r.text, "to")
    r = refused("extra", {"extra": "iemand@elders.be"})
    assert field_error(r.text, "extra")
    # No recipient at all.
    r = refused("to", {}, drop=("to",))
    assert field_error(r.text, "to")
    # A quote of another lead; the order form of a quote that has none.
    r = refused("quote", {"quote": str(other_quote)})
    assert field_error(r.text, "quote")
    r = refused("order_form", {"order_form": "1"})
    assert parse(r.text).find("p", id="e-attachments") is not None
    # No mail on GET, none without the CSRF token.
    r = sofie.get(f"/leads/{lead}/mail", params=dict(fields))
    assert r.status_code == 200
    r = sofie.post(f"/leads/{lead}/mail", data=[(k, v) for k, v in fields if k != "_csrf"], allow_redirects=False)
    assert r.status_code == 403
    assert count() == before

    # The admin may write to any address, but a malformed one is named beside the field.
    admin = on_mail_stack("admin")
    fields_admin, _ = compose(admin, lead, template="3")
    fields_admin = [(k, v) for k, v in fields_admin if k != "extra"]
    r = send(admin, lead, fields_admin + [("extra", "goed@example.be, slecht@@example")], expect=422)
    assert field_error(r.text, "extra") and "slecht@@example" in r.text
    assert count() == before
    mail = send(admin, lead, fields_admin + [("extra", "boekhouding@example.be")])
    [got] = arrived(sink, message_id(mail_db, mail))
    assert sorted(got["rcpt_tos"]) == sorted([address, "boekhouding@example.be"])


def test_attachments_over_the_configured_total_are_refused(on_mail_stack, mail_db, sink):
    admin = on_mail_stack("admin")
    sofie = on_mail_stack("sofie")
    lead, quote, _ = quoted_lead(sofie, language="en")
    fields, _ = compose(sofie, lead, template="2", quote=str(quote))

    def set_limit(mb):
        page = admin.get("/settings/mail")
        data = dict(form_fields(post_form(page.text, "/settings/mail")))
        data["max_mb"] = str(mb)
        assert admin.post("/settings/mail", data=data, allow_redirects=False).status_code == 303

    before = mail_db("SELECT count(*) FROM mails")[0][0]
    # Two PDFs of ~40 KB each pass 1 MB; with the document below they do not.
    set_limit(1)
    try:
        filler = b"%PDF-1.4\n" + b"0" * (1100 * 1024) + b"\n%%EOF\n"
        upload(sofie, lead, "Groot", [("groot.pdf", filler)], expect=303)
        document = mail_db("SELECT id FROM documents WHERE lead_id = ? ORDER BY id DESC LIMIT 1", lead)[0][0]
        r = send(sofie, lead, fields + [("document", str(document))], expect=422)
        error = parse(r.text).find("p", id="e-attachments")
        assert error is not None and "1 MB" in error.text, r.text[-800:]
        assert mail_db("SELECT count(*) FROM mails")[0][0] == before
        # The PDFs alone go.
        mail = send(sofie, lead, fields)
        wait_state(mail_db, mail, ("sent",))
    finally:
        set_limit(20)


def test_the_mail_settings_never_show_the_password(on_mail_stack, mail_db):
    admin = on_mail_stack("admin")
    page = admin.get("/settings/mail")
    data = dict(form_fields(post_form(page.text, "/settings/mail")))
    data["password"] = "geheim-wachtwoord-123"
    assert admin.post("/settings/mail", data=data, allow_redirects=False).status_code == 303
    page = admin.get("/settings/mail")
    assert "geheim-wachtwoord-123" not in page.text
    assert post_form(page.text, "/settings/mail").find("input", name="password").attrs["value"] == ""
    # Saved again without typing it: kept; then removed.
    data = dict(form_fields(post_form(page.text, "/settings/mail")))
    assert admin.post("/settings/mail", data=data, allow_redirects=False).status_code == 303
    assert mail_db("SELECT password FROM mail_settings") == [("geheim-wachtwoord-123",)]
    data = dict(form_fields(post_form(admin.get("/settings/mail").text, "/settings/mail")))
    data["clear_password"] = "1"
    assert admin.post("/settings/mail", data=data, allow_redirects=False).status_code == 303
    assert mail_db("SELECT password FROM mail_settings") == [("",)]
    # A salesperson may not reach the settings.
    assert on_mail_stack("sofie").get("/settings/mail").status_code == 403
