"""The overblik brief, executed and rendered on the demo data, checked in the HTML itself.

On the demo data, Ballerup at 2020M06 reproduces Tabel 1 of the 2020 follow-up on the beskæftigelsesplan
(June 2018, 2019 and 2020) wherever a published row is still the same figure on Jobindsats' ydelsesgrupper.
Four renders: Ballerup, a small kommune, Ballerup without any egne data, and a failure.
"""

import json
import shutil

import pytest
from conftest import render_on_demo
from htmltables import row, table_with, tables
from noegletal import backtest, batch
from noegletal.errors import BriefFejl
from noegletal.render import check_email_safe
from published import as_printed, figures

pytestmark = pytest.mark.slow
OPFOELGNING = "2020_opfoelgning"
YDELSER_SOM_TRYKT = {  # the csv writes ae/oe/aa; the table prints Danish letters
    "Jobafklaringsforloeb": "Jobafklaringsforløb", "Ressourceforloeb": "Ressourceforløb",
    "Foertidspension": "Førtidspension", "Efterloen": "Efterløn",
    "SUM eksklusiv foertidspension og efterloen": "SUM eksklusiv førtidspension og efterløn",
    "SUM inklusiv foertidspension og efterloen": "SUM inklusiv førtidspension og efterløn",
}
EGNE = ("klynger", "arbejdsmarkedsstatus", "kontanthjaelp_maal")


def _render(demo_data_dir, tmp_path_factory, kommune, periode):
    return render_on_demo(demo_data_dir, tmp_path_factory, "overblik", kommune=kommune, periode=periode)


@pytest.fixture(scope="module")
def ballerup_2020(demo_data_dir, tmp_path_factory):
    return _render(demo_data_dir, tmp_path_factory, "Ballerup", "2020M06")


@pytest.fixture(scope="module")
def samsoe_2019(demo_data_dir, tmp_path_factory):
    return _render(demo_data_dir, tmp_path_factory, "Samsø", "2019M03")


@pytest.fixture(scope="module")
def uden_egne_data(demo_data_dir, tmp_path_factory):
    """Ballerup on a copy of the demo data without the egne tables the overblik reads (as a real data folder
    before the user has imported them)."""
    root = tmp_path_factory.mktemp("uden_egne") / "data"
    shutil.copytree(demo_data_dir / "processed", root / "processed")
    manifest = json.loads((root / "processed" / "manifest.json").read_text(encoding="utf-8"))
    for tabel in EGNE:
        (root / "processed" / f"{tabel}.parquet").unlink()
        manifest["tables"].pop(tabel)
    (root / "processed" / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return _render(root, tmp_path_factory, "Ballerup", "2020M06")


def test_email_safe_and_danish(ballerup_2020):
    assert check_email_safe(ballerup_2020) == []
    assert '<html lang="da"' in ballerup_2020 and "DEMODATA" in ballerup_2020
    assert len(ballerup_2020.encode()) < 400_000


def test_tabel_1_every_row_that_still_maps_as_printed(ballerup_2020):
    rows = table_with(ballerup_2020, "Tabel 1. Antal fuldtidspersoner")
    assert rows[1][:3] == ["jun. 2018", "jun. 2019", "jun. 2020"]  # header: the three Junes, oldest first
    assert [r[0] for r in rows[2:]] == ["A-dagpenge mv.", "Sygedagpenge", "Jobafklaringsforløb", "Kontanthjælp",
                                        "Ressourceforløb", "Revalidering", "Ledighedsydelse", "Fleksjob",
                                        "Førtidspension", "Efterløn", "SUM eksklusiv førtidspension og efterløn",
                                        "SUM inklusiv førtidspension og efterløn"]
    covered = {(f.indicator, f.dimension, f.period) for f in backtest.figures() if f.covered}
    pub = figures(OPFOELGNING)
    pub = pub[pub["dimension"].fillna("").str.startswith("ydelse: ")]
    checked = 0
    for r in pub.itertuples():
        if (r.indicator, r.dimension, r.period) not in covered:
            continue
        navn = r.dimension.removeprefix("ydelse: ")
        cells = row(rows, YDELSER_SOM_TRYKT.get(navn, navn))[1:]
        year = ["2018M06", "2019M06", "2020M06"].index(r.period)
        assert cells[year + (0 if r.unit == "fuldtidspersoner" else 3)] == as_printed(r.value), (navn, r.period)
        checked += 1
    assert checked == 60  # nine groups in number and pct., the two SUM rows in number; three years
    assert row(rows, "Førtidspension")[1] == "1.971" and row(rows, "Førtidspension")[4] == "6,6"
    assert row(rows, "Kontanthjælp")[1:4] == ["1.031", "952", "995"]  # the three former ydelser together
    assert "SUM-rækkerne er regnet af noegletal" in ballerup_2020


def test_ranking_at_a_glance(ballerup_2020):
    rows = table_with(ballerup_2020, "Ballerups placering blandt kommunerne i klynge 1, juni 2020")
    assert rows[0] == ["Nøgletal", "Ballerup", "Placering i klyngen", "Siden jun. 2019", "Tredjedel af klyngen",
                       "Placering inden for usikkerheden"]
    assert [r[0] for r in rows[1:]] == ["Forsørgertryk", "Ledighedsprocent", "Andel på kontanthjælp", "Ungeledighed",
                                        "Fleksjobledighed", "Udvikling i antal dagpengemodtagere"]
    forsoerg = row(rows, "Forsørgertryk")
    assert forsoerg[1] == "19,8 pct." and forsoerg[2].startswith("Nr. ") and forsoerg[2].endswith(" af 24")
    for r in rows[1:]:
        assert r[4].split()[0] in {"▲", "■", "▼"}  # a shape for greyscale, and the word beside it
        assert r[3] == "Samme placering" or r[3].endswith(("bedre", "dårligere"))
    assert row(rows, "Andel på kontanthjælp")[5] == "Nr. 10-11"  # demo: Ishøj and Vallensbæk at their real sizes
    assert "For alle 6 nøgletal er lavere bedre" in ballerup_2020


def test_where_the_data_do_not_carry_the_place(ballerup_2020):
    assert "Hvor tallene ikke bærer placeringen" in ballerup_2020
    assert "samme offentliggjorte tal (3,3 pct.) som Glostrup" in ballerup_2020


def test_klynger_are_egne_data_and_the_demo_says_they_are_an_assumption(ballerup_2020):
    assert "Klyngen er en demo-antagelse" in ballerup_2020
    assert "Danmarks Statistiks kommunegrupper" in ballerup_2020 and "klynger.csv" not in ballerup_2020
    assert "jobcenterklynger: egne data, tabel klynger, 2020 (demo-antagelse" in ballerup_2020


def test_whole_klynge_listed(ballerup_2020):
    rows = table_with(ballerup_2020, "Alle kommuner i klynge 1")
    navne = [r[0] for r in rows[1:]]
    assert len(navne) == 24 and "► Ballerup" in navne


def test_kontanthjaelp_ministermaal(ballerup_2020):
    rows = table_with(ballerup_2020, "Kontanthjælp i Ballerup: ministermål 4 og 6")
    assert [r[1] for r in rows[1:]] == ["11,6", "12,0", "13,4"]  # as published for June 2018-2020


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
    assert "Samsøs placering blandt kommunerne i klynge 5, marts 2019" in samsoe_2019
    assert "bygger på få personer: 3 af 22 personer" in samsoe_2019
    assert any(t["caption"].startswith("Tabel 1.") and t["caption"].endswith("Samsø") for t in tables(samsoe_2019))


def test_without_egne_data_the_brief_says_what_is_missing_and_shows_the_rest(uden_egne_data):
    html = uden_egne_data
    assert check_email_safe(html) == []
    for tabel in EGNE:
        assert f"noegletal data skabelon {tabel}" in html
    assert html.count("Egne data mangler") == 3  # klynger, kontanthjælp, arbejdsmarkedsstatus: once each
    captions = [t["caption"] for t in tables(html)]
    assert any(c.startswith("Tabel 1.") for c in captions)
    assert not any("placering" in c or "arbejdsmarkedsstatus" in c or "ministermål" in c for c in captions)
    assert "I juni 2020 var forsørgertrykket 19,8 pct. i Ballerup." in html
    assert "lavest i klyngen" not in html and "demo-antagelse" not in html
    assert "jobcenterklynger: ikke indlæst" in html


def test_period_without_data_fails_in_danish_and_writes_nothing(demo_data, tmp_path):
    with pytest.raises(BriefFejl, match="Data findes fra 2013M01"):
        batch.brief("overblik", kommune="Ballerup", periode="2031M01", ud=tmp_path)
    assert not list(tmp_path.rglob("*.html"))
    assert list(tmp_path.rglob("_fejlede/overblik.ipynb"))
