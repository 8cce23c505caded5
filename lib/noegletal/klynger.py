"""STAR's jobcenter klynger, read from the egne-data table `klynger` (no API serves them).

Reading layer: it reads processed data, so it sits above geo (which only knows the fixed reference lists)
and data. Without the table imported, every function says so by returning nothing, never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from . import data
from .geo import KOMMUNE, Omraade, kommuner, omraade
from .processed import table_path

KLYNGE_TABEL = "klynger"
KLYNGE_INDIKATOR = "klynge"  # the table's measure Klynge for ydelsen 'Alle ydelser'


@dataclass(frozen=True)
class Klyngeliste:
    """STAR's klynger for one year: kommune code → klynge ('Klynge 3'), and whether they are demo data."""

    aar: str
    klynger: dict
    demo: bool

    def klynge(self, kommune: str | Omraade) -> str:
        return self.klynger.get(omraade(kommune).kode, "")

    def medlemmer(self, kommune: str | Omraade) -> list[Omraade]:
        """The kommuner in the same klynge as `kommune`, itself included, in the order of `kommuner()`; [] when
        the kommune has no klynge."""
        k = self.klynge(kommune)
        return [o for o in kommuner() if self.klynger.get(o.kode) == k] if k else []


def klynge_navn(nummer) -> str:
    """A klynge number as the briefs name it: 3 → 'Klynge 3'."""
    x = float(nummer)
    return f"Klynge {int(x)}" if x == int(x) else f"Klynge {x:g}".replace(".", ",")


def klyngeliste(periode=None) -> Klyngeliste | None:
    """The klynger of the year of `periode` (else the latest year before it, else the first year there is),
    from the egne-data table `klynger`; None when the table has not been imported (or holds no kommune)."""
    from .periods import periode as _periode

    data.erklaeret(KLYNGE_INDIKATOR)  # kept across briefs below: a theme that did not declare it fails each time
    if not data.har_tabel(KLYNGE_TABEL):
        return None
    sti = table_path(KLYNGE_TABEL)
    aar = None if periode is None else str(_periode(periode).aar)
    return _klyngeliste(str(sti), sti.stat().st_mtime, aar)


@lru_cache(maxsize=16)
def _klyngeliste(sti: str, mtime: float, aar: str | None) -> Klyngeliste | None:
    s = data.serie(KLYNGE_INDIKATOR)
    s = s[(s["niveau"] == KOMMUNE) & s["vaerdi"].notna()]
    aarene = sorted(s["periode"].unique())
    if not aarene:
        return None
    foer = [a for a in aarene if aar is None or a <= aar]
    valgt = foer[-1] if foer else aarene[0]
    rk = s[s["periode"] == valgt]
    return Klyngeliste(valgt, {str(k): klynge_navn(v) for k, v in zip(rk["omraade_kode"], rk["vaerdi"])},
                       bool(data.kildeinfo([KLYNGE_TABEL])["demo"]))


def klynge_for(kommune: str | Omraade, periode=None) -> str:
    """The kommune's klynge ('Klynge 3') in the year of `periode` (None: the latest list); '' when the klynger
    are not imported or the kommune is not in them."""
    liste = klyngeliste(periode)
    return liste.klynge(kommune) if liste else ""


def klynge_medlemmer(kommune: str | Omraade, periode=None) -> list[Omraade]:
    """The kommuner in the same klynge as `kommune`, itself included; [] without a klynge."""
    liste = klyngeliste(periode)
    return liste.medlemmer(kommune) if liste else []


def klyngegrupper(periode=None) -> list:
    """STAR's klynger as groups of kommuner ('Klynge 3'), one per klynge in the year of `periode` (as
    `klyngeliste`), each made known to `grupper` and `geo`; [] without the klynger imported."""
    from .grupper import KLYNGE, Gruppe, registrer

    liste = klyngeliste(periode)
    if liste is None:
        return []
    navne = sorted(set(liste.klynger.values()), key=lambda n: float(n.split()[-1].replace(",", ".")))
    kilde = (f"STAR's jobcenterklynger {liste.aar} (egne data, tabel {KLYNGE_TABEL})"
             + (" — demo-antagelse: DST's kommunegrupper" if liste.demo else ""))
    return [registrer(Gruppe(n, tuple(k for k in kommuner() if liste.klynger.get(k.kode) == n), KLYNGE, kilde))
            for n in navne]


def omraade(navn, periode=None) -> Omraade:
    """Any area (`grupper.omraade`: a kommune, a region, Hele landet, a group), or one of STAR's klynger as a
    group ('Klynge 3') when the klynger are imported."""
    from . import grupper
    from .errors import UkendtOmraade

    try:
        return grupper.omraade(navn)
    except UkendtOmraade:
        if "klynge" not in str(navn).lower():
            raise
        for g in klyngegrupper(periode):
            if g.navn.lower().replace(" ", "") == str(navn).lower().replace(" ", ""):
                return g.omraade
        raise
