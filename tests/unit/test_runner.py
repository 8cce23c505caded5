"""Making one brief: two real runs of the mini notebook (success, failure) by the route every brief takes,
and fast checks with a fake executor for the gate, the atomic write and the secret check."""

import base64
import re
import stat
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from jupyter_client import KernelManager
from nbformat.v4 import new_code_cell, new_notebook, new_output
from noegletal import batch, config, jobs, runner
from noegletal.errors import BriefFejl, NoegletalFejl, UgyldigParameter
from noegletal.render import check_email_safe
from noegletal.status import DANNET

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "notebooks" / "mini_brief.ipynb"
OND = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'


class _Billeder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.imgs = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.imgs.append(dict(attrs))


def run_brief(notesbog: Path, html: Path, parametre: dict, keep_notebook: bool = True) -> Path:
    """One brief from a notebook that is no tema's, by the same route as `noegletal brief`."""
    parametre = dict(parametre)
    job = jobs.job("mini", parametre.pop("kommune", "Ballerup"), parametre.pop("periode", "2017M10"), html,
                   notesbog=notesbog, **parametre)
    res = batch.koer([job], workers=1, tving=True, keep_notebook=keep_notebook, vis_fremdrift=False).resultater[0]
    if res.status != DANNET:
        raise BriefFejl(res.besked, notesbog=res.notesbog, ename=res.fejltype)
    return Path(res.html)


@pytest.fixture(scope="module")
def koersel(tmp_path_factory):
    """One real run of the mini brief, with a malicious area name as parameter."""
    ud = tmp_path_factory.mktemp("outputs") / "2017M10" / "ballerup"
    html_fil = run_brief(MINI, ud / "mini.html", {"kommune": "Ballerup", "ekstra_omraade": OND})
    return html_fil, html_fil.read_text(encoding="utf-8")


def test_kernel_python3_is_this_environment():
    assert KernelManager(kernel_name="python3").format_kernel_cmd()[0] == sys.executable


@pytest.mark.slow
def test_success_writes_html_and_keeps_the_notebook(koersel):
    html_fil, _ = koersel
    assert sorted(p.name for p in html_fil.parent.iterdir()) == ["mini.batch.json", "mini.html", "mini.ipynb"]  # no temp files
    assert stat.S_IMODE(html_fil.stat().st_mode) == 0o644
    nb = nbformat.read(html_fil.with_suffix(".ipynb"), as_version=4)
    assert any("injected-parameters" in c.metadata.get("tags", []) for c in nb.cells)


@pytest.mark.slow
def test_brief_is_email_safe(koersel):
    _, side = koersel
    assert check_email_safe(side) == []
    assert "<script" not in side.lower()
    assert '<html lang="da">' in side
    for v in re.findall(r'\s(?:src|href)\s*=\s*["\']?([^"\'\s>]*)', side, re.I):
        assert not v.lower().startswith(("http:", "https:", "//")), v


@pytest.mark.slow
def test_every_image_has_alt_text_and_is_small(koersel):
    _, side = koersel
    p = _Billeder()
    p.feed(side)
    assert len(p.imgs) == 1
    for img in p.imgs:
        assert img.get("alt", "").strip()
        assert img["src"].startswith("data:image/png;base64,")
        assert len(base64.b64decode(img["src"].split(",", 1)[1])) <= 45_000
    assert len(side.encode()) < 120_000


@pytest.mark.slow
def test_no_code_no_parameters_no_hidden_cells(koersel):
    _, side = koersel
    for tekst in ("import", "display(", "fejl = False", "fejl: bool", 'kommune = "Ballerup"', 'kommune: str',
                  "STREAM-TEKST-SKAL-IKKE-SES", "SKJULT-INDHOLD", "UgyldigParameter"):
        assert tekst not in side, tekst


@pytest.mark.slow
def test_danish_numbers_missing_values_and_escaping(koersel):
    _, side = koersel
    for tekst in (">1.827<", ">10.160<", ">33,3<", '<td class="nt-tal nt-mangler">..</td>',
                  "..: tal ikke oplyst", "Ballerup Kommune · oktober 2017", "DEMODATA", "Sidste udtryk i en celle"):
        assert tekst in side, tekst
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in side  # the malicious name is shown, as text
    p = _Billeder()
    p.feed(side)
    assert len(p.imgs) == 1 and not [a for img in p.imgs for a in img if a.startswith("on")]
    assert "<title>Mini-brief: beskæftigede flygtninge</title>" in side


@pytest.mark.slow
def test_failing_notebook_writes_no_html_and_keeps_the_notebook(tmp_path):
    ud = tmp_path / "ballerup"
    with pytest.raises(BriefFejl) as info:
        run_brief(MINI, ud / "mini.html", {"fejl": True})
    err = info.value
    assert isinstance(err, NoegletalFejl)
    gemt = ud / "_fejlede" / "mini.ipynb"
    assert Path(err.notesbog) == gemt and gemt.is_file()
    assert "UgyldigParameter" in str(err) and "Bevidst fejl" in str(err) and str(gemt) in str(err)
    assert err.ename == "UgyldigParameter"
    assert sorted(p.name for p in ud.iterdir()) == ["_fejlede"]  # no HTML, no temp files
    nb = nbformat.read(gemt, as_version=4)
    assert any(o.get("output_type") == "error" for c in nb.cells for o in c.get("outputs", []))


# --- without a kernel: the last step on its own ---------------------------------------------------------------


def _koert(*outputs):
    """An executed notebook as a kernel leaves it."""
    return new_notebook(cells=[new_code_cell("x", outputs=list(outputs))])


def _html(tekst):
    return new_output("display_data", data={"text/html": tekst})


def test_email_gate_stops_an_image_without_alt(tmp_path):
    (tmp_path / "b.html").write_text("GAMMEL")
    with pytest.raises(BriefFejl, match="alternativ tekst"):
        runner.skriv_brief(_koert(_html('<img src="data:image/png;base64,iVBORw0KGgo=">')), tmp_path / "b.html", "b")
    assert (tmp_path / "b.html").read_text() == "GAMMEL"  # untouched
    assert (tmp_path / "_fejlede" / "b.ipynb").is_file()


def test_kernel_trouble_is_a_danish_brief_error(tmp_path):
    with pytest.raises(BriefFejl, match="kunne ikke køres: RuntimeError: Kernel died"):
        raise runner.koersel_fejlet(_koert(), tmp_path / "b.html", "b", RuntimeError("Kernel died"))
    assert not (tmp_path / "b.html").exists()


def test_success_without_notebook_and_old_failure_cleared(tmp_path):
    (tmp_path / "_fejlede").mkdir()
    (tmp_path / "_fejlede" / "b.ipynb").write_text("{}")
    ud = runner.skriv_brief(_koert(_html("<p>1.827</p>")), tmp_path / "b.html", "b", keep_notebook=False)
    assert ud == tmp_path / "b.html" and "<p>1.827</p>" in ud.read_text()
    assert not (tmp_path / "b.ipynb").exists()
    assert not (tmp_path / "_fejlede" / "b.ipynb").exists()


@pytest.mark.parametrize("vaerdi", ["hemmelig-noegle-123", ["a", "hemmelig-noegle-123"], {"k": "hemmelig-noegle-123"}])
def test_secret_key_is_refused_as_parameter_before_a_kernel_starts(monkeypatch, tmp_path, vaerdi):
    monkeypatch.setenv(config.KEY_ENV, "hemmelig-noegle-123")
    with pytest.raises(UgyldigParameter, match=config.KEY_ENV):
        jobs.job("mini", "Ballerup", "2017M10", tmp_path / "b.html", notesbog=MINI, noegle=vaerdi)
    assert not any(tmp_path.iterdir())


def test_missing_notebook(tmp_path):
    with pytest.raises(BriefFejl, match="findes ikke"):
        run_brief(tmp_path / "findes_ikke.ipynb", tmp_path / "b.html", {})
