"""The integration theme: pure helpers, the egne-data boxes, and the tables on the session's demo data.

The ministermål cohorts and the Integrationsbarometer are egne data (tables ministermaal and
integrationsbarometer); integrationsydelse is computed from Jobindsats' y60a02 (the two Mindstesats values) and
y60c02. On the demo data Ballerup at 2017M10 reproduces the 2018 notat.
"""

import math

import pandas as pd
import pytest
from noegletal import brief, data, params
from noegletal.errors import ManglendeData, UgyldigParameter
from noegletal.themes import integration as tema

NAN = math.nan


def _p(kommune="Ballerup", per="2017M10", sammenligning="Hele landet", maaneder=25, cpr_aar=2014):
    """The parameters as `tema.valider` makes them, without asking the data (for tests without data)."""
    return params.valider("integration", kommune, per, sammenligning, maaneder).med({"cpr_aar": cpr_aar})


def _uden_egne_data(monkeypatch, *tabeller):
    har = tema.faelles.har_tabel
    monkeypatch.setattr(tema.faelles, "har_tabel", lambda t: t not in tabeller and har(t))


# --- pure -------------------------------------------------------------------------------------------------

def test_cohort_value_is_the_year_as_text_and_printed_as_the_notat():
    assert tema.kohorte(2014) == tema.kohorte("2014") == "2014"
    assert tema.kohorte_navn(2014) == "Udstedelse af cpr-nummer i 2014"
    assert (tema.MINISTERMAAL, tema.BAROMETER) == ("ministermaal", "integrationsbarometer")


def test_cohort_must_be_a_year_even_without_the_egne_data(monkeypatch):
    _uden_egne_data(monkeypatch, "ministermaal")
    p = _p()
    assert tema.valider_cpr_aar("2014", p.periode) == 2014
    with pytest.raises(UgyldigParameter, match="cpr_aar skal være et årstal"):
        tema.valider_cpr_aar("fjorten", p.periode)


def _serie(rows):
    return pd.DataFrame(rows, columns=["omraade_kode", "omraade", "periode", "vaerdi"])


def test_share_of_integrationsydelse_is_missing_not_zero(monkeypatch):
    counts = {
        tema.YDELSE_PERSONER: _serie([("151", "Ballerup", "2017M09", 70.0), ("151", "Ballerup", "2017M10", 0.0)]),
        tema.YDELSE_JOBPARATE: _serie([("151", "Ballerup", "2017M09", 21.0), ("151", "Ballerup", "2017M10", 0.0),
                                       ("000", "Hele landet", "2017M10", 500.0)]),
    }
    monkeypatch.setattr(data, "serie", lambda ind, omraader, fra, til: counts[ind])
    df = tema.ydelse_andel(tema.YDELSE_JOBPARATE, ["Ballerup", "Hele landet"], _p().periode.shift(-1), _p().periode)
    v = df.set_index(["omraade", "periode"])
    assert v.loc[("Ballerup", "2017M09"), "vaerdi"] == 30.0
    assert v.loc[("Ballerup", "2017M09"), "naevner"] == 70 and v.loc[("Ballerup", "2017M09"), "taeller"] == 21
    assert math.isnan(v.loc[("Ballerup", "2017M10"), "vaerdi"])  # nobody on the ydelse: no share
    assert math.isnan(v.loc[("Hele landet", "2017M10"), "vaerdi"])  # denominator missing
    assert len(df) == 4 and list(df.columns[:4]) == ["omraade_kode", "omraade", "periode", "vaerdi"]


def test_persons_behind_the_share_and_k_of_n_when_few():
    assert tema.ydelse_grundlag(21, 70) == "Det svarer til 21 af 70 modtagere af integrationsydelse."
    few = tema.ydelse_grundlag(3, 12)
    assert "3 af 12 personer, svarende til 25 pct." in few and "95 pct.-interval" in few
    assert tema.ydelse_grundlag(NAN, 70) == "" and tema.ydelse_grundlag(0, 0) == ""


def test_without_egne_data_each_section_says_what_is_missing(monkeypatch):
    """No data are read: the boxes stand before any table would be opened."""
    _uden_egne_data(monkeypatch, "ministermaal", "integrationsbarometer")
    p = _p()
    (baro,) = tema.barometer_blokke(p)
    assert isinstance(baro, brief.Forbehold) and baro.titel == "Egne data mangler"
    assert any("noegletal data skabelon integrationsbarometer" in t for t in baro.tekst)
    assert any("noegletal data importer FIL --tabel integrationsbarometer" in t for t in baro.tekst)
    (mm,) = tema.kohorte_blokke(p)
    assert mm.titel == "Egne data mangler" and any("--tabel ministermaal" in t for t in mm.tekst)
    for blokke in (tema.kohorter_blokke(p), tema.ministermaal_blokke(p)):  # the box once; these point to it
        (tekst,) = blokke
        assert isinstance(tekst, brief.Tekst) and "Egne data mangler" in tekst.markdown


# --- on the demo data -------------------------------------------------------------------------------------

def test_cohorts_in_the_data(demo_data):
    aar = tema.kohorter()
    assert aar[0] == 2010 and 2024 in aar  # '2009 eller før' is pooled, not a cohort year
    with pytest.raises(UgyldigParameter, match="Vælg et af: 2010, .*2017"):
        tema.valider_cpr_aar(1999, _p().periode)


def test_one_call_checks_everything_and_keeps_the_cohort(demo_data):
    p = tema.valider("Ballerup", "2017M10", "Hele landet", 25, cpr_aar="2014")
    assert tema.cpr_aar(p) == 2014 and "cpr_aar" not in p.som_tekst()  # the stamp is as before
    with pytest.raises(UgyldigParameter, match="Vælg et af: 2010, .*2017"):
        tema.valider("Ballerup", "2017M10", cpr_aar=1999)
    with pytest.raises(ManglendeData, match="Data findes fra 2013M01"):
        tema.valider("Ballerup", "2031M01")


def test_second_table_rows_as_the_notat(demo_data):
    t = tema.kohorter_i_maaned(_p())
    assert list(t.index) == [f"Udstedelse af cpr-nummer i {a}" for a in range(2012, 2018)]
    row = t.loc["Udstedelse af cpr-nummer i 2014"]
    assert row[(tema.ANDEL_OVERSKRIFT, "2017M10", "Ballerup")] == 33.3
    assert row[(tema.ANTAL_OVERSKRIFT, "2017M10", "Hele landet")] == 5489


def test_barometer_as_the_notat(demo_data):
    b = tema.barometer(_p())
    assert (b["kvartal"].kode, b["n"], b["k"], b["forrige"]) == ("2017K3", 14, 2, 40)


def test_egne_data_without_the_month_say_so(demo_data, monkeypatch):
    monkeypatch.setattr(tema, "ministermaal_har_maaned", lambda p: False)
    (tekst,) = tema.kohorte_blokke(_p())
    assert "har ingen tal for oktober 2017" in tekst.markdown and "tabellen har tal fra" in tekst.markdown


def test_integrationsydelse_shares_computed_and_explained(demo_data):
    blokke = tema.ydelse_blokke(_p(sammenligning="Hele landet,Region Hovedstaden"))
    assert [b.titel for b in blokke] == ["Integrationsydelse: andel i virksomhedsrettet tilbud",
                                         "Integrationsydelse: andel jobparate"]
    virk, jobparat = blokke
    assert "y60c02" in virk.kilde and "y60a02" in virk.kilde and "y60c02" not in jobparat.kilde
    assert "regnet af noegletal" in " ".join(virk.hvordan) and "Mindstesats" in " ".join(jobparat.hvordan)
    assert any("modtagere af integrationsydelse" in s or "af få personer" in s for s in jobparat.hvad)
    df = tema.ydelse_andel(tema.YDELSE_JOBPARATE, _p().omraader, _p().periode, _p().periode)
    assert df["vaerdi"].between(0, 100).all()
