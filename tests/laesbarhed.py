"""Legibility of a chart, checked on the matplotlib Figure as it is drawn into the brief's PNG.

`problemer(fig)` draws the figure once with Agg (at the brief's DPI, in the house style, as `figures.png_bytes`
does) and returns what a reader would see as wrong, in words, empty when the chart reads well:
- text outside the canvas;
- text that a clip box cuts (a clipped label), and in-chart text (bar values, '..', places) outside the axes;
- a text overlapping another text, a legend, or the data (lines, markers, bars, dots) by more than `TOL` px;
- a legend overlapping the data;
- text below the house style's smallest size, in another font, or too pale to read (contrast < 4.5:1);
- data drawn in a colour outside the house palette, or a figure not of the house width and DPI.

Bounding boxes come from matplotlib's renderer (the same layout Agg rasterises); only text the renderer
actually draws counts (tick labels of ticks outside the view are never drawn, so they are skipped).

`figurer_i_brief(tema, kommune)` runs a notebook's own code cells in this process (no kernel) and returns
every Figure its blocks draw, in order, so the check covers exactly the charts of a brief.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from matplotlib import colors as mcolors
from matplotlib.collections import PathCollection
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from noegletal import figures

NOTESBOGMAPPE = Path(__file__).resolve().parents[1] / "notebooks"
DEMO_TEMAER = ("integration", "ledighed", "aktivering", "fleksjob", "overblik")

TOL = 1.5  # px at the brief's DPI: anti-aliasing and rounding, not a visible overlap
MINDSTE_SKRIFT = 9  # pt: the house style's smallest text (legends and labels in the dot strip)
STOERSTE_SKRIFT = 12  # pt: axes titles
MIN_KONTRAST = 4.5  # WCAG AA for normal text
HUSFARVER = {mcolors.to_hex(c) for c in [*figures.ROLLE_FARVER.values(), *figures.ANDRE_FARVER,
                                         *figures.OKABE_ITO.values(), figures.ANDRE_FARVE, "#444444"]}


# --- the charts of a brief ----------------------------------------------------------------------------------


def figurer_i_brief(tema: str, kommune: str, periode: str | None = None, **parametre) -> list[Figure]:
    """Every Figure the brief `tema` draws for `kommune`: the notebook's code cells run here, with its
    parameters cell first and then ours; each `Figurblok` hands its figure to the PNG encoder, which is
    where they are caught (the figure as it goes into the brief, after any later changes)."""
    import IPython.display

    nb = json.loads((NOTESBOGMAPPE / f"{tema}.ipynb").read_text(encoding="utf-8"))
    celler = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    fundne: list[Figure] = []
    foer_png, foer_display = figures.png_data_uri, IPython.display.display

    def fang(fig, *a, **kw):
        fundne.append(fig.fig if isinstance(fig, figures.Figur) else fig)
        return foer_png(fig, *a, **kw)

    navnerum: dict = {}
    figures.png_data_uri = fang
    IPython.display.display = lambda *a, **kw: None
    try:
        exec(celler[0], navnerum)  # the parameters cell: the notebook's defaults
        navnerum.update(kommune=kommune, **({"periode": periode} if periode else {}), **parametre)
        for kode in celler[1:]:
            exec(kode, navnerum)
    finally:
        figures.png_data_uri, IPython.display.display = foer_png, foer_display
    return fundne


# --- the check ---------------------------------------------------------------------------------------------


@contextmanager
def _tegnede_tekster(ud: list[Text]):
    """Records every Text that is actually drawn (visible, non-empty, inside the tick range)."""
    tegn = Text.draw

    def optag(self, renderer):
        if self.get_visible() and self.get_text().strip():
            ud.append(self)
        return tegn(self, renderer)

    Text.draw = optag
    try:
        yield
    finally:
        Text.draw = tegn


def tegn(fig: Figure, dpi: int = figures.DPI):
    """Draw `fig` as the brief does; returns the renderer and the texts drawn."""
    tekster: list[Text] = []
    fig.dpi = dpi
    with figures.house_style(), _tegnede_tekster(tekster):
        canvas = figures._Laerred(fig)  # the canvas `figures.png_bytes` draws on
        canvas.draw()
    return canvas.get_renderer(), tekster


def problemer(fig: Figure, dpi: int = figures.DPI) -> list[str]:
    """What makes `fig` hard to read; [] when nothing does."""
    renderer, tekster = tegn(fig, dpi)
    ud: list[str] = []
    lærred = fig.bbox
    kasser = {t: t.get_window_extent(renderer) for t in tekster}
    legender = [*fig.legends, *(ax.legend_ for ax in fig.axes if ax.legend_)]
    legendetekst = {t for lg in legender for t in [*lg.texts, lg.get_title()]}
    legendekasser = [(lg, lg.get_window_extent(renderer)) for lg in legender]
    data = [d for ax in fig.axes for d in _data(ax)]

    if abs(fig.get_figwidth() - figures.FIGUR_STOERRELSE[0]) > 1e-6 or dpi != figures.DPI:
        ud.append(f"figuren er {fig.get_figwidth()} tommer bred ved {dpi} dpi, ikke husstilens "
                  f"{figures.FIGUR_STOERRELSE[0]} ved {figures.DPI}")
    for t, b in kasser.items():
        navn = _navn(t)
        if not _inden_i(b, lærred):
            ud.append(f"{navn} går uden for lærredet ({_px(b)} mod {_px(lærred)})")
        klip = _klippeboks(t)
        if klip is not None and not _inden_i(b, klip):
            ud.append(f"{navn} er klippet af ({_px(b)} mod klippeboksen {_px(klip)})")
        if t.axes is not None and t in t.axes.texts and not _inden_i(b, t.axes.bbox):
            ud.append(f"{navn} står uden for akserne")
        ud.extend(_stil(t, navn))
    hjoerner = {t: _hjoerner(t, b, renderer) for t, b in kasser.items()}
    liste = list(kasser.items())
    for i, (t1, b1) in enumerate(liste):
        for t2, b2 in liste[i + 1:]:
            if _overlap(b1, b2) and _polygoner_overlapper(hjoerner[t1], hjoerner[t2]):
                ud.append(f"{_navn(t1)} overlapper {_navn(t2)}")
    for lg, lb in legendekasser:
        if not _inden_i(lb, lærred):
            ud.append(f"forklaringen går uden for lærredet ({_px(lb)})")
        for t, b in kasser.items():
            if t not in legendetekst and _overlap(b, lb) and _polygoner_overlapper(hjoerner[t], _kasse_hjoerner(lb)):
                ud.append(f"{_navn(t)} overlapper forklaringen")
        for hvad, ramt in data:
            if ramt(lb):
                ud.append(f"forklaringen overlapper {hvad}")
    for t, b in kasser.items():
        if t in legendetekst:
            continue
        blæk = _blaekkasse(t, b, renderer)
        for hvad, ramt in data:
            if ramt(blæk, t):
                ud.append(f"{_navn(t)} overlapper {hvad}")
    for ax in fig.axes:
        ud.extend(_farver(ax))
    return list(dict.fromkeys(ud))


# --- geometry -----------------------------------------------------------------------------------------------


def _px(b: Bbox) -> str:
    return f"[{b.x0:.0f}, {b.y0:.0f}, {b.x1:.0f}, {b.y1:.0f}]"


def _inden_i(b: Bbox, ramme: Bbox, tol: float = TOL) -> bool:
    return (b.x0 >= ramme.x0 - tol and b.y0 >= ramme.y0 - tol and b.x1 <= ramme.x1 + tol
            and b.y1 <= ramme.y1 + tol)


def _overlap(a: Bbox, b: Bbox, tol: float = TOL) -> bool:
    """Overlap by more than `tol` px in both directions."""
    return (min(a.x1, b.x1) - max(a.x0, b.x0) > tol) and (min(a.y1, b.y1) - max(a.y0, b.y0) > tol)


def _krymp(b: Bbox, tol: float = TOL) -> Bbox:
    return Bbox.from_extents(b.x0 + tol, b.y0 + tol, b.x1 - tol, b.y1 - tol)


def _kasse_hjoerner(b: Bbox) -> np.ndarray:
    return np.array([[b.x0, b.y0], [b.x1, b.y0], [b.x1, b.y1], [b.x0, b.y1]])


def _hjoerner(t: Text, b: Bbox, renderer) -> np.ndarray:
    """The corners of the text's own rectangle: a slanted label is a rotated rectangle, not its (much
    larger) axis-aligned box, so two slanted neighbours side by side do not count as overlapping."""
    vinkel = t.get_rotation() % 180
    if vinkel % 90 == 0 or vinkel > 90:
        return _kasse_hjoerner(b)
    foer = t.get_rotation()
    t.set_rotation(0)
    try:
        vandret = t.get_window_extent(renderer)
    finally:
        t.set_rotation(foer)
    w, h = vandret.width, vandret.height
    c, s = np.cos(np.radians(vinkel)), np.sin(np.radians(vinkel))
    x0, y0 = b.x0, b.y0
    return np.array([[x0 + h * s, y0], [x0 + h * s + w * c, y0 + w * s], [x0 + w * c, y0 + w * s + h * c],
                     [x0, y0 + h * c]])


def _polygoner_overlapper(a: np.ndarray, b: np.ndarray, tol: float = TOL) -> bool:
    """Two convex polygons overlap by more than `tol` px (separating axis theorem: along every edge's
    normal their shadows must overlap by more than `tol`)."""
    for poly in (a, b):
        for i in range(len(poly)):
            kant = poly[(i + 1) % len(poly)] - poly[i]
            n = np.array([-kant[1], kant[0]])
            laengde = np.hypot(*n)
            if laengde == 0:
                continue
            n = n / laengde
            pa, pb = a @ n, b @ n
            if min(pa.max(), pb.max()) - max(pa.min(), pb.min()) <= tol:
                return False
    return True


_NEDSTREGER = set("gjpqyQ,;()[]{}|/\\_@$§")


def _blaekkasse(t: Text, b: Bbox, renderer) -> Bbox:
    """The box of the ink against data: a horizontal text without descenders ('nr. 23', '12,5') has no ink
    in the descent below its baseline, which its layout box still includes."""
    if t.get_rotation() % 360 or _NEDSTREGER & set(t.get_text()):
        return b
    _, _, nedre = renderer.get_text_width_height_descent("lp", t.get_fontproperties(), ismath=False)
    return Bbox.from_extents(b.x0, b.y0 + nedre, b.x1, b.y1) if b.height > nedre else b


def _klippeboks(t: Text) -> Bbox | None:
    if not t.get_clip_on():
        return None
    if t.get_clip_box() is not None:
        return t.get_clip_box()
    sti = t.get_clip_path()
    return sti.get_extents() if sti is not None else None


def _navn(t: Text) -> str:
    return f"teksten '{t.get_text()}'"


def _segment_i_kasse(p: np.ndarray, q: np.ndarray, b: Bbox) -> bool:
    """Whether the segment p-q passes through the box (Liang-Barsky clipping)."""
    t0, t1 = 0.0, 1.0
    d = q - p
    for dp, afstand in ((-d[0], p[0] - b.x0), (d[0], b.x1 - p[0]), (-d[1], p[1] - b.y0), (d[1], b.y1 - p[1])):
        if dp == 0:
            if afstand < 0:
                return False
            continue
        r = afstand / dp
        if dp < 0:
            t0 = max(t0, r)
        else:
            t1 = min(t1, r)
        if t0 > t1:
            return False
    return True


def _data(ax):
    """(what, hit(box, text=None)) for everything in the axes that shows data: lines (with their markers),
    bars and dots, each clipped to the axes as Agg draws them. A bar's own value label sitting on it does
    not count: the label belongs to the bar."""
    akse = ax.bbox
    ud = []

    def i_akserne(b: Bbox) -> Bbox | None:
        x0, y0 = max(b.x0, akse.x0), max(b.y0, akse.y0)
        x1, y1 = min(b.x1, akse.x1), min(b.y1, akse.y1)
        return Bbox.from_extents(x0, y0, x1, y1) if x1 > x0 and y1 > y0 else None

    for linje in ax.get_lines():
        if not linje.get_visible() or linje.get_linestyle() in ("None", "") and linje.get_marker() in ("None", ""):
            continue
        xy = linje.get_transform().transform(np.asarray(linje.get_xydata(), dtype=float))
        mrk = linje.get_markersize() * ax.figure.dpi / 72 / 2 if linje.get_marker() not in ("None", "", None) else 0
        markevery = linje.get_markevery()
        punkter = xy[markevery] if markevery is not None and mrk else (xy if mrk else xy[:0])
        tegnet_linje = linje.get_linestyle() not in ("None", "")

        def ramt(b, t=None, xy=xy, punkter=punkter, mrk=mrk, tegnet_linje=tegnet_linje):
            b = i_akserne(_krymp(b))
            if b is None:
                return False
            if tegnet_linje:
                for p, q in zip(xy[:-1], xy[1:]):
                    if np.isfinite(p).all() and np.isfinite(q).all() and _segment_i_kasse(p, q, b):
                        return True
            for p in punkter:
                if np.isfinite(p).all() and _overlap(Bbox.from_extents(*(p - mrk), *(p + mrk)), b, 0):
                    return True
            return False

        ud.append((f"linjen '{linje.get_label()}'", ramt))
    for beholder in ax.containers:
        if not isinstance(beholder, BarContainer):
            continue
        for soejle in beholder.patches:
            sb = soejle.get_window_extent()

            def ramt(b, t=None, sb=sb, soejle=soejle):
                b2 = i_akserne(_krymp(b))
                return b2 is not None and _overlap(sb, b2, 0)

            ud.append((f"en søjle i '{beholder.get_label()}'", ramt))
    for samling in ax.collections:
        if not isinstance(samling, PathCollection) or not len(samling.get_offsets()):
            continue
        xy = samling.get_offset_transform().transform(samling.get_offsets())
        r = np.sqrt(np.asarray(samling.get_sizes(), dtype=float)) * ax.figure.dpi / 72 / 2
        r = np.resize(r, len(xy))

        def ramt(b, t=None, xy=xy, r=r):
            b = i_akserne(_krymp(b))
            return b is not None and any(
                _overlap(Bbox.from_extents(x - ri, y - ri, x + ri, y + ri), b, 0) for (x, y), ri in zip(xy, r))

        ud.append(("en prik", ramt))
    return ud


# --- house style --------------------------------------------------------------------------------------------


def _luminans(farve) -> float:
    r, g, b = mcolors.to_rgb(farve)
    kanal = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * kanal[0] + 0.7152 * kanal[1] + 0.0722 * kanal[2]


def kontrast(a, b="white") -> float:
    la, lb = sorted((_luminans(a), _luminans(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _baggrund(t: Text):
    """What the text stands on: a heatmap cell's colour, else the axes' or figure's face."""
    if t.axes is not None and t in t.axes.texts and t.axes.collections:
        return None  # annotated cells: contrast is seaborn's choice per cell
    return "white"


def _stil(t: Text, navn: str) -> list[str]:
    ud = []
    stoerrelse = t.get_fontsize()
    if not MINDSTE_SKRIFT <= stoerrelse <= STOERSTE_SKRIFT:
        ud.append(f"{navn} har skriftstørrelse {stoerrelse:g} pt (husstil: {MINDSTE_SKRIFT}-{STOERSTE_SKRIFT})")
    if t.get_fontfamily()[0] != "DejaVu Sans" and t.get_fontname() != "DejaVu Sans":
        ud.append(f"{navn} er sat med {t.get_fontname()}, ikke DejaVu Sans")
    bag = _baggrund(t)
    if bag is not None and kontrast(t.get_color(), bag) < MIN_KONTRAST:
        ud.append(f"{navn} har for svag kontrast ({kontrast(t.get_color(), bag):.1f}:1)")
    return ud


def _farver(ax) -> list[str]:
    ud = []
    for linje in ax.get_lines():
        if mcolors.to_hex(linje.get_color()) not in HUSFARVER:
            ud.append(f"linjen '{linje.get_label()}' har farven {mcolors.to_hex(linje.get_color())} uden for husstilen")
    for beholder in ax.containers:
        for soejle in getattr(beholder, "patches", []):
            f = mcolors.to_hex(soejle.get_facecolor())
            if f not in HUSFARVER:
                ud.append(f"søjlerne '{beholder.get_label()}' har farven {f} uden for husstilen")
                break
    return ud
