import math

import pandas as pd
from noegletal import fortaelling as f


def _df(rows):
    return pd.DataFrame(rows, columns=["omraade_kode", "omraade", "periode", "vaerdi"])


DF = _df([("151", "Ballerup", "2016M10", 20.0), ("151", "Ballerup", "2017M10", 33.3),
          ("000", "Hele landet", "2017M10", 33.2), ("084", "Region Hovedstaden", "2017M10", 40.0)])


def test_three_sentences_with_the_right_numbers():
    s = f.hvad_viser(DF, "Ballerup", ["Hele landet", "Region Hovedstaden"], "2017M10", "pct", "andelen")
    assert s[0] == "I oktober 2017 var andelen 33,3 pct. i Ballerup."
    assert s[1] == "Andelen i Ballerup er steget 13,3 pct.-point siden oktober 2016 (20,0 pct.)."
    assert s[2] == "Det er højere end Hele landet (33,2 pct.) og lavere end Region Hovedstaden (40,0 pct.)."


def test_counts_change_with_relative_change():
    df = _df([("151", "Ballerup", "2022M06", 600.0), ("151", "Ballerup", "2023M06", 619.2)])
    assert f.aendring("Ballerup", 619.2, 600.0, "personer", "2023M06") == \
        "Antallet i Ballerup er steget med 19 personer (+3,2 pct.) siden juni 2022."
    assert f.vaerdi(df, "151", "2023M06") == 619.2


def test_missing_is_said_not_compared():
    df = _df([("151", "Ballerup", "2017M10", math.nan), ("000", "Hele landet", "2017M10", 30.0)])
    s = f.hvad_viser(df, "Ballerup", ["Hele landet"], "2017M10", "pct")
    assert s == ["Der er ikke oplyst et tal for Ballerup i oktober 2017."]
    assert "mangler" in f.aendring("Ballerup", 3.0, math.nan, "pct", "2017M10")


def test_one_person_is_singular():
    assert f.med_enhed(1, "personer") == "1 person"
    assert f.med_enhed(2, "personer") == "2 personer"
    assert f.aendring("Læsø", 6.0, 5.0, "personer", "2023M06").startswith("Antallet i Læsø er steget med 1 person ")
