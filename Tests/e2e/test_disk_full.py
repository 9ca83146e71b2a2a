"""A full disk (issue 15, point 2), through nginx: the documents folder and the database each live
on a small tmpfs of their own, filled up by a filler file. An upload is refused with the 507
page and leaves no file and no row; a comment on a full database disk gets the 507 page, is not
half-written, and the database stays intact; the lead page keeps working throughout; once the
filler is removed, the same writes succeed. Mounting a tmpfs needs root (CI runs as root)."""
import os
import shutil
import subprocess

import pytest

from helpers import Client, csrf_token, form_fields, parse

DISK_PORTS = range(18330, 18340)


def mount(path, size):
    os.makedirs(path, exist_ok=True)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", path], capture_output=True, text=True)
    assert r.returncode == 0, f"cannot mount a tmpfs for the disk-full test (root needed): {r.stderr}"


def fill(path, leave):
    """Fills the file system of `path` up to `leave` bytes free (with one filler file)."""
    st = os.statvfs(path)
    free = st.f_bavail * st.f_frsize
    with open(os.path.join(path, "filler"), "ab") as f:
        f.write(b"\0" * max(0, free - leave))
    return os.path.join(path, "filler")


@pytest.fixture(scope="module")
def full_stack(binary, workdir):
    from conftest import start_stack
    d = os.path.join(workdir, "disk-full")
    docs, dbdir = os.path.join(d, "documents-fs"), os.path.join(d, "database-fs")
    os.makedirs(d, exist_ok=True)
    seed = os.path.join(d, "seed.sqlite")
    r = subprocess.run([binary, "demo", "--leads", "20", "--database", seed], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    mount(docs, "4m")
    mount(dbdir, "24m")
    s = None
    try:
        shutil.copy(seed, os.path.join(dbdir, "showroom.sqlite"))
        s = start_stack(binary, workdir, os.path.join(dbdir, "showroom.sqlite"), "stack-disk-full", ports=DISK_PORTS,
                        documents=os.path.join(docs, "store"), threads=2)
        yield s
    finally:
        if s:
            s.stop()
        for p in (docs, dbdir):
            subprocess.run(["umount", p])


def lead_of(s):
    import sqlite3
    con = sqlite3.connect(f"file:{s.database}?mode=ro", uri=True)
    try:
        return con.execute("SELECT id FROM leads ORDER BY id LIMIT 1").fetchone()[0]
    finally:
        con.close()


def rows(s, sql, *args):
    import sqlite3
    con = sqlite3.connect(f"file:{s.database}?mode=ro", uri=True, timeout=10)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def upload(c, lead, title, data):
    page = c.get(f"/leads/{lead}")
    form = parse(page.text).find("form", action=f"/leads/{lead}/documents")
    fields = [(k, v) for k, v in form_fields(form) if k != "title"] + [("title", title)]
    return c.post(f"/leads/{lead}/documents", data=fields, files=[("files", ("n.txt", data, "text/plain"))], allow_redirects=False, timeout=60)


def stored(s):
    return sorted(os.path.join(dp, f) for dp, _, fs in os.walk(s.documents) for f in fs if f != ".lock")


def test_an_upload_on_a_full_documents_disk_gets_507_and_leaves_nothing(full_stack):
    s = full_stack
    lead = lead_of(s)
    with Client(s.url) as c:
        c.sign_in("admin")
        assert upload(c, lead, "Klein", b"klein document\n" * 10).status_code == 303
        small = rows(s, "SELECT id FROM documents WHERE title = 'Klein'")[0][0]
        before_files, before_rows = stored(s), rows(s, "SELECT count(*) FROM documents")[0][0]
        filler = fill(os.path.dirname(s.documents), 64 * 1024)
        try:
            r = upload(c, lead, "Te groot voor de schijf", b"regel van een groot document\n" * 20_000)  # 580 kB
            assert r.status_code == 507, (r.status_code, r.text[:300])
            page = parse(r.text)
            assert "507" in page.find("p", class_="error-code").text
            assert "schijf voor documenten is vol" in r.text
            assert stored(s) == before_files, "no file left behind"
            assert os.listdir(os.path.join(s.documents, "tmp")) == []
            assert rows(s, "SELECT count(*) FROM documents")[0][0] == before_rows, "no row"
            # Reads keep working: the lead page and a stored document.
            assert c.get(f"/leads/{lead}").status_code == 200
            got = c.get(f"/documents/{small}")
            assert got.status_code == 200 and got.content == b"klein document\n" * 10
        finally:
            os.unlink(filler)
        r = upload(c, lead, "Te groot voor de schijf", b"regel van een groot document\n" * 20_000)
        assert r.status_code == 303, "works again once space is freed"
        assert rows(s, "SELECT count(*) FROM documents WHERE title = 'Te groot voor de schijf'")[0][0] == 1


def test_a_write_on_a_full_database_disk_gets_507_and_the_database_stays_intact(full_stack):
    s = full_stack
    lead = lead_of(s)
    with Client(s.url) as c:
        c.sign_in("admin")
        token = csrf_token(c.get(f"/leads/{lead}").text, f"/leads/{lead}/comments")
        filler = fill(os.path.dirname(s.database), 48 * 1024)
        refused = None
        try:
            # Comments of 9 kB until the disk refuses one (the WAL grows with each).
            for i in range(200):
                body = f"opmerking {i} " + "x" * 9000
                r = c.post(f"/leads/{lead}/comments", data={"_csrf": token, "body": body}, allow_redirects=False)
                if r.status_code != 303:
                    refused = (i, body, r)
                    break
            assert refused is not None, "the disk never filled up"
            i, body, r = refused
            assert r.status_code == 507, (r.status_code, r.text[:300])
            assert "schijf van de server is vol" in r.text
            assert c.get(f"/leads/{lead}").status_code == 200, "reads keep working"
            assert c.get("/leads").status_code == 200
        finally:
            os.unlink(filler)
        assert rows(s, "SELECT count(*) FROM comments WHERE body = ?", body)[0][0] == 0, "the refused comment is not half there"
        assert rows(s, "PRAGMA integrity_check") == [("ok",)]
        r = c.post(f"/leads/{lead}/comments", data={"_csrf": token, "body": body}, allow_redirects=False)
        assert r.status_code == 303, "works again once space is freed"
        assert rows(s, "SELECT count(*) FROM comments WHERE body = ?", body)[0][0] == 1
