"""The ledighed theme: parameters and pure helpers on small frames, and the sentences on the session's demo data.

On the demo data, Ballerup reproduces what of faktaside 4 of 2018 a source still gives ('Der var i maj 796
ledige fuldtidspersoner i Ballerup.') and the September 2023 minutes (dagpengemodtagere +3,2 against +13,2 pct.
in Hele landet; 19 pct. langtidsledige among the bruttoledige on a-dagpenge, 43 pct. in February 2021). The
faktaside's ungeledighed (7,9 pct.) has no source any more: the brief shows ledige 16-29-årige against the
16-29-årige instead, computed from y25i01 and FOLK1AM.
"""

import math

import pandas as pd
import pytest
from noegletal import brief, figures, params
from noegletal.backtest import afrund
from noegletal.errors import ManglendeData, UgyldigParameter
from noegletal.periods import raekke
from noegletal.themes import faelles
from noegletal.themes import ledighed as tema

NAN = math.nan


def _p(kommune="Ballerup", periode="2018M05", **kw):
    return params.valider("ledighed", kommune, periode, **kw)


# --- parameters -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("ingen", [-1, -1.0, None, "", " ", "-1", NAN])
def test_no_target_has_one_clear_meaning(ingen):
    assert tema.valider_maal(ingen) is None
    assert tema.maal_tekst(tema.valider_maal(ingen)) == "intet"


def test_a_target_is_a_pct_of_the_16_29_year_olds():
    assert tema.valider_maal(7.5) == 7.5
    assert tema.valider_maal("7,5") == 7.5
    assert tema.valider_maal(0) == 0  # a valid (if ambitious) target, not "no target"
    assert tema.maal_tekst(7.5) == "7,5 pct."


@pytest.mark.parametrize("forkert", ["mange", 101, "7,5 pct"])
def test_a_bad_target_fails_in_danish_and_says_how_to_give_none(forkert):
    with pytest.raises(UgyldigParameter, match="-1 for intet mål"):
        tema.valider_maal(forkert)


def test_a_target_above_100_says_what_it_is_a_share_of():
    with pytest.raises(UgyldigParameter, match="ledige 16-29-årige i pct. af de 16-29-årige"):
        tema.valider_maal(150)


def test_every_indicator_of_the_brief_is_in_the_catalogue():
    from noegletal import catalogue
    for i in tema.ALLE:
        catalogue.indicator(i)
    # the ungeledighed's numerator and denominator cover the same ages: 16-24 + 25-29 = 16-17 + 18-29
    assert catalogue.indicator(tema.UNGE).filter["alder"] == list(tema.UNGE_ALDRE)
    assert [catalogue.indicator(i).measure for i in tema.BEFOLKNING_UNGE] == [
        "Befolkningen 16-17 år", "Befolkningen 18-29 år"]


def test_default_comparison_is_hele_landet_and_the_region():
    assert [o.navn for o in _p().sammenligning] == ["Hele landet", "Region Hovedstaden"]
    assert [o.navn for o in _p("Læsø").sammenligning] == ["Hele landet", "Region Nordjylland"]


# --- pure helpers on small frames -------------------------------------------------------------------------

ALLE_GRUPPER, ALLE_KOEN = "Ydelsesgrupper i alt", "I alt"


def _ledige(rows):
    """Tidy y25i01-like rows: (omraade, ydelsesgruppe, koen, vaerdi)."""
    return pd.DataFrame(rows, columns=["omraade", "ydelsesgruppe", "koen", "vaerdi"])


def _ballerup_og_landet(dagpenge=499, kontant=279, land_dagpenge=60.0, land_kontant=40.0):
    rows = []
    for omr, d, k in (("Ballerup", dagpenge, kontant), ("Hele landet", land_dagpenge, land_kontant)):
        for koen, faktor in (("Mænd", 0.5), ("Kvinder", 0.5), (ALLE_KOEN, 1.0)):
            rows += [(omr, "A-dagpenge", koen, d * faktor),
                     (omr, "Kontanthjælp", koen, k * faktor),
                     (omr, ALLE_GRUPPER, koen, (d + k) * faktor)]
    return _ledige(rows)


def test_composition_table_has_the_two_groups_the_total_and_shares_compared():
    p = _p(sammenligning="Hele landet")
    t = tema.fordeling_tabel(_ballerup_og_landet(), p)
    assert list(t.index) == ["A-dagpenge", "Kontanthjælp", "Ledige i alt"]
    assert t.index.name == "Ydelsesgruppe"
    assert t.loc["Ledige i alt", ("Ballerup", "I alt")] == 778
    assert t.loc["Ledige i alt", ("Ballerup", "Mænd")] == 389
    assert round(t.loc["A-dagpenge", ("Ballerup", tema.KOLONNE_ANDEL)], 1) == 64.1
    assert t.loc["A-dagpenge", ("Hele landet", tema.KOLONNE_ANDEL)] == 60.0
    assert t.loc["Ledige i alt", ("Hele landet", tema.KOLONNE_ANDEL)] == 100.0
    assert t.loc["Kontanthjælp", ("Hele landet", "I alt")] == 40.0  # each comparison area's count too
    assert list(t.columns) == [("Ballerup", "Mænd"), ("Ballerup", "Kvinder"), ("Ballerup", "I alt"),
                               ("Ballerup", tema.KOLONNE_ANDEL), ("Hele landet", "I alt"),
                               ("Hele landet", tema.KOLONNE_ANDEL)]


def test_composition_table_keeps_a_missing_value_missing():
    df = _ballerup_og_landet()
    df.loc[(df["omraade"] == "Ballerup") & (df["ydelsesgruppe"] == "Kontanthjælp") & (df["koen"] == "Kvinder"),
           "vaerdi"] = NAN
    t = tema.fordeling_tabel(df, _p(sammenligning="Hele landet"))
    assert math.isnan(t.loc["Kontanthjælp", ("Ballerup", "Kvinder")])
    assert "<td class=\"nt-tal nt-mangler\">..</td>" in brief.Tabelblok("x", t).html()


def test_chart_data_is_the_kommunes_groups_by_koen():
    f = tema.fordeling_figurdata(_ballerup_og_landet(), _p())
    assert list(f.columns) == ["ydelsesgruppe", "koen", "vaerdi"]
    assert len(f) == 4 and set(f["ydelsesgruppe"]) == {"A-dagpenge", "Kontanthjælp"}


def test_hovedparten_only_when_more_than_half():
    p = _p(sammenligning="Hele landet")
    udv = pd.DataFrame({"omraade_kode": "151", "periode": ["2017M05", "2018M05"], "vaerdi": [800.0, 778.0]})
    s = tema.fordeling_hvad(_ballerup_og_landet(), udv, p, personer=931)
    assert s[0] == "I maj 2018 var der 778 ledige fuldtidspersoner i Ballerup."
    assert s[1] == "Bag tallet står 931 personer, der var ledige i hele eller en del af måneden."
    assert s[2] == "Hovedparten udgøres af ledige på a-dagpenge (499 fuldtidspersoner, svarende til 64,1 pct.)."
    assert s[3] == "Til sammenligning udgør ledige på a-dagpenge 60,0 pct. i Hele landet."
    assert s[4] == "389 er mænd, og 389 er kvinder."
    assert "faldet fra 800 i maj 2017 til 778 fuldtidspersoner i maj 2018" in s[5]
    s = tema.fordeling_hvad(_ballerup_og_landet(dagpenge=300, kontant=350), udv, p)  # no persons: no sentence
    assert s[1] == "Hovedparten udgøres af ledige på kontanthjælp (350 fuldtidspersoner, svarende til 53,8 pct.)."
    s = tema.fordeling_hvad(_ballerup_og_landet(dagpenge=300, kontant=300), udv, p)
    assert s[1] == "Den største gruppe er ledige på a-dagpenge (300 fuldtidspersoner, svarende til 50,0 pct.)."


def test_no_total_is_said_not_computed():
    df = _ballerup_og_landet()
    df.loc[(df["omraade"] == "Ballerup") & (df["ydelsesgruppe"] == ALLE_GRUPPER) & (df["koen"] == ALLE_KOEN),
           "vaerdi"] = NAN
    s = tema.fordeling_hvad(df, pd.DataFrame(columns=["omraade_kode", "periode", "vaerdi"]), _p())
    assert s == ["Der er ikke oplyst et tal for ledige fuldtidspersoner i Ballerup i maj 2018."]


def _tal(rows):
    return pd.DataFrame(rows, columns=["omraade_kode", "omraade", "periode", "vaerdi"])


def test_ungeledighed_is_computed_from_counts_and_missing_when_a_part_is():
    unge = _tal([("151", "Ballerup", "2018M05", 190.0), ("000", "Hele landet", "2018M05", 25000.0),
                 ("825", "Læsø", "2018M05", 16.0)])
    ledige = _tal([("151", "Ballerup", "2018M05", 796.0), ("000", "Hele landet", "2018M05", 100000.0),
                   ("825", "Læsø", "2018M05", 0.0)])
    b16 = _tal([("151", "Ballerup", "2018M05", 700.0), ("000", "Hele landet", "2018M05", NAN),
                ("825", "Læsø", "2018M05", 40.0)])
    b18 = _tal([("151", "Ballerup", "2018M05", 7300.0), ("000", "Hele landet", "2018M05", 900000.0)])  # no Læsø row
    t = tema.unge_tal(unge, ledige, [b16, b18]).set_index("omraade")
    assert t.loc["Ballerup", "befolkning"] == 8000
    assert t.loc["Ballerup", "pct_af_befolkningen"] == 100 * 190 / 8000
    assert t.loc["Ballerup", "andel_af_ledige"] == 100 * 190 / 796
    assert math.isnan(t.loc["Hele landet", "pct_af_befolkningen"])  # a missing part: no share from the rest
    assert t.loc["Hele landet", "andel_af_ledige"] == 25.0
    assert math.isnan(t.loc["Læsø", "pct_af_befolkningen"])  # a part without a row
    assert math.isnan(t.loc["Læsø", "andel_af_ledige"])  # no share of 0 ledige


def _unge_df(nu=2.3, foer=2.5, land=2.5):
    rows = []
    for kode, navn, pct_nu, pct_foer in (("151", "Ballerup", nu, foer), ("000", "Hele landet", land, land)):
        for per, pct in (("2017M05", pct_foer), ("2018M05", pct_nu)):
            rows.append((kode, navn, per, 190.0, 796.0, 8000.0, 23.9, pct))
    return pd.DataFrame(rows, columns=["omraade_kode", "omraade", "periode", "unge", "ledige", "befolkning",
                                       "andel_af_ledige", "pct_af_befolkningen"])


def test_ungeledighed_sentences_say_both_shares_the_target_and_the_ages():
    p = _p(sammenligning="Hele landet")
    aldre = pd.Series({"16-24 år": 91.0, "25-29 år": 99.0})
    s = tema.unge_hvad(_unge_df(), aldre, p, 3.0)
    assert s[0] == "I maj 2018 var der 190 ledige fuldtidspersoner under 30 år i Ballerup."
    assert s[1] == "Det er 2,3 pct. af de 16-29-årige og 23,9 pct. af alle ledige."
    assert s[2] == "Det er 0,7 procentpoint under målet på højst 3,0 pct."
    assert s[3] == "Det er lavere end Hele landet (2,5 pct.)."
    assert s[-1] == "Af de ledige under 30 år er 91 i alderen 16-24 år og 99 i alderen 25-29 år."
    assert not any("mål" in x for x in tema.unge_hvad(_unge_df(), aldre, p, None))
    assert not any("alderen" in x for x in tema.unge_hvad(_unge_df(), aldre.where(aldre > 95), p, None))


def test_ungeledighed_without_a_count_is_said_not_computed():
    df = _unge_df()
    df.loc[df["periode"] == "2018M05", "unge"] = NAN
    assert tema.unge_hvad(df, pd.Series(dtype=float), _p(), 3.0) == [
        "Der er ikke oplyst et tal for ledige under 30 år i Ballerup i maj 2018."]


def test_bred_keeps_every_month_and_area():
    s = pd.DataFrame({"omraade": ["Ballerup", "Ballerup"], "periode": ["2023M01", "2023M03"], "vaerdi": [1.0, 3.0]})
    w = tema.bred(s, raekke("2023M03", 3), ["Ballerup", "Hele landet"])
    assert list(w.index) == ["2023M01", "2023M02", "2023M03"] and w.index.name == "Måned"
    assert math.isnan(w.loc["2023M02", "Ballerup"]) and w["Hele landet"].isna().all()


# --- the shared chart helpers this brief added to faelles ---------------------------------------------

def _linjer(vaerdier):
    df = pd.DataFrame({"omraade": "Læsø", "periode": [q.kode for q in raekke("2018M06", len(vaerdier))],
                       "vaerdi": vaerdier})
    return figures.linjefigur(df, titel="Test", enhed="pct.")


def test_target_line_is_drawn_in_the_legend_and_said_in_the_alt_text():
    f = faelles.maallinje(_linjer([9.0, 10.0, 11.0]), 7.5)
    ax = f.fig.axes[0]
    assert any(list(line.get_ydata()) == [7.5, 7.5] for line in ax.get_lines())
    assert ax.get_ylim()[0] <= 7.5  # the axis reaches down to the target
    assert [t.get_text() for t in f.fig.legends[0].get_texts()] == ["Læsø", "Mål: 7,5 pct."]
    assert f.alt.endswith("Den vandrette prikkede linje angiver mål: 7,5 pct.")
    assert "pct.." not in f.alt


# --- on the demo data -------------------------------------------------------------------------------------

def test_faktaside_4_sentence_for_may_2018(demo_data):
    p = _p()
    personer = tema.fortaelling.vaerdi(tema.data.serie(tema.LEDIGE, omraader=[p.kommune], fra=p.periode,
                                                       til=p.periode, maal=tema.LEDIGE_PERSONER), p.kommune, p.periode)
    s = tema.fordeling_hvad(tema.ledige_maaned(p), tema.data.serie(tema.LEDIGE, omraader=p.omraader,
                                                                    fra="2017M05", til="2018M05"), p, personer)
    assert s[0] == "I maj 2018 var der 796 ledige fuldtidspersoner i Ballerup."
    assert personer > 796 and s[1].startswith(f"Bag tallet står {tema.fmt.tal(personer)} personer")
    assert s[2].startswith("Hovedparten udgøres af ledige på a-dagpenge")


def test_the_two_groups_add_up_to_all_ledige(demo_data):
    t = tema.fordeling_tabel(tema.ledige_maaned(_p()), _p())
    for col in (("Ballerup", "Mænd"), ("Ballerup", "Kvinder"), ("Ballerup", "I alt")):
        assert t.loc["A-dagpenge", col] + t.loc["Kontanthjælp", col] == t.loc["Ledige i alt", col]


def test_ungeledighed_may_2018_is_computed_from_the_two_sources(demo_data):
    p = _p()
    df = tema.unge_antal(p, 13)
    r = df[(df["omraade"] == "Ballerup") & (df["periode"] == "2018M05")].iloc[0]
    unge = tema.data.serie(tema.UNGE, omraader=["Ballerup"], fra="2018M05", til="2018M05")["vaerdi"].iloc[0]
    pop = sum(tema.data.serie(i, omraader=["Ballerup"], fra="2018M05", til="2018M05")["vaerdi"].iloc[0]
              for i in tema.BEFOLKNING_UNGE)
    assert r["unge"] == unge and r["befolkning"] == pop
    assert r["pct_af_befolkningen"] == pytest.approx(100 * unge / pop)
    s = tema.unge_hvad(df, tema.unge_aldre(p), p, 1.0)
    assert s[0] == f"I maj 2018 var der {tema.fmt.tal(unge)} ledige fuldtidspersoner under 30 år i Ballerup."
    assert s[1].startswith(f"Det er {tema.fmt.pct(100 * unge / pop)} af de 16-29-årige")
    assert "over målet på højst 1,0 pct." in s[2]
    assert s[-1].startswith("Af de ledige under 30 år er ")
    aldre = tema.unge_aldre(p)
    assert aldre.sum() == unge


def test_dagpenge_change_as_the_2023_minutes(demo_data):
    p = _p(periode="2023M06")
    t = tema.dagpenge_tabel(p)
    assert round(t.loc["Ballerup", tema.KOLONNE_AENDRING], 1) == 3.2
    assert round(t.loc["Hele landet", tema.KOLONNE_AENDRING], 1) == 13.2
    s = tema.dagpenge_hvad(t, p)
    assert s[0].endswith("(+3,2 pct.).") and "mindre stigning end i Hele landet (+13,2 pct.)" in s[1]


def test_langtidsledige_share_now_and_where_the_figure_begins(demo_data):
    p = _p(periode="2023M06", maaneder=29)
    df = tema.langtid_serie(p)
    nu, feb = (tema.fortaelling.vaerdi(df, p.kommune, x) for x in ("2023M06", "2021M02"))
    assert afrund(nu, 0) == 19 and afrund(feb, 0) == 43  # as the minutes printed them (half away from zero)
    k, n = tema.langtid_antal(p)
    assert 100 * k / n == pytest.approx(nu, abs=0.05)  # the share is the persons' share
    s = tema.langtid_hvad(df, n, p, k)
    assert s[0] == (f"I juni 2023 var {tema.fmt.pct(nu)} af de bruttoledige på a-dagpenge i Ballerup "
                    "langtidsledige.")
    assert f"Til sammenligning var andelen {tema.fmt.pct(feb)} i februar 2021, hvor figuren begynder." in s


def test_few_bruttoledige_get_k_af_n(demo_data):
    p = _p(periode="2023M06")
    df = tema.langtid_serie(p)
    s = tema.langtid_hvad(df, 20, p)  # no count of langtidsledige: worked back from the share
    k = round(tema.fortaelling.vaerdi(df, p.kommune, p.periode) * 20 / 100)
    assert s[-1].startswith(f"Andelen bygger på få personer: {k} af 20 personer")
    assert tema.langtid_hvad(df, 20, p, 3)[-1].startswith("Andelen bygger på få personer: 3 af 20 personer")


def test_all_bruttoledige_are_said_next_to_the_dagpenge_share(demo_data):
    p = _p(periode="2023M06")
    alle = tema.fortaelling.vaerdi(tema.langtid_serie(p, None), p.kommune, p.periode)
    s = tema.langtid_hvad(tema.langtid_serie(p), 600, p, alle=alle)
    assert (f"Blandt alle bruttoledige i Ballerup, på a-dagpenge og kontanthjælp, var {tema.fmt.pct(alle)} "
            "langtidsledige.") in s


def test_a_month_without_data_fails_with_the_span(demo_data):
    with pytest.raises(ManglendeData, match="Der er ingen data for januar 2031.*Data findes fra 2013M01"):
        tema.valider("Ballerup", "2031M01")


def test_one_call_checks_everything_and_the_target_reaches_the_blocks(demo_data):
    p = tema.valider("Ballerup", "2018M06", "", 25, maal_ungeledighed="2,0")
    assert [o.navn for o in p.sammenligning] == ["Hele landet", "Region Hovedstaden"]
    assert tema.maal(p) == 2.0 and p.som_tekst()["maal_ungeledighed"] == "2,0 pct."
    assert tema.maal(tema.valider("Ballerup", "2018M06")) is None
    blok = tema.unge_figurblok(p)
    assert any("højst 2,0 pct." in s for s in blok.hvad) and "mål: 2,0 pct." in blok.alt
    assert "højst 2,0 pct." in tema.unge_tabelblokke(p)[1].note
    with pytest.raises(UgyldigParameter, match="maal_ungeledighed skal være et tal mellem 0 og 100"):
        tema.valider("Ballerup", "2018M06", maal_ungeledighed=150)


# --- ydelsesmodtagere med lønnede timer (y60j01) ---------------------------------------------------------------

def test_loennede_timer_per_year_with_hele_landet_beside_the_kommune(demo_data):
    from noegletal import fmt
    from noegletal.themes import ledighed as lt

    p = lt.valider("Ballerup", "2018M06", "Region Hovedstaden")  # Hele landet is shown all the same
    assert lt.loentimer_aar(p).kode == "2017"
    figur, tabel = lt.loentimer_blokke(p)
    df = lt.loentimer_serie(p)
    assert set(df["omraade"]) == {"Ballerup", "Hele landet", "Region Hovedstaden"}
    assert df["periode"].max() == "2017"
    nu = df[(df.omraade == "Ballerup") & (df.periode == "2017")]["vaerdi"].iloc[0]
    assert lt.loentimer_hvad(p)[0].startswith(f"I 2017 havde {fmt.pct(nu)} af ydelsesmodtagerne i Ballerup")
    assert any("andelen i hele landet er" in s.lower() and "siden 2013" in s for s in lt.loentimer_hvad(p))
    assert "Hele landet" in tabel.html() and "År" in tabel.html()
    # the published figure, Hele landet 2022: 23,1 pct.
    s = lt.data.serie(lt.LOENTIMER, ["Hele landet"], "2022", "2022")
    assert s["vaerdi"].iloc[0] == 23.1
