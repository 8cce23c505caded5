"""The raw data store: exactly what a source sent, written atomically, listed in a manifest with checksums.

Layout: `data/raw/<source>/<table>/<part>.<ext>` and one `data/raw/manifest.json` with an entry per file:
url (never with a key), query, retrieval time, sha256, size, and whether the file is demo data.
Reading verifies size and checksum, so a half-downloaded or edited file is caught before it is parsed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from . import config
from .errors import RaaDataFejl

MANIFEST = "manifest.json"
_SECRET_PARAMS = re.compile(r"(key|token|secret|password|auth)", re.I)


def refetch_command(source: str, demo: bool, table: str = "", name: str = "") -> str:
    """The command that writes a raw file of this source again (egne data: import the file again)."""
    if demo:
        return "noegletal data demo"
    if source == "egne":
        return f"noegletal data importer {name or 'FIL'} --tabel {table or 'TABEL'}"
    return f"noegletal data fetch --source {source}"


def strip_secrets(url: str) -> str:
    """Drop query parameters that could carry a key, so a manifest or log never holds one."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _SECRET_PARAMS.search(k)]
    return urlunsplit(parts._replace(query=urlencode(query, safe="*:(),")))


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


def _atomic_write(path: Path, data: bytes) -> None:
    """Write to a temp file in the same folder and rename, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            raise RaaDataFejl(
                f"Manifestet {self.manifest_path} kan ikke læses ({e}). "
                "Hent rådata igen med `noegletal data demo` eller `noegletal data fetch`."
            ) from e
        return {k: RawEntry(**v) for k, v in data.get("files", {}).items()}

    def _save(self, entries: dict[str, RawEntry]) -> None:
        payload = {"files": {k: asdict(v) for k, v in sorted(entries.items())}}
        _atomic_write(self.manifest_path, json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8"))

    # write ----------------------------------------------------------------------------------
    def write_many(self, files: list[tuple[RawEntry, bytes]]) -> list[RawEntry]:
        """Write several files and record them in one manifest update."""
        entries = self.entries()
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        for entry, data in files:
            entry.url = strip_secrets(entry.url)
            entry.retrieved_at = entry.retrieved_at or now
            entry.sha256 = hashlib.sha256(data).hexdigest()
            entry.size = len(data)
            _atomic_write(self.root / entry.path, data)
            entries[entry.path] = entry
        self._save(entries)
        return [e for e, _ in files]

    def write(self, entry: RawEntry, data: bytes) -> RawEntry:
        return self.write_many([(entry, data)])[0]

    def replace_table(self, source: str, table: str, files: list[tuple[RawEntry, bytes]]) -> list[RawEntry]:
        """Write a table's freshly fetched parts, then forget the table's older parts (demo ones included,
        so real and demo rows never mix). Call it only after every part was fetched: a fetch that fails
        half-way never gets here, and the previous files stay as they were."""
        written = self.write_many(files)
        keep = {e.path for e in written}
        entries = self.entries()
        stale = [k for k, e in entries.items() if e.source == source and e.table == table and k not in keep]
        for key in stale:
            (self.root / key).unlink(missing_ok=True)
            del entries[key]
        if stale:
            self._save(entries)
        return written

    def remove_source(self, source: str, demo: bool | None = None) -> None:
        """Forget (and delete) the files of one source, e.g. before a new demo is written."""
        entries = self.entries()
        for key, e in list(entries.items()):
            if e.source == source and (demo is None or e.demo == demo):
                (self.root / key).unlink(missing_ok=True)
                del entries[key]
        self._save(entries)

    # demo or real, never both ----------------------------------------------------------------
    def demo_tables(self) -> list[str]:
        """The tables that have demo files in this store."""
        return sorted({e.table for e in self.entries().values() if e.demo})

    def remove_demo(self) -> list[str]:
        """Forget (and delete) every demo file, of every source; returns the tables they belonged to."""
        tables = self.demo_tables()
        entries = self.entries()
        for key, e in list(entries.items()):
            if e.demo:
                (self.root / key).unlink(missing_ok=True)
                del entries[key]
        if tables:
            self._save(entries)
        return tables

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
        data = path.read_bytes()
        if len(data) != entry.size or hashlib.sha256(data).hexdigest() != entry.sha256:
            raise RaaDataFejl(
                f"Rådatafilen {path} er beskadiget eller kun delvist hentet "
                f"({len(data)} af {entry.size} bytes, eller checksummen passer ikke). "
                f"Hent den igen med `{again}`, og byg derefter med `noegletal data build`."
            )
        return data
