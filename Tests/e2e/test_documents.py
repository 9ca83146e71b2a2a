"""Documents on a lead, through nginx and the real FastCGI responder: every accepted and
refused kind of file, disguised files, hostile file names, the size limit (nginx's and the
responder's), an upload cut off half-way, two uploads of the same file at once, another
branch's document, the download's headers and bytes, and a real Chromium that uploads with
the progress bar and downloads the file back.

These tests run their own stacks on ports 18200-18299 (the same demo database and
documents directory as the other stacks of the session)."""
import hashlib
import os
import re
import socket
import threading
import time

import pytest

import samples
from helpers import FILE_SECURITY_HEADERS, Client, assert_each_header_once, csrf_token, form_fields, header_values, parse

DOC_PORTS = range(18200, 18300)


def start_stack(binary, workdir, database, name, **kwargs):
    from conftest import start_stack as start
    return start(binary, workdir, database, name, ports=DOC_PORTS, **kwargs)


@pytest.fixture(scope="module")
def doc_stack(binary, workdir, database):
    s = start_stack(binary, workdir, database, "stack-documents")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def base_url(doc_stack):
    """This module's stack: conftest's `signed_in` and `client` use it."""
    return doc_stack.url


@pytest.fixture(scope="module")
def small_stack(binary, workdir, database):
    """Files may weigh 100 kB together; nginx lets bodies of up to 300 kB through."""
    s = start_stack(binary, workdir, database, "stack-documents-small", max_upload_bytes=100_000, nginx_upload_limit=300_000)
    yield s
    s.stop()


# MARK: - Helpers


@pytest.fixture(scope="module")
def lead_of(db_query):
    def find(username, branch_not_of=None):
        if branch_not_of:
            rows = db_query("SELECT id FROM leads WHERE branch_id NOT IN (SELECT ub.branch_id FROM user_branches ub JOIN users u ON u.id = ub.user_id "
                            "WHERE u.username = ?) ORDER BY id LIMIT 1", branch_not_of)
        else:
            rows = db_query("SELECT l.id FROM leads l JOIN users u ON u.id = l.responsible_id WHERE u.username = ? ORDER BY l.id LIMIT 1", username)
        assert rows
        return rows[0][0]
    return find


def upload(client, lead, title, files, expect=None):
    """Posts the lead page's upload form as a browser would: its fields (the CSRF token
    first) and the files [(name, bytes)]."""
    page = client.get(f"/leads/{lead}")
    assert page.status_code == 200
    form = parse(page.text).find("form", action=f"/leads/{lead}/documents")
    assert form is not None, "no upload form"
    fields = [(k, v) for k, v in form_fields(form) if k != "title"] + [("title", title)]
    r = client.post(f"/leads/{lead}/documents", data=fields, files=[("files", (name, data, "application/octet-stream")) for name, data in files],
                    allow_redirects=False, timeout=120)
    if expect is not None:
        assert r.status_code == expect, (r.status_code, r.text[:400])
    return r


def raw_upload(client, lead, body_parts, boundary="----e2eBoundary7f3"):
    """Posts a hand-made multipart body: [(headers, bytes)]."""
    body = b""
    for headers, data in body_parts:
        body += f"--{boundary}\r\n".encode() + b"".join(h + b"\r\n" for h in headers) + b"\r\n" + data + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    return client.post(f"/leads/{lead}/documents", data=body, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
                       allow_redirects=False)


def token_for(client, lead):
    return csrf_token(client.get(f"/leads/{lead}").text, f"/leads/{lead}/documents")


def rows(db_query, lead):
    return db_query("SELECT id, title, original_name, mime_type, size, sha256 FROM documents WHERE lead_id = ? ORDER BY id", lead)


def stored(stack):
    out = set()
    for d in os.listdir(stack.documents):
        if len(d) == 2:
            out |= {d + n for n in os.listdir(os.path.join(stack.documents, d))}
    return out


def temporary(stack):
    return os.listdir(os.path.join(stack.documents, "tmp"))


def receiving(stack):
    """Upload bodies nginx is receiving (or has not yet cleaned up)."""
    return os.listdir(stack.upload_bodies)


def alert(html):
    node = parse(html).find("section", id="documents")
    node = node.find(role="alert") if node is not None else None
    return node.text if node is not None else ""


def new_document(db_query, lead, before):
    after = rows(db_query, lead)
    new = [r for r in after if r[0] not in {b[0] for b in before}]
    assert len(new) == 1, new
    return new[0]


# MARK: - Accepted and refused kinds


@pytest.mark.parametrize("name", sorted(samples.ACCEPTED))
def test_each_accepted_kind_is_stored_with_the_type_found_in_it(signed_in, lead_of, db_query, doc_stack, name):
    data, mime = samples.ACCEPTED[name]
    c = signed_in("sofie")
    lead = lead_of("sofie")
    before = rows(db_query, lead)
    upload(c, lead, f"Soort {name}", [(name, data)], expect=303)
    doc = new_document(db_query, lead, before)
    assert doc[1:5] == (f"Soort {name}", name, mime, len(data))
    assert doc[5] == hashlib.sha256(data).hexdigest()
    assert doc[5] in stored(doc_stack)
    r = c.get(f"/documents/{doc[0]}")
    assert r.status_code == 200 and r.content == data
    assert r.headers["Content-Type"] == mime


@pytest.mark.parametrize("name", sorted(samples.REFUSED))
def test_each_refused_kind_is_refused_with_the_reason(signed_in, lead_of, db_query, doc_stack, name):
    data, words = samples.REFUSED[name]
    c = signed_in("sofie")
    lead = lead_of("sofie")
    before, files_before = rows(db_query, lead), stored(doc_stack)
    r = upload(c, lead, "Mag niet", [(name, data)], expect=422)
    message = alert(r.text)
    assert "Er werd niets opgeslagen" in message
    assert f"“{name}” werd geweigerd" in message and words in message
    assert rows(db_query, lead) == before
    assert stored(doc_stack) == files_before
    assert temporary(doc_stack) == []


def test_disguised_files_are_judged_by_their_content(signed_in, lead_of, db_query, doc_stack):
    c = signed_in("sofie")
    lead = lead_of("sofie")
    # A PNG called .pdf is stored as the PNG it is, and downloads as .png.
    before = rows(db_query, lead)
    png = samples.png(7, 5)
    upload(c, lead, "Vermomde PNG", [("inschrijving.pdf", png)], expect=303)
    doc = new_document(db_query, lead, before)
    assert doc[3] == "image/png" and doc[2] == "inschrijving.pdf"
    r = c.get(f"/documents/{doc[0]}")
    assert r.headers["Content-Type"] == "image/png"
    assert r.headers["Content-Disposition"] == "attachment; filename=\"inschrijving.png\"; filename*=UTF-8''inschrijving.png"
    assert r.content == png
    # HTML called .jpg and a program called .txt are refused for what they are.
    r = upload(c, lead, "Vermomd", [("foto.jpg", samples.HTML)], expect=422)
    assert "“foto.jpg” werd geweigerd: het is een webpagina (HTML)" in alert(r.text)
    r = upload(c, lead, "Vermomd", [("leesmij.txt", samples.elf())], expect=422)
    assert "“leesmij.txt” werd geweigerd: het is een programma" in alert(r.text)
    # One bad file among good ones: nothing of the upload is kept.
    before, files_before = rows(db_query, lead), stored(doc_stack)
    r = upload(c, lead, "Gemengd", [("goed.pdf", samples.pdf() + b"%mixed\n"), ("slecht.jpg", samples.HTML)], expect=422)
    assert rows(db_query, lead) == before and stored(doc_stack) == files_before and temporary(doc_stack) == []


def test_an_empty_file_is_refused(signed_in, lead_of, db_query):
    c = signed_in("sofie")
    lead = lead_of("sofie")
    before = rows(db_query, lead)
    r = upload(c, lead, "Leeg", [("leeg.pdf", b"")], expect=422)
    assert "“leeg.pdf” is leeg." in alert(r.text)
    assert rows(db_query, lead) == before


def test_a_title_and_a_file_are_required(signed_in, lead_of, db_query):
    c = signed_in("sofie")
    lead = lead_of("sofie")
    before = rows(db_query, lead)
    r = upload(c, lead, "", [("a.pdf", samples.pdf())], expect=422)
    field = parse(r.text).find("input", id="f-title")
    assert field.attrs.get("aria-invalid") == "true"
    # The browser's empty file input: a part with an empty file name.
    r = upload(c, lead, "Zonder bestand", [("", b"")], expect=422)
    assert "Kies minstens één bestand." in alert(r.text)
    assert parse(r.text).find("input", id="f-title").attrs["value"] == "Zonder bestand"
    assert rows(db_query, lead) == before


# MARK: - File names


@pytest.mark.parametrize("sent, kept, disposition", [
    ("../../etc/passwd.pdf", "passwd.pdf", "attachment; filename=\"passwd.pdf\"; filename*=UTF-8''passwd.pdf"),
    ("C:\\Users\\An\\Mijn documenten\\rijbewijs.pdf", "rijbewijs.pdf", "attachment; filename=\"rijbewijs.pdf\"; filename*=UTF-8''rijbewijs.pdf"),
    ('offerte "definitief".pdf', 'offerte "definitief".pdf',
     "attachment; filename=\"offerte _definitief_.pdf\"; filename*=UTF-8''offerte%20%22definitief%22.pdf"),
    ("a\r\nSet-Cookie: x=1\r\n.pdf", "aSet-Cookie: x=1.pdf", "attachment; filename=\"aSet-Cookie: x=1.pdf\"; filename*=UTF-8''aSet-Cookie%3A%20x%3D1.pdf"),
    ("北京 Договор Überweisung.pdf", "北京 Договор Überweisung.pdf",
     "attachment; filename=\"__ _______ _berweisung.pdf\"; "
     "filename*=UTF-8''%E5%8C%97%E4%BA%AC%20%D0%94%D0%BE%D0%B3%D0%BE%D0%B2%D0%BE%D1%80%20%C3%9Cberweisung.pdf"),
])
def test_file_names_are_cleaned_kept_and_sent_back_safely(signed_in, lead_of, db_query, sent, kept, disposition):
    c = signed_in("sofie")
    lead = lead_of("sofie")
    before = rows(db_query, lead)
    data = samples.pdf() + f"%{sent!r}\n".encode()
    upload(c, lead, "Naam", [(sent, data)], expect=303)
    doc = new_document(db_query, lead, before)
    assert doc[2] == kept
    r = c.get(f"/documents/{doc[0]}")
    assert r.headers["Content-Disposition"] == disposition
    assert r.content == data
    # The lead page shows the name as text (the parser sees it back unchanged).
    box = parse(c.get(f"/leads/{lead}").text).find("section", id="documents")
    item = [li for li in box.find_all("li", class_="document") if li.find("a", class_="document-title").attrs["href"] == f"/documents/{doc[0]}"][0]
    assert item.find("p", class_="meta").text.startswith(" ".join(kept.split()))


def test_a_very_long_name_is_cut_keeping_its_extension(signed_in, lead_of, db_query):
    c = signed_in("sofie")
    lead = lead_of("sofie")
    before = rows(db_query, lead)
    upload(c, lead, "Lang", [("é" * 300 + ".pdf", samples.pdf() + b"%long\n")], expect=303)
    doc = new_document(db_query, lead, before)
    assert doc[2].endswith(".pdf") and len(doc[2].encode()) <= 255 and set(doc[2][:-4]) == {"é"}
    assert c.get(f"/documents/{doc[0]}").status_code == 200


def test_filename_star_wins_and_a_raw_line_break_in_a_header_is_refused(signed_in, lead_of, db_query, doc_stack):
    c = signed_in("sofie")
    lead = lead_of("sofie")
    token = token_for(c, lead)
    before = rows(db_query, lead)
    data = samples.pdf() + b"%star\n"
    r = raw_upload(c, lead, [
        ([b'Content-Disposition: form-data; name="_csrf"'], token.encode()),
        ([b'Content-Disposition: form-data; name="title"'], b"Ster"),
        ([b"Content-Disposition: form-data; name=\"files\"; filename=\"fallback.pdf\"; filename*=UTF-8''%E2%82%AC%20offerte.pdf",
          b"Content-Type: application/pdf"], data),
    ])
    assert r.status_code == 303
    assert new_document(db_query, lead, before)[2] == "€ offerte.pdf"
    # A bare CR inside a part header is a broken body: 400, nothing kept.
    before, files_before = rows(db_query, lead), stored(doc_stack)
    r = raw_upload(c, lead, [
        ([b'Content-Disposition: form-data; name="_csrf"'], token.encode()),
        ([b'Content-Disposition: form-data; name="title"'], b"Kapot"),
        ([b'Content-Disposition: form-data; name="files"; filename="a\rb.pdf"'], samples.pdf() + b"%broken\n"),
    ])
    assert r.status_code == 400
    assert rows(db_query, lead) == before and stored(doc_stack) == files_before and temporary(doc_stack) == []


# MARK: - Limits and failures


def test_over_the_limit_nginx_answers_413_with_a_clear_page(signed_in, lead_of, db_query, small_stack):
    c = signed_in("sofie", url=small_stack.url)
    lead = lead_of("sofie")
    log = os.path.join(small_stack.workdir, "error.log")
    refused_before = open(log).read().count("too large body")
    before = rows(db_query, lead)
    r = upload(c, lead, "Veel te groot", [("groot.pdf", b"%PDF-1.4\n" + os.urandom(600_000))], expect=413)
    assert open(log).read().count("too large body") == refused_before + 1  # nginx refused it
    page = parse(r.text).find("section", class_="error-page")
    assert "Te groot om op te laden" in page.text
    assert "Een upload mag samen hoogstens 98 kB zijn. Er werd niets opgeslagen" in page.text
    assert r.headers["Content-Type"].startswith("text/html")
    assert "default-src 'none'" in r.headers["Content-Security-Policy"]
    assert_each_header_once(r)
    assert rows(db_query, lead) == before


def test_over_the_limit_the_responder_answers_413_too(signed_in, lead_of, db_query, small_stack):
    c = signed_in("sofie", url=small_stack.url)
    lead = lead_of("sofie")
    log = os.path.join(small_stack.workdir, "error.log")
    refused_before = open(log).read().count("too large body")
    before, files_before = rows(db_query, lead), stored(small_stack)
    # 150 kB of files: within nginx's 300 kB, over the responder's 100 kB.
    r = upload(c, lead, "Te groot", [("groot.pdf", b"%PDF-1.4\n" + os.urandom(150_000))], expect=413)
    assert open(log).read().count("too large body") == refused_before
    page = parse(r.text).find("section", class_="error-page")
    assert "Te groot om op te laden" in page.text
    assert page.find("a").attrs["href"] == f"/leads/{lead}#documents"
    assert rows(db_query, lead) == before and stored(small_stack) == files_before and temporary(small_stack) == []
    # Within the limit it works on the same stack.
    upload(c, lead, "Klein genoeg", [("klein.pdf", samples.pdf() + os.urandom(50_000))], expect=303)


def test_an_upload_the_client_abandons_half_way_leaves_nothing(signed_in, lead_of, db_query, doc_stack):
    c = signed_in("sofie")
    lead = lead_of("sofie")
    token = token_for(c, lead)
    before, files_before = rows(db_query, lead), stored(doc_stack)
    boundary = "----abandon5e1"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{token}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nHalf\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"half.pdf\"\r\nContent-Type: application/pdf\r\n\r\n").encode()
    cookie = "; ".join(f"{k}={v}" for k, v in c.cookies.items())
    s = socket.create_connection(("127.0.0.1", doc_stack.port))
    try:
        s.sendall((f"POST /leads/{lead}/documents HTTP/1.1\r\nHost: 127.0.0.1:{doc_stack.port}\r\nCookie: {cookie}\r\n"
                   f"Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: 20000000\r\n\r\n").encode())
        s.sendall(head + b"%PDF-1.4\n" + os.urandom(4_000_000))
        # nginx receives the body into its upload folder; the responder has not seen it.
        deadline = time.time() + 10
        while not receiving(doc_stack) and time.time() < deadline:
            time.sleep(0.05)
        assert receiving(doc_stack), "nginx holds no partial body while it streams in"
        assert temporary(doc_stack) == []
    finally:
        s.close()
    deadline = time.time() + 10
    while receiving(doc_stack) and time.time() < deadline:
        time.sleep(0.05)
    assert receiving(doc_stack) == [], "nginx kept the abandoned body"
    assert temporary(doc_stack) == []
    assert rows(db_query, lead) == before
    assert stored(doc_stack) == files_before
    assert c.get("/healthz").status_code == 200


def test_two_uploads_of_the_same_file_at_once_share_one_stored_file(signed_in, lead_of, db_query, doc_stack):
    lead = lead_of("pieter")
    data = b"%PDF-1.4\n" + os.urandom(12_000_000)
    digest = hashlib.sha256(data).hexdigest()
    clients = [signed_in("pieter"), signed_in("admin")]
    before = rows(db_query, lead)
    start = threading.Barrier(2)
    answers = []

    def send(client, title):
        page = client.get(f"/leads/{lead}")
        form = parse(page.text).find("form", action=f"/leads/{lead}/documents")
        fields = [(k, v) for k, v in form_fields(form) if k != "title"] + [("title", title)]
        start.wait()
        answers.append(client.post(f"/leads/{lead}/documents", data=fields, files=[("files", ("samen.pdf", data, "application/pdf"))],
                                   allow_redirects=False, timeout=120).status_code)

    threads = [threading.Thread(target=send, args=(cl, f"Tegelijk {i}")) for i, cl in enumerate(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == [303, 303]
    new = [r for r in rows(db_query, lead) if r not in before]
    assert len(new) == 2 and {r[5] for r in new} == {digest}
    assert [d for d in stored(doc_stack) if d == digest] == [digest]
    with open(os.path.join(doc_stack.documents, digest[:2], digest[2:]), "rb") as f:
        assert hashlib.sha256(f.read()).hexdigest() == digest
    assert temporary(doc_stack) == []
    # Deleting one keeps the file for the other; deleting both removes it.
    admin = clients[1]
    for doc in new:
        token = csrf_token(admin.get(f"/documents/{doc[0]}/edit").text, f"/documents/{doc[0]}/delete")
        assert admin.post(f"/documents/{doc[0]}/delete", data={"_csrf": token}, allow_redirects=False).status_code == 303
        assert (digest in stored(doc_stack)) == (doc is new[0])


# MARK: - Download and access


def test_download_headers_and_bytes_are_exact(signed_in, lead_of, db_query, doc_stack, user_id):
    c = signed_in("sofie")
    lead = lead_of("sofie")
    before = rows(db_query, lead)
    data = samples.pdf() + os.urandom(1_000_000)
    upload(c, lead, "Bestelbon", [("bestelbon.pdf", data)], expect=303)
    doc = new_document(db_query, lead, before)
    r = c.get(f"/documents/{doc[0]}")
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "application/pdf"
    assert r.headers["Content-Disposition"] == "attachment; filename=\"bestelbon.pdf\"; filename*=UTF-8''bestelbon.pdf"
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert r.headers["Cache-Control"] == "no-store"
    assert "X-Accel-Redirect" not in r.headers
    # /_files/ sets the file's security headers; the responder's page set is not passed on.
    assert_each_header_once(r, FILE_SECURITY_HEADERS)
    assert header_values(r, "Permissions-Policy") == [] and header_values(r, "Cross-Origin-Opener-Policy") == []
    assert int(r.headers["Content-Length"]) == len(data)
    assert r.content == data
    # Recorded: who and when.
    assert db_query("SELECT count(*) FROM document_downloads WHERE document_id = ? AND user_id = ?", doc[0], user_id("sofie"))[0][0] == 1
    # The store is not reachable from outside, not even with the right name.
    assert c.get(f"/_files/{doc[5][:2]}/{doc[5][2:]}").status_code == 404
    # Signed out: the sign-in page, not the file.
    anonymous = Client(doc_stack.url)
    r = anonymous.get(f"/documents/{doc[0]}", allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"].startswith("/login")


def test_another_branchs_document_is_404_like_its_lead(signed_in, lead_of, db_query):
    julien = signed_in("julien")
    lead = lead_of("julien")
    before = rows(db_query, lead)
    upload(julien, lead, "Rijbewijs Julien", [("rijbewijs.pdf", samples.pdf() + b"%julien\n")], expect=303)
    doc = new_document(db_query, lead, before)
    sofie = signed_in("sofie")
    assert sofie.get(f"/leads/{lead}").status_code == 404
    for path in (f"/documents/{doc[0]}", f"/documents/{doc[0]}/edit"):
        r = sofie.get(path, allow_redirects=False)
        assert r.status_code == 404, path
        assert "Content-Disposition" not in r.headers
    token = csrf_token(sofie.get("/leads").text)
    r = sofie.post(f"/documents/{doc[0]}/rename", data={"_csrf": token, "title": "x", "version": "1"}, allow_redirects=False)
    assert r.status_code == 404
    # Uploading to that lead is 404 as well, and writes nothing.
    other_token = csrf_token(sofie.get(f"/leads/{lead_of('sofie')}").text, f"/leads/{lead_of('sofie')}/documents")
    r = sofie.post(f"/leads/{lead}/documents", data=[("_csrf", other_token), ("title", "x")],
                   files=[("files", ("x.pdf", samples.pdf(), "application/pdf"))], allow_redirects=False)
    assert r.status_code == 404
    assert rows(db_query, lead) == before + [doc]


def test_rename_and_delete_through_the_paperclip(signed_in, lead_of, db_query, doc_stack):
    pieter = signed_in("pieter")
    lead = lead_of("pieter")
    before = rows(db_query, lead)
    data = samples.pdf() + b"%paperclip\n"
    upload(pieter, lead, "Oude titel", [("x.pdf", data)], expect=303)
    doc = new_document(db_query, lead, before)
    page = parse(pieter.get(f"/leads/{lead}").text)
    item = [li for li in page.find_all("li", class_="document") if li.find("a", class_="document-title").text == "Oude titel"][0]
    menu = [a.attrs["href"] for a in item.find("details", class_="paperclip").find_all("a")]
    assert menu == [f"/documents/{doc[0]}", f"/documents/{doc[0]}/edit#rename", f"/documents/{doc[0]}/edit#delete", f"/documents/{doc[0]}/edit#downloads"]
    edit = pieter.get(f"/documents/{doc[0]}/edit").text
    form = parse(edit).find("form", action=f"/documents/{doc[0]}/rename")
    fields = [(k, v) for k, v in form_fields(form) if k != "title"] + [("title", "Nieuwe titel")]
    assert pieter.post(f"/documents/{doc[0]}/rename", data=fields, allow_redirects=False).status_code == 303
    assert db_query("SELECT title, sha256 FROM documents WHERE id = ?", doc[0]) == [("Nieuwe titel", doc[5])]
    timeline = parse(pieter.get(f"/leads/{lead}").text).find("ol", class_="timeline").text
    assert "Document hernoemd" in timeline and "Nieuwe titel" in timeline
    token = csrf_token(edit, f"/documents/{doc[0]}/delete")
    assert pieter.post(f"/documents/{doc[0]}/delete", data={"_csrf": token}, allow_redirects=False).status_code == 303
    assert db_query("SELECT count(*) FROM documents WHERE id = ?", doc[0])[0][0] == 0
    if not db_query("SELECT count(*) FROM documents WHERE sha256 = ?", doc[5])[0][0]:
        assert doc[5] not in stored(doc_stack)
    assert "Document verwijderd" in parse(pieter.get(f"/leads/{lead}").text).find("ol", class_="timeline").text


def test_the_upload_form_is_a_plain_multipart_form_with_the_token_first(signed_in, lead_of):
    c = signed_in("sofie")
    lead = lead_of("sofie")
    page = parse(c.get(f"/leads/{lead}").text)
    form = page.find("form", action=f"/leads/{lead}/documents")
    assert form.attrs["method"] == "post" and form.attrs["enctype"] == "multipart/form-data"
    names = [n.attrs["name"] for n in form.iter() if n.tag in ("input", "select", "textarea") and n.attrs.get("name")]
    assert names[0] == "_csrf" and names[1:] == ["title", "files"]
    files = form.find("input", type="file")
    assert "multiple" in files.attrs and "required" in files.attrs
    # The action bar's Document button leads to the box.
    bar = page.find("div", class_="action-bar")
    assert any(a.attrs.get("href") == f"/leads/{lead}#documents" and a.text == "Document" for a in bar.find_all("a"))


# MARK: - In a real browser


def sign_in_browser(d, base_url, username):
    from browser import sign_in
    sign_in(d, base_url, username)


def browser(download_dir):
    from browser import new_browser, require_chromium
    require_chromium()
    return new_browser(download_dir=download_dir)


def upload_status(d):
    """The upload box's status line, read in one go (the box is replaced when the answer comes)."""
    return d.execute_script("const s = document.querySelector('#documents .upload-status'); return s ? s.textContent.trim() : null")


def test_chromium_uploads_with_the_progress_bar_and_downloads_the_same_bytes(doc_stack, lead_of, db_query, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    d = browser(str(downloads))
    try:
        sign_in_browser(d, doc_stack.url, "sofie")
        lead = lead_of("sofie")
        d.get(f"{doc_stack.url}/leads/{lead}")
        # Watch the upload's progress events, and mark this page: a reload would lose the mark.
        d.execute_script("""
            window.__samePage = true; window.__progress = [];
            const open = XMLHttpRequest.prototype.open;
            XMLHttpRequest.prototype.open = function (...args) {
              this.upload.addEventListener("progress", (e) => window.__progress.push([e.loaded, e.total]));
              return open.apply(this, args);
            };""")
        # Loopback is too fast to see a bar move: Chromium's own throttling makes the
        # 8 MB take about two seconds, as on a dealer's office line.
        d.execute_cdp_cmd("Network.enable", {})
        d.execute_cdp_cmd("Network.emulateNetworkConditions", {"offline": False, "latency": 5, "downloadThroughput": -1,
                                                              "uploadThroughput": 4 * 1024 * 1024})
        data = b"%PDF-1.4\n" + os.urandom(8_000_000)
        source = tmp_path / "Offerte Golf.pdf"
        source.write_bytes(data)
        d.find_element(By.ID, "f-title").send_keys("Offerte uit Chromium")
        d.find_element(By.ID, "f-files").send_keys(str(source))
        d.find_element(By.CSS_SELECTOR, "form[data-upload] button[type=submit]").click()
        # The progress bar shows while the file goes up.
        WebDriverWait(d, 10).until(lambda d: d.execute_script("return window.__progress.length > 0"))
        WebDriverWait(d, 120).until(lambda d: upload_status(d) == "Opgeslagen.")
        assert d.execute_script("return window.__samePage === true"), "the page was reloaded: not the JavaScript path"
        progress = d.execute_script("return window.__progress")
        assert len(progress) >= 2
        assert progress[-1][0] == progress[-1][1] >= len(data)
        assert any(0 < loaded < total for loaded, total in progress), "no intermediate progress"
        # The box and the timeline were replaced with the new state.
        link = [a for a in d.find_elements(By.CSS_SELECTOR, "#documents a.document-title") if a.text == "Offerte uit Chromium"]
        assert len(link) == 1
        assert "Offerte uit Chromium" in d.find_element(By.CSS_SELECTOR, ".timeline-card").text
        doc_id = int(re.search(r"/documents/(\d+)$", link[0].get_attribute("href")).group(1))
        assert db_query("SELECT original_name, mime_type, size FROM documents WHERE id = ?", doc_id) == [("Offerte Golf.pdf", "application/pdf", len(data))]
        # Download it back through the link, as a user would.
        d.execute_cdp_cmd("Network.emulateNetworkConditions", {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
        link[0].click()
        target = downloads / "Offerte Golf.pdf"
        deadline = time.time() + 60
        while time.time() < deadline and not (target.exists() and not list(downloads.glob("*.crdownload"))):
            time.sleep(0.2)
        assert target.exists(), os.listdir(downloads)
        assert target.read_bytes() == data
    finally:
        d.quit()


def test_chromium_drops_a_file_onto_the_box(doc_stack, lead_of, db_query, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    d = browser(str(tmp_path))
    try:
        sign_in_browser(d, doc_stack.url, "sofie")
        lead = lead_of("sofie")
        before = rows(db_query, lead)
        d.get(f"{doc_stack.url}/leads/{lead}")
        # A drop event carrying a file, as the operating system would deliver it.
        d.execute_script("""
            const box = document.getElementById("documents");
            const dt = new DataTransfer();
            dt.items.add(new File(["merk,model\\nVolkswagen,Golf\\nPeugeot,208\\n"], "gesleept.csv", { type: "text/csv" }));
            for (const type of ["dragenter", "dragover", "drop"]) {
              box.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
            }""")
        assert d.execute_script("return document.getElementById('f-files').files[0].name") == "gesleept.csv"
        d.find_element(By.ID, "f-title").send_keys("Gesleept")
        d.find_element(By.CSS_SELECTOR, "form[data-upload] button[type=submit]").click()
        WebDriverWait(d, 30).until(lambda d: upload_status(d) == "Opgeslagen.")
        doc = new_document(db_query, lead, before)
        assert doc[1:4] == ("Gesleept", "gesleept.csv", "text/csv")
    finally:
        d.quit()
