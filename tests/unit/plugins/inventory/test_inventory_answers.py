# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Which API answers are read, and when the inventory cache's entry serves instead."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.logmein.central.plugins.module_utils.connection_options import ConnectionSettings
from ansible_collections.logmein.central.plugins.module_utils.errors import ValidationError
from ansible_collections.logmein.central.plugins.plugin_utils._inventory_answers import FORMAT, AnswerReader, cache_key, usable_entry


class FakeApi:
    """Records the calls; answers in the shapes CentralApi returns."""

    def __init__(self):
        self.calls = []

    def _call(self, name, **kwargs):
        self.calls.append((name, kwargs))

    def hosts_with_groups(self, fresh=False):
        self._call('hosts_with_groups', fresh=fresh)
        return {'groups': [{'id': -1, 'name': None}], 'hosts': [{'id': 1, 'groupid': -1, 'description': 'a'}]}

    def categories(self, fresh=False):
        self._call('categories', fresh=fresh)
        return [{'id': 'c1', 'name': 'Location', 'values': [{'id': 'v1', 'name': 'Boston'}]}]

    def host_values(self, fresh=False):
        self._call('host_values', fresh=fresh)
        return {1: {'c1': 'v1'}}

    def custom_field_values(self, fresh=False):
        return self.categories(fresh=fresh), self.host_values(fresh=fresh)

    def hosts(self, fresh=False):
        self._call('hosts', fresh=fresh)
        return {'hosts': [{'id': 1, 'hostName': 'DESKTOP-1'}]}

    def antivirus_details(self, fresh=False):
        self._call('antivirus_details', fresh=fresh)
        return {'groups': [], 'hosts': [{'hostId': 1, 'antiVirusStatus': 3}]}

    def computer_status_report(self):
        self._call('computer_status_report')
        return [{'hostId': 1, 'lastKnownIpAddress': '10.0.0.1'}]

    def inventory_fields(self, kind):
        self._call('inventory_fields', kind=kind)
        return ['OsType', 'LastBootDate']

    def inventory_report(self, kind, host_ids, fields):
        self._call('inventory_report', kind=kind, host_ids=list(host_ids), fields=list(fields))
        return dict((host_id, {'hostId': host_id, 'osType': 'Windows'}) for host_id in host_ids)


def reader_with(api, answers=None, fresh=False):
    connections = []

    def connect():
        connections.append(1)
        return api
    reader = AnswerReader(connect, answers, fresh=fresh)
    return reader, connections


def test_the_estate_takes_three_reads_and_host_names_one_more():
    api = FakeApi()
    reader, connections = reader_with(api)
    reader.read_estate()
    assert [name for name, dummy in api.calls] == ['hosts_with_groups', 'categories', 'host_values']
    reader.read_estate(host_names=True)
    assert [name for name, dummy in api.calls][3:] == ['hosts']
    assert connections == [1] and reader.changed


def test_answers_are_json_safe_so_a_cached_run_sees_the_same_data():
    reader, dummy = reader_with(FakeApi())
    reader.read_estate()
    reader.read_inventory('system', ['OsType'], [1])
    assert json.loads(json.dumps(reader.answers)) == reader.answers
    assert reader.answers['host_values'] == {'1': {'c1': 'v1'}}
    assert reader.answers['system_inventory']['hosts'] == {'1': {'hostId': 1, 'osType': 'Windows'}}


def test_a_complete_cache_entry_opens_no_connection():
    first, dummy = reader_with(FakeApi())
    first.read_estate(host_names=True)
    first.read_antivirus()
    first.read_computer_status()
    first.read_inventory('system', ['OsType'], [1])
    cached = json.loads(json.dumps(first.answers))

    def refuse():
        raise AssertionError('no connection expected')
    second = AnswerReader(refuse, cached)
    second.read_estate(host_names=True)
    second.read_antivirus()
    second.read_computer_status()
    second.read_inventory('system', ['OsType'], [1])
    assert not second.changed and second.client is None


def test_only_missing_answers_are_read():
    first, dummy = reader_with(FakeApi())
    first.read_estate()
    api = FakeApi()
    second, dummy = reader_with(api, json.loads(json.dumps(first.answers)))
    second.read_estate()
    second.read_antivirus()
    assert [name for name, dummy in api.calls] == ['antivirus_details'] and second.changed


def test_fresh_reads_go_around_the_clients_read_cache():
    api = FakeApi()
    reader, dummy = reader_with(api, fresh=True)
    reader.read_estate(host_names=True)
    reader.read_antivirus()
    assert all(kwargs == {'fresh': True} for dummy, kwargs in api.calls)


def test_an_entry_of_another_format_is_ignored():
    assert usable_entry({'format': FORMAT + 1, 'hosts_with_groups': {}}) == {}
    assert usable_entry(None) == {} and usable_entry(['x']) == {}
    assert usable_entry({'format': FORMAT, 'categories': []}) == {'format': FORMAT, 'categories': []}


def test_an_inventory_report_is_reread_when_fields_or_hosts_change():
    api = FakeApi()
    reader, dummy = reader_with(api)
    reader.read_inventory('system', ['OsType'], [1, 2])
    reader.read_inventory('system', ['OsType'], [2])           # covered: no call
    assert [name for name, dummy in api.calls] == ['inventory_fields', 'inventory_report']
    reader.read_inventory('system', ['OsType'], [1, 3])        # a host more
    reader.read_inventory('system', ['OsType', 'LastBootDate'], [1, 3])  # a field more
    assert [name for name, dummy in api.calls].count('inventory_report') == 3


def test_no_report_for_no_host():
    api = FakeApi()
    reader, dummy = reader_with(api)
    reader.read_inventory('hardware', ['OsType'], [])
    assert [name for name, dummy in api.calls] == ['inventory_fields']
    assert reader.answers['hardware_inventory']['hosts'] == {}


def test_unknown_inventory_fields_fail_listing_the_valid_ones():
    reader, dummy = reader_with(FakeApi())
    with pytest.raises(ValidationError) as info:
        reader.read_inventory('system', ['OsType', 'Bogus'], [1])
    assert str(info.value) == ('system_inventory_fields names unknown system inventory fields: Bogus. '
                               'Valid fields: OsType, LastBootDate')


def settings(api_url='https://a.example/public-api', company_id='1', psk='central-emulator-test-psk-0123456789', **tls):
    return ConnectionSettings(api_url, company_id, psk, **tls)


def test_the_cache_key_separates_accounts_and_never_holds_the_psk():
    psk = 'central-emulator-test-psk-0123456789'
    keys = {cache_key('central_k1', settings()), cache_key('central_k1', settings(company_id='2')),
            cache_key('central_k1', settings('https://b.example/public-api')), cache_key('central_k2', settings())}
    assert len(keys) == 4
    assert cache_key('central_k1', settings('https://a.example/public-api/')) == cache_key('central_k1', settings())
    assert all(key.startswith('central_k') and psk not in key for key in keys)


def test_the_cache_key_changes_with_the_psk_and_the_tls_settings():
    """A changed PSK, or answers read with other certificate checks, never share an entry; the same settings do."""
    base = cache_key('central_k1', settings())
    assert cache_key('central_k1', settings()) == base
    assert cache_key('central_k1', settings(validate_certs=True, ca_path=None)) == base
    variants = [
        settings(psk='another-psk-of-the-same-account-0123'),
        settings(psk='central-emulator-test-psk-0123456788'),
        settings(validate_certs=False),
        settings(ca_path='/etc/ssl/certs/ca-certificates.crt'),
        settings(ca_path='/etc/pki/tls/certs/ca-bundle.crt'),
        settings(validate_certs=False, ca_path='/etc/pki/tls/certs/ca-bundle.crt'),
    ]
    keys = [cache_key('central_k1', variant) for variant in variants]
    assert len(set(keys + [base])) == len(variants) + 1
    for variant, key in zip(variants, keys):
        assert variant.psk not in key
        # Only the last part, the tag, changes: the account part does not depend on the PSK or TLS settings.
        assert key.rsplit('_', 1)[0] == base.rsplit('_', 1)[0]
