"""The repository's promises: one dependency list, a Makefile interface, CI that runs the README's test command."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_environment_yml_installs_the_same_as_pyproject():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    # conda brings only the interpreter and pip; everything else comes from pyproject via `-e .`
    assert sorted(re.split(r"[=<>]", d)[0] for d in conda) == ["pip", "python"]
    assert pip == ["-e .[test]"]
    py = next(d for d in conda if d.startswith("python"))
    assert project["requires-python"] == ">=" + py.split("=")[1]


def test_dependencies_have_lower_bounds_that_allow_pandas_3():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert all(">=" in d for d in deps)
    pandas = next(d for d in deps if d.startswith("pandas"))
    assert "<3" not in pandas.replace(" ", "")


def test_readme_commands_exist_in_makefile_and_ci_uses_the_test_command():
    readme = (ROOT / "README.md").read_text()
    makefile = (ROOT / "Makefile").read_text()
    for target in re.findall(r"^make (\w[\w-]*)", readme, re.M):
        assert re.search(rf"^{target}:", makefile, re.M), target
    assert "make test" in readme and "make test" in (ROOT / ".ci/run").read_text()
    assert ".DEFAULT_GOAL := help" in makefile


def test_design_card_top_level():
    for name in ["notebooks", "lib", "data/raw", "data/processed", "outputs", "environment.yml", "tests"]:
        assert (ROOT / name).exists(), name


def test_notebooks_committed_without_outputs():
    import json

    for nb in (ROOT / "notebooks").glob("*.ipynb"):
        cells = json.loads(nb.read_text())["cells"]
        assert not any(c.get("outputs") or c.get("execution_count") for c in cells if c["cell_type"] == "code"), nb


def _make_n(*args) -> str:
    """What `make` would run, without running it."""
    import subprocess

    return subprocess.run(["make", "-n", "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout


def test_make_briefs_passes_the_period_on():
    med = _make_n("briefs", "PERIODE=2018M06", "KOMMUNE=Herlev")
    assert re.search(r'noegletal brief \$tema --kommune "Herlev" --periode "2018M06"', med)
    assert re.search(r'noegletal rapport --kommune "Herlev" --periode "2018M06"', med)
    uden = _make_n("briefs")
    assert "brief $tema" in uden and "--periode" not in uden.split("noegletal rapport")[0]  # each notebook's own
    assert '--periode "2018M06"' in uden.split("noegletal rapport")[1]  # RAPPORT_PERIODE
    assert '--periode "2017M10"' in _make_n("batch") and '--periode "2019M01"' in _make_n("batch", "PERIODE=2019M01")


def test_make_lab_adds_allow_root_only_for_root():
    """JupyterLab refuses to run as root without --allow-root; a user must not get it."""
    import os
    import shutil
    import subprocess

    linje = next(l for l in _make_n("lab").splitlines() if "jupyter lab" in l)
    valg = re.search(r"\$\((.*)\)\s*$", linje).group(1)  # the shell's choice, run as the user who runs make
    som_mig = subprocess.run(["sh", "-c", valg], capture_output=True, text=True).stdout.strip()
    assert som_mig == ("--allow-root" if os.geteuid() == 0 else "")
    if os.geteuid() == 0 and shutil.which("setpriv"):
        som_bruger = subprocess.run(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "sh", "-c",
                                     valg], capture_output=True, text=True)
        assert som_bruger.stdout.strip() == ""
