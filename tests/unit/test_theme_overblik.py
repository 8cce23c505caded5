"""The overblik theme on the demo data: Tabel 1, Figur 2, the best kommune in the klynge, the ranking and
its caveats, and the klynge file the brief names."""

import math

import pandas as pd
import pytest

from noegletal import geo, ranking
from noegletal.errors import UgyldigParameter
from noegletal.params import BriefParametre
from noegletal.periods import periode
from noegletal.themes import overblik as t
from published import figures


def _p(kommune="Ballerup", per="2020M06", sammenligning=("Hele landet",), maaneder=25):
    return BriefParametre("overblik", geo.omraade(kommune), periode(per),
                          tuple(geo.omraade(s) for s in sammenligning), maaneder)


def _fold(s: str) -> str:
    return s.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")


def test_tabel1_is_the_follow_up_table(demo_data):
    tab = t.tabel1(_p())
    assert list(tab.index)[-2:] == [t.SUM_EKSKL, t.SUM_INKL] and len(tab) == 14
    rows = {_fold(i): i for i in tab.index}
    pub = figures("2020_opfoelgning")
    pub = pub[pub["dimension"].fillna("").str.startswith("ydelse: ")]
    assert len(pub) == 14 * 6
    for r in pub.itertuples():
        label = rows[_fold(r.dimension.removeprefix("ydelse: "))]
        col = t.ANTAL_OVERSKRIFT if r.unit == "fuldtidspersoner" else t.PCT_OVERSKRIFT
        assert tab.loc[label, (col, r.period)] == pytest.approx(float(r.value)), (label, col, r.period)


def test_sum_rows_in_pct_add_the_rounded_parts_and_never_treat_missing_as_zero():
    assert t.sum_afrundede([2.04, 2.06, 0.74]) == pytest.approx(4.8)
    assert math.isnan(t.sum_afrundede([1.0, math.nan]))
    assert math.isnan(t.sum_afrundede([]))


def test_tabel1_note_gives_the_exact_shares(demo_data):
    note = t.tabel1_note(_p())
    assert "summen af ydelsernes afrundede procenter" in note and "11,8 og 19,8 pct." in note


def test_tabel1_in_words(demo_data):
    s = t.tabel1_hvad(_p())
    assert s[0].startswith("I juni 2020 var 5.955 fuldtidspersoner i Ballerup på offentlig forsørgelse")
    assert "steget med 422 fuldtidspersoner (+7,6 pct.) siden juni 2019" in s[1]
    assert "a-dagpenge mv. (305 flere" in s[2]


def test_status_table_adds_up_and_averages_the_other_kommuner(demo_data):
    p = _p()
    tab = t.status_tabel(p)
    statusser = [t.YDELSESMODTAGERE, t.BESKAEFTIGEDE, "SU-modtagere", "Øvrige"]
    assert sum(tab.loc[s, t.KOL_ANDEL] for s in statusser) == pytest.approx(100)
    assert tab.loc["Befolkning (16-66 år)", t.KOL_ANDEL] == t.IKKE_RELEVANT
    assert tab.loc[t.YDELSESMODTAGERE, t.KOL_ANTAL] == 5955
    # the klynge average is over the other kommuner only, each weighing the same
    andre = [o for o in geo.klynge_medlemmer(p.kommune) if o != p.kommune]
    s = t._status(andre, [p.periode])
    besk = s[s["etiket"] == t.BESKAEFTIGEDE]["andel"]
    assert len(besk) == len(andre)
    assert tab.loc[t.BESKAEFTIGEDE, t.KOL_KLYNGE_ANDEL] == pytest.approx(besk.mean())
    assert t.status_hvad(p, tab)[0].startswith("I juni 2020 var 59,9 pct. af de 16-66-årige i Ballerup i beskæftigelse")


def test_best_in_the_klynge_is_another_kommune_with_the_lowest_forsoergertryk(demo_data):
    p = _p()
    bedst, v = t.bedste_i_klyngen(p)
    assert bedst != p.kommune and geo.klynge_for(bedst) == geo.klynge_for(p.kommune)
    alle = t._vaerdier(t.FORSOERGERTRYK, geo.klynge_medlemmer(p.kommune), p.periode).drop(p.kommune.kode)
    assert v == alle.min()
    df, b = t.forsoergertryk_serie(p)
    assert b == bedst and f"{bedst.navn} (lavest i klyngen)" in set(df["omraade"])
    assert len(df[df["omraade_kode"] == p.kommune.kode]) == 25


def test_when_the_kommune_itself_is_lowest_the_chart_says_so(demo_data):
    p = _p("Hvidovre")  # lowest in its klynge in June 2020 (tied with Furesø)
    bedst, v = t.bedste_i_klyngen(p)
    assert bedst.navn == "Furesø"
    assert t.bedst_etiket(p, bedst) == "Furesø (lavest af de øvrige i klyngen)"
    df, _ = t.forsoergertryk_serie(p)
    assert "Hvidovre har selv det laveste forsørgertryk i klyngen" in " ".join(t.forsoergertryk_hvad(p, df, bedst))


def test_ranking_of_ballerup(demo_data):
    p = _p()
    pl = t.placeringer(p)
    assert [x.maal.noegle for x in pl] == [m.noegle for m in t.MAAL]
    forsoerg = pl[0]
    assert forsoerg.antal == len(geo.klynge_medlemmer(p.kommune))
    assert forsoerg.tabel.loc[p.kommune.kode, "vaerdi"] == pytest.approx(19.8)
    tab = t.rangering_tabel(p, pl)
    r = tab.loc["Forsørgertryk"]
    assert r[t.KOL_PLACERING] == f"Nr. {forsoerg.plads} af {forsoerg.antal}"
    assert r[t.KOL_TREDJEDEL] == ranking.tredjedel_tekst(forsoerg.tredjedel, kort=True)
    assert r["Siden juni 2019"] == ranking.bevaegelse(forsoerg.plads, forsoerg.plads_foer)
    # lower is better: the kommune with the lowest forsørgertryk is nr. 1
    assert forsoerg.tabel["vaerdi"].idxmin() == forsoerg.tabel.index[0]


def test_a_shared_published_figure_is_said(demo_data):
    p = _p()
    fleks = next(x for x in t.placeringer(p) if x.maal.noegle == "fleksjobledighed")
    assert fleks.samme_tal == ["København"] and fleks.spaend == (fleks.plads, fleks.plads + 1)
    tekst = " ".join(t.usikkerhed_tekst(p, [fleks]))
    assert "samme offentliggjorte tal (30,1 pct.) som København" in tekst


def test_a_share_on_few_persons_gets_persons_interval_and_a_span(demo_data):
    p = _p("Samsø", "2019M03")
    fleks = next(x for x in t.placeringer(p) if x.maal.noegle == "fleksjobledighed")
    assert fleks.n < 30 and fleks.interval is not None and ranking.er_usikker(fleks.spaend)
    tekst = " ".join(t.usikkerhed_tekst(p, [fleks]))
    assert "bygger på få personer: 3 af 22 personer" in tekst and "95 %-interval" in tekst


def test_a_kommune_without_a_value_is_listed_as_not_ranked(demo_data, monkeypatch):
    p = _p()
    original = t._vaerdier

    def uden_ballerup(indikator, omraader, q, **f):
        v = original(indikator, omraader, q, **f)
        if indikator == "ledighedsprocent":
            v[p.kommune.kode] = math.nan
        return v

    monkeypatch.setattr(t, "_vaerdier", uden_ballerup)
    pl = t.placeringer(p)
    led = next(x for x in pl if x.maal.noegle == "ledighed")
    assert pd.isna(led.plads) and led.antal == len(geo.klynge_medlemmer(p.kommune)) - 1
    r = t.rangering_tabel(p, pl).loc["Ledighedsprocent"]
    assert r[t.KOL_PLACERING] == "Ikke rangeret" and r[t.KOL_TREDJEDEL] == "Ikke rangeret"
    assert pd.isna(r[p.kommune.navn])  # shown as '..', never 0
    assert t.klynge_tabel(p, pl).loc["► Ballerup", "Ledighed"] == "Ikke rangeret"
    assert any("er ikke rangeret, fordi tallet for juni 2020 mangler" in s for s in t.usikkerhed_tekst(p, pl))
    assert "Ledighedsprocent: ikke rangeret." in t.rangering_alt(p, pl)
    assert "1 af nøgletallene kan ikke rangeres" in " ".join(t.rangering_hvad(p, pl))
    t.rangering_figur(p, pl)  # draws without a place


def test_ranking_chart_has_alt_text_with_every_measure(demo_data):
    p = _p()
    pl = t.placeringer(p)
    fig = t.rangering_figur(p, pl)
    for x in pl:
        assert f"{x.maal.navn}: nr. {x.plads} af {x.antal}" in fig.alt


def test_place_axis_never_crowds_the_last_place():
    assert t.pladsakse(3) == [1, 2, 3]
    assert t.pladsakse(24) == [1, 5, 10, 15, 20, 24]
    assert t.pladsakse(31) == [1, 5, 10, 15, 20, 25, 31]
    assert t.pladsakse(22) == [1, 5, 10, 15, 22]


def test_tied_dots_are_stacked_around_the_kommune():
    assert t.stak([1.0, 2.0, 2.0, 2.0]) == [0, 0, -t.STAK_AFSTAND, t.STAK_AFSTAND]
    assert t.stak([3.0, 3.0], optaget=3.0) == [-t.STAK_AFSTAND, t.STAK_AFSTAND]


def test_the_brief_names_the_klynge_file_and_says_it_is_an_assumption(demo_data):
    info = t.klyngefil()
    assert info["fil"] == "klynger.csv" and info["demo_antagelse"] and len(info["sha256"]) == 12
    tekst = " ".join(t.klynge_tekst(_p()))
    assert "lib/noegletal/reference/klynger.csv" in tekst and "demo-antagelse" in tekst
    assert "de 23 andre kommuner i Klynge 1: Hovedstadskommuner" in tekst


def test_a_klynge_of_one_fails_in_danish(demo_data, monkeypatch):
    p = _p()
    monkeypatch.setattr(geo, "klynge_medlemmer", lambda k: [geo.omraade(k)])
    with pytest.raises(UgyldigParameter, match="alene i sin klynge"):
        t.valider(p)


def test_figur2_month_without_data_fails_in_danish(demo_data):
    with pytest.raises(Exception, match="Der er ingen data for"):
        t.valider(_p(per="2031M01"))
