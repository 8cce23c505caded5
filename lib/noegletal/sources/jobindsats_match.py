"""The catalogue against the live Jobindsats v3 metadata: what is there, what is not, and the line to change.

`fetch` uses `match()` to turn the catalogue's value *names* into the value ids the data call needs (a total is
always the root `/`), and skips a cut whose hierarchy or value names are not there; `noegletal data tjek` uses it to print every difference at once. Each
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
    hierarchy: str = ""  # a breakdown's hierarchy: only the cuts with it are skipped, the rest is fetched
    candidates: tuple[str, ...] = ()  # the nearest live names (for `tjek --ret`)
    kind: str = ""  # "hierarki", "vaerdi", "maal" (what `tjek --ret` may correct), or "" for the rest
    name: str = ""  # the catalogue's name the problem is about


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
    live_ids: dict[str, str] = field(default_factory=dict)  # catalogue hierarchy id → live hierarchy id
    names: dict[str, dict[str, str]] = field(default_factory=dict)  # hierarchy id → {live name: catalogue name}
    measures: dict[str, str] = field(default_factory=dict)  # live measure → catalogue measure, where they differ
    corrected: list[str] = field(default_factory=list)  # the data folder's corrections that were used
    checks: list[Check] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def fatal(self) -> list[Problem]:
        """The problems that stop the whole table (periods, areas, measures); a breakdown's do not."""
        return [p for p in self.problems if not p.hierarchy]

    def missing(self, cut) -> list[Problem]:
        """Why a cut cannot be fetched: the problems of its hierarchies (none: it can)."""
        return [p for p in self.problems if p.hierarchy and p.hierarchy in cut]


def _close(name: str, options) -> list[str]:
    close = difflib.get_close_matches(name, list(options), n=3, cutoff=0.45)
    if not close:
        lower = {o.lower(): o for o in options}
        close = [lower[name.lower()]] if name.lower() in lower else []
    return close


def _near(name: str, options) -> str:
    close = _close(name, options)
    return f"mente du {', '.join(repr(c) for c in close)}?" if close else f"der findes: {', '.join(repr(o) for o in list(options)[:8])}"


def _hierarchies(meta: TableMeta) -> dict[str, LiveHierarchy]:
    return {h.id: h for d in meta.dimensions for h in d.hierarchies}


def _dimension_of(meta: TableMeta) -> dict[str, str]:
    return {h.id: d.id for d in meta.dimensions for h in d.hierarchies}


def match(spec: TableSpec, meta: TableMeta, mgroups: list[str] | None = None,
          rettelse: catalogue.Rettelse | None = None) -> Match:
    """Compare one catalogue table with its live metadata (and, when given, its measure group names).

    A hierarchy's total is always asked as its root `/`, whatever it is called: the root's own name is read
    from the metadata and mapped to the catalogue's total label. `rettelse` (the data folder's corrections)
    says what Jobindsats calls a hierarchy, value or measure where it differs from the catalogue."""
    loc = lambda *path: catalogue.line(spec.id, *path)  # noqa: E731
    r = rettelse or catalogue.Rettelse()
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
    dims = _dimension_of(meta)
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
    # dimensions: hierarchies and value names; a total is the root '/', never a name
    used = {r.hierarkier.get(h.id, h.id) for h in spec.hierarchies}
    for h in spec.hierarchies:
        hid = r.hierarkier.get(h.id, h.id)
        if hid != h.id:
            m.corrected.append(f"{h.id} → {hid}")
        lh = live.get(hid)
        if lh is None:
            others = [x for x in live if x not in AREA_HIERARCHIES and not x.startswith("_omr") and x not in used]
            m.checks.append(Check(f"hierarki {hid}", False))
            m.problems.append(Problem(f"tabellen har ikke hierarkiet {hid}", loc("hierarchies", h.id),
                                      f"ret {h.id}; {_near(h.id, others)}" if others else
                                      f"tabellen har ingen andre hierarkier; fjern {h.id} fra tabellen",
                                      hierarchy=h.id, candidates=tuple(_close(h.id, others) or others),
                                      kind="hierarki", name=h.id))
            continue
        m.live_ids[h.id] = hid
        m.checks.append(Check(f"hierarki {hid}", True, f"dimension {dims.get(hid, '?')}" if hid != h.id else ""))
        by_name: dict[str, str] = {}
        for level in lh.levels.values():
            for vid, name in level:
                by_name.setdefault(name, vid)
        root = next((name for name, vid in by_name.items() if vid == "/"), None)
        ids: dict[str, str] = {h.total: "/"}
        names: dict[str, str] = {}
        if root is not None:
            names[root] = h.total
        m.checks.append(Check(f"{h.id} total '{h.total}'", True,
                              f"roden '/' hedder '{root}'" if root is not None and root != h.total else ""))
        wrong = {name for name in by_name if name != root}
        for name in h.values:
            want_name = r.vaerdier.get(h.id, {}).get(name, name)
            if want_name != name:
                m.corrected.append(f"{h.id} '{name}' → '{want_name}'")
            if want_name in by_name and by_name[want_name] != "/":
                ids[name] = by_name[want_name]
                names[want_name] = name
                m.checks.append(Check(f"{h.id} = '{name}'", True, f"hedder '{want_name}'" if want_name != name else ""))
            else:
                m.checks.append(Check(f"{h.id} = '{name}'", False))
                m.problems.append(Problem(f"{h.id} har ikke værdien '{want_name}'",
                                          loc("hierarchies", h.id, "values", name) or loc("hierarchies", h.id),
                                          f"ret '{name}'; {_near(want_name, wrong)}", hierarchy=h.id,
                                          candidates=tuple(_close(want_name, wrong)), kind="vaerdi", name=name))
        m.value_ids[h.id] = ids
        m.names[h.id] = names
    # measures
    if mgroups is not None:
        for name in spec.measures:
            want_name = r.maal.get(name, name)
            if want_name != name:
                m.corrected.append(f"mål '{name}' → '{want_name}'")
            group = next((g for g in mgroups if g == want_name or want_name.startswith(g + ": ")), None)
            if group is not None:
                m.checks.append(Check(f"mål '{name}'", True, f"hedder '{want_name}'" if want_name != name else ""))
            else:
                m.checks.append(Check(f"mål '{name}'", False))
                m.problems.append(Problem(f"tabellen har ikke målet '{want_name}'", loc("measures", name),
                                          f"ret '{name}'; {_near(want_name, mgroups)}",
                                          candidates=tuple(_close(want_name, mgroups)), kind="maal", name=name))
    m.measures = {r.maal[k]: k for k in spec.measures if r.maal.get(k, k) != k}
    return m


def selection(spec: TableSpec, m: Match, cut: tuple[str, ...], area: str) -> dict:
    """The data query of one cut and one area hierarchy: the cut's hierarchies as their value ids (total
    first), every other catalogue hierarchy as its total, the area hierarchy as every value."""
    sel: dict = {"period": "*", area: "*"}
    for h in spec.hierarchies:
        if h.id not in m.live_ids:  # not in the live table: left out, so the answer is at its total [seen]
            continue
        ids = m.value_ids[h.id]
        sel[m.live_ids[h.id]] = [ids[n] for n in h.names] if h.id in cut else "/"
    return sel
