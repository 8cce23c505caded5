"""Jobindsats API (STAR): v3 first, v2 as a legacy format. Every format assumption lives here.

What the live v3 service answers is in reference/jobindsats-v3.md, each fact with its evidence; the
loopback server in tests/loopback_api.py answers the same way and the tests run against it:
- v3 [code]: header `Authorization: Bearer <key>`; `/subjects`, `/tables`, `/table/{id}` and
  `/data/{id}?period.M=…&mgroup.*=*&hierarchy.<id>=…&format=json|csv`.
- v3 [seen]: data JSON is `{"columns": [...], "rows": [[...], ...]}` with value names, JSON numbers and `null`
  for a suppressed cell; a comma list of value ids in one hierarchy parameter; `/` is a hierarchy's total;
  errors are 422 `{"code","cause","request_id"}` (`AfvistForespoergsel`). Table ids in lower case.
- v3 UNKNOWN: the metadata's measure key (read tolerantly by `_measures`; `/tables`' `mgroups` are used
  instead), the answer to an unknown table, the cell limit (`DEFAULT_MAX_CELLS`: 30.000 passed live).
- v2 [verified, STAR's 2022 guide]: header `Authorization: <key>`, `/v2/tables/`, `/v2/data/{id}/csv/`;
  retired after 2026-09-30 [code], so `fetch()` uses v3 only; the v2 parsers read old raw files.
- A bad or expired key answers `{"Forkert nøgle eller nøglen er udløbet.":""}` (v2 capture); v3 answers 401.

Parsers turn raw bytes into a wide frame with cells exactly as received; `formats.to_tidy()` does the rest.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
from typing import Any
from urllib.parse import quote, urlencode

import pandas as pd
import requests

from .. import config
from ..catalogue import TableSpec
from ..errors import ApiFejl, ManglendeNoegle, RaaDataFejl, UgyldigParameter
from ..periods import periode
from ..raw import RawEntry, RawStore, strip_secrets
from . import http, jobindsats_match
from .formats import perioder
from .jobindsats_plan import (  # noqa: F401  (the client's public names)
    AREA_DIMENSION,
    DEFAULT_MAX_CELLS,
    PERIODTYPE_FOR_FREQUENCY,
    Dimension,
    Hierarchy,
    Part,
    TableMeta,
    _chronological,
    _join,
    _tables_hint,
    flatten_tables,
    parse_table_meta,
    plan,
)

log = logging.getLogger(__name__)

FORMAT_V3_JSON = "jobindsats-v3-json"
FORMAT_V3_CSV = "jobindsats-v3-csv"
FORMAT_V2_JSON = "jobindsats-v2-json"
FORMAT_V2_CSV = "jobindsats-v2-csv"

SERVICE = "Jobindsats"
VERSIONS = ("v3", "v2")
UOPLYST_OMRAADE = "Uoplyst område"  # a member of _nykom [code]: kept as an area of its own, never a kommune

_BAD_KEY = re.compile(r"forkert n.{1,2}gle|n.{1,2}glen er udl", re.I)
_QUERY_SAFE = "*:,/()"  # as the client code that works against the live API sends them

MISSING_KEY = (
    f"Der er ingen nøgle til Jobindsats' API. Sæt den i miljøet, fx `export {config.KEY_ENV}=din-nøgle` "
    f"(Windows: `setx {config.KEY_ENV} din-nøgle`), og skriv den aldrig i en notebook eller i git. "
    "En nøgle får du ved at skrive til STAR (Styrelsen for Arbejdsmarked og Rekruttering); se "
    "jobindsats.dk under 'API'. Demodata virker uden nøgle: `noegletal data demo`."
)


class AfvistForespoergsel(ApiFejl):
    """Jobindsats answered 422 `{"code", "cause", "request_id"}` [seen]: the query names something the table
    does not have. `fetch` adds the catalogue line to change."""

    def __init__(self, table: str, cause: str):
        self.table, self.cause = table, cause
        super().__init__(f"Jobindsats afviste forespørgslen på tabel {table}: «{cause}».")


def _cause(resp) -> str:
    try:
        body = json.loads(resp.content.decode("utf-8-sig"))
        return str(body.get("cause") or body)[:300]
    except (ValueError, UnicodeDecodeError, AttributeError):
        return resp.content[:200].decode("utf-8", "replace")


def _refused_key(status: int) -> str:
    return (
        f"Jobindsats afviste nøglen (forkert eller udløbet; HTTP {status}). Tjek at {config.KEY_ENV} "
        "indeholder hele nøglen uden mellemrum og uden 'Bearer' foran (det sætter klienten selv). Er den "
        "udløbet, så bed STAR om en ny via jobindsats.dk under 'API'. Demodata virker uden nøgle: "
        "`noegletal data demo`."
    )


# parsers ------------------------------------------------------------------------------------------

def parse_v3_json(data: bytes, table: str = "") -> pd.DataFrame:
    """v3 `/data/{id}?format=json` → `{"columns": [...], "rows": [[...], ...]}` as a wide frame."""
    body = _load_json(data, table, "v3 JSON")
    if not (isinstance(body, dict) and isinstance(body.get("columns"), list) and isinstance(body.get("rows"), list)):
        keys = list(body)[:5] if isinstance(body, dict) else type(body).__name__
        raise RaaDataFejl(f"Tabel {table}: svaret fra Jobindsats (v3 JSON) har ikke 'columns' og 'rows' (fandt {keys}).")
    columns, rows = body["columns"], body["rows"]
    bad = next((i for i, r in enumerate(rows) if not isinstance(r, list) or len(r) != len(columns)), None)
    if bad is not None:
        raise RaaDataFejl(
            f"Tabel {table}: række {bad + 1} i svaret fra Jobindsats (v3 JSON) har ikke {len(columns)} celler."
        )
    return pd.DataFrame(rows, columns=[str(c) for c in columns], dtype=object)


def parse_v3_csv(data: bytes, table: str = "") -> pd.DataFrame:
    """v3 `format=csv`: `;`-separated, UTF-8 BOM, decimal comma. Cells are kept as text."""
    return _parse_csv(data, table, "v3 CSV")


def parse_v2_json(data: bytes, table: str = "") -> pd.DataFrame:
    """v2 `/data/{id}/json/` → `[{"Variables": [{"Label": …}, …], "Data": [[…], …]}]` as a wide frame."""
    body = _load_json(data, table, "v2 JSON")
    blocks = body if isinstance(body, list) else [body]
    frames = []
    try:
        for block in blocks:
            labels = [str(v["Label"]) for v in block["Variables"]]
            rows = block["Data"]
            if any(len(r) != len(labels) for r in rows):
                raise ValueError(f"en række har ikke {len(labels)} celler")
            frames.append(pd.DataFrame(rows, columns=labels, dtype=object))
    except (KeyError, TypeError, ValueError) as e:
        raise RaaDataFejl(f"Tabel {table}: svaret fra Jobindsats (v2 JSON) kan ikke læses: {e!s}.") from e
    if not frames:
        raise RaaDataFejl(f"Tabel {table}: svaret fra Jobindsats (v2 JSON) er tomt.")
    if any(list(f.columns) != list(frames[0].columns) for f in frames):
        raise RaaDataFejl(f"Tabel {table}: delene af svaret fra Jobindsats (v2 JSON) har forskellige kolonner.")
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


def parse_v2_csv(data: bytes, table: str = "") -> pd.DataFrame:
    """v2 `/data/{id}/csv/`: `;`-separated, decimal comma, e.g. `Area;Periode;Køn;Antal personer;…`."""
    return _parse_csv(data, table, "v2 CSV")


def _load_json(data: bytes, table: str, what: str) -> Any:
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as e:
        start = " ".join(data[:60].decode("utf-8", errors="replace").split())
        raise RaaDataFejl(
            f"Tabel {table}: svaret fra Jobindsats ({what}) er ikke gyldig JSON ({e}); "
            + (f"det begynder med «{start}»." if start else "det er tomt.")
        ) from e


def _parse_csv(data: bytes, table: str, what: str) -> pd.DataFrame:
    head = data[:200].lstrip(b"\xef\xbb\xbf \r\n\t")
    if head[:1] in (b"<", b"{", b"["):
        raise RaaDataFejl(f"Tabel {table}: svaret fra Jobindsats ({what}) er ikke CSV; det begynder med «{head[:40].decode('utf-8', 'replace')}».")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # [unverified] an old export in Windows-1252 would otherwise fail on æ, ø, å
        text = data.decode("cp1252", errors="replace")
    try:
        frame = pd.read_csv(io.StringIO(text), sep=";", dtype=str, keep_default_na=False)
    except (ValueError, pd.errors.EmptyDataError) as e:
        raise RaaDataFejl(f"Tabel {table}: svaret fra Jobindsats ({what}) kan ikke læses: {e}.") from e
    if frame.shape[1] < 2:
        raise RaaDataFejl(f"Tabel {table}: svaret fra Jobindsats ({what}) har kun kolonnen {list(frame.columns)}; forventede `;`-adskilte kolonner.")
    return frame


_PARSERS = {
    ("v3", "json"): parse_v3_json,
    ("v3", "csv"): parse_v3_csv,
    ("v2", "json"): parse_v2_json,
    ("v2", "csv"): parse_v2_csv,
}
FORMATS = {
    ("v3", "json"): FORMAT_V3_JSON,
    ("v3", "csv"): FORMAT_V3_CSV,
    ("v2", "json"): FORMAT_V2_JSON,
    ("v2", "csv"): FORMAT_V2_CSV,
}


def _versioned(base: str, version: str) -> str:
    """The same host for v2 and v3: `…/v3` → `…/v2`, and a base without a version gets one."""
    return re.sub(r"/v\d+$", "", base.rstrip("/")) + "/" + version


def _query(params: dict) -> str:
    """Encode like the working client code does: `*`, `:`, `,`, `/` and parentheses as they are, spaces as %20."""
    return urlencode({k: _join(v) for k, v in params.items()}, safe=_QUERY_SAFE, quote_via=quote)


def _is_bad_key(body: bytes) -> bool:
    """Jobindsats' answer to a bad or expired key, whatever the status: `{"Forkert nøgle eller nøglen er udløbet.":""}`."""
    if len(body) > 2_000:
        return False
    text = body.decode("utf-8-sig", errors="replace")
    try:
        obj = json.loads(text)
        if isinstance(obj, dict):
            text = " ".join(f"{k} {v}" for k, v in obj.items())
    except ValueError:
        pass
    return bool(_BAD_KEY.search(text))


# client -------------------------------------------------------------------------------------------

class JobindsatsClient:
    """Jobindsats' API with a key from the environment. v3 by default; `version="v2"` for the legacy API."""

    def __init__(
        self,
        api_key: str | None = None,
        base_url: str | None = None,
        version: str = "v3",
        session: requests.Session | None = None,
        timeout: tuple[float, float] | float = http.DEFAULT_TIMEOUT,
        max_cells: int = DEFAULT_MAX_CELLS,
    ):
        if version not in VERSIONS:
            raise UgyldigParameter(f"Ukendt Jobindsats-version '{version}'. Brug 'v3' (eller 'v2' for det gamle API).")
        key = (api_key if api_key is not None else os.environ.get(config.KEY_ENV, "")).strip()
        if key.lower().startswith("bearer "):
            key = key[7:].strip()
        if not key:
            raise ManglendeNoegle(MISSING_KEY)
        self._key = key
        self.version = version
        self.base_url = _versioned(base_url or config.jobindsats_url(), version)
        self.session = session or http.make_session()
        self.timeout = timeout
        self.max_cells = max_cells

    def __repr__(self) -> str:  # never the key
        return f"JobindsatsClient(base_url={strip_secrets(self.base_url)!r}, version={self.version!r}, max_cells={self.max_cells})"

    # endpoints ------------------------------------------------------------------------------------
    def subjects(self) -> list[dict]:
        """The subject list, as received."""
        resp = self._send("GET", "subjects", params=_query({"format": "json"})) if self.version == "v3" else self._send("GET", "subjects/")
        return self._json(resp, "emnelisten")

    def tables(self) -> list[dict]:
        """All tables, flat: table_id, table_name, subject_name, table_group_name."""
        resp = self._send("GET", "tables", params=_query({"format": "json"})) if self.version == "v3" else self._send("GET", "tables/")
        body = self._json(resp, "tabellisten")
        try:
            return flatten_tables(body)
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            raise ApiFejl(self._unreadable("tabellisten", e)) from e

    def table(self, table_id: str) -> TableMeta | Any:
        """v3: the table's metadata as `TableMeta`. v2: the metadata JSON as received [shape unverified]."""
        if self.version == "v2":
            return self._json(self._send("GET", f"tables/{table_id}/", table_id=table_id), f"metadata for tabel {table_id}")
        resp = self._send("GET", f"table/{table_id}", params=_query({"format": "json"}), table_id=table_id)
        body = self._json(resp, f"metadata for tabel {table_id}")
        try:
            return parse_table_meta(body, table_id)
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            raise ApiFejl(self._error_or_unreadable(body, table_id, f"metadata for tabel {table_id}", e)) from e

    def data(self, table_id: str, query: dict, fmt: str = "json") -> bytes:
        """The data as the server sent them. v3: GET `/data/{id}` with `query` as parameters (`format` is
        added). v2: `fmt="json"` POSTs `query` as the body, `fmt="csv"` GETs it as parameters."""
        return self._data(table_id, query, fmt)[1]

    def plan(self, table_id: str, selection: dict, fra: str | None = None, meta: TableMeta | None = None,
             frequency: str | None = None, default_measures: int = 1) -> list[Part]:
        """The requests a selection needs under this client's `max_cells` (see `plan()`)."""
        return plan(meta or self.table(table_id), selection, self.max_cells, fra, frequency, default_measures)

    # plumbing -------------------------------------------------------------------------------------
    def _data(self, table_id: str, query: dict, fmt: str) -> tuple[str, bytes]:
        if fmt not in ("json", "csv"):
            raise UgyldigParameter(f"Ukendt format '{fmt}' for Jobindsats; brug 'json' eller 'csv'.")
        if self.version == "v3":
            resp = self._send("GET", f"data/{table_id}", params=_query({**query, "format": fmt}), table_id=table_id)
        elif fmt == "json":
            resp = self._send("POST", f"data/{table_id}/json/", json_body=query, table_id=table_id)
        else:
            resp = self._send("GET", f"data/{table_id}/csv/", params=_query(query), table_id=table_id)
        body = resp.content
        try:
            _PARSERS[(self.version, fmt)](body, table_id)
        except RaaDataFejl as e:
            raise ApiFejl(self._error_or_unreadable(body, table_id, f"data for tabel {table_id}", e)) from e
        return http.display_url(resp.url), body

    def _headers(self) -> dict[str, str]:
        auth = f"Bearer {self._key}" if self.version == "v3" else self._key
        return {"Authorization": auth, "Accept": "application/json, text/csv;q=0.9, */*;q=0.1"}

    def _send(self, method: str, path: str, *, params: Any = None, json_body: Any = None,
              table_id: str | None = None) -> requests.Response:
        resp = http.request(self.session, method, f"{self.base_url}/{path}", service=SERVICE, params=params,
                            json_body=json_body, headers=self._headers(), timeout=self.timeout)
        if resp.status_code in (401, 403) or _is_bad_key(resp.content):
            raise ManglendeNoegle(_refused_key(resp.status_code))
        if resp.status_code == 422:
            raise AfvistForespoergsel(table_id or "", _cause(resp))
        if resp.status_code == 404 and table_id:
            own = http.service_message(resp)
            said = f" (svar: «{own}»)" if own else ""
            raise ApiFejl(f"Jobindsats kender ikke tabellen '{table_id}'{said}. {_tables_hint(table_id)}")
        http.raise_for_status(resp, SERVICE, _tables_hint(table_id) if table_id else "")
        return resp

    def _json(self, resp: requests.Response, what: str) -> Any:
        try:
            return json.loads(resp.content.decode("utf-8-sig"))
        except (ValueError, UnicodeDecodeError) as e:
            raise ApiFejl(self._unreadable(what, e, resp.content)) from e

    def _error_or_unreadable(self, body: Any, table_id: str, what: str, e: Exception) -> str:
        """A 200 whose JSON is an error message (e.g. an unknown table) says so; anything else is unreadable."""
        if isinstance(body, bytes):
            try:
                body = json.loads(body.decode("utf-8-sig"))
            except (ValueError, UnicodeDecodeError):
                return self._unreadable(what, e, body)
        if isinstance(body, dict) and len(body) <= 3 and all(isinstance(v, (str, int, type(None))) for v in body.values()):
            own = next((str(body[k]) for k in ("message", "Message", "error", "detail") if body.get(k)), None)
            own = own or " ".join(str(k) for k in body)
            return f"Jobindsats svarede med en fejl for tabel '{table_id}': «{own[:300]}». {_tables_hint(table_id)}"
        return self._unreadable(what, e)

    @staticmethod
    def _unreadable(what: str, e: Exception, body: bytes | None = None) -> str:
        """Why an answer could not be read, and what to try. A parser's own message already shows the start."""
        if isinstance(e, RaaDataFejl):
            detail = str(e)
        else:
            start = " ".join((body or b"")[:80].decode("utf-8", errors="replace").split())
            detail = f"{e}. " + (f"Svaret begynder med «{start}»." if start else "Svaret var tomt.") if body is not None else f"{e}."
        return (
            f"Svaret fra Jobindsats ({what}) kunne ikke læses. {detail} Det kan være et afbrudt svar eller en "
            "fejlside: prøv igen om lidt; sker det igen, så tjek tabellen på jobindsats.dk, eller brug demodata "
            "med `noegletal data demo`."
        )


# fetch --------------------------------------------------------------------------------------------

def _where(spec: TableSpec, cause: str) -> str:
    """The catalogue line a 422 cause points at."""
    from .. import catalogue

    low = cause.lower()
    if "hierarch" in low:
        hid = re.findall(r"'(_[a-z0-9_]+)'", cause)
        key = next((h for h in hid if h in spec.areas), None)
        if key:
            return catalogue.location(spec.id, "areas")
        return catalogue.location(spec.id, "hierarchies", *(hid[:1]))
    if "period" in low:
        return catalogue.location(spec.id, "frequency")
    return catalogue.location(spec.id)


def fetch(spec: TableSpec, store: RawStore, fra: str | None = None, client: JobindsatsClient | None = None,
          mgroups: list[str] | None = None, erstat: bool = False) -> list[RawEntry]:
    """Fetch a catalogue table into the raw store: every cut, from every area hierarchy, split by period so
    each request stays under the cell limit (and well under the 60 s the live service gives a request).

    The catalogue's value names are looked up in `/table/{id}` first (with the data folder's corrections,
    catalogue.rettelser); a total is always asked as the root `/`, whatever it is called. A cut whose
    hierarchy or value names the table does not have is skipped and recorded on the entries (`mangler`),
    and the rest is fetched: at least every area's totals. Periods, areas or measures that do not match stop
    the table with the catalogue line to change. Every part is fetched before anything is written; only then
    are the new parts written beside the held ones (RawStore.add_fetch: older months are kept unless
    `erstat`), so an error half-way leaves the previous raw files as they were.
    """
    if fra is not None:
        fra = periode(fra).kode
    client = client or JobindsatsClient()
    if client.version != "v3":
        raise UgyldigParameter("`fetch` henter fra Jobindsats' API v3 (v2 lukker efter 30. september 2026). Brug JobindsatsClient(version='v3').")
    meta = client.table(spec.id)
    from .. import catalogue

    m = jobindsats_match.match(spec, meta, mgroups, catalogue.rettelser().get(spec.id))
    if m.fatal:
        lines = "; ".join(f"{p.what} (catalogue.yml linje {p.line}: {p.fix})" for p in m.fatal[:5])
        raise ApiFejl(f"Tabel {spec.id} passer ikke med kataloget: {lines}. `noegletal data tjek` viser alle "
                      "forskelle og rettelserne.")
    cuts = list(enumerate(spec.cuts or [()], 1))
    fetched = [(k, cut) for k, cut in cuts if not m.missing(cut)]
    mangler = [mangel(spec, cut, m.missing(cut)) for _, cut in cuts if m.missing(cut)]
    if spec.cuts and not fetched:  # no breakdown can be asked: every area's totals all the same
        fetched = [(0, ())]
    navne = {"maal": m.measures, **{hid: names for hid, names in m.names.items()
                                    if any(live != cat for live, cat in names.items())}}
    if m.corrected:
        navne["rettelser"] = m.corrected
    navne = {k: v for k, v in navne.items() if v}
    parts: list[tuple[str, Part]] = []
    for k, cut in fetched:
        for area in m.areas:
            sel = jobindsats_match.selection(spec, m, cut, area)
            prefix = f"{area.strip('_')}_snit{k}" if spec.cuts else area.strip("_")
            for part in plan(meta, sel, client.max_cells, fra=fra, frequency=spec.frequency,
                             default_measures=len(spec.measures) or 1):
                parts.append((prefix, part))
    files = []
    for i, (prefix, part) in enumerate(parts, 1):
        log.info("Jobindsats %s: henter del %d af %d (%s %s, ca. %d celler)", spec.id, i, len(parts), prefix,
                 part.name, part.cells)
        http.progress(f"{spec.id}: del {i} af {len(parts)}")
        try:
            url, body = client._data(spec.id, part.params, "json")
        except AfvistForespoergsel as e:
            raise ApiFejl(f"{e} Ret {_where(spec, e.cause)}; `noegletal data tjek` viser de rigtige navne.") from e
        _check_measures(spec, body, m.measures)
        entry = RawEntry(path=f"jobindsats/{spec.id}/{prefix}_{part.name}.json", source="jobindsats", table=spec.id,
                         url=url, query={**part.params, "format": "json"}, demo=False, format=FORMAT_V3_JSON,
                         perioder=perioder(parse_v3_json(body, spec.id), spec.period_col, spec.id),
                         navne=navne, mangler=mangler)
        files.append((entry, body))
    return store.add_fetch("jobindsats", spec.id, files, erstat=erstat)


def mangel(spec: TableSpec, cut, problems) -> dict:
    """A cut that was not fetched, as the raw entries, the processed manifest and `data status` keep it: its
    columns and their names, and why: per hierarchy what is not in the live table, the catalogue line and the
    nearest live names."""
    hvorfor = []
    for hid in dict.fromkeys(p.hierarchy for p in problems):
        egne = [p for p in problems if p.hierarchy == hid]
        vaerdier = [p for p in egne if p.kind == "vaerdi"]
        if len(vaerdier) > 1:
            hvad = f"{hid} har ikke værdierne {', '.join(repr(p.name) for p in vaerdier)}"
            naer = list(dict.fromkeys(p.candidates[0] for p in vaerdier if p.candidates))
            hvorfor.append({"hvad": hvad, "linje": min(p.line for p in vaerdier), "naermeste": naer})
            egne = [p for p in egne if p not in vaerdier]
        hvorfor += [{"hvad": p.what, "linje": p.line, "naermeste": list(p.candidates)} for p in egne]
    return {
        "opdeling": [spec.hierarchy(h).column for h in cut],
        "navn": " og ".join(spec.hierarchy(h).label.lower() for h in cut),
        "hierarkier": list(cut),
        "hvorfor": hvorfor,
    }


def mangler_linje(spec: TableSpec, mangler: list[dict]) -> str:
    """One line for a table with missing breakdowns: which hierarchy or value, the catalogue line, the nearest
    live names, and what settles it."""
    dele = []
    for mm in mangler:
        why = "; ".join(f"{w['hvad']} (catalogue.yml linje {w['linje']}"
                        + (f"; nærmeste: {', '.join(repr(n) for n in w['naermeste'])}" if w["naermeste"] else "")
                        + ")" for w in mm["hvorfor"])
        dele.append(f"efter {mm['navn']}: {why}")
    return (f"{spec.id}: totaler og øvrige opdelinger hentet; mangler opdelingen " + " | ".join(dele)
            + ". `noegletal data tjek --ret` retter de sikre navne; hent derefter igen med "
            f"`noegletal data fetch --tabel {spec.id}`.")


def _check_measures(spec: TableSpec, body: bytes, live: dict | None = None) -> None:
    """Every catalogue measure must be a column of the answer (alone or as '<group>: <measure>'), under its
    own name or the name the data folder's corrections give it (`live`: live name → catalogue name)."""
    from .. import catalogue

    columns = parse_v3_json(body, spec.id).columns
    have = {c.rsplit(": ", 1)[-1] for c in columns} | set(columns)
    have |= {(live or {}).get(c, c) for c in have}
    missing = [mm for mm in spec.measures if mm not in have]
    if missing:
        import difflib

        near = {mm: difflib.get_close_matches(mm, [c for c in columns if c not in ("Periode", "Område")], n=1)
                for mm in missing}
        hint = "; ".join(f"'{mm}'" + (f" → mente du '{near[mm][0]}'?" if near[mm] else "") for mm in missing)
        raise ApiFejl(f"Tabel {spec.id}: svaret har ikke målene {hint} (kolonner: {list(columns)}). Ret "
                      f"{catalogue.location(spec.id, 'measures', missing[0])}.")
