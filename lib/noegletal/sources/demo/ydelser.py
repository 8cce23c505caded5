"""Recipients of each ydelse (fuldtidspersoner and persons) and the tables built on them.

One national path per ydelse (pct. of the 16-66-årige) with seasonality and the 2020 Covid jump in
dagpenge, times a kommune level. Inside, the demo keeps the twelve ydelser of Ballerup's Tabel 1 (2020);
every table is cut from these same counts in the live v3 shape, so the tables agree with each other:

- ptv_a02: the catalogue's ten ydelsesgrupper. 'Kontanthjælp' is kontanthjælp, uddannelseshjælp and
  selvforsørgelses- og hjemrejseydelse together, as v3's kontanthjælp (y60a02) is.
- y01a02, y08a02, y09a02: a-dagpenge, fleksjob and ledighedsydelse, without dimensions.
- y60a02: the kontanthjælp group by sats × visitationskategori; the two Mindstesats values are the former
  integrationsydelse (selvforsørgelses- og hjemrejseydelse).
- egne tables (what a user would import): arbejdsmarkedsstatus, kontanthjaelp_maal, fleksjob_timer,
  fleksjob_tilgang, and klynger from reference/klynger.csv (a demo assumption: klynge = DST's kommunegruppe).

Calibrated to the published figures that still map to an indicator (reference/published_mapping.yml).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ... import catalogue
from ...config import REFERENCE_DIR
from .befolkning import Befolkning, arbejdsstyrke
from .model import (
    Calibration,
    World,
    apportion,
    nearest_int,
    rounds_to,
    share,
    solve_pair,
    targets,
    to_int,
)
from ...backtest import fold
from .write import JobindsatsTable

EKSKL = "Ydelser ekskl. førtidspension og efterløn"
FP_EFTERLOEN = "Førtidspension og efterløn"
I_ALT = "I alt"
NO_SEASON = [0] * 12


@dataclass(frozen=True)
class Ydelse:
    label: str
    group: str
    knots: list  # (period, pct. of the 16-66-årige) for the country
    persons: float  # persons per fuldtidsperson in a month
    season: list = field(default_factory=lambda: NO_SEASON)
    spread: float = 0.2  # how much kommuner differ
    by_gruppe: dict = field(default_factory=dict)
    noise: float = 0.04  # month-to-month wobble; stocks like førtidspension barely move


YDELSER = [
    Ydelse("A-dagpenge mv.", EKSKL,
           [("2013M01", 2.7), ("2014M06", 2.4), ("2016M01", 2.1), ("2018M06", 1.95), ("2020M02", 1.9),
            ("2020M03", 2.3), ("2020M04", 3.2), ("2020M05", 3.2), ("2020M06", 2.95), ("2020M09", 2.6),
            ("2021M02", 2.6), ("2021M08", 1.9), ("2022M01", 1.55), ("2022M06", 1.45), ("2023M06", 1.63),
            ("2024M12", 1.75)], 1.3, [8, 5, 1, -2, -4, -2, 5, 7, -1, -5, -4, 2], 0.2,
           {"Landkommuner": 0.1, "Hovedstadskommuner": -0.05}),
    Ydelse("Sygedagpenge", EKSKL,
           [("2013M01", 2.3), ("2016M01", 2.1), ("2019M06", 2.2), ("2020M06", 2.1), ("2021M06", 2.3),
            ("2022M03", 2.6), ("2023M06", 2.2), ("2024M12", 2.1)], 1.15, [6, 6, 3, 0, -2, -3, -6, -4, 0, 1, 2, 3], 0.18,
           {"Landkommuner": 0.15, "Oplandskommuner": 0.1, "Hovedstadskommuner": -0.1, "Storbykommuner": -0.1}),
    Ydelse("Jobafklaringsforløb", EKSKL,
           [("2014M06", 0.0), ("2014M07", 0.05), ("2015M06", 0.6), ("2016M06", 0.75), ("2019M06", 0.78),
            ("2020M06", 0.55), ("2021M06", 0.5), ("2024M12", 0.6)], 1.03),
    Ydelse("Kontanthjælp", EKSKL,
           [("2013M01", 3.3), ("2013M12", 3.3), ("2014M01", 2.45), ("2016M01", 2.3), ("2019M06", 1.95),
            ("2020M06", 2.0), ("2022M06", 1.75), ("2024M12", 1.65)], 1.08, [2, 2, 1, 0, -1, -1, 0, 1, 0, -1, -1, 0],
           0.3, {"Storbykommuner": 0.2, "Hovedstadskommuner": 0.05, "Oplandskommuner": -0.15}),
    Ydelse("Selvforsørgelses- og hjemrejseydelse mv.", EKSKL,
           [("2013M01", 0.25), ("2015M01", 0.45), ("2016M06", 0.95), ("2017M06", 0.9), ("2019M06", 0.55),
            ("2020M06", 0.45), ("2022M06", 0.4), ("2024M12", 0.35)], 1.1, NO_SEASON, 0.4, {"Hovedstadskommuner": -0.1}),
    Ydelse("Uddannelseshjælp", EKSKL,
           [("2013M12", 0.0), ("2014M01", 1.35), ("2016M01", 1.3), ("2019M06", 1.1), ("2020M06", 1.15),
            ("2023M06", 1.0), ("2024M12", 1.0)], 1.1, [3, 3, 1, -1, -2, -3, 2, 4, -2, -2, -1, 0], 0.25,
           {"Storbykommuner": 0.25, "Landkommuner": -0.1}),
    Ydelse("Revalidering", EKSKL, [("2013M01", 0.12), ("2018M06", 0.05), ("2024M12", 0.03)], 1.05, NO_SEASON, 0.35),
    Ydelse("Ressourceforløb", EKSKL, [("2013M01", 0.02), ("2016M01", 0.45), ("2019M06", 0.5), ("2024M12", 0.7)], 1.03),
    Ydelse("Ledighedsydelse", EKSKL,
           [("2013M01", 0.45), ("2019M06", 0.45), ("2020M06", 0.52), ("2021M06", 0.45), ("2023M06", 0.27),
            ("2024M12", 0.27)], 1.15, [3, 2, 1, 0, -1, -1, 3, 3, 0, -1, -1, 1]),
    Ydelse("Fleksjob", EKSKL,
           [("2013M01", 1.3), ("2018M06", 1.5), ("2020M06", 1.65), ("2023M06", 1.9), ("2024M12", 2.0)], 1.06,
           [0, 0, 0, 0, 0, 0, -1, -1, 0, 0, 0, 0], noise=0.01),
    Ydelse("Førtidspension", FP_EFTERLOEN,
           [("2013M01", 6.6), ("2016M01", 6.0), ("2019M06", 5.6), ("2021M06", 5.7), ("2022M06", 5.8),
            ("2023M06", 6.0), ("2024M12", 6.25)], 1.003, NO_SEASON, 0.2,
           {"Landkommuner": 0.2, "Oplandskommuner": 0.1, "Hovedstadskommuner": -0.05, "Storbykommuner": -0.1}, 0.004),
    Ydelse("Efterløn", FP_EFTERLOEN, [("2013M01", 1.9), ("2016M01", 1.3), ("2018M06", 1.0), ("2020M06", 0.85),
                                      ("2024M12", 0.5)], 1.02, NO_SEASON, 0.2,
           {"Landkommuner": 0.2, "Storbykommuner": -0.25}, 0.01),
]
LABELS = [y.label for y in YDELSER]
DAGPENGE, KONTANTHJ, UDDHJ = "A-dagpenge mv.", "Kontanthjælp", "Uddannelseshjælp"
INTYD = "Selvforsørgelses- og hjemrejseydelse mv."
FLEKSJOB, LEDYD, FOERTID, EFTERLOEN = "Fleksjob", "Ledighedsydelse", "Førtidspension", "Efterløn"

# --- ptv_a02's ydelsesgrupper (catalogue.yml) ----------------------------------------------------------
PTV = "ptv_a02"
KH_GRUPPE = "Kontanthjælp"  # v3's kontanthjælp: also the former uddannelseshjælp and integrationsydelse
GRUPPE = {label: label for label in LABELS} | {UDDHJ: KH_GRUPPE, INTYD: KH_GRUPPE}  # internal ydelse → group
UDEN_FP_EL = "forsoergede_fuldtid_uden_fp_el"  # Tabel 1's 'SUM eksklusiv førtidspension og efterløn'
OVERLAP = 0.02  # share of the persons counted in two ydelsesgrupper in the same month


def grupper() -> list[str]:
    """ptv_a02's ydelsesgrupper in the catalogue's order; every one must have demo numbers."""
    names = list(catalogue.table(PTV).hierarchy("_ygrpa02").values)
    missing = sorted(set(names) - set(GRUPPE.values())) + sorted(set(GRUPPE.values()) - set(names))
    if missing:
        raise ValueError(f"Demodata: ydelsesgrupperne i catalogue.yml ({PTV}) og i demoen passer ikke: {missing}")
    return names


@dataclass
class Ydelser:
    pop: Befolkning
    fuldtid: dict[str, np.ndarray]  # label → (98, T) int
    personer: dict[str, np.ndarray]

    def gruppe(self, name: str, maal: str = "fuldtid") -> np.ndarray:
        """A ydelsesgruppe of ptv_a02 (98, T): the sum of its ydelser."""
        counts = self.fuldtid if maal == "fuldtid" else self.personer
        return sum(counts[label] for label in LABELS if GRUPPE[label] == name)


# --- calibration targets -------------------------------------------------------------------------------------
def add_counts(w: World, cal: Calibration, figs, t_of=None) -> None:
    for f in figs:
        cal.add(f.area_code, (t_of or w.t)(f.periode), int(f.value))


def add_shares(w: World, cal: Calibration, x: np.ndarray, den: np.ndarray, figs, pct=None, src: int | None = 1,
               t_of=None, plus: np.ndarray | None = None) -> None:
    """Targets for a numerator x so that pct(x + plus, den) rounds to each published figure (plus: a part
    of the published numerator that is already fixed)."""
    pct = pct or (lambda e, d: 100.0 * e / d)
    for f in figs:
        t = (t_of or w.t)(f.periode)
        m = w.area_mask(f.area_code)
        d = den[m, t].sum()
        fixed = plus[m, t].sum() if plus is not None else 0
        cal.add(f.area_code, t, nearest_int(x[m, t].sum(),
                                            lambda e: rounds_to(pct(e + fixed, d), f.value, f.decimals, src)))


def add_changes(w: World, cal: Calibration, x: np.ndarray, figs) -> None:
    """Targets for a 12-month change in pct.: the month a year before (moved as little as possible) and
    the month itself."""
    for f in figs:
        t = w.t(f.periode)
        m = w.area_mask(f.area_code)
        before, now = solve_pair(x[m, t - 12].sum(), lambda n: n * (1 + f.value / 100),
                                 lambda e, n: rounds_to(100.0 * (e / n - 1), f.value, f.decimals, None))
        cal.add(f.area_code, t - 12, before)
        cal.add(f.area_code, t, now)


AENDRING_POINT = "aendring_point_12m"


def _maal(cal: Calibration, area_code: str, t: int) -> int | None:
    """The value a calibration already targets for an area at a time (None: no target)."""
    m = cal.w.area_mask(area_code)
    return next((g.total for g in reversed(cal.groups) if g.t == t and (g.mask == m).all()), None)


def add_point_changes(w: World, cal: Calibration, x: np.ndarray, den: np.ndarray, figs) -> None:
    """Targets for a share's change in pct.-point from the month a year before (STAR's Figur 2): the month a
    year before, moved as little as possible, given the month itself as targeted (or as x has it) and the
    denominator `den` (98, T) at both times."""
    for f in figs:
        t = w.t(f.periode)
        m = w.area_mask(f.area_code)
        nu = _maal(cal, f.area_code, t)
        andel_nu = 100.0 * (nu if nu is not None else x[m, t].sum()) / den[m, t].sum()
        d_foer = den[m, t - 12].sum()
        cal.add(f.area_code, t - 12, nearest_int(
            x[m, t - 12].sum(), lambda e: rounds_to(andel_nu - 100.0 * e / d_foer, f.value, f.decimals, None)))


def _aendringer(indikator: str, **flt) -> list:
    """The targets of an indicator that are changes in pct.-point; `ydelsesgruppe=None`: those at the total."""
    return [f for f in targets(indikator) if f.transform == AENDRING_POINT
            and all(fold(f.filter.get(k, "")) == fold(v or "") for k, v in flt.items())]


def add_denominators(w: World, cal: Calibration, x: np.ndarray, figs) -> None:
    """Targets for a denominator, moved as little as possible so that some numerator gives each share."""
    for f in figs:
        t = w.t(f.periode)
        m = w.area_mask(f.area_code)
        n, _ = solve_pair(x[m, t].sum(), lambda n: f.value * n / 100,
                          lambda e, n: rounds_to(100.0 * e / n, f.value, f.decimals))
        cal.add(f.area_code, t, n)


# --- generation ---------------------------------------------------------------------------------------------
def _natural(w: World, pop: Befolkning) -> dict[str, np.ndarray]:
    working = pop.band("16-66").astype(float)
    out = {}
    for y in YDELSER:
        rate = np.maximum(w.curve(y.knots), 0) / 100 * w.season(y.season)
        out[y.label] = (working * rate * w.level(f"level {y.label}", y.spread, y.by_gruppe)
                        * w.wobble(f"fuldtid {y.label}", y.noise))
    return out


def _kontanthjaelp_fuldtid(w: World, natural: dict, fuldtid: dict, pop: Befolkning) -> dict[str, np.ndarray]:
    """The kontanthjælp group's three ydelser: the group is calibrated (to its own published figures, and to
    Tabel 1's SUM without førtidspension and efterløn less the other groups), then split by natural size."""
    members = [label for label in LABELS if GRUPPE[label] == KH_GRUPPE]
    cal = Calibration(w)
    add_counts(w, cal, targets("forsoergede_fuldtid", ydelsesgruppe=KH_GRUPPE))
    in_sum = set(catalogue.indicator(UDEN_FP_EL).filter["ydelsesgruppe"])
    others = [label for label in LABELS if GRUPPE[label] in in_sum and GRUPPE[label] != KH_GRUPPE]
    for f in targets(UDEN_FP_EL):
        t, m = w.t(f.periode), w.area_mask(f.area_code)
        cal.add(f.area_code, t, int(f.value) - int(sum(fuldtid[label][m, t].sum() for label in others)))
    # The total over all ydelsesgrupper (STAR's ydelsesmodtagere, e.g. jobcentret Vallensbæk/Ishøj), less the
    # other groups, and the total's change in pct.-point of the 16-66-årige a year before.
    alle_andre = [label for label in LABELS if GRUPPE[label] != KH_GRUPPE]
    uden = sum(fuldtid[label] for label in alle_andre)
    total = Calibration(w)
    for f in targets("forsoergede_fuldtid"):
        if "ydelsesgruppe" not in f.filter and f.transform is None:
            total.add(f.area_code, w.t(f.periode), int(f.value))
    add_point_changes(w, total, uden + sum(natural[label] for label in members), pop.band("16-66"),
                      _aendringer("forsoergede_pct", ydelsesgruppe=None))
    for g in total.groups:
        m = g.mask
        cal.groups = [h for h in cal.groups if not (h.t == g.t and (h.mask == m).all())]
        cal.groups.append(type(g)(m, g.t, g.total - int(uden[m, g.t].sum()), g.level))
    group = cal.run(sum(natural[label] for label in members))
    parts = apportion(group, np.stack([natural[label] for label in members]))
    return dict(zip(members, parts))


def build(w: World, pop: Befolkning) -> Ydelser:
    grupper()  # the catalogue's groups and the demo's agree
    natural = _natural(w, pop)
    fuldtid = {}
    for y in YDELSER:
        if GRUPPE[y.label] == KH_GRUPPE:
            continue
        cal = Calibration(w)
        add_counts(w, cal, targets("forsoergede_fuldtid", ydelsesgruppe=GRUPPE[y.label]))
        add_point_changes(w, cal, natural[y.label], pop.band("16-66"),
                          _aendringer("forsoergede_pct", ydelsesgruppe=GRUPPE[y.label]))
        fuldtid[y.label] = cal.run(natural[y.label])
    fuldtid.update(_kontanthjaelp_fuldtid(w, natural, fuldtid, pop))
    personer = {}
    for y in YDELSER:
        # at least one person per fuldtidsperson, so the cap below rarely moves a calibrated count
        x = fuldtid[y.label] * np.maximum(y.persons * w.wobble(f"personer {y.label}", 0.015), 1.0)
        cal = Calibration(w)
        if y.label == DAGPENGE:
            add_changes(w, cal, x, targets("dagpenge_personer"))
        if y.label == FOERTID:
            add_changes(w, cal, x, targets("forsoergede_personer", ydelsesgruppe=GRUPPE[FOERTID]))
        if y.label == FLEKSJOB:
            add_counts(w, cal, targets("fleksjob_personer"))
        if y.label == KONTANTHJ:
            add_denominators(w, cal, x, targets("kontanthjaelp_beskaeftigede_opvisiterede_andel"))
        personer[y.label] = cal.run(x)
        fuldtid[y.label] = np.minimum(fuldtid[y.label], personer[y.label])  # nobody counts more than once
    return Ydelser(pop, {k: fuldtid[k] for k in LABELS}, {k: personer[k] for k in LABELS})


def _stack(w: World, arrays: list[np.ndarray]) -> np.ndarray:
    return np.stack([w.areas_of(a) for a in arrays])


def _four_measures(w: World, yd: Ydelser, personer: np.ndarray, fuldtid: np.ndarray) -> dict[str, np.ndarray]:
    """The four measures of y01a02, y08a02, y09a02 and y60a02 from (n, 98, T) counts."""
    fa = _stack(w, list(fuldtid))
    labour = w.areas_of(arbejdsstyrke(w, yd.pop))[None]
    working = w.areas_of(yd.pop.band("16-66"))[None]
    return {
        "Antal personer": _stack(w, list(personer)),
        "Antal fuldtidspersoner": fa,
        "Fuldtidspersoner i pct. af arbejdsstyrken": share(fa, labour),
        "Fuldtidspersoner i pct. af befolkningen": share(fa, working),
    }


# --- Jobindsats tables ---------------------------------------------------------------------------------------
def ptv_a02(w: World, yd: Ydelser) -> JobindsatsTable:
    """Offentligt forsørgede by ydelsesgruppe. Fuldtidspersoner add up to the total; persons on two ydelser
    in one month count in both groups but once in the total, so the groups' persons add up to a bit more."""
    names = grupper()
    fuld = [yd.gruppe(g) for g in names]
    pers = [yd.gruppe(g, "personer") for g in names]
    both = to_int(sum(pers) * OVERLAP * w.level("overlap", 0.2) * w.wobble("overlap", 0.05))
    total_pers = np.maximum(sum(pers) - both, np.max(np.stack(pers), axis=0))
    fa = _stack(w, [sum(fuld), *fuld])
    working = w.areas_of(yd.pop.band("16-66"))[None]
    h = catalogue.table(PTV).hierarchy("_ygrpa02")
    return JobindsatsTable(PTV, [h.label], [(h.total,), *[(g,) for g in names]], {
        "Antal personer": _stack(w, [total_pers, *pers]),
        "Antal fuldtidspersoner": fa,
        "Fuldtidspersoner i pct. af befolkningen": share(fa, working),
    })


def y01a02(w: World, yd: Ydelser) -> JobindsatsTable:
    return JobindsatsTable("y01a02", [], [()], _four_measures(w, yd, yd.personer[DAGPENGE][None],
                                                              yd.fuldtid[DAGPENGE][None]))


def y08a02(w: World, yd: Ydelser) -> JobindsatsTable:
    return JobindsatsTable("y08a02", [], [()], _four_measures(w, yd, yd.personer[FLEKSJOB][None],
                                                              yd.fuldtid[FLEKSJOB][None]))


def y09a02(w: World, yd: Ydelser) -> JobindsatsTable:
    return JobindsatsTable("y09a02", [], [()], _four_measures(w, yd, yd.personer[LEDYD][None],
                                                              yd.fuldtid[LEDYD][None]))


# Kontanthjælp by sats and visitationskategori: (ydelse → sats weights, visitation weights), in the catalogue's
# order of values (Forhøjet sats, Grundsats, Mindstesats omfattet af program, Mindstesats øvrige;
# Jobparat, Aktivitetsparat, Uddannelsesparat, Åbenlys uddannelsesparat, Uoplyst visitationskategori).
# The Mindstesats split follows the share under the integrationsprogram (None below).
KH_FORDELING = {
    KONTANTHJ: ([0.85, 0.15, 0, 0], [0.30, 0.64, 0, 0, 0.06]),
    UDDHJ: ([0.2, 0.8, 0, 0], [0, 0.45, 0.22, 0.28, 0.05]),
    INTYD: (None, [0.42, 0.52, 0, 0, 0.06]),
}
PROGRAM = [("2013M01", 0.6), ("2016M06", 0.8), ("2019M06", 0.6), ("2024M12", 0.4)]  # Mindstesats under program


def kontanthjaelp_celler(w: World, yd: Ydelser) -> tuple[np.ndarray, np.ndarray]:
    """Persons and fuldtidspersoner on kontanthjælp by sats × visitation, each (4, 5, 98, T) ints that add up
    to the kontanthjælp group of ptv_a02."""
    spec = catalogue.table("y60a02")
    n_s, n_v = len(spec.hierarchy("_kth_sats").values), len(spec.hierarchy("_viskat_1int").values)
    program = w.curve(PROGRAM) * np.ones((w.K, 1))
    pc = np.zeros((n_s, n_v, w.K, w.T), dtype="int64")
    fc = np.zeros_like(pc)
    for label, (sats, vis) in KH_FORDELING.items():
        s_w = (np.stack([np.zeros_like(program), np.zeros_like(program), program, 1 - program]) if sats is None
               else np.array(sats, float)[:, None, None] * np.ones((1, w.K, w.T)))
        s_w = s_w * np.stack([w.level(f"sats {label} {i}", 0.1) for i in range(n_s)])
        v_w = np.array(vis, float)[:, None, None] * np.stack([w.level(f"visitation {label} {i}", 0.15)
                                                               for i in range(n_v)])
        weights = (s_w[:, None] * v_w[None, :]).reshape(n_s * n_v, w.K, w.T)
        p = apportion(yd.personer[label], weights)
        f = apportion(yd.fuldtid[label], p.astype(float))  # never more fuldtidspersoner than persons in a cell
        pc += p.reshape(n_s, n_v, w.K, w.T)
        fc += f.reshape(n_s, n_v, w.K, w.T)
    return pc, fc


def _with_totals(cells: np.ndarray) -> np.ndarray:
    """(S, V, ...) → (S+1, V+1, ...) with the totals first on both axes."""
    s, v = cells.shape[:2]
    out = np.zeros((s + 1, v + 1, *cells.shape[2:]), dtype=cells.dtype)
    out[1:, 1:] = cells
    out[0, 1:] = cells.sum(axis=0)
    out[1:, 0] = cells.sum(axis=1)
    out[0, 0] = cells.sum(axis=(0, 1))
    return out


def y60a02(w: World, yd: Ydelser) -> JobindsatsTable:
    spec = catalogue.table("y60a02")
    sats, vis = spec.hierarchy("_kth_sats"), spec.hierarchy("_viskat_1int")
    pc, fc = (_with_totals(a) for a in kontanthjaelp_celler(w, yd))
    combos = [(s, v) for s in sats.names for v in vis.names]
    n = len(combos)
    return JobindsatsTable("y60a02", [sats.label, vis.label], combos,
                           _four_measures(w, yd, pc.reshape(n, w.K, w.T), fc.reshape(n, w.K, w.T)))


# --- egne data (what a user would import) -------------------------------------------------------------------
def arbejdsmarkedsstatus(w: World, yd: Ydelser) -> JobindsatsTable:
    """Every 16-66-årig in one status: ydelsesmodtagere (fuldtidspersoner, by ptv_a02's groups), employed,
    on SU and the rest."""
    working = yd.pop.band("16-66")
    names = grupper()
    groups = [yd.gruppe(g) for g in names]
    on_ydelse = sum(groups)
    su = _status_kalibreret(w, "Under uddannelse (SU)", working, yd.pop.band("18-29") * 0.32 * w.level(
        "su", 0.1, {"Storbykommuner": 0.3}) * w.season([0, 0, 0, 0, 0, -3, -8, -2, 5, 3, 2, 1]))
    # Employed as a share of those neither on ydelse nor on SU, so "øvrige" (home, abroad, own means)
    # stays a plausible tenth or so of the population and is never pushed to 0.
    rate = w.curve([("2013M01", 80), ("2019M12", 84), ("2020M04", 82), ("2020M12", 83), ("2022M06", 86),
                    ("2024M12", 86)]) / 100
    emp_level = w.level("beskaeftigelse", 0.025, {"Hovedstadskommuner": 0.01, "Landkommuner": -0.02})
    rest = working - on_ydelse - su
    besk = np.minimum(_status_kalibreret(w, "Beskæftigede", working, rest * rate * emp_level), rest)
    oevrige = rest - besk
    combos = [("Ydelsesmodtagere", g) for g in names] + [
        ("Ydelsesmodtagere", I_ALT), ("Beskæftigede", I_ALT), ("Under uddannelse (SU)", I_ALT), ("Øvrige", I_ALT),
        (I_ALT, I_ALT)]
    arrays = [*groups, on_ydelse, besk, su, oevrige, working]
    return JobindsatsTable("arbejdsmarkedsstatus", ["Arbejdsmarkedsstatus", "Ydelse"], combos,
                           {"Antal borgere 16-66 år": _stack(w, arrays)})


def _status_kalibreret(w: World, status: str, working: np.ndarray, x: np.ndarray) -> np.ndarray:
    """One arbejdsmarkedsstatus, calibrated to its published counts and its share's change in pct.-point of
    the 16-66-årige (STAR's Figur 2)."""
    cal = Calibration(w)
    add_counts(w, cal, [f for f in targets("arbejdsmarkedsstatus", arbejdsmarkedsstatus=status) if f.transform is None])
    add_point_changes(w, cal, x, working, [f for f in targets("arbejdsmarkedsstatus", arbejdsmarkedsstatus=status)
                                           if f.transform == "aendring_andel_12m"])
    return cal.run(x)


def kontanthjaelp_maal(w: World, yd: Ydelser) -> JobindsatsTable:
    """Ministermål 4 and 6 for the (narrow) kontanthjælp."""
    persons = yd.personer[KONTANTHJ]
    level = w.level("kh maal", 0.2)
    path = w.curve([("2013M01", 9), ("2018M06", 11.5), ("2020M06", 12.5), ("2024M12", 14)]) / 100
    x = persons * path * level * w.wobble("kh maal", 0.08, rho=0.6)
    cal = Calibration(w)
    add_shares(w, cal, x, persons, targets("kontanthjaelp_beskaeftigede_opvisiterede_andel"))
    moved = np.minimum(cal.run(x), persons)
    y = persons * 0.24 * w.level("kh 5 aar", 0.2) * w.wobble("kh 5 aar", 0.03)
    cal = Calibration(w)
    add_counts(w, cal, targets("kontanthjaelp_over_5_aar"))
    long = np.minimum(cal.run(y), persons)
    pa, ma = w.areas_of(persons), w.areas_of(moved)
    return JobindsatsTable("kontanthjaelp_maal", [], [()], {
        "Antal personer på kontanthjælp": pa[None],
        "Beskæftigede eller opvisiterede personer": ma[None],
        "Andel beskæftigede og opvisiterede, pct.": share(ma, pa)[None],
        "Personer med mere end 5 år på offentlig forsørgelse": w.areas_of(long)[None],
    })


ARBEJDSTID = ("Til og med 10 timer", "Over 10 til og med 20 timer", "Over 20 timer")


def fleksjob_timer(w: World, yd: Ydelser) -> JobindsatsTable:
    """Persons in fleksjob by weekly hours: small fleksjob (≤ 10 hours) grow after the 2013 reform."""
    small = w.curve([("2013M01", 8), ("2016M01", 18), ("2020M01", 27), ("2024M12", 33)]) / 100
    small = small * w.level("smaa fleksjob", 0.2)
    weights = np.stack([small, np.full_like(small, 0.45), np.clip(0.55 - small, 0.05, None)])
    bands = apportion(yd.personer[FLEKSJOB], weights * w.wobble("fleksjob timer", 0.03)[None])
    return JobindsatsTable("fleksjob_timer", ["Ugentlig arbejdstid"], [*[(a,) for a in ARBEJDSTID], (I_ALT,)],
                           {"Antal personer": _stack(w, [*bands, yd.personer[FLEKSJOB]])})


def fleksjob_tilgang(w: World, yd: Ydelser) -> JobindsatsTable:
    """New fleksjob a month: about 1.6 pct. of the stock, few in July and December."""
    tilgang = to_int(yd.personer[FLEKSJOB] * 0.016 * w.season([5, 10, 5, 0, 0, 0, -40, 10, 5, 5, 0, -30])
                     * w.wobble("fleksjob tilgang", 0.15, rho=0.3))
    return JobindsatsTable("fleksjob_tilgang", [], [()], {"Tilgang af personer": w.areas_of(tilgang)[None]})


KLYNGEFIL = REFERENCE_DIR / "klynger.csv"
KLYNGE_YDELSE = "Alle ydelser"


def klynger(w: World) -> JobindsatsTable:
    """STAR's klynger as a user would import them, one number per kommune and year, here from the demo's
    assumption in reference/klynger.csv (klynge = DST's kommunegruppe). Regions and Hele landet have none."""
    df = pd.read_csv(KLYNGEFIL, dtype=str)
    nr = dict(zip(df["kommune_kode"], df["klynge"].astype(int)))
    missing = [k.navn for k in w.kommuner if k.kode not in nr]
    if missing:
        raise ValueError(f"Demodata: {KLYNGEFIL.name} har ingen klynge for {', '.join(missing[:5])}")
    years = sorted({p.aar for p in w.months})
    arr = np.full((1, len(w.areas), len(years)), np.nan)
    for i, a in enumerate(w.areas):
        if a.kode in nr:
            arr[0, i, :] = nr[a.kode]
    return JobindsatsTable("klynger", ["Ydelse"], [(KLYNGE_YDELSE,)], {"Klynge": arr})


def tables(w: World, yd: Ydelser) -> list[JobindsatsTable]:
    return [ptv_a02(w, yd), y01a02(w, yd), y08a02(w, yd), y09a02(w, yd), y60a02(w, yd),
            arbejdsmarkedsstatus(w, yd), kontanthjaelp_maal(w, yd), fleksjob_timer(w, yd), fleksjob_tilgang(w, yd),
            klynger(w)]
