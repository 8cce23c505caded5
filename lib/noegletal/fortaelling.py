""""Hvad viser figuren?" and "Hvordan er figuren lavet?": plain Danish sentences computed from the data,
never typed by hand.

Works on the tidy frames from `data.serie()` (columns omraade_kode, omraade, periode, vaerdi, …).
A missing value is said to be missing, not compared as if it were a number. A sentence more than one brief
says lives here once (the comparison sentence, 'k af n', 'bygger på få personer'); the themes call it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import fmt, geo, usikkerhed
from .figures import opremsning  # 'A, B og C', as in the charts' alt texts
from .periods import Periode, periode

ENHEDER = {"pct": "pct.", "personer": "personer", "fuldtidspersoner": "fuldtidspersoner", "antal": "",
           "forloeb": "forløb", "samtaler": "samtaler"}
ENTAL = {"personer": "person", "fuldtidspersoner": "fuldtidsperson", "samtaler": "samtale"}
# Differences smaller than this (in the unit shown) are called "på niveau med" (over_under, themes); a
# comparison sentence also calls two values "på niveau med" when they read the same as shown (`paa_niveau`).
NIVEAU_TOLERANCE = {"pct": 0.05}


def vaerdi(df: pd.DataFrame, omraade, p: str | Periode) -> float:
    """The value for one area and period, NaN when absent or missing."""
    code, p = geo.omraade(omraade).kode, periode(p)
    hvor = np.flatnonzero(((df["omraade_kode"] == code) & (df["periode"] == p.kode)).to_numpy())
    return float(df["vaerdi"].iloc[hvor[0]]) if len(hvor) else float("nan")  # only the value column is taken


def med_enhed(x, enhed: str, decimaler: int | None = None) -> str:
    if fmt.er_mangler(x):
        return "ikke oplyst"
    d = _decimaler(enhed) if decimaler is None else decimaler
    if enhed == "pct":
        return fmt.pct(x, d)
    unit = ENHEDER.get(enhed, enhed)
    if fmt.tal(x, d) == "1":
        unit = ENTAL.get(unit, unit)
    return f"{fmt.tal(x, d)} {unit}".strip()


def paa_niveau(x, y, enhed: str, decimaler: int | None = None) -> bool:
    """Two values that read the same as the sentence shows them (28 and 28; 2,2 and 2,2 pct.) are "på niveau
    med" each other: a sentence never calls one higher than a number it prints as equal."""
    d = _decimaler(enhed) if decimaler is None else decimaler
    return fmt.tal(x, d) == fmt.tal(y, d)


def stoej(df: pd.DataFrame, omraade, til: str | Periode | None = None) -> float | None:
    """An indicator's usual movement: the median size of its change from one period to the next, over the
    area's periods in `df` up to `til`. None with fewer than 3 such changes (too little to say what is usual).

    A change over a year that is no larger than this is "stort set uændret" (`lille_aendring`): the indicator
    moves that much from one month to the next anyway, so calling it steget or faldet would read noise as news."""
    s = _serie(df, omraade)
    if til is not None:
        s = s[s.index <= periode(til).kode]
    skridt = s.diff().abs().dropna()
    return float(skridt.median()) if len(skridt) >= 3 else None


def lille_aendring(d, stoej_: float | None) -> bool:
    """A change no larger than the usual movement between two periods (`stoej`); False when that is unknown."""
    return stoej_ is not None and not fmt.er_mangler(d) and abs(d) <= stoej_


def flere_faerre(n, flertal: str = "", ental: str = "") -> str:
    """A difference in a count, in Danish count grammar: '1 mere', '2 flere', '1 mindre', '3 færre';
    with a noun '1 fuldtidsperson mere', '33 flere fuldtidspersoner'."""
    antal = round(abs(float(n)))
    if antal == 1:
        return f"1 {ental} {'mere' if n > 0 else 'mindre'}".replace("  ", " ")
    return f"{fmt.tal(antal)} {'flere' if n > 0 else 'færre'} {flertal}".strip()


def niveau(navn: str, x, enhed: str, p: str | Periode, hvad: str = "") -> str:
    """'I oktober 2017 var andelen 33,3 pct. i Ballerup.'"""
    p = periode(p)
    if fmt.er_mangler(x):
        return f"Der er ikke oplyst et tal for {navn} i {p.tekst}."
    subject = f"{hvad} " if hvad else ""
    return f"I {p.tekst} var {subject}{med_enhed(x, enhed)} i {navn}.".replace("  ", " ")


def aendring(navn: str, nu, foer, enhed: str, p: str | Periode, skridt: int = 12,
             stoej_: float | None = None) -> str:
    """Change against `skridt` periods earlier: procentpoint for shares, number and pct. for counts. A change
    within the indicator's usual movement (`stoej_`, see `stoej`) is "stort set uændret"."""
    p = periode(p)
    tidligere = p.shift(-skridt)
    if fmt.er_mangler(nu) or fmt.er_mangler(foer):
        return f"Udviklingen siden {tidligere.tekst} kan ikke opgøres for {navn}, fordi et af tallene mangler."
    d = nu - foer
    if enhed == "pct":
        if round(d, 1) == 0:
            return f"Andelen i {navn} er uændret siden {tidligere.tekst} ({fmt.pct(foer)})."
        if lille_aendring(d, stoej_):
            return (f"Andelen i {navn} er stort set uændret siden {tidligere.tekst} ({fmt.pct(foer)}; "
                    f"{fmt.pct_point(d)}).")
        retning = "steget" if d > 0 else "faldet"
        return (f"Andelen i {navn} er {retning} {fmt.tal(abs(d), 1)} {fmt.PROCENTPOINT} siden {tidligere.tekst} "
                f"({fmt.pct(foer)}).")
    if round(d) == 0:
        return f"Antallet i {navn} er uændret siden {tidligere.tekst} ({med_enhed(foer, enhed)})."
    if lille_aendring(d, stoej_):
        rel = f", {fmt.aendring(100 * d / foer)}" if foer else ""
        return f"Antallet i {navn} er stort set uændret siden {tidligere.tekst} ({med_enhed(foer, enhed)}{rel})."
    retning = "steget" if d > 0 else "faldet"
    rel = f" ({fmt.aendring(100 * d / foer)})" if foer else ""
    return f"Antallet i {navn} er {retning} med {med_enhed(abs(d), enhed)}{rel} siden {tidligere.tekst}."


def sammenligning(navn: str, x, andre: list[tuple[str, float]], enhed: str,
                  interval: tuple[float, float] | None = None, decimaler: int | None = None) -> str:
    """'Det er højere end Hele landet (33,2 pct.) og lavere end Region Hovedstaden (35,0 pct.).'

    Values that read the same at the precision shown (`decimaler`, else the unit's) are "på niveau med"
    (`paa_niveau`). With an `interval` (the uncertainty of x when it rests on few persons), a comparison value
    inside it is said to be within the uncertainty instead of higher or lower."""
    if fmt.er_mangler(x):
        return ""
    tol = NIVEAU_TOLERANCE.get(enhed, 0.5)
    parts = []
    for andet, y in andre:
        vist = med_enhed(y, enhed, decimaler)
        if fmt.er_mangler(y):
            parts.append(f"for {andet} er tallet ikke oplyst")
        elif interval and interval[0] <= y <= interval[1]:
            parts.append(f"ikke sikkert forskelligt fra {andet} ({vist}), for forskellen er mindre end usikkerheden")
        elif abs(x - y) < tol or paa_niveau(x, y, enhed, decimaler):
            parts.append(f"på niveau med {andet} ({vist})")
        else:
            parts.append(f"{'højere' if x > y else 'lavere'} end {andet} ({vist})")
    if not parts:
        return ""
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " og " + parts[-1]
    return f"Det er {joined}."


def hvad_viser(df: pd.DataFrame, kommune, sammenlign: list, p: str | Periode, enhed: str,
               hvad: str = "", skridt: int = 12, interval: tuple[float, float] | None = None) -> list[str]:
    """The three standard sentences: latest value, change over `skridt` periods, comparison
    (within `interval`, the kommune's uncertainty, a difference is not called higher or lower)."""
    k = geo.omraade(kommune)
    p = periode(p)
    nu = vaerdi(df, k, p)
    out = [niveau(k.navn, nu, enhed, p, hvad)]
    if not fmt.er_mangler(nu):
        out.append(aendring(k.navn, nu, vaerdi(df, k, p.shift(-skridt)), enhed, p, skridt, stoej(df, k, p)))
        comp = sammenligning(k.navn, nu, [(geo.omraade(o).navn, vaerdi(df, o, p)) for o in sammenlign], enhed, interval)
        if comp:
            out.append(comp)
    return out + gruppe_grunde(df, [k, *sammenlign])


def gruppe_grunde(df: pd.DataFrame, omraader: list) -> list[str]:
    """Why a group of kommuner among the areas has no value (data.serie puts it in `attrs['grunde']`):
    'Vallensbæk/Ishøj: Ishøj mangler for maj 2018, så Vallensbæk/Ishøj har intet tal for maj 2018.'"""
    grunde = df.attrs.get("grunde", {})
    navne = [geo.omraade(o).navn for o in omraader]
    return [f"{grunde[n][:1].upper()}{grunde[n][1:]}." for n in navne if n in grunde]


def mod_maal(x, maal, enhed: str, hvad: str = "målet", maal_tekst: str | None = None) -> str:
    """A value against a target: 'Det er 5 personer under målet på 120 personer (96 pct. af målet).'

    `maal_tekst` says the target in words when the unit alone is not enough ('120 nye fleksjob om året').
    For shares the distance is in procentpoint and there is no 'pct. of the target'. A missing value is
    said to be missing; without a target (None or NaN) the sentence is empty."""
    if fmt.er_mangler(maal):
        return ""
    paa = f"{hvad} på {maal_tekst or (fmt.pct(maal) if enhed == 'pct' else med_enhed(maal, enhed))}"
    if fmt.er_mangler(x):
        return f"Om {paa} er nået, kan ikke opgøres, fordi tallet mangler."
    d = x - maal
    if enhed == "pct":
        if round(d, 1) == 0:
            return _punktum(f"Det svarer til {paa}")
        return _punktum(f"Det er {fmt.tal(abs(d), 1)} {fmt.PROCENTPOINT} {'over' if d > 0 else 'under'} {paa}")
    andel = f" ({fmt.tal(100 * x / maal)} pct. af {hvad})" if maal else ""
    if round(d) == 0:
        return f"Det svarer til {paa}{andel}."
    return f"Det er {med_enhed(abs(d), enhed)} {'over' if d > 0 else 'under'} {paa}{andel}."


# --- over time, across groups (first used by the aktivering brief) ----------------------------------------

PERIODE_ORD = {"M": "måneder", "K": "kvartaler", "Å": "år"}
# Spread (max - min) under which a series is called stable: procentpoint for shares, a fraction of the
# mean for counts.
STABIL_TOLERANCE = {"pct": 1.0}
STABIL_RELATIV = 0.05


def _stort(tekst: str) -> str:
    return tekst[:1].upper() + tekst[1:]


def _decimaler(enhed: str) -> int:
    return 1 if enhed == "pct" else 0


def _punktum(tekst: str) -> str:
    """One full stop at the end, also after 'pct.'."""
    return tekst if tekst.endswith(".") else tekst + "."


def _mellem(a, b, enhed: str) -> str:
    """'16,6 og 17,4 pct.' / '450 og 480 fuldtidspersoner': the unit once, after the second number."""
    return f"{fmt.tal(a, _decimaler(enhed))} og {med_enhed(b, enhed)}"


def _serie(df: pd.DataFrame, omraade) -> pd.Series:
    """One area's values by period code, missing values dropped."""
    code = geo.omraade(omraade).kode
    s = df[df["omraade_kode"] == code].set_index("periode")["vaerdi"].astype(float)
    return s.dropna().sort_index()


def stabilitet(df: pd.DataFrame, omraade, p: str | Periode, antal: int = 6, enhed: str = "pct",
               hvad: str = "andelen", tolerance: float | None = None) -> str:
    """How the latest `antal` periods went: 'Fra december 2017 til maj 2018 har aktiveringsgraden i
    Ballerup ligget stabilt mellem 16,6 og 17,4 pct.' (or steget/faldet fra … til …, or svinget mellem)."""
    o, p = geo.omraade(omraade), periode(p)
    start = p.shift(-(antal - 1))
    s = _serie(df, o)
    s = s[(s.index >= start.kode) & (s.index <= p.kode)]
    if len(s) < 2:
        return f"Udviklingen fra {start.tekst} til {p.tekst} kan ikke opgøres for {o.navn}, fordi tallene mangler."
    intro = f"Fra {periode(s.index[0]).tekst} til {periode(s.index[-1]).tekst}"
    if tolerance is None:
        tolerance = STABIL_TOLERANCE.get(enhed, STABIL_RELATIV * abs(s.mean()))
    spaend = s.max() - s.min()
    if spaend <= tolerance:
        if round(s.max(), _decimaler(enhed)) == round(s.min(), _decimaler(enhed)):
            return _punktum(f"{intro} har {hvad} i {o.navn} ligget stabilt på {med_enhed(s.iloc[-1], enhed)}")
        return _punktum(f"{intro} har {hvad} i {o.navn} ligget stabilt mellem {_mellem(s.min(), s.max(), enhed)}")
    d = s.iloc[-1] - s.iloc[0]
    if abs(d) >= spaend / 2:
        retning = "steget" if d > 0 else "faldet"
        return _punktum(f"{intro} er {hvad} i {o.navn} {retning} fra {fmt.tal(s.iloc[0], _decimaler(enhed))} til "
                        f"{med_enhed(s.iloc[-1], enhed)}")
    return _punktum(f"{intro} har {hvad} i {o.navn} svinget mellem {_mellem(s.min(), s.max(), enhed)}")


def over_under(df: pd.DataFrame, omraade, andet, enhed: str = "pct", hvad: str = "andelen") -> str:
    """Across all periods of the frame: 'Aktiveringsgraden i Ballerup har været lavere end i Hele landet i
    alle 25 måneder fra maj 2016 til maj 2018.' Empty when fewer than two periods have both values."""
    o, a = geo.omraade(omraade), geo.omraade(andet)
    begge = pd.concat([_serie(df, o), _serie(df, a)], axis=1, keys=["x", "y"]).dropna()
    n = len(begge)
    if n < 2:
        return ""
    tol = NIVEAU_TOLERANCE.get(enhed, 0.5)
    forskellige = begge["x"].round(_decimaler(enhed)) != begge["y"].round(_decimaler(enhed))  # as shown
    hoejere = int(((begge["x"] > begge["y"] + tol) & forskellige).sum())
    lavere = int(((begge["x"] < begge["y"] - tol) & forskellige).sum())
    ord_ = PERIODE_ORD[periode(begge.index[0]).frekvens]
    spaend = f"fra {periode(begge.index[0]).tekst} til {periode(begge.index[-1]).tekst}"
    emne = f"{_stort(hvad)} i {o.navn} har været"
    if lavere == n or hoejere == n:
        return f"{emne} {'lavere' if lavere == n else 'højere'} end i {a.navn} i alle {n} {ord_} {spaend}."
    niveau_ = n - hoejere - lavere
    rest = f" og på niveau i {niveau_}" if niveau_ else ""
    return (f"{emne} højere end i {a.navn} i {hoejere} og lavere i {lavere}{rest} af de {n} {ord_} "
            f"{spaend}.")


def _retning(rel: float, stoej_rel: float | None = None) -> str:
    if round(rel, 1) == 0:
        return "uændret"
    if lille_aendring(rel, stoej_rel):
        return f"stort set uændret ({fmt.aendring(rel)})"
    return f"{'steget' if rel > 0 else 'faldet'} {fmt.tal(abs(rel), 1)} pct."


def udvikling(df: pd.DataFrame, kommune, sammenlign: list, p: str | Periode, hvad: str = "antallet",
              skridt: int = 12, enhed: str = "antal") -> list[str]:
    """A count's change over `skridt` periods, and the same change in per cent for the comparison areas
    (counts of different-sized areas compare only as relative changes). A change within the count's usual
    movement between two periods in `df` (`stoej`) is "stort set uændret":
    'Antallet af fuldtidsaktiverede i Ballerup er faldet fra 490 i maj 2017 til 460 i maj 2018 (-6,1 pct.).'
    'I samme periode er antallet af fuldtidsaktiverede faldet 2,0 pct. i Hele landet.'"""
    k, p = geo.omraade(kommune), periode(p)
    tidligere = p.shift(-skridt)
    nu, foer = vaerdi(df, k, p), vaerdi(df, k, tidligere)
    if fmt.er_mangler(nu) or fmt.er_mangler(foer):
        return [f"Udviklingen siden {tidligere.tekst} kan ikke opgøres for {k.navn}, fordi et af tallene mangler."]
    if round(nu - foer) == 0:
        out = [f"{_stort(hvad)} i {k.navn} er uændret siden {tidligere.tekst} ({med_enhed(nu, enhed)})."]
    elif lille_aendring(nu - foer, stoej(df, k, p)):
        rel = f" ({fmt.aendring(100 * (nu - foer) / foer)})" if foer else ""
        out = [_punktum(f"{_stort(hvad)} i {k.navn} er stort set uændret: {fmt.tal(foer, _decimaler(enhed))} i "
                        f"{tidligere.tekst} og {med_enhed(nu, enhed)} i {p.tekst}{rel}")]
    else:
        rel = f" ({fmt.aendring(100 * (nu - foer) / foer)})" if foer else ""
        out = [_punktum(f"{_stort(hvad)} i {k.navn} er {'steget' if nu > foer else 'faldet'} fra "
                        f"{fmt.tal(foer, _decimaler(enhed))} i {tidligere.tekst} til {med_enhed(nu, enhed)} i "
                        f"{p.tekst}{rel}")]
    dele = []
    for o in sammenlign:
        o = geo.omraade(o)
        a, b = vaerdi(df, o, p), vaerdi(df, o, tidligere)
        if fmt.er_mangler(a) or fmt.er_mangler(b) or not b:
            dele.append(f"ikke opgjort i {o.navn}")
        else:
            s = stoej(df, o, p)
            dele.append(f"{_retning(100 * (a - b) / b, None if s is None else 100 * s / b)} i {o.navn}")
    if dele:
        out.append(_punktum(f"I samme periode er {hvad} {opremsning(dele)}"))
    return out


def hoejest_lavest(vaerdier, enhed: str = "pct", hvad: str = "andelen") -> str:
    """'Aktiveringsgraden er højest for uddannelseshjælp (29,8 pct.) og lavest for sygedagpenge (6,1 pct.).'
    `vaerdier` maps group names (as they should read in the sentence) to values; missing ones are left out."""
    v = {str(n): float(x) for n, x in dict(vaerdier).items() if not fmt.er_mangler(x)}
    if len(v) < 2:
        return ""
    d = _decimaler(enhed)
    top, bund = max(round(x, d) for x in v.values()), min(round(x, d) for x in v.values())
    if top == bund:
        return f"{_stort(hvad)} er den samme for alle ({med_enhed(top, enhed)})."
    hoej = opremsning(n for n, x in v.items() if round(x, d) == top)
    lav = opremsning(n for n, x in v.items() if round(x, d) == bund)
    return (f"{_stort(hvad)} er højest for {hoej} ({med_enhed(top, enhed)}) og lavest for {lav} "
            f"({med_enhed(bund, enhed)}).")


def k_af_n(k, n, flertal: str = "personer", ental: str = "person") -> str:
    """'6 af 11 fuldtidspersoner, svarende til 55 pct. (95 pct.-interval: 28-79 pct.)': usikkerhed.k_af_n
    for any unit (fuldtidspersoner, forløb)."""
    if fmt.er_mangler(k) or fmt.er_mangler(n) or n <= 0:
        return fmt.MANGLER
    lo, hi = usikkerhed.wilson(k, n)
    enhed = ental if n == 1 else flertal
    return (f"{fmt.tal(k)} af {fmt.tal(n)} {enhed}, svarende til {fmt.tal(100 * k / n)} pct. "
            f"({fmt.INTERVAL_95}: {fmt.tal(lo)}-{fmt.tal(hi)} pct.)")


# --- changes told per series, and compared between areas (first used by the ledighed brief) ---------------

def relativ_aendring(nu, foer) -> float:
    """Change in pct. of the earlier value; NaN when a value is missing or the earlier value is 0."""
    if fmt.er_mangler(nu) or fmt.er_mangler(foer) or foer == 0:
        return float("nan")
    return 100 * (nu - foer) / foer


def sammenlign_aendring(x, andre: list[tuple[str, float]], tol: float = 0.05) -> str:
    """Compare a relative change (pct.) with other areas' changes, in words that keep the direction:
    'Det er en mindre stigning end i Hele landet (+13,2 pct.) og Region Hovedstaden (+13,0 pct.).'
    A change the other way is said as such ('modsat udviklingen i Hele landet (-2,0 pct.)')."""
    if fmt.er_mangler(x):
        return ""
    grupper: dict[str, list[str]] = {}
    for navn, y in andre:
        if fmt.er_mangler(y):
            grupper.setdefault("ikke til at sammenligne med", []).append(f"{navn}, hvor tallet ikke er oplyst")
            continue
        if abs(x - y) < tol or fmt.aendring(x) == fmt.aendring(y):  # the same as shown: on level
            frase = "på niveau med"
        elif round(x, 1) == 0:
            frase = "uændret, i modsætning til"
        elif (x > 0) != (y > 0) or round(y, 1) == 0:
            frase = "modsat udviklingen i"
        elif x > 0:
            frase = f"en {'større' if x > y else 'mindre'} stigning end i"
        else:
            frase = f"et {'større' if x < y else 'mindre'} fald end i"
        grupper.setdefault(frase, []).append(f"{navn} ({fmt.aendring(y)})")
    if not grupper:
        return ""
    return f"Det er {opremsning(f'{frase} {opremsning(navne)}' for frase, navne in grupper.items())}."


def retning_samlet(aendringer: list[tuple[str, float]], enhed: str = "antal", indledning: str | None = None,
                   orden: tuple[str, str, str] = ("faldet", "steget", "uændret")) -> str:
    """One sentence over several series' changes: 'Antallet er faldet for 18-29-årige og langtidsledige og
    steget for ikke-vestlige.' `aendringer` are (name, now minus before) or (name, now minus before, usual
    movement, see `stoej`): a change within the usual movement is "stort set uændret"; a missing one is named.
    `indledning` replaces 'Antallet er' ('Siden maj 2017 er antallet af aktiverede borgere'); `orden` is the
    order the directions are told in."""
    decimaler = 1 if enhed == "pct" else 0
    grupper: dict[str, list[str]] = {retning: [] for retning in (*orden, "stort set uændret")}
    mangler = []
    for navn, d, *s in aendringer:
        if fmt.er_mangler(d):
            mangler.append(navn)
        elif round(d, decimaler) == 0:
            grupper["uændret"].append(navn)
        elif lille_aendring(d, s[0] if s else None):
            grupper["stort set uændret"].append(navn)
        else:
            grupper["steget" if d > 0 else "faldet"].append(navn)
    if indledning is None:
        indledning = f"{'Andelen' if enhed == 'pct' else 'Antallet'} er"
    dele = [f"{retning} for {opremsning(navne)}" for retning, navne in grupper.items() if navne]
    out = f"{indledning} {opremsning(dele)}." if dele else ""
    if mangler:
        out += f" For {opremsning(mangler)} kan udviklingen ikke opgøres, fordi et tal mangler."
    return out.strip()


def hoejeste(df: pd.DataFrame, omraade, enhed: str, hvad: str = "værdi") -> str:
    """'Den højeste andel i perioden fra juli 2021 til juni 2023 var 43,4 pct. i februar 2021.'
    Empty when the area has no values in `df`."""
    code = geo.omraade(omraade).kode
    s = df[(df["omraade_kode"] == code) & df["vaerdi"].notna()]
    if s.empty:
        return ""
    foerste, sidste = periode(df["periode"].min()), periode(df["periode"].max())
    top = s.loc[s["vaerdi"].idxmax()]
    return (f"Den højeste {hvad} i perioden fra {foerste.tekst} til {sidste.tekst} var "
            f"{med_enhed(top['vaerdi'], enhed)} i {periode(top['periode']).tekst}.")


# --- sentences every brief says (first written in each theme, now here once) -----------------------------

def _navn(omraade) -> str:
    return getattr(omraade, "navn", None) or str(omraade)


def saetning(tekst: str) -> str:
    """A phrase as a sentence of its own: capital first letter, one full stop ('hver måned …' → 'Hver måned ….')."""
    return _punktum(_stort(tekst))


def hver_maaned(fra: str | Periode, til: str | Periode) -> str:
    """'hver måned fra juni 2016 til juni 2018'"""
    return f"hver måned fra {periode(fra).tekst} til {periode(til).tekst}"


def maaneder_med_tal(df: pd.DataFrame) -> str:
    """`hver_maaned` over the months of a tidy frame that have a value; 'ingen måneder med tal' without any."""
    perioder = df.loc[df["vaerdi"].notna(), "periode"]
    if perioder.empty:
        return "ingen måneder med tal"
    return hver_maaned(perioder.min(), perioder.max())


def sammenlignet_med(kommune, andre, naar: str = "", efter: str = "") -> str:
    """The comparison sentence under "Hvordan er figuren lavet?": 'Ballerup sammenlignet med Hele landet og
    Region Hovedstaden, hver måned fra juni 2016 til juni 2018.' `kommune` and `andre` are areas or names;
    `naar` follows after a comma (fx `hver_maaned(…)`), `efter` as it is (': andele, fordi …')."""
    navne = opremsning(_navn(o) for o in andre) or "ingen andre områder"
    return f"{_navn(kommune)} sammenlignet med {navne}{', ' + naar if naar else ''}{efter}."


def interval_ved_faa(k, n) -> tuple[float, float] | None:
    """The Wilson 95 pct.-interval of k of n when n is few persons (usikkerhed's threshold), else None. Passed to
    `sammenligning`/`hvad_viser`, a comparison value inside it is not called higher or lower."""
    if usikkerhed.er_smaa_tal(n) and n > 0 and not fmt.er_mangler(k) and 0 <= k <= n:
        return usikkerhed.wilson(k, n)
    return None


def faa_personer(k, n, hvad: str = "Andelen") -> str:
    """'Andelen bygger på få personer: 6 af 11 personer, svarende til 55 pct. (95 pct.-interval: 28-79 pct.).'"""
    return f"{hvad} bygger på få personer: {k_af_n(k, n)}."


def grundlag(k, n, hvem: str, hvad: str = "Andelen", hvor: str = "") -> str:
    """The persons behind a share: 'Det svarer til 124 af 799 {hvem}.' On few persons instead `faa_personer`
    and that a few persons more or less (`hvor`: 'på ledighedsydelse') move the share much. Empty when a
    number is missing or there is nobody."""
    if fmt.er_mangler(k) or fmt.er_mangler(n) or n <= 0:
        return ""
    if usikkerhed.er_smaa_tal(n):
        hvor = f" {hvor}" if hvor else ""
        return f"{faa_personer(k, n, hvad)} Få personer mere eller mindre{hvor} flytter andelen meget."
    return f"Det svarer til {fmt.tal(k)} af {fmt.tal(n)} {hvem}."

