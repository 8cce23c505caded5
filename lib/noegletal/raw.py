"""The raw data store: exactly what a source sent, written atomically, listed in a manifest with checksums.

Layout: `data/raw/<source>/<table>/<part>.<ext>` and one `data/raw/manifest.json` with an entry per file:
url (never with a key), query, retrieval time, sha256, size, and whether the file is demo data.
Reading verifies size and checksum, so a half-downloaded or edited file is caught before it is parsed.

Writing is all or nothing (`write_many`): every file of a run is first written beside its place as a hidden
`.<name>.<random>.tmp`, and only when all of them and the new manifest are on disk are they renamed into place.
A run that fails (full disk, no permission, Ctrl-C, SIGTERM) removes its temp files again: the files and the
manifest stay as they were. What a killed run (SIGKILL, power cut) leaves behind is swept by the next run that
holds the data folder (`ryd_op`, see laas.datamappe).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import stat
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from . import config
from .errors import RaaDataFejl, fil_fejl
from .filer import skriv_bytes_atomisk, skriv_midlertidig
from .processed import MANIFEST, hent_igen

_SECRET_PARAMS = re.compile(r"(key|token|secret|password|auth)", re.I)


refetch_command = hent_igen  # the command that writes a raw file of this source again (one place: processed.py)


def strip_secrets(url: str) -> str:
    """Drop query parameters that could carry a key, and mask a user and password written into the URL
    (`https://user:pass@proxy/…` → `https://***@proxy/…`), so a manifest, log or message never holds one."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _SECRET_PARAMS.search(k)]
    if "@" in parts.netloc:
        parts = parts._replace(netloc="***@" + parts.netloc.rpartition("@")[2])
    return urlunsplit(parts._replace(query=urlencode(query, safe="*:(),")))


_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@'\"<>]+@")


def skjul_legitimation(text: str) -> str:
    """Mask a user and password written into any URL in a text (a message, a log line, a traceback)."""
    return _USERINFO.sub(r"\1***@", text)


def almindelig_fil(path: Path, hvad: str, igen: str) -> None:
    """Refuse, by name, a FIFO, device or socket where a file is read (reading one would wait forever)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # missing or unreadable: the read says so
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        slags = ("en navngiven pipe (FIFO)" if stat.S_ISFIFO(mode) else "en enhed" if stat.S_ISCHR(mode)
                 or stat.S_ISBLK(mode) else "en socket" if stat.S_ISSOCK(mode) else "ikke en almindelig fil")
        raise RaaDataFejl(f"{hvad} {path} er {slags}, ikke en almindelig fil, og læses ikke. {igen}")


@dataclass
class RawEntry:
    path: str  # relative to data/raw, with forward slashes
    source: str
    table: str
    url: str
    query: dict = field(default_factory=dict)
    retrieved_at: str = ""
    sha256: str = ""
    size: int = 0
    demo: bool = False
    format: str = ""  # e.g. "jobindsats-v3-json", "statbank-bulk", "egne-xlsx"
    # egne data (imported from the user's spreadsheet): the file's own name, who imported it, which sheet
    original_name: str = ""
    imported_by: str = ""
    sheet: str = ""
    # fetched data: which fetch of the table wrote the file (a later fetch wins a period both hold; 0 = before
    # history was kept, read as 1) and the periods the file holds (so a file a newer fetch covers is let go)
    hentning: int = 0
    perioder: list = field(default_factory=list)
    # Jobindsats: the live names in the answer → the catalogue's ({"maal": {…}, "<hierarchy id>": {…}}), and
    # the table's cuts that could not be fetched (each with why, the catalogue line and the nearest live names)
    navne: dict = field(default_factory=dict)
    mangler: list = field(default_factory=list)


@contextmanager
def _uden_signaler():
    """Hold SIGINT and SIGTERM back for a few renames, so an interrupt never leaves half of them done; a
    signal that came meanwhile is delivered right after."""
    signale = {signal.SIGINT, signal.SIGTERM}
    try:
        forrige = signal.pthread_sigmask(signal.SIG_BLOCK, signale)
    except (AttributeError, OSError, ValueError):
        forrige = None
    try:
        yield
    finally:
        if forrige is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, forrige)


def _mkdirs(folder: Path) -> list[Path]:
    """Make `folder` and its missing parents; return the ones made, outermost first (to remove on failure)."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    missing.reverse()
    for d in missing:
        d.mkdir(exist_ok=True)
    return missing


def ryd_op(data_dir: Path | None = None, foer: float | None = None) -> list[Path]:
    """Remove what runs that were killed left in a data folder: build staging (`data/.processed-*`) and temp
    files (`.*.tmp`) in data/raw and data/processed, if older than `foer` (default: now). Call it only while
    holding the data folder's lock (laas.datamappe), so no other run's work in progress is taken. Returns what
    was removed."""
    root = Path(data_dir or config.data_dir())
    foer = time.time() if foer is None else foer
    fundet = list(root.glob(".processed-*"))
    for under in ("raw", "processed"):
        if (root / under).is_dir():
            fundet += [p for p in (root / under).rglob(".*.tmp") if p.is_file()]
    fjernet = []
    for p in fundet:
        try:
            if p.lstat().st_mtime >= foer:
                continue
            shutil.rmtree(p) if p.is_dir() and not p.is_symlink() else p.unlink()
            fjernet.append(p)
        except OSError:  # gone already, or not ours to remove: the next run tries again
            pass
    return fjernet


class RawStore:
    """Read and write raw files under one root (default `data/raw`)."""

    def __init__(self, root: Path | None = None):
        self.root = Path(root) if root else config.raw_dir()

    # manifest -------------------------------------------------------------------------------
    @property
    def manifest_path(self) -> Path:
        return self.root / MANIFEST

    def entries(self) -> dict[str, RawEntry]:
        if not self.manifest_path.exists():
            return {}
        igen = "Hent rådata igen med `noegletal data demo` eller `noegletal data fetch`"
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
            return {k: RawEntry(**v) for k, v in data.get("files", {}).items()}
        except OSError as e:
            raise fil_fejl(e, self.manifest_path, handling="læses") from e
        except (ValueError, TypeError, AttributeError) as e:  # not JSON, not UTF-8, or not a manifest's shape
            raise RaaDataFejl(
                f"Manifestet {self.manifest_path} kan ikke læses ({type(e).__name__}: {e}). {igen}, eller "
                "genopbyg det fra filerne og deres checksummer med `noegletal data build --genopbyg-manifest`."
            ) from e

    def _save(self, entries: dict[str, RawEntry]) -> None:
        skriv_bytes_atomisk(self.manifest_path, self._manifest_bytes(entries))

    @staticmethod
    def _manifest_bytes(entries: dict[str, RawEntry]) -> bytes:
        payload = {"files": {k: asdict(v) for k, v in sorted(entries.items())}}
        return json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")

    # write ----------------------------------------------------------------------------------
    def write_many(self, files: list[tuple[RawEntry, bytes]], drop=None) -> list[RawEntry]:
        """Write several files and record them in one manifest update, all or nothing.

        `drop(entry)` names older entries to forget (and delete) in the same step, e.g. every demo file when a
        new demo is written. Each file goes to a temp file beside its place first; only when every file and
        the new manifest are written are they renamed into place, and only then are dropped files deleted. A
        failure on the way (full disk, no permission, Ctrl-C, SIGTERM) removes the temp files and the folders
        this call made: the store is exactly as before, and a FilFejl says so."""
        entries = self.entries()
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        staged: list[tuple[str, Path]] = []
        made: list[Path] = []
        path = self.root
        try:
            for entry, data in files:
                entry.url = strip_secrets(entry.url)
                entry.retrieved_at = entry.retrieved_at or now
                entry.sha256 = hashlib.sha256(data).hexdigest()
                entry.size = len(data)
                path = self.root / entry.path
                made += _mkdirs(path.parent)
                staged.append((skriv_midlertidig(path, data), path))
            new = {k: e for k, e in entries.items() if not (drop and drop(e))}
            new.update({e.path: e for e, _ in files})
            path = self.manifest_path
            made += _mkdirs(path.parent)
            staged.append((skriv_midlertidig(path, self._manifest_bytes(new)), path))
            with _uden_signaler():  # renames on one filesystem need no new space; Ctrl-C waits for the last
                for tmp, final in staged:
                    os.replace(tmp, final)
        except BaseException as e:
            for tmp, _ in staged:
                Path(tmp).unlink(missing_ok=True)
            for d in reversed(made):
                try:
                    d.rmdir()
                except OSError:
                    pass
            if isinstance(e, OSError):
                mb = sum(len(d) for _, d in files) / 1e6
                stoerrelse = f"Kørslen skal bruge ca. {mb:.0f} MB. " if mb >= 1 else ""
                raise fil_fejl(e, path, efterladt=(
                    f"{stoerrelse}Intet halvt skrevet er efterladt: de filer, denne kørsel nåede at skrive, er "
                    f"fjernet igen, og manifestet i {self.root} er uændret.")) from e
            raise
        written = {e.path for e, _ in files}
        for key in entries.keys() - new.keys() - written:
            try:
                (self.root / key).unlink(missing_ok=True)
            except OSError:  # forgotten by the manifest already; `data build --genopbyg-manifest` lists it
                pass
        return [e for e, _ in files]

    def write(self, entry: RawEntry, data: bytes) -> RawEntry:
        return self.write_many([(entry, data)])[0]

    def replace_table(self, source: str, table: str, files: list[tuple[RawEntry, bytes]]) -> list[RawEntry]:
        """Write a table's freshly fetched parts and forget the table's older parts (demo ones included, so
        real and demo rows never mix), in one step. Call it only after every part was fetched: a fetch that
        fails half-way never gets here, and the previous files stay as they were."""
        return self.write_many(files, drop=lambda e: e.source == source and e.table == table)

    def add_fetch(self, source: str, table: str, files: list[tuple[RawEntry, bytes]],
                  erstat: bool = False) -> list[RawEntry]:
        """Write a table's freshly fetched parts beside the ones held, in one step: a fetch never shrinks what
        is held. An older file whose periods the new fetch all holds is let go (and so is demo data); an older
        file with periods the new fetch lacks is kept, and where both hold a period the newer fetch wins at build
        (`hentning`, pipeline.parse_table). `erstat` (`data fetch --erstat`) lets every older file go. Call it
        only after every part was fetched, so a fetch that fails half-way leaves the held files as they were."""
        nye = {p for e, _ in files for p in e.perioder}  # an older file whose periods are not known is kept

        def foraeldet(e: RawEntry) -> bool:
            return e.source == source and e.table == table and (
                erstat or e.demo or (bool(e.perioder) and set(e.perioder) <= nye))

        beholdt = [e for e in self.entries().values() if e.source == source and e.table == table and not foraeldet(e)]
        nr = max((e.hentning or 1 for e in beholdt), default=0) + 1
        for e, _ in files:
            e.hentning = nr
            if nr > 1:  # a name of its own, so a kept file of an earlier fetch is never overwritten
                stem, dot, ext = e.path.rpartition(".")
                e.path = f"{stem}.h{nr}.{ext}" if dot else f"{e.path}.h{nr}"
        return self.write_many(files, drop=foraeldet)

    def remove_source(self, source: str, demo: bool | None = None) -> None:
        """Forget (and delete) the files of one source, e.g. before a new demo is written."""
        self._forget(lambda e: e.source == source and (demo is None or e.demo == demo))

    def _forget(self, drop) -> list[RawEntry]:
        """Forget the entries `drop` names, then delete their files: the manifest first, so it never lists a
        file that is gone (a file it no longer lists is only a leftover)."""
        entries = self.entries()
        gone = [e for e in entries.values() if drop(e)]
        if gone:
            try:
                self._save({k: e for k, e in entries.items() if not drop(e)})
            except OSError as err:
                raise fil_fejl(err, self.manifest_path, efterladt="Intet er slettet.") from err
            for e in gone:
                try:
                    (self.root / e.path).unlink(missing_ok=True)
                except OSError:
                    pass
        return gone

    # demo or real, never both ----------------------------------------------------------------
    def demo_tables(self) -> list[str]:
        """The tables that have demo files in this store."""
        return sorted({e.table for e in self.entries().values() if e.demo})

    def remove_demo(self) -> list[str]:
        """Forget (and delete) every demo file, of every source; returns the tables they belonged to."""
        return sorted({e.table for e in self._forget(lambda e: e.demo)})

    def refuse_demo(self, command: str, replace: bool = False) -> list[str]:
        """Before real or egne data are written: a data folder holds demo data or real data, never both.

        With `replace` (the command's --erstat-demo) the demo files are removed first and the command goes
        on; otherwise a folder with demo data stops the command with the two ways on. Returns the tables
        whose demo files were removed."""
        demo = self.demo_tables()
        if not demo:
            return []
        if replace:
            return self.remove_demo()
        shown = ", ".join(demo[:6]) + (f" og {len(demo) - 6} flere" if len(demo) > 6 else "")
        raise RaaDataFejl(
            f"Datamappen {self.root.parent} indeholder demodata ({shown}), og demodata og rigtige data blandes "
            f"aldrig. Vælg en af to veje: `{command} --erstat-demo` sletter demodata først og fortsætter; eller "
            f"brug en anden datamappe til de rigtige data, fx `NOEGLETAL_DATA=$HOME/noegletal-data {command}`."
        )

    # read -----------------------------------------------------------------------------------
    def read(self, entry: RawEntry) -> bytes:
        """The file's bytes, after checking size and sha256 against the manifest."""
        path = self.root / entry.path
        again = refetch_command(entry.source, entry.demo, entry.table, entry.original_name)
        if not path.exists():
            raise RaaDataFejl(f"Rådatafilen {path} mangler, selv om manifestet nævner den. Hent den igen med `{again}`.")
        almindelig_fil(path, "Rådatafilen", f"Slet den, og hent den igen med `{again}`.")
        try:
            data = path.read_bytes()
        except OSError as e:
            raise fil_fejl(e, path, handling="læses", efterladt=f"Du kan også hente den igen med `{again}`.",
                           igen="noegletal data build") from e
        if len(data) != entry.size or hashlib.sha256(data).hexdigest() != entry.sha256:
            raise RaaDataFejl(
                f"Rådatafilen {path} er beskadiget eller kun delvist hentet "
                f"({len(data)} af {entry.size} bytes, eller checksummen passer ikke). "
                f"Hent den igen med `{again}`, og byg derefter med `noegletal data build`."
            )
        return data


# --- a lost manifest -------------------------------------------------------------------------------------
# The formats a file of each source can have, by extension (the manifest's `format`).
_FORMATER = {("jobindsats", ".json"): "jobindsats-v3-json", ("jobindsats", ".csv"): "jobindsats-v3-csv",
             ("statbank", ".csv"): "statbank-bulk", ("egne", ".csv"): "egne-csv", ("egne", ".xlsx"): "egne-xlsx",
             ("egne", ".xlsm"): "egne-xlsx"}
DEMO_EGNE_NAVN = "demodata.csv"  # the demo's egne-data file (sources/demo/write.py)


def filer(root: Path) -> list[str]:
    """The data files under a raw folder (relative, with forward slashes): no manifest, no hidden or temp file."""
    root = Path(root)
    if not root.is_dir():
        return []
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*")
                  if p.is_file() and p.name != MANIFEST and not any(d.startswith(".") for d in p.relative_to(root).parts))


def uden_manifest(store: RawStore) -> list[str]:
    """Data files under the store that its manifest does not list (all of them when the manifest is gone)."""
    kendte = set(store.entries())
    return [f for f in filer(store.root) if f not in kendte]


@dataclass
class Genopbygning:
    """What `genopbyg_manifest` did: the entries it wrote, and the files it could not place, with why."""

    entries: list[RawEntry]
    ikke_placeret: list[tuple[str, str]]
    noter: list[str]


def genopbyg_manifest(store: RawStore, processed: dict | None = None) -> Genopbygning:
    """Rebuild a lost (or damaged) raw manifest from the files under the store and their checksums.

    A file `<source>/<table>/<name>` gets its table from its folder (a catalogue table of that source) and its
    format from source and extension. Whether it is demo data, and when it was retrieved, comes from the
    processed data's manifest when the file's sha256 is among the table's `raw_sha256` there (the last build
    read exactly this file); otherwise from the demo's own marks (`egne/<table>/demodata.csv` is demo); otherwise
    from the other files, since a data folder never holds demo and real data together. A file none of these
    place is left out of the manifest, on disk, and listed with the reason. The old manifest, if any, is
    replaced in one atomic write."""
    from . import catalogue

    tabeller = catalogue.tables()
    by_sha = {}
    for tid, info in ((processed or {}).get("tables") or {}).items():
        for sha in info.get("raw_sha256", []) if isinstance(info, dict) else []:
            by_sha[sha] = (tid, info)
    placeret: list[tuple[RawEntry, bool]] = []  # (entry, demo decided by evidence)
    ikke: list[tuple[str, str]] = []
    noter: list[str] = []
    for rel in filer(store.root):
        dele = rel.split("/")
        if len(dele) != 3:
            ikke.append((rel, "ligger ikke som <kilde>/<tabel>/<fil>"))
            continue
        source, table, name = dele
        spec = tabeller.get(table) or next((s for t, s in tabeller.items() if t.lower() == table.lower()), None)
        if spec is None or spec.source != source:
            ikke.append((rel, f"'{table}' er ikke en tabel fra {source} i kataloget"))
            continue
        fmt = _FORMATER.get((source, Path(name).suffix.lower()))
        if fmt is None:
            ikke.append((rel, f"ukendt filtype '{Path(name).suffix}' for {source}"))
            continue
        try:
            data = (store.root / rel).read_bytes()
        except OSError as e:
            ikke.append((rel, f"kan ikke læses ({e.strerror})"))
            continue
        sha = hashlib.sha256(data).hexdigest()
        entry = RawEntry(path=rel, source=source, table=spec.id, url="", sha256=sha, size=len(data), format=fmt,
                         query={"manifest": "genopbygget"},
                         retrieved_at=datetime.fromtimestamp((store.root / rel).stat().st_mtime, timezone.utc)
                         .isoformat(timespec="seconds"))
        if source == "egne":
            entry.original_name = name
        elif m := re.search(r"\.h(\d+)\.[^.]+$", name):  # a later fetch's file (RawStore.add_fetch)
            entry.hentning = int(m.group(1))
        kendt = by_sha.get(sha)
        if kendt and kendt[0] == spec.id:
            info = kendt[1]
            entry.demo = bool(info.get("demo"))
            entry.retrieved_at = info.get("imported_at") or info.get("retrieved_at") or entry.retrieved_at
            entry.imported_by = info.get("imported_by", "") if source == "egne" else ""
            placeret.append((entry, True))
        elif source == "egne" and name == DEMO_EGNE_NAVN:
            entry.demo = True
            placeret.append((entry, True))
        else:
            placeret.append((entry, False))
    demo_vidst = {e.demo for e, vidst in placeret if vidst}
    entries = []
    for e, vidst in placeret:
        if not vidst:
            if len(demo_vidst) != 1:
                ikke.append((e.path, "ingen checksum i de bearbejdede data at kende den på, og de øvrige filer "
                             "siger ikke, om mappen har demodata eller rigtige data"))
                continue
            e.demo = demo_vidst == {True}
        if e.demo:
            e.url = f"demo:{e.source}/{e.table}"
        if e.format == "egne-xlsx" and not e.demo:
            noter.append(f"{e.path}: arket er ikke kendt; det første ark læses (importér filen igen med --ark, "
                         "hvis det er et andet).")
        entries.append(e)
    if entries or store.manifest_path.exists():
        try:
            store._save({e.path: e for e in entries})
        except OSError as err:
            raise fil_fejl(err, store.manifest_path, efterladt="Manifestet er ikke ændret.") from err
    return Genopbygning(entries, ikke, noter)
