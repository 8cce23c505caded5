"""How long `noegletal data importer` takes on a large CSV full of duplicate rows, and its peak memory.

Run: `.venv/bin/python benchmarks/import_large.py [MB] [unik]` (default 50). Writes a CSV of
arbejdsmarkedsstatus (every kommune, region and Hele landet, month by month, three statuses and their total)
pasted twice, so every row of the second half repeats one of the first (with `unik`: once, a file that
passes), and imports it in a child process in a temporary data folder. Targets (issue 22.6): seconds, not minutes, under 1 GB, and a Danish message with the first 20
errors and the count. Prints the file size, the time, the child's peak memory (ru_maxrss) and the message's
first and last lines.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STATUS = ["Beskæftigede", "Ledige", "Uden for arbejdsstyrken"]


def write_csv(path: Path, mb: float, gange: int = 2) -> int:
    """Unique rows until 1/gange of the size, then the same rows again: 'a real file pasted twice'."""
    from noegletal import geo
    from noegletal.periods import periode

    omraader = [geo.hele_landet().navn, *[r.navn for r in geo.regioner()], *[k.navn for k in geo.kommuner()]]
    lines, size, p = [], 0, periode("2000M01")
    while size < mb * 1e6 / gange:
        for o in omraader:
            dele = [1000 + (hash((o, p.kode, s)) % 9000) for s in STATUS]
            for s, v in zip(STATUS, dele):
                lines.append(f"{o};{p.kode};{s};I alt;{v}\n")
            lines.append(f"{o};{p.kode};I alt;I alt;{sum(dele)}\n")
        size = sum(map(len, lines[-len(omraader) * 4:])) * len(lines) / (len(omraader) * 4)
        p = p.shift(1)
    header = "område;periode;Arbejdsmarkedsstatus;Ydelse;Antal borgere 16-66 år\n"
    path.write_text(header + "".join(lines) * gange, encoding="utf-8")
    return gange * len(lines)


CHILD = """
import resource, sys, time
from noegletal import cli
t0 = time.perf_counter()
code = cli.main(["data", "importer", sys.argv[1], "--tabel", "arbejdsmarkedsstatus", "--uden-build"])
took = time.perf_counter() - t0
print(f"RESULT {took:.1f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} {code}", file=sys.stderr)
"""


def main() -> None:
    mb = float(sys.argv[1]) if len(sys.argv) > 1 else 50
    with tempfile.TemporaryDirectory() as tmp:
        fil = Path(tmp) / "arbejdsmarkedsstatus_dobbelt.csv"
        rows = write_csv(fil, mb, 1 if "unik" in sys.argv[2:] else 2)
        size = fil.stat().st_size / 1e6
        env = {**os.environ, "NOEGLETAL_DATA": str(Path(tmp) / "data")}
        t0 = time.perf_counter()
        res = subprocess.run([sys.executable, "-c", CHILD, str(fil)], env=env, capture_output=True, text=True)
        wall = time.perf_counter() - t0
    result = next((line for line in res.stderr.splitlines() if line.startswith("RESULT ")), "RESULT ? ? ?").split()
    message = [line for line in res.stderr.splitlines() if not line.startswith("RESULT ")]
    print(f"fil: {size:.0f} MB, {rows:,} rækker".replace(",", "."))
    print(f"import: {result[1]} s (proces i alt {wall:.1f} s), højst {result[2]} MB hukommelse, exitkode {result[3]} "
          "(mål: sekunder og under 1024 MB)")
    for line in message[:3] + (["  …"] + message[-3:] if len(message) > 6 else message[3:]):
        print(f"  {line[:200]}")


if __name__ == "__main__":
    main()
