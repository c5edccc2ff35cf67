# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The estate as the inventory sees it: hosts, their groups, custom fields and enrichment.

``Estate`` indexes the raw answers once (each index is built in one pass), so that
everything about one host is a dictionary lookup: building the inventory stays linear
in the number of hosts. The host variables it returns are plain data; the plugin marks
them unsafe before they become host variables.

This module is private to the collection (leading underscore): no compatibility promise.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.logmein.central.plugins.module_utils.account import INVENTORY_KINDS, Account, UnknownGroup, record_id
from ansible_collections.logmein.central.plugins.module_utils.dates import to_iso8601
from ansible_collections.logmein.central.plugins.module_utils.facts import antivirus_facts, computer_status_facts, inventory_facts
from ansible_collections.logmein.central.plugins.module_utils.validation import host_ids, quote
# The form the API usually writes dates in is already ISO 8601: no need to parse it (10,000 strptime calls).
_ISO_8601_UTC = re.compile(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$')


class Category:
    """A custom-field category: its id, name, the key it has in ``central_custom_fields`` and its values."""

    def __init__(self, category_id, name, key, values):
        self.id = category_id
        self.name = name
        self.key = key
        self.values = values  # value id -> value


def _index(items, id_key):
    """``{id: item}`` for a list of API records; records without a usable id are left out."""
    index = {}
    for item in items or ():
        item_id = record_id(item, id_key)
        if item_id is not None:
            index[item_id] = item
    return index


def _categories(answer, warn):
    """Categories with their keys; a name that several categories share gets ``<name>_<id>`` on each."""
    counts = {}
    for category in answer:
        counts[category.get('name')] = counts.get(category.get('name'), 0) + 1
    categories = []
    for category in answer:
        name = category.get('name') or ''
        key = name
        if counts[category.get('name')] > 1:
            key = '%s_%s' % (name, category.get('id'))
            warn('several custom-field categories are named %s: this one (id %s) is %s in central_custom_fields'
                 % (quote(name), category.get('id'), quote(key)))
        values = dict((value.get('id'), value.get('name')) for value in category.get('values') or ())
        categories.append(Category(category.get('id'), name, key, values))
    return categories


def _state_changed(value):
    """``hostStateChangeDate`` in ISO 8601; a date in a format nobody foresaw is kept as the API wrote it."""
    if isinstance(value, str) and _ISO_8601_UTC.match(value):
        return value
    try:
        return to_iso8601(value)
    except ValueError:
        return value


class Estate:
    def __init__(self, answers, warn):
        self.account = Account.from_answer(answers.get('hosts_with_groups'))
        self.groups = self.account.groups  # (id, name) of every Central computer group, in the API's order
        self.hosts = sorted(self.account.hosts.items())  # (id, account.Host), by id
        self.categories = _categories(answers.get('categories') or [], warn)
        self._categories = dict((category.id, category) for category in self.categories)
        self._values = answers.get('host_values') or {}
        self._host_names = None
        if 'hosts' in answers:
            self._host_names = dict((host_id, host.get('hostName')) for host_id, host in
                                    _index((answers['hosts'] or {}).get('hosts'), 'id').items())
        self._antivirus = _index((answers['antivirus'] or {}).get('hosts'), 'hostId') if 'antivirus' in answers else None
        self._computer_status = _index(answers['computer_status'], 'hostId') if 'computer_status' in answers else None
        self._inventory = dict((kind, (answers['%s_inventory' % kind] or {}).get('hosts') or {})
                               for kind in INVENTORY_KINDS if '%s_inventory' % kind in answers)

    # Facts of one host -------------------------------------------------------------------

    def host_name(self, host_id):
        """The machine's own name (``hostName`` of ``GET /v2/hosts``); None when unknown or not read."""
        if self._host_names is None:
            return None
        return self._host_names.get(host_id)

    def custom_values(self, host_id):
        """``[(category, value id, value)]`` of the values the host carries, for known categories and values."""
        pairs = []
        for category_id, value_id in (self._values.get(str(host_id)) or {}).items():
            category = self._categories.get(category_id)
            if category is not None and value_id in category.values:
                pairs.append((category, value_id, category.values[value_id]))
        return pairs

    def variables(self, host_id, host, custom_values):
        """The ``central_*`` variables of one host (an account.Host; plain data, not yet marked unsafe)."""
        variables = {
            'central_id': host_id,
            'central_description': host.description or '',
            'central_online': host.online,
            'central_group_id': host.group_id,
            'central_group': self.account.group_name(host.group_id),
            'central_state_changed': _state_changed(host.state_changed),
            'central_custom_fields': dict((category.key, value) for category, dummy, value in custom_values),
        }
        if self._host_names is not None:
            variables['central_host_name'] = self._host_names.get(host_id)
        if self._antivirus is not None:
            record = self._antivirus.get(host_id)
            variables['central_antivirus'] = antivirus_facts(record) if record else {}
        if self._computer_status is not None:
            record = self._computer_status.get(host_id)
            variables['central_computer_status'] = computer_status_facts(record) if record else {}
        for kind, hosts in self._inventory.items():
            record = hosts.get(str(host_id))
            variables['central_%s_inventory' % kind] = inventory_facts(record) if record else {}
        return variables

    # Filters -----------------------------------------------------------------------------

    def select(self, include_offline=True, computer_groups=None, exclude_hosts=None, warn=None, strict=False):
        """``[(id, host)]`` of the hosts the filters keep, by id."""
        wanted_groups = self.resolve_groups(computer_groups, warn, strict) if computer_groups else None
        excluded = set(host_ids(exclude_hosts, 'exclude_hosts'))
        selected = []
        for host_id, host in self.hosts:
            if host_id in excluded or (not include_offline and not host.online):
                continue
            if wanted_groups is not None and host.group_id not in wanted_groups:
                continue
            selected.append((host_id, host))
        return selected

    def resolve_groups(self, entries, warn=None, strict=False):
        """Group ids for ``computer_groups`` entries (account.Account.resolve_group; -1: hosts in no group).

        An ambiguous entry fails. An unknown one is warned about and selects nothing, unless
        ``strict``: a computer group deleted or renamed in Central must not break every job
        that uses the inventory's other groups (the plugin's documentation says so).
        """
        wanted = set()
        for entry in entries:
            try:
                wanted.add(self.account.resolve_group(entry, 'computer_groups', allow_no_group=True).id)
            except UnknownGroup as error:
                if strict:
                    raise
                if warn:
                    warn(error.message)
        return wanted
