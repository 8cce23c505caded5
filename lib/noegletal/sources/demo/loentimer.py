"""Ydelsesmodtagere med ordinære løntimer (y60j01), per year: how many of the recipients of the temporary ydelser
had ordinary paid hours, and how many hours. Shaped as OTIJ01's measures (reference/jobindsats-v3.md, v2-era
column lists); the year is the period, as the figures are published (the 2023 minutes: Hele landet 18,9 pct. in
2018, 23,1 pct. in 2022), and the demo meets those two figures to the digit.

The recipients are the persons on the temporary ydelser of ydelser.py (not fleksjob, førtidspension or
efterløn), as a yearly average; the share with hours follows a national path through the published figures,
with each kommune above or below it.
"""

from __future__ import annotations

import numpy as np

from .model import Calibration, World, afrund, targets, to_int
from .write import JobindsatsTable
from .ydelser import EKSKL, YDELSER, Ydelser, add_shares

ANDEL = "Andel personer med ordinære timer"
# The national share with ordinary hours (pct.) by year; 2018 and 2022 are the published figures.
KNOTS = {2013: 16.4, 2014: 16.9, 2015: 17.5, 2016: 17.9, 2017: 18.4, 2018: 18.9, 2019: 19.5, 2020: 18.6,
         2021: 21.2, 2022: 23.1, 2023: 23.4, 2024: 23.7}
TIMER = 42.0  # ordinary hours per month of a person with hours, nationally
UDEN = ("Fleksjob",)  # a job with pay already: not counted among the recipients


def _aarlig(w: World, x: np.ndarray) -> np.ndarray:
    """(98, T) months → (98, years) yearly means (the world starts in a January and ends in a December)."""
    return x.reshape(x.shape[0], -1, 12).mean(axis=2)


def y60j01(w: World, yd: Ydelser) -> JobindsatsTable:
    aar = sorted({p.aar for p in w.months})
    modtagere = to_int(_aarlig(w, sum(yd.personer[y.label] for y in YDELSER
                                      if y.group == EKSKL and y.label not in UDEN)))
    national = np.array([KNOTS.get(a, KNOTS[max(KNOTS)]) for a in aar])
    niveau = w.level("loentimer", 0.15, {"Landkommuner": 0.05, "Storbykommuner": -0.05})
    andel = national[None, :] * niveau * w.wobble("loentimer aar", 0.04, n=len(aar))
    andel = andel * (national / (100 * (andel / 100 * modtagere).sum(axis=0) / modtagere.sum(axis=0)))[None, :]
    med = andel / 100 * modtagere
    cal = Calibration(w)
    add_shares(w, cal, med, modtagere, targets("loennede_timer_andel"), t_of=lambda kode: aar.index(int(kode[:4])))
    med = np.minimum(cal.run(med), modtagere)
    timer = med * TIMER * w.level("loentimer timer", 0.08)  # hours in a month, summed over the persons
    A = w.areas_of
    med_a, modt_a, timer_a = A(med), A(modtagere), A(timer)
    with np.errstate(divide="ignore", invalid="ignore"):
        pr_person = afrund(np.where(med_a > 0, timer_a / med_a, np.nan), 1)
        pr_maaned = afrund(np.where(modt_a > 0, timer_a / modt_a, np.nan), 1)
    from .model import share

    return JobindsatsTable("y60j01", [], [()], {
        "Antal personer i alt": modt_a[None],
        "Antal personer med ordinære timer": med_a[None],
        ANDEL: share(med_a, modt_a)[None],
        "Gennemsnitligt timetal pr person med ordinære timer": pr_person[None],
        "Gennemsnitligt antal ordinære timer pr. måned": pr_maaned[None],
    })


def tables(w: World, yd: Ydelser) -> list[JobindsatsTable]:
    return [y60j01(w, yd)]
