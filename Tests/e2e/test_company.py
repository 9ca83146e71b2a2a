"""The company details' logo through nginx and the real FastCGI responder: the upload goes
through nginx's ordinary location (1 MiB body limit) as a multipart body, is typed by libmagic,
and is read back with its type, nosniff and an ETag; a PDF named .png is refused beside the
field; a body over nginx's limit gets 413; a salesperson may see the logo but not change it."""
import samples
from helpers import FILE_SECURITY_HEADERS, assert_each_header_once, csrf_token, parse


def logo_token(s):
    return csrf_token(s.get("/settings/company").text, "/settings/company/logo")


def test_a_logo_uploaded_through_nginx_is_read_back(signed_in):
    admin = signed_in("admin")
    original = admin.get("/settings/company/logo")
    assert original.status_code == 200, original.status_code
    try:
        png = samples.png(40, 20)
        r = admin.post("/settings/company/logo", data={"_csrf": logo_token(admin)}, files={"logo": ("logo.jpg", png, "image/jpeg")},
                       allow_redirects=False)
        assert r.status_code == 303, (r.status_code, r.text[:300])
        assert r.headers["Location"] == "/settings/company?done=logo"
        back = admin.get("/settings/company/logo")
        assert back.status_code == 200
        assert back.content == png
        assert back.headers["Content-Type"] == "image/png", "the type libmagic found, not the name's or the browser's"
        assert back.headers["Cache-Control"] == "private, no-cache"
        assert_each_header_once(back, FILE_SECURITY_HEADERS)
        assert back.headers["X-Content-Type-Options"] == "nosniff"
        again = admin.get("/settings/company/logo", headers={"If-None-Match": back.headers["ETag"]})
        assert again.status_code == 304

        # A salesperson's documents print it: she may read it, not change it.
        sofie = signed_in("sofie")
        assert sofie.get("/settings/company/logo").content == png
        token = csrf_token(sofie.get("/leads").text)
        refused = sofie.post("/settings/company/logo", data={"_csrf": token}, files={"logo": ("x.png", samples.png(), "image/png")}, allow_redirects=False)
        assert refused.status_code == 403

        # A PDF named .png: refused beside the field, nothing stored.
        r = admin.post("/settings/company/logo", data={"_csrf": logo_token(admin)}, files={"logo": ("logo.png", samples.pdf(), "image/png")},
                       allow_redirects=False)
        assert r.status_code == 422, r.status_code
        field = parse(r.text).find("p", id="e-logo")
        assert field is not None and field.text.strip()
        assert admin.get("/settings/company/logo").content == png

        # Over nginx's normal body limit (1 MiB): 413 before the responder reads anything, with
        # the responder's page for it (error_page → /_errors/logo-too-large).
        big = admin.post("/settings/company/logo", data={"_csrf": logo_token(admin)},
                         files={"logo": ("big.png", b"\x89PNG\r\n\x1a\n" + b"0" * (1100 * 1024), "image/png")}, allow_redirects=False)
        assert big.status_code == 413
        assert 'class="error-page"' in big.text and 'href="/settings/company"' in big.text, "the responder's page, with the way back"
        assert admin.get("/settings/company/logo").content == png
    finally:
        # The session's shared demo database gets its demo logo back.
        r = admin.post("/settings/company/logo", data={"_csrf": logo_token(admin)},
                       files={"logo": ("logo.png", original.content, original.headers["Content-Type"])}, allow_redirects=False)
        assert r.status_code == 303


def test_the_company_page_keeps_a_wrong_enterprise_number(signed_in):
    admin = signed_in("admin")
    page = admin.get("/settings/company")
    assert page.status_code == 200
    form = [f for f in parse(page.text).find_all("form", action="/settings/company")][0]
    from helpers import form_fields
    fields = [(k, v) for k, v in form_fields(form) if k != "enterprise_number"] + [("enterprise_number", "BE 0403.170.702")]
    r = admin.post("/settings/company", data=fields, allow_redirects=False)
    assert r.status_code == 422
    assert parse(r.text).find("input", name="enterprise_number").attrs["value"] == "BE 0403.170.702"
    assert parse(r.text).find("p", id="e-enterprise_number") is not None
    assert signed_in("sofie").get("/settings/company", allow_redirects=False).status_code == 403
