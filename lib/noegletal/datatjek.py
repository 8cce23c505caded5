"""`noegletal data tjek` and `noegletal data tabeller`: the catalogue against the live Jobindsats, no data.

The first commands a user with a key runs. `tjek` reads `/tables` once and `/table/{id}` for every catalogue
table, and reports per table what the catalogue asks for and whether the live table has it, then the
catalogue lines to change. It downloads no data. `tjek --ret` writes the corrections it can be sure of into
the data folder's katalog-rettelser.yml (catalogue.rettelser), never into the package, and shows the others
with the lines to write. `nye` is `data fetch --nye`: the tables Jobindsats updated since they were fetched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from . import catalogue
from .errors import ApiFejl, ManglendeNoegle, TjenesteNede
from .sources.jobindsats import JobindsatsClient
from .sources.jobindsats_match import AREA_HIERARCHIES, Check, Problem, match
from .sources.jobindsats_plan import TableMeta


@dataclass
class TableReport:
    table: str
    found: bool
    areas: str = ""
    periods: str = ""
    checks: list[Check] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    error: str = ""
    meta: TableMeta | None = None  # what the live table said, for `--ret`
    mgroups: list[str] = field(default_factory=list)


def tjek(client: JobindsatsClient | None = None, tables: list[str] | None = None) -> list[TableReport]:
    """One report per Jobindsats table of the catalogue (or of `tables`)."""
    client = client or JobindsatsClient()
    live = {t["table_id"].lower(): t for t in client.tables()}
    specs = [s for s in catalogue.tables().values() if s.source == "jobindsats" and (not tables or s.id in tables)]
    reports = []
    for spec in specs:
        info = live.get(spec.id.lower())
        if info is None:
            import difflib

            near = difflib.get_close_matches(spec.id, list(live), n=3, cutoff=0.6)
            hint = f"mente du {', '.join(near)}?" if near else "find tabellen med `noegletal data tabeller SØGEORD`"
            reports.append(TableReport(spec.id, False, problems=[Problem(
                "tabellen findes ikke i /tables", catalogue.line(spec.id), f"ret tabel-id'et; {hint}")]))
            continue
        try:
            meta = client.table(spec.id)
        except (ManglendeNoegle, TjenesteNede):
            raise
        except ApiFejl as e:
            reports.append(TableReport(spec.id, True, error=str(e), problems=[Problem(
                "metadata kunne ikke læses", catalogue.line(spec.id), str(e))]))
            continue
        m = match(spec, meta, info.get("mgroups") or None, catalogue.rettelser().get(spec.id))
        reports.append(TableReport(spec.id, True, ", ".join(m.areas) or "–",
                                   f"{m.first}–{m.last}" if m.first else "–", m.checks, m.problems, meta=meta,
                                   mgroups=list(info.get("mgroups") or [])))
    return reports


def print_reports(reports: list[TableReport], out=print) -> bool:
    """The table and, under it, the lines to change. True when everything matched."""
    rows = []
    for r in reports:
        first = True
        checks = r.checks or [Check("tabellen", r.found, r.error)]
        for c in checks:
            status = "ok" if c.found else ("?" if c.found is None else "MANGLER")
            rows.append((r.table if first else "", ("ja" if r.found else "NEJ") if first else "",
                         r.areas if first else "", c.what, status + (f" ({c.detail})" if c.detail else ""),
                         r.periods if first else ""))
            first = False
    header = ("tabel", "fundet", "områder", "katalogets valg", "live", "perioder")
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        out("  ".join(str(x).ljust(w) for x, w in zip(row, widths)).rstrip())
    problems = [(r.table, p) for r in reports for p in r.problems]
    if not problems:
        out(f"\nAlle {len(reports)} Jobindsats-tabeller i kataloget passer med det levende API.")
        return True
    out(f"\n{len(problems)} forskel(le) — `noegletal data tjek --ret` retter de sikre i datamappens "
        f"{catalogue.RETTELSER_FIL}; de øvrige rettes dér eller i lib/noegletal/catalogue.yml:")
    for table, p in problems:
        out(f"  linje {p.line} ({table}): {p.what} — {p.fix}")
    out("Kør `noegletal data tjek` igen bagefter.")
    return False


def tabeller(soeg: str = "", client: JobindsatsClient | None = None) -> list[tuple[str, str, str]]:
    """The live tables as (id, name, latest update), filtered on a word in the id, name or subject."""
    client = client or JobindsatsClient()
    ord_ = soeg.lower().strip()
    out = []
    for t in client.tables():
        text = f"{t['table_id']} {t['table_name']} {t['subject_name']} {t['table_group_name']}".lower()
        if not ord_ or all(w in text for w in ord_.split()):
            out.append((t["table_id"].lower(), t["table_name"], t.get("update_latest", "")[:10]))
    return out


# `data tjek --ret`: the sure corrections into the data folder ----------------------------------------------------

SUFFIKS = " 16-66 år"  # v3 dropped v2's suffix on some measures [code]


def _norm(name: str) -> str:
    """A name without case, spacing and punctuation: 'Mænd' = 'mænd', '16-24 år' = '16–24 år'."""
    return re.sub(r"[\W_]+", "", name.casefold())


def _same(catalogue_name: str, live_name: str) -> bool:
    """Equal apart from case, spacing, punctuation or a ' 16-66 år' suffix on either side."""
    a, b = _norm(catalogue_name), _norm(live_name)
    s = _norm(SUFFIKS)
    return a == b or a == b + s or b == a + s


@dataclass
class Rettelsesforslag:
    table: str
    kind: str  # "hierarkier", "vaerdier" or "maal"
    hierarchy: str  # the catalogue hierarchy id (vaerdier), else ""
    name: str  # the catalogue's name
    live: str = ""  # the sure live name; "" when not sure
    candidates: tuple[str, ...] = ()

    def linje(self, live: str | None = None) -> str:
        """The exact lines to write in the corrections file for this correction."""
        ny = live or self.live or (self.candidates[0] if self.candidates else "NAVN I JOBINDSATS")
        sti = f"tabeller:\n  {self.table}:\n    {self.kind}:\n"
        if self.kind == "vaerdier":
            sti += f"      {self.hierarchy}:\n  "
        return sti + f"      {_yaml(self.name)}: {_yaml(ny)}"


def _yaml(text: str) -> str:
    return yaml.safe_dump(text, allow_unicode=True, default_style=None, width=10_000).removesuffix("\n...\n").strip()


def rettelser_fra(reports: list[TableReport]) -> list[Rettelsesforslag]:
    """A correction per problem `tjek --ret` may settle: sure ones with their live name, the others with their
    candidates."""
    out = []
    for r in reports:
        if r.meta is None:
            continue
        spec = catalogue.table(r.table)
        live = {h.id: h for d in r.meta.dimensions for h in d.hierarchies}
        dim_of = {h.id: d for d in r.meta.dimensions for h in d.hierarchies}
        used = {catalogue.rettelser().get(r.table, catalogue.Rettelse()).hierarkier.get(h.id, h.id) for h in spec.hierarchies}
        for p in r.problems:
            if p.kind == "vaerdi":
                h = spec.hierarchy(p.hierarchy)
                lh = live.get(catalogue.rettelser().get(r.table, catalogue.Rettelse()).hierarkier.get(h.id, h.id))
                names = [n for lv in (lh.levels.values() if lh else []) for vid, n in lv if vid != "/"]
                same = [n for n in dict.fromkeys(names) if _same(p.name, n)]
                out.append(Rettelsesforslag(r.table, "vaerdier", h.id, p.name, same[0] if len(same) == 1 else "",
                                            tuple(same or p.candidates)))
            elif p.kind == "maal":
                same = [g for g in r.mgroups if _same(p.name, g)]
                out.append(Rettelsesforslag(r.table, "maal", "", p.name, same[0] if len(same) == 1 else "",
                                            tuple(same or p.candidates)))
            elif p.kind == "hierarki":
                free = [hid for hid in live if hid not in used and hid not in AREA_HIERARCHIES
                        and not hid.startswith("_omr")]
                h = spec.hierarchy(p.hierarchy)
                by_dim = [hid for hid in free if dim_of[hid].id == h.id and len(dim_of[hid].hierarchies) == 1]
                if not by_dim:  # the one free hierarchy that holds the catalogue's values
                    def holds(hid):
                        names = {_norm(n) for lv in live[hid].levels.values() for _, n in lv}
                        return all(any(_same(v, n) for n in names) or _norm(v) in names for v in h.values)
                    by_dim = [hid for hid in free if h.values and holds(hid)]
                out.append(Rettelsesforslag(r.table, "hierarkier", "", h.id, by_dim[0] if len(by_dim) == 1 else "",
                                            tuple(by_dim or p.candidates)))
    return out


def skriv_rettelser(forslag: list[Rettelsesforslag]) -> list[Rettelsesforslag]:
    """Add the sure corrections to the data folder's corrections file (keeping what is there) and return them.
    Only names go in: never a key, never a URL."""
    from .filer import skriv_atomisk

    sikre = [f for f in forslag if f.live]
    if not sikre:
        return []
    sti = catalogue.rettelser_sti()
    eksisterende = {}
    if sti.exists():
        eksisterende = (yaml.safe_load(sti.read_text(encoding="utf-8")) or {}).get("tabeller") or {}
    for f in sikre:
        t = eksisterende.setdefault(f.table, {})
        if f.kind == "vaerdier":
            t.setdefault("vaerdier", {}).setdefault(f.hierarchy, {})[f.name] = f.live
        else:
            t.setdefault(f.kind, {})[f.name] = f.live
    from datetime import date

    hoved = (f"# Rettelser til lib/noegletal/catalogue.yml for denne datamappe, skrevet af `noegletal data tjek --ret`\n"
             f"# ({date.today().isoformat()}). Hver linje er 'katalogets navn: Jobindsats' navn'. Filen læses oven på\n"
             "# kataloget ved `data fetch`; briefs og bearbejdede data bruger fortsat katalogets navne.\n"
             "# Du må selv tilføje linjer her (`data tjek` viser de tvivlsomme med den præcise linje).\n")
    sti.parent.mkdir(parents=True, exist_ok=True)
    skriv_atomisk(sti, hoved + yaml.safe_dump({"tabeller": eksisterende}, allow_unicode=True, sort_keys=True,
                                              width=10_000))
    return sikre


def print_rettelser(forslag: list[Rettelsesforslag], skrevne: list[Rettelsesforslag], out=print) -> None:
    sti = catalogue.rettelser_sti()
    if skrevne:
        out(f"\n{len(skrevne)} sikre rettelse(r) skrevet i {sti}:")
        for f in skrevne:
            hvad = f"{f.hierarchy} " if f.hierarchy else ""
            out(f"  {f.table}: {f.kind} {hvad}'{f.name}' → '{f.live}'")
    tvivl = [f for f in forslag if not f.live]
    if tvivl:
        out(f"\n{len(tvivl)} rettelse(r) er ikke sikre og er ikke skrevet. Vælg selv, og skriv linjen i {sti}:")
        for f in tvivl:
            hvad = f"{f.hierarchy} " if f.hierarchy else ""
            kand = ", ".join(repr(c) for c in f.candidates) or "ingen nære navne"
            out(f"  {f.table}: {f.kind} {hvad}'{f.name}' — kandidater: {kand}. Linjen:")
            out("    " + f.linje().replace("\n", "\n    "))


# the monthly routine: which tables Jobindsats has updated since they were fetched -------------------------------

def opdateret(client: JobindsatsClient | None = None) -> dict[str, str]:
    """Each live table's `update_latest` from `/tables` (one call), by lower-case id."""
    client = client or JobindsatsClient()
    return {t["table_id"].lower(): str(t.get("update_latest") or "") for t in client.tables()}


def hentet(entries) -> dict[str, str]:
    """When each Jobindsats table's raw files were fetched (the latest of its files), real data only."""
    out: dict[str, str] = {}
    for e in entries:
        if e.source == "jobindsats" and not e.demo:
            out[e.table] = max(out.get(e.table, ""), e.retrieved_at)
    return out


def er_nyere(opdateret_: str, hentet_: str) -> bool | None:
    """Has the service updated a table since it was fetched? Compared by day, and the same day counts as newer
    (an update later that day is not missed). None: not known (no date from the service)."""
    if not hentet_:
        return True
    if not opdateret_:
        return None
    return opdateret_[:10] >= hentet_[:10]


def nye(specs, entries, client: JobindsatsClient | None = None) -> tuple[list, list[str]]:
    """`data fetch --nye`: (the tables to fetch, the Jobindsats tables left out as unchanged). A table never
    fetched, or whose update date is unknown, is fetched; other sources are always fetched (small)."""
    live = opdateret(client)
    har = hentet(entries)
    valgt, uaendret = [], []
    for s in specs:
        if s.source == "jobindsats" and er_nyere(live.get(s.id.lower(), ""), har.get(s.id, "")) is False:
            uaendret.append(s.id)
        else:
            valgt.append(s)
    return valgt, uaendret
