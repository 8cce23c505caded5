"""The analyst's own words in a brief: a Markdown file put into the finished page.

The brief's numbers and its "Hvad viser figuren?" are computed; what the analyst adds (an assessment, a
reason, a local fact) is written in a small text file and set apart in the brief as "Bemærkninger", under
the analyst's name and date, so a reader always knows which words are whose.

The file (UTF-8, Markdown)::

    ---
    forfatter: Anna Jensen, analytiker
    dato: 2018-07-02
    ---
    Ledigheden falder fortsat, men langsommere end i regionen. **Bemærk** den nye opgørelse af …

    ## blok: ledige-fuldtidspersoner-efter-ydelsesgruppe-og-koen
    Faldet blandt kvinder skyldes især …

    ## blok: officiel-ledighedsprocent-saesonkorrigeret
    …

- The front matter (between two lines `---`) is optional. Keys: `forfatter` and `dato` (`2018-07-02` is
  shown as "2. juli 2018"; other text is shown as written). Any other key is an error.
- The text before the first `## blok:` line is the general comment: a box "Bemærkninger" right after
  the brief's heading.
- A line `## blok: <id>` starts the comment on one block, until the next `## blok:` line or the end. The
  id is the block's id in the brief: the name of its CSV file without `.csv` (`skabelon(html)` writes a
  file with every block's line, title included: text after the id on that line is ignored). A block with
  no text under its line gets no comment. The comment is shown at the end of the block.
- Markdown only: **fed**, *kursiv*, lists, links (shown with their address). HTML in the file is shown as
  text, never run: a `<script>` comes out as the characters "<script>".

`laes(sti)` reads and checks a file (`KommentarFejl` with line numbers), `indsaet(html, kommentar)` puts it
into a finished brief and refuses a block id the brief does not have, naming the ids it has.
"""

from __future__ import annotations

import difflib
import html as html_mod
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import mistune

from .errors import KommentarFejl
from .periods import MAANEDER_LANG
from .render.blokke import blokke, unikke_id
from .render.safety import rens_html

NOEGLER = ("forfatter", "dato")
BOKS_TITEL = "Bemærkninger"
BLOK_TITEL = "Bemærkning"
_BLOK_LINJE = re.compile(r"^\s{0,3}#{1,6}\s*blok\s*:\s*(.*?)\s*$", re.IGNORECASE)
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_OVERSKRIFT = re.compile(r"<header class=\"nt-overskrift\"[^>]*>.*?</header>", re.DOTALL)
_md = mistune.create_markdown(escape=True)


@dataclass(frozen=True)
class Kommentar:
    """An analyst's comment file, read: general text and block comments (Markdown), author and date."""

    tekst: str = ""
    blokke: dict[str, str] = field(default_factory=dict)  # block id → Markdown, in the file's order
    forfatter: str | None = None
    dato: str | None = None  # as shown: '2. juli 2018'
    kilde: str = "bemærkningerne"  # for messages: the file's name

    @property
    def afsender(self) -> str:
        """'Anna Jensen, analytiker · 2. juli 2018' (what is given of the two)."""
        return " · ".join(t for t in (self.forfatter, self.dato) if t)


def _dansk_dato(tekst: str, linje: int, kilde: str) -> str:
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", tekst)
    if not m:
        return tekst
    try:
        d = date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise KommentarFejl(f"{kilde}, linje {linje}: datoen '{tekst}' findes ikke (skriv ÅÅÅÅ-MM-DD, fx 2018-07-02).")
    return f"{d.day}. {MAANEDER_LANG[d.month - 1]} {d.year}"


def _forside(linjer: list[str], kilde: str) -> tuple[dict[str, str], int]:
    """The front matter's keys and the index of the first line after it (0 without front matter)."""
    if not linjer or linjer[0].strip() != "---":
        return {}, 0
    vaerdier: dict[str, str] = {}
    for i in range(1, len(linjer)):
        linje = linjer[i].strip()
        if linje == "---":
            return vaerdier, i + 1
        if not linje or linje.startswith("#"):
            continue
        noegle, kolon, vaerdi = linje.partition(":")
        noegle = noegle.strip().lower()
        if not kolon or not noegle:
            raise KommentarFejl(f"{kilde}, linje {i + 1}: forventede 'nøgle: værdi' i forsiden, fandt {linje!r}.")
        if noegle not in NOEGLER:
            forslag = difflib.get_close_matches(noegle, NOEGLER, n=1)
            mente = f" Mente du '{forslag[0]}'?" if forslag else ""
            raise KommentarFejl(
                f"{kilde}, linje {i + 1}: ukendt nøgle '{noegle}' i forsiden.{mente} "
                f"Gyldige nøgler: {', '.join(NOEGLER)}."
            )
        if noegle in vaerdier:
            raise KommentarFejl(f"{kilde}, linje {i + 1}: nøglen '{noegle}' står to gange i forsiden.")
        vaerdi = vaerdi.strip()
        if len(vaerdi) >= 2 and vaerdi[0] == vaerdi[-1] and vaerdi[0] in "\"'":
            vaerdi = vaerdi[1:-1].strip()
        vaerdier[noegle] = _dansk_dato(vaerdi, i + 1, kilde) if noegle == "dato" else vaerdi
    raise KommentarFejl(f"{kilde}: forsiden begynder med '---' i linje 1, men slutter aldrig med en linje '---'.")


def fra_tekst(tekst: str, kilde: str = "bemærkningerne") -> Kommentar:
    """A comment from the text of a comment file (see the module text); `kilde` names it in messages."""
    linjer = tekst.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    forside, start = _forside(linjer, kilde)
    generelt: list[str] = []
    blok_tekst: dict[str, list[str]] = {}
    blok_linje: dict[str, int] = {}
    aktuel: list[str] = generelt
    for i in range(start, len(linjer)):
        m = _BLOK_LINJE.match(linjer[i])
        if not m:
            aktuel.append(linjer[i])
            continue
        blok_id = (m[1].split() or [""])[0].lstrip("#").lower()
        if not blok_id:
            raise KommentarFejl(f"{kilde}, linje {i + 1}: '## blok:' skal følges af blokkens id, "
                                "fx '## blok: ledige-efter-ydelsesgruppe'.")
        if not _ID.fullmatch(blok_id):
            raise KommentarFejl(f"{kilde}, linje {i + 1}: '{blok_id}' er ikke et blok-id (små bogstaver a-z, "
                                "tal og bindestreg, som navnet på blokkens CSV-fil uden .csv).")
        if blok_id in blok_linje:
            raise KommentarFejl(f"{kilde}, linje {i + 1}: blokken '{blok_id}' har allerede en bemærkning "
                                f"(linje {blok_linje[blok_id]}); saml dem under én overskrift.")
        blok_linje[blok_id] = i + 1
        aktuel = blok_tekst[blok_id] = []
    return Kommentar(
        tekst="\n".join(generelt).strip(),
        blokke={k: "\n".join(v).strip() for k, v in blok_tekst.items() if "\n".join(v).strip()},
        forfatter=forside.get("forfatter") or None,
        dato=forside.get("dato") or None,
        kilde=kilde,
    )


MAKS_BYTES = 1_000_000  # 1 MB of Markdown is some 500 pages: more is a wrong file, and the brief would be as big


def kontroller_fil(sti: str | Path) -> Path:
    """A comment file that can be read: it exists, is a file (not a folder) and is at most MAKS_BYTES. Checked
    when the brief is set up, before a kernel starts; `KommentarFejl` names the file and says what to do."""
    from .errors import ekko

    sti = Path(sti)
    vist = ekko(sti, maks=None)
    if sti.is_dir():
        raise KommentarFejl(f"{vist} er en mappe, ikke en fil med bemærkninger. Angiv filen (fx {vist}/ledighed.md) "
                            "med -p kommentar_fil.")
    try:
        stoerrelse = sti.stat().st_size
    except FileNotFoundError:
        raise KommentarFejl(f"Filen med bemærkninger findes ikke: {vist}. Tjek stien, eller lad -p kommentar_fil være "
                            "for at bruge kommentarer/<periode>/<kommune>/<tema>.md.") from None
    except OSError as e:
        from .errors import fil_fejl

        raise fil_fejl(e, sti, handling="læses") from e
    if not sti.is_file():
        raise KommentarFejl(f"{vist} er ikke en almindelig fil. Angiv en Markdown-fil med -p kommentar_fil.")
    if stoerrelse > MAKS_BYTES:
        mb = f"{stoerrelse / 1e6:.1f}".replace(".", ",")
        raise KommentarFejl(f"{vist} er {mb} MB; bemærkninger til en brief må højst fylde {MAKS_BYTES / 1e6:.0f} MB "
                            "(ca. 500 sider tekst), for de sendes med briefen. Forkort filen, eller tjek, at det er "
                            "den rigtige fil.")
    return sti


def laes(sti: str | Path) -> Kommentar:
    """Read and check a comment file (UTF-8; a byte order mark is fine)."""
    sti = kontroller_fil(sti)
    try:
        tekst = sti.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KommentarFejl(f"Filen med bemærkninger findes ikke: {sti}")
    except UnicodeDecodeError:
        raise KommentarFejl(f"{sti.name} er ikke UTF-8. Gem filen som UTF-8 (i Notesblok: 'Gem som', kodning UTF-8).")
    return fra_tekst(tekst, sti.name)


def markdown_html(tekst: str) -> str:
    """Markdown → safe HTML: raw HTML escaped, links to the outside shown as text with their address,
    headings demoted below the box's own (# → h3)."""
    ud = rens_html(_md(tekst))
    return re.sub(r"<(/?)h([1-6])>", lambda m: f"<{m[1]}h{min(int(m[2]) + 2, 6)}>", ud)


def _e(t: str) -> str:
    return html_mod.escape(t, quote=True)


def boks_html(k: Kommentar) -> str:
    """The general comment as a box 'Bemærkninger', with author and date under the heading."""
    af = f'<p class="nt-bemaerkning-af">{_e(k.afsender)}</p>' if k.afsender else ""
    return (f'<aside class="nt-bemaerkninger" role="note" aria-label="{BOKS_TITEL}"><h2>{BOKS_TITEL}</h2>{af}'
            f"{markdown_html(k.tekst)}</aside>")


def blok_html(k: Kommentar, blok_id: str) -> str:
    """One block's comment, marked as the analyst's words."""
    af = f" ({_e(k.afsender)})" if k.afsender else ""
    return (f'<aside class="nt-bemaerkning" role="note"><p class="nt-bemaerkning-titel">{BLOK_TITEL}{af}</p>'
            f"{markdown_html(k.blokke[blok_id])}</aside>")


def blok_oversigt(side: str) -> list[tuple[str, str]]:
    """(id, title) of every figure and table block of a finished brief, in page order."""
    return [(b.id, b.titel) for b in blokke(unikke_id(side))]


def skabelon(side: str) -> str:
    """A comment file to fill in for a finished brief: front matter and one line per block (with its
    title after the id), so the analyst writes under the blocks they want to comment on."""
    linjer = ["---", "forfatter: ", f"dato: {date.today().isoformat()}", "---",
              "Skriv den generelle bemærkning her (Markdown). Slet det, du ikke bruger.", ""]
    for blok_id, titel in blok_oversigt(side):
        linjer += [f"## blok: {blok_id}   ({titel})", ""]
    return "\n".join(linjer)


def indsaet(side: str, kommentar: Kommentar) -> str:
    """The finished brief with the analyst's comments: the box right after the brief's heading (<header
    class="nt-overskrift">, else at the top of <main>), each block comment at the end of its block.

    Block ids are made unique first (`render.blokke.unikke_id`). A block id the brief does not have is an
    error that names it and lists the brief's ids; so is a brief that already has comments.
    """
    if 'class="nt-bemaerkninger"' in side or 'class="nt-bemaerkning"' in side:
        raise KommentarFejl("Briefen har allerede bemærkninger; sæt dem ind i briefen, som den var før.")
    side = unikke_id(side)
    alle = blokke(side)
    ider = [b.id for b in alle]
    ukendte = [k for k in kommentar.blokke if k not in ider]
    if ukendte:
        dele = []
        for u in ukendte:
            forslag = difflib.get_close_matches(u, ider, n=1, cutoff=0.6)
            dele.append(f"'{u}'" + (f" (mente du '{forslag[0]}'?)" if forslag else ""))
        flertal = "blokke" if len(ukendte) > 1 else "en blok"
        raise KommentarFejl(
            f"{kommentar.kilde} nævner {flertal}, som briefen ikke har: {', '.join(dele)}. "
            f"Briefens blokke er: {', '.join(ider) if ider else '(ingen)'}."
        )
    # block comments first, from the end of the page backwards, so earlier offsets stay valid
    for b in sorted((b for b in alle if b.id in kommentar.blokke), key=lambda b: b.start, reverse=True):
        luk = side.rfind("</section>", b.start, b.slut)
        side = side[:luk] + blok_html(kommentar, b.id) + side[luk:]
    if kommentar.tekst:
        boks = boks_html(kommentar)
        m = _OVERSKRIFT.search(side)
        if m:
            side = side[:m.end()] + boks + side[m.end():]
        elif "<main>" in side:
            i = side.index("<main>") + len("<main>")
            side = side[:i] + boks + side[i:]
        else:
            m = re.search(r"<body[^>]*>", side)
            i = m.end() if m else 0
            side = side[:i] + boks + side[i:]
    return side


# --- the report's key points (pointer.py): pin, drop or reword in kommentarer/<periode>/<kommune>/rapport.md ------

_POINTE_LINJE = re.compile(r"^\s{0,3}#{1,6}\s*pointe(?:r)?\s*:\s*(.*?)\s*$", re.IGNORECASE)
FASTGOER, FJERN = "fastgør", "fjern"


def pointer_rettelser(tekst: str, kilde: str = "rapport.md") -> tuple[dict[str, str | None], set[str]]:
    """The analyst's say on the report's key points: `## pointer: <id>` followed by `fastgør` (pin it),
    `fjern` (drop it) or the analyst's own sentence (it replaces the computed one and is pinned; an id no
    computation made is a new point). Returns (id → own text or None for dropped, pinned ids). Everything
    outside `## pointer:` sections is ignored here. Errors name the line."""
    rettelser: dict[str, str | None] = {}
    fastgjorte: set[str] = set()
    aktuel: tuple[str, int] | None = None
    linjer: list[str] = []

    def afslut():
        if aktuel is None:
            return
        pid, nr = aktuel
        krop = " ".join(" ".join(linjer).split())
        if not krop:
            raise KommentarFejl(f"{kilde}, linje {nr}: pointen '{pid}' har ingen tekst. Skriv '{FASTGOER}', "
                                f"'{FJERN}' eller jeres egen sætning på linjen under.")
        if pid in rettelser or pid in fastgjorte:
            raise KommentarFejl(f"{kilde}, linje {nr}: pointen '{pid}' står to gange. Slet den ene.")
        if krop.lower() in (FASTGOER, "fastgoer"):
            fastgjorte.add(pid)
        elif krop.lower() == FJERN:
            rettelser[pid] = None
        else:
            rettelser[pid] = krop

    for nr, linje in enumerate(tekst.splitlines(), 1):
        m = _POINTE_LINJE.match(linje)
        if m:
            afslut()
            pid = m.group(1).split()[0] if m.group(1).split() else ""
            if not _ID.fullmatch(pid):
                raise KommentarFejl(f"{kilde}, linje {nr}: '{m.group(1)}' er ikke et pointe-id. Skriv id'et, som "
                                    "pointer.md viser det, fx '## pointer: maal-ledighedsprocent' (små bogstaver, "
                                    "tal og bindestreger).")
            aktuel, linjer = (pid, nr), []
        elif _BLOK_LINJE.match(linje) or re.match(r"^\s{0,3}#{1,6}\s", linje):
            afslut()
            aktuel, linjer = None, []
        elif aktuel is not None:
            linjer.append(linje)
    afslut()
    return rettelser, fastgjorte
