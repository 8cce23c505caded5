"""Block ids on a page are unique: two blocks of one title get '…' and '…-2' (id and CSV file name)."""

import pandas as pd

from noegletal.brief import Tabelblok
from noegletal.render.blokke import blokke, unikke_id


def _side(*sektioner: str) -> str:
    return "<html lang=\"da\"><body>" + "".join(sektioner) + "</body></html>"


def _tabel(titel: str) -> str:
    return Tabelblok(titel, pd.DataFrame({"Ballerup": [1.5, 2.5]}, index=["2018M05", "2018M06"])).html()


def test_a_page_whose_ids_are_unique_comes_back_as_it_was():
    side = _side(_tabel("Ledige"), _tabel("Ledige i alt"))
    assert unikke_id(side) is side


def test_a_second_block_of_one_title_gets_its_own_id_and_csv_name():
    side = unikke_id(_side(_tabel("Ledige"), _tabel("Ledige"), _tabel("Ledige")))
    assert [b.id for b in blokke(side)] == ["ledige", "ledige-2", "ledige-3"]
    assert side.count('download="ledige-2.csv"') == 1 and side.count('download="ledige.csv"') == 1


def test_a_block_written_by_hand_is_read_by_the_parser_not_the_shortcut():
    """A section of a block class in another form (here: id before class) is not what the shortcut reads; the
    page is then parsed, and the repeated id is still made unique."""
    egen = _tabel("Ledige")
    haandlavet = egen.replace('<section class="nt-blok nt-tabelblok" id="ledige">',
                              '<section id="ledige" class="nt-blok nt-tabelblok">')
    assert haandlavet != egen
    side = unikke_id(_side(egen, haandlavet))
    assert [b.id for b in blokke(side)] == ["ledige", "ledige-2"]
