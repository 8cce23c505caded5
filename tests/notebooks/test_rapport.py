"""One report per kommune: the chapters are the briefs' own blocks, the contents link to them, one stamp, and
the same e-mail safety; as PDF too where a browser is installed; and `batch --rapport` links it."""

from __future__ import annotations

import re
import shutil

import pytest

from noegletal import cli
from noegletal.render import check_email_safe

pytestmark = pytest.mark.slow


def test_a_report_has_cover_contents_chapters_and_one_stamp(demo_data, tmp_path, capsys):
    formater = "html,pdf" if shutil.which("chromium") else "html"
    code = cli.main(["rapport", "--kommune", "Ballerup", "--periode", "2018M06", "--temaer", "ledighed,fleksjob",
                     "--format", formater, "--ud", str(tmp_path), "--stille"])
    out, err = capsys.readouterr()
    assert code == 0, err
    html = (tmp_path / "2018M06" / "Ballerup" / "rapport.html").read_text(encoding="utf-8")
    assert check_email_safe(html) == [] and '<html lang="da">' in html
    assert "Nøgletal for Ballerup Kommune, juni 2018" in html
    assert re.findall(r'<a href="#(kapitel-[a-z]+)">', html) == ["kapitel-ledighed", "kapitel-fleksjob"]
    assert 'id="kapitel-ledighed"' in html and 'id="kapitel-fleksjob"' in html
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))  # every chapter's block ids made unique
    assert html.count('class="nt-stempel') == 1 and html.count('class="nt-kapitelstempel"') == 2
    assert html.count('class="nt-demo"') == 1  # the demo banner once
    ledighed = (tmp_path / "2018M06" / "Ballerup" / "ledighed.html").read_text(encoding="utf-8")
    blok = re.search(r'<section class="nt-blok nt-figurblok" id="([^"]+)"', ledighed).group(1)
    assert f'id="ledighed-{blok}"' in html  # the same block as in the brief
    if formater.endswith("pdf"):
        from pypdf import PdfReader

        pdf = PdfReader(tmp_path / "2018M06" / "Ballerup" / "rapport.pdf")
        tekst = " ".join(s.extract_text() for s in pdf.pages)
        assert len(pdf.pages) > 4 and "Fleksjob" in tekst and "side 1 af" in tekst


def test_batch_with_reports_links_them_on_the_overview(demo_data, tmp_path, capsys):
    code = cli.main(["batch", "--periode", "2018M06", "--kommuner", "Herlev", "--temaer", "ledighed", "--rapport",
                     "--format", "html,xlsx", "--ud", str(tmp_path), "--stille"])
    assert code == 0, capsys.readouterr().err
    index = (tmp_path / "2018M06" / "index.html").read_text(encoding="utf-8")
    assert 'href="Herlev/rapport.html"' in index and 'href="Herlev/ledighed.xlsx">Excel</a>' in index
    assert check_email_safe(index, relative_links=True) == []
