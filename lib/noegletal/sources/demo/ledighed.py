"""Ledige: the officially unemployed by ydelse and køn (y25i01), in groups, and the seasonally adjusted
rate (AUS08), all derived from the ydelse counts so that dagpenge and ledighed move together."""

from __future__ import annotations

import numpy as np

from .model import Calibration, World, apportion, share, targets, to_int
from .write import JobindsatsTable, StatbankTable
from .ydelser import DAGPENGE, I_ALT, INTYD, KONTANTHJ, UDDHJ, YDELSER, Ydelser, add_counts, add_shares

PARTS = [  # (forsikringsstatus, ydelse label, PTVA02 ydelse, share of its fuldtidspersoner who are ledige)
    ("Forsikrede", "A-dagpenge", DAGPENGE, 0.82),
    ("Ikke-forsikrede", "Kontanthjælp, jobparate", KONTANTHJ, 0.30),
    ("Ikke-forsikrede", "Uddannelseshjælp, åbenlyst uddannelsesparate", UDDHJ, 0.22),
    ("Ikke-forsikrede", "Integrationsydelse, jobparate", INTYD, 0.30),
]
KOEN_MALE = [0.55, 0.52, 0.50, 0.58]  # share of men among the ledige of each part


def _parts(w: World, yd: Ydelser) -> np.ndarray:
    """Expected ledige fuldtidspersoner per part, (4, 98, T)."""
    return np.stack([yd.fuldtid[src] * rate * w.level(f"ledige {label}", 0.1) * w.wobble(f"ledige {label}", 0.03)
                     for _, label, src, rate in PARTS])


def ledige(w: World, yd: Ydelser) -> tuple[JobindsatsTable, np.ndarray]:
    """y25i01 and the kommune totals (98, T) it adds up to."""
    parts = _parts(w, yd)
    cal = Calibration(w)
    add_counts(w, cal, targets("ledige_fuldtid"))
    total = cal.run(parts.sum(axis=0))
    male = np.array(KOEN_MALE)[:, None, None] * np.ones_like(parts)
    cells = apportion(total, np.concatenate([parts * male, parts * (1 - male)]))  # (8, 98, T): men then women
    men, women = cells[:4], cells[4:]
    combos, arrays = [], []
    for koen, by_part in (("Mænd", men), ("Kvinder", women), (I_ALT, men + women)):
        for status in ("Forsikrede", "Ikke-forsikrede"):
            idx = [i for i, p in enumerate(PARTS) if p[0] == status]
            for i in idx:
                combos.append((status, PARTS[i][1], koen))
                arrays.append(by_part[i])
            combos.append((status, I_ALT, koen))
            arrays.append(by_part[idx].sum(axis=0))
        combos.append((I_ALT, I_ALT, koen))
        arrays.append(by_part.sum(axis=0))
    table = JobindsatsTable("y25i01", ["Forsikringsstatus", "Ydelse", "Køn"], combos,
                            {"Ledige fuldtidspersoner": np.stack([w.areas_of(a) for a in arrays])})
    return table, total


def grupper(w: World, total: np.ndarray) -> JobindsatsTable:
    young = 0.22 * w.level("ledige unge", 0.1, {"Storbykommuner": 0.3})
    nonwestern = 0.14 * w.level("ledige ikke-vestlige", 0.3, {"Hovedstadskommuner": 0.5, "Storbykommuner": 0.4,
                                                              "Landkommuner": -0.4})
    long = w.curve([("2013M01", 26), ("2015M01", 20), ("2019M12", 15), ("2020M06", 10), ("2021M02", 34),
                    ("2021M06", 36), ("2022M06", 20), ("2023M06", 16), ("2024M12", 18)])[None, :] / 100
    groups = {
        "Alle ledige": total,
        "18-29 år": to_int(total * young * w.wobble("ledige unge", 0.03)),
        "Ikke-vestlig herkomst": to_int(total * np.clip(nonwestern, 0, 0.6) * w.wobble("ledige ikke-vestlige", 0.03)),
        "Langtidsledige": to_int(total * long * w.level("ledige langtid", 0.15) * w.wobble("ledige langtid", 0.04)),
    }
    counts = np.stack([w.areas_of(np.minimum(a, total)) for a in groups.values()])
    return JobindsatsTable("PROV_LEDGRP", ["Gruppe"], [(g,) for g in groups], {"Ledige fuldtidspersoner": counts})


def aus08(w: World, yd: Ydelser) -> StatbankTable:
    """Seasonally adjusted ledige and their share of the labour force (which is not published)."""
    parts = _parts(w, yd)
    season = YDELSER[0].season  # dagpenge's seasonal pattern dominates
    adjusted = parts.sum(axis=0) / w.season(season) * 1.05 * w.wobble("aus08", 0.01)
    labour = yd.pop.band("16-66") * 0.78 * w.level("arbejdsstyrke", 0.03, {"Hovedstadskommuner": 0.02,
                                                                           "Landkommuner": -0.03})
    cal = Calibration(w)
    add_shares(w, cal, adjusted, labour, targets("ledighedsprocent"))
    count = cal.run(adjusted)
    ca, la = w.areas_of(count), w.areas_of(labour)
    return StatbankTable("AUS08", "SAESONFAK", {"9": share(ca, la, suppress_below=0), "10": ca},
                         decimals={"9": 1, "10": 0})
