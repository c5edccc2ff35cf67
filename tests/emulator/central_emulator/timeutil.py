# -*- coding: utf-8 -*-
"""Date formats used by the Central API, and the date rules of its reports.

The service uses several formats, reproduced here:

* ``2017-12-06T20:36:00Z``  hosts, computer status, anti-virus, deleted hosts (``ISO_Z``)
* ``2018-11-05 11:35:43Z``  inventory report token expiry (``EXPIRES``)
* ``2019-02-25 11:33:40``   remote-access sessions (``SESSION``)
* ``10/19/2018 1:15:56 PM`` users' last login (``format_user_login``)
"""

import calendar
import datetime
import re
import time

ISO_Z = "%Y-%m-%dT%H:%M:%SZ"
EXPIRES = "%Y-%m-%d %H:%M:%SZ"
SESSION = "%Y-%m-%d %H:%M:%S"

_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")


def format_epoch(epoch, fmt=ISO_Z):
    """Format epoch seconds (UTC) with a strftime format."""
    return time.strftime(fmt, time.gmtime(int(epoch)))


def format_user_login(epoch):
    """Format epoch seconds like ``10/19/2018 1:15:56 PM`` (users API)."""
    tm = time.gmtime(int(epoch))
    hour = tm.tm_hour % 12 or 12
    suffix = "AM" if tm.tm_hour < 12 else "PM"
    return "%d/%d/%d %d:%02d:%02d %s" % (tm.tm_mon, tm.tm_mday, tm.tm_year, hour, tm.tm_min, tm.tm_sec, suffix)


def parse_iso_z(value):
    """Parse ``2017-12-06T20:36:00Z`` to epoch seconds."""
    return calendar.timegm(time.strptime(value, ISO_Z))


def parse_report_date(value):
    """Parse a report date (``YYYY-MM-DD``, a time part is tolerated and ignored).

    Returns a ``datetime.date``; raises ``ValueError`` when the value is not a valid date.
    """
    if not isinstance(value, str):
        raise ValueError("not a string")
    match = _DATE_RE.match(value.strip())
    if not match:
        raise ValueError("not a YYYY-MM-DD date")
    return datetime.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))


def add_months(day, months):
    """Add calendar months to a date, clamping the day to the end of the month."""
    index = day.month - 1 + months
    year = day.year + index // 12
    month = index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last))


def within_three_months(start, end):
    """True when ``end`` is before ``start`` plus three calendar months (both inclusive dates).

    2019-03-01..2019-05-31 is the longest accepted window from March 1st.
    """
    return end < add_months(start, 3)
