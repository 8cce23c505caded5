"""The committee's quarter (issue 24): `brief --periode 2023K2` and `rapport --periode 2023K2` on the demo data.

A quarter's brief shows the monthly figures of its last month under the quarter's heading, in its own folder;
the quarter's report is made of those briefs, led by 5-10 key points with pointer.md beside it; and a
dokument.yml's `maaltal:` decides which blocks carry a måltal."""

from __future__ import annotations

import re

import pytest

from noegletal import cli
from noegletal.render import check_email_safe

pytestmark = pytest.mark.slow

KVARTAL = "Udvalget har bedt om tal for 2. kvartal 2023: månedstal er fra juni 2023 og kvartalstal fra 2. kvartal 2023."


def _tekst(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_quarters_brief_names_the_quarter_and_the_month(demo_data, tmp_path, capsys):
    code = cli.main(["brief", "ledighed", "--kommune", "Ballerup", "--periode", "2023K2", "--format", "html,xlsx",
                     "--ud", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    html_sti = tmp_path / "2023K2" / "Ballerup" / "ledighed.html"
    assert out.split() == [str(html_sti), str(html_sti.with_suffix(".xlsx"))]
    assert not (tmp_path / "2023M06").exists()  # its own folder: the month's brief is never overwritten
    html = html_sti.read_text(encoding="utf-8")
    assert check_email_safe(html) == []
    assert '<p class="nt-kicker">Ballerup Kommune · 2. kvartal 2023</p>' in html
    assert f'<p class="nt-periodenote">{KVARTAL}</p>' in html
    tekst = _tekst(html)
    assert "Det officielle ledighedstal for Ballerup Kommune var i juni 2023 2,3 pct." in tekst  # a month, named
    assert "Periode: 2. kvartal 2023; Månedstal fra: juni 2023" in tekst  # the stamp says both
    assert "<title>" in html and "Ballerup i juni 2023: 2,3 pct., under måltallet på 2,5 pct." in tekst


def test_a_quarters_report_is_made_of_the_quarters_briefs_and_led_by_key_points(demo_data, tmp_path, capsys):
    code = cli.main(["rapport", "--kommune", "Ballerup", "--periode", "2023K2", "--ud", str(tmp_path), "--stille"])
    out, err = capsys.readouterr()
    assert code == 0, err
    mappe = tmp_path / "2023K2" / "Ballerup"
    html = (mappe / "rapport.html").read_text(encoding="utf-8")
    assert check_email_safe(html) == [] and "<title>Nøgletal for Ballerup Kommune, 2. kvartal 2023</title>" in html
    kapitler = re.findall(r'<section class="nt-kapitel" id="kapitel-([a-z]+)">(.*?)(?=<section class="nt-kapitel"|'
                          r'<footer class="nt-stempel nt-rapportstempel")', html, re.S)
    assert [k for k, _ in kapitler] == ["integration", "ledighed", "aktivering", "fleksjob", "overblik"]
    for tema, indhold in kapitler:  # every chapter is the quarter's brief: it says so
        assert "Ballerup Kommune · 2. kvartal 2023" in indhold and KVARTAL in indhold, tema
    punkter = re.findall(r'<li id="pointe-([^"]+)">', html)
    assert 5 <= len(punkter) <= 10 and any(p.startswith("maal-") for p in punkter)
    md = (mappe / "pointer.md").read_text(encoding="utf-8").splitlines()
    assert len(md) == len(punkter) and all(linje.startswith("- ") for linje in md)
    assert (mappe / "pointer.txt").is_file()
    assert html.count("Periode: 2. kvartal 2023; Månedstal fra: juni 2023") == 5  # each chapter's stamp


def test_dokument_yml_maaltal_decides_which_blocks_carry_a_maaltal(demo_data, tmp_path, capsys):
    dok = tmp_path / "dokument.yml"
    dok.write_text("maaltal: [ledighedsprocent]\n", encoding="utf-8")
    code = cli.main(["rapport", "--kommune", "Ballerup", "--periode", "2023K2", "--temaer", "ledighed,aktivering",
                     "--dokument", str(dok), "--ud", str(tmp_path), "--stille"])
    assert code == 0, capsys.readouterr().err
    html = (tmp_path / "2023K2" / "Ballerup" / "rapport.html").read_text(encoding="utf-8")
    ledighed, aktivering = html.split('id="kapitel-aktivering"')
    assert "måltallet på 2,5 pct." in ledighed  # the indicator dokument.yml names
    assert "måltal" not in aktivering.split('class="nt-stempel')[0].lower()  # aktiveringsgraden's 30 pct. is not shown
    assert "Måltal vist for: ledighedsprocent" in html  # the chapters' stamps say so
    punkter = re.findall(r'<li id="pointe-(maal-[^"]+)">', html)
    assert punkter == ["maal-ledighedsprocent"]


def test_a_years_batch_shows_december_under_the_years_heading(demo_data, tmp_path, capsys):
    code = cli.main(["batch", "--periode", "2022", "--kommuner", "Ballerup", "--temaer", "overblik", "--ud",
                     str(tmp_path), "--stille"])
    assert code == 0, capsys.readouterr().err
    html = (tmp_path / "2022" / "Ballerup" / "overblik.html").read_text(encoding="utf-8")
    assert '<p class="nt-kicker">Ballerup Kommune · 2022</p>' in html
    assert ("Udvalget har bedt om tal for 2022: månedstal er fra december 2022, kvartalstal fra 4. kvartal 2022 og "
            "årstal fra 2022.") in html
    assert "Overblikket samler Ballerups forsørgertryk, ydelser og placering i klyngen for december 2022." in html
    assert "Nøgletalsbriefs for 2022" in (tmp_path / "2022" / "index.html").read_text(encoding="utf-8")
