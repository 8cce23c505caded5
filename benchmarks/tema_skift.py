"""What a batch kernel's tema switch costs in table reads: kept tables (`data.behold`) against every cache cleared.

Run: `.venv/bin/python benchmarks/tema_skift.py [--gange 3]`. Uses NOEGLETAL_DATA, or makes demo data in a
temporary folder first (not timed). In this process, for the tema orders two batch workers took in a 20-brief
run (ledighed → fleksjob → overblik, integration → aktivering → overblik), it resets as a kernel does before a
brief of the next tema (`kerne.nulstil_kerne`) and reads that tema's tables and their area index, as its first
brief would. Printed: the CPU time of the switches and the parquet files read, with the tables the next tema
shares kept (today) and with every table let go (as before), alternately.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ORDNER = (["ledighed", "fleksjob", "overblik"], ["integration", "aktivering", "overblik"])


def skift(behold: bool) -> tuple[float, int]:
    """CPU seconds and parquet reads of the switches (the first tema of each order is not counted)."""
    import pyarrow.parquet as pq

    from noegletal import config, data
    from noegletal.batch import kerne
    from noegletal.batch.kvittering import tabeller_for

    laes, talt = pq.read_table, [0]

    def taellende(*a, **kw):
        talt[0] += 1
        return laes(*a, **kw)

    cpu = 0.0
    pq.read_table = taellende
    try:
        for orden in ORDNER:
            kerne._NOTESBOG = None
            data.behold(())
            for i, tema in enumerate(orden):
                foer, t0 = talt[0], time.process_time()
                if behold:
                    kerne.nulstil_kerne(os.getcwd(), str(config.NOTEBOOKS_DIR / f"{tema}.ipynb"))
                else:
                    data.behold(())  # every cache cleared, as a switch did before
                for t in tabeller_for(tema):
                    if data.har_tabel(t):
                        data.laes_ind(t)
                        data._raekker_pr_omraade(*data._noegle(t))
                if i == 0:
                    talt[0] = foer
                else:
                    cpu += time.process_time() - t0
    finally:
        pq.read_table = laes
    return cpu, talt[0]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gange", type=int, default=3)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="noegletal-skift-") as tmp:
        if "NOEGLETAL_DATA" not in os.environ:
            os.environ["NOEGLETAL_DATA"] = os.path.join(tmp, "data")
            print("Laver demodata (ikke med i tiden) …", flush=True)
            subprocess.run([str(Path(sys.executable).parent / "noegletal"), "data", "demo"], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.chdir(tmp)
        skift(True)  # imports and the file cache warm, not timed
        for n in range(a.gange):
            for behold in (True, False):
                cpu, laest = skift(behold)
                hvad = "fælles tabeller beholdt" if behold else "alle tabeller sluppet "
                print(f"{n + 1}. {hvad}: {cpu:5.2f} CPU-s for {sum(len(o) - 1 for o in ORDNER)} temaskift, "
                      f"{laest} parquet-filer læst")


if __name__ == "__main__":
    main()
