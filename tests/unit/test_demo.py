"""The embedded demo data: deterministic, complete, internally consistent and plausible.

The session fixture `demo_data` (tests/conftest.py) generates the demo once and builds it with the real
pipeline, so every assertion here is about files that went through the real parsers and checks."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from noegletal import backtest, catalogue, data, geo
from noegletal.raw import RawStore
from noegletal.sources import PARSERS, demo
from noegletal.sources.formats import to_tidy

KOMMUNER = {k.kode for k in geo.kommuner()}
ALL_AREAS = {o.kode for o in geo.alle_omraader()}
SMALL_ISLANDS = ["Læsø", "Fanø", "Ærø", "Samsø"]


def _wide(df: pd.DataFrame, index: list[str], column: str = "maal") -> pd.DataFrame:
    return df.set_index([*index, column])["vaerdi"].unstack(column)


def test_two_runs_write_identical_bytes(demo_data, tmp_path):
    again = RawStore(tmp_path / "raw")
    demo.generate(store=again)
    first = {p: e.sha256 for p, e in RawStore(demo_data / "raw").entries().items()}
    second = {p: e.sha256 for p, e in again.entries().items()}
    assert first == second


def test_every_catalogue_table_is_generated_as_demo_in_its_sources_format(demo_data):
    entries = RawStore(demo_data / "raw").entries().values()
    assert {e.table for e in entries} == set(catalogue.tables())
    for e in entries:
        spec = catalogue.table(e.table)
        assert e.demo and e.source == spec.source and e.url.startswith(f"demo:{spec.source}/")
        assert e.path.startswith(f"{spec.source}/{e.table}/") and e.format in PARSERS


def test_demo_answers_are_in_the_live_v3_shape(demo_data):
    """The demo writes what the live service answers (reference/jobindsats-v3.md), so demo and live share
    one parser: lower-case ids, value names, null for a suppressed cell, kommune names without "Kommune",
    'Uoplyst område' in the kommune answers, and the live measure names."""
    store = RawStore(demo_data / "raw")
    by_path = store.entries()
    kom = json.loads(store.read(by_path["jobindsats/y25i01/nykom_snit1_2017M01-2017M12.json"]))
    assert kom["columns"] == ["Periode", "Område", "Ydelsesgrupper", "Køn", "Alder", "Oprindelse",
                              "Antal ledige personer", "Antal ledige fuldtidspersoner",
                              "Ledige fuldtidspersoner i pct. af arbejdsstyrken 16-66 år",
                              "Ledige fuldtidspersoner i pct. af befolkningen 16-66 år"]
    areas = {r[1] for r in kom["rows"]}
    assert {"Hele landet", "Ballerup", "København", "Uoplyst område"} <= areas
    assert not any(a.endswith("Kommune") or a.startswith("Region") for a in areas)
    assert {r[2] for r in kom["rows"]} == {"Ydelsesgrupper i alt", "A-dagpenge", "Kontanthjælp"}
    assert any(v is None for r in kom["rows"] for v in r[6:])  # suppressed cells are null
    assert not any(v == ".." for r in kom["rows"] for v in r)
    reg = json.loads(store.read(by_path["jobindsats/y25i01/region_snit1_2017M01-2017M12.json"]))
    assert {r[1] for r in reg["rows"]} == {"Hele landet", *(r.navn for r in geo.regioner())}
    cols = json.loads(store.read(by_path["jobindsats/y01a02/nykom_2017M01-2017M12.json"]))["columns"]
    assert "Fuldtidspersoner i pct. af befolkningen" in cols and not any("16-66" in c for c in cols)
    quarterly = next(e for p, e in by_path.items() if p.startswith("jobindsats/ptvc03/nykom_snit1_2018"))
    assert json.loads(store.read(quarterly))["rows"][0][0] == "2018Q01"
    assert all(t == t.lower() for t in {e.table for e in by_path.values() if e.source == "jobindsats"})
    bulk = store.read(by_path["statbank/AUS08/data.csv"]).decode("utf-8-sig").splitlines()
    assert bulk[0] == "OMRÅDE;SAESONFAK;TID;INDHOLD" and "151;9;2018M06;3,5" in bulk
    egne = store.read(by_path["egne/ministermaal/demodata.csv"]).decode("utf-8-sig").splitlines()
    assert egne[0].startswith("område;periode;Udstedelse af cpr-nummer;")


def test_files_flow_through_the_real_parsers(demo_data):
    store = RawStore(demo_data / "raw")
    entry = store.entries()["jobindsats/y25i09/nykom_snit1_2017M01-2017M12.json"]
    spec = catalogue.table("y25i09")
    wide = PARSERS[entry.format](store.read(entry), spec.id)
    tidy = to_tidy(wide, area_col=spec.area_col, period_col=spec.period_col, measures=list(spec.measures),
                   dimensions=spec.columns, table=spec.id)
    assert set(tidy.loc[tidy.niveau != "andet", "omraade_kode"]) == {"000", *KOMMUNER}
    assert set(tidy["periode"]) == {f"2017M{m:02d}" for m in range(1, 13)}
    assert set(tidy.loc[tidy.niveau == "andet", "omraade"]) == {"Uoplyst område"}


# Demo egne tables that are, on purpose, what a user would import rather than a simulated source: the example
# måltal file (a few targets for Ballerup) and Tabel 2 of the 2020 follow-up (Ballerup 2017-2019).
DELVISE = {"maaltal", "virksomhedssamarbejde"}


def test_every_area_in_every_period_of_every_table(demo_data):
    for table_id, spec in catalogue.tables().items():
        if table_id in DELVISE:
            assert len(data.tabel(table_id)), table_id
            continue
        df = data.tabel(table_id)
        df = df[df["niveau"] != "andet"]
        areas = df.groupby("periode")["omraade_kode"].agg(lambda s: frozenset(s))
        want_areas = KOMMUNER if table_id == "klynger" else ALL_AREAS  # a klynge is a kommune's
        assert all(a == want_areas for a in areas), table_id
        months = 12 * (2024 - 2013 + 1)
        want = {"M": months, "K": months // 3, "Å": months // 12}[spec.frequency]
        assert df["periode"].nunique() == want, table_id


def test_regioner_and_hele_landet_are_sums_of_their_kommuner(demo_data):
    region_of = {k.kode: k.region_kode for k in geo.kommuner()}
    for table_id, spec in catalogue.tables().items():
        if table_id == "klynger" or table_id in DELVISE:  # a klynge number, not a count; a file of a few rows
            continue
        df = data.tabel(table_id)
        counts = df[~df["maal"].isin(spec.shares) & ~df["maal"].str.contains("pct")
                    & ~df["maal"].str.startswith("Gennemsnit")]  # a mean (y60j01's hours) is not a sum
        keys = [c for c in counts.columns if c not in ("omraade_kode", "omraade", "niveau", "vaerdi", "status")]
        kom = counts[counts["niveau"] == geo.KOMMUNE].assign(region=lambda d: d["omraade_kode"].map(region_of))
        by_region = kom.groupby(["region", *keys], dropna=False)["vaerdi"].sum(min_count=1)
        regions = counts[counts["niveau"] == geo.REGION].set_index(["omraade_kode", *keys])["vaerdi"]
        assert np.allclose(by_region.sort_index(), regions.rename_axis(by_region.index.names).sort_index(), equal_nan=True), table_id
        land = counts[counts["niveau"] == geo.LAND].set_index(keys)["vaerdi"].sort_index()
        assert np.allclose(kom.groupby(keys, dropna=False)["vaerdi"].sum(min_count=1).sort_index(), land, equal_nan=True), table_id


def test_shares_are_computed_from_the_counts(demo_data):
    def same(share, num, den):
        expected = backtest.afrund(100 * num / den, 1)
        ok = np.asarray(den >= 5)
        small = np.asarray((den > 0) & (den < 5))
        return np.array_equal(np.asarray(share)[ok], np.asarray(expected)[ok]) and np.isnan(np.asarray(share)[small]).all()

    mm = _wide(data.tabel("ministermaal"), ["omraade_kode", "periode", "cpr_aar"])
    assert same(mm["Andel beskæft. flygtninge og fam. til flygtninge i måneden, pct. (ministermål)"],
                mm["Antal beskæftigede flygtninge og familiesammenførte til flygtninge"],
                mm["Antal flygtninge og familiesammenførte til flygtninge"])
    lt = _wide(data.tabel("y25i09"), ["omraade_kode", "periode", "ydelsesgruppe"])
    lt = lt[lt.index.get_level_values(0) != ""]
    assert same(lt["Andel langtidsledige personer ift. bruttoledige personer"], lt["Antal langtidsledige personer"],
                lt["Antal bruttoledige personer"])


def test_missing_is_missing_never_zero(demo_data):
    mm = data.tabel("ministermaal")
    assert mm.loc[mm["cpr_aar"] == "2020", "periode"].min() == "2020M01"
    suppressed = mm[mm["status"] == "diskretioneret"]
    assert len(suppressed) and suppressed["vaerdi"].isna().all()
    for tid in catalogue.tables():
        df = data.tabel(tid)
        assert not (df.loc[df["status"] != "ok", "vaerdi"].notna()).any(), tid
    y25 = data.tabel("y25i01")
    uoplyst = y25[y25["omraade"] == "Uoplyst område"]
    assert len(uoplyst) and (uoplyst["status"] == "diskretioneret").all() and uoplyst["vaerdi"].isna().all()


def test_sizes_follow_kommunegruppe_with_kobenhavn_largest_and_small_islands_tiny(demo_data):
    pop = data.serie("befolkning_i_alt", fra="2020M01", til="2020M01")
    kom = pop[pop["niveau"] == geo.KOMMUNE].set_index("omraade")["vaerdi"]
    assert kom.idxmax() == "København"
    assert (kom[SMALL_ISLANDS] < 6_000).all() and kom.drop(SMALL_ISLANDS).min() > 6_000
    assert 5.3e6 < pop.loc[pop["niveau"] == geo.LAND, "vaerdi"].iloc[0] < 6.2e6
    ledige = data.serie("ledige_fuldtid", omraader=SMALL_ISLANDS, fra="2019M01", til="2019M12")
    assert ledige["vaerdi"].max() < 150  # small kommuner have small counts ...
    mm = data.serie("ministermaal_andel", omraader=SMALL_ISLANDS, cpr_aar="2016")
    assert (mm["status"] == "diskretioneret").any()  # ... so small-number suppression happens


def test_dagpenge_jump_with_covid_in_spring_2020(demo_data):
    s = _wide(data.serie("dagpenge_personer"), ["omraade_kode"], "periode")
    jump = s["2020M04"] / s["2020M02"]
    assert jump["000"] > 1.4
    assert (jump[s["2020M02"] > 200] > 1.2).mean() > 0.9
    assert (s["2019M04"] / s["2019M02"])["000"] < 1.05


def test_seasons_and_trends(demo_data):
    dp = data.serie("dagpenge_fuldtid", omraader=["Hele landet"]).set_index("periode")["vaerdi"]
    for year in (2016, 2018, 2023):
        assert dp[f"{year}M01"] > dp[f"{year}M05"] and dp[f"{year}M08"] > dp[f"{year}M10"]
    fj = data.serie("fleksjob_personer", omraader=["Hele landet"]).set_index("periode")["vaerdi"]
    assert fj["2024M06"] > 1.2 * fj["2014M06"]
    ja = data.serie("forsoergede_fuldtid", omraader=["Hele landet"], ydelsesgruppe="Jobafklaringsforløb"
                    ).set_index("periode")["vaerdi"]
    assert ja["2014M06"] == 0 and ja["2014M08"] > 0  # jobafklaringsforløb began in July 2014


def test_note_target_integrationsbarometer_quarter_before(demo_data):
    """The notat says the quarter before 2017K3 was 40 pct.; only the note says so (see published_mapping.yml)."""
    s = data.serie("integrationsbarometer_andel", omraader=["Ballerup"], fra="2017K2", til="2017K3")
    assert list(backtest.afrund(s["vaerdi"].to_numpy(), 0)) == [40.0, 14.0]


@pytest.mark.parametrize("table_id", ["y25i01", "y25i09", "y60a02", "ministermaal", "fleksjob_timer"])
def test_totals_have_exactly_their_parts(demo_data, table_id):
    """The build checks totals with a tolerance; the demo's totals are exact."""
    spec = catalogue.table(table_id)
    df = data.tabel(table_id)
    for rule in spec.totals:
        dim = rule["dimension"]
        sub = df[df["maal"].isin(rule.get("measures") or df["maal"].unique()) & (df["niveau"] != "andet")]
        others = [c for c in sub.columns if c not in (dim, "vaerdi", "status", "niveau", "omraade", "frekvens")]
        parts = sub[sub[dim] != rule["total"]].groupby(others)["vaerdi"].sum(min_count=1)
        whole = sub[sub[dim] != rule["total"]].groupby(others)["vaerdi"].count() == \
            sub[sub[dim] != rule["total"]].groupby(others).size()
        total = sub[sub[dim] == rule["total"]].set_index(others)["vaerdi"]
        joined = total.to_frame("total").join(parts.rename("dele"), how="inner")
        joined = joined[whole.reindex(joined.index, fill_value=False)].dropna()
        assert len(joined) and (joined["total"] == joined["dele"]).all(), (table_id, dim)  # suppressed parts aside


def test_demo_refuses_to_write_over_real_data(tmp_data):
    from conftest import aus08_bulk, write_aus08
    from noegletal.errors import RaaDataFejl
    from noegletal.raw import RawStore
    from noegletal.sources import demo

    store = RawStore()
    write_aus08(store, aus08_bulk(), demo=False)
    with pytest.raises(RaaDataFejl, match="rigtige data"):
        demo.generate(store)
    assert list(store.entries()) == ["statbank/AUS08/data.csv"]
