"""Integration: the ministermål (refugees and family-reunified to refugees, over 18 at arrival, by the year
their cpr-nummer was issued) and the Integrationsbarometer's small kommune counts.

Both are egne data (catalogue tables `ministermaal` and `integrationsbarometer`): no API serves them, so the
demo writes them as the CSV a user would import. Integrationsydelse is not here: it is the two Mindstesats
values of y60a02 (ydelser.py) and y60c02 (aktivering.py).

Each cohort arrives during its year (those from before 2010 are pooled), shrinks slowly (moves,
emigration) and finds work over a few years; the labour market for refugees improved markedly from 2017 and dipped in the spring of 2020.
"""

from __future__ import annotations

import numpy as np

from .model import (
    Calibration,
    World,
    _numerator,
    apportion,
    nearest_int,
    rounds_to,
    share,
    smooth_path,
    targets,
)
from .write import JobindsatsTable
from .ydelser import I_ALT, Ydelser, add_counts, add_shares

POOL = 2009  # "før 2010": everyone who got a cpr-nummer earlier, pooled
COHORTS = [POOL, *range(2010, 2025)]
INFLOW = {POOL: 45000, 2010: 1400, 2011: 1700, 2012: 2200, 2013: 3200, 2014: 6300, 2015: 11500, 2016: 7600, 2017: 2900,
          2018: 1300, 2019: 900, 2020: 450, 2021: 550, 2022: 800, 2023: 700, 2024: 650}  # persons over 18
EMPLOYMENT = [("2013M01", 0.33), ("2016M01", 0.33), ("2017M10", 0.36), ("2018M08", 0.47), ("2019M08", 0.53),
              ("2020M02", 0.54), ("2020M04", 0.49), ("2020M08", 0.51), ("2021M06", 0.55), ("2022M06", 0.6),
              ("2024M12", 0.6)]  # long-run employment share of a cohort
ANDEL = "Andel beskæft. flygtninge og fam. til flygtninge i måneden, pct. (ministermål)"
ANTAL = "Antal flygtninge og familiesammenførte til flygtninge"
BESK = "Antal beskæftigede flygtninge og familiesammenførte til flygtninge"
MINISTERMAAL, BAROMETER = "ministermaal", "integrationsbarometer"  # egne tables in catalogue.yml
CPR_AAR = "Udstedelse af cpr-nummer"  # the ministermaal sheet's dimension column


def label(cohort: int) -> str:
    """The cohort as the sheet writes it: the year as text ('2014'); the pooled cohort '2009 eller før'."""
    return "2009 eller før" if cohort == POOL else str(cohort)


def _time(w: World) -> np.ndarray:
    return np.array([p.aar + (p.nr - 0.5) / 12 for p in w.months])


class Ministermaal:
    """Persons N and employed E per cohort, (16, 98, T) ints; 0 before a cohort's year."""

    def __init__(self, w: World, yd: Ydelser):
        self.w = w
        t = _time(w)
        pop = yd.pop.band("IALT")[:, w.t("2018M01")].astype(float)
        place = pop * w.factor("flygtninge", 0.3)
        n, e = [], []
        for c in COHORTS:
            months_in = np.clip(np.array([(p.aar - c) * 12 + p.nr for p in w.months]), 0, 12)
            arrived = months_in / 12
            years = np.where(months_in < 12, months_in / 24, t - (c + 0.5))
            if c == POOL:  # settled for years; thins out as people move, emigrate or pass 66
                years = t - 2013 + 8
            spread = place * np.exp(0.25 * w.normal(f"kohorte {c}"))
            staying = np.exp(-0.025 * (years - (8 if c == POOL else 0)))
            persons = INFLOW[c] * (spread / spread.sum())[:, None] * arrived * staying
            persons = persons * w.wobble(f"kohorte {c}", 0.03)
            work = 1 - np.exp(-np.clip(years - 0.15, 0, None) / 1.5)
            n.append(persons)
            e.append(persons * work * w.curve(EMPLOYMENT))
        level = w.factor("flygtninge beskaeftigelse", 0.15)[None, :, None]
        self.n_float = np.stack(n)
        self.e_float = np.stack(e) * level * np.stack([w.wobble(f"beskaeftigede {c}", 0.06) for c in COHORTS])
        self.n = np.stack([self._persons(i) for i in range(len(COHORTS))])
        self._fit_totals_denominators()
        self._steer_towards_totals()
        self.e = np.stack([self._employed(i) for i in range(len(COHORTS))])
        self._fit_totals()

    def _persons(self, i: int) -> np.ndarray:
        cal = Calibration(self.w)
        add_counts(self.w, cal, targets("ministermaal_antal", cpr_aar=label(COHORTS[i])))
        return cal.run(self.n_float[i])

    def _employed(self, i: int) -> np.ndarray:
        cal = Calibration(self.w)
        figs = targets("ministermaal_andel", cpr_aar=label(COHORTS[i]))
        add_shares(self.w, cal, self.e_float[i], self.n[i], figs)
        return np.minimum(cal.run(self.e_float[i]), self.n[i])

    def _total_targets(self):
        out = []
        for f in targets("ministermaal_andel", cpr_aar=I_ALT):
            if f.area_code not in {k.kode for k in self.w.kommuner}:
                raise NotImplementedError("demo calibrates the all-cohorts share for kommuner only")
            out.append((f, self.w.k(f.area_code), self.w.t(f.periode)))
        return out

    def _fit_totals_denominators(self) -> None:
        """Where no employed count can give a published all-cohorts share, move a few persons in the pooled
        cohort; the path of totals is chosen to move as little and as smoothly as possible."""
        by_kommune: dict[int, list] = {}
        for f, k, t in self._total_targets():
            by_kommune.setdefault(k, []).append((t, f))
        for k, items in by_kommune.items():
            items.sort(key=lambda x: x[0])
            natural = [int(self.n[:, k, t].sum()) for t, _ in items]
            options = [[n for n in range(max(n0 - 60, 1), n0 + 61) if _numerator(n, lambda m: f.value * m / 100,
                        lambda e, m: rounds_to(100 * e / m, f.value, f.decimals)) is not None]
                       for n0, (_, f) in zip(natural, items)]
            path = smooth_path(natural, options)
            for (t, _), n, n0 in zip(items, path, natural):
                self.n[COHORTS.index(POOL), k, t] += n - n0

    def _steer_towards_totals(self) -> None:
        """Scale a kommune's employment smoothly towards its published all-cohorts shares."""
        points: dict[int, list] = {}
        for f, k, t in self._total_targets():
            want = f.value / 100 * self.n[:, k, t].sum()
            points.setdefault(k, []).append((t, want / max(self.e_float[:, k, t].sum(), 1e-6)))
        for k, pts in points.items():
            ts, rs = zip(*sorted(pts))
            self.e_float[:, k, :] *= np.exp(np.interp(np.arange(self.w.T), ts, np.log(rs)))[None]

    def _fit_totals(self) -> None:
        """Exact all-cohorts shares: add or remove employed in cohorts no published figure pins down."""
        pinned = {(f.area_code, f.periode, f.filter.get("cpr_aar")) for f in targets("ministermaal_andel")}
        for f, k, t in self._total_targets():
            n, now = self.n[:, k, t].sum(), self.e[:, k, t].sum()
            want = nearest_int(now, lambda e: rounds_to(100 * e / n, f.value, f.decimals))
            free = np.array([(f.area_code, f.periode, label(c)) not in pinned for c in COHORTS])
            room = np.where(free, self.n[:, k, t] - self.e[:, k, t] if want > now else self.e[:, k, t], 0)
            step = apportion(np.array([abs(want - now)]), room[:, None].astype(float))[:, 0]
            self.e[:, k, t] += np.sign(want - now) * step

    def table(self) -> JobindsatsTable:
        w = self.w
        exists = np.array([[p.aar >= c or c == POOL for p in w.months] for c in COHORTS])[:, None, :]
        n = np.stack([w.areas_of(x) for x in [*self.n, self.n.sum(axis=0)]])
        e = np.stack([w.areas_of(x) for x in [*self.e, self.e.sum(axis=0)]])
        mask = np.concatenate([exists, np.ones_like(exists[:1])])
        n, e = np.where(mask, n, np.nan), np.where(mask, e, np.nan)
        combos = [(label(c),) for c in COHORTS] + [(I_ALT,)]
        measures = {ANDEL: share(e, n), ANTAL: n, BESK: e}
        return JobindsatsTable(MINISTERMAAL, [CPR_AAR], combos, measures)


def barometer(w: World, mm: Ministermaal) -> JobindsatsTable:
    """The Integrationsbarometer's kommune counts: about a tenth of those who came in 2010 or later, with
    noisy shares (Ballerup had 14 persons in 3rd quarter 2017)."""
    recent = mm.n[1:].sum(axis=0)  # without the pooled arrivals from before 2010
    n_float = 0.11 * w.quarter_mean(recent) * w.wobble("barometer", 0.1, rho=0.7, n=w.Q)
    cal = Calibration(w)
    add_counts(w, cal, targets("integrationsbarometer_personer"), t_of=w.q)
    pinned = {(f.area_code, f.periode) for f in targets("integrationsbarometer_personer")}
    for f in targets("integrationsbarometer_andel"):
        if (f.area_code, f.periode) not in pinned:
            q, m = w.q(f.periode), w.area_mask(f.area_code)
            ok = lambda n: any(rounds_to(100 * e / n, f.value, f.decimals) for e in range(n + 1))  # noqa: E731
            cal.add(f.area_code, q, nearest_int(n_float[m, q].sum(), ok, minimum=1))
    n = cal.run(n_float)
    rate = w.quarter_mean(mm.e[1:].sum(axis=0)) / np.maximum(w.quarter_mean(recent), 1)
    e_float = n * rate * w.wobble("barometer beskaeftigede", 0.25, rho=0.5, n=w.Q)
    cal = Calibration(w)
    add_counts(w, cal, targets("integrationsbarometer_beskaeftigede"), t_of=w.q)
    add_shares(w, cal, e_float, n, targets("integrationsbarometer_andel"), t_of=w.q)
    e = np.minimum(cal.run(e_float), n)
    na, ea = w.areas_of(n), w.areas_of(e)
    return JobindsatsTable(BAROMETER, [], [()], {
        "Personer i målgruppen": na[None], "Beskæftigede i målgruppen": ea[None],
        "Andel beskæftigede, pct.": share(ea, na)[None]})


def tables(w: World, yd: Ydelser) -> list[JobindsatsTable]:
    mm = Ministermaal(w, yd)
    return [mm.table(), barometer(w, mm)]
