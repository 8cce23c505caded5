"""dokument.yml: the report's title, chapters (a tema, or blocks by id), comparison areas and måltal."""

from __future__ import annotations

import pytest

from noegletal import dokument, geo, rapport
from noegletal.errors import DokumentFejl
from noegletal.periods import periode

GOD = """titel: Nøgletal for beskæftigelsesstrategien
sammenligning: [Hovedstadsområdet, Hele landet]
maaltal: [ledighedsprocent]
kapitler:
  - titel: Flere i job
    blokke: [ledighed-a, overblik-b]
  - titel: Færre på kanten
    blokke:
      - ledighed-c
"""

BALLERUP, JUNI = geo.kommune("Ballerup"), periode("2023M06")  # as the briefs' jobs resolve them


def _side(tema: str, *ids: str) -> str:
    blokke = "".join(f'<section class="nt-blok nt-figurblok" id="{i}"><h2>{i}</h2><section class="x">indre</section>'
                     f"</section>" for i in ids)
    return (f'<html><head><title>t</title></head><body><main><header><h1>{tema}</h1></header>{blokke}'
            '<footer class="nt-stempel">stempel</footer></main></body></html>')


def test_a_good_file():
    d = dokument.fra_tekst(GOD)
    assert d.titel == "Nøgletal for beskæftigelsesstrategien"
    assert d.sammenligning == ("Hovedstadsområdet", "Hele landet") and d.maaltal == ("ledighedsprocent",)
    assert [(k.titel, k.blokke) for k in d.kapitler] == [("Flere i job", ("ledighed-a", "overblik-b")),
                                                        ("Færre på kanten", ("ledighed-c",))]


def test_report_with_two_chapters_of_blocks(tmp_path):
    (tmp_path / "ledighed.html").write_text(_side("Ledighed", "a", "c", "d"), encoding="utf-8")
    (tmp_path / "overblik.html").write_text(_side("Overblik", "b"), encoding="utf-8")
    kap = [rapport.Kapitel("ledighed", tmp_path / "ledighed.html"), rapport.Kapitel("overblik", tmp_path / "overblik.html")]
    side = rapport.saml(BALLERUP, JUNI, kap, dokument.fra_tekst(GOD))
    assert "<title>Nøgletal for beskæftigelsesstrategien</title>" in side
    nav = side[side.index('<nav class="nt-indhold"'):side.index("</nav>")]
    assert ">Flere i job<" in nav and ">Færre på kanten<" in nav and "Ledighed" not in nav
    f1, f2 = side.index('id="kapitel-1"'), side.index('id="kapitel-2"')
    assert f1 < side.index('id="ledighed-a"') < side.index('id="overblik-b"') < f2 < side.index('id="ledighed-c"')
    assert 'id="ledighed-d"' not in side  # a block no chapter names is left out
    assert side.count('<section class="x">indre</section>') == 3  # each block whole, nested sections too
    assert "stempel" in side  # the stamps stay


def test_without_a_file_the_report_is_todays(tmp_path):
    (tmp_path / "ledighed.html").write_text(_side("Ledighed", "a"), encoding="utf-8")
    kap = [rapport.Kapitel("ledighed", tmp_path / "ledighed.html")]
    assert rapport.saml(BALLERUP, JUNI, kap) == rapport.saml(BALLERUP, JUNI, kap, dokument.Dokument())


def test_a_block_the_report_lacks_is_named(tmp_path):
    (tmp_path / "ledighed.html").write_text(_side("Ledighed", "a"), encoding="utf-8")
    kap = [rapport.Kapitel("ledighed", tmp_path / "ledighed.html")]
    d = dokument.fra_tekst("kapitler:\n  - titel: X\n    blokke: [ledighed-zz]\n")
    with pytest.raises(DokumentFejl, match="nævner ledighed-zz, som rapporten ikke har. Rapportens blokke: ledighed-a"):
        rapport.saml(BALLERUP, JUNI, kap, d)


@pytest.mark.parametrize("tekst, fejl", [
    ("titel: x\nforfatter: y\n", "dokument.yml, linje 2: ukendt nøgle 'forfatter'."),
    ("kapitler:\n  - tema: ledighed\n  - tema: ledighd\n", "dokument.yml, linje 3: 'ledighd' er ikke et tema."),
    ("kapitler:\n  - titel: X\n", "dokument.yml, linje 2: et kapitel uden tema skal have både 'titel' og 'blokke'."),
    ("maaltal: [ledighedsprocent, ledighedsprocnt]\n", "dokument.yml, linje 1: 'ledighedsprocnt' er ikke en indikator."),
    ("sammenligning:\n  - Hele landet\n  - Balerup\n", "dokument.yml, linje 3: "),
    ("titel: [x\n", "dokument.yml, linje 2: filen er ikke gyldig YAML"),
    ("kapitler:\n  - tema: ledighed\n    blokke: [a]\n", "dokument.yml, linje 3: et kapitel er et tema eller en liste"),
])
def test_bad_files_get_danish_errors_with_line_numbers(tekst, fejl):
    with pytest.raises(DokumentFejl) as e:
        dokument.fra_tekst(tekst)
    assert str(e.value).startswith(fejl), str(e.value)


@pytest.mark.parametrize("p, maaned, undertitel", [
    ("2023K2", "2023M06", "Alle temaer i én rapport for 2. kvartal 2023: månedstal er fra juni 2023 og "
                          "kvartalstal fra 2. kvartal 2023"),
    ("2022", "2022M12", "Alle temaer i én rapport for 2022: månedstal er fra december 2022, kvartalstal fra "
                        "4. kvartal 2022 og årstal fra 2022"),
    ("2023M06", "2023M06", "Alle temaer i én rapport"),
])
def test_a_quarter_or_a_year_is_a_period_of_the_committee(p, maaned, undertitel):
    from noegletal.periods import periode, udvalgets_maaned

    assert udvalgets_maaned(p).kode == maaned
    assert rapport._undertitel(periode(p)) == undertitel


def test_a_quarters_report_is_titled_by_the_quarter(tmp_path):
    (tmp_path / "ledighed.html").write_text(_side("Ledighed", "a"), encoding="utf-8")
    side = rapport.saml(BALLERUP, periode("2023K2"), [rapport.Kapitel("ledighed", tmp_path / "ledighed.html")])
    assert "<title>Nøgletal for Ballerup Kommune, 2. kvartal 2023</title>" in side
    assert rapport.sti(BALLERUP, periode("2023K2")).parts[-3:] == ("2023K2", "Ballerup", "rapport.html")


def test_the_briefs_maaltal_parameter_is_the_key_points_list_too():
    """`-p maaltal` (or dokument.yml's maaltal:, given to the briefs as it) decides the key points' måltal too."""
    from noegletal.batch import _maaltal_liste

    assert _maaltal_liste(None) is None and _maaltal_liste({"maaltal": "Alle"}) is None
    assert _maaltal_liste({"maaltal": "ingen"}) == frozenset()
    assert _maaltal_liste({"maaltal": "ledighedsprocent, fleksjob_pct"}) == {"ledighedsprocent", "fleksjob_pct"}
