"""The demo's example måltal file, as a user would import it (egne table `maaltal`).

Every row's note says it is an example and not a decision: the numbers are chosen so `make demo` shows
måltal met and not met (the 25 pct. for kontanthjælp's beskæftigede og opvisiterede is the one the 2023
udvalgsmøde names); they are nobody's target.
"""

from __future__ import annotations

import pandas as pd

from ... import catalogue
from ...raw import RawEntry
from ..egne import FORMAT_EGNE_CSV, egne_csv

TABEL = "maaltal"
NOTE = "DEMO: eksempel på et måltal, ikke et vedtaget mål"
# (indikator, retning, måltal), valid 2023M01-2024M12 for Ballerup
EKSEMPLER = [
    ("kontanthjaelp_beskaeftigede_opvisiterede_andel", "højere er bedre", 25),
    ("ledighedsprocent", "lavere er bedre", 2.5),
    ("langtidsledige_andel", "lavere er bedre", 25),
    ("ministermaal_andel", "højere er bedre", 55),
    ("aktiveringsgrad_kontanthjaelp", "højere er bedre", 30),
]


def files() -> list[tuple[RawEntry, bytes]]:
    spec = catalogue.table(TABEL)
    frame = pd.DataFrame([("Ballerup", "2023M01", ind, retning, "2024M12", NOTE, v) for ind, retning, v in EKSEMPLER],
                         columns=["område", "periode", *spec.dimensions, *spec.measures])
    entry = RawEntry(path=f"egne/{TABEL}/demo_maaltal.csv", source="egne", table=TABEL, url=f"demo:egne/{TABEL}",
                     query={"fil": "demo_maaltal.csv"}, demo=True, format=FORMAT_EGNE_CSV)
    return [(entry, egne_csv(frame, spec))]


SAMARBEJDE = "virksomhedssamarbejde"
# Ballerup 2017-2019 as Tabel 2 of the 2020 follow-up on the beskæftigelsesplan prints them (the demo's only
# kommune with these figures: a brief for another kommune says the table has no rows for it)
TABEL_2 = [("Ballerup", "2017", 1520, 19.5, 28.1, 36.5),
           ("Ballerup", "2018", 1553, 19.7, 27.9, 37.3),
           ("Ballerup", "2019", 1573, 18.6, 27.3, 35.8)]


def samarbejde_files() -> list[tuple[RawEntry, bytes]]:
    spec = catalogue.table(SAMARBEJDE)
    frame = pd.DataFrame(TABEL_2, columns=["område", "periode", *spec.measures])
    entry = RawEntry(path=f"egne/{SAMARBEJDE}/demodata.csv", source="egne", table=SAMARBEJDE,
                     url=f"demo:egne/{SAMARBEJDE}", query={"fil": "demodata.csv"}, demo=True, format=FORMAT_EGNE_CSV)
    return [(entry, egne_csv(frame, spec))]
