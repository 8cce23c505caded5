"""The catalogue: its schema holds, and every indicator can be read from the demo's processed data."""

from __future__ import annotations

import numpy as np
import pytest

from noegletal import catalogue, data

INDICATORS = sorted(catalogue.indicators())


def test_schema():
    for tid, spec in catalogue.tables().items():
        assert spec.title and spec.frequency in ("M", "K", "Å") and spec.measures and spec.note, tid
        assert set(spec.shares) <= set(spec.measures) | set(spec.measure_labels.values()), tid
        for rule in spec.totals:
            assert rule["dimension"] in spec.dimensions.values() and rule["total"], tid
            assert set(rule.get("measures", [])) <= set(spec.measures), tid
        if tid.startswith("PROV_"):
            assert not spec.verified and "Foreløbigt id" in spec.note, tid
    for iid, ind in catalogue.indicators().items():
        assert ind.unit in ("pct", "personer", "fuldtidspersoner", "antal"), iid
        assert set(ind.filter) <= set(catalogue.table(ind.table).dimensions.values()), iid


@pytest.mark.parametrize("indicator", INDICATORS)
def test_indicator_exists_in_demo_data(demo_data, indicator):
    ind = catalogue.indicator(indicator)
    df = data.tabel(ind.table)
    assert ind.measure in set(df["maal"]), indicator
    for col, value in ind.filter.items():
        assert value in set(df[col]), (indicator, col, value)
    s = data.serie(indicator, omraader=["Ballerup", "Hele landet"])
    per_area = s.groupby(["omraade_kode", "periode"]).size()
    assert len(s) and (per_area == 1).all(), indicator  # the filter picks exactly one row per area and period
    assert s["vaerdi"].notna().mean() > 0.95, indicator
    if ind.unit == "pct":
        assert np.nanmax(s["vaerdi"]) <= 100


def test_every_table_total_value_exists(demo_data):
    for tid, spec in catalogue.tables().items():
        df = data.tabel(tid)
        for rule in spec.totals:
            assert rule["total"] in set(df[rule["dimension"]]), (tid, rule)
