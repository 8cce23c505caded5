"""Væsentlige pointer: the few sentences that lead the committee's report, computed and ranked.

What the dagsorden item of the 2023 EBU minutes carries by hand: each point a sentence with the kommune's
number and what it is set against (a måltal, another area in the same month, the same month a year
before, or the months shown), ranked by how much it matters:

- the distance to a måltal (maaltal.py) — always first: the committee set it;
- a difference from a comparison area larger than the uncertainty: for a share with fewer than
  usikkerhed.SMAA_TAL_GRAENSE persons behind it the Wilson intervals must not overlap (and the sentence says
  'k af n'), otherwise the difference must exceed twice the kommune's usual month-to-month movement;
- a 12-month change large against that usual movement (more than three times it);
- a new high or low within the months shown.

A point's id ('maal-ledighedsprocent', 'sammenligning-fleksjob-pct') is what the analyst's comment file uses
to pin, drop or reword it (kommentarer.py, `## pointer: <id>`); the analyst's words win.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pandas as pd

from . import brief, data, fmt, fortaelling, geo, maaltal, usikkerhed
from .periods import Periode

MAKS, MINDST = 10, 5
MAANEDER = 25  # the months a brief shows by default: a high or low is one within them
STOR_AENDRING = 3.0  # a 12-month change this many times the usual monthly movement is large
STOR_FORSKEL = 2.0  # a difference this many times the usual monthly movement is beyond the uncertainty


@dataclass(frozen=True)
class Emne:
    """An indicator a point can be about: its words, unit, the block that shows it (tema, title) and, for a
    share, the measure that counts the persons behind it (for small numbers)."""

    indikator: str
    navn: str
    enhed: str
    tema: str
    blok: str
    personer: str | None = None

    def blok_id(self, kommune: geo.Omraade) -> str:
        """The block's id in the report (each brief's ids prefixed with its tema); `{kommune}` in a title is
        the kommune's name, as the brief writes it."""
        return f"{self.tema}-{brief.blok_id(self.blok.format(kommune=kommune.navn))}"


EMNER = (
    Emne("ledighedsprocent", "Den officielle ledighedsprocent", "pct", "ledighed",
         "Officiel ledighedsprocent, sæsonkorrigeret"),
    Emne("langtidsledige_andel", "Andelen af langtidsledige", "pct", "ledighed",
         "Andel langtidsledige blandt dagpengemodtagerne"),
    Emne("forsoergede_pct", "Andelen på offentlig forsørgelse", "pct", "overblik",
         "Andel på offentlig forsørgelse, 16-66 år"),
    Emne("aktiveringsgrad_kontanthjaelp", "Aktiveringsgraden for kontanthjælpsmodtagere", "pct", "aktivering",
         "Aktiveringsgrad for kontanthjælpsmodtagere"),
    Emne("ministermaal_andel", "Andelen af beskæftigede flygtninge og familiesammenførte (ministermålet)", "pct",
         "integration", "Ministerens mål: andel beskæftigede flygtninge og familie til flygtninge",
         personer="Antal flygtninge og familiesammenførte til flygtninge"),
    Emne("kontanthjaelp_beskaeftigede_opvisiterede_andel",
         "Andelen af kontanthjælpsmodtagere i beskæftigelse eller opvisiteret", "pct", "overblik",
         "Kontanthjælp i {kommune}: ministermål 4 og 6", personer="Antal personer på kontanthjælp"),
    Emne("fleksjob_pct", "Andelen i fleksjob", "pct", "fleksjob", "Fleksjob i pct. af befolkningen"),
    Emne("ledige_fuldtid", "Antallet af ledige fuldtidspersoner", "fuldtidspersoner", "ledighed",
         "Ledige fuldtidspersoner efter ydelsesgruppe og køn"),
)


@dataclass(frozen=True)
class Pointe:
    id: str
    tekst: str
    vaegt: float  # higher first
    blok_id: str  # where the report shows the figure behind it
    fastgjort: bool = False
    egen: bool = False  # reworded or written by the analyst


def _v(x: float, enhed: str) -> str:
    return fmt.pct(x) if enhed == "pct" else f"{fmt.tal(x)} {enhed}"


def _bevaegelse_tekst(v: float, enhed: str) -> str:
    return fmt.pct_point(v, fortegn=False) if enhed == "pct" else _v(v, enhed)


def _serie(e: Emne, omraader: list, fra: Periode, til: Periode, maal: str | None = None) -> pd.DataFrame:
    try:
        return data.serie(e.indikator, omraader=omraader, fra=fra, til=til, maal=maal)
    except Exception:  # noqa: BLE001 - a table that is not built has no points; the brief says why
        return pd.DataFrame(columns=["omraade_kode", "periode", "vaerdi"])


def _vaerdi(df: pd.DataFrame, o: geo.Omraade, q: Periode) -> float:
    r = df[(df["omraade_kode"] == o.kode) & (df["periode"] == q.kode)]["vaerdi"]
    return float(r.iloc[0]) if len(r) else math.nan


def _bevaegelse(serie: pd.Series) -> float:
    """The kommune's usual month-to-month movement: the median absolute change (robust to one jump)."""
    d = serie.diff().abs().dropna()
    return float(d.median()) if len(d) >= 3 else math.nan


def for_emne(e: Emne, k: geo.Omraade, sammenligning: list[geo.Omraade], q: Periode,
             maaneder: int = MAANEDER) -> list[Pointe]:
    """The candidate points about one indicator."""
    fra = q.shift(-(maaneder - 1))
    df = _serie(e, [k, *sammenligning], fra, q)
    x = _vaerdi(df, k, q)
    if fmt.er_mangler(x):
        return []
    egen = df[df["omraade_kode"] == k.kode].sort_values("periode")
    bevaeg = _bevaegelse(egen["vaerdi"].reset_index(drop=True))
    n = math.nan
    if e.personer:
        n = _vaerdi(_serie(e, [k], q, q, maal=e.personer), k, q)
    smaa = usikkerhed.er_smaa_tal(n)
    slug = e.indikator.replace("_", "-")
    out: list[Pointe] = []

    m = maaltal.gaeldende(e.indikator, k, q)
    if m is not None:
        s = maaltal.saetning(x, m, e.enhed)
        naaet = "nået" if m.naaet(x) else "ikke nået"
        afstand = abs(x - m.vaerdi) / abs(m.vaerdi) if m.vaerdi else abs(x - m.vaerdi)
        tal, _, resten = s.partition(", ")
        out.append(Pointe(f"maal-{slug}", f"{e.navn} i {k.navn} var {tal} i {q.tekst}, {resten} ({m.retning}; "
                                          f"målet er {naaet}).",
                          10 + 10 * afstand, e.blok_id(k)))

    bedst = None
    for o in (sammenligning if e.enhed == "pct" else []):  # a count is not compared across areas of other sizes
        y = _vaerdi(df, o, q)
        if fmt.er_mangler(y):
            continue
        if smaa:
            lo, hi = usikkerhed.wilson(x * n / 100, n)
            uden_for = y < lo or y > hi
            styrke = (max(lo - y, y - hi, 0) / max(hi - lo, 1e-9)) + (1 if uden_for else 0)
        else:
            styrke = abs(x - y) / (STOR_FORSKEL * bevaeg) if bevaeg and not math.isnan(bevaeg) else 0.0
            uden_for = styrke > 1
        if bedst is None or styrke > bedst[0]:
            bedst = (styrke, o, y, uden_for)
    if bedst:
        styrke, o, y, uden_for = bedst
        if uden_for:
            hvor = "højere end" if x > y else "lavere end"
        else:  # within the uncertainty: "på niveau med" only where the numbers read the same
            hvor = "på niveau med" if fortaelling.paa_niveau(x, y, e.enhed) else "ikke tydeligt forskellig fra"
        out.append(Pointe(f"sammenligning-{slug}",
                          f"{e.navn}: {k.navn} {_v(x, e.enhed)} i {q.tekst}"
                          + (f" ({usikkerhed.k_af_n(round(x * n / 100), n)})" if smaa else "")
                          + f", {hvor} {o.navn} ({_v(y, e.enhed)} i samme måned).",
                          (2 + styrke) if uden_for else 0.5, e.blok_id(k)))

    x0 = _vaerdi(df, k, q.shift(-12))
    if not fmt.er_mangler(x0) and bevaeg and not math.isnan(bevaeg) and abs(x - x0) > STOR_AENDRING * bevaeg:
        retning = "steget" if x > x0 else "faldet"
        forskel = fmt.pct_point(x - x0) if e.enhed == "pct" else \
            ("+" if x > x0 else "") + _v(x - x0, e.enhed)  # '+728 fuldtidspersoner', as a rise in pct. is signed
        out.append(Pointe(f"udvikling-{slug}",
                          f"{e.navn} i {k.navn} er {retning} fra {_v(x0, e.enhed)} i {q.shift(-12).tekst} til "
                          f"{_v(x, e.enhed)} i {q.tekst} ({forskel}): mere end {fmt.tal(STOR_AENDRING)} gange den "
                          f"sædvanlige bevægelse fra måned til måned ({_bevaegelse_tekst(bevaeg, e.enhed)}).",
                          1 + abs(x - x0) / (STOR_AENDRING * bevaeg), e.blok_id(k)))

    tidligere = egen[egen["periode"] < q.kode]["vaerdi"].dropna()
    if len(tidligere) >= 6:
        if x > tidligere.max() or x < tidligere.min():
            hoej = x > tidligere.max()
            out.append(Pointe(f"rekord-{slug}",
                              f"{e.navn} i {k.navn} er med {_v(x, e.enhed)} i {q.tekst} den "
                              f"{'højeste' if hoej else 'laveste'} i de viste måneder (fra {fra.tekst}).",
                              1.5, e.blok_id(k)))
    return out


def beregn(kommune, q: Periode, sammenligning: list | None = None, emner=EMNER) -> list[Pointe]:
    """Every candidate point, ranked (highest weight first)."""
    k = geo.omraade(kommune)
    if sammenligning is None:
        sammenligning = [geo.hele_landet(), *([geo.region_for(k)] if k.niveau == geo.KOMMUNE else [])]
    omr = [geo.omraade(o) for o in sammenligning]
    alle = [pt for e in emner for pt in for_emne(e, k, omr, q)]
    return sorted(alle, key=lambda pt: -pt.vaegt)


def vaelg(kandidater: list[Pointe], rettelser: dict[str, str | None] | None = None,
          fastgjorte: set[str] = frozenset(), maks: int = MAKS) -> list[Pointe]:
    """The points to show: pinned ones first, then by weight, up to `maks`; `rettelser` maps an id to the
    analyst's own text (None: dropped). An id the analyst adds that no computation made is kept as written."""
    rettelser = rettelser or {}
    kendte = {pt.id: pt for pt in kandidater}
    ud: list[Pointe] = []
    for pid, tekst in rettelser.items():
        if pid not in kendte and tekst:
            kendte[pid] = Pointe(pid, tekst, 0.0, "", egen=True)
    for pt in kendte.values():
        if pid_fjernet(pt.id, rettelser):
            continue
        if pt.id in rettelser and not pt.egen:
            pt = replace(pt, tekst=rettelser[pt.id], egen=True)
        if pt.id in fastgjorte or pt.id in rettelser:
            pt = replace(pt, fastgjort=True)
        ud.append(pt)
    ud.sort(key=lambda pt: (not pt.fastgjort, -pt.vaegt))
    faste = [pt for pt in ud if pt.fastgjort]
    return faste + [pt for pt in ud if not pt.fastgjort][:max(0, maks - len(faste))]


def pid_fjernet(pid: str, rettelser: dict) -> bool:
    return pid in rettelser and rettelser[pid] is None


def markdown(punkter: list[Pointe]) -> str:
    """Plain Markdown bullets, ready to paste into the dagsorden system."""
    return "".join(f"- {pt.tekst}\n" for pt in punkter)


def tekst(punkter: list[Pointe]) -> str:
    """Plain text, one point a paragraph."""
    return "".join(f"• {pt.tekst}\n" for pt in punkter)


def html(punkter: list[Pointe], ids: set[str] | None = None) -> str:
    """The report's lead: each point linking to its block (when the report has it)."""
    from html import escape

    def punkt(pt: Pointe) -> str:
        link = (f' <a href="#{escape(pt.blok_id)}">Se figuren</a>' if pt.blok_id and (ids is None or pt.blok_id in ids)
                else "")
        return f'<li id="pointe-{escape(pt.id)}">{escape(pt.tekst)}{link}</li>'

    return ('<section class="nt-pointer" aria-labelledby="pointer-titel"><h2 id="pointer-titel">Væsentlige pointer</h2>'
            f"<ul>{''.join(punkt(pt) for pt in punkter)}</ul></section>")

