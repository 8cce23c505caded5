import math

import pandas as pd
import pytest
from conftest import aus08_bulk, write_aus08
from noegletal import data, geo, pipeline
from noegletal.errors import DatakontrolFejl, ManglendeData, RaaDataFejl
from noegletal.raw import RawEntry, RawStore
from noegletal.sources.statbank import FORMAT_BULK


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


# --- FOLK1AM as Statistikbanken sends it: 1-year ages, summed into the catalogue's age groups ---------------

def _folk1am_bulk(periods=("2018M05", "2018M06"), celle=lambda o, p, alder: "10", udelad=()) -> bytes:
    lines = ["OMRÅDE;ALDER;TID;INDHOLD"]
    for o in geo.alle_omraader():
        for p in periods:
            lines.append(f"{o.kode};IALT;{p};1.260")
            lines += [f"{o.kode};{a};{p};{celle(o.kode, p, a)}" for a in range(126) if (o.kode, p, a) not in udelad]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _byg_folk1am(raa: bytes) -> pd.DataFrame:
    entry = RawEntry(path="statbank/FOLK1AM/data.csv", source="statbank", table="FOLK1AM",
                     url="https://api.statbank.dk/v1/data", query={"table": "FOLK1AM"}, format=FORMAT_BULK)
    RawStore().write(entry, raa)
    pipeline.build()
    df = data.tabel("FOLK1AM")
    return df.set_index(["omraade_kode", "periode", "maal"])


def test_one_year_ages_are_summed_into_the_age_groups(tmp_data):
    df = _byg_folk1am(_folk1am_bulk())
    b = df.loc[("151", "2018M06")]
    assert b.loc["Befolkningen 16-66 år", "vaerdi"] == 51 * 10
    assert b.loc["Befolkningen 0-15 år", "vaerdi"] == 16 * 10
    assert b.loc["Befolkningen 67 år og derover", "vaerdi"] == (125 - 67 + 1) * 10
    assert b.loc["Befolkningen i alt", "vaerdi"] == 1260
    assert set(b["status"]) == {"ok"}
    assert len(b) == 11  # I alt and the ten groups, no single ages left


def test_an_age_group_with_a_suppressed_or_missing_age_is_missing_not_too_small(tmp_data):
    raa = _folk1am_bulk(celle=lambda o, p, a: ".." if (o, p, a) == ("151", "2018M06", 40) else "10",
                        udelad={("147", "2018M06", 17)})
    df = _byg_folk1am(raa)
    b = df.loc[("151", "2018M06")]
    assert math.isnan(b.loc["Befolkningen 16-66 år", "vaerdi"])
    assert b.loc["Befolkningen 16-66 år", "status"] == "diskretioneret"
    assert b.loc["Befolkningen 0-15 år", "vaerdi"] == 160  # groups without age 40 are whole
    f = df.loc[("147", "2018M06")]
    assert math.isnan(f.loc["Befolkningen 16-17 år", "vaerdi"]) and f.loc["Befolkningen 16-17 år", "status"] == "mangler"
    assert f.loc["Befolkningen 18-29 år", "vaerdi"] == 120
    assert df.loc[("147", "2018M05", "Befolkningen 16-17 år"), "vaerdi"] == 20


def test_the_same_age_twice_stops_the_build(tmp_data):
    raa = _folk1am_bulk() + "151;30;2018M06;10\n".encode()
    with pytest.raises(RaaDataFejl, match="FOLK1AM: alder 30 står flere gange for Ballerup 2018M06"):
        _byg_folk1am(raa)


# --- damaged data names its file; gaps; leftovers ----------------------------------------------------------------

def test_a_raw_file_that_is_not_its_format_names_the_file_not_only_the_table(tmp_data):
    store = RawStore()
    e = write_aus08(store, "OMRÅDE;SAESONFAK;TID\n151;9\n".encode("utf-8"))  # checksum fine, content not BULK
    with pytest.raises(RaaDataFejl) as info:
        pipeline.build()
    assert str(store.root / e.path) in str(info.value) and "noegletal data fetch --source statbank" in str(info.value)


def test_build_reports_gaps_and_sweeps_a_killed_builds_staging(tmp_data):
    import os
    import time

    write_aus08(RawStore(), aus08_bulk(periods=("2018M01", "2018M04")))
    gammel = tmp_data / ".processed-gammel"
    gammel.mkdir(parents=True)
    os.utime(gammel, (time.time() - 600, time.time() - 600))
    (r,) = pipeline.build()
    assert r.huller == ["2018M02", "2018M03"] and not gammel.exists()
    assert data.mangler_perioder("AUS08") == ["2018M02", "2018M03"]


def test_a_damaged_processed_manifest_is_not_missing_data(tmp_data):
    from noegletal.errors import BeskadigetData

    write_aus08(RawStore(), aus08_bulk())
    pipeline.build()
    (tmp_data / "processed" / "manifest.json").write_text("[1, 2")
    with pytest.raises(BeskadigetData, match="noegletal data build") as info:
        data.kildeinfo()
    assert not isinstance(info.value, ManglendeData)  # a brief must stop, not leave a block out
