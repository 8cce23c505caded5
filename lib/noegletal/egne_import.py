"""Egne data in: check a user's spreadsheet cell by cell, keep it as raw data, and write the template.

`noegletal data importer FIL --tabel ID` calls `importer()`: the file (CSV or .xlsx) is read in the long
format of sources/egne.py and checked by the house rules: område in any spelling or as a DST code (with
suggestions), periode in any form the command line takes and of the table's frequency, numbers with a
decimal comma and thousands dot, "..", "-" or an empty cell for missing, shares within 0-100, no key twice,
parts that add up to their total; counts whole, non-negative and finite. Every problem names the row and
the column; all of them are counted and the first `VIS_FEJL` kept and shown (Fejlliste), so a file of a
million bad rows is checked in seconds and little memory. A value far from its own series is warned about. Only a file that passes is stored, byte for byte, under
data/raw/egne/<ID>/, with a manifest entry (original name, sha256, time, who). A data folder never holds
demo data and real data together (RawStore.refuse_demo).

`noegletal data skabelon ID` calls `skabelon()`: an .xlsx form with the table's columns, one example row
and a sheet that explains each column.

Building layer: data.py and the themes never import this module.
"""

from __future__ import annotations

import getpass
import heapq
import io
import math
import os
import shlex
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from . import catalogue, geo
from .catalogue import TableSpec
from .errors import RaaDataFejl, UgyldigParameter, UgyldigPeriode, UkendtOmraade
from .filer import skriv_bytes_atomisk
from .fmt import tal as dansk_tal
from .periods import AAR, KVARTAL, MAANED, Periode, periode
from .raw import RawEntry, RawStore, almindelig_fil
from .sources import egne
from .sources.formats import parse_value

VIS_FEJL = 20  # errors shown of all those found
MAKS_ANTAL = 7_000_000  # more persons than live in Denmark is a typing error (or a unit that is not persons)
UDLIGGER = 10  # a value this many times above (or below) its own series' median is warned about
EKSEMPEL_OMRAADE = "Ballerup"
EKSEMPEL_PERIODE = {MAANED: "2017M10", KVARTAL: "2017K3", AAR: "2017"}
FREKVENS_TEKST = {MAANED: ("en måned", "måneder", "2017M10, 2017-10 eller okt 2017"),
                  KVARTAL: ("et kvartal", "kvartaler", "2017K3 eller 3. kvt. 2017"),
                  AAR: ("et år", "år", "2017")}
DATA_ARK = "Data"
FORKLARING_ARK = "Forklaring"
EXCEL_ENDELSER = (".xlsx", ".xlsm")


def egne_tabeller() -> list[str]:
    return [t for t, s in catalogue.tables().items() if s.source == "egne"]


def egne_spec(table_id: str) -> TableSpec:
    """The catalogue table, which must be an egne-data table."""
    if table_id not in catalogue.tables() and table_id.lower() not in {t.lower() for t in catalogue.tables()}:
        import difflib

        close = difflib.get_close_matches(table_id, egne_tabeller(), n=1)
        raise UgyldigParameter(f"Ukendt tabel '{table_id}'." + (f" Mente du {close[0]}?" if close else "")
                               + f" Egne data findes for tabellerne: {', '.join(egne_tabeller())}.")
    spec = catalogue.table(table_id)
    if spec.source != "egne":
        raise UgyldigParameter(
            f"Tabel {spec.id} kommer fra {spec.kilde} og hentes med `noegletal data fetch --tabel {spec.id}`; "
            f"den indlæses ikke fra et regneark. Egne data findes for tabellerne: {', '.join(egne_tabeller())}."
        )
    return spec


# --- checking a file ---------------------------------------------------------------------------------------

class Fejlliste:
    """Every problem counted; only the first `vis` by (row, column) kept, each message made only when kept. A
    message may be given as a function that makes it."""

    def __init__(self, vis: int = VIS_FEJL):
        self.vis, self.antal, self._heap = vis, 0, []  # heap of (-row, -pos, -n, text): the last kept on top

    def plads(self, row: int, pos: int) -> bool:
        return len(self._heap) < self.vis or (row, pos) < (-self._heap[0][0], -self._heap[0][1])

    def add(self, row: int, pos: int, tekst) -> None:
        self.antal += 1
        if not self.plads(row, pos):
            return
        item = (-row, -pos, -self.antal, tekst() if callable(tekst) else tekst)
        (heapq.heappush if len(self._heap) < self.vis else heapq.heapreplace)(self._heap, item)

    def add_mange(self, rows, pos: int, tekst_for) -> None:
        """The same kind of problem in many rows: counted all, messages made for the first few only."""
        rows = np.sort(np.asarray(rows, dtype=np.int64))
        self.antal += max(0, len(rows) - self.vis)
        for row in rows[:self.vis].tolist():
            self.add(row, pos, lambda row=row: tekst_for(row))

    def beskeder(self) -> list[str]:
        return [t for *_, t in sorted(self._heap, reverse=True)]

    def __len__(self) -> int:
        return self.antal


@dataclass
class Kontrol:
    """A file read and checked: its rows in the processed key (None where a cell could not be read), every
    problem (row, column position, message) counted and the first kept, and warnings the same way."""

    ark: egne.Ark
    frame: pd.DataFrame  # index: row numbers; område/periode as codes; measures as floats
    fejl: Fejlliste
    advarsler: Fejlliste = None

    def beskeder(self) -> list[str]:
        return self.fejl.beskeder()


def filformat(navn: str, data: bytes) -> str:
    """egne-xlsx for an Excel workbook (by its ending or its zip signature), else egne-csv. An old .xls
    workbook is refused with what to do."""
    endelse = Path(navn).suffix.lower()
    if endelse == ".xls" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise RaaDataFejl(f"{navn} er et gammelt Excel-format (.xls). Gem den som 'Excel-projektmappe (.xlsx)' "
                          "eller som 'CSV UTF-8', og indlæs den igen.")
    if endelse in EXCEL_ENDELSER or data[:2] == b"PK":
        return egne.FORMAT_EGNE_XLSX
    return egne.FORMAT_EGNE_CSV


def kontroller(data: bytes, fmt: str, spec: TableSpec, ark: str | None = None) -> Kontrol:
    """Read the file and check every cell; never raises for a cell, only for a file that cannot be read."""
    if fmt != egne.FORMAT_EGNE_XLSX and ark:
        raise UgyldigParameter("--ark gælder kun et Excel-regneark (.xlsx); en CSV-fil har ingen ark.")
    sheet = egne.read_sheet(data, fmt, spec.id, ark)
    mapping, problemer = egne.columns(sheet, spec)
    fejl, advarsler = Fejlliste(), Fejlliste()
    for pos, tekst in problemer:
        fejl.add(0, pos, tekst)
    pos_for = {navn: pos for pos, navn in mapping.items()}
    frame = egne.wide(sheet, spec, mapping) if not any(n not in pos_for for n in (egne.AREA_COL, egne.PERIOD_COL)) \
        else pd.DataFrame(index=sheet.cells.index)
    tom_fil = sheet.cells.empty
    sheet.cells = sheet.cells.iloc[:0]  # read into `frame` now: a large file is not held twice
    if tom_fil:
        fejl.add(0, 0, (f"Filen har ingen rækker med tal under overskriften. Skriv én række pr. område, "
                           f"periode{' og ' + ', '.join(spec.dimensions) if spec.dimensions else ''}."))
    if frame.empty:
        return Kontrol(sheet, frame, fejl, advarsler)

    def add(row: int, navn: str, tekst: str) -> None:
        pos = pos_for[navn]
        if (row, pos) in sheet.formulas:  # said once, below, as what it is
            return
        fejl.add(row, pos, lambda: f"{sheet.where(row, pos)}: {tekst}")

    def add_alle(navn: str, rows, tekst_for) -> None:
        """The same check failed in many rows: `tekst_for(row)` is asked only for the rows shown."""
        pos = pos_for[navn]
        if sheet.formulas:
            rows = [r for r in rows if (r, pos) not in sheet.formulas]
        fejl.add_mange(rows, pos, lambda row: f"{sheet.where(row, pos)}: {tekst_for(row)}")

    for (row, pos) in sorted(sheet.formulas):
        if pos in mapping:
            fejl.add(row, pos, f"{sheet.where(row, pos)}: cellen er en formel uden gemt resultat. Åbn filen "
                               "i Excel, og gem den igen (eller indsæt cellerne som værdier).")

    out = pd.DataFrame(index=frame.index)
    out["omraade_kode"], out["omraade"] = _omraader(frame[egne.AREA_COL], add_alle)
    out["periode"] = _perioder(frame[egne.PERIOD_COL], spec, add_alle)
    valgfri = VALGFRIE_KOLONNER.get(spec.id, ())
    for dim in spec.dimensions:
        if dim in pos_for and dim in valgfri:
            out[dim] = frame[dim]
        elif dim in pos_for:
            tom = ("cellen er tom. Skriv dimensionens værdi"
                   + (f", fx '{spec.example[dim]}'" if dim in spec.example else "") + ".")
            add_alle(dim, frame.index[frame[dim] == ""], lambda row, tom=tom: tom)
            out[dim] = frame[dim].where(frame[dim] != "")
    for m in spec.measures:
        if m in pos_for:
            out[m] = _tal(frame[m], m, spec, add, add_alle)
    noegle = ["omraade_kode", "periode", *[d for d in spec.dimensions if d in out and d not in valgfri]]
    if spec.id == MAALTAL and {"Indikator", "Retning", "Gældende til"} <= set(frame.columns):
        noegle = ["omraade_kode", "periode", "Indikator"]
        _tjek_maaltal(frame, out, add_alle)
    dobbelt = _dubletter(out, noegle, sheet, pos_for, fejl)
    _totaler(out[~dobbelt], noegle, spec, add)  # a key twice would only make its total look wrong too
    _udliggere(out, noegle, spec, sheet, pos_for, advarsler)
    return Kontrol(sheet, out, fejl, advarsler)


MAALTAL = "maaltal"
VALGFRIE_KOLONNER = {MAALTAL: ("Gældende til", "Note")}  # dimension columns that may be left empty
RETNINGER = ("højere er bedre", "lavere er bedre")


def _tjek_maaltal(frame: pd.DataFrame, out: pd.DataFrame, add_alle) -> None:
    """A måltal row names a known indicator, a direction, and (if any) a last month not before the first."""
    import difflib

    kendte = catalogue.indicators()

    def indikator(tekst):
        if tekst in kendte:
            return tekst, None
        close = difflib.get_close_matches(tekst, list(kendte), n=1)
        return None, ((f"'{tekst}' er ikke en indikator." if tekst else "cellen er tom. Skriv indikatorens id.")
                      + (f" Mente du '{close[0]}'?" if close else "") + " `noegletal indikatorer` viser alle.")

    def retning(tekst):
        t = " ".join(tekst.lower().split())
        if t in RETNINGER:
            return t, None
        return None, f"'{tekst}' er ikke en retning. Skriv 'højere er bedre' eller 'lavere er bedre'."

    def til(tekst):
        if not tekst:
            return "", None
        try:
            p = periode(tekst)
        except UgyldigPeriode:
            p = None
        if p is None or p.frekvens != MAANED or p.mat:
            return None, (f"'{tekst}' er ikke en måned. Skriv den sidste måned, måltallet gælder, fx 2023M12, "
                          "eller lad cellen være tom.")
        return p.kode, None

    for navn, tjek in (("Indikator", indikator), ("Retning", retning), ("Gældende til", til)):
        codes, res = _unikke(frame[navn], navn, tjek, add_alle)
        out[navn] = np.array([v for v, _ in res] or [None], dtype=object)[codes]
    foer = out.index[(out["Gældende til"].fillna("") != "") & out["periode"].notna()
                     & (out["Gældende til"].fillna("") < out["periode"].fillna(""))]
    add_alle("Gældende til", foer, lambda row: (f"måltallet slutter ({out.at[row, 'Gældende til']}) før det "
                                                 f"begynder ({out.at[row, 'periode']}, kolonnen periode)."))


def _unikke(cells: pd.Series, navn: str, tjek, add_alle) -> tuple[np.ndarray, list]:
    """`tjek(cell) -> (value, message or None)` once per distinct cell (a file repeats its names, periods and
    numbers a lot); every row of a bad cell gets its message. Returns each row's code into the results."""
    codes, uniques = pd.factorize(cells, use_na_sentinel=False)
    res = [tjek(u) for u in uniques]
    bad = np.array([t is not None for _, t in res], dtype=bool)
    if bad.any():
        mask = bad[codes]
        add_alle(navn, cells.index[mask], lambda row: res[codes[cells.index.get_loc(row)]][1])
    return codes, res


def _omraader(cells: pd.Series, add_alle) -> tuple[np.ndarray, np.ndarray]:
    def tjek(tekst):
        if not tekst:
            return None, ("cellen er tom. Skriv et kommunenavn, en region, 'Hele landet' eller en kommunekode "
                          "(fx 'Ballerup' eller '151').")
        try:
            return geo.omraade(tekst), None
        except UkendtOmraade as e:
            return None, f"{str(e).split(' Skriv ')[0]} `noegletal kommuner` viser alle navne og koder."

    codes, res = _unikke(cells, egne.AREA_COL, tjek, add_alle)
    koder = np.array([o.kode if o else None for o, _ in res] or [None], dtype=object)
    navne = np.array([o.navn if o else None for o, _ in res] or [None], dtype=object)
    return koder[codes], navne[codes]


def _perioder(cells: pd.Series, spec: TableSpec, add_alle) -> np.ndarray:
    en, flere, eksempel = FREKVENS_TEKST[spec.frequency]

    def tjek(tekst):
        if not tekst:
            return None, f"cellen er tom. Skriv {en}, fx {eksempel}."
        try:
            p = periode(tekst)
        except UgyldigPeriode:
            return None, f"'{tekst}' er ikke en periode. Skriv {en}, fx {eksempel}."
        if p.frekvens != spec.frequency or p.mat:
            return None, (f"'{tekst}' er {_som(p)}, men tabel {spec.id} har {flere}. "
                          f"Skriv perioden som {en}, fx {eksempel}.")
        return p.kode, None

    codes, res = _unikke(cells, egne.PERIOD_COL, tjek, add_alle)
    return np.array([k for k, _ in res] or [None], dtype=object)[codes]


def _som(p: Periode) -> str:
    if p.mat:
        return "et løbende år (MAT)"
    return {MAANED: "en måned", KVARTAL: "et kvartal", AAR: "et år"}[p.frekvens]


def _tal(cells: pd.Series, maal: str, spec: TableSpec, add, add_alle) -> pd.Series:
    """A measure column → floats (NaN where missing); cells that are not numbers, shares outside 0-100 or
    written as fractions, and counts that are negative, not whole, not finite or impossibly large are problems."""
    antal = maal not in spec.shares and _er_antal(maal) and "fuldtid" not in maal.lower()

    def tjek(cell):
        try:
            v = parse_value(cell)[0]
        except RaaDataFejl:
            return math.nan, (f"'{cell}' er ikke et tal. Skriv tal med decimalkomma (43,8) og evt. "
                              "tusindtalspunktum (1.827); en manglende værdi skrives '..', '-' eller som en tom celle.")
        if math.isnan(v):
            return v, None
        if math.isinf(v):
            return math.nan, f"'{cell}' er ikke et endeligt tal. Skriv tallet, eller '..' hvis det mangler."
        if maal in spec.shares and not 0 <= v <= 100:
            return v, f"andelen {_vis(v)} ligger uden for 0-100. Skriv andele i procent, fx 43,8."
        if antal and (v < 0 or v != round(v) or v > MAKS_ANTAL):
            hvorfor = ("et antal kan ikke være negativt" if v < 0 else "et antal skal være et helt tal"
                       if v != round(v) else f"det er flere end der bor i Danmark (over {dansk_tal(MAKS_ANTAL)})")
            return v, f"{_vis(v)}: {hvorfor}. Ret tallet, eller skriv '..', hvis det mangler."
        return v, None

    codes, res = _unikke(cells, maal, tjek, add_alle)
    s = pd.Series(np.array([v for v, _ in res] or [math.nan], dtype="float64")[codes], index=cells.index)
    if maal in spec.shares:
        med = s[s.notna() & (s != 0)]
        if len(med) >= 3 and (med.abs() <= 1).all():
            row = med.index[0]
            add(row, maal, f"alle andele i kolonnen ligger mellem 0 og 1 (fx {_vis(med.iloc[0])}); de ser ud til at "
                           "være brøker. Skriv andele i procent (0,438 skrives 43,8).")
    return s


def _vis(v: float) -> str:
    """A number in a message the Danish way, as written: 3662870 → '3.662.870', 43.8 → '43,8'."""
    if not math.isfinite(v):
        return "uendelig" if v > 0 else "minus uendelig"
    decimaler = 0 if v == round(v) else min(6, len(repr(abs(v)).partition(".")[2].rstrip("0")) or 1)
    return dansk_tal(v, decimaler if abs(v) < 1e15 else 0)


def _dubletter(out: pd.DataFrame, noegle: list[str], sheet: egne.Ark, pos_for: dict, fejl: Fejlliste) -> pd.Series:
    """Rows whose key an earlier row has: each named with the first row, in one pass (no loop over rows).
    Returns which rows share their key with another (True for both)."""
    ok = out[noegle].notna().all(axis=1).to_numpy()
    kode = pd.Series(_noegle_kode(out, noegle)[ok], index=out.index[ok])
    gentaget = kode.duplicated(keep="first")
    dobbelt = pd.Series(False, index=out.index)
    if not gentaget.any():
        return dobbelt
    dobbelt[kode.index[kode.duplicated(keep=False).to_numpy()]] = True
    foerste = pd.Series(kode.index, index=kode.index).groupby(kode.to_numpy()).transform("first")
    pos = pos_for[egne.AREA_COL]

    def tekst(row: int) -> str:
        r = out.loc[row]
        hvad = ", ".join([r["omraade"], r["periode"], *[str(r[c]) for c in noegle[2:]]])
        return (f"{sheet.where(row, pos)}: samme område, periode og dimensioner som række {foerste[row]} ({hvad}). "
                "Hver kombination må kun stå én gang; slet den ene række.")

    fejl.add_mange(kode.index[gentaget.to_numpy()], pos, tekst)
    return dobbelt


def _noegle_kode(out: pd.DataFrame, noegle: list[str]) -> np.ndarray:
    """One int64 per row that is equal exactly when the key columns are: the columns' codes combined two at a
    time and numbered again, so it never overflows (and holds no strings: a file of millions of rows stays small)."""
    kode = np.zeros(len(out), dtype=np.int64)
    for c in noegle:
        k, u = pd.factorize(out[c], use_na_sentinel=False)
        kode, _ = pd.factorize(kode * (len(u) + 1) + k)
    return kode.astype(np.int64)


def _udliggere(out: pd.DataFrame, noegle: list[str], spec: TableSpec, sheet: egne.Ark, pos_for: dict,
               advarsler: Fejlliste) -> None:
    """A value more than UDLIGGER times above or below the median of its own series (same område and
    dimensions, other periods, at least four) is likely a typing error: warned about, not refused."""
    serie = [c for c in noegle if c != "periode"]
    d = out[out[noegle].notna().all(axis=1)]
    for maal in spec.measures:
        if maal not in d or maal in spec.shares or maal not in pos_for:
            continue
        v = d[maal]
        g = v.groupby([d[c] for c in serie], sort=False, dropna=False)
        median, antal = g.transform("median"), g.transform("count")
        skaev = (antal >= 4) & (median > 0) & v.notna() & ((v > UDLIGGER * median) | (v * UDLIGGER < median))
        rows = d.index[skaev.values]
        if len(rows):
            pos = pos_for[maal]
            advarsler.add_mange(rows, pos, lambda row, m=maal, pos=pos: (
                f"{sheet.where(row, pos)}: {_vis(out.at[row, m])} er langt fra seriens øvrige perioder (median "
                f"{_vis(float(median[row]))} for samme område og dimensioner). Tjek tallet; det er indlæst."))


def _totaler(out: pd.DataFrame, noegle: list[str], spec: TableSpec, add) -> None:
    """Where the catalogue names a total (e.g. 'I alt' over the CPR years), its parts must add up to it
    (within half a unit per part, the rounding of each part); only where the total and all parts have a value."""
    kolonne_for = {v: k for k, v in spec.dimensions.items()}
    d = out[out[noegle].notna().all(axis=1)]
    for regel in spec.totals:
        dim = kolonne_for.get(regel["dimension"], regel["dimension"])
        if dim not in d:
            continue
        andre = [c for c in noegle if c != dim]
        er_total = d[dim] == regel["total"]
        for maal in regel.get("measures") or spec.measures:
            if maal not in d:
                continue
            dele = d.loc[~er_total, [*andre, maal]].assign(_mangler=lambda x: x[maal].isna())
            summer = dele.groupby(andre, dropna=False).agg(_sum=(maal, "sum"), _antal=(maal, "size"),
                                                           _mangler=("_mangler", "any")).reset_index()
            totaler = d.loc[er_total, [*andre, maal]].reset_index(names="_raekke")
            j = totaler.merge(summer, on=andre, how="inner")
            j = j[j[maal].notna() & ~j["_mangler"]]
            for r in j[(j["_sum"] - j[maal]).abs() > 0.5 * j["_antal"] + 1e-9].to_dict("records"):
                add(r["_raekke"], maal, f"'{regel['total']}' er {_vis(r[maal])}, men de {int(r['_antal'])} rækker "
                                        f"med andre værdier af '{dim}' summerer til {_vis(r['_sum'])} (samme område "
                                        "og periode). Ret totalen eller delene.")


def fejlbesked(navn: str, spec: TableSpec, fejl: list[str], i_alt: int | None = None) -> str:
    """The importer's refusal: how many errors (Danish numbers), the first VIS_FEJL, and what to do."""
    i_alt = len(fejl) if i_alt is None else i_alt
    vist = fejl[:VIS_FEJL]
    flere = f"\n  … og {dansk_tal(i_alt - len(vist))} fejl mere." if i_alt > len(vist) else ""
    antal = "1 fejl" if i_alt == 1 else f"{dansk_tal(i_alt)} fejl" + (f"; de første {len(vist)}" if i_alt > len(vist) else "")
    return (f"{navn} kan ikke indlæses som tabel {spec.id}: {antal}.\n  " + "\n  ".join(vist) + flere
            + f"\nRet filen, og indlæs den igen. Intet er gemt. Formatet står i skabelonen: "
              f"`noegletal data skabelon {spec.id}`.")


# --- importing ---------------------------------------------------------------------------------------------

@dataclass
class Import:
    entry: RawEntry
    rows: int
    areas: int
    first: str
    last: str
    removed_demo: list[str]
    advarsler: list[str] = None  # the first VIS_FEJL warnings
    antal_advarsler: int = 0


def importer(fil: str | Path, table_id: str, ark: str | None = None, *, erstat_demo: bool = False,
             store: RawStore | None = None, kommando: str | None = None) -> Import:
    """Check a user's file and keep it as the table's raw data (replacing the table's earlier file).

    Nothing is written unless every cell passed; a folder with demo data is refused unless `erstat_demo`
    (then the demo files go first). The caller builds afterwards (`pipeline.build`)."""
    spec = egne_spec(table_id)
    fil = Path(fil)
    kommando = kommando or (f"noegletal data importer {shlex.quote(str(fil))} --tabel {spec.id}"
                            + (f" --ark {shlex.quote(ark)}" if ark else ""))
    almindelig_fil(fil, "Filen", "Angiv stien til et regneark (.xlsx) eller en CSV-fil, der ligger på disken.")
    if not fil.is_file():
        raise UgyldigParameter(f"Filen {fil} findes ikke" + (" (det er en mappe)" if fil.is_dir() else "") +
                               ". Angiv stien til et regneark (.xlsx) eller en CSV-fil.")
    data = fil.read_bytes()
    fmt = filformat(fil.name, data)
    k = kontroller(data, fmt, spec, ark)
    if k.fejl.antal:
        raise RaaDataFejl(fejlbesked(fil.name, spec, k.beskeder(), k.fejl.antal))
    store = store or RawStore()
    removed = store.refuse_demo(kommando, replace=erstat_demo)
    navn = egne.safe_file_name(fil.name)
    entry = RawEntry(path=f"egne/{spec.id}/{navn}", source="egne", table=spec.id, url=f"fil:{fil.name}",
                     query={"fil": fil.name, **({"ark": k.ark.sheet} if k.ark.sheet else {})}, demo=False,
                     format=fmt, original_name=fil.name, imported_by=_bruger(),
                     sheet=k.ark.sheet if ark else "")
    store.replace_table("egne", spec.id, [(entry, data)])
    perioder = sorted(k.frame["periode"].dropna().unique())
    return Import(entry, len(k.frame), k.frame["omraade_kode"].nunique(), perioder[0], perioder[-1], removed,
                  k.advarsler.beskeder(), k.advarsler.antal)


def _bruger() -> str:
    """Who imported the file: $USER, else the login name."""
    if os.environ.get("USER"):
        return os.environ["USER"]
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


# --- the template ------------------------------------------------------------------------------------------

def standard_fil(table_id: str) -> Path:
    return Path(f"{table_id}_skabelon.xlsx")


def skabelon(table_id: str, ud: str | Path | None = None) -> Path:
    """An .xlsx form for an egne-data table: the columns with one example row on the sheet 'Data', and a
    sheet 'Forklaring' that says what each column is, its format, missing values and unit. An existing file
    is never overwritten (it may be a filled-in form)."""
    spec = egne_spec(table_id)
    ud = Path(ud) if ud else standard_fil(spec.id)
    if ud.suffix.lower() != ".xlsx":
        raise UgyldigParameter(f"Skabelonen er et Excel-regneark; giv filen endelsen .xlsx (ikke '{ud.name}').")
    if ud.exists():
        raise UgyldigParameter(f"{ud} findes allerede og overskrives ikke (den kan være udfyldt). "
                               "Angiv et andet navn med --ud, eller slet filen først.")
    skriv_bytes_atomisk(ud, skabelon_bytes(spec))
    return ud


def eksempel_raekke(spec: TableSpec) -> list:
    """område, periode, dimensions, measures: the catalogue's example, Ballerup, a period of the table's
    frequency; numbers as numbers (43,8 → 43.8), so Excel shows them as the user will type them."""
    row: list = [EKSEMPEL_OMRAADE, EKSEMPEL_PERIODE[spec.frequency]]
    row += [str(spec.example.get(d, "I alt")) for d in spec.dimensions]
    for m in spec.measures:
        v = spec.example.get(m)
        if v is None:
            row.append(None)
            continue
        tal, _ = parse_value(v)
        row.append(None if math.isnan(tal) else int(tal) if tal == round(tal) else tal)
    return row


def forklaring(spec: TableSpec) -> list[tuple[str, str, str, str, str]]:
    """(kolonne, hvad, format, manglende værdi, enhed) for each column of the template."""
    en, flere, eksempel = FREKVENS_TEKST[spec.frequency]
    total_for = {r["dimension"]: r["total"] for r in spec.totals}
    rows = [
        (egne.AREA, "Området, tallet gælder: en kommune, en region eller Hele landet.",
         "Navn i enhver stavemåde (Høje-Taastrup eller Høje Tåstrup) eller DST-kode (151 for Ballerup). "
         "`noegletal kommuner` viser alle.", "Skal udfyldes.", ""),
        (egne.PERIOD, f"Perioden, tallet gælder. Tabellen har {flere}.",
         f"Fx {eksempel}.", "Skal udfyldes.", ""),
    ]
    for dim, kol in spec.dimensions.items():
        total = total_for.get(kol)
        rows.append((dim, "Dimension: hvilken del af området og perioden tallet gælder"
                          + (f", fx '{spec.example[dim]}'" if dim in spec.example else "") + "."
                          + (f" Totalen hedder '{total}', og delene skal summere til den." if total else ""),
                     "Tekst. Brug samme stavemåde i alle rækker.", "Skal udfyldes.", ""))
    for m in spec.measures:
        andel = m in spec.shares
        rows.append((m, ("Andelen" if andel else "Tallet") + f" for området og perioden: {m}."
                     + (f" Eksempel: {spec.example[m]}." if m in spec.example else ""),
                     "Tal med decimalkomma (43,8) og evt. tusindtalspunktum (1.827)."
                     + (" En celle formateret som procent (43,8 %) læses som 43,8." if andel else ""),
                     "'..', '-' eller en tom celle. Skriv aldrig 0 for et tal, der mangler.",
                     "Andel i procent, 0-100 (ikke 0,438)." if andel else "Antal (hele tal)." if _er_antal(m) else "Tal."))
    return rows


def _er_antal(maal: str) -> bool:
    m = maal.lower()
    return any(o in m for o in ("antal", "personer", "borgere", "tilgang", "beskæftigede i"))


def skabelon_bytes(spec: TableSpec) -> bytes:
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = DATA_ARK
    header = [egne.AREA, egne.PERIOD, *spec.dimensions, *spec.measures]
    ws.append(header)
    ws.append(eksempel_raekke(spec))
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    n_tekst = 2 + len(spec.dimensions)
    for i, navn in enumerate(header, 1):
        c = ws.cell(row=1, column=i)
        c.font, c.fill = bold, fill
        c.alignment = Alignment(wrap_text=True, vertical="top")
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = min(max(12, len(navn) * 0.9), 40)
        if i <= n_tekst:  # område, periode and dimensions stay text: Excel must not make 2017-10 a date
            ws.column_dimensions[letter].number_format = "@"
            ws.cell(row=2, column=i).number_format = "@"
        else:
            ws.cell(row=2, column=i).number_format = "#,##0.0" if spec.measures[i - n_tekst - 1] in spec.shares else "#,##0"
    ws.freeze_panes = "A2"

    fk = wb.create_sheet(FORKLARING_ARK)
    fk.append([f"Tabel {spec.id}: {spec.title}"])
    fk["A1"].font = Font(bold=True, size=13)
    fk.append([f"Udgives af: {spec.publisher or 'ukendt'}. {spec.note}".strip()])
    fk.append([f"Udfyld arket '{DATA_ARK}' med én række pr. område, periode"
               + (" og " + ", ".join(spec.dimensions) if spec.dimensions else "")
               + ". Eksempelrækken (Ballerup) må gerne overskrives eller slettes. Indlæs filen med "
                 f"`noegletal data importer FIL --tabel {spec.id}`; fejl nævner række og kolonne."])
    fk.append([])
    fk.append(["Kolonne", "Hvad", "Format", "Manglende værdi", "Enhed"])
    for c in fk[5]:
        c.font, c.fill = bold, fill
    for r in forklaring(spec):
        fk.append(list(r))
    for letter, width in zip("ABCDE", (34, 60, 50, 36, 30)):
        fk.column_dimensions[letter].width = width
    for row in fk.iter_rows(min_row=5):
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def kilde_tekst(info: dict, spec: TableSpec) -> str:
    """Where a processed table came from, for `data status`: demodata, Jobindsats, Statistikbanken or the
    imported file."""
    navn = {"jobindsats": "Jobindsats", "statbank": "Statistikbanken"}.get(spec.source, spec.kilde)
    if info.get("demo"):
        return f"{navn} (demodata)"
    if spec.source == "egne":
        return f"{navn}: {info.get('original_name') or '?'}"
    return navn


