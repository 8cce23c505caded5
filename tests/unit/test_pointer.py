"""Væsentlige pointer: exact sentences from known numbers, ranking, small numbers, pin/drop/reword."""

from __future__ import annotations

import pandas as pd
import pytest

from noegletal import geo, maaltal, pointer
from noegletal.periods import periode

E = pointer.Emne("ledighedsprocent", "Den officielle ledighedsprocent", "pct", "ledighed",
                 "Officiel ledighedsprocent, sæsonkorrigeret")
ANDEL = pointer.Emne("ministermaal_andel", "Andelen af beskæftigede flygtninge", "pct", "integration", "Ministerens mål",
                     personer="Antal")


def _serie(koder_vaerdier: dict[str, list[float]], til="2023M06"):
    q = periode(til)
    rows = []
    for kode, vals in koder_vaerdier.items():
        for i, v in enumerate(vals):
            rows.append({"omraade_kode": kode, "periode": q.shift(-(len(vals) - 1 - i)).kode, "vaerdi": v})
    return pd.DataFrame(rows)


@pytest.fixture
def tal(monkeypatch):
    """Ballerup's rate moves 0,1 a month and ends at 2,3 (a year before 3,5); Hele landet 2,8; måltal 2,5."""
    ballerup = [3.6, 3.5, 3.4, 3.5, 3.4, 3.3, 3.2, 3.1, 3.0, 2.9, 2.8, 2.7, 2.6, 2.5, 2.4, 2.3]
    df = _serie({"151": ballerup, "000": [2.8] * 16})
    personer = {"151": 14}
    monkeypatch.setattr(pointer, "_serie", lambda e, omr, fra, til, maal=None: (
        _serie({"151": [personer["151"]]}) if maal else df if e is not ANDEL else _serie({"151": [2 / 14 * 100] * 16,
                                                                                         "000": [30.0] * 16})))
    m = maaltal.Maaltal("ledighedsprocent", "Ballerup", 2.5, maaltal.LAVERE, "2023M01", "")
    monkeypatch.setattr(maaltal, "gaeldende", lambda ind, o, q: m if ind == "ledighedsprocent" else None)


def test_exact_sentences_from_known_numbers(tal):
    pts = {p.id: p for p in pointer.for_emne(E, geo.omraade("Ballerup"), [geo.hele_landet()], periode("2023M06"), 16)}
    assert pts["maal-ledighedsprocent"].tekst == (
        "Den officielle ledighedsprocent i Ballerup var 2,3 pct. i juni 2023, under måltallet på 2,5 pct. "
        "(lavere er bedre; målet er nået).")
    assert pts["sammenligning-ledighedsprocent"].tekst == (
        "Den officielle ledighedsprocent: Ballerup 2,3 pct. i juni 2023, lavere end Hele landet (2,8 pct. i samme måned).")
    assert pts["udvikling-ledighedsprocent"].tekst == (
        "Den officielle ledighedsprocent i Ballerup er faldet fra 3,5 pct. i juni 2022 til 2,3 pct. i juni 2023 "
        "(-1,2 pct.-point): mere end 3 gange den sædvanlige bevægelse fra måned til måned (0,1 pct.).")
    assert pts["rekord-ledighedsprocent"].tekst == (
        "Den officielle ledighedsprocent i Ballerup er med 2,3 pct. i juni 2023 den laveste i de viste måneder "
        "(fra marts 2022).")
    assert pts["maal-ledighedsprocent"].blok_id == "ledighed-officiel-ledighedsprocent-saesonkorrigeret"
    rangeret = sorted(pts.values(), key=lambda p: -p.vaegt)
    assert rangeret[0].id == "maal-ledighedsprocent"  # the committee's måltal first


def test_small_numbers_are_said_as_k_af_n(tal):
    pts = {p.id: p for p in pointer.for_emne(ANDEL, geo.omraade("Ballerup"), [geo.hele_landet()], periode("2023M06"), 16)}
    t = pts["sammenligning-ministermaal-andel"].tekst
    assert "(2 af 14 personer, svarende til 14 pct. (95 %-interval: 4-40 pct.))" in t
    # 30 pct. lies inside 2 of 14's interval (4-40 pct.): the difference is not beyond the uncertainty
    assert t.endswith("på niveau med Hele landet (30,0 pct. i samme måned).")
    assert pts["sammenligning-ministermaal-andel"].vaegt < 1


def test_pin_drop_reword_and_own():
    k = [pointer.Pointe(f"p{i}", f"tekst {i}", 10 - i, "b") for i in range(12)]
    v = pointer.vaelg(k, {"p0": None, "p1": "Analytikerens ord.", "ny": "Helt egen pointe."}, fastgjorte={"p11"})
    ids = [p.id for p in v]
    assert "p0" not in ids
    assert ids[:3] == ["p1", "ny", "p11"] or set(ids[:3]) == {"p1", "ny", "p11"}
    assert next(p for p in v if p.id == "p1").tekst == "Analytikerens ord."
    assert len(v) == pointer.MAKS
    assert pointer.markdown(v[:2]).splitlines()[0].startswith("- ")
