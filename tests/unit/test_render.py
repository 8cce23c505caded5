"""The nbconvert template and the e-mail gate, on notebooks built in memory (no kernel needed)."""

import re

import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from noegletal import brief
from noegletal.render import (
    TEMPLATE_DIR,
    check_email_safe,
    html_for_notebook,
    rens_html,
    titel_for,
)

ONDT_OUTPUT = (
    '<div onclick="alert(1)">klik</div><script>alert(2)</script><SCRIPT src="https://evil.example/x.js"></SCRIPT>'
    '<img src="https://evil.example/spor.png" alt="spor"><img src="//cdn.example/x.png" alt="x">'
    '<a href="http://jobindsats.dk">Jobindsats</a><a href="javascript:alert(3)">js</a>'
    '<style>@import url(http://evil.example/a.css); body{background:url(https://e.example/b.png)}</style>'
    '<iframe src="https://evil.example"></iframe><link rel="stylesheet" href="https://cdn.example/a.css">'
    '<p style="background:url(https://e.example/c.png)">stil</p><!--[if mso]><script>x</script><![endif]-->'
    '<object data="https://x.example/a.swf"><embed src="https://x.example/b"></object><p>efter</p>'
)


def _html(data):
    return new_output("display_data", data={"text/html": data, "text/plain": "repr"})


def _nb(*cells, titel="Testbrief"):
    meta = {"noegletal": {"titel": titel}} if titel else {}
    return new_notebook(cells=list(cells), metadata=meta)


def _attributter(side, navn):
    return re.findall(rf'\s{navn}\s*=\s*["\']?([^"\'\s>]*)', side, re.I)


@pytest.fixture(scope="module")
def side():
    nb = _nb(
        new_markdown_cell("## Om tallene\n\nTallene er **foreløbige**."),
        new_code_cell('kommune = "Ballerup"  # PARAMETERCELLE', metadata={"tags": ["parameters"]},
                      outputs=[_html("<p>PARAMETER-OUTPUT</p>")]),
        new_code_cell('kommune = "Gentofte"', metadata={"tags": ["injected-parameters"]},
                      outputs=[_html("<p>INJICERET-OUTPUT</p>")]),
        new_code_cell("import hemmeligt_modul\ndisplay(brief.Demobanner())",
                      outputs=[_html(brief.Demobanner().html()),
                               new_output("stream", name="stdout", text="STREAM-TEKST"),
                               new_output("stream", name="stderr", text="ADVARSEL-TEKST")]),
        new_code_cell("1/0", outputs=[new_output("error", ename="ZeroDivisionError", evalue="FEJLBESKED",
                                                 traceback=["TRACEBACK-LINJE"])]),
        new_code_cell("skjult()", metadata={"tags": ["skjul"]}, outputs=[_html("<p>SKJULT-OUTPUT</p>")]),
        new_code_cell("x", outputs=[new_output("execute_result", data={"text/html": "<p>SIDSTE-UDTRYK</p>"},
                                               execution_count=7)]),
        new_code_cell("plt.plot()", outputs=[new_output("display_data", data={"image/png": "iVBORw0KGgo=",
                                                                              "text/plain": "<Figure>"})]),
        new_code_cell("ond()", outputs=[_html(ONDT_OUTPUT)]),
        new_markdown_cell("Rå HTML i markdown: <script>alert('md')</script><img src=x onerror=alert(1)> "
                          "og et [link](https://www.jobindsats.dk)."),
    )
    return html_for_notebook(nb)


def test_page_is_a_danish_utf8_document(side):
    assert side.lstrip().startswith("<!DOCTYPE html>")
    assert '<html lang="da">' in side
    assert re.search(r'<meta charset="utf-8"\s*/?>', side)
    assert "<title>Testbrief</title>" in side


def test_no_script_and_nothing_from_the_network(side):
    assert "<script" not in side.lower()
    for navn in ("src", "href", "srcset", "data", "action"):
        for v in _attributter(side, navn):
            assert not v.lower().startswith(("http:", "https:", "//", "javascript:")), (navn, v)
    assert "@import" not in side and not re.search(r"url\(\s*['\"]?(?!data:)", side)
    assert "<iframe" not in side and "<link" not in side and "<object" not in side and "<embed" not in side
    assert not re.search(r"\son[a-z]+\s*=", side)
    assert check_email_safe(side) == []


def test_code_prompts_streams_and_errors_are_left_out(side):
    for tekst in ("import", "hemmeligt_modul", "display(", "In&nbsp;[", "In [", "STREAM-TEKST", "ADVARSEL-TEKST",
                  "FEJLBESKED", "TRACEBACK-LINJE", "1/0", "Out["):
        assert tekst not in side, tekst


def test_parameter_and_hidden_cells_are_left_out(side):
    for tekst in ("PARAMETERCELLE", "PARAMETER-OUTPUT", "INJICERET-OUTPUT", "SKJULT-OUTPUT", 'kommune = "'):
        assert tekst not in side, tekst


def test_markdown_and_html_outputs_are_kept(side):
    assert "<h2>Om tallene</h2>" in side
    assert "<strong>foreløbige</strong>" in side
    assert "DEMODATA – ikke officielle tal" in side
    assert "SIDSTE-UDTRYK" in side
    assert "<p>efter</p>" in side and ">klik</div>" in side and ">stil</p>" in side
    assert "image/png" not in side and "iVBORw0KGgo=" not in side  # bare plots are not shown


def test_external_links_keep_their_text_and_address(side):
    assert "Jobindsats</a>" in side and "(http://jobindsats.dk)" in side
    assert "(https://www.jobindsats.dk)" in side


def test_page_prints_on_a4_and_is_small(side):
    assert "@media print" in side and "@page" in side and "size: A4" in side
    assert "page-break-inside: avoid" in side
    assert "max-width: 46rem" in side
    assert len(side.encode()) < 20_000  # no lab CSS, no require.js, no MathJax


def test_template_is_found_from_any_working_directory(tmp_path, monkeypatch):
    assert (TEMPLATE_DIR / "noegletal" / "conf.json").is_file()
    assert (TEMPLATE_DIR / "noegletal" / "index.html.j2").is_file()
    monkeypatch.chdir(tmp_path)
    assert '<html lang="da">' in html_for_notebook(_nb(new_markdown_cell("# Hej")))


def test_title_fallbacks():
    assert titel_for(_nb(new_markdown_cell("intro\n\n## Ledighed i *Ballerup*"), titel=None)) == "Ledighed i Ballerup"
    nb = _nb(new_code_cell("x", outputs=[_html(brief.Overskrift("Nøgletal & mere").html())]), titel=None)
    assert titel_for(nb) == "Nøgletal & mere"
    assert titel_for(_nb(titel=None)) == "Nøgletal"
    side = html_for_notebook(_nb(titel="<script>alert(1)</script>"))
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>" in side


# --- rens_html --------------------------------------------------------------------------------------------


def test_rens_html_keeps_safe_markup_and_inline_images():
    ok = '<p class="a">1.827 &amp; 33,3 &lt;x&gt;</p><img src="data:image/png;base64,AAAA" alt="figur"><br>'
    assert rens_html(ok) == ok


def test_rens_html_removes_active_content():
    ren = rens_html(ONDT_OUTPUT)
    assert "script" not in ren.lower() and "onclick" not in ren and "evil" not in ren
    assert "javascript" not in ren and "<style" not in ren and "@import" not in ren
    assert "<p>stil</p>" in ren  # the dangerous style attribute goes, the text stays


def test_rens_html_accepts_output_as_list_of_lines():
    assert rens_html(["<p>a", "</p>"]) == "<p>a</p>"


# --- check_email_safe -------------------------------------------------------------------------------------

GOD = '<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>t</title></head><body>{}</body></html>'


@pytest.mark.parametrize("indhold, ord_", [
    ("<script>alert(1)</script>", "<script>"),
    ('<img src="https://x.example/a.png" alt="a">', "peger uden for"),
    ('<img src="//cdn.example/a.png" alt="a">', "peger uden for"),
    ('<a href="https://x.example">x</a>', "peger uden for"),
    ('<img src="data:image/png;base64,AA">', "alternativ tekst"),
    ('<img src="data:image/png;base64,AA" alt="">', "alternativ tekst"),
    ('<img src="data:image/png;base64,AA" alt="No description has been provided for this image">',
     "alternativ tekst"),
    ('<p onclick="x()">a</p>', "Hændelsesattribut"),
    ('<p style="background:url(http://x.example/a.png)">a</p>', "CSS"),
    ("<style>@import url(https://fonts.example/a.css);</style>", "udefra"),
    ('<link rel="stylesheet" href="a.css">', "<link>"),
])
def test_check_email_safe_finds_problems(indhold, ord_):
    problemer = check_email_safe(GOD.format(indhold))
    assert problemer and any(ord_ in p for p in problemer), problemer


def test_check_email_safe_wants_danish_and_utf8():
    assert check_email_safe(GOD.format('<a href="#top">op</a><a href="mailto:a@b.dk">mail</a>')) == []
    assert any("lang" in p for p in check_email_safe(GOD.replace('lang="da"', 'lang="en"').format("")))
    assert any("lang" in p for p in check_email_safe("<p>x</p>"))
    assert any("charset" in p for p in check_email_safe(GOD.replace('<meta charset="utf-8">', "").format("")))
