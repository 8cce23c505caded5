"""Jobcenteroverblik, the klynge: which kommuner the kommune is compared with, and what every part of the
overblik shares (the indicator of the forsørgertryk, the step of a year, one value per area in a month).

Klynger are egne data (table klynger, no API has them). Without them the overblik ranks nobody and compares
with no klynge; it never falls back on a guess. The other parts call these functions as `kl.<name>`, so
a test can replace one (`monkeypatch.setattr(overblik_klynge, "medlemmer", …)`) for every part at once.
"""

from __future__ import annotations

import pandas as pd

from .. import catalogue, data, geo, klynger
from ..params import BriefParametre
from ..periods import Periode

FORSOERGERTRYK = "forsoergede_pct"  # fuldtidspersoner på offentlig forsørgelse i pct. af de 16-66-årige
KLYNGER = klynger.KLYNGE_TABEL
SKRIDT = 12  # moves and changes are against the same month a year earlier (no seasonal noise)
# Dimension values of ptv_a02 and arbejdsmarkedsstatus (catalogue.yml) that more than one part uses.
I_ALT = "I alt"
KONTANTHJAELP = "Kontanthjælp"


def klyngeliste(p: BriefParametre) -> klynger.Klyngeliste | None:
    """The imported klynger for the brief's year (None: not imported)."""
    return klynger.klyngeliste(p.periode)


def medlemmer(p: BriefParametre) -> list[geo.Omraade]:
    """The kommuner in the kommune's klynge, itself included; [] without klynger or without the kommune in them."""
    liste = klyngeliste(p)
    return liste.medlemmer(p.kommune) if liste else []


def har_klynge(p: BriefParametre) -> bool:
    """Whether the brief can rank the kommune: the klynger are imported and the kommune has company in them."""
    return len(medlemmer(p)) >= 2


def klynge(p: BriefParametre) -> str:
    """'Klynge 1' ('' without one)."""
    liste = klyngeliste(p)
    return liste.klynge(p.kommune) if liste else ""


def klynge_tekst(p: BriefParametre) -> list[str]:
    """Which klynge, from which list, and what that list is (demo data: DST's kommunegrupper)."""
    liste = klyngeliste(p)
    if p.kommune.niveau == geo.GRUPPE:  # the ranking exists only per kommune
        navne = ", ".join(geo.omraade(k).navn for k in p.kommune.medlemmer)
        return [f"Placeringen i klyngen findes kun for en kommune, og {p.kommune.navn} er en gruppe af kommuner "
                f"({navne}). Overblikket rangerer derfor ikke {p.kommune.navn} og sammenligner ikke med en klynge; "
                "resten af overblikket er regnet for gruppen ud fra kommunernes summerede tal."]
    if liste is None:
        return []
    if not har_klynge(p):
        return [f"{p.kommune.navn} er ikke med i de indlæste klynger (tabel {KLYNGER}, {liste.aar}), så overblikket "
                "rangerer ikke kommunen og sammenligner ikke med en klynge."]
    tekst = [f"{p.kommune.navn} sammenlignes med de {len(medlemmer(p)) - 1} andre kommuner i {klynge(p).lower()}. "
             f"Klyngerne er egne data (tabel {KLYNGER}), listen for {liste.aar}."]
    if liste.demo:
        tekst.append(
            "Klyngerne er en demo-antagelse: de er sat lig Danmarks Statistiks kommunegrupper, "
            "ikke STAR's jobcenterklynger, som findes pr. ydelse og ikke "
            "kan hentes maskinlæsbart. Indlæs de gældende klynger, før placeringerne bruges til andet end afprøvning.")
    else:
        tekst.append(
            "STAR har én klyngetype pr. ydelse; her bruges klyngen for "
            f"'{catalogue.indicator(klynger.KLYNGE_INDIKATOR).filter.get('ydelse')}' for alle nøgletal.")
    return tekst


def vaerdier(indikator: str, omraader, q: Periode, **filter) -> pd.Series:
    """One value per area (index: area code) in one month; areas without a row are NaN."""
    return data.i_maaneden(indikator, q, **filter).reindex([geo.omraade(o).kode for o in omraader])
