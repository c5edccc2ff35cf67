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


def text_value(value):
    """``(text, None)`` for a non-empty string or number, else ``(None, 'not a string' or 'empty')``.

    Numbers are accepted as their text: YAML turns an unquoted ``1234`` into an int.
    """
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None, 'not a string'
    text = str(value)
    if not text.strip():
        return None, 'empty'
    return text, None


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
