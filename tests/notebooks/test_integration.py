"""The integration brief, executed and rendered on the demo data, checked in the HTML itself.

On the demo data, Ballerup at 2017M10 reproduces the 2018 notat's numbers exactly as the notat prints them,
and Ballerup at 2020M08 reproduces Tabel 4 of the 2020 follow-up. The ministermål and the Integrationsbarometer
are egne data: without them the brief is still made, with the "Egne data mangler" box in their place.
"""

import json
import shutil

import pytest
from conftest import render_on_demo
from htmltables import row, table_with
from noegletal import batch
from noegletal.errors import BriefFejl, UkendtOmraade
from noegletal.render import check_email_safe
from published import as_printed, figures, label

pytestmark = pytest.mark.slow
NOTAT = "2018-02_integrationsbarometer"
COHORT = "cpr-aar 2014; over 18 ved ankomst"


@pytest.fixture(scope="module")
def ballerup_2017(demo_data_dir, tmp_path_factory):
    return render_on_demo(demo_data_dir, tmp_path_factory, "integration", kommune="Ballerup", periode="2017-10")


def test_email_safe_and_danish(ballerup_2017):
    assert check_email_safe(ballerup_2017) == []
    assert '<html lang="da"' in ballerup_2017 and "DEMODATA" in ballerup_2017
    assert len(ballerup_2017.encode()) < 400_000


def test_first_table_month_by_month_as_the_notat(ballerup_2017):
    rows = table_with(ballerup_2017, "Udstedelse af cpr-nummer i 2014")
    pub = figures(NOTAT)
    pub = pub[(pub["area"] == "Ballerup") & (pub["dimension"] == COHORT) & (pub["period"] <= "2017M10")]
    checked = 0
    for period, g in pub.groupby("period"):
        share = g[g["unit"] == "pct"]["value"].iloc[0]
        persons = g[g["unit"] == "personer"]["value"].iloc[0]
        r = row(rows, label(period))
        assert r[1:3] == [as_printed(share), as_printed(persons)], (period, r)
        checked += 1
    assert checked == 10  # Jan-Okt 2017 (Nov 2017 lies after the brief's period)


def test_second_table_all_cohorts_as_the_notat(ballerup_2017):
    rows = table_with(ballerup_2017, "til flygtninge. Over 18 år ved ankomst til landet")
    pub = figures(NOTAT)
    pub = pub[(pub["period"] == "2017M10") & pub["dimension"].str.startswith("cpr-aar")]
    for year in range(2012, 2018):
        p = pub[pub["dimension"].str.startswith(f"cpr-aar {year}")]
        def v(area, unit):
            return as_printed(p[(p["area"] == area) & (p["unit"] == unit)]["value"].iloc[0])
        expected = [v("Hele landet", "pct"), v("Ballerup", "pct"), v("Hele landet", "personer"), v("Ballerup", "personer")]
        assert row(rows, f"Udstedelse af cpr-nummer i {year}")[1:] == expected


def test_barometer_said_as_the_notat_said_it(ballerup_2017):
    assert "indgår i alt 14 personer for Ballerup, hvoraf 2 var i beskæftigelse, svarende til 14 pct." in ballerup_2017
    assert "var andelen 40 pct." in ballerup_2017
    assert "Datagrundlaget er spinkelt" in ballerup_2017 and "95 pct.-interval" in ballerup_2017


def test_small_cohort_gets_persons_and_interval(ballerup_2017):
    assert "4 af 12 personer, svarende til 33 pct." in ballerup_2017


def test_tabel_4_of_the_2020_follow_up(demo_data, tmp_path):
    html = batch.brief("integration", kommune="Ballerup", periode="2020M08", ud=tmp_path).read_text()
    rows = table_with(html, "Andel beskæftigede flygtninge og familie til flygtninge i måneden")
    pub = figures("2020_opfoelgning")
    pub = pub[pub["indicator"] == "andel beskaeftigede flygtninge og familie til flygtninge i maaneden"]
    assert len(pub) == 25
    for r in pub.itertuples():
        assert row(rows, label(r.period))[1] == as_printed(r.value), r.period


def test_unknown_kommune_fails_before_a_kernel_starts(demo_data, tmp_path):
    with pytest.raises(UkendtOmraade, match="Ballerup"):
        batch.brief("integration", kommune="Balerup", periode="2017M10", ud=tmp_path)
    assert not list(tmp_path.rglob("*.html"))


def test_period_without_data_fails_with_the_span_and_writes_nothing(demo_data, tmp_path):
    with pytest.raises(BriefFejl, match="Data findes fra 2013M01"):
        batch.brief("integration", kommune="Ballerup", periode="2031M01", ud=tmp_path)
    assert not list(tmp_path.rglob("*.html"))
    assert list(tmp_path.rglob("_fejlede/integration.ipynb"))


def test_bad_cohort_lists_valid_ones(demo_data, tmp_path):
    with pytest.raises(BriefFejl, match="Vælg et af: .*2014"):
        batch.brief("integration", kommune="Ballerup", periode="2017M10", ud=tmp_path, cpr_aar=1999)


def test_integrationsydelse_computed_from_jobindsats(ballerup_2017):
    assert "Integrationsydelse: andel i virksomhedsrettet tilbud" in ballerup_2017
    assert "Integrationsydelse: andel jobparate" in ballerup_2017
    assert "y60a02" in ballerup_2017 and "y60c02" in ballerup_2017 and "regnet af noegletal" in ballerup_2017
    assert "Egne data mangler" not in ballerup_2017


def uden_egne_data(demo_data_dir, tmp_path_factory, *tabeller):
    """A data folder like the demo's, but as a real one may be: without the given egne-data tables."""
    root = tmp_path_factory.mktemp("uden_egne") / "data"
    shutil.copytree(demo_data_dir / "processed", root / "processed")
    manifest = root / "processed" / "manifest.json"
    m = json.loads(manifest.read_text(encoding="utf-8"))
    for t in tabeller:
        (root / "processed" / f"{t}.parquet").unlink()
        del m["tables"][t]
    manifest.write_text(json.dumps(m, ensure_ascii=False), encoding="utf-8")
    return root


def test_without_egne_data_the_brief_is_made_with_the_box(demo_data_dir, tmp_path_factory):
    root = uden_egne_data(demo_data_dir, tmp_path_factory, "ministermaal", "integrationsbarometer")
    html = render_on_demo(root, tmp_path_factory, "integration", kommune="Ballerup", periode="2017M10")
    assert check_email_safe(html) == []
    assert "Beskæftigelse blandt flygtninge og familiesammenførte" in html  # the title
    assert html.count("Egne data mangler") >= 2
    for tabel in ("ministermaal", "integrationsbarometer"):
        assert f"noegletal data skabelon {tabel}" in html
        assert f"noegletal data importer FIL --tabel {tabel}" in html
    assert "Integrationsydelse: andel jobparate" in html and "Integrationsydelse: andel i virksomhedsrettet tilbud" in html
    assert "Kodeversion" in html and "tabel y60a02, y60c02" in html  # the stamp names only the tables used
    assert "Udstedelse af cpr-nummer i 2014" not in html  # no number from a table that is not there
