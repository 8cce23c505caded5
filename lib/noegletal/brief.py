"""The blocks a brief is made of. A notebook calls `display(Figurblok(...))`, `display(Tabelblok(...))`, ….

Each block is an object with `_repr_html_`, so its cell output is text/html, which is all the render
template keeps. The layout imitates Ballerup's faktasider: a heading, the chart, "Hvordan er figuren
lavet?", "Hvad viser figuren?" and the source.

Every piece of text that comes from data or parameters goes through `html.escape`: an area name or a
label can never become markup. Markup is only ever written here, from fixed strings.
"""

from __future__ import annotations

import functools
import hashlib
import html
import os
import re
import subprocess
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING

import mistune

from . import __version__, config, csvtal, fmt, geo, periods
from .errors import UgyldigParameter, UkendtOmraade
from .periods import Periode
from .tid import dansk_tidspunkt, nu

if TYPE_CHECKING:
    import pandas as pd

    from . import figures

MANGLER_NOTE = f"{fmt.MANGLER}: tal ikke oplyst (mangler eller diskretioneret)"
DEMO_TEKST = (
    "DEMODATA – ikke officielle tal. Tallene i denne brief er konstrueret til afprøvning og demonstration. "
    "De må ikke citeres eller bruges som grundlag for beslutninger."
)


def _e(tekst) -> str:
    """Escape anything for HTML text and attribute values."""
    return html.escape(str(tekst), quote=True)


def _liste(tekst: str | Iterable[str] | None) -> list[str]:
    """Sentences, each as written inside a brief (see `geo.i_saetning`)."""
    if tekst is None:
        return []
    if isinstance(tekst, str):
        return [geo.i_saetning(tekst)] if tekst.strip() else []
    return [geo.i_saetning(str(t)) for t in tekst if str(t).strip()]


_MAANED_AAR = "|".join([*(m.rstrip(".") + r"\.?" for m in periods.MAANEDER_KORT), *periods.MAANEDER_LANG])
_UBRUDT = re.compile(
    rf"\b(?:{_MAANED_AAR}|[1-4]\. kvt\.) \d{{4}}\b"  # 'okt. 2015', 'oktober 2015', '3. kvt. 2017'
    r"|(?<![\w-])[-+−]?\d[\d.,]*(?:-\d[\d.,]*)?(?: (?:pct\.|procentpoint|personer|år))?",  # '+19,8 pct.', '1-35'
    re.I,
)


def _ubrudt(escaped: str) -> str:
    """A table cell's escaped text with each month and each number (with its unit) kept on one line, so a
    narrow column wraps between words, never inside 'nov. 2016' or '19,8 pct.'."""
    def span(m: re.Match) -> str:  # only where a line could break: a space or a hyphen after the first sign
        return f'<span class="nt-ubrudt">{m.group(0)}</span>' if re.search(r"[ -]", m.group(0)[1:]) else m.group(0)

    return _UBRUDT.sub(span, escaped)


def _punkter(tekster: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{_e(t)}</li>" for t in tekster) + "</ul>" if tekster else ""


_BLOKSLUT = re.compile(r"</(p|li|h[1-6]|dd|tr|caption|div|section|header|footer|aside)>|<br\s*/?>")


def _ren_tekst(markup: str) -> str:
    """Markup as plain text: one line per paragraph, list item or heading, tags dropped."""
    tekst = html.unescape(re.sub(r"<[^>]+>", " ", _BLOKSLUT.sub("\n", markup.replace("</dt>", ":</dt>"))))
    return "\n".join(" ".join(linje.split()) for linje in tekst.splitlines() if linje.strip())


class Blok:
    """Base of every brief block: `html()` gives the markup, `_repr_html_` lets Jupyter display it, and
    `som_tekst()` is its text/plain (title and numbers), so a front end without HTML and `nbconvert --to markdown`
    show the block's content instead of `<noegletal.brief.Figurblok at 0x…>`."""

    def html(self) -> str:
        raise NotImplementedError(type(self).__name__)

    def _repr_html_(self) -> str:
        return self.html()

    def som_tekst(self) -> str:
        return _ren_tekst(self.html())

    def _repr_pretty_(self, p, cycle) -> None:  # IPython's text/plain
        p.text(self.som_tekst())

    def __repr__(self) -> str:
        return f"{type(self).__name__}: {self.som_tekst()}"

    def __str__(self) -> str:
        return self.html()


BLOK_ID_LAENGDE = 60


def blok_id(titel: str) -> str:
    """A block's id from its title: 'Ledige efter ydelsesgruppe' → 'ledige-efter-ydelsesgruppe'.

    Lower case a-z, 0-9 and '-' (æ → ae, ø → oe, å → aa, accents dropped), at most 60 characters. A longer
    title is cut at a word and ends in 4 characters from a hash of the whole title, so two long titles
    that begin alike still differ. The same title gives the same id in every run: the `<section id>`, the
    CSV file's name and the address an analyst's comment uses (`kommentarer`).
    """
    t = str(titel).lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    t = unicodedata.normalize("NFKD", t).encode("ascii", "ignore").decode("ascii")
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")
    if len(t) > BLOK_ID_LAENGDE:
        spor = hashlib.sha1(t.encode("ascii")).hexdigest()[:4]
        kort = t[:BLOK_ID_LAENGDE - len(spor)]
        kort = kort.rsplit("-", 1)[0] if "-" in kort else kort[:-1]
        t = f"{kort}-{spor}"
    return t or "blok"


def _gyldigt_id(vaerdi: str | None, titel: str) -> str:
    if vaerdi is None:
        return blok_id(titel)
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", str(vaerdi)):
        raise UgyldigParameter(
            f"Ugyldigt blok-id {vaerdi!r}: brug små bogstaver a-z, tal og bindestreg, fx "
            f"'{blok_id(titel)}'."
        )
    return str(vaerdi)


class Figurblok(Blok):
    """A chart with its explanation, as on Ballerup's faktasider.

    `figur` must be a `figures.Figur` (figure + alt text): a chart without a text alternative is refused.
    The PNG is made right away and the figure released, so a brief with many charts stays light.
    The numbers behind the chart (`figur.data`, or `data` given here) are offered as "Hent tallene (CSV)";
    the section's id is `blok_id` (by default the slug of the title, see `blok_id`).
    """

    def __init__(self, titel: str, figur: figures.Figur, hvordan: str | Iterable[str], hvad: str | Iterable[str],
                 kilde: str, *, dpi: int | None = None, data: pd.DataFrame | None = None,
                 blok_id: str | None = None):
        # matplotlib only where a chart is drawn: the text blocks (and the overview page) need none of it
        from .figures import Figur, css_stoerrelse, png_data_uri

        if not isinstance(figur, Figur):
            raise TypeError(
                "Figurblok skal have en Figur fra noegletal.figures (fx linjefigur(...)), "
                "så figuren har en alternativ tekst."
            )
        if not figur.alt.strip():
            raise ValueError("Figuren har ingen alternativ tekst; alle figurer skal have en.")
        self.titel = geo.i_saetning(str(titel))
        self.hvordan = _liste(hvordan)
        self.hvad = _liste(hvad)
        self.kilde = str(kilde)
        self.alt = geo.i_saetning(figur.alt)
        self.bredde, self.hoejde = css_stoerrelse(figur)
        self.src = png_data_uri(figur.fig, **({"dpi": dpi} if dpi else {}))
        self.id = _gyldigt_id(blok_id, self.titel)
        self.data = data if data is not None else getattr(figur, "data", None)
        self._csv = csvtal.csv_tekst(self.data) if self.data is not None else None

    def csv_tekst(self) -> str | None:
        """The numbers behind the chart as CSV text (see `csvtal`), or None when the figure has none."""
        return self._csv

    def som_tekst(self) -> str:
        """Title, what the figure shows (the sentences carry its numbers) and the source, without the picture."""
        linjer = [self.titel, "", "Hvad viser figuren?", *(f"- {t}" for t in self.hvad)]
        return "\n".join(linjer + ([f"Kilde: {self.kilde}"] if self.kilde else []))

    def html(self) -> str:
        kilde = f'<p class="nt-kilde">Kilde: {_e(self.kilde)}</p>' if self.kilde else ""
        link = csvtal.link_html(self.id, self._csv, self.titel) if self._csv is not None else ""
        return (
            f'<section class="nt-blok nt-figurblok" id="{_e(self.id)}">'
            f"<h2>{_e(self.titel)}</h2>"
            # role="none": the img is the one figure (PDF tag /Figure with its alt), not a second, empty one
            f'<figure role="none"><img src="{_e(self.src)}" alt="{_e(self.alt)}" width="{self.bredde}" '
            f'height="{self.hoejde}"></figure>{link}'
            '<div class="nt-forklaring">'
            f'<div class="nt-hvordan"><h3>Hvordan er figuren lavet?</h3>{_punkter(self.hvordan)}{kilde}</div>'
            f'<div class="nt-hvad"><h3>Hvad viser figuren?</h3>{_punkter(self.hvad)}</div>'
            "</div></section>"
        )


# --- tables ----------------------------------------------------------------------------------------------

FORMATER: dict[str, Callable[[object], str]] = {
    "tal": lambda x: fmt.tal(x, 0),
    "tal1": lambda x: fmt.tal(x, 1),
    "tal2": lambda x: fmt.tal(x, 2),
    "pct": lambda x: fmt.pct(x, 1),
    "pct0": lambda x: fmt.pct(x, 0),
    "pct_point": lambda x: fmt.pct_point(x, 1),
    "aendring": lambda x: fmt.aendring(x, 1),
    "tekst": str,
}
ENHEDER = {"pct": "pct.", "pct0": "pct.", "aendring": "pct.", "pct_point": "procentpoint"}  # for the CSV header


def _mangler(v) -> bool:
    if v is None:
        return True
    import pandas as pd  # here, not above: the overview page uses the text blocks without loading pandas

    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):  # list-like cells
        return False


class Tabelblok(Blok):
    """A table with Danish number formats, right-aligned numbers and '..' for missing values.

    `kolonneformat` maps a column (or, with a MultiIndex header, its top-level label) to a format name
    from `FORMATER` or to a function. Columns without one get 'tal' (whole numbers), 'tal1' (other
    numbers) or 'tekst'. The row index is shown unless it is a plain RangeIndex.

    The table's values at full precision are offered as "Hent tallene (CSV)" (see `csvtal`); the
    section's id is `blok_id` (by default the slug of the title). A table of more than `LANG_TABEL` rows
    may break across printed pages (its header is repeated); a shorter one is kept on one page.
    """

    LANG_TABEL = 10  # a longer table would otherwise leave most of a page empty before it

    def __init__(self, titel: str, df: pd.DataFrame, kolonneformat: Mapping | None = None,
                 note: str | None = None, *, indeks: bool | None = None, blok_id: str | None = None):
        import pandas as pd  # here, not above: see `_mangler`

        self.titel = geo.i_saetning(str(titel))
        self.id = _gyldigt_id(blok_id, self.titel)
        self.df = df
        self.note = geo.i_saetning(note) if note else note
        self.indeks = (not isinstance(df.index, pd.RangeIndex)) if indeks is None else indeks
        self.formater = {col: self._format_for(col, kolonneformat or {}) for col in df.columns}

    def _format_for(self, col, kolonneformat: Mapping):
        noegler = [col]
        if isinstance(col, tuple):  # MultiIndex: the most specific header level that has a format
            noegler += [col[-1]] + [col[:i] for i in range(len(col) - 1, 0, -1)] + [col[0]]
        valg = next((kolonneformat[k] for k in noegler if k in kolonneformat), None)
        if valg is None:
            import pandas as pd

            s = self.df[col]
            if isinstance(s, pd.DataFrame):  # duplicated column labels
                s = s.iloc[:, 0]
            if not pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s):
                return "tekst"
            tal = pd.to_numeric(s, errors="coerce").dropna()
            return "tal" if ((tal % 1) == 0).all() else "tal1"
        if callable(valg):
            return valg
        if valg not in FORMATER:
            raise UgyldigParameter(
                f"Ukendt kolonneformat '{valg}' for kolonnen {col!r}. Gyldige formater: {', '.join(FORMATER)}."
            )
        return valg

    def _celle(self, v, form) -> tuple[str, bool]:
        """(escaped cell text, missing?)"""
        if isinstance(v, csvtal.Vist):  # numbers shown as words: the CSV gets the numbers
            return _e(v.tekst), False
        if _mangler(v):
            return fmt.MANGLER, True
        if callable(form):
            return _e(form(v)), False
        if isinstance(v, str) and form != "tekst":  # already text, e.g. '14 (spinkelt)'
            return _e(v), False
        tekst = FORMATER[form](v)
        return _e(tekst), tekst == fmt.MANGLER

    def _hoved(self) -> str:
        cols = self.df.columns
        niveauer = cols.nlevels
        raekker = []
        for lvl in range(niveauer):
            celler = []
            if lvl == 0 and self.indeks:
                navne = [n for n in self.df.index.names]
                for n in navne:
                    span = f' rowspan="{niveauer}"' if niveauer > 1 else ""
                    navn = csvtal.etiket(n)
                    # an unnamed corner is an empty cell, not a header without text (axe: empty-table-header)
                    celler.append(f'<th scope="col" class="nt-hjoerne"{span}>{_ubrudt(_e(navn))}</th>' if navn.strip()
                                  else f'<td class="nt-hjoerne"{span}></td>')
            i = 0
            while i < len(cols):
                noegle = cols[i][: lvl + 1] if niveauer > 1 else cols[i]
                j = i + 1
                while j < len(cols) and niveauer > 1 and cols[j][: lvl + 1] == noegle:
                    j += 1
                tekst = cols[i][lvl] if niveauer > 1 else cols[i]
                tal = lvl == niveauer - 1 and self.formater[cols[i]] != "tekst"
                klasse = ' class="nt-tal"' if tal else ""
                span = f' colspan="{j - i}"' if j - i > 1 else ""
                celler.append(f'<th scope="{"colgroup" if j - i > 1 else "col"}"{span}{klasse}>{_ubrudt(_e(csvtal.etiket(tekst)))}</th>')
                i = j
            raekker.append("<tr>" + "".join(celler) + "</tr>")
        return "<thead>" + "".join(raekker) + "</thead>"

    def html(self) -> str:
        mangler = 0
        body = []
        forrige: tuple = ()
        for idx, row in zip(self.df.index, self.df.to_numpy()):  # as iterrows' rows, without a Series each
            celler = []
            if self.indeks:
                dele = idx if isinstance(idx, tuple) else (idx,)
                for k, del_ in enumerate(dele):  # repeated outer index levels are left blank
                    gentaget = len(forrige) > k and forrige[: k + 1] == dele[: k + 1]
                    celler.append(f'<th scope="row">{"" if gentaget else _ubrudt(_e(csvtal.etiket(del_)))}</th>')
                forrige = dele
            for pos, col in enumerate(self.df.columns):
                tekst, mangl = self._celle(row[pos], self.formater[col])
                mangler += mangl
                klasser = ["nt-tal"] if self.formater[col] != "tekst" else []
                klasser += ["nt-mangler"] if mangl else []
                attr = f' class="{" ".join(klasser)}"' if klasser else ""
                celler.append(f"<td{attr}>{tekst if self.formater[col] != 'tekst' else _ubrudt(tekst)}</td>")
            body.append("<tr>" + "".join(celler) + "</tr>")
        noter = [f'<p class="nt-fodnote">{_e(self.note)}</p>'] if self.note else []
        if mangler:
            noter.append(f'<p class="nt-fodnote">{_e(MANGLER_NOTE)}</p>')
        lang = " nt-lang-tabel" if len(self.df) > self.LANG_TABEL else ""
        link = csvtal.link_html(self.id, self.csv_tekst(), self.titel)
        return (
            f'<section class="nt-blok nt-tabelblok{lang}" id="{_e(self.id)}"><div class="nt-tabel-ramme"><table>'
            f"<caption>{_ubrudt(_e(self.titel))}</caption>{self._hoved()}<tbody>{''.join(body)}</tbody>"
            "</table></div>" + link + "".join(noter) + "</section>"
        )

    def som_tekst(self) -> str:
        """The caption and the table as the brief shows it, in columns of plain text."""
        import pandas as pd

        celler = pd.DataFrame(
            [[html.unescape(self._celle(row[i], self.formater[c])[0]) for i, c in enumerate(self.df.columns)]
             for row in self.df.to_numpy()],
            index=[csvtal.etiket(i) if not isinstance(i, tuple) else " ".join(map(csvtal.etiket, i))
                   for i in self.df.index],
            columns=[csvtal.etiket(c) if not isinstance(c, tuple) else " ".join(map(csvtal.etiket, c))
                     for c in self.df.columns],
        )
        return f"{self.titel}\n{celler.to_string(index=self.indeks)}"

    def csv_tekst(self) -> str:
        """The table's values as CSV text (full precision, '..' for missing, a 'Status' column), a column's
        unit from its format in the header ('Ballerup (pct.)')."""
        import pandas as pd

        df = self.df.copy(deep=False)
        enhed = {c: ENHEDER.get(f, "") if isinstance(f, str) else "" for c, f in self.formater.items()}
        df.columns = pd.Index([csvtal.med_enhed(c, enhed[c], "") for c in df.columns], tupleize_cols=True)
        return csvtal.csv_tekst(df, indeks=self.indeks)


# --- text blocks -----------------------------------------------------------------------------------------


class Forbehold(Blok):
    """A caveat box, e.g. for small numbers: 'Datagrundlaget er spinkelt …'."""

    def __init__(self, tekst: str | Iterable[str], titel: str = "Bemærk"):
        self.tekst = _liste(tekst)
        self.titel = str(titel)

    def html(self) -> str:
        afsnit = "".join(f"<p>{_e(t)}</p>" for t in self.tekst)
        return (
            '<aside class="nt-blok nt-forbehold" role="note" '
            'style="border:2px solid #E69F00;background:#fff8e6;padding:.6rem .9rem">'
            f'<p class="nt-forbehold-titel"><strong>{_e(self.titel)}</strong></p>{afsnit}</aside>'
        )


class Overskrift(Blok):
    """The brief's title, with kommune and period above it ('Ballerup Kommune · oktober 2017')."""

    def __init__(self, titel: str, undertitel: str | None = None, kommune: str | geo.Omraade | None = None,
                 periode: str | Periode | None = None, periodenote: str | None = None):
        self.titel = str(titel)
        self.undertitel = undertitel
        self.kommune = _omraade_navn(kommune) if kommune is not None else None
        self.periode = periods.periode(periode).tekst if periode is not None else None
        self.periodenote = periodenote  # a quarter's or year's brief: which figures are whose

    def html(self) -> str:
        linje = " · ".join(_e(t) for t in (self.kommune, self.periode) if t)
        over = f'<p class="nt-kicker">{linje}</p>' if linje else ""
        under = f'<p class="nt-undertitel">{_e(self.undertitel)}</p>' if self.undertitel else ""
        note = f'<p class="nt-periodenote">{_e(self.periodenote)}</p>' if self.periodenote else ""
        return f'<header class="nt-overskrift">{over}<h1>{_e(self.titel)}</h1>{under}{note}</header>'


def _omraade_navn(kommune) -> str:
    """'Ballerup' → 'Ballerup Kommune'; unknown names are shown as given."""
    try:
        o = geo.omraade(kommune)
    except UkendtOmraade:
        return str(kommune)
    return o.fuldt_navn


class Demobanner(Blok):
    """A banner no one can miss: the brief is built on demo data, not official figures."""

    def __init__(self, tekst: str = DEMO_TEKST):
        self.tekst = str(tekst)

    def html(self) -> str:
        forste, _, rest = self.tekst.partition(". ")
        rest = f" {_e(rest)}" if rest else ""
        return (
            '<div class="nt-demo" role="alert" style="background:#fff3cd;border:3px solid #b45f06;'
            'color:#4a2500;padding:.7rem 1rem;font-weight:bold">'
            f"<strong>{_e(forste.rstrip('.'))}.</strong>{rest}</div>"
        )


class Tekst(Blok):
    """A paragraph of narrative, in Markdown (**fed**, *kursiv*, lister). Raw HTML in it is escaped."""

    _md = mistune.create_markdown(escape=True)

    def __init__(self, markdown: str):
        self.markdown = geo.i_saetning(str(markdown))

    def html(self) -> str:
        return f'<div class="nt-tekst">{self._md(self.markdown)}</div>'


# --- the reproducibility stamp ---------------------------------------------------------------------------

_HEMMELIGE_NAVNE = re.compile(r"(key|noegle|nøgle|token|password|kodeord|secret|hemmelig)", re.I)


def kodeversion() -> str:
    """'noegletal 0.1.0 (4ef25a9)': the package version plus the git commit when run from a checkout.

    '+ændringer' marks uncommitted changes to tracked files. Without git (an installed package, or no
    git program) it is just the version.
    """
    version = f"noegletal {__version__}"
    if not (config.REPO_DIR / ".git").exists():
        return version
    commit = _git_commit(str(config.REPO_DIR), os.environ.get("PATH", ""))
    return f"{version} ({commit})" if commit else version


@functools.lru_cache(maxsize=4)
def _git_commit(repo: str, sti: str) -> str:
    """'4ef25a9' or '4ef25a9+ændringer' ('' without git), asked of git once per process (and PATH): a kernel
    stamps the code it imported when it started, and a batch kernel asked git twice for every brief."""
    try:
        git = ["git", "-C", repo]
        sha = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                             timeout=5, check=True).stdout.strip()
        aendret = subprocess.run([*git, "status", "--porcelain", "--untracked-files=no"], capture_output=True,
                                 text=True, timeout=5, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""
    return f"{sha}{'+ændringer' if aendret else ''}" if sha else ""


_kodeversion = kodeversion  # Stempel's parameter of the same name shadows it


# The notebooks' parameters as a reader of the stamp sees them (any other name: `csvtal.dansk_navn`).
PARAMETER_NAVNE = {
    "tema": "Tema",
    "kommune": "Kommune",
    "periode": "Periode",
    "maanedstal": "Månedstal fra",
    "maaltal": "Måltal vist for",
    "sammenligning": "Sammenlignet med",
    "maaneder": "Antal måneder",
    "fra": "Første måned",
    "til": "Sidste periode",
    "cpr_aar": "Årgang (år for cpr-nummer)",
    "maal_nye_fleksjob": "Mål for nye fleksjob",
    "maal_ungeledighed": "Mål for ungeledigheden",
    "indikator": "Nøgletal",
    "kommuner": "Områder",
}
_PERIODEKODE = re.compile(r"\d{4}(M\d{2}|K[1-4])")


def parameter_navn(navn: str) -> str:
    """'maaneder' → 'Antal måneder': a parameter's name in the stamp, never the notebook's variable name."""
    return PARAMETER_NAVNE.get(str(navn)) or csvtal.dansk_navn(navn)


def _vis_parameter(navn: str, vaerdi) -> str:
    noegle = os.environ.get(config.KEY_ENV, "")
    if _HEMMELIGE_NAVNE.search(str(navn)) or (noegle and noegle in str(vaerdi)):
        return "(skjult)"
    if isinstance(vaerdi, (list, tuple, set)):
        return ", ".join(map(str, vaerdi))
    if isinstance(vaerdi, Periode) or _PERIODEKODE.fullmatch(str(vaerdi)):
        return periods.periode(vaerdi).tekst  # '2018M06' → 'juni 2018'
    return str(vaerdi) if str(vaerdi).strip() else "ingen"


class Stempel(Blok):
    """The footer every brief ends with: data source and vintage, parameters, code version, time.

    Parameters are shown by their Danish names ('Antal måneder: 25', see `PARAMETER_NAVNE`) and a period as
    a sentence says it. Names that look like secrets (…key, token, password) and any value containing the
    Jobindsats key are shown as '(skjult)'.
    """

    def __init__(self, kilde_og_version: str, parametre: Mapping | None = None, kodeversion: str | None = None,
                 tidspunkt: datetime | None = None):
        self.kilde = str(kilde_og_version)
        self.parametre = dict(parametre or {})
        self.kodeversion = kodeversion if kodeversion is not None else _kodeversion()
        self.tidspunkt = tidspunkt or nu()

    def html(self) -> str:
        param = "; ".join(f"{_e(parameter_navn(k))}: {_e(_vis_parameter(k, v))}"
                          for k, v in self.parametre.items()) or "ingen"
        linjer = [
            ("Data", _e(self.kilde)),
            ("Parametre", param),
            ("Kodeversion", _e(self.kodeversion)),
            ("Dannet", _e(dansk_tidspunkt(self.tidspunkt))),
        ]
        indhold = "".join(f"<dt>{navn}</dt><dd>{vaerdi}</dd>" for navn, vaerdi in linjer)
        return f'<footer class="nt-stempel"><dl>{indhold}</dl></footer>'
