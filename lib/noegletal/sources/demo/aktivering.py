"""Aktivering: aktiverede and forløb by ydelsesgruppe and by tilbud (ptvc02), påbegyndte forløb per quarter
(ptvc03), kontanthjælp by sats × tilbud (y60c02) and the kontanthjælp aktiveringsgrad by visitation (y60c07).

Everything is cut from one set of counts per ydelse group and tilbud, so the tables agree with each other
and with the ydelse tables: the kontanthjælp groups are y60a02's satser (ydelser.kontanthjaelp_celler), the
aktiverede on kontanthjælp in ptvc02 are y60c02's sats total, a tilbud's påbegyndte forløb follow its stock
of forløb, and the aktiveringsgrad by visitation is fuldtidsaktiverede in pct. of y60a02's fuldtidspersoner
in the same sats × visitation cells. Activation stops during the 2020 lockdowns (as it did: offers were
suspended).

As the live tables do (reference/jobindsats-v3.md): a person in two tilbud in the same month counts in both,
so the tilbud do not add up to the total, and the ydelsesgrupper shown leave some out (revalidering), so they
do not add up either. Shares of fewer than 5 fuldtidspersoner are suppressed (JSON null); counts are not
(the live rule is unknown: probably counts under 3), so sums of small cells, such as the mindstesats in
virksomhedsrettede tilbud, stay whole in the demo.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ... import catalogue
from .model import Calibration, World, apportion, share, targets, to_int
from .write import JobindsatsTable
from .ydelser import DAGPENGE, LEDYD, Ydelser, add_counts, kontanthjaelp_celler

YG_TOTAL, TILBUD_TOTAL = "Ydelsesgrupper i alt", "Tilbud i alt"
VEJL, PRAKTIK, LOEN, NYTTE = ("Vejledning og opkvalificering i alt", "Virksomhedspraktik i alt",
                              "Ansættelse med løntilskud i alt", "Nytteindsats i alt")
TILBUD = (VEJL, PRAKTIK, LOEN, NYTTE)
OEVRIGE = "øvrige tilbud"  # ordinær uddannelse and the rest: in the total only
# tilbud → (forløb per person with the tilbud in a month, months a forløb lasts)
FORLOEB = {VEJL: (2.5, 2.0), PRAKTIK: (1.15, 1.3), LOEN: (1.0, 3.0), NYTTE: (1.05, 2.0), OEVRIGE: (1.0, 3.0)}
OEVRIGE_PR_AKTIVERET = 0.08  # forløb in øvrige tilbud per aktiveret


@dataclass(frozen=True)
class Gruppe:
    """One ydelse group as the tables split it: its ptvc02 ydelsesgruppe (None: only in the total),
    aktiverede per fuldtidsperson, the share of its aktiverede in each of TILBUD, and where its counts come
    from: a ydelse of Ydelser, or a kontanthjælp sats (y60a02's cells summed over visitation)."""

    navn: str
    ydelsesgruppe: str | None
    rate: float
    andele: tuple[float, float, float, float]
    ydelse: str | None = None
    sats: str | None = None

    @property
    def tilbud(self) -> dict[str, float]:
        return dict(zip(TILBUD, self.andele))


KH = "Kontanthjælp"
GRUPPER = [
    Gruppe("A-dagpenge", "A-dagpenge", 0.20, (0.55, 0.22, 0.20, 0.0), ydelse=DAGPENGE),
    Gruppe("Forhøjet sats", KH, 0.43, (0.55, 0.32, 0.10, 0.10), sats="Forhøjet sats"),
    Gruppe("Grundsats", KH, 0.55, (0.60, 0.30, 0.04, 0.10), sats="Grundsats"),
    Gruppe("Mindstesats, program", KH, 0.80, (0.75, 0.34, 0.08, 0.04), sats="Mindstesats omfattet af program"),
    Gruppe("Mindstesats, øvrige", KH, 0.65, (0.65, 0.30, 0.08, 0.06), sats="Mindstesats øvrige"),
    Gruppe("Sygedagpenge", "Sygedagpenge", 0.07, (0.65, 0.35, 0.03, 0.0), ydelse="Sygedagpenge"),
    Gruppe("Jobafklaringsforløb", "Jobafklaringsforløb", 0.27, (0.60, 0.35, 0.04, 0.0), ydelse="Jobafklaringsforløb"),
    Gruppe("Ressourceforløb", "Ressourceforløb", 0.63, (0.60, 0.40, 0.06, 0.0), ydelse="Ressourceforløb"),
    Gruppe("Ledighedsydelse", "Ledighedsydelse", 0.13, (0.40, 0.35, 0.30, 0.0), ydelse=LEDYD),
    Gruppe("Revalidering", None, 0.80, (0.75, 0.20, 0.15, 0.0), ydelse="Revalidering"),
]
# Fuldtidsaktiverede per fuldtidsperson by visitation, relative to the sats (jobparate are activated least).
GRAD_FAKTOR = {"Jobparat": 0.6, "Aktivitetsparat": 1.1, "Uddannelsesparat": 1.2, "Åbenlys uddannelsesparat": 1.3}
AKTIVEREDE_PR_FULDTIDSAKTIVERET = 1.8

LOCKDOWN = [("2020M02", 1.0), ("2020M03", 0.6), ("2020M04", 0.3), ("2020M05", 0.4), ("2020M06", 0.75),
            ("2020M08", 1.0), ("2020M11", 1.0), ("2020M12", 0.75), ("2021M01", 0.55), ("2021M02", 0.6),
            ("2021M04", 0.95), ("2021M05", 1.0)]
SEASON = [0, 2, 3, 1, 0, -3, -25, -8, 3, 3, 2, -10]
# Virksomhedsrettede tilbud to those on mindstesats grew as the integration reform took hold.
INTEGRATION_VIRK = [("2013M01", 0.35), ("2016M06", 0.65), ("2018M01", 1.0)]
CALIBRATED = {PRAKTIK: "virksomhedspraktik_paabegyndte", LOEN: "loentilskud_paabegyndte"}


def _hierarchy(table: str, hid: str) -> catalogue.Hierarchy:
    return catalogue.table(table).hierarchy(hid)


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
        self.satser = list(_hierarchy("y60a02", "_kth_sats").values)
        self.visitationer = list(_hierarchy("y60a02", "_viskat_1int").values)
        self.kh_personer, self.kh_fuldtid = kontanthjaelp_celler(w, yd)  # (sats, visitation, 98, T)
        self.fuldtid = np.stack([self._taelling(yd.fuldtid, self.kh_fuldtid, g) for g in GRUPPER])
        self.personer = np.maximum(np.stack([self._taelling(yd.personer, self.kh_personer, g) for g in GRUPPER]),
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
            andel = np.stack([np.full(w.T, g.tilbud[r]) * (integration if _mindstesats(g) and r in (PRAKTIK, LOEN)
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
        """Kontanthjælp by (sats, visitation), y60a02's cells ('Uoplyst visitationskategori' included):
        fuldtidspersoner and personer as in y60a02, and the fuldtidsaktiverede and aktiverede among them,
        each (98, T). A sats' aktiverede are spread over its visitation cells."""
        out = {}
        faktor = np.array([GRAD_FAKTOR.get(v, 1.0) for v in self.visitationer])[:, None, None]
        for i, g in enumerate(GRUPPER):
            if g.sats is None:
                continue
            s = self.satser.index(g.sats)
            fuld, pers = self.kh_fuldtid[s], np.maximum(self.kh_personer[s], self.kh_fuldtid[s])
            fa = np.minimum(apportion(to_int(self.aktiverede[i] / AKTIVEREDE_PR_FULDTIDSAKTIVERET), fuld * faktor), fuld)
            akt = np.minimum(apportion(self.aktiverede[i], pers * faktor), pers)
            for j, v in enumerate(self.visitationer):
                out[(g.sats, v)] = {"fuldtidspersoner": fuld[j], "personer": pers[j], "fuldtidsaktiverede": fa[j],
                                    "aktiverede": akt[j]}
        return out

    def _taelling(self, counts: dict[str, np.ndarray], kh: np.ndarray, g: Gruppe) -> np.ndarray:
        """A group's count (98, T): its ydelse's, or its kontanthjælp sats summed over visitation."""
        return counts[g.ydelse] if g.sats is None else kh[self.satser.index(g.sats)].sum(axis=0)

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
        if not pick:
            raise ValueError(f"Demodata: ydelsesgruppen {gruppe!r} i catalogue.yml (ptvc02) har ingen demogruppe.")
        return x[pick].sum(axis=0)

    def sum_sats(self, x: np.ndarray, sats: str | None) -> np.ndarray:
        """(G, 98, T) → (98, T): one kontanthjælp sats, or all of them (None)."""
        pick = [i for i, g in enumerate(GRUPPER) if g.sats is not None and (sats is None or g.sats == sats)]
        if not pick:
            raise ValueError(f"Demodata: satsen {sats!r} i catalogue.yml (y60c02) har ingen demogruppe.")
        return x[pick].sum(axis=0)


def _mindstesats(g: Gruppe) -> bool:
    return g.sats is not None and g.sats.startswith("Mindstesats")


def _cells(w: World, arrays: list[np.ndarray]) -> np.ndarray:
    return np.stack([w.areas_of(a) for a in arrays])


def ptvc02(w: World, a: Aktivering) -> JobindsatsTable:
    """Two cuts: by ydelsesgruppe (all tilbud) and by tilbud (all ydelsesgrupper)."""
    combos, akt, forl = [], [], []
    yg_h = _hierarchy("ptvc02", "_ygrpc02")
    for yg in yg_h.names:
        gruppe = None if yg == yg_h.total else yg
        combos.append((yg, TILBUD_TOTAL))
        akt.append(a.sum_ydelsesgruppe(a.aktiverede, gruppe))
        forl.append(a.sum_ydelsesgruppe(a.forloeb, gruppe))
    for r in _hierarchy("ptvc02", "_tilb_2ptv").values:
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
    sats_h = _hierarchy("y60c02", "_kth_sats")
    for sats in sats_h.names:
        s = None if sats == sats_h.total else sats
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
    h = _hierarchy("y60c07", "_viskat_1int")
    keys = list(h.names)

    def stacked(maal: str) -> np.ndarray:
        tal = {k: sum(x[maal] for (_, kat), x in v.items() if k in (h.total, kat)) for k in keys}
        return np.stack([w.areas_of(tal[k]) for k in keys])

    return JobindsatsTable("y60c07", ["Visitationskategori"], [(k,) for k in keys], {
        "Aktiveringsgrad": share(stacked("fuldtidsaktiverede"), stacked("fuldtidspersoner")),
        "Andel aktiveringsberørte": share(stacked("aktiverede"), stacked("personer")),
    })


# The c01 family: fuldtidsaktiverede and the aktiveringsgrad (in pct. of the labour force), per ydelse and for all
# ydelser (ptvc01). Table → the demo groups it covers (None: all of them, Revalidering included).
C01 = {"ptvc01": None, "y01c01": ("A-dagpenge",), "y60c01": tuple(g.navn for g in GRUPPER if g.sats),
       "y07c01": ("Sygedagpenge",), "y09c01": ("Ledighedsydelse",), "y11c01": ("Ressourceforløb",),
       "y12c01": ("Jobafklaringsforløb",)}


def fuldtidsaktiverede(w: World, a: Aktivering) -> np.ndarray:
    """Fuldtidsaktiverede per group (G, 98, T): the aktiverede over AKTIVEREDE_PR_FULDTIDSAKTIVERET, the total
    calibrated to the faktasider (Ballerup maj 2018: 460) and spread over the groups by their aktiverede."""
    total = _calibrated(w, a.aktiverede.sum(axis=0) / AKTIVEREDE_PR_FULDTIDSAKTIVERET, "fuldtidsaktiverede")
    return np.minimum(apportion(total, a.aktiverede), a.aktiverede)


def c01_tables(w: World, a: Aktivering, yd: Ydelser) -> list[JobindsatsTable]:
    """ptvc01 and the per-ydelse c01 tables, as the live y01c01 answers at its totals: no dimension columns,
    the three measures [seen]."""
    from .befolkning import arbejdsstyrke

    fa = fuldtidsaktiverede(w, a)
    labour = w.areas_of(arbejdsstyrke(w, yd.pop))[None]
    out = []
    for tid, navne in C01.items():
        pick = [i for i, g in enumerate(GRUPPER) if navne is None or g.navn in navne]
        f = w.areas_of(fa[pick].sum(axis=0))[None]
        out.append(JobindsatsTable(tid, [], [()], {
            "Antal aktiverede": w.areas_of(a.aktiverede[pick].sum(axis=0))[None],
            "Antal fuldtidsaktiverede": f,
            "Fuldtidsaktiverede i pct. af arbejdsstyrken": share(f, labour),
        }))
    return out


def tables(w: World, yd: Ydelser) -> list[JobindsatsTable]:
    a = Aktivering(w, yd)
    return [ptvc02(w, a), ptvc03(w, a), y60c02(w, a), y60c07(w, a), *c01_tables(w, a, yd)]
