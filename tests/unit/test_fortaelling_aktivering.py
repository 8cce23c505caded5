"""The sentences added to fortaelling for the aktivering brief: course over the latest months, above/below a
comparison area over time, a count's change against the comparison areas, highest/lowest group, k of n."""

import math

import pandas as pd
from noegletal import fortaelling as f


def _df(rows):
    return pd.DataFrame(rows, columns=["omraade_kode", "omraade", "periode", "vaerdi"])


def _maaneder(kode, navn, vaerdier, start=2017):
    return [(kode, navn, f"{start + (i // 12)}M{i % 12 + 1:02d}", v) for i, v in enumerate(vaerdier)]


def test_stable_rising_falling_and_swinging():
    stabil = _df(_maaneder("151", "Ballerup", [16.6, 17.0, 17.4, 16.9, 17.1, 16.6]))
    assert f.stabilitet(stabil, "Ballerup", "2017M06", 6, "pct", "aktiveringsgraden") == \
        "Fra januar 2017 til juni 2017 har aktiveringsgraden i Ballerup ligget stabilt mellem 16,6 og 17,4 pct."
    stiger = _df(_maaneder("151", "Ballerup", [15.2, 15.5, 16.0, 16.3, 16.2, 16.6]))
    assert f.stabilitet(stiger, "151", "2017M06", 6, "pct", "aktiveringsgraden") == \
        "Fra januar 2017 til juni 2017 er aktiveringsgraden i Ballerup steget fra 15,2 til 16,6 pct."
    falder = _df(_maaneder("151", "Ballerup", [500, 480, 470, 460, 450, 440]))
    assert f.stabilitet(falder, "151", "2017M06", 6, "fuldtidspersoner", "antallet") == \
        "Fra januar 2017 til juni 2017 er antallet i Ballerup faldet fra 500 til 440 fuldtidspersoner."
    svinger = _df(_maaneder("151", "Ballerup", [16.0, 12.0, 17.0, 12.5, 16.2]))
    assert "svinget mellem 12,0 og 17,0 pct." in f.stabilitet(svinger, "151", "2017M05", 5)


def test_stability_uses_only_the_latest_months_and_says_when_it_cannot():
    df = _df(_maaneder("151", "Ballerup", [5.0, 5.0, 16.6, 16.6, 16.6]))
    assert f.stabilitet(df, "151", "2017M05", 3) == \
        "Fra marts 2017 til maj 2017 har andelen i Ballerup ligget stabilt på 16,6 pct."
    mangler = _df(_maaneder("151", "Ballerup", [math.nan, math.nan, 3.0]))
    assert "kan ikke opgøres" in f.stabilitet(mangler, "151", "2017M03", 3)


def test_above_or_below_in_every_period_or_counted():
    rows = _maaneder("151", "Ballerup", [16.0, 16.5, 17.0]) + _maaneder("000", "Hele landet", [19.0, 19.1, 19.2])
    assert f.over_under(_df(rows), "Ballerup", "Hele landet", "pct", "aktiveringsgraden") == \
        "Aktiveringsgraden i Ballerup har været lavere end i Hele landet i alle 3 måneder fra januar 2017 til marts 2017."
    rows = _maaneder("151", "Ballerup", [20.0, 16.5, 19.0, math.nan]) + _maaneder("000", "Hele landet", [19.0, 19.1, 19.0, 19.0])
    assert f.over_under(_df(rows), "151", "000") == (
        "Andelen i Ballerup har været højere end i Hele landet i 1 og lavere i 1 og på niveau i 1 af de 3 måneder "
        "fra januar 2017 til marts 2017.")
    kvartaler = _df([("151", "Ballerup", "2018K1", 3.0), ("151", "Ballerup", "2018K2", 4.0),
                     ("000", "Hele landet", "2018K1", 2.0), ("000", "Hele landet", "2018K2", 2.0)])
    assert "i alle 2 kvartaler fra 1. kvartal 2018 til 2. kvartal 2018" in f.over_under(kvartaler, "151", "000")
    assert f.over_under(_df([("151", "Ballerup", "2017M01", 3.0)]), "151", "000") == ""


def test_count_change_with_the_comparison_in_per_cent():
    df = _df([("151", "Ballerup", "2017M05", 459.0), ("151", "Ballerup", "2018M05", 460.0),
              ("000", "Hele landet", "2017M05", 75000.0), ("000", "Hele landet", "2018M05", 71250.0),
              ("084", "Region Hovedstaden", "2017M05", 20000.0), ("084", "Region Hovedstaden", "2018M05", 20000.0)])
    assert f.udvikling(df, "Ballerup", ["Hele landet", "Region Hovedstaden"], "2018M05",
                       "antallet af aktiverede borgere") == [
        "Antallet af aktiverede borgere i Ballerup er steget fra 459 i maj 2017 til 460 i maj 2018 (+0,2 pct.).",
        "I samme periode er antallet af aktiverede borgere faldet 5,0 pct. i Hele landet og uændret i Region "
        "Hovedstaden.",
    ]


def test_count_change_over_quarters_unchanged_and_missing():
    df = _df([("151", "Ballerup", "2019K2", 13.0), ("151", "Ballerup", "2020K2", 13.0),
              ("000", "Hele landet", "2020K2", 9000.0)])
    assert f.udvikling(df, "151", ["000"], "2020K2", "antallet", skridt=4) == [
        "Antallet i Ballerup er uændret siden 2. kvartal 2019 (13).",
        "I samme periode er antallet ikke opgjort i Hele landet.",
    ]
    s = f.udvikling(df[df["periode"] != "2019K2"], "151", [], "2020K2", skridt=4)
    assert s == ["Udviklingen siden 2. kvartal 2019 kan ikke opgøres for Ballerup, fordi et af tallene mangler."]


def test_highest_and_lowest_leave_missing_out_and_name_ties():
    assert f.hoejest_lavest({"uddannelseshjælp": 29.8, "sygedagpenge": 6.1, "revalidering": math.nan,
                             "kontanthjælp": 22.9}, "pct", "aktiveringsgraden") == \
        "Aktiveringsgraden er højest for uddannelseshjælp (29,8 pct.) og lavest for sygedagpenge (6,1 pct.)."
    assert f.hoejest_lavest({"a": 5.0, "b": 5.0, "c": 1.0}) == "Andelen er højest for a og b (5,0 pct.) og lavest for c (1,0 pct.)."
    assert f.hoejest_lavest({"a": 5.0}) == ""


def test_k_of_n_in_any_unit():
    assert f.k_af_n(6, 11, "fuldtidspersoner", "fuldtidsperson") == \
        "6 af 11 fuldtidspersoner, svarende til 55 pct. (95 pct.-interval: 28-79 pct.)"
    assert f.k_af_n(math.nan, 11) == ".."
