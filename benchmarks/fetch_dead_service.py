"""How long `noegletal data fetch` takes to give up on a dead Jobindsats, with the product's real timeouts.

Run: `.venv/bin/python benchmarks/fetch_dead_service.py [500 refused hang]` (all three by default; `hang`
takes a few minutes by design). A loopback server (tests/loopback_api.py, 127.0.0.1 only) answers 500 to
everything, or nothing listens, or it accepts connections and never answers. Targets: 500 and refused end
within 60 s; a service that never answers ends within 5 minutes, naming the table that hung. Prints the
time, the exit code and the message's first lines.
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

TARGETS = {"500": 60, "refused": 60, "hang": 300}


def run(mode: str) -> None:
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
