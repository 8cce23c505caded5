"""Fleksjob brief: the fleksjob scheme (fleksjob + ledighedsydelse), fleksjobledigheden, small and new fleksjob.

Replaces the hand-made pages: faktaside 3 "Opfølgning på mål for nye fleksjob" (2018), the rows Fleksjob and
Ledighedsydelse of Tabel 1 in the 2020 follow-up on the employment plan, and the committee minutes of
September 2023 ("Ledigheden på fleksjobområdet ligger på 16 pct. … landsgennemsnittet (12,6 pct.)").

Jobindsats v3 (y08a02, y09a02) has persons and full-time persons only, so fleksjobledigheden is computed here:
persons on ledighedsydelse in pct. of persons in fleksjob plus persons on ledighedsydelse. Small fleksjob
(weekly hours) and new fleksjob (tilgang) are egne data (tables fleksjob_timer, fleksjob_tilgang); without
them their sections show the "Egne data mangler" box and the rest of the brief is made.
Pure functions: parameters in, DataFrames, sentences and blocks out.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .. import brief, catalogue, data, figures, fmt, fortaelling, params, usikkerhed
from ..errors import ManglendeData
from ..params import BriefParametre
from ..periods import Periode, periode, raekke
from . import Tema, faelles

FLEKSJOB_PERSONER = "fleksjob_personer"
FLEKSJOB_FULDTID = "fleksjob_fuldtid"
FLEKSJOB_PCT = "fleksjob_pct"
TILGANG = "fleksjob_tilgang"
SMAA = "fleksjob_smaa"
LEDIGHEDSYDELSE_PERSONER = "ledighedsydelse_personer"
LEDIGHEDSYDELSE_FULDTID = "ledighedsydelse_fuldtid"
LEDIGHEDSYDELSE_PCT = "ledighedsydelse_pct"
BEFOLKNING = "befolkning_16_66"
# What the brief cannot do without: a period missing any of these fails before anything is drawn.
KERNE = (FLEKSJOB_PERSONER, LEDIGHEDSYDELSE_PERSONER, FLEKSJOB_FULDTID, LEDIGHEDSYDELSE_FULDTID)
ALLE = (*KERNE, FLEKSJOB_PCT, LEDIGHEDSYDELSE_PCT, TILGANG, SMAA, BEFOLKNING)
TEMA = Tema(navn="fleksjob", titel="Fleksjob og ledighedsydelse", orden=40, indikatorer=ALLE, valgfri=("maaltal",))
# Fleksjobledigheden has no indicator of its own: it is computed from these two (see `fleksjobledighed`).
FLEKSJOBLEDIGHED_DELE = (LEDIGHEDSYDELSE_PERSONER, FLEKSJOB_PERSONER)
TILGANG_TABEL = catalogue.indicator(TILGANG).table  # egne data
TIMER_TABEL = catalogue.indicator(SMAA).table  # egne data

MAAL_HVAD = "et helt, positivt antal nye fleksjob pr. år"
SMAA_TIMER = "Til og med 10 timer"  # the small fleksjob of the 2013 reform
I_ALT = "I alt"
AAR_TILBAGE = 2  # Tabel 1: the same month one and two years earlier
VINDUE = 12  # new fleksjob are counted over 12 months, comparable with a yearly target
PR_INDBYGGERE = 10_000  # new fleksjob per 10.000 16-66-årige, to compare areas of any size

FLEKSJOB, LEDIGHEDSYDELSE = "Fleksjob", "Ledighedsydelse"
# Tabel 1 of the 2020 follow-up: row label, full-time persons, full-time persons in pct. of the population.
TABEL_1_RAEKKER = ((LEDIGHEDSYDELSE, LEDIGHEDSYDELSE_FULDTID, LEDIGHEDSYDELSE_PCT),
                   (FLEKSJOB, FLEKSJOB_FULDTID, FLEKSJOB_PCT))
KOL_ANTAL = "Antal fuldtidspersoner"
KOL_PCT = "Fuldtidspersoner i pct. af befolkningen"

# Two-level headers keep the tables narrow enough for an e-mail window.
PERSONER = "Personer"
KOL_I_FLEKSJOB = (PERSONER, "I fleksjob")
KOL_PAA_LY = (PERSONER, "På ledighedsydelse")
KOL_I_ORDNINGEN = (PERSONER, "I alt")
FLEKSJOBLEDIGHED_PCT = "Fleksjobledighed, pct."
KOL_AENDRING_PP = (FLEKSJOBLEDIGHED_PCT, "Ændring, procentpoint")
NYE = "Nye fleksjob"
KOL_NYE_MAANED = (NYE, "I måneden")
KOL_NYE_12 = (NYE, "Seneste 12 mdr.")
KOL_NYE_12_FOER = (NYE, "12 mdr. før")
KOL_NYE_AENDRING = (NYE, "Ændring")
KOL_NYE_RATE = ("Pr. 10.000 16-66-årige", "Seneste 12 mdr.")


# --- parameters -------------------------------------------------------------------------------------------

def valider(kommune: str, periode: str, sammenligning: str | list[str] | None = None, maaneder: int = 25,
            maal_nye_fleksjob=0, maaltal: str = params.ALLE_MAALTAL) -> BriefParametre:
    """The brief's parameters: what every brief checks (params.valider), with every core indicator required to
    have the month, and the target for new fleksjob per year (persons starting in fleksjob over 12 months;
    0 = none)."""
    p = params.valider(TEMA.navn, kommune, periode, sammenligning, maaneder, kraev=KERNE, maaltal=maaltal)
    p = MAAL.med(p, maal_nye_fleksjob)
    if maal(p) is None:  # no parameter: the kommune's måltal for fleksjob_tilgang (nye fleksjob pr. år), if any
        m = faelles.maaltal_for(p, TILGANG)
        if m is not None:
            p = MAAL.med(p, m.vaerdi)
            p = p.med(**{MAAL.parameter: f"{MAAL.som_tekst(maal(p))} (måltal)"})  # the stamp says where it came from
    return p


# The target for new fleksjob per year: a whole number; 0, empty or None means no target.
MAAL = params.Maal("maal_nye_fleksjob", MAAL_HVAD, "120", lambda m: f"{fmt.tal(m)} nye fleksjob pr. år", heltal=True)
valider_maal, maal_tekst, maal = MAAL.valider, MAAL.som_tekst, params.maal


# --- data -------------------------------------------------------------------------------------------------

def _maaneder_med_aar(p: BriefParametre) -> int:
    """Months to read: the chart's, and at least a year back for the sentences about the change."""
    return max(p.maaneder, 13)


def _i_figuren(df: pd.DataFrame, p: BriefParametre) -> pd.DataFrame:
    return df[df["periode"] >= p.serie_fra.kode]


def bred(s: pd.DataFrame, perioder: list[Periode], navne: list[str]) -> pd.DataFrame:
    """Periods × area names, every period and area present (a missing row is NaN, never 0)."""
    return faelles.bred(s, [x.kode for x in perioder], navne).astype(float)


def punkter(indikator: str, omraader: list, perioder: list[Periode], **filter) -> pd.DataFrame:
    """Chosen periods × area names for one indicator (e.g. June of three years, as in Tabel 1)."""
    s = data.serie(indikator, omraader=omraader, fra=min(perioder), til=max(perioder), **filter)
    return bred(s, perioder, [o.navn for o in omraader])


def har_data(indikator: str, p: BriefParametre, **filter) -> bool:
    """True when the kommune has a value for the month (tables that are optional in the brief)."""
    try:
        s = data.serie(indikator, omraader=[p.kommune], fra=p.periode, til=p.periode, **filter)
    except ManglendeData:
        return False
    return bool(s["vaerdi"].notna().any())


def ordning_serie(p: BriefParametre) -> pd.DataFrame:
    """The kommune's persons in fleksjob and on ledighedsydelse, tidy with a column 'ydelse'."""
    dele = []
    for navn, indikator in ((FLEKSJOB, FLEKSJOB_PERSONER), (LEDIGHEDSYDELSE, LEDIGHEDSYDELSE_PERSONER)):
        s = data.serie(indikator, omraader=[p.kommune], fra=p.serie_fra, til=p.periode)
        dele.append(s.assign(ydelse=navn))
    return pd.concat(dele, ignore_index=True)


def afrund1(x):
    """One decimal, half away from zero, as Jobindsats rounds its shares (NaN stays NaN)."""
    x = np.asarray(x, dtype="float64")
    return np.sign(x) * np.floor(np.abs(x) * 10 + 0.5 + 1e-9) / 10


def fleksjobledighed(omraader: list, fra: str | Periode | None = None,
                     til: str | Periode | None = None) -> pd.DataFrame:
    """Fleksjobledigheden: persons on ledighedsydelse in pct. of persons in fleksjob plus persons on
    ledighedsydelse, rounded to one decimal. Tidy as data.serie (omraade_kode, omraade, periode, vaerdi); missing
    when either count is missing or the scheme is empty, never 0. Usable by other briefs (overblik)."""
    ly = data.serie(LEDIGHEDSYDELSE_PERSONER, omraader=omraader, fra=fra, til=til)
    fj = data.serie(FLEKSJOB_PERSONER, omraader=omraader, fra=fra, til=til)
    noegle = ["omraade_kode", "omraade", "periode"]
    df = ly[noegle + ["vaerdi"]].merge(fj[noegle + ["vaerdi"]], on=noegle, how="outer", suffixes=("_ly", "_fj"))
    i_alt = df["vaerdi_ly"] + df["vaerdi_fj"]
    df["vaerdi"] = afrund1(100 * df["vaerdi_ly"] / i_alt.where(i_alt > 0))
    return df.sort_values(["omraade_kode", "periode"], kind="stable")[noegle + ["vaerdi"]].reset_index(drop=True)


def fleksjobledighed_serie(p: BriefParametre) -> pd.DataFrame:
    """Fleksjobledigheden for the kommune and its comparisons, reaching at least a year back."""
    return fleksjobledighed(p.omraader, fra=p.periode.shift(-(_maaneder_med_aar(p) - 1)), til=p.periode)


def fleksjobledighed_tabel(p: BriefParametre) -> pd.DataFrame:
    """One row per area: persons in fleksjob and on ledighedsydelse, fleksjobledighed now and a year before."""
    foer = p.periode.shift(-12)
    fj = punkter(FLEKSJOB_PERSONER, p.omraader, [p.periode])
    ly = punkter(LEDIGHEDSYDELSE_PERSONER, p.omraader, [p.periode])
    fl = bred(fleksjobledighed(p.omraader, fra=foer, til=p.periode), [foer, p.periode],
              [o.navn for o in p.omraader])
    out = pd.DataFrame({
        KOL_I_FLEKSJOB: fj.loc[p.periode.kode],
        KOL_PAA_LY: ly.loc[p.periode.kode],
        KOL_I_ORDNINGEN: fj.loc[p.periode.kode] + ly.loc[p.periode.kode],
        (FLEKSJOBLEDIGHED_PCT, foer.kode): fl.loc[foer.kode],
        (FLEKSJOBLEDIGHED_PCT, p.periode.kode): fl.loc[p.periode.kode],
        KOL_AENDRING_PP: fl.loc[p.periode.kode] - fl.loc[foer.kode],
    })
    out.columns = pd.MultiIndex.from_tuples(out.columns)
    out.index.name = "Område"
    return out


def tabel_1(p: BriefParametre) -> pd.DataFrame:
    """Tabel 1's rows Ledighedsydelse and Fleksjob: full-time persons and pct. of the population 16-66 år,
    in the month and the same month one and two years earlier."""
    perioder = [p.periode.shift(-12 * i) for i in range(AAR_TILBAGE, -1, -1)]
    k = p.kommune.navn
    raekker = {}
    for navn, antal, andel in TABEL_1_RAEKKER:
        a = punkter(antal, [p.kommune], perioder)[k]
        b = punkter(andel, [p.kommune], perioder)[k]
        raekker[navn] = [*a.to_numpy(), *b.to_numpy()]
    koder = [x.kode for x in perioder]
    kolonner = pd.MultiIndex.from_tuples([(KOL_ANTAL, c) for c in koder] + [(KOL_PCT, c) for c in koder])
    out = pd.DataFrame.from_dict(raekker, orient="index", columns=kolonner)
    out.index.name = ""
    return out


def andel_aar(p: BriefParametre) -> pd.DataFrame:
    """Full-time persons in fleksjob in pct. of the population 16-66 år, the same month in three years
    (as Tabel 1), tidy with a column 'maaned' for the bars. The source rounds to one decimal, so bars
    read better than a line of steps."""
    perioder = [p.periode.shift(-12 * i) for i in range(AAR_TILBAGE, -1, -1)]
    w = punkter(FLEKSJOB_PCT, p.omraader, perioder)
    s = tidy(w, p)
    return s.assign(maaned=s["periode"].map(lambda k: periode(k).label))


def smaa_data(p: BriefParametre) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(small fleksjob, all in fleksjob), periods × areas, from the same table (fleksjob_timer, egne data),
    reaching at least a year back."""
    perioder = raekke(p.periode, _maaneder_med_aar(p))
    s = data.serie(SMAA, omraader=p.omraader, fra=perioder[0], til=p.periode, arbejdstid=[SMAA_TIMER, I_ALT])
    navne = [o.navn for o in p.omraader]
    return (bred(s[s["arbejdstid"] == SMAA_TIMER], perioder, navne),
            bred(s[s["arbejdstid"] == I_ALT], perioder, navne))


def tidy(wide: pd.DataFrame, p: BriefParametre) -> pd.DataFrame:
    """Periods × area names → the tidy shape of data.serie (omraade_kode, omraade, periode, vaerdi)."""
    koder = {o.navn: o.kode for o in p.omraader}
    s = wide.rename_axis(index="periode", columns="omraade").stack(future_stack=True).rename("vaerdi").reset_index()
    return s.assign(omraade_kode=s["omraade"].map(koder))[["omraade_kode", "omraade", "periode", "vaerdi"]]


def rullende_sum(wide: pd.DataFrame, vindue: int = VINDUE) -> pd.DataFrame:
    """Sum over the latest `vindue` periods; NaN when any of them is missing (a gap is not a zero).
    The index must be every period in order (see `bred`)."""
    return wide.rolling(vindue, min_periods=vindue).sum()


def tilgang(p: BriefParametre) -> pd.DataFrame:
    """Monthly new fleksjob, periods × areas, reaching 11 months before the brief's first month."""
    perioder = raekke(p.periode, p.maaneder + VINDUE - 1)
    s = data.serie(TILGANG, omraader=p.omraader, fra=perioder[0], til=p.periode)
    return bred(s, perioder, [o.navn for o in p.omraader])


def aar_til_dato(maanedlig: pd.Series, p: Periode) -> float:
    """New fleksjob from January to the month; NaN if a month is missing."""
    koder = [p.shift(-i).kode for i in range(p.nr)]
    v = maanedlig.reindex(koder)
    return float(v.sum()) if v.notna().all() else math.nan


def nye_serie(p: BriefParametre, maal: int | None) -> pd.DataFrame:
    """The kommune's new fleksjob over 12 months, month by month, and the target as a line when given."""
    r = rullende_sum(tilgang(p)).iloc[VINDUE - 1:]
    k = p.kommune.navn
    s = pd.DataFrame({"omraade": k, "periode": r.index, "vaerdi": r[k].to_numpy()})
    if maal is not None:
        s = pd.concat([s, pd.DataFrame({"omraade": maal_navn(maal), "periode": r.index, "vaerdi": float(maal)})],
                      ignore_index=True)
    return s


def fortegn(x) -> str:
    """'+1,2' / '-6,0' / '0,0' for a change in a column whose header gives the unit."""
    if fmt.er_mangler(x):
        return fmt.MANGLER
    return ("+" if round(float(x), 1) > 0 else "") + fmt.tal(x, 1)


def maal_navn(maal: int) -> str:
    return f"Mål: {fmt.tal(maal)} pr. år"


def nye_tabel(p: BriefParametre) -> pd.DataFrame:
    """One row per area: new fleksjob in the month, over 12 months, the 12 months before, and per 10.000."""
    m = tilgang(p)
    r = rullende_sum(m)
    nu, foer = p.periode.kode, p.periode.shift(-12).kode
    befolkning = punkter(BEFOLKNING, p.omraader, [p.periode]).loc[nu]
    r_foer = r.loc[foer] if foer in r.index else pd.Series(math.nan, index=r.columns)
    out = pd.DataFrame({
        KOL_NYE_MAANED: m.loc[nu],
        KOL_NYE_12: r.loc[nu],
        KOL_NYE_12_FOER: r_foer,
        KOL_NYE_AENDRING: 100 * (r.loc[nu] / r_foer.where(r_foer > 0) - 1),
        KOL_NYE_RATE: PR_INDBYGGERE * r.loc[nu] / befolkning.where(befolkning > 0),
    })
    out.columns = pd.MultiIndex.from_tuples(out.columns)
    out.index.name = "Område"
    return out


# --- sentences (pure: numbers in, Danish out) ------------------------------------------------------------

def ordning_tekst(navn: str, p: Periode, fleksjob, ledighedsydelse) -> str:
    """'I juni 2023 var 675 personer i fleksjob og 124 personer på ledighedsydelse i Ballerup, i alt 799 …'"""
    p = periode(p)
    if fmt.er_mangler(fleksjob) or fmt.er_mangler(ledighedsydelse):
        return (f"I {p.tekst} var {fortaelling.med_enhed(fleksjob, 'personer')} i fleksjob og "
                f"{fortaelling.med_enhed(ledighedsydelse, 'personer')} på ledighedsydelse i {navn}; "
                "fleksjobordningen i alt kan derfor ikke opgøres.")
    return (f"I {p.tekst} var {fmt.tal(fleksjob)} personer i fleksjob og {fmt.tal(ledighedsydelse)} personer på "
            f"ledighedsydelse i {navn}, i alt {fmt.tal(fleksjob + ledighedsydelse)} personer i fleksjobordningen.")


def grundlag_tekst(ledighedsydelse, i_ordningen) -> str:
    """Who the share rests on; with few persons, 'k af n' and a 95 pct.-interval."""
    return fortaelling.grundlag(ledighedsydelse, i_ordningen,
                                "personer i fleksjobordningen, der var på ledighedsydelse", "Fleksjobledigheden",
                                "på ledighedsydelse")


def aendring_antal(hvad: str, nu, tidligere: list[tuple[Periode, float]]) -> str:
    """'Antallet af personer i fleksjob i Ballerup er steget med 42 (+6,6 pct.) siden juni 2022 og med 66
    (+10,8 pct.) siden juni 2021.' A missing earlier value is said to be missing."""
    if fmt.er_mangler(nu):
        return ""
    dele, mangler = [], []
    for p, foer in tidligere:
        if fmt.er_mangler(foer):
            mangler.append(periode(p).tekst)
            continue
        d = nu - foer
        if round(d) == 0:
            dele.append(f"uændret siden {periode(p).tekst}")
        else:
            rel = f" ({fmt.aendring(100 * d / foer)})" if foer else ""
            dele.append(f"{'steget' if d > 0 else 'faldet'} med {fmt.tal(abs(d))}{rel} siden {periode(p).tekst}")
    if not dele:
        return f"{hvad} kan ikke sammenlignes med {figures.opremsning(mangler)}, fordi tallet mangler."
    out = f"{hvad} er {figures.opremsning(dele)}."
    if mangler:
        out += f" Tallet for {figures.opremsning(mangler)} mangler, så udviklingen siden da kan ikke opgøres."
    return out


def relativ_sammenligning(hvad: str, andre: list[tuple[str, float, float]], siden: Periode) -> str:
    """'Til sammenligning er antallet i fleksjob steget 9,9 pct. i Hele landet siden juni 2022.'"""
    dele, mangler = [], []
    for navn, nu, foer in andre:
        if fmt.er_mangler(nu) or fmt.er_mangler(foer) or not foer:
            mangler.append(navn)
            continue
        d = 100 * (nu / foer - 1)
        if round(d, 1) == 0:
            dele.append(f"uændret i {navn}")
        else:
            dele.append(f"{'steget' if d > 0 else 'faldet'} {fmt.tal(abs(d), 1)} pct. i {navn}")
    out = [f"Til sammenligning er {hvad} {figures.opremsning(dele)} siden {siden.tekst}."] if dele else []
    if mangler:
        out.append(f"For {figures.opremsning(mangler)} kan udviklingen siden {siden.tekst} ikke opgøres, fordi et "
                   "tal mangler.")
    return " ".join(out)


def nye_tekst(navn: str, p: Periode, nu, foer, maal: int | None, i_aar) -> list[str]:
    """New fleksjob over 12 months: how many, against the 12 months before, against the yearly target and,
    within the calendar year, against the target's share of the months gone."""
    p = periode(p)
    start = p.shift(-(VINDUE - 1))
    if fmt.er_mangler(nu):
        return [f"Antallet af nye fleksjob i {navn} fra {start.tekst} til {p.tekst} kan ikke opgøres, fordi tallet "
                "for en eller flere måneder mangler."]
    out = [f"Fra {start.tekst} til {p.tekst} er {fmt.tal(nu)} personer begyndt i fleksjob i {navn}."]
    if fmt.er_mangler(foer):
        out.append("Året før kan ikke opgøres, fordi tallet for en eller flere måneder mangler.")
    elif round(nu - foer) == 0:
        out.append(f"Det er lige så mange som i de 12 måneder før ({fmt.tal(foer)}).")
    else:
        out.append(f"Det er {fortaelling.flere_faerre(nu - foer)} end i de 12 måneder før "
                   f"({fmt.tal(foer)}).")
    if maal is not None:
        out.append(_mod_aarsmaal(nu, maal))
        if p.nr < 12:
            forventet = maal * p.nr / 12
            if fmt.er_mangler(i_aar):
                out.append(f"Antallet siden januar {p.aar} kan ikke opgøres, fordi tallet for en måned mangler.")
            else:
                out.append(f"Fra januar til {p.tekst} er {fmt.tal(i_aar)} personer begyndt i fleksjob; "
                           f"målet svarer til {fmt.tal(forventet)} på {p.nr} {'måned' if p.nr == 1 else 'måneder'}. "
                           + _mod(i_aar, forventet))
    return out


def _mod_aarsmaal(nu, maal: int) -> str:
    return fortaelling.mod_maal(nu, maal, "antal", maal_tekst=f"{fmt.tal(maal)} nye fleksjob om året")


def _mod(x, forventet) -> str:
    """Short form of the year-to-date comparison: 'Det er 3 flere end målet for perioden.'"""
    d = x - forventet
    if round(d) == 0:
        return "Det svarer til målet for perioden."
    return f"Det er {fortaelling.flere_faerre(d)} end målet for perioden."


# --- blocks for the notebook ----------------------------------------------------------------------------

def opremsning_perioder(df: pd.DataFrame) -> str:
    """'juni 2021, juni 2022 og juni 2023'"""
    return figures.opremsning([periode(k).tekst for k in sorted(df["periode"].unique())])


def kort_fortalt(p: BriefParametre) -> brief.Tekst:
    """The opening paragraph the committee reads first, computed like every other sentence."""
    k, maal_ = p.kommune, maal(p)
    fj = fortaelling.vaerdi(data.serie(FLEKSJOB_PERSONER, omraader=[k], fra=p.periode, til=p.periode), k, p.periode)
    ly = fortaelling.vaerdi(data.serie(LEDIGHEDSYDELSE_PERSONER, omraader=[k], fra=p.periode, til=p.periode),
                            k, p.periode)
    fl = fleksjobledighed_serie(p)
    saetninger = [ordning_tekst(k.navn, p.periode, fj, ly)]
    nu = fortaelling.vaerdi(fl, k, p.periode)
    saetninger.append(fortaelling.niveau(k.navn, nu, "pct", p.periode, "fleksjobledigheden")
                      .replace(f"I {p.periode.tekst} var", "Samme måned var", 1))
    andre = [(o.navn, fortaelling.vaerdi(fl, o, p.periode)) for o in p.sammenligning]
    comp = fortaelling.sammenligning(k.navn, nu, andre, "pct", fortaelling.interval_ved_faa(ly, ly + fj))
    if comp:
        saetninger.append(comp)
    nye = nye_tabel(p).loc[k.navn] if faelles.har_tabel(TILGANG_TABEL) else {KOL_NYE_12: math.nan}
    if not fmt.er_mangler(nye[KOL_NYE_12]):
        s = f"De seneste 12 måneder er {fmt.tal(nye[KOL_NYE_12])} personer begyndt i fleksjob."
        if maal_ is not None:
            s += " " + _mod_aarsmaal(nye[KOL_NYE_12], maal_)
        saetninger.append(s)
    return brief.Tekst(" ".join(saetninger))


def ordning_figurblok(p: BriefParametre) -> brief.Figurblok:
    """Persons in fleksjob and on ledighedsydelse in the kommune: level, change over one and two years
    (the 2023 minutes compare with two years before) and the change in the comparison areas."""
    df = ordning_serie(p)
    k = p.kommune
    figur = figures.linjefigur(df, serie="ydelse", roller={FLEKSJOB: figures.KOMMUNE, LEDIGHEDSYDELSE: figures.ANDET},
                               titel=f"Personer i fleksjob og på ledighedsydelse i {k.navn}", enhed="personer",
                               y_fra_nul=True)
    hvordan = [
        f"Figuren viser antallet af personer i fleksjob og på ledighedsydelse med bopæl i {k.navn}, "
        f"{fortaelling.maaneder_med_tal(df)}.",
        "Fleksjobordningen er alle, der er visiteret til fleksjob: dem i fleksjob og dem på ledighedsydelse, "
        "som venter på et fleksjob. Personer tælles, uanset hvor mange timer de arbejder.",
    ]
    tidligere = [p.periode.shift(-12), p.periode.shift(-24)]
    perioder = [tidligere[1], tidligere[0], p.periode]
    fj = punkter(FLEKSJOB_PERSONER, [k], perioder)[k.navn]
    ly = punkter(LEDIGHEDSYDELSE_PERSONER, [k], perioder)[k.navn]
    hvad = [ordning_tekst(k.navn, p.periode, fj[p.periode.kode], ly[p.periode.kode])]
    for s, hvor in ((fj, "i fleksjob"), (ly, "på ledighedsydelse")):
        hvad.append(aendring_antal(f"Antallet af personer {hvor}", s[p.periode.kode],
                                   [(t, s[t.kode]) for t in tidligere]))
    v = fortaelling.vaerdi
    if p.sammenligning:
        aar = p.periode.shift(-12)
        sml = data.serie(FLEKSJOB_PERSONER, omraader=list(p.sammenligning), fra=aar, til=p.periode)
        tekst = relativ_sammenligning("antallet i fleksjob",
                                      [(o.navn, v(sml, o, p.periode), v(sml, o, aar)) for o in p.sammenligning], aar)
        if tekst:
            hvad.append(tekst)
    return faelles.figurblok("Personer i fleksjob og på ledighedsydelse", figur, hvordan, hvad,
                             FLEKSJOB_PERSONER, LEDIGHEDSYDELSE_PERSONER)


def fleksjobledighed_figurblok(p: BriefParametre) -> brief.Figurblok:
    df = fleksjobledighed_serie(p)
    vist = _i_figuren(df, p)
    k = p.kommune
    figur = figures.linjefigur(vist, roller=faelles.roller(p), titel="Fleksjobledighed", enhed="pct.", decimaler=1)
    hvordan = [
        "Fleksjobledigheden er personer på ledighedsydelse i pct. af alle i fleksjobordningen (personer i fleksjob "
        "plus personer på ledighedsydelse).",
        "Jobindsats opgør ikke fleksjobledigheden selv: den er regnet af noegletal ud fra antal personer i fleksjob "
        "(tabel y08a02) og antal personer på ledighedsydelse (tabel y09a02) og afrundet til én decimal.",
        faelles.sammenlignet(p, naar=fortaelling.maaneder_med_tal(vist)),
    ]
    t = fleksjobledighed_tabel(p).loc[k.navn]
    interval = fortaelling.interval_ved_faa(t[KOL_PAA_LY], t[KOL_PAA_LY] + t[KOL_I_FLEKSJOB])
    hvad = fortaelling.hvad_viser(df, k, list(p.sammenligning), p.periode, "pct", "fleksjobledigheden",
                                  interval=interval)
    grundlag = grundlag_tekst(t[KOL_PAA_LY], t[KOL_I_ORDNINGEN])
    if grundlag:
        hvad.append(grundlag)
    return faelles.figurblok("Ledighedsydelse i pct. af fleksjobordningen", figur, hvordan, hvad,
                             *FLEKSJOBLEDIGHED_DELE)


def fleksjobledighed_tabelblok(p: BriefParametre) -> brief.Tabelblok:
    t = fleksjobledighed_tabel(p)
    return brief.Tabelblok(
        f"Fleksjobledighed: personer på ledighedsydelse i pct. af alle i fleksjobordningen, {p.periode.label}",
        t, kolonneformat={PERSONER: "tal", FLEKSJOBLEDIGHED_PCT: "tal1", KOL_AENDRING_PP: fortegn},
        note="Personer, ikke fuldtidspersoner. I alt er alle i fleksjobordningen: i fleksjob og på ledighedsydelse. "
             "Fleksjobledigheden er regnet af de viste antal (på ledighedsydelse i pct. af i alt) og afrundet til "
             "én decimal; Jobindsats opgør den ikke selv.",
    )


def andel_figurblok(p: BriefParametre) -> brief.Figurblok:
    """Fleksjob in pct. of the population: comparable across areas of any size."""
    df = andel_aar(p)
    k = p.kommune
    figur = figures.soejlefigur(df, x="maaned", roller=faelles.roller(p),
                                titel="Fuldtidspersoner i fleksjob i pct. af befolkningen", enhed="pct.", decimaler=1)
    maaneder = opremsning_perioder(df)
    hvordan = [
        "Figuren viser fuldtidspersoner i fleksjob i pct. af befolkningen 16-66 år. En person, der arbejder halv tid i "
        "fleksjob, tæller som en halv fuldtidsperson.",
        faelles.sammenlignet(p, efter=f" i {maaneder}"),
    ]
    hvad = fortaelling.hvad_viser(df, k, list(p.sammenligning), p.periode, "pct", "andelen i fleksjob")
    ly = data.serie(LEDIGHEDSYDELSE_PCT, omraader=p.omraader, fra=p.periode, til=p.periode)
    v = fortaelling.vaerdi
    ly_k = v(ly, k, p.periode)
    hvad.append(fortaelling.niveau(k.navn, ly_k, "pct", p.periode, "andelen på ledighedsydelse")
                .replace(f"I {p.periode.tekst} var", "Samme måned var", 1))
    comp = fortaelling.sammenligning(k.navn, ly_k, [(o.navn, v(ly, o, p.periode)) for o in p.sammenligning], "pct")
    if comp:
        hvad.append(comp)
    return faelles.maaltal_figurblok(p, FLEKSJOB_PCT, v(df, k, p.periode), "Fleksjob i pct. af befolkningen", figur,
                                     hvordan, hvad, FLEKSJOB_PCT, LEDIGHEDSYDELSE_PCT)


def tabel_1_blokke(p: BriefParametre) -> list[brief.Blok]:
    """Tabel 1's two rows, and what the table shows in words (first year against the last)."""
    t = tabel_1(p)
    koder = list(dict.fromkeys(c for _, c in t.columns))
    foerste, sidste = periode(koder[0]), periode(koder[-1])
    tabel = brief.Tabelblok(
        f"Fleksjob og ledighedsydelse i {p.kommune.navn}, antal fuldtidspersoner (faktisk og i pct. af befolkningen)",
        t, kolonneformat={KOL_ANTAL: "tal", KOL_PCT: "tal1"},
        note="Som Tabel 1 i opfølgningen på beskæftigelsesplanen: samme måned i tre år. Befolkningen er de 16-66-årige.",
    )
    saetninger = []
    for navn, *_ in TABEL_1_RAEKKER:
        a0, a1 = t.loc[navn, (KOL_ANTAL, koder[0])], t.loc[navn, (KOL_ANTAL, koder[-1])]
        b0, b1 = t.loc[navn, (KOL_PCT, koder[0])], t.loc[navn, (KOL_PCT, koder[-1])]
        if fmt.er_mangler(a0) or fmt.er_mangler(a1):
            saetninger.append(f"{navn}: udviklingen fra {foerste.tekst} til {sidste.tekst} kan ikke opgøres, "
                              "fordi et af tallene mangler.")
            continue
        retning = "steget" if a1 > a0 else "faldet" if a1 < a0 else "uændret"
        fra_til = f" fra {fmt.tal(a0)} til {fmt.tal(a1)}" if retning != "uændret" else f" på {fmt.tal(a1)}"
        andel_tekst = (f", svarende til {fmt.pct(b0)} og {fmt.pct(b1)} af befolkningen"
                       if not (fmt.er_mangler(b0) or fmt.er_mangler(b1)) else "")
        saetninger.append(f"{navn}: antallet af fuldtidspersoner er {retning}{fra_til} fra {foerste.tekst} til "
                          f"{sidste.tekst}{andel_tekst}.")
    return [tabel, brief.Tekst(" ".join(saetninger))]


def smaa_blokke(p: BriefParametre) -> list[brief.Blok]:
    """Small fleksjob (≤ 10 hours a week) as a share of all in fleksjob, where the data exist (egne data)."""
    if not faelles.har_tabel(TIMER_TABEL):
        return [faelles.mangler_egne_data(TIMER_TABEL, "Andelen i små fleksjob (til og med 10 timer om ugen)")]
    if not har_data(SMAA, p):
        return [brief.Tekst(f"Der er ingen tal for små fleksjob (til og med 10 timer om ugen) i {p.kommune.navn} i "
                            f"{p.periode.tekst}.")]
    smaa, alle = smaa_data(p)
    df = tidy(faelles.andel(smaa, alle), p)
    vist = _i_figuren(df, p)
    k = p.kommune
    figur = figures.linjefigur(vist, roller=faelles.roller(p), titel="Andel i små fleksjob", enhed="pct.", decimaler=1)
    hvordan = [
        "Figuren viser personer i små fleksjob (til og med 10 timer om ugen) i pct. af alle personer i fleksjob.",
        faelles.sammenlignet(p, naar=fortaelling.maaneder_med_tal(vist)),
    ]
    n, antal = alle.loc[p.periode.kode, k.navn], smaa.loc[p.periode.kode, k.navn]
    smaa_tal = usikkerhed.er_smaa_tal(n)
    interval = fortaelling.interval_ved_faa(antal, n)
    hvad = fortaelling.hvad_viser(df, k, list(p.sammenligning), p.periode, "pct", "andelen i små fleksjob",
                                  interval=interval)
    if smaa_tal:
        hvad.append(fortaelling.faa_personer(antal, n))
    elif not (fmt.er_mangler(antal) or fmt.er_mangler(n)):
        hvad.append(f"Det svarer til {fmt.tal(antal)} af {fmt.tal(n)} personer i fleksjob.")
        aar = p.periode.shift(-12)
        foer = smaa.loc[aar.kode, k.navn] if aar.kode in smaa.index else math.nan
        hvad.append(aendring_antal("Antallet af personer i små fleksjob", antal, [(aar, foer)]))
    return [faelles.figurblok("Små fleksjob (til og med 10 timer om ugen)", figur, hvordan, hvad, SMAA)]


def nye_blokke(p: BriefParametre) -> list[brief.Blok]:
    """New fleksjob over 12 months against the yearly target (when given), and per 10.000 against the
    comparison areas. New fleksjob are egne data: without them, the "Egne data mangler" box."""
    maal_ = maal(p)
    if not faelles.har_tabel(TILGANG_TABEL):
        blokke: list[brief.Blok] = [faelles.mangler_egne_data(
            TILGANG_TABEL, "Opfølgningen på nye fleksjob (personer, der begynder i fleksjob)")]
        if maal_ is not None:
            blokke.append(brief.Tekst(f"Målet på {fmt.tal(maal_)} nye fleksjob om året kan derfor ikke følges op i "
                                      "denne brief."))
        return blokke
    if not har_data(TILGANG, p):
        return [brief.Tekst(f"Der er ingen tal for nye fleksjob i {p.kommune.navn} i {p.periode.tekst}.")]
    k = p.kommune
    df = nye_serie(p, maal_)
    roller = {k.navn: figures.KOMMUNE}
    if maal_ is not None:
        roller[maal_navn(maal_)] = figures.LAND
    figur = figures.linjefigur(df, roller=roller, titel=f"Nye fleksjob i {k.navn} over 12 måneder",
                               enhed="personer", y_fra_nul=True)
    hvordan = [
        f"Figuren viser, hvor mange personer med bopæl i {k.navn} der er begyndt i fleksjob i de seneste 12 måneder, "
        f"opgjort {fortaelling.maaneder_med_tal(df[df['omraade'] == k.navn])}.",
        (f"Den vandrette linje er målet på {fmt.tal(maal_)} nye fleksjob om året." if maal_ is not None else
         "Der er ikke angivet et mål for nye fleksjob."),
    ]
    t = nye_tabel(p)
    maanedlig = tilgang(p)[k.navn]
    hvad = nye_tekst(k.navn, p.periode, t.loc[k.navn, KOL_NYE_12], t.loc[k.navn, KOL_NYE_12_FOER], maal_,
                     aar_til_dato(maanedlig, p.periode))
    rate = t.loc[k.navn, KOL_NYE_RATE]
    if not fmt.er_mangler(rate):
        comp = fortaelling.sammenligning(k.navn, rate, [(o.navn, t.loc[o.navn, KOL_NYE_RATE]) for o in p.sammenligning],
                                         "antal", decimaler=1)  # as the table shows the rate
        hvad.append(f"Det svarer til {fmt.tal(rate, 1)} nye fleksjob pr. {fmt.tal(PR_INDBYGGERE)} 16-66-årige. "
                    f"{comp}".strip())
    blok = faelles.figurblok("Opfølgning på mål for nye fleksjob", figur, hvordan, hvad, TILGANG, BEFOLKNING)
    tabel = brief.Tabelblok(
        f"Nye fleksjob (personer, der begynder i fleksjob), {p.periode.label}", t,
        kolonneformat={NYE: "tal", KOL_NYE_AENDRING: "aendring", KOL_NYE_RATE: "tal1"},
        note=f"I måneden: {p.periode.tekst}. Seneste 12 mdr.: {p.periode.shift(-(VINDUE - 1)).tekst} til "
             f"{p.periode.tekst}; 12 mdr. før: de 12 måneder inden. Pr. 10.000 16-66-årige: de seneste 12 måneders "
             "nye fleksjob i forhold til befolkningen 16-66 år i måneden.",
    )
    return [blok, tabel]


def forbehold(p: BriefParametre) -> list[brief.Blok]:
    """A caveat box when the kommune's fleksjob scheme is so small that its shares jump."""
    t = fleksjobledighed_tabel(p).loc[p.kommune.navn]
    n = t[KOL_I_ORDNINGEN]
    if not usikkerhed.er_smaa_tal(n):
        return []
    return [brief.Forbehold(
        f"Der er kun {fmt.tal(n)} personer i fleksjobordningen i {p.kommune.navn}. Én person mere eller mindre på "
        f"ledighedsydelse flytter fleksjobledigheden {fmt.tal(100 / n, 1)} procentpoint, så forskelle til andre "
        "områder skal læses med forsigtighed.", "Datagrundlaget er spinkelt")]
