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


def notesbogens_parametre(tema: str) -> dict[str, dict]:
    """The notebook's parameters as papermill reads them from its parameters cell (name → default, type, help)."""
    import papermill

    return papermill.inspect_notebook(str(notebook_for(tema)))


def standard_periode(tema: str) -> str:
    """The notebook's own default period (its parameters cell is the one place that says it)."""
    import ast

    return ast.literal_eval(notesbogens_parametre(tema)["periode"]["default"])


FASTE = ("kommune", "periode")  # given as --kommune and --periode, never as -p


def kontroller_ekstra(parametre: dict, temaer: list[str]) -> dict[str, dict]:
    """Refuse an extra parameter that none of the temaer's notebooks has: papermill would pass it on with a
    warning in English and the brief would silently ignore it. Returns, per tema, the extra parameters its
    notebook has."""
    import difflib

    kendte = {t: notesbogens_parametre(t) for t in temaer}
    alle = sorted({n for navne in kendte.values() for n in navne if n not in FASTE})
    for navn in parametre:
        if navn in FASTE:
            raise UgyldigParameter(f"'{navn}' angives med --{navn}, ikke med -p.")
        if not any(navn in navne for navne in kendte.values()):
            forslag = difflib.get_close_matches(navn, alle, n=1)
            mente = f" Mente du: {forslag[0]}?" if forslag else ""
            raise UgyldigParameter(
                f"Ingen af notesbøgerne ({', '.join(kendte)}) har parameteren '{navn}'.{mente} "
                f"De har: {', '.join(alle) or 'ingen ud over kommune og periode'}."
            )
    return {t: {n: v for n, v in parametre.items() if n in navne} for t, navne in kendte.items()}


def output_path(tema: str, kommune: str, periode: str, ud: str | Path | None = None) -> Path:
    k = geo.omraade(kommune)
    if k.niveau != geo.KOMMUNE:
        raise UgyldigParameter(f"'{k.navn}' er ikke en kommune. Angiv en af de 98 kommuner, fx 'Ballerup' eller '151'.")
    root = Path(ud) if ud else config.outputs_dir()
    return root / parse_periode(periode).kode / k.navn / f"{valider_tema(tema)}.html"


def render(tema: str, kommune: str, periode: str | None = None, ud: str | Path | None = None, **parametre) -> Path:
    """Run one brief; without `periode` the notebook's default period is used."""
    kontroller_ekstra(parametre, [tema])
    periode = periode or standard_periode(tema)
    out = output_path(tema, kommune, periode, config.udmappe(ud))  # validates before a kernel starts
    from .runner import run_brief

    params = {"kommune": geo.omraade(kommune).navn, "periode": parse_periode(periode).kode, **parametre}
    return run_brief(notebook_for(tema), out, params)
