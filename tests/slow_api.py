"""A loopback server (127.0.0.1 only) that is there but never finishes an answer, for deadline tests and
benchmarks/fetch_dead_service.py. `mode`: "drip" sends a 200 with its headers at once and then one byte of the
body every `interval` seconds; "silent" accepts the connection, reads the request and says nothing.
Handlers stop when the server is closed, so a test never waits for them."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _Handler(BaseHTTPRequestHandler):
    server: "SlowApi"

    def log_message(self, *args):  # quiet
        pass

    def _answer(self):
        self.server.requests.append(self.path)
        if self.headers.get("Content-Length"):
            self.rfile.read(int(self.headers["Content-Length"]))
        if self.server.mode == "silent":
            self.server.stop.wait()
            return
        body = b'{"columns": [], "rows": []}' + b" " * 100_000
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.flush()
        for i in range(len(body)):
            if self.server.stop.wait(self.server.interval):
                return
            try:
                self.wfile.write(body[i:i + 1])
                self.wfile.flush()
            except OSError:  # the client gave up and closed the connection
                return

    do_GET = do_POST = _answer


class SlowApi(ThreadingHTTPServer):
    """`with SlowApi("drip", interval=10) as api:`; `api.url` is a Jobindsats v3 base, `api.base` the host."""

    daemon_threads = True

    def __init__(self, mode: str = "drip", interval: float = 10.0):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.mode, self.interval = mode, interval
        self.requests: list[str] = []
        self.stop = threading.Event()
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    @property
    def url(self) -> str:
        return f"{self.base}/v3"

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.shutdown()
        self.server_close()
