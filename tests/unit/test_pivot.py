"""noegletal.pivot gives the very frame DataFrame.pivot gives (it replaces it in every chart and table)."""

import numpy as np
import pandas as pd
import pytest

from noegletal.pivot import pivot


def _samme(df, index, columns, values):
    ny, gammel = pivot(df, index, columns, values), df.pivot(index=index, columns=columns, values=values)
    pd.testing.assert_frame_equal(ny, gammel, check_exact=True, check_index_type=True, check_column_type=True)
    assert ny.index.dtype == gammel.index.dtype and ny.columns.dtype == gammel.columns.dtype
    assert (ny.index.name, ny.columns.name) == (gammel.index.name, gammel.columns.name)
    return ny


def _tidy(n_perioder=4, omraader=("Ballerup", "Hele landet", "Herlev")):
    rk = [(f"2018M{m:02d}", o, float(m * 10 + i)) for m in range(1, n_perioder + 1) for i, o in enumerate(omraader)]
    return pd.DataFrame(rk, columns=["periode", "omraade", "vaerdi"]).astype({"periode": "str", "omraade": "str"})


def test_a_complete_frame_is_pivoted_as_pandas_does_it_sorted_both_ways():
    df = _tidy().iloc[::-1].reset_index(drop=True)  # rows in any order
    w = _samme(df, "periode", "omraade", "vaerdi")
    assert list(w.columns) == ["Ballerup", "Hele landet", "Herlev"] and w.index[0] == "2018M01"


def test_a_missing_row_is_missing_never_0():
    df = _tidy().drop(index=[1, 5]).reset_index(drop=True)
    w = _samme(df, "periode", "omraade", "vaerdi")
    assert np.isnan(w.loc["2018M01", "Hele landet"]) and w.notna().sum().sum() == len(df)


def test_missing_values_integer_positions_and_one_row():
    df = _tidy()
    df.loc[3, "vaerdi"] = np.nan
    _samme(df, "periode", "omraade", "vaerdi")
    df = df.assign(_pos=df["periode"].str[-2:].astype(int) - 1)  # as the line chart pivots
    _samme(df, "_pos", "omraade", "vaerdi")
    _samme(df.iloc[:1], "periode", "omraade", "vaerdi")


def test_a_duplicate_key_fails_as_in_pandas():
    df = pd.concat([_tidy(), _tidy().iloc[:1]], ignore_index=True)
    with pytest.raises(ValueError, match="duplicate entries"):
        df.pivot(index="periode", columns="omraade", values="vaerdi")
    with pytest.raises(ValueError, match="duplicate entries"):
        pivot(df, "periode", "omraade", "vaerdi")


def test_what_it_cannot_copy_exactly_goes_to_pandas():
    df = _tidy().assign(status=lambda d: np.where(d["vaerdi"] > 20, "ok", "diskretioneret"))
    _samme(df, "periode", "omraade", "status")  # text values
    _samme(df.assign(vaerdi=df["vaerdi"].astype(int)), "periode", "omraade", "vaerdi")  # whole numbers
    med_hul = df.astype({"omraade": object})
    med_hul.loc[0, "omraade"] = None  # a missing key
    _samme(med_hul, "periode", "omraade", "vaerdi")
    _samme(df.iloc[:0], "periode", "omraade", "vaerdi")  # no rows
