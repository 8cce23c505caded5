"""One safe-cell rule for everything a spreadsheet opens, and numbers that stay numbers (issues 22.2, 25.5).

A text cell that begins with = + - @, tab or CR is made inert by one function (`csvtal.sikker_tekst`) in
the CSV links and the xlsx alike: labels, headers, values and remarks. A number is never text."""

import base64
import csv
import io
import re

import numpy as np
import openpyxl
import pandas as pd
import pytest
from conftest import side_af_blokke as _side
from noegletal import brief, csvtal, figures
from noegletal.render.xlsx import OM_ARK, TABEL_START, arknavn, xlsx_fra_html

ONDE = ['=HYPERLINK("http://x.invalid","klik")', "=cmd|' /C calc'!A0", "+1+1", "@SUM(1+1)", "-2+3",
        "\t=1+1", "\r=1+1"]


def _link(markup: str) -> str:
    m = re.search(r'href="data:text/csv;charset=utf-8;base64,([^"]+)"', markup)
    assert m, markup[:300]
    return base64.b64decode(m[1]).decode("utf-8")


def _celler(csv_tekst: str) -> list[list[str]]:
    """The CSV parsed back as a spreadsheet reads it: ';' fields, quotes honoured."""
    return list(csv.reader(io.StringIO(csv_tekst.removeprefix(csvtal.BOM)), delimiter=csvtal.SEP))


def _ond_tabel() -> pd.DataFrame:
    """Dimension values from egne data as row labels, a header and a text value, next to numbers."""
    return pd.DataFrame({"Antal": [12, -7.5] + [1] * (len(ONDE) - 2), "=1+2": ["-7,5 pct.", "@x"] + ["ok"] * (len(ONDE) - 2)},
                        index=pd.Index(ONDE, name="Ydelse"))


@pytest.mark.parametrize("ond", ONDE)
def test_the_rule(ond):
    sikker = csvtal.sikker_tekst(ond)
    assert sikker == "'" + ond
    assert csvtal.sikker_tekst(sikker) == sikker  # idempotent
    assert csvtal.sikker_tekst("Ballerup") == "Ballerup" and csvtal.sikker_tekst("16-24 år") == "16-24 år"
    assert csvtal.tal_tekst(-7.5) == "-7,5"  # a negative number is a number, not guarded text


def test_every_csv_cell_of_a_table_is_inert_and_numbers_stay_numbers():
    tekst = _link(brief.Tabelblok("Ydelser", _ond_tabel()).html())
    celler = _celler(tekst)
    assert celler[0][:3] == ["Ydelse", "Antal", "'=1+2"]  # the header too
    for linje in celler[1:]:
        for c in linje:
            assert not c.startswith(csvtal.FORMEL_START) or re.fullmatch(r"-\d+(,\d+)?", c), c
    assert [linje[0] for linje in celler[1:]] == ["'" + o for o in ONDE]  # labels: guarded
    assert celler[1][1] == "12" and celler[2][1] == "-7,5"  # numbers: as numbers, also when negative
    assert celler[1][2] == "'-7,5 pct." and celler[2][2] == "'@x"
    _, raekker = csvtal.laes_csv(tekst.removeprefix(csvtal.BOM))
    assert raekker[1][1] == -7.5


def test_the_xlsx_uses_the_same_rule_and_its_cells_are_text():
    side = _side(brief.Tabelblok("Ydelser", _ond_tabel()),
                 brief.Figurblok("Figur", figures.soejlefigur(
                     pd.DataFrame({"ydelse": ONDE[:2], "omraade": ["Ballerup"] * 2, "vaerdi": [1.5, -2.0]}),
                     x="ydelse", titel="t", enhed="pct."), "h", "v", "k"))
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_fra_html(side)))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str):
                    assert c.data_type == "s", (ws.title, c.coordinate, c.value)  # never a formula
                    assert not c.value.startswith(csvtal.FORMEL_START), (ws.title, c.coordinate, c.value)
    ws = wb.worksheets[1]
    assert ws.cell(TABEL_START + 1, 1).value == "'" + ONDE[0]  # the same text as in the CSV
    assert ws.cell(TABEL_START, 3).value == "'=1+2"
    assert ws.cell(TABEL_START + 2, 2).value == -7.5 and ws.cell(TABEL_START + 2, 2).data_type == "n"
    fig = wb.worksheets[2]
    assert fig.cell(TABEL_START + 1, 1).value == "'" + ONDE[0]
    assert fig.cell(TABEL_START + 2, 2).value == -2.0


def test_remarks_are_guarded_in_the_xlsx():
    side = _side(brief.Overskrift("Ledighed"), brief.Tabelblok("T", pd.DataFrame({"a": [1]})))
    side = side.replace('<header class="nt-overskrift">',
                        '<aside class="nt-bemaerkninger"><h2>Bemærkninger</h2><p>=HYPERLINK("x")</p></aside>'
                        '<header class="nt-overskrift">', 1)
    om = openpyxl.load_workbook(io.BytesIO(xlsx_fra_html(side)))[OM_ARK]
    tekster = [c.value for row in om.iter_rows() for c in row if isinstance(c.value, str)]
    assert "'=HYPERLINK(\"x\")" in tekster


# --- numbers shown as words ----------------------------------------------------------------------------


def _placering() -> pd.DataFrame:
    return pd.DataFrame({
        "Ballerup": [csvtal.vist_tal(19.77, "19,8 pct.", "pct."), csvtal.vist_tal(-7.5, "-7,5 pct.", "pct.")],
        "Placering i klyngen": [csvtal.plads(22, 24), csvtal.uden_tal("Ikke rangeret", "ikke rangeret")],
        "95 %-interval": [csvtal.interval(1.2, 35.4, "1-35", "pct."), np.nan],
        "Tredjedel": ["▼ Nederste", "Ikke rangeret"],
    }, index=pd.Index(["Forsørgertryk", "Ledighed"], name="Nøgletal"))


def test_the_page_shows_words_the_csv_gets_numbers_with_units():
    blok = brief.Tabelblok("Placering", _placering(), kolonneformat={"Ballerup": "tekst"})
    html = blok.html()
    for ord_ in ("19,8 pct.", "-7,5 pct.", "Nr. 22 af 24", "Ikke rangeret", "1-35"):
        assert ord_ in html
    hoved, raekker = csvtal.laes_csv(_link(html).removeprefix(csvtal.BOM))
    assert hoved == ["Nøgletal", "Ballerup (pct.)", "Placering i klyngen", "Placering i klyngen – af",
                     "95 %-interval – fra (pct.)", "95 %-interval – til (pct.)", "Tredjedel", "Status"]
    assert raekker[0] == ["Forsørgertryk", 19.77, 22, 24, 1.2, 35.4, "▼ Nederste", ""]
    assert raekker[1][:6] == ["Ledighed", -7.5, "..", "..", "..", ".."]
    assert "Placering i klyngen: ikke rangeret" in raekker[1][-1]
    assert "95 %-interval – fra (pct.): ikke oplyst" in raekker[1][-1]


def test_a_tables_unit_comes_from_its_format():
    df = pd.DataFrame({"Ballerup": [57.7], "Ændring": [3.2], "Antal": [12]}, index=pd.Index(["A"], name="Gruppe"))
    hoved, _ = csvtal.laes_csv(_link(brief.Tabelblok("T", df, kolonneformat={
        "Ballerup": "pct", "Ændring": "pct_point"}).html()).removeprefix(csvtal.BOM))
    assert hoved == ["Gruppe", "Ballerup (pct.)", "Ændring (procentpoint)", "Antal", "Status"]


# --- the workbook: number formats, sheet names, printing -------------------------------------------------


def test_value_cells_are_numbers_with_a_danish_format_and_the_sheet_prints_well():
    bred = pd.DataFrame(np.arange(60, dtype=float).reshape(3, 20) / 7,
                        columns=[f"Kommune nummer {i}" for i in range(20)],
                        index=pd.Index(["Jan 2018", "Feb 2018", "Mar 2018"], name="Måned"))
    side = _side(brief.Tabelblok("Placering", _placering(), kolonneformat={"Ballerup": "tekst"}),
                 brief.Tabelblok("Bred tabel over mange kommuner", bred),
                 brief.Tabelblok("Smal", pd.DataFrame({"Antal": [1, 2]}, index=pd.Index(["a", "b"], name="G"))))
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_fra_html(side)))
    ws = wb.worksheets[1]
    raekke = [ws.cell(TABEL_START + 1, k) for k in range(1, 8)]
    assert [c.value for c in raekke] == ["Forsørgertryk", 19.77, 22, 24, 1.2, 35.4, "▼ Nederste"]
    assert raekke[1].number_format == "#,##0.0" and raekke[2].number_format == "#,##0"  # 19,8 · 22
    assert all(c.data_type == "n" for c in raekke[1:6])
    assert ws.row_dimensions[TABEL_START].height >= 30  # the wrapped header gets the height it needs
    assert wb.worksheets[3].page_setup.orientation == "portrait"
    assert wb.worksheets[2].page_setup.orientation == "landscape"  # wide: landscape, one page wide
    for ark in wb.worksheets:
        assert ark.sheet_properties.pageSetUpPr.fitToPage and ark.page_setup.fitToWidth == 1
        assert ark.page_setup.fitToHeight == 0 and int(ark.page_setup.paperSize) == int(ark.PAPERSIZE_A4)
    for ark in wb.worksheets[1:]:
        assert ark.print_title_rows.replace("$", "") == f"{TABEL_START}:{TABEL_START}"  # the header row on every page
    om = wb[OM_ARK]
    lang = next(c for row in om.iter_rows() for c in row if str(c.value).startswith("'..' betyder"))
    assert lang.alignment.wrap_text and om.row_dimensions[lang.row].height >= 30  # no overlap


def test_sheet_names_are_short_titles_unique_without_a_counter():
    brugte = {OM_ARK.lower(): OM_ARK}
    navne = [arknavn(t, brugte, art) for t, art in [
        ("Aktiverede og aktiveringsforløb efter ydelsesgruppe, juni 2018. Antal og pct.", "tabel"),
        ("Aktiverede og aktiveringsforløb efter tilbud, juni 2018. Antal og pct.", "tabel"),
        ("Ledige under 30 år, ikke-vestlige og langtidsledige", "figur"), ("Ledige under 30 år", "figur"),
        ("Små fleksjob (til og med 10 timer om ugen)", "figur")]]
    assert navne == ["Aktiverede og aktiveringsforløb", "Aktiverede – tilbud", "Ledige under 30 år",
                     "Ledige under 30 år – figur", "Små fleksjob"]
    assert all(len(n) <= 31 and "(" not in n for n in navne)


# --- HTML and PDF tags -------------------------------------------------------------------------------------


def test_the_empty_corner_of_a_table_is_a_td_a_named_one_a_header():
    uden = brief.Tabelblok("T", pd.DataFrame({"a": [1]}, index=pd.Index(["x"]))).html()
    assert re.search(r"<thead><tr><td class=\"nt-hjoerne\"></td><th", uden)
    assert not re.search(r"<th[^>]*>\s*</th>", uden)  # no header cell without text (axe: empty-table-header)
    med = brief.Tabelblok("T", pd.DataFrame({"a": [1]}, index=pd.Index(["x"], name="Gruppe"))).html()
    assert '<th scope="col" class="nt-hjoerne">Gruppe</th>' in med


def test_a_chart_is_one_figure_the_image_with_its_alt():
    df = pd.DataFrame({"periode": ["2017M09", "2017M10"], "omraade": ["Ballerup"] * 2, "vaerdi": [1.0, 2.0]})
    html = brief.Figurblok("F", figures.linjefigur(df, titel="t"), "h", "v", "k").html()
    assert '<figure role="none"><img ' in html  # the figure element is no second, unlabelled figure


# --- opened by a real spreadsheet (LibreOffice, headless), where the machine has one ------------------------


def _soffice():
    import shutil

    sti = shutil.which("soffice") or shutil.which("libreoffice")
    if not sti:
        pytest.skip("LibreOffice mangler (Debian: apt-get install libreoffice-calc-nogui)")
    return sti


@pytest.mark.slow
def test_libreoffice_opens_the_csv_link_as_text_and_numbers(tmp_path):
    import subprocess

    soffice = _soffice()
    df = pd.DataFrame({"Antal": [12, -7.5, 3, 4]}, index=pd.Index(ONDE[:4], name="Ydelse"))
    (tmp_path / "tal.csv").write_text(_link(brief.Tabelblok("Ydelser", df).html()), encoding="utf-8", newline="")
    # ';' between fields, '"' around text, UTF-8 (76), from line 1, Danish (1030): as Danish Excel opens it
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                    "--infilter=CSV:59,34,76,1,,1030", "--convert-to", "xlsx", "--outdir", str(tmp_path),
                    str(tmp_path / "tal.csv")], check=True, capture_output=True, timeout=180)
    ws = openpyxl.load_workbook(tmp_path / "tal.xlsx").active
    celler = [(c.value, c.data_type) for row in ws.iter_rows(min_row=2, max_col=2) for c in row]
    assert celler[::2] == [("'" + o, "s") for o in ONDE[:4]]  # text, never a formula ('f')
    assert celler[1::2] == [(12, "n"), (-7.5, "n"), (3, "n"), (4, "n")]


def test_an_egne_data_ydelse_that_looks_like_a_formula_is_text_in_the_overblik_csv(demo_data, monkeypatch):
    """Issue 22's probe: arbejdsmarkedsstatus' 'Ydelse' values are the status table's row labels."""
    from noegletal import geo
    from noegletal.params import BriefParametre
    from noegletal.periods import periode
    from noegletal.themes import overblik_tabeller as tb

    ydelser = tb.status_ydelser()
    monkeypatch.setattr(tb, "status_ydelser", lambda: [*ydelser, *ONDE[:4]])
    p = BriefParametre("overblik", geo.omraade("Ballerup"), periode("2018M06"), (geo.omraade("Hele landet"),), 25)
    tabel = next(b for b in tb.status_blokke(p) if isinstance(b, brief.Tabelblok))
    celler = _celler(tabel.csv_tekst())
    etiketter = [linje[0] for linje in celler[1:]]
    assert ["'" + o for o in ONDE[:4]] == [e for e in etiketter if e.startswith("'")]
    assert not any(c.startswith(csvtal.FORMEL_START) and not re.fullmatch(r"-\d+(,\d+)?", c)
                   for linje in celler for c in linje)
