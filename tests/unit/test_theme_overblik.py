"""The overblik theme on the demo data: Tabel 1 on ptv_a02's ydelsesgrupper, the kontanthjælp ministermål,
Figur 2, the best kommune in the klynge, the ranking and its caveats, the klynger from egne data, and every
block that needs egne data when they are missing."""

import math

import pandas as pd
import pytest
from noegletal import backtest, brief, catalogue, data, geo, klynger, ranking
from noegletal.errors import UgyldigParameter
from noegletal.params import BriefParametre
from noegletal.periods import periode
from noegletal.themes import faelles
from noegletal.themes import overblik as t
from noegletal.themes import overblik_klynge as kl
from noegletal.themes import overblik_rangering as rg
from noegletal.themes import overblik_tabeller as tb
from published import figures


def _p(kommune="Ballerup", per="2020M06", sammenligning=("Hele landet",), maaneder=25):
    return BriefParametre("overblik", geo.omraade(kommune), periode(per),
                          tuple(geo.omraade(s) for s in sammenligning), maaneder)


def _fold(s: str) -> str:
    return s.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")


def _uden(monkeypatch, *tabeller):
    """Pretend some egne-data tables were never imported."""
    har = faelles.har_tabel
    monkeypatch.setattr(faelles, "har_tabel", lambda tid: tid not in tabeller and har(tid))
    if klynger.KLYNGE_TABEL in tabeller:
        monkeypatch.setattr(kl, "klyngeliste", lambda p: None)


def _tekst(blokke) -> str:
    return " ".join(b.html() for b in blokke)


# --- Tabel 1 ------------------------------------------------------------------------------------------

def test_tabel1_has_the_ydelsesgrupper_and_two_computed_sum_rows(demo_data):
    tab = tb.tabel1(_p())
    grupper = list(catalogue.table("ptv_a02").hierarchy("_ygrpa02").values)
    assert list(tab.index) == [*grupper, tb.SUM_EKSKL, tb.SUM_INKL]
    # the SUM rows are sums of the groups: counts exactly, pct. as the sum of the rounded parts
    for q in ("2018M06", "2019M06", "2020M06"):
        antal, pct = tab[(tb.ANTAL_OVERSKRIFT, q)], tab[(tb.PCT_OVERSKRIFT, q)]
        assert antal[tb.SUM_INKL] == antal[grupper].sum()
        assert antal[tb.SUM_EKSKL] == antal[[g for g in grupper if g not in ("Førtidspension", "Efterløn")]].sum()
        assert pct[tb.SUM_INKL] == pytest.approx(round(pct[grupper].round(1).sum(), 1))


def test_tabel1_reproduces_every_published_figure_that_still_maps(demo_data):
    tab = tb.tabel1(_p())
    rows = {_fold(i): i for i in tab.index}
    figs = {(f.indicator, f.dimension, f.period): f for f in backtest.figures() if f.source.startswith("2020_opfoelg")}
    pub = figures("2020_opfoelgning")
    pub = pub[pub["dimension"].fillna("").str.startswith("ydelse: ")]
    checked = 0
    for r in pub.itertuples():
        if not figs[(r.indicator, r.dimension, r.period)].covered:
            continue
        label = rows[_fold(r.dimension.removeprefix("ydelse: "))]
        col = tb.ANTAL_OVERSKRIFT if r.unit == "fuldtidspersoner" else tb.PCT_OVERSKRIFT
        assert tab.loc[label, (col, r.period)] == pytest.approx(float(r.value)), (label, col, r.period)
        checked += 1
    assert checked == (9 * 2 + 2) * 3  # nine groups in number and pct., the two SUM rows in number


def test_kontanthjaelp_is_the_three_former_ydelser_together(demo_data):
    """Tabel 1 of 2020 had kontanthjælp, uddannelseshjælp and selvforsørgelses- og hjemrejseydelse apart;
    v3's group holds all three, so the demo's group is their published sum."""
    tab = tb.tabel1(_p())
    pub = figures("2020_opfoelgning")
    dele = pub[pub["dimension"].isin(["ydelse: Kontanthjaelp", "ydelse: Uddannelseshjaelp",
                                      "ydelse: Selvforsoergelses- og hjemrejseydelse mv."])
               & (pub["unit"] == "fuldtidspersoner")]
    for q, g in dele.groupby("period"):
        assert tab.loc[kl.KONTANTHJAELP, (tb.ANTAL_OVERSKRIFT, q)] == g["value"].astype(float).sum()


def test_sum_rows_in_pct_add_the_rounded_parts_and_never_treat_missing_as_zero():
    assert tb.sum_afrundede([2.04, 2.06, 0.74]) == pytest.approx(4.8)
    assert math.isnan(tb.sum_afrundede([1.0, math.nan]))
    assert math.isnan(tb.sum_afrundede([]))
    assert math.isnan(tb._sum([1.0, math.nan])) and tb._sum([1.0, 2.0]) == 3.0


def test_a_missing_group_leaves_the_sums_missing(demo_data, monkeypatch):
    original = tb._grupper_serie
    monkeypatch.setattr(tb, "_grupper_serie", lambda *a: (lambda s: s[s["ydelsesgruppe"] != "Revalidering"])(original(*a)))
    tab = tb.tabel1(_p())
    assert pd.isna(tab.loc["Revalidering"]).all()
    assert pd.isna(tab.loc[tb.SUM_EKSKL]).all() and pd.isna(tab.loc[tb.SUM_INKL]).all()
    assert tab.loc["Førtidspension", (tb.ANTAL_OVERSKRIFT, "2020M06")] == 2091
    assert tb.tabel1_hvad(_p(), tab)[0].startswith("Der er ikke oplyst et antal")


def test_tabel1_note_says_how_the_rows_are_made(demo_data):
    note = tb.tabel1_note(_p())
    assert "Jobindsats' (tabel ptv_a02)" in note and "Kontanthjælp omfatter også den tidligere uddannelseshjælp" in note
    assert "SUM-rækkerne er regnet af noegletal" in note and "Mangler en gruppe, mangler summen" in note
    assert "('Ydelsesgrupper i alt') er for Ballerup i juni 2020 5.955 fuldtidspersoner eller 19,8 pct." in note


def test_tabel1_in_words(demo_data):
    s = tb.tabel1_hvad(_p())
    assert s[0] == ("I juni 2020 var 5.955 fuldtidspersoner i Ballerup på offentlig forsørgelse, førtidspension og "
                    "efterløn medregnet; 3.554 uden dem.")
    assert "steget med 422 fuldtidspersoner (+7,6 pct.) siden juni 2019" in s[1]
    assert "a-dagpenge mv. (305 flere" in s[2]


# --- kontanthjælp: ministermål 4 and 6 ----------------------------------------------------------------

def test_kontanthjaelp_ministermaal_as_published(demo_data):
    pub = figures("2020_opfoelgning")
    andel = pub[pub["indicator"] == "andel beskaeftigede og opvisiterede modtagere af kontanthjaelp"]
    lang = pub[pub["indicator"] == "kontanthjaelpsmodtagere med mere end 5 aar paa offentlig forsoergelse"]
    juni, aug = tb.kontanthjaelp_tabel(_p()), tb.kontanthjaelp_tabel(_p(per="2020M08"))
    assert list(juni.index) == ["jun. 2018", "jun. 2019", "jun. 2020"]
    assert list(juni[tb.KOL_KH_ANDEL]) == [float(v) for v in andel.sort_values("period")["value"]]
    assert list(aug[tb.KOL_KH_5_AAR]) == [float(v) for v in lang.sort_values("period")["value"]]
    s = tb.kontanthjaelp_hvad(_p(), juni)
    assert s[0] == ("I juni 2020 var 13,4 pct. af kontanthjælpsmodtagerne i Ballerup i beskæftigelse eller "
                    "opvisiteret (ministermål 4), mod 12,0 pct. året før.")
    assert "mere end 5 år på offentlig forsørgelse (ministermål 6)" in s[-1]


def test_kontanthjaelp_without_egne_data_says_what_is_missing(demo_data, monkeypatch):
    _uden(monkeypatch, tb.KH_MAAL)
    blokke = t.kontanthjaelp_blokke(_p())
    assert len(blokke) == 1 and isinstance(blokke[0], brief.Forbehold)
    assert "noegletal data skabelon kontanthjaelp_maal" in _tekst(blokke)


# --- Figur 2 ------------------------------------------------------------------------------------------

def test_status_table_adds_up_and_averages_the_other_kommuner(demo_data):
    p = _p()
    tab = tb.status_tabel(p)
    statusser = [tb.YDELSESMODTAGERE, tb.BESKAEFTIGEDE, "SU-modtagere", "Øvrige"]
    assert sum(tab.loc[s, tb.KOL_ANDEL] for s in statusser) == pytest.approx(100)
    assert str(tab.loc["Befolkning (16-66 år)", tb.KOL_ANDEL]) == tb.IKKE_RELEVANT  # shown as –, ".." in the CSV
    assert tab.loc[tb.YDELSESMODTAGERE, tb.KOL_ANTAL] == 5955
    assert tb.status_ydelser() == list(catalogue.table("ptv_a02").hierarchy("_ygrpa02").values)
    # the klynge average is over the other kommuner only, each weighing the same
    andre = [o for o in kl.medlemmer(p) if o != p.kommune]
    s = tb._status(andre, [p.periode])
    besk = s[s["etiket"] == tb.BESKAEFTIGEDE]["andel"]
    assert len(besk) == len(andre) == 23
    assert tab.loc[tb.BESKAEFTIGEDE, tb.KOL_KLYNGE_ANDEL] == pytest.approx(besk.mean())
    hvad = tb.status_hvad(p, tab)
    assert hvad[0] == ("I juni 2020 var 59,9 pct. af de 16-66-årige i Ballerup i beskæftigelse og 19,8 pct. "
                       "ydelsesmodtagere (fuldtidspersoner).")
    assert hvad[1].startswith("I gennemsnit for de øvrige 23 kommuner i klyngen var det ") and ".." not in hvad[1]


def test_status_without_egne_data_or_without_the_month(demo_data, monkeypatch):
    p = _p()
    with monkeypatch.context() as m:
        _uden(m, tb.ARBSTATUS)
        blokke = t.status_blokke(p)
        assert len(blokke) == 1 and "noegletal data skabelon arbejdsmarkedsstatus" in _tekst(blokke)
    monkeypatch.setattr(data, "perioder", lambda ind: ["2019M01", "2019M12"])
    tekst = _tekst(t.status_blokke(p))
    assert "har ingen tal for juni 2020; den har 2019M01 til 2019M12" in tekst


# --- forsørgertryk --------------------------------------------------------------------------------------

def test_best_in_the_klynge_is_another_kommune_with_the_lowest_forsoergertryk(demo_data):
    p = _p()
    bedst, v = t.bedste_i_klyngen(p)
    assert bedst != p.kommune and bedst in kl.medlemmer(p)
    alle = kl.vaerdier(t.FORSOERGERTRYK, kl.medlemmer(p), p.periode).drop(p.kommune.kode)
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


def test_forsoergertryk_is_the_ptv_a02_total(demo_data):
    v = kl.vaerdier(t.FORSOERGERTRYK, [geo.omraade("Ballerup")], periode("2020M06"))
    assert v.iloc[0] == pytest.approx(19.8)
    s = data.serie(t.FORSOERGERTRYK, ["Ballerup"], "2020M06", "2020M06")
    assert list(s["ydelsesgruppe"]) == ["Ydelsesgrupper i alt"]


# --- ranking --------------------------------------------------------------------------------------------

def test_ranking_of_ballerup(demo_data):
    p = _p()
    pl = rg.placeringer(p)
    assert [x.maal.noegle for x in pl] == [m.noegle for m in rg.MAAL]
    forsoerg = pl[0]
    assert forsoerg.antal == len(kl.medlemmer(p)) == 24
    assert forsoerg.tabel.loc[p.kommune.kode, "vaerdi"] == pytest.approx(19.8)
    tab = rg.rangering_tabel(p, pl)
    r = tab.loc["Forsørgertryk"]
    assert str(r[rg.KOL_PLACERING]) == f"Nr. {forsoerg.plads} af {forsoerg.antal}"  # shown; in numbers:
    assert r[rg.KOL_PLACERING].tal == (("", forsoerg.plads), ("af", forsoerg.antal))
    assert r[rg.KOL_TREDJEDEL] == ranking.tredjedel_tekst(forsoerg.tredjedel, kort=True)
    assert str(r["Siden jun. 2019"]) == ranking.bevaegelse(forsoerg.plads, forsoerg.plads_foer)
    # lower is better: the kommune with the lowest forsørgertryk is nr. 1
    assert forsoerg.tabel["vaerdi"].idxmin() == forsoerg.tabel.index[0]


def test_computed_shares_are_the_counts_behind_them(demo_data):
    p = _p()
    m = {x.noegle: x for x in rg.MAAL}
    unge = rg.maal_vaerdier(m["ungeledighed"], [p.kommune], p.periode).iloc[0]
    led = kl.vaerdier("ledige_unge", [p.kommune], p.periode).iloc[0]
    bef = sum(kl.vaerdier(i, [p.kommune], p.periode).iloc[0] for i in ("befolkning_16_17", "befolkning_18_29"))
    assert unge == pytest.approx(100 * led / bef)
    fleks = next(x for x in rg.placeringer(p) if x.maal.noegle == "fleksjobledighed")
    ly, fj = (kl.vaerdier(i, [p.kommune], p.periode).iloc[0] for i in ("ledighedsydelse_personer", "fleksjob_personer"))
    assert (fleks.k, fleks.n) == (ly, ly + fj) and fleks.vaerdi == pytest.approx(100 * ly / (ly + fj))
    # computed from exact counts: equal to one decimal is not a tie the data cannot break
    assert fleks.samme_tal == [] and fleks.spaend == (fleks.plads, fleks.plads)


def test_a_shared_published_figure_is_said(demo_data):
    p = _p()
    kh = next(x for x in rg.placeringer(p) if x.maal.noegle == "kontanthjaelp")
    assert kh.samme_tal == ["Glostrup"] and kh.spaend == (kh.plads, kh.plads + 1)
    tekst = " ".join(rg.usikkerhed_tekst(p, [kh]))
    assert "samme offentliggjorte tal (3,3 pct.) som Glostrup" in tekst


def test_a_share_on_few_persons_gets_persons_interval_and_a_span(demo_data):
    p = _p("Samsø", "2019M03")
    fleks = next(x for x in rg.placeringer(p) if x.maal.noegle == "fleksjobledighed")
    assert fleks.n < 30 and fleks.interval is not None and ranking.er_usikker(fleks.spaend)
    tekst = " ".join(rg.usikkerhed_tekst(p, [fleks]))
    assert "bygger på få personer: 3 af 22 personer" in tekst and "95 pct.-interval" in tekst


def test_a_kommune_without_a_value_is_listed_as_not_ranked(demo_data, monkeypatch):
    p = _p()
    original = kl.vaerdier

    def uden_ballerup(indikator, omraader, q, **f):
        v = original(indikator, omraader, q, **f)
        if indikator == "ledighedsprocent":
            v[p.kommune.kode] = math.nan
        return v

    monkeypatch.setattr(kl, "vaerdier", uden_ballerup)
    pl = rg.placeringer(p)
    led = next(x for x in pl if x.maal.noegle == "ledighed")
    assert pd.isna(led.plads) and led.antal == len(kl.medlemmer(p)) - 1
    r = rg.rangering_tabel(p, pl).loc["Ledighedsprocent"]
    assert str(r[rg.KOL_PLACERING]) == "Ikke rangeret" and r[rg.KOL_TREDJEDEL] == "Ikke rangeret"
    assert pd.isna(r[p.kommune.navn])  # shown as '..', never 0
    assert str(rg.klynge_tabel(p, pl).loc["► Ballerup", "Ledighed"]) == "Ikke rangeret"
    assert any("er ikke rangeret, fordi tallet for juni 2020 mangler" in s for s in rg.usikkerhed_tekst(p, pl))
    assert "Ledighedsprocent: ikke rangeret." in rg.rangering_figur(p, pl).alt
    assert "1 af nøgletallene kan ikke rangeres" in " ".join(rg.rangering_hvad(p, pl))
    data_ = rg.rangering_figur(p, pl).data  # draws without a place, and says so in its data
    assert pd.isna(data_.loc["Ledighedsprocent", "Ballerup"]) and data_.loc["Ledighedsprocent", "Antal rangerede"] == 23
    assert "Ballerup: ikke rangeret" in data_.loc["Ledighedsprocent", "Status"]


def test_ranking_chart_has_alt_text_with_every_measure(demo_data):
    p = _p()
    pl = rg.placeringer(p)
    fig = rg.rangering_figur(p, pl)
    assert "placering i klynge 1, juni 2020" in fig.alt
    for x in pl:
        assert f"{x.maal.navn}: nr. {x.plads} af {x.antal}" in fig.alt


# --- klynger: egne data ---------------------------------------------------------------------------------

def test_the_klynger_come_from_the_egne_table_and_the_demo_says_what_they_are(demo_data):
    p = _p()
    liste = kl.klyngeliste(p)
    assert liste.aar == "2020" and liste.demo and kl.klynge(p) == "Klynge 1"
    assert klynger.klynge_for("Ballerup") == "Klynge 1" and klynger.klynge_for("Samsø", "2019M03") == "Klynge 5"
    tekst = " ".join(kl.klynge_tekst(p))
    assert "de 23 andre kommuner i klynge 1" in tekst and "egne data (tabel klynger), listen for 2020" in tekst
    assert "demo-antagelse" in tekst and "kommunegrupper" in tekst and "klynger.csv" not in tekst  # no path
    assert "jobcenterklynger: egne data, tabel klynger, 2020 (demo-antagelse" in t.stempel(p).kilde


def test_the_klynge_list_of_the_year_or_the_nearest_before(demo_data):
    assert klynger.klyngeliste("2031M01").aar == "2024"  # the latest list before
    assert klynger.klyngeliste("2010M01").aar == "2013"  # none before: the first there is
    assert klynger.klynge_navn(3.0) == "Klynge 3"
    medlemmer = klynger.klynge_medlemmer("Ballerup", "2020M06")
    assert geo.omraade("Ballerup") in medlemmer and len(medlemmer) == 24
    assert all(klynger.klynge_for(o) == "Klynge 1" for o in medlemmer)


def test_without_egne_data_a_kommune_has_no_klynge(tmp_data):
    assert klynger.klyngeliste() is None
    assert klynger.klynge_for("Ballerup") == "" and klynger.klynge_medlemmer("Ballerup") == []


def test_without_klynger_the_brief_ranks_nobody_and_says_what_is_missing(demo_data, monkeypatch):
    _uden(monkeypatch, klynger.KLYNGE_TABEL)
    p = t.valider("Ballerup", "2020M06", "Hele landet")
    assert not kl.har_klynge(p) and kl.medlemmer(p) == []
    blokke = t.rangering_blokke(p)
    assert len(blokke) == 1 and "noegletal data skabelon klynger" in _tekst(blokke)
    assert "er ikke indlæst, så overblikket rangerer ikke kommunen" in _tekst(t.indledning_blokke(p))
    assert t.bedste_i_klyngen(p)[0] is None
    df, bedst = t.forsoergertryk_serie(p)
    assert bedst is None and set(df["omraade"]) == {"Ballerup", "Hele landet"}
    tab = tb.status_tabel(p)
    assert list(tab.columns) == [tb.KOL_ANTAL, tb.KOL_ANDEL, tb.KOL_UDVIKLING]
    assert not any("klyngen" in s for s in tb.status_hvad(p, tab))
    assert "jobcenterklynger: ikke indlæst" in t.stempel(p).kilde


def test_a_kommune_missing_from_the_klynger_is_said(demo_data, monkeypatch):
    liste = klynger.klyngeliste("2020M06")
    uden = klynger.Klyngeliste(liste.aar, {k: v for k, v in liste.klynger.items() if k != "151"}, liste.demo)
    monkeypatch.setattr(kl, "klyngeliste", lambda p: uden)
    p = _p()
    assert not kl.har_klynge(p)
    tekst = _tekst(t.rangering_blokke(p))
    assert "Ballerup er ikke med i de indlæste klynger (tabel klynger, 2020)" in tekst


def test_a_klynge_of_one_fails_in_danish(demo_data, monkeypatch):
    p = _p()
    monkeypatch.setattr(kl, "medlemmer", lambda p: [p.kommune])
    with pytest.raises(UgyldigParameter, match="alene i sin klynge"):
        t.valider(p.kommune.navn, p.periode.kode)
