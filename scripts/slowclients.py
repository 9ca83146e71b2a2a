"""Slow and stalled upload clients, for the slow-uploads tests and the benchmark: what a
salesperson on a bad line does, and what a hostile signed-in user could do.

Each client is a thread with its own socket that speaks HTTP/1.1 to nginx by hand, so its
pace is exactly the one asked for:
  - `Trickle`: sends an upload's headers, then one byte every `interval` seconds, until
    stopped (a stalled or hostile client);
  - `ThrottledUpload`: sends a real multipart upload (CSRF token, title, one PDF) at
    `rate` bytes per second, then reads the answer (an honest client on a slow line).
"""
import os
import socket
import threading
import time

BOUNDARY = "----showroomSlowClient7e1"


def multipart_upload(token, title, filename, content):
    """The body of a document upload as the lead page's form sends it."""
    head = (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{token}\r\n"
            f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n{title}\r\n"
            f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{filename}\"\r\n"
            "Content-Type: application/pdf\r\n\r\n").encode()
    return head + content + f"\r\n--{BOUNDARY}--\r\n".encode()


def request_head(port, lead, cookie, length):
    return (f"POST /leads/{lead}/documents HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: {cookie}\r\n"
            f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {length}\r\n"
            f"Referer: http://127.0.0.1:{port}/leads/{lead}\r\nConnection: close\r\n\r\n").encode()


def read_status(sock):
    """The status code of the answer on `sock` (0 when the connection ended without one)."""
    data = b""
    while b"\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            return 0
        data += chunk
    return int(data.split(b" ", 2)[1])


class Trickle(threading.Thread):
    def __init__(self, port, lead, cookie, token, interval=3.0):
        super().__init__(daemon=True)
        self.port, self.lead, self.cookie, self.token, self.interval = port, lead, cookie, token, interval
        self.stopping = threading.Event()
        self.sending = threading.Event()  # set once the request's headers are sent
        self.bytes_sent = 0
        self.error = None

    def run(self):
        body = multipart_upload(self.token, "Trickle", "trickle.pdf", b"%PDF-1.4\n" + b"x" * 100_000)
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=60) as s:
                s.sendall(request_head(self.port, self.lead, self.cookie, len(body)))
                self.sending.set()
                while not self.stopping.wait(self.interval) and self.bytes_sent < len(body) - 1:
                    s.sendall(body[self.bytes_sent:self.bytes_sent + 1])
                    self.bytes_sent += 1
        except OSError as e:
            self.error = e

    def stop(self):
        self.stopping.set()
        self.join(timeout=10)


class ThrottledUpload(threading.Thread):
    def __init__(self, port, lead, cookie, token, size=3_000_000, rate=300_000, title="Slow line"):
        super().__init__(daemon=True)
        self.port, self.lead, self.cookie, self.token = port, lead, cookie, token
        self.rate, self.title = rate, title
        # Different content per client: each upload stores a file of its own.
        self.content = b"%PDF-1.4\n" + os.urandom(size - 9)
        self.status = None
        self.error = None
        self.seconds = None
        self.stopping = threading.Event()
        self.sending = threading.Event()  # set once the request's headers are sent

    def run(self):
        body = multipart_upload(self.token, self.title, "slow.pdf", self.content)
        piece = max(1, self.rate // 20)  # 20 pieces a second
        started = time.monotonic()
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=120) as s:
                s.sendall(request_head(self.port, self.lead, self.cookie, len(body)))
                self.sending.set()
                for n, offset in enumerate(range(0, len(body), piece)):
                    if self.stopping.is_set():
                        return  # given up half-way (the benchmark's rounds)
                    s.sendall(body[offset:offset + piece])
                    # Keep to the rate on average (late pieces are not made up in a burst).
                    delay = started + (n + 1) * piece / self.rate - time.monotonic()
                    if delay > 0:
                        time.sleep(delay)
                self.status = read_status(s)
        except OSError as e:
            self.error = e
        self.seconds = time.monotonic() - started

    def stop(self):
        self.stopping.set()
        self.join(timeout=10)


class IdleKeepAlive(threading.Thread):
    """Asks for one small page on a keep-alive connection, then holds the connection open and
    silent until stopped (nginx closes it after its keepalive_timeout)."""

    def __init__(self, port, path="/healthz"):
        super().__init__(daemon=True)
        self.port, self.path = port, path
        self.stopping = threading.Event()
        self.error = None

    def run(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=60) as s:
                s.sendall(f"GET {self.path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n\r\n".encode())
                s.recv(65536)
                self.stopping.wait()
        except OSError as e:
            self.error = e

    def stop(self):
        self.stopping.set()
        self.join(timeout=10)


class SlowHeaders(threading.Thread):
    """Sends a request's headers one byte every `interval` seconds (slowloris), until stopped
    or dropped by nginx (client_header_timeout)."""

    def __init__(self, port, interval=2.0):
        super().__init__(daemon=True)
        self.port, self.interval = port, interval
        self.stopping = threading.Event()
        self.dropped = False

    def run(self):
        head = f"GET /leads HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\nX-Filler: {'a' * 2000}\r\n\r\n".encode()
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=60) as s:
                for i in range(len(head)):
                    if self.stopping.wait(self.interval):
                        return
                    s.sendall(head[i:i + 1])
        except OSError:
            self.dropped = True

    def stop(self):
        self.stopping.set()
        self.join(timeout=10)


class SlowReader(threading.Thread):
    """Asks for a large answer (a CSV export, a document) with a tiny receive buffer and reads
    `rate` bytes per second of it, until stopped or dropped (send_timeout)."""

    def __init__(self, port, path, cookie, rate=2000):
        super().__init__(daemon=True)
        self.port, self.path, self.cookie, self.rate = port, path, cookie, rate
        self.stopping = threading.Event()
        self.received = 0
        self.status = 0

    def run(self):
        try:
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            s.settimeout(60)
            s.connect(("127.0.0.1", self.port))
            with s:
                s.sendall(f"GET {self.path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\nCookie: {self.cookie}\r\nConnection: close\r\n\r\n".encode())
                first = s.recv(512)
                self.status = int(first.split(b" ", 2)[1]) if first.startswith(b"HTTP/") else 0
                self.received = len(first)
                while not self.stopping.wait(0.5):
                    chunk = s.recv(max(1, self.rate // 2))
                    if not chunk:
                        return
                    self.received += len(chunk)
        except OSError:
            pass

    def stop(self):
        self.stopping.set()
        self.join(timeout=10)
