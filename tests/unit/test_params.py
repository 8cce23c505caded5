"""The checks every brief shares (params.valider) and the one form of a target parameter (params.valider_maal)."""

import math

import pytest
from noegletal import params
from noegletal.errors import UgyldigParameter, UgyldigPeriode, UkendtOmraade


def test_what_every_brief_checks_without_data():
    p = params.valider("Ledighed", "151", "jun 2018", "", "13")
    assert (p.tema, p.kommune.navn, p.periode.kode, p.maaneder) == ("ledighed", "Ballerup", "2018M06", 13)
    assert [o.navn for o in p.sammenligning] == ["Hele landet", "Region Hovedstaden"]
    assert [o.navn for o in params.valider("overblik", "Ballerup", "2018M06", "Ballerup,Hele landet").sammenligning] \
        == ["Hele landet"]  # the kommune is not its own comparison


@pytest.mark.parametrize("spurgt, maaned, tal", [
    ("2023K2", "2023M06", "månedstal er fra juni 2023 og kvartalstal fra 2. kvartal 2023"),
    ("2022", "2022M12", "månedstal er fra december 2022, kvartalstal fra 4. kvartal 2022 og årstal fra 2022"),
])
def test_a_quarter_or_year_is_asked_for_and_shown_by_its_last_month(spurgt, maaned, tal):
    p = params.valider("ledighed", "Ballerup", spurgt)
    assert (p.periode.kode, p.udvalg.kode, p.spurgt.kode, p.hvilke_tal) == (maaned, spurgt, spurgt, tal)
    assert p.som_tekst()["periode"] == spurgt and p.som_tekst()["maanedstal"] == maaned  # the stamp says both
    m = params.valider("ledighed", "Ballerup", maaned)
    assert m.spurgt is None and m.udvalg == m.periode and "maanedstal" not in m.som_tekst()


@pytest.mark.parametrize("args,fejl,besked", [
    (("ledighed", "Region Hovedstaden", "2018M06"), UgyldigParameter, "er ikke en kommune"),
    (("ledighed", "Balerup", "2018M06"), UkendtOmraade, "Ballerup"),
    (("ledighd", "Ballerup", "2018M06"), UgyldigParameter, "Ukendt tema"),
    (("ledighed", "Ballerup", "2018K4MAT"), UgyldigPeriode, "er et løbende år"),
    (("ledighed", "Ballerup", "2018M06", None, 1), UgyldigParameter, "maaneder skal være mellem 2 og 120"),
    (("ledighed", "Ballerup", "2018M06", None, "mange"), UgyldigParameter, "maaneder skal være et helt tal"),
])
def test_a_bad_common_parameter_fails_in_danish(args, fejl, besked):
    with pytest.raises(fejl, match=besked):
        params.valider(*args)


def test_a_temas_own_parameters_go_to_the_stamp_as_text_and_to_the_tema_as_values():
    p = params.valider("fleksjob", "Ballerup", "2023M06").med({"maal": 120}, maal_nye_fleksjob="120 nye fleksjob pr. år")
    assert p.vaerdier == {"maal": 120} and p.som_tekst()["maal_nye_fleksjob"] == "120 nye fleksjob pr. år"
    assert "maal" not in p.som_tekst()


def _maal(x, **kw):
    return params.valider_maal(x, "maal_x", "et tal mellem 0 og 100", "3.5", **kw)


@pytest.mark.parametrize("ingen", [None, "", " ", "intet", "Ingen", math.nan])
def test_no_target_in_any_spelling(ingen):
    assert _maal(ingen) is None and _maal(ingen, intet=-1) is None


def test_the_no_target_number_is_the_temas_own():
    assert _maal(0) is None and _maal(-1, intet=-1) is None and _maal(-7, intet=-1) is None
    assert _maal(0, intet=-1) == 0  # with -1 for no target, 0 is a target
    assert _maal("7,5") == 7.5 and _maal(" 12 ", heltal=True) == 12


@pytest.mark.parametrize("x,kw", [("mange", {}), (-5, {}), (150, {"hoejst": 100}), (1.5, {"heltal": True}),
                                  (math.inf, {})])
def test_a_bad_target_has_one_message_form(x, kw):
    with pytest.raises(UgyldigParameter) as e:
        _maal(x, **kw)
    assert str(e.value) == f"maal_x skal være et tal mellem 0 og 100, fx 3.5, eller 0 for intet mål, ikke '{x}'."


def test_a_month_missing_inside_the_data_says_so_on_its_own(tmp_data):
    """A gap inside a table's span gets its own message, not the 'data from … to …' one."""
    from conftest import aus08_bulk, write_aus08

    from noegletal import pipeline
    from noegletal.errors import ManglendeData
    from noegletal.params import kraev_periode
    from noegletal.periods import periode
    from noegletal.raw import RawStore

    write_aus08(RawStore(), aus08_bulk(periods=("2016M04", "2016M06")))
    pipeline.build()
    with pytest.raises(ManglendeData, match="2016M05 mangler i AUS08"):
        kraev_periode("ledighedsprocent", periode("2016M05"))
    with pytest.raises(ManglendeData, match="Data findes fra 2016M04 til 2016M06"):
        kraev_periode("ledighedsprocent", periode("2019M01"))
