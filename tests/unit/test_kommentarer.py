"""The analyst's own words: a Markdown file put into the finished brief, set apart and never run."""

import re

import nbformat
import numpy as np
import pandas as pd
import pytest
from noegletal import brief, figures, kommentarer
from noegletal.errors import KommentarFejl
from noegletal.render import check_email_safe, html_for_notebook

FIL = """---
forfatter: Anna Jensen, analytiker
dato: 2018-07-02
---
Ledigheden falder **fortsat**. <script>alert("x")</script>

- første punkt
- [STAR](https://star.dk)

## blok: ledige-efter-ydelsesgruppe  (Ledige efter ydelsesgruppe)
Faldet er størst for kvinder. <img src=x onerror=alert(1)>

## blok: andel-i-pct
"""


def _side() -> str:
    df = pd.DataFrame({"periode": ["2017M09", "2017M10"], "omraade": ["Ballerup"] * 2, "vaerdi": [3.5, np.nan]})
    blokke = [
        brief.Overskrift("Ledighed", kommune="Ballerup", periode="2018M06"),
        brief.Figurblok("Andel i pct.", figures.linjefigur(df, titel="t", enhed="pct."), "h", "v", "k"),
        brief.Tabelblok("Ledige efter ydelsesgruppe", pd.DataFrame({"I alt": [455]}, index=["A-dagpenge"])),
    ]
    nb = nbformat.v4.new_notebook()
    for b in blokke:
        nb.cells.append(nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output(
            "display_data", data={"text/html": b.html()})]))
    return html_for_notebook(nb)


def test_reads_front_matter_general_text_and_block_comments(tmp_path):
    sti = tmp_path / "bemaerkninger.md"
    sti.write_text("\ufeff" + FIL, encoding="utf-8")
    k = kommentarer.laes(sti)
    assert k.forfatter == "Anna Jensen, analytiker" and k.dato == "2. juli 2018"
    assert k.tekst.startswith("Ledigheden falder **fortsat**.")
    assert list(k.blokke) == ["ledige-efter-ydelsesgruppe"]  # an empty block comment is left out
    assert k.blokke["ledige-efter-ydelsesgruppe"].startswith("Faldet er størst")


def test_box_after_the_header_and_comment_inside_its_block():
    ud = kommentarer.indsaet(_side(), kommentarer.fra_tekst(FIL))
    header_slut = ud.index("</header>")
    boks = ud.index('<aside class="nt-bemaerkninger"')
    assert boks == header_slut + len("</header>")
    assert "<h2>Bemærkninger</h2>" in ud and "Anna Jensen, analytiker · 2. juli 2018" in ud
    sektion = re.search(r'<section class="nt-blok nt-tabelblok" id="ledige-efter-ydelsesgruppe">.*?</section>', ud, re.DOTALL)[0]
    assert '<aside class="nt-bemaerkning"' in sektion and "Faldet er størst for kvinder." in sektion
    assert sektion.index("nt-bemaerkning") > sektion.index("</table>")
    assert "<strong>fortsat</strong>" in ud and "<li>første punkt</li>" in ud
    assert check_email_safe(ud) == []


def test_html_in_a_comment_is_escaped_never_run():
    ud = kommentarer.indsaet(_side(), kommentarer.fra_tekst(FIL))
    assert "<script" not in ud.lower()
    assert '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;' in ud or "&lt;script&gt;alert(\"x\")&lt;/script&gt;" in ud
    assert "<img src=x" not in ud and "&lt;img src=x onerror=alert(1)&gt;" in ud
    assert 'href="https://star.dk"' not in ud and "(https://star.dk)" in ud  # shown, not a link out


def test_unknown_block_id_is_named_with_the_briefs_ids():
    k = kommentarer.fra_tekst("## blok: ledige-efter-ydelse\nx\n\n## blok: noget-helt-andet\ny\n", "noter.md")
    with pytest.raises(KommentarFejl) as e:
        kommentarer.indsaet(_side(), k)
    besked = str(e.value)
    assert "noter.md" in besked and "'ledige-efter-ydelse' (mente du 'ledige-efter-ydelsesgruppe'?)" in besked
    assert "'noget-helt-andet'" in besked
    assert "Briefens blokke er: andel-i-pct, ledige-efter-ydelsesgruppe." in besked


@pytest.mark.parametrize("tekst, ord_", [
    ("---\nforfater: x\n---\n", "ukendt nøgle 'forfater' i forsiden. Mente du 'forfatter'?"),
    ("---\nforfatter: x\n", "slutter aldrig"),
    ("---\ndato: 2018-13-02\n---\n", "findes ikke"),
    ("---\ndato: a\ndato: b\n---\n", "to gange"),
    ("## blok:\nx", "skal følges af blokkens id"),
    ("## blok: ledige_efter\nx", "ikke et blok-id"),
    ("## blok: a\nx\n## blok: a\ny", "allerede en bemærkning (linje 1)"),
])
def test_errors_say_what_and_where_in_danish(tekst, ord_):
    with pytest.raises(KommentarFejl, match=re.escape(ord_)):
        kommentarer.fra_tekst(tekst)


def test_a_missing_file_and_a_brief_that_already_has_comments(tmp_path):
    with pytest.raises(KommentarFejl, match="findes ikke"):
        kommentarer.laes(tmp_path / "ingen.md")
    en_gang = kommentarer.indsaet(_side(), kommentarer.fra_tekst(FIL))
    with pytest.raises(KommentarFejl, match="allerede bemærkninger"):
        kommentarer.indsaet(en_gang, kommentarer.fra_tekst(FIL))


def test_skabelon_lists_every_block_and_reads_back_empty():
    side = _side()
    s = kommentarer.skabelon(side)
    assert "## blok: andel-i-pct   (Andel i pct.)" in s
    k = kommentarer.fra_tekst(s)
    assert k.blokke == {} and k.forfatter is None
    assert kommentarer.indsaet(side, kommentarer.fra_tekst("Kun en generel tekst.")).count('class="nt-bemaerkninger"') == 1
