#!/usr/bin/env python3
"""Starts and stops Showroom's services for one checkout: the FastCGI responder and a
private nginx in front of it. Used by `make run`, by the end-to-end tests and by the
benchmark, so all three run the same configuration.

    python3 scripts/stack.py run --port 8080 --database var/showroom.sqlite
"""
import argparse
import fcntl
import os
import pwd
import signal
import socket
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def build_dir(configuration="debug"):
    out = subprocess.run(["swift", "build", "-c", configuration, "--show-bin-path"], cwd=ROOT,
                         check=True, capture_output=True, text=True).stdout.strip()
    return out


def www_data_can_reach(path):
    """True when every directory above `path` lets others in (nginx's workers run as www-data)."""
    path = os.path.abspath(path)
    while True:
        st = os.stat(path)
        if not st.st_mode & 0o001:
            return False
        parent = os.path.dirname(path)
        if parent == path:
            return True
        path = parent


def wait_for(check, what, timeout=15.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise RuntimeError(f"timed out waiting for {what}")


def port_open(host, port):
    try:
        with socket.create_connection((host, port), timeout=0.2):
            return True
    except OSError:
        return False


def socket_live(path):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        s.connect(path)
        return True
    except OSError:
        return False
    finally:
        s.close()


class StackError(RuntimeError):
    """A reason the stack cannot start, said in one line (no traceback for everyday mistakes)."""


class Stack:
    """One responder and one nginx, with all their files under `workdir`.

    A stack owns its workdir while it runs (an `flock` on `workdir/stack.lock`): a second
    stack on the same workdir refuses to start and touches nothing, and stops only what it
    started itself. Start-up housekeeping (nginx's leftover upload bodies) happens only under
    that lock."""

    def __init__(self, workdir, port, database, binary, threads=6, access_log=True, responder_args=(), login_rate="10r/m", extra_nginx="",
                 documents=None, max_upload_bytes=50 * 1024 * 1024, nginx_upload_limit=None, upload_connections=16):
        self.workdir = os.path.abspath(workdir)
        self.port = port
        self.database = os.path.abspath(database)
        self.binary = binary
        self.threads = threads
        self.access_log = access_log
        self.responder_args = list(responder_args)
        self.login_rate = login_rate
        self.extra_nginx = extra_nginx
        # Uploaded documents: beside the database unless told otherwise (stacks that share a
        # database share its documents).
        self.documents = os.path.abspath(documents or os.path.join(os.path.dirname(self.database), "documents"))
        self.max_upload_bytes = max_upload_bytes
        # nginx's body limit for uploads: the files plus 1 MiB for the form around them.
        self.nginx_upload_limit = nginx_upload_limit if nginx_upload_limit is not None else max_upload_bytes + 1024 * 1024
        # Uploads running at once per client address (nginx's limit_conn on the upload location).
        self.upload_connections = upload_connections
        # Where nginx receives upload bodies whole before the responder reads them.
        self.upload_bodies = os.path.join(self.workdir, "tmp", "uploads")
        self.socket = os.path.join(self.workdir, "showroom.sock")
        self.responder = None
        self.responder_log = None
        self.lock_file = None
        self.nginx_started = False

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def render_nginx_conf(self):
        for sub in ("tmp/body", "tmp/uploads", "tmp/fastcgi", "tmp/proxy", "tmp/uwsgi", "tmp/scgi"):
            os.makedirs(os.path.join(self.workdir, sub), exist_ok=True)
        os.chmod(self.workdir, 0o755)
        user = ""
        if os.geteuid() == 0:
            try:
                pwd.getpwnam("www-data")
                reachable = all(www_data_can_reach(p) for p in (self.workdir, ROOT, os.path.dirname(self.documents)))
                user = "user www-data www-data;" if reachable else "user root root;"
            except KeyError:
                user = "user root root;"
        with open(os.path.join(ROOT, "nginx", "showroom.conf.in")) as f:
            conf = f.read()
        conf = (conf.replace("@PREFIX@", self.workdir).replace("@ROOT@", ROOT).replace("@SOCKET@", self.socket)
                .replace("@LISTEN@", f"127.0.0.1:{self.port}").replace("@USER@", user).replace("@WORKERS@", "2").replace("@LOGIN_RATE@", self.login_rate).replace("@EXTRA@", self.extra_nginx)
                .replace("@DOCUMENTS@", self.documents).replace("@UPLOAD_BODY_LIMIT@", str(self.nginx_upload_limit))
                .replace("@UPLOAD_BODIES@", self.upload_bodies).replace("@UPLOAD_CONNECTIONS@", str(self.upload_connections))
                .replace("@ACCESS_LOG@", os.path.join(self.workdir, "access.log") + " combined buffer=64k flush=1s" if self.access_log else "off"))
        path = os.path.join(self.workdir, "nginx.conf")
        with open(path, "w") as f:
            f.write(conf)
        return path

    def start_responder(self):
        self.responder_log = open(os.path.join(self.workdir, "responder.log"), "ab")
        self.responder = subprocess.Popen(
            [self.binary, "serve", "--database", self.database, "--socket", self.socket, "--threads", str(self.threads),
             "--documents", self.documents, "--max-upload-bytes", str(self.max_upload_bytes), "--upload-bodies", self.upload_bodies] + self.responder_args,
            stdout=self.responder_log, stderr=subprocess.STDOUT, cwd=ROOT)
        wait_for(lambda: socket_live(self.socket) or self.responder.poll() is not None, "the responder's socket")
        if self.responder.poll() is not None:
            self.responder_log.flush()
            with open(os.path.join(self.workdir, "responder.log"), errors="replace") as f:
                last = (f.read().strip().splitlines() or [""])[-1]
            raise StackError(f"the responder exited with {self.responder.returncode} ({last.strip()}); see {self.workdir}/responder.log")

    def start_nginx(self):
        conf = self.render_nginx_conf()
        if port_open("127.0.0.1", self.port):
            raise StackError(f"port {self.port} is already in use")
        subprocess.run(["nginx", "-p", self.workdir, "-c", conf, "-e", os.path.join(self.workdir, "error.log")], check=True)
        self.nginx_started = True
        wait_for(lambda: port_open("127.0.0.1", self.port), f"nginx on port {self.port}")

    def take_workdir(self):
        """Takes the workdir for this stack, or says in one line why not (nothing touched)."""
        os.makedirs(self.workdir, exist_ok=True)
        f = open(os.path.join(self.workdir, "stack.lock"), "a+")
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            f.close()
            raise StackError(f"Showroom is already running from {self.workdir}: stop it first (Ctrl-C there), "
                             "or start another one with its own work folder and port") from None
        self.lock_file = f

    def sweep_upload_bodies(self):
        """Upload bodies a killed nginx left behind (a live nginx removes its own): safe only
        while no nginx of this workdir runs, i.e. under the workdir lock, before starting it."""
        removed = 0
        for sub in ("tmp/uploads", "tmp/body"):
            d = os.path.join(self.workdir, sub)
            for name in os.listdir(d) if os.path.isdir(d) else ():
                path = os.path.join(d, name)
                if os.path.isfile(path) and not os.path.islink(path):
                    os.unlink(path)
                    removed += 1
        return removed

    def start(self):
        self.take_workdir()
        if port_open("127.0.0.1", self.port):
            raise StackError(f"port {self.port} is already in use: another Showroom or another program listens there (PORT=… picks another)")
        self.sweep_upload_bodies()
        self.start_responder()
        self.start_nginx()
        return self

    def stop_nginx(self):
        if not self.nginx_started:
            return
        self.nginx_started = False
        pidfile = os.path.join(self.workdir, "nginx.pid")
        if os.path.exists(pidfile):
            with open(pidfile) as f:
                pid = int(f.read().strip() or 0)
            if pid:
                try:
                    os.kill(pid, signal.SIGQUIT)
                except ProcessLookupError:
                    pass
                wait_for(lambda: not os.path.exists(pidfile), "nginx to stop", timeout=10)

    def stop_responder(self):
        if self.responder and self.responder.poll() is None:
            self.responder.send_signal(signal.SIGTERM)
            try:
                self.responder.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.responder.kill()
                self.responder.wait()
        if self.responder_log:
            self.responder_log.close()

    def stop(self):
        self.stop_nginx()
        self.stop_responder()
        if self.lock_file:
            self.lock_file.close()
            self.lock_file = None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["run"])
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--database", default=os.path.join(ROOT, "var", "showroom.sqlite"))
    parser.add_argument("--workdir", default=os.path.join(ROOT, "run"))
    parser.add_argument("--configuration", default="release", choices=["debug", "release"])
    parser.add_argument("--threads", type=int, default=6)
    args = parser.parse_args()

    binary = os.path.join(build_dir(args.configuration), "showroom")
    stack = Stack(args.workdir, args.port, args.database, binary, threads=args.threads)
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(1))
    try:
        stack.start()
        print(f"Showroom is running on {stack.url}  (Ctrl-C stops it; logs in {stack.workdir})", flush=True)
        while not stopping and stack.responder.poll() is None:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    except RuntimeError as e:  # StackError and the start-up timeouts: one line, no traceback
        stack.stop()  # only what this one started
        print(f"showroom: {e}", file=sys.stderr)
        return 1
    stack.stop()
    print("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
