"""A theme is a contract (themes/__init__.py), checked on a temporary copy of the package and its notebooks.

- A new theme is its module and its notebook, nothing else: `noegletal brief` and `noegletal batch` make it.
- A theme that reads an indicator it did not declare fails at the read, and the message names the indicator
  and the theme.

Each command runs as a separate process with PYTHONPATH on the copy, so the copy (not this checkout) is the
`noegletal` both the command and its notebook kernel import.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from noegletal import config

pytestmark = pytest.mark.slow
PERIODE = "2018M06"

MODUL = '''"""Prøvetema: the official ledighedsprocent over time (written by a test, to show what a theme needs)."""

from __future__ import annotations

from .. import brief, data
from ..params import BriefParametre
from . import Tema

PROCENT = "ledighedsprocent"
ALLE = (PROCENT,)
TEMA = Tema(navn="proeve", titel="Prøvetema", orden=60, indikatorer=ALLE)


def valider(kommune: str, periode: str, sammenligning=None, maaneder: int = 25) -> BriefParametre:
    from .. import params

    return params.valider(TEMA.navn, kommune, periode, sammenligning, maaneder, kraev=ALLE)


def tabelblok(p: BriefParametre) -> brief.Tabelblok:
    df = data.serie(PROCENT, omraader=p.omraader, fra=p.periode.shift(-2), til=p.periode)
    t = df.pivot(index="omraade", columns="periode", values="vaerdi")
    return brief.Tabelblok("Ledighedsprocent, de seneste tre måneder", t, kolonneformat={c: "tal1" for c in t.columns})
'''


def _notesbog() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata.update({"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                        "language_info": {"name": "python"}})
    parametre = nbformat.v4.new_code_cell('kommune: str = "Ballerup"\nperiode: str = "2018M06"\n'
                                          'sammenligning: str = "Hele landet"\nmaaneder: int = 25')
    parametre.metadata["tags"] = ["parameters"]
    nb.cells = [
        parametre,
        nbformat.v4.new_code_cell("from IPython.display import display\n\nfrom noegletal.themes import faelles, "
                                  "proeve as tema\n\np = tema.valider(kommune, periode, sammenligning, maaneder)"),
        nbformat.v4.new_code_cell('display(*faelles.indledning(p, tema.TEMA.titel, "En prøve", *tema.ALLE))'),
        nbformat.v4.new_code_cell("display(tema.tabelblok(p))"),
        nbformat.v4.new_code_cell("display(faelles.stempel(p, *tema.ALLE))"),
    ]
    return nb


@pytest.fixture
def kopi(tmp_path, demo_data_dir):
    """The package and the notebooks copied to a temporary folder, and what a command there needs."""
    rod = tmp_path / "repo"
    shutil.copytree(config.PACKAGE_DIR, rod / "lib" / "noegletal", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(config.NOTEBOOKS_DIR, rod / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    miljoe = {**os.environ, "PYTHONPATH": str(rod / "lib"), "NOEGLETAL_DATA": str(demo_data_dir),
              "NOEGLETAL_OUTPUTS": str(tmp_path / "ud"), "NOEGLETAL_KOMMENTARER": str(tmp_path / "kommentarer")}
    return rod, miljoe


def _noegletal(miljoe: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "noegletal.cli", *args], env=miljoe, capture_output=True, text=True,
                          cwd=miljoe["NOEGLETAL_OUTPUTS"].rsplit("/", 1)[0], timeout=600)


def test_a_new_theme_is_its_module_and_its_notebook(kopi, tmp_path):
    rod, miljoe = kopi
    (rod / "lib" / "noegletal" / "themes" / "proeve.py").write_text(MODUL, encoding="utf-8")
    nbformat.write(_notesbog(), rod / "notebooks" / "proeve.ipynb")

    hjaelp = _noegletal(miljoe, "brief", "-h")
    assert "proeve" in hjaelp.stdout  # the command line's choices come from the registry

    brief = _noegletal(miljoe, "brief", "proeve", "--kommune", "Herlev", "--periode", PERIODE)
    assert brief.returncode == 0, brief.stderr
    side = (tmp_path / "ud" / PERIODE / "Herlev" / "proeve.html").read_text(encoding="utf-8")
    assert "Prøvetema" in side and "Ledighedsprocent, de seneste tre måneder" in side
    assert "tabel AUS08" in side  # the stamp names the table behind the declared indicator

    batch = _noegletal(miljoe, "batch", "--periode", PERIODE, "--kommuner", "Ballerup,Herlev", "--temaer", "proeve",
                       "--workers", "1", "--stille")
    assert batch.returncode == 0, batch.stderr
    assert "1 dannet" in batch.stdout and "1 uændrede" in batch.stdout  # Herlev's brief is kept: same fingerprint
    kvittering = json.loads((tmp_path / "ud" / PERIODE / "Ballerup" / "proeve.batch.json").read_text())
    assert kvittering["tema"] == "proeve"
    assert "proeve" in (tmp_path / "ud" / PERIODE / "index.html").read_text(encoding="utf-8")


def test_a_read_outside_the_declaration_names_the_indicator_and_the_theme(kopi):
    rod, miljoe = kopi
    modul = rod / "lib" / "noegletal" / "themes" / "ledighed.py"
    tekst = modul.read_text(encoding="utf-8")
    erklaering = "ALLE = (LEDIGE, PROCENT, PROCENT_ANTAL, UNGE, IKKE_VESTLIGE, LANGTID, DAGPENGE, LANGTID_ANDEL,"
    assert erklaering in tekst
    modul.write_text(tekst.replace(erklaering, erklaering.replace(" DAGPENGE,", "")), encoding="utf-8")

    res = _noegletal(miljoe, "brief", "ledighed", "--kommune", "Ballerup", "--periode", PERIODE)
    assert res.returncode == 2
    assert "Temaet 'ledighed' læser nøgletallet 'dagpenge_personer'" in res.stderr
    assert "Traceback" not in res.stderr
    assert not (Path(miljoe["NOEGLETAL_OUTPUTS"]) / PERIODE / "Ballerup" / "ledighed.html").exists()
