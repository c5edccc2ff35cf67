# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""report_facts, run by ansible-playbook against the emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

import pytest

from ansible_collections.logmein.central.tests.integration.conftest import writes

GATHERED = ['hosts', 'groups', 'custom_fields', 'antivirus', 'users', 'system_inventory', 'hardware_inventory',
            'remote_access', 'computer_status', 'deleted_hosts']
ISO = re.compile(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$')
# Seven calendar months: three report windows (Nov-Jan, Feb-Apr, May).
START, END, DELETED_SINCE = '2024-11-01', '2025-05-31', '2024-10-01'
STATUS_NAMES = {0: 'action_required', 1: 'warning', 2: 'unknown', 3: 'ok', 4: 'free_ok', 5: 'partial_ok'}


def assert_ok(run):
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-3000:]


def keys_at_every_depth(value, skip_keys_of=()):
    """Every dict key of a value, except the keys of the dicts named (keyed by host id)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in skip_keys_of:
                yield key
            yield from keys_at_every_depth(item)
    elif isinstance(value, list):
        for item in value:
            yield from keys_at_every_depth(item)


def actions(central):
    return [e['action'] for e in central.log()]


@pytest.mark.both_profiles
def test_report_facts_gathers_everything_shaped_for_playbooks(ansible, central, emulator_profile):
    state = central.state(inventory=False)
    hosts = state['hosts']
    run = ansible.playbook('report_facts.yml', extra_vars={
        'host_ids': [h['id'] for h in hosts], 'start_date': START, 'end_date': END, 'deleted_since': DELETED_SINCE})
    assert_ok(run)
    results = ansible.output('report_results.json')
    everything = results['everything']
    facts = everything['ansible_facts']['central']
    assert not everything['changed'] and sorted(facts) == sorted(GATHERED)
    assert writes(central) == []

    # snake_case keys at every depth, dates in ISO 8601
    for key in facts:
        names = set(keys_at_every_depth(facts[key]))
        if key in ('system_inventory', 'hardware_inventory'):
            names = set(keys_at_every_depth(list(facts[key].values())))
        elif key == 'custom_fields':
            names = set(keys_at_every_depth([dict(c, hosts={}) for c in facts[key]]))
        assert names and all(re.match(r'^[a-z][a-z0-9_]*$', n) for n in names), (key, sorted(names))
    dates = [h['host_state_change_date'] for h in facts['hosts']] + [u['last_login_date'] for u in facts['users']]
    dates += [s[k] for s in facts['remote_access'] for k in ('session_start', 'session_end')]
    dates += [d[k] for d in facts['deleted_hosts'] for k in ('deleted_at', 'installed_at')]
    dates += [s['last_online'] for s in facts['computer_status']]
    dates += [i['last_boot_date'] for i in facts['system_inventory'].values() if i.get('last_boot_date')]
    dates += [u['created'] for i in facts['system_inventory'].values() for u in i.get('local_users') or []]
    assert all(ISO.match(d) for d in dates if d is not None), [d for d in dates if d and not ISO.match(d)][:5]

    # hosts and groups
    by_id = {h['id']: h for h in facts['hosts']}
    assert sorted(by_id) == sorted(h['id'] for h in hosts)
    group_names = {g['id']: g['name'] for g in state['groups']}
    for host in hosts:
        fact = by_id[host['id']]
        assert (fact['description'], fact['host_name'], fact['is_host_online']) == (
            host['description'], host['hostName'], host['isHostOnline'])
        assert fact['group_id'] == host['groupId'] and fact['group_name'] == group_names.get(host['groupId'])
    assert {g['name']: sorted(g['host_ids']) for g in facts['groups']} == {
        g['name']: sorted(h['id'] for h in hosts if h['groupId'] == g['id']) for g in state['groups']}

    # custom fields resolved to names
    owner = [c for c in facts['custom_fields'] if c['name'] == 'Owner'][0]
    expected_owners = {}
    for host in hosts:
        value = (host.get('customFields') or {}).get(owner['id'])
        if value is not None:
            expected_owners[str(host['id'])] = {v['id']: v['name'] for v in owner['values_in_use']}.get(value, value)
    assert owner['hosts'] == expected_owners and "{{ lookup('pipe', 'id') }}" in owner['hosts'].values()

    # anti-virus: code and name
    statuses = {h['host_id']: (h['anti_virus_status'], h['anti_virus_status_name']) for h in facts['antivirus']}
    assert statuses == {h['id']: (h['antiVirus']['antiVirusStatus'], STATUS_NAMES[h['antiVirus']['antiVirusStatus']]) for h in hosts}
    assert set(STATUS_NAMES.values()) == {name for dummy, name in statuses.values()}
    assert all('can_report_real_time_protection_status' in h for h in facts['antivirus'])

    # users, inventories, status, deleted hosts
    assert facts['users'][0]['is_account_holder'] and len(facts['users']) == 1 + len(state['users']['usersData'])
    for kind in ('system_inventory', 'hardware_inventory'):
        assert sorted(facts[kind]) == sorted(str(h['id']) for h in hosts)
        assert all(entry['host_id'] == int(key) for key, entry in facts[kind].items())
    assert sorted(s['host_id'] for s in facts['computer_status']) == sorted(h['id'] for h in hosts)
    assert {s['status_name'] for s in facts['computer_status']} <= {'marked_for_cancel', 'active', 'expired', 'banned', 'cancelled'}
    deleted = [d for d in state['deletedHosts'] if d['deletedAt'][:10] >= DELETED_SINCE]
    assert sorted(d['host_id'] for d in facts['deleted_hosts']) == sorted(d['hostId'] for d in deleted)
    assert all(d['deleted_reason'] and 'delete_reason' not in d for d in facts['deleted_hosts'])

    # a seven-month range: three report calls, every session once
    in_range = sorted(s['sessionId'] for s in state['remoteAccessSessions'] if START <= s['sessionStart'][:10] <= END)
    for name in ('everything', 'grouped'):
        sessions = results[name]['ansible_facts']['central']['remote_access']
        assert sorted(s['session_id'] for s in sessions) == in_range, name
    assert len(in_range) > 50
    assert actions(central).count('POST /v1/reports/remote-access') == 3
    assert actions(central).count('POST /v1/reports/remote-access-with-groups') == 3
    host_groups = {h['id']: (None if h['groupId'] == -1 else h['groupId']) for h in hosts}
    grouped = results['grouped']['ansible_facts']['central']['remote_access']
    assert all(s['group_id'] == host_groups[s['host_id']] for s in grouped)

    # the defaults: hosts and groups
    assert sorted(results['defaults']['ansible_facts']['central']) == ['groups', 'hosts']

    # narrowed: the hosts named plus the hosts of the group named, the fields asked for
    work = [g['id'] for g in state['groups'] if g['name'] == 'Work Computers'][0]
    selected = {h['id'] for h in hosts if h['groupId'] == work} | {hosts[0]['id'], hosts[1]['id']}
    narrowed = results['narrowed']['ansible_facts']['central']
    assert {int(k) for k in narrowed['system_inventory']} == selected
    assert {s['host_id'] for s in narrowed['computer_status']} == selected
    if emulator_profile == 'variants':  # nested entries stay nested, with snake_case keys and ISO dates at every depth
        assert all(sorted(e) == ['host_id', 'last_boot_date', 'operating_system'] for e in narrowed['system_inventory'].values())
        assert all(sorted(e['operating_system']) == ['install_date', 'type'] and e['operating_system']['type']
                   for e in narrowed['system_inventory'].values())
    else:
        assert all(sorted(e) == ['host_id', 'last_boot_date', 'os_type'] for e in narrowed['system_inventory'].values())


@pytest.mark.both_profiles
def test_inventory_of_120_hosts_reads_every_page_and_the_active_report(ansible, central):
    central.reset(hosts=120, rate_limit_window=0)
    ids = [h['id'] for h in central.state(inventory=False)['hosts']]
    run = ansible.playbook('report_inventory.yml', extra_vars={'host_ids': ids})
    assert_ok(run)
    results = ansible.output('inventory_results.json')
    for name in ('first', 'active'):
        facts = results[name]['ansible_facts']['central']
        for kind in ('system_inventory', 'hardware_inventory'):
            assert sorted(facts[kind]) == sorted(str(i) for i in ids), (name, kind)
    assert results['first']['inventory_reports']['system']['source'] == 'created'
    assert results['active']['inventory_reports']['hardware']['source'] == 'active'
    assert list(results['one_host']['ansible_facts']['central']['hardware_inventory']) == [str(ids[0])]

    log = actions(central)
    for kind in ('system', 'hardware'):
        # first run: no active report, so one is created; then every run reads its three pages
        assert log.count('POST /v1/inventory/%s/reports' % kind) == 1
        assert log.count('GET /v1/inventory/%s/reports/{token}' % kind) == {'system': 6, 'hardware': 9}[kind]
        assert log.count('GET /v1/inventory/%s/reports' % kind) == {'system': 2, 'hardware': 3}[kind]
    assert writes(central) == []


@pytest.mark.core216
def test_bad_input_fails_before_any_call(ansible, central):
    run = ansible.playbook('report_bad_input.yml', extra_vars={
        'host_ids': [h['id'] for h in central.state(inventory=False)['hosts']], 'emulator_url': central.url})
    assert_ok(run)
    results = ansible.output('bad_input_results.json')
    offline = results['offline_checks']
    assert all(r['failed'] for r in offline)
    messages = [r['msg'] for r in offline]
    assert 'start_date is required when remote_access is gathered' in messages[0]
    assert 'end_date is required when remote_access is gathered' in messages[0]
    assert 'start_date' not in messages[1] and 'end_date is required' in messages[1]
    assert 'end_date 2025-02-28 is before start_date 2025-03-01' in messages[2]
    assert "'2025-13-01'" in messages[3] and "'01/02/2025'" in messages[3]
    assert 'deleted_since is required when deleted_hosts is gathered' in messages[4]
    assert "'yesterday'" in messages[5]
    assert 'everything' in messages[6]
    assert "'abc'" in messages[7]
    # A mistyped year (0202 for 2020) once queued a report call per three months since the year 202.
    assert 'start_date 0202-01-01 is before 2000-01-01' in messages[8]
    assert 'deleted_since 1999-12-31 is before 2000-01-01' in messages[9]
    assert results['log_after_offline_checks'] == []  # not a single call

    read = results['read_checks']
    assert all(r['failed'] and r['error_kind'] == 'validation' for r in read)
    assert "'Bogus', 'Nope'" in read[0]['msg'] and 'OsType' in read[0]['msg'] and 'ExternalIp' in read[0]['msg']
    assert "'cputype'" in read[1]['msg'] and 'CpuType' in read[1]['msg']
    assert '4242, 4343' in read[2]['msg']
    assert "groups: group 'No such group' does not exist" in read[3]['msg'] and "groups: group '99' does not exist" in read[3]['msg']
    assert "group 'Work Computers'" not in read[3]['msg']
    # only the reads the input is checked against: no report was created or asked for
    assert sorted(set(actions(central))) == ['GET /v1/inventory/hardware/fields', 'GET /v1/inventory/system/fields',
                                             'GET /v2/hostswithgroups']
