"""noegletal.batch: the grid, fingerprints, the overview page and the CLI without a kernel; then a few real
batch runs of tiny notebooks (the mini brief and three made here) in kept kernels, marked slow.

The kernel runs check: a failing brief does not stop the others; a variable, a changed matplotlib setting
and a changed working folder of one brief are not seen by the next; a dead kernel and a cell past the time
limit fail only their brief and the kernel is restarted; a re-run skips unchanged briefs and makes them
again when the fingerprint changes; interrupting (KeyboardInterrupt in the parent) or killing a worker
leaves no partial HTML, no temporary file and no kernel behind.
"""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook
from noegletal import batch, cli, config, geo, jobs
from noegletal.batch import kvittering, planlaegger
from noegletal.errors import UgyldigParameter, UgyldigPeriode
from noegletal.render import check_email_safe
from noegletal.render.index import Linje, index_html
from noegletal.status import (
    DANNET,
    FEJLET,
    IKKE_KOERT,
    TIDLIGERE,
    UAENDRET,
    Opsummering,
    Resultat,
)

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "notebooks" / "mini_brief.ipynb"
PERIODE = "2017M10"


def _notesbog(sti: Path, *celler: str) -> Path:
    """A notebook with a parameters cell (kommune, periode) and the given code cells."""
    params = new_code_cell('kommune = "Ballerup"\nperiode = "2017M10"')
    params.metadata["tags"] = ["parameters"]
    nb = new_notebook(cells=[params, *(new_code_cell(c) for c in celler)],
                      metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    nbformat.write(nb, sti)
    return sti


def _alle_doede(opsummering) -> bool:
    return not any(planlaegger.lever(pid) for pid in [*opsummering.arbejdere, *opsummering.kerner])


def _rester(ud: Path) -> list[Path]:
    """Temporary files or folders of an interrupted write (names start with a dot)."""
    return [p for p in ud.rglob(".*")]


# --- the grid, without a kernel ---------------------------------------------------------------------------


@pytest.fixture
def tre_temaer(tmp_path, monkeypatch):
    """config.TEMAER with three temaer, two of them with a notebook."""
    (tmp_path / "nb").mkdir()
    for t in ("alfa", "gamma"):
        _notesbog(tmp_path / "nb" / f"{t}.ipynb")
    monkeypatch.setattr(config, "TEMAER", ("alfa", "beta", "gamma"))
    monkeypatch.setattr(config, "NOTEBOOKS_DIR", tmp_path / "nb")
    return tmp_path


def test_alle_is_98_kommuner_times_the_temaer_with_a_notebook(tre_temaer):
    opgaver = jobs.grid("alle", "alle", "okt 2017", ud=tre_temaer / "ud")
    assert len(opgaver) == 98 * 2
    assert [(o.kommune, o.tema) for o in opgaver[:3]] == [("København", "alfa"), ("København", "gamma"),
                                                         ("Frederiksberg", "alfa")]
    o = opgaver[0]
    assert o.periode == PERIODE and o.parametre == {"kommune": "København", "periode": PERIODE}
    assert Path(o.html) == (tre_temaer / "ud" / PERIODE / "København" / "alfa.html").resolve()
    assert Path(o.notesbog) == (tre_temaer / "nb" / "alfa.ipynb").resolve()


def test_names_codes_spellings_and_repeats(tre_temaer):
    opgaver = jobs.grid("Ballerup, 151 ,Høje Tåstrup,høje-taastrup", ["gamma", "ALFA", "gamma"], PERIODE)
    assert [(o.kommune, o.tema) for o in opgaver] == [
        ("Ballerup", "gamma"), ("Ballerup", "alfa"), ("Høje-Taastrup", "gamma"), ("Høje-Taastrup", "alfa")]
    assert str(config.outputs_dir()) in opgaver[0].html


def test_unknown_kommune_lists_the_valid_ones(tre_temaer):
    with pytest.raises(UgyldigParameter) as info:
        jobs.grid("Ballerup,Balerup", "alle", PERIODE)
    besked = str(info.value)
    assert "Ukendt område: 'Balerup'" in besked and "Mente du: Ballerup" in besked
    assert "Gyldige kommuner: København, Frederiksberg, Ballerup" in besked and "Hjørring" in besked


def test_a_region_is_not_a_kommune(tre_temaer):
    with pytest.raises(UgyldigParameter, match="'Region Hovedstaden' er ikke en kommune.*Gyldige kommuner: København"):
        jobs.grid("Region Hovedstaden", "alle", PERIODE)
    with pytest.raises(UgyldigParameter, match="Gyldige kommuner"):
        jobs.grid(" , ", "alle", PERIODE)


def test_unknown_tema_and_tema_without_notebook(tre_temaer):
    with pytest.raises(UgyldigParameter, match="Ukendt tema 'delta'. Vælg 'alle' eller et af: alfa, beta, gamma"):
        jobs.grid("Ballerup", "alfa,delta", PERIODE)
    with pytest.raises(UgyldigParameter, match="'beta' har endnu ingen notesbog .*Temaer med notesbog: alfa, gamma"):
        jobs.grid("Ballerup", "beta", PERIODE)


def test_extra_parameters_go_to_the_notebooks_that_have_them(tre_temaer):
    nb = tre_temaer / "nb"
    _notesbog(nb / "alfa.ipynb").write_text((nb / "alfa.ipynb").read_text().replace(
        'periode = \\"2017M10\\"', 'periode = \\"2017M10\\"\\nmaaneder = 25\\nfra = \\"2015M01\\"'))
    _notesbog(nb / "gamma.ipynb").write_text((nb / "gamma.ipynb").read_text().replace(
        'periode = \\"2017M10\\"', 'periode = \\"2017M10\\"\\nmaaneder = 25'))
    opgaver = jobs.grid("Ballerup", "alle", PERIODE, parametre={"maaneder": 13, "fra": ""})
    assert {o.tema: o.parametre for o in opgaver} == {
        "alfa": {"kommune": "Ballerup", "periode": PERIODE, "maaneder": 13, "fra": ""},
        "gamma": {"kommune": "Ballerup", "periode": PERIODE, "maaneder": 13}}
    with pytest.raises(UgyldigParameter, match="Ingen af notesbøgerne .*'maaned'. Mente du: maaneder"):
        jobs.grid("Ballerup", "alle", PERIODE, parametre={"maaned": 13})
    with pytest.raises(UgyldigParameter, match="'fra'"):  # only alfa has it, and alfa is not chosen
        jobs.grid("Ballerup", "gamma", PERIODE, parametre={"fra": ""})
    with pytest.raises(UgyldigParameter, match="'periode' angives med --periode"):
        jobs.grid("Ballerup", "alle", PERIODE, parametre={"periode": "2018M01"})


def test_bad_period():
    with pytest.raises(UgyldigPeriode):
        jobs.grid("Ballerup", "alle", "okt")


def test_the_real_temaer_are_those_of_config_with_a_notebook():
    assert jobs.vaelg_temaer("alle") == [t for t in config.TEMAER if (config.NOTEBOOKS_DIR / f"{t}.ipynb").exists()]


# --- fingerprints and records -------------------------------------------------------------------------------


def test_fingerprint_changes_with_notebook_parameters_formats_and_comment(tmp_path):
    nb = _notesbog(tmp_path / "a.ipynb", "x = 1")  # no tema's notebook: it reads no declared tables (None)
    o = jobs.job("alfa", "Ballerup", PERIODE, tmp_path / "a.html", notesbog=nb)
    fp = kvittering.fingeraftryk(o, None)
    assert fp == kvittering.fingeraftryk(o, None)
    assert fp != kvittering.fingeraftryk(jobs.job("alfa", "Ballerup", PERIODE, tmp_path / "a.html", notesbog=nb, x=2), None)
    assert fp != kvittering.fingeraftryk(jobs.job("alfa", "Ballerup", PERIODE, tmp_path / "a.html", notesbog=nb,
                                                  formater_=("html", "pdf")), None)
    kommentar = tmp_path / "k.md"
    kommentar.write_text("Stigningen skyldes COVID-19.")
    med = jobs.job("alfa", "Ballerup", PERIODE, tmp_path / "a.html", notesbog=nb, kommentar=kommentar)
    fp_med = kvittering.fingeraftryk(med, None)
    assert fp_med != fp
    kommentar.write_text("Stigningen skyldes nedlukningen.")
    assert kvittering.fingeraftryk(med, None) != fp_med
    _notesbog(nb, "x = 2")
    assert fp != kvittering.fingeraftryk(o, None)


def test_a_tema_depends_on_its_own_code_and_the_modules_it_imports_not_on_other_temaer():
    filer = {p.relative_to(config.PACKAGE_DIR).as_posix() for p in kvittering.kode_filer("ledighed")}
    assert {"themes/ledighed.py", "fortaelling.py", "figures.py", "brief.py", "data.py", "catalogue.yml",
            "render/__init__.py", "runner.py"} <= filer
    assert not {"themes/overblik.py", "themes/aktivering.py", "batch/planlaegger.py", "cli.py"} & filer
    assert kvittering.kode_fingeraftryk("ledighed") != kvittering.kode_fingeraftryk("overblik")
    # so an edit to overblik.py cannot change a ledighed brief's fingerprint, and one to ledighed.py can
    assert "themes/ledighed.py" not in {p.relative_to(config.PACKAGE_DIR).as_posix()
                                         for p in kvittering.kode_filer("overblik")}


def test_refetching_one_table_changes_only_the_briefs_that_read_it(tmp_data):
    mappe = config.processed_dir()
    mappe.mkdir(parents=True)
    tabeller = {t: {"raw_sha256": ["ab"], "demo": False} for t in ("AUS08", "y25i01", "ptv_a02", "y08a02")}

    def skriv(built):
        (mappe / "manifest.json").write_text(json.dumps({"built_at": built, "tables": tabeller}))

    skriv("2025-01-01")
    foer = {t: kvittering.data_fingeraftryk(kvittering.tabeller_for(t)) for t in ("ledighed", "fleksjob", "overblik")}
    skriv("2025-02-02")  # the same raw files built again: nothing changes
    assert foer == {t: kvittering.data_fingeraftryk(kvittering.tabeller_for(t)) for t in foer}
    tabeller["y25i01"]["raw_sha256"] = ["cd"]  # y25i01 re-fetched: ledighed (and overblik, which ranks ledige) only
    skriv("2025-02-02")
    efter = {t: kvittering.data_fingeraftryk(kvittering.tabeller_for(t)) for t in foer}
    assert efter["ledighed"] != foer["ledighed"] and efter["fleksjob"] == foer["fleksjob"]


def test_unchanged_needs_the_html_and_a_matching_record(tmp_path):
    o = jobs.Job("alfa", "Ballerup", PERIODE, str(MINI), str(tmp_path / "alfa.html"), {}, fingeraftryk="fp1")
    assert not kvittering.er_uaendret(o)
    Path(o.html).write_text("<html>")
    assert not kvittering.er_uaendret(o)
    kvittering.kvittering_for(o.html).write_text(json.dumps({"fingeraftryk": "fp1"}))
    assert kvittering.er_uaendret(o)
    assert not kvittering.er_uaendret(jobs.Job("alfa", "Ballerup", PERIODE, str(MINI), o.html, {}, fingeraftryk="fp2"))
    kvittering.kvittering_for(o.html).write_text("{ødelagt")
    assert not kvittering.er_uaendret(o)


def test_clearing_temporaries_touches_only_those_of_the_brief(tmp_path):
    for navn in ("alfa.html", "alfa.ipynb", "alfa.batch.json", ".alfa.x1.tmp", ".alfa.batch.x2.tmp", ".beta.x.tmp",
                 "_fejlede/.alfa.x3.tmp", "_fejlede/alfa.ipynb", ".alfa.koersel-x/alfa.ipynb"):
        (tmp_path / navn).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / navn).write_text("x")
    kvittering.ryd_midlertidige(tmp_path / "alfa.html")
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == [
        ".beta.x.tmp", "_fejlede/alfa.ipynb", "alfa.batch.json", "alfa.html", "alfa.ipynb"]


# --- the overview page and the summary ----------------------------------------------------------------------


LINJER = [  # each row with its area as the job resolved it (render/index.py looks no name up)
    Linje("Ballerup", "integration", "Ballerup/integration.html", DANNET, "", True, omraade=geo.kommune("Ballerup")),
    Linje("Ballerup", "ledighed", "Ballerup/ledighed.html", FEJLET, "ManglendeData: Der er ingen data for <juni>.",
          False, omraade=geo.kommune("Ballerup")),
    Linje("Høje-Taastrup", "integration", "Høje-Taastrup/integration.html", UAENDRET, "", True,
          omraade=geo.kommune("Høje-Taastrup")),
    Linje("Aarhus", "integration", "Aarhus/integration.html", IKKE_KOERT, "", False, omraade=geo.kommune("Aarhus")),
    Linje("Aarhus", "ledighed", "Aarhus/ledighed.html", TIDLIGERE, "", True, omraade=geo.kommune("Aarhus")),
]


def test_index_is_email_safe_danish_and_links_relatively():
    side = index_html(LINJER, periode_tekst="oktober 2017", temaer=["integration", "ledighed"],
                      data_tekst="Jobindsats.dk; demodata", demo=True)
    assert check_email_safe(side, relative_links=True) == []
    assert '<html lang="da">' in side and "<script" not in side.lower() and "http" not in side
    assert '<a href="Ballerup/integration.html">Dannet</a>' in side
    assert '<a href="H%C3%B8je-Taastrup/integration.html">Uændret</a>' in side
    assert '<a href="Aarhus/ledighed.html">Dannet tidligere</a>' in side
    assert "Ikke kørt" in side and 'href="Aarhus/integration.html"' not in side  # nothing to link to
    assert "Fejlede:</strong> ManglendeData: Der er ingen data for &lt;juni&gt;." in side  # escaped
    assert "DEMODATA" in side and "Jobindsats.dk; demodata" in side
    assert side.index("Region Hovedstaden") < side.index("Region Midtjylland")  # grouped by region, kommune rows
    assert side.index(">Ballerup<") < side.index(">Høje-Taastrup<")
    assert "5 briefs: 1 dannet, 1 uændret, 1 dannet tidligere, 1 fejlede, 1 ikke kørt." in side


def test_index_without_demo_has_no_banner_and_says_when_interrupted():
    side = index_html(LINJER[:1], periode_tekst="oktober 2017", temaer=["integration"], data_tekst="hentet 2025",
                      demo=False, afbrudt=True)
    assert "DEMODATA" not in side and "Kørslen blev afbrudt" in side


def test_relative_links_are_allowed_only_on_request():
    side = ('<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"></head><body>'
            '<a href="{}">x</a></body></html>')
    assert check_email_safe(side.format("Ballerup/integration.html"))  # a brief may not link out
    assert check_email_safe(side.format("Ballerup/integration.html"), relative_links=True) == []
    for ude in ("https://x.dk/a.html", "//x.dk/a", "/etc/passwd", "javascript:alert(1)", "file:///etc/passwd"):
        assert check_email_safe(side.format(ude), relative_links=True), ude


def test_summary_names_failures_and_their_reasons():
    r = [Resultat(0, "integration", "Ballerup", "/u/a.html", DANNET, sekunder=1.5),
         Resultat(1, "ledighed", "Ballerup", "/u/b.html", FEJLET, "ManglendeData: ingen data", "/u/_fejlede/b.ipynb"),
         Resultat(2, "integration", "Herlev", "/u/c.html", UAENDRET)]
    tekst = Opsummering(r, 75.0, workers=2).tekst()
    assert "Færdig efter 1 min 15 s med 2 arbejdsprocesser: 1 dannet, 1 fejlet, 1 uændrede" in tekst
    assert "Ballerup, ledighed: ManglendeData: ingen data (notesbog: /u/_fejlede/b.ipynb)" in tekst


# --- the command line ---------------------------------------------------------------------------------------


def test_cli_unknown_kommune_is_a_danish_message(capsys):
    code = cli.main(["batch", "--periode", PERIODE, "--kommuner", "Balerup"])
    err = capsys.readouterr().err
    assert code == 2 and "Mente du: Ballerup" in err and "Gyldige kommuner" in err and "Traceback" not in err


@pytest.mark.parametrize("status, kode", [(DANNET, 0), (FEJLET, 2), (IKKE_KOERT, 130)])
def test_cli_exit_code(monkeypatch, capsys, status, kode):
    def falsk_batch(kommuner, temaer, periode, ud, **kw):
        assert (kommuner, temaer, periode, kw["workers"], kw["tving"]) == ("Ballerup", "alle", PERIODE, 3, True)
        assert kw["parametre"] == {"maaneder": 13, "fra": ""}
        r = Resultat(0, "integration", "Ballerup", "/u/a.html", status, "Grund")
        return Opsummering([r], 1.0, afbrudt=status == IKKE_KOERT, workers=3)

    monkeypatch.setattr(batch, "batch", falsk_batch)
    code = cli.main(["batch", "--periode", PERIODE, "--kommuner", "Ballerup", "--workers", "3", "--tving", "--stille",
                     "-p", "maaneder", "13", "-p", "fra", ""])
    out, err = capsys.readouterr()
    assert code == kode
    assert ("1 brief(s) fejlede" in err) == (status == FEJLET)


# --- real runs in kept kernels --------------------------------------------------------------------------------

SPOR = ("from IPython.display import display\nimport os\nimport matplotlib as mpl\nfrom noegletal import brief\n"
        "display(brief.Tekst(f\"spor: {'spor' in globals()}; linjebredde: {mpl.rcParams['lines.linewidth']}; "
        "mappe: {os.path.basename(os.getcwd())}\"))\n"
        "spor = kommune\nmpl.rcParams['lines.linewidth'] = 9.5\nos.chdir('/')")


@pytest.fixture(scope="module")
def koersel(tmp_path_factory):
    """One worker, seven briefs: isolation (2), a failing one, a dead kernel, a timed-out cell, two good ones."""
    rod = tmp_path_factory.mktemp("batch")
    nb = rod / "nb"
    nb.mkdir()
    spor = _notesbog(nb / "spor.ipynb", SPOR)
    doed = _notesbog(nb / "doed.ipynb", "import os\nos._exit(1)")
    sover = _notesbog(nb / "sover.ipynb", "import time\ntime.sleep(120)")
    ud = rod / "ud" / PERIODE
    opgaver = [
        jobs.job("spor", "Ballerup", PERIODE, ud / "Ballerup" / "spor.html", notesbog=spor),
        jobs.job("spor", "Herlev", PERIODE, ud / "Herlev" / "spor.html", notesbog=spor),
        jobs.job("mini", "Ballerup", PERIODE, ud / "Ballerup" / "mini.html", notesbog=MINI, fejl=True),
        jobs.job("doed", "Ballerup", PERIODE, ud / "Ballerup" / "doed.html", notesbog=doed),
        jobs.job("mini", "Herlev", PERIODE, ud / "Herlev" / "mini.html", notesbog=MINI),
        jobs.job("sover", "Ballerup", PERIODE, ud / "Ballerup" / "sover.html", notesbog=sover),
        jobs.job("mini", "Aarhus", PERIODE, ud / "Aarhus" / "mini.html", notesbog=MINI),
    ]
    haendelser = []
    res = batch.koer(opgaver, workers=1, tidsgraense=8, vis_fremdrift=False,
                     ved_haendelse=lambda navn, obj, info: haendelser.append((navn, obj, info)))
    return res, opgaver, haendelser, rod


@pytest.mark.slow
def test_one_failure_does_not_stop_the_others(koersel):
    res, opgaver, _, _ = koersel
    assert [r.status for r in res.resultater] == [DANNET, DANNET, FEJLET, FEJLET, DANNET, FEJLET, DANNET]
    assert not res.afbrudt and res.workers == 1
    for o, r in zip(opgaver, res.resultater):
        assert Path(o.html).is_file() == (r.status == DANNET)
        assert kvittering.kvittering_for(o.html).is_file() == (r.status == DANNET)


@pytest.mark.slow
def test_nothing_of_one_brief_is_seen_by_the_next(koersel):
    _, opgaver, _, _ = koersel
    foerste, anden = (Path(o.html).read_text(encoding="utf-8") for o in opgaver[:2])
    assert "spor: False; linjebredde: " in foerste and "mappe: nb" in foerste
    assert "spor: False; linjebredde: " in anden and "mappe: nb" in anden  # not True, not 9.5, not '/'
    assert "9.5" not in anden


@pytest.mark.slow
def test_a_failing_cell_is_reported_as_the_single_brief_reports_it(koersel):
    res, opgaver, _, _ = koersel
    r = res.resultater[2]
    assert r.grund.startswith("UgyldigParameter: Bevidst fejl i mini-brief for Ballerup")
    gemt = Path(opgaver[2].html).parent / "_fejlede" / "mini.ipynb"
    assert r.notesbog == str(gemt) and gemt.is_file()
    nb = nbformat.read(gemt, as_version=4)
    assert any(o.get("output_type") == "error" for c in nb.cells for o in c.get("outputs", []))
    assert any("injected-parameters" in c.metadata.get("tags", []) for c in nb.cells)  # papermill's own cell
    assert any("papermill-error-cell-tag" in c.metadata.get("tags", []) for c in nb.cells)  # and its markers


@pytest.mark.slow
def test_dead_kernel_and_timeout_fail_their_brief_and_the_kernel_is_restarted(koersel):
    res, opgaver, _, _ = koersel
    assert res.resultater[3].grund.startswith("DeadKernelError")
    assert res.resultater[5].grund.startswith("CellTimeoutError")
    assert len(set(res.kerner)) == 3  # the first kernel and two restarts
    assert "Herlev" in Path(opgaver[4].html).read_text() and "Aarhus" in Path(opgaver[6].html).read_text()


@pytest.mark.slow
def test_no_worker_kernel_or_temporary_file_is_left(koersel):
    res, _, haendelser, rod = koersel
    assert _alle_doede(res) and len(res.arbejdere) == 1
    assert _rester(rod / "ud") == []
    assert [n for n, _, _ in haendelser].count("start") == 7 and [n for n, _, _ in haendelser].count("faerdig") == 7


@pytest.mark.slow
def test_a_rerun_skips_unchanged_briefs_and_redoes_changed_ones(koersel, monkeypatch):
    _, opgaver, _, _ = koersel
    gode = [opgaver[0], opgaver[4]]
    igen = batch.koer(gode, workers=1, vis_fremdrift=False)
    assert [r.status for r in igen.resultater] == [UAENDRET, UAENDRET] and igen.arbejdere == []  # no kernel at all
    foer = Path(gode[1].html).stat().st_mtime_ns
    monkeypatch.setattr(kvittering, "data_fingeraftryk", lambda tabeller=None: "nye data")
    igen = batch.koer(gode[1:], workers=1, vis_fremdrift=False)
    assert [r.status for r in igen.resultater] == [DANNET] and Path(gode[1].html).stat().st_mtime_ns != foer
    assert batch.koer(gode[1:], workers=1, vis_fremdrift=False).resultater[0].status == UAENDRET
    assert batch.koer(gode[1:], workers=1, tving=True, vis_fremdrift=False).resultater[0].status == DANNET


def _fire_mini(ud: Path):
    return [jobs.job("mini", k, PERIODE, ud / k / "mini.html", notesbog=MINI)
            for k in ("Ballerup", "Herlev", "Aarhus", "Odense")]


@pytest.mark.slow
def test_interrupting_leaves_no_partial_html_and_a_rerun_goes_on(tmp_path, monkeypatch):
    monkeypatch.setattr(planlaegger, "AFBRYD_FRIST", 0.0)  # no grace: the brief in progress is cut off
    opgaver = _fire_mini(tmp_path)

    def afbryd(navn, obj, info):
        if navn == "start" and obj.kommune == "Herlev":  # Ctrl-C to the parent while the worker makes Herlev
            os.kill(os.getpid(), signal.SIGINT)

    res = batch.koer(opgaver, workers=1, vis_fremdrift=False, ved_haendelse=afbryd)
    assert res.afbrudt
    assert [r.status for r in res.resultater] == [DANNET, IKKE_KOERT, IKKE_KOERT, IKKE_KOERT]
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.html")) == ["Ballerup/mini.html"]
    assert _rester(tmp_path) == [] and _alle_doede(res)

    igen = batch.koer(opgaver, workers=2, vis_fremdrift=False)
    assert [r.status for r in igen.resultater] == [UAENDRET, DANNET, DANNET, DANNET] and _alle_doede(igen)


@pytest.mark.slow
def test_a_killed_worker_fails_its_brief_and_another_takes_over(tmp_path):
    opgaver = _fire_mini(tmp_path)

    def draeb(navn, obj, info):
        if navn == "start" and obj.kommune == "Herlev":
            os.kill(info["arbejder_pid"], signal.SIGKILL)

    res = batch.koer(opgaver, workers=1, vis_fremdrift=False, ved_haendelse=draeb)
    assert [r.status for r in res.resultater] == [DANNET, FEJLET, DANNET, DANNET]
    assert "Arbejdsprocessen stoppede uventet" in res.resultater[1].grund
    assert not (tmp_path / "Herlev" / "mini.html").exists() and _rester(tmp_path) == []
    assert len(res.arbejdere) == 2 and len(set(res.kerner)) == 2 and _alle_doede(res)


@pytest.mark.slow
def test_a_worker_stuck_on_one_brief_is_stopped_by_the_parent(tmp_path, monkeypatch):
    monkeypatch.setattr(planlaegger, "BRIEF_GANGE", 0.5)  # backstop at 2 s, before the per-cell limit of 4 s
    sover = _notesbog(tmp_path / "sover.ipynb", "import time\ntime.sleep(120)")
    opgaver = [jobs.job("sover", "Ballerup", PERIODE, tmp_path / "ud" / "sover.html", notesbog=sover),
               jobs.job("mini", "Ballerup", PERIODE, tmp_path / "ud" / "mini.html", notesbog=MINI)]
    res = batch.koer(opgaver, workers=1, tidsgraense=4, vis_fremdrift=False)
    assert [r.status for r in res.resultater] == [FEJLET, DANNET]
    assert "ikke færdig på 2 s" in res.resultater[0].grund
    assert _alle_doede(res) and _rester(tmp_path / "ud") == []
