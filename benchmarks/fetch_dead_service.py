"""How long `noegletal data fetch` takes to give up on a dead Jobindsats, with the product's real timeouts.

Run: `.venv/bin/python benchmarks/fetch_dead_service.py [500 refused hang drip silent]` (all by default;
`hang`, `drip` and `silent` take minutes by design). A loopback server (tests/loopback_api.py, 127.0.0.1 only)
answers 500 to everything, or nothing listens, or it accepts connections and never answers. `drip` and
`silent` (tests/slow_api.py) time `data fetch`, `data tjek` and `data tabeller` each against a server that
sends its headers and then one byte every 10 s, and one that accepts and says nothing. Targets: 500 and
refused end within 60 s; everything else within 5 minutes, with its Danish message. Prints the time, the exit
code and the message's first lines. NOEGLETAL_HTTP_FRIST=S shortens the per-request deadline (default 120 s).
"""

from __future__ import annotations

import contextlib
import io
import os
import socket
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

TARGETS = {"500": 60, "refused": 60, "hang": 300, "drip": 300, "silent": 300}
COMMANDS = {"fetch": ["data", "fetch", "--source", "jobindsats", "--uden-build"], "tjek": ["data", "tjek"],
            "tabeller": ["data", "tabeller", "ledige"]}


def run_slow(mode: str) -> None:
    """fetch, tjek and tabeller in turn against a dripping or a silent server."""
    from slow_api import SlowApi

    from noegletal import cli

    for name, argv in COMMANDS.items():
        with tempfile.TemporaryDirectory() as tmp, SlowApi(mode, interval=10) as api:
            os.environ.update(NOEGLETAL_DATA=tmp, JOBINDSATS_API_KEY="benchmark", JOBINDSATS_API_URL=api.url)
            err = io.StringIO()
            t0 = time.perf_counter()
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                code = cli.main(argv)
            took = time.perf_counter() - t0
        verdict = "inden for målet" if took <= TARGETS[mode] else "OVER MÅLET"
        print(f"{mode:8s} {name:9s}{took:6.1f} s (mål ≤ {TARGETS[mode]} s, {verdict}), exitkode {code}, "
              f"{len(api.requests)} forespørgsler", flush=True)
        for line in err.getvalue().splitlines()[-1:]:
            print(f"         {line[:200]}")


def run(mode: str) -> None:
    if mode in ("drip", "silent"):
        return run_slow(mode)
    from loopback_api import LoopbackApi

    from noegletal import cli

    with tempfile.TemporaryDirectory() as tmp, LoopbackApi(key="benchmark", mode="ok" if mode == "refused" else mode,
                                                            hang_seconds=600) as api:
        os.environ.update(NOEGLETAL_DATA=tmp, JOBINDSATS_API_KEY="benchmark")
        url = api.url
        if mode == "refused":
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                url = f"http://127.0.0.1:{s.getsockname()[1]}/v3"
        os.environ["JOBINDSATS_API_URL"] = url
        err = io.StringIO()
        t0 = time.perf_counter()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = cli.main(["data", "fetch", "--source", "jobindsats", "--uden-build"])
        took = time.perf_counter() - t0
        api.mode = "ok"  # let a hanging handler go
    verdict = "inden for målet" if took <= TARGETS[mode] else "OVER MÅLET"
    print(f"{mode:8s} {took:6.1f} s (mål ≤ {TARGETS[mode]} s, {verdict}), exitkode {code}, "
          f"{len(api.requests)} forespørgsler")
    for line in err.getvalue().splitlines()[:3]:
        print(f"         {line[:200]}")


def main() -> None:
    for mode in sys.argv[1:] or list(TARGETS):
        run(mode)


if __name__ == "__main__":
    main()
