"""Making briefs: one (`noegletal brief`) or a grid (`noegletal batch`), by one route.

A brief is a `jobs.Job`; `koer()` makes a list of them. One worker process per core keeps ONE Jupyter
kernel alive and runs brief after brief in it, so imports, the tables read by `noegletal.data` and the
nbconvert exporter are paid once per worker; a single brief runs the same code in this process.

Each brief stays isolated and is made the same way alone or in a batch:
- the notebook is parameterised by papermill's own `parameterize_notebook` (same injected cell);
- before each brief the kernel's namespace is wiped (as `%reset -f` does), pyplot figures are closed, matplotlib's
  settings are put back and the working folder is the notebook's (kerne.py);
- the executed notebook goes through `runner.skriv_brief`: rendered, e-mail-checked and written
  atomically, or kept in `_fejlede/` when anything fails; then the other formats are made from the HTML;
- a kernel that dies, or a cell that runs past `tidsgraense`, fails that brief and the kernel is restarted.

One failing brief never stops the others. A brief's fingerprint (kvittering.py) covers the tables its tema
reads, its tema's code, its notebook, parameters, formats and comment; a re-run skips a brief whose files
exist and whose fingerprint is unchanged (`tving=True` makes it anyway). `outputs/<periode>/index.html`
lists every brief with its status and formats (oversigt.py). The package: kerne.py (kernel side),
arbejder.py (the kernel and one brief), planlaegger.py (workers and stopping), kvittering.py, oversigt.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from .. import config, jobs
from ..errors import BriefFejl, FilFejl
from ..status import Opsummering, Resultat
from .planlaegger import TIDSGRAENSE, default_workers, koer

__all__ = ["batch", "brief", "koer", "rapport", "default_workers", "TIDSGRAENSE"]


def brief(tema: str, kommune: str, periode: str | None = None, ud: str | Path | None = None, *,
          formater: Sequence[str] = ("html",), kommentar: str | Path | None = None, tving: bool = True,
          parametre: dict | None = None, **flere) -> Path:
    """One brief (a batch of one, made in this process): the HTML's path, the other formats beside it.
    Without `periode` the notebook's own default; a brief that fails raises `BriefFejl` with the Danish
    reason and writes no file. The notebook's other parameters: `parametre` (as `-p` gives them, where
    `kommune` is refused in Danish) and keyword arguments, checked here once."""
    ekstra = jobs.kontroller_ekstra({**(parametre or {}), **flere}, {tema: jobs.notesbog_for(tema)})[tema]
    job = jobs.job(tema, kommune, periode, ud=ud, formater_=formater, kommentar=kommentar, **ekstra)
    opsummering = koer([job], workers=1, tving=tving, vis_fremdrift=False)
    res = opsummering.resultater[0]
    if opsummering.afbrudt:
        raise opsummering.afbrydelse()
    if res.status == "fejlet":
        if res.fejltype == FilFejl.__name__:  # the disk, not the brief: exit 74 (errors.FilFejl)
            raise FilFejl(res.besked or res.grund, sti=res.html)
        raise BriefFejl(res.besked or res.grund, notesbog=res.notesbog, ename=res.fejltype or None)
    for advarsel in res.advarsler:
        import sys

        print(f"Bemærk: {advarsel}", file=sys.stderr)
    return Path(res.filer["html"])


def batch(kommuner: str | Sequence[str] = jobs.ALLE, temaer: str | Sequence[str] = jobs.ALLE, periode: str = "",
          ud: str | Path | None = None, *, parametre: dict | None = None, formater: Sequence[str] = ("html",),
          workers: int | None = None, tving: bool = False, tidsgraense: float | None = TIDSGRAENSE,
          vis_fremdrift: bool = True, ved_haendelse: Callable | None = None, rapporter: bool = False,
          vent: bool = False, kommando: str | None = None, tillad_mangler: bool = False) -> Opsummering:
    """Every brief of the grid for one period (and with `rapporter` one report per kommune: failed when a
    chapter is missing, unless `tillad_mangler`), then the overview page; what `noegletal batch` runs."""
    from ..processed import processed_manifest
    from .oversigt import skriv_index

    grid = jobs.grid(kommuner, temaer, periode, ud, parametre, formater)  # every name checked before anything starts
    p = grid[0].perioden if grid else jobs.parse_periode(periode)  # resolved once, by the jobs
    processed_manifest()  # no processed data: a clear message now, not one failure per brief
    rod = config.udmappe(ud)  # nor for an output folder that cannot be written
    with _udmappe_laast(rod, p, kommando, vent):  # a second run on the same period: says who, and waits or stops
        opsummering = koer(grid, workers=workers, tving=tving, tidsgraense=tidsgraense, vis_fremdrift=vis_fremdrift,
                           ved_haendelse=ved_haendelse)
        if rapporter and not opsummering.afbrudt:
            foerste: dict = {}
            for j in grid:
                foerste.setdefault(j.omraade, j)  # each kommune's first job: its area and comparison areas
            maaltal = _maaltal_liste(parametre)
            for job in foerste.values():
                mine = [r for r in opsummering.resultater if r.kommune == job.kommune]
                opsummering.resultater.append(_saml_rapport(job.omraade, p, ud, formater, mine, tillad_mangler,
                                                            sammenligning=job.sammenligning, maaltal=maaltal))
    try:
        opsummering.index = skriv_index(opsummering, rod, p, {j.kommune: j.omraade for j in grid})
    except OSError as e:  # a full disk must not lose the list of what failed: the summary still shows it
        from ..errors import fil_fejl
        from ..status import Resultat

        sti = Path(rod) / p.kode / "index.html"
        tekst = (f"Oversigten kunne ikke skrives: {fil_fejl(e, sti)} Færdige briefs springes over, når samme "
                 "kommando køres igen.")
        opsummering.resultater.append(Resultat(-1, "oversigt", "", str(sti), "fejlet", tekst, besked=tekst,
                                               fejltype=FilFejl.__name__))
    return opsummering


def _udmappe_laast(rod: Path, p, kommando: str | None, vent: bool):
    """One run at a time per period folder (laas.py: who holds it and since when; --vent waits)."""
    from .. import laas

    return laas.laas(Path(rod) / p.kode, kommando, vent=vent, hvad="Udmappen")


def rapport(kommune: str, periode: str, ud: str | Path | None = None, *, formater: Sequence[str] = ("html",),
            temaer: str | Sequence[str] = jobs.ALLE, workers: int | None = None, tving: bool = False,
            vis_fremdrift: bool = True, vent: bool = False, kommando: str | None = None,
            tillad_mangler: bool = False, parametre: dict | None = None,
            dokument: str | Path | None = None) -> Path:
    """One report for one kommune: every tema's brief (made, or kept when unchanged), then put together as
    one document (rapport.py) in the formats asked for. Returns the report's HTML. `parametre` go to each
    notebook that has them, as in `batch` (fx sammenligning). A missing chapter fails it (nothing written)
    with each missing chapter and why, unless `tillad_mangler`: then it is written with the gaps stated, and
    they are printed."""
    from .. import dokument as dokument_
    from ..errors import UgyldigParameter

    k = jobs.vaelg_kommuner(kommune)  # the one kommune check, once for the report and all its briefs
    if len(k) != 1:
        raise UgyldigParameter(f"En rapport er for én kommune, ikke {len(k)}. Rapporter for flere kommuner laves med "
                               "`noegletal batch --rapport`.")
    k, p = k[0], jobs.parse_periode(periode)  # the report's period: a month, or a quarter or year
    standard = dokument_.standard_fil(k, p)
    dok = dokument_.laes(dokument) if dokument else dokument_.laes(standard) if standard.is_file() else None
    if dok is not None and dok.sammenligning and not (parametre or {}).get("sammenligning"):
        parametre = {**(parametre or {}), "sammenligning": ",".join(dok.sammenligning)}  # the briefs compare alike
    if dok is not None and dok.maaltal is not None and "maaltal" not in (parametre or {}):
        # only the indicators dokument.yml names carry måltal: in the chapters' blocks as in the key points
        parametre = {**(parametre or {}), "maaltal": ",".join(dok.maaltal) or "ingen"}
    # a quarter's or year's report is made of that quarter's or year's briefs (outputs/2023K2/…; their monthly
    # figures are of its last month): the one rule of `noegletal brief --periode 2023K2`
    grid = jobs.grid(k, temaer, p, ud, parametre, ("html",))
    rod = config.udmappe(ud)
    with _udmappe_laast(rod, p, kommando, vent):
        opsummering = koer(grid, workers=workers, tving=tving, vis_fremdrift=vis_fremdrift)
        if opsummering.afbrudt:
            raise opsummering.afbrydelse()
        res = _saml_rapport(k, p, ud, formater, opsummering.resultater, tillad_mangler,
                            sammenligning=grid[0].sammenligning, dok=dok,
                            maaltal=_maaltal_liste(parametre))
    for advarsel in res.advarsler:
        import sys

        print(f"Bemærk: {advarsel}", file=sys.stderr)
    if res.status == "fejlet":
        if res.fejltype == FilFejl.__name__:
            raise FilFejl(res.besked or res.grund, sti=res.html)
        raise BriefFejl(res.besked or res.grund)
    return Path(res.html)


def _maaltal_liste(parametre: dict | None) -> frozenset[str] | None:
    """The indicators whose måltal the report's briefs showed (their `maaltal` parameter, read as they read it),
    so the key points carry the same måltal as the blocks: None for every one."""
    from ..params import valider_maaltal

    return valider_maaltal((parametre or {}).get("maaltal"))


def _saml_rapport(omraade, p, ud, formater: Sequence[str], resultater, tillad_mangler: bool = False,
                  sammenligning=(), dok=None, maaltal=None) -> Resultat:
    """The report of one kommune from its briefs' results; a result (status dannet or fejlet) for the overview.
    `omraade`, `p` and `sammenligning` come resolved from the briefs' jobs (the report's period may be a quarter or a
    year). A missing chapter makes it fejlet and writes nothing, unless `tillad_mangler` (then a warning)."""
    from .. import rapport as rapport_
    from ..errors import NoegletalFejl, fil_fejl
    from ..render import check_email_safe
    from ..filer import skriv_atomisk
    from ..status import DANNET, FEJLET, Resultat

    sti = rapport_.sti(omraade, p, ud)
    res = Resultat(-1, rapport_.RAPPORT_NAVN, omraade.navn, str(sti), FEJLET)
    kapitler = [rapport_.Kapitel(r.tema, Path(r.html) if r.status in ("dannet", "uændret") else None,
                                 rapport_.dansk_grund(r.grund, r.fejltype))
                for r in resultater if r.tema != rapport_.RAPPORT_NAVN]
    manglende = [k for k in kapitler if k.html is None]
    if manglende:
        hvad = (f"{len(manglende)} af {len(kapitler)} kapitler mangler i rapporten for {omraade.navn} "
                f"({', '.join(k.tema for k in manglende)})")
        if not tillad_mangler:
            res.grund = f"Ikke skrevet: {hvad}."
            res.besked = (f"Rapporten er ikke skrevet, fordi {hvad}:\n{rapport_.mangler(kapitler)}\nRet det, der står "
                          "ved hvert kapitel, og kør kommandoen igen, eller skriv rapporten med hullerne med "
                          "--tillad-mangler.")
            if any(r.fejltype == FilFejl.__name__ for r in resultater):  # a full disk is the first thing to fix
                res.fejltype = FilFejl.__name__
            return res
        res.advarsler.append(f"{hvad}; hvert af dem er en boks i rapporten, der siger hvorfor:\n"
                             f"{rapport_.mangler(kapitler)}")
    skrevet = False
    try:
        side = rapport_.saml(omraade, p, kapitler, dok)
        side, punkter = rapport_.med_pointer(omraade, p, side, sammenligning,
                                             maaltal if maaltal is not None else dok.maaltal if dok is not None else None)
        problemer = check_email_safe(side)
        if problemer:  # put together from checked briefs: a bug, not a user error
            raise RuntimeError("Rapporten er ikke e-mail-sikker: " + " ".join(problemer))
        sti.parent.mkdir(parents=True, exist_ok=True)
        from .. import pointer

        skriv_atomisk(sti, side)
        skrevet = True
        pointer_sti = sti.with_name(f"{rapport_.POINTER_NAVN}.md")  # beside it, for the dagsorden system
        skriv_atomisk(pointer_sti, pointer.markdown(punkter))
        skriv_atomisk(pointer_sti.with_suffix(".txt"), pointer.tekst(punkter))
        res.status, res.filer = DANNET, {"html": str(sti)}
        if "pdf" in formater:
            from ..render import formater as fmt_
            from ..render.blokke import fodnote
            from ..render.pdf import pdf_fra_html

            try:
                fod = fodnote(side, "Rapport", kommune=omraade, periode=p)
                res.filer["pdf"] = str(pdf_fra_html(sti, sti.with_suffix(".pdf"), fod, motor=fmt_.motor()))
            except NoegletalFejl as e:
                res.advarsler.append(str(e))
    except OSError as e:  # nothing half written: no report, no PDF, no temporary file
        res.status, res.filer, res.fejltype = FEJLET, {}, FilFejl.__name__
        res.grund = res.besked = str(fil_fejl(e, sti, efterladt="Rapporten er ikke skrevet."))
        for rest in ([sti] if skrevet else []) + [sti.with_name(f"{rapport_.POINTER_NAVN}{e}") for e in (".md", ".txt")]:
            try:  # the PDF failed after the HTML was put in place, or the key points were written before it
                rest.unlink(missing_ok=True)
            except OSError:
                pass
    return res
