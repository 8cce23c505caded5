"""The fleksjob theme: pure helpers on small frames, and the tables on the session's demo data.

On the demo data, Ballerup reproduces Tabel 1 of the 2020 follow-up (rows Fleksjob and Ledighedsydelse) and
the 675 persons in fleksjob of the September 2023 minutes. Fleksjobledigheden is computed by the theme (v3 has
no such measure), so the minutes' 16 against 12,6 pct. is no published figure the demo is calibrated to.
"""

import math

import pandas as pd
import pytest
from noegletal import brief, data
from noegletal.errors import ManglendeData, UgyldigParameter
from noegletal.periods import periode, raekke
from noegletal.themes import faelles
from noegletal.themes import fleksjob as tema

NAN = math.nan


# --- parameters -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("ingen", [0, None, "0", "", "None", " intet ", float("nan")])
def test_no_target_has_one_clear_meaning(ingen):
    assert tema.valider_maal(ingen) is None
    assert tema.maal_tekst(tema.valider_maal(ingen)) == "intet"


def test_a_target_is_a_whole_number_per_year():
    assert tema.valider_maal(120) == 120
    assert tema.valider_maal("120") == 120
    assert tema.valider_maal(120.0) == 120
    assert tema.maal_tekst(1200) == "1.200 nye fleksjob pr. år"


@pytest.mark.parametrize("forkert", [-5, 1.5, "mange", "120 stk"])
def test_a_bad_target_fails_in_danish_and_says_how_to_give_none(forkert):
    with pytest.raises(UgyldigParameter, match=f"maal_nye_fleksjob skal være et helt, positivt antal nye fleksjob pr. "
                                               f"år, fx 120, eller 0 for intet mål, ikke '{forkert}'"):
        tema.valider_maal(forkert)


# --- pure helpers -----------------------------------------------------------------------------------------

def test_bred_keeps_every_period_and_area_and_a_missing_row_stays_missing():
    s = pd.DataFrame({"omraade": ["Ballerup", "Ballerup"], "periode": ["2023M01", "2023M03"], "vaerdi": [1.0, 3.0]})
    w = tema.bred(s, raekke("2023M03", 3), ["Ballerup", "Hele landet"])
    assert list(w.index) == ["2023M01", "2023M02", "2023M03"]
    assert w.loc["2023M03", "Ballerup"] == 3.0
    assert math.isnan(w.loc["2023M02", "Ballerup"]) and w["Hele landet"].isna().all()


def test_bred_names_the_rows_as_a_table_shows_them_and_an_empty_series_is_missing_numbers():
    s = pd.DataFrame({"maal": ["Antal", "Andel"], "periode": ["2019", "2019"], "vaerdi": [1573.0, 35.8]})
    w = faelles.bred(s, ["2018", "2019"], ["Antal", "Andel", "Ny"], kolonne="maal", navn="År")
    assert w.index.name == "År" and w.columns.name is None and w.loc["2019"].tolist()[:2] == [1573.0, 35.8]
    assert w.loc["2018"].isna().all() and w["Ny"].isna().all()  # a year or measure without figures: missing
    tom = faelles.bred(s.iloc[:0], ["2019"], ["Antal"], kolonne="maal", navn="År")
    assert tom.dtypes.tolist() == ["float64"] and tom.isna().all().all()  # missing numbers, never text


def test_rolling_sum_over_12_months_is_missing_when_one_month_is():
    w = pd.DataFrame({"Ballerup": [10.0] * 14}, index=[p.kode for p in raekke("2023M06", 14)])
    r = tema.rullende_sum(w)
    assert r["Ballerup"].isna().sum() == 11 and r.loc["2023M06", "Ballerup"] == 120
    w.loc["2022M12", "Ballerup"] = NAN
    assert tema.rullende_sum(w)["Ballerup"].isna().all()  # every 12-month window holds December


def test_share_is_missing_not_zero_when_the_denominator_is():
    k = pd.DataFrame({"A": [2.0, 2.0, NAN]})
    n = pd.DataFrame({"A": [8.0, 0.0, 8.0]})
    assert faelles.andel(k, n)["A"].iloc[0] == 25.0
    assert faelles.andel(k, n)["A"].iloc[1:].isna().all()


def test_year_to_date_needs_every_month():
    m = pd.Series({p.kode: 10.0 for p in raekke("2023M06", 8)})
    assert tema.aar_til_dato(m, periode("2023M06")) == 60
    m["2023M02"] = NAN
    assert math.isnan(tema.aar_til_dato(m, periode("2023M06")))


def test_sign_for_change_columns():
    assert [tema.fortegn(x) for x in (1.23, -6.0, 0.01, NAN)] == ["+1,2", "-6,0", "0,0", ".."]


def test_one_decimal_half_away_from_zero_and_missing_stays_missing():
    assert list(tema.afrund1([12.25, 12.35, 15.95, -0.05])) == [12.3, 12.4, 16.0, -0.1]
    assert math.isnan(tema.afrund1(NAN))


def _serie(rows):
    return pd.DataFrame(rows, columns=["omraade_kode", "omraade", "periode", "vaerdi"])


def test_fleksjobledighed_is_computed_from_the_two_counts(monkeypatch):
    """Persons on ledighedsydelse in pct. of fleksjob + ledighedsydelse, one decimal; missing when a count is
    missing or the scheme is empty (never 0)."""
    counts = {
        tema.LEDIGHEDSYDELSE_PERSONER: _serie([("151", "Ballerup", "2023M05", 124.0), ("151", "Ballerup", "2023M06", NAN),
                                                ("825", "Læsø", "2023M06", 0.0)]),
        tema.FLEKSJOB_PERSONER: _serie([("151", "Ballerup", "2023M05", 675.0), ("151", "Ballerup", "2023M06", 680.0),
                                         ("825", "Læsø", "2023M06", 0.0)]),
    }
    monkeypatch.setattr(data, "serie", lambda ind, **kw: counts[ind])
    fl = tema.fleksjobledighed(["Ballerup", "Læsø"], "2023M05", "2023M06").set_index(["omraade", "periode"])["vaerdi"]
    assert fl[("Ballerup", "2023M05")] == 15.5  # 124 of 799 = 15,52 pct.
    assert math.isnan(fl[("Ballerup", "2023M06")]) and math.isnan(fl[("Læsø", "2023M06")])
    assert tema.FLEKSJOBLEDIGHED_DELE == ("ledighedsydelse_personer", "fleksjob_personer")


# --- sentences --------------------------------------------------------------------------------------------

def test_the_scheme_in_one_sentence():
    assert tema.ordning_tekst("Ballerup", "2023M06", 675, 124) == (
        "I juni 2023 var 675 personer i fleksjob og 124 personer på ledighedsydelse i Ballerup, i alt 799 personer "
        "i fleksjobordningen.")
    assert "kan derfor ikke opgøres" in tema.ordning_tekst("Ballerup", "2023M06", 675, NAN)
    assert "ikke oplyst på ledighedsydelse" in tema.ordning_tekst("Ballerup", "2023M06", 675, NAN)


def test_what_fleksjobledigheden_rests_on_and_k_of_n_when_few():
    assert tema.grundlag_tekst(124, 799) == \
        "Det svarer til 124 af 799 personer i fleksjobordningen, der var på ledighedsydelse."
    few = tema.grundlag_tekst(3, 20)
    assert "3 af 20 personer, svarende til 15 pct." in few and "95 pct.-interval" in few
    assert tema.grundlag_tekst(NAN, 20) == ""


def test_change_in_persons_over_one_and_two_years():
    s = tema.aendring_antal("Antallet af personer i fleksjob", 675,
                            [(periode("2022M06"), 633), (periode("2021M06"), 609)])
    assert s == ("Antallet af personer i fleksjob er steget med 42 (+6,6 pct.) siden juni 2022 og steget med 66 "
                 "(+10,8 pct.) siden juni 2021.")
    s = tema.aendring_antal("Antallet", 65, [(periode("2022M06"), 65), (periode("2021M06"), NAN)])
    assert s == "Antallet er uændret siden juni 2022. Tallet for juni 2021 mangler, så udviklingen siden da kan ikke opgøres."
    s = tema.aendring_antal("Antallet på ledighedsydelse", 9, [(periode("2012M01"), NAN), (periode("2011M01"), NAN)])
    assert s == "Antallet på ledighedsydelse kan ikke sammenlignes med januar 2012 og januar 2011, fordi tallet mangler."
    assert tema.aendring_antal("Antallet", NAN, [(periode("2022M06"), 65)]) == ""


def test_change_in_the_comparison_areas():
    s = tema.relativ_sammenligning("antallet i fleksjob", [("Hele landet", 104.7, 100.0), ("Region X", NAN, 1.0)],
                                   periode("2022M06"))
    assert s == ("Til sammenligning er antallet i fleksjob steget 4,7 pct. i Hele landet siden juni 2022. "
                 "For Region X kan udviklingen siden juni 2022 ikke opgøres, fordi et tal mangler.")
    s = tema.relativ_sammenligning("x", [("A", 1.0, NAN), ("B", 1.0, 1.0)], periode("2022M06"))
    assert s == ("Til sammenligning er x uændret i B siden juni 2022. "
                 "For A kan udviklingen siden juni 2022 ikke opgøres, fordi et tal mangler.")
    assert tema.relativ_sammenligning("x", [], periode("2022M06")) == ""


def test_new_fleksjob_against_the_yearly_target_and_the_year_so_far():
    s = tema.nye_tekst("Ballerup", "2023M06", 126, 119, 120, 61)
    assert s[0] == "Fra juli 2022 til juni 2023 er 126 personer begyndt i fleksjob i Ballerup."
    assert s[1] == "Det er 7 flere end i de 12 måneder før (119)."
    assert s[2] == "Det er 6 over målet på 120 nye fleksjob om året (105 pct. af målet)."
    assert s[3] == ("Fra januar til juni 2023 er 61 personer begyndt i fleksjob; målet svarer til 60 på 6 måneder. "
                    "Det er 1 mere end målet for perioden.")


def test_new_fleksjob_without_target_in_december_and_when_missing():
    assert len(tema.nye_tekst("Ballerup", "2023M06", 126, 126, None, 61)) == 2
    assert "lige så mange" in tema.nye_tekst("Ballerup", "2023M06", 126, 126, None, 61)[1]
    dec = tema.nye_tekst("Ballerup", "2023M12", 100, NAN, 120, 100)
    assert len(dec) == 3 and "Året før kan ikke opgøres" in dec[1] and "under målet" in dec[2]
    assert "kan ikke opgøres" in tema.nye_tekst("Ballerup", "2023M06", NAN, 1, 120, 1)[0]


# --- on the demo data -------------------------------------------------------------------------------------

def _p(kommune="Ballerup", per="2023M06", sammenligning="Hele landet", maaneder=25, maal=0):
    return tema.valider(kommune, per, sammenligning, maaneder, maal_nye_fleksjob=maal)


def test_tabel_1_rows_as_published(demo_data):
    t = tema.tabel_1(_p(per="2020M06"))
    assert list(t.index) == ["Ledighedsydelse", "Fleksjob"]
    assert list(t.loc["Fleksjob"]) == [430, 474, 505, 1.4, 1.6, 1.7]
    assert list(t.loc["Ledighedsydelse"]) == [134, 136, 159, 0.4, 0.4, 0.5]
    assert list(dict.fromkeys(c for _, c in t.columns)) == ["2018M06", "2019M06", "2020M06"]


def test_fleksjobledighed_table_agrees_with_the_persons_shown(demo_data):
    t = tema.fleksjobledighed_tabel(_p())
    assert t.loc["Ballerup", tema.KOL_I_FLEKSJOB] == 675  # the September 2023 minutes
    for omraade in ("Ballerup", "Hele landet"):
        row = t.loc[omraade]
        assert row[tema.KOL_I_ORDNINGEN] == row[tema.KOL_I_FLEKSJOB] + row[tema.KOL_PAA_LY]
        computed = tema.afrund1(100 * row[tema.KOL_PAA_LY] / row[tema.KOL_I_ORDNINGEN])
        assert row[(tema.FLEKSJOBLEDIGHED_PCT, "2023M06")] == computed
        before = row[(tema.FLEKSJOBLEDIGHED_PCT, "2022M06")]
        assert 0 < before < 100
        assert row[tema.KOL_AENDRING_PP] == pytest.approx(computed - before)


def test_new_fleksjob_table_per_area(demo_data):
    t = tema.nye_tabel(_p(sammenligning="Hele landet,Region Hovedstaden"))
    assert list(t.index) == ["Ballerup", "Hele landet", "Region Hovedstaden"]
    assert (t[tema.KOL_NYE_12] > t[tema.KOL_NYE_MAANED]).all()
    assert t[tema.KOL_NYE_RATE].between(1, 200).all()


def test_a_period_without_data_fails_with_the_span(demo_data):
    with pytest.raises(ManglendeData, match="Data findes fra 2013M01"):
        tema.valider("Ballerup", "2031M01", "Hele landet", 25)


def test_a_quarter_without_data_names_the_quarter_and_its_month(demo_data):
    with pytest.raises(ManglendeData, match=r"ingen data for 2\. kvartal 2031 \(2031K2; månedstal fra juni 2031\)"):
        tema.valider("Ballerup", "2031K2", "Hele landet", 25)


def test_the_target_goes_to_the_stamp_as_text_and_to_the_blocks_as_a_number(demo_data):
    p = _p(maal="120")
    assert tema.maal(p) == 120 and p.som_tekst()["maal_nye_fleksjob"] == "120 nye fleksjob pr. år"
    assert tema.maal(_p()) is None and _p().som_tekst()["maal_nye_fleksjob"] == "intet"


def test_blocks_say_plainly_when_optional_data_are_missing(demo_data, monkeypatch):
    monkeypatch.setattr(tema, "har_data", lambda *a, **k: False)
    p = _p(maal=120)
    for blokke, ord_ in ((tema.smaa_blokke(p), "små fleksjob"), (tema.nye_blokke(p), "nye fleksjob")):
        assert len(blokke) == 1 and isinstance(blokke[0], brief.Tekst)
        assert f"Der er ingen tal for {ord_}" in blokke[0].markdown


def _uden_egne_data(monkeypatch, *tabeller):
    har = tema.faelles.har_tabel
    monkeypatch.setattr(tema.faelles, "har_tabel", lambda t: t not in tabeller and har(t))


def test_without_egne_data_small_and_new_fleksjob_show_the_box(demo_data, monkeypatch):
    """fleksjob_timer and fleksjob_tilgang are egne data: absent, their sections say what is missing and how to
    add it, and the rest of the brief (kort fortalt, fleksjobledighed, Tabel 1) is made."""
    _uden_egne_data(monkeypatch, "fleksjob_timer", "fleksjob_tilgang")
    p = _p()
    (smaa,) = tema.smaa_blokke(p)
    assert isinstance(smaa, brief.Forbehold) and smaa.titel == "Egne data mangler"
    assert any("noegletal data skabelon fleksjob_timer" in t for t in smaa.tekst)
    boks, maal = tema.nye_blokke(_p(maal=120))
    assert boks.titel == "Egne data mangler" and any("--tabel fleksjob_tilgang" in t for t in boks.tekst)
    assert "Målet på 120 nye fleksjob om året kan derfor ikke følges op" in maal.markdown
    assert len(tema.nye_blokke(p)) == 1
    kort = tema.kort_fortalt(_p(maal=120)).markdown
    assert "675 personer i fleksjob" in kort and "begyndt i fleksjob" not in kort
    assert isinstance(tema.fleksjobledighed_figurblok(p), brief.Figurblok)
    assert len(tema.tabel_1_blokke(p)) == 2


def test_target_line_and_sentences(demo_data):
    blok, tabel = tema.nye_blokke(_p(maal=120))
    assert any("målet på 120 nye fleksjob om året" in s for s in blok.hvad)
    assert "Mål: 120 pr. år" in blok.alt and "vandrette linje" in " ".join(blok.hvordan)
    assert isinstance(tabel, brief.Tabelblok)
    uden, _ = tema.nye_blokke(_p())
    assert "Mål" not in uden.alt and "ikke angivet et mål" in " ".join(uden.hvordan)


def test_small_scheme_gets_a_caveat(demo_data, monkeypatch):
    p = _p(kommune="Læsø")
    assert tema.forbehold(p) == []  # 71 persons: not few
    small = tema.fleksjobledighed_tabel(p)
    small.loc["Læsø", tema.KOL_I_ORDNINGEN] = 20
    monkeypatch.setattr(tema, "fleksjobledighed_tabel", lambda _p: small)
    (boks,) = tema.forbehold(p)
    assert boks.titel == "Datagrundlaget er spinkelt" and "5,0 procentpoint" in boks.tekst[0]


def test_fleksjobledighed_says_how_it_is_computed(demo_data):
    fl = tema.fleksjobledighed_figurblok(_p())
    hvordan = " ".join(fl.hvordan)
    assert "regnet af noegletal" in hvordan and "y08a02" in hvordan and "y09a02" in hvordan
    assert "y08a02" in fl.kilde and "y09a02" in fl.kilde


def test_short_charts_still_say_the_change_over_a_year(demo_data):
    p = _p(per="2014M06", maaneder=2)
    fl = tema.fleksjobledighed_figurblok(p)
    assert any("siden juni 2013 (" in s for s in fl.hvad)
    assert "hver måned fra maj 2014 til juni 2014" in " ".join(fl.hvordan)
    (smaa,) = tema.smaa_blokke(p)
    assert any("er steget med" in s and "siden juni 2013" in s for s in smaa.hvad), smaa.hvad
