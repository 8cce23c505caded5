import math

from noegletal import usikkerhed as u


def test_wilson_known_values():
    lo, hi = u.wilson(2, 14)
    assert round(lo, 1) == 4.0 and round(hi, 1) == 39.9
    assert u.wilson(0, 5)[0] == 0.0 and u.wilson(5, 5)[1] == 100.0


def test_wilson_missing():
    assert all(math.isnan(x) for x in u.wilson(math.nan, 10))
    assert all(math.isnan(x) for x in u.wilson(1, 0))


def test_k_af_n_as_the_notat_said_it():
    assert u.k_af_n(2, 14).startswith("2 af 14 personer, svarende til 14 pct.")
    assert u.k_af_n(None, 14) == ".."


def test_threshold_and_persons_behind_share():
    assert u.er_smaa_tal(14) and not u.er_smaa_tal(u.SMAA_TAL_GRAENSE)
    assert not u.er_smaa_tal(math.nan)
    assert u.antal_beskaeftigede(33.3, 12) == 4 and u.antal_beskaeftigede(13.0, 23) == 3


def test_interval_tekst_for_tables():
    assert u.interval_tekst(2, 14) == "4-40"
    assert math.isnan(u.interval_tekst(math.nan, 14)) and math.isnan(u.interval_tekst(1, 0))
