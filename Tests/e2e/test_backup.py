"""Backup and restore (issue 15, point 3) through the real stack: clients keep writing comments
and uploading documents through nginx while `showroom backup` runs; the backup is then
restored into a fresh location, a second stack is started on it, and every write that was
acknowledged before the backup started is found there — comments on their lead pages, each
document downloaded through nginx with its exact bytes. A restore over a live database is
refused and leaves it serving.

These tests run their own stacks on ports 18300-18319, on a database of their own."""
import hashlib
import os
import sqlite3
import subprocess
import threading
import time
import uuid

import pytest

from helpers import SESSION_COOKIE, Client, csrf_token, form_fields, parse

BACKUP_PORTS = range(18300, 18320)


def start(binary, workdir, database, name, **kwargs):
    from conftest import start_stack
    return start_stack(binary, workdir, database, name, ports=BACKUP_PORTS, **kwargs)


@pytest.fixture(scope="module")
def live(binary, workdir):
    """A stack on a database of its own (80 demo leads), with its documents beside it."""
    d = os.path.join(workdir, "backup-live")
    os.makedirs(d, exist_ok=True)
    db = os.path.join(d, "showroom.sqlite")
    r = subprocess.run([binary, "demo", "--leads", "80", "--database", db], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    s = start(binary, workdir, db, "stack-backup-live")
    yield s
    s.stop()


def query(db, sql, *args):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


class Writer(threading.Thread):
    """One signed-in client that, until stopped, comments on a lead and uploads a small text
    document to it, in turn; remembers each write the server acknowledged (303), with when."""

    def __init__(self, url, leads, n):
        super().__init__(daemon=True)
        self.client = Client(url).sign_in("admin")
        self.leads, self.n = leads, n
        self.stop = threading.Event()
        self.comments = []   # (lead, body, acknowledged at)
        self.documents = []  # (lead, title, sha256, acknowledged at)
        self.errors = []

    def run(self):
        i = 0
        try:
            while not self.stop.is_set():
                i += 1
                lead = self.leads[(i * 7 + self.n) % len(self.leads)]
                page = self.client.get(f"/leads/{lead}")
                body = f"back-up {self.n}-{i} {uuid.uuid4().hex[:8]}"
                token = csrf_token(page.text, f"/leads/{lead}/comments")
                r = self.client.post(f"/leads/{lead}/comments", data={"_csrf": token, "body": body}, allow_redirects=False)
                if r.status_code != 303:
                    self.errors.append(("comment", r.status_code))
                    continue
                self.comments.append((lead, body, time.time()))
                data = (f"Notitie {body}\n" * (50 + i % 200)).encode()
                form = parse(page.text).find("form", action=f"/leads/{lead}/documents")
                fields = [(k, v) for k, v in form_fields(form) if k != "title"] + [("title", body)]
                r = self.client.post(f"/leads/{lead}/documents", data=fields, files=[("files", (f"n{i}.txt", data, "text/plain"))],
                                     allow_redirects=False, timeout=60)
                if r.status_code != 303:
                    self.errors.append(("upload", r.status_code))
                    continue
                self.documents.append((lead, body, hashlib.sha256(data).hexdigest(), time.time()))
        except Exception as e:  # noqa: BLE001 - reported by the test
            self.errors.append(("exception", repr(e)))


def test_a_backup_under_write_load_restores_every_acknowledged_write(binary, workdir, live):
    leads = [r[0] for r in query(live.database, "SELECT id FROM leads ORDER BY id LIMIT 40")]
    writers = [Writer(live.url, leads, n) for n in range(4)]
    for w in writers:
        w.start()
    time.sleep(1.5)  # writes are flowing
    target = os.path.join(workdir, "backups", "under-load")
    started = time.time()
    r = subprocess.run([binary, "backup", "--database", live.database, "--documents", live.documents, "--to", target, "--verify"],
                       capture_output=True, text=True, timeout=300)
    finished = time.time()
    time.sleep(1.0)  # and keep flowing after it
    for w in writers:
        w.stop.set()
    for w in writers:
        w.join(timeout=60)
    assert r.returncode == 0, r.stderr
    assert "integrity ok" in r.stdout and "verified" in r.stdout, r.stdout
    for w in writers:
        assert not w.errors, w.errors
    during = sum(1 for w in writers for c in w.comments if started <= c[2] <= finished)
    assert sum(len(w.comments) for w in writers) > 20, "the writers wrote"
    assert len(os.listdir(os.path.dirname(target))) == 1, "no partial folder beside the backup"

    # Restored into a fresh location, served by a second stack.
    fresh = os.path.join(workdir, "restored")
    restored_db, restored_docs = os.path.join(fresh, "db", "showroom.sqlite"), os.path.join(fresh, "documents")
    old_cookie = writers[0].client.cookies.get(SESSION_COOKIE)
    r = subprocess.run([binary, "restore", "--from", target, "--database", restored_db, "--documents", restored_docs],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert query(restored_db, "PRAGMA integrity_check") == [("ok",)]
    second = start(binary, workdir, restored_db, "stack-backup-restored", documents=restored_docs)
    try:
        # Sessions were not restored: the old cookie leads to the sign-in page.
        stranger = Client(second.url)
        stranger.cookies.set(SESSION_COOKIE, old_cookie)
        assert stranger.get("/leads", allow_redirects=False).status_code == 303
        c = Client(second.url).sign_in("admin")
        before = [x for w in writers for x in w.comments if x[2] < started]
        assert len(before) >= 4
        kept = set(query(restored_db, "SELECT lead_id, body FROM comments"))
        for lead, body, _ in before:
            assert (lead, body) in kept, f"comment acknowledged before the backup is missing: {body}"
        lead, body, _ = before[-1]
        assert body in c.get(f"/leads/{lead}").text, "and the page shows it"
        docs_before = [x for w in writers for x in w.documents if x[3] < started]
        assert docs_before
        titles = {t: (lead, sha) for lead, t, sha, _ in (x for w in writers for x in w.documents)}
        restored = query(restored_db, "SELECT id, lead_id, title, sha256 FROM documents")
        by_title = {row[2]: row for row in restored}
        for lead, title, sha, _ in docs_before:
            assert title in by_title, f"document acknowledged before the backup is missing: {title}"
        # Every document of the restored database downloads with its exact bytes: no row
        # without its file, and each file is the one the writer sent.
        for doc_id, lead, title, sha in restored:
            got = c.get(f"/documents/{doc_id}")
            assert got.status_code == 200, (doc_id, got.status_code)
            assert hashlib.sha256(got.content).hexdigest() == sha
            if title in titles:
                assert titles[title] == (lead, sha)
        files = {d + n for d in os.listdir(restored_docs) if len(d) == 2 for n in os.listdir(os.path.join(restored_docs, d))}
        assert files == {row[3] for row in restored}, "no file without its row"
        # The restored installation takes new writes.
        page = c.get(f"/leads/{leads[0]}")
        token = csrf_token(page.text, f"/leads/{leads[0]}/comments")
        assert c.post(f"/leads/{leads[0]}/comments", data={"_csrf": token, "body": "na het herstel"}, allow_redirects=False).status_code == 303
    finally:
        second.stop()
    print(f"backup took {finished - started:.2f} s with {during} comments acknowledged meanwhile")


def test_restore_refuses_a_live_database_and_it_keeps_serving(binary, workdir, live):
    target = os.path.join(workdir, "backups", "refusal")
    r = subprocess.run([binary, "backup", "--database", live.database, "--documents", live.documents, "--to", target],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    size = os.path.getsize(live.database)
    r = subprocess.run([binary, "restore", "--from", target, "--database", live.database, "--documents", os.path.join(workdir, "elsewhere")],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 1
    assert "refusing to restore" in r.stderr and live.database in r.stderr, r.stderr
    assert not os.path.exists(os.path.join(workdir, "elsewhere"))
    r = subprocess.run([binary, "restore", "--from", target, "--database", os.path.join(workdir, "x.sqlite"), "--documents", live.documents],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and "not empty" in r.stderr, r.stderr
    assert not os.path.exists(os.path.join(workdir, "x.sqlite"))
    # A second backup into the same folder is refused too.
    r = subprocess.run([binary, "backup", "--database", live.database, "--documents", live.documents, "--to", target],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and "not empty" in r.stderr, r.stderr
    assert os.path.getsize(live.database) >= size
    assert Client(live.url).sign_in("admin").get("/leads").status_code == 200
