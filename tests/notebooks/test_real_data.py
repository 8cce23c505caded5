"""End to end with a real key's route: `data fetch` from a loopback Jobindsats v3 and Statistikbanken that
answer as the live services do, then `data build`, then `brief ledighed`: the brief's numbers are the
server's numbers, to the digit, and nothing says demo."""

from __future__ import annotations

import re

import pytest
from loopback_api import LoopbackApi
from noegletal import catalogue, cli, config, data, fmt, geo

pytestmark = pytest.mark.slow

KEY = "e2e-noegle-0123456789"
TABLES = ["y25i01", "y25i09", "y01a02", "AUS08", "FOLK1AM"]


def test_fetch_build_brief_gives_the_servers_numbers(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NOEGLETAL_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("NOEGLETAL_OUTPUTS", str(tmp_path / "outputs"))
    monkeypatch.setenv("JOBINDSATS_API_KEY", KEY)
    with LoopbackApi(key=KEY) as api:
        monkeypatch.setenv("JOBINDSATS_API_URL", api.url)
        monkeypatch.setenv("STATBANK_API_URL", f"{api.base}/v1")
        assert cli.main(["data", "fetch", "--tabel", *TABLES]) == 0, capsys.readouterr().err
        world = api.world
    info = data.kildeinfo()
    assert not info["demo"] and set(info["tabeller"]) == set(TABLES)

    # the processed data hold the server's numbers
    s = data.serie("ledige_fuldtid", omraader=["Ballerup"], fra="2018M06", til="2018M06")
    want = world.value("y25i01", "Ballerup", "2018M06", "Antal ledige fuldtidspersoner", {})
    assert s["vaerdi"].iloc[0] == want

    assert cli.main(["brief", "ledighed", "--kommune", "Ballerup", "--periode", "2018M06"]) == 0, capsys.readouterr().err
    html = (config.outputs_dir() / "2018M06" / "Ballerup" / "ledighed.html").read_text(encoding="utf-8")
    assert "DEMODATA" not in html and "demodata" not in html.lower()
    text = re.sub(r"<[^>]+>", " ", html)
    assert fmt.tal(want) in text  # Ballerup's ledige fuldtidspersoner, as the server sent them
    land = world.value("y25i01", geo.hele_landet().navn, "2018M06", "Antal ledige fuldtidspersoner", {})
    assert fmt.tal(land) in text
    assert "Jobindsats" in text and "y25i01" in text
    for tid in ("y25i01",):
        assert catalogue.table(tid).kilde in text
