"""Jobindsats v3 metadata and request planning: what `/tables` and `/table/{id}` say, and how a catalogue
selection becomes requests that each stay under the cell limit.

Split from jobindsats.py (the client) so the catalogue check (jobindsats_match.py) can read metadata
without importing the client, and the client can use the check: no import circle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import ApiFejl, UgyldigParameter, UgyldigPeriode
from ..periods import periode

DEFAULT_MAX_CELLS = 30_000  # 30.000 cells passed live [code]; the real limit is unknown
AREA_DIMENSION = "_omrade"
# catalogue frequency → v3 period type: M and Q seen live (2025M05, 2024Q04), Y seen (2024Y01)
PERIODTYPE_FOR_FREQUENCY = {"M": "M", "K": "Q", "Å": "Y"}


def _tables_hint(table_id: str) -> str:
    return (
        f"Se listen over tabeller med `JobindsatsClient().tables()` og tabellens dimensioner med "
        f"`JobindsatsClient().table('{table_id}')`; tabel-id'er skiftede mellem v2 og v3 (fx Y36A02 → Y60A02). "
        "Ret derefter tabellen i catalogue.yml."
    )


# table listing and metadata -----------------------------------------------------------------------

def flatten_tables(body: Any) -> list[dict]:
    """`/tables` → one dict per table: table_id, table_name, subject_name, table_group_name.

    v3 nests tables in subjects and table groups. A flat list (as v2 may send [unverified]) is read with
    the usual key spellings.
    """
    if not isinstance(body, list):
        raise ValueError(f"forventede en liste, fik {type(body).__name__}")
    out = []
    for item in body:
        if isinstance(item, dict) and "table_groups" in item:
            for group in item["table_groups"] or []:
                for t in group.get("tables") or []:
                    out.append({
                        "table_id": str(t["table_id"]),
                        "table_name": t.get("table_name", ""),
                        "subject_name": item.get("subject_name", ""),
                        "table_group_name": group.get("table_group_name", ""),
                        "update_latest": str(t.get("update_latest") or ""),
                        "mgroups": [str(g.get("mgroup_name", "")) for g in t.get("mgroups") or []],
                    })
        elif isinstance(item, dict):
            low = {k.lower(): v for k, v in item.items()}
            tid = next((low[k] for k in ("table_id", "tableid", "id") if k in low), None)
            if tid is None:
                raise ValueError(f"en tabel uden id: {list(item)[:5]}")
            out.append({
                "table_id": str(tid),
                "table_name": next((low[k] for k in ("table_name", "tablename", "name", "title") if k in low), ""),
                "subject_name": next((low[k] for k in ("subject_name", "subject", "emne") if k in low), ""),
                "table_group_name": next((low[k] for k in ("table_group_name", "group") if k in low), ""),
            })
        else:
            raise ValueError(f"uventet element {item!r:.60}")
    return out


@dataclass
class Hierarchy:
    """One way of cutting a dimension (e.g. `_nykom`: kommuner), its levels top first."""

    id: str
    name: str = ""
    levels: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # level id → [(value_id, value_name)]

    @property
    def values(self) -> list[str]:
        """All value ids, over all levels, each once."""
        return list(dict.fromkeys(v for level in self.levels.values() for v, _ in level))


@dataclass
class Dimension:
    id: str
    name: str = ""
    hierarchies: list[Hierarchy] = field(default_factory=list)


@dataclass
class TableMeta:
    """v3 `/table/{id}`: periods by period type, dimensions with hierarchies/levels/values, and the
    measures as (measure group, measure id) when the metadata lists them."""

    id: str
    name: str = ""
    periods: dict[str, list[str]] = field(default_factory=dict)
    dimensions: list[Dimension] = field(default_factory=list)
    measures: list[tuple[str, str]] = field(default_factory=list)

    def hierarchy(self, key: str) -> tuple[Dimension, Hierarchy]:
        """A hierarchy by its id (`_nykom`), or a dimension's first hierarchy by the dimension id (`_omrade`)."""
        k = key.removeprefix("hierarchy.").lower()
        for d in self.dimensions:
            for h in d.hierarchies:
                if h.id.lower() == k:
                    return d, h
        for d in self.dimensions:
            if d.id.lower() == k and d.hierarchies:
                return d, d.hierarchies[0]
        known = ", ".join(f"{h.id} ({d.id})" for d in self.dimensions for h in d.hierarchies)
        raise UgyldigParameter(
            f"Tabel {self.id} har ingen dimension eller hierarki '{key}'. Den har: {known}. "
            "Ret `selection` for tabellen i catalogue.yml."
        )


def parse_table_meta(body: Any, table_id: str) -> TableMeta:
    """The v3 metadata JSON → `TableMeta`. Raises ValueError/KeyError/TypeError on another shape."""
    if not isinstance(body, dict) or not isinstance(body.get("periods"), list) or not isinstance(body.get("dimensions"), list):
        raise ValueError("metadata uden 'periods' og 'dimensions'")
    periods = {}
    for p in body["periods"]:
        periods[str(p["periodtype_id"])] = [str(v["period_id"]) if isinstance(v, dict) else str(v) for v in p.get("values") or []]
    dims = []
    for d in body["dimensions"]:
        hiers = []
        for h in d.get("hierarchies") or []:
            levels = {}
            for i, lv in enumerate(h.get("levels") or []):
                levels[str(lv.get("level_id", i))] = [
                    (str(v["value_id"]), str(v.get("value_name", v["value_id"]))) for v in lv.get("values") or []
                ]
            hiers.append(Hierarchy(str(h["hierarchy_id"]), str(h.get("hierarchy_name", "")), levels))
        dims.append(Dimension(str(d["dimension_id"]), str(d.get("dimension_name", "")), hiers))
    return TableMeta(str(body.get("table_id", table_id)), str(body.get("table_name", "")), periods, dims, _measures(body))


def _measures(node: Any, group: str = "*") -> list[tuple[str, str]]:
    """[unverified shape] every dict with a `measure_id`, with the id of the measure group around it."""
    found: list[tuple[str, str]] = []
    if isinstance(node, dict):
        group = str(node.get("mgroup_id") or node.get("measure_group_id") or group)
        if "measure_id" in node:
            found.append((group, str(node["measure_id"])))
        for key, value in node.items():
            if key not in ("periods", "dimensions"):
                found += _measures(value, group)
    elif isinstance(node, list):
        for item in node:
            found += _measures(item, group)
    return list(dict.fromkeys(found))


# splitting ----------------------------------------------------------------------------------------

@dataclass
class Part:
    """One data request of a table: its name in the raw store, its query parameters and its estimated size."""

    name: str
    params: dict[str, str]
    cells: int


def plan(
    meta: TableMeta,
    selection: dict,
    max_cells: int = DEFAULT_MAX_CELLS,
    fra: str | None = None,
    frequency: str | None = None,
    default_measures: int = 1,
) -> list[Part]:
    """Turn a catalogue `selection` into requests that each stay under the cell limit.

    `selection` keys: `period` (`"*"`, `"latest:14"` or a list; `period.M` also works), `periodtype`,
    `mgroup.*` (default `"*"`: all measures), and hierarchy or dimension ids (`_nykom`, `_kon`, `_omrade`)
    with `"*"`, `"/"` (the total), `"level:<id>"` or a list of value ids. Cells are estimated as periods ×
    areas × the other selected value counts × measures, with "*" expanded from the metadata. A request that
    is too large is split by period, then by area; a table that fits is asked for just as written.
    """
    sel = dict(selection or {})
    periodtype = sel.pop("periodtype", None)
    period_spec: Any = None
    for key in [k for k in sel if k == "period" or k.startswith("period.")]:
        period_spec = sel.pop(key)
        periodtype = periodtype or (key.split(".", 1)[1] if "." in key else None)
    mgroups = {k: sel.pop(k) for k in [k for k in sel if k.startswith("mgroup")]} or {"mgroup.*": "*"}
    chosen_h = {}
    for key, spec in sel.items():
        dim, hier = meta.hierarchy(str(key))
        chosen_h[hier.id] = (dim, hier, spec, _expand_values(meta.id, hier, spec))

    pt = _periodtype(meta, periodtype, frequency)
    periods = _expand_periods(period_spec if period_spec is not None else "*", _chronological(meta.periods[pt]))
    if fra:
        start = periode(fra).foerste_dag()
        periods = [p for p in periods if periode(p).foerste_dag() >= start]
        if not periods:
            last = meta.periods[pt][-1] if meta.periods[pt] else "ingen"
            raise UgyldigPeriode(f"Tabel {meta.id} har ingen perioder fra {fra}; den seneste er {last}. Vælg en tidligere startperiode.")
    if not periods:
        raise ApiFejl(f"Tabel {meta.id}: metadata fra Jobindsats nævner ingen perioder af typen {pt}. {_tables_hint(meta.id)}")

    n_measures = _count_measures(meta, mgroups, default_measures)
    area = next((hid for hid, (d, *_rest) in chosen_h.items()
                 if d.id == AREA_DIMENSION or "område" in d.name.lower()), None)
    area_count = len(chosen_h[area][3]) if area else 1
    others = 1
    for hid, (_d, _h, _s, values) in chosen_h.items():
        if hid != area:
            others *= max(1, len(values))
    per_area = others * n_measures
    per_period = per_area * max(1, area_count)

    def params(period_value: str, area_values: list[str] | None = None) -> dict[str, str]:
        p = {f"period.{pt}": period_value}
        p.update({k: _join(v) for k, v in mgroups.items()})
        for hid, (_d, _h, spec, _v) in chosen_h.items():
            p[f"hierarchy.{hid}"] = _join(area_values if (hid == area and area_values) else spec)
        return p

    total = len(periods) * per_period
    if total <= max_cells:
        as_written = isinstance(period_spec, str) or period_spec is None
        value = _join(period_spec if period_spec is not None else "*") if as_written and not fra else _join(periods)
        return [Part("data", params(value), total)]
    if per_period <= max_cells:
        k = max_cells // per_period
        chunks = [periods[i:i + k] for i in range(0, len(periods), k)]
        return [Part(_span(c), params(_join(c)), len(c) * per_period) for c in chunks]
    if area is None or area_count <= 1 or per_area > max_cells:
        raise ApiFejl(
            f"Tabel {meta.id}: én periode{' og ét område' if area else ''} giver ca. {_tal(per_area if area else per_period)} "
            f"celler, over grænsen på {_tal(max_cells)} celler pr. forespørgsel. Vælg færre værdier i tabellens "
            "`selection` i catalogue.yml (fx '/' for i alt i stedet for '*'), eller hæv grænsen med "
            "`JobindsatsClient(max_cells=...)`."
        )
    k = max_cells // per_area
    areas = chosen_h[area][3]
    area_chunks = [areas[i:i + k] for i in range(0, len(areas), k)]
    return [
        Part(f"{p}_omr{j:02d}", params(p, chunk), len(chunk) * per_area)
        for p in periods
        for j, chunk in enumerate(area_chunks, 1)
    ]


def _periodtype(meta: TableMeta, explicit: str | None, frequency: str | None) -> str:
    available = list(meta.periods)
    if explicit:
        if explicit in available:
            return explicit
        raise UgyldigParameter(f"Tabel {meta.id} har ikke periodetypen '{explicit}', kun {available}. Ret `periodtype` i catalogue.yml.")
    if len(available) == 1:
        return available[0]
    guess = PERIODTYPE_FOR_FREQUENCY.get(frequency or "")
    if guess in available:
        return guess
    if not available:
        raise ApiFejl(f"Tabel {meta.id}: metadata fra Jobindsats nævner ingen perioder. {_tables_hint(meta.id)}")
    raise UgyldigParameter(f"Tabel {meta.id} har periodetyperne {available}; angiv `periodtype` i tabellens `selection` i catalogue.yml.")


def _chronological(periods: list[str]) -> list[str]:
    """Oldest first, so `latest:N` takes the newest; the metadata's order is kept if a period is unreadable."""
    try:
        return sorted(periods, key=lambda p: periode(p).foerste_dag())
    except UgyldigPeriode:
        return list(periods)


def _expand_periods(spec: Any, available: list[str]) -> list[str]:
    if isinstance(spec, (list, tuple)):
        return [str(p) for p in spec]
    text = str(spec).strip()
    if text == "*":
        return list(available)
    m = re.fullmatch(r"latest:(\d+)", text)
    if m:
        n = int(m.group(1))
        return list(available[-n:]) if n else []
    return [p.strip() for p in text.split(",") if p.strip()]


def _expand_values(table_id: str, hier: Hierarchy, spec: Any) -> list[str]:
    if isinstance(spec, (list, tuple)):
        return [str(v) for v in spec]
    text = str(spec).strip()
    if text == "*":
        return hier.values or ["*"]
    if text == "/":
        return ["/"]
    if text.startswith("level:"):
        level = text.split(":", 1)[1]
        if level not in hier.levels:
            raise UgyldigParameter(f"Tabel {table_id}: hierarkiet {hier.id} har ikke niveauet '{level}', kun {list(hier.levels)}.")
        return [v for v, _ in hier.levels[level]]
    return [v.strip() for v in text.split(",") if v.strip()]


def _count_measures(meta: TableMeta, mgroups: dict, default: int) -> int:
    if not meta.measures:
        return max(1, default)
    n = 0
    for key, spec in mgroups.items():
        group = key.split(".", 1)[1] if "." in key else "*"
        in_group = [m for g, m in meta.measures if group == "*" or g == group]
        n += len(in_group) if str(spec).strip() == "*" else len(spec if isinstance(spec, (list, tuple)) else str(spec).split(","))
    return max(1, n)


def _join(value: Any) -> str:
    """Several values in one query parameter are sent comma-separated [seen for v3]."""
    return ",".join(str(v) for v in value) if isinstance(value, (list, tuple)) else str(value)


def _tal(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _span(periods: list[str]) -> str:
    return periods[0] if len(periods) == 1 else f"{periods[0]}-{periods[-1]}"


