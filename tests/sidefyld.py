"""How far down each PDF page its content reaches, measured on the rendered page as a reader sees it.

Each page is rendered small (pypdfium2, no browser needed), and the lowest row with a non-white pixel inside
the printed area (between the top and bottom margins of `render.pdf.MARGEN`; the footer below is left out)
gives the page's fill: 0.0 empty, 1.0 full to the bottom margin.

    .venv/bin/python tests/sidefyld.py outputs/2018M06/Ballerup/*.pdf     # prints pages and fill per PDF
"""

from __future__ import annotations

import sys
from pathlib import Path

MM_PR_PUNKT = 25.4 / 72
HVID = 250  # a grey value at or above this is paper (the lightest box background is ~245)


def _mm(tekst: str) -> float:
    return float(tekst.removesuffix("mm"))


def fyld(pdf: str | Path, dpi: int = 40) -> list[float]:
    """The fill of each page of `pdf`, top of the printed area to its lowest ink, as a fraction of its height."""
    import pypdfium2 as pdfium

    from noegletal.render.pdf import MARGEN

    top, bund = _mm(MARGEN["top"]), _mm(MARGEN["bottom"])
    dok = pdfium.PdfDocument(str(pdf))
    try:
        ud = []
        for side in dok:
            hoejde_mm = side.get_height() * MM_PR_PUNKT
            billede = side.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            b, h = billede.size
            pr_mm = h / hoejde_mm
            fra, til = round(top * pr_mm), round((hoejde_mm - bund) * pr_mm)
            data = billede.tobytes()
            nederst = fra
            for y in range(til - 1, fra - 1, -1):
                if min(data[y * b:(y + 1) * b]) < HVID:
                    nederst = y + 1
                    break
            ud.append((nederst - fra) / (til - fra))
            side.close()
        return ud
    finally:
        dok.close()


if __name__ == "__main__":
    for sti in sys.argv[1:]:
        f = fyld(sti)
        print(f"{Path(sti).name}: {len(f)} sider; " + " ".join(f"{round(100 * x)}%" for x in f))
