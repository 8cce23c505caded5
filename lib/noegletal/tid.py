"""Points in time as the briefs stamp them: now in Danish time, and said in Danish."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .periods import MAANEDER_LANG


def nu() -> datetime:
    """Now, in Danish time (servers and CI often run in UTC); local time if the zone data is missing."""
    try:
        return datetime.now(ZoneInfo("Europe/Copenhagen"))
    except ZoneInfoNotFoundError:
        return datetime.now().astimezone()


def dansk_tidspunkt(t: datetime) -> str:
    """'22. november 2025 kl. 14.05'"""
    return f"{t.day}. {MAANEDER_LANG[t.month - 1]} {t.year} kl. {t.hour:02d}.{t.minute:02d}"
