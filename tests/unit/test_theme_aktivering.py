"""The aktivering theme: faktaside 6's numbers and sentence, aktiverede by ydelsesgruppe and tilbud, the
kontanthjælp aktiveringsgrad by visitation, Tabel 3, small numbers said honestly, missing values kept
missing, and the parameter checks with their Danish messages."""

import math
import re

import pandas as pd
import pytest
from noegletal import brief, data, figures
from noegletal.errors import ManglendeData, UgyldigParameter
from noegletal.periods import periode
from noegletal.themes import aktivering as t
from noegletal.themes import faelles


def _p(kommune="Ballerup", per="2018M05", sammenligning="Hele landet", fra="2015M01", maaneder=25):
    return t.valider(kommune, per, sammenligning, maaneder, fra=fra)


# --- without data ---------------------------------------------------------------------------------------

def test_names_inside_a_sentence():
    assert t.smaat("Kontanthjælp") == "kontanthjælp"
    assert t.smaat("A-dagpenge") == "A-dagpenge"
    assert t.kort("Virksomhedspraktik i alt") == "Virksomhedspraktik"
    assert t.kort("Nytteindsats") == "Nytteindsats"
    assert t.visitation_i_saetning("Åbenlys uddannelsesparat") == "åbenlyst uddannelsesparate"
    assert t.visitation_i_saetning("Jobparat") == "jobparate"


def test_the_parts_come_from_the_catalogue():
    assert t.ydelsesgrupper()[:2] == ["A-dagpenge", "Kontanthjælp"]
    assert "Ydelsesgrupper i alt" not in t.ydelsesgrupper()
    assert set(t.VIRKSOMHEDSRETTEDE) <= set(t.tilbud()) and "Tilbud i alt" not in t.tilbud()
    assert t.visitationer() == ["Jobparat", "Aktivitetsparat", "Uddannelsesparat", "Åbenlys uddannelsesparat"]
    assert all(t.VISITATION_I_SAETNING.get(v) for v in t.visitationer())


def test_latest_whole_quarter():
    assert faelles.seneste_hele_kvartal(periode("2018M05")).kode == "2018K1"
    assert faelles.seneste_hele_kvartal(periode("2018M06")).kode == "2018K2"
    assert faelles.seneste_hele_kvartal(periode("2020M01")).kode == "2019K4"


def test_measures_get_distinct_roles_in_legend_order():
    r = faelles.serieroller([n for _, n in t.OMFANG])
    assert list(r.values()) == ["kommune", "klynge"]
    assert len(set(faelles.serieroller(list("abcdefg")).values())) == 5


def test_slanted_labels_keep_whole_words():
    df = pd.DataFrame({"gruppe": ["Kontanthjælp", "Jobafklaringsforløb"], "omraade": "Ballerup", "vaerdi": [1.0, 2.0]})
    fig = faelles.skraa_kategorier(figures.soejlefigur(df, x="gruppe"), ["Kontanthjælp", "Jobafklaringsforløb"])
    labels = fig.fig.axes[0].get_xticklabels()
    assert [x.get_text() for x in labels] == ["Kontanthjælp", "Jobafklaringsforløb"]
    assert labels[0].get_rotation() == 30


def test_shares_of_the_total_keep_missing_missing():
    antal = pd.DataFrame({"Ballerup": [10.0, math.nan, 40.0], "Hele landet": [5.0, 3.0, math.nan]},
                         index=["A-dagpenge", "Kontanthjælp", t.I_ALT])
    andele = t._andele(antal)
    assert andele.loc["A-dagpenge", "Ballerup"] == 25.0 and andele.loc[t.I_ALT, "Ballerup"] == 100.0
    assert math.isnan(andele.loc["Kontanthjælp", "Ballerup"])  # a missing count is not 0 pct.
    assert andele["Hele landet"].isna().all()  # no total, no shares
    assert math.isnan(faelles.andel(3, 0))


def test_largest_part_with_ties_small_totals_and_missing():
    akt = pd.Series({"A-dagpenge": 115.0, "Kontanthjælp": 497.0, "Sygedagpenge": math.nan, t.I_ALT: 842.0})
    assert t._stoerste(akt) == (["Kontanthjælp"], "497 af 842 (59,0 pct.)")
    lige = pd.Series({"a": 5.0, "b": 5.0, t.I_ALT: 12.0})
    top, tal = t._stoerste(lige)
    assert top == ["a", "b"] and tal.startswith("5 af 12 personer, svarende til 42 pct. (95 pct.-interval:")
    assert t._stoerste(pd.Series({"a": 5.0, t.I_ALT: math.nan})) == ([], "")
    assert t._stoerste(pd.Series({"a": math.nan, t.I_ALT: 10.0})) == ([], "")


def test_few_aktiverede_give_k_of_n_and_a_missing_part_is_said_missing():
    akt = pd.Series({"A-dagpenge": 3.0, "Kontanthjælp": math.nan, t.I_ALT: 14.0})
    out = t._smaa_fordeling(akt, "Læsø", ["A-dagpenge", "Kontanthjælp"])
    assert out[0] == "Læsø har kun 14 aktiverede borgere i måneden, så andelene er usikre:"
    assert out[1].startswith("A-dagpenge: 3 af 14 personer, svarende til 21 pct. (95 pct.-interval:")
    assert out[2] == "Kontanthjælp: antallet er ikke oplyst."
    assert t._smaa_fordeling(pd.Series({"a": 3.0, t.I_ALT: 30.0}), "X", ["a"]) == []


# --- parameters -----------------------------------------------------------------------------------------

def test_fra_is_kept_for_the_stamp_and_empty_means_maaneder(demo_data):
    assert _p().ekstra["fra"] == "2015M01" and t.fra(_p()).kode == "2015M01"
    assert t.fra(_p(fra="", maaneder=13)).kode == "2017M05"
    assert t.fra(_p(per="2013M06", fra="")).kode == "2013M01"  # not before the data
    assert _p().som_tekst()["fra"] == "2015M01"


@pytest.mark.parametrize("per,fra,besked", [
    ("2018M05", "2018M06", r"fra \(juni 2018\) skal ligge før periode \(maj 2018\)"),
    ("2018M05", "2010M01", "Data findes fra 2013M01 til"),
    ("2018M05", "2015K1", "fra skal være en måned"),
])
def test_bad_parameters_fail_in_danish(demo_data, per, fra, besked):
    with pytest.raises(UgyldigParameter, match=besked):
        _p(per=per, fra=fra)


def test_a_quarter_is_shown_by_its_last_month(demo_data):
    p = _p(per="2018K2")
    assert (p.periode.kode, p.udvalg.kode) == ("2018M06", "2018K2")


def test_month_without_data_gives_the_span(demo_data):
    with pytest.raises(ManglendeData, match="Data findes fra 2013M01"):
        _p(per="2031M01")


# --- omfang ---------------------------------------------------------------------------------------------

def test_faktaside_sentence_exactly(demo_data):
    assert t.omfang_tekst(_p()) == "I maj 2018 var 842 borgere i tilsammen 1.702 aktiveringsforløb."


def test_omfang_explained_and_compared(demo_data):
    hvad = t.omfang_hvad(_p())
    # 833 → 842 (+1,1 pct.) is within the count's usual move from one month to the next: no news
    assert hvad[1] == ("Antallet af aktiverede borgere i Ballerup er stort set uændret: 833 i maj 2017 og 842 i maj "
                       "2018 (+1,1 pct.).")
    assert hvad[2].startswith("I samme periode er antallet af aktiverede borgere") and "i Hele landet" in hvad[2]
    assert hvad[3] == "En aktiveret borger var i gennemsnit i 2,0 forløb i måneden."


def test_omfang_series_and_table(demo_data):
    p = _p()
    s = t.omfang_serie(p)
    assert set(s["serie"]) == {"Aktiveringsforløb", "Aktiverede borgere"}
    assert s["periode"].min() == "2015M01" and s["periode"].max() == "2018M05"
    tab = t.omfang_tabel(p)
    assert len(tab) == 13 and tab.index[-1] == "2018M05"
    assert tab.loc["2018M05"].tolist() == [1702, 842]


# --- ydelsesgrupper and tilbud ----------------------------------------------------------------------------

def test_ydelsesgruppe_table_counts_shares_and_comparison(demo_data):
    tab = t.ydelsesgruppe_tabel(_p(sammenligning="Hele landet,Region Hovedstaden"))
    assert tab.index.tolist() == [*t.ydelsesgrupper(), "I alt"]
    assert tab.loc["I alt", ("Ballerup", t.KOLONNE_AKTIVEREDE)] == 842
    assert tab.loc["I alt", ("Ballerup", t.KOLONNE_FORLOEB)] == 1702
    k = tab.loc["Kontanthjælp", ("Ballerup", t.KOLONNE_AKTIVEREDE)]
    assert tab.loc["Kontanthjælp", ("Ballerup", t.KOLONNE_ANDEL)] == pytest.approx(100 * k / 842)
    assert tab.loc["I alt", ("Region Hovedstaden", t.KOLONNE_ANDEL)] == 100.0
    # the groups shown leave some ydelser out: their sum is never more than the total
    assert tab[("Ballerup", t.KOLONNE_AKTIVEREDE)].drop("I alt").sum() <= 842


def test_ydelsesgruppe_sentences(demo_data):
    hvad = t.ydelsesgruppe_hvad(_p())
    assert re.fullmatch(r"\S.* er den største ydelsesgruppe blandt de aktiverede borgere i Ballerup i maj 2018: "
                        r"\d+ af 842 \(\d+,\d pct\.\)\.", hvad[0])
    assert hvad[1].startswith("Det er ") and "Hele landet (" in hvad[1]
    assert hvad[2].startswith("Siden maj 2017 er antallet af aktiverede borgere ")
    assert len(hvad) == 3  # 842 aktiverede: no k af n


def test_tilbud_table_adds_the_virksomhedsrettede(demo_data):
    tab = t.tilbud_tabel(_p())
    assert tab.index.tolist() == [*(t.kort(x) for x in t.tilbud()), t.VIRKSOMHEDSRETTET_RAEKKE, "I alt"]
    akt = tab[("Ballerup", t.KOLONNE_AKTIVEREDE)]
    assert akt[t.VIRKSOMHEDSRETTET_RAEKKE] == akt["Virksomhedspraktik"] + akt["Ansættelse med løntilskud"]
    assert akt["I alt"] == 842 and (akt.drop("I alt") <= 842).all()
    forl = tab[("Ballerup", t.KOLONNE_FORLOEB)]
    assert (forl >= akt).all()  # every aktiveret in a tilbud has a forløb in it


def test_tilbud_and_virksomhedsrettet_sentences(demo_data):
    p = _p()
    hvad = t.tilbud_hvad(p)
    assert re.fullmatch(r"Flest aktiverede borgere i Ballerup var i maj 2018 i [a-zæøå ]+: \d+ af 842 "
                        r"\(\d+,\d pct\.\)\.", hvad[0])
    assert re.fullmatch(r"I maj 2018 var \d+ af de 842 aktiverede borgere i Ballerup \(\d+,\d pct\.\) i "
                        r"virksomhedsrettede tilbud \(virksomhedspraktik og løntilskud\)\.", hvad[1])
    df = t.virksomhedsrettet_antal(p)
    row = df[(df["omraade"] == "Ballerup") & (df["periode"] == "2018M05")].iloc[0]
    virk = data.serie(t.AKTIVEREDE, ["Ballerup"], "2018M05", "2018M05", tilbud=list(t.VIRKSOMHEDSRETTEDE))
    assert row["k"] == virk["vaerdi"].sum() and row["n"] == 842
    assert row["vaerdi"] == pytest.approx(100 * row["k"] / 842)
    lang = t.virksomhedsrettet_hvad(p)
    assert lang[0].startswith("I maj 2018 var andelen i virksomhedsrettede tilbud ") and lang[0].endswith("i Ballerup.")
    assert any(s.startswith("Andelen i virksomhedsrettede tilbud i Ballerup har været") for s in lang)


# --- aktiveringsgrad for kontanthjælp -----------------------------------------------------------------------

def test_grad_sentences(demo_data):
    hvad = t.grad_hvad(_p())
    assert re.fullmatch(r"I maj 2018 var aktiveringsgraden for kontanthjælpsmodtagere \d+,\d pct\. i Ballerup\.",
                        hvad[0])
    assert hvad[3].startswith("Fra december 2017 til maj 2018 ")
    assert hvad[4].startswith("Aktiveringsgraden i Ballerup har været ") and "25 måneder fra maj 2016" in hvad[4]


def test_visitation_table_has_fuldtidspersoner_grad_and_comparison(demo_data):
    p = _p(sammenligning="Hele landet,Region Hovedstaden")
    tab = t.visitation_tabel(p)
    assert tab.index.tolist() == [*t.visitationer(), "I alt"]
    n = data.serie(t.KH_FULDTID, ["Ballerup"], "2018M05", "2018M05", visitation="Jobparat")["vaerdi"].iloc[0]
    assert tab.loc["Jobparat", ("Ballerup", t.KOLONNE_FULDTID)] == n
    grad = data.serie(t.GRAD, ["Hele landet"], "2018M05", "2018M05")["vaerdi"].iloc[0]
    assert tab.loc["I alt", ("Hele landet", t.KOLONNE_GRAD)] == grad
    assert list(tab.columns.get_level_values(0).unique()) == ["Ballerup", "Hele landet", "Region Hovedstaden"]


def test_small_visitation_categories_are_named_and_missing_stays_missing(demo_data):
    """Every category of a kommune with fewer than 30 fuldtidspersoner is named with its count, a suppressed
    aktiveringsgrad is said missing (never 0), and the highest/lowest sentence leaves them out."""
    found = False
    for kommune in ("Læsø", "Fanø", "Samsø", "Ærø"):
        p = _p(kommune)
        tab = t.visitation_tabel(p).drop(index="I alt")
        n, grad = tab[(kommune, t.KOLONNE_FULDTID)], tab[(kommune, t.KOLONNE_GRAD)]
        smaa = [v for v in tab.index if n[v] < 30]
        hvad = t.visitation_hvad(p)
        for v in smaa:
            found = True
            linje = next(s for s in hvad if s.startswith(f"{v}: "))
            if math.isnan(grad[v]):
                assert "aktiveringsgraden er ikke oplyst" in linje
            else:
                assert "bygger på" in linje and "usikker" in linje
        if smaa and len(smaa) <= len(tab) - 2:
            assert hvad[0].endswith("blandt kategorier med mindst 30 fuldtidspersoner.")
        assert not any(" 0,0 pct." in s for s in hvad if "ikke oplyst" in s)
    assert found, "ingen lille kommune med en visitationskategori under 30 fuldtidspersoner"


# --- Tabel 3 --------------------------------------------------------------------------------------------

def test_without_a_whole_quarter_the_brief_says_so(demo_data):
    p = _p(per="2013M02", fra="")
    assert t.paabegyndte_kvartal(p) is None
    blokke = t.paabegyndte_blokke(p)
    assert len(blokke) == 1 and isinstance(blokke[0], brief.Tekst)
    assert "ingen kvartalstal" in blokke[0].markdown


def test_tabel_3_quarters(demo_data):
    p = _p(per="2020M06", fra="")
    q = t.paabegyndte_kvartal(p)
    assert q.kode == "2020K2"
    tab = t.paabegyndte_tabel(p, q)
    assert tab.index.tolist()[0] == "2018K1" and tab.index.tolist()[-1] == "2020K2"
    assert tab.columns.tolist() == ["Ansættelse med løntilskud i alt", "Virksomhedspraktik i alt"]
    assert tab.index.name == "Kvartal" and tab.columns.name is None
    assert tab.loc["2020K2"].tolist() == [36, 181]
    hvad = t.paabegyndte_hvad(p, q)
    assert hvad[0] == ("I 2. kvartal 2020 blev der påbegyndt 36 ansættelser med løntilskud og 181 "
                       "virksomhedspraktikker i Ballerup.")
    assert hvad[1].startswith("Antallet af påbegyndte ansættelser med løntilskud i Ballerup er faldet fra 77 i 2. "
                              "kvartal 2019 til 36 i 2. kvartal 2020 (-53,2 pct.)")
    assert t.paabegyndte_kvartal(_p(per="2020M05", fra="")).kode == "2020K1"


# --- blocks ---------------------------------------------------------------------------------------------

def test_blocks_name_their_tables_and_comparison_areas(demo_data):
    p = _p(sammenligning="Hele landet,Region Hovedstaden")
    blokke = [t.omfang_figurblok(p), t.ydelsesgruppe_figurblok(p), t.tilbud_figurblok(p),
              t.virksomhedsrettet_figurblok(p), t.grad_figurblok(p), t.visitation_figurblok(p)]
    assert [b.titel for b in blokke] == ["Udvikling i omfanget af aktivering", "Aktiverede fordelt på ydelsesgrupper",
                                        "Aktiverede fordelt på tilbud", "Virksomhedsrettet aktivering",
                                        "Aktiveringsgrad for kontanthjælpsmodtagere",
                                        "Aktiveringsgraden fordelt på visitationskategorier"]
    assert all("tabel ptvc02" in b.kilde for b in blokke[:4])
    assert "tabel y60a02, y60c07" in blokke[4].kilde and "tabel y60a02, y60c07" in blokke[5].kilde
    assert all("Region Hovedstaden" in b.alt for b in blokke[1:])
    tabeller = [t.omfang_tabelblok(p), t.ydelsesgruppe_tabelblok(p), t.tilbud_tabelblok(p), t.visitation_tabelblok(p)]
    assert all(b.html() for b in tabeller)
    assert "summerer ikke til i alt" in tabeller[1].note and "tæller i begge" in tabeller[2].note


# --- the demo tables the brief rests on ------------------------------------------------------------------

def _bred(table_id: str) -> pd.DataFrame:
    df = data.tabel(table_id)
    df = df[df["niveau"] != "andet"]  # 'Uoplyst område' is suppressed
    keys = [c for c in df.columns if c not in ("maal", "vaerdi", "status", "omraade", "niveau", "frekvens")]
    return df.pivot_table(index=keys, columns="maal", values="vaerdi")


def test_demo_aktivering_tables_agree(demo_data):
    """Every aktiveret has a forløb; a part is never more than its total; kontanthjælp is the same number in
    ptvc02 and y60c02; the aktiveringsgrad by visitation rests on y60a02's fuldtidspersoner."""
    p2 = _bred("ptvc02")
    assert (p2["Antal aktiveringsforløb"] >= p2["Antal aktiverede"]).all()
    total = p2.xs(("Ydelsesgrupper i alt", "Tilbud i alt"), level=("ydelsesgruppe", "tilbud"))
    for (yg, tb), part in p2.groupby(level=["ydelsesgruppe", "tilbud"]):
        part = part.droplevel(["ydelsesgruppe", "tilbud"])
        assert (part <= total.reindex(part.index)).all().all(), (yg, tb)
    c2 = _bred("y60c02")
    assert (c2["Antal aktiveringsforløb"] >= c2["Antal aktiverede"]).all()
    kh = p2.xs(("Kontanthjælp", "Tilbud i alt"), level=("ydelsesgruppe", "tilbud"))
    sats = c2.xs(("Kontanthjælpssatser i alt", "Tilbud i alt"), level=("sats", "tilbud"))
    pd.testing.assert_frame_equal(kh, sats.reindex(kh.index))
    grad = _bred("y60c07")["Aktiveringsgrad"]
    assert grad.dropna().between(0, 100).all()
    fuld = _bred("y60a02")["Antal fuldtidspersoner"].xs("Kontanthjælpssatser i alt", level="sats")
    small = fuld[fuld < 5].index.intersection(grad.index)
    assert grad.reindex(small).isna().all()  # shares of fewer than 5 are suppressed


# --- fuldtidsaktiverede and the aktiveringsgrad for all ydelser ------------------------------------------------

def _uden(demo_data_dir, tmp_path, monkeypatch, *tabeller):
    """A copy of the demo data folder's processed tables without some tables (as on a day tjek did not find them)."""
    import json
    import shutil

    kopi = tmp_path / "data"
    shutil.copytree(demo_data_dir / "processed", kopi / "processed")
    manifest = json.loads((kopi / "processed" / "manifest.json").read_text(encoding="utf-8"))
    for tid in tabeller:
        (kopi / "processed" / f"{tid}.parquet").unlink()
        del manifest["tables"][tid]
    (kopi / "processed" / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    monkeypatch.setenv("NOEGLETAL_DATA", str(kopi))


def test_fuldtidsaktiverede_from_ptvc01_as_the_faktaside(demo_data):
    p = _p()
    assert t.fuldtid_kilde() == (["ptvc01"], ["alle ydelsesgrupper"])
    hvad = t.fuldtid_hvad(p)
    assert hvad[0] == "I maj 2018 var der 460 fuldtidsaktiverede i Ballerup."  # the faktaside's figure
    figur, tabel = t.fuldtid_blokke(p)
    assert "tabel ptvc01" in figur.html() and "alle ydelsesgrupper under ét" in figur.html()
    assert "460" in tabel.html()


def test_without_ptvc01_the_sum_of_the_per_ydelse_tables_and_the_block_says_so(demo_data_dir, tmp_path, monkeypatch):
    _uden(demo_data_dir, tmp_path, monkeypatch, "ptvc01", "y11c01")
    p = _p()
    tabeller, navne = t.fuldtid_kilde()
    assert tabeller == ["y01c01", "y60c01", "y07c01", "y09c01", "y12c01"] and "ressourceforløb" not in navne
    s = t.fuldtid_serie(p, False, [p.kommune], p.periode)
    dele = sum(data.serie(t.PR_YDELSE[tid][0], [p.kommune], p.periode, p.periode)["vaerdi"].iloc[0] for tid in tabeller)
    assert s["vaerdi"].iloc[0] == dele
    html = t.fuldtid_blokke(p)[0].html()
    assert "tabel for alle ydelser (ptvc01) er ikke i data" in html and "y60c01" in html


def test_without_any_c01_table_a_box_names_what_to_fetch(demo_data_dir, tmp_path, monkeypatch):
    _uden(demo_data_dir, tmp_path, monkeypatch, "ptvc01", *t.PR_YDELSE)
    (boks,) = t.fuldtid_blokke(_p())
    assert isinstance(boks, brief.Forbehold)
    assert "noegletal data fetch --tabel ptvc01 y01c01" in boks.html()
