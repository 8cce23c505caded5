"""Errors that reach a user. Every message is Danish and says what to do next."""


EKKO_MAKS = 80  # characters of a user's argument a message echoes back


def ekko(tekst, maks: int | None = EKKO_MAKS) -> str:
    """A user's argument as a message may echo it: control characters (ESC, newline, a bidi override, …) shown
    as escapes, so a terminal never runs them, and at most `maks` characters, then '…' and the length. The one
    place every message that repeats user input goes through."""
    import unicodedata

    tekst, ud, laengde = str(tekst), [], 0
    for c in tekst:
        if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") and c != "\u200d":  # a joiner is part of a letter
            c = c.encode("unicode_escape").decode("ascii")
        if maks is not None and laengde + len(c) > maks:
            ud.append(f"… ({len(tekst):,} tegn i alt)".replace(",", "."))
            break
        ud.append(c)
        laengde += len(c)
    return "".join(ud)


class NoegletalFejl(Exception):
    """Base class: a problem the user can act on. `str(err)` is the Danish message."""


class UkendtOmraade(NoegletalFejl, LookupError):
    """A kommune, region or jobcenter name or code we do not know."""


class UgyldigPeriode(NoegletalFejl, ValueError):
    """A period string we cannot read, or a period outside the data."""


class ManglendeData(NoegletalFejl):
    """The processed data (or a part of it) is not there, or has no rows for what was asked."""


class UerklaeretIndikator(ManglendeData):
    """A brief read an indicator its theme did not declare (`TEMA.indikatorer`): its stamp and fingerprint
    would leave that data out, so the brief stops at the read."""
class ManglendeOpdeling(ManglendeData):
    """A brief asks for a breakdown (a cut) that `data fetch` could not get: its names were not in the live
    table. The rest of the table is there; a block that needs the breakdown shows a box instead."""

    def __init__(self, tekst: str, table: str = "", opdeling: str = ""):
        super().__init__(tekst)
        self.table, self.opdeling = table, opdeling


class RaaDataFejl(NoegletalFejl):
    """A raw file is missing, corrupt or half-written."""


class ApiFejl(NoegletalFejl):
    """A source API answered with an error, or not at all."""


class TjenesteNede(ApiFejl):
    """A source could not be reached, did not answer in time, or answered 5xx after every try: the next
    table will not fare better, so a fetch stops here."""


class ManglendeNoegle(ApiFejl):
    """No Jobindsats API key in the environment, or the key was refused."""


class DatakontrolFejl(NoegletalFejl):
    """A sanity check on processed data failed; the message names the table and the rows."""


class UgyldigParameter(NoegletalFejl, ValueError):
    """A notebook or command-line parameter outside what is valid."""


class BriefFejl(NoegletalFejl):
    """A brief could not be made: its notebook failed, or its HTML did not pass the e-mail check.

    `notesbog` is the executed notebook kept for inspection (or None), `ename`/`evalue` the notebook's error.
    """

    def __init__(self, besked: str, *, notesbog=None, ename: str | None = None, evalue: str | None = None):
        super().__init__(besked)
        self.notesbog = notesbog
        self.ename = ename
        self.evalue = evalue


class KommentarFejl(NoegletalFejl, ValueError):
    """A comment file (the analyst's own words, see noegletal.kommentarer) cannot be read or does not fit
    the brief: unknown front-matter key, a block id the brief does not have, …; the message says where."""


class DokumentFejl(KommentarFejl):
    """A dokument.yml (the report's shape, see noegletal.dokument) cannot be read or does not fit the report;
    the message names the line."""


class PdfFejl(NoegletalFejl):
    """A PDF could not be made (no browser, or the browser failed). The HTML brief is not affected."""


class BeskadigetData(NoegletalFejl):
    """Processed data that cannot be read: a truncated or overwritten parquet, a damaged manifest. The message
    names the file and says `noegletal data build`. Deliberately not a ManglendeData: a damaged table must stop
    a brief, never be shown as a block without data."""


class Optaget(NoegletalFejl):
    """A folder is in use by another run (see noegletal.laas): the message says which command holds it, its pid
    and since when."""


class Afbrudt(KeyboardInterrupt):
    """SIGTERM (timeout, cron, systemd) turned into the same path as Ctrl-C: `finally` blocks run and staging is
    removed. `signum` is the signal; the command line exits with 128 + signum."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


class FilFejl(NoegletalFejl):
    """A file or folder could not be read or written: the disk is full, no permission, a read-only filesystem.

    Made from the OSError with `fil_fejl()`. `igen` is the command to run again once the cause is fixed; the
    command line fills it in with the command as typed when the code that raised did not know it. `efterladt`
    says what the failed run left behind (normally: nothing). The command line's exit code for a FilFejl, as
    for any OSError, is 74 (EX_IOERR from sysexits.h); for other NoegletalFejl it is 2.
    """

    def __init__(self, aarsag: str, *, sti=None, igen: str | None = None, efterladt: str = "",
                 oserror: OSError | None = None):
        super().__init__(aarsag)
        self.aarsag, self.sti, self.igen, self.efterladt, self.oserror = aarsag, sti, igen, efterladt, oserror

    def __str__(self) -> str:
        tekst = self.aarsag
        if self.efterladt:
            tekst += f" {self.efterladt}"
        if self.igen:
            tekst += f" Kør derefter `{self.igen}` igen."
        return tekst


_ERRNO_TEKST = {  # errno → (what happened, what to do); {sti} is the file or folder, {mappe} its folder
    "ENOSPC": ("Disken er fuld: {sti} kunne ikke skrives.", "Frigør plads (`df -h {mappe}` viser, hvor meget der er)."),
    "EDQUOT": ("Din diskkvote er brugt op: {sti} kunne ikke skrives.", "Frigør plads, eller bed om en større kvote."),
    "EFBIG": ("{sti} blev for stor til filsystemet.", "Brug en mappe på et andet filsystem."),
    "EACCES": ("Ingen adgang: {sti} kan ikke {handling} af brugeren {bruger}.", "{adgang}"),
    "EPERM": ("Ingen adgang: {sti} kan ikke {handling} af brugeren {bruger}.", "{adgang}"),
    "EROFS": ("{sti} ligger på et skrivebeskyttet filsystem og kan ikke {handling}.",
              "Brug en mappe, der kan skrives i (NOEGLETAL_DATA for data, --ud eller NOEGLETAL_OUTPUTS for briefs)."),
    "ENOENT": ("{sti} findes ikke.", "Tjek stien."),
    "ENOTDIR": ("En del af stien {sti} er en fil og ikke en mappe{filen}.", "Flyt filen væk, eller vælg en anden sti."),
    "EISDIR": ("{sti} er en mappe, ikke en fil.", "Flyt mappen væk, eller vælg en anden sti."),
    "EIO": ("Disken svarede med en I/O-fejl ved {sti}.", "Tjek disken (`dmesg`), og prøv igen."),
    "EEXIST": ("{sti} findes allerede og er ikke en mappe.", "Flyt den væk, eller vælg en anden sti."),
    "ENAMETOOLONG": ("Stien {sti} er for lang.", "Vælg en kortere sti."),
    "EMFILE": ("For mange åbne filer ved {sti}.", "Hæv grænsen (`ulimit -n`), og prøv igen."),
    "EBUSY": ("{sti} er optaget af en anden proces.", "Prøv igen, når den er færdig."),
    "ETXTBSY": ("{sti} er optaget af en anden proces.", "Prøv igen, når den er færdig."),
}


def fil_fejl(e: OSError, sti=None, *, handling: str = "skrives", igen: str | None = None,
             efterladt: str = "") -> FilFejl:
    """The Danish FilFejl for an OSError. `sti` names the file when the OSError does not (a failed write() has
    no filename); `handling` is 'skrives', 'læses' or 'oprettes'."""
    import errno as _errno
    import getpass
    import os
    from pathlib import Path

    sti = e.filename if getattr(e, "filename", None) else sti
    navn = _errno.errorcode.get(e.errno or 0, "")
    if isinstance(e, PermissionError) and navn not in ("EACCES", "EPERM"):
        navn = "EACCES"
    try:
        bruger = getpass.getuser()
    except Exception:  # no user name for this uid (a container): the number says it
        bruger = str(os.getuid())
    if navn in _ERRNO_TEKST:
        hvad, goer = _ERRNO_TEKST[navn]
    else:
        hvad, goer = f"{{sti}} kunne ikke {handling} (systemets besked: {e.strerror or e}, fejl {e.errno}).", ""
    mappe = os.path.dirname(str(sti)) if sti else "."
    while mappe and not os.path.isdir(mappe) and os.path.dirname(mappe) != mappe:  # a folder that exists
        mappe = os.path.dirname(mappe)
    adgang = (f"Giv brugeren læseadgang (`ls -l {ekko(sti, maks=None)}` viser ejer og rettigheder)."
              if handling == "læses" else f"Giv brugeren skriveadgang (`ls -ld {ekko(mappe or '.', maks=None)}` viser "
                                          "ejer og rettigheder), eller brug en anden mappe.")
    filen = next((f": {d}" for d in (sti and reversed(Path(str(sti)).parents) or ())
                  if d.exists() and not d.is_dir()), "")
    felter = {"sti": ekko(sti, maks=None) if sti else "en fil", "mappe": ekko(mappe or ".", maks=None),
              "handling": handling, "bruger": bruger, "adgang": adgang, "filen": ekko(filen, maks=None)}
    tekst = " ".join(t for t in (hvad.format(**felter), goer.format(**felter)) if t)
    return FilFejl(tekst, sti=sti, igen=igen, efterladt=efterladt, oserror=e)
