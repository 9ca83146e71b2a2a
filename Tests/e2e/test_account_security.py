"""Account security through nginx and the real responder (issue 15, point 7): changing one's own
password ends the other sessions; two-step sign-in with a TOTP code; the attacks — a replayed
code, guessing codes until the account locks, a session id planted before sign-in; the admin's
audit list of sign-ins and failures."""
import secrets
import time

from helpers import SESSION_COOKIE, Client, csrf_token, enable_two_factor, form_fields, parse, totp

CHALLENGE_COOKIE = "showroom_challenge"


def code_step(client, code, path="/login/code"):
    page = client.get(path, allow_redirects=False)
    if page.status_code != 200:
        return page
    form = parse(page.text).find("form", action=path)
    fields = [(k, v) for k, v in form_fields(form) if k != "code"] + [("code", code)]
    return client.post(path, data=fields, allow_redirects=False)


def test_changing_the_password_ends_the_other_sessions(base_url, create_user):
    username, password = create_user("pw")
    with Client(base_url) as here, Client(base_url) as elsewhere:
        here.sign_in(username, password)
        elsewhere.sign_in(username, password)
        page = here.get("/account").text
        token = csrf_token(page, "/account/password")
        wrong = here.post("/account/password", data={"_csrf": token, "current_password": "not-my-password", "new_password": "nieuw-wachtwoord-1",
                                                      "repeat_password": "nieuw-wachtwoord-1"}, allow_redirects=False)
        assert wrong.status_code == 422
        assert parse(wrong.text).find("input", id="f-current_password").attrs.get("aria-invalid") == "true"
        assert elsewhere.get("/tasks", allow_redirects=False).status_code == 200
        r = here.post("/account/password", data={"_csrf": token, "current_password": password, "new_password": "nieuw-wachtwoord-1",
                                                 "repeat_password": "nieuw-wachtwoord-1"}, allow_redirects=False)
        assert r.status_code == 303 and r.headers["Location"] == "/account?done=password"
        assert here.get("/tasks", allow_redirects=False).status_code == 200, "this session stays"
        r = elsewhere.get("/tasks", allow_redirects=False)
        assert r.status_code == 303 and r.headers["Location"].startswith("/login"), "the other one ended"
    with Client(base_url) as c:
        assert c.try_sign_in(username, password).status_code == 422
        assert c.try_sign_in(username, "nieuw-wachtwoord-1").status_code == 303


def test_two_step_sign_in_refuses_a_replayed_code_and_locks_after_guessing(base_url, create_user):
    username, password = create_user("tfa")
    with Client(base_url) as c:
        c.sign_in(username, password)
        secret, codes = enable_two_factor(c)
    assert len(codes) == 10
    # Wait for a fresh 30-second step so the code below was never used.
    time.sleep(30 - time.time() % 30 + 0.5)
    code = totp(secret)
    with Client(base_url) as c:
        r = c.try_sign_in(username, password)
        assert r.status_code == 303 and r.headers["Location"] == "/login/code"
        assert not c.cookies.get(SESSION_COOKIE), "no session before the code"
        assert c.cookies.get(CHALLENGE_COOKIE)
        r = code_step(c, code)
        assert r.status_code == 303 and r.headers["Location"] == "/leads"
        assert c.get("/tasks", allow_redirects=False).status_code == 200
    # The same code again (someone looking over a shoulder, who knows the password): refused.
    with Client(base_url) as attacker:
        assert attacker.try_sign_in(username, password).status_code == 303
        r = code_step(attacker, code)
        assert r.status_code == 422
        assert not attacker.cookies.get(SESSION_COOKIE)
        # Guessing: four more wrong codes make five failures; the account waits, and even the
        # right code (or a recovery code) opens nothing now.
        for n in range(4):
            guess = str((int(code) + 1 + n) % 1_000_000).zfill(6)
            r = code_step(attacker, guess)
            assert r.status_code == 422, (n, r.status_code)
        r = code_step(attacker, totp(secret, at=time.time() + 30))
        assert r.status_code in (303, 422) and not attacker.cookies.get(SESSION_COOKIE)
        r = code_step(attacker, codes[0])
        assert not attacker.cookies.get(SESSION_COOKIE)
    with Client(base_url) as owner:
        assert owner.try_sign_in(username, password).status_code == 422, "the account waits a quarter of an hour"


def test_a_session_id_planted_before_sign_in_is_never_used(base_url, create_user):
    username, password = create_user("fix")
    planted = secrets.token_urlsafe(32)[:43]
    with Client(base_url) as victim:
        victim.cookies.set(SESSION_COOKIE, planted)
        r = victim.try_sign_in(username, password)
        assert r.status_code == 303
        issued = r.cookies.get(SESSION_COOKIE)
        assert issued and issued != planted
    with Client(base_url) as attacker:
        attacker.cookies.set(SESSION_COOKIE, planted)
        r = attacker.get("/tasks", allow_redirects=False)
        assert r.status_code == 303 and r.headers["Location"].startswith("/login")


def test_the_audit_list_shows_sign_ins_and_failures_to_admins_only(base_url, create_user, signed_in):
    username, password = create_user("audit")
    with Client(base_url) as c:
        assert c.try_sign_in(username, "wrong-password!").status_code == 422
        c.sign_in(username, password)
        assert c.get("/admin/security", allow_redirects=False).status_code == 403
    admin = signed_in("admin")
    rows = [tr.text for tr in parse(admin.get("/admin/security").text).find_all("tr")]
    mine = [r for r in rows if f"Test {username}" in r]
    assert any("Verkeerd wachtwoord" in r for r in mine), mine
    assert any("Aangemeld" in r for r in mine), mine
    refused = parse(admin.get("/admin/security?failures=1").text).find_all("tr", class_="refused")
    assert any(f"Test {username}" in tr.text for tr in refused)
