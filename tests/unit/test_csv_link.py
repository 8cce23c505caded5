"""'Hent tallene (CSV)': every figure and table block carries its numbers as an inline CSV download."""

import base64
import re

import numpy as np
import pandas as pd
import pytest
from noegletal import brief, csvtal, figures
from noegletal.errors import UgyldigParameter
from noegletal.render import check_email_safe, rens_html

GOD = '<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>t</title></head><body>{}</body></html>'


def _link(markup: str) -> tuple[str, str]:
    """(download name, decoded CSV text with BOM) of the block's CSV link."""
    m = re.search(r'<a class="nt-csv" download="([^"]+)"[^>]* href="data:text/csv;charset=utf-8;base64,([^"]+)"',
                  markup)
    assert m, markup[:300]
    return m[1], base64.b64decode(m[2]).decode("utf-8")


def _tabel():
    cols = pd.MultiIndex.from_product([["Ballerup", "Hele landet"], ["I alt", "Andel, pct."]])
    return pd.DataFrame([[455, 57.74111675126903, 61147, 57.35470678722845],
                         [333, np.nan, 45465, 42.64529321277155],
                         [788, 100.0, 106612, 100.0]],
                        index=pd.Index(["A-dagpenge", "Kontanthjælp", "Ledige i alt"], name="Ydelsesgruppe"),
                        columns=cols)


def test_table_csv_is_its_numbers_at_full_precision():
    df = _tabel()
    blok = brief.Tabelblok("Ledige efter ydelsesgruppe", df, kolonneformat={"Andel, pct.": "pct"})
    h = blok.html()
    assert '<section class="nt-blok nt-tabelblok" id="ledige-efter-ydelsesgruppe">' in h
    navn, tekst = _link(h)
    assert navn == "ledige-efter-ydelsesgruppe.csv"
    assert tekst.startswith("\ufeff") and "\r\n" in tekst
    hoved, raekker = csvtal.laes_csv(tekst)
    assert hoved == ["Ydelsesgruppe", "Ballerup – I alt", "Ballerup – Andel, pct.", "Hele landet – I alt",
                     "Hele landet – Andel, pct.", "Status"]
    assert [r[0] for r in raekker] == list(df.index)
    for r, (_, raekke) in zip(raekker, df.iterrows()):
        for celle, v in zip(r[1:5], raekke.tolist()):
            if np.isnan(v):
                assert celle == ".."  # never 0, never empty
            else:
                assert celle == v and isinstance(celle, (int, float))  # exact, a number
    assert raekker[1][5] == "Ballerup – Andel, pct.: ikke oplyst"
    assert raekker[0][5] == "" and raekker[2][5] == ""
    linje = tekst.splitlines()[1]
    assert linje == "A-dagpenge;455;57,74111675126903;61147;57,35470678722845;"  # decimal comma, no 61.147


def test_figure_csv_is_the_data_behind_the_chart_with_the_sources_status():
    df = pd.DataFrame({"periode": ["2017M09", "2017M10", "2017M11"] * 2,
                       "omraade": ["Ballerup"] * 3 + ["Hele landet"] * 3,
                       "vaerdi": [18.2, np.nan, 33.3, 32.8, 33.2, 33.5],
                       "status": ["ok", "diskretioneret", "ok", "ok", "ok", "ok"]})
    figur = figures.linjefigur(df.drop(index=5), titel="Andel", enhed="pct.")  # Hele landet Nov: no row
    assert list(figur.data.columns) == ["Ballerup", "Hele landet", "Status"]
    blok = brief.Figurblok("Andel beskæftigede", figur, "h", "v", "Jobindsats.dk")
    navn, tekst = _link(blok.html())
    assert navn == "andel-beskaeftigede.csv"
    assert tekst == ("\ufeffPeriode;Ballerup (pct.);Hele landet (pct.);Status\r\n"
                     "sep. 2017;18,2;32,8;\r\n"
                     "okt. 2017;..;33,2;Ballerup: diskretioneret\r\n"
                     "nov. 2017;33,3;..;Hele landet: mangler\r\n")


@pytest.mark.parametrize("hjaelper", ["soejle", "heatmap"])
def test_every_chart_helper_sets_its_data(hjaelper):
    df = pd.DataFrame({"gruppe": ["A", "B", "A", "B"], "omraade": ["Ballerup", "Ballerup", "Hele landet", "Hele landet"],
                       "vaerdi": [1.5, 2.25, np.nan, 4.0]})
    if hjaelper == "soejle":
        f = figures.soejlefigur(df, x="gruppe", titel="t")
        assert f.data.index.name == "Gruppe" and list(f.data.columns) == ["Ballerup", "Hele landet", "Status"]
        assert f.data.loc["A", "Status"] == "Hele landet: ikke oplyst"
    else:
        f = figures.heatmap(df, rad="omraade", kolonne="gruppe", titel="t")
        assert f.data.index.name == "Område" and list(f.data.columns) == ["A", "B", "Status"]
        assert f.data.loc["Hele landet", "Status"] == "A: ikke oplyst"
    fig, alt = f  # still a pair
    assert alt


def test_explicit_data_and_block_id():
    figur = figures.linjefigur(pd.DataFrame({"periode": ["2017M09", "2017M10"], "omraade": ["Ballerup"] * 2,
                                             "vaerdi": [1.0, 2.0]}), titel="t")
    egne = pd.DataFrame({"Plads": [1, 2]}, index=pd.Index(["Forsørgertryk", "Ledighed"], name="Nøgletal"))
    blok = brief.Figurblok("Placering", figures.Figur(figur.fig, figur.alt), "h", "v", "k", data=egne,
                           blok_id="placering-i-klyngen")
    navn, tekst = _link(blok.html())
    assert navn == "placering-i-klyngen.csv" and tekst.splitlines()[1] == "Forsørgertryk;1;"
    uden = brief.Figurblok("Placering", figures.Figur(figur.fig, figur.alt), "h", "v", "k").html()
    assert "nt-csv" not in uden and 'id="placering"' in uden  # no numbers to offer: no link
    with pytest.raises(UgyldigParameter, match="blok-id"):
        brief.Tabelblok("t", egne, blok_id="Med Mellemrum")


def test_maallinje_keeps_the_data():
    from noegletal.themes import faelles

    f = figures.linjefigur(pd.DataFrame({"periode": ["2017M09", "2017M10"], "omraade": ["Ballerup"] * 2,
                                         "vaerdi": [1.0, 2.0]}), titel="t", enhed="pct.")
    assert faelles.maallinje(f, 1.5).data is f.data


@pytest.mark.parametrize("titel, forventet", [
    ("Ledige efter ydelsesgruppe", "ledige-efter-ydelsesgruppe"),
    ("Ændring i antal dagpengemodtagere", "aendring-i-antal-dagpengemodtagere"),
    ("Små fleksjob (til og med 10 timer om ugen)", "smaa-fleksjob-til-og-med-10-timer-om-ugen"),
    ("<script>alert(1)</script>", "script-alert-1-script"),
    ("!!", "blok"),
])
def test_block_id_is_a_slug_of_the_title(titel, forventet):
    assert brief.blok_id(titel) == forventet


def test_long_titles_that_begin_alike_get_different_ids():
    a = brief.blok_id("Ministerens mål. Antal og andel beskæftigede flygtninge og familiesammenførte. Årgang 2014")
    b = brief.blok_id("Ministerens mål. Antal og andel beskæftigede flygtninge og familiesammenførte. Alle årgange")
    assert a != b and len(a) <= 60 and len(b) <= 60
    assert a == brief.blok_id("Ministerens mål. Antal og andel beskæftigede flygtninge og familiesammenførte. Årgang 2014")


def test_csv_cells():
    assert csvtal.tal_tekst(1e-7) == "0,0000001" and csvtal.tal_tekst(1e17) == "100000000000000000"
    assert csvtal.tal_tekst(-0.0) == "0" and csvtal.tal_tekst(float("inf")) == ".."
    assert csvtal.tal_tekst(pd.NA) == ".." and csvtal.tal_tekst(None) == ".."
    assert csvtal.tal_tekst("=HYPERLINK(1)") == "'=HYPERLINK(1)"  # never a formula in Excel
    assert csvtal.tal_fra_tekst("0151") == "0151" and csvtal.tal_fra_tekst("-3,25") == -3.25
    assert csvtal.dansk_navn("cpr_aar") == "CPR-år" and csvtal.dansk_navn("aargang") == "Årgang"


def test_the_link_survives_cleaning_and_passes_the_email_check():
    h = brief.Tabelblok("t", _tabel()).html()
    assert rens_html(h) == h
    assert check_email_safe(GOD.format(h)) == []


@pytest.mark.parametrize("ondt", [
    '<a download="x.csv" href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    '<a href="data:text/csv;base64,MQ==">x</a>',  # no download: the browser would show it
    '<img src="data:text/csv;base64,MQ==" alt="x">',
    '<a download="x.csv" href="javascript:alert(1)">x</a>',
])
def test_only_csv_on_a_download_link_is_allowed(ondt):
    assert check_email_safe(GOD.format(ondt))
    assert "data:text/html" not in rens_html(ondt) and "javascript" not in rens_html(ondt)
    if "<a href=" in ondt:
        assert "href" not in rens_html(ondt)
