"""Periods as the sources write them and as the briefs say them.

One canonical code per period, used in processed data and parameters:
month `2017M10`, quarter `2017K3`, quarter as moving annual total `2023K4MAT`, year `2017`.
`periode()` reads what users and sources write: `2017M10`, `2017-10`, `okt 2017`, `oktober 2017`,
`2017K3`, `2017Q3`, `2017QT3`, `2017Q03`, `2023QMAT04`, `2017`, `2017Y01`. Text from other programs is
NFKC-normalised first (a no-break space, full-width digits, a decomposed letter), so it reads as typed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .errors import UgyldigPeriode, ekko

# The one month format of the product, as Danish writes it: short where space is tight (table headers,
# captions, axis labels: `Periode.label`, 'okt. 2015'), in full in running text (`Periode.tekst`, 'oktober 2015').
MAANEDER_KORT = ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."]
MAANEDER_LANG = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
                 "september", "oktober", "november", "december"]

MAANED = "M"
KVARTAL = "K"
AAR = "Å"

_MONTH_WORDS = {m.rstrip("."): i + 1 for i, m in enumerate(MAANEDER_KORT)}  # read with or without the dot
_MONTH_WORDS.update({m: i + 1 for i, m in enumerate(MAANEDER_LANG)})
_MONTH_WORDS.update({"mrt": 3, "may": 5, "oct": 10, "sept": 9})

_PATTERNS = [
    (re.compile(r"^(\d{4})\s*M\s*(\d{1,2})$", re.I), MAANED),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), MAANED),
    (re.compile(r"^(\d{4})\s*(?:K|Q|QT)\s*0?([1-4])$", re.I), KVARTAL),
    (re.compile(r"^(\d{4})\s*QMAT\s*0?([1-4])$", re.I), "MAT"),
    (re.compile(r"^(\d{4})\s*K([1-4])\s*MAT$", re.I), "MAT"),
    (re.compile(r"^([1-4])\.\s*kvt\.?\s*(\d{4})$", re.I), "KVT"),
    (re.compile(r"^(\d{4})$"), AAR),
    (re.compile(r"^(\d{4})\s*Y\s*0?1$", re.I), AAR),  # Jobindsats v3's yearly period id, e.g. 2024Y01 [seen]
]


@dataclass(frozen=True, order=True)
class Periode:
    """A month, quarter or year. Ordered in time within one frequency."""

    aar: int
    nr: int  # month 1-12, quarter 1-4, or 1 for a year
    frekvens: str  # "M", "K" or "Å"
    mat: bool = False  # quarter given as a moving annual total (Jobindsats' QMAT)

    @property
    def kode(self) -> str:
        if self.frekvens == MAANED:
            return f"{self.aar}M{self.nr:02d}"
        if self.frekvens == KVARTAL:
            return f"{self.aar}K{self.nr}" + ("MAT" if self.mat else "")
        return str(self.aar)

    @property
    def label(self) -> str:
        """Where space is tight (table headers, captions, axes): 'okt. 2017', 'maj 2017', '3. kvt. 2017', '2017'."""
        if self.frekvens == MAANED:
            return f"{MAANEDER_KORT[self.nr - 1]} {self.aar}"
        if self.frekvens == KVARTAL:
            suffix = " (løbende år)" if self.mat else ""
            return f"{self.nr}. kvt. {self.aar}{suffix}"
        return str(self.aar)

    @property
    def tekst(self) -> str:
        """As a sentence says it: 'oktober 2017', '3. kvartal 2017', '2017'."""
        if self.frekvens == MAANED:
            return f"{MAANEDER_LANG[self.nr - 1]} {self.aar}"
        if self.frekvens == KVARTAL:
            return f"{self.nr}. kvartal {self.aar}"
        return str(self.aar)

    def __str__(self) -> str:
        return self.kode

    @property
    def _per_year(self) -> int:
        return {MAANED: 12, KVARTAL: 4, AAR: 1}[self.frekvens]

    def _index(self) -> int:
        return self.aar * self._per_year + self.nr - 1

    def shift(self, n: int) -> Periode:
        """The period n steps later (negative: earlier), in this period's own frequency."""
        i = self._index() + n
        return Periode(i // self._per_year, i % self._per_year + 1, self.frekvens, self.mat)

    def __sub__(self, other: Periode) -> int:
        if other.frekvens != self.frekvens:
            raise UgyldigPeriode("Perioder med forskellig frekvens kan ikke trækkes fra hinanden.")
        return self._index() - other._index()

    def foerste_dag(self) -> date:
        """The first day of the period."""
        return date(self.aar, {MAANED: self.nr, KVARTAL: 3 * self.nr - 2, AAR: 1}[self.frekvens], 1)

    def kvartal(self) -> Periode:
        """The quarter a month lies in."""
        if self.frekvens != MAANED:
            return self
        return Periode(self.aar, (self.nr - 1) // 3 + 1, KVARTAL)


def periode(tekst: str | int | Periode) -> Periode:
    """Read a period in any of the accepted spellings; fail in Danish with examples of valid ones."""
    if isinstance(tekst, Periode):
        return tekst
    t = " ".join(unicodedata.normalize("NFKC", str(tekst)).split())
    for rx, kind in _PATTERNS:
        m = rx.match(t)
        if not m:
            continue
        a, b = int(m.group(1)), int(m.group(2)) if m.lastindex and m.lastindex > 1 else 1
        if kind == MAANED and 1 <= b <= 12:
            return Periode(a, b, MAANED)
        if kind == KVARTAL:
            return Periode(a, b, KVARTAL)
        if kind == "MAT":
            return Periode(a, b, KVARTAL, mat=True)
        if kind == "KVT":
            return Periode(b, a, KVARTAL)
        if kind == AAR:
            return Periode(a, 1, AAR)
    m = re.match(r"^([a-zæøå.]+)\s+(\d{4})$", t, re.I)
    if m and m.group(1).lower().rstrip(".") in _MONTH_WORDS:
        return Periode(int(m.group(2)), _MONTH_WORDS[m.group(1).lower().rstrip(".")], MAANED)
    raise UgyldigPeriode(
        f"Ukendt periode: '{ekko(t)}'. Skriv fx '2017M10', '2017-10' eller 'okt 2017' for en måned, "
        "'2017K3' for et kvartal eller '2017' for et år."
    )


def udvalgets_maaned(p: str | Periode) -> Periode:
    """The month a committee period is shown by (issue 24): a month itself, a quarter its last month, a year
    December. The one rule for `noegletal brief`, `batch` and `rapport --periode 2023K2`: monthly figures are
    named by that month, quarterly ones by the quarter it ends, yearly ones by its year."""
    q = udvalgsperiode(p)
    if q.frekvens == MAANED:
        return q
    return Periode(q.aar, 3 * q.nr if q.frekvens == KVARTAL else 12, MAANED)


def udvalgsperiode(p: str | Periode) -> Periode:
    """The period a brief or report is asked for: a month, a quarter (`2023K2`) or a year (`2022`). A quarter as
    a moving annual total is a way a source counts, not a period of the committee: refused with what to write."""
    q = periode(p)
    if q.mat:
        raise UgyldigPeriode(
            f"{q.kode} er et løbende år (de fire kvartaler til og med {q.aar}K{q.nr}), og det kan en brief ikke vise: "
            "angiv en måned, et kvartal eller et år, "
            f"fx {q.aar}M{3 * q.nr:02d}, {q.aar}K{q.nr} eller {q.aar}."
        )
    return q


def hvilke_tal(p: str | Periode) -> str:
    """Which figures a brief or report for `p` shows, said where a quarter or year is asked for: 'månedstal er
    fra juni 2023 og kvartalstal fra 2. kvartal 2023'; for a year also the year ('… og årstal fra 2022').
    Empty for a month."""
    q = udvalgsperiode(p)
    if q.frekvens == MAANED:
        return ""
    m = udvalgets_maaned(q)
    if q.frekvens == KVARTAL:
        return f"månedstal er fra {m.tekst} og kvartalstal fra {q.tekst}"
    return f"månedstal er fra {m.tekst}, kvartalstal fra {m.kvartal().tekst} og årstal fra {q.tekst}"


def huller(koder: Iterable[str]) -> list[str]:
    """The periods missing inside the span of `koder` (per frequency), oldest first: ['2016M05'] for
    2016M04, 2016M06. A code that is not a period is ignored."""
    pr_frekvens: dict[tuple[str, bool], set] = {}
    for k in koder:
        try:
            p = periode(k)
        except UgyldigPeriode:
            continue
        pr_frekvens.setdefault((p.frekvens, p.mat), set()).add(p)
    ud = []
    for ps in pr_frekvens.values():
        foerste, sidste = min(ps), max(ps)
        ud += [q for q in (foerste.shift(i) for i in range(sidste - foerste + 1)) if q not in ps]
    return [q.kode for q in sorted(ud, key=lambda q: (q.foerste_dag(), q.frekvens))]


def raekke(slut: str | Periode, antal: int) -> list[Periode]:
    """The `antal` periods that end with `slut`, oldest first (e.g. the 25 months of a figure)."""
    s = periode(slut)
    return [s.shift(-i) for i in range(antal - 1, -1, -1)]


def label(kode: str) -> str:
    """Display label for a period code, for table headers and axes."""
    return periode(kode).label
