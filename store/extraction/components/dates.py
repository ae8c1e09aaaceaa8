"""``newsbot_dates``: explicit and relative dates → ``doc._.dates`` (list of ``DateMention``).

Explicit: "15 maart 2025", "3 april", "15-03-2025", "2025-04-03", "maart 2025".
Relative: "gisteren", "vandaag", "vrijdag", "afgelopen vrijdag", "vorige week", "afgelopen nacht",
"vorige maand", "vorig jaar", ...

``DateMention.value`` is resolved against ``doc._.article_date`` when it allows: set it before
the pipeline runs (``doc = nlp.make_doc(text); doc._.article_date = "2025-04-12"``, or pass it in
``nlp.pipe(..., as_tuples=True)`` context and set it yourself). It is "YYYY-MM-DD" or "YYYY-MM"
(or None). Values are ISO: a day "2025-04-11", a month "2025-03", a year "2025", a week
"2025-W14". With only the month known, relative days ("gisteren", "vrijdag") resolve to None.
A bare weekday means the latest such day on or before the article date ("komende"/"volgende"
vrijdag: the next one).
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.language import Language
from spacy.tokens import Doc

from store.extraction.components.doc_index import text_of
from store.model import DateMention

MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "febr": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "okt": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {"maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4, "zaterdag": 5, "zondag": 6}
DAY_OFFSETS = {
    "eergisteren": -2, "gisteren": -1, "gisteravond": -1, "gisternacht": -1, "gistermiddag": -1,
    "gisterochtend": -1, "vandaag": 0, "vanochtend": 0, "vanmorgen": 0, "vanmiddag": 0,
    "vanavond": 0, "vannacht": 0, "afgelopen nacht": 0, "morgen": 1, "overmorgen": 2,
}
PERIODS = {  # phrase -> (unit, offset)
    "vorige week": ("week", -1), "afgelopen week": ("week", -1), "deze week": ("week", 0),
    "volgende week": ("week", 1), "komende week": ("week", 1),
    "vorige maand": ("month", -1), "afgelopen maand": ("month", -1), "deze maand": ("month", 0),
    "volgende maand": ("month", 1), "komende maand": ("month", 1),
    "vorig jaar": ("year", -1), "dit jaar": ("year", 0), "volgend jaar": ("year", 1),
    "afgelopen weekend": ("weekend", -1), "dit weekend": ("weekend", 0), "komend weekend": ("weekend", 1),
}

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_NAMES = "|".join(WEEKDAYS)


def _phrases(words) -> str:
    return "|".join(w.replace(" ", r"\s+") for w in sorted(words, key=len, reverse=True))



_BODY = rf"""
    \b(?=[0-9adefgjkmnosvwz])  # cheap: only word starts that can begin a date
    (?:
      (?P<iso>(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b)
    | (?P<dmy>(?P<dd>[0-3]?\d)[-/](?P<dm>[01]?\d)[-/](?P<dy>(?:19|20)\d\d)\b)
    | (?P<day_month>(?P<d>[0-3]?\d)\s+(?P<m>{_MONTH_NAMES})\.?(?:\s+(?P<y>(?:19|20)\d\d))?\b)
    | (?P<month_year>(?P<m2>{_MONTH_NAMES})\s+(?P<y2>(?:19|20)\d\d)\b)
    | (?P<weekday>(?:(?P<dir>afgelopen|vorige|komende|volgende)\s+)?(?P<wd>{_WEEKDAY_NAMES})
          (?P<part>ochtend|middag|avond|nacht)?\b)
    | (?P<period>(?:{_phrases(PERIODS)})\b)
    | (?P<relday>(?:{_phrases(DAY_OFFSETS)})\b)
    )
    """
_PATTERN = re.compile("(?ix)" + _BODY)

# The same pattern for lower-cased text, case-sensitive and guarded by the first words a date
# can start with (a digit, or the first word of an alternative above): case-insensitive
# matching and trying every alternative at every word start made the search slow.
_FIRST_WORDS = sorted(
    {w.split()[0] for w in [*MONTHS, *WEEKDAYS, *PERIODS, *DAY_OFFSETS, "afgelopen", "vorige", "komende", "volgende"]}
)
_LOWERED_PATTERN = re.compile(r"(?x)\b(?=[0-9]|" + "|".join(_FIRST_WORDS) + ")" + _BODY)
# Characters that (?i) matches with an ASCII letter although str.lower() does not make them one
# (found by trying every code point); "\u0130" also lengthens the text when lower-cased.
_IRREGULAR_CASE = ("\u0130", "\u0131", "\u017f", "\u212a")


def find_dates(text: str) -> list[re.Match]:
    """The matches of ``_PATTERN`` in ``text`` (offsets as in ``text``; groups may be lower case)."""
    lowered = text.lower()
    if len(lowered) != len(text) or any(c in text for c in _IRREGULAR_CASE):
        return list(_PATTERN.finditer(text))
    return list(_LOWERED_PATTERN.finditer(lowered))


@Language.factory("newsbot_dates", assigns=["doc._.dates"])
def make_dates(nlp: Language, name: str) -> DateFinder:
    return DateFinder()


if not Doc.has_extension("dates"):
    Doc.set_extension("dates", default=None)
if not Doc.has_extension("article_date"):
    Doc.set_extension("article_date", default=None)


def parse_article_date(value: str | None) -> tuple[dt.date | None, tuple[int, int] | None]:
    """("2025-04-12") → (date, (2025, 4)); ("2025-04") → (None, (2025, 4)); else (None, None)."""
    if not value:
        return None, None
    try:
        if len(value) >= 10:
            day = dt.date.fromisoformat(value[:10])
            return day, (day.year, day.month)
        year, month = value[:7].split("-")
        return None, (int(year), int(month))
    except ValueError:
        return None, None


def _shift_month(year: int, month: int, offset: int) -> str:
    total = year * 12 + month - 1 + offset
    return f"{total // 12:04d}-{total % 12 + 1:02d}"


def _iso_day(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


class DateFinder:
    def __call__(self, doc: Doc) -> Doc:
        day, month = parse_article_date(doc._.article_date)
        found = []
        text = text_of(doc)
        for match in find_dates(text):
            value = self.resolve(match, day, month)
            found.append(DateMention(text=text[match.start() : match.end()], value=value, start=match.start(),
                                     end=match.end()))
        doc._.dates = found
        return doc

    @staticmethod
    def resolve(match: re.Match, day: dt.date | None, month: tuple[int, int] | None) -> str | None:
        groups = match.groupdict()
        if groups["iso"]:
            return _iso_day(int(groups["iy"]), int(groups["im"]), int(groups["id"]))
        if groups["dmy"]:
            return _iso_day(int(groups["dy"]), int(groups["dm"]), int(groups["dd"]))
        if groups["day_month"]:
            number = MONTHS[groups["m"].lower()]
            year = int(groups["y"]) if groups["y"] else _year_near(number, month)
            return _iso_day(year, number, int(groups["d"])) if year else None
        if groups["month_year"]:
            return f"{int(groups['y2']):04d}-{MONTHS[groups['m2'].lower()]:02d}"
        if groups["weekday"]:
            if day is None:
                return None
            target = WEEKDAYS[groups["wd"].lower()]
            if (groups["dir"] or "").lower() in ("komende", "volgende"):
                ahead = (target - day.weekday()) % 7 or 7
                return (day + dt.timedelta(days=ahead)).isoformat()
            back = (day.weekday() - target) % 7
            if (groups["dir"] or "").lower() in ("afgelopen", "vorige") and back == 0:
                back = 7
            return (day - dt.timedelta(days=back)).isoformat()
        if groups["period"]:
            unit, offset = PERIODS[" ".join(groups["period"].lower().split())]
            if unit == "month" and month:
                return _shift_month(*month, offset)
            if unit == "year" and month:
                return f"{month[0] + offset:04d}"
            if day is None:
                return None
            if unit == "week":
                year, week, _ = (day + dt.timedelta(weeks=offset)).isocalendar()
                return f"{year:04d}-W{week:02d}"
            # weekend: its Saturday
            saturday = day + dt.timedelta(days=(5 - day.weekday()) % 7 + 7 * offset)
            if offset < 0 and day.weekday() >= 5:
                saturday = day - dt.timedelta(days=day.weekday() - 5 + 7)
            return saturday.isoformat()
        if groups["relday"] and day is not None:
            return (day + dt.timedelta(days=DAY_OFFSETS[" ".join(groups["relday"].lower().split())])).isoformat()
        return None


def _year_near(month_number: int, article_month: tuple[int, int] | None) -> int | None:
    """The year of "15 maart" without a year: the article's, or the one before if that month
    lies more than two months after the article's (news mostly looks back)."""
    if article_month is None:
        return None
    year, current = article_month
    return year - 1 if month_number > current + 2 else year
