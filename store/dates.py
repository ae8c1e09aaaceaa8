"""Article dates normalised to "YYYY", "YYYY-MM" or "YYYY-MM-DD", keeping the precision given."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    "januari": 1, "january": 1, "jan": 1, "februari": 2, "february": 2, "feb": 2, "maart": 3,
    "march": 3, "mrt": 3, "mar": 3, "april": 4, "apr": 4, "mei": 5, "may": 5, "juni": 6,
    "june": 6, "jun": 6, "juli": 7, "july": 7, "jul": 7, "augustus": 8, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
ISO_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[t ][\d:.]+(?:z|[+-][\d:]+)?)?")  # lower case
DAY_MONTH_YEAR = re.compile(r"(?:(\d{1,2})\.?\s+)?([a-z]+)\.?\s+(\d{4})")
NUMERIC_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")


def normalise_date(value: object) -> str | None:
    """ "YYYY", "YYYY-MM" or "YYYY-MM-DD", with the precision given; None when not a real date."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return valid_date(value, None, None)
    if not isinstance(value, str):
        return None
    value = value.strip().lower()
    if match := ISO_DATE.fullmatch(value):
        return valid_date(*(int(part) if part else None for part in match.groups()))
    if match := NUMERIC_DMY.fullmatch(value):
        day, month, year = (int(part) for part in match.groups())
        return valid_date(year, month, day)
    if (match := DAY_MONTH_YEAR.search(value)) and match.group(2) in MONTHS:
        day = int(match.group(1)) if match.group(1) else None
        return valid_date(int(match.group(3)), MONTHS[match.group(2)], day)
    return None


def valid_date(year: int, month: int | None, day: int | None) -> str | None:
    if not 1000 <= year <= 2999:
        return None
    if month is None:
        return f"{year:04d}"
    try:
        dt.date(year, month, day or 1)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}" if day is None else f"{year:04d}-{month:02d}-{day:02d}"
