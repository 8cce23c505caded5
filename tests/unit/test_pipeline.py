import math

import pandas as pd
import pytest

from conftest import aus08_bulk, write_aus08
from noegletal import data, pipeline
from noegletal.errors import DatakontrolFejl, ManglendeData, RaaDataFejl
from noegletal.raw import RawStore


def test_build_and_read_back(tmp_data):
    store = RawStore()
    write_aus08(store, aus08_bulk())
    results = pipeline.build()
    assert [r.table for r in results] == ["AUS08"]
    df = data.tabel("AUS08")
    assert set(df["maal"]) == {"Sæsonkorrigeret ledighed i pct. af arbejdsstyrken", "Sæsonkorrigerede fuldtidsledige"}
    s = data.serie("ledighedsprocent", omraader=["Ballerup", "Hele landet"], fra="2018M06")
    assert list(s["omraade"]) == ["Hele landet", "Ballerup"] and list(s["vaerdi"]) == [3.5, 3.5]
    assert df.loc[df["maal"] == "Sæsonkorrigerede fuldtidsledige", "vaerdi"].iloc[0] == 1234
    assert data.kildeinfo()["demo"] is False


def test_suppressed_value_stays_missing(tmp_data):
    store = RawStore()
    write_aus08(store, aus08_bulk().replace(b"151;9;2018M06;3,5", b"151;9;2018M06;.."))
    pipeline.build()
    s = data.serie("ledighedsprocent", omraader=["151"], fra="2018M06", til="2018M06")
    assert math.isnan(s["vaerdi"].iloc[0]) and s["status"].iloc[0] == "diskretioneret"


def test_missing_kommune_fails_loudly_and_keeps_previous_build(tmp_data):
    store = RawStore()
    write_aus08(store, aus08_bulk())
    pipeline.build()
    before = pd.read_parquet(pipeline.table_path("AUS08"))
    write_aus08(store, aus08_bulk(skip={"151"}))
    with pytest.raises(DatakontrolFejl) as e:
        pipeline.build()
    assert "AUS08" in str(e.value) and "Ballerup" in str(e.value)
    pd.testing.assert_frame_equal(pd.read_parquet(pipeline.table_path("AUS08")), before)


def test_share_out_of_range_names_rows(tmp_data):
    write_aus08(RawStore(), aus08_bulk(value="130,0"))
    with pytest.raises(DatakontrolFejl, match="uden for 0-100"):
        pipeline.build()


def test_duplicate_rows_fail(tmp_data):
    write_aus08(RawStore(), aus08_bulk(extra_rows=["151;9;2018M06;3,6"]))
    with pytest.raises(DatakontrolFejl, match="samme nøgle"):
        pipeline.build()


def test_corrupt_raw_file_stops_build(tmp_data):
    store = RawStore()
    e = write_aus08(store, aus08_bulk())
    (store.root / e.path).write_bytes(b"OMR")
    with pytest.raises(RaaDataFejl, match="noegletal data fetch --source statbank"):
        pipeline.build()


def test_no_raw_data_says_what_to_run(tmp_data):
    with pytest.raises(ManglendeData, match="noegletal data demo"):
        pipeline.build()


def test_missing_processed_table_says_what_to_run(tmp_data):
    with pytest.raises(ManglendeData, match="make data"):
        data.tabel("AUS08")
