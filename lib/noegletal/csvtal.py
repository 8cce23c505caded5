"""The numbers behind a brief block, as a CSV file Excel opens the Danish way.

Every `Tabelblok` and `Figurblok` carries its numbers as a link "Hent tallene (CSV)" (a `data:text/csv`
address with `download`), so a reader can take them on without retyping. The file is

- UTF-8 with a byte order mark (Excel then reads æ, ø, å right), `;` between fields, CRLF line ends;
- one header row in Danish (a table's grouped header is joined: "Ballerup – Mænd");
- numbers at full precision with decimal comma and no thousands separator ("3,4567", "61147"), so Excel
  reads them as numbers and nothing is lost to the brief's rounding;
- a missing or suppressed value as "..", never 0 or empty, and a last column "Status" that says, per row,
  which values are not there and why ("Hele landet: diskretioneret"; "ikke oplyst" where the brief does
  not know whether the value is missing or suppressed).

`laes_csv` reads such a file back with the numbers as numbers (the xlsx export uses it), so
CSV → xlsx is exact.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import math
import re
from typing import TYPE_CHECKING
from urllib.parse import unquote

import numpy as np

from . import fmt
from .periods import Periode, periode

if TYPE_CHECKING:
    import pandas as pd

SEP = ";"
BOM = "\ufeff"
STATUS = "Status"
IKKE_OPLYST = "ikke oplyst"
LINKTEKST = "Hent tallene (CSV)"
MIME = "text/csv;charset=utf-8"
DATA_PRAEFIKS = f"data:{MIME};base64,"
NIVEAU_SKILLE = " – "  # between the levels of a grouped header: "Ballerup – Mænd"

# Column names the chart helpers are usually given, as a reader should see them.
DANSKE_NAVNE = {
    "periode": "Periode",
    "omraade": "Område",
    "vaerdi": "Værdi",
    "koen": "Køn",
    "alder": "Alder",
    "aar": "År",
    "maaned": "Måned",
    "kvartal": "Kvartal",
    "kommune": "Kommune",
    "region": "Region",
    "ydelsesgruppe": "Ydelsesgruppe",
    "ydelse": "Ydelse",
    "maalgruppe": "Målgruppe",
    "maal": "Mål",
    "herkomst": "Herkomst",
    "tilbud": "Tilbud",
    "serie": "Serie",
    "kohorte": "Kohorte",
    "cpr_aar": "CPR-år",
}
_PERIODEKODE = re.compile(r"\d{4}(M\d{2}|K[1-4](MAT)?)")
_TAL = re.compile(r"-?\d+(,\d+)?")
_FORMEL_START = ("=", "+", "@", "\t", "\r")


def dansk_navn(navn) -> str:
    """A column name for a reader: 'omraade' → 'Område', 'cpr_aar' → 'CPR-år', 'aargang' → 'Årgang'.

    A lower-case code name (a-z, 0-9, _) is read as the code's Danish: 'aa' → 'å', 'ae' → 'æ', 'oe' → 'ø',
    '_' → ' ', first letter capital. Any other name is kept as it is."""
    if navn is None:
        return ""
    s = str(navn)
    if s in DANSKE_NAVNE:
        return DANSKE_NAVNE[s]
    if re.fullmatch(r"[a-z0-9_]+", s):
        s = s.replace("_", " ").replace("aa", "å").replace("ae", "æ").replace("oe", "ø")
        return s[:1].upper() + s[1:]
    return s


def etiket(v) -> str:
    """A header or row label as the brief shows it: period codes as labels ('2017M10' → 'okt. 2017')."""
    if isinstance(v, Periode):
        return v.label
    if mangler(v):
        return ""
    s = str(v)
    return periode(s).label if _PERIODEKODE.fullmatch(s) else s


def mangler(v) -> bool:
    """None, NaN, NA, an infinite number or the text '..': a value that is not there."""
    if v is None:
        return True
    if isinstance(v, str):
        return v.strip() == fmt.MANGLER
    if isinstance(v, (float, np.floating)):
        return not math.isfinite(float(v))
    import pandas as pd  # here, not above: the overview page reads this module without loading pandas

    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def tal_tekst(v) -> str:
    """A cell at full precision, Danish style: 61147 → '61147', 57.7215 → '57,7215', NaN → '..'.

    Floats are written in their shortest exact form (never in exponent notation), so reading the text
    back gives the same float. Text is kept, except that a leading '=', '+', '@' (a formula to Excel)
    gets an apostrophe in front.
    """
    if mangler(v):
        return fmt.MANGLER
    if isinstance(v, (bool, np.bool_)):
        return "ja" if v else "nej"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        f = float(v)
        if f == 0:
            return "0"
        return np.format_float_positional(f, unique=True, trim="-").replace(".", ",")
    if isinstance(v, Periode):
        return v.label
    s = str(v)
    return "'" + s if s.startswith(_FORMEL_START) else s


def _kolonnenavn(col) -> str:
    if isinstance(col, tuple):
        dele = [etiket(c) for c in col]
        return NIVEAU_SKILLE.join(d for d in dele if d)
    return etiket(col)


def status_kolonne(vaerdier: pd.DataFrame, status: pd.DataFrame | None = None) -> list[str]:
    """Per row: '' when every value is there, else 'Kolonne: status; …' for each missing value.

    `status` (same shape, optional) gives the source's status of a cell ('diskretioneret', 'mangler');
    without it a missing value is 'ikke oplyst' (missing or suppressed: the brief cannot tell).
    """
    navne = [_kolonnenavn(c) for c in vaerdier.columns]
    ud = []
    for i in range(len(vaerdier)):
        dele = []
        for j, navn in enumerate(navne):
            if not mangler(vaerdier.iat[i, j]):
                continue
            s = status.iat[i, j] if status is not None else None
            s = str(s) if s is not None and not mangler(s) and str(s) not in ("", "ok") else IKKE_OPLYST
            dele.append(f"{navn}: {s}" if navn else s)
        ud.append("; ".join(dele))
    return ud


def tabel_med_status(vaerdier: pd.DataFrame, status: pd.DataFrame | None = None) -> pd.DataFrame:
    """`vaerdier` with a last column 'Status' (see `status_kolonne`): the shape a CSV export has."""
    import pandas as pd

    ud = vaerdier.copy()
    s = status_kolonne(vaerdier, status)
    if isinstance(ud.columns, pd.MultiIndex):
        ud[(STATUS,) + ("",) * (ud.columns.nlevels - 1)] = s
    else:
        ud[STATUS] = s
    return ud


def _har_status(df: pd.DataFrame) -> bool:
    cols = list(df.columns)
    if not cols:
        return False
    sidste = cols[-1]
    return sidste == STATUS or (isinstance(sidste, tuple) and sidste[0] == STATUS and not any(sidste[1:]))


def raekker(df: pd.DataFrame, *, indeks: bool | None = None) -> list[list[str]]:
    """The CSV's rows as text (header first). A frame without a 'Status' column gets one (see
    `status_kolonne`); the row index is written (one column per level, repeated on every row) unless it
    is a plain RangeIndex or `indeks` is False."""
    import pandas as pd

    if not _har_status(df):
        df = tabel_med_status(df)
    if indeks is None:
        indeks = not isinstance(df.index, pd.RangeIndex)
    hoved = [dansk_navn(n) if n is not None else "" for n in df.index.names] if indeks else []
    hoved += [_kolonnenavn(c) for c in df.columns]
    ud = [hoved]
    for idx, (_, row) in zip(df.index, df.iterrows()):
        linje = []
        if indeks:
            dele = idx if isinstance(idx, tuple) else (idx,)
            linje += [etiket(d) for d in dele]
        linje += [tal_tekst(v) if not (isinstance(v, str) and v == "") else "" for v in row.tolist()]
        ud.append(linje)
    return ud


def csv_tekst(df: pd.DataFrame, *, indeks: bool | None = None) -> str:
    """The whole CSV file as text, byte order mark first (see the module text)."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=SEP, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerows(raekker(df, indeks=indeks))
    return BOM + buf.getvalue()


def data_uri(csv_text: str) -> str:
    return DATA_PRAEFIKS + base64.b64encode(csv_text.encode("utf-8")).decode("ascii")


def fra_data_uri(uri: str) -> str:
    """The CSV text of a `data:text/csv…;base64,…` address (byte order mark removed)."""
    hoved, _, data = uri.partition(",")
    if not hoved.lower().startswith("data:text/csv"):
        raise ValueError(f"Ikke en CSV-adresse: {uri[:40]!r}")
    tekst = base64.b64decode(data).decode("utf-8") if hoved.lower().endswith(";base64") else unquote(data)
    return tekst.removeprefix(BOM)


def link_html(blok_id: str, csv_text: str, titel: str = "") -> str:
    """`<p class="nt-csv-linje"><a class="nt-csv" download="<id>.csv" href="data:…">Hent tallene (CSV)</a></p>`"""
    label = f' aria-label="{html.escape(f"{LINKTEKST}: {titel}", quote=True)}"' if titel else ""
    return (
        f'<p class="nt-csv-linje"><a class="nt-csv" download="{html.escape(blok_id, quote=True)}.csv"'
        f'{label} href="{data_uri(csv_text)}">{LINKTEKST}</a></p>'
    )


def tal_fra_tekst(s: str):
    """One CSV cell back: '61147' → 61147, '57,72' → 57.72; anything else (incl. '..') stays text."""
    if _TAL.fullmatch(s) and not (len(s.lstrip("-").split(",")[0]) > 1 and s.lstrip("-").startswith("0")):
        return float(s.replace(",", ".")) if "," in s else int(s)
    return s


def laes_csv(tekst: str) -> tuple[list[str], list[list]]:
    """(header, rows) of a CSV written by `csv_tekst`, numbers as int/float, '..' kept as text."""
    r = list(csv.reader(io.StringIO(tekst.removeprefix(BOM)), delimiter=SEP))
    if not r:
        return [], []
    return r[0], [[tal_fra_tekst(c) for c in linje] for linje in r[1:]]
