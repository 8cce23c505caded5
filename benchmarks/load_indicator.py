"""How long it takes to load one indicator for one kommune with its comparison areas, 25 months, warm.

Run: `.venv/bin/python benchmarks/load_indicator.py` (uses NOEGLETAL_DATA, or makes demo data in a temporary
folder). "Warm" = the table has been read once in this process, as in a notebook or a batch worker.
Budget: under 100 ms."""

from __future__ import annotations

import os
import statistics
import tempfile
import time


def main() -> None:
    tmp = None
    if "NOEGLETAL_DATA" not in os.environ:
        tmp = tempfile.TemporaryDirectory()
        os.environ["NOEGLETAL_DATA"] = tmp.name
        from noegletal import pipeline
        from noegletal.sources import demo

        demo.generate()
        pipeline.build()
    from noegletal import data, geo

    cases = [("ledighedsprocent", {}), ("forsoergede_pct", {}), ("ministermaal_andel", {"cpr_aar": "2014"})]
    areas = ["Ballerup", geo.region_for("Ballerup").navn, "Hele landet"]
    t0 = time.perf_counter()
    for ind, flt in cases:
        data.serie(ind, omraader=areas, fra="2016M06", til="2018M06", **flt)
    print(f"cold (first read of {len(cases)} tables): {1000 * (time.perf_counter() - t0):.0f} ms")
    for ind, flt in cases:
        times = []
        for _ in range(20):
            t = time.perf_counter()
            s = data.serie(ind, omraader=areas, fra="2016M06", til="2018M06", **flt)
            times.append(1000 * (time.perf_counter() - t))
        table = data.tabel(data.catalogue.indicator(ind).table)
        print(f"warm {ind:20s} {statistics.median(times):6.1f} ms median, {max(times):6.1f} ms max "
              f"({len(s)} rows out of {len(table):,}; budget 100 ms)")
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
