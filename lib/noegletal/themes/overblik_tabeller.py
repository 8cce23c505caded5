"""Jobcenteroverblik, the tables: Tabel 1 of Ballerup's follow-up 2020 rebuilt on Jobindsats' ydelsesgrupper
(ptv_a02), the kontanthjælp ministermål 4 and 6, and STAR's Figur 2 (borgere by arbejdsmarkedsstatus against
the klynge).

Arbejdsmarkedsstatus and the kontanthjælp ministermål are egne data (no API has them): a block whose table is
not imported is replaced by `faelles.mangler_egne_data`, and the rest of the brief is made.
"""

from __future__ import annotations

import math

import pandas as pd

from .. import brief, catalogue, csvtal, data, fmt, fortaelling, usikkerhed
from ..params import BriefParametre
from ..periods import Periode
from . import faelles
from . import overblik_klynge as kl

FULDTID = "forsoergede_fuldtid"
UDEN_FP_EL = "forsoergede_fuldtid_uden_fp_el"  # names the ydelsesgrupper of 'SUM eksklusiv …'
ARBSTATUS = "arbejdsmarkedsstatus"  # indicator and egne-data table
KH_MAAL = "kontanthjaelp_maal"  # egne-data table of ministermål 4 and 6
KH_ANDEL = "kontanthjaelp_beskaeftigede_opvisiterede_andel"
KH_5_AAR = "kontanthjaelp_over_5_aar"
KH_PERSONER = "Antal personer på kontanthjælp"  # a measure of KH_MAAL without an indicator of its own

# Dimension values of ptv_a02 and arbejdsmarkedsstatus (catalogue.yml).
YDELSESMODTAGERE = "Ydelsesmodtagere"
BESKAEFTIGEDE = "Beskæftigede"
STATUS_ETIKET = {"Under uddannelse (SU)": "SU-modtagere", kl.I_ALT: "Befolkning (16-66 år)"}

# Tabel 1 as Ballerup's follow-up 2020 prints it.
SUM_EKSKL = "SUM eksklusiv førtidspension og efterløn"
SUM_INKL = "SUM inklusiv førtidspension og efterløn"
ANTAL_OVERSKRIFT = "Antal fuldtidspersoner"
PCT_OVERSKRIFT = "Fuldtidspersoner i pct. af befolkningen"
TABEL1_AAR = 3  # the month and the same month one and two years earlier
IKKE_RELEVANT = "–"

# Figur 2 columns, in STAR's order. Headed in two levels in the brief (numeric headers do not wrap).
KOL_ANTAL = "Antal"
KOL_ANDEL = "Andel af befolkningen, pct."
KOL_KLYNGE_ANDEL = "Gnsn. andel i de øvrige kommuner i klyngen, pct."
KOL_UDVIKLING = "Udvikling ift. året før, procentpoint"
KOL_KLYNGE_UDVIKLING = "Gnsn. udvikling i de øvrige kommuner i klyngen, procentpoint"
KLYNGEN_GNSN = "Klyngen, gnsn."

STATUS_HVAD = "Fordelingen af de 16-66-årige på arbejdsmarkedsstatus (Figur 2 i STAR's Jobcenteroverblik)"
KH_MAAL_HVAD = "Kontanthjælpens ministermål 4 og 6"


# --- Tabel 1: fuldtidspersoner by ydelsesgruppe ---------------------------------------------------------

def tabel1_perioder(p: BriefParametre) -> list[Periode]:
    """The month and the same month one and two years earlier, oldest first."""
    return [p.periode.shift(-kl.SKRIDT * i) for i in range(TABEL1_AAR - 1, -1, -1)]


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
    b = _grupper_serie(kl.FORSOERGERTRYK, [p.kommune], perioder).set_index(["ydelsesgruppe", "periode"])["vaerdi"]
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
    s = data.serie(kl.FORSOERGERTRYK, omraader=[p.kommune], fra=p.periode, til=p.periode)
    n = data.serie(FULDTID, omraader=[p.kommune], fra=p.periode, til=p.periode)
    pct = s["vaerdi"].iloc[0] if len(s) else math.nan
    antal = n["vaerdi"].iloc[0] if len(n) else math.nan
    tekst = [f"Ydelsesgrupperne er Jobindsats' (tabel {spec.id})."]
    if kl.KONTANTHJAELP in ydelsesgrupper():
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
    nu, foer = p.periode.kode, p.periode.shift(-kl.SKRIDT).kode
    antal = t[ANTAL_OVERSKRIFT]
    ialt = antal.loc[SUM_INKL, nu]
    if fmt.er_mangler(ialt):
        return [f"Der er ikke oplyst et antal fuldtidspersoner på offentlig forsørgelse for alle ydelsesgrupper for "
                f"{k} i {p.periode.tekst}."]
    uden = antal.loc[SUM_EKSKL, nu]
    out = [f"I {p.periode.tekst} var {fmt.tal(ialt)} fuldtidspersoner i {k} på offentlig forsørgelse, "
           "førtidspension og efterløn medregnet" + (f"; {fmt.tal(uden)} uden dem." if not fmt.er_mangler(uden) else "."),
           fortaelling.aendring(k, ialt, antal.loc[SUM_INKL, foer], "fuldtidspersoner", p.periode, kl.SKRIDT)]
    diff = (antal[nu] - antal[foer]).drop([SUM_EKSKL, SUM_INKL]).dropna()
    if not diff.empty and diff.max() > 0:
        out.append(f"Den største stigning var på {diff.idxmax().lower()} "
                   f"({fortaelling.flere_faerre(diff.max(), 'fuldtidspersoner', 'fuldtidsperson')}).")
    if not diff.empty and diff.min() < 0:
        out.append(f"Det største fald var på {diff.idxmin().lower()} "
                   f"({fortaelling.flere_faerre(diff.min(), 'fuldtidspersoner', 'fuldtidsperson')}).")
    return out


@faelles.kraever_opdeling
def tabel1_blokke(p: BriefParametre) -> list[brief.Blok]:
    t = tabel1(p)
    tabel = brief.Tabelblok(
        f"Tabel 1. Antal fuldtidspersoner (faktisk og i pct. af befolkningen 16-66 år), {p.kommune.navn}",
        t, kolonneformat={ANTAL_OVERSKRIFT: "tal", PCT_OVERSKRIFT: "tal1"},
        note=tabel1_note(p) + " Kilde: " + faelles.kilde(FULDTID, kl.FORSOERGERTRYK) + ".",
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
        out.append(fortaelling.faa_personer(nu[KOL_KH_BESK], nu[KOL_KH_PERSONER]))
    if not fmt.er_mangler(nu[KOL_KH_5_AAR]):
        out.append(f"{fmt.tal(nu[KOL_KH_5_AAR])} kontanthjælpsmodtagere havde været mere end 5 år på offentlig "
                   "forsørgelse (ministermål 6)" + (f", mod {fmt.tal(foer[KOL_KH_5_AAR])} året før."
                                                   if not fmt.er_mangler(foer[KOL_KH_5_AAR]) else "."))
    return out


@faelles.kraever_opdeling
def kontanthjaelp_blokke(p: BriefParametre) -> list[brief.Blok]:
    if not faelles.har_tabel(KH_MAAL):
        return [faelles.mangler_egne_data(KH_MAAL, KH_MAAL_HVAD)]
    t = kontanthjaelp_tabel(p)
    hvad = kontanthjaelp_hvad(p, t)
    m = faelles.maaltal_for(p, KH_ANDEL)  # ministermål 4 against the kommune's måltal: column and sentence
    t = faelles.maaltal_kolonne(t, p, KH_ANDEL)
    hvad += [s for s in [faelles.maaltal_saetning(p, t.iloc[-1][KOL_KH_ANDEL], m)] if s]
    note = ("Ministermål 4: kontanthjælpsmodtagere, der er kommet i beskæftigelse eller er visiteret op, i pct. af "
            "personerne på kontanthjælp. Ministermål 6: kontanthjælpsmodtagere med mere end 5 år på offentlig "
            f"forsørgelse. Kilde: {faelles.kilde(KH_ANDEL, KH_5_AAR, *(['maaltal'] if m is not None else []))}.")
    tabel = brief.Tabelblok(f"Kontanthjælp i {p.kommune.navn}: ministermål 4 og 6", t,
                            kolonneformat={KOL_KH_ANDEL: "tal1", KOL_KH_BESK: "tal", KOL_KH_PERSONER: "tal",
                                           KOL_KH_5_AAR: "tal", faelles.MAALTAL_KOLONNE: "tal1"}, note=note)
    return [tabel, brief.Tekst(" ".join(hvad))]


# --- Figur 2: borgere by arbejdsmarkedsstatus (egne data) ----------------------------------------------

def _status(omraader, perioder: list[Periode]) -> pd.DataFrame:
    """Every status and ydelse for some areas and months, with Figur 2's row label and the share of the
    area's population 16-66 in the month."""
    s = data.serie(ARBSTATUS, omraader=omraader, fra=min(perioder), til=max(perioder), arbejdsmarkedsstatus=None,
                   ydelse=None)
    s = s[s["periode"].isin([q.kode for q in perioder])].copy()
    s["etiket"] = [y if st == YDELSESMODTAGERE and y != kl.I_ALT else STATUS_ETIKET.get(st, st)
                   for st, y in zip(s["arbejdsmarkedsstatus"], s["ydelse"])]
    befolkning = s[s["arbejdsmarkedsstatus"] == kl.I_ALT].set_index(["omraade_kode", "periode"])["vaerdi"]
    naevner = [befolkning.get((o, q), math.nan) for o, q in zip(s["omraade_kode"], s["periode"])]
    s["andel"] = 100 * s["vaerdi"] / pd.Series(naevner, index=s.index).where(lambda x: x > 0)
    return s


def status_ydelser() -> list[str]:
    """The ydelser the ydelsesmodtagere are split by, in the source's order."""
    tabel = catalogue.indicator(ARBSTATUS).table
    return [v for v in data.vaerdier(tabel, "ydelse", arbejdsmarkedsstatus=YDELSESMODTAGERE) if v != kl.I_ALT]


def status_raekker() -> list[str]:
    """Figur 2's rows: ydelsesmodtagere in all, by ydelse, then the other statuses and the population."""
    y = status_ydelser()
    andre = [STATUS_ETIKET.get(v, v) for v in data.vaerdier(catalogue.indicator(ARBSTATUS).table, "arbejdsmarkedsstatus")
             if v not in (YDELSESMODTAGERE, kl.I_ALT)]
    return [YDELSESMODTAGERE, *y, *andre, STATUS_ETIKET[kl.I_ALT]]


def status_tabel(p: BriefParametre) -> pd.DataFrame:
    """Figur 2 of the Jobcenteroverblik: number, share of the population and the change in procentpoint from a
    year earlier; with a klynge also the other klynge kommuner's average share and change."""
    andre = [o for o in kl.medlemmer(p) if o != p.kommune] if kl.har_klynge(p) else []
    nu, foer = p.periode, p.periode.shift(-kl.SKRIDT)
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
    out.loc[STATUS_ETIKET[kl.I_ALT], [c for c in out.columns if c != KOL_ANTAL]] = csvtal.uden_tal(
        IKKE_RELEVANT, "ikke relevant")
    out.index.name = ""
    return out


def _gennemsnit(df: pd.DataFrame) -> pd.Series:
    """Row means over the kommuner that have a value; missing (not 0) when none has."""
    return df.mean(axis=1, skipna=True).where(df.notna().any(axis=1))


def _udvikling(d) -> str:
    """'steget 1,3 procentpoint', 'faldet 0,2 procentpoint', 'uændret'."""
    if fmt.er_mangler(d):
        return "ikke opgjort"
    if round(float(d), 1) == 0:
        return "uændret"
    return f"{'steget' if d > 0 else 'faldet'} {fmt.tal(abs(d), 1)} {fmt.PROCENTPOINT}"


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
        andre = len(kl.medlemmer(p)) - 1
        out.append(f"I gennemsnit for de øvrige {andre} kommuner i klyngen var det "
                   f"{fmt.tal(t.loc[besk, KOL_KLYNGE_ANDEL], 1)} og {fmt.pct(t.loc[YDELSESMODTAGERE, KOL_KLYNGE_ANDEL])}")
    udvikling = (f"Andelen af ydelsesmodtagere er {_udvikling(t.loc[YDELSESMODTAGERE, KOL_UDVIKLING])} siden "
                 f"{p.periode.shift(-kl.SKRIDT).tekst}")
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
        note += (f"{KLYNGEN_GNSN}: simpelt gennemsnit af de øvrige {len(kl.medlemmer(p)) - 1} kommuner i "
                 f"{kl.klynge(p).lower()} (hver kommune vejer lige meget). ")
    note += (f"Udvikling: ændringen i andelen siden {p.periode.shift(-kl.SKRIDT).tekst}. "
             f"{IKKE_RELEVANT}: ikke relevant. Kilde: {faelles.kilde(ARBSTATUS)}.")
    tabel = brief.Tabelblok(
        f"Borgere i {p.kommune.navn} i den arbejdsdygtige alder (16-66 år) fordelt på arbejdsmarkedsstatus, "
        f"{p.periode.tekst}", status_visning(p, t),
        kolonneformat={KOL_ANTAL: "tal", KOL_ANDEL: "tal1", KOL_UDVIKLING: "tal1"},
        note=note)
    return [tabel, brief.Tekst(" ".join(status_hvad(p, t)))]


# --- ministermål 2: samarbejdet med virksomhederne (egne data, Tabel 2 of the 2020 follow-up) ----------------------

SAMARBEJDE = "virksomhedssamarbejde"
SAMARBEJDE_I_ALT = "virksomhedssamarbejde_i_alt"
SAMARBEJDE_HVAD = "Samarbejdet med virksomhederne (ministermål 2)"
SAMARBEJDE_AAR = 3  # as Tabel 2: the brief's year (or the latest before it with figures) and the two before


def samarbejde_tabel(p: BriefParametre) -> pd.DataFrame:
    """Years (rows) × the table's four measures, for the kommune: the latest year with figures up to the brief's
    year, and the two before (a year without figures stays missing)."""
    spec = catalogue.table(SAMARBEJDE)
    alle = data.tabel(SAMARBEJDE)
    alle = alle[(alle["omraade_kode"] == p.kommune.kode) & (alle["periode"] <= str(p.periode.aar))]
    aar = sorted(alle["periode"].unique())
    sidste = int(aar[-1]) if aar else p.periode.aar
    perioder = [str(a) for a in range(sidste - SAMARBEJDE_AAR + 1, sidste + 1)]
    return faelles.bred(alle, perioder, list(spec.measures), kolonne="maal", navn="År")


def samarbejde_blokke(p: BriefParametre) -> list[brief.Blok]:
    """Tabel 2 of the 2020 follow-up: firms in the kommune and the jobcentres' share of them they worked with."""
    if not faelles.har_tabel(SAMARBEJDE):
        return [faelles.mangler_egne_data(SAMARBEJDE, SAMARBEJDE_HVAD)]
    t = samarbejde_tabel(p)
    spec = catalogue.table(SAMARBEJDE)
    antal, lokal, andre, i_alt = spec.measures
    note = ("Samarbejdsgraden er andelen af virksomhederne i kommunen, som jobcentret (det lokale, andre eller et af "
            "dem) har samarbejdet med; i alt er ikke summen af de to andre, da en virksomhed kan samarbejde med begge. "
            f"Kilde: {faelles.kilde(SAMARBEJDE_I_ALT)}.")
    tabel = brief.Tabelblok("Samarbejdet med virksomhederne", t,
                            kolonneformat={antal: "tal", lokal: "tal1", andre: "tal1", i_alt: "tal1"}, note=note)
    nu = t.iloc[-1]
    if fmt.er_mangler(nu[i_alt]):
        return [tabel]
    tekst = (f"I {t.index[-1]} samarbejdede jobcentrene med {fmt.pct(nu[i_alt])} af de {fmt.tal(nu[antal])} "
             f"virksomheder i {p.kommune.navn} (det lokale jobcenter {fmt.pct(nu[lokal])}, andre jobcentre "
             f"{fmt.pct(nu[andre])})")
    foer = t.iloc[0]
    if not fmt.er_mangler(foer[i_alt]):
        tekst += f", mod {fmt.pct(foer[i_alt])} i {t.index[0]}"
    return [tabel, brief.Tekst(tekst + ".")]
