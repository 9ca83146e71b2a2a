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
