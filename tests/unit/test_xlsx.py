"""The brief's numbers as one workbook, made from the finished HTML: 'Om briefen', then one sheet per block."""

import io
import time
from datetime import datetime

import numpy as np
import openpyxl
import pandas as pd
from conftest import side_af_blokke as _side
from noegletal import brief, figures
from noegletal.render.xlsx import OM_ARK, TABEL_START, arknavn, xlsx_fra_html

TID = datetime(2018, 7, 2, 9, 5)


def _tabel():
    return pd.DataFrame({"Ballerup": [455, 333, np.nan], "Andel, pct.": [57.74111675126903, 42.25888324873097, 100.0]},
                        index=pd.Index(["A-dagpenge", "Kontanthjælp", "=1+1"], name="Ydelsesgruppe"))


def _figur():
    df = pd.DataFrame({"periode": ["2017M09", "2017M10"] * 2, "omraade": ["Ballerup"] * 2 + ["Hele landet"] * 2,
                       "vaerdi": [3.5, np.nan, 3.61, 3.7], "status": ["ok", "diskretioneret", "ok", "ok"]})
    return figures.linjefigur(df, titel="Ledighed", enhed="pct.")


def _brief():
    return _side(
        brief.Demobanner(),
        brief.Overskrift("Ledighed", "Ledige og ledighedsprocent", kommune="Ballerup", periode="2018M06"),
        brief.Figurblok("Officiel ledighedsprocent: sæsonkorrigeret [pct.]", _figur(), "h", "v",
                        "Danmarks Statistik (tabel AUS08) — demodata, ikke officielle tal"),
        brief.Tabelblok("Ledige efter ydelsesgruppe", _tabel(), note="Kilde: Jobindsats.dk (STAR) (tabel y25i01)"),
        brief.Tabelblok("Ledige efter ydelsesgruppe", _tabel().head(1)),  # same title: ids made unique
        brief.Stempel("Jobindsats.dk, tabel y25i01; demodata", {"kommune": "Ballerup"}, "noegletal 0.1.0", TID),
    )


def _bog(side):
    return openpyxl.load_workbook(io.BytesIO(xlsx_fra_html(side)))


def test_first_sheet_tells_what_the_brief_is():
    wb = _bog(_brief())
    assert wb.sheetnames[0] == OM_ARK
    tekst = [c for row in wb[OM_ARK].iter_rows(values_only=True) for c in row if c]
    for ord_ in ("Ledighed", "Ballerup Kommune", "juni 2018", "DEMODATA", "Kilde: Jobindsats.dk (STAR) (tabel y25i01)",
                 "Kilde: Danmarks Statistik (tabel AUS08) — demodata, ikke officielle tal", "noegletal 0.1.0",
                 "2. juli 2018 kl. 09.05", "Kommune: Ballerup"):
        assert any(ord_ in str(t) for t in tekst), ord_


def test_one_sheet_per_block_with_numbers_as_numbers_and_status():
    wb = _bog(_brief())
    assert wb.sheetnames[1:] == ["Officiel ledighedsprocent", "Ledige efter ydelsesgruppe",
                                 "Ledige efter ydelsesgruppe 2"]
    fig = wb.worksheets[1]
    assert fig["A1"].value == "Officiel ledighedsprocent: sæsonkorrigeret [pct.]"
    assert "demodata" in fig["A2"].value.lower()
    rows = list(fig.iter_rows(min_row=TABEL_START, values_only=True))
    assert rows[0] == ("Periode", "Ballerup (pct.)", "Hele landet (pct.)", "Status")  # the chart's unit
    assert rows[1] == ("sep. 2017", 3.5, 3.61, None)
    assert rows[2] == ("okt. 2017", "..", 3.7, "Ballerup: diskretioneret")
    tab = wb.worksheets[2]
    rows = list(tab.iter_rows(min_row=TABEL_START, values_only=True))
    assert rows[0] == ("Ydelsesgruppe", "Ballerup", "Andel, pct.", "Status")
    assert rows[1] == ("A-dagpenge", 455, 57.74111675126903, None)  # exact, not rounded
    assert rows[3] == ("'=1+1", "..", 100, "Ballerup: ikke oplyst")  # guarded as in the CSV
    assert tab.cell(row=TABEL_START + 3, column=1).data_type == "s"  # text, never a formula
    assert isinstance(tab.cell(row=TABEL_START + 1, column=2).value, int)
    assert tab.freeze_panes == f"A{TABEL_START + 1}"


def test_a_demo_sheet_says_demodata_even_without_a_source_line():
    wb = _bog(_brief())
    assert "DEMODATA" in wb.worksheets[3]["A2"].value or "demodata" in wb.worksheets[3]["A2"].value


def test_same_html_gives_same_bytes():
    side = _brief()
    a = xlsx_fra_html(side)
    time.sleep(1.1)  # zip entries and document properties would otherwise carry the time
    assert xlsx_fra_html(side) == a
    assert openpyxl.load_workbook(io.BytesIO(a)).properties.created == TID


def test_sheet_names_are_valid_and_unique():
    brugte = {OM_ARK.lower()}
    navne = [arknavn(t, brugte) for t in ["Om briefen", "a/b:c*d?[e]", "x" * 40, "x" * 40,
                                          "Ledige fuldtidspersoner efter ydelsesgruppe og køn"]]
    assert navne[0] == "Om briefen 2"
    assert navne[1] == "a b c d e"
    assert all(len(n) <= 31 for n in navne) and len({n.lower() for n in navne}) == len(navne)
    assert navne[4] == "Ledige fuldtidspersoner"  # cut between words, not after a small word
