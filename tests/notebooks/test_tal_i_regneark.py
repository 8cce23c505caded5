"""The five demo briefs' numbers as a spreadsheet opens them (issues 22.2 and 25.5), checked in the files.

Every value cell of every workbook is a number (or '..' for a missing one) with a Danish number format,
never text such as '19,8 pct.', 'Nr. 22 af 24' or '1-35'; a text cell is words (a label, a third of the
klynge, a status) and never begins like a formula. The CSV links say the same."""

import io
import re

import openpyxl
import pytest
from conftest import render_on_demo
from noegletal import csvtal
from noegletal.config import TEMAER
from noegletal.render.blokke import blokke
from noegletal.render.xlsx import OM_ARK, TABEL_START, xlsx_fra_html

pytestmark = pytest.mark.slow
TAL_SOM_TEKST = re.compile(r"\d")  # a value cell's text with a digit is a number written as text


@pytest.fixture(scope="module")
def sider(demo_data_dir, tmp_path_factory):
    return {tema: render_on_demo(demo_data_dir, tmp_path_factory, tema, kommune="Ballerup", periode="2018M06")
            for tema in TEMAER}


def _vaerdiceller(ws):
    """(header, cell) of the table's body, without the label column (A) and the Status column."""
    hoved = [c.value for c in ws[TABEL_START]]
    for row in ws.iter_rows(min_row=TABEL_START + 1):
        for c in row[1:]:
            if hoved[c.column - 1] != csvtal.STATUS:
                yield hoved[c.column - 1], c


def test_no_value_cell_in_any_workbook_is_text(sider):
    assert set(sider) == {"integration", "ledighed", "aktivering", "fleksjob", "overblik"}
    fejl, tal = [], 0
    for tema, side in sider.items():
        wb = openpyxl.load_workbook(io.BytesIO(xlsx_fra_html(side)))
        for ws in wb.worksheets:
            if ws.title == OM_ARK:
                continue
            for hoved, c in _vaerdiceller(ws):
                if isinstance(c.value, (int, float)):
                    tal += 1
                    if c.data_type != "n" or c.number_format not in ("#,##0", "#,##0.0"):
                        fejl.append((tema, ws.title, hoved, c.value, c.number_format))
                elif isinstance(c.value, str) and c.value != csvtal.fmt.MANGLER and TAL_SOM_TEKST.search(c.value):
                    fejl.append((tema, ws.title, hoved, c.value))
            for row in ws.iter_rows():
                for c in row:
                    if isinstance(c.value, str) and c.value.startswith(csvtal.FORMEL_START):
                        fejl.append((tema, ws.title, c.coordinate, c.value, "formel"))
            assert ws.print_title_rows and ws.sheet_properties.pageSetUpPr.fitToPage, (tema, ws.title)
            assert "(2)" not in ws.title, (tema, ws.title)
    assert tal > 1000 and not fejl, fejl[:20]


def test_the_placement_sheet_holds_numbers_with_units_in_the_header(sider):
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_fra_html(sider["overblik"])))
    ws = next(w for w in wb.worksheets if w.title.startswith("Ballerups placering"))
    hoved = [c.value for c in ws[TABEL_START]]
    assert hoved[:4] == ["Nøgletal", "Ballerup (pct.)", "Placering i klyngen", "Placering i klyngen – af"]
    foerste = [c.value for c in ws[TABEL_START + 1]]
    assert isinstance(foerste[1], float) and isinstance(foerste[2], int) and foerste[3] >= foerste[2]
    interval = next(w for w in openpyxl.load_workbook(io.BytesIO(xlsx_fra_html(sider["integration"]))).worksheets
                    if any("95 pct.-interval" in str(c.value) for c in w[TABEL_START]))
    hoved = [c.value for c in interval[TABEL_START]]
    fra = next(i for i, h in enumerate(hoved) if "95 pct.-interval" in h and "fra" in h)
    assert "til" in hoved[fra + 1]  # an interval is two numeric columns
    raekke = [c.value for c in interval[TABEL_START + 1]]
    assert isinstance(raekke[fra], float) and raekke[fra] <= raekke[fra + 1]


def test_every_csv_link_writes_numbers_as_numbers(sider):
    for tema, side in sider.items():
        for b in blokke(side):
            if b.csv is None:
                continue
            hoved, raekker = csvtal.laes_csv(b.csv)
            for linje in raekker:
                for h, v in zip(hoved[1:-1], linje[1:-1]):
                    assert not (isinstance(v, str) and v != csvtal.fmt.MANGLER and TAL_SOM_TEKST.search(v)), \
                        (tema, b.titel, h, v)


def test_printed_from_libreoffice_each_sheet_is_about_one_page(sider, tmp_path):
    """Before: the ledighed workbook's 14 sheets printed on 26 pages, each table's columns split over two."""
    import shutil
    import subprocess

    import pypdf

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice mangler (Debian: apt-get install libreoffice-calc-nogui)")
    for tema in ("ledighed", "overblik"):
        xlsx = tmp_path / f"{tema}.xlsx"
        xlsx.write_bytes(xlsx_fra_html(sider[tema]))
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                        "--outdir", str(tmp_path), str(xlsx)], check=True, capture_output=True, timeout=300)
        ark = len(openpyxl.load_workbook(xlsx).sheetnames)
        sider_ = len(pypdf.PdfReader(tmp_path / f"{tema}.pdf").pages)
        assert sider_ <= ark + 1, (tema, ark, sider_)
