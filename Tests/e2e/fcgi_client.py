"""A tiny FastCGI client: one request per connection over a unix socket, as nginx does it
(no keep-conn). Enough to talk to the responder without nginx in between."""
import socket
import struct
from dataclasses import dataclass, field

VERSION = 1
BEGIN_REQUEST, ABORT_REQUEST, END_REQUEST, PARAMS, STDIN, STDOUT, STDERR = 1, 2, 3, 4, 5, 6, 7
RESPONDER = 1
MAX_CONTENT = 65535


@dataclass
class FcgiResponse:
    status: int
    headers: list = field(default_factory=list)  # [(name, value)] in order
    body: bytes = b""
    stderr: bytes = b""
    app_status: int = 0

    def header(self, name):
        name = name.lower()
        for k, v in self.headers:
            if k.lower() == name:
                return v
        return None

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


def _record(rtype, content=b"", request_id=1):
    out = b""
    # Split long content into records of at most 65535 bytes; an empty content stays one record.
    chunks = [content[i:i + MAX_CONTENT] for i in range(0, len(content), MAX_CONTENT)] or [b""]
    for chunk in chunks:
        padding = (-len(chunk)) % 8
        out += struct.pack(">BBHHBx", VERSION, rtype, request_id, len(chunk), padding) + chunk + b"\0" * padding
    return out


def _length(n):
    return struct.pack(">B", n) if n < 128 else struct.pack(">I", n | 0x80000000)


def encode_params(params):
    out = b""
    for name, value in params.items():
        name = name.encode() if isinstance(name, str) else name
        value = value.encode() if isinstance(value, str) else value
        out += _length(len(name)) + _length(len(value)) + name + value
    return out


def _read_exact(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise ConnectionError(f"connection closed after {len(buf)} of {n} bytes")
        buf += chunk
    return buf


def request(socket_path, method="GET", uri="/", headers=None, body=b"", extra_params=None, timeout=10.0):
    """Sends one request and returns the parsed CGI response. `headers` are HTTP headers
    (e.g. {"Cookie": "..."}), turned into HTTP_* parameters as nginx would."""
    path, _, query = uri.partition("?")
    params = {
        "REQUEST_METHOD": method, "REQUEST_URI": uri, "DOCUMENT_URI": path, "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1", "GATEWAY_INTERFACE": "CGI/1.1", "REMOTE_ADDR": "127.0.0.1",
        "SERVER_NAME": "localhost", "SERVER_PORT": "80", "SHOWROOM_ORIGIN": "http://127.0.0.1",
        "CONTENT_LENGTH": str(len(body)) if body else "",
        "CONTENT_TYPE": (headers or {}).get("Content-Type", ""),
    }
    for name, value in (headers or {}).items():
        if name.lower() not in ("content-type", "content-length"):
            params["HTTP_" + name.upper().replace("-", "_")] = value
    params.update(extra_params or {})

    msg = _record(BEGIN_REQUEST, struct.pack(">HB5x", RESPONDER, 0))
    msg += _record(PARAMS, encode_params(params)) + _record(PARAMS)
    msg += (_record(STDIN, body) if body else b"") + _record(STDIN)

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(timeout)
        s.connect(socket_path)
        s.sendall(msg)
        stdout, stderr = b"", b""
        while True:
            version, rtype, _rid, length, padding = struct.unpack(">BBHHBx", _read_exact(s, 8))
            content = _read_exact(s, length + padding)[:length]
            if rtype == STDOUT:
                stdout += content
            elif rtype == STDERR:
                stderr += content
            elif rtype == END_REQUEST:
                app_status = struct.unpack(">I", content[:4])[0]
                break

    head, _, body_out = stdout.partition(b"\r\n\r\n")
    status, hdrs = 200, []
    for line in head.decode("latin-1").split("\r\n"):
        if ":" not in line:
            continue
        k, v = line.split(":", 1)
        hdrs.append((k.strip(), v.strip()))
        if k.strip().lower() == "status":
            status = int(v.split()[0])
    return FcgiResponse(status=status, headers=hdrs, body=body_out, stderr=stderr, app_status=app_status)
