"""fortaelling.mod_maal: a value against a target, said in plain Danish (added for the fleksjob brief)."""

import math

from noegletal import fortaelling as f


def test_under_and_over_a_count_target_with_share_of_target():
    assert f.mod_maal(115, 120, "personer") == "Det er 5 personer under målet på 120 personer (96 pct. af målet)."
    assert f.mod_maal(126, 120, "antal", maal_tekst="120 nye fleksjob om året") == \
        "Det er 6 over målet på 120 nye fleksjob om året (105 pct. af målet)."


def test_exactly_on_target():
    assert f.mod_maal(120.2, 120, "antal") == "Det svarer til målet på 120 (100 pct. af målet)."


def test_share_target_in_points():
    assert f.mod_maal(23.4, 25, "pct") == "Det er 1,6 procentpoint under målet på 25,0 pct."
    assert f.mod_maal(25.01, 25, "pct") == "Det svarer til målet på 25,0 pct."


def test_missing_value_is_said_and_no_target_says_nothing():
    assert "kan ikke opgøres, fordi tallet mangler" in f.mod_maal(math.nan, 120, "personer")
    assert f.mod_maal(100, None, "personer") == ""
    assert f.mod_maal(100, math.nan, "personer") == ""
