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
from dataclasses import dataclass
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
ENHED = "enhed"  # DataFrame.attrs key: the unit of a chart's values, shown in the CSV header
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
FORMEL_START = ("=", "+", "-", "@", "\t", "\r")  # OWASP's list: a spreadsheet may read these as a formula


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


def sikker_tekst(s) -> str:
    """A text cell a spreadsheet cannot run: one that begins with = + - @, tab or CR gets an apostrophe in
    front ('=HYPERLINK(…)' → "'=HYPERLINK(…)"), the OWASP rule against CSV injection.

    The one rule for every text a spreadsheet opens (CSV links and xlsx cells: labels, headers, values,
    remarks). It is applied to text only (a negative number stays a number) and is idempotent: a guarded
    text begins with the apostrophe and is left alone. The apostrophe stays in the xlsx too, so the cell
    reads the same in both and stays inert if it is saved as CSV again."""
    s = "" if s is None else str(s)
    return "'" + s if s.startswith(FORMEL_START) else s


def tal_tekst(v) -> str:
    """A cell at full precision, Danish style: 61147 → '61147', 57.7215 → '57,7215', NaN → '..'.

    Floats are written in their shortest exact form (never in exponent notation), so reading the text
    back gives the same float. Text goes through `sikker_tekst`.
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
    return sikker_tekst(v)


@dataclass(frozen=True)
class Vist:
    """A table cell shown as words but made of numbers: '19,8 pct.', 'Nr. 22 af 24', '14-61'.

    The page shows `tekst`; the CSV and the xlsx get the numbers, one column per part (`tal`: (part,
    number); the part '' is the column itself, another part becomes a column '<kolonne> – <part>'), with
    `enhed` in the header. A cell without numbers (`tal` empty, e.g. 'Ikke rangeret') is '..' there, and
    `status` says why in the Status column. Build one with `vist_tal`, `plads`, `interval` or `uden_tal`."""

    tekst: str
    tal: tuple[tuple[str, float], ...] = ()
    enhed: str = ""
    status: str = ""

    def __str__(self) -> str:
        return self.tekst


def vist_tal(v, tekst: str, enhed: str = "") -> Vist:
    """One number and the words the page shows for it: vist_tal(19.77, '19,8 pct.', 'pct.')."""
    return Vist(str(tekst), (("", v),), enhed)


def plads(nr, af, tekst: str | None = None) -> Vist:
    """A place in a ranking: 'Nr. 22 af 24' on the page, 22 and (in the next column, '… – af') 24 in numbers."""
    return Vist(tekst or f"Nr. {int(nr)} af {int(af)}", (("", int(nr)), ("af", int(af))))


def interval(lav, hoej, tekst: str, enhed: str = "") -> Vist:
    """An interval: '14-61' on the page, two columns '… – fra' and '… – til' in numbers."""
    return Vist(str(tekst), (("fra", lav), ("til", hoej)), enhed)


def uden_tal(tekst: str, status: str) -> Vist:
    """A cell that has no number by its nature ('Ikke rangeret', '–' for not relevant): '..' in numbers,
    with `status` in the Status column."""
    return Vist(str(tekst), (), "", str(status))


def med_enhed(navn, enhed: str, del_: str):
    """A column name with a part ('… – af') and a unit ('… (pct.)') unless the name already says it."""
    if enhed[1:2].islower():
        enhed = enhed[:1].lower() + enhed[1:]  # 'Fuldtidspersoner' → 'Ballerup (fuldtidspersoner)'

    def tekst(t):
        if not del_ and (not enhed or enhed.lower().rstrip(".") in str(t).lower()):
            return t  # unchanged (a period stays a period)
        t = str(t) + (f"{NIVEAU_SKILLE}{del_}" if del_ else "")
        return t if not enhed or enhed.lower().rstrip(".") in t.lower() else f"{t} ({enhed})"
    return navn[:-1] + (tekst(navn[-1]),) if isinstance(navn, tuple) else tekst(navn)


def udfold(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(numbers, status) of a table whose cells may be `Vist`: each such column becomes one numeric column
    per part, its unit in the header; other columns are kept. `status` holds a `Vist`'s reason where it
    has no number (for `status_kolonne`)."""
    import pandas as pd

    kolonner, tal, status = [], [], []
    for j, navn in enumerate(df.columns):
        celler = df.iloc[:, j].tolist()
        viste = [v for v in celler if isinstance(v, Vist)]
        if not viste:
            kolonner.append(navn)
            tal.append(celler)
            status.append([None] * len(celler))
            continue
        dele = list(dict.fromkeys(d for v in viste for d, _ in v.tal)) or [""]
        enheder = {v.enhed for v in viste if v.tal}
        enhed = enheder.pop() if len(enheder) == 1 else ""
        for del_ in dele:
            kolonner.append(med_enhed(navn, enhed, del_))
            tal.append([dict(v.tal).get(del_, math.nan) if isinstance(v, Vist) else v for v in celler])
            status.append([v.status or None if isinstance(v, Vist) else None for v in celler])
    if isinstance(df.columns, pd.MultiIndex):
        kolonner = pd.MultiIndex.from_tuples(kolonner)
    ud = pd.DataFrame(dict(enumerate(tal)), index=df.index)
    ud.columns = kolonner
    st = pd.DataFrame(dict(enumerate(status)), index=df.index)
    st.columns = kolonner
    return ud, st


def _kolonnenavn(col) -> str:
    if isinstance(col, tuple):
        dele = [etiket(c) for c in col]
        return NIVEAU_SKILLE.join(d for d in dele if d).replace("\xad", "")
    return etiket(col).replace("\xad", "")  # a soft hyphen is for the page's narrow header, not a cell


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
        df = tabel_med_status(*udfold(df))
    if indeks is None:
        indeks = not isinstance(df.index, pd.RangeIndex)
    hoved = [dansk_navn(n) if n is not None else "" for n in df.index.names] if indeks else []
    enhed = str(df.attrs.get(ENHED, "") or "")  # a chart's unit ('pct.'), for its value columns' headers
    hoved += [med_enhed(_kolonnenavn(c), enhed, "") if j < len(df.columns) - 1 else _kolonnenavn(c)
              for j, c in enumerate(df.columns)]
    ud = [[sikker_tekst(h) for h in hoved]]
    # the rows as `iterrows` gives them (one array of the columns' common type), without a Series per row
    for idx, vaerdier in zip(df.index, df.to_numpy().tolist()):
        linje = []
        if indeks:
            dele = idx if isinstance(idx, tuple) else (idx,)
            linje += [sikker_tekst(etiket(d)) for d in dele]
        linje += [tal_tekst(v) if not (isinstance(v, str) and v == "") else "" for v in vaerdier]
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
