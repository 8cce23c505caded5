"""raw → processed: every processed table is a pure function of data/raw and the code.

`build()` parses each catalogue table's raw files, checks them (see checks.py) and writes one tidy parquet
per table plus `data/processed/manifest.json` (where each table came from, demo or not, and when).
It builds into a temporary folder and swaps it in only when every table passed, so a failed build leaves
the previous processed data as it was; the temporary folder is removed on every way out (an error, a full disk,
Ctrl-C, SIGTERM via laas.afbryd_ved_sigterm), and what a killed build left is swept by the next (raw.ryd_op).
A build holds the data folder's lock (laas.py), so two builds never swap in at the same time.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd
from tqdm import tqdm

from . import catalogue, checks, config, laas
from .errors import FilFejl, ManglendeData, NoegletalFejl, RaaDataFejl, fil_fejl
from .periods import huller
from .processed import (  # noqa: F401
    DISKRETIONERET,
    MANGLER,
    MANIFEST,
    OK,
    processed_manifest,
    table_path,
)
from .raw import RawEntry, RawStore, refetch_command, ryd_op, uden_manifest
from .sources import PARSERS
from .sources.formats import slug, to_tidy
from .sources.jobindsats import UOPLYST_OMRAADE


@dataclass
class TableResult:
    table: str
    rows: int
    demo: bool
    retrieved_at: str
    unknown_areas: list[str]
    huller: list[str] = None  # periods with no rows inside the table's span (see periods.huller)


def parse_table(spec: catalogue.TableSpec, store: RawStore, entries: list[RawEntry]) -> pd.DataFrame:
    """All raw parts of one table → one tidy frame.

    A row that arrives in more than one answer (Hele landet in both the kommune and the region answer, the
    all-totals row in every cut) is kept once; if the answers disagree, the key check says so. Files of several
    fetches (a later `data fetch --fra` keeps the earlier months): a period is taken whole from the newest
    fetch that holds it, so a revised month replaces the old one."""
    frames, hentninger = [], []
    for e in sorted(entries, key=lambda e: e.path):
        parser = PARSERS.get(e.format)
        if parser is None:
            raise RaaDataFejl(f"Rådatafilen {e.path} har et ukendt format '{e.format}'.")
        sheet = {"sheet": e.sheet} if e.sheet else {}  # egne data: the sheet of a workbook the user chose
        raw = store.read(e)
        try:
            wide = _as_catalogued(parser(raw, spec.id, **sheet), spec, e.path, e.navne)
            frames.append(
                to_tidy(wide, area_col=spec.area_col, period_col=spec.period_col, measures=list(spec.measures),
                        dimensions=spec.columns, table=spec.id)
            )
            hentninger.append(e.hentning or 1)
        except Exception as err:  # the checksum matched, so the file is as received: say which file it is
            raise _fil_kan_ikke_laeses(store, e, err) from err
    if len(set(hentninger)) > 1:
        frames = _nyeste_hentning(frames, hentninger)
    df = pd.concat(frames, ignore_index=True)
    if len(frames) > 1:
        df = df.drop_duplicates(ignore_index=True)
    if spec.measure_dimension:
        col = spec.columns.get(spec.measure_dimension) or slug(spec.measure_dimension)
        if spec.measure_ranges:
            df = sum_ranges(df, col, spec.measure_ranges, spec.id)
        unknown = set(df[col].unique()) - set(spec.measure_labels)
        if unknown:
            raise RaaDataFejl(f"Tabel {spec.id}: ukendte værdier {sorted(unknown)} i {spec.measure_dimension}; tilføj dem i catalogue.yml.")
        df["maal"] = df[col].map(spec.measure_labels)
        df = df.drop(columns=col)
    return df.sort_values(["omraade_kode", "periode", "maal"], kind="stable").reset_index(drop=True)


def _nyeste_hentning(frames: list[pd.DataFrame], hentninger: list[int]) -> list[pd.DataFrame]:
    """Each period's rows from the newest fetch that holds the period; older fetches keep the other periods."""
    nyeste: dict[str, int] = {}
    for f, nr in zip(frames, hentninger):
        for p in f["periode"].unique():
            nyeste[p] = max(nyeste.get(p, 0), nr)
    return [f[f["periode"].map(nyeste) == nr] for f, nr in zip(frames, hentninger)]


def _fil_kan_ikke_laeses(store: RawStore, e: RawEntry, err: Exception) -> NoegletalFejl:
    """A raw file that passed its checksum but cannot be parsed: the message names the file (not only the table)
    and the command that gets it again."""
    sti = store.root / e.path
    tekst = str(err)
    if isinstance(err, NoegletalFejl) and (e.path in tekst or str(sti) in tekst):
        return err
    igen = refetch_command(e.source, e.demo, e.table, e.original_name)
    hvad = (tekst if isinstance(err, NoegletalFejl) else f"{type(err).__name__}: {tekst[:300]}").rstrip(". ")
    return RaaDataFejl(
        f"Rådatafilen {sti} (tabel {e.table}) kan ikke læses: {hvad}. Filen er, som den blev modtaget "
        f"(checksummen passer), men indholdet er ikke {e.format}. Hent den igen med `{igen}`, og byg derefter "
        "med `noegletal data build`."
    )


def _as_catalogued(wide: pd.DataFrame, spec: catalogue.TableSpec, path: str, navne: dict | None = None) -> pd.DataFrame:
    """Jobindsats v3 names a measure of a group with several measures "<group>: <measure>", and the header
    of a dimension column is not in the table's metadata. Measures are matched on their own name; a
    dimension column whose header the catalogue does not know is matched on its values.

    `navne` (recorded by the fetch) maps the live names to the catalogue's: a hierarchy's root (its total,
    whatever Jobindsats calls it) and corrected value and measure names, so the processed data keep the
    catalogue's labels. A catalogue hierarchy the answer has no column for was not asked (the live table
    lacks it): the answer is at its total [seen], and the column is added as the catalogue's total."""
    if spec.source != "jobindsats":
        return wide
    navne = navne or {}
    maal = navne.get("maal") or {}
    renames = {}
    for col in wide.columns:
        own = col.rsplit(": ", 1)[1] if ": " in col and col not in spec.measures else col
        own = maal.get(own, own)
        if own != col and own in spec.measures and own not in wide.columns:
            renames[col] = own
    wide = wide.rename(columns=renames)
    live = {h.id: navne.get(h.id) or {} for h in spec.hierarchies}  # hierarchy id → {live name: catalogue name}
    known = {spec.area_col, spec.period_col, *spec.measures}
    unplaced = [c for c in wide.columns if c not in known]
    placed: dict[str, catalogue.Hierarchy] = {}
    for col in list(unplaced):  # a header the catalogue knows, whose values fit
        h = next((h for h in spec.hierarchies if h.label == col), None)
        seen = set(wide[col].dropna().astype(str))
        if h is not None and seen <= set(h.names) | set(live[h.id]):
            placed[col] = h
            unplaced.remove(col)
    roots_only = []
    for col in unplaced:  # by its values: the live names the fetch recorded, or the catalogue's
        seen = set(wide[col].dropna().astype(str))
        fits = [h for h in spec.hierarchies if h not in placed.values()
                and seen <= (set(live[h.id]) | (set(h.names) - set(live[h.id].values())))]
        if len(fits) == 1:
            placed[col] = fits[0]
        elif len(fits) > 1 and all(all(live[h.id].get(v, v) == h.total for v in seen) for h in fits):
            roots_only.append((col, fits))  # only totals, named alike: which is which makes no difference
        else:
            raise RaaDataFejl(
                f"Tabel {spec.id}: kolonnen '{col}' i {path} er hverken et mål eller en dimension, kataloget kender "
                f"(værdier fx {sorted(seen)[:4]}). Kør `noegletal data tjek`, og ret tabellen i "
                f"{catalogue.location(spec.id)}."
            )
    for col, fits in roots_only:
        placed[col] = next(h for h in fits if h not in placed.values())
    out = wide.rename(columns={col: h.label for col, h in placed.items()})
    for col, h in placed.items():
        if live[h.id]:
            out[h.label] = out[h.label].map(lambda v, m=live[h.id]: m.get(v, v) if isinstance(v, str) else v)
    for h in spec.hierarchies:
        if h.label not in out.columns:
            out[h.label] = h.total
    return out


def sum_ranges(df: pd.DataFrame, col: str, ranges: dict[str, list], table: str = "") -> pd.DataFrame:
    """Rows whose `col` is a whole number (a 1-year age) summed into one row per range code; other rows kept.

    A range sum is only a number when every code in the range is there with a value: a missing or suppressed
    age makes the group missing (status 'diskretioneret' if any part was), never a too-small number. An open
    range (upper end None) runs to the highest code in the table.
    """
    tal = pd.to_numeric(df[col], errors="coerce")
    enkelt = tal.notna() & (tal == tal.round())
    if not enkelt.any():
        return df
    aldre = df[enkelt].assign(_tal=tal[enkelt].astype(int), _diskr=df.loc[enkelt, "status"] == DISKRETIONERET)
    noegler = [c for c in df.columns if c not in (col, "vaerdi", "status")]
    dobbelt = aldre.duplicated([*noegler, "_tal"])
    if dobbelt.any():
        r = aldre[dobbelt].iloc[0]
        raise RaaDataFejl(f"Tabel {table}: {col} {r[col]} står flere gange for {r['omraade']} {r['periode']}; "
                          "rådata er forkerte eller dobbelt hentet. Hent tabellen igen.")
    oeverst = int(aldre["_tal"].max())
    dele = [df[~enkelt]]
    for kode, (lav, hoej) in ranges.items():
        hoej = oeverst if hoej is None else int(hoej)
        g = aldre[aldre["_tal"].between(int(lav), hoej)].groupby(noegler, sort=False, dropna=False)
        sum_ = g.agg(vaerdi=("vaerdi", "sum"), med_vaerdi=("vaerdi", "count"), aldre=("_tal", "nunique"),
                     diskr=("_diskr", "any")).reset_index()
        hel = (sum_["med_vaerdi"] == hoej - lav + 1) & (sum_["aldre"] == hoej - lav + 1)
        sum_["vaerdi"] = sum_["vaerdi"].where(hel)
        sum_["status"] = np.where(hel, OK, np.where(sum_["diskr"], DISKRETIONERET, MANGLER))
        sum_[col] = kode
        dele.append(sum_[[*noegler, col, "vaerdi", "status"]])
    return pd.concat(dele, ignore_index=True)[list(df.columns)]


def build(store: RawStore | None = None, out_dir: Path | None = None, progress: bool = False) -> list[TableResult]:
    """Rebuild every processed table from raw. Raises before touching out_dir if anything fails."""
    store = store or RawStore()
    out_dir = Path(out_dir or config.processed_dir())
    with laas.laas(out_dir.parent, "noegletal data build", hvad="Datamappen"):  # staging lives there too
        ryd_op(out_dir.parent)
        return _build(store, out_dir, progress)


def _build(store: RawStore, out_dir: Path, progress: bool) -> list[TableResult]:
    by_table: dict[str, list[RawEntry]] = defaultdict(list)
    for e in store.entries().values():
        by_table[e.table].append(e)
    if not by_table:
        loese = uden_manifest(store)
        if loese:
            raise RaaDataFejl(
                f"Manifestet {store.manifest_path} mangler eller er tomt, men der ligger {len(loese)} rådatafil(er) "
                f"i {store.root} (fx {loese[0]}). Genopbyg manifestet fra filerne og deres checksummer med "
                "`noegletal data build --genopbyg-manifest`, eller hent rådata igen med `noegletal data demo` "
                "eller `noegletal data fetch`."
            )
        raise ManglendeData(
            f"Der er ingen rådata i {store.root}. Kør `noegletal data demo` for demodata "
            "eller `noegletal data fetch` for rigtige data (kræver JOBINDSATS_API_KEY)."
        )
    unknown_tables = sorted(set(by_table) - set(catalogue.tables()))
    if unknown_tables:
        raise RaaDataFejl(f"Rådata indeholder tabeller, som kataloget ikke kender: {unknown_tables}. Tilføj dem i catalogue.yml.")

    bevaret = (f"De tidligere bearbejdede data i {out_dir} er bevaret, og byggemappen er fjernet."
               if (out_dir / MANIFEST).exists() else "Byggemappen er fjernet; der er ingen bearbejdede data endnu.")
    staging = fremdrift = None
    sti = out_dir.parent
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".processed-", dir=out_dir.parent))
        results = []
        items = sorted(by_table.items())
        fremdrift = tqdm(items, desc="Bygger tabeller", unit="tabel", disable=not progress)
        for table_id, entries in fremdrift:
            spec = catalogue.table(table_id)
            df = parse_table(spec, store, entries)
            for check in checks.ALL_CHECKS:  # egne data hold the areas the user has, not every kommune
                if not (spec.source == "egne" and check is checks.all_kommuner_present):
                    check(spec, df)
            sti = table_path(table_id, out_dir)  # named in a message as where it was meant to go
            # One row group: a reader gets each column in one piece and need not join them (data._read).
            df.to_parquet(table_path(table_id, staging), index=False, row_group_size=max(len(df), 1))
            results.append(
                TableResult(
                    table=table_id,
                    rows=len(df),
                    demo=any(e.demo for e in entries),
                    retrieved_at=max(e.retrieved_at for e in entries),
                    unknown_areas=sorted(set(df.loc[df["niveau"] == "andet", "omraade"]) - {UOPLYST_OMRAADE}),
                    huller=huller(df["periode"].unique()),
                )
            )
        manifest = {
            "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "tables": {
                r.table: {
                    "source": catalogue.table(r.table).source,
                    "rows": r.rows,
                    "demo": r.demo,
                    "retrieved_at": r.retrieved_at,
                    "raw_sha256": sorted(e.sha256 for e in by_table[r.table]),
                    "unknown_areas": r.unknown_areas,
                    **_jobindsats_info(by_table[r.table]),
                    **(_egne_info(by_table[r.table]) if catalogue.table(r.table).source == "egne" else {}),
                }
                for r in results
            },
        }
        sti = out_dir / MANIFEST
        (staging / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        sti = out_dir
        _swap_in(staging, out_dir)
    except FilFejl as e:
        e.efterladt = " ".join(t for t in (e.efterladt, bevaret) if t)
        raise
    except OSError as e:
        if staging is not None and str(staging) in str(e.filename or ""):  # name the data folder, not staging
            e.filename = None
        raise fil_fejl(e, sti, efterladt=bevaret, igen="noegletal data build") from e
    finally:
        if fremdrift is not None:
            fremdrift.close()  # an error message then starts on a line of its own
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    return results


def _jobindsats_info(entries: list[RawEntry]) -> dict:
    """The cuts a fetch could not get (`mangler`, for `data status` and a brief's box) and the data folder's
    corrections it used (`rettelser`, for the stamp). Nothing when there are none."""
    seneste = max(entries, key=lambda e: e.retrieved_at)  # the latest fetch says what is missing now
    mangler = list(seneste.mangler or [])
    rettelser = sorted((seneste.navne or {}).get("rettelser", []))
    return {**({"mangler": mangler} if mangler else {}), **({"rettelser": rettelser} if rettelser else {})}


def _egne_info(entries: list[RawEntry]) -> dict:
    """For an egne-data table: the file(s) the user imported, when and by whom (for the 'Kilde' line and
    `data status`)."""
    return {
        "original_name": ", ".join(sorted({e.original_name or Path(e.path).name for e in entries})),
        "imported_at": max(e.retrieved_at for e in entries),
        "imported_by": ", ".join(sorted({e.imported_by for e in entries if e.imported_by})),
    }


def _swap_in(staging: Path, out_dir: Path) -> None:
    """Replace out_dir's tables and manifest by staging's, keeping other files (e.g. .gitkeep)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in list(out_dir.glob("*.parquet")) + [out_dir / MANIFEST]:
        if old.exists() and not (staging / old.name).exists():
            old.unlink()
    for new in staging.iterdir():
        new.replace(out_dir / new.name)


