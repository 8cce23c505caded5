"""What every brief does the same way: its opening (banner, heading), colour roles and the closing stamp, and
the recipes the themes share (periods × areas, a share that is never a division by 0, where a figure begins)."""

from __future__ import annotations

import functools
import math

import pandas as pd

from .. import brief, catalogue, data, figures, fmt, fortaelling, geo, maaltal
from ..csvtal import STATUS
from ..errors import ManglendeOpdeling
from ..figures import Figur
from ..params import BriefParametre
from ..periods import MAANED, Periode, periode
from ..pivot import pivot

# Which areas get which colour role in every chart (figures.ROLLE_FARVER).
_ROLLE_FOR_NIVEAU = {geo.KOMMUNE: "kommune", geo.REGION: "region", geo.LAND: "land", geo.GRUPPE: "klynge"}


def roller(p: BriefParametre) -> dict[str, str]:
    """The kommune is 'kommune'; other kommuner chosen for comparison are 'andet'."""
    out = {p.kommune.navn: "kommune"}
    for o in p.sammenligning:
        out[o.navn] = _ROLLE_FOR_NIVEAU[o.niveau] if o.niveau != geo.KOMMUNE else "andet"
    return out


def tabeller_for(*indikatorer: str) -> list[str]:
    return sorted({catalogue.indicator(i).table for i in indikatorer})


def kilde(*indikatorer: str) -> str:
    """'Kilde' line for a figure: the sources and table ids behind the indicators, demo or not."""
    info = data.kildeinfo(tabeller_for(*indikatorer))
    tekst = " og ".join(info["kilder"]) + f" (tabel {', '.join(info['tabeller'])})"
    return tekst + (" — demodata, ikke officielle tal" if info["demo"] else "")


def indledning(p: BriefParametre, titel: str, undertitel: str, *indikatorer: str) -> list[brief.Blok]:
    """Demo banner (when any table behind the brief is demo data) and the heading: the period asked for (a
    quarter or year, with which figures are whose, or the month)."""
    blokke: list[brief.Blok] = []
    data.gruppe_grunde(nulstil=True)  # why a group's values are missing: said in this brief's stamp
    if data.kildeinfo(tabeller_for(*indikatorer))["demo"]:
        blokke.append(brief.Demobanner())
    note = f"Udvalget har bedt om tal for {p.udvalg.tekst}: {p.hvilke_tal}." if p.spurgt else None
    blokke.append(brief.Overskrift(titel, undertitel, kommune=p.kommune, periode=p.udvalg, periodenote=note))
    return blokke


def stempel(p: BriefParametre, *indikatorer: str) -> brief.Stempel:
    """Data source and vintage (or 'demodata'), parameters, code version, time of rendering."""
    info = data.kildeinfo(tabeller_for(*indikatorer))
    aargang = "demodata (genereret af noegletal, ikke officielle tal)" if info["demo"] else f"hentet {info['hentet'][:10]}"
    tekst = f"{' og '.join(info['kilder'])}, tabel {', '.join(info['tabeller'])}; {aargang}"
    if info.get("rettelser"):
        tekst += (f"; hentet med datamappens katalogrettelser ({catalogue.RETTELSER_FIL}) for tabel "
                  f"{', '.join(info['rettelser'])}")
    parametre = p.som_tekst()
    grunde = [g for (navn, i), g in data.gruppe_grunde().items() if i in indikatorer and navn in {o.navn for o in p.omraader}]
    if grunde:
        parametre["grupper, manglende tal"] = " · ".join(dict.fromkeys(grunde))
    return brief.Stempel(tekst, parametre)


def sammenlignet(p: BriefParametre, fra: str | Periode | None = None, til: str | Periode | None = None, *,
                 naar: str = "", efter: str = "") -> str:
    """The comparison sentence under "Hvordan er figuren lavet?" for the brief's areas
    (`fortaelling.sammenlignet_med`): 'Ballerup sammenlignet med Hele landet, hver måned fra juni 2016 til juni
    2018.' With `fra`, the months from it to `til` (the brief's month); or `naar` as it is."""
    if fra is not None:
        naar = fortaelling.hver_maaned(fra, til or p.periode)
    return fortaelling.sammenlignet_med(p.kommune, p.sammenligning, naar, efter)


def foerste(df: pd.DataFrame) -> Periode:
    """The first period of a series: where its figure begins."""
    return periode(df["periode"].min())


def sidste(df: pd.DataFrame) -> Periode:
    return periode(df["periode"].max())


def bred(df: pd.DataFrame, raekker=None, kolonner=None, *, index: str = "periode", kolonne: str = "omraade",
         maaned: bool = False, navn: str | None = None) -> pd.DataFrame:
    """A tidy series as a table, `index` (periods) × `kolonne` (area names, or series, measures): with
    `raekker` and `kolonner` every one of them present in that order, a missing row as missing (NaN, never
    0); with `maaned` as the briefs' tables show it ('Måned' over the periods, no name over the areas), with
    `navn` another name over the rows ('Kvartal', 'År')."""
    w = pivot(df, index, kolonne, "vaerdi") if len(df) else pd.DataFrame(dtype=float)
    if raekker is not None or kolonner is not None:
        w = w.reindex(index=raekker, columns=kolonner)
    if maaned or navn:
        w.index.name = navn or "Måned"
        w.columns.name = None
    return w


def andel(k, n):
    """k in pct. of n (numbers, or Series and frames cell by cell): missing when either is missing or n is 0."""
    if isinstance(n, (pd.Series, pd.DataFrame)):
        return 100 * k / n.where(n > 0)
    if fmt.er_mangler(k) or fmt.er_mangler(n) or n <= 0:
        return math.nan
    return 100 * k / n


def figurblok(titel: str, figur: Figur, hvordan, hvad, *indikatorer: str) -> brief.Figurblok:
    return brief.Figurblok(titel, figur, hvordan, hvad, kilde(*indikatorer))


def linjeblok(p: BriefParametre, df: pd.DataFrame, titel: str, forklaring: str, hvad, *indikatorer: str,
              figurtitel: str | None = None, maaltal_indikator: str | None = None, **figur) -> brief.Figurblok:
    """The brief's areas over time as a line chart: "Hvordan er figuren lavet?" is `forklaring` and the
    comparison from the month the chart begins (`figur`: linjefigur's own options, such as enhed). With
    `maaltal_indikator`, the kommune's måltal for it, when it has one (`maaltal_figurblok`)."""
    fig = figures.linjefigur(df, roller=roller(p), titel=figurtitel or titel, **figur)
    hvordan = [forklaring, sammenlignet(p, foerste(df))]
    if maaltal_indikator is None:
        return figurblok(titel, fig, hvordan, hvad, *indikatorer)
    x = fortaelling.vaerdi(df, p.kommune, p.periode)
    return maaltal_figurblok(p, maaltal_indikator, x, titel, fig, hvordan, hvad, *indikatorer)


def maallinje(figur: Figur, maal: float, enhed: str = "pct.", etiket: str = "Mål", decimaler: int = 1) -> Figur:
    """A horizontal target line on a line chart, in the legend and in the alt text, so a committee's
    target (fx the ungeledighed target) is read against the curves. Returns a new Figur (same figure)."""
    fig = figur.fig
    ax = fig.axes[0]
    tekst = f"{etiket}: {fmt.tal(maal, decimaler)} {enhed}".strip()
    with figures.house_style():
        ax.axhline(maal, color=figures.OKABE_ITO["sort"], linestyle=":", linewidth=2.2, label=tekst, zorder=2)
        for gammel in list(fig.legends):
            gammel.remove()
        handles, labels = ax.get_legend_handles_labels()
        # at most three in a row: three areas and a target line in one row ran off the canvas
        fig.legend(handles, labels, loc="outside upper left", ncols=min(len(labels), 3), handlelength=3)
    alt = f"{figur.alt} Den vandrette prikkede linje angiver {tekst[:1].lower()}{tekst[1:]}"
    return figur._replace(alt=alt if alt.endswith(".") else alt + ".")  # keeps the data behind the chart


def seneste_hele_kvartal(p: Periode) -> Periode:
    """The latest whole quarter at or before a month: 2018M05 → 2018K1, 2018M06 → 2018K2 (a quarter's
    figures are only there when its last month is)."""
    q = p.kvartal()
    return q if p.frekvens != MAANED or p.nr % 3 == 0 else q.shift(-1)


def serieroller(navne) -> dict[str, str]:
    """Colour roles for series that are measures, not areas (forløb, aktiverede, fuldtidsaktiverede): each
    its own colour, line style and hatch, so they are told apart in greyscale too. Beyond five, 'andet'."""
    roller = figures.ROLLER  # in legend order, so the legend keeps the order of `navne`
    return {n: roller[min(i, len(roller) - 1)] for i, n in enumerate(navne)}


def skraa_kategorier(figur: Figur, etiketter, grader: int = 30) -> Figur:
    """Slanted category labels on a bar chart whose labels are too long to stand side by side (nine
    målgrupper): soejlefigur wraps them inside words ('Kontanthjæ/lp'); slanted, they stay whole.
    `etiketter` are the categories in the chart's order."""
    ax = figur.fig.axes[0]
    etiketter = [str(e) for e in etiketter]
    with figures.house_style():
        ax.set_xticks(ax.get_xticks(), etiketter, rotation=grader, ha="right", rotation_mode="anchor")
    return figur


def har_tabel(table_id: str) -> bool:
    """Whether a table is in the processed data: an egne-data table is there only once a user imported it."""
    return data.har_tabel(table_id)


def mangler_egne_data(table_id: str, hvad: str) -> brief.Forbehold:
    """The block that stands where a block needs egne data that are not there: what is missing and the two
    commands that add it. The rest of the brief is still made."""
    spec = catalogue.table(table_id)
    return brief.Forbehold([
        f"{hvad} kræver egne data, som ikke er indlæst: {spec.title} (tabel {table_id}). "
        f"Tallene udgives af {spec.publisher or 'andre end Jobindsats og Statistikbanken'} og findes ikke i et API.",
        f"Lav en skabelon med `noegletal data skabelon {table_id}`, udfyld den, og indlæs den med "
        f"`noegletal data importer FIL --tabel {table_id}`. Lav derefter briefen igen.",
    ], titel="Egne data mangler")


def opdeling_mangler(e: ManglendeOpdeling) -> brief.Forbehold:
    """The box that stands where a block needs a breakdown `data fetch` could not get: which breakdown, why,
    and the commands that settle it. The rest of the brief is still made."""
    return brief.Forbehold([str(e)], titel="Opdeling mangler")


def kraever_opdeling(blok):
    """For a block function that reads a breakdown (køn, alder, ydelsesgruppe …): where that breakdown is
    missing from the data, the block is the box `opdeling_mangler` (in a list when the function makes a
    list of blocks)."""
    @functools.wraps(blok)
    def med_boks(*args, **kwargs):
        try:
            return blok(*args, **kwargs)
        except ManglendeOpdeling as e:
            boks = opdeling_mangler(e)
            return [boks] if blok.__name__.endswith("blokke") else boks
    return med_boks
# --- måltal (egne table `maaltal`, read by maaltal.py): one route for chart, table, sentence and xlsx ----------
# A block whose indicator may have a måltal calls `maaltal_figurblok` (or `linjeblok(..., maaltal_indikator=…)`)
# for its chart and `maaltal_kolonne` for its table: line, "Hvordan" sentence, "Hvad viser" sentence, source and
# the xlsx column all come from the same `maaltal_for`. A theme declares maaltal.INDIKATOR among its `valgfri`.

MAALTAL_KOLONNE = "Måltal"


def maaltal_vist(p: BriefParametre, indikator: str) -> bool:
    """Whether the brief shows måltal for `indikator`: every indicator, unless the `maaltal` parameter (a
    report's dokument.yml) names the ones that carry måltal."""
    valgt = p.vaerdier.get("maaltal")
    return valgt is None or indikator in valgt


def maaltal_for(p: BriefParametre, indikator: str) -> maaltal.Maaltal | None:
    """The måltal that holds for the brief's kommune in its month, or None (none imported, none for the month,
    or not among the indicators the `maaltal` parameter names)."""
    return maaltal.gaeldende(indikator, p.kommune, p.periode) if maaltal_vist(p, indikator) else None


def _enhed(indikator: str) -> str:
    return catalogue.indicator(indikator).unit


def maaltal_linje(figur: Figur, m: maaltal.Maaltal | None, enhed: str = "pct.") -> Figur:
    """The måltal as the chart's target line (unchanged without one), and as a column 'Måltal' in the numbers
    behind the chart (its CSV and xlsx sheet), with the value the line is drawn at in every row."""
    if m is None:
        return figur
    decimaler = 0 if float(m.vaerdi).is_integer() else 1  # as the sentence writes it: '30 pct.', '2,5 pct.'
    ny = maallinje(figur, m.vaerdi, enhed, etiket=f"Måltal ({m.retning})", decimaler=decimaler)
    if figur.data is None:
        return ny
    tal = figur.data.copy()
    tal.insert(tal.columns.get_loc(STATUS) if STATUS in tal.columns else len(tal.columns), MAALTAL_KOLONNE,
               float(m.vaerdi))
    return ny._replace(data=tal)


def maaltal_forklaring(m: maaltal.Maaltal | None, enhed: str = "pct") -> str:
    """'Den vandrette prikkede linje er kommunens måltal på 2,5 pct. (lavere er bedre).' (empty without one)."""
    if m is None:
        return ""
    return f"Den vandrette prikkede linje er kommunens måltal på {maaltal.med_enhed(m.vaerdi, enhed, maal=True)}" \
           + ("" if enhed == "pct" else f" {enhed}") + f" ({m.retning})."


def maaltal_figurblok(p: BriefParametre, indikator: str, x: float, titel: str, figur: Figur, hvordan, hvad,
                      *indikatorer: str) -> brief.Figurblok:
    """`figurblok` with the kommune's måltal for `indikator`, when it has one: the line in the chart (and its alt
    text), how to read it under "Hvordan", the kommune's value `x` against it under "Hvad viser figuren?", and
    the måltal table in the source. Without one, the block as `figurblok` makes it."""
    m = maaltal_for(p, indikator)
    if m is None:
        return figurblok(titel, figur, hvordan, hvad, *indikatorer)
    enhed = _enhed(indikator)
    figur = maaltal_linje(figur, m, "pct." if enhed == "pct" else enhed)
    hvordan = [*([hvordan] if isinstance(hvordan, str) else hvordan), maaltal_forklaring(m, enhed)]
    saetning = maaltal_saetning(p, x, m, enhed)
    hvad = [*([hvad] if isinstance(hvad, str) else hvad), *([saetning] if saetning else [])]
    return figurblok(titel, figur, hvordan, hvad, *indikatorer, maaltal.INDIKATOR)


def maaltal_kolonne(t: pd.DataFrame, p: BriefParametre, indikator: str) -> pd.DataFrame:
    """The table with a column 'Måltal' (unchanged when no row has one): in a table of areas the kommune's row
    holds it (the comparison areas have none: missing, never 0); in a table of periods each period holds
    the måltal in force then. Goes to the xlsx with the table."""
    if not maaltal_vist(p, indikator):
        return t
    if p.kommune.navn in t.index:
        m = maaltal_for(p, indikator)
        vaerdier = [m.vaerdi if m is not None and navn == p.kommune.navn else math.nan for navn in t.index]
    else:
        fundne = [maaltal.gaeldende(indikator, p.kommune, str(kode)) for kode in t.index]
        vaerdier = [m.vaerdi if m is not None else math.nan for m in fundne]
    if all(math.isnan(v) for v in vaerdier):
        return t
    return t.assign(**{MAALTAL_KOLONNE: vaerdier})


def maaltal_saetning(p: BriefParametre, x: float, m: maaltal.Maaltal | None, enhed: str = "pct") -> str:
    """'Ballerup i juni 2023: 12,4 pct., under måltallet på 25 pct. (højere er bedre).' Empty without a måltal
    or a value."""
    if m is None:
        return ""
    s = maaltal.saetning(x, m, enhed)
    return f"{p.kommune.navn} i {p.periode.tekst}: {s} ({m.retning})." if s else ""
