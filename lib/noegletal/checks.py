"""Sanity checks that run on every build of a processed table (they reconcile, not just validate).

Unique keys, shares within [0, 100], parts that sum to the source's own total, and no kommune silently
dropped. A failure raises `DatakontrolFejl` naming the table and showing the rows that broke.
"""

from __future__ import annotations

import pandas as pd

from . import geo
from .catalogue import TableSpec
from .errors import DatakontrolFejl
from .sources.formats import KEY_COLUMNS, VALUE_COLUMNS

SHOW_ROWS = 5


def dimension_columns(df: pd.DataFrame) -> list[str]:
    return [c for c in df.columns if c not in KEY_COLUMNS and c not in VALUE_COLUMNS]


def _fail(spec: TableSpec, what: str, rows: pd.DataFrame) -> None:
    shown = rows.head(SHOW_ROWS).to_string(index=False)
    more = f"\n… og {len(rows) - SHOW_ROWS} rækker mere" if len(rows) > SHOW_ROWS else ""
    raise DatakontrolFejl(
        f"Datakontrol fejlede for tabel {spec.id} ({spec.title}): {what}.\n{shown}{more}\n"
        "Rådata er ikke ændret, og de tidligere bearbejdede data er bevaret. Hent rådata igen, "
        "eller ret tabellens opsætning i catalogue.yml, og byg igen med `noegletal data build`."
    )


def unique_keys(spec: TableSpec, df: pd.DataFrame) -> None:
    keys = ["omraade_kode", "omraade", "periode", *dimension_columns(df), "maal"]
    dup = df[df.duplicated(keys, keep=False)]
    if len(dup):
        _fail(spec, f"{len(dup)} rækker har samme nøgle (område, periode, dimensioner, mål)", dup.sort_values(keys))


def shares_in_range(spec: TableSpec, df: pd.DataFrame) -> None:
    shares = df[df["maal"].isin(spec.shares)]
    bad = shares[(shares["vaerdi"] < 0) | (shares["vaerdi"] > 100)]
    if len(bad):
        _fail(spec, f"{len(bad)} andele ligger uden for 0-100 pct.", bad)


def parts_sum_to_total(spec: TableSpec, df: pd.DataFrame) -> None:
    """For each declared total, the parts (other values of that dimension) must add up to it.

    Only compared where the total and every part have a value; the tolerance allows the source's own
    rounding of each part (half a unit per part)."""
    for rule in spec.totals:
        dim, total = rule["dimension"], rule["total"]
        measures = rule.get("measures") or list(df["maal"].unique())
        sub = df[df["maal"].isin(measures)]
        others = [c for c in ["omraade_kode", "omraade", "periode", *dimension_columns(df), "maal"] if c != dim]
        is_total = sub[dim] == total
        parts = sub[~is_total].assign(mangler=lambda d: d["vaerdi"].isna())
        grouped = parts.groupby(others, dropna=False, observed=True)
        summed = pd.DataFrame({"dele": grouped["vaerdi"].sum(min_count=1), "antal_dele": grouped.size(),
                               "mangler": grouped["mangler"].any()})
        totals = sub[is_total].set_index(others)["vaerdi"].rename("total")
        joined = summed.join(totals, how="inner").dropna(subset=["dele", "total"])
        joined = joined[~joined["mangler"]]
        tolerance = 0.5 * joined["antal_dele"] + 1e-9
        bad = joined[(joined["dele"] - joined["total"]).abs() > tolerance]
        if len(bad):
            _fail(spec, f"delene af '{dim}' summerer ikke til '{total}'", bad.reset_index())


def all_kommuner_present(spec: TableSpec, df: pd.DataFrame) -> None:
    """Every period must have every kommune: a kommune missing from the source is an error, not a gap."""
    want = {k.kode for k in geo.kommuner()}
    pairs = df.loc[df["niveau"] == geo.KOMMUNE, ["periode", "omraade_kode"]].drop_duplicates()
    counts = pairs.groupby("periode").size()
    short = counts[counts < len(want)].index
    missing = [(p, sorted(want - set(pairs.loc[pairs["periode"] == p, "omraade_kode"]))) for p in short]
    if counts.empty:
        missing = [("alle", sorted(want))]
    if missing:
        rows = pd.DataFrame(
            [(p, len(codes), ", ".join(geo.omraade(c).navn for c in codes[:8])) for p, codes in missing],
            columns=["periode", "antal manglende kommuner", "fx"],
        )
        _fail(spec, "kommuner mangler i rådata", rows)


ALL_CHECKS = (unique_keys, shares_in_range, parts_sum_to_total, all_kommuner_present)


def run_all(spec: TableSpec, df: pd.DataFrame) -> None:
    for check in ALL_CHECKS:
        check(spec, df)
