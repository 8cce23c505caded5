"""The fleksjob brief, executed and rendered on the demo data, checked in the HTML itself.

On the demo data, Ballerup at 2020M06 reproduces the rows Fleksjob and Ledighedsydelse of Tabel 1 in the 2020
follow-up, and Ballerup at 2023M06 the 675 persons in fleksjob of the September 2023 minutes. Fleksjobledigheden
is computed by the brief from the persons in fleksjob and on ledighedsydelse (Jobindsats v3 has no such measure),
so the minutes' 16 against 12,6 pct. is not a figure the demo is calibrated to; the brief's own arithmetic is
checked instead. Small and new fleksjob are egne data: without them the brief is made with the box.
"""

import json
import shutil

import pytest
from conftest import render_on_demo
from htmltables import row, table_with
from noegletal import batch, fmt
from noegletal.errors import BriefFejl
from noegletal.render import check_email_safe
from noegletal.themes.fleksjob import afrund1
from published import as_printed, figures, label

pytestmark = pytest.mark.slow
OPFOELGNING = "2020_opfoelgning"
MOEDE = "2023-09_udvalgsmoede"
TABEL_1 = "Fleksjob og ledighedsydelse i Ballerup, antal fuldtidspersoner"
FLEKSJOBLEDIGHED = "Fleksjobledighed: personer på ledighedsydelse i pct. af alle i fleksjobordningen"


def _render(demo_data_dir, tmp_path_factory, **kw):
    return render_on_demo(demo_data_dir, tmp_path_factory, "fleksjob", **kw)


@pytest.fixture(scope="module")
def ballerup_2020(demo_data_dir, tmp_path_factory):
    return _render(demo_data_dir, tmp_path_factory, kommune="Ballerup", periode="2020M06", maal_nye_fleksjob=120)


@pytest.fixture(scope="module")
def ballerup_2023(demo_data_dir, tmp_path_factory):
    return _render(demo_data_dir, tmp_path_factory, kommune="Ballerup", periode="jun 2023")


def _tal(tekst: str) -> float:
    """'1.827' → 1827.0; '15,5' → 15.5 (a cell as the brief prints it)."""
    return float(tekst.replace(".", "").replace(",", "."))


def test_email_safe_danish_and_demo(ballerup_2023):
    assert check_email_safe(ballerup_2023) == []
    assert '<html lang="da"' in ballerup_2023 and "DEMODATA" in ballerup_2023
    assert len(ballerup_2023.encode()) < 400_000
    assert "<title>Fleksjob og ledighedsydelse</title>" in ballerup_2023


def test_tabel_1_rows_as_the_2020_follow_up(ballerup_2020):
    rows = table_with(ballerup_2020, TABEL_1)
    pub = figures(OPFOELGNING)
    checked = 0
    for ydelse in ("Fleksjob", "Ledighedsydelse"):
        r = row(rows, ydelse)
        p = pub[pub["dimension"] == f"ydelse: {ydelse}"]
        antal = p[p["indicator"] == "fuldtidspersoner"].sort_values("period")
        andel = p[p["indicator"] == "fuldtidspersoner i pct. af befolkningen"].sort_values("period")
        assert list(antal["period"]) == ["2018M06", "2019M06", "2020M06"]
        expected = [as_printed(v) for v in antal["value"]] + [as_printed(v) for v in andel["value"]]
        assert r[1:] == expected, (ydelse, r)
        checked += len(expected)
    assert checked == 12
    assert [label(p) for p in ("2018M06", "2019M06", "2020M06")] == ["jun. 2018", "jun. 2019", "jun. 2020"]
    header = " ".join(" ".join(r) for r in rows[:2])
    assert "jun. 2018" in header and "jun. 2020" in header


def test_fleksjobledighed_is_the_share_of_the_persons_shown(ballerup_2023):
    """Each area's fleksjobledighed is its persons on ledighedsydelse in pct. of the scheme, as printed in the
    same row, with one decimal; the change is the difference of the two years."""
    rows = table_with(ballerup_2023, FLEKSJOBLEDIGHED)
    col = rows[1].index("jun. 2023") + 1  # second header row lacks the corner cell
    for area in ("Ballerup", "Hele landet"):
        r = row(rows, area)
        fleksjob, ly, i_alt = (_tal(c) for c in r[1:4])
        assert i_alt == fleksjob + ly
        assert r[col] == fmt.tal(afrund1(100 * ly / i_alt), 1), (area, r)
        assert fmt.tal(_tal(r[col]) - _tal(r[col - 1]), 1) == r[col + 1].lstrip("+"), (area, r)
    assert "Jobindsats opgør ikke fleksjobledigheden selv" in ballerup_2023


def test_persons_in_fleksjob_as_the_2023_minutes(ballerup_2023):
    pub = figures(MOEDE)
    printed = pub[pub["indicator"] == "personer i fleksjob"]["value"].iloc[0]
    rows = table_with(ballerup_2023, FLEKSJOBLEDIGHED)
    assert row(rows, "Ballerup")[1] == as_printed(printed) == "675"
    assert f"I juni 2023 var {as_printed(printed)} personer i fleksjob" in ballerup_2023


def test_every_block_explained_compared_and_sourced(ballerup_2023):
    assert ballerup_2023.count("Hvordan er figuren lavet?") == 5
    assert ballerup_2023.count("Hvad viser figuren?") == 5
    assert ballerup_2023.count("Kilde: ") == 5
    assert "end hele landet (" in ballerup_2023 or "på niveau med hele landet (" in ballerup_2023
    assert "Til sammenligning er antallet i fleksjob" in ballerup_2023
    assert "Små fleksjob (til og med 10 timer om ugen)" in ballerup_2023
    assert "ikke angivet et mål for nye fleksjob" in ballerup_2023
    assert "Mål for nye fleksjob: intet" in ballerup_2023 and "maal_nye_fleksjob" not in ballerup_2023


def test_target_for_new_fleksjob(ballerup_2020):
    assert "målet på 120 nye fleksjob om året" in ballerup_2020
    assert "Den vandrette linje er målet på 120 nye fleksjob om året." in ballerup_2020
    assert "Mål for nye fleksjob: 120 nye fleksjob pr. år" in ballerup_2020
    assert "Fra januar til juni 2020 er" in ballerup_2020


def test_another_kommune_and_comparison_renders(demo_data, tmp_path):
    html = batch.brief("fleksjob", kommune="Læsø", periode="2023M06", ud=tmp_path,
                         sammenligning="Hele landet,Region Nordjylland").read_text(encoding="utf-8")
    assert check_email_safe(html) == []
    assert "Læsø Kommune" in html and "Region Nordjylland" in html
    rows = table_with(html, FLEKSJOBLEDIGHED)
    assert [r[0] for r in rows[2:]] == ["Læsø", "Hele landet", "Region Nordjylland"]
    assert fmt.MANGLER not in row(rows, "Læsø")


def test_period_without_data_fails_in_danish_and_writes_nothing(demo_data, tmp_path):
    with pytest.raises(BriefFejl, match="Der er ingen data for januar 2031.*Data findes fra 2013M01"):
        batch.brief("fleksjob", kommune="Ballerup", periode="2031M01", ud=tmp_path)
    assert not list(tmp_path.rglob("*.html"))
    assert list(tmp_path.rglob("_fejlede/fleksjob.ipynb"))


def test_without_egne_data_small_and_new_fleksjob_show_the_box(demo_data_dir, tmp_path_factory):
    root = tmp_path_factory.mktemp("uden_egne") / "data"
    shutil.copytree(demo_data_dir / "processed", root / "processed")
    manifest = root / "processed" / "manifest.json"
    m = json.loads(manifest.read_text(encoding="utf-8"))
    for t in ("fleksjob_timer", "fleksjob_tilgang"):
        (root / "processed" / f"{t}.parquet").unlink()
        del m["tables"][t]
    manifest.write_text(json.dumps(m, ensure_ascii=False), encoding="utf-8")
    html = _render(root, tmp_path_factory, kommune="Ballerup", periode="2023M06", maal_nye_fleksjob=120)
    assert check_email_safe(html) == []
    assert html.count("Egne data mangler") == 2
    for tabel in ("fleksjob_timer", "fleksjob_tilgang"):
        assert f"noegletal data skabelon {tabel}" in html and f"--tabel {tabel}" in html
    assert "Målet på 120 nye fleksjob om året kan derfor ikke følges op" in html
    assert table_with(html, FLEKSJOBLEDIGHED) and table_with(html, TABEL_1)
    assert html.count("Hvad viser figuren?") == 3 and "Kodeversion" in html
