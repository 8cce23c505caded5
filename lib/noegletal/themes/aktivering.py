"""Aktivering brief: how many are activated, how much (aktiveringsgrad), with which redskaber, and how many
ansættelser med løntilskud and virksomhedspraktikker start each quarter.

Reproduces Ballerup's faktaside 6 (2018) and Tabel 3 of the 2020 follow-up on the beskæftigelsesplan, and
adds what they left out: a comparison for every figure, and the fuldtidspersoner behind an aktiveringsgrad
that rests on few. Pure functions: parameters in, DataFrames and sentences out.
"""

from __future__ import annotations

import dataclasses
import math
import textwrap

import pandas as pd

from .. import brief, catalogue, data, figures, fmt, fortaelling, usikkerhed
from ..errors import UgyldigParameter
from ..params import BriefParametre, kraev_periode
from ..periods import MAANED, Periode, periode
from . import faelles

FORLOEB = "aktiveringsforloeb"
AKTIVEREDE = "aktiverede"
FULDTIDSAKTIVEREDE = "fuldtidsaktiverede"
GRAD = "aktiveringsgrad"
GRAD_VIRKSOMHED = "aktiveringsgrad_virksomhedsrettet"
GRAD_REDSKAB = "aktiveringsgrad_redskab"
LOENTILSKUD = "loentilskud_paabegyndte"
PRAKTIK = "virksomhedspraktik_paabegyndte"
ALLE = (FORLOEB, AKTIVEREDE, FULDTIDSAKTIVEREDE, GRAD, GRAD_VIRKSOMHED, GRAD_REDSKAB, LOENTILSKUD, PRAKTIK)

# Measures the catalogue has no indicator for (read from the indicators' tables, see `_maal`).
FULDTIDSPERSONER = "Fuldtidspersoner i målgruppen"
FULDTIDSAKTIVEREDE_MAAL = "Fuldtidsaktiverede"

I_ALT = "I alt"
VIRKSOMHEDSRETTEDE = ("Virksomhedspraktik", "Løntilskud")
OMFANG_TABEL_MAANEDER = 13  # the month and the same month a year before
STABIL_MAANEDER = 6  # "konstant i slutningen af 2017 og starten af 2018": about half a year
TABEL3_KVARTALER = 10  # Tabel 3 of the 2020 follow-up: 1. kvt. 2018 - 2. kvt. 2020
REDSKAB_BREDDE = 16  # heatmap column labels wrap at this many characters

# The three series of the omfang figure: indicator → label in the chart, the table and the sentence.
OMFANG = ((FORLOEB, "Aktiveringsforløb"), (AKTIVEREDE, "Aktiverede borgere"),
          (FULDTIDSAKTIVEREDE, "Fuldtidsaktiverede"))
TABEL3_KOLONNER = {LOENTILSKUD: "Ansættelse med løntilskud i alt", PRAKTIK: "Virksomhedspraktik i alt"}

# Short column headers (numbers' headers do not wrap), explained in the table's note.
KOLONNE_FULDTID = "I målgruppen"
KOLONNE_AKTIVEREDE = "Aktiverede"
KOLONNE_GRAD = "Grad, pct."
KOLONNE_INTERVAL = "95 %-interval"
MAALGRUPPE_NOTE = (
    "I målgruppen: fuldtidspersoner i målgruppen. Aktiverede: fuldtidsaktiverede. Grad: aktiveringsgraden, "
    "fuldtidsaktiverede i procent af målgruppens fuldtidspersoner. 95 %-interval: et konfidensinterval "
    "(Wilson) for aktiveringsgraden i pct.; det viser, hvor usikker graden er, når den bygger på få "
    "fuldtidspersoner (under {graense})."
)



# --- parameters ---------------------------------------------------------------------------------------------

def valider(p: BriefParametre, fra: str | None) -> BriefParametre:
    """The brief's own checks after params.valider: a month with data, and the first month of the omfang
    figure ('' = the brief's `maaneder` months). Returns the parameters with `fra` for the stamp."""
    if p.periode.frekvens != MAANED:
        raise UgyldigParameter(
            f"periode skal være en måned, fx '2018M05' eller 'maj 2018', ikke '{p.periode.kode}': "
            "aktiveringstallene opgøres måned for måned."
        )
    kraev_periode(FULDTIDSAKTIVEREDE, p.periode)
    har = data.perioder(FULDTIDSAKTIVEREDE)
    if fra is None or not str(fra).strip():  # the latest `maaneder` months, or as many as there are
        start = max(p.periode.shift(-(p.maaneder - 1)), periode(har[0]))
    else:
        start = periode(fra)
        if start.frekvens != MAANED:
            raise UgyldigParameter(f"fra skal være en måned, fx '2015M01' eller 'jan 2015', ikke '{fra}'.")
        if start >= p.periode:
            raise UgyldigParameter(
                f"fra ({start.tekst}) skal ligge før periode ({p.periode.tekst}). Vælg en tidligere måned, "
                "fx '2015M01', eller lad fra være tom for de seneste 'maaneder' måneder."
            )
        if start.kode < har[0]:
            raise UgyldigParameter(
                f"Der er ingen aktiveringstal for {start.tekst}. Data findes fra {har[0]} til {har[-1]}; "
                f"vælg fra i det interval, fx '{har[0]}'."
            )
    return dataclasses.replace(p, ekstra={**p.ekstra, "fra": start.kode})


def fra(p: BriefParametre) -> Periode:
    """The first month of the omfang figure (validated by `valider`)."""
    return periode(p.ekstra["fra"]) if "fra" in p.ekstra else p.periode.shift(-(p.maaneder - 1))


def _fra_maaneder(p: BriefParametre) -> Periode:
    return p.periode.shift(-(p.maaneder - 1))


def smaat(navn: str) -> str:
    """A målgruppe or redskab inside a sentence: 'Kontanthjælp' → 'kontanthjælp'; 'A-dagpenge' stays."""
    return navn if len(navn) > 1 and navn[1] in "-." else navn[:1].lower() + navn[1:]


# --- omfang: forløb, aktiverede, fuldtidsaktiverede ----------------------------------------------------------

def omfang_serie(p: BriefParametre, fra_: Periode | None = None) -> pd.DataFrame:
    """The kommune's three counts month by month, tidy with the series label in column 'serie'."""
    fra_ = fra_ or fra(p)
    dele = [data.serie(i, omraader=[p.kommune], fra=fra_, til=p.periode).assign(serie=navn) for i, navn in OMFANG]
    return pd.concat(dele, ignore_index=True)


def omfang_tal(p: BriefParametre, q: Periode | None = None) -> dict[str, float]:
    """The kommune's three counts in one month, by indicator."""
    q = q or p.periode
    return {i: fortaelling.vaerdi(data.serie(i, omraader=[p.kommune], fra=q, til=q), p.kommune, q) for i, _ in OMFANG}


def omfang_tekst(p: BriefParametre) -> str:
    """Faktaside 6's sentence: 'I maj 2018 var 842 borgere i tilsammen 1.702 aktiveringsforløb, svarende
    til 460 fuldtidsaktiverede.'"""
    t = omfang_tal(p)
    if any(fmt.er_mangler(v) for v in t.values()):
        vaerdier = "; ".join(f"{navn.lower()}: {fmt.tal(t[i])}" for i, navn in OMFANG)
        return f"For {p.kommune.navn} i {p.periode.tekst} er ikke alle tal oplyst ({vaerdier})."
    return (f"I {p.periode.tekst} var {fmt.tal(t[AKTIVEREDE])} borgere i tilsammen {fmt.tal(t[FORLOEB])} "
            f"aktiveringsforløb, svarende til {fmt.tal(t[FULDTIDSAKTIVEREDE])} fuldtidsaktiverede.")


def omfang_hvad(p: BriefParametre) -> list[str]:
    """The faktaside's sentence, the change in fuldtidsaktiverede over a year against the comparison
    areas, and how many forløb an activated person has on average."""
    out = [omfang_tekst(p)]
    df = data.serie(FULDTIDSAKTIVEREDE, omraader=p.omraader, fra=p.periode.shift(-12), til=p.periode)
    out += fortaelling.udvikling(df, p.kommune, list(p.sammenligning), p.periode, "antallet af fuldtidsaktiverede")
    t = omfang_tal(p)
    if not fmt.er_mangler(t[FORLOEB]) and not fmt.er_mangler(t[AKTIVEREDE]) and t[AKTIVEREDE] > 0:
        out.append(f"En aktiveret borger var i gennemsnit i {fmt.tal(t[FORLOEB] / t[AKTIVEREDE], 1)} forløb "
                   "i måneden.")
    return out


def omfang_tabel(p: BriefParametre, maaneder: int = OMFANG_TABEL_MAANEDER) -> pd.DataFrame:
    """The three counts for the latest `maaneder` months, newest last."""
    s = omfang_serie(p, p.periode.shift(-(maaneder - 1)))
    wide = s.pivot(index="periode", columns="serie", values="vaerdi").reindex(columns=[n for _, n in OMFANG])
    wide.index.name = "Måned"
    wide.columns.name = None
    return wide


# --- aktiveringsgrad -------------------------------------------------------------------------------------------

GRADER = (
    (GRAD, "Samlet aktiveringsgrad", "aktiveringsgraden",
     "Figuren viser den samlede aktiveringsgrad: fuldtidsaktiverede i procent af alle fuldtidspersoner i "
     "aktiveringens målgrupper."),
    (GRAD_VIRKSOMHED, "Virksomhedsrettet aktiveringsgrad", "den virksomhedsrettede aktiveringsgrad",
     "Figuren viser den virksomhedsrettede aktiveringsgrad: fuldtidsaktiverede i virksomhedspraktik eller "
     "løntilskud i procent af alle fuldtidspersoner i aktiveringens målgrupper."),
)


def grad_serie(p: BriefParametre, indikator: str = GRAD) -> pd.DataFrame:
    return data.serie(indikator, omraader=p.omraader, fra=_fra_maaneder(p), til=p.periode)


def _fuldtidspersoner(p: BriefParametre, q: Periode, maalgruppe=I_ALT, omraader=None) -> pd.DataFrame:
    return data.serie(GRAD, omraader or [p.kommune], q, q, maal=FULDTIDSPERSONER, maalgruppe=maalgruppe)


def grad_hvad(p: BriefParametre, indikator: str = GRAD, hvad: str = "aktiveringsgraden") -> list[str]:
    """Level, change over a year, comparison (within the uncertainty when few fuldtidspersoner), the
    latest half year's course, and above/below each comparison area over the whole figure."""
    df = grad_serie(p, indikator)
    n = fortaelling.vaerdi(_fuldtidspersoner(p, p.periode), p.kommune, p.periode)
    interval = None
    if usikkerhed.er_smaa_tal(n):
        k = usikkerhed.antal_beskaeftigede(fortaelling.vaerdi(df, p.kommune, p.periode), n)
        interval = usikkerhed.wilson(k, n)
    out = fortaelling.hvad_viser(df, p.kommune, list(p.sammenligning), p.periode, "pct", hvad, interval=interval)
    out.append(fortaelling.stabilitet(df, p.kommune, p.periode, STABIL_MAANEDER, "pct", hvad))
    out += [s for o in p.sammenligning if (s := fortaelling.over_under(df, p.kommune, o, "pct", hvad))]
    if interval:
        out.append(f"Aktiveringsgraden bygger på få fuldtidspersoner ({fmt.tal(n)}); små ændringer giver store "
                   "udsving.")
    return out


# --- målgrupper ------------------------------------------------------------------------------------------

def maalgrupper() -> list[str]:
    """The målgrupper in the source's order, without 'I alt'."""
    return [m for m in data.vaerdier(catalogue.indicator(GRAD).table, "maalgruppe") if m != I_ALT]


def maalgruppe_tidy(p: BriefParametre) -> pd.DataFrame:
    """The aktiveringsgrad by målgruppe in the month, the kommune and its comparison areas (for the chart)."""
    mg = maalgrupper()
    s = data.serie(GRAD, omraader=p.omraader, fra=p.periode, til=p.periode, maalgruppe=mg)
    return s.assign(_o=s["maalgruppe"].map(mg.index)).sort_values(["_o", "omraade_kode"]).drop(columns="_o")


def maalgruppe_tabel(p: BriefParametre) -> pd.DataFrame:
    """Per målgruppe (and I alt): fuldtidspersoner, fuldtidsaktiverede, the aktiveringsgrad with its
    interval, and the comparison areas' aktiveringsgrad."""
    mg = [*maalgrupper(), I_ALT]
    q, k = p.periode, p.kommune.navn

    def bred(df):
        return df.pivot(index="maalgruppe", columns="omraade", values="vaerdi").reindex(mg)

    grad = bred(data.serie(GRAD, omraader=p.omraader, fra=q, til=q, maalgruppe=mg))
    n = bred(_fuldtidspersoner(p, q, mg))[k]
    fa = bred(data.serie(GRAD, [p.kommune], q, q, maal=FULDTIDSAKTIVEREDE_MAAL, maalgruppe=mg))[k]
    out = pd.DataFrame(index=mg)
    out[(k, KOLONNE_FULDTID)] = n
    out[(k, KOLONNE_AKTIVEREDE)] = fa
    out[(k, KOLONNE_GRAD)] = grad[k]
    out[(k, KOLONNE_INTERVAL)] = [usikkerhed.interval_tekst(a, b) for a, b in zip(fa, n)]
    for o in p.sammenligning:
        out[(o.navn, KOLONNE_GRAD)] = grad.get(o.navn, math.nan)
    out.columns = pd.MultiIndex.from_tuples(out.columns)
    out.index.name = "Målgruppe"
    return out


def maalgruppe_hvad(p: BriefParametre) -> list[str]:
    """Highest and lowest aktiveringsgrad among målgrupper with enough fuldtidspersoner, how many
    målgrupper are above each comparison area, and k of n for the målgrupper with few."""
    t = maalgruppe_tabel(p).drop(index=I_ALT)
    k = p.kommune.navn
    n, fa, grad = t[(k, KOLONNE_FULDTID)], t[(k, KOLONNE_AKTIVEREDE)], t[(k, KOLONNE_GRAD)]
    smaa = [m for m in t.index if usikkerhed.er_smaa_tal(n[m])]
    store = {smaat(m): grad[m] for m in t.index if m not in smaa}
    out = []
    hl = fortaelling.hoejest_lavest(store, "pct", f"aktiveringsgraden i {k} i {p.periode.tekst}")
    if hl:
        if smaa:
            hl = hl[:-1] + f" blandt målgrupper med mindst {usikkerhed.SMAA_TAL_GRAENSE} fuldtidspersoner."
        out.append(hl)
    for o in p.sammenligning:
        y = t[(o.navn, KOLONNE_GRAD)]
        begge = [m for m in t.index if not fmt.er_mangler(grad[m]) and not fmt.er_mangler(y[m]) and m not in smaa]
        hoejere = [m for m in begge if grad[m] > y[m] + fortaelling.NIVEAU_TOLERANCE["pct"]]
        if begge:
            navne = f": {figures.opremsning(smaat(m) for m in hoejere)}" if 0 < len(hoejere) <= len(begge) / 2 else ""
            hvilke = f"de {len(begge)} målgrupper med mindst {usikkerhed.SMAA_TAL_GRAENSE} fuldtidspersoner" if smaa \
                else f"{len(begge)} målgrupper"
            out.append(f"{k} har en højere aktiveringsgrad end {o.navn} for {len(hoejere)} af {hvilke}{navne}.")
    if smaa:
        out.append(f"{'Én målgruppe' if len(smaa) == 1 else f'{len(smaa)} målgrupper'} i {k} bygger på under "
                   f"{usikkerhed.SMAA_TAL_GRAENSE} fuldtidspersoner, så aktiveringsgraden er usikker:")
    for m in smaa:
        if fmt.er_mangler(grad[m]):
            out.append(f"{m}: aktiveringsgraden er ikke oplyst ({fmt.tal(n[m])} "
                       f"{'fuldtidsperson' if n[m] == 1 else 'fuldtidspersoner'} i målgruppen).")
        else:
            out.append(f"{m}: {fortaelling.k_af_n(fa[m], n[m], 'fuldtidspersoner', 'fuldtidsperson')}.")
    return out


# --- activation pattern of the latest quarter: redskab × målgruppe ----------------------------------------

def seneste_kvartal(p: BriefParametre) -> Periode | None:
    """The latest whole quarter at or before the month that has data for the kommune (2018M05 → 2018K1);
    None when there is none."""
    q = faelles.seneste_hele_kvartal(p.periode)
    s = data.serie(GRAD_REDSKAB, omraader=[p.kommune], til=q)
    s = s[s["vaerdi"].notna()]
    return periode(s["periode"].max()) if len(s) else None


def redskaber() -> list[str]:
    return [r for r in data.vaerdier(catalogue.indicator(GRAD_REDSKAB).table, "redskab") if r != I_ALT]


def moenster_tidy(p: BriefParametre, q: Periode) -> pd.DataFrame:
    """The kommune's aktiveringsgrad by målgruppe (rows) and redskab (columns, labels wrapped), I alt last."""
    mg, rs = [*maalgrupper(), I_ALT], [*redskaber(), I_ALT]
    s = data.serie(GRAD_REDSKAB, omraader=[p.kommune], fra=q, til=q, redskab=rs, maalgruppe=mg)
    s = s.assign(_m=s["maalgruppe"].map(mg.index), _r=s["redskab"].map(rs.index)).sort_values(["_m", "_r"])
    return s.assign(redskab=s["redskab"].map(_ombryd)).drop(columns=["_m", "_r"])


def _ombryd(redskab: str) -> str:
    """'Vejledning og\nopkvalificering': a heatmap column label on two lines, words kept whole."""
    return "\n".join(textwrap.wrap(redskab, REDSKAB_BREDDE, break_long_words=False))


def _fuldtidsaktiverede_redskab(p: BriefParametre, q: Periode, omraader) -> pd.DataFrame:
    """Fuldtidsaktiverede in the quarter by målgruppe × redskab, per area."""
    s = data.serie(GRAD_REDSKAB, omraader, q, q, maal=FULDTIDSAKTIVEREDE_MAAL, redskab=[*redskaber(), I_ALT],
                   maalgruppe=[*maalgrupper(), I_ALT])
    return s.pivot_table(index=["omraade", "maalgruppe"], columns="redskab", values="vaerdi", dropna=False)


def moenster_hvad(p: BriefParametre, q: Periode) -> list[str]:
    """Which redskab carries most of the activation for most målgrupper (faktaside 6: 'Vejledning og
    opkvalificering udgør størstedelen af aktiveringen af de fleste målgrupper'), the exceptions, and the
    share in virksomhedsrettede redskaber against the comparison areas. Målgrupper with few
    fuldtidspersoner are left out of the count and named."""
    fa = _fuldtidsaktiverede_redskab(p, q, p.omraader)
    k = p.kommune.navn
    n = _fuldtidspersoner_kvartal(p, q)
    smaa = [m for m in maalgrupper() if usikkerhed.er_smaa_tal(n.get(m, math.nan))]
    egen = fa.loc[k].drop(index=[I_ALT, *smaa], errors="ignore")[redskaber()]
    egen = egen[egen.notna().all(axis=1) & (egen.sum(axis=1) > 0)]
    out = []
    if len(egen):
        out += _stoerste_redskab(egen.idxmax(axis=1), fa.loc[(k, I_ALT)], k, q,
                                 f" med mindst {usikkerhed.SMAA_TAL_GRAENSE} fuldtidspersoner" if smaa else "")
    virk = {}
    for o in p.omraader:
        if (o.navn, I_ALT) in fa.index:
            rk = fa.loc[(o.navn, I_ALT)]
            virksomhed = rk[list(VIRKSOMHEDSRETTEDE)].sum(min_count=len(VIRKSOMHEDSRETTEDE))  # NaN if one is
            virk[o.navn] = 100 * virksomhed / rk[I_ALT] if rk[I_ALT] else math.nan
    if not fmt.er_mangler(virk.get(k)):
        andre = [f"{fmt.tal(virk[o.navn])} pct. i {o.navn}" for o in p.sammenligning
                 if not fmt.er_mangler(virk.get(o.navn))]
        mod = f" mod {figures.opremsning(andre)}" if andre else ""
        out.append(f"Virksomhedsrettede redskaber (virksomhedspraktik og løntilskud) udgør {fmt.tal(virk[k])} pct. "
                   f"af de fuldtidsaktiverede i {k}{mod}.")
    if smaa:
        out.append(f"For {figures.opremsning(smaat(m) for m in smaa)} bygger andelene på under "
                   f"{usikkerhed.SMAA_TAL_GRAENSE} fuldtidspersoner og er usikre.")
    return out


def _stoerste_redskab(stoerst: pd.Series, i_alt: pd.Series, k: str, q: Periode, hvilke: str) -> list[str]:
    """Sentences from the largest redskab of each målgruppe (`stoerst`: målgruppe → redskab)."""
    antal = stoerst.value_counts()
    alle = f"{len(stoerst)} målgrupper{hvilke}"
    if len(antal) > 1 and antal.iloc[0] == antal.iloc[1]:
        dele = [f"{smaat(r)} for {a}" for r, a in antal.items()]
        return [f"Det redskab, der fylder mest, varierer mellem målgrupperne i {k}: "
                f"{figures.opremsning(dele)} af de {alle}."]
    r, n = antal.index[0], int(antal.iloc[0])
    andel = 100 * i_alt[r] / i_alt[I_ALT] if i_alt[I_ALT] else math.nan
    hvor = "de fleste" if n > len(stoerst) / 2 else "flest"
    out = [f"{r} udgør den største del af aktiveringen for {hvor} målgrupper i {k} ({n} af {alle}) og "
           f"{fmt.tal(andel)} pct. af alle fuldtidsaktiverede i {q.tekst}."]
    andre = stoerst[stoerst != r]
    if len(andre):
        dele = [f"for {figures.opremsning(smaat(m) for m in ms.index)} fylder {smaat(rr)} mest"
                for rr, ms in andre.groupby(andre)]
        tekst = figures.opremsning(dele)
        out.append(tekst[:1].upper() + tekst[1:] + ".")
    return out


def _fuldtidspersoner_kvartal(p: BriefParametre, q: Periode) -> pd.Series:
    """The kommune's fuldtidspersoner by målgruppe, averaged over the quarter's months (the heatmap's
    denominators, approximately)."""
    foerste = Periode(q.aar, 3 * q.nr - 2, MAANED)
    s = data.serie(GRAD, [p.kommune], foerste, foerste.shift(2), maal=FULDTIDSPERSONER, maalgruppe=maalgrupper())
    return s.groupby("maalgruppe")["vaerdi"].mean()


# --- ansættelser med løntilskud og virksomhedspraktik (Tabel 3) -------------------------------------------

def paabegyndte_kvartal(p: BriefParametre) -> Periode | None:
    """The latest whole quarter with påbegyndte forløb for the kommune, at or before the month."""
    q = faelles.seneste_hele_kvartal(p.periode)
    s = data.serie(PRAKTIK, omraader=[p.kommune], til=q)
    s = s[s["vaerdi"].notna()]
    return periode(s["periode"].max()) if len(s) else None


def paabegyndte_serie(p: BriefParametre, q: Periode, antal: int = TABEL3_KVARTALER, omraader=None) -> pd.DataFrame:
    """Ansættelser med løntilskud and virksomhedspraktikker started per quarter, tidy with 'serie'."""
    dele = [data.serie(i, omraader=omraader or [p.kommune], fra=q.shift(-(antal - 1)), til=q).assign(serie=navn)
            for i, navn in TABEL3_KOLONNER.items()]
    return pd.concat(dele, ignore_index=True)


def paabegyndte_tabel(p: BriefParametre, q: Periode, antal: int = TABEL3_KVARTALER) -> pd.DataFrame:
    """Tabel 3: quarter by quarter, the kommune's ansættelser med løntilskud and virksomhedspraktikker."""
    s = paabegyndte_serie(p, q, antal)
    wide = s.pivot(index="periode", columns="serie", values="vaerdi").reindex(columns=list(TABEL3_KOLONNER.values()))
    wide.index.name = "Kvartal"
    wide.columns.name = None
    return wide


def paabegyndte_hvad(p: BriefParametre, q: Periode) -> list[str]:
    """The latest quarter's numbers, and each count's change from the same quarter a year before, against
    the comparison areas (in per cent)."""
    df = paabegyndte_serie(p, q, 5, p.omraader)
    k = p.kommune.navn
    nu = {navn: fortaelling.vaerdi(df[df["serie"] == navn], p.kommune, q) for navn in TABEL3_KOLONNER.values()}
    loen, praktik = nu.values()
    out = [f"I {q.tekst} blev der påbegyndt {fmt.tal(loen)} ansættelser med løntilskud og "
           f"{fmt.tal(praktik)} virksomhedspraktikker i {k}."]
    for hvad, navn in (("antallet af påbegyndte ansættelser med løntilskud", TABEL3_KOLONNER[LOENTILSKUD]),
                       ("antallet af påbegyndte virksomhedspraktikker", TABEL3_KOLONNER[PRAKTIK])):
        out += fortaelling.udvikling(df[df["serie"] == navn], p.kommune, list(p.sammenligning), q, hvad, skridt=4)
    return out


# --- blocks for the notebook ----------------------------------------------------------------------------

def omfang_figurblok(p: BriefParametre) -> brief.Figurblok:
    df = omfang_serie(p)
    navne = [n for _, n in OMFANG]
    figur = figures.linjefigur(df, serie="serie", roller=faelles.serieroller(navne),
                               titel=f"Aktivering i {p.kommune.navn}", enhed="Antal", y_fra_nul=True)
    hvordan = [f"Figuren viser antallet af aktiveringsforløb, aktiverede borgere og fuldtidsaktiverede i "
               f"{p.kommune.navn} hver måned siden {fra(p).tekst}.",
               "En borger kan være i flere forløb i samme måned; fuldtidsaktiverede omregner aktiveringen til "
               "personer, der er aktiveret på fuld tid hele måneden."]
    return faelles.figurblok("Udvikling i omfanget af aktivering", figur, hvordan, omfang_hvad(p),
                             *(i for i, _ in OMFANG))


def omfang_tabelblok(p: BriefParametre) -> brief.Tabelblok:
    return brief.Tabelblok(f"Aktiveringsforløb, aktiverede borgere og fuldtidsaktiverede i {p.kommune.navn}",
                           omfang_tabel(p), kolonneformat={n: "tal" for _, n in OMFANG})


def grad_figurblokke(p: BriefParametre) -> list[brief.Figurblok]:
    """The samlet and the virksomhedsrettet aktiveringsgrad, each against the comparison areas."""
    blokke = []
    for indikator, titel, hvad, forklaring in GRADER:
        df = grad_serie(p, indikator)
        figur = figures.linjefigur(df, roller=faelles.roller(p), titel=titel, enhed="pct.", y_fra_nul=True)
        foerste = periode(df["periode"].min())
        hvordan = [forklaring, f"{p.kommune.navn} sammenlignet med "
                   f"{figures.opremsning(o.navn for o in p.sammenligning)}, hver måned fra {foerste.tekst} til "
                   f"{p.periode.tekst}."]
        blokke.append(faelles.figurblok(titel, figur, hvordan, grad_hvad(p, indikator, hvad), indikator))
    return blokke


def maalgruppe_figurblok(p: BriefParametre) -> brief.Figurblok:
    df = maalgruppe_tidy(p)
    figur = figures.soejlefigur(df, x="maalgruppe", roller=faelles.roller(p),
                                titel=f"Aktiveringsgrad efter målgruppe, {p.periode.tekst}", enhed="pct.")
    figur = faelles.skraa_kategorier(figur, list(dict.fromkeys(df["maalgruppe"])))
    hvordan = [f"Figuren viser den samlede aktiveringsgrad i {p.kommune.navn} i {p.periode.tekst} fordelt på "
               "målgrupper: fuldtidsaktiverede i procent af målgruppens fuldtidspersoner.",
               f"{p.kommune.navn} sammenlignet med {figures.opremsning(o.navn for o in p.sammenligning)}."]
    return faelles.figurblok("Aktiveringsgraden fordelt på målgrupper", figur, hvordan, maalgruppe_hvad(p), GRAD)


def maalgruppe_tabelblok(p: BriefParametre) -> brief.Tabelblok:
    return brief.Tabelblok(
        f"Aktiveringsgrad efter målgruppe, {p.periode.tekst}. Fuldtidspersoner og pct.", maalgruppe_tabel(p),
        kolonneformat={KOLONNE_FULDTID: "tal", KOLONNE_AKTIVEREDE: "tal", KOLONNE_GRAD: "tal1",
                       KOLONNE_INTERVAL: "tekst"},
        note=MAALGRUPPE_NOTE.format(graense=usikkerhed.SMAA_TAL_GRAENSE),
    )


def moenster_blokke(p: BriefParametre) -> list[brief.Blok]:
    """The heatmap of the latest quarter; says so plainly when no quarter has data yet."""
    q = seneste_kvartal(p)
    if q is None:
        return [brief.Tekst(f"Der er endnu ingen kvartalstal for aktivering efter redskab i {p.kommune.navn} "
                            f"til og med {p.periode.tekst}.")]
    df = moenster_tidy(p, q)
    figur = figures.heatmap(df, rad="maalgruppe", kolonne="redskab",
                            titel=f"Aktiveringsgrad efter målgruppe og redskab, {p.kommune.navn}, {q.tekst}",
                            enhed="pct.")
    hvordan = [f"Figuren viser aktiveringsgraden i {p.kommune.navn} i {q.tekst} fordelt på aktiveringsredskaber "
               "(kolonner) og målgrupper (rækker): fuldtidsaktiverede med redskabet i procent af målgruppens "
               "fuldtidspersoner. Kolonnen 'I alt' er målgruppens samlede aktiveringsgrad.",
               "Jo mørkere feltet er, jo højere er aktiveringsgraden."]
    return [faelles.figurblok("Aktiveringsmønster i det seneste kvartal", figur, hvordan, moenster_hvad(p, q),
                              GRAD_REDSKAB)]


def paabegyndte_blokke(p: BriefParametre) -> list[brief.Blok]:
    """Tabel 3 and its chart; says so plainly when no quarter has data yet."""
    q = paabegyndte_kvartal(p)
    if q is None:
        return [brief.Tekst(f"Der er endnu ingen kvartalstal for ansættelser med løntilskud og virksomhedspraktik "
                            f"i {p.kommune.navn} til og med {p.periode.tekst}.")]
    tabel = paabegyndte_tabel(p, q)
    tabelblok = brief.Tabelblok(f"Antal ansættelser i løntilskud og virksomhedspraktik, {p.kommune.navn}", tabel,
                                kolonneformat={c: "tal" for c in tabel.columns},
                                note="Påbegyndte forløb i kvartalet.")
    df = paabegyndte_serie(p, q)
    navne = list(TABEL3_KOLONNER.values())
    figur = figures.soejlefigur(df, x="periode", serie="serie", roller=faelles.serieroller(navne),
                                titel=f"Påbegyndte løntilskud og virksomhedspraktikker, {p.kommune.navn}",
                                enhed="Antal")
    foerste = periode(df["periode"].min())
    hvordan = [f"Figuren viser antallet af påbegyndte ansættelser med løntilskud og virksomhedspraktikker i "
               f"{p.kommune.navn} hvert kvartal fra {foerste.tekst} til {q.tekst}.",
               "Udviklingen sammenlignes i procent med samme kvartal året før, fordi antallene afhænger af "
               "kommunernes størrelse."]
    figurblok = faelles.figurblok("Påbegyndte forløb kvartal for kvartal", figur, hvordan,
                                  paabegyndte_hvad(p, q), LOENTILSKUD, PRAKTIK)
    return [tabelblok, figurblok]
