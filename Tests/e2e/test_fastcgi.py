"""The responder spoken to directly over its FastCGI socket, without nginx: what it does with
requests nginx would never send, or that an attacker could shape."""
import pytest

import fcgi_client
from helpers import LEAD_CODE, SESSION_COOKIE, Client, parse


@pytest.fixture(scope="module")
def sofie_cookie(signed_in_module):
    return {"Cookie": f"{SESSION_COOKIE}={signed_in_module.cookies.get(SESSION_COOKIE)}"}


@pytest.fixture(scope="module")
def signed_in_module(base_url):
    with Client(base_url) as c:
        yield c.sign_in("sofie")


def get(sock, uri, method="GET", **kw):
    return fcgi_client.request(sock, method, uri, **kw)


def assert_error_page(r, status):
    assert r.status == status, (r.status, r.text[:300])
    assert r.header("Content-Type", ).startswith("text/html")
    page = parse(r.text)
    code = page.find("p", class_="error-code")
    assert code is not None and code.text == str(status), r.text[:300]
    assert page.find("html").attrs.get("lang") == "nl"


def assert_still_healthy(sock):
    r = get(sock, "/healthz")
    assert (r.status, r.body) == (200, b"ok\n")


def test_healthz_answers_ok(fcgi_socket):
    r = get(fcgi_socket, "/healthz")
    assert r.status == 200
    assert r.body == b"ok\n"
    assert r.header("Content-Type").startswith("text/plain")


def test_head_request_gets_headers_without_body(fcgi_socket):
    r = get(fcgi_socket, "/healthz", method="HEAD")
    assert r.status == 200
    assert r.body == b""


@pytest.mark.parametrize("uri", ["/leads?x=%zz", "/%", "/leads/%4", "/leads?x=%", "/login?next=%ff%fe"])
def test_malformed_percent_encoding_gets_400_page(fcgi_socket, uri):
    assert_error_page(get(fcgi_socket, uri), 400)
    assert_still_healthy(fcgi_socket)


def test_encoded_nul_in_path_gets_400(fcgi_socket):
    assert_error_page(get(fcgi_socket, "/leads%00/1"), 400)


def test_request_uri_not_starting_with_slash_gets_400(fcgi_socket):
    assert_error_page(get(fcgi_socket, "http://evil.example/leads"), 400)


@pytest.mark.parametrize("lead_id", ["-1", "99999999999999999999", "abc", "0x1F", "0", "1e3", "+1", "%20" + "1"])
def test_invalid_or_unknown_lead_id_gets_404(fcgi_socket, sofie_cookie, lead_id):
    r = get(fcgi_socket, f"/leads/{lead_id}", headers=sofie_cookie)
    assert_error_page(r, 404)
    assert not LEAD_CODE.search(r.text)


def test_signed_in_cookie_reaches_own_lead_over_the_socket(fcgi_socket, sofie_cookie, db_query, user_id):
    # The positive control for the 404s above: the same cookie does open a lead of hers.
    lead = db_query("SELECT id, code FROM leads WHERE responsible_id = ? LIMIT 1", user_id("sofie"))[0]
    r = get(fcgi_socket, f"/leads/{lead[0]}", headers=sofie_cookie)
    assert r.status == 200
    assert lead[1] in r.text


def test_unknown_path_gets_404(fcgi_socket):
    assert_error_page(get(fcgi_socket, "/no/such/page"), 404)


@pytest.mark.parametrize("method,uri,allowed", [
    ("PUT", "/leads", {"GET", "HEAD"}),
    ("DELETE", "/leads/1", {"GET", "HEAD"}),
    ("POST", "/healthz", {"GET", "HEAD"}),
    ("PATCH", "/login", {"GET", "HEAD", "POST"}),
    ("GET", "/logout", {"POST"}),
])
def test_wrong_method_gets_405_with_allow(fcgi_socket, method, uri, allowed):
    r = get(fcgi_socket, uri, method=method)
    assert_error_page(r, 405)
    assert r.header("Allow") is not None
    assert {m.strip() for m in r.header("Allow").split(",")} == allowed


def test_overlong_request_uri_gets_400(fcgi_socket):
    assert_error_page(get(fcgi_socket, "/leads?q=" + "a" * 20_000), 400)


def test_too_many_query_parameters_get_400(fcgi_socket, sofie_cookie):
    query = "&".join(f"p{i}=1" for i in range(500))
    assert_error_page(get(fcgi_socket, "/leads?" + query, headers=sofie_cookie), 400)


def test_huge_and_numerous_params_do_not_break_the_responder(fcgi_socket):
    big = {"HTTP_X_HUGE": "x" * 2_000_000}
    many = {f"HTTP_X_P{i}": "y" * 10 for i in range(5000)}
    r1 = get(fcgi_socket, "/healthz", extra_params=big)
    r2 = get(fcgi_socket, "/healthz", extra_params=many)
    assert (r1.status, r2.status) == (200, 200)


def test_body_over_the_form_limit_gets_413(fcgi_socket):
    body = b"a=" + b"x" * 400_000
    r = get(fcgi_socket, "/login", method="POST", headers={"Content-Type": "application/x-www-form-urlencoded"}, body=body)
    assert_error_page(r, 413)


def test_nonsense_content_length_gets_400(fcgi_socket):
    r = get(fcgi_socket, "/login", method="POST", headers={"Content-Type": "application/x-www-form-urlencoded"}, body=b"a=1",
            extra_params={"CONTENT_LENGTH": "-5"})
    assert_error_page(r, 400)


def test_garbage_session_cookie_is_treated_as_signed_out(fcgi_socket):
    for cookie in ["showroom_session=garbage", "showroom_session=" + "A" * 5000, "showroom_session=%zz;;;=", "=;" * 200]:
        r = get(fcgi_socket, "/leads", headers={"Cookie": cookie})
        assert r.status == 303, (cookie[:40], r.status)
        assert r.header("Location").startswith("/login")


def test_responder_keeps_answering_after_bad_requests(fcgi_socket):
    for uri in ["/%", "/leads?x=%zz", "/" + "a" * 10_000, "/leads/-1"]:
        get(fcgi_socket, uri)
    for _ in range(20):
        assert_still_healthy(fcgi_socket)
