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


# --- sentences the themes share -------------------------------------------------------------------------

def test_the_comparison_sentence_of_every_figure():
    assert f.sammenlignet_med("Ballerup", ["Hele landet", "Region Hovedstaden"], f.hver_maaned("2016M06", "2018M06")) == (
        "Ballerup sammenlignet med Hele landet og Region Hovedstaden, hver måned fra juni 2016 til juni 2018.")
    assert f.sammenlignet_med("Ballerup", ["Hele landet"]) == "Ballerup sammenlignet med Hele landet."
    assert f.sammenlignet_med("Ballerup", [], efter=" i juni 2023") == (
        "Ballerup sammenlignet med ingen andre områder i juni 2023.")
    assert f.saetning(f.hver_maaned("2016M06", "2018M06")) == "Hver måned fra juni 2016 til juni 2018."


def test_months_with_numbers_skip_missing_ones():
    df = _df([("151", "Ballerup", "2017M08", math.nan), ("151", "Ballerup", "2017M09", 1.0),
              ("151", "Ballerup", "2017M10", 2.0), ("151", "Ballerup", "2017M11", math.nan)])
    assert f.maaneder_med_tal(df) == "hver måned fra september 2017 til oktober 2017"
    assert f.maaneder_med_tal(df.assign(vaerdi=math.nan)) == "ingen måneder med tal"


def test_an_interval_only_for_few_persons():
    assert f.interval_ved_faa(3, 14) is not None
    assert f.interval_ved_faa(3, 30) is None and f.interval_ved_faa(math.nan, 14) is None
    assert f.interval_ved_faa(3, 0) is None and f.interval_ved_faa(15, 14) is None


def test_few_persons_and_what_a_share_rests_on():
    assert f.faa_personer(2, 14) == ("Andelen bygger på få personer: 2 af 14 personer, svarende til 14 pct. "
                                     "(95 %-interval: 4-40 pct.).")
    assert f.grundlag(21, 70, "modtagere af integrationsydelse") == "Det svarer til 21 af 70 modtagere af integrationsydelse."
    assert f.grundlag(3, 20, "personer", "Fleksjobledigheden", "på ledighedsydelse").endswith(
        "Få personer mere eller mindre på ledighedsydelse flytter andelen meget.")
    assert f.grundlag(math.nan, 20, "personer") == "" and f.grundlag(0, 0, "personer") == ""


def test_change_per_group_in_one_sentence_in_any_order():
    aendringer = [("A-dagpenge", -4.0), ("kontanthjælp", 10.0), ("sygedagpenge", 0.2), ("ledighedsydelse", math.nan)]
    assert f.retning_samlet(aendringer, indledning="Siden maj 2017 er antallet af aktiverede",
                            orden=("steget", "faldet", "uændret")) == (
        "Siden maj 2017 er antallet af aktiverede steget for kontanthjælp, faldet for A-dagpenge og uændret for "
        "sygedagpenge. For ledighedsydelse kan udviklingen ikke opgøres, fordi et tal mangler.")
    assert f.retning_samlet(aendringer[:2]) == "Antallet er faldet for A-dagpenge og steget for kontanthjælp."
    assert f.retning_samlet([], indledning="Siden maj 2017 er antallet") == ""

