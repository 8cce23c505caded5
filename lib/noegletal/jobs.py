"""A brief to make: the one place that says which notebook, for which kommune and period, with which
parameters, into which files.

`noegletal brief` makes one job, `noegletal batch` a grid of them, and both hand them to the same runner
(`noegletal.batch`): a single brief is a batch of one. Every name is checked here, before a kernel starts:
the kommune (one check), the tema, the period and the extra parameters (refused when no notebook has them).
"""

from __future__ import annotations

import ast
import difflib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import config, geo, grupper
from .errors import NoegletalFejl, UgyldigParameter, UkendtOmraade, ekko
from .periods import Periode, udvalgsperiode
from .periods import periode as parse_periode

ALLE = "alle"
FASTE = ("kommune", "periode")  # given as --kommune and --periode, never as -p
JOB_PARAMETRE = ("kommentar_fil",)  # -p names the job itself takes (not passed to the notebook)
FORMATER = ("html", "pdf", "xlsx")


@dataclass(frozen=True)
class Job:
    """One brief: its notebook run with `parametre`, written to `html` (and beside it in `formater`).

    `kommune` and `periode` are the text the notebook and the receipt get; `omraade`, `perioden` and
    `sammenligning` are the same resolved once (by `job`), and what the PDF footer, the receipt's fingerprint,
    the overview page and the report use: nothing after `job` looks a name up again."""

    tema: str
    kommune: str
    periode: str
    notesbog: str
    html: str
    parametre: dict = field(default_factory=dict, compare=False)  # every notebook parameter, kommune included
    formater: tuple[str, ...] = ("html",)
    kommentar: str | None = None  # the analyst's Markdown file, if there is one
    fingeraftryk: str = ""
    omraade: geo.Omraade | None = field(default=None, compare=False)  # the brief's own area: a kommune or a group
    perioden: Periode | None = field(default=None, compare=False)
    sammenligning: tuple[geo.Omraade, ...] = field(default=(), compare=False)  # as given (): the brief's default

    def __post_init__(self):  # a Job written out by hand (a test) has its area and period resolved here
        if self.omraade is None:
            object.__setattr__(self, "omraade", grupper.kommune_eller_gruppe(self.kommune))
        if self.perioden is None:
            object.__setattr__(self, "perioden", parse_periode(self.periode))

    def fil(self, fmt: str) -> Path:
        """Where the brief in one format goes: beside the HTML, same name."""
        return Path(self.html).with_suffix(f".{fmt}")


kommune = geo.kommune  # the one kommune check lives with the kommuner


def mappenavn(navn: str) -> str:
    """An area's name as a folder: a group's name may hold a '/' ('Vallensbæk/Ishøj' → 'Vallensbæk-Ishøj')."""
    return navn.replace("/", "-").replace("\\", "-")
tema = config.tema


def notesbog_for(tema_: str) -> Path:
    return config.NOTEBOOKS_DIR / f"{tema(tema_)}.ipynb"


def html_sti(rod: str | Path, periode: str | Periode, kommune_: str, tema_: str) -> Path:
    """outputs/<periode>/<kommune>/<tema>.html; a quarter's or year's brief has its own folder (outputs/2023K2/…),
    so it never overwrites the brief of its last month (outputs/2023M06/…), and the report of 2023K2 is made of it."""
    return Path(rod) / parse_periode(periode).kode / mappenavn(kommune_) / f"{tema_}.html"


def kommentar_for(periode: str, kommune_: str, tema_: str) -> Path | None:
    """The analyst's comment file, `kommentarer/<periode>/<kommune>/<tema>.md`, if it exists."""
    sti = config.kommentarer_dir() / periode / mappenavn(kommune_) / f"{tema_}.md"
    return sti if sti.is_file() else None


def formater(tekst: str | Sequence[str] | None) -> tuple[str, ...]:
    """'html,pdf' → ('html', 'pdf'); html is always made (the other formats are made from it)."""
    valgt = [f.strip().lower() for f in (tekst.split(",") if isinstance(tekst, str) else tekst or []) if f.strip()]
    ukendte = [f for f in valgt if f not in FORMATER]
    if ukendte:
        vist = ", ".join(f"'{ekko(f)}'" for f in ukendte)
        raise UgyldigParameter(f"Ukendt format {vist}. Vælg blandt: {', '.join(FORMATER)}, "
                               "adskilt af komma, fx --format html,pdf.")
    return tuple(f for f in FORMATER if f == "html" or f in valgt)


def temaer_med_notesbog() -> list[str]:
    return [t for t in config.TEMAER if (config.NOTEBOOKS_DIR / f"{t}.ipynb").is_file()]


def _liste(vaerdi: str | Sequence[str]) -> list[str]:
    dele = vaerdi.split(",") if isinstance(vaerdi, str) else list(vaerdi)
    return [d.strip() for d in dele if str(d).strip()]


def vaelg_kommuner(kommuner: str | Sequence[str] | geo.Omraade) -> list[geo.Omraade]:
    """'alle' or names/codes (a list or comma-separated) → kommuner, in order, without repeats; a kommune
    already resolved is taken as it is."""
    if isinstance(kommuner, geo.Omraade):
        return [kommune(kommuner)]
    navne = _liste(kommuner)
    gyldige = ", ".join(k.navn for k in geo.kommuner())
    if not navne:
        raise UgyldigParameter(f"Angiv kommuner: '{ALLE}' eller navne adskilt af komma. Gyldige kommuner: {gyldige}.")
    if [n.lower() for n in navne] == [ALLE]:
        return geo.kommuner()
    valgt = []
    for navn in navne:
        try:
            valgt.append(kommune(navn))
        except NoegletalFejl as e:
            raise UgyldigParameter(f"{e} Gyldige kommuner: {gyldige}.") from None
    return list(dict.fromkeys(valgt))


def vaelg_temaer(temaer: str | Sequence[str]) -> list[str]:
    """'alle' (every tema in config.TEMAER that has a notebook) or names → temaer, in order."""
    navne = _liste(temaer)
    med = temaer_med_notesbog()
    if not navne or [n.lower() for n in navne] == [ALLE]:
        if not med:
            raise UgyldigParameter(f"Der er ingen notesbøger i {config.NOTEBOOKS_DIR}.")
        return med
    valgt = []
    for navn in navne:
        t = navn.strip().lower()
        if t not in config.TEMAER:
            raise UgyldigParameter(f"Ukendt tema '{ekko(navn)}'. Vælg '{ALLE}' eller et af: {', '.join(config.TEMAER)}.")
        if t not in med:
            raise UgyldigParameter(f"Temaet '{t}' har endnu ingen notesbog ({config.NOTEBOOKS_DIR / (t + '.ipynb')}). "
                                   f"Temaer med notesbog: {', '.join(med) or 'ingen'}.")
        valgt.append(t)
    return list(dict.fromkeys(valgt))


def notesbogens_parametre(notesbog: str | Path) -> dict[str, dict]:
    """A notebook's parameters, name → {"default": its source text}, from the cell tagged `parameters` as
    papermill finds it (read with `ast` here: checking a job must not wait for papermill to load)."""
    celler = json.loads(Path(notesbog).read_text(encoding="utf-8")).get("cells", [])
    celle = next((c for c in celler if "parameters" in c.get("metadata", {}).get("tags", [])), None)
    if celle is None:
        return {}
    kilde = "".join(celle["source"]) if isinstance(celle["source"], list) else celle["source"]
    ud = {}
    for node in ast.parse(kilde).body:
        maal = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        for m in maal:
            if isinstance(m, ast.Name) and node.value is not None:
                ud[m.id] = {"default": ast.get_source_segment(kilde, node.value)}
    return ud


def standard_periode(tema_: str) -> str:
    """The notebook's own default period (its parameters cell is the one place that says it)."""
    return ast.literal_eval(notesbogens_parametre(notesbog_for(tema_))["periode"]["default"])


def kontroller_ekstra(parametre: dict, notesboeger: dict[str, Path]) -> dict[str, dict]:
    """Refuse an extra parameter that none of the notebooks has: papermill would pass it on with a warning in
    English and the brief would silently ignore it. Returns, per tema, the extra parameters its notebook has."""
    kendte = {t: notesbogens_parametre(nb) for t, nb in notesboeger.items()}
    alle = sorted({n for navne in kendte.values() for n in navne if n not in FASTE})
    for navn in parametre:
        if navn in JOB_PARAMETRE:
            continue
        if navn in FASTE:
            raise UgyldigParameter(f"'{navn}' angives med --{navn}, ikke med -p.")
        if not any(navn in navne for navne in kendte.values()):
            forslag = difflib.get_close_matches(navn, alle, n=1)
            mente = f" Mente du: {forslag[0]}?" if forslag else ""
            raise UgyldigParameter(
                f"Ingen af notesbøgerne ({', '.join(kendte)}) har parameteren '{ekko(navn)}'.{mente} "
                f"De har: {', '.join(alle) or 'ingen ud over kommune og periode'}."
            )
    return {t: {n: v for n, v in parametre.items() if n in navne or n in JOB_PARAMETRE} for t, navne in kendte.items()}


def _strenge(vaerdi):
    """Every string inside a parameter value (lists and dicts included)."""
    if isinstance(vaerdi, Mapping):
        for k, v in vaerdi.items():
            yield str(k)
            yield from _strenge(v)
    elif isinstance(vaerdi, (list, tuple, set)):
        for v in vaerdi:
            yield from _strenge(v)
    elif vaerdi is not None:
        yield str(vaerdi)


def kontroller_parametre(parametre: Mapping) -> None:
    """Refuse a parameter that carries the Jobindsats API key: it would be saved in the executed notebook."""
    noegle = os.environ.get(config.KEY_ENV, "").strip()
    if not noegle:
        return
    for navn, vaerdi in parametre.items():
        if any(s.strip() == noegle or (len(noegle) >= 8 and noegle in s) for s in _strenge(vaerdi)):
            raise UgyldigParameter(
                f"Parameteren '{navn}' indeholder værdien af {config.KEY_ENV}. Hemmelige nøgler må ikke "
                "gives som parametre, for de ville blive gemt i den kørte notesbog. Notesbogen læser selv "
                f"nøglen fra miljøvariablen {config.KEY_ENV}."
            )


def sammenligning(vaerdi, omraade: geo.Omraade) -> tuple[geo.Omraade, ...]:
    """The comparison areas a brief is given ('Hovedstadsområdet,Hele landet' or a list), resolved, in order,
    without repeats and without the brief's own area (as the brief's parameter check takes them). An unknown
    name fails now, with the nearest names; one of STAR's klynger ('Klynge 3') is read from the data, so the
    brief itself resolves it."""
    navne = vaerdi.split(",") if isinstance(vaerdi, str) else list(vaerdi or ())
    ud = []
    for navn in (n for n in navne if str(n).strip()):
        try:
            ud.append(grupper.omraade(navn if isinstance(navn, geo.Omraade) else str(navn).strip()))
        except UkendtOmraade:
            if "klynge" not in str(navn).lower():
                raise
    return tuple(o for o in dict.fromkeys(ud) if o != omraade)


def job(tema_: str, kommune_: str | geo.Omraade, periode: str | Periode | None = None,
        html: str | Path | None = None, notesbog: str | Path | None = None, *, ud: str | Path | None = None,
        formater_: Sequence[str] = ("html",), kommentar: str | Path | None = None, **parametre) -> Job:
    """One brief. Without `notesbog` the tema's own notebook (and its default period); without `html` the
    brief goes to `<ud or outputs>/<periode>/<kommune>/<tema>.html`; without `kommentar` the analyst's file
    under kommentarer/ is used if there is one."""
    from .errors import BriefFejl

    k = grupper.kommune_eller_gruppe(kommune_)  # a kommune, or a group of kommuner as the brief's own area
    nb = Path(notesbog) if notesbog else notesbog_for(tema_)
    if not nb.is_file():
        raise BriefFejl(f"Notesbogen findes ikke: {nb}.")
    kontroller_parametre(parametre)  # the API key as a parameter would be saved in the executed notebook
    p = parse_periode(periode or standard_periode(tema_))
    p = udvalgsperiode(p) if notesbog is None else p  # a month, or the committee's quarter or year (2023K2)
    sti = Path(html) if html else html_sti(config.udmappe(ud), p, k.navn, tema_)
    kommentar = kommentar or parametre.pop("kommentar_fil", None)
    if kommentar:  # given by the user: a folder, a missing or a 20 MB file is said now, before any kernel
        from .kommentarer import kontroller_fil

        kontroller_fil(kommentar)
    kommentar = kommentar or kommentar_for(p.kode, k.navn, tema_)  # one of kommentarer/: checked by its brief alone
    return Job(tema_, k.navn, p.kode, str(nb.resolve()), str(sti.resolve()),
               {"kommune": k.navn, "periode": p.kode, **parametre}, formater(formater_),
               str(Path(kommentar).resolve()) if kommentar else None, omraade=k, perioden=p,
               sammenligning=sammenligning(parametre.get("sammenligning"), k))


def grid(kommuner: str | Sequence[str] | geo.Omraade, temaer: str | Sequence[str], periode: str | Periode,
         ud: str | Path | None = None, parametre: dict | None = None, formater_: Sequence[str] = ("html",)) -> list[Job]:
    """The grid kommuner × temaer for one period, kommune by kommune, every name checked first.

    Extra `parametre` go to each notebook that has them (`maaneder` to every tema, `fra` to aktivering);
    one that no chosen notebook has is refused."""
    p = parse_periode(periode)
    ks, ts = vaelg_kommuner(kommuner), vaelg_temaer(temaer)
    egne = kontroller_ekstra(parametre or {}, {t: notesbog_for(t) for t in ts})
    rod = Path(ud) if ud else config.outputs_dir()
    return [job(t, k, p, html_sti(rod, p, k.navn, t), formater_=formater_, **egne[t]) for k in ks for t in ts]
