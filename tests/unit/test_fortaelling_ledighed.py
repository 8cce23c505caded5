"""Sentences added for the ledighed brief: relative change, changes compared between areas, directions of
several series at once, and the highest value of a period."""

import math

import pandas as pd
from noegletal import fortaelling as f


def test_relative_change_is_missing_not_zero():
    assert round(f.relativ_aendring(622, 603), 2) == 3.15
    assert math.isnan(f.relativ_aendring(622, math.nan))
    assert math.isnan(f.relativ_aendring(math.nan, 603))
    assert math.isnan(f.relativ_aendring(5, 0))  # no change in pct. from nothing


def test_change_compared_as_the_2023_minutes_said_it():
    s = f.sammenlign_aendring(3.15, [("Hele landet", 13.2), ("Region Hovedstaden", 13.0)])
    assert s == "Det er en mindre stigning end i Hele landet (+13,2 pct.) og Region Hovedstaden (+13,0 pct.)."


def test_change_compared_keeps_the_direction():
    assert f.sammenlign_aendring(10.0, [("Hele landet", 4.0)]) == "Det er en større stigning end i Hele landet (+4,0 pct.)."
    assert f.sammenlign_aendring(-10.0, [("Hele landet", -4.0)]) == "Det er et større fald end i Hele landet (-4,0 pct.)."
    assert f.sammenlign_aendring(-2.0, [("Hele landet", -4.0)]) == "Det er et mindre fald end i Hele landet (-4,0 pct.)."
    assert f.sammenlign_aendring(5.5, [("Hele landet", -2.6), ("Frederikshavn", 3.0)]) == (
        "Det er modsat udviklingen i Hele landet (-2,6 pct.) og en større stigning end i Frederikshavn (+3,0 pct.).")
    assert f.sammenlign_aendring(0.01, [("Hele landet", 2.0)]) == "Det er uændret, i modsætning til Hele landet (+2,0 pct.)."
    assert f.sammenlign_aendring(2.02, [("Hele landet", 2.0)]) == "Det er på niveau med Hele landet (+2,0 pct.)."


def test_change_compared_with_missing_values():
    assert f.sammenlign_aendring(math.nan, [("Hele landet", 2.0)]) == ""
    assert "Hele landet, hvor tallet ikke er oplyst" in f.sammenlign_aendring(2.0, [("Hele landet", math.nan)])
    assert f.sammenlign_aendring(2.0, []) == ""


def test_directions_of_several_series_in_one_sentence():
    s = f.retning_samlet([("ledige under 30 år", -12), ("ikke-vestlige ledige", 4), ("langtidsledige", -3)])
    assert s == "Antallet er faldet for ledige under 30 år og langtidsledige og steget for ikke-vestlige ledige."
    assert f.retning_samlet([("a", 0.2), ("b", -0.4)]) == "Antallet er uændret for a og b."
    assert f.retning_samlet([("a", 0.3)], enhed="pct") == "Andelen er steget for a."
    s = f.retning_samlet([("a", -1), ("b", math.nan)])
    assert s == "Antallet er faldet for a. For b kan udviklingen ikke opgøres, fordi et tal mangler."
    assert f.retning_samlet([]) == ""


def test_highest_value_in_the_period():
    df = pd.DataFrame({"omraade_kode": "151", "periode": ["2021M02", "2021M06", "2023M06"],
                       "vaerdi": [43.4, 49.2, 19.3]})
    assert f.hoejeste(df, "Ballerup", "pct", "andel") == (
        "Den højeste andel i perioden fra februar 2021 til juni 2023 var 49,2 pct. i juni 2021.")
    assert f.hoejeste(df, "Herlev", "pct") == ""  # no values for the area
    df.loc[1, "vaerdi"] = math.nan  # a missing value is never the highest
    assert "43,4 pct. i februar 2021" in f.hoejeste(df, "Ballerup", "pct", "andel")
