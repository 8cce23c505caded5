"""The catalogue against the live Jobindsats v3 metadata: what is there, what is not, and the line to change.

`fetch` uses `match()` to turn the catalogue's value *names* into the value ids the data call needs, and
stops when a name is not there; `noegletal data tjek` uses it to print every difference at once. Each
problem carries the catalogue line to change and the nearest live names ("mente du …").

Measures: `/table/{id}` has no known measure key (reference/jobindsats-v3.md), but `/tables` lists each
table's measure groups (`mgroups`), and a group with one measure is named like the measure [seen]. A
catalogue measure is present when a group has its name, or is a "<group>: <measure>" whose group exists.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from .. import catalogue
from ..catalogue import TableSpec
from .jobindsats_plan import PERIODTYPE_FOR_FREQUENCY, TableMeta, _chronological
from .jobindsats_plan import Hierarchy as LiveHierarchy

AREA_HIERARCHIES = ("_nykom", "_region", "_hele_landet", "_reko")


@dataclass
class Problem:
    """One difference between the catalogue and the live table."""

    what: str  # Danish: what is off
    line: int  # catalogue.yml line to change
    fix: str  # Danish: the change, with the nearest live names


@dataclass
class Check:
    """One row of `data tjek`: a thing the catalogue asks for and whether the live table has it."""

    what: str
    found: bool | None  # None: cannot be settled without data
    detail: str = ""


@dataclass
class Match:
    table: str
    periodtype: str | None = None
    first: str = ""
    last: str = ""
    areas: list[str] = field(default_factory=list)
    value_ids: dict[str, dict[str, str]] = field(default_factory=dict)  # hierarchy id → name → value id
    checks: list[Check] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _near(name: str, options) -> str:
    close = difflib.get_close_matches(name, list(options), n=3, cutoff=0.45)
    if not close:
        lower = {o.lower(): o for o in options}
        close = [lower[name.lower()]] if name.lower() in lower else []
    return f"mente du {', '.join(repr(c) for c in close)}?" if close else f"der findes: {', '.join(repr(o) for o in list(options)[:8])}"


def _hierarchies(meta: TableMeta) -> dict[str, LiveHierarchy]:
    return {h.id: h for d in meta.dimensions for h in d.hierarchies}


def match(spec: TableSpec, meta: TableMeta, mgroups: list[str] | None = None) -> Match:
    """Compare one catalogue table with its live metadata (and, when given, its measure group names)."""
    loc = lambda *path: catalogue.line(spec.id, *path)  # noqa: E731
    m = Match(spec.id)
    # periods
    want = PERIODTYPE_FOR_FREQUENCY[spec.frequency]
    if want in meta.periods and meta.periods[want]:
        ps = _chronological(meta.periods[want])
        m.periodtype, m.first, m.last = want, ps[0], ps[-1]
        m.checks.append(Check(f"periodetype {want}", True, f"{ps[0]}–{ps[-1]}"))
    else:
        have = list(meta.periods)
        back = {v: k for k, v in PERIODTYPE_FOR_FREQUENCY.items()}
        fix = (f"sæt frequency: {back[have[0]]}" if len(have) == 1 and have[0] in back
               else f"tabellen har periodetyperne {have}")
        m.checks.append(Check(f"periodetype {want}", False, f"har {have}"))
        m.problems.append(Problem(f"tabellen har ikke periodetypen {want} (frequency: {spec.frequency})",
                                  loc("frequency"), fix))
    live = _hierarchies(meta)
    # areas
    live_areas = [h for h in live if h in AREA_HIERARCHIES or h.startswith("_omr")]
    for a in spec.areas:
        if a in live:
            m.areas.append(a)
            m.checks.append(Check(f"områdehierarki {a}", True))
        else:
            m.checks.append(Check(f"områdehierarki {a}", False, f"har {live_areas}"))
            rest = [x for x in spec.areas if x in live]
            fix = (f"fjern {a} fra areas" + (f" (behold {rest})" if rest else "")
                   + (f"; tabellen har {live_areas}" if live_areas else ""))
            m.problems.append(Problem(f"tabellen har ikke områdehierarkiet {a}", loc("areas"), fix))
    if spec.areas and not m.areas and live_areas:
        m.problems.append(Problem("ingen af tabellens områdehierarkier findes", loc("areas"),
                                  f"sæt areas: [{', '.join(live_areas)}]"))
    # dimensions: hierarchies and value names
    for h in spec.hierarchies:
        lh = live.get(h.id)
        if lh is None:
            others = [x for x in live if x not in AREA_HIERARCHIES]
            m.checks.append(Check(f"hierarki {h.id}", False))
            m.problems.append(Problem(f"tabellen har ikke hierarkiet {h.id}", loc("hierarchies", h.id),
                                      f"ret {h.id}; {_near(h.id, others)}"))
            continue
        m.checks.append(Check(f"hierarki {h.id}", True))
        by_name = {}
        for level in lh.levels.values():
            for vid, name in level:
                by_name.setdefault(name, vid)
        root = next((name for name, vid in by_name.items() if vid == "/"), None)
        ids: dict[str, str] = {}
        if root is not None and root != h.total:
            m.checks.append(Check(f"{h.id} total '{h.total}'", False, f"roden hedder '{root}'"))
            m.problems.append(Problem(f"{h.id}: totalen hedder '{root}', ikke '{h.total}'",
                                      loc("hierarchies", h.id, "total"), f"sæt total: {root}"))
        else:
            ids[h.total] = "/"
            m.checks.append(Check(f"{h.id} total '{h.total}'", True))
        for name in h.values:
            if name in by_name:
                ids[name] = by_name[name]
                m.checks.append(Check(f"{h.id} = '{name}'", True))
            else:
                m.checks.append(Check(f"{h.id} = '{name}'", False))
                m.problems.append(Problem(f"{h.id} har ikke værdien '{name}'",
                                          loc("hierarchies", h.id, "values", name) or loc("hierarchies", h.id),
                                          f"ret '{name}'; {_near(name, by_name)}"))
        m.value_ids[h.id] = ids
    # measures
    if mgroups is not None:
        for name in spec.measures:
            group = next((g for g in mgroups if g == name or name.startswith(g + ": ")), None)
            if group is not None:
                m.checks.append(Check(f"mål '{name}'", True))
            else:
                m.checks.append(Check(f"mål '{name}'", False))
                m.problems.append(Problem(f"tabellen har ikke målet '{name}'", loc("measures", name),
                                          f"ret '{name}'; {_near(name, mgroups)}"))
    return m


def selection(spec: TableSpec, m: Match, cut: tuple[str, ...], area: str) -> dict:
    """The data query of one cut and one area hierarchy: the cut's hierarchies as their value ids (total
    first), every other catalogue hierarchy as its total, the area hierarchy as every value."""
    sel: dict = {"period": "*", area: "*"}
    for h in spec.hierarchies:
        ids = m.value_ids[h.id]
        sel[h.id] = [ids[n] for n in h.names] if h.id in cut else "/"
    return sel
