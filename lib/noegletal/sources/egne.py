"""Egne data: numbers no API serves, imported from the user's own spreadsheet in one long format.

The format (one row per område, periode and dimension values):

    område;periode;<dimension columns>;<measure columns>
    Ballerup;2017M10;2014;48;21;43,8

område is a name in any spelling or a DST code, periode any form the command line takes, numbers may use a
decimal comma and a thousands dot, and "..", "-" or an empty cell mean missing. The column names are the
catalogue's (`noegletal data skabelon ID` writes a template). The file is kept in data/raw/egne/<ID>/
exactly as given, as CSV (`;` or `,`, UTF-8 with or without BOM) or Excel (.xlsx, a chosen sheet); this
module reads it into a wide frame like every other source's parser. Checking it cell by cell, with row and
column in every message, is the importer's job (egne_import.py); both read the file through `read_sheet`
and `wide`, so what the importer accepted is what the build reads.
"""

from __future__ import annotations

import codecs
import difflib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np
import pandas as pd

from .. import catalogue
from ..catalogue import TableSpec
from ..errors import RaaDataFejl

FORMAT_EGNE_CSV = "egne-csv"
FORMAT_EGNE_XLSX = "egne-xlsx"
AREA = "område"
PERIOD = "periode"
MISSING_CELL = ".."
AREA_COL, PERIOD_COL = "Område", "Periode"  # the wide frame's names, as every other parser's
_HEADER_ALIASES = {"omraade": AREA, "omrade": AREA, "kommune": AREA, "period": PERIOD, "gældende fra": PERIOD}


def _text(x) -> str:
    if isinstance(x, (float, np.floating)):
        if not np.isfinite(x):
            return MISSING_CELL
        return (f"{x:.1f}" if x != round(x) else f"{int(round(x))}").replace(".", ",")
    return str(x)


def egne_csv(frame: pd.DataFrame, spec: TableSpec) -> bytes:
    """A long frame (område, periode, dimension labels, measures) → the documented CSV: `;`, UTF-8 with BOM,
    decimal comma, '..' for missing. Used for the template's example and the demo's egne tables."""
    cols = [AREA, PERIOD, *spec.dimensions, *spec.measures]
    out = frame[cols].copy()
    for m in spec.measures:
        out[m] = [_text(v) for v in out[m].to_numpy()]
    return ("\ufeff" + out.to_csv(sep=";", index=False, lineterminator="\r\n")).encode("utf-8")


# --- reading a sheet ---------------------------------------------------------------------------------------

@dataclass
class Ark:
    """A sheet as read: the header and the data rows, each row under the number the user sees in the file
    (the header's row is 1 in a CSV file). Empty rows are left out. `cells` is a frame of raw cells (text
    from a CSV file; text, numbers, dates or None from Excel) with one column per header position."""

    header: list[str]
    cells: pd.DataFrame  # index: row numbers; columns: 0..n-1 (header positions)
    excel: bool = False  # columns have letters (A, B, …) and cells references (B5)
    sheet: str = ""
    formulas: set = field(default_factory=set)  # (row, position) of formulas with no saved result

    def where(self, row: int, pos: int) -> str:
        """'Række 5, kolonne 'periode' (celle B5)' for an error message."""
        name = self.header[pos] if pos < len(self.header) and self.header[pos] else f"nr. {pos + 1}"
        cell = f" (celle {column_letter(pos)}{row})" if self.excel else ""
        return f"Række {row}, kolonne '{name}'{cell}"


def column_letter(pos: int) -> str:
    """0 → 'A', 27 → 'AB'."""
    s, n = "", pos + 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def read_sheet(data: bytes, fmt: str, table: str = "", sheet: str | None = None) -> Ark:
    if fmt == FORMAT_EGNE_XLSX:
        return read_xlsx(data, table, sheet)
    return read_csv(data, table)


def read_csv(data: bytes, table: str = "") -> Ark:
    """CSV with `;`, `,` or tab between cells (whichever the header has most of), UTF-8 with or without BOM."""
    _utf8(data, table)  # checked in pieces: a large file is never held as text beside its bytes
    first = data.split(b"\n", 1)[0].decode("utf-8-sig", errors="replace")
    sep = max([";", ",", "\t"], key=first.count)
    try:
        dele = pd.read_csv(io.BytesIO(data), sep=sep, dtype=str, keep_default_na=False, header=None,
                           skip_blank_lines=False, encoding="utf-8-sig", chunksize=200_000)
        frame = pd.concat(list(dele), ignore_index=True)  # in pieces: the parser's text objects stay few
    except pd.errors.EmptyDataError as e:
        raise RaaDataFejl(f"Tabel {table}: filen med egne data er tom.") from e
    except (ValueError, pd.errors.ParserError) as e:
        m = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(e))
        what = (f"række {m.group(2)} har {m.group(3)} celler, men overskriften har {m.group(1)}" if m else str(e))
        raise RaaDataFejl(f"Tabel {table}: filen med egne data kan ikke læses som CSV: {what}. Ret rækken, og "
                          f"kontroller, at alle rækker bruger samme skilletegn ('{sep}').") from e
    if frame.empty:
        raise RaaDataFejl(f"Tabel {table}: filen med egne data er tom.")
    frame.index = np.arange(1, len(frame) + 1)  # line numbers (a cell over several lines is not expected)
    header = [str(c).strip() for c in frame.iloc[0]]
    cells = frame.iloc[1:]
    udfyldt = np.zeros(len(cells), dtype=bool)
    for c in cells.columns:  # a column at a time: a large file is never copied whole
        udfyldt |= (cells[c].str.strip() != "").to_numpy()
    cells = cells[udfyldt] if not udfyldt.all() else cells
    cells.columns = range(len(header))
    return Ark(header, cells)


def _utf8(data: bytes, table: str) -> None:
    """Refuse a file that is not UTF-8, naming the first byte that is not."""
    dekoder = codecs.getincrementaldecoder("utf-8")()
    stykke = 1 << 20
    for start in range(0, len(data) or 1, stykke):
        try:
            dekoder.decode(data[start:start + stykke], final=start + stykke >= len(data))
        except UnicodeDecodeError as e:
            raise RaaDataFejl(
                f"Tabel {table}: filen med egne data er ikke UTF-8 (byte {start + e.start} kan ikke læses). Gem den "
                "som 'CSV UTF-8 (kommasepareret)' i Excel, eller gem den som .xlsx og indlæs den direkte."
            ) from e


def read_xlsx(data: bytes, table: str = "", sheet: str | None = None) -> Ark:
    """An .xlsx workbook's first sheet, or the named one. The header is the first non-empty row. A cell
    shown as a percentage (43,8 %) is read as the percentage the user sees (43.8), not as 0.438."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise RaaDataFejl(
            f"Tabel {table}: filen kan ikke læses som et Excel-regneark (.xlsx): {e}. Gem den som "
            "'Excel-projektmappe (.xlsx)', eller som 'CSV UTF-8'."
        ) from e
    try:
        names = wb.sheetnames
        if sheet:
            match = [n for n in names if n == sheet] or [n for n in names if n.strip().lower() == sheet.strip().lower()]
            if not match:
                close = difflib.get_close_matches(sheet, names, n=1)
                hint = f" Mente du '{close[0]}'?" if close else ""
                raise RaaDataFejl(f"Regnearket har intet ark, der hedder '{sheet}'.{hint} "
                                  f"Arkene er: {', '.join(repr(n) for n in names)}.")
            sheet = match[0]
        else:
            sheet = names[0]
        rows = _xlsx_rows(wb[sheet])
    finally:
        wb.close()
    formulas = set()  # a formula saved without its result (written by a program, not Excel) reads as empty
    values = {(r, i) for r, cells in rows for i, v in enumerate(cells) if v is not None}
    wb_f = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        for r, cells in _xlsx_rows(wb_f[sheet], percent=False):
            formulas.update((r, i) for i, v in enumerate(cells)
                            if isinstance(v, str) and v.startswith("=") and (r, i) not in values)
    finally:
        wb_f.close()
    filled = [(r, c) for r, c in rows if any(v is not None and str(v).strip() != "" for v in c)]
    if not filled:
        raise RaaDataFejl(f"Tabel {table}: arket '{sheet}' er tomt.")
    header_row, header_cells = filled[0]
    width = max(len(c) for _, c in filled)
    header = [("" if v is None else str(v).strip()) for v in header_cells] + [""] * (width - len(header_cells))
    data_rows = filled[1:]
    cells = pd.DataFrame([c + [None] * (width - len(c)) for _, c in data_rows], index=[r for r, _ in data_rows],
                         columns=range(width), dtype=object)
    formulas = {(r, i) for r, i in formulas if r != header_row}
    return Ark(header, cells, excel=True, sheet=sheet, formulas=formulas)


def _xlsx_rows(ws, percent: bool = True) -> list[tuple[int, list]]:
    """(row number, cell values) of a read-only worksheet, numbered as Excel numbers them."""
    out = []
    for cells in ws.iter_rows():
        cells = [c for c in cells]
        row = next((c.row for c in cells if getattr(c, "row", None)), None)
        if row is None:
            continue
        values = []
        for c in cells:
            v = getattr(c, "value", None)
            fmt = getattr(c, "number_format", "") or ""
            if percent and "%" in fmt and isinstance(v, (int, float)) and not isinstance(v, bool):
                v = round(float(v) * 100, 10)
            values.append(v)
        while values and values[-1] is None:
            values.pop()
        out.append((row, values))
    return out


# --- the columns -------------------------------------------------------------------------------------------

def norm_header(text: str) -> str:
    """Fold case, accents written two ways and runs of spaces, so 'Område ' and 'område' meet."""
    t = " ".join(unicodedata.normalize("NFC", str(text)).casefold().split())
    return _HEADER_ALIASES.get(t, t)


def columns(ark: Ark, spec: TableSpec) -> tuple[dict[int, str], list[tuple[int, str]]]:
    """Header positions → the wide frame's column names (Område, Periode, the catalogue's dimension and
    measure labels), and problems as (position, message): unknown, repeated or missing columns."""
    want = {norm_header(AREA): AREA_COL, norm_header(PERIOD): PERIOD_COL}
    want.update({norm_header(c): c for c in [*spec.dimensions, *spec.measures]})
    shown = {AREA_COL: AREA, PERIOD_COL: PERIOD}
    mapping: dict[int, str] = {}
    problems: list[tuple[int, str]] = []
    for pos, head in enumerate(ark.header):
        if not head:
            if ark.cells[pos].map(lambda v: v is not None and str(v).strip() != "").any():
                problems.append((pos, f"Kolonne {_col_name(ark, pos)} har tal eller tekst, men ingen overskrift. "
                                      "Skriv overskriften fra skabelonen, eller slet kolonnen."))
            continue
        name = want.get(norm_header(head))
        if name is None:
            close = [w for w in want if norm_header(head) in w][:1] or difflib.get_close_matches(
                norm_header(head), list(want), n=1, cutoff=0.6)
            hint = f" Mente du '{shown.get(want[close[0]], want[close[0]])}'?" if close else ""
            problems.append((pos, f"Kolonne {_col_name(ark, pos)} ('{head}') er ikke en kolonne i tabel {spec.id}.{hint}"))
        elif name in mapping.values():
            first = next(p for p, n in mapping.items() if n == name)
            problems.append((pos, f"Kolonne {_col_name(ark, pos)} ('{head}') står også i kolonne {_col_name(ark, first)}."))
        else:
            mapping[pos] = name
    for name, label in [(AREA_COL, AREA), (PERIOD_COL, PERIOD), *[(c, c) for c in [*spec.dimensions, *spec.measures]]]:
        if name not in mapping.values():
            problems.append((len(ark.header), f"Kolonnen '{label}' mangler. Tabel {spec.id} skal have kolonnerne "
                                              f"{', '.join(repr(c) for c in [AREA, PERIOD, *spec.dimensions, *spec.measures])}."))
    return mapping, problems


def _col_name(ark: Ark, pos: int) -> str:
    return column_letter(pos) if ark.excel else f"nr. {pos + 1}"


def key_text(x) -> str:
    """An område, periode or dimension cell as text: Excel's 151 → '151', a date → '2017-10' (its month)."""
    if x is None:
        return ""
    if isinstance(x, datetime | date):
        return f"{x.year}-{x.month:02d}"
    if isinstance(x, float) and np.isfinite(x) and x == round(x):
        return str(int(x))
    if isinstance(x, float) and np.isnan(x):
        return ""
    return str(x).strip()


def wide(ark: Ark, spec: TableSpec, mapping: dict[int, str]) -> pd.DataFrame:
    """The sheet as the wide frame every parser returns: Område, Periode, dimensions (text), measures (the
    cells as written, read later by formats.parse_value). Index: the rows' numbers in the file."""
    out = pd.DataFrame(index=ark.cells.index)
    for pos, name in sorted(mapping.items(), key=lambda kv: kv[0]):
        col = ark.cells[pos] if pos in ark.cells.columns else pd.Series(None, index=ark.cells.index, dtype=object)
        if not ark.excel:  # CSV: every cell is text already
            out[name] = col.str.strip() if name not in spec.measures else col
        else:
            out[name] = col.map(key_text) if name not in spec.measures else col.map(lambda v: "" if v is None else v)
    return out[[c for c in [AREA_COL, PERIOD_COL, *spec.dimensions, *spec.measures] if c in out.columns]]


def _parse(ark: Ark, table: str) -> pd.DataFrame:
    spec = catalogue.table(table)
    mapping, problems = columns(ark, spec)
    if problems:
        raise RaaDataFejl(f"Tabel {table}: filen med egne data passer ikke til kataloget: {problems[0][1]} "
                          f"Indlæs den igen med `noegletal data importer FIL --tabel {table}`.")
    return wide(ark, spec, mapping)


def parse_csv(data: bytes, table: str = "") -> pd.DataFrame:
    """The long CSV → a wide frame with columns Område, Periode, dimensions, measures; cells as text."""
    return _parse(read_csv(data, table), table)


def parse_xlsx(data: bytes, table: str = "", sheet: str | None = None) -> pd.DataFrame:
    """The long format in an .xlsx sheet → the same wide frame as parse_csv."""
    return _parse(read_xlsx(data, table, sheet), table)


_SAFE_NAME = re.compile(r"[^\w.\- ]+")


def safe_file_name(name: str) -> str:
    """A file name that is safe in data/raw: letters (æøå too), digits, '.', '-', '_' and spaces."""
    name = _SAFE_NAME.sub("_", name.strip()).strip(". ") or "egne_data"
    return name
