"""Every fault a Danish message, and nothing left behind.

Each test makes its fault for real: a small tmpfs that fills up (or is mounted read-only), a real signal to a
real `noegletal` process, a truncated or overwritten file, a file another user may not read, a decomposed
string. The commands run as their own processes, so what reaches stderr is what a user sees; none may show a
traceback. Mounting needs root: without it those tests are skipped with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

import pytest
from conftest import aus08_bulk, write_aus08
from noegletal import config, data, geo, laas, pipeline, raw
from noegletal.errors import (
    BeskadigetData,
    FilFejl,
    Optaget,
    RaaDataFejl,
    UgyldigParameter,
    UgyldigPeriode,
)
from noegletal.periods import huller, periode, udvalgets_maaned, udvalgsperiode
from noegletal.raw import RawStore

NOEGLETAL = Path(sys.executable).with_name("noegletal")
KOMMANDO = [str(NOEGLETAL)] if NOEGLETAL.exists() else [sys.executable, "-m", "noegletal.cli"]


def noegletal(*argv, data_dir=None, env=None, cwd=None, stdout=subprocess.PIPE, foran=(), timeout=180):
    """Run the command line as its own process (`foran`: a command to run it under); no traceback may reach
    stderr."""
    miljoe = {**os.environ, **(env or {})}
    if data_dir is not None:
        miljoe["NOEGLETAL_DATA"] = str(data_dir)
    miljoe.setdefault("NOEGLETAL_OUTPUTS", str(Path(tempfile.gettempdir()) / "noegletal-test-outputs"))
    r = subprocess.run([*foran, *KOMMANDO, *map(str, argv)], stdout=stdout, stderr=subprocess.PIPE, text=True,
                       env=miljoe, cwd=cwd, timeout=timeout)
    assert "Traceback" not in r.stderr, r.stderr
    return r


def fejl(r) -> str:
    """The error message: the line of stderr that starts with 'Fejl: ' (a progress bar may come before)."""
    linjer = [l for l in r.stderr.splitlines() if l.startswith("Fejl: ")]
    assert len(linjer) == 1, r.stderr
    return linjer[0]


def filer(rod: Path) -> list[str]:
    """Every file and folder under `rod`, relative (to say what a failed run left)."""
    return sorted(p.relative_to(rod).as_posix() for p in Path(rod).rglob("*"))


# --- real filesystems -------------------------------------------------------------------------------------

@pytest.fixture
def monter(tmp_path):
    """`monter("2m")` mounts a tmpfs of that size at a new folder (`ro=True`: read-only) and returns it."""
    monteret = []

    def _monter(size="2m", ro=False, navn="disk"):
        if os.geteuid() != 0:
            pytest.skip("at montere en lille tmpfs kræver root")
        mnt = tmp_path / navn
        mnt.mkdir()
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0777" + (",ro" if ro else ""),
                            "tmpfs", str(mnt)], capture_output=True, text=True)
        if r.returncode:
            pytest.skip(f"kan ikke montere en tmpfs her: {r.stderr.strip()}")
        monteret.append(mnt)
        return mnt

    yield _monter
    for mnt in reversed(monteret):
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def fyld(mnt: Path) -> Path:
    """Fill a filesystem to the last byte (the fault 'disk full' for whatever writes next)."""
    fyldfil = mnt / "fyld.bin"
    fd = os.open(fyldfil, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        for blok in (1 << 16, 512, 1):  # big blocks, then the last bytes
            try:
                while True:
                    os.write(fd, b"\0" * blok)
            except OSError:
                pass
    finally:
        os.close(fd)
    return fyldfil


# --- demo raw data (made once for the module) and subsets of it ----------------------------------------------

@pytest.fixture(scope="module")
def demo_raa(tmp_path_factory):
    """The demo's raw files (no build), in a folder of their own."""
    from noegletal.sources import demo

    rod = tmp_path_factory.mktemp("demo_raa") / "data"
    demo.generate(RawStore(rod / "raw"))
    return rod / "raw"


SMAA_TABELLER = {"AUS08", "y09a02", "y08a02", "y01a02", "ptvc03", "y25i09", "FOLK1AM", "klynger", "ministermaal"}


def kopi_af_raa(kilde: Path, data_dir: Path, tabeller=SMAA_TABELLER) -> RawStore:
    """The demo's raw files of some tables in `data_dir/raw` (hard links: nothing is copied) with their manifest."""
    manifest = json.loads((kilde / raw.MANIFEST).read_text(encoding="utf-8"))
    valgt = {k: v for k, v in manifest["files"].items() if v["table"] in tabeller}
    for rel in valgt:
        (data_dir / "raw" / rel).parent.mkdir(parents=True, exist_ok=True)
        os.link(kilde / rel, data_dir / "raw" / rel)
    (data_dir / "raw" / raw.MANIFEST).write_text(json.dumps({"files": valgt}), encoding="utf-8")
    return RawStore(data_dir / "raw")


@pytest.fixture(scope="module")
def smaa_bygget(demo_raa, tmp_path_factory):
    """A data folder with a few demo tables, built."""
    rod = tmp_path_factory.mktemp("smaa") / "data"
    kopi_af_raa(demo_raa, rod)
    pipeline.build(RawStore(rod / "raw"), rod / "processed")
    return rod


# ============================================================================================================
# 1. A full disk: a Danish message, and nothing half-written
# ============================================================================================================

def test_demo_on_a_full_disk_says_so_and_leaves_nothing(monter, tmp_path):
    disk = monter("2m")
    data_dir = disk / "data"
    store = RawStore(data_dir / "raw")
    write_aus08(store, aus08_bulk(periods=("2018M06",)), demo=True)  # an earlier demo, small
    manifest_foer = store.manifest_path.read_bytes()
    indhold_foer = filer(data_dir)
    r = noegletal("data", "demo", data_dir=data_dir)
    assert r.returncode == 74
    assert fejl(r).startswith("Fejl: Disken er fuld:") and "Frigør plads" in r.stderr
    assert "Kør derefter `noegletal data demo` igen." in r.stderr and "Intet halvt skrevet er efterladt" in r.stderr
    assert store.manifest_path.read_bytes() == manifest_foer  # the manifest is unchanged
    assert set(filer(data_dir)) - {".noegletal.laas"} == set(indhold_foer)  # no file of the failed run
    r = noegletal("data", "status", data_dir=data_dir)
    assert "Rådata: 1 filer" in r.stdout  # what the manifest lists is all there is


def test_build_on_a_full_disk_keeps_the_previous_build_and_no_staging(monter):
    disk = monter("2m")
    data_dir = disk / "data"
    write_aus08(RawStore(data_dir / "raw"), aus08_bulk(periods=("2018M05", "2018M06")))
    assert noegletal("data", "build", data_dir=data_dir).returncode == 0
    foer = (data_dir / "processed" / "AUS08.parquet").read_bytes()
    fyld(disk)
    r = noegletal("data", "build", data_dir=data_dir)
    assert r.returncode == 74 and fejl(r).startswith("Fejl: Disken er fuld:")
    assert "De tidligere bearbejdede data" in r.stderr and "er bevaret" in r.stderr
    assert "Kør derefter `noegletal data build` igen." in r.stderr
    assert not list(data_dir.glob(".processed-*"))
    assert (data_dir / "processed" / "AUS08.parquet").read_bytes() == foer


def test_fetch_on_a_full_disk_stops_at_the_first_table_and_leaves_no_part(monter):
    from loopback_api import LoopbackApi

    disk = monter("2m")
    data_dir = disk / "data"
    data_dir.mkdir()
    fyld(disk)
    with LoopbackApi(key="test-noegle") as api:
        r = noegletal("data", "fetch", "--source", "jobindsats", "--tabel", "y09a02", "y08a02", "--uden-build",
                      data_dir=data_dir, env={"JOBINDSATS_API_KEY": "test-noegle", "JOBINDSATS_API_URL": api.url})
    assert r.returncode == 74 and "Disken er fuld" in r.stderr and "noegletal data fetch" in r.stderr
    assert r.stderr.count("Disken er fuld") == 1  # not once per table
    assert not [f for f in filer(data_dir) if f.endswith(".json") or f.endswith(".tmp")]


def test_import_on_a_full_disk_stores_nothing(monter, tmp_path):
    from noegletal import egne_import

    skabelon = egne_import.skabelon("ministermaal", tmp_path / "ministermaal.xlsx")
    disk = monter("2m")
    data_dir = disk / "data"
    data_dir.mkdir()
    fyld(disk)
    r = noegletal("data", "importer", skabelon, "--tabel", "ministermaal", "--uden-build", data_dir=data_dir)
    assert r.returncode == 74 and "Disken er fuld" in r.stderr
    assert [f for f in filer(data_dir) if not f.startswith(".noegletal.laas")] == []


def test_write_many_is_all_or_nothing_when_the_disk_fills_half_way(monter):
    disk = monter("1m")
    store = RawStore(disk / "raw")
    gammel = store.write(raw.RawEntry(path="egne/klynger/demodata.csv", source="egne", table="klynger", url="x",
                                      demo=True), b"gammel")
    manifest = store.manifest_path.read_bytes()
    stor = [(raw.RawEntry(path=f"jobindsats/y25i01/del{i}.json", source="jobindsats", table="y25i01", url="x",
                          demo=True), os.urandom(300_000)) for i in range(6)]  # 1.8 MB on a 1 MB disk
    with pytest.raises(FilFejl) as info:
        store.write_many(stor, drop=lambda e: e.demo)
    assert info.value.oserror.errno == 28 and "Intet halvt skrevet" in str(info.value)
    assert store.manifest_path.read_bytes() == manifest and list(store.entries()) == [gammel.path]
    assert filer(disk) == ["raw", "raw/egne", "raw/egne/klynger", "raw/egne/klynger/demodata.csv", "raw/manifest.json"]


# ============================================================================================================
# 2. Damaged or unreadable data: the file and the command that repairs it
# ============================================================================================================

@pytest.fixture
def smaa(smaa_bygget, tmp_path):
    """A copy of the small built data folder, to damage."""
    kopi = tmp_path / "data"
    shutil.copytree(smaa_bygget, kopi)
    return kopi


def test_a_truncated_parquet_is_named_by_status_and_backtest(smaa):
    sti = smaa / "processed" / "y25i09.parquet"
    sti.write_bytes(sti.read_bytes()[:1000])
    r = noegletal("data", "status", data_dir=smaa)
    assert r.returncode == 2 and "BESKADIGET" in r.stdout and "AUS08" in r.stdout  # the others still shown
    assert f"Den bearbejdede tabel {sti} er beskadiget" in r.stderr and "`noegletal data build`" in r.stderr
    for p in (smaa / "processed").glob("*.parquet"):
        p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2])
    r = noegletal("data", "backtest", data_dir=smaa)
    assert r.returncode == 2 and "er beskadiget" in r.stderr and ".parquet" in r.stderr
    assert "`noegletal data build`" in r.stderr


def test_a_garbage_processed_manifest_is_named(smaa, monkeypatch):
    manifest = smaa / "processed" / "manifest.json"
    manifest.write_bytes(b"\x00\x17{ikke json")
    r = noegletal("data", "status", data_dir=smaa)
    assert r.returncode == 2 and str(manifest) in r.stderr and "`noegletal data build`" in r.stderr
    monkeypatch.setenv("NOEGLETAL_DATA", str(smaa))
    with pytest.raises(BeskadigetData, match="noegletal data build"):
        pipeline.processed_manifest()
    manifest.write_text('{"built_at": "x"}')  # JSON, but not a manifest
    with pytest.raises(BeskadigetData, match="forventede form"):
        pipeline.processed_manifest()


def test_data_tabel_on_a_damaged_file_raises_a_noegletal_error(smaa, monkeypatch):
    monkeypatch.setenv("NOEGLETAL_DATA", str(smaa))
    sti = smaa / "processed" / "AUS08.parquet"
    sti.write_bytes(b"PAR1" + b"x" * 100)
    with pytest.raises(BeskadigetData, match=str(sti)):
        data.tabel("AUS08")


def test_a_raw_file_without_read_permission_is_named(tmp_path):
    data_dir = tmp_path / "data"
    e = write_aus08(RawStore(data_dir / "raw"), aus08_bulk())
    (data_dir / "raw" / e.path).chmod(0)
    foran = []
    if os.geteuid() == 0:  # root reads any file: drop the capabilities that let it, as setpriv does
        if not shutil.which("setpriv"):
            pytest.skip("som root kræver testen setpriv (util-linux) for at miste læseretten")
        foran = ["setpriv", "--inh-caps=-dac_override,-dac_read_search",
                 "--bounding-set=-dac_override,-dac_read_search"]
    r = noegletal("data", "build", data_dir=data_dir, foran=foran)
    assert r.returncode == 74
    assert f"Ingen adgang: {data_dir / 'raw' / e.path} kan ikke læses af brugeren" in fejl(r)
    assert "noegletal data fetch --source statbank" in r.stderr and "`noegletal data build`" in r.stderr
    assert not list(data_dir.glob(".processed-*"))


def test_a_garbage_raw_file_with_a_matching_checksum_names_the_file(tmp_data):
    store = RawStore()
    e = store.write(raw.RawEntry(path="jobindsats/y09a02/nykom_1.json", source="jobindsats", table="y09a02",
                                 url="https://api.jobindsats.dk/v3/data/y09a02", format="jobindsats-v3-json"),
                    b"<html><body>Proxy: adgang naegtet</body></html>")
    with pytest.raises(RaaDataFejl) as info:
        pipeline.build()
    tekst = str(info.value)
    assert str(store.root / e.path) in tekst and "tabel y09a02" in tekst and "checksummen passer" in tekst
    assert "noegletal data fetch --source jobindsats" in tekst
    assert not list(tmp_data.glob(".processed-*"))


def test_a_garbage_raw_manifest_offers_the_rebuild(tmp_data):
    write_aus08(RawStore(), aus08_bulk())
    (tmp_data / "raw" / "manifest.json").write_text('{"files": {"a": {"sti": 1}}}')
    r = noegletal("data", "build", data_dir=tmp_data)
    assert r.returncode == 2 and "kan ikke læses" in r.stderr and "--genopbyg-manifest" in r.stderr


# ============================================================================================================
# 3. Paths from the environment
# ============================================================================================================

def test_a_relative_data_folder_means_the_same_folder_for_a_kernel_in_notebooks(tmp_path):
    (tmp_path / "notebooks").mkdir()
    kode = ("import os, subprocess, sys\n"
            "from noegletal import config\n"
            "print(config.data_dir())\n"
            "sys.stdout.flush()\n"
            "subprocess.run([sys.executable, '-c', 'from noegletal import config; print(config.data_dir())'], "
            "cwd='notebooks')\n")
    env = {**os.environ, "NOEGLETAL_DATA": "reldata"}
    r = subprocess.run([sys.executable, "-c", kode], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert r.stdout.split() == [str(tmp_path / "reldata")] * 2, r.stderr


def test_an_empty_outputs_variable_is_the_default_folder_not_the_current(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NOEGLETAL_OUTPUTS", "")
    monkeypatch.setenv("NOEGLETAL_DATA", "  ")
    assert config.outputs_dir() == config.REPO_DIR / "outputs"
    assert config.data_dir() == config.REPO_DIR / "data"


def test_an_output_folder_on_a_read_only_filesystem_is_a_danish_message(monter):
    ro = monter("1m", ro=True)
    with pytest.raises(FilFejl, match="skrivebeskyttet") as info:  # exit 74, as every output error
        config.udmappe(ro / "udvalg")
    assert str(ro / "udvalg") in str(info.value) and "--ud" in str(info.value)
    with pytest.raises(FilFejl, match="skrivebeskyttet"):
        config.udmappe(ro)


def test_a_data_folder_on_a_read_only_filesystem_is_a_danish_message(monter):
    ro = monter("1m", ro=True)
    r = noegletal("data", "build", data_dir=ro)
    assert r.returncode == 74 and "skrivebeskyttet filsystem" in r.stderr and "NOEGLETAL_DATA" in r.stderr


# ============================================================================================================
# 4. Periods: a brief takes a month, quarter or year; a month missing inside the data has its own message
# ============================================================================================================

def test_a_quarter_or_year_for_a_brief_is_shown_by_its_last_month_and_a_moving_year_is_refused():
    assert udvalgets_maaned("2017M09") == periode("2017M09")
    assert udvalgets_maaned("2017K3") == periode("2017M09") and udvalgets_maaned("2018") == periode("2018M12")
    with pytest.raises(UgyldigPeriode, match="er et løbende år"):
        udvalgsperiode("2017K3MAT")


def test_a_month_missing_inside_the_data_is_found_and_warned_about(tmp_data):
    assert huller(["2016M04", "2016M06", "2016K1", "2016K3", "x"]) == ["2016K2", "2016M05"] or \
        huller(["2016M04", "2016M06", "2016K1", "2016K3", "x"]) == ["2016M05", "2016K2"]
    write_aus08(RawStore(), aus08_bulk(periods=("2016M04", "2016M06", "2016M07")))
    r = noegletal("data", "build", data_dir=tmp_data)
    assert r.returncode == 0 and "Advarsel: 2016M05 mangler i AUS08" in r.stderr
    assert data.mangler_perioder("AUS08") == ["2016M05"]
    besked = data.hul_besked("AUS08", "maj 2016")
    assert besked.startswith("2016M05 mangler i AUS08") and "noegletal data fetch --source statbank --tabel AUS08" in besked
    assert data.hul_besked("AUS08", "2016M06") is None


# ============================================================================================================
# 5. Names from other programs
# ============================================================================================================

def test_decomposed_names_codes_with_a_leading_zero_and_search_without_danish_letters():
    assert geo.omraade(unicodedata.normalize("NFD", "Tårnby")).navn == "Tårnby"
    assert geo.omraade("0101").navn == "København" and geo.omraade("0185").navn == "Tårnby"
    assert [o.navn for o in geo.soeg("Kobenhavn")] == ["København"]
    assert [o.navn for o in geo.soeg(unicodedata.normalize("NFD", "tårnby"))] == ["Tårnby"]
    assert periode("okt\u00a02017").kode == "2017M10"  # a no-break space from a spreadsheet


def test_the_command_line_takes_decomposed_names(tmp_path):
    r = noegletal("kommuner", "Kobenhavn")
    assert r.returncode == 0 and "København" in r.stdout
    r = noegletal("kommuner", unicodedata.normalize("NFD", "Tårnby"))
    assert r.returncode == 0 and "185" in r.stdout
    r = noegletal("kommuner", "0101")
    assert r.returncode == 0 and "København" in r.stdout


# ============================================================================================================
# 6. Signals: SIGTERM as Ctrl-C, and the leftovers of a killed run swept by the next
# ============================================================================================================

def _start_build(data_dir: Path) -> subprocess.Popen:
    env = {**os.environ, "NOEGLETAL_DATA": str(data_dir)}
    return subprocess.Popen([*KOMMANDO, "data", "build"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)


def _vent_paa_staging(data_dir: Path, proc: subprocess.Popen, timeout=60) -> None:
    slut = time.time() + timeout
    while time.time() < slut and proc.poll() is None:
        if list(data_dir.glob(".processed-*/*.parquet")):
            return
        time.sleep(0.02)
    pytest.fail("build lavede ingen byggemappe")


def test_sigterm_to_a_build_cleans_up_like_ctrl_c(demo_raa, tmp_path):
    data_dir = tmp_path / "data"
    kopi_af_raa(demo_raa, data_dir)
    proc = _start_build(data_dir)
    _vent_paa_staging(data_dir, proc)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM and "Afbrudt (SIGTERM)" in err and "Traceback" not in err
    assert not list(data_dir.glob(".processed-*")) and not (data_dir / "processed").exists()


def test_a_killed_builds_leftovers_are_swept_by_the_next_run(demo_raa, tmp_path):
    data_dir = tmp_path / "data"
    kopi_af_raa(demo_raa, data_dir)
    proc = _start_build(data_dir)
    _vent_paa_staging(data_dir, proc)
    proc.kill()  # SIGKILL: no cleanup is possible
    proc.communicate(timeout=30)
    efterladt = list(data_dir.glob(".processed-*"))
    assert efterladt
    tmp = data_dir / "raw" / "statbank" / "AUS08" / ".data.csv.abc123.tmp"  # a killed write's temp file
    tmp.write_bytes(b"halv")
    os.utime(tmp, (time.time() - 60, time.time() - 60))
    r = noegletal("data", "build", data_dir=data_dir)
    assert r.returncode == 0
    assert not list(data_dir.glob(".processed-*")) and not tmp.exists()
    assert (data_dir / "processed" / "manifest.json").exists()


# ============================================================================================================
# 7. Two runs at once: a lock per data folder
# ============================================================================================================

def _holder(mappe: Path, sekunder: float) -> subprocess.Popen:
    kode = ("import sys, time\nfrom noegletal import laas\n"
            f"with laas.laas({str(mappe)!r}, 'noegletal data build'):\n"
            "    print('holder', flush=True)\n"
            f"    time.sleep({sekunder})\n")
    proc = subprocess.Popen([sys.executable, "-c", kode], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "holder"
    return proc


def test_a_second_run_says_who_holds_the_data_folder_and_since_when(tmp_data):
    write_aus08(RawStore(), aus08_bulk())
    holder = _holder(tmp_data, 60)
    try:
        for argv in (["data", "build"], ["data", "demo"], ["data", "fetch", "--source", "statbank"],
                     ["data", "importer", "x.csv", "--tabel", "ministermaal"]):
            r = noegletal(*argv, data_dir=tmp_data)
            assert r.returncode == 2, argv
            assert f"Datamappen {tmp_data} bruges af `noegletal data build` (pid {holder.pid}" in r.stderr
            assert "startet " in r.stderr and "--vent" in r.stderr
        assert laas.er_laast(tmp_data).pid == holder.pid
    finally:
        holder.kill()
        holder.wait()
    # killed: the kernel released the lock with the process
    assert laas.er_laast(tmp_data) is None
    assert noegletal("data", "build", data_dir=tmp_data).returncode == 0


def test_vent_waits_for_the_holder(tmp_data):
    write_aus08(RawStore(), aus08_bulk())
    holder = _holder(tmp_data, 2)
    t0 = time.time()
    r = noegletal("data", "build", "--vent", data_dir=tmp_data)
    assert r.returncode == 0 and "venter på" in r.stderr and time.time() - t0 >= 1
    holder.wait()


def test_the_lock_is_reentrant_in_one_process_and_generic(tmp_path):
    with laas.laas(tmp_path / "ud", "noegletal batch"):
        with laas.laas(tmp_path / "ud", "indre"):  # the same process: no waiting for itself
            pass
        holder = laas.er_laast(tmp_path / "ud")
        assert holder.pid == os.getpid() and holder.kommando == "noegletal batch"
    assert laas.er_laast(tmp_path / "ud") is None
    kode = (f"from noegletal import laas\nwith laas.laas({str(tmp_path / 'ud')!r}, 'x', hvad='Udmappen'): pass")
    with laas.laas(tmp_path / "ud", "noegletal batch --periode 2018M06"):
        r = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True)
    assert "Optaget: Udmappen" in r.stderr and "noegletal batch --periode 2018M06" in r.stderr
    assert issubclass(Optaget, Exception)


# ============================================================================================================
# 8. Small ones
# ============================================================================================================

def test_a_deleted_raw_manifest_is_offered_and_rebuilt_from_the_checksums(demo_raa, tmp_path):
    data_dir = tmp_path / "data"
    store = kopi_af_raa(demo_raa, data_dir, {"AUS08", "y09a02", "klynger"})
    pipeline.build(store, data_dir / "processed")
    foer = store.entries()
    store.manifest_path.unlink()
    (data_dir / "raw" / "jobindsats" / "ukendt").mkdir()
    (data_dir / "raw" / "jobindsats" / "ukendt" / "x.json").write_text("{}")
    r = noegletal("data", "build", data_dir=data_dir)
    assert r.returncode == 2 and "Manifestet" in r.stderr and "--genopbyg-manifest" in r.stderr
    r = noegletal("data", "build", "--genopbyg-manifest", data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    assert f"Manifest genopbygget: {store.manifest_path} med {len(foer)} fil(er), heraf {len(foer)} demodata" in r.stdout
    assert "jobindsats/ukendt/x.json: 'ukendt' er ikke en tabel fra jobindsats" in r.stderr
    efter = store.entries()
    assert set(efter) == set(foer) and all(e.demo for e in efter.values())
    assert all(efter[k].sha256 == foer[k].sha256 and efter[k].format == foer[k].format for k in foer)


# ============================================================================================================
# 9. Every command under a fault: a Danish message and an exit code, never a traceback
# ============================================================================================================

def _skrivebeskyttet(monter, tmp_path):
    return {"data_dir": monter("1m", ro=True)}


def _raa_manifest_skrald(monter, tmp_path):
    (tmp_path / "data" / "raw").mkdir(parents=True)
    (tmp_path / "data" / "raw" / "manifest.json").write_bytes(b"\xff\xfe skrald")
    return {"data_dir": tmp_path / "data"}


def _bearbejdet_manifest_skrald(monter, tmp_path):
    (tmp_path / "data" / "processed").mkdir(parents=True)
    (tmp_path / "data" / "processed" / "manifest.json").write_text("{halv")
    return {"data_dir": tmp_path / "data"}


def _afkortede_tabeller(monter, tmp_path):
    d = tmp_path / "data"
    write_aus08(RawStore(d / "raw"), aus08_bulk())
    pipeline.build(RawStore(d / "raw"), d / "processed")
    for p in (d / "processed").glob("*.parquet"):
        p.write_bytes(p.read_bytes()[:100])
    return {"data_dir": d}


def _ingen_noegle(monter, tmp_path):
    return {"data_dir": tmp_path / "data", "env": {"JOBINDSATS_API_KEY": ""}}


def _tom(monter, tmp_path):
    return {"data_dir": tmp_path / "data"}


@pytest.mark.parametrize("argv, skade, koder", [
    (["data", "demo"], _skrivebeskyttet, {74}),
    (["data", "build"], _raa_manifest_skrald, {2}),
    (["data", "status"], _bearbejdet_manifest_skrald, {2}),
    (["data", "backtest"], _afkortede_tabeller, {2}),
    (["data", "fetch", "--source", "statbank"], _skrivebeskyttet, {74}),
    (["data", "importer", "tal.xlsx", "--tabel", "ministermaal"], _skrivebeskyttet, {74}),
    (["data", "skabelon", "ministermaal", "--ud", "{ro}/skabelon.xlsx"], _skrivebeskyttet, {74}),
    (["data", "tjek"], _ingen_noegle, {2}),
    (["data", "tabeller", "ledige"], _ingen_noegle, {2}),
    (["kommuner", "Xyzzy"], _tom, {2}),
    (["brief", "ledighed", "--kommune", "Balerup", "--periode", "2018M06"], _tom, {2}),
    (["batch", "--periode", "2018M13"], _tom, {2}),
    (["batch", "--periode", "2018M06", "--tidsgraense", "-1"], _tom, {2}),
], ids=lambda x: " ".join(x) if isinstance(x, list) else getattr(x, "__name__", None))
def test_every_command_under_a_fault_is_one_danish_message(monter, tmp_path, argv, skade, koder):
    kw = skade(monter, tmp_path)
    argv = [a.replace("{ro}", str(kw["data_dir"])) for a in argv]
    r = noegletal(*argv, **kw)
    assert r.returncode in koder, r.stderr
    assert fejl(r)


def test_a_closed_stdout_is_no_traceback():
    laes, skriv = os.pipe()
    os.close(laes)  # the reader is gone, as after `| head -1`
    try:
        r = noegletal("indikatorer", stdout=skriv)
    finally:
        os.close(skriv)
    assert r.returncode == 0 and r.stderr == ""


def test_verbose_still_shows_the_traceback(tmp_path):
    (tmp_path / "data" / "processed").mkdir(parents=True)
    (tmp_path / "data" / "processed" / "manifest.json").write_text("{halv")
    env = {**os.environ, "NOEGLETAL_DATA": str(tmp_path / "data")}
    r = subprocess.run([*KOMMANDO, "-v", "data", "status"], capture_output=True, text=True, env=env)
    assert r.returncode == 2 and "Traceback" in r.stderr and r.stderr.strip().splitlines()[-1].startswith("Fejl: ")
