"""House style, colour roles, Danish axes, chart helpers, alt text and PNG size."""

import base64
import io

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest
from noegletal import figures
from noegletal.errors import ManglendeData, UgyldigParameter, UgyldigPeriode
from PIL import Image

MAANEDER = [f"2017M{m:02d}" for m in range(1, 12)]


def _tidsserie(nan_at=5, drop=None):
    andel = [8.3, 8.3, 8.3, 16.7, 18.2, 18.2, 18.2, 18.2, 18.2, 33.3, 33.3]
    land = [30.1, 30.4, 30.9, 31.2, 31.5, 31.9, 32.0, 32.4, 32.8, 33.2, 33.5]
    if nan_at is not None:
        andel[nan_at] = np.nan
    df = pd.DataFrame({
        "periode": MAANEDER * 2,
        "omraade": ["Ballerup"] * 11 + ["Hele landet"] * 11,
        "vaerdi": andel + land,
    })
    if drop is not None:
        df = df[~((df["omraade"] == "Ballerup") & (df["periode"] == drop))]
    return df


def _linje(fig, label):
    ax = fig.axes[0]
    return next(line for line in ax.get_lines() if line.get_label() == label)


def _tick_tekster(akse):
    akse.figure.draw_without_rendering()
    return [t.get_text() for t in akse.get_ticklabels()]


# --- roles and style --------------------------------------------------------------------------------------


def test_every_role_has_its_own_colour_and_line_style():
    assert set(figures.ROLLE_FARVER) == {"kommune", "region", "land", "klynge", "andet"}
    assert len(set(figures.ROLLE_FARVER.values())) == 5
    assert len({str(s["linestyle"]) for s in figures.ROLLE_STIL.values()}) == 5  # survives greyscale
    assert len({s["marker"] for s in figures.ROLLE_STIL.values()}) == 5
    assert figures.farve("kommune") == figures.OKABE_ITO["blaa"]


def test_farve_refuses_unknown_role_and_cycles_andet():
    with pytest.raises(UgyldigParameter, match="Gyldige roller"):
        figures.farve("nabo")
    assert figures.farve("andet", 0) != figures.farve("andet", 1)


def test_roles_are_guessed_from_area_names():
    assert figures.gaet_rolle("Hele landet") == "land"
    assert figures.gaet_rolle("Region Hovedstaden") == "region"
    assert figures.gaet_rolle("Ballerup") == "kommune"
    assert figures.gaet_rolle("Klynge 3") == "klynge"


def test_the_kommune_keeps_its_colour_whatever_the_order():
    df = _tidsserie()
    f1 = figures.linjefigur(df, titel="a", enhed="pct.")
    f2 = figures.linjefigur(df.iloc[::-1], titel="a", enhed="pct.")
    for f in (f1, f2):
        assert mpl.colors.same_color(_linje(f.fig, "Ballerup").get_color(), figures.farve("kommune"))
        assert mpl.colors.same_color(_linje(f.fig, "Hele landet").get_color(), figures.farve("land"))


def test_house_style_is_legible_and_restored_afterwards():
    before = mpl.rcParams["font.size"]
    with figures.house_style():
        assert mpl.rcParams["font.size"] >= 10
        assert mpl.rcParams["xtick.labelsize"] >= 10
        assert not mpl.rcParams["axes.spines.top"] and not mpl.rcParams["axes.spines.right"]
        assert tuple(mpl.rcParams["figure.figsize"]) == figures.FIGUR_STOERRELSE
    assert mpl.rcParams["font.size"] == before


# --- Danish axes ------------------------------------------------------------------------------------------


def test_dansk_tal_formatter_uses_danish_separators():
    f = figures.DanskTalFormatter()
    assert f.format_ticks([0, 5000, 10000]) == ["0", "5.000", "10.000"]
    assert f.format_ticks([32.5, 33.0, 33.5]) == ["32,5", "33,0", "33,5"]
    assert figures.DanskTalFormatter(decimaler=1)(1827.26) == "1.827,3"


def test_month_axis_uses_danish_month_labels_and_ends_on_latest():
    fig = figures.linjefigur(_tidsserie(), titel="t", enhed="pct.").fig
    ticks = _tick_tekster(fig.axes[0].xaxis)
    assert ticks[-1] == "nov. 2017"
    assert all(t.split()[0] in {"jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."}
               for t in ticks)


def test_quarter_axis_and_thousands_on_y():
    df = pd.DataFrame({"periode": [f"{a}K{k}" for a in (2016, 2017) for k in range(1, 5)],
                       "omraade": "Ballerup", "vaerdi": [1000.0 + 900 * i for i in range(8)]})
    fig = figures.linjefigur(df, titel="Sygedagpenge", enhed="Antal").fig
    assert _tick_tekster(fig.axes[0].xaxis)[-1] == "4. kvt. 2017"
    y = _tick_tekster(fig.axes[0].yaxis)
    assert any("." in t for t in y) and not any("," in t for t in y)
    assert fig.axes[0].get_ylabel() == "Antal"


# --- line chart -------------------------------------------------------------------------------------------


def test_missing_value_is_a_gap_never_zero():
    fig = figures.linjefigur(_tidsserie(nan_at=5), titel="t", enhed="pct.").fig
    y = _linje(fig, "Ballerup").get_ydata()
    assert np.isnan(y[5])
    assert not (np.nan_to_num(y, nan=-1) == 0).any()


def test_missing_row_is_a_gap_too():
    fig = figures.linjefigur(_tidsserie(nan_at=None, drop="2017M06"), titel="t", enhed="pct.").fig
    y = _linje(fig, "Ballerup").get_ydata()
    assert len(y) == 11 and np.isnan(y[5])


def test_isolated_point_keeps_its_marker():
    v = np.array([1.0, np.nan, 2.0, np.nan, 3.0, 4.0])
    assert {0, 2}.issubset(figures._markoerer(v))


def test_line_alt_text_describes_the_data():
    f = figures.linjefigur(_tidsserie(), titel="Andel beskæftigede", enhed="pct.")
    alt = f.alt
    assert alt.startswith("Linjefigur: Andel beskæftigede.")
    assert "Ballerup og Hele landet" in alt
    assert "fra januar 2017 til november 2017" in alt
    assert "Ballerup 33,3 pct." in alt and "Hele landet 33,5 pct." in alt
    assert "1 værdi mangler" in alt
    assert ".." not in alt.replace("...", "")  # one full stop after 'pct.'


def test_figur_is_a_pair_of_figure_and_alt_text():
    fig, alt = figures.linjefigur(_tidsserie(), titel="t", enhed="pct.")
    assert isinstance(fig, mpl.figure.Figure) and alt


def test_line_chart_refuses_bad_input_in_danish():
    df = _tidsserie()
    with pytest.raises(UgyldigParameter, match="mangler kolonnen"):
        figures.linjefigur(df.drop(columns="vaerdi"), titel="t")
    with pytest.raises(ManglendeData):
        figures.linjefigur(df.iloc[0:0], titel="t")
    with pytest.raises(UgyldigParameter, match="flere værdier"):
        figures.linjefigur(pd.concat([df, df.iloc[[0]]]), titel="t")
    mixed = df.copy()
    mixed.loc[0, "periode"] = "2017K1"
    with pytest.raises(UgyldigPeriode):
        figures.linjefigur(mixed, titel="t")


def test_dollar_signs_in_labels_are_text_not_mathtext():
    df = _tidsserie().replace({"Ballerup": "$Ballerup$ <b>"})
    f = figures.linjefigur(df, roller={"$Ballerup$ <b>": "kommune"}, titel="t", enhed="pct.")
    assert figures.png_data_uri(f.fig).startswith("data:image/png;base64,")


# --- bars and heatmap -------------------------------------------------------------------------------------


def _kohorter():
    kohorter = [f"Udstedelse af cpr-nummer i {a}" for a in range(2012, 2018)]
    return pd.DataFrame({
        "kohorte": kohorter * 2,
        "omraade": ["Hele landet"] * 6 + ["Ballerup"] * 6,
        "vaerdi": [34.3, 32.9, 33.2, 26.7, 15.1, 4.9, 28.6, 43.8, 33.3, 38.1, np.nan, 13.0],
    })


def test_grouped_bars_show_missing_as_dots_not_zero_bars():
    f = figures.soejlefigur(_kohorter(), x="kohorte", titel="Andel beskæftigede", enhed="pct.")
    ax = f.fig.axes[0]
    assert len(ax.patches) == 11  # 12 cells, one missing: no bar for it
    tekster = [t.get_text() for t in ax.texts]
    assert ".." in tekster and "43,8" in tekster and "4,9" in tekster
    assert "Udstedelse af cpr-nummer i 2016: Ballerup .., Hele landet 15,1 pct." in f.alt
    assert f.alt.startswith("Søjlefigur: Andel beskæftigede.")


def test_bar_alt_text_counts_groups_only_when_there_are_several():
    """'fordelt på 6 grupper' for six; one group (a 12-month change) is named, never 'fordelt på 1 grupper'."""
    assert "fordelt på 6 grupper, målt i pct." in figures.soejlefigur(_kohorter(), x="kohorte", titel="T",
                                                                     enhed="pct.").alt
    en = pd.DataFrame({"hvad": "2017M06 til 2018M06", "omraade": ["Ballerup", "Hele landet"], "vaerdi": [-7.5, -2.6]})
    alt = figures.soejlefigur(en, x="hvad", titel="Ændring", enhed="pct.").alt
    assert "grupper" not in alt and "Figuren viser Ballerup og Hele landet, målt i pct." in alt


def test_heatmap_annotates_in_danish_and_marks_missing():
    df = pd.DataFrame({
        "ydelse": ["Dagpenge", "Kontanthjælp"] * 2,
        "periode": ["2017K3", "2017K3", "2017K4", "2017K4"],
        "vaerdi": [1827.0, 10160.0, np.nan, 2345.0],
    })
    f = figures.heatmap(df, rad="ydelse", kolonne="periode", titel="Fuldtidspersoner", enhed="Fuldtidspersoner")
    tekster = [t.get_text() for t in f.fig.axes[0].texts]
    assert {"1.827", "10.160", "2.345", ".."} <= set(tekster)
    assert "3. kvt. 2017" in _tick_tekster(f.fig.axes[0].xaxis)
    assert "højeste 10.160 (Kontanthjælp, 3. kvt. 2017)" in f.alt
    assert "1 felt mangler" in f.alt


# --- PNG --------------------------------------------------------------------------------------------------


def _lang_serie():
    perioder = [f"{a}M{m:02d}" for a in (2015, 2016) for m in range(1, 13)] + ["2017M01"]
    rng = np.random.default_rng(0)
    rows = [(p, navn, base + rng.normal(0, 0.3)) for navn, base in
            [("Ballerup", 17.7), ("Region Hovedstaden", 15.9), ("Hele landet", 16.3)] for p in perioder]
    return pd.DataFrame(rows, columns=["periode", "omraade", "vaerdi"])


def test_png_data_uri_is_small_and_decodes():
    f = figures.linjefigur(_lang_serie(), titel="Forsørgertryk", enhed="pct.")
    uri = figures.png_data_uri(f.fig)
    assert uri.startswith("data:image/png;base64,")
    data = base64.b64decode(uri.split(",", 1)[1])
    assert len(data) <= 45_000
    img = Image.open(io.BytesIO(data))
    assert img.format == "PNG" and img.width >= 700


def test_png_data_uri_closes_pyplot_figures():
    import matplotlib.pyplot as plt

    fig = plt.figure()
    fig.add_subplot().plot([1, 2])
    figures.png_data_uri(fig)
    assert not plt.fignum_exists(fig.number)


def test_css_size_matches_email_width():
    f = figures.linjefigur(_tidsserie(), titel="t", enhed="pct.")
    assert figures.css_stoerrelse(f) == (720, 346)


def test_png_background_is_pure_white():
    f = figures.linjefigur(_lang_serie(), titel="Forsørgertryk", enhed="pct.")
    data = base64.b64decode(figures.png_data_uri(f.fig).split(",", 1)[1])
    img = Image.open(io.BytesIO(data)).convert("RGB")
    assert img.getpixel((img.width - 2, img.height // 2)) == (255, 255, 255)


def test_near_white_palette_entries_become_white():
    palet = [254, 254, 254, 250, 251, 252, 249, 255, 255, 0, 114, 178]
    assert figures._hvid_er_hvid(palet) == [255] * 6 + [249, 255, 255, 0, 114, 178]


@pytest.mark.parametrize("tegn", ["linjefigur", "soejlefigur"])
def test_small_counts_get_whole_number_ticks(tegn):
    df = pd.DataFrame({"omraade": "Læsø", "periode": ["2018M05", "2018M06"], "vaerdi": [14.0, 17.0]})
    f = figures.linjefigur(df, titel="T", enhed="Fuldtidspersoner") if tegn == "linjefigur" else \
        figures.soejlefigur(df, x="periode", titel="T", enhed="Fuldtidspersoner")
    f.fig.canvas.draw()
    assert all(float(t).is_integer() for t in f.fig.axes[0].get_yticks())


def test_shares_keep_fractional_ticks():
    df = pd.DataFrame({"omraade": "Læsø", "periode": ["2018M05", "2018M06"], "vaerdi": [2.0, 3.0]})
    f = figures.linjefigur(df, titel="T", enhed="pct.", y_fra_nul=False)
    f.fig.canvas.draw()
    assert not all(float(t).is_integer() for t in f.fig.axes[0].get_yticks())


def test_grouped_bars_legend_reads_in_the_bars_order():
    df = pd.DataFrame({"omraade": ["Ballerup", "Hele landet"] * 2, "kohorte": ["2014", "2014", "2015", "2015"],
                       "vaerdi": [30.0, 35.0, 40.0, 45.0]})
    f = figures.soejlefigur(df, x="kohorte", titel="T", enhed="pct.")
    ax = f.fig.axes[0]
    venstre = {c.get_label(): min(r.get_x() for r in c) for c in ax.containers}
    assert [t.get_text() for t in f.fig.legends[0].get_texts()] == sorted(venstre, key=venstre.get)


# --- places in a group ----------------------------------------------------------------------------------

def _placeringer():
    return pd.DataFrame({
        "noegletal": ["Forsørgertryk"] * 4 + ["Ledighed"] * 4,
        "omraade": ["A", "Ballerup", "B", "C"] * 2,
        "plads": [1, 2, 2, 4, 1, np.nan, 2, 3],
    })


def test_placement_chart_says_every_place_and_carries_its_data():
    f = figures.placeringsfigur(_placeringer(), "Ballerup", "Ballerups placering i klynge 1, juni 2020",
                                spaend={"Forsørgertryk": (2, 3), "Ledighed": None})
    assert f.alt == ("Prikfigur: Ballerups placering i klynge 1, juni 2020, hvor nr. 1 er bedst. Forsørgertryk: nr. 2 "
                     "af 4, midterste tredjedel, inden for usikkerheden nr. 2-3. Ledighed: ikke rangeret.")
    d = f.data
    assert d.index.name == "Nøgletal" and list(d.columns)[:4] == ["Ballerup", "A", "B", "C"]
    assert d.loc["Forsørgertryk", "Antal rangerede"] == 4 and d.loc["Ledighed", "Antal rangerede"] == 3
    assert list(d.loc["Forsørgertryk", ["Inden for usikkerheden, fra", "Inden for usikkerheden, til"]]) == [2, 3]
    assert pd.isna(d.loc["Ledighed", "Ballerup"]) and "Ballerup: ikke rangeret" in d.loc["Ledighed", "Status"]
    assert d.loc["Forsørgertryk", "Status"] == ""
    ax = f.fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Ledighed", "Forsørgertryk"]  # first measure on top
    assert any(t.get_text() == "ikke rangeret" for t in ax.texts)


def test_place_axis_never_crowds_the_last_place():
    assert figures.pladsakse(3) == [1, 2, 3]
    assert figures.pladsakse(24) == [1, 5, 10, 15, 20, 24]
    assert figures.pladsakse(31) == [1, 5, 10, 15, 20, 25, 31]
    assert figures.pladsakse(22) == [1, 5, 10, 15, 22]


def test_tied_dots_are_stacked_around_the_kommune():
    d = figures.STAK_AFSTAND
    assert figures.stak([1.0, 2.0, 2.0, 2.0]) == [0, 0, -d, d]
    assert figures.stak([3.0, 3.0], optaget=3.0) == [-d, d]

