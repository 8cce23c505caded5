"""Writing a file whole or not at all: through a temporary file in the same folder, then a rename, so a
reader (a mail client, a parallel batch, the overview page) never sees half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def skriv_atomisk(sti: Path, tekst: str) -> None:
    """Write text (UTF-8) atomically."""
    skriv_bytes_atomisk(sti, tekst.encode("utf-8"))


def skriv_bytes_atomisk(sti: Path, data: bytes) -> None:
    """As skriv_atomisk, for bytes (an xlsx, a PDF)."""
    fd, tmp = tempfile.mkstemp(dir=sti.parent, prefix=f".{sti.stem}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; a brief is meant to be read and mailed on
        os.replace(tmp, sti)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
