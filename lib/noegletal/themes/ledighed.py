"""Ledighed brief: the officially unemployed, the official rate, dagpenge, selected groups, langtidsledige
and ledige under 30 år.

Replaces Ballerup's hand-made faktaside 4 (2018) and the ledighed points of the EBU committee's minutes
(September 2023): the same figures where a source still gives them, computed for any kommune and month, each
with its comparison areas, and with the number of persons behind a share said when it is small.
Sources: Jobindsats y25i01 (ledige by ydelsesgruppe and køn, by alder, by oprindelse) and y25i09
(langtidsledige), y01a02 (a-dagpenge), Statistikbanken AUS08 (official rate) and FOLK1AM (population).
Pure functions: parameters in, DataFrames and sentences out; `*_blok(ke)` functions make the brief's blocks.
"""

from __future__ import annotations

import math

import pandas as pd

from .. import brief, catalogue, data, figures, fmt, fortaelling, maaltal, params, usikkerhed
from ..params import BriefParametre
from ..periods import Periode, periode, raekke
from . import Tema, faelles

LEDIGE = "ledige_fuldtid"
PROCENT = "ledighedsprocent"
PROCENT_ANTAL = "ledige_saesonkorrigeret"
UNGE = "ledige_unge"
IKKE_VESTLIGE = "ledige_ikke_vestlig"
LANGTID = "ledige_langtid"
DAGPENGE = "dagpenge_personer"
LANGTID_ANDEL = "langtidsledige_andel"
BEFOLKNING_UNGE = ("befolkning_16_17", "befolkning_18_29")  # together the 16-29-årige, the ages of UNGE
ALLE = (LEDIGE, PROCENT, PROCENT_ANTAL, UNGE, IKKE_VESTLIGE, LANGTID, DAGPENGE, LANGTID_ANDEL, *BEFOLKNING_UNGE)
# ydelsesmodtagere med lønnede timer (y60j01, per year; read where in the data)
LOENTIMER = "loennede_timer_andel"
LOENTIMER_PERSONER = "loennede_timer_personer"
LOENTIMER_I_ALT = "ydelsesmodtagere_i_alt"
LOENTIMER_KILDER = (LOENTIMER, LOENTIMER_PERSONER, LOENTIMER_I_ALT)
TEMA = Tema(navn="ledighed", titel="Ledighed", orden=20, indikatorer=ALLE,
            valgfri=(*LOENTIMER_KILDER, maaltal.INDIKATOR))

# Measures of the same tables read next to an indicator (data.serie(..., maal=...)).
LEDIGE_PERSONER = "Antal ledige personer"
LANGTID_PERSONER = "Antal langtidsledige personer"
BRUTTOLEDIGE_PERSONER = "Antal bruttoledige personer"

# Value names of the ledige tables (catalogue.yml, y25i01 and y25i09).
YDELSESGRUPPE = "ydelsesgruppe"
DAGPENGEGRUPPE = "A-dagpenge"
KOEN_KOLONNE = "koen"
KOEN = ("Mænd", "Kvinder")
UNGE_ALDRE = ("16-24 år", "25-29 år")
UNGE_ALDER_TEKST = "16-29 år"
UNGE_AARIGE = "16-29-årige"
# How the brief names the ledige in each ydelsesgruppe in a sentence.
GRUPPE_ORD = {"A-dagpenge": "ledige på a-dagpenge", "Kontanthjælp": "ledige på kontanthjælp"}

# The faktaside's groups, with the words the brief uses for them (legend, table header, sentence).
GRUPPER = {UNGE: "Under 30 år", IKKE_VESTLIGE: "Ikke-vestlige", LANGTID: "Langtidsledige"}
ALLE_LEDIGE = "Alle ledige"
GRUPPE_I_SAETNING = {UNGE: "ledige under 30 år", IKKE_VESTLIGE: "ikke-vestlige ledige", LANGTID: "langtidsledige"}

TABEL_MAANEDER = 13  # tables run from the same month a year before to the brief's month
AAR = 12  # "seneste 12 måneder": changes are against the same month the year before
I_ALT = "I alt"
MAAL_HVAD = "et tal mellem 0 og 100 (ledige 16-29-årige i pct. af de 16-29-årige)"

KOLONNE_ANDEL = "Andel, pct."
KOLONNE_AENDRING = "Ændring"
KOLONNE_UNGE_ANTAL = "Fuldtidspersoner"
KOLONNE_UNGE_AF_LEDIGE = "Andel af alle ledige, pct."
KOLONNE_UNGE_AF_BEFOLKNING = f"Pct. af befolkningen {UNGE_ALDER_TEKST}"


# --- parameters ------------------------------------------------------------------------------------------

def valider(kommune: str, periode: str, sammenligning: str | list[str] | None = None, maaneder: int = 25,
            maal_ungeledighed=-1, maaltal: str = params.ALLE_MAALTAL) -> BriefParametre:
    """The brief's parameters: what every brief checks (params.valider), with every source behind the brief
    required to have the month (a brief never shows one block and not the next), and the optional target for
    ungeledigheden (ledige 16-29-årige fuldtidspersoner in pct. of the 16-29-årige, 0-100; negative: none)."""
    p = params.valider(TEMA.navn, kommune, periode, sammenligning, maaneder, kraev=ALLE, maaltal=maaltal)
    return MAAL.med(p, maal_ungeledighed)


# The target for ungeledigheden: a pct. from 0 to 100; negative (the parameter's default -1), empty or None
# means no target, and 0 is a target. The stamp says '7,5 pct.' or 'intet'.
MAAL = params.Maal("maal_ungeledighed", MAAL_HVAD, "3.5", fmt.pct, intet=-1, hoejst=100)
valider_maal, maal_tekst, maal = MAAL.valider, MAAL.som_tekst, params.maal


# --- helpers -----------------------------------------------------------------------------------------------

def _fra(p: BriefParametre, maaneder: int | None = None) -> Periode:
    """The first of the latest `maaneder` months (without: the brief's time series)."""
    return p.periode.shift(-(maaneder - 1)) if maaneder else p.serie_fra


def _navne(p: BriefParametre) -> list[str]:
    return [o.navn for o in p.omraader]


def bred(df: pd.DataFrame, perioder: list[Periode], kolonner: list[str], kolonne: str = "omraade") -> pd.DataFrame:
    """Periods × areas (or groups) in the brief's order; a month or an area without a row stays in the
    table as missing ('..'), never silently dropped. 'Måned' is the index name."""
    return faelles.bred(df, [q.kode for q in perioder], kolonner, kolonne=kolonne, maaned=True)


def _vaerdier(df: pd.DataFrame, p: Periode) -> pd.Series:
    """Area name → value in one period (NaN where missing)."""
    return df[df["periode"] == p.kode].set_index("omraade")["vaerdi"]


def _hierarki(indikator: str, kolonne: str) -> catalogue.Hierarchy:
    """A dimension of the indicator's table as the catalogue names it (total and values)."""
    return catalogue.indicator(indikator).spec.hierarchy(kolonne)


def _gruppe_ord(gruppe: str) -> str:
    return GRUPPE_ORD.get(gruppe, f"ledige på {gruppe.lower()}")


# --- 1. ledige by ydelsesgruppe and køn -------------------------------------------------------------------------

def ledige_maaned(p: BriefParametre) -> pd.DataFrame:
    """Ledige fuldtidspersoner in the month for the kommune and its comparison areas, every combination of
    ydelsesgruppe and køn (totals included), tidy."""
    alle = {d: list(_hierarki(LEDIGE, d).names) for d in (YDELSESGRUPPE, KOEN_KOLONNE)}
    return data.serie(LEDIGE, omraader=p.omraader, fra=p.periode, til=p.periode, **alle)


def _totaler() -> tuple[str, str]:
    return _hierarki(LEDIGE, YDELSESGRUPPE).total, _hierarki(LEDIGE, KOEN_KOLONNE).total


def _grupper_i(df: pd.DataFrame) -> list[str]:
    """The ydelsesgrupper in the data, in the source's order, without the total."""
    total, _ = _totaler()
    return [g for g in dict.fromkeys(df[YDELSESGRUPPE]) if g != total]


def fordeling_tabel(df: pd.DataFrame, p: BriefParametre) -> pd.DataFrame:
    """The kommune's ledige by ydelsesgruppe (rows) and køn (columns), with the share of all ledige, and the
    count and share in each comparison area. The two ydelsesgrupper add up to 'Ledige i alt'."""
    k = p.kommune.navn
    total, koen_total = _totaler()

    def v(omraade, gruppe, koen=koen_total):
        r = df[(df["omraade"] == omraade) & (df[YDELSESGRUPPE] == gruppe) & (df[KOEN_KOLONNE] == koen)]["vaerdi"]
        return float(r.iloc[0]) if len(r) else math.nan

    raekker = [(g, g) for g in _grupper_i(df)] + [("Ledige i alt", total)]
    ud = {}
    for etiket, g in raekker:
        raekke = {(k, koen): v(k, g, koen) for koen in KOEN}
        for navn in _navne(p):
            alle = v(navn, total)
            raekke[(navn, I_ALT)] = v(navn, g)
            raekke[(navn, KOLONNE_ANDEL)] = 100 * v(navn, g) / alle if alle and not fmt.er_mangler(alle) else math.nan
        ud[etiket] = raekke
    out = pd.DataFrame.from_dict(ud, orient="index")
    out.columns = pd.MultiIndex.from_tuples(out.columns)
    out.index.name = "Ydelsesgruppe"
    return out


def fordeling_figurdata(df: pd.DataFrame, p: BriefParametre) -> pd.DataFrame:
    """The kommune's ydelsesgrupper by køn, for the bar chart: columns ydelsesgruppe, koen, vaerdi."""
    total, _ = _totaler()
    s = df[(df["omraade"] == p.kommune.navn) & (df[YDELSESGRUPPE] != total) & df[KOEN_KOLONNE].isin(KOEN)]
    return s[[YDELSESGRUPPE, KOEN_KOLONNE, "vaerdi"]].reset_index(drop=True)


def fordeling_hvad(df: pd.DataFrame, udvikling: pd.DataFrame, p: BriefParametre,
                   personer: float = math.nan) -> list[str]:
    """Faktaside 4, computed: 'I maj 2018 var der 796 ledige fuldtidspersoner i Ballerup. Hovedparten
    udgøres af ledige på a-dagpenge (…)', the persons behind the number, the split by køn, the change over a
    year and the comparison of the composition with the comparison areas. `udvikling` is all ledige in the
    brief's areas a year before and now; `personer` the kommune's ledige personer in the month."""
    k = p.kommune.navn
    total, koen_total = _totaler()
    sel = df[df[KOEN_KOLONNE] == koen_total]
    alle = sel[sel[YDELSESGRUPPE] == total].set_index("omraade")["vaerdi"]
    n = alle.get(k, math.nan)
    if fmt.er_mangler(n):
        return [f"Der er ikke oplyst et tal for ledige fuldtidspersoner i {k} i {p.periode.tekst}."]
    out = [f"I {p.periode.tekst} var der {fmt.tal(n)} ledige fuldtidspersoner i {k}."]
    if not fmt.er_mangler(personer):
        out.append(f"Bag tallet står {fmt.tal(personer)} personer, der var ledige i hele eller en del af måneden.")
    grupper = sel[(sel[YDELSESGRUPPE] != total) & (sel["omraade"] == k)].set_index(YDELSESGRUPPE)["vaerdi"].dropna()
    if n > 0 and not grupper.empty:
        stoerst = grupper.idxmax()
        andel = 100 * grupper[stoerst] / n
        hvem = _gruppe_ord(stoerst)
        forklaring = f"{fmt.tal(grupper[stoerst])} fuldtidspersoner, svarende til {fmt.pct(andel)}"
        out.append(f"Hovedparten udgøres af {hvem} ({forklaring})." if andel > 50
                   else f"Den største gruppe er {hvem} ({forklaring}).")
        andre = []
        for o in p.sammenligning:
            x = sel[(sel["omraade"] == o.navn) & (sel[YDELSESGRUPPE] == stoerst)]["vaerdi"]
            t = alle.get(o.navn, math.nan)
            if len(x) and not fmt.er_mangler(x.iloc[0]) and not fmt.er_mangler(t) and t > 0:
                andre.append(f"{fmt.pct(100 * float(x.iloc[0]) / t)} i {o.navn}")
        if andre:
            out.append(f"Til sammenligning udgør {hvem} {figures.opremsning(andre)}.")
    koen = df[(df["omraade"] == k) & (df[YDELSESGRUPPE] == total)].set_index(KOEN_KOLONNE)["vaerdi"]
    if all(not fmt.er_mangler(koen.get(x, math.nan)) for x in KOEN):
        out.append(f"{fmt.tal(koen['Mænd'])} er mænd, og {fmt.tal(koen['Kvinder'])} er kvinder.")
    out += fortaelling.udvikling(udvikling, p.kommune, list(p.sammenligning), p.periode, "antallet af ledige",
                                 AAR, "fuldtidspersoner")
    return out


@faelles.kraever_opdeling
def fordeling_blokke(p: BriefParametre) -> list[brief.Blok]:
    """Bar chart by ydelsesgruppe and køn, then the table with the composition compared."""
    df = ledige_maaned(p)
    k = p.kommune.navn
    udvikling = data.serie(LEDIGE, omraader=p.omraader, fra=p.periode.shift(-AAR), til=p.periode)
    personer = fortaelling.vaerdi(data.serie(LEDIGE, omraader=[p.kommune], fra=p.periode, til=p.periode,
                                             maal=LEDIGE_PERSONER), p.kommune, p.periode)
    figur = figures.soejlefigur(
        fordeling_figurdata(df, p), x=YDELSESGRUPPE, serie=KOEN_KOLONNE, roller=faelles.serieroller(KOEN),
        titel=f"Ledige fuldtidspersoner efter ydelsesgruppe og køn, {k}, {p.periode.tekst}", enhed="Fuldtidspersoner")
    hvordan = [
        f"Figuren viser antallet af ledige fuldtidspersoner i {k} i {p.periode.tekst} efter den officielle "
        "ledighedsdefinition, fordelt på Jobindsats' to ydelsesgrupper og køn.",
        "A-dagpenge er de forsikrede ledige. Kontanthjælp er de ikke-forsikrede ledige, som er jobparate på "
        "kontanthjælp; Jobindsats regner tidligere uddannelseshjælp og integrationsydelse med til kontanthjælp. "
        "De to grupper summerer til alle ledige.",
        "En fuldtidsperson svarer til én person, der er ledig en hel måned.",
    ]
    blok = faelles.figurblok("Ledige fuldtidspersoner efter ydelsesgruppe og køn", figur, hvordan,
                             fordeling_hvad(df, udvikling, p, personer), LEDIGE)
    tabel = brief.Tabelblok(
        f"Ledige fuldtidspersoner efter ydelsesgruppe og køn, {p.periode.tekst}",
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
    out = [f"Det officielle ledighedstal for {k.fuldt_navn} var i {p.periode.tekst} {fmt.pct(nu)}{antal_tekst}."]
    sammen = fortaelling.sammenligning(k.navn, nu, [(o.navn, fortaelling.vaerdi(df, o, p.periode))
                                                    for o in p.sammenligning], "pct")
    if sammen:
        out.append(sammen)
    out.append(fortaelling.aendring(k.navn, nu, fortaelling.vaerdi(df, k, p.periode.shift(-AAR)), "pct", p.periode, AAR,
                                    fortaelling.stoej(df, k, p.periode)))
    return out


def procent_figurblok(p: BriefParametre) -> brief.Figurblok:
    """The rate against the comparison areas; with the kommune's måltal when it has one."""
    df = procent_serie(p)
    figur = figures.linjefigur(df, roller=faelles.roller(p), titel="Officiel sæsonkorrigeret ledighed", enhed="pct.")
    hvordan = ["Figuren viser det officielle sæsonkorrigerede ledighedstal: ledige fuldtidspersoner i pct. af "
               "arbejdsstyrken.", faelles.sammenlignet(p, faelles.foerste(df))]
    return faelles.maaltal_figurblok(p, PROCENT, fortaelling.vaerdi(df, p.kommune, p.periode),
                                     "Officiel ledighedsprocent, sæsonkorrigeret", figur, hvordan, procent_hvad(p),
                                     PROCENT, PROCENT_ANTAL)


def procent_tabelblok(p: BriefParametre) -> brief.Tabelblok:
    t = bred(procent_serie(p, TABEL_MAANEDER), raekke(p.periode, TABEL_MAANEDER), _navne(p))
    t = faelles.maaltal_kolonne(t, p, PROCENT)
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
        faelles.sammenlignet(p),
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
        dele.append(s[["omraade_kode", "omraade", "periode", "vaerdi"]].assign(gruppe_navn=navn))
    return pd.concat(dele, ignore_index=True)


def grupper_tabel(p: BriefParametre) -> pd.DataFrame:
    """Month by month: all ledige and each group (they overlap, so they do not add up)."""
    perioder = raekke(p.periode, TABEL_MAANEDER)
    alle = data.serie(LEDIGE, omraader=[p.kommune], fra=perioder[0], til=p.periode)
    alle = alle[["omraade_kode", "omraade", "periode", "vaerdi"]].assign(gruppe_navn=ALLE_LEDIGE)
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
                          - fortaelling.vaerdi(g, p.kommune, foer_p), fortaelling.stoej(g, p.kommune, p.periode)))
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


@faelles.kraever_opdeling
def grupper_blokke(p: BriefParametre) -> list[brief.Blok]:
    df = grupper_serie(p)
    figur = figures.linjefigur(
        df, serie="gruppe_navn", roller=faelles.serieroller(GRUPPER.values()),
        titel=f"Ledige i udvalgte grupper, {p.kommune.navn}", enhed="Fuldtidspersoner", y_fra_nul=True)
    foerste = faelles.foerste(df)
    hvordan = [
        f"Figuren viser antallet af ledige fuldtidspersoner under 30 år ({UNGE_ALDER_TEKST}), indvandrere og "
        f"efterkommere fra ikke-vestlige lande og langtidsledige i {p.kommune.navn}, hver måned fra "
        f"{foerste.tekst} til {p.periode.tekst}.",
        "Unge og ikke-vestlige er ledige efter den officielle definition, som i figuren ovenfor (tabel y25i01). "
        "Langtidsledige er Jobindsats' opgørelse i tabel y25i09, hvor langtidsledighed måles blandt de "
        "bruttoledige (ledige og aktiverede, der står til rådighed for arbejdsmarkedet).",
        "Grupperne overlapper: en ung kan også være langtidsledig.",
    ]
    blokke: list[brief.Blok] = [
        faelles.figurblok("Ledige under 30 år, ikke-vestlige og langtidsledige", figur, hvordan, grupper_hvad(p),
                          *GRUPPER, LEDIGE),
        brief.Tabelblok(f"Ledige fuldtidspersoner i udvalgte grupper, {p.kommune.navn}", grupper_tabel(p),
                        kolonneformat={ALLE_LEDIGE: "tal", **{n: "tal" for n in GRUPPER.values()}},
                        note="Grupperne overlapper og summerer derfor ikke til alle ledige."),
    ]
    forbehold = grupper_forbehold(p)
    if forbehold:
        blokke.append(brief.Forbehold(forbehold, "Små tal"))
    return blokke


# --- 5. langtidsledige among the bruttoledige on a-dagpenge ----------------------------------------------------

def langtid_serie(p: BriefParametre, ydelsesgruppe: str | None = DAGPENGEGRUPPE) -> pd.DataFrame:
    """The share of langtidsledige among the bruttoledige on a-dagpenge (ydelsesgruppe=None: all of them)."""
    filt = {YDELSESGRUPPE: ydelsesgruppe} if ydelsesgruppe else {}
    return data.serie(LANGTID_ANDEL, omraader=p.omraader, fra=_fra(p), til=p.periode, **filt)


def langtid_antal(p: BriefParametre, ydelsesgruppe: str = DAGPENGEGRUPPE) -> tuple[float, float]:
    """(langtidsledige personer, bruttoledige personer) in the kommune and month: the persons behind the share."""
    def antal(maal: str) -> float:
        s = data.serie(LANGTID_ANDEL, omraader=[p.kommune], fra=p.periode, til=p.periode, maal=maal,
                       **{YDELSESGRUPPE: ydelsesgruppe})
        return fortaelling.vaerdi(s, p.kommune, p.periode)
    return antal(LANGTID_PERSONER), antal(BRUTTOLEDIGE_PERSONER)


def langtid_hvad(df: pd.DataFrame, n: float, p: BriefParametre, k: float = math.nan,
                 alle: float = math.nan) -> list[str]:
    """Level, comparison and change, then the share where the figure begins and the highest in the period
    (the 2023 minutes: '19 pct. … Til sammenligning var andelen 43 pct. i februar 2021'). With few
    bruttoledige on a-dagpenge (`n`), the persons behind the share (`k`, or worked back from the share) and
    its uncertainty. `alle` is the share among all bruttoledige, a-dagpenge and kontanthjælp together."""
    kom = p.kommune
    nu = fortaelling.vaerdi(df, kom, p.periode)
    if fmt.er_mangler(nu):
        return [f"Der er ikke oplyst en andel langtidsledige blandt de bruttoledige på a-dagpenge i {kom.navn} "
                f"i {p.periode.tekst}."]
    smaa = usikkerhed.er_smaa_tal(n)
    antal = k if not fmt.er_mangler(k) else usikkerhed.antal_beskaeftigede(nu, n)
    interval = fortaelling.interval_ved_faa(antal, n)
    out = [f"I {p.periode.tekst} var {fmt.pct(nu)} af de bruttoledige på a-dagpenge i {kom.navn} langtidsledige."]
    sammen = fortaelling.sammenligning(kom.navn, nu, [(o.navn, fortaelling.vaerdi(df, o, p.periode))
                                                      for o in p.sammenligning], "pct", interval)
    if sammen:
        out.append(sammen)
    out.append(fortaelling.aendring(kom.navn, nu, fortaelling.vaerdi(df, kom, p.periode.shift(-AAR)), "pct",
                                    p.periode, AAR, fortaelling.stoej(df, kom, p.periode)))
    foerste = faelles.foerste(df)
    start = fortaelling.vaerdi(df, kom, foerste)
    if foerste < p.periode.shift(-AAR) and not fmt.er_mangler(start):
        out.append(f"Til sammenligning var andelen {fmt.pct(start)} i {foerste.tekst}, hvor figuren begynder.")
    egne = df[(df["omraade_kode"] == kom.kode) & df["vaerdi"].notna()]
    if not egne.empty and egne.loc[egne["vaerdi"].idxmax(), "periode"] != foerste.kode:
        out.append(fortaelling.hoejeste(df, kom, "pct", "andel"))
    if not fmt.er_mangler(alle):
        out.append(f"Blandt alle bruttoledige i {kom.navn}, på a-dagpenge og kontanthjælp, var {fmt.pct(alle)} "
                   "langtidsledige.")
        maal = faelles.maaltal_saetning(p, alle, faelles.maaltal_for(p, LANGTID_ANDEL))
        if maal:  # the måltal is for all bruttoledige (the indicator), not the a-dagpenge curve: said here, no line
            out.append(f"Måltallet gælder andelen blandt alle bruttoledige. {maal}")
    if smaa:
        out.append(fortaelling.faa_personer(antal, n))
    return out


@faelles.kraever_opdeling
def langtid_figurblok(p: BriefParametre) -> brief.Figurblok:
    df = langtid_serie(p)
    k, n = langtid_antal(p)
    alle = fortaelling.vaerdi(langtid_serie(p, None), p.kommune, p.periode)
    maal = [maaltal.INDIKATOR] if faelles.maaltal_for(p, LANGTID_ANDEL) is not None else []
    return faelles.linjeblok(
        p, df, "Andel langtidsledige blandt dagpengemodtagerne",
        "Figuren viser Jobindsats' andel langtidsledige personer af de bruttoledige personer (tabel y25i09) i "
        "ydelsesgruppen a-dagpenge. Bruttoledige er ledige og aktiverede, der står til rådighed for arbejdsmarkedet.",
        langtid_hvad(df, n, p, k, alle), LANGTID_ANDEL, *maal,
        figurtitel="Langtidsledige i pct. af de bruttoledige på a-dagpenge", enhed="pct.")


# --- 6. ledige under 30 år and the target for ungeledigheden ------------------------------------------------

def unge_tal(unge: pd.DataFrame, ledige: pd.DataFrame, befolkning: list[pd.DataFrame]) -> pd.DataFrame:
    """Ledige 16-29-årige, all ledige and the 16-29-årige (the sum of the `befolkning` parts) per area and
    period, and the two shares computed from them. Columns omraade_kode, omraade, periode, unge, ledige,
    befolkning, andel_af_ledige, pct_af_befolkningen. A share is missing when a number behind it is: a sum
    with a missing part (no row, or no value) is missing, never a part taken for the whole."""
    noegle = ["omraade_kode", "periode"]
    out = unge[["omraade_kode", "omraade", "periode", "vaerdi"]].rename(columns={"vaerdi": "unge"})
    out = out.merge(ledige[noegle + ["vaerdi"]].rename(columns={"vaerdi": "ledige"}), on=noegle, how="left")
    out["befolkning"] = 0.0
    for i, b in enumerate(befolkning):
        out = out.merge(b[noegle + ["vaerdi"]].rename(columns={"vaerdi": f"_b{i}"}), on=noegle, how="left")
        out["befolkning"] = out["befolkning"] + out.pop(f"_b{i}")  # NaN + x is NaN
    out["andel_af_ledige"] = 100 * out["unge"] / out["ledige"].where(out["ledige"] > 0)
    out["pct_af_befolkningen"] = 100 * out["unge"] / out["befolkning"].where(out["befolkning"] > 0)
    return out


def unge_antal(p: BriefParametre, maaneder: int = 1, omraader=None) -> pd.DataFrame:
    """unge_tal for the brief's areas (or `omraader`) over the last `maaneder` months: ledige under 30 år
    (y25i01), all ledige and the 16-29-årige (FOLK1AM, 16-17 plus 18-29 år)."""
    omraader = p.omraader if omraader is None else omraader
    fra = _fra(p, maaneder)

    def serie(indikator: str) -> pd.DataFrame:
        return data.serie(indikator, omraader=omraader, fra=fra, til=p.periode)

    return unge_tal(serie(UNGE), serie(LEDIGE), [serie(i) for i in BEFOLKNING_UNGE])


def unge_serie(p: BriefParametre, maaneder: int | None = None) -> pd.DataFrame:
    """Ungeledigheden as the brief computes it: ledige 16-29-årige fuldtidspersoner in pct. of the
    16-29-årige, tidy (omraade_kode, omraade, periode, vaerdi)."""
    df = unge_antal(p, maaneder or p.maaneder)
    return df[["omraade_kode", "omraade", "periode", "pct_af_befolkningen"]].rename(
        columns={"pct_af_befolkningen": "vaerdi"})


def unge_aldre(p: BriefParametre) -> pd.Series:
    """The kommune's ledige under 30 år in the month by age group (16-24 år, 25-29 år)."""
    s = data.serie(UNGE, omraader=[p.kommune], fra=p.periode, til=p.periode, alder=None)  # None: the parts
    return s[s["alder"].isin(UNGE_ALDRE)].set_index("alder")["vaerdi"].reindex(list(UNGE_ALDRE))


def unge_hvad(df: pd.DataFrame, aldre: pd.Series, p: BriefParametre, maal: float | None) -> list[str]:
    """'I maj 2018 var der 131 ledige fuldtidspersoner under 30 år i Ballerup. Det er 1,8 pct. af de
    16-29-årige og 16,5 pct. af alle ledige.', the target, the comparison, the change over a year and the
    two age groups. `df` is unge_antal over at least 13 months."""
    k = p.kommune
    nu = df[(df["omraade_kode"] == k.kode) & (df["periode"] == p.periode.kode)]
    if nu.empty or fmt.er_mangler(nu["unge"].iloc[0]):
        return [f"Der er ikke oplyst et tal for ledige under 30 år i {k.navn} i {p.periode.tekst}."]
    r = nu.iloc[0]
    out = [f"I {p.periode.tekst} var der {fmt.tal(r['unge'])} ledige fuldtidspersoner under 30 år i {k.navn}."]
    dele = [f"{fmt.pct(r['pct_af_befolkningen'])} af de {UNGE_AARIGE}"
            if not fmt.er_mangler(r["pct_af_befolkningen"]) else "",
            f"{fmt.pct(r['andel_af_ledige'])} af alle ledige" if not fmt.er_mangler(r["andel_af_ledige"]) else ""]
    if any(dele):
        out.append(f"Det er {figures.opremsning([d for d in dele if d])}.")
    pct = df.rename(columns={"pct_af_befolkningen": "vaerdi"})
    x = r["pct_af_befolkningen"]
    if maal is not None:
        # mod_maal ends with '.' after the target, which ends with 'pct.' itself
        out.append(fortaelling.mod_maal(x, maal, "pct", maal_tekst=f"højst {fmt.pct(maal)}").replace("pct..", "pct."))
    if not fmt.er_mangler(x):
        sammen = fortaelling.sammenligning(k.navn, x, [(o.navn, fortaelling.vaerdi(pct, o, p.periode))
                                                       for o in p.sammenligning], "pct")
        if sammen:
            out.append(sammen)
        out.append(fortaelling.aendring(k.navn, x, fortaelling.vaerdi(pct, k, p.periode.shift(-AAR)), "pct",
                                        p.periode, AAR, fortaelling.stoej(pct, k, p.periode)))
    if aldre.notna().all():
        dele = [f"{fmt.tal(v)} i alderen {a}" for a, v in aldre.items()]
        out.append(f"Af de ledige under 30 år er {figures.opremsning(dele)}.")
    return out


def _unge_hvordan(p: BriefParametre, foerste: Periode) -> list[str]:
    return [
        f"Figuren viser ledige fuldtidspersoner på {UNGE_ALDER_TEKST} (Jobindsats, tabel y25i01, aldersgrupperne "
        f"{figures.opremsning(UNGE_ALDRE)}) i pct. af befolkningen på {UNGE_ALDER_TEKST} den 1. i måneden "
        "(Danmarks Statistik, FOLK1AM, 16-17 år plus 18-29 år). Procenten er regnet af noegletal ud fra de to "
        "kilder; den er ikke et officielt tal.",
        "Det er ikke den ungeledighedsprocent, Ballerup fulgte 2014-2018 (18-29-årige på dagpenge, kontant- og "
        "uddannelseshjælp, også aktivitetsparate, i pct. af de 18-29-årige): den opgørelse giver ingen af "
        "kilderne i dag, og tallene kan ikke sammenlignes.",
        faelles.sammenlignet(p, foerste),
    ]


@faelles.kraever_opdeling
def unge_figurblok(p: BriefParametre) -> brief.Figurblok:
    """Ungeledigheden against the comparison areas, and the target (given to `valider`) as a line."""
    maal_ = maal(p)
    df = unge_serie(p)
    figur = figures.linjefigur(df, roller=faelles.roller(p),
                               titel=f"Ledige {UNGE_AARIGE} i pct. af befolkningen {UNGE_ALDER_TEKST}",
                               enhed="pct.")
    if maal_ is not None:
        figur = faelles.maallinje(figur, maal_, "pct.")
    hvordan = _unge_hvordan(p, faelles.foerste(df))
    if maal_ is not None:
        hvordan.append(f"Den vandrette prikkede linje er målet på højst {fmt.pct(maal_)}")
    hvad = unge_hvad(unge_antal(p, AAR + 1), unge_aldre(p), p, maal_)
    return faelles.figurblok("Ledige under 30 år", figur, hvordan, hvad, UNGE, LEDIGE, *BEFOLKNING_UNGE)


def unge_tabel(p: BriefParametre) -> pd.DataFrame:
    """Per area in the month: ledige under 30 år (fuldtidspersoner), their share of all ledige and of the
    16-29-årige."""
    df = unge_antal(p).set_index("omraade").reindex(_navne(p))
    out = pd.DataFrame({KOLONNE_UNGE_ANTAL: df["unge"], KOLONNE_UNGE_AF_LEDIGE: df["andel_af_ledige"],
                        KOLONNE_UNGE_AF_BEFOLKNING: df["pct_af_befolkningen"]})
    out.index.name = "Område"
    return out


@faelles.kraever_opdeling
def unge_tabelblokke(p: BriefParametre) -> list[brief.Tabelblok]:
    """The month per area (count and both shares), then the share of the population month by month."""
    maal_ = maal(p)
    maaned = brief.Tabelblok(
        f"Ledige under 30 år, {p.periode.tekst}", unge_tabel(p),
        kolonneformat={KOLONNE_UNGE_ANTAL: "tal", KOLONNE_UNGE_AF_LEDIGE: "tal1", KOLONNE_UNGE_AF_BEFOLKNING: "tal1"},
        note=f"Fuldtidspersoner på {UNGE_ALDER_TEKST}. Andelene er regnet af noegletal: af alle ledige "
             f"fuldtidspersoner og af befolkningen på {UNGE_ALDER_TEKST} (FOLK1AM).")
    t = bred(unge_serie(p, TABEL_MAANEDER), raekke(p.periode, TABEL_MAANEDER), _navne(p))
    note = f"Målet for {p.kommune.navn}: højst {fmt.pct(maal_)}" if maal_ is not None else None
    udvikling = brief.Tabelblok(
        f"Ungeledighed: ledige {UNGE_AARIGE} fuldtidspersoner i pct. af befolkningen "
        f"{UNGE_ALDER_TEKST}", t, kolonneformat={c: "tal1" for c in t.columns}, note=note)
    return [maaned, udvikling]


# --- ydelsesmodtagere med lønnede timer (y60j01, per year) ---------------------------------------------------
LOENTIMER_TITEL = "Ydelsesmodtagere med lønnede timer"


def loentimer_aar(p: BriefParametre) -> Periode:
    """The latest whole year at the brief's month (2018M06 → 2017; 2018M12 → 2018)."""
    return periode(str(p.periode.aar if p.periode.nr == 12 else p.periode.aar - 1))


def loentimer_omraader(p: BriefParametre) -> list:
    """The kommune, Hele landet (always: its development is the yardstick) and the other comparison areas."""
    from .. import geo

    return list(dict.fromkeys([p.kommune, geo.hele_landet(), *p.sammenligning]))


def loentimer_serie(p: BriefParametre, indikator: str = LOENTIMER) -> pd.DataFrame:
    return data.serie(indikator, omraader=loentimer_omraader(p), til=loentimer_aar(p))


def loentimer_hvad(p: BriefParametre) -> list[str]:
    """The kommune's share with hours in the latest whole year (with the persons behind it), against Hele
    landet and the others, and each one's development since the first year."""
    from .. import geo

    df = loentimer_serie(p)
    aar, k, land = loentimer_aar(p), p.kommune, geo.hele_landet()
    nu = fortaelling.vaerdi(df, k, aar)
    if fmt.er_mangler(nu):
        return [f"Der er ikke oplyst en andel med lønnede timer for {k.navn} i {aar.tekst}."]
    med = fortaelling.vaerdi(loentimer_serie(p, LOENTIMER_PERSONER), k, aar)
    i_alt = fortaelling.vaerdi(loentimer_serie(p, LOENTIMER_I_ALT), k, aar)
    bag = "" if fmt.er_mangler(med) or fmt.er_mangler(i_alt) else f" ({fmt.tal(med)} af {fmt.tal(i_alt)} personer)"
    out = [f"I {aar.tekst} havde {fmt.pct(nu)} af ydelsesmodtagerne i {k.navn} ordinære lønnede timer{bag}."]
    andre = [o for o in loentimer_omraader(p) if o != k]
    sammen = fortaelling.sammenligning(k.navn, nu, [(o.navn, fortaelling.vaerdi(df, o, aar)) for o in andre], "pct")
    if sammen:
        out.append(sammen)
    foerste = periode(df["periode"].min())
    if foerste.kode != aar.kode:
        skridt = aar.aar - foerste.aar
        for o in (k, land):
            out.append(fortaelling.aendring(o.navn, fortaelling.vaerdi(df, o, aar), fortaelling.vaerdi(df, o, foerste),
                                            "pct", aar, skridt))
    return out


def loentimer_blokke(p: BriefParametre) -> list[brief.Blok]:
    """Ydelsesmodtagere med lønnede timer: the kommune's share per year beside Hele landet's, and a table;
    a box when y60j01 is not in the data."""
    if not faelles.har_tabel("y60j01"):
        return [brief.Forbehold([
            "Andelen af ydelsesmodtagere med lønnede timer kræver Jobindsats' tabel y60j01, som ikke er i data.",
            "`noegletal data tjek --tabel y60j01` viser, om Jobindsats har den under det navn; hent den med "
            "`noegletal data fetch --tabel y60j01`, og lav briefen igen.",
        ], titel="Tabel mangler")]
    df = loentimer_serie(p)
    roller = {**faelles.roller(p), loentimer_omraader(p)[1].navn: "land"}
    figur = figures.linjefigur(df, roller=roller, titel=LOENTIMER_TITEL, enhed="pct.", y_fra_nul=True)
    foerste = periode(df["periode"].min())
    hvordan = ["Figuren viser andelen af ydelsesmodtagerne med ordinære lønnede timer i året (Jobindsats, tabel "
               "y60j01): personer med ordinære løntimer i procent af alle personer på ydelserne.",
               fortaelling.sammenlignet_med(p.kommune, loentimer_omraader(p)[1:],
                                            f"hvert år fra {foerste.tekst} til {loentimer_aar(p).tekst}")]
    figurblok = faelles.figurblok(LOENTIMER_TITEL, figur, hvordan, loentimer_hvad(p), *LOENTIMER_KILDER)
    t = bred(df, sorted({periode(x) for x in df["periode"]}, key=lambda x: x.kode),
             [o.navn for o in loentimer_omraader(p)])
    t.index.name = "År"
    tabel = brief.Tabelblok(f"{LOENTIMER_TITEL}, pct. af ydelsesmodtagerne", t,
                            kolonneformat={c: "tal1" for c in t.columns})
    return [figurblok, tabel]
