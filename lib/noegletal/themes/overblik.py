"""Jobcenteroverblik: the whole picture for a committee, in the spirit of STAR's Jobcenteroverblik.

Five parts: the kommune's place in its klynge on headline measures ("Nr. 3 af 24", the move since the
same month a year earlier, the third it is in, and whether the data can carry the place at all), the
forsørgertryk over time against Hele landet and the best kommune in the klynge, Tabel 1 of Ballerup's
follow-up 2020 rebuilt on Jobindsats' ydelsesgrupper (ptv_a02), the kontanthjælp ministermål 4 and 6, and
STAR's Figur 2 (borgere by arbejdsmarkedsstatus against the klynge). Pure functions: parameters in,
DataFrames, sentences and blocks out.

Klynger, arbejdsmarkedsstatus and the kontanthjælp ministermål are egne data (no API has them): a block
whose table is not imported is replaced by `faelles.mangler_egne_data`, and the rest of the brief is made.
Without the klynger the brief ranks nobody and compares with no klynge; it never falls back on a guess.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .. import (
    brief,
    catalogue,
    data,
    figures,
    fmt,
    fortaelling,
    geo,
    klynger,
    ranking,
    usikkerhed,
)
from ..errors import UgyldigParameter
from ..figures import Figur
from ..params import BriefParametre
from ..periods import Periode, periode
from . import faelles

FORSOERGERTRYK = "forsoergede_pct"  # fuldtidspersoner på offentlig forsørgelse i pct. af de 16-66-årige
FULDTID = "forsoergede_fuldtid"
UDEN_FP_EL = "forsoergede_fuldtid_uden_fp_el"  # names the ydelsesgrupper of 'SUM eksklusiv …'
ARBSTATUS = "arbejdsmarkedsstatus"  # indicator and egne-data table
KH_MAAL = "kontanthjaelp_maal"  # egne-data table of ministermål 4 and 6
KH_ANDEL = "kontanthjaelp_beskaeftigede_opvisiterede_andel"
KH_5_AAR = "kontanthjaelp_over_5_aar"
KH_PERSONER = "Antal personer på kontanthjælp"  # a measure of KH_MAAL without an indicator of its own
KLYNGER = klynger.KLYNGE_TABEL

# Dimension values of ptv_a02 and arbejdsmarkedsstatus (catalogue.yml).
I_ALT = "I alt"
KONTANTHJAELP = "Kontanthjælp"
YDELSESMODTAGERE = "Ydelsesmodtagere"
BESKAEFTIGEDE = "Beskæftigede"
STATUS_ETIKET = {"Under uddannelse (SU)": "SU-modtagere", I_ALT: "Befolkning (16-66 år)"}

# Tabel 1 as Ballerup's follow-up 2020 prints it.
SUM_EKSKL = "SUM eksklusiv førtidspension og efterløn"
SUM_INKL = "SUM inklusiv førtidspension og efterløn"
ANTAL_OVERSKRIFT = "Antal fuldtidspersoner"
PCT_OVERSKRIFT = "Fuldtidspersoner i pct. af befolkningen"
TABEL1_AAR = 3  # the month and the same month one and two years earlier

SKRIDT = 12  # moves and changes are against the same month a year earlier (no seasonal noise)
IKKE_RELEVANT = "–"

# Figur 2 columns, in STAR's order. Headed in two levels in the brief (numeric headers do not wrap).
KOL_ANTAL = "Antal"
KOL_ANDEL = "Andel af befolkningen, pct."
KOL_KLYNGE_ANDEL = "Gnsn. andel i de øvrige kommuner i klyngen, pct."
KOL_UDVIKLING = "Udvikling ift. året før, pct.-point"
KOL_KLYNGE_UDVIKLING = "Gnsn. udvikling i de øvrige kommuner i klyngen, pct.-point"
KLYNGEN_GNSN = "Klyngen, gnsn."

KLYNGE_HVAD = "Placeringen i klyngen og sammenligningen med klyngens øvrige kommuner"
STATUS_HVAD = "Fordelingen af de 16-66-årige på arbejdsmarkedsstatus (Figur 2 i STAR's Jobcenteroverblik)"
KH_MAAL_HVAD = "Kontanthjælpens ministermål 4 og 6"


@dataclass(frozen=True)
class Maal:
    """A headline measure to rank the kommune on.

    Either an `indikator` read as it is, or a share computed from counts: 100 · sum(taeller) / sum(naevner).
    With `personer` the counts are persons, so a share resting on few of them gets an interval; with
    `aendring_12m` the value is the pct. change over 12 months, resting on the count a year earlier.
    """

    noegle: str
    navn: str
    kort: str  # column header in the klynge table; soft hyphens let it wrap
    forklaring: str
    indikator: str | None = None
    filter: dict = field(default_factory=dict)
    lavest_bedst: bool = True
    decimaler: int = 1
    aendring_12m: bool = False
    taeller: tuple[str, ...] = ()
    naevner: tuple[str, ...] = ()
    personer: bool = False

    @property
    def indikatorer(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*([self.indikator] if self.indikator else []), *self.taeller, *self.naevner)))

    @property
    def offentliggjort(self) -> bool:
        """A published figure (rounded to `decimaler`: equal figures could be in either order), or a share
        noegletal computes from counts (its order is known; only few persons make it uncertain)."""
        return self.indikator is not None


MAAL = (
    Maal("forsoergertryk", "Forsørgertryk", kort="Forsørger\u00adtryk", indikator=FORSOERGERTRYK,
         forklaring="fuldtidspersoner på offentlig forsørgelse (alle ydelsesgrupper) i pct. af de 16-66-årige"),
    Maal("ledighed", "Ledighedsprocent", kort="Ledighed", indikator="ledighedsprocent",
         forklaring="sæsonkorrigerede fuldtidsledige i pct. af arbejdsstyrken"),
    Maal("kontanthjaelp", "Andel på kontanthjælp", kort="Kontant\u00adhjælp", indikator=FORSOERGERTRYK,
         filter={"ydelsesgruppe": KONTANTHJAELP},
         forklaring="fuldtidspersoner på kontanthjælp (med den tidligere uddannelseshjælp og integrationsydelse) "
                    "i pct. af de 16-66-årige"),
    Maal("ungeledighed", "Ungeledighed", kort="Unge\u00adledighed", taeller=("ledige_unge",),
         naevner=("befolkning_16_17", "befolkning_18_29"),
         forklaring="ledige 16-29-årige (fuldtidspersoner) i pct. af befolkningen 16-29 år, regnet af noegletal"),
    Maal("fleksjobledighed", "Fleksjobledighed", kort="Fleksjob\u00adledighed", taeller=("ledighedsydelse_personer",),
         naevner=("ledighedsydelse_personer", "fleksjob_personer"), personer=True,
         forklaring="personer på ledighedsydelse i pct. af alle i fleksjobordningen (fleksjob og ledighedsydelse), "
                    "regnet af noegletal"),
    Maal("dagpenge", "Udvikling i antal dagpengemodtagere", kort="Dagpenge\u00admodtagere, udvikling",
         indikator="dagpenge_personer", aendring_12m=True,
         forklaring="ændring i pct. i antal personer på a-dagpenge over 12 måneder"),
)

ALLE = tuple(dict.fromkeys((FORSOERGERTRYK, FULDTID, ARBSTATUS, KH_ANDEL, KH_5_AAR, klynger.KLYNGE_INDIKATOR,
                            *(i for m in MAAL for i in m.indikatorer))))


# --- parameters and klynge ------------------------------------------------------------------------------

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


def valider(p: BriefParametre) -> BriefParametre:
    """Beyond params.valider: a klynge of one cannot rank anyone. (Missing egne data do not stop the brief:
    their blocks say what is missing.)"""
    if len(medlemmer(p)) == 1:
        raise UgyldigParameter(
            f"{p.kommune.navn} er alene i sin klynge ('{klynge(p)}') i de indlæste klynger (tabel {KLYNGER}, "
            f"{klyngeliste(p).aar}), så der er ingen at sammenligne med. Ret klyngerne, eller vælg en anden kommune."
        )
    return p


def klynge_tekst(p: BriefParametre) -> list[str]:
    """Which klynge, from which list, and what that list is (demo data: DST's kommunegrupper)."""
    liste = klyngeliste(p)
    if liste is None:
        return []
    if not har_klynge(p):
        return [f"{p.kommune.navn} er ikke med i de indlæste klynger (tabel {KLYNGER}, {liste.aar}), så overblikket "
                "rangerer ikke kommunen og sammenligner ikke med en klynge."]
    tekst = [f"{p.kommune.navn} sammenlignes med de {len(medlemmer(p)) - 1} andre kommuner i {klynge(p).lower()}. "
             f"Klyngerne er egne data (tabel {KLYNGER}), listen for {liste.aar}."]
    if liste.demo:
        tekst.append(
            "Klyngerne er en demo-antagelse: de er sat lig Danmarks Statistiks kommunegrupper "
            "(lib/noegletal/reference/klynger.csv), ikke STAR's jobcenterklynger, som findes pr. ydelse og ikke "
            "kan hentes maskinlæsbart. Indlæs de gældende klynger, før placeringerne bruges til andet end afprøvning.")
    else:
        tekst.append(
            "STAR har én klyngetype pr. ydelse; her bruges klyngen for "
            f"'{catalogue.indicator(klynger.KLYNGE_INDIKATOR).filter.get('ydelse')}' for alle nøgletal.")
    return tekst


def indledning_blokke(p: BriefParametre) -> list[brief.Blok]:
    """How to read the overblik, and the klynge caveat (or what is missing)."""
    foer = p.periode.shift(-SKRIDT)
    if not har_klynge(p):
        laes = (f"Overblikket samler {p.kommune.navn}s forsørgertryk og ydelser for {p.periode.tekst}. "
                f"Ændringer sammenligner med samme måned året før ({foer.tekst}), så sæsonudsving ikke tæller med.")
        if klyngeliste(p) is None:  # the ranking section says what is missing and how to add it
            return [brief.Tekst(laes + f" Klyngerne (egne data, tabel {KLYNGER}) er ikke indlæst, så overblikket "
                                       "rangerer ikke kommunen og sammenligner ikke med en klynge.")]
        return [brief.Tekst(laes), brief.Forbehold(klynge_tekst(p), "Ingen klynge")]
    laes = (
        f"Overblikket samler {p.kommune.navn}s forsørgertryk, ydelser og placering i klyngen for "
        f"{p.periode.tekst}. Placeringen er i forhold til de øvrige kommuner i klyngen: nr. 1 har det bedste tal. "
        f"Bevægelsen sammenligner med placeringen i samme måned året før ({foer.tekst}), ikke med forrige måned "
        "som STAR's Jobcenteroverblik: så flytter sæsonudsving ikke placeringen, og udvalget ser et helt års "
        "udvikling."
    )
    titel = "Klyngen er en demo-antagelse" if klyngeliste(p).demo else "Klyngen"
    return [brief.Tekst(laes), brief.Forbehold(klynge_tekst(p), titel)]


# --- Tabel 1: fuldtidspersoner by ydelsesgruppe ---------------------------------------------------------

def tabel1_perioder(p: BriefParametre) -> list[Periode]:
    """The month and the same month one and two years earlier, oldest first."""
    return [p.periode.shift(-SKRIDT * i) for i in range(TABEL1_AAR - 1, -1, -1)]


def _grupper_serie(indikator: str, omraader, perioder: list[Periode]) -> pd.DataFrame:
    """Every ydelsesgruppe of one ptv_a02 measure for some areas and months."""
    s = data.serie(indikator, omraader=omraader, fra=min(perioder), til=max(perioder), ydelsesgruppe=None)
    return s[s["periode"].isin([q.kode for q in perioder])]


def ydelsesgrupper() -> list[str]:
    """ptv_a02's ydelsesgrupper in the source's order, without its total."""
    spec = catalogue.indicator(FULDTID).spec
    total = spec.hierarchy("ydelsesgruppe").total
    return [g for g in data.vaerdier(spec.id, "ydelsesgruppe") if g != total]


def sum_dele() -> dict[str, list[str]]:
    """The ydelsesgrupper each SUM row adds: without førtidspension and efterløn as the catalogue names them
    (a group the data call something else leaves the sum missing, never too small), and all of them."""
    return {SUM_EKSKL: list(catalogue.indicator(UDEN_FP_EL).filter["ydelsesgruppe"]), SUM_INKL: ydelsesgrupper()}


def _sum(vaerdier) -> float:
    """A sum that is missing if any part is missing."""
    vaerdier = list(vaerdier)
    if not vaerdier or any(fmt.er_mangler(v) for v in vaerdier):
        return math.nan
    return float(sum(vaerdier))


def sum_afrundede(vaerdier, decimaler: int = 1) -> float:
    """The sum of values each rounded as printed (how the follow-up's SUM rows in pct. are made, so the
    column adds up); missing if any part is missing, never a sum that treats it as 0."""
    vaerdier = list(vaerdier)
    if not vaerdier or any(fmt.er_mangler(v) for v in vaerdier):
        return math.nan
    return round(sum(round(float(v), decimaler) for v in vaerdier), decimaler)


def tabel1(p: BriefParametre) -> pd.DataFrame:
    """Tabel 1: fuldtidspersoner by ydelsesgruppe, in number and in pct. of the population 16-66, for three
    years, and the two SUM rows computed from the groups (pct.: the sum of the rounded parts, as the
    follow-up prints them)."""
    perioder = tabel1_perioder(p)
    a = _grupper_serie(FULDTID, [p.kommune], perioder).set_index(["ydelsesgruppe", "periode"])["vaerdi"]
    b = _grupper_serie(FORSOERGERTRYK, [p.kommune], perioder).set_index(["ydelsesgruppe", "periode"])["vaerdi"]
    grupper, dele = ydelsesgrupper(), sum_dele()
    raekker = [*grupper, *dele]
    kolonner = {}
    for q in perioder:
        kolonner[(ANTAL_OVERSKRIFT, q.kode)] = [
            _sum(a.get((g, q.kode), math.nan) for g in dele[r]) if r in dele else a.get((r, q.kode), math.nan)
            for r in raekker]
    for q in perioder:
        kolonner[(PCT_OVERSKRIFT, q.kode)] = [
            sum_afrundede(b.get((g, q.kode), math.nan) for g in dele[r]) if r in dele else b.get((r, q.kode), math.nan)
            for r in raekker]
    out = pd.DataFrame(kolonner, index=raekker)
    out.columns = pd.MultiIndex.from_tuples(out.columns)
    out.index.name = ""
    return out


def tabel1_note(p: BriefParametre) -> str:
    """What the rows are, how the SUM rows are made, and the source's own total for comparison."""
    spec = catalogue.indicator(FULDTID).spec
    total = spec.hierarchy("ydelsesgruppe").total
    s = data.serie(FORSOERGERTRYK, omraader=[p.kommune], fra=p.periode, til=p.periode)
    n = data.serie(FULDTID, omraader=[p.kommune], fra=p.periode, til=p.periode)
    pct = s["vaerdi"].iloc[0] if len(s) else math.nan
    antal = n["vaerdi"].iloc[0] if len(n) else math.nan
    tekst = [f"Ydelsesgrupperne er Jobindsats' (tabel {spec.id})."]
    if KONTANTHJAELP in ydelsesgrupper():
        tekst.append("Kontanthjælp omfatter også den tidligere uddannelseshjælp og selvforsørgelses- og "
                     "hjemrejseydelse (integrationsydelse), som opfølgningen på beskæftigelsesplanen 2020 viste hver "
                     "for sig.")
    tekst.append(
        "SUM-rækkerne er regnet af noegletal ud fra ydelsesgrupperne i tabellen: antallet som summen af "
        "gruppernes fuldtidspersoner, procenten som summen af gruppernes afrundede procenter, som i Ballerups "
        "opfølgning 2020, så kolonnen kan lægges sammen. Mangler en gruppe, mangler summen.")
    if not fmt.er_mangler(antal):
        tekst.append(f"Jobindsats' egen total ('{total}') er for {p.kommune.navn} i {p.periode.tekst} "
                     f"{fmt.tal(antal)} fuldtidspersoner eller {fmt.pct(pct)} af befolkningen 16-66 år.")
    return " ".join(tekst)


def tabel1_hvad(p: BriefParametre, tabel: pd.DataFrame | None = None) -> list[str]:
    """The table in words: the total now, its change from a year earlier, the biggest rise and fall."""
    t = tabel1(p) if tabel is None else tabel
    k = p.kommune.navn
    nu, foer = p.periode.kode, p.periode.shift(-SKRIDT).kode
    antal = t[ANTAL_OVERSKRIFT]
    ialt = antal.loc[SUM_INKL, nu]
    if fmt.er_mangler(ialt):
        return [f"Der er ikke oplyst et antal fuldtidspersoner på offentlig forsørgelse for alle ydelsesgrupper for "
                f"{k} i {p.periode.tekst}."]
    uden = antal.loc[SUM_EKSKL, nu]
    out = [f"I {p.periode.tekst} var {fmt.tal(ialt)} fuldtidspersoner i {k} på offentlig forsørgelse, "
           "førtidspension og efterløn medregnet" + (f"; {fmt.tal(uden)} uden dem." if not fmt.er_mangler(uden) else "."),
           fortaelling.aendring(k, ialt, antal.loc[SUM_INKL, foer], "fuldtidspersoner", p.periode, SKRIDT)]
    diff = (antal[nu] - antal[foer]).drop([SUM_EKSKL, SUM_INKL]).dropna()
    if not diff.empty and diff.max() > 0:
        out.append(f"Den største stigning var på {diff.idxmax().lower()} "
                   f"({fmt.tal(diff.max())} flere fuldtidspersoner).")
    if not diff.empty and diff.min() < 0:
        out.append(f"Det største fald var på {diff.idxmin().lower()} "
                   f"({fmt.tal(-diff.min())} færre fuldtidspersoner).")
    return out


def tabel1_blokke(p: BriefParametre) -> list[brief.Blok]:
    t = tabel1(p)
    tabel = brief.Tabelblok(
        f"Tabel 1. Antal fuldtidspersoner (faktisk og i pct. af befolkningen 16-66 år), {p.kommune.navn}",
        t, kolonneformat={ANTAL_OVERSKRIFT: "tal", PCT_OVERSKRIFT: "tal1"},
        note=tabel1_note(p) + " Kilde: " + faelles.kilde(FULDTID, FORSOERGERTRYK) + ".",
    )
    return [tabel, brief.Tekst(" ".join(tabel1_hvad(p, t)))]


# --- kontanthjælp: ministermål 4 and 6 (egne data) -----------------------------------------------------

KOL_KH_ANDEL = "Beskæftigede og opvisiterede, pct. (ministermål 4)"
KOL_KH_BESK = "Beskæftigede eller opvisiterede personer"
KOL_KH_PERSONER = "Personer på kontanthjælp"
KOL_KH_5_AAR = "Mere end 5 år på offentlig forsørgelse (ministermål 6)"


def kontanthjaelp_tabel(p: BriefParametre) -> pd.DataFrame:
    """The month and the same month one and two years earlier (rows): the share employed or moved up a
    visitation category, the persons behind it, and those more than 5 years on public support."""
    perioder = tabel1_perioder(p)

    def maal(indikator: str, maal_: str | None = None) -> pd.Series:
        s = data.serie(indikator, omraader=[p.kommune], fra=min(perioder), til=max(perioder), maal=maal_)
        return s.set_index("periode")["vaerdi"].reindex([q.kode for q in perioder])

    out = pd.DataFrame({
        KOL_KH_ANDEL: maal(KH_ANDEL),
        KOL_KH_BESK: maal(KH_ANDEL, "Beskæftigede eller opvisiterede personer"),
        KOL_KH_PERSONER: maal(KH_ANDEL, KH_PERSONER),
        KOL_KH_5_AAR: maal(KH_5_AAR),
    })
    out.index = [q.label for q in perioder]
    out.index.name = "Måned"
    return out


def kontanthjaelp_hvad(p: BriefParametre, t: pd.DataFrame) -> list[str]:
    """Ministermål 4 and 6 in words, with the persons behind a share on few persons."""
    k = p.kommune.navn
    nu, foer = t.iloc[-1], t.iloc[-2]
    if fmt.er_mangler(nu[KOL_KH_ANDEL]):
        return [f"Der er ikke oplyst en andel beskæftigede og opvisiterede kontanthjælpsmodtagere for {k} i "
                f"{p.periode.tekst}."]
    out = [f"I {p.periode.tekst} var {fmt.pct(nu[KOL_KH_ANDEL])} af kontanthjælpsmodtagerne i {k} i beskæftigelse "
           f"eller opvisiteret (ministermål 4)"
           + (f", mod {fmt.pct(foer[KOL_KH_ANDEL])} året før." if not fmt.er_mangler(foer[KOL_KH_ANDEL]) else ".")]
    if usikkerhed.er_smaa_tal(nu[KOL_KH_PERSONER]):
        out.append(f"Andelen bygger på få personer: {usikkerhed.k_af_n(nu[KOL_KH_BESK], nu[KOL_KH_PERSONER])}.")
    if not fmt.er_mangler(nu[KOL_KH_5_AAR]):
        out.append(f"{fmt.tal(nu[KOL_KH_5_AAR])} kontanthjælpsmodtagere havde været mere end 5 år på offentlig "
                   "forsørgelse (ministermål 6)" + (f", mod {fmt.tal(foer[KOL_KH_5_AAR])} året før."
                                                   if not fmt.er_mangler(foer[KOL_KH_5_AAR]) else "."))
    return out


def kontanthjaelp_blokke(p: BriefParametre) -> list[brief.Blok]:
    if not faelles.har_tabel(KH_MAAL):
        return [faelles.mangler_egne_data(KH_MAAL, KH_MAAL_HVAD)]
    t = kontanthjaelp_tabel(p)
    note = ("Ministermål 4: kontanthjælpsmodtagere, der er kommet i beskæftigelse eller er visiteret op, i pct. af "
            "personerne på kontanthjælp. Ministermål 6: kontanthjælpsmodtagere med mere end 5 år på offentlig "
            f"forsørgelse. Kilde: {faelles.kilde(KH_ANDEL, KH_5_AAR)}.")
    tabel = brief.Tabelblok(f"Kontanthjælp i {p.kommune.navn}: ministermål 4 og 6", t,
                            kolonneformat={KOL_KH_ANDEL: "tal1", KOL_KH_BESK: "tal", KOL_KH_PERSONER: "tal",
                                           KOL_KH_5_AAR: "tal"}, note=note)
    return [tabel, brief.Tekst(" ".join(kontanthjaelp_hvad(p, t)))]


# --- Figur 2: borgere by arbejdsmarkedsstatus (egne data) ----------------------------------------------

def _status(omraader, perioder: list[Periode]) -> pd.DataFrame:
    """Every status and ydelse for some areas and months, with Figur 2's row label and the share of the
    area's population 16-66 in the month."""
    s = data.serie(ARBSTATUS, omraader=omraader, fra=min(perioder), til=max(perioder), arbejdsmarkedsstatus=None,
                   ydelse=None)
    s = s[s["periode"].isin([q.kode for q in perioder])].copy()
    s["etiket"] = [y if st == YDELSESMODTAGERE and y != I_ALT else STATUS_ETIKET.get(st, st)
                   for st, y in zip(s["arbejdsmarkedsstatus"], s["ydelse"])]
    befolkning = s[s["arbejdsmarkedsstatus"] == I_ALT].set_index(["omraade_kode", "periode"])["vaerdi"]
    naevner = [befolkning.get((o, q), math.nan) for o, q in zip(s["omraade_kode"], s["periode"])]
    s["andel"] = 100 * s["vaerdi"] / pd.Series(naevner, index=s.index).where(lambda x: x > 0)
    return s


def status_ydelser() -> list[str]:
    """The ydelser the ydelsesmodtagere are split by, in the source's order."""
    tabel = catalogue.indicator(ARBSTATUS).table
    return [v for v in data.vaerdier(tabel, "ydelse", arbejdsmarkedsstatus=YDELSESMODTAGERE) if v != I_ALT]


def status_raekker() -> list[str]:
    """Figur 2's rows: ydelsesmodtagere in all, by ydelse, then the other statuses and the population."""
    y = status_ydelser()
    andre = [STATUS_ETIKET.get(v, v) for v in data.vaerdier(catalogue.indicator(ARBSTATUS).table, "arbejdsmarkedsstatus")
             if v not in (YDELSESMODTAGERE, I_ALT)]
    return [YDELSESMODTAGERE, *y, *andre, STATUS_ETIKET[I_ALT]]


def status_tabel(p: BriefParametre) -> pd.DataFrame:
    """Figur 2 of the Jobcenteroverblik: number, share of the population and the change in pct.-point from a
    year earlier; with a klynge also the other klynge kommuner's average share and change."""
    andre = [o for o in medlemmer(p) if o != p.kommune] if har_klynge(p) else []
    nu, foer = p.periode, p.periode.shift(-SKRIDT)
    s = _status([p.kommune, *andre], [foer, nu])
    andel = s.pivot_table(index="etiket", columns=["omraade_kode", "periode"], values="andel", dropna=False)
    antal = s[(s["omraade_kode"] == p.kommune.kode) & (s["periode"] == nu.kode)].set_index("etiket")["vaerdi"]

    def kol(kode, q):
        return andel[(kode, q.kode)] if (kode, q.kode) in andel.columns else pd.Series(math.nan, index=andel.index)

    egen_nu, egen_foer = kol(p.kommune.kode, nu), kol(p.kommune.kode, foer)
    raekker = status_raekker()
    out = pd.DataFrame(index=raekker)
    out[KOL_ANTAL] = antal.reindex(raekker)
    out[KOL_ANDEL] = egen_nu.reindex(raekker)
    if andre:
        out[KOL_KLYNGE_ANDEL] = _gennemsnit(pd.concat([kol(o.kode, nu) for o in andre], axis=1)).reindex(raekker)
    out[KOL_UDVIKLING] = (egen_nu - egen_foer).reindex(raekker)
    if andre:
        udv = pd.concat([kol(o.kode, nu) - kol(o.kode, foer) for o in andre], axis=1)
        out[KOL_KLYNGE_UDVIKLING] = _gennemsnit(udv).reindex(raekker)
    out = out.astype(object)
    out.loc[STATUS_ETIKET[I_ALT], [c for c in out.columns if c != KOL_ANTAL]] = IKKE_RELEVANT
    out.index.name = ""
    return out


def _gennemsnit(df: pd.DataFrame) -> pd.Series:
    """Row means over the kommuner that have a value; missing (not 0) when none has."""
    return df.mean(axis=1, skipna=True).where(df.notna().any(axis=1))


def _udvikling(d) -> str:
    """'steget 1,3 pct.-point', 'faldet 0,2 pct.-point', 'uændret'."""
    if fmt.er_mangler(d):
        return "ikke opgjort"
    if round(float(d), 1) == 0:
        return "uændret"
    return f"{'steget' if d > 0 else 'faldet'} {fmt.tal(abs(d), 1)} pct.-point"


def status_hvad(p: BriefParametre, t: pd.DataFrame | None = None) -> list[str]:
    """Figur 2 in words: employed and ydelsesmodtagere (against the klynge when there is one), the change,
    the biggest gap to the klynge."""
    t = status_tabel(p) if t is None else t
    k = p.kommune.navn
    besk = BESKAEFTIGEDE
    if fmt.er_mangler(t.loc[YDELSESMODTAGERE, KOL_ANDEL]):
        return [f"Der er ikke oplyst en fordeling på arbejdsmarkedsstatus for {k} i {p.periode.tekst}."]
    med_klynge = KOL_KLYNGE_ANDEL in t.columns
    out = [f"I {p.periode.tekst} var {fmt.pct(t.loc[besk, KOL_ANDEL])} af de 16-66-årige i {k} i beskæftigelse og "
           f"{fmt.pct(t.loc[YDELSESMODTAGERE, KOL_ANDEL])} ydelsesmodtagere (fuldtidspersoner)."]
    if med_klynge:
        andre = len(medlemmer(p)) - 1
        out.append(f"I gennemsnit for de øvrige {andre} kommuner i klyngen var det "
                   f"{fmt.tal(t.loc[besk, KOL_KLYNGE_ANDEL], 1)} og {fmt.pct(t.loc[YDELSESMODTAGERE, KOL_KLYNGE_ANDEL])}")
    udvikling = (f"Andelen af ydelsesmodtagere er {_udvikling(t.loc[YDELSESMODTAGERE, KOL_UDVIKLING])} siden "
                 f"{p.periode.shift(-SKRIDT).tekst}")
    if med_klynge:
        udvikling += f"; i klyngen er den i gennemsnit {_udvikling(t.loc[YDELSESMODTAGERE, KOL_KLYNGE_UDVIKLING])}"
    out.append(udvikling + ".")
    if med_klynge:
        ydelse_raekker = status_ydelser()
        gab = pd.to_numeric(t.loc[ydelse_raekker, KOL_ANDEL], errors="coerce") - pd.to_numeric(
            t.loc[ydelse_raekker, KOL_KLYNGE_ANDEL], errors="coerce")
        gab = gab.dropna()
        if not gab.empty and round(abs(gab).max(), 1) > 0:
            y = abs(gab).idxmax()
            out.append(f"Den største forskel til klyngen blandt ydelserne er på {y.lower()}: "
                       f"{fmt.pct(t.loc[y, KOL_ANDEL])} i {k} mod {fmt.pct(t.loc[y, KOL_KLYNGE_ANDEL])} i gennemsnit.")
    return out


def status_visning(p: BriefParametre, t: pd.DataFrame) -> pd.DataFrame:
    """Figur 2 with two header levels: what is measured over whose figure."""
    k = p.kommune.navn
    hoved = {KOL_ANTAL: (KOL_ANTAL, k), KOL_ANDEL: (KOL_ANDEL, k), KOL_KLYNGE_ANDEL: (KOL_ANDEL, KLYNGEN_GNSN),
             KOL_UDVIKLING: (KOL_UDVIKLING, k), KOL_KLYNGE_UDVIKLING: (KOL_UDVIKLING, KLYNGEN_GNSN)}
    out = t.copy()
    out.columns = pd.MultiIndex.from_tuples([hoved[c] for c in t.columns])
    return out


def status_blokke(p: BriefParametre) -> list[brief.Blok]:
    if not faelles.har_tabel(ARBSTATUS):
        return [faelles.mangler_egne_data(ARBSTATUS, STATUS_HVAD)]
    if p.periode.kode not in data.perioder(ARBSTATUS):
        har = data.perioder(ARBSTATUS)
        return [brief.Forbehold(
            f"Tabellen {ARBSTATUS} (egne data) har ingen tal for {p.periode.tekst}"
            + (f"; den har {har[0]} til {har[-1]}." if har else ".")
            + f" Indlæs tallene for {p.periode.tekst}, og lav briefen igen.", "Egne data mangler for måneden")]
    t = status_tabel(p)
    note = (f"Befolkningen er de 16-66-årige i {p.kommune.navn}. Ydelsesmodtagere er opgjort i fuldtidspersoner, "
            "de øvrige grupper i personer; hver borger har én status, så grupperne summerer til befolkningen. "
            "Øvrige er borgere uden ydelse, SU eller lønindkomst (fx selvforsørgede og personer på barsel). ")
    if KOL_KLYNGE_ANDEL in t.columns:
        note += (f"{KLYNGEN_GNSN}: simpelt gennemsnit af de øvrige {len(medlemmer(p)) - 1} kommuner i "
                 f"{klynge(p).lower()} (hver kommune vejer lige meget). ")
    note += (f"Udvikling: ændringen i andelen siden {p.periode.shift(-SKRIDT).tekst}. "
             f"{IKKE_RELEVANT}: ikke relevant. Kilde: {faelles.kilde(ARBSTATUS)}.")
    tabel = brief.Tabelblok(
        f"Borgere i {p.kommune.navn} i den arbejdsdygtige alder (16-66 år) fordelt på arbejdsmarkedsstatus, "
        f"{p.periode.tekst}", status_visning(p, t),
        kolonneformat={KOL_ANTAL: "tal", KOL_ANDEL: "tal1", KOL_UDVIKLING: "tal1"},
        note=note)
    return [tabel, brief.Tekst(" ".join(status_hvad(p, t)))]


# --- forsørgertryk over time ----------------------------------------------------------------------------

def _vaerdier(indikator: str, omraader, q: Periode, **filter) -> pd.Series:
    """One value per area (index: area code) in one month; areas without a row are NaN."""
    s = data.serie(indikator, omraader=omraader, fra=q, til=q, **filter)
    v = s.set_index("omraade_kode")["vaerdi"]
    return v.reindex([geo.omraade(o).kode for o in omraader])


def bedste_i_klyngen(p: BriefParametre) -> tuple[geo.Omraade | None, float]:
    """The other klynge kommune with the lowest forsørgertryk in the month (None when none has a value, or
    without a klynge)."""
    andre = [o for o in medlemmer(p) if o != p.kommune]
    if not andre:
        return None, math.nan
    v = _vaerdier(FORSOERGERTRYK, andre, p.periode).dropna()
    if v.empty:
        return None, math.nan
    kode = v.sort_values(kind="stable").index[0]
    return geo.omraade(kode), float(v[kode])


def forsoergertryk_serie(p: BriefParametre) -> tuple[pd.DataFrame, geo.Omraade | None]:
    """Tidy series for the chart: the kommune, its comparison areas and the best other klynge kommune."""
    bedst, _ = bedste_i_klyngen(p)
    omraader = p.omraader + ([bedst] if bedst and bedst not in p.omraader else [])
    df = data.serie(FORSOERGERTRYK, omraader=omraader, fra=p.periode.shift(-(p.maaneder - 1)), til=p.periode)
    if bedst is not None:
        df = df.assign(omraade=df["omraade"].where(df["omraade_kode"] != bedst.kode, bedst_etiket(p, bedst)))
    return df, bedst


def bedst_etiket(p: BriefParametre, o: geo.Omraade) -> str:
    """The best kommune's name in the legend: 'Hvidovre (lavest i klyngen)', or '(lavest af de øvrige i
    klyngen)' when the kommune itself is lower."""
    egen = _vaerdier(FORSOERGERTRYK, [p.kommune], p.periode).iloc[0]
    bedste = _vaerdier(FORSOERGERTRYK, [o], p.periode).iloc[0]
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
            andre = [o for o in medlemmer(p) if o not in (p.kommune, bedst)]
            v = _vaerdier(FORSOERGERTRYK, andre, p.periode).dropna()
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
    foerste = periode(df["periode"].min())
    hvordan = [
        "Forsørgertrykket er fuldtidspersoner på offentlig forsørgelse (alle Jobindsats' ydelsesgrupper, også "
        "førtidspension og efterløn) i pct. af befolkningen 16-66 år, som i STAR's Jobcenteroverblik.",
        f"{p.kommune.navn} sammenlignet med {figures.opremsning(o.navn for o in p.sammenligning)}"
        + (f" og {bedst.navn}, den af de øvrige kommuner i klyngen med det laveste forsørgertryk i {p.periode.tekst}"
           if bedst else "")
        + f", hver måned fra {foerste.tekst} til {p.periode.tekst}.",
    ]
    return faelles.figurblok("Andel på offentlig forsørgelse, 16-66 år", figur, hvordan,
                             forsoergertryk_hvad(p, df, bedst), FORSOERGERTRYK)


# --- ranking in the klynge -----------------------------------------------------------------------------

def _sum_vaerdier(indikatorer, omraader, q: Periode) -> pd.Series:
    """The sum of some indicators per area; missing where any of them is."""
    return sum(_vaerdier(i, omraader, q) for i in indikatorer)


def _maal_basis(m: Maal, omraader, q: Periode) -> pd.Series:
    if m.indikator:
        return _vaerdier(m.indikator, omraader, q, **m.filter)
    k, n = _sum_vaerdier(m.taeller, omraader, q), _sum_vaerdier(m.naevner, omraader, q)
    return 100 * k / n.where(n > 0)


def maal_vaerdier(m: Maal, omraader, q: Periode) -> pd.Series:
    """The measure for every area in one month (index: area code)."""
    v = _maal_basis(m, omraader, q)
    if not m.aendring_12m:
        return v
    foer = _maal_basis(m, omraader, q.shift(-SKRIDT))
    return 100 * (v - foer) / foer.where(foer > 0)


def maal_personer(m: Maal, omraader, q: Periode) -> tuple[pd.Series, pd.Series] | None:
    """(k, n): the persons behind each area's value. For a share of persons, k of n; for a 12-month change,
    n is the count a year earlier (k is NaN). None when the measure has no person counts."""
    if m.personer:
        return _sum_vaerdier(m.taeller, omraader, q), _sum_vaerdier(m.naevner, omraader, q)
    if m.aendring_12m:
        n = _maal_basis(m, omraader, q.shift(-SKRIDT))
        return pd.Series(math.nan, index=n.index), n
    return None


@dataclass
class Placering:
    """One measure's ranking for the kommune, now and a year earlier, and what the data can carry."""

    maal: Maal
    tabel: pd.DataFrame  # ranking.rangering of the klynge now (index: area code)
    tabel_foer: pd.DataFrame
    vaerdi: float
    plads: object
    antal: int
    tredjedel: object
    plads_foer: object
    spaend: tuple[int, int] | None
    spaend_foer: tuple[int, int] | None
    samme_tal: list[str]  # other kommuner with the same published (rounded) figure
    k: float = math.nan
    n: float = math.nan
    interval: tuple[float, float] | None = None
    smaa_andre: list[str] = field(default_factory=list)  # other kommuner whose value rests on few persons

    @property
    def bevaegelse(self) -> str:
        return ranking.bevaegelse(self.plads, self.plads_foer)

    @property
    def usikker(self) -> bool:
        return ranking.er_usikker(self.spaend)


def _spaend(m: Maal, v: pd.Series, kode: str, personer) -> tuple[tuple[int, int] | None, tuple | None, float, float]:
    """(span of places, interval, k, n) for one area: rounding as published, and an interval when a share
    rests on few persons."""
    k = n = math.nan
    interval = None
    if personer is not None:
        k, n = personer[0].get(kode, math.nan), personer[1].get(kode, math.nan)
        if m.personer and usikkerhed.er_smaa_tal(n) and not fmt.er_mangler(k):
            interval = usikkerhed.wilson(k, n)
    decimaler = m.decimaler if m.offentliggjort else None
    return ranking.plads_spaend(v, kode, m.lavest_bedst, decimaler=decimaler, interval=interval), interval, k, n


def placering(p: BriefParametre, m: Maal) -> Placering:
    """Rank the klynge on one measure now and a year earlier; the kommune's place, move, third and span."""
    gruppe = medlemmer(p)
    kode = p.kommune.kode
    foer = p.periode.shift(-SKRIDT)
    v, v_foer = maal_vaerdier(m, gruppe, p.periode), maal_vaerdier(m, gruppe, foer)
    t, t_foer = ranking.rangering(v, m.lavest_bedst), ranking.rangering(v_foer, m.lavest_bedst)
    personer, personer_foer = maal_personer(m, gruppe, p.periode), maal_personer(m, gruppe, foer)
    spaend, interval, k, n = _spaend(m, v, kode, personer)
    spaend_foer = _spaend(m, v_foer, kode, personer_foer)[0]
    egen = v.get(kode, math.nan)
    samme = []
    if not fmt.er_mangler(egen) and m.offentliggjort:
        afrundet = v.dropna().map(lambda x: round(x, m.decimaler))
        samme = [geo.omraade(c).navn for c in afrundet.index if c != kode and afrundet[c] == round(egen, m.decimaler)]
    smaa_andre = []
    if personer is not None:
        smaa_andre = [geo.omraade(c).navn for c, nn in personer[1].items()
                      if c != kode and usikkerhed.er_smaa_tal(nn)]
    return Placering(m, t, t_foer, float(egen), t.loc[kode, "plads"], int(t.loc[kode, "antal"]),
                     t.loc[kode, "tredjedel"], t_foer.loc[kode, "plads"], spaend, spaend_foer, samme, k, n, interval,
                     smaa_andre)


def placeringer(p: BriefParametre, maal=MAAL) -> list[Placering]:
    return [placering(p, m) for m in maal]


def vaerdi_tekst(m: Maal, x) -> str:
    """A measure's value as the table prints it: '19,8 pct.' for a share, '+40,6 pct.' for a change."""
    return fmt.aendring(x, m.decimaler) if m.aendring_12m else fmt.pct(x, m.decimaler)


KOL_PLACERING = "Placering i klyngen"
KOL_TREDJEDEL = "Tredjedel af klyngen"
KOL_SPAEND = "Placering inden for usikkerheden"


def rangering_tabel(p: BriefParametre, pl: list[Placering]) -> pd.DataFrame:
    """The compact overview: one row per measure with value, place, move, third (marker and words) and
    the places the data cannot tell apart."""
    foer = p.periode.shift(-SKRIDT)
    rows = {}
    for x in pl:
        rows[x.maal.navn] = {
            p.kommune.navn: vaerdi_tekst(x.maal, x.vaerdi) if not fmt.er_mangler(x.vaerdi) else math.nan,
            KOL_PLACERING: ranking.placering_tekst(x.plads, x.antal),
            f"Siden {foer.tekst}": x.bevaegelse,
            KOL_TREDJEDEL: ranking.tredjedel_tekst(x.tredjedel, kort=True),
            KOL_SPAEND: ranking.spaend_tekst(x.spaend).capitalize() if x.spaend else ranking.IKKE_RANGERET,
        }
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "Nøgletal"
    return out


def retning_tekst(maal=MAAL) -> str:
    """'For alle 6 nøgletal er lavere bedre …' or which are which."""
    lav = [m.navn.lower() for m in maal if m.lavest_bedst]
    if len(lav) == len(maal):
        return f"For alle {len(maal)} nøgletal er lavere bedre: nr. 1 har det laveste tal i klyngen."
    hoej = [m.navn.lower() for m in maal if not m.lavest_bedst]
    return (f"Lavere er bedre for {figures.opremsning(lav)}; højere er bedre for {figures.opremsning(hoej)}.")


def rangering_note(p: BriefParametre) -> str:
    foer = p.periode.shift(-SKRIDT)
    forklaringer = "; ".join(f"{m.navn}: {m.forklaring}" for m in MAAL)
    return (f"{retning_tekst()} Kommuner med samme tal deler den bedste plads. Bevægelsen er i forhold til "
            f"placeringen i {foer.tekst}. ▲ øverste, ■ midterste og ▼ nederste tredjedel; når klyngen ikke kan "
            "deles i tre lige store dele, er den øverste og nederste tredjedel lige store, og resten er i midten. "
            "En kommune uden tal rangeres ikke og tæller ikke med i antallet. Placering inden for usikkerheden: "
            "de pladser, kommunen kunne have, når offentliggjorte tal, der er ens med én decimal, eller andele, der "
            f"bygger på få personer, ikke kan skilles ad. {forklaringer}.")


def usikkerhed_tekst(p: BriefParametre, pl: list[Placering]) -> list[str]:
    """Where a place rests on differences smaller than the data can carry, say so, measure by measure."""
    k = p.kommune.navn
    out = []
    for x in pl:
        m = x.maal
        if x.spaend is None:
            out.append(f"{m.navn}: {k} er ikke rangeret, fordi tallet for {p.periode.tekst} mangler.")
            continue
        if x.interval is not None:
            out.append(
                f"{m.navn}: tallet for {k} bygger på få personer: {usikkerhed.k_af_n(x.k, x.n)}. Inden for "
                f"usikkerheden kunne {k} ligge som {ranking.spaend_tekst(x.spaend)} af {x.antal}.")
        elif x.samme_tal:
            out.append(
                f"{m.navn}: {k} har samme offentliggjorte tal ({vaerdi_tekst(m, x.vaerdi)}) som "
                f"{figures.opremsning(x.samme_tal)}. Rækkefølgen mellem dem afgøres af decimaler, der ikke "
                f"offentliggøres, så placeringen kunne lige så vel være {ranking.spaend_tekst(x.spaend)}.")
        if m.aendring_12m and usikkerhed.er_smaa_tal(x.n):
            out.append(f"{m.navn}: ændringen for {k} bygger på {fmt.tal(x.n)} personer for et år siden; én person "
                       f"mere eller mindre flytter den {fmt.tal(100 / x.n, 1)} pct.-point.")
        if x.plads is not pd.NA and x.plads_foer is not pd.NA and not pd.isna(x.plads_foer) \
                and x.plads != x.plads_foer and not ranking.bevaegelse_sikker(x.spaend, x.spaend_foer):
            out.append(f"{m.navn}: bevægelsen ({x.bevaegelse.lower()}) ligger inden for usikkerheden: i "
                       f"{p.periode.shift(-SKRIDT).tekst} kunne {k} ligge som {ranking.spaend_tekst(x.spaend_foer)}, "
                       f"nu som {ranking.spaend_tekst(x.spaend)}.")
        if x.smaa_andre:
            flere = len(x.smaa_andre) > 1
            out.append(f"{m.navn}: for {figures.opremsning(x.smaa_andre)} bygger {'tallene' if flere else 'tallet'} "
                       f"på under {usikkerhed.SMAA_TAL_GRAENSE} personer; "
                       f"{'deres placeringer er derfor usikre' if flere else 'placeringen er derfor usikker'}.")
    return out


def rangering_hvad(p: BriefParametre, pl: list[Placering]) -> list[str]:
    """The ranking in words: thirds, best and worst place, moves."""
    k = p.kommune.navn
    rangeret = [x for x in pl if not pd.isna(x.plads)]
    if not rangeret:
        return [f"{k} kan ikke rangeres på nogen af nøgletallene i {p.periode.tekst}, fordi tallene mangler."]
    taelling = {t: sum(1 for x in rangeret if x.tredjedel == t) for t in (1, 2, 3)}
    dele = [f"i den {ranking.TREDJEDEL_NAVN[t]}" + (" tredjedel af klyngen" if i == 0 else "") + f" på {taelling[t]}"
            + (f" af {len(pl)} nøgletal" if i == 0 else "")
            for i, t in enumerate(t for t in (1, 2, 3) if taelling[t])]
    out = [f"{k} ligger {figures.opremsning(dele)}."]
    if len(rangeret) < len(pl):
        out.append(f"{len(pl) - len(rangeret)} af nøgletallene kan ikke rangeres, fordi tallet mangler.")
    bedst = min(rangeret, key=lambda x: (x.plads / x.antal, x.plads))
    vaerst = max(rangeret, key=lambda x: (x.plads / x.antal, x.plads))
    if bedst is not vaerst:
        out.append(f"Bedste placering er på {bedst.maal.navn.lower()} (nr. {bedst.plads} af {bedst.antal}), "
                   f"dårligste på {vaerst.maal.navn.lower()} (nr. {vaerst.plads} af {vaerst.antal}).")
    med = [x for x in rangeret if not pd.isna(x.plads_foer)]
    if med:
        bedre = sum(1 for x in med if x.plads < x.plads_foer)
        daarligere = sum(1 for x in med if x.plads > x.plads_foer)
        antal = {"bedre": bedre, "den samme": len(med) - bedre - daarligere, "dårligere": daarligere}
        dele = [f"{ord_} på {n}" for ord_, n in antal.items() if n]
        out.append(f"Siden {p.periode.shift(-SKRIDT).tekst} er placeringen {figures.opremsning(dele)} nøgletal.")
    usikre = [x.maal.navn.lower() for x in rangeret if x.usikker]
    if usikre:
        out.append(f"Placeringen på {figures.opremsning(usikre)} er usikker: se boksen nedenfor.")
    return out


# Thirds in the chart: light tints of the house colours, each with its own hatch for greyscale print.
TREDJEDEL_FARVE = {1: "#d4efe5", 2: "#f2f2f2", 3: "#fbe0cf"}
TREDJEDEL_SKRAVERING = {1: "", 2: "..", 3: "//"}


def rangering_figur(p: BriefParametre, pl: list[Placering]) -> Figur:
    """Dot strip: one row per measure, the klynge's kommuner by place (best left), thirds as shaded bands,
    the kommune as a large dot with its place, and the span of places the data cannot tell apart."""
    n_max = max([x.antal for x in pl] + [1])
    hoejde = 1.5 + 0.62 * len(pl)
    farve = figures.farve(figures.KOMMUNE)
    with figures.house_style():
        fig = Figure(figsize=(figures.FIGUR_STOERRELSE[0], hoejde), dpi=figures.DPI, layout="constrained")
        ax = fig.add_subplot()
        ax.grid(False)
        for i, x in enumerate(pl):
            y = len(pl) - 1 - i
            if x.antal:
                yder = round(x.antal / 3)
                graenser = {1: (0.5, yder + 0.5), 2: (yder + 0.5, x.antal - yder + 0.5),
                            3: (x.antal - yder + 0.5, x.antal + 0.5)}
                for t, (a, b) in graenser.items():
                    if b > a:
                        ax.add_patch(_baand(a, b, y, t))
            andre = x.tabel[x.tabel["rangeret"] & (x.tabel.index != p.kommune.kode)]["plads"].astype(float)
            egen = None if pd.isna(x.plads) else float(x.plads)
            ax.scatter(andre, y + np.array(stak(list(andre), egen)), s=22, color="#7f7f7f", zorder=3, linewidths=0)
            if x.spaend and x.spaend[0] != x.spaend[1]:
                ax.plot(x.spaend, [y, y], color=farve, linewidth=5, alpha=0.45, solid_capstyle="round", zorder=4)
            if not pd.isna(x.plads):
                ax.scatter([float(x.plads)], [y], s=110, color=farve, edgecolors="black", linewidths=0.8, zorder=5)
                ax.annotate(f"nr. {x.plads}", (float(x.plads), y), xytext=(0, 9), textcoords="offset points",
                            ha="center", va="bottom", fontsize=9, color="#111111", zorder=6)
            else:
                ax.text(0.6, y, ranking.IKKE_RANGERET.lower(), va="center", fontsize=9, color="#444444")
        ax.set_yticks(range(len(pl)), [x.maal.navn for x in reversed(pl)])
        ax.set_ylim(-0.6, len(pl) - 0.35)
        ax.set_xlim(0.1, n_max + 0.6)  # room for the label above place 1
        ax.set_xticks(pladsakse(n_max))
        ax.set_xlabel("Placering i klyngen (1 = bedst)")
        ax.tick_params(axis="y", length=0)
        haandtag = [Line2D([], [], marker="o", linestyle="", markersize=9, color=farve, markeredgecolor="black",
                           label=p.kommune.navn),
                    Line2D([], [], marker="o", linestyle="", markersize=5, color="#7f7f7f",
                           label="Øvrige kommuner i klyngen"),
                    Line2D([], [], color=farve, linewidth=5, alpha=0.45, label="Inden for usikkerheden")]
        haandtag += [Patch(facecolor=TREDJEDEL_FARVE[t], hatch=TREDJEDEL_SKRAVERING[t], edgecolor="#9a9a9a",
                           label=f"{ranking.TREDJEDEL_NAVN[t].capitalize()} tredjedel") for t in (1, 2, 3)]
        fig.legend(handles=haandtag, loc="outside upper left", ncols=3, fontsize=9)
    return Figur(fig, rangering_alt(p, pl))


def pladsakse(antal: int) -> list[int]:
    """Ticks for places 1..antal: every place in a small group, else 1, every fifth and the last (without
    a fifth that would crowd the last)."""
    if antal <= 12:
        return list(range(1, antal + 1))
    trin = 5
    return [1, *(t for t in range(trin, antal, trin) if antal - t >= trin / 2), antal]


STAK_AFSTAND = 0.16  # vertical distance between tied kommuner's dots in the ranking chart


def stak(pladser: list[float], optaget: float | None = None) -> list[float]:
    """Vertical offsets so kommuner sharing a place are all visible: 0, -d, +d, -2d, …; the centre of the
    place `optaget` is left to the kommune's own dot."""
    brugt: dict[float, int] = {}
    out = []
    for pl in pladser:
        i = brugt.get(pl, 1 if pl == optaget else 0)
        brugt[pl] = i + 1
        out.append(STAK_AFSTAND * ((i + 1) // 2) * (-1 if i % 2 else 1))
    return out


def _baand(a: float, b: float, y: float, t: int):
    from matplotlib.patches import Rectangle

    return Rectangle((a, y - 0.32), b - a, 0.64, facecolor=TREDJEDEL_FARVE[t], hatch=TREDJEDEL_SKRAVERING[t],
                     edgecolor="#9a9a9a", linewidth=0.4, zorder=1)


def rangering_alt(p: BriefParametre, pl: list[Placering]) -> str:
    """The chart's text alternative: every measure's place, third and span."""
    dele = [f"Prikfigur: {p.kommune.navn}s placering i {klynge(p).lower()}, {p.periode.tekst}, "
            "hvor nr. 1 er bedst."]
    for x in pl:
        if pd.isna(x.plads):
            dele.append(f"{x.maal.navn}: ikke rangeret.")
            continue
        usikker = f", inden for usikkerheden {ranking.spaend_tekst(x.spaend)}" if x.usikker else ""
        dele.append(f"{x.maal.navn}: nr. {x.plads} af {x.antal}, "
                    f"{ranking.tredjedel_tekst(x.tredjedel, markoer=False).lower()}{usikker}.")
    return " ".join(dele)


def klynge_tabel(p: BriefParametre, pl: list[Placering]) -> pd.DataFrame:
    """Every kommune in the klynge with its place on each measure; one without a value is 'Ikke rangeret'.
    Sorted by the first measure's place."""
    koder = list(pl[0].tabel.index) if pl else [o.kode for o in medlemmer(p)]
    out = pd.DataFrame(index=koder)
    for x in pl:
        out[x.maal.kort] = [str(int(v)) if not pd.isna(v) else ranking.IKKE_RANGERET
                            for v in x.tabel["plads"].reindex(koder)]
    out.index = [("► " if c == p.kommune.kode else "") + geo.omraade(c).navn for c in koder]
    out.index.name = "Kommune"
    return out


def rangering_blokke(p: BriefParametre) -> list[brief.Blok]:
    """The overview at a glance: table, chart, the caveats where the data cannot carry a place, and the
    whole klynge. Without imported klynger (or without the kommune in them): what is missing, nothing else."""
    if klyngeliste(p) is None:
        return [faelles.mangler_egne_data(KLYNGER, KLYNGE_HVAD)]
    if not har_klynge(p):
        return [brief.Forbehold(klynge_tekst(p), "Ingen klynge")]
    pl = placeringer(p)
    navn = klynge(p).lower()
    t = rangering_tabel(p, pl)
    blokke: list[brief.Blok] = [
        brief.Tabelblok(f"{p.kommune.navn}s placering blandt kommunerne i {navn}, {p.periode.tekst}", t,
                        kolonneformat={c: "tal1" if c == p.kommune.navn else "tekst" for c in t.columns},
                        note=rangering_note(p)),
    ]
    indikatorer = [i for m in MAAL for i in m.indikatorer]
    hvordan = [
        "Hver række er et nøgletal. De grå prikker er klyngens øvrige kommuner efter placering, bedst til venstre; "
        f"{p.kommune.navn} er den store blå prik med sin placering.",
        "Baggrunden viser klyngens tredjedele (øverste uden mønster, midterste prikket, nederste skraveret). "
        "En blå streg viser de placeringer, kommunen kunne have inden for usikkerheden.",
    ]
    blokke.append(faelles.figurblok(f"Placering i {navn}", rangering_figur(p, pl), hvordan,
                                    rangering_hvad(p, pl), *indikatorer, klynger.KLYNGE_INDIKATOR))
    usikre = usikkerhed_tekst(p, pl)
    if usikre:
        blokke.append(brief.Forbehold(usikre, "Hvor tallene ikke bærer placeringen"))
    blokke.append(brief.Tabelblok(
        f"Alle kommuner i {navn}: placering på hvert nøgletal, {p.periode.tekst}", klynge_tabel(p, pl),
        kolonneformat={m.kort: "tekst" for m in MAAL},
        note=f"► markerer {p.kommune.navn}. Nr. 1 er bedst. Sorteret efter {MAAL[0].navn.lower()}."))
    return blokke


def klynge_kilde(p: BriefParametre) -> str:
    """What the stamp says about the klynger: table, year, demo or not; or that they are missing."""
    liste = klyngeliste(p)
    if liste is None:
        return f"jobcenterklynger: ikke indlæst (egne data, tabel {KLYNGER})"
    return (f"jobcenterklynger: egne data, tabel {KLYNGER}, {liste.aar}"
            + (" (demo-antagelse: DST's kommunegrupper)" if liste.demo else ""))


def stempel(p: BriefParametre) -> brief.Stempel:
    """The usual stamp, plus where the klynger come from."""
    s = faelles.stempel(p, *ALLE)
    return brief.Stempel(f"{s.kilde}; {klynge_kilde(p)}", s.parametre, s.kodeversion, s.tidspunkt)
