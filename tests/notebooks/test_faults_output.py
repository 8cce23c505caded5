"""Output faults made for real, with real kernels and real file systems: a brief onto a 200 KB tmpfs, a read-only
kommune folder, and a report for a month without data. Each is one Danish message, the README's exit code, and
no file left behind. Mounting needs root: without it those tests are skipped with the reason. (The same faults
injected errno by errno, without a kernel: tests/unit/test_output_errors.py.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

KOMMANDO = [sys.executable, "-m", "noegletal.cli"]


def _noegletal(*argv, data: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    r = subprocess.run([*KOMMANDO, *map(str, argv)], capture_output=True, text=True, timeout=timeout,
                       env={**os.environ, "NOEGLETAL_DATA": str(data)})
    assert "Traceback" not in r.stderr, r.stderr
    return r


def _filer(rod: Path) -> list[str]:
    return sorted(p.relative_to(rod).as_posix() for p in rod.rglob("*") if not p.is_dir())


@pytest.fixture
def monter(tmp_path):
    """`monter(sti, "200k")` mounts a tmpfs of that size at `sti` (`ro=True`: read-only); unmounted afterwards."""
    monteret = []

    def _monter(sti: Path, size: str, ro: bool = False) -> Path:
        if os.geteuid() != 0:
            pytest.skip("at montere en lille tmpfs kræver root")
        sti.mkdir(parents=True, exist_ok=True)
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0777" + (",ro" if ro else ""), "tmpfs",
                            str(sti)], capture_output=True, text=True)
        if r.returncode:
            pytest.skip(f"kan ikke montere en tmpfs her: {r.stderr.strip()}")
        monteret.append(sti)
        return sti

    yield _monter
    for sti in reversed(monteret):
        subprocess.run(["umount", "-l", str(sti)], capture_output=True)


def test_a_brief_onto_a_200_kb_disk_is_danish_exit_74_and_no_files(demo_data, tmp_path, monter):
    """A brief is some 130 KB of HTML and as much notebook: the disk fills on the way, after the HTML."""
    ud = monter(tmp_path / "lille", "200k")
    r = _noegletal("brief", "ledighed", "--kommune", "Ballerup", "--periode", "2018M06", "--ud", ud, data=demo_data)
    assert r.returncode == 74, r.stderr
    assert r.stderr.startswith("Fejl: Disken er fuld: ") and str(ud / "2018M06" / "Ballerup") in r.stderr
    assert "Frigør plads" in r.stderr and "Errno" not in r.stderr and "OSError" not in r.stderr
    assert _filer(ud) == []  # neither ledighed.html nor a .tmp


def test_a_read_only_kommune_folder_is_danish_exit_74_and_no_files(demo_data, tmp_path, monter):
    ud = tmp_path / "ud"
    monter(ud / "2018M06" / "Ballerup", "1m", ro=True)
    r = _noegletal("brief", "ledighed", "--kommune", "Ballerup", "--periode", "2018M06", "--ud", ud, data=demo_data)
    assert r.returncode == 74, r.stderr
    assert "ledighed.html ligger på et skrivebeskyttet filsystem" in r.stderr and ".tmp" not in r.stderr
    assert _filer(ud) == []


def test_rapport_for_a_month_without_data_fails_with_each_chapter_in_danish(demo_data, tmp_path):
    r = _noegletal("rapport", "--kommune", "Ballerup", "--periode", "2030M01", "--temaer", "ledighed,fleksjob",
                   "--ud", tmp_path, "--stille", data=demo_data)
    assert r.returncode == 2 and r.stdout == ""
    assert "Rapporten er ikke skrevet, fordi 2 af 2 kapitler mangler i rapporten for Ballerup" in r.stderr
    assert "  - ledighed: Der er ingen data for januar 2030 (2030M01)" in r.stderr
    assert "  - fleksjob: Der er ingen data for januar 2030 (2030M01)" in r.stderr
    assert "ManglendeData" not in r.stderr and "--tillad-mangler" in r.stderr
    assert not (tmp_path / "2030M01" / "Ballerup" / "rapport.html").exists()
    r = _noegletal("rapport", "--kommune", "Ballerup", "--periode", "2030M01", "--temaer", "ledighed,fleksjob",
                   "--ud", tmp_path, "--stille", "--tillad-mangler", data=demo_data)
    assert r.returncode == 0 and "Bemærk: 2 af 2 kapitler mangler" in r.stderr
    side = (tmp_path / "2030M01" / "Ballerup" / "rapport.html").read_text(encoding="utf-8")
    assert "Rapporten er ikke komplet" in side and side.count("Kapitlet mangler") == 2


def test_batch_with_reports_counts_a_report_with_a_missing_chapter_as_failed(demo_data, tmp_path):
    """A month without data: the brief fails, and the report that would lack its chapter is failed too."""
    r = _noegletal("batch", "--periode", "2030M01", "--kommuner", "Herlev", "--temaer", "ledighed", "--rapport",
                   "--ud", tmp_path, "--stille", data=demo_data)
    assert r.returncode == 2 and "0 dannet, 2 fejlet" in r.stdout, r.stdout + r.stderr
    assert "Herlev, rapport: Ikke skrevet: 1 af 1 kapitler mangler i rapporten for Herlev (ledighed)" in r.stdout
    assert not (tmp_path / "2030M01" / "Herlev" / "rapport.html").exists()
