"""Jobcenteroverblik: the whole picture for a committee, in the spirit of STAR's Jobcenteroverblik.

Five parts: the kommune's place in its klynge on headline measures (`overblik_rangering`), the forsørgertryk
over time against Hele landet and the best kommune in the klynge (here), Tabel 1 of Ballerup's follow-up 2020,
the kontanthjælp ministermål 4 and 6 and STAR's Figur 2 (`overblik_tabeller`); the klynge the parts share is
in `overblik_klynge`. This module is the brief's one entry: `valider`, `ALLE`, and every section under the
name the notebook calls. Pure functions: parameters in, DataFrames, sentences and blocks out.

Klynger, arbejdsmarkedsstatus and the kontanthjælp ministermål are egne data (no API has them): a block
whose table is not imported is replaced by `faelles.mangler_egne_data`, and the rest of the brief is made.
Without the klynger the brief ranks nobody and compares with no klynge; it never falls back on a guess.
"""

from __future__ import annotations

import math

import pandas as pd

from .. import brief, data, figures, fmt, fortaelling, geo, klynger, params
from ..errors import UgyldigParameter
from ..params import BriefParametre
from ..periods import periode
from . import Tema, faelles
from . import overblik_klynge as kl
from . import overblik_rangering as rangering_
from . import overblik_tabeller as tabeller

FORSOERGERTRYK = kl.FORSOERGERTRYK
ALLE = tuple(dict.fromkeys((FORSOERGERTRYK, tabeller.FULDTID, tabeller.ARBSTATUS, tabeller.KH_ANDEL, tabeller.KH_5_AAR,
                            klynger.KLYNGE_INDIKATOR, *(i for m in rangering_.MAAL for i in m.indikatorer),
                            tabeller.SAMARBEJDE_I_ALT)))
TEMA = Tema(navn="overblik", titel="Jobcenteroverblik", orden=50, indikatorer=ALLE, valgfri=("maaltal",))

# The sections made in the parts, under the names the notebook calls.
rangering_blokke = rangering_.rangering_blokke
tabel1_blokke = tabeller.tabel1_blokke
kontanthjaelp_blokke = tabeller.kontanthjaelp_blokke
status_blokke = tabeller.status_blokke
samarbejde_blokke = tabeller.samarbejde_blokke


# --- parameters -----------------------------------------------------------------------------------------

def valider(kommune: str, periode: str, sammenligning: str | list[str] | None = None,
            maaneder: int = 25, maaltal: str = params.ALLE_MAALTAL) -> BriefParametre:
    """The brief's parameters: what every brief checks (params.valider, the month with the forsørgertryk), and
    that a klynge of one cannot rank anyone. (Missing egne data do not stop the brief: their blocks say what is
    missing.)"""
    p = params.valider(TEMA.navn, kommune, periode, sammenligning, maaneder, kraev=(FORSOERGERTRYK,),
                       maaltal=maaltal)
    if len(kl.medlemmer(p)) == 1:
        raise UgyldigParameter(
            f"{p.kommune.navn} er alene i sin klynge ('{kl.klynge(p)}') i de indlæste klynger (tabel {kl.KLYNGER}, "
            f"{kl.klyngeliste(p).aar}), så der er ingen at sammenligne med. Ret klyngerne, eller vælg en anden kommune."
        )
    return p


def indledning_blokke(p: BriefParametre) -> list[brief.Blok]:
    """How to read the overblik, and the klynge caveat (or what is missing)."""
    foer = p.periode.shift(-kl.SKRIDT)
    if not kl.har_klynge(p):
        laes = (f"Overblikket samler {p.kommune.navn}s forsørgertryk og ydelser for {p.periode.tekst}. "
                f"Ændringer sammenligner med samme måned året før ({foer.tekst}), så sæsonudsving ikke tæller med.")
        if kl.klyngeliste(p) is None and not p.er_gruppe:  # the ranking section says what is missing and how to add it
            return [brief.Tekst(laes + f" Klyngerne (egne data, tabel {kl.KLYNGER}) er ikke indlæst, så overblikket "
                                       "rangerer ikke kommunen og sammenligner ikke med en klynge.")]
        return [brief.Tekst(laes), brief.Forbehold(kl.klynge_tekst(p), "Ingen klynge")]
    laes = (
        f"Overblikket samler {p.kommune.navn}s forsørgertryk, ydelser og placering i klyngen for "
        f"{p.periode.tekst}. Placeringen er i forhold til de øvrige kommuner i klyngen: nr. 1 har det bedste tal. "
        f"Bevægelsen sammenligner med placeringen i samme måned året før ({foer.tekst}), ikke med forrige måned "
        "som STAR's Jobcenteroverblik: så flytter sæsonudsving ikke placeringen, og udvalget ser et helt års "
        "udvikling."
    )
    titel = "Klyngen er en demo-antagelse" if kl.klyngeliste(p).demo else "Klyngen"
    return [brief.Tekst(laes), brief.Forbehold(kl.klynge_tekst(p), titel)]


# --- forsørgertryk over time ----------------------------------------------------------------------------

def bedste_i_klyngen(p: BriefParametre) -> tuple[geo.Omraade | None, float]:
    """The other klynge kommune with the lowest forsørgertryk in the month (None when none has a value, or
    without a klynge)."""
    andre = [o for o in kl.medlemmer(p) if o != p.kommune]
    if not andre:
        return None, math.nan
    v = kl.vaerdier(kl.FORSOERGERTRYK, andre, p.periode).dropna()
    if v.empty:
        return None, math.nan
    kode = v.sort_values(kind="stable").index[0]
    return geo.omraade(kode), float(v[kode])


def forsoergertryk_serie(p: BriefParametre) -> tuple[pd.DataFrame, geo.Omraade | None]:
    """Tidy series for the chart: the kommune, its comparison areas and the best other klynge kommune."""
    bedst, _ = bedste_i_klyngen(p)
    omraader = p.omraader + ([bedst] if bedst and bedst not in p.omraader else [])
    df = data.serie(kl.FORSOERGERTRYK, omraader=omraader, fra=p.serie_fra, til=p.periode)
    if bedst is not None:
        df = df.assign(omraade=df["omraade"].where(df["omraade_kode"] != bedst.kode, bedst_etiket(p, bedst)))
    return df, bedst


def bedst_etiket(p: BriefParametre, o: geo.Omraade) -> str:
    """The best kommune's name in the legend: 'Hvidovre (lavest i klyngen)', or '(lavest af de øvrige i
    klyngen)' when the kommune itself is lower."""
    egen = kl.vaerdier(kl.FORSOERGERTRYK, [p.kommune], p.periode).iloc[0]
    bedste = kl.vaerdier(kl.FORSOERGERTRYK, [o], p.periode).iloc[0]
    selv_lavest = not fmt.er_mangler(egen) and egen <= bedste
    return f"{o.navn} (lavest {'af de øvrige ' if selv_lavest else ''}i klyngen)"


def forsoergertryk_hvad(p: BriefParametre, df: pd.DataFrame, bedst: geo.Omraade | None) -> list[str]:
    """The standard three sentences, against Hele landet and the best other kommune in the klynge."""
    sammenlign = [*p.sammenligning, *([bedst] if bedst else [])]
    out = fortaelling.hvad_viser(df, p.kommune, sammenlign, p.periode, "pct", "forsørgertrykket")
    if bedst is not None:
        egen = fortaelling.vaerdi(df, p.kommune, p.periode)
        bedste = fortaelling.vaerdi(df, bedst, p.periode)
        if not fmt.er_mangler(egen) and egen <= bedste:
            out.append(f"{p.kommune.navn} har selv det laveste forsørgertryk i klyngen; figuren viser den kommune, "
                       f"der kommer nærmest: {bedst.navn}.")
        else:
            andre = [o for o in kl.medlemmer(p) if o not in (p.kommune, bedst)]
            v = kl.vaerdier(kl.FORSOERGERTRYK, andre, p.periode).dropna()
            lige = [geo.omraade(c).navn for c, x in v.items() if round(x, 1) == round(bedste, 1)]
            hvem = (f"{bedst.navn} har" if not lige else
                    f"{figures.opremsning([bedst.navn, *lige])} har med {fmt.pct(bedste)}")
            out.append(f"{hvem} det laveste forsørgertryk blandt de øvrige kommuner i klyngen i {p.periode.tekst}.")
    return out


def forsoergertryk_figurblok(p: BriefParametre) -> brief.Figurblok:
    df, bedst = forsoergertryk_serie(p)
    roller = faelles.roller(p)
    if bedst is not None:
        roller[bedst_etiket(p, bedst)] = figures.KLYNGE
    figur = figures.linjefigur(df, roller=roller, titel="Forsørgertryk, pct. af de 16-66-årige", enhed="pct.")
    foerste = faelles.foerste(df)
    hvordan = [
        "Forsørgertrykket er fuldtidspersoner på offentlig forsørgelse (alle Jobindsats' ydelsesgrupper, også "
        "førtidspension og efterløn) i pct. af befolkningen 16-66 år, som i STAR's Jobcenteroverblik.",
        fortaelling.sammenlignet_med(
            p.kommune, [*p.sammenligning, *([f"{bedst.navn}, den af de øvrige kommuner i klyngen med det laveste "
                                             f"forsørgertryk i {p.periode.tekst}"] if bedst else [])],
            fortaelling.hver_maaned(foerste, p.periode)),
    ]
    return faelles.maaltal_figurblok(p, kl.FORSOERGERTRYK, fortaelling.vaerdi(df, p.kommune, p.periode),
                                     "Andel på offentlig forsørgelse, 16-66 år", figur, hvordan,
                                     forsoergertryk_hvad(p, df, bedst), kl.FORSOERGERTRYK)


# --- the stamp ------------------------------------------------------------------------------------------

def klynge_kilde(p: BriefParametre) -> str:
    """What the stamp says about the klynger: table, year, demo or not; or that they are missing."""
    liste = kl.klyngeliste(p)
    if liste is None:
        return f"jobcenterklynger: ikke indlæst (egne data, tabel {kl.KLYNGER})"
    return (f"jobcenterklynger: egne data, tabel {kl.KLYNGER}, {liste.aar}"
            + (" (demo-antagelse: DST's kommunegrupper)" if liste.demo else ""))


def stempel(p: BriefParametre) -> brief.Stempel:
    """The usual stamp, plus where the klynger come from."""
    s = faelles.stempel(p, *ALLE)
    return brief.Stempel(f"{s.kilde}; {klynge_kilde(p)}", s.parametre, s.kodeversion, s.tidspunkt)
