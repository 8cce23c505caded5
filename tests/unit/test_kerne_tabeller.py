"""A batch kernel going from tema to tema keeps the tables the next tema reads too, and lets go of the rest.

`kerne.nulstil_kerne` runs before every brief in a kept kernel; when the notebook changes it calls
`data.behold` with the next tema's tables. Checked here in this process (what the kernel runs is plain code):
a table both temas read is not read from parquet again, nor is what was made from it; a table only the last
tema read is released (no reference left); a rebuilt table (new mtime) is read again.
"""

import gc
import shutil
import weakref

import pyarrow.parquet as pq
import pytest
from noegletal import config, data
from noegletal.batch import kerne
from noegletal.batch.kvittering import tabeller_for

A, B = "ledighed", "overblik"


@pytest.fixture
def laesninger(demo_data_dir, tmp_path, monkeypatch):
    """A copy of the demo data (its files may be touched here), a kernel with no notebook yet and empty
    caches, and the parquet reads counted per file name."""
    shutil.copytree(demo_data_dir, tmp_path / "data")
    monkeypatch.setenv("NOEGLETAL_DATA", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)  # nulstil_kerne changes the working folder
    monkeypatch.setattr(kerne, "_NOTESBOG", None)
    data.behold(())
    talt: dict[str, int] = {}
    laes = pq.read_table

    def taellende(sti, *args, **kw):
        navn = str(sti).rsplit("/", 1)[-1].removesuffix(".parquet")
        talt[navn] = talt.get(navn, 0) + 1
        return laes(sti, *args, **kw)

    monkeypatch.setattr(data.pq, "read_table", taellende)
    yield talt
    data.behold(())


def _brief(tema: str) -> None:
    """What a brief of `tema` does to the caches, in short: the kernel's reset, then its tables and the
    rows of one area read."""
    kerne.nulstil_kerne(str(config.NOTEBOOKS_DIR), str(config.NOTEBOOKS_DIR / f"{tema}.ipynb"))
    for t in tabeller_for(tema):
        if data.har_tabel(t):
            data.laes_ind(t)
            data._raekker_pr_omraade(*data._noegle(t))


def test_a_tema_switch_keeps_the_shared_tables_and_releases_the_others(laesninger):
    faelles = sorted(set(tabeller_for(A)) & set(tabeller_for(B)) - {"maaltal"})
    kun_a = sorted(set(tabeller_for(A)) - set(tabeller_for(B)))
    assert faelles and kun_a  # the two temas are chosen so there is both
    _brief(A)
    assert all(laesninger[t] == 1 for t in (*faelles, *kun_a))
    tabel_a = {t: weakref.ref(data._laes(*data._noegle(t))) for t in kun_a}
    raekker = {t: data._raekker_pr_omraade(*data._noegle(t)) for t in faelles}

    _brief(B)
    assert [laesninger[t] for t in faelles] == [1] * len(faelles)  # not read again
    assert all(data._raekker_pr_omraade(*data._noegle(t)) is raekker[t] for t in faelles)  # nor made again
    gc.collect()
    assert [t for t, ref in tabel_a.items() if ref() is not None] == []  # released: nothing holds them
    b = {data._noegle(t) for t in tabeller_for(B) if data.har_tabel(t)}
    for gemt in data._Gemt.alle:  # what is kept anywhere is of B's tables
        assert all(set(gemt.noegler(args)) <= b for args in gemt._gemt), gemt.__name__

    _brief(A)  # and back: what B let go is read again
    assert [laesninger[t] for t in kun_a] == [2] * len(kun_a)


def test_a_rebuilt_table_is_read_again_after_a_switch(laesninger):
    import os

    t = "FOLK1AM"
    assert t in tabeller_for(A) and t in tabeller_for(B)
    _brief(A)
    sti = data.table_path(t)
    os.utime(sti, (sti.stat().st_atime, sti.stat().st_mtime + 10))  # as a rebuild leaves it
    _brief(B)
    assert laesninger[t] == 2
    assert len([a for a in data._laes._gemt if a[0] == str(sti)]) == 1  # the old version is let go


def test_a_notebook_that_is_no_temas_keeps_no_table(laesninger):
    _brief(A)
    kerne.nulstil_kerne(str(config.NOTEBOOKS_DIR), str(config.NOTEBOOKS_DIR / "udforsk.ipynb"))
    assert not data._laes._gemt and not data._raekker_pr_omraade._gemt


def test_the_same_notebook_again_keeps_everything_and_the_declaration_is_reset(laesninger):
    _brief(A)
    data.erklaer(A, ["ledige_fuldtid"])
    foer = dict(data._laes._gemt)
    kerne.nulstil_kerne(str(config.NOTEBOOKS_DIR), str(config.NOTEBOOKS_DIR / f"{A}.ipynb"))
    assert data._laes._gemt == foer and data._ERKLAERET is None


def test_every_cache_of_the_reading_layer_can_let_go_per_table():
    """A plain lru_cache in data.py would keep all temas' tables in a kernel, or be cleared by nothing."""
    assert [n for n, f in vars(data).items() if hasattr(f, "cache_info")] == []
    assert {"_laes", "_read", "_raekker_pr_omraade", "_omraadernes_raekker", "_vaerdier", "_perioder"} <= {
        f.__name__ for f in data._Gemt.alle}
