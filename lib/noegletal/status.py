"""What became of a brief: the status words, one result, and a run's summary.

A low module of its own, so the scheduler, the overview page and the command line all read the same words
without importing each other.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

DANNET = "dannet"  # made in this run
UAENDRET = "uændret"  # skipped: the brief exists and its inputs have not changed
TIDLIGERE = "tidligere"  # not in this run's grid, but made by an earlier run (shown on the overview)
FEJLET = "fejlet"  # failed: no HTML written (an older one may remain)
IKKE_KOERT = "ikke kørt"  # the run was interrupted before this brief was made
STATUSSER = (DANNET, UAENDRET, TIDLIGERE, FEJLET, IKKE_KOERT)


@dataclass
class Resultat:
    nr: int
    tema: str
    kommune: str
    html: str
    status: str
    grund: str = ""  # one line, for the summary and the overview
    notesbog: str | None = None  # the failed notebook kept in _fejlede/
    sekunder: float = 0.0
    besked: str = ""  # the whole Danish message, for a single brief's error
    fejltype: str = ""  # the error's name (e.g. the notebook's UgyldigParameter)
    filer: dict = field(default_factory=dict)  # format → path of every file made (html, pdf, xlsx)
    advarsler: list = field(default_factory=list)  # a format that could not be made (the HTML still is)

    def som_dict(self) -> dict:
        return asdict(self)


@dataclass
class Opsummering:
    resultater: list[Resultat]
    sekunder: float
    afbrudt: bool | int = False  # True for Ctrl-C, the signal's number for SIGTERM
    workers: int = 0
    index: Path | None = None
    arbejdere: list[int] = field(default_factory=list)  # worker pids (for tests: all gone afterwards)
    kerner: list[int] = field(default_factory=list)  # kernel pids (for tests: all gone afterwards)

    def afbrydelse(self) -> KeyboardInterrupt:
        """The interrupt to raise again after an interrupted run: SIGTERM's own (exit 143), else Ctrl-C's."""
        from .errors import Afbrudt

        signum = self.afbrudt
        return Afbrudt(signum) if isinstance(signum, int) and not isinstance(signum, bool) else KeyboardInterrupt()

    def med(self, status: str) -> list[Resultat]:
        return [r for r in self.resultater if r.status == status]

    @property
    def fejlede(self) -> list[Resultat]:
        return self.med(FEJLET)

    def tekst(self) -> str:
        """The Danish summary printed at the end."""
        m, s = divmod(round(self.sekunder), 60)
        tid = f"{m} min {s} s" if m else f"{self.sekunder:.1f} s"
        linjer = [f"{'Afbrudt' if self.afbrudt else 'Færdig'} efter {tid} med {self.workers} arbejdsprocesser: "
                  f"{len(self.med(DANNET))} dannet, {len(self.fejlede)} fejlet, "
                  f"{len(self.med(UAENDRET))} uændrede (sprunget over)"
                  + (f", {len(self.med(IKKE_KOERT))} ikke kørt" if self.med(IKKE_KOERT) else "") + "."]
        dannet = [r.sekunder for r in self.med(DANNET)]
        if dannet:
            linjer.append(f"Gennemsnitlig tid pr. brief i en arbejdsproces: {sum(dannet) / len(dannet):.1f} s.")
        advarsler = [a for r in self.resultater for a in r.advarsler]
        for a in dict.fromkeys(advarsler):
            linjer.append(f"Bemærk: {a}")
        if self.fejlede:
            linjer.append("Fejlede:")
            for r in self.fejlede:
                linjer.append(f"  {r.kommune}, {r.tema}: {r.grund}"
                              + (f" (notesbog: {r.notesbog})" if r.notesbog else ""))
        if self.index:
            linjer.append(f"Oversigt: {self.index}")
        return "\n".join(linjer)
