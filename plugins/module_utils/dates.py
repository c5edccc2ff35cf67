# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Dates as the Central API writes them, and the three-month report windows."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import calendar
import datetime

UTC = datetime.timezone.utc

# The API writes dates in several formats; naive ones are taken as UTC.
_API_DATE_FORMATS = (
    '%Y-%m-%dT%H:%M:%SZ',        # 2017-12-06T20:36:00Z
    '%Y-%m-%dT%H:%M:%S.%fZ',     # 2017-12-06T20:36:00.123Z
    '%Y-%m-%d %H:%M:%SZ',        # 2018-11-05 11:35:43Z
    '%Y-%m-%dT%H:%M:%S',         # 2019-02-25T11:33:40
    '%Y-%m-%d %H:%M:%S',         # 2019-02-25 11:33:40
    '%m/%d/%Y %I:%M:%S %p',      # 10/19/2018 1:15:56 PM (users)
    '%Y-%m-%d',                  # 2019-03-01
)

# How many calendar months one remote-access report may span.
REPORT_WINDOW_MONTHS = 3

# The earliest day a report may start: LogMeIn Central has no data from before it, and a
# mistyped year (0202 for 2020) would otherwise split into thousands of three-month windows,
# one report call each.
EARLIEST_REPORT_DAY = datetime.date(2000, 1, 1)


def parse_api_date(value):
    """Return an aware UTC datetime for a date string from the API, None for null or empty.

    Raises ValueError naming the value when it is in no known format.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError('not a date: %r' % (value,))
    text = value.strip()
    if not text:
        return None
    for fmt in _API_DATE_FORMATS:
        try:
            parsed = datetime.datetime.strptime(text, fmt)
        except ValueError:
            continue
        return parsed.replace(tzinfo=UTC)
    try:
        # Offsets such as +02:00 or fractional seconds in other shapes.
        parsed = datetime.datetime.fromisoformat(text.replace('Z', '+00:00'))
    except ValueError:
        raise ValueError('not a date in any format the API uses: %r' % (value,)) from None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def to_iso8601(value):
    """ISO 8601 text (``2018-11-05T11:35:43Z``) for an API date string; None stays None."""
    parsed = parse_api_date(value)
    if parsed is None:
        return None
    return parsed.strftime('%Y-%m-%dT%H:%M:%SZ')


def parse_user_date(value, option):
    """A ``YYYY-MM-DD`` date given by the user; ValueError naming the option otherwise."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.datetime.strptime(str(value).strip(), '%Y-%m-%d').date()
    except ValueError:
        raise ValueError('%s must be a date written YYYY-MM-DD, got %r' % (option, value)) from None


def add_months(day, months):
    """The same day ``months`` calendar months later, clamped to the month's last day."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last_day))


def is_valid_report_window(start, end):
    """True when the service accepts the inclusive range start..end in one report."""
    return start <= end < add_months(start, REPORT_WINDOW_MONTHS)


def split_report_windows(start, end):
    """Split the inclusive range start..end into the fewest windows the service accepts.

    Windows are inclusive, contiguous and do not overlap; each ends the day before
    its start plus three calendar months, or at ``end``.
    """
    if end < start:
        raise ValueError('the end date %s is before the start date %s' % (end.isoformat(), start.isoformat()))
    windows = []
    window_start = start
    while window_start <= end:
        window_end = min(end, add_months(window_start, REPORT_WINDOW_MONTHS) - datetime.timedelta(days=1))
        windows.append((window_start, window_end))
        window_start = window_end + datetime.timedelta(days=1)
    return windows
