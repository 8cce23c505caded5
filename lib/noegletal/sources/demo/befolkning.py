"""Population by kommune and age group (FOLK1AM), the denominator of every 'pct. af befolkningen', and the
labour force behind every Jobindsats 'pct. af arbejdsstyrken'.

A kommune's size comes from its kommunegruppe and a hash of its code; København is the largest and the
four small island kommuner are tiny, so small-number caveats happen in the demo as they do in reality.
Ballerup's 16-66-årige in June 2018-2020 are chosen so every percentage in Tabel 1 that still maps to a
ydelsesgruppe of ptv_a02 rounds as published.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .model import (
    Calibration,
    World,
    apportion,
    nearest_int,
    rounds_to,
    targets,
    to_int,
)
from .write import StatbankTable

GRUPPE_SIZE = {  # typical population of a kommune in the group, 2018
    "Hovedstadskommuner": 43_000,
    "Storbykommuner": 240_000,
    "Provinsbykommuner": 66_000,
    "Oplandskommuner": 40_000,
    "Landkommuner": 34_000,
}
CAPITAL = "101"  # København: the largest kommune by far
CAPITAL_SIZE = 620_000
SMALL_ISLANDS = ("Læsø", "Fanø", "Ærø", "Samsø")  # tiny island kommuner (1.500-5.000 inhabitants)
GROWTH = {"Hovedstadskommuner": 0.009, "Storbykommuner": 0.011, "Provinsbykommuner": 0.004,
          "Oplandskommuner": 0.002, "Landkommuner": -0.004}  # per year

BLOCKS = ["0-15", "16-17", "18-29", "30-49", "50-64", "65-66", "67-"]
WORKING = BLOCKS[1:6]  # together the 16-66-årige
BLOCK_SHARE = {  # share of the population in each block, by kommunegruppe
    "Hovedstadskommuner": [0.18, 0.024, 0.17, 0.27, 0.18, 0.022, 0.154],
    "Storbykommuner": [0.16, 0.021, 0.25, 0.26, 0.15, 0.019, 0.140],
    "Provinsbykommuner": [0.18, 0.025, 0.15, 0.24, 0.19, 0.024, 0.191],
    "Oplandskommuner": [0.19, 0.027, 0.11, 0.25, 0.21, 0.026, 0.187],
    "Landkommuner": [0.16, 0.025, 0.10, 0.22, 0.22, 0.030, 0.245],
}
BANDS = {  # FOLK1AM ALDER code → blocks
    "IALT": BLOCKS,
    **{b: [b] for b in BLOCKS},
    "16-66": WORKING,
    "18-64": ["18-29", "30-49", "50-64"],
    "18-66": ["18-29", "30-49", "50-64", "65-66"],
}


@dataclass
class Befolkning:
    blocks: dict[str, np.ndarray]  # block → (98, T) int

    def band(self, code: str) -> np.ndarray:
        return sum(self.blocks[b] for b in BANDS[code])


def sizes(w: World) -> np.ndarray:
    size = np.array([GRUPPE_SIZE[g] for g in w.gruppe], float) * w.factor("size", 0.4)
    for i, k in enumerate(w.kommuner):
        if k.kode == CAPITAL:
            size[i] = CAPITAL_SIZE
        elif k.navn in SMALL_ISLANDS:
            size[i] = 1_500 + 3_500 * (1 + np.tanh(w.normal("island")[i])) / 2
    return size


def _tabel1_population(w: World, natural: np.ndarray, cal: Calibration) -> None:
    """Ballerup's 16-66-årige in the months of Tabel 1: every ydelsesgruppe's pct. must round as published."""
    counts = {(f.area_code, f.periode, f.filter.get("ydelsesgruppe")): f.value for f in targets("forsoergede_fuldtid")
              if f.transform is None}
    pairs: dict[tuple[str, str], list] = {}
    for f in targets("forsoergede_pct"):
        key = (f.area_code, f.periode, f.filter.get("ydelsesgruppe"))
        if f.transform is None and key in counts:
            pairs.setdefault(key[:2], []).append((counts[key], f.value, f.decimals))
    for (area, per), ps in pairs.items():
        lo = max(100 * c / (p + 0.1) for c, p, _ in ps)
        hi = min(100 * c / max(p - 0.1, 1e-9) for c, p, _ in ps)
        t = w.t(per)
        start = float(np.clip(natural[w.area_mask(area), t].sum(), lo, hi))
        n = nearest_int(start, lambda n: all(rounds_to(100 * c / n, p, d) for c, p, d in ps))
        cal.add(area, t, n)


def build(w: World) -> Befolkning:
    years = np.array([p.aar + (p.nr - 0.5) / 12 for p in w.months]) - 2018.0
    growth = np.array([GROWTH[g] for g in w.gruppe]) + 0.003 * w.normal("growth")
    total = sizes(w)[:, None] * (1 + growth[:, None]) ** years[None, :]
    shares = np.array([BLOCK_SHARE[g] for g in w.gruppe]).T  # (7, 98)
    shares = shares * np.exp(0.06 * np.array([w.normal(f"block {b}") for b in BLOCKS]))
    ageing = np.exp(np.outer(np.array([-0.004, 0, -0.002, -0.003, 0.002, 0.004, 0.012]), years))  # (7, T)
    s = shares[:, :, None] * ageing[:, None, :]
    s = s / s.sum(axis=0)
    working = total * s[1:6].sum(axis=0)
    cal = Calibration(w)
    _tabel1_population(w, working, cal)
    for f in targets("befolkning_16_66"):  # e.g. STAR's 24.361 16-66-årige in jobcentret Vallensbæk/Ishøj
        cal.add(f.area_code, w.t(f.periode), int(f.value))
    working_int = cal.run(working)
    parts = apportion(working_int, s[1:6])
    blocks = {"0-15": to_int(total * s[0]), "67-": to_int(total * s[6])}
    blocks.update({b: parts[i] for i, b in enumerate(WORKING)})
    return Befolkning({b: blocks[b] for b in BLOCKS})


def folk1am(w: World, pop: Befolkning) -> StatbankTable:
    return StatbankTable("FOLK1AM", "ALDER", {code: w.areas_of(pop.band(code)) for code in BANDS})


def arbejdsstyrke(w: World, pop: Befolkning) -> np.ndarray:
    """The labour force (98, T), not published by itself: the denominator of Jobindsats' 'Fuldtidspersoner i
    pct. af arbejdsstyrken' and of the official ledighed. One definition, so every table divides by the same."""
    return pop.band("16-66") * 0.78 * w.level("arbejdsstyrke", 0.03, {"Hovedstadskommuner": 0.02,
                                                                     "Landkommuner": -0.03})
