import pytest

from conftest import aus08_bulk, write_aus08
from noegletal import cli
from noegletal.raw import RawStore


def run(capsys, *argv):
    code = cli.main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_kommuner_search(capsys):
    code, out, _ = run(capsys, "kommuner", "tåstrup")
    assert code == 0 and "Høje-Taastrup" in out and "169" in out


def test_unknown_kommune_is_a_danish_message_not_a_traceback(capsys):
    code, _, err = run(capsys, "brief", "integration", "--kommune", "Balerup", "--periode", "2017M10")
    assert code == 2 and "Mente du: Ballerup" in err and "Traceback" not in err


def test_unknown_tema(capsys):
    code, _, err = run(capsys, "brief", "beskaeftigelse", "--kommune", "Ballerup", "--periode", "2017M10")
    assert code == 2 and "integration" in err


def test_unknown_notebook_parameter_is_refused_not_ignored(capsys):
    code, _, err = run(capsys, "brief", "fleksjob", "--kommune", "Ballerup", "-p", "maal_nye_flexjob", "120")
    assert code == 2 and "har parameteren 'maal_nye_flexjob'" in err and "Mente du: maal_nye_fleksjob" in err
    code, _, err = run(capsys, "brief", "fleksjob", "--kommune", "Ballerup", "-p", "kommune", "Herlev")
    assert code == 2 and "--kommune" in err


def test_bad_period(capsys):
    code, _, err = run(capsys, "brief", "integration", "--kommune", "Ballerup", "--periode", "okt")
    assert code == 2 and "Ukendt periode" in err


def test_build_and_status(capsys, tmp_data):
    write_aus08(RawStore(), aus08_bulk())
    code, out, _ = run(capsys, "data", "build")
    assert code == 0 and "1 tabeller" in out
    code, out, _ = run(capsys, "data", "status")
    assert code == 0 and "AUS08" in out and "98" in out


def test_build_without_raw_data_says_what_to_do(capsys, tmp_data):
    code, _, err = run(capsys, "data", "build")
    assert code == 2 and "noegletal data demo" in err


def test_help_lists_commands(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    assert "brief" in capsys.readouterr().out


def test_backtest_lists_uncovered_rows_with_reasons(capsys, demo_data):
    code, out, _ = run(capsys, "data", "backtest")
    assert code == 0 and "Backtest mod offentliggjorte tal" in out and "afviger" not in out
    assert "[ikke dækket] Hovedstadsomraadet" in out and " — " in out


def test_status_on_demo_data_says_demodata(capsys, demo_data):
    code, out, _ = run(capsys, "data", "status")
    assert code == 0 and "Jobindsats (demodata)" in out and "ptv_a02" in out


def test_fetch_without_key_says_it_once(capsys, tmp_data, monkeypatch):
    monkeypatch.delenv("JOBINDSATS_API_KEY", raising=False)
    code, out, err = run(capsys, "data", "fetch", "--source", "jobindsats")
    assert code == 2 and "JOBINDSATS_API_KEY" in err and "noegletal data demo" in err
    assert err.count("Fejl:") == 1


def test_extra_notebook_parameters_are_typed():
    assert cli._parameter("maal_nye_fleksjob", "120") == ("maal_nye_fleksjob", 120)
    assert cli._parameter("maal_ungeledighed", "7.5") == ("maal_ungeledighed", 7.5)
    assert cli._parameter("sammenligning", "Hele landet,Herlev") == ("sammenligning", "Hele landet,Herlev")


def test_extra_parameter_reaches_the_brief(monkeypatch, capsys):
    from pathlib import Path

    from noegletal import batch

    seen = {}
    monkeypatch.setattr(batch, "brief", lambda tema, *a, **kw: seen.update(kw) or Path("ud.html"))
    code, out, _ = run(capsys, "brief", "fleksjob", "--kommune", "Ballerup", "-p", "maal_nye_fleksjob", "120")
    assert code == 0 and seen["maal_nye_fleksjob"] == 120


@pytest.mark.parametrize("kommando", [["brief", "ledighed", "--kommune", "Ballerup", "--periode", "2018M06"],
                                      ["batch", "--periode", "2018M06", "--kommuner", "Ballerup", "--stille"]])
def test_an_output_folder_that_is_a_file_is_one_clear_message(capsys, demo_data, tmp_path, kommando):
    fil = tmp_path / "outputs"
    fil.write_text("ikke en mappe")
    code, _, err = run(capsys, *kommando, "--ud", str(fil))
    assert code == 2 and f"{fil} findes, men er en fil og ikke en mappe" in err and "Traceback" not in err
    assert fil.read_text() == "ikke en mappe"


@pytest.mark.parametrize("argv, dansk", [
    (["batch"], "noegletal batch: fejl: mangler: --periode. Se `noegletal batch -h`."),
    (["brif"], "ukendt valg 'brif'; vælg et af: 'data'"),
    (["batch", "--periode", "2018M06", "--workers", "to"], "--workers: 'to' er ikke et tal"),
    (["brief", "ledighed", "--kommune", "Ballerup", "--workers", "2"], "ukendte argumenter: --workers 2"),
])
def test_command_line_mistakes_are_answered_in_danish(capsys, argv, dansk):
    with pytest.raises(SystemExit) as info:
        cli.main(argv)
    err = capsys.readouterr().err
    assert info.value.code == 2 and err.startswith("brug: noegletal") and dansk in err


def test_help_is_danish(capsys):
    with pytest.raises(SystemExit):
        cli.main(["batch", "-h"])
    out = capsys.readouterr().out
    assert out.startswith("brug: noegletal batch") and "tilvalg:" in out and "vis denne hjælp og stop" in out
