"""Brief blocks: Ballerup-style layout, Danish formats, '..' for missing values, and escaping."""

import re
from datetime import datetime
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest
from IPython.core.formatters import DisplayFormatter
from noegletal import __version__, brief, config, figures
from noegletal.errors import UgyldigParameter
from noegletal.render import check_email_safe

ONDE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(2)>', "' onmouseover='alert(3)"]


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [(tag, k, v) for k, v in attrs]


def _parse(markup):
    p = _Tags()
    p.feed(markup)
    return p


def _side(*blokke):
    body = "".join(b.html() for b in blokke)
    return f'<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>t</title></head><body>{body}</body></html>'


def _figur(navn="Ballerup"):
    df = pd.DataFrame({"periode": ["2017M09", "2017M10", "2017M11"] * 2,
                       "omraade": [navn] * 3 + ["Hele landet"] * 3,
                       "vaerdi": [18.2, np.nan, 33.3, 32.8, 33.2, 33.5]})
    return figures.linjefigur(df, roller={navn: "kommune"}, titel="Andel beskæftigede", enhed="pct.")


def _notat_tabel(kommune="Ballerup"):
    cols = pd.MultiIndex.from_product([["Andel beskæftigede, pct.", "Antal personer"], ["Hele landet", kommune]])
    idx = [f"Udstedelse af cpr-nummer i {a}" for a in (2012, 2013, 2014)]
    return pd.DataFrame([[34.3, 28.6, 1827, 14], [32.9, np.nan, 2755, 16], [33.2, 33.3, 10160, 12]],
                        index=idx, columns=cols)


# --- Figurblok --------------------------------------------------------------------------------------------


def test_figurblok_has_heading_image_alt_and_the_two_questions():
    f = _figur()
    blok = brief.Figurblok("Andel i beskæftigelse", f, hvordan="Figuren viser andelen hver måned",
                           hvad=["Andelen er steget", "Oktober er ikke oplyst"], kilde="Jobindsats.dk")
    h = blok.html()
    assert "<h2>Andel i beskæftigelse</h2>" in h
    assert '<img src="data:image/png;base64,' in h
    alt = re.search(r'alt="([^"]*)"', h).group(1)
    assert alt and alt == brief._e(f.alt.replace("og Hele landet", "og hele landet").replace("; Hele", "; hele"))
    assert "Hvordan er figuren lavet?" in h and "Hvad viser figuren?" in h
    assert "<li>Andelen er steget</li><li>Oktober er ikke oplyst</li>" in h
    assert "Kilde: Jobindsats.dk" in h
    assert 'width="720"' in h


def test_blocks_display_as_text_html():
    data, _ = DisplayFormatter().format(brief.Forbehold("x"))
    assert "text/html" in data and "nt-forbehold" in data["text/html"]


def test_figurblok_refuses_a_bare_matplotlib_figure():
    with pytest.raises(TypeError, match="alternativ tekst"):
        brief.Figurblok("t", _figur().fig, "h", "v", "k")


# --- Tabelblok --------------------------------------------------------------------------------------------


def test_table_formats_numbers_the_danish_way():
    h = brief.Tabelblok("Ministerens mål", _notat_tabel(),
                        kolonneformat={"Andel beskæftigede, pct.": "tal1", "Antal personer": "tal"}).html()
    for tal in ("1.827", "10.160", "34,3", "33,3", "28,6", "14"):
        assert f">{tal}</td>" in h
    assert "<caption>Ministerens mål</caption>" in h
    assert re.search(r'<td class="nt-tal">1\.827</td>', h)  # right-aligned by class


def test_table_shows_missing_as_dots_with_footnote():
    h = brief.Tabelblok("t", _notat_tabel()).html()
    assert '<td class="nt-tal nt-mangler">..</td>' in h
    assert "..: tal ikke oplyst (mangler eller diskretioneret)" in h
    uden = brief.Tabelblok("t", _notat_tabel().fillna(0)).html()
    assert "tal ikke oplyst" not in uden


def test_table_multiindex_header_spans_the_groups():
    h = brief.Tabelblok("t", _notat_tabel()).html()
    assert h.count("<tr>", h.index("<thead>"), h.index("</thead>")) == 2
    assert '<th scope="colgroup" colspan="2">Andel beskæftigede, pct.</th>' in h
    assert '<th scope="colgroup" colspan="2">Antal personer</th>' in h
    assert 'rowspan="2"' in h


def test_table_default_formats_and_period_headers():
    df = pd.DataFrame({"2017M10": [1827, 14], "2017K3": [33.333, np.nan]}, index=["Hele landet", "Ballerup"])
    h = brief.Tabelblok("t", df).html()
    assert "okt. 2017" in h and "3. kvt. 2017" in h
    assert ">1.827<" in h and ">33,3<" in h and ">..<" in h


@pytest.mark.parametrize("form, vaerdi, forventet", [
    ("pct", 33.33, "33,3 pct."), ("pct_point", 0.24, "+0,2 procentpoint"), ("tal", 10160, "10.160"),
    ("tal2", 1.005, "1,00"), (lambda v: f"{v:.0f} stk.", 3, "3 stk."),
])
def test_table_column_formats(form, vaerdi, forventet):
    h = brief.Tabelblok("t", pd.DataFrame({"a": [vaerdi]}), kolonneformat={"a": form}).html()
    assert f">{forventet}</td>" in h


def test_table_refuses_unknown_format():
    with pytest.raises(UgyldigParameter, match="Gyldige formater"):
        brief.Tabelblok("t", pd.DataFrame({"a": [1]}), kolonneformat={"a": "procent"})


def test_range_index_is_not_shown():
    h = brief.Tabelblok("t", pd.DataFrame({"a": [1, 2]})).html()
    assert 'scope="row"' not in h


# --- text blocks ------------------------------------------------------------------------------------------


def test_forbehold_overskrift_and_banner():
    assert "<strong>Bemærk</strong>" in brief.Forbehold("Datagrundlaget er spinkelt").html()
    o = brief.Overskrift("Nøgletal", "Ledighed", kommune="ballerup", periode="2017M10").html()
    assert "Ballerup Kommune · oktober 2017" in o and "<h1>Nøgletal</h1>" in o
    assert "DEMODATA – ikke officielle tal" in brief.Demobanner().html()


def test_tekst_renders_markdown_but_not_html():
    h = brief.Tekst("Ledigheden er **faldet**. <b>rå</b>").html()
    assert "<strong>faldet</strong>" in h and "<b>" not in h and "&lt;b&gt;" in h


# --- Stempel ----------------------------------------------------------------------------------------------


def test_stempel_lists_source_parameters_version_and_time():
    h = brief.Stempel("Jobindsats.dk, hentet 1. februar 2018", {"kommune": "Ballerup", "periode": "2017M10"},
                      tidspunkt=datetime(2018, 2, 1, 9, 5)).html()
    assert "Jobindsats.dk, hentet 1. februar 2018" in h
    assert "Kommune: Ballerup; Periode: oktober 2017" in h
    assert f"noegletal {__version__}" in h
    assert "1. februar 2018 kl. 09.05" in h


def test_stempel_names_every_notebook_parameter_in_danish():
    """No notebook variable name reaches the reader: each parameter of each notebook has a Danish name, and a
    name nobody labelled is still written as words."""
    from noegletal import jobs

    for nb in sorted(config.NOTEBOOKS_DIR.glob("*.ipynb")):
        for navn in jobs.notesbogens_parametre(nb):
            assert navn in brief.PARAMETER_NAVNE, f"{nb.name}: parameteren {navn} har intet dansk navn i stemplet"
    h = brief.Stempel("demodata", {"maaneder": 25, "maal_nye_fleksjob": "intet", "fra": "2015M01",
                                   "ny_parameter": "x", "sammenligning": ""}).html()
    assert "Antal måneder: 25; Mål for nye fleksjob: intet; Første måned: januar 2015; Ny parameter: x; " \
           "Sammenlignet med: ingen" in h
    assert "_" not in h.split("<dd>", 2)[2].split("</dd>")[0] and " = " not in h


def test_blocks_show_title_and_numbers_as_text_plain():
    """IPython's text/plain of a block (what a front end without HTML and `nbconvert --to markdown` of a
    plain output show) is its title and numbers, not `<noegletal.brief.Tabelblok at 0x…>`."""
    import pandas as pd
    from IPython.core.formatters import PlainTextFormatter

    from noegletal import figures

    tekst = PlainTextFormatter()
    df = pd.DataFrame({"Ballerup": [1827.0, float("nan")], "Andel": [33.333, 12.0]},
                      index=pd.Index(["2017M10", "2017M11"], name="periode"))
    t = tekst(brief.Tabelblok("Ledige i alt", df, {"Andel": "pct"}))
    assert t.splitlines()[0] == "Ledige i alt" and "1.827" in t and "33,3 pct." in t and ".." in t
    assert "at 0x" not in t and "<" not in t
    fig = figures.linjefigur(pd.DataFrame({"omraade": ["Ballerup"] * 2, "periode": ["2017M09", "2017M10"],
                                           "vaerdi": [3.1, 3.3]}), enhed="pct.")
    f = tekst(brief.Figurblok("Ledighed", fig, "Sådan.", ["Ledigheden var 3,3 pct. i oktober 2017."], "DST"))
    assert f.splitlines()[0] == "Ledighed" and "- Ledigheden var 3,3 pct. i oktober 2017." in f
    assert "data:image" not in f and "Kilde: DST" in f
    s = tekst(brief.Stempel("demodata", {"maaneder": 25}))
    assert "Parametre: Antal måneder: 25" in s and "<" not in s


def test_stempel_hides_secrets(monkeypatch):
    monkeypatch.setenv(config.KEY_ENV, "hemmelig-noegle-123")
    h = brief.Stempel("demodata", {"api_key": "abc", "kommune": "x hemmelig-noegle-123"}).html()
    assert "hemmelig-noegle-123" not in h and "abc" not in h
    assert h.count("(skjult)") == 2


def test_kodeversion_without_git(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # no git program
    assert brief.kodeversion().startswith(f"noegletal {__version__}")
    monkeypatch.setattr(config, "REPO_DIR", tmp_path)  # not a checkout
    assert brief.kodeversion() == f"noegletal {__version__}"


# --- escaping ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("ond", ONDE)
def test_data_and_parameters_never_become_markup(ond):
    blokke = [
        brief.Overskrift(ond, ond, kommune=ond),
        brief.Figurblok(ond, _figur(ond), [ond], [ond], ond),
        brief.Tabelblok(ond, _notat_tabel(ond).rename(index={"Udstedelse af cpr-nummer i 2012": ond}), note=ond),
        brief.Tabelblok("t", pd.DataFrame({ond: [ond, "b"]}, index=[ond, "x"])),
        brief.Forbehold(ond, titel=ond),
        brief.Demobanner(ond),
        brief.Tekst(ond),
        brief.Stempel(ond, {ond: ond}, kodeversion=ond),
    ]
    side = _side(*blokke)
    p = _parse(side)
    assert "script" not in p.tags
    assert p.tags.count("img") == 1  # only the chart
    assert not [a for a in p.attrs if a[1].startswith("on")]
    assert check_email_safe(side) == []
    assert "&lt;" in side or "&#x27;" in side


def test_prose_blocks_write_hele_landet_as_words_but_tables_keep_the_name():
    tekst = brief.Tekst("Ledigheden er lavere end i Hele landet.").html()
    assert "lavere end i hele landet." in tekst
    forbehold = brief.Forbehold(["Få personer: sammenlign varsomt med Hele landet."]).html()
    assert "med hele landet." in forbehold
    df = pd.DataFrame({"Område": ["Ballerup", "Hele landet"], "pct.": [3.4, 3.6]})
    tabel = brief.Tabelblok("Ballerup og Hele landet", df, note="Kilde for Hele landet: DST").html()
    assert "<td>Hele landet</td>" in tabel
    assert "<caption>Ballerup og hele landet</caption>" in tabel and "Kilde for hele landet" in tabel
