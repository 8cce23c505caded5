"""HTTP for both sources, in one place: retries, timeouts, Danish error messages, and logs without keys.

Retries are urllib3's `Retry` mounted on a requests `HTTPAdapter` (not a hand-written loop): connect
errors, read timeouts and 429/500/502/503/504 are retried with exponential backoff, and a `Retry-After`
header is honoured. POST is retried too, because Statistikbanken's data call is a POST that only reads.

The Jobindsats key only ever travels in the `Authorization` header of a single request (never on the
session, never in a URL), and every URL that reaches a log, a manifest or an error passes
`raw.strip_secrets`. Messages built here are also scrubbed of the header's value, in case a service
echoes it back.
"""

from __future__ import annotations

import contextvars
import inspect
import json
import logging
import os
import re
import threading
import time
from contextlib import contextmanager
from typing import Any, Callable

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import NewConnectionError, ReadTimeoutError
from urllib3.util.retry import Retry

from .. import __version__
from ..errors import ApiFejl, TjenesteNede
from ..raw import strip_secrets

log = logging.getLogger(__name__)

# (connect, read) seconds. The live service gives up on a request after about 60 s [seen], and fetch keeps
# requests small, so an answer that has not come in 75 s will not come.
DEFAULT_TIMEOUT = (10.0, 75.0)
DEFAULT_RETRIES = 4  # 5 tries in all for a refused connection or a 5xx
READ_RETRIES = 1  # a service that accepted the connection and then hung: one more try, not four
DEFAULT_BACKOFF = 1.0  # waits 0, 2, 4, 8 s between tries (urllib3: factor * 2 ** (n - 1), first retry at once)
# One request in all (connecting, every retry and wait, headers and the whole body) gives up after this many
# seconds, so a server that drips its answer a byte at a time is cut off too (a read timeout only bounds each
# read). Two services each at their deadline still end a fetch inside 5 minutes. NOEGLETAL_HTTP_FRIST sets it
# (tests and benchmarks use a few seconds).
REQUEST_DEADLINE = 120.0
DEADLINE_ENV = "NOEGLETAL_HTTP_FRIST"
COMMAND_DEADLINE = 280.0  # a whole `data tjek` or `data tabeller` (http.frist), whatever the server does
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
USER_AGENT = f"noegletal/{__version__} python-requests"

TRY_LATER = "Prøv igen senere, eller brug demodata med `noegletal data demo`."
_MAX_MESSAGE = 300
_HAS_RETRY_AFTER_MAX = "retry_after_max" in inspect.signature(Retry.__init__).parameters


_PROGRESS: contextvars.ContextVar[Callable[[str], None] | None] = contextvars.ContextVar("progress", default=None)
_STEP: contextvars.ContextVar[str] = contextvars.ContextVar("step", default="")
_FRIST: contextvars.ContextVar[float | None] = contextvars.ContextVar("frist", default=None)


@contextmanager
def frist(seconds: float):
    """Every request inside ends by this many seconds from now in all (a whole `data tjek` or `tabeller`)."""
    token = _FRIST.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _FRIST.reset(token)


def request_deadline() -> float:
    """Seconds one request may take in all: REQUEST_DEADLINE, NOEGLETAL_HTTP_FRIST, or what `frist` leaves."""
    try:
        seconds = float(os.environ.get(DEADLINE_ENV) or REQUEST_DEADLINE)
    except ValueError:
        seconds = REQUEST_DEADLINE
    seconds = seconds if 0 < seconds < float("inf") else REQUEST_DEADLINE
    end = _FRIST.get()
    return seconds if end is None else max(0.0, min(seconds, end - time.monotonic()))


def on_progress(callback: Callable[[str], None] | None) -> contextvars.Token:
    """Have every request and every retry reported as one line (the fetch command's progress line)."""
    return _PROGRESS.set(callback)


def end_progress(token: contextvars.Token) -> None:
    _PROGRESS.reset(token)


def progress(step: str) -> None:
    """Name what is being fetched now ('y25i01: del 3 af 18'); retries are reported under that name."""
    _STEP.set(step)
    callback = _PROGRESS.get()
    if callback:
        callback(step)


class _ReportingRetry(Retry):
    """urllib3's Retry, reporting each new try to the progress line."""

    def increment(self, *args, **kwargs):
        new = super().increment(*args, **kwargs)
        callback = _PROGRESS.get()
        if callback:
            why = kwargs.get("response").status if kwargs.get("response") is not None else type(kwargs.get("error")).__name__
            callback(f"{_STEP.get()} (forsøg {len(new.history) + 1}, efter {why})")
        return new


def make_session(
    retries: int = DEFAULT_RETRIES,
    backoff: float = DEFAULT_BACKOFF,
    backoff_max: float = 60.0,
    retry_after_max: int = 300,
) -> requests.Session:
    """A session that retries what is worth retrying and gives up on the rest at once.

    `raise_on_status=False`: when the tries are used up on a 5xx/429, we get the last response back, so the
    error can quote the service's own message. `retry_after_max` caps a server's `Retry-After` so a
    misconfigured server cannot park a notebook for hours.
    """
    retry = _ReportingRetry(
        total=retries,
        connect=retries,
        read=min(retries, READ_RETRIES),
        status=retries,
        other=0,  # e.g. an SSL error: retrying will not help
        backoff_factor=backoff,
        backoff_max=backoff_max,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET", "POST"}),
        respect_retry_after_header=True,
        raise_on_status=False,
        # the cap is newer than the urllib3>=2.2 pyproject allows; without it Retry-After is honoured uncapped
        **({"retry_after_max": retry_after_max} if _HAS_RETRY_AFTER_MAX else {}),
    )
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.headers["User-Agent"] = USER_AGENT
    return session


def attempts(session: requests.Session, url: str) -> int:
    """How many tries the session makes for this URL (for messages: 'efter 5 forsøg')."""
    retry = session.get_adapter(url).max_retries
    total = getattr(retry, "total", 0)
    return total + 1 if isinstance(total, int) and not isinstance(total, bool) else 1


def display_url(url: str, params: Any = None) -> str:
    """The full URL as sent, without anything that looks like a secret, for logs, manifests and errors."""
    full = requests.Request("GET", url, params=params).prepare().url or url
    return strip_secrets(full)


def request(
    session: requests.Session,
    method: str,
    url: str,
    *,
    service: str,
    params: Any = None,
    json_body: Any = None,
    headers: dict[str, str] | None = None,
    timeout: tuple[float, float] | float = DEFAULT_TIMEOUT,
) -> requests.Response:
    """Send one request (with the session's retries) and return the response.

    Raises `ApiFejl` when the service cannot be reached, does not answer in time, or still answers
    429/5xx after all tries. Other statuses (4xx) are returned, so the caller can turn e.g. a 401 or 404
    into a message about the key or the table; `raise_for_status()` covers the rest.
    """
    timeout = timeout or DEFAULT_TIMEOUT  # never wait forever
    shown = display_url(url, params)
    secrets = _secrets(headers) + _url_secrets(url)
    tries = attempts(session, url)
    log.info("%s %s", method, shown)
    try:
        resp = _within_deadline(service, shown, lambda: session.request(
            method, url, params=params, json=json_body, headers=headers, timeout=timeout))
    except requests.exceptions.RequestException as e:
        msg = _transport_message(e, service, shown, tries, timeout)
        log.debug("%s %s gav op: %s", method, shown, type(e).__name__)
        raise TjenesteNede(_redact(msg, secrets)) from e
    log.debug("%s %s -> %s (%d bytes, %.1f s)", method, shown, resp.status_code, len(resp.content),
              resp.elapsed.total_seconds())
    if resp.status_code in RETRY_STATUSES:
        own = service_message(resp)
        said = f": «{own}»" if own else ""
        msg = (f"{service} svarede med fejl {resp.status_code} ({resp.reason}) efter {tries} forsøg på {shown}{said}. "
               f"Tjenesten er nede eller overbelastet. {TRY_LATER}")
        log.debug("%s %s gav op: HTTP %s", method, shown, resp.status_code)
        raise TjenesteNede(_redact(msg, secrets))
    return resp


def raise_for_status(resp: requests.Response, service: str, hint: str = "") -> None:
    """Any 4xx/5xx left over → `ApiFejl` with the status and the service's own message."""
    if resp.status_code < 400:
        return
    own = service_message(resp)
    said = f": «{own}»" if own else ""
    shown = strip_secrets(resp.url or "")
    secrets = _secrets(dict(resp.request.headers) if resp.request is not None else None)
    msg = f"{service} afviste forespørgslen med fejl {resp.status_code} ({resp.reason}) på {shown}{said}."
    msg += f" {hint}" if hint else " Tjek tabel-id og udvalg i catalogue.yml."
    raise ApiFejl(_redact(msg, secrets))


def service_message(resp: requests.Response) -> str | None:
    """The service's own explanation in an error body, if it has one: a JSON `message` (Statistikbanken),
    a one-key object (Jobindsats' bad-key answer), a short plain text, or an HTML page's title."""
    text = resp.content[:20_000].decode("utf-8-sig", errors="replace").strip()
    if not text:
        return None
    try:
        body = json.loads(text)
    except ValueError:
        body = None
    if isinstance(body, dict):
        for key in ("message", "Message", "error", "Error", "detail", "title", "errorMessage"):
            if isinstance(body.get(key), str) and body[key].strip():
                return _short(body[key])
        if len(body) == 1:
            key, value = next(iter(body.items()))
            return _short(f"{key} {value}".strip() if isinstance(value, str) else str(key))
        return _short(text)
    if isinstance(body, str):
        return _short(body)
    if body is not None:
        return _short(text)
    if re.search(r"<(!doctype|html)", text[:500], re.I):
        title = re.search(r"<title>(.*?)</title>", text, re.I | re.S)
        return _short(title.group(1)) if title and title.group(1).strip() else None
    return _short(text.splitlines()[0])


# helpers ------------------------------------------------------------------------------------------

def _within_deadline(service: str, shown: str, send: Callable[[], requests.Response]) -> requests.Response:
    """`send()` in a helper thread that is given `request_deadline()` seconds in all; past that the request is
    given up (the thread is left to end with its connection; it reports nothing more)."""
    seconds = request_deadline()
    done, out = threading.Event(), {}
    reporter = _PROGRESS.get()

    def quiet(text: str) -> None:  # a request given up on no longer writes on the progress line
        if reporter and not done.is_set():
            reporter(text)

    def work() -> None:
        _PROGRESS.set(quiet if reporter else None)
        try:
            out["resp"] = send()
        except BaseException as e:  # handed to the caller's thread
            out["err"] = e

    if seconds > 0:
        worker = threading.Thread(target=contextvars.copy_context().run, args=(work,), daemon=True,
                                  name="noegletal-http")
        worker.start()
        worker.join(seconds)
        if not worker.is_alive():
            done.set()
            if "err" in out:
                raise out["err"]
            return out["resp"]
    done.set()
    log.debug("%s gav op efter %.0f s i alt", shown, seconds)
    raise TjenesteNede(
        f"{service} svarede ikke færdigt inden for {_sekunder(seconds)} i alt ({shown}): svaret kom for langsomt "
        f"eller slet ikke. Tjek netforbindelsen. {TRY_LATER}")


def _sekunder(seconds: float) -> str:
    return f"{seconds:.0f} sekunder" if seconds >= 10 else f"{seconds:.1f} sekunder".replace(".", ",")


def _transport_message(e: Exception, service: str, shown: str, tries: int, timeout) -> str:
    reason = e.args[0].reason if e.args and hasattr(e.args[0], "reason") else e
    read_timeout = timeout[1] if isinstance(timeout, tuple) else timeout
    if isinstance(e, requests.exceptions.ReadTimeout) or isinstance(reason, ReadTimeoutError):
        what = f"svarede ikke inden for {read_timeout:g} sekunder".replace(".", ",")
        tries = min(tries, READ_RETRIES + 1)
    elif isinstance(e, requests.exceptions.SSLError):
        what = "kunne ikke oprette en sikker forbindelse (SSL/certifikat)"
    elif isinstance(e, requests.exceptions.ConnectionError) or isinstance(reason, NewConnectionError):
        what = "kunne ikke nås (ingen forbindelse)"
    else:
        what = f"kunne ikke kontaktes ({type(e).__name__})"
    return (f"{service} {what} efter {tries} forsøg ({shown}). "
            f"Tjek netforbindelsen. {TRY_LATER}")


def _secrets(headers: dict[str, str] | None) -> list[str]:
    """The values that must never be shown: the Authorization header and the bare key inside it."""
    value = (headers or {}).get("Authorization")
    if not value:
        return []
    bare = value.split(" ", 1)[1] if value.lower().startswith("bearer ") else value
    return [s for s in {value, bare} if len(s) >= 4]


def _url_secrets(url: str) -> list[str]:
    """A user and password written into the URL (`https://user:pass@proxy/…`): never shown."""
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    return [s for s in {parts.password, unquote(parts.password or "")} if s and len(s) >= 4]


def _redact(text: str, secrets: list[str]) -> str:
    for s in sorted(secrets, key=len, reverse=True):
        text = text.replace(s, "***")
    return text


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 1] + "…"
