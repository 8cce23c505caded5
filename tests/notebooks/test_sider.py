"""What a committee reads, checked on the demo's five Ballerup briefs (June 2018) and its report, made as
`make demo` makes them: every PDF page filled (issue 25: no page of a brief less than a third full except its
last, no page of the report less than a fifth), no internal name in the visible text, and no computed sentence
that contradicts the rounded numbers it shows."""

from __future__ import annotations

import html
import re
import shutil

import pytest

from noegletal import cli, config, jobs
from sidefyld import fyld
from synlig import BACKTICK, STI, synlig_tekst

pytestmark = pytest.mark.slow

TEMAER = ("integration", "ledighed", "aktivering", "fleksjob", "overblik")
BRIEF_FYLD, RAPPORT_FYLD = 1 / 3, 1 / 5


@pytest.fixture(scope="module")
def demo_sider(demo_data_dir, tmp_path_factory):
    """outputs/2018M06/Ballerup/ with each brief and the report as HTML, and as PDF where Chromium is."""
    ud = tmp_path_factory.mktemp("sider")
    formater = "html,pdf" if shutil.which("chromium") else "html"
    mp = pytest.MonkeyPatch()
    mp.setenv("NOEGLETAL_DATA", str(demo_data_dir))
    try:
        kode = cli.main(["batch", "--periode", "2018M06", "--kommuner", "Ballerup", "--format", formater,
                         "--rapport", "--ud", str(ud), "--stille"])
    finally:
        mp.undo()
    assert kode == 0
    return ud / "2018M06" / "Ballerup"


def test_every_pdf_page_is_filled(demo_sider):
    if not (demo_sider / "rapport.pdf").exists():
        pytest.skip("ingen Chromium: PDF'erne kan ikke laves her")
    for navn in (*TEMAER, "rapport"):
        sider = fyld(demo_sider / f"{navn}.pdf")
        graense = RAPPORT_FYLD if navn == "rapport" else BRIEF_FYLD
        maalt = sider if navn == "rapport" else sider[:-1]  # a brief's last page may be short
        tomme = {nr: round(x, 2) for nr, x in enumerate(maalt, 1) if x < graense}
        assert not tomme, f"{navn}.pdf: sider under {graense:.0%} fyldt: {tomme} (alle: {[round(x, 2) for x in sider]})"
        assert len(sider) >= 5 and max(sider) > 0.9  # the measure sees the content


def _parameternavne() -> set[str]:
    """The notebooks' parameter names that are not Danish words (maaneder, maal_nye_fleksjob, cpr_aar, …)."""
    navne = {n for nb in config.NOTEBOOKS_DIR.glob("*.ipynb") for n in jobs.notesbogens_parametre(nb)}
    return {n for n in navne if re.search(r"_|aa|ae|oe", n)}


def _interne_navne(side: str) -> list[str]:
    """Each parameter name, path, backtick or <code> a reader sees on the page, with some text around it."""
    navn_rx = re.compile(r"\b(" + "|".join(map(re.escape, sorted(_parameternavne()))) + r")\b|\b[a-z]\w* = "
                         r"|parameteren")
    tekst = synlig_tekst(side)
    fund = [f"…{tekst[max(0, m.start() - 40):m.end() + 20]}…" for rx in (navn_rx, STI, BACKTICK)
            for m in rx.finditer(tekst)]
    return fund + ["<code>" for _ in re.finditer(r"<code\b", side)]


def test_no_internal_names_in_what_a_reader_sees(demo_sider):
    """No parameter name, no path of the repository and no code formatting (backtick or <code>) in the visible
    text (alternative texts included) of any brief or the report."""
    assert {"maaneder", "maal_nye_fleksjob", "maal_ungeledighed"} <= _parameternavne()
    fund = []
    for navn in (*TEMAER, "rapport"):
        side = (demo_sider / f"{navn}.html").read_text(encoding="utf-8")
        assert len(synlig_tekst(side)) > 2000
        fund += [f"{navn}: {f}" for f in _interne_navne(side)]
    assert not fund, "\n".join(fund)


def test_internal_names_check_catches_what_issue_25_found():
    for side in ("<dd>sammenligning = Hele landet; maaneder = 25</dd>", "<li>(parameteren maal_nye_fleksjob er 0)</li>",
                 "<p>kommunegrupper (lib/noegletal/reference/klynger.csv)</p>", "<p>den brief, `noegletal brief` laver</p>",
                 '<img alt="se klynger.csv i reference/klynger.csv">', "<p><code>noegletal</code></p>"):
        assert _interne_navne(side), side
    assert _interne_navne("<dd>Antal måneder: 25; Mål for nye fleksjob: intet</dd><p>Kilde: tabel AUS08</p>") == []


# --- sentences against their own numbers ------------------------------------------------------------------

_TAL = r"[-+]?\d{1,3}(?:\.\d{3})*(?:,\d+)?"
_SAMMENLIGNING = re.compile(rf"\b(højere|lavere) end (?:i )?([A-ZÆØÅa-zæøå][\w .-]*?) \(({_TAL})( pct\.)?\)")
_FRA_TIL = re.compile(rf"\b(steget|faldet) fra ({_TAL}) i [a-zæøå0-9. ]+? til ({_TAL})\b")
_RETNING_PCT = re.compile(rf"\b(steget|faldet) (?:med )?(?:{_TAL} [a-zæ]+ )?\(({_TAL}) pct\.\)")


def _tal(tekst: str) -> float:
    return float(tekst.replace(".", "").replace(",", "."))


def _format(tekst: str, enhed: str) -> tuple[int, str]:
    return (len(tekst.split(",")[1]) if "," in tekst else 0, enhed)


def _kommunens_tal(foer: str, vist: str, enhed: str) -> str | None:
    """The value a comparison compares: going back sentence by sentence, the first number of the nearest sentence
    that has one written as the compared number is (same decimals, same unit), not in parentheses, not a
    denominator ('pr. 10.000') and not a change (no sign, no procentpoint)."""
    for saetning in reversed(re.split(r"(?<=\.)\s+(?=[A-ZÆØÅ])", re.sub(r"\([^)]*\)", " ", foer))):
        kandidater = [m for m in re.finditer(rf"(?<![\w,.+-])(?<!pr\. )({_TAL})(?![\w-])( pct\.| procentpoint)?",
                                             saetning)
                      if (m.group(2) or "") == enhed and _format(m.group(1), enhed) == _format(vist, enhed)]
        if kandidater:
            return kandidater[0].group(1)
    return None


def _blokke(side: str) -> list[str]:
    """Each list and paragraph of computed text ("Hvad viser figuren?", the texts under tables), as text."""
    dele = re.findall(r"<(ul|p)\b[^>]*>(.*?)</\1>", side, re.S)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", d)).split()) for _, d in dele]


def test_no_sentence_contradicts_its_own_rounded_numbers(demo_sider):
    """'28 … lavere end hele landet (28)' or '2,2 … højere end Region Hovedstaden (2,2 pct.)' cannot stand: a
    comparison's direction must agree with the numbers as printed, and so must steget/faldet and the signed
    change next to them. And '1 flere' is not Danish."""
    fejl, tjekket = [], 0
    for navn in TEMAER:
        side = (demo_sider / f"{navn}.html").read_text(encoding="utf-8")
        for blok in _blokke(side):
            for m in _SAMMENLIGNING.finditer(blok):
                retning, hvem, vist, enhed = m.group(1), m.group(2), m.group(3), m.group(4) or ""
                x = _kommunens_tal(blok[:m.start()], vist, enhed)
                if x is None:
                    continue
                tjekket += 1
                a, b = _tal(x), _tal(vist)
                if a == b or (retning == "højere") != (a > b):
                    fejl.append(f"{navn}: {x}{enhed} er ikke {retning} end {hvem} ({vist}{enhed}): …{blok[:300]}")
            for m in _FRA_TIL.finditer(blok):
                tjekket += 1
                a, b = _tal(m.group(2)), _tal(m.group(3))
                if a == b or (m.group(1) == "steget") != (b > a):
                    fejl.append(f"{navn}: '{m.group(0)}'")
            for m in _RETNING_PCT.finditer(blok):
                tjekket += 1
                x = _tal(m.group(2))
                if x == 0 or (m.group(1) == "steget") != (x > 0):
                    fejl.append(f"{navn}: '{m.group(0)}'")
            if re.search(r"\b1 flere\b", blok):
                fejl.append(f"{navn}: '1 flere' i …{blok[:200]}")
    assert not fejl, "\n".join(fejl)
    assert tjekket >= 15  # the patterns still find the sentences they are meant to check


def test_contradiction_check_catches_the_sentences_issue_25_found():
    """The check itself: the two sentences from the issue fail it, their corrected forms pass."""
    def modsiger(blok: str) -> bool:
        for m in _SAMMENLIGNING.finditer(blok):
            x = _kommunens_tal(blok[:m.start()], m.group(3), m.group(4) or "")
            a, b = (None, None) if x is None else (_tal(x), _tal(m.group(3)))
            if a is not None and (a == b or (m.group(1) == "højere") != (a > b)):
                return True
        return False

    assert modsiger("Det svarer til 28 nye fleksjob pr. 10.000 16-66-årige. Det er lavere end hele landet (28).")
    assert modsiger("I maj 2018 var ledigheden 2,2 pct. i Ballerup. Det er højere end Region Hovedstaden (2,2 pct.).")
    assert not modsiger("Det svarer til 27,5 nye fleksjob pr. 10.000 16-66-årige. Det er lavere end hele landet "
                        "(28,5).")
    assert not modsiger("I maj 2018 var ledigheden 2,2 pct. i Ballerup. Det er på niveau med Region Hovedstaden "
                        "(2,2 pct.) og lavere end hele landet (2,5 pct.).")
