"""Jobcenteroverblik, the ranking: the kommune's place in its klynge on headline measures ("Nr. 3 af 24"), the
move since the same month a year earlier, the third it is in, and whether the data can carry the place at all
(published figures rounded alike, shares resting on few persons).

Without imported klynger (egne data) the section says what is missing and ranks nobody.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from .. import brief, csvtal, figures, fmt, fortaelling, geo, klynger, ranking, usikkerhed
from ..figures import Figur
from ..params import BriefParametre
from ..periods import Periode
from . import faelles
from . import overblik_klynge as kl

KLYNGE_HVAD = "Placeringen i klyngen og sammenligningen med klyngens øvrige kommuner"


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
    Maal("forsoergertryk", "Forsørgertryk", kort="Forsørger\u00adtryk", indikator=kl.FORSOERGERTRYK,
         forklaring="fuldtidspersoner på offentlig forsørgelse (alle ydelsesgrupper) i pct. af de 16-66-årige"),
    Maal("ledighed", "Ledighedsprocent", kort="Ledighed", indikator="ledighedsprocent",
         forklaring="sæsonkorrigerede fuldtidsledige i pct. af arbejdsstyrken"),
    Maal("kontanthjaelp", "Andel på kontanthjælp", kort="Kontant\u00adhjælp", indikator=kl.FORSOERGERTRYK,
         filter={"ydelsesgruppe": kl.KONTANTHJAELP},
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


# --- the measures in every kommune of the klynge --------------------------------------------------------

def _sum_vaerdier(indikatorer, omraader, q: Periode) -> pd.Series:
    """The sum of some indicators per area; missing where any of them is."""
    return sum(kl.vaerdier(i, omraader, q) for i in indikatorer)


def _maal_basis(m: Maal, omraader, q: Periode) -> pd.Series:
    if m.indikator:
        return kl.vaerdier(m.indikator, omraader, q, **m.filter)
    k, n = _sum_vaerdier(m.taeller, omraader, q), _sum_vaerdier(m.naevner, omraader, q)
    return faelles.andel(k, n)


def maal_vaerdier(m: Maal, omraader, q: Periode) -> pd.Series:
    """The measure for every area in one month (index: area code)."""
    v = _maal_basis(m, omraader, q)
    if not m.aendring_12m:
        return v
    foer = _maal_basis(m, omraader, q.shift(-kl.SKRIDT))
    return 100 * (v - foer) / foer.where(foer > 0)


def maal_personer(m: Maal, omraader, q: Periode) -> tuple[pd.Series, pd.Series] | None:
    """(k, n): the persons behind each area's value. For a share of persons, k of n; for a 12-month change,
    n is the count a year earlier (k is NaN). None when the measure has no person counts."""
    if m.personer:
        return _sum_vaerdier(m.taeller, omraader, q), _sum_vaerdier(m.naevner, omraader, q)
    if m.aendring_12m:
        n = _maal_basis(m, omraader, q.shift(-kl.SKRIDT))
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
        if m.personer:
            interval = fortaelling.interval_ved_faa(k, n)
    decimaler = m.decimaler if m.offentliggjort else None
    return ranking.plads_spaend(v, kode, m.lavest_bedst, decimaler=decimaler, interval=interval), interval, k, n


def placering(p: BriefParametre, m: Maal) -> Placering:
    """Rank the klynge on one measure now and a year earlier; the kommune's place, move, third and span."""
    gruppe = kl.medlemmer(p)
    kode = p.kommune.kode
    foer = p.periode.shift(-kl.SKRIDT)
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
BEVAEGELSE_ENHED = "pladser, + er bedre"  # the move as a number in the CSV/xlsx: places gained


def _ikke_rangeret() -> csvtal.Vist:
    return csvtal.uden_tal(ranking.IKKE_RANGERET, ranking.IKKE_RANGERET.lower())


def rangering_tabel(p: BriefParametre, pl: list[Placering]) -> pd.DataFrame:
    """The compact overview: one row per measure with value, place, move, third (marker and words) and
    the places the data cannot tell apart."""
    foer = p.periode.shift(-kl.SKRIDT)
    rows = {}
    for x in pl:
        rangeret = not pd.isna(x.plads)
        flyttet = rangeret and not pd.isna(x.plads_foer)
        rows[x.maal.navn] = {
            p.kommune.navn: (csvtal.vist_tal(x.vaerdi, vaerdi_tekst(x.maal, x.vaerdi), "pct.")
                             if not fmt.er_mangler(x.vaerdi) else math.nan),
            KOL_PLACERING: csvtal.plads(x.plads, x.antal) if rangeret else _ikke_rangeret(),
            f"Siden {foer.label}": (csvtal.vist_tal(int(x.plads_foer) - int(x.plads), x.bevaegelse,
                                                    BEVAEGELSE_ENHED) if flyttet
                                    else csvtal.uden_tal(x.bevaegelse, x.bevaegelse.lower())),
            KOL_TREDJEDEL: ranking.tredjedel_tekst(x.tredjedel, kort=True),
            KOL_SPAEND: (csvtal.interval(*x.spaend, ranking.spaend_tekst(x.spaend).capitalize(), "nr.")
                         if x.spaend else _ikke_rangeret()),
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
    foer = p.periode.shift(-kl.SKRIDT)
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
                f"{m.navn}: tallet for {k} bygger på få personer: {fortaelling.k_af_n(x.k, x.n)}. Inden for "
                f"usikkerheden kunne {k} ligge som {ranking.spaend_tekst(x.spaend)} af {x.antal}.")
        elif x.samme_tal:
            out.append(
                f"{m.navn}: {k} har samme offentliggjorte tal ({vaerdi_tekst(m, x.vaerdi)}) som "
                f"{figures.opremsning(x.samme_tal)}. Rækkefølgen mellem dem afgøres af decimaler, der ikke "
                f"offentliggøres, så placeringen kunne lige så vel være {ranking.spaend_tekst(x.spaend)}.")
        if m.aendring_12m and usikkerhed.er_smaa_tal(x.n):
            out.append(f"{m.navn}: ændringen for {k} bygger på {fmt.tal(x.n)} personer for et år siden; én person "
                       f"mere eller mindre flytter den {fmt.tal(100 / x.n, 1)} {fmt.PROCENTPOINT}.")
        if x.plads is not pd.NA and x.plads_foer is not pd.NA and not pd.isna(x.plads_foer) \
                and x.plads != x.plads_foer and not ranking.bevaegelse_sikker(x.spaend, x.spaend_foer):
            out.append(f"{m.navn}: bevægelsen ({x.bevaegelse.lower()}) ligger inden for usikkerheden: i "
                       f"{p.periode.shift(-kl.SKRIDT).tekst} kunne {k} ligge som {ranking.spaend_tekst(x.spaend_foer)}, "
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
        out.append(f"Siden {p.periode.shift(-kl.SKRIDT).tekst} er placeringen {figures.opremsning(dele)} nøgletal.")
    usikre = [x.maal.navn.lower() for x in rangeret if x.usikker]
    if usikre:
        out.append(f"Placeringen på {figures.opremsning(usikre)} er usikker: se boksen nedenfor.")
    return out


def rangering_figur(p: BriefParametre, pl: list[Placering]) -> Figur:
    """Dot strip (figures.placeringsfigur): one row per measure, the klynge's kommuner by place (best left),
    thirds as shaded bands, the kommune as a large dot with its place, and the span of places the data cannot
    tell apart. Its data: every kommune's place on every measure."""
    raekker = [{"noegletal": x.maal.navn, "omraade": geo.omraade(kode).navn,
                "plads": float(r["plads"]) if r["rangeret"] else math.nan}
               for x in pl for kode, r in x.tabel.iterrows()]
    df = pd.DataFrame(raekker, columns=["noegletal", "omraade", "plads"])
    return figures.placeringsfigur(
        df, p.kommune.navn, f"{p.kommune.navn}s placering i {kl.klynge(p).lower()}, {p.periode.tekst}",
        spaend={x.maal.navn: x.spaend for x in pl}, aksetekst="Placering i klyngen (1 = bedst)",
        andre="Øvrige kommuner i klyngen")


def klynge_tabel(p: BriefParametre, pl: list[Placering]) -> pd.DataFrame:
    """Every kommune in the klynge with its place on each measure; one without a value is 'Ikke rangeret'.
    Sorted by the first measure's place."""
    koder = list(pl[0].tabel.index) if pl else [o.kode for o in kl.medlemmer(p)]
    out = pd.DataFrame(index=koder)
    for x in pl:
        out[x.maal.kort] = [csvtal.vist_tal(int(v), str(int(v))) if not pd.isna(v) else _ikke_rangeret()
                            for v in x.tabel["plads"].reindex(koder)]
    out.index = [("► " if c == p.kommune.kode else "") + geo.omraade(c).navn for c in koder]
    out.index.name = "Kommune"
    return out


def rangering_blokke(p: BriefParametre) -> list[brief.Blok]:
    """The overview at a glance: table, chart, the caveats where the data cannot carry a place, and the
    whole klynge. Without imported klynger (or without the kommune in them): what is missing, nothing else."""
    if kl.klyngeliste(p) is None and not p.er_gruppe:
        return [faelles.mangler_egne_data(kl.KLYNGER, KLYNGE_HVAD)]
    if not kl.har_klynge(p):
        return [brief.Forbehold(kl.klynge_tekst(p), "Ingen klynge")]
    pl = placeringer(p)
    navn = kl.klynge(p).lower()
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
