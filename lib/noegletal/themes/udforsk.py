"""Helpers for notebooks/udforsk.ipynb, the analyst's starting point for exploring any indicator.

Not a brief: it validates free choices (an indicator, some areas, a span of periods) with Danish messages,
and turns a tidy series into what the house style shows (a wide table, a ranking of the klynge).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import catalogue, data, fortaelling, geo, klynger, params
from . import faelles
from ..errors import UgyldigParameter
from ..geo import Omraade
from ..periods import Periode, periode

STANDARD_PERIODER = 25  # without 'fra': the 25 periods up to 'til', as in the briefs

# Unit in the catalogue → how an axis and a sentence say it.
ENHED_TEKST = {"pct": "pct.", "personer": "personer", "fuldtidspersoner": "fuldtidspersoner", "antal": ""}


@dataclass(frozen=True)
class Valg:
    """What the analyst picked, checked: the indicator, the areas (first is the kommune) and the span."""

    indikator: catalogue.Indicator
    omraader: tuple[Omraade, ...]
    fra: Periode
    til: Periode

    @property
    def kommune(self) -> Omraade:
        return self.omraader[0]

    @property
    def sammenligning(self) -> list[Omraade]:
        return list(self.omraader[1:])

    @property
    def enhed(self) -> str:
        return ENHED_TEKST.get(self.indikator.unit, self.indikator.unit)

    @property
    def tekst(self) -> str:
        """The choices in words, to check them at a glance."""
        return (f"{self.indikator.label} ({self.indikator.unit}), {self.fra.tekst} til {self.til.tekst}. "
                f"Områder: {', '.join(o.navn for o in self.omraader)}.")

    @property
    def kolonneformat(self) -> str:
        return "tal1" if self.indikator.unit == "pct" else "tal"


def katalog() -> pd.DataFrame:
    """Every indicator in the catalogue, as a table to read (id is what `indikator` takes)."""
    rows = [
        {"Id": i.id, "Nøgletal": i.label, "Enhed": i.unit, "Tabel": i.table, "Kilde": i.kilde,
         "Evidens": catalogue.EVIDENS_TEKST[i.spec.evidence]}
        for i in catalogue.indicators().values()
    ]
    return pd.DataFrame(rows)


def _liste(tekst: str | list | tuple) -> list[str]:
    if isinstance(tekst, str):
        return [t.strip() for t in tekst.split(",") if t.strip()]
    return [str(t).strip() for t in tekst if str(t).strip()]


def valider(indikator: str, kommuner: str | list, fra: str = "", til: str = "") -> Valg:
    """Check the choices; an empty `til` is the latest period with data, an empty `fra` 25 periods before.

    The first of `kommuner` is the one the sentences are about (its klynge is shown by `rangliste`)."""
    ind = catalogue.indicator(str(indikator).strip())  # unknown id: Danish message with the nearest ids
    navne = _liste(kommuner)
    if not navne:
        raise UgyldigParameter("Angiv mindst én kommune i 'kommuner', fx \"Ballerup,Hele landet\".")
    omraader = list(dict.fromkeys(klynger.omraade(n) for n in navne))  # a group of kommuner too (grupper)
    if omraader[0].niveau not in (geo.KOMMUNE, geo.GRUPPE):
        raise UgyldigParameter(
            f"Det første område i 'kommuner' skal være en kommune eller en gruppe af kommuner (teksten og klyngen "
            f"handler om den), ikke "
            f"'{omraader[0].navn}'. Skriv fx \"Ballerup,{omraader[0].navn}\".")
    har = data.perioder(ind.id)
    if not har:
        raise UgyldigParameter(f"Der er ingen data for '{ind.id}'. Kør `noegletal data demo` eller `noegletal data fetch`.")
    slut = periode(til) if str(til).strip() else periode(har[-1])
    params.kraev_periode(ind.id, slut)
    start = periode(fra) if str(fra).strip() else slut.shift(-(STANDARD_PERIODER - 1))
    if (start.kvartal() if start.frekvens != slut.frekvens else start) > slut:
        raise UgyldigParameter(f"'fra' ({start.kode}) ligger efter 'til' ({slut.kode}).")
    return Valg(ind, tuple(omraader), start, slut)


def serie(v: Valg) -> pd.DataFrame:
    """The indicator for the chosen areas and span, tidy (as data.serie)."""
    return data.serie(v.indikator.id, omraader=list(v.omraader), fra=v.fra, til=v.til)


def roller(v: Valg) -> dict[str, str]:
    """The first area is the kommune; regions and Hele landet keep their colours, other kommuner 'andet'."""
    out = {v.kommune.navn: "kommune"}
    for o in v.sammenligning:
        out[o.navn] = {geo.LAND: "land", geo.REGION: "region", geo.GRUPPE: "klynge"}.get(o.niveau, "andet")
    return out


def bred_tabel(df: pd.DataFrame, v: Valg) -> pd.DataFrame:
    """Periods (rows, oldest first) × areas (columns, in the chosen order); a missing value stays missing."""
    navne = set(df["omraade"])
    return faelles.bred(df, kolonner=[o.navn for o in v.omraader if o.navn in navne], navn="Periode")


def klynge_tabel(kommune: str | Omraade) -> pd.DataFrame:
    """The kommuner in the kommune's klynge (egne data: the table klynger; the demo writes DST's kommunegrupper)."""
    rows = [{"Kode": k.kode, "Kommune": k.navn, "Region": geo.region_for(k).navn}
            for k in klynger.klynge_medlemmer(kommune)]
    return pd.DataFrame(rows)


def klynge_titel(v: Valg) -> str:
    return f"Kommunerne i {v.kommune.navn}s klynge ({klynger.klynge_for(v.kommune)})"


def rangliste_titel(v: Valg) -> str:
    return f"{v.indikator.label}, {v.til.tekst}: {v.kommune.navn}s klynge, højeste først"


def rangliste(v: Valg) -> pd.DataFrame:
    """The first kommune's klynge in the last period, highest first, with the rank; missing values last."""
    medlemmer = klynger.klynge_medlemmer(v.kommune)
    s = data.serie(v.indikator.id, omraader=medlemmer, fra=v.til, til=v.til)
    s = s.sort_values("vaerdi", ascending=False, na_position="last")
    out = pd.DataFrame({"Kommune": s["omraade"].to_numpy(), v.til.label: s["vaerdi"].to_numpy()},
                       index=pd.Index(list(range(1, len(s) + 1)), name="Nr."))  # shown (a RangeIndex is not)
    return out


def hvad_viser(df: pd.DataFrame, v: Valg) -> list[str]:
    """The standard sentences for the first area against the others, in the last period (change over a year)."""
    skridt = {"M": 12, "K": 4, "Å": 1}[v.til.frekvens]
    return fortaelling.hvad_viser(df, v.kommune, v.sammenligning, v.til, v.indikator.unit, "værdien", skridt=skridt)


def punktliste(saetninger: list[str]) -> str:
    """Sentences as a Markdown list, for brief.Tekst."""
    return "\n".join(f"- {s}" for s in saetninger)


def kolonneformat(v: Valg, df: pd.DataFrame) -> dict[str, str]:
    """One decimal for shares, whole numbers otherwise, for every column of a table from `bred_tabel`
    or `rangliste` (text columns such as 'Kommune' keep their text)."""
    return {c: v.kolonneformat for c in df.columns if pd.api.types.is_numeric_dtype(df[c])}
