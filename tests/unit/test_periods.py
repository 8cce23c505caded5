from datetime import date

import pytest
from noegletal.errors import UgyldigPeriode
from noegletal.periods import periode, raekke


@pytest.mark.parametrize(
    "text,kode",
    [
        ("2017M10", "2017M10"), ("2017m1", "2017M01"), ("2017-10", "2017M10"), ("okt 2017", "2017M10"), ("okt. 2017", "2017M10"), ("sept. 2015", "2015M09"),
        ("Okt 2017", "2017M10"), ("oktober 2017", "2017M10"), ("Maj 2017", "2017M05"), ("2017K3", "2017K3"),
        ("2017Q3", "2017K3"), ("2017QT3", "2017K3"), ("3. kvt. 2017", "2017K3"), ("2023QMAT04", "2023K4MAT"),
        ("2017", "2017"),
    ],
)
def test_parse(text, kode):
    assert periode(text).kode == kode


@pytest.mark.parametrize("kode,label", [("2017M01", "jan. 2017"), ("2017M05", "maj 2017"), ("2017M10", "okt. 2017"),
                                         ("2017K3", "3. kvt. 2017"), ("2017", "2017")])
def test_labels_as_the_seeds_write_them(kode, label):
    assert periode(kode).label == label


def test_text_and_shift():
    assert periode("2018M06").tekst == "juni 2018"
    assert periode("2018M01").shift(-1).kode == "2017M12"
    assert periode("2018K1").shift(-1).kode == "2017K4"
    assert periode("2018M06") - periode("2017M06") == 12
    assert periode("2018M08").kvartal().kode == "2018K3"
    assert periode("2017K3").foerste_dag() == date(2017, 7, 1)


def test_raekke_25_months():
    r = raekke("2017M10", 25)
    assert len(r) == 25 and r[0].kode == "2015M10" and r[-1].kode == "2017M10"


@pytest.mark.parametrize("bad", ["2017M13", "okt", "17-10", "", "2017K5"])
def test_bad_period_says_what_is_valid(bad):
    with pytest.raises(UgyldigPeriode, match="2017M10"):
        periode(bad)


# --- a monthly brief, gaps, text from other programs ----------------------------------------------------------

def test_a_committee_period_is_a_month_quarter_or_year_shown_by_its_last_month():
    from noegletal.periods import hvilke_tal, udvalgets_maaned, udvalgsperiode

    assert udvalgets_maaned("okt 2017").kode == "2017M10"
    assert udvalgets_maaned("2017Q4").kode == "2017M12" and udvalgets_maaned("2023K2").kode == "2023M06"
    assert udvalgets_maaned("2016").kode == "2016M12"
    assert udvalgsperiode("2023K2").kode == "2023K2" and udvalgsperiode("2022").kode == "2022"
    assert hvilke_tal("2023K2") == "månedstal er fra juni 2023 og kvartalstal fra 2. kvartal 2023"
    assert hvilke_tal("2022") == "månedstal er fra december 2022, kvartalstal fra 4. kvartal 2022 og årstal fra 2022"
    assert hvilke_tal("2023M06") == ""
    with pytest.raises(UgyldigPeriode, match=r"^2023K4MAT er et løbende år \(de fire kvartaler til og med 2023K4\), og det "
                                             r"kan en brief ikke vise: .*fx 2023M12, 2023K4 eller 2023\.$"):
        udvalgsperiode("2023QMAT04")


def test_huller_per_frequency():
    from noegletal.periods import huller

    assert huller(["2016M01", "2016M02", "2016M03"]) == []
    assert huller(["2016M11", "2017M02"]) == ["2016M12", "2017M01"]
    assert huller(["2015", "2017"]) == ["2016"]
    assert huller(["2016K4", "2017K2", "ikke en periode"]) == ["2017K1"]
    assert huller([]) == []


@pytest.mark.parametrize("text", ["okt\u00a02017", "okt  2017", "２０１７M10", " 2017-10 ", "2017\u202fM10"])
def test_text_from_other_programs(text):
    assert periode(text).kode == "2017M10"
