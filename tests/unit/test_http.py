"""HTTP against a real local server, so retries, timeouts and Retry-After really happen.

The server runs in a thread on 127.0.0.1, answers from a script, and is shut down after each test; a
handler that is told to stall waits on an event that the teardown sets, so no thread outlives the test.
"""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from noegletal.errors import ApiFejl, ManglendeNoegle, TjenesteNede
from noegletal.raw import RawStore
from noegletal.sources import http, jobindsats

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "jobindsats"
SECRET = "hemmelig-noegle-1234567890"


class _Handler(BaseHTTPRequestHandler):
    def _serve(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        srv = self.server
        srv.seen.append({"method": self.command, "path": self.path, "headers": dict(self.headers), "body": body})
        status, headers, payload, delay = srv.respond(self, len(srv.seen))
        if delay and srv.stop.wait(delay):
            return
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = _serve

    def log_message(self, *args):  # keep test output quiet
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # a client that timed out closed the socket: fine
        pass


@pytest.fixture
def server():
    srv = _Server(("127.0.0.1", 0), _Handler)
    srv.seen, srv.stop = [], threading.Event()
    srv.respond = lambda handler, n: (200, {}, b"{}", 0)
    srv.url = f"http://127.0.0.1:{srv.server_address[1]}"
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield srv
    srv.stop.set()
    srv.shutdown()
    srv.server_close()
    thread.join(timeout=2)


def script(*answers):
    """Answer the n-th request with the n-th entry (the last one repeats): (status, headers, body, delay)."""
    def respond(handler, n):
        status, headers, body, delay = answers[min(n, len(answers)) - 1]
        return status, headers, body if isinstance(body, bytes) else json.dumps(body).encode(), delay
    return respond


def fast_session(retries=2, backoff=0.01):
    return http.make_session(retries=retries, backoff=backoff, backoff_max=0.05)


def test_503_twice_then_200_succeeds(server):
    server.respond = script((503, {}, b"busy", 0), (503, {}, b"busy", 0), (200, {}, {"ok": 1}, 0))
    resp = http.request(fast_session(retries=3), "GET", server.url + "/x", service="Test", timeout=(1, 1))
    assert resp.status_code == 200 and resp.json() == {"ok": 1}
    assert len(server.seen) == 3


def test_post_is_retried_with_its_body(server):
    server.respond = script((502, {}, b"", 0), (200, {}, b"OMR\xc3\x85DE;TID;INDHOLD\n", 0))
    resp = http.request(fast_session(), "POST", server.url + "/data", service="Test", json_body={"table": "AUS08"},
                        timeout=(1, 1))
    assert resp.status_code == 200
    assert [json.loads(s["body"]) for s in server.seen] == [{"table": "AUS08"}] * 2


def test_no_answer_in_time_gives_up_after_one_more_try(server):
    # a service that took the connection and then hung will not answer the third time either
    server.respond = script((200, {}, b"{}", 2.0))  # stalls longer than the read timeout
    t0 = time.monotonic()
    with pytest.raises(TjenesteNede) as err:
        http.request(fast_session(retries=4), "GET", server.url + "/slow", service="Jobindsats", timeout=(1, 0.2))
    assert time.monotonic() - t0 < 3
    assert len(server.seen) == http.READ_RETRIES + 1 == 2
    msg = str(err.value)
    assert "svarede ikke inden for 0,2 sekunder efter 2 forsøg" in msg
    assert "noegletal data demo" in msg and "prøv igen senere" in msg.lower()


def test_retry_after_is_honoured(server):
    server.respond = script((503, {"Retry-After": "1"}, b"", 0), (200, {}, b"{}", 0))
    t0 = time.monotonic()
    resp = http.request(fast_session(retries=2, backoff=0), "GET", server.url + "/x", service="Test", timeout=(1, 1))
    assert resp.status_code == 200
    assert time.monotonic() - t0 >= 0.9


def test_status_still_failing_after_all_tries_quotes_the_service(server):
    server.respond = script((503, {"Content-Type": "application/json"}, {"message": "Vedligeholdelse til kl. 14"}, 0))
    with pytest.raises(ApiFejl) as err:
        http.request(fast_session(retries=1), "GET", server.url + "/x", service="Statistikbanken", timeout=(1, 1))
    msg = str(err.value)
    assert "503" in msg and "efter 2 forsøg" in msg and "Vedligeholdelse til kl. 14" in msg
    assert "noegletal data demo" in msg
    assert len(server.seen) == 2


def test_unreachable_service():
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ApiFejl) as err:
        http.request(fast_session(retries=1), "GET", f"http://127.0.0.1:{port}/v3/tables", service="Jobindsats",
                     timeout=(0.5, 0.5))
    msg = str(err.value)
    assert "Jobindsats kunne ikke nås" in msg and "efter 2 forsøg" in msg and "noegletal data demo" in msg


def test_jobindsats_sends_bearer_key_and_refusal_never_shows_it(server, caplog):
    caplog.set_level(logging.DEBUG)
    # a server that echoes the header back must not get the key into our message
    server.respond = lambda h, n: (401, {}, json.dumps({"message": f"bad {h.headers['Authorization']}"}).encode(), 0)
    client = jobindsats.JobindsatsClient(api_key=SECRET, base_url=server.url + "/v3", session=fast_session())
    with pytest.raises(ManglendeNoegle) as err:
        client.tables()
    assert server.seen[0]["headers"]["Authorization"] == f"Bearer {SECRET}"
    assert server.seen[0]["path"] == "/v3/tables?format=json"
    assert "afviste nøglen" in str(err.value)
    assert SECRET not in str(err.value) and SECRET not in repr(client)
    assert SECRET not in caplog.text


def test_echoed_key_in_an_error_message_is_redacted(server, caplog):
    caplog.set_level(logging.DEBUG)
    server.respond = lambda h, n: (500, {}, json.dumps({"message": f"kan ikke bruge {h.headers['Authorization']}"}).encode(), 0)
    client = jobindsats.JobindsatsClient(api_key=SECRET, base_url=server.url + "/v3", session=fast_session(retries=1))
    with pytest.raises(ApiFejl) as err:
        client.tables()
    assert "500" in str(err.value) and "***" in str(err.value)
    assert SECRET not in str(err.value) and SECRET not in caplog.text


def test_fetch_over_real_http_keeps_the_key_out_of_manifest_and_logs(tmp_path, caplog):
    from loopback_api import LoopbackApi
    from noegletal import catalogue

    caplog.set_level(logging.DEBUG)
    store = RawStore(tmp_path / "raw")
    with LoopbackApi(key=SECRET) as api:
        client = jobindsats.JobindsatsClient(api_key=SECRET, base_url=api.url, session=fast_session())
        entries = jobindsats.fetch(catalogue.table("y08a02"), store, client=client)
    assert entries
    assert SECRET not in store.manifest_path.read_text(encoding="utf-8")
    assert SECRET not in caplog.text
