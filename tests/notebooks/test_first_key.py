"""A kommune's first day with a key (issue 21): the loopback answers `y25i01` with the live dimensions and other
total and breakdown names than the catalogue (tests/loopback_api.py, mode "andre-navne"). Every total still
arrives to the digit, each skipped breakdown is named with its catalogue line, the brief is made with a box
where a breakdown is missing, the exit code says "fetched with missing breakdowns"; `data tjek --ret` writes
the sure corrections into the data folder, and a second fetch gets the breakdowns."""

from __future__ import annotations

import math
import re

import pytest
from loopback_api import LoopbackApi
from noegletal import catalogue, cli, config, data, geo
from noegletal.processed import processed_manifest

pytestmark = pytest.mark.slow

KEY = "foerste-dag-noegle-0123456789"
TABLES = ["y25i01", "y25i09", "y01a02", "AUS08", "FOLK1AM"]
MAAL = "Antal ledige fuldtidspersoner"


def _value(df, omraade, periode, **dims):
    rows = df[(df.omraade == omraade) & (df.periode == periode) & (df.maal == MAAL)]
    for col, v in dims.items():
        rows = rows[rows[col] == v]
    assert len(rows) == 1, (omraade, periode, dims, len(rows))
    v = rows["vaerdi"].iloc[0]
    return None if math.isnan(v) else v


def test_first_day_totals_box_exit_code_then_corrections_get_the_breakdowns(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NOEGLETAL_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("NOEGLETAL_OUTPUTS", str(tmp_path / "outputs"))
    monkeypatch.setenv("JOBINDSATS_API_KEY", KEY)
    spec = catalogue.table("y25i01")
    with LoopbackApi(key=KEY, mode="andre-navne") as api:
        monkeypatch.setenv("JOBINDSATS_API_URL", api.url)
        monkeypatch.setenv("STATBANK_API_URL", f"{api.base}/v1")
        code = cli.main(["data", "fetch", "--tabel", *TABLES])
        err = capsys.readouterr().err
        assert code == cli.EXIT_DELVIS == 3, err
        world = api.world

        # one line for the table: each skipped breakdown with its catalogue line and the nearest live names
        linjer = [x for x in err.splitlines() if x.startswith("y25i01: ")]
        assert len(linjer) == 1, err
        linje = linjer[0]
        for h, navn, naer in (("_kon", "Mænd", "mænd"), ("_aldera", "16-24 år", "16–24 år"),
                              ("_oprinda", "Indvandrere og efterkommere fra ikke-vestlige lande",
                               "Indvandrere og efterkommere fra ikke vestlige lande")):
            assert f"{h} har ikke værdi" in linje and repr(navn) in linje
            assert f"catalogue.yml linje {catalogue.line('y25i01', 'hierarchies', h, 'values', navn)}" in linje
            assert repr(naer) in linje
        assert "noegletal data tjek --ret" in linje

        # every total, to the digit, under the catalogue's own total labels; no breakdown
        df = data.tabel("y25i01")
        totaler = {h.column: h.total for h in spec.hierarchies}
        for omraade in ("Hele landet", "Ballerup", "Region Hovedstaden", "København"):
            for p in ("2016M01", "2018M06"):
                assert _value(df, omraade, p, **totaler) == world.value("y25i01", omraade, p, MAAL, {})
        assert set(df["koen"]) == {"I alt"} and set(df["alder"]) == {"Alder i alt"}
        assert df["omraade"].nunique() >= 98 + 5 + 1
        assert _value(df, "Hele landet", "2018M06", **totaler) == world.value("y25i01", "Hele landet", "2018M06", MAAL, {})
        mangler = processed_manifest()["tables"]["y25i01"]["mangler"]
        assert {tuple(m["opdeling"]) for m in mangler} == {("ydelsesgruppe", "koen"), ("alder",), ("herkomst",)}

        # data status lists the missing cuts
        assert cli.main(["data", "status"]) == 0
        out = capsys.readouterr().out
        assert re.search(r"y25i01: mangler opdelingen efter ydelsesgrupper og køn", out), out
        # … and per table the latest period held and whether Jobindsats has updated it since
        assert "nyere hos Jobindsats" in out
        assert re.search(r"y25i01 .*2016M01–2018M06 .*(nej \(opdateret 2026-11-26\)|ja, opdateret 2026-11-26)", out), out

        # the brief is made, with the box where a breakdown is missing
        assert cli.main(["brief", "ledighed", "--kommune", "Ballerup", "--periode", "2018M06"]) == 0, \
            capsys.readouterr().err
        html = (config.outputs_dir() / "2018M06" / "Ballerup" / "ledighed.html").read_text(encoding="utf-8")
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
        assert "Opdeling mangler" in text
        assert "Opdelingen efter ydelsesgrupper og køn i tabel y25i01 er ikke hentet" in text
        assert "noegletal data tjek --ret" in text and "noegletal data fetch --tabel y25i01" in text
        assert "Opdelingen efter alder i tabel y25i01" in text
        assert "Kilde: Jobindsats.dk (STAR) (tabel y25i09)" in text  # the rest of the brief is made

        # tjek --ret writes the sure corrections (never the key), and a second fetch gets every breakdown
        assert cli.main(["data", "tjek", "--ret", "--tabel", "y25i01"]) == 0, capsys.readouterr().out
        out = capsys.readouterr().out
        fil = config.data_dir() / catalogue.RETTELSER_FIL
        tekst = fil.read_text(encoding="utf-8")
        assert KEY not in tekst and "Bearer" not in tekst
        assert "Mænd: mænd" in tekst and "16-24 år: 16–24 år" in tekst
        assert "sikre rettelse(r) skrevet" in out
        assert catalogue.rettelser()["y25i01"].vaerdier["_kon"] == {"Mænd": "mænd", "Kvinder": "kvinder"}

        assert cli.main(["data", "fetch", "--tabel", "y25i01"]) == 0, capsys.readouterr().err
        assert cli.main(["data", "status"]) == 0
        out = capsys.readouterr().out
        assert "Katalogrettelser i brug" in out and "mangler opdelingen" not in out
    df = data.tabel("y25i01")
    assert "mangler" not in processed_manifest()["tables"]["y25i01"]
    assert set(df["koen"]) == {"I alt", "Mænd", "Kvinder"}  # the catalogue's names: briefs do not change
    assert set(df["alder"]) == {spec.hierarchy("_aldera").total, *spec.hierarchy("_aldera").values}
    kv = _value(df, "Ballerup", "2018M06", ydelsesgruppe="A-dagpenge", koen="Kvinder", alder="Alder i alt",
                herkomst="Oprindelse i alt")
    assert kv == world.value("y25i01", "Ballerup", "2018M06", MAAL, {"_ygrpi09": "A-dagpenge", "_kon": "kvinder"})
    # the stamp says corrections are in force
    assert cli.main(["brief", "ledighed", "--kommune", "Ballerup", "--periode", "2018M06"]) == 0
    html = (config.outputs_dir() / "2018M06" / "Ballerup" / "ledighed.html").read_text(encoding="utf-8")
    assert "Opdeling mangler" not in html and "katalogrettelser" in html
    assert geo.hele_landet().navn in html
