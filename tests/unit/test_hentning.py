"""A fetch never shrinks what is held (issue 22.1): a later span is added beside the earlier months, a month both
fetches hold is taken from the newest (a revision), and only `--erstat` replaces the span, saying what goes."""

from __future__ import annotations

import json

import pytest
from loopback_api import LoopbackApi
from noegletal import cli, data
from noegletal.raw import RawStore, genopbyg_manifest

KEY = "loopback-noegle-0123456789"
TABEL = "y09a02"  # small, and fetched in one request per area hierarchy: the same file name every time


@pytest.fixture(autouse=True)
def _env(monkeypatch, tmp_path):
    monkeypatch.setenv("JOBINDSATS_API_KEY", KEY)
    monkeypatch.setenv("NOEGLETAL_DATA", str(tmp_path / "data"))


def _fetch(capsys, *ekstra) -> str:
    code = cli.main(["data", "fetch", "--source", "jobindsats", "--tabel", TABEL, *ekstra])
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


def _ballerup(periode: str) -> float:
    df = data.tabel(TABEL)
    r = df[(df.omraade == "Ballerup") & (df.periode == periode) & (df.maal == "Antal personer")]
    return float(r["vaerdi"].iloc[0])


def _manifest_consistent() -> None:
    """Every manifest entry is on disk with its checksum, and no data file lies beside it unlisted."""
    store = RawStore()
    for e in store.entries().values():
        store.read(e)  # raises on a missing or changed file
    on_disk = {p.relative_to(store.root).as_posix() for p in store.root.rglob("*.json") if p.name != "manifest.json"}
    assert on_disk == set(store.entries())


def test_a_later_span_keeps_the_earlier_months_and_a_revised_month_wins(capsys, monkeypatch):
    with LoopbackApi(key=KEY) as api:
        monkeypatch.setenv("JOBINDSATS_API_URL", api.url)
        _fetch(capsys)
        foer_2016, foer_2018 = _ballerup("2016M05"), _ballerup("2018M03")
        base = api.world._base
        monkeypatch.setattr(api.world, "_base",  # Jobindsats revises 2018M03 (parts still sum to totals)
                            lambda t, a, p: base(t, a, p) + (500 if p == "2018M03" else 0))
        revideret_2018m02 = api.world.value(TABEL, "Ballerup", "2018M02", "Antal personer", {})
        out = _fetch(capsys, "--fra", "2018M01")
    assert "Ældre perioder fra en tidligere hentning er bevaret" in out and "tabellen har nu 2016M01–2018M06" in out
    df = data.tabel(TABEL)
    assert df["periode"].min() == "2016M01" and df["periode"].max() == "2018M06"
    assert _ballerup("2016M05") == foer_2016  # the earlier months are still there, as they were
    assert _ballerup("2018M03") == foer_2018 + 500  # the month both fetches hold comes from the newest
    assert _ballerup("2018M02") == revideret_2018m02
    assert not df.duplicated([c for c in df.columns if c not in ("vaerdi", "status")]).any()
    _manifest_consistent()
    assert cli.main(["data", "status"]) == 0
    status = next(linje for linje in capsys.readouterr().out.splitlines() if linje.startswith(TABEL))
    assert "2016M01–2018M06" in status


def test_the_same_fetch_again_lets_the_superseded_files_go(capsys, monkeypatch):
    with LoopbackApi(key=KEY) as api:
        monkeypatch.setenv("JOBINDSATS_API_URL", api.url)
        _fetch(capsys)
        foerste = set(RawStore().entries())
        _fetch(capsys, "--fra", "2018M01")
        _fetch(capsys, "--fra", "2018M01")  # the newest months again: the previous --fra files are covered
        anden = set(RawStore().entries())
        _fetch(capsys)  # everything again: nothing older is left to keep
    assert len(anden) == 2 * len(foerste)
    assert set(RawStore().entries()) == foerste
    assert all(e.hentning == 1 for e in RawStore().entries().values())
    _manifest_consistent()


def test_erstat_replaces_the_span_and_says_what_it_removes(capsys, monkeypatch):
    with LoopbackApi(key=KEY) as api:
        monkeypatch.setenv("JOBINDSATS_API_URL", api.url)
        _fetch(capsys)
        out = _fetch(capsys, "--fra", "2018M01", "--erstat")
    assert "--erstat fjernede" in out and "(2016M01–2017M12) er ikke længere i data" in out
    assert data.tabel(TABEL)["periode"].min() == "2018M01"
    _manifest_consistent()


def test_a_rebuilt_manifest_knows_which_fetch_each_file_came_from(capsys, monkeypatch):
    with LoopbackApi(key=KEY) as api:
        monkeypatch.setenv("JOBINDSATS_API_URL", api.url)
        _fetch(capsys)
        base = api.world._base
        monkeypatch.setattr(api.world, "_base", lambda t, a, p: base(t, a, p) + (500 if p == "2018M03" else 0))
        _fetch(capsys, "--fra", "2018M01")
    ny = _ballerup("2018M03")
    store = RawStore()
    processed = json.loads((store.root.parent / "processed" / "manifest.json").read_text())
    store.manifest_path.unlink()
    genopbyg_manifest(store, processed)
    assert cli.main(["data", "build"]) == 0
    assert _ballerup("2018M03") == ny and data.tabel(TABEL)["periode"].min() == "2016M01"


def _aus08(perioder, vaerdi) -> tuple:
    from conftest import aus08_bulk
    from noegletal.raw import RawEntry
    from noegletal.sources.statbank import FORMAT_BULK

    return (RawEntry(path="statbank/AUS08/data.csv", source="statbank", table="AUS08", url="u", format=FORMAT_BULK,
                     perioder=list(perioder)), aus08_bulk(periods=perioder, value=vaerdi))


def test_statbank_later_months_are_added_and_a_revised_month_wins(tmp_path):
    from noegletal import catalogue, pipeline

    store = RawStore(tmp_path / "raw")
    store.add_fetch("statbank", "AUS08", [_aus08(("2018M04", "2018M05"), "3,5")])
    store.add_fetch("statbank", "AUS08", [_aus08(("2018M05", "2018M06"), "4,5")])  # 2018M05 revised
    assert set(store.entries()) == {"statbank/AUS08/data.csv", "statbank/AUS08/data.h2.csv"}
    df = pipeline.parse_table(catalogue.table("AUS08"), store, list(store.entries().values()))
    pct = df[(df.omraade == "Ballerup") & df.maal.str.contains("pct")].set_index("periode")["vaerdi"]
    assert pct["2018M04"] == 3.5 and pct["2018M05"] == 4.5 and pct["2018M06"] == 4.5
    store.add_fetch("statbank", "AUS08", [_aus08(("2018M04", "2018M05", "2018M06"), "5,5")])  # covers both
    assert list(store.entries()) == ["statbank/AUS08/data.csv"] and store.entries()["statbank/AUS08/data.csv"].hentning == 1
    store.add_fetch("statbank", "AUS08", [_aus08(("2018M06",), "6,5")], erstat=True)
    assert store.entries()["statbank/AUS08/data.csv"].perioder == ["2018M06"]
