# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The raw API answers an inventory is built from, and the inventory cache's entry.

The inventory cache keeps these answers, not the groups and variables built from them,
so changing ``compose``, ``keyed_groups`` or the naming options needs no new API call.
Answers are kept in a JSON-safe shape (string keys), the shape a cache plugin gives back,
so a fresh run and a cached run build the inventory from the same data.

Each answer is read only when the options need it and the cache does not hold it, and
the API client is made only then: a run served by the cache makes no call at all.

This module is private to the collection (leading underscore): no compatibility promise.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib

from ansible_collections.logmein.central.plugins.module_utils.connection_options import settings_tag
from ansible_collections.logmein.central.plugins.module_utils.errors import ValidationError

# Bump when the shape of an entry changes: older entries are then ignored, not misread.
FORMAT = 1
INVENTORY_OPTION = '%s_inventory_fields'


def cache_key(base_key, settings):
    """The inventory cache key: the inventory file's key, the account's, and a tag of the credentials and TLS settings.

    Two inventory sources (or one file used with two accounts through the environment)
    never share an entry. The tag (connection_options.settings_tag) changes with the PSK,
    ``validate_certs`` and ``ca_path``, and never gives back the PSK.
    """
    api_url = settings.api_url.rstrip('/')
    account = hashlib.sha256(('%s\0%s' % (api_url, settings.company_id)).encode('utf-8')).hexdigest()[:16]
    tag = settings_tag(settings, 'inventory-cache', length=16)
    return '%s_%s_%s' % (base_key, account, tag)


def usable_entry(entry):
    """The answers of a cache entry, or an empty dict when it is missing or of another format."""
    if isinstance(entry, dict) and entry.get('format') == FORMAT:
        return dict(entry)
    return {}


def _string_keys(mapping):
    return dict((str(key), value) for key, value in mapping.items())


class AnswerReader:
    """Collects the answers the options need, from ``answers`` (a cache entry) or the API.

    ``connect()`` returns a CentralApi; it is called at most once, on the first read.
    ``fresh`` reads around the client's short-lived read cache too (``--flush-cache``,
    ``meta: refresh_inventory``). ``changed`` tells whether anything was read.
    """

    def __init__(self, connect, answers=None, fresh=False):
        self._connect = connect
        self._api = None
        self._fresh = fresh
        self.answers = usable_entry(answers)
        self.answers['format'] = FORMAT
        self.changed = False

    @property
    def api(self):
        if self._api is None:
            self._api = self._connect()
        return self._api

    @property
    def client(self):
        """The CentralClient used, or None when no answer had to be read from the API."""
        return None if self._api is None else self._api.client

    def read_estate(self, host_names=False):
        """Hosts with their groups, custom-field categories and values (3 calls); ``GET /v2/hosts`` for host names."""
        self._need('hosts_with_groups', lambda api: api.hosts_with_groups(fresh=self._fresh))
        if 'categories' not in self.answers or 'host_values' not in self.answers:
            categories, host_values = self.api.custom_field_values(fresh=self._fresh)
            self.answers.update(categories=categories, host_values=_string_keys(host_values))
            self.changed = True
        if host_names:
            self._need('hosts', lambda api: api.hosts(fresh=self._fresh))

    def read_antivirus(self):
        self._need('antivirus', lambda api: api.antivirus_details(fresh=self._fresh))

    def read_computer_status(self):
        self._need('computer_status', lambda api: api.computer_status_report())

    def read_inventory(self, kind, fields, host_ids):
        """A system or hardware inventory report of these fields for these hosts, every page of it.

        A cached report serves when it has the same fields and covers the hosts. Field
        names are checked against the service's list first, so a typo fails naming the
        valid fields instead of as an obscure refusal.
        """
        fields = sorted(set(fields))
        host_ids = sorted(set(host_ids))
        key = '%s_inventory' % kind
        cached = self.answers.get(key)
        if isinstance(cached, dict) and cached.get('fields') == fields and set(host_ids) <= set(cached.get('host_ids') or ()):
            return
        valid = self.api.inventory_fields(kind)
        unknown = [field for field in fields if field not in valid]
        if unknown:
            raise ValidationError('%s names unknown %s inventory fields: %s. Valid fields: %s'
                                  % (INVENTORY_OPTION % kind, kind, ', '.join(unknown), ', '.join(valid)))
        report = self.api.inventory_report(kind, host_ids, fields) if host_ids else {}
        self.answers[key] = {'fields': fields, 'host_ids': host_ids, 'hosts': _string_keys(report)}
        self.changed = True

    def _need(self, key, read):
        if key in self.answers:
            return
        self.answers[key] = read(self.api)
        self.changed = True
