"""Reading processed data: whole tables, and one indicator for chosen areas and periods.

Tables are read once per process and kept (keyed on the file's modification time, so a rebuild is seen),
until `behold` lets them go.
A missing or suppressed value stays NaN with its status; nothing here turns it into 0.
"""

from __future__ import annotations

from functools import cached_property, update_wrapper

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from . import catalogue, config, geo
from .errors import BeskadigetData, ManglendeData, ManglendeOpdeling, UerklaeretIndikator, UgyldigPeriode, fil_fejl
from .periods import Periode, huller, periode
from .processed import (  # noqa: F401  (the manifest's facts, read by the themes as data.kildeinfo …)
    MANGLER, OK, er_demo, har_tabel, hent_igen, kildeinfo, processed_exists, processed_manifest, table_path)


# The brief being made: its theme, the indicators it declared and their tables (see `erklaer`).
_ERKLAERET: tuple[str, frozenset[str], frozenset[str]] | None = None


def erklaer(tema: str | None, indikatorer=()) -> None:
    """From here on, reads are a brief of `tema`'s: an indicator (or table) outside `indikatorer` fails at the
    read, naming it and the theme (params.valider declares; a kernel forgets before each brief; None: free)."""
    global _ERKLAERET
    if tema is not None:
        indikatorer = catalogue.med_dele(indikatorer)  # a group's share is read from its parts
    _ERKLAERET = None if tema is None else (
        tema, frozenset(indikatorer), frozenset(catalogue.indicator(i).table for i in indikatorer))


def erklaeret(indikator: str | None = None, table_id: str | None = None) -> None:
    """Refuse a read outside the brief's declaration (a set lookup per read, nothing when none is declared).
    Called by every read here, and by a reader that keeps what it read across briefs (klynger)."""
    if _ERKLAERET is None:
        return
    tema, indikatorer, tabeller = _ERKLAERET
    if indikator is not None and indikator not in indikatorer:
        hvad = f"nøgletallet '{indikator}'"
    elif table_id is not None and table_id not in tabeller:
        hvad = f"tabellen '{table_id}'"
    else:
        return
    raise UerklaeretIndikator(
        f"Temaet '{tema}' læser {hvad}, som ikke står i temaets erklærede indikatorer (TEMA i "
        f"lib/noegletal/themes/{tema}.py). Føj det til dem, så briefens stempel og fingeraftryk kommer til at "
        "omfatte de data, den viser."
    )


class _Gemt:
    """A function's results kept per arguments, as `lru_cache(maxsize)` keeps them (least recently used go
    first), for what is read from a table or made from one; `noegler(args)` names the table versions, (path,
    mtime), an entry is of. Unlike lru_cache it can let go of some entries: `behold`."""

    alle: list[_Gemt] = []  # every such cache in this module, for `behold`

    def __init__(self, f, maxsize: int, noegler):
        update_wrapper(self, f)  # also sets __wrapped__: the function itself, uncached
        self.maxsize, self.noegler, self._gemt = maxsize, noegler, {}
        _Gemt.alle.append(self)

    def __call__(self, *args):
        try:
            vaerdi = self._gemt.pop(args)
        except KeyError:
            vaerdi = self.__wrapped__(*args)
            if len(self._gemt) >= self.maxsize:
                del self._gemt[next(iter(self._gemt))]
        self._gemt[args] = vaerdi  # last in the dict: the most recently used
        return vaerdi

    def cache_clear(self) -> None:
        self._gemt.clear()

    def behold(self, noegler: set) -> None:
        self._gemt = {a: v for a, v in self._gemt.items() if set(self.noegler(a)) <= noegler}


def _gemt(maxsize: int, noegler=lambda args: [args[:2]]):
    """Decorator: keep results in a `_Gemt` (default: a function of (path, mtime, …) of one table)."""
    return lambda f: _Gemt(f, maxsize, noegler)


def behold(table_ids) -> None:
    """Keep these tables, as they are on disk now, and what was made from them; let go of every other table
    (and of older versions of these). A batch kernel calls it when the next brief is of another tema, with
    that tema's tables: the tables two temas share (FOLK1AM, y25i01, …) are not read again (0.4-0.8 s a
    switch when every cache was cleared), and the kernel still holds about one tema's tables, not all."""
    beholdes = set()
    for t in table_ids:
        sti = table_path(t)
        try:
            beholdes.add((str(sti), sti.stat().st_mtime))
        except OSError:  # not there (any more): nothing of it to keep
            pass
    for gemt in _Gemt.alle:
        gemt.behold(beholdes)


class _Tabel:
    """A processed table as read, kept per process: each text column as parquet stores it, dictionary-encoded
    (its integer indices and distinct values), every other column as one Arrow array.

    The rows a brief asks for are turned into a frame only when asked (`raekker`): a table of 1.8 million rows
    costs a kernel ~0.1 s to read this way, and expanding every text column into strings up front (what
    `pd.read_parquet` does) cost ~0.5-1 s for rows no brief of the tema ever looks at. `raekker` gives the
    very frame `pd.read_parquet(path).take(rk)` would (same columns, dtypes and values, a fresh RangeIndex).
    """

    def __init__(self, skema: pa.Schema, kolonner: list[pa.Array]):
        self.skema = skema
        self.kolonner = dict(zip(skema.names, kolonner))
        self.antal = len(kolonner[0]) if kolonner else 0
        self.tekst = frozenset(n for n, k in self.kolonner.items() if pa.types.is_dictionary(k.type))
        # Each column's codes into its sorted distinct values, made when a filter first asks (`_koder`): a
        # brief filters on four or five of a table's columns, never on omraade, niveau or status.
        self.koder: dict[str, tuple[np.ndarray, dict, np.ndarray]] = {}

    @property
    def navne(self) -> list[str]:
        return self.skema.names

    def _arrow(self, navn: str, rk: np.ndarray | None) -> pa.Array:
        kol = self.kolonner[navn]
        if pa.types.is_dictionary(kol.type):
            indices = kol.indices if rk is None else kol.indices.take(rk)
            return kol.dictionary.take(indices).cast(self.skema.field(navn).type)
        return kol if rk is None else kol.take(rk)

    def raekker(self, rk: np.ndarray | None = None) -> pd.DataFrame:
        """The rows at positions `rk` (all with None), in that order, as pandas reads the file."""
        return pa.Table.from_arrays([self._arrow(n, rk) for n in self.navne], schema=self.skema).to_pandas()

    def kolonne(self, navn: str) -> pd.Series:
        """One whole column as pandas reads it."""
        return pa.Table.from_arrays([self._arrow(navn, None)], schema=pa.schema([self.skema.field(navn)])
                                    ).to_pandas()[navn]

    @cached_property
    def frekvens(self) -> str | None:
        """The table's frequency: that of its first row (None for an empty table)."""
        return self._arrow("frekvens", np.array([0])).to_pylist()[0] if self.antal else None


@_gemt(64)
def _laes(path: str, mtime: float) -> _Tabel:
    """The table, read once per process and version (keyed on the file's modification time, so a rebuild is
    seen). Each column comes in one piece: pyarrow hands a big table over in chunks, and every filter on a
    chunked column pays per chunk. A damaged file (truncated, overwritten, unreadable) names itself and the
    command that repairs it."""
    try:
        skema = pq.read_schema(path)
        tekst = [f.name for f in skema if pa.types.is_string(f.type) or pa.types.is_large_string(f.type)]
        # One thread: a batch runs one kernel per core, and pyarrow's pool then only adds its own overhead
        # (half the CPU time for the largest table).
        tabel_ = pq.read_table(path, read_dictionary=tekst, use_threads=False)
        kolonner = [kol.unify_dictionaries().combine_chunks() if pa.types.is_dictionary(kol.type)
                    else kol.combine_chunks() for kol in tabel_.columns]
        return _Tabel(skema, kolonner)
    except OSError as e:
        raise fil_fejl(e, path, handling="læses", igen="noegletal data build") from e
    except pa.ArrowException as e:
        raise BeskadigetData(
            f"Den bearbejdede tabel {path} er beskadiget og kan ikke læses ({e}). Byg data igen med "
            "`noegletal data build`."
        ) from e


@_gemt(8)
def _read(path: str, mtime: float) -> pd.DataFrame:
    """The whole table as a frame (for `tabel`: a look at all of it; briefs read through `serie`)."""
    return _laes(path, mtime).raekker()


def _sorterede_koder(kol: pa.DictionaryArray) -> tuple[np.ndarray, dict, np.ndarray]:
    """As `pd.factorize(column, sort=True)` from a dictionary-encoded column: codes into the sorted distinct
    values that occur (-1: missing), the value → code index, and the values."""
    indeks = kol.indices.fill_null(0).to_numpy(zero_copy_only=False)
    gyldig = ~kol.is_null().to_numpy(zero_copy_only=False) if kol.null_count else None
    brugt = np.flatnonzero(np.bincount(indeks if gyldig is None else indeks[gyldig], minlength=len(kol.dictionary)))
    vaerdier = kol.dictionary.to_numpy(zero_copy_only=False)[brugt]
    orden = np.argsort(vaerdier, kind="stable")
    dtype = np.int16 if len(brugt) < np.iinfo(np.int16).max else np.int32
    plads = np.full(len(kol.dictionary), -1, dtype=dtype)
    plads[brugt[orden]] = np.arange(len(brugt))
    koder = plads[indeks]
    if gyldig is not None:
        koder[~gyldig] = -1
    vaerdier = np.asarray(vaerdier[orden], dtype=object)
    return koder, {v: i for i, v in enumerate(vaerdier)}, vaerdier


@_gemt(64)
def _raekker_pr_omraade(path: str, mtime: float) -> dict[str, np.ndarray]:
    """Row positions per area code, made once per table and process (same key as `_read`).

    A brief asks for 1-4 areas out of ~110; taking their rows first makes every further filter in `serie`
    work on a few hundred rows instead of the whole table (about 5 times faster in a batch of briefs)."""
    k, _, koder = _koder(path, mtime, "omraade_kode")
    orden = np.argsort(k, kind="stable")  # each area's rows in table order; missing codes (-1) first, left out
    graenser = np.searchsorted(k[orden], np.arange(len(koder) + 1))
    return {str(v): orden[graenser[i]:graenser[i + 1]] for i, v in enumerate(koder)}


def _noegle(table_id: str) -> tuple[str, float]:
    catalogue.table(table_id)  # unknown id → clear message
    path = table_path(table_id)
    if not path.exists():
        raise ManglendeData(
            f"Tabel {table_id} findes ikke i {config.processed_dir()}. Kør `make data` "
            "(eller `noegletal data demo` og `noegletal data build`), eller hent den med `noegletal data fetch`."
        )
    return str(path), path.stat().st_mtime


@_gemt(16)
def _omraadernes_raekker(path: str, mtime: float, koder: tuple[str, ...]) -> tuple[np.ndarray, pd.DataFrame]:
    """The rows of some areas (positions in table order) and, as a frame, those rows alone without the measure
    column (as `serie` returns them). A brief asks for the same few areas (the kommune and what it is compared
    with) in a dozen calls to `serie` per table; their rows are made into strings once, and each call takes its
    rows from that small frame."""
    pr_omraade = _raekker_pr_omraade(path, mtime)
    dele = [pr_omraade[k] for k in koder if k in pr_omraade]
    basis = np.sort(np.concatenate(dele)) if dele else np.array([], dtype=np.intp)
    return basis, _laes(path, mtime).raekker(basis).drop(columns="maal")


def tabel(table_id: str) -> pd.DataFrame:
    """The processed tidy table (shared, do not modify in place: use .copy())."""
    erklaeret(table_id=table_id)
    return _read(*_noegle(table_id))


def laes_ind(table_id: str) -> None:
    """Read a table into this process's cache (a kernel does it while it waits for its first brief)."""
    _laes(*_noegle(table_id))


def vaerdier(table_id: str, kolonne: str, **hvor) -> list:
    """A column's distinct values in the order they first appear (the source's order), optionally only in
    the rows where other columns have the given values. Kept per table version: every brief asks for the
    same målgrupper or ydelser, and finding them means a pass over the whole table."""
    erklaeret(table_id=table_id)
    return list(_vaerdier(_noegle(table_id), kolonne, tuple(sorted(hvor.items()))))


@_gemt(256, noegler=lambda a: [a[0]])
def _vaerdier(noegle: tuple[str, float], kolonne: str, hvor: tuple) -> tuple:
    t = _laes(*noegle)
    if not {kolonne, *(col for col, _ in hvor)} <= t.tekst:  # a column that is not text
        df = _read(*noegle)
        for col, value in hvor:
            df = df[df[col] == value]
        return tuple(df[kolonne].unique())
    rk = np.arange(t.antal)
    for col, value in hvor:  # as df[col] == value, on the codes
        k, indeks, _ = _koder(*noegle, col)
        kode = indeks.get(value) if isinstance(value, str) else None
        rk = rk[k[rk] == kode] if kode is not None else rk[:0]
    k, _, koder = _koder(*noegle, kolonne)
    unikke, foerst = np.unique(k[rk], return_index=True)
    return tuple(koder[u] if u >= 0 else np.nan for u in unikke[np.argsort(foerst)])  # first appearance order


def serie(
    indikator: str,
    omraader: list | None = None,
    fra: str | Periode | None = None,
    til: str | Periode | None = None,
    *,
    maal: str | None = None,
    **filter,
) -> pd.DataFrame:
    """One indicator as a tidy frame, for some areas (names or codes) and a period span.

    Extra keyword arguments filter on dimension columns, e.g. `cpr_aar="2014"`; `None` drops one of the
    indicator's own filters (e.g. to get every ydelse). A dimension that neither names is at its total.
    An indicator with `sum_over` (e.g. two Mindstesats values) comes back as one summed row per area and
    period; the sum is missing when any of its parts is. `maal` reads another measure of the indicator's table
    with the indicator's filters (a denominator such as fuldtidspersoner that has no indicator of its own).
    Columns: omraade_kode, omraade, niveau, periode, frekvens, <dimensions>, vaerdi, status.
    """
    erklaeret(indikator)
    ind = catalogue.indicator(indikator)
    if omraader is not None and any(geo.omraade(o).niveau == geo.GRUPPE for o in omraader):
        return _med_grupper(indikator, [geo.omraade(o) for o in omraader], fra, til, maal, filter)
    noegle = _noegle(ind.table)
    t = _laes(*noegle)
    # The rows are chosen as positions, filtered on integer codes (see `_koder`), and taken once at the end:
    # the same rows in the same order as comparing the strings, at a fraction of the cost.
    if omraader is not None:  # the areas' rows first, kept in table order
        basis, omraadernes = _omraadernes_raekker(*noegle, tuple(dict.fromkeys(geo.omraade(o).kode for o in omraader)))
        rk = basis
    else:
        rk = np.arange(t.antal)

    def koder(col: str) -> np.ndarray:
        return _koder(*noegle, col)[0][rk]

    rk = _indikatorens_raekker(ind, noegle, t, rk, maal, filter)
    if fra is not None or til is not None:
        k, _, vaerdier = _koder(*noegle, "periode")  # codes follow the sorted period codes
        kp = k[rk]
        ok = kp >= 0
        if fra is not None:
            ok &= kp >= np.searchsorted(vaerdier, _code(fra, t.frekvens), side="left")
        if til is not None:
            ok &= kp < np.searchsorted(vaerdier, _code(til, t.frekvens), side="right")
        rk = rk[ok]
    # sorted by omraade_kode, then periode, stable (missing last), as sort_values(kind="stable") would
    ko, kp = koder("omraade_kode"), koder("periode")
    rk = rk[np.lexsort((np.where(kp < 0, np.iinfo(kp.dtype).max, kp), np.where(ko < 0, np.iinfo(ko.dtype).max, ko)))]
    if omraader is not None:
        out = omraadernes.take(np.searchsorted(basis, rk)).reset_index(drop=True)
    else:
        out = t.raekker(rk).drop(columns="maal")
    over = [c for c in ind.sum_over if filter.get(c, "") is not None]
    if not over:
        return out
    gruppe = _grupper([koder(c) for c in out.columns if c not in (*over, "vaerdi", "status")])
    return _summer(out, over, {c: ind.filter.get(c) for c in over}, gruppe)


def _indikatorens_raekker(ind: catalogue.Indicator, noegle: tuple[str, float], t: _Tabel, rk: np.ndarray,
                          maal: str | None, filter: dict) -> np.ndarray:
    """The positions among `rk` (in their order) of the indicator's rows: its measure (or `maal`), its own
    filters and `filter` (see `serie`), compared as integer codes."""
    def lig(col: str, value) -> np.ndarray:
        k, indeks, _ = _koder(*noegle, col)
        if isinstance(value, (list, tuple, set)):  # as Series.isin
            return np.isin(k[rk], [indeks[v] for v in value if _hashbar(v) and v in indeks])
        kode = indeks.get(str(value))
        return k[rk] == kode if kode is not None else np.zeros(len(rk), dtype=bool)

    rk = rk[lig("maal", maal or ind.measure)]
    for col, value in {**ind.fuldt_filter, **filter}.items():
        if value is None:
            if col in filter:  # the parts of a dimension: there, unless the fetch could not get them
                _opdeling_hentet(ind.table, col)
            continue
        if col not in t.navne:
            raise ManglendeData(f"Tabel {ind.table} har ingen dimension '{col}' (har {list(t.navne)}).")
        indeks = _koder(*noegle, col)[1]
        if any(_hashbar(v) and str(v) not in indeks for v in (value if isinstance(value, (list, tuple, set)) else [value])):
            _opdeling_hentet(ind.table, col)
        rk = rk[lig(col, value)]
    return rk


# --- groups of kommuner: computed from the members, never averaged ---------------------------------------------

_OMRAADE_KOLONNER = ("omraade_kode", "omraade", "niveau")
_GRUNDE: dict[tuple[str, str], str] = {}  # (group, indicator) → why its value is missing, as last computed


def gruppe_grunde(nulstil: bool = False) -> dict[tuple[str, str], str]:
    """Why a group's values were missing since the last reset: (group name, indicator) → 'Læsø mangler for
    maj 2018 …' (a brief's stamp lists them; its opening resets them)."""
    ud = dict(_GRUNDE)
    if nulstil:
        _GRUNDE.clear()
    return ud


def _med_grupper(indikator: str, omraader: list, fra, til, maal, filter: dict) -> pd.DataFrame:
    """`serie` for areas among which are groups: the other areas as always, each group computed from its
    members (`gruppe_serie`). Why a group's value is missing is in `attrs['grunde']` (group name → reason)."""
    andre = [o for o in omraader if o.niveau != geo.GRUPPE]
    dele, grunde = [], {}
    if andre:
        dele.append(serie(indikator, andre, fra, til, maal=maal, **filter))
    for g in dict.fromkeys(o for o in omraader if o.niveau == geo.GRUPPE):
        df, grund = _gruppe_serie_gemt(indikator, g, fra, til, maal, filter)
        dele.append(df)
        if grund:
            grunde[g.navn] = grund
    dele = [d for d in dele if len(d)] or dele[:1]
    out = pd.concat(dele, ignore_index=True) if len(dele) > 1 else dele[0].reset_index(drop=True)
    out = out.sort_values(["omraade_kode", "periode"], kind="stable").reset_index(drop=True)
    out.attrs["grunde"] = grunde
    return out


def _gruppe_serie_gemt(indikator: str, g, fra, til, maal, filter: dict) -> tuple[pd.DataFrame, str]:
    """`gruppe_serie`, kept per table version: every brief of a batch that compares with the same group in the
    same month asks for the same sums (a copy is returned, so a caller may change its frame)."""
    regel = catalogue.grupperegel(indikator, maal)
    tabeller = {catalogue.indicator(indikator).table} | {
        catalogue.indicator(d).table for d in (regel.taeller, regel.naevner) if isinstance(d, str) and d != catalogue.AFLEDT}
    try:
        noegle = (indikator, g, None if fra is None else periode(fra).kode, None if til is None else periode(til).kode,
                  maal, tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in filter.items())),
                  tuple(_noegle(t) for t in sorted(tabeller)))
        hash(noegle)
    except TypeError:  # a filter value that is no key: computed each time
        return gruppe_serie(indikator, g, fra, til, maal=maal, **filter)
    df, grund = _gruppe_cache(noegle)
    if grund:
        _GRUNDE[(g.navn, catalogue.indicator(indikator).id)] = grund
    return df.copy(), grund


@_gemt(256, noegler=lambda a: a[0][-1])  # the versions of every table it reads
def _gruppe_cache(noegle: tuple) -> tuple[pd.DataFrame, str]:
    indikator, g, fra, til, maal, filter, _ = noegle
    return gruppe_serie(indikator, g, fra, til, maal=maal, **{k: list(v) if isinstance(v, tuple) else v
                                                               for k, v in filter})


def gruppe_serie(indikator: str, gruppe, fra=None, til=None, *, maal: str | None = None,
                 **filter) -> tuple[pd.DataFrame, str]:
    """One indicator for a group of kommuner (a geo.Omraade with niveau 'gruppe'), as `serie` gives an area,
    and why values are missing ('' when none is). How it is formed is the catalogue's rule
    (`catalogue.grupperegel`): a count is the sum over the members; a share is 100 × the summed numerator over
    the summed denominator, never a mean of the members' shares; a measure that cannot be formed is missing
    with the reason. A member's missing or suppressed value makes the group's value missing, never a smaller
    sum."""
    g = geo.omraade(gruppe)
    medlemmer = [geo.omraade(k) for k in g.medlemmer]
    ind = catalogue.indicator(indikator)
    regel = catalogue.grupperegel(ind.id, maal)
    if regel.slags == catalogue.SUM:
        out, grund = _summer_medlemmer(_for_medlemmer(ind.id, medlemmer, fra, til, maal=maal, **filter), g, medlemmer)
    elif regel.slags == catalogue.ANDEL:
        out, grund = _andel(ind, regel, g, medlemmer, fra, til, maal, filter)
    else:
        skelet = _for_medlemmer(ind.id, medlemmer[:1], fra, til, maal=maal, **filter)
        out, _ = _summer_medlemmer(skelet, g, medlemmer[:1])
        out["vaerdi"] = np.nan
        out["status"] = MANGLER
        grund = f"{ind.label} kan ikke regnes for en gruppe af kommuner: {regel.grund}"
    if grund:
        _GRUNDE[(g.navn, ind.id)] = grund
    return out, grund


def _for_medlemmer(indikator: str, medlemmer: list, fra, til, *, maal: str | None = None, **filter) -> pd.DataFrame:
    """`serie` for a group's members: the rows are chosen on the whole table's codes and only the members'
    are kept. (Asking `serie` for 34 areas would first turn every row of those areas into text, all periods
    and dimensions: seconds for a big table, where this takes a fraction.)"""
    df = serie(indikator, None, fra, til, maal=maal, **filter)
    return df[df["omraade_kode"].isin({m.kode for m in medlemmer})].reset_index(drop=True)


def _del_serie(ind: catalogue.Indicator, del_, medlemmer: list, fra, til, filter: dict) -> pd.DataFrame:
    """The members' rows of one part of a share: another measure of the indicator's table (with its filters), or
    another indicator (with the filters when it is of the same table)."""
    if isinstance(del_, tuple):
        return _for_medlemmer(ind.id, medlemmer, fra, til, maal=del_[1], **filter)
    anden = catalogue.indicator(del_)
    return _for_medlemmer(anden.id, medlemmer, fra, til, **(filter if anden.table == ind.table else {}))


def _andel(ind, regel, g, medlemmer, fra, til, maal, filter) -> tuple[pd.DataFrame, str]:
    """100 × sum of the numerator / sum of the denominator, each over the members, keyed like the share."""
    t_rk = _del_serie(ind, regel.taeller, medlemmer, fra, til, filter)
    if regel.naevner == catalogue.AFLEDT:  # each member's denominator from its own share and count
        r_rk = _for_medlemmer(ind.id, medlemmer, fra, til, maal=maal, **filter)
        noegler = [c for c in r_rk.columns if c not in ("vaerdi", "status")]
        fael = [c for c in noegler if c in t_rk.columns]
        m = r_rk.merge(t_rk[[*fael, "vaerdi", "status"]], on=fael, how="left", suffixes=("_r", ""))
        with np.errstate(divide="ignore", invalid="ignore"):
            afledt = 100.0 * m["vaerdi"] / m["vaerdi_r"].where(m["vaerdi_r"] > 0)
        n_rk = m[noegler].assign(vaerdi=afledt.to_numpy(),
                                 status=np.where(m["status_r"] != OK, m["status_r"], m["status"].fillna(MANGLER)))
    else:
        n_rk = _del_serie(ind, regel.naevner, medlemmer, fra, til, filter)
    taeller, grund_t = _summer_medlemmer(t_rk, g, medlemmer)
    naevner, grund_n = _summer_medlemmer(n_rk, g, medlemmer)
    skelet, _ = _summer_medlemmer(_for_medlemmer(ind.id, medlemmer[:1], fra, til, maal=maal, **filter), g, medlemmer[:1])
    fael = [c for c in skelet.columns if c not in ("vaerdi", "status") and c in naevner.columns]
    out = skelet.drop(columns=["vaerdi", "status"])
    fael_t = [c for c in out.columns if c in taeller.columns]
    out = out.merge(taeller[[*fael_t, "vaerdi", "status"]], on=fael_t, how="left")
    out = out.merge(naevner[[*fael, "vaerdi", "status"]], on=fael, how="left", suffixes=("", "_n"))
    with np.errstate(divide="ignore", invalid="ignore"):
        v = 100.0 * out["vaerdi"] / out["vaerdi_n"].where(out["vaerdi_n"] > 0)
    status = np.where(out["status"].fillna(MANGLER) != OK, out["status"].fillna(MANGLER),
                      np.where(out["status_n"].fillna(MANGLER) != OK, out["status_n"].fillna(MANGLER),
                               np.where(v.notna(), OK, MANGLER)))
    out = out.drop(columns=["vaerdi", "status", "vaerdi_n", "status_n"]).assign(vaerdi=v.to_numpy(), status=status)
    return out[list(skelet.columns)], grund_t or grund_n


def _summer_medlemmer(df: pd.DataFrame, g, medlemmer: list) -> tuple[pd.DataFrame, str]:
    """The members' rows summed into the group's, one row per period and dimension values. A sum with a member
    missing (no row, no value, or not 'ok') is missing, with the member's status and a reason ('Læsø mangler
    for maj 2018'): never a smaller sum."""
    noegler = [c for c in df.columns if c not in (*_OMRAADE_KOLONNER, "vaerdi", "status")]
    tom = df.iloc[:0].copy()
    if df.empty:
        return tom.assign(omraade_kode=g.kode, omraade=g.navn, niveau=geo.GRUPPE), ""
    gid = df.groupby(noegler, sort=False, dropna=False).ngroup().to_numpy()
    antal = gid.max() + 1
    vaerdi = df["vaerdi"].to_numpy(dtype=float)
    status = df["status"].to_numpy(dtype=object)
    ok = ~np.isnan(vaerdi) & (status == OK)
    summen = np.bincount(gid, weights=np.where(ok, vaerdi, 0.0), minlength=antal)
    hel = np.bincount(gid, weights=ok, minlength=antal) == len(medlemmer)
    _, foerste = np.unique(gid, return_index=True)
    out = df.iloc[foerste].reset_index(drop=True).assign(omraade_kode=g.kode, omraade=g.navn, niveau=geo.GRUPPE)
    out["vaerdi"] = np.where(hel, summen, np.nan)
    status_ud = np.full(antal, OK, dtype=object)
    grund = ""
    for nr in np.flatnonzero(~hel):
        raekker = np.flatnonzero(gid == nr)
        har = {df["omraade_kode"].iat[i]: status[i] for i in raekker if ok[i]}
        daarlig = {df["omraade_kode"].iat[i]: status[i] for i in raekker if not ok[i]}
        mangler = [m for m in medlemmer if m.kode not in har]
        s = next((daarlig[m.kode] for m in mangler if daarlig.get(m.kode, MANGLER) != MANGLER), MANGLER)
        status_ud[nr] = s
        if not grund and mangler:
            m = mangler[0]
            hvordan = daarlig.get(m.kode, MANGLER)
            naar = _periode_tekst(out["periode"].iat[nr])
            flere = f" (og {len(mangler) - 1} kommune{'r' if len(mangler) > 2 else ''} mere)" if len(mangler) > 1 else ""
            grund = (f"{m.navn} mangler for {naar}{flere}" if hvordan == MANGLER
                     else f"{m.navn} er {hvordan} for {naar}{flere}") + f", så {g.navn} har intet tal for {naar}"
    out["status"] = status_ud
    return out[list(df.columns)], grund


def _periode_tekst(kode: str) -> str:
    try:
        return periode(kode).tekst
    except Exception:  # noqa: BLE001 - a code the period parser does not know is said as it is
        return str(kode)


def _grupper(kolonner: list[np.ndarray]) -> np.ndarray:
    """Group numbers for rows with equal codes in every column, numbered in order of first appearance (a
    missing value, -1, is a value of its own): `groupby(sort=False, dropna=False).ngroup()` on the codes,
    without pandas hashing strings column by column."""
    gruppe = np.zeros(len(kolonner[0]) if kolonner else 0, dtype=np.int64)
    for k in kolonner:  # combine column by column, renumbered densely so the key never overflows
        gruppe = np.unique(gruppe * (int(k.max(initial=-1)) + 2) + (k.astype(np.int64) + 1), return_inverse=True)[1]
    _, foerste, inv = np.unique(gruppe, return_index=True, return_inverse=True)
    rang = np.empty(len(foerste), dtype=np.int64)
    rang[np.argsort(foerste, kind="stable")] = np.arange(len(foerste))
    return rang[inv]


def i_maaneden(indikator: str, q: str | Periode, **filter) -> pd.Series:
    """One indicator in one period for every area that has it (index: area code, values: `vaerdi`), kept per
    table version. The overblik ranks each kommune's klynge on the same measures in the same months: a batch
    finds them once for all kommuner instead of once per brief. Filters as in `serie`."""
    erklaeret(indikator)
    args = (indikator, periode(q).kode, tuple(sorted(filter.items())), _noegle(catalogue.indicator(indikator).table))
    if all(_hashbar(v) for v in filter.values()):
        return _i_maaneden(*args)
    return _i_maaneden.__wrapped__(*args)  # a filter with a list of values is no cache key


@_gemt(512, noegler=lambda a: [a[3]])
def _i_maaneden(indikator: str, kode: str, filter: tuple, noegle: tuple[str, float]) -> pd.Series:
    s = serie(indikator, fra=kode, til=kode, **dict(filter))
    return s.set_index("omraade_kode")["vaerdi"]


def _summer(df: pd.DataFrame, over: list[str], dele: dict, gruppe: np.ndarray | None = None) -> pd.DataFrame:
    """Sum the rows of the listed parts into one row per area, period and other dimensions. A sum with a
    part missing (no row, or no value) is missing, with the part's status; the summed columns say 'I alt'.

    Done on group numbers with numpy (a pandas groupby with four aggregations cost ~60 ms a call, and a
    brief makes a dozen): the groups in order of first appearance, as `groupby(sort=False)` gives them."""
    noegler = [c for c in df.columns if c not in (*over, "vaerdi", "status")]
    forventet = int(np.prod([len(v) if isinstance(v, (list, tuple)) else 1 for v in dele.values()]))
    if df.empty:
        return df.drop(columns=over).assign(**{c: "I alt" for c in over})[list(df.columns)]
    if gruppe is None:  # the rows' groups (serie gives them, from the codes)
        gruppe = df.groupby(noegler, sort=False, dropna=False).ngroup().to_numpy()
    antal = gruppe.max() + 1
    vaerdi = df["vaerdi"].to_numpy(dtype=float)
    har = ~np.isnan(vaerdi)
    status = df["status"].to_numpy(dtype=object)
    ikke_ok = status != OK
    summen = np.bincount(gruppe, weights=np.where(har, vaerdi, 0.0), minlength=antal)
    hel = (np.bincount(gruppe, weights=har, minlength=antal) == forventet) & (
        np.bincount(gruppe, weights=ikke_ok, minlength=antal) == 0)
    _, foerste = np.unique(gruppe, return_index=True)  # each group's first row
    status_ud = np.full(antal, OK, dtype=object)
    g_ikke_ok, i_ikke_ok = np.unique(gruppe[ikke_ok], return_index=True)  # a group's first status that is not OK
    status_ud[g_ikke_ok] = status[np.flatnonzero(ikke_ok)[i_ikke_ok]]
    status_ud[~hel & (status_ud == OK)] = MANGLER  # a part without a row or a value: the sum is missing
    sum_ = df.iloc[foerste][noegler].reset_index(drop=True)
    sum_["vaerdi"] = np.where(hel, summen, np.nan)
    sum_["status"] = pd.array(status_ud, dtype=df["status"].dtype)
    for c in over:
        sum_[c] = "I alt"
    return sum_[list(df.columns)]


def _koder(path: str, mtime: float, col: str) -> tuple[np.ndarray, dict, np.ndarray]:
    """A column as integer codes into its sorted distinct values (-1: missing), made once per table and
    process the first time it is asked for (a text column from its parquet dictionary): `serie` then filters
    with numpy instead of comparing strings row by row."""
    t = _laes(path, mtime)
    koder = t.koder
    if col in koder:
        return koder[col]
    if col in t.tekst:  # from the dictionary parquet keeps
        koder[col] = _sorterede_koder(t.kolonner[col])
    else:  # a column that is not text
        tal, vaerdier = pd.factorize(t.kolonne(col), sort=True)
        vaerdier = np.asarray(vaerdier, dtype=object)
        tal = tal.astype(np.int16 if len(vaerdier) < np.iinfo(np.int16).max else np.int32)
        koder[col] = tal, {v: i for i, v in enumerate(vaerdier)}, vaerdier
    return koder[col]


def _hashbar(v) -> bool:
    try:
        hash(v)
    except TypeError:
        return False
    return True


def _code(p: str | Periode, frekvens: str | None) -> str:
    """Period code comparable with the table's codes (same frequency: codes sort in time order); `frekvens`:
    the table's (that of its first row; None for an empty table)."""
    p = periode(p)
    freq = frekvens or p.frekvens
    if freq != p.frekvens:
        if p.frekvens == "M" and freq == "K":
            return p.kvartal().kode
        raise UgyldigPeriode(f"Perioden {p.kode} passer ikke til tabellens frekvens ({freq}).")
    return p.kode


def perioder(indikator: str) -> list[str]:
    """The period codes that have data for an indicator, oldest first."""
    erklaeret(indikator)
    return list(_perioder(indikator, _noegle(catalogue.indicator(indikator).table)))


@_gemt(256, noegler=lambda a: [a[1]])
def _perioder(indikator: str, noegle: tuple[str, float]) -> tuple[str, ...]:
    """Cached per table version: every brief checks its period against the whole table first. An indicator
    whose breakdown the fetch could not get has the periods of its table's totals (its block shows a box)."""
    ind = catalogue.indicator(indikator)
    t = _laes(*noegle)
    try:
        if ind.sum_over:  # a sum is there only where every part is: summed as the brief sums it
            s = serie(indikator)
            return tuple(sorted(s.loc[s["vaerdi"].notna(), "periode"].unique().tolist()))
        rk = _indikatorens_raekker(ind, noegle, t, np.arange(t.antal), None, {})
    except ManglendeOpdeling:  # the table's totals: every row of the indicator's measure
        k, indeks, _ = _koder(*noegle, "maal")
        rk = np.flatnonzero(k == indeks.get(ind.measure, -2))
    # as the rows of `serie(indikator)` with a value: their periods, without making the rows into a frame
    vaerdi = t.kolonner["vaerdi"].take(rk).to_numpy(zero_copy_only=False)
    k, _, perioder = _koder(*noegle, "periode")
    brugt = np.unique(k[rk[~pd.isna(vaerdi)]])
    return tuple(perioder[brugt[brugt >= 0]].tolist())


def mangler_perioder(table_id: str) -> list[str]:
    """The periods with no rows at all inside a table's span, oldest first (e.g. ['2016M05'] when the data run
    from 2007M01 to 2018M06 but May 2016 never came). A suppressed or missing value is a row, not a gap."""
    return list(_mangler_perioder(_noegle(table_id)))


@_gemt(64, noegler=lambda a: [a[0]])
def _mangler_perioder(noegle: tuple[str, float]) -> tuple[str, ...]:
    return tuple(huller(_koder(*noegle, "periode")[2]))


def hul_besked(table_id: str, kode: str | Periode) -> str | None:
    """The message for a period that lies inside a table's span but has no rows ('2016M05 mangler i y25i01 …'),
    or None when it is not such a gap."""
    p = periode(kode)
    koder = mangler_perioder(table_id)
    if p.kode not in koder:
        return None
    alle = [k for k in _koder(*_noegle(table_id), "periode")[2] if len(k) == len(p.kode)]
    spaend = f" (tabellen har data fra {alle[0]} til {alle[-1]}, men ikke for {p.tekst})" if alle else ""
    spec = catalogue.table(table_id)
    igen = hent_igen(spec.source, kildeinfo([spec.id])["demo"], spec.id)
    return (f"{p.kode} mangler i {spec.id}{spaend}. Perioden kom ikke med i data: hent tabellen igen med "
            f"`{igen}`, eller vælg en anden periode.")


def manglende_opdelinger(table_id: str) -> list[dict]:
    """The table's cuts that `data fetch` could not get (processed manifest, `mangler`): each with its columns,
    why, the catalogue line and the nearest live names. Empty when everything came."""
    sti = config.processed_dir() / "manifest.json"
    try:
        mtime = sti.stat().st_mtime
    except OSError:
        return []
    return list(_mangler(str(sti), mtime).get(table_id, ()))


@_gemt(4, noegler=lambda a: ())  # of the manifest (its mtime), no table
def _mangler(sti: str, mtime: float) -> dict[str, tuple]:
    """Read once per manifest version: a brief asks for parts of a dimension in many calls."""
    from pathlib import Path

    from .processed import processed_manifest

    return {t: tuple(v.get("mangler") or ()) for t, v in processed_manifest(Path(sti).parent)["tables"].items()}


def _opdeling_hentet(table_id: str, kolonne: str) -> None:
    """Raise ManglendeOpdeling when `kolonne` belongs to a cut of the table that the fetch had to skip."""
    for mm in manglende_opdelinger(table_id):
        if kolonne in mm.get("opdeling", []):
            hvorfor = "; ".join(f"{w['hvad']} (lib/noegletal/catalogue.yml linje {w['linje']}"
                                + (f", nærmeste i Jobindsats: {', '.join(repr(n) for n in w['naermeste'])}"
                                   if w.get("naermeste") else "") + ")" for w in mm.get("hvorfor", []))
            raise ManglendeOpdeling(
                f"Opdelingen efter {mm.get('navn') or ' og '.join(mm['opdeling'])} i tabel {table_id} er ikke "
                f"hentet: {hvorfor}. "
                f"Kør `noegletal data tjek --ret` og derefter `noegletal data fetch --tabel {table_id}`, og lav "
                "briefen igen.", table_id, kolonne)
