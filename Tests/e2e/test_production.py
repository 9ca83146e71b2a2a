"""The production install (issue 15, point 6), tried as far as a test machine allows:
nginx/showroom-tls.conf.example is checked by `nginx -t` and then run, with a self-signed
certificate, in front of a running responder — plain http redirects to https, HSTS is on every
answer (a document download included), the cookies carry the `__Host-` prefix and `Secure`, a
document is uploaded and downloaded with `Cache-Control: no-store`; the systemd units pass
`systemd-analyze verify` without a warning; the log rotation passes `logrotate -d`."""
import os
import re
import shutil
import subprocess

import pytest
import requests

from helpers import csrf_token, form_fields, parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
HTTP_PORT, HTTPS_PORT = 18481, 18444


@pytest.fixture(scope="module")
def tls_site(stack, workdir):
    d = os.path.join(workdir, "tls-site")
    os.makedirs(os.path.join(d, "logs"), exist_ok=True)
    for sub in ("body", "fastcgi", "proxy", "uwsgi", "scgi"):
        os.makedirs(os.path.join(d, "tmp", sub), exist_ok=True)
    cert, key = os.path.join(d, "cert.pem"), os.path.join(d, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
                    "-subj", "/CN=showroom.example.be", "-addext", "subjectAltName=IP:127.0.0.1,DNS:showroom.example.be"], check=True, capture_output=True)
    with open(os.path.join(ROOT, "nginx", "showroom-tls.conf.example")) as f:
        site = f.read()
    replacements = [
        ("listen 80;", f"listen 127.0.0.1:{HTTP_PORT};"), ("listen 443 ssl http2;", f"listen 127.0.0.1:{HTTPS_PORT} ssl http2;"),
        ("/etc/letsencrypt/live/showroom.example.be/fullchain.pem", cert), ("/etc/letsencrypt/live/showroom.example.be/privkey.pem", key),
        ("/var/log/showroom", os.path.join(d, "logs")), ("/run/showroom/showroom.sock", stack.socket),
        ("/var/lib/showroom/documents", stack.documents), ("/var/spool/showroom-uploads", stack.upload_bodies),
        ("/usr/local/share/showroom/www", os.path.join(ROOT, "www")),
    ]
    for old, new in replacements:
        assert old in site, f"the example no longer has {old!r}: update this test"
        site = site.replace(old, new)
    site = "\n".join(line for line in site.splitlines() if "listen [::]" not in line)
    with open(os.path.join(d, "site.conf"), "w") as f:
        f.write(site)
    # The same worker user as the stack's own nginx: nginx gives its temporary folders (the
    # upload bodies' one is shared with the stack) to its worker user when it starts.
    with open(os.path.join(stack.workdir, "nginx.conf")) as f:
        user = next((line for line in f.read().splitlines() if line.startswith("user ")), "")
    main = os.path.join(d, "nginx.conf")
    with open(main, "w") as f:
        f.write(f"""{user}
worker_processes 1;
pid {d}/nginx.pid;
error_log {d}/logs/main-error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path {d}/tmp/body;
    fastcgi_temp_path {d}/tmp/fastcgi;
    proxy_temp_path {d}/tmp/proxy;
    uwsgi_temp_path {d}/tmp/uwsgi;
    scgi_temp_path {d}/tmp/scgi;
    include {d}/site.conf;
}}
""")
    check = subprocess.run(["nginx", "-t", "-p", d, "-c", main, "-e", os.path.join(d, "logs", "main-error.log")], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    assert "syntax is ok" in check.stderr and "test is successful" in check.stderr, check.stderr
    subprocess.run(["nginx", "-p", d, "-c", main, "-e", os.path.join(d, "logs", "main-error.log")], check=True)
    try:
        yield f"https://127.0.0.1:{HTTPS_PORT}", cert
    finally:
        with open(os.path.join(d, "nginx.pid")) as f:
            pid = int(f.read().strip())
        subprocess.run(["kill", "-QUIT", str(pid)])


@pytest.fixture
def tls(tls_site):
    """A client that trusts the test certificate (and checks it, host name included)."""
    s = requests.Session()
    s.trust_env = False  # REQUESTS_CA_BUNDLE in the environment would win over `verify`
    s.verify = tls_site[1]
    yield s
    s.close()


def test_plain_http_is_redirected_to_https(tls_site):
    r = requests.get(f"http://127.0.0.1:{HTTP_PORT}/leads?status=won", allow_redirects=False, timeout=10)
    assert r.status_code == 301
    assert r.headers["Location"] == "https://127.0.0.1/leads?status=won"


def test_https_has_hsts_host_cookies_and_documents_are_not_stored(tls_site, tls, db_query):
    tls_site = tls_site[0]
    login = tls.get(tls_site + "/login", timeout=10)
    assert login.status_code == 200
    assert login.headers["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains"
    form_cookie = login.headers["Set-Cookie"]
    assert form_cookie.startswith("__Host-showroom_signin=") and "Secure" in form_cookie and "Path=/" in form_cookie and "Domain" not in form_cookie
    token = csrf_token(login.text, "/login")
    r = tls.post(tls_site + "/login", data={"_csrf": token, "username": "admin", "password": "showroom-demo", "next": ""}, allow_redirects=False, timeout=30)
    assert r.status_code == 303, r.status_code
    session = next(v for k, v in r.raw.headers.items() if k.lower() == "set-cookie" and v.startswith("__Host-showroom_session="))
    assert "Secure" in session and "HttpOnly" in session and "Path=/" in session
    assert r.headers["Strict-Transport-Security"].startswith("max-age=63072000")
    # The static files and nginx's own answers carry HSTS too.
    assert tls.get(tls_site + "/static/showroom.css", timeout=10).headers["Strict-Transport-Security"].startswith("max-age=")
    assert tls.get(tls_site + "/no/such/page", timeout=10).headers["Strict-Transport-Security"].startswith("max-age=")

    # An upload through the TLS site's upload location, then its download.
    lead = db_query("SELECT id FROM leads ORDER BY id LIMIT 1")[0][0]
    page = tls.get(f"{tls_site}/leads/{lead}", timeout=10).text
    form = parse(page).find("form", action=f"/leads/{lead}/documents")
    fields = [(k, v) for k, v in form_fields(form) if k != "title"] + [("title", "Via https")]
    up = tls.post(f"{tls_site}/leads/{lead}/documents", data=fields, files=[("files", ("https.txt", b"Over TLS\n" * 20, "text/plain"))],
                  allow_redirects=False, timeout=60)
    assert up.status_code == 303, (up.status_code, up.text[:300])
    doc = db_query("SELECT max(id) FROM documents WHERE lead_id = ? AND title = 'Via https'", lead)[0][0]
    got = tls.get(f"{tls_site}/documents/{doc}", timeout=10)
    assert got.status_code == 200 and got.content == b"Over TLS\n" * 20
    assert got.headers["Cache-Control"] == "no-store"
    assert got.headers["Strict-Transport-Security"].startswith("max-age=")
    assert got.headers["Content-Security-Policy"] == "sandbox; default-src 'none'"


def test_systemd_units_verify_without_warnings(tmp_path, binary):
    assert shutil.which("systemd-analyze"), "systemd-analyze is missing (scripts/install-deps.sh installs systemd)"
    for name in ("showroom.service", "showroom-backup.service", "showroom-backup.timer"):
        with open(os.path.join(ROOT, "deploy", "systemd", name)) as f:
            unit = f.read().replace("/usr/local/bin/showroom", binary)
        (tmp_path / name).write_text(unit)
    r = subprocess.run(["systemd-analyze", "verify"] + [str(tmp_path / n) for n in ("showroom.service", "showroom-backup.service", "showroom-backup.timer")],
                       capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    complaints = [l for l in r.stderr.splitlines() if re.search(r"showroom", l) and re.search(r"Unknown|ignoring|invalid|Failed|not executable", l, re.I)]
    assert not complaints, complaints
    unit = (tmp_path / "showroom.service").read_text()
    for setting in ("User=showroom", "ProtectSystem=strict", "PrivateTmp=yes", "NoNewPrivileges=yes", "ReadWritePaths=/var/lib/showroom /run/showroom"):
        assert setting in unit


def test_log_rotation_config_is_accepted(tmp_path):
    assert shutil.which("logrotate"), "logrotate is missing (scripts/install-deps.sh installs it)"
    conf = tmp_path / "showroom"
    shutil.copy(os.path.join(ROOT, "deploy", "logrotate", "showroom"), conf)
    os.chmod(conf, 0o644)
    r = subprocess.run(["logrotate", "-d", "-s", str(tmp_path / "state"), str(conf)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    out = r.stdout + r.stderr
    assert "rotating pattern: /var/log/showroom/*.log" in out and "error" not in out.lower(), out
