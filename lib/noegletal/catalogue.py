"""The catalogue: which source table each indicator comes from, and how to read it.

All of it lives in `catalogue.yml`, one place to fix a renamed table or a changed label. This module only
reads and checks that file. Schema:

    tables:
      <TABLE_ID>:
        source: jobindsats | statbank
        title: Danish title
        frequency: M | K | Å
        area_col: Område            # the source's area column (statbank: OMRÅDE)
        period_col: Periode         # statbank: TID
        dimensions: {Køn: koen}     # source column → processed column id (others get a slug)
        measures: [Antal personer]  # value columns (statbank: [INDHOLD])
        measure_dimension: SAESONFAK  # statbank only: this dimension names the measure ...
        measure_labels: {"9": "..."}  # ... with these labels
        measure_ranges: {"16-66": [16, 66], "67-": [67, null]}  # codes made by summing whole-number
                                    # codes (1-year ages) in a range, both ends included; null: no upper end
        selection: {...}            # what `data fetch` asks for: v3 dimension ids / statbank variable codes
        totals: [{dimension: koen, total: I alt, measures: [...]}]  # parts that must sum to the total
        shares: [measure labels that are percentages]
        verified: false             # table id/format not yet confirmed against the live API
        note: why / what is assumed
    indicators:
      <id>:
        label: Danish label for briefs
        table: <TABLE_ID>
        measure: <measure label>
        filter: {column: value}     # fixed dimension values
        unit: pct | personer | fuldtidspersoner | antal
        note: what is assumed (optional)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from .config import CATALOGUE_FILE
from .errors import UgyldigParameter

SOURCES = ("jobindsats", "statbank")
KILDE_NAVN = {"jobindsats": "Jobindsats.dk (STAR)", "statbank": "Danmarks Statistik, Statistikbanken"}


@dataclass(frozen=True)
class TableSpec:
    id: str
    source: str
    title: str
    frequency: str
    area_col: str
    period_col: str
    measures: tuple[str, ...]
    dimensions: dict = field(default_factory=dict)
    measure_dimension: str | None = None
    measure_labels: dict = field(default_factory=dict)
    measure_ranges: dict = field(default_factory=dict)
    selection: dict = field(default_factory=dict)
    totals: tuple = ()
    shares: tuple[str, ...] = ()
    verified: bool = False
    note: str = ""

    @property
    def kilde(self) -> str:
        return KILDE_NAVN[self.source]


@dataclass(frozen=True)
class Indicator:
    id: str
    label: str
    table: str
    measure: str
    unit: str
    filter: dict = field(default_factory=dict)
    note: str = ""

    @property
    def spec(self) -> TableSpec:
        return table(self.table)

    @property
    def kilde(self) -> str:
        return self.spec.kilde


@lru_cache(maxsize=1)
def _load() -> tuple[dict[str, TableSpec], dict[str, Indicator]]:
    raw = yaml.safe_load(CATALOGUE_FILE.read_text(encoding="utf-8"))
    tables = {}
    for tid, t in raw["tables"].items():
        t = dict(t)
        t["measures"] = tuple(t.get("measures", ()))
        t["totals"] = tuple(t.get("totals", ()))
        t["shares"] = tuple(t.get("shares", ()))
        tables[tid] = TableSpec(id=tid, **t)
        if tables[tid].source not in SOURCES:
            raise ValueError(f"catalogue.yml: table {tid} has unknown source {tables[tid].source}")
    indicators = {}
    for iid, i in raw["indicators"].items():
        indicators[iid] = Indicator(id=iid, **i)
        if indicators[iid].table not in tables:
            raise ValueError(f"catalogue.yml: indicator {iid} names unknown table {indicators[iid].table}")
    return tables, indicators


def tables() -> dict[str, TableSpec]:
    return _load()[0]


def table(table_id: str) -> TableSpec:
    try:
        return tables()[table_id]
    except KeyError:
        raise UgyldigParameter(f"Ukendt tabel '{table_id}'. Kendte tabeller: {', '.join(tables())}.") from None


def indicators() -> dict[str, Indicator]:
    return _load()[1]


def indicator(indicator_id: str) -> Indicator:
    try:
        return indicators()[indicator_id]
    except KeyError:
        import difflib

        close = difflib.get_close_matches(indicator_id, list(indicators()), n=3)
        hint = f" Mente du: {', '.join(close)}?" if close else ""
        raise UgyldigParameter(
            f"Ukendt indikator '{indicator_id}'.{hint} `noegletal indikatorer` viser alle."
        ) from None
