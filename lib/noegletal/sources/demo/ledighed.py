"""Ledige: the officially unemployed (y25i01) by ydelsesgruppe and køn, by alder and by oprindelse, the
langtidsledige among the bruttoledige (y25i09) and the seasonally adjusted rate (AUS08), all derived from the
ydelse counts so that dagpenge and ledighed move together.

y25i01 and y25i09 are written in the live v3 shape (catalogue.yml): the hierarchies' value names, every
combination the catalogue's cuts ask for, and the live measure names. The two "pct." measures of y25i01 are
made from the same counts and a labour force and population cut by the same dimension (a køn's, an age
group's or an oprindelse's own), summed before dividing for regions and Hele landet, as the source does.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ... import catalogue
from .model import Calibration, World, apportion, share, targets, to_int
from .write import JobindsatsTable, StatbankTable
from .ydelser import DAGPENGE, KONTANTHJ, YDELSER, Ydelser, add_counts, add_shares

Y25I01, Y25I09 = "y25i01", "y25i09"
LEDIGE_PERSONER = "Antal ledige personer"
LEDIGE_FULDTID = "Antal ledige fuldtidspersoner"
PCT_ARBEJDSSTYRKE = "Ledige fuldtidspersoner i pct. af arbejdsstyrken 16-66 år"
PCT_BEFOLKNING = "Ledige fuldtidspersoner i pct. af befolkningen 16-66 år"

# Ydelsesgrupper of y25i01 → the demo ydelser whose recipients they are, with the share of their
# fuldtidspersoner who are ledige (the rest are in activation, sick, or not job-ready). Kontanthjælp takes in
# former uddannelseshjælp and integrationsydelse where the ydelse model still keeps them apart.
GRUPPER = {
    "A-dagpenge": {DAGPENGE: 0.82},
    "Kontanthjælp": {KONTANTHJ: 0.30, "Uddannelseshjælp": 0.22, "Selvforsørgelses- og hjemrejseydelse mv.": 0.30},
}
MALE = {"A-dagpenge": 0.55, "Kontanthjælp": 0.53}  # share of men among the ledige of each group
EXTRA_PERSONS = {"A-dagpenge": 0.26, "Kontanthjælp": 0.12}  # ledige personer per fuldtidsperson, minus 1

# Age groups of y25i01: share of the ledige, extra persons per fuldtidsperson (short spells among the young),
# participation rate (labour force per inhabitant), and the population blocks (FOLK1AM-like) they are cut from.
ALDER = {
    "16-24 år": (0.11, 0.40, 0.62, {"16-17": 1.0, "18-29": 7 / 12}),
    "25-29 år": (0.12, 0.30, 0.82, {"18-29": 5 / 12}),
    "30-39 år": (0.21, 0.22, 0.87, {"30-49": 0.5}),
    "40-49 år": (0.19, 0.18, 0.88, {"30-49": 0.5}),
    "50-59 år": (0.22, 0.15, 0.84, {"50-64": 10 / 15}),
    "60 år og derover": (0.15, 0.12, 0.50, {"50-64": 5 / 15, "65-66": 1.0}),
}
# Oprindelse: share of the population 16-66 år and participation rate.
DANSK, VESTLIG, IKKE_VESTLIG = ("Personer med dansk oprindelse", "Indvandrere og efterkommere fra vestlige lande",
                                "Indvandrere og efterkommere fra ikke-vestlige lande")
PARTICIPATION = {DANSK: 0.80, VESTLIG: 0.74, IKKE_VESTLIG: 0.62}

BRUTTO_EXTRA = {"A-dagpenge": 0.12, "Kontanthjælp": 0.28}  # aktiverede jobparate per ledig person
# Langtidsledige in pct. of the bruttoledige, national path; a-dagpenge's is calibrated to the 2023 minutes.
LANGTID_PATH = {
    "A-dagpenge": [("2013M01", 28), ("2015M01", 22), ("2019M12", 17), ("2020M03", 15), ("2020M06", 12),
                   ("2020M12", 28), ("2021M02", 38), ("2021M06", 40), ("2022M01", 30), ("2022M06", 22),
                   ("2023M06", 18), ("2024M12", 20)],
    "Kontanthjælp": [("2013M01", 52), ("2016M01", 48), ("2019M12", 44), ("2020M06", 40), ("2021M06", 50),
                     ("2022M06", 46), ("2024M12", 44)],
}
DAGPENGE_SEASON = [8, 5, 1, -2, -4, -2, 5, 7, -1, -5, -4, 2]  # used when the ydelse model has no dagpenge season


@dataclass
class Ledige:
    """Kommune counts (98, T) per ydelsesgruppe, for the tables built on the ledige."""

    fuldtid: dict[str, np.ndarray]
    personer: dict[str, np.ndarray]


def _hierarchy(table: str, column: str) -> catalogue.Hierarchy:
    return catalogue.table(table).hierarchy(column)


def _expected(w: World, yd: Ydelser) -> dict[str, np.ndarray]:
    """Expected ledige fuldtidspersoner per ydelsesgruppe, (98, T) floats."""
    out = {}
    for group, parts in GRUPPER.items():
        x = sum(yd.fuldtid[label] * rate for label, rate in parts.items() if label in yd.fuldtid)
        out[group] = x * w.level(f"ledige {group}", 0.1) * w.wobble(f"ledige {group}", 0.03)
    return out


def labour_force(w: World, yd: Ydelser) -> np.ndarray:
    """The 16-66-årige in the labour force, (98, T) floats (AUS08's denominator, not published)."""
    return yd.pop.band("16-66") * 0.78 * w.level("arbejdsstyrke", 0.03, {"Hovedstadskommuner": 0.02,
                                                                         "Landkommuner": -0.03})


def _with_persons(w: World, name: str, fuldtid: np.ndarray, extra: float) -> np.ndarray:
    """Ledige personer ≥ fuldtidspersoner: fuldtid plus the persons ledige only part of the month."""
    return fuldtid + to_int(fuldtid * extra * w.wobble(f"personer {name}", 0.03))


def _cells(w: World, total: np.ndarray, exp: dict[str, np.ndarray]) -> dict[tuple[str, str], np.ndarray]:
    """The calibrated total split exactly into ydelsesgruppe × køn cells."""
    keys, weights = [], []
    for group, x in exp.items():
        male = np.clip(MALE[group] + 0.02 * w.normal(f"koen ledige {group}"), 0.3, 0.7)[:, None]
        keys += [(group, "Mænd"), (group, "Kvinder")]
        weights += [x * male, x * (1 - male)]
    return dict(zip(keys, apportion(total, np.stack(weights))))


def _split(w: World, name: str, total: np.ndarray, persons: np.ndarray, weights: np.ndarray,
           extra: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Split fuldtidspersoner and personer (both exactly) into parts by weights (P, 98, T), the persons'
    excess over fuldtid by each part's turnover `extra` (P,)."""
    full = apportion(total, weights * w.wobble(f"{name} dele", 0.03)[None])
    more = apportion(persons - total, full * np.asarray(extra)[:, None, None] + 1e-9)
    return full, full + more


def _pct_parts(w: World, yd: Ydelser, labour: np.ndarray) -> dict[str, dict[str, np.ndarray]]:
    """Labour force and population (98, T) of each value of køn, alder and oprindelse."""
    pop = yd.pop.band("16-66").astype(float)
    out = {"Køn": {}, "Alder": {}, "Oprindelse": {}}
    for koen, s in (("Mænd", 0.52), ("Kvinder", 0.48)):
        out["Køn"][koen] = {"labour": labour * s, "pop": pop * (0.505 if koen == "Mænd" else 0.495)}
    bands = {a: sum(yd.pop.blocks[b] * f for b, f in blocks.items()) for a, (_, _, _, blocks) in ALDER.items()}
    raw = {a: bands[a] * ALDER[a][2] for a in ALDER}
    scale = labour / sum(raw.values())
    for a in ALDER:
        out["Alder"][a] = {"labour": raw[a] * scale, "pop": bands[a]}
    nonwestern = np.clip(0.09 * w.level("befolkning ikke-vestlig", 0.3, {"Hovedstadskommuner": 0.4,
                                                                        "Storbykommuner": 0.4,
                                                                        "Landkommuner": -0.4}), 0.02, 0.35)
    western = 0.05 * w.level("befolkning vestlig", 0.25)
    shares = {DANSK: 1 - nonwestern - western, VESTLIG: western, IKKE_VESTLIG: nonwestern}
    raw = {o: pop * s * PARTICIPATION[o] for o, s in shares.items()}
    scale = labour / sum(raw.values())
    for o, s in shares.items():
        out["Oprindelse"][o] = {"labour": raw[o] * scale, "pop": pop * s}
    return out


def ledige(w: World, yd: Ydelser) -> tuple[JobindsatsTable, Ledige]:
    """y25i01 and the kommune counts per ydelsesgruppe that y25i09 is built on."""
    exp = _expected(w, yd)
    cal = Calibration(w)
    add_counts(w, cal, targets("ledige_fuldtid"))
    total = cal.run(sum(exp.values()))
    cells = _cells(w, total, exp)
    persons = {key: _with_persons(w, f"{key[0]} {key[1]}", c, EXTRA_PERSONS[key[0]]) for key, c in cells.items()}
    groups = list(exp)
    fuld_g = {g: cells[(g, "Mænd")] + cells[(g, "Kvinder")] for g in groups}
    pers_g = {g: persons[(g, "Mænd")] + persons[(g, "Kvinder")] for g in groups}
    pers_total = sum(pers_g.values())

    young = w.level("ledige unge", 0.1, {"Storbykommuner": 0.3})
    age_w = np.stack([ALDER[a][0] * (young if a in ("16-24 år", "25-29 år") else 1.0) * np.ones((w.K, w.T))
                      for a in ALDER])
    age_f, age_p = _split(w, "alder", total, pers_total, age_w, [ALDER[a][1] for a in ALDER])
    nonwestern = 0.14 * w.level("ledige ikke-vestlige", 0.3, {"Hovedstadskommuner": 0.5, "Storbykommuner": 0.4,
                                                              "Landkommuner": -0.4})
    nonwestern = np.clip(nonwestern, 0.01, 0.6) * np.ones((w.K, w.T))
    western = 0.05 * w.level("ledige vestlige", 0.25) * np.ones((w.K, w.T))
    herk_w = np.stack([np.clip(1 - nonwestern - western, 0.2, None), western, nonwestern])
    herk_f, herk_p = _split(w, "oprindelse", total, pers_total, herk_w, [0.2, 0.25, 0.2])

    labour = labour_force(w, yd)
    parts = _pct_parts(w, yd, labour)
    pop = yd.pop.band("16-66").astype(float)
    hy, hk, ha, ho = (_hierarchy(Y25I01, c) for c in ("ydelsesgruppe", "koen", "alder", "herkomst"))
    rows = []  # (combo, fuldtid, personer, labour, population), kommune arrays
    for g in (hy.total, *groups):
        for k in (hk.total, "Mænd", "Kvinder"):
            gs = groups if g == hy.total else [g]
            ks = ["Mænd", "Kvinder"] if k == hk.total else [k]
            f = sum(cells[(a, b)] for a in gs for b in ks)
            p = sum(persons[(a, b)] for a in gs for b in ks)
            den = (labour, pop) if k == hk.total else (parts["Køn"][k]["labour"], parts["Køn"][k]["pop"])
            rows.append(((g, k, ha.total, ho.total), f, p, *den))
    for i, a in enumerate(ALDER):
        rows.append(((hy.total, hk.total, a, ho.total), age_f[i], age_p[i], parts["Alder"][a]["labour"],
                     parts["Alder"][a]["pop"]))
    for i, o in enumerate((DANSK, VESTLIG, IKKE_VESTLIG)):
        rows.append(((hy.total, hk.total, ha.total, o), herk_f[i], herk_p[i], parts["Oprindelse"][o]["labour"],
                     parts["Oprindelse"][o]["pop"]))
    fuld_a = np.stack([w.areas_of(r[1]) for r in rows])
    table = JobindsatsTable(Y25I01, [hy.label, hk.label, ha.label, ho.label], [r[0] for r in rows], {
        LEDIGE_PERSONER: np.stack([w.areas_of(r[2]) for r in rows]),
        LEDIGE_FULDTID: fuld_a,
        PCT_ARBEJDSSTYRKE: share(fuld_a, np.stack([w.areas_of(r[3]) for r in rows])),
        PCT_BEFOLKNING: share(fuld_a, np.stack([w.areas_of(r[4]) for r in rows])),
    })
    return table, Ledige(fuld_g, pers_g)


def langtid(w: World, led: Ledige) -> JobindsatsTable:
    """y25i09: bruttoledige (ledige and aktiverede jobparate) and the langtidsledige among them."""
    hy = _hierarchy(Y25I09, "ydelsesgruppe")
    brutto, lang_p, lang_f = {}, {}, {}
    for g, persons in led.personer.items():
        b = persons + to_int(persons * BRUTTO_EXTRA[g] * w.level(f"aktiverede {g}", 0.15)
                             * w.wobble(f"aktiverede {g}", 0.04))
        x = b * w.curve(LANGTID_PATH[g])[None, :] / 100 * w.level(f"langtid {g}", 0.15) * w.wobble(f"langtid {g}", 0.05)
        x = np.minimum(x, 0.8 * b)  # some bruttoledige are always new
        cal = Calibration(w)
        add_shares(w, cal, x, b, targets("langtidsledige_andel", ydelsesgruppe=g))
        lp = np.minimum(cal.run(x), b)
        brutto[g], lang_p[g] = b, lp
        lang_f[g] = np.minimum(to_int(lp * 0.88 * w.wobble(f"langtid fuldtid {g}", 0.02)), lp)
    groups = list(led.personer)
    combos = [(hy.total,), *[(g,) for g in groups]]

    def stack(d: dict[str, np.ndarray]) -> np.ndarray:
        return np.stack([w.areas_of(sum(d.values()))] + [w.areas_of(d[g]) for g in groups])

    lp_a, b_a = stack(lang_p), stack(brutto)
    return JobindsatsTable(Y25I09, [hy.label], combos, {
        "Antal langtidsledige fuldtidspersoner": stack(lang_f),
        "Antal langtidsledige personer": lp_a,
        "Antal bruttoledige personer": b_a,
        "Andel langtidsledige personer ift. bruttoledige personer": share(lp_a, b_a),
    })


def tables(w: World, yd: Ydelser) -> list[JobindsatsTable]:
    y25i01, led = ledige(w, yd)
    return [y25i01, langtid(w, led)]


def aus08(w: World, yd: Ydelser) -> StatbankTable:
    """Seasonally adjusted ledige and their share of the labour force (which is not published)."""
    exp = sum(_expected(w, yd).values())
    season = next((y.season for y in YDELSER if y.label == DAGPENGE), DAGPENGE_SEASON)  # dagpenge dominates
    adjusted = exp / w.season(season) * 1.05 * w.wobble("aus08", 0.01)
    labour = labour_force(w, yd)
    cal = Calibration(w)
    add_shares(w, cal, adjusted, labour, targets("ledighedsprocent"))
    count = cal.run(adjusted)
    ca, la = w.areas_of(count), w.areas_of(labour)
    return StatbankTable("AUS08", "SAESONFAK", {"9": share(ca, la, suppress_below=0), "10": ca},
                         decimals={"9": 1, "10": 0})
