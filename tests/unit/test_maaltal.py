"""Måltal as egne data: the import checks each row (Danish errors naming row and column), the build keeps
it, and `maaltal.gaeldende` finds the target that holds in a month."""

from __future__ import annotations

import io

import openpyxl
import pytest

from noegletal import egne_import, maaltal, pipeline
from noegletal.errors import RaaDataFejl
from noegletal.raw import RawStore
from noegletal.sources import egne

HEADER = ["kommune", "periode", "Indikator", "Retning", "Gældende til", "Note", "Måltal"]


def xlsx(rows, header) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    for r in [header, *rows]:
        ws.append(list(r))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def csv(rows, header) -> bytes:
    lines = [";".join(header)] + [";".join(map(str, r)) for r in rows]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def write(tmp_path, name, body: bytes):
    p = tmp_path / name
    p.write_bytes(body)
    return p


def fejl_for(tmp_path, body: bytes, name: str) -> str:
    with pytest.raises(RaaDataFejl) as e:
        egne_import.importer(write(tmp_path, name, body), "maaltal")
    assert not RawStore().entries(), "a refused file must not be stored"
    return str(e.value)


def rows():
    return [("Ballerup", "2023M01", "ledighedsprocent", "lavere er bedre", "2023M12", "Strategi 2023", "3,5"),
            ("Ballerup", "2024M01", "ledighedsprocent", "Lavere er bedre", "", "", "3"),
            ("Ballerup", "2023M01", "fleksjob_tilgang", "højere er bedre", "", "", 120)]


def test_template_writes_and_imports_as_it_is(tmp_data, tmp_path):
    path = egne_import.skabelon("maaltal", tmp_path / "m.xlsx")
    k = egne_import.kontroller(path.read_bytes(), egne.FORMAT_EGNE_XLSX, egne_import.egne_spec("maaltal"))
    assert k.beskeder() == []


def test_import_build_and_the_maaltal_that_holds(tmp_data, tmp_path):
    egne_import.importer(write(tmp_path, "maal.csv", csv(rows(), header=HEADER)), "maaltal")
    pipeline.build()
    m = maaltal.gaeldende("ledighedsprocent", "Ballerup", "2023M06")
    assert (m.vaerdi, m.retning, m.fra, m.til, m.note) == (3.5, "lavere er bedre", "2023M01", "2023M12", "Strategi 2023")
    assert maaltal.gaeldende("ledighedsprocent", "151", "2024M03").vaerdi == 3.0
    assert maaltal.gaeldende("ledighedsprocent", "Ballerup", "2023K2").vaerdi == 3.5  # the quarter's last month
    assert maaltal.gaeldende("ledighedsprocent", "Ballerup", "2022M12") is None  # before it began
    assert maaltal.gaeldende("ledighedsprocent", "Albertslund", "2023M06") is None
    assert maaltal.gaeldende("fleksjob_tilgang", "Ballerup", "2030M01").vaerdi == 120  # open-ended
    assert not m.naaet(4.1) and m.naaet(3.5)


def test_no_table_no_maaltal(tmp_data):
    assert maaltal.gaeldende("ledighedsprocent", "Ballerup", "2023M06") is None


def test_sentence():
    m = maaltal.Maaltal("x", "Ballerup", 25.0, maaltal.HOEJERE, "2023M01", "")
    assert maaltal.saetning(12.4, m, "pct") == "12,4 pct., under måltallet på 25 pct."
    assert maaltal.saetning(25.02, m, "pct") == "25,0 pct., på niveau med måltallet på 25 pct."
    assert maaltal.saetning(130, maaltal.Maaltal("x", "B", 120, maaltal.HOEJERE, "", ""), "personer") == \
        "130, over måltallet på 120"
    assert maaltal.saetning(float("nan"), m, "pct") == ""


def test_bad_rows_get_danish_errors_naming_row_and_column(tmp_data, tmp_path):
    bad = [("Ballerup", "2023M01", "ledighedsprocnt", "lavere er bedre", "", "", "3,5"),
           ("Ballerup", "2023M01", "fleksjob_tilgang", "opad", "", "", 120),
           ("Ballerup", "2023M06", "aktiverede", "højere er bedre", "2023M02", "", 10),
           ("Ballerup", "2023M06", "dagpenge_pct", "højere er bedre", "dec", "", 10),
           ("Ballerup", "2023M06", "dagpenge_pct", "højere er bedre", "", "", 11)]
    msg = fejl_for(tmp_path, xlsx(bad, HEADER), "maal.xlsx")
    assert "5 fejl" in msg
    assert "Række 2, kolonne 'Indikator' (celle C2): 'ledighedsprocnt' er ikke en indikator. Mente du 'ledighedsprocent'?" in msg
    assert "Række 3, kolonne 'Retning' (celle D3): 'opad' er ikke en retning. Skriv 'højere er bedre' eller 'lavere er bedre'." in msg
    assert "Række 4, kolonne 'Gældende til' (celle E4): måltallet slutter (2023M02) før det begynder (2023M06" in msg
    assert "Række 5, kolonne 'Gældende til' (celle E5): 'dec' er ikke en måned." in msg
    assert "Række 6" in msg and "samme område, periode og dimensioner som række 5" in msg


@pytest.mark.parametrize("retning", ["højere er bedre", "lavere er bedre"])
def test_direction(retning):
    m = maaltal.Maaltal("x", "B", 10, retning, "", "")
    assert m.naaet(11) is (retning == "højere er bedre")


# --- a block whose indicator has a måltal (the demo's example file: ledighedsprocent 2,5 pct., lavere er bedre) --

def test_block_shows_the_maaltal_in_chart_table_text_and_xlsx(demo_data):
    import nbformat

    from noegletal.render import html_for_notebook
    from noegletal.render.xlsx import xlsx_fra_html
    from noegletal.themes import ledighed

    p = ledighed.valider("Ballerup", "2023M06")
    m = maaltal.gaeldende("ledighedsprocent", "Ballerup", "2023M06")
    assert m.vaerdi == 2.5 and m.note.startswith("DEMO")
    fig = ledighed.procent_figurblok(p)
    assert "måltal (lavere er bedre): 2,5 pct." in fig.alt.lower()
    assert any("Ballerup i juni 2023: 2,3 pct., under måltallet på 2,5 pct. (lavere er bedre)." == s for s in fig.hvad)
    tab = ledighed.procent_tabelblok(p)
    assert tab.df.loc["2023M06", "Måltal"] == 2.5 and tab.df["Måltal"][:"2022M12"].isna().all()  # from 2023M01
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output(
        "display_data", data={"text/html": tab.html()})]))
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_fra_html(html_for_notebook(nb))))
    celler = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert "Måltal" in celler and 2.5 in celler


def test_block_without_a_maaltal_is_as_before(demo_data):
    from noegletal.themes import ledighed

    p = ledighed.valider("Albertslund", "2023M06")
    assert "måltal" not in ledighed.procent_figurblok(p).alt.lower()
    assert "Måltal" not in ledighed.procent_tabelblok(p).df.columns


def _xlsx_celler(blok) -> list:
    import nbformat

    from noegletal.render import html_for_notebook
    from noegletal.render.xlsx import xlsx_fra_html

    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output(
        "display_data", data={"text/html": blok.html()})]))
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_fra_html(html_for_notebook(nb))))
    return [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row]


def test_a_second_and_third_block_show_their_maaltal_by_the_same_route(demo_data):
    """The demo's måltal for aktiveringsgraden (30 pct.), ministermålet (55 pct.) and kontanthjælp's ministermål 4
    (25 pct.): the chart's line and alt text, the 'Hvordan' and 'Hvad viser' sentences, the source, the table's
    column and the xlsx."""
    from noegletal.themes import aktivering, integration, overblik

    p = aktivering.valider("Ballerup", "2023M06")
    fig = aktivering.grad_figurblok(p)
    assert "måltal (højere er bedre): 30 pct." in fig.alt.lower()
    assert "Den vandrette prikkede linje er kommunens måltal på 30 pct. (højere er bedre)." in fig.hvordan
    assert "Ballerup i juni 2023: 27,8 pct., under måltallet på 30 pct. (højere er bedre)." in fig.hvad
    assert "maaltal" in fig.kilde
    assert list(fig.data.columns)[-2:] == ["Måltal", "Status"] and (fig.data["Måltal"] == 30).all()
    celler = _xlsx_celler(fig)  # the numbers behind the chart carry the line's value, in the xlsx as in the CSV
    assert any(isinstance(c, str) and c.startswith("Måltal") for c in celler) and 30 in celler

    q = integration.valider("Ballerup", "2023M06")
    fig = integration.ministermaal_figurblok(q)
    assert "måltal (højere er bedre): 55 pct." in fig.alt.lower()
    assert any(s.startswith("Ballerup i juni 2023:") and "under måltallet på 55 pct." in s for s in fig.hvad)
    tab = integration.ministermaal_tabelblok(q)
    assert tab.df.loc["2023M06", "Måltal"] == 55 and tab.df["Måltal"][:"2022M12"].isna().all()
    celler = _xlsx_celler(tab)
    assert "Måltal" in celler and 55 in celler

    tabel, tekst = overblik.kontanthjaelp_blokke(overblik.valider("Ballerup", "2023M06"))
    assert tabel.df["Måltal"].iloc[-1] == 25 and "maaltal" in tabel.note
    assert "Ballerup i juni 2023: 11,4 pct., under måltallet på 25 pct. (højere er bedre)." in tekst.markdown


def test_the_maaltal_parameter_names_the_indicators_that_show_one(demo_data):
    """A report's dokument.yml gives its briefs `maaltal`: a block of another indicator shows no måltal (line,
    column, sentence, source); the stamp says which; an unknown name fails in Danish with the nearest."""
    from noegletal import params
    from noegletal.errors import UgyldigParameter
    from noegletal.themes import aktivering, ledighed

    p = aktivering.valider("Ballerup", "2023M06", maaltal="ledighedsprocent")
    fig = aktivering.grad_figurblok(p)
    assert "måltal" not in fig.alt.lower() and "maaltal" not in fig.kilde
    assert not any("måltal" in s for s in fig.hvad) and p.som_tekst()["maaltal"] == "ledighedsprocent"
    q = ledighed.valider("Ballerup", "2023M06", maaltal="ledighedsprocent")
    assert "Måltal" in ledighed.procent_tabelblok(q).df.columns
    ingen = ledighed.valider("Ballerup", "2023M06", maaltal="ingen")
    assert "Måltal" not in ledighed.procent_tabelblok(ingen).df.columns and ingen.som_tekst()["maaltal"] == "ingen"
    assert "maaltal" not in ledighed.valider("Ballerup", "2023M06").som_tekst()  # 'alle': nothing to say
    with pytest.raises(UgyldigParameter, match="'ledighedsprocnt' er ikke en indikator. Mente du: ledighedsprocent"):
        params.valider_maaltal("ledighedsprocnt,fleksjob_pct")


def test_maal_nye_fleksjob_is_one_case_of_a_maaltal(demo_data, monkeypatch):
    """Without the parameter the måltal for fleksjob_tilgang is the target; the parameter, when given, wins."""
    from noegletal.themes import fleksjob

    assert fleksjob.maal(fleksjob.valider("Ballerup", "2023M06")) is None  # the demo has no fleksjob måltal
    m = maaltal.Maaltal("fleksjob_tilgang", "Ballerup", 120, maaltal.HOEJERE, "2023M01", "")
    monkeypatch.setattr(maaltal, "gaeldende", lambda ind, o, q: m if ind == "fleksjob_tilgang" else None)
    p = fleksjob.valider("Ballerup", "2023M06")
    assert fleksjob.maal(p) == 120 and p.ekstra["maal_nye_fleksjob"] == "120 nye fleksjob pr. år (måltal)"
    assert fleksjob.maal(fleksjob.valider("Ballerup", "2023M06", maal_nye_fleksjob=90)) == 90


# --- ministermål 2: virksomhedssamarbejde (Tabel 2 of the 2020 follow-up, Ballerup 2017-2019) ----------------------

TABEL_2 = [("Ballerup", "2017", "1.520", "19,5", "28,1", "36,5"),
           ("Ballerup", "2018", "1.553", "19,7", "27,9", "37,3"),
           ("Ballerup", "2019", "1.573", "18,6", "27,3", "35,8")]


def test_virksomhedssamarbejde_template_and_the_seeds_12_figures(tmp_data, tmp_path):
    from noegletal import catalogue, data

    spec = catalogue.table("virksomhedssamarbejde")
    path = egne_import.skabelon("virksomhedssamarbejde", tmp_path / "v.xlsx")
    assert egne_import.kontroller(path.read_bytes(), egne.FORMAT_EGNE_XLSX, spec).beskeder() == []
    header = ["område", "periode", *spec.measures]
    egne_import.importer(write(tmp_path, "tabel2.csv", csv(TABEL_2, header)), "virksomhedssamarbejde")
    pipeline.build()
    df = data.tabel("virksomhedssamarbejde").set_index(["periode", "maal"])["vaerdi"]
    got = [[df[(aar, m)] for m in spec.measures] for aar in ("2017", "2018", "2019")]
    assert got == [[1520, 19.5, 28.1, 36.5], [1553, 19.7, 27.9, 37.3], [1573, 18.6, 27.3, 35.8]]


def test_virksomhedssamarbejde_share_over_100_is_refused_with_row_and_column(tmp_data, tmp_path):
    from noegletal import catalogue

    spec = catalogue.table("virksomhedssamarbejde")
    bad = [("Ballerup", "2017", "1.520", "195", "28,1", "36,5")]
    with pytest.raises(RaaDataFejl, match=r"Række 2, kolonne 'Det lokale jobcenters [^']*': andelen 195 ligger "
                                          r"uden for 0-100"):
        egne_import.importer(write(tmp_path, "t.csv", csv(bad, ["område", "periode", *spec.measures])),
                             "virksomhedssamarbejde")


def test_overblik_block_reproduces_tabel_2(demo_data):
    """The demo holds Tabel 2's figures for Ballerup: the block shows all 12 as the follow-up prints them."""
    from noegletal.themes import overblik

    p = overblik.valider("Ballerup", "2019M12")
    tabel, tekst = overblik.samarbejde_blokke(p)
    assert tabel.titel == "Samarbejdet med virksomhederne"
    assert tabel.df.values.tolist() == [[1520, 19.5, 28.1, 36.5], [1553, 19.7, 27.9, 37.3], [1573, 18.6, 27.3, 35.8]]
    assert list(tabel.df.index) == ["2017", "2018", "2019"]
    assert tekst.tekst if hasattr(tekst, "tekst") else True
    html = tekst.html()
    assert "I 2019 samarbejdede jobcentrene med 35,8 pct. af de 1.573 virksomheder i Ballerup" in html
    assert "mod 36,5 pct. i 2017" in html
    # a later brief shows the latest three years with figures, never a year as 0
    assert list(overblik.samarbejde_blokke(overblik.valider("Ballerup", "2023M06"))[0].df.index) == ["2017", "2018", "2019"]
