"""The overblik brief, executed and rendered on the demo data, checked in the HTML itself.

On the demo data, Ballerup at 2020M06 reproduces Tabel 1 of the 2020 follow-up on the beskæftigelsesplan
(June 2018, 2019 and 2020, every row, as printed). Three renders: Ballerup, a small kommune, a failure.
"""

import pytest

from htmltables import row, table_with, tables
from noegletal import briefs
from noegletal.errors import BriefFejl
from noegletal.render import check_email_safe
from published import as_printed, figures
from conftest import render_on_demo

pytestmark = pytest.mark.slow
OPFOELGNING = "2020_opfoelgning"
YDELSER_SOM_TRYKT = {  # the csv writes ae/oe/aa; the table prints Danish letters
    "Jobafklaringsforloeb": "Jobafklaringsforløb", "Kontanthjaelp": "Kontanthjælp",
    "Selvforsoergelses- og hjemrejseydelse mv.": "Selvforsørgelses- og hjemrejseydelse mv.",
    "Uddannelseshjaelp": "Uddannelseshjælp", "Ressourceforloeb": "Ressourceforløb",
    "Foertidspension": "Førtidspension", "Efterloen": "Efterløn",
    "SUM eksklusiv foertidspension og efterloen": "SUM eksklusiv førtidspension og efterløn",
    "SUM inklusiv foertidspension og efterloen": "SUM inklusiv førtidspension og efterløn",
}


def _render(demo_data_dir, tmp_path_factory, kommune, periode):
    return render_on_demo(demo_data_dir, tmp_path_factory, "overblik", kommune=kommune, periode=periode)


@pytest.fixture(scope="module")
def ballerup_2020(demo_data_dir, tmp_path_factory):
    return _render(demo_data_dir, tmp_path_factory, "Ballerup", "2020M06")


@pytest.fixture(scope="module")
def samsoe_2019(demo_data_dir, tmp_path_factory):
    return _render(demo_data_dir, tmp_path_factory, "Samsø", "2019M03")


def test_email_safe_and_danish(ballerup_2020):
    assert check_email_safe(ballerup_2020) == []
    assert '<html lang="da"' in ballerup_2020 and "DEMODATA" in ballerup_2020
    assert len(ballerup_2020.encode()) < 400_000


def test_tabel_1_every_row_and_number_as_printed(ballerup_2020):
    rows = table_with(ballerup_2020, "Tabel 1. Antal fuldtidspersoner")
    assert rows[1][:3] == ["Jun 2018", "Jun 2019", "Jun 2020"]  # header: the three Junes, oldest first
    pub = figures(OPFOELGNING)
    pub = pub[pub["dimension"].fillna("").str.startswith("ydelse: ")]
    checked = 0
    for ydelse, g in pub.groupby("dimension", sort=False):
        navn = ydelse.removeprefix("ydelse: ")
        navn = YDELSER_SOM_TRYKT.get(navn, navn)
        antal = [as_printed(v) for v in g[g["unit"] == "fuldtidspersoner"].sort_values("period")["value"]]
        pct = [as_printed(v) for v in g[g["unit"] == "pct"].sort_values("period")["value"]]
        assert row(rows, navn)[1:] == antal + pct, navn
        checked += 1
    assert checked == 14  # 12 ydelser and the two SUM rows
    assert row(rows, "Førtidspension")[1] == "1.971" and row(rows, "Førtidspension")[4] == "6,6"


def test_ranking_at_a_glance(ballerup_2020):
    rows = table_with(ballerup_2020, "Ballerups placering blandt kommunerne i Klynge 1: Hovedstadskommuner, juni 2020")
    assert rows[0] == ["Nøgletal", "Ballerup", "Placering i klyngen", "Siden juni 2019", "Tredjedel af klyngen",
                       "Placering inden for usikkerheden"]
    assert [r[0] for r in rows[1:]] == ["Forsørgertryk", "Ledighedsprocent", "Andel på kontanthjælp", "Ungeledighed",
                                        "Fleksjobledighed", "Udvikling i antal dagpengemodtagere"]
    forsoerg = row(rows, "Forsørgertryk")
    assert forsoerg[1] == "19,8 pct." and forsoerg[2].startswith("Nr. ") and forsoerg[2].endswith(" af 24")
    for r in rows[1:]:
        assert r[4].split()[0] in {"▲", "■", "▼"}  # a shape for greyscale, and the word beside it
        assert r[3] == "Samme placering" or r[3].endswith(("bedre", "dårligere"))
    assert row(rows, "Fleksjobledighed")[5] == "Nr. 22-23"
    assert "For alle 6 nøgletal er lavere bedre" in ballerup_2020


def test_where_the_data_do_not_carry_the_place(ballerup_2020):
    assert "Hvor tallene ikke bærer placeringen" in ballerup_2020
    assert "samme offentliggjorte tal (30,1 pct.) som København" in ballerup_2020


def test_klynge_file_is_named_as_an_assumption(ballerup_2020):
    assert "Klyngen er en antagelse" in ballerup_2020
    assert "lib/noegletal/reference/klynger.csv" in ballerup_2020 and "demo-antagelse" in ballerup_2020


def test_whole_klynge_listed(ballerup_2020):
    rows = table_with(ballerup_2020, "Alle kommuner i Klynge 1: Hovedstadskommuner")
    navne = [r[0] for r in rows[1:]]
    assert len(navne) == 24 and "► Ballerup" in navne


def test_figur_2_arbejdsmarkedsstatus(ballerup_2020):
    rows = table_with(ballerup_2020, "fordelt på arbejdsmarkedsstatus, juni 2020")
    assert row(rows, "Ydelsesmodtagere")[1:3] == ["5.955", "19,8"]
    assert row(rows, "Befolkning (16-66 år)")[1:] == ["30.087", "–", "–", "–", "–"]
    assert "Klyngen, gnsn." in rows[1]


def test_forsoergertryk_against_hele_landet_and_the_best_in_the_klynge(ballerup_2020):
    assert "Hvidovre (lavest i klyngen)" in ballerup_2020  # in the chart's alt text
    assert "I juni 2020 var forsørgertrykket 19,8 pct. i Ballerup." in ballerup_2020


def test_a_small_kommune_renders_with_few_persons_said(samsoe_2019):
    assert check_email_safe(samsoe_2019) == []
    assert "Samsøs placering blandt kommunerne i Klynge 5: Landkommuner, marts 2019" in samsoe_2019
    assert "bygger på få personer: 3 af 22 personer" in samsoe_2019
    assert any(t["caption"].startswith("Tabel 1.") and t["caption"].endswith("Samsø") for t in tables(samsoe_2019))


def test_period_without_data_fails_in_danish_and_writes_nothing(demo_data, tmp_path):
    with pytest.raises(BriefFejl, match="Data findes fra 2013M01"):
        briefs.render("overblik", kommune="Ballerup", periode="2031M01", ud=tmp_path)
    assert not list(tmp_path.rglob("*.html"))
    assert list(tmp_path.rglob("_fejlede/overblik.ipynb"))
