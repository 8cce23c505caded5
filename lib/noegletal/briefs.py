"""One brief = one notebook run with parameters and rendered to one self-contained HTML file.

`render("integration", kommune="Ballerup", periode="2017-10")` writes
`outputs/<periode>/<kommune>/<tema>.html` (the executed notebook beside it) and returns the path.
Parameters are validated here too, so a typo fails before a kernel starts.
"""

from __future__ import annotations

from pathlib import Path

from . import config, geo
from .errors import UgyldigParameter
from .params import valider_tema
from .periods import periode as parse_periode


def notebook_for(tema: str) -> Path:
    return config.NOTEBOOKS_DIR / f"{valider_tema(tema)}.ipynb"


def standard_periode(tema: str) -> str:
    """The notebook's own default period (its parameters cell is the one place that says it)."""
    import ast

    import papermill

    default = papermill.inspect_notebook(str(notebook_for(tema)))["periode"]["default"]
    return ast.literal_eval(default)


def output_path(tema: str, kommune: str, periode: str, ud: str | Path | None = None) -> Path:
    k = geo.omraade(kommune)
    if k.niveau != geo.KOMMUNE:
        raise UgyldigParameter(f"'{k.navn}' er ikke en kommune. Angiv en af de 98 kommuner, fx 'Ballerup' eller '151'.")
    root = Path(ud) if ud else config.outputs_dir()
    return root / parse_periode(periode).kode / k.navn / f"{valider_tema(tema)}.html"


def render(tema: str, kommune: str, periode: str | None = None, ud: str | Path | None = None, **parametre) -> Path:
    """Run one brief; without `periode` the notebook's default period is used."""
    periode = periode or standard_periode(tema)
    out = output_path(tema, kommune, periode, ud)  # validates before a kernel starts
    from .runner import run_brief

    params = {"kommune": geo.omraade(kommune).navn, "periode": parse_periode(periode).kode, **parametre}
    return run_brief(notebook_for(tema), out, params)
