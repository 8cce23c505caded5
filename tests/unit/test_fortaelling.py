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
    assert s[1] == "Andelen i Ballerup er steget 13,3 procentpoint siden oktober 2016 (20,0 pct.)."
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
                                     "(95 pct.-interval: 4-40 pct.).")
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



# --- sentences agree with the numbers they show (issue 25) ------------------------------------------------

def test_values_equal_as_shown_are_on_level():
    """2,24 and 2,16 both read 2,2: never 'højere end Region Hovedstaden (2,2 pct.)'; 27,5 and 28,5 per 10.000
    both read 28 at whole numbers, and are told apart at the table's one decimal."""
    assert f.sammenligning("Ballerup", 2.24, [("Region Hovedstaden", 2.16)], "pct") == \
        "Det er på niveau med Region Hovedstaden (2,2 pct.)."
    assert f.sammenligning("Ballerup", 2.26, [("Region Hovedstaden", 2.14)], "pct") == \
        "Det er højere end Region Hovedstaden (2,1 pct.)."
    assert f.sammenligning("Ballerup", 27.6, [("hele landet", 28.4)], "antal") == \
        "Det er på niveau med hele landet (28)."
    assert f.sammenligning("Ballerup", 27.5, [("hele landet", 28.5)], "antal", decimaler=1) == \
        "Det er lavere end hele landet (28,5)."
    assert f.sammenlign_aendring(-2.04, [("hele landet", -1.96)]) == \
        "Det er på niveau med hele landet (-2,0 pct.)."


def _maaned(vaerdier, kode="151", navn="Ballerup", start="2017M06"):
    from noegletal.periods import periode

    return [(kode, navn, periode(start).shift(i).kode, float(v)) for i, v in enumerate(vaerdier)]


def test_a_change_within_the_usual_monthly_movement_is_stort_set_uaendret():
    """The rule: a change over the year no larger than the median size of the indicator's changes from one
    month to the next (in the months the brief shows) is 'stort set uændret', with its numbers; a larger one
    is steget or faldet. 342 → 344 langtidsledige (+0,6 pct.) while the count moves ±5 a month is noise."""
    stoejende = [342, 347, 341, 346, 340, 345, 339, 344, 338, 343, 337, 342, 344]
    df = _df(_maaned(stoejende))
    assert f.stoej(df, "Ballerup") == 5.0
    s = f.udvikling(df, "Ballerup", [], "2018M06", "antallet af langtidsledige", enhed="fuldtidspersoner")
    assert s == ["Antallet af langtidsledige i Ballerup er stort set uændret: 342 i juni 2017 og 344 "
                 "fuldtidspersoner i juni 2018 (+0,6 pct.)."]
    stigende = [342, 344, 345, 347, 349, 350, 352, 354, 356, 357, 359, 361, 363]
    s = f.udvikling(_df(_maaned(stigende)), "Ballerup", [], "2018M06", "antallet af langtidsledige",
                    enhed="fuldtidspersoner")
    assert s[0].startswith("Antallet af langtidsledige i Ballerup er steget fra 342 i juni 2017 til 363")
    # shares: the same rule in procentpoint
    andel = _df(_maaned([24.0, 24.9, 23.8, 24.7, 23.9, 24.8, 24.0, 24.9, 23.9, 24.8, 24.0, 24.7, 24.4]))
    assert f.hvad_viser(andel, "Ballerup", [], "2018M06", "pct")[1] == \
        "Andelen i Ballerup er stort set uændret siden juni 2017 (24,0 pct.; +0,4 procentpoint)."
    # without enough months to know the usual movement, the change is told as it is
    kort = _df(_maaned([24.0] + [math.nan] * 11 + [24.4]))
    assert "steget 0,4 procentpoint" in f.hvad_viser(kort, "Ballerup", [], "2018M06", "pct")[1]
    assert f.retning_samlet([("unge", -13, 5.0), ("langtidsledige", 2, 5.0), ("ikke-vestlige", -15, None)]) == \
        "Antallet er faldet for unge og ikke-vestlige og stort set uændret for langtidsledige."


def test_count_grammar():
    assert [f.flere_faerre(n) for n in (1, 2, -1, -3, 1.2)] == ["1 mere", "2 flere", "1 mindre", "3 færre", "1 mere"]
    assert f.flere_faerre(1, "fuldtidspersoner", "fuldtidsperson") == "1 fuldtidsperson mere"
    assert f.flere_faerre(-33, "fuldtidspersoner", "fuldtidsperson") == "33 færre fuldtidspersoner"
