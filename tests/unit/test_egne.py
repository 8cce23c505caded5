"""Egne data: the template, the importer's checks (one bad file per rule), raw storage exactly as given,
the build and the 'Kilde' line, and the rule that demo data and real data never share a data folder."""

from __future__ import annotations

import hashlib
import io
import json
import math
from datetime import datetime

import openpyxl
import pytest
from conftest import aus08_bulk, write_aus08
from noegletal import cli, data, egne_import, pipeline, tid
from noegletal.errors import RaaDataFejl, UgyldigParameter
from noegletal.raw import RawStore
from noegletal.sources import PARSERS, egne
from noegletal.themes import faelles

ANDEL = "Andel beskæft. flygtninge og fam. til flygtninge i måneden, pct. (ministermål)"
ANTAL = "Antal flygtninge og familiesammenførte til flygtninge"
BESK = "Antal beskæftigede flygtninge og familiesammenførte til flygtninge"
CPR = "Udstedelse af cpr-nummer"
MM_HEADER = ["område", "periode", CPR, ANTAL, BESK, ANDEL]
IB_HEADER = ["område", "periode", "Personer i målgruppen", "Beskæftigede i målgruppen", "Andel beskæftigede, pct."]


def xlsx(rows, header=MM_HEADER, sheet="Data", extra=None, formats=None) -> bytes:
    """A workbook as a user would save it: header, rows; `extra` another sheet first; `formats` a number
    format per (row, column) (1-based, as Excel counts)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    if extra:
        ws.title = extra
        ws.append(["noter"])
        ws = wb.create_sheet(sheet)
    else:
        ws.title = sheet
    ws.append(header)
    for r in rows:
        ws.append(list(r))
    for (r, c), fmt in (formats or {}).items():
        ws.cell(row=r, column=c).number_format = fmt
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def csv(rows, header=MM_HEADER, sep=";", bom=True) -> bytes:
    def cell(c):
        return f'"{c}"' if sep in str(c) else str(c)

    lines = [sep.join(map(cell, header))] + [sep.join(map(cell, r)) for r in rows]
    return (("\ufeff" if bom else "") + "\r\n".join(lines) + "\r\n").encode("utf-8")


def mm_rows(area="Ballerup", month="2017M10"):
    """Ballerup's cohorts in Okt 2017 as the 2018 notat prints them, and an 'I alt' that adds up."""
    return [(area, month, "Udstedelse af cpr-nummer i 2013", 16, 7, "43,8"),
            (area, month, "Udstedelse af cpr-nummer i 2014", 12, 4, "33,3"),
            (area, month, "I alt", 28, 11, "39,3")]


def write(tmp_path, name, body: bytes):
    p = tmp_path / name
    p.write_bytes(body)
    return p


def fejl_for(tmp_path, body: bytes, name="ministermaal.xlsx", tabel="ministermaal", **kw) -> str:
    """The importer's message for a bad file; nothing may be stored."""
    with pytest.raises(RaaDataFejl) as e:
        egne_import.importer(write(tmp_path, name, body), tabel, **kw)
    assert not RawStore().entries(), "a refused file must not be stored"
    return str(e.value)


# --- the template -----------------------------------------------------------------------------------------

def test_template_has_the_columns_an_example_and_an_explanation(tmp_data, tmp_path):
    path = egne_import.skabelon("ministermaal", tmp_path / "mm.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Data", "Forklaring"]
    rows = list(wb["Data"].iter_rows(values_only=True))
    assert list(rows[0]) == MM_HEADER
    assert rows[1][:3] == ("Ballerup", "2017M10", "2014") and rows[1][3:] == (48, 21, 43.8)
    explained = {r[0]: r for r in wb["Forklaring"].iter_rows(values_only=True) if r[0]}
    for col in MM_HEADER:
        assert col in explained, col
    assert "0-100" in explained[ANDEL][4] and "'..'" in explained[ANTAL][3]
    assert "I alt" in explained[CPR][1]


@pytest.mark.parametrize("tabel, periode", [("integrationsbarometer", "2017K3"), ("klynger", "2017"),
                                            ("fleksjob_tilgang", "2017M10")])
def test_template_example_has_a_period_of_the_tables_frequency(tmp_data, tmp_path, tabel, periode):
    rows = list(openpyxl.load_workbook(egne_import.skabelon(tabel, tmp_path / "t.xlsx"))["Data"].iter_rows(values_only=True))
    assert rows[1][:2] == ("Ballerup", periode)


def test_every_egne_table_has_a_template_that_imports_as_it_is(tmp_data, tmp_path):
    for tabel in egne_import.egne_tabeller():
        path = egne_import.skabelon(tabel, tmp_path / f"{tabel}.xlsx")
        k = egne_import.kontroller(path.read_bytes(), egne.FORMAT_EGNE_XLSX, egne_import.egne_spec(tabel))
        assert k.beskeder() == [], tabel


def test_template_for_a_table_from_an_api_says_so(tmp_data, tmp_path):
    with pytest.raises(UgyldigParameter, match="hentes med `noegletal data fetch --tabel y25i01`.*ministermaal"):
        egne_import.skabelon("y25i01", tmp_path / "x.xlsx")


def test_template_never_overwrites_a_file(tmp_data, tmp_path):
    p = write(tmp_path, "udfyldt.xlsx", b"mine tal")
    with pytest.raises(UgyldigParameter, match="overskrives ikke"):
        egne_import.skabelon("ministermaal", p)
    assert p.read_bytes() == b"mine tal"


def test_template_command(tmp_data, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["data", "skabelon", "integrationsbarometer"]) == 0
    assert (tmp_path / "integrationsbarometer_skabelon.xlsx").exists()
    assert "noegletal data importer integrationsbarometer_skabelon.xlsx --tabel integrationsbarometer" in capsys.readouterr().out
    assert cli.main(["data", "skabelon", "AUS08"]) == 2
    assert "Statistikbanken" in capsys.readouterr().err


# --- what is read --------------------------------------------------------------------------------------------

def test_xlsx_is_stored_byte_for_byte_with_a_manifest_entry(tmp_data, tmp_path, monkeypatch):
    monkeypatch.setenv("USER", "mvm")
    monkeypatch.setenv("LOGNAME", "mvm")
    body = xlsx(mm_rows())
    res = egne_import.importer(write(tmp_path, "Ministermål okt 2017.xlsx", body), "ministermaal")
    e = RawStore().entries()["egne/ministermaal/Ministermål okt 2017.xlsx"]
    assert (RawStore().root / e.path).read_bytes() == body
    assert (e.source, e.table, e.format, e.demo) == ("egne", "ministermaal", egne.FORMAT_EGNE_XLSX, False)
    assert e.sha256 == hashlib.sha256(body).hexdigest() and e.size == len(body)
    assert e.original_name == "Ministermål okt 2017.xlsx" and e.imported_by == "mvm"
    assert datetime.fromisoformat(e.retrieved_at)
    assert (res.rows, res.areas, res.first, res.last) == (3, 1, "2017M10", "2017M10")
    assert PARSERS[egne.FORMAT_EGNE_XLSX] is egne.parse_xlsx


def test_build_reads_numbers_the_danish_way_and_keeps_missing_missing(tmp_data, tmp_path):
    rows = [("Ballerup", "okt 2017", "I alt", "1.827", "..", "-"),
            ("151", "2017-11", "I alt", 12, 4, "33,3"),
            ("Hele landet", "2017M12", "I alt", "", "", "")]
    egne_import.importer(write(tmp_path, "mm.csv", csv(rows)), "ministermaal")
    pipeline.build()
    df = data.tabel("ministermaal").set_index(["omraade", "periode", "maal"])["vaerdi"].sort_index()
    assert df[("Ballerup", "2017M10", ANTAL)] == 1827
    assert math.isnan(df[("Ballerup", "2017M10", BESK)]) and math.isnan(df[("Ballerup", "2017M10", ANDEL)])
    assert df[("Ballerup", "2017M11", ANDEL)] == 33.3
    assert df.loc[("Hele landet", "2017M12")].isna().all()  # empty cells: missing, never 0


@pytest.mark.parametrize("sep, bom", [(";", True), (",", False), (";", False)])
def test_csv_with_either_separator_with_or_without_bom(tmp_data, tmp_path, sep, bom):
    rows = [("Ballerup", "2017K3", 14, 2, "14,3")]
    egne_import.importer(write(tmp_path, "ib.csv", csv(rows, IB_HEADER, sep, bom)), "integrationsbarometer")
    pipeline.build()
    s = data.serie("integrationsbarometer_andel", omraader=["Ballerup"])
    assert list(s["vaerdi"]) == [14.3] and list(s["periode"]) == ["2017K3"]


def test_named_sheet_percent_cells_dates_and_codes_from_excel(tmp_data, tmp_path):
    rows = [(151, datetime(2017, 10, 1), "I alt", 12, 4, 0.333), ("Høje Tåstrup", "2017M10", "I alt", 10, 5, 0.5)]
    body = xlsx(rows, sheet="Til import", extra="Noter", formats={(2, 6): "0.0%", (3, 6): "0%"})
    with pytest.raises(RaaDataFejl, match="Mente du 'Til import'"):
        egne_import.importer(write(tmp_path, "mm.xlsx", body), "ministermaal", ark="Til imprt")
    egne_import.importer(write(tmp_path, "mm.xlsx", body), "ministermaal", ark="Til import")
    assert RawStore().entries()["egne/ministermaal/mm.xlsx"].sheet == "Til import"
    pipeline.build()
    s = data.serie("ministermaal_andel", omraader=["Ballerup", "Høje-Taastrup"], fra="2017M10", til="2017M10")
    assert dict(zip(s["omraade"], s["vaerdi"])) == {"Ballerup": 33.3, "Høje-Taastrup": 50.0}


def test_sheet_is_only_for_a_workbook(tmp_data, tmp_path):
    with pytest.raises(UgyldigParameter, match="--ark gælder kun"):
        egne_import.importer(write(tmp_path, "mm.csv", csv(mm_rows())), "ministermaal", ark="Data")


def test_a_new_import_replaces_the_tables_earlier_file(tmp_data, tmp_path):
    egne_import.importer(write(tmp_path, "gammel.csv", csv(mm_rows())), "ministermaal")
    egne_import.importer(write(tmp_path, "ny.xlsx", xlsx(mm_rows(month="2017M11"))), "ministermaal")
    assert list(RawStore().entries()) == ["egne/ministermaal/ny.xlsx"]
    assert not (RawStore().root / "egne/ministermaal/gammel.csv").exists()


# --- one bad file per rule ----------------------------------------------------------------------------------

def test_unknown_area_is_named_with_row_column_cell_and_a_suggestion(tmp_data, tmp_path):
    msg = fejl_for(tmp_path, xlsx([("Balerup", "2017M10", "I alt", 1, 1, "1,0")]))
    assert "Række 2, kolonne 'område' (celle A2): Ukendt område: 'Balerup'. Mente du: Ballerup?" in msg
    assert "noegletal data skabelon ministermaal" in msg and "Intet er gemt" in msg


def test_empty_area_and_empty_dimension(tmp_data, tmp_path):
    msg = fejl_for(tmp_path, csv([("", "2017M10", "", 1, 1, "1,0")]), name="mm.csv")
    assert "Række 2, kolonne 'område': cellen er tom" in msg
    assert f"Række 2, kolonne '{CPR}': cellen er tom" in msg


def test_unreadable_period_and_period_of_another_frequency(tmp_data, tmp_path):
    msg = fejl_for(tmp_path, xlsx([("Ballerup", "oktober", "I alt", 1, 1, 1), ("Ballerup", "2017K3", "I alt", 1, 1, 1)]))
    assert "Række 2, kolonne 'periode' (celle B2): 'oktober' er ikke en periode. Skriv en måned, fx 2017M10" in msg
    assert "(celle B3): '2017K3' er et kvartal, men tabel ministermaal har måneder" in msg
    msg = fejl_for(tmp_path, csv([("Ballerup", "2017M10", 14, 2, "14,3")], IB_HEADER), name="ib.csv",
                   tabel="integrationsbarometer")
    assert "'2017M10' er en måned, men tabel integrationsbarometer har kvartaler. Skriv perioden som et kvartal" in msg


def test_text_that_is_not_a_number(tmp_data, tmp_path):
    msg = fejl_for(tmp_path, xlsx([("Ballerup", "2017M10", "I alt", "tolv", 1, "#DIV/0!")]))
    assert "(celle D2): 'tolv' er ikke et tal" in msg and "(celle F2): '#DIV/0!' er ikke et tal" in msg


def test_share_outside_0_100(tmp_data, tmp_path):
    msg = fejl_for(tmp_path, csv([("Ballerup", "2017M10", "I alt", 12, 4, "133,3")]), name="mm.csv")
    assert f"Række 2, kolonne '{ANDEL}': andelen 133,3 ligger uden for 0-100" in msg


def test_shares_written_as_fractions(tmp_data, tmp_path):
    rows = [("Ballerup", f"2017M{m:02d}", "I alt", 12, 4, "0,333") for m in (1, 2, 3)]
    assert "ser ud til at være brøker" in fejl_for(tmp_path, csv(rows), name="mm.csv")


def test_duplicate_key_names_both_rows(tmp_data, tmp_path):
    rows = mm_rows() + [("Ballerup Kommune", "okt 2017", "I alt", 28, 11, "39,3")]
    msg = fejl_for(tmp_path, xlsx(rows))
    assert "Række 5, kolonne 'område' (celle A5): samme område, periode og dimensioner som række 4" in msg


def test_parts_must_add_up_to_their_total(tmp_data, tmp_path):
    rows = mm_rows()[:2] + [("Ballerup", "2017M10", "I alt", 40, 11, "27,5")]
    msg = fejl_for(tmp_path, xlsx(rows))
    assert f"(celle D4): 'I alt' er 40, men de 2 rækker med andre værdier af '{CPR}' summerer til 28" in msg


def test_unknown_and_missing_columns(tmp_data, tmp_path):
    header = ["Område", "Periode", CPR, "Antal flygtninge", BESK, ANDEL]
    msg = fejl_for(tmp_path, xlsx(mm_rows(), header=header))
    assert f"Kolonne D ('Antal flygtninge') er ikke en kolonne i tabel ministermaal. Mente du '{ANTAL}'?" in msg
    assert f"Kolonnen '{ANTAL}' mangler" in msg


def test_formula_without_a_saved_result(tmp_data, tmp_path):
    msg = fejl_for(tmp_path, xlsx([("Ballerup", "2017M10", "I alt", 12, 4, "=E2/D2*100")]))
    assert "(celle F2): cellen er en formel uden gemt resultat" in msg


def test_file_that_is_not_utf8_or_an_old_workbook(tmp_data, tmp_path):
    latin1 = csv(mm_rows(area="Brøndby")).decode("utf-8").lstrip("\ufeff").encode("cp1252")
    assert "ikke UTF-8" in fejl_for(tmp_path, latin1, name="mm.csv")
    assert "gammelt Excel-format (.xls)" in fejl_for(tmp_path, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
                                                     name="mm.xls")
    assert "kan ikke læses som et Excel-regneark" in fejl_for(tmp_path, b"PK\x03\x04 ikke en zip", name="mm.xlsx")


def test_all_errors_are_collected_and_the_first_20_shown(tmp_data, tmp_path):
    rows = [(f"Ukendtby{i}", "2017M10", "I alt", 10, 1, "10,0") for i in range(25)]
    msg = fejl_for(tmp_path, xlsx(rows))
    assert "25 fejl; de første 20" in msg and "… og 5 fejl mere" in msg
    assert msg.count("Ukendt område") == 20 and "Række 21," in msg and "Række 22," not in msg


def test_a_file_with_no_rows(tmp_data, tmp_path):
    assert "ingen rækker med tal" in fejl_for(tmp_path, xlsx([]))


# --- build, 'Kilde' and status ------------------------------------------------------------------------------

def test_build_records_the_file_and_the_kilde_line_names_it(tmp_data, tmp_path):
    egne_import.importer(write(tmp_path, "Ministermål.xlsx", xlsx(mm_rows())), "ministermaal")
    write_aus08(RawStore(), aus08_bulk())
    pipeline.build()
    info = pipeline.processed_manifest()["tables"]["ministermaal"]
    assert info["source"] == "egne" and info["original_name"] == "Ministermål.xlsx"
    dato = tid.dansk_dato(info["imported_at"])
    assert faelles.kilde("ministermaal_andel") == f"egne data fra Ministermål.xlsx, indlæst {dato} (tabel ministermaal)"
    assert "AUS08" not in faelles.kilde("ministermaal_andel")
    assert data.kildeinfo(["ministermaal", "AUS08"])["kilder"] == [
        "Danmarks Statistik, Statistikbanken", f"egne data fra Ministermål.xlsx, indlæst {dato}"]
    assert data.kildeinfo()["demo"] is False
    egne_import.importer(write(tmp_path, "barometer.csv", csv([("Ballerup", "2017K3", 14, 2, "14,3")], IB_HEADER)),
                         "integrationsbarometer")
    pipeline.build()
    assert data.kildeinfo(["ministermaal", "integrationsbarometer"])["kilder"] == [
        f"egne data fra Ministermål.xlsx og barometer.csv, indlæst {dato}"]


def test_egne_table_with_a_few_areas_builds(tmp_data, tmp_path):
    """Egne data hold the areas the user has; the build's every-kommune check is for the API sources."""
    egne_import.importer(write(tmp_path, "mm.xlsx", xlsx(mm_rows())), "ministermaal")
    results = pipeline.build()
    assert [r.table for r in results] == ["ministermaal"]


def test_importer_command_builds_and_status_says_where_each_table_came_from(tmp_data, tmp_path, capsys):
    write_aus08(RawStore(), aus08_bulk())
    p = write(tmp_path, "barometer.xlsx", xlsx([("Ballerup", "3. kvt. 2017", 14, 2, "14,3"),
                                                 ("Ballerup", "2017K2", 15, 6, 40)], header=IB_HEADER))
    assert cli.main(["data", "importer", str(p), "--tabel", "integrationsbarometer"]) == 0
    out = capsys.readouterr().out
    assert "Indlæst: barometer.xlsx som tabel integrationsbarometer (2 rækker, 1 områder, 2017K2–2017K3)" in out
    assert "Bearbejdede data bygget: 2 tabeller" in out
    assert cli.main(["data", "status"]) == 0
    out = capsys.readouterr().out
    lines = {line.split()[0]: line for line in out.splitlines() if line.split()}
    assert "egne data: barometer.xlsx" in lines["integrationsbarometer"] and "2017K2–2017K3" in lines["integrationsbarometer"]
    assert "Statistikbanken" in lines["AUS08"] and "2018M05–2018M06" in lines["AUS08"]
    assert "Egne data ikke indlæst: ministermaal" in out and "noegletal data skabelon" in out


def test_importer_command_with_a_bad_file_is_one_danish_message(tmp_data, tmp_path, capsys):
    p = write(tmp_path, "mm.csv", csv([("Balerup", "2017M10", "I alt", 1, 1, "1,0")]))
    assert cli.main(["data", "importer", str(p), "--tabel", "ministermaal"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Fejl: mm.csv kan ikke indlæses som tabel ministermaal: 1 fejl.") and "Traceback" not in err
    assert cli.main(["data", "importer", str(tmp_path / "findes_ikke.xlsx"), "--tabel", "ministermaal"]) == 2
    assert "findes ikke" in capsys.readouterr().err


# --- demo and real data never mix ---------------------------------------------------------------------------

def _demo_folder():
    write_aus08(RawStore(), aus08_bulk(), demo=True)
    pipeline.build()


def test_importer_into_a_demo_folder_stops_with_the_two_ways_on(tmp_data, tmp_path):
    _demo_folder()
    p = write(tmp_path, "mm.xlsx", xlsx(mm_rows()))
    with pytest.raises(RaaDataFejl) as e:
        egne_import.importer(p, "ministermaal")
    msg = str(e.value)
    assert "indeholder demodata (AUS08)" in msg and "blandes aldrig" in msg
    assert f"noegletal data importer {p} --tabel ministermaal --erstat-demo" in msg and "NOEGLETAL_DATA=" in msg
    assert [e.table for e in RawStore().entries().values()] == ["AUS08"]


def test_erstat_demo_removes_the_demo_first(tmp_data, tmp_path, capsys):
    _demo_folder()
    p = write(tmp_path, "mm.xlsx", xlsx(mm_rows()))
    assert cli.main(["data", "importer", str(p), "--tabel", "ministermaal", "--erstat-demo"]) == 0
    assert "Demodata slettet (1 tabeller)" in capsys.readouterr().out
    assert [e.table for e in RawStore().entries().values()] == ["ministermaal"]
    assert not (RawStore().root / "statbank/AUS08/data.csv").exists()
    assert sorted(pipeline.processed_manifest()["tables"]) == ["ministermaal"]
    assert data.kildeinfo()["demo"] is False


def test_fetch_into_a_demo_folder_stops_before_fetching(tmp_data, capsys, monkeypatch):
    _demo_folder()
    monkeypatch.setenv("JOBINDSATS_API_KEY", "x")
    monkeypatch.setenv("STATBANK_API_URL", "http://127.0.0.1:9/ingen")  # never reached
    assert cli.main(["data", "fetch", "--source", "statbank"]) == 2
    err = capsys.readouterr().err
    assert "indeholder demodata" in err and "`noegletal data fetch --source statbank --erstat-demo`" in err
    assert RawStore().demo_tables() == ["AUS08"]


def test_fetch_erstat_demo_without_a_key_keeps_the_demo(tmp_data, capsys, monkeypatch):
    _demo_folder()
    monkeypatch.delenv("JOBINDSATS_API_KEY", raising=False)
    assert cli.main(["data", "fetch", "--erstat-demo"]) == 2
    assert "JOBINDSATS_API_KEY" in capsys.readouterr().err
    assert RawStore().demo_tables() == ["AUS08"]


def test_demo_into_a_folder_with_egne_data_refuses(tmp_data, tmp_path):
    from noegletal.sources import demo

    egne_import.importer(write(tmp_path, "mm.xlsx", xlsx(mm_rows())), "ministermaal")
    with pytest.raises(RaaDataFejl, match="rigtige data \\(ministermaal\\)"):
        demo.generate()


def test_store_demo_helpers(tmp_data):
    store = RawStore()
    write_aus08(store, aus08_bulk(), demo=True)
    assert store.demo_tables() == ["AUS08"]
    assert store.refuse_demo("noegletal data fetch", replace=True) == ["AUS08"]
    assert store.entries() == {} and store.demo_tables() == []
    assert store.refuse_demo("noegletal data fetch") == []
    manifest = json.loads(store.manifest_path.read_text(encoding="utf-8"))
    assert manifest == {"files": {}}
