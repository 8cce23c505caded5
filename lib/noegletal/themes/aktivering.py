"""Aktivering brief: how many borgere are activated and in how many forløb, on which ydelser and in which
tilbud, how much kontanthjælpsmodtagere are activated (aktiveringsgrad by visitation), and how many
ansættelser med løntilskud and virksomhedspraktikker start each quarter.

Built on what Jobindsats v3 answers: ptvc02 (aktiverede and forløb, by ydelsesgruppe and by tilbud), y60c07
(kontanthjælp's aktiveringsgrad by visitation), ptvc03 (påbegyndte forløb per quarter) and y60a02
(fuldtidspersoner on kontanthjælp, to say when an aktiveringsgrad rests on few). v3 has no fuldtidsaktiverede
and no aktiveringsgrad for all ydelser, so the brief shows neither. Reproduces faktaside 6 of Ballerup's 2018
faktasider (aktiverede and forløb) and Tabel 3 of the 2020 follow-up on the beskæftigelsesplan, with a
comparison for every figure. Pure functions: parameters in, DataFrames and sentences out.
"""

from __future__ import annotations

import pandas as pd

from .. import brief, catalogue, data, figures, fmt, fortaelling, params, usikkerhed
from ..errors import UgyldigParameter, ekko
from ..params import BriefParametre
from ..periods import MAANED, Periode, periode
from . import Tema, faelles

FORLOEB = "aktiveringsforloeb"
AKTIVEREDE = "aktiverede"
VIRKSOMHEDSRETTET = "aktiverede_virksomhedsrettet"
GRAD = "aktiveringsgrad_kontanthjaelp"
BEROERTE = "aktiveringsberoerte_kontanthjaelp"
KH_FULDTID = "kontanthjaelp_fuldtid"
LOENTILSKUD = "loentilskud_paabegyndte"
PRAKTIK = "virksomhedspraktik_paabegyndte"
ALLE = (FORLOEB, AKTIVEREDE, VIRKSOMHEDSRETTET, GRAD, BEROERTE, KH_FULDTID, LOENTILSKUD, PRAKTIK)
# fuldtidsaktiverede and the aktiveringsgrad for all ydelser (the faktasider's headline; read where in the data)
ALLE_YDELSER = ("fuldtidsaktiverede", "aktiveringsgrad")
PR_YDELSE = {  # table → (fuldtidsaktiverede, aktiveringsgrad, the ydelse in a sentence)
    "y01c01": ("fuldtidsaktiverede_dagpenge", "aktiveringsgrad_dagpenge", "a-dagpenge"),
    "y60c01": ("fuldtidsaktiverede_kontanthjaelp", "aktiveringsgrad_kontanthjaelp_c01", "kontanthjælp"),
    "y07c01": ("fuldtidsaktiverede_sygedagpenge", "aktiveringsgrad_sygedagpenge", "sygedagpenge"),
    "y09c01": ("fuldtidsaktiverede_ledighedsydelse", "aktiveringsgrad_ledighedsydelse", "ledighedsydelse"),
    "y11c01": ("fuldtidsaktiverede_ressourceforloeb", "aktiveringsgrad_ressourceforloeb", "ressourceforløb"),
    "y12c01": ("fuldtidsaktiverede_jobafklaring", "aktiveringsgrad_jobafklaring", "jobafklaringsforløb"),
}
FULDTID_KILDER = (*ALLE_YDELSER, *(i for f, g, _ in PR_YDELSE.values() for i in (f, g)))
TEMA = Tema(navn="aktivering", titel="Aktivering", orden=30, indikatorer=ALLE, valgfri=(*FULDTID_KILDER, "maaltal"))

I_ALT = "I alt"
OMFANG_TABEL_MAANEDER = 13  # the month and the same month a year before
STABIL_MAANEDER = 6  # "konstant i slutningen af 2017 og starten af 2018": about half a year
TABEL3_KVARTALER = 10  # Tabel 3 of the 2020 follow-up: 1. kvt. 2018 - 2. kvt. 2020

# The two series of the omfang figure: indicator → label in the chart, the table and the sentence.
OMFANG = ((FORLOEB, "Aktiveringsforløb"), (AKTIVEREDE, "Aktiverede borgere"))
TABEL3_KOLONNER = {LOENTILSKUD: "Ansættelse med løntilskud i alt", PRAKTIK: "Virksomhedspraktik i alt"}
VIRKSOMHEDSRETTEDE = ("Virksomhedspraktik i alt", "Ansættelse med løntilskud i alt")
VIRKSOMHEDSRETTET_RAEKKE = "Virksomhedsrettede i alt"
# A visitationskategori inside a sentence: 'højest for jobparate'.
VISITATION_I_SAETNING = {"Jobparat": "jobparate", "Aktivitetsparat": "aktivitetsparate",
                         "Uddannelsesparat": "uddannelsesparate", "Åbenlys uddannelsesparat": "åbenlyst uddannelsesparate"}

# Short column headers (numbers' headers do not wrap), explained in the tables' notes.
KOLONNE_AKTIVEREDE = "Aktiverede"
KOLONNE_FORLOEB = "Forløb"
KOLONNE_ANDEL = "Andel, pct."
KOLONNE_FULDTID = "Fuldtidspersoner"
KOLONNE_GRAD = "Grad, pct."
KOLONNE_BEROERTE = "Berørte, pct."
YDELSESGRUPPE_NOTE = (
    "Aktiverede: borgere i aktivering i måneden. Forløb: deres aktiveringsforløb. Andel: de aktiveredes andel "
    "af alle aktiverede i området. Ydelsesgrupperne summerer ikke til i alt: i alt rummer også ydelser, som "
    "ikke vises hver for sig (fx revalidering). Kontanthjælp omfatter også uddannelseshjælp og "
    "selvforsørgelses- og hjemrejseydelse."
)
TILBUD_NOTE = (
    "Aktiverede: borgere med et forløb i tilbuddet i måneden. Forløb: aktiveringsforløb i tilbuddet. Andel: "
    "aktiverede i tilbuddet i procent af alle aktiverede. En borger i to tilbud i samme måned tæller i begge, "
    "så tilbuddene summerer ikke til i alt; i alt rummer også andre tilbud (fx ordinær uddannelse). "
    "Virksomhedsrettede i alt er virksomhedspraktik og ansættelse med løntilskud lagt sammen."
)
VISITATION_NOTE = (
    "Fuldtidspersoner: fuldtidspersoner på kontanthjælp i kategorien (alle satser, tabel y60a02). Grad: "
    "aktiveringsgraden, fuldtidsaktiverede i procent af fuldtidspersonerne. Berørte: andelen af modtagerne, der "
    "har været i aktivering (andel aktiveringsberørte). Bygger graden på under {graense} fuldtidspersoner, er "
    "den usikker. I alt rummer også modtagere uden oplyst visitationskategori."
)


# --- parameters ---------------------------------------------------------------------------------------------

def valider(kommune: str, periode: str, sammenligning: str | list[str] | None = None, maaneder: int = 25,
            fra: str | None = None, maaltal: str = params.ALLE_MAALTAL) -> BriefParametre:
    """The brief's parameters: what every brief checks (params.valider, the month with aktiveringstal), and the
    first month of the omfang figure (`valider_fra`). `fra` goes to the stamp."""
    p = params.valider(TEMA.navn, kommune, periode, sammenligning, maaneder, kraev=(AKTIVEREDE,), maaltal=maaltal)
    return p.med(fra=valider_fra(p, fra).kode)


def valider_fra(p: BriefParametre, fra_: str | None) -> Periode:
    """The first month of the omfang figure: a month before the brief's and with data; '' or None = the latest
    `maaneder` months, or as many as there are."""
    har = data.perioder(AKTIVEREDE)
    if fra_ is None or not str(fra_).strip():
        return max(p.serie_fra, periode(har[0]))
    start = periode(fra_)
    if start.frekvens != MAANED:
        raise UgyldigParameter(f"fra skal være en måned, fx '2015M01' eller 'jan 2015', ikke '{ekko(fra_)}'.")
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
    return start


def fra(p: BriefParametre) -> Periode:
    """The first month of the omfang figure (checked by `valider`)."""
    return periode(p.ekstra["fra"]) if "fra" in p.ekstra else p.serie_fra


def smaat(navn: str) -> str:
    """A group or tilbud inside a sentence: 'Kontanthjælp' → 'kontanthjælp'; 'A-dagpenge' stays."""
    return navn if len(navn) > 1 and navn[1] in "-." else navn[:1].lower() + navn[1:]


def visitation_i_saetning(navn: str) -> str:
    """'Åbenlys uddannelsesparat' → 'åbenlyst uddannelsesparate' (the persons, as a sentence says them)."""
    return VISITATION_I_SAETNING.get(navn, smaat(navn))


def kort(navn: str) -> str:
    """A tilbud without the source's ' i alt': 'Virksomhedspraktik i alt' → 'Virksomhedspraktik'."""
    return navn.removesuffix(" i alt")


def _hierarki(indikator: str, kolonne: str) -> catalogue.Hierarchy:
    return catalogue.indicator(indikator).spec.hierarchy(kolonne)


def ydelsesgrupper() -> list[str]:
    """ptvc02's ydelsesgrupper in the catalogue's order, without the total."""
    return list(_hierarki(AKTIVEREDE, "ydelsesgruppe").values)


def tilbud() -> list[str]:
    """ptvc02's tilbud in the catalogue's order, without the total."""
    return list(_hierarki(AKTIVEREDE, "tilbud").values)


def visitationer() -> list[str]:
    """y60c07's visitationskategorier in the catalogue's order, without the total."""
    return list(_hierarki(GRAD, "visitation").values)


# --- omfang: forløb and aktiverede -------------------------------------------------------------------------

def omfang_serie(p: BriefParametre, fra_: Periode | None = None) -> pd.DataFrame:
    """The kommune's two counts month by month, tidy with the series label in column 'serie'."""
    fra_ = fra_ or fra(p)
    dele = [data.serie(i, omraader=[p.kommune], fra=fra_, til=p.periode).assign(serie=navn) for i, navn in OMFANG]
    return pd.concat(dele, ignore_index=True)


def omfang_tal(p: BriefParametre, q: Periode | None = None) -> dict[str, float]:
    """The kommune's two counts in one month, by indicator."""
    q = q or p.periode
    return {i: fortaelling.vaerdi(data.serie(i, omraader=[p.kommune], fra=q, til=q), p.kommune, q) for i, _ in OMFANG}


def omfang_tekst(p: BriefParametre) -> str:
    """Faktaside 6's sentence: 'I maj 2018 var 842 borgere i tilsammen 1.702 aktiveringsforløb.'"""
    t = omfang_tal(p)
    if any(fmt.er_mangler(v) for v in t.values()):
        vaerdier = "; ".join(f"{navn.lower()}: {fmt.tal(t[i])}" for i, navn in OMFANG)
        return f"For {p.kommune.navn} i {p.periode.tekst} er ikke alle tal oplyst ({vaerdier})."
    return (f"I {p.periode.tekst} var {fmt.tal(t[AKTIVEREDE])} borgere i tilsammen {fmt.tal(t[FORLOEB])} "
            "aktiveringsforløb.")


def omfang_hvad(p: BriefParametre) -> list[str]:
    """The faktaside's sentence, the change in aktiverede over a year against the comparison areas, and how
    many forløb an activated borger has on average."""
    out = [omfang_tekst(p)]
    df = data.serie(AKTIVEREDE, omraader=p.omraader, fra=p.periode.shift(-12), til=p.periode)
    out += fortaelling.udvikling(df, p.kommune, list(p.sammenligning), p.periode, "antallet af aktiverede borgere")
    t = omfang_tal(p)
    if not fmt.er_mangler(t[FORLOEB]) and not fmt.er_mangler(t[AKTIVEREDE]) and t[AKTIVEREDE] > 0:
        out.append(f"En aktiveret borger var i gennemsnit i {fmt.tal(t[FORLOEB] / t[AKTIVEREDE], 1)} forløb "
                   "i måneden.")
    return out


def omfang_tabel(p: BriefParametre, maaneder: int = OMFANG_TABEL_MAANEDER) -> pd.DataFrame:
    """The two counts for the latest `maaneder` months, newest last."""
    s = omfang_serie(p, p.periode.shift(-(maaneder - 1)))
    return faelles.bred(s, kolonner=[n for _, n in OMFANG], kolonne="serie", maaned=True)


# --- aktiverede by ydelsesgruppe and by tilbud ---------------------------------------------------------------

def _fordeling(p: BriefParametre, indikator: str, kolonne: str, dele: list[str], q: Periode | None = None,
               omraader=None) -> pd.DataFrame:
    """One count by the parts of a dimension and its total ('I alt'), parts × areas (names), in a month."""
    q = q or p.periode
    h = _hierarki(indikator, kolonne)
    s = data.serie(indikator, omraader or p.omraader, q, q, **{kolonne: [*dele, h.total]})
    wide = faelles.bred(s, [*dele, h.total], [o.navn for o in (omraader or p.omraader)], index=kolonne)
    return wide.rename(index={h.total: I_ALT})


def _andele(antal: pd.DataFrame) -> pd.DataFrame:
    """Each part in pct. of the 'I alt' row, per area (NaN where a count is missing)."""
    return antal.apply(lambda col: col.map(lambda v: faelles.andel(v, col[I_ALT])))


def _tidy_andele(andele: pd.DataFrame, kolonne: str, navne=None) -> pd.DataFrame:
    """The shares (without 'I alt') as a tidy frame for a bar chart: kolonne, omraade, vaerdi."""
    df = andele.drop(index=I_ALT).rename(index=navne or {})
    df.index.name = kolonne
    return df.reset_index().melt(id_vars=kolonne, var_name="omraade", value_name="vaerdi")


def ydelsesgruppe_tabel(p: BriefParametre) -> pd.DataFrame:
    """Per ydelsesgruppe (and I alt): the kommune's aktiverede, forløb and share of all aktiverede, and the
    comparison areas' shares."""
    yg, k = ydelsesgrupper(), p.kommune.navn
    akt = _fordeling(p, AKTIVEREDE, "ydelsesgruppe", yg)
    forl = _fordeling(p, FORLOEB, "ydelsesgruppe", yg, omraader=[p.kommune])
    andel = _andele(akt)
    return _kommune_og_andre(p, {KOLONNE_AKTIVEREDE: akt[k], KOLONNE_FORLOEB: forl[k], KOLONNE_ANDEL: andel[k]},
                             KOLONNE_ANDEL, andel, "Ydelsesgruppe")


def _kommune_og_andre(p: BriefParametre, egne: dict, kolonne: str, andre: pd.DataFrame, indeks: str) -> pd.DataFrame:
    """A table of parts (rows): the kommune's columns `egne` (header → values), then `kolonne` for each
    comparison area from `andre` (parts × area names); headed area over measure."""
    out = pd.DataFrame(index=andre.index)
    for navn, vaerdier in egne.items():
        out[(p.kommune.navn, navn)] = vaerdier
    for o in p.sammenligning:
        out[(o.navn, kolonne)] = andre[o.navn]
    out.columns = pd.MultiIndex.from_tuples(out.columns)
    out.index.name = indeks
    return out


def ydelsesgruppe_tidy(p: BriefParametre) -> pd.DataFrame:
    """Each ydelsesgruppe's share of all aktiverede, the kommune and its comparison areas (for the chart)."""
    return _tidy_andele(_andele(_fordeling(p, AKTIVEREDE, "ydelsesgruppe", ydelsesgrupper())), "ydelsesgruppe")


def _stoerste(akt: pd.Series) -> tuple[list[str], str]:
    """The part(s) with the most aktiverede and their count as '497 af 842 (59,0 pct.)', or as k af n with
    an interval when the total is small; ([], '') when nothing can be said."""
    dele = akt.drop(index=I_ALT).dropna()
    n = akt[I_ALT]
    if dele.empty or fmt.er_mangler(n) or n <= 0:
        return [], ""
    top = dele[dele == dele.max()].index.tolist()
    x = dele[top[0]]
    if usikkerhed.er_smaa_tal(n):
        return top, fortaelling.k_af_n(x, n)
    return top, f"{fmt.tal(x)} af {fmt.tal(n)} ({fmt.pct(faelles.andel(x, n))})"


def ydelsesgruppe_hvad(p: BriefParametre) -> list[str]:
    """The largest ydelsesgruppe and its share against the comparison areas, each group's change over a year,
    and k of n for every group when the kommune has few aktiverede."""
    yg, k, q = ydelsesgrupper(), p.kommune.navn, p.periode
    akt = _fordeling(p, AKTIVEREDE, "ydelsesgruppe", yg)
    andel = _andele(akt)
    out = []
    top, tal = _stoerste(akt[k])
    if top:
        hvem = f"{top[0]} er den største ydelsesgruppe" if len(top) == 1 else \
            f"{figures.opremsning(top)} er lige store og de største ydelsesgrupper"
        out.append(f"{hvem} blandt de aktiverede borgere i {k} i {q.tekst}: {tal}.")
        sml = fortaelling.sammenligning(k, andel.loc[top[0], k], [(o.navn, andel.loc[top[0], o.navn])
                                                                  for o in p.sammenligning], "pct",
                                        fortaelling.interval_ved_faa(akt.loc[top[0], k], akt.loc[I_ALT, k]))
        if sml:
            out.append(sml)
    foer = _fordeling(p, AKTIVEREDE, "ydelsesgruppe", yg, q.shift(-12), [p.kommune])[k]
    aendringer = [(smaat(g), akt.loc[g, k] - foer[g]) for g in yg]
    samlet = fortaelling.retning_samlet(aendringer, indledning=f"Siden {q.shift(-12).tekst} er antallet af "
                                        "aktiverede borgere", orden=("steget", "faldet", "uændret"))
    if samlet:
        out.append(samlet)
    out += _smaa_fordeling(akt[k], k, yg)
    return out


def _smaa_fordeling(akt: pd.Series, k: str, dele: list[str], navne=None) -> list[str]:
    """With few aktiverede in the kommune, every part as k af n (a missing count said missing)."""
    n = akt[I_ALT]
    if not usikkerhed.er_smaa_tal(n):
        return []
    out = [f"{k} har kun {fmt.tal(n)} aktiverede {'borger' if n == 1 else 'borgere'} i måneden, så andelene er "
           "usikre:"]
    for d in dele:
        navn = (navne or {}).get(d, d)
        if fmt.er_mangler(akt[d]):
            out.append(f"{navn}: antallet er ikke oplyst.")
        else:
            out.append(f"{navn}: {fortaelling.k_af_n(akt[d], n)}.")
    return out


def tilbud_tabel(p: BriefParametre) -> pd.DataFrame:
    """Per tilbud, virksomhedsrettet i alt and I alt: the kommune's aktiverede, forløb and share of all
    aktiverede, and the comparison areas' shares."""
    tb, k = tilbud(), p.kommune.navn
    akt = _fordeling(p, AKTIVEREDE, "tilbud", tb)
    forl = _fordeling(p, FORLOEB, "tilbud", tb, omraader=[p.kommune])
    virk = [t for t in VIRKSOMHEDSRETTEDE if t in tb]
    raekker = [*tb, VIRKSOMHEDSRETTET_RAEKKE, I_ALT]
    akt.loc[VIRKSOMHEDSRETTET_RAEKKE] = akt.loc[virk].sum(min_count=len(virk))  # missing if a part is
    forl.loc[VIRKSOMHEDSRETTET_RAEKKE] = forl.loc[virk].sum(min_count=len(virk))
    akt, forl = akt.reindex(raekker), forl.reindex(raekker)
    andel = _andele(akt)
    out = _kommune_og_andre(p, {KOLONNE_AKTIVEREDE: akt[k], KOLONNE_FORLOEB: forl[k], KOLONNE_ANDEL: andel[k]},
                            KOLONNE_ANDEL, andel, "Tilbud")
    return out.rename(index={t: kort(t) for t in tb})


def tilbud_tidy(p: BriefParametre) -> pd.DataFrame:
    """Each tilbud's aktiverede in pct. of all aktiverede, the kommune and its comparison areas (for the chart)."""
    tb = tilbud()
    return _tidy_andele(_andele(_fordeling(p, AKTIVEREDE, "tilbud", tb)), "tilbud", {t: kort(t) for t in tb})


def tilbud_hvad(p: BriefParametre) -> list[str]:
    """The tilbud most aktiverede are in, the virksomhedsrettede tilbud's share against the comparison
    areas, and k of n for every tilbud when the kommune has few aktiverede."""
    tb, k, q = tilbud(), p.kommune.navn, p.periode
    akt = _fordeling(p, AKTIVEREDE, "tilbud", tb)
    navne = {t: kort(t) for t in tb}
    out = []
    top, tal = _stoerste(akt[k])
    if top:
        out.append(f"Flest aktiverede borgere i {k} var i {q.tekst} i "
                   f"{figures.opremsning(smaat(kort(t)) for t in top)}: {tal}.")
    out += _virksomhedsrettet_niveau(p)
    out += _smaa_fordeling(akt[k], k, tb, navne)
    return out


# --- virksomhedsrettede tilbud over time -----------------------------------------------------------------------

def virksomhedsrettet_antal(p: BriefParametre, fra_: Periode | None = None, til: Periode | None = None) -> pd.DataFrame:
    """Per area and month: aktiverede in virksomhedsrettede tilbud (k, praktik and løntilskud added) and all
    aktiverede (n), and k in pct. of n (vaerdi)."""
    fra_, til = fra_ or p.serie_fra, til or p.periode
    noegle = ["omraade_kode", "omraade", "periode"]
    k = data.serie(VIRKSOMHEDSRETTET, p.omraader, fra_, til)[[*noegle, "vaerdi"]].rename(columns={"vaerdi": "k"})
    n = data.serie(AKTIVEREDE, p.omraader, fra_, til)[[*noegle, "vaerdi"]].rename(columns={"vaerdi": "n"})
    df = k.merge(n, on=noegle, how="outer")
    df["vaerdi"] = [faelles.andel(a, b) for a, b in zip(df["k"], df["n"])]
    return df.sort_values(["omraade_kode", "periode"], ignore_index=True)


def _virksomhedsrettet_interval(df: pd.DataFrame, p: BriefParametre) -> tuple[float, float] | None:
    """The Wilson interval of the kommune's share in the month when it rests on few aktiverede."""
    row = df[(df["omraade_kode"] == p.kommune.kode) & (df["periode"] == p.periode.kode)]
    return fortaelling.interval_ved_faa(row["k"].iloc[0], row["n"].iloc[0]) if len(row) else None


def _virksomhedsrettet_niveau(p: BriefParametre) -> list[str]:
    """'I maj 2018 var 336 af de 842 aktiverede borgere i Ballerup (39,9 pct.) i virksomhedsrettede tilbud
    (virksomhedspraktik og løntilskud).' and the comparison."""
    q, k = p.periode, p.kommune.navn
    df = virksomhedsrettet_antal(p, q, q)
    row = df[df["omraade_kode"] == p.kommune.kode]
    if row.empty or fmt.er_mangler(row["vaerdi"].iloc[0]):
        return [f"Andelen af de aktiverede i virksomhedsrettede tilbud kan ikke opgøres for {k} i {q.tekst}, "
                "fordi et af tallene ikke er oplyst."]
    a, n, x = row["k"].iloc[0], row["n"].iloc[0], row["vaerdi"].iloc[0]
    interval = fortaelling.interval_ved_faa(a, n)
    if interval:
        tal = f"{fortaelling.k_af_n(a, n)}, i {k}"
    else:
        tal = f"{fmt.tal(a)} af de {fmt.tal(n)} aktiverede borgere i {k} ({fmt.pct(x)})"
    out = [f"I {q.tekst} var {tal} i virksomhedsrettede tilbud (virksomhedspraktik og løntilskud)."]
    sml = fortaelling.sammenligning(k, x, [(o.navn, fortaelling.vaerdi(df, o, q)) for o in p.sammenligning], "pct",
                                    interval)
    if sml:
        out.append(sml)
    return out


def virksomhedsrettet_hvad(p: BriefParametre) -> list[str]:
    """Level, change over a year and comparison of the virksomhedsrettet share (within the uncertainty when
    few aktiverede), the latest half year's course, and above/below each comparison area over the figure."""
    df = virksomhedsrettet_antal(p)
    hvad = "andelen i virksomhedsrettede tilbud"
    interval = _virksomhedsrettet_interval(df, p)
    out = fortaelling.hvad_viser(df, p.kommune, list(p.sammenligning), p.periode, "pct", hvad, interval=interval)
    out.append(fortaelling.stabilitet(df, p.kommune, p.periode, STABIL_MAANEDER, "pct", hvad))
    out += [s for o in p.sammenligning if (s := fortaelling.over_under(df, p.kommune, o, "pct", hvad))]
    if interval:
        n = fortaelling.vaerdi(df.assign(vaerdi=df["n"]), p.kommune, p.periode)
        out.append(f"Andelen bygger på få aktiverede borgere ({fmt.tal(n)}); små ændringer giver store udsving.")
    return out


# --- aktiveringsgrad for kontanthjælp --------------------------------------------------------------------------

def grad_serie(p: BriefParametre) -> pd.DataFrame:
    return data.serie(GRAD, omraader=p.omraader, fra=p.serie_fra, til=p.periode)


def _kh_fuldtid(p: BriefParametre, q: Periode, visitation=None) -> pd.Series:
    """The kommune's fuldtidspersoner on kontanthjælp in the month, by visitation (the total: 'I alt')."""
    h = _hierarki(KH_FULDTID, "visitation")
    vis = visitation or [h.total]
    s = data.serie(KH_FULDTID, [p.kommune], q, q, visitation=vis)
    return s.set_index("visitation")["vaerdi"].reindex(vis).rename(index={h.total: I_ALT})


def grad_hvad(p: BriefParametre) -> list[str]:
    """Level, change over a year, comparison, the latest half year's course, above/below each comparison
    area over the whole figure, and a caveat when few fuldtidspersoner are on kontanthjælp."""
    df = grad_serie(p)
    hvad = "aktiveringsgraden for kontanthjælpsmodtagere"
    out = fortaelling.hvad_viser(df, p.kommune, list(p.sammenligning), p.periode, "pct", hvad)
    out.append(fortaelling.stabilitet(df, p.kommune, p.periode, STABIL_MAANEDER, "pct", "aktiveringsgraden"))
    out += [s for o in p.sammenligning if (s := fortaelling.over_under(df, p.kommune, o, "pct", "aktiveringsgraden"))]
    n = _kh_fuldtid(p, p.periode)[I_ALT]
    if usikkerhed.er_smaa_tal(n):
        out.append(f"Aktiveringsgraden bygger på få fuldtidspersoner på kontanthjælp ({fmt.tal(n)} i "
                   f"{p.periode.tekst}); små ændringer giver store udsving.")
    return out


def visitation_tabel(p: BriefParametre) -> pd.DataFrame:
    """Per visitationskategori (and I alt): the kommune's fuldtidspersoner on kontanthjælp, aktiveringsgrad
    and andel aktiveringsberørte, and the comparison areas' aktiveringsgrad."""
    vis, k, q = visitationer(), p.kommune.navn, p.periode
    grad = _fordeling(p, GRAD, "visitation", vis)
    beroerte = _fordeling(p, BEROERTE, "visitation", vis, omraader=[p.kommune])
    fuldtid = _kh_fuldtid(p, q, [*vis, _hierarki(KH_FULDTID, "visitation").total]).to_numpy()
    return _kommune_og_andre(p, {KOLONNE_FULDTID: fuldtid, KOLONNE_GRAD: grad[k], KOLONNE_BEROERTE: beroerte[k]},
                             KOLONNE_GRAD, grad, "Visitationskategori")


def visitation_tidy(p: BriefParametre) -> pd.DataFrame:
    """The aktiveringsgrad by visitationskategori, the kommune and its comparison areas (for the chart)."""
    grad = _fordeling(p, GRAD, "visitation", visitationer())
    return _tidy_andele(grad, "visitation")


def visitation_hvad(p: BriefParametre) -> list[str]:
    """Highest and lowest aktiveringsgrad among the categories with enough fuldtidspersoner, how many are
    above each comparison area, and the categories with few fuldtidspersoner named with their count."""
    t = visitation_tabel(p).drop(index=I_ALT)
    k = p.kommune.navn
    n, grad = t[(k, KOLONNE_FULDTID)], t[(k, KOLONNE_GRAD)]
    smaa = [v for v in t.index if usikkerhed.er_smaa_tal(n[v])]
    graense = usikkerhed.SMAA_TAL_GRAENSE
    out = []
    hl = fortaelling.hoejest_lavest({visitation_i_saetning(v): grad[v] for v in t.index if v not in smaa}, "pct",
                                    f"aktiveringsgraden i {k} i {p.periode.tekst}")
    if hl:
        out.append(hl[:-1] + f" blandt kategorier med mindst {graense} fuldtidspersoner." if smaa else hl)
    for o in p.sammenligning:
        y = t[(o.navn, KOLONNE_GRAD)]
        begge = [v for v in t.index if not fmt.er_mangler(grad[v]) and not fmt.er_mangler(y[v]) and v not in smaa]
        hoejere = [v for v in begge if grad[v] > y[v] + fortaelling.NIVEAU_TOLERANCE["pct"]
                   and not fortaelling.paa_niveau(grad[v], y[v], "pct")]
        if len(begge) == 1:
            v = begge[0]
            d = grad[v] - y[v]
            sml = ("på niveau med" if abs(d) < fortaelling.NIVEAU_TOLERANCE["pct"]
                   or fortaelling.paa_niveau(grad[v], y[v], "pct") else "højere end" if d > 0 else "lavere end")
            eneste = (f"den eneste kategori med mindst {graense} fuldtidspersoner" if smaa
                      else "den eneste kategori med en oplyst aktiveringsgrad")
            out.append(f"For {visitation_i_saetning(v)}, {eneste}, er aktiveringsgraden i {k} ({fmt.pct(grad[v])}) {sml} "
                       f"{o.navn} ({fmt.pct(y[v])}).")
        elif begge:
            hvilke = (f"de {len(begge)} kategorier med mindst {graense} fuldtidspersoner" if smaa
                      else f"de {len(begge)} visitationskategorier")
            if not hoejere:
                out.append(f"{k} har ikke en højere aktiveringsgrad end {o.navn} for nogen af {hvilke}.")
                continue
            navne = (f": {figures.opremsning(visitation_i_saetning(v) for v in hoejere)}"
                     if len(hoejere) <= len(begge) / 2 else "")
            out.append(f"{k} har en højere aktiveringsgrad end {o.navn} for {len(hoejere)} af {hvilke}{navne}.")
    for v in smaa:
        personer = f"{fmt.tal(n[v])} {'fuldtidsperson' if n[v] == 1 else 'fuldtidspersoner'}"
        if fmt.er_mangler(grad[v]):
            out.append(f"{v}: aktiveringsgraden er ikke oplyst ({personer} på kontanthjælp i kategorien).")
        else:
            out.append(f"{v}: aktiveringsgraden ({fmt.pct(grad[v])}) bygger på {personer} på kontanthjælp og er "
                       "usikker.")
    return out


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
    return faelles.bred(paabegyndte_serie(p, q, antal), kolonner=list(TABEL3_KOLONNER.values()), kolonne="serie",
                        navn="Kvartal")


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
    hvordan = [f"Figuren viser antallet af aktiveringsforløb og aktiverede borgere i {p.kommune.navn} hver måned "
               f"siden {fra(p).tekst}, for alle ydelsesgrupper under ét.",
               "En borger kan være i flere forløb i samme måned."]
    return faelles.figurblok("Udvikling i omfanget af aktivering", figur, hvordan, omfang_hvad(p),
                             *(i for i, _ in OMFANG))


def omfang_tabelblok(p: BriefParametre) -> brief.Tabelblok:
    return brief.Tabelblok(f"Aktiveringsforløb og aktiverede borgere i {p.kommune.navn}",
                           omfang_tabel(p), kolonneformat={n: "tal" for _, n in OMFANG})


def _fordelingsfigur(p: BriefParametre, df: pd.DataFrame, kolonne: str, hvad: str) -> figures.Figur:
    """The aktiverede's shares by `kolonne` per area, as bars with slanted category labels."""
    figur = figures.soejlefigur(df, x=kolonne, roller=faelles.roller(p),
                                titel=f"Aktiverede efter {hvad}, {p.periode.tekst}", enhed="pct.")
    return faelles.skraa_kategorier(figur, list(dict.fromkeys(df[kolonne])))


@faelles.kraever_opdeling
def ydelsesgruppe_figurblok(p: BriefParametre) -> brief.Figurblok:
    figur = _fordelingsfigur(p, ydelsesgruppe_tidy(p), "ydelsesgruppe", "ydelsesgruppe")
    hvordan = [f"Figuren viser, hvor stor en del af de aktiverede borgere i {p.periode.tekst} der var på hver "
               "ydelsesgruppe, i procent af alle aktiverede. Kontanthjælp omfatter også uddannelseshjælp og "
               "selvforsørgelses- og hjemrejseydelse; ydelser, der ikke vises hver for sig (fx revalidering), er "
               "kun med i i alt.",
               faelles.sammenlignet(p, efter=": andele, fordi antallene afhænger af områdernes størrelse")]
    return faelles.figurblok("Aktiverede fordelt på ydelsesgrupper", figur, hvordan, ydelsesgruppe_hvad(p),
                             AKTIVEREDE)


@faelles.kraever_opdeling
def ydelsesgruppe_tabelblok(p: BriefParametre) -> brief.Tabelblok:
    return brief.Tabelblok(
        f"Aktiverede og aktiveringsforløb efter ydelsesgruppe, {p.periode.tekst}. Antal og pct.",
        ydelsesgruppe_tabel(p), kolonneformat={KOLONNE_AKTIVEREDE: "tal", KOLONNE_FORLOEB: "tal", KOLONNE_ANDEL: "tal1"},
        note=YDELSESGRUPPE_NOTE)


@faelles.kraever_opdeling
def tilbud_figurblok(p: BriefParametre) -> brief.Figurblok:
    figur = _fordelingsfigur(p, tilbud_tidy(p), "tilbud", "tilbud")
    hvordan = [f"Figuren viser, hvor stor en del af de aktiverede borgere i {p.periode.tekst} der havde et forløb "
               "i hvert tilbud, i procent af alle aktiverede. Virksomhedspraktik og ansættelse med løntilskud er de "
               "virksomhedsrettede tilbud.",
               "En borger i to tilbud i samme måned tæller i begge, så andelene summerer ikke til 100.",
               faelles.sammenlignet(p)]
    return faelles.figurblok("Aktiverede fordelt på tilbud", figur, hvordan, tilbud_hvad(p), AKTIVEREDE)


@faelles.kraever_opdeling
def tilbud_tabelblok(p: BriefParametre) -> brief.Tabelblok:
    return brief.Tabelblok(
        f"Aktiverede og aktiveringsforløb efter tilbud, {p.periode.tekst}. Antal og pct.", tilbud_tabel(p),
        kolonneformat={KOLONNE_AKTIVEREDE: "tal", KOLONNE_FORLOEB: "tal", KOLONNE_ANDEL: "tal1"}, note=TILBUD_NOTE)


@faelles.kraever_opdeling
def virksomhedsrettet_figurblok(p: BriefParametre) -> brief.Figurblok:
    return faelles.linjeblok(
        p, virksomhedsrettet_antal(p), "Virksomhedsrettet aktivering",
        "Figuren viser de aktiverede borgere i virksomhedspraktik eller ansættelse med løntilskud i procent af alle "
        "aktiverede borgere. En borger i begge tilbud i samme måned tæller to gange.", virksomhedsrettet_hvad(p),
        VIRKSOMHEDSRETTET, AKTIVEREDE, figurtitel="Andel af de aktiverede i virksomhedsrettede tilbud", enhed="pct.",
        y_fra_nul=True)


@faelles.kraever_opdeling
def grad_figurblok(p: BriefParametre) -> brief.Figurblok:
    return faelles.linjeblok(
        p, grad_serie(p), "Aktiveringsgrad for kontanthjælpsmodtagere",
        "Figuren viser aktiveringsgraden for modtagere af kontanthjælp (alle satser, også uddannelseshjælp og "
        "selvforsørgelses- og hjemrejseydelse): fuldtidsaktiverede i procent af fuldtidspersonerne.", grad_hvad(p),
        GRAD, KH_FULDTID, maaltal_indikator=GRAD, enhed="pct.", y_fra_nul=True)


@faelles.kraever_opdeling
def visitation_figurblok(p: BriefParametre) -> brief.Figurblok:
    df = visitation_tidy(p)
    figur = figures.soejlefigur(df, x="visitation", roller=faelles.roller(p),
                                titel=f"Aktiveringsgrad for kontanthjælp efter visitation, {p.periode.tekst}",
                                enhed="pct.")
    figur = faelles.skraa_kategorier(figur, list(dict.fromkeys(df["visitation"])))
    hvordan = [f"Figuren viser aktiveringsgraden for kontanthjælpsmodtagere i {p.periode.tekst} fordelt på "
               "visitationskategorier: fuldtidsaktiverede i procent af kategoriens fuldtidspersoner.",
               faelles.sammenlignet(p)]
    return faelles.figurblok("Aktiveringsgraden fordelt på visitationskategorier", figur, hvordan,
                             visitation_hvad(p), GRAD, KH_FULDTID)


@faelles.kraever_opdeling
def visitation_tabelblok(p: BriefParametre) -> brief.Tabelblok:
    return brief.Tabelblok(
        f"Aktiveringsgrad for kontanthjælp efter visitationskategori, {p.periode.tekst}. Fuldtidspersoner og pct.",
        visitation_tabel(p), kolonneformat={KOLONNE_FULDTID: "tal", KOLONNE_GRAD: "tal1", KOLONNE_BEROERTE: "tal1"},
        note=VISITATION_NOTE.format(graense=usikkerhed.SMAA_TAL_GRAENSE))


@faelles.kraever_opdeling
def paabegyndte_blokke(p: BriefParametre) -> list[brief.Blok]:
    """Tabel 3 and its chart; says so plainly when no quarter has data yet."""
    q = paabegyndte_kvartal(p)
    if q is None:
        return [brief.Tekst(f"Der er endnu ingen kvartalstal for ansættelser med løntilskud og virksomhedspraktik "
                            f"i {p.kommune.navn} til og med {p.periode.tekst}.")]
    tabel = paabegyndte_tabel(p, q)
    tabelblok = brief.Tabelblok(f"Antal ansættelser i løntilskud og virksomhedspraktik, {p.kommune.navn}", tabel,
                                kolonneformat={c: "tal" for c in tabel.columns},
                                note="Påbegyndte forløb i kvartalet, alle ydelsesgrupper.")
    df = paabegyndte_serie(p, q)
    navne = list(TABEL3_KOLONNER.values())
    figur = figures.soejlefigur(df, x="periode", serie="serie", roller=faelles.serieroller(navne),
                                titel=f"Påbegyndte løntilskud og virksomhedspraktikker, {p.kommune.navn}",
                                enhed="Antal")
    foerste = faelles.foerste(df)
    hvordan = [f"Figuren viser antallet af påbegyndte ansættelser med løntilskud og virksomhedspraktikker i "
               f"{p.kommune.navn} hvert kvartal fra {foerste.tekst} til {q.tekst}.",
               "Udviklingen sammenlignes i procent med samme kvartal året før, fordi antallene afhænger af "
               "kommunernes størrelse."]
    figurblok = faelles.figurblok("Påbegyndte forløb kvartal for kvartal", figur, hvordan,
                                  paabegyndte_hvad(p, q), LOENTILSKUD, PRAKTIK)
    return [tabelblok, figurblok]


# --- fuldtidsaktiverede and the aktiveringsgrad for all ydelser (the faktasider's headline) -------------------
# From ptvc01 (all ydelsesgrupper) where it is in the data; otherwise the sum of the per-ydelse c01 tables that
# are. Every c01 aktiveringsgrad is fuldtidsaktiverede in pct. of the same labour force, so they add up.
FULDTID_TITEL = "Fuldtidsaktiverede og aktiveringsgrad, alle ydelser"


def fuldtid_kilde() -> tuple[list[str], list[str]]:
    """(the tables the figures come from, their ydelser in a sentence): ptvc01 when it is in the data, else the
    per-ydelse c01 tables that are; none: ([], [])."""
    if faelles.har_tabel("ptvc01"):
        return ["ptvc01"], ["alle ydelsesgrupper"]
    tabeller = [t for t in PR_YDELSE if faelles.har_tabel(t)]
    return tabeller, [PR_YDELSE[t][2] for t in tabeller]


def fuldtid_serie(p: BriefParametre, grad: bool, omraader=None, fra_: Periode | None = None) -> pd.DataFrame:
    """Fuldtidsaktiverede (or the aktiveringsgrad) for the brief's areas, from ptvc01 or as the sum of the
    per-ydelse tables in the data; a month is missing where any part is."""
    tabeller, _ = fuldtid_kilde()
    omraader = omraader or p.omraader
    fra_ = fra_ or p.serie_fra
    if tabeller == ["ptvc01"]:
        return data.serie(ALLE_YDELSER[1 if grad else 0], omraader=omraader, fra=fra_, til=p.periode)
    dele = [data.serie(PR_YDELSE[t][1 if grad else 0], omraader=omraader, fra=fra_, til=p.periode) for t in tabeller]
    df = pd.concat(dele, ignore_index=True)
    noegle = ["omraade_kode", "omraade", "niveau", "periode", "frekvens"]
    g = df.groupby(noegle, sort=True, observed=True)
    out = g["vaerdi"].sum(min_count=1).to_frame()
    out["dele"] = g["vaerdi"].count()
    out = out.reset_index()
    out.loc[out["dele"] < len(tabeller), "vaerdi"] = float("nan")
    out["status"] = out["vaerdi"].notna().map({True: "ok", False: "mangler"})
    return out.drop(columns="dele")


def fuldtid_hvordan(p: BriefParametre, foerste: Periode) -> list[str]:
    tabeller, navne = fuldtid_kilde()
    if tabeller == ["ptvc01"]:
        kilde = "Tallene er Jobindsats' tal for alle ydelsesgrupper under ét (tabel ptvc01)."
    else:
        kilde = (f"Jobindsats' tabel for alle ydelser (ptvc01) er ikke i data, så tallene er summen af "
                 f"{figures.opremsning([f'{n} ({t})' for t, n in zip(tabeller, navne)])}. Ydelser uden en tabel "
                 "i data (fx revalidering) er ikke med; aktiveringsgraderne kan lægges sammen, fordi de har samme "
                 "nævner (arbejdsstyrken).")
    return ["Figuren viser aktiveringsgraden: fuldtidsaktiverede i procent af arbejdsstyrken. En fuldtidsaktiveret "
            "svarer til én person i aktivering en hel måned.", kilde, faelles.sammenlignet(p, foerste)]


def fuldtid_hvad(p: BriefParametre) -> list[str]:
    """'I maj 2018 var der 460 fuldtidsaktiverede i Ballerup …', then the grad's level, change and comparison."""
    k = p.kommune
    antal = fortaelling.vaerdi(fuldtid_serie(p, False, [k], p.periode), k, p.periode)
    df = fuldtid_serie(p, True)
    out = []
    if not fmt.er_mangler(antal):
        out.append(f"I {p.periode.tekst} var der {fmt.tal(antal)} fuldtidsaktiverede i {k.navn}.")
    return out + fortaelling.hvad_viser(df, k, list(p.sammenligning), p.periode, "pct", "aktiveringsgraden")


def fuldtid_blokke(p: BriefParametre) -> list[brief.Blok]:
    """The faktasider's fuldtidsaktiverede and aktiveringsgrad for all ydelser: a figure of the grad and a table
    of the kommune's fuldtidsaktiverede and every area's grad; the block says which tables it used. No c01
    table in the data: a box that says which to fetch."""
    tabeller, _ = fuldtid_kilde()
    if not tabeller:
        return [brief.Forbehold([
            "Fuldtidsaktiverede og aktiveringsgraden kræver Jobindsats' tabel ptvc01 (alle ydelser) eller en af "
            f"tabellerne {', '.join(PR_YDELSE)} (én pr. ydelse), og ingen af dem er i data.",
            "`noegletal data tjek --tabel ptvc01 " + " ".join(PR_YDELSE) + "` viser, hvilke Jobindsats har; hent "
            "dem med `noegletal data fetch --tabel ptvc01 " + " ".join(PR_YDELSE) + "`, og lav briefen igen.",
        ], titel="Tabel mangler")]
    df = fuldtid_serie(p, True)
    figur = figures.linjefigur(df, roller=faelles.roller(p), titel=FULDTID_TITEL, enhed="pct.", y_fra_nul=True)
    foerste = periode(df["periode"].min())
    indikatorer = ALLE_YDELSER if tabeller == ["ptvc01"] else [i for t in tabeller for i in PR_YDELSE[t][:2]]
    figurblok = faelles.figurblok(FULDTID_TITEL, figur, fuldtid_hvordan(p, foerste), fuldtid_hvad(p), *indikatorer)
    maaneder = [p.periode.shift(-i) for i in range(OMFANG_TABEL_MAANEDER - 1, -1, -1)]
    fra_ = maaneder[0]
    antal = fuldtid_serie(p, False, [p.kommune], fra_)
    grad = fuldtid_serie(p, True, None, fra_)
    t = pd.DataFrame({"Måned": [m.kode for m in maaneder]})  # the table shows a month as the others do
    t[f"Fuldtidsaktiverede, {p.kommune.navn}"] = [fortaelling.vaerdi(antal, p.kommune, m) for m in maaneder]
    for o in [p.kommune, *p.sammenligning]:
        t[f"Grad, {o.navn}"] = [fortaelling.vaerdi(grad, o, m) for m in maaneder]
    tabel = brief.Tabelblok(f"{FULDTID_TITEL} (grad i pct. af arbejdsstyrken)", t.set_index("Måned"),
                            kolonneformat={c: ("tal1" if c.startswith("Grad") else "tal") for c in t.columns})
    return [figurblok, tabel]
