"""The overview page of a run: `outputs/<periode>/index.html`, every brief with its status and its formats."""

from __future__ import annotations

import json
import os
from pathlib import Path

from .. import config
from ..periods import Periode
from ..periods import periode as parse_periode
from ..processed import kildeinfo, processed_exists, processed_manifest
from ..status import TIDLIGERE, Opsummering
from ..tid import dansk_dato
from .kvittering import KVITTERING

INDEX = "index.html"


def _data_tekst() -> tuple[str, bool]:
    if not processed_exists():
        return "ingen bearbejdede data fundet.", False
    info = kildeinfo()
    aargang = ("demodata (genereret af noegletal, ikke officielle tal)" if info["demo"]
               else f"hentet senest {dansk_dato(info['hentet'])}")
    return (f"{' og '.join(info['kilder'])}; {aargang}; bearbejdet {dansk_dato(processed_manifest().get('built_at'))}; "
            f"{len(info['tabeller'])} tabeller."), info["demo"]


def skriv_index(opsummering: Opsummering, rod: Path, periode: str | Periode, omraader: dict | None = None) -> Path:
    """Write `<rod>/<periode>/index.html` (atomically): this run's briefs plus those earlier runs left.
    `omraader`: this run's areas by name as its jobs resolved them; an area only an earlier run's receipt
    names is looked up from its name there (a name from disk, like one typed)."""
    from ..render import check_email_safe
    from ..render.index import Linje, index_html
    from ..filer import skriv_atomisk

    p = parse_periode(periode)
    omraader = dict(omraader or {})
    mappe = Path(rod) / p.kode
    mappe.mkdir(parents=True, exist_ok=True)
    linjer, set_ = [], set()
    for r in opsummering.resultater:
        if not r.kommune:  # the overview itself (could not be written last time)
            continue
        html = Path(r.html)
        andre = tuple((f, _relativ(Path(sti), mappe)) for f, sti in r.filer.items() if f != "html" and Path(sti).is_file())
        linjer.append(Linje(r.kommune, r.tema, _relativ(html, mappe), r.status, r.grund, html.is_file(), andre,
                            _omraade(r.kommune, omraader)))
        set_.add(html.resolve())
    for k in sorted(mappe.glob(f"*/*{KVITTERING}")):  # briefs of earlier runs not in this grid
        html = k.with_name(k.name.removesuffix(KVITTERING) + ".html")
        if html.is_file() and html.resolve() not in set_:
            try:
                info = json.loads(k.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            andre = tuple((f, _relativ(Path(sti), mappe)) for f, sti in (info.get("formater") or {}).items()
                          if f != "html" and Path(sti).is_file())
            kommune = info.get("kommune", html.parent.name)
            linjer.append(Linje(kommune, info.get("tema", html.stem), _relativ(html, mappe), TIDLIGERE, "", True, andre,
                                _omraade(kommune, omraader)))
    data_tekst, demo = _data_tekst()
    temaer = [t for t in (*config.TEMAER, "rapport") if any(lin.tema == t for lin in linjer)]
    side = index_html(linjer, periode_tekst=p.tekst, temaer=temaer, data_tekst=data_tekst, demo=demo,
                      afbrudt=opsummering.afbrudt)
    problemer = check_email_safe(side, relative_links=True)
    if problemer:  # our own page: a bug, not a user error
        raise RuntimeError("Oversigten er ikke e-mail-sikker: " + " ".join(problemer))
    sti = mappe / INDEX
    skriv_atomisk(sti, side)
    return sti


def _omraade(navn: str, omraader: dict):
    """The area of a row: as this run's job resolved it, else found once by its name (None for an odd folder)."""
    if navn not in omraader:
        from .. import grupper
        from ..errors import NoegletalFejl

        try:
            omraader[navn] = grupper.omraade(navn)
        except NoegletalFejl:
            omraader[navn] = None
    return omraader[navn]


def _relativ(html: Path, mappe: Path) -> str:
    try:
        return html.resolve().relative_to(mappe.resolve()).as_posix()
    except ValueError:
        return os.path.relpath(html, mappe).replace(os.sep, "/")


