"""Output failures for brief, batch and rapport: every one a Danish message that names the path and says what to
do, exit 74 (the README's code for a file that cannot be written), and nothing left behind: neither the brief's
HTML nor a temporary file. A report with a missing chapter is a failure unless asked for (--tillad-mangler).

Without a kernel: a stand-in kernel runs nothing, so the real route (`noegletal brief` → koer_en →
runner.skriv_brief → formats → receipt) is taken in a second, and each OSError is injected where a real disk
would raise it. The same faults made for real (a 200 KB tmpfs, a read-only folder) are in
tests/notebooks/test_faults_output.py.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from noegletal import batch, cli, config, filer, geo, jobs, kommentarer, params, rapport, runner
from noegletal.batch import arbejder, kvittering, planlaegger
from noegletal.errors import EKKO_MAKS, FilFejl, KommentarFejl, UgyldigParameter, UkendtOmraade, ekko, fil_fejl
from noegletal.status import DANNET, FEJLET, Opsummering, Resultat

ERRNOS = {  # errno → (exception class as the OS raises it, words the Danish message must have)
    errno.ENOSPC: (OSError, "Disken er fuld"),
    errno.EROFS: (OSError, "skrivebeskyttet filsystem"),
    errno.EACCES: (PermissionError, "Ingen adgang"),
    errno.EPERM: (PermissionError, "Ingen adgang"),
    errno.ENOTDIR: (NotADirectoryError, "er en fil og ikke en mappe"),
    errno.EISDIR: (IsADirectoryError, "er en mappe, ikke en fil"),
}


def _oserror(nr: int, sti=None) -> OSError:
    klasse, _ = ERRNOS[nr]
    return klasse(nr, os.strerror(nr), *([str(sti)] if sti else []))


def _rester(rod: Path) -> list[str]:
    """Every file under `rod` (folders left out: an empty folder is no output)."""
    return sorted(p.relative_to(rod).as_posix() for p in rod.rglob("*") if not p.is_dir())


# --- the atomic writer ------------------------------------------------------------------------------------------

def test_a_rename_onto_a_folder_removes_the_temporary_file_and_names_the_target(tmp_path):
    maal = tmp_path / "ledighed.html"
    maal.mkdir()
    with pytest.raises(IsADirectoryError) as info:
        filer.skriv_atomisk(maal, "<p>x</p>")
    assert info.value.filename == str(maal)
    assert [p.name for p in tmp_path.iterdir()] == ["ledighed.html"] and not any(maal.iterdir())


@pytest.mark.parametrize("nr", sorted(ERRNOS))
def test_any_failed_rename_leaves_no_temporary_file(tmp_path, monkeypatch, nr):
    def fejler(kilde, maal):
        raise _oserror(nr, kilde)  # the OS names the temporary file

    monkeypatch.setattr(filer.os, "replace", fejler)
    with pytest.raises(ERRNOS[nr][0]) as info:
        filer.skriv_bytes_atomisk(tmp_path / "b.xlsx", b"data")
    assert info.value.errno == nr and info.value.filename == str(tmp_path / "b.xlsx")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("hvor", ["mkstemp", "fsync"])
def test_a_failed_write_names_the_target_not_the_temporary_file(tmp_path, monkeypatch, hvor):
    def fejler(*a, **k):
        raise _oserror(errno.EROFS if hvor == "mkstemp" else errno.ENOSPC,
                       tmp_path / ".b.html.abc.tmp" if hvor == "mkstemp" else None)

    monkeypatch.setattr(filer.tempfile if hvor == "mkstemp" else filer.os, hvor, fejler)
    with pytest.raises(OSError) as info:
        filer.skriv_atomisk(tmp_path / "b.html", "x")
    assert info.value.filename == str(tmp_path / "b.html")
    assert list(tmp_path.iterdir()) == []


# --- the Danish message for each errno ----------------------------------------------------------------------------

@pytest.mark.parametrize("nr", sorted(ERRNOS))
def test_each_output_errno_is_danish_and_names_the_path(tmp_path, nr):
    sti = tmp_path / "2018M06" / "Ballerup" / "ledighed.html"
    tekst = str(fil_fejl(_oserror(nr), sti))
    assert ERRNOS[nr][1] in tekst and str(sti) in tekst and "Errno" not in tekst


def test_a_file_in_place_of_a_folder_is_named(tmp_path):
    (tmp_path / "2018M06").write_text("")
    tekst = str(fil_fejl(_oserror(errno.ENOTDIR, tmp_path / "2018M06" / "Ballerup")))
    assert f"er en fil og ikke en mappe: {tmp_path / '2018M06'}." in tekst and "Flyt filen væk" in tekst


# --- one brief by the real route, with a stand-in kernel -------------------------------------------------------

class _Kerne:
    """A kernel that runs nothing: the notebook is rendered as it is."""

    pid = None

    def __init__(self, *a, **k):
        pass

    def koer(self, nb, notesbog):
        return nb

    def tabeller(self, tema):
        return []

    def genstart(self):
        pass

    def stop(self):
        pass


@pytest.fixture
def uden_kerne(monkeypatch, tmp_data):
    monkeypatch.setattr(planlaegger, "Kerne", _Kerne)
    return tmp_data


BRIEF = ["brief", "ledighed", "--kommune", "Ballerup", "--periode", "2018M06"]


def _brief(capsys, ud, *ekstra):
    kode = cli.main([*BRIEF, "--ud", str(ud), *ekstra])
    return kode, capsys.readouterr().err


def test_the_stand_in_brief_is_made(uden_kerne, tmp_path, capsys):
    kode, err = _brief(capsys, tmp_path)
    assert kode == 0, err
    assert _rester(tmp_path) == ["2018M06/Ballerup/ledighed.batch.json", "2018M06/Ballerup/ledighed.html",
                                 "2018M06/Ballerup/ledighed.ipynb"]


def _fejl_ved(monkeypatch, hvor: str, nr: int) -> None:
    """Make the write at `hvor` fail with `nr`, as a disk would: after the HTML ('notesbog', 'xlsx',
    'kvittering') or the HTML itself ('html')."""
    if hvor == "kvittering":
        def fejler(job, *a, **k):
            raise _oserror(nr, kvittering.kvittering_for(job.html))
        monkeypatch.setattr(kvittering, "skriv_kvittering", fejler)
        return
    ende = {"html": ".html", "notesbog": ".ipynb", "xlsx": ".xlsx"}[hvor]
    foer = filer.skriv_bytes_atomisk

    def skriv(sti, data):
        if Path(sti).suffix == ende:
            if nr == errno.ENOSPC:  # half written, then full: the temporary file exists when it fails
                tmp = filer.skriv_midlertidig(Path(sti), data[: len(data) // 2])
                Path(tmp).unlink()
            raise _oserror(nr, sti if nr != errno.ENOSPC else None)
        return foer(sti, data)

    monkeypatch.setattr(filer, "skriv_bytes_atomisk", skriv)


@pytest.mark.parametrize("hvor", ["html", "notesbog", "xlsx", "kvittering"])
@pytest.mark.parametrize("nr", sorted(ERRNOS))
def test_a_brief_that_cannot_be_written_is_danish_exit_74_and_leaves_no_file(uden_kerne, tmp_path, capsys,
                                                                            monkeypatch, hvor, nr):
    _fejl_ved(monkeypatch, hvor, nr)
    kode, err = _brief(capsys, tmp_path, "--format", "html,xlsx")
    assert kode == 74, err
    assert err.startswith("Fejl: ") and ERRNOS[nr][1] in err and "Errno" not in err and "Traceback" not in err
    assert str(tmp_path / "2018M06" / "Ballerup") in err  # the path
    assert "Kør derefter `noegletal brief ledighed" in err and "intet halvt er efterladt" in err
    assert _rester(tmp_path) == []  # neither the HTML nor a temporary file


def test_a_folder_where_the_brief_should_be_is_exit_74_and_no_temporary_file(uden_kerne, tmp_path, capsys):
    (tmp_path / "2018M06" / "Ballerup" / "ledighed.html").mkdir(parents=True)
    kode, err = _brief(capsys, tmp_path)
    assert kode == 74 and "ledighed.html er en mappe, ikke en fil" in err and "Flyt mappen væk" in err
    assert _rester(tmp_path) == []


def test_a_file_where_the_period_folder_should_be_is_exit_74(uden_kerne, tmp_path, capsys):
    (tmp_path / "2018M06").write_text("en fil")
    kode, err = _brief(capsys, tmp_path)
    assert kode == 74 and f"er en fil og ikke en mappe: {tmp_path / '2018M06'}" in err
    assert _rester(tmp_path) == ["2018M06"] and (tmp_path / "2018M06").read_text() == "en fil"


def test_a_failed_brief_keeps_a_brief_of_an_earlier_run(uden_kerne, tmp_path, capsys, monkeypatch):
    """Only what this run wrote is removed: a rename that fails leaves the earlier brief as it was."""
    html = tmp_path / "2018M06" / "Ballerup" / "ledighed.html"
    html.parent.mkdir(parents=True)
    html.write_text("TIDLIGERE")
    _fejl_ved(monkeypatch, "html", errno.ENOSPC)
    kode, _ = _brief(capsys, tmp_path)
    assert kode == 74 and html.read_text() == "TIDLIGERE"
    assert _rester(tmp_path) == ["2018M06/Ballerup/ledighed.html"]


def test_runner_removes_its_html_when_the_notebook_beside_it_cannot_be_written(tmp_path, monkeypatch):
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    nb = new_notebook(cells=[new_code_cell("x", outputs=[new_output("display_data", data={"text/html": "<p>1</p>"})])])
    _fejl_ved(monkeypatch, "notesbog", errno.ENOSPC)
    with pytest.raises(OSError):
        runner.skriv_brief(nb, tmp_path / "b.html", "b")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_notebook_that_cannot_be_kept_still_says_why_it_failed(tmp_path, monkeypatch):
    from nbformat.v4 import new_notebook

    from noegletal.errors import BriefFejl

    (tmp_path / "_fejlede").write_text("en fil i mappens sted")
    fejl = runner.koersel_fejlet(new_notebook(), tmp_path / "b.html", "b", RuntimeError("Kernel died"))
    assert isinstance(fejl, BriefFejl) and "kunne ikke køres: RuntimeError: Kernel died" in str(fejl)
    assert fejl.notesbog is None and not (tmp_path / "b.html").exists()


# --- batch: a file error is exit 74 ------------------------------------------------------------------------------

def _opsummering(*resultater):
    return Opsummering(list(resultater), 1.0, workers=1)


@pytest.mark.parametrize("fejltype, kode", [("FilFejl", 74), ("ManglendeData", 2)])
def test_batch_exits_74_when_a_brief_could_not_be_written(monkeypatch, capsys, fejltype, kode):
    res = Resultat(0, "ledighed", "Ballerup", "/ud/ledighed.html", FEJLET, "Disken er fuld: /ud/ledighed.html …",
                   besked="Disken er fuld: /ud/ledighed.html kunne ikke skrives.", fejltype=fejltype)
    monkeypatch.setattr(batch, "batch", lambda *a, **k: _opsummering(res))
    assert cli.main(["batch", "--periode", "2018M06", "--kommuner", "Ballerup", "--stille"]) == kode
    err = capsys.readouterr().err
    assert "1 brief(s) fejlede" in err and ("Disken er fuld: /ud/ledighed.html" in err) == (kode == 74)


# --- rapport: a missing chapter fails it, unless --tillad-mangler ---------------------------------------------------

def _koer_fejler(grunde: dict[str, tuple[str, str]]):
    """batch.koer as a run in which the briefs of `grunde` (tema → (grund, fejltype)) failed."""
    def koer(grid, **k):
        return _opsummering(*[Resultat(i, j.tema, j.kommune, j.html, FEJLET, *grunde[j.tema][:1],
                                       fejltype=grunde[j.tema][1]) for i, j in enumerate(grid)])
    return koer


GRUNDE = {
    "ledighed": ("ManglendeData: Der er ingen data for januar 2030 (2030M01) i 'ledige_fuldtid'. Data findes fra "
                 "2013M01 til 2018M06.", "ManglendeData"),
    "fleksjob": ("Disken er fuld: /ud/fleksjob.html kunne ikke skrives.", "FilFejl"),
}


def _rapport(capsys, ud, *ekstra):
    kode = cli.main(["rapport", "--kommune", "Ballerup", "--periode", "2030M01", "--temaer", "ledighed,fleksjob",
                     "--ud", str(ud), "--stille", *ekstra])
    return kode, capsys.readouterr()


def test_a_report_with_a_missing_chapter_fails_and_names_each_chapter_in_danish(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(batch, "koer", _koer_fejler({"ledighed": GRUNDE["ledighed"], "fleksjob": GRUNDE["ledighed"]}))
    kode, (out, err) = _rapport(capsys, tmp_path)
    assert kode == 2 and out == ""
    assert "Rapporten er ikke skrevet, fordi 2 af 2 kapitler mangler i rapporten for Ballerup" in err
    assert "  - ledighed: Der er ingen data for januar 2030" in err and "  - fleksjob: Der er" in err
    assert "ManglendeData" not in err and "--tillad-mangler" in err
    assert not list(tmp_path.rglob("rapport.*"))


def test_a_report_missing_a_chapter_for_a_full_disk_exits_74(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(batch, "koer", _koer_fejler(GRUNDE))
    kode, (_, err) = _rapport(capsys, tmp_path)
    assert kode == 74 and "  - fleksjob: Disken er fuld: /ud/fleksjob.html" in err and "OSError" not in err


def test_tillad_mangler_writes_the_report_with_the_gaps_stated(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(batch, "koer", _koer_fejler(GRUNDE))
    kode, (out, err) = _rapport(capsys, tmp_path, "--tillad-mangler")
    sti = tmp_path / "2030M01" / "Ballerup" / "rapport.html"
    assert kode == 0 and out.strip() == str(sti)
    assert "Bemærk: 2 af 2 kapitler mangler i rapporten for Ballerup (ledighed, fleksjob)" in err
    side = sti.read_text(encoding="utf-8")
    assert "Rapporten er ikke komplet" in side and "2 af 2 kapitler mangler: ledighed, fleksjob" in side
    assert "Der er ingen data for januar 2030" in side and "Disken er fuld" in side
    assert "ManglendeData" not in side and "OSError" not in side


def test_batch_with_reports_counts_a_report_with_a_missing_chapter_as_failed(monkeypatch, tmp_path, tmp_data):
    monkeypatch.setattr(batch, "koer", _koer_fejler({"ledighed": GRUNDE["ledighed"]}))
    monkeypatch.setattr("noegletal.processed.processed_manifest", lambda: {})
    ops = batch.batch("Ballerup", "ledighed", "2030M01", tmp_path, rapporter=True, vis_fremdrift=False)
    rap = [r for r in ops.resultater if r.tema == rapport.RAPPORT_NAVN]
    assert len(rap) == 1 and rap[0].status == FEJLET and "1 af 1 kapitler mangler" in rap[0].grund
    assert len(ops.fejlede) == 2 and " 0 dannet, 2 fejlet" in ops.tekst()
    ops = batch.batch("Ballerup", "ledighed", "2030M01", tmp_path, rapporter=True, vis_fremdrift=False,
                      tillad_mangler=True)
    rap = [r for r in ops.resultater if r.tema == rapport.RAPPORT_NAVN][0]
    assert rap.status == DANNET and rap.advarsler and (tmp_path / "2030M01" / "Ballerup" / "rapport.html").is_file()


@pytest.mark.parametrize("nr", sorted(ERRNOS))
def test_a_report_that_cannot_be_written_is_danish_and_leaves_nothing(monkeypatch, tmp_path, nr):
    def fejler(sti, data):
        raise _oserror(nr, sti if nr != errno.ENOSPC else None)

    monkeypatch.setattr(filer, "skriv_bytes_atomisk", fejler)
    res = batch._saml_rapport(geo.kommune("Ballerup"), jobs.parse_periode("2018M06"), tmp_path, ("html",), [],
                              tillad_mangler=True)
    assert res.status == FEJLET and res.fejltype == FilFejl.__name__
    assert ERRNOS[nr][1] in res.besked and "rapport.html" in res.besked and "Rapporten er ikke skrevet" in res.besked
    assert _rester(tmp_path) == []


@pytest.mark.parametrize("grund, fejltype, dansk", [
    ("ManglendeData: Der er ingen data.", "ManglendeData", "Der er ingen data."),
    ("UgyldigParameter: maaneder skal være …", "UgyldigParameter", "maaneder skal være …"),
    ("Disken er fuld: /x kunne ikke skrives.", "FilFejl", "Disken er fuld: /x kunne ikke skrives."),
    ("KeyError: 'x'", "KeyError", "en fejl i notesbogen (KeyError: 'x')"),
])
def test_a_chapters_reason_is_danish(grund, fejltype, dansk):
    assert rapport.dansk_grund(grund, fejltype) == dansk


# --- official kommune names -----------------------------------------------------------------------------------------

def _officielt_navn(navn: str) -> str:
    """A kommune's official name (DAGI): the genitive for København and Bornholm, Regionskommune for Bornholm."""
    if navn == "Bornholm":
        return "Bornholms Regionskommune"
    return f"{navn}s Kommune" if navn == "København" else f"{navn} Kommune"


def test_every_kommunes_official_name_is_accepted():
    raekker = geo.kommune_raekker()
    assert len(raekker) == 98
    for r in raekker:
        for navn in (_officielt_navn(r["kommune"]), f"{r['kommune']} Kommune", _officielt_navn(r["kommune"]).upper()):
            o = geo.kommune(navn)
            assert (o.kode, o.navn) == (r["kode"], r["kommune"]), navn
            assert o in geo.soeg(navn)  # `noegletal kommuner "Københavns Kommune"` finds it too


def test_the_two_genitive_names_and_a_near_miss(capsys):
    assert geo.kommune("Københavns Kommune").kode == "101"
    assert geo.kommune("Bornholms Regionskommune").kode == "400"
    assert geo.omraade("Region Hovedstaden").niveau == geo.REGION
    with pytest.raises(UkendtOmraade, match="Mente du: Bornholm"):
        geo.omraade("Bornholms Regionkommune")
    assert cli.main(["kommuner", "Københavns Kommune"]) == 0 and "København" in capsys.readouterr().out


# --- a number that overflows -------------------------------------------------------------------------------------

def test_maaneder_that_overflows_is_a_danish_message():
    assert cli._parameter("maaneder", "1e400") == ("maaneder", "1e400")  # as typed, not 'inf'
    assert cli._parameter("maaneder", "13") == ("maaneder", 13)
    for vaerdi in ("1e400", float("inf"), "9" * 5000):
        with pytest.raises(UgyldigParameter, match="maaneder skal være et helt tal mellem 2 og 120") as info:
            params.valider("ledighed", "Ballerup", "2018M06", maaneder=vaerdi)
        assert len(str(info.value)) < 200


def test_a_parameter_nested_past_the_parser_is_text():
    assert cli._parameter("x", "(" * 100_000) == ("x", "(" * 100_000)


# --- an argument echoed back: at most 80 characters, control characters as escapes ------------------------------

def test_ekko_shortens_and_escapes():
    assert ekko("Ballerup") == "Ballerup"
    assert ekko("Tårnby") == "Tårnby"
    assert ekko("a\x1b[31mb\n\u202e") == "a\\x1b[31mb\\n\\u202e"
    lang = ekko("x" * 96_000)
    assert lang == "x" * EKKO_MAKS + "… (96.000 tegn i alt)"
    assert len(ekko("\x1b" * 1000).split("…")[0]) <= EKKO_MAKS


@pytest.mark.parametrize("argv", [
    ["kommuner", "{arg}"],
    ["brief", "ledighed", "--kommune", "{arg}"],
    ["brief", "{arg}", "--kommune", "Ballerup"],
    ["brief", "ledighed", "--kommune", "Ballerup", "--periode", "{arg}"],
    ["brief", "ledighed", "--kommune", "Ballerup", "--format", "{arg}"],
    ["batch", "--periode", "2018M06", "--temaer", "{arg}"],
    ["batch", "--periode", "2018M06", "-p", "{arg}", "1"],
    ["batch", "--periode", "2018M06", "--workers", "{arg}"],
    ["brif{arg}"],
    ["data", "fetch", "--fra", "{arg}"],
], ids=lambda a: " ".join(a).replace("{arg}", "ARG"))
def test_a_long_or_hostile_argument_is_echoed_short_and_inert(capsys, argv):
    arg = "\x1b]0;titel\x07\x1b[2J" + "x" * 96_000
    try:
        cli.main([a.replace("{arg}", arg) for a in argv])
    except SystemExit:  # argparse's own errors
        pass
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "\\x1b]0;titel\\x07" in err
    assert len(err) < 2500 and "… (96.0" in err


def test_the_command_to_run_again_is_echoed_short(tmp_path):
    assert cli._ekko_arg("\x1b[2J" + "y" * 500) == "\\x1b[2J" + "y" * (EKKO_MAKS - 7) + "… (504 tegn i alt)"
    assert cli._ekko_arg(str(tmp_path / ("z" * 120))) == str(tmp_path / ("z" * 120))  # a path whole


# --- comments: a folder, a huge file, a quarter ------------------------------------------------------------------

def test_a_comment_file_that_is_a_folder_is_refused_before_a_kernel(tmp_path, tmp_data):
    with pytest.raises(KommentarFejl, match="er en mappe, ikke en fil med bemærkninger"):
        jobs.job("ledighed", "Ballerup", "2018M06", ud=tmp_path, kommentar_fil=str(tmp_path))


def test_a_comment_over_the_limit_is_refused_with_the_limit(tmp_path, tmp_data):
    stor = tmp_path / "ledighed.md"
    with open(stor, "wb") as f:
        f.truncate(20_000_000)  # 20 MB without writing them
    with pytest.raises(KommentarFejl, match="er 20,0 MB; bemærkninger til en brief må højst fylde 1 MB"):
        jobs.job("ledighed", "Ballerup", "2018M06", ud=tmp_path, kommentar_fil=str(stor))
    with pytest.raises(KommentarFejl, match="højst fylde 1 MB"):
        kommentarer.laes(stor)
    stor.write_text("Kort og godt.", encoding="utf-8")
    assert jobs.job("ledighed", "Ballerup", "2018M06", ud=tmp_path, kommentar_fil=str(stor)).kommentar == str(stor)
    assert kommentarer.MAKS_BYTES == 1_000_000


def test_a_comment_file_that_is_missing_is_named(tmp_path, tmp_data, capsys):
    kode = cli.main([*BRIEF, "-p", "kommentar_fil", str(tmp_path / "mangler.md"), "--ud", str(tmp_path)])
    err = capsys.readouterr().err
    assert kode == 2 and f"Filen med bemærkninger findes ikke: {tmp_path / 'mangler.md'}" in err


def test_kommentar_for_a_quarter_advises_a_command_that_works(tmp_path, tmp_data, capsys):
    kode = cli.main(["kommentar", "ledighed", "--kommune", "Ballerup", "--periode", "2017K3", "--ud", str(tmp_path)])
    err = capsys.readouterr().err  # a quarter's brief is its own (outputs/2017K3/…): the advice makes that one
    assert kode == 2 and "`noegletal brief ledighed --kommune Ballerup --periode 2017K3`" in err
    kode = cli.main(["kommentar", "ledighed", "--kommune", "høje tåstrup", "--periode", "sep 2017", "--ud",
                     str(tmp_path)])
    err = capsys.readouterr().err
    raad = "`noegletal brief ledighed --kommune 'Høje-Taastrup' --periode 2017M09`"
    assert kode == 2 and raad in err
    # the advice parses: the same kommune, tema and month
    args = cli.build_parser().parse_args(["brief", "ledighed", "--kommune", "Høje-Taastrup", "--periode", "2017M09"])
    assert jobs.html_sti(tmp_path, args.periode, geo.kommune(args.kommune).navn, args.tema) == \
        tmp_path / "2017M09" / "Høje-Taastrup" / "ledighed.html"


# --- the output folder itself -----------------------------------------------------------------------------------

def test_an_output_folder_that_is_a_file_is_a_filfejl(tmp_path):
    (tmp_path / "ud").write_text("")
    with pytest.raises(FilFejl, match="findes, men er en fil og ikke en mappe"):
        config.udmappe(tmp_path / "ud")


def test_a_period_argparse_reads_is_answered_in_danish(capsys):
    with pytest.raises(SystemExit):
        cli.main(["data", "fetch", "--fra", "2017M13"])
    err = capsys.readouterr().err
    assert "fejl: --fra: Ukendt periode: '2017M13'. Skriv fx '2017M10'" in err and "<lambda>" not in err
    assert "år. Se `noegletal data fetch -h`." in err


def test_an_oversized_comment_under_kommentarer_fails_only_its_own_brief(tmp_path, monkeypatch, tmp_data):
    """In a batch one kommune's huge comment file must not stop the others: its brief fails, and says why."""
    monkeypatch.setenv("NOEGLETAL_KOMMENTARER", str(tmp_path / "kommentarer"))
    stor = tmp_path / "kommentarer" / "2018M06" / "Ballerup" / "ledighed.md"
    stor.parent.mkdir(parents=True)
    with open(stor, "wb") as f:
        f.truncate(2_000_000)
    job = jobs.job("ledighed", "Ballerup", "2018M06", ud=tmp_path / "ud")  # not refused here
    assert job.kommentar == str(stor)
    from nbformat.v4 import new_notebook

    from noegletal.errors import BriefFejl

    with pytest.raises(BriefFejl, match="højst fylde 1 MB"):
        runner.skriv_brief(new_notebook(), Path(job.html), "ledighed", kommentar=job.kommentar)
    assert not Path(job.html).exists()
