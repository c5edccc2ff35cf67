# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""host_description, host_group, host and host_connection, run by ansible-playbook against the emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.logmein.central.tests.integration.conftest import reads, writes

PLAIN_GROUPS = ('Work Computers', 'sales-team', 'Finance & Legal')


def plain_groups(central):
    return [g for g in central.state()['groups'] if g['name'] in PLAIN_GROUPS]


def hosts_outside(central, group_ids, count):
    return [h['id'] for h in central.state()['hosts'] if h['groupId'] not in group_ids][:count]


def assert_ok(run):
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-3000:]


@pytest.mark.core216
@pytest.mark.both_profiles
def test_host_description(ansible, central):
    host_ids = [h['id'] for h in central.state()['hosts'][:4]]
    run = ansible.playbook('host_description.yml', '--diff', extra_vars={'host_ids': host_ids, 'emulator_url': central.url})
    assert_ok(run)
    assert '+    "%d": "Reception PC"' % host_ids[0] in run.stdout  # the diff of the first task
    assert [e['action'] for e in writes(central)] == ['PUT /v1/hosts/{id}/description'] * 3
    assert [e['action'] for e in reads(central) if e['action'] != 'GET /v2/hostswithgroups'] == []


@pytest.mark.core216
@pytest.mark.both_profiles
def test_host_group(ansible, central):
    groups = plain_groups(central)
    target_ids = [g['id'] for g in groups[:2]]
    host_ids = hosts_outside(central, target_ids, 4)
    run = ansible.playbook('host_group.yml', extra_vars={
        'host_ids': host_ids, 'target_group_ids': target_ids, 'emulator_url': central.url,
        'group_names_by_id': {str(g['id']): g['name'] for g in groups}})
    assert_ok(run)
    assert [e['action'] for e in writes(central)] == ['PUT /v1/host-groups/{groupid}/hosts']
    moved = {h['id']: h['groupId'] for h in central.state()['hosts']}
    assert [moved[i] for i in host_ids[:2]] == [target_ids[0]] * 2


@pytest.mark.both_profiles
def test_host(ansible, central):
    host_ids = [h['id'] for h in central.state()['hosts'][:3]]
    run = ansible.playbook('host.yml', extra_vars={'host_ids': host_ids, 'emulator_url': central.url})
    assert_ok(run)
    remaining = {h['id'] for h in central.state()['hosts']}
    assert not set(host_ids[:2]) & remaining and host_ids[2] in remaining
    assert [e['action'] for e in writes(central)] == ['DELETE /v1/hosts']


@pytest.mark.both_profiles
def test_host_connection(ansible, central):
    hosts = central.state()['hosts']
    online = [h['id'] for h in hosts if h['isHostOnline'] and not h.get('raSessionInProgress')][0]
    offline = [h['id'] for h in hosts if not h['isHostOnline']][0]
    run = ansible.playbook('host_connection.yml', extra_vars={'online_host_id': online, 'offline_host_id': offline})
    assert_ok(run)
    result = ansible.output('link.json')
    # url holds the link whatever key the service's answer used (connectionUrl in the guide profile, url in variants)
    assert result['url'].startswith('https://') and result['url'] in json.dumps(result['connection'])
    # the link is in the result only: not in any warning, error or log line
    assert result['url'] not in run.stdout + run.stderr
    creates = [e for e in central.log() if e['action'] == 'POST /v1/hosts/{id}/connection']
    assert [e['status'] for e in creates] == [200, 400]


def test_moving_500_hosts_from_5_groups_is_one_read_and_one_write(ansible, central):
    groups = [{'id': 70001 + n, 'name': 'Site %d' % n} for n in range(6)]
    hosts = [{'id': 1100000000 + n, 'description': 'PC %d' % n, 'groupId': groups[n % 5]['id']} for n in range(500)]
    central.put_state({'groups': groups, 'hosts': hosts})
    central.clear_log()
    run = ansible.playbook('move_hosts.yml', extra_vars={'moves': {'Site 5': [h['id'] for h in hosts]}})
    assert_ok(run)
    assert [e['action'] for e in central.log()] == ['GET /v2/hostswithgroups', 'PUT /v1/host-groups/{groupid}/hosts']
    assert len(ansible.output('result.json')['moved']) == 500

    central.clear_log()
    thirds = {'Site 0': [h['id'] for h in hosts[:100]], 'Site 1': [h['id'] for h in hosts[100:300]],
              str(groups[2]['id']): [h['id'] for h in hosts[300:]]}
    # a fresh controller: the first run's cached read (updated in place by its move) would save the read
    run = ansible.playbook('move_hosts.yml', extra_vars={'moves': thirds}, LOGMEIN_CENTRAL_STATE_DIR=ansible.tmp_path / 'fresh')
    assert_ok(run)
    actions = [e['action'] for e in central.log()]
    assert actions == ['GET /v2/hostswithgroups'] + ['PUT /v1/host-groups/{groupid}/hosts'] * 3
    assert len(ansible.output('result.json')['moved']) == 500


def test_ten_forks_delegated_to_localhost_take_turns(ansible, central, tmp_path):
    central.configure(rate_limit_window=1)
    ids = [h['id'] for h in central.state()['hosts'][:10]]
    run = ansible.playbook('forks.yml', '-i', _fork_inventory(tmp_path, ids), '--forks', '10')
    assert_ok(run)
    described = {h['id']: h['description'] for h in central.state()['hosts']}
    assert [described[i] for i in ids] == ['Fork test pc%02d' % n for n in range(10)]
    statuses = [e['status'] for e in writes(central)]
    assert statuses.count(200) == 10
    assert statuses.count(429) <= 10
    assert 'rate limit' in run.stdout  # the waits are reported as warnings


def _fork_inventory(tmp_path, ids):
    inventory = tmp_path / 'hosts.yml'
    inventory.write_text(json.dumps({'central_hosts': {'hosts': {
        'pc%02d' % n: {'central_id': host_id, 'ansible_connection': 'local'} for n, host_id in enumerate(ids)}}}))
    return str(inventory)


def _write_span(central):
    """Seconds from the first description write the emulator received to the last one it accepted."""
    entries = [e for e in writes(central) if e['action'] == 'PUT /v1/hosts/{id}/description']
    accepted = [e['time'] for e in entries if e['status'] == 200]
    return max(accepted) - min(e['time'] for e in entries), sum(1 for e in entries if e['status'] == 429)


@pytest.mark.core216
def test_eight_forks_meet_the_api_floor_from_a_fresh_state(ansible, central, tmp_path):
    """Issue 14's case: eight forks, one description each, a 2 s window per action (floor 14 s).

    The overhead is the same job with the limit off, measured the same way (from the request log).
    """
    ids = [h['id'] for h in central.state()['hosts'][:8]]
    inventory = _fork_inventory(tmp_path, ids)
    assert_ok(ansible.playbook('forks.yml', '-i', inventory, '--forks', '8', LOGMEIN_CENTRAL_STATE_DIR=tmp_path / 'off'))
    overhead, dummy = _write_span(central)
    central.clear_log()
    central.configure(rate_limit_window=2)
    run = ansible.playbook('forks.yml', '-i', inventory, '--forks', '8', extra_vars={'suffix': ' (limited)'},
                           LOGMEIN_CENTRAL_STATE_DIR=tmp_path / 'limited')
    assert_ok(run)
    elapsed, refusals = _write_span(central)
    floor = 7 * 2.0
    print('eight forks at 2 s: %.1f s (floor %.0f s, overhead %.1f s), %d refusals' % (elapsed, floor, overhead, refusals))
    assert elapsed <= 1.1 * floor + overhead, (elapsed, overhead, refusals)
    assert refusals <= 4
    described = {h['id']: h['description'] for h in central.state()['hosts']}
    assert [described[i] for i in ids] == ['Fork test pc%02d (limited)' % n for n in range(8)]


@pytest.mark.core216
def test_the_psk_appears_nowhere_at_any_verbosity(ansible, central):
    wrong = 'wrong-' + 'w' * 120
    host_ids = [h['id'] for h in central.state()['hosts'][:1]]
    run = ansible.playbook('secrets.yml', '-vvvv', extra_vars={'host_ids': host_ids}, TEST_CENTRAL_PSK=central.psk,
                           TEST_WRONG_PSK=wrong, LOGMEIN_CENTRAL_PSK='', ANSIBLE_LOG_PATH=str(ansible.tmp_path / 'ansible.log'))
    assert_ok(run)
    registered = (ansible.tmp_path / 'registered.json').read_text()
    texts = [run.stdout, run.stderr, (ansible.tmp_path / 'ansible.log').read_text(), registered]
    for folder in ('state',):
        for path in (ansible.tmp_path / folder).rglob('*'):
            if path.is_file():
                texts.append(path.read_text(errors='replace'))
    invocation = json.loads(registered).get('invocation')  # older cores return the arguments, masked
    assert invocation is None or invocation['module_args']['psk'] == 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'
    assert '<127.0.0.1> EXEC' in run.stdout  # it really ran at -vvvv
    assert not [t for t in texts if central.psk in t or wrong in t]


def test_a_partial_failure_names_the_hosts_done_and_not_done(ansible, central):
    host_ids = [h['id'] for h in central.state()['hosts'][:3]]
    central.set_faults([{'kind': 'error_500', 'match': 'PUT /v1/hosts/%d/description' % host_ids[1]}])
    assert_ok(ansible.playbook('partial_failure.yml', extra_vars={'host_ids': host_ids}))
    result = ansible.output('result.json')
    assert result['failed'] and result['changed']
    assert result['done_hosts'] == host_ids[:1]
    assert result['failed_hosts'] == host_ids[1:]
    assert 'written before the failure: %d; not written: %d, %d' % tuple(host_ids) in result['msg']
    described = {h['id']: h['description'] for h in central.state()['hosts']}
    assert described[host_ids[0]] == 'First' and described[host_ids[2]] != 'Third'
