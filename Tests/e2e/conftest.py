"""Fixtures for the end-to-end tests: the debug binary (built by `make test-e2e` before
pytest runs: nothing is built here), a demo database with 400 leads in a temporary work
directory, and stacks (responder + private nginx, from scripts/stack.py) on ports
18080-18099, stopped at the end of the session."""
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
sys.path.insert(0, HERE)

from stack import Stack  # noqa: E402

from helpers import DEMO_PASSWORD, Client  # noqa: E402

PORTS = range(18080, 18100)
_taken_ports = set()


def free_port(ports=PORTS):
    """A port of `ports` (default 18080-18099) that nothing listens on and no stack of this
    session uses."""
    for port in ports:
        if port in _taken_ports:
            continue
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
        _taken_ports.add(port)
        return port
    raise RuntimeError(f"no free port in {ports.start}-{ports.stop - 1}")


@pytest.fixture(scope="session")
def binary():
    out = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()
    path = os.path.join(out, "showroom")
    assert os.access(path, os.X_OK), f"{path} is missing: run `swift build` first (make test-e2e does)"
    return path


@pytest.fixture(scope="session")
def workdir(request):
    path = tempfile.mkdtemp(prefix="showroom-e2e-")
    os.chmod(path, 0o755)  # nginx's workers (www-data) must reach the socket and their temp dirs
    yield path
    if request.session.testsfailed or os.environ.get("SHOWROOM_E2E_KEEP"):
        print(f"\ne2e work directory kept for inspection: {path}")
    else:
        shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def database(binary, workdir):
    path = os.path.join(workdir, "db.sqlite")
    r = subprocess.run([binary, "demo", "--leads", "400", "--database", path], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, f"showroom demo failed ({r.returncode}):\n{r.stdout}\n{r.stderr}"
    return path


def start_stack(binary, workdir, database, name, ports=PORTS, **kwargs):
    """Starts a stack (responder + private nginx) in `workdir/name` on a free port of `ports`;
    a high sign-in rate and 4 threads unless told otherwise. The caller stops it."""
    kwargs.setdefault("login_rate", "100r/s")
    kwargs.setdefault("threads", 4)
    d = os.path.join(workdir, name)
    os.makedirs(d, exist_ok=True)
    os.chmod(d, 0o755)
    s = Stack(d, free_port(ports), database, binary, **kwargs)
    try:
        s.start()
    except Exception:
        s.stop()
        raise
    return s


@pytest.fixture(scope="session")
def make_stack(binary, workdir, database):
    """Starts an extra stack (own port, own responder and socket, the same database unless
    `database=` names another one)."""
    started = []

    def make(name, database=database, **kwargs):
        s = start_stack(binary, workdir, database, name, **kwargs)
        started.append(s)
        return s

    yield make
    for s in reversed(started):
        s.stop()
        _taken_ports.discard(s.port)


@pytest.fixture(scope="session")
def stack(make_stack):
    """The main stack most tests use: a high sign-in rate so tests are not throttled."""
    return make_stack("main", login_rate="100r/s", threads=6)


@pytest.fixture(scope="session")
def base_url(stack):
    return stack.url


@pytest.fixture(scope="session")
def fcgi_socket(stack):
    return stack.socket


@pytest.fixture
def client(base_url):
    """A fresh, signed-out browser-like session."""
    with Client(base_url) as c:
        yield c


@pytest.fixture
def signed_in(base_url):
    """`signed_in("sofie")` gives a requests session signed in through the real form."""
    sessions = []

    def make(username, password=DEMO_PASSWORD, url=None):
        c = Client(url or base_url)
        sessions.append(c)
        return c.sign_in(username, password)

    yield make
    for c in sessions:
        c.close()


@pytest.fixture(scope="session")
def db_query(database):
    """Runs a read-only query on the demo database: db_query(sql, *args) -> rows."""

    def run(sql, *args):
        con = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=10)
        try:
            return con.execute(sql, args).fetchall()
        finally:
            con.close()

    return run


@pytest.fixture(scope="session")
def user_id(db_query):
    def lookup(username):
        rows = db_query("SELECT id FROM users WHERE username = ?", username)
        assert rows, f"no user {username}"
        return rows[0][0]

    return lookup


@pytest.fixture(scope="session")
def create_user(binary, database):
    """Creates a user from the command line (`showroom user create`): for tests that lock or
    deactivate an account, so the demo users stay usable. Returns the new id."""
    counter = [0]

    def create(prefix, password="correct-horse-battery"):
        counter[0] += 1
        username = f"{prefix}{os.getpid()}x{counter[0]}"
        r = subprocess.run([binary, "user", "create", "--database", database, "--username", username, "--name", f"Test {username}",
                            "--password-stdin"], input=password + "\n", cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, r.stderr
        return username, password

    return create


@pytest.fixture(scope="session")
def admin_create_user(base_url):
    """Creates a user the way an admin does, through the /admin/users form (a profile and
    branches). Returns (username, password, id)."""
    from helpers import form_fields, parse

    counter = [0]
    with Client(base_url) as admin:
        admin.sign_in("admin")

        def create(prefix, profile="Verkoper", branches=(1,), password="correct-horse-battery"):
            counter[0] += 1
            username = f"{prefix}{os.getpid()}y{counter[0]}"
            page = parse(admin.get("/admin/users").text)
            form = page.find("form", action="/admin/users")
            fields = [(k, v) for k, v in form_fields(form) if k not in ("username", "display_name", "password", "profile", "branch")]
            profile_id = next(o.attrs["value"] for o in form.find("select", name="profile").find_all("option") if o.text == profile)
            fields += [("username", username), ("display_name", f"Test {username}"), ("password", password), ("profile", profile_id)]
            fields += [("branch", str(b)) for b in branches]
            r = admin.post("/admin/users", data=fields, allow_redirects=False)
            assert r.status_code == 303, (r.status_code, r.text[:500])
            new_id = int(r.headers["Location"].split("/")[3].split("?")[0])
            return username, password, new_id

        yield create


# --- E-mail (issue 12): a real SMTP server on loopback, and a stack that delivers to it -------

class SmtpSink:
    """aiosmtpd on 127.0.0.1 that keeps every message it accepts (envelope and the exact bytes).
    `mode` decides its answer to each recipient: "accept", "temporary" (451) or "permanent" (550).
    `stop()` takes it off the port (connections are then refused); `start()` puts it back."""

    def __init__(self, port):
        import threading
        self.port = port
        self.mode = "accept"
        self.messages = []
        self.refused = 0
        self.lock = threading.Lock()
        self.controller = None

    # aiosmtpd handler hooks
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.mode == "temporary":
            self.refused += 1
            return "451 4.3.0 Mailbox busy, try again later (test sink)"
        if self.mode == "permanent":
            self.refused += 1
            return "550 5.1.1 No such mailbox here (test sink)"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append({"mail_from": envelope.mail_from, "rcpt_tos": list(envelope.rcpt_tos),
                                  "content": envelope.original_content or envelope.content})
        return "250 2.0.0 Message accepted for delivery"

    def start(self):
        from aiosmtpd.controller import Controller
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port, data_size_limit=64 * 1024 * 1024)
        self.controller.start()
        return self

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def received(self):
        with self.lock:
            return list(self.messages)

    def wait_for(self, predicate, timeout=30):
        import time
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = [m for m in self.received() if predicate(m)]
            if found:
                return found
            time.sleep(0.1)
        return []


@pytest.fixture(scope="session")
def smtp_sink():
    sink = SmtpSink(free_port(range(18100, 18120))).start()
    yield sink
    sink.stop()


@pytest.fixture(scope="session")
def mail_database(database, workdir):
    """A copy of the demo database for the mail tests: its outbox and SMTP settings are theirs
    alone (every responder on a database delivers its outbox)."""
    d = os.path.join(workdir, "mail")
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, "db.sqlite")
    src = sqlite3.connect(database)
    dst = sqlite3.connect(path)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    return path


MAIL_RESPONDER_ARGS = ("--mail-retry-seconds", "1", "--mail-retry-max-seconds", "2")


@pytest.fixture(scope="session")
def mail_stack(make_stack, mail_database, smtp_sink):
    """A stack on its own copy of the demo data whose SMTP settings (set by the admin through
    /settings/mail) point at the sink; retries after 1-2 s so the tests see them."""
    from helpers import form_fields, parse

    s = make_stack("mailstack", database=mail_database, responder_args=MAIL_RESPONDER_ARGS)
    with Client(s.url) as admin:
        admin.sign_in("admin")
        page = admin.get("/settings/mail")
        form = parse(page.text).find("form", action="/settings/mail")
        fields = dict(form_fields(form))
        fields.update({"host": "127.0.0.1", "port": str(smtp_sink.port), "security": "none", "username": "", "password": "",
                       "sender_address": "verkoop@autohuis-demo.be", "sender_name": "Autohuis Demo"})
        r = admin.post("/settings/mail", data=fields, allow_redirects=False)
        assert r.status_code == 303, r.text[-500:]
    return s
