"""The text a reader of a finished brief or report sees (or hears: alt texts too), and the internal names
that must not be in it: a code name with an underscore (a parameter or a column), a file path of the
repository, or code formatting (a backtick)."""

from __future__ import annotations

import html
import re

_SKJULT = re.compile(r"<(style|script|title)\b.*?</\1>", re.S | re.I)
_ALT = re.compile(r'\b(alt|aria-label|title)="([^"]*)"')
_TAG = re.compile(r"<[^>]+>")

INTERNE_NAVNE = {
    "kodenavn": re.compile(r"\b[a-zæøå0-9]+_[a-zæøå0-9_]+\b"),
    "sti": re.compile(r"\b(lib|data|notebooks|tests|outputs|reference)/[\w./-]+|\b[\w-]+/[\w/-]+\.(py|csv|yml|ipynb|md)\b"),
    "backtick": re.compile(r"`"),
}


def synlig_tekst(side: str) -> str:
    """The page's visible text: element text and the alternative texts, without styles and addresses."""
    side = _SKJULT.sub(" ", side)
    alt = " ".join(m.group(2) for m in _ALT.finditer(side))
    return " ".join(html.unescape(_TAG.sub(" ", side) + " " + html.unescape(alt)).split())


def interne_navne(side: str) -> list[str]:
    """Each internal name the page shows, with a little text around it: ['kodenavn: … maaneder_x …']."""
    tekst = synlig_tekst(side)
    ud = []
    for hvad, rx in INTERNE_NAVNE.items():
        for m in rx.finditer(tekst):
            ud.append(f"{hvad}: …{tekst[max(0, m.start() - 50):m.end() + 30]}…")
    return ud
