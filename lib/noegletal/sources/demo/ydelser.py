"""Recipients of each ydelse (fuldtidspersoner and persons) and the tables built on them.

One national path per ydelse (pct. of the 16-66-årige) with seasonality and the 2020 Covid jump in
dagpenge, times a kommune level; every Jobindsats table about a ydelse (PTVA02, Y01A02, Y08A02, Y09A02,
the status, forsørgertryk, ungeledighed and kontanthjælp tables) is cut from these same counts, so the
tables agree with each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .befolkning import Befolkning
from .model import Calibration, World, apportion, nearest_int, rounds_to, share, solve_pair, targets, to_int
from .write import JobindsatsTable

EKSKL = "Ydelser ekskl. førtidspension og efterløn"
FP_EFTERLOEN = "Førtidspension og efterløn"
I_ALT = "I alt"
KOEN = ("Mænd", "Kvinder", I_ALT)
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


@dataclass
class Ydelser:
    pop: Befolkning
    fuldtid: dict[str, np.ndarray]  # label → (98, T) int
    personer: dict[str, np.ndarray]


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


def add_denominators(w: World, cal: Calibration, x: np.ndarray, figs) -> None:
    """Targets for a denominator, moved as little as possible so that some numerator gives each share."""
    for f in figs:
        t = w.t(f.periode)
        m = w.area_mask(f.area_code)
        n, _ = solve_pair(x[m, t].sum(), lambda n: f.value * n / 100,
                          lambda e, n: rounds_to(100.0 * e / n, f.value, f.decimals))
        cal.add(f.area_code, t, n)


# --- generation ---------------------------------------------------------------------------------------------
def build(w: World, pop: Befolkning) -> Ydelser:
    working = pop.band("16-66").astype(float)
    young = pop.band("18-29").astype(float)
    fuldtid, personer = {}, {}
    for y in YDELSER:
        rate = np.maximum(w.curve(y.knots), 0) / 100 * w.season(y.season)
        x = working * rate * w.level(f"level {y.label}", y.spread, y.by_gruppe) * w.wobble(f"fuldtid {y.label}", y.noise)
        cal = Calibration(w)
        add_counts(w, cal, [f for f in targets("forsoergede_fuldtid", ydelse=y.label)])
        if y.label == UDDHJ:
            add_shares(w, cal, x, young, targets("unge_uddannelseshjaelp"))
        fuldtid[y.label] = cal.run(x)
    for y in sorted(YDELSER, key=lambda y: y.label == LEDYD):  # ledighedsydelse needs fleksjob first
        x = fuldtid[y.label] * y.persons * w.wobble(f"personer {y.label}", 0.015)
        cal = Calibration(w)
        if y.label == DAGPENGE:
            add_changes(w, cal, x, targets("dagpenge_personer"))
        if y.label == FOERTID:
            add_changes(w, cal, x, targets("foertidspension_personer"))
        if y.label == FLEKSJOB:
            add_counts(w, cal, targets("fleksjob_personer"))
        if y.label == KONTANTHJ:
            add_denominators(w, cal, x, targets("kontanthjaelp_beskaeftigede_opvisiterede_andel"))
        if y.label == LEDYD:
            fleks = personer[FLEKSJOB]
            add_shares(w, cal, x, fleks, targets("fleksjobledighed"), pct=lambda e, f: 100.0 * e / (e + f))
        personer[y.label] = cal.run(x)
        fuldtid[y.label] = np.minimum(fuldtid[y.label], personer[y.label])  # nobody counts more than once
    return Ydelser(pop, fuldtid, personer)


def _stack(w: World, arrays: list[np.ndarray]) -> np.ndarray:
    return np.stack([w.areas_of(a) for a in arrays])


def ptva02(w: World, yd: Ydelser) -> JobindsatsTable:
    combos, pers, fuld = [], [], []
    for group in (EKSKL, FP_EFTERLOEN):
        members = [y.label for y in YDELSER if y.group == group]
        for label in members + [I_ALT]:
            combos.append((group, label))
            pick = members if label == I_ALT else [label]
            pers.append(sum(yd.personer[m] for m in pick))
            fuld.append(sum(yd.fuldtid[m] for m in pick))
    combos.append((I_ALT, I_ALT))
    pers.append(sum(yd.personer.values()))
    fuld.append(sum(yd.fuldtid.values()))
    fuld_a = _stack(w, fuld)
    working = w.areas_of(yd.pop.band("16-66"))
    return JobindsatsTable("PTVA02", ["Ydelsesgruppe", "Ydelse"], combos, {
        "Antal personer": _stack(w, pers),
        "Antal fuldtidspersoner": fuld_a,
        "Fuldtidspersoner i pct. af befolkningen 16-66 år": share(fuld_a, working[None]),
    })


def by_koen(w: World, name: str, arrays: dict[str, np.ndarray], female: float) -> dict[str, np.ndarray]:
    """Split counts into Mænd/Kvinder (exactly) and stack with I alt: label → (3, 104, T)."""
    f = np.clip(female + 0.03 * w.normal(f"koen {name}"), 0.2, 0.8)[:, None] * w.wobble(f"koen {name}", 0.02)
    weights = np.stack([1 - f, f])
    out = {}
    for label, a in arrays.items():
        m, k = apportion(a, weights)
        out[label] = _stack(w, [m, k, a])
    return out


def _langtid(w: World, yd: Ydelser) -> np.ndarray:
    level = w.level("langtid", 0.15)
    path = w.curve([("2013M01", 28), ("2015M01", 22), ("2019M12", 17), ("2020M03", 15), ("2020M06", 12),
                    ("2020M12", 28), ("2021M02", 38), ("2021M06", 40), ("2022M01", 30), ("2022M06", 22),
                    ("2023M06", 18), ("2024M12", 20)])
    persons = yd.personer[DAGPENGE]
    x = persons * path / 100 * level * w.wobble("langtid", 0.05)
    cal = Calibration(w)
    add_shares(w, cal, x, persons, targets("dagpenge_langtidsledige_andel"))
    return np.minimum(cal.run(x), persons)


def y01a02(w: World, yd: Ydelser) -> JobindsatsTable:
    m = by_koen(w, "dagpenge", {"Antal personer": yd.personer[DAGPENGE], "Antal fuldtidspersoner": yd.fuldtid[DAGPENGE],
                                "Antal langtidsledige personer": _langtid(w, yd)}, 0.48)
    working = w.areas_of(yd.pop.band("16-66"))[None]
    return JobindsatsTable("Y01A02", ["Køn"], [(k,) for k in KOEN], {
        "Antal personer": m["Antal personer"],
        "Antal fuldtidspersoner": m["Antal fuldtidspersoner"],
        "Fuldtidspersoner i pct. af befolkningen 16-66 år": share(m["Antal fuldtidspersoner"], working),
        "Antal langtidsledige personer": m["Antal langtidsledige personer"],
        "Langtidsledige i pct. af personer": share(m["Antal langtidsledige personer"], m["Antal personer"]),
    })


def _fleks_koen(w: World, yd: Ydelser) -> tuple[dict, dict]:
    tilgang = to_int(yd.personer[FLEKSJOB] * 0.016 * w.season([5, 10, 5, 0, 0, 0, -40, 10, 5, 5, 0, -30])
                     * w.wobble("fleksjob tilgang", 0.15, rho=0.3))
    fleks = by_koen(w, "fleksjob", {"Antal personer": yd.personer[FLEKSJOB],
                                    "Antal fuldtidspersoner": yd.fuldtid[FLEKSJOB], "Tilgang af personer": tilgang}, 0.56)
    led = by_koen(w, "fleksjob", {"Antal personer": yd.personer[LEDYD], "Antal fuldtidspersoner": yd.fuldtid[LEDYD]},
                  0.56)
    return fleks, led


def fleksjob_tables(w: World, yd: Ydelser) -> list[JobindsatsTable]:
    fleks, led = _fleks_koen(w, yd)
    working = w.areas_of(yd.pop.band("16-66"))[None]
    koen = [(k,) for k in KOEN]
    y08 = JobindsatsTable("Y08A02", ["Køn"], koen, {
        "Antal personer": fleks["Antal personer"],
        "Antal fuldtidspersoner": fleks["Antal fuldtidspersoner"],
        "Fuldtidspersoner i pct. af befolkningen 16-66 år": share(fleks["Antal fuldtidspersoner"], working),
        "Tilgang af personer": fleks["Tilgang af personer"],
    })
    y09 = JobindsatsTable("Y09A02", ["Køn"], koen, {
        "Antal personer": led["Antal personer"],
        "Antal fuldtidspersoner": led["Antal fuldtidspersoner"],
        "Fuldtidspersoner i pct. af befolkningen 16-66 år": share(led["Antal fuldtidspersoner"], working),
        "Personer på ledighedsydelse i pct. af fleksjobordningen":
            share(led["Antal personer"], led["Antal personer"] + fleks["Antal personer"]),
    })
    small = w.curve([("2013M01", 8), ("2016M01", 18), ("2020M01", 27), ("2024M12", 33)]) / 100
    small = small * w.level("smaa fleksjob", 0.2)
    weights = np.stack([small, np.full_like(small, 0.45), np.clip(0.55 - small, 0.05, None)])
    bands = apportion(yd.personer[FLEKSJOB], weights * w.wobble("fleksjob timer", 0.03)[None])
    timer = JobindsatsTable("PROV_FLEKSTIMER", ["Ugentlig arbejdstid"],
                            [("Til og med 10 timer",), ("Over 10 til og med 20 timer",), ("Over 20 timer",), (I_ALT,)],
                            {"Antal personer": _stack(w, [*bands, yd.personer[FLEKSJOB]])})
    return [y08, y09, timer]


def arbejdsmarkedsstatus(w: World, yd: Ydelser) -> JobindsatsTable:
    working = yd.pop.band("16-66")
    on_ydelse = sum(yd.fuldtid.values())
    su = to_int(yd.pop.band("18-29") * 0.32 * w.level("su", 0.1, {"Storbykommuner": 0.3})
                * w.season([0, 0, 0, 0, 0, -3, -8, -2, 5, 3, 2, 1]))
    # Employed as a share of those neither on ydelse nor on SU, so "øvrige" (home, abroad, own means)
    # stays a plausible tenth or so of the population and is never pushed to 0.
    rate = w.curve([("2013M01", 80), ("2019M12", 84), ("2020M04", 82), ("2020M12", 83), ("2022M06", 86),
                    ("2024M12", 86)]) / 100
    emp_level = w.level("beskaeftigelse", 0.025, {"Hovedstadskommuner": 0.01, "Landkommuner": -0.02})
    rest = working - on_ydelse - su
    besk = np.minimum(to_int(rest * rate * emp_level), rest)
    oevrige = rest - besk
    combos = [("Ydelsesmodtagere", label) for label in LABELS] + [
        ("Ydelsesmodtagere", I_ALT), ("Beskæftigede", I_ALT), ("Under uddannelse (SU)", I_ALT), ("Øvrige", I_ALT),
        (I_ALT, I_ALT)]
    arrays = [yd.fuldtid[label] for label in LABELS] + [on_ydelse, besk, su, oevrige, working]
    return JobindsatsTable("PROV_ARBSTATUS", ["Arbejdsmarkedsstatus", "Ydelse"], combos,
                           {"Antal borgere 16-66 år": _stack(w, arrays)})


FORSTRYK_BANDS = {"18-29 år": ("18-29", 0.09), "30-49 år": ("30-49", 0.12), "50-64 år": ("50-64", 0.24),
                  "65-66 år": ("65-66", 0.32)}  # label → (FOLK1AM block, rough rate)


def forsoergertryk(w: World, yd: Ydelser) -> JobindsatsTable:
    """Offentligt forsørgede 18-66 år, assumed without efterløn (see catalogue.yml, PROV_FORSTRYK)."""
    total = sum(v for k, v in yd.fuldtid.items() if k != EFTERLOEN) * 0.998 * w.wobble("forsoergertryk", 0.002)
    den = yd.pop.band("18-66")
    cal = Calibration(w)
    add_shares(w, cal, total, den, targets("forsoergertryk_18_66"))
    count = cal.run(total)
    weights = np.stack([yd.pop.blocks[b] * r for b, r in FORSTRYK_BANDS.values()])
    parts = apportion(count, weights)
    pops = [yd.pop.blocks[b] for b, _ in FORSTRYK_BANDS.values()] + [den]
    counts = _stack(w, [*parts, count])
    return JobindsatsTable("PROV_FORSTRYK", ["Alder"], [(b,) for b in FORSTRYK_BANDS] + [(I_ALT,)], {
        "Fuldtidspersoner": counts,
        "Fuldtidspersoner i pct. af befolkningen": share(counts, _stack(w, pops)),
    })


def unge(w: World, yd: Ydelser) -> JobindsatsTable:
    """18-29-årige on dagpenge, kontanthjælp and uddannelseshjælp (all of whom are under 30)."""
    young_pop = yd.pop.band("18-29")
    uh = yd.fuldtid[UDDHJ]
    level = w.level("unge", 0.15, {"Storbykommuner": 0.25})
    dp = yd.fuldtid[DAGPENGE] * 0.16 * level
    kh_share = np.where(np.arange(w.T) < w.t("2014M01"), 0.35, 0.07)
    kh = yd.fuldtid[KONTANTHJ] * kh_share * level
    other = (dp + kh) * w.wobble("unge", 0.03)
    cal = Calibration(w)
    add_shares(w, cal, other, young_pop, targets("ungeledighed"), plus=uh)
    other_int = cal.run(other)
    dp_i, kh_i = apportion(other_int, np.stack([dp, kh]))
    counts = _stack(w, [dp_i, kh_i, uh, dp_i + kh_i + uh])
    combos = [("A-dagpenge",), ("Kontanthjælp",), ("Uddannelseshjælp",), (I_ALT,)]
    return JobindsatsTable("PROV_UNGE", ["Ydelse"], combos, {
        "Fuldtidspersoner 18-29 år": counts,
        "Fuldtidspersoner i pct. af befolkningen 18-29 år": share(counts, w.areas_of(young_pop)[None]),
    })


def kontanthjaelp(w: World, yd: Ydelser) -> JobindsatsTable:
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
    return JobindsatsTable("PROV_KHMAAL", [], [()], {
        "Antal personer på kontanthjælp": pa[None],
        "Beskæftigede eller opvisiterede personer": ma[None],
        "Andel beskæftigede og opvisiterede, pct.": share(ma, pa)[None],
        "Personer med mere end 5 år på offentlig forsørgelse": w.areas_of(long)[None],
    })


def tables(w: World, yd: Ydelser) -> list[JobindsatsTable]:
    return [ptva02(w, yd), y01a02(w, yd), *fleksjob_tables(w, yd), arbejdsmarkedsstatus(w, yd),
            forsoergertryk(w, yd), unge(w, yd), kontanthjaelp(w, yd)]
