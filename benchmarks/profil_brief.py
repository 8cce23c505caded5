"""Where a batch brief's CPU goes: one worker and its kernel, profiled over a fixed set of briefs.

Run: `.venv/bin/python benchmarks/profil_brief.py [--kommuner 4] [--periode 2018M06] [--top 15] [--gem MAPPE]
[--uden-profil | --py-spy STI]`. Makes the briefs of the first `--kommuner` kommuner (after one more to warm
up) × every tema in this process as a batch worker does (`koer_en` in a kept kernel), tema by tema; the first
brief of each tema is not counted (its tables are read then). Prints the CPU seconds per brief of this process
(the worker side: parameterising, running the cells, HTML, e-mail check, writing) and of the kernel (the
notebook: data, text, charts), then each side's top functions by cumulative and by own time (cProfile's wall
clock: time one side waits for the other shows as poll/select). The profiler slows the code it measures about
1.5-2 ×: the split and the ranking are what it is for. `--uden-profil` prints only the CPU seconds per brief;
`--py-spy STI` samples both processes with py-spy instead (low overhead; not installed with the project:
`pip install py-spy` elsewhere), collapsed stacks into `--gem`. Uses NOEGLETAL_DATA, or makes demo data in a
temporary folder first. `batch_all.py --antal N` gives the CPU of a whole batch, startup included.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

BIN = Path(sys.executable).parent
KERNE_START = ("import cProfile as _c, noegletal.batch.kerne as _k\n"
               "_k._PROFIL = _c.Profile()\n_k._PROFIL.enable()\ndel _c, _k")
KERNE_STOP = ("import noegletal.batch.kerne as _k\n_k._PROFIL.disable()\n_k._PROFIL.dump_stats({sti!r})\n"
              "del _k")


def top(stats: pstats.Stats, noegle: str, n: int) -> str:
    ud = io.StringIO()
    stats.stream = ud
    stats.sort_stats(noegle).print_stats(n)
    linjer = ud.getvalue().splitlines()
    start = next((i for i, linje in enumerate(linjer) if linje.lstrip().startswith("ncalls")), 0)
    return "\n".join(linjer[start:])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--periode", default="2018M06")
    ap.add_argument("--kommuner", type=int, default=4)
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--gem", help="folder to keep the profiles in (arbejder.prof, kerne.prof) for pstats")
    ap.add_argument("--py-spy", metavar="PY_SPY", help="sample the worker and the kernel with this py-spy instead "
                    "of cProfile (low overhead; collapsed stacks to --gem)")
    ap.add_argument("--uden-profil", action="store_true", help="only the CPU seconds, without the profiler")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="noegletal-profil-") as tmp:
        if "NOEGLETAL_DATA" not in os.environ:
            print("Laver demodata (ikke med i tiden) …", flush=True)
            os.environ["NOEGLETAL_DATA"] = os.path.join(tmp, "data")
            subprocess.run([str(BIN / "noegletal"), "data", "demo"], check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        from noegletal import jobs
        from noegletal.batch.arbejder import Kerne, koer_en

        temaer = jobs.temaer_med_notesbog()
        alle = [k.navn for k in jobs.vaelg_kommuner(jobs.ALLE)]
        kommuner = alle[: a.kommuner + 1]
        grid = jobs.grid(kommuner, temaer, a.periode, ud=Path(tmp) / "ud")
        # tema by tema, as the batch hands them out; the first kommune of each tema warms up
        grid.sort(key=lambda j: temaer.index(j.tema))
        kerne = Kerne()
        kerne.klar()
        kproc = psutil.Process(kerne.pid)
        profil = cProfile.Profile()
        if a.py_spy:
            a.uden_profil = True
            Path(a.gem).mkdir(parents=True, exist_ok=True)
            spioner = [subprocess.Popen([a.py_spy, "record", "--pid", str(pid), "--rate", "250", "--format", "raw",
                                         "--nonblocking", "-o", str(Path(a.gem) / f"{navn}.txt")],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                       for navn, pid in (("arbejder", os.getpid()), ("kerne", kerne.pid))]
        cpu_arbejder = cpu_kerne = 0.0
        talt = 0
        for nr, job in enumerate(grid):
            maal = job.kommune != kommuner[0]
            if maal and not a.uden_profil:
                kerne._stille(KERNE_START)
            if maal:
                k0, a0 = sum(kproc.cpu_times()[:2]), time.process_time()
                if not a.uden_profil:
                    profil.enable()
            res = koer_en(kerne, nr, job, keep_notebook=True)
            if maal:
                profil.disable()
                cpu_arbejder += time.process_time() - a0
                cpu_kerne += sum(kproc.cpu_times()[:2]) - k0
                if not a.uden_profil:
                    kerne._stille(KERNE_STOP.format(sti=str(Path(tmp) / f"kerne{nr}.prof")))
                talt += 1
            if res.status != "dannet":
                print(f"  {job.kommune} {job.tema}: {res.status}: {res.grund}", flush=True)
        if a.py_spy:
            for spion in spioner:
                spion.send_signal(signal.SIGINT)
                spion.wait()
        kerne.stop()
        print(f"{talt} briefs ({len(kommuner) - 1} kommuner × {len(temaer)} temaer, {a.periode}), målt efter en "
              f"brief pr. tema til opvarmning")
        hvordan = "uden profiler" if a.uden_profil else "med profileren, der gør alt 1,5-2 gange langsommere"
        print(f"CPU pr. brief: arbejdsprocessen {cpu_arbejder / talt:.3f} s, kernen {cpu_kerne / talt:.3f} s, "
              f"i alt {(cpu_arbejder + cpu_kerne) / talt:.3f} s ({hvordan})")
        if a.uden_profil:
            return
        kerne_stats = pstats.Stats(*[str(p) for p in Path(tmp).glob("kerne*.prof")])
        if a.gem:
            Path(a.gem).mkdir(parents=True, exist_ok=True)
            profil.dump_stats(str(Path(a.gem) / "arbejder.prof"))
            kerne_stats.dump_stats(str(Path(a.gem) / "kerne.prof"))
        for navn, st in (("ARBEJDSPROCESSEN", pstats.Stats(profil)), ("KERNEN", kerne_stats)):
            print(f"\n=== {navn}: efter samlet tid (cumulative) ===")
            print(top(st, "cumulative", a.top))
            print(f"\n=== {navn}: efter egen tid (tottime) ===")
            print(top(st, "tottime", a.top))


if __name__ == "__main__":
    main()
