"""Jobindsats client and parsers on recorded responses (tests/fixtures/jobindsats, see its README)."""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import responses
from noegletal.catalogue import TableSpec
from noegletal.errors import (
    ApiFejl,
    ManglendeNoegle,
    NoegletalFejl,
    UgyldigParameter,
    UgyldigPeriode,
)
from noegletal.raw import RawEntry, RawStore
from noegletal.sources import PARSERS, formats, http, jobindsats
from noegletal.sources.jobindsats import JobindsatsClient

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "jobindsats"
BASE = "https://api.jobindsats.dk/v3"
KEY = "test-noegle-abcdef123456"
MEASURES = ["Antal personer", "Antal fuldtidspersoner",
            "Fuldtidspersoner i pct. af arbejdsstyrken 16-66 år", "Fuldtidspersoner i pct. af befolkningen 16-66 år"]


def fixture(name: str) -> bytes:
    return (FIX / name).read_bytes()


@pytest.fixture(autouse=True)
def _env(monkeypatch):
    monkeypatch.delenv("JOBINDSATS_API_URL", raising=False)
    monkeypatch.setenv("JOBINDSATS_API_KEY", KEY)


@pytest.fixture
def client():
    return JobindsatsClient(session=http.make_session(retries=0))


@pytest.fixture
def meta():
    return jobindsats.parse_table_meta(json.loads(fixture("v3_table_Y01A02.json")), "Y01A02")


def spec(**selection) -> TableSpec:
    return TableSpec(id="Y01A02", source="jobindsats", title="A-dagpenge", frequency="M", area_col="Område",
                     period_col="Periode", measures=tuple(MEASURES), dimensions={"Køn": "koen"},
                     selection=selection or {"period": "latest:6", "_nykom": "*", "_kon": "*"})


def query(call) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(call.request.url).query).items()}


# key, base url, headers -------------------------------------------------------------------------

def test_missing_key_says_how_to_set_it_and_that_demo_works(monkeypatch):
    monkeypatch.delenv("JOBINDSATS_API_KEY")
    with pytest.raises(ManglendeNoegle) as err:
        JobindsatsClient()
    msg = str(err.value)
    assert "export JOBINDSATS_API_KEY=" in msg and "STAR" in msg and "noegletal data demo" in msg


def test_base_url_from_environment_and_v2_on_the_same_host(monkeypatch):
    monkeypatch.setenv("JOBINDSATS_API_URL", "https://proxy.example/jobindsats/v3/")
    assert JobindsatsClient().base_url == "https://proxy.example/jobindsats/v3"
    assert JobindsatsClient(version="v2").base_url == "https://proxy.example/jobindsats/v2"
    assert JobindsatsClient(version="v2", base_url=BASE).base_url == "https://api.jobindsats.dk/v2"


@responses.activate
def test_v3_uses_bearer_and_v2_the_bare_key():
    responses.get(f"{BASE}/tables", body=fixture("v3_tables.json"))
    responses.get("https://api.jobindsats.dk/v2/tables/", json=[{"ID": "Y01A02", "Name": "A-dagpenge"}])
    JobindsatsClient(session=http.make_session(retries=0)).tables()
    v2 = JobindsatsClient(version="v2", session=http.make_session(retries=0)).tables()
    assert responses.calls[0].request.headers["Authorization"] == f"Bearer {KEY}"
    assert responses.calls[1].request.headers["Authorization"] == KEY
    assert v2 == [{"table_id": "Y01A02", "table_name": "A-dagpenge", "subject_name": "", "table_group_name": ""}]


# listing and metadata ---------------------------------------------------------------------------

@responses.activate
def test_tables_are_flattened(client):
    responses.get(f"{BASE}/tables", body=fixture("v3_tables.json"))
    tables = client.tables()
    assert query(responses.calls[0]) == {"format": "json"}
    assert [t["table_id"] for t in tables] == ["Y01A02", "Y60A02", "Y38A02", "PTVC01"]
    assert {k: tables[1][k] for k in ("table_id", "table_name", "subject_name", "table_group_name")} == {
        "table_id": "Y60A02", "table_name": "Kontanthjælp - Antal personer og fuldtidspersoner",
        "subject_name": "Ydelser", "table_group_name": "Kontanthjælp"}


@responses.activate
def test_subjects_as_received(client):
    responses.get(f"{BASE}/subjects", body=fixture("v3_subjects.json"))
    assert client.subjects()[0]["subject_name"] == "Ydelser"


@responses.activate
def test_table_metadata(client):
    responses.get(f"{BASE}/table/Y01A02", body=fixture("v3_table_Y01A02.json"))
    meta = client.table("Y01A02")
    assert list(meta.periods) == ["M"] and meta.periods["M"][0] == "2024M01" and len(meta.periods["M"]) == 18
    assert [d.id for d in meta.dimensions] == ["_omrade", "_kon"]
    dim, nykom = meta.hierarchy("_omrade")  # a dimension id finds its first hierarchy
    assert nykom.id == "_nykom" and nykom.values[:2] == ["Hele landet", "København"] and len(nykom.values) == 5
    assert list(nykom.levels) == ["hele_landet", "kommune"]
    assert meta.hierarchy("hierarchy._kon")[1].values == ["Kvinder", "Mænd"]
    assert len(meta.measures) == 4 and meta.measures[0] == ("ydelse", "Antal personer")


# parsers: cells as received, missing stays missing ----------------------------------------------

def tidy(wide, area_col="Område"):
    return formats.to_tidy(wide, area_col=area_col, period_col="Periode", measures=MEASURES,
                           dimensions={"Køn": "koen"}, table="Y01A02")


def cell(t, omraade, periode, koen, maal):
    row = t[(t.omraade == omraade) & (t.periode == periode) & (t.koen == koen) & (t.maal == maal)]
    assert len(row) == 1
    return row.vaerdi.iloc[0], row.status.iloc[0]


def test_v3_json_keeps_missing_values_missing():
    wide = jobindsats.parse_v3_json(fixture("v3_data_Y01A02.json"), "Y01A02")
    assert list(wide.columns[:3]) == ["Periode", "Område", "Køn"] and wide.shape == (8, 7)
    assert wide.iloc[3, 4] is None and wide.iloc[2, 5] == ".."  # cells as received
    t = tidy(wide)
    pct, antal_ft = MEASURES[2], MEASURES[1]
    v, s = cell(t, "Ballerup", "2025M01", "Kvinder", pct)
    assert math.isnan(v) and s == formats.DISKRETIONERET
    v, s = cell(t, "Ballerup", "2025M01", "Mænd", antal_ft)  # null: suppressed in v3 [seen]
    assert math.isnan(v) and s == formats.DISKRETIONERET
    v, s = cell(t, "Ballerup", "2025M01", "Mænd", MEASURES[3])  # "-"
    assert math.isnan(v) and s == formats.MANGLER
    v, s = cell(t, "Ballerup", "2025M02", "Kvinder", MEASURES[3])  # ""
    assert math.isnan(v) and s == formats.MANGLER
    assert cell(t, "Hele landet", "2025M02", "Kvinder", antal_ft) == (31987.5, formats.OK)  # "31.987,5"
    assert cell(t, "Hele landet", "2025M02", "Kvinder", MEASURES[0]) == (41234.0, formats.OK)  # "41.234"
    assert cell(t, "Ballerup", "2025M02", "Mænd", MEASURES[0]) == (0.0, formats.OK)  # a real zero
    assert (t[t.status != formats.OK].vaerdi.isna()).all() and not (t[t.status != formats.OK].vaerdi == 0).any()


def test_v3_csv_with_bom_reads_like_the_json():
    csv = fixture("v3_data_Y01A02.csv")
    assert csv.startswith(b"\xef\xbb\xbf")
    wide = jobindsats.parse_v3_csv(csv, "Y01A02")
    assert wide.columns[0] == "Periode" and wide.iloc[0, 4] == "31012,4"
    a, b = tidy(wide), tidy(jobindsats.parse_v3_json(fixture("v3_data_Y01A02.json")))
    # the JSON's null (suppressed) is an empty cell in this constructed CSV; how v3's CSV marks it is unknown
    same = b.status != formats.DISKRETIONERET
    assert list(a.status[same]) == list(b.status[same])
    assert a.vaerdi.fillna(-1).tolist() == pytest.approx(b.vaerdi.fillna(-1).tolist())


@pytest.mark.parametrize("name, parser", [("v2_data_Y01A02.json", jobindsats.parse_v2_json),
                                          ("v2_data_Y01A02.csv", jobindsats.parse_v2_csv)])
def test_v2_formats(name, parser):
    wide = parser(fixture(name), "Y01A02")
    assert list(wide.columns) == ["Area", "Periode", "Køn", *MEASURES] and len(wide) == 4
    t = tidy(wide, area_col="Area")
    assert cell(t, "Hele landet", "2024M12", "Kvinder", MEASURES[1]) == (30554.2, formats.OK)
    assert cell(t, "Ballerup", "2024M12", "Kvinder", MEASURES[2])[1] == formats.DISKRETIONERET
    for m in MEASURES[:2]:  # "-" and ""
        v, s = cell(t, "Ballerup", "2024M12", "Mænd", m)
        assert math.isnan(v) and s == formats.MANGLER


def test_parsers_are_registered():
    assert PARSERS["jobindsats-v3-csv"] is jobindsats.parse_v3_csv
    assert PARSERS["jobindsats-v2-json"] is jobindsats.parse_v2_json
    assert PARSERS["jobindsats-v2-csv"] is jobindsats.parse_v2_csv
    assert PARSERS[jobindsats.FORMAT_V3_JSON] is jobindsats.parse_v3_json


# splitting --------------------------------------------------------------------------------------

def test_a_request_that_fits_is_sent_as_written(meta):
    parts = jobindsats.plan(meta, {"period": "latest:3", "_nykom": "*", "_kon": "*"}, max_cells=10_000)
    assert len(parts) == 1 and parts[0].name == "data" and parts[0].cells == 3 * 5 * 2 * 4
    assert parts[0].params == {"period.M": "latest:3", "mgroup.*": "*", "hierarchy._nykom": "*", "hierarchy._kon": "*"}


def test_split_by_period_under_a_tiny_limit(meta):
    parts = jobindsats.plan(meta, {"period": "latest:6", "_nykom": "*", "_kon": "*"}, max_cells=100)
    assert [p.params["period.M"] for p in parts] == ["2025M01,2025M02", "2025M03,2025M04", "2025M05,2025M06"]
    assert [p.name for p in parts] == ["2025M01-2025M02", "2025M03-2025M04", "2025M05-2025M06"]
    assert all(p.cells <= 100 for p in parts) and sum(p.cells for p in parts) == 6 * 40


def test_split_by_area_when_one_period_is_too_large(meta):
    parts = jobindsats.plan(meta, {"period": "latest:2", "_nykom": "*", "_kon": "*"}, max_cells=30)
    assert len(parts) == 4 and all(p.cells <= 30 for p in parts)
    assert {p.params["period.M"] for p in parts} == {"2025M05", "2025M06"}
    areas = [a for p in parts if p.params["period.M"] == "2025M05" for a in p.params["hierarchy._nykom"].split(",")]
    assert areas == ["Hele landet", "København", "Frederiksberg", "Ballerup", "Albertslund"]
    assert parts[0].name == "2025M05_omr01"


def test_too_large_even_for_one_area_says_what_to_do(meta):
    with pytest.raises(ApiFejl, match="hæv grænsen med `JobindsatsClient\\(max_cells=...\\)`"):
        jobindsats.plan(meta, {"_nykom": "*", "_kon": "*"}, max_cells=5)


def test_fra_selects_explicit_periods(meta):
    parts = jobindsats.plan(meta, {"_nykom": "/", "_kon": "level:kon"}, max_cells=10_000, fra="2025M04")
    assert parts[0].params["period.M"] == "2025M04,2025M05,2025M06"
    assert parts[0].params["hierarchy._kon"] == "level:kon" and parts[0].cells == 3 * 1 * 2 * 4
    with pytest.raises(UgyldigPeriode):
        jobindsats.plan(meta, {}, fra="2030M01")


def test_unknown_dimension_in_selection(meta):
    with pytest.raises(UgyldigParameter, match="_alder"):
        jobindsats.plan(meta, {"_alder": "*"})


# errors -----------------------------------------------------------------------------------------

@responses.activate
@pytest.mark.parametrize("status", [401, 403])
def test_refused_key_by_status(client, status):
    responses.get(f"{BASE}/table/Y01A02", status=status, body="Unauthorized")
    with pytest.raises(ManglendeNoegle, match="Jobindsats afviste nøglen \\(forkert eller udløbet"):
        client.table("Y01A02")


@responses.activate
@pytest.mark.parametrize("status", [200, 400])
def test_refused_key_by_the_captured_body(client, status):
    responses.get(f"{BASE}/data/Y01A02", status=status, body=fixture("bad_key.json"))
    with pytest.raises(ManglendeNoegle) as err:
        client.data("Y01A02", {"period.M": "latest:1"})
    assert "afviste nøglen" in str(err.value) and "noegletal data demo" in str(err.value)
    assert KEY not in str(err.value)


@responses.activate
def test_unknown_table_404(client):
    responses.get(f"{BASE}/table/Y99X99", status=404, json={"message": "Table not found"})
    with pytest.raises(ApiFejl) as err:
        client.table("Y99X99")
    msg = str(err.value)
    assert "Y99X99" in msg and "JobindsatsClient().tables()" in msg and "Table not found" in msg


@responses.activate
def test_unknown_table_error_body(client):
    responses.get(f"{BASE}/data/Y99X99", json={"message": "Tabellen findes ikke"})
    with pytest.raises(ApiFejl) as err:
        client.data("Y99X99", {"period.M": "latest:1"})
    assert "Y99X99" in str(err.value) and "Tabellen findes ikke" in str(err.value)
    assert "JobindsatsClient().tables()" in str(err.value)


@responses.activate
@pytest.mark.parametrize("body", [fixture("v3_data_truncated.json"), fixture("error_page.html"), b""])
def test_malformed_body(client, body):
    responses.get(f"{BASE}/data/Y01A02", body=body, content_type="text/html")
    with pytest.raises(ApiFejl) as err:
        client.data("Y01A02", {"period.M": "latest:1"})
    assert isinstance(err.value, NoegletalFejl)
    assert "kunne ikke læses" in str(err.value) and "prøv igen" in str(err.value)


@responses.activate
def test_malformed_metadata(client):
    responses.get(f"{BASE}/table/Y01A02", body=fixture("error_page.html"))
    with pytest.raises(ApiFejl, match="kunne ikke læses"):
        client.table("Y01A02")


# v2 ---------------------------------------------------------------------------------------------

@responses.activate
def test_v2_json_is_a_post_and_csv_a_get():
    v2 = "https://api.jobindsats.dk/v2"
    body = {"area": "*", "period": ["2024M12"], "_kon": ["Kvinder", "Mænd"]}
    responses.post(f"{v2}/data/Y01A02/json/", body=fixture("v2_data_Y01A02.json"),
                   match=[responses.matchers.json_params_matcher(body)])
    responses.get(f"{v2}/data/Y01A02/csv/", body=fixture("v2_data_Y01A02.csv"))
    c = JobindsatsClient(version="v2", session=http.make_session(retries=0))
    assert c.data("Y01A02", body) == fixture("v2_data_Y01A02.json")
    assert c.data("Y01A02", {"period": "l(m:12)", "area": "Hele landet", "_kon": "*"}, fmt="csv") == fixture("v2_data_Y01A02.csv")
    assert responses.calls[1].request.url.endswith("/csv/?period=l(m:12)&area=Hele%20landet&_kon=*")


# fetch (against the loopback v3 in tests/loopback_api.py) ------------------------------------------

def test_fetch_writes_parts_and_manifest_with_exactly_the_bytes_received(tmp_path):
    from loopback_api import LoopbackApi
    from noegletal import catalogue

    with LoopbackApi(key=KEY) as api:
        client = JobindsatsClient(base_url=api.url, session=http.make_session(retries=0), max_cells=5_000)
        store = RawStore(tmp_path)
        entries = jobindsats.fetch(catalogue.table("y09a02"), store, client=client)
    # two area hierarchies, 30 months: each request under the cell limit
    assert max(api.cells) <= 5_000 and len(entries) == len(api.cells) > 2
    assert {e.path.split("/")[-1].split("_")[0] for e in entries} == {"nykom", "region"}
    for e in entries:
        assert e.source == "jobindsats" and e.table == "y09a02" and not e.demo and e.format == jobindsats.FORMAT_V3_JSON
        assert KEY not in e.url and hashlib.sha256(store.read(e)).hexdigest() == e.sha256


def test_fetch_erstat_replaces_stale_parts_of_that_table_only(tmp_path):
    from loopback_api import LoopbackApi
    from noegletal import catalogue

    store = RawStore(tmp_path)
    store.write_many([
        (RawEntry(path="jobindsats/y09a02/gammel.json", source="jobindsats", table="y09a02", url="x"), b"{}"),
        (RawEntry(path="jobindsats/y08a02/data.json", source="jobindsats", table="y08a02", url="x"), b"{}"),
    ])
    with LoopbackApi(key=KEY) as api:
        client = JobindsatsClient(base_url=api.url, session=http.make_session(retries=0))
        jobindsats.fetch(catalogue.table("y09a02"), store, client=client)
        # a file whose periods the manifest does not know is kept (a fetch never shrinks what is held) ...
        assert "jobindsats/y09a02/gammel.json" in store.entries()
        jobindsats.fetch(catalogue.table("y09a02"), store, client=client, erstat=True)
    paths = set(store.entries())  # ... until --erstat replaces the table's files
    assert "jobindsats/y09a02/gammel.json" not in paths and "jobindsats/y08a02/data.json" in paths
    assert not (tmp_path / "jobindsats/y09a02/gammel.json").exists()
    assert {p for p in paths if "y09a02" in p} == {"jobindsats/y09a02/nykom_data.json", "jobindsats/y09a02/region_data.json"}


def test_fetch_failing_midway_leaves_earlier_files_intact(tmp_path):
    from loopback_api import LoopbackApi
    from noegletal import catalogue

    store = RawStore(tmp_path)
    store.write_many([(RawEntry(path="jobindsats/y09a02/gammel.json", source="jobindsats", table="y09a02",
                                url="x"), b"{}")])
    with LoopbackApi(key=KEY) as api:
        client = JobindsatsClient(base_url=api.url, session=http.make_session(retries=0), max_cells=2_000)
        calls = {"n": 0}
        real = client._data

        def flaky(*a, **k):
            calls["n"] += 1
            if calls["n"] == 3:
                api.mode = "500"
            return real(*a, **k)

        client._data = flaky
        with pytest.raises(ApiFejl):
            jobindsats.fetch(catalogue.table("y09a02"), store, client=client)
    assert list(store.entries()) == ["jobindsats/y09a02/gammel.json"]
    assert sorted(p.name for p in (tmp_path / "jobindsats/y09a02").iterdir()) == ["gammel.json"]


def test_fetch_with_fra_asks_only_for_those_periods(tmp_path):
    from loopback_api import LoopbackApi
    from noegletal import catalogue

    with LoopbackApi(key=KEY) as api:
        client = JobindsatsClient(base_url=api.url, session=http.make_session(retries=0))
        jobindsats.fetch(catalogue.table("y09a02"), RawStore(tmp_path), fra="2018-05", client=client)
    data_calls = [r for r in api.requests if "/data/" in r]
    assert data_calls and all("period.M=2018M05,2018M06&" in r for r in data_calls)
