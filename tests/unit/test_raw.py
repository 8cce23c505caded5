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
