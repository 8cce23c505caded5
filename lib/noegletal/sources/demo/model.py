"""The demo's world and tools: time axis, areas, deterministic randomness, and calibration.

Every series is generated per kommune as a (98, T) array; regioner and Hele landet are sums of their
kommuner (`World.areas`), so shares for them are always computed from summed counts. Calibration to the
published figures moves a kommune's whole series smoothly (an interpolated ratio) and then fixes the
targeted cells exactly, so a calibrated month does not stick out of its series.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np

from ... import backtest, geo
from ...backtest import Figure, afrund
from ...periods import Periode, periode

SEED = 20180201  # the date of Ballerup's notat; any fixed number would do
START = "2013M01"
END = "2024M12"
MIN_DENOMINATOR = 5  # shares of fewer persons are suppressed (".."), as the sources do


def crc(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


def rng(name: str) -> np.random.Generator:
    """A generator per named series, so adding a series never changes another one."""
    return np.random.default_rng([SEED, crc(name)])


class World:
    """Time axis and areas. Index order of kommuner is geo.kommuner(); of all areas geo.alle_omraader()."""

    def __init__(self, start: str = START, end: str = END):
        s, e = periode(start), periode(end)
        self.months: list[Periode] = [s.shift(i) for i in range(e - s + 1)]
        first_q, last_q = s.kvartal(), e.kvartal()
        self.quarters: list[Periode] = [first_q.shift(i) for i in range(last_q - first_q + 1)]
        self.kommuner = geo.kommuner()
        self.regioner = geo.regioner()
        self.areas = geo.alle_omraader()
        gruppe = {r["kode"]: r["kommunegruppe"] for r in geo.kommune_raekker()}
        self.gruppe = np.array([gruppe[k.kode] for k in self.kommuner], dtype=object)
        self.region_idx = np.array([[r.kode for r in self.regioner].index(k.region_kode) for k in self.kommuner])
        self._t = {p.kode: i for i, p in enumerate(self.months)}
        self._q = {p.kode: i for i, p in enumerate(self.quarters)}
        self._k = {k.kode: i for i, k in enumerate(self.kommuner)}

    # sizes and indices ----------------------------------------------------------------------------
    @property
    def K(self) -> int:
        return len(self.kommuner)

    @property
    def T(self) -> int:
        return len(self.months)

    @property
    def Q(self) -> int:
        return len(self.quarters)

    def t(self, code: str) -> int:
        return self._t[periode(code).kode]

    def q(self, code: str) -> int:
        return self._q[periode(code).kode]

    def k(self, code: str) -> int:
        return self._k[geo.omraade(code).kode]

    @cached_property
    def month_of_year(self) -> np.ndarray:
        return np.array([p.nr for p in self.months])

    @cached_property
    def quarter_of_month(self) -> np.ndarray:
        return np.array([self._q[p.kvartal().kode] for p in self.months])

    def region_mask(self, code: str) -> np.ndarray:
        return self.region_idx == [r.kode for r in self.regioner].index(code)

    def area_mask(self, code: str) -> np.ndarray:
        """Kommuner that make up an area (one kommune, a group of kommuner, a region, or all)."""
        o = geo.omraade(code)
        if o.niveau in (geo.KOMMUNE, geo.GRUPPE):
            m = np.zeros(self.K, bool)
            m[[self._k[k] for k in (o.medlemmer or (o.kode,))]] = True
            return m
        if o.niveau == geo.REGION:
            return self.region_mask(o.kode)
        return np.ones(self.K, bool)

    # aggregation --------------------------------------------------------------------------------------
    def areas_of(self, x: np.ndarray) -> np.ndarray:
        """(..., 98, n) kommune values → (..., 104, n): Hele landet, the regioner, the kommuner."""
        x = np.asarray(x, dtype="float64")
        regions = np.stack([x[..., self.region_idx == i, :].sum(axis=-2) for i in range(len(self.regioner))], axis=-2)
        return np.concatenate([x.sum(axis=-2, keepdims=True), regions, x], axis=-2)

    @cached_property
    def _to_quarters(self) -> np.ndarray:
        m = np.zeros((self.T, self.Q))
        m[np.arange(self.T), self.quarter_of_month] = 1.0
        return m / m.sum(axis=0)

    def quarter_mean(self, x: np.ndarray) -> np.ndarray:
        """Monthly (..., T) → quarterly mean (..., Q)."""
        return np.asarray(x, dtype="float64") @ self._to_quarters

    # deterministic variation ----------------------------------------------------------------------------
    @lru_cache(maxsize=None)
    def normal(self, name: str) -> np.ndarray:
        """One standard normal per kommune, fixed by the kommune's code and the series name."""
        return np.array([np.random.default_rng([SEED, crc(name), int(k.kode)]).standard_normal()
                         for k in self.kommuner])

    def factor(self, name: str, sigma: float, by_gruppe: dict[str, float] | None = None) -> np.ndarray:
        """A kommune's level relative to the country: kommunegruppe effect times a lognormal of its code."""
        g = np.array([(by_gruppe or {}).get(x, 0.0) for x in self.gruppe])
        return np.exp(g + sigma * self.normal(name))

    def level(self, name: str, sigma: float, by_gruppe: dict[str, float] | None = None) -> np.ndarray:
        """`factor` as a column (98, 1), to multiply a (98, T) series."""
        return self.factor(name, sigma, by_gruppe)[:, None]

    def wobble(self, name: str, sigma: float, rho: float = 0.85, n: int | None = None) -> np.ndarray:
        """Smooth multiplicative noise (98, n): an AR(1) in logs, so months move together like real series."""
        n = n or self.T
        e = rng(name).standard_normal((self.K, n)) * sigma * np.sqrt(1 - rho**2)
        out = np.empty_like(e)
        out[:, 0] = e[:, 0] / np.sqrt(1 - rho**2)
        for i in range(1, n):
            out[:, i] = rho * out[:, i - 1] + e[:, i]
        return np.exp(out)

    def curve(self, knots: list[tuple[str, float]]) -> np.ndarray:
        """A national path (T,) through (period, value) knots, linear in between and flat beyond."""
        xs = [(periode(p).aar - self.months[0].aar) * 12 + periode(p).nr - self.months[0].nr for p, _ in knots]
        return np.interp(np.arange(self.T), xs, [v for _, v in knots])

    def season(self, profile: list[float]) -> np.ndarray:
        """Multiplicative seasonal factor (T,) from 12 monthly percentages (Jan..Dec)."""
        return 1.0 + np.asarray(profile)[self.month_of_year - 1] / 100.0


# --- integer tools ---------------------------------------------------------------------------------------
def apportion(total: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Split integer totals (shape S) into parts (P, *S) by weights, exactly (largest remainder).

    Zero weights get nothing unless all weights are zero, then the first part gets the total."""
    total = np.asarray(total, dtype="int64")
    w = np.clip(np.asarray(weights, dtype="float64"), 0, None)
    ws = w.sum(axis=0)
    share = np.where(ws > 0, w / np.where(ws > 0, ws, 1), 0.0)
    share[0] = np.where(ws > 0, share[0], 1.0)
    raw = share * total
    fl = np.floor(raw + 1e-9)
    rem = total - fl.sum(axis=0)
    order = np.argsort(-(raw - fl), axis=0, kind="stable")
    rank = np.argsort(order, axis=0, kind="stable")
    return (fl + (rank < rem)).astype("int64")


def to_int(x: np.ndarray) -> np.ndarray:
    return np.clip(afrund(np.asarray(x, dtype="float64"), 0), 0, None).astype("int64")


def rounds_to(x: float, target: float, decimals: int, src_decimals: int | None = 1) -> bool:
    """Does x, as the source publishes it (src_decimals) and then rounded as the publication did, give
    target? Both roundings are half away from zero (43,75 → 43,8, as Jobindsats published it)."""
    if not np.isfinite(x):
        return False
    v = afrund(x, src_decimals) if src_decimals is not None else x
    return abs(afrund(v, decimals) - target) < 1e-9


def nearest_int(center: float, ok, radius: int = 100_000, minimum: int = 0) -> int:
    """The integer closest to center for which ok(n) holds."""
    c = int(afrund(center, 0))
    for d in range(radius):
        for n in ((c,) if d == 0 else (c - d, c + d)):
            if n >= minimum and ok(n):
                return n
    raise ValueError(f"no integer near {center} satisfies the calibration target")


def solve_pair(n0: float, guess, ok, minimum: int = 1) -> tuple[int, int]:
    """(n, e) with n as close to n0 as possible and e near guess(n) such that ok(e, n): for a published share
    or change whose denominator may move a little, because no numerator fits the one it has."""
    def fits(n: int) -> bool:
        return _numerator(n, guess, ok) is not None

    n = nearest_int(n0, fits, minimum=minimum)
    return n, _numerator(n, guess, ok)


def _numerator(n: int, guess, ok) -> int | None:
    g = guess(n)
    for e in range(max(int(np.floor(g)) - 2, 0), int(np.ceil(g)) + 3):
        if ok(e, n):
            return e
    return None


def smooth_path(natural: list[int], options: list[list[int]], stay: float = 0.3) -> list[int]:
    """Pick one value per step from its options so the path moves little between steps and stays near the
    natural values (a small dynamic programme; steps are consecutive calibrated months)."""
    cost = {n: stay * abs(n - natural[0]) for n in options[0]}
    back = []
    for i in range(1, len(options)):
        new, arg = {}, {}
        for n in options[i]:
            prev = min(cost, key=lambda p: cost[p] + abs(n - p))
            new[n], arg[n] = cost[prev] + abs(n - prev) + stay * abs(n - natural[i]), prev
        cost = new
        back.append(arg)
    n = min(cost, key=cost.get)
    path = [n]
    for arg in reversed(back):
        n = arg[n]
        path.append(n)
    return path[::-1]


def share(num: np.ndarray, den: np.ndarray, decimals: int = 1, suppress_below: int = MIN_DENOMINATOR) -> np.ndarray:
    """100·num/den rounded as the source does; NaN where den is 0, +inf (→ "..") where den is small."""
    num, den = np.asarray(num, "float64"), np.asarray(den, "float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        out = afrund(100.0 * num / np.where(den > 0, den, np.nan), decimals)
    return np.where((den > 0) & (den < suppress_below), np.inf, out)


# --- calibration ---------------------------------------------------------------------------------------------
@dataclass
class _Group:
    mask: np.ndarray
    t: int
    total: int
    level: float  # 0 kommune, 0.5 a group of kommuner, 1 region, 2 land: narrow targets are fixed first


class Calibration:
    """Targets for one series: exact values for kommuner, regioner or Hele landet at given time indices.

    A region or country target is met by the kommuner in it that no narrower target fixes at that time."""

    def __init__(self, world: World):
        self.w = world
        self.groups: list[_Group] = []

    def add(self, area_code: str, t: int, value: int) -> None:
        o = geo.omraade(area_code)
        level = {geo.KOMMUNE: 0, geo.GRUPPE: 0.5, geo.REGION: 1, geo.LAND: 2}[o.niveau]
        mask = self.w.area_mask(o.kode)
        self.groups = [g for g in self.groups if not (g.t == t and (g.mask == mask).all())]  # last one wins
        self.groups.append(_Group(mask, t, int(value), level))

    def _ordered(self) -> list[_Group]:
        return sorted(self.groups, key=lambda g: (g.level, g.t))

    def run(self, x: np.ndarray, iterations: int = 5) -> np.ndarray:
        """Scale x (98, n) smoothly towards the targets, round, and fix every target exactly."""
        x = np.array(x, dtype="float64")
        if not self.groups:
            return to_int(x)
        for _ in range(iterations):
            points: dict[int, list[tuple[int, float]]] = defaultdict(list)
            y = x.copy()
            fixed: dict[int, np.ndarray] = defaultdict(lambda: np.zeros(self.w.K, bool))
            for g in self._ordered():
                free = g.mask & ~fixed[g.t]
                rest = g.total - y[g.mask & fixed[g.t], g.t].sum()
                base = y[free, g.t].sum()
                if free.any():
                    r = max(rest, 0.0) / base if base > 0 else 1.0
                    if base <= 0:
                        y[free, g.t] = max(rest, 0.0) / free.sum()
                    else:
                        y[free, g.t] *= r
                    for k in np.flatnonzero(free):
                        points[k].append((g.t, max(r, 1e-3)))
                fixed[g.t] |= g.mask
            for k, pts in points.items():
                ts, rs = zip(*sorted(pts))
                ratio = np.exp(np.interp(np.arange(x.shape[1]), ts, np.log(rs)))
                x[k] *= ratio
            for g in self._ordered():  # a series that was 0 at a target gets its value there
                if g.level == 0 and x[g.mask, g.t].sum() <= 0:
                    x[g.mask, g.t] = g.total
        out = to_int(x)
        fixed = defaultdict(lambda: np.zeros(self.w.K, bool))
        for g in self._ordered():
            free = g.mask & ~fixed[g.t]
            res = g.total - out[g.mask, g.t].sum()
            if res and free.any():
                out[free, g.t] = _spread(out[free, g.t], res)
            elif res:
                raise ValueError("calibration targets contradict each other")
            fixed[g.t] |= g.mask
        return out


def _spread(values: np.ndarray, res: int) -> np.ndarray:
    """Add an integer residual to values, proportionally, never below 0."""
    if res > 0:
        return values + apportion(np.array([res]), (values + 1.0)[:, None])[:, 0]
    take = apportion(np.array([-res]), values.astype(float)[:, None])[:, 0]
    if (take > values).any() or take.sum() != -res:
        raise ValueError("cannot remove the residual without going below 0")
    return values - take


def targets(indicator: str, **flt) -> list[Figure]:
    """The published figures (resolved by backtest) the demo must reproduce for one indicator."""
    return [f for f in backtest.targets() if f.matches(indicator, **flt)]
