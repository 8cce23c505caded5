"""How long `noegletal data demo` takes: demo generation plus the build of processed data.

Run: `.venv/bin/python benchmarks/demo_build.py`. Works in a temporary data folder; the budget is 60 s on a
2-core machine (generation ≤ 20 s)."""

from __future__ import annotations

import os
import tempfile
import time


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["NOEGLETAL_DATA"] = tmp
        from noegletal import backtest, pipeline
        from noegletal.sources import demo

        t0 = time.perf_counter()
        entries = demo.generate()
        t1 = time.perf_counter()
        results = pipeline.build()
        t2 = time.perf_counter()
        size = sum(e.size for e in entries) / 1e6
        rows = sum(r.rows for r in results)
        print(f"demo:  {t1 - t0:5.1f} s  ({len(entries)} raw files, {size:.0f} MB)")
        print(f"build: {t2 - t1:5.1f} s  ({len(results)} tables, {rows:,} rows)")
        print(f"total: {t2 - t0:5.1f} s  (budget 60 s)")
        print("backtest:", backtest.summary())


if __name__ == "__main__":
    main()
