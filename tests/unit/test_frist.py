"""Every network call has a deadline (issue 22.5): one request gives up by a total time, not by a per-read
timeout, so a server that drips its answer is cut off too, and a whole `fetch`, `tjek` or `tabeller` ends with
its Danish message. The deadline is a few seconds here (NOEGLETAL_HTTP_FRIST); the bounds below only prove that
the command gave up, they measure no speed (benchmarks/fetch_dead_service.py does)."""

from __future__ import annotations

import threading
import time

import pytest
from noegletal import cli
from noegletal.errors import TjenesteNede
from noegletal.sources import http
from slow_api import SlowApi

KEY = "frist-noegle-0123456789"


@pytest.fixture(autouse=True)
def _env(monkeypatch, tmp_path):
    monkeypatch.setenv("JOBINDSATS_API_KEY", KEY)
    monkeypatch.setenv("NOEGLETAL_DATA", str(tmp_path / "data"))
    monkeypatch.setenv(http.DEADLINE_ENV, "2")


def _within(seconds: float, fn):
    """Run fn in a thread; fail (instead of hanging) when it has not returned after `seconds`."""
    out = {}
    t = threading.Thread(target=lambda: out.update(r=_catch(fn)), daemon=True)
    t0 = time.monotonic()
    t.start()
    t.join(seconds)
    assert not t.is_alive(), f"gav ikke op inden for {seconds} s"
    return out["r"], time.monotonic() - t0


def _catch(fn):
    try:
        return fn()
    except Exception as e:  # noqa: BLE001 - the test looks at it
        return e


def test_a_dripping_answer_is_cut_off_by_the_total_deadline_not_a_read_timeout():
    with SlowApi("drip", interval=0.5) as api:  # each read gets a byte well inside the read timeout
        session = http.make_session(retries=0)
        err, took = _within(60, lambda: http.request(session, "GET", f"{api.url}/tables", service="Jobindsats",
                                                     timeout=(1.0, 3.0)))
    assert isinstance(err, TjenesteNede)
    assert "Jobindsats svarede ikke færdigt inden for 2,0 sekunder i alt" in str(err)
    assert took < 30


def test_a_command_deadline_caps_each_request():
    def send(url):
        with http.frist(1.0):
            return http.request(http.make_session(retries=0), "GET", url, service="Jobindsats")

    with SlowApi("silent") as api:
        err, _ = _within(60, lambda: send(f"{api.url}/tables"))
    assert isinstance(err, TjenesteNede) and "inden for 1,0 sekunder i alt" in str(err)


@pytest.mark.parametrize("mode", ["drip", "silent"])
@pytest.mark.parametrize("argv", [["data", "fetch", "--source", "jobindsats", "--uden-build"], ["data", "tjek"],
                                  ["data", "tabeller", "ledige"]], ids=["fetch", "tjek", "tabeller"])
def test_fetch_tjek_and_tabeller_end_with_a_danish_message_whatever_the_server_does(mode, argv, monkeypatch, capsys):
    with SlowApi(mode, interval=0.5) as api:
        monkeypatch.setenv("JOBINDSATS_API_URL", api.url)
        code, took = _within(120, lambda: cli.main(argv))
    err = capsys.readouterr().err
    assert code == 2, err
    assert "svarede ikke færdigt inden for 2,0 sekunder i alt" in err and "Traceback" not in err
    assert took < 90  # generous: with retries and every table the deadline still bounds it
