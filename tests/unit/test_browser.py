"""A rendered brief in a real, offline, headless Chromium: every image decodes, nothing goes on the network.

Needs the Python package `playwright` (its wheel carries the driver) and Debian's `chromium`
(`apt-get install -y chromium`); no browser download. Missing either is a failure, not a skip, unless
NOEGLETAL_SKIP_BROWSER=1 is set. NOEGLETAL_CHROMIUM points at another Chromium binary.
"""

import os
import shutil
from pathlib import Path

import pytest
from noegletal import batch, jobs

pytestmark = pytest.mark.slow

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "notebooks" / "mini_brief.ipynb"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _mangler(hvad: str):
    if os.environ.get("NOEGLETAL_SKIP_BROWSER") == "1":
        pytest.skip(f"{hvad} mangler; browsertesten er slået fra med NOEGLETAL_SKIP_BROWSER=1")
    pytest.fail(f"{hvad} mangler. Installér med `apt-get install -y chromium` og `pip install playwright`, "
                "eller sæt NOEGLETAL_SKIP_BROWSER=1 for at springe testen over.")


def _chromium() -> str:
    sti = os.environ.get("NOEGLETAL_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(sti).is_file():
        _mangler("Chromium")
    return sti


KONTROL = '<!DOCTYPE html><html lang="da"><body><img src="http://example.invalid/spor.png" alt="x"></body></html>'


def _besoeg(context, fil: Path, eksterne: list[str]):
    """Open a local file with every non-file request recorded and aborted."""

    def rute(route):
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            eksterne.append(url)
            route.abort()

    page = context.new_page()
    page.on("request", lambda r: None if r.url.startswith(("file:", "data:")) else eksterne.append(r.url))
    page.route("**/*", rute)
    page.goto(fil.as_uri(), wait_until="load")
    return page


@pytest.fixture(scope="module")
def side_i_browser(tmp_path_factory):
    """Render the mini brief once, open it offline in Chromium; also open a control page that does
    request something, to show the recorder would notice."""
    sti = _chromium()  # before the kernel run: fail fast without a browser
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _mangler("Python-pakken playwright")
    ud = tmp_path_factory.mktemp("browser")
    job = jobs.job("mini", "Ballerup", "2017M10", ud / "mini.html", notesbog=MINI, ekstra_omraade="Hele landet")
    res = batch.koer([job], workers=1, tving=True, keep_notebook=False, vis_fremdrift=False).resultater[0]
    assert res.status == "dannet", res.besked
    brief_fil = Path(res.html)
    kontrol_fil = ud / "kontrol.html"
    kontrol_fil.write_text(KONTROL, encoding="utf-8")
    eksterne: list[str] = []
    kontrol: list[str] = []

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=sti, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(offline=True)
            _besoeg(context, kontrol_fil, kontrol)
            page = _besoeg(context, brief_fil, eksterne)
            resultat = page.evaluate(
                """() => ({
                    billeder: Array.from(document.images).map(i => ({
                        ok: i.complete && i.naturalWidth > 0, bredde: i.naturalWidth, alt: i.alt})),
                    lang: document.documentElement.lang,
                    scripts: document.scripts.length,
                    titel: document.title,
                })"""
            )
            page.emulate_media(media="print")
            pdf = page.pdf(format="A4")
        finally:
            browser.close()
    return resultat, eksterne, pdf, kontrol


def test_every_image_decodes(side_i_browser):
    resultat, *_ = side_i_browser
    assert resultat["billeder"], "ingen billeder i briefen"
    for billede in resultat["billeder"]:
        assert billede["ok"] and billede["bredde"] > 0, billede
        assert billede["alt"].strip()


def test_no_request_leaves_the_page(side_i_browser):
    _, eksterne, _, kontrol = side_i_browser
    assert any("example.invalid" in u for u in kontrol), "the recorder did not see the control page's request"
    assert eksterne == []


def test_page_is_danish_without_scripts_and_prints(side_i_browser):
    resultat, _, pdf, _ = side_i_browser
    assert resultat["lang"] == "da"
    assert resultat["scripts"] == 0
    assert resultat["titel"] == "Mini-brief: beskæftigede flygtninge"
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
