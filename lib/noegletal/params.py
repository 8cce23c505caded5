"""Validation of brief parameters: the checks every brief shares, in one place.

papermill only warns about unknown names, so each notebook's first cell is one call, `tema.valider(kommune,
periode, sammenligning, maaneder, …)`. Every tema's `valider` calls `valider()` here for what all briefs
check (the kommune with `geo.kommune`, the one kommune check; the period, a month or the committee's quarter or
year shown by its last month, `periods.udvalgets_maaned`; the
comparison areas; `maaneder`; that the month has data, `kraev_periode`) and adds only its own checks, such
as a target (`valider_maal`, one message form for every tema). A bad value fails here with a Danish message
that lists what is valid or the nearest match.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from . import catalogue, config, data, geo, grupper, klynger, themes
from .errors import ManglendeData, UgyldigParameter, ekko
from .geo import Omraade
from .periods import Periode, hvilke_tal, periode, udvalgets_maaned, udvalgsperiode

MAANEDER_MIN, MAANEDER_MAX = 2, 120
INTET_MAAL = ("", "intet", "ingen", "none")  # besides the tema's own number for "no target"
INTET_MAAL_TEKST = "intet"  # the stamp: "Mål for nye fleksjob: intet"
ALLE_MAALTAL = "alle"  # the `maaltal` parameter's default: every indicator shows its måltal


@dataclass(frozen=True)
class BriefParametre:
    tema: str
    kommune: Omraade
    periode: Periode  # the month every monthly figure is of
    sammenligning: tuple[Omraade, ...]
    maaneder: int
    ekstra: dict = field(default_factory=dict)  # the tema's own parameters as the stamp says them
    vaerdier: dict = field(default_factory=dict)  # the same as the tema uses them (a target as a number)
    spurgt: Periode | None = None  # the quarter or year the committee asked for, shown by `periode` (its last month)

    @property
    def udvalg(self) -> Periode:
        """The period the brief is for, as its heading and stamp say it: the quarter or year asked for, else the
        month."""
        return self.spurgt or self.periode

    @property
    def hvilke_tal(self) -> str:
        """For a quarter or year: which figures are whose ('månedstal er fra juni 2023 og kvartalstal fra 2. kvartal
        2023'); empty for a month."""
        return hvilke_tal(self.spurgt) if self.spurgt else ""

    @property
    def region(self) -> Omraade:
        """The kommune's region; for a group of kommuner, the region all its members are in (else Hele landet)."""
        return geo.faelles_region(self.kommune) or geo.hele_landet()

    @property
    def er_gruppe(self) -> bool:
        """The brief is about a group of kommuner (a shared jobcenter, Hovedstadsområdet, the user's own)."""
        return self.kommune.niveau == geo.GRUPPE

    @property
    def serie_fra(self) -> Periode:
        """The first month of the brief's time series: `maaneder` months that end with the period."""
        return self.periode.shift(-(self.maaneder - 1))

    @property
    def omraader(self) -> list[Omraade]:
        """The kommune first, then its comparison areas."""
        return [self.kommune, *self.sammenligning]

    def med(self, vaerdier: dict | None = None, **ekstra) -> BriefParametre:
        """The same parameters with a tema's own checked ones added: `ekstra` for the stamp, `vaerdier` for use."""
        return dataclasses.replace(self, ekstra={**self.ekstra, **ekstra}, vaerdier={**self.vaerdier, **(vaerdier or {})})

    def som_tekst(self) -> dict:
        """Plain values for the stamp (no secrets ever pass through parameters)."""
        return {"tema": self.tema, "kommune": self.kommune.navn, "periode": self.udvalg.kode,
                **({"maanedstal": self.periode.kode} if self.spurgt else {}),
                "sammenligning": ", ".join(o.navn for o in self.sammenligning), "maaneder": self.maaneder,
                **{k: v for k, v in self.ekstra.items()},
                **({"grupper": " · ".join(d)} if (d := grupper.definitioner(self.omraader)) else {})}


def valider(
    tema: str,
    kommune: str,
    periode_: str,
    sammenligning: list[str] | str | None = None,
    maaneder: int = 25,
    *,
    kraev: Sequence[str] = (),
    maaned: bool = True,
    maaltal: str | Sequence[str] | None = ALLE_MAALTAL,
    **ekstra,
) -> BriefParametre:
    """What every brief checks, in this order: the tema, the kommune, the period (with `maaned`, a month, or a
    quarter or year asked for and shown by its last month: `periods.udvalgets_maaned`), the comparison areas
    (none given: Hele landet and the kommune's region), `maaneder`, that the month has data in every indicator
    of `kraev`, and `maaltal` (`valider_maaltal`). `ekstra` goes to the stamp as it is."""
    tema = config.tema(tema)
    data.erklaer(tema, themes.kontrakt(tema).laeser)  # from here on, a read the theme did not declare fails
    k = grupper.kommune_eller_gruppe(kommune)
    spurgt = udvalgsperiode(periode_) if maaned else periode(periode_)
    p = udvalgets_maaned(spurgt) if maaned else spurgt
    spurgt = spurgt if spurgt != p else None
    if isinstance(sammenligning, str):
        sammenligning = [s for s in sammenligning.split(",") if s.strip()]
    if not sammenligning:
        region = BriefParametre(tema, k, p, (), 2).region
        sammenligning = [geo.HELE_LANDET, *([region.navn] if region.niveau == geo.REGION else [])]
    comp = tuple(o for o in dict.fromkeys(klynger.omraade(s, p) for s in sammenligning) if o != k)
    try:
        m = int(maaneder)
    except (TypeError, ValueError, OverflowError):  # OverflowError: 1e400 is read as infinity
        raise UgyldigParameter(f"maaneder skal være et helt tal mellem {MAANEDER_MIN} og {MAANEDER_MAX}, ikke '{ekko(maaneder)}'.") from None
    if not MAANEDER_MIN <= m <= MAANEDER_MAX:
        raise UgyldigParameter(f"maaneder skal være mellem {MAANEDER_MIN} og {MAANEDER_MAX}, ikke {m}.")
    for indikator in kraev:
        kraev_periode(indikator, p, spurgt)
    vist = valider_maaltal(maaltal)
    stempel = {} if vist is None else {"maaltal": ", ".join(sorted(vist)) or "ingen"}
    return BriefParametre(tema, k, p, comp, m, {**ekstra, **stempel}, {} if vist is None else {"maaltal": vist},
                          spurgt=spurgt)


def valider_maaltal(vaerdi: str | Sequence[str] | None) -> frozenset[str] | None:
    """Which indicators show the kommune's måltal: None for every one ('alle', the default), an empty set for
    none ('ingen' or empty), else the named indicators (comma-separated or a list; what a report's dokument.yml
    says under `maaltal:`). An unknown name fails with the nearest ones."""
    if vaerdi is None or (isinstance(vaerdi, str) and vaerdi.strip().lower() == ALLE_MAALTAL):
        return None
    navne = [n.strip() for n in (vaerdi.split(",") if isinstance(vaerdi, str) else vaerdi) if str(n).strip()]
    if [n.lower() for n in navne] == ["ingen"]:
        return frozenset()
    kendte = catalogue.indicators()
    for n in navne:
        if n not in kendte:
            import difflib

            forslag = difflib.get_close_matches(n, list(kendte), n=3)
            mente = f" Mente du: {', '.join(forslag)}?" if forslag else ""
            raise UgyldigParameter(f"maaltal: '{ekko(n)}' er ikke en indikator.{mente} Skriv '{ALLE_MAALTAL}', "
                                   "'ingen' eller indikatorer adskilt af komma; `noegletal indikatorer` viser dem.")
    return frozenset(navne)


def kraev_periode(indikator: str, p: Periode, spurgt: Periode | None = None) -> None:
    """A period without data fails: a month missing inside the table's span says so on its own ("2016M05
    mangler i y25i01 …"); one outside gets the span that has data. `spurgt`: the quarter or year asked for,
    whose last month `p` is (the message names both)."""
    have = data.perioder(indikator)
    code = p.kode if not have or len(have[0]) == len(p.kode) else str(p.aar) if len(have[0]) == 4 else p.kvartal().kode
    if code not in have:
        hul = data.hul_besked(catalogue.indicator(indikator).table, code)
        if hul:
            raise ManglendeData(hul)
        span = f"{have[0]} til {have[-1]}" if have else "ingen perioder"
        hvad = f"{spurgt.tekst} ({spurgt.kode}; månedstal fra {p.tekst})" if spurgt else f"{p.tekst} ({p.kode})"
        raise ManglendeData(
            f"Der er ingen data for {hvad} i '{indikator}'. Data findes fra {span}. "
            "Vælg en periode i det interval, eller hent nyere data med `noegletal data fetch`."
        )


@dataclass(frozen=True)
class Maal:
    """A theme's target parameter, one shape for every theme: the parameter's name, what it must be and an
    example (for the message), the value that means no target, its limits, and how the stamp says a target."""

    parameter: str
    hvad: str
    eksempel: str
    tekst: Callable[[float], str]
    intet: int = 0
    heltal: bool = False
    hoejst: float | None = None

    def valider(self, vaerdi) -> float | int | None:
        return valider_maal(vaerdi, self.parameter, self.hvad, self.eksempel, intet=self.intet, heltal=self.heltal,
                            hoejst=self.hoejst)

    def som_tekst(self, maal_: float | None) -> str:
        """The target as the stamp shows it, or 'intet'."""
        return INTET_MAAL_TEKST if maal_ is None else self.tekst(maal_)

    def med(self, p: BriefParametre, vaerdi) -> BriefParametre:
        """`p` with the checked target: for use (`maal(p)`) and, in words, for the stamp."""
        m = self.valider(vaerdi)
        return p.med({"maal": m}, **{self.parameter: self.som_tekst(m)})


def maal(p: BriefParametre) -> float | int | None:
    """The target given to the theme's `valider` (None: no target)."""
    return p.vaerdier.get("maal")


def valider_maal(vaerdi, navn: str, hvad: str, eksempel: str, *, intet: int = 0, heltal: bool = False,
                 hoejst: float | None = None) -> float | int | None:
    """A tema's target parameter `navn`: a number (decimal comma or point), or no target (None).

    No target is `intet` (the parameter's documented value; when it is negative, any negative number), an
    empty text, 'intet', 'ingen' or NaN. Anything else that is not a number from 0 (up to `hoejst`; whole with
    `heltal`) fails with one message form: '<navn> skal være <hvad>, fx <eksempel>, eller <intet> for intet
    mål, ikke …'."""
    if vaerdi is None or (isinstance(vaerdi, str) and vaerdi.strip().lower() in INTET_MAAL):
        return None
    try:
        x = float(str(vaerdi).strip().replace(",", "."))
    except ValueError:
        x = None
    if x is not None and math.isnan(x):
        return None
    if x is not None and (x == intet or (intet < 0 and x < 0)):
        return None
    if x is None or not math.isfinite(x) or x < 0 or (hoejst is not None and x > hoejst) or (heltal and x != int(x)):
        raise UgyldigParameter(f"{navn} skal være {hvad}, fx {eksempel}, eller {intet} for intet mål, "
                               f"ikke '{ekko(vaerdi)}'.")
    return int(x) if heltal else x
