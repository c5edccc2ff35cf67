# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Decode the strings of a ``logmein.central.events`` event; see event_text.yml and module_utils/event_text.py."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleFilterError

from ansible_collections.logmein.central.plugins.module_utils.event_text import decode_all
from ansible_collections.logmein.central.plugins.plugin_utils._unsafe import make_unsafe


def event_text(value):
    """``value`` (a string, or an event or any part of one) with its strings decoded and marked unsafe."""
    try:
        return make_unsafe(decode_all(value))
    except ValueError as error:
        raise AnsibleFilterError('logmein.central.event_text: %s' % error) from None


class FilterModule:
    def filters(self):
        return {'event_text': event_text}
