"""One route resolves a brief's kommune, period and comparison areas once, in `jobs.job`: the PDF footer, the
fingerprint, the overview page and the report take them from the job, never from the page or a name again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import side_af_blokke
from noegletal import batch, brief, geo, grupper, jobs, rapport
from noegletal.batch import kvittering
from noegletal.batch.oversigt import skriv_index
from noegletal.errors import UkendtOmraade
from noegletal.periods import periode
from noegletal.render import formater
from noegletal.render.index import Linje, index_html
from noegletal.status import DANNET, FEJLET, Opsummering, Resultat


# --- the job holds them resolved ---------------------------------------------------------------------------------

def test_a_job_holds_its_area_period_and_comparison_resolved_once():
    j = jobs.job("ledighed", "Københavns Kommune", "jun 2018",
                 sammenligning="Hovedstadsområdet, Hele landet,København,hele landet")
    assert j.omraade == geo.kommune("København") and j.kommune == "København"
    assert j.perioden == periode("2018M06") and j.periode == "2018M06"
    assert [o.navn for o in j.sammenligning] == ["Hovedstadsområdet", "Hele landet"]  # no repeat, not itself
    assert j.parametre["sammenligning"] == "Hovedstadsområdet, Hele landet,København,hele landet"  # the notebook's
    g = jobs.job("overblik", "Vallensbæk/Ishøj", "2016M12")
    assert g.omraade.niveau == geo.GRUPPE and g.sammenligning == () and Path(g.html).parent.name == "Vallensbæk-Ishøj"


def test_an_unknown_comparison_area_fails_before_a_kernel_a_klynge_is_left_to_the_data():
    with pytest.raises(UkendtOmraade, match="Mente du: Ballerup"):
        jobs.job("ledighed", "Herlev", "2018M06", sammenligning="Hele landet,Balerup")
    j = jobs.job("ledighed", "Herlev", "2018M06", sammenligning="Klynge 3,Hele landet")  # klynger are egne data
    assert [o.navn for o in j.sammenligning] == ["Hele landet"] and j.parametre["sammenligning"] == "Klynge 3,Hele landet"


def test_the_fingerprint_takes_the_groups_from_the_job():
    med = jobs.job("ledighed", "Ballerup", "2018M06", sammenligning="Hovedstadsområdet")
    assert kvittering.grupper_fingeraftryk(med) == grupper.fingeraftryk([grupper.omraade("Hovedstadsområdet")])
    assert kvittering.grupper_fingeraftryk(jobs.job("ledighed", "Ballerup", "2018M06")) == ""


# --- the PDF footer ----------------------------------------------------------------------------------------------

def test_the_pdf_footer_is_the_jobs_kommune_and_period_not_the_pages(tmp_path, monkeypatch):
    """The page's heading says another kommune and month than the job: the footer says the job's."""
    import datetime

    from noegletal.render import pdf

    j = jobs.job("ledighed", "Københavns Kommune", "2018M06", html=tmp_path / "ledighed.html", formater_=("pdf",))
    Path(j.html).write_text(side_af_blokke(
        brief.Demobanner(), brief.Overskrift("Ledighed", kommune="Ballerup", periode="2017M05"),
        brief.Stempel("k", {}, "noegletal 0.1.0", datetime.datetime(2018, 7, 2, 9, 5))), encoding="utf-8")
    kaldt = {}

    def print_(html, ud, fodnote, *, motor=None):
        kaldt.update(html=html, fodnote=fodnote)
        return ud

    monkeypatch.setattr(pdf, "pdf_fra_html", print_)
    monkeypatch.setattr(formater, "motor", lambda: None)  # no browser: only what is printed matters here
    assert formater.lav("pdf", j) == j.fil("pdf")
    assert kaldt["fodnote"] == "Københavns Kommune · juni 2018 · Ledighed · dannet 2. juli 2018 kl. 09.05 · DEMODATA"
    g = jobs.job("overblik", "Vallensbæk/Ishøj", "2016M12", html=tmp_path / "overblik.html")
    assert formater.fodnote(g, Path(j.html).read_text(encoding="utf-8")).startswith("Vallensbæk/Ishøj · december 2016 ·")


# --- the overview page -------------------------------------------------------------------------------------------

def test_the_overview_lists_a_row_under_its_jobs_area_not_its_name():
    linjer = [Linje("København", "ledighed", "København/ledighed.html", DANNET, "", True,
                    omraade=geo.kommune("Københavns Kommune")),
              Linje("Vallensbæk/Ishøj", "overblik", "Vallensbæk-Ishøj/overblik.html", DANNET, "", True,
                    omraade=grupper.omraade("Vallensbæk/Ishøj")),
              Linje("Aarhus", "ledighed", "Aarhus/ledighed.html", DANNET, "", True, omraade=geo.kommune("Aalborg")),
              Linje("mærkelig-mappe", "ledighed", "mærkelig-mappe/ledighed.html", DANNET, "", True)]
    side = index_html(linjer, periode_tekst="juni 2018", temaer=["ledighed", "overblik"], data_tekst="x", demo=False)
    hoved, nord, andre = (side.index(f"<h2>{r}</h2>") for r in ("Region Hovedstaden", "Region Nordjylland", "Andre"))
    assert hoved < side.index(">København<") < side.index(">Vallensbæk/Ishøj<") < nord  # a group: its members' region
    assert nord < side.index(">Aarhus<") < andre < side.index(">mærkelig-mappe<")  # the row's area, not its name
    assert "Region Midtjylland" not in side


def test_the_index_file_takes_this_runs_areas_from_the_jobs_and_an_earlier_ones_from_its_receipt(tmp_path):
    j = jobs.job("ledighed", "Københavns Kommune", "2018M06", ud=tmp_path)
    tidligere = tmp_path / "2018M06" / "Vallensbæk-Ishøj" / "overblik.html"  # made by an earlier `noegletal brief`
    tidligere.parent.mkdir(parents=True)
    tidligere.write_text("<html></html>", encoding="utf-8")
    kvittering.kvittering_for(tidligere).write_text(json.dumps({"kommune": "Vallensbæk/Ishøj", "tema": "overblik"}))
    ops = Opsummering([Resultat(0, j.tema, j.kommune, j.html, FEJLET, "ManglendeData: x")], 1.0)
    side = skriv_index(ops, tmp_path, j.perioden, {j.kommune: j.omraade}).read_text(encoding="utf-8")
    assert side.index("<h2>Region Hovedstaden</h2>") < side.index(">København<") < side.index(">Vallensbæk/Ishøj<")
    assert "<h2>Andre</h2>" not in side


# --- the report ----------------------------------------------------------------------------------------------------

def test_a_report_takes_its_area_period_and_comparison_from_the_jobs(tmp_path, monkeypatch):
    monkeypatch.setenv("NOEGLETAL_KOMMENTARER", str(tmp_path / "kommentarer"))
    set_ = {}

    def koer(grid, **_):
        set_["grid"] = grid
        return Opsummering([Resultat(i, j.tema, j.kommune, j.html, FEJLET, "ManglendeData: x")
                            for i, j in enumerate(grid)], 1.0, workers=1)

    def med_pointer(k, p, side, sammenligning=(), maaltal=None):
        set_["pointer"] = (k, p, sammenligning)
        return side, []

    monkeypatch.setattr(batch, "koer", koer)
    monkeypatch.setattr(rapport, "med_pointer", med_pointer)
    sti = batch.rapport("Københavns Kommune", "2018K2", tmp_path, temaer="ledighed", vis_fremdrift=False,
                        tillad_mangler=True, parametre={"sammenligning": "Hovedstadsområdet,Hele landet"})
    assert sti == tmp_path / "2018K2" / "København" / "rapport.html"
    assert [j.periode for j in set_["grid"]] == ["2018K2"]  # a quarter's report is made of the quarter's briefs
    k, p, sml = set_["pointer"]
    assert k is set_["grid"][0].omraade and p == periode("2018K2") and sml is set_["grid"][0].sammenligning
    assert [o.navn for o in sml] == ["Hovedstadsområdet", "Hele landet"]
    assert "<title>Nøgletal for Københavns Kommune, 2. kvartal 2018</title>" in sti.read_text(encoding="utf-8")


def test_a_groups_report_is_titled_by_the_group_and_lies_beside_its_briefs(tmp_path):
    g = grupper.omraade("Vallensbæk/Ishøj")
    side = rapport.saml(g, periode("2016M12"), [rapport.Kapitel("overblik", None, "ingen data")])
    assert "<title>Nøgletal for Vallensbæk/Ishøj, december 2016</title>" in side
    assert rapport.sti(g, periode("2016M12"), tmp_path) == \
        Path(jobs.job("overblik", g.navn, "2016M12", ud=tmp_path).html).with_name("rapport.html")


def test_batch_reports_take_the_comparison_the_briefs_were_given(tmp_path, monkeypatch, tmp_data):
    monkeypatch.setenv("NOEGLETAL_KOMMENTARER", str(tmp_path / "kommentarer"))
    monkeypatch.setattr("noegletal.processed.processed_manifest", lambda: {})
    kaldt = []
    monkeypatch.setattr(batch, "koer", lambda grid, **_: Opsummering(
        [Resultat(i, j.tema, j.kommune, j.html, FEJLET, "ManglendeData: x") for i, j in enumerate(grid)], 1.0))

    def med_pointer(k, p, side, sammenligning=(), maaltal=None):
        kaldt.append((k, sammenligning))
        return side, []

    monkeypatch.setattr(rapport, "med_pointer", med_pointer)
    ops = batch.batch("Københavns Kommune,Herlev", "ledighed", "2018M06", tmp_path, rapporter=True, vis_fremdrift=False,
                      tillad_mangler=True, parametre={"sammenligning": "Herlev,Hele landet"})
    assert [(k.navn, [o.navn for o in sml]) for k, sml in kaldt] == [("København", ["Herlev", "Hele landet"]),
                                                                     ("Herlev", ["Hele landet"])]
    assert [r.html for r in ops.resultater if r.tema == "rapport"] == [
        str(tmp_path / "2018M06" / k / "rapport.html") for k in ("København", "Herlev")]


def test_a_report_is_for_one_kommune(tmp_path, monkeypatch):
    from noegletal.errors import UgyldigParameter

    monkeypatch.setattr(batch, "koer", lambda *a, **k: pytest.fail("no brief before the names are checked"))
    with pytest.raises(UgyldigParameter, match="En rapport er for én kommune, ikke 2.*batch --rapport"):
        batch.rapport("Ballerup,Herlev", "2018M06", tmp_path)
    with pytest.raises(UgyldigParameter, match="Mente du: Ballerup.*Gyldige kommuner"):
        batch.rapport("Balerup", "2018M06", tmp_path)


def test_a_quarters_report_pdf_footer_is_the_quarter_not_a_chapters_month(tmp_path, monkeypatch):
    """Read from the page, the footer took the last chapter's heading ('juni 2018') for the report's quarter."""
    from noegletal.render import pdf

    monkeypatch.setenv("NOEGLETAL_KOMMENTARER", str(tmp_path / "kommentarer"))
    kapitel = tmp_path / "ledighed.html"
    kapitel.write_text(side_af_blokke(brief.Overskrift("Ledighed", kommune="København", periode="2018M06")),
                       encoding="utf-8")
    kaldt = {}

    def print_(html, ud, fodnote, *, motor=None):
        kaldt["fodnote"] = fodnote
        return ud

    monkeypatch.setattr(pdf, "pdf_fra_html", print_)
    monkeypatch.setattr(formater, "motor", lambda: None)
    monkeypatch.setattr(rapport, "med_pointer", lambda k, p, side, sammenligning=(), maaltal=None: (side, []))
    res = batch._saml_rapport(geo.kommune("Københavns Kommune"), periode("2018K2"), tmp_path / "ud", ("html", "pdf"),
                              [Resultat(0, "ledighed", "København", str(kapitel), DANNET)])
    assert res.status == DANNET and kaldt["fodnote"].startswith("Københavns Kommune · 2. kvartal 2018 · Rapport")


def test_the_full_name_is_the_official_one():
    """'Københavns Kommune' and 'Bornholms Regionskommune' are not '<navn> Kommune' (a heading would say it wrong)."""
    assert [geo.omraade(n).fuldt_navn for n in ("København", "Bornholm", "Ballerup", "Hele landet")] == [
        "Københavns Kommune", "Bornholms Regionskommune", "Ballerup Kommune", "Hele landet"]


def test_a_groups_region_is_the_one_its_members_share():
    """One rule for the brief's region and the overview's region heading (`geo.faelles_region`)."""
    assert geo.faelles_region(geo.omraade("Ballerup")).navn == "Region Hovedstaden"
    assert geo.faelles_region(grupper.omraade("Vallensbæk/Ishøj")).navn == "Region Hovedstaden"
    assert geo.faelles_region(grupper.omraade("Hovedstadsområdet")) is None  # Greve, Køge … are in Sjælland
    assert geo.faelles_region(geo.hele_landet()) is None
