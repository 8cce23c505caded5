import json

import pytest
from noegletal.errors import RaaDataFejl
from noegletal.raw import RawEntry, RawStore, strip_secrets


def _entry(**kw):
    return RawEntry(path="jobindsats/Y01A02/p1.json", source="jobindsats", table="Y01A02",
                    url="https://api.jobindsats.dk/v3/data/Y01A02?format=json&apikey=SECRET123", **kw)


def test_write_records_checksum_and_strips_key(tmp_path):
    store = RawStore(tmp_path)
    e = store.write(_entry(), b'{"columns": [], "rows": []}')
    assert (tmp_path / e.path).read_bytes() == b'{"columns": [], "rows": []}'
    manifest = (tmp_path / "manifest.json").read_text()
    assert "SECRET123" not in manifest
    saved = json.loads(manifest)["files"][e.path]
    assert saved["size"] == 27 and len(saved["sha256"]) == 64 and saved["retrieved_at"]
    assert store.read(store.entries()[e.path]) == b'{"columns": [], "rows": []}'


def test_truncated_file_names_file_and_refetch_command(tmp_path):
    store = RawStore(tmp_path)
    e = store.write(_entry(), b"0123456789" * 10)
    (tmp_path / e.path).write_bytes(b"0123456789")  # half a download
    with pytest.raises(RaaDataFejl) as err:
        store.read(store.entries()[e.path])
    assert "p1.json" in str(err.value) and "noegletal data fetch --source jobindsats" in str(err.value)


def test_corrupt_demo_file_points_to_demo_command(tmp_path):
    store = RawStore(tmp_path)
    e = store.write(_entry(demo=True), b"abc")
    (tmp_path / e.path).write_bytes(b"abd")
    with pytest.raises(RaaDataFejl, match="noegletal data demo"):
        store.read(store.entries()[e.path])


def test_no_temp_files_left_and_remove_source(tmp_path):
    store = RawStore(tmp_path)
    store.write(_entry(demo=True), b"abc")
    assert not list(tmp_path.rglob("*.tmp"))
    store.remove_source("jobindsats", demo=True)
    assert store.entries() == {} and not (tmp_path / "jobindsats/Y01A02/p1.json").exists()


def test_strip_secrets_keeps_other_params():
    assert strip_secrets("https://x/y?period=2017M10&api_key=abc&token=t") == "https://x/y?period=2017M10"


# --- all or nothing, leftovers, a lost manifest -------------------------------------------------------------

def test_write_many_with_drop_replaces_in_one_step(tmp_path):
    store = RawStore(tmp_path)
    store.write_many([(_entry(demo=True), b"gammel demo"),
                      (RawEntry(path="statbank/AUS08/data.csv", source="statbank", table="AUS08", url="x"), b"rigtig")])
    ny = RawEntry(path="jobindsats/Y01A02/p2.json", source="jobindsats", table="Y01A02", url="x", demo=True)
    store.write_many([(ny, b"ny demo")], drop=lambda e: e.demo)
    assert set(store.entries()) == {"jobindsats/Y01A02/p2.json", "statbank/AUS08/data.csv"}
    assert not (tmp_path / "jobindsats/Y01A02/p1.json").exists() and not list(tmp_path.rglob("*.tmp"))


def test_an_interrupted_write_leaves_the_store_as_it_was(tmp_path):
    store = RawStore(tmp_path)
    store.write(_entry(demo=True), b"abc")
    manifest = store.manifest_path.read_bytes()

    class Afbryder(bytes):  # Ctrl-C while the second file is being written
        def __len__(self):
            raise KeyboardInterrupt

    nye = [(RawEntry(path="egne/klynger/a.csv", source="egne", table="klynger", url="x"), b"1"),
           (RawEntry(path="egne/klynger/b.csv", source="egne", table="klynger", url="x"), Afbryder(b"2"))]
    with pytest.raises(KeyboardInterrupt):
        store.write_many(nye, drop=lambda e: e.demo)
    assert store.manifest_path.read_bytes() == manifest
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "jobindsats", "jobindsats/Y01A02", "jobindsats/Y01A02/p1.json", "manifest.json"]


def test_ryd_op_removes_only_what_is_older_than_the_run(tmp_path):
    import os
    import time

    from noegletal.raw import ryd_op

    gammel = time.time() - 3600
    staging = tmp_path / ".processed-abc"
    staging.mkdir()
    (staging / "x.parquet").write_bytes(b"x")
    tmp = tmp_path / "raw" / "egne" / "klynger" / ".a.csv.123.tmp"
    tmp.parent.mkdir(parents=True)
    tmp.write_bytes(b"halv")
    for p in (staging, tmp):
        os.utime(p, (gammel, gammel))
    ny = tmp_path / "processed" / ".AUS08.parquet.9.tmp"
    ny.parent.mkdir()
    ny.write_bytes(b"i gang")
    keep = tmp_path / "raw" / ".gitkeep"
    keep.write_text("")
    os.utime(keep, (gammel, gammel))
    fjernet = ryd_op(tmp_path, foer=time.time() - 60)
    assert sorted(fjernet) == sorted([staging, tmp]) and ny.exists() and keep.exists()


def test_remove_demo_forgets_before_it_deletes(tmp_path):
    store = RawStore(tmp_path)
    store.write(_entry(demo=True), b"abc")
    assert store.remove_demo() == ["Y01A02"]
    assert store.entries() == {} and not (tmp_path / "jobindsats/Y01A02/p1.json").exists()


def test_a_manifest_of_the_wrong_shape_is_a_danish_message(tmp_path):
    (tmp_path / "manifest.json").write_text('{"files": {"a": {"ukendt": 1}}}')
    with pytest.raises(RaaDataFejl, match="--genopbyg-manifest"):
        RawStore(tmp_path).entries()


def test_rebuilding_without_processed_data_places_the_demo_by_its_marks(tmp_path):
    from noegletal import raw

    store = RawStore(tmp_path / "raw")
    (tmp_path / "raw" / "egne" / "klynger").mkdir(parents=True)
    (tmp_path / "raw" / "egne" / "klynger" / "demodata.csv").write_text("område;periode\n")
    (tmp_path / "raw" / "statbank" / "AUS08").mkdir(parents=True)
    (tmp_path / "raw" / "statbank" / "AUS08" / "data.csv").write_text("OMRÅDE\n")
    (tmp_path / "raw" / "statbank" / "AUS08" / "noter.txt").write_text("?")
    res = raw.genopbyg_manifest(store, None)
    assert {e.path: e.demo for e in res.entries} == {"egne/klynger/demodata.csv": True, "statbank/AUS08/data.csv": True}
    assert res.ikke_placeret == [("statbank/AUS08/noter.txt", "ukendt filtype '.txt' for statbank")]
    (tmp_path / "raw" / "egne" / "klynger" / "demodata.csv").unlink()
    res = raw.genopbyg_manifest(store, None)  # nothing says demo or real: not placed, and said so
    assert res.entries == [] and "statbank/AUS08/data.csv" in dict(res.ikke_placeret)
