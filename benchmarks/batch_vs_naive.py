"""The same 20 demo briefs made twice, side by side: as an analyst does it today (one `papermill` and one
`jupyter nbconvert --to html` command per brief) and with `noegletal batch`.

Run: `.venv/bin/python benchmarks/batch_vs_naive.py [--periode 2018M06]`. Uses NOEGLETAL_DATA, or makes demo data
in a temporary folder first (not timed). The 20 briefs are 20 kommuner × the first tema with a notebook when
only one tema has one, else 4 kommuner × up to 5 temaer. Both ways start from fresh processes and write into
their own temporary folders. Target on this 2-core machine: `noegletal batch` at least 8 times faster.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
KOMMUNER = ["Ballerup", "Herlev", "Aarhus", "Læsø", "Odense", "Vejle", "København", "Esbjerg", "Holbæk", "Tønder",
            "Aalborg", "Gentofte", "Ishøj", "Svendborg", "Viborg", "Bornholm", "Fanø", "Skive", "Lolland", "Rebild"]


def grid() -> list[tuple[str, str]]:
    from noegletal import batch

    temaer = batch.temaer_med_notesbog()[:5]
    pr_tema = -(-20 // len(temaer))
    return [(k, t) for k in KOMMUNER[:pr_tema] for t in temaer][:20]


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
    t0 = time.perf_counter()
    p = subprocess.run([str(BIN / "noegletal"), "batch", "--periode", periode, "--kommuner", kommuner,
                        "--temaer", temaer, "--ud", str(ud), "--stille"],
                       env=env, capture_output=True, text=True)
    sek = time.perf_counter() - t0
    if p.returncode != 0:
        raise SystemExit(f"noegletal batch fejlede ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    return sek, p.stdout.strip()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--periode", default="2018M06")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="noegletal-bench-") as tmp:
        env = dict(os.environ)
        if "NOEGLETAL_DATA" not in env:
            print("Laver demodata (ikke med i tiden) …", flush=True)
            env["NOEGLETAL_DATA"] = os.path.join(tmp, "data")
            subprocess.run([str(BIN / "noegletal"), "data", "demo"], check=True, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        briefs = grid()
        print(f"{len(briefs)} briefs for {a.periode}: {len(set(k for k, _ in briefs))} kommuner × "
              f"{', '.join(dict.fromkeys(t for _, t in briefs))}", flush=True)
        b, opsummering = med_batch(briefs, a.periode, Path(tmp) / "batch", env)
        print(f"noegletal batch:              {b:7.1f} s  ({b / len(briefs):.2f} s pr. brief)", flush=True)
        n = naiv(briefs, a.periode, Path(tmp) / "naiv", env)
        print(f"papermill + nbconvert (naiv): {n:7.1f} s  ({n / len(briefs):.2f} s pr. brief)")
        print(f"hastighedsforøgelse:          {n / b:7.1f} ×  (mål: mindst 8 ×)")
        print(f"load average ved slut: {os.getloadavg()[0]:.1f} på {os.cpu_count()} kerner")
        print("\n" + opsummering)


if __name__ == "__main__":
    main()
