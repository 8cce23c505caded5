"""Ledighed brief: the officially unemployed, the official rate, selected groups, ungeledighed, dagpenge.

Replaces Ballerup's hand-made faktaside 4 (2018) and the ledighed points of the EBU committee's minutes
(September 2023): the same figures, computed for any kommune and month, each with its comparison areas, and
with the number of persons behind a share said when it is small.
Pure functions: parameters in, DataFrames and sentences out; `*_blok(ke)` functions make the brief's blocks.
"""

from __future__ import annotations

import math

import pandas as pd

from .. import brief, catalogue, data, figures, fmt, fortaelling, params, usikkerhed
from ..errors import UgyldigParameter
from ..params import BriefParametre
from ..periods import Periode, periode, raekke
from . import faelles

LEDIGE = "ledige_fuldtid"
PROCENT = "ledighedsprocent"
PROCENT_ANTAL = "ledige_saesonkorrigeret"
UNGE = "ledige_18_29"
IKKE_VESTLIGE = "ledige_ikke_vestlig"
LANGTID = "ledige_langtid"
DAGPENGE = "dagpenge_personer"
LANGTID_ANDEL = "dagpenge_langtidsledige_andel"
UNGELEDIGHED = "ungeledighed"
ALLE = (LEDIGE, PROCENT, PROCENT_ANTAL, UNGE, IKKE_VESTLIGE, LANGTID, DAGPENGE, LANGTID_ANDEL, UNGELEDIGHED)

# The faktaside's groups, with the words the brief uses for them (legend, table header, sentence).
GRUPPER = {UNGE: "18-29-årige", IKKE_VESTLIGE: "Ikke-vestlige", LANGTID: "Langtidsledige"}
ALLE_LEDIGE = "Alle ledige"
GRUPPE_I_SAETNING = {UNGE: "ledige 18-29-årige", IKKE_VESTLIGE: "ikke-vestlige ledige", LANGTID: "langtidsledige"}

TABEL_MAANEDER = 13  # tables run from the same month a year before to the brief's month
AAR = 12  # "seneste 12 måneder": changes are against the same month the year before
I_ALT = "I alt"
KOEN = ("Mænd", "Kvinder")
INTET_MAAL = "intet mål"

KOLONNE_ANDEL = "Andel, pct."
KOLONNE_AENDRING = "Ændring"


# --- parameters ------------------------------------------------------------------------------------------

def valider_maal(maal) -> float | None:
    """The optional target for ungeledighed: a pct. between 0 and 100; None, '' or a negative number
    (the parameter's default -1) means no target."""
    if maal is None or (isinstance(maal, str) and not maal.strip()):
        return None
    try:
        x = float(str(maal).replace(",", "."))
    except ValueError:
        raise UgyldigParameter(
            f"maal_ungeledighed skal være et tal i pct., fx 7.5, eller -1 for intet mål, ikke '{maal}'.") from None
    if math.isnan(x) or x < 0:
        return None
    if x > 100:
        raise UgyldigParameter(
            f"maal_ungeledighed er en andel af de 18-29-årige og skal ligge mellem 0 og 100 (eller -1 for intet "
            f"mål), ikke {maal}.")
    return x


def maal_tekst(maal: float | None) -> str:
    """The target as the stamp shows it: '7,5 pct.' or 'intet mål'."""
    return INTET_MAAL if maal is None else fmt.pct(maal)


def kraev_data(p: BriefParametre) -> None:
    """Every source behind the brief must have the month: a brief never shows one block and not the next."""
    for indikator in ALLE:
        params.kraev_periode(indikator, p.periode)


# --- helpers -----------------------------------------------------------------------------------------------

def _fra(p: BriefParametre, maaneder: int | None = None) -> Periode:
    return p.periode.shift(-((maaneder or p.maaneder) - 1))


def _navne(p: BriefParametre) -> list[str]:
    return [o.navn for o in p.omraader]


def bred(df: pd.DataFrame, perioder: list[Periode], kolonner: list[str], kolonne: str = "omraade") -> pd.DataFrame:
    """Periods × areas (or groups) in the brief's order; a month or an area without a row stays in the
    table as missing ('..'), never silently dropped. 'Måned' is the index name."""
    wide = df.pivot(index="periode", columns=kolonne, values="vaerdi")
    wide = wide.reindex(index=[q.kode for q in perioder], columns=kolonner)
    wide.index.name = "Måned"
    wide.columns.name = None
    return wide


def _vaerdier(df: pd.DataFrame, p: Periode) -> pd.Series:
    """Area name → value in one period (NaN where missing)."""
    return df[df["periode"] == p.kode].set_index("omraade")["vaerdi"]


def _dimension_vaerdier(indikator: str, dimension: str) -> list[str]:
    return data.vaerdier(catalogue.indicator(indikator).table, dimension)


def _hvem(p: BriefParametre) -> str:
    return figures.opremsning(o.navn for o in p.sammenligning)


# --- 1. ledige by ydelse and køn -----------------------------------------------------------------------------

def ledige_maaned(p: BriefParametre) -> pd.DataFrame:
    """Ledige fuldtidspersoner in the month for the kommune and its comparison areas, every combination of
    forsikringsstatus, ydelse and køn (totals included), tidy."""
    alle = {d: _dimension_vaerdier(LEDIGE, d) for d in ("forsikring", "ydelse", "koen")}
    return data.serie(LEDIGE, omraader=p.omraader, fra=p.periode, til=p.periode, **alle)


def _dele(df: pd.DataFrame) -> list[tuple[str, str]]:
    """(forsikring, ydelse) of the parts, in the source's order."""
    dele = df[(df["forsikring"] != I_ALT) & (df["ydelse"] != I_ALT)][["forsikring", "ydelse"]]
    return list(dict.fromkeys(map(tuple, dele.to_numpy())))


def fordeling_tabel(df: pd.DataFrame, p: BriefParametre) -> pd.DataFrame:
    """The kommune's ledige by ydelse (rows) and køn (columns), with the share of all ledige, and the same
    share in the comparison areas. A forsikringsstatus with several ydelser gets a subtotal row; one with a
    single ydelse (forsikrede: a-dagpenge) is named on its row."""
    k = p.kommune.navn

    def v(omraade, forsikring, ydelse, koen=I_ALT):
        r = df[(df["omraade"] == omraade) & (df["forsikring"] == forsikring) & (df["ydelse"] == ydelse)
               & (df["koen"] == koen)]["vaerdi"]
        return float(r.iloc[0]) if len(r) else math.nan

    raekker = []  # (row label, forsikring, ydelse)
    dele = _dele(df)
    for status in dict.fromkeys(f for f, _ in dele):
        ydelser = [y for f, y in dele if f == status]
        if len(ydelser) == 1:
            raekker.append((f"{ydelser[0]} ({status.lower()})", status, ydelser[0]))
        else:
            raekker += [(y, status, y) for y in ydelser]
            raekker.append((f"{status} i alt", status, I_ALT))
    raekker.append(("Ledige i alt", I_ALT, I_ALT))

    ud = {}
    for etiket, f, y in raekker:
        raekke = {(k, koen): v(k, f, y, koen) for koen in (*KOEN, I_ALT)}
        for navn in _navne(p):
            total = v(navn, I_ALT, I_ALT)
            andel = 100 * v(navn, f, y) / total if total and not fmt.er_mangler(total) else math.nan
            raekke[(navn, KOLONNE_ANDEL)] = andel
        ud[etiket] = raekke
    out = pd.DataFrame.from_dict(ud, orient="index")
    out.columns = pd.MultiIndex.from_tuples(out.columns)
    out.index.name = "Ydelse"
    return out


def fordeling_figurdata(df: pd.DataFrame, p: BriefParametre) -> pd.DataFrame:
    """The kommune's parts by køn, for the bar chart: columns ydelse, koen, vaerdi."""
    s = df[(df["omraade"] == p.kommune.navn) & (df["forsikring"] != I_ALT) & (df["ydelse"] != I_ALT)
           & df["koen"].isin(KOEN)]
    return s[["ydelse", "koen", "vaerdi"]].reset_index(drop=True)


def fordeling_hvad(df: pd.DataFrame, udvikling: pd.DataFrame, p: BriefParametre) -> list[str]:
    """Faktaside 4, computed: 'I maj 2018 var der 796 ledige fuldtidspersoner i Ballerup. Hovedparten
    udgøres af forsikrede ledige (…)', the split by køn, the change over a year and the comparison of the
    composition with the comparison areas. `udvikling` is all ledige in the brief's areas a year before and now."""
    k = p.kommune.navn
    sel = df[(df["ydelse"] == I_ALT) & (df["koen"] == I_ALT)]
    alle = sel[sel["forsikring"] == I_ALT].set_index("omraade")["vaerdi"]
    total = alle.get(k, math.nan)
    if fmt.er_mangler(total):
        return [f"Der er ikke oplyst et tal for ledige fuldtidspersoner i {k} i {p.periode.tekst}."]
    out = [f"I {p.periode.tekst} var der {fmt.tal(total)} ledige fuldtidspersoner i {k}."]
    status = sel[(sel["forsikring"] != I_ALT) & (sel["omraade"] == k)].set_index("forsikring")["vaerdi"].dropna()
    if total > 0 and not status.empty:
        stoerst = status.idxmax()
        andel = 100 * status[stoerst] / total
        hvem = f"{stoerst.lower()} ledige"
        forklaring = f"{fmt.tal(status[stoerst])} fuldtidspersoner, svarende til {fmt.pct(andel)}"
        out.append(f"Hovedparten udgøres af {hvem} ({forklaring})." if andel > 50
                   else f"Den største gruppe er {hvem} ({forklaring}).")
        andre = []
        for o in p.sammenligning:
            n = sel[(sel["omraade"] == o.navn) & (sel["forsikring"] == stoerst)]["vaerdi"]
            t = alle.get(o.navn, math.nan)
            if len(n) and not fmt.er_mangler(t) and t > 0:
                andre.append(f"{fmt.pct(100 * float(n.iloc[0]) / t)} i {o.navn}")
        if andre:
            out.append(f"Til sammenligning udgør {hvem} {figures.opremsning(andre)}.")
    koen = df[(df["omraade"] == k) & (df["forsikring"] == I_ALT) & (df["ydelse"] == I_ALT)].set_index("koen")["vaerdi"]
    if all(not fmt.er_mangler(koen.get(x, math.nan)) for x in KOEN):
        out.append(f"{fmt.tal(koen['Mænd'])} er mænd, og {fmt.tal(koen['Kvinder'])} er kvinder.")
    out += fortaelling.udvikling(udvikling, p.kommune, list(p.sammenligning), p.periode, "antallet af ledige",
                                 AAR, "fuldtidspersoner")
    return out


def fordeling_blokke(p: BriefParametre) -> list[brief.Blok]:
    """Bar chart by ydelse and køn, then the table with the composition compared."""
    df = ledige_maaned(p)
    k = p.kommune.navn
    udvikling = data.serie(LEDIGE, omraader=p.omraader, fra=p.periode.shift(-AAR), til=p.periode)
    figur = figures.soejlefigur(
        fordeling_figurdata(df, p), x="ydelse", serie="koen", roller=faelles.serieroller(KOEN),
        titel=f"Ledige fuldtidspersoner efter ydelse og køn, {k}, {p.periode.tekst}", enhed="Fuldtidspersoner")
    hvordan = [
        f"Figuren viser antallet af ledige fuldtidspersoner i {k} i {p.periode.tekst} efter den officielle "
        "ledighedsdefinition (arbejdsmarkedsparate), fordelt på ydelse og køn.",
        "Forsikrede ledige er på a-dagpenge; ikke-forsikrede ledige er jobparate på kontanthjælp og "
        "integrationsydelse og åbenlyst uddannelsesparate på uddannelseshjælp.",
        "En fuldtidsperson svarer til én person, der er ledig en hel måned.",
    ]
    blok = faelles.figurblok("Ledige fuldtidspersoner efter ydelse og køn", figur, hvordan,
                             fordeling_hvad(df, udvikling, p), LEDIGE)
    tabel = brief.Tabelblok(
        f"Ledige fuldtidspersoner efter ydelse og køn, {p.periode.tekst}",
        fordeling_tabel(df, p), kolonneformat={KOLONNE_ANDEL: "tal1", **{x: "tal" for x in (*KOEN, I_ALT)}},
        note=f"{KOLONNE_ANDEL}: andel af alle ledige fuldtidspersoner i området. "
             f"Kilde: {faelles.kilde(LEDIGE)}.",
    )
    return [blok, tabel]


# --- 2. the official rate ----------------------------------------------------------------------------------

def procent_serie(p: BriefParametre, maaneder: int | None = None) -> pd.DataFrame:
    return data.serie(PROCENT, omraader=p.omraader, fra=_fra(p, maaneder), til=p.periode)


def procent_hvad(p: BriefParametre) -> list[str]:
    """'Det officielle ledighedstal for Ballerup var i juni 2018 3,5 pct. …' and the comparison, as the
    faktaside; with the change over a year and the number of ledige behind the rate."""
    df = procent_serie(p, AAR + 1)
    k = p.kommune
    nu = fortaelling.vaerdi(df, k, p.periode)
    if fmt.er_mangler(nu):
        return [f"Der er ikke oplyst en ledighedsprocent for {k.navn} i {p.periode.tekst}."]
    antal = fortaelling.vaerdi(data.serie(PROCENT_ANTAL, omraader=[k], fra=p.periode, til=p.periode), k, p.periode)
    antal_tekst = "" if fmt.er_mangler(antal) else f", svarende til {fmt.tal(antal)} sæsonkorrigerede fuldtidsledige"
    out = [f"Det officielle ledighedstal for {k.navn} Kommune var i {p.periode.tekst} {fmt.pct(nu)}{antal_tekst}."]
    sammen = fortaelling.sammenligning(k.navn, nu, [(o.navn, fortaelling.vaerdi(df, o, p.periode))
                                                    for o in p.sammenligning], "pct")
    if sammen:
        out.append(sammen)
    out.append(fortaelling.aendring(k.navn, nu, fortaelling.vaerdi(df, k, p.periode.shift(-AAR)), "pct", p.periode, AAR))
    return out


def procent_figurblok(p: BriefParametre) -> brief.Figurblok:
    df = procent_serie(p)
    figur = figures.linjefigur(df, roller=faelles.roller(p), titel="Officiel sæsonkorrigeret ledighed", enhed="pct.")
    foerste = periode(df["periode"].min())
    hvordan = [
        "Figuren viser det officielle sæsonkorrigerede ledighedstal: ledige fuldtidspersoner i pct. af "
        "arbejdsstyrken.",
        f"{p.kommune.navn} sammenlignet med {_hvem(p)}, hver måned fra {foerste.tekst} til {p.periode.tekst}.",
    ]
    return faelles.figurblok("Officiel ledighedsprocent, sæsonkorrigeret", figur, hvordan, procent_hvad(p),
                             PROCENT, PROCENT_ANTAL)


def procent_tabelblok(p: BriefParametre) -> brief.Tabelblok:
    t = bred(procent_serie(p, TABEL_MAANEDER), raekke(p.periode, TABEL_MAANEDER), _navne(p))
    return brief.Tabelblok("Officiel sæsonkorrigeret ledighed, pct. af arbejdsstyrken", t,
                           kolonneformat={c: "tal1" for c in t.columns})


# --- 3. dagpenge over 12 months --------------------------------------------------------------------------------

def dagpenge_tabel(p: BriefParametre) -> pd.DataFrame:
    """Persons on a-dagpenge the same month a year before and now, and the change in pct., per area."""
    foer_p = p.periode.shift(-AAR)
    df = data.serie(DAGPENGE, omraader=p.omraader, fra=foer_p, til=p.periode)
    foer, nu = _vaerdier(df, foer_p), _vaerdier(df, p.periode)
    navne = _navne(p)
    out = pd.DataFrame({foer_p.kode: foer.reindex(navne), p.periode.kode: nu.reindex(navne)})
    out[KOLONNE_AENDRING] = [fortaelling.relativ_aendring(n, f) for n, f in zip(out[p.periode.kode], out[foer_p.kode])]
    out.index.name = "Område"
    return out


def dagpenge_hvad(t: pd.DataFrame, p: BriefParametre) -> list[str]:
    """'Antallet af dagpengemodtagere i Ballerup er steget fra 603 til 622 personer (+3,2 pct.) siden juni
    2022. Det er en mindre stigning end i Hele landet (+13,2 pct.) …', as the 2023 minutes said it."""
    k = p.kommune.navn
    foer, nu = t.loc[k].iloc[0], t.loc[k].iloc[1]
    udvikling = pd.DataFrame({"omraade_kode": p.kommune.kode, "periode": [p.periode.shift(-AAR).kode, p.periode.kode],
                              "vaerdi": [foer, nu]})
    out = fortaelling.udvikling(udvikling, p.kommune, [], p.periode, "antallet af dagpengemodtagere", AAR, "personer")
    sammen = fortaelling.sammenlign_aendring(t.loc[k, KOLONNE_AENDRING],
                                             [(o.navn, t.loc[o.navn, KOLONNE_AENDRING]) for o in p.sammenligning])
    if sammen:
        out.append(sammen)
    return out


def dagpenge_forbehold(t: pd.DataFrame, p: BriefParametre) -> list[str]:
    foer = t.loc[p.kommune.navn].iloc[0]
    if not usikkerhed.er_smaa_tal(foer):
        return []
    return [f"Ændringen i {p.kommune.navn} bygger på få personer ({fmt.tal(foer)} dagpengemodtagere for et år "
            f"siden). Én person mere eller mindre flytter ændringen {fmt.tal(100 / foer, 1)} procentpoint, så "
            "sammenlign med forsigtighed."] if foer > 0 else []


def dagpenge_blokke(p: BriefParametre) -> list[brief.Blok]:
    t = dagpenge_tabel(p)
    foer_p = p.periode.shift(-AAR)
    fig_df = pd.DataFrame({"hvad": f"{foer_p.label} til {p.periode.label}", "omraade": t.index,
                           "vaerdi": t[KOLONNE_AENDRING].to_numpy()})
    figur = figures.soejlefigur(fig_df, x="hvad", roller=faelles.roller(p),
                                titel="Ændring i antal dagpengemodtagere de seneste 12 måneder", enhed="pct.")
    hvordan = [
        f"Figuren viser den procentvise ændring i antallet af personer på a-dagpenge fra {foer_p.tekst} til "
        f"{p.periode.tekst}.",
        f"{p.kommune.navn} sammenlignet med {_hvem(p)}.",
    ]
    blokke: list[brief.Blok] = [
        faelles.figurblok("Ændring i antal dagpengemodtagere", figur, hvordan,
                          dagpenge_hvad(t, p), DAGPENGE),
        brief.Tabelblok("Personer på a-dagpenge og ændring de seneste 12 måneder", t,
                        kolonneformat={KOLONNE_AENDRING: "aendring", foer_p.kode: "tal", p.periode.kode: "tal"}),
    ]
    forbehold = dagpenge_forbehold(t, p)
    if forbehold:
        blokke.append(brief.Forbehold(forbehold, "Datagrundlaget er spinkelt"))
    return blokke


# --- 4. selected groups --------------------------------------------------------------------------------------

def grupper_serie(p: BriefParametre, maaneder: int | None = None) -> pd.DataFrame:
    """The kommune's ledige in the faktaside's groups, tidy with the group's name in 'gruppe_navn'."""
    dele = []
    for indikator, navn in GRUPPER.items():
        s = data.serie(indikator, omraader=[p.kommune], fra=_fra(p, maaneder), til=p.periode)
        dele.append(s.assign(gruppe_navn=navn))
    return pd.concat(dele, ignore_index=True)


def grupper_tabel(p: BriefParametre) -> pd.DataFrame:
    """Month by month: all ledige and each group (they overlap, so they do not add up)."""
    perioder = raekke(p.periode, TABEL_MAANEDER)
    alle = data.serie(LEDIGE, omraader=[p.kommune], fra=perioder[0], til=p.periode).assign(gruppe_navn=ALLE_LEDIGE)
    df = pd.concat([alle, grupper_serie(p, TABEL_MAANEDER)], ignore_index=True)
    return bred(df, perioder, [ALLE_LEDIGE, *GRUPPER.values()], "gruppe_navn")


def grupper_hvad(p: BriefParametre) -> list[str]:
    """Each group's change over a year, then one sentence over all three (the faktaside's 'Ungeledigheden,
    langtidsledigheden og ikke-vestlige ledighed er fortsat svagt faldende', computed)."""
    df = grupper_serie(p, AAR + 1)
    foer_p = p.periode.shift(-AAR)
    out, retninger = [], []
    for indikator, navn in GRUPPER.items():
        g = df[df["gruppe_navn"] == navn]
        out += fortaelling.udvikling(g, p.kommune, [], p.periode, f"antallet af {GRUPPE_I_SAETNING[indikator]}",
                                     AAR, "fuldtidspersoner")
        retninger.append((GRUPPE_I_SAETNING[indikator], fortaelling.vaerdi(g, p.kommune, p.periode)
                          - fortaelling.vaerdi(g, p.kommune, foer_p)))
    samlet = fortaelling.retning_samlet(retninger)
    return ([f"Det seneste år: {samlet[0].lower()}{samlet[1:]}"] if samlet else []) + out


def grupper_forbehold(p: BriefParametre) -> list[str]:
    """Small groups: a change of a few persons is a large change in pct."""
    df = grupper_serie(p, 1)
    smaa = [n for n, v in zip(df["gruppe_navn"], df["vaerdi"]) if usikkerhed.er_smaa_tal(v)]
    if not smaa:
        return []
    return [f"Grupperne {figures.opremsning([s.lower() for s in smaa])} har under "
            f"{usikkerhed.SMAA_TAL_GRAENSE} ledige fuldtidspersoner i {p.kommune.navn}. Få personer mere eller "
            "mindre giver store procentvise udsving, så udviklingen skal læses med forsigtighed."]


def grupper_blokke(p: BriefParametre) -> list[brief.Blok]:
    df = grupper_serie(p)
    figur = figures.linjefigur(
        df, serie="gruppe_navn", roller=faelles.serieroller(GRUPPER.values()),
        titel=f"Ledige i udvalgte grupper, {p.kommune.navn}", enhed="Fuldtidspersoner", y_fra_nul=True)
    foerste = periode(df["periode"].min())
    hvordan = [
        f"Figuren viser antallet af ledige fuldtidspersoner blandt 18-29-årige, ikke-vestlige og langtidsledige i "
        f"{p.kommune.navn}, hver måned fra {foerste.tekst} til {p.periode.tekst}.",
        "Grupperne overlapper: en ung kan også være langtidsledig. Langtidsledig betyder ledig i mindst ni måneder.",
    ]
    blokke: list[brief.Blok] = [
        faelles.figurblok("Ledige 18-29-årige, ikke-vestlige og langtidsledige", figur, hvordan, grupper_hvad(p),
                          *GRUPPER, LEDIGE),
        brief.Tabelblok(f"Ledige fuldtidspersoner i udvalgte grupper, {p.kommune.navn}", grupper_tabel(p),
                        kolonneformat={ALLE_LEDIGE: "tal", **{n: "tal" for n in GRUPPER.values()}},
                        note="Grupperne overlapper og summerer derfor ikke til alle ledige."),
    ]
    forbehold = grupper_forbehold(p)
    if forbehold:
        blokke.append(brief.Forbehold(forbehold, "Små tal"))
    return blokke


# --- 5. langtidsledige among dagpengemodtagere -------------------------------------------------------------

def langtid_serie(p: BriefParametre) -> pd.DataFrame:
    return data.serie(LANGTID_ANDEL, omraader=p.omraader, fra=_fra(p), til=p.periode)


def langtid_hvad(df: pd.DataFrame, n: float, p: BriefParametre) -> list[str]:
    """Level, comparison and change, then the share where the figure begins and the highest in the period
    (the 2023 minutes: '19 pct. … Til sammenligning var andelen 43 pct. i februar 2021'). With few
    dagpengemodtagere (`n`), the persons behind the share and its uncertainty."""
    k = p.kommune
    nu = fortaelling.vaerdi(df, k, p.periode)
    if fmt.er_mangler(nu):
        return [f"Der er ikke oplyst en andel langtidsledige blandt dagpengemodtagerne i {k.navn} i {p.periode.tekst}."]
    smaa = usikkerhed.er_smaa_tal(n)
    antal = usikkerhed.antal_beskaeftigede(nu, n)  # whole persons behind the share (the source rounds it)
    interval = usikkerhed.wilson(antal, n) if smaa else None
    out = [f"I {p.periode.tekst} var {fmt.pct(nu)} af dagpengemodtagerne i {k.navn} langtidsledige "
           "(ledige i mindst ni måneder)."]
    sammen = fortaelling.sammenligning(k.navn, nu, [(o.navn, fortaelling.vaerdi(df, o, p.periode))
                                                    for o in p.sammenligning], "pct", interval)
    if sammen:
        out.append(sammen)
    out.append(fortaelling.aendring(k.navn, nu, fortaelling.vaerdi(df, k, p.periode.shift(-AAR)), "pct", p.periode, AAR))
    foerste = periode(df["periode"].min())
    start = fortaelling.vaerdi(df, k, foerste)
    if foerste < p.periode.shift(-AAR) and not fmt.er_mangler(start):
        out.append(f"Til sammenligning var andelen {fmt.pct(start)} i {foerste.tekst}, hvor figuren begynder.")
    egne = df[(df["omraade_kode"] == k.kode) & df["vaerdi"].notna()]
    if not egne.empty and egne.loc[egne["vaerdi"].idxmax(), "periode"] != foerste.kode:
        out.append(fortaelling.hoejeste(df, k, "pct", "andel"))
    if smaa:
        out.append(f"Andelen bygger på få personer: {usikkerhed.k_af_n(antal, n)}.")
    return out


def langtid_figurblok(p: BriefParametre) -> brief.Figurblok:
    df = langtid_serie(p)
    n = fortaelling.vaerdi(data.serie(DAGPENGE, omraader=[p.kommune], fra=p.periode, til=p.periode),
                           p.kommune, p.periode)
    figur = figures.linjefigur(df, roller=faelles.roller(p), titel="Langtidsledige i pct. af dagpengemodtagerne",
                               enhed="pct.")
    foerste = periode(df["periode"].min())
    hvordan = [
        "Figuren viser andelen af personer på a-dagpenge, der har været ledige i mindst ni måneder.",
        f"{p.kommune.navn} sammenlignet med {_hvem(p)}, hver måned fra {foerste.tekst} til {p.periode.tekst}.",
    ]
    return faelles.figurblok("Andel langtidsledige blandt dagpengemodtagerne", figur, hvordan, langtid_hvad(df, n, p),
                             LANGTID_ANDEL, DAGPENGE)


# --- 6. ungeledighed and its target ----------------------------------------------------------------------

def unge_serie(p: BriefParametre, maaneder: int | None = None) -> pd.DataFrame:
    return data.serie(UNGELEDIGHED, omraader=p.omraader, fra=_fra(p, maaneder), til=p.periode)


def unge_hvad(p: BriefParametre, maal: float | None) -> list[str]:
    """The faktaside's 'Ungeledighedsprocenten i Ballerup: 7,9 pct.', with the target, the comparison,
    the change over a year and which ydelser it is made of."""
    k = p.kommune
    df = unge_serie(p, AAR + 1)
    nu = fortaelling.vaerdi(df, k, p.periode)
    if fmt.er_mangler(nu):
        return [f"Der er ikke oplyst en ungeledighedsprocent for {k.navn} i {p.periode.tekst}."]
    out = [f"Ungeledighedsprocenten i {k.navn} var {fmt.pct(nu)} i {p.periode.tekst}."]
    if maal is not None:
        # mod_maal ends with '.' after the target, which ends with 'pct.' itself
        out.append(fortaelling.mod_maal(nu, maal, "pct", maal_tekst=f"højst {fmt.pct(maal)}").replace("pct..", "pct."))
    sammen = fortaelling.sammenligning(k.navn, nu, [(o.navn, fortaelling.vaerdi(df, o, p.periode))
                                                    for o in p.sammenligning], "pct")
    if sammen:
        out.append(sammen)
    out.append(fortaelling.aendring(k.navn, nu, fortaelling.vaerdi(df, k, p.periode.shift(-AAR)), "pct", p.periode, AAR))
    ydelser = [y for y in _dimension_vaerdier(UNGELEDIGHED, "ydelse") if y != I_ALT]
    dele = data.serie(UNGELEDIGHED, omraader=[k], fra=p.periode, til=p.periode, ydelse=ydelser)
    dele = dele.dropna(subset=["vaerdi"]).sort_values("vaerdi", ascending=False)
    if not dele.empty:
        tekst = [f"{fmt.tal(v, 1)}{' pct.-point' if i == 0 else ''} fra {y.lower()}"
                 for i, (y, v) in enumerate(zip(dele["ydelse"], dele["vaerdi"]))]
        out.append(f"Heraf kommer {figures.opremsning(tekst)}.")
    return out


def unge_figurblok(p: BriefParametre, maal: float | None) -> brief.Figurblok:
    df = unge_serie(p)
    figur = figures.linjefigur(df, roller=faelles.roller(p), titel="Ungeledighed, 18-29-årige", enhed="pct.")
    if maal is not None:
        figur = faelles.maallinje(figur, maal, "pct.")
    foerste = periode(df["periode"].min())
    hvordan = [
        "Figuren viser 18-29-årige fuldtidspersoner på a-dagpenge, kontanthjælp og uddannelseshjælp (inkl. "
        "aktivitetsparate) i pct. af alle 18-29-årige, som i Ballerups mål for ungeledigheden (ØKU, december 2014).",
        f"{p.kommune.navn} sammenlignet med {_hvem(p)}, hver måned fra {foerste.tekst} til {p.periode.tekst}.",
    ]
    if maal is not None:
        hvordan.append(f"Den vandrette prikkede linje er målet på højst {fmt.pct(maal)}")
    return faelles.figurblok("Ungeledighedsprocent, 18-29-årige", figur, hvordan, unge_hvad(p, maal), UNGELEDIGHED)


def unge_tabelblok(p: BriefParametre, maal: float | None) -> brief.Tabelblok:
    t = bred(unge_serie(p, TABEL_MAANEDER), raekke(p.periode, TABEL_MAANEDER), _navne(p))
    note = f"Målet for {p.kommune.navn}: højst {fmt.pct(maal)}" if maal is not None else None
    return brief.Tabelblok("Ungeledighed: 18-29-årige på dagpenge, kontant- og uddannelseshjælp i pct. af de 18-29-årige",
                           t, kolonneformat={c: "tal1" for c in t.columns}, note=note)
