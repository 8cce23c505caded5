"""The report's shape: an optional `dokument.yml` says its title, chapters, comparison areas and måltal.

The committee's nøgletalsdokument follows the strategy, not the themes: its chapters are the strategy's areas,
each a few figures from several briefs. The file (kommentarer/<periode>/<kommune>/dokument.yml, or
`noegletal rapport --dokument FIL`)::

    titel: Nøgletal for beskæftigelsesstrategien
    sammenligning: [Hovedstadsområdet, Hele landet]
    maaltal: [ledighedsprocent, kontanthjaelp_beskaeftigede_opvisiterede_andel]
    kapitler:
      - tema: overblik
      - titel: Flere i job
        blokke: [ledighed-officiel-ledighedsprocent-saesonkorrigeret, overblik-andel-paa-offentlig-forsoergelse-16-66-aar]

Every key is optional. A chapter is a tema (its whole brief) or a title with blocks by their id in the report
(the tema, a hyphen and the block's id in its brief, as `noegletal kommentar` lists them). `maaltal` names the
indicators that carry måltal in the report: the chapters' briefs get it as their `maaltal` parameter (a block of
another indicator shows no måltal line, column or sentence), and the key points keep only these måltal; `[]` is
none. Without the key, every måltal is shown. Without the file the report is today's. A bad file gets a Danish
error with its line (DokumentFejl); a block id the report does not have is named with the ids it has.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import catalogue, config, themes
from .errors import DokumentFejl
from .periods import periode as parse_periode

NAVN = "dokument.yml"
NOEGLER = ("titel", "sammenligning", "maaltal", "kapitler")


@dataclass(frozen=True)
class Kapitel:
    titel: str | None = None
    tema: str | None = None
    blokke: tuple[str, ...] = ()


@dataclass(frozen=True)
class Dokument:
    titel: str | None = None
    sammenligning: tuple[str, ...] = ()
    maaltal: tuple[str, ...] | None = None
    kapitler: tuple[Kapitel, ...] = field(default_factory=tuple)


def standard_fil(kommune: str, periode: str) -> Path:
    from . import grupper

    return config.kommentarer_dir() / parse_periode(periode).kode / grupper.omraade(kommune).navn / NAVN


def _linje(node) -> int:
    return node.start_mark.line + 1


def _tekst(node, kilde: str, hvad: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise DokumentFejl(f"{kilde}, linje {_linje(node)}: {hvad} skal være en tekst.")
    return str(node.value).strip()


def _liste(node, kilde: str, hvad: str) -> list[tuple[str, int]]:
    if isinstance(node, yaml.ScalarNode):
        return [(v.strip(), _linje(node)) for v in str(node.value).split(",") if v.strip()]
    if not isinstance(node, yaml.SequenceNode):
        raise DokumentFejl(f"{kilde}, linje {_linje(node)}: {hvad} skal være en liste, fx [a, b].")
    return [(_tekst(n, kilde, f"hvert punkt i {hvad}"), _linje(n)) for n in node.value]


def fra_tekst(tekst: str, kilde: str = NAVN) -> Dokument:
    """Parse and check a dokument.yml (DokumentFejl with the line on any problem)."""
    try:
        rod = yaml.compose(tekst)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        linje = f", linje {mark.line + 1}" if mark else ""
        raise DokumentFejl(f"{kilde}{linje}: filen er ikke gyldig YAML ({getattr(e, 'problem', e)}). "
                           "Ret indrykningen eller tegnet på linjen.") from None
    if rod is None:
        return Dokument()
    if not isinstance(rod, yaml.MappingNode):
        raise DokumentFejl(f"{kilde}, linje {_linje(rod)}: filen skal bestå af nøgler ({', '.join(NOEGLER)}).")
    ud: dict = {}
    for k, v in rod.value:
        navn = str(k.value)
        if navn not in NOEGLER:
            raise DokumentFejl(f"{kilde}, linje {_linje(k)}: ukendt nøgle '{navn}'. Brug {', '.join(NOEGLER)}.")
        if navn == "titel":
            ud["titel"] = _tekst(v, kilde, "titel")
        elif navn == "sammenligning":
            omr = []
            for o, nr in _liste(v, kilde, "sammenligning"):
                try:
                    from . import grupper

                    omr.append(grupper.omraade(o).navn)
                except Exception as e:  # noqa: BLE001 - the area's own Danish message, with our line
                    raise DokumentFejl(f"{kilde}, linje {nr}: {e}") from None
            ud["sammenligning"] = tuple(omr)
        elif navn == "maaltal":
            kendte = catalogue.indicators()
            for ind, nr in _liste(v, kilde, "maaltal"):
                if ind not in kendte:
                    raise DokumentFejl(f"{kilde}, linje {nr}: '{ind}' er ikke en indikator. "
                                       "`noegletal indikatorer` viser alle.")
            ud["maaltal"] = tuple(i for i, _ in _liste(v, kilde, "maaltal"))
        else:
            ud["kapitler"] = tuple(_kapitler(v, kilde))
    return Dokument(**ud)


def _kapitler(node, kilde: str) -> list[Kapitel]:
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        raise DokumentFejl(f"{kilde}, linje {_linje(node)}: kapitler skal være en liste med mindst ét kapitel "
                           "('- tema: ledighed' eller '- titel: …' med 'blokke: [...]').")
    ud = []
    for n in node.value:
        if not isinstance(n, yaml.MappingNode):
            raise DokumentFejl(f"{kilde}, linje {_linje(n)}: et kapitel er enten 'tema: <tema>' eller en titel "
                               "med 'blokke: [...]'.")
        felter = {str(k.value): (k, v) for k, v in n.value}
        for navn, (k, _) in felter.items():
            if navn not in ("tema", "titel", "blokke"):
                raise DokumentFejl(f"{kilde}, linje {_linje(k)}: ukendt nøgle '{navn}' i et kapitel. "
                                   "Brug tema, titel og blokke.")
        titel = _tekst(felter["titel"][1], kilde, "titel") if "titel" in felter else None
        if "tema" in felter:
            tema = _tekst(felter["tema"][1], kilde, "tema")
            if tema not in themes.navne():
                raise DokumentFejl(f"{kilde}, linje {_linje(felter['tema'][1])}: '{tema}' er ikke et tema. "
                                   f"Temaerne er {', '.join(themes.navne())}.")
            if "blokke" in felter:
                raise DokumentFejl(f"{kilde}, linje {_linje(felter['blokke'][0])}: et kapitel er et tema eller "
                                   "en liste af blokke, ikke begge.")
            ud.append(Kapitel(titel, tema))
            continue
        if "blokke" not in felter or titel is None:
            raise DokumentFejl(f"{kilde}, linje {_linje(n)}: et kapitel uden tema skal have både 'titel' og "
                               "'blokke'.")
        blokke = _liste(felter["blokke"][1], kilde, "blokke")
        if not blokke:
            raise DokumentFejl(f"{kilde}, linje {_linje(felter['blokke'][1])}: kapitlet '{titel}' har ingen blokke.")
        ud.append(Kapitel(titel, None, tuple(b for b, _ in blokke)))
    return ud


def laes(sti: str | Path) -> Dokument:
    sti = Path(sti)
    if not sti.is_file():
        raise DokumentFejl(f"{sti} findes ikke" + (" (det er en mappe)" if sti.is_dir() else "")
                           + ". Angiv stien til en dokument.yml.")
    try:
        tekst = sti.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DokumentFejl(f"{sti.name} er ikke UTF-8. Gem den som UTF-8 og prøv igen.") from None
    return fra_tekst(tekst, sti.name)
