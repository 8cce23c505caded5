"""`noegletal batch` on the demo data: Ballerup and Herlev × integration for 2017M10, in two workers.

Checked: both briefs are made, each is the same page `noegletal brief` makes (apart from the time in the
stamp), the overview page is e-mail-safe and links both with their status, and a second run through the
command line skips both without starting a kernel.
"""

import json
import re
from pathlib import Path

import pytest
from noegletal import batch, cli, jobs
from noegletal.batch import planlaegger
from noegletal.render import check_email_safe
from noegletal.status import DANNET, UAENDRET

pytestmark = pytest.mark.slow
PERIODE = "2017M10"


def _uden_tidspunkt(side: str) -> str:
    """The stamp's time of rendering is the one thing allowed to differ."""
    side, n = re.subn(r"(<dt>Dannet</dt><dd>)[^<]*(</dd>)", r"\1…\2", side)
    assert n == 1
    return side


@pytest.fixture(scope="module")
def koersel(demo_data_dir, tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("NOEGLETAL_DATA", str(demo_data_dir))
    ud = tmp_path_factory.mktemp("batch")
    try:
        res = batch.batch("Ballerup,Herlev", "integration", PERIODE, ud, workers=2, vis_fremdrift=False)
    finally:
        mp.undo()
    return res, ud


def test_both_briefs_are_made_by_two_workers(koersel):
    res, ud = koersel
    assert [(r.kommune, r.status) for r in res.resultater] == [("Ballerup", DANNET), ("Herlev", DANNET)]
    assert res.workers == 2 and not res.fejlede
    for k in ("Ballerup", "Herlev"):
        mappe = ud / PERIODE / k
        assert sorted(p.name for p in mappe.iterdir()) == ["integration.batch.json", "integration.html",
                                                           "integration.ipynb"]
    assert "indgår i alt 14 personer for Ballerup" in (ud / PERIODE / "Ballerup" / "integration.html").read_text()
    assert not any(planlaegger.lever(pid) for pid in [*res.arbejdere, *res.kerner])


def test_a_batch_brief_is_the_single_brief(koersel, demo_data, tmp_path):
    _, ud = koersel
    alene = batch.brief("integration", kommune="Ballerup", periode=PERIODE, ud=tmp_path).read_text(encoding="utf-8")
    i_batch = (ud / PERIODE / "Ballerup" / "integration.html").read_text(encoding="utf-8")
    assert _uden_tidspunkt(i_batch) == _uden_tidspunkt(alene)
    # Made alone, its fingerprint was taken with the tables its kernel named; a batch reckons the same one
    # in this process, so the brief counts as unchanged there.
    kvitteringer = [json.loads((mappe / PERIODE / "Ballerup" / "integration.batch.json").read_text())["fingeraftryk"]
                    for mappe in (ud, tmp_path)]
    assert kvitteringer[0] == kvitteringer[1]
    assert [r.status for r in batch.koer(jobs.grid("Ballerup", "integration", PERIODE, tmp_path),
                                         vis_fremdrift=False).resultater] == [UAENDRET]


def test_index_links_every_brief_and_is_email_safe(koersel):
    res, ud = koersel
    assert res.index == ud / PERIODE / "index.html"
    side = res.index.read_text(encoding="utf-8")
    assert check_email_safe(side, relative_links=True) == []
    assert '<html lang="da">' in side and "<script" not in side.lower()
    assert '<a href="Ballerup/integration.html">Dannet</a>' in side and '<a href="Herlev/integration.html">Dannet</a>' in side
    assert "DEMODATA" in side and "demodata (genereret af noegletal" in side and "oktober 2017" in side
    for href in re.findall(r'href="([^"]+)"', side):
        assert (res.index.parent / href).is_file(), href


def test_a_second_run_skips_unchanged_briefs(koersel, demo_data, capsys):
    _, ud = koersel
    foer = (ud / PERIODE / "Ballerup" / "integration.html").stat().st_mtime_ns
    code = cli.main(["batch", "--periode", "okt 2017", "--kommuner", "Ballerup,Herlev", "--temaer", "integration",
                     "--ud", str(ud), "--stille"])
    out = capsys.readouterr().out
    assert code == 0 and "0 dannet, 0 fejlet, 2 uændrede (sprunget over)" in out and "med 0 arbejdsprocesser" in out
    assert (ud / PERIODE / "Ballerup" / "integration.html").stat().st_mtime_ns == foer
    side = (ud / PERIODE / "index.html").read_text(encoding="utf-8")
    assert '<a href="Ballerup/integration.html">Uændret</a>' in side
    assert batch.koer([], vis_fremdrift=False).resultater == []
    assert Path(ud / PERIODE / "Herlev" / "integration.batch.json").is_file()
    assert {r.status for r in batch.koer(jobs.grid("Herlev", "integration", PERIODE, ud),
                                         vis_fremdrift=False).resultater} == {UAENDRET}
