"""The same demo briefs made twice, side by side: as an analyst does it today (one `papermill` and one
`jupyter nbconvert --to html` command per brief) and with noegletal (`noegletal brief` for one, `noegletal
batch` for more).

Run: `.venv/bin/python benchmarks/batch_vs_naive.py [--antal 1|6|20] [--periode 2018M06] [--gentag 3]` (all
three sizes by default). Uses NOEGLETAL_DATA, or makes demo data in a temporary folder first (not timed). 20
briefs are 4 kommuner × 5 temaer; 6 are 2 kommuner × 3 temaer; 1 is ledighed for Ballerup. Both ways start
from fresh processes and write into their own temporary folders. The noegletal run takes about ten seconds,
and on a shared (virtual) machine the speed drifts by a tenth from minute to minute, so it is timed
`--gentag` times, before and after the naive loop, and the median is compared; the naive loop runs once (its
twenty briefs one after another take over two minutes, which evens the drift out). Targets on a 2-core
machine: 20 briefs ≥ 15 ×, 6 briefs ≥ 6 ×, one brief ≤ 3 s or ≥ 2 × the naive pair.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
KOMMUNER = ["Ballerup", "Herlev", "Aarhus", "Læsø", "Odense", "Vejle", "København", "Esbjerg", "Holbæk", "Tønder",
            "Aalborg", "Gentofte", "Ishøj", "Svendborg", "Viborg", "Bornholm", "Fanø", "Skive", "Lolland", "Rebild"]


MAAL = {1: "≤ 3 s eller ≥ 2 ×", 6: "≥ 6 ×", 20: "≥ 15 ×"}


def grid(antal: int) -> list[tuple[str, str]]:
    from noegletal import jobs

    temaer = jobs.temaer_med_notesbog()
    if antal == 1:
        return [("Ballerup", "ledighed")]
    temaer = temaer[: 3 if antal == 6 else 5]
    pr_tema = -(-antal // len(temaer))
    return [(k, t) for k in KOMMUNER[:pr_tema] for t in temaer][:antal]


def cpu_boern() -> float:
    """User + system CPU seconds of every reaped child process so far (and their children)."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def naiv(briefs, periode: str, ud: Path, env: dict) -> float:
    from noegletal import config

    t0 = time.perf_counter()
    for kommune, tema in briefs:
        mappe = ud / kommune
        mappe.mkdir(parents=True, exist_ok=True)
        koert = mappe / f"{tema}.ipynb"
        subprocess.run([str(BIN / "papermill"), str(config.NOTEBOOKS_DIR / f"{tema}.ipynb"), str(koert),
                        "-p", "kommune", kommune, "-p", "periode", periode, "--no-progress-bar"],
                       check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "html", str(koert)],
                       check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def med_batch(briefs, periode: str, ud: Path, env: dict) -> tuple[float, str]:
    kommuner = ",".join(dict.fromkeys(k for k, _ in briefs))
    temaer = ",".join(dict.fromkeys(t for _, t in briefs))
    kommando = (["brief", briefs[0][1], "--kommune", briefs[0][0], "--periode", periode, "--ud", str(ud)]
                if len(briefs) == 1 else
                ["batch", "--periode", periode, "--kommuner", kommuner, "--temaer", temaer, "--ud", str(ud), "--stille"])
    t0 = time.perf_counter()
    p = subprocess.run([str(BIN / "noegletal"), *kommando], env=env, capture_output=True, text=True)
    sek = time.perf_counter() - t0
    if p.returncode != 0:
        raise SystemExit(f"noegletal {kommando[0]} fejlede ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    return sek, p.stdout.strip()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--periode", default="2018M06")
    ap.add_argument("--antal", type=int, choices=sorted(MAAL), action="append")
    ap.add_argument("--gentag", type=int, default=3, help="times the noegletal run is timed (the median counts)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="noegletal-bench-") as tmp:
        env = dict(os.environ)
        if "NOEGLETAL_DATA" not in env:
            print("Laver demodata (ikke med i tiden) …", flush=True)
            env["NOEGLETAL_DATA"] = os.path.join(tmp, "data")
            subprocess.run([str(BIN / "noegletal"), "data", "demo"], check=True, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for antal in a.antal or sorted(MAAL):
            briefs = grid(antal)
            print(f"{len(briefs)} brief(s) for {a.periode}: {len(set(k for k, _ in briefs))} kommune(r) × "
                  f"{', '.join(dict.fromkeys(t for _, t in briefs))}", flush=True)
            hvad = "noegletal brief" if antal == 1 else "noegletal batch"
            tider, cpu = [], []
            midt = (a.gentag + 1) // 2  # the naive loop in the middle: the machine's drift counts on both sides
            for gang in range(a.gentag + 1):
                c0 = cpu_boern()
                if gang == midt:
                    n = naiv(briefs, a.periode, Path(tmp) / f"naiv{antal}", env)
                    c_n = cpu_boern() - c0
                    print(f"  {'papermill + nbconvert (naiv):':28s} {n:7.1f} s  ({n / len(briefs):.2f} s pr. "
                          f"brief); CPU {c_n:6.1f} s", flush=True)
                    continue
                b, _ = med_batch(briefs, a.periode, Path(tmp) / f"noegletal{antal}-{gang}", env)
                tider.append(b)
                cpu.append(cpu_boern() - c0)
                print(f"  {hvad + f' ({len(tider)}. gang):':28s} {b:7.1f} s  ({b / len(briefs):.2f} s pr. brief); "
                      f"CPU {cpu[-1]:6.1f} s", flush=True)
            b, c_b = statistics.median(tider), statistics.median(cpu)
            if a.gentag > 1:
                print(f"  {hvad + ', median:':28s} {b:7.1f} s  (spænd {min(tider):.1f}-{max(tider):.1f} s)")
            print(f"  {'hastighedsforøgelse:':28s} {n / b:7.1f} ×  (mål: {MAAL[antal]}); i CPU-tid "
                  f"{c_n / max(c_b, 1e-9):.1f} ×", flush=True)


if __name__ == "__main__":
    main()
