"""One module per source, and the one registry of them: `FETCHERS` maps a source (as the catalogue names it)
to what fetches a table of it, `PARSERS` a raw file's format (as the manifest names it) to its parser. The
command that gets a table again is `processed.hent_igen` (the reading layer's messages say it too)."""

from . import egne, jobindsats, statbank

FETCHERS = {"jobindsats": jobindsats.fetch, "statbank": statbank.fetch}  # egne data are imported, not fetched

PARSERS = {
    jobindsats.FORMAT_V3_JSON: jobindsats.parse_v3_json,
    jobindsats.FORMAT_V3_CSV: jobindsats.parse_v3_csv,
    jobindsats.FORMAT_V2_JSON: jobindsats.parse_v2_json,
    jobindsats.FORMAT_V2_CSV: jobindsats.parse_v2_csv,
    statbank.FORMAT_BULK: statbank.parse_bulk,
    egne.FORMAT_EGNE_CSV: egne.parse_csv,
    egne.FORMAT_EGNE_XLSX: egne.parse_xlsx,  # the sheet is the raw entry's `sheet` (pipeline.parse_table)
}
