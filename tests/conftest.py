"""Shared fixtures. Tests never touch the repository's data/ or outputs/: each session works in a
temporary folder named by NOEGLETAL_DATA / NOEGLETAL_OUTPUTS (see noegletal.config)."""

from __future__ import annotations

import pytest

from noegletal import geo
from noegletal.raw import RawEntry, RawStore
from noegletal.sources.statbank import FORMAT_BULK


@pytest.fixture
def tmp_data(tmp_path, monkeypatch):
    """An empty data folder for one test."""
    monkeypatch.setenv("NOEGLETAL_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("NOEGLETAL_OUTPUTS", str(tmp_path / "outputs"))
    return tmp_path / "data"


def aus08_bulk(periods=("2018M05", "2018M06"), skip: set[str] = frozenset(), value="3,5", extra_rows=()) -> bytes:
    """A small AUS08 answer in Statistikbanken's BULK format, every area, both measures."""
    lines = ["OMRÅDE;SAESONFAK;TID;INDHOLD"]
    for o in geo.alle_omraader():
        if o.kode in skip:
            continue
        for p in periods:
            lines.append(f"{o.kode};9;{p};{value}")
            lines.append(f"{o.kode};10;{p};1.234")
    lines.extend(extra_rows)
    return ("\n".join(lines) + "\n").encode("utf-8")


def write_aus08(store: RawStore, data: bytes, demo: bool = False) -> RawEntry:
    entry = RawEntry(path="statbank/AUS08/data.csv", source="statbank", table="AUS08",
                     url="https://api.statbank.dk/v1/data", query={"table": "AUS08"}, demo=demo, format=FORMAT_BULK)
    return store.write(entry, data)
