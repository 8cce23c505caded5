"""The ledighed brief, executed and rendered on the demo data, checked in the HTML itself.

Ballerup in June 2018 reproduces what of faktaside 4 of the 2018 faktasider a source still gives: the official
rate 3,5 pct. against Hele landet 3,6 and Region Hovedstaden 3,8 (June) and, in the month-by-month table, the
796 ledige fuldtidspersoner of May 2018 (the faktasider's Jobindsats figures are one month behind;
published_mapping.yml reads their "2018 (seneste)" as 2018M05). The faktaside's ungeledighed (7,9 pct.) has no
source any more; the brief shows ledige 16-29-årige in pct. of the 16-29-årige instead and says how it is
computed. Ballerup in June 2023 reproduces the September 2023 minutes ("seneste" = 2023M06): ledighed 2,3
against 2,8 pct., dagpengemodtagere +3,2 against +13,2 pct. over 12 months, 19 pct. langtidsledige among the
bruttoledige on a-dagpenge and 43 pct. in February 2021, where the committee's 29-month chart began.
"""

import re

import pytest
from conftest import render_on_demo
from htmltables import row, table_with
from noegletal import backtest, batch, fmt
from noegletal.errors import BriefFejl
from noegletal.render import check_email_safe
from published import label

pytestmark = pytest.mark.slow
FAKTASIDER = "2018_faktasider"
MINUTES = "2023-09_udvalgsmoede"


def _render(demo_data_dir, tmp_path_factory, **kw):
    return render_on_demo(demo_data_dir, tmp_path_factory, "ledighed", **kw)


@pytest.fixture(scope="module")
def ballerup_2018(demo_data_dir, tmp_path_factory):
    return _render(demo_data_dir, tmp_path_factory, kommune="Ballerup", periode="2018M06")


@pytest.fixture(scope="module")
def ballerup_2023(demo_data_dir, tmp_path_factory):
    return _render(demo_data_dir, tmp_path_factory, kommune="Ballerup", periode="2023M06", maaneder=29)


@pytest.fixture(scope="module")
def laesoe(demo_data_dir, tmp_path_factory):
    return _render(demo_data_dir, tmp_path_factory, kommune="Læsø", periode="2018M06",
                   sammenligning="Hele landet,Frederikshavn", maal_ungeledighed=2)


def published(source: str, indikator: str, periode: str, area: str = "Ballerup") -> str:
    """The published figure as printed, found through published_mapping.yml (which also says which month a
    "seneste" period is), e.g. ('2018_faktasider', 'ledige_fuldtid', '2018M05') → '796'."""
    hit = [f for f in backtest.figures() if f.covered and f.source.startswith(source) and f.maps_to == indikator
           and f.periode == periode and f.area == area]
    assert len(hit) == 1, (source, indikator, periode, area, hit)
    return fmt.tal(hit[0].value, hit[0].decimals)


def _decimals(printed: str) -> int:
    return len(printed.split(",")[1]) if "," in printed else 0


def rounded_as_published(shown: str, printed: str) -> bool:
    """A figure shown with one decimal ('19,3') against one published with fewer ('19'), rounded half away
    from zero as the publications round (42,5 → 43)."""
    x = backtest.afrund(float(shown.replace(".", "").replace(",", ".")), _decimals(printed))
    return fmt.tal(x, _decimals(printed)) == printed


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --- faktaside 4 (2018) -------------------------------------------------------------------------------------

def test_email_safe_danish_and_demo(ballerup_2018):
    assert check_email_safe(ballerup_2018) == []
    assert '<html lang="da"' in ballerup_2018 and "DEMODATA" in ballerup_2018
    assert len(ballerup_2018.encode()) < 400_000
    assert ballerup_2018.count("Hvordan er figuren lavet?") == ballerup_2018.count("Hvad viser figuren?") == 7


def test_official_rate_june_2018_as_the_faktaside(ballerup_2018):
    k, land, region = (published(FAKTASIDER, "ledighedsprocent", "2018M06", a)
                       for a in ("Ballerup", "Hele landet", "Region Hovedstaden"))
    assert row(table_with(ballerup_2018, "Officiel sæsonkorrigeret ledighed"), label("2018M06"))[1:] == [k, land, region]
    assert (f"Det officielle ledighedstal for Ballerup Kommune var i juni 2018 {k} pct." in text(ballerup_2018))
    assert f"Det er lavere end hele landet ({land} pct.) og lavere end Region Hovedstaden ({region} pct.)." in ballerup_2018


def test_ledige_may_2018_as_the_faktaside(ballerup_2018):
    n = published(FAKTASIDER, "ledige_fuldtid", "2018M05")
    rows = table_with(ballerup_2018, "Ledige fuldtidspersoner i udvalgte grupper")
    assert rows[0][:2] == ["Måned", "Alle ledige"]
    assert row(rows, label("2018M05"))[1] == n


def test_ungeledighed_is_computed_and_says_how(ballerup_2018, demo_data):
    from noegletal import data
    from noegletal.themes import ledighed as tema
    unge = data.serie(tema.UNGE, omraader=["Ballerup"], fra="2018M05", til="2018M05")["vaerdi"].iloc[0]
    pop = sum(data.serie(i, omraader=["Ballerup"], fra="2018M05", til="2018M05")["vaerdi"].iloc[0]
              for i in tema.BEFOLKNING_UNGE)
    rows = table_with(ballerup_2018, "Ungeledighed: ledige 16-29-årige fuldtidspersoner i pct. af befolkningen")
    assert rows[0][:2] == ["Måned", "Ballerup"]
    assert row(rows, label("2018M05"))[1] == fmt.tal(100 * unge / pop, 1)
    t = text(ballerup_2018)
    assert "i pct. af befolkningen på 16-29 år den 1. i måneden (Danmarks Statistik, FOLK1AM" in t
    assert "Procenten er regnet af noegletal ud fra de to kilder; den er ikke et officielt tal." in t
    assert "Det er ikke den ungeledighedsprocent, Ballerup fulgte 2014-2018" in t
    maaned = row(table_with(ballerup_2018, "Ledige under 30 år, juni 2018"), "Ballerup")
    assert maaned[1] == fmt.tal(data.serie(tema.UNGE, omraader=["Ballerup"], fra="2018M06",
                                           til="2018M06")["vaerdi"].iloc[0])


def test_ledige_by_ydelsesgruppe_and_koen_block_and_sentence(ballerup_2018):
    rows = table_with(ballerup_2018, "Ledige fuldtidspersoner efter ydelsesgruppe og køn, juni 2018")
    assert [r[0] for r in rows[-3:]] == ["A-dagpenge", "Kontanthjælp", "Ledige i alt"]
    total = row(rows, "Ledige i alt")
    assert total[4::2] == ["100,0"] * 3  # the kommune's and both comparison areas' shares, after each count
    t = text(ballerup_2018)
    assert f"I juni 2018 var der {total[3]} ledige fuldtidspersoner i Ballerup." in t
    dagpenge, kontant = row(rows, "A-dagpenge"), row(rows, "Kontanthjælp")
    for i in (3, 5, 7):  # Ballerup, Hele landet, Region Hovedstaden: the two groups add up to all ledige
        assert int(dagpenge[i].replace(".", "")) + int(kontant[i].replace(".", "")) == int(total[i].replace(".", ""))
    assert re.search(r"Bag tallet står [\d.]+ personer, der var ledige i hele eller en del af måneden\.", t)
    assert "Hovedparten udgøres af ledige på a-dagpenge" in t
    assert "Målet" not in t  # no target given: no target line, no target sentence


# --- the September 2023 minutes --------------------------------------------------------------------------------

def test_ledighed_june_2023_as_the_minutes(ballerup_2023):
    k, land = (published(MINUTES, "ledighedsprocent", "2023M06", a) for a in ("Ballerup", "Hele landet"))
    r = row(table_with(ballerup_2023, "Officiel sæsonkorrigeret ledighed"), label("2023M06"))
    assert r[1:3] == [k, land]
    assert f"var i juni 2023 {k} pct." in text(ballerup_2023) and f"lavere end hele landet ({land} pct.)" in ballerup_2023


def test_dagpenge_change_as_the_minutes(ballerup_2023):
    rows = table_with(ballerup_2023, "Personer på a-dagpenge og ændring de seneste 12 måneder")
    for area in ("Ballerup", "Hele landet"):
        assert row(rows, area)[-1] == f"+{published(MINUTES, 'dagpenge_personer', '2023M06', area)} pct."
    land = published(MINUTES, "dagpenge_personer", "2023M06", "Hele landet")
    assert f"Det er en mindre stigning end i hele landet (+{land} pct.)" in ballerup_2023


def test_langtidsledige_share_as_the_minutes(ballerup_2023):
    ind = "langtidsledige_andel"
    t = text(ballerup_2023)
    nu = re.search(r"I juni 2023 var (\d+,\d) pct\. af de bruttoledige på a-dagpenge i Ballerup langtidsledige", t)
    assert nu and rounded_as_published(nu.group(1), published(MINUTES, ind, "2023M06"))
    feb = re.search(r"Til sammenligning var andelen (\d+,\d) pct\. i februar 2021, hvor figuren begynder", t)
    assert feb and rounded_as_published(feb.group(1), published(MINUTES, ind, "2021M02"))
    assert "Blandt alle bruttoledige i Ballerup, på a-dagpenge og kontanthjælp, var" in t


# --- another kommune, a target, a month without data ---------------------------------------------------------

def test_a_tiny_kommune_with_chosen_comparison_and_a_target(laesoe):
    assert check_email_safe(laesoe) == []
    t = text(laesoe)
    assert "Læsø Kommune · juni 2018" in t
    assert "Læsø sammenlignet med hele landet og Frederikshavn" in t
    assert re.search(r"Det er \d+,\d procentpoint (over|under) målet på højst 2,0 pct\.", t) and "pct.." not in t
    assert "Den vandrette prikkede linje er målet på højst 2,0 pct." in t
    assert "Små tal" in t  # the groups are under 30 fuldtidspersoner
    assert "Mål for ungeledigheden: 2,0 pct." in t  # the stamp says which target was used
    assert "Region Nordjylland" not in t


def test_month_without_data_fails_in_danish_and_writes_nothing(demo_data, tmp_path):
    with pytest.raises(BriefFejl, match="Der er ingen data for januar 2031 .*Data findes fra 2013M01 til"):
        batch.brief("ledighed", kommune="Ballerup", periode="2031M01", ud=tmp_path)
    assert not list(tmp_path.rglob("*.html"))
    assert list(tmp_path.rglob("_fejlede/ledighed.ipynb"))


def test_bad_target_lists_how_to_give_none(demo_data, tmp_path):
    with pytest.raises(BriefFejl, match="-1 for intet mål"):
        batch.brief("ledighed", kommune="Ballerup", periode="2018M06", ud=tmp_path, maal_ungeledighed=150)
    assert not list(tmp_path.rglob("*.html"))
