"""The live Jobindsats v3 protocol, against a loopback server that answers as the live service is seen to
answer (tests/loopback_api.py): value ids by name, area hierarchies, nulls, "group: measure", 422s, a dead
service, and `data tjek` against a server whose tables differ from the catalogue."""

from __future__ import annotations

import functools
import math
import re
import socket
import time

import pytest
from loopback_api import LoopbackApi, Table, _hier, from_catalogue
from noegletal import catalogue, checks, cli, geo, pipeline
from noegletal.errors import ApiFejl
from noegletal.raw import RawStore
from noegletal.sources import formats, http, jobindsats
from noegletal.sources.jobindsats import AfvistForespoergsel, JobindsatsClient

KEY = "loopback-noegle-0123456789"


@pytest.fixture(autouse=True)
def _env(monkeypatch, tmp_path):
    monkeypatch.setenv("JOBINDSATS_API_KEY", KEY)
    monkeypatch.setenv("NOEGLETAL_DATA", str(tmp_path / "data"))


def client(api, **kw) -> JobindsatsClient:
    return JobindsatsClient(base_url=api.url, session=http.make_session(retries=0), **kw)


def fetched(api, table: str, tmp_path) -> tuple[RawStore, object]:
    store = RawStore(tmp_path / "raw")
    spec = catalogue.table(table)
    jobindsats.fetch(spec, store, client=client(api))
    df = pipeline.parse_table(spec, store, list(store.entries().values()))
    checks.run_all(spec, df)
    return store, df


def test_value_ids_are_looked_up_by_name_and_every_cut_is_asked(tmp_path):
    with LoopbackApi(key=KEY) as api:
        fetched(api, "y25i01", tmp_path)
    data = [r for r in api.requests if r.startswith("/v3/data/y25i01")]
    # the catalogue names "A-dagpenge" and "Kontanthjælp"; the server's ids for them are /2/ and /3/
    assert any("hierarchy._ygrpi09=/,/2/,/3/&hierarchy._kon=/,/2/,/3/&hierarchy._aldera=/&hierarchy._oprinda=/" in r
               for r in data)
    assert any("hierarchy._ygrpi09=/&hierarchy._kon=/&hierarchy._aldera=/,/2/" in r for r in data)
    assert {re.search(r"hierarchy\.(_nykom|_region)=\*", r).group(1) for r in data} == {"_nykom", "_region"}
    assert all("mgroup.*=*" in r and "format=json" in r and "period.M=" in r for r in data)


def test_kommuner_regions_and_hele_landet_arrive_and_uoplyst_is_no_kommune(tmp_path):
    with LoopbackApi(key=KEY) as api:
        _, df = fetched(api, "y09a02", tmp_path)
    levels = df.groupby("niveau")["omraade"].nunique().to_dict()
    assert levels == {"kommune": 98, "region": 5, "land": 1, "andet": 1}
    assert set(df.loc[df.niveau == "andet", "omraade"]) == {"Uoplyst område"}
    assert "Uoplyst område" not in {k.navn for k in geo.kommuner()}
    # Hele landet came in both the _nykom and the _region answers, and is kept once
    land = df[(df.niveau == "land") & (df.maal == "Antal personer")]
    assert not land.duplicated(["periode"]).any()
    # the country's total includes 'Uoplyst område' as the service sends it: nothing is dropped on the way
    v = df[(df.omraade == "Uoplyst område") & (df.maal == "Antal personer")]
    assert len(v) == 30


def test_null_is_suppressed_and_never_zero(tmp_path):
    with LoopbackApi(key=KEY) as api:
        _, df = fetched(api, "y25i01", tmp_path)
    sup = df[df.status == formats.DISKRETIONERET]
    assert len(sup) > 0 and sup["vaerdi"].isna().all()
    assert not (df.loc[df.status != formats.OK, "vaerdi"] == 0).any()


def test_measure_columns_named_group_colon_measure_are_read(tmp_path, monkeypatch):
    tables = from_catalogue()
    t = tables["y08a02"]
    t.mgroups = [("Antal", ["Antal personer", "Antal fuldtidspersoner"]),
                 ("Fuldtidspersoner i pct.", ["Fuldtidspersoner i pct. af arbejdsstyrken",
                                              "Fuldtidspersoner i pct. af befolkningen"])]
    with LoopbackApi(tables, key=KEY) as api:
        store = RawStore(tmp_path / "raw")
        jobindsats.fetch(catalogue.table("y08a02"), store, client=client(api))
        body = store.read(next(iter(store.entries().values())))
        assert b'"Antal: Antal personer"' in body
        df = pipeline.parse_table(catalogue.table("y08a02"), store, list(store.entries().values()))
    assert set(df["maal"]) == set(catalogue.table("y08a02").measures)


def test_a_422_quotes_the_cause_and_names_the_catalogue_line():
    tables = from_catalogue()
    tables["y09a02"].areas = ["_region"]
    with LoopbackApi(tables, key=KEY) as api:
        c = client(api)
        with pytest.raises(AfvistForespoergsel) as err:
            c.data("y09a02", {"period.M": "latest:2", "mgroup.*": "*", "hierarchy._nykom": "/"})
        assert err.value.cause == "Unknown hierarchies: ['_nykom']"
        with pytest.raises(AfvistForespoergsel) as err2:
            c.data("y09a02", {"period.M": "latest:60", "mgroup.*": "*"})
        assert "only 30 periods are available" in err2.value.cause
    where = jobindsats._where(catalogue.table("y09a02"), err.value.cause)
    assert where == f"lib/noegletal/catalogue.yml, linje {catalogue.line('y09a02', 'areas')}"


def test_a_table_with_regions_only_is_fetched_from_regions_and_the_catalogue_line_is_named(tmp_path):
    tables = from_catalogue()
    tables["y09a02"].areas = ["_region"]
    with LoopbackApi(tables, key=KEY) as api:
        with pytest.raises(ApiFejl) as err:
            jobindsats.fetch(catalogue.table("y09a02"), RawStore(tmp_path), client=client(api))
    msg = str(err.value)
    assert "_nykom" in msg and f"linje {catalogue.line('y09a02', 'areas')}" in msg and "noegletal data tjek" in msg


def test_a_value_name_the_table_lacks_skips_that_cut_and_fetches_the_rest(tmp_path):
    tables = from_catalogue()
    tables["y25i01"].dims[1] = _hier("_kon", "Køn", "Køn i alt", ["Mand", "Kvinde"])
    with LoopbackApi(tables, key=KEY) as api:
        store = RawStore(tmp_path)
        entries = jobindsats.fetch(catalogue.table("y25i01"), store, client=client(api))
        data = [r for r in api.requests if "/data/" in r]
        assert data and not [r for r in data if "hierarchy._kon=/," in r]  # nothing asked with a guessed name
        assert all("hierarchy._kon=/&" in r for r in data)  # the total is the root, whatever it is called
        df = pipeline.parse_table(catalogue.table("y25i01"), store, entries)
        w = api.world
    (mangel,) = entries[0].mangler
    assert mangel["opdeling"] == ["ydelsesgruppe", "koen"]
    (why,) = mangel["hvorfor"]
    assert "'Mænd'" in why["hvad"] and why["naermeste"][0] == "Mand"
    assert why["linje"] == catalogue.line("y25i01", "hierarchies", "_kon", "values", "Mænd")
    # the other cuts came, under the catalogue's total label
    assert set(df["koen"]) == {"I alt"} and len(set(df["alder"])) == 7
    row = df[(df.omraade == "Ballerup") & (df.periode == "2018M06") & (df.alder == "16-24 år")
             & (df.maal == "Antal ledige personer")].iloc[0]
    assert row.vaerdi == w.value("y25i01", "Ballerup", "2018M06", "Antal ledige personer", {"_aldera": "16-24 år"})
    line = jobindsats.mangler_linje(catalogue.table("y25i01"), entries[0].mangler)
    assert line.startswith("y25i01: ") and "\n" not in line and "'Mand'" in line


def test_tjek_names_every_difference_and_its_fix(capsys, monkeypatch):
    tables = from_catalogue()
    del tables["y01a02"]  # not in /tables
    tables["y01a02x"] = Table("y01a02x", "A-dagpenge", "M", ["2018M01"], ["_nykom"], [], [("Antal personer", ["Antal personer"])])
    tables["y25i01"].dims[1] = _hier("_kon", "Køn", "Køn i alt", ["Mand", "Kvinde"])
    tables["y09a02"].areas = ["_region"]
    tables["y08a02"].mgroups = [(m + " 16-66 år" if "pct" in m else m, [m]) for m in catalogue.table("y08a02").measures]
    tables["y60c07"].periodtype, tables["y60c07"].periods = "Q", ["2018Q01", "2018Q02"]
    with LoopbackApi(tables, key=KEY) as api:
        monkeypatch.setenv("JOBINDSATS_API_URL", api.url)
        code = cli.main(["data", "tjek"])
    out = capsys.readouterr().out
    assert code == 2
    line = lambda *p: f"linje {catalogue.line(*p)} "  # noqa: E731
    expected = [
        (line("y01a02") + "(y01a02): tabellen findes ikke i /tables", "mente du y01a02x"),
        (line("y25i01", "hierarchies", "_kon", "values", "Mænd") + "(y25i01): _kon har ikke værdien 'Mænd'", "mente du 'Mand'"),
        (line("y09a02", "areas") + "(y09a02): tabellen har ikke områdehierarkiet _nykom", "fjern _nykom fra areas"),
        (line("y08a02", "measures", "Fuldtidspersoner i pct. af befolkningen")
         + "(y08a02): tabellen har ikke målet 'Fuldtidspersoner i pct. af befolkningen'",
         "mente du 'Fuldtidspersoner i pct. af befolkningen 16-66 år'"),
        (line("y60c07", "frequency") + "(y60c07): tabellen har ikke periodetypen M", "sæt frequency: K"),
    ]
    for start, fix in expected:
        hit = [x for x in out.splitlines() if start in x]
        assert hit and fix in hit[0], (start, fix, out[-3000:])
    assert not [r for r in api.requests if "/data/" in r]  # tjek downloads no data
    # the table lists found/missing per choice, and the periods
    assert re.search(r"y25i01\s+ja\s+_nykom, _region\s+periodetype M\s+ok \(2016M01–2018M06\)", out)
    assert re.search(r"_kon = 'Mænd'\s+MANGLER", out)
    # a total is asked as '/', whatever it is called: a different root name is shown, not a problem
    assert re.search(r"_kon total 'I alt'\s+ok \(roden '/' hedder 'Køn i alt'\)", out)
    assert "totalen hedder" not in out


def test_tjek_passes_on_a_server_that_matches_the_catalogue(capsys, monkeypatch):
    with LoopbackApi(key=KEY) as api:
        monkeypatch.setenv("JOBINDSATS_API_URL", api.url)
        assert cli.main(["data", "tjek"]) == 0
    assert "passer med det levende API" in capsys.readouterr().out


def test_tabeller_lists_and_searches_the_live_tables(capsys, monkeypatch):
    with LoopbackApi(key=KEY) as api:
        monkeypatch.setenv("JOBINDSATS_API_URL", api.url)
        assert cli.main(["data", "tabeller", "ledighed"]) == 0
    out = capsys.readouterr().out
    assert "y25i01" in out and "2026-11-26" in out and "y08a02" not in out


# a dead service: give up fast, say which tables were not tried, lose nothing -----------------------

def _fast(monkeypatch, timeout=(1.0, 0.5)):
    """The fetch command's client, with no waiting between tries and a short read timeout."""
    make = functools.partial(http.make_session, backoff=0)
    monkeypatch.setattr(jobindsats, "JobindsatsClient",
                        functools.partial(JobindsatsClient, session=make(), timeout=timeout))


@pytest.mark.parametrize("mode", ["500", "refused", "hang"])
def test_a_dead_service_stops_the_fetch_after_the_first_table(mode, monkeypatch, capsys, tmp_path):
    _fast(monkeypatch)
    store = RawStore()
    from noegletal.raw import RawEntry

    store.write_many([(RawEntry(path="jobindsats/y08a02/gammel.json", source="jobindsats", table="y08a02", url="x"),
                       b"{}")])
    with LoopbackApi(key=KEY, mode=mode if mode != "refused" else "ok", hang_seconds=3) as api:
        url = api.url
        if mode == "refused":
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                url = f"http://127.0.0.1:{s.getsockname()[1]}/v3"  # nothing listens there
        monkeypatch.setenv("JOBINDSATS_API_URL", url)
        t0 = time.monotonic()
        code = cli.main(["data", "fetch", "--source", "jobindsats", "--uden-build"])
        took = time.monotonic() - t0
    err = capsys.readouterr().err
    assert code == 2 and took < 30
    first = [s.id for s in catalogue.tables().values() if s.source == "jobindsats"][0]
    others = [s.id for s in catalogue.tables().values() if s.source == "jobindsats"][1:]
    assert f"Ikke forsøgt, fordi Jobindsats.dk (STAR) ikke svarer (se fejlen ved {first})" in err
    assert all(o in err.split("Ikke forsøgt")[1] for o in others)
    assert list(RawStore().entries()) == ["jobindsats/y08a02/gammel.json"]  # nothing lost


def test_hang_message_names_the_table_and_the_wait(monkeypatch, capsys):
    _fast(monkeypatch, timeout=(1.0, 0.3))
    with LoopbackApi(key=KEY, mode="hang", hang_seconds=2) as api:
        monkeypatch.setenv("JOBINDSATS_API_URL", api.url)
        cli.main(["data", "fetch", "--source", "jobindsats", "--tabel", "y25i09", "--uden-build"])
    err = capsys.readouterr().err
    assert "y25i09: Fejl: Jobindsats svarede ikke inden for 0,3 sekunder efter 2 forsøg" in err


def test_every_number_arrives_to_the_digit(tmp_path):
    with LoopbackApi(key=KEY) as api:
        _, df = fetched(api, "y25i09", tmp_path)
        w = api.world
    row = df[(df.omraade == "Ballerup") & (df.periode == "2017M10") & (df.ydelsesgruppe == "A-dagpenge")
             & (df.maal == "Antal langtidsledige personer")].iloc[0]
    want = w.value("y25i09", "Ballerup", "2017M10", "Antal langtidsledige personer", {"_ygrpi09": "A-dagpenge"})
    assert (row.vaerdi if not math.isnan(row.vaerdi) else None) == want


# `data tjek --ret`: the sure corrections into the data folder, the others shown with the line to write ----------

def test_tjek_ret_writes_sure_corrections_and_lists_the_ambiguous_with_their_line(capsys, monkeypatch, tmp_path):
    tables = from_catalogue()
    spec = catalogue.table("y25i01")
    t = tables["y25i01"]
    t.dims[1] = _hier("_kon", "Køn", "Køn i alt", ["MÆND", "Kvinder"])  # case: sure
    # a hierarchy id the dimension has exactly one candidate for: sure
    t.dims[2] = _hier("_alder5i30", "Alder", "I alt", list(spec.hierarchy("_aldera").values))
    # two candidates alike: not sure
    t.dims[3] = _hier("_oprinda", "Oprindelse", "I alt", ["Personer med dansk oprindelse",
                                                          "Indvandrere og efterkommere fra vestlige lande",
                                                          "Indvandrere fra ikke-vestlige lande",
                                                          "Efterkommere fra ikke-vestlige lande"])
    tables["y08a02"].mgroups = [(m + " 16-66 år" if "pct" in m else m, [m + " 16-66 år" if "pct" in m else m])
                                for m in catalogue.table("y08a02").measures]  # a measure renamed: sure
    with LoopbackApi(tables, key=KEY) as api:
        monkeypatch.setenv("JOBINDSATS_API_URL", api.url)
        code = cli.main(["data", "tjek", "--ret", "--tabel", "y25i01", "y08a02"])
        out = capsys.readouterr().out
        fil = tmp_path / "data" / catalogue.RETTELSER_FIL
        tekst = fil.read_text(encoding="utf-8")
        assert KEY not in tekst and "127.0.0.1" not in tekst
        r = catalogue.rettelser()
        assert r["y25i01"].vaerdier["_kon"] == {"Mænd": "MÆND"}
        assert r["y25i01"].hierarkier == {"_aldera": "_alder5i30"}
        assert r["y08a02"].maal == {m: m + " 16-66 år" for m in catalogue.table("y08a02").measures if "pct" in m}
        assert "_oprinda" not in r["y25i01"].vaerdier  # not sure: not written
        assert code == 2  # something is still off
        # the ambiguous one: its candidates and the exact lines to write
        assert "Indvandrere og efterkommere fra ikke-vestlige lande' — kandidater:" in out
        assert ("tabeller:\n      y25i01:\n        vaerdier:\n          _oprinda:\n"
                "            Indvandrere og efterkommere fra ikke-vestlige lande: ") in out
        # with the corrections, the fetch asks the live names and the data keep the catalogue's
        store = RawStore(tmp_path / "raw")
        entries = jobindsats.fetch(catalogue.table("y08a02"), store, client=client(api))
        df = pipeline.parse_table(catalogue.table("y08a02"), store, entries)
        assert set(df["maal"]) == set(catalogue.table("y08a02").measures)
        entries = jobindsats.fetch(spec, store, client=client(api))
        assert any("hierarchy._alder5i30=/," in q for q in api.requests)
        df = pipeline.parse_table(spec, store, entries)
    assert set(df["koen"]) == {"I alt", "Mænd", "Kvinder"} and "16-24 år" in set(df["alder"])
    assert [m["opdeling"] for m in entries[0].mangler] == [["herkomst"]]


# the monthly routine -------------------------------------------------------------------------------------------

def test_fetch_nye_fetches_only_tables_updated_since_their_raw_files(monkeypatch, capsys):
    tables = from_catalogue()
    for t in tables.values():
        t.update_latest = "2001-01-01"
    tables["y09a02"].update_latest = "2999-01-01"  # updated after any fetch
    with LoopbackApi(tables, key=KEY) as api:
        monkeypatch.setenv("JOBINDSATS_API_URL", api.url)
        ids = ["y25i09", "y09a02", "y08a02"]
        assert cli.main(["data", "fetch", "--source", "jobindsats", "--tabel", *ids, "--uden-build"]) == 0
        foer = {e.path: e.sha256 for e in RawStore().entries().values()}
        api.requests.clear()
        assert cli.main(["data", "fetch", "--source", "jobindsats", "--tabel", *ids, "--uden-build", "--nye"]) == 0
        out = capsys.readouterr().out
        asked = {r.split("?")[0].rsplit("/", 1)[1] for r in api.requests if r.startswith("/v3/data/")}
        assert asked == {"y09a02"}  # only the changed table
        assert "springes over: y25i09, y08a02" in out
        # nothing changed: nothing fetched
        tables["y09a02"].update_latest = "2001-01-01"
        api.requests.clear()
        assert cli.main(["data", "fetch", "--source", "jobindsats", "--tabel", *ids, "--uden-build", "--nye"]) == 0
        assert not [r for r in api.requests if r.startswith("/v3/data/")]
        assert "intet hentet" in capsys.readouterr().out
    efter = {e.path: e.sha256 for e in RawStore().entries().values()}
    assert set(efter) == set(foer)
