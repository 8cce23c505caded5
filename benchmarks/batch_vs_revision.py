"""The same batch made by this checkout and by another revision of noegletal, in turn, on this machine.

Why: the speed of a shared 2-core machine varies from day to day (here the naive papermill loop has taken from
9.6 to 17 s per brief on different days), so a target set in seconds only says something when the code it was
set against runs on the same machine in the same hour. This makes that comparison.

Run: `.venv/bin/python benchmarks/batch_vs_revision.py REVISION [--kommuner alle] [--gange 1]`
(REVISION: a commit or tag of this repository). The revision is checked out as a git worktree in a temporary
folder and installed into its own virtualenv (pip, from the package registry); each side writes its own demo
data (not timed); then `noegletal batch` makes the same grid (`--kommuner` × every tema with a notebook) with
each side in turn, `--gange` times, each time into an empty folder from fresh processes. Printed per side: wall
time, CPU time of the whole process tree, briefs made and the CPU time per brief. Without REVISION it only
says how to run it (so `make bench` passes over it).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROD = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def koer(cmd: list[str], **kw) -> None:
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} fejlede ({p.returncode}):\n{(p.stderr or p.stdout)[-2000:]}")


def installer(revision: str, mappe: Path) -> Path:
    """The revision checked out in `mappe` with its own virtualenv; returns that virtualenv's bin folder."""
    print(f"Henter {revision} og installerer den i {mappe} (ikke med i tiden) …", flush=True)
    koer(["git", "-C", str(ROD), "worktree", "add", "--detach", str(mappe), revision])
    koer([sys.executable, "-m", "venv", str(mappe / ".venv")])
    koer([str(mappe / ".venv/bin/python"), "-m", "pip", "install", "--quiet", "-e", str(mappe)])
    return mappe / ".venv/bin"


def demodata(bin_: Path, mappe: Path) -> dict:
    env = {**os.environ, "NOEGLETAL_DATA": str(mappe)}
    koer([str(bin_ / "noegletal"), "data", "demo"], env=env)
    return env


def batch(bin_: Path, env: dict, periode: str, kommuner: str, ud: Path) -> tuple[float, float, int]:
    """Wall time, CPU time of the process tree and briefs made by one `noegletal batch` from cold."""
    shutil.rmtree(ud, ignore_errors=True)
    cpu_foer = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run([str(bin_ / "noegletal"), "batch", "--periode", periode, "--kommuner", kommuner,
                        "--temaer", "alle", "--ud", str(ud), "--stille"], env=env, capture_output=True, text=True)
    sek = time.perf_counter() - t0
    cpu_efter = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        raise SystemExit(f"noegletal batch fejlede ({p.returncode}) i {bin_.parent.parent}:\n{p.stdout}\n{p.stderr}")
    cpu = sum(getattr(cpu_efter, f) - getattr(cpu_foer, f) for f in ("ru_utime", "ru_stime"))
    briefs = sum(1 for f in (ud / periode).rglob("*.html") if f.name != "index.html")
    return sek, cpu, briefs


def stoerrelser(foer: Path, efter: Path, revision: str) -> None:
    """Each brief's HTML in bytes on both sides (the last run's), and the largest growth."""
    a = {f.relative_to(foer): f.stat().st_size for f in foer.rglob("*.html") if f.name != "index.html"}
    b = {f.relative_to(efter): f.stat().st_size for f in efter.rglob("*.html") if f.name != "index.html"}
    faelles = sorted(set(a) & set(b))
    if not faelles:
        return
    print(f"\nStørrelse pr. brief (bytes): {revision} → denne checkout")
    for navn in faelles:
        print(f"  {str(navn):60s} {a[navn]:9,d} → {b[navn]:9,d}  ({b[navn] / a[navn] - 1:+.1%})")
    vaekst = max(b[n] / a[n] - 1 for n in faelles)
    print(f"  største vækst: {vaekst:+.1%} (mål: højst +10 %); i alt {sum(a[n] for n in faelles):,d} → "
          f"{sum(b[n] for n in faelles):,d}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("revision", nargs="?", help="en commit eller et tag at sammenligne med")
    ap.add_argument("--periode", default="2018M06")
    ap.add_argument("--kommuner", default="Ballerup,Herlev,Aarhus,Læsø")
    ap.add_argument("--gange", type=int, default=1, help="antal kørsler pr. side, skiftevis")
    a = ap.parse_args()
    if not a.revision:
        print("Angiv en revision at sammenligne med, fx: .venv/bin/python benchmarks/batch_vs_revision.py 45dc9f9")
        return

    tmp = Path(tempfile.mkdtemp(prefix="noegletal-revision-"))
    try:
        sider = {a.revision: installer(a.revision, tmp / "revision"), "denne checkout": BIN}
        miljoe = {navn: demodata(b, tmp / f"data-{i}") for i, (navn, b) in enumerate(sider.items())}
        maalt: dict[str, list[tuple[float, float, int]]] = {navn: [] for navn in sider}
        for gang in range(a.gange):
            for i, (navn, b) in enumerate(sider.items()):
                maalt[navn].append(batch(b, miljoe[navn], a.periode, a.kommuner, tmp / f"ud-{i}"))
                sek, cpu, n = maalt[navn][-1]
                print(f"  {gang + 1}. {navn:16s} {sek:7.1f} s vægtid, {cpu:7.1f} s CPU, {n} briefs", flush=True)
        print(f"\n{a.kommuner} × alle temaer for {a.periode}, bedste af {a.gange}:")
        bedst = {navn: min(v) for navn, v in maalt.items()}
        for navn, (sek, cpu, n) in bedst.items():
            print(f"  {navn:16s} {sek:7.1f} s ({sek / 60:.1f} min) vægtid; {cpu / max(n, 1):.2f} s CPU pr. brief; "
                  f"{n} briefs")
        (gammel, gl_cpu, gl_n), (ny, ny_cpu, ny_n) = bedst.values()
        print(f"  denne checkout er {gammel / ny:.2f} × så hurtig som {a.revision} i vægtid, "
              f"{(gl_cpu / max(gl_n, 1)) / (ny_cpu / max(ny_n, 1)):.2f} × i CPU-tid pr. brief")
        stoerrelser(tmp / "ud-0", tmp / "ud-1", a.revision)
    finally:
        subprocess.run(["git", "-C", str(ROD), "worktree", "remove", "--force", str(tmp / "revision")],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
