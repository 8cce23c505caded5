"""The theme registry (themes/__init__.py) and the data layer's check of a brief's declared indicators."""

from __future__ import annotations

import subprocess
import sys

import pytest
from noegletal import config, data, params, themes
from noegletal.errors import UerklaeretIndikator
from noegletal.themes import ledighed


def test_the_themes_are_read_from_their_contracts_in_order():
    assert config.TEMAER == themes.navne() == ("integration", "ledighed", "aktivering", "fleksjob", "overblik")
    assert themes.titel("fleksjob") == "Fleksjob og ledighedsydelse"
    k = themes.kontrakt("ledighed")
    assert k is ledighed.TEMA and k.indikatorer == ledighed.ALLE and "maaltal" in k.laeser and k.notesbog == "ledighed.ipynb"
    assert "udforsk" not in themes.navne() and "faelles" not in themes.navne()  # no contract, no brief


def test_listing_the_themes_imports_no_theme_nor_pandas():
    kode = ("import sys\nfrom noegletal import config\nconfig.TEMAER\n"
            "print(','.join(m for m in ('pandas', 'noegletal.themes.ledighed', 'noegletal.data') if m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True, check=True).stdout.strip() == ""


def test_a_contract_whose_name_is_not_its_module_is_refused(tmp_path, monkeypatch):
    (tmp_path / "alfa.py").write_text('TEMA = Tema(navn="beta", titel="Alfa", orden=1,\n    indikatorer=())\n')
    monkeypatch.setattr(themes, "_MAPPE", tmp_path)
    with pytest.raises(ValueError, match="skal være modulets navn, 'alfa'"):
        themes.navne()


def test_a_read_outside_the_declaration_fails_at_once(demo_data):
    p = params.valider("ledighed", "Ballerup", "2018M06")  # declares ledighed's indicators
    assert not data.serie(ledighed.PROCENT, [p.kommune], p.periode, p.periode).empty
    with pytest.raises(UerklaeretIndikator, match="Temaet 'ledighed' læser nøgletallet 'aktiverede'"):
        data.serie("aktiverede", [p.kommune])
    with pytest.raises(UerklaeretIndikator, match="'aktiverede'"):
        data.perioder("aktiverede")
    with pytest.raises(UerklaeretIndikator, match="tabellen 'klynger'"):
        data.tabel("klynger")
    data.erklaer(None)  # a kernel forgets the declaration before each brief
    assert not data.serie("aktiverede", [p.kommune]).empty


def test_taking_an_indicator_out_of_a_declaration_fails_the_block_that_reads_it(demo_data, monkeypatch):
    import dataclasses

    uden = tuple(i for i in ledighed.ALLE if i != ledighed.DAGPENGE)
    monkeypatch.setattr(ledighed, "TEMA", dataclasses.replace(ledighed.TEMA, indikatorer=uden))
    with pytest.raises(UerklaeretIndikator, match="'dagpenge_personer'"):  # here already in valider's check
        ledighed.dagpenge_tabel(ledighed.valider("Ballerup", "2018M06"))
