import math

import pandas as pd
import pytest
from noegletal import ranking as r


def test_lower_is_better_and_higher_is_better():
    v = {"A": 3.0, "B": 1.0, "C": 2.0}
    lav = r.rangering(v, lavest_bedst=True)
    assert list(lav.index) == ["B", "C", "A"]
    assert lav.loc["B", "plads"] == 1 and lav.loc["A", "plads"] == 3
    hoej = r.rangering(v, lavest_bedst=False)
    assert list(hoej.index) == ["A", "C", "B"]
    assert hoej.loc["A", "plads"] == 1 and hoej.loc["B", "plads"] == 3


def test_ties_share_the_better_place():
    t = r.rangering({"A": 2.0, "B": 1.0, "C": 2.0, "D": 3.0})
    assert t["plads"].to_dict() == {"B": 1, "A": 2, "C": 2, "D": 4}
    assert r.placering_tekst(t.loc["C", "plads"], t.loc["C", "antal"]) == "Nr. 2 af 4"


def test_missing_values_are_never_ranked_as_zero():
    t = r.rangering({"A": 5.0, "B": math.nan, "C": 1.0, "D": None, "E": 0.0})
    assert t.loc["E", "plads"] == 1  # a real 0 is a value
    assert pd.isna(t.loc["B", "plads"]) and pd.isna(t.loc["D", "plads"])
    assert not t.loc["B", "rangeret"] and t.loc["A", "rangeret"]
    assert (t["antal"] == 3).all()  # the group size counts only ranked areas
    assert list(t.index)[-2:] == ["B", "D"]  # listed last, in their own order
    assert r.ikke_rangerede(t) == ["B", "D"]
    assert r.placering_tekst(t.loc["B", "plads"], 3) == "Ikke rangeret"
    assert r.tredjedel_tekst(t.loc["B", "tredjedel"]) == "Ikke rangeret"
    # higher-is-better must not put the missing ones first either
    h = r.rangering({"A": 5.0, "B": math.nan}, lavest_bedst=False)
    assert h.loc["A", "plads"] == 1 and pd.isna(h.loc["B", "plads"])


def test_all_missing_ranks_nobody():
    t = r.rangering({"A": math.nan, "B": math.nan})
    assert t["plads"].isna().all() and (t["antal"] == 0).all()


@pytest.mark.parametrize("antal, sizes", [(22, (7, 8, 7)), (23, (8, 7, 8)), (24, (8, 8, 8)), (3, (1, 1, 1)),
                                          (4, (1, 2, 1)), (5, (2, 1, 2)), (2, (1, 0, 1)), (1, (0, 1, 0))])
def test_thirds_for_any_group_size(antal, sizes):
    got = [r.tredjedel(p, antal) for p in range(1, antal + 1)]
    assert tuple(got.count(t) for t in (1, 2, 3)) == sizes
    assert got == sorted(got)  # never a worse place in a better third


def test_thirds_are_symmetric_under_direction():
    for antal in range(1, 30):
        for p in range(1, antal + 1):
            assert r.tredjedel(p, antal) + r.tredjedel(antal + 1 - p, antal) == 4


def test_third_out_of_range_fails():
    with pytest.raises(ValueError):
        r.tredjedel(0, 5)
    with pytest.raises(ValueError):
        r.tredjedel(6, 5)


def test_third_in_the_ranking_table_and_as_text():
    t = r.rangering({k: float(i) for i, k in enumerate("ABCDEFG")})  # 7: 2/3/2
    assert t["tredjedel"].tolist() == [1, 1, 2, 2, 2, 3, 3]
    assert r.tredjedel_tekst(1) == "▲ Øverste tredjedel"
    assert r.tredjedel_tekst(2) == "■ Midterste tredjedel"
    assert r.tredjedel_tekst(3, markoer=False) == "Nederste tredjedel"
    assert r.tredjedel_tekst(3, kort=True) == "▼ Nederste"


def test_moves():
    assert r.bevaegelse(3, 5) == "2 pladser bedre"
    assert r.bevaegelse(4, 3) == "1 plads dårligere"
    assert r.bevaegelse(6, 1) == "5 pladser dårligere"
    assert r.bevaegelse(2, 3) == "1 plads bedre"
    assert r.bevaegelse(3, 3) == "Samme placering"
    assert r.bevaegelse(3, pd.NA) == "Ingen placering at sammenligne med"
    assert r.bevaegelse(None, 3) == "Ikke rangeret"


def test_span_from_rounding():
    v = {"A": 4.41, "B": 4.38, "C": 4.44, "D": 3.0, "E": 5.0}
    assert r.rangering(v).loc["A", "plads"] == 3
    assert r.plads_spaend(v, "A") == (3, 3)  # unrounded: the data separate them
    assert r.plads_spaend(v, "A", decimaler=1) == (2, 4)  # all three print as 4,4
    assert r.plads_spaend(v, "D", decimaler=1) == (1, 1)
    assert r.er_usikker((2, 4)) and not r.er_usikker((1, 1)) and not r.er_usikker(None)
    assert r.spaend_tekst((2, 4)) == "nr. 2-4" and r.spaend_tekst((1, 1)) == "nr. 1"


def test_span_higher_is_better():
    v = {"A": 4.41, "B": 4.38, "C": 4.44, "D": 3.0, "E": 5.0}
    assert r.plads_spaend(v, "A", lavest_bedst=False, decimaler=1) == (2, 4)
    assert r.plads_spaend(v, "E", lavest_bedst=False, decimaler=1) == (1, 1)


def test_span_from_an_interval_for_few_persons():
    v = {"A": 20.0, "B": 10.0, "C": 15.0, "D": 30.0, "E": 40.0}
    assert r.plads_spaend(v, "A", interval=(12.0, 35.0)) == (2, 4)
    assert r.plads_spaend(v, "A", lavest_bedst=False, interval=(12.0, 35.0)) == (2, 4)
    assert r.plads_spaend(v, "A", interval=(math.nan, math.nan)) == (3, 3)


def test_span_of_a_missing_value_is_none():
    v = {"A": math.nan, "B": 1.0}
    assert r.plads_spaend(v, "A") is None
    assert r.plads_spaend(v, "X") is None
    assert r.spaend_tekst(None) == "Ikke rangeret"


def test_a_move_within_the_uncertainty_does_not_count():
    assert not r.bevaegelse_sikker((2, 4), (4, 6))
    assert r.bevaegelse_sikker((1, 1), (3, 3))
    assert not r.bevaegelse_sikker(None, (3, 3))
