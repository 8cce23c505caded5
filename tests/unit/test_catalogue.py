"""The catalogue: its schema holds, and every indicator can be read from the demo's processed data."""

from __future__ import annotations

import numpy as np
import pytest
from noegletal import catalogue, data

# maaltal is one row per indicator, not a series per area and period (see maaltal.py and test_maaltal.py)
INDICATORS = sorted(set(catalogue.indicators()) - {"maaltal"})


def test_schema():
    for tid, spec in catalogue.tables().items():
        assert spec.title and spec.frequency in ("M", "K", "Å") and spec.measures, tid
        assert spec.evidence in catalogue.EVIDENCE and spec.evidence_source, tid
        assert set(spec.shares) <= set(spec.measures) | set(spec.measure_labels.values()), tid
        columns = set(spec.columns.values())
        for rule in spec.totals:
            assert rule["dimension"] in columns and rule["total"], tid
            assert set(rule.get("measures", [])) <= set(spec.measures), tid
        if spec.source == "jobindsats":
            assert tid == tid.lower() and spec.areas, tid  # v3 ids as every working client sends them
            for h in spec.hierarchies:
                assert h.evidence in catalogue.EVIDENCE and h.total and h.label, (tid, h.id)
        if spec.source == "egne":
            assert spec.publisher and spec.example, tid
    for iid, ind in catalogue.indicators().items():
        assert ind.unit in ("pct", "personer", "fuldtidspersoner", "antal"), iid
        assert set(ind.filter) <= set(catalogue.table(ind.table).columns.values()), iid
        assert set(ind.sum_over) <= set(ind.filter), iid


def test_no_provisional_ids_left():
    text = catalogue.CATALOGUE_FILE.read_text(encoding="utf-8")
    assert "PROV_" not in text
    assert not [t for t in catalogue.tables() if t.upper().startswith("PROV")]


def test_a_jobindsats_dimension_an_indicator_does_not_name_is_its_total():
    ind = catalogue.indicator("ledige_dagpenge")
    assert ind.fuldt_filter == {"ydelsesgruppe": "A-dagpenge", "koen": "I alt", "alder": "Alder i alt",
                                "herkomst": "Oprindelse i alt"}


def test_catalogue_lines_point_at_the_key():
    lines = catalogue.CATALOGUE_FILE.read_text(encoding="utf-8").splitlines()
    assert lines[catalogue.line("y25i01") - 1].strip() == "y25i01:"
    assert lines[catalogue.line("y25i01", "hierarchies", "_kon", "total") - 1].strip() == "total: I alt"
    assert "25-29 år" in lines[catalogue.line("y25i01", "hierarchies", "_aldera", "values", "25-29 år") - 1]
    assert "areas" in lines[catalogue.line("y25i14" if "y25i14" in catalogue.tables() else "y25i09", "areas") - 1]


@pytest.mark.parametrize("indicator", INDICATORS)
def test_indicator_exists_in_demo_data(demo_data, indicator):
    ind = catalogue.indicator(indicator)
    df = data.tabel(ind.table)
    assert ind.measure in set(df["maal"]), indicator
    for col, value in ind.fuldt_filter.items():
        for v in value if isinstance(value, list) else [value]:
            assert v in set(df[col]), (indicator, col, v)
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


def test_no_key_is_written_twice_in_the_catalogue():
    """YAML keeps the last of two equal keys without a word: a second indicator with an existing id would
    silently replace the first."""
    import yaml
    from noegletal.config import CATALOGUE_FILE

    dobbelte = []

    class Laeser(yaml.SafeLoader):
        pass

    def mapping(loader, node, deep=False):
        keys = [loader.construct_object(k) for k, _ in node.value]
        dobbelte.extend(k for k in set(keys) if keys.count(k) > 1)
        return yaml.SafeLoader.construct_mapping(loader, node, deep)

    Laeser.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    yaml.load(CATALOGUE_FILE.read_text(encoding="utf-8"), Loader=Laeser)
    assert not dobbelte


def test_corrections_in_the_data_folder_are_read_on_top_and_checked(tmp_path, monkeypatch):
    from noegletal.errors import UgyldigParameter

    monkeypatch.setenv("NOEGLETAL_DATA", str(tmp_path))
    assert catalogue.rettelser() == {}
    fil = tmp_path / catalogue.RETTELSER_FIL
    fil.write_text("tabeller:\n  y25i01:\n    vaerdier:\n      _kon: {Mænd: Mand}\n    hierarkier: {_aldera: _alder5i30}\n",
                   encoding="utf-8")
    r = catalogue.rettelser()["y25i01"]
    assert r.vaerdier == {"_kon": {"Mænd": "Mand"}} and r.hierarkier == {"_aldera": "_alder5i30"} and r
    fil.write_text("tabeller:\n  y99x99:\n    maal: {a: b}\n", encoding="utf-8")
    with pytest.raises(UgyldigParameter, match="y99x99"):
        catalogue.rettelser()
