"""Statistikbanken client and BULK parser on recorded responses (tests/fixtures/statbank, see its README)."""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path

import pytest
import responses
from noegletal.catalogue import TableSpec
from noegletal.errors import ApiFejl, UgyldigPeriode
from noegletal.raw import RawEntry, RawStore
from noegletal.sources import formats, http, statbank
from noegletal.sources.statbank import StatbankClient
from responses import matchers

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "statbank"
BASE = "https://api.statbank.dk/v1"


def fixture(name: str) -> bytes:
    return (FIX / name).read_bytes()


@pytest.fixture(autouse=True)
def _env(monkeypatch):
    monkeypatch.delenv("STATBANK_API_URL", raising=False)


@pytest.fixture
def client():
    return StatbankClient(session=http.make_session(retries=0))


AUS08 = TableSpec(id="AUS08", source="statbank", title="Sæsonkorrigerede fuldtidsledige", frequency="M",
                  area_col="OMRÅDE", period_col="TID", measures=("INDHOLD",), measure_dimension="SAESONFAK",
                  selection={"OMRÅDE": ["000", "101", "151"], "SAESONFAK": ["9", "10"], "Tid": ["*"]})


def data_body(tid):
    return {"table": "AUS08", "format": "BULK", "lang": "da", "valuePresentation": "Code",
            "variables": [{"code": "OMRÅDE", "values": ["000", "101", "151"]},
                          {"code": "SAESONFAK", "values": ["9", "10"]},
                          {"code": "Tid", "values": tid}]}


# requests ---------------------------------------------------------------------------------------

@responses.activate
def test_tableinfo_is_a_json_post(client):
    responses.post(f"{BASE}/tableinfo", body=fixture("AUS08_tableinfo.json"),
                   match=[matchers.json_params_matcher({"table": "AUS08", "format": "JSON", "lang": "da"})])
    info = client.tableinfo("AUS08")
    assert info["id"] == "AUS08" and [v["id"] for v in info["variables"]] == ["OMRÅDE", "SAESONFAK", "Tid"]
    assert statbank.time_variable(info)["values"][0] == {"id": "2024M10", "text": "2024M10"}


@responses.activate
def test_tables_and_base_url_from_environment(monkeypatch):
    monkeypatch.setenv("STATBANK_API_URL", "http://mirror.example/statbank/v1/")
    responses.post("http://mirror.example/statbank/v1/tables", body=fixture("tables.json"),
                   match=[matchers.json_params_matcher({"lang": "da", "format": "JSON"})])
    assert [t["id"] for t in StatbankClient(session=http.make_session(retries=0)).tables()] == ["AUS08", "FOLK1AM"]


@responses.activate
def test_data_posts_the_documented_body(client):
    responses.post(f"{BASE}/data", body=fixture("AUS08_data.csv"),
                   match=[matchers.json_params_matcher(data_body(["*"]))])
    assert client.data("AUS08", {"OMRÅDE": ["000", "101", "151"], "SAESONFAK": ["9", "10"], "Tid": ["*"]}) \
        == fixture("AUS08_data.csv")


# parsing ----------------------------------------------------------------------------------------

def test_aus08_bulk_to_tidy():
    wide = statbank.parse_bulk(fixture("AUS08_data.csv"), "AUS08")
    assert list(wide.columns) == ["OMRÅDE", "SAESONFAK", "TID", "INDHOLD"] and len(wide) == 36
    assert wide.OMRÅDE.iloc[0] == "000"  # codes stay text, leading zeros kept
    t = formats.to_tidy(wide, area_col="OMRÅDE", period_col="TID", measures=["INDHOLD"], table="AUS08")
    row = t[(t.omraade_kode == "151") & (t.saesonfak == "9") & (t.periode == "2025M02")]
    assert math.isnan(row.vaerdi.iloc[0]) and row.status.iloc[0] == formats.DISKRETIONERET
    landet = t[(t.omraade == "Hele landet") & (t.saesonfak == "9") & (t.periode == "2024M10")]
    assert landet.vaerdi.iloc[0] == 2.9 and landet.niveau.iloc[0] == "land"
    assert t[(t.omraade_kode == "101") & (t.saesonfak == "10")].vaerdi.iloc[0] == 14250
    assert not (t[t.status != formats.OK].vaerdi == 0).any()


def test_aup01_bulk():
    wide = statbank.parse_bulk(fixture("AUP01_data.csv"), "AUP01")
    assert list(wide.columns) == ["OMRÅDE", "KØN", "ALDER", "TID", "INDHOLD"]
    t = formats.to_tidy(wide, area_col="OMRÅDE", period_col="TID", measures=["INDHOLD"],
                        dimensions={"KØN": "koen", "ALDER": "alder"}, table="AUP01")
    assert (t[(t.omraade == "Ballerup") & (t.koen == "K") & (t.alder == "16-24")].status == formats.DISKRETIONERET).all()
    assert t[(t.omraade_kode == "000") & (t.koen == "TOT") & (t.alder == "TOT") & (t.periode == "2025M01")].vaerdi.iloc[0] == 2.9


def test_folk1am_bulk_with_bom():
    assert fixture("FOLK1AM_data.csv").startswith(b"\xef\xbb\xbf")
    wide = statbank.parse_bulk(fixture("FOLK1AM_data.csv"), "FOLK1AM")
    assert wide.columns[0] == "OMRÅDE" and len(wide) == 27
    t = formats.to_tidy(wide, area_col="OMRÅDE", period_col="TID", measures=["INDHOLD"], table="FOLK1AM")
    assert (t.status == formats.OK).all() and t.vaerdi.max() == 5992734 + 300


# errors -----------------------------------------------------------------------------------------

@responses.activate
@pytest.mark.parametrize("name, endpoint", [("error_unknown_table.json", "tableinfo"),
                                            ("error_unknown_variable.json", "data")])
def test_error_message_is_quoted(client, name, endpoint):
    responses.post(f"{BASE}/{endpoint}", status=400, body=fixture(name))
    call = (lambda: client.tableinfo("AUS99")) if endpoint == "tableinfo" else \
        (lambda: client.data("AUS08", {"OMRAADE": ["*"]}))
    with pytest.raises(ApiFejl) as err:
        call()
    msg = str(err.value)
    assert json.loads(fixture(name))["message"] in msg and "HTTP 400" in msg
    assert "StatbankClient().tableinfo(" in msg


@responses.activate
@pytest.mark.parametrize("body", [b"<html><body>Fejl</body></html>", b"", b"OMR\xc3\x85DE;TID\n000;2025M01\n",
                                  b'{"dataset": {}}'])
def test_malformed_data(client, body):
    responses.post(f"{BASE}/data", body=body)
    with pytest.raises(ApiFejl, match="kunne ikke læses.*noegletal data demo"):
        client.data("AUS08", {"Tid": ["*"]})


@responses.activate
def test_malformed_tableinfo(client):
    responses.post(f"{BASE}/tableinfo", body=b'{"id": "AUS08"}')
    with pytest.raises(ApiFejl, match="kunne ikke læses"):
        client.tableinfo("AUS08")


@responses.activate
def test_server_error_says_try_later(client):
    responses.post(f"{BASE}/data", status=503, body=b"")
    with pytest.raises(ApiFejl, match="503.*noegletal data demo"):
        client.data("AUS08", {"Tid": ["*"]})


# fetch ------------------------------------------------------------------------------------------

@responses.activate
def test_fetch_writes_raw_file_and_manifest(client, tmp_path):
    responses.post(f"{BASE}/data", body=fixture("AUS08_data.csv"), match=[matchers.json_params_matcher(data_body(["*"]))])
    store = RawStore(tmp_path)
    [entry] = statbank.fetch(AUS08, store, client=client)
    assert len(responses.calls) == 1  # no tableinfo needed without `fra`
    assert entry.path == "statbank/AUS08/data.csv" and entry.format == statbank.FORMAT_BULK and not entry.demo
    raw = (tmp_path / entry.path).read_bytes()
    assert raw == fixture("AUS08_data.csv")
    m = store.entries()[entry.path]
    assert m.sha256 == hashlib.sha256(raw).hexdigest() and m.url == f"{BASE}/data" and m.query == data_body(["*"])
    assert store.read(m) == raw


@responses.activate
def test_fetch_with_fra_asks_for_explicit_periods(client, tmp_path):
    responses.post(f"{BASE}/tableinfo", body=fixture("AUS08_tableinfo.json"))
    responses.post(f"{BASE}/data", body=fixture("AUS08_data.csv"),
                   match=[matchers.json_params_matcher(data_body(["2025M01", "2025M02", "2025M03"]))])
    [entry] = statbank.fetch(AUS08, RawStore(tmp_path), fra="2025M01", client=client)
    assert entry.query["variables"][2] == {"code": "Tid", "values": ["2025M01", "2025M02", "2025M03"]}


@responses.activate
def test_fetch_with_fra_after_the_last_period(client, tmp_path):
    responses.post(f"{BASE}/tableinfo", body=fixture("AUS08_tableinfo.json"))
    with pytest.raises(UgyldigPeriode, match="2025M03"):
        statbank.fetch(AUS08, RawStore(tmp_path), fra="2026M01", client=client)


@responses.activate
def test_failed_fetch_keeps_the_old_file_and_erstat_drops_stale_ones(client, tmp_path):
    store = RawStore(tmp_path)
    store.write_many([
        (RawEntry(path="statbank/AUS08/data.csv", source="statbank", table="AUS08", url="u", demo=True), b"old"),
        (RawEntry(path="statbank/AUS08/gammel.csv", source="statbank", table="AUS08", url="u"), b"stale"),
    ])
    responses.post(f"{BASE}/data", status=400, json={"message": "Ugyldig værdi"})
    with pytest.raises(ApiFejl, match="Ugyldig værdi"):
        statbank.fetch(AUS08, store, client=client)
    assert (tmp_path / "statbank/AUS08/data.csv").read_bytes() == b"old" and len(store.entries()) == 2

    responses.replace(responses.POST, f"{BASE}/data", body=fixture("AUS08_data.csv"))
    statbank.fetch(AUS08, store, client=client)
    # demo data go; a real file whose periods the manifest does not know is kept (a fetch never shrinks) ...
    assert list(store.entries()) == ["statbank/AUS08/data.h2.csv", "statbank/AUS08/gammel.csv"]
    statbank.fetch(AUS08, store, client=client, erstat=True)  # ... until --erstat replaces the table's files
    assert list(store.entries()) == ["statbank/AUS08/data.csv"]
    assert not store.entries()["statbank/AUS08/data.csv"].demo
    assert not (tmp_path / "statbank/AUS08/gammel.csv").exists()
