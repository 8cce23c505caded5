"""What a group of kommuner costs a brief: data.serie for Ballerup against Hovedstadsområdet (34 kommuner, computed
from its members) and against Region Hovedstaden (a row of the source), for a count, a share of another table
(dagpenge in pct. of the 16-66-årige) and the official rate (implied labour force), 25 months each.

Run: `NOEGLETAL_DATA=<a folder with demo or real data> .venv/bin/python benchmarks/grupper.py`. The tables are read
first (as in a kernel that has made a brief); then the group's first call (its sums computed) and a repeated call
(kept per table version, as for the next brief of a batch that compares with the same group), the best of 5.
"""

from __future__ import annotations

import time

from noegletal import data, grupper

KALD = {
    "ledige_fuldtid": {},
    "dagpenge_pct": {},
    "ledighedsprocent": {},
    "forsoergede_fuldtid (alle ydelsesgrupper)": {"ydelsesgruppe": None},
}


def maal(indikator: str, omraader: list, flt: dict) -> float:
    bedst = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        data.serie(indikator, omraader, "2021M06", "2023M06", **flt)
        bedst = min(bedst, time.perf_counter() - t0)
    return bedst


def main() -> None:
    hoved = grupper.omraade("Hovedstadsområdet")
    for navn, flt in KALD.items():
        indikator = navn.split(" ")[0]
        data.serie(indikator, ["Ballerup", "Region Hovedstaden", "Hele landet", *hoved.medlemmer],
                   "2021M06", "2023M06", **flt)  # the tables read, the group not yet computed
        region = maal(indikator, ["Ballerup", "Region Hovedstaden", "Hele landet"], flt)
        t0 = time.perf_counter()
        data.serie(indikator, ["Ballerup", hoved, "Hele landet"], "2021M06", "2023M06", **flt)
        foerste = time.perf_counter() - t0
        igen = maal(indikator, ["Ballerup", hoved, "Hele landet"], flt)
        print(f"{navn}: med Region Hovedstaden {1000 * region:.1f} ms; med Hovedstadsområdet første gang "
              f"{1000 * foerste:.1f} ms, igen {1000 * igen:.1f} ms")


if __name__ == "__main__":
    main()
