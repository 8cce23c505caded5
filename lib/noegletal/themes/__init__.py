"""The themes and their contract: one place that says which briefs there are.

A theme is a module `themes/<navn>.py` with a contract, `TEMA = Tema(navn=…, titel=…, orden=…,
indikatorer=ALLE, valgfri=…)`, next to its `valider` (the parameter check), and a notebook `notebooks/<navn>.ipynb`. That is
all a new theme needs: `config.TEMAER`, the command line's choices, the batch grid and the fingerprints come from
here, and the data layer refuses a read of an indicator the theme has not declared (`data.erklaer`).

Which themes there are is read from the modules' text (`navne`): the command line must not import pandas to
list them. The contract itself (indicators, parameter check) is had by importing the theme (`kontrakt`), which
a kernel does anyway. This module imports nothing from noegletal, so any layer may ask it.

A theme's module may be long (ledighed, aktivering, fleksjob: 500-600 lines) on purpose: one module per brief,
each section's data, sentences and blocks together in the order the brief reads; what several briefs say is in
`fortaelling`, what they do alike in `faelles` (the heading, the stamp, periods × areas, a safe share, …).
"""

from __future__ import annotations

import ast
import importlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_MAPPE = Path(__file__).resolve().parent
_KONTRAKT = re.compile(r"^TEMA\s*=\s*Tema\(", re.MULTILINE)


@dataclass(frozen=True)
class Tema:
    """A theme's contract. `navn` is its module's and its notebook's name; `titel` the brief's heading;
    `orden` its place among the briefs; `indikatorer` every indicator its brief reads (the stamp, the
    fingerprint and the data layer's check rest on it) and must have the brief's month; `valgfri` those it
    reads where they are in the data (a block shows a box where not): declared for reading and fingerprints,
    never required."""

    navn: str
    titel: str
    orden: int
    indikatorer: tuple[str, ...]
    valgfri: tuple[str, ...] = ()

    @property
    def laeser(self) -> tuple[str, ...]:
        """Every indicator the brief may read: the data layer's check and the fingerprint rest on these."""
        return tuple(dict.fromkeys((*self.indikatorer, *self.valgfri)))

    @property
    def notesbog(self) -> str:
        """The notebook's file name under notebooks/."""
        return f"{self.navn}.ipynb"

    @property
    def modul(self):
        return importlib.import_module(f"{__name__}.{self.navn}")

    def valider(self, *args, **kwargs):
        """The theme's parameter check (its module's `valider`): what the notebook's first cell calls."""
        return self.modul.valider(*args, **kwargs)


def _fil_noegle() -> tuple[tuple[str, float], ...]:
    return tuple((p.name, p.stat().st_mtime) for p in sorted(_MAPPE.glob("*.py")) if not p.name.startswith("_"))


@lru_cache(maxsize=4)
def _fra_teksten(noegle: tuple[tuple[str, float], ...]) -> tuple[tuple[int, str, str], ...]:
    """(orden, navn, titel) of every module with a contract, read from the `TEMA = Tema(...)` statement's own
    text (its `navn`, `titel` and `orden` are literals); only that statement is parsed."""
    ud = []
    for fil, _ in noegle:
        tekst = (_MAPPE / fil).read_text(encoding="utf-8")
        m = _KONTRAKT.search(tekst)
        if m is None:
            continue
        kald = _udsagn(tekst[m.start():]).value
        felter = {k.arg: ast.literal_eval(k.value) for k in kald.keywords if k.arg in ("navn", "titel", "orden")}
        stamme = fil.removesuffix(".py")
        if felter.get("navn") != stamme:
            raise ValueError(f"themes/{fil}: TEMA's navn skal være modulets navn, '{stamme}'.")
        ud.append((int(felter["orden"]), stamme, str(felter["titel"])))
    return tuple(sorted(ud))


def _udsagn(tekst: str) -> ast.stmt:
    """The first statement of `tekst`, parsed line by line until it is whole."""
    linjer = tekst.splitlines()
    for n in range(1, len(linjer) + 1):
        try:
            return ast.parse("\n".join(linjer[:n])).body[0]
        except SyntaxError:
            continue
    raise SyntaxError("TEMA = Tema(...) slutter ikke")


def navne() -> tuple[str, ...]:
    """Every theme's name, in the briefs' order (`orden`)."""
    return tuple(n for _, n, _ in _fra_teksten(_fil_noegle()))


def titel(navn: str) -> str:
    return next(t for _, n, t in _fra_teksten(_fil_noegle()) if n == navn)


def kontrakt(navn: str) -> Tema:
    """The theme's contract, from its module (imported here if it is not already)."""
    if navn not in navne():
        raise KeyError(navn)
    return importlib.import_module(f"{__name__}.{navn}").TEMA
