"""Smaller edges of the data side (issue 22.7): a FIFO or other special file in place of a raw file, or given
to `data importer`, is refused by name and never waited on; a user and password in a URL are masked in every
message and log line, `-v` too; a fetch that got nothing ends by saying what to do instead of 'build'."""

from __future__ import annotations

import functools
import logging
import os
import socket
import threading

import pytest
from conftest import aus08_bulk, write_aus08
from loopback_api import LoopbackApi
from noegletal import catalogue, cli
from noegletal.raw import RawStore, skjul_legitimation, strip_secrets
from noegletal.sources import http, jobindsats

KEY = "kant-noegle-0123456789"
PASSWORD = "hemmeligt-pw-42"


def _main_within(seconds: float, argv: list[str]) -> int:
    """cli.main in a thread: a hang fails the test instead of stopping the suite."""
    out = {}
    t = threading.Thread(target=lambda: out.update(code=cli.main(argv)), daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), f"{argv} ventede stadig efter {seconds} s"
    return out["code"]


def _uden_ventetid(monkeypatch):
    """The fetch command's client without waits between tries."""
    make = functools.partial(http.make_session, backoff=0)
    monkeypatch.setattr(jobindsats, "JobindsatsClient",
                        functools.partial(jobindsats.JobindsatsClient, session=make()))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFO kræver POSIX")
def test_a_fifo_in_place_of_a_raw_file_is_refused_by_name(tmp_data, capsys):
    store = RawStore()
    entry = write_aus08(store, aus08_bulk())
    sti = store.root / entry.path
    sti.unlink()
    os.mkfifo(sti)
    assert _main_within(30, ["data", "build"]) == 2
    err = capsys.readouterr().err
    assert f"Rådatafilen {sti} er en navngiven pipe (FIFO), ikke en almindelig fil" in err
    assert "noegletal data fetch --source statbank" in err and "Traceback" not in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFO kræver POSIX")
def test_importer_refuses_a_fifo_or_a_device_by_name(tmp_data, tmp_path, capsys):
    fifo = tmp_path / "tal.csv"
    os.mkfifo(fifo)
    assert _main_within(30, ["data", "importer", str(fifo), "--tabel", "ministermaal"]) == 2
    assert f"Filen {fifo} er en navngiven pipe (FIFO), ikke en almindelig fil" in capsys.readouterr().err
    assert _main_within(30, ["data", "importer", "/dev/zero", "--tabel", "ministermaal"]) == 2
    assert "Filen /dev/zero er en enhed, ikke en almindelig fil" in capsys.readouterr().err


def test_a_password_in_a_url_is_masked_in_manifests_and_texts():
    assert strip_secrets(f"https://bruger:{PASSWORD}@proxy.example/v3/data/y09a02?key=x&a=1") == \
        "https://***@proxy.example/v3/data/y09a02?a=1"
    assert skjul_legitimation(f"fejl ved 'http://bruger:{PASSWORD}@127.0.0.1:1/v3' og https://a@b/c") == \
        "fejl ved 'http://***@127.0.0.1:1/v3' og https://***@b/c"


@pytest.mark.parametrize("mode", ["500", "refused"])
def test_a_password_in_the_api_url_is_never_shown_even_with_v(mode, tmp_data, monkeypatch, capsys, caplog):
    monkeypatch.setenv("JOBINDSATS_API_KEY", KEY)
    monkeypatch.setenv("NOEGLETAL_HTTP_FRIST", "20")
    with LoopbackApi(key=KEY, mode=mode if mode == "500" else "ok") as api:
        port = api.server_address[1]
        if mode == "refused":
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                port = s.getsockname()[1]  # nothing listens there
        monkeypatch.setenv("JOBINDSATS_API_URL", f"http://bruger:{PASSWORD}@127.0.0.1:{port}/v3")
        _uden_ventetid(monkeypatch)
        with caplog.at_level(logging.DEBUG):
            code = cli.main(["-v", "data", "fetch", "--source", "jobindsats", "--tabel", "y09a02", "--uden-build"])
    out = capsys.readouterr()
    alt = out.out + out.err + caplog.text
    assert code == 2 and "Traceback" in out.err  # -v shows the traceback ...
    assert PASSWORD not in alt and "bruger:" not in alt  # ... and still no password
    assert "http://***@127.0.0.1" in out.err


def test_a_fetch_that_got_nothing_says_what_to_do_not_build(tmp_data, monkeypatch, capsys):
    monkeypatch.setenv("JOBINDSATS_API_KEY", KEY)
    _uden_ventetid(monkeypatch)
    with LoopbackApi(key=KEY, mode="500") as api:
        monkeypatch.setenv("JOBINDSATS_API_URL", api.url)
        code = cli.main(["data", "fetch", "--source", "jobindsats", "--fra", "2018M01"])
    sidste = capsys.readouterr().err.strip().splitlines()[-1]
    assert code == 2
    antal = sum(1 for s in catalogue.tables().values() if s.source == "jobindsats")
    assert sidste.startswith(f"Fejl: Ingen af de {antal} tabel(ler) kunne hentes")
    assert "kør `noegletal data fetch --source jobindsats --fra 2018M01` igen" in sidste
    assert "data build" not in sidste
