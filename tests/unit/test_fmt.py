import math

import pytest
from noegletal import fmt


@pytest.mark.parametrize(
    "call,expected",
    [
        (lambda: fmt.tal(1827), "1.827"), (lambda: fmt.tal(10160), "10.160"), (lambda: fmt.tal(1234567), "1.234.567"),
        (lambda: fmt.tal(33.333, 1), "33,3"), (lambda: fmt.tal(28.0, 1), "28,0"), (lambda: fmt.tal(-0.04, 1), "0,0"),
        (lambda: fmt.pct(33.33), "33,3 pct."), (lambda: fmt.pct_point(-0.24), "-0,2 procentpoint"),
        (lambda: fmt.pct_point(1.25), "+1,2 procentpoint"), (lambda: fmt.aendring(13.2), "+13,2 pct."),
    ],
)
def test_danish_formats(call, expected):
    assert call() == expected


@pytest.mark.parametrize("missing", [None, math.nan, float("nan")])
def test_missing_is_never_zero(missing):
    assert fmt.tal(missing) == fmt.MANGLER == ".."
    assert fmt.pct(missing) == ".."
    assert fmt.pct_point(missing) == ".."
