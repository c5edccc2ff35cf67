# -*- coding: utf-8 -*-
"""Unit checks of the emulator's date rules and formats (no HTTP)."""

import datetime

import pytest
import hypothesis
from hypothesis import strategies

from central_emulator import timeutil


@hypothesis.settings(database=None, deadline=None)
@hypothesis.given(strategies.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2090, 12, 31)))
def test_three_month_window_edges(start):
    limit = timeutil.add_months(start, 3)
    assert timeutil.within_three_months(start, limit - datetime.timedelta(days=1))
    assert not timeutil.within_three_months(start, limit)
    assert start < limit <= start + datetime.timedelta(days=92)


def test_add_months_clamps_to_month_end():
    assert timeutil.add_months(datetime.date(2019, 11, 30), 3) == datetime.date(2020, 2, 29)
    assert timeutil.add_months(datetime.date(2019, 3, 1), 3) == datetime.date(2019, 6, 1)
    assert timeutil.add_months(datetime.date(2019, 12, 31), 2) == datetime.date(2020, 2, 29)


def test_formats():
    epoch = 1539954956  # 2018-10-19 13:15:56 UTC
    assert timeutil.format_user_login(epoch) == "10/19/2018 1:15:56 PM"
    assert timeutil.format_user_login(epoch - 13 * 3600) == "10/19/2018 12:15:56 AM"
    assert timeutil.format_epoch(epoch) == "2018-10-19T13:15:56Z"
    assert timeutil.format_epoch(epoch, timeutil.EXPIRES) == "2018-10-19 13:15:56Z"
    assert timeutil.parse_iso_z("2018-10-19T13:15:56Z") == epoch


@pytest.mark.parametrize("value", ["2019-02-30", "2019-13-01", "19-01-01", "", "2019/01/01", None, 20190101])
def test_invalid_report_dates(value):
    with pytest.raises(ValueError):
        timeutil.parse_report_date(value)


def test_report_dates_tolerate_a_time_part():
    assert timeutil.parse_report_date("2019-03-01T10:00:00Z") == datetime.date(2019, 3, 1)
    assert timeutil.parse_report_date("2019-03-01 10:00:00") == datetime.date(2019, 3, 1)
