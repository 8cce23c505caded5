"""The catalogue: which source table each indicator comes from, how to ask for it, and how sure we are.

All of it lives in `catalogue.yml`, one place to fix a renamed table or a changed label. This module only
reads and checks that file. Schema:

    tables:
      <table id>:                   # Jobindsats: the live v3 id in lower case (y25i01)
        source: jobindsats | statbank | egne
        title: Danish title
        frequency: M | K | Å
        evidence: seen | code | inferred | unknown
        evidence_source: where the evidence comes from
        measures: [Antal personer]  # value columns (statbank: [INDHOLD]); v3: without a "group: " prefix
        # jobindsats:
        areas: [_nykom, _region]    # area hierarchies, each asked for separately
        hierarchies:                # the other dimensions, by hierarchy id
          _kon: {column: koen, label: Køn, total: I alt, values: [Mænd, Kvinder], evidence: inferred}
        cuts: [[_kon]]              # hierarchy combinations fetched; the others are asked as their total
        # statbank:
        area_col: OMRÅDE
        period_col: TID
        measure_dimension: SAESONFAK  # this dimension names the measure ...
        measure_labels: {"9": "..."}  # ... with these labels
        measure_ranges: {"16-66": [16, 66], "67-": [67, null]}  # codes made by summing 1-year codes
        selection: {...}            # what `data fetch` asks Statistikbanken for
        # egne:
        publisher: who publishes the numbers
        dimensions: {Køn: koen}     # columns of the user's sheet besides område and periode → column id
        example: {...}              # the template's example row
        totals: [{dimension: koen, total: I alt, measures: [...]}]  # parts that must sum to the total
        shares: [measure labels that are percentages]
        note: why / what is assumed
    indicators:
      <id>:
        label: Danish label for briefs
        table: <table id>
        measure: <measure label>
        filter: {column: value or [values]}  # fixed dimension values; a Jobindsats dimension not named
                                              # here is its total
        sum_over: column or [columns]        # sum the listed values of these columns into one number
        unit: pct | personer | fuldtidspersoner | antal
        note: what is assumed (optional)
    groups:                                  # how an indicator is formed for a group of kommuner (grupper.py)
      <indicator id>: sum | {taeller: X, naevner: Y | afledt} | {ikke: why}
                                             # not named: a count is summed, a share is not formed
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from .config import CATALOGUE_FILE
from .errors import UgyldigParameter, ekko

SOURCES = ("jobindsats", "statbank", "egne")
EVIDENCE = ("seen", "code", "inferred", "unknown")
KILDE_NAVN = {"jobindsats": "Jobindsats.dk (STAR)", "statbank": "Danmarks Statistik, Statistikbanken",
              "egne": "egne data"}
EVIDENS_TEKST = {"seen": "set i et svar fra det levende API", "code": "brugt af kode, der kører mod API'et",
                 "inferred": "sluttet, ikke set", "unknown": "ukendt"}


@dataclass(frozen=True)
class Hierarchy:
    """A Jobindsats v3 dimension as the catalogue asks for it: value names, not ids (ids are looked up)."""

    id: str
    column: str
    label: str
    total: str
    values: tuple[str, ...]
    evidence: str = "unknown"

    @property
    def names(self) -> tuple[str, ...]:
        return (self.total, *self.values)


@dataclass(frozen=True)
class TableSpec:
    id: str
    source: str
    title: str
    frequency: str
    measures: tuple[str, ...]
    evidence: str = "unknown"
    evidence_source: str = ""
    area_col: str = "Område"
    period_col: str = "Periode"
    areas: tuple[str, ...] = ()
    hierarchies: tuple[Hierarchy, ...] = ()
    cuts: tuple[tuple[str, ...], ...] = ()
    dimensions: dict = field(default_factory=dict)
    measure_dimension: str | None = None
    measure_labels: dict = field(default_factory=dict)
    measure_ranges: dict = field(default_factory=dict)
    selection: dict = field(default_factory=dict)
    publisher: str = ""
    example: dict = field(default_factory=dict)
    totals: tuple = ()
    shares: tuple[str, ...] = ()
    note: str = ""

    @property
    def kilde(self) -> str:
        return KILDE_NAVN[self.source]

    @property
    def columns(self) -> dict[str, str]:
        """Source column label → processed column id, for every dimension of the table."""
        if self.source == "jobindsats":
            return {h.label: h.column for h in self.hierarchies}
        return dict(self.dimensions)

    def hierarchy(self, column_or_id: str) -> Hierarchy:
        for h in self.hierarchies:
            if column_or_id in (h.id, h.column):
                return h
        raise KeyError(column_or_id)

    def totals_filter(self) -> dict[str, str]:
        """Every Jobindsats dimension at its total: what an indicator means when it names no value."""
        return {h.column: h.total for h in self.hierarchies}


@dataclass(frozen=True)
class Indicator:
    id: str
    label: str
    table: str
    measure: str
    unit: str
    filter: dict = field(default_factory=dict)
    sum_over: tuple[str, ...] = ()
    note: str = ""

    @property
    def spec(self) -> TableSpec:
        return table(self.table)

    @property
    def kilde(self) -> str:
        return self.spec.kilde

    @property
    def fuldt_filter(self) -> dict:
        """The indicator's filter with every dimension it does not name at its total."""
        return {**self.spec.totals_filter(), **self.filter}


def _fejl(text: str) -> ValueError:
    return ValueError(f"catalogue.yml: {text}")


def _table(tid: str, t: dict) -> TableSpec:
    t = dict(t)
    if t.get("source") not in SOURCES:
        raise _fejl(f"tabel {tid} har en ukendt kilde {t.get('source')!r} (kendte: {', '.join(SOURCES)})")
    if t.get("evidence") not in EVIDENCE:
        raise _fejl(f"tabel {tid} skal have evidence: {' | '.join(EVIDENCE)}")
    if t["source"] == "jobindsats" and tid != tid.lower():
        raise _fejl(f"Jobindsats-tabellen {tid} skal skrives med små bogstaver, som v3 bruger dem")
    hier = []
    for hid, h in (t.pop("hierarchies", None) or {}).items():
        h = dict(h)
        hier.append(Hierarchy(id=hid, column=h["column"], label=h.get("label", h["column"]), total=str(h["total"]),
                              values=tuple(str(v) for v in h.get("values", ())), evidence=h.get("evidence", "unknown")))
    known = {h.id for h in hier}
    cuts = tuple(tuple(c) for c in t.pop("cuts", None) or ([[h.id for h in hier]] if hier else []))
    for cut in cuts:
        if set(cut) - known:
            raise _fejl(f"tabel {tid}: snittet {list(cut)} nævner hierarkier, tabellen ikke har ({sorted(known)})")
    for key in ("measures", "totals", "shares", "areas"):
        t[key] = tuple(t.get(key, ()))
    return TableSpec(id=tid, hierarchies=tuple(hier), cuts=cuts, **t)


@lru_cache(maxsize=1)
def _load() -> tuple[dict[str, TableSpec], dict[str, Indicator]]:
    # libyaml's parser where PyYAML has it (it does in its wheels): ten times faster than the pure-Python one,
    # and every kernel reads the catalogue before its first brief.
    raw = yaml.load(CATALOGUE_FILE.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    tables = {tid: _table(tid, t) for tid, t in raw["tables"].items()}
    indicators = {}
    for iid, i in raw["indicators"].items():
        i = dict(i)
        over = i.pop("sum_over", ())
        i["sum_over"] = (over,) if isinstance(over, str) else tuple(over)
        indicators[iid] = Indicator(id=iid, **i)
        if indicators[iid].table not in tables:
            raise _fejl(f"indikatoren {iid} nævner en ukendt tabel {indicators[iid].table}")
    return tables, indicators


def tables() -> dict[str, TableSpec]:
    return _load()[0]


def table(table_id: str) -> TableSpec:
    try:
        return tables()[table_id]
    except KeyError:
        pass
    lower = {t.lower(): t for t in tables()}
    if table_id.lower() in lower:
        return tables()[lower[table_id.lower()]]
    raise UgyldigParameter(f"Ukendt tabel '{ekko(table_id)}'. Kendte tabeller: {', '.join(tables())}.")


def indicators() -> dict[str, Indicator]:
    return _load()[1]


def indicator(indicator_id: str) -> Indicator:
    try:
        return indicators()[indicator_id]
    except KeyError:
        import difflib

        close = difflib.get_close_matches(indicator_id, list(indicators()), n=3)
        hint = f" Mente du: {', '.join(close)}?" if close else ""
        raise UgyldigParameter(
            f"Ukendt indikator '{indicator_id}'.{hint} `noegletal indikatorer` viser alle."
        ) from None


@lru_cache(maxsize=1)
def _nodes():
    return yaml.compose(CATALOGUE_FILE.read_text(encoding="utf-8"))


def line(table_id: str, *path: str) -> int:
    """The 1-based line in catalogue.yml of a table's key, or of a key or list value below it: the line a
    user should change. Falls back to the deepest part of the path that exists."""
    node = _child(_nodes(), "tables")[1]
    found = 0
    for key in (table_id, *path):
        key_node, value = _child(node, key)
        if key_node is None:
            break
        node, found = value, key_node.start_mark.line + 1
    return found


def _child(node, key: str):
    """(the node that names `key`, the node below it) in a mapping or a list of scalars."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == key:
                return k, v
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            if isinstance(item, yaml.ScalarNode) and item.value == key:
                return item, None
            if isinstance(item, yaml.SequenceNode) and any(getattr(x, "value", None) == key for x in item.value):
                return item, item
    return None, None


def location(table_id: str, *path: str) -> str:
    """'lib/noegletal/catalogue.yml, linje N' for messages."""
    n = line(table_id, *path)
    return f"lib/noegletal/catalogue.yml, linje {n}" if n else "lib/noegletal/catalogue.yml"


# --- groups of kommuner ------------------------------------------------------------------------------------

SUM, ANDEL, IKKE = "sum", "andel", "ikke"
AFLEDT = "afledt"  # a denominator the source does not publish: 100 × count / share, per member
_TAELLENDE = ("personer", "fuldtidspersoner", "antal", "forloeb", "samtaler")


@dataclass(frozen=True)
class Grupperegel:
    """How an indicator is formed for a group of kommuner (catalogue.yml, `groups`): summed, the ratio of two
    summed parts (`taeller`, `naevner`: an indicator id, ('maal', measure), or AFLEDT), or not (`grund`)."""

    slags: str
    taeller: object = None
    naevner: object = None
    grund: str = ""


def _del(v, hvad: str, iid: str):
    if isinstance(v, dict) and set(v) == {"maal"}:
        return ("maal", str(v["maal"]))
    if v == AFLEDT and hvad == "naevner":
        return AFLEDT
    if isinstance(v, str) and v in indicators():
        return v
    raise _fejl(f"groups: {iid}: {hvad} skal være en indikator, {{maal: mål}}"
                + (" eller afledt" if hvad == "naevner" else "") + f", ikke {v!r}")


@lru_cache(maxsize=1)
def _grupperegler() -> dict[str, Grupperegel]:
    raw = yaml.load(CATALOGUE_FILE.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    out = {}
    for iid, r in (raw.get("groups") or {}).items():
        if iid not in indicators():
            raise _fejl(f"groups nævner en ukendt indikator {iid}")
        if r == SUM:
            out[iid] = Grupperegel(SUM)
        elif isinstance(r, dict) and set(r) == {IKKE}:
            out[iid] = Grupperegel(IKKE, grund=str(r[IKKE]))
        elif isinstance(r, dict) and set(r) == {"taeller", "naevner"}:
            out[iid] = Grupperegel(ANDEL, _del(r["taeller"], "taeller", iid), _del(r["naevner"], "naevner", iid))
        else:
            raise _fejl(f"groups: {iid} skal være sum, {{taeller: …, naevner: …}} eller {{ikke: grund}}")
    return out


def med_dele(indikatorer) -> tuple[str, ...]:
    """The indicators and those their group rules are formed from (a share's numerator and denominator): what a
    brief reads when an area is a group of kommuner, so its declaration and fingerprint cover them too."""
    ud = dict.fromkeys(indikatorer)
    for i in list(ud):
        regel = _grupperegler().get(indicator(i).id)
        if regel is not None:
            ud.update(dict.fromkeys(d for d in (regel.taeller, regel.naevner) if isinstance(d, str) and d != AFLEDT))
    return tuple(ud)


def grupperegel(indikator_id: str, maal: str | None = None) -> Grupperegel:
    """How `indikator_id` (or another measure `maal` of its table) is formed for a group of kommuner."""
    ind = indicator(indikator_id)
    if maal and maal != ind.measure:  # another measure of the table: a count is summed, a share is not formed
        if maal not in ind.spec.shares and not maal.lower().startswith(("andel", "aktiveringsgrad")) \
                and "pct" not in maal.lower():
            return Grupperegel(SUM)
        return Grupperegel(IKKE, grund=f"målet '{maal}' er en andel, og kataloget siger ikke, hvad den er en andel af")
    regel = _grupperegler().get(ind.id)
    if regel is not None:
        return regel
    if ind.unit in _TAELLENDE:
        return Grupperegel(SUM)
    return Grupperegel(IKKE, grund="kataloget siger ikke, hvad andelen er en andel af (catalogue.yml, groups)")
# corrections in the data folder -----------------------------------------------------------------------------------

RETTELSER_FIL = "katalog-rettelser.yml"


@dataclass(frozen=True)
class Rettelse:
    """What Jobindsats calls a catalogue table's names, where it differs from the catalogue: hierarchy id,
    value names and measures as {catalogue name: live name}. The processed data and the briefs keep the
    catalogue's names; only the questions to Jobindsats and the reading of its answers use the live ones."""

    hierarkier: dict = field(default_factory=dict)  # catalogue hierarchy id → live hierarchy id
    vaerdier: dict = field(default_factory=dict)  # catalogue hierarchy id → {catalogue value name: live name}
    maal: dict = field(default_factory=dict)  # catalogue measure → live measure

    def __bool__(self) -> bool:
        return bool(self.hierarkier or self.vaerdier or self.maal)


def rettelser_sti():
    from . import config

    return config.data_dir() / RETTELSER_FIL


def rettelser() -> dict[str, Rettelse]:
    """The data folder's `katalog-rettelser.yml` (written by `noegletal data tjek --ret`), read on top of the
    packaged catalogue: one Rettelse per table. No file: no corrections."""
    sti = rettelser_sti()
    try:
        mtime = sti.stat().st_mtime
    except OSError:
        return {}
    return _rettelser(str(sti), mtime)


@lru_cache(maxsize=4)
def _rettelser(sti: str, mtime: float) -> dict[str, Rettelse]:
    from pathlib import Path

    try:
        raw = yaml.safe_load(Path(sti).read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise UgyldigParameter(f"Rettelsesfilen {sti} kan ikke læses ({e}). Ret filen, eller slet den og kør "
                               "`noegletal data tjek --ret` igen.") from e
    tabeller = raw.get("tabeller") if isinstance(raw, dict) else None
    if tabeller is None:
        return {}
    if not isinstance(tabeller, dict):
        raise UgyldigParameter(f"Rettelsesfilen {sti}: 'tabeller' skal være en tabel-id → rettelser.")
    out = {}
    for tid, r in tabeller.items():
        if tid not in tables():
            kendte = ", ".join(t for t, s in tables().items() if s.source == "jobindsats")
            raise UgyldigParameter(f"Rettelsesfilen {sti} nævner tabellen '{tid}', som kataloget ikke har. "
                                   f"Kendte Jobindsats-tabeller: {kendte}.")
        r = r or {}
        bad = set(r) - {"hierarkier", "vaerdier", "maal"}
        if bad or not all(isinstance(r.get(k) or {}, dict) for k in ("hierarkier", "vaerdier", "maal")):
            raise UgyldigParameter(f"Rettelsesfilen {sti}, tabel {tid}: kun 'hierarkier', 'vaerdier' og 'maal' "
                                   f"(hver en 'katalogets navn: Jobindsats' navn'), fandt {sorted(r)}.")
        vaerdier = {str(h): {str(k): str(v) for k, v in (m or {}).items()}
                    for h, m in (r.get("vaerdier") or {}).items()}
        out[tid] = Rettelse({str(k): str(v) for k, v in (r.get("hierarkier") or {}).items()}, vaerdier,
                            {str(k): str(v) for k, v in (r.get("maal") or {}).items()})
    return out
