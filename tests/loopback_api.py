"""A loopback Jobindsats v3 (and Statistikbanken v1) that answers the way the live services are seen to answer.

Every behaviour here comes from reference/jobindsats-v3.md (copied into lib/noegletal/reference/), each with
its evidence label there:
- `Authorization: Bearer <key>`; a header without `Bearer` gets 401 [code].
- `/v3/tables`: subjects → table_groups → tables with table_id, table_name, update_latest, mgroups [seen].
- `/v3/table/{id}`: periods by periodtype_id, dimensions → hierarchies → levels → values with value_id and
  value_name; no name fields on dimensions or hierarchies [seen/code]; the root value id is "/" and children
  are "/2/", "/3/" … [code]. The measure key there is UNKNOWN, so this server lists none.
- `/v3/data/{id}`: `{"columns", "rows"}`, value names in rows, numbers as JSON numbers, `null` for a
  suppressed cell (counts under 3 here [inferred]); `hierarchy.<id>=/` the total, `*` every value and the
  total, a comma list of value ids; a dimension left out of the query is its total and no column [seen];
  a measure of a group with several measures is named "<group>: <measure>" [seen].
- 422 `{"code":422,"cause":…,"request_id":…}` with the causes seen live: "Unknown hierarchies: ['_nykom']",
  "Unknown period type: M", "Requested latest:60 for type M, but only 28 periods are available." [seen].
- Kommune names without "Kommune" and a member "Uoplyst område" in `_nykom`, whose root is "Hele landet";
  `_region` holds "Region Hovedstaden" … [code].
An unknown table's answer is UNKNOWN live; this server answers 404 with the same JSON shape as a 422.

Statistikbanken: POST /v1/tableinfo and /v1/data (BULK: `;`, decimal comma, OMRÅDE codes) for AUS08 and
FOLK1AM, for every kommune, region and Hele landet.

The numbers are deterministic and consistent: parts sum to their totals exactly, so the product's checks
pass, and `ServerWorld.value()` says what any cell is, so a test can compare a brief with the server.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from noegletal import catalogue, geo
from noegletal.periods import periode

UOPLYST = "Uoplyst område"


@dataclass
class Hier:
    id: str
    label: str
    values: list[tuple[str, str]]  # (value_id, value_name), root "/" first


@dataclass
class Table:
    id: str
    name: str
    periodtype: str
    periods: list[str]
    areas: list[str]  # area hierarchy ids this table offers
    dims: list[Hier] = field(default_factory=list)
    mgroups: list[tuple[str, list[str]]] = field(default_factory=list)  # (group name, measure names)
    update_latest: str = "2026-11-26"  # `/tables`' date of the table's latest update

    def hier(self, hid: str) -> Hier | None:
        return next((h for h in self.dims if h.id == hid), None)


def _hier(hid: str, label: str, total: str, names) -> Hier:
    return Hier(hid, label, [("/", total)] + [(f"/{i}/", n) for i, n in enumerate(names, 2)])


def _periods(ptype: str, first: str, last: str) -> list[str]:
    a, b = periode(first), periode(last)
    out, p = [], a
    while p.kode != b.shift(1).kode:
        out.append(p.kode if ptype == "M" else (f"{p.aar}Q{p.nr:02d}" if ptype == "Q" else f"{p.aar}Y01"))
        p = p.shift(1)
    return out


def from_catalogue(first: str = "2016M01", last: str = "2018M06") -> dict[str, Table]:
    """Every Jobindsats table of the catalogue, exactly as the catalogue expects it (one measure per group)."""
    tables = {}
    for spec in catalogue.tables().values():
        if spec.source != "jobindsats":
            continue
        ptype = {"M": "M", "K": "Q", "Å": "Y"}[spec.frequency]
        f, la = (first, last) if ptype == "M" else (periode(first).kvartal().kode, periode(last).kvartal().kode)
        tables[spec.id] = Table(
            id=spec.id, name=spec.title, periodtype=ptype, periods=_periods(ptype, f, la), areas=list(spec.areas),
            dims=[_hier(h.id, h.label, h.total, h.values) for h in spec.hierarchies],
            mgroups=[(m, [m]) for m in spec.measures],
        )
    return tables


def andre_navne(first: str = "2016M01", last: str = "2018M06") -> dict[str, Table]:
    """The catalogue's tables, but `y25i01` shaped as the live table is seen (dimensions `_omrade, _ygrpi09,
    _kon, _aldera, _oprinda, _akassebl` [seen]) with other total and member names for køn, alder and
    oprindelse than the catalogue guesses [inferred ones]: a kommune's first day with a key. Every name differs
    only in case, spacing or punctuation, so `data tjek --ret` can settle each; the totals differ freely (a
    total is asked as '/', never by name)."""
    tables = from_catalogue(first, last)
    spec = catalogue.table("y25i01")
    t = tables["y25i01"]
    aldre = [v.replace("-", "–") for v in spec.hierarchy("_aldera").values]  # en dash: punctuation only
    oprindelse = [v.replace("ikke-vestlige", "ikke vestlige") for v in spec.hierarchy("_oprinda").values]
    t.dims = [
        _hier("_ygrpi09", "Ydelsesgrupper", "Ydelsesgrupper i alt", spec.hierarchy("_ygrpi09").values),
        _hier("_kon", "Køn", "Køn i alt", [v.lower() for v in spec.hierarchy("_kon").values]),
        _hier("_aldera", "Alder", "I alt", aldre),
        _hier("_oprinda", "Oprindelse", "I alt", oprindelse),
        _hier("_akassebl", "A-kasse", "I alt", ["Ingen a-kasse", "3F's A-kasse", "Krifa's A-kasse"]),
    ]
    return tables


def _area_values(hid: str) -> list[tuple[str, str]]:
    land = [("/", geo.hele_landet().navn)]
    if hid == "_region":
        return land + [(f"/{r.kode}/", r.navn) for r in geo.regioner()]
    if hid == "_hele_landet":
        return land
    return land + [(f"/{int(k.kode)}/", k.navn) for k in geo.kommuner()] + [("/999/", UOPLYST)]


def _h(*parts) -> int:
    return int.from_bytes(hashlib.sha256("|".join(map(str, parts)).encode()).digest()[:6], "big")


class ServerWorld:
    """The numbers behind the server: one deterministic base count per table, area and period, split
    exactly over every hierarchy's values (the last value takes the remainder), so parts sum to totals."""

    def __init__(self, tables: dict[str, Table]):
        self.tables = tables

    def _base(self, table: str, area: str, period: str) -> int:
        if area == UOPLYST:
            return 2 + _h(table, area, period) % 3
        size = 40 if area == geo.hele_landet().navn else (12 if area.startswith("Region") else 1)
        return size * (150 + _h(table, area) % 2500) + _h(table, area, period) % 97

    def _split(self, total: int, key: tuple, n: int) -> list[int]:
        weights = [1 + _h(*key, i) % 5 for i in range(n)]
        parts = [total * w // sum(weights) for w in weights[:-1]]
        return parts + [total - sum(parts)]

    def count(self, table: str, area: str, period: str, measure_no: int, combo: dict[str, str]) -> int:
        """A count measure for a combination {hierarchy id: value name}; a hierarchy not named is its total.

        The base is split over each hierarchy in turn (integer splits, the last value taking the remainder),
        and a total that comes before a split hierarchy is the sum over its values: so every margin of every
        cut adds up exactly, as the product's checks expect of the live service."""
        t = self.tables[table]
        dims = t.dims
        chosen = [combo.get(h.id, h.values[0][1]) for h in dims]
        last = max((j for j, (h, name) in enumerate(zip(dims, chosen)) if name != h.values[0][1]), default=-1)

        def rec(j: int, value: int) -> int:
            if j > last:
                return value
            h = dims[j]
            names = [n for _, n in h.values[1:]]
            parts = self._split(value, (table, area, period, h.id, j), len(names))
            if chosen[j] == h.values[0][1]:
                return sum(rec(j + 1, part) for part in parts)
            return rec(j + 1, parts[names.index(chosen[j])])

        return rec(0, self._base(table, area, period) * (measure_no + 1))

    def value(self, table: str, area: str, period: str, measure: str, combo: dict[str, str]):
        t = self.tables[table]
        names = [m for _, ms in t.mgroups for m in ms]
        i = names.index(measure)
        if "pct" in measure or measure.lower().startswith(("andel", "aktiveringsgrad")):
            c = self.count(table, area, period, 0, combo)
            base = self._base(table, area, period) * 9
            return None if c < 3 else round(100 * c / base, 1)
        c = self.count(table, area, period, i, combo)
        return None if c < 3 else c


class _Handler(BaseHTTPRequestHandler):
    server: "LoopbackApi"

    def log_message(self, *args):  # quiet
        pass

    def _send(self, status: int, body, content_type: str = "application/json; charset=utf-8"):
        data = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _error(self, status: int, cause: str):
        self._send(status, {"code": status, "cause": cause, "request_id": str(uuid.uuid4())})

    def do_GET(self):
        self.server.requests.append(self.path)
        mode = self.server.mode
        if mode == "hang":
            time.sleep(self.server.hang_seconds)
            return
        if mode == "500":
            return self._send(500, b"<html><title>500 Internal Server Error</title></html>", "text/html")
        url = urlsplit(self.path)
        q = dict(parse_qsl(url.query, keep_blank_values=True))
        auth = self.headers.get("Authorization", "")
        if not auth.startswith("Bearer ") or auth[7:] != self.server.key:
            return self._send(401, {"code": 401, "cause": "Unauthorized", "request_id": str(uuid.uuid4())})
        parts = url.path.strip("/").split("/")
        if parts[:1] != ["v3"]:
            return self._send(404, {"detail": "Not Found"})
        if parts[1:] == ["tables"]:
            return self._send(200, self._tables())
        if parts[1:] == ["subjects"]:
            return self._send(200, [{"subject_id": "ledighed", "subject_name": "Ledighed"}])
        if len(parts) == 3 and parts[1] in ("table", "data"):
            t = self.server.world.tables.get(parts[2])
            if t is None:
                return self._error(404, f"Unknown table: {parts[2]}")
            return self._send(200, self._meta(t)) if parts[1] == "table" else self._data(t, q)
        return self._send(404, {"detail": "Not Found"})

    def _tables(self):
        groups = [{"table_id": t.id, "table_name": t.name, "link_infopage": "", "link_tablepage": "",
                   "update_freq": t.periodtype, "update_latest": t.update_latest, "update_next": "2026-12-29",
                   "mgroups": [{"mgroup_id": f"mgrp{t.id}_{i}", "mgroup_name": g} for i, (g, _) in enumerate(t.mgroups, 1)]}
                  for t in self.server.world.tables.values()]
        return [{"subject_name": "Alle", "table_groups": [{"table_group_name": "Tabeller", "tables": groups}]}]

    def _meta(self, t: Table):
        dims = [{"dimension_id": "_omrade", "hierarchies": [
            {"hierarchy_id": a, "levels": [{"level_id": a.strip("_"), "values": [
                {"value_id": i, "value_name": n} for i, n in _area_values(a)]}]} for a in t.areas]}]
        for h in t.dims:
            dims.append({"dimension_id": h.id, "hierarchies": [{"hierarchy_id": h.id, "levels": [
                {"level_id": "total", "values": [{"value_id": i, "value_name": n} for i, n in h.values[:1]]},
                {"level_id": h.id.strip("_"), "values": [{"value_id": i, "value_name": n} for i, n in h.values[1:]]},
            ]}]})
        return {"table_id": t.id, "table_name": t.name,
                "periods": [{"periodtype_id": t.periodtype, "values": [{"period_id": p} for p in t.periods]}],
                "dimensions": dims}

    def _data(self, t: Table, q: dict):
        hiers = {k.split(".", 1)[1]: v for k, v in q.items() if k.startswith("hierarchy.")}
        unknown = [h for h in hiers if h not in t.areas and t.hier(h) is None]
        if unknown:
            return self._error(422, f"Unknown hierarchies: {unknown!r}")
        ptypes = [k.split(".", 1)[1] for k in q if k.startswith("period.")]
        if not ptypes:
            return self._error(422, "No period given")
        if ptypes[0] != t.periodtype:
            return self._error(422, f"Unknown period type: {ptypes[0]}")
        spec = q[f"period.{ptypes[0]}"]
        if spec.startswith("latest:"):
            n = int(spec.split(":")[1])
            if n > len(t.periods):
                return self._error(422, f"Requested latest:{n} for type {t.periodtype}, but only {len(t.periods)} "
                                        "periods are available.")
            periods = t.periods[-n:]
        elif spec == "*":
            periods = t.periods
        else:
            periods = spec.split(",")
            bad = [p for p in periods if p not in t.periods]
            if bad:
                return self._error(422, f"Unknown periods: {bad!r}")
        areas = [h for h in hiers if h in t.areas]
        if len(areas) > 1:
            return self._error(422, f"Only one hierarchy per dimension: {areas!r}")
        area_values = _pick(_area_values(areas[0]) if areas else [("/", geo.hele_landet().navn)],
                            hiers.get(areas[0], "/") if areas else "/")
        if area_values is None:
            return self._error(422, f"Unknown values for {areas[0]}")
        chosen = []
        for h in t.dims:
            if h.id in hiers:
                vals = _pick(h.values, hiers[h.id])
                if vals is None:
                    return self._error(422, f"Unknown values for {h.id}")
                chosen.append((h, vals))
        mgroups = [(g, ms) for g, ms in t.mgroups]
        cells = len(periods) * len(area_values) * max(1, _prod(len(v) for _, v in chosen)) * sum(len(ms) for _, ms in mgroups)
        if cells > self.server.max_cells:
            return self._error(422, f"Too many cells requested: {cells} > {self.server.max_cells}")
        self.server.cells.append(cells)
        columns = ["Periode", "Område", *[h.label for h, _ in chosen]]
        measures = [(g, m) for g, ms in mgroups for m in ms]
        columns += [m if len(ms) == 1 else f"{g}: {m}" for g, ms in mgroups for m in ms]
        rows = []
        w = self.server.world
        for p in periods:
            for _, area in area_values:
                for combo in itertools.product(*[v for _, v in chosen]):
                    c = {h.id: name for (h, _), (_, name) in zip(chosen, combo)}
                    rows.append([p, area, *[name for _, name in combo],
                                 *[w.value(t.id, area, p, m, c) for _, m in measures]])
        self._send(200, {"columns": columns, "rows": rows})

    def do_POST(self):  # Statistikbanken
        self.server.requests.append(self.path)
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        table = body.get("table", "")
        if self.path.startswith("/v1/tableinfo"):
            return self._send(200, _statbank_info(table))
        if self.path.startswith("/v1/data"):
            return self._send(200, _statbank_bulk(table, body), "text/csv; charset=utf-8")
        return self._send(404, {"message": "Ukendt"})


def _prod(xs) -> int:
    out = 1
    for x in xs:
        out *= x
    return out


def _pick(values: list[tuple[str, str]], spec: str):
    if spec == "*":
        return values
    ids = spec.split(",")
    by_id = dict(values)
    if any(i not in by_id for i in ids):
        return None
    return [(i, by_id[i]) for i in ids]


STATBANK_MONTHS = _periods("M", "2016M01", "2018M06")


def _statbank_areas() -> list[str]:
    return ["000", *[r.kode for r in geo.regioner()], *[k.kode for k in geo.kommuner()]]


def _statbank_info(table: str) -> dict:
    var = "SAESONFAK" if table == "AUS08" else "ALDER"
    codes = ["9", "10"] if table == "AUS08" else ["IALT", *[str(a) for a in range(0, 100)]]
    return {"id": table, "text": table, "variables": [
        {"id": "OMRÅDE", "time": False, "values": [{"id": a, "text": a} for a in _statbank_areas()]},
        {"id": var, "time": False, "values": [{"id": c, "text": c} for c in codes]},
        {"id": "Tid", "time": True, "values": [{"id": p, "text": p} for p in STATBANK_MONTHS]}]}


def statbank_value(table: str, area: str, code: str, period: str) -> float:
    """AUS08: 9 = pct. (one decimal), 10 = count; FOLK1AM: a person count per 1-year age, IALT their sum."""
    if table == "AUS08":
        return round(2 + _h(table, area, period) % 40 / 10, 1) if code == "9" else 100 + _h(table, area, code, period) % 5000
    if code == "IALT":
        return sum(statbank_value(table, area, str(a), period) for a in range(0, 100))
    return 20 + _h(table, area, code, period) % 400


def _statbank_bulk(table: str, body: dict) -> bytes:
    var = "SAESONFAK" if table == "AUS08" else "ALDER"
    info = _statbank_info(table)
    codes = [v["id"] for v in info["variables"][1]["values"]]
    lines = [f"OMRÅDE;{var};TID;INDHOLD"]
    for a in _statbank_areas():
        for c in codes:
            for p in STATBANK_MONTHS:
                v = statbank_value(table, a, c, p)
                lines.append(f"{a};{c};{p};{str(v).replace('.', ',') if isinstance(v, float) else v}")
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


class LoopbackApi(ThreadingHTTPServer):
    """`with LoopbackApi() as api:` serves on 127.0.0.1 on a free port; `api.url` is the v3 base.

    `mode`: "ok", "500" (every request answers 500), "hang" (never answers within `hang_seconds`), "andre-navne"
    (the tables of `andre_navne()`: totals and breakdown names that differ from the catalogue)."""

    daemon_threads = True

    def __init__(self, tables: dict[str, Table] | None = None, key: str = "test-noegle", mode: str = "ok",
                 max_cells: int = 200_000, hang_seconds: float = 30):
        super().__init__(("127.0.0.1", 0), _Handler)
        if tables is None:
            tables = andre_navne() if mode == "andre-navne" else from_catalogue()
        self.world = ServerWorld(tables)
        self.key, self.mode, self.max_cells, self.hang_seconds = key, mode, max_cells, hang_seconds
        self.requests: list[str] = []
        self.cells: list[int] = []
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    @property
    def url(self) -> str:
        return f"{self.base}/v3"

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()
