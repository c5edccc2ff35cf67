# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The report_text filter: how the reports show strings from the API (HTML, CSV, text)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import csv
import io
import json

import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.logmein.central.plugins.filter.report_text import FilterModule, report_text

BIDI = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c']
# Text that does not show as it is: the characters a reader would not see, or that act on the display.
SPOOF = 'invoice\u202egnp.exe'


def field(value):
    """The value of one CSV field as a CSV reader gives it back."""
    rows = list(csv.reader(io.StringIO(report_text(value, 'csv')), strict=True))
    assert len(rows) == 1 and len(rows[0]) == 1
    return rows[0][0]


def test_the_filter_is_registered():
    assert sorted(FilterModule().filters()) == ['report_text']


@pytest.mark.parametrize('char', BIDI, ids=['U+%04X' % ord(c) for c in BIDI])
def test_every_bidi_control_is_removed_from_text_and_csv_and_escaped_in_json(char):
    value = 'a%sb' % char
    assert report_text(value) == 'ab'
    assert field(value) == 'ab'
    text = report_text(value, 'json')
    assert text == '"a\\u%04xb"' % ord(char) and char not in text
    assert json.loads(text) == value


def test_text_replaces_control_characters_and_keeps_everything_else():
    assert report_text(None) == ''
    assert report_text(42) == '42'
    assert report_text('Line one\r\nTab\there\x00\x7f\x9b') == 'Line one\ufffd\ufffdTab\ufffdhere\ufffd\ufffd\ufffd'
    for value in ("{{ lookup('pipe', 'id') }}", '<script>alert(1)</script>', 'Büro München 会议室电脑', '\u200bzero width',
                  '=1+1', "'quoted'", '\ufffd'):
        assert report_text(value) == value
    assert report_text(SPOOF) == 'invoicegnp.exe'


@pytest.mark.parametrize('value', [
    '=1+1', '+1', '-1', '@SUM(A1)', ' =HYPERLINK("http://evil.example/","click")', '   +1', '\t+1', '\t=cmd|\' /C calc\'!A0',
    '\r\n=1+1', '\u00a0=1', '\u3000@x', '\u202e=1+1', '\u200b-2', ' \t\u2066 =1',
], ids=repr)
def test_formulas_are_guarded_also_after_leading_blanks(value):
    assert field(value) == "'" + report_text(value)


@pytest.mark.parametrize('value', [
    'plain', 'a=1', ' a=1', '1+1', '\ufffd=1', "'=1", '', '   ', 'x\t=1',
], ids=repr)
def test_other_text_is_not_guarded(value):
    assert field(value) == report_text(value)


def test_only_strings_are_guarded_and_every_field_is_quoted():
    assert report_text(-5, 'csv') == '"-5"'
    assert report_text(None, 'csv') == '""'
    assert report_text('say "hi", then\r\nleave', 'csv') == '"say ""hi"", then\ufffd\ufffdleave"'
    assert field(' =HYPERLINK("http://evil.example/","click")') == '\' =HYPERLINK("http://evil.example/","click")'
    assert field('\t+1') == "'\ufffd+1"
    assert field('\u202e=1+1') == "'=1+1"


def test_json_is_the_exact_value_with_the_characters_a_viewer_acts_on_escaped():
    for value in (None, 42, 'Büro München', SPOOF, 'ctl:\x1b[31mred\r\n\x00\x07\x7f\x85\x9b', "{{ 7*7 }}", '"quoted" \\ back'):
        text = report_text(value, 'json')
        assert json.loads(text) == value
        assert not any(c in text for c in BIDI) and not any('\x00' <= c <= '\x1f' or '\x7f' <= c <= '\x9f' for c in text)
    assert report_text('Büro München', 'json') == '"Büro München"'
    assert report_text(SPOOF, 'json') == '"invoice\\u202egnp.exe"'
    assert report_text('\x7f\x9b', 'json') == '"\\u007f\\u009b"'
    assert report_text(None, 'json') == 'null'


def test_an_unknown_output_is_refused():
    with pytest.raises(AnsibleFilterError, match='output must be one of text, csv, json'):
        report_text('x', 'xml')
