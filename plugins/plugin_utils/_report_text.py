# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The one way the collection's reports show a string from the API or a document (the filter
logmein.central.report_text, see plugins/filter/report_text.yml, and the report filters of av_report.py).

Descriptions, group names and custom-field names are typed by whoever manages the computers.
A report shows them as they are, except for what would act on the reader instead of being read:

* ``text`` (the HTML report, and bare names in the drift report): control characters (C0, DEL,
  C1: line breaks and tabs included) become U+FFFD, and bidi controls are removed, so that a
  value can neither break a line nor reorder the visible line around it.
* ``csv``: the same text as one RFC 4180 field, always quoted, quotes doubled, and prefixed with
  ``'`` when a spreadsheet would run it as a formula: when its first character that is not blank
  (whitespace, control or format characters, which a spreadsheet may skip) is ``=``, ``+``, ``-``
  or ``@``. The test is made on the value as given, before control characters are replaced:
  ``"\\t=cmd"`` is a formula to a spreadsheet that strips the tab.
* ``json`` (values in the drift report for people): JSON text with every character kept, like
  ``to_json(ensure_ascii=False)``, but with the characters that JSON leaves raw and a viewer would
  act on written as ``\\uXXXX`` escapes: DEL, C1 controls and the bidi controls. The value is the
  same, so a reviewer sees exactly what a plan will write.

This module is private to the collection (leading underscore): no compatibility promise.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re
import unicodedata

from ansible.errors import AnsibleFilterError

OUTPUTS = ('text', 'csv', 'json')
# Bidi controls: embeddings and overrides (U+202A-U+202E), isolates (U+2066-U+2069), the LRM,
# RLM and Arabic letter marks. They reorder the text around them without being seen.
BIDI = '\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c'
_BIDI = re.compile('[%s]' % BIDI)
_CONTROL = re.compile('[\x00-\x1f\x7f-\x9f]')
_JSON_RAW = re.compile('[\x7f-\x9f%s]' % BIDI)
FORMULA_STARTS = ('=', '+', '-', '@')


def shown_text(value):
    """The text of ``value`` as a report shows it: '' for None, bidi controls removed, control characters as U+FFFD."""
    if value is None:
        return ''
    return _CONTROL.sub('\ufffd', _BIDI.sub('', str(value)))


def _blank(char):
    return char.isspace() or unicodedata.category(char) in ('Cc', 'Cf')


def is_formula(text):
    """Whether a spreadsheet could run ``text`` as a formula: its first character that is not blank is = + - or @."""
    for char in text:
        if not _blank(char):
            return char in FORMULA_STARTS
    return False


def csv_field(value):
    """``value`` as one quoted CSV field; strings that could be formulas prefixed with '."""
    text = shown_text(value)
    guard = "'" if isinstance(value, str) and is_formula(value) else ''
    return '"%s%s"' % (guard, text.replace('"', '""'))


def json_text(value):
    """``value`` as JSON text, non-ASCII kept, DEL, C1 and bidi controls escaped."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError) as error:
        raise AnsibleFilterError('report_text: cannot write %s as JSON: %s' % (type(value).__name__, error)) from None
    # Outside strings JSON has only ASCII, so every one of these characters is inside a string.
    return _JSON_RAW.sub(lambda match: '\\u%04x' % ord(match.group()), text)


def report_text(value, output='text'):
    """``value`` as the collection's reports show it; see report_text.yml."""
    if output == 'text':
        return shown_text(value)
    if output == 'csv':
        return csv_field(value)
    if output == 'json':
        return json_text(value)
    raise AnsibleFilterError('report_text: output must be one of %s, got %r' % (', '.join(OUTPUTS), output))
