"""noegletal: nøgletal for beskæftigelsesområdet, fra Jobindsats og Statistikbanken til HTML-briefs."""

__version__ = "0.1.0"
