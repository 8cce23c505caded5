"""The importer scales and refuses the impossible (issue 22.6): a large file full of duplicate rows is refused
with the first 20 errors and a count in Danish numbers; counts must be whole, non-negative, finite and
possible; numbers in messages are Danish; a value far from its own series is warned about. Time and memory of
a 50-100 MB file are measured by benchmarks/import_large.py, not here."""

from __future__ import annotations

import pytest
from noegletal import cli, egne_import
from noegletal.errors import RaaDataFejl
from noegletal.raw import RawStore

HEADER = "område;periode;Arbejdsmarkedsstatus;Ydelse;Antal borgere 16-66 år"


def _csv(tmp_path, lines: list[str], name="ams.csv"):
    p = tmp_path / name
    p.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return p


def _raekker(maaneder: int, kommuner=("Ballerup", "Herlev", "Gladsaxe", "Furesø")) -> list[str]:
    out = []
    for i in range(maaneder):
        p = f"{2000 + i // 12}M{i % 12 + 1:02d}"
        for k in kommuner:
            out += [f"{k};{p};Ledige;I alt;100", f"{k};{p};Beskæftigede;I alt;900", f"{k};{p};I alt;I alt;1000"]
    return out


def _fejl(tmp_path, lines) -> str:
    with pytest.raises(RaaDataFejl) as e:
        egne_import.importer(_csv(tmp_path, lines), "arbejdsmarkedsstatus")
    assert not RawStore().entries()
    return str(e.value)


def test_a_file_pasted_twice_is_refused_with_the_first_20_and_a_danish_count(tmp_data, tmp_path):
    rows = _raekker(240, kommuner=[f"{k}" for k in ("Ballerup", "Herlev", "Gladsaxe", "Furesø", "Egedal", "Rudersdal",
                                                    "Lyngby-Taarbæk", "Gentofte", "Albertslund", "Glostrup")])
    msg = _fejl(tmp_path, rows + rows)  # 7.200 rows, every one of the second half a duplicate
    assert "kan ikke indlæses som tabel arbejdsmarkedsstatus: 7.200 fejl; de første 20." in msg
    assert "Række 7202, kolonne 'område': samme område, periode og dimensioner som række 2" in msg
    assert msg.count("samme område, periode og dimensioner") == 20 and "… og 7.180 fejl mere." in msg
    assert "summerer til" not in msg  # a total of duplicated parts is not wrong for that reason too


@pytest.mark.parametrize("vaerdi, hvorfor", [
    ("-5", "-5: et antal kan ikke være negativt"),
    ("inf", "'inf' er ikke et endeligt tal"),
    ("1e9", "1.000.000.000: det er flere end der bor i Danmark (over 7.000.000)"),
    ("3,7", "3,7: et antal skal være et helt tal"),
])
def test_impossible_counts_are_refused(tmp_data, tmp_path, vaerdi, hvorfor):
    msg = _fejl(tmp_path, ["Ballerup;2017M10;Ledige;I alt;" + vaerdi])
    assert f"Række 2, kolonne 'Antal borgere 16-66 år': {hvorfor}" in msg


def test_numbers_in_messages_are_danish(tmp_data, tmp_path):
    msg = _fejl(tmp_path, ["Ballerup;2017M10;Ledige;I alt;1.831.435", "Ballerup;2017M10;Beskæftigede;I alt;1.831.435",
                           "Ballerup;2017M10;I alt;I alt;3.662.880"])
    assert "'I alt' er 3.662.880, men de 2 rækker med andre værdier af 'Arbejdsmarkedsstatus' summerer til 3.662.870" \
        in msg
    assert "e+06" not in msg


def test_a_value_far_from_its_own_series_is_warned_about_and_imported(tmp_data, tmp_path, capsys):
    rows = _raekker(6, kommuner=("Ballerup",))
    rows[9:12] = ["Ballerup;2000M04;Ledige;I alt;10000", "Ballerup;2000M04;Beskæftigede;I alt;900",
                  "Ballerup;2000M04;I alt;I alt;10900"]  # a typo: 100 written as 10000
    assert cli.main(["data", "importer", str(_csv(tmp_path, rows)), "--tabel", "arbejdsmarkedsstatus",
                     "--uden-build"]) == 0
    err = capsys.readouterr().err
    assert ("Advarsel: Række 11, kolonne 'Antal borgere 16-66 år': 10.000 er langt fra seriens øvrige perioder "
            "(median 100 for samme område og dimensioner)") in err
    assert "Række 12," not in err  # the month's other values are as always
    assert RawStore().entries()
