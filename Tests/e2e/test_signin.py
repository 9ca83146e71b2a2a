"""Signing in and out through the real form and nginx: cookies, redirects, CSRF, cross-site
refusal, session expiry, deactivation, rate limit and lockout."""
import os
import re
import time
import urllib.parse

import pytest

from conftest import ROOT

from helpers import DEMO_PASSWORD, LEAD_CODE, SESSION_COOKIE, Client, alert_text, assert_each_header_once, csrf_token, form_fields, parse



def declared_routes():
    """(method, path) of every route that needs a signed-in user, read from the route table in
    ShowroomApp.swift, with `{…}` parameters filled in: new routes are covered without
    editing this file."""
    source = open(os.path.join(ROOT, "Sources", "Pages", "ShowroomApp.swift"), encoding="utf-8").read()
    routes = []
    for method, path, access in re.findall(r'^\s*(get|post|upload)\("(/[^"]*)",\s*\.(\w+)', source, re.M):
        if access != "anyone":
            routes.append(("GET" if method == "get" else "POST", re.sub(r"\{[^}]+\}", "1", path)))
    return routes


ROUTES = declared_routes()
assert len(ROUTES) >= 15, f"could not read the route table ({len(ROUTES)} routes)"
SIGNED_OUT_PAGES = sorted({p for m, p in ROUTES if m == "GET"} | {"/", "/leads?status=won", "/leads/999999", "/leads/1/follow-up"})
SIGNED_OUT_POSTS = sorted({p for m, p in ROUTES if m == "POST"})


def session_cookie(c):
    return next(k for k in c.cookies if k.name == SESSION_COOKIE)


def is_signed_in(c):
    r = c.get("/leads", allow_redirects=False)
    if r.status_code == 200:
        return True
    assert r.status_code == 303 and r.headers["Location"].startswith("/login"), r.status_code
    return False


def test_sign_in_sets_an_httponly_samesite_session_cookie(client):
    r = client.try_sign_in("sofie", DEMO_PASSWORD)
    assert r.status_code == 303
    assert r.headers["Location"] == "/leads"
    raw = [v for k, v in r.raw.headers.items() if k.lower() == "set-cookie" and v.startswith(SESSION_COOKIE + "=")]
    assert len(raw) == 1
    attrs = {a.strip().split("=")[0].lower(): a for a in raw[0].split(";")[1:]}
    assert "httponly" in attrs
    assert attrs.get("samesite", "").split("=")[1].strip().lower() in ("lax", "strict")
    assert "secure" not in attrs  # plain http here; over https nginx passes HTTPS=on
    cookie = session_cookie(client)
    assert len(cookie.value) >= 32


def test_signed_in_user_sees_leads_with_their_name(signed_in):
    r = signed_in("sofie").get("/leads")
    assert r.status_code == 200
    page = parse(r.text)
    assert page.find("span", class_="user-name").text == "Sofie Peeters"
    assert LEAD_CODE.search(r.text)


def test_sign_out_ends_the_session_on_the_server(signed_in, base_url):
    s = signed_in("jan")
    stolen = s.cookies.get(SESSION_COOKIE)
    token = s.csrf(action="/logout")
    r = s.post("/logout", data={"_csrf": token}, allow_redirects=False)
    assert r.status_code == 303
    assert r.headers["Location"] == "/login"
    assert not s.cookies.get(SESSION_COOKIE)
    assert not is_signed_in(s)
    # The old cookie, replayed, no longer opens anything.
    with Client(base_url) as replay:
        replay.cookies.set(SESSION_COOKIE, stolen)
        assert not is_signed_in(replay)


def test_wrong_password_gets_422_with_the_same_message_as_an_unknown_user(client, create_user):
    username, password = create_user("wrongpw")
    wrong = client.try_sign_in(username, password + "-not")
    unknown = client.try_sign_in("nobody-here", "whatever-password")
    assert wrong.status_code == 422
    assert unknown.status_code == 422
    assert alert_text(wrong.text)
    assert alert_text(wrong.text) == alert_text(unknown.text)
    assert not client.cookies.get(SESSION_COOKIE)
    # The form comes back with the name typed, never the password.
    form = dict(form_fields(parse(wrong.text).find("form", action="/login")))
    assert form["username"] == username
    assert form["password"] == ""
    assert password not in wrong.text


def test_sign_in_returns_to_the_page_first_asked_for(client, db_query):
    lead_id = db_query("SELECT id FROM leads WHERE branch_id = 1 LIMIT 1")[0][0]
    r = client.get(f"/leads/{lead_id}/contacts", allow_redirects=False)
    assert r.status_code == 303
    login = r.headers["Location"]
    assert login.startswith("/login?next=")
    page = client.get(login)
    form = dict(form_fields(parse(page.text).find("form", action="/login")))
    assert form["next"] == f"/leads/{lead_id}/contacts"
    form.update(username="pieter", password=DEMO_PASSWORD)
    r = client.post("/login", data=form, allow_redirects=False)
    assert r.status_code == 303
    assert r.headers["Location"] == f"/leads/{lead_id}/contacts"
    assert client.get(r.headers["Location"]).status_code == 200


@pytest.mark.parametrize("target", ["//evil.example", "https://evil.example", "http://evil.example/leads", "/\\evil.example",
                                    "\\\\evil.example", "///evil.example", "/\t/evil.example", "javascript:alert(1)",
                                    "/leads\r\nSet-Cookie: x=1"])
def test_next_to_another_site_ends_on_leads(client, target):
    page = client.get("/login?next=" + urllib.parse.quote(target, safe=""))
    assert page.status_code == 200
    form = dict(form_fields(parse(page.text).find("form", action="/login")))
    assert form["next"] == ""
    r = client.post("/login", data={"_csrf": form["_csrf"], "username": "lotte", "password": DEMO_PASSWORD, "next": target},
                    allow_redirects=False)
    assert r.status_code == 303
    assert r.headers["Location"] == "/leads"


@pytest.mark.parametrize("path", SIGNED_OUT_PAGES)
def test_signed_out_visitor_is_sent_to_login_without_lead_data(client, path):
    r = client.get(path, allow_redirects=False)
    assert r.status_code == 303
    assert r.headers["Location"].split("?")[0] == "/login"
    assert not LEAD_CODE.search(r.text)
    final = client.get(path)
    assert final.url.split("?")[0].endswith("/login")
    assert final.status_code == 200
    assert parse(final.text).find("form", action="/login") is not None
    assert not LEAD_CODE.search(final.text)


@pytest.mark.parametrize("path", SIGNED_OUT_POSTS)
def test_signed_out_post_is_sent_to_login(client, path):
    r = client.post(path, data={"_csrf": "x", "language": "fr"}, allow_redirects=False)
    assert r.status_code == 303
    assert r.headers["Location"] == "/login"


@pytest.mark.parametrize("path,body", [("/login", None), ("/healthz", "ok\n"), ("/static/showroom.css", None), ("/favicon.ico", None)])
def test_public_addresses_need_no_sign_in(client, path, body):
    r = client.get(path, allow_redirects=False)
    assert r.status_code == 200
    if body is not None:
        assert r.text == body


def test_root_sends_a_signed_in_user_to_leads(signed_in):
    r = signed_in("bram").get("/", allow_redirects=False)
    assert r.status_code == 303
    assert r.headers["Location"] == "/leads"


def test_login_page_sends_a_signed_in_user_to_leads(signed_in):
    r = signed_in("bram").get("/login", allow_redirects=False)
    assert r.status_code == 303
    assert r.headers["Location"] == "/leads"


def test_login_page_follows_accept_language_before_sign_in(client):
    for header, lang in [("fr-BE,fr;q=0.9", "fr"), ("en-GB,en;q=0.8", "en"), ("de-DE,de;q=0.9", "nl"), (None, "nl")]:
        headers = {"Accept-Language": header} if header else {}
        r = client.get("/login", headers=headers)
        assert parse(r.text).find("html").attrs["lang"] == lang, header


# CSRF and cross-site refusal.

@pytest.mark.parametrize("token", [None, "", "wrong-token", "A" * 43])
def test_logout_without_the_right_csrf_token_is_refused(signed_in, token):
    s = signed_in("lotte")
    data = {"language": "fr"} if token is None else {"_csrf": token}
    r = s.post("/logout", data=data, allow_redirects=False)
    assert r.status_code == 403
    assert is_signed_in(s)


def test_logout_without_a_form_body_is_refused(signed_in):
    s = signed_in("lotte")
    r = s.post("/logout", allow_redirects=False)
    assert r.status_code in (400, 403)
    assert is_signed_in(s)


@pytest.mark.parametrize("token", [None, "", "wrong-token"])
def test_login_without_the_right_csrf_token_is_refused(client, token):
    client.get("/login")  # gets the sign-in form's cookie
    data = {"username": "sofie", "password": DEMO_PASSWORD}
    if token is not None:
        data["_csrf"] = token
    r = client.post("/login", data=data, allow_redirects=False)
    assert r.status_code == 403
    assert not client.cookies.get(SESSION_COOKIE)


def test_login_token_of_another_visitor_is_refused(client, base_url):
    with Client(base_url) as other:
        foreign = csrf_token(other.get("/login").text, "/login")
    client.get("/login")
    r = client.post("/login", data={"_csrf": foreign, "username": "sofie", "password": DEMO_PASSWORD}, allow_redirects=False)
    assert r.status_code == 403
    assert not client.cookies.get(SESSION_COOKIE)


def test_login_token_without_its_cookie_is_refused(client):
    token = csrf_token(client.get("/login").text, "/login")
    client.cookies.clear()
    r = client.post("/login", data={"_csrf": token, "username": "sofie", "password": DEMO_PASSWORD}, allow_redirects=False)
    assert r.status_code == 403


CROSS_SITE = [{"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"}, {"Origin": "null"},
              {"Origin": "http://127.0.0.1:1"}]


@pytest.mark.parametrize("headers", CROSS_SITE, ids=lambda h: "-".join(f"{k}={v}" for k, v in h.items()))
def test_cross_site_logout_is_refused_even_with_the_right_token(signed_in, headers):
    s = signed_in("jan")
    token = s.csrf(action="/logout")
    r = s.post("/logout", data={"_csrf": token}, headers=headers, allow_redirects=False)
    assert r.status_code == 403
    assert is_signed_in(s)


@pytest.mark.parametrize("headers", CROSS_SITE, ids=lambda h: "-".join(f"{k}={v}" for k, v in h.items()))
def test_cross_site_login_is_refused_even_with_the_right_token(client, headers):
    r = client.try_sign_in("sofie", DEMO_PASSWORD, extra_headers=headers)
    assert r.status_code == 403
    assert not client.cookies.get(SESSION_COOKIE)


def test_same_origin_post_is_accepted(client, base_url):
    r = client.try_sign_in("sofie", DEMO_PASSWORD, extra_headers={"Origin": base_url, "Sec-Fetch-Site": "same-origin"})
    assert r.status_code == 303
    assert is_signed_in(client)


# Session lifetime.

@pytest.fixture(scope="module")
def short_sessions(make_stack):
    return make_stack("short-sessions", responder_args=["--session-idle-seconds", "2"])


def test_session_ends_after_idle_time(signed_in, short_sessions):
    s = signed_in("sofie", url=short_sessions.url)
    assert is_signed_in(s)
    time.sleep(3.2)
    r = s.get("/leads", allow_redirects=False)
    assert r.status_code == 303
    assert r.headers["Location"].startswith("/login")


def test_session_in_use_outlives_the_idle_time(signed_in, short_sessions):
    s = signed_in("jan", url=short_sessions.url)
    deadline = time.time() + 4.5
    while time.time() < deadline:
        assert is_signed_in(s)
        time.sleep(0.7)


def test_deactivated_user_is_signed_out_at_once(signed_in, admin_create_user):
    username, password, uid = admin_create_user("leaving")
    victim = signed_in(username, password)
    assert is_signed_in(victim)

    admin = signed_in("admin")
    page = admin.get(f"/admin/users/{uid}")
    assert page.status_code == 200
    form = parse(page.text).find("form", action=f"/admin/users/{uid}/active")
    fields = dict(form_fields(form))
    assert fields["active"] == "0"  # the button offers deactivation
    r = admin.post(f"/admin/users/{uid}/active", data=fields, allow_redirects=False)
    assert r.status_code == 303

    r = victim.get("/leads", allow_redirects=False)
    assert r.status_code == 303
    assert r.headers["Location"].startswith("/login")
    # And signing in again is refused with the usual sentence.
    with Client(victim.base_url) as again:
        r = again.try_sign_in(username, password)
        assert r.status_code == 422
        assert alert_text(r.text) == alert_text(again.try_sign_in("nobody-here", "whatever-password").text)


def test_sign_in_rate_limit_answers_429(make_stack):
    throttled = make_stack("throttled", login_rate="6r/m")
    with Client(throttled.url) as c:
        page = c.get("/login")
        statuses = []
        for _ in range(10):
            # Each answer with the form carries a fresh token (and cookie); a 429 does not.
            token = csrf_token(page.text, "/login") if page.status_code != 429 else token
            page = c.post("/login", data={"_csrf": token, "username": "nobody-here", "password": "whatever-pass"},
                          allow_redirects=False)
            statuses.append(page.status_code)
        assert statuses[:5] == [422] * 5, statuses
        assert statuses[-3:] == [429] * 3, statuses
        # nginx's own 429 carries the security headers, once each.
        assert_each_header_once(page)
        # Only POSTs count: the form itself still opens.
        assert c.get("/login").status_code == 200


def test_account_locks_after_five_wrong_passwords(client, create_user):
    username, password = create_user("locked")
    failures = [client.try_sign_in(username, "not-the-password") for _ in range(5)]
    assert [r.status_code for r in failures] == [422] * 5
    r = client.try_sign_in(username, password)
    assert r.status_code == 422
    assert alert_text(r.text) == alert_text(failures[0].text)
    assert not client.cookies.get(SESSION_COOKIE)


def test_four_wrong_passwords_do_not_lock(client, create_user):
    username, password = create_user("almost")
    for _ in range(4):
        assert client.try_sign_in(username, "not-the-password").status_code == 422
    assert client.try_sign_in(username, password).status_code == 303
