"""Validation of brief parameters, shared by every notebook and the command line.

papermill only warns about unknown names, so each notebook calls `valider()` first thing; a bad value
fails here with a Danish message that lists what is valid or the nearest match.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import config, data, geo
from .errors import ManglendeData, UgyldigParameter
from .geo import Omraade
from .periods import Periode, periode

MAANEDER_MIN, MAANEDER_MAX = 2, 120


@dataclass(frozen=True)
class BriefParametre:
    tema: str
    kommune: Omraade
    periode: Periode
    sammenligning: tuple[Omraade, ...]
    maaneder: int
    ekstra: dict = field(default_factory=dict)

    @property
    def region(self) -> Omraade:
        return geo.region_for(self.kommune)

    @property
    def omraader(self) -> list[Omraade]:
        """The kommune first, then its comparison areas."""
        return [self.kommune, *self.sammenligning]

    def som_tekst(self) -> dict:
        """Plain values for the stamp (no secrets ever pass through parameters)."""
        return {"tema": self.tema, "kommune": self.kommune.navn, "periode": self.periode.kode,
                "sammenligning": ", ".join(o.navn for o in self.sammenligning), "maaneder": self.maaneder,
                **{k: v for k, v in self.ekstra.items()}}


def valider_tema(tema: str) -> str:
    t = str(tema).strip().lower()
    if t not in config.TEMAER:
        raise UgyldigParameter(f"Ukendt tema '{tema}'. Vælg et af: {', '.join(config.TEMAER)}.")
    return t


def valider(
    tema: str,
    kommune: str,
    periode_: str,
    sammenligning: list[str] | str | None = None,
    maaneder: int = 25,
    indikator: str | None = None,
    **ekstra,
) -> BriefParametre:
    """Check a brief's parameters; with `indikator`, also that the period has data for it."""
    tema = valider_tema(tema)
    k = geo.omraade(kommune)
    if k.niveau != geo.KOMMUNE:
        raise UgyldigParameter(f"'{k.navn}' er ikke en kommune. Angiv en af de 98 kommuner, fx 'Ballerup' eller '151'.")
    p = periode(periode_)
    if isinstance(sammenligning, str):
        sammenligning = [s for s in sammenligning.split(",") if s.strip()]
    if not sammenligning:
        sammenligning = [geo.HELE_LANDET, geo.region_for(k).navn]
    comp = tuple(o for o in dict.fromkeys(geo.omraade(s) for s in sammenligning) if o != k)
    try:
        m = int(maaneder)
    except (TypeError, ValueError):
        raise UgyldigParameter(f"maaneder skal være et helt tal mellem {MAANEDER_MIN} og {MAANEDER_MAX}, ikke '{maaneder}'.") from None
    if not MAANEDER_MIN <= m <= MAANEDER_MAX:
        raise UgyldigParameter(f"maaneder skal være mellem {MAANEDER_MIN} og {MAANEDER_MAX}, ikke {m}.")
    if indikator:
        kraev_periode(indikator, p)
    return BriefParametre(tema, k, p, comp, m, dict(ekstra))


def kraev_periode(indikator: str, p: Periode) -> None:
    """A period without data fails with the span that has data."""
    have = data.perioder(indikator)
    code = p.kode if not have or len(have[0]) == len(p.kode) else p.kvartal().kode
    if code not in have:
        span = f"{have[0]} til {have[-1]}" if have else "ingen perioder"
        raise ManglendeData(
            f"Der er ingen data for {p.tekst} ({p.kode}) i '{indikator}'. Data findes fra {span}. "
            "Vælg en periode i det interval, eller hent nyere data med `noegletal data fetch`."
        )
