"""Groups of kommuner in rendered briefs, on the demo data: Hovedstadsområdet as a comparison area of the ledighed
brief (figures, tables, sentences, CSV links, stamp), and the jobcenter Vallensbæk/Ishøj as the overblik's own
area, reproducing STAR's Figur 2 (4. kvartal 2016) where the demo is calibrated to it."""

import base64
import re

import pytest
from conftest import render_on_demo
from noegletal import data, fmt, geo, grupper

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def ledighed(demo_data_dir, tmp_path_factory):
    return render_on_demo(demo_data_dir, tmp_path_factory, "ledighed", kommune="Ballerup", periode="2023M06",
                          sammenligning="Hovedstadsområdet,Hele landet")


def _csv(html: str) -> list[str]:
    return [base64.b64decode(b).decode("utf-8-sig") for b in re.findall(r'data:text/csv;[^,]*base64,([^"]+)', html)]


def test_hovedstadsomraadet_stands_in_tables_sentences_csv_and_stamp(ledighed, demo_data_dir, monkeypatch):
    monkeypatch.setenv("NOEGLETAL_DATA", str(demo_data_dir))
    assert "Ballerup sammenlignet med Hovedstadsområdet og hele landet" in ledighed
    o = grupper.omraade("Hovedstadsområdet")
    pct = data.serie("ledighedsprocent", [o], "2023M06", "2023M06")["vaerdi"].iloc[0]
    assert re.search(rf"(lavere|højere) end Hovedstadsområdet \({re.escape(fmt.pct(pct))}\)", ledighed) or \
        f"på niveau med Hovedstadsområdet ({fmt.pct(pct)})" in ledighed
    assert sum("Hovedstadsområdet" in c.splitlines()[0] for c in _csv(ledighed)) >= 5
    assert "Hovedstadsområdet: 34 kommuner (" in ledighed and "planloven § 5 a" in ledighed


def test_the_groups_count_in_the_csv_is_the_sum_over_its_34_kommuner(ledighed, demo_data_dir, monkeypatch):
    monkeypatch.setenv("NOEGLETAL_DATA", str(demo_data_dir))
    o = grupper.omraade("Hovedstadsområdet")
    medlemmer = [geo.omraade(k) for k in o.medlemmer]
    s = data.serie("dagpenge_personer", medlemmer, "2022M06", "2023M06")
    summer = s[s["periode"].isin(["2022M06", "2023M06"])].groupby("periode")["vaerdi"].sum()
    tabel = next(c for c in _csv(ledighed) if c.startswith("Område;") and "\nHovedstadsområdet;" in c)
    raekke = next(r for r in tabel.splitlines() if r.startswith("Hovedstadsområdet;")).split(";")
    assert [float(raekke[1]), float(raekke[2])] == [summer["2022M06"], summer["2023M06"]], tabel


def test_the_jobcenter_vallensbaek_ishoej_gets_its_overblik(demo_data_dir, tmp_path_factory):
    html = render_on_demo(demo_data_dir, tmp_path_factory, "overblik", kommune="Vallensbæk/Ishøj", periode="2016M12")
    assert "Placeringen i klyngen findes kun for en kommune" in html
    for tal in ("4.145", "17,0", "24.361", "14.574", "59,8"):  # STAR's Figur 2, 4. kvartal 2016
        assert f">{tal}<" in html, tal
    assert "Vallensbæk/Ishøj: 2 kommuner (Ishøj, Vallensbæk)" in html
