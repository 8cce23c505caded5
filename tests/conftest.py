"""Shared fixtures. Tests never touch the repository's data/ or outputs/: each session works in a
temporary folder named by NOEGLETAL_DATA / NOEGLETAL_OUTPUTS (see noegletal.config)."""

from __future__ import annotations

import pytest
from noegletal import geo
from noegletal.raw import RawEntry, RawStore
from noegletal.sources.statbank import FORMAT_BULK


@pytest.fixture(autouse=True)
def _ingen_erklaering():
    """A test starts with no brief's declared indicators (params.valider declares them for the rest of the
    process, as in a notebook's kernel, where the worker forgets them before each brief)."""
    import sys

    yield
    data = sys.modules.get("noegletal.data")
    if data is not None:
        data.erklaer(None)


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


# --- demo data (tests/unit/test_demo.py, test_backtest.py, test_catalogue.py) --------------------------------
# Generated and built once per session into a temporary folder; `demo_data` points NOEGLETAL_DATA there
# for one test. Names are prefixed demo_ so they do not collide with other fixtures.
@pytest.fixture(scope="session")
def demo_data_dir(tmp_path_factory):
    """A data folder with the demo's raw files and the processed tables built from them."""
    import os

    from noegletal import pipeline
    from noegletal.sources import demo

    root = tmp_path_factory.mktemp("demo") / "data"
    before = os.environ.get("NOEGLETAL_DATA")
    os.environ["NOEGLETAL_DATA"] = str(root)
    try:
        demo.generate()
        pipeline.build()
    finally:
        if before is None:
            os.environ.pop("NOEGLETAL_DATA", None)
        else:
            os.environ["NOEGLETAL_DATA"] = before
    return root


@pytest.fixture
def demo_data(demo_data_dir, monkeypatch):
    """The session's demo data folder as NOEGLETAL_DATA for one test (read it, do not change it)."""
    monkeypatch.setenv("NOEGLETAL_DATA", str(demo_data_dir))
    return demo_data_dir


def render_on_demo(data_dir, tmp_path_factory, tema: str, **kw) -> str:
    """Render one brief on the session's demo data (for module-scoped fixtures) and return its HTML."""
    from noegletal import batch

    mp = pytest.MonkeyPatch()
    mp.setenv("NOEGLETAL_DATA", str(data_dir))
    try:
        return batch.brief(tema, ud=tmp_path_factory.mktemp("out"), **kw).read_text(encoding="utf-8")
    finally:
        mp.undo()


def side_af_blokke(*blokke) -> str:
    """A finished brief page through the real template, one output cell per block (`brief.Blok`s)."""
    import nbformat

    from noegletal.render import html_for_notebook

    nb = nbformat.v4.new_notebook()
    for b in blokke:
        nb.cells.append(nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output(
            "display_data", data={"text/html": b.html()})]))
    return html_for_notebook(nb)
