"""Through the private nginx: security headers on every kind of answer, static files, and the
limits nginx enforces before the responder sees anything."""
import socket
import urllib.parse

import pytest
import requests

import fcgi_client
from helpers import PAGE_SECURITY_HEADERS, assert_each_header_once, header_values, parse, parse_csp

SAFE_REFERRER_POLICIES = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}


def assert_security_headers(r):
    csp = r.headers.get("Content-Security-Policy")
    assert csp, f"no CSP on {r.url} ({r.status_code})"
    d = parse_csp(csp)
    assert d.get("object-src") == ["'none'"]
    assert d.get("base-uri") == ["'none'"]
    assert d.get("frame-ancestors") == ["'none'"]
    script = d.get("script-src", d.get("default-src"))
    assert script is not None, "neither script-src nor default-src"
    assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script and "*" not in script
    assert r.headers.get("X-Content-Type-Options") == "nosniff"
    assert r.headers.get("Referrer-Policy") in SAFE_REFERRER_POLICIES
    # The responder sets them on its answers, nginx on the rest: never both.
    assert_each_header_once(r)


@pytest.mark.parametrize("path,status", [
    ("/login", 200),                  # a page of the responder
    ("/no/such/page", 404),           # the responder's 404
    ("/leads", 303),                  # a redirect
    ("/static/showroom.css", 200),    # a static file from nginx
    ("/static/missing.css", 404),     # nginx's own 404
    ("/favicon.ico", 200),
])
def test_security_headers_on_every_answer(client, path, status):
    r = client.get(path, allow_redirects=False)
    assert r.status_code == status
    assert_security_headers(r)


def test_security_headers_on_a_signed_in_page(signed_in):
    r = signed_in("sofie").get("/leads")
    assert r.status_code == 200
    assert_security_headers(r)
    assert r.headers.get("Cache-Control") == "no-store"


def test_the_responder_and_nginx_send_the_same_security_headers(client):
    from_responder = assert_each_header_once(client.get("/login"))
    from_nginx = assert_each_header_once(client.get("/static/showroom.css"))
    assert from_responder == from_nginx
    assert set(from_responder) == set(PAGE_SECURITY_HEADERS)


def test_the_responder_itself_sets_the_security_headers(fcgi_socket):
    # Straight to the FastCGI socket, without nginx: the headers are the responder's own
    # (nginx adds its copy only where an answer lacks one).
    for method, path in [("GET", "/login"), ("GET", "/no/such/page"), ("POST", "/healthz"), ("GET", "/leads")]:
        r = fcgi_client.request(fcgi_socket, method, path)
        names = [name.lower() for name, _ in r.headers]
        for name in PAGE_SECURITY_HEADERS:
            assert names.count(name.lower()) == 1, (method, path, name, r.headers)


def test_responder_errors_and_head_carry_each_security_header_once(client):
    for r, status in [(client.post("/healthz", allow_redirects=False), 405),
                      (client.post("/login", data={"username": "x"}, allow_redirects=False), 403),
                      (client.head("/login"), 200),
                      (client.get("/leads/abc", allow_redirects=False), 303)]:
        assert r.status_code == status, r.url
        assert_security_headers(r)


def test_nginxs_own_errors_carry_each_security_header_once(client):
    too_large = client.post("/login", data="a=" + "x" * (1024 * 1024 + 100),
                            headers={"Content-Type": "application/x-www-form-urlencoded"}, allow_redirects=False)
    assert too_large.status_code == 413
    too_long = client.get("/leads?q=" + "a" * 40_000)
    assert too_long.status_code in (400, 414)
    missing = client.get("/static/missing.css")
    assert missing.status_code == 404
    for r in (too_large, too_long, missing):
        assert "<center>nginx</center>" in r.text, "nginx answered, not the responder"
        assert_security_headers(r)


def test_with_the_responder_down_nginxs_502_carries_each_security_header_once(make_stack):
    down = make_stack("responder-down")
    down.stop_responder()
    r = requests.get(f"{down.url}/login", timeout=10)
    assert r.status_code == 502
    assert_security_headers(r)


def test_static_css_is_served_by_nginx_with_caching_headers(client, fcgi_socket):
    r = client.get("/static/showroom.css")
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/css")
    assert "max-age=" in r.headers.get("Cache-Control", "")
    assert int(r.headers["Cache-Control"].split("max-age=")[1].split(",")[0]) > 0
    assert r.headers.get("Expires")
    assert r.headers.get("ETag") or r.headers.get("Last-Modified")
    assert len(r.content) > 100
    # The responder itself does not know the file: nginx answered without it.
    assert fcgi_client.request(fcgi_socket, "GET", "/static/showroom.css").status == 404


def test_static_javascript_is_served_with_a_javascript_type(client):
    r = client.get("/static/showroom.js")
    assert r.status_code == 200
    assert "javascript" in r.headers["Content-Type"]
    assert r.headers.get("X-Content-Type-Options") == "nosniff"


def test_static_path_traversal_is_refused(stack):
    # A raw request: requests would normalise the dots away.
    with socket.create_connection(("127.0.0.1", stack.port), timeout=5) as s:
        s.sendall(b"GET /static/../Makefile HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1])
    assert status != 200 or b"swift build" not in data
    r = requests.get(f"{stack.url}/static/..%2fMakefile", timeout=5)
    assert b"swift build" not in r.content


@pytest.mark.parametrize("header", ["X-Filler", "Cookie"])
def test_oversized_request_header_is_refused_by_nginx(client, stack, header):
    r = client.get("/login", headers={header: "a" * 40_000})
    assert r.status_code in (400, 431, 494)
    assert client.get("/healthz").status_code == 200
    assert fcgi_client.request(stack.socket, "GET", "/healthz").status == 200


def test_overlong_url_is_refused_by_nginx(client):
    r = client.get("/leads?q=" + "a" * 40_000)
    assert r.status_code in (400, 414)
    assert client.get("/healthz").text == "ok\n"


@pytest.mark.parametrize("path", ["/login", "/logout", "/leads/1"])
def test_body_over_one_megabyte_gets_413(client, path):
    body = "a=" + "x" * (1024 * 1024 + 100)
    r = client.post(path, data=body, headers={"Content-Type": "application/x-www-form-urlencoded"}, allow_redirects=False)
    assert r.status_code == 413
    assert client.get("/healthz").status_code == 200


def test_error_page_through_nginx_is_html_in_the_visitors_language(client):
    r = client.get("/no/such/page", headers={"Accept-Language": "fr-BE,fr;q=0.9,en;q=0.5"})
    assert r.status_code == 404
    assert r.headers["Content-Type"].startswith("text/html")
    page = parse(r.text)
    assert page.find("html").attrs["lang"] == "fr"
    assert "n'existe pas" in page.find("h1").text


def test_query_string_reaches_the_responder_undecoded(signed_in):
    # `status=won` filters; an encoded `&` inside a value must not split it into two parameters.
    s = signed_in("admin")
    r = s.get("/leads?status=" + urllib.parse.quote("won&status=lost"))
    assert r.status_code == 400
