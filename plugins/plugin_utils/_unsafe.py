# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Strings from the API are data, never templates.

Host descriptions, group names and custom-field values are typed by whoever manages the
computers; ``{{ lookup('pipe', ...) }}`` in a description must never run. Up to
ansible-core 2.18 variables set by an inventory plugin are trusted as templates unless
they are wrapped as unsafe (``AnsibleUnsafeText``). From 2.19 on, strings are untrusted
unless tagged as trusted, and ``wrap_var`` only removes that tag: the inventory's data
from ``json.loads`` carries none, so wrapping would copy every value for nothing.

This module is private to the collection (leading underscore): no compatibility promise.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

try:
    from ansible.utils.unsafe_proxy import AnsibleUnsafeText, wrap_var
except ImportError:  # a future core without the compatibility module: strings are untrusted there
    AnsibleUnsafeText = wrap_var = None

# True on ansible-core <= 2.18, where AnsibleUnsafeText is a str subclass that templating
# leaves alone; from 2.19 AnsibleUnsafeText(...) returns a plain (untrusted) str.
NEEDS_WRAPPING = AnsibleUnsafeText is not None and isinstance(AnsibleUnsafeText('probe'), AnsibleUnsafeText)


def make_unsafe(value):
    """``value`` with every string in it (keys included, at any depth) marked as not a template."""
    if not NEEDS_WRAPPING:
        return value
    return wrap_var(value)
