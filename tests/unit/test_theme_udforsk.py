"""Helpers behind notebooks/udforsk.ipynb: free choices checked in Danish, tables in the house style."""

import math

import pandas as pd
import pytest
from noegletal import brief
from noegletal.errors import ManglendeData, UgyldigParameter, UkendtOmraade
from noegletal.themes import udforsk


def test_catalogue_lists_every_indicator_with_its_source():
    k = udforsk.katalog()
    assert {"Id", "Nøgletal", "Enhed", "Tabel", "Kilde", "Evidens"} <= set(k.columns)
    assert "ledighedsydelse_pct" in set(k["Id"]) and k["Id"].is_unique
    assert "ukendt" in set(k["Evidens"]) and "set i et svar fra det levende API" in set(k["Evidens"])
    assert "<caption>Nøgletal i kataloget</caption>" in brief.Tabelblok("Nøgletal i kataloget", k).html()


def test_defaults_are_the_latest_period_and_24_before(demo_data):
    v = udforsk.valider("ledighedsydelse_pct", "Ballerup, Hele landet")
    assert [o.navn for o in v.omraader] == ["Ballerup", "Hele landet"]
    assert v.til.kode == "2024M12" and v.fra.kode == "2022M12"
    assert v.kommune.navn == "Ballerup" and [o.navn for o in v.sammenligning] == ["Hele landet"]
    assert v.enhed == "pct." and v.kolonneformat == "tal1"
    assert "Områder: Ballerup, Hele landet." in v.tekst


def test_quarterly_indicator_with_a_month_as_fra(demo_data):
    v = udforsk.valider("virksomhedspraktik_paabegyndte", "151", fra="2020M01", til="")
    df = udforsk.serie(v)
    assert df["periode"].min() == "2020K1" and v.til.kode.startswith("2024K")
    assert "siden 4. kvartal 2023" in udforsk.hvad_viser(df, v)[1]


@pytest.mark.parametrize("args, fejl, tekst", [
    (("ledighedsydelse_pt", "Ballerup"), UgyldigParameter, "Mente du: ledighedsydelse_pct"),
    (("ledighedsydelse_pct", "Balerup"), UkendtOmraade, "Mente du: Ballerup"),
    (("ledighedsydelse_pct", " , "), UgyldigParameter, "mindst én kommune"),
    (("ledighedsydelse_pct", "Hele landet,Ballerup"), UgyldigParameter, "skal være en kommune"),
    (("ledighedsydelse_pct", "Ballerup", "2024M01", "2023M01"), UgyldigParameter, "ligger efter"),
    (("ledighedsydelse_pct", "Ballerup", "", "2031M01"), ManglendeData, "Data findes fra 2013M01"),
])
def test_bad_choices_fail_in_danish(demo_data, args, fejl, tekst):
    with pytest.raises(fejl, match=tekst):
        udforsk.valider(*args)


def test_wide_table_keeps_the_chosen_order_and_missing_values(demo_data):
    v = udforsk.valider("fleksjob_personer", "Læsø,Hele landet,Ballerup", "2023M01", "2023M03")
    df = udforsk.serie(v)
    df.loc[(df["omraade"] == "Læsø") & (df["periode"] == "2023M02"), "vaerdi"] = math.nan
    w = udforsk.bred_tabel(df, v)
    assert list(w.columns) == ["Læsø", "Hele landet", "Ballerup"] and list(w.index) == ["2023M01", "2023M02", "2023M03"]
    html = brief.Tabelblok("x", w, kolonneformat=udforsk.kolonneformat(v, w)).html()
    assert "<td class=\"nt-tal nt-mangler\">..</td>" in html and ">feb. 2023<" in html
    assert udforsk.roller(v) == {"Læsø": "kommune", "Hele landet": "land", "Ballerup": "andet"}


def test_klynge_and_ranking(demo_data):
    v = udforsk.valider("ledighedsydelse_pct", "Ballerup", til="2023M06")
    klynge = udforsk.klynge_tabel(v.kommune)
    assert "Ballerup" in set(klynge["Kommune"]) and list(klynge.columns) == ["Kode", "Kommune", "Region"]
    r = udforsk.rangliste(v)
    assert list(r.index[:3]) == [1, 2, 3] and r.index.name == "Nr."
    assert set(r["Kommune"]) == set(klynge["Kommune"])
    assert r["jun. 2023"].is_monotonic_decreasing
    assert udforsk.kolonneformat(v, r) == {"jun. 2023": "tal1"}
    assert "Ballerups klynge" in udforsk.klynge_titel(v) and "juni 2023" in udforsk.rangliste_titel(v)
    assert '<th scope="row">1</th>' in brief.Tabelblok("x", r).html()


def test_sentences_as_a_markdown_list():
    assert udforsk.punktliste(["A.", "B."]) == "- A.\n- B."
    assert "<li>A.</li>" in brief.Tekst(udforsk.punktliste(["A.", "B."])).html()


def test_counts_get_whole_numbers():
    v = udforsk.Valg(udforsk.catalogue.indicator("fleksjob_personer"), (), None, None)
    assert v.kolonneformat == "tal" and v.enhed == "personer"
    assert udforsk.kolonneformat(v, pd.DataFrame({"Kommune": ["A"], "x": [1.0]})) == {"x": "tal"}
