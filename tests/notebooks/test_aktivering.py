"""The aktivering brief, executed and rendered on the demo data, checked in the HTML itself.

On the demo data, Ballerup at 2018M05 reproduces faktaside 6 of the 2018 faktasider (842 borgere in 1.702
forløb; its fuldtidsaktiverede have no v3 source and are not shown), and Ballerup at 2020M06 reproduces
Tabel 3 of the 2020 follow-up.
"""

import re

import pytest
from conftest import render_on_demo
from htmltables import row, table_with
from noegletal import batch
from noegletal.errors import BriefFejl, UkendtOmraade
from noegletal.render import check_email_safe
from published import as_printed, figures, label

pytestmark = pytest.mark.slow
FAKTASIDER = "2018_faktasider"
OPFOELGNING = "2020_opfoelgning"
TABEL3 = "Antal ansættelser i løntilskud og virksomhedspraktik"
TITLER = ["Udvikling i omfanget af aktivering", "Aktiverede fordelt på ydelsesgrupper", "Aktiverede fordelt på tilbud",
          "Virksomhedsrettet aktivering", "Fuldtidsaktiverede og aktiveringsgrad, alle ydelser",
          "Aktiveringsgrad for kontanthjælpsmodtagere",
          "Aktiveringsgraden fordelt på visitationskategorier", "Påbegyndte forløb kvartal for kvartal"]


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
    for titel in TITLER:
        assert f"<h2>{titel}</h2>" in ballerup_2018, titel
    assert tekst.count("Hvordan er figuren lavet?") == tekst.count("Hvad viser figuren?") == len(TITLER)
    assert tekst.count("Kilde: Jobindsats.dk (STAR)") == len(TITLER)
    assert ballerup_2018.count('alt="Linjefigur') == 4 and ballerup_2018.count('alt="Søjlefigur') == 4
    assert "fuldtidsaktiverede i procent af fuldtidspersonerne" in tekst  # what the aktiveringsgrad is


def test_faktaside_6_as_published(ballerup_2018):
    pub = figures(FAKTASIDER)
    pub = pub[pub["period"] == "2018M05"].set_index("indicator")["value"]
    aktiverede, forloeb = (as_printed(pub[i]) for i in ("aktiverede borgere", "aktiveringsforloeb"))
    assert (aktiverede, forloeb) == ("842", "1.702")
    assert f"I maj 2018 var {aktiverede} borgere i tilsammen {forloeb} aktiveringsforløb." in _tekst(ballerup_2018)
    rows = table_with(ballerup_2018, "Aktiveringsforløb og aktiverede borgere i Ballerup")
    assert row(rows, "maj 2018")[1:] == [forloeb, aktiverede]
    assert "hver måned siden januar 2015" in ballerup_2018
    fuldtid = as_printed(pub["fuldtidsaktiverede"])
    assert fuldtid == "460"  # from ptvc01 (all ydelser), as the faktaside
    assert f"I maj 2018 var der {fuldtid} fuldtidsaktiverede i Ballerup." in _tekst(ballerup_2018)
    rows = table_with(ballerup_2018, "Fuldtidsaktiverede og aktiveringsgrad, alle ydelser (grad i pct. af arbejdsstyrken)")
    assert row(rows, "maj 2018")[1] == fuldtid


def test_ydelsesgrupper_and_tilbud_tables(ballerup_2018):
    rows = table_with(ballerup_2018, "Aktiverede og aktiveringsforløb efter ydelsesgruppe, maj 2018")
    assert row(rows, "I alt")[1:] == ["842", "1.702", "100,0", "100,0"]
    assert row(rows, "Kontanthjælp")[0] == "Kontanthjælp"
    rows = table_with(ballerup_2018, "Aktiverede og aktiveringsforløb efter tilbud, maj 2018")
    praktik, loen, virk = (row(rows, r) for r in ("Virksomhedspraktik", "Ansættelse med løntilskud",
                                                  "Virksomhedsrettede i alt"))
    assert int(virk[1].replace(".", "")) == int(praktik[1].replace(".", "")) + int(loen[1].replace(".", ""))
    tekst = _tekst(ballerup_2018)
    assert "er den største ydelsesgruppe blandt de aktiverede borgere i Ballerup i maj 2018" in tekst
    assert re.search(r"I maj 2018 var [\d.]+ af de 842 aktiverede borgere i Ballerup \([\d,]+ pct\.\) i "
                     r"virksomhedsrettede tilbud", tekst)


def test_aktiveringsgrad_for_kontanthjaelp(ballerup_2018):
    tekst = _tekst(ballerup_2018)
    assert re.search(r"I maj 2018 var aktiveringsgraden for kontanthjælpsmodtagere [\d,]+ pct\. i Ballerup\.", tekst)
    rows = table_with(ballerup_2018, "Aktiveringsgrad for kontanthjælp efter visitationskategori, maj 2018")
    assert [r[0] for r in rows[2:]] == ["Jobparat", "Aktivitetsparat", "Uddannelsesparat",
                                        "Åbenlys uddannelsesparat", "I alt"]
    assert "Kilde: Jobindsats.dk (STAR) (tabel y60a02, y60c07)" in tekst


def test_stamp_names_the_parameters(ballerup_2018):
    assert "Første måned: januar 2015" in ballerup_2018 and "Periode: maj 2018" in ballerup_2018


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


def test_a_small_kommune_with_two_comparison_areas(demo_data_dir, tmp_path_factory):
    html = _render(demo_data_dir, tmp_path_factory, kommune="Samsø", periode="2018M05",
                   sammenligning="Hele landet,Region Midtjylland", fra="")
    tekst = _tekst(html)
    assert check_email_safe(html) == []
    assert "Samsø Kommune" in tekst and "Region Midtjylland" in tekst
    assert "hver måned siden maj 2016" in tekst  # fra empty: the latest 25 months
    # a visitationskategori with few fuldtidspersoner is named with its count, never compared as if sure
    assert re.search(r"(Jobparat|Uddannelsesparat|Åbenlys uddannelsesparat): aktiveringsgraden (\([\d,]+ pct\.\) "
                     r"bygger på \d+ fuldtidspersoner? på kontanthjælp og er usikker|er ikke oplyst)", tekst)
    assert "nan" not in tekst.lower().split()


def test_period_without_data_fails_in_danish_and_writes_nothing(demo_data, tmp_path):
    with pytest.raises(BriefFejl, match="Data findes fra 2013M01"):
        batch.brief("aktivering", kommune="Ballerup", periode="2031M01", ud=tmp_path)
    assert not list(tmp_path.rglob("*.html"))
    assert list(tmp_path.rglob("_fejlede/aktivering.ipynb"))


def test_unknown_kommune_fails_before_a_kernel_starts(demo_data, tmp_path):
    with pytest.raises(UkendtOmraade, match="Læsø"):
        batch.brief("aktivering", kommune="Læsøø", periode="2018M05", ud=tmp_path)
    assert not list(tmp_path.rglob("*"))
