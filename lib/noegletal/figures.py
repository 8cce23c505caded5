"""House style and chart helpers for the briefs.

Every helper takes a tidy DataFrame and returns a `Figur`: the matplotlib Figure together with a text
alternative built from the same data, so no chart reaches a brief without alt text.

Colours are fixed per role (the kommune, its klynge, the region, Hele landet), so Ballerup has the same
colour in every brief; each role also has its own line style, marker and hatch, so a chart still reads when
printed in greyscale. The palette is Okabe & Ito's, which stays distinguishable with colour-blindness.

Figures are built with `matplotlib.figure.Figure`, not pyplot: the inline backend of a notebook never shows
them a second time as a bare PNG, nothing depends on an interactive backend (Agg-safe), and nothing leaks.

Longer than 500 lines on purpose: one chart helper per chart type (line, bars, heatmap, places in a group)
over one house style and one PNG encoder; splitting it would scatter the house style.
"""

from __future__ import annotations

import base64
import html
import io
import math
import pickle
import re
import textwrap
from collections.abc import Iterable, Mapping
from typing import NamedTuple

import matplotlib as mpl
import numpy as np
import pandas as pd
import seaborn as sns
from cycler import cycler
from matplotlib import ticker
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.figure import Figure
from matplotlib.font_manager import fontManager, get_font
from matplotlib.layout_engine import ConstrainedLayoutEngine, LayoutEngine
from matplotlib.ft2font import RenderMode
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from PIL import Image

from . import csvtal, fmt, geo, ranking
from .errors import ManglendeData, UgyldigParameter, UgyldigPeriode, UkendtOmraade
from .periods import Periode, periode
from .pivot import pivot

FIGUR_STOERRELSE = (7.5, 3.6)  # inches: reads well in an email window and on half an A4 page
DPI = 110  # 825 × 396 px, shown at 720 CSS px: sharp enough, and small once quantized
CSS_PX_PR_TOMME = 96

# Okabe, M. & Ito, K. (2008): "Color Universal Design". Safe for the common forms of colour-blindness.
OKABE_ITO = {
    "sort": "#000000",
    "orange": "#E69F00",
    "himmelblaa": "#56B4E9",
    "groen": "#009E73",
    "gul": "#F0E442",
    "blaa": "#0072B2",
    "roed": "#D55E00",
    "lilla": "#CC79A7",
}

KOMMUNE, KLYNGE, REGION, LAND, ANDET = "kommune", "klynge", "region", "land", "andet"
ROLLER = (KOMMUNE, KLYNGE, REGION, LAND, ANDET)  # also the legend and drawing order (kommune on top)

ROLLE_FARVER = {
    KOMMUNE: OKABE_ITO["blaa"],
    KLYNGE: OKABE_ITO["groen"],
    REGION: OKABE_ITO["orange"],
    LAND: "#595959",  # dark grey: the benchmark, quiet but with 7:1 contrast on white
    ANDET: OKABE_ITO["lilla"],
}
# Further series of role "andet" (e.g. several comparison kommuner) take these in turn.
ANDRE_FARVER = [OKABE_ITO["lilla"], OKABE_ITO["himmelblaa"], OKABE_ITO["roed"], OKABE_ITO["sort"]]

# Line style, marker and bar hatch per role, so roles differ without colour too.
ROLLE_STIL = {
    KOMMUNE: {"linestyle": "-", "marker": "o", "linewidth": 2.6, "hatch": ""},
    KLYNGE: {"linestyle": ":", "marker": "^", "linewidth": 2.2, "hatch": ".."},
    REGION: {"linestyle": "-.", "marker": "s", "linewidth": 2.0, "hatch": "xx"},
    LAND: {"linestyle": "--", "marker": "D", "linewidth": 2.0, "hatch": "//"},
    ANDET: {"linestyle": (0, (6, 2, 1, 2)), "marker": "v", "linewidth": 1.8, "hatch": "\\\\"},
}

PCT_ENHEDER = {"pct.", "pct", "procent", "%"}

HUSSTIL = {
    "figure.figsize": FIGUR_STOERRELSE,
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "axes.facecolor": "white",
    "font.family": "DejaVu Sans",  # ships with matplotlib: same glyphs (æ, ø, å) on every machine
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "legend.fontsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#444444",
    "axes.labelcolor": "#222222",
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "axes.grid": True,
    "axes.grid.axis": "y",
    "axes.axisbelow": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.8,
    "legend.frameon": False,
    "hatch.linewidth": 0.8,
    "axes.prop_cycle": cycler(color=[ROLLE_FARVER[r] for r in ROLLER]),
    "text.parse_math": False,  # a '$' in an area name or label is text, never mathtext
}


def house_style():
    """Context manager with the house style on top of seaborn's clean 'ticks' look.

    The chart helpers use it themselves; use it around your own matplotlib code:
    `with house_style(): fig = Figure(); ...`.
    """
    rc = {**sns.axes_style("ticks"), **sns.plotting_context("notebook"), **HUSSTIL}
    return mpl.rc_context(rc)


class _Par(NamedTuple):
    fig: Figure
    alt: str


class Figur(_Par):
    """A chart and its text alternative: what every brief figure must have. Still a pair
    (`fig, alt = linjefigur(...)`).

    `data` is the table behind the chart (one row per period or group, one column per series, and a last
    column 'Status' for missing values; see `csvtal`): `brief.Figurblok` offers it as "Hent tallene
    (CSV)". Every helper here sets it; for a chart of your own, pass it: `Figur(fig, alt, data)`.
    """

    data: pd.DataFrame | None = None  # a plain attribute beside the pair; None: no numbers to offer

    def __new__(cls, fig: Figure, alt: str, data: pd.DataFrame | None = None):
        self = super().__new__(cls, fig, alt)
        if data is not None:
            self.data = data
        return self

    def _replace(self, **nye) -> Figur:
        """A new Figur with `fig`, `alt` or `data` changed; the rest (the data too) is kept."""
        return Figur(nye.pop("fig", self.fig), nye.pop("alt", self.alt), nye.pop("data", self.data), **nye)

    def __reduce__(self):
        return (Figur, (self.fig, self.alt, self.data))

    def _repr_html_(self) -> str:  # handy while exploring; briefs use brief.Figurblok
        return f'<img src="{png_data_uri(self.fig, luk=False)}" alt="{html.escape(self.alt)}">'


def farve(rolle: str, nr: int = 0) -> str:
    """The colour of a role; `nr` picks among several series of role 'andet'."""
    if rolle not in ROLLE_FARVER:
        raise UgyldigParameter(f"Ukendt farverolle '{rolle}'. Gyldige roller: {', '.join(ROLLER)}.")
    if rolle == ANDET:
        return ANDRE_FARVER[nr % len(ANDRE_FARVER)]
    return ROLLE_FARVER[rolle]


def stil(rolle: str) -> dict:
    """Line style, marker, line width and hatch of a role."""
    farve(rolle)  # validates
    return dict(ROLLE_STIL[rolle])


def gaet_rolle(navn: str) -> str:
    """Role from an area name: Hele landet → land, a region → region, a kommune → kommune."""
    try:
        o = geo.omraade(navn)
    except UkendtOmraade:  # not an area (e.g. a klynge's name or a group label)
        return KLYNGE if "klynge" in str(navn).lower() else ANDET
    return {geo.LAND: LAND, geo.REGION: REGION}.get(o.niveau, KOMMUNE)


def _roller_for(navne: list[str], roller: Mapping[str, str] | None) -> dict[str, str]:
    """Assign a role to every series: explicit ones first, then guessed; only one series is 'kommune'."""
    roller = dict(roller or {})
    for rolle in roller.values():
        farve(rolle)  # validates
    out: dict[str, str] = {}
    har_kommune = KOMMUNE in roller.values()
    for navn in navne:
        if navn in roller:
            out[navn] = roller[navn]
            continue
        rolle = gaet_rolle(navn)
        if rolle == KOMMUNE:
            rolle = ANDET if har_kommune else KOMMUNE
            har_kommune = True
        out[navn] = rolle
    return out


def _stile(roller: dict[str, str]) -> dict[str, dict]:
    """Colour and style for each series; a role used twice (two 'andet') gets further colours."""
    taeller: dict[str, int] = {}
    out = {}
    for navn, rolle in roller.items():
        nr = taeller.get(rolle, 0)
        taeller[rolle] = nr + 1
        s = stil(rolle)
        s["color"] = farve(rolle, nr) if rolle == ANDET or nr == 0 else farve(ANDET, nr)
        s["zorder"] = 10 - ROLLER.index(rolle)
        out[navn] = s
    return out


# --- Danish axes -----------------------------------------------------------------------------------------


def _decimaler_for_trin(locs: Iterable[float]) -> int:
    """Decimals needed to tell tick values apart: 0 for steps ≥ 1, 1 for 0.5, 2 for 0.25."""
    vals = sorted(v for v in locs if math.isfinite(v))
    trin = [b - a for a, b in zip(vals, vals[1:]) if b - a > 1e-12]
    if not trin:
        return 0
    for d in range(4):
        if all(abs(v * 10**d - round(v * 10**d)) < 1e-6 for v in vals):
            return d
    return 3


class DanskTalFormatter(ticker.FuncFormatter):
    """Tick labels with Danish separators via `fmt.tal`: 10.160 and 33,3.

    With `decimaler=None` the number of decimals follows the tick step, so 0,5-steps show '0,5'
    and 2.000-steps show '2.000'.
    """

    def __init__(self, decimaler: int | None = None, suffiks: str = ""):
        super().__init__(self._format)
        self.decimaler = decimaler
        self.suffiks = suffiks
        self._auto = 0

    def set_locs(self, locs):
        super().set_locs(locs)
        if self.decimaler is None:
            self._auto = _decimaler_for_trin(locs)

    def _format(self, x, pos=None) -> str:
        d = self.decimaler if self.decimaler is not None else self._auto
        return fmt.tal(x, d) + self.suffiks


def dansk_akse(ax: Axes, akse: str = "y", decimaler: int | None = None, enhed: str | None = None, *,
               heltal: bool = False) -> None:
    """Danish number format on an axis, and the unit as axis label ('pct.', 'Antal', …). With `heltal`
    (a chart of whole counts) the ticks fall on whole numbers: for a small kommune matplotlib would
    otherwise put a tick at '17,5 fuldtidspersoner'."""
    axis = ax.yaxis if akse == "y" else ax.xaxis
    axis.set_major_formatter(DanskTalFormatter(decimaler))
    if heltal:
        # the steps of matplotlib's default locator: ticks at 0, 50, 100, not at 0, 30, 60
        axis.set_major_locator(ticker.MaxNLocator(integer=True, steps=[1, 2, 2.5, 5, 10]))
    if enhed:
        (ax.set_ylabel if akse == "y" else ax.set_xlabel)(enhed)


def periode_etiket(p: Periode) -> str:
    """Tick label, short as Danish writes it where space is tight: 'okt. 2017', '3. kvt. 2017', '2017'."""
    return p.label


def periode_akse(ax: Axes, perioder: list[Periode], max_etiketter: int | None = None) -> None:
    """Put period labels on a categorical x axis (positions 0..n-1), ending on the latest period.

    The step is a whole number of months (1, 2, 3, 6, 12, …) or quarters, so labels fall on comparable
    months and the newest period is always labelled.
    """
    n = len(perioder)
    if not n:
        return
    if max_etiketter is None:
        max_etiketter = 8 if perioder[0].frekvens == "M" else 6
    trin_muligheder = [1, 2, 3, 4, 6, 12, 24, 36, 60, 120] if perioder[0].frekvens == "M" else [1, 2, 4, 8, 12, 20, 40]
    trin = next((t for t in trin_muligheder if math.ceil(n / t) <= max_etiketter), max(1, n // max_etiketter))
    pos = list(range(n - 1, -1, -trin))[::-1]
    ax.set_xticks(pos, [periode_etiket(perioder[i]) for i in pos])
    ax.set_xlim(-0.5, n - 0.5)
    ax.tick_params(axis="x", length=3)


# --- helpers shared by the charts ------------------------------------------------------------------------


def _er_pct(enhed: str) -> bool:
    return str(enhed).strip().lower() in PCT_ENHEDER


def _auto_decimaler(vaerdier, enhed: str) -> int:
    """1 decimal for shares and non-integers, 0 for counts."""
    if _er_pct(enhed):
        return 1
    arr = np.asarray(pd.to_numeric(pd.Series(vaerdier), errors="coerce"), dtype=float)
    arr = arr[np.isfinite(arr)]
    return 0 if arr.size == 0 or np.allclose(arr, np.round(arr)) else 1


def vaerdi_tekst(v, enhed: str = "", decimaler: int = 1) -> str:
    """A value for running text: '33,3 pct.' for shares, '1.827' for counts, '..' when missing."""
    return fmt.pct(v, decimaler) if _er_pct(enhed) else fmt.tal(v, decimaler)


def _punktum(tekst: str) -> str:
    """End a sentence with one full stop, also after 'pct.'."""
    return tekst if tekst.endswith(".") else tekst + "."


def _i_saetning(enhed: str) -> str:
    """'Antal' → 'antal' inside a sentence; 'pct.' stays."""
    return enhed[:1].lower() + enhed[1:]


def opremsning(navne: Iterable[str]) -> str:
    """'A', 'A og B', 'A, B og C'."""
    navne = [str(n) for n in navne]
    if len(navne) <= 1:
        return "".join(navne)
    return ", ".join(navne[:-1]) + " og " + navne[-1]


def _kraev_kolonner(df: pd.DataFrame, kolonner: Iterable[str], titel: str) -> None:
    mangler = [k for k in kolonner if k not in df.columns]
    if mangler:
        raise UgyldigParameter(
            f"Figuren '{titel}' mangler kolonnen/kolonnerne {', '.join(mangler)}. "
            f"Data har kolonnerne: {', '.join(map(str, df.columns))}."
        )
    if df.empty:
        raise ManglendeData(f"Der er ingen data at vise i figuren '{titel}'.")


def _kraev_unikke(df: pd.DataFrame, noegler: list[str], titel: str) -> None:
    dubletter = df[df.duplicated(noegler, keep=False)]
    if not dubletter.empty:
        raekke = dubletter.iloc[0]
        hvad = ", ".join(f"{k}={raekke[k]}" for k in noegler)
        raise UgyldigParameter(f"Figuren '{titel}' har flere værdier for samme punkt ({hvad}); vælg én række pr. punkt.")


class EnPasLayout(LayoutEngine):
    """The charts' layout in one pass: the axes take the canvas less what sticks out of them (tick labels,
    axis labels, bar values, place labels), measured once, and less the legend above them.

    It replaces constrained layout, which measured every text twice before each draw for the same result on
    a one-axes chart (a fifth of a brief's time went there). If the axes' new height moves the y ticks (a
    locator chooses by height), it measures once more. A figure with several axes, or whose text would not
    leave the axes a third of the canvas, gets constrained layout as before.
    """

    _adjust_compatible = True
    _colorbar_gridspec = False
    KANT = 5  # px between the outermost text and the canvas edge, as constrained layout's 3 pt pad

    def execute(self, fig: Figure) -> None:
        if len(fig.axes) != 1:
            return ConstrainedLayoutEngine().execute(fig)
        ax = fig.axes[0]
        renderer = fig._get_renderer()
        w, h = fig.bbox.width, fig.bbox.height
        loft = h - self.KANT
        for lg in fig.legends:
            lg.set_loc("upper left")
            loft = min(loft, lg.get_window_extent(renderer).y0 - self.KANT)
        if ax.get_subplotspec() is not None:  # start from the same place each draw: same figure, same pixels
            ax._set_position(ax.get_subplotspec().get_position(fig), which="both")
        for forsoeg in range(2):
            ticks = ax.yaxis.get_majorticklocs()
            ramme, ud = ax.bbox, ax.get_tightbbox(renderer, for_layout_only=True)
            x0 = self.KANT + ramme.x0 - ud.x0
            x1 = w - self.KANT - (ud.x1 - ramme.x1)
            y0 = self.KANT + ramme.y0 - ud.y0
            y1 = loft - (ud.y1 - ramme.y1)
            if x1 - x0 < w / 3 or y1 - y0 < h / 3:
                return ConstrainedLayoutEngine().execute(fig)
            ax._set_position([x0 / w, y0 / h, (x1 - x0) / w, (y1 - y0) / h], which="both")
            if np.array_equal(ticks, ax.yaxis.get_majorticklocs()):
                return None
        return None


_SKELETTER: dict[tuple[float, float], bytes] = {}
_TICKS = 10  # ticks made in advance per axis: as many as a chart shows (up to 8 months, 9 groups)


def _ny_figur(stoerrelse=FIGUR_STOERRELSE) -> tuple[Figure, Axes]:
    """An empty chart in the house style (call inside `house_style()`): a figure, its axes and their ticks.

    What is the same for every chart of a size is built once per process and kept pickled: unpickling it
    costs about half of building a figure, an axes and its ticks again (matplotlib makes each tick as five
    artists), which a batch would otherwise do for every chart of every kommune."""
    noegle = (float(stoerrelse[0]), float(stoerrelse[1]))
    skelet = _SKELETTER.get(noegle)
    if skelet is None:
        fig = Figure(figsize=noegle, dpi=DPI, layout=EnPasLayout())
        ax = fig.add_subplot()
        ax.xaxis.get_major_ticks(_TICKS)
        ax.yaxis.get_major_ticks(_TICKS)
        skelet = _SKELETTER[noegle] = pickle.dumps(fig)
    fig = pickle.loads(skelet)
    return fig, fig.axes[0]


def _forklaring(fig: Figure, ax: Axes) -> None:
    """Legend above the plot, in one row: it never hides data."""
    handles, labels = ax.get_legend_handles_labels()
    if len(labels) > 1:
        fig.legend(handles, labels, loc="outside upper left", ncols=min(len(labels), 4), handlelength=3)


def _kategori_etiket(v, bredde: int) -> str:
    tekst = _etiket(v)
    return "\n".join(textwrap.wrap(tekst, bredde)) or tekst


_PERIODEKODE = re.compile(r"\d{4}(M\d{2}|K[1-4](MAT)?)")


def _etiket(v) -> str:
    """Period codes become labels ('2017M10' → 'okt. 2017'); everything else is shown as it is."""
    if isinstance(v, Periode):
        return v.label
    s = str(v)
    return periode(s).label if _PERIODEKODE.fullmatch(s) else s


def _status_bred(data: pd.DataFrame, raekke: str, kolonne: str, index, columns) -> pd.DataFrame | None:
    """The tidy frame's 'status' (ok, mangler, diskretioneret) spread like the chart's values; a point with
    no row at all is 'mangler'. None when the frame has no status column."""
    if "status" not in data.columns:
        return None
    s = data.assign(_rk=data[raekke].astype(str) if raekke != "_pos" else data[raekke],
                    _kk=data[kolonne].astype(str))
    s = pivot(s, "_rk", "_kk", "status")
    return s.reindex(index=list(index), columns=list(columns)).fillna(MANGLER_STATUS)


MANGLER_STATUS = "mangler"


def _navngiv(bred: pd.DataFrame, etiketter: list[str], navn: str) -> pd.DataFrame:
    """The chart's values with readable row labels and a Danish index name: the table behind the chart."""
    ud = bred.copy()
    ud.index = pd.Index(etiketter, name=csvtal.dansk_navn(navn))
    ud.columns = pd.Index([str(c) for c in ud.columns])
    return ud


def _med_status(tal: pd.DataFrame, status: pd.DataFrame | None, enhed: str = "") -> pd.DataFrame:
    ud = csvtal.tabel_med_status(tal, None if status is None else status.set_axis(tal.index, axis=0)
                                 .set_axis(tal.columns, axis=1))
    ud.attrs[csvtal.ENHED] = enhed  # the CSV header says it: 'Ballerup (pct.)'
    return ud


# --- line chart ------------------------------------------------------------------------------------------


def linjefigur(
    df: pd.DataFrame,
    x: str = "periode",
    y: str = "vaerdi",
    serie: str = "omraade",
    roller: Mapping[str, str] | None = None,
    titel: str = "",
    enhed: str = "",
    *,
    decimaler: int | None = None,
    y_fra_nul: bool = False,
    vis_titel: bool = False,
) -> Figur:
    """Time series, one line per area. Periods are codes ('2017M10', '2017K3').

    Every period between the first and the last is on the axis; a missing value (NaN, or no row at all)
    is a gap in the line, never a drop to 0. Isolated points between gaps keep their marker.
    """
    _kraev_kolonner(df, [x, y, serie], titel)
    _kraev_unikke(df, [x, serie], titel)
    koder = {k: periode(k) for k in df[x].astype(str).unique()}
    frekvenser = {(p.frekvens, p.mat) for p in koder.values()}
    if len(frekvenser) > 1:
        raise UgyldigPeriode(f"Figuren '{titel}' blander måneder, kvartaler og år; vis én frekvens pr. figur.")
    foerste, sidste = min(koder.values()), max(koder.values())
    perioder = [foerste.shift(i) for i in range(sidste - foerste + 1)]
    pos = {p: i for i, p in enumerate(perioder)}

    data = df.assign(_pos=df[x].astype(str).map(lambda k: pos[koder[k]]), _v=pd.to_numeric(df[y], errors="coerce"))
    navne = list(dict.fromkeys(data[serie].astype(str)))
    bred = pivot(data, "_pos", serie, "_v").reindex(range(len(perioder)))
    bred.columns = bred.columns.astype(str)
    rolle_af = _roller_for(navne, roller)
    navne.sort(key=lambda n: ROLLER.index(rolle_af[n]))
    stile = _stile(rolle_af)
    d = _auto_decimaler(data["_v"], enhed) if decimaler is None else decimaler

    with house_style():
        fig, ax = _ny_figur()
        for navn in navne:
            s = stile[navn]
            v = bred[navn].to_numpy(dtype=float)
            ax.plot(
                np.arange(len(perioder)), v, label=navn, color=s["color"], linestyle=s["linestyle"],
                linewidth=s["linewidth"], marker=s["marker"], markersize=5 if s["marker"] != "D" else 4,
                markevery=_markoerer(v), zorder=s["zorder"],
            )
        periode_akse(ax, perioder)
        dansk_akse(ax, "y", None, enhed, heltal=d == 0 and not _er_pct(enhed))
        if y_fra_nul:
            ax.set_ylim(bottom=min(0, np.nanmin(bred.to_numpy(dtype=float))))
        if vis_titel and titel:
            ax.set_title(titel, loc="left")
        _forklaring(fig, ax)
    status = _status_bred(data, "_pos", serie, range(len(perioder)), navne)
    tal = _navngiv(bred[navne], [p.label for p in perioder], x)
    return Figur(fig, _alt_linje(titel, enhed, navne, perioder, bred, d), _med_status(tal, status, enhed))


def _markoerer(v: np.ndarray) -> list[int]:
    """Markers on a thinned-out set of points (every k-th from the end) plus every isolated point."""
    n = len(v)
    ok = np.isfinite(v)
    k = max(1, math.ceil(n / 12))
    valgt = {i for i in range(n - 1, -1, -k) if ok[i]}
    for i in np.flatnonzero(ok):
        if (i == 0 or not ok[i - 1]) and (i == n - 1 or not ok[i + 1]):
            valgt.add(int(i))
    return sorted(valgt)


def _alt_linje(titel, enhed, navne, perioder, bred: pd.DataFrame, d: int) -> str:
    foerste, sidste = perioder[0], perioder[-1]
    dele = [f"Linjefigur: {titel}." if titel else "Linjefigur."]
    maalt = f", målt i {_i_saetning(enhed)}" if enhed else ""
    dele.append(_punktum(f"Figuren viser {opremsning(navne)} fra {foerste.tekst} til {sidste.tekst}{maalt}"))
    seneste = []
    for navn in navne:
        s = bred[navn].dropna()
        if s.empty:
            seneste.append(f"{navn}: ingen tal")
            continue
        p = perioder[int(s.index[-1])]
        naar = "" if p == sidste else f" (seneste tal: {p.tekst})"
        seneste.append(f"{navn} {vaerdi_tekst(s.iloc[-1], enhed, d)}{naar}")
    dele.append(_punktum(f"Seneste værdier, {sidste.tekst}: " + "; ".join(seneste)))
    for navn in navne:  # where each series starts and ends: the shape in words
        s = bred[navn].dropna()
        if len(s) >= 2:
            dele.append(_punktum(
                f"{navn} gik fra {vaerdi_tekst(s.iloc[0], enhed, d)} i {perioder[int(s.index[0])].tekst} "
                f"til {vaerdi_tekst(s.iloc[-1], enhed, d)} i {perioder[int(s.index[-1])].tekst}, "
                f"laveste {vaerdi_tekst(s.min(), enhed, d)}, højeste {vaerdi_tekst(s.max(), enhed, d)}"
            ))
    mangler = int(bred[navne].isna().sum().sum())
    if mangler:
        dele.append(f"{mangler} {'værdi mangler' if mangler == 1 else 'værdier mangler'} og vises som huller i kurverne.")
    return " ".join(dele)


# --- grouped bars ----------------------------------------------------------------------------------------


def soejlefigur(
    df: pd.DataFrame,
    x: str,
    y: str = "vaerdi",
    serie: str = "omraade",
    roller: Mapping[str, str] | None = None,
    titel: str = "",
    enhed: str = "",
    *,
    decimaler: int | None = None,
    vis_vaerdier: bool | None = None,
    vis_titel: bool = False,
) -> Figur:
    """Grouped bars: one group per value of `x` (e.g. cohorts), one bar per area, from 0.

    A missing value gets no bar but a '..' at the baseline, so it is not read as 0. With up to 16 bars
    every bar carries its value in Danish format.
    """
    _kraev_kolonner(df, [x, y, serie], titel)
    _kraev_unikke(df, [x, serie], titel)
    data = df.assign(_x=df[x].astype(str), _s=df[serie].astype(str), _v=pd.to_numeric(df[y], errors="coerce"))
    kategorier = list(dict.fromkeys(data["_x"]))
    navne = list(dict.fromkeys(data["_s"]))
    rolle_af = _roller_for(navne, roller)
    navne.sort(key=lambda n: -ROLLER.index(rolle_af[n]))  # benchmark first, kommune last: reads left → right
    stile = _stile(rolle_af)
    bred = pivot(data, "_x", "_s", "_v").reindex(index=kategorier, columns=navne)
    d = _auto_decimaler(data["_v"], enhed) if decimaler is None else decimaler
    n_k, n_s = len(kategorier), len(navne)
    if vis_vaerdier is None:
        vis_vaerdier = n_k * n_s <= 16
    bredde = 0.8 / n_s
    top = np.nanmax(np.abs(bred.to_numpy(dtype=float))) if bred.notna().any().any() else 1.0

    with house_style():
        fig, ax = _ny_figur()
        ax.axhline(0, color="#444444", linewidth=0.8, zorder=1)
        for j, navn in enumerate(navne):
            s = stile[navn]
            xs = np.arange(n_k) - 0.4 + bredde * (j + 0.5)
            vs = bred[navn].to_numpy(dtype=float)
            ok = np.isfinite(vs)
            ax.bar(
                xs[ok], vs[ok], width=bredde * 0.92, label=navn, color=s["color"], hatch=s["hatch"],
                edgecolor="white", linewidth=0.6, zorder=3,
            )
            for xi, vi, oki in zip(xs, vs, ok):
                if not oki:
                    ax.text(xi, 0, fmt.MANGLER, ha="center", va="bottom", fontsize=10, color="#555555", zorder=4)
                elif vis_vaerdier:
                    ax.text(
                        xi, vi + (0.01 * top if vi >= 0 else -0.01 * top), fmt.tal(vi, d),
                        ha="center", va="bottom" if vi >= 0 else "top", fontsize=10, color="#222222", zorder=4,
                    )
        ombryd = max(8, int(90 / max(n_k, 1)))
        ax.set_xticks(range(n_k), [_kategori_etiket(k, ombryd) for k in kategorier])
        ax.tick_params(axis="x", length=0)
        ax.set_xlim(-0.6, n_k - 0.4)
        ax.margins(y=0.12)
        if vis_vaerdier or not bred.notna().all().all():  # room for the labels on both sides of 0
            vs = bred.to_numpy(dtype=float)
            lav, hoej = ax.get_ylim()
            ax.set_ylim(min(lav, -0.12 * top) if (vs < 0).any() else lav,
                        max(hoej, 0.12 * top) if not (vs < 0).all() else hoej)
        dansk_akse(ax, "y", None, enhed, heltal=d == 0 and not _er_pct(enhed))
        if vis_titel and titel:
            ax.set_title(titel, loc="left")
        handles, labels = ax.get_legend_handles_labels()
        if labels:  # in the bars' order, so the first name in the legend is the leftmost bar of each group
            fig.legend(handles, labels, loc="outside upper left", ncols=min(len(labels), 4))
    orden = sorted(navne, key=lambda n: ROLLER.index(rolle_af[n]))
    status = _status_bred(data, "_x", "_s", kategorier, orden)
    tal = _navngiv(bred[orden], [_etiket(k) for k in kategorier], x)
    return Figur(fig, _alt_soejle(titel, enhed, x, kategorier, orden, bred, d), _med_status(tal, status, enhed))


def _alt_soejle(titel, enhed, x, kategorier, navne, bred: pd.DataFrame, d: int) -> str:
    dele = [f"Søjlefigur: {titel}." if titel else "Søjlefigur."]
    maalt = f", målt i {_i_saetning(enhed)}" if enhed else ""
    etiketter = [_etiket(k) for k in kategorier]
    fordelt = f" fordelt på {len(kategorier)} grupper" if len(kategorier) > 1 else ""  # not "på 1 grupper"
    dele.append(_punktum(f"Figuren viser {opremsning(navne)}{fordelt}{maalt}"))
    if bred.size <= 40:
        for k, etiket in zip(kategorier, etiketter):
            vaerdier = ", ".join(f"{n} {vaerdi_tekst(bred.at[k, n], enhed, d)}" for n in navne)
            dele.append(_punktum(f"{etiket}: {vaerdier}"))
    else:
        for n in navne:
            s = bred[n].dropna()
            if not s.empty:
                dele.append(
                    f"{n}: laveste {vaerdi_tekst(s.min(), enhed, d)} ({_etiket(s.idxmin())}), "
                    f"højeste {vaerdi_tekst(s.max(), enhed, d)} ({_etiket(s.idxmax())})."
                )
    mangler = int(bred.isna().sum().sum())
    if mangler:
        dele.append(f"'{fmt.MANGLER}' betyder, at tallet ikke er oplyst ({mangler} i alt).")
    return " ".join(dele)


# --- heatmap ---------------------------------------------------------------------------------------------


def heatmap(
    df: pd.DataFrame,
    rad: str,
    kolonne: str,
    vaerdi: str = "vaerdi",
    titel: str = "",
    enhed: str = "",
    *,
    decimaler: int | None = None,
    cmap: str = "Blues",
) -> Figur:
    """Rows × columns with each cell's value written in Danish format; missing cells show '..' on grey.

    'Blues' is a single-hue scale: it stays ordered in greyscale and with colour-blindness. Column
    values that are period codes are shown as labels ('okt. 2017').
    """
    _kraev_kolonner(df, [rad, kolonne, vaerdi], titel)
    _kraev_unikke(df, [rad, kolonne], titel)
    data = df.assign(_r=df[rad].astype(str), _k=df[kolonne].astype(str), _v=pd.to_numeric(df[vaerdi], errors="coerce"))
    raekker = list(dict.fromkeys(data["_r"]))
    kolonner = list(dict.fromkeys(data["_k"]))
    if all(_etiket(k) != k for k in kolonner):  # period codes: put them in time order
        kolonner.sort(key=periode)
    bred = pivot(data, "_r", "_k", "_v").reindex(index=raekker, columns=kolonner)
    d = _auto_decimaler(data["_v"], enhed) if decimaler is None else decimaler
    arr = bred.to_numpy(dtype=float)
    tekster = np.vectorize(lambda v: fmt.tal(v, d), otypes=[object])(arr)
    hoejde = min(7.5, max(2.4, 0.9 + 0.42 * len(raekker)))

    with house_style():
        fig, ax = _ny_figur((FIGUR_STOERRELSE[0], hoejde))
        ax.set_facecolor("#eeeeee")
        sns.heatmap(
            bred.set_axis([_etiket(k) for k in kolonner], axis=1), ax=ax, cmap=cmap, annot=tekster, fmt="",
            annot_kws={"fontsize": 10}, cbar=False, linewidths=1, linecolor="white",
        )
        for (i, j), v in np.ndenumerate(arr):
            if not np.isfinite(v):
                ax.text(j + 0.5, i + 0.5, fmt.MANGLER, ha="center", va="center", fontsize=10, color="#444444")
        ax.set_xlabel("")
        ax.set_ylabel("")
        ax.tick_params(length=0)
        ax.set_yticks(np.arange(len(raekker)) + 0.5, [_kategori_etiket(r, 28) for r in raekker], rotation=0)
        ax.xaxis.tick_top()
        ax.tick_params(axis="x", rotation=0 if len(kolonner) <= 8 else 45)
        ax.grid(False)
    status = _status_bred(data, "_r", "_k", raekker, kolonner)
    tal = _navngiv(bred.set_axis([_etiket(k) for k in kolonner], axis=1), raekker, rad)
    return Figur(fig, _alt_heatmap(titel, enhed, raekker, kolonner, bred, d), _med_status(tal, status, enhed))


def _alt_heatmap(titel, enhed, raekker, kolonner, bred: pd.DataFrame, d: int) -> str:
    dele = [f"Varmekort: {titel}." if titel else "Varmekort."]
    maalt = " " + _punktum(f"Værdierne er i {_i_saetning(enhed)}") if enhed else ""
    k_etiketter = [_etiket(k) for k in kolonner]
    dele.append(f"Rækker: {opremsning(raekker)}. Kolonner: {opremsning(k_etiketter)}.{maalt}")
    stak = bred.stack().dropna()
    if not stak.empty:
        (r_min, k_min), (r_max, k_max) = stak.idxmin(), stak.idxmax()
        dele.append(
            f"Laveste værdi er {vaerdi_tekst(stak.min(), enhed, d)} ({r_min}, {_etiket(k_min)}), "
            f"højeste {vaerdi_tekst(stak.max(), enhed, d)} ({r_max}, {_etiket(k_max)})."
        )
    if bred.size <= 30:
        for r in raekker:
            dele.append(_punktum(f"{r}: " + ", ".join(f"{_etiket(k)} {vaerdi_tekst(bred.at[r, k], enhed, d)}" for k in kolonner)))
    mangler = int(bred.isna().sum().sum())
    if mangler:
        dele.append(f"{mangler} {'felt mangler' if mangler == 1 else 'felter mangler'} og er vist som '{fmt.MANGLER}'.")
    return " ".join(dele)


# --- places in a group ----------------------------------------------------------------------------------

# Thirds of the group: light tints of the house colours, each with its own hatch for greyscale print.
TREDJEDEL_FARVE = {1: "#d4efe5", 2: "#f2f2f2", 3: "#fbe0cf"}
TREDJEDEL_SKRAVERING = {1: "", 2: "..", 3: "//"}
STAK_AFSTAND = 0.16  # vertical distance between the dots of members sharing a place
ANDRE_FARVE = "#7f7f7f"  # the group's other members: quiet grey


def placeringsfigur(
    df: pd.DataFrame,
    kommune: str,
    titel: str = "",
    *,
    raekke: str = "noegletal",
    omraade: str = "omraade",
    plads: str = "plads",
    spaend: Mapping[str, tuple[int, int] | None] | None = None,
    aksetekst: str = "Placering i gruppen (1 = bedst)",
    andre: str = "Øvrige i gruppen",
) -> Figur:
    """Dot strip of places in a group, as STAR's Jobcenteroverblik ranks a kommune in its klynge: one row per
    measure (`raekke`), the group's members by place (`plads`, 1 = best, left; NaN = not ranked), the thirds
    of the group as shaded bands (`ranking.tredjedel`), `kommune` as a large dot labelled with its place, and
    (`spaend`, measure → (best, worst)) the places it could have within the uncertainty as a line.

    `df` has one row per measure and member; members sharing a place are stacked in the order given. The
    group size of a measure is its ranked members. The data behind the chart: measures × members' places,
    the number ranked and the span."""
    _kraev_kolonner(df, [raekke, omraade, plads], titel)
    _kraev_unikke(df, [raekke, omraade], titel)
    data = df.assign(_r=df[raekke].astype(str), _o=df[omraade].astype(str),
                     _p=pd.to_numeric(df[plads], errors="coerce").astype(float))
    maal = list(dict.fromkeys(data["_r"]))
    spaend = dict(spaend or {})
    antal = {m: int(data.loc[data["_r"] == m, "_p"].notna().sum()) for m in maal}
    egen = {m: data.loc[(data["_r"] == m) & (data["_o"] == kommune), "_p"] for m in maal}
    egen = {m: float(v.iloc[0]) if len(v) and not np.isnan(v.iloc[0]) else None for m, v in egen.items()}
    n_max = max([*antal.values(), 1])
    farve_ = farve(KOMMUNE)

    with house_style():
        fig, ax = _ny_figur((FIGUR_STOERRELSE[0], 1.5 + 0.62 * len(maal)))
        ax.grid(False)
        for i, m in enumerate(maal):
            y = len(maal) - 1 - i
            if antal[m]:
                for t in (1, 2, 3):
                    pladser = [q for q in range(1, antal[m] + 1) if ranking.tredjedel(q, antal[m]) == t]
                    if pladser:
                        ax.add_patch(_tredjedel_baand(pladser[0] - 0.5, pladser[-1] + 0.5, y, t))
            oevrige = data.loc[(data["_r"] == m) & (data["_o"] != kommune) & data["_p"].notna(), "_p"]
            ax.scatter(oevrige, y + np.array(stak(list(oevrige), egen[m])), s=22, color=ANDRE_FARVE, zorder=3,
                       linewidths=0)
            s = spaend.get(m)
            if s and s[0] != s[1]:
                ax.plot(s, [y, y], color=farve_, linewidth=5, alpha=0.45, solid_capstyle="round", zorder=4)
            if egen[m] is not None:
                ax.scatter([egen[m]], [y], s=110, color=farve_, edgecolors="black", linewidths=0.8, zorder=5)
                ax.annotate(f"nr. {int(egen[m])}", (egen[m], y), xytext=(0, 9), textcoords="offset points",
                            ha="center", va="bottom", fontsize=9, color="#111111", zorder=6)
            else:
                ax.text(0.6, y, ranking.IKKE_RANGERET.lower(), va="center", fontsize=9, color="#444444")
        ax.set_yticks(range(len(maal)), list(reversed(maal)))
        ax.set_ylim(-0.6, len(maal) - 0.35)
        kant = max(0.9, 0.04 * n_max)  # room for the label above the first and the last place
        ax.set_xlim(1 - kant, n_max + kant)
        ax.set_xticks(pladsakse(n_max))
        ax.set_xlabel(aksetekst)
        ax.tick_params(axis="y", length=0)
        haandtag = [Line2D([], [], marker="o", linestyle="", markersize=9, color=farve_, markeredgecolor="black",
                           label=kommune),
                    Line2D([], [], marker="o", linestyle="", markersize=5, color=ANDRE_FARVE, label=andre),
                    Line2D([], [], color=farve_, linewidth=5, alpha=0.45, label="Inden for usikkerheden")]
        haandtag += [Patch(facecolor=TREDJEDEL_FARVE[t], hatch=TREDJEDEL_SKRAVERING[t], edgecolor="#9a9a9a",
                           label=f"{ranking.TREDJEDEL_NAVN[t].capitalize()} tredjedel") for t in (1, 2, 3)]
        fig.legend(handles=haandtag, loc="outside upper left", ncols=3, fontsize=9)
    alt = _alt_placering(titel, maal, antal, egen, spaend)
    return Figur(fig, alt, _placering_data(data, maal, kommune, antal, spaend, raekke))


def _tredjedel_baand(a: float, b: float, y: float, t: int) -> Rectangle:
    return Rectangle((a, y - 0.32), b - a, 0.64, facecolor=TREDJEDEL_FARVE[t], hatch=TREDJEDEL_SKRAVERING[t],
                     edgecolor="#9a9a9a", linewidth=0.4, zorder=1)


def pladsakse(antal: int) -> list[int]:
    """Ticks for places 1..antal: every place in a small group, else 1, every fifth and the last (without
    a fifth that would crowd the last)."""
    if antal <= 12:
        return list(range(1, antal + 1))
    trin = 5
    return [1, *(t for t in range(trin, antal, trin) if antal - t >= trin / 2), antal]


def stak(pladser: list[float], optaget: float | None = None) -> list[float]:
    """Vertical offsets so members sharing a place are all visible: 0, -d, +d, -2d, …; the centre of the
    place `optaget` is left to the kommune's own dot."""
    brugt: dict[float, int] = {}
    out = []
    for pl in pladser:
        i = brugt.get(pl, 1 if pl == optaget else 0)
        brugt[pl] = i + 1
        out.append(STAK_AFSTAND * ((i + 1) // 2) * (-1 if i % 2 else 1))
    return out


def _alt_placering(titel, maal, antal, egen, spaend) -> str:
    """Every measure's place, third and (when the data cannot carry the place) span."""
    dele = [f"Prikfigur: {titel}, hvor nr. 1 er bedst." if titel else "Prikfigur, hvor nr. 1 er bedst."]
    for m in maal:
        if egen[m] is None:
            dele.append(f"{m}: ikke rangeret.")
            continue
        s = spaend.get(m)
        usikker = f", inden for usikkerheden {ranking.spaend_tekst(s)}" if ranking.er_usikker(s) else ""
        t = ranking.tredjedel(int(egen[m]), antal[m])
        dele.append(f"{m}: nr. {int(egen[m])} af {antal[m]}, "
                    f"{ranking.tredjedel_tekst(t, markoer=False).lower()}{usikker}.")
    return " ".join(dele)


def _placering_data(data: pd.DataFrame, maal: list[str], kommune: str, antal: dict, spaend: dict,
                    raekke: str) -> pd.DataFrame:
    """Measures × members (the kommune first) with each place, the number ranked and the kommune's span; a
    member without a place is 'ikke rangeret' in the status column."""
    navne = list(dict.fromkeys([kommune, *data["_o"]]))
    bred = pivot(data, "_r", "_o", "_p").reindex(index=maal, columns=navne)
    tal = _navngiv(bred, maal, raekke)
    status = pd.DataFrame(np.where(tal.isna(), "ikke rangeret", ""), index=tal.index, columns=tal.columns)
    tal["Antal rangerede"] = [antal[m] for m in maal]
    status["Antal rangerede"] = ""
    if spaend:
        for i, kol in enumerate(("Inden for usikkerheden, fra", "Inden for usikkerheden, til")):
            tal[kol] = [float(spaend[m][i]) if spaend.get(m) else math.nan for m in maal]
            status[kol] = ["" if spaend.get(m) else "ikke rangeret" for m in maal]
    return _med_status(tal, status)


# --- PNG for the HTML ------------------------------------------------------------------------------------


def png_bytes(fig: Figure, dpi: int = DPI, farver: int = 96) -> bytes:
    """The figure as a small PNG: rendered with Agg, then reduced to `farver` colours without dithering.

    Charts use few colours, so a palette PNG is 3-5 times smaller than the RGBA one and looks the same
    (zlib's default level: `optimize=True` would save another tenth of the bytes at five times the cost).
    Re-encoding also drops matplotlib's metadata, so equal figures give equal bytes. `farver=0` gives
    matplotlib's own full-colour PNG.
    """
    if not farver:
        buf = io.BytesIO()
        with house_style():
            fig.savefig(buf, format="png", dpi=dpi, facecolor="white")
        return buf.getvalue()
    lille = _rgb(fig, dpi).quantize(colors=farver, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    lille.putpalette(_hvid_er_hvid(lille.getpalette()))
    ud = io.BytesIO()
    lille.save(ud, format="PNG")
    return ud.getvalue()


def _hvid_er_hvid(palet: list[int], graense: int = 250) -> list[int]:
    """The palette with near-white entries made white. The fast octree quantiser (about 8 times faster than
    median cut, for as small a file) averages the background with the faintest antialiased pixels, which
    gives (254, 254, 254): a visible grey box on a white e-mail page."""
    ud = list(palet)
    for i in range(0, len(ud) - 2, 3):
        if min(ud[i:i + 3]) >= graense:
            ud[i:i + 3] = [255, 255, 255]
    return ud


class _TekstRenderer(RendererAgg):
    """Agg with its text work remembered across figures in this process (a batch kernel draws hundreds).

    Text is most of what Agg does for these charts, and most of it repeats from chart to chart and from
    kommune to kommune: month labels, tick numbers, area names, units. A text's metrics and its rasterised
    glyphs are kept by (string, font, size, dpi, angle); a text is drawn on whole pixels (at most half a
    pixel from matplotlib's own position), so the same glyph bitmaps fit wherever the text stands. The
    pixels of a glyph are FreeType's own, as matplotlib draws them; only the half-pixel snap differs.
    """

    _maal: dict = {}
    _hoejde: dict = {}
    _glyffer: dict = {}
    _GRAENSE = 20_000  # entries per cache: a few MB; cleared when full (a new batch of strings)

    def get_text_width_height_descent(self, s, prop, ismath):
        if ismath:
            return super().get_text_width_height_descent(s, prop, ismath)
        noegle = (s, hash(prop), self.dpi)
        svar = self._maal.get(noegle)
        if svar is None:
            svar = self._gem(self._maal, noegle, super().get_text_width_height_descent(s, prop, ismath))
        return svar

    def _get_font_height_metrics(self, prop):
        """Ascent, descent and line gap of the font (what `Text._get_layout` otherwise reads from the
        font's tables for every text)."""
        noegle = (hash(prop), self.dpi)
        svar = self._hoejde.get(noegle)
        if svar is None:
            svar = self._gem(self._hoejde, noegle, _font_hoejde(prop, self.dpi))
        return svar

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if ismath or (mtext is not None and (mtext.get_fontfeatures() or mtext.get_language())):
            return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
        x0, y0 = round(x), round(y)
        aa = bool(gc.get_antialiased())
        noegle = (s, hash(prop), self.dpi, angle, aa)
        glyffer = self._glyffer.get(noegle)
        if glyffer is None:
            glyffer = self._gem(self._glyffer, noegle, self._raster(s, prop, angle, aa))
        h = int(self.height)
        for buf, venstre, top in glyffer:
            self._renderer.draw_text_image(buf, x0 + venstre, h - (top + h - y0) + buf.shape[0], 0, gc)

    def _raster(self, s, prop, angle, aa) -> list:
        """The glyph bitmaps of `s` with its origin at (0, 0): (pixels, left, top) each."""
        font = self._prepare_font(prop)
        cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        flag = get_hinting_flag()
        ud = []
        h = int(self.height)
        for item in font._layout(s, flags=flag, features=None, language=None):
            f = item.ft_object
            f.set_size(prop.get_size_in_points(), self.dpi)
            dx, dy = item.x, item.y
            f._set_transform((0x10000 * np.array([[cos, -sin], [sin, cos]])).round().astype(int),
                             [round(0x40 * (dx * cos - dy * sin)), round(0x40 * (h + dx * sin + dy * cos))])
            bm = f._render_glyph(item.glyph_index, flag, RenderMode.NORMAL if aa else RenderMode.MONO)
            buf = np.array(bm.buffer)
            if not aa:
                buf *= 0xFF
            ud.append((buf, bm.left, bm.top - h))
        return ud

    @classmethod
    def _gem(cls, cache: dict, noegle, vaerdi):
        if len(cache) >= cls._GRAENSE:
            cache.clear()
        cache[noegle] = vaerdi
        return vaerdi


def _font_hoejde(prop, dpi: float):
    """As `Text._get_layout` computes it from the font's OS/2 (or hhea) table; None when it has neither."""
    font = get_font(fontManager._find_fonts_by_props(prop))
    for tabel, gab, op, ned in (("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
                                ("hhea", "lineGap", "ascent", "descent")):
        t = font.get_sfnt_table(tabel)
        if t is not None:
            skala = prop.get_size_in_points() * dpi / 72 / font.get_sfnt_table("head")["unitsPerEm"]
            return t[op] * skala, -t[ned] * skala, t[gab] * skala
    return None, None, None


class _Laerred(FigureCanvasAgg):
    """FigureCanvasAgg drawing with `_TekstRenderer`."""

    def get_renderer(self):
        w, h = self.get_width_height(physical=True)
        noegle = w, h, self.figure.dpi
        if self._lastKey != noegle:
            self.renderer = _TekstRenderer(w, h, self.figure.dpi)
            self._lastKey = noegle
        return self.renderer


def _rgb(fig: Figure, dpi: int) -> Image.Image:
    """The figure drawn once by Agg at `dpi` on white, as pixels (the figure is left as it was).

    Same pixels as `savefig(format="png", facecolor="white")`, at about half the cost: savefig draws a
    figure with a layout engine twice (a layout pass, then the real one) and encodes a PNG that would only
    be decoded again here. That matters when a batch renders hundreds of briefs.
    """
    canvas_foer, dpi_foer, farve_foer = fig.canvas, fig.dpi, fig.patch.get_facecolor()
    try:
        if dpi != dpi_foer:
            fig.dpi = dpi
        fig.patch.set_facecolor("white")
        with house_style():
            canvas = _Laerred(fig)  # sets fig.canvas; put back below, as savefig does
            canvas.draw()
            return Image.fromarray(np.asarray(canvas.buffer_rgba())).convert("RGB")
    finally:
        fig.set_canvas(canvas_foer)
        fig.patch.set_facecolor(farve_foer)
        if fig.dpi != dpi_foer:
            fig.dpi = dpi_foer


def png_data_uri(fig: Figure | Figur, dpi: int = DPI, *, farver: int = 96, luk: bool = True) -> str:
    """`data:image/png;base64,…` for an <img>, and (with `luk`) the figure released from pyplot."""
    if isinstance(fig, Figur):
        fig = fig.fig
    data = png_bytes(fig, dpi, farver)
    if luk and getattr(fig.canvas, "manager", None) is not None:  # only pyplot-made figures need closing
        import matplotlib.pyplot as plt

        plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def css_stoerrelse(fig: Figure | Figur) -> tuple[int, int]:
    """Width and height in CSS pixels (96 per inch) for the <img> attributes."""
    if isinstance(fig, Figur):
        fig = fig.fig
    w, h = fig.get_size_inches()
    return round(w * CSS_PX_PR_TOMME), round(h * CSS_PX_PR_TOMME)
