"""Reading processed data: the fast paths in data.py give what filtering the whole table would give."""

import pandas as pd
import pytest

from noegletal import catalogue, data
from noegletal.errors import ManglendeData


def _naiv(table_id: str, maal: str, omraader: list[str], fra: str, til: str, **filter) -> pd.DataFrame:
    df = data.tabel(table_id)
    mask = (df["maal"] == maal) & df["omraade_kode"].isin(omraader)
    mask &= (df["periode"] >= fra) & (df["periode"] <= til)
    for col, value in filter.items():
        mask &= df[col].isin(value) if isinstance(value, list) else df[col] == value
    ud = df.loc[mask].drop(columns="maal")
    return ud.sort_values(["omraade_kode", "periode"], kind="stable").reset_index(drop=True)


def test_another_measure_of_the_indicators_table_keeps_its_filters(demo_data):
    ind = catalogue.indicator("aktiveringsgrad")
    s = data.serie("aktiveringsgrad", ["Ballerup", "Hele landet"], "2018M01", "2018M03",
                   maal="Fuldtidspersoner i målgruppen")
    forventet = _naiv(ind.table, "Fuldtidspersoner i målgruppen", ["151", "000"], "2018M01", "2018M03",
                      **ind.filter)
    assert len(s) == 6
    pd.testing.assert_frame_equal(s, forventet)


def test_another_measure_with_a_dimension_filter(demo_data):
    ind = catalogue.indicator("aktiveringsgrad")
    mg = ["Kontanthjælp", "I alt"]
    s = data.serie("aktiveringsgrad", ["Ballerup"], "2018M05", "2018M05", maal="Fuldtidsaktiverede",
                   maalgruppe=mg)
    forventet = _naiv(ind.table, "Fuldtidsaktiverede", ["151"], "2018M05", "2018M05",
                      **{**ind.filter, "maalgruppe": mg})
    assert set(s["maalgruppe"]) == set(mg)
    pd.testing.assert_frame_equal(s, forventet)


def test_an_unknown_measure_gives_no_rows_not_another_measure(demo_data):
    s = data.serie("aktiveringsgrad", ["Ballerup"], "2018M05", "2018M05", maal="Ingen sådan")
    assert s.empty


def test_distinct_values_in_the_order_of_the_source(demo_data):
    table_id = catalogue.indicator("aktiveringsgrad").table
    df = data.tabel(table_id)
    assert data.vaerdier(table_id, "maalgruppe") == list(df["maalgruppe"].unique())
    ptva02 = catalogue.indicator("forsoergede_fuldtid").table
    tab = data.tabel(ptva02)
    for gruppe in tab["ydelsesgruppe"].unique():
        assert data.vaerdier(ptva02, "ydelse", ydelsesgruppe=gruppe) == \
            list(tab.loc[tab["ydelsesgruppe"] == gruppe, "ydelse"].unique())
    assert data.vaerdier(ptva02, "ydelse", ydelsesgruppe="Ingen sådan") == []


def test_distinct_values_of_a_missing_table_say_what_to_run(tmp_data):
    with pytest.raises(ManglendeData, match="make data"):
        data.vaerdier("AUS08", "ydelse")
