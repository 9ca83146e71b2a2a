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
