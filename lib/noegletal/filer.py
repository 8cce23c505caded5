"""Writing a file whole or not at all: through a temporary file in the same folder, then a rename, so a
reader (a mail client, a parallel batch, the overview page, the raw-data manifest) never sees half a file.

The temporary file is `.<name>.<random>.tmp` beside the target; a write that was killed outright leaves only
such a file, which `raw.ryd_op` and `kvittering.ryd_midlertidige` remove.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def skriv_atomisk(sti: Path, tekst: str) -> None:
    """Write text (UTF-8) atomically."""
    skriv_bytes_atomisk(sti, tekst.encode("utf-8"))


def skriv_bytes_atomisk(sti: Path, data: bytes) -> None:
    """As skriv_atomisk, for bytes (an xlsx, a PDF, a raw answer); the folder is made if it is missing."""
    sti.parent.mkdir(parents=True, exist_ok=True)
    os.replace(skriv_midlertidig(sti, data), sti)


def skriv_midlertidig(sti: Path, data: bytes) -> str:
    """`data` in a temporary file beside `sti` (same file system, so a rename puts it in place), flushed to
    disk and readable like any other output (mkstemp makes 0600; a brief is meant to be mailed on). On any
    failure the temporary file is removed and the error raised. For several files renamed together (raw.py)."""
    fd, tmp = tempfile.mkstemp(dir=sti.parent, prefix=f".{sti.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp
