# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Checks of user input shared by the modules and the inventory plugin."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.logmein.central.plugins.module_utils.central_api import to_id
from ansible_collections.logmein.central.plugins.module_utils.errors import ValidationError


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
