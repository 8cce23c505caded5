"""Egne data end to end: a data folder that held demo data gets real data instead, fetched from the loopback
Jobindsats and Statistikbanken (tests/loopback_api.py) plus egne data imported from spreadsheets made with
`noegletal data skabelon` and filled in with the 2018 notat's numbers. The integration brief then reproduces
the notat's two tables from the imported file, names the file in its 'Kilde', and `data status` says where
every table came from. Without the egne data the brief is still made, with a box where each egne block was.
"""

from __future__ import annotations

import re

import openpyxl
import pytest
from conftest import aus08_bulk, write_aus08
from htmltables import row, table_with
from loopback_api import LoopbackApi
from noegletal import batch, catalogue, cli, data, pipeline, tid
from noegletal.raw import RawStore
from noegletal.render import check_email_safe
from noegletal.themes import faelles
from noegletal.themes import integration as tema
from published import as_printed, figures, label

pytestmark = pytest.mark.slow
NOTAT = "2018-02_integrationsbarometer"
KEY = "test-noegle"


def _api_tables() -> list[str]:
    """The tables behind the integration brief that an API serves (the rest are egne data)."""
    return [t for t in faelles.tabeller_for(*tema.ALLE) if catalogue.table(t).source != "egne"]


def _notat_rows() -> list[list]:
    """The notat's ministermål figures as rows of the template: område, periode, cohort, persons, employed,
    share. The notat prints share and persons; the employed are share × persons (a whole number)."""
    pub = figures(NOTAT)
    pub = pub[pub["dimension"].str.startswith("cpr-aar")].assign(aar=lambda d: d["dimension"].str[8:12])
    rows = []
    for (area, period, aar), g in pub.groupby(["area", "period", "aar"], sort=True):
        share = float(g.loc[g["unit"] == "pct", "value"].iloc[0])
        persons = int(g.loc[g["unit"] == "personer", "value"].iloc[0])
        rows.append([area, period, aar, persons, round(share * persons / 100), share])
    return rows


def _fill(template, rows, out):
    """What an analyst does: open the template, replace the example row by the figures, save."""
    wb = openpyxl.load_workbook(template)
    ws = wb["Data"]
    ws.delete_rows(2, ws.max_row)
    for r in rows:
        ws.append(r)
    wb.save(out)
    return out


@pytest.fixture(scope="module")
def mappe(tmp_path_factory):
    """A data folder: first demo data, then fetched (loopback) plus egne data with --erstat-demo."""
    root = tmp_path_factory.mktemp("rigtige")
    mp = pytest.MonkeyPatch()
    mp.setenv("NOEGLETAL_DATA", str(root / "data"))
    mp.setenv("NOEGLETAL_OUTPUTS", str(root / "outputs"))
    mp.chdir(root)
    try:
        write_aus08(RawStore(), aus08_bulk(), demo=True)  # a folder with demo data in it
        pipeline.build()
        with LoopbackApi(key=KEY) as api:
            mp.setenv("JOBINDSATS_API_KEY", KEY)
            mp.setenv("JOBINDSATS_API_URL", api.url)
            mp.setenv("STATBANK_API_URL", f"{api.base}/v1")
            assert cli.main(["data", "fetch", "--uden-build", "--erstat-demo", "--tabel", *_api_tables()]) == 0
        assert RawStore().demo_tables() == []
        assert cli.main(["data", "skabelon", "ministermaal"]) == 0
        mm = _fill(root / "ministermaal_skabelon.xlsx", _notat_rows(), root / "Ministermål okt 2017.xlsx")
        assert cli.main(["data", "importer", str(mm), "--tabel", "ministermaal", "--uden-build"]) == 0
        assert cli.main(["data", "skabelon", "integrationsbarometer", "--ud", "barometer.xlsx"]) == 0
        ib = _fill(root / "barometer.xlsx", [["Ballerup", "2017K3", 14, 2, "14,3"], ["Ballerup", "2017K2", "..", "..", 40]],
                   root / "barometer.xlsx")
        assert cli.main(["data", "importer", str(ib), "--tabel", "integrationsbarometer"]) == 0  # and build
        yield root
    finally:
        mp.undo()


def _render(root, **kw) -> str:
    mp = pytest.MonkeyPatch()
    mp.setenv("NOEGLETAL_DATA", str(root / "data"))
    try:
        out = root / "outputs" / ("_".join(f"{k}{v}" for k, v in kw.items()) or "standard")
        return batch.brief("integration", ud=out, **kw).read_text(encoding="utf-8")
    finally:
        mp.undo()


@pytest.fixture(scope="module")
def html(mappe):
    return _render(mappe, kommune="Ballerup", periode="2017-10")


def test_no_demo_and_email_safe(html):
    assert check_email_safe(html) == []
    assert "DEMODATA" not in html and "demodata" not in html.lower()


def test_first_table_month_by_month_from_the_imported_file(html):
    rows = table_with(html, "Udstedelse af cpr-nummer i 2014")
    pub = figures(NOTAT)
    pub = pub[(pub["area"] == "Ballerup") & (pub["dimension"] == "cpr-aar 2014; over 18 ved ankomst")
              & (pub["period"] <= "2017M10")]
    for period, g in pub.groupby("period"):
        share = g[g["unit"] == "pct"]["value"].iloc[0]
        persons = g[g["unit"] == "personer"]["value"].iloc[0]
        assert row(rows, label(period))[1:3] == [as_printed(share), as_printed(persons)], period
    assert pub["period"].nunique() == 10


def test_second_table_all_cohorts_from_the_imported_file(html):
    rows = table_with(html, "til flygtninge. Over 18 år ved ankomst til landet")
    pub = figures(NOTAT)
    pub = pub[(pub["period"] == "2017M10") & pub["dimension"].str.startswith("cpr-aar")]
    for year in range(2012, 2018):
        p = pub[pub["dimension"].str.startswith(f"cpr-aar {year}")]

        def v(area, unit):
            return as_printed(p[(p["area"] == area) & (p["unit"] == unit)]["value"].iloc[0])

        expected = [v("Hele landet", "pct"), v("Ballerup", "pct"), v("Hele landet", "personer"), v("Ballerup", "personer")]
        assert row(rows, f"Udstedelse af cpr-nummer i {year}")[1:] == expected, year


def test_barometer_from_the_imported_file(html):
    assert "indgår i alt 14 personer for Ballerup, hvoraf 2 var i beskæftigelse, svarende til 14 pct." in html
    assert "var andelen 40 pct." in html


def test_kilde_names_egne_data_the_file_and_the_import_date(mappe, html):
    mp = pytest.MonkeyPatch()
    mp.setenv("NOEGLETAL_DATA", str(mappe / "data"))
    try:
        info = pipeline.processed_manifest()["tables"]["ministermaal"]
        dato = tid.dansk_dato(info["imported_at"])
    finally:
        mp.undo()
    assert info["original_name"] == "Ministermål okt 2017.xlsx"
    stempel = re.search(r"<dt>Data</dt><dd>([^<]*)</dd>", html).group(1)
    assert stempel.startswith(f"Jobindsats.dk (STAR) og egne data fra Ministermål okt 2017.xlsx og barometer.xlsx, "
                              f"indlæst {dato}, tabel integrationsbarometer, ministermaal")
    assert f"Kilde: egne data fra Ministermål okt 2017.xlsx, indlæst {dato} (tabel ministermaal)" in html


def test_status_says_where_every_table_came_from(mappe, capsys):
    mp = pytest.MonkeyPatch()
    mp.setenv("NOEGLETAL_DATA", str(mappe / "data"))
    try:
        assert cli.main(["data", "status"]) == 0
    finally:
        mp.undo()
    out = capsys.readouterr().out
    lines = {line.split()[0]: line for line in out.splitlines() if line.split()}
    assert "egne data: Ministermål okt 2017.xlsx" in lines["ministermaal"]
    assert "2017M01–2017M11" in lines["ministermaal"]
    assert "egne data: barometer.xlsx" in lines["integrationsbarometer"] and "2017K2–2017K3" in lines["integrationsbarometer"]
    for t in _api_tables():
        assert re.search(r"\bJobindsats\b|\bStatistikbanken\b", lines[t]), lines[t]
    assert "demodata" not in out


def test_without_egne_data_the_brief_says_what_is_missing_and_is_made(mappe, tmp_path):
    """The same fetched data without the imported files: a box for each egne block, the rest as before."""
    import shutil

    root = tmp_path
    shutil.copytree(mappe / "data" / "raw", root / "data" / "raw")
    mp = pytest.MonkeyPatch()
    mp.setenv("NOEGLETAL_DATA", str(root / "data"))
    try:
        store = RawStore()
        entries = store.entries()
        for key in [k for k, e in entries.items() if e.source == "egne"]:
            (store.root / key).unlink()
            del entries[key]
        store._save(entries)
        pipeline.build()
        assert not data.har_tabel("ministermaal") and not data.har_tabel("integrationsbarometer")
    finally:
        mp.undo()
    html = _render(root, kommune="Ballerup", periode="2017-10")
    assert html.count("<strong>Egne data mangler</strong>") == 2  # one box per missing table
    assert "noegletal data skabelon ministermaal" in html and "noegletal data importer FIL --tabel integrationsbarometer" in html
    assert "integrationsydelse" in html.lower()
    assert check_email_safe(html) == []
