"""One report per kommune: every tema's brief as a chapter of one document, for one committee attachment.

The report is put together from the finished briefs (the same blocks, the same page style, no second
renderer): a cover with the kommune, period and contents (linked to the chapters), each brief's content as a
chapter with its ids made unique, the demo banner once if any chapter is demo data, and one stamp at the end
that lists each chapter's data and parameters. A report with a chapter missing is not written unless asked
for (`--tillad-mangler`); then each missing chapter is a box that says why, and the cover lists them.
The kommune and the period come resolved (a `geo.Omraade` and a `Periode`, as the briefs' jobs have them):
nothing here looks a name up again.
"""

from __future__ import annotations

import html as html_mod
import re
from dataclasses import dataclass
from pathlib import Path

from . import brief, config, geo, tid
from .jobs import mappenavn
from .periods import Periode

_MAIN = re.compile(r"<main>(.*)</main>", re.S)
_HEAD = re.compile(r"^(.*?<body>)", re.S)
_DEMO = re.compile(r'<div class="nt-demo".*?</div>', re.S)
_STEMPEL = re.compile(r'<footer class="nt-stempel">(.*?)</footer>', re.S)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
_ID = re.compile(r'\b(id|for|aria-labelledby|aria-describedby)="([^"]+)"')
_HREF = re.compile(r'href="#([^"]+)"')
_TITEL = re.compile(r"<title>.*?</title>", re.S)
RAPPORT_NAVN = "rapport"


@dataclass(frozen=True)
class Kapitel:
    tema: str
    html: Path | None  # the brief, or None when it failed
    grund: str = ""  # why it failed


def dansk_grund(grund: str, fejltype: str = "") -> str:
    """A failed brief's one-line reason as a reader of the report should see it: the Danish message of one of
    our errors without its class name ('ManglendeData: Der er …' → 'Der er …'); anything else (a fault in a
    notebook's code) said as such, with the error for whoever fixes it."""
    from . import errors

    navn, _, rest = grund.partition(": ")
    klasse = getattr(errors, navn, None) if fejltype in ("", navn) else None
    if isinstance(klasse, type) and issubclass(klasse, errors.NoegletalFejl) and rest:
        return rest
    if fejltype and not (isinstance(getattr(errors, fejltype, None), type)):
        return f"en fejl i notesbogen ({grund})"
    return grund


def mangler(kapitler: list[Kapitel]) -> str:
    """'  - integration: Der er …' one line per missing chapter: which, and why, for a message."""
    return "\n".join(f"  - {k.tema}: {k.grund or 'ukendt grund'}" for k in kapitler if k.html is None)


def _tekst(fragment: str) -> str:
    return html_mod.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def _kapitel_indhold(tema: str, side: str) -> tuple[str, str, str, bool]:
    """A brief page → (its title, its content with ids prefixed by the tema, its stamp, demo or not)."""
    m = _MAIN.search(side)
    indhold = m.group(1) if m else side
    demo = bool(_DEMO.search(indhold))
    indhold = _DEMO.sub("", indhold)
    stempel = _STEMPEL.search(indhold)
    indhold = _STEMPEL.sub("", indhold)
    indhold = _ID.sub(lambda x: f'{x.group(1)}="{tema}-{x.group(2)}"', indhold)
    indhold = _HREF.sub(lambda x: f'href="#{tema}-{x.group(1)}"', indhold)
    h1 = _H1.search(indhold)
    titel = _tekst(h1.group(1)) if h1 else tema.capitalize()
    indhold = _H1.sub(lambda x: f'<h1 class="nt-kapiteltitel">{x.group(1)}</h1>', indhold, count=1)
    return titel, indhold, stempel.group(1) if stempel else "", demo


_SECTION = re.compile(r"<(/?)section\b[^>]*>")
_BLOK_START = re.compile(r'<section class="nt-blok[^"]*" id="([^"]+)"[^>]*>')


def blokke(indhold: str) -> dict[str, str]:
    """A chapter's blocks by id: each `<section class="nt-blok …">` with everything up to its own end tag."""
    ud = {}
    for m in _BLOK_START.finditer(indhold):
        dybde = 0
        for t in _SECTION.finditer(indhold, m.start()):
            dybde += -1 if t.group(1) else 1
            if dybde == 0:
                ud[m.group(1)] = indhold[m.start():t.end()]
                break
    return ud


def _efter_dokument(dele: list[tuple[str, str, str]], dok) -> list[tuple[str, str, str]]:
    """The chapters as dokument.yml orders them: a tema's whole chapter, or a title with blocks from any
    chapter by id (an id the report lacks is an error naming the ids it has)."""
    from .errors import DokumentFejl

    pr_tema = {a.removeprefix("kapitel-"): (a, t, i) for a, t, i in dele}
    alle = {bid: html for _, _, i in dele for bid, html in blokke(i).items()}
    ud = []
    for nr, kap in enumerate(dok.kapitler, 1):
        if kap.tema:
            if kap.tema not in pr_tema:
                continue  # not asked for (--tema): nothing to show
            a, t, i = pr_tema[kap.tema]
            ud.append((a, kap.titel or t, i))
            continue
        mangler = [b for b in kap.blokke if b not in alle]
        if mangler:
            raise DokumentFejl(f"dokument.yml: kapitlet '{kap.titel}' nævner {', '.join(mangler)}, som rapporten ikke "
                               f"har. Rapportens blokke: {', '.join(sorted(alle))}.")
        indhold = (f'<h1 class="nt-kapiteltitel">{html_mod.escape(kap.titel)}</h1>'
                   + "".join(alle[b] for b in kap.blokke))
        ud.append((f"kapitel-{nr}", kap.titel, indhold))
    return ud


def saml(k: geo.Omraade, p: Periode, kapitler: list[Kapitel], dok=None) -> str:
    """The report as one HTML page, from the chapters' brief pages (in dokument.yml's shape when given)."""
    hoved, dele, stempler, demo = None, [], [], False
    for nr, kap in enumerate(kapitler, 1):
        anker = f"kapitel-{kap.tema}"
        if kap.html is None:
            titel, indhold = kap.tema.capitalize(), brief.Forbehold(
                [f"Briefen om {kap.tema} kunne ikke laves: {kap.grund}"], titel="Kapitlet mangler").html()
        else:
            side = kap.html.read_text(encoding="utf-8")
            hoved = hoved or _HEAD.search(side).group(1)
            titel, indhold, stempel, er_demo = _kapitel_indhold(kap.tema, side)
            demo |= er_demo
            if stempel:
                stempler.append(f'<section class="nt-kapitelstempel"><h3>{nr}. {html_mod.escape(titel)}</h3>'
                                f"{stempel}</section>")
        dele.append((anker, titel, indhold))
    if hoved is None:  # no chapter could be made: the page shell of an empty brief
        hoved = ('<!DOCTYPE html>\n<html lang="da">\n<head>\n<meta charset="utf-8">\n<title>Nøgletal</title>\n'
                 "</head>\n<body>")
    if dok is not None and dok.kapitler:
        dele = _efter_dokument(dele, dok)
    rapport_titel = (dok.titel if dok is not None and dok.titel else None) or f"Nøgletal for {k.fuldt_navn}, {p.tekst}"
    hoved = _TITEL.sub(f"<title>{html_mod.escape(rapport_titel)}</title>", hoved, count=1)
    manglende = [kap.tema for kap in kapitler if kap.html is None]
    huller = (brief.Forbehold([f"{len(manglende)} af {len(kapitler)} kapitler mangler: {', '.join(manglende)}. "
                               "Under hvert af dem står hvorfor."], titel="Rapporten er ikke komplet").html()
              if manglende else "")
    indholdsfortegnelse = "".join(f'<li><a href="#{a}">{html_mod.escape(t)}</a></li>' for a, t, _ in dele)
    forside = (
        (brief.Demobanner().html() if demo else "")
        + brief.Overskrift(rapport_titel, _undertitel(p), kommune=k, periode=p).html()
        + huller
        + f'<nav class="nt-indhold" aria-label="Indhold"><h2>Indhold</h2><ol>{indholdsfortegnelse}</ol></nav>'
    )
    kapitler_html = "".join(f'<section class="nt-kapitel" id="{a}">{indhold}</section>' for a, _, indhold in dele)
    stempel = (f'<footer class="nt-stempel nt-rapportstempel"><h2>Om rapporten</h2><p>Dannet '
               f"{html_mod.escape(tid.dansk_tidspunkt(tid.nu()))} af noegletal, kodeversion "
               f"{html_mod.escape(brief.kodeversion())}. Hvert kapitel er temaets brief, som den "
               f"også laves alene; her er deres data og parametre.</p>{''.join(stempler)}</footer>")
    return f"{hoved}\n<main>\n{forside}{kapitler_html}{stempel}\n</main>\n</body>\n</html>\n"


def _undertitel(p) -> str:
    """For a quarter or a year, which figures the report shows: the months are named where a month is meant."""
    from .periods import hvilke_tal

    tal = hvilke_tal(p)
    return f"Alle temaer i én rapport for {p.tekst}: {tal}" if tal else "Alle temaer i én rapport"


def sti(k: geo.Omraade, p: Periode, ud: str | Path | None = None) -> Path:
    """outputs/<periode>/<kommune>/rapport.html, beside the briefs (`jobs.html_sti`)."""
    return (Path(ud) if ud else config.outputs_dir()) / p.kode / mappenavn(k.navn) / f"{RAPPORT_NAVN}.html"


# --- væsentlige pointer: the report's lead, and pointer.md / pointer.txt beside it ---------------------------------

POINTER_NAVN = "pointer"


def kommentarfil(k: geo.Omraade, p: Periode) -> Path:
    """kommentarer/<periode>/<kommune>/rapport.md: where the analyst pins, drops or rewords the key points."""
    return config.kommentarer_dir() / p.kode / mappenavn(k.navn) / f"{RAPPORT_NAVN}.md"


def med_pointer(k: geo.Omraade, p: Periode, side: str, sammenligning: tuple[geo.Omraade, ...] = (),
                maaltal=None) -> tuple[str, list]:
    """The report with its key points (pointer.py) leading it, each linking to its block; the analyst's
    comment file has the last word. `sammenligning`: the areas the briefs were given (their jobs'), () for
    the briefs' default. Returns the page and the points (for pointer.md and pointer.txt)."""
    from . import kommentarer, pointer
    from .periods import udvalgets_maaned

    kandidater = pointer.beregn(k, udvalgets_maaned(p), list(sammenligning) or None)
    if maaltal is not None:  # dokument.yml names the indicators that carry måltal
        med = {f"maal-{i.replace('_', '-')}" for i in maaltal}
        kandidater = [pt for pt in kandidater if not pt.id.startswith("maal-") or pt.id in med]
    fil = kommentarfil(k, p)
    rettelser, faste = (kommentarer.pointer_rettelser(fil.read_text(encoding="utf-8"), fil.name)
                        if fil.is_file() else ({}, set()))
    punkter = pointer.vaelg(kandidater, rettelser, faste)
    if not punkter:
        return side, punkter
    ids = {m.group(2) for m in _ID.finditer(side) if m.group(1) == "id"}
    return side.replace('<nav class="nt-indhold"', pointer.html(punkter, ids) + '<nav class="nt-indhold"', 1), punkter
