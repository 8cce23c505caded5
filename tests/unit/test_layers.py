"""The package's own imports, read with `ast`: no circles, and reading never imports building.

Reading (what a notebook kernel loads: data, themes, figures, brief, fortælling, …) must not import
building (pipeline, sources, raw, checks), so a kernel loads pandas, matplotlib and the reading layer and
nothing else; every import is counted, also one inside a function.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from noegletal import config

PAKKE = config.PACKAGE_DIR
LAESNING = ("data", "maaltal", "pointer", "themes", "figures", "brief", "fortaelling", "params", "geo", "fmt", "periods", "usikkerhed",
            "ranking", "catalogue", "klynger", "processed", "csvtal", "grupper")
BYGNING = ("pipeline", "sources", "raw", "checks", "egne_import", "datatjek")
FREMSTILLING = ("jobs", "batch", "runner", "render", "rapport", "kommentarer", "dokument", "cli")  # making briefs: never read from below


def _modul(sti: Path) -> str:
    dele = list(sti.relative_to(PAKKE.parent).with_suffix("").parts)
    return ".".join(dele[:-1] if dele[-1] == "__init__" else dele)


def _graf() -> dict[str, set[str]]:
    moduler = {_modul(p): p for p in PAKKE.rglob("*.py")}
    graf = {}
    for navn, sti in moduler.items():
        pakke = navn if sti.name == "__init__.py" else navn.rpartition(".")[0]
        ud = set()
        for node in ast.walk(ast.parse(sti.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                ud |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    d = pakke.split(".")
                    base = ".".join(d[: len(d) - node.level + 1] + ([base] if base else []))
                ud |= {f"{base}.{a.name}" if f"{base}.{a.name}" in moduler else base for a in node.names}
        graf[navn] = {m for m in ud if m in moduler and m != navn}
    return graf


def _kredse(graf: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    indeks, lav, stak, paa, ud, n = {}, {}, [], set(), [], [0]

    def besoeg(v):
        indeks[v] = lav[v] = n[0]
        n[0] += 1
        stak.append(v)
        paa.add(v)
        for w in graf[v]:
            if w not in indeks:
                besoeg(w)
                lav[v] = min(lav[v], lav[w])
            elif w in paa:
                lav[v] = min(lav[v], indeks[w])
        if lav[v] == indeks[v]:
            del_ = []
            while True:
                w = stak.pop()
                paa.discard(w)
                del_.append(w)
                if w == v:
                    break
            if len(del_) > 1:
                ud.append(sorted(del_))

    for v in graf:
        if v not in indeks:
            besoeg(v)
    return ud


def _lag(navn: str) -> str:
    return navn.split(".")[1] if navn.count(".") else ""


def test_no_import_circles():
    assert _kredse(_graf()) == []


def test_reading_never_imports_building_or_making():
    graf = _graf()
    opad = sorted((m, w) for m, ud in graf.items() if _lag(m) in LAESNING for w in ud
                  if _lag(w) in BYGNING + FREMSTILLING)
    assert opad == []


def test_the_circle_check_finds_a_circle():
    assert _kredse({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_importing_the_reading_layer_loads_no_http_client():
    kode = ("import sys, noegletal.data, noegletal.themes.ledighed, noegletal.figures, noegletal.brief\n"
            "bad = [m for m in ('requests', 'urllib3', 'noegletal.pipeline', 'noegletal.sources') if m in sys.modules]\n"
            "print(','.join(bad))")
    ud = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True, check=True).stdout.strip()
    assert ud == ""


def test_a_job_is_checked_and_its_kernel_started_before_the_heavy_libraries_load(tmp_path):
    """`noegletal brief` launches its kernel before this process loads pandas, matplotlib, nbconvert or
    papermill (they load while the kernel boots): building and checking a job, and importing the batch
    package, must not pull them in."""
    kode = ("import sys\n"
            "from noegletal import cli, jobs, batch\n"
            f"jobs.job('ledighed', 'Ballerup', '2018M06', ud={str(tmp_path)!r})\n"
            "jobs.kontroller_ekstra({'maaneder': 13}, {'ledighed': jobs.notesbog_for('ledighed')})\n"
            "bad = [m for m in ('pandas', 'matplotlib', 'nbconvert', 'papermill', 'nbformat') if m in sys.modules]\n"
            "print(','.join(bad))")
    ud = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True, check=True).stdout.strip()
    assert ud == ""


def test_a_worker_writes_its_pages_without_pandas_or_matplotlib():
    """A batch worker only passes notebooks to its kernel and turns the results into pages, and the parent
    writes the overview page at the end: the data and the charts live in the kernels, so neither pays for
    loading them."""
    kode = ("import sys\n"
            "from noegletal import runner\n"
            "from noegletal.batch import arbejder, kvittering, oversigt\n"
            "from noegletal.render import index\n"
            "from noegletal.render import forbered_eksport\n"
            "forbered_eksport()\n"
            "bad = [m for m in ('pandas', 'matplotlib', 'seaborn') if m in sys.modules]\n"
            "print(','.join(bad))")
    ud = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True, check=True).stdout.strip()
    assert ud == ""


def test_notebook_parameters_are_read_as_papermill_reads_them():
    import papermill
    from noegletal import jobs

    for tema in jobs.temaer_med_notesbog():
        nb = jobs.notesbog_for(tema)
        egne = jobs.notesbogens_parametre(nb)
        papermills = papermill.inspect_notebook(str(nb))
        assert list(egne) == list(papermills), tema
        assert {n: p["default"] for n, p in egne.items()} == {n: p["default"] for n, p in papermills.items()}, tema
