# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Checks of values shared by the modules, the inventory plugin and the role's filters: ids, texts, quoting.

The lowest layer of the collection's own code: it imports nothing but the errors, so
the model (account.py), the API layer and the plugins can all use it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections

from ansible_collections.logmein.central.plugins.module_utils.errors import ValidationError


def to_id(value):
    """A host or group id as int, from an int or a digit string; ValueError otherwise.

    The API writes some ids as strings, and YAML and JSON keys are strings: both are ids.
    Booleans and floats are not ids.
    """
    if isinstance(value, bool):
        raise ValueError('not an id: %r' % (value,))
    if isinstance(value, int):
        return int(value)
    if not isinstance(value, str):
        raise ValueError('not an id: %r' % (value,))
    text = value.strip()
    digits = text[1:] if text.startswith('-') else text
    if not digits.isdigit() or not digits.isascii():
        raise ValueError('not an id: %r' % (value,))
    return int(text)


def quote(text, limit=60):
    """``text`` quoted for a message: control characters escaped, long text cut."""
    text = '%s' % (text,)
    shown = ''.join(char if char.isprintable() else repr(char)[1:-1] for char in text[:limit])
    return "'%s'%s" % (shown, '...' if len(text) > limit else '')


def host_ids(values, option):
    """Host ids from a list of ints or digit strings; ValidationError naming every value that is not one."""
    ids, bad = [], []
    for value in values or ():
        try:
            ids.append(to_id(value))
        except ValueError:
            bad.append(value)
    if bad:
        raise ValidationError('%s must list host ids (integers); not ids: %s' % (option, ', '.join(quote(v) for v in bad)))
    return ids


# The characters text written to Central may not hold: the C0 control characters but tab (NUL,
# line breaks, ESC...) and DEL. None of them belongs in a one-line description, name or value:
# NUL cuts the text short in C-based consumers, line breaks and ESC forge lines and terminal
# sequences in the reports, exports and logs that show these texts, and DEL, an invisible
# control character like them, erases the character before it on some terminals. Tab stays
# allowed: it is ordinary text (pasted from spreadsheets) and harmless.
CONTROL_CHARACTERS = frozenset([chr(code) for code in range(0x20) if code != 0x09] + ['\x7f'])


def escape_character(char):
    """``char`` as a message shows it: ``\\x00``, ``\\n``, ``\\x7f`` (U+...)."""
    return '%s (U+%04X)' % (repr(char)[1:-1], ord(char))


def control_character_problem(text):
    """None when ``text`` may be written to Central, else a phrase naming its first control character.

    The phrase reads after the name and value of what holds the text: ``contains the control
    character \\x00 (U+0000) at character 5 (...)``.
    """
    found = [(position, char) for position, char in enumerate(text) if char in CONTROL_CHARACTERS]
    if not found:
        return None
    position, char = found[0]
    more = len(found) - 1
    return 'contains the control character %s at character %d%s (of the control characters, only tab is allowed)' % (
        escape_character(char), position + 1, ' and %d more' % more if more else '')


def text_value(value):
    """``(text, None)`` for a non-empty string or number that may be written to Central, else ``(None, problem)``.

    ``problem`` is ``'not a string'``, ``'empty'``, or a phrase starting ``contains the control
    character`` (see ``control_character_problem``). Numbers are accepted as their text: YAML
    turns an unquoted ``1234`` into an int.
    """
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None, 'not a string'
    text = str(value)
    control = control_character_problem(text)
    if control:
        return None, control
    if not text.strip():
        return None, 'empty'
    return text, None


def is_control_problem(problem):
    """Whether a problem of ``text_value`` is a control character (whose message shows the value)."""
    return bool(problem) and problem.startswith('contains the control character')


def desired_host_map(raw, option):
    """A mapping keyed by host id (ints or digit strings) as ``{int: value}``, in the given order."""
    if not isinstance(raw, dict):
        raise ValidationError('%s must be a mapping of host id to value, got %r' % (option, raw))
    ids = host_ids(list(raw), option)
    desired = collections.OrderedDict()
    for host_id, value in zip(ids, raw.values()):
        if host_id in desired:
            raise ValidationError('%s names host %s twice' % (option, host_id))
        desired[host_id] = value
    return desired
