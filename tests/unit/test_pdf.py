"""A brief as PDF from its finished HTML, in the machine's headless Chromium (Playwright, no download).

The browser tests are slow and are skipped (with the reason) where no Chromium is installed; the message
a user gets without one is checked everywhere.
"""

import asyncio
import html as html_mod
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import side_af_blokke as _side
from noegletal import brief
from noegletal.errors import PdfFejl
from noegletal.render.blokke import blokke, fodnote
from noegletal.render.pdf import CHROMIUM_ENV, PdfMotor, chromium_sti, pdf_fra_html

pypdf = pytest.importorskip("pypdf")
MM = 72 / 25.4


def _chromium_eller_skip():
    try:
        return chromium_sti()
    except PdfFejl as e:
        pytest.skip(f"ingen Chromium på maskinen: {e}")


@pytest.fixture(scope="module")
def motor():
    _chromium_eller_skip()
    with PdfMotor() as m:
        yield m


@pytest.fixture(scope="module")
def ledighed(demo_data_dir, tmp_path_factory):
    """The demo ledighed brief for Ballerup, June 2018, made as a user makes it (`noegletal brief`): its
    HTML file and text."""
    _chromium_eller_skip()
    ud = tmp_path_factory.mktemp("ledighed")
    env = {**os.environ, "NOEGLETAL_DATA": str(demo_data_dir), "NOEGLETAL_OUTPUTS": str(ud)}
    cli = Path(sys.executable).with_name("noegletal")
    res = subprocess.run([str(cli), "brief", "ledighed", "--kommune", "Ballerup", "--periode", "2018M06"],
                         env=env, capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr[-2000:]
    sti = next(ud.rglob("ledighed.html"))
    return sti, sti.read_text(encoding="utf-8")


def _tekst(reader) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in reader.pages]


def _billeder(reader) -> list[tuple[int, list[float]]]:
    """(page number, [x0, y0, x1, y1]) of every image drawn, from the content streams' transformation."""
    ud = []
    for nr, side in enumerate(reader.pages):
        xo = side["/Resources"].get("/XObject", {}) if "/Resources" in side else {}
        billeder = {k for k, v in xo.items() if v.get_object().get("/Subtype") == "/Image"}

        def besoeg(op, args, cm, tm, nr=nr, billeder=billeder):
            if op == b"Do" and args and args[0] in billeder:
                a, b, c, d, e, f = cm
                xs, ys = [e, e + a, e + c, e + a + c], [f, f + b, f + d, f + b + d]
                ud.append((nr, [min(xs), min(ys), max(xs), max(ys)]))

        side.extract_text(visitor_operand_before=besoeg)
    return ud


@pytest.mark.slow
def test_pdf_of_a_demo_brief(ledighed, motor, tmp_path):
    html_sti, html = ledighed
    pdf = motor.pdf(html_sti, tmp_path / "ledighed.pdf", fodnote(html))
    r = pypdf.PdfReader(pdf)
    sider = _tekst(r)
    n = len(sider)
    assert 3 <= n <= 20
    alt = " ".join(sider)
    assert "Ledighed" in sider[0] and "DEMODATA" in sider[0]
    # the key figures: every number of the brief's first table
    foerste = next(b for b in blokke(html) if b.art == "tabel")
    tal = re.findall(r'<td class="nt-tal">([^<]+)</td>', html[foerste.start:foerste.slut])
    assert tal and all(t in alt for t in tal), [t for t in tal if t not in alt]
    # the footer: kommune · periode · tema · stamp, and page numbers
    assert "Ballerup Kommune · juni 2018 · Ledighed · dannet" in sider[0]
    assert f"side 1 af {n}" in sider[0] and f"side {n} af {n}" in sider[-1]
    assert "Hent tallene" not in alt  # the CSV links are for the screen


@pytest.mark.slow
def test_pdf_is_tagged_with_an_outline(ledighed, motor, tmp_path):
    r = pypdf.PdfReader(motor.pdf(ledighed[0], tmp_path / "l.pdf", "fod"))
    katalog = r.trailer["/Root"]
    assert "/StructTreeRoot" in katalog
    assert katalog["/MarkInfo"]["/Marked"].value is True
    assert katalog.get("/Lang") == "da"
    assert r.outline  # headings → bookmarks


def _tags(node, ud: list) -> list[tuple[str, str | None]]:
    """(structure type, alt text) of every element in the PDF's structure tree, in reading order."""
    node = node.get_object()
    if isinstance(node, pypdf.generic.ArrayObject):
        for k in node:
            _tags(k, ud)
    elif isinstance(node, pypdf.generic.DictionaryObject):
        if "/S" in node:
            ud.append((str(node["/S"]), str(node["/Alt"]) if "/Alt" in node else None))
        if "/K" in node:
            _tags(node["/K"], ud)
    return ud


@pytest.mark.slow
def test_each_chart_is_one_figure_tag_carrying_its_alt_text(ledighed, motor, tmp_path):
    html_sti, html = ledighed
    r = pypdf.PdfReader(motor.pdf(html_sti, tmp_path / "f.pdf", "fod"))
    figurer = [alt for s, alt in _tags(r.trailer["/Root"]["/StructTreeRoot"], []) if s == "/Figure"]
    alts = [html_mod.unescape(a) for a in re.findall(r'<img [^>]*\balt="([^"]*)"', html)]
    assert len(alts) >= 5
    assert figurer == alts  # one /Figure per chart, not an outer one without alt around it


@pytest.mark.slow
def test_figures_are_kept_whole(ledighed, motor, tmp_path):
    """Every <img> is drawn exactly once, and inside one page's printable area: a figure cut in two would
    be drawn on two pages, each time partly outside the page."""
    html_sti, html = ledighed
    r = pypdf.PdfReader(motor.pdf(html_sti, tmp_path / "l.pdf", "fod"))
    billeder = _billeder(r)
    assert len(billeder) == html.count("<img ")
    for nr, (x0, y0, x1, y1) in billeder:
        side = r.pages[nr].mediabox
        assert x0 >= 0 and x1 <= float(side.width) + 0.5
        assert y0 >= 18 * MM - 0.5 and y1 <= float(side.height) - 15 * MM + 0.5, (nr, y0, y1)


@pytest.mark.slow
def test_a_short_table_stays_on_one_page_a_long_one_repeats_its_header(motor, tmp_path):
    fyld = brief.Tekst("\n\n".join(["Fyldtekst, der skubber tabellen ned mod bunden af siden."] * 28))
    kort = pd.DataFrame({"Antal": range(100, 125)}, index=pd.Index([f"Kort række {i}" for i in range(25)], name="Kort"))
    lang = pd.DataFrame({"Antal": range(1000, 1090)}, index=pd.Index([f"Lang række {i}" for i in range(90)],
                                                                        name="Kolonnehoved"))
    html_sti = tmp_path / "t.html"
    html_sti.write_text(_side(brief.Overskrift("Test"), fyld, brief.Tabelblok("Kort tabel", kort), fyld,
                              brief.Tabelblok("Lang tabel", lang)), encoding="utf-8")
    sider = _tekst(pypdf.PdfReader(motor.pdf(html_sti, tmp_path / "t.pdf", "Test")))
    med_kort = [i for i, s in enumerate(sider) if "Kort række" in s]
    assert len(med_kort) == 1 and "Kort række 0" in sider[med_kort[0]] and "Kort række 24" in sider[med_kort[0]]
    med_lang = [i for i, s in enumerate(sider) if "Lang række" in s]
    assert len(med_lang) >= 2
    assert all("Kolonnehoved" in sider[i] for i in med_lang)  # thead repeated on every page


@pytest.mark.slow
def test_written_atomically_and_works_inside_an_event_loop(ledighed, tmp_path):
    _chromium_eller_skip()
    ud = tmp_path / "ud" / "ledighed.pdf"
    ud.parent.mkdir()
    ud.write_bytes(b"gammel")

    async def i_en_loekke():  # a Jupyter kernel runs an event loop; Playwright's sync API must not see it
        return pdf_fra_html(ledighed[0], ud, "fod")

    assert asyncio.run(i_en_loekke()) == ud
    assert ud.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in ud.parent.iterdir()] == ["ledighed.pdf"]  # no temporary file left


@pytest.mark.slow
def test_the_analysts_comments_are_in_the_pdf(ledighed, motor, tmp_path):
    from noegletal import kommentarer

    html_sti, html = ledighed
    foerste = blokke(html)[0].id
    k = kommentarer.fra_tekst(f"---\nforfatter: Anna Jensen\n---\nEn generel bemærkning.\n\n## blok: {foerste}\n"
                              "Bemærkning til første blok.\n")
    med = tmp_path / "med.html"
    med.write_text(kommentarer.indsaet(html, k), encoding="utf-8")
    alt = " ".join(_tekst(pypdf.PdfReader(motor.pdf(med, tmp_path / "med.pdf", "fod"))))
    assert "Bemærkninger Anna Jensen En generel bemærkning." in alt
    assert "Bemærkning (Anna Jensen) Bemærkning til første blok." in alt


def test_without_a_browser_the_message_says_how_to_get_one(tmp_path, monkeypatch):
    monkeypatch.setenv(CHROMIUM_ENV, str(tmp_path / "ingen-chromium"))
    html_sti = tmp_path / "b.html"
    html_sti.write_text("<!DOCTYPE html><html lang='da'><body>x</body></html>", encoding="utf-8")
    with pytest.raises(PdfFejl) as e:
        pdf_fra_html(html_sti, tmp_path / "b.pdf", "fod")
    besked = str(e.value)
    assert "sudo apt-get install chromium" in besked and CHROMIUM_ENV in besked and "HTML-briefen er lavet" in besked
    assert not (tmp_path / "b.pdf").exists() and html_sti.read_text(encoding="utf-8").endswith("</html>")


def test_footer_text_from_the_page():
    side = _side(brief.Demobanner(), brief.Overskrift("Ledighed", kommune="Ballerup", periode="2018M06"),
                 brief.Stempel("k", {}, "noegletal 0.1.0", __import__("datetime").datetime(2018, 7, 2, 9, 5)))
    assert fodnote(side) == "Ballerup Kommune · juni 2018 · Ledighed · dannet 2. juli 2018 kl. 09.05 · DEMODATA"
    assert fodnote(side, tema="ledighed").startswith("Ballerup Kommune · juni 2018 · ledighed ·")
