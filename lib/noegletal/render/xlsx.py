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


def arknavn(titel: str, brugte: set[str]) -> str:
    """A sheet name from a block title: no \\ / ? * [ ] :, at most 31 characters (cut at a word), unique
    (case-insensitive, as Excel compares) with ' (2)', ' (3)', …"""
    navn = re.sub(r"\s+", " ", _ULOVLIGT_I_ARKNAVN.sub(" ", _rent(titel))).strip().strip("'") or "Tabel"

    def kort(tekst: str, maks: int) -> str:
        if len(tekst) <= maks:
            return tekst
        klip = tekst[:maks + 1].rsplit(" ", 1)[0] if " " in tekst[:maks + 1] else tekst[:maks]
        return (klip if len(klip) >= maks // 2 else tekst[:maks]).rstrip(" ,.;-–'")

    kandidat, n = kort(navn, MAKS_ARKNAVN), 1
    while kandidat.lower() in brugte:
        n += 1
        hale = f" ({n})"
        kandidat = kort(navn, MAKS_ARKNAVN - len(hale)) + hale
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
        if vaerdi.startswith("'") and vaerdi[1:2] in ("=", "+", "@", "\t", "\r"):
            vaerdi = vaerdi[1:]  # the CSV's guard against formulas; here the cell is text anyway
        vaerdi = _rent(vaerdi)
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
                bredde[c.column] = max(bredde.get(c.column, 0), len(str(c.value)))
    for col, b in bredde.items():
        ws.column_dimensions[get_column_letter(col)].width = max(mindst, min(maks, b + 2))


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
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 70
    ws.column_dimensions["C"].width = 60
    ws.column_dimensions["D"].width = 40
    for row in ws.iter_rows(min_col=2, max_col=2):
        for c in row:
            if c.alignment is None or not c.alignment.wrap_text:
                c.alignment = Alignment(wrap_text=True, vertical="top")


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
                c.alignment = Alignment(horizontal="right")
    _bredder(ws, TABEL_START)
    ws.column_dimensions["A"].width = max(ws.column_dimensions["A"].width or 0, 14)
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
    brugte = {OM_ARK.lower()}
    oversigt = []
    forrige_kilde = ""
    for b in blokke(side):
        kilde = b.kilde or forrige_kilde
        forrige_kilde = kilde or forrige_kilde
        if b.csv is None:
            continue
        if om.demo and "demodata" not in kilde.lower():
            kilde = (kilde + " — " if kilde else "") + "DEMODATA, ikke officielle tal"
        navn = arknavn(b.titel or b.id, brugte)
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
