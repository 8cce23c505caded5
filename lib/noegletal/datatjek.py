"""`noegletal data tjek` and `noegletal data tabeller`: the catalogue against the live Jobindsats, no data.

The first commands a user with a key runs. `tjek` reads `/tables` once and `/table/{id}` for every catalogue
table, and reports per table what the catalogue asks for and whether the live table has it, then the
catalogue lines to change. It downloads no data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import catalogue
from .errors import ApiFejl, ManglendeNoegle, TjenesteNede
from .sources.jobindsats import JobindsatsClient
from .sources.jobindsats_match import Check, Problem, match


@dataclass
class TableReport:
    table: str
    found: bool
    areas: str = ""
    periods: str = ""
    checks: list[Check] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    error: str = ""


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
        m = match(spec, meta, info.get("mgroups") or None)
        reports.append(TableReport(spec.id, True, ", ".join(m.areas) or "–",
                                   f"{m.first}–{m.last}" if m.first else "–", m.checks, m.problems))
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
    out(f"\n{len(problems)} forskel(le) — ret i lib/noegletal/catalogue.yml:")
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
