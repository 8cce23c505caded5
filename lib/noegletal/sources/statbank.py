"""Danmarks Statistik's Statistikbanken API (api.statbank.dk/v1). No key. Every format assumption lives here.

[verified: official API page and captured responses] `subjects`, `tables`, `tableinfo` and `data` take a
JSON POST body; `tableinfo` answers `{id, text, …, variables: [{id, text, time, values: [{id, text}]}]}`;
`data` with `format=BULK`, `lang=da`, `valuePresentation=Code` answers `;`-separated text with a header row
of variable codes (`OMRÅDE;SAESONFAK;TID;INDHOLD`), decimal comma and `..` for a suppressed value; an error
is a non-200 with `{"message": …}`. BULK is DST's streaming format, which (per DST's API page, not re-checked
here) has no cell limit, so requests are not split.
"""

from __future__ import annotations

import io
import json
import logging
from typing import Any

import pandas as pd
import requests

from .. import config
from ..catalogue import TableSpec
from ..errors import ApiFejl, RaaDataFejl, UgyldigPeriode
from ..periods import periode
from ..raw import RawEntry, RawStore, strip_secrets
from . import http
from .formats import perioder

log = logging.getLogger(__name__)

FORMAT_BULK = "statbank-bulk"
SERVICE = "Statistikbanken"
VALUE_COLUMN = "INDHOLD"


def parse_bulk(data: bytes, table: str = "") -> pd.DataFrame:
    """BULK/CSV with lang=da and valuePresentation=Code: `;`-separated, header row, value column INDHOLD,
    decimal comma, `..` for a suppressed value. Cells are kept as text."""
    head = data[:200].lstrip(b"\xef\xbb\xbf \r\n\t")
    if head[:1] in (b"<", b"{", b"["):
        raise RaaDataFejl(
            f"Tabel {table}: svaret fra Statistikbanken er ikke BULK-tekst; det begynder med "
            f"«{head[:40].decode('utf-8', 'replace')}»."
        )
    try:
        frame = pd.read_csv(io.BytesIO(data), sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (ValueError, UnicodeDecodeError, pd.errors.EmptyDataError) as e:
        raise RaaDataFejl(f"Tabel {table}: svaret fra Statistikbanken (BULK) kan ikke læses: {e}.") from e
    return frame


def _check_bulk(data: bytes, table: str) -> None:
    """A data answer we would store must parse and have the value column."""
    frame = parse_bulk(data, table)
    if VALUE_COLUMN not in frame.columns:
        raise RaaDataFejl(f"der er ingen kolonne {VALUE_COLUMN} (fandt {list(frame.columns)[:6]})")


def _hint(table_id: str) -> str:
    return (
        f"Tjek tabel-id og variabelkoder i catalogue.yml: `StatbankClient().tableinfo('{table_id}')` viser "
        "tabellens variable og koder, og `StatbankClient().tables()` alle tabeller."
    )


class StatbankClient:
    """Statistikbanken's API. No key; every call is a JSON POST."""

    def __init__(
        self,
        base_url: str | None = None,
        session: requests.Session | None = None,
        timeout: tuple[float, float] | float = http.DEFAULT_TIMEOUT,
        lang: str = "da",
    ):
        self.base_url = (base_url or config.statbank_url()).rstrip("/")
        self.session = session or http.make_session()
        self.timeout = timeout
        self.lang = lang

    def __repr__(self) -> str:
        return f"StatbankClient(base_url={strip_secrets(self.base_url)!r})"

    def subjects(self) -> list[dict]:
        """The subject tree's top level, as received."""
        return self._json("subjects", {"lang": self.lang, "format": "JSON"}, "emnelisten")

    def tables(self) -> list[dict]:
        """All active tables: `[{id, text, unit, updated, firstPeriod, latestPeriod, active, variables}]`."""
        return self._json("tables", {"lang": self.lang, "format": "JSON"}, "tabellisten")

    def tableinfo(self, table_id: str) -> dict:
        """`{id, text, description, unit, suppressedDataValue, updated, active, footnote, variables: [...]}`."""
        info = self._json("tableinfo", {"table": table_id, "format": "JSON", "lang": self.lang},
                          f"tabelinfo for {table_id}", table_id)
        if not isinstance(info, dict) or not isinstance(info.get("variables"), list):
            raise ApiFejl(_unreadable(f"tabelinfo for {table_id}", "der er ingen 'variables'"))
        return info

    def data(
        self,
        table_id: str,
        variables: dict[str, list[str]],
        fmt: str = "BULK",
        lang: str = "da",
        value_presentation: str = "Code",
    ) -> bytes:
        """The data as the server sent them (BULK: `;`-separated text). Checked to be readable."""
        return self._data(table_id, variables, fmt, lang, value_presentation)[2]

    # plumbing -------------------------------------------------------------------------------------
    def data_body(self, table_id: str, variables: dict[str, list[str]], fmt: str = "BULK", lang: str = "da",
                  value_presentation: str = "Code") -> dict:
        """The JSON body of a data call (also what the manifest records as its query)."""
        return {
            "table": table_id,
            "format": fmt,
            "lang": lang,
            "valuePresentation": value_presentation,
            "variables": [{"code": code, "values": _values(values)} for code, values in variables.items()],
        }

    def _data(self, table_id, variables, fmt="BULK", lang="da", value_presentation="Code") -> tuple[str, dict, bytes]:
        """(url, request body, response bytes); the body is what the manifest records as the query."""
        body = self.data_body(table_id, variables, fmt, lang, value_presentation)
        resp = self._post("data", body, table_id)
        if fmt.upper() == "BULK":
            try:
                _check_bulk(resp.content, table_id)
            except RaaDataFejl as e:
                raise ApiFejl(_unreadable(f"data for tabel {table_id}", e, resp.content)) from e
        return http.display_url(resp.url), body, resp.content

    def _post(self, endpoint: str, body: dict, table_id: str | None = None) -> requests.Response:
        resp = http.request(self.session, "POST", f"{self.base_url}/{endpoint}", service=SERVICE, json_body=body,
                            timeout=self.timeout)
        if resp.status_code != 200:
            own = http.service_message(resp)
            if own and table_id and resp.status_code < 500:
                raise ApiFejl(f"Statistikbanken afviste forespørgslen på tabel {table_id} (HTTP {resp.status_code}): "
                              f"«{own}». {_hint(table_id)}")
            http.raise_for_status(resp, SERVICE, _hint(table_id) if table_id else "")
        return resp

    def _json(self, endpoint: str, body: dict, what: str, table_id: str | None = None) -> Any:
        resp = self._post(endpoint, body, table_id)
        try:
            return json.loads(resp.content.decode("utf-8-sig"))
        except (ValueError, UnicodeDecodeError) as e:
            raise ApiFejl(_unreadable(what, e, resp.content)) from e


def _values(values: Any) -> list[str]:
    return [str(v) for v in values] if isinstance(values, (list, tuple)) else [str(values)]


def _unreadable(what: str, e: Any, body: bytes | None = None) -> str:
    """Why an answer could not be read, and what to try."""
    detail = f"{e}."
    if body is not None:
        start = " ".join(body[:80].decode("utf-8", errors="replace").split())
        detail += f" Svaret begynder med «{start}»." if start else " Svaret var tomt."
    return (
        f"Svaret fra Statistikbanken ({what}) kunne ikke læses: {detail} Det kan være et afbrudt svar eller en "
        "fejlside: prøv igen om lidt, eller brug demodata med `noegletal data demo`."
    )


def time_variable(info: dict) -> dict:
    """The table's time variable (`"time": true`, usually `Tid`)."""
    for var in info["variables"]:
        if var.get("time"):
            return var
    raise ApiFejl(_unreadable(f"tabelinfo for {info.get('id', '')}", "ingen tidsvariabel"))


def periods_from(info: dict, selected: list[str], fra: str) -> list[str]:
    """The table's periods that are ≥ `fra` (compared by start date, so '2015' works for a monthly table),
    out of `selected` (`["*"]` = all periods in tableinfo)."""
    start = periode(fra).foerste_dag()
    available = [str(v["id"]) for v in time_variable(info)["values"]]
    pool = available if selected in (["*"], []) else [p for p in selected if p != "*"]
    chosen = [p for p in pool if periode(p).foerste_dag() >= start]
    if not chosen:
        last = available[-1] if available else "ingen"
        raise UgyldigPeriode(f"Tabel {info.get('id', '')} har ingen perioder fra {fra}; den seneste er {last}. "
                             "Vælg en tidligere startperiode.")
    return chosen


def fetch(spec: TableSpec, store: RawStore, fra: str | None = None, client: StatbankClient | None = None,
          erstat: bool = False) -> list[RawEntry]:
    """Fetch a catalogue table as BULK into `statbank/<id>/data.csv`.

    `fra` turns the time selection (e.g. `Tid: ["*"]`) into the explicit periods from tableinfo that are
    ≥ `fra`. The file is written only after the whole answer was received and read, beside the table's
    held files (RawStore.add_fetch: a file of older months is kept unless `erstat`).
    """
    client = client or StatbankClient()
    variables = {code: _values(values) for code, values in spec.selection.items()}
    if fra is not None:
        info = client.tableinfo(spec.id)
        tid = time_variable(info)["id"]
        key = next((k for k in variables if k.lower() == tid.lower()), tid)
        variables[key] = periods_from(info, variables.get(key, ["*"]), fra)
    log.info("Statistikbanken %s: henter %s", spec.id, ", ".join(f"{k}={len(v)}" for k, v in variables.items()))
    url, body, data = client._data(spec.id, variables)
    entry = RawEntry(path=f"statbank/{spec.id}/data.csv", source="statbank", table=spec.id, url=url, query=body,
                     demo=False, format=FORMAT_BULK,
                     perioder=perioder(parse_bulk(data, spec.id), spec.period_col, spec.id))
    return store.add_fetch("statbank", spec.id, [(entry, data)], erstat=erstat)
