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
        "(-1,2 procentpoint): mere end 3 gange den sædvanlige bevægelse fra måned til måned (0,1 procentpoint).")
    assert pts["rekord-ledighedsprocent"].tekst == (
        "Den officielle ledighedsprocent i Ballerup er med 2,3 pct. i juni 2023 den laveste i de viste måneder "
        "(fra marts 2022).")
    assert pts["maal-ledighedsprocent"].blok_id == "ledighed-officiel-ledighedsprocent-saesonkorrigeret"
    rangeret = sorted(pts.values(), key=lambda p: -p.vaegt)
    assert rangeret[0].id == "maal-ledighedsprocent"  # the committee's måltal first


def test_small_numbers_are_said_as_k_af_n(tal):
    pts = {p.id: p for p in pointer.for_emne(ANDEL, geo.omraade("Ballerup"), [geo.hele_landet()], periode("2023M06"), 16)}
    t = pts["sammenligning-ministermaal-andel"].tekst
    assert "(2 af 14 personer, svarende til 14 pct. (95 pct.-interval: 4-40 pct.))" in t
    # 30 pct. lies inside 2 of 14's interval (4-40 pct.): the difference is not beyond the uncertainty; "på niveau med" would contradict 14,3 against 30,0
    assert t.endswith("ikke tydeligt forskellig fra Hele landet (30,0 pct. i samme måned).")
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


def test_comment_file_pins_drops_and_rewords():
    from noegletal import kommentarer

    tekst = ("Generel tekst.\n\n## pointer: maal-ledighedsprocent\nfastgør\n\n## pointer: udvikling-x\nfjern\n"
             "## pointer: sammenligning-y\nLedigheden er lavere end i landet,\nog det er godt.\n## blok: noget\nx\n")
    rettelser, fastgjorte = kommentarer.pointer_rettelser(tekst)
    assert fastgjorte == {"maal-ledighedsprocent"}
    assert rettelser == {"udvikling-x": None, "sammenligning-y": "Ledigheden er lavere end i landet, og det er godt."}


@pytest.mark.parametrize("tekst, fejl", [
    ("## pointer: Maal X\nfjern\n", "rapport.md, linje 1: 'Maal X' er ikke et pointe-id."),
    ("tekst\n## pointer: a-b\n\n## pointer: c\nfjern\n", "rapport.md, linje 2: pointen 'a-b' har ingen tekst."),
    ("## pointer: a\nfjern\n## pointer: a\nfastgør\n", "rapport.md, linje 3: pointen 'a' står to gange."),
])
def test_bad_pointer_sections_get_danish_errors_with_line_numbers(tekst, fejl):
    from noegletal import kommentarer
    from noegletal.errors import KommentarFejl

    with pytest.raises(KommentarFejl) as e:
        kommentarer.pointer_rettelser(tekst)
    assert str(e.value).startswith(fejl)


# --- in the report (the demo's måltal file) ---------------------------------------------------------------------

def test_report_lead_and_pointer_files(demo_data, tmp_path, monkeypatch):
    """On the demo: 5-10 points lead the report, one about a måltal and one comparing with another area; each
    links to a block the page has; pointer.md and pointer.txt are written beside rapport.html; the comment
    file pins, drops and rewords."""
    import re

    from noegletal import batch, rapport

    monkeypatch.setenv("NOEGLETAL_KOMMENTARER", str(tmp_path / "komm"))
    side = ('<html><body><main><nav class="nt-indhold" aria-label="Indhold"></nav>'
            '<section id="ledighed-officiel-ledighedsprocent-saesonkorrigeret"></section></main></body></html>')
    ud, punkter = rapport.med_pointer(geo.kommune("Ballerup"), periode("2023M06"), side)
    assert pointer.MINDST <= len(punkter) <= pointer.MAKS
    assert any("måltallet på" in p.tekst for p in punkter)
    assert any(re.search(r"(højere|lavere) end (Hele landet|Region Hovedstaden)", p.tekst) for p in punkter)
    lead = ud[:ud.index('<nav class="nt-indhold"')]
    assert lead.count("<li ") == len(punkter) and "Væsentlige pointer" in lead
    assert '<a href="#ledighed-officiel-ledighedsprocent-saesonkorrigeret">' in lead  # a block the page has
    assert 'href="#aktivering-' not in lead  # and no link to one it has not

    fil = rapport.kommentarfil(geo.kommune("Ballerup"), periode("2023M06"))
    fil.parent.mkdir(parents=True)
    forste, anden = punkter[0].id, punkter[1].id
    fil.write_text(f"## pointer: {forste}\nfjern\n## pointer: {anden}\nAnalytikerens egne ord.\n", encoding="utf-8")
    _, rettede = rapport.med_pointer(geo.kommune("Ballerup"), periode("2023M06"), side)
    assert forste not in [p.id for p in rettede] and rettede[0].tekst == "Analytikerens egne ord."

    res = batch._saml_rapport(geo.kommune("Ballerup"), periode("2023M06"), tmp_path / "ud", ("html",), [],
                              tillad_mangler=True)
    mappe = tmp_path / "ud" / "2023M06" / "Ballerup"
    md = (mappe / "pointer.md").read_text(encoding="utf-8")
    assert res.status == "dannet" and md.startswith("- Analytikerens egne ord.\n")
    assert (mappe / "pointer.txt").read_text(encoding="utf-8").startswith("• Analytikerens egne ord.\n")


def test_a_count_that_rose_is_signed_with_its_unit(monkeypatch):
    """A count's 12-month change reads '(+728 fuldtidspersoner)', signed as a rise in pct. is, not '(728)'."""
    e = pointer.Emne("ledige_fuldtid", "Antallet af ledige fuldtidspersoner", "fuldtidspersoner", "ledighed", "Ledige")
    vals = [10617 + 10 * (i % 2) for i in range(13)] + [10900, 11100, 11345]  # 10.617 a year before, 11.345 now
    vals[3] = 10617
    monkeypatch.setattr(pointer, "_serie", lambda *a, **k: _serie({"151": vals}))
    monkeypatch.setattr(maaltal, "gaeldende", lambda *a: None)
    pts = {p.id: p for p in pointer.for_emne(e, geo.omraade("Ballerup"), [], periode("2023M06"), 16)}
    assert "fra 10.617 fuldtidspersoner i juni 2022 til 11.345 fuldtidspersoner i juni 2023 (+728 fuldtidspersoner)" \
        in pts["udvikling-ledige-fuldtid"].tekst
