"""Groups of kommuner as areas: the built-in ones, the user's grupper.yml (checked like every input), and a
group's numbers computed from its members (sums and ratios of sums, never means; missing with the reason)."""

from __future__ import annotations

import numpy as np
import pytest
from noegletal import catalogue, data, geo, grupper, jobs, params
from noegletal.batch import kvittering
from noegletal.errors import UgyldigParameter, UkendtOmraade


# --- the built-in groups ------------------------------------------------------------------------------------

def test_hovedstadsomraadet_is_the_planlov_definition():
    g = grupper.gruppe("Hovedstadsområdet")
    navne = {m.navn for m in g.medlemmer}
    region = {k.navn for k in geo.kommuner() if geo.region_for(k).navn == "Region Hovedstaden"}
    assert len(g.medlemmer) == 34
    assert navne == (region - {"Bornholm"}) | {"Greve", "Køge", "Lejre", "Roskilde", "Solrød", "Stevns"}
    assert "planloven" in g.kilde


def test_a_shared_jobcenter_is_a_group_named_as_star_names_it():
    o = grupper.omraade("Vallensbæk/Ishøj")
    assert o.niveau == geo.GRUPPE and {geo.omraade(k).navn for k in o.medlemmer} == {"Ishøj", "Vallensbæk"}
    assert grupper.omraade("Ishøj-Vallensbæk") == o
    assert geo.omraade("Vallensbæk/Ishøj") == o  # known to geo once found, so a sentence can name it


def test_an_unknown_area_names_the_nearest_group():
    with pytest.raises(UkendtOmraade, match="Hovedstadsområdet"):
        grupper.omraade("Hovedstadsomraaderne")


def test_a_group_can_be_the_brief_area_but_a_region_cannot():
    assert grupper.kommune_eller_gruppe("Vallensbæk/Ishøj").niveau == geo.GRUPPE
    assert grupper.kommune_eller_gruppe("Ballerup").niveau == geo.KOMMUNE
    with pytest.raises(UgyldigParameter, match="ikke en kommune"):
        grupper.kommune_eller_gruppe("Region Hovedstaden")


def test_a_group_job_goes_to_a_folder_without_a_slash(tmp_data):
    j = jobs.job("overblik", "Vallensbæk/Ishøj", "2016M12")
    assert j.kommune == "Vallensbæk/Ishøj"
    assert "Vallensbæk-Ishøj" in j.html and "Vallensbæk/Ishøj" not in j.html


# --- the user's groups file ---------------------------------------------------------------------------------

GODE = """\
- navn: Vestegnen
  medlemmer: [Albertslund, Brøndby, 161]
  note: Vestegnens kommuner
- navn: To størrelser
  medlemmer: [København, Læsø]
"""


def test_the_users_groups_are_read_by_name_or_code(tmp_data):
    tmp_data.mkdir(parents=True)
    (tmp_data / "grupper.yml").write_text(GODE, encoding="utf-8")
    g = grupper.gruppe("vestegnen")
    assert [m.navn for m in g.medlemmer] == ["Brøndby", "Glostrup", "Albertslund"]  # in the kommuner's order
    assert g.note == "Vestegnens kommuner" and g.slags == grupper.EGEN
    assert "Vestegnen: 3 kommuner" in g.definition()


@pytest.mark.parametrize("tekst, forventet", [
    ("- navn: Naboer\n  medlemmer: [Ballerup, Balerup]\n",
     ["gruppe 1 'Naboer' (linje 1), felt 'medlemmer', linje 2", "Ukendt område: 'Balerup'", "Mente du: Ballerup?"]),
    ("- navn: Ballerup\n  medlemmer: [Herlev]\n", ["gruppe 1 'Ballerup'", "felt 'navn'", "en kommune"]),
    ("- navn: Region Hovedstaden\n  medlemmer: [Herlev]\n", ["felt 'navn'", "en region"]),
    ("- navn: Hovedstadsområdet\n  medlemmer: [Herlev]\n", ["felt 'navn'", "indbyggede gruppe"]),
    ("- navn: Tom\n  medlemmer: []\n", ["gruppe 1 'Tom'", "felt 'medlemmer'", "ingen kommuner"]),
    ("- navn: Tom\n", ["felt 'medlemmer'", "ingen kommuner"]),
    ("- navn: A\n  medlemmer: [Herlev]\n- navn: B\n  medlemer: [Herlev]\n",
     ["gruppe 2 'B' (linje 3), felt 'medlemer': ukendt felt. Mente du: medlemmer?"]),
    ("- medlemmer: [Herlev]\n", ["gruppe 1 (linje 1), felt 'navn'"]),
    ("- navn: R\n  medlemmer: [Herlev, Region Sjælland]\n", ["er en region, ikke en kommune"]),
    ("- navn: A\n  medlemmer: [Herlev]\n- navn: a\n  medlemmer: [Herlev]\n", ["gruppe 2 'a'", "allerede"]),
])
def test_a_bad_groups_file_is_refused_in_danish_naming_the_group_and_the_field(tmp_data, tekst, forventet):
    with pytest.raises(UgyldigParameter) as e:
        grupper.laes_egne(tekst)
    for del_ in forventet:
        assert del_ in str(e.value)
    assert str(e.value).startswith("grupper.yml har ")


def test_every_error_in_the_file_is_said_at_once(tmp_data):
    with pytest.raises(UgyldigParameter, match="har 2 fejl") as e:
        grupper.laes_egne("- navn: Ballerup\n  medlemmer: [Herlv]\n")
    assert "Herlev" in str(e.value)


def test_a_file_that_is_no_yaml_list_is_refused():
    with pytest.raises(UgyldigParameter, match="linje"):
        grupper.laes_egne("navn: [\n")
    with pytest.raises(UgyldigParameter, match="liste af grupper"):
        grupper.laes_egne("navn: Naboer\n")


# --- a group's numbers ----------------------------------------------------------------------------------------

def _medlemmer(o) -> list:
    return [geo.omraade(k) for k in o.medlemmer]


def test_a_groups_count_is_the_exact_sum_of_its_members(demo_data):
    g = grupper.omraade("Hovedstadsområdet")
    alle = {"ydelsesgruppe": list(catalogue.table("y25i01").hierarchy("ydelsesgruppe").names),
            "koen": list(catalogue.table("y25i01").hierarchy("koen").names)}
    s = data.serie("ledige_fuldtid", [g], "2022M06", "2023M06", **alle)
    m = data.serie("ledige_fuldtid", _medlemmer(g), "2022M06", "2023M06", **alle)
    assert (m["status"] == "ok").all()
    forventet = m.groupby(["periode", "ydelsesgruppe", "koen"])["vaerdi"].sum()
    faktisk = s.set_index(["periode", "ydelsesgruppe", "koen"])["vaerdi"]
    assert len(faktisk) == len(forventet) == 13 * 9
    assert (faktisk.sort_index() == forventet.sort_index()).all()  # exactly, not approximately
    assert set(s["omraade"]) == {"Hovedstadsområdet"} and set(s["niveau"]) == {geo.GRUPPE}


def test_a_group_of_a_regions_kommuner_adds_up_to_the_region(demo_data):
    """The source's region is the sum over its kommuner: so is a group of the same kommuner, on every margin."""
    region = geo.omraade("Region Sjælland")
    o = grupper.Gruppe("Sjællands kommuner", tuple(k for k in geo.kommuner() if k.region_kode == region.kode),
                       grupper.EGEN, "test").omraade
    geo.registrer_gruppe(o)
    s = data.serie("dagpenge_fuldtid", [region, o], "2018M01", "2018M12")
    bred = s.pivot(index="periode", columns="omraade", values="vaerdi")
    assert (bred["Region Sjælland"] == bred["Sjællands kommuner"]).all()
    # the share is the ratio of the sums, and rounds to the source's own share for the region
    andel = data.serie("dagpenge_pct", [region, o], "2018M01", "2018M12").pivot(
        index="periode", columns="omraade", values="vaerdi")
    assert (andel["Sjællands kommuner"].round(1) - andel["Region Sjælland"]).abs().max() <= 0.1 + 1e-9


def test_a_share_is_the_ratio_of_the_sums_never_the_mean_of_the_shares(demo_data):
    q = "2018M06"
    alle = data.serie("dagpenge_pct", geo.kommuner(), q, q).set_index("omraade")["vaerdi"]
    lille = (alle - alle["København"]).abs().idxmax()  # the rate furthest from København's, in a smaller kommune
    o = grupper.Gruppe("Stor og lille", (geo.omraade("København"), geo.omraade(lille)), grupper.EGEN, "test").omraade
    geo.registrer_gruppe(o)
    andel = data.serie("dagpenge_pct", [o], q, q)["vaerdi"].iloc[0]
    t = data.serie("dagpenge_fuldtid", _medlemmer(o), q, q)["vaerdi"].sum()
    n = data.serie("befolkning_16_66", _medlemmer(o), q, q)["vaerdi"].sum()
    assert andel == pytest.approx(100 * t / n, rel=1e-12)
    middel = data.serie("dagpenge_pct", _medlemmer(o), q, q)["vaerdi"].mean()
    assert abs(andel - middel) > 0.1  # the members differ in size: the mean would be another number
    assert abs(andel - alle["København"]) < abs(middel - alle["København"])  # the big member weighs more


def test_the_official_rate_of_a_group_uses_the_labour_force_implied_by_each_members_rate(demo_data):
    o = grupper.omraade("Hovedstadsområdet")
    q = "2023M06"
    rate = data.serie("ledighedsprocent", [o], q, q)["vaerdi"].iloc[0]
    led = data.serie("ledige_saesonkorrigeret", _medlemmer(o), q, q).set_index("omraade_kode")["vaerdi"]
    pct = data.serie("ledighedsprocent", _medlemmer(o), q, q).set_index("omraade_kode")["vaerdi"]
    assert rate == pytest.approx(100 * led.sum() / (100 * led / pct).sum(), rel=1e-12)


def test_a_suppressed_member_makes_the_groups_value_missing_with_the_reason(demo_data, monkeypatch):
    """The demo suppresses no kommune's count, so one member's value is suppressed here as Jobindsats does it
    (null with status 'diskretioneret'); the other months stay sums."""
    o = grupper.omraade("Vallensbæk/Ishøj")
    ægte = data.serie

    def med_diskretion(indikator, omraader=None, *a, **kw):
        df = ægte(indikator, omraader, *a, **kw)
        rk = (df["omraade"] == "Ishøj") & (df["periode"] == "2018M05")
        return df.assign(vaerdi=df["vaerdi"].mask(rk), status=df["status"].mask(rk, "diskretioneret"))

    monkeypatch.setattr(data, "serie", med_diskretion)
    s, grund = data.gruppe_serie("ledige_fuldtid", o, "2018M04", "2018M06")
    assert s["vaerdi"].isna().tolist() == [False, True, False]
    assert s["status"].tolist() == ["ok", "diskretioneret", "ok"]
    assert grund == "Ishøj er diskretioneret for maj 2018, så Vallensbæk/Ishøj har intet tal for maj 2018"
    monkeypatch.setattr(data, "serie", ægte)
    df = data._med_grupper("ledige_fuldtid", [geo.omraade("Ballerup"), o], "2018M04", "2018M06", None, {})
    assert df.attrs["grunde"] == {}  # the real data: nothing missing
    df.attrs["grunde"] = {o.navn: grund}
    from noegletal import fortaelling
    assert fortaelling.gruppe_grunde(df, ["Ballerup", o])[0].startswith("Ishøj er diskretioneret for maj 2018")


def test_a_member_without_a_row_makes_the_sum_missing_not_smaller(demo_data):
    o = grupper.omraade("Vallensbæk/Ishøj")
    m = data.serie("befolkning_16_66", _medlemmer(o), "2016M12", "2016M12")
    ud, grund = data._summer_medlemmer(m[m["omraade"] != "Ishøj"], o, _medlemmer(o))
    assert np.isnan(ud["vaerdi"].iloc[0]) and ud["status"].iloc[0] == "mangler"
    assert grund == "Ishøj mangler for december 2016, så Vallensbæk/Ishøj har intet tal for december 2016"


def test_a_measure_that_cannot_be_formed_for_a_group_says_why(demo_data):
    o = grupper.omraade("Hovedstadsområdet")
    s = data.serie("aktiveringsgrad_kontanthjaelp", ["Ballerup", o], "2018M06", "2018M06")
    assert s.set_index("omraade")["vaerdi"].isna().to_dict() == {"Ballerup": False, "Hovedstadsområdet": True}
    assert "kan ikke regnes for en gruppe" in s.attrs["grunde"]["Hovedstadsområdet"]


def test_every_share_says_how_it_combines_or_why_not():
    for i in catalogue.indicators().values():
        regel = catalogue.grupperegel(i.id)
        if i.unit == "pct":
            assert regel.slags in (catalogue.ANDEL, catalogue.IKKE), i.id
        if regel.slags == catalogue.IKKE:
            assert regel.grund, i.id


# --- in the briefs ------------------------------------------------------------------------------------------

def test_a_group_is_a_comparison_area_and_the_stamp_gives_its_definition(demo_data):
    p = params.valider("ledighed", "Ballerup", "2023M06", "Hovedstadsområdet,Hele landet")
    assert [o.navn for o in p.sammenligning] == ["Hovedstadsområdet", "Hele landet"]
    assert p.som_tekst()["grupper"].startswith("Hovedstadsområdet: 34 kommuner (")


def test_a_group_as_the_briefs_area_compares_with_its_region_by_default(demo_data):
    p = params.valider("overblik", "Vallensbæk/Ishøj", "2016M12")
    assert p.er_gruppe and p.region.navn == "Region Hovedstaden"
    assert [o.navn for o in p.sammenligning] == ["Hele landet", "Region Hovedstaden"]


# --- the batch's fingerprint -----------------------------------------------------------------------------------

def test_editing_a_group_remakes_only_the_briefs_that_use_it(tmp_data):
    tmp_data.mkdir(parents=True)
    fil = tmp_data / "grupper.yml"
    fil.write_text(GODE, encoding="utf-8")
    med = jobs.job("ledighed", "Ballerup", "2018M06", sammenligning="Vestegnen,Hele landet")
    anden = jobs.job("ledighed", "Ballerup", "2018M06", sammenligning="To størrelser")
    uden = jobs.job("ledighed", "Ballerup", "2018M06")
    foer = [kvittering.grupper_fingeraftryk(j) for j in (med, anden, uden)]
    assert foer[0] and foer[1] and foer[2] == ""
    fil.write_text(GODE.replace("Brøndby, 161", "Brøndby, 161, Ishøj"), encoding="utf-8")
    import os
    os.utime(fil, ns=(fil.stat().st_mtime_ns + 10**9,) * 2)  # a new version even within the clock's tick
    efter = [kvittering.grupper_fingeraftryk(j) for j in (med, anden, uden)]
    assert efter[0] != foer[0]
    assert efter[1:] == foer[1:]
    assert kvittering.fingeraftryk(med, []) != kvittering.fingeraftryk(
        jobs.job("ledighed", "Ballerup", "2018M06", sammenligning="Hele landet"), [])


# --- the command line -----------------------------------------------------------------------------------------

def test_noegletal_grupper_lists_every_group_with_members_and_source(tmp_data, capsys):
    from noegletal import cli

    tmp_data.mkdir(parents=True)
    (tmp_data / "grupper.yml").write_text(GODE, encoding="utf-8")
    assert cli.main(["grupper"]) == 0
    out = capsys.readouterr().out
    assert "Hovedstadsområdet (34 kommuner) — planloven § 5 a" in out
    assert "Vallensbæk/Ishøj (2 kommuner)" in out and "Vestegnen (3 kommuner) — egen gruppe" in out
    assert "STAR's klynger er ikke indlæst" in out
    assert cli.main(["grupper", "Hovedstadsområdet"]) == 0
    en = capsys.readouterr().out
    assert en.startswith("Hovedstadsområdet: 34 kommuner") and "336   Stevns" in en and "400 " not in en
    assert cli.main(["grupper", "Ballerup"]) == 2
    assert "ikke en gruppe" in capsys.readouterr().err


def test_a_broken_groups_file_stops_the_command_with_its_errors(tmp_data, capsys):
    from noegletal import cli

    tmp_data.mkdir(parents=True)
    (tmp_data / "grupper.yml").write_text("- navn: Naboer\n  medlemmer: [Balerup]\n", encoding="utf-8")
    assert cli.main(["grupper"]) == 2
    err = capsys.readouterr().err
    assert "gruppe 1 'Naboer'" in err and "Mente du: Ballerup?" in err and "Traceback" not in err
