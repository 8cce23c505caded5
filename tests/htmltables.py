"""Read the tables of a rendered brief as lists of rows of cell texts (stdlib only), for tests that check
published figures in the HTML itself rather than in a DataFrame."""

from __future__ import annotations

from html.parser import HTMLParser


class _Tables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables: list[dict] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._caption: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"caption": "", "rows": []})
        elif tag == "caption":
            self._caption = []
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "caption" and self._caption is not None:
            self.tables[-1]["caption"] = " ".join("".join(self._caption).split())
            self._caption = None
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1]["rows"].append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        elif self._caption is not None:
            self._caption.append(data)


def tables(html: str) -> list[dict]:
    """[{'caption': str, 'rows': [[cell, …], …]}, …] in document order."""
    p = _Tables()
    p.feed(html)
    return p.tables


def table_with(html: str, caption_part: str) -> list[list[str]]:
    found = [t for t in tables(html) if caption_part in t["caption"]]
    assert found, f"no table with caption containing {caption_part!r}"
    return found[0]["rows"]


def row(rows: list[list[str]], first_cell: str) -> list[str]:
    for r in rows:
        if r and r[0] == first_cell:
            return r
    raise AssertionError(f"no row starting with {first_cell!r} in {[r[0] for r in rows if r]}")
