"""Reading a finished brief page: its blocks (id, title, source, CSV) and what it says about itself.

Every further format (xlsx, PDF, the analyst's comments) is made from the final brief HTML, so they all
read it here: `blokke(html)` lists the `Figurblok`/`Tabelblok` sections in page order, `om_briefen(html)`
gives title, kommune and period, the demo banner, the sources and the stamp. `unikke_id(html)` makes the
block ids of a page unique (a second block with the same title gets '-2'), for the rare brief with two
blocks of one title.
"""

from __future__ import annotations

import html as html_mod
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .. import csvtal

BLOK_KLASSER = ("nt-figurblok", "nt-tabelblok")


@dataclass
class Blok:
    """One figure or table block of a page. `start`/`slut`: the section's place in the HTML string
    (`html[start:slut]` is `<section …>…</section>`)."""

    id: str
    art: str  # "figur" or "tabel"
    titel: str = ""
    kilde: str = ""
    csv_navn: str = ""
    csv_uri: str = ""
    start: int = 0
    slut: int = 0

    @property
    def csv(self) -> str | None:
        """The block's CSV text (without byte order mark), or None when it offers no numbers."""
        return csvtal.fra_data_uri(self.csv_uri) if self.csv_uri else None


@dataclass
class OmBriefen:
    """What a page says about itself (all text, as shown)."""

    titel: str = ""
    undertitel: str = ""
    kommune: str = ""
    periode: str = ""
    demo: str = ""
    stempel: dict[str, str] = field(default_factory=dict)
    kilder: list[str] = field(default_factory=list)
    bemaerkninger: str = ""


def _linjestarter(tekst: str) -> list[int]:
    starter = [0]
    for m in re.finditer("\n", tekst):
        starter.append(m.end())
    return starter


def _klasser(attrs) -> set[str]:
    return set((dict(attrs).get("class") or "").split())


class _Laeser(HTMLParser):
    """Collects blocks (with their offsets) and the page's header, banner, sources and stamp."""

    def __init__(self, tekst: str):
        super().__init__(convert_charrefs=True)
        self.tekst = tekst
        self.linjer = _linjestarter(tekst)
        self.blokke: list[Blok] = []
        self.om = OmBriefen()
        self._stak: list[tuple[str, str | None]] = []  # (tag, what its text is collected as)
        self._blok: Blok | None = None
        self._blok_dybde = 0
        self._tekst: dict[str, list[str]] = {}
        self._dt: str | None = None

    def _offset(self) -> int:
        linje, kol = self.getpos()
        return self.linjer[linje - 1] + kol

    def _samler(self) -> str | None:
        return next((s for _, s in reversed(self._stak) if s), None)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        kl = _klasser(attrs)
        samler = None
        if tag == "section" and self._blok is None and kl & set(BLOK_KLASSER) and a.get("id"):
            self._blok = Blok(id=a["id"], art="figur" if "nt-figurblok" in kl else "tabel", start=self._offset())
            self._blok_dybde = 0
        if tag == "section" and self._blok is not None:
            self._blok_dybde += 1
        if self._blok is not None:
            if tag in ("h2", "caption") and not self._blok.titel:
                samler = "blok_titel"
            elif "nt-kilde" in kl or "nt-fodnote" in kl:
                samler = "blok_kilde"
            elif tag == "a" and "nt-csv" in kl:
                self._blok.csv_navn = a.get("download") or ""
                self._blok.csv_uri = a.get("href") or ""
        if tag == "header" and "nt-overskrift" in kl:
            samler = "overskrift"
        elif tag == "h1" and self._samler() == "overskrift":
            samler = "titel"
        elif "nt-kicker" in kl:
            samler = "kicker"
        elif "nt-undertitel" in kl:
            samler = "undertitel"
        elif "nt-demo" in kl:
            samler = "demo"
        elif "nt-bemaerkninger" in kl:
            samler = "bemaerkninger"
        elif tag == "dt" and self._samler() == "stempel":
            samler = "dt"
        elif tag == "dd" and self._samler() == "stempel":
            samler = "dd"
        elif tag == "footer" and "nt-stempel" in kl:
            samler = "stempel"
        if samler:
            self._tekst[samler] = []
        if tag not in ("br", "img", "hr", "meta", "link", "input", "col", "wbr"):
            self._stak.append((tag, samler))

    def handle_endtag(self, tag):
        if any(t == tag for t, _ in self._stak):  # a stray or void end tag closes nothing
            while self._stak:
                t, samler = self._stak.pop()
                if samler:
                    self._afslut(samler)
                if t == tag:
                    break
        if tag == "section" and self._blok is not None:
            self._blok_dybde -= 1
            if self._blok_dybde == 0:
                slut = self.tekst.find(">", self._offset()) + 1
                self._blok.slut = slut
                self.blokke.append(self._blok)
                self._blok = None

    def _afslut(self, samler: str):
        tekst = re.sub(r"\s+", " ", "".join(self._tekst.pop(samler, []))).strip()
        if samler == "blok_titel" and self._blok is not None:
            self._blok.titel = tekst
        elif samler == "blok_kilde" and self._blok is not None:
            if "Kilde" in tekst:
                kilde = tekst[tekst.index("Kilde"):]
                self._blok.kilde = (self._blok.kilde + " " + kilde).strip()
                self.om.kilder.append(kilde)
        elif samler == "titel":
            self.om.titel = tekst
        elif samler == "kicker":
            kommune, _, periode = tekst.partition(" · ")
            self.om.kommune, self.om.periode = kommune.strip(), periode.strip()
        elif samler in ("undertitel", "demo", "bemaerkninger"):
            setattr(self.om, samler, tekst)
        elif samler == "dt":
            self._dt = tekst
        elif samler == "dd" and self._dt is not None:
            self.om.stempel[self._dt] = tekst
            self._dt = None

    def handle_data(self, data):
        for _, samler in self._stak:
            if samler:
                self._tekst.setdefault(samler, []).append(data)


def _laes(tekst: str) -> _Laeser:
    p = _Laeser(tekst)
    p.feed(tekst)
    p.close()
    return p


def blokke(tekst: str) -> list[Blok]:
    """The page's figure and table blocks, in page order."""
    return _laes(tekst).blokke


def om_briefen(tekst: str) -> OmBriefen:
    """Title, kommune, period, demo banner, sources (each block's 'Kilde …' line, once) and stamp."""
    om = _laes(tekst).om
    om.kilder = list(dict.fromkeys(k.rstrip(". ") for k in om.kilder))
    return om


# A block's opening tag as brief.py writes it, and any section tag of a block class (written otherwise too)
_BLOK_START = re.compile(r'<section class="nt-blok nt-(?:figur|tabel)blok[^"<>]*" id="([^"<>]*)">')
_BLOK_SEKTION = re.compile(r"<section\b[^>]*\bnt-(?:figur|tabel)blok\b", re.I)


def unikke_id(tekst: str) -> str:
    """The page with every block id unique: a repeated id gets '-2', '-3', … (also in its CSV file name).
    A page whose ids are already unique comes back unchanged: when every block is as brief.py writes it,
    that is seen without parsing the page (a tenth of a batch worker's time per brief)."""
    egne = _BLOK_START.findall(tekst)
    if len(set(egne)) == len(egne) == len(_BLOK_SEKTION.findall(tekst)):
        return tekst
    alle = blokke(tekst)
    brugt = {b.id for b in alle}
    set_: dict[str, int] = {}
    dele, forrige = [], 0
    for b in alle:
        n = set_.get(b.id, 0) + 1
        set_[b.id] = n
        if n == 1:
            continue
        nyt = f"{b.id}-{n}"
        while nyt in brugt:
            n += 1
            nyt = f"{b.id}-{n}"
        brugt.add(nyt)
        sektion = tekst[b.start:b.slut]
        sektion = sektion.replace(f'id="{b.id}"', f'id="{nyt}"', 1)
        sektion = sektion.replace(f'download="{b.id}.csv"', f'download="{nyt}.csv"', 1)
        dele += [tekst[forrige:b.start], sektion]
        forrige = b.slut
    return "".join(dele) + tekst[forrige:] if dele else tekst


def fodnote(tekst: str, tema: str | None = None, *, kommune=None, periode=None) -> str:
    """The PDF footer for a page: 'Ballerup Kommune · juni 2018 · Ledighed · dannet 2. december 2026 kl.
    09.50' (+ ' · DEMODATA' for a demo brief; tema: the brief's title unless given). The full stamp, code
    version included, ends the brief itself. `kommune` (a `geo.Omraade`) and `periode` (a `Periode`) are the
    job's, resolved when it was made: given, they are used as they are, and the page is read only for what
    the page alone knows (its title, when it was made, demo data or not)."""
    om = om_briefen(tekst)
    dele = [kommune.fuldt_navn if kommune is not None else om.kommune,
            periode.tekst if periode is not None else om.periode, tema or om.titel]
    if om.stempel.get("Dannet"):
        dele.append(f"dannet {om.stempel['Dannet']}")
    if om.demo:
        dele.append("DEMODATA")
    return " · ".join(html_mod.unescape(d) for d in dele if d)
