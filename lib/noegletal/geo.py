"""Kommuner, regioner, Hele landet and jobcentre, read from the reference CSVs; klynger from the data.

`omraade("høje tåstrup")` accepts names in any case and common spelling variants, official names ("Københavns
Kommune", "Bornholms Regionskommune", "Aarhus Kommune") and codes ("151", "0151").
Names from other programs are Unicode-normalised first (NFKC), so a decomposed "Tårnby" (a + combining ring, as
macOS and some exports write it) is the same name; `soeg` folds the same way as `omraade`, plus a looser folding
(aa→a, oe→o, ae→a) so "Kobenhavn" finds København.
An unknown name fails with the nearest matches, in Danish. STAR's jobcenterklynger are no API's and no
reference file's: they are egne data (table `klynger`), and without them a kommune has no klynge.
The CSVs are read with the standard library: checking a kommune (the CLI, the batch's grid) loads no pandas.
"""

from __future__ import annotations

import csv
import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .config import REFERENCE_DIR
from .errors import UgyldigParameter, UkendtOmraade, ekko

HELE_LANDET_KODE = "000"
HELE_LANDET = "Hele landet"

_HELE_LANDET_ORD = re.compile(rf"\b{HELE_LANDET}\b")
_PUNKT_START = re.compile(r"(^|\n)\s*([-*+]|\d+\.)$")  # a Markdown list item begins here


def i_saetning(tekst: str) -> str:
    """'Det er lavere end Hele landet (19,1 pct.)' → '… end hele landet (19,1 pct.)'. "Hele landet" is the
    area's name in tables, legends and parameters; inside a sentence it is two ordinary words, as the
    faktasider write it. At the start of a text, a line, a list item or a sentence (after . ! ? or :) it keeps
    its capital."""
    def ord_(m: re.Match) -> str:
        foer = tekst[:m.start()].rstrip(" \t*_")
        start = not foer or foer[-1] in ".!?:\n" or _PUNKT_START.search(foer)
        return m.group(0) if start else HELE_LANDET.lower()

    return _HELE_LANDET_ORD.sub(ord_, tekst)


KOMMUNE = "kommune"
REGION = "region"
LAND = "land"
GRUPPE = "gruppe"  # a group of kommuner (grupper.py): Hovedstadsområdet, a shared jobcenter, a klynge, the user's

# Names people and sources also use. Keys are normalised (see `_norm`).
_ALIASES = {
    "kbh": "København",
    "kobenhavn": "København",
    "copenhagen": "København",
    "lyngby": "Lyngby-Taarbæk",
    "taastrup": "Høje-Taastrup",
    "danmark": HELE_LANDET,
    "landet": HELE_LANDET,
    "helelandet": HELE_LANDET,
    "landsplan": HELE_LANDET,
    "dk": HELE_LANDET,
    "hovedstaden": "Region Hovedstaden",
    "sjaelland": "Region Sjælland",
    "syddanmark": "Region Syddanmark",
    "midtjylland": "Region Midtjylland",
    "nordjylland": "Region Nordjylland",
    "nordfyn": "Nordfyns",
    "vesthimmerland": "Vesthimmerlands",
    "brondby": "Brøndby",
    "arhus": "Aarhus",
    "alborg": "Aalborg",
    "abenraa": "Aabenraa",
}


@dataclass(frozen=True, order=True)
class Omraade:
    """An area as the briefs and the processed data know it."""

    kode: str
    navn: str
    niveau: str  # "kommune", "region", "land" or "gruppe"
    region_kode: str | None = None
    medlemmer: tuple[str, ...] = ()  # a group's kommune codes (grupper.py); () for every other area

    def __str__(self) -> str:  # what a brief prints
        return self.navn

    @property
    def fuldt_navn(self) -> str:
        """As a heading or a footer names it: 'Ballerup Kommune', 'Københavns Kommune' (the two official names that
        are not '<navn> Kommune'); a region, Hele landet or a group by its name."""
        if self.niveau != KOMMUNE:
            return self.navn
        return _FULDE_NAVNE.get(self.kode, f"{self.navn} Kommune")


_FULDE_NAVNE = {"101": "Københavns Kommune", "400": "Bornholms Regionskommune"}  # official, by DST code
_OFFICIELT = re.compile(r"s\s+(regions)?kommunes?$")  # 'Københavns Kommune', 'Bornholms Regionskommune'


def _norm(text: str) -> str:
    """Fold case, Danish letters and punctuation so spelling variants meet."""
    t = unicodedata.normalize("NFKC", str(text)).strip().lower()
    t = re.sub(r"\b(regionskommune|regionskommunes|kommune|kommunes|jobcenter)\b", "", t)
    t = t.replace("å", "aa").replace("æ", "ae").replace("ø", "oe")
    t = "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))  # é → e, ü → u
    return re.sub(r"[^a-z0-9]", "", t)


def _loes(text: str) -> str:
    """A looser folding for names typed without Danish letters: 'Kobenhavn', 'Tarnby', 'Arhus', 'Nastved'."""
    return _norm(text).replace("aa", "a").replace("oe", "o").replace("ae", "a")


def _kode(text: str) -> str | None:
    """'0101', '101', '１０１' → '101'; None when the text is not a number. Codes have at least 3 digits."""
    t = unicodedata.normalize("NFKC", str(text)).strip()
    return t.lstrip("0").zfill(3) if t.isdigit() else None


def _csv(navn: str) -> tuple[dict[str, str], ...]:
    with open(REFERENCE_DIR / navn, encoding="utf-8", newline="") as f:
        return tuple(csv.DictReader(f))


@lru_cache(maxsize=1)
def kommune_raekker() -> tuple[dict[str, str], ...]:
    """The 98 kommuner as rows of text: kode, kommune, region_kode, region, kommunegruppe."""
    return _csv("kommuner.csv")


@lru_cache(maxsize=1)
def alle_omraader() -> tuple[Omraade, ...]:
    """Every area: Hele landet, the 5 regioner and the 98 kommuner, in that order."""
    rk = kommune_raekker()
    regioner = sorted({r["region_kode"]: r["region"] for r in rk}.items())
    out = [Omraade(HELE_LANDET_KODE, HELE_LANDET, LAND)]
    out += [Omraade(kode, navn, REGION) for kode, navn in regioner]
    out += [Omraade(r["kode"], r["kommune"], KOMMUNE, r["region_kode"]) for r in rk]
    return tuple(out)


def kommuner() -> list[Omraade]:
    return [o for o in alle_omraader() if o.niveau == KOMMUNE]


def regioner() -> list[Omraade]:
    return [o for o in alle_omraader() if o.niveau == REGION]


def hele_landet() -> Omraade:
    return alle_omraader()[0]


@lru_cache(maxsize=1)
def _index() -> dict[str, Omraade]:
    idx: dict[str, Omraade] = {}
    for o in alle_omraader():
        idx[o.kode] = o
        idx[_norm(o.navn)] = o
        if o.niveau == REGION:
            idx[_norm(o.navn.removeprefix("Region "))] = o
    by_name = {o.navn: o for o in alle_omraader()}
    for alias, navn in _ALIASES.items():
        idx.setdefault(alias, by_name[navn])
    return idx


@lru_cache(maxsize=1)
def _loes_index() -> dict[str, Omraade]:
    """Loose key → area, only for keys that name one area."""
    alle: dict[str, set] = {}
    for o in alle_omraader():
        alle.setdefault(_loes(o.navn), set()).add(o)
        if o.niveau == REGION:
            alle.setdefault(_loes(o.navn.removeprefix("Region ")), set()).add(o)
    return {k: next(iter(v)) for k, v in alle.items() if len(v) == 1}


def omraade(navn_eller_kode: str | int | Omraade) -> Omraade:
    """Find an area by name, spelling variant or code; fail in Danish with the nearest matches."""
    if isinstance(navn_eller_kode, Omraade):
        return navn_eller_kode
    text = unicodedata.normalize("NFC", str(navn_eller_kode)).strip()
    kode = _kode(text)
    if kode is not None and kode in _index():
        return _index()[kode]
    for variant in (text, *_uden_genitiv(text)):
        key = _norm(variant)
        if key in _index():
            return _index()[key]
        if _loes(variant) in _loes_index():
            return _loes_index()[_loes(variant)]
    gruppe = _GRUPPER.get(_norm(text)) or _GRUPPER.get(text)
    if gruppe is not None:
        return gruppe
    raise UkendtOmraade(_unknown_message(text))


def _uden_genitiv(text: str) -> list[str]:
    """An official name in the genitive, 'Københavns Kommune' or 'Bornholms Regionskommune', as the name
    without its 's' ('København', 'Bornholm'); tried only after the name as written ('Nordfyns Kommune')."""
    t = unicodedata.normalize("NFKC", text).strip()
    return [t[:m.start()]] if (m := _OFFICIELT.search(t.lower())) else []


# Groups of kommuner that grupper.py has found (by folded name and by code): geo knows only the fixed reference
# lists, so a group is known here once grupper has resolved it, and from then on by name anywhere (a sentence,
# a table column) like any area.
_GRUPPER: dict[str, Omraade] = {}


def registrer_gruppe(o: Omraade) -> Omraade:
    """Make a group known to `omraade` by its name and code (grupper.py calls it; a kommune's or a region's
    name is never taken over)."""
    if o.niveau != GRUPPE:
        raise ValueError(f"{o.navn} er ikke en gruppe")
    _GRUPPER[_norm(o.navn)] = _GRUPPER[o.kode] = o
    return o


def _unknown_message(text: str) -> str:
    names = [o.navn for o in alle_omraader()]
    by_norm = {_norm(n): n for n in names}
    basis = re.sub(r"s?\s+\S*kommun\S*$", "", text, flags=re.IGNORECASE) or text  # 'Bornholms Regionkommune'
    close = difflib.get_close_matches(_norm(basis), list(by_norm), n=3, cutoff=0.6)
    if not close:
        by_loes = {_loes(n): n for n in names}
        close_l = difflib.get_close_matches(_loes(text), list(by_loes), n=3, cutoff=0.6)
        close = [_norm(by_loes[c]) for c in close_l]
    hint = ", ".join(by_norm[c] for c in close)
    msg = f"Ukendt område: '{ekko(text)}'."
    if hint:
        msg += f" Mente du: {hint}?"
    return msg + " Skriv et kommunenavn eller en kommunekode (fx 'Ballerup' eller '151'); `noegletal kommuner` viser dem alle."


def soeg(tekst: str = "") -> list[Omraade]:
    """Areas whose name contains the text, folded as `omraade` folds it (and loosely: 'Kobenhavn' finds
    København), or whose code it is ('0101' as '101'), or that a known alias names, for `noegletal kommuner [søg]`."""
    key, loes, kode = _norm(tekst), _loes(tekst), _kode(tekst)
    try:  # an alias or an official name ('Københavns Kommune')
        alias = omraade(tekst) if key else None
    except UkendtOmraade:
        alias = None
    return [o for o in alle_omraader()
            if key in _norm(o.navn) or loes in _loes(o.navn) or kode == o.kode or o == alias]


def faelles_region(o: Omraade) -> Omraade | None:
    """A kommune's region, or the one all of a group's members are in; None when they are in several (or `o` is
    a region or Hele landet)."""
    if o.niveau == KOMMUNE:
        return region_for(o)
    if o.niveau != GRUPPE:
        return None
    regioner = {region_for(k) for k in o.medlemmer}
    return regioner.pop() if len(regioner) == 1 else None


def region_for(kommune: str | Omraade) -> Omraade:
    k = omraade(kommune)
    if k.niveau != KOMMUNE:
        raise UkendtOmraade(f"'{k.navn}' er ikke en kommune og har derfor ingen region.")
    return omraade(k.region_kode)


@lru_cache(maxsize=1)
def _jobcentre() -> tuple[dict[str, str], ...]:
    return _csv("jobcentre.csv")


def jobcenter_for(kommune: str | Omraade, aar: int) -> str:
    """The jobcenter that served the kommune in the given year (some were shared, e.g. Vallensbæk/Ishøj, as STAR names it)."""
    k = omraade(kommune)
    for r in _jobcentre():
        if r["kommune_kode"] == k.kode and int(r["fra"]) <= aar and (not r["til"].strip() or aar <= int(r["til"])):
            return r["jobcenter"]
    return k.navn


def kommune(navn: str | Omraade) -> Omraade:
    """A kommune by any name or code; a region or Hele landet is refused (the one kommune check)."""
    o = omraade(navn)
    if o.niveau != KOMMUNE:
        raise UgyldigParameter(f"'{o.navn}' er ikke en kommune. Angiv en af de 98 kommuner, fx 'Ballerup' eller '151'.")
    return o
