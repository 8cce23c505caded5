"""Points in time as the briefs stamp them: now in Danish time, and dates and times said in Danish."""

from __future__ import annotations

from datetime import date, datetime
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


def dansk_dato(iso: str | None) -> str:
    """'2026-03-12T…' → '12. marts 2026' (as given if it is not a date; 'ukendt' if there is none)."""
    try:
        d = date.fromisoformat(str(iso)[:10])
    except ValueError:
        return str(iso or "ukendt")
    return f"{d.day}. {MAANEDER_LANG[d.month - 1]} {d.year}"
