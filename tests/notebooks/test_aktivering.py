"""The aktivering brief, executed and rendered on the demo data, checked in the HTML itself.

On the demo data, Ballerup at 2018M05 reproduces faktaside 6 of the 2018 faktasider (842 borgere, 1.702
forløb, 460 fuldtidsaktiverede), and Ballerup at 2020M06 reproduces Tabel 3 of the 2020 follow-up.
"""

import re

import pytest

from htmltables import row, table_with
from noegletal import briefs
from noegletal.errors import BriefFejl, UkendtOmraade
from noegletal.render import check_email_safe
from published import as_printed, figures, label
from conftest import render_on_demo

pytestmark = pytest.mark.slow
FAKTASIDER = "2018_faktasider"
OPFOELGNING = "2020_opfoelgning"
TABEL3 = "Antal ansættelser i løntilskud og virksomhedspraktik"


def _render(data_dir, tmp_path_factory, **kw):
    return render_on_demo(data_dir, tmp_path_factory, "aktivering", **kw)


@pytest.fixture(scope="module")
def ballerup_2018(demo_data_dir, tmp_path_factory):
    return _render(demo_data_dir, tmp_path_factory, kommune="Ballerup", periode="2018M05")


@pytest.fixture(scope="module")
def ballerup_2020(demo_data_dir, tmp_path_factory):
    return _render(demo_data_dir, tmp_path_factory, kommune="Ballerup", periode="2020M06")


def _tekst(html: str) -> str:
    """The HTML's text with tags removed and whitespace collapsed (sentences span no markup)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_email_safe_danish_and_demo(ballerup_2018):
    assert check_email_safe(ballerup_2018) == []
    assert '<html lang="da"' in ballerup_2018 and "DEMODATA" in ballerup_2018
    assert len(ballerup_2018.encode()) < 400_000
    assert "nan" not in _tekst(ballerup_2018).lower().split()


def test_every_figure_is_explained_with_its_source(ballerup_2018):
    tekst = _tekst(ballerup_2018)
    titler = ["Udvikling i omfanget af aktivering", "Samlet aktiveringsgrad", "Virksomhedsrettet aktiveringsgrad",
              "Aktiveringsgraden fordelt på målgrupper", "Aktiveringsmønster i det seneste kvartal",
              "Påbegyndte forløb kvartal for kvartal"]
    for titel in titler:
        assert f"<h2>{titel}</h2>" in ballerup_2018, titel
    assert tekst.count("Hvordan er figuren lavet?") == tekst.count("Hvad viser figuren?") == len(titler)
    assert tekst.count("Kilde: Jobindsats.dk (STAR)") == len(titler)
    assert ballerup_2018.count('alt="Linjefigur') == 3 and 'alt="Varmekort' in ballerup_2018


def test_faktaside_6_as_published(ballerup_2018):
    pub = figures(FAKTASIDER)
    pub = pub[pub["period"] == "2018M05"].set_index("indicator")["value"]
    aktiverede, forloeb, fuldtid = (as_printed(pub[i]) for i in ("aktiverede borgere", "aktiveringsforloeb",
                                                                  "fuldtidsaktiverede"))
    assert (aktiverede, forloeb, fuldtid) == ("842", "1.702", "460")
    assert (f"I maj 2018 var {aktiverede} borgere i tilsammen {forloeb} aktiveringsforløb, svarende til "
            f"{fuldtid} fuldtidsaktiverede.") in _tekst(ballerup_2018)
    rows = table_with(ballerup_2018, "Aktiveringsforløb, aktiverede borgere og fuldtidsaktiverede i Ballerup")
    assert row(rows, "Maj 2018")[1:] == [forloeb, aktiverede, fuldtid]
    assert "hver måned siden januar 2015" in ballerup_2018


def test_faktaside_6_sentences_computed(ballerup_2018):
    tekst = _tekst(ballerup_2018)
    assert ("Den virksomhedsrettede aktiveringsgrad i Ballerup har været lavere end i hele landet i alle 25 måneder "
            "fra maj 2016 til maj 2018.") in tekst
    assert "Aktiveringsgraden i Ballerup i maj 2018 er højest for integrationsydelse (37,3 pct.)" in tekst
    assert ("Vejledning og opkvalificering udgør den største del af aktiveringen for de fleste målgrupper i Ballerup"
            in tekst)


def test_small_maalgruppe_gets_k_of_n_and_an_interval(ballerup_2018):
    assert "Revalidering: 6 af 11 fuldtidspersoner, svarende til 55 pct. (95 %-interval: 28-79 pct.)" \
        in _tekst(ballerup_2018)
    rows = table_with(ballerup_2018, "Aktiveringsgrad efter målgruppe, maj 2018")
    assert row(rows, "Revalidering")[1:] == ["11", "6", "54,5", "28-79", "59,2"]
    assert row(rows, "I alt")[1:4] == ["2.775", "460", "16,6"]


def test_stamp_names_the_parameters(ballerup_2018):
    assert "fra = 2015M01" in ballerup_2018 and "periode = 2018M05" in ballerup_2018


def test_tabel_3_of_the_2020_follow_up(ballerup_2020):
    rows = table_with(ballerup_2020, TABEL3)
    pub = figures(OPFOELGNING)
    loen = pub[pub["indicator"] == "ansaettelser med loentilskud i alt"].set_index("period")["value"]
    praktik = pub[pub["indicator"] == "virksomhedspraktik i alt"].set_index("period")["value"]
    assert len(loen) == len(praktik) == 10
    for period in loen.index:
        assert row(rows, label(period))[1:] == [as_printed(loen[period]), as_printed(praktik[period])], period
    assert [r[0] for r in rows[1:]] == [label(p) for p in loen.index]  # exactly 1. kvt. 2018 - 2. kvt. 2020
    assert "I 2. kvartal 2020 blev der påbegyndt 36 ansættelser med løntilskud og 181 virksomhedspraktikker" \
        in _tekst(ballerup_2020)


def test_another_kommune_with_two_comparison_areas(demo_data_dir, tmp_path_factory):
    html = _render(demo_data_dir, tmp_path_factory, kommune="Læsø", periode="2018M05",
                   sammenligning="Hele landet,Region Nordjylland", fra="")
    tekst = _tekst(html)
    assert check_email_safe(html) == []
    assert "Læsø Kommune" in tekst and "Region Nordjylland" in tekst
    assert "Revalidering: aktiveringsgraden er ikke oplyst" in tekst  # suppressed stays missing, not 0
    assert "hver måned siden maj 2016" in tekst  # fra empty: the latest 25 months
    assert "målgrupper i Læsø bygger på under 30 fuldtidspersoner" in tekst


def test_period_without_data_fails_in_danish_and_writes_nothing(demo_data, tmp_path):
    with pytest.raises(BriefFejl, match="Data findes fra 2013M01"):
        briefs.render("aktivering", kommune="Ballerup", periode="2031M01", ud=tmp_path)
    assert not list(tmp_path.rglob("*.html"))
    assert list(tmp_path.rglob("_fejlede/aktivering.ipynb"))


def test_unknown_kommune_fails_before_a_kernel_starts(demo_data, tmp_path):
    with pytest.raises(UkendtOmraade, match="Læsø"):
        briefs.render("aktivering", kommune="Læsøø", periode="2018M05", ud=tmp_path)
    assert not list(tmp_path.rglob("*"))
