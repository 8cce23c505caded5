"""Faults on the brief and batch side, created for real: SIGTERM from a scheduler to `noegletal brief` and to a
whole batch, a second batch on the same period, a quarter for a monthly brief, and an overview page that
cannot be written. Each must give one Danish message and leave nothing behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from noegletal import cli, laas

pytestmark = pytest.mark.slow


def _noegletal(*args: str, env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "noegletal.cli", *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _miljoe(demo_data: Path, ud: Path) -> dict:
    return {**os.environ, "NOEGLETAL_DATA": str(demo_data), "NOEGLETAL_OUTPUTS": str(ud)}


def _vent_paa_kerne(ud: Path, proces: subprocess.Popen, sekunder: float = 60) -> None:
    """Until the run has made its output folder (it has validated everything and started its kernel)."""
    slut = time.monotonic() + sekunder
    while time.monotonic() < slut and proces.poll() is None:
        if any(ud.rglob("*")):
            time.sleep(1.5)  # the kernel is starting or running the notebook
            return
        time.sleep(0.1)


def _vent_paa_sigterm_haandtering(proces: subprocess.Popen, sekunder: float = 60) -> None:
    """Until the process catches SIGTERM (its handler is installed: bit 15 of SigCgt in /proc), so a signal
    tests the ordered stop and not how fast a loaded machine starts Python (then it would die of the signal)."""
    slut = time.monotonic() + sekunder
    while time.monotonic() < slut and proces.poll() is None:
        try:
            status = Path(f"/proc/{proces.pid}/status").read_text()
        except OSError:
            return
        fanget = next((int(linje.split()[1], 16) for linje in status.splitlines() if linje.startswith("SigCgt:")), 0)
        if fanget & (1 << (signal.SIGTERM - 1)):
            return
        time.sleep(0.05)


def _rester(ud: Path) -> list[str]:
    return sorted(p.relative_to(ud).as_posix() for p in ud.rglob(".*") if p.name != laas.LAASFIL)


def test_sigterm_to_a_brief_stops_it_in_order(demo_data, tmp_path):
    ud = tmp_path / "ud"
    p = _noegletal("brief", "ledighed", "--kommune", "Ballerup", "--periode", "2018M06", env=_miljoe(demo_data, ud))
    (ud / "2018M06").mkdir(parents=True)  # the folder exists at once; wait for the kernel instead
    _vent_paa_sigterm_haandtering(p)
    time.sleep(3)
    p.send_signal(signal.SIGTERM)
    out, err = p.communicate(timeout=60)
    assert p.returncode in (0, 143), err
    if p.returncode == 143:
        assert "Afbrudt (SIGTERM)" in err and "Traceback" not in err
        assert not list(ud.rglob("*.html"))
    assert _rester(ud) == []


@pytest.mark.parametrize("handler", ["afbryd", "ignorer"])
def test_a_signal_while_a_cell_runs_is_handled_as_the_caller_says(handler, tmp_path):
    """SIGTERM while a notebook runs in a kept kernel: the caller's handling decides (a single brief stops in
    order; a worker, which ignores it, goes on), not nbclient's, which only closed the kernel's channels (the
    brief then failed as 'Kernel died'). The cell itself sends the signal, so it always lands mid-cell."""
    import nbformat

    from noegletal.batch.arbejder import Kerne
    from noegletal.errors import Afbrudt

    celle = "import os, signal, time\nos.kill(os.getppid(), signal.SIGTERM)\ntime.sleep(0.5)\nprint('videre')"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(celle)])
    sti = tmp_path / "signal.ipynb"
    nbformat.write(nb, sti)
    kerne = Kerne()
    foer = signal.getsignal(signal.SIGTERM)
    try:
        if handler == "afbryd":
            with laas.afbryd_ved_sigterm(), pytest.raises(Afbrudt):
                kerne.koer(nb, str(sti))
        else:
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            kerne.koer(nb, str(sti))
            assert nb.cells[0].outputs[0]["text"] == "videre\n"
            assert signal.getsignal(signal.SIGTERM) == signal.SIG_IGN  # not left at nbclient's or the default
    finally:
        signal.signal(signal.SIGTERM, foer)
        kerne.stop()


def test_sigterm_to_a_batch_marks_briefs_in_progress_not_run(demo_data, tmp_path):
    ud = tmp_path / "ud"
    # Ten briefs on one worker (~1 s each once warm): some are still to come when the signal lands.
    p = _noegletal("batch", "--periode", "2018M06", "--kommuner", "Ballerup,Herlev,Aarhus,Odense,Vejle,Esbjerg,"
                   "Holbæk,Roskilde,Gentofte,Køge", "--temaer", "ledighed", "--workers", "1", "--stille",
                   env=_miljoe(demo_data, ud))
    _vent_paa_kerne(ud, p)
    time.sleep(4)
    p.send_signal(signal.SIGTERM)
    out, err = p.communicate(timeout=90)
    assert p.returncode == 143, (out, err)
    assert "Traceback" not in err and "Afbrudt (SIGTERM)" in err
    assert "ikke kørt" in out and "fejlet" in out and " 0 fejlet" in out
    assert _rester(ud) == []


def test_a_second_batch_on_the_same_period_says_who_holds_it(demo_data, tmp_path, monkeypatch, capsys):
    ud = tmp_path / "ud"
    monkeypatch.setenv("NOEGLETAL_OUTPUTS", str(ud))
    with laas.laas(ud / "2018M06", "noegletal batch --periode 2018M06"):
        # the lock is re-entrant in one process: hold it from a child instead
        kode = subprocess.run([sys.executable, "-m", "noegletal.cli", "batch", "--periode", "2018M06", "--kommuner",
                               "Ballerup", "--temaer", "ledighed", "--stille"], env=_miljoe(demo_data, ud),
                              capture_output=True, text=True, timeout=60)
    assert kode.returncode == 2 and "Udmappen" in kode.stderr and "noegletal batch --periode 2018M06" in kode.stderr
    assert "--vent" in kode.stderr and "Traceback" not in kode.stderr


def test_a_moving_year_for_a_brief_is_refused_before_any_kernel(demo_data, tmp_path, capsys):
    code = cli.main(["brief", "ledighed", "--kommune", "Ballerup", "--periode", "2017K3MAT", "--ud", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2 and "er et løbende år" in err and "2017K3 eller 2017" in err
    assert not any(tmp_path.rglob("*"))  # no _fejlede notebook: nothing ran


def test_an_overview_that_cannot_be_written_keeps_the_list_of_results(demo_data, tmp_path, capsys):
    ud = tmp_path / "ud"
    (ud / "2018M06" / "index.html").mkdir(parents=True)  # a real OS error when the page is written
    code = cli.main(["batch", "--periode", "2018M06", "--kommuner", "Ballerup", "--temaer", "ledighed", "--stille",
                     "--ud", str(ud)])
    out, err = capsys.readouterr()
    assert code == 74 and "Traceback" not in err  # a folder where the page should be: exit 74 (README)
    assert "1 dannet" in out and "Oversigten kunne ikke skrives: " in out and "index.html er en mappe" in out
    assert (ud / "2018M06" / "Ballerup" / "ledighed.html").is_file()
