# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

import pytest
from hypothesis import given, settings, strategies as st

from ansible_collections.logmein.central.plugins.module_utils.dates import (
    add_months,
    is_valid_report_window,
    parse_api_date,
    parse_user_date,
    split_report_windows,
    to_iso8601,
)

D = datetime.date


@pytest.mark.parametrize('text, iso', [
    ('2017-12-06T20:36:00Z', '2017-12-06T20:36:00Z'),
    ('2018-11-05 11:35:43Z', '2018-11-05T11:35:43Z'),
    ('2019-02-25 11:33:40', '2019-02-25T11:33:40Z'),
    ('10/19/2018 1:15:56 PM', '2018-10-19T13:15:56Z'),
    ('7/24/2018 1:58:36 AM', '2018-07-24T01:58:36Z'),
    ('2019-03-01', '2019-03-01T00:00:00Z'),
    ('2019-03-01T10:00:00+02:00', '2019-03-01T08:00:00Z'),
    ('2017-12-06T20:36:00.250Z', '2017-12-06T20:36:00Z'),
])
def test_every_api_date_format_parses(text, iso):
    assert to_iso8601(text) == iso


@pytest.mark.parametrize('value', [None, '', '   '])
def test_missing_dates_are_none(value):
    assert parse_api_date(value) is None


@pytest.mark.parametrize('value', ['yesterday', '2019-13-01', 12345, '31/12/2019'])
def test_garbage_names_the_value(value):
    with pytest.raises(ValueError) as info:
        parse_api_date(value)
    assert repr(value) in str(info.value)


def test_user_dates_name_the_option():
    assert parse_user_date('2019-03-01', 'start_date') == D(2019, 3, 1)
    with pytest.raises(ValueError) as info:
        parse_user_date('March 1st', 'start_date')
    assert 'start_date' in str(info.value) and 'March 1st' in str(info.value)


def test_longest_window_from_march_first_ends_may_31st():
    assert split_report_windows(D(2019, 3, 1), D(2019, 5, 31)) == [(D(2019, 3, 1), D(2019, 5, 31))]
    assert split_report_windows(D(2019, 3, 1), D(2019, 6, 1)) == [(D(2019, 3, 1), D(2019, 5, 31)), (D(2019, 6, 1), D(2019, 6, 1))]
    assert is_valid_report_window(D(2019, 3, 1), D(2019, 5, 31))
    assert not is_valid_report_window(D(2019, 3, 1), D(2019, 6, 1))


def test_seven_months_make_three_windows():
    windows = split_report_windows(D(2019, 1, 1), D(2019, 7, 31))
    assert windows == [(D(2019, 1, 1), D(2019, 3, 31)), (D(2019, 4, 1), D(2019, 6, 30)), (D(2019, 7, 1), D(2019, 7, 31))]


def test_month_ends_clamp():
    assert add_months(D(2019, 11, 30), 3) == D(2020, 2, 29)
    assert add_months(D(2019, 1, 31), 1) == D(2019, 2, 28)
    assert split_report_windows(D(2019, 11, 30), D(2020, 3, 1))[0] == (D(2019, 11, 30), D(2020, 2, 28))


def test_end_before_start_is_refused():
    with pytest.raises(ValueError) as info:
        split_report_windows(D(2019, 2, 1), D(2019, 1, 1))
    assert '2019-01-01' in str(info.value) and '2019-02-01' in str(info.value)


dates = st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 12, 31))


@settings(deadline=None, derandomize=True, max_examples=300)
@given(dates, st.integers(min_value=0, max_value=2000))
def test_windows_cover_the_range_exactly_and_are_each_valid(start, length):
    end = start + datetime.timedelta(days=length)
    windows = split_report_windows(start, end)
    assert windows[0][0] == start and windows[-1][1] == end
    for (first_start, first_end), (second_start, dummy) in zip(windows, windows[1:]):
        assert second_start == first_end + datetime.timedelta(days=1)
        # each window but the last is as long as the service allows
        assert not is_valid_report_window(first_start, first_end + datetime.timedelta(days=1))
    assert all(is_valid_report_window(s, e) for s, e in windows)


@settings(deadline=None, derandomize=True, max_examples=300)
@given(st.datetimes(min_value=datetime.datetime(2000, 1, 1), max_value=datetime.datetime(2040, 1, 1)))
def test_api_formats_round_trip(moment):
    moment = moment.replace(microsecond=0)
    expected = moment.strftime('%Y-%m-%dT%H:%M:%SZ')
    for fmt in ('%Y-%m-%dT%H:%M:%SZ', '%Y-%m-%d %H:%M:%SZ', '%Y-%m-%d %H:%M:%S'):
        assert to_iso8601(moment.strftime(fmt)) == expected
    us_style = '%d/%d/%d %d:%s %s' % (moment.month, moment.day, moment.year, (moment.hour % 12) or 12,
                                      moment.strftime('%M:%S'), 'PM' if moment.hour >= 12 else 'AM')
    assert to_iso8601(us_style) == expected
