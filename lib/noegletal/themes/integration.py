"""Integration brief: employment among refugees and family-reunified (ministermål), by CPR-year cohort, the
Integrationsbarometer, and the recipients of integrationsydelse.

Reproduces the 2018 notat on the Integrationsbarometer (Ballerup) and Tabel 4 of the 2020 follow-up, and
adds what the notat did by hand: the number of persons behind every share and an interval when it is small.

The ministermål cohorts and the Integrationsbarometer are egne data (tables `ministermaal` and
`integrationsbarometer`): no API serves them, so a real data folder may lack them. Then their blocks are
replaced by `faelles.mangler_egne_data` and the rest of the brief is made. Integrationsydelse comes from
Jobindsats: persons on kontanthjælp at the two Mindstesats rates (y60a02) and those of them activated in
virksomhedspraktik or løntilskud (y60c02); the shares are computed here.
Pure functions: parameters in, DataFrames and sentences out. (About 500 lines: one module per brief, each
section's data, sentences and blocks together in the order the brief reads.)
"""

from __future__ import annotations

import math

import pandas as pd

from .. import brief, catalogue, data, figures, fmt, fortaelling, geo, params, usikkerhed
from ..errors import ManglendeData, UgyldigParameter, ekko
from ..params import BriefParametre
from ..periods import Periode, periode
from . import Tema, faelles

ANDEL = "ministermaal_andel"
ANTAL = "ministermaal_antal"
BESKAEFTIGEDE = "ministermaal_beskaeftigede"
BAROMETER_PERSONER = "integrationsbarometer_personer"
BAROMETER_BESKAEFTIGEDE = "integrationsbarometer_beskaeftigede"
BAROMETER_ANDEL = "integrationsbarometer_andel"
YDELSE_PERSONER = "integrationsydelse_personer"
YDELSE_JOBPARATE = "integrationsydelse_jobparate"
YDELSE_VIRKSOMHED = "integrationsydelse_virksomhedsrettet"
MINISTERMAAL = catalogue.indicator(ANDEL).table  # egne data
BAROMETER = catalogue.indicator(BAROMETER_ANDEL).table  # egne data
# What every brief needs (Jobindsats): the period is checked against it before anything is drawn.
KERNE = YDELSE_PERSONER
ALLE = (ANDEL, ANTAL, BESKAEFTIGEDE, BAROMETER_PERSONER, BAROMETER_BESKAEFTIGEDE, BAROMETER_ANDEL,
        YDELSE_PERSONER, YDELSE_JOBPARATE, YDELSE_VIRKSOMHED)
TEMA = Tema(navn="integration", titel="Beskæftigelse blandt flygtninge og familiesammenførte", orden=10,
            indikatorer=ALLE, valgfri=("maaltal",))

ANTAL_KOHORTER = 6  # the notat's second table: the six latest CPR years
TABEL_MAANEDER = 12  # the notat's first table: about a year of months
I_ALT = "I alt"

# Column headers as the notat prints them.
ANDEL_OVERSKRIFT = "Andel beskæft. flygtninge og fam. til flygtninge i måneden, pct. (ministermål)"
ANTAL_OVERSKRIFT = "Antal flygtninge og familiesammenførte til flygtninge"
# Shorter headers for the month-by-month table, explained in its note.
KOLONNE_ANDEL = "Andel i beskæft., pct."
KOLONNE_ANTAL = "Antal personer"
KOLONNE_BESKAEFTIGEDE = "Heraf i beskæft."
KOLONNE_INTERVAL = "95 pct.-interval, pct."

MINISTERMAAL_HVAD = "Ministerens mål for beskæftigelse blandt flygtninge og familiesammenførte til flygtninge"
BAROMETER_HVAD = "Integrationsbarometerets kommunefordelte opgørelse"


def kohorte(aar: int | str) -> str:
    """The data's value of a CPR-year cohort: the year as text, '2014' (as the egne-data sheet writes it)."""
    return str(int(aar))


def kohorte_navn(aar: int | str) -> str:
    """The cohort as the notat prints it: 'Udstedelse af cpr-nummer i 2014'."""
    return f"Udstedelse af cpr-nummer i {int(aar)}"


def har_ministermaal() -> bool:
    """Whether the ministermål cohorts (egne data) have been imported."""
    return faelles.har_tabel(MINISTERMAAL)


def har_barometer() -> bool:
    """Whether the Integrationsbarometer (egne data) has been imported."""
    return faelles.har_tabel(BAROMETER)


def kohorter() -> list[int]:
    """The CPR years the data have (for validation messages); the pooled '2009 eller før' is not one."""
    values = data.vaerdier(MINISTERMAAL, "cpr_aar")
    return sorted(int(v) for v in values if str(v).strip().isdigit())


def valider(kommune: str, periode: str, sammenligning: str | list[str] | None = None, maaneder: int = 25,
            cpr_aar=2014, maaltal: str = params.ALLE_MAALTAL) -> BriefParametre:
    """The brief's parameters: what every brief checks (params.valider, the month with integrationsydelse),
    and the cohort (`valider_cpr_aar`)."""
    p = params.valider(TEMA.navn, kommune, periode, sammenligning, maaneder, kraev=(KERNE,), maaltal=maaltal)
    return p.med({"cpr_aar": valider_cpr_aar(cpr_aar, p.periode)})


def cpr_aar(p: BriefParametre) -> int:
    """The cohort given to `valider`: the year its cpr-numbers were issued."""
    return p.vaerdier["cpr_aar"]


def seneste_kohorter(p: BriefParametre, antal: int = ANTAL_KOHORTER) -> list[int]:
    """The latest `antal` CPR years up to the period's year (the notat's second table)."""
    return [a for a in kohorter() if a <= p.periode.aar][-antal:]


def valider_cpr_aar(cpr_aar, p: Periode) -> int:
    """A whole year; when the ministermål data are there, one of their cohorts up to the period's year."""
    try:
        aar = int(cpr_aar)
    except (TypeError, ValueError):
        raise UgyldigParameter(f"cpr_aar skal være et årstal, fx 2014, ikke '{ekko(cpr_aar)}'.") from None
    if not har_ministermaal():
        return aar
    gyldige = [a for a in kohorter() if a <= p.aar]
    if aar not in gyldige:
        raise UgyldigParameter(
            f"Der er ingen årgang {aar} i data for {p.tekst}. Vælg et af: {', '.join(map(str, gyldige))}."
        )
    return aar


def _wide(indikator: str, p: BriefParametre, fra: Periode, omraader=None, **filter) -> pd.DataFrame:
    """Periods × area names for one indicator."""
    return faelles.bred(data.serie(indikator, omraader=omraader or p.omraader, fra=fra, til=p.periode, **filter))


def kohorte_serie(p: BriefParametre, cpr_aar: int) -> pd.DataFrame:
    """Tidy series of the cohort's share for the kommune and its comparison areas (for the chart)."""
    return data.serie(ANDEL, omraader=p.omraader, fra=p.serie_fra, til=p.periode,
                      cpr_aar=kohorte(cpr_aar))


def kohorte_tabel(p: BriefParametre, cpr_aar: int, maaneder: int = TABEL_MAANEDER) -> pd.DataFrame:
    """The notat's first table, month by month (share and persons), plus the persons employed, an
    interval for the share and the comparison areas' share."""
    fra = p.periode.shift(-(maaneder - 1))
    k = p.kommune.navn
    f = {"cpr_aar": kohorte(cpr_aar)}
    andel = _wide(ANDEL, p, fra, **f)
    antal = _wide(ANTAL, p, fra, [p.kommune], **f)[k]
    besk = _wide(BESKAEFTIGEDE, p, fra, [p.kommune], **f)[k]
    out = pd.DataFrame(index=andel.index)
    out[(k, KOLONNE_ANDEL)] = andel[k]
    out[(k, KOLONNE_ANTAL)] = antal
    out[(k, KOLONNE_BESKAEFTIGEDE)] = besk
    out[(k, KOLONNE_INTERVAL)] = [usikkerhed.interval_celle(b, n) for b, n in zip(besk, antal)]
    for o in p.sammenligning:
        out[(o.navn, KOLONNE_ANDEL)] = andel.get(o.navn, math.nan)
    out.columns = pd.MultiIndex.from_tuples(out.columns)
    out.index.name = "Måned"
    return out


def kohorter_i_maaned(p: BriefParametre, antal: int = ANTAL_KOHORTER) -> pd.DataFrame:
    """The notat's second table: the latest cohorts in the chosen month, comparison area(s) and kommune."""
    aar = seneste_kohorter(p, antal)
    navne = [o.navn for o in p.sammenligning] + [p.kommune.navn]
    rows = {}
    for indikator, overskrift in ((ANDEL, ANDEL_OVERSKRIFT), (ANTAL, ANTAL_OVERSKRIFT)):
        s = data.serie(indikator, omraader=p.omraader, fra=p.periode, til=p.periode,
                       cpr_aar=[kohorte(a) for a in aar])
        wide = faelles.bred(s, index="cpr_aar")
        for navn in navne:
            rows[(overskrift, p.periode.kode, navn)] = wide.get(navn, pd.Series(dtype=float))
    out = pd.DataFrame(rows).reindex([kohorte(a) for a in aar])
    out.index = [kohorte_navn(a) for a in aar]
    out.columns = pd.MultiIndex.from_tuples(out.columns)
    out.index.name = ""
    return out


def kohorter_tidy(p: BriefParametre, antal: int = ANTAL_KOHORTER) -> pd.DataFrame:
    """Shares by cohort for the chart: columns aargang, omraade, vaerdi."""
    aar = seneste_kohorter(p, antal)
    s = data.serie(ANDEL, omraader=p.omraader, fra=p.periode, til=p.periode, cpr_aar=[kohorte(a) for a in aar])
    return s.assign(aargang=s["cpr_aar"].map(lambda a: f"CPR {a}"))


def smaa_kohorter(p: BriefParametre, antal: int = ANTAL_KOHORTER) -> list[str]:
    """Sentences for the kommune's cohorts that rest on few persons: 'Årgang 2012: 4 af 14 personer …'."""
    aar = seneste_kohorter(p, antal)
    f = {"cpr_aar": [kohorte(a) for a in aar]}
    n = data.serie(ANTAL, omraader=[p.kommune], fra=p.periode, til=p.periode, **f).set_index("cpr_aar")["vaerdi"]
    k = data.serie(BESKAEFTIGEDE, omraader=[p.kommune], fra=p.periode, til=p.periode, **f).set_index("cpr_aar")["vaerdi"]
    out = []
    for a in aar:
        key = kohorte(a)
        if key in n and usikkerhed.er_smaa_tal(n[key]):
            out.append(f"Årgang {a}: {fortaelling.k_af_n(k.get(key, math.nan), n[key])}.")
    return out


def ministermaal_serie(p: BriefParametre) -> pd.DataFrame:
    """All cohorts together ('I alt') over the brief's months, tidy (Tabel 4 of the 2020 follow-up)."""
    return data.serie(ANDEL, omraader=p.omraader, fra=p.serie_fra, til=p.periode,
                      cpr_aar=I_ALT)


def ministermaal_tabel(p: BriefParametre) -> pd.DataFrame:
    """Tabel 4: month by month, the kommune's share first, then the comparison areas."""
    s = ministermaal_serie(p)
    wide = faelles.bred(s, maaned=True)
    return wide[[n for n in [p.kommune.navn, *(o.navn for o in p.sammenligning)] if n in wide.columns]]


def barometer(p: BriefParametre) -> dict:
    """The Integrationsbarometer's quarterly figure for the kommune: k of n, share, previous quarter.
    ManglendeData when the table (egne data) has no row for the kommune's latest whole quarter."""
    q = faelles.seneste_hele_kvartal(p.periode)
    kw = dict(omraader=[p.kommune], fra=q.shift(-1), til=q)
    n = data.serie(BAROMETER_PERSONER, **kw).set_index("periode")["vaerdi"]
    k = data.serie(BAROMETER_BESKAEFTIGEDE, **kw).set_index("periode")["vaerdi"]
    andel = data.serie(BAROMETER_ANDEL, **kw).set_index("periode")["vaerdi"]
    if q.kode not in n.index:
        raise ManglendeData(f"Integrationsbarometeret har ingen tal for {p.kommune.navn} i {q.tekst}.")
    return {"kvartal": q, "n": n.get(q.kode, math.nan), "k": k.get(q.kode, math.nan),
            "andel": andel.get(q.kode, math.nan), "forrige": andel.get(q.shift(-1).kode, math.nan)}


def barometer_tekst(p: BriefParametre) -> tuple[list[str], list[str]]:
    """The notat's opening, computed: (sentences, caveats). How many persons, how many employed, the
    quarter before; and, when the quarter rests on few persons, how uncertain the share is."""
    try:
        b = barometer(p)
    except ManglendeData:
        q = faelles.seneste_hele_kvartal(p.periode)
        return [f"Integrationsbarometeret (egne data, tabel {BAROMETER}) har ingen tal for {p.kommune.navn} i "
                f"{q.tekst}{_spaend(BAROMETER_PERSONER)}."], []
    q, n, k = b["kvartal"], b["n"], b["k"]
    if fmt.er_mangler(n) or fmt.er_mangler(k) or n <= 0:
        return [f"Integrationsbarometeret har ikke oplyst tal for {p.kommune.navn} i {q.tekst}."], []
    tekst = [f"I Integrationsbarometerets kommunefordelte opgørelse for {q.tekst} indgår i alt {fmt.tal(n)} "
             f"personer for {p.kommune.navn}, hvoraf {fmt.tal(k)} var i beskæftigelse, svarende til "
             f"{fmt.tal(100 * k / n)} pct."]
    if not fmt.er_mangler(b["forrige"]):
        tekst.append(f"I kvartalet forinden ({q.shift(-1).tekst}) var andelen {fmt.tal(b['forrige'])} pct.")
    forbehold = []
    if usikkerhed.er_smaa_tal(n):
        lo, hi = usikkerhed.wilson(k, n)
        forbehold.append(
            f"Der indgår kun {fmt.tal(n)} personer. Små ændringer i antallet af beskæftigede giver en stor "
            f"procentvis forskel: én person flytter andelen {fmt.tal(100 / n)} procentpoint, og den sande andel "
            f"kan ligge et sted mellem {fmt.tal(lo)} og {fmt.tal(hi)} pct. (95 pct.-interval). Et større og mere "
            "solidt datagrundlag fås ved også at se på de øvrige årgange nedenfor.")
    return tekst, forbehold


def kohorte_hvad(p: BriefParametre, cpr_aar: int) -> list[str]:
    """'Hvad viser figuren?' for one cohort: level, change over 12 months, comparison (within the
    uncertainty when the share rests on few persons), and the persons behind it."""
    f = {"cpr_aar": kohorte(cpr_aar)}
    n = fortaelling.vaerdi(data.serie(ANTAL, omraader=[p.kommune], **f), p.kommune, p.periode)
    k = fortaelling.vaerdi(data.serie(BESKAEFTIGEDE, omraader=[p.kommune], **f), p.kommune, p.periode)
    smaa = usikkerhed.er_smaa_tal(n)
    sentences = fortaelling.hvad_viser(kohorte_serie(p, cpr_aar), p.kommune, list(p.sammenligning), p.periode,
                                       "pct", f"andelen i beskæftigelse for årgang {cpr_aar}",
                                       interval=fortaelling.interval_ved_faa(k, n))
    if smaa:
        sentences.append(fortaelling.faa_personer(k, n) + " Små ændringer i antallet af beskæftigede giver store "
                         "udsving i andelen.")
    return sentences


# --- integrationsydelse (Jobindsats) ----------------------------------------------------------------------
# Each share: its numerator indicator, the chart's title, what the sentences call it, how it is made.
YDELSE_MAAL = (
    (YDELSE_VIRKSOMHED, "Andel i virksomhedsrettet tilbud", "andelen i virksomhedsrettet tilbud", [
        "Figuren viser aktiverede i virksomhedspraktik eller løntilskud i pct. af modtagerne af integrationsydelse "
        "(fra 2019 selvforsørgelses- og hjemrejseydelse): kontanthjælp på mindstesats i Jobindsats.",
        "Andelen er regnet af noegletal: aktiverede i 'Virksomhedspraktik i alt' plus 'Ansættelse med løntilskud "
        "i alt' på de to mindstesatser (tabel y60c02, antal aktiverede) delt med personer på de to mindstesatser "
        "(tabel y60a02, antal personer). En person i både praktik og løntilskud i samme måned tælles to gange, "
        "så andelen kan være lidt for høj.",
    ]),
    (YDELSE_JOBPARATE, "Andel jobparate", "andelen jobparate", [
        "Figuren viser jobparate i pct. af modtagerne af integrationsydelse (fra 2019 selvforsørgelses- og "
        "hjemrejseydelse): kontanthjælp på mindstesats i Jobindsats.",
        "Andelen er regnet af noegletal: jobparate personer på de to mindstesatser ('Mindstesats omfattet af "
        "program' og 'Mindstesats øvrige', tabel y60a02) delt med alle personer på de to mindstesatser.",
    ]),
)


def _bred_ydelse(indikator: str, omraader: list, fra: Periode, til: Periode) -> pd.DataFrame:
    return faelles.bred(data.serie(indikator, omraader=omraader, fra=fra, til=til), kolonne="omraade_kode")


def ydelse_andel(indikator: str, omraader: list, fra: Periode, til: Periode) -> pd.DataFrame:
    """A numerator indicator in pct. of the persons on integrationsydelse, tidy (omraade_kode, omraade,
    periode, vaerdi, taeller, naevner). Missing when either count is missing or there is nobody (never 0)."""
    koder = {o.kode: o.navn for o in (geo.omraade(x) for x in omraader)}
    perioder = [fra.shift(i).kode for i in range(til - fra + 1)]
    k = _bred_ydelse(indikator, omraader, fra, til).reindex(index=perioder, columns=list(koder)).astype(float)
    n = _bred_ydelse(YDELSE_PERSONER, omraader, fra, til).reindex(index=perioder, columns=list(koder)).astype(float)
    andel = faelles.andel(k, n)
    out = pd.DataFrame({
        "omraade_kode": [c for _ in perioder for c in koder],
        "omraade": [koder[c] for _ in perioder for c in koder],
        "periode": [q for q in perioder for _ in koder],
    })
    for navn, w in (("vaerdi", andel), ("taeller", k), ("naevner", n)):
        out[navn] = w.to_numpy().reshape(-1)
    return out


def har_ydelsesdata(p: BriefParametre) -> bool:
    """True when the kommune has persons on integrationsydelse in the month."""
    try:
        s = data.serie(YDELSE_PERSONER, omraader=[p.kommune], fra=p.periode, til=p.periode)
    except ManglendeData:
        return False
    return bool(s["vaerdi"].notna().any())


def ydelse_grundlag(k, n) -> str:
    """The persons behind the kommune's share; 'k af n' and an interval when they are few."""
    return fortaelling.grundlag(k, n, "modtagere af integrationsydelse")


def _spaend(indikator: str) -> str:
    """' (tabellen har tal fra 2013M01 til 2024M12)' for a message about a period without data."""
    try:
        have = data.perioder(indikator)
    except ManglendeData:
        return ""
    return f" (tabellen har tal fra {have[0]} til {have[-1]})" if have else " (tabellen har ingen tal)"


def ministermaal_har_maaned(p: BriefParametre) -> bool:
    """Whether the imported ministermål data have the brief's month, for any cohort (a file with only the
    notat's cohorts and no 'I alt' still fills the notat's two tables)."""
    s = data.serie(ANDEL, fra=p.periode, til=p.periode, cpr_aar=None)
    return bool(s["vaerdi"].notna().any())


def ministermaal_i_alt_har_maaned(p: BriefParametre) -> bool:
    """Whether the month has the 'I alt' row (all cohorts together), which 'Ministerens mål over tid' shows."""
    return p.periode.kode in data.perioder(ANDEL)


# --- blocks for the notebook ----------------------------------------------------------------------------
# Each *_blokke function is one section of the brief. Where the section needs egne data that are not
# imported, it returns the "Egne data mangler" box instead (the ministermål's box once, in the first of its
# three sections; the two others point to it), and the rest of the brief is made.

def barometer_blokke(p: BriefParametre) -> list[brief.Blok]:
    """The notat's opening paragraph, and a caveat box when the quarter rests on few persons."""
    if not har_barometer():
        return [faelles.mangler_egne_data(BAROMETER, BAROMETER_HVAD)]
    tekst, forbehold = barometer_tekst(p)
    blokke: list[brief.Blok] = [brief.Tekst(" ".join(tekst))]
    if forbehold:
        blokke.append(brief.Forbehold(forbehold, "Datagrundlaget er spinkelt"))
    return blokke


def _ministermaal_mangler(p: BriefParametre, foerste: bool) -> list[brief.Blok] | None:
    """What stands instead of a ministermål section when its data are missing; None when they are there."""
    if not har_ministermaal():
        if foerste:
            return [faelles.mangler_egne_data(MINISTERMAAL, MINISTERMAAL_HVAD)]
        return [brief.Tekst(f"Afsnittet kræver de samme egne data (tabel {MINISTERMAAL}); se boksen "
                            "\"Egne data mangler\" ovenfor.")]
    if not ministermaal_har_maaned(p):
        if foerste:
            return [brief.Tekst(f"De indlæste egne data for ministerens mål (tabel {MINISTERMAAL}) har ingen tal "
                                f"for {p.periode.tekst}{_spaend(ANDEL)}. Indlæs data, der når til "
                                f"{p.periode.tekst}, med `noegletal data importer FIL --tabel {MINISTERMAAL}`.")]
        return [brief.Tekst(f"Ingen tal for {p.periode.tekst} i tabel {MINISTERMAAL}; se ovenfor.")]
    return None


def kohorte_blokke(p: BriefParametre) -> list[brief.Blok]:
    """The cohort given to `valider`, month by month: the chart and the notat's first table."""
    aar = cpr_aar(p)
    return _ministermaal_mangler(p, foerste=True) or [kohorte_figurblok(p, aar), kohorte_tabelblok(p, aar)]


def kohorter_blokke(p: BriefParametre) -> list[brief.Blok]:
    """Every cohort in the month: the chart and the notat's second table."""
    return _ministermaal_mangler(p, foerste=False) or [kohorter_figurblok(p), kohorter_tabelblok(p)]


def ministermaal_blokke(p: BriefParametre) -> list[brief.Blok]:
    """All cohorts together over time: the chart and Tabel 4 of the 2020 follow-up."""
    mangler = _ministermaal_mangler(p, foerste=False)
    if mangler:
        return mangler
    if not ministermaal_i_alt_har_maaned(p):
        return [brief.Tekst(f"De indlæste egne data (tabel {MINISTERMAAL}) har ingen række med alle årgange "
                            f"('I alt') for {p.periode.tekst}, så ministerens mål over tid kan ikke vises. Tilføj "
                            f"rækker med Udstedelse af cpr-nummer = I alt, og indlæs filen igen.")]
    return [ministermaal_figurblok(p), ministermaal_tabelblok(p)]


def kohorte_figurblok(p: BriefParametre, cpr_aar: int) -> brief.Figurblok:
    df = kohorte_serie(p, cpr_aar)
    figur = figures.linjefigur(df, roller=faelles.roller(p), titel=f"Andel i beskæftigelse, årgang {cpr_aar}", enhed="pct.")
    foerste, sidste = faelles.foerste(df), faelles.sidste(df)
    hvordan = [
        f"Figuren viser andelen i beskæftigelse blandt flygtninge og familiesammenførte til flygtninge, der fik "
        f"cpr-nummer i {cpr_aar} og var over 18 år ved ankomsten (ministerens mål).",
        faelles.sammenlignet(p, foerste, sidste),
    ]
    return faelles.figurblok(f"Beskæftigede flygtninge og familiesammenførte, årgang {cpr_aar}", figur,
                             hvordan, kohorte_hvad(p, cpr_aar), ANDEL, ANTAL)


def kohorte_tabelblok(p: BriefParametre, cpr_aar: int) -> brief.Tabelblok:
    return brief.Tabelblok(
        f"Ministerens mål. Antal og andel beskæftigede flygtninge og familiesammenførte til flygtninge. "
        f"Udstedelse af cpr-nummer i {cpr_aar}. Over 18 år ved ankomst til landet",
        kohorte_tabel(p, cpr_aar),
        kolonneformat={KOLONNE_ANDEL: "tal1", KOLONNE_ANTAL: "tal", KOLONNE_BESKAEFTIGEDE: "tal",
                       KOLONNE_INTERVAL: "tekst"},
        note=f"Andel i beskæft.: {ANDEL_OVERSKRIFT}. Antal personer: {ANTAL_OVERSKRIFT}. Intervallet er et "
             f"95 pct.-konfidensinterval (Wilson) for andelen; det viser, hvor usikker en andel er, når den bygger "
             f"på få personer (under {usikkerhed.SMAA_TAL_GRAENSE}).",
    )


def kohorter_tabelblok(p: BriefParametre) -> brief.Tabelblok:
    return brief.Tabelblok(
        "Ministerens mål. Antal og andel beskæftigede flygtninge og familiesammenførte til flygtninge. "
        "Over 18 år ved ankomst til landet",
        kohorter_i_maaned(p), kolonneformat={ANDEL_OVERSKRIFT: "tal1", ANTAL_OVERSKRIFT: "tal"},
    )


def kohorter_figurblok(p: BriefParametre) -> brief.Figurblok:
    df = kohorter_tidy(p)
    figur = figures.soejlefigur(df, x="aargang", roller=faelles.roller(p), titel=f"Andel i beskæftigelse efter årgang, {p.periode.tekst}", enhed="pct.")
    hvordan = [
        f"Figuren viser andelen i beskæftigelse i {p.periode.tekst} for hver årgang (året for udstedelse af "
        "cpr-nummer) blandt flygtninge og familiesammenførte over 18 år ved ankomst.",
        faelles.sammenlignet(p),
    ]
    return faelles.figurblok("Beskæftigelse efter årgang", figur, hvordan, kohorter_hvad(p), ANDEL, ANTAL)


def kohorter_hvad(p: BriefParametre) -> list[str]:
    """How many cohorts the kommune is above the comparison in, and how many rest on few persons."""
    df = kohorter_tidy(p)
    wide = faelles.bred(df, index="aargang")
    k = p.kommune.navn
    out = []
    for o in p.sammenligning:
        if o.navn in wide and k in wide:
            both = wide[[k, o.navn]].dropna()
            hoejere = int((both[k] > both[o.navn]).sum())
            out.append(f"{k} har en højere beskæftigelsesandel end {o.navn} i {hoejere} af {len(both)} årgange.")
    smaa = smaa_kohorter(p)
    if smaa:
        out.append(f"{len(smaa)} af årgangene i {k} bygger på under {usikkerhed.SMAA_TAL_GRAENSE} personer, så "
                   "forskellene skal læses med forsigtighed:")
        out += smaa
    return out


def ministermaal_figurblok(p: BriefParametre) -> brief.Figurblok:
    df = ministermaal_serie(p)
    figur = figures.linjefigur(df, roller=faelles.roller(p), titel="Andel beskæftigede flygtninge og familie til flygtninge", enhed="pct.")
    foerste, sidste = faelles.foerste(df), faelles.sidste(df)
    hvordan = [
        "Figuren viser andelen i beskæftigelse blandt alle flygtninge og familiesammenførte til flygtninge i "
        "ministerens mål, uanset årgang.",
        fortaelling.saetning(fortaelling.hver_maaned(foerste, sidste)),
    ]
    hvad = fortaelling.hvad_viser(df, p.kommune, list(p.sammenligning), p.periode, "pct", "andelen i beskæftigelse")
    return faelles.maaltal_figurblok(p, ANDEL, fortaelling.vaerdi(df, p.kommune, p.periode),
                                     "Ministerens mål: andel beskæftigede flygtninge og familie til flygtninge", figur,
                                     hvordan, hvad, ANDEL)


def ministermaal_tabelblok(p: BriefParametre) -> brief.Tabelblok:
    t = faelles.maaltal_kolonne(ministermaal_tabel(p), p, ANDEL)
    return brief.Tabelblok("Andel beskæftigede flygtninge og familie til flygtninge i måneden, pct.", t,
                           kolonneformat={c: "tal1" for c in t.columns})


@faelles.kraever_opdeling
def ydelse_blokke(p: BriefParametre) -> list[brief.Blok]:
    """Integrationsydelse: the shares in virksomhedsrettet tilbud and jobparate, computed from Jobindsats'
    counts; says so plainly when the kommune has no persons on integrationsydelse in the month."""
    if not har_ydelsesdata(p):
        return [brief.Tekst(f"Der er ingen tal for modtagere af integrationsydelse i {p.kommune.navn} i "
                            f"{p.periode.tekst}.")]
    fra = p.serie_fra
    aar_foer = p.periode.shift(-12)
    blokke: list[brief.Blok] = []
    for indikator, titel, hvad_tekst, hvordan in YDELSE_MAAL:
        df = ydelse_andel(indikator, p.omraader, min(fra, aar_foer), p.periode)
        vist = df[df["periode"] >= fra.kode]
        figur = figures.linjefigur(vist[["omraade_kode", "omraade", "periode", "vaerdi"]], roller=faelles.roller(p),
                                   titel=titel, enhed="pct.", decimaler=1)
        nu = df[(df["omraade_kode"] == p.kommune.kode) & (df["periode"] == p.periode.kode)].iloc[0]
        hvad = fortaelling.hvad_viser(df, p.kommune, list(p.sammenligning), p.periode, "pct", hvad_tekst,
                                      interval=fortaelling.interval_ved_faa(nu["taeller"], nu["naevner"]))
        grundlag = ydelse_grundlag(nu["taeller"], nu["naevner"])
        if grundlag:
            hvad.append(grundlag)
        spaend = fortaelling.saetning(fortaelling.maaneder_med_tal(vist))
        blokke.append(faelles.figurblok(f"Integrationsydelse: {titel.lower()}", figur, [*hvordan, spaend], hvad,
                                        indikator, YDELSE_PERSONER))
    return blokke
