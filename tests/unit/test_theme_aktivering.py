"""The aktivering theme on the demo data: faktaside 6's numbers and sentences, Tabel 3, small numbers said
honestly, missing values kept missing, and the parameter checks with their Danish messages."""

import math

import pandas as pd
import pytest

from noegletal import brief, figures, params
from noegletal.errors import ManglendeData, UgyldigParameter
from noegletal.periods import periode
from noegletal.themes import aktivering as t
from noegletal.themes import faelles


def _p(kommune="Ballerup", per="2018M05", sammenligning="Hele landet", fra="2015M01", maaneder=25):
    return t.valider(params.valider("aktivering", kommune, per, sammenligning, maaneder), fra)


# --- without data ---------------------------------------------------------------------------------------

def test_names_inside_a_sentence():
    assert t.smaat("Kontanthjælp") == "kontanthjælp"
    assert t.smaat("A-dagpenge") == "A-dagpenge"
    assert t.smaat("Vejledning og opkvalificering") == "vejledning og opkvalificering"


def test_latest_whole_quarter():
    assert faelles.seneste_hele_kvartal(periode("2018M05")).kode == "2018K1"
    assert faelles.seneste_hele_kvartal(periode("2018M06")).kode == "2018K2"
    assert faelles.seneste_hele_kvartal(periode("2020M01")).kode == "2019K4"


def test_measures_get_distinct_roles_in_legend_order():
    r = faelles.serieroller(["Aktiveringsforløb", "Aktiverede borgere", "Fuldtidsaktiverede"])
    assert list(r.values()) == ["kommune", "klynge", "region"]
    assert len(set(faelles.serieroller(list("abcdefg")).values())) == 5


def test_slanted_labels_keep_whole_words():
    df = pd.DataFrame({"gruppe": ["Kontanthjælp", "Uddannelseshjælp"], "omraade": "Ballerup", "vaerdi": [1.0, 2.0]})
    fig = faelles.skraa_kategorier(figures.soejlefigur(df, x="gruppe"), ["Kontanthjælp", "Uddannelseshjælp"])
    labels = fig.fig.axes[0].get_xticklabels()
    assert [x.get_text() for x in labels] == ["Kontanthjælp", "Uddannelseshjælp"]
    assert labels[0].get_rotation() == 30


# --- parameters -----------------------------------------------------------------------------------------

def test_fra_is_kept_for_the_stamp_and_empty_means_maaneder(demo_data):
    assert _p().ekstra["fra"] == "2015M01" and t.fra(_p()).kode == "2015M01"
    assert t.fra(_p(fra="", maaneder=13)).kode == "2017M05"
    assert t.fra(_p(per="2013M06", fra="")).kode == "2013M01"  # not before the data
    assert _p().som_tekst()["fra"] == "2015M01"


@pytest.mark.parametrize("per,fra,besked", [
    ("2018K2", "2015M01", "periode skal være en måned"),
    ("2018M05", "2018M06", r"fra \(juni 2018\) skal ligge før periode \(maj 2018\)"),
    ("2018M05", "2010M01", "Data findes fra 2013M01 til"),
    ("2018M05", "2015K1", "fra skal være en måned"),
])
def test_bad_parameters_fail_in_danish(demo_data, per, fra, besked):
    with pytest.raises(UgyldigParameter, match=besked):
        _p(per=per, fra=fra)


def test_month_without_data_gives_the_span(demo_data):
    with pytest.raises(ManglendeData, match="Data findes fra 2013M01"):
        _p(per="2031M01")


# --- omfang ---------------------------------------------------------------------------------------------

def test_faktaside_sentence_exactly(demo_data):
    assert t.omfang_tekst(_p()) == ("I maj 2018 var 842 borgere i tilsammen 1.702 aktiveringsforløb, svarende til "
                                    "460 fuldtidsaktiverede.")


def test_omfang_explained_and_compared(demo_data):
    hvad = t.omfang_hvad(_p())
    assert hvad[1].startswith("Antallet af fuldtidsaktiverede i Ballerup er steget fra 459 i maj 2017 til 460")
    assert "i Hele landet" in hvad[2]
    assert hvad[3] == "En aktiveret borger var i gennemsnit i 2,0 forløb i måneden."


def test_omfang_series_and_table(demo_data):
    p = _p()
    s = t.omfang_serie(p)
    assert set(s["serie"]) == {"Aktiveringsforløb", "Aktiverede borgere", "Fuldtidsaktiverede"}
    assert s["periode"].min() == "2015M01" and s["periode"].max() == "2018M05"
    tab = t.omfang_tabel(p)
    assert len(tab) == 13 and tab.index[-1] == "2018M05"
    assert tab.loc["2018M05"].tolist() == [1702, 842, 460]


# --- aktiveringsgrad ------------------------------------------------------------------------------------

def test_grad_sentences(demo_data):
    hvad = t.grad_hvad(_p(), t.GRAD_VIRKSOMHED, "den virksomhedsrettede aktiveringsgrad")
    assert hvad[0] == "I maj 2018 var den virksomhedsrettede aktiveringsgrad 7,6 pct. i Ballerup."
    assert hvad[2] == "Det er lavere end Hele landet (9,0 pct.)."
    assert hvad[3].startswith("Fra december 2017 til maj 2018 har den virksomhedsrettede aktiveringsgrad i Ballerup")
    assert hvad[4] == ("Den virksomhedsrettede aktiveringsgrad i Ballerup har været lavere end i Hele landet i alle 25 "
                       "måneder fra maj 2016 til maj 2018.")


def test_grad_blocks_one_per_measure_against_each_area(demo_data):
    blokke = t.grad_figurblokke(_p(sammenligning="Hele landet,Region Hovedstaden"))
    assert [b.titel for b in blokke] == ["Samlet aktiveringsgrad", "Virksomhedsrettet aktiveringsgrad"]
    assert "Region Hovedstaden" in blokke[0].alt and "tabel PTVC01" in blokke[0].kilde


# --- målgrupper -----------------------------------------------------------------------------------------

def test_maalgruppe_table_has_persons_interval_and_comparison(demo_data):
    tab = t.maalgruppe_tabel(_p())
    assert tab.index[-1] == "I alt" and len(tab) == 10
    i_alt = tab.loc["I alt"]
    assert i_alt[("Ballerup", t.KOLONNE_FULDTID)] == 2775 and i_alt[("Ballerup", t.KOLONNE_AKTIVEREDE)] == 460
    assert i_alt[("Ballerup", t.KOLONNE_GRAD)] == 16.6 and i_alt[("Hele landet", t.KOLONNE_GRAD)] == 19.1
    assert tab.loc["Revalidering", ("Ballerup", t.KOLONNE_INTERVAL)] == "28-79"


def test_maalgruppe_sentences_leave_small_groups_out_and_give_k_of_n(demo_data):
    hvad = t.maalgruppe_hvad(_p())
    assert hvad[0] == ("Aktiveringsgraden i Ballerup i maj 2018 er højest for integrationsydelse (37,3 pct.) og lavest "
                       "for sygedagpenge (6,1 pct.) blandt målgrupper med mindst 30 fuldtidspersoner.")
    assert hvad[1].startswith("Ballerup har en højere aktiveringsgrad end Hele landet for 2 af de 8 målgrupper")
    assert hvad[-1] == "Revalidering: 6 af 11 fuldtidspersoner, svarende til 55 pct. (95 %-interval: 28-79 pct.)."


def test_a_suppressed_grad_is_said_missing_not_zero(demo_data):
    p = _p("Læsø")
    tab = t.maalgruppe_tabel(p)
    assert math.isnan(tab.loc["Revalidering", ("Læsø", t.KOLONNE_GRAD)])
    hvad = t.maalgruppe_hvad(p)
    assert "Revalidering: aktiveringsgraden er ikke oplyst (1 fuldtidsperson i målgruppen)." in hvad
    assert not any("Revalidering: 0 af" in s for s in hvad)


# --- the latest quarter by redskab ----------------------------------------------------------------------

def test_pattern_of_the_latest_whole_quarter(demo_data):
    p = _p()
    q = t.seneste_kvartal(p)
    assert q.kode == "2018K1"
    df = t.moenster_tidy(p, q)
    assert list(dict.fromkeys(df["maalgruppe"]))[-1] == "I alt"
    assert list(dict.fromkeys(df["redskab"])) == ["Vejledning og\nopkvalificering", "Virksomhedspraktik",
                                                  "Løntilskud", "Nytteindsats", "I alt"]
    hvad = t.moenster_hvad(p, q)
    assert hvad[0].startswith("Vejledning og opkvalificering udgør den største del af aktiveringen for de fleste "
                              "målgrupper i Ballerup (7 af 8 målgrupper med mindst 30 fuldtidspersoner)")
    assert hvad[1] == "For integrationsydelse fylder virksomhedspraktik mest."
    assert hvad[2].startswith("Virksomhedsrettede redskaber (virksomhedspraktik og løntilskud) udgør 45 pct.")
    assert hvad[-1] == "For revalidering bygger andelene på under 30 fuldtidspersoner og er usikre."


def test_without_a_whole_quarter_the_brief_says_so(demo_data):
    p = _p(per="2013M02", fra="")
    assert t.seneste_kvartal(p) is None and t.paabegyndte_kvartal(p) is None
    for blokke in (t.moenster_blokke(p), t.paabegyndte_blokke(p)):
        assert len(blokke) == 1 and isinstance(blokke[0], brief.Tekst)
        assert "ingen kvartalstal" in blokke[0].markdown


# --- Tabel 3 --------------------------------------------------------------------------------------------

def test_tabel_3_quarters(demo_data):
    p = _p(per="2020M06", fra="")
    q = t.paabegyndte_kvartal(p)
    assert q.kode == "2020K2"
    tab = t.paabegyndte_tabel(p, q)
    assert tab.index.tolist()[0] == "2018K1" and tab.index.tolist()[-1] == "2020K2"
    assert tab.columns.tolist() == ["Ansættelse med løntilskud i alt", "Virksomhedspraktik i alt"]
    assert tab.loc["2020K2"].tolist() == [36, 181]
    hvad = t.paabegyndte_hvad(p, q)
    assert hvad[0] == ("I 2. kvartal 2020 blev der påbegyndt 36 ansættelser med løntilskud og 181 "
                       "virksomhedspraktikker i Ballerup.")
    assert hvad[1].startswith("Antallet af påbegyndte ansættelser med løntilskud i Ballerup er faldet fra 77 i 2. "
                              "kvartal 2019 til 36 i 2. kvartal 2020 (-53,2 pct.)")
    assert t.paabegyndte_kvartal(_p(per="2020M05", fra="")).kode == "2020K1"
