"""The overview page of a batch: `outputs/<periode>/index.html`, one row per kommune, one column per tema.

Self-contained and e-mail-safe like the briefs (no script, nothing external, lang="da"); its only links are
relative ones to the briefs beside it ('Ballerup/integration.html'), so the folder can be zipped and sent
or opened from a file share. It passes `check_email_safe(side, relative_links=True)`.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath
from urllib.parse import quote

from .. import brief, geo, tid
from ..status import DANNET, FEJLET, IKKE_KOERT, STATUSSER, TIDLIGERE, UAENDRET

_ETIKET = {DANNET: "Dannet", UAENDRET: "Uændret", TIDLIGERE: "Dannet tidligere", FEJLET: "Fejlede",
           IKKE_KOERT: "Ikke kørt"}
DEMO_TEKST = ("DEMODATA – ikke officielle tal. Briefs i denne oversigt bygger på tal, der er konstrueret til "
              "afprøvning og demonstration. De må ikke citeres eller bruges som grundlag for beslutninger.")
_FORMAT_NAVN = {"pdf": "PDF", "xlsx": "Excel", "rapport": "Rapport"}
_GRUND_MAKS = 180  # characters of a failure reason shown in the table; the full reason is listed below it


@dataclass(frozen=True)
class Linje:
    """One brief on the page: where it is (relative to the page), its status and, if it failed, why."""

    kommune: str
    tema: str
    sti: str  # relative POSIX path from the page, e.g. 'Ballerup/integration.html'
    status: str
    grund: str = ""
    findes: bool = False  # is there an HTML file to link to (a failed brief may keep an older one)
    andre: tuple[tuple[str, str], ...] = ()  # the other formats made: (format, relative path)
    omraade: geo.Omraade | None = None  # the kommune (or group) as its job resolved it; None for an odd folder name


def _e(tekst) -> str:
    return html.escape(str(tekst), quote=True)


def _href(sti: str) -> str:
    return quote(str(PurePosixPath(sti)), safe="/")


def _kort(tekst: str, maks: int = _GRUND_MAKS) -> str:
    tekst = " ".join(str(tekst).split())
    return tekst if len(tekst) <= maks else tekst[: maks - 1].rstrip() + "…"


def _celle(linje: Linje | None) -> str:
    if linje is None:
        return '<td class="nt-ingen">–</td>'
    etiket = _ETIKET.get(linje.status, linje.status)
    if linje.status == FEJLET:
        tidligere = (f' <a href="{_e(_href(linje.sti))}">(tidligere version)</a>' if linje.findes else "")
        return (f'<td class="nt-fejlet"><strong>{etiket}:</strong> {_e(_kort(linje.grund))}{tidligere}</td>')
    if linje.findes:
        andre = "".join(f' · <a href="{_e(_href(sti))}">{_FORMAT_NAVN.get(fmt, fmt)}</a>' for fmt, sti in linje.andre)
        return f'<td class="nt-{_klasse(linje.status)}"><a href="{_e(_href(linje.sti))}">{etiket}</a>{andre}</td>'
    return f'<td class="nt-{_klasse(linje.status)}">{etiket}</td>'


def _klasse(status: str) -> str:
    return {UAENDRET: "uaendret", IKKE_KOERT: "ikke-koert"}.get(status, status)


def _region(o: geo.Omraade | None) -> str:
    """The region a row is listed under: a kommune's, or the one all of a group's members are in (as a group's
    brief takes its region); else 'Andre'."""
    region = geo.faelles_region(o) if o is not None else None
    return region.navn if region is not None else "Andre"


def _kommune_noegle(o: geo.Omraade | None, kommune: str) -> tuple:
    """Kommuner in code order, then groups by name, then odd folder names."""
    if o is None:
        return (2, kommune)
    return (0, o.kode) if o.niveau == geo.KOMMUNE else (1, o.navn)


def index_html(linjer: Iterable[Linje], *, periode_tekst: str, temaer: list[str], data_tekst: str,
               demo: bool, tidspunkt: datetime | None = None, afbrudt: bool = False) -> str:
    """The overview page as one HTML string."""
    linjer = list(linjer)
    tidspunkt = tidspunkt or tid.nu()
    temaer = list(dict.fromkeys([*temaer, *(lin.tema for lin in linjer)]))
    pr_kommune: dict[str, dict[str, Linje]] = {}
    omraader: dict[str, geo.Omraade | None] = {}
    for lin in linjer:
        pr_kommune.setdefault(lin.kommune, {})[lin.tema] = lin
        omraader[lin.kommune] = omraader.get(lin.kommune) or lin.omraade
    antal = {s: sum(lin.status == s for lin in linjer) for s in STATUSSER}

    dele = [brief.Demobanner(DEMO_TEKST).html()] if demo else []
    dele.append(brief.Overskrift(f"Nøgletalsbriefs for {periode_tekst}",
                                 "Oversigt over kørslen: hver kommune og hvert tema").html())
    if afbrudt:
        dele.append(brief.Forbehold("Kørslen blev afbrudt. Briefs markeret 'Ikke kørt' mangler; kør samme "
                                    "kommando igen for at lave dem (færdige briefs springes over).").html())
    status = ", ".join(f"{antal[s]} {_ETIKET[s].lower()}" for s in STATUSSER if antal[s])
    dele.append(f'<p class="nt-status">{len(linjer)} briefs: {_e(status or "ingen")}.</p>')
    dele.append(f'<p class="nt-data"><strong>Data:</strong> {_e(data_tekst)}</p>')

    regioner: dict[str, list[str]] = {}  # in kommune code order: Hovedstaden, Sjælland, …, Nordjylland
    for kommune in sorted(pr_kommune, key=lambda k: _kommune_noegle(omraader[k], k)):
        regioner.setdefault(_region(omraader[kommune]), []).append(kommune)
    hoved = "".join(f'<th scope="col">{_e(t.capitalize())}</th>' for t in temaer)
    for region, kommuner in regioner.items():
        raekker = "".join(
            f'<tr><th scope="row">{_e(k)}</th>' + "".join(_celle(pr_kommune[k].get(t)) for t in temaer) + "</tr>"
            for k in kommuner
        )
        dele.append(f'<section class="nt-region"><h2>{_e(region)}</h2><div class="nt-tabel-ramme"><table>'
                    f'<thead><tr><th scope="col" class="nt-hjoerne">Kommune</th>{hoved}</tr></thead>'
                    f"<tbody>{raekker}</tbody></table></div></section>")

    fejlede = [lin for lin in linjer if lin.status == FEJLET]
    if fejlede:
        punkter = "".join(f"<li><strong>{_e(lin.kommune)}, {_e(lin.tema)}:</strong> {_e(lin.grund)}</li>"
                          for lin in fejlede)
        dele.append('<section class="nt-fejlliste"><h2>Fejlede briefs</h2><p>Den kørte notesbog ligger i '
                    "kommunens mappe under <code>_fejlede/</code> til fejlsøgning.</p>"
                    f"<ul>{punkter}</ul></section>")
    dele.append(f'<footer class="nt-stempel"><p>Dannet {_e(tid.dansk_tidspunkt(tidspunkt))} af '
                f"<code>noegletal batch</code>.</p></footer>")

    return (
        '<!DOCTYPE html>\n<html lang="da">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(f'Nøgletalsbriefs for {periode_tekst}')}</title>\n<style>{_CSS}</style>\n</head>\n"
        "<body>\n<main>\n" + "\n".join(dele) + "\n</main>\n</body>\n</html>\n"
    )


_CSS = """
:root { color-scheme: light; }
body { margin: 0; padding: 1.5rem 1rem 2rem; background: #fff; color: #1a1a1a;
  font: 16px/1.5 -apple-system, "Segoe UI", Calibri, Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 60rem; margin: 0 auto; }
h1 { font-size: 1.65rem; line-height: 1.25; margin: .2rem 0 .5rem; }
h2 { font-size: 1.2rem; margin: 1.8rem 0 .5rem; padding-bottom: .2rem; border-bottom: 2px solid #0072B2; }
.nt-kicker { margin: 0; color: #444; }
.nt-undertitel { margin: 0; color: #333; font-size: 1.05rem; }
.nt-demo { background: #fff3cd; border: 3px solid #b45f06; color: #4a2500; padding: .7rem 1rem; margin: 0 0 1.2rem; font-weight: bold; }
.nt-tabel-ramme { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { padding: .3rem .5rem; border-bottom: 1px solid #d9d9d9; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #777; }
tbody th { font-weight: normal; white-space: nowrap; }
a { color: #0050a0; }
.nt-fejlet { background: #fdecea; color: #7a1b0c; }
.nt-ikke-koert { color: #666; font-style: italic; }
.nt-ingen { color: #999; }
.nt-fejlliste li { margin-bottom: .3rem; }
.nt-stempel { margin-top: 2.5rem; padding-top: .5rem; border-top: 1px solid #bbb; font-size: .85rem; color: #444; }
@media print { .nt-demo, .nt-fejlet { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
"""
