"""Every chart of the five demo briefs reads well (tests/laesbarhed.py), and the check itself catches the
faults it names on deliberately broken charts."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from noegletal import figures, geo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import laesbarhed  # noqa: E402

PERIODE = "2018M06"  # the batch benchmarks' month: every demo brief has data for it


@pytest.fixture(scope="module")
def kommuner(demo_data_dir):
    """The three kommuner that stress a chart most, chosen from the data by a rule, not by hand:
    the longest name (legends, sentences), and the largest and the smallest number of fuldtidsledige in
    the brief's month (the widest tick labels and bar values; the smallest numbers, with '..' and gaps)."""
    from noegletal import data
    from noegletal.themes import ledighed

    mp = pytest.MonkeyPatch()
    mp.setenv("NOEGLETAL_DATA", str(demo_data_dir))
    try:
        alle = geo.kommuner()
        ledige = data.serie(ledighed.LEDIGE, omraader=alle, fra=PERIODE, til=PERIODE)
    finally:
        mp.undo()
    efter_antal = ledige.dropna(subset=["vaerdi"]).sort_values("vaerdi")["omraade"].tolist()
    laengst = max(alle, key=lambda o: (len(o.navn), o.navn)).navn
    valgt = list(dict.fromkeys([laengst, efter_antal[-1], efter_antal[0]]))
    assert len(valgt) == 3, valgt
    return valgt


@pytest.mark.parametrize("tema", laesbarhed.DEMO_TEMAER)
def test_every_chart_of_the_demo_briefs_reads_well(tema, kommuner, demo_data):
    fejl = []
    antal = 0
    for kommune in kommuner:
        figurer = laesbarhed.figurer_i_brief(tema, kommune, PERIODE)
        assert figurer, f"{tema} for {kommune} tegnede ingen figurer"
        antal += len(figurer)
        for i, fig in enumerate(figurer):
            fejl += [f"{tema}, {kommune}, figur {i + 1}: {p}" for p in laesbarhed.problemer(fig)]
    assert not fejl, "\n".join(fejl)
    assert antal >= 2 * len(kommuner)


def test_the_kommuner_are_chosen_by_the_rule(kommuner):
    assert kommuner[0] == "Ringkøbing-Skjern"  # 17 letters: the longest name
    assert "København" in kommuner  # the most ledige


def test_a_target_line_reads_well_too(demo_data):
    """ledighed's optional target line (not in the demo's default parameters)."""
    figurer = laesbarhed.figurer_i_brief("ledighed", "Ringkøbing-Skjern", PERIODE, maal_ungeledighed=3.5)
    med_maal = [f for f in figurer if any(str(lin.get_label()).startswith("Mål") for lin in f.axes[0].get_lines())]
    assert med_maal
    for fig in med_maal:
        assert laesbarhed.problemer(fig) == []


# --- the check catches what it should --------------------------------------------------------------------


MAANEDER = [f"2017M{m:02d}" for m in range(1, 13)]


def _linje():
    df = pd.DataFrame({"periode": MAANEDER * 3,
                       "omraade": ["Ringkøbing-Skjern"] * 12 + ["Region Midtjylland"] * 12 + ["Hele landet"] * 12,
                       "vaerdi": np.r_[np.linspace(3, 5, 12), np.linspace(3.5, 4, 12), np.linspace(4, 4.2, 12)]})
    return figures.linjefigur(df, titel="Ledighed", enhed="pct.").fig


def _soejler(kategorier=("Under 30 år", "30-49 år", "50 år og derover")):
    df = pd.DataFrame({"hvad": list(kategorier) * 2,
                       "omraade": ["Ballerup"] * len(kategorier) + ["Hele landet"] * len(kategorier),
                       "vaerdi": np.linspace(10, 40, 2 * len(kategorier))})
    return figures.soejlefigur(df, x="hvad", titel="Grupper", enhed="pct.").fig


def _placering():
    df = pd.DataFrame({"noegletal": ["A"] * 5 + ["B"] * 5,
                       "omraade": ["Ballerup", "K1", "K2", "K3", "K4"] * 2,
                       "plads": [2, 1, 3, 4, 5, 1, 2, 3, 4, 5]})
    return figures.placeringsfigur(df, "Ballerup", "Placering").fig


@pytest.mark.parametrize("lav", [_linje, _soejler, _placering])
def test_the_house_charts_pass(lav):
    assert laesbarhed.problemer(lav()) == []


def test_a_heatmap_passes():
    df = pd.DataFrame({"r": ["Ballerup", "Ballerup", "Hele landet", "Hele landet"],
                       "k": ["2017M01", "2017M02"] * 2, "vaerdi": [3.1, np.nan, 4.0, 4.2]})
    assert laesbarhed.problemer(figures.heatmap(df, "r", "k", titel="Varme", enhed="pct.").fig) == []


def _har(fejl, *ord_):
    return any(all(o in f for o in ord_) for f in fejl)


def test_it_fails_when_the_layout_is_broken():
    """The axes over the whole canvas: the tick labels and the axis label fall off it."""
    fig = _linje()
    fig.set_layout_engine("none")
    fig.axes[0].set_position([0, 0, 1, 1])
    fejl = laesbarhed.problemer(fig)
    assert _har(fejl, "'dec. 2017' går uden for lærredet"), fejl
    assert _har(fejl, "'pct.' går uden for lærredet"), fejl


def test_it_fails_on_a_legend_over_the_data():
    fig = _linje()
    fig.legends[0].remove()
    fig.axes[0].legend(loc="center")
    assert _har(laesbarhed.problemer(fig), "forklaringen overlapper linjen")


def test_it_fails_on_labels_over_each_other():
    fig = _soejler(["Kontanthjælp, ikke jobparat", "Kontanthjælp, jobparat", "Uddannelseshjælp, aktivitetsparat",
                    "Uddannelseshjælp, uddannelsesparat", "Ledighedsydelse", "Ressourceforløb"])
    ax = fig.axes[0]
    ax.set_xticks(ax.get_xticks(), [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()])
    assert _har(laesbarhed.problemer(fig), "overlapper teksten")


def test_slanted_labels_side_by_side_pass_but_slanted_labels_on_top_of_each_other_fail():
    a = np.array([[0, 0], [100, 58], [95, 66], [-5, 8]], dtype=float)  # a label slanted 30°
    assert not laesbarhed._polygoner_overlapper(a, a + [40, 0])  # its neighbour: boxes overlap, ink not
    assert laesbarhed._polygoner_overlapper(a, a + [5, 2])


def test_it_fails_on_text_over_the_data_and_on_a_clipped_label():
    fig = _linje()
    ax = fig.axes[0]
    ax.text(5.5, 4.0, "Her", fontsize=10)  # on the curves
    ax.text(11, 4.2, "et langt mærke ved kanten", fontsize=10, clip_on=True)  # half outside the axes
    fejl = laesbarhed.problemer(fig)
    assert _har(fejl, "'Her'", "overlapper linjen"), fejl
    assert _har(fejl, "klippet af"), fejl


def test_it_fails_on_a_value_label_inside_a_bar_and_on_a_label_on_a_dot():
    fig = _soejler()
    fig.axes[0].text(0.1, 5, "12,0", ha="center", fontsize=10)
    assert _har(laesbarhed.problemer(fig), "overlapper en søjle")
    fig = _placering()
    fig.axes[0].text(3, 1, "K2 her", ha="center", va="center", fontsize=9)
    assert _har(laesbarhed.problemer(fig), "overlapper en prik")


def test_it_fails_off_the_house_style():
    fig = _linje()
    ax = fig.axes[0]
    ax.set_ylabel("pct.", fontsize=6, color="#bbbbbb")
    ax.plot([0, 11], [3, 3], color="#ff00ff")
    fejl = laesbarhed.problemer(fig)
    assert _har(fejl, "skriftstørrelse 6"), fejl
    assert _har(fejl, "svag kontrast"), fejl
    assert _har(fejl, "#ff00ff"), fejl
    fig.set_size_inches(5, 3.6)
    assert _har(laesbarhed.problemer(fig), "tommer bred")
