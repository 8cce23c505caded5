"""Writing a file whole or not at all: through a temporary file in the same folder, then a rename, so a
reader (a mail client, a parallel batch, the overview page, the raw-data manifest) never sees half a file.
A write that fails (a full disk, a read-only folder, a folder where the file should be) removes its temporary
file and raises the OSError with the target's path, so the message names the file the user asked for.

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
    try:
        sti.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise _med_sti(e, sti.parent) from e
    tmp = skriv_midlertidig(sti, data)
    try:
        os.replace(tmp, sti)
    except BaseException as e:  # a folder in the file's place, a vanished folder, Ctrl-C: no temporary file left
        Path(tmp).unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise _med_sti(e, sti) from e
        raise


def skriv_midlertidig(sti: Path, data: bytes) -> str:
    """`data` in a temporary file beside `sti` (same file system, so a rename puts it in place), flushed to
    disk and readable like any other output (mkstemp makes 0600; a brief is meant to be mailed on). On any
    failure the temporary file is removed and the error raised. For several files renamed together (raw.py)."""
    try:
        fd, tmp = tempfile.mkstemp(dir=sti.parent, prefix=f".{sti.name}.", suffix=".tmp")
    except OSError as e:  # read-only, no access: about the target, not the temporary name
        raise _med_sti(e, sti) from e
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
    except BaseException as e:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise _med_sti(e, sti) from e
        raise
    return tmp


def _med_sti(e: OSError, sti: Path) -> OSError:
    """The same error (same class and errno) naming `sti` instead of a temporary file, or no file at all."""
    if e.errno is None:
        return e
    ny = type(e)(e.errno, e.strerror, str(sti))
    ny.__traceback__ = e.__traceback__
    return ny
