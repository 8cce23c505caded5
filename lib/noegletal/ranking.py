"""Placing an area in a group, as STAR's Jobcenteroverblik does ("Nr. 3 af 22 jobcentre i klyngen").

Generic: every function works on a Series of values indexed by area (name or code) and knows nothing
about klynger or indicators. What it adds to a bare sort:

- A missing value is never ranked: not as 0, not as last. The area is listed as "Ikke rangeret", and the
  group size counts only the areas that have a value.
- Ties share the better place (competition ranking 1-2-2-4), so equal values never get different places.
- Direction is explicit: `lavest_bedst=True` when a lower value is better (forsørgertryk, ledighed).
- Thirds are defined for any group size, also when it is not divisible by 3.
- `plads_spaend` says which places the data can actually tell apart: areas with the same published
  (rounded) figure, or a share resting on so few persons that its interval covers neighbours, could be in
  either order; then the place is a span ("nr. 5-9"), not a number.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from . import fmt

IKKE_RANGERET = "Ikke rangeret"
SAMME_PLACERING = "Samme placering"
INGEN_SAMMENLIGNING = "Ingen placering at sammenligne med"

# A third at a glance: a shape that survives greyscale print and a word that says it.
TREDJEDEL_NAVN = {1: "øverste", 2: "midterste", 3: "nederste"}
TREDJEDEL_MARKOER = {1: "▲", 2: "■", 3: "▼"}


def _serie(vaerdier: pd.Series | Mapping) -> pd.Series:
    s = pd.Series(vaerdier, dtype="object") if not isinstance(vaerdier, pd.Series) else vaerdier
    return pd.to_numeric(s, errors="coerce").astype(float)


def rangering(vaerdier: pd.Series | Mapping, lavest_bedst: bool = True) -> pd.DataFrame:
    """Place every area in the group. One row per area (the input's index), best first, unranked last.

    Columns: vaerdi, plads (Int64; <NA> when the value is missing), antal (how many are ranked),
    tredjedel (Int64, 1-3), rangeret (bool). Ties share the better place (1-2-2-4).
    """
    v = _serie(vaerdier)
    ok = v.notna()
    noegle = v if lavest_bedst else -v
    plads = noegle[ok].rank(method="min", ascending=True).astype(int)
    antal = int(ok.sum())
    out = pd.DataFrame({"vaerdi": v})
    out["plads"] = pd.array([plads.get(i) if ok[i] else pd.NA for i in v.index], dtype="Int64")
    out["antal"] = antal
    out["tredjedel"] = pd.array([tredjedel(int(p), antal) if not pd.isna(p) else pd.NA for p in out["plads"]],
                                dtype="Int64")
    out["rangeret"] = ok.to_numpy()
    # Best first; unranked last in their original order (never sorted as if they were a value).
    orden = sorted(range(len(out)), key=lambda i: (not out["rangeret"].iloc[i],
                                                   out["plads"].iloc[i] if out["rangeret"].iloc[i] else 0, i))
    return out.iloc[orden]


def tredjedel(plads: int, antal: int) -> int:
    """1 = øverste, 2 = midterste, 3 = nederste tredjedel.

    The top and bottom thirds are equally large (antal / 3, rounded) and the middle takes the rest, so
    turning the direction round turns the thirds round: 22 → 7/8/7, 23 → 8/7/8, 4 → 1/2/1, 2 → 1/0/1.
    """
    if antal < 1 or not 1 <= plads <= antal:
        raise ValueError(f"Plads {plads} findes ikke i en gruppe på {antal}.")
    yder = round(antal / 3)
    if plads <= yder:
        return 1
    if plads > antal - yder:
        return 3
    return 2


def tredjedel_tekst(t, markoer: bool = True, kort: bool = False) -> str:
    """'▲ Øverste tredjedel' ('▲ Øverste' with kort, under a header that says 'tredjedel');
    a missing third is said as 'Ikke rangeret'."""
    if t is None or pd.isna(t):
        return IKKE_RANGERET
    t = int(t)
    tekst = TREDJEDEL_NAVN[t].capitalize() + ("" if kort else " tredjedel")
    return f"{TREDJEDEL_MARKOER[t]} {tekst}" if markoer else tekst


def placering_tekst(plads, antal: int) -> str:
    """'Nr. 3 af 22'; 'Ikke rangeret' without a place."""
    if plads is None or pd.isna(plads):
        return IKKE_RANGERET
    return f"Nr. {int(plads)} af {int(antal)}"


def bevaegelse(nu, foer) -> str:
    """Move since the last period: '2 pladser bedre', 'Samme placering', '1 plads dårligere'.

    A lower place number is better. Without both places there is nothing to compare with.
    """
    if nu is None or pd.isna(nu):
        return IKKE_RANGERET
    if foer is None or pd.isna(foer):
        return INGEN_SAMMENLIGNING
    d = int(foer) - int(nu)
    if d == 0:
        return SAMME_PLACERING
    ord_ = "plads" if abs(d) == 1 else "pladser"
    return f"{abs(d)} {ord_} {'bedre' if d > 0 else 'dårligere'}"


def plads_spaend(vaerdier: pd.Series | Mapping, omraade, lavest_bedst: bool = True, *,
                 decimaler: int | None = None,
                 interval: tuple[float, float] | None = None) -> tuple[int, int] | None:
    """The best and the worst place the area could have, given what the data can tell apart.

    - `decimaler`: compare the values as published (rounded); areas with the same published figure could
      be in either order.
    - `interval`: the area's own value could lie anywhere in (lo, hi), e.g. a Wilson interval for a share
      resting on few persons.
    (plads, plads) means the place is carried by the data; None means the area is not ranked.
    """
    v = _serie(vaerdier).dropna()
    if omraade not in v.index:
        return None
    if decimaler is not None:
        v = v.map(lambda x: round(x, decimaler))
    egen = v[omraade]
    lo = hi = egen
    if interval is not None and not any(fmt.er_mangler(x) for x in interval):
        lo, hi = min(lo, interval[0]), max(hi, interval[1])
    andre = v.drop(omraade)
    if lavest_bedst:
        bedst = 1 + int((andre < lo).sum())
        vaerst = 1 + int((andre <= hi).sum())
    else:
        bedst = 1 + int((andre > hi).sum())
        vaerst = 1 + int((andre >= lo).sum())
    return bedst, vaerst


def er_usikker(spaend: tuple[int, int] | None) -> bool:
    """True when the data cannot tell the area's place from its neighbours'."""
    return spaend is not None and spaend[0] != spaend[1]


def spaend_tekst(spaend: tuple[int, int] | None) -> str:
    """'nr. 5-9', or 'nr. 3' when the place is carried by the data."""
    if spaend is None:
        return IKKE_RANGERET
    a, b = spaend
    return f"nr. {a}" if a == b else f"nr. {a}-{b}"


def bevaegelse_sikker(nu: tuple[int, int] | None, foer: tuple[int, int] | None) -> bool:
    """A move counts only when the two spans do not overlap: otherwise it is within what the data carry."""
    if nu is None or foer is None:
        return False
    return nu[1] < foer[0] or foer[1] < nu[0]


def ikke_rangerede(tabel: pd.DataFrame) -> list:
    """The areas without a value (from `rangering`), for 'X og Y er ikke rangeret (ingen tal)'."""
    return [i for i, r in tabel.iterrows() if not r["rangeret"]]


