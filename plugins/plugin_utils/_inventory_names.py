# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Host and group names for the inventory, from strings the API gives.

Descriptions are free text typed by people: not unique, sometimes hostile. A host name
must be usable in a host pattern and must never be a template (``inventory_hostname``
is not wrapped as unsafe on older cores), and two hosts must never share a name, or
Ansible would silently merge them. Group names are made valid the way Ansible's own
``to_safe_group_name(name, force=True)`` does.

This module is private to the collection (leading underscore): no compatibility promise.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections
import re
import unicodedata

from ansible.inventory.group import to_safe_group_name

from ansible_collections.logmein.central.plugins.module_utils.connection_options import is_loopback
from ansible_collections.logmein.central.plugins.module_utils.validation import quote

HOSTNAME_SOURCES = ('description', 'host_name', 'id')
RESERVED_GROUPS = ('all', 'ungrouped')

# Why a candidate host name is refused, first match wins. One combined search decides
# whether a name is usable (the common case); the reasons are only looked up for a refusal.
_NAME_PROBLEMS = (
    (re.compile(r'[\x00-\x1f\x7f-\x9f]'), 'contains control characters'),
    (re.compile(r'\{\{|\{%|\{#'), 'contains a template marker ({{, {% or {#)'),
    (re.compile(r'[,:\[\]]'), 'contains a character that breaks host patterns (, : [ ])'),
    (re.compile(r'^[!&~]'), 'starts with a host pattern operator (! & ~)'),
    (re.compile(r'^\s|\s$'), 'starts or ends with white space'),
)
_ANY_PROBLEM = re.compile('|'.join('(?:%s)' % pattern.pattern for pattern, dummy in _NAME_PROBLEMS))
# The longest DNS name: a longer host name is no machine's, only a way to flood output.
MAX_HOST_NAME = 253


def _names_the_controller(name):
    """Whether ``name`` is a name of this machine: ``localhost...`` or a loopback address (127.0.0.0/8, ::1).

    A host of the inventory with such a name is Ansible's "localhost", or reaches it: tasks
    meant for the controller (delegate_to: localhost) would run on that computer, or tasks
    meant for that computer on the controller.
    """
    return name.lower().startswith('localhost') or is_loopback(name.strip('[]'))


def name_problem(name):
    """Why ``name`` cannot be a host name, or None when it can."""
    if not isinstance(name, str) or not name.strip():
        return 'is empty'
    if len(name) > MAX_HOST_NAME:
        return 'is longer than %d characters' % MAX_HOST_NAME
    if _names_the_controller(name):
        return 'is a name of the controller (localhost, a loopback address)'
    if any(unicodedata.category(character) == 'Cf' for character in name):
        # Zero-width and bidi characters: a name that looks like another one, or reads backwards.
        return 'contains invisible format characters (zero-width or bidi controls)'
    if not _ANY_PROBLEM.search(name):
        return None
    for pattern, reason in _NAME_PROBLEMS:
        if pattern.search(name):
            return reason
    return None  # pragma: no cover - the combined pattern matched, so one of its parts does


class Refusal:
    """A candidate host name that was not used, and why."""

    def __init__(self, host_id, source, candidate, reason):
        self.host_id = host_id
        self.source = source
        self.candidate = candidate
        self.reason = reason

    def __str__(self):
        return 'host %s: its %s %s is not used as its name: it %s' % (self.host_id, self.source, quote(self.candidate), self.reason)


def choose_host_name(host_id, candidates, preferences, refusals, prefix=''):
    """The first usable name among ``candidates`` (source -> value) in the order of ``preferences``, after ``prefix``.

    Refused candidates are appended to ``refusals``; a missing one (no ``hostName``) is
    skipped quietly. The id is the last resort: it is always a valid name.
    """
    for source in preferences:
        candidate = candidates.get(source)
        if candidate is None:
            continue
        problem = name_problem(candidate) or name_problem(prefix + candidate)
        if problem is None:
            return prefix + candidate
        refusals.append(Refusal(host_id, source, candidate, problem))
    return prefix + str(host_id)


def prefix_problem(prefix):
    """Why ``prefix`` cannot start every host name, or None."""
    if not prefix:
        return None
    problem = name_problem(prefix + '0')
    return problem if problem != 'is empty' else 'is blank'


def unique_host_names(names):
    """Make ``{host_id: name}`` unique: every name that several hosts share becomes ``<name>_<id>``.

    All holders of a shared name are renamed, so no name depends on the order of the API's
    answer. A renamed host can still meet another host's own name (one described as
    ``PC_1000000004``): then that other host is renamed too, until no name is shared. Names
    ending in ``_<id>`` cannot meet each other, since ids are unique, so each round renames
    at least one host and the loop ends.
    """
    names = dict(names)
    suffixed = set()
    while True:
        holders = collections.defaultdict(list)
        for host_id, name in names.items():
            holders[name].append(host_id)
        clashing = [host_id for ids in holders.values() if len(ids) > 1 for host_id in ids if host_id not in suffixed]
        if not clashing:
            return names
        for host_id in clashing:
            names[host_id] = '%s_%s' % (names[host_id], host_id)
            suffixed.add(host_id)


class GroupNames:
    """Valid group names, remembering which source gave each so that clashes are reported.

    ``warn`` receives one message per clash, naming both sources.
    """

    def __init__(self, warn):
        self._warn = warn
        self._sources = {}

    def claim(self, raw_name, source):
        """The group name for ``raw_name``, or None when it cannot be used (empty, or a built-in group)."""
        name = to_safe_group_name(raw_name, force=True, silent=True) if raw_name else raw_name
        if not name:
            self._warn('%s gives an empty group name: no group is made for it' % source)
            return None
        if name in RESERVED_GROUPS:
            self._warn("%s gives the group name '%s', which is Ansible's built-in group: no group is made for it" % (source, name))
            return None
        first = self._sources.setdefault(name, source)
        if first != source:
            self._warn("the group name '%s' comes from both %s and %s: their hosts are in one group" % (name, first, source))
        return name
