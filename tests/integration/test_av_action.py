# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""av_action, run by ansible-playbook against the emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.logmein.central.tests.integration.conftest import writes

DOCUMENTED_REALTIME = '/public-api/v1/anti-virus/actions/enable-realtimetypeprotection'
ALTERNATIVE_REALTIME = '/public-api/v1/anti-virus/actions/enable-realtimeprotection'
DETAILS = '/public-api/v1/hosts/anti-virus/details'
ACTION_PATHS = {
    'update_definition': '/public-api/v1/anti-virus/actions/update-definition',
    'full_scan': '/public-api/v1/anti-virus/actions/start-fullscan',
    'refresh_status': '/public-api/v1/anti-virus/actions/refresh-status',
}


def assert_ok(run):
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-3000:]


def expected(action, hosts, only_when_needed=True):
    """``(to send, {host id: skip reason})`` by the rules of the issue, from the emulator's state."""
    send, skipped = [], {}
    for host in hosts:
        av = host['antiVirus']
        if not av['antiVirusName']:
            skipped[host['id']] = 'no_antivirus'
        elif av['antiVirusStatus'] == 2:
            skipped[host['id']] = 'status_unknown'
        elif only_when_needed and action == 'enable_realtime_protection' and not av['canReportRealTimeProtectionStatus']:
            skipped[host['id']] = 'cannot_report_realtime_protection'
        elif only_when_needed and action == 'enable_realtime_protection' and av['isRealTimeProtectionOn']:
            skipped[host['id']] = 'realtime_protection_on'
        elif only_when_needed and action == 'update_definition' and av['isVirusDefinitionUpToDate']:
            skipped[host['id']] = 'definitions_up_to_date'
        else:
            send.append(host['id'])
    return send, skipped


@pytest.mark.both_profiles
def test_av_actions_on_a_mix_of_hosts(ansible, central):
    hosts = central.state(inventory=False)['hosts']
    needs_both = [h['id'] for h in hosts if h['isHostOnline'] and h['antiVirus']['antiVirusName']
                  and h['antiVirus']['antiVirusStatus'] != 2 and h['antiVirus']['canReportRealTimeProtectionStatus']
                  and not h['antiVirus']['isRealTimeProtectionOn'] and not h['antiVirus']['isVirusDefinitionUpToDate']]
    assert needs_both, 'the dataset has no online host that needs both commands'
    refused = needs_both[0]  # online and needing the command, but the emulator answers sentSuccessfully false
    central.configure(av_unsent_host_ids=[refused], realtime_path='alternative')
    offline = {h['id'] for h in hosts if not h['isHostOnline']}
    ids = [h['id'] for h in hosts]

    run = ansible.playbook('av_action.yml', extra_vars={'host_ids': ids, 'emulator_url': central.url})
    assert_ok(run)
    results = ansible.output('av_results.json')

    # The mix covers every case: needing it, not needing it, no AV, unknown status, offline, refused.
    realtime_send, realtime_skipped = expected('enable_realtime_protection', hosts)
    definition_send, definition_skipped = expected('update_definition', hosts)
    all_reasons = set(realtime_skipped.values()) | set(definition_skipped.values())
    assert all_reasons == {'no_antivirus', 'status_unknown', 'cannot_report_realtime_protection', 'realtime_protection_on',
                           'definitions_up_to_date'}
    assert offline & set(realtime_send) and refused in realtime_send and refused in definition_send

    # Check mode: what would be sent, nothing sent (the playbook asserted 0 writes).
    for result, action in zip(results['checked'], ['enable_realtime_protection', 'full_scan', 'refresh_status', 'update_definition']):
        send, skipped = expected(action, hosts)
        assert result['sent'] == send, action
        assert {s['host_id']: s['reason'] for s in result['skipped_hosts']} == skipped, action
        assert result['command_statuses'] == [] and result['unsent'] == []
    always_send, dummy = expected('enable_realtime_protection', hosts, only_when_needed=False)
    assert results['checked_always']['sent'] == always_send and len(always_send) > len(realtime_send)

    # Each action: the service's answer is reported; offline and refused hosts are unsent.
    for result, action in zip(results['sent'], ['enable_realtime_protection', 'update_definition', 'full_scan']):
        send, skipped = expected(action, hosts)
        unsent = [i for i in send if i in offline or i == refused]
        assert result['changed'] and not result.get('failed'), action
        assert result['unsent'] == unsent, action
        assert result['sent'] == [i for i in send if i not in unsent], action
        assert {s['host_id']: s['reason'] for s in result['skipped_hosts']} == skipped, action
        assert sorted(s['targetHostId'] for s in result['command_statuses']) == sorted(send), action

    # fail_on_unsent (the default) fails after reporting everything.
    refreshed = results['refreshed']
    send, dummy = expected('refresh_status', hosts)
    assert refreshed['failed'] and refreshed['changed'] and refreshed['error_kind'] == 'unsent'
    assert refreshed['unsent'] == [i for i in send if i in offline or i == refused]
    assert len(refreshed['sent']) + len(refreshed['unsent']) == len(send)
    assert str(refused) in refreshed['msg']

    # The rerun reads the details again: only the hosts not reached before still need the command.
    rerun = results['rerun']
    assert rerun['sent'] == [] and not rerun['changed']
    assert rerun['unsent'] == results['sent'][0]['unsent']

    # Bad input, before any write: every unknown id named, every bad value named.
    assert results['unknown']['failed'] and '4242, 4343' in results['unknown']['msg']
    assert results['unknown']['error_kind'] == 'validation'
    assert results['not_ids']['failed'] and "'not-an-id'" in results['not_ids']['msg'] and '12.5' in results['not_ids']['msg']
    assert results['bad_action']['failed'] and 'reboot' in results['bad_action']['msg']

    # One read and one call per task, on the documented paths; real-time protection falls back once on 404.
    # Check mode shares one cached read; each command drops the cached details, so the next task reads them
    # again; unknown ids are looked up in hostswithgroups before failing.
    details = (DETAILS, 200)
    realtime_calls = [(DOCUMENTED_REALTIME, 404), (ALTERNATIVE_REALTIME, 200)]
    assert [(e['path'], e['status']) for e in central.log()] == (
        [details] + realtime_calls + [details, (ACTION_PATHS['update_definition'], 200), details, (ACTION_PATHS['full_scan'], 200),
                                      details, (ACTION_PATHS['refresh_status'], 200), details] + realtime_calls
        + [details, ('/public-api/v2/hostswithgroups', 200)])
    assert len(writes(central)) == 7  # 5 commands, 2 of them retried on the other real-time path


def test_av_action_without_the_read_cache_reads_once_per_task(ansible, central):
    hosts = central.state(inventory=False)['hosts']
    run = ansible.playbook('av_action_once.yml', extra_vars={'host_ids': [h['id'] for h in hosts[:20]]},
                           LOGMEIN_CENTRAL_READ_CACHE_TTL=0)
    assert_ok(run)
    result = ansible.output('av_once.json')
    actions = [e['action'] for e in central.log()]
    assert actions == ['GET /v1/hosts/anti-virus/details', 'POST /v1/anti-virus/actions/start-fullscan']
    assert result['changed'] and result['api_calls'] == 2
