"""All 98 kommuner × every tema with a notebook, from a cold start: wall time and peak memory.

Run: `.venv/bin/python benchmarks/batch_all.py [--periode 2018M06] [--workers N] [--antal N]`. Uses
NOEGLETAL_DATA, or makes demo data in a temporary folder first (not timed). Outputs go to a temporary folder.
`noegletal batch` runs as a fresh process (fresh workers and kernels); every 0.2 s the resident memory (RSS)
of its whole process tree (the parent, the workers and their kernels) is added up. RSS counts shared library
pages once per process, so the peak printed is an upper bound. Target on a 2-core machine: at most 2.5
minutes; memory under 4 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

BIN = Path(sys.executable).parent


def demo_data(tmp: str) -> None:
    print("Laver demodata (ikke med i tiden) …", flush=True)
    subprocess.run([str(BIN / "noegletal"), "data", "demo"], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, env={**os.environ, "NOEGLETAL_DATA": tmp})


class Maaler(threading.Thread):
    """Samples the summed RSS of a process and all its descendants."""

    def __init__(self, pid: int, interval: float = 0.2):
        super().__init__(daemon=True)
        self.rod = psutil.Process(pid)
        self.interval = interval
        self.top = 0
        self.top_antal = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                procs = [self.rod, *self.rod.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            total = 0
            for p in procs:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            if total > self.top:
                self.top, self.top_antal = total, len(procs)
            self.stop.wait(self.interval)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--periode", default="2018M06")
    ap.add_argument("--workers", type=int)
    ap.add_argument("--kommuner", default="alle")
    ap.add_argument("--temaer", default="alle")
    ap.add_argument("--antal", type=int, help="only the first N briefs of the grid (whole kommuner, every tema): "
                    "a quicker figure to compare two versions by (the start of workers and kernels weighs more)")
    a = ap.parse_args()
    if a.antal:
        from noegletal import jobs

        temaer = jobs.vaelg_temaer(a.temaer)
        kommuner = [k.navn for k in jobs.vaelg_kommuner(a.kommuner)]
        a.kommuner = ",".join(kommuner[: max(1, -(-a.antal // len(temaer)))])

    with tempfile.TemporaryDirectory(prefix="noegletal-batch-") as tmp:
        env = dict(os.environ)
        if "NOEGLETAL_DATA" not in env:
            env["NOEGLETAL_DATA"] = os.path.join(tmp, "data")
            demo_data(env["NOEGLETAL_DATA"])
        ud = Path(tmp) / "ud"
        cmd = [str(BIN / "noegletal"), "batch", "--periode", a.periode, "--kommuner", a.kommuner,
               "--temaer", a.temaer, "--ud", str(ud), "--stille"]
        if a.workers:
            cmd += ["--workers", str(a.workers)]
        print("Kører:", " ".join(cmd[1:]), flush=True)
        belastning = os.getloadavg()[0]
        cpu_foer = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        maaler = Maaler(proc.pid)
        maaler.start()
        out, err = proc.communicate()
        sek = time.perf_counter() - t0
        maaler.stop.set()
        maaler.join()
        cpu_efter = resource.getrusage(resource.RUSAGE_CHILDREN)

        print(out.strip())
        if proc.returncode not in (0, 2):
            print(err.strip(), file=sys.stderr)
            raise SystemExit(f"noegletal batch fejlede med kode {proc.returncode}")
        kvitteringer = list(ud.rglob("*.batch.json"))
        tider = [json.loads(k.read_text())["sekunder"] for k in kvitteringer]
        briefs = len(kvitteringer)
        cpu = sum(getattr(cpu_efter, f) - getattr(cpu_foer, f) for f in ("ru_utime", "ru_stime"))
        print(f"\nbriefs dannet:        {briefs}")
        print(f"vægtid, kold start:   {sek:6.1f} s  ({sek / 60:.1f} min; mål: højst 2,5 min)")
        if briefs:
            print(f"pr. brief:            {sek / briefs:6.2f} s vægtid; {sum(tider) / briefs:.2f} s i en arbejdsproces")
        print(f"CPU-tid i procestræet: {cpu:6.1f} s ({cpu / max(briefs, 1):.2f} s pr. brief; "
              f"{psutil.cpu_count()} kerner; belastning før start {belastning:.1f})")
        print(f"største samlede RSS:  {maaler.top / 1e9:6.2f} GB over {maaler.top_antal} processer "
              f"(forælder, arbejdsprocesser og kerner; budget 4 GB)")


if __name__ == "__main__":
    main()
