"""What every brief does the same way: its opening (banner, heading), colour roles and the closing stamp."""

from __future__ import annotations

from .. import brief, catalogue, data, geo
from ..figures import Figur
from ..params import BriefParametre

# Which areas get which colour role in every chart (figures.ROLLE_FARVER).
_ROLLE_FOR_NIVEAU = {geo.KOMMUNE: "kommune", geo.REGION: "region", geo.LAND: "land"}


def roller(p: BriefParametre) -> dict[str, str]:
    """The kommune is 'kommune'; other kommuner chosen for comparison are 'andet'."""
    out = {p.kommune.navn: "kommune"}
    for o in p.sammenligning:
        out[o.navn] = _ROLLE_FOR_NIVEAU[o.niveau] if o.niveau != geo.KOMMUNE else "andet"
    return out


def tabeller_for(*indikatorer: str) -> list[str]:
    return sorted({catalogue.indicator(i).table for i in indikatorer})


def kilde(*indikatorer: str) -> str:
    """'Kilde' line for a figure: the sources and table ids behind the indicators, demo or not."""
    info = data.kildeinfo(tabeller_for(*indikatorer))
    tekst = " og ".join(info["kilder"]) + f" (tabel {', '.join(info['tabeller'])})"
    return tekst + (" — demodata, ikke officielle tal" if info["demo"] else "")


def indledning(p: BriefParametre, titel: str, undertitel: str, *indikatorer: str) -> list[brief.Blok]:
    """Demo banner (when any table behind the brief is demo data) and the heading."""
    blokke: list[brief.Blok] = []
    if data.kildeinfo(tabeller_for(*indikatorer))["demo"]:
        blokke.append(brief.Demobanner())
    blokke.append(brief.Overskrift(titel, undertitel, kommune=p.kommune, periode=p.periode))
    return blokke


def stempel(p: BriefParametre, *indikatorer: str) -> brief.Stempel:
    """Data source and vintage (or 'demodata'), parameters, code version, time of rendering."""
    info = data.kildeinfo(tabeller_for(*indikatorer))
    aargang = "demodata (genereret af noegletal, ikke officielle tal)" if info["demo"] else f"hentet {info['hentet'][:10]}"
    tekst = f"{' og '.join(info['kilder'])}, tabel {', '.join(info['tabeller'])}; {aargang}"
    return brief.Stempel(tekst, p.som_tekst())


def figurblok(titel: str, figur: Figur, hvordan, hvad, *indikatorer: str) -> brief.Figurblok:
    return brief.Figurblok(titel, figur, hvordan, hvad, kilde(*indikatorer))
