"""The responder's process life: a quick clean stop on SIGTERM under load, and refusing to
steal the socket of a live instance."""
import os
import shutil
import signal
import subprocess
import threading
import time

import pytest
import requests

import fcgi_client
from conftest import ROOT


def hammer(sock, stop, results, cookie=None):
    """Sends requests until `stop` is set; records statuses, and what failed after the stop."""
    headers = {"Cookie": cookie} if cookie else {}
    uris = ["/healthz", "/leads", "/leads?page=2", "/login"]
    i = 0
    while not stop.is_set():
        try:
            r = fcgi_client.request(sock, "GET", uris[i % len(uris)], headers=headers, timeout=5)
            results.append(r.status)
        except OSError as e:  # refused or reset once the responder stops listening
            results.append(type(e).__name__)
        i += 1


def test_sigterm_under_load_stops_quickly_and_cleanly(make_stack, signed_in):
    stack = make_stack("sigterm", threads=4)
    cookie = "showroom_session=" + signed_in("admin", url=stack.url).cookies.get("showroom_session")
    stop, results, threads = threading.Event(), [], []
    for _ in range(6):
        t = threading.Thread(target=hammer, args=(stack.socket, stop, results, cookie), daemon=True)
        t.start()
        threads.append(t)
    wrk = None
    if shutil.which("wrk"):
        wrk = subprocess.Popen(["wrk", "-t2", "-c16", "-d10s", stack.url + "/login"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.5)
        before = len(results)
        assert before > 20, "the load did not get going"
        assert set(results[:before]) <= {200, 303}, set(results[:before])

        started = time.monotonic()
        stack.responder.send_signal(signal.SIGTERM)
        code = stack.responder.wait(timeout=10)
        elapsed = time.monotonic() - started
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=10)
        if wrk:
            wrk.terminate()
            wrk.wait()

    print(f"responder stopped {elapsed * 1000:.0f} ms after SIGTERM, {len(results)} requests answered or refused")
    assert code == 0
    assert elapsed < 2.0, f"took {elapsed:.2f} s to stop"
    assert not os.path.exists(stack.socket), "the socket file is left behind"
    # Requests answered before the signal were all proper answers, none cut off.
    assert all(r in (200, 303) or isinstance(r, str) for r in results)
    log = open(os.path.join(stack.workdir, "responder.log"), encoding="utf-8", errors="replace").read()
    assert "stopped" in log


def test_second_responder_on_a_live_socket_refuses_and_the_first_keeps_serving(make_stack, binary):
    stack = make_stack("twice", threads=2)
    inode = os.stat(stack.socket).st_ino
    r = subprocess.run([binary, "serve", "--database", stack.database, "--socket", stack.socket, "--threads", "2"],
                       cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert r.returncode != 0
    message = (r.stderr + r.stdout).lower()
    assert stack.socket.lower() in message
    assert "another responder" in message or "already" in message or "in use" in message, message
    # The socket is still the first one's, and it answers.
    assert os.stat(stack.socket).st_ino == inode
    assert stack.responder.poll() is None
    for _ in range(5):
        assert fcgi_client.request(stack.socket, "GET", "/healthz").body == b"ok\n"
    assert requests.get(stack.url + "/healthz", timeout=5).text == "ok\n"


def test_responder_takes_over_a_stale_socket_file(make_stack, binary, tmp_path):
    # A socket file left by a killed responder is not live: a new responder may use the path.
    d = tmp_path / "stale"
    d.mkdir()
    sock = str(d / "s.sock")
    first = subprocess.Popen([binary, "serve", "--database", str(tmp_path / "db.sqlite"), "--socket", sock, "--threads", "1"],
                             cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 15
        while not os.path.exists(sock) and time.time() < deadline:
            time.sleep(0.05)
        first.kill()
        first.wait()
        assert os.path.exists(sock)
        second = subprocess.Popen([binary, "serve", "--database", str(tmp_path / "db.sqlite"), "--socket", sock, "--threads", "1"],
                                  cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            deadline = time.time() + 15
            while time.time() < deadline:
                try:
                    if fcgi_client.request(sock, "GET", "/healthz").status == 200:
                        break
                except OSError:
                    pass
                assert second.poll() is None, second.stderr.read()
                time.sleep(0.05)
            else:
                pytest.fail("the second responder never answered")
        finally:
            second.send_signal(signal.SIGTERM)
            assert second.wait(timeout=10) == 0
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
