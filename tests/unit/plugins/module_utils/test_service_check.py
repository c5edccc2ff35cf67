# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The service check over real HTTP against the emulator: findings per profile, one read per endpoint,
what the limiter saw, refused credentials, and a profile that holds no value of the account."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections
import json

import pytest

from ansible_collections.logmein.central.plugins.module_utils.central_api import CentralApi
from ansible_collections.logmein.central.plugins.module_utils.client import CentralClient
from ansible_collections.logmein.central.plugins.module_utils.connection_options import ConnectionSettings
from ansible_collections.logmein.central.plugins.module_utils.errors import AuthenticationError
from ansible_collections.logmein.central.plugins.module_utils.service_check import (
    ID_KEY,
    PROBES,
    Findings,
    ServiceCheck,
    check_answer,
    probes_of,
    rounded_length,
    shape,
)

EVERY_READ = ['GET /v1/authentication'] + [action for reads in PROBES.values() for action, dummy, dummy in reads]


def connect(emulator, tmp_path, psk=None, **options):
    values = dict(api_url=emulator.api_url, company_id=emulator.company_id, psk=psk or emulator.psk)
    values.update(options)
    return CentralApi(CentralClient(ConnectionSettings.from_options(values.get), state_dir=str(tmp_path / 'state')))


def with_active_report(emulator, tmp_path, profile):
    """An account with an active system inventory report, its first page ready (read once beforehand)."""
    emulator.reset(rate_limit_window=0, profile=profile)
    api = connect(emulator, tmp_path / 'setup', read_cache_ttl=0)
    ids = [h['id'] for h in emulator.state_hosts()][:60]
    report = api.create_inventory_report('system', ids, ['OsType', 'OsInstallDate', 'LastBootDate'])
    api.read_inventory_report('system', report['token'], created_for=ids)
    emulator.clear_log()
    return report['token']


def test_guide_shapes_are_ok_each_endpoint_read_once(emulator, tmp_path):
    with_active_report(emulator, tmp_path, 'guide')
    api = connect(emulator, tmp_path)
    check = ServiceCheck(api).run(probes_of(['all']))
    page = 'GET /v1/inventory/system/reports/{token}'
    assert not check.findings.variants and not check.findings.deviations
    assert sorted(check.ok) == sorted(EVERY_READ[1:] + [page])
    calls = collections.Counter(e['action'] for e in emulator.log())
    assert calls == collections.Counter(EVERY_READ + [page])  # once each, no active hardware report to read
    limiter = check.limiter()
    assert check.quirks(limiter) == {'hosts_group_key': 'groupid', 'ids_as_strings': False, 'av_details_style': 'table',
                                     'continuation_key': 'report.token', 'inventory_nesting': 'flat'}
    assert limiter['refusals'] == [] and limiter['retry_after_header_seen'] is False

    # A second check within read_cache_ttl reads the cached endpoints from the shared cache.
    emulator.clear_log()
    ServiceCheck(connect(emulator, tmp_path)).run(probes_of(['hosts', 'groups']))
    assert [e['action'] for e in emulator.log()] == ['GET /v1/authentication']


def test_variants_are_reported_and_become_the_profile_quirks(emulator, tmp_path):
    with_active_report(emulator, tmp_path, 'variants')
    check = ServiceCheck(connect(emulator, tmp_path)).run(probes_of(['all']))
    variants = set((v['endpoint'], v['path'], v['variant']) for v in check.findings.variants.values())
    assert {('GET /v2/hostswithgroups', 'hosts[].groupId', 'key groupId for groupid'),
            ('GET /v2/hosts', 'hosts[].id', 'id as a string of digits'),
            ('GET /v1/hosts/anti-virus/details', 'hostGroups', 'key hostGroups for hostsGroups'),
            ('GET /v1/inventory/system/reports/{token}', 'continuation_token',
             'continuation token at the top level (not report.token)'),
            ('GET /v1/inventory/system/reports/{token}', 'hosts.' + ID_KEY, 'inventory entries with nested objects')} <= variants
    assert not check.findings.deviations
    with open('tests/emulator/central_emulator/profiles/variants.json', encoding='utf-8') as handle:
        variants_profile = json.load(handle)['quirks']
    quirks = check.quirks(check.limiter())
    assert quirks == dict((key, variants_profile[key]) for key in quirks) and len(quirks) == 5


def test_a_shape_the_collection_does_not_handle_is_a_deviation_without_its_value():
    findings = Findings()
    check_answer('GET /v2/hosts', {'hosts': [{'id': 'Reception PC'}, {'description': 'x'}]}, findings)
    check_answer('GET /v1/hosts/custom-fields/categories', {'metadataCategories': {'id': 'Budapest'}}, findings)
    assert list(findings.deviations.values()) == [
        {'endpoint': 'GET /v2/hosts', 'path': 'hosts[].id', 'expected': 'an integer id (or a string of digits)',
         'seen': 'a string (text)'},
        {'endpoint': 'GET /v2/hosts', 'path': 'hosts[].id', 'expected': 'key id', 'seen': 'absent'},
        {'endpoint': 'GET /v1/hosts/custom-fields/categories', 'path': 'metadataCategories', 'expected': 'list',
         'seen': 'object'},
    ]


def test_shapes_keep_keys_types_and_rounded_lengths_never_values():
    answer = {'hosts': {'1026433963': {'osType': 'Windows 11', 'lastBootDate': '2019-02-25 11:33:40'},
                        '1026776926': {'osType': None, 'memories': [{'size': 8}] * 37}},
              'Reception {{ x }}': 1}
    described = shape(answer)
    text = json.dumps(described)
    for value in ('1026433963', '1026776926', 'Windows 11', '2019-02-25', 'Reception', '{{'):
        assert value not in text
    entry = described['keys']['hosts']['keys'][ID_KEY]
    assert entry['keys']['lastBootDate']['formats'] == ['date 9999-99-99 99:99:99']
    assert entry['optional'] == ['lastBootDate', 'memories']
    assert entry['keys']['osType']['types'] == ['null', 'str']
    assert entry['keys']['memories']['length'] == 40
    assert [rounded_length(n) for n in (0, 7, 12, 15, 1234)] == [0, 7, 10, 20, 1000]


def test_the_limiter_observations_name_refusals_and_their_hints(emulator, tmp_path):
    emulator.configure(rate_limit_window=1, retry_after=True, retry_hint='body')
    api = connect(emulator, tmp_path, read_cache_ttl=0)
    api.hosts()  # another task's call: the check's own read of the action is refused once
    check = ServiceCheck(api).run(probes_of(['hosts']))
    limiter = check.limiter()
    assert limiter['refusals'] and limiter['refusals'][0]['action'] == 'GET /v2/hosts'
    assert limiter['retry_after_header_seen'] and limiter['retry_hint_in_body_seen']
    assert limiter['learned_intervals']['GET /v2/hosts'] > 0
    assert check.quirks(limiter)['retry_after'] is True and check.quirks(limiter)['retry_hint'] == 'body'


def test_refused_credentials_say_which_options_variables_and_where(emulator, tmp_path):
    wrong = 'wrong-' + emulator.psk[6:]
    with pytest.raises(AuthenticationError) as raised:
        ServiceCheck(connect(emulator, tmp_path, psk=wrong)).run(probes_of(['all']))
    message = str(raised.value)
    assert message.startswith('authentication to LogMeIn Central failed (the service answered success: false): '
                              'check company_id and psk (')
    for part in ('company_id', 'psk', 'LOGMEIN_CENTRAL_COMPANY_ID', 'LOGMEIN_CENTRAL_PSK', 'Configuration > API'):
        assert part in message
    assert wrong not in message and emulator.psk not in message
    assert [e['action'] for e in emulator.log()] == ['GET /v1/authentication']


def test_unknown_probe_names_it():
    with pytest.raises(ValueError, match="got 'host'"):
        probes_of(['hosts', 'host'])
