"""Groups of kommuner as areas: Hovedstadsområdet, jobcentre that serve more than one kommune, STAR's klynger
(klynger.py adds those, from the data) and the user's own groups in `grupper.yml` in the data folder.

A group is a `geo.Omraade` with niveau "gruppe" and its members' codes; once found here, `geo.omraade` knows
it by name, so it stands wherever an area can. Its numbers are never stored: data.py computes them from the
members (counts summed, shares as the ratio of summed parts). Reading layer, without pandas: checking a brief
for a group loads only the reference CSVs and the groups file.

grupper.yml (a list; `navn` and `medlemmer` required, `note` optional):

    - navn: Vestegnen
      medlemmer: [Albertslund, Brøndby, Glostrup, Høje-Taastrup, Ishøj, Vallensbæk, 169]
      note: Vestegnens kommuner
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass
from functools import lru_cache

import yaml

from . import config, geo
from .errors import UgyldigParameter, UkendtOmraade
from .geo import GRUPPE, KOMMUNE, Omraade

GRUPPEFIL = "grupper.yml"
FELTER = ("navn", "medlemmer", "note")

HOVEDSTADSOMRAADET = "Hovedstadsområdet"
# Planloven § 5 a, stk. 1 (LBK nr. 572 af 29/05/2024 og tidligere): "Hovedstadsområdet omfatter Region
# Hovedstaden med undtagelse af Bornholms Regionskommune og Greve, Køge, Lejre, Roskilde, Solrød og Stevns
# Kommuner"; Fingerplan 2019 gælder for de samme 34 kommuner. The members are derived from kommuner.csv.
_HOVEDSTAD_REGION, _HOVEDSTAD_UDEN = "Region Hovedstaden", ("Bornholm",)
_HOVEDSTAD_PLUS = ("Greve", "Køge", "Lejre", "Roskilde", "Solrød", "Stevns")
_HOVEDSTAD_KILDE = ("planloven § 5 a og Fingerplanen: Region Hovedstaden uden Bornholm, plus Greve, Køge, Lejre, "
                    "Roskilde, Solrød og Stevns")

INDBYGGET, JOBCENTER, KLYNGE, EGEN = "indbygget", "jobcenter", "klynge", "egen"


@dataclass(frozen=True)
class Gruppe:
    """A group of kommuner: its name, members (kommuner, in the order of `geo.kommuner()`), where it comes from
    (`slags`: indbygget, jobcenter, klynge, egen) and the source said in words."""

    navn: str
    medlemmer: tuple[Omraade, ...]
    slags: str
    kilde: str
    note: str = ""
    aliaser: tuple[str, ...] = ()

    @property
    def kode(self) -> str:
        return "g:" + geo._norm(self.navn)

    @property
    def omraade(self) -> Omraade:
        return Omraade(self.kode, self.navn, GRUPPE, None, tuple(m.kode for m in self.medlemmer))

    def definition(self) -> str:
        """'Hovedstadsområdet: 34 kommuner (Albertslund, …); kilde: planloven § 5 a …' for the stamp and the list."""
        navne = ", ".join(m.navn for m in self.medlemmer)
        note = f"; {self.note}" if self.note else ""
        return f"{self.navn}: {len(self.medlemmer)} kommuner ({navne}); kilde: {self.kilde}{note}"


def _ordnet(medlemmer) -> tuple[Omraade, ...]:
    valgt = {m.kode for m in medlemmer}
    return tuple(k for k in geo.kommuner() if k.kode in valgt)


@lru_cache(maxsize=1)
def indbyggede() -> tuple[Gruppe, ...]:
    """Hovedstadsområdet and the jobcentre that serve more than one kommune (reference/jobcentre.csv, which
    names them as STAR does: 'Vallensbæk/Ishøj'; 'Ishøj-Vallensbæk' finds it too)."""
    hoved = [k for k in geo.kommuner() if geo.region_for(k).navn == _HOVEDSTAD_REGION and k.navn not in _HOVEDSTAD_UDEN]
    hoved += [geo.kommune(n) for n in _HOVEDSTAD_PLUS]
    out = [Gruppe(HOVEDSTADSOMRAADET, _ordnet(hoved), INDBYGGET, _HOVEDSTAD_KILDE)]
    centre: dict[str, dict] = {}
    for r in geo._jobcentre():
        c = centre.setdefault(r["jobcenter"], {"koder": set(), "fra": r["fra"], "til": r["til"]})
        c["koder"].add(r["kommune_kode"])
    for navn, c in centre.items():
        if len(c["koder"]) > 1:
            aar = f"{c['fra']}-{c['til']}" if c["til"].strip() else f"fra {c['fra']}"
            dele = [d.strip() for d in navn.split("/")]
            aliaser = tuple({"-".join(dele), "-".join(reversed(dele))} - {navn}) if len(dele) > 1 else ()
            out.append(Gruppe(navn, _ordnet(geo.omraade(k) for k in c["koder"]), JOBCENTER,
                              f"STAR: ét jobcenter for kommunerne ({aar}; reference/jobcentre.csv)", aliaser=aliaser))
    return tuple(out)


# --- the user's groups -------------------------------------------------------------------------------------

def gruppefil():
    """Where the user's groups are: grupper.yml in the data folder."""
    return config.data_dir() / GRUPPEFIL


def egne() -> tuple[Gruppe, ...]:
    """The user's groups from grupper.yml, checked (none when there is no file)."""
    sti = gruppefil()
    if not sti.is_file():
        return ()
    return _egne(str(sti), sti.stat().st_mtime_ns)


def fil_indhold() -> bytes | None:
    sti = gruppefil()
    return sti.read_bytes() if sti.is_file() else None


@lru_cache(maxsize=4)
def _egne(sti: str, mtime: int) -> tuple[Gruppe, ...]:
    with open(sti, encoding="utf-8") as f:
        tekst = f.read()
    return laes_egne(tekst, GRUPPEFIL)


def _linje(node) -> int:
    return node.start_mark.line + 1


def laes_egne(tekst: str, filnavn: str = GRUPPEFIL) -> tuple[Gruppe, ...]:
    """Check the text of a groups file and return its groups; every error is collected, and the file is refused
    with all of them, each naming the group's number, its line and the field."""
    try:
        rod = yaml.compose(tekst, Loader=yaml.SafeLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        hvor = f", linje {mark.line + 1}" if mark else ""
        raise UgyldigParameter(f"{filnavn}{hvor}: filen kan ikke læses som YAML ({getattr(e, 'problem', e)}). "
                               "Ret den, så hver gruppe er et punkt med 'navn:' og 'medlemmer:'.") from None
    if rod is None:
        return ()
    if isinstance(rod, yaml.MappingNode) and [k.value for k, _ in rod.value] == ["grupper"]:
        rod = rod.value[0][1]
    if not isinstance(rod, yaml.SequenceNode):
        raise UgyldigParameter(f"{filnavn}, linje {_linje(rod)}: filen skal være en liste af grupper, hver med "
                               "'navn:' og 'medlemmer:' (se eksemplet i `noegletal grupper --help`).")
    fejl: list[str] = []
    ud: list[Gruppe] = []
    optaget = {geo._norm(a): g.navn for g in indbyggede() for a in (g.navn, *g.aliaser)}
    for nr, node in enumerate(rod.value, start=1):
        hvor = f"{filnavn}, gruppe {nr} (linje {_linje(node)})"
        if not isinstance(node, yaml.MappingNode):
            fejl.append(f"{hvor}: en gruppe skal have felterne 'navn' og 'medlemmer', fx '- navn: Naboer'.")
            continue
        felter = {k.value: v for k, v in node.value}
        navn_node = felter.get("navn")
        navn = str(navn_node.value).strip() if isinstance(navn_node, yaml.ScalarNode) else ""
        if navn:
            hvor = f"{filnavn}, gruppe {nr} '{navn}' (linje {_linje(node)})"
        for ukendt in [f for f in felter if f not in FELTER]:
            forslag = difflib.get_close_matches(str(ukendt), FELTER, n=1)
            fejl.append(f"{hvor}, felt '{ukendt}': ukendt felt." + (f" Mente du: {forslag[0]}?" if forslag else "")
                        + f" Felterne er {', '.join(FELTER)}.")
        if not navn:
            fejl.append(f"{hvor}, felt 'navn': gruppen mangler et navn. Skriv fx 'navn: Naboer'.")
        else:
            try:
                o = geo.omraade(navn)
                if o.niveau != GRUPPE:
                    fejl.append(f"{hvor}, felt 'navn': '{navn}' er navnet på {_hvad(o)} ({o.navn}). Giv gruppen "
                                "et andet navn.")
                    o = None
            except UkendtOmraade:
                o = None
            if geo._norm(navn) in optaget:
                fejl.append(f"{hvor}, felt 'navn': '{navn}' er navnet på den indbyggede gruppe "
                            f"{optaget[geo._norm(navn)]}. Giv gruppen et andet navn.")
            elif geo._norm(navn) in {geo._norm(g.navn) for g in ud}:
                fejl.append(f"{hvor}, felt 'navn': der er allerede en gruppe med navnet '{navn}'.")
        note_node = felter.get("note")
        note = str(note_node.value).strip() if isinstance(note_node, yaml.ScalarNode) and note_node.value else ""
        m_node = felter.get("medlemmer")
        medlemmer: list[Omraade] = []
        if m_node is None or (isinstance(m_node, yaml.ScalarNode) and not str(m_node.value).strip()):
            fejl.append(f"{hvor}, felt 'medlemmer': gruppen har ingen kommuner. Skriv fx "
                        "'medlemmer: [Ballerup, Herlev, 165]'.")
            continue
        elementer = m_node.value if isinstance(m_node, yaml.SequenceNode) else [
            yaml.ScalarNode("tag:yaml.org,2002:str", s.strip(), m_node.start_mark, m_node.end_mark)
            for s in str(m_node.value).split(",") if s.strip()]
        if not elementer:
            fejl.append(f"{hvor}, felt 'medlemmer': gruppen har ingen kommuner. En tom gruppe kan ikke "
                        "sammenlignes med; skriv mindst én kommune.")
        for el in elementer:
            tekst_ = str(el.value).strip() if isinstance(el, yaml.ScalarNode) else ""
            sted = f"{hvor}, felt 'medlemmer', linje {_linje(el)}"
            try:
                k = geo.omraade(tekst_)
            except UkendtOmraade as e:
                fejl.append(f"{sted}: {str(e).split(' Skriv ')[0]} Skriv kommunens navn eller kode; "
                            "`noegletal kommuner` viser dem alle.")
                continue
            if k.niveau != KOMMUNE:
                fejl.append(f"{sted}: '{tekst_}' er {_hvad(k)}, ikke en kommune. En gruppe består af kommuner.")
            elif k in medlemmer:
                fejl.append(f"{sted}: {k.navn} står to gange i gruppen.")
            else:
                medlemmer.append(k)
        if navn and medlemmer:
            ud.append(Gruppe(navn, _ordnet(medlemmer), EGEN, f"egen gruppe i {filnavn} (gruppe {nr})", note))
    if fejl:
        vist = fejl[:20]
        flere = f"\n… og {len(fejl) - 20} fejl mere." if len(fejl) > 20 else ""
        raise UgyldigParameter(f"{filnavn} har {len(fejl)} fejl og bruges ikke, før de er rettet:\n- "
                               + "\n- ".join(vist) + flere)
    return tuple(ud)


def _hvad(o: Omraade) -> str:
    return {KOMMUNE: "en kommune", geo.REGION: "en region", geo.LAND: "hele landet", GRUPPE: "en gruppe"}[o.niveau]


# --- finding groups ----------------------------------------------------------------------------------------

_EKSTRA: dict[str, Gruppe] = {}  # groups found elsewhere (klynger.py: STAR's klynger from the data), by code


def registrer(gruppe: Gruppe) -> Gruppe:
    """Make a group known here and to `geo.omraade` (by its name, its aliases and its code)."""
    o = geo.registrer_gruppe(gruppe.omraade)
    for alias in gruppe.aliaser:
        geo._GRUPPER[geo._norm(alias)] = o
    if gruppe.slags not in (INDBYGGET, JOBCENTER, EGEN):
        _EKSTRA[gruppe.kode] = gruppe
    return gruppe


def alle() -> list[Gruppe]:
    """The built-in groups, then the user's, then any found elsewhere (klynger), each made known to geo."""
    out = [*indbyggede(), *egne()]
    koder = {g.kode for g in out}
    out += [g for k, g in _EKSTRA.items() if k not in koder]
    for g in out:
        registrer(g)
    return out


def gruppe(navn_eller_omraade: str | Omraade) -> Gruppe:
    """A group by name, alias or code ('Hovedstadsområdet', 'hovedstadsomraadet', 'Ishøj-Vallensbæk')."""
    if isinstance(navn_eller_omraade, Omraade):
        navn_eller_omraade = navn_eller_omraade.kode
    tekst = str(navn_eller_omraade).strip()
    key = geo._norm(tekst)
    for g in alle():
        if tekst == g.kode or key in {geo._norm(n) for n in (g.navn, *g.aliaser)}:
            return g
    navne = [g.navn for g in alle()]
    forslag = difflib.get_close_matches(tekst, navne, n=3, cutoff=0.6)
    raise UkendtOmraade(f"Ukendt gruppe: '{tekst}'." + (f" Mente du: {', '.join(forslag)}?" if forslag else "")
                        + " `noegletal grupper` viser alle grupper.")


def omraade(navn: str | Omraade) -> Omraade:
    """Any area: a kommune, a region, Hele landet (geo.omraade) or a group. An unknown name fails with the
    nearest areas and groups."""
    if isinstance(navn, Omraade):
        return navn
    try:
        return geo.omraade(navn)
    except UkendtOmraade as e:
        besked = str(e)
    try:
        return gruppe(navn).omraade
    except UkendtOmraade:
        pass
    forslag = difflib.get_close_matches(geo._norm(str(navn)), [geo._norm(g.navn) for g in alle()], n=2, cutoff=0.6)
    if forslag:
        navne = {geo._norm(g.navn): g.navn for g in alle()}
        besked += f" Grupper med et lignende navn: {', '.join(navne[f] for f in forslag)}."
    raise UkendtOmraade(besked + " `noegletal grupper` viser grupperne af kommuner.")


def kommune_eller_gruppe(navn: str | Omraade) -> Omraade:
    """A brief's own area: a kommune (geo.kommune, the one kommune check) or a group of kommuner."""
    o = omraade(navn)
    if o.niveau in (KOMMUNE, GRUPPE):
        return o
    return geo.kommune(o)  # refuses a region or Hele landet with its message


def er_gruppe(o) -> bool:
    return isinstance(o, Omraade) and o.niveau == GRUPPE


def definitioner(omraader) -> list[str]:
    """The definitions of the groups among some areas, for a brief's stamp."""
    return [gruppe(o).definition() for o in omraader if er_gruppe(o)]


def fingeraftryk(navne) -> str:
    """A hash of the definitions of the groups named among `navne` (names, codes or areas; unknown names are left
    out): a brief's receipt includes it, so editing one group in grupper.yml remakes only the briefs that use it."""
    tekster = []
    for n in navne:
        try:
            o = omraade(n)
        except (UkendtOmraade, UgyldigParameter):
            continue
        if er_gruppe(o):
            tekster.append(gruppe(o).definition())
    return hashlib.sha256("\n".join(sorted(tekster)).encode("utf-8")).hexdigest() if tekster else ""
