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
    assert code == 0 and "Backtest mod offentliggjorte tal" in out
    assert "[ikke dækket] Klyngen" in out and " — " in out
    # only the rows the demo is not calibrated to may be off (Hovedstadsområdet's definition is the minutes'
    # unknown; STAR's Øvrige cannot also add up), and the command says so
    afviger = [linje for linje in out.splitlines() if linje.startswith("[afviger]")]
    assert all(linje.startswith("[afviger] Hovedstadsomraadet,") or "Oevrige" in linje for linje in afviger)
    assert f"Heraf {len(afviger)} afvigende tal, som demodata ikke er kalibreret til" in out


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
    assert code == 0 and seen["parametre"]["maal_nye_fleksjob"] == 120


@pytest.mark.parametrize("kommando", [["brief", "ledighed", "--kommune", "Ballerup", "--periode", "2018M06"],
                                      ["batch", "--periode", "2018M06", "--kommuner", "Ballerup", "--stille"]])
def test_an_output_folder_that_is_a_file_is_one_clear_message(capsys, demo_data, tmp_path, kommando):
    fil = tmp_path / "outputs"
    fil.write_text("ikke en mappe")
    code, _, err = run(capsys, *kommando, "--ud", str(fil))
    assert code == 74 and f"{fil} findes, men er en fil og ikke en mappe" in err and "Traceback" not in err
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


# --- every fault one Danish message (more in test_faults.py, with real processes) ---------------------------------

@pytest.mark.parametrize("graense", ["-1", "-0.5", "nan"])
def test_a_negative_time_limit_is_refused(capsys, graense):
    code, _, err = run(capsys, "batch", "--periode", "2018M06", "--tidsgraense", graense, "--stille")
    assert code == 2 and "--tidsgraense skal være 0 (ingen grænse) eller et antal sekunder over 0" in err


def test_an_oserror_no_code_named_is_still_a_danish_message_with_exit_74(capsys, tmp_path):
    code, _, err = run(capsys, "data", "skabelon", "ministermaal", "--ud", "/dev/null/ministermaal.xlsx")
    assert code == 74 and err.startswith("Fejl: /dev/null findes allerede og er ikke en mappe.") and "Traceback" not in err
    assert "Kør derefter `noegletal data skabelon ministermaal --ud /dev/null/ministermaal.xlsx` igen." in err


def test_arguments_are_nfc_but_file_names_are_kept(capsys):
    import unicodedata

    code, out, _ = run(capsys, "kommuner", unicodedata.normalize("NFD", "Høje Tåstrup"))
    assert code == 0 and "Høje-Taastrup" in out
    code, out, _ = run(capsys, "kommuner", "Kobenhavn")
    assert code == 0 and "København" in out and "101" in out
    args = cli.build_parser().parse_args(["data", "importer", unicodedata.normalize("NFD", "å.xlsx"), "--tabel",
                                          unicodedata.normalize("NFD", "ministermål")])
    cli._nfc(args)
    assert args.fil == unicodedata.normalize("NFD", "å.xlsx") and args.tabel == "ministermål"


def test_a_held_data_folder_stops_a_build_with_who_holds_it(capsys, tmp_data):
    from noegletal import laas

    write_aus08(RawStore(), aus08_bulk())
    import subprocess
    import sys

    kode = (f"from noegletal import laas\nimport time\nwith laas.laas({str(tmp_data)!r}, 'noegletal data fetch'):\n"
            "    print('ja', flush=True); time.sleep(30)")
    holder = subprocess.Popen([sys.executable, "-c", kode], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ja"
        code, _, err = run(capsys, "data", "build")
        assert code == 2 and "bruges af `noegletal data fetch`" in err and f"pid {holder.pid}" in err
    finally:
        holder.kill()
        holder.wait()
    assert laas.er_laast(tmp_data) is None
