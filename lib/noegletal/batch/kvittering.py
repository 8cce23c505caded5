"""Fingerprints and receipts: what a brief was made from, so a re-run makes only what changed.

A brief's fingerprint covers exactly its inputs:
- the raw files of the tables its tema reads (the tema declares its indicators in its contract, `TEMA`, and
  the data layer refuses any other read; the processed manifest has each table's raw sha256s, source and
  retrieval time);
- the code of its tema and of every noegletal module the tema imports, directly or not (read with `ast`),
  plus the page renderer and the catalogue;
- its notebook, its parameters, its formats and the analyst's comment file;
- the definition of each group of kommuner it uses (grupper.yml or the built-in ones).
Re-fetching one table or editing one tema remakes only the briefs that depend on it. A notebook that is
not a tema's (a test's) is fingerprinted on the whole data manifest and the whole package.
Each brief made gets `<tema>.batch.json` beside it with its fingerprint.
"""

from __future__ import annotations

import ast
import hashlib
import json
import shutil
from functools import lru_cache
from pathlib import Path

from .. import catalogue, config
from ..jobs import Job

KVITTERING = ".batch.json"  # the record beside each brief: <tema>.batch.json
_KODE_ENDELSER = {".py", ".yml", ".yaml", ".csv", ".j2", ".json"}
_ALTID = ("render", "runner.py", "catalogue.yml", "catalogue.py", "status.py")  # every brief passes these


def _sha(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def _manifest() -> dict | None:
    from ..errors import ManglendeData
    from ..processed import processed_manifest

    try:
        return processed_manifest()["tables"]
    except ManglendeData:  # a notebook that reads no data can still be made; `batch()` insists on data
        return None


def data_fingeraftryk(tabeller: list[str] | None = None) -> str:
    """The data vintage of some tables (all without `tabeller`): raw sha256s, sources, retrieval times, demo
    or not. `built_at` is left out, so rebuilding the same raw files does not make every brief again."""
    alle = _manifest()
    valgt = alle if alle is None or tabeller is None else {t: alle.get(t) for t in sorted(tabeller)}
    return _sha(json.dumps(valgt, sort_keys=True, ensure_ascii=False))


def _modul_fil(navn: str) -> Path | None:
    """The file of a noegletal module, found in the package folder (importing nothing)."""
    dele = navn.split(".")[1:]
    sti = config.PACKAGE_DIR.joinpath(*dele)
    for kandidat in (sti.with_suffix(".py"), sti / "__init__.py"):
        if kandidat.is_file():
            return kandidat
    return None


@lru_cache(maxsize=256)
def _imports(fil: Path, modul: str) -> frozenset[str]:
    """The noegletal modules a file imports (absolute and relative, module level and inside functions).
    Read once per process, as `kode_filer` is: the temaer share most of their modules, and a worker that went
    from tema to tema parsed them all again (~0.1 s a tema)."""
    pakke = modul if fil.name == "__init__.py" else modul.rpartition(".")[0]
    ud = set()
    for node in ast.walk(ast.parse(fil.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            ud |= {a.name for a in node.names if a.name.startswith("noegletal")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                dele = pakke.split(".")
                base = ".".join(dele[: len(dele) - node.level + 1] + ([base] if base else []))
            if base.startswith("noegletal"):
                ud.add(base)
                ud |= {f"{base}.{a.name}" for a in node.names}
    return frozenset(m for m in ud if _modul_fil(m) is not None)


@lru_cache(maxsize=64)
def kode_filer(tema: str) -> tuple[Path, ...]:
    """The files a tema's briefs depend on: its module's import closure within noegletal, and the renderer."""
    start = f"noegletal.themes.{tema}"
    if _modul_fil(start) is None:
        return tuple(sorted(p for p in config.PACKAGE_DIR.rglob("*")
                            if p.suffix in _KODE_ENDELSER and p.is_file() and "__pycache__" not in p.parts))
    set_, koe = set(), [start]
    while koe:
        m = koe.pop()
        if m in set_:
            continue
        set_.add(m)
        koe.extend(_imports(_modul_fil(m), m) - set_)
    filer = {_modul_fil(m) for m in set_}
    for navn in _ALTID:
        sti = config.PACKAGE_DIR / navn
        filer |= ({p for p in sti.rglob("*") if p.suffix in _KODE_ENDELSER and "__pycache__" not in p.parts}
                  if sti.is_dir() else {sti})
    return tuple(sorted(filer))


def tabeller_for(tema: str) -> list[str] | None:
    """The tables a tema reads, from its contract's indicators; None for a notebook that is no tema's."""
    from .. import themes

    if tema not in themes.navne():
        return None
    from ..themes import faelles  # the tema itself is imported here, and with it faelles

    return faelles.tabeller_for(*catalogue.med_dele(themes.kontrakt(tema).laeser))


def kode_fingeraftryk(tema: str = "") -> str:
    h = hashlib.sha256()
    for sti in kode_filer(tema):
        h.update(sti.relative_to(config.PACKAGE_DIR).as_posix().encode() + b"\0" + sti.read_bytes() + b"\0")
    return h.hexdigest()


def fingeraftryk(job: Job, tabeller: list[str] | None) -> str:
    """What a brief is made from, as one hash. `tabeller`: the tables its tema reads (`tabeller_for`, or the
    kernel's answer, so this process need not import the tema)."""
    kommentar = Path(job.kommentar).read_bytes() if job.kommentar and Path(job.kommentar).is_file() else None
    grupper_ = grupper_fingeraftryk(job)
    return _sha(json.dumps({
        "data": data_fingeraftryk(tabeller), "kode": kode_fingeraftryk(job.tema),
        "notesbog": _sha(Path(job.notesbog).read_bytes()), "parametre": job.parametre,
        "formater": list(job.formater), "kommentar": _sha(kommentar) if kommentar is not None else None,
        **({"grupper": grupper_} if grupper_ else {}),
    }, sort_keys=True, ensure_ascii=False, default=str))


def grupper_fingeraftryk(job: Job) -> str:
    """The definitions of the groups of kommuner the brief uses (its own area, its comparison areas, as the job
    resolved them), from the reference files and grupper.yml: editing one group remakes only the briefs that use
    it ('' for none)."""
    from .. import grupper

    return grupper.fingeraftryk([job.omraade, *job.sammenligning])


def kvittering_for(html: str | Path) -> Path:
    html = Path(html)
    return html.with_name(html.stem + KVITTERING)


def er_lavet(job: Job) -> bool:
    """The brief exists in every format asked for, with its receipt: only then can it be unchanged."""
    return all(job.fil(f).is_file() for f in job.formater) and kvittering_for(job.html).is_file()


def er_uaendret(job: Job) -> bool:
    """The brief exists in every format asked for and was made from exactly these inputs."""
    if not er_lavet(job):
        return False
    try:
        return json.loads(kvittering_for(job.html).read_text(encoding="utf-8")).get("fingeraftryk") == job.fingeraftryk
    except (OSError, ValueError):
        return False


def skriv_kvittering(job: Job, fingeraftryk_: str, sekunder: float, filer: dict) -> None:
    from ..tid import nu
    from ..filer import skriv_atomisk

    skriv_atomisk(kvittering_for(job.html), json.dumps({
        "fingeraftryk": fingeraftryk_, "tema": job.tema, "kommune": job.kommune, "periode": job.periode,
        "parametre": job.parametre, "notesbog": job.notesbog, "formater": filer,
        "dannet": nu().isoformat(timespec="seconds"), "sekunder": round(sekunder, 2)},
        ensure_ascii=False, indent=1, default=str) + "\n")


def ryd_midlertidige(html: str | Path) -> None:
    """Remove what an interrupted write of this brief can leave: '.<tema>.*' temporaries beside it and in
    _fejlede/ (never a finished file: those have no leading dot), and an empty _fejlede/."""
    html = Path(html)
    fejlede = html.parent / "_fejlede"
    for mappe in (html.parent, fejlede):
        if mappe.is_dir():
            for sti in mappe.glob(f".{html.stem}.*"):
                shutil.rmtree(sti, ignore_errors=True) if sti.is_dir() else sti.unlink(missing_ok=True)
    if fejlede.is_dir() and not any(fejlede.iterdir()):
        fejlede.rmdir()
