"""Time and size of the formats beside the HTML: PDF (cold and warm browser) and xlsx, per brief.

Run: `.venv/bin/python benchmarks/pdf_xlsx.py [brief.html …]`. Without files it makes the five Ballerup
demo briefs (`noegletal brief <tema> --kommune Ballerup`, each at its notebook's default period) with
NOEGLETAL_DATA, or with demo data in a temporary folder. Needs Chromium (`NOEGLETAL_CHROMIUM` or
/usr/bin/chromium).

"cold" = start a browser, print one PDF, stop it (`pdf_fra_html` without a motor: `noegletal brief … pdf`);
"warm" = print with a browser already running (`PdfMotor`, as a batch worker does), median of 3.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TEMAER = ["ledighed", "aktivering", "integration", "fleksjob", "overblik"]


def _lav_briefs(ud: Path) -> list[Path]:
    tmp = None
    env = dict(os.environ)
    if "NOEGLETAL_DATA" not in env:
        tmp = tempfile.mkdtemp(prefix="noegletal-bench-data-")
        env["NOEGLETAL_DATA"] = tmp
        cli = Path(sys.executable).with_name("noegletal")
        print("laver demodata …", flush=True)
        subprocess.run([str(cli), "data", "demo"], env=env, check=True, capture_output=True)
    env["NOEGLETAL_OUTPUTS"] = str(ud)
    cli = Path(sys.executable).with_name("noegletal")
    filer = []
    for tema in TEMAER:
        print(f"laver {tema} …", flush=True)
        subprocess.run([str(cli), "brief", tema, "--kommune", "Ballerup"], env=env, check=True, capture_output=True)
        filer.append(next(ud.rglob(f"{tema}.html")))
    return filer


def _kb(n: int) -> str:
    return f"{n / 1024:7.0f} KB"


def main() -> None:
    from noegletal.render.blokke import fodnote
    from noegletal.render.pdf import PdfMotor, pdf_fra_html
    from noegletal.render.xlsx import xlsx_fra_html

    with tempfile.TemporaryDirectory(prefix="noegletal-bench-") as d:
        d = Path(d)
        filer = [Path(a) for a in sys.argv[1:]] or _lav_briefs(d / "outputs")
        raekker = []
        for html in filer:
            t = time.perf_counter()
            pdf_fra_html(html, d / f"{html.stem}-kold.pdf", fodnote(html.read_text(encoding="utf-8")))
            raekker.append({"navn": html.stem, "kold": time.perf_counter() - t, "html": html.stat().st_size})
        t = time.perf_counter()
        with PdfMotor() as motor:
            start = time.perf_counter() - t
            for r, html in zip(raekker, filer):
                tider = []
                for i in range(3):
                    t = time.perf_counter()
                    motor.pdf(html, d / f"{html.stem}.pdf", fodnote(html.read_text(encoding="utf-8")))
                    tider.append(time.perf_counter() - t)
                r["varm"] = statistics.median(tider)
                r["pdf"] = (d / f"{html.stem}.pdf").stat().st_size
        for r, html in zip(raekker, filer):
            tekst = html.read_text(encoding="utf-8")
            t = time.perf_counter()
            data = xlsx_fra_html(tekst)
            r["xlsx_tid"] = time.perf_counter() - t
            r["xlsx"] = len(data)
            try:  # pypdf (a test dependency) only counts the pages
                from pypdf import PdfReader

                r["sider"] = len(PdfReader(d / f"{html.stem}.pdf").pages)
            except ImportError:
                r["sider"] = -1

    print(f"\nbrowserstart (varm motor): {start:.2f} s")
    print(f"{'brief':12s} {'HTML':>10s} {'PDF':>10s} {'sider':>5s} {'XLSX':>10s} {'PDF kold':>9s} {'PDF varm':>9s} "
          f"{'XLSX tid':>9s}")
    for r in raekker:
        print(f"{r['navn']:12s} {_kb(r['html']):>10s} {_kb(r['pdf']):>10s} {r['sider']:5d} {_kb(r['xlsx']):>10s} "
              f"{r['kold']:8.2f}s {r['varm']:8.2f}s {r['xlsx_tid']:8.3f}s")
    print(f"{'median':12s} {'':>10s} {'':>10s} {'':>5s} {'':>10s} {statistics.median(r['kold'] for r in raekker):8.2f}s "
          f"{statistics.median(r['varm'] for r in raekker):8.2f}s "
          f"{statistics.median(r['xlsx_tid'] for r in raekker):8.3f}s")


if __name__ == "__main__":
    main()
