"""The ledighed theme: parameters and pure helpers on small frames, and the sentences on the session's demo data.

On the demo data, Ballerup reproduces faktaside 4 of 2018 ('Der var i maj 796 ledige fuldtidspersoner i
Ballerup. Hovedparten udgøres af forsikrede ledige.', ungeledighed 7,9 pct.) and the September 2023 minutes
(dagpengemodtagere +3,2 against +13,2 pct. in Hele landet; 19 pct. langtidsledige, 43 pct. in February 2021).
"""

import math

import pandas as pd
import pytest

from noegletal import brief, figures, params
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
    assert tema.maal_tekst(tema.valider_maal(ingen)) == "intet mål"


def test_a_target_is_a_pct_of_the_18_29_year_olds():
    assert tema.valider_maal(7.5) == 7.5
    assert tema.valider_maal("7,5") == 7.5
    assert tema.valider_maal(0) == 0  # a valid (if ambitious) target, not "no target"
    assert tema.maal_tekst(7.5) == "7,5 pct."


@pytest.mark.parametrize("forkert", ["mange", 101, "7,5 pct"])
def test_a_bad_target_fails_in_danish_and_says_how_to_give_none(forkert):
    with pytest.raises(UgyldigParameter, match="-1 for intet mål"):
        tema.valider_maal(forkert)


def test_default_comparison_is_hele_landet_and_the_region():
    assert [o.navn for o in _p().sammenligning] == ["Hele landet", "Region Hovedstaden"]
    assert [o.navn for o in _p("Læsø").sammenligning] == ["Hele landet", "Region Nordjylland"]


# --- pure helpers on small frames -------------------------------------------------------------------------

def _ledige(rows):
    """Tidy y25i01-like rows: (omraade, forsikring, ydelse, koen, vaerdi)."""
    return pd.DataFrame(rows, columns=["omraade", "forsikring", "ydelse", "koen", "vaerdi"])


def _ballerup_og_landet(forsikrede=499, kontant=211, udd=68, land_forsikrede=60.0, land_ikke=40.0):
    rows = []
    for omr, f, k, u in (("Ballerup", forsikrede, kontant, udd), ("Hele landet", land_forsikrede, land_ikke * 0.8,
                                                                   land_ikke * 0.2)):
        ikke = k + u
        for koen, faktor in (("Mænd", 0.5), ("Kvinder", 0.5), ("I alt", 1.0)):
            rows += [(omr, "Forsikrede", "A-dagpenge", koen, f * faktor),
                     (omr, "Forsikrede", "I alt", koen, f * faktor),
                     (omr, "Ikke-forsikrede", "Kontanthjælp, jobparate", koen, k * faktor),
                     (omr, "Ikke-forsikrede", "Uddannelseshjælp", koen, u * faktor),
                     (omr, "Ikke-forsikrede", "I alt", koen, ikke * faktor),
                     (omr, "I alt", "I alt", koen, (f + ikke) * faktor)]
    return _ledige(rows)


def test_composition_table_has_parts_subtotals_and_shares_compared():
    p = _p(sammenligning="Hele landet")
    t = tema.fordeling_tabel(_ballerup_og_landet(), p)
    assert list(t.index) == ["A-dagpenge (forsikrede)", "Kontanthjælp, jobparate", "Uddannelseshjælp",
                             "Ikke-forsikrede i alt", "Ledige i alt"]
    assert t.loc["Ledige i alt", ("Ballerup", "I alt")] == 778
    assert t.loc["Ledige i alt", ("Ballerup", "Mænd")] == 389
    assert round(t.loc["A-dagpenge (forsikrede)", ("Ballerup", tema.KOLONNE_ANDEL)], 1) == 64.1
    assert t.loc["A-dagpenge (forsikrede)", ("Hele landet", tema.KOLONNE_ANDEL)] == 60.0
    assert t.loc["Ledige i alt", ("Hele landet", tema.KOLONNE_ANDEL)] == 100.0


def test_composition_table_keeps_a_missing_value_missing():
    df = _ballerup_og_landet()
    df.loc[(df["omraade"] == "Ballerup") & (df["ydelse"] == "Uddannelseshjælp") & (df["koen"] == "Kvinder"), "vaerdi"] = NAN
    t = tema.fordeling_tabel(df, _p(sammenligning="Hele landet"))
    assert math.isnan(t.loc["Uddannelseshjælp", ("Ballerup", "Kvinder")])
    assert "<td class=\"nt-tal nt-mangler\">..</td>" in brief.Tabelblok("x", t).html()


def test_hovedparten_only_when_more_than_half():
    p = _p(sammenligning="Hele landet")
    udv = pd.DataFrame({"omraade_kode": "151", "periode": ["2017M05", "2018M05"], "vaerdi": [800.0, 778.0]})
    s = tema.fordeling_hvad(_ballerup_og_landet(), udv, p)
    assert s[0] == "I maj 2018 var der 778 ledige fuldtidspersoner i Ballerup."
    assert s[1] == "Hovedparten udgøres af forsikrede ledige (499 fuldtidspersoner, svarende til 64,1 pct.)."
    assert s[2] == "Til sammenligning udgør forsikrede ledige 60,0 pct. i Hele landet."
    assert "faldet fra 800 i maj 2017 til 778 fuldtidspersoner i maj 2018" in s[4]
    s = tema.fordeling_hvad(_ballerup_og_landet(forsikrede=300, kontant=200, udd=150), udv, p)
    assert s[1] == "Hovedparten udgøres af ikke-forsikrede ledige (350 fuldtidspersoner, svarende til 53,8 pct.)."
    s = tema.fordeling_hvad(_ballerup_og_landet(forsikrede=300, kontant=200, udd=100), udv, p)
    assert s[1] == "Den største gruppe er forsikrede ledige (300 fuldtidspersoner, svarende til 50,0 pct.)."


def test_no_total_is_said_not_computed():
    df = _ballerup_og_landet()
    df.loc[(df["omraade"] == "Ballerup") & (df["forsikring"] == "I alt") & (df["koen"] == "I alt"), "vaerdi"] = NAN
    s = tema.fordeling_hvad(df, pd.DataFrame(columns=["omraade_kode", "periode", "vaerdi"]), _p())
    assert s == ["Der er ikke oplyst et tal for ledige fuldtidspersoner i Ballerup i maj 2018."]


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
    s = tema.fordeling_hvad(tema.ledige_maaned(p), tema.data.serie(tema.LEDIGE, omraader=p.omraader,
                                                                    fra="2017M05", til="2018M05"), p)
    assert s[0] == "I maj 2018 var der 796 ledige fuldtidspersoner i Ballerup."
    assert s[1].startswith("Hovedparten udgøres af forsikrede ledige")


def test_ungeledighed_may_2018_and_the_target(demo_data):
    s = tema.unge_hvad(_p(), 7.5)
    assert s[0] == "Ungeledighedsprocenten i Ballerup var 7,9 pct. i maj 2018."
    assert s[1] == "Det er 0,4 pct.-point over målet på højst 7,5 pct."
    assert s[-1].startswith("Heraf kommer ") and "pct.-point fra uddannelseshjælp" in s[-1]
    assert not any("mål" in x for x in tema.unge_hvad(_p(), None))


def test_dagpenge_change_as_the_2023_minutes(demo_data):
    p = _p(periode="2023M06")
    t = tema.dagpenge_tabel(p)
    assert round(t.loc["Ballerup", tema.KOLONNE_AENDRING], 1) == 3.2
    assert round(t.loc["Hele landet", tema.KOLONNE_AENDRING], 1) == 13.2
    s = tema.dagpenge_hvad(t, p)
    assert s[0].endswith("(+3,2 pct.).") and "mindre stigning end i Hele landet (+13,2 pct.)" in s[1]


def test_langtidsledige_share_now_and_where_the_figure_begins(demo_data):
    p = _p(periode="2023M06", maaneder=29)
    s = tema.langtid_hvad(tema.langtid_serie(p), 622, p)
    assert s[0] == "I juni 2023 var 19,3 pct. af dagpengemodtagerne i Ballerup langtidsledige (ledige i mindst ni måneder)."
    assert "Til sammenligning var andelen 43,4 pct. i februar 2021, hvor figuren begynder." in s


def test_few_dagpengemodtagere_get_k_af_n(demo_data):
    p = _p(periode="2023M06")
    s = tema.langtid_hvad(tema.langtid_serie(p), 20, p)
    assert s[-1].startswith("Andelen bygger på få personer: 4 af 20 personer")


def test_a_month_without_data_fails_with_the_span(demo_data):
    with pytest.raises(ManglendeData, match="Der er ingen data for januar 2031.*Data findes fra 2013M01"):
        tema.kraev_data(_p(periode="2031M01"))
