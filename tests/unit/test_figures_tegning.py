"""How a chart is drawn: one layout pass, text from the per-process cache, the same picture as matplotlib's."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from noegletal import figures
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import laesbarhed  # noqa: E402

MAANEDER = [f"2017M{m:02d}" for m in range(1, 13)]


def _linje(navne=("Ballerup", "Hele landet")):
    df = pd.DataFrame({"periode": MAANEDER * len(navne), "omraade": [n for n in navne for _ in MAANEDER],
                       "vaerdi": np.linspace(1000, 12000, 12 * len(navne))})
    return figures.linjefigur(df, titel="Ledige", enhed="Antal").fig


def _pixels(canvas_klasse, fig) -> np.ndarray:
    with figures.house_style():
        canvas = canvas_klasse(fig)
        canvas.draw()
        return np.asarray(canvas.buffer_rgba())[..., :3].astype(int)


def test_cached_text_looks_as_matplotlib_draws_it():
    """Same figure, same layout: only the half-pixel snap of each text may differ."""
    egen = _pixels(figures._Laerred, _linje())
    fig = _linje()
    mpl = _pixels(FigureCanvasAgg, fig)
    assert egen.shape == mpl.shape
    renderer, tekster = laesbarhed.tegn(fig)
    tekst = np.zeros(egen.shape[:2], dtype=bool)
    h = egen.shape[0]
    for t in tekster:
        b = t.get_window_extent(renderer)
        tekst[max(0, int(h - b.y1) - 2):int(h - b.y0) + 3, max(0, int(b.x0) - 2):int(b.x1) + 3] = True
    forskel = np.abs(egen - mpl).max(axis=2) > 0
    assert forskel.any()  # the snap is there
    assert not (forskel & ~tekst).any()  # and nothing but text moved
    blaek_egen, blaek_mpl = (765 - egen.sum(axis=2))[tekst].sum(), (765 - mpl.sum(axis=2))[tekst].sum()
    assert abs(blaek_egen - blaek_mpl) < 0.01 * blaek_mpl  # as much ink: no glyph lost, doubled or bolder


def test_text_is_rasterised_once_per_process(monkeypatch):
    fig = _linje()
    figures.png_bytes(fig)
    kald = []
    raster = figures._TekstRenderer._raster
    monkeypatch.setattr(figures._TekstRenderer, "_raster", lambda self, *a: kald.append(a) or raster(self, *a))
    igen = figures.png_bytes(_linje())  # a new figure with the same texts
    assert kald == []
    assert igen == figures.png_bytes(fig)


def test_the_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(figures._TekstRenderer, "_GRAENSE", 3)
    monkeypatch.setattr(figures._TekstRenderer, "_glyffer", {})
    figures.png_bytes(_linje())
    assert len(figures._TekstRenderer._glyffer) <= 3


def test_one_pass_layout_puts_the_legend_above_the_axes_and_everything_on_the_canvas():
    fig = _linje(("Ringkøbing-Skjern", "Region Midtjylland", "Hele landet", "Lyngby-Taarbæk", "Vesthimmerlands"))
    assert isinstance(fig.get_layout_engine(), figures.EnPasLayout)
    renderer, _ = laesbarhed.tegn(fig)
    legende = fig.legends[0].get_window_extent(renderer)
    ramme = fig.axes[0].get_tightbbox(renderer)
    assert legende.y0 >= ramme.y1  # two rows of legend, all above the chart
    assert ramme.x0 >= 0 and ramme.y0 >= 0 and ramme.x1 <= fig.bbox.x1
    assert laesbarhed.problemer(fig) == []


def test_the_axes_fill_the_canvas_as_constrained_layout_did():
    """Within a few pixels of constrained layout's axes: the chart keeps its size."""
    fig = _linje()
    laesbarhed.tegn(fig)
    en_pas = fig.axes[0].get_position().bounds
    fig = _linje()
    fig.set_layout_engine(ConstrainedLayoutEngine())
    laesbarhed.tegn(fig)
    begraenset = fig.axes[0].get_position().bounds
    w, h = fig.bbox.width, fig.bbox.height
    assert np.allclose(np.array(en_pas) * [w, h, w, h], np.array(begraenset) * [w, h, w, h], atol=12)


def test_a_figure_with_two_axes_gets_constrained_layout():
    with figures.house_style():
        fig = Figure(figsize=figures.FIGUR_STOERRELSE, dpi=figures.DPI, layout=figures.EnPasLayout())
        for i in (1, 2):
            ax = fig.add_subplot(1, 2, i)
            ax.plot([0, 1], [0, 10_000], color=figures.farve("kommune"))
            ax.set_ylabel("Antal personer")
    assert laesbarhed.problemer(fig) == []


def test_png_is_still_a_small_palette_png():
    data = figures.png_bytes(_linje())
    billede = Image.open(io.BytesIO(data))
    assert billede.mode == "P"
    assert billede.size == (825, 396)
