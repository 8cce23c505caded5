"""The text a reader of a finished brief or report sees (or hears: alternative texts too), and the patterns of
internal names that must not be in it: a file path of the repository, or code formatting (a backtick).
Parameter names are checked against the notebooks' own (tests/notebooks/test_sider.py)."""

from __future__ import annotations

import html
import re

_SKJULT = re.compile(r"<(style|script|title)\b.*?</\1>", re.S | re.I)
_ALT = re.compile(r'\b(alt|aria-label|title)="([^"]*)"')
_TAG = re.compile(r"<[^>]+>")

STI = re.compile(r"\b(lib|data|notebooks|tests|outputs|reference)/[\w./-]+|\b[\w-]+/[\w/-]+\.(py|csv|yml|ipynb|md)\b")
BACKTICK = re.compile(r"`")


def synlig_tekst(side: str) -> str:
    """The page's visible text: element text and the alternative texts, without styles and addresses."""
    side = _SKJULT.sub(" ", side)
    alt = " ".join(m.group(2) for m in _ALT.finditer(side))
    return " ".join(html.unescape(f"{_TAG.sub(' ', side)} {alt}").split())
