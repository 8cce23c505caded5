"""Errors that reach a user. Every message is Danish and says what to do next."""


class NoegletalFejl(Exception):
    """Base class: a problem the user can act on. `str(err)` is the Danish message."""


class UkendtOmraade(NoegletalFejl, LookupError):
    """A kommune, region or jobcenter name or code we do not know."""


class UgyldigPeriode(NoegletalFejl, ValueError):
    """A period string we cannot read, or a period outside the data."""


class ManglendeData(NoegletalFejl):
    """The processed data (or a part of it) is not there, or has no rows for what was asked."""


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


class PdfFejl(NoegletalFejl):
    """A PDF could not be made (no browser, or the browser failed). The HTML brief is not affected."""
