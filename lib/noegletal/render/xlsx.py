"""A brief's numbers as one Excel workbook, made from the finished brief HTML.

`xlsx_fra_html(html)` reads the page (`render.blokke`) and writes

- a first sheet "Om briefen": title, kommune, period, the demo warning (a demo brief), the analyst's
  remarks if the page has them, every source line ("Kilde: …"), the stamp (data, parameters, code version,
  time) and a list of the sheets with each block's title and source;
- one sheet per block that offers its numbers ("Hent tallene (CSV)"), named from the block's title (at
  most 31 characters, unique): the title in A1, the source in A2 (for a demo brief it says demodata), the
  table from row 4 with Danish headers, the values as numbers at full precision, '..' where a value is
  missing or suppressed and the 'Status' column saying which and why.

The workbook is the CSV files' content, exactly: the same HTML gives the same bytes (fixed document
dates, taken from the brief's stamp, and fixed times inside the zip file).
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from datetime import datetime

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from .. import csvtal
from ..periods import MAANEDER_LANG
from .blokke import OmBriefen, blokke, om_briefen, unikke_id

OM_ARK = "Om briefen"
TABEL_START = 4  # the header row of a block's table; title in A1, source in A2
MAKS_ARKNAVN = 31
FAST_TID = datetime(2000, 1, 1)
_ULOVLIGT_I_ARKNAVN = re.compile(r"[\\/?*\[\]:]")
_FED = Font(bold=True)
_TITEL = Font(bold=True, size=14)
_ADVARSEL = Font(bold=True, color="7A3300")
_ADVARSEL_FYLD = PatternFill("solid", fgColor="FFF3CD")
_HOVED_FYLD = PatternFill("solid", fgColor="DCE6F1")
MANGLER_FORKLARING = (f"'{csvtal.fmt.MANGLER}' betyder, at tallet ikke er oplyst (mangler eller er "
                      f"diskretioneret). Kolonnen '{csvtal.STATUS}' siger, hvilke værdier i rækken det gælder og "
                      "hvorfor, når kilden siger det.")


def _rent(tekst) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", str(tekst))


SMAAORD = frozenset("og i på af for til med efter fordelt blandt den det de en et om ift. pr. – -".split())


def _foran(ord_: list[str], maks: int) -> str:
    """The leading words that fit in `maks` characters, never cut in a word and not ending in a small word
    ('Aktiverede og' → 'Aktiverede')."""
    dele: list[str] = []
    for w in ord_:
        if len(" ".join(dele + [w])) > maks or (dele and w.startswith("(")):  # a parenthesis is a detail
            break
        dele.append(w)
    if not dele:  # one word longer than a sheet name: the only place a word is cut
        return ord_[0][:maks] if ord_ else ""
    while len(dele) > 1 and dele[-1].lower().strip(",.;:()") in SMAAORD:
        dele.pop()
    return " ".join(dele).rstrip(" ,.;:-–'")


def _noegle(w: str) -> str:
    return w.lower().strip(",.;:()'")


def arknavn(titel: str, brugte: dict[str, str] | set[str], art: str = "") -> str:
    """A sheet name from a block title: no \\ / ? * [ ] :, at most 31 characters, cut between words, unique
    (case-insensitive, as Excel compares). A title whose short form is taken gets the words that tell it
    from the sheet that has it ('Aktiverede – tilbud'), else its kind ('tabel', 'figur'); a number only
    when the titles are the same. `brugte`: names in use (lower case) → their titles."""
    navn = re.sub(r"\s+", " ", _ULOVLIGT_I_ARKNAVN.sub(" ", _rent(titel))).strip().strip("'") or "Tabel"
    ord_ = navn.split()
    kandidater = [_foran(ord_, MAKS_ARKNAVN)]
    forrige = brugte.get(kandidater[0].lower(), "") if isinstance(brugte, dict) else ""
    andre = {_noegle(w) for w in forrige.split()}
    egne = [w.strip(",.;:()") for w in ord_ if _noegle(w) not in andre and _noegle(w) not in SMAAORD] \
        if forrige else []
    for hale in ([" ".join(egne[:3])] if egne else []) + ([art] if art and forrige != navn else []):
        for n in range(len(hale.split()), 0, -1):
            tillaeg = " – " + " ".join(hale.split()[:n])
            if len(tillaeg) <= 20:
                kandidater.append(_foran(ord_, MAKS_ARKNAVN - len(tillaeg)) + tillaeg)
                break
    kandidat = next((k for k in kandidater if k.lower() not in brugte), None)
    n = 1
    while kandidat is None or kandidat.lower() in brugte:
        n += 1
        kandidat = f"{_foran(ord_, MAKS_ARKNAVN - len(str(n)) - 1)} {n}"
    if isinstance(brugte, dict):
        brugte[kandidat.lower()] = navn
    else:
        brugte.add(kandidat.lower())
    return kandidat


def _dannet(om: OmBriefen) -> datetime:
    """The brief's time of making, from the stamp ('2. december 2026 kl. 09.50'); a fixed date without it."""
    m = re.fullmatch(r"(\d{1,2})\. (\w+) (\d{4}) kl\. (\d{2})\.(\d{2})", om.stempel.get("Dannet", ""))
    if not m or m[2] not in MAANEDER_LANG:
        return FAST_TID
    return datetime(int(m[3]), MAANEDER_LANG.index(m[2]) + 1, int(m[1]), int(m[4]), int(m[5]))


def _celle(ws: Worksheet, raekke: int, kolonne: int, vaerdi, font: Font | None = None):
    if isinstance(vaerdi, str):
        vaerdi = csvtal.sikker_tekst(_rent(vaerdi))  # the CSV's rule, so a cell reads the same in both
    c = ws.cell(row=raekke, column=kolonne, value=vaerdi)
    if isinstance(vaerdi, str):
        c.data_type = "s"  # text, even when it begins with '=': never a formula
    if font is not None:
        c.font = font
    return c


def _bredder(ws: Worksheet, fra_raekke: int = 1, maks: int = 60, mindst: int = 8):
    bredde: dict[int, int] = {}
    for row in ws.iter_rows(min_row=fra_raekke):
        for c in row:
            if c.value is not None:
                n = len(str(c.value))
                if c.row == fra_raekke:  # the header wraps: as wide as its longest word, within reason
                    n = max([min(n, HOVED_BREDDE)] + [len(w) for w in str(c.value).split()])
                elif isinstance(c.value, float):
                    n = len(f"{c.value:,.1f}")  # as the number format shows it, not every decimal
                bredde[c.column] = max(bredde.get(c.column, 0), n)
    for col, b in bredde.items():
        ws.column_dimensions[get_column_letter(col)].width = max(mindst, min(maks, b + 2))


OM_BREDDER = {"A": 30, "B": 70, "C": 45, "D": 30}  # A holds sheet names (31 characters at most)
STATUS_BREDDE = 40
HOVED_BREDDE = 14  # a header wider than this wraps
TEGN_PR_BREDDE = 1.1  # characters of proportional text per unit of column width (a unit is one '0')
LINJE_PT = 15  # the height of one line of 11 pt text
LIGGENDE_FRA = 100  # a sheet wider than this many characters is printed in landscape


def _hoejde(tekst: str, bredde: float) -> float:
    """The row height (points) `tekst` needs, wrapped at words in a column `bredde` wide."""
    plads = max(1, int(TEGN_PR_BREDDE * bredde) - 1)
    linjer = 0
    for afsnit in str(tekst).split("\n"):
        linjer, brugt = linjer + 1, 0
        for w in afsnit.split():
            if brugt and brugt + 1 + len(w) > plads:
                linjer, brugt = linjer + 1, 0
            brugt += (1 if brugt else 0) + len(w)
            while brugt > plads:  # a word longer than the column breaks inside it
                linjer, brugt = linjer + 1, brugt - plads
    return LINJE_PT * max(1, linjer)


def _raekkehoejder(ws: Worksheet, fra_raekke: int):
    """Each row as high as its longest wrapped cell (a spreadsheet does not do this for a file it opens)."""
    for row in ws.iter_rows(min_row=fra_raekke):
        linjer = [_hoejde(c.value, ws.column_dimensions[get_column_letter(c.column)].width or 8)
                  for c in row if isinstance(c.value, str) and c.alignment is not None and c.alignment.wrap_text]
        if linjer and max(linjer) > LINJE_PT:
            ws.row_dimensions[row[0].row].height = max(linjer)


def _udskrift(ws: Worksheet, bredde: float, titelraekke: int | None):
    """Print as a person expects: A4, one page wide (landscape when wide), the header row on every page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if bredde > LIGGENDE_FRA else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    if titelraekke is not None:
        ws.print_title_rows = f"{titelraekke}:{titelraekke}"


def talformat(tal: list) -> str:
    """The number format of a column, as the brief prints it: whole numbers '#,##0', others with one
    decimal ('#,##0.0'). Danish Excel shows 1.827 and 57,7; the cell keeps its full precision, so a sum
    or a share computed in the sheet is exact and the CSV and the xlsx hold the same value."""
    return "#,##0" if all(float(t).is_integer() for t in tal) else "#,##0.0"


def _talformater(ws: Worksheet, kolonner: int):
    for k in range(1, kolonner + 1):
        celler = [c for (c,) in ws.iter_rows(min_row=TABEL_START + 1, min_col=k, max_col=k)
                  if isinstance(c.value, (int, float)) and not isinstance(c.value, bool)]
        if not celler:
            continue
        form = "0" if k == 1 else talformat([c.value for c in celler])  # a label (a year): no separator
        for c in celler:
            c.number_format = form


def _om_ark(ws: Worksheet, om: OmBriefen, ark: list[tuple[str, str, str, str]]):
    r = 1
    _celle(ws, r, 1, om.titel or "Nøgletal", _TITEL)
    r += 1
    if om.undertitel:
        _celle(ws, r, 1, om.undertitel)
        r += 1
    r += 1
    for navn, vaerdi in (("Kommune", om.kommune), ("Periode", om.periode)):
        if vaerdi:
            _celle(ws, r, 1, navn, _FED)
            _celle(ws, r, 2, vaerdi)
            r += 1
    if om.demo:
        r += 1
        for k in (1, 2):
            ws.cell(row=r, column=k).fill = _ADVARSEL_FYLD
        _celle(ws, r, 1, "DEMODATA", _ADVARSEL)
        _celle(ws, r, 2, om.demo, _ADVARSEL)
        r += 1
    if om.bemaerkninger:
        r += 1
        _celle(ws, r, 1, "Bemærkninger", _FED)
        _celle(ws, r, 2, om.bemaerkninger.removeprefix("Bemærkninger").strip())
        ws.cell(row=r, column=2).alignment = Alignment(wrap_text=True, vertical="top")
        r += 1
    r += 1
    _celle(ws, r, 1, "Tal", _FED)
    _celle(ws, r, 2, MANGLER_FORKLARING)
    r += 1
    if om.kilder:
        r += 1
        _celle(ws, r, 1, "Kilder", _FED)
        for kilde in om.kilder:
            _celle(ws, r, 2, kilde)
            r += 1
    if om.stempel:
        r += 1
        for navn, vaerdi in om.stempel.items():
            _celle(ws, r, 1, navn, _FED)
            _celle(ws, r, 2, vaerdi)
            r += 1
    r += 1
    for k, tekst in enumerate(("Ark", "Titel", "Kilde", "CSV-fil i briefen"), start=1):
        _celle(ws, r, k, tekst, _FED).fill = _HOVED_FYLD
    r += 1
    for linje in ark:
        for k, tekst in enumerate(linje, start=1):
            c = _celle(ws, r, k, tekst)
            if k == 1:
                c.hyperlink = f"#'{tekst}'!A1"  # in-workbook link to the sheet
                c.font = Font(color="0B5394", underline="single")
        r += 1
    for bogstav, bredde in OM_BREDDER.items():
        ws.column_dimensions[bogstav].width = bredde
    for row in ws.iter_rows(min_row=2 + bool(om.undertitel)):  # title and subtitle run over the columns
        for c in row:
            if c.value is not None:
                c.alignment = Alignment(wrap_text=True, vertical="top")
    _raekkehoejder(ws, 1)
    _udskrift(ws, sum(OM_BREDDER.values()), titelraekke=None)


def _blok_ark(ws: Worksheet, titel: str, kilde: str, hoved: list[str], raekker: list[list]):
    _celle(ws, 1, 1, titel, _FED)
    _celle(ws, 2, 1, kilde)
    for k, tekst in enumerate(hoved, start=1):
        c = _celle(ws, TABEL_START, k, tekst, _FED)
        c.fill = _HOVED_FYLD
        c.alignment = Alignment(wrap_text=True, vertical="bottom")
    for i, linje in enumerate(raekker, start=TABEL_START + 1):
        for k, vaerdi in enumerate(linje, start=1):
            c = _celle(ws, i, k, vaerdi if vaerdi != "" else None)
            if vaerdi == "..":
                c.alignment = Alignment(horizontal="right", vertical="top")
            elif vaerdi != "":
                c.alignment = Alignment(vertical="top")  # level with a status that wraps
    _talformater(ws, len(hoved))
    _bredder(ws, TABEL_START)
    if hoved and hoved[-1] == csvtal.STATUS:  # the status says a lot where much is missing: it wraps
        status = get_column_letter(len(hoved))
        ws.column_dimensions[status].width = min(ws.column_dimensions[status].width or 8, STATUS_BREDDE)
        for (c,) in ws.iter_rows(min_row=TABEL_START + 1, min_col=len(hoved), max_col=len(hoved)):
            c.alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = max(ws.column_dimensions["A"].width or 0, 14)
    bredde = sum(ws.column_dimensions[get_column_letter(k)].width or 8 for k in range(1, len(hoved) + 1))
    if hoved:
        for r in (1, 2):  # title and source over the table's width, wrapped: they print with it
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(hoved))
            ws.cell(row=r, column=1).alignment = Alignment(wrap_text=True, vertical="top")
            ws.row_dimensions[r].height = _hoejde(ws.cell(row=r, column=1).value or "", bredde)
    _raekkehoejder(ws, TABEL_START)
    _udskrift(ws, bredde, titelraekke=TABEL_START)
    ws.freeze_panes = ws.cell(row=TABEL_START + 1, column=1)
    if hoved and raekker:
        ws.auto_filter.ref = f"A{TABEL_START}:{get_column_letter(len(hoved))}{TABEL_START + len(raekker)}"


def _fast_zip(data: bytes, tid: datetime) -> bytes:
    """The same zip with every entry dated `tid` (zip dates are local time stamps of when it was written)."""
    dato = (max(tid.year, 1980), tid.month, tid.day, tid.hour, tid.minute, tid.second)
    ud = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as ind, zipfile.ZipFile(ud, "w", zipfile.ZIP_DEFLATED) as z:
        for info in ind.infolist():
            ny = zipfile.ZipInfo(info.filename, date_time=dato)
            ny.compress_type = zipfile.ZIP_DEFLATED
            ny.external_attr = 0o644 << 16
            z.writestr(ny, ind.read(info.filename))
    return ud.getvalue()


def xlsx_fra_html(side: str) -> bytes:
    """The workbook (see the module text) for a finished brief page, as bytes."""
    side = unikke_id(side)
    om = om_briefen(side)
    wb = Workbook()
    om_ws = wb.active
    om_ws.title = OM_ARK
    brugte = {OM_ARK.lower(): OM_ARK}
    oversigt = []
    forrige_kilde = ""
    for b in blokke(side):
        kilde = b.kilde or forrige_kilde
        forrige_kilde = kilde or forrige_kilde
        if b.csv is None:
            continue
        if om.demo and "demodata" not in kilde.lower():
            kilde = (kilde + " — " if kilde else "") + "DEMODATA, ikke officielle tal"
        navn = arknavn(b.titel or b.id, brugte, "figur" if b.art == "figur" else "tabel")
        hoved, raekker = csvtal.laes_csv(b.csv)
        _blok_ark(wb.create_sheet(navn), b.titel, kilde or "Se arket 'Om briefen'.", hoved, raekker)
        oversigt.append((navn, b.titel, kilde, b.csv_navn))
    _om_ark(om_ws, om, oversigt)

    tid = _dannet(om)
    p = wb.properties
    p.creator = "noegletal"
    p.title = " · ".join(t for t in (om.titel, om.kommune, om.periode) if t)
    p.created = p.modified = tid
    p.lastModifiedBy = None
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as arkiv:
        ExcelWriter(wb, arkiv).save()  # not save_workbook: that stamps 'modified' with the time now
    return _fast_zip(buf.getvalue(), tid)
