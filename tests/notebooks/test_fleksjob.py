"""The fleksjob brief, executed and rendered on the demo data, checked in the HTML itself.

On the demo data, Ballerup at 2020M06 reproduces the rows Fleksjob and Ledighedsydelse of Tabel 1 in the 2020
follow-up, and Ballerup at 2023M06 the September 2023 minutes: fleksjobledighed 16 pct. (printed without a
decimal) against 12,6 pct. in Hele landet, and 675 persons in fleksjob.
"""

import pytest

from htmltables import row, table_with
from noegletal import backtest, briefs, fmt
from noegletal.errors import BriefFejl
from noegletal.render import check_email_safe
from published import as_printed, figures, label
from conftest import render_on_demo

pytestmark = pytest.mark.slow
OPFOELGNING = "2020_opfoelgning"
MOEDE = "2023-09_udvalgsmoede"
TABEL_1 = "Fleksjob og ledighedsydelse i Ballerup, antal fuldtidspersoner"
FLEKSJOBLEDIGHED = "Fleksjobledighed: personer på ledighedsydelse i pct. af alle i fleksjobordningen"


def _render(demo_data_dir, tmp_path_factory, **kw):
    return render_on_demo(demo_data_dir, tmp_path_factory, "fleksjob", **kw)


@pytest.fixture(scope="module")
def ballerup_2020(demo_data_dir, tmp_path_factory):
    return _render(demo_data_dir, tmp_path_factory, kommune="Ballerup", periode="2020M06", maal_nye_fleksjob=120)


@pytest.fixture(scope="module")
def ballerup_2023(demo_data_dir, tmp_path_factory):
    return _render(demo_data_dir, tmp_path_factory, kommune="Ballerup", periode="jun 2023")


def _tal(tekst: str) -> float:
    """'1.827' → 1827.0; '15,5' → 15.5 (a cell as the brief prints it)."""
    return float(tekst.replace(".", "").replace(",", "."))


def test_email_safe_danish_and_demo(ballerup_2023):
    assert check_email_safe(ballerup_2023) == []
    assert '<html lang="da"' in ballerup_2023 and "DEMODATA" in ballerup_2023
    assert len(ballerup_2023.encode()) < 400_000
    assert "<title>Fleksjob og ledighedsydelse</title>" in ballerup_2023


def test_tabel_1_rows_as_the_2020_follow_up(ballerup_2020):
    rows = table_with(ballerup_2020, TABEL_1)
    pub = figures(OPFOELGNING)
    checked = 0
    for ydelse in ("Fleksjob", "Ledighedsydelse"):
        r = row(rows, ydelse)
        p = pub[pub["dimension"] == f"ydelse: {ydelse}"]
        antal = p[p["indicator"] == "fuldtidspersoner"].sort_values("period")
        andel = p[p["indicator"] == "fuldtidspersoner i pct. af befolkningen"].sort_values("period")
        assert list(antal["period"]) == ["2018M06", "2019M06", "2020M06"]
        expected = [as_printed(v) for v in antal["value"]] + [as_printed(v) for v in andel["value"]]
        assert r[1:] == expected, (ydelse, r)
        checked += len(expected)
    assert checked == 12
    assert [label(p) for p in ("2018M06", "2019M06", "2020M06")] == ["Jun 2018", "Jun 2019", "Jun 2020"]
    header = " ".join(" ".join(r) for r in rows[:2])
    assert "Jun 2018" in header and "Jun 2020" in header


def test_fleksjobledighed_as_the_2023_minutes(ballerup_2023):
    """The minutes print Ballerup's 16 pct. without a decimal and Hele landet's 12,6 with one. The backtest
    (published_mapping.yml) compares after the publication's own rounding, half away from zero, to the number of
    decimals printed; the brief shows one decimal, so the cell is rounded the same way before comparing."""
    rows = table_with(ballerup_2023, FLEKSJOBLEDIGHED)
    pub = figures(MOEDE)
    pub = pub[pub["indicator"] == "fleksjobledighed"].set_index("area")["value"]
    col = rows[1].index("Jun 2023") + 1  # second header row lacks the corner cell
    for area in ("Ballerup", "Hele landet"):
        printed = pub[area]
        decimals = len(printed.split(".")[1]) if "." in printed else 0
        cell = row(rows, area)[col]
        assert fmt.tal(backtest.afrund(_tal(cell), decimals), decimals) == as_printed(printed), (area, cell)
    assert row(rows, "Hele landet")[col] == "12,6"  # printed with its decimal: must match as it stands


def test_persons_in_fleksjob_as_the_2023_minutes(ballerup_2023):
    pub = figures(MOEDE)
    printed = pub[pub["indicator"] == "personer i fleksjob"]["value"].iloc[0]
    rows = table_with(ballerup_2023, FLEKSJOBLEDIGHED)
    assert row(rows, "Ballerup")[1] == as_printed(printed) == "675"
    assert f"I juni 2023 var {as_printed(printed)} personer i fleksjob" in ballerup_2023


def test_every_block_explained_compared_and_sourced(ballerup_2023):
    assert ballerup_2023.count("Hvordan er figuren lavet?") == 5
    assert ballerup_2023.count("Hvad viser figuren?") == 5
    assert ballerup_2023.count("Kilde: ") == 5
    assert "højere end hele landet (12,6 pct.)" in ballerup_2023
    assert "Til sammenligning er antallet i fleksjob" in ballerup_2023
    assert "Små fleksjob (til og med 10 timer om ugen)" in ballerup_2023
    assert "ikke angivet et mål for nye fleksjob" in ballerup_2023
    assert "maal_nye_fleksjob = intet mål" in ballerup_2023


def test_target_for_new_fleksjob(ballerup_2020):
    assert "målet på 120 nye fleksjob om året" in ballerup_2020
    assert "Den vandrette linje er målet på 120 nye fleksjob om året." in ballerup_2020
    assert "maal_nye_fleksjob = 120 nye fleksjob pr. år" in ballerup_2020
    assert "Fra januar til juni 2020 er" in ballerup_2020


def test_another_kommune_and_comparison_renders(demo_data, tmp_path):
    html = briefs.render("fleksjob", kommune="Læsø", periode="2023M06", ud=tmp_path,
                         sammenligning="Hele landet,Region Nordjylland").read_text(encoding="utf-8")
    assert check_email_safe(html) == []
    assert "Læsø Kommune" in html and "Region Nordjylland" in html
    rows = table_with(html, FLEKSJOBLEDIGHED)
    assert [r[0] for r in rows[2:]] == ["Læsø", "Hele landet", "Region Nordjylland"]
    assert fmt.MANGLER not in row(rows, "Læsø")


def test_period_without_data_fails_in_danish_and_writes_nothing(demo_data, tmp_path):
    with pytest.raises(BriefFejl, match="Der er ingen data for januar 2031.*Data findes fra 2013M01"):
        briefs.render("fleksjob", kommune="Ballerup", periode="2031M01", ud=tmp_path)
    assert not list(tmp_path.rglob("*.html"))
    assert list(tmp_path.rglob("_fejlede/fleksjob.ipynb"))
