"""Aktivering: monthly by målgruppe (PTVC01) and quarterly by redskab × målgruppe, cut from the same
fuldtidspersoner as PTVA02 so an aktiveringsgrad is always fuldtidsaktiverede / the målgruppe's count.

Activation stops during the 2020 lockdowns (as it did: offers were suspended)."""

from __future__ import annotations

import numpy as np

from .model import Calibration, World, apportion, share, targets, to_int
from .write import JobindsatsTable
from .ydelser import I_ALT, Ydelser, add_counts

MAALGRUPPER = {  # målgruppe → (PTVA02 ydelse, fuldtidsaktiverede per fuldtidsperson, share virksomhedsrettet)
    "A-dagpenge": ("A-dagpenge mv.", 0.11, 0.45),
    "Kontanthjælp": ("Kontanthjælp", 0.24, 0.50),
    "Uddannelseshjælp": ("Uddannelseshjælp", 0.32, 0.38),
    "Integrationsydelse": ("Selvforsørgelses- og hjemrejseydelse mv.", 0.45, 0.60),
    "Sygedagpenge": ("Sygedagpenge", 0.04, 0.45),
    "Ledighedsydelse": ("Ledighedsydelse", 0.07, 0.70),
    "Ressourceforløb": ("Ressourceforløb", 0.35, 0.40),
    "Jobafklaringsforløb": ("Jobafklaringsforløb", 0.15, 0.35),
    "Revalidering": ("Revalidering", 0.55, 0.30),
}
MG = list(MAALGRUPPER)
LOCKDOWN = [("2020M02", 1.0), ("2020M03", 0.6), ("2020M04", 0.3), ("2020M05", 0.4), ("2020M06", 0.75),
            ("2020M08", 1.0), ("2020M11", 1.0), ("2020M12", 0.75), ("2021M01", 0.55), ("2021M02", 0.6),
            ("2021M04", 0.95), ("2021M05", 1.0)]
SEASON = [0, 2, 3, 1, 0, -3, -25, -8, 3, 3, 2, -10]

REDSKABER = {  # redskab → (påbegyndte forløb per målgruppe fuldtidsperson per kvartal, months per forløb)
    "Vejledning og opkvalificering": ([0.15, 0.15, 0.20, 0.20, 0.02, 0.05, 0.15, 0.10, 0.30], 2.0),
    "Virksomhedspraktik": ([0.12, 0.28, 0.30, 0.50, 0.05, 0.15, 0.25, 0.12, 0.20], 1.2),
    "Løntilskud": ([0.09, 0.04, 0.02, 0.06, 0.00, 0.10, 0.02, 0.01, 0.10], 4.0),
    "Nytteindsats": ([0.00, 0.05, 0.06, 0.04, 0.00, 0.00, 0.00, 0.00, 0.00], 2.0),
}
VIRKSOMHEDSRETTET = ("Virksomhedspraktik", "Løntilskud")
CALIBRATED = {"Virksomhedspraktik": "virksomhedspraktik_paabegyndte", "Løntilskud": "loentilskud_paabegyndte"}


def _lockdown(w: World) -> np.ndarray:
    before = w.curve([("2013M01", 1.0), *LOCKDOWN])
    return np.where(np.arange(w.T) < w.t("2020M02"), 1.0, before)


class Aktivering:
    """Monthly counts per målgruppe, (9, 98, T) ints, and their I alt (98, T)."""

    def __init__(self, w: World, yd: Ydelser):
        self.w = w
        self.fuldtid = np.stack([yd.fuldtid[src] for src, _, _ in MAALGRUPPER.values()])
        rate = np.array([r for _, r, _ in MAALGRUPPER.values()])[:, None, None]
        level = np.stack([w.level(f"aktivering {m}", 0.2) for m in MG])
        expected = self.fuldtid * rate * level * _lockdown(w) * w.season(SEASON)
        expected *= np.stack([w.wobble(f"aktivering {m}", 0.05) for m in MG])
        total = self._calibrated(expected.sum(axis=0), "fuldtidsaktiverede")
        self.fa = np.minimum(apportion(total, expected), self.fuldtid)
        fa_total = self.fa.sum(axis=0)
        persons = self._calibrated(fa_total * 1.8 * w.wobble("aktiverede", 0.03), "aktiverede")
        self.persons = self.fa + apportion(np.maximum(persons - fa_total, 0), self.fa + 0.01)
        forloeb = self._calibrated(self.persons.sum(axis=0) * 2.0 * w.wobble("forloeb", 0.03), "aktiveringsforloeb")
        self.forloeb = self.persons + apportion(np.maximum(forloeb - self.persons.sum(axis=0), 0), self.persons + 0.01)
        vshare = np.array([v for _, _, v in MAALGRUPPER.values()])[:, None, None]
        self.virk = np.minimum(to_int(self.fa * vshare * np.stack([w.wobble(f"virk {m}", 0.06) for m in MG])), self.fa)

    def _calibrated(self, x: np.ndarray, indicator: str) -> np.ndarray:
        cal = Calibration(self.w)
        add_counts(self.w, cal, targets(indicator))
        return cal.run(x)


def ptvc01(w: World, a: Aktivering) -> JobindsatsTable:
    def stacked(x: np.ndarray) -> np.ndarray:
        return np.stack([w.areas_of(p) for p in [*x, x.sum(axis=0)]])

    fa, virk, fuld = stacked(a.fa), stacked(a.virk), stacked(a.fuldtid)
    return JobindsatsTable("PTVC01", ["Målgruppe"], [(m,) for m in [*MG, I_ALT]], {
        "Aktiveringsforløb": stacked(a.forloeb),
        "Aktiverede personer": stacked(a.persons),
        "Fuldtidsaktiverede": fa,
        "Fuldtidsaktiverede i virksomhedsrettet tilbud": virk,
        "Fuldtidspersoner i målgruppen": fuld,
        "Aktiveringsgrad, pct.": share(fa, fuld),
        "Virksomhedsrettet aktiveringsgrad, pct.": share(virk, fuld),
    })


def redskaber(w: World, a: Aktivering) -> JobindsatsTable:
    """Quarterly: forløb started per redskab (calibrated to Tabel 3) and the quarter's fuldtidsaktiverede
    split over redskaber (virksomhedsrettet ones from the monthly virksomhedsrettet count)."""
    fuld_q = w.quarter_mean(a.fuldtid)  # (9, 98, Q)
    lock_q = w.quarter_mean(_lockdown(w)[None])[0]
    nytte_from = np.array([q.aar >= 2014 for q in w.quarters])
    starts = {}
    for r, (rates, _) in REDSKABER.items():
        noise = np.stack([w.wobble(f"start {r} {m}", 0.08, n=w.Q) for m in MG])
        x = fuld_q * np.array(rates)[:, None, None] * lock_q * noise
        if r == "Nytteindsats":
            x = x * nytte_from
        if r in CALIBRATED:
            cal = Calibration(w)
            add_counts(w, cal, targets(CALIBRATED[r]), t_of=w.q)
            starts[r] = apportion(cal.run(x.sum(axis=0)), x)
        else:
            starts[r] = to_int(x)
    fa_q = to_int(w.quarter_mean(a.fa))
    virk_q = np.minimum(to_int(w.quarter_mean(a.virk)), fa_q)
    weight = {r: starts[r] * REDSKABER[r][1] + 0.01 for r in REDSKABER}
    praktik, loen = apportion(virk_q, np.stack([weight[r] for r in VIRKSOMHEDSRETTET]))
    vejl, nytte = apportion(fa_q - virk_q, np.stack([weight["Vejledning og opkvalificering"], weight["Nytteindsats"]]))
    fa_by = {"Vejledning og opkvalificering": vejl, "Virksomhedspraktik": praktik, "Løntilskud": loen,
             "Nytteindsats": nytte}

    combos, st, fa = [], [], []
    for r in [*REDSKABER, I_ALT]:
        s_r = sum(starts.values()) if r == I_ALT else starts[r]
        f_r = fa_q if r == I_ALT else fa_by[r]
        for i, m in enumerate([*MG, I_ALT]):
            combos.append((r, m))
            st.append(s_r.sum(axis=0) if m == I_ALT else s_r[i])
            fa.append(f_r.sum(axis=0) if m == I_ALT else f_r[i])
    den = [fuld_q[i] for i in range(len(MG))] + [fuld_q.sum(axis=0)]
    den = np.stack([w.areas_of(d) for d in den] * (len(REDSKABER) + 1))
    fa_a = np.stack([w.areas_of(x) for x in fa])
    return JobindsatsTable("PROV_AKTREDSKAB", ["Redskab", "Målgruppe"], combos, {
        "Påbegyndte forløb": np.stack([w.areas_of(x) for x in st]),
        "Fuldtidsaktiverede": fa_a,
        "Aktiveringsgrad, pct.": share(fa_a, den),
    })


def tables(w: World, yd: Ydelser) -> list[JobindsatsTable]:
    a = Aktivering(w, yd)
    return [ptvc01(w, a), redskaber(w, a)]
