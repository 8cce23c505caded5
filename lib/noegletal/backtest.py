"""Backtest: every figure Ballerup and STAR published (reference/published-figures.csv) against the
processed data, after the publication's own rounding.

How a published row is read (which catalogue indicator, which filter, which concrete period for
"2023 (seneste)") lives in one declarative file, `reference/published_mapping.yml`; this module only
applies it. The demo generator reads the same resolved figures as its calibration targets, so the demo
and the backtest cannot drift apart.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np
import pandas as pd
import yaml

from . import catalogue, geo, grupper
from .config import REFERENCE_DIR
from .errors import ManglendeData, UkendtOmraade
from .periods import periode

PUBLISHED_FILE = REFERENCE_DIR / "published-figures.csv"
MAPPING_FILE = REFERENCE_DIR / "published_mapping.yml"

OK = "ok"
AFVIGER = "afviger"
IKKE_DAEKKET = "ikke dækket"

AENDRING_12M = "aendring_12m"
SUM_AFRUNDEDE_DELE = "sum_afrundede_dele"
AENDRING_POINT_12M = "aendring_point_12m"  # a share's change in pct.-point from the month a year before
ANDEL_AF = "andel_af"  # the figure in pct. of another indicator (same area and period)
AENDRING_ANDEL_12M = "aendring_andel_12m"  # that share's change in pct.-point from the month a year before
_VIA_SERIE = (AENDRING_POINT_12M, ANDEL_AF, AENDRING_ANDEL_12M)  # computed with data.serie (groups too)

COLUMNS = ["source", "area", "indicator", "dimension", "period", "periode", "noegletal", "published", "demo",
           "status", "reason", "kalibreret"]  # kalibreret: a target of the demo (published_mapping.yml, demo:)


def afrund(x, decimals: int):
    """Round half away from zero, as spreadsheets and the sources do (Python's round() rounds half to even)."""
    x = np.asarray(x, dtype="float64")
    f = 10.0 ** decimals
    out = np.sign(x) * np.floor(np.abs(x) * f + 0.5 + 1e-9) / f
    return float(out) if out.ndim == 0 else out


def fold(text) -> str:
    """Compare labels the way the CSV writes them: ASCII ae/oe/aa, case-folded, spaces squeezed."""
    t = str(text).strip().lower()
    t = t.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return re.sub(r"\s+", " ", t)


@dataclass(frozen=True)
class Figure:
    """One published figure, resolved to a catalogue indicator (or marked as not covered)."""

    row: int
    source: str
    area: str
    indicator: str
    dimension: str
    period: str
    value: float
    decimals: int
    covered: bool
    reason: str = ""
    maps_to: str | None = None
    filter: dict = field(default_factory=dict)
    area_code: str | None = None
    periode: str | None = None
    transform: str | None = None
    transform_arg: str | None = None
    why: str = ""
    demo: bool = True  # a target of the demo's calibration (published_mapping.yml: demo: false says not)

    def matches(self, indicator: str, **flt) -> bool:
        return self.maps_to == indicator and all(fold(self.filter.get(k, "")) == fold(v) for k, v in flt.items())


@lru_cache(maxsize=1)
def mapping() -> dict:
    return yaml.safe_load(MAPPING_FILE.read_text(encoding="utf-8"))


def published() -> pd.DataFrame:
    """The published figures as text (so '2.0' keeps its decimal), with the row number."""
    df = pd.read_csv(PUBLISHED_FILE, dtype=str, keep_default_na=False)
    return df.reset_index(names="row")


def _decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def _full_match(pattern: str | None, text: str) -> re.Match | None | bool:
    if pattern is None:
        return True
    return re.fullmatch(pattern, text, flags=re.I)


def _rule_for(row) -> tuple[dict | None, dict]:
    for rule in mapping()["rules"]:
        if rule.get("area") and fold(rule["area"]) != fold(row.area):
            continue
        if rule.get("source") and rule["source"] != row.source:
            continue
        if not _full_match(rule.get("indicator"), row.indicator):
            continue
        m = _full_match(rule.get("dimension"), row.dimension)
        if not m:
            continue
        return rule, (m.groupdict() if isinstance(m, re.Match) else {})
    return None, {}


def _concrete_period(row) -> tuple[str, str]:
    for p in mapping()["periods"]:
        if p["source"] == row.source and p["period"] == row.period:
            return periode(p["as"]).kode, p.get("why", "")
    return periode(row.period).kode, ""


def _filter(rule: dict, groups: dict) -> dict:
    """The indicator's filter with the rule's on top; a value naming a regex group that did not match
    ('{ydelse}' for the row of the total) leaves the indicator's own value (its total)."""
    import string

    ind = catalogue.indicator(rule["maps_to"])
    out = dict(ind.filter)
    for key, value in (rule.get("filter") or {}).items():
        navne = [n for _, n, _, _ in string.Formatter().parse(str(value)) if n] if value is not None else []
        if value is None or any(groups.get(n) is None for n in navne):
            out.pop(key, None)
        else:
            out[key] = str(value).format(**groups)
    return out


def _transform(rule: dict) -> tuple[str | None, str | None]:
    t = rule.get("transform")
    if isinstance(t, dict):
        (name, arg), = t.items()
        return name, arg
    return t, None


def _resolve(row) -> Figure:
    base = dict(row=int(row.row), source=row.source, area=row.area, indicator=row.indicator,
                dimension=row.dimension, period=row.period, value=float(row.value), decimals=_decimals(row.value))
    rule, groups = _rule_for(row)
    if rule is None:
        return Figure(**base, covered=False, reason="Ingen regel i published_mapping.yml.")
    if "uncovered" in rule:
        return Figure(**base, covered=False, reason=" ".join(str(rule["uncovered"]).split()))
    try:
        area_code = grupper.omraade(row.area).kode  # a group of kommuner too (Hovedstadsområdet, a jobcenter)
    except UkendtOmraade:
        return Figure(**base, covered=False, reason=f"Området '{row.area}' findes ikke i data.")
    per, why_period = _concrete_period(row)
    transform, arg = _transform(rule)
    why = " ".join(" ".join(str(x).split()) for x in (rule.get("why", ""), why_period) if x)
    return Figure(**base, covered=True, maps_to=rule["maps_to"], filter=_filter(rule, groups), area_code=area_code,
                  periode=per, transform=transform, transform_arg=arg, why=why, demo=rule.get("demo", True) is not False)


def _note_targets(fig: Figure, note: str) -> list[Figure]:
    """Figures stated only in a row's note (e.g. 'kvartalet foer 40 pct'), for the demo's calibration."""
    rule, _groups = _rule_for(pd.Series({"area": fig.area, "source": fig.source, "indicator": fig.indicator,
                                         "dimension": fig.dimension}))
    out = []
    for nt in (rule or {}).get("note_targets", []):
        m = re.search(nt["pattern"], note or "", flags=re.I)
        if m:
            value = m.group("value")
            per = periode(fig.periode).shift(int(nt.get("period_shift", 0))).kode
            ind = catalogue.indicator(nt["maps_to"])
            out.append(replace(fig, maps_to=nt["maps_to"], filter=dict(ind.filter), periode=per, value=float(value),
                               decimals=_decimals(value), indicator=f"{fig.indicator} (note)", transform=None))
    return out


@lru_cache(maxsize=1)
def _figures() -> tuple[tuple[Figure, ...], tuple[Figure, ...]]:
    rows, notes = [], []
    for row in published().itertuples(index=False):
        fig = _resolve(row)
        rows.append(fig)
        if fig.covered:
            notes.extend(_note_targets(fig, row.note))
    return tuple(rows), tuple(notes)


def figures() -> list[Figure]:
    """Every published row, resolved; `covered` says whether the data can reproduce it."""
    return list(_figures()[0])


def targets() -> list[Figure]:
    """What the demo must reproduce: the covered rows plus the figures stated in notes."""
    rows, notes = _figures()
    return [f for f in rows if f.covered and f.demo] + [f for f in notes if f.demo]


# --- comparing ------------------------------------------------------------------------------------
def _rows(df: pd.DataFrame, ind: catalogue.Indicator, fig: Figure, periods: list[str], flt: dict,
          free: tuple[str, ...] = ()) -> pd.DataFrame:
    """The rows of one figure: its filter, and every other Jobindsats dimension at its total (as
    Indicator.fuldt_filter), except the `free` ones. A list in the filter keeps each of its values."""
    sel = df[(df["maal"] == ind.measure) & (df["omraade_kode"] == fig.area_code) & df["periode"].isin(periods)]
    totals = {c: v for c, v in ind.spec.totals_filter().items() if c not in free}
    for col, value in {**totals, **flt}.items():
        if col not in sel.columns:
            raise ManglendeData(f"Tabel {ind.table} har ingen dimension '{col}'.")
        wanted = [fold(v) for v in (value if isinstance(value, (list, tuple)) else [value])]
        sel = sel[sel[col].map(fold).isin(wanted)]
    return sel


def demo_value(fig: Figure, tabel=None) -> tuple[float, str]:
    """The processed data's value for a published figure, before the publication's rounding."""
    if tabel is None:
        from . import data

        tabel = data.tabel
    ind = catalogue.indicator(fig.maps_to)
    if fig.transform in _VIA_SERIE or geo.omraade(fig.area_code).niveau == geo.GRUPPE:
        return _serie_value(fig)
    df = tabel(ind.table)
    if fig.transform == AENDRING_12M:
        before = periode(fig.periode).shift(-12).kode
        sel = _rows(df, ind, fig, [before, fig.periode], fig.filter).set_index("periode")["vaerdi"]
        if len(sel) != 2:
            return math.nan, f"{fig.periode} eller {before} mangler i {ind.table}."
        return 100.0 * (sel[fig.periode] / sel[before] - 1.0), ""
    if fig.transform == SUM_AFRUNDEDE_DELE:
        dim = fig.transform_arg
        flt = {k: v for k, v in fig.filter.items() if k != dim}
        sel = _rows(df, ind, fig, [fig.periode], flt, free=(dim,))
        parts = sel[sel[dim].map(fold) != fold(fig.filter[dim])]
        if parts.empty or parts["vaerdi"].isna().any():
            return math.nan, f"Dele af '{dim}' mangler i {ind.table}."
        return float(afrund(parts["vaerdi"].to_numpy(), fig.decimals).sum()), ""
    sel = _rows(df, ind, fig, [fig.periode], fig.filter)
    if ind.sum_over:  # one number summed from its parts, as data.serie gives it; missing if a part is
        dele = int(np.prod([len(v) if isinstance(v, (list, tuple)) else 1
                            for c, v in fig.filter.items() if c in ind.sum_over]))
        if len(sel) != dele or sel["vaerdi"].isna().any():
            return math.nan, f"{dele - sel['vaerdi'].notna().sum()} af {dele} dele mangler i {ind.table}."
        return float(sel["vaerdi"].sum()), ""
    if len(sel) != 1:
        return math.nan, f"{len(sel)} rækker i {ind.table} passer (ventede 1)."
    value = float(sel["vaerdi"].iloc[0])
    if math.isnan(value):
        return value, f"Værdien mangler i data (status {sel['status'].iloc[0]})."
    return value, ""


def _uden_fold(table_id: str, flt: dict) -> dict:
    """The filter's values as the table spells them (the CSV writes ae/oe/aa: 'Foertidspension')."""
    from . import data

    out = {}
    for col, value in flt.items():
        kendte = {fold(v): v for v in data.vaerdier(table_id, col) if isinstance(v, str)}
        out[col] = [kendte.get(fold(v), v) for v in value] if isinstance(value, (list, tuple)) \
            else kendte.get(fold(value), value)
    return out


def _serie_value(fig: Figure) -> tuple[float, str]:
    """A figure computed with data.serie: for a group of kommuner (from its members' numbers, as the briefs
    compute it) and for the transforms that need another indicator or a share's change."""
    from . import data

    ind = catalogue.indicator(fig.maps_to)
    o = geo.omraade(fig.area_code)
    nu, foer = periode(fig.periode), periode(fig.periode).shift(-12)

    def vaerdi(indikator: str, q, flt: dict) -> tuple[float, str]:
        spec = catalogue.indicator(indikator)
        s = data.serie(indikator, [o], q, q, **_uden_fold(spec.table, flt))
        grund = s.attrs.get("grunde", {}).get(o.navn, "")
        if len(s) != 1:
            return math.nan, grund or f"{len(s)} rækker i {spec.table} passer (ventede 1)."
        x = float(s["vaerdi"].iloc[0])
        return x, ("" if not math.isnan(x) else grund or f"Værdien mangler i data (status {s['status'].iloc[0]}).")

    def andel(q) -> tuple[float, str]:
        x, p1 = vaerdi(ind.id, q, fig.filter)
        n, p2 = vaerdi(fig.transform_arg, q, {})
        return (100.0 * x / n if n else math.nan), p1 or p2

    if fig.transform in (None, AENDRING_12M, AENDRING_POINT_12M):
        x, problem = vaerdi(ind.id, nu, fig.filter)
        if fig.transform is None or problem:
            return x, problem
        y, problem = vaerdi(ind.id, foer, fig.filter)
        if problem:
            return math.nan, problem
        return (100.0 * (x / y - 1.0) if fig.transform == AENDRING_12M else x - y), ""
    if fig.transform in (ANDEL_AF, AENDRING_ANDEL_12M):
        x, problem = andel(nu)
        if fig.transform == ANDEL_AF or problem:
            return x, problem
        y, problem = andel(foer)
        return (x - y, "") if not problem else (math.nan, problem)
    return math.nan, f"Omregningen {fig.transform} findes ikke for en gruppe af kommuner."


def run(tabel=None) -> pd.DataFrame:
    """One row per published figure: published value, the data's value after the same rounding, status.

    `tabel` (table id → tidy frame) defaults to `data.tabel`, the processed data."""
    out = []
    for fig in figures():
        rec = dict(source=fig.source, area=fig.area, indicator=fig.indicator, dimension=fig.dimension,
                   period=fig.period, periode=fig.periode, noegletal=fig.maps_to, published=fig.value,
                   demo=math.nan, status=IKKE_DAEKKET, reason=fig.reason, kalibreret=fig.covered and fig.demo)
        if fig.covered:
            value, problem = demo_value(fig, tabel)
            rounded = afrund(value, fig.decimals) if not math.isnan(value) else math.nan
            rec["demo"] = rounded
            same = not math.isnan(rounded) and abs(rounded - fig.value) < 1e-9
            rec["status"] = OK if same else AFVIGER
            rec["reason"] = problem or fig.why
        out.append(rec)
    return pd.DataFrame(out, columns=COLUMNS)


def summary(result: pd.DataFrame | None = None) -> dict[str, int]:
    result = run() if result is None else result
    return {s: int((result["status"] == s).sum()) for s in (OK, AFVIGER, IKKE_DAEKKET)}
