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
    ind = catalogue.indicator("ledige_dagpenge")
    s = data.serie("ledige_dagpenge", ["Ballerup", "Hele landet"], "2018M01", "2018M03", maal="Antal ledige personer")
    forventet = _naiv(ind.table, "Antal ledige personer", ["151", "000"], "2018M01", "2018M03", **ind.fuldt_filter)
    assert len(s) == 6
    pd.testing.assert_frame_equal(s, forventet)


def test_another_measure_with_a_dimension_filter(demo_data):
    ind = catalogue.indicator("ledige_fuldtid")
    yg = ["Kontanthjælp", "Ydelsesgrupper i alt"]
    s = data.serie("ledige_fuldtid", ["Ballerup"], "2018M05", "2018M05", maal="Antal ledige personer",
                   ydelsesgruppe=yg)
    forventet = _naiv(ind.table, "Antal ledige personer", ["151"], "2018M05", "2018M05",
                      **{**ind.fuldt_filter, "ydelsesgruppe": yg})
    assert set(s["ydelsesgruppe"]) == set(yg)
    pd.testing.assert_frame_equal(s, forventet)


def test_a_dimension_the_indicator_does_not_name_is_at_its_total(demo_data):
    s = data.serie("ledige_fuldtid", ["Ballerup"], "2018M05", "2018M05")
    assert len(s) == 1 and s.iloc[0][["ydelsesgruppe", "koen", "alder", "herkomst"]].tolist() == [
        "Ydelsesgrupper i alt", "I alt", "Alder i alt", "Oprindelse i alt"]


def test_sum_over_gives_one_summed_row_and_is_missing_when_a_part_is(demo_data):
    s = data.serie("ledige_unge", ["Ballerup"], "2018M05", "2018M05")
    dele = _naiv("y25i01", "Antal ledige fuldtidspersoner", ["151"], "2018M05", "2018M05",
                 **catalogue.indicator("ledige_unge").fuldt_filter)
    assert len(s) == 1 and len(dele) == 2 and s["vaerdi"].iloc[0] == dele["vaerdi"].sum()
    assert s["alder"].iloc[0] == "I alt" and s["status"].iloc[0] == "ok"
    from noegletal.data import _summer

    en = dele.copy()
    en.loc[0, ["vaerdi", "status"]] = [float("nan"), "diskretioneret"]
    summed = _summer(en, ["alder"], {"alder": ["16-24 år", "25-29 år"]})
    assert summed["vaerdi"].isna().all() and summed["status"].iloc[0] == "diskretioneret"  # never too small
    summed = _summer(dele.iloc[:1], ["alder"], {"alder": ["16-24 år", "25-29 år"]})
    assert summed["vaerdi"].isna().all() and summed["status"].iloc[0] == "mangler"  # a part with no row


def test_an_unknown_measure_gives_no_rows_not_another_measure(demo_data):
    s = data.serie("ledige_fuldtid", ["Ballerup"], "2018M05", "2018M05", maal="Ingen sådan")
    assert s.empty


def test_distinct_values_in_the_order_of_the_source(demo_data):
    table_id = catalogue.indicator("aktiverede").table
    df = data.tabel(table_id)
    assert data.vaerdier(table_id, "ydelsesgruppe") == list(df["ydelsesgruppe"].unique())
    tab = data.tabel("y60a02")
    for sats in tab["sats"].unique():
        assert data.vaerdier("y60a02", "visitation", sats=sats) == list(tab.loc[tab["sats"] == sats, "visitation"].unique())
    assert data.vaerdier("y60a02", "visitation", sats="Ingen sådan") == []


def test_distinct_values_of_a_missing_table_say_what_to_run(tmp_data):
    with pytest.raises(ManglendeData, match="make data"):
        data.vaerdier("AUS08", "ydelse")


def test_codes_from_the_parquet_dictionary_are_pandas_factorize_sorted():
    import numpy as np
    import pyarrow as pa

    # unsorted dictionary, an entry no row uses, a missing value, two chunks with different dictionaries
    del_a = pa.DictionaryArray.from_arrays(pa.array([1, None, 1, 0], pa.int32()), pa.array(["æble", "b", "ubrugt"]))
    del_b = pa.DictionaryArray.from_arrays(pa.array([0, 0], pa.int32()), pa.array(["a"]))
    kol = pa.chunked_array([del_a, del_b]).unify_dictionaries().combine_chunks()
    koder, indeks, vaerdier = data._sorterede_koder(kol)
    forventet, unikke = pd.factorize(pd.Series(kol.to_pylist(), dtype="str"), sort=True)
    assert koder.tolist() == forventet.tolist() == [1, -1, 1, 2, 0, 0]
    assert list(vaerdier) == list(np.asarray(unikke, dtype=object)) == ["a", "b", "æble"]
    assert indeks == {"a": 0, "b": 1, "æble": 2}


def test_a_table_read_through_its_dictionaries_is_the_frame_pandas_reads(tmp_path):
    sti = tmp_path / "t.parquet"
    df = pd.DataFrame({"omraade": ["Ballerup", None, "Herlev"] * 3, "periode": ["2018M06"] * 9,
                       "vaerdi": [1.0, None, 3.0] * 3}).astype({"omraade": "str", "periode": "str"})
    df.to_parquet(sti, index=False, row_group_size=4)  # three row groups, each with its own dictionary
    pd.testing.assert_frame_equal(data._read(str(sti), 1.0), pd.read_parquet(sti))


def test_every_indicator_for_some_areas_is_what_filtering_the_whole_table_gives(demo_data):
    """serie takes its rows from a frame of the areas' rows only (made once, kept): the same rows as the
    whole table filtered, for every indicator without sums, whichever areas were asked before."""
    for iid, ind in catalogue.indicators().items():
        if ind.sum_over or not data.har_tabel(ind.table) or data.tabel(ind.table)["frekvens"].iloc[0] != "M":
            continue  # (a quarterly or yearly table's periods do not compare as month codes in _naiv)
        for omraader in (["151", "000"], ["151"], ["825", "151", "084"]):
            s = data.serie(iid, omraader, "2017M06", "2018M06")
            koder = {"151", "000"} if omraader == ["151", "000"] else set(omraader)
            forventet = _naiv(ind.table, ind.measure, sorted(koder), "2017M06", "2018M06", **ind.fuldt_filter)
            pd.testing.assert_frame_equal(s, forventet, obj=f"{iid} {omraader}")


def test_one_month_for_every_area_is_each_areas_own_value(demo_data):
    for iid in ("forsoergede_pct", "ledige_unge", "ledighedsprocent"):
        alle = data.i_maaneden(iid, "2018M06")
        assert len(alle) > 98 and alle.index.is_unique
        for kode in ("151", "825", "000", "084"):
            egen = data.serie(iid, [kode], "2018M06", "2018M06")
            assert alle[kode] == egen["vaerdi"].iloc[0] or (pd.isna(alle[kode]) and egen["vaerdi"].isna().all())
    assert data.i_maaneden("forsoergede_pct", "2018M06") is data.i_maaneden("forsoergede_pct", "2018-06")  # kept


def test_a_whole_table_read_through_its_dictionaries_is_the_frame_pandas_reads(demo_data):
    for tid in ("y25i01", "ptv_a02", "klynger"):
        pd.testing.assert_frame_equal(data.tabel(tid), pd.read_parquet(data.table_path(tid)))


def test_groups_from_codes_are_pandas_groupby_ngroup():
    """_summer's groups come from the columns' integer codes (-1: missing); they must number rows exactly as
    pandas' groupby(sort=False, dropna=False).ngroup() on the text does, missing values included."""
    import numpy as np

    rng = np.random.default_rng(1)
    for _ in range(200):
        n = int(rng.integers(0, 60))
        koder = [rng.integers(-1, int(rng.integers(1, 5)), n) for _ in range(int(rng.integers(1, 5)))]
        df = pd.DataFrame({f"k{i}": pd.array([None if v < 0 else f"v{v}" for v in k], dtype="str")
                           for i, k in enumerate(koder)})
        forventet = df.groupby(list(df.columns), sort=False, dropna=False).ngroup().to_numpy()
        assert data._grupper(koder).tolist() == forventet.tolist()


def test_an_indicators_periods_are_those_of_its_rows_with_a_value(demo_data):
    """`perioder` finds them from the codes; filtering the indicator's whole series gives the same."""
    from noegletal.errors import ManglendeOpdeling

    for navn, ind in catalogue.indicators().items():
        if not data.har_tabel(ind.table):
            continue
        try:
            s = data.serie(navn)
        except ManglendeOpdeling:
            s = data.tabel(ind.table)
            s = s[s["maal"] == ind.measure]
        forventet = sorted(s.loc[s["vaerdi"].notna(), "periode"].unique().tolist())
        assert data.perioder(navn) == forventet, navn

