"""The command line: `noegletal data …`, `noegletal kommuner`, `noegletal brief …`, `noegletal batch …`.

Every fault reaches the user as one Danish message, never a traceback (`-v` shows the traceback too), all in
`main()`: a NoegletalFejl (something to act on) exits with 2; a FilFejl or any OSError (disk full, no
permission, read-only filesystem, a file where a folder should be or the reverse) with 74 (EX_IOERR); Ctrl-C with 130 and SIGTERM, where a command handles
it, with 143 (128 + the signal). Arguments are NFC-normalised where they enter (names and periods from other
programs), file names excepted. Commands that write in the data folder (build, demo, fetch, importer) hold its
lock (laas.py): a second one says who holds it, or waits with --vent.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import shlex
import signal
import sys
import time
import unicodedata

from . import __version__, catalogue, config, geo, jobs
from .errors import (
    FilFejl,
    ManglendeData,
    ManglendeNoegle,
    NoegletalFejl,
    TjenesteNede,
    EKKO_MAKS,
    UgyldigParameter,
    ekko,
    fil_fejl,
)
from .periods import periode


def _print_table(rows: list[tuple], header: tuple) -> None:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    for r in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(x).ljust(w) for x, w in zip(r, widths)).rstrip())


# data ---------------------------------------------------------------------------------------------
def _datamappe(args):
    """Hold the data folder for this command (SIGTERM as Ctrl-C, leftovers of killed runs swept first)."""
    from . import laas

    return laas.datamappe(getattr(args, "kommandolinje", None), vent=getattr(args, "vent", False))


def cmd_data_demo(args) -> None:
    with _datamappe(args):
        _data_demo(args)


def _data_demo(args) -> None:
    from .sources import demo

    t0 = time.perf_counter()
    entries = demo.generate(progress=True)
    print(f"Demodata skrevet: {len(entries)} rådatafiler i {config.raw_dir()} ({time.perf_counter() - t0:.1f} s).")
    if not args.uden_build:
        cmd_data_build(args)


def cmd_data_fetch(args) -> int:
    with _datamappe(args):
        return _data_fetch(args)


def _data_fetch(args) -> int:
    """Fetch and build. 0: all fetched; EXIT_DELVIS: fetched, but some breakdowns are missing (each named on
    one line); a failure raises (exit 2, 74, …)."""
    from .raw import RawStore
    from .sources import FETCHERS as fetchers
    from .sources import http, jobindsats
    sources = [args.source] if args.source else list(fetchers)
    specs = [s for s in catalogue.tables().values() if s.source in sources and (not args.tabel or s.id in args.tabel)]
    if not specs:
        raise UgyldigParameter(f"Ingen tabeller at hente for {sources} {ekko(' '.join(args.tabel or []))}. "
                               "Se `noegletal indikatorer`.")
    store, failed, dead, delvis = RawStore(), [], {}, []
    if args.nye:  # the monthly routine: only what Jobindsats has updated since it was fetched
        from . import datatjek

        specs, uaendret = datatjek.nye(specs, store.entries().values())
        if uaendret:
            print(f"Uændret hos Jobindsats siden sidste hentning, springes over: {', '.join(uaendret)}.")
        if not specs:
            print("Ingen tabeller er opdateret siden sidste hentning; intet hentet.")
            return 0
    if store.demo_tables():  # demo and real data never mix in one data folder
        if args.erstat_demo and "jobindsats" in sources:
            jobindsats.JobindsatsClient()  # no key: say so before the demo data are deleted
        removed = store.refuse_demo(_fetch_kommando(args), replace=args.erstat_demo)
        print(f"Demodata slettet ({len(removed)} tabeller); henter rigtige data i {config.data_dir()}.")
    linje = _Fremdrift()
    token = http.on_progress(linje)
    try:
        for i, spec in enumerate(specs):
            if spec.source in dead:  # the service is down: the other tables would only wait for the same
                failed.append(spec.id)
                continue
            linje(f"Henter {spec.id} ({spec.title}) fra {spec.kilde}")
            try:
                foer = _tabellens_filer(store, spec)
                entries = fetchers[spec.source](spec, store, fra=args.fra, erstat=args.erstat)
                linje.done(_hentet_tekst(spec, foer, _tabellens_filer(store, spec), entries, args.erstat))
                if entries and entries[0].mangler:
                    delvis.append(jobindsats.mangler_linje(spec, entries[0].mangler))
            except (ManglendeNoegle, FilFejl):
                raise  # no key, a full disk, a read-only folder fail every table alike: say it once
            except TjenesteNede as e:
                failed.append(spec.id)
                dead[spec.source] = spec.id
                linje.done(f"{spec.id}: Fejl: {e}", file=sys.stderr)
            except NoegletalFejl as e:
                failed.append(spec.id)
                linje.done(f"{spec.id}: Fejl: {e}", file=sys.stderr)
    finally:
        http.end_progress(token)
    for tekst in delvis:  # one line per table with a missing breakdown
        print(tekst, file=sys.stderr)
    skipped = [s.id for s in specs if s.source in dead and s.id != dead[s.source] and s.id in failed]
    if skipped:
        print(f"Ikke forsøgt, fordi {', '.join(sorted({spec.kilde for spec in specs if spec.source in dead}))} "
              f"ikke svarer (se fejlen ved {', '.join(dead.values())}): {', '.join(skipped)}. Deres tidligere "
              "hentede filer er bevaret. Prøv igen senere.", file=sys.stderr)
    if failed and len(failed) == len(specs):
        raise NoegletalFejl(
            f"Ingen af de {len(specs)} tabel(ler) kunne hentes: {', '.join(failed)}. Intet er ændret: tidligere "
            "hentede filer er bevaret, og der er intet nyt at bygge. Ret fejlen ovenfor (svarer tjenesten ikke: prøv "
            f"igen senere), og kør `{_fetch_kommando(args)}` igen."
        )
    if failed:
        raise NoegletalFejl(
            f"{len(failed)} af {len(specs)} tabel(ler) kunne ikke hentes: {', '.join(failed)}. De øvrige er gemt; "
            "tidligere hentede filer for de fejlede tabeller er bevaret. Byg de hentede med `noegletal data build`, "
            f"og hent de fejlede igen med `noegletal data fetch --tabel {' '.join(failed)}`."
        )
    if not args.uden_build:
        cmd_data_build(args)
    if delvis:
        print(f"Hentet, men {len(delvis)} tabel(ler) mangler en opdeling (exitkode {EXIT_DELVIS}); totalerne og "
              "de øvrige opdelinger er hentet og bygget. Briefs viser en boks, hvor en opdeling mangler.",
              file=sys.stderr)
        return EXIT_DELVIS
    return 0


def _tabellens_filer(store, spec) -> dict:
    return {k: e for k, e in store.entries().items() if e.source == spec.source and e.table == spec.id}


def _spaend(entries) -> str:
    """'2016M01–2018M06' for the periods the files hold ('' when their manifest does not say)."""
    from .periods import periode

    alle = sorted({p for e in entries for p in e.perioder}, key=lambda k: periode(k).foerste_dag())
    return f"{alle[0]}–{alle[-1]}" if len(alle) > 1 else (alle[0] if alle else "")


def _hentet_tekst(spec, foer: dict, efter: dict, nye: list, erstat: bool) -> str:
    """What one table's fetch wrote, and what it kept or (with --erstat) removed of what was held."""
    nye_stier = {e.path for e in nye}
    spaend = _spaend(nye)
    tekst = f"{spec.id}: {len(nye)} fil(er) gemt" + (f" ({spaend})" if spaend else "") + "."
    beholdt = [e for k, e in efter.items() if k not in nye_stier]
    fjernet = [e for k, e in foer.items() if k not in efter or k in nye_stier and e.sha256 != efter[k].sha256]
    if beholdt:
        tekst += (f" Ældre perioder fra en tidligere hentning er bevaret ({len(beholdt)} fil(er)"
                  + (f", {_spaend(beholdt)}" if _spaend(beholdt) else "") + ")"
                  + (f"; tabellen har nu {_spaend(efter.values())}" if all(e.perioder for e in efter.values()) else "")
                  + ". `--erstat` henter kun det nye spænd og fjerner resten.")
    if erstat and fjernet:
        uden = sorted({p for e in fjernet for p in e.perioder} - {p for e in efter.values() for p in e.perioder})
        tekst += (f" --erstat fjernede {len(fjernet)} tidligere hentet(e) fil(er)"
                  + (f"; {len(uden)} periode(r) ({uden[0]}–{uden[-1]}) er ikke længere i data" if uden else "") + ".")
    return tekst


def _fetch_kommando(args) -> str:
    """The fetch command as given, for a message that says how to run it again."""
    return " ".join(["noegletal data fetch", *([f"--source {args.source}"] if args.source else []),
                     *([f"--fra {args.fra}"] if args.fra else []), *(["--erstat"] if args.erstat else []),
                     *([f"--tabel {' '.join(args.tabel)}"] if args.tabel else []),
                     *(["--nye"] if getattr(args, "nye", False) else [])])


def cmd_data_importer(args) -> None:
    with _datamappe(args):
        _data_importer(args)


def _data_importer(args) -> None:
    from . import egne_import

    res = egne_import.importer(args.fil, args.tabel, args.ark, erstat_demo=args.erstat_demo)
    if res.removed_demo:
        print(f"Demodata slettet ({len(res.removed_demo)} tabeller). Hent de øvrige tabeller med `noegletal data fetch`.")
    print(f"Indlæst: {res.entry.original_name} som tabel {res.entry.table} ({res.rows} rækker, {res.areas} områder, "
          f"{res.first}–{res.last}); gemt uændret i {config.raw_dir() / res.entry.path}.")
    for advarsel in res.advarsler or []:
        print(f"  Advarsel: {advarsel}", file=sys.stderr)
    if res.antal_advarsler > len(res.advarsler or []):
        print(f"  … og {res.antal_advarsler - len(res.advarsler):,} advarsler mere.".replace(",", "."), file=sys.stderr)
    if not args.uden_build:
        cmd_data_build(args)


def cmd_data_skabelon(args) -> None:
    from . import egne_import

    path = egne_import.skabelon(args.tabel, args.ud)
    print(f"Skabelon skrevet: {path}. Udfyld arket '{egne_import.DATA_ARK}' (arket '{egne_import.FORKLARING_ARK}' "
          f"forklarer kolonnerne), og indlæs den med `noegletal data importer {path} --tabel {args.tabel}`.")


class _Fremdrift:
    """One progress line that is rewritten in place on a terminal (table, part, tries), and plain lines
    elsewhere (a log file, CI)."""

    def __init__(self):
        self.tty = sys.stdout.isatty()
        self.width = 0

    def __call__(self, text: str) -> None:
        if self.tty:
            print("\r" + text.ljust(self.width)[:160], end="", flush=True)
            self.width = min(len(text), 160)
        elif "forsøg" in text or text.startswith("Henter"):
            print(text, flush=True)

    def done(self, text: str, file=None) -> None:
        if self.tty:
            print("\r" + " " * self.width + "\r", end="", flush=True)
            self.width = 0
        print(f"  {text}", file=file or sys.stdout, flush=True)


def cmd_data_tjek(args) -> None:
    from . import datatjek
    from .sources import http

    with http.frist(http.COMMAND_DEADLINE):  # a server that answers each request slowly still ends it
        reports = datatjek.tjek(tables=args.tabel)
    if args.ret:
        forslag = datatjek.rettelser_fra(reports)
        with _datamappe(args):
            skrevne = datatjek.skriv_rettelser(forslag)
        if skrevne:  # again, with the corrections, so the table shows what is still off
            with http.frist(http.COMMAND_DEADLINE):
                reports = datatjek.tjek(tables=args.tabel)
        ok = datatjek.print_reports(reports)
        datatjek.print_rettelser(forslag, skrevne)
        if skrevne:
            print("Hent nu tabellerne igen med `noegletal data fetch` (rettelserne bruges ved hentningen).")
        if not ok:
            raise NoegletalFejl("Kataloget passer endnu ikke helt med Jobindsats: se linjerne ovenfor.")
        return
    if not datatjek.print_reports(reports):
        raise NoegletalFejl("Kataloget passer ikke med Jobindsats: ret linjerne ovenfor, og kør `noegletal data tjek` igen.")


def cmd_data_tabeller(args) -> None:
    from . import datatjek
    from .sources import http

    with http.frist(http.COMMAND_DEADLINE):
        rows = datatjek.tabeller(" ".join(args.soeg or []))
    if not rows:
        print(f"Ingen tabeller i Jobindsats matcher '{' '.join(args.soeg or [])}'.")
        return
    _print_table(rows, ("id", "navn", "senest opdateret"))
    print(f"{len(rows)} tabel(ler). Brug id'et (med små bogstaver) i lib/noegletal/catalogue.yml.")


def cmd_data_build(args) -> None:
    with _datamappe(args):
        if getattr(args, "genopbyg_manifest", False):
            _genopbyg_manifest()
        _data_build(args)


def _data_build(args) -> None:
    from . import pipeline

    t0 = time.perf_counter()
    results = pipeline.build(progress=True)
    rows = sum(r.rows for r in results)
    print(f"Bearbejdede data bygget: {len(results)} tabeller, {rows:,} rækker i {config.processed_dir()} "
          f"({time.perf_counter() - t0:.1f} s).".replace(",", "."))
    for r in results:
        if r.unknown_areas:
            print(f"  Bemærk: {r.table} har områder uden kommunekode: {', '.join(r.unknown_areas[:5])}")
        if r.huller:
            vist = ", ".join(r.huller[:6]) + (f" og {len(r.huller) - 6} flere" if len(r.huller) > 6 else "")
            print(f"  Advarsel: {vist} mangler i {r.table} (inden for tabellens perioder); briefs for de perioder "
                  "fejler med en besked. Hent tabellen igen for at udfylde hullet.", file=sys.stderr)


def _genopbyg_manifest() -> None:
    """`data build --genopbyg-manifest`: a raw manifest made again from the files and their checksums."""
    from . import pipeline, raw

    try:
        processed = pipeline.processed_manifest()
    except NoegletalFejl:  # no (readable) processed data: the files' own marks must do
        processed = None
    store = raw.RawStore()
    res = raw.genopbyg_manifest(store, processed)
    demo = sum(e.demo for e in res.entries)
    print(f"Manifest genopbygget: {store.manifest_path} med {len(res.entries)} fil(er)"
          + (f", heraf {demo} demodata" if demo else "") + ".")
    for note in res.noter:
        print(f"  Bemærk: {note}")
    if res.ikke_placeret:
        print(f"{len(res.ikke_placeret)} fil(er) kunne ikke placeres og er ikke med i manifestet (de ligger stadig i "
              f"{store.root}; hent dem igen, eller flyt dem væk):", file=sys.stderr)
        for sti, grund in res.ikke_placeret[:20]:
            print(f"  {sti}: {grund}", file=sys.stderr)
        if len(res.ikke_placeret) > 20:
            print(f"  … og {len(res.ikke_placeret) - 20} flere", file=sys.stderr)


def cmd_data_status(args) -> None:
    from . import data, egne_import, pipeline
    from .raw import RawStore

    raw = RawStore().entries()
    print(f"Rådata: {len(raw)} filer i {config.raw_dir()}"
          + (f" ({sum(e.demo for e in raw.values())} demo)" if raw else " — kør `make data` eller `noegletal data demo`."))
    if not data.processed_exists():
        print("Bearbejdede data: ingen endnu — kør `noegletal data build`.")
        return
    manifest = pipeline.processed_manifest()
    print(f"Bearbejdede data: bygget {manifest['built_at']}")
    rows, skader = [], []
    for tid, info in sorted(manifest["tables"].items()):
        try:
            df = data.tabel(tid)
            spec = catalogue.table(tid)
        except NoegletalFejl as e:  # a damaged or missing table: the others are still shown
            rows.append((tid, "MANGLER" if isinstance(e, ManglendeData) else "BESKADIGET", "", "", "", ""))
            skader.append(e)
            continue
        kommuner = df.loc[df["niveau"] == "kommune", "omraade_kode"].nunique()
        rows.append((tid, egne_import.kilde_tekst(info, spec), "demodata" if info["demo"] else info["retrieved_at"][:10],
                     f"{df['periode'].min()}–{df['periode'].max()}", kommuner, f"{info['rows']:,}".replace(",", ".")))
    nyt = _nyt_hos_jobindsats(raw.values())
    if nyt is not None:
        rows = [(*r, nyt.get(r[0], "")) for r in rows]
    _print_table(rows, ("tabel", "kilde", "hentet/indlæst", "perioder", "kommuner", "rækker",
                        *(["nyere hos Jobindsats"] if nyt is not None else [])))
    for tid, info in sorted(manifest["tables"].items()):  # cuts `data fetch` could not get
        for mm in info.get("mangler") or []:
            naer = "; ".join(f"{w['hvad']} (catalogue.yml linje {w['linje']})" for w in mm.get("hvorfor", []))
            print(f"{tid}: mangler opdelingen efter {mm.get('navn') or ' og '.join(mm['opdeling'])} — {naer}. Ret med "
                  f"`noegletal data tjek --ret`, og hent med `noegletal data fetch --tabel {tid}`.")
    rettelser = catalogue.rettelser()
    if rettelser:
        print(f"Katalogrettelser i brug: {catalogue.rettelser_sti()} (tabel {', '.join(sorted(rettelser))}); de "
              "bruges ved `data fetch`.")
    mangler = [t for t in catalogue.tables() if t not in manifest["tables"]]
    egne = [t for t in mangler if catalogue.table(t).source == "egne"]
    if mangler and len(egne) < len(mangler):
        print(f"Ikke i data: {', '.join(t for t in mangler if t not in egne)} — hent med `noegletal data fetch`.")
    if egne:
        print(f"Egne data ikke indlæst: {', '.join(egne)} — lav en skabelon med `noegletal data skabelon TABEL`, "
              "og indlæs den med `noegletal data importer FIL --tabel TABEL`.")
    if skader:
        for e in skader[1:]:
            print(f"Fejl: {e}", file=sys.stderr)
        raise skader[0]


def _nyt_hos_jobindsats(entries) -> dict[str, str] | None:
    """Per fetched Jobindsats table: has the service updated it since (from `/tables`, one call)? None, with a
    line saying why, when it cannot be asked (no key, no answer); status shows the rest all the same."""
    from . import datatjek
    from .errors import ApiFejl

    har = datatjek.hentet(entries)
    if not har:
        return None
    if not os.environ.get(config.KEY_ENV, "").strip():
        print(f"Sæt {config.KEY_ENV} for at se, om Jobindsats har nyere tal end de hentede.")
        return None
    try:
        from .sources import http
        from .sources.jobindsats import JobindsatsClient

        live = datatjek.opdateret(JobindsatsClient(session=http.make_session(retries=0), timeout=(3.05, 15)))
    except (ApiFejl, ManglendeNoegle, TjenesteNede) as e:
        hvorfor = str(e).split(". ")[0].rstrip(".")  # its first sentence: why; the rest is advice for a fetch
        print(f"Kunne ikke spørge Jobindsats, om der er nyere tal ({hvorfor}); resten af status er vist.")
        return None
    out = {}
    for tid, tid_hentet in har.items():
        svar = datatjek.er_nyere(live.get(tid.lower(), ""), tid_hentet)
        opd = live.get(tid.lower(), "")[:10]
        out[tid] = "ukendt" if svar is None else (f"ja, opdateret {opd} — `noegletal data fetch --nye`" if svar
                                                  else f"nej (opdateret {opd})")
    return out


def cmd_data_backtest(args) -> None:
    import pandas as pd

    from . import backtest

    result = backtest.run()
    counts = result["status"].value_counts().to_dict()
    shown = result if args.alle else result[result["status"] != "ok"]
    for r in shown.itertuples():
        demo = "" if pd.isna(r.demo) else f" → {r.demo:g}"
        print(f"[{r.status}] {r.area}, {r.indicator} {r.dimension if isinstance(r.dimension, str) else ''} "
              f"{r.period}: {r.published:g}{demo}" + (f" — {r.reason}" if isinstance(r.reason, str) and r.reason else ""))
    print("Backtest mod offentliggjorte tal: " + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
    kontrol = result[(result["status"] == "afviger") & ~result["kalibreret"].astype(bool)]
    if len(kontrol):
        print(f"Heraf {len(kontrol)} afvigende tal, som demodata ikke er kalibreret til, fordi deres definition er "
              "ukendt eller ikke kan gengives (published_mapping.yml, demo: false): de viser, om definitionen passer.")
    if counts.get("afviger", 0) > len(kontrol):
        raise NoegletalFejl(f"{counts['afviger'] - len(kontrol)} offentliggjorte tal gengives ikke. Se listen ovenfor.")


# reference -------------------------------------------------------------------------------------
def cmd_kommuner(args) -> None:
    from . import klynger

    found = geo.soeg(args.soeg or "")
    if not found:
        geo.omraade(args.soeg)  # raises with the nearest matches
    rows = [(o.kode, o.navn, o.niveau, geo.region_for(o).navn if o.niveau == geo.KOMMUNE else "",
             klynger.klynge_for(o) if o.niveau == geo.KOMMUNE else "") for o in found]
    _print_table(rows, ("kode", "navn", "niveau", "region", "klynge"))


def cmd_grupper(args) -> None:
    """Every group of kommuner with its members and source, or one group (`noegletal grupper NAVN`)."""
    import textwrap

    from . import grupper, klynger

    klyngegrupper = klynger.klyngegrupper()  # STAR's klynger as groups, where they are imported
    if args.navn:
        o = klynger.omraade(args.navn)
        if o.niveau != geo.GRUPPE:
            raise UgyldigParameter(f"'{o.navn}' er {'en kommune' if o.niveau == geo.KOMMUNE else 'ikke en gruppe'}, "
                                   "ikke en gruppe af kommuner. `noegletal grupper` viser grupperne.")
        g = grupper.gruppe(o)
        print(f"{g.navn}: {len(g.medlemmer)} kommuner")
        print(f"Kilde: {g.kilde}")
        if g.note:
            print(f"Note: {g.note}")
        if g.aliaser:
            print(f"Skrives også: {', '.join(g.aliaser)}")
        _print_table([(m.kode, m.navn, geo.region_for(m).navn) for m in g.medlemmer], ("kode", "kommune", "region"))
        return
    alle = grupper.alle()
    for g in [*alle, *(k for k in klyngegrupper if k.kode not in {a.kode for a in alle})]:
        print(f"{g.navn} ({len(g.medlemmer)} kommuner) — {g.kilde}" + (f"; {g.note}" if g.note else ""))
        print(textwrap.fill(", ".join(m.navn for m in g.medlemmer), width=100, initial_indent="    ",
                            subsequent_indent="    "))
    if not klyngegrupper:
        print("STAR's klynger er ikke indlæst, så de er ikke grupper her (`noegletal data skabelon klynger`).")
    if not grupper.gruppefil().is_file():
        print(f"Ingen egne grupper: skriv dem i {grupper.gruppefil()} (se `noegletal grupper --help`).")


def cmd_indikatorer(args) -> None:
    rows = [(i.id, i.label, i.table, i.spec.source, i.spec.evidence, i.unit) for i in catalogue.indicators().values()]
    _print_table(rows, ("id", "indikator", "tabel", "kilde", "evidens", "enhed"))
    print("Evidens: seen = set i et svar fra det levende API, code = brugt af kode mod API'et, inferred = sluttet, "
          "unknown = ukendt. `noegletal data tjek` afgør det med en nøgle.")


# briefs -----------------------------------------------------------------------------------------
def cmd_brief(args) -> None:
    from . import batch

    formater = jobs.formater(args.format)
    html = batch.brief(args.tema, args.kommune, args.periode, args.ud, formater=formater, parametre=_parametre(args))
    for fmt in formater:
        if html.with_suffix(f".{fmt}").is_file():
            print(html.with_suffix(f".{fmt}"))


def cmd_batch(args) -> None:
    from . import batch

    workers = args.workers
    if workers is not None and workers < 1:
        raise UgyldigParameter(f"--workers skal være mindst 1, ikke {workers}.")
    if args.tidsgraense is not None and not args.tidsgraense >= 0:  # NaN too
        raise UgyldigParameter(f"--tidsgraense skal være 0 (ingen grænse) eller et antal sekunder over 0, ikke "
                               f"{args.tidsgraense:g}.")
    ekstra = _parametre(args)
    opsummering = batch.batch(args.kommuner, args.temaer, args.periode, args.ud, parametre=ekstra,
                              formater=jobs.formater(args.format), workers=workers, tving=args.tving,
                              tidsgraense=args.tidsgraense or None, vis_fremdrift=not args.stille,
                              rapporter=args.rapport, vent=args.vent, kommando=getattr(args, "kommandolinje", None),
                              tillad_mangler=args.tillad_mangler)
    print(opsummering.tekst())
    if opsummering.afbrudt:
        raise opsummering.afbrydelse()
    disk = [r for r in opsummering.fejlede if r.fejltype == FilFejl.__name__]
    if disk:  # the disk, a folder or access: exit 74, with the first such message
        raise FilFejl(f"{len(opsummering.fejlede)} brief(s) fejlede (se listen ovenfor), {len(disk)} af dem fordi en "
                      f"fil ikke kunne skrives. Den første: {disk[0].besked or disk[0].grund}")
    if opsummering.fejlede:
        raise NoegletalFejl(f"{len(opsummering.fejlede)} brief(s) fejlede (se listen ovenfor). De øvrige er skrevet; "
                            "kør samme kommando igen, når fejlen er rettet: færdige briefs springes over.")


def cmd_rapport(args) -> None:
    from . import batch

    formater = jobs.formater(args.format)
    html = batch.rapport(args.kommune, args.periode, args.ud, formater=formater, temaer=args.temaer,
                         workers=args.workers, tving=args.tving, vis_fremdrift=not args.stille, vent=args.vent,
                         kommando=getattr(args, "kommandolinje", None), tillad_mangler=args.tillad_mangler,
                         parametre=_parametre(args), dokument=getattr(args, "dokument", None))
    for fmt in formater:
        if html.with_suffix(f".{fmt}").is_file():
            print(html.with_suffix(f".{fmt}"))


def cmd_kommentar(args) -> None:
    from . import kommentarer

    tema, kommune = jobs.tema(args.tema), jobs.kommune(args.kommune).navn
    p = jobs.udvalgsperiode(args.periode).kode  # a month, or a quarter or year: the brief's own folder
    html = jobs.html_sti(config.udmappe(args.ud), p, kommune, tema)
    if not html.is_file():
        raise UgyldigParameter(f"Briefen {html} findes ikke endnu. Lav den først med `noegletal brief {tema} "
                               f"--kommune {shlex.quote(kommune)} --periode {p}`.")
    sti = config.kommentarer_dir() / p / kommune / f"{tema}.md"
    if sti.exists():
        raise UgyldigParameter(f"{sti} findes allerede; ret den, eller slet den for at få en ny skabelon.")
    sti.parent.mkdir(parents=True, exist_ok=True)
    sti.write_text(kommentarer.skabelon(html.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"Skabelon skrevet: {sti}\nSkriv jeres bemærkninger i den, og lav briefen igen: de kommer med under "
          "titlen og ved de blokke, I nævner.")


def _parametre(args) -> dict:
    """The notebook parameters given with -p, typed (see `_parameter`)."""
    return dict(_parameter(navn, vaerdi) for navn, vaerdi in args.parameter or [])


def _parameter(navn: str, vaerdi: str) -> tuple[str, object]:
    """`-p maal_nye_fleksjob 120` → ('maal_nye_fleksjob', 120): numbers as numbers, the rest as text."""
    import ast

    import math

    try:
        tal = ast.literal_eval(vaerdi)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):  # also '((((…' nested past the parser
        return navn, vaerdi
    if isinstance(tal, float) and not math.isfinite(tal):  # '1e400' overflows to inf: the check says it as typed
        return navn, vaerdi
    return navn, tal


# --- argparse in Danish: its own words (usage, errors, section titles) are English ----------------------

_ARGPARSE_FEJL = [  # argparse's error messages → Danish
    (re.compile(r"the following arguments are required: (.+)"), r"mangler: \1"),
    (re.compile(r"unrecognized arguments: (.+)"), r"ukendte argumenter: \1"),
    (re.compile(r"argument (\S+): invalid choice: (\S+) \(choose from (.+)\)"), r"\1: ukendt valg \2; vælg et af: \3"),
    (re.compile(r"argument (\S+): invalid (?:int|float) value: (\S+)"), r"\1: \2 er ikke et tal"),
    (re.compile(r"argument (\S+): expected (\d+) arguments?"), r"\1 skal have \2 værdi(er)"),
    (re.compile(r"argument (\S+): expected one argument"), r"\1 skal have en værdi"),
    (re.compile(r"^argument (\S+): "), r"\1: "),  # a type's own (Danish) message, e.g. --fra's
]


def _periode_kode(tekst: str) -> str:
    """`--fra 2015M01` as a period code; a period that cannot be read is argparse's error, in our Danish."""
    from .errors import UgyldigPeriode

    try:
        return periode(tekst).kode
    except UgyldigPeriode as e:
        raise argparse.ArgumentTypeError(str(e)) from None


_LANGT_ORD = re.compile(rf"[^\s'…]{{{EKKO_MAKS + 1},}}")  # a word not shortened yet


class _DanskHjaelp(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "brug: " if prefix is None else prefix)


class _DanskParser(argparse.ArgumentParser):
    """An ArgumentParser that speaks Danish: usage, section titles, -h and the error messages."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _DanskHjaelp)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenter"
        self._optionals.title = "tilvalg"
        self.add_argument("-h", "--help", action="help", help="vis denne hjælp og stop")

    def error(self, message: str):
        for mønster, dansk in _ARGPARSE_FEJL:
            message = mønster.sub(dansk, message)
        message = _LANGT_ORD.sub(lambda m: ekko(m.group(0)), ekko(message, maks=None))  # an argument echoed back
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fejl: {message.rstrip('.')}. Se `{self.prog} -h`.\n")


VENT_HJAELP = "vent, hvis en anden kørsel bruger datamappen, i stedet for at stoppe"


def build_parser() -> argparse.ArgumentParser:
    p = _DanskParser(prog="noegletal", description="Nøgletal for beskæftigelsesområdet som HTML-briefs.")
    p.add_argument("--version", action="version", version=f"noegletal {__version__}", help="vis versionen og stop")
    p.add_argument("-v", "--verbose", action="store_true", help="vis detaljer (log)")
    sub = p.add_subparsers(dest="kommando", required=True, title="kommandoer", metavar="KOMMANDO")

    d = sub.add_parser("data", help="hent, byg og undersøg data").add_subparsers(
        dest="data_kommando", required=True, title="kommandoer", metavar="KOMMANDO")
    demo = d.add_parser("demo", help="skriv indlejrede demodata (ingen nøgle nødvendig) og byg")
    demo.add_argument("--uden-build", action="store_true", help="skriv kun rådata")
    demo.add_argument("--vent", action="store_true", help=VENT_HJAELP)
    demo.set_defaults(func=cmd_data_demo)
    fetch = d.add_parser("fetch", help="hent rigtige data fra Jobindsats og Statistikbanken og byg")
    fetch.add_argument("--source", choices=["jobindsats", "statbank"], help="kun én kilde")
    fetch.add_argument("--fra", type=_periode_kode, help="første periode, fx 2015M01")
    fetch.add_argument("--tabel", nargs="*", help="kun disse tabeller (id fra kataloget)")
    fetch.add_argument("--uden-build", action="store_true", help="skriv kun rådata")
    fetch.add_argument("--erstat", action="store_true",
                       help="erstat tabellens hentede perioder med det nye spænd (standard: ældre måneder bevares)")
    fetch.add_argument("--nye", action="store_true",
                       help="kun Jobindsats-tabeller, der er opdateret siden de blev hentet (/tables' update_latest)")
    fetch.add_argument("--erstat-demo", action="store_true", help="slet demodata i datamappen først (de blandes aldrig)")
    fetch.add_argument("--vent", action="store_true", help=VENT_HJAELP)
    fetch.set_defaults(func=cmd_data_fetch)
    imp = d.add_parser("importer", help="indlæs egne data (tal, intet API har) fra et regneark eller en CSV-fil og byg")
    imp.add_argument("fil", help="regneark (.xlsx) eller CSV-fil i det lange format (se `noegletal data skabelon`)")
    imp.add_argument("--tabel", required=True, help="tabellens id i kataloget, fx ministermaal")
    imp.add_argument("--ark", help="arkets navn i regnearket (standard: det første ark)")
    imp.add_argument("--erstat-demo", action="store_true", help="slet demodata i datamappen først (de blandes aldrig)")
    imp.add_argument("--uden-build", action="store_true", help="gem kun filen som rådata")
    imp.add_argument("--vent", action="store_true", help=VENT_HJAELP)
    imp.set_defaults(func=cmd_data_importer)
    sk = d.add_parser("skabelon", help="skriv et regneark til at udfylde med egne data for en tabel")
    sk.add_argument("tabel", help="tabellens id i kataloget, fx ministermaal")
    sk.add_argument("--ud", help="filnavn (standard: <tabel>_skabelon.xlsx i den aktuelle mappe)")
    sk.set_defaults(func=cmd_data_skabelon)
    tj = d.add_parser("tjek", help="sammenlign kataloget med det levende Jobindsats (henter ingen data)")
    tj.add_argument("--tabel", nargs="*", help="kun disse tabeller (id fra kataloget)")
    tj.add_argument("--ret", action="store_true",
                    help=f"skriv de sikre rettelser i datamappens {catalogue.RETTELSER_FIL} (pakken rettes aldrig)")
    tj.set_defaults(func=cmd_data_tjek)
    tb = d.add_parser("tabeller", help="list Jobindsats' tabeller (id, navn, senest opdateret)")
    tb.add_argument("soeg", nargs="*", help="søgeord i id, navn eller emne, fx ledige")
    tb.set_defaults(func=cmd_data_tabeller)
    bu = d.add_parser("build", help="byg data/processed forfra fra data/raw")
    bu.add_argument("--vent", action="store_true", help=VENT_HJAELP)
    bu.add_argument("--genopbyg-manifest", action="store_true",
                    help="lav data/raw/manifest.json igen ud fra filerne og deres checksummer, og byg")
    bu.set_defaults(func=cmd_data_build)
    d.add_parser("status", help="kilder, årgange og dækning").set_defaults(func=cmd_data_status)
    bt = d.add_parser("backtest", help="sammenlign data med offentliggjorte tal")
    bt.add_argument("--alle", action="store_true", help="vis også de tal, der stemmer")
    bt.set_defaults(func=cmd_data_backtest)

    k = sub.add_parser("kommuner", help="list eller søg kommuner, regioner og klynger")
    k.add_argument("soeg", nargs="?", help="del af et navn eller en kode")
    k.set_defaults(func=cmd_kommuner)
    sub.add_parser("indikatorer", help="list indikatorerne i kataloget").set_defaults(func=cmd_indikatorer)
    gr = sub.add_parser(
        "grupper", help="list grupper af kommuner (Hovedstadsområdet, fælles jobcentre, klynger, egne)",
        description="Grupper af kommuner kan bruges som område overalt, fx -p sammenligning "
                    "\"Hovedstadsområdet,Hele landet\" eller --kommune \"Vallensbæk/Ishøj\". Egne grupper skrives i "
                    "grupper.yml i datamappen, fx:\n\n- navn: Vestegnen\n  medlemmer: [Albertslund, Brøndby, 161]\n"
                    "  note: valgfri forklaring",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    gr.add_argument("navn", nargs="?", help="vis én gruppe, fx Hovedstadsområdet")
    gr.set_defaults(func=cmd_grupper)

    b = sub.add_parser("brief", help="lav én brief som HTML")
    b.add_argument("tema", help=f"et af: {', '.join(config.TEMAER)}")
    b.add_argument("--kommune", required=True, help="kommunenavn eller -kode, fx Ballerup eller 151")
    b.add_argument("--periode", help="fx 2017M10, 2017-10 eller 'okt 2017' (standard: notesbogens egen)")
    b.add_argument("--ud", help="mappe til output (standard: outputs/)")
    b.add_argument("--format", default="html", help="html (standard), pdf og/eller xlsx, adskilt af komma, fx html,pdf,xlsx")
    b.add_argument("-p", "--parameter", nargs=2, action="append", metavar=("NAVN", "VÆRDI"),
                   help="en af notesbogens øvrige parametre, fx -p maal_nye_fleksjob 120 "
                        "(`papermill --help-notebook notebooks/<tema>.ipynb` viser dem)")
    b.set_defaults(func=cmd_brief)

    bt = sub.add_parser("batch", help="lav alle briefs for en periode: hver kommune × hvert tema, parallelt")
    bt.add_argument("--periode", required=True, help="fx 2017M10, 2017-10 eller 'okt 2017'")
    bt.add_argument("--kommuner", default="alle", help="'alle' (standard) eller navne/koder adskilt af komma")
    bt.add_argument("--temaer", default="alle", help=f"'alle' (standard: dem med notesbog) eller af: {', '.join(config.TEMAER)}")
    bt.add_argument("--workers", type=int, help="antal arbejdsprocesser (standard: antal kerner)")
    bt.add_argument("--ud", help="mappe til output (standard: outputs/)")
    bt.add_argument("--format", default="html", help="html (standard), pdf og/eller xlsx, adskilt af komma")
    bt.add_argument("--tving", action="store_true", help="lav også briefs, hvis input er uændret")
    bt.add_argument("--tidsgraense", type=float, default=300, help="sekunder pr. celle, før en brief opgives (0: ingen)")
    bt.add_argument("-p", "--parameter", nargs=2, action="append", metavar=("NAVN", "VÆRDI"),
                    help="en notesbogsparameter til de temaer, der har den, fx -p maaneder 13 eller -p fra ''")
    bt.add_argument("--stille", action="store_true", help="ingen fremdriftslinje")
    bt.add_argument("--rapport", action="store_true", help="lav også én rapport pr. kommune med alle temaer")
    bt.add_argument("--tillad-mangler", action="store_true",
                    help="skriv også en rapport, hvor et kapitel mangler (hullerne står i rapporten)")
    bt.add_argument("--vent", action="store_true", help="vent, hvis en anden kørsel er i gang i samme udmappe")
    bt.set_defaults(func=cmd_batch)

    r = sub.add_parser("rapport", help="én rapport for en kommune: alle temaer som kapitler i ét dokument")
    r.add_argument("--kommune", required=True, help="kommunenavn eller -kode, fx Ballerup eller 151")
    r.add_argument("--periode", required=True, help="fx 2018M06, 2018-06 eller 'jun 2018'")
    r.add_argument("--temaer", default="alle", help="'alle' (standard) eller temaer adskilt af komma")
    r.add_argument("--format", default="html", help="html (standard) og/eller pdf, fx html,pdf")
    r.add_argument("--ud", help="mappe til output (standard: outputs/)")
    r.add_argument("--dokument", help="dokument.yml med titel, kapitler, sammenligning og måltal (standard: "
                                      "kommentarer/<periode>/<kommune>/dokument.yml, hvis den findes)")
    r.add_argument("--workers", type=int, help="antal arbejdsprocesser (standard: antal kerner)")
    r.add_argument("--tving", action="store_true", help="lav også de briefs, hvis input er uændret")
    r.add_argument("--stille", action="store_true", help="ingen fremdriftslinje")
    r.add_argument("--vent", action="store_true", help="vent, hvis en anden kørsel er i gang i samme udmappe")
    r.add_argument("--tillad-mangler", action="store_true",
                   help="skriv rapporten, selv om et kapitel mangler (hullerne står i rapporten); ellers fejler den")
    r.add_argument("-p", "--parameter", nargs=2, action="append", metavar=("NAVN", "VÆRDI"),
                   help="en parameter til de notesbøger, der har den, som i batch, fx -p sammenligning "
                        "\"Hovedstadsområdet,Hele landet\"")
    r.set_defaults(func=cmd_rapport)

    km = sub.add_parser("kommentar", help="skriv en skabelon til jeres bemærkninger til en brief")
    km.add_argument("tema", help=f"et af: {', '.join(config.TEMAER)}")
    km.add_argument("--kommune", required=True, help="kommunenavn eller -kode")
    km.add_argument("--periode", required=True, help="briefens periode, fx 2018M06")
    km.add_argument("--ud", help="mappe med briefs (standard: outputs/)")
    km.set_defaults(func=cmd_kommentar)
    return p


EXIT_FEJL = 2  # a NoegletalFejl: something the user can act on
EXIT_DELVIS = 3  # `data fetch`: fetched and built, but some breakdowns are missing (see the lines it printed)
EXIT_IO = 74  # a FilFejl or an OSError: disk full, no permission, read-only filesystem (EX_IOERR, sysexits.h)

# Arguments that are file names: kept byte for byte (a file name in NFD is another file on Linux).
_FILNAVNE = {"fil", "ud", "ark"}


def _nfc(args) -> None:
    """Names and periods from other programs (a decomposed 'Tårnby', copied from a PDF or a Mac) as NFC."""
    for navn, vaerdi in vars(args).items():
        if navn in _FILNAVNE:
            continue
        if isinstance(vaerdi, str):
            setattr(args, navn, unicodedata.normalize("NFC", vaerdi))
        elif isinstance(vaerdi, list):
            setattr(args, navn, [unicodedata.normalize("NFC", v) if isinstance(v, str) else
                                 [unicodedata.normalize("NFC", x) if isinstance(x, str) else x for x in v]
                                 if isinstance(v, list) else v for v in vaerdi])


def _ekko_arg(arg: str) -> str:
    """An argument as the command to run again shows it: control characters as escapes; a path whole (up to
    the system's limit), anything else at most EKKO_MAKS characters."""
    return ekko(arg, maks=4096 if os.sep in arg else EKKO_MAKS)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    _nfc(args)
    args.kommandolinje = " ".join(["noegletal", *(shlex.quote(_ekko_arg(a)) for a in argv if a not in ("-v", "--verbose"))])
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(message)s")
    if not args.verbose:  # urllib3 announces each retry in English; our own message says what happened
        logging.getLogger("urllib3").setLevel(logging.ERROR)
    for handler in logging.getLogger().handlers:  # a password in a proxy URL never reaches a log line
        handler.addFilter(_skjul_i_log)
    try:
        kode = args.func(args)
        sys.stdout.flush()
    except BrokenPipeError:  # `noegletal indikatorer | head`: the reader has what it wanted
        _stille_stdout()
        return 0
    except FilFejl as e:
        return _fejl(args, e, EXIT_IO, igen=e.igen or args.kommandolinje)
    except NoegletalFejl as e:
        return _fejl(args, e, EXIT_FEJL)
    except OSError as e:  # anything the code did not name itself: still a Danish message, never a traceback
        return _fejl(args, fil_fejl(e, igen=args.kommandolinje), EXIT_IO, aarsag=e)
    except KeyboardInterrupt as e:
        signum = getattr(e, "signum", None)
        hvad = f" ({signal.Signals(signum).name})" if signum else ""
        _luk_fremdrift()
        print(f"Afbrudt{hvad}. Intet halvt skrevet er efterladt.", file=sys.stderr)
        return 128 + (signum or signal.SIGINT)
    return kode if isinstance(kode, int) else 0


def _skjul_i_log(record: logging.LogRecord) -> bool:
    """A logging filter: the record's text with any user and password in a URL masked."""
    from .raw import skjul_legitimation

    tekst = record.getMessage()
    skjult = skjul_legitimation(tekst)
    if skjult != tekst:
        record.msg, record.args = skjult, ()
    return True


def _fejl(args, e: NoegletalFejl, kode: int, igen: str | None = None, aarsag: BaseException | None = None) -> int:
    """Print one Danish message (with `-v` the traceback first) and return the exit code. A user and password
    written into a URL (a proxy in JOBINDSATS_API_URL) are masked in both."""
    from .raw import skjul_legitimation

    _luk_fremdrift()
    if isinstance(e, FilFejl) and igen:
        e.igen = igen
    if args.verbose:
        import traceback

        spor = "".join(traceback.format_exception(aarsag or e))
        print(skjul_legitimation(spor), end="", file=sys.stderr)
    try:
        print(skjul_legitimation(f"Fejl: {e}"), file=sys.stderr)
    except OSError:  # stderr is gone too: the exit code is all that is left
        pass
    return kode


def _luk_fremdrift() -> None:
    """Close progress bars an error left open, so the message starts on a line of its own."""
    tqdm = sys.modules.get("tqdm")
    for bar in list(getattr(getattr(tqdm, "tqdm", None), "_instances", None) or []):
        try:
            bar.close()
        except Exception:
            pass


def _stille_stdout() -> None:
    """After a broken pipe: point stdout at /dev/null so Python's own flush at exit stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
