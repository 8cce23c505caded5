"""noegletal: nøgletal for beskæftigelsesområdet, fra Jobindsats og Statistikbanken til HTML-briefs."""

__version__ = "0.1.0"

import sys as _sys

# jsonschema (under nbformat, which every brief passes) imports `rfc3987_syntax` when it is installed, and
# that compiles some 40 grammars at import: 1.7 s of every command's start, for IRI format checks no
# notebook needs. Keep it out; jsonschema then simply skips those checks.
_sys.modules.setdefault("rfc3987_syntax", None)

