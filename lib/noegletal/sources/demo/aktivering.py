"""Aktivering: aktiverede and forløb by ydelsesgruppe and by tilbud (ptvc02), påbegyndte forløb per quarter
(ptvc03), kontanthjælp by sats × tilbud (y60c02) and the kontanthjælp aktiveringsgrad by visitation (y60c07).

Everything is cut from one set of counts per ydelse group and tilbud, so the tables agree with each other:
the aktiverede on kontanthjælp in ptvc02 are y60c02's sats total, a tilbud's påbegyndte forløb follow its
stock of forløb, and the aktiveringsgrad rests on the same aktiverede and the ydelse's fuldtidspersoner.
Activation stops during the 2020 lockdowns (as it did: offers were suspended).

As the live tables do (reference/jobindsats-v3.md): a person in two tilbud in the same month counts in both,
so the tilbud do not add up to the total, and the ydelsesgrupper shown leave some out (revalidering), so they
do not add up either. Shares of fewer than 5 fuldtidspersoner are suppressed (JSON null); counts are not
(the live rule is unknown: probably counts under 3), so sums of small cells, such as the mindstesats in
virksomhedsrettede tilbud, stay whole in the demo.
"""

from __future__ import annotations

import numpy as np

from .model import Calibration, World, apportion, share, targets, to_int
from .write import JobindsatsTable
from .ydelser import DAGPENGE, INTYD, KONTANTHJ, LEDYD, UDDHJ, Ydelser, add_counts

YG_TOTAL, TILBUD_TOTAL, SATS_TOTAL, VIS_TOTAL = ("Ydelsesgrupper i alt", "Tilbud i alt", "Kontanthjælpssatser i alt",
                                                 "Visitationskategori i alt")
VEJL, PRAKTIK, LOEN, NYTTE = ("Vejledning og opkvalificering i alt", "Virksomhedspraktik i alt",
                              "Ansættelse med løntilskud i alt", "Nytteindsats i alt")
TILBUD = (VEJL, PRAKTIK, LOEN, NYTTE)
OEVRIGE = "øvrige tilbud"  # ordinær uddannelse and the rest: in the total only
# tilbud → (forløb per person with the tilbud in a month, months a forløb lasts)
FORLOEB = {VEJL: (2.5, 2.0), PRAKTIK: (1.15, 1.3), LOEN: (1.0, 3.0), NYTTE: (1.05, 2.0), OEVRIGE: (1.0, 3.0)}
OEVRIGE_PR_AKTIVERET = 0.08  # forløb in øvrige tilbud per aktiveret
PROGRAM_ANDEL = 0.6  # of those on mindstesats: share omfattet af integrationsprogram


class Gruppe:
    """One ydelse group as the tables split it: where its fuldtidspersoner come from, its ptvc02
    ydelsesgruppe and y60c02 sats (None: not shown on its own), aktiverede per fuldtidsperson, the share
    of its aktiverede in each tilbud, and its visitation mix (kontanthjælp only)."""

    def __init__(self, navn, ydelse, ydelsesgruppe, sats, rate, tilbud, visitation=None):
        self.navn, self.ydelse, self.ydelsesgruppe, self.sats = navn, ydelse, ydelsesgruppe, sats
        self.rate, self.tilbud, self.visitation = rate, dict(zip(TILBUD, tilbud)), visitation or {}


GRUPPER = [
    Gruppe("A-dagpenge", DAGPENGE, "A-dagpenge", None, 0.20, (0.55, 0.22, 0.20, 0.0)),
    Gruppe("Kontanthjælp", KONTANTHJ, "Kontanthjælp", "Forhøjet sats", 0.43, (0.55, 0.32, 0.10, 0.10),
           {"Jobparat": 0.30, "Aktivitetsparat": 0.68}),
    Gruppe("Uddannelseshjælp", UDDHJ, "Kontanthjælp", "Grundsats", 0.58, (0.60, 0.30, 0.04, 0.10),
           {"Uddannelsesparat": 0.45, "Åbenlys uddannelsesparat": 0.15, "Aktivitetsparat": 0.38}),
    Gruppe("Mindstesats, program", INTYD, "Kontanthjælp", "Mindstesats omfattet af program", 0.80,
           (0.75, 0.34, 0.08, 0.04), {"Jobparat": 0.50, "Aktivitetsparat": 0.48}),
    Gruppe("Mindstesats, øvrige", INTYD, "Kontanthjælp", "Mindstesats øvrige", 0.65, (0.65, 0.30, 0.08, 0.06),
           {"Jobparat": 0.45, "Aktivitetsparat": 0.53}),
    Gruppe("Sygedagpenge", "Sygedagpenge", "Sygedagpenge", None, 0.07, (0.65, 0.35, 0.03, 0.0)),
    Gruppe("Jobafklaringsforløb", "Jobafklaringsforløb", "Jobafklaringsforløb", None, 0.27, (0.60, 0.35, 0.04, 0.0)),
    Gruppe("Ressourceforløb", "Ressourceforløb", "Ressourceforløb", None, 0.63, (0.60, 0.40, 0.06, 0.0)),
    Gruppe("Ledighedsydelse", LEDYD, "Ledighedsydelse", None, 0.13, (0.40, 0.35, 0.30, 0.0)),
    Gruppe("Revalidering", "Revalidering", None, None, 0.80, (0.75, 0.20, 0.15, 0.0)),
]
YDELSESGRUPPER = ["A-dagpenge", "Kontanthjælp", "Sygedagpenge", "Jobafklaringsforløb", "Ressourceforløb",
                  "Ledighedsydelse"]
SATSER = ["Forhøjet sats", "Grundsats", "Mindstesats omfattet af program", "Mindstesats øvrige"]
VISITATION = ["Jobparat", "Aktivitetsparat", "Uddannelsesparat", "Åbenlys uddannelsesparat"]
UOPLYST, UOPLYST_ANDEL = "Uoplyst visitationskategori", 0.02  # in y60c07's total only
GRAD_FAKTOR = {"Jobparat": 0.6, "Aktivitetsparat": 1.1, "Uddannelsesparat": 1.2, "Åbenlys uddannelsesparat": 1.3}
AKTIVEREDE_PR_FULDTIDSAKTIVERET = 1.8

LOCKDOWN = [("2020M02", 1.0), ("2020M03", 0.6), ("2020M04", 0.3), ("2020M05", 0.4), ("2020M06", 0.75),
            ("2020M08", 1.0), ("2020M11", 1.0), ("2020M12", 0.75), ("2021M01", 0.55), ("2021M02", 0.6),
            ("2021M04", 0.95), ("2021M05", 1.0)]
SEASON = [0, 2, 3, 1, 0, -3, -25, -8, 3, 3, 2, -10]
# Virksomhedsrettede tilbud to those on mindstesats grew as the integration reform took hold.
INTEGRATION_VIRK = [("2013M01", 0.35), ("2016M06", 0.65), ("2018M01", 1.0)]
CALIBRATED = {PRAKTIK: "virksomhedspraktik_paabegyndte", LOEN: "loentilskud_paabegyndte"}


def _lockdown(w: World) -> np.ndarray:
    before = w.curve([("2013M01", 1.0), *LOCKDOWN])
    return np.where(np.arange(w.T) < w.t("2020M02"), 1.0, before)


def _calibrated(w: World, x: np.ndarray, indicator: str, t_of=None) -> np.ndarray:
    cal = Calibration(w)
    add_counts(w, cal, targets(indicator), t_of=t_of)
    return cal.run(x)


class Aktivering:
    """Monthly counts per group (len(GRUPPER), 98, T): fuldtidspersoner and personer on the ydelse,
    aktiverede, and per tilbud the aktiverede and forløb (dicts tilbud → array); forløb in øvrige tilbud;
    and quarterly påbegyndte forløb per tilbud (98, Q)."""

    def __init__(self, w: World, yd: Ydelser):
        self.w = w
        program = np.clip(PROGRAM_ANDEL + 0.05 * w.normal("mindstesats program"), 0.3, 0.9)[:, None]
        self.fuldtid = np.stack([self._del(yd.fuldtid[g.ydelse], g, program) for g in GRUPPER])
        self.personer = np.maximum(np.stack([self._del(yd.personer[g.ydelse], g, program) for g in GRUPPER]),
                                   self.fuldtid)
        lock = _lockdown(w) * w.season(SEASON)
        expected = np.stack([self.fuldtid[i] * g.rate * w.level(f"aktivering {g.navn}", 0.2)
                             * w.wobble(f"aktivering {g.navn}", 0.05) for i, g in enumerate(GRUPPER)]) * lock
        total = _calibrated(w, expected.sum(axis=0), "aktiverede")
        self.aktiverede = np.minimum(apportion(total, expected), self.personer)

        nytte_fra = np.array([p.aar >= 2014 for p in w.months])
        integration = w.curve(INTEGRATION_VIRK)
        self.akt_tilbud = {}
        for r in TILBUD:
            andel = np.stack([np.full(w.T, g.tilbud[r]) * (integration if g.ydelse == INTYD and r in (PRAKTIK, LOEN)
                                                           else 1.0) for g in GRUPPER])[:, None, :]
            if r == NYTTE:
                andel = andel * nytte_fra
            noise = np.stack([w.wobble(f"tilbud {r} {g.navn}", 0.06) for g in GRUPPER])
            self.akt_tilbud[r] = np.minimum(to_int(self.aktiverede * andel * noise), self.aktiverede)

        # forløb: everyone with a tilbud has at least one forløb in it, an aktiveret in none of the four has
        # one in øvrige tilbud; the rest follow forløb per person
        uden = np.maximum(self.aktiverede - sum(self.akt_tilbud.values()), 0)
        base = np.stack([self.akt_tilbud[r] for r in TILBUD] + [uden])  # (5, G, 98, T)
        extra = np.stack([self.akt_tilbud[r] * (FORLOEB[r][0] - 1) for r in TILBUD]
                         + [self.aktiverede * OEVRIGE_PR_AKTIVERET])  # (5, G, 98, T)
        natural = base.sum(axis=(0, 1)) + extra.sum(axis=(0, 1))
        forloeb = _calibrated(w, natural * w.wobble("forloeb", 0.02), "aktiveringsforloeb")
        excess = apportion(np.maximum(forloeb - base.sum(axis=(0, 1)), 0), extra.reshape(-1, w.K, w.T))
        excess = excess.reshape(extra.shape)
        forloeb = base + excess
        self.forloeb_tilbud = {r: forloeb[i] for i, r in enumerate(TILBUD)}
        self.forloeb_oevrige = forloeb[len(TILBUD)]
        self.forloeb = sum(self.forloeb_tilbud.values()) + self.forloeb_oevrige  # (G, 98, T)

        self.starts = self._starts()

    def visitation(self) -> dict[tuple[str, str], dict[str, np.ndarray]]:
        """Kontanthjælp by (sats, visitation), 'Uoplyst visitationskategori' included: fuldtidspersoner,
        personer, fuldtidsaktiverede and aktiverede, each (98, T). The parts add up to each sats (a table of
        kontanthjælp recipients by sats and visitation can use them to agree with y60c07)."""
        w, out = self.w, {}
        for i, g in enumerate(GRUPPER):
            if g.sats is None:
                continue
            kat = [*g.visitation, UOPLYST]
            weights = np.array([g.visitation[k] for k in g.visitation] + [UOPLYST_ANDEL])[:, None, None]
            noise = np.stack([w.wobble(f"visitation {g.navn} {k}", 0.04) for k in g.visitation]
                             + [np.ones((w.K, w.T))])
            fuld = apportion(self.fuldtid[i], weights * noise)
            pers = fuld + apportion(self.personer[i] - self.fuldtid[i], weights * noise)  # never below fuld
            grad = np.array([GRAD_FAKTOR.get(k, 1.0) for k in kat])[:, None, None]
            fa = np.minimum(apportion(to_int(self.aktiverede[i] / AKTIVEREDE_PR_FULDTIDSAKTIVERET), fuld * grad), fuld)
            akt = np.minimum(apportion(self.aktiverede[i], pers * grad), pers)
            for j, k in enumerate(kat):
                out[(g.sats, k)] = {"fuldtidspersoner": fuld[j], "personer": pers[j], "fuldtidsaktiverede": fa[j],
                                    "aktiverede": akt[j]}
        return out

    def _del(self, x: np.ndarray, g: Gruppe, program: np.ndarray) -> np.ndarray:
        """A ydelse's count, the mindstesats split into omfattet af program and øvrige."""
        if g.ydelse != INTYD:
            return x
        p = to_int(x * program)
        return p if g.sats == "Mindstesats omfattet af program" else x - p

    def _starts(self) -> dict[str, np.ndarray]:
        """Påbegyndte forløb per quarter from each tilbud's stock of forløb and how long a forløb lasts;
        virksomhedspraktik and løntilskud calibrated to the published Tabel 3."""
        w = self.w
        out = {}
        stocks = {**{r: self.forloeb_tilbud[r].sum(axis=0) for r in TILBUD}, OEVRIGE: self.forloeb_oevrige.sum(axis=0)}
        for r, stock in stocks.items():
            x = w.quarter_mean(stock) * 3 / FORLOEB[r][1] * w.wobble(f"start {r}", 0.05, n=w.Q)
            out[r] = _calibrated(w, x, CALIBRATED[r], t_of=w.q) if r in CALIBRATED else to_int(x)
        return out

    def sum_ydelsesgruppe(self, x: np.ndarray, gruppe: str | None) -> np.ndarray:
        """(G, 98, T) → (98, T): one ptvc02 ydelsesgruppe, or all groups (None)."""
        pick = [i for i, g in enumerate(GRUPPER) if gruppe is None or g.ydelsesgruppe == gruppe]
        return x[pick].sum(axis=0)

    def sum_sats(self, x: np.ndarray, sats: str | None) -> np.ndarray:
        """(G, 98, T) → (98, T): one kontanthjælp sats, or all of them (None)."""
        pick = [i for i, g in enumerate(GRUPPER) if g.sats is not None and (sats is None or g.sats == sats)]
        return x[pick].sum(axis=0)


def _cells(w: World, arrays: list[np.ndarray]) -> np.ndarray:
    return np.stack([w.areas_of(a) for a in arrays])


def ptvc02(w: World, a: Aktivering) -> JobindsatsTable:
    """Two cuts: by ydelsesgruppe (all tilbud) and by tilbud (all ydelsesgrupper)."""
    combos, akt, forl = [], [], []
    for yg in [YG_TOTAL, *YDELSESGRUPPER]:
        gruppe = None if yg == YG_TOTAL else yg
        combos.append((yg, TILBUD_TOTAL))
        akt.append(a.sum_ydelsesgruppe(a.aktiverede, gruppe))
        forl.append(a.sum_ydelsesgruppe(a.forloeb, gruppe))
    for r in TILBUD:
        combos.append((YG_TOTAL, r))
        akt.append(a.akt_tilbud[r].sum(axis=0))
        forl.append(a.forloeb_tilbud[r].sum(axis=0))
    return JobindsatsTable("ptvc02", ["Ydelsesgrupper", "Tilbud"], combos, {
        "Antal aktiveringsforløb": _cells(w, forl), "Antal aktiverede": _cells(w, akt)})


def ptvc03(w: World, a: Aktivering) -> JobindsatsTable:
    """Påbegyndte forløb per quarter: all tilbud, virksomhedspraktik, løntilskud."""
    arrays = [sum(a.starts.values()), a.starts[PRAKTIK], a.starts[LOEN]]
    return JobindsatsTable("ptvc03", ["Tilbud"], [(TILBUD_TOTAL,), (PRAKTIK,), (LOEN,)],
                           {"Antal påbegyndte forløb": _cells(w, arrays)})


def y60c02(w: World, a: Aktivering) -> JobindsatsTable:
    """Kontanthjælp (all satser) by sats × tilbud: every sats, with virksomhedspraktik and løntilskud."""
    combos, akt, forl = [], [], []
    for sats in [SATS_TOTAL, *SATSER]:
        s = None if sats == SATS_TOTAL else sats
        for r in (TILBUD_TOTAL, PRAKTIK, LOEN):
            combos.append((sats, r))
            akt.append(a.sum_sats(a.aktiverede if r == TILBUD_TOTAL else a.akt_tilbud[r], s))
            forl.append(a.sum_sats(a.forloeb if r == TILBUD_TOTAL else a.forloeb_tilbud[r], s))
    return JobindsatsTable("y60c02", ["Kontanthjælpssatser", "Tilbud"], combos, {
        "Antal aktiveringsforløb": _cells(w, forl), "Antal aktiverede": _cells(w, akt)})


def y60c07(w: World, a: Aktivering) -> JobindsatsTable:
    """Kontanthjælp: aktiveringsgrad (fuldtidsaktiverede in pct. of fuldtidspersoner) and andel
    aktiveringsberørte (aktiverede in pct. of personer) by visitation; shares of fewer than 5 suppressed."""
    v = a.visitation()
    keys = [VIS_TOTAL, *VISITATION]

    def stacked(maal: str) -> np.ndarray:
        tal = {k: sum(x[maal] for (_, kat), x in v.items() if k in (VIS_TOTAL, kat)) for k in keys}
        return np.stack([w.areas_of(tal[k]) for k in keys])

    return JobindsatsTable("y60c07", ["Visitationskategori"], [(k,) for k in keys], {
        "Aktiveringsgrad": share(stacked("fuldtidsaktiverede"), stacked("fuldtidspersoner")),
        "Andel aktiveringsberørte": share(stacked("aktiverede"), stacked("personer")),
    })


def tables(w: World, yd: Ydelser) -> list[JobindsatsTable]:
    a = Aktivering(w, yd)
    return [ptvc02(w, a), ptvc03(w, a), y60c02(w, a), y60c07(w, a)]
