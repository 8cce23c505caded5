"""Danish number formatting: 1.827 · 33,3 · 33,3 pct. · -0,2 procentpoint.

A missing value is printed as `MANGLER` (".."), never as 0, the way Danmarks Statistik prints it. One unit
style in the whole product, as the kommune writes: "pct." for a share or a relative change, "procentpoint"
for a difference between shares, "95 pct.-interval" for an uncertainty (never "%" or "pct.-point").
"""

from __future__ import annotations

import math

MANGLER = ".."
PROCENTPOINT = "procentpoint"
INTERVAL_95 = "95 pct.-interval"


def er_mangler(x) -> bool:
    """True for None, NaN and pandas' NA: anything that is not a number we can print."""
    if x is None:
        return True
    try:
        return bool(math.isnan(float(x)))
    except (TypeError, ValueError):
        return True


def tal(x, decimaler: int = 0) -> str:
    """1827 → '1.827'; 33.333 with decimaler=1 → '33,3'; missing → '..'."""
    if er_mangler(x):
        return MANGLER
    value = round(float(x), decimaler)
    if value == 0:
        value = 0.0  # no "-0"
    s = f"{value:,.{decimaler}f}"
    return s.replace(",", "_").replace(".", ",").replace("_", ".")


def pct(x, decimaler: int = 1) -> str:
    """33.33 → '33,3 pct.'"""
    return MANGLER if er_mangler(x) else f"{tal(x, decimaler)} pct."


def pct_point(x, decimaler: int = 1, fortegn: bool = True) -> str:
    """-0.24 → '-0,2 procentpoint'; with fortegn a rise gets '+'."""
    if er_mangler(x):
        return MANGLER
    s = tal(x, decimaler)
    if fortegn and round(float(x), decimaler) > 0:
        s = "+" + s
    return f"{s} {PROCENTPOINT}"


def aendring(x, decimaler: int = 1) -> str:
    """Relative change in pct. with sign: 0.032 is not accepted; pass 3.2 → '+3,2 pct.'"""
    if er_mangler(x):
        return MANGLER
    s = tal(x, decimaler)
    if round(float(x), decimaler) > 0:
        s = "+" + s
    return f"{s} pct."
