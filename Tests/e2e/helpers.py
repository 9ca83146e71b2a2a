"""Small helpers shared by the end-to-end tests: an HTML tree parser, form reading,
CSP parsing and signing in through the real form."""
import re
from html.parser import HTMLParser

import requests

DEMO_PASSWORD = "showroom-demo"
SESSION_COOKIE = "showroom_session"
LEAD_CODE = re.compile(r"L-\d{4}-\d{6}")

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def iter(self):
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.iter()

    def find_all(self, tag=None, **attrs):
        """Elements below this one with this tag and these attribute values (`class_` for
        class; a value of True only asks that the attribute exists)."""
        out = []
        for n in self.iter():
            if tag and n.tag != tag:
                continue
            ok = True
            for k, v in attrs.items():
                k = k.rstrip("_").replace("_", "-")
                have = n.attrs.get(k)
                if v is True:
                    ok = ok and k in n.attrs
                elif k == "class":
                    ok = ok and v in (have or "").split()
                else:
                    ok = ok and have == v
            if ok:
                out.append(n)
        return out

    def find(self, tag=None, **attrs):
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    def ancestor(self, tag):
        n = self.parent
        while n is not None and n.tag != tag:
            n = n.parent
        return n

    @property
    def text(self):
        parts = []
        for c in self.children:
            parts.append(c.text if isinstance(c, Node) else c)
        return " ".join(" ".join(parts).split())

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>"


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, [(k, v if v is not None else "") for k, v in attrs], self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, [(k, v if v is not None else "") for k, v in attrs], self.current))

    def handle_endtag(self, tag):
        n = self.current
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.current = n.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html):
    b = _TreeBuilder()
    b.feed(html)
    b.close()
    return b.root


def form_fields(form):
    """The values a browser would submit for a <form> node (inputs and selected options)."""
    fields = []
    for n in form.iter():
        name = n.attrs.get("name")
        if not name or "disabled" in n.attrs:
            continue
        if n.tag == "input":
            kind = n.attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in n.attrs:
                continue
            if kind in ("submit", "button", "image", "file"):
                continue
            fields.append((name, n.attrs.get("value", "on" if kind in ("checkbox", "radio") else "")))
        elif n.tag == "select":
            options = n.find_all("option")
            chosen = [o for o in options if "selected" in o.attrs] or options[:1]
            for o in chosen:
                fields.append((name, o.attrs.get("value", o.text)))
        elif n.tag == "textarea":
            fields.append((name, n.text))
    return fields


def csrf_token(html, action=None):
    """The `_csrf` hidden field of the form posting to `action` (or the first one)."""
    root = parse(html)
    for form in root.find_all("form"):
        if action is None or form.attrs.get("action") == action:
            field = form.find("input", name="_csrf")
            if field is not None:
                return field.attrs["value"]
    raise AssertionError(f"no _csrf field in a form for {action!r}")


def alert_text(html):
    node = parse(html).find(role="alert")
    return node.text if node is not None else None


def parse_csp(value):
    directives = {}
    for part in value.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


# The security headers of pages (the responder's and nginx's own answers) and of the
# documents nginx serves from /_files/.
PAGE_SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options",
                         "Cross-Origin-Opener-Policy", "Permissions-Policy")
FILE_SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options",
                         "Cross-Origin-Resource-Policy")


def header_values(r, name):
    """Every value of a header as it came over the wire (requests joins repeated ones with
    a comma, which would hide a doubled header)."""
    return r.raw.headers.getlist(name)


def assert_each_header_once(r, names=PAGE_SECURITY_HEADERS):
    """Each header is sent exactly once; returns {name: value}."""
    seen = {}
    for name in names:
        values = header_values(r, name)
        assert len(values) == 1, f"{name} on {r.request.method} {r.url} ({r.status_code}): {values}"
        seen[name] = values[0]
    return seen


def nav_links(html):
    """(href, text) of the links in the top bar's main navigation."""
    header = parse(html).find("header", class_="topbar")
    nav = header.find("nav") if header is not None else None
    return [(a.attrs.get("href"), a.text) for a in nav.find_all("a")] if nav is not None else []


def lead_rows(html):
    """The leads overview's table as a list of {column heading: cell text}."""
    table = parse(html).find("table", class_="leads")
    if table is None:
        return []
    headings = [th.text for th in table.find("thead").find_all("th")]
    rows = []
    for tr in table.find("tbody").find_all("tr"):
        cells = [td.text for td in tr.find_all("td")]
        rows.append(dict(zip(headings, cells)))
    return rows


class Client(requests.Session):
    """A requests session bound to one site; relative paths are joined to its base URL."""

    def __init__(self, base_url):
        super().__init__()
        self.base_url = base_url.rstrip("/")

    def request(self, method, url, *args, **kwargs):
        if url.startswith("/"):
            url = self.base_url + url
        kwargs.setdefault("timeout", 15)
        return super().request(method, url, *args, **kwargs)

    def csrf(self, path="/leads", action=None):
        """The session's CSRF token, read from a page's form the way a browser gets it."""
        r = self.get(path)
        assert r.status_code == 200, f"GET {path}: {r.status_code}"
        return csrf_token(r.text, action)

    def try_sign_in(self, username, password, next_path="", extra_headers=None):
        """Fills in and posts the sign-in form; returns the POST's response (no redirects followed)."""
        page = self.get("/login")
        assert page.status_code == 200, page.status_code
        token = csrf_token(page.text, "/login")
        return self.post("/login", data={"_csrf": token, "username": username, "password": password, "next": next_path},
                         allow_redirects=False, headers=extra_headers or {})

    def sign_in(self, username, password=DEMO_PASSWORD):
        r = self.try_sign_in(username, password)
        assert r.status_code == 303, f"sign-in of {username} answered {r.status_code}"
        assert self.cookies.get(SESSION_COOKIE), "no session cookie after sign-in"
        return self


def totp(secret, at=None, step=30, digits=6):
    """The RFC 6238 code of a base32 `secret` (spaces allowed) at `at` (default now): what an
    authenticator app shows."""
    import base64
    import hashlib
    import hmac
    import struct
    import time
    key = secret.replace(" ", "").upper()
    key = base64.b32decode(key + "=" * (-len(key) % 8))
    mac = hmac.new(key, struct.pack(">Q", int((time.time() if at is None else at) // step)), hashlib.sha1).digest()
    o = mac[-1] & 15
    return str((struct.unpack(">I", mac[o:o + 4])[0] & 0x7FFFFFFF) % 10 ** digits).zfill(digits)


def enable_two_factor(client):
    """Turns two-step sign-in on for a signed-in Client through its account page; returns
    (secret, recovery codes)."""
    token = csrf_token(client.get("/account").text, "/account/two-factor/start")
    r = client.post("/account/two-factor/start", data={"_csrf": token}, allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == "/account/two-factor", r.status_code
    page = client.get("/account/two-factor").text
    secret = parse(page).find("code", class_="secret").text
    token = csrf_token(page, "/account/two-factor")
    r = client.post("/account/two-factor", data={"_csrf": token, "code": totp(secret)}, allow_redirects=False)
    assert r.status_code == 200, (r.status_code, r.text[:300])
    codes = [c.text for c in parse(r.text).find("ol", class_="recovery-codes").find_all("code")]
    return secret, codes
